#!/usr/bin/env bash
# Writes dist/: the page as one self-contained folder for any static host
# (GitHub Pages, a university's web space, a USB stick behind a plain web
# server). It holds index.html, www/ (scripts, styles, the engine, the slide
# example and the digit data) and the service worker at the folder's root,
# where it controls the page without the Service-Worker-Allowed header that
# such hosts cannot send. The worker's cache is named after the version and a
# hash of every file, so a new dist/ replaces the copy kept for offline use.
#   scripts/dist.sh             sets up, builds the engine, writes dist/
#   scripts/dist.sh --no-build  writes dist/ from the engine in www/pkg as is
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--no-build" ]; then
  scripts/setup.sh
  scripts/build.sh
fi
for needed in www/pkg/descent.js www/pkg/descent_bg.wasm www/pkg/descent_relaxed_bg.wasm www/data/digits.bin; do
  [ -f "$needed" ] || { echo "dist: $needed is missing; run scripts/dist.sh without --no-build" >&2; exit 1; }
done
# The worker precaches every module: one left out of its list would be
# missing offline until first used online.
for module in www/js/*.js; do
  grep -q "'$module'" www/sw.js || { echo "dist: www/sw.js does not list $module" >&2; exit 1; }
done

rm -rf dist
mkdir -p dist/www
cp index.html dist/
cp -r www/css www/js www/pkg www/data www/examples dist/www/
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
hash=$(cd dist && find . -type f -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-12)
sed "s/^const CACHE = 'descent-v1';/const CACHE = 'descent-$version-$hash';/" www/sw.js > dist/sw.js
grep -q "descent-$version-$hash" dist/sw.js || { echo "dist: could not name the worker's cache" >&2; exit 1; }
sed -i 's|<meta name="descent-service-worker" content="www/sw.js">|<meta name="descent-service-worker" content="sw.js">|' dist/index.html
grep -q 'name="descent-service-worker" content="sw.js"' dist/index.html || { echo "dist: index.html names no service worker" >&2; exit 1; }
touch dist/.nojekyll  # GitHub Pages: serve the files as they are
echo "dist/: Descent $version ($hash), $(du -sh dist | cut -f1); publish the folder as it is."
