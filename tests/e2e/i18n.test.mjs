// Every English text of the page has its Korean: the static text and
// labelling attributes of index.html, and every text the scripts pass to t().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KO } from '../../www/js/ko.js';

const ROOT = join(import.meta.dirname, '..', '..');
// Names and notation that a Korean lecture keeps as they are.
const KEEP = /^(Descent|English|한국어|SGD|Momentum|Nesterov|AdaGrad|RMSProp|Adam|AdaDelta|Newton|MNIST|ReLU|Leaky ReLU|tanh|std 1|std 0\.01|Xavier √\(1\/n\)|He √\(2\/n\)|L2 ½λ‖W‖²|L1 λ‖W‖₁|Adam β1|Adam β2|log10 lr|mnist|x\^2\/20 \+ y\^2|[^A-Za-z]*[A-Za-z]?[^A-Za-z]*)$/;

const decode = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

test('every text in index.html has a Korean entry', () => {
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8').replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '');
  const texts = [
    ...[...html.matchAll(/>([^<>]+)</g)].map((m) => m[1]),
    ...[...html.matchAll(/\s(?:aria-label|placeholder|title)="([^"]*)"/g)].map((m) => m[1]),
    html.match(/<title>([^<]*)<\/title>/)[1],
  ].map((s) => decode(s).trim()).filter((s) => s !== '');
  // Menus and the controls of your own run come from the engine, whose Korean tests/i18n.rs checks.
  assert.ok(texts.length > 150, `only ${texts.length} texts found`);
  const missing = [...new Set(texts)].filter((s) => !KEEP.test(s) && !Object.hasOwn(KO, s));
  assert.deepEqual(missing, []);
});

test('every text the scripts translate has a Korean entry', () => {
  const dir = join(ROOT, 'www', 'js');
  const keys = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const src = readFileSync(join(dir, file), 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.push(m[1].replace(/\\'/g, "'"));
    // Texts held in tables and translated where they are shown.
    for (const m of src.matchAll(/\b(?:title|sentence|label|short): '((?:[^'\\]|\\.)*)'/g)) keys.push(m[1].replace(/\\'/g, "'"));
    for (const m of src.matchAll(/\btitle: "([^"]*)"/g)) keys.push(m[1]);
    for (const m of src.matchAll(/\bt\([^'()]*\?\s*'([^']*)'\s*:\s*'([^']*)'/g)) keys.push(m[1], m[2]);
    for (const m of src.matchAll(/\['[a-z-]+', '([A-Z][^']+)'\]/g)) keys.push(m[1]);
  }
  assert.ok(keys.length > 90, `only ${keys.length} texts found`);
  const missing = [...new Set(keys)].filter((k) => !KEEP.test(k) && !Object.hasOwn(KO, k));
  assert.deepEqual(missing, []);
});

test('the Korean keeps every {placeholder} of its English', () => {
  for (const [english, korean] of Object.entries(KO)) {
    const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(korean), names(english), english);
  }
});
