#!/usr/bin/env bash
# Builds the engine for the page: release wasm (SIMD128, see .cargo/config.toml)
# and its JavaScript bindings in www/pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir www/pkg \
  target/wasm32-unknown-unknown/release/descent.wasm
