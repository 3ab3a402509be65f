// The page as a new user meets it: it loads cleanly, every lab shows a plot,
// tabs work by mouse and keyboard, and a bad link is explained, not fatal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, inkedFraction, openPage, screenshot } from './harness.mjs';

after(closeAll);

const LABS = [
  { tab: /optimizers/i, canvas: '#optim-bg', shot: 'lab-optimizers' },
  { tab: /initialization/i, canvas: '#init-canvas', shot: 'lab-initialization' },
  { tab: /mnist/i, canvas: '#mnist-canvas', shot: 'lab-mnist' },
];

test('loads without errors and every lab shows a drawn canvas', async () => {
  const { page, problems } = await openPage();
  await assert.doesNotReject(page.getByRole('heading', { name: 'Descent', level: 1 }).waitFor());
  for (const lab of LABS) {
    await page.getByRole('tab', { name: lab.tab }).click();
    const canvas = page.locator(lab.canvas);
    await canvas.waitFor({ state: 'visible' });
    await page.waitForFunction((sel) => document.querySelector(sel).width > 0, lab.canvas);
    // The mnist canvas is drawn once its data has loaded.
    await page.waitForFunction((sel) => {
      const c = document.querySelector(sel);
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] < 200) return true;
      return false;
    }, lab.canvas, { timeout: 15_000 });
    const inked = await inkedFraction(page, lab.canvas);
    assert.ok(inked > 0.02, `${lab.canvas} is blank (${inked})`);
    const box = await canvas.boundingBox();
    const size = await canvas.evaluate((c) => [c.width, c.height, window.devicePixelRatio]);
    assert.equal(size[0], Math.round(box.width * size[2]), 'canvas backing store follows devicePixelRatio');
    await screenshot(page, lab.shot);
  }
  assert.match(await page.locator('#mnist-summary').textContent(), /10,000 bundled digits: 8,000 for training, 2,000 for testing/);
  assert.deepEqual(problems, []);
});

test('tabs switch by keyboard and the URL follows', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('tab', { name: /optimizers/i }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: /initialization/i }).getAttribute('aria-selected'), 'true');
  assert.ok(await page.locator('#panel-init').isVisible());
  assert.ok(!(await page.locator('#panel-optim').isVisible()));
  assert.match(page.url(), /#lab=init$/);
  await page.keyboard.press('End');
  assert.equal(await page.getByRole('tab', { name: /mnist/i }).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: /optimizers/i }).getAttribute('aria-selected'), 'true');
  assert.deepEqual(problems, []);
});

test('a link opens its lab; a malformed link shows a notice and the page works', async () => {
  const direct = await openPage({ hash: '#lab=init' });
  assert.equal(await direct.page.getByRole('tab', { name: /initialization/i }).getAttribute('aria-selected'), 'true');
  assert.ok(await direct.page.locator('#notice').isHidden());

  const { page, problems } = await openPage({ hash: '#lab=nope&zoom=3&%E0%A4%A' });
  const notice = page.locator('#notice');
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /lab="nope"/);
  assert.match(text, /"zoom".*no such setting/);
  assert.match(text, /not properly encoded/);
  assert.equal(await page.getByRole('tab', { name: /optimizers/i }).getAttribute('aria-selected'), 'true');
  await page.getByRole('tab', { name: /mnist/i }).click();
  assert.ok(await page.locator('#panel-mnist').isVisible());
  assert.deepEqual(problems, []);
});

test('fits a phone screen without horizontal scrolling', async () => {
  const { page, problems } = await openPage({ viewport: { width: 390, height: 844 } });
  for (const lab of LABS) {
    await page.getByRole('tab', { name: lab.tab }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  }
  await screenshot(page, 'phone');
  assert.deepEqual(problems, []);
});

test('a failed download is shown on the page, and the other labs keep working', async () => {
  const { page, problems } = await openPage({
    hash: '#lab=mnist',
    before: (p) => p.route('**/www/data/digits.bin', (route) => route.fulfill({ status: 404, body: 'gone' })),
  });
  const alert = page.locator('#error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Could not download the digit data .* 404/);
  assert.ok(problems.every((p) => /404/.test(p)), problems.join('\n'));
  await page.getByRole('tab', { name: /optimizers/i }).click();
  assert.ok((await inkedFraction(page, '#optim-bg')) > 0.5, 'the optimizer lab still draws');
});

test('Chromium runs the relaxed-SIMD build of the engine, and both builds train alike', async () => {
  const { page, problems } = await openPage({ hash: '#lab=init' });
  assert.equal(await page.evaluate(() => globalThis.descentEngineFile), 'descent_relaxed_bg.wasm');
  // The first 30 updates of the optimizer comparison's SGD in each build:
  // the products sum in another order (and fused), so the losses agree to
  // f32 rounding, not to the bit.
  const losses = await page.evaluate(async () => {
    const bytes = new Uint8Array(await (await fetch('www/data/digits.bin')).arrayBuffer());
    const out = {};
    for (const file of ['descent_bg.wasm', 'descent_relaxed_bg.wasm']) {
      const mod = await import(`./www/pkg/descent.js?build=${file}`);
      await mod.default({ module_or_path: `www/pkg/${file}` });
      const run = new mod.TrainingRun(bytes, 'optimizer-compare', 0, 1, 1_000_000);
      out[file] = Array.from(run.step(30));
    }
    return out;
  });
  const [plain, relaxed] = [losses['descent_bg.wasm'], losses['descent_relaxed_bg.wasm']];
  assert.equal(plain.length, 30);
  assert.ok(plain[29] < plain[0], `the loss falls: ${plain[0]} → ${plain[29]}`);
  for (let i = 0; i < 30; i++) {
    assert.ok(Math.abs(plain[i] - relaxed[i]) <= 1e-4 * plain[i], `update ${i + 1}: ${plain[i]} vs ${relaxed[i]}`);
  }
  assert.deepEqual(problems, []);
});
