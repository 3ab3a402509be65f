// Computes the initialization lab's histograms off the main thread, for
// configurations too large to compute between two frames: the page sends
// the lab's settings, the worker answers with the histograms as bytes.
import init, { InitPanel, set_language } from '../pkg/descent.js';
import { engineUrl } from './engine.js';

let ready;

onmessage = async (e) => {
  const { id, settings, lang } = e.data;
  try {
    ready ??= init({ module_or_path: engineUrl });
    await ready;
    set_language(lang ?? 'en');
    const panel = new InitPanel('');
    for (const [key, value] of Object.entries(settings)) panel.set(key, value);
    const bytes = panel.compute();
    panel.free();
    postMessage({ id, bytes }, [bytes.buffer]);
  } catch (err) {
    postMessage({ id, error: err.message ?? String(err) });
  }
};
