// The optimizer lab's controller: pushes the state table's values into the
// engine (which validates them), keeps the controls in step with the engine's
// configuration, and owns the animation clock.
import { ApngEncoder, OptimizerPanel } from '../pkg/descent.js';
import { applyLinkValues, download, el, fitCanvas, fmt, messageOf } from './dom.js';
import { downloadPng, downloadSvg } from './export.js';
import { t } from './i18n.js';
import { renderRuns, runsText, COLORS, KINDS } from './runs.js';

const $ = (id) => document.getElementById(id);
const NAMED = ['bowl', 'saddle', 'two-basins', 'rosenbrock', 'himmelblau'];

export class OptimLab {
  /** `commit(patch)` writes settings to the page state (and the URL). */
  constructor(commit) {
    this.commit = commit;
    this.panel = new OptimizerPanel('optim-bg', 'optim-fg', 'optim-side-canvas');
    this.frame = 0;
    this.playing = false;
    this.lastTick = 0;
    this.wire();
  }

  /** Applies the optimizer settings of `state`; returns notices for values the engine refused. */
  load(state) {
    this.customMode = false;
    const notices = applyLinkValues(state, [
      ['surface', () => this.panel.set_surface(state.surface)],
      ['runs', () => this.panel.set_runs(state.runs)],
      ['steps', () => this.panel.set_steps(state.steps)],
      ['start', () => {
        const [x, y] = String(state.start).split(',').map(Number);
        this.panel.set_start(x, y);
      }],
      ['schedule', () => this.panel.set_schedule(state.schedule)],
      ['noise', () => this.panel.set_noise(state.noise, state.seed)],
      ['side', () => this.panel.set_side_view(state.side)],
    ]);
    $('optim-speed').value = state.speed;
    $('optim-side').value = state.side;
    this.fillPresets();
    this.afterChange({ surfaceChanged: true, keepFrame: false });
    this.showPreset(this.panel.matching_preset());
    return notices;
  }

  showPreset(id) {
    $('optim-preset').value = id;
    $('optim-sentence').textContent = this.presets.find((p) => p.id === id)?.sentence ?? '';
  }

  config() {
    return JSON.parse(this.panel.config());
  }

  fillPresets() {
    const select = $('optim-preset');
    const presets = JSON.parse(OptimizerPanel.presets());
    this.presets = presets;
    select.replaceChildren(
      el('option', { value: '', text: t('Choose a preset…') }),
      ...presets.map((p) => el('option', { value: p.id, text: p.title })),
    );
  }

  /** Tries an engine change; on success records the new configuration in the state. */
  change(fn, errorBox, { surfaceChanged = false, rows = true } = {}) {
    try {
      fn();
    } catch (e) {
      if (errorBox) errorBox.textContent = messageOf(e);
      this.syncControls({ rows: true });
      return false;
    }
    if (errorBox) errorBox.textContent = '';
    this.showPreset(this.panel.matching_preset());
    const c = this.config();
    this.commit({
      surface: c.surface, runs: c.runs, steps: c.steps, start: `${c.start[0]},${c.start[1]}`,
      schedule: c.schedule, noise: c.noise,
    });
    this.afterChange({ surfaceChanged, keepFrame: this.playing, rows });
    return true;
  }

  afterChange({ surfaceChanged, keepFrame, rows = true }) {
    const steps = this.panel.steps();
    this.frame = keepFrame ? Math.min(this.frame, steps) : steps;
    this.syncControls({ rows });
    this.render({ background: surfaceChanged });
  }

  /**
   * Sets every control from the engine's configuration. The optimizer rows
   * are rebuilt only when asked: never while one of their sliders is being
   * dragged (rebuilding would replace the slider under the pointer).
   */
  syncControls({ rows = true } = {}) {
    const c = this.config();
    const named = NAMED.includes(c.surface);
    // "Your own f(x, y)" stays open while its text is being fixed.
    const custom = this.customMode || !named;
    $('optim-surface').value = custom ? 'custom' : c.surface;
    $('optim-expr-field').hidden = !custom;
    if (!named && document.activeElement !== $('optim-expr')) $('optim-expr').value = c.surface;
    $('optim-formula').textContent = c.formula;
    $('optim-steps').value = String(c.steps);
    $('optim-steps-out').textContent = String(c.steps);
    $('optim-start-x').value = String(Number(c.start[0].toPrecision(6)));
    $('optim-start-y').value = String(Number(c.start[1].toPrecision(6)));
    const [schedName, every, factor] = c.schedule.split(':');
    $('optim-schedule').value = schedName;
    $('optim-step-params').hidden = schedName !== 'step';
    if (every) $('optim-step-every').value = every;
    if (factor) $('optim-step-factor').value = factor;
    $('optim-noise').value = String(c.noise);
    $('optim-noise-out').textContent = fmt(c.noise);
    $('optim-add').disabled = c.run_list.length >= 8;
    this.runs = c.run_list;
    if (!rows) return;
    renderRuns($('optim-runs'), c.run_list, (runs, { structural }) => {
      this.change(() => this.panel.set_runs(runsText(runs)), $('optim-runs-error'), { rows: structural });
    });
  }

