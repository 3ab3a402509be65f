// An internal error (a panic in the engine) is a bug, and the page survives
// one: the tests' copy of the engine (scripts/build.sh --test-hooks) can
// panic on purpose. In the page, the engine is replaced and every lab is
// rebuilt from the state table; in a training worker, the run says so and
// the worker is replaced. After either, the next ordinary action works.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, openPage, usePackage } from './harness.mjs';

usePackage('target/pkg-test');
after(closeAll);

/** The console lines an internal error writes, which these tests cause on purpose. */
const expected = (p) => /internal error|a panic on purpose|unreachable/i.test(p);

test('after a panic in the page the engine is replaced, the labs keep their state, and drawing, training and inspecting work', async () => {
  const { page, problems } = await openPage({ hash: '#lab=init&activation=relu&init=he&lang=en' });
  const before = await page.locator('#init-stats').textContent();
  const panic = () => page.evaluate(async () => {
    const { engine } = await import('/www/js/engine.js');
    try {
      engine().test_panic('page');
    } catch {
      // The broken module throws; the page replaces it.
    }
  });
  await panic();
  await page.waitForFunction(() => /restarted its engine/.test(document.getElementById('notice').textContent));
  assert.equal(await page.locator('#error').isHidden(), true, await page.locator('#error').textContent());
  assert.equal(await page.locator('#init-stats').textContent(), before, 'the same view, from the state table');
  // The next actions, in every lab.
  await page.getByRole('combobox', { name: 'Activation' }).selectOption('tanh');
  await page.waitForFunction(() => /activation=tanh/.test(location.hash));
  assert.notEqual(await page.locator('#init-stats').textContent(), before);
  await page.getByRole('tab', { name: 'Optimizers' }).click();
  await page.getByRole('slider', { name: /adam learning rate/i }).fill('-2');
  await page.waitForFunction(() => /adam;lr=0\.01/.test(location.hash));
  await page.getByRole('tab', { name: 'MNIST training' }).click();
  await page.getByRole('combobox', { name: 'Experiment' }).selectOption('custom');
  await page.getByRole('spinbutton', { name: 'Length' }).fill('60');
  await page.getByRole('spinbutton', { name: 'Length' }).blur();
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => document.getElementById('mnist-status').textContent.startsWith('Done'), null, { timeout: 60_000 });
  await page.getByText(/of the test digits right/).waitFor();
  await page.locator('#mnist-pad').scrollIntoViewIfNeeded();
  const pad = await page.locator('#mnist-pad').boundingBox();
  await page.mouse.move(pad.x + pad.width * 0.5, pad.y + pad.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(pad.x + pad.width * 0.5, pad.y + pad.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await page.getByText(/The network reads \d/).waitFor();
  // Said once.
  assert.equal((await page.locator('#notice').textContent()).match(/restarted its engine/g).length, 1);
  // A second panic is recovered from too.
  await page.waitForTimeout(5200);
  await panic();
  await page.waitForFunction(() => document.getElementById('notice').textContent.includes('restarted its engine'));
  await page.getByRole('tab', { name: 'Optimizers' }).click();
  await page.getByRole('slider', { name: /sgd learning rate/i }).fill('-1');
  await page.waitForFunction(() => /sgd;lr=0\.1[|&]/.test(location.hash));
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
});

test('after a panic in a training worker its run says so, the worker is replaced, and the other runs finish', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=optimizer-compare&workers=1&lang=en' });
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('#mnist-runs tr')].some((tr) => /training/.test(tr.textContent)));
  await page.evaluate(() => globalThis.descentTest.labs.mnist.pool.entries[0].worker.postMessage({ type: 'test-panic' }));
  await page.getByText(/stopped by an internal error/).first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => document.getElementById('mnist-status').textContent.startsWith('Done'), null, { timeout: 120_000 });
  const statuses = await page.locator('#mnist-runs tr td:nth-child(9)').allTextContents();
  assert.equal(statuses.filter((s) => /internal error/.test(s)).length, 1, statuses.join(' | '));
  assert.equal(statuses.filter((s) => s === 'finished').length, 3, statuses.join(' | '));
  // The lab is ready for the next experiment.
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('#mnist-runs tr')].some((tr) => /training/.test(tr.textContent)));
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
});
