#!/usr/bin/env node
// WebAssembly benchmark (a script, not a test): module compile + instantiate,
// engine creation, one eligibility check (typed call and handleJson), one
// calendar query, the 50-trainee six-month attendance check; and, measured in
// the same run, the native engine on the same requests (tests/wasm/bench/native.rs,
// built with the release profile, the one the WebAssembly is built with), so
// that the WASM/native ratios compare like with like. Prints tables, and JSON
// with --json. With --chromium, the WebAssembly side is measured again in
// headless Chromium (tests/wasm/bench/chromium.mjs) against the same native run.
//
//   node tests/wasm/bench/bench.mjs [--chromium] [--json]   (after scripts/build-wasm.sh)
//
// The native binary writes the requests (the attendance class comes from the
// seeded generator of tests/support/generator.rs, as in benches/attendance.rs)
// and its outputs to target/bench/; the WebAssembly must give the same bytes.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = fileURLToPath(new URL("../../..", import.meta.url));

// The native side first: it writes the requests the WebAssembly runs on.
const benchDir = join(root, "target", "bench");
console.error("building and running the native side (cargo, release profile)…");
const native = JSON.parse(
  execFileSync(
    "cargo",
    ["run", "--quiet", "--release", "--features", "bench-native", "--bin", "peixun-native-bench", "--", benchDir],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
  ),
);
const benchFile = (name) => readFileSync(join(benchDir, name), "utf8");
// The native first engine, each in a new process (the binary cargo just built).
const nativeBin = join(process.env.CARGO_TARGET_DIR || join(root, "target"), "release", "peixun-native-bench");
const firstSamples = [];
for (let i = 0; i < 20; i++) {
  firstSamples.push(Number(execFileSync(nativeBin, ["--first-engine"], { encoding: "utf8" })));
}
const pkg = join(root, "pkg");
const bytes = readFileSync(join(pkg, "peixun_bg.wasm"));
const applicant = JSON.parse(readFileSync(join(root, "examples/applicants/graduate-phone.json"), "utf8"));
const DALIAN = "dalian-2023-major-conversion";
const request = JSON.stringify({ policy: DALIAN, applicant });

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p10: q(0.1), p90: q(0.9), min: s[0] };
}
function time(fn, { iterations, warmup = 0 }) {
  for (let i = 0; i < warmup; i++) fn();
  const out = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return stats(out);
}

/** Times each of `fns` in turn, `blocks` times `per` calls each, interleaved. */
function interleaved(fns, { blocks, per, warmup }) {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const out = fns.map(() => []);
  for (let b = 0; b < blocks; b++) {
    fns.forEach((fn, k) => {
      for (let i = 0; i < per; i++) {
        const t = performance.now();
        fn();
        out[k].push(performance.now() - t);
      }
    });
  }
  return out.map(stats);
}

// 0. Cold start in a fresh Node process, as an app pays it: import the package
// (read, compile, instantiate, start), create the first engine, run the first
// check. Five processes.
const coldScript = `
  const t0 = performance.now();
  const { Engine } = await import(${JSON.stringify(join(pkg, "node", "index.mjs"))});
  const t1 = performance.now();
  const e = new Engine();
  const t2 = performance.now();
  e.checkEligibility(${JSON.stringify(DALIAN)}, ${JSON.stringify(applicant)});
  const t3 = performance.now();
  console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2]));`;
const cold = [[], [], []];
for (let i = 0; i < 5; i++) {
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", coldScript], { encoding: "utf8" }));
  out.forEach((v, j) => cold[j].push(v));
}

// 1. Compile + instantiate, each time from the bytes (a fresh glue per run would
// be needed to start it; compile and instantiate are what a page pays).
const bg = await import(join(pkg, "peixun_bg.js"));
const compile = time(() => new WebAssembly.Module(bytes), { iterations: 10 });
const module = new WebAssembly.Module(bytes);
const instantiate = time(() => new WebAssembly.Instance(module, { "./peixun_bg.js": bg }), { iterations: 20 });
const asyncCompile = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  await WebAssembly.instantiate(bytes, { "./peixun_bg.js": bg });
  asyncCompile.push(performance.now() - t);
}

// Start one instance and measure the engine on it.
const instance = new WebAssembly.Instance(module, { "./peixun_bg.js": bg });
bg.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start?.();
const t0 = performance.now();
const first = new bg.Engine();
const firstEngine = performance.now() - t0;
const t1 = performance.now();
first.checkEligibility(DALIAN, applicant);
const firstCheck = performance.now() - t1;

