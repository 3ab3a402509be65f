// The peer's workload, the same in node (scripts/bench-tfjs.mjs) and in
// Chromium (scripts/bench.mjs serves this file to the page):
// 784-100×4-10, ReLU, He, SGD η 0.01, batch 128, f32, on the bundled digits;
// whole training steps timed, batch assembly included, as in Descent.
// `tf` is TensorFlow.js core with its layers API (`tfl`) and its wasm
// backend already chosen; `bytes` the digit bundle. Returns examples/s.
export async function tfjsWorkload(tf, tfl, bytes, seconds) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const labels = bytes.subarray(24, 24 + count);
  const pixels = bytes.subarray(24 + count);
  const BATCH = 128;
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [784], units: 100, activation: 'relu', kernelInitializer: 'heNormal' }));
  for (let i = 0; i < 3; i++) model.add(tfl.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'heNormal' }));
  model.add(tfl.layers.dense({ units: 10 }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: (y, z) => tf.losses.softmaxCrossEntropy(y, z) });
  const batch = (start) => {
    const x = new Float32Array(BATCH * 784);
    const y = new Float32Array(BATCH * 10);
    for (let r = 0; r < BATCH; r++) {
      const i = (start + r * 7919) % count;
      for (let j = 0; j < 784; j++) x[r * 784 + j] = pixels[i * 784 + j] / 255;
      y[r * 10 + labels[i]] = 1;
    }
    return [tf.tensor2d(x, [BATCH, 784]), tf.tensor2d(y, [BATCH, 10])];
  };
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
  return (steps * BATCH) / ((performance.now() - t0) / 1000);
}

// The peer of evaluation: the same network (its weights as initialized; the
// speed does not depend on them) predicting the classes of the first 8,000
// digits, pieces of 500 (as Descent scores them), batch assembly, the
// largest logit and its comparison with the label included. Returns
// examples/s.
export async function tfjsEvalWorkload(tf, tfl, bytes, seconds) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.min(8000, view.getUint32(8, true));
  const labels = bytes.subarray(24, 24 + view.getUint32(8, true));
  const pixels = bytes.subarray(24 + view.getUint32(8, true));
  const PIECE = 500;
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [784], units: 100, activation: 'relu', kernelInitializer: 'heNormal' }));
  for (let i = 0; i < 3; i++) model.add(tfl.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'heNormal' }));
  model.add(tfl.layers.dense({ units: 10 }));
  const x = new Float32Array(PIECE * 784);
  const piece = (start) => {
    for (let r = 0; r < PIECE; r++) {
      const i = (start + r) % count;
      for (let j = 0; j < 784; j++) x[r * 784 + j] = pixels[i * 784 + j] / 255;
    }
    const input = tf.tensor2d(x, [PIECE, 784]);
    const predicted = tf.tidy(() => tf.argMax(model.predict(input), 1));
    const classes = predicted.dataSync();
    tf.dispose([input, predicted]);
    let right = 0;
    for (let r = 0; r < PIECE; r++) right += classes[r] === labels[(start + r) % count] ? 1 : 0;
    return right;
  };
  for (let i = 0; i < 3; i++) piece(i * PIECE);
  let pieces = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    piece(pieces * PIECE);
    pieces++;
  }
  return (pieces * PIECE) / ((performance.now() - t0) / 1000);
}
