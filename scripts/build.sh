#!/usr/bin/env bash
# Builds the engine for the page: release wasm (SIMD128, see .cargo/config.toml)
# and its JavaScript bindings in www/pkg/.
#   scripts/build.sh               the page as it is served
#   scripts/build.sh --test-hooks  the browser tests' copy, with a function
#                                  that panics on purpose, in target/pkg-test/
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--test-hooks" ]; then
  features=(--features test-hooks)
  out=target/pkg-test
else
  features=()
  out=www/pkg
fi
cargo build --lib --release --target wasm32-unknown-unknown "${features[@]}"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  target/wasm32-unknown-unknown/release/descent.wasm
