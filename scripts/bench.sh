#!/usr/bin/env bash
# Sets up and builds what is missing, then prints Descent's performance table
# (see scripts/bench.mjs). Speed is reported here, never asserted in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
scripts/build.sh
cargo build --release --bin descent
node scripts/bench.mjs
