// "Your own run": one control per training setting of the engine's
// catalogue (and per hyperparameter of the chosen optimizer), built from the
// vocabulary, so that a new setting appears here by itself. The controls
// show the engine's check of the run's settings text (the state's `run`)
// and report each change as a (key, text) pair; the lab writes the state.
import { engine, vocabulary } from './engine.js';
import { controlFor } from './controls.js';
import { el, fitCanvas } from './dom.js';
import { language, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

export class CustomRun {
  /**
   * `onChange(key, text)` follows a change of a control; `onLive(key, text)`
   * a change of a setting that may change while the run trains.
   */
  constructor({ onChange, onLive }) {
    this.onChange = onChange;
    this.onLive = onLive;
    this.check = null;
    this.shape = '';
    // The schedule's curve (and its downloads), moved under the schedule's menu.
    this.scheduleBox = $('mc-schedule-box');
  }

  vocab() {
    return vocabulary(language()).mnist;
  }

  /**
   * Checks the settings text `text` for digits with `trainDigits` training
   * examples and (unless `render` is false) shows it; returns the engine's
   * answer `{text, values, refused, error}`.
   */
  show(text, trainDigits, { render = true } = {}) {
    this.trainDigits = trainDigits;
    this.check = JSON.parse(engine().TrainingRun.check(text, trainDigits));
    $('mc-error').textContent = this.check.error ?? '';
    if (render) this.render();
    return this.check;
  }

  /**
   * Rebuilds the controls when the set of them changes (another optimizer,
   * length unit or language); draws the schedule unless `draw` is false.
   */
  render({ force = false, draw = true } = {}) {
    const { values } = this.check;
    const v = this.vocab();
    const [iterations, epochs] = v.length;
    const unit = values[epochs] !== '' ? epochs : iterations;
    const optimizer = values.optimizer;
    const shape = `${language()}|${optimizer}|${unit}`;
    if (!force && shape === this.shape && $('mc-controls').childElementCount) {
      if (draw) this.drawSchedule();
      return;
    }
    this.shape = shape;
    const reads = new Set(vocabulary(language()).optim.optimizers.find((o) => o.id === optimizer)?.params ?? []);
    const hyper = new Set(vocabulary(language()).optim.hyperparameters.map((e) => e.key));
    const rows = [];
    for (const entry of v.training) {
      if (entry.key === 'seed' || entry.key === epochs) continue;
      if (hyper.has(entry.key) && !reads.has(entry.key)) continue;
      const id = `mc-${entry.key}`;
      const change = (text) => {
        this.onChange(entry.key, text);
        if (entry.live) this.onLive(entry.key, text);
      };
      if (entry.key === iterations) {
        rows.push(this.lengthControl(unit, values[unit]));
        continue;
      }
      const hint = entry.live ? t('(changes while training)') : '';
      rows.push(controlFor(entry, values[entry.key], change, { id, hint }));
    }
    $('mc-controls').replaceChildren(...rows);
    // The schedule's curve stands under the schedule's menu.
    $('mc-controls').querySelector('[data-setting="schedule"]')?.after(this.scheduleBox);
    if (draw) this.drawSchedule();
  }

  /** The run's length: a number, and whether it counts iterations or epochs. */
  lengthControl(unit, value) {
    const [iterations, epochs] = this.vocab().length;
    const entry = (key) => this.vocab().training.find((e) => e.key === key);
    const count = el('input', {
      id: 'mc-length', type: 'number', min: entry(unit).min, max: entry(unit).max, step: 1, value,
      'aria-label': t('Length'),
      onchange: () => this.onChange(unit, count.value.trim()),
    });
    const select = el('select', {
      'aria-label': t('Length unit'),
      onchange: () => this.onChange(select.value, String(entry(select.value).default)),
    }, [[iterations, t('iterations')], [epochs, t('epochs')]].map(([key, text]) => el('option', { value: key, text, selected: key === unit })));
    return el('div', { class: 'field', 'data-setting': 'length' }, el('label', { for: 'mc-length', text: t('Length') }), count, select);
  }

  /** Draws the schedule's curve when the settings are valid and the panel shows. */
  drawSchedule() {
    if (!this.check || this.check.error || $('mnist-custom').hidden || $('panel-mnist').hidden) return;
    fitCanvas($('mc-schedule-canvas'));
    engine().CurvesPanel.draw_schedule('mc-schedule-canvas', this.check.text, this.scheduleDigits());
  }

  /** The training digits the run's schedule spans. */
  scheduleDigits() {
    const size = this.check.values['train-size'];
    return size && size !== 'all' ? Number(size) : this.trainDigits;
  }
}
