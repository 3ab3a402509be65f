// The engine: the WebAssembly module behind one small handle. The labs ask
// `engine()` for its classes instead of importing them, so that a module
// broken by an internal error can be replaced by a fresh instance
// (`restartEngine`) and the labs rebuilt from the state table.
import * as first from '../pkg/descent.js';
import './engine-file.js';

/** The engine's wasm file, as www/js/engine-file.js chose it for this browser. */
export const engineUrl = new URL(`../pkg/${globalThis.descentEngineFile}`, import.meta.url);

let module = null;
let generation = 0;
const vocabularies = new Map();

/** Loads the engine (once). */
export async function startEngine() {
  await first.default({ module_or_path: engineUrl });
  module = first;
}

/**
 * Replaces the engine by a fresh instance of the same module (a new copy of
 * its memory), after an internal error left the old one unusable.
 */
export async function restartEngine() {
  generation += 1;
  const fresh = await import(`../pkg/descent.js?instance=${generation}`);
  await fresh.default({ module_or_path: engineUrl });
  module = fresh;
}

/** The engine's exports (classes and functions). */
export function engine() {
  return module;
}

/** The page's vocabulary from the engine, in language `lang` (see src/vocabulary.rs). */
export function vocabulary(lang) {
  if (!vocabularies.has(lang)) vocabularies.set(lang, JSON.parse(module.vocabulary(lang)));
  return vocabularies.get(lang);
}
