// The page's state table as a pure module, with the engine's vocabulary
// (the wasm module runs in node too): links round-trip, old names still
// work, a `+` stays a plus, and no hash, however malformed, makes the parser
// throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { vocabulary } from '../../www/pkg/descent.js';
import { buildTable, defaults, parseHash, toHash } from '../../www/js/state.js';
import { formatList, formatSet, parseList, parseSet, withValue } from '../../www/js/grammar.js';

await init({ module_or_path: readFileSync(new URL('../../www/pkg/descent_bg.wasm', import.meta.url)) });
const vocab = JSON.parse(vocabulary('en'));
const TABLE = buildTable(vocab);

test('the table holds every lab setting of the catalogue, with its default', () => {
  for (const scope of ['optim', 'init', 'mnist', 'search']) {
    for (const e of vocab[scope].settings) {
      assert.ok(TABLE[e.key], `${scope}.${e.key} is in the table`);
      if (e.key !== 'seed') assert.equal(TABLE[e.key].default, e.default, e.key);
    }
  }
  assert.equal(TABLE.runs.default, 'sgd;lr=0.95|momentum;lr=0.1|adagrad;lr=1.5|adam;lr=0.3');
});

test('a non-default state round-trips through the hash', () => {
  const state = {
    ...defaults(TABLE), lab: 'init', seed: '42', activation: 'relu', init: 'he', vs: 'xavier', steps: '60', surface: 'x^2/20+y^2', noise: '0.5', bn: '1', experiment: 'custom',
    lang: 'ko', present: true, embed: true, hide: 'surface,export', speed: '60', run: 'hidden=50;lr=0.1', trials: '30', space: 'lr=log:0.00001:0.1', layout: 'both',
    runs: 'sgd;lr=0.5|adam;lr=0.3;show=0',
  };
  const hash = toHash(state, TABLE);
  assert.match(hash, /surface=x\^2\/20\+y\^2/, 'an expression stays readable');
  assert.match(hash, /runs=sgd;lr=0.5\|adam;lr=0.3;show=0/);
  const back = parseHash(hash, TABLE);
  assert.deepEqual(back.notices, []);
  assert.deepEqual(back.state, state);
  assert.equal(toHash(defaults(TABLE), TABLE), '', 'defaults make an empty hash');
});

test('a + in a hand-typed link is a plus, and older names still work', () => {
  assert.equal(parseHash('#surface=x^2/20+y^2', TABLE).state.surface, 'x^2/20+y^2');
  assert.equal(parseHash('#surface=x%5E2%2F20%2By%5E2', TABLE).state.surface, 'x^2/20+y^2');
  const old = parseHash('#lab=init&act=relu&init=he&vs=xavier', TABLE);
  assert.deepEqual(old.notices, []);
  assert.equal(old.state.activation, 'relu');
  // The search's older keys are read (their lab turns them into the space) and never written.
  const search = parseHash('#lr=-5,-1&wd=-8,-4', TABLE);
  assert.equal(search.state.lr, '-5,-1');
  assert.equal(toHash(search.state, TABLE), '');
});

test('hidden controls must be ones a link can hide', () => {
  const { state, notices } = parseHash('#hide=surface,bogus', TABLE);
  assert.equal(state.hide, '');
  assert.match(notices[0], /bogus cannot be hidden/);
  assert.equal(parseHash('#hide=surface,surface,controls', TABLE).state.hide, 'surface,controls');
});

test('the grammar of sets reads and writes what the engine writes', () => {
  const runs = parseList(vocab.optim.settings.find((e) => e.key === 'runs').default);
  assert.equal(runs.length, 4);
  assert.deepEqual(runs[1], { head: 'momentum', items: [['lr', '0.1']] });
  assert.equal(formatList(runs), TABLE.runs.default);
  const set = parseSet('optimizer=adam;lr=0.001;hidden=100,100');
  assert.equal(formatSet(withValue(set, 'lr', '0.01')), 'optimizer=adam;lr=0.01;hidden=100,100');
  assert.equal(formatSet(withValue(set, 'lr', null)), 'optimizer=adam;hidden=100,100');
  assert.equal(formatSet(withValue(set, 'batch', '64')), 'optimizer=adam;lr=0.001;hidden=100,100;batch=64');
});

test('100,000 random hashes never throw and only yield known settings', () => {
  // A seeded generator (mulberry32), so a failure can be replayed.
  let seed = 20261123;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const keys = Object.keys(TABLE);
  const alphabet = ['=', '&', '#', '%', '%2', '%zz', '+', ';', ':', ',', '|', '<script>', '"', '\u0000', '\u{1F600}', 'NaN', '-1', '1e309', '0x10', ' ', '..', 'act', 'alpha', ...keys];
  const piece = () => {
    const r = rand();
    if (r < 0.4) return alphabet[Math.floor(rand() * alphabet.length)];
    if (r < 0.7) return String.fromCharCode(Math.floor(rand() * 0x3000));
    return String(Math.floor(rand() * 1e6) / 10 ** Math.floor(rand() * 6));
  };
  for (let i = 0; i < 100_000; i++) {
    let hash = '#';
    const n = Math.floor(rand() * 12);
    for (let j = 0; j < n; j++) hash += piece();
    let parsed;
    assert.doesNotThrow(() => { parsed = parseHash(hash, TABLE); }, `hash ${JSON.stringify(hash)}`);
    for (const key of Object.keys(parsed.state)) assert.ok(keys.includes(key));
    for (const [key, spec] of Object.entries(TABLE)) {
      const v = parsed.state[key];
      if (spec.type === 'enum') assert.ok(spec.values.includes(v));
      if (spec.type === 'int') assert.ok(Number.isFinite(v) && v >= spec.min && v <= spec.max);
      if (spec.type === 'list') assert.ok(v === '' || v.split(',').every((x) => spec.values.includes(x)));
      if (spec.type === 'bool') assert.equal(typeof v, 'boolean');
      if (spec.type === 'setting') assert.ok(typeof v === 'string' && v.length <= spec.maxLength);
    }
  }
});
