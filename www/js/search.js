// The hyperparameter search of the MNIST lab: its controls (trials, epochs
// per trial, the range of each dimension, dimensions added and removed,
// layout) write the state table (`trials`, `trial-epochs`, `layout`,
// `space`); the engine checks them, plans the trials, ranks them, draws the
// scatter and each dimension's marginal, and narrows the space to the best
// trials (coarse to fine).
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
const KEYS = ['trials', 'trial-epochs', 'layout', 'space'];

export class SearchControls {
  /** `page` gives the state and records changes; `onChange()` follows a change, `onNarrowed()` a narrowing. */
  constructor(page, { onChange, onNarrowed }) {
    this.page = page;
    this.onChange = onChange;
    this.attach();
    $('ms-trials').addEventListener('change', (e) => this.update({ trials: e.target.value.trim() }));
    $('ms-epochs').addEventListener('change', (e) => this.update({ 'trial-epochs': e.target.value.trim() }));
    $('ms-add').addEventListener('change', (e) => {
      const dim = JSON.parse(engine().SearchPanel.dimensions()).find((d) => d.key === e.target.value);
      e.target.value = '';
      if (!dim) return;
      const space = parseSet(this.page.state().space);
      space.items.push([dim.key, dim.range]);
      this.update({ space: formatSet(space) });
    });
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
    exportBar($('mnist-marginals'), {
      label: 'Downloads: each dimension', name: 'descent-search-marginals', redraw: () => this.drawMarginals(), svg: () => this.panel.marginals_svg('mnist-marginals'), csv: () => this.panel.csv(),
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

  /** Sets the controls from the state: trials, epochs, layout, a row per dimension and the list of dimensions to add. */
  sync(s) {
    const own = vocabulary(language()).search.settings;
    for (const [id, key] of [['ms-trials', 'trials'], ['ms-epochs', 'trial-epochs']]) {
      const entry = own.find((e) => e.key === key);
      $(id).min = String(entry.min);
      $(id).max = String(entry.max);
      $(id).value = s[key];
    }
    fillRadios($('ms-layouts'), own.find((e) => e.key === 'layout'), 'ms-layout', (layout) => this.update({ layout }));
    checkRadio('ms-layout', s.layout);
    let rows;
    try {
      rows = JSON.parse(engine().SearchPanel.rows(s.space));
    } catch {
      // A refused space leaves its boxes as typed (explained below them),
      // or, from a link, shows the one the engine holds.
      if (this.rows) return;
      rows = JSON.parse(engine().SearchPanel.rows(this.applied.space));
    }
    this.rows = rows;
    const lone = rows.length === 1;
    $('ms-ranges').replaceChildren(...rows.map((r, i) => {
      const label = labelOf(r);
      const box = (which) => el('input', {
        type: 'number', step: r.scale === 'linear' ? 'any' : '0.5', value: String(Number(r[which].toFixed(4))),
        'aria-label': `${label}: ${which === 'lo' ? t('from') : t('to')}${r.scale === 'linear' ? '' : ' (log10)'}`,
        onchange: () => this.setRange(i),
      });
      const ends = r.scale === 'list'
        ? [el('label', {}, t('values'), ' ', el('input', { type: 'text', value: r.list, size: '12', 'aria-label': `${label}: ${t('values')}`, onchange: () => this.setRange(i) }))]
        : [el('label', {}, t('from'), ' ', box('lo')), el('label', {}, t('to'), ' ', box('hi'))];
      const remove = el('button', {
        type: 'button', class: 'small', text: '×', title: t('Remove {name} from the search', { name: r.label }),
        'aria-label': t('Remove {name} from the search', { name: r.label }), onclick: () => this.removeDimension(i),
      });
      remove.disabled = lone;
      return el('div', { class: 'pair', 'data-dimension': r.key }, el('span', { class: 'hint range-name', text: r.axis }), ...ends, remove);
    }));
    const used = new Set(rows.map((r) => r.key));
    const addable = JSON.parse(engine().SearchPanel.dimensions()).filter((d) => !used.has(d.key));
    $('ms-add').replaceChildren(
      el('option', { value: '', text: t('Add a dimension…') }),
      ...addable.map((d) => el('option', { value: d.key, text: labelOf(d) })),
    );
    $('ms-add').disabled = addable.length === 0;
    $('ms-ranking-head').replaceChildren(el('tr', {},
      el('th', { scope: 'col', text: t('Rank') }),
      ...rows.map((r) => el('th', { scope: 'col', text: labelOf(r) })),
      el('th', { scope: 'col', text: t('Val. acc.') }),
      el('th', { scope: 'col', text: t('Layout') })));
  }

  /** Writes dimension `i`'s range (or list) from its boxes into the space. */
  setRange(i) {
    const space = parseSet(this.page.state().space);
    const r = this.rows[i];
    const boxes = [...$('ms-ranges').children[i].querySelectorAll('input')].map((b) => b.value.trim());
    // An empty box stays empty, for the engine to refuse (10 ** '' would be 1).
    const written = (v) => (r.scale === 'linear' || v === '' ? v : String(10 ** Number(v)));
    space.items[i] = [r.key, r.scale === 'list' ? `list:${boxes[0]}` : `${r.scale}:${written(boxes[0])}:${written(boxes[1])}`];
    this.update({ space: formatSet(space) });
  }

  /** Takes dimension `i` out of the space. */
  removeDimension(i) {
    const space = parseSet(this.page.state().space);
    space.items.splice(i, 1);
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
    return `${trial.grid ? t('grid') : t('random')} ${trial.name}`;
  }

  /** The epochs of each trial. */
  epochs() {
    return this.panel.epochs();
  }

  /** The space the trials were planned in (for the workers). */
  space() {
    return this.applied.space;
  }

  /** Records trial `i`'s validation accuracy. */
  setResult(i, accuracy) {
    this.panel.set_result(i, accuracy);
  }

  /** Draws the scatter, and the marginals in a task of their own (their canvases sized already). */
  draw() {
    this.panel.draw();
    clearTimeout(this.marginalsTimer);
    this.marginalsTimer = setTimeout(() => this.drawMarginals(), 0);
  }

  /** Draws each dimension's marginal. */
  drawMarginals() {
    this.panel.draw_marginals('mnist-marginals');
  }

  /** Shows the ranking of the best 10 and the random/grid comparison. */
  renderTables() {
    const top = JSON.parse(this.panel.ranking(10));
    $('ms-ranking').replaceChildren(...top.map((trial, i) => el('tr', {},
      el('td', { text: String(i + 1) }),
      ...trial.texts.map((text) => el('td', { text })),
      el('td', { text: pct(trial.accuracy) }),
      el('td', { text: t(trial.layout) }),
    )));
    $('ms-comparison').textContent = this.panel.comparison();
    const edge = this.panel.edge_remark() ?? '';
    if ($('ms-edge').textContent !== edge) $('ms-edge').textContent = edge;
  }
}
