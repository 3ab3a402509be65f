// Boots the page: loads the engine and its vocabulary, keeps the one state
// table, the URL and the labs in step, and shows every failure on the page.
import { engine, restartEngine, startEngine, vocabulary } from './engine.js';
import { messageOf, nextTask } from './dom.js';
import { language, t, translatePage } from './i18n.js';
import { InitLab } from './init.js';
import { MnistLab } from './mnist.js';
import { OptimLab } from './optim.js';
import { wireShare } from './share.js';
import { wireShortcuts } from './shortcuts.js';
import { buildTable, defaults, PAGE, parseHash, toHash } from './state.js';

const $ = (id) => document.getElementById(id);

/** Shows a fatal error in the page's error area (text only, never HTML). */
function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
  document.body.classList.remove('is-loading');
}
/** When the engine last hit an internal error (the page then replaces it). */
let panickedAt = -Infinity;
let recovering = false;

/**
 * The engine's panic hook calls this. A panic ends the wasm module, so the
 * page replaces it by a fresh instance and rebuilds every lab from the
 * state table (see `recover`). A second panic right after a recovery is
 * shown as a fatal error instead of looping.
 */
globalThis.descentPanic = (message) => {
  const now = performance.now();
  const again = now - panickedAt < 5000;
  panickedAt = now;
  if (recovering) return;
  if (again) {
    showError(message);
    return;
  }
  recovering = true;
  setTimeout(() => recover(message), 0);
};
/** An error thrown by the broken module itself is the panic already being handled. */
const afterPanic = () => recovering || performance.now() - panickedAt < 1000;
window.addEventListener('error', (e) => {
  if (afterPanic()) e.preventDefault();
  else showError(t('Something went wrong: {why}', { why: e.message }));
});
window.addEventListener('unhandledrejection', (e) => {
  if (afterPanic()) e.preventDefault();
  else showError(t('Something went wrong: {why}', { why: messageOf(e.reason) }));
});

const LABS = ['optim', 'init', 'mnist'];
const labs = {};
let table = PAGE;
let state = defaults(PAGE);
let applied = null;
let lastPush = -Infinity;
/** Notices about the link: sentences about it as a whole, and one per setting it named. */
let general = [];
let byKey = {};

function showNotices() {
  const all = [...general, ...Object.values(byKey)];
  const box = $('notice');
  box.textContent = all.join(' ');
  box.hidden = all.length === 0;
}

function drawLab(lab) {
  labs[lab]?.render();
}

/** After the page's layout changed size: a lab that draws in parts while it trains redraws that way. */
function redrawResized(lab) {
  const shown = labs[lab];
  if (shown?.resized) shown.resized();
  else drawLab(lab);
}

