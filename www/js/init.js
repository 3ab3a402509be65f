// The initialization lab's controller: controls write the state table, each
// changed setting is applied to the engine (which checks it), and the
// histograms and the numbers table are drawn from what the engine returns.
// The presets and every menu come from the engine's vocabulary.
import { engine, vocabulary } from './engine.js';
import { bindNumber, checkRadio, fillRadios, fillSelect } from './controls.js';
import { download, el, fitCanvas, fmt } from './dom.js';
import { downloadPng, downloadSvg } from './export.js';
import { language, t } from './i18n.js';
import { applySettings, defaultsOf } from './lab.js';

const $ = (id) => document.getElementById(id);
/**
 * Multiply-adds computed between two frames (about 60 ms here); larger
 * configurations are computed in a worker (the page stays smooth).
 */
const INLINE_WORK = 1.5e8;
/** The lab's settings, in the order they are applied. */
const KEYS = ['activation', 'init', 'bn', 'view', 'layers', 'width', 'samples', 'bins', 'seed', 'vs', 'vsbn'];

export class InitLab {
  /** `page` gives the state (`state()`) and records changes (`commit(patch)`). */
  constructor(page) {
    this.page = page;
    this.attach();
    this.wire();
  }

  /** Makes the lab's engine handle (again, after the engine was replaced); it starts from the defaults. */
  attach() {
    this.panel = new (engine().InitPanel)('init-canvas');
    this.applied = defaultsOf(this.vocab().settings);
  }

  vocab() {
    return vocabulary(language()).init;
  }

  entry(key) {
    return this.vocab().settings.find((e) => e.key === key);
  }

  /** A keyboard shortcut: space and → draw a new sample, r returns to the book's setting. */
  shortcut(action) {
    if (action === 'play' || action === 'step') this.reseed();
    else if (action === 'reset') this.reset();
  }

  /** The lab's one reset: the book's experiment. */
  reset() {
    this.update(this.vocab().presets.find((p) => p.id === 'book').settings);
  }

  /** Applies the lab's settings from `state`; returns `{ fix, refused }`. */
  load(state) {
    return applySettings((k, v) => this.panel.set(k, v), KEYS, state, this.applied);
  }

  /** Shows the state (after a load, or in another language). */
  show() {
    this.fillMenus();
    this.sync();
    this.render();
  }

  /** A control's change: applied, then recorded (refused values are not; the sentence goes under the controls). */
  update(patch) {
    const { fix, refused } = applySettings((k, v) => this.panel.set(k, v), KEYS, { ...this.page.state(), ...patch }, this.applied);
    this.page.commit({ ...patch, ...fix });
    $('init-error').textContent = Object.values(refused)[0] ?? '';
    this.sync();
    this.render();
  }

  fillMenus() {
    const v = this.vocab();
    fillSelect($('init-preset'), { choices: v.presets.map((p) => ({ id: p.id, label: p.title })) }, [['', t('Choose a preset…')]]);
    fillSelect($('init-activation'), this.entry('activation'));
    fillSelect($('init-scheme'), this.entry('init'));
    $('init-scheme').append(el('option', { value: 'custom', text: t('Any σ…') }));
    fillSelect($('init-vs'), this.entry('vs'), [['', t('No comparison')]]);
    fillRadios($('init-views'), this.entry('view'), 'init-view', (view) => this.update({ view }));
    const layers = this.entry('layers');
    $('init-layers').min = String(layers.min);
    $('init-layers').max = String(layers.max);
    bindNumber($('init-width'), this.entry('width'));
    bindNumber($('init-samples'), this.entry('samples'));
    bindNumber($('init-seed'), this.entry('seed'));
  }

  sync() {
    const s = this.page.state();
    $('init-activation').value = s.activation;
    const named = this.entry('init').choices.some((c) => c.id === s.init);
    $('init-scheme').value = named ? s.init : 'custom';
    $('init-sigma-field').hidden = named;
    if (!named && s.init.startsWith('std:')) {
      const sigma = Number(s.init.slice(4));
      $('init-sigma').value = String(Math.log10(sigma));
      $('init-sigma-out').textContent = fmt(sigma);
    }
    $('init-bn').checked = s.bn === '1';
    checkRadio('init-view', s.view);
    $('init-layers').value = s.layers;
    $('init-layers-out').textContent = s.layers;
    if (document.activeElement !== $('init-width')) $('init-width').value = s.width;
    if (document.activeElement !== $('init-samples')) $('init-samples').value = s.samples;
    $('init-seed').value = s.seed;
    $('init-vs').value = s.vs;
    $('init-vs-bn').checked = s.vsbn === '1';
    $('init-canvas').classList.toggle('two-rows', s.vs !== '');
    const preset = this.vocab().presets.find((p) => Object.entries(p.settings).every(([k, v]) => s[k] === v));
    $('init-preset').value = preset?.id ?? '';
    $('init-sentence').textContent = preset?.sentence ?? '';
  }

