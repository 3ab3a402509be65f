// The peer of the training benchmark in node: TensorFlow.js 4.22 with its
// wasm backend (SIMD, one thread) on scripts/tfjs-workload.mjs's workload.
// Prints {"examples_per_sec": N, "backend": ...} as one JSON line.
// (scripts/bench.mjs also runs the same workload in Chromium.)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { tfjsWorkload } from './tfjs-workload.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
setWasmPaths(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
setThreadsCount?.(1);
await tf.setBackend('wasm');
await tf.ready();

const seconds = Number(process.argv[2] ?? 5);
const bytes = new Uint8Array(readFileSync(join(root, 'www/data/digits.bin')));
const rate = await tfjsWorkload(tf, tfl, bytes, seconds);
console.log(JSON.stringify({ examples_per_sec: rate, backend: tf.getBackend(), simd: true }));
