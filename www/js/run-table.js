// The MNIST lab's table of runs and the assistant's remarks. Rows are made
// when the runs change and their cells updated in place afterwards (a
// search has up to 400 rows, redrawn up to four times a second while it
// trains).
// A network with batch norm or dropout gets a second row: its scores in
// train mode (batch statistics, dropout on) under those in eval mode;
// `run.modes` is the engine's description of its train mode. Scores derived
// from the runs (an ensemble, averaged weights, snapshots) follow them, each
// with its test accuracy and loss.
import { el, fmt, nextTask } from './dom.js';
import { language, t } from './i18n.js';
import { COLORS } from './runs.js';

/** Run states shown (translated) in the table; other statuses are the engine's own sentences. */
const STATES = ['waiting', 'training', 'finished', 'cancelled'];
const CELLS = 8;

const $ = (id) => document.getElementById(id);
const pct = (v) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);

function set(cell, text, className = '') {
  if (cell.textContent !== text) cell.textContent = text;
  if (cell.className !== className) cell.className = className;
}

/** A row of the table: a name cell (symbol and text), a progress cell, and `CELLS` empty cells. */
function rowTemplate() {
  return el('tr', {},
    el('td', {}, el('span', { class: 'run-symbol', 'aria-hidden': 'true' }), ''),
    el('td', {}, el('progress')),
    ...Array.from({ length: CELLS }, () => el('td')));
}

/** Rows put into the table per task: a search's 400 rows go in over several tasks, none holding the page up. */
const CHUNK = 50;

/** The table's rows in order, those not yet in the table included (their cells are kept up to date all the same). */
let tableRows = [];
let generation = 0;

/**
 * The rows of `runs`: one per run, one more for each run that has two
 * modes, and one per derived score. Rows are clones of one template; the
 * first `CHUNK` go into `body` now, the others `CHUNK` per later task.
 */
function build(body, runs, derived) {
  const template = rowTemplate();
  const row = (symbol, color, name, attrs) => {
    const tr = template.cloneNode(true);
    for (const [k, v] of Object.entries(attrs)) tr.setAttribute(k, v);
    const first = tr.firstChild;
    first.firstChild.textContent = symbol;
    first.firstChild.style.setProperty('--run-color', color);
    first.lastChild.textContent = ` ${name}`;
    return tr;
  };
  const rows = [];
  runs.forEach((r, i) => {
    const name = r.modes ? t('{name} (eval mode)', { name: r.name }) : r.name;
    const tr = row('●', COLORS[i % COLORS.length], name, { 'data-run': i });
    tr.cells[1].firstChild.setAttribute('aria-label', t('{name} progress', { name: r.name }));
    rows.push(tr);
    if (r.modes) {
      rows.push(el('tr', { class: 'mode-row', 'data-run': i },
        el('td', { text: `↳ ${r.modes}` }),
        ...Array.from({ length: CELLS + 1 }, () => el('td'))));
    }
  });
  derived.forEach((d, k) => {
    const tr = row('◆', COLORS[(runs.length + k) % COLORS.length], d.name, { class: 'derived-row', 'data-derived': k });
    // A derived score has no progress of its own.
    tr.cells[1].replaceChildren();
    rows.push(tr);
  });
  tableRows = rows;
  const current = ++generation;
  body.replaceChildren(...rows.slice(0, CHUNK));
  const more = (from) => {
    if (current !== generation || from >= rows.length) return;
    body.append(...rows.slice(from, from + CHUNK));
    nextTask().then(() => more(from + CHUNK));
  };
  nextTask().then(() => more(CHUNK));
}

/** What a derived score is, under its name. */
function derivedStatus(d) {
  if (!d.last) return t('waiting');
  if (d.kind === 'ensemble' && d.members?.length) {
    const best = Math.min(...d.members.map((m) => m.test_loss));
    const mean = d.members.reduce((s, m) => s + m.test_acc, 0) / d.members.length;
    return t('members: best test loss {best}, mean test acc. {mean}', { best: fmt(best), mean: pct(mean) });
  }
  if (d.kind === 'snapshots') return t('{count} snapshots averaged', { count: d.last.count ?? '?' });
  return t('moving average of the weights');
}

/** Shows `runs` (and the scores `derived` from them) in the table `#mnist-runs`, and their remarks under it. */
export function renderRunTable(runs, derived = []) {
  const body = $('mnist-runs');
  const key = `${language()}|${runs.map((r) => `${r.name}${r.modes ? '+' : ''}`).join('\n')}|${derived.map((d) => d.name).join('\n')}`;
  const expected = runs.length + runs.filter((r) => r.modes).length + derived.length;
  if (body.dataset.runs !== key || tableRows.length !== expected) {
    body.dataset.runs = key;
    build(body, runs, derived);
  }
  let row = 0;
  for (const r of runs) {
    const cells = tableRows[row++].cells;
    const progress = cells[1].firstChild;
    if (progress.max !== (r.total || 1)) progress.max = r.total || 1;
    if (progress.value !== r.iteration) progress.value = r.iteration;
    set(cells[2], r.total ? `${r.iteration} / ${r.total}` : '—');
    set(cells[3], r.loss === undefined ? '—' : fmt(r.loss));
    set(cells[4], pct(r.last?.train_acc));
    set(cells[5], pct(r.last?.val_acc));
    set(cells[6], pct(r.last?.test_acc), 'test-acc');
    set(cells[7], r.last ? fmt(r.last.test_loss) : '—');
    set(cells[8], r.diverged ? r.status : (STATES.includes(r.status) ? t(r.status) : r.status), r.diverged ? 'diverged' : '');
    set(cells[9], r.secondsPerEpoch === undefined ? '—' : t('{n} s', { n: r.secondsPerEpoch < 10 ? r.secondsPerEpoch.toFixed(2) : r.secondsPerEpoch.toFixed(0) }));
    if (!r.modes) continue;
    // Train mode: the loss column is the loss on the training digits scored.
    const m = r.lastModes?.train_mode;
    const mode = tableRows[row++].cells;
    set(mode[2], r.lastModes ? t('at {update}', { update: r.lastModes.iter }) : '—');
    set(mode[3], m ? fmt(m.train_loss) : '—');
    set(mode[4], pct(m?.train_acc));
    set(mode[5], '—');
    set(mode[6], pct(m?.test_acc), 'test-acc');
    set(mode[7], m ? fmt(m.test_loss) : '—');
  }
  for (const d of derived) {
    const cells = tableRows[row++].cells;
    set(cells[2], d.last ? t('at {update}', { update: d.last.iter }) : '—');
    set(cells[6], pct(d.last?.test_acc), 'test-acc');
    set(cells[7], d.last ? fmt(d.last.test_loss) : '—');
    set(cells[8], derivedStatus(d));
  }
  const remarks = runs.flatMap((r) => r.diagnostics.map((d) => ({ ...d, text: `${r.name}: ${d.text}` })));
  const shown = remarks.slice(0, 40);
  const list = $('mnist-diagnostics');
  if (list.dataset.remarks !== JSON.stringify(shown)) {
    list.dataset.remarks = JSON.stringify(shown);
    list.replaceChildren(...shown.map((d) => el('li', { class: d.level, text: d.text })));
  }
}
