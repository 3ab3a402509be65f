// "Inside a trained network": its scores in eval and train mode (and a
// switch between them), confusion matrix, mistakes, batch norm's running
// averages beside a batch's own statistics, first-layer weights, a drawing
// pad with live softmax probabilities, and model files.
import { engine } from './engine.js';
import { download, el, fitCanvas, fitCanvasObserved, fmt, messageOf, nextTask } from './dom.js';
import { exportBar } from './export.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

export class InspectPanel {
  /** `onShow` runs whenever the network shown changes (the lab's buttons depend on it). */
  constructor({ onShow } = {}) {
    this.onShow = onShow ?? (() => {});
    this.models = new Map();
    this.wirePad();
    $('mnist-inspect').addEventListener('change', (e) => this.show(e.target.value));
    const plots = [
      ['confusion', 'mnist-confusion', 'Downloads: the confusion matrix'],
      ['mistakes', 'mnist-mistakes', 'Downloads: the mistakes'],
      ['weights', 'mnist-weights', 'Downloads: the first-layer weights'],
      ['probabilities', 'mnist-probs', 'Downloads: the probabilities'],
      ['norm', 'mnist-norm', 'Downloads: the batch-norm statistics'],
    ];
    for (const [what, id, label] of plots) {
      exportBar($(id), {
        label,
        name: `descent-${what}`,
        redraw: () => this.inspector.draw(what, id),
        svg: () => this.inspector.svg(what, id),
        csv: what === 'confusion' ? () => this.inspector.confusion_csv() : undefined,
      });
    }
    $('inspect-norm-layer').addEventListener('change', (e) => this.showNorm(Number(e.target.value)));
    $('mnist-export').addEventListener('click', () => {
      if (this.inspector) download('descent-model.dscm', new Blob([this.inspector.model()], { type: 'application/octet-stream' }));
    });
    $('mnist-import').addEventListener('change', async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      const bytes = new Uint8Array(await file.arrayBuffer());
      this.add(t('file: {name}', { name: file.name }), bytes, true);
      e.target.value = '';
    });
  }

  /** Forgets the engine's handles (the engine was replaced); `setSet` gives the new digits. */
  detach() {
    this.inspector = null;
    this.set = null;
  }

  /** The digits networks are scored on (bundled, or full MNIST). */
  setSet(set) {
    this.set?.free();
    this.set = set;
    if (this.current) this.show(this.current);
  }

  /** Offers a network by name; `select` shows it at once. */
  add(name, bytes, select = false) {
    const first = this.models.size === 0;
    this.models.set(name, bytes);
    const box = $('mnist-inspect');
    box.replaceChildren(...[...this.models.keys()].map((n) => el('option', { value: n, text: n })));
    if (select || first || box.value === name) {
      box.value = name;
      // In a task of its own: reading a large network is work enough for one.
      nextTask().then(() => this.show(name));
    } else {
      box.value = this.current ?? name;
    }
  }

  show(name) {
    const bytes = this.models.get(name);
    if (!bytes || !this.set) return;
    let next;
    try {
      next = new (engine().Inspector)(bytes, this.set);
    } catch (e) {
      $('mnist-inspect-status').textContent = t('That model cannot be used: {why}', { why: messageOf(e) });
      this.models.delete(name);
      if (this.current) $('mnist-inspect').value = this.current;
      return;
    }
    this.inspector?.free();
    this.inspector = next;
    this.current = name;
    $('mnist-export').disabled = false;
    this.onShow();
    this.scoreAll(next, name);
  }

  /**
   * Scores the network on the test digits in slices of about 30 ms (a large
   * network would otherwise hold the page up), then shows what it does.
   */
  async scoreAll(inspector, name) {
    // One digit first, in a task after the network's reading: the time it
    // takes sizes the slices that follow.
    let chunk = 1;
    await nextTask();
    if (this.inspector !== inspector) return;
    for (;;) {
      const t0 = performance.now();
      const done = inspector.score(chunk);
      const dt = performance.now() - t0;
      if (done) break;
      chunk = Math.max(1, Math.min(5000, Math.round(chunk * (dt > 0 ? 30 / dt : 2))));
      $('mnist-inspect-status').textContent = t('{name}: scoring on the test digits… {pct}%', { name, pct: Math.round(100 * inspector.progress()) });
      await nextTask();
      // A newer network was chosen meanwhile.
      if (this.inspector !== inspector) return;
    }
    $('inspect-views').hidden = false;
    this.passes = JSON.parse(inspector.passes());
    this.shownPass = 0;
    this.showModes();
    this.fillNormLayers();
    // Drawing and the first prediction in tasks of their own.
    await nextTask();
    if (this.inspector !== inspector) return;
    this.render();
    await nextTask();
    if (this.inspector !== inspector) return;
    this.predict();
  }

  /**
   * The network's scores in each mode, as a table and as a radio group that
   * switches the confusion matrix and the mistakes between them (eval mode
   * first; train mode only for networks with batch norm or dropout).
   */
  showModes() {
    const passes = this.passes;
    const name = this.current;
    const shown = passes[this.shownPass];
    const accuracy = (100 * shown.accuracy).toFixed(1);
    $('mnist-inspect-status').textContent = passes.length > 1
      ? t('{name}: {pct}% of the test digits right in {mode}.', { name, pct: accuracy, mode: shown.label })
      : t('{name}: {pct}% of the test digits right.', { name, pct: accuracy });
    $('inspect-modes').hidden = passes.length < 2;
    if (passes.length < 2) return;
    $('inspect-modes-table').replaceChildren(...passes.map((p) => el('tr', {},
      el('td', { text: p.label }),
      el('td', { text: `${(100 * p.accuracy).toFixed(1)}%` }),
      el('td', { text: fmt(p.loss) }))));
    const group = $('inspect-mode-radios');
    group.replaceChildren(...passes.map((p, i) => el('label', { class: 'check' },
      el('input', { type: 'radio', name: 'inspect-mode', value: String(i), checked: i === this.shownPass, onchange: () => this.showPass(i) }),
      ` ${p.label}`)));
  }

  /** Shows the confusion matrix and mistakes of pass `i`. */
  showPass(i) {
    if (!this.inspector?.show_pass(i)) return;
    this.shownPass = i;
    this.showModes();
    fitCanvas($('mnist-confusion'));
    fitCanvas($('mnist-mistakes'));
    this.inspector.draw('confusion', 'mnist-confusion');
    this.inspector.draw('mistakes', 'mnist-mistakes');
  }

  /** Offers the batch-norm layers of the network (the section stays hidden without any). */
  fillNormLayers() {
    const layers = this.inspector.norm_layers();
    $('inspect-norm').hidden = layers === 0;
    if (!layers) return;
    const box = $('inspect-norm-layer');
    box.replaceChildren(...Array.from({ length: layers }, (_, l) => el('option', { value: String(l), text: t('hidden layer {n}', { n: l + 1 }) })));
    box.value = '0';
    this.showNorm(0);
  }

  /** Hidden layer `layer`'s running averages beside a batch's statistics, as numbers and a plot. */
  showNorm(layer) {
    const stats = JSON.parse(this.inspector.norm_statistics(layer));
    if (!stats) return;
    $('inspect-norm-table').replaceChildren(...stats.units.map((u, i) => el('tr', {},
      el('td', { text: String(i + 1) }),
      ...u.map((v) => el('td', { text: fmt(v) })))));
    $('inspect-norm-note').textContent = t('Over all {units} units of layer {layer}, the running mean is on average {mean} from the mean of a batch of {batch} training digits, the running variance {var} from its variance.', {
      units: this.inspector.norm_units(layer), layer: layer + 1, mean: fmt(stats.mean_gap), batch: stats.batch, var: fmt(stats.var_gap),
    });
    fitCanvas($('mnist-norm'));
    this.inspector.draw('norm', 'mnist-norm');
  }

  /**
   * Draws everything; with `onlyIfResized`, only when a canvas changed size
   * (the training loop's check, ten times a second: the sizes a
   * ResizeObserver saw, so that the check lays nothing out).
   */
  render({ onlyIfResized = false } = {}) {
    if (!this.inspector || $('panel-mnist').hidden) return;
    let resized = false;
    const fit = onlyIfResized ? fitCanvasObserved : fitCanvas;
    for (const id of ['mnist-confusion', 'mnist-mistakes', 'mnist-weights', 'mnist-probs', 'mnist-norm']) resized = fit($(id)) || resized;
    if (onlyIfResized && !resized) return;
    if (!$('inspect-norm').hidden) this.inspector.draw('norm', 'mnist-norm');
    this.inspector.draw('confusion', 'mnist-confusion');
    this.inspector.draw('mistakes', 'mnist-mistakes');
    this.inspector.draw('weights', 'mnist-weights');
    this.inspector.draw('probabilities', 'mnist-probs');
  }

  wirePad() {
    const pad = $('mnist-pad');
    const ctx = pad.getContext('2d');
    const clear = () => {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, pad.width, pad.height);
    };
    clear();
    let drawing = false;
    let last = null;
    const point = (e) => {
      const r = pad.getBoundingClientRect();
      return [((e.clientX - r.left) / r.width) * pad.width, ((e.clientY - r.top) / r.height) * pad.height];
    };
    pad.addEventListener('pointerdown', (e) => {
      drawing = true;
      pad.setPointerCapture(e.pointerId);
      last = point(e);
    });
    pad.addEventListener('pointermove', (e) => {
      if (!drawing) return;
      const p = point(e);
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 20;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(...last);
      ctx.lineTo(...p);
      ctx.stroke();
      last = p;
      this.predictSoon();
    });
    const stop = () => {
      drawing = false;
      this.predict();
    };
    pad.addEventListener('pointerup', stop);
    pad.addEventListener('pointercancel', stop);
    $('mnist-clear').addEventListener('click', () => {
      clear();
      this.predict();
    });
  }

  predictSoon() {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.predict();
    });
  }

  /** Reads the pad (ink = darkness) and shows the network's probabilities. */
  predict() {
    if (!this.inspector) return;
    const pad = $('mnist-pad');
    const { data } = pad.getContext('2d').getImageData(0, 0, pad.width, pad.height);
    const ink = new Float32Array(pad.width * pad.height);
    for (let i = 0; i < ink.length; i++) ink[i] = 1 - data[i * 4] / 255;
    const p = JSON.parse(this.inspector.predict(ink, pad.width, pad.height));
    const best = p.indexOf(Math.max(...p));
    const empty = ink.every((v) => v < 0.05);
    $('mnist-prediction').textContent = empty ? t('Draw a digit to see what the network thinks.') : t('The network reads {digit} (p = {p}).', { digit: best, p: p[best].toFixed(2) });
    fitCanvas($('mnist-probs'));
    this.inspector.draw('probabilities', 'mnist-probs');
  }
}
