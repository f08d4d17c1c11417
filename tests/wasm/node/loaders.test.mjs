// The package's entry points: Node ESM and CommonJS through the exports map,
// the browser loader's byte path, the webpack-style bundler entry's files.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROOT } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const PKG = join(ROOT, "pkg");
const DALIAN = "dalian-2023-major-conversion";
const applicant = { kind: "person", hukou_province: "21", education: "full_time_college", graduation_year: 2022 };

test("the exports map picks the Node entries", () => {
  assert.equal(require.resolve("peixun"), join(PKG, "node", "index.cjs"));
  assert.equal(fileURLToPath(import.meta.resolve("peixun")), join(PKG, "node", "index.mjs"));
  assert.equal(require.resolve("peixun/miniprogram"), join(PKG, "miniprogram", "index.js"));
  assert.equal(require.resolve("peixun/peixun_bg.wasm"), join(PKG, "peixun_bg.wasm"));
});

test("CommonJS: require('peixun') works at once", () => {
  const peixun = require("peixun");
  for (const name of ["Engine", "version", "createEngine", "init", "PeixunError", "isPeixunError", "mutatingOperations"]) {
    assert.equal(typeof peixun[name], "function", name);
  }
  const engine = new peixun.Engine();
  assert.equal(engine.checkEligibility(DALIAN, applicant).decision, "needs_review");
  assert.throws(() => engine.checkId("1"), (e) => e instanceof peixun.PeixunError && e.code === "id.length");
  engine.free();
});

test("ESM: import('peixun') works at once, and agrees with CommonJS", async () => {
  const esm = await import("peixun");
  const cjs = require("peixun");
  const a = new esm.Engine();
  const b = await cjs.createEngine();
  const req = JSON.stringify({ policy: DALIAN, applicant });
  assert.equal(a.handleJson("eligibility", req), b.handleJson("eligibility", req));
  assert.equal(esm.version(), cjs.version());
  await esm.init(); // a no-op in Node
  a.free();
  b.free();
});

test("the bundler entry is wasm-bindgen's, for webpack's asyncWebAssembly", () => {
  const entry = readFileSync(join(PKG, "peixun.js"), "utf8");
  assert.match(entry, /import \* as wasm from "\.\/peixun_bg\.wasm"/);
  assert.match(entry, /__wbindgen_start/);
});

test("package.json: the licences of Cargo.toml, their texts in the package, the repository", () => {
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(pkg.license, /^license = "([^"]+)"/m.exec(cargo)[1]);
  for (const licence of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.ok(pkg.files.includes(licence), `${licence} not in "files"`);
    assert.equal(readFileSync(join(PKG, licence), "utf8"), readFileSync(join(ROOT, licence), "utf8"));
  }
  assert.equal(pkg.homepage, /^homepage = "([^"]+)"/m.exec(cargo)[1]);
  assert.ok(pkg.repository.url.includes(/^repository = "https:\/\/([^"]+)"/m.exec(cargo)[1]));
});

test("package.json: version from Cargo.toml, every export exists, the size report is there", () => {
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(pkg.version, /^version = "([^"]+)"/m.exec(cargo)[1]);
  assert.equal(pkg.miniprogram, "miniprogram");
  const report = JSON.parse(readFileSync(join(PKG, "size-report.json"), "utf8"));
  // The size budget is reported, not asserted (PEIXUN_ENFORCE_SIZE_BUDGET=1 asserts it).
  assert.ok(Number.isInteger(report.wasm.brotli) && report.wasm.brotli > 0, `brotli ${report.wasm.brotli}`);
  assert.equal(report.within_budget, report.wasm.brotli < report.budget_brotli);
  if (process.env.PEIXUN_ENFORCE_SIZE_BUDGET === "1") {
    assert.ok(report.within_budget, `brotli ${report.wasm.brotli} > ${report.budget_brotli}`);
  }
  assert.equal(report.wasm.raw, readFileSync(join(PKG, "peixun_bg.wasm")).length);
});
