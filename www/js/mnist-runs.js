// Running an experiment in the MNIST lab: the runs go to training
// workers (a run that starts from another run's network waits for it), the
// workers' reports go into the runs' records, curves, derived scores and
// inspector, and Start, Pause, Step and Cancel act on them. These are
// methods of the lab (installed on MnistLab's prototype), split out of it
// by concept: mnist.js shows the lab, this file runs it.
import { engine } from './engine.js';
import { messageOf } from './dom.js';
import { DerivedScores, planText } from './experiment.js';
import { formatSet, parseSet, withValue } from './grammar.js';
import { language, t } from './i18n.js';
import { renderRunTable } from './run-table.js';
import { freshRun, recordProgress, recordStarted } from './run-record.js';

const $ = (id) => document.getElementById(id);

export const RunControl = {
  /** Draws run `i`'s curves again from what its worker sent. */
  replay(i, run) {
    for (const chunk of run.lossLog) this.curves.push_losses(i, chunk);
    this.pushEvals(i, run.evalLog);
  },

  /** Run `i`'s evaluations into the curves (with their test losses where the experiment compares them). */
  pushEvals(i, evals) {
    for (const e of evals) {
      this.curves.push_eval(i, e.iter, e.train_acc, e.val_acc ?? NaN, e.test_acc ?? NaN);
      if (this.plan?.testLoss) this.curves.push_test_loss(i, e.iter, e.test_loss);
    }
  },

  /** Derived score `k` at one evaluation, into the curves after the runs. */
  pushDerived(k, p) {
    const i = this.runs.length + k;
    this.curves.push_eval(i, p.iter, NaN, NaN, p.test_acc);
    this.curves.push_test_loss(i, p.iter, p.test_loss);
    this.dirty = true;
  },

  /** The curves' names: the runs', then the derived scores'. */
  curveNames() {
    return [...(this.names ?? []), ...this.derived.records.map((r) => r.name)].join('\n');
  },

  /** Why Start cannot start now, or '' when it can. */
  blocked() {
    const s = this.page.state();
    if (!this.data.source || this.pendingSet !== this.set) return t('Waiting for the digits…');
    // The sentence itself stands under the controls of your run.
    if (s.experiment === 'custom' && (this.refused || this.runCheck?.error)) return t('Start waits until your run\'s settings can train (see above).');
    if (s.experiment === 'hyperparameter-search' && !this.search.accepted()) return t('Start waits until the search settings are fixed (see above).');
    return '';
  },

  start() {
    if (this.blocked()) return;
    this.cancel('');
    this.stopWorkers();
    this.showPreset();
    $('mnist-tuning-check').textContent = '';
    $('mnist-next-step').hidden = true;
    const s = this.page.state();
    const preset = s.experiment;
    this.preset = preset;
    const seed = Number(s.seed) >>> 0;
    const custom = preset === 'custom' ? formatSet(withValue(parseSet(this.runCheck.text), 'seed', String(seed))) : undefined;
    const count = this.names.length;
    // One core stays with the page: up to (cores − 1) workers, unless the link asks for a number.
    const cores = navigator.hardwareConcurrency || 2;
    const n = Math.max(1, Math.min(count, this.workerCount || cores - 1));
    this.running = true;
    this.paused = false;
    this.finished = 0;
    this.started = performance.now();
    this.job = {
      experiment: preset, settings: planText(s), seed, custom, customStart: custom ? this.startModel?.bytes : undefined, models: {},
      trials: this.trials ? { space: this.search.space(), epochs: this.search.epochs(), values: this.trials.map((x) => x.values) } : undefined,
      // An experiment of a few runs records their weights, for the loss landscape.
      record: !custom && !this.trials && count <= 8,
    };
    this.derived.free();
    this.derived = new DerivedScores(this.plan, this.set, preset, s, (k, p) => this.pushDerived(k, p));
    // Runs that start from another run's network wait for it (see `onMessage`).
    const ready = [...Array(count).keys()].filter((i) => (this.plan?.runs[i]?.from ?? null) === null);
    for (let w = 0; w < Math.min(n, ready.length); w++) this.spawn(ready.filter((_, k) => k % n === w));
    $('mnist-status').textContent = t(count > 1 ? 'Training {count} runs in {n} worker(s)…' : 'Training 1 run…', { count, n });
    this.setButtons();
    this.tick();
  },

  /** Starts a worker on the runs `indices` of the current experiment. */
  spawn(indices) {
    return this.pool.spawn(indices, { source: this.data.source, ...this.job, lang: language() }, this.paused);
  },

  /**
   * Run `index` has finished: the runs that start from its network start
   * now (given it), or, when it has none (it diverged), stop, saying why.
   */
  startDependents(index, model) {
    const waiting = (this.plan?.runs ?? []).map((r, i) => [r, i]).filter(([r, i]) => r.from === index && this.runs[i].status === 'waiting').map(([, i]) => i);
    if (!waiting.length) return;
    if (!model) {
      for (const i of waiting) {
        this.runs[i].status = t('not started: the run it starts from has no network');
        this.runs[i].diverged = true;
        this.finished++;
      }
      return;
    }
    for (const i of waiting) this.job.models[i] = model;
    this.spawn(waiting);
  },

  /**
   * A worker hit an internal error: the run it was stepping (`index`, when
   * known) stops, saying so; the worker is replaced by a fresh one that
   * starts its other unfinished runs again.
   */
  replaceWorker(entry, index, why) {
    if (!this.pool.end(entry)) return;
    const failed = index ?? entry.indices.find((i) => this.runs[i].status === 'training');
    if (failed !== undefined) {
      const run = this.runs[failed];
      run.status = t('stopped by an internal error: {why}', { why });
      run.diverged = true;
      this.finished++;
    }
    const again = entry.indices.filter((i) => i !== failed && ['waiting', 'training'].includes(this.runs[i].status));
    for (const i of again) {
      this.runs[i] = freshRun(this.runs[i].name);
      this.curves.clear_run(i);
    }
    $('mnist-status').textContent = t('A training worker hit an internal error; it was replaced and its other runs start again.');
    if (again.length) this.spawn(again);
    else if (this.finished >= this.runs.length) this.complete();
    this.dirty = true;
    this.setButtons();
  },

  onMessage(msg) {
    const run = this.runs[msg.index];
    if (msg.type === 'started') {
      recordStarted(run, msg);
      this.curves.set_total(Math.max(...this.runs.map((r) => r.total)));
    } else if (msg.type === 'progress') {
      if (msg.memory) this.workerMemory = msg.memory;
      this.updateEta();
      recordProgress(run, msg);
      this.curves.push_losses(msg.index, msg.losses);
      this.pushEvals(msg.index, msg.evals);
      this.derived.addEvals(msg.index, msg.evals);
      if (msg.probabilities) this.derived.addProbabilities(msg.index, msg.probabilities);
      if (msg.model) this.inspect.add(run.name, msg.model);
      if (msg.model) run.model = msg.model;
      if (msg.path) run.path = msg.path;
      if (msg.stopped) {
        this.finished++;
        if (this.trials) this.search.setResult(msg.index, run.last?.val_acc ?? NaN);
        this.startDependents(msg.index, msg.model);
        this.derived.finish(this.runs);
      }
      this.dirty = true;
    } else if (msg.type === 'model') {
      const name = msg.best ? t('{name}, best validation (update {update})', { name: run.name, update: run.bestIter ?? '?' }) : t('{name} at update {update}', { name: run.name, update: run.iteration });
      this.inspect.add(name, msg.model, msg.best || !this.inspect.current);
    } else if (msg.type === 'done') {
      if (this.finished >= this.runs.length && this.running) this.complete();
    } else if (msg.type === 'error') {
      this.fail(msg.message);
    }
  },

  /** "About N s left", from the share of all updates done so far; twice a second (a change of text lays the page out again). */
  updateEta() {
    if (this.paused || !this.running) return;
    if (performance.now() - (this.etaAt ?? 0) < 500) return;
    this.etaAt = performance.now();
    const done = this.runs.reduce((s, r) => s + r.iteration, 0);
    const all = this.runs.reduce((s, r) => s + (r.total || 0), 0);
    const elapsed = (performance.now() - this.started) / 1000;
    if (done > 0 && all > 0 && elapsed > 1) {
      const left = (elapsed * (all - done)) / done;
      const memory = this.workerMemory ? t(' · engine memory {mib} MiB', { mib: (this.workerMemory / 2 ** 20).toFixed(1) }) : '';
      const time = left < 90 ? t('{n} s', { n: Math.ceil(left) }) : t('{n} min', { n: Math.ceil(left / 60) });
      $('mnist-status').textContent = t('Training… {pct}% done, about {time} left{memory}.', { pct: Math.round((100 * done) / all), time, memory });
    }
  },

  complete() {
    const seconds = (performance.now() - this.started) / 1000;
    // The workers stay, idle, holding the finished runs for "restore best".
    this.running = false;
    this.setButtons();
    this.render();
    $('mnist-status').textContent = t('Done in {seconds} s.', { seconds: seconds.toFixed(1) });
    if (this.preset === 'guided-tuning') this.checkStep();
  },

  /**
   * The guided session's check of the step just run: its sentence, what
   * it hands on (the fine search's ranges, the best values) written into
   * the state, and the next step one click away.
   */
  checkStep() {
    const numbers = this.runs.flatMap((r) => r.outcome ?? [NaN, NaN, NaN, NaN, 0, 0, 1]);
    let check;
    try {
      check = JSON.parse(engine().tuning_check(this.job.settings, Float64Array.from(numbers)));
    } catch (e) {
      $('mnist-tuning-check').textContent = messageOf(e);
      return;
    }
    const box = $('mnist-tuning-check');
    box.textContent = check.text;
    box.className = `readout ${check.passed ? 'good' : 'warn'}`;
    const patch = {};
    if (check.space) patch['tune-space'] = check.space;
    if (check.best) patch['tune-best'] = check.best;
    if (Object.keys(patch).length) {
      this.page.commit(patch);
      this.own.render(this.page.state());
    }
    const step = Number(this.page.state().step);
    // After the loop back (step 7, a fine search again), the end: step 6 with its best values.
    const next = step === 7 ? 6 : step + 1;
    const button = $('mnist-next-step');
    button.hidden = step === 6 && !check.passed;
    button.textContent = t('Go on to step {n}', { n: next });
    button.onclick = () => {
      this.update({ step: String(next) });
      this.start();
    };
  },

  fail(message) {
    this.stopWorkers();
    $('mnist-status').textContent = message;
  },

  togglePause() {
    this.paused = !this.paused;
    this.pool.post({ type: this.paused ? 'pause' : 'resume' });
    $('mnist-pause').textContent = this.paused ? t('Resume') : t('Pause');
    $('mnist-status').textContent = this.paused ? t('Paused.') : t('Training…');
  },

  cancel(message) {
    if (!this.running) return;
    this.stopWorkers();
    for (const r of this.runs) if (r.status === 'training' || r.status === 'waiting') r.status = 'cancelled';
    renderRunTable(this.runs, this.derived.records);
    if (message) $('mnist-status').textContent = message;
  },

  stopWorkers() {
    this.pool.stop();
    this.running = false;
    this.paused = false;
    $('mnist-pause').textContent = t('Pause');
    this.setButtons();
  },
};
