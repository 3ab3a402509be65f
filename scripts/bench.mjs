// Descent's performance budgets, measured in headless Chromium on this machine.
// Prints a table: what was measured, the median, and its ratio to the budget
// (or to a peer measured in the same run). Not a test: it never fails on speed.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let training;
let training_lab_memory;

const { server, url } = await startServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // --expose-gc: the memory readings below are taken after a full collection.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--expose-gc'],
});
const rows = [];
// What is being measured, on standard error, so a long run shows where it is.
const progress = (what) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${what}`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Counts the calls into the engine (its exported functions, not the
  // bindings' own helpers), to see what one input event costs at the boundary.
  await page.addInitScript(() => {
    globalThis.__engineCalls = 0;
    const count = (result) => {
      const instance = result.instance ?? result;
      const exports = {};
      for (const [name, value] of Object.entries(instance.exports)) {
        exports[name] = typeof value === 'function' && !name.startsWith('__')
          ? (...args) => { globalThis.__engineCalls += 1; return value(...args); }
          : value;
      }
      const counted = Object.setPrototypeOf({ exports }, WebAssembly.Instance.prototype);
      return result.instance ? { module: result.module, instance: counted } : counted;
    };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => count(await streaming(...args));
    const plain = WebAssembly.instantiate;
    WebAssembly.instantiate = async (...args) => count(await plain(...args));
  });
  const eight = 'sgd|momentum|nesterov|adagrad|rmsprop|adam|adadelta|newton';
  await page.goto(`${url}#runs=${eight}&steps=1000`);
  await page.waitForFunction(() => !document.body.classList.contains('is-loading'));
  await page.waitForSelector('#optim-readouts tr:nth-child(8)');

  progress('optimizer lab: slider change');
  // 1. A slider change: 8 runs × 1000 steps recomputed, paths, side plot and readouts redrawn.
  const { times: change, calls } = await page.evaluate(() => {
    const slider = document.getElementById('optim-run5-lr');
    const times = [];
    globalThis.__engineCalls = 0;
    for (let i = 0; i < 40; i++) {
      slider.value = String(-3 + (i % 40) * 0.05);
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input'));
      times.push(performance.now() - t0);
    }
    return { times, calls: globalThis.__engineCalls / 40 };
  });
  rows.push(['optimizer lab: slider change, 8 runs × 1000 steps + redraw', median(change), p95(change), 16, 'ms']);
  console.log(`optimizer lab: ${calls.toFixed(1)} calls into the engine per slider event (7 before the catalogue: set_runs, matching_preset, config ×2, steps, draw, readouts).`);

  progress('optimizer lab: surface change');
  // 2. A surface change: the contour background is recomputed and redrawn.
  const surface = await page.evaluate(() => {
    const select = document.getElementById('optim-surface');
    const times = [];
    for (const v of ['saddle', 'rosenbrock', 'himmelblau', 'two-basins', 'bowl', 'saddle', 'bowl']) {
      select.value = v;
      const t0 = performance.now();
      select.dispatchEvent(new Event('change'));
      times.push(performance.now() - t0);
    }
    return times;
  });
  rows.push(['optimizer lab: surface change (contour recomputed)', median(surface), p95(surface), 100, 'ms']);

  progress('optimizer lab: animation');
  // 3. Animation: frames drawn per second while playing 8 × 1000 steps.
  const fps = await page.evaluate(() => new Promise((resolve) => {
    document.getElementById('optim-speed').value = '240';
    document.getElementById('optim-reset').click();
    document.getElementById('optim-play').click();
    let frames = 0;
    const t0 = performance.now();
    const count = () => {
      frames++;
      if (performance.now() - t0 < 2000) requestAnimationFrame(count);
      else {
        document.getElementById('optim-play').click();
        resolve(frames / ((performance.now() - t0) / 1000));
      }
    };
    requestAnimationFrame(count);
  }));
  rows.push(['optimizer lab: animation frame rate while playing', fps, fps, 60, 'fps']);

  progress('initialization lab');
  // 4. Initialization lab: any change recomputes and redraws (large
  //    configurations in a worker: the time until the histograms are drawn,
  //    and the longest task the page's own thread ran meanwhile).
  const initPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const [label, hash, budget] of [
    ['initialization lab: change, 5 layers × 100 × 1000 samples', '#lab=init', 50],
    ['initialization lab: change, 10 layers × 500 × 1000 samples (worker)', '#lab=init&layers=10&width=500', 500],
  ]) {
    await initPage.goto(`${url}${hash}`);
    await initPage.waitForFunction(() => !document.body.classList.contains('is-loading') && document.getElementById('init-canvas').dataset.drawn);
    const { times, longest } = await initPage.evaluate(async () => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
      observer.observe({ type: 'longtask' });
      const seed = document.getElementById('init-seed');
      const canvas = document.getElementById('init-canvas');
      const out = [];
      for (let i = 0; i < 9; i++) {
        const drawn = Number(canvas.dataset.drawn);
        seed.value = String(100 + i);
        const t0 = performance.now();
        seed.dispatchEvent(new Event('change'));
        while (Number(canvas.dataset.drawn) === drawn) await new Promise((r) => setTimeout(r, 2));
        out.push(performance.now() - t0);
      }
      await new Promise((r) => setTimeout(r, 50));
      observer.disconnect();
      return { times: out, longest: Math.max(0, ...longTasks) };
    });
    rows.push([label, median(times), p95(times), budget, 'ms']);
    rows.push([`${label}: longest main-thread task`, longest, longest, 200, 'ms']);
  }

  progress('training speed, both builds');
  // 5. Training speed: Descent's wasm in Chromium, one thread, same workload as the peers.
  //    Both builds of the engine (scripts/build.sh), each in a page of its own.
  const soak = Number(process.env.SOAK_SECONDS ?? 0);
  const trainIn = async (file, soakSeconds) => {
    const trainPage = await browser.newPage();
    await trainPage.goto(url);
    await trainPage.waitForFunction(() => !document.body.classList.contains('is-loading'));
    const result = await trainPage.evaluate(async ({ file, seconds, soak }) => {
      const mod = await import(`/www/pkg/descent.js?build=${file}`);
      const wasm = await mod.default({ module_or_path: `/www/pkg/${file}` });
      const bytes = new Uint8Array(await (await fetch('/www/data/digits.bin')).arrayBuffer());
      // Run 0 of the optimizer comparison: SGD, 784-100×4-10, batch 128; made long enough.
      const run = new mod.TrainingRun(bytes, 'optimizer-compare', 0, 1, 1_000_000);
      run.step(20);
      const timed = (limit) => {
        let steps = 0;
        const t0 = performance.now();
        while (performance.now() - t0 < limit * 1000) steps += run.step(10).length;
        return (steps * 128) / ((performance.now() - t0) / 1000);
      };
      const rate = timed(seconds);
      // Evaluation: every training digit scored in eval mode, repeatedly.
      run.score_training_digits();
      let scored = 0;
      const e0 = performance.now();
      while (performance.now() - e0 < seconds * 1000) scored += run.score_training_digits()[1];
      const evalRate = scored / ((performance.now() - e0) / 1000);
      const memory = { early: wasm.memory.buffer.byteLength };
      if (soak > 0) {
        // The same run goes on: once warm, a training step allocates nothing.
        const t0 = performance.now();
        while (performance.now() - t0 < soak * 1000) run.step(50);
        memory.late = wasm.memory.buffer.byteLength;
      }
      return { rate, evalRate, memory };
    }, { file, seconds: 5, soak: soakSeconds });
    await trainPage.close();
    return result;
  };
  const wasmTrain = await trainIn('descent_relaxed_bg.wasm', soak);
  const plainTrain = await trainIn('descent_bg.wasm', 0);
  progress('TF.js in Chromium');
  // 5b. The peer in the same Chromium: TensorFlow.js with its wasm backend
  //     (SIMD, one thread), its files from node_modules, the same workload
  //     (scripts/tfjs-workload.mjs, which node runs too).
  // (Without the page's offline worker: Playwright's routes do not see the
  // requests it makes.)
  const tfjsPage = await browser.newPage({ serviceWorkers: 'block' });
  await tfjsPage.route('**/__tfjs/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'tfjs-workload.mjs') return route.fulfill({ path: join(root, 'scripts', name), contentType: 'text/javascript' });
    const dir = name.startsWith('tf-core') ? 'tfjs-core' : name.startsWith('tf-layers') ? 'tfjs-layers' : 'tfjs-backend-wasm';
    return route.fulfill({ path: join(root, 'node_modules/@tensorflow', dir, 'dist', name) });
  });
  await tfjsPage.goto(`${url}#lab=init`);
  for (const f of ['tf-core.min.js', 'tf-layers.min.js', 'tf-backend-wasm.min.js']) await tfjsPage.addScriptTag({ url: `/__tfjs/${f}` });
  const tfjsChromium = await tfjsPage.evaluate(async ({ seconds }) => {
    const tf = globalThis.tf;
    tf.wasm.setWasmPaths('/__tfjs/');
    tf.wasm.setThreadsCount?.(1);
    await tf.setBackend('wasm');
    await tf.ready();
    const bytes = new Uint8Array(await (await fetch('/www/data/digits.bin')).arrayBuffer());
    const { tfjsWorkload, tfjsEvalWorkload } = await import('/__tfjs/tfjs-workload.mjs');
    const rate = await tfjsWorkload(tf, tf, bytes, seconds);
    return { rate, evalRate: await tfjsEvalWorkload(tf, tf, bytes, seconds), backend: tf.getBackend() };
  }, { seconds: 5 });
  await tfjsPage.close();
  // 6. The book's six experiments, each whole in the page with two workers
  //    (a link's workers=2; the page's own default is cores − 1, one on this
  //    two-core machine), and the main thread's frame rate meanwhile. Budgets: half the time the book's own numpy scripts
  //    take on this CPU (the optimizer comparison 59–75 s, the search of 100
  //    trials 163 s, …). The experiments keep the book's sizes.
  const inLab = async (id) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}#lab=mnist&experiment=${id}&workers=2&lang=en`);
    // Ready once the digits have arrived and are in use (a click on Start
    // before then does nothing).
    await page.waitForFunction(() => document.getElementById('mnist-summary').textContent !== '');
    await page.waitForFunction(() => !document.getElementById('mnist-start').disabled);
    await page.bringToFront();
    const timed = await page.evaluate(() => new Promise((resolve) => {
      let frames = 0;
      const t0 = performance.now();
      const count = () => {
        frames++;
        const seconds = (performance.now() - t0) / 1000;
        if (document.getElementById('mnist-status').textContent.startsWith('Done')) resolve({ seconds, fps: frames / seconds });
        else if (seconds > 900) resolve({ seconds: NaN, fps: NaN });
        else requestAnimationFrame(count);
      };
      document.getElementById('mnist-start').click();
      requestAnimationFrame(count);
    }));
    return { page, ...timed };
  };
  const experiments = [
    ['optimizer-compare', 'optimizer comparison, 4 runs × 2000 updates', 25],
    ['init-compare', 'initialization comparison, 3 runs × 2000 updates', 19],
    ['batch-norm', 'batch norm, 16 weight scales × 2 runs', 18],
    ['overfit-weight-decay', 'weight decay, 2 runs on 300 digits', 10],
    ['overfit-dropout', 'dropout, 2 runs on 300 digits', 16],
    ['hyperparameter-search', 'hyperparameter search, 100 trials', 60],
  ];
  let lab;
  let lowestFps = Infinity;
  let lowestIn = '';
  for (const [id, label, budget] of experiments) {
    progress(`MNIST lab: ${label}`);
    const { page, seconds, fps } = await inLab(id);
    rows.push([`MNIST lab: ${label}, in the page`, seconds, seconds, budget, 's']);
    if (fps < lowestFps) [lowestFps, lowestIn] = [fps, id];
    // The optimizer comparison's runs are the loss landscape's, below.
    if (id === 'optimizer-compare') lab = page;
    else await page.close();
  }
  rows.push([`MNIST lab: main-thread frame rate while two workers train (the lowest of the six: ${lowestIn})`, lowestFps, lowestFps, 58, 'fps']);
  progress('MNIST lab: loss landscape');
  // 6b. The loss landscape of those four runs: a 31 × 31 grid on 1,000
  //     digits in one worker (the grid alone, not the lines after it), and
  //     the main thread's frame rate meanwhile.
  await lab.bringToFront();
  const landscape = await lab.evaluate(() => new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const status = document.getElementById('mnist-landscape-status');
    const count = () => {
      frames++;
      if (/^961 of 961 /.test(status.textContent)) {
        const seconds = (performance.now() - t0) / 1000;
        resolve({ seconds, fps: frames / seconds });
      } else if (performance.now() - t0 > 120_000) resolve({ seconds: NaN, fps: NaN });
      else requestAnimationFrame(count);
    };
    document.getElementById('mnist-landscape-draw').click();
    requestAnimationFrame(count);
  }));
  rows.push(['MNIST lab: loss landscape of the comparison, 31 × 31 on 1,000 digits, one worker', landscape.seconds, landscape.seconds, 5, 's']);
  rows.push(['MNIST lab: main-thread frame rate while the landscape is computed', landscape.fps, landscape.fps, 58, 'fps']);

  progress('MNIST lab: memory of a long run');
  // 7. Memory of a long run in the lab: the worker's wasm memory (shown in
  //    the status line) and the page's JS heap, after 1 minute and after
  //    LAB_SOAK_SECONDS (600 for the budget's 10 minutes).
  const labSoak = Number(process.env.LAB_SOAK_SECONDS ?? 0);
  if (labSoak > 0) {
    const lab2 = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await lab2.goto(`${url}#lab=mnist&experiment=custom&lang=en`);
    await lab2.waitForFunction(() => document.getElementById('mnist-summary').textContent !== '');
    await lab2.getByRole('spinbutton', { name: 'Length' }).fill('1000000');
    await lab2.getByRole('spinbutton', { name: 'Length' }).blur();
    await lab2.getByRole('button', { name: 'Start' }).click();
    const sample = () => lab2.evaluate(() => {
      globalThis.gc?.();
      return {
        worker: Number((document.getElementById('mnist-status').textContent.match(/engine memory ([\d.]+) MiB/) ?? [])[1]),
        heap: performance.memory?.usedJSHeapSize / 2 ** 20,
      };
    });
    await lab2.waitForTimeout(60_000);
    const early = await sample();
    await lab2.waitForTimeout(Math.max(0, labSoak * 1000 - 60_000));
    const late = await sample();
    training_lab_memory = { early, late };
  }

  const nativeTrain = JSON.parse(execFileSync('target/release/descent', ['bench-train', '--seconds', '5'], { cwd: root }).toString());
  const tfjs = JSON.parse(execFileSync('node', ['scripts/bench-tfjs.mjs', '5'], { cwd: root }).toString());
  training = { wasmEval: wasmTrain.evalRate, plainEval: plainTrain.evalRate, nativeEval: nativeTrain.eval_examples_per_sec, tfjsChromiumEval: tfjsChromium.evalRate, wasm: wasmTrain.rate, plain: plainTrain.rate, native: nativeTrain.examples_per_sec, tfjs: tfjs.examples_per_sec, tfjsChromium: tfjsChromium.rate, tfjsBackend: tfjsChromium.backend, memory: wasmTrain.memory, soak };
} finally {
  await browser.close();
  server.close();
}

