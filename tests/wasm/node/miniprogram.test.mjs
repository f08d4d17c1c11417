// The mini-program entry (pkg/miniprogram) on the page, under the stand-ins
// for WeChat's WXWebAssembly and Alipay's my.WebAssembly
// (tests/wasm/standins/miniprogram.mjs), with the real .wasm, in Node.
//
// Each run gets a fresh V8 context that looks like a mini-program's: no
// WebAssembly global (only the stand-in), no TextEncoder/TextDecoder, no
// fetch, no Node globals; modules are CommonJS files read from a code package
// laid out as WeChat's "build npm" leaves it (miniprogram_npm/peixun/).
// The stand-in instantiates by path inside that package only, like the real
// one (no bytes, no URL), and refuses a module that exports a Global, as iOS
// WeChat does. A real device has not been tried. The Worker is tested in
// worker.test.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { cases, engineFor, ROOT, traineeExpected } from "./corpus.mjs";
import { jsContext, webAssemblyStandIn, wechat } from "../standins/miniprogram.mjs";

const PKG = join(ROOT, "pkg");
const standIn = (root, options) => webAssemblyStandIn(root, options);
const miniProgram = (root, globals) => jsContext(root, globals);

/** A code package as WeChat's npm build leaves it, plus a copy for an Alipay worker. */
function codePackage() {
  const dir = mkdtempSync(join(tmpdir(), "peixun-mp-"));
  cpSync(join(PKG, "miniprogram"), join(dir, "miniprogram_npm", "peixun"), { recursive: true });
  cpSync(join(PKG, "peixun_bg.wasm"), join(dir, "workers", "peixun_bg.wasm"), { recursive: true });
  cpSync(join(PKG, "peixun_bg.wasm"), join(dir, "peixun", "peixun_bg.wasm"), { recursive: true });
  return dir;
}

const pkgRoot = codePackage();
test.after(() => rmSync(pkgRoot, { recursive: true, force: true }));

test("the stand-in is strict: path only, no bytes", async () => {
  const wx = standIn(pkgRoot, { brotli: true, calls: [] });
  await assert.rejects(wx.instantiate(readFileSync(join(PKG, "peixun_bg.wasm")), {}), /path/);
  await assert.rejects(wx.instantiate("https://example.invalid/x.wasm", {}), /path/);
  await assert.rejects(wx.instantiate("/nowhere.wasm", {}), /no such file/);
});

test("WeChat: WXWebAssembly, the default .wasm.br path, no TextDecoder", async () => {
  const calls = [];
  const mp = miniProgram(pkgRoot, { WXWebAssembly: standIn(pkgRoot, { brotli: true, calls }) });
  assert.equal(vm.runInContext("typeof WebAssembly + typeof TextDecoder + typeof TextEncoder + typeof fetch + typeof require", mp.context), "undefinedundefinedundefinedundefinedundefined");
  const peixun = mp.require("/miniprogram_npm/peixun/index.js");
  const engine = await peixun.createEngine();
  assert.deepEqual(calls, ["/miniprogram_npm/peixun/peixun_bg.wasm.br"]);
  assert.equal(engine.isWorkday("2023-10-07"), true);
  assert.equal(engine.holidayName("2023-10-02"), "中秋节、国庆节"); // UTF-8 through the polyfill
  const verdict = engine.checkEligibility("dalian-2023-major-conversion", {
    kind: "person", name: "张三丰", hukou_province: "21", education: "full_time_college",
    graduation_year: 2022, employed_since_graduation: false,
  });
  assert.equal(verdict.decision, "needs_review");
  let thrown;
  try {
    engine.checkId("123");
  } catch (err) {
    thrown = err;
  }
  assert.equal(thrown.name, "PeixunError");
  assert.equal(thrown.code, "id.length");
  assert.equal(thrown.path, "$.number");
  assert.ok(thrown.messageZh.includes("18"));
  assert.ok(peixun.isPeixunError(thrown) && thrown instanceof peixun.PeixunError);
  // The instance is shared: a second engine needs no second instantiate.
  const again = await peixun.createEngine();
  assert.equal(calls.length, 1);
  again.free();
});

