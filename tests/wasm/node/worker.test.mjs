// The engine in a mini-program Worker (pkg/miniprogram-worker, driven from the
// page by peixun/miniprogram's connectWorker), under the stand-ins of
// tests/wasm/standins/miniprogram.mjs that enforce WeChat's and Alipay's
// worker rules: the worker may require only inside its directory, the
// workers directory packs only .js (so the module must sit outside it), one
// Worker at a time, messages copied and asynchronous. Nothing here has run on
// a device.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cases, ROOT, traineeExpected } from "./corpus.mjs";
import { alipay, jsContext, wechat } from "../standins/miniprogram.mjs";
import { Engine } from "peixun";

const PKG = join(ROOT, "pkg");
const nodeEngine = new Engine();
const BIN = join(PKG, "bin", "peixun-miniprogram.cjs");

/** A WeChat code package after "build npm", with the worker copied in by the package's own command. */
function wechatPackage() {
  const dir = mkdtempSync(join(tmpdir(), "peixun-wx-worker-"));
  cpSync(join(PKG, "miniprogram"), join(dir, "miniprogram_npm", "peixun"), { recursive: true });
  execFileSync(process.execPath, [BIN, "worker", join(dir, "workers", "peixun")], { stdio: "pipe" });
  return dir;
}

/** An Alipay code package: the package under node_modules, the worker and the .wasm.br copied in. */
function alipayPackage() {
  const dir = mkdtempSync(join(tmpdir(), "peixun-my-worker-"));
  cpSync(join(PKG, "miniprogram"), join(dir, "node_modules", "peixun", "miniprogram"), { recursive: true });
  execFileSync(process.execPath, [BIN, "worker", join(dir, "workers", "peixun")], { stdio: "pipe" });
  execFileSync(process.execPath, [BIN, "wasm", join(dir, "peixun")], { stdio: "pipe" });
  return dir;
}

const wxDir = wechatPackage();
const myDir = alipayPackage();
test.after(() => {
  rmSync(wxDir, { recursive: true, force: true });
  rmSync(myDir, { recursive: true, force: true });
});

function wechatPage(options = {}) {
  const calls = [];
  const platform = wechat(wxDir, { calls, ...options });
  const page = jsContext(wxDir, { wx: platform.wx, WXWebAssembly: platform.WXWebAssembly });
  return { calls, platform, page, peixun: page.require("peixun/miniprogram") };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail("expected a rejection");
}