// The page's size: the engine (the wasm a browser loads, and the bindings)
// and the page's own modules, each gzipped at level 9 as a static host
// would send them.
{
  const modules = ['www/pkg/descent.js', ...readdirSync(join(root, 'www/js')).filter((f) => f.endsWith('.js')).map((f) => `www/js/${f}`)];
  const gz = (f) => gzipSync(readFileSync(join(root, f)), { level: 9 }).length / 1024;
  const js = modules.reduce((sum, f) => sum + gz(f), 0);
  for (const [build, file] of [['relaxed SIMD', 'descent_relaxed_bg.wasm'], ['SIMD128', 'descent_bg.wasm']]) {
    const wasm = gz(`www/pkg/${file}`);
    rows.push([`page size: wasm (${build}), gzipped`, wasm, wasm, 250, 'KB']);
    rows.push([`page size: wasm (${build}) + JS, gzipped`, wasm + js, wasm + js, 250, 'KB']);
  }
}

console.log('\nDescent benchmark (headless Chromium, this machine)\n');
console.log('| measure | median | p95 | budget | ratio to budget |');
console.log('|---|---|---|---|---|');
for (const [name, med, high, budget, unit] of rows) {
  const ratio = unit === 'fps' ? med / budget : budget / med;
  console.log(`| ${name} | ${med.toFixed(2)} ${unit} | ${high.toFixed(2)} ${unit} | ${unit === 'fps' ? '≥' : '<'} ${budget} ${unit} | ${ratio.toFixed(2)}× ${ratio >= 1 ? '(within)' : '(over)'} |`);
}

