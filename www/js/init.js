// The initialization lab's controller: state table → engine setters (which
// validate) → histograms and the numbers table.
import { InitPanel } from '../pkg/descent.js';
import { applyLinkValues, download, el, fitCanvas, fmt, messageOf } from './dom.js';
import { downloadPng, downloadSvg } from './export.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const NAMED = ['std:1', 'std:0.01', 'xavier', 'he', 'zeros'];

/** One-click configurations, each with what to look for. */
export const PRESETS = [
  { id: 'book', title: "The book: sigmoid, std 1", state: { act: 'sigmoid', init: 'std:1', vs: '', view: 'forward', bn: false },
    sentence: 'With std 1 the sigmoid saturates: activations pile up at 0 and 1, where its gradient is almost zero.' },
  { id: 'small', title: 'Sigmoid, std 0.01', state: { act: 'sigmoid', init: 'std:0.01', vs: '', view: 'forward', bn: false },
    sentence: 'With std 0.01 every activation collapses near 0.5: the neurons all say the same thing, so the layers lose their expressive power.' },
  { id: 'xavier', title: 'Sigmoid, Xavier', state: { act: 'sigmoid', init: 'xavier', vs: '', view: 'forward', bn: false },
    sentence: 'Xavier (σ = 1/√n) keeps the activations spread in every layer.' },
  { id: 'relu', title: 'ReLU: He vs Xavier', state: { act: 'relu', init: 'he', vs: 'xavier', vsbn: false, view: 'forward', bn: false },
    sentence: 'With ReLU, He (σ = √(2/n)) keeps each layer as wide as the one before; Xavier shrinks them layer by layer toward 0.' },
  { id: 'vanishing', title: 'Vanishing gradients', state: { act: 'sigmoid', init: 'std:0.01', vs: 'xavier', vsbn: false, view: 'backward', bn: false },
    sentence: 'Backward view: with std 0.01 the weight gradients shrink by orders of magnitude on their way down to the first layer (see dW std).' },
  { id: 'batch-norm', title: 'Batch norm rescues std 1', state: { act: 'sigmoid', init: 'std:1', vs: 'std:1', vsbn: true, view: 'forward', bn: false },
    sentence: 'The same bad initialization, with batch normalization below: every layer is forced back to a good spread.' },
  { id: 'zeros', title: 'All-zero weights', state: { act: 'sigmoid', init: 'zeros', vs: '', view: 'forward', bn: false },
    sentence: 'With all weights 0, every neuron computes the same thing and receives the same gradient: the symmetry is never broken.' },
];

export class InitLab {
  constructor(commit) {
    this.commit = commit;
    this.panel = new InitPanel('init-canvas');
    this.wire();
  }

  /** A keyboard shortcut: space and → draw a new sample, r returns to the book's setting. */
  shortcut(action) {
    if (action === 'play' || action === 'step') $('init-reseed').click();
    else if (action === 'reset') {
      $('init-preset').value = 'book';
      $('init-preset').dispatchEvent(new Event('change'));
    }
  }

  /** Applies the lab's settings from `state`; returns notices for refused values. */
  load(state) {
    this.state = state;
    $('init-preset').replaceChildren(
      el('option', { value: '', text: t('Choose a preset…') }),
      ...PRESETS.map((p) => el('option', { value: p.id, text: t(p.title) })),
    );
    const notices = applyLinkValues(state, [
      ['act', () => this.panel.set_activation(state.act)],
      ['init', () => this.panel.set_init(state.init)],
      ['layers', () => this.panel.set_layers(state.layers)],
      ['width', () => this.panel.set_width(state.width)],
      ['samples', () => this.panel.set_samples(state.samples)],
      ['vs', () => this.panel.set_compare(state.vs, state.vsbn)],
    ]);
    this.panel.set_seed(state.seed);
    this.panel.set_batch_norm(state.bn);
    this.panel.set_backward(state.view === 'backward');
    this.syncControls();
    this.render();
    return notices;
  }

  /** Tries one engine change; on success records `patch` in the state and redraws. */
  change(patch, fn) {
    try {
      fn();
    } catch (e) {
      $('init-error').textContent = messageOf(e);
      this.syncControls();
      return;
    }
    $('init-error').textContent = '';
    this.state = { ...this.state, ...patch };
    this.commit(patch);
    this.syncControls();
    this.render();
  }