  wire() {
    $('optim-preset').addEventListener('change', (e) => {
      const id = e.target.value;
      if (!id) return;
      this.customMode = false;
      this.change(() => this.panel.apply_preset(id), null, { surfaceChanged: true });
      this.showPreset(id);
    });
    $('optim-surface').addEventListener('change', (e) => {
      const v = e.target.value;
      this.customMode = v === 'custom';
      if (this.customMode) {
        $('optim-expr-field').hidden = false;
        $('optim-expr').focus();
        return;
      }
      this.change(() => this.panel.set_surface(v), $('optim-expr-error'), { surfaceChanged: true });
    });
    let typing;
    const applyExpr = () => this.change(() => this.panel.set_surface($('optim-expr').value), $('optim-expr-error'), { surfaceChanged: true });
    $('optim-expr').addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(applyExpr, 400);
    });
    $('optim-expr').addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        clearTimeout(typing);
        applyExpr();
      }
    });
    $('optim-steps').addEventListener('input', (e) => this.change(() => this.panel.set_steps(Number(e.target.value))));
    const setStart = () => this.change(() => this.panel.set_start(Number($('optim-start-x').value), Number($('optim-start-y').value)));
    $('optim-start-x').addEventListener('change', setStart);
    $('optim-start-y').addEventListener('change', setStart);
    const setSchedule = () => {
      const name = $('optim-schedule').value;
      const text = name === 'step' ? `step:${$('optim-step-every').value}:${$('optim-step-factor').value}` : name;
      this.change(() => this.panel.set_schedule(text), $('optim-runs-error'));
      if (name !== 'constant' && $('optim-side').value === 'loss') this.setSide('schedule');
    };
    for (const id of ['optim-schedule', 'optim-step-every', 'optim-step-factor']) $(id).addEventListener('change', setSchedule);
    $('optim-noise').addEventListener('input', (e) => this.change(() => this.panel.set_noise(Number(e.target.value), this.seed ?? 1)));
    $('optim-side').addEventListener('change', (e) => this.setSide(e.target.value));
    $('optim-speed').addEventListener('change', (e) => this.commit({ speed: e.target.value }));
    $('optim-add').addEventListener('click', () => {
      const used = new Set(this.runs.map((r) => r.kind));
      const next = KINDS.map(([id]) => id).find((id) => !used.has(id)) ?? 'sgd';
      this.change(() => this.panel.set_runs(`${runsText(this.runs)};${next}`), $('optim-runs-error'));
    });
    $('optim-play').addEventListener('click', () => this.togglePlay());
    $('optim-step').addEventListener('click', () => this.step());
    $('optim-reset').addEventListener('click', () => this.reset());
    $('optim-csv').addEventListener('click', () => download('descent-trajectories.csv', new Blob([this.panel.csv()], { type: 'text/csv' })));
    $('optim-png').addEventListener('click', () => this.exportPng());
    $('optim-svg').addEventListener('click', () => downloadSvg(this.panel.svg(this.frame), 'descent-optimizers.svg'));
    $('optim-anim').addEventListener('click', () => this.exportAnimation());
    this.wireDrag();
  }

  setSide(what) {
    this.panel.set_side_view(what);
    $('optim-side').value = what;
    this.commit({ side: what });
    this.render();
  }

  wireDrag() {
    const fg = $('optim-fg');
    let dragging = false;
    const moveTo = (e) => {
      const rect = fg.getBoundingClientRect();
      const sx = fg.width / rect.width;
      const p = this.panel.point_at((e.clientX - rect.left) * sx, (e.clientY - rect.top) * sx);
      if (!p) return;
      const round = (v) => Number(v.toFixed(2));
      this.change(() => this.panel.set_start(round(p[0]), round(p[1])));
    };
    fg.addEventListener('pointerdown', (e) => {
      dragging = true;
      fg.setPointerCapture(e.pointerId);
      moveTo(e);
    });
    fg.addEventListener('pointermove', (e) => {
      if (!dragging || this.dragQueued) return;
      this.dragQueued = true;
      requestAnimationFrame(() => {
        this.dragQueued = false;
        moveTo(e);
      });
    });
    const stop = () => { dragging = false; };
    fg.addEventListener('pointerup', stop);
    fg.addEventListener('pointercancel', stop);
  }

  /** A keyboard shortcut: 'play', 'step' or 'reset'. */
  shortcut(action) {
    if (action === 'play') this.togglePlay();
    else if (action === 'step') this.step();
    else if (action === 'reset') this.reset();
  }

  setSeed(seed) {
    this.seed = seed;
  }

  togglePlay() {
    this.playing = !this.playing;
    const button = $('optim-play');
    button.textContent = this.playing ? t('Pause') : t('Play');
    button.setAttribute('aria-pressed', String(this.playing));
    if (this.playing) {
      if (this.frame >= this.panel.steps()) this.frame = 0;
      this.lastTick = performance.now();
      this.progress = this.frame;
      requestAnimationFrame((t) => this.tick(t));
    }
  }

  tick(now) {
    if (!this.playing) return;
    const speed = Number($('optim-speed').value);
    this.progress += ((now - this.lastTick) / 1000) * speed;
    this.lastTick = now;
    const frame = Math.min(Math.floor(this.progress), this.panel.steps());
    if (frame !== this.frame) {
      this.frame = frame;
      this.render();
    }
    if (this.frame >= this.panel.steps()) this.togglePlay();
    else requestAnimationFrame((t) => this.tick(t));
  }

  step() {
    if (this.playing) this.togglePlay();
    this.frame = this.frame >= this.panel.steps() ? 1 : this.frame + 1;
    this.render();
  }

  reset() {
    if (this.playing) this.togglePlay();
    this.frame = 0;
    this.render();
  }

  /** Draws what is visible; the background only when asked or resized. */
  render({ background = false } = {}) {
    if ($('panel-optim').hidden) return;
    const resized = fitCanvas($('optim-bg'));
    fitCanvas($('optim-fg'));
    fitCanvas($('optim-side-canvas'));
    if (background || resized || !this.drawnBackground) {
      this.panel.draw_background();
      this.drawnBackground = true;
    }
    this.panel.draw(this.frame);
    this.renderReadouts();
  }

  renderReadouts() {
    const rows = JSON.parse(this.panel.readouts(this.frame));
    $('optim-readouts').replaceChildren(...rows.map((r, i) => el('tr', {},
      el('td', {}, el('span', { class: 'run-symbol', style: { '--run-color': COLORS[i % COLORS.length] }, 'aria-hidden': 'true', text: r.symbol }), ` ${r.label}${r.visible ? '' : ` ${t('(hidden)')}`}`),
      el('td', { text: String(r.step) }),
      el('td', { text: fmt(r.f) }),
      el('td', { text: fmt(r.x) }),
      el('td', { text: fmt(r.y) }),
      el('td', r.diverged_at ? { class: 'diverged', text: t('diverged at step {step}', { step: r.diverged_at }) } : { text: t('ok') }),
    )));
  }

  /** The contour with the paths, and the side plot, at twice the screen's resolution. */
  exportPng() {
    return downloadPng([[$('optim-bg'), $('optim-fg')], [$('optim-side-canvas')]], () => {
      this.panel.draw_background();
      this.panel.draw(this.frame);
    }, 'descent-optimizers.png');
  }

  /**
   * The animation as an animated PNG: the contour and the paths growing step
   * by step (at most 120 frames), the last frame held for 2 s.
   */
  async exportAnimation() {
    if (this.playing) this.togglePlay();
    const button = $('optim-anim');
    const status = $('optim-export-status');
    button.disabled = true;
    const frames = [...this.panel.animation_frames(120)];
    const [bg, fg] = [$('optim-bg'), $('optim-fg')];
    const out = el('canvas', { width: bg.width, height: bg.height });
    const ctx = out.getContext('2d', { willReadFrequently: true });
    try {
      const encoder = new ApngEncoder(out.width, out.height, frames.length);
      for (const [i, frame] of frames.entries()) {
        this.panel.draw(frame);
        ctx.drawImage(bg, 0, 0);
        ctx.drawImage(fg, 0, 0);
        encoder.push(ctx.getImageData(0, 0, out.width, out.height).data, i + 1 === frames.length ? 2000 : 80);
        if (i % 10 === 0) {
          status.textContent = t('Exporting {frame} of {frames} frames…', { frame: i + 1, frames: frames.length });
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      }
      const bytes = encoder.finish();
      encoder.free();
      download('descent-optimizers-animation.png', new Blob([bytes], { type: 'image/apng' }));
      status.textContent = t('Saved {name} ({kb} KB, {frames} frames).', { name: 'descent-optimizers-animation.png', kb: Math.ceil(bytes.length / 1024), frames: frames.length });
    } catch (e) {
      status.textContent = messageOf(e);
    } finally {
      button.disabled = false;
      this.render();
    }
  }
}
