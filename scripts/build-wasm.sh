#!/usr/bin/env bash
# Builds the npm package in pkg/ from one cargo build:
#   cargo build (crates/peixun-wasm, wasm32, release; the full module and the
#   trainee's, --no-default-features) -> wasm-bindgen --target bundler
#   -> the Global exports removed (scripts/wasm/exports.mjs) -> wasm-opt
#   (binaryen from npm) -> pkg-template/ + CommonJS and mini-program glue
#   + .wasm.br -> pkg/, with pkg/size-report.json and the size section of
#   BENCHMARKS.md.
#
# Idempotent; installs what a fresh machine lacks: the wasm32 target, the
# wasm-bindgen CLI of the version crates/peixun-wasm/Cargo.toml pins, and tools/wasm's npm
# packages (npm ci from the committed lockfile).
#
# Environment: WASM_OPT_FLAGS (default -O2 -aimfs=8 --one-caller-inline-max-function-size=20
# --reorder-functions-by-name), PEIXUN_ENFORCE_SIZE_BUDGET=1 to
# fail when the module is over the size budget (by default it is reported, not asserted).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' crates/peixun-wasm/Cargo.toml)"
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "build-wasm: no pinned wasm-bindgen in crates/peixun-wasm/Cargo.toml" >&2; exit 1; }
WASM_OPT_FLAGS="${WASM_OPT_FLAGS:--O2 -aimfs=8 --one-caller-inline-max-function-size=20 --reorder-functions-by-name}"
TARGET_DIR="$("$ROOT/scripts/target-dir")"
OUT="$TARGET_DIR/wasm-pkg"

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # No --locked: with it the install fails on a yanked dependency.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
wasm-bindgen --version

# npm ci only when the lockfile changed since the last install.
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.peixun-lock-sha256"
  local want; want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
    echo "$want" > "$stamp"
  fi
}

npm_ci tools/wasm
WASM_OPT="$ROOT/tools/wasm/node_modules/.bin/wasm-opt"

step "cargo build -p peixun-wasm (wasm32-unknown-unknown, release): the full module"
cargo build --release -p peixun-wasm --lib --target wasm32-unknown-unknown
mkdir -p "$TARGET_DIR/wasm-full"
cp "$TARGET_DIR/wasm32-unknown-unknown/release/peixun_wasm.wasm" "$TARGET_DIR/wasm-full/peixun_wasm.wasm"

step "cargo build -p peixun-wasm --no-default-features: the trainee's module (no claims, deadlines, plans)"
cargo build --release -p peixun-wasm --lib --no-default-features --target wasm32-unknown-unknown
mkdir -p "$TARGET_DIR/wasm-trainee"
cp "$TARGET_DIR/wasm32-unknown-unknown/release/peixun_wasm.wasm" "$TARGET_DIR/wasm-trainee/peixun_wasm.wasm"

step "wasm-bindgen --target bundler"
rm -rf "$OUT"
mkdir -p "$OUT/bindgen"
wasm-bindgen --target bundler --out-dir "$OUT/bindgen" --out-name peixun \
  "$TARGET_DIR/wasm-full/peixun_wasm.wasm"
mkdir -p "$OUT/trainee-bindgen"
wasm-bindgen --target bundler --out-dir "$OUT/trainee-bindgen" --out-name peixun \
  "$TARGET_DIR/wasm-trainee/peixun_wasm.wasm"

step "no Global exports (iOS WeChat refuses them)"
# wasm-bindgen exports two Globals its glue does not read in a panic = "abort"
# build; the export entries go, the refusal is kept if the glue ever reads one.
node scripts/wasm/exports.mjs strip-globals "$OUT/bindgen/peixun_bg.wasm" "$OUT/peixun_bg.noglobals.wasm" \
  "$OUT/bindgen/peixun_bg.js"
node scripts/wasm/exports.mjs strip-globals "$OUT/trainee-bindgen/peixun_bg.wasm" "$OUT/trainee.noglobals.wasm" \
  "$OUT/trainee-bindgen/peixun_bg.js"

step "wasm-opt $WASM_OPT_FLAGS"
# shellcheck disable=SC2086
"$WASM_OPT" $WASM_OPT_FLAGS "$OUT/peixun_bg.noglobals.wasm" -o "$OUT/peixun_bg.opt.wasm"
# shellcheck disable=SC2086
"$WASM_OPT" $WASM_OPT_FLAGS "$OUT/trainee.noglobals.wasm" -o "$OUT/trainee.opt.wasm"

step "assemble pkg/"
node scripts/wasm/assemble.mjs "$OUT/bindgen" "$OUT/peixun_bg.opt.wasm" "$ROOT/pkg" "$WASM_OPT_FLAGS" \
  "$OUT/trainee-bindgen" "$OUT/trainee.opt.wasm"
