#!/usr/bin/env node
// Adds the sample mini-program's code-package size (examples/miniprogram,
// measured by its `npm run build` after 构建 npm: build/size.json) to the
// package's size report (pkg/size-report.json, `miniprogram_sample`) and to
// the size section of BENCHMARKS.md. WeChat's budget is 2 MB for the main
// package; the figures say how much of it the engine takes and how much is
// left to the app.
//
// Usage: node scripts/wasm/miniprogram-size.mjs (after scripts/build-wasm.sh
// and the sample's build; scripts/test-wasm.sh runs it).

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const sizeFile = join(root, "examples", "miniprogram", "build", "size.json");
const reportFile = join(root, "pkg", "size-report.json");
if (!existsSync(sizeFile) || !existsSync(reportFile)) {
  console.error("miniprogram-size: build the package and the sample first (scripts/build-wasm.sh; npm run build in examples/miniprogram)");
  process.exit(1);
}
const size = JSON.parse(readFileSync(sizeFile, "utf8"));
const report = JSON.parse(readFileSync(reportFile, "utf8"));
const engine = size.parts["miniprogram_npm/peixun"] + (size.parts["workers/peixun"] || 0);
report.miniprogram_sample = {
  main_package: size.main,
  total: size.total,
  main_limit: size.main_limit,
  total_limit: size.total_limit,
  engine_in_main_package: engine,
  parts: size.parts,
  subpackages: size.subpackages,
};
writeFileSync(reportFile, JSON.stringify(report, null, 2) + "\n");

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pct = (n) => `${((100 * n) / size.main_limit).toFixed(1)}%`;
const line =
  `Sample mini-program (\`examples/miniprogram\`, after 构建 npm; the files WeChat packs): main package ${kib(size.main)} ` +
  `of WeChat's 2 MB (${pct(size.main)}), of which the engine (\`miniprogram_npm/peixun\` and the worker entry) ${kib(engine)} (${pct(engine)}); ` +
  `all packages ${kib(size.total)}.`;
console.log(line);

const benchPath = join(root, "BENCHMARKS.md");
const end = "<!-- size-report:end -->";
if (existsSync(benchPath)) {
  const bench = readFileSync(benchPath, "utf8");
  const j = bench.indexOf(end);
  if (j >= 0) {
    const before = bench.slice(0, j).replace(/Sample mini-program \(`examples\/miniprogram`[^\n]*\n\n/, "");
    writeFileSync(benchPath, `${before}${line}\n\n${bench.slice(j)}`);
  }
}