test("WeChat: the golden corpus through the mini-program loader (the trainee's module), byte for byte", async () => {
  const mp = miniProgram(pkgRoot, { WXWebAssembly: standIn(pkgRoot, { brotli: true, calls: [] }) });
  const peixun = mp.require("/miniprogram_npm/peixun/index.js");
  const engine = await peixun.createEngine();
  const mutating = new Set(peixun.mutatingOperations());
  const failures = [];
  for (const c of cases()) {
    const [e] = await engineFor(c, engine, mutating, () => peixun.createEngine());
    const got = e.handleJson(c.operation, c.request);
    if (got !== traineeExpected(c)) failures.push(`${c.name}\n  want ${traineeExpected(c)}\n  got  ${got}`);
  }
  assert.deepEqual(failures, []);
});

test("Alipay: my.WebAssembly in a worker, an explicit .wasm path, an Instance as the result", async () => {
  const calls = [];
  const my = { WebAssembly: standIn(pkgRoot, { brotli: false, shape: "instance", calls }) };
  const mp = miniProgram(pkgRoot, { my });
  const peixun = mp.require("/miniprogram_npm/peixun/index.js");
  const engine = await peixun.createEngine({ path: "/workers/peixun_bg.wasm" });
  assert.deepEqual(calls, ["/workers/peixun_bg.wasm"]);
  assert.equal(engine.countWorkdays("2023-05-01", "2023-05-31").count, 21);
});

test("a failed instantiate can be retried; no runtime at all is a clear error", async () => {
  const calls = [];
  const mp = miniProgram(pkgRoot, { WXWebAssembly: standIn(pkgRoot, { brotli: true, calls }) });
  const peixun = mp.require("/miniprogram_npm/peixun/index.js");
  await assert.rejects(peixun.createEngine({ path: "/missing.wasm.br" }), /no such file/);
  const engine = await peixun.createEngine();
  assert.equal(engine.maskId("11010519491231002X"), "110105********002X");
  const bare = miniProgram(pkgRoot, {});
  await assert.rejects(bare.require("/miniprogram_npm/peixun/index.js").createEngine(), /neither WXWebAssembly nor my\.WebAssembly/);
});

test("the folder is CommonJS to Node and bundlers too (the package itself is an ES module package)", async () => {
  // miniprogram/package.json scopes the folder's .js files as CommonJS;
  // without it Node reads index.js as an ES module and `require` fails.
  const { createRequire } = await import("node:module");
  const peixun = createRequire(import.meta.url)(join(PKG, "miniprogram", "index.js"));
  assert.equal(typeof peixun.createEngine, "function");
  await assert.rejects(peixun.createEngine(), /neither WXWebAssembly nor my\.WebAssembly/);
});

test("the TextEncoder/TextDecoder polyfill agrees with the real ones", () => {
  const { PolyTextEncoder, PolyTextDecoder } = (() => {
    const m = { exports: {} };
    new Function("module", "exports", readFileSync(join(PKG, "miniprogram", "text-codec.js"), "utf8"))(m, m.exports);
    return m.exports;
  })();
  const enc = new PolyTextEncoder();
  const dec = new PolyTextDecoder("utf-8", { ignoreBOM: true });
  const real = new TextDecoder("utf-8", { ignoreBOM: true });
  const samples = ["", "abc", "培训补贴", "𠮷野家 🚀", "a\u0000b", "\ufeffBOM", "x".repeat(20000) + "中", "\ud800 lone", "end \udc00"];
  for (let i = 0; i < 200; i++) {
    let s = "";
    for (let j = 0; j < 30; j++) {
      const cp = Math.floor(Math.random() * 0x110000);
      s += String.fromCodePoint(cp >= 0xd800 && cp <= 0xdfff ? 0x41 : cp);
    }
    samples.push(s);
  }
  for (const s of samples) {
    const bytes = enc.encode(s);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(new TextEncoder().encode(s)), JSON.stringify(s));
    assert.equal(dec.decode(bytes), real.decode(bytes));
  }
  assert.equal(dec.decode(), "");
  assert.equal(dec.decode(new Uint8Array([0xe4, 0xb8])), real.decode(new Uint8Array([0xe4, 0xb8]))); // truncated
  assert.equal(dec.decode(new Uint8Array([0xff, 0x41])), real.decode(new Uint8Array([0xff, 0x41])));
  assert.throws(() => new PolyTextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])), TypeError);
  assert.equal(new PolyTextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), "A"); // BOM dropped by default
});

