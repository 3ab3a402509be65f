// The practice of training in the page: the batch-size experiment (equal
// epochs against equal updates, the noise of the losses, the time per
// epoch) and the assistant's remarks with their bands. (The outcomes over
// seeds are proven natively, in tests/train_outcomes.rs.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, openPage, screenshot } from './harness.mjs';

after(closeAll);

test('batch size: four sizes at equal epochs and at equal updates, with the noise and the time per epoch', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=batch-size&lang=en' });
  await page.getByText(/At equal epochs \(the top four\)/).waitFor();
  const rows = page.locator('#mnist-runs tr');
  assert.equal(await rows.count(), 8);
  assert.match(await rows.nth(0).textContent(), /batch 8, 3 epochs \(750 updates\)/);
  assert.match(await rows.nth(7).textContent(), /batch 1024, 300 updates \(153\.6 epochs\)/);
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => document.getElementById('mnist-status').textContent.startsWith('Done'), null, { timeout: 180_000 });
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent.trim())));
  const acc = cells.map((c) => parseFloat(c[6]));
  assert.ok(acc[0] > acc[3] + 20, `equal epochs: ${acc}`);
  assert.ok(acc[7] > acc[4], `equal updates: ${acc}`);
  // Time per epoch: batch 1024 passes an epoch in fewer, larger products.
  const perEpoch = cells.map((c) => parseFloat(c[9]));
  assert.ok(perEpoch.every((s) => s > 0), cells.map((c) => c[9]).join(' | '));
  // The assistant measures each run's noise; batch 8's is the largest.
  const noise = await page.locator('#mnist-diagnostics li', { hasText: 'Loss noise' }).allTextContents();
  const pct = (name) => Number(noise.find((n) => n.startsWith(name)).match(/±(\d+) %/)[1]);
  assert.ok(pct('batch 8, 300 updates') > 3 * pct('batch 1024, 300 updates'), noise.join('\n'));
  await page.locator('#mnist-runs').scrollIntoViewIfNeeded();
  await screenshot(page, 'batch-size');
  assert.deepEqual(problems, []);
});

test('the guided tuning session: each step one click, checked, handing its results on, in the link', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=guided-tuning&lang=en' });
  const step = page.getByRole('combobox', { name: 'Step of the session' });
  assert.equal(await step.inputValue(), '1');
  await page.getByText(/with a weight penalty λ₂ = 0\.001 it must be higher/).waitFor();
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  const check = page.getByRole('status').filter({ hasText: /^Step/ });
  await page.getByRole('button', { name: 'Start' }).click();
  await check.filter({ hasText: /Step 1 passed: the initial loss is 2\.\d+ ≈ ln 10 = 2\.30, and with λ₂ = 0\.001 it rose to \d/ }).waitFor({ timeout: 60_000 });
  // One click on to the next step, which runs.
  await screenshot(page, 'guided-tuning-1');
  await page.getByRole('button', { name: 'Go on to step 2' }).click();
  await check.filter({ hasText: /Step 2 passed: 100 % on 20 digits after \d+ updates\./ }).waitFor({ timeout: 60_000 });
  assert.match(decodeURIComponent(new URL(page.url()).hash), /step=2/);
  await screenshot(page, 'guided-tuning-2');
  await page.getByRole('button', { name: 'Go on to step 3' }).click();
  await check.filter({ hasText: /Step 3 passed: the three cases of the lecture\. η 1e-6: flat \(too low\);.*η 10: exploded \(too high\)/ }).waitFor({ timeout: 90_000 });
  await screenshot(page, 'guided-tuning-3');
  // A lecturer can start at any step: the coarse search hands its ranges on.
  await step.selectOption('4');
  await page.getByRole('button', { name: 'Start' }).click();
  await check.filter({ hasText: /Step 4: 20 trials of 2 epochs; the best reached/ }).waitFor({ timeout: 120_000 });
  const hash = decodeURIComponent(new URL(page.url()).hash);
  assert.match(hash, /tune-space=lr=log:[\d.e-]+:[\d.e-]+,l2=log:/, hash);
  await page.locator('#mnist-own').scrollIntoViewIfNeeded();
  await screenshot(page, 'guided-tuning-4');
  // The fine stage in those ranges hands its best values on to step 6.
  await page.getByRole('button', { name: 'Go on to step 5' }).click();
  await check.filter({ hasText: /Step 5: 10 trials of 10 epochs; the best reached \d+\.\d % on the validation digits with lr=/ }).waitFor({ timeout: 120_000 });
  const best = decodeURIComponent(new URL(page.url()).hash).match(/tune-best=([^&]+)/)?.[1];
  assert.match(best ?? '', /^lr=[\d.e-]+,l2=[\d.e-]+$/, best);
  await screenshot(page, 'guided-tuning-5');
  await page.getByRole('button', { name: 'Go on to step 6' }).click();
  await check.filter({ hasText: /Step 6: trained to the end with lr=[\d.e-]+;l2=[\d.e-]+: \d+\.\d % on the test digits\./ }).waitFor({ timeout: 180_000 });
  const tuned = Number((await check.textContent()).match(/([\d.]+) % on the test digits/)[1]);
  assert.ok(tuned > 85, `the tuned network scores ${tuned} % on the test digits`);
  await screenshot(page, 'guided-tuning-6');
  // Step 7 goes back to the fine search, narrowed around its best trials, then on to the end again.
  await page.getByRole('button', { name: 'Go on to step 7' }).click();
  await check.filter({ hasText: /Step 7: 10 trials of 10 epochs; the best reached/ }).waitFor({ timeout: 120_000 });
  assert.ok(await page.getByRole('button', { name: 'Go on to step 6' }).isVisible());
  await screenshot(page, 'guided-tuning-7');
  assert.deepEqual(problems, []);
});
