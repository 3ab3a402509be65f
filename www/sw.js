// Offline support: after the first visit the page works without a network.
// Every request for the page's own files goes to the network first,
// revalidated past the browser's HTTP cache (so a new version shows at once
// and never mixes with the old one), and falls back to the copy kept from the
// last visit. The digit data (8 MB) is not kept a second time here: the page
// keeps the copy it downloaded itself, in its own cache (DATA_CACHE in
// main.js), which a new version leaves alone.
// The worker runs from www/ (scripts/serve.sh sends the header that lets it
// control the page one level up) or from the root of dist/ (scripts/dist.sh,
// which names CACHE after the version and a hash of the files).
const CACHE = 'descent-v1';
const DATA_CACHE = 'descent-data';
// The page's folder: one level up from www/sw.js, or the worker's own.
const base = new URL(self.location.pathname.endsWith('/www/sw.js') ? '../' : './', self.location.href);
// The build of the engine this browser runs, chosen as the page chooses it.
importScripts(new URL('www/js/engine-file.js', base).href);
const CORE = [
  './', 'index.html', 'www/css/style.css',
  'www/js/main.js', 'www/js/state.js', 'www/js/dom.js', 'www/js/i18n.js', 'www/js/ko.js',
  'www/js/engine.js', 'www/js/grammar.js', 'www/js/controls.js', 'www/js/lab.js',
  'www/js/optim.js', 'www/js/optim-view.js', 'www/js/runs.js', 'www/js/init.js', 'www/js/mnist.js', 'www/js/mnist-runs.js', 'www/js/mnist-draw.js', 'www/js/landscape.js', 'www/js/experiment.js', 'www/js/custom-run.js',
  'www/js/inspect.js', 'www/js/run-table.js', 'www/js/run-record.js', 'www/js/worker-pool.js', 'www/js/digit-source.js', 'www/js/weights.js', 'www/js/augment-view.js', 'www/js/search.js', 'www/js/train-worker.js', 'www/js/init-worker.js', 'www/js/share.js', 'www/js/shortcuts.js', 'www/js/export.js',
  'www/js/engine-file.js', 'www/pkg/descent.js', `www/pkg/${self.descentEngineFile}`,
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // A file that cannot be fetched now is simply cached later, on first use.
    await Promise.all(CORE.map((path) => cache.add(new URL(path, base)).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE && key !== DATA_CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request, { cache: 'no-cache' });
      // The data the page keeps itself (DATA_CACHE); everything else here.
      if (response.ok && !url.pathname.endsWith('.bin')) await (await caches.open(CACHE)).put(request, response.clone());
      return response;
    } catch (error) {
      const kept = await caches.match(request, { ignoreSearch: true });
      if (kept) return kept;
      throw error;
    }
  })());
});
