// The hyperparameter search of the MNIST lab: its controls (trials, log10
// ranges, layout), the engine's plan of trials, the scatter and the ranking,
// and narrowing the ranges to the best trials (coarse to fine).
import { SearchPanel } from '../pkg/descent.js';
import { el, fitCanvas, messageOf } from './dom.js';
import { exportBar } from './export.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const pct = (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`);
const layoutOf = () => document.querySelector('input[name="ms-layout"]:checked')?.value ?? 'random';

export class SearchControls {
  /**
   * `onChange()` follows a change of the controls, `onNarrowed()` a
   * narrowing of the ranges; both let the lab re-plan.
   */
  constructor({ onChange, onNarrowed }) {
    this.panel = new SearchPanel('mnist-scatter');
    for (const input of document.querySelectorAll('#mnist-search input')) input.addEventListener('change', onChange);
    $('ms-narrow').addEventListener('click', () => {
      try {
        const r = JSON.parse(this.panel.narrowed(5));
        [$('ms-lr-lo').value, $('ms-lr-hi').value] = r.lr.map((v) => v.toFixed(2));
        [$('ms-wd-lo').value, $('ms-wd-hi').value] = r.decay.map((v) => v.toFixed(2));
        $('ms-error').textContent = '';
        onNarrowed();
      } catch (e) {
        $('ms-error').textContent = messageOf(e);
      }
    });
    exportBar($('mnist-scatter'), {
      label: 'Downloads: the search', name: 'descent-search', redraw: () => this.panel.draw(), svg: () => this.panel.svg(), csv: () => this.panel.csv(),
    });
  }

  /** Sets the controls from the state table; returns notices for refused values. */
  load(state) {
    const notices = [];
    const range = (key, lo, hi) => {
      const parts = state[key].split(',').map(Number);
      if (parts.length === 2 && parts.every(Number.isFinite)) [$(lo).value, $(hi).value] = parts.map(String);
      else notices.push(t('Ignored {key}="{value}" in the link: {why}.', { key, value: state[key], why: t('it must be two numbers, as in -6,-2') }));
    };
    $('ms-trials').value = String(state.trials);
    range('lr', 'ms-lr-lo', 'ms-lr-hi');
    range('wd', 'ms-wd-lo', 'ms-wd-hi');
    for (const r of document.querySelectorAll('input[name="ms-layout"]')) r.checked = r.value === state.layout;
    return notices;
  }

  /** The controls as state entries. */
  state() {
    return { trials: Number($('ms-trials').value), lr: `${$('ms-lr-lo').value},${$('ms-lr-hi').value}`, wd: `${$('ms-wd-lo').value},${$('ms-wd-hi').value}`, layout: layoutOf() };
  }

  /** Whether the engine accepted the last plan. */
  accepted() {
    return $('ms-error').textContent === '';
  }

  /**
   * Plans the trials from the controls with `seed`; returns [{lr, decay, grid}]
   * (the engine's sentence goes under the controls, and `previous` stays).
   */
  plan(seed, previous) {
    const v = (id) => Number($(id).value);
    try {
      this.panel.set_space(v('ms-lr-lo'), v('ms-lr-hi'), v('ms-wd-lo'), v('ms-wd-hi'));
      const plan = JSON.parse(this.panel.plan(v('ms-trials'), layoutOf(), seed));
      $('ms-error').textContent = '';
      return plan;
    } catch (e) {
      $('ms-error').textContent = messageOf(e);
      return previous ?? [];
    }
  }

  /** Records trial `i`'s validation accuracy. */
  setResult(i, accuracy) {
    this.panel.set_result(i, accuracy);
  }

  /** Draws the scatter, the ranking of the best 10 and the random/grid comparison. */
  render() {
    fitCanvas($('mnist-scatter'));
    this.panel.draw();
    const top = JSON.parse(this.panel.ranking(10));
    $('ms-ranking').replaceChildren(...top.map((trial, i) => el('tr', {},
      el('td', { text: String(i + 1) }),
      el('td', { text: trial.lr.toExponential(2) }),
      el('td', { text: trial.decay.toExponential(2) }),
      el('td', { text: pct(trial.accuracy) }),
      el('td', { text: t(trial.layout) }),
    )));
    $('ms-comparison').textContent = this.panel.comparison();
  }
}
