#!/usr/bin/env bash
# Builds the demo pages into www-demo/dist (served by the verifier at /demo/):
# the npm package first (scripts/build-wasm.sh, unless PEIXUN_SKIP_WASM_BUILD=1
# and pkg/ exists), then www-demo's npm packages (npm ci from the committed
# lockfile, only when it changed) and `vite build`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "${PEIXUN_SKIP_WASM_BUILD:-}" != 1 ] || [ ! -f pkg/package.json ]; then
  scripts/build-wasm.sh
fi
stamp=www-demo/node_modules/.peixun-lock-sha256
want="$(sha256sum www-demo/package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  (cd www-demo && npm ci --no-audit --no-fund)
  echo "$want" > "$stamp"
fi
# The pages import the package by name, as an app would: node_modules/peixun -> pkg/.
ln -sfn ../../pkg www-demo/node_modules/peixun
(cd www-demo && node_modules/.bin/vite build)
echo "www-demo/dist built"