const engineNew = time(() => new bg.Engine().free(), { iterations: 30, warmup: 3 });
const engine = new bg.Engine();
// The object API against the text API, in alternating blocks of 200 calls so
// that neither is measured warmer or under less garbage than the other; the
// third is what a text caller does to get the same object back.
const [check, checkJson, checkJsonObject] = interleaved(
  [
    () => engine.checkEligibility(DALIAN, applicant),
    () => engine.handleJson("eligibility", request),
    () => JSON.parse(engine.handleJson("eligibility", JSON.stringify({ policy: DALIAN, applicant }))),
  ],
  { blocks: 10, per: 200, warmup: 400 },
);
const day = time(() => engine.isWorkday("2023-10-07"), { iterations: 5000, warmup: 500 });
const dayJson = time(() => engine.handleJson("calendar.day", '{"date":"2023-10-07"}'), { iterations: 5000, warmup: 500 });

// The requests the native side timed, and its answers: the same bytes here.
const eligibilityRequest = benchFile("eligibility.request.json");
const attendanceRequest = benchFile("attendance-50.request.json");
if (engine.handleJson("eligibility", eligibilityRequest) !== benchFile("eligibility.output.json")) {
  throw new Error("the eligibility answer differs from the native one");
}
if (engine.handleJson("attendance", attendanceRequest) !== benchFile("attendance-50.output.json")) {
  throw new Error("the attendance report differs from the native one");
}
const sameEligibility = time(() => engine.handleJson("eligibility", eligibilityRequest), { iterations: 2000, warmup: 200 });
const attendance = time(() => engine.handleJson("attendance", attendanceRequest), { iterations: 20, warmup: 3 });

// What the native side does not pay: the text crossing the boundary. The glue
// writes the request into the module's memory as UTF-8 (TextEncoder.encodeInto);
// the module hands its answer over as UTF-16 code units and the glue makes the
// string from them (in Node with Buffer, crates/peixun-wasm/src/utf16.js). Timed here alone,
// on the same texts, so that the engine's own work can be compared too (the
// module's UTF-8 to UTF-16 conversion is part of its work).
const encoder = new TextEncoder();
function utf16Units(text) {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}
function transferTime(requestText, outputText, options) {
  const into = new Uint8Array(requestText.length * 3);
  const units = utf16Units(outputText);
  if (Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString("utf16le") !== outputText) {
    throw new Error("the UTF-16 hand-over does not give back the text");
  }
  return time(() => {
    encoder.encodeInto(requestText, into);
    Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString("utf16le");
  }, options);
}
const eligibilityTransfer = transferTime(eligibilityRequest, benchFile("eligibility.output.json"), { iterations: 2000, warmup: 200 });
const attendanceTransfer = transferTime(attendanceRequest, benchFile("attendance-50.output.json"), { iterations: 20, warmup: 3 });

// Module instantiation as a page pays it once the bytes are compiled: a new
// instance, its start function and the first engine (native: the first
// Engine::new() of a new process). The glue is pointed at each new instance
// in turn and then back: the constructor and `free` pass no memory views (the
// glue caches views of the memory of the instance it first used), so the
// views of the main instance stay right.
const ready = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  const inst = new WebAssembly.Instance(module, { "./peixun_bg.js": bg });
  bg.__wbg_set_wasm(inst.exports);
  inst.exports.__wbindgen_start?.();
  const e = new bg.Engine();
  ready.push(performance.now() - t);
  e.free();
}
bg.__wbg_set_wasm(instance.exports);
const instantiateAndEngine = stats(ready);

