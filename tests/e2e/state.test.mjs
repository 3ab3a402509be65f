// The page's state table as a pure module: links round-trip, and no hash,
// however malformed, makes the parser throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaults, parseHash, toHash, TABLE } from '../../www/js/state.js';

test('a non-default state round-trips through the hash', () => {
  const state = {
    ...defaults(), lab: 'init', seed: 42, act: 'relu', init: 'he', vs: 'xavier', steps: 60, surface: 'x^2 + y^2', noise: 0.5, bn: true, experiment: 'custom',
    lang: 'ko', present: true, embed: true, hide: 'surface,export', speed: '60', run: 'hidden=50;lr=0.1', trials: 30, lr: '-5,-1', layout: 'both',
  };
  const back = parseHash(toHash(state));
  assert.deepEqual(back.notices, []);
  assert.deepEqual(back.state, state);
  assert.equal(toHash(defaults()), '', 'defaults make an empty hash');
});

test('hidden controls must be ones a link can hide', () => {
  const { state, notices } = parseHash('#hide=surface,bogus');
  assert.equal(state.hide, '');
  assert.match(notices[0], /bogus cannot be hidden/);
  assert.equal(parseHash('#hide=surface,surface,controls').state.hide, 'surface,controls');
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
  const alphabet = ['=', '&', '#', '%', '%2', '%zz', '+', ';', ':', ',', '<script>', '"', '\u0000', '\u{1F600}', 'NaN', '-1', '1e309', '0x10', ' ', '..', ...keys];
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
    assert.doesNotThrow(() => { parsed = parseHash(hash); }, `hash ${JSON.stringify(hash)}`);
    for (const key of Object.keys(parsed.state)) assert.ok(keys.includes(key));
    for (const [key, spec] of Object.entries(TABLE)) {
      const v = parsed.state[key];
      if (spec.type === 'enum') assert.ok(spec.values.includes(v));
      if (spec.type === 'int' || spec.type === 'number') assert.ok(Number.isFinite(v) && v >= spec.min && v <= spec.max);
      if (spec.type === 'list') assert.ok(v === '' || v.split(',').every((x) => spec.values.includes(x)));
      if (spec.type === 'bool') assert.equal(typeof v, 'boolean');
    }
  }
});
