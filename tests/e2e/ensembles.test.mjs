// Ensembles and transfer learning in the page: the ensemble of K members
// beside each member, live; a snapshot ensemble and Polyak averaging beside
// their runs; transfer learning's pretrained and scratch runs with seed
// 001's four cases one click away; and any network trained further. (That
// the outcomes hold over seeds is proven natively, in
// tests/train_outcomes.rs; here the page must show them.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeAll, inkedFraction, openPage, screenshot } from './harness.mjs';

after(closeAll);

const hashOf = (page) => decodeURIComponent(new URL(page.url()).hash);
const done = (page, timeout) => page.waitForFunction(() => document.getElementById('mnist-status').textContent.startsWith('Done'), null, { timeout });
const rowText = async (page, name) => page.locator('#mnist-runs tr', { hasText: name }).first().textContent();
const pctIn = (text) => [...text.matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));

test('an ensemble of three: each member and the ensemble, live, with its test loss below the best member\'s', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=ensemble&lang=en' });
  // The ensemble's size is the experiment's own setting, in the link.
  const members = page.getByRole('spinbutton', { name: 'Networks in the ensemble' });
  await members.fill('3');
  await members.blur();
  await page.waitForFunction(() => /members=3/.test(decodeURIComponent(location.hash)));
  const rows = page.locator('#mnist-runs tr');
  assert.equal(await rows.count(), 4);
  assert.match(await rows.nth(3).textContent(), /ensemble of 3/);
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  // Live: the ensemble is scored while its members still train.
  await page.waitForFunction(() => {
    const row = [...document.querySelectorAll('#mnist-runs tr')].find((r) => r.textContent.includes('ensemble of 3'));
    return row && /at \d+/.test(row.textContent) && !document.getElementById('mnist-status').textContent.startsWith('Done');
  }, null, { timeout: 60_000 });
  await done(page, 120_000);
  const ensemble = await rowText(page, 'ensemble of 3');
  const loss = Number(ensemble.match(/(\d\.\d+)\s*members: best test loss (\d\.\d+)/)[1]);
  const best = Number(ensemble.match(/best test loss (\d\.\d+)/)[1]);
  assert.ok(loss <= best, `ensemble ${loss} vs best member ${best}: ${ensemble}`);
  // Every member's row has its own test accuracy.
  for (const k of [1, 2, 3]) assert.equal(pctIn(await rowText(page, `member ${k}`)).length >= 2, true);
  // The loss chart carries the test losses (dots), the ensemble's among them.
  assert.ok((await inkedFraction(page, '#mnist-loss')) > 0.02);
  // Exported like every plot: the CSV has the ensemble's test losses, the SVG its name.
  const save = async (name) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#panel-mnist').getByRole('button', { name, exact: true }).first().click()]);
    return readFileSync(await file.path(), 'utf8');
  };
  assert.match(await save('Download CSV'), /"ensemble of 3",test_loss,\d+,0\.\d+/);
  assert.match(await save('Download SVG'), /ensemble of 3/);
  assert.match(await save('Download PNG'), /PNG/);
  await page.locator('#mnist-loss').scrollIntoViewIfNeeded();
  await screenshot(page, 'ensemble-of-three');
  assert.deepEqual(problems, []);
});

test('a snapshot ensemble and Polyak averaging are scored beside their runs', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=snapshot-ensemble&lang=en' });
  const rows = page.locator('#mnist-runs tr');
  assert.equal(await rows.count(), 4);
  assert.match(await rows.nth(2).textContent(), /warm restarts, 5 cycles: 5 snapshots averaged/);
  assert.match(await rows.nth(3).textContent(), /Polyak averaging 0\.99: averaged weights/);
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await done(page, 120_000);
  assert.match(await rows.nth(2).textContent(), /5 snapshots averaged\s*$/);
  assert.match(await rows.nth(3).textContent(), /moving average of the weights/);
  assert.equal(pctIn(await rows.nth(3).textContent()).length, 1);
  assert.deepEqual(problems, []);
});

