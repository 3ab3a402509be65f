// Exports for static slides: any plot as PNG at twice its on-screen
// resolution, as SVG, and the optimizer animation as an animated PNG.
import { download, el, fitCanvas } from './dom.js';

/**
 * Redraws `rows` of canvases (each row: canvases stacked on each other, as
 * the optimizer's contour and paths are) at `scale` × their CSS size with
 * `redraw()`, and downloads them as one PNG named `name`. The canvases are
 * put back to the screen's resolution afterwards.
 */
export async function downloadPng(rows, redraw, name, scale = 2) {
  const all = rows.flat();
  for (const c of all) {
    const r = c.getBoundingClientRect();
    c.width = Math.max(1, Math.round(r.width * scale));
    c.height = Math.max(1, Math.round(r.height * scale));
  }
  redraw();
  const width = Math.max(...rows.map((row) => row[0].width));
  const height = rows.reduce((h, row) => h + row[0].height, 0);
  const out = el('canvas', { width, height });
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  let y = 0;
  for (const row of rows) {
    for (const c of row) ctx.drawImage(c, 0, y);
    y += row[0].height;
  }
  for (const c of all) fitCanvas(c);
  redraw();
  const blob = await new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  download(name, blob);
}

/** Downloads SVG text as a file. */
export function downloadSvg(text, name) {
  download(name, new Blob([text], { type: 'image/svg+xml' }));
}

/**
 * Puts a row of download buttons (PNG at 2×, SVG, and CSV when given) after
 * `canvas`, as a group named `label` (English; the page translates it).
 */
export function exportBar(canvas, { label, name, redraw, svg, csv }) {
  const button = (text, onclick) => el('button', { type: 'button', text, onclick });
  const bar = el('div', { class: 'buttons export-bar', role: 'group', 'aria-label': label, 'data-control': 'export' },
    button('Download PNG', () => downloadPng([[canvas]], redraw, `${name}.png`)),
    button('Download SVG', () => downloadSvg(svg(), `${name}.svg`)),
    csv ? button('Download CSV', () => download(`${name}.csv`, new Blob([csv()], { type: 'text/csv' }))) : null);
  canvas.after(bar);
  return bar;
}