  syncControls() {
    const s = this.state;
    $('init-activation').value = s.act;
    const named = NAMED.includes(s.init);
    $('init-scheme').value = named ? s.init : 'custom';
    $('init-sigma-field').hidden = named;
    if (!named && s.init.startsWith('std:')) {
      const sigma = Number(s.init.slice(4));
      $('init-sigma').value = String(Math.log10(sigma));
      $('init-sigma-out').textContent = fmt(sigma);
    }
    $('init-bn').checked = s.bn;
    for (const r of document.querySelectorAll('input[name="init-view"]')) r.checked = r.value === s.view;
    $('init-layers').value = String(s.layers);
    $('init-layers-out').textContent = String(s.layers);
    if (document.activeElement !== $('init-width')) $('init-width').value = String(s.width);
    if (document.activeElement !== $('init-samples')) $('init-samples').value = String(s.samples);
    $('init-seed').value = String(s.seed);
    $('init-vs').value = s.vs;
    $('init-vs-bn').checked = s.vsbn;
    $('init-canvas').classList.toggle('two-rows', s.vs !== '');
    const preset = PRESETS.find((p) => Object.entries(p.state).every(([k, v]) => s[k] === v) && s.layers === 5 && s.width === 100 && s.samples === 1000);
    $('init-preset').value = preset?.id ?? '';
    $('init-sentence').textContent = preset ? t(preset.sentence) : '';
  }

  wire() {
    $('init-preset').addEventListener('change', (e) => {
      const p = PRESETS.find((x) => x.id === e.target.value);
      if (!p) return;
      const patch = { vsbn: false, layers: 5, width: 100, samples: 1000, ...p.state };
      this.change(patch, () => {
        this.panel.set_activation(patch.act);
        this.panel.set_init(patch.init);
        this.panel.set_layers(5);
        this.panel.set_width(100);
        this.panel.set_samples(1000);
        this.panel.set_batch_norm(patch.bn);
        this.panel.set_backward(patch.view === 'backward');
        this.panel.set_compare(patch.vs, patch.vsbn);
      });
    });
    $('init-activation').addEventListener('change', (e) => this.change({ act: e.target.value }, () => this.panel.set_activation(e.target.value)));
    $('init-scheme').addEventListener('change', (e) => {
      const v = e.target.value === 'custom' ? `std:${fmt(10 ** Number($('init-sigma').value || 0))}` : e.target.value;
      this.change({ init: v }, () => this.panel.set_init(v));
    });
    $('init-sigma').addEventListener('input', (e) => {
      const v = `std:${Number((10 ** Number(e.target.value)).toPrecision(3))}`;
      this.change({ init: v }, () => this.panel.set_init(v));
    });
    $('init-bn').addEventListener('change', (e) => this.change({ bn: e.target.checked }, () => this.panel.set_batch_norm(e.target.checked)));
    for (const r of document.querySelectorAll('input[name="init-view"]')) {
      r.addEventListener('change', () => this.change({ view: r.value }, () => this.panel.set_backward(r.value === 'backward')));
    }
    $('init-layers').addEventListener('input', (e) => this.change({ layers: Number(e.target.value) }, () => this.panel.set_layers(Number(e.target.value))));
    $('init-width').addEventListener('change', (e) => this.change({ width: Number(e.target.value) }, () => this.panel.set_width(Number(e.target.value))));
    $('init-samples').addEventListener('change', (e) => this.change({ samples: Number(e.target.value) }, () => this.panel.set_samples(Number(e.target.value))));
    const setSeed = (seed) => this.change({ seed }, () => {
      if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new Error(t('The seed must be a whole number from 0 to {max}, got {seed}.', { max: 2 ** 32 - 1, seed }));
      this.panel.set_seed(seed);
    });
    $('init-seed').addEventListener('change', (e) => setSeed(Number(e.target.value)));
    $('init-reseed').addEventListener('click', () => setSeed((this.state.seed + 1) % 2 ** 32));
    const setVs = () => {
      const vs = $('init-vs').value;
      const vsbn = $('init-vs-bn').checked;
      this.change({ vs, vsbn }, () => this.panel.set_compare(vs, vsbn));
    };
    $('init-vs').addEventListener('change', setVs);
    $('init-vs-bn').addEventListener('change', setVs);
    $('init-csv').addEventListener('click', () => download('descent-initialization.csv', new Blob([this.panel.csv()], { type: 'text/csv' })));
    $('init-png').addEventListener('click', () => downloadPng([[$('init-canvas')]], () => this.panel.draw(), 'descent-initialization.png'));
    $('init-svg').addEventListener('click', () => downloadSvg(this.panel.svg(), 'descent-initialization.svg'));
  }

  render() {
    if ($('panel-init').hidden) return;
    fitCanvas($('init-canvas'));
    this.panel.draw();
    const rows = JSON.parse(this.panel.stats());
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
