#!/usr/bin/env bash
# Sets up everything that is missing, builds, and serves Descent at
# http://127.0.0.1:8000/ (PORT=9000 scripts/serve.sh for another port).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/static-server.mjs "${PORT:-8000}"
