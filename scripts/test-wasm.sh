#!/usr/bin/env bash
# Every test of the WebAssembly module and the npm package, in one command:
#
#   1. build pkg/ (scripts/build-wasm.sh: cargo, wasm-bindgen, wasm-opt, size report)
#   2. the native golden corpus (cargo test --test golden): the bytes the others must match
#   3. tsc --noEmit over examples against the package's types, with the DOM library
#      and without it (lib ES2020, skipLibCheck false, as a mini-program compiles)
#   3b. tsc --strict over every golden request and answer, each an object literal
#      that must satisfy its operation's request or response type (no undeclared
#      property, none missing); the JSON Schema generated from the same types
#      (committed) up to date, and every request and answer valid against it (ajv)
#   4. Node (node --test): the golden corpus through the package, byte for byte; the
#      typed API; garbage into every exported function; CommonJS/ESM/browser loaders;
#      the module's export section (no Global); the mini-program loader and its worker
#      entry under stand-ins that enforce WeChat's and Alipay's rules
#      (tests/wasm/standins), the golden corpus through the worker too
#   4b. the sample WeChat mini-program (examples/miniprogram): npm ci, 构建 npm with
#      miniprogram-ci (packNpmManually), tsc with miniprogram-api-typings, its pages and
#      components under miniprogram-simulate; its code-package size into the size
#      report (scripts/wasm/miniprogram-size.mjs)
#   5. headless Chromium (wasm-bindgen-test): the golden corpus inside the browser
#   6. a Vite-built page running one eligibility check in Chromium (playwright-core),
#      screenshot in test-output/wasm-page.png
#   6b. packaging (tests/wasm/bundlers): the `npm pack` tarball installed as a real
#      dependency; Node ESM and CJS, a plain <script type="module"> page, Vite build,
#      Vite dev (its error without optimizeDeps.exclude, the answer with it), webpack 5,
#      Rollup 4 and esbuild (peixun/embedded; the default entry's error names it),
#      each running one golden case byte for byte
#   7. the www-demo pages (scripts/build-demo.sh), end to end in Chromium against the
#      real verifier (www-demo/tests), screenshots in test-output/www-demo/
#
# Exits non-zero when any step fails, and always ends with the line
# `N passed, M failed` (a failure before the tested steps, in the prerequisites
# or the build, counts as one failed step).
#
# Idempotent; installs what a fresh machine lacks (Debian's chromium, chromium-driver
# and a CJK font with apt; the wasm32 target and the pinned wasm-bindgen CLI; npm
# packages with npm ci from the committed lockfiles). Runs as root on CI.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
PASSED=0
FAILED=0
FAILED_STEPS=()
CURRENT_STEP="start"
SUMMARY_PRINTED=
step() {
  CURRENT_STEP="$*"
  printf '\n==== %s\n' "$*"
}
# The closing summary, also when a step outside run() (prerequisites, the
# build) stops the script: CI parses the line `N passed, M failed`.
summary() {
  local passed="$1" failed="$2"
  printf '\n'
  if [ "${#FAILED_STEPS[@]}" -gt 0 ]; then
    printf 'failed: %s\n' "${FAILED_STEPS[@]}"
  fi
  echo "wasm: $passed passed, $failed failed"
  echo "$passed passed, $failed failed"
  SUMMARY_PRINTED=1
}
on_exit() {
  local rc=$?
  if [ -z "$SUMMARY_PRINTED" ]; then
    FAILED_STEPS+=("$CURRENT_STEP (exit $rc)")
    summary "$PASSED" "$((FAILED + 1))"
    [ "$rc" -ne 0 ] || rc=1
  fi
  exit "$rc"
}
trap on_exit EXIT
run() {
  local name="$1"
  shift
  step "$name"
  if "$@"; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1))
    FAILED_STEPS+=("$name")
  fi
}

