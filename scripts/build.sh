#!/usr/bin/env bash
# Builds the engine for the page: release wasm and its JavaScript bindings.
#   scripts/build.sh               the page as it is served, in www/pkg/
#   scripts/build.sh --test-hooks  the browser tests' copy, with a function
#                                  that panics on purpose, in target/pkg-test/
# Two builds of the same engine, chosen by the page at load time
# (www/js/engine-file.js): descent_bg.wasm with SIMD128 (.cargo/config.toml),
# for every current browser, and descent_relaxed_bg.wasm with relaxed SIMD as
# well, whose fused multiply-add makes the network's products faster where
# the browser has it. Both share one set of bindings (checked below).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--test-hooks" ]; then
  features=(--features test-hooks)
  out=target/pkg-test
else
  features=()
  out=www/pkg
fi
# The name section (function names for stack traces, ≈ 32 KB gzipped) is left
# out. Debian's wasm-opt (binaryen 108) was measured before wasm-bindgen: it
# saves under 1 % more once the names are gone, so it is not run.
bindgen() {
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$2" "$1"
}
cargo build --lib --release --target wasm32-unknown-unknown "${features[@]}"
bindgen target/wasm32-unknown-unknown/release/descent.wasm "$out"
# RUSTFLAGS replaces .cargo/config.toml's flags; its own target folder keeps
# the two builds from rebuilding each other.
CARGO_TARGET_DIR=target/relaxed RUSTFLAGS="-C target-feature=+simd128,+relaxed-simd" \
  cargo build --lib --release --target wasm32-unknown-unknown "${features[@]}"
relaxed=$(mktemp -d)
trap 'rm -rf "$relaxed"' EXIT
bindgen target/relaxed/wasm32-unknown-unknown/release/descent.wasm "$relaxed"
cmp -s "$relaxed/descent.js" "$out/descent.js" || {
  echo "build: the two builds' bindings differ; the page cannot share them" >&2
  exit 1
}
mv "$relaxed/descent_bg.wasm" "$out/descent_relaxed_bg.wasm"
