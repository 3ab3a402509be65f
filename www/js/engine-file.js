// Which build of the engine this browser runs (see scripts/build.sh): the
// one with relaxed SIMD, whose fused multiply-add makes the network's matrix
// products faster, where the browser validates a relaxed-SIMD instruction;
// the SIMD128 build everywhere else. Both compute the same numbers within
// f32 rounding.
//
// A classic script and a module at once (it only sets a global): the page
// and its workers import it, the offline worker loads it with importScripts
// and keeps the same file.
globalThis.descentEngineFile = (() => {
  // A function () → v128 whose body is i8x16.splat(1), i8x16.splat(2),
  // i8x16.relaxed_swizzle (0xfd 0x80 0x02).
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
    10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2, 253, 15, 253, 128, 2, 11,
  ]);
  try {
    return WebAssembly.validate(probe) ? 'descent_relaxed_bg.wasm' : 'descent_bg.wasm';
  } catch {
    return 'descent_bg.wasm';
  }
})();