step "prerequisites"
apt_needed=()
command -v chromium >/dev/null 2>&1 || apt_needed+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_needed+=(chromium-driver)
# A CJK font, so that the page's screenshot shows Chinese rather than boxes.
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || apt_needed+=(fonts-wqy-microhei)
if [ "${#apt_needed[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${apt_needed[@]}"
fi
chromium --version 2>/dev/null || true

npm_ci() {
  local dir="$1" stamp="$1/node_modules/.peixun-lock-sha256"
  local want; want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
    echo "$want" > "$stamp"
  fi
}
npm_ci tests/wasm
npm_ci tests/wasm/types
# The tests import the package by name, as an app would: node_modules/peixun -> pkg/.
ln -sfn ../../../pkg tests/wasm/node_modules/peixun

step "build pkg/"
scripts/build-wasm.sh

TARGET_DIR="$("$ROOT/scripts/target-dir")"

run "native golden corpus (cargo test --test golden)" cargo test --test golden

run "TypeScript: tsc --noEmit (tests/wasm/types)" tests/wasm/node_modules/.bin/tsc -p tests/wasm/types/tsconfig.json
run "TypeScript without the DOM library: tsc --noEmit (tests/wasm/types/tsconfig.nodom.json)" \
  tests/wasm/node_modules/.bin/tsc -p tests/wasm/types/tsconfig.nodom.json
# Every golden request and answer as an object literal that must satisfy its
# operation's type in the package's `Operations` (an error answer `ProblemJson`).
run "TypeScript: the golden corpus against the package's types (tests/wasm/types/gen-golden-check.mjs)" \
  node tests/wasm/types/gen-golden-check.mjs --package
# The JSON Schema generated from the same types (crates/peixun-server/schemas/types.schema.json,
# committed) is up to date, and every golden request and answer is valid against it (ajv).
run "JSON Schema of the types: up to date, the golden corpus valid against it (tests/wasm/types/gen-schema.mjs)" \
  node tests/wasm/types/gen-schema.mjs
# The verifier's OpenAPI document embeds that schema: a valid OpenAPI 3.1
# document (an OpenAPI validator), every reference resolved, every route that
# runs an engine operation typed by it.
run "OpenAPI: docs/openapi.json valid, its engine routes typed by the schema (tests/wasm/types/check-openapi.mjs)" \
  node tests/wasm/types/check-openapi.mjs

run "Node: node --test tests/wasm/node" node --test tests/wasm/node/

# The sample mini-program, built and tested as its developers would: its own
# lockfile (the package itself is file:../../pkg), DevTools' npm build through
# miniprogram-ci, its pages under miniprogram-simulate with WeChat's WXML compiler.
miniprogram_sample() {
  npm_ci examples/miniprogram &&
    (cd examples/miniprogram && npm run --silent build && npm run --silent typecheck && npm test) &&
    node scripts/wasm/miniprogram-size.mjs
}
run "Mini-program sample: 构建 npm (miniprogram-ci), tsc, page tests (miniprogram-simulate)" miniprogram_sample

# The corpus for the browser test, and the policy files its cases load, embedded with include_str!.
CASES_RS="$TARGET_DIR/wasm-golden/cases.rs"
mkdir -p "$(dirname "$CASES_RS")"
{
  echo "const CASES: &[(&str, &str)] = &["
  (cd tests/golden && find . -name '*.json' | LC_ALL=C sort) | while read -r f; do
    f="${f#./}"
    echo "    (\"tests/golden/$f\", include_str!(\"$ROOT/tests/golden/$f\")),"
  done
  echo "];"
  # The deployment policy files a case may load first (its `policies`).
  echo "const POLICY_FILES: &[(&str, &str)] = &["
  (cd examples/policies && find . -name '*.json' | LC_ALL=C sort) | while read -r f; do
    f="${f#./}"
    echo "    (\"examples/policies/$f\", include_str!(\"$ROOT/examples/policies/$f\")),"
  done
  echo "];"
} > "$CASES_RS.new"
cmp -s "$CASES_RS.new" "$CASES_RS" 2>/dev/null && rm "$CASES_RS.new" || mv "$CASES_RS.new" "$CASES_RS"
rm -rf /tmp/peixun-wasm-bindgen-test-chromium # the profile named in webdriver.json: fresh each run
run "Chromium: wasm-bindgen-test (crates/peixun-wasm/tests/wasm_browser.rs)" env \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_TIMEOUT=300 \
  PEIXUN_GOLDEN_CASES="$CASES_RS" \
  cargo test -p peixun-wasm --target wasm32-unknown-unknown --test wasm_browser

run "Chromium: a Vite-built page (tests/wasm/page)" node --test tests/wasm/page/

# The package as a user installs it: npm pack of pkg/ installed from the tarball
# (not a symlink) under tests/wasm/bundlers/.work, built by each bundler (pinned
# in tests/wasm/bundlers/package-lock.json) and run in Node or Chromium.
packaging() {
  npm_ci tests/wasm/bundlers && node --test --test-concurrency=1 tests/wasm/bundlers/
}
run "Packaging: the npm pack tarball on Node ESM/CJS, a plain page, Vite build and dev, webpack 5, Rollup 4, esbuild (tests/wasm/bundlers)" packaging

demo_e2e() {
  PEIXUN_SKIP_WASM_BUILD=1 scripts/build-demo.sh &&
    cargo build --bin peixun &&
    (cd www-demo && PEIXUN_BIN="$TARGET_DIR/debug/peixun" node --test --test-concurrency=1 tests/)
}
run "Chromium: the www-demo pages end to end (www-demo/tests)" demo_e2e

summary "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
