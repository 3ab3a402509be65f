// No input breaks the page: files the engine cannot use, links with values
// out of range or in odd forms, and typed values are each answered with a
// sentence, nothing changes silently, and the next ordinary action works.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { closeAll, openPage } from './harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

after(closeAll);

const notice = (page) => page.locator('#notice').textContent();

/** An IDX file: images (count, rows, cols) or labels (count). */
function idx(dims, data) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt8(8, 2);
  head.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

/** FNV-1a over 32-bit words in four lanes: the checksum of a model file (src/checksum.rs). */
function fnv1aWords(bytes) {
  const prime = 0x01000193;
  const fnv = (data) => data.reduce((h, b) => Math.imul(h ^ b, prime) >>> 0, 0x811c9dc5);
  const lanes = [0x811c9dc5, 0x811c9dc5, 0x811c9dc5, 0x811c9dc5];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks = Math.floor(bytes.length / 16);
  for (let b = 0; b < blocks; b++) {
    for (let l = 0; l < 4; l++) lanes[l] = Math.imul((lanes[l] ^ view.getUint32(16 * b + 4 * l, true)) >>> 0, prime) >>> 0;
  }
  for (let i = 16 * blocks; i < bytes.length; i++) lanes[0] = Math.imul(lanes[0] ^ bytes[i], prime) >>> 0;
  const joined = Buffer.alloc(16);
  lanes.forEach((l, i) => joined.writeUInt32LE(l, 4 * i));
  return fnv([...joined]);
}

/** A model file changed by `edit` (of its bytes before the checksum), sealed again. */
function resealed(model, edit) {
  const body = Buffer.from(model.subarray(0, model.length - 4));
  edit(body);
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(fnv1aWords(body));
  return Buffer.concat([body, sum]);
}

test('digits that are not 28×28 are refused when loading, and training on the bundle still works', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=custom&lang=en' });
  const set = (n) => ({
    images: idx([n, 8, 8], Array.from({ length: n * 64 }, (_, i) => (i * 7) % 256)),
    labels: idx([n], Array.from({ length: n }, (_, i) => i % 10)),
  });
  const [train, test] = [set(600), set(120)];
  const file = (name, buffer) => ({ name, mimeType: 'application/octet-stream', buffer });
  await page.getByLabel(/four MNIST files/i).setInputFiles([
    file('train-images-idx3-ubyte.gz', gzipSync(train.images)), file('train-labels-idx1-ubyte', train.labels),
    file('t10k-images-idx3-ubyte', test.images), file('t10k-labels-idx1-ubyte', test.labels),
  ]);
  await page.getByText("The training images are 8×8 pixels; Descent trains, draws and saves networks on MNIST's 28×28-pixel digits.").waitFor();
  await page.getByText('10,000 bundled digits: 8,000 for training, 2,000 for testing.').waitFor();
  // A text file named .gz is said to be what it is.
  await page.getByLabel(/four MNIST files/i).setInputFiles([
    file('train-images-idx3-ubyte.gz', Buffer.from('just some text, named .gz')), file('train-labels-idx1-ubyte', train.labels),
    file('t10k-images-idx3-ubyte', test.images), file('t10k-labels-idx1-ubyte', test.labels),
  ]);
  await page.getByText(/neither an IDX file .* nor gzip-compressed/).waitFor();
  await page.getByRole('spinbutton', { name: 'Length' }).fill('50');
  await page.getByRole('spinbutton', { name: 'Length' }).blur();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => document.getElementById('mnist-status').textContent.startsWith('Done'), null, { timeout: 60_000 });
  await page.getByText(/of the test digits right/).waitFor();
  assert.deepEqual(problems, []);
});

test('a model file whose checksum is right but whose network cannot be used is explained, and a good one still loads', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=custom&run=iterations=30&lang=en' });
  await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText(/of the test digits right/).waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download model' }).click()]);
  const { readFileSync } = await import('node:fs');
  const model = readFileSync(await download.path());
  const layers = model.readUInt32LE(16);
  const flagsAt = 20 + 4 * layers;
  const load = async (name, bytes) => page.getByLabel('Load a model file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  const cases = [
    ['two-outputs.dscm', (b) => b.writeUInt32LE(2, 12), 'This model has 2 outputs; a digit classifier has 10, one per digit.'],
    ['eleven.dscm', (b) => b.writeUInt32LE(11, 12), 'This model has 11 outputs'],
    ['thousand.dscm', (b) => b.writeUInt32LE(1000, 12), 'This model has 1000 outputs'],
    ['small-input.dscm', (b) => b.writeUInt32LE(64, 8), 'This model takes 64 inputs'],
    ['nan.dscm', (b) => b.writeFloatLE(Number.NaN, flagsAt + 12 + 8), 'not a finite number'],
    ['inf.dscm', (b) => b.writeFloatLE(Number.POSITIVE_INFINITY, flagsAt + 12 + 12), 'not a finite number'],
    ['flag.dscm', (b) => b.writeUInt8(2, flagsAt + 1), "The model file's batch-norm flag must be 0 or 1, got 2."],
    ['form.dscm', (b) => b.writeUInt8(5, flagsAt + 2), "The model file's dropout form must be 0 (the book's) or 1 (inverted), got 5."],
    ['scaling.dscm', (b) => b.writeUInt8(9, flagsAt + 3), 'unknown input scaling (number 9)'],
  ];
  for (const [name, edit, sentence] of cases) {
    await load(name, resealed(model, edit));
    await page.locator('#mnist-inspect-status').filter({ hasText: sentence }).waitFor();
  }
  await load('good.dscm', model);
  await page.getByText(/file: good\.dscm: .*of the test digits right/).waitFor();
  assert.deepEqual(problems, []);
});

