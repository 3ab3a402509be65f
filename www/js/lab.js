// What every lab does with the state table: apply its settings to its engine
// handle, one changed setting at a time, and learn which ones the engine
// kept. One implementation for the three labs.
import { messageOf } from './dom.js';

/**
 * Applies the settings `keys` of `state` through `set(key, text)` (an engine
 * handle's checked setter, which answers with the canonical text or throws
 * the sentence explaining a refusal). `applied` holds the canonical text of
 * each setting the engine has, and is updated; a setting whose text is
 * already applied is not sent again.
 *
 * Returns `{ fix, refused }`: `fix` maps each setting whose state must change
 * (to its canonical text, or back to the value still in use when refused),
 * `refused` maps each refused setting to the engine's sentence.
 */
export function applySettings(set, keys, state, applied) {
  const fix = {};
  const refused = {};
  for (const key of keys) {
    const want = String(state[key]);
    if (applied[key] === want) continue;
    try {
      const canonical = set(key, want);
      applied[key] = canonical;
      if (canonical !== want) fix[key] = canonical;
    } catch (e) {
      refused[key] = messageOf(e);
      fix[key] = applied[key];
    }
  }
  return { fix, refused };
}

/** The canonical defaults of a vocabulary scope's entries, as `applied` starts. */
export function defaultsOf(entries) {
  return Object.fromEntries(entries.map((e) => [e.key, e.default]));
}
