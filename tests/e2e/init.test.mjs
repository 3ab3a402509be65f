// The initialization lab as a student uses it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closeAll, inkedFraction, openPage, screenshot } from './harness.mjs';

after(closeAll);

async function table(page) {
  return page.locator('#init-stats tr').evaluateAll((rows) => rows.map((tr) => [...tr.children].map((td) => td.textContent.trim())));
}

test('the default is the book: five sigmoid layers, std 1, saturated', async () => {
  const { page, problems } = await openPage({ hash: '#lab=init' });
  const rows = await table(page);
  assert.deepEqual(rows.map((r) => r[1]), ['1-layer', '2-layer', '3-layer', '4-layer', '5-layer']);
  assert.equal(await page.getByRole('combobox', { name: 'Preset' }).first().evaluate(() => document.getElementById('init-preset').value), 'book');
  assert.ok((await inkedFraction(page, '#init-canvas')) > 0.03);
  // Saturation above 40 % in every layer (tests/init_claims.rs holds the claim natively).
  assert.ok(rows.every((r) => parseFloat(r[4]) > 40), JSON.stringify(rows));

  // The page (wasm) and the command line (native) draw the same seeded numbers.
  const bin = join(import.meta.dirname, '..', '..', 'target', 'debug', 'descent');
  if (existsSync(bin)) {
    const cli = JSON.parse(execFileSync(bin, ['activations']));
    cli.layers.forEach((l, i) => {
      const pageStd = Number(rows[i][3]);
      assert.ok(Math.abs(pageStd - l.std) < 0.01 * l.std, `layer ${i + 1}: page ${pageStd} vs cli ${l.std}`);
    });
  }
  await screenshot(page, 'init-book');
  assert.deepEqual(problems, []);
});

test('switching to ReLU and He changes the numbers; a comparison adds a row', async () => {
  const { page, problems } = await openPage({ hash: '#lab=init' });
  const before = await table(page);
  await page.getByRole('combobox', { name: 'Activation' }).selectOption('relu');
  await page.getByRole('combobox', { name: 'Initialization' }).selectOption('he');
  const after = await table(page);
  assert.notDeepEqual(after, before);
  assert.ok(after.every((r) => parseFloat(r[5]) > 40), 'about half of ReLU outputs are exactly 0');
  assert.match(page.url(), /activation=relu/);
  assert.match(page.url(), /init=he/);
  await page.getByRole('combobox', { name: 'Second row' }).selectOption('xavier');
  const both = await table(page);
  assert.equal(both.length, 10);
  // He keeps the spread; Xavier's fifth layer is far narrower than its first.
  assert.ok(Number(both[4][3]) > 0.5 * Number(both[0][3]));
  assert.ok(Number(both[9][3]) < 0.4 * Number(both[5][3]));
  await screenshot(page, 'init-relu-compare');
  assert.deepEqual(problems, []);
});

test('a width out of range is refused with a message and the page keeps working', async () => {
  const { page, problems } = await openPage({ hash: '#lab=init' });
  const width = page.getByRole('spinbutton', { name: 'Width' });
  await width.fill('1000');
  await width.press('Enter');
  await width.blur();
  await page.getByText('The width (neurons per layer) must be a whole number from 10 to 500, got 1000.').waitFor();
  assert.equal((await table(page)).length, 5);
  await width.fill('50');
  await width.blur();
  await page.waitForFunction(() => document.getElementById('init-error').textContent === '');
  await page.getByRole('radio', { name: /weight gradients/i }).check();
  const rows = await table(page);
  assert.ok(rows.every((r) => r[6] !== '—'), 'the backward view reports dW');
  assert.deepEqual(problems, []);
});

test('zero init says that every neuron is identical', async () => {
  const { page, problems } = await openPage({ hash: '#lab=init&init=zeros' });
  const rows = await table(page);
  assert.ok(rows.every((r) => r[7] === 'all neurons identical'));
  assert.equal(await page.locator('#init-preset').inputValue(), 'zeros');
  assert.deepEqual(problems, []);
});
