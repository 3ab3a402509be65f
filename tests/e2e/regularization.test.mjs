// The regularization half of the lecture, in the page: the two forms of
// dropout, L1 and L2 as separate coefficients, per-pixel standardization,
// the augmented digits, the weights during training, and a network's two
// modes in the run table and the inspector. (That the book's presets give
// the book's outcomes is proven natively, in tests/train_outcomes.rs.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, inkedFraction, openPage, screenshot } from './harness.mjs';

after(closeAll);

const hashOf = (page) => decodeURIComponent(new URL(page.url()).hash);

test('your own run: dropout form, L1 and L2, per-pixel standardization and augmentation, with the augmented digits shown', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=custom&run=dropout=0.2&lang=en' });
  await page.getByRole('combobox', { name: 'Dropout form' }).selectOption('inverted');
  await page.waitForFunction(() => /dropout-style=inverted/.test(decodeURIComponent(location.hash)));
  await page.getByRole('combobox', { name: 'Input scaling' }).selectOption('feature');
  await page.waitForFunction(() => /scaling=feature/.test(decodeURIComponent(location.hash)));
  await page.getByText('validation and test digits never enter these statistics', { exact: false }).waitFor();
  // λ₁ and λ₂ are two sliders (log scale: the slider holds log10 λ).
  await page.getByRole('slider', { name: /L1 weight decay/ }).fill('-3');
  await page.waitForFunction(() => /l1=0\.001/.test(decodeURIComponent(location.hash)));
  await page.getByRole('slider', { name: /L2 weight decay/ }).fill('-1');
  await page.waitForFunction(() => /l2=0\.1/.test(decodeURIComponent(location.hash)));
  assert.match(hashOf(page), /dropout=0\.2/);
  // Without augmentation the strip says both rows are the same digits.
  const note = page.locator('#mnist-augment-note');
  await note.filter({ hasText: 'No augmentation is chosen' }).waitFor();
  assert.ok((await inkedFraction(page, '#mnist-augment')) > 0.03);
  // Mixup: the augmented row is titled by its weights, and drawn.
  await page.getByRole('checkbox', { name: 'mixup' }).check();
  await page.waitForFunction(() => /augment=mixup/.test(decodeURIComponent(location.hash)));
  await note.filter({ hasText: 'Top row: training digits as stored' }).waitFor();
  await page.getByRole('checkbox', { name: 'rotate' }).check();
  const before = await page.locator('#mnist-augment').screenshot();
  // Another seed, other random changes.
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await page.getByRole('spinbutton', { name: 'Seed' }).blur();
  await note.filter({ hasText: 'seed 7' }).waitFor();
  assert.notDeepEqual(await page.locator('#mnist-augment').screenshot(), before);
  await page.locator('#mnist-augment').scrollIntoViewIfNeeded();
  await screenshot(page, 'regularization-your-run');
  assert.deepEqual(problems, []);
});

test('a network with batch norm and dropout shows both modes in the run table and the inspector, and batch norm its averages', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=custom&run=hidden=60,60;bn=1;dropout=0.2;l1=0.01;iterations=150;eval-every=50&lang=en' });
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => document.getElementById('mnist-status').textContent.startsWith('Done'), null, { timeout: 90_000 });
  // The run table: eval mode on the run's row, train mode under it.
  const rows = page.locator('#mnist-runs tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /Your run \(eval mode\)/);
  const trainRow = await rows.nth(1).textContent();
  assert.match(trainRow, /train mode: statistics of each batch of 128, dropout on/);
  assert.match(trainRow, /\d+\.\d%/);
  // The inspector: a table of the modes and a switch between them.
  await page.getByText(/of the test digits right in eval mode/).waitFor({ timeout: 30_000 });
  const modes = page.locator('#inspect-modes-table tr');
  assert.equal(await modes.count(), 3);
  const acc = async (i) => parseFloat((await modes.nth(i).locator('td').nth(1).textContent()));
  const [evalAcc, trainAcc, single] = [await acc(0), await acc(1), await acc(2)];
  assert.ok(evalAcc > 50, `eval mode ${evalAcc}`);
  assert.ok(single < 25, `batches of 1: ${single}`);
  assert.ok(trainAcc > single, `train mode ${trainAcc} vs ${single}`);
  await page.getByRole('radio', { name: /train mode: statistics of each batch of 1,/ }).check();
  await page.getByText(new RegExp(`${single.toFixed(1).replace('.', '\\.')}% of the test digits right in train mode`)).waitFor();
  await page.getByRole('radio', { name: /^eval mode/ }).check();
  await page.getByText(/of the test digits right in eval mode/).waitFor();
  // Batch norm's running averages beside a batch's statistics.
  const layer = page.getByRole('combobox', { name: 'Layer' });
  await layer.selectOption({ label: 'hidden layer 2' });
  await page.getByText(/Over all 60 units of layer 2, the running mean is on average/).waitFor();
  assert.equal(await page.locator('#inspect-norm-table tr').count(), 5);
  assert.ok((await inkedFraction(page, '#mnist-norm')) > 0.02);
  // The weights: a histogram per matrix, with the share near zero (L1 at work).
  assert.ok((await inkedFraction(page, '#mnist-weight-hist')) > 0.02);
  const weightRows = page.locator('#mnist-weights-table tr');
  assert.equal(await weightRows.count(), 3);
  const nearZero = parseFloat(await weightRows.nth(0).locator('td').nth(3).textContent());
  assert.ok(nearZero > 5, `W1 near zero: ${nearZero}%`);
  await page.getByRole('combobox', { name: 'Run' }).selectOption({ label: 'Your run' });
  await page.locator('#inspect-modes').scrollIntoViewIfNeeded();
  await screenshot(page, 'regularization-modes');
  await page.locator('#inspect-norm').scrollIntoViewIfNeeded();
  await screenshot(page, 'regularization-batch-norm');
  assert.deepEqual(problems, []);
});

test('the book\'s dropout presets are offered, in the book\'s form, with the comparison of the two forms', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&lang=en' });
  const experiment = page.getByRole('combobox', { name: 'Experiment' });
  await experiment.selectOption('dropout-forms');
  await page.getByText(/0\.8⁶ ≈ 0\.26/).waitFor();
  const names = await page.locator('#mnist-runs tr td:first-child').allTextContents();
  assert.deepEqual(names.map((n) => n.replace(/^●\s*/, '').trim()), ['no dropout', "book's dropout 0.2", 'inverted dropout 0.2']);
  await experiment.selectOption('overfit-dropout');
  await page.getByText(/gap to test accuracy roughly halves/).waitFor();
  // In Korean too.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await page.getByText(/대략 절반으로 줄어듭니다/).waitFor();
  assert.deepEqual(problems, []);
});
