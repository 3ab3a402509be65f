// The optimizer lab's controller. Controls write the state table; each
// changed setting is applied to the engine (which checks it and answers
// with its canonical text); the controls and the plots are drawn from the
// state and from what the engine returns. Owns the animation clock.
import { engine, vocabulary } from './engine.js';
import { bindRange, fillSelect, labelOf, sliderScale } from './controls.js';
import { download, el, fitCanvas, fmt, messageOf, nextTask } from './dom.js';
import { downloadPng, downloadSvg } from './export.js';
import { formatList, parseList, withValue } from './grammar.js';
import { language, t } from './i18n.js';
import { applySettings, defaultsOf } from './lab.js';
import { renderAnatomy, syncApart, wirePointer } from './optim-view.js';
import { COLORS, renderRuns, rowsOf } from './runs.js';

const $ = (id) => document.getElementById(id);
/** The lab's settings, in the order they are applied. */
/** The settings that change only the drawing (the engine's lab::VIEW_ONLY). */
const VIEW_ONLY = ['side', 'axes', 'apart', 'plot', 'yaw', 'pitch'];
const KEYS = ['surface', 'runs', 'steps', 'start', 'schedule', 'noise', 'seed', 'side', 'axes', 'apart', 'plot', 'yaw', 'pitch'];

export class OptimLab {
  /** `page` gives the state (`state()`) and records changes (`commit(patch)`). */
  constructor(page) {
    this.page = page;
    this.attach();
    this.frame = 0;
    this.playing = false;
    this.lastTick = 0;
    this.customMode = false;
    this.wire();
  }

  /** Makes the lab's engine handle (again, after the engine was replaced); it starts from the defaults. */
  attach() {
    this.panel = new (engine().OptimizerPanel)('optim-bg', 'optim-fg', 'optim-side-canvas');
    this.applied = defaultsOf(this.vocab().settings);
    this.formula = undefined;
    this.drawnBackground = false;
    this.quadKey = undefined;
  }

  vocab() {
    return vocabulary(language()).optim;
  }

  entry(key) {
    return this.vocab().settings.find((e) => e.key === key);
  }

  /** Applies the lab's settings of `state` (a link, Back); returns `{ fix, refused }`. */
  load(state) {
    this.customMode = false;
    const result = this.apply(state);
    this.frame = Number(this.applied.steps);
    return result;
  }

  /**
   * Shows the state (after a load, or in another language); drawn in two
   * more tasks, the surface and then the paths, so that none holds the page
   * up. Resolves when drawn.
   */
  async show() {
    this.fillMenus();
    const memory = JSON.parse(engine().OptimizerPanel.memory_table());
    // The MNIST lab's network (the third row) is the marked point.
    $('optim-memory').replaceChildren(...memory.map(([what, ...cells], i) => el('tr', { class: i === 2 ? 'marked' : '' },
      el('th', { scope: 'row', text: what }), ...cells.map((c) => el('td', { text: c })))));
    this.sync();
    this.backgroundStale = true;
    await nextTask();
    this.renderBackground();
    await nextTask();
    this.render();
  }

  apply(state) {
    const surface = this.applied.surface;
    const result = applySettings((k, v) => this.panel.set(k, v), KEYS, state, this.applied);
    if (this.applied.surface !== surface) {
      this.backgroundStale = true;
      this.formula = this.panel.formula();
    }
    this.formula ??= this.panel.formula();
    return result;
  }

  /**
   * A control's change: applied, then recorded in the state (refused values
   * are not); the engine's sentence for a refusal goes to `errorBox`.
   * `rows: false` keeps the optimizer rows as they are (a slider is being dragged).
   */
  update(patch, errorBox, { rows = true } = {}) {
    const { fix, refused } = this.apply({ ...this.page.state(), ...patch });
    this.page.commit({ ...patch, ...fix });
    if (errorBox) errorBox.textContent = Object.values(refused)[0] ?? '';
    const steps = Number(this.applied.steps);
    // A change of how the lab is drawn keeps the step shown; a change of the runs shows them whole.
    const viewOnly = Object.keys(patch).every((k) => VIEW_ONLY.includes(k));
    this.frame = this.playing || viewOnly ? Math.min(this.frame, steps) : steps;
    this.sync({ rows });
    this.render();
  }

