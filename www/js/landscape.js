// The MNIST lab's runs on their own loss: after an experiment of a few runs,
// one click draws the training loss over a plane through the networks'
// weights with every run's path on it (computed in a worker of its own,
// coarse to fine), and the loss along straight lines between the weights.
import { engine } from './engine.js';
import { el, fitCanvas, fmt } from './dom.js';
import { exportBar } from './export.js';
import { language, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
/** The grid's nodes a side and the training digits the loss is measured on. */
const GRID = 31;
const SAMPLES = 1000;

export class LandscapeView {
  /** `lab` is the MNIST lab (its runs, their recorded paths and networks). */
  constructor(lab) {
    this.lab = lab;
    this.report = null;
    $('mnist-landscape-draw').addEventListener('click', () => this.start());
    exportBar($('mnist-landscape'), {
      label: 'Export the loss landscape',
      name: 'descent-landscape',
      redraw: () => this.draw(),
      svg: () => this.call('landscape_svg'),
      csv: () => this.csv(),
    });
  }

  /** The finished runs with their recorded weights and networks, or why there are none. */
  ready() {
    const runs = this.lab.runs;
    if (!runs.length || this.lab.running) return { why: t('Run an experiment first: its runs are drawn on their own loss.') };
    if (!runs.every((r) => r.path && r.model)) return { why: t('The landscape needs every run of the experiment finished, with at most 8 runs.') };
    return { runs };
  }

  /** Shows whether the button can be used, and the runs random and sharp directions can be drawn around. */
  sync() {
    // A new experiment's runs replace the old landscape.
    if (this.lab.running && (this.report || this.worker)) this.clear();
    const { why } = this.ready();
    const menu = $('mnist-landscape-directions');
    const runs = this.lab.runs;
    const options = [
      ['pca', t("The runs' two principal directions")],
      ...runs.map((r, i) => [`random:${i}`, t('Two random directions around {name}', { name: r.name })]),
      ...runs.map((r, i) => [`sharp:${i}`, t("Across and along the valley {name} ends in (its sharpest direction)", { name: r.name })]),
    ];
    const experiment = this.lab.job?.experiment;
    const key = [experiment, ...options.map(([v, label]) => `${v}=${label}`)].join('|');
    if (key !== this.menuKey) {
      this.menuKey = key;
      const chosen = menu.value;
      menu.replaceChildren(...options.map(([value, text]) => el('option', { value, text })));
      // The zig-zag experiment is drawn across its first run's valley.
      const fallback = experiment === 'zigzag' && runs.length ? 'sharp:0' : 'pca';
      const same = this.lastExperiment === experiment;
      menu.value = same && options.some(([v]) => v === chosen) ? chosen : fallback;
      this.lastExperiment = experiment;
    }
    $('mnist-landscape-draw').disabled = Boolean(why) || Boolean(this.worker);
    // Why it cannot be drawn, until it can (a finished drawing's sentence stays).
    const status = $('mnist-landscape-status');
    if (this.worker) return;
    if (why) status.textContent = why;
    else if (status.textContent === this.shownWhy) status.textContent = '';
    this.shownWhy = why;
  }

  start() {
    const { runs, why } = this.ready();
    if (why) return;
    this.stop();
    const [directions, around] = $('mnist-landscape-directions').value.split(':');
    const center = directions === 'pca' ? runs.length - 1 : Number(around);
    const counts = runs.map((r) => r.path.updates.length);
    const updates = new Uint32Array(counts.reduce((a, b) => a + b, 0));
    const size = runs[0].path.weights.length / counts[0];
    const weights = new Float32Array(updates.length * size);
    let at = 0;
    for (const r of runs) {
      updates.set(r.path.updates, at);
      weights.set(r.path.weights, at * size);
      at += r.path.updates.length;
    }
    // Random directions are drawn around the chosen run, principal ones' loss
    // is taken with the last run's batch-norm averages.
    const model = runs[center].model;
    const job = this.lab.job;
    this.worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e) => this.onMessage(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.finish(e.message);
    };
    this.worker.postMessage({
      type: 'landscape', source: this.lab.data.source, lang: language(), experiment: job.experiment, settings: job.settings,
      names: runs.map((r) => r.name).join('\n'), counts: Uint32Array.from(counts), updates, weights, model,
      directions, around: center, samples: SAMPLES, grid: GRID,
    }, [updates.buffer, weights.buffer]);
    this.started = performance.now();
    $('mnist-landscape-status').textContent = directions === 'sharp'
      ? t('Measuring the sharpest direction at the end of {name}, then the loss over the plane…', { name: runs[center].name })
      : t('Computing the loss over the plane…');
    this.sync();
  }

  onMessage(msg) {
    if (msg.type === 'landscape') {
      this.report = JSON.parse(msg.report);
      this.draw();
      const r = this.report;
      $('mnist-landscape-status').textContent = t('{done} of {all} points of the plane computed…', { done: r.computed, all: r.n * r.n });
    } else if (msg.type === 'landscape-lines') {
      this.renderLines(JSON.parse(msg.lines));
      $('mnist-landscape-status').textContent = t("Measuring the sharpness at each run's end…");
    } else if (msg.type === 'landscape-sharpness') {
      const s = JSON.parse(msg.report);
      this.renderSharpness(s.runs);
      const runs = this.report?.names ?? [];
      if (s.measuring) {
        $('mnist-landscape-status').textContent = t('Measuring the sharpness at the end of {name}: {k} Hessian–vector products…', { name: runs[s.measuring.run] ?? '', k: s.measuring.iterations });
      } else if (s.runs.length >= runs.length) {
        this.finish(t('Done in {seconds} s.', { seconds: ((performance.now() - this.started) / 1000).toFixed(1) }));
      }
    } else if (msg.type === 'error' || msg.type === 'panic') {
      this.finish(msg.message);
    }
  }

  /** Forgets the drawn landscape (its runs are gone). */
  clear() {
    this.stop();
    this.report = null;
    $('mnist-landscape').hidden = true;
    $('mnist-landscape-lines-wrap').hidden = true;
    $('mnist-landscape-sharp-wrap').hidden = true;
    $('mnist-landscape-status').textContent = '';
  }

  finish(sentence) {
    this.stop();
    $('mnist-landscape-status').textContent = sentence;
    this.sync();
  }

  stop() {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Calls the engine's drawing `name` with the report. */
  call(name) {
    const r = this.report;
    if (!r) return '';
    const values = Float64Array.from(r.values, (v) => v ?? NaN);
    const coords = Float64Array.from(r.paths.flat(2));
    const lens = Uint32Array.from(r.paths.map((p) => p.length));
    return engine()[name]('mnist-landscape', r.n, Float64Array.from([...r.x, ...r.y]), values, coords, lens, r.names.join('\n'), [r.caption, ...(r.axes ?? ['', ''])].join('\n'));
  }

  draw() {
    const canvas = $('mnist-landscape');
    canvas.hidden = !this.report;
    if (!this.report) return;
    fitCanvas(canvas);
    this.call('draw_landscape');
  }

  /** The grid as CSV: a, b, loss. */
  csv() {
    const r = this.report;
    if (!r) return '';
    const rows = ['a,b,loss'];
    for (let j = 0; j < r.n; j++) {
      for (let i = 0; i < r.n; i++) {
        const a = r.x[0] + ((r.x[1] - r.x[0]) * i) / (r.n - 1);
        const b = r.y[0] + ((r.y[1] - r.y[0]) * j) / (r.n - 1);
        rows.push(`${a},${b},${r.values[j * r.n + i] ?? ''}`);
      }
    }
    return `${rows.join('\n')}\n`;
  }

  /** The loss and accuracy along each line, at α = −0.5, 0, 0.5, 1 and 1.5. */
  renderLines(lines) {
    const picks = [0, 5, 10, 15, 20];
    $('mnist-landscape-lines-wrap').hidden = false;
    $('mnist-landscape-lines').replaceChildren(...lines.map((l) => el('tr', {},
      el('th', { scope: 'row', text: l.name }),
      ...picks.map((k) => el('td', { text: `${fmt(l.loss[k])} (${(100 * l.accuracy[k]).toFixed(1)} %)` })))));
  }

  /** Each run's sharpness: λ, η, ηλ, the loss and its quadratic model at the line's ends, and what the steps do. */
  renderSharpness(runs) {
    $('mnist-landscape-sharp-wrap').hidden = !runs.length;
    $('mnist-landscape-sharp').replaceChildren(...runs.map((r) => {
      if (r.lambda == null) return el('tr', {}, el('th', { scope: 'row', text: r.name }), el('td', { colspan: 5, text: t('The curvature is not finite: the run diverged.') }));
      const last = r.along.t.length - 1;
      const ends = (v) => `${fmt(v[0])} · ${fmt(v[last])}`;
      return el('tr', {},
        el('th', { scope: 'row', text: r.name }),
        el('td', { text: fmt(r.lambda) }),
        el('td', { text: `${fmt(r.lr)} · ${fmt(r.eta_lambda)}` }),
        el('td', { text: `${ends(r.along.loss)} / ${ends(r.along.quadratic)}` }),
        el('td', { text: fmt(r.along.loss[(last / 2) | 0]) }),
        el('td', { class: 'prose', text: r.sentence }));
    }));
  }
}
