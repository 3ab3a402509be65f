// The optimizer rows of the optimizer lab: one row per run, with a control for
// each hyperparameter the optimizer reads. Rows are rebuilt from the engine's
// configuration; a change is reported as the runs' text form, which the engine
// validates.
import { el, fmt } from './dom.js';
import { t } from './i18n.js';

export const KINDS = [
  ['sgd', 'SGD'], ['momentum', 'Momentum'], ['nesterov', 'Nesterov'], ['adagrad', 'AdaGrad'],
  ['rmsprop', 'RMSProp'], ['adam', 'Adam'], ['adadelta', 'AdaDelta'], ['newton', 'Newton'],
];
const LABEL = Object.fromEntries(KINDS);

// Okabe–Ito colours and marker symbols, in the engine's order (src/plot).
export const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#a08c00', '#000000'];
export const SYMBOLS = ['●', '■', '▲', '◆', '▼', '✕', '✚', '★'];

const PARAMS = {
  sgd: [], momentum: ['alpha'], nesterov: ['alpha'], adagrad: ['eps'], rmsprop: ['rho', 'eps'],
  adam: ['beta1', 'beta2', 'eps', 'bias_correction'], adadelta: ['rho', 'eps'], newton: ['damping'],
};

// name → slider: label, range, and whether the slider moves in log10 space.
// `label` is the accessible name (after the optimizer's name), `short` what is shown.
const SLIDERS = {
  lr: { label: 'learning rate', short: 'rate η', min: -4, max: 1, step: 0.01, log: true },
  alpha: { label: 'momentum α', short: 'momentum α', min: 0, max: 0.99, step: 0.01 },
  rho: { label: 'decay ρ', short: 'decay ρ', min: 0, max: 0.999, step: 0.001 },
  beta1: { label: 'β1', short: 'β1', min: 0, max: 0.99, step: 0.01 },
  beta2: { label: 'β2', short: 'β2', min: 0.9, max: 0.9999, step: 0.0001 },
  eps: { label: 'ε', short: 'ε', min: -10, max: -1, step: 0.1, log: true },
  damping: { label: 'damping λ', short: 'damping λ', min: 0, max: 10, step: 0.1 },
};

/** The runs' text form (every value written out; the engine checks them). */
export function runsText(runs) {
  return runs.map((r) => {
    const fields = ['lr', ...PARAMS[r.kind]].map((p) => `${p}:${p === 'bias_correction' ? (r[p] ? 1 : 0) : r[p]}`);
    return `${r.visible ? '' : '~'}${r.kind},${fields.join(',')}`;
  }).join(';');
}

function slider(run, index, name, setValue) {
  const spec = SLIDERS[name];
  const id = `optim-run${index}-${name}`;
  const toSlider = (v) => (spec.log ? Math.log10(v) : v);
  const fromSlider = (v) => (spec.log ? Number((10 ** v).toPrecision(3)) : v);
  const out = el('output', { for: id, text: fmt(run[name]) });
  const input = el('input', {
    id, type: 'range', min: spec.min, max: spec.max, step: spec.step,
    'aria-label': `${LABEL[run.kind]} ${t(spec.label)}`,
    'aria-valuetext': fmt(run[name]),
    oninput: () => {
      const v = fromSlider(Number(input.value));
      out.textContent = fmt(v);
      input.setAttribute('aria-valuetext', fmt(v));
      setValue(name, v);
    },
  });
  input.value = String(toSlider(run[name]));
  return el('div', { class: 'field' },
    el('label', { for: id, text: t(spec.short) }), input, out);
}

/**
 * Fills `list` with a row per run. `onChange(runs, { structural })` receives
 * the whole new list after any edit; `structural` is false for a value moved
 * on a slider (the rows stay as they are) and true when rows must be rebuilt.
 */
export function renderRuns(list, runs, onChange) {
  list.replaceChildren();
  runs.forEach((run, i) => {
    // Edits apply to the row's current values, so that two sliders of one row compose.
    const update = (patch, structural = true) => {
      runs = runs.map((r, j) => (j === i ? { ...r, ...patch } : r));
      onChange(runs, { structural });
    };
    const setValue = (name, v) => update({ [name]: v }, false);
    const color = COLORS[i % COLORS.length];
    const kind = el('select', {
      'aria-label': t('Optimizer {n}', { n: i + 1 }),
      onchange: () => update({ kind: kind.value }),
    }, KINDS.map(([id, label]) => el('option', { value: id, text: label, selected: id === run.kind })));
    const head = el('div', { class: 'run-head' },
      el('span', { class: 'run-symbol', 'aria-hidden': 'true', text: SYMBOLS[i % SYMBOLS.length] }),
      kind,
      el('label', {},
        el('input', { type: 'checkbox', checked: run.visible, onchange: (e) => update({ visible: e.target.checked }, false) }),
        ` ${t('show')}`),
      el('button', {
        type: 'button', class: 'remove', 'aria-label': t('Remove optimizer {n} ({name})', { n: i + 1, name: LABEL[run.kind] }), text: '×',
        disabled: runs.length === 1, onclick: () => onChange(runs.filter((_, j) => j !== i), { structural: true }),
      }));
    const rows = [head, slider(run, i, 'lr', setValue)];
    for (const name of PARAMS[run.kind]) {
      if (name === 'bias_correction') {
        rows.push(el('label', { class: 'check' },
          el('input', { type: 'checkbox', checked: run.bias_correction, onchange: (e) => update({ bias_correction: e.target.checked }, false) }),
          ` ${t('{name} bias correction', { name: LABEL[run.kind] })}`));
      } else {
        rows.push(slider(run, i, name, setValue));
      }
    }
    list.append(el('li', { class: 'run', style: { '--run-color': color } }, rows));
  });
}