test("the worker command copies the entry's .js files and nothing else; every require in them stays in the folder", () => {
  const dir = join(wxDir, "tmp-copy");
  execFileSync(process.execPath, [BIN, "worker", dir], { encoding: "utf8" });
  const copied = readdirSync(dir).sort();
  assert.deepEqual(copied, ["host.js", "index.js", "peixun_bg.js", "text-codec.js"]);
  for (const f of copied) {
    for (const m of readFileSync(join(dir, f), "utf8").matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
      assert.match(m[1], /^\.\/[\w-]+\.js$/, `${f} requires ${m[1]}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

test("WeChat: the page connects to the worker, which loads the .wasm.br from outside the workers directory", async () => {
  const { calls, platform, peixun } = wechatPage();
  const worker = platform.wx.createWorker("workers/peixun/index.js");
  const engine = peixun.connectWorker(worker);
  const info = await engine.ready;
  assert.equal(info.runtime, "WXWebAssembly");
  assert.match(info.version, /^\d+\.\d+\.\d+/);
  assert.ok(info.operations.includes("eligibility") && info.mutating.includes("policy.load"));
  assert.deepEqual(calls, ["/miniprogram_npm/peixun/peixun_bg.wasm.br"]);
  const verdict = await engine.call("eligibility", {
    policy: "dalian-2023-major-conversion",
    applicant: { kind: "person", hukou_province: "21", education: "full_time_college", graduation_year: 2022 },
  });
  assert.equal(verdict.decision, "needs_review");
  assert.equal(verdict.findings.find((f) => f.rule_id === "DL-E1").status, "pass");
  // An engine error comes back as a PeixunError with the engine's code and path.
  const err = await rejection(engine.call("eligibility", { policy: "dalian-2023-major-conversion", applicant: { kind: "person", graduation_year: "2022" } }));
  assert.equal(err.name, "PeixunError");
  assert.ok(peixun.isPeixunError(err) && err instanceof peixun.PeixunError);
  assert.equal(err.path, "$.applicant.graduation_year");
  assert.match(err.code, /^input\./);
  assert.ok(err.messageZh.length > 0 && err.messageEn.length > 0);
  // handleJson gives the error as the engine writes it, not thrown.
  const text = await engine.handleJson("id.check", JSON.stringify({ number: "123" }));
  assert.equal(JSON.parse(text).error.code, "id.length");
  engine.terminate();
  assert.equal(platform.live.length, 0);
});

test("WeChat: the golden corpus through the worker (the trainee's module), byte for byte", async () => {
  const { platform, peixun } = wechatPage();
  const mutating = new Set(["policy.load", "calendar.update"]);
  let shared = peixun.connectWorker(platform.wx.createWorker("workers/peixun/index.js"));
  await shared.ready;
  const failures = [];
  for (const c of cases()) {
    let engine = shared;
    if (mutating.has(c.operation) || c.policies.length) {
      // A fresh engine: WeChat allows one Worker, so the shared one ends first.
      shared.terminate();
      engine = peixun.connectWorker(platform.wx.createWorker("workers/peixun/index.js"));
      for (const text of c.policies) {
        const out = JSON.parse(await engine.handleJson("policy.load", JSON.stringify({ text })));
        assert.equal(out.error, undefined, `${c.name}: loading a policy`);
      }
    }
    const got = await engine.handleJson(c.operation, c.request);
    if (got !== traineeExpected(c)) failures.push(`${c.name}\n  want ${traineeExpected(c)}\n  got  ${got}`);
    if (engine !== shared) {
      engine.terminate();
      shared = peixun.connectWorker(platform.wx.createWorker("workers/peixun/index.js"));
    }
  }
  shared.terminate();
  assert.deepEqual(failures, []);
});

test("WeChat: the workers directory packs only .js — a module placed inside it is not found", async () => {
  const { platform, peixun } = wechatPage();
  cpSync(join(PKG, "peixun_bg.wasm.br"), join(wxDir, "workers", "peixun", "peixun_bg.wasm.br"));
  try {
    const engine = peixun.connectWorker(platform.wx.createWorker("workers/peixun/index.js"), { path: "/workers/peixun/peixun_bg.wasm.br" });
    const err = await rejection(engine.ready);
    assert.equal(err.code, "runtime.instantiate_failed");
    assert.equal(err.path, "$.path");
    assert.match(err.messageEn, /no such file in the code package/);
    assert.match(err.messageZh, /Worker 目录之外/);
    engine.terminate();
  } finally {
    rmSync(join(wxDir, "workers", "peixun", "peixun_bg.wasm.br"));
  }
});

test("WeChat: worker code that requires outside its directory is refused, as on the platform", () => {
  const { platform } = wechatPage();
  mkdirSync(join(wxDir, "workers", "bad"), { recursive: true });
  writeFileSync(join(wxDir, "workers", "bad", "index.js"), 'require("../../miniprogram_npm/peixun/index.js");\n');
  try {
    assert.throws(() => platform.wx.createWorker("workers/bad/index.js"), /outside workers\/; worker code may require only files inside its workers directory/);
  } finally {
    rmSync(join(wxDir, "workers", "bad"), { recursive: true, force: true });
  }
  // And the package's own entry needs nothing outside it: it loaded above in its own folder.
  assert.throws(() => platform.wx.createWorker("/workers/peixun/index.js"), /without a leading \//);
});

test("WeChat: base library 2.14 has no WXWebAssembly in a Worker — a clear error before anything is sent", async () => {
  const { platform, peixun } = wechatPage({ sdk: "2.14.1" });
  const engine = peixun.connectWorker(platform.wx.createWorker("workers/peixun/index.js"));
  const err = await rejection(engine.ready);
  assert.equal(err.code, "runtime.base_library_too_old");
  assert.match(err.messageZh, /2\.15\.0 及以上，当前为 2\.14\.1/);
  assert.match(err.messageEn, /WXWebAssembly inside a Worker needs base library 2\.15\.0 or later; this is 2\.14\.1/);
  engine.terminate();
});

test("a worker that never answers (not wired up) is reported, not waited for forever", async () => {
  const { platform, peixun } = wechatPage();
  mkdirSync(join(wxDir, "workers", "silent"), { recursive: true });
  writeFileSync(join(wxDir, "workers", "silent", "index.js"), "worker.onMessage(function () {});\n");
  try {
    const engine = peixun.connectWorker(platform.wx.createWorker("workers/silent/index.js"), { initTimeoutMs: 50 });
    const err = await rejection(engine.ready);
    assert.equal(err.code, "worker.no_answer");
    assert.match(err.messageZh, /app\.json 的 workers/);
    engine.terminate();
  } finally {
    rmSync(join(wxDir, "workers", "silent"), { recursive: true, force: true });
  }
});

test("terminate and a reclaimed worker reject what is waiting, with codes", async () => {
  const { platform, peixun } = wechatPage();
  const engine = peixun.connectWorker(platform.wx.createWorker("workers/peixun/index.js"));
  await engine.ready;
  const waiting = engine.call("calendar.day", { date: "2023-10-07" });
  platform.created.at(-1).kill();
  const err = await rejection(waiting);
  assert.equal(err.code, "worker.killed");
  assert.equal((await rejection(engine.call("calendar.day", { date: "2023-10-07" }))).code, "worker.killed");
  const again = peixun.connectWorker(platform.wx.createWorker("workers/peixun/index.js"));
  assert.equal((await again.call("calendar.day", { date: "2023-10-07" })).kind, "makeup_workday");
  again.terminate();
  assert.equal((await rejection(again.call("calendar.day", { date: "2023-10-07" }))).code, "worker.terminated");
});

test("messages that are not the engine's are left alone; the worker keeps answering", async () => {
  const { platform, peixun } = wechatPage();
  const worker = platform.wx.createWorker("workers/peixun/index.js");
  const seen = [];
  worker.onMessage((m) => seen.push(m));
  const engine = peixun.connectWorker(worker);
  worker.postMessage({ hello: "app" });
  assert.equal((await engine.call("calendar.count", { from: "2023-05-01", to: "2023-05-31" })).count, 21);
  assert.ok(seen.every((m) => m.peixun === 1), "the worker answered only the engine's messages");
  engine.terminate();
});

test("Alipay: no WebAssembly on the page — createEngine says to use a Worker", async () => {
  const platform = alipay(myDir, { workers: ["workers/peixun/index.js"] });
  const page = jsContext(myDir, { my: platform.my }, { npm: "node_modules" });
  const peixun = page.require("peixun/miniprogram");
  const err = await rejection(peixun.createEngine());
  assert.equal(err.code, "runtime.worker_only");
  assert.match(err.messageZh, /只在 Worker 中提供 my\.WebAssembly/);
  // The path of the module must be given on Alipay (there is no npm build to put it anywhere).
  const engine = peixun.connectWorker(platform.my.createWorker("workers/peixun/index.js"));
  const missing = await rejection(engine.ready);
  assert.equal(missing.code, "runtime.path_required");
  assert.equal(missing.path, "$.path");
  engine.terminate();
});

for (const workerGlobal of ["my.WebAssembly", "MYWebAssembly"]) {
  for (const messageShape of ["plain", "wrapped"]) {
    test(`Alipay: the worker with ${workerGlobal}, messages ${messageShape}, the .wasm.br copied into the package`, async () => {
      const calls = [];
      const platform = alipay(myDir, { workers: ["workers/peixun/index.js"], workerGlobal, messageShape, calls });
      const page = jsContext(myDir, { my: platform.my }, { npm: "node_modules" });
      const peixun = page.require("peixun/miniprogram");
      const engine = peixun.connectWorker(platform.my.createWorker("workers/peixun/index.js"), { path: "/peixun/peixun_bg.wasm.br" });
      const info = await engine.ready;
      assert.equal(info.runtime, workerGlobal);
      assert.deepEqual(calls, ["/peixun/peixun_bg.wasm.br"]);
      // DL-P6: Dalian's trainees check in with the electronic voucher; the
      // sign-in window of the 08:30 session closes at 08:30.
      const question = {
        policy: "dalian-2023-major-conversion",
        class: { id: "C1", start: "2024-03-04", end: "2024-03-29", sessions: [{ start: "08:30", end: "11:45" }] },
        trainees: [{ id: "T01", name: "张三" }],
        trainee: "T01",
        kind: "sign_in",
        at: "2024-03-04T08:10:00+08:00",
        method: "voucher_qr",
      };
      const check = await engine.call("punch.check", question);
      assert.equal(check.acceptable, true);
      assert.equal(check.state, "open");
      assert.equal(check.session.window_until, "2024-03-04T08:30:00+08:00");
      // (The answer was made in the page's context: its arrays are compared as text.)
      assert.equal(check.findings.map((f) => `${f.rule_id} ${f.status}`).join("; "), "DL-P6 pass");
      // Without the method the same moment is never a yes: the rule names what counts.
      const { method, ...unstated } = question;
      const unsure = await engine.call("punch.check", unstated);
      assert.equal(unsure.acceptable, false);
      assert.equal(unsure.required_methods.join(), method);
      assert.equal(unsure.findings.map((f) => `${f.rule_id} ${f.status}`).join("; "), "DL-P6 unknown");
      // The same bytes as the engine on Node gives.
      assert.equal(await engine.handleJson("punch.check", JSON.stringify(question)), nodeEngine.handleJson("punch.check", JSON.stringify(question)));
      engine.terminate();
      assert.equal(platform.live.length, 0);
    });
  }
}

test("Alipay: a base library older than 2.9.7 is refused on the page with the version in the message", async () => {
  const platform = alipay(myDir, { sdk: "2.8.0", workers: ["workers/peixun/index.js"] });
  const page = jsContext(myDir, { my: platform.my }, { npm: "node_modules" });
  const peixun = page.require("peixun/miniprogram");
  const engine = peixun.connectWorker(platform.my.createWorker("workers/peixun/index.js"), { path: "/peixun/peixun_bg.wasm.br" });
  const err = await rejection(engine.ready);
  assert.equal(err.code, "runtime.base_library_too_old");
  assert.match(err.messageEn, /2\.9\.7 or later.*this is 2\.8\.0/);
  engine.terminate();
});

test("the worker host answers an unknown message type with a code", async () => {
  const host = jsContext(wxDir, {}, { requireRoot: join(wxDir, "workers"), npm: false }).require("/workers/peixun/host.js");
  const answer = await host.createHost({ runtime: { instantiate: () => Promise.reject(new Error("unused")) } }).handle({ peixun: 1, id: 7, type: "frobnicate" });
  assert.equal(answer.id, 7);
  assert.equal(answer.ok, false);
  assert.equal(answer.error.code, "worker.unknown_message");
  assert.equal(host.createHost().handle({ id: 1, type: "init" }), null);
});
