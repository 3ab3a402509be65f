// An automated accessibility audit (axe-core, from npm) of every lab, the
// Korean interface, presenter and embed modes and the dialogs: no serious or
// critical violation.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { closeAll, openPage } from './harness.mjs';

after(closeAll);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical violations on the page as it is now, one line each. */
async function audit(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`);
}

// The page's CSP forbids injected scripts; the audit's context bypasses it.
const open = (hash, extra = {}) => openPage({ hash, context: { bypassCSP: true }, ...extra });

for (const [name, hash] of [
  ['optimizers', '#lang=en'],
  ['initialization', '#lab=init&vs=xavier&lang=en'],
  ['MNIST training', '#lab=mnist&lang=en'],
  ['your own run and the search', '#lab=mnist&experiment=custom&lang=en'],
  ['Korean', '#lang=ko&lab=init'],
  ['presenter mode', '#present=1&lang=en'],
  ['embed mode', '#embed=1&hide=export&lang=en'],
]) {
  test(`axe finds no serious or critical violation: ${name}`, async () => {
    const { page } = await open(hash);
    if (hash.includes('lab=mnist')) await page.waitForFunction(() => !document.getElementById('mnist-start').disabled, null, { timeout: 30_000 });
    assert.deepEqual(await audit(page), []);
  });
}

test('axe finds no serious or critical violation: the share and shortcut dialogs', async () => {
  const { page } = await open('#lang=en');
  await page.getByRole('button', { name: /share or embed/i }).click();
  assert.deepEqual(await audit(page), []);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  assert.deepEqual(await audit(page), []);
});

test('the audit itself catches an unlabelled control', async () => {
  const { page } = await open('#lang=en');
  await page.evaluate(() => document.querySelector('.controls').append(document.createElement('button'), document.createElement('select')));
  const found = await audit(page);
  assert.ok(found.some((line) => line.includes('button-name')), found.join('\n'));
  assert.ok(found.some((line) => line.includes('select-name')), found.join('\n'));
});
