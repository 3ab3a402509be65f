// The hyperparameter search of the MNIST lab: its controls (trials, the
// range of each dimension, layout) write the state table (`trials`,
// `layout`, `space`); the engine checks them, plans the trials, ranks them,
// draws the scatter and narrows the space to the best trials (coarse to fine).
import { engine, vocabulary } from './engine.js';
import { checkRadio, fillRadios, labelOf } from './controls.js';
import { el } from './dom.js';
import { exportBar } from './export.js';
import { formatSet, parseSet } from './grammar.js';
import { language, t } from './i18n.js';
import { applySettings, defaultsOf } from './lab.js';

const $ = (id) => document.getElementById(id);
const pct = (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`);
/** The search's settings, in the order they are applied. */
const KEYS = ['trials', 'layout', 'space'];

/** A range `scale:lo:hi` as { scale, lo, hi } (lo and hi as shown: log10 on a log scale). */
function rangeOf(text) {
  const [scale, lo, hi] = text.split(':');
  const log = scale !== 'linear';
  const show = (v) => (log ? Number(Math.log10(Number(v)).toFixed(2)) : Number(v));
  return { scale, lo: show(lo), hi: show(hi), log };
}

export class SearchControls {
  /** `page` gives the state and records changes; `onChange()` follows a change, `onNarrowed()` a narrowing. */
  constructor(page, { onChange, onNarrowed }) {
    this.page = page;
    this.onChange = onChange;
    this.attach();
    $('ms-trials').addEventListener('change', (e) => this.update({ trials: e.target.value.trim() }));
    $('ms-narrow').addEventListener('click', () => {
      try {
        const space = this.panel.narrowed(5);
        $('ms-error').textContent = '';
        this.update({ space });
        onNarrowed();
      } catch (e) {
        $('ms-error').textContent = e.message;
      }
    });
    exportBar($('mnist-scatter'), {
      label: 'Downloads: the search', name: 'descent-search', redraw: () => this.panel.draw(), svg: () => this.panel.svg(), csv: () => this.panel.csv(),
    });
  }

  /** Makes the search's engine handle (again, after the engine was replaced). */
  attach() {
    this.panel = new (engine().SearchPanel)('mnist-scatter');
    this.applied = defaultsOf(vocabulary('en').search.settings);
  }

  /**
   * Applies the search's settings of `state`, including the older link keys
   * `lr=-6,-2&wd=-8,-4`; returns `{ fix, refused }`.
   */
  load(state) {
    const older = {};
    const refusedOlder = {};
    if (state.lr || state.wd) {
      try {
        older.space = engine().SearchPanel.space_from_exponents(state.lr || '-6,-2', state.wd || '-8,-4');
      } catch (e) {
        refusedOlder[state.lr ? 'lr' : 'wd'] = e.message;
      }
      older.lr = '';
      older.wd = '';
    }
    const { fix, refused } = applySettings((k, v) => this.panel.set(k, v), KEYS, { ...state, ...older }, this.applied);
    this.pending = '';
    $('ms-error').textContent = '';
    return { fix: { ...older, ...fix }, refused: { ...refusedOlder, ...refused } };
  }

  /** A control's change: applied, then recorded (a refusal is shown under the controls). */
  update(patch) {
    const { fix, refused } = applySettings((k, v) => this.panel.set(k, v), KEYS, { ...this.page.state(), ...patch }, this.applied);
    this.page.commit({ ...patch, ...fix });
    // A refused value stays in its box, explained, and Start waits for it to be fixed.
    this.pending = Object.values(refused)[0] ?? '';
    $('ms-error').textContent = this.pending;
    this.sync(this.page.state());
    this.onChange();
  }

  /** Sets the controls from the state: trials, layout, and a row of range boxes per dimension. */
  sync(s) {
    const own = vocabulary(language()).search.settings;
    const trials = own.find((e) => e.key === 'trials');
    $('ms-trials').min = String(trials.min);
    $('ms-trials').max = String(trials.max);
    $('ms-trials').value = s.trials;
    fillRadios($('ms-layouts'), own.find((e) => e.key === 'layout'), 'ms-layout', (layout) => this.update({ layout }));
    checkRadio('ms-layout', s.layout);
    const entries = vocabulary(language()).mnist.training;
    const space = parseSet(s.space);
    $('ms-ranges').replaceChildren(...space.items.map(([key, text], i) => {
      const r = rangeOf(text);
      const entry = entries.find((e) => e.key === key) ?? { label: key };
      const label = labelOf(entry);
      const box = (which) => el('input', {
        type: 'number', step: r.log ? '0.5' : 'any', value: String(r[which]),
        'aria-label': `${label}: ${which === 'lo' ? t('from') : t('to')}${r.log ? ' (log10)' : ''}`,
        onchange: () => this.setRange(i),
      });
      return el('div', { class: 'pair', 'data-dimension': key },
        el('span', { class: 'hint range-name', text: r.log ? `log10 ${entry.label}` : entry.label }),
        el('label', {}, t('from'), ' ', box('lo')),
        el('label', {}, t('to'), ' ', box('hi')));
    }));
  }

  /** Writes dimension `i`'s range from its two boxes into the space. */
  setRange(i) {
    const space = parseSet(this.page.state().space);
    const row = $('ms-ranges').children[i];
    const [lo, hi] = [...row.querySelectorAll('input')].map((b) => b.value.trim());
    const [key, text] = space.items[i];
    const log = rangeOf(text).log;
    const value = (v) => (log ? String(10 ** Number(v)) : v);
    space.items[i] = [key, `${text.split(':')[0]}:${value(lo)}:${value(hi)}`];
    this.update({ space: formatSet(space) });
  }

  /** Whether the search can start: nothing typed is refused, and the engine holds the state's search. */
  accepted() {
    return !this.pending && KEYS.every((k) => this.applied[k] === this.page.state()[k]);
  }

  /** Plans the trials with `seed`: [{values, grid}]. */
  plan(seed) {
    return JSON.parse(this.panel.plan(seed));
  }

  /** A trial's name: its layout and values. */
  nameOf(trial) {
    const keys = parseSet(this.applied.space).items.map(([k]) => k);
    const values = trial.values.map((v, j) => `${keys[j] === 'weight-decay' ? 'wd' : keys[j]}=${v.toExponential(1)}`).join(' ');
    return `${trial.grid ? t('grid') : t('random')} ${values}`;
  }

  /** The space the trials were planned in (for the workers). */
  space() {
    return this.applied.space;
  }

  /** Records trial `i`'s validation accuracy. */
  setResult(i, accuracy) {
    this.panel.set_result(i, accuracy);
  }

  /** Draws the scatter (its canvas sized already). */
  draw() {
    this.panel.draw();
  }

  /** Shows the ranking of the best 10 and the random/grid comparison. */
  renderTables() {
    const top = JSON.parse(this.panel.ranking(10));
    $('ms-ranking').replaceChildren(...top.map((trial, i) => el('tr', {},
      el('td', { text: String(i + 1) }),
      el('td', { text: trial.values[0]?.toExponential(2) ?? '—' }),
      el('td', { text: trial.values[1]?.toExponential(2) ?? '—' }),
      el('td', { text: pct(trial.accuracy) }),
      el('td', { text: t(trial.layout) }),
    )));
    $('ms-comparison').textContent = this.panel.comparison();
    const edge = this.panel.edge_remark() ?? '';
    if ($('ms-edge').textContent !== edge) $('ms-edge').textContent = edge;
  }
}