  reseed() {
    this.update({ seed: String((Number(this.page.state().seed) + 1) % 2 ** 32) });
  }

  wire() {
    $('init-preset').addEventListener('change', (e) => {
      const preset = this.vocab().presets.find((p) => p.id === e.target.value);
      if (preset) this.update(preset.settings);
    });
    $('init-activation').addEventListener('change', (e) => this.update({ activation: e.target.value }));
    $('init-scheme').addEventListener('change', (e) => {
      const v = e.target.value === 'custom' ? `std:${fmt(10 ** Number($('init-sigma').value || 0))}` : e.target.value;
      this.update({ init: v });
    });
    $('init-sigma').addEventListener('input', (e) => this.update({ init: `std:${Number((10 ** Number(e.target.value)).toPrecision(3))}` }));
    $('init-bn').addEventListener('change', (e) => this.update({ bn: e.target.checked ? '1' : '0' }));
    $('init-layers').addEventListener('input', (e) => this.update({ layers: e.target.value }));
    $('init-width').addEventListener('change', (e) => this.update({ width: e.target.value }));
    $('init-samples').addEventListener('change', (e) => this.update({ samples: e.target.value }));
    $('init-seed').addEventListener('change', (e) => this.update({ seed: e.target.value }));
    $('init-reseed').addEventListener('click', () => this.reseed());
    $('init-vs').addEventListener('change', (e) => this.update({ vs: e.target.value }));
    $('init-vs-bn').addEventListener('change', (e) => this.update({ vsbn: e.target.checked ? '1' : '0' }));
    $('init-csv').addEventListener('click', () => download('descent-initialization.csv', new Blob([this.panel.csv()], { type: 'text/csv' })));
    $('init-png').addEventListener('click', () => downloadPng([[$('init-canvas')]], () => this.panel.draw(), 'descent-initialization.png'));
    $('init-svg').addEventListener('click', () => downloadSvg(this.panel.svg(), 'descent-initialization.svg'));
  }

  render() {
    if ($('panel-init').hidden) return;
    fitCanvas($('init-canvas'));
    if (!this.panel.ready() && this.panel.work() > INLINE_WORK) {
      this.computeElsewhere();
      return;
    }
    this.drawNow();
  }

  /**
   * Asks the worker for the histograms of the settings in use; the last
   * request wins (a worker busy with an older one is stopped).
   */
  computeElsewhere() {
    const id = (this.request = (this.request ?? 0) + 1);
    if (this.worker && this.busy) {
      this.worker.terminate();
      this.worker = null;
    }
    if (!this.worker) {
      this.worker = new Worker(new URL('./init-worker.js', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e) => this.received(e.data);
      this.worker.onerror = (e) => this.received({ id, error: e.message });
    }
    this.busy = true;
    const s = this.page.state();
    $('init-status').textContent = t('Computing {layers} layers × {width} neurons × {samples} samples in the background…', s);
    for (const button of ['init-csv', 'init-png', 'init-svg']) $(button).disabled = true;
    this.worker.postMessage({ id, settings: { ...this.applied }, lang: language() });
  }

  received({ id, bytes, error }) {
    this.busy = false;
    if (id !== this.request) return;
    for (const button of ['init-csv', 'init-png', 'init-svg']) $(button).disabled = false;
    $('init-status').textContent = '';
    if (error) {
      $('init-error').textContent = error;
      this.worker?.terminate();
      this.worker = null;
      return;
    }
    this.panel.receive(bytes);
    this.drawNow();
  }

  /** Draws the histograms (computing them here if needed) and the numbers table. */
  drawNow() {
    const canvas = $('init-canvas');
    const rows = JSON.parse(this.panel.draw());
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn ?? 0) + 1);
    const pct = (v) => `${(100 * v).toFixed(1)}%`;
    $('init-stats').replaceChildren(...rows.flatMap((row, r) => row.layers.map((l, i) => el('tr', {},
      el('td', { text: rows.length > 1 ? (r === 0 ? t('top') : t('bottom')) : '' }),
      el('td', { text: t('{n}-layer', { n: i + 1 }) }),
      el('td', { text: fmt(l.mean) }),
      el('td', { text: fmt(l.std) }),
      el('td', { text: pct(l.saturated) }),
      el('td', { text: pct(l.dead) }),
      el('td', { text: l.grad_std === null ? '—' : fmt(l.grad_std) }),
      el('td', { text: l.identical ? t('all neurons identical') : '' }),
    ))));
  }
}
