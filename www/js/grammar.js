// The syntax of sets of settings, as src/catalogue/grammar.rs defines it:
// `key=value` items separated by `;`, an optional bare head first
// (`adam;lr=0.3`), and lists of sets separated by `|`. The engine checks
// keys and values; this only takes text apart and puts it back together.

/** A set as `{ head, items: [[key, value], …] }`. */
export function parseSet(text) {
  const out = { head: null, items: [] };
  String(text ?? '').split(';').map((s) => s.trim()).filter(Boolean).forEach((part, i) => {
    const eq = part.indexOf('=');
    if (eq < 0 && i === 0) out.head = part;
    else if (eq < 0) out.items.push([part, '']);
    else out.items.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  });
  return out;
}

/** Writes a set. */
export function formatSet({ head = null, items = [] }) {
  return [...(head ? [head] : []), ...items.map(([k, v]) => `${k}=${v}`)].join(';');
}

/** The sets of a list. */
export function parseList(text) {
  return String(text ?? '').split('|').map((s) => s.trim()).filter(Boolean).map(parseSet);
}

/** Writes a list of sets. */
export function formatList(sets) {
  return sets.map(formatSet).join('|');
}

/** The value of `key` in a set's items, or `undefined`. */
export function valueOf(set, key) {
  return set.items.find(([k]) => k === key)?.[1];
}

/** The set with `key` set to `value` (`null` removes it). */
export function withValue(set, key, value) {
  const items = set.items.filter(([k]) => k !== key);
  const at = set.items.findIndex(([k]) => k === key);
  if (value !== null && value !== undefined) items.splice(at < 0 ? items.length : at, 0, [key, String(value)]);
  return { head: set.head, items };
}