test("the stand-in refuses a module that exports a Global, as iOS WeChat does", async () => {
  // A module written out by hand: one exported i32 Global, nothing else.
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x0b, // global: const i32 = 0
    0x07, 0x05, 0x01, 0x01, 0x67, 0x03, 0x00, // export "g" global 0
  ]);
  writeFileSync(join(pkgRoot, "global.wasm"), bytes);
  const wx = standIn(pkgRoot, { brotli: true, calls: [] });
  await assert.rejects(wx.instantiate("/global.wasm", {}), /Global/);
  // The package's own module loads (it exports none).
  await wx.instantiate("/peixun/peixun_bg.wasm", { "./peixun_bg.js": new Proxy({}, { get: () => () => 0 }) });
});

test("one import path: peixun/miniprogram after WeChat's npm build is the same module as peixun", () => {
  const mp = miniProgram(pkgRoot, { WXWebAssembly: standIn(pkgRoot, { calls: [] }) });
  const viaSubpath = mp.require("peixun/miniprogram");
  assert.equal(viaSubpath, mp.require("peixun"));
  assert.equal(typeof viaSubpath.createEngine, "function");
  assert.equal(typeof viaSubpath.connectWorker, "function");
  assert.deepEqual({ ...viaSubpath.MIN_BASE_LIBRARY }, { wechat: "2.13.0", wechatBrotli: "2.14.0", wechatWorker: "2.15.0", alipay: "2.9.7" });
});

test("WeChat without WXWebAssembly (base library before 2.13.0): a zh/en error, nothing instantiated", async () => {
  const calls = [];
  const platform = wechat(pkgRoot, { sdk: "2.12.0", calls });
  const mp = miniProgram(pkgRoot, { wx: platform.wx });
  const peixun = mp.require("peixun/miniprogram");
  const err = await peixun.createEngine().then(() => assert.fail("expected a rejection"), (e) => e);
  assert.equal(err.code, "runtime.no_webassembly");
  assert.match(err.messageZh, /不支持 WXWebAssembly（需要基础库 2\.13\.0 及以上，当前为 2\.12\.0）/);
  assert.match(err.messageEn, /no WXWebAssembly \(base library 2\.13\.0 or later is needed; this is 2\.12\.0\)/);
  assert.deepEqual(calls, []);
  assert.throws(() => peixun.checkRuntime(), (e) => e.code === "runtime.no_webassembly");
});

test("WeChat 2.13: a .wasm.br needs 2.14.0 (said before loading); the raw .wasm loads", async () => {
  const calls = [];
  const platform = wechat(pkgRoot, { sdk: "2.13.5", calls });
  const mp = miniProgram(pkgRoot, { wx: platform.wx, WXWebAssembly: platform.WXWebAssembly });
  const peixun = mp.require("peixun/miniprogram");
  const err = await peixun.createEngine().then(() => assert.fail("expected a rejection"), (e) => e);
  assert.equal(err.code, "runtime.base_library_too_old");
  assert.match(err.messageZh, /读取 \.wasm\.br 文件需要基础库 2\.14\.0 及以上，当前为 2\.13\.5/);
  assert.deepEqual(calls, []);
  const engine = await peixun.createEngine({ path: "/peixun/peixun_bg.wasm" });
  assert.deepEqual(calls, ["/peixun/peixun_bg.wasm"]);
  assert.equal(engine.isWorkday("2023-10-07"), true);
  assert.equal(peixun.checkRuntime({ path: "/x.wasm" }).baseLibrary, "2.13.5");
});

test("WeChat: a missing module is reported with its path and what to check", async () => {
  const platform = wechat(pkgRoot, { sdk: "3.0.0" });
  const mp = miniProgram(pkgRoot, { wx: platform.wx, WXWebAssembly: platform.WXWebAssembly });
  const peixun = mp.require("peixun/miniprogram");
  const err = await peixun.createEngine({ path: "/static/peixun_bg.wasm.br" }).then(() => assert.fail("expected a rejection"), (e) => e);
  assert.equal(err.code, "runtime.instantiate_failed");
  assert.equal(err.path, "$.path");
  assert.match(err.messageZh, /无法加载引擎模块 \/static\/peixun_bg\.wasm\.br/);
  assert.match(err.messageZh, /构建 npm/);
  assert.equal(peixun.compareVersion("2.14.0", "2.9.10"), 1);
  assert.equal(peixun.compareVersion("2.13", "2.13.0"), 0);
});
