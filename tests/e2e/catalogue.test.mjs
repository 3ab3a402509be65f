// The page's controls come from the engine's catalogue: every menu lists the
// entry's choices, every slider and number box has the entry's bounds, and a
// hyperparameter added as one catalogue entry (ε inside the square root,
// seed 003) appears with its control, its link key and its effect.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, openPage } from './harness.mjs';

after(closeAll);

/** The page's own vocabulary and, for each control, what it shows. */
async function controls(page) {
  return page.evaluate(async () => {
    const { vocabulary } = await import('/www/js/engine.js');
    const { sliderScale } = await import('/www/js/controls.js');
    const v = vocabulary('en');
    const entry = (scope, key) => v[scope].settings.find((e) => e.key === key);
    const options = (id) => [...document.getElementById(id).options].map((o) => o.value);
    const bounds = (id) => {
      const e = document.getElementById(id);
      return [Number(e.min), Number(e.max)];
    };
    const ids = (scope, key) => entry(scope, key).choices.map((c) => c.id);
    const scale = (scope, key) => {
      const s = sliderScale(entry(scope, key));
      return [s.min, s.max];
    };
    const whole = (scope, key) => [entry(scope, key).min, entry(scope, key).max];
    return {
      menus: [
        [options('optim-surface'), [...ids('optim', 'surface'), 'custom']],
        [options('optim-schedule'), ids('optim', 'schedule')],
        [options('optim-side'), ids('optim', 'side')],
        [options('optim-preset'), ['', ...v.optim.presets.map((p) => p.id)]],
        [options('init-activation'), ids('init', 'activation')],
        [options('init-scheme'), [...ids('init', 'init'), 'custom']],
        [options('init-vs'), ['', ...ids('init', 'vs')]],
        [options('init-preset'), ['', ...v.init.presets.map((p) => p.id)]],
        [options('mnist-preset'), ids('mnist', 'experiment')],
        [[...document.querySelectorAll('input[name="init-view"]')].map((r) => r.value), ids('init', 'view')],
        [[...document.querySelectorAll('input[name="ms-layout"]')].map((r) => r.value), v.search.settings.find((e) => e.key === 'layout').choices.map((c) => c.id)],
      ],
      bounds: [
        [bounds('optim-steps'), whole('optim', 'steps')],
        [bounds('optim-noise'), scale('optim', 'noise')],
        [bounds('init-layers'), whole('init', 'layers')],
        [bounds('init-width'), whole('init', 'width')],
        [bounds('init-samples'), whole('init', 'samples')],
        [bounds('init-seed'), whole('init', 'seed')],
        [bounds('mnist-seed'), whole('mnist', 'seed')],
        [bounds('ms-trials'), whole('search', 'trials')],
      ],
      // Every optimizer row has a control for each hyperparameter its optimizer reads.
      rows: [...document.querySelectorAll('#optim-runs li')].map((li) => li.querySelectorAll('input[type=range], input[type=checkbox]:not([aria-label=""])').length),
      reads: v.optim.optimizers.filter((o) => ['sgd', 'momentum', 'adagrad', 'adam'].includes(o.id)).map((o) => o.params.length + 1),
    };
  });
}

test('every menu, slider and number box matches its catalogue entry', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=hyperparameter-search&lang=en' });
  const c = await controls(page);
  for (const [shown, want] of c.menus) assert.deepEqual(shown, want);
  for (const [shown, want] of c.bounds) assert.deepEqual(shown, want);
  // SGD: lr; Momentum: lr, momentum; AdaGrad: lr, ε, ε inside; Adam: lr, β1, β2, ε, ε inside, bias correction (+ "show").
  assert.deepEqual(c.rows, c.reads);
  assert.deepEqual(problems, []);
});

test('ε inside the square root: one catalogue entry gives its control, link key, effect and Korean label', async () => {
  const { page, problems } = await openPage({ hash: '#runs=adagrad;lr=1.5;eps=0.5&steps=5&lang=en' });
  const x = () => page.$eval('#optim-readouts tr td:nth-child(4)', (td) => td.textContent);
  const before = await x();
  await page.getByRole('checkbox', { name: 'AdaGrad ε inside the square root' }).check();
  await page.waitForFunction(() => /runs=adagrad;lr=1.5;eps=0.5;eps-inside=1/.test(location.hash));
  assert.notEqual(await x(), before, 'the update rule reads it');
  // A link with the key opens it; your own run offers it for the optimizers that read it.
  const { page: run } = await openPage({ hash: '#lab=mnist&experiment=custom&run=optimizer=rmsprop;eps-inside=1&lang=en' });
  assert.equal(await run.getByRole('checkbox', { name: 'ε inside the square root' }).isChecked(), true);
  assert.equal(await run.locator('#notice').textContent(), '');
  const { page: ko } = await openPage({ hash: '#runs=adam&lang=ko' });
  assert.ok(await ko.getByRole('checkbox', { name: 'Adam 제곱근 안의 ε' }).isVisible());
  const { page: sgd } = await openPage({ hash: '#runs=sgd;eps-inside=1&lang=en' });
  assert.match(await sgd.locator('#notice').textContent(), /SGD has no setting "eps-inside"; its settings are lr and show/);
  assert.deepEqual(problems, []);
});
