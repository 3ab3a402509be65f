// A training worker: runs its share of an experiment's runs off the main
// thread, a few at a time, in slices of about 30 ms, and reports progress.
import * as engine from '../pkg/descent.js';
import { engineUrl } from './engine.js';

const { default: init, DigitSet, LandscapeJob, TrainingRun, set_language } = engine;

const CONCURRENT = 4;
let set;
let wasm;
let queue = [];
let active = [];
let finished = [];
let paused = false;
let cancelled = false;
let experiment;
let settings;
let seed;
let custom;
let customStart;
let trials;
/** Whether experiment runs record their weights for the loss landscape. */
let record;
/** Start networks (model files) of the runs that start from another run's, by index. */
let models = {};
/** The run being stepped, named when the engine hits an internal error. */
let current = null;

// The engine's panic hook calls this: the page replaces this worker.
globalThis.descentPanic = (message) => {
  cancelled = true;
  postMessage({ type: 'panic', index: current, message });
};

function report(entry, losses, extra = {}, more = []) {
  const { run, index } = entry;
  const evals = JSON.parse(run.evals(entry.evalsSent));
  entry.evalsSent += evals.length;
  const stopped = run.stopped() ?? null;
  const diverged = run.diverged();
  const diagnostics = evals.length || stopped ? JSON.parse(run.diagnostics(Float64Array.from(entry.losses))) : null;
  const memory = wasm?.memory.buffer.byteLength;
  // The weights' histograms, at most twice a second per run (and at the end).
  const now = performance.now();
  let weights;
  if (stopped || now - (entry.weightsSent ?? -Infinity) > 500) {
    entry.weightsSent = now;
    weights = run.weights();
  }
  // An ensemble member's test probabilities at each evaluation, for the ensemble.
  const updates = run.probability_updates();
  const probabilities = updates.length ? { updates: Array.from(updates), data: run.take_probabilities() } : undefined;
  const transfer = [...(probabilities ? [probabilities.data.buffer] : []), ...more];
  const timing = { seconds: entry.seconds, epochs: run.epochs() };
  postMessage({ type: 'progress', index, losses, evals, iteration: run.iteration(), total: run.total(), stopped, diverged, diagnostics, memory, weights, probabilities, timing, ...extra }, transfer);
}

function startNext() {
  while (active.length < CONCURRENT && queue.length) {
    const index = queue.shift();
    try {
      const run = custom
        ? TrainingRun.custom(set, custom, customStart)
        : trials
          ? TrainingRun.trial(set, trials.space, Float64Array.from(trials.values[index]), seed + index, trials.epochs)
          : TrainingRun.planned(set, experiment, settings, index, models[index]);
      if (record && !custom && !trials) run.record_path();
      active.push({ run, index, losses: [], evalsSent: 0, slice: 8, seconds: 0 });
      postMessage({ type: 'started', index, total: run.total(), modes: run.train_mode_label() ?? null, weights: run.weights() });
    } catch (e) {
      postMessage({ type: 'error', index, message: e.message });
    }
  }
}

