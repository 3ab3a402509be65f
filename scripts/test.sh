#!/usr/bin/env bash
# Sets up everything that is missing, then runs every test of Descent:
# format, lints (native and wasm32), native tests, wasm tests in headless
# Chromium, the release build, and the end-to-end browser tests.
# Any failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
start=$(date +%s)

step "setup"
scripts/setup.sh --browser

step "rustfmt"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests"
cargo test

step "wasm tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web

step "release build of the page (and the tests' copy with a panic on purpose)"
scripts/build.sh --test-hooks
scripts/build.sh

step "end-to-end browser tests"
node --test --test-concurrency=1 tests/e2e/

step "all passed in $(( $(date +%s) - start )) s"