test('a link keeps what it says: a + is a plus, and every value refused is named and left out of the link', async () => {
  const { page, problems } = await openPage({ hash: '#surface=x^2/20+y^2&lang=en' });
  assert.equal(await page.locator('#optim-formula').textContent(), 'f(x, y) = x^2/20+y^2');
  assert.equal(await notice(page), '');
  const bad = await openPage({ hash: '#start=1e9,0&steps=0&runs=sgd;lr=1e308&seed=4294967296&noise=-1&lang=en' });
  const text = await notice(bad.page);
  for (const part of ['start="1e9,0"', 'from -10000 to 10000, got 1e9', 'steps="0"', 'got 1e308', 'seed="4294967296"', 'noise="-1"']) {
    assert.ok(text.includes(part), `${part} in: ${text}`);
  }
  assert.ok(!/\d{11,}/.test(text), `no long numbers: ${text}`);
  assert.equal(await bad.page.evaluate(() => location.hash), '', 'the link keeps only what is in use (lang=en is the default here)');
  // Changing a setting the notice names clears its part.
  await bad.page.getByRole('slider', { name: 'Steps' }).fill('40');
  assert.ok(!(await notice(bad.page)).includes('steps="0"'));
  assert.ok((await notice(bad.page)).includes('start="1e9,0"'));
  const three = await openPage({ hash: '#start=1,2,3&lang=en' });
  assert.match(await notice(three.page), /start point must be written as x,y/);
  assert.deepEqual([...problems, ...bad.problems, ...three.problems], []);
});

test('your own run and the search name what they refuse; what can only fail at Start is said before it', async () => {
  const { page, problems } = await openPage({ hash: '#lab=mnist&experiment=custom&run=lr=10000;dropout=0.94;eval-every=50;batch=-5&lang=en' });
  const text = await notice(page);
  for (const part of ['lr=10000', 'from 1e-6 to 10, got 10000', 'dropout=0.94', 'from 0 to 0.9, got 0.94', 'batch=-5', 'got -5']) {
    assert.ok(text.includes(part), `${part} in: ${text}`);
  }
  assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /run=eval-every=50(&|$)/, 'the rest is kept');
  assert.equal(await page.getByRole('spinbutton', { name: 'Evaluation interval' }).inputValue(), '50');
  // More training digits than the bundle has: Start says why it waits.
  const { page: big } = await openPage({ hash: '#lab=mnist&experiment=custom&run=train-size=9000&lang=en' });
  await big.waitForFunction(() => /Start waits/.test(document.getElementById('mnist-start-why').textContent), null, { timeout: 30_000 });
  assert.ok(await big.getByRole('button', { name: 'Start' }).isDisabled());
  assert.match(await big.locator('#mc-error').textContent(), /from 1 to 8000 \(the digits loaded have 8000 for training\), got 9000/);
  // A search of no trials is refused, and Start waits until it is fixed.
  const { page: search } = await openPage({ hash: '#lab=mnist&experiment=hyperparameter-search&trials=0&lang=en' });
  assert.match(await notice(search), /trials="0".*number of trials must be a whole number from 1 to 400, got 0/);
  await search.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
  await search.getByRole('spinbutton', { name: 'Trials' }).fill('-3');
  await search.getByRole('spinbutton', { name: 'Trials' }).blur();
  await search.getByText('The number of trials must be a whole number from 1 to 400, got -3.').waitFor();
  assert.ok(await search.getByRole('button', { name: 'Start' }).isDisabled());
  await search.getByRole('spinbutton', { name: 'Trials' }).fill('4');
  await search.getByRole('spinbutton', { name: 'Trials' }).blur();
  await search.waitForFunction(() => !document.getElementById('mnist-start').disabled);
  assert.equal(await search.locator('#mnist-runs tr').count(), 4);
  assert.deepEqual(problems, []);
});

test('the static server answers 400 to a malformed path and 405 to methods other than GET and HEAD', async () => {
  const { server, url } = await startServer({ port: 0 });
  try {
    assert.equal((await fetch(`${url}%E0%A4%A`)).status, 400);
    assert.equal((await fetch(`${url}index.html`, { method: 'POST', body: 'x' })).status, 405);
    assert.equal((await fetch(`${url}index.html`, { method: 'DELETE' })).headers.get('allow'), 'GET, HEAD');
    assert.equal((await fetch(`${url}index.html`, { method: 'HEAD' })).status, 200);
    assert.equal((await fetch(`${url}Cargo.toml`)).status, 404);
  } finally {
    server.close();
  }
});
