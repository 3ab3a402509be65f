// The page's one state table: every setting, its default and URL key.
// The page's own settings (lab, language, classroom modes) are listed here;
// every lab setting comes from the engine's catalogue (the vocabulary), with
// its default and its older names. Controls write state; the state is
// mirrored in the URL hash and applied to the engine, which checks each lab
// value and names what it refuses. Parsing never throws: a bad value is
// dropped and reported as a notice.
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
  'controls', 'preset', 'surface', 'playback', 'start', 'schedule', 'optimizers', 'side', 'view3d', 'readouts', 'apart', 'quadratic', 'export',
  'activation', 'scheme', 'bn', 'view', 'network', 'compare',
  'experiment', 'seed', 'training', 'data', 'landscape', 'inspect',
];

/** The page's own settings: name → { type, default, values?, min?, max? }. */
export const PAGE = {
  lab: { type: 'enum', values: ['optim', 'init', 'mnist'], default: 'optim' },
  lang: { type: 'enum', values: ['en', 'ko'], default: browserLanguage() },
  present: { type: 'bool', default: false },
  embed: { type: 'bool', default: false },
  hide: { type: 'list', values: HIDEABLE, maxLength: 300, default: '' },
  speed: { type: 'enum', values: ['4', '10', '30', '60', '240'], default: '10' },
  // MNIST lab: 0 = automatic (one less than the cores).
  workers: { type: 'int', min: 0, max: 16, default: 0 },
};

/** Older link keys that are read, turned into today's settings by their lab, and not written again. */
export const LEGACY = { lr: 'search', wd: 'search' };

/**
 * The whole table for the engine's vocabulary `vocab`: the page's settings,
 * then each lab's (`scope` names the lab; the seed is shared by all three).
 */
export function buildTable(vocab) {
  const table = { ...PAGE };
  const scopes = [['optim', vocab.optim.settings], ['init', vocab.init.settings], ['mnist', vocab.mnist.settings], ['search', vocab.search.settings]];
  for (const [scope, entries] of scopes) {
    for (const e of entries) {
      if (table[e.key]) continue;
      table[e.key] = { type: 'setting', scope, default: e.default, maxLength: e.max_len ?? 200, aliases: e.aliases };
    }
  }
  for (const [key, scope] of Object.entries(LEGACY)) table[key] = { type: 'legacy', scope, default: '', maxLength: 60 };
  return table;
}

/** Default values of every setting. */
export function defaults(table) {
  return Object.fromEntries(Object.entries(table).map(([k, spec]) => [k, spec.default]));
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
    case 'setting':
    case 'legacy':
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

/** The table's key for `key`: itself, or the setting an older name stands for. */
function resolve(table, key) {
  if (Object.hasOwn(table, key)) return key;
  return Object.keys(table).find((k) => table[k].aliases?.includes(key));
}

/**
 * Reads a URL hash ("#lab=init&seed=3") into a full state. A `+` is a plus
 * (a fragment is not a form). Returns { state, notices }, where notices are
 * sentences naming what was ignored; lab values are checked later, by the
 * engine, when they are applied.
 */
export function parseHash(hash, table) {
  const state = defaults(table);
  const notices = [];
  let text = String(hash ?? '');
  if (text.startsWith('#')) text = text.slice(1);
  if (text === '') return { state, notices };
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let name;
    let raw;
    try {
      name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      raw = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      notices.push(t('Ignored "{part}" in the link: it is not properly encoded.', { part: short(part) }));
      continue;
    }
    const key = resolve(table, name);
    if (!key) {
      notices.push(t('Ignored "{key}" in the link: there is no such setting.', { key: short(name) }));
      continue;
    }
    const parsed = parseValue(table[key], raw);
    if (parsed.ok) state[key] = parsed.value;
    else notices.push(t('Ignored {key}="{value}" in the link: {why}.', { key: name, value: short(raw), why: parsed.why }));
  }
  return { state, notices };
}

/** Characters a link keeps as they are, for readable links: , : ; | = + / ^ @ */
const READABLE = { '%2C': ',', '%3A': ':', '%3B': ';', '%7C': '|', '%3D': '=', '%2B': '+', '%2F': '/', '%5E': '^', '%40': '@' };

/**
 * Writes the settings that differ from their defaults as a hash; the keys in
 * `always` are written even when they hold their default (a shared link
 * names its language, whose default depends on the browser).
 */
export function toHash(state, table, { always = [] } = {}) {
  const parts = [];
  for (const [key, spec] of Object.entries(table)) {
    const v = state[key];
    if (spec.type === 'legacy' || v === undefined || (v === spec.default && !always.includes(key))) continue;
    const text = spec.type === 'bool' ? (v ? '1' : '0') : String(v);
    const value = encodeURIComponent(text).replace(/%2C|%3A|%3B|%7C|%3D|%2B|%2F|%5E|%40/g, (m) => READABLE[m]);
    parts.push(`${encodeURIComponent(key)}=${value}`);
  }
  return parts.length ? `#${parts.join('&')}` : '';
}
