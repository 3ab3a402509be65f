// The page's one state table: every setting, its type, default and URL key.
// Controls write state; state is mirrored in the URL hash; the labs read it.
// Parsing never throws: a bad value is dropped and reported as a notice.

/** name → { type, default, values? , min?, max? } */
export const TABLE = {
  lab: { type: 'enum', values: ['optim', 'init', 'mnist'], default: 'optim' },
  seed: { type: 'int', min: 0, max: 2 ** 32 - 1, default: 1 },
  // Optimizer lab. Text values are checked by the engine (src/optim/lab.rs).
  surface: { type: 'text', maxLength: 300, default: 'bowl' },
  runs: { type: 'text', maxLength: 1000, default: 'sgd,lr:0.95;momentum,lr:0.1;adagrad,lr:1.5;adam,lr:0.3' },
  steps: { type: 'int', min: 1, max: 1000, default: 29 },
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
};

/** Default values of every setting. */
export function defaults() {
  return Object.fromEntries(Object.entries(TABLE).map(([k, spec]) => [k, spec.default]));
}

function parseValue(spec, raw) {
  switch (spec.type) {
    case 'enum':
      if (spec.values.includes(raw)) return { ok: true, value: raw };
      return { ok: false, why: `it must be one of ${spec.values.join(', ')}` };
    case 'int': {
      if (!/^-?\d{1,16}$/.test(raw)) return { ok: false, why: 'it must be a whole number' };
      const v = Number(raw);
      if (v < spec.min || v > spec.max) return { ok: false, why: `it must be between ${spec.min} and ${spec.max}` };
      return { ok: true, value: v };
    }
    case 'number': {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) return { ok: false, why: 'it must be a number' };
      if (v < spec.min || v > spec.max) return { ok: false, why: `it must be between ${spec.min} and ${spec.max}` };
      return { ok: true, value: v };
    }
    case 'text':
      if (raw.length > spec.maxLength) return { ok: false, why: `it is longer than ${spec.maxLength} characters` };
      return { ok: true, value: raw };
    case 'bool':
      if (raw === '1' || raw === '0') return { ok: true, value: raw === '1' };
      return { ok: false, why: 'it must be 1 or 0' };
    default:
      return { ok: false, why: 'its type is unknown' };
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
      notices.push(`Ignored "${short(part)}" in the link: it is not properly encoded.`);
      continue;
    }
    const spec = Object.hasOwn(TABLE, key) ? TABLE[key] : undefined;
    if (!spec) {
      notices.push(`Ignored "${short(key)}" in the link: there is no such setting.`);
      continue;
    }
    const parsed = parseValue(spec, raw);
    if (parsed.ok) state[key] = parsed.value;
    else notices.push(`Ignored ${key}="${short(raw)}" in the link: ${parsed.why}.`);
  }
  return { state, notices };
}

/** Writes the settings that differ from their defaults as a hash. */
export function toHash(state) {
  const parts = [];
  for (const [key, spec] of Object.entries(TABLE)) {
    const v = state[key];
    if (v === spec.default || v === undefined) continue;
    const text = spec.type === 'bool' ? (v ? '1' : '0') : String(v);
    // ',' ':' ';' are legal in a fragment and keep links readable.
    const value = encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');
    parts.push(`${encodeURIComponent(key)}=${value}`);
  }
  return parts.length ? `#${parts.join('&')}` : '';
}
