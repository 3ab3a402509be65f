// Boots the page: loads the wasm engine and the digit data, wires the tabs to
// the state table, and shows every failure on the page itself.
import init, { version } from '../pkg/descent.js';
import { messageOf } from './dom.js';
import { InitLab } from './init.js';
import { MnistLab } from './mnist.js';
import { OptimLab } from './optim.js';
import { parseHash, toHash } from './state.js';

const $ = (id) => document.getElementById(id);

/** Shows a fatal error in the page's error area (text only, never HTML). */
function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
  document.body.classList.remove('is-loading');
}
globalThis.descentFatal = showError;
window.addEventListener('error', (e) => showError(`Something went wrong: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => showError(`Something went wrong: ${messageOf(e.reason)}`));

function showNotices(notices) {
  const box = $('notice');
  box.textContent = notices.join(' ');
  box.hidden = notices.length === 0;
}

const LABS = ['optim', 'init', 'mnist'];
const labs = {};
let state = parseHash('').state;

function drawLab(lab) {
  labs[lab]?.render();
}

function selectLab(lab, { focus = false } = {}) {
  for (const name of LABS) {
    const tab = $(`tab-${name}`);
    const on = name === lab;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${name}`).hidden = !on;
    if (on && focus) tab.focus();
  }
  drawLab(lab);
}

/** Records settings in the state and the URL (without a new history entry). */
function commit(patch) {
  state = { ...state, ...patch };
  const hash = toHash(state);
  if (hash !== location.hash) {
    history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
  }
}

function applyHash() {
  const parsed = parseHash(location.hash);
  state = parsed.state;
  const notices = [...parsed.notices];
  if (labs.optim) {
    labs.optim.setSeed(state.seed);
    notices.push(...labs.optim.load(state));
    notices.push(...labs.init.load(state));
    notices.push(...labs.mnist.load(state));
  }
  showNotices(notices);
  selectLab(state.lab);
}

function wireTabs() {
  LABS.forEach((lab, i) => {
    const tab = $(`tab-${lab}`);
    tab.addEventListener('click', () => {
      commit({ lab });
      selectLab(lab);
    });
    tab.addEventListener('keydown', (e) => {
      const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: LABS.length - 1 };
      if (!(e.key in moves)) return;
      e.preventDefault();
      const next = LABS[(moves[e.key] + LABS.length) % LABS.length];
      commit({ lab: next });
      selectLab(next, { focus: true });
    });
  });
}

async function fetchBytes(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`Could not download ${what} (${url}): ${e.message}`);
  }
  if (!response.ok) throw new Error(`Could not download ${what} (${url}): the server answered ${response.status}. Run scripts/serve.sh to create it.`);
  return new Uint8Array(await response.arrayBuffer());
}

async function boot() {
  wireTabs();
  try {
    await init();
  } catch (e) {
    showError(`The engine (WebAssembly) could not be loaded: ${messageOf(e)}. Descent needs a current browser, served over http (not file://).`);
    return;
  }
  $('version').textContent = `v${version()}`;
  labs.optim = new OptimLab(commit);
  labs.init = new InitLab(commit);
  labs.mnist = new MnistLab(commit);
  document.body.classList.remove('is-loading');
  applyHash();
  window.addEventListener('hashchange', applyHash);
  new ResizeObserver(() => drawLab(state.lab)).observe(document.querySelector('main'));

  try {
    labs.mnist.setData(await fetchBytes('www/data/digits.bin', 'the digit data'));
  } catch (e) {
    showError(messageOf(e));
  }
}

boot();
