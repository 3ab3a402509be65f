// The peer of the training benchmark: TensorFlow.js 4.22 with its wasm
// backend (SIMD, one thread), in node, on the same workload as Descent:
// 784-100×4-10, ReLU, He, SGD η 0.01, batch 128, f32, the bundled digits.
// Prints {"examples_per_sec": N, "backend": ...} as one JSON line.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
setWasmPaths(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
setThreadsCount?.(1);
await tf.setBackend('wasm');
await tf.ready();

const seconds = Number(process.argv[2] ?? 5);
const bytes = readFileSync(join(root, 'www/data/digits.bin'));
const count = bytes.readUInt32LE(8);
const labels = bytes.subarray(24, 24 + count);
const pixels = bytes.subarray(24 + count);
const BATCH = 128;

const model = tfl.sequential();
model.add(tfl.layers.dense({ inputShape: [784], units: 100, activation: 'relu', kernelInitializer: 'heNormal' }));
for (let i = 0; i < 3; i++) model.add(tfl.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tfl.layers.dense({ units: 10 }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: (y, z) => tf.losses.softmaxCrossEntropy(y, z) });

function batch(start) {
  const x = new Float32Array(BATCH * 784);
  const y = new Float32Array(BATCH * 10);
  for (let r = 0; r < BATCH; r++) {
    const i = (start + r * 7919) % count;
    for (let j = 0; j < 784; j++) x[r * 784 + j] = pixels[i * 784 + j] / 255;
    y[r * 10 + labels[i]] = 1;
  }
  return [tf.tensor2d(x, [BATCH, 784]), tf.tensor2d(y, [BATCH, 10])];
}

// Warm up, then time whole training steps (batch assembly included, as in Descent).
for (let i = 0; i < 5; i++) {
  const [x, y] = batch(i);
  await model.trainOnBatch(x, y);
  tf.dispose([x, y]);
}
let steps = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  const [x, y] = batch(steps * BATCH);
  await model.trainOnBatch(x, y);
  tf.dispose([x, y]);
  steps++;
}
const elapsed = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ examples_per_sec: (steps * BATCH) / elapsed, backend: tf.getBackend(), simd: true }));