test('transfer learning: a pretrained network on digits 5–9 beside one from scratch, seed 001\'s four cases one click each, in Korean too', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=transfer-learning&lang=en' });
  await page.getByText('“Different” scrambles every image\'s pixels', { exact: false }).waitFor();
  const table = page.getByRole('table', { name: /four cases/ });
  assert.equal(await table.getByRole('button', { name: /^Run:/ }).count(), 4);
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  // Similar task, little data: the case sets the controls and the link, and runs.
  await table.getByRole('button', { name: 'Run: similar: digits 5–9, 5 a class' }).click();
  await page.waitForFunction(() => /freeze=3/.test(decodeURIComponent(location.hash)));
  assert.equal(await page.getByRole('spinbutton', { name: 'Of them frozen' }).inputValue(), '3');
  const rows = page.locator('#mnist-runs tr');
  assert.match(await rows.nth(1).textContent(), /pretrained: 3 layers frozen, a new head/);
  assert.match(await rows.nth(2).textContent(), /from scratch on the same 25 digits/);
  // The reused run waits for the pretrained network, then trains.
  await page.waitForFunction(() => /waiting/.test(document.querySelectorAll('#mnist-runs tr')[1]?.textContent ?? ''), null, { timeout: 10_000 });
  await done(page, 180_000);
  for (const k of [0, 1, 2]) assert.match(await rows.nth(k).textContent(), /finished/);
  assert.ok(pctIn(await rows.nth(1).textContent()).at(-1) > 40, await rows.nth(1).textContent());
  await page.locator('#mnist-cases').scrollIntoViewIfNeeded();
  await screenshot(page, 'transfer-learning');
  // The controls and the table in Korean.
  await page.getByRole('combobox', { name: /Language/ }).selectOption('ko');
  await page.getByRole('table', { name: /네 경우/ }).getByRole('button', { name: /^실행:/ }).first().waitFor();
  assert.deepEqual(problems, []);
});

test('a finished network is trained further: its first layer frozen, a new head', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=custom&run=hidden=40,40;iterations=60;eval-every=30&lang=en' });
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await done(page, 60_000);
  await page.getByRole('button', { name: 'Train this network further' }).click();
  await page.getByText(/Starts from the network “Your run”/).waitFor();
  await page.locator('#mnist-custom').scrollIntoViewIfNeeded();
  await screenshot(page, 'train-further');
  await page.getByRole('spinbutton', { name: 'Frozen lower layers' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Frozen lower layers' }).blur();
  await page.waitForFunction(() => /freeze-layers=1/.test(decodeURIComponent(location.hash)));
  await page.getByRole('button', { name: 'Start' }).click();
  await done(page, 60_000);
  assert.match(await page.locator('#mnist-runs tr').first().textContent(), /finished/);
  // And back to training from scratch.
  await page.getByRole('button', { name: 'Train from scratch instead' }).click();
  assert.equal(await page.locator('#mc-start').isHidden(), true);
  assert.match(hashOf(page), /experiment=custom/);
  assert.deepEqual(problems, []);
});

test('the optimizer lab has the same warm restarts: the schedule menu offers them and the side plot draws the rate rising again', async () => {
  const { page, problems } = await openPage({ hash: '#lab=optim&side=schedule&lang=en' });
  const menu = page.getByRole('combobox', { name: 'Schedule' });
  await menu.selectOption('restarts');
  await page.waitForFunction(() => /schedule=restarts:4:1/.test(decodeURIComponent(location.hash)));
  assert.ok((await inkedFraction(page, '#optim-side-canvas')) > 0.01);
  await page.locator('#optim-side-canvas').scrollIntoViewIfNeeded();
  await screenshot(page, 'optimizer-warm-restarts');
  assert.deepEqual(problems, []);
});
