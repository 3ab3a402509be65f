// "Share": the link of the current view, a classroom link that hides chosen
// controls, presenter mode, and the <iframe> code that embeds one panel in a
// slide. Everything here is built from the state table; nothing is HTML text.
import { el } from './dom.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** What each hideable control is called in the dialog, per lab. */
const CHOICES = {
  optim: [['preset', 'Preset'], ['surface', 'Surface'], ['playback', 'Playback'], ['start', 'Start point'], ['schedule', 'Learning-rate schedule and noise'], ['optimizers', 'Optimizers'], ['side', 'Side plot'], ['readouts', 'Tables of numbers'], ['export', 'Downloads']],
  init: [['preset', 'Preset'], ['activation', 'Activation'], ['scheme', 'Initialization'], ['bn', 'Batch normalization'], ['view', 'Show'], ['network', 'Network'], ['compare', 'Compare with'], ['readouts', 'Tables of numbers'], ['export', 'Downloads']],
  mnist: [['experiment', 'Experiment'], ['seed', 'Seed'], ['training', 'Start, pause and progress'], ['data', 'Full MNIST'], ['inspect', 'Inside a trained network'], ['readouts', 'Tables of numbers'], ['export', 'Downloads']],
};

const LAB_NAMES = { optim: 'Optimizers', init: 'Initialization', mnist: 'MNIST training' };

/** Copies `text`; when the clipboard is not allowed, selects it for Ctrl+C. */
async function copy(text, field, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = t('Copied.');
  } catch {
    field.focus();
    field.select();
    status.textContent = t('Selected: press Ctrl+C (⌘C) to copy.');
  }
}

/** The <iframe> snippet for `url`, sized `width` × `height`. */
export function embedCode(url, title, width = 960, height = 600) {
  const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${attr(url)}" title="${attr(title)}" width="${width}" height="${height}" style="border:0" loading="lazy" allowfullscreen></iframe>`;
}

/**
 * Wires the Share button and dialog. `state()` is the current state,
 * `linkOf(state)` its URL.
 */
export function wireShare({ state, linkOf }) {
  const dialog = $('share');
  const chosen = () => {
    const s = state();
    const hide = [...dialog.querySelectorAll('input[name="share-hide"]:checked')].map((i) => i.value);
    if ($('share-hide-all').checked) hide.unshift('controls');
    return { ...s, hide: hide.join(','), present: $('share-present').checked, embed: false };
  };
  const update = () => {
    const s = chosen();
    $('share-link').value = linkOf(s);
    $('share-embed').value = embedCode(linkOf({ ...s, embed: true }), `Descent: ${t(LAB_NAMES[s.lab])}`);
    $('share-link-status').textContent = '';
    $('share-embed-status').textContent = '';
  };
  $('share-open').addEventListener('click', () => {
    const s = state();
    const hidden = new Set(s.hide.split(',').filter(Boolean));
    $('share-hide-all').checked = hidden.has('controls');
    $('share-present').checked = s.present;
    $('share-hide-list').replaceChildren(...CHOICES[s.lab].map(([key, label]) => el('li', {},
      el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'share-hide', value: key, checked: hidden.has(key), onchange: update }),
        ` ${t(label)}`))));
    update();
    dialog.showModal();
  });
  for (const id of ['share-hide-all', 'share-present']) $(id).addEventListener('change', update);
  $('share-copy-link').addEventListener('click', () => copy($('share-link').value, $('share-link'), $('share-link-status')));
  $('share-copy-embed').addEventListener('click', () => copy($('share-embed').value, $('share-embed'), $('share-embed-status')));
  $('share-close').addEventListener('click', () => dialog.close());
}