const results = {
  node: process.version,
  wasm_bytes: bytes.length,
  "cold process: import the package (compile + instantiate + start)": stats(cold[0]),
  "cold process: first new Engine()": stats(cold[1]),
  "cold process: first checkEligibility": stats(cold[2]),
  "compile (sync, new WebAssembly.Module)": compile,
  "compile+instantiate (async WebAssembly.instantiate)": stats(asyncCompile),
  "instantiate (sync, compiled module)": instantiate,
  "first Engine (cold)": { n: 1, median: firstEngine },
  "first eligibility check (cold)": { n: 1, median: firstCheck },
  "new Engine() (warm)": engineNew,
  "checkEligibility (warm)": check,
  "handleJson eligibility (warm)": checkJson,
  "JSON.stringify + handleJson eligibility + JSON.parse (warm)": checkJsonObject,
  "isWorkday (warm)": day,
  "handleJson calendar.day (warm)": dayJson,
  "instantiate + start + new Engine() (compiled module)": instantiateAndEngine,
  "handleJson eligibility, the native run's request (warm)": sameEligibility,
  [`handleJson attendance, 50 trainees × 6 months, ${native.punches} punches (warm)`]: attendance,
};
const nativeFirst = stats(firstSamples);
const ratios = [
  ["module instantiation: a new instance of the compiled module, started, and its first engine; native: the first `Engine::new()` of a new process", instantiateAndEngine, nativeFirst],
  ["engine creation, warm: `new Engine()` / `Engine::new()`", engineNew, native.engine_new],
  ["one eligibility check, JSON in and out (`handleJson` / `Engine::handle`)", sameEligibility, native.eligibility],
  [`the 50-trainee six-month attendance check, JSON in and out (${(native.attendance_request_bytes / 1048576).toFixed(1)} MiB, ${native.punches} punches)`, attendance, native.attendance],
];
const transfers = [
  ["eligibility", sameEligibility, native.eligibility, eligibilityTransfer],
  ["attendance, 50 trainees", attendance, native.attendance, attendanceTransfer],
];
if (process.argv.includes("--chromium")) {
  const { measureInChromium } = await import("./chromium.mjs");
  console.error("measuring in headless Chromium…");
  results.chromium = await measureInChromium(root, benchDir);
}
results.transfer = Object.fromEntries(transfers.map(([k, w, n, tr]) => [k, { transfer: tr.median, wasm_less_transfer: w.median - tr.median, native: n.median }]));
results.native = { ...native, first_engine_in_new_process: nativeFirst };
results.ratios = Object.fromEntries(ratios.map(([k, w, n]) => [k, { wasm: w.median, native: n.median, ratio: w.median / n.median }]));
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log(`Node ${process.version}, peixun_bg.wasm ${bytes.length} bytes`);
  console.log("| measurement | median | p10 | p90 | n |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [k, v] of Object.entries(results)) {
    if (typeof v !== "object") continue;
    const f = (x) => (x === undefined ? "" : x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(2)} ms`);
    if (k === "native" || k === "ratios" || k === "transfer" || k === "chromium") continue;
    console.log(`| ${k} | ${f(v.median)} | ${f(v.p10)} | ${f(v.p90)} | ${v.n} |`);
  }
  const g = (x) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);
  console.log("\nWASM/native, medians, the same run:");
  console.log("| measurement | native | WebAssembly (Node) | WASM / native |");
  console.log("|---|---:|---:|---:|");
  for (const [k, w, n] of ratios) {
    console.log(`| ${k} | ${g(n.median)} | ${g(w.median)} | ${(w.median / n.median).toFixed(1)}× |`);
  }
  console.log("\nOf the WebAssembly time, the text crossing the boundary (request: encodeInto; answer: a string from UTF-16 code units; timed alone), and the rest against native:");
  console.log("| check | text transfer | WebAssembly less transfer | native | ratio |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [k, w, n, tr] of transfers) {
    console.log(`| ${k} | ${g(tr.median)} | ${g(w.median - tr.median)} | ${g(n.median)} | ${((w.median - tr.median) / n.median).toFixed(1)}× |`);
  }
  const c = results.chromium;
  if (c) {
    console.log(`\nIn headless Chromium, a new instance alone (no start, no engine): ${g(c.instantiateOnly.median)}; a new instance, started, with its first engine: median ${g(c.instantiateAndEngine.median)}, p10 ${g(c.instantiateAndEngine.p10)} (the discarded instances' memory is reclaimed meanwhile, and the spread is wide).`);
    console.log(`\nThe same in headless Chromium (${c.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}, cross-origin isolated: ${c.isolated}), against the same native run:`);
    console.log("| measurement | native | WebAssembly (Chromium) | WASM / native | text transfer | ratio less transfer |");
    console.log("|---|---:|---:|---:|---:|---:|");
    const rows = [
      ["module instantiation: a new instance of the compiled module, started, and its first engine; native: first `Engine::new()` of a new process", c.instantiateAndEngine, nativeFirst],
      ["engine creation, warm", c.engineNew, native.engine_new],
      ["one eligibility check, JSON in and out", c.eligibility, native.eligibility, c.eligibilityTransfer],
      ["the 50-trainee six-month attendance check, JSON in and out", c.attendance, native.attendance, c.attendanceTransfer],
    ];
    for (const [k, w, n, tr] of rows) {
      const less = tr ? `${g(tr.median)} | ${((w.median - tr.median) / n.median).toFixed(1)}×` : " | ";
      console.log(`| ${k} | ${g(n.median)} | ${g(w.median)} | ${(w.median / n.median).toFixed(1)}× | ${less} |`);
    }
  }
}
