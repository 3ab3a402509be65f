// The page's one state table: every setting, its type, default and URL key.
// Controls write state; state is mirrored in the URL hash; the labs read it.
// Parsing never throws: a bad value is dropped and reported as a notice.
import { t } from './i18n.js';

/** The language of the browser, when it is one the page speaks; else English. */
export function browserLanguage(languages = globalThis.navigator?.languages ?? []) {
  for (const tag of languages) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

/**
 * Controls a classroom link can hide (`hide=surface,noise`): each names an
 * element with `data-control="…"` in index.html; `controls` hides a lab's
 * whole control column.
 */
export const HIDEABLE = [
  'controls', 'preset', 'surface', 'playback', 'start', 'schedule', 'optimizers', 'side', 'readouts', 'export',
  'activation', 'scheme', 'bn', 'view', 'network', 'compare',
  'experiment', 'seed', 'training', 'data', 'inspect',
];

/** name → { type, default, values? , min?, max? } */
export const TABLE = {
  lab: { type: 'enum', values: ['optim', 'init', 'mnist'], default: 'optim' },
  seed: { type: 'int', min: 0, max: 2 ** 32 - 1, default: 1 },
  // The page itself: language, classroom and slide modes.
  lang: { type: 'enum', values: ['en', 'ko'], default: browserLanguage() },
  present: { type: 'bool', default: false },
  embed: { type: 'bool', default: false },
  hide: { type: 'list', values: HIDEABLE, maxLength: 300, default: '' },
  // Optimizer lab. Text values are checked by the engine (src/optim/lab.rs).
  surface: { type: 'text', maxLength: 300, default: 'bowl' },
  runs: { type: 'text', maxLength: 1000, default: 'sgd,lr:0.95;momentum,lr:0.1;adagrad,lr:1.5;adam,lr:0.3' },
  steps: { type: 'int', min: 1, max: 1000, default: 29 },
  speed: { type: 'enum', values: ['4', '10', '30', '60', '240'], default: '10' },
  start: { type: 'text', maxLength: 60, default: '-7,2' },
  schedule: { type: 'text', maxLength: 40, default: 'constant' },
  noise: { type: 'number', min: 0, max: 100, default: 0 },
  side: { type: 'enum', values: ['loss', 'effective-lr', 'schedule'], default: 'loss' },
  // Initialization lab. The engine checks sizes and schemes (src/init).
  act: { type: 'enum', values: ['sigmoid', 'tanh', 'relu', 'leaky-relu'], default: 'sigmoid' },
  init: { type: 'text', maxLength: 40, default: 'std:1' },
  layers: { type: 'int', min: 1, max: 10, default: 5 },
  width: { type: 'int', min: 10, max: 500, default: 100 },
  samples: { type: 'int', min: 10, max: 5000, default: 1000 },
  bn: { type: 'bool', default: false },
  view: { type: 'enum', values: ['forward', 'backward'], default: 'forward' },
  vs: { type: 'text', maxLength: 40, default: '' },
  vsbn: { type: 'bool', default: false },
  // MNIST lab. `workers` 0 = automatic (one less than the cores).
  workers: { type: 'int', min: 0, max: 16, default: 0 },
  experiment: { type: 'enum', values: ['optimizer-compare', 'init-compare', 'batch-norm', 'overfit-weight-decay', 'overfit-dropout', 'hyperparameter-search', 'custom'], default: 'optimizer-compare' },
  // "Your own run": its settings text, checked by the engine (TrainConfig::set).
  run: { type: 'text', maxLength: 800, default: '' },
  // The hyperparameter search: trials, log10 ranges, layout.
  trials: { type: 'int', min: 1, max: 400, default: 100 },
  lr: { type: 'text', maxLength: 40, default: '-6,-2' },
  wd: { type: 'text', maxLength: 40, default: '-8,-4' },
  layout: { type: 'enum', values: ['random', 'grid', 'both'], default: 'random' },
};

/** Default values of every setting. */
export function defaults() {
  return Object.fromEntries(Object.entries(TABLE).map(([k, spec]) => [k, spec.default]));
}

function parseValue(spec, raw) {
  switch (spec.type) {
    case 'enum':
      if (spec.values.includes(raw)) return { ok: true, value: raw };
      return { ok: false, why: t('it must be one of {values}', { values: spec.values.join(', ') }) };
    case 'int': {
      if (!/^-?\d{1,16}$/.test(raw)) return { ok: false, why: t('it must be a whole number') };
      const v = Number(raw);
      if (v < spec.min || v > spec.max) return { ok: false, why: t('it must be between {min} and {max}', spec) };
      return { ok: true, value: v };
    }
    case 'number': {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) return { ok: false, why: t('it must be a number') };
      if (v < spec.min || v > spec.max) return { ok: false, why: t('it must be between {min} and {max}', spec) };
      return { ok: true, value: v };
    }
    case 'text':
      if (raw.length > spec.maxLength) return { ok: false, why: t('it is longer than {maxLength} characters', spec) };
      return { ok: true, value: raw };
    case 'list': {
      if (raw.length > spec.maxLength) return { ok: false, why: t('it is longer than {maxLength} characters', spec) };
      const items = raw.split(',').filter((x) => x !== '');
      const unknown = items.filter((x) => !spec.values.includes(x));
      if (unknown.length) return { ok: false, why: t('{names} cannot be hidden; these can: {values}', { names: short(unknown.join(', ')), values: spec.values.join(', ') }) };
      return { ok: true, value: [...new Set(items)].join(',') };
    }
    case 'bool':
      if (raw === '1' || raw === '0') return { ok: true, value: raw === '1' };
      return { ok: false, why: t('it must be 1 or 0') };
    default:
      return { ok: false, why: t('its type is unknown') };
  }
}

function short(text) {
  const s = String(text);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * Reads a URL hash ("#lab=init&seed=3") into a full state.
 * Returns { state, notices }, where notices are sentences naming what was ignored.
 */
export function parseHash(hash) {
  const state = defaults();
  const notices = [];
  let text = String(hash ?? '');
  if (text.startsWith('#')) text = text.slice(1);
  if (text === '') return { state, notices };
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key, raw;
    try {
      key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      raw = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      notices.push(t('Ignored "{part}" in the link: it is not properly encoded.', { part: short(part) }));
      continue;
    }
    const spec = Object.hasOwn(TABLE, key) ? TABLE[key] : undefined;
    if (!spec) {
      notices.push(t('Ignored "{key}" in the link: there is no such setting.', { key: short(key) }));
      continue;
    }
    const parsed = parseValue(spec, raw);
    if (parsed.ok) state[key] = parsed.value;
    else notices.push(t('Ignored {key}="{value}" in the link: {why}.', { key, value: short(raw), why: parsed.why }));
  }
  return { state, notices };
}

/**
 * Writes the settings that differ from their defaults as a hash; the keys in
 * `always` are written even when they hold their default (a shared link
 * names its language, whose default depends on the browser).
 */
export function toHash(state, { always = [] } = {}) {
  const parts = [];
  for (const [key, spec] of Object.entries(TABLE)) {
    const v = state[key];
    if (v === undefined || (v === spec.default && !always.includes(key))) continue;
    const text = spec.type === 'bool' ? (v ? '1' : '0') : String(v);
    // ',' ':' ';' are legal in a fragment and keep links readable.
    const value = encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');
    parts.push(`${encodeURIComponent(key)}=${value}`);
  }
  return parts.length ? `#${parts.join('&')}` : '';
}