/** Shows lab `lab`'s tab and panel and hides the others (a hidden lab draws nothing). */
function showTabs(lab, { focus = false } = {}) {
  for (const name of LABS) {
    const tab = $(`tab-${name}`);
    const on = name === lab;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${name}`).hidden = !on;
    if (on && focus) tab.focus();
  }
}

function selectLab(lab, { focus = false } = {}) {
  showTabs(lab, { focus });
  drawLab(lab);
}

/** The link of `s` to share: this page, the settings that differ from the defaults, and the language. */
export function linkOf(s) {
  return `${location.origin}${location.pathname}${location.search}${toHash(s, table, { always: ['lang'] })}`;
}

function writeUrl({ push }) {
  const hash = toHash(state, table);
  applied = hash;
  if (hash === location.hash) return;
  const url = hash === '' ? location.pathname + location.search : hash;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/**
 * Records settings in the state and the URL, and clears the notices about
 * them. A change starts a new history entry (so Back undoes it) unless it
 * follows another within a second, as a dragged slider does; inside an
 * embedded panel the history is left alone.
 */
function commit(patch) {
  state = { ...state, ...patch };
  for (const key of Object.keys(patch)) delete byKey[key];
  showNotices();
  const now = performance.now();
  writeUrl({ push: !state.embed && now - lastPush >= 1000 });
  lastPush = now;
  if (['present', 'embed', 'hide', 'lang'].some((key) => key in patch)) refreshModes();
}

/** What the labs see of the page: the state, and the way to change it. */
const page = {
  state: () => state,
  commit,
};

/** Language, presenter and embed modes, and hidden controls, from the state. */
function refreshModes() {
  const body = document.body;
  body.classList.toggle('present', state.present);
  document.documentElement.classList.toggle('present', state.present);
  body.classList.toggle('embed', state.embed);
  const hidden = new Set(state.hide.split(',').filter(Boolean));
  body.classList.toggle('hide-controls', hidden.has('controls'));
  for (const element of document.querySelectorAll('[data-control]')) {
    element.classList.toggle('classroom-hidden', hidden.has(element.dataset.control));
  }
  $('present-toggle').setAttribute('aria-pressed', String(state.present));
  $('language').value = state.lang;
  $('open-full').href = linkOf({ ...state, embed: false, hide: '', present: false });
  engine().set_display(state.present ? 1.6 : 1);
}

function setLanguage(lang) {
  translatePage(lang);
  engine().set_language(lang);
}

/**
 * Applies the link to every lab. Values a lab refuses are named in the
 * notice and dropped from the state (so that a shared link carries only
 * what is in use); values written differently are kept in their canonical
 * form.
 */
function applyHash() {
  if (location.hash === applied || (location.hash === '' && applied === '')) return;
  const parsed = parseHash(location.hash, table);
  const given = { ...parsed.state };
  state = parsed.state;
  setLanguage(state.lang);
  refreshModes();
  general = [...parsed.notices];
  byKey = {};
  for (const name of LABS) {
    const { fix, refused } = labs[name].load(state);
    Object.assign(state, fix);
    for (const [key, why] of Object.entries(refused)) {
      byKey[key] = t('Ignored {key}="{value}" in the link: {why}', { key, value: String(given[key]).slice(0, 40), why });
    }
  }
  writeUrl({ push: false });
  showNotices();
  return showLabs();
}

/**
 * Shows every lab from the state, each in its own task after this one so
 * that none holds the page up (the lab on show first); resolves when all are
 * shown. Only the lab on show draws; the others draw when their tab is chosen.
 */
function showLabs() {
  showTabs(state.lab);
  const order = [state.lab, ...LABS.filter((n) => n !== state.lab)];
  return Promise.all(order.map(async (name) => {
    await nextTask();
    await labs[name].show();
  }));
}

/**
 * Replaces the broken engine by a fresh instance and rebuilds every lab's
 * handles from the state table (runs in progress keep training in their
 * workers; their curves are drawn again from what the workers sent); says
 * so once.
 */
async function recover(message) {
  try {
    await restartEngine();
    engine().set_language(state.lang);
    engine().set_display(state.present ? 1.6 : 1);
    for (const name of LABS) {
      labs[name].attach();
      Object.assign(state, labs[name].load(state).fix);
    }
    showLabs();
    general = [t('Descent hit an internal error and restarted its engine; your settings are kept. ({why})', { why: message })];
    showNotices();
  } catch (e) {
    showError(t('Descent hit an internal error and could not restart: {why}', { why: messageOf(e) }));
  } finally {
    recovering = false;
  }
}

/** Switches lab by tab, shortcut or link. */
function goToLab(lab, { focus = false } = {}) {
  commit({ lab });
  selectLab(lab, { focus });
}

function wireHeader() {
  LABS.forEach((lab, i) => {
    const tab = $(`tab-${lab}`);
    tab.addEventListener('click', () => goToLab(lab));
    tab.addEventListener('keydown', (e) => {
      const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: LABS.length - 1 };
      if (!(e.key in moves)) return;
      e.preventDefault();
      goToLab(LABS[(moves[e.key] + LABS.length) % LABS.length], { focus: true });
    });
  });
  $('language').addEventListener('change', (e) => {
    commit({ lang: e.target.value });
    setLanguage(state.lang);
    showLabs();
  });
  $('present-toggle').addEventListener('click', () => {
    commit({ present: !state.present });
    drawLab(state.lab);
  });
  wireShare({ state: () => state, linkOf });
  wireShortcuts({
    lab: () => labs[state.lab],
    goToLab: (i) => goToLab(LABS[i], { focus: false }),
  });
}

/** The cache of the data the page keeps for offline use (www/sw.js's DATA_CACHE, left alone by a new version). */
const DATA_CACHE = 'descent-data';

/**
 * Keeps a copy of a download for offline use unless one is kept already;
 * the offline worker does not keep the data itself, and finds this copy
 * when the network is gone.
 */
async function keepForOffline(url, bytes) {
  if (!('caches' in globalThis)) return;
  try {
    const cache = await caches.open(DATA_CACHE);
    const key = new URL(url, location.href);
    if (!(await cache.match(key))) await cache.put(key, new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } }));
  } catch {
    // Without storage the page simply needs the network.
  }
}

async function fetchBytes(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(t('Could not download {what} ({url}): {why}', { what, url, why: e.message }));
  }
  if (!response.ok) throw new Error(t('Could not download {what} ({url}): the server answered {status}. Run scripts/serve.sh to create it.', { what, url, status: response.status }));
  return new Uint8Array(await response.arrayBuffer());
}

async function boot() {
  translatePage(parseHash(location.hash, PAGE).state.lang);
  try {
    await startEngine();
  } catch (e) {
    showError(t('The engine (WebAssembly) could not be loaded: {why}. Descent needs a current browser, served over http (not file://).', { why: messageOf(e) }));
    return;
  }
  // Start-up in steps, each its own task, so that none holds the page up.
  await nextTask();
  $('version').textContent = `v${engine().version()}`;
  engine().set_language(language());
  table = buildTable(vocabulary('en'));
  state = defaults(table);
  await nextTask();
  labs.optim = new OptimLab(page);
  await nextTask();
  labs.init = new InitLab(page);
  await nextTask();
  labs.mnist = new MnistLab(page);
  wireHeader();
  await nextTask();
  // The tests' copy of the engine can panic on purpose; its tests reach the labs here.
  if (engine().test_panic) globalThis.descentTest = { labs };
  window.addEventListener('hashchange', applyHash);
  window.addEventListener('popstate', applyHash);
  // The page counts as loaded once every lab has been shown and drawn.
  await applyHash();
  document.body.classList.remove('is-loading');
  // Drawn in the next frame, not inside the observer: a redraw that resizes
  // a canvas would otherwise change the layout being observed (the
  // browser's "ResizeObserver loop" error).
  // The observer's first call, on `observe`, is skipped: the labs are being drawn.
  let resizeFrame = 0;
  let observed = false;
  new ResizeObserver(() => {
    if (!observed) {
      observed = true;
      return;
    }
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => redrawResized(state.lab));
  }).observe(document.querySelector('main'));
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
    // www/sw.js here; the root's sw.js in dist/ (scripts/dist.sh names it in index.html).
    const worker = document.querySelector('meta[name="descent-service-worker"]')?.content ?? 'www/sw.js';
    navigator.serviceWorker.register(worker, { scope: './' }).catch(() => {
      // Hosts that do not allow the worker at the top keep working online.
    });
  }
  try {
    const digits = await fetchBytes('www/data/digits.bin', t('the digit data'));
    keepForOffline('www/data/digits.bin', digits);
    // Parsed in a task of its own.
    await nextTask();
    labs.mnist.setData(digits);
  } catch (e) {
    showError(messageOf(e));
  }
}

boot();
