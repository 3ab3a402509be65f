// The MNIST lab's controller: shows the experiment chosen, its controls,
// curves, tables and the assistant's remarks; mnist-runs.js runs it in Web
// Workers (the page keeps animating) and streams their reports in;
// mnist-draw.js redraws its charts and tables.
import { engine, vocabulary } from './engine.js';
import { bindNumber, fillSelect } from './controls.js';
import { CustomRun } from './custom-run.js';
import { download, messageOf, nextTask } from './dom.js';
import { formatSet, parseSet, withValue } from './grammar.js';
import { InspectPanel } from './inspect.js';
import { LandscapeView } from './landscape.js';
import { applySettings, defaultsOf } from './lab.js';
import { downloadPng, downloadSvg, exportBar } from './export.js';
import { language, t } from './i18n.js';
import { renderRunTable } from './run-table.js';
import { freshRun } from './run-record.js';
import { WorkerPool } from './worker-pool.js';
import { DigitSource } from './digit-source.js';
import { AugmentView } from './augment-view.js';
import { WeightsView } from './weights.js';
import { SearchControls } from './search.js';
import { RunControl } from './mnist-runs.js';
import { Drawing } from './mnist-draw.js';
import { DerivedScores, ExperimentControls, experimentKeys, planOf } from './experiment.js';

const $ = (id) => document.getElementById(id);

export class MnistLab {
  /** `page` gives the state (`state()`) and records changes (`commit(patch)`). */
  constructor(page) {
    this.page = page;
    this.curves = new (engine().CurvesPanel)('mnist-loss', 'mnist-accuracy');
    this.pool = new WorkerPool({ onMessage: (msg, entry) => this.onMessage(msg, entry), onCrash: (entry, index, why) => this.replaceWorker(entry, index, why) });
    this.runs = [];
    this.dirty = false;
    this.applied = defaultsOf(vocabulary('en').mnist.settings);
    this.inspect = new InspectPanel({ onShow: () => this.setButtons() });
    this.landscape = new LandscapeView(this);
    this.data = new DigitSource((set) => this.useDigits(set));
    this.weights = new WeightsView();
    this.augment = new AugmentView();
    this.augmentUpdate = 0;
    this.search = new SearchControls(page, {
      onChange: () => {
        this.showPreset();
        this.setButtons();
        this.render();
      },
      onNarrowed: () => {
        this.cancel();
        this.showPreset();
        this.render();
        // Said whether the search was still running or had finished.
        $('mnist-status').textContent = t('Narrowed to the best trials: press Start for the fine search.');
      },
    });
    this.custom = new CustomRun({
      onChange: (key, text) => this.editRun(key, text),
      onLive: (key, value) => {
        if (this.running && this.preset === 'custom') this.pool.post({ type: 'set', key, value });
      },
    });
    this.own = new ExperimentControls({
      onChange: (patch) => this.update(patch),
      onRun: (patch) => {
        this.update(patch);
        this.start();
      },
    });
    this.derived = new DerivedScores(null);
    this.wire();
  }

  /**
   * Makes the lab's engine handles again after the engine was replaced: the
   * digits from their bytes, the curves from what the workers sent (kept in
   * each run), the search and the inspected network.
   */
  attach() {
    this.curves = new (engine().CurvesPanel)('mnist-loss', 'mnist-accuracy');
    this.applied = defaultsOf(vocabulary('en').mnist.settings);
    this.search.attach();
    this.inspect.detach();
    this.weights.attach();
    this.augment.key = null;
    const set = this.data.parse();
    this.set = set;
    this.pendingSet = set;
    if (set) {
      this.digits = new (engine().MnistPanel)('mnist-canvas', set);
      this.digitsDrawn = false;
      this.inspect.setSet(set);
    }
    this.curves.reset(this.curveNames(), Math.max(1, ...this.runs.map((r) => r.total || 0)));
    this.curves.set_fit(!!this.plan?.testLoss);
    this.runs.forEach((run, i) => this.replay(i, run));
    this.derived.reattach((k, p) => this.pushDerived(k, p));
    if (this.trials) {
      this.trials = this.search.plan(Number(this.page.state().seed) >>> 0);
      this.runs.forEach((run, i) => {
        if (run.last) this.search.setResult(i, run.last.val_acc ?? NaN);
      });
    }
  }

  vocab() {
    return vocabulary(language()).mnist;
  }

  /** Gives the lab the bundled digits (bytes of www/data/digits.bin). */
  setData(bytes) {
    this.data.setBundle(bytes);
  }

  /** Switches the lab to a parsed digit set. */
  async useDigits(set) {
    this.cancel('');
    this.pendingSet = set;
    // In tasks after the parsing: the average digits, then the rest (8 MB
    // of digits are work enough for one task, their means for another).
    await nextTask();
    if (this.pendingSet !== set) {
      set.free();
      return;
    }
    this.set = set;
    this.digits = new (engine().MnistPanel)('mnist-canvas', set);
    this.digitsDrawn = false;
    await nextTask();
    if (this.set !== set) return;
    this.inspect.setSet(set);
    // The run's settings are checked again against the digits now in use.
    this.checkRun(this.page.state().run);
    this.setButtons();
    this.render();
  }

