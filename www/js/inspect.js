// "Inside a trained network": confusion matrix, mistakes, first-layer
// weights, a drawing pad with live softmax probabilities, and model files.
import { engine } from './engine.js';
import { download, el, fitCanvas, messageOf } from './dom.js';
import { exportBar } from './export.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

export class InspectPanel {
  constructor() {
    this.models = new Map();
    this.wirePad();
    $('mnist-inspect').addEventListener('change', (e) => this.show(e.target.value));
    const plots = [
      ['confusion', 'mnist-confusion', 'Downloads: the confusion matrix'],
      ['mistakes', 'mnist-mistakes', 'Downloads: the mistakes'],
      ['weights', 'mnist-weights', 'Downloads: the first-layer weights'],
      ['probabilities', 'mnist-probs', 'Downloads: the probabilities'],
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
      this.show(name);
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
    this.scoreAll(next, name);
  }

  /**
   * Scores the network on the test digits in slices of about 30 ms (a large
   * network would otherwise hold the page up), then shows what it does.
   */
  async scoreAll(inspector, name) {
    // One digit first: the time it takes sizes the slices that follow.
    let chunk = 1;
    for (;;) {
      const t0 = performance.now();
      const done = inspector.score(chunk);
      const dt = performance.now() - t0;
      if (done) break;
      chunk = Math.max(1, Math.min(5000, Math.round(chunk * (dt > 0 ? 30 / dt : 2))));
      $('mnist-inspect-status').textContent = t('{name}: scoring on the test digits… {pct}%', { name, pct: Math.round(100 * inspector.progress()) });
      await new Promise((resolve) => setTimeout(resolve, 0));
      // A newer network was chosen meanwhile.
      if (this.inspector !== inspector) return;
    }
    $('inspect-views').hidden = false;
    $('mnist-inspect-status').textContent = t('{name}: {pct}% of the test digits right.', { name, pct: (100 * inspector.accuracy()).toFixed(1) });
    this.render();
    this.predict();
  }

  /** Draws everything; with `onlyIfResized`, only when a canvas changed size. */
  render({ onlyIfResized = false } = {}) {
    if (!this.inspector || $('panel-mnist').hidden) return;
    let resized = false;
    for (const id of ['mnist-confusion', 'mnist-mistakes', 'mnist-weights', 'mnist-probs']) resized = fitCanvas($(id)) || resized;
    if (onlyIfResized && !resized) return;
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
