// Controls made from catalogue entries (src/catalogue/mod.rs): a slider's
// bounds, step and scale, a menu's options and every label come from the
// entry the engine publishes, so a new setting appears by itself. The value
// a control shows and writes is always the setting's canonical text.
import { el, fmt } from './dom.js';

/** An entry's label as a control's label: a first Latin letter capitalized (β1 and ε stay). */
export function labelOf(entry) {
  const s = entry.label ?? '';
  return /^[a-z]/.test(s) ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Rounds a positive number to 3 significant digits (slider positions are coarse). */
const round3 = (v) => Number(v.toPrecision(3));

/**
 * How a slider moves through a real-valued entry: its position range and
 * step, and the conversions between value and position, for each scale.
 */
export function sliderScale(entry) {
  const { min, max, step } = entry;
  if (entry.kind === 'whole') return { min, max, step: 1, toPos: (v) => v, toValue: (p) => Math.round(p) };
  switch (entry.scale) {
    case 'log':
      return { min: Math.log10(min), max: Math.log10(max), step, toPos: (v) => Math.log10(v), toValue: (p) => round3(10 ** p) };
    case 'log-or-zero': {
      const low = Math.log10(entry.smallest);
      return {
        min: low - step,
        max: Math.log10(max),
        step,
        toPos: (v) => (v > 0 ? Math.max(low, Math.log10(v)) : low - step),
        toValue: (p) => (p < low ? 0 : round3(10 ** p)),
      };
    }
    case 'one-minus-log':
      // Position s, value 1 − 10^−s (momentum 0.9 at s = 1, 0.99 at s = 2).
      return {
        min: -Math.log10(1 - min),
        max: -Math.log10(1 - max),
        step,
        toPos: (v) => -Math.log10(1 - v),
        toValue: (p) => Number((1 - round3(10 ** -p)).toPrecision(6)),
      };
    default:
      return { min, max, step, toPos: (v) => v, toValue: (p) => Number(p.toPrecision(6)) };
  }
}

/** Sets a range input's bounds and step from a real-valued entry. */
export function bindRange(input, entry) {
  const s = sliderScale(entry);
  input.min = String(s.min);
  input.max = String(s.max);
  input.step = String(s.step);
  return s;
}

/** Fills a select with an entry's choices (and `extra` options before them: [[id, label]]). */
export function fillSelect(select, entry, extra = []) {
  const value = select.value;
  select.replaceChildren(
    ...extra.map(([id, label]) => el('option', { value: id, text: label })),
    ...(entry.choices ?? []).map((c) => el('option', { value: c.id, text: c.label })),
  );
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

/**
 * Fills `container` (after its legend, if any) with one radio button per
 * choice of `entry`, named `name`; `onChange(id)` follows a choice.
 */
export function fillRadios(container, entry, name, onChange) {
  const legend = container.querySelector('legend');
  container.replaceChildren(...(legend ? [legend] : []), ...entry.choices.map((c) => el('label', { class: 'check' },
    el('input', { type: 'radio', name, value: c.id, onchange: () => onChange(c.id) }),
    ` ${c.label}`)));
}

/** Checks the radio of `name` whose value is `value`. */
export function checkRadio(name, value) {
  for (const r of document.querySelectorAll(`input[name="${name}"]`)) r.checked = r.value === value;
}

/** Sets a number input's bounds from a whole-number entry. */
export function bindNumber(input, entry) {
  input.min = String(entry.min);
  input.max = String(entry.max);
  input.step = entry.kind === 'whole' ? '1' : 'any';
}

/**
 * A labelled control for `entry` showing the canonical text `value`;
 * `onChange(text)` receives the new canonical text. `id` names the input;
 * `name` (the accessible name) defaults to the label.
 */
export function controlFor(entry, value, onChange, { id, name = labelOf(entry), hint = '' } = {}) {
  const label = labelOf(entry);
  // A short unit stands beside the box; a long one is the box's tooltip.
  const unit = entry.unit ?? '';
  const beside = hint || (unit.length <= 14 ? unit : '');
  const field = (input, after = el('span')) => el('div', { class: 'field', 'data-setting': entry.key },
    el('label', { for: id, text: label }), input, after);
  switch (entry.kind) {
    case 'real': {
      const scale = sliderScale(entry);
      const v = Number(value);
      const out = el('output', { for: id, text: fmt(v) });
      const input = el('input', {
        id, type: 'range', min: scale.min, max: scale.max, step: scale.step, 'aria-label': name, 'aria-valuetext': fmt(v),
        oninput: () => {
          const next = scale.toValue(Number(input.value));
          out.textContent = fmt(next);
          input.setAttribute('aria-valuetext', fmt(next));
          onChange(String(next));
        },
      });
      input.value = String(scale.toPos(v));
      return field(input, out);
    }
    case 'whole': {
      const input = el('input', {
        id, type: 'number', min: entry.min, max: entry.max, step: 1, 'aria-label': name, title: unit || undefined,
        placeholder: entry.none ?? '', value: value === entry.none ? '' : value,
        onchange: () => onChange(input.value.trim() === '' && entry.none ? entry.none : input.value.trim()),
      });
      return field(input, el('span', { class: 'hint', text: beside }));
    }
    case 'flag':
      return el('label', { class: 'check', 'data-setting': entry.key },
        el('input', { id, type: 'checkbox', checked: value === '1', 'aria-label': name, onchange: (e) => onChange(e.target.checked ? '1' : '0') }),
        ` ${label}`);
    case 'choice':
    case 'text': {
      if (entry.kind === 'text' && !entry.choices?.length) {
        const input = el('input', {
          id, type: 'text', value, spellcheck: 'false', autocomplete: 'off', maxlength: entry.max_len, 'aria-label': name, title: unit || undefined,
          onchange: () => onChange(input.value.trim()),
        });
        return field(input, el('span', { class: 'hint', text: beside }));
      }
      const select = el('select', { id, 'aria-label': name, onchange: () => onChange(select.value) });
      fillSelect(select, entry);
      // A value that is not one of the named choices (std:0.3, step:500:0.1) is offered as itself.
      if (![...select.options].some((o) => o.value === value)) select.append(el('option', { value, text: value }));
      select.value = value;
      return field(select);
    }
    case 'many': {
      const on = new Set(String(value).split(',').filter(Boolean));
      const boxes = (entry.choices ?? []).map((c) => el('label', { class: 'check' },
        el('input', {
          type: 'checkbox', value: c.id, checked: on.has(c.id), 'aria-label': `${label}: ${c.label}`,
          onchange: () => onChange(boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value).join(',')),
        }),
        ` ${c.label}`));
      return el('div', { class: 'pair wrap', role: 'group', 'aria-label': label, 'data-setting': entry.key }, ...boxes);
    }
    default:
      return el('span');
  }
}