  /**
   * Applies the lab's settings from `state`: the experiment and seed
   * (checked by the engine), your own run (checked as a whole), and the
   * search's; returns `{ fix, refused }`.
   */
  load(state) {
    this.workerCount = state.workers;
    const own = applySettings((k, v) => engine().check_setting('mnist', k, v), ['experiment', ...experimentKeys()], state, this.applied);
    const search = this.search.load(state);
    const fix = { ...own.fix, ...search.fix };
    const refused = { ...own.refused, ...search.refused };
    // Checked now, shown by `show` (a load makes no controls).
    const check = this.checkRun(state.run, { render: false });
    if (check.text !== state.run) fix.run = check.text;
    if (check.refused.length) refused.run = check.refused.map((r) => `${r.item}: ${r.why}`).join(' ');
    this.refused = '';
    $('mc-refused').textContent = '';
    return { fix, refused };
  }

  /** Shows the state (after a load, or in another language); resolves when drawn. */
  async show() {
    const s = this.page.state();
    this.digitsDrawn = false;
    this.fillMenus();
    this.sync(s);
    this.search.sync(s);
    this.custom.render({ force: true, draw: false });
    this.data.showSummary();
    this.showPreset(s, { draw: false });
    this.setButtons();
    // Drawn in a task of its own: showing and drawing together would hold the page up.
    await nextTask();
    if (!this.running) this.render();
  }

  /** Checks the settings text of your own run and (unless `render` is false) shows it in the controls. */
  checkRun(text, { render = true } = {}) {
    this.runCheck = this.custom.show(text, this.data.trainDigits(), { render });
    return this.runCheck;
  }

  /** A change of one setting of your own run: the state's `run` text, checked by the engine. */
  editRun(key, text) {
    let set = parseSet(this.page.state().run);
    const [iterations, epochs] = this.vocab().length;
    if (key === 'optimizer') {
      // A new optimizer starts from the book's values of its hyperparameters.
      const hyper = new Set(vocabulary(language()).optim.hyperparameters.map((e) => e.key));
      set = { head: null, items: set.items.filter(([k]) => !hyper.has(k) || k === 'lr') };
    }
    if (key === iterations) set = withValue(set, epochs, null);
    if (key === epochs) set = withValue(set, iterations, null);
    set = withValue(set, key, text);
    const check = this.checkRun(formatSet(set));
    this.page.commit({ run: check.text });
    // A refused value stays in its box, explained, and Start waits for it to be fixed.
    this.refused = check.refused.map((r) => `${r.item}: ${r.why}`).join(' ');
    $('mc-refused').textContent = this.refused;
    this.setButtons();
    this.drawAugment(this.page.state());
  }

  /** A change of the experiment or the seed. */
  update(patch) {
    const { fix, refused } = applySettings((k, v) => engine().check_setting('mnist', k, v), ['experiment', ...experimentKeys()], { ...this.page.state(), ...patch }, this.applied);
    this.page.commit({ ...patch, ...fix });
    $('mnist-seed-error').textContent = Object.values(refused)[0] ?? '';
    this.sync(this.page.state());
    this.showPreset();
    this.setButtons();
    this.render();
  }

  fillMenus() {
    fillSelect($('mnist-preset'), { choices: this.vocab().experiments.map((x) => ({ id: x.id, label: x.label })) });
    bindNumber($('mnist-seed'), this.vocab().settings.find((e) => e.key === 'seed'));
  }

  sync(s) {
    $('mnist-preset').value = s.experiment;
    $('mnist-seed').value = s.seed;
  }

  /** A keyboard shortcut: space starts, pauses or resumes; → steps; r resets. */
  shortcut(action) {
    if (action === 'play') {
      if (this.running) this.togglePause();
      else if (!$('mnist-start').disabled) this.start();
    } else if (action === 'step' && this.running) $('mnist-step').click();
    else if (action === 'reset') this.reset();
  }

  /** Shows the experiment of the state: its sentence, its panels and (while idle) its runs, waiting. */
  showPreset(s = this.page.state(), { draw = true } = {}) {
    const preset = s.experiment;
    const custom = preset === 'custom';
    const search = preset === 'hyperparameter-search';
    const experiment = this.vocab().experiments.find((x) => x.id === preset);
    $('mnist-custom').hidden = !custom;
    $('mnist-search').hidden = !search;
    $('mnist-search-view').hidden = !search;
    $('mnist-augment-view').hidden = !custom;
    $('mnist-sentence').textContent = experiment?.sentence ?? '';
    this.own.render(s);
    if (!this.running) {
      this.trials = search ? this.search.plan(Number(s.seed) >>> 0) : null;
      try {
        // Your run's plan follows its settings as the engine checked them.
        this.plan = planOf(preset, s, this.runCheck?.error ? '' : (this.runCheck?.text ?? ''));
      } catch (e) {
        this.plan = null;
        $('mnist-status').textContent = messageOf(e);
      }
      this.names = search ? this.trials.map((trial) => this.search.nameOf(trial)) : (this.plan?.runs.map((r) => r.name) ?? []);
      this.derived.free();
      this.derived = new DerivedScores(this.plan);
      this.curves.reset(this.curveNames(), 1);
      // Where runs differ by a point or two, the accuracy axis fits them.
      this.curves.set_fit(!!this.plan?.testLoss);
      this.runs = this.names.map((name) => freshRun(name));
      renderRunTable(this.runs, this.derived.records);
      this.dirty = true;
    }
    if (custom) this.custom.render({ draw });
    this.showStart();
    $('mnist-own-note').textContent = this.plan?.note ?? '';
  }

