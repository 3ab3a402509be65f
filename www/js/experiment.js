// An experiment's plan in the page, as the engine makes it: its runs (a run
// may start from an earlier run's final network, and waits for it), the
// scores derived from them and shown beside them (an ensemble, a run's
// averaged weights, a run's snapshots), and the controls of the
// experiment's own settings (the ensemble's size, transfer learning's task,
// labels per class, layers reused and frozen, and seed 001's four cases).
import { engine, vocabulary } from './engine.js';
import { controlFor } from './controls.js';
import { el } from './dom.js';
import { language, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** The lab's settings that are the experiment's (every one but the experiment and your own run). */
export function experimentKeys() {
  return vocabulary('en').mnist.settings.map((e) => e.key).filter((k) => k !== 'experiment' && k !== 'run');
}

/** The experiment's settings of `state` as one set of settings (`seed=1;members=5;…`). */
export function planText(state) {
  return experimentKeys().map((k) => `${k}=${state[k]}`).join(';');
}

/** A derived score's record, before anything is scored. */
function freshDerived(d) {
  return { ...d, derived: true, name: d.name, iteration: 0, last: null, status: 'waiting', diagnostics: [], evalLog: [] };
}

/**
 * The plan of `experiment` for `state`: `{ runs: [{name, from}], ensemble,
 * derived: [record] }` (the engine's `experiment_plan`; for your own run,
 * `custom_plan` of its settings `runText`), or null for the search.
 */
export function planOf(experiment, state, runText = '') {
  if (experiment === 'hyperparameter-search') return null;
  const plan = JSON.parse(experiment === 'custom' ? engine().custom_plan(runText) : engine().experiment_plan(experiment, planText(state)));
  plan.derived = plan.derived.map(freshDerived);
  // Test losses are drawn where the experiment compares them.
  plan.testLoss = plan.derived.length > 0 || plan.runs.some((r) => r.from !== null);
  return plan;
}

/**
 * What an experiment's runs give beyond themselves, kept as records shown
 * under the runs: the ensemble (from its members' test probabilities) and
 * each run's averaged weights and snapshots (from its evaluations).
 * `push(k, point)` receives each new score of record k as `{iter, test_acc,
 * test_loss}`.
 */
export class DerivedScores {
  constructor(plan, set, experiment, state, push) {
    this.records = plan?.derived ?? [];
    this.push = push;
    this.ensemble = null;
    if (plan?.ensemble && set) this.ensemble = new (engine().EnsemblePanel)(set, experiment, planText(state));
  }

  record(k, point, members) {
    const r = this.records[k];
    r.evalLog.push(point);
    r.last = point;
    r.iteration = point.iter;
    r.status = 'training';
    if (members) r.members = members;
    this.push(k, point);
  }

  /** Run `index`'s test probabilities (`{updates, data}`, 10 per test digit per update). */
  addProbabilities(index, { updates, data }) {
    if (!this.ensemble || !updates.length) return;
    const size = data.length / updates.length;
    updates.forEach((iter, j) => {
      const answer = this.ensemble.add(index, iter, data.subarray(j * size, (j + 1) * size));
      if (!answer) return;
      const score = JSON.parse(answer);
      const k = this.records.findIndex((r) => r.kind === 'ensemble');
      if (k >= 0) this.record(k, score, score.members);
    });
  }

  /** Run `index`'s new evaluations: its averaged weights' and snapshots' scores. */
  addEvals(index, evals) {
    this.records.forEach((r, k) => {
      if (r.of !== index) return;
      for (const e of evals) {
        const s = r.kind === 'ema' ? e.ema : r.kind === 'snapshots' ? e.snapshots : null;
        if (s) this.record(k, { iter: e.iter, test_acc: s.test_acc, test_loss: s.test_loss, count: s.count });
      }
    });
  }

  /** Marks every record finished once its runs have. */
  finish(runs) {
    for (const r of this.records) {
      const done = r.of === null ? runs.every((x) => x.status !== 'training' && x.status !== 'waiting') : !['training', 'waiting'].includes(runs[r.of]?.status);
      if (done && r.last) r.status = 'finished';
    }
  }

  free() {
    this.ensemble?.free();
    this.ensemble = null;
  }

  /**
   * After the engine was replaced: the records stay (and are drawn again
   * through `push`); the ensemble's handle belonged to the old engine, so
   * members are combined only from here on.
   */
  reattach(push) {
    this.ensemble = null;
    this.push = push;
    this.records.forEach((r, k) => r.evalLog.forEach((p) => push(k, p)));
  }
}

/**
 * The controls of an experiment's own settings, made from their catalogue
 * entries, and for transfer learning seed 001's table of four cases, each
 * one click away. `onChange(patch)` follows a change; `onRun(patch)` a case
 * chosen to run now.
 */
export class ExperimentControls {
  constructor({ onChange, onRun }) {
    this.onChange = onChange;
    this.onRun = onRun;
    this.shape = '';
  }

  render(state) {
    const v = vocabulary(language()).mnist;
    const experiment = v.experiments.find((x) => x.id === state.experiment);
    const keys = experiment?.settings ?? [];
    const box = $('mnist-own');
    box.hidden = keys.length === 0;
    const shape = `${language()}|${state.experiment}|${keys.map((k) => state[k]).join(',')}`;
    if (shape === this.shape) return;
    this.shape = shape;
    const rows = keys.map((key) => {
      const entry = v.settings.find((e) => e.key === key);
      return controlFor(entry, String(state[key]), (text) => this.onChange({ [key]: text }), { id: `mx-${key}` });
    });
    box.querySelector('.generated').replaceChildren(...rows);
    const cases = $('mnist-cases');
    cases.hidden = state.experiment !== 'transfer-learning';
    if (!cases.hidden) this.renderCases(v, state);
  }

  /** Seed 001's table: similar or different task, little or much data; each cell runs its case. */
  renderCases(v, state) {
    const task = v.settings.find((e) => e.key === 'task');
    const label = (id) => task.choices.find((c) => c.id === id)?.label ?? id;
    const cell = (c) => {
      const current = ['task', 'per-class', 'reuse', 'freeze'].every((k) => String(state[k]) === String(c[k]));
      const patch = { task: c.task, 'per-class': String(c['per-class']), reuse: String(c.reuse), freeze: String(c.freeze) };
      const name = t('Run: {task}, {n} a class', { task: label(c.task), n: c['per-class'] });
      return el('td', { class: current ? 'case current' : 'case' },
        el('p', { text: c.advice }),
        el('p', { class: 'hint', text: t('{n} digits a class · {reuse} layers reused, {freeze} frozen', { n: c['per-class'], reuse: c.reuse, freeze: c.freeze }) }),
        el('button', { type: 'button', 'aria-label': name, text: t('Run this case'), onclick: () => this.onRun(patch) }));
    };
    const byTask = (id) => v.transfer_cases.filter((c) => c.task === id);
    const rows = ['similar', 'different'].map((id) => el('tr', {}, el('th', { scope: 'row', text: label(id) }), ...byTask(id).map(cell)));
    $('mnist-cases-body').replaceChildren(...rows);
  }
}
