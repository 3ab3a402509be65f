// Small DOM helpers. Text always goes in through textContent, never as HTML.
import { t } from './i18n.js';

/** Creates an element with attributes/properties and children (strings become text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'style') for (const [k, v] of Object.entries(value)) node.style.setProperty(k, v);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Offers `blob` to the user as a download named `name`. */
export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A number for people: 4 significant digits, no exponent for ordinary sizes. */
export function fmt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** Resolves in a task of its own, after the tasks already queued: long work split this way never holds the page up. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A count with commas between thousands: 109,810 (toLocaleString's first call loads locale data for tens of ms). */
export function thousands(v) {
  return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Sizes a canvas's backing store to its CSS size times the device pixel ratio; true if it changed. */
export function fitCanvas(canvas) {
  const rect = canvas.getBoundingClientRect();
  return fitTo(canvas, rect.width, rect.height);
}

/** CSS sizes of canvases as a ResizeObserver last saw them (border box, as getBoundingClientRect). */
const seenSizes = new WeakMap();
const sizeObserver = typeof ResizeObserver === 'function'
  ? new ResizeObserver((entries) => {
    for (const e of entries) {
      const box = e.borderBoxSize?.[0];
      seenSizes.set(e.target, box ? [box.inlineSize, box.blockSize] : [e.contentRect.width, e.contentRect.height]);
    }
  })
  : null;

/**
 * As fitCanvas, for canvases redrawn many times a second while runs train:
 * the size comes from a ResizeObserver (measured directly only the first
 * time), so that a redraw after the page's text has changed does not make
 * the browser lay the page out at once. A size the observer has not
 * reported yet is corrected at the next redraw.
 */
export function fitCanvasObserved(canvas) {
  let size = sizeObserver && seenSizes.get(canvas);
  if (!size) {
    const rect = canvas.getBoundingClientRect();
    size = [rect.width, rect.height];
    if (sizeObserver) {
      seenSizes.set(canvas, size);
      sizeObserver.observe(canvas);
    }
  }
  return fitTo(canvas, size[0], size[1]);
}

function fitTo(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width === w && canvas.height === h) return false;
  canvas.width = w;
  canvas.height = h;
  return true;
}

/** Message of a thrown JsError or anything else. */
export function messageOf(e) {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs engine setters for values that came from a link. Each entry is
 * [key, setter]; a setter that throws leaves its value out and yields a notice
 * naming the key, the value and the engine's sentence.
 */
export function applyLinkValues(state, entries) {
  const notices = [];
  for (const [key, set] of entries) {
    try {
      set();
    } catch (e) {
      notices.push(t('Ignored {key}="{value}" in the link: {why}', { key, value: String(state[key]).slice(0, 40), why: messageOf(e) }));
    }
  }
  return notices;
}
