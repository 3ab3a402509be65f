// The optimizer lab's plot as a person handles it: a drag moves the start
// point, or turns the surface in the 3-D view (as the arrow keys do there);
// and the update taken apart, as a menu of the runs and a table beside the
// arrows the engine draws.
import { el } from './dom.js';
import { parseList } from './grammar.js';
import { t } from './i18n.js';
import { rowsOf } from './runs.js';

const $ = (id) => document.getElementById(id);

/** The 3-D view's turn in the state of `lab`: `[yaw, pitch]` in degrees. */
function turnOf(lab) {
  const s = lab.page.state();
  return [Number(s.yaw), Number(s.pitch)];
}

/** Turns the 3-D view to `yaw` (wrapped to ±180°) and `pitch` (0–90°). */
function turnTo(lab, yaw, pitch) {
  const wrapped = ((Math.round(yaw) + 540) % 360) - 180;
  const tilt = Math.min(90, Math.max(0, Math.round(pitch)));
  lab.update({ yaw: String(wrapped), pitch: String(tilt) }, null, { rows: false });
}

/** Wires the plot's pointer and, in the 3-D view, its arrow keys. */
export function wirePointer(lab) {
  const fg = $('optim-fg');
  const turning = () => lab.page.state().plot === '3d';
  let dragging = false;
  let from;
  const moveTo = (e) => {
    if (turning()) {
      const [yaw, pitch] = from.turn;
      turnTo(lab, yaw - (e.clientX - from.x) * 0.5, pitch + (e.clientY - from.y) * 0.3);
      return;
    }
    const rect = fg.getBoundingClientRect();
    const sx = fg.width / rect.width;
    const p = lab.panel.point_at((e.clientX - rect.left) * sx, (e.clientY - rect.top) * sx);
    if (!p) return;
    const round = (v) => Number(v.toFixed(2));
    lab.update({ start: `${round(p[0])},${round(p[1])}` }, $('optim-start-error'), { rows: false });
  };
  let queued = false;
  fg.addEventListener('pointerdown', (e) => {
    dragging = true;
    from = { x: e.clientX, y: e.clientY, turn: turnOf(lab) };
    fg.setPointerCapture(e.pointerId);
    if (!turning()) moveTo(e);
  });
  fg.addEventListener('pointermove', (e) => {
    if (!dragging || queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      moveTo(e);
    });
  });
  const stop = () => { dragging = false; };
  fg.addEventListener('pointerup', stop);
  fg.addEventListener('pointercancel', stop);
  // In the 3-D view the arrow keys turn the surface (and do not step the paths).
  const keys = { ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, 5], ArrowDown: [0, -5] };
  fg.addEventListener('keydown', (e) => {
    if (!turning() || !keys[e.key] || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    e.stopPropagation();
    const [yaw, pitch] = turnOf(lab);
    turnTo(lab, yaw + keys[e.key][0], pitch + keys[e.key][1]);
  });
}

/** The menu of optimizers to take apart: none, or one of the runs of state `s` by its number. */
export function syncApart(lab, s) {
  const runs = rowsOf(parseList(s.runs), lab.vocab());
  const options = [['none', t('None')], ...runs.map((r, i) => [String(i + 1), `${i + 1}. ${r.optimizer.label}`])];
  const menu = $('optim-apart');
  // Made again only when the runs or the language change, not on every slider event.
  const key = options.map(([value, text]) => `${value}=${text}`).join('|');
  if (key !== menu.dataset.options) {
    menu.dataset.options = key;
    menu.replaceChildren(...options.map(([value, text]) => el('option', { value, text })));
  }
  menu.value = Number(s.apart) <= runs.length ? s.apart : 'none';
}

/** The table of the update taken apart, beside its arrows on the plot. */
export function renderAnatomy(lab) {
  const anatomy = lab.page.state().apart === 'none' ? null : JSON.parse(lab.panel.anatomy(lab.frame));
  $('optim-anatomy-wrap').hidden = !anatomy;
  if (!anatomy) return;
  $('optim-anatomy-caption').textContent = t('Update {update} of {label}, taken apart', { update: anatomy.update, label: anatomy.label });
  $('optim-anatomy').replaceChildren(...anatomy.rows.map(([what, value]) => el('tr', {}, el('th', { scope: 'row', text: what }), el('td', { text: value }))));
}