  fillMenus() {
    const v = this.vocab();
    fillSelect($('optim-preset'), { choices: v.presets.map((p) => ({ id: p.id, label: p.title })) }, [['', t('Choose a preset…')]]);
    fillSelect($('optim-surface'), this.entry('surface'), []);
    $('optim-surface').append(el('option', { value: 'custom', text: t('Your own f(x, y)…') }));
    fillSelect($('optim-schedule'), this.entry('schedule'));
    fillSelect($('optim-side'), this.entry('side'));
    fillSelect($('optim-view'), this.entry('plot'));
    bindRange($('optim-noise'), this.entry('noise'));
    const steps = this.entry('steps');
    $('optim-steps').min = String(steps.min);
    $('optim-steps').max = String(steps.max);
    $('optim-apart-label').textContent = labelOf(this.entry('apart'));
  }

  /** The preset whose settings the state has, or undefined. */
  matchingPreset(state) {
    return this.vocab().presets.find((p) => Object.entries(p.settings).every(([k, v]) => state[k] === v));
  }

  /**
   * Sets every control from the state. The optimizer rows are rebuilt only
   * when asked: never while one of their sliders is being dragged
   * (rebuilding would replace the slider under the pointer).
   */
  sync({ rows = true } = {}) {
    const s = this.page.state();
    const named = this.entry('surface').choices.some((c) => c.id === s.surface);
    // "Your own f(x, y)" stays open while its text is being fixed.
    const custom = this.customMode || !named;
    $('optim-surface').value = custom ? 'custom' : s.surface;
    $('optim-expr-field').hidden = !custom;
    if (!named && document.activeElement !== $('optim-expr')) $('optim-expr').value = s.surface;
    $('optim-formula').textContent = this.formula;
    $('optim-steps').value = s.steps;
    $('optim-steps-out').textContent = s.steps;
    const [x, y] = s.start.split(',');
    if (document.activeElement !== $('optim-start-x')) $('optim-start-x').value = x;
    if (document.activeElement !== $('optim-start-y')) $('optim-start-y').value = y;
    const [name, every, factor] = s.schedule.split(':');
    $('optim-schedule').value = name;
    $('optim-step-params').hidden = name !== 'step';
    if (every) $('optim-step-every').value = every;
    if (factor) $('optim-step-factor').value = factor;
    const noise = sliderScale(this.entry('noise'));
    $('optim-noise').value = String(noise.toPos(Number(s.noise)));
    $('optim-noise-out').textContent = fmt(Number(s.noise));
    $('optim-side').value = s.side;
    $('optim-view').value = s.plot;
    const turning = s.plot === '3d';
    $('optim-turn-hint').hidden = !turning;
    $('optim-fg').setAttribute('aria-label', turning
      ? t('The surface in 3-D with the paths of the optimizers; the table below lists where each one is. Drag or use the arrow keys to turn it.')
      : t('Paths of the optimizers on the contour plot; the table below lists where each one is. Space plays, the right arrow steps, r rewinds.'));
    $('optim-axes').checked = s.axes === '1';
    $('optim-axes-label').textContent = labelOf(this.entry('axes'));
    // The quadratic model at the start: its table, and the optimum the rows
    // can snap to; made again only when the surface, the start or the language changes.
    const quadKey = `${this.applied.surface}|${this.applied.start}|${language()}`;
    if (quadKey !== this.quadKey) {
      this.quadKey = quadKey;
      this.quad = JSON.parse(this.panel.quadratic());
      $('optim-quadratic').replaceChildren(...this.quad.rows.map(([what, value]) => el('tr', {}, el('th', { scope: 'row', text: what }), el('td', { text: value }))));
    }
    const quad = this.quad;
    syncApart(this, s);
    $('optim-speed').value = s.speed;
    const runs = parseList(s.runs);
    $('optim-add').disabled = runs.length >= 8;
    const preset = this.matchingPreset(s);
    $('optim-preset').value = preset?.id ?? '';
    $('optim-sentence').textContent = preset?.sentence ?? '';
    if (!rows) return;
    renderRuns($('optim-runs'), rowsOf(runs, this.vocab()), this.vocab(), (edit) => this.editRuns(edit), quad.optimal);
  }

