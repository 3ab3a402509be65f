// No valid setting holds the page up: every main-thread task stays under
// 200 ms (the Long Tasks API) at the largest settings of every lab, while
// they change, play, train and are inspected.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, openPage } from './harness.mjs';

after(closeAll);

const BUDGET = 200;

/** Records every long task of the page from its first moment. */
const observe = (page) => page.addInitScript(() => {
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
});
/** Every task over the budget, as "duration ms at start ms" (empty when none). */
const over = async (page) => (await page.evaluate(() => globalThis.__longTasks))
  .filter(([, d]) => d > BUDGET).map(([at, d]) => `${d} ms at ${at} ms`);

// Each test closes its page: one still playing or training would share the
// two cores with the next test's page.

test('the optimizer lab at 8 runs × 1000 steps of a typed surface, with noise: sliders, surfaces and playback', async () => {
  const surface = encodeURIComponent('sin(x)*cos(y) + (x^2 + y^2)/20 + exp(-(x-1)^2 - (y+1)^2) + log(1 + x^2)*tanh(y)');
  const { page, context, problems } = await openPage({ hash: `#runs=sgd|momentum|nesterov|adagrad|rmsprop|adam|adadelta|newton&steps=1000&noise=3&surface=${surface}&lang=en`, before: observe });
  for (let i = 0; i < 10; i++) await page.getByRole('slider', { name: /adam learning rate/i }).fill(String(-3 + i * 0.2));
  await page.getByRole('combobox', { name: 'Surface' }).selectOption('rosenbrock');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('240');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  assert.deepEqual(await over(page), [], 'tasks over the budget');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the initialization lab at 10 layers × 500 neurons × 5000 samples, backward, both rows with batch norm', async () => {
  const { page, context, problems } = await openPage({ hash: '#lab=init&samples=5000&width=500&layers=10&vs=he&vsbn=1&bn=1&view=backward&lang=en', before: observe });
  const done = () => page.waitForFunction(() => document.getElementById('init-status').textContent === '' && document.querySelectorAll('#init-stats tr').length === 20, null, { timeout: 120_000 });
  await done();
  await page.getByRole('combobox', { name: 'Activation' }).selectOption('tanh');
  await page.getByRole('button', { name: 'New' }).click();
  await page.getByRole('radio', { name: /activations/i }).check();
  await done();
  assert.match(await page.locator('#init-stats tr').first().textContent(), /1-layer/);
  assert.deepEqual(await over(page), [], 'tasks over the budget');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the MNIST lab: the largest network trains and is inspected, and a 400-trial search is planned', async () => {
  const big = Array(10).fill(1000).join(',');
  const { page, context, problems } = await openPage({ hash: `#lab=mnist&experiment=custom&run=hidden=${big};batch=256;eval-every=1&lang=en`, before: observe });
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => !document.getElementById('mnist-snapshot').disabled);
  await page.waitForFunction(() => Number(document.querySelector('#mnist-runs td:nth-child(3)').textContent.split(' ')[0]) >= 1, null, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Snapshot now' }).click();
  await page.getByText(/of the test digits right/).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('combobox', { name: 'Experiment' }).selectOption('hyperparameter-search');
  await page.getByRole('spinbutton', { name: 'Trials' }).fill('400');
  await page.getByRole('spinbutton', { name: 'Trials' }).blur();
  await page.getByRole('radio', { name: /both, to compare/i }).check();
  await page.waitForFunction(() => document.querySelectorAll('#mnist-runs tr').length === 400);
  assert.deepEqual(await over(page), [], 'tasks over the budget');
  assert.deepEqual(problems, []);
  await context.close();
});