function loop() {
  if (cancelled) return;
  if (paused) {
    setTimeout(loop, 50);
    return;
  }
  startNext();
  if (!active.length) {
    postMessage({ type: 'done' });
    return;
  }
  for (const entry of [...active]) {
    // A pause takes effect after the slice in progress, not after every run's.
    if (paused || cancelled) break;
    const t0 = performance.now();
    current = entry.index;
    const losses = entry.run.step(entry.slice);
    const dt = performance.now() - t0;
    // The run's own time (its updates and evaluations), for its time per epoch.
    entry.seconds += dt / 1000;
    // Aim at about 30 ms of work per slice across the active runs.
    const target = 30 / active.length;
    entry.slice = Math.max(1, Math.min(500, Math.round(entry.slice * (dt > 0 ? target / dt : 2))));
    for (const l of losses) entry.losses.push(l);
    const stopped = entry.run.stopped();
    // A finished run sends its network along, for inspection and download.
    const model = stopped && !entry.run.diverged() ? entry.run.model() : undefined;
    // What the run did, for the guided session's check.
    const outcome = stopped ? Array.from(entry.run.outcome(Float64Array.from(entry.losses))) : undefined;
    // And its recorded weights, for the loss landscape.
    const [updates, weights] = stopped && record && !custom && !trials ? entry.run.take_path() : [];
    const path = updates?.length ? { updates, weights } : undefined;
    report(entry, Float64Array.from(losses), { ...(model ? { model } : {}), ...(outcome ? { outcome } : {}), ...(path ? { path } : {}) }, path ? [path.weights.buffer] : []);
    if (stopped) {
      // Kept (a few) so that early stopping's best network can be restored.
      finished.push(entry);
      if (finished.length > 8) finished.shift().run.free();
      active = active.filter((e) => e !== entry);
    }
  }
  setTimeout(loop, 0);
}

onmessage = async (e) => {
  const msg = e.data;
  try {
    if (msg.type === 'start') {
      wasm = await init({ module_or_path: engineUrl });
      set_language(msg.lang ?? 'en');
      set = msg.source.idx ? DigitSet.from_idx(...msg.source.idx) : new DigitSet(msg.source.bundle);
      ({ experiment, settings, seed, custom, customStart, trials, record } = msg);
      models = msg.models ?? {};
      queue = [...msg.indices];
      loop();
    } else if (msg.type === 'landscape') {
      // A worker of its own: the plane through the runs' weights, level by level.
      wasm = await init({ module_or_path: engineUrl });
      set_language(msg.lang ?? 'en');
      const digits = msg.source.idx ? DigitSet.from_idx(...msg.source.idx) : new DigitSet(msg.source.bundle);
      const job = new LandscapeJob(digits, msg.experiment, msg.settings, msg.names, msg.counts, msg.updates, msg.weights, msg.model, msg.directions, msg.around, msg.samples, msg.grid);
      postMessage({ type: 'landscape', report: job.report() });
      const next = () => {
        const more = job.step();
        postMessage({ type: 'landscape', report: job.report() });
        if (more) setTimeout(next, 0);
        else {
          postMessage({ type: 'landscape-lines', lines: job.lines() });
          // Then the sharpness at each run's end, one Hessian–vector product at a time.
          const sharpen = () => {
            const going = job.sharpen();
            postMessage({ type: 'landscape-sharpness', report: job.sharpness() });
            if (going) setTimeout(sharpen, 0);
          };
          setTimeout(sharpen, 0);
        }
      };
      setTimeout(next, 0);
    } else if (msg.type === 'pause') {
      paused = true;
    } else if (msg.type === 'resume') {
      paused = false;
    } else if (msg.type === 'set') {
      for (const entry of active) entry.run.set_live(msg.key, msg.value);
    } else if (msg.type === 'step') {
      // One small step of every active run while paused.
      for (const entry of active) {
        const losses = entry.run.step(msg.updates ?? 10);
        for (const l of losses) entry.losses.push(l);
        report(entry, Float64Array.from(losses));
      }
    } else if (msg.type === 'restore') {
      for (const entry of [...active, ...finished]) {
        if (entry.run.restore_best()) postMessage({ type: 'model', index: entry.index, model: entry.run.model(), best: true });
      }
    } else if (msg.type === 'snapshot') {
      const entry = active.find((e) => e.index === msg.index);
      if (entry) postMessage({ type: 'model', index: msg.index, model: entry.run.model() });
    } else if (msg.type === 'test-panic') {
      // Test builds only: an internal error in the middle of a run.
      current = active[0]?.index ?? null;
      engine.test_panic?.('training worker');
    } else if (msg.type === 'cancel') {
      cancelled = true;
      close();
    }
  } catch (err) {
    // After an internal error the engine has said so already (a 'panic').
    if (!cancelled) postMessage({ type: 'error', message: err.message ?? String(err) });
  }
};