  /** Your run starts from a network (chosen in the inspector), or from scratch. */
  showStart() {
    $('mc-start').hidden = !this.startModel;
    if (this.startModel) $('mc-start-name').textContent = t('Starts from the network “{name}”: its layers as the settings below keep and freeze them.', { name: this.startModel.name });
  }

  /** Makes the inspected network the start of your own run (fine-tuned, frozen or not, as its settings say). */
  trainFurther() {
    const name = this.inspect.current;
    const bytes = name && this.inspect.models.get(name);
    if (!bytes) return;
    this.startModel = { name, bytes };
    this.update({ experiment: 'custom' });
    $('mnist-custom').scrollIntoView?.({ block: 'nearest' });
    $('mnist-status').textContent = t('Your run will start from “{name}”. Choose the layers to keep and to freeze, then press Start.', { name });
  }

  /** The lab's one reset: cancel, forget the workers, show the experiment afresh. */
  reset() {
    this.cancel('');
    this.stopWorkers();
    $('mnist-status').textContent = '';
    this.showPreset();
    this.render();
  }

  wire() {
    $('mnist-preset').addEventListener('change', (e) => this.update({ experiment: e.target.value }));
    $('mnist-seed').addEventListener('change', (e) => this.update({ seed: e.target.value.trim() }));
    $('mnist-start').addEventListener('click', () => this.start());
    for (const id of ['mnist-loss', 'mnist-accuracy']) {
      $(id).addEventListener('pointermove', (e) => {
        const c = $(id);
        const r = c.getBoundingClientRect();
        const text = this.curves.readout_at(((e.clientX - r.left) / r.width) * c.width);
        if (text) $('mnist-hover').textContent = text;
      });
    }
    $('mnist-pause').addEventListener('click', () => this.togglePause());
    $('mnist-step').addEventListener('click', () => {
      // Ten updates of every run, then paused again.
      if (!this.paused) this.togglePause();
      this.pool.post({ type: 'step', updates: 10 });
    });
    $('mnist-cancel').addEventListener('click', () => this.cancel(t('Cancelled.')));
    $('mnist-reset').addEventListener('click', () => this.reset());
    $('mnist-further').addEventListener('click', () => this.trainFurther());
    $('mc-scratch').addEventListener('click', () => {
      this.startModel = null;
      this.showStart();
    });
    $('mnist-restore').addEventListener('click', () => {
      this.pool.post({ type: 'restore' });
    });
    $('mnist-snapshot').addEventListener('click', () => {
      // Every run still training sends its current network.
      this.runs.forEach((r, index) => {
        if (r.status === 'training') this.pool.post({ type: 'snapshot', index });
      });
    });
    $('mnist-csv').addEventListener('click', () => download('descent-training.csv', new Blob([this.curves.csv()], { type: 'text/csv' })));
    $('mnist-png').addEventListener('click', () => downloadPng([[$('mnist-loss')], [$('mnist-accuracy')]], () => this.curves.draw(), 'descent-training.png'));
    $('mnist-svg').addEventListener('click', () => downloadSvg(this.curves.svg(), 'descent-training.svg'));
    exportBar($('mnist-canvas'), {
      label: 'Downloads: the average digits', name: 'descent-digits', redraw: () => this.digits?.draw(), svg: () => this.digits.svg(),
    });
    exportBar($('mc-schedule-canvas'), {
      label: 'Downloads: the schedule', name: 'descent-schedule', redraw: () => this.custom.drawSchedule(),
      svg: () => engine().CurvesPanel.svg_schedule('mc-schedule-canvas', this.runCheck.text, this.custom.scheduleDigits()),
    });
  }

  setButtons() {
    // Start waits for the digits, and for settings that can run; it says why.
    const why = this.running ? '' : this.blocked();
    $('mnist-start').disabled = this.running || why !== '';
    $('mnist-start-why').textContent = why;
    $('mnist-pause').disabled = !this.running;
    this.landscape?.sync();
    $('mnist-cancel').disabled = !this.running;
    $('mnist-snapshot').disabled = !this.running;
    $('mnist-step').disabled = !this.running;
    $('mnist-further').disabled = this.running || !this.inspect.current;
    $('mnist-restore').disabled = !this.pool.size || !this.runs.some((r) => r.bestVal !== undefined);
  }
}

Object.assign(MnistLab.prototype, RunControl, Drawing);
