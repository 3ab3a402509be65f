// The MNIST lab's runs on their own loss: after the book's optimizer
// comparison, one click draws the four paths on one plane of the network's loss.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { closeAll, inkedFraction, openPage, screenshot } from './harness.mjs';

after(closeAll);

test('after the optimizer comparison, one click draws SGD, Momentum, AdaGrad and Adam on the network\'s own loss', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist', viewport: { width: 1280, height: 900 } });
  const draw = page.getByRole('button', { name: 'Draw the loss landscape' });
  assert.ok(await draw.isDisabled(), 'nothing to draw before a run');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText(/^Done in/).first().waitFor({ timeout: 150_000 });
  await draw.click();
  const lines = page.getByRole('table', { name: /straight lines through the weights/ });
  await lines.waitFor({ timeout: 60_000 });
  const status = page.locator('#mnist-landscape-status');
  await page.locator('#mnist-landscape-status', { hasText: /^Done in/ }).waitFor({ timeout: 90_000 });
  const seconds = Number((await status.textContent()).match(/Done in ([\d.]+) s/)?.[1]);
  console.log(`# loss landscape, 31 × 31 on 1,000 digits, its lines and four sharpnesses, one worker: ${seconds} s`);
  // The sharpness at each run's end: SGD at the book's η = 0.01 ends where
  // ηλ is below 1, so it slides in and does not zig-zag (the native run
  // measures λ ≈ 60.2, ηλ ≈ 0.60), and the loss measured along the direction
  // follows the quadratic model; the adaptive optimizers get no ηλ verdict.
  const sharp = page.getByRole('table', { name: /sharpness at each run's end/ });
  const sharpRows = await sharp.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(sharpRows.map((r) => r[0]), ['SGD', 'Momentum', 'AdaGrad', 'Adam']);
  const [lr, etaLambda] = sharpRows[0][2].split(' · ').map(Number);
  assert.equal(lr, 0.01);
  assert.ok(Math.abs(etaLambda - lr * Number(sharpRows[0][1])) < 0.01 * etaLambda, sharpRows[0].join(' | '));
  assert.ok(etaLambda > 0.3 && etaLambda < 1, sharpRows[0].join(' | '));
  assert.match(sharpRows[0][5], /^Slides in: ηλ = [\d.]+ < 1/);
  assert.doesNotMatch(sharpRows[0][5], /rises far/);
  assert.match(sharpRows[3][5], /^Adaptive/);
  // Four lines from each run's start to its end, three between the runs' ends.
  const rows = await lines.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 7);
  assert.match(rows[0][0], /^SGD: start → end/);
  // Near ln 10 ≈ 2.30 at the start (α = 0); every run ends far lower (α = 1).
  for (const row of rows.slice(0, 4)) {
    const loss = row.slice(1).map((c) => parseFloat(c));
    assert.ok(loss[1] > 2 && loss[3] < 0.5, row.join(' | '));
  }
  assert.ok((await inkedFraction(page, '#mnist-landscape')) > 0.5, 'the plane is drawn');
  await page.locator('#mnist-landscape').scrollIntoViewIfNeeded();
  await screenshot(page, 'mnist-landscape');
  // The figure says which plane it is, and exports as SVG and CSV.
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export the loss landscape' }).getByRole('button', { name: 'Download SVG' }).click();
  const svg = await readFile(await (await svgDownload).path(), 'utf8');
  assert.match(svg, /principal directions \([\d.]+% \+ [\d.]+% of their variance\), eval mode/);
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export the loss landscape' }).getByRole('button', { name: 'Download CSV' }).click();
  const csv = (await readFile(await (await csvDownload).path(), 'utf8')).trim().split('\n');
  assert.equal(csv.length, 1 + 31 * 31);
  assert.ok(csv.slice(1).every((l) => l.split(',').length === 3 && Number.isFinite(Number(l.split(',')[2]))));
  assert.deepEqual(problems, []);
});

test('the zig-zag experiment draws the first lab\'s zig-zag on the network, across and along its valley', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist', viewport: { width: 1280, height: 900 } });
  await page.getByRole('combobox', { name: 'Experiment' }).selectOption('zigzag');
  const start = page.getByRole('button', { name: 'Start' });
  await page.waitForFunction(() => !document.querySelector('#mnist-start').disabled);
  await start.click();
  await page.getByText(/^Done in/).first().waitFor({ timeout: 120_000 });
  // The plane defaults to the first run's valley for this experiment.
  const directions = page.getByRole('combobox', { name: 'Directions of the plane' });
  assert.equal(await directions.inputValue(), 'sharp:0');
  await page.getByRole('button', { name: 'Draw the loss landscape' }).click();
  const status = page.locator('#mnist-landscape-status');
  await page.locator('#mnist-landscape-status', { hasText: /^Done in/ }).waitFor({ timeout: 120_000 });
  console.log(`# zig-zag landscape, 31 × 31 across and along the valley: ${await status.textContent()}`);
  // η 0.1 zig-zags (ηλ between 1 and 2 at its end), η 0.01 slides in.
  const sharp = page.getByRole('table', { name: /sharpness at each run's end/ });
  const rows = await sharp.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['full batch, η 0.1', 'full batch, η 0.01']);
  assert.match(rows[1][5], /^Slides in/);
  assert.ok((await inkedFraction(page, '#mnist-landscape')) > 0.5, 'the plane is drawn');
  await page.locator('#mnist-landscape').scrollIntoViewIfNeeded();
  await screenshot(page, 'mnist-landscape-zigzag');
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export the loss landscape' }).getByRole('button', { name: 'Download SVG' }).click();
  const svg = await readFile(await (await svgDownload).path(), 'utf8');
  assert.match(svg, /valley at its end \(its sharpest direction, [\d.]+% of the path/);
  assert.deepEqual(problems, []);
});