  /** An edit of the optimizer rows: `{ index, key, value }`, `{ index, values }`, `{ index, kind }`, `{ remove }` or `{ add }`. */
  editRuns(edit) {
    const runs = parseList(this.page.state().runs);
    let structural = true;
    if (edit.add) runs.push({ head: edit.add, items: [] });
    else if (edit.remove !== undefined) runs.splice(edit.remove, 1);
    else if (edit.values) {
      for (const [key, value] of Object.entries(edit.values)) runs[edit.index] = withValue(runs[edit.index], key, String(value));
    }
    else if (edit.kind) {
      // A new optimizer keeps the learning rate and starts from the book's other values.
      const old = runs[edit.index];
      const lr = old.items.find(([k]) => k === 'lr');
      runs[edit.index] = { head: edit.kind, items: lr ? [lr] : [] };
    } else {
      runs[edit.index] = withValue(runs[edit.index], edit.key, edit.value);
      structural = edit.key === 'show';
    }
    this.update({ runs: formatList(runs) }, $('optim-runs-error'), { rows: structural });
  }

  wire() {
    $('optim-preset').addEventListener('change', (e) => {
      const preset = this.vocab().presets.find((p) => p.id === e.target.value);
      if (!preset) return;
      this.customMode = false;
      this.update(preset.settings, null);
    });
    $('optim-surface').addEventListener('change', (e) => {
      const v = e.target.value;
      this.customMode = v === 'custom';
      if (this.customMode) {
        $('optim-expr-field').hidden = false;
        $('optim-expr').focus();
        return;
      }
      this.update({ surface: v }, $('optim-expr-error'));
    });
    let typing;
    const applyExpr = () => this.update({ surface: $('optim-expr').value }, $('optim-expr-error'));
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
    $('optim-steps').addEventListener('input', (e) => this.update({ steps: e.target.value }, null, { rows: false }));
    $('optim-frame').addEventListener('input', (e) => {
      if (this.playing) this.togglePlay();
      this.frame = Math.min(Number(e.target.value), this.steps());
      this.render();
    });
    $('optim-apart').addEventListener('change', (e) => this.update({ apart: e.target.value }, null, { rows: false }));
    const setStart = () => this.update({ start: `${$('optim-start-x').value},${$('optim-start-y').value}` }, $('optim-start-error'));
    $('optim-start-x').addEventListener('change', setStart);
    $('optim-start-y').addEventListener('change', setStart);
    const setSchedule = () => {
      const name = $('optim-schedule').value;
      const text = name === 'step' ? `step:${$('optim-step-every').value}:${$('optim-step-factor').value}` : name;
      const side = name !== 'constant' && this.page.state().side === 'loss' ? { side: 'schedule' } : {};
      this.update({ schedule: text, ...side }, $('optim-schedule-error'));
    };
    for (const id of ['optim-schedule', 'optim-step-every', 'optim-step-factor']) $(id).addEventListener('change', setSchedule);
    $('optim-noise').addEventListener('input', (e) => {
      const v = sliderScale(this.entry('noise')).toValue(Number(e.target.value));
      this.update({ noise: String(v) }, null, { rows: false });
    });
    $('optim-side').addEventListener('change', (e) => this.update({ side: e.target.value }, null, { rows: false }));
    $('optim-view').addEventListener('change', (e) => this.update({ plot: e.target.value }, null, { rows: false }));
    $('optim-axes').addEventListener('change', (e) => this.update({ axes: e.target.checked ? '1' : '0' }, null, { rows: false }));
    $('optim-speed').addEventListener('change', (e) => this.page.commit({ speed: e.target.value }));
    $('optim-add').addEventListener('click', () => {
      const used = new Set(parseList(this.page.state().runs).map((r) => r.head));
      const next = this.vocab().optimizers.map((o) => o.id).find((id) => !used.has(id)) ?? 'sgd';
      this.editRuns({ add: next });
    });
    $('optim-play').addEventListener('click', () => this.togglePlay());
    $('optim-step').addEventListener('click', () => this.step());
    $('optim-reset').addEventListener('click', () => this.rewind());
    $('optim-csv').addEventListener('click', () => download('descent-trajectories.csv', new Blob([this.panel.csv()], { type: 'text/csv' })));
    $('optim-png').addEventListener('click', () => this.exportPng());
    $('optim-svg').addEventListener('click', () => downloadSvg(this.panel.svg(this.frame), 'descent-optimizers.svg'));
    $('optim-anim').addEventListener('click', () => this.exportAnimation());
    wirePointer(this);
  }

