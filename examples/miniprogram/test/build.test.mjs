// What `npm run build` (scripts/build.mjs: miniprogram-ci's packNpmManually, the
// DevTools "构建 npm", run offline) left in the project: the package's
// mini-program folder whole in miniprogram_npm/peixun, byte for byte; the
// worker entry in workers/peixun (only .js); and a code package within
// WeChat's limits (2 MB for the main package, 20 MB in all), both figures
// printed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { MP, PROJECT } from "./harness.mjs";
import { MAIN_LIMIT, TOTAL_LIMIT, measure } from "../scripts/size.mjs";

const require = createRequire(import.meta.url);
const PKG = dirname(require.resolve("peixun/package.json"));

function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

test("构建 npm copied the package's miniprogram folder whole, byte for byte, and nothing else", () => {
  const source = join(PKG, JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).miniprogram);
  const built = join(MP, "miniprogram_npm", "peixun");
  assert.deepEqual(files(built), files(source));
  for (const f of files(source)) assert.ok(readFileSync(join(built, f)).equals(readFileSync(join(source, f))), f);
  for (const f of ["index.js", "miniprogram.js", "peixun_bg.js", "peixun_bg.wasm.br", "client.js", "runtime.js", "text-codec.js", "errors.js"]) {
    assert.ok(files(built).includes(f), f);
  }
  // The other dependency, an ordinary npm package, was bundled into one file as DevTools does.
  assert.ok(statSync(join(MP, "miniprogram_npm", "qrcode-generator", "index.js")).size > 0);
});

test("the worker entry is the package's, .js files only, and needs nothing outside workers/peixun", () => {
  const worker = join(MP, "workers", "peixun");
  const source = join(PKG, "miniprogram-worker");
  assert.deepEqual(files(worker), files(source).filter((f) => f.endsWith(".js")));
  for (const f of files(worker)) {
    assert.ok(readFileSync(join(worker, f)).equals(readFileSync(join(source, f))), f);
    for (const m of readFileSync(join(worker, f), "utf8").matchAll(/require\("([^"]+)"\)/g)) {
      assert.match(m[1], /^\.\/[\w-]+\.js$/, `${f} requires ${m[1]}`);
    }
  }
});

test("the code package is within WeChat's limits: main package and total", () => {
  const size = measure(MP);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`main package ${size.main} B (${kib(size.main)}) of ${kib(MAIN_LIMIT)}; total ${size.total} B (${kib(size.total)}) of ${kib(TOTAL_LIMIT)}`);
  for (const [part, bytes] of Object.entries(size.parts)) console.log(`  ${part}: ${bytes} B (${kib(bytes)})`);
  assert.ok(size.main < MAIN_LIMIT, `main package ${size.main} B over ${MAIN_LIMIT}`);
  assert.ok(size.total < TOTAL_LIMIT);
  assert.equal(size.total, size.main + Object.values(size.subpackages).reduce((a, b) => a + b, 0));
  assert.ok(size.subpackages.attendance > 0, "the attendance page is a subpackage");
  // The engine leaves most of the main package to the app.
  assert.ok(size.parts["miniprogram_npm/peixun"] < MAIN_LIMIT / 4);
  // The figures the build printed are these.
  const written = JSON.parse(readFileSync(join(PROJECT, "build", "size.json"), "utf8"));
  assert.equal(written.main, size.main);
  assert.equal(written.total, size.total);
});
