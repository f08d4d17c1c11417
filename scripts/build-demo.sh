#!/usr/bin/env bash
# Builds the demo pages into www-demo/dist (served by the verifier at /demo/):
# the npm package first (scripts/build-wasm.sh, unless PEIXUN_SKIP_WASM_BUILD=1
# and pkg/ exists), then the trainee page's punch queue (www-demo/queue, a
# crate of its own: cargo build for wasm32 -> wasm-bindgen --target web ->
# www-demo/src/trainee/queue-wasm/), then www-demo's npm packages (npm ci from
# the committed lockfile, only when it changed), `vite build`, and the
# deployment example policy files (examples/policies/*-deployment-example.json)
# into www-demo/dist/policies/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
if [ "${PEIXUN_SKIP_WASM_BUILD:-}" != 1 ] || [ ! -f pkg/package.json ]; then
  scripts/build-wasm.sh
fi

# The punch queue, built in the root package's target directory (one cache).
TARGET_DIR="$("$ROOT/scripts/target-dir")"
QUEUE_BINDGEN="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' www-demo/queue/Cargo.toml)"
[ -n "$QUEUE_BINDGEN" ] || { echo "build-demo: no pinned wasm-bindgen in www-demo/queue/Cargo.toml" >&2; exit 1; }
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $QUEUE_BINDGEN" ]; then
  # No --locked: with it the install fails on a yanked dependency.
  cargo install wasm-bindgen-cli --version "$QUEUE_BINDGEN"
fi
cargo build --manifest-path www-demo/queue/Cargo.toml --target wasm32-unknown-unknown --release \
  --target-dir "$TARGET_DIR"
rm -rf www-demo/src/trainee/queue-wasm
wasm-bindgen --target web --out-dir www-demo/src/trainee/queue-wasm \
  "$TARGET_DIR/wasm32-unknown-unknown/release/peixun_punch_queue.wasm"
# Made smaller with tools/wasm's wasm-opt when scripts/build-wasm.sh installed it.
QUEUE_WASM=www-demo/src/trainee/queue-wasm/peixun_punch_queue_bg.wasm
if [ -x tools/wasm/node_modules/.bin/wasm-opt ]; then
  tools/wasm/node_modules/.bin/wasm-opt -Oz --one-caller-inline-max-function-size=20 "$QUEUE_WASM" -o "$QUEUE_WASM.opt" && mv "$QUEUE_WASM.opt" "$QUEUE_WASM"
fi
echo "punch queue: $QUEUE_WASM, $(wc -c < "$QUEUE_WASM") bytes"
stamp=www-demo/node_modules/.peixun-lock-sha256
want="$(sha256sum www-demo/package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  (cd www-demo && npm ci --no-audit --no-fund)
  echo "$want" > "$stamp"
fi
# The pages import the package by name, as an app would: node_modules/peixun -> pkg/.
ln -sfn ../../pkg www-demo/node_modules/peixun
(cd www-demo && node_modules/.bin/vite build)
# Each WebAssembly module precompressed beside itself: the verifier sends the
# .br to a browser that accepts it (docs/server.md, "The demo's files").
node --input-type=module -e '
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
const walk = (d) => readdirSync(d, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
for (const f of walk(process.argv[1]).filter((f) => f.endsWith(".wasm"))) {
  const br = brotliCompressSync(readFileSync(f), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(`${f}.br`, br);
  console.log(`${f}.br: ${br.length} bytes`);
}' www-demo/dist
# The deployments' example policy files, as JSON (the WebAssembly engine reads
# JSON only), for the portal's "load the deployment example": copied from
# examples/policies/ on every build, never kept in www-demo/ as a second copy.
mkdir -p www-demo/dist/policies
cp examples/policies/*-deployment-example.json www-demo/dist/policies/
echo "www-demo/dist built"