  /** A keyboard shortcut: 'play', 'step' or 'reset' (rewind to the start). */
  shortcut(action) {
    if (action === 'play') this.togglePlay();
    else if (action === 'step') this.step();
    else if (action === 'reset') this.rewind();
  }

  steps() {
    return Number(this.applied.steps);
  }

  togglePlay() {
    this.playing = !this.playing;
    const button = $('optim-play');
    button.textContent = this.playing ? t('Pause') : t('Play');
    button.setAttribute('aria-pressed', String(this.playing));
    if (this.playing) {
      if (this.frame >= this.steps()) this.frame = 0;
      this.lastTick = performance.now();
      this.progress = this.frame;
      requestAnimationFrame((now) => this.tick(now));
    }
  }

  tick(now) {
    if (!this.playing) return;
    const speed = Number(this.page.state().speed);
    this.progress += ((now - this.lastTick) / 1000) * speed;
    this.lastTick = now;
    const frame = Math.min(Math.floor(this.progress), this.steps());
    if (frame !== this.frame) {
      this.frame = frame;
      this.render();
    }
    if (this.frame >= this.steps()) this.togglePlay();
    else requestAnimationFrame((next) => this.tick(next));
  }

  step() {
    if (this.playing) this.togglePlay();
    this.frame = this.frame >= this.steps() ? 1 : this.frame + 1;
    this.render();
  }

  rewind() {
    if (this.playing) this.togglePlay();
    this.frame = 0;
    this.render();
  }

  /** Draws what is visible; the background only when the surface changed or the canvas was resized. */
  render() {
    if (!this.renderBackground()) return;
    this.renderReadouts(JSON.parse(this.panel.draw(this.frame)));
    const frame = $('optim-frame');
    frame.max = String(this.steps());
    frame.value = String(this.frame);
    $('optim-frame-out').textContent = String(this.frame);
    renderAnatomy(this);
  }

  /** Draws the surface if it changed or the canvas was resized; false while the lab is hidden. */
  renderBackground() {
    if ($('panel-optim').hidden) return false;
    const resized = fitCanvas($('optim-bg'));
    fitCanvas($('optim-fg'));
    fitCanvas($('optim-side-canvas'));
    if (resized || this.backgroundStale || !this.drawnBackground) {
      this.panel.draw_background();
      this.drawnBackground = true;
      this.backgroundStale = false;
    }
    return true;
  }

  renderReadouts(rows) {
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
      const encoder = new (engine().ApngEncoder)(out.width, out.height, frames.length);
      for (const [i, frame] of frames.entries()) {
        this.panel.draw(frame);
        ctx.drawImage(bg, 0, 0);
        ctx.drawImage(fg, 0, 0);
        encoder.push(ctx.getImageData(0, 0, out.width, out.height).data, i + 1 === frames.length ? 2000 : 80);
        if (i % 10 === 0) {
          status.textContent = t('Exporting {frame} of {frames} frames…', { frame: i + 1, frames: frames.length });
          await nextTask();
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
