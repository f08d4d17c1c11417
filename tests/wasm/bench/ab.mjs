#!/usr/bin/env node
// Two (or more) builds of the package compared in one process, the checks
// alternated between them round by round, so that a change of a few per cent
// shows through the machine's noise (bench.mjs compares against native; this
// compares WebAssembly against WebAssembly). Uses the requests bench.mjs wrote
// to target/bench/.
//
//   cp -r pkg /tmp/before   # build, copy; change, build again, then:
//   node tests/wasm/bench/ab.mjs /tmp/before pkg

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dirs = process.argv.slice(2).map((d) => resolve(d));
if (dirs.length < 2) {
  console.error("usage: node tests/wasm/bench/ab.mjs PKG_DIR PKG_DIR...");
  process.exit(2);
}
const engines = [];
for (const d of dirs) {
  const { Engine } = await import(pathToFileURL(join(d, "node", "index.mjs")).href);
  engines.push(new Engine());
}
const bench = (name) => readFileSync(join(root, "target", "bench", name), "utf8");
const eligibility = bench("eligibility.request.json");
const attendance = bench("attendance-50.request.json");
const samples = dirs.map(() => ({ eligibility: [], attendance: [] }));
for (let round = 0; round < 8; round++) {
  engines.forEach((engine, k) => {
    for (let i = 0; i < 300; i++) engine.handleJson("eligibility", eligibility);
    let t = performance.now();
    for (let i = 0; i < 2000; i++) engine.handleJson("eligibility", eligibility);
    samples[k].eligibility.push(((performance.now() - t) / 2000) * 1000);
    t = performance.now();
    for (let i = 0; i < 3; i++) engine.handleJson("attendance", attendance);
    samples[k].attendance.push((performance.now() - t) / 3);
  });
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
console.log("| build | eligibility (µs, median of 8 rounds) | attendance, 50 trainees (ms) |");
console.log("|---|---:|---:|");
dirs.forEach((d, k) => {
  console.log(`| ${d} | ${median(samples[k].eligibility).toFixed(1)} | ${median(samples[k].attendance).toFixed(2)} |`);
});
