// The controls of "Your own run": every value becomes a `key=value` setting
// that the engine checks (TrainConfig::set); the learning rate and momentum
// can also change while the run trains.
import { CurvesPanel, TrainingRun } from '../pkg/descent.js';
import { fitCanvas, fmt } from './dom.js';

const $ = (id) => document.getElementById(id);
const lr = () => Number((10 ** Number($('mc-lr').value)).toPrecision(3));
const lambda = () => (Number($('mc-lambda').value) <= -6 ? 0 : Number((10 ** Number($('mc-lambda').value)).toPrecision(3)));

/** The settings text of the controls. */
export function settings() {
  const augment = ['shift', 'rotate', 'cutout', 'mixup'].filter((a) => $(`mc-${a}`).checked).join(',');
  return [
    `hidden=${$('mc-hidden').value.replace(/\s+/g, '')}`,
    `activation=${$('mc-activation').value}`,
    `init=${$('mc-init').value}`,
    `bn=${$('mc-bn').checked ? 1 : 0}`,
    `dropout=${$('mc-dropout').value}`,
    `optimizer=${$('mc-optimizer').value}`,
    `lr=${lr()}`,
    ...(['momentum', 'nesterov'].includes($('mc-optimizer').value) ? [`momentum=${$('mc-momentum').value}`] : []),
    ...($('mc-optimizer').value === 'adam' ? [`beta1=${$('mc-beta1').value}`, `beta2=${$('mc-beta2').value}`] : []),
    ...(['rmsprop', 'adadelta'].includes($('mc-optimizer').value) ? [`rho=${$('mc-rho').value}`] : []),
    `schedule=${$('mc-schedule').value}`,
    `batch=${$('mc-batch').value}`,
    `${$('mc-unit').value}=${$('mc-iterations').value}`,
    `decay=${$('mc-decay').value}`,
    `weight-decay=${lambda()}`,
    `scaling=${$('mc-scaling').value}`,
    `augment=${augment}`,
    `train-size=${$('mc-train-size').value}`,
    `validation=${$('mc-validation').value}`,
    'eval-every=100',
    `patience=${Number($('mc-patience').value) > 0 ? $('mc-patience').value : 'off'}`,
  ].join(';');
}

/** Draws the schedule's curve when the settings are valid and the panel shows. */
export function drawSchedule(text = settings(), error = TrainingRun.check(text) ?? '') {
  const canvas = $('mc-schedule-canvas');
  if (error || $('mnist-custom').hidden || $('panel-mnist').hidden) return;
  fitCanvas(canvas);
  CurvesPanel.draw_schedule('mc-schedule-canvas', text, Number($('mc-train-size').value) || 8000);
}

let refresh = () => {};

/** Re-reads the controls (after they were set from a link). */
export function refreshCustom() {
  refresh(false);
}

/** Slider position of a value on a log10 slider (0 → the slider's bottom, "off"). */
const log10Of = (v) => (v > 0 ? String(Math.log10(v)) : '-6');

/**
 * Sets the controls from a settings text (as `settings()` writes it). The
 * engine checks the text first; returns its sentence if it refuses, else ''.
 */
export function loadSettings(text) {
  const why = TrainingRun.check(text);
  if (why) return why;
  const values = Object.fromEntries(text.split(';').filter(Boolean).map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()];
  }));
  const set = (id, v) => { if (v !== undefined) $(id).value = v; };
  set('mc-hidden', values.hidden);
  set('mc-activation', values.activation);
  set('mc-init', values.init);
  if (values.bn !== undefined) $('mc-bn').checked = values.bn === '1';
  set('mc-dropout', values.dropout);
  set('mc-optimizer', values.optimizer);
  if (values.lr !== undefined) $('mc-lr').value = log10Of(Number(values.lr));
  for (const key of ['momentum', 'beta1', 'beta2', 'rho']) set(`mc-${key}`, values[key]);
  set('mc-schedule', values.schedule);
  set('mc-batch', values.batch);
  if (values.epochs !== undefined) {
    $('mc-unit').value = 'epochs';
    $('mc-iterations').value = values.epochs;
  } else if (values.iterations !== undefined) {
    $('mc-unit').value = 'iterations';
    $('mc-iterations').value = values.iterations;
  }
  set('mc-decay', values.decay);
  if (values['weight-decay'] !== undefined) $('mc-lambda').value = log10Of(Number(values['weight-decay']));
  set('mc-scaling', values.scaling);
  if (values.augment !== undefined) {
    const on = new Set(values.augment.split(','));
    for (const a of ['shift', 'rotate', 'cutout', 'mixup']) $(`mc-${a}`).checked = on.has(a);
  }
  set('mc-train-size', values['train-size']);
  set('mc-validation', values.validation);
  if (values.patience !== undefined) $('mc-patience').value = values.patience === 'off' ? '0' : values.patience;
  return '';
}

/**
 * Wires the controls. `onLive(key, value)` is called when a setting that may
 * change mid-run moves; `onChange(text, error)` after any change.
 */
export function wireCustom({ onLive, onChange }) {
  const outputs = {
    'mc-dropout': () => fmt(Number($('mc-dropout').value)),
    'mc-lr': () => fmt(lr()),
    'mc-momentum': () => fmt(Number($('mc-momentum').value)),
    'mc-lambda': () => (lambda() === 0 ? '0' : fmt(lambda())),
    'mc-validation': () => fmt(Number($('mc-validation').value)),
    'mc-beta1': () => fmt(Number($('mc-beta1').value)),
    'mc-beta2': () => fmt(Number($('mc-beta2').value)),
    'mc-rho': () => fmt(Number($('mc-rho').value)),
  };
  refresh = (byUser = true) => {
    for (const [id, text] of Object.entries(outputs)) $(`${id}-out`).textContent = text();
    const optimizer = $('mc-optimizer').value;
    $('mc-momentum').disabled = !['momentum', 'nesterov'].includes(optimizer);
    $('mc-beta1').disabled = optimizer !== 'adam';
    $('mc-beta2').disabled = optimizer !== 'adam';
    $('mc-rho').disabled = !['rmsprop', 'adadelta'].includes(optimizer);
    const text = settings();
    const error = TrainingRun.check(text) ?? '';
    $('mc-error').textContent = error;
    drawSchedule(text, error);
    onChange(text, error, byUser);
  };
  for (const input of document.querySelectorAll('#mnist-custom input, #mnist-custom select')) {
    input.addEventListener(input.type === 'range' ? 'input' : 'change', () => refresh(true));
  }
  $('mc-lr').addEventListener('input', () => onLive('lr', String(lr())));
  $('mc-momentum').addEventListener('input', () => onLive('momentum', $('mc-momentum').value));
  for (const key of ['beta1', 'beta2', 'rho']) $(`mc-${key}`).addEventListener('input', () => onLive(key, $(`mc-${key}`).value));
  refresh(false);
}
