// The optimizer rows of the optimizer lab: one row per run, with a control
// for each hyperparameter the optimizer reads. The optimizers, the
// hyperparameters each reads, their book values and every slider's range,
// scale and label come from the engine's vocabulary; an edit is reported as
// `{ index, key, value }` (or `{ index, kind }`, `{ remove }`), and the lab
// turns it into the runs' text for the state table.
import { sliderScale } from './controls.js';
import { valueOf } from './grammar.js';
import { el, fmt } from './dom.js';
import { t } from './i18n.js';

// Okabe–Ito colours and marker symbols, in the engine's order (src/plot).
export const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#a08c00', '#000000'];
export const SYMBOLS = ['●', '■', '▲', '◆', '▼', '✕', '✚', '★'];

/**
 * The runs (parsed sets: head = optimizer) as rows: the optimizer, whether
 * it is drawn, and the value of each hyperparameter it reads (the set's, or
 * the book's).
 */
export function rowsOf(runs, vocab) {
  return runs.map((set) => {
    const optimizer = vocab.optimizers.find((o) => o.id === set.head) ?? vocab.optimizers[0];
    const values = Object.fromEntries(optimizer.params.map((key) => [key, valueOf(set, key) ?? optimizer.book[key]]));
    return { optimizer, visible: valueOf(set, 'show') !== '0', values };
  });
}

function slider(row, index, entry, onEdit) {
  const id = `optim-run${index}-${entry.key}`;
  const scale = sliderScale(entry);
  const value = Number(row.values[entry.key]);
  const out = el('output', { for: id, text: fmt(value) });
  const input = el('input', {
    id, type: 'range', min: scale.min, max: scale.max, step: scale.step,
    'aria-label': `${row.optimizer.label} ${entry.label}`,
    'aria-valuetext': fmt(value),
    oninput: () => {
      const v = scale.toValue(Number(input.value));
      out.textContent = fmt(v);
      input.setAttribute('aria-valuetext', fmt(v));
      onEdit({ index, key: entry.key, value: String(v) });
    },
  });
  input.value = String(scale.toPos(value));
  return el('div', { class: 'field' }, el('label', { for: id, text: entry.short }), input, out);
}

/**
 * Fills `list` with a row per run, from the optimizer lab's vocabulary
 * `vocab`; with `optimal` (the quadratic model's best SGD and Momentum
 * settings) SGD and Momentum rows get a button that snaps them to it.
 */
export function renderRuns(list, rows, vocab, onEdit, optimal = null) {
  const entries = vocab.hyperparameters;
  list.replaceChildren();
  rows.forEach((row, i) => {
    const kind = el('select', {
      'aria-label': t('Optimizer {n}', { n: i + 1 }),
      onchange: () => onEdit({ index: i, kind: kind.value }),
    }, vocab.optimizers.map((o) => el('option', { value: o.id, text: o.label, selected: o.id === row.optimizer.id })));
    const head = el('div', { class: 'run-head' },
      el('span', { class: 'run-symbol', 'aria-hidden': 'true', text: SYMBOLS[i % SYMBOLS.length] }),
      kind,
      el('label', {},
        el('input', { type: 'checkbox', checked: row.visible, onchange: (e) => onEdit({ index: i, key: 'show', value: e.target.checked ? null : '0' }) }),
        ` ${t('show')}`),
      el('button', {
        type: 'button', class: 'remove', 'aria-label': t('Remove optimizer {n} ({name})', { n: i + 1, name: row.optimizer.label }), text: '×',
        disabled: rows.length === 1, onclick: () => onEdit({ remove: i }),
      }));
    const controls = [head];
    for (const key of row.optimizer.params) {
      const entry = entries.find((e) => e.key === key);
      if (!entry) continue;
      if (entry.kind === 'flag') {
        controls.push(el('label', { class: 'check' },
          el('input', { type: 'checkbox', checked: row.values[key] === '1', onchange: (e) => onEdit({ index: i, key, value: e.target.checked ? '1' : '0' }) }),
          ` ${row.optimizer.label} ${entry.label}`));
      } else {
        controls.push(slider(row, i, entry, onEdit));
      }
    }
    const best = optimal?.[row.optimizer.id];
    if (best) {
      controls.push(el('button', {
        type: 'button', class: 'snap', text: t('Snap to the optimal step'),
        'aria-label': t('Snap to the optimal step: optimizer {n} ({name})', { n: i + 1, name: row.optimizer.label }),
        onclick: () => onEdit({ index: i, values: best }),
      }));
    }
    list.append(el('li', { class: 'run', style: { '--run-color': COLORS[i % COLORS.length] } }, controls));
  });
}