if (training) {
  const k = (v) => `${(v / 1000).toFixed(1)} k`;
  console.log('\nTraining speed (examples/s, one thread, 784-100×4-10, ReLU, He, SGD, batch 128, f32, bundled digits)\n');
  console.log('| build | examples/s | vs TF.js-wasm in Chromium | target |');
  console.log('|---|---|---|---|');
  const vs = (v) => `${(v / training.tfjsChromium).toFixed(2)}×`;
  const target = (v) => `≥ 55 k and ≥ 10× TF.js-wasm ${v >= 55000 && v >= 10 * training.tfjsChromium ? '(met)' : '(missed)'}`;
  console.log(`| Descent, wasm in Chromium, relaxed SIMD (what Chromium loads) | ${k(training.wasm)} | ${vs(training.wasm)} | ${target(training.wasm)} |`);
  console.log(`| Descent, wasm in Chromium, SIMD128 (browsers without relaxed SIMD) | ${k(training.plain)} | ${vs(training.plain)} | ${target(training.plain)} |`);
  console.log(`| Descent, native | ${k(training.native)} | ${vs(training.native)} | ≥ 40 k ${training.native >= 40000 ? '(met)' : '(missed)'} |`);
  console.log(`| TensorFlow.js 4.22, ${training.tfjsBackend} backend with SIMD, one thread, in the same Chromium | ${k(training.tfjsChromium)} | 1.00× | peer |`);
  console.log(`| TensorFlow.js 4.22, wasm backend with SIMD, node | ${k(training.tfjs)} | ${vs(training.tfjs)} | peer |`);
  console.log('\n(Descent\'s first layer multiplies only the lit pixels of each digit, about one in five, with the book\'s x/255 scaling; TF.js multiplies all 784. Same network, same numbers within f32 rounding.)');
  console.log('\nEvaluation speed (examples/s, one thread, the same network in eval mode on the 8,000 training digits, pieces of 500)\n');
  console.log('| build | examples/s | vs TF.js-wasm in Chromium | target |');
  console.log('|---|---|---|---|');
  const vsEval = (v) => `${(v / training.tfjsChromiumEval).toFixed(2)}×`;
  const evalTarget = (v) => `≥ 150 k ${v >= 150000 ? '(met)' : '(missed)'}`;
  console.log(`| Descent, wasm in Chromium, relaxed SIMD | ${k(training.wasmEval)} | ${vsEval(training.wasmEval)} | ${evalTarget(training.wasmEval)} |`);
  console.log(`| Descent, wasm in Chromium, SIMD128 | ${k(training.plainEval)} | ${vsEval(training.plainEval)} | ${evalTarget(training.plainEval)} |`);
  console.log(`| Descent, native | ${k(training.nativeEval)} | ${vsEval(training.nativeEval)} | |`);
  console.log(`| TensorFlow.js 4.22, ${training.tfjsBackend} backend with SIMD, one thread, in the same Chromium (predict) | ${k(training.tfjsChromiumEval)} | 1.00× | peer |`);
  const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  if (training.soak > 0) {
    console.log(`\nwasm memory: ${mb(training.memory.early)} after the 5 s run, ${mb(training.memory.late)} after ${training.soak} s more of training (${(100 * (training.memory.late / training.memory.early - 1)).toFixed(1)} % growth).`);
  } else {
    console.log(`\nwasm memory: ${mb(training.memory.early)} after 5 s of training (SOAK_SECONDS=600 scripts/bench.sh compares it with 10 more minutes).`);
  }
}

if (training_lab_memory) {
  const { early, late } = training_lab_memory;
  const pct = (a, b) => `${(100 * (b / a - 1)).toFixed(1)} %`;
  console.log(`MNIST lab, one long run in a worker: worker wasm memory ${early.worker.toFixed(1)} MiB after 1 min, ${late.worker.toFixed(1)} MiB at the end (${pct(early.worker, late.worker)}); page JS heap ${early.heap.toFixed(1)} → ${late.heap.toFixed(1)} MiB (${pct(early.heap, late.heap)}). Budget: within 10 %.`);
}
