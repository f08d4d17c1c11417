#!/usr/bin/env node
// Builds the project as WeChat DevTools does, offline, so that it opens ready:
//   1. the demo vouchers into miniprogram/data/demo-vouchers.js (from the H5 demo's data);
//   2. peixun's worker entry into miniprogram/workers/peixun/ (the package's own command);
//   3. "构建 npm": miniprogram-ci's packNpmManually, for each entry of
//      project.config.json's packNpmRelationList (what DevTools' "build npm" reads);
//   4. the code package's size, printed and written to build/size.json.
// Run after `npm install` (or `npm ci`).

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure, MAIN_LIMIT, TOTAL_LIMIT } from "./size.mjs";

const require = createRequire(import.meta.url);
const PROJECT = join(dirname(fileURLToPath(import.meta.url)), "..");
const config = JSON.parse(readFileSync(join(PROJECT, "project.config.json"), "utf8"));
const ROOT = join(PROJECT, config.miniprogramRoot || ".");
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

// 1. The demo vouchers (a mini-program requires .js, not .json).
const demo = JSON.parse(readFileSync(join(PROJECT, "..", "..", "www-demo", "src", "trainee", "data", "demo-vouchers.json"), "utf8"));
mkdirSync(join(ROOT, "data"), { recursive: true });
writeFileSync(
  join(ROOT, "data", "demo-vouchers.js"),
  `// Written by scripts/build.mjs from www-demo/src/trainee/data/demo-vouchers.json: do not edit.\nmodule.exports = ${JSON.stringify(demo, null, 2)};\n`,
);

// 2. The worker entry, with the package's command (it copies only .js files).
rmSync(join(ROOT, "workers", "peixun"), { recursive: true, force: true });
const peixunJson = require.resolve("peixun/package.json");
const bin = join(dirname(peixunJson), JSON.parse(readFileSync(peixunJson, "utf8")).bin["peixun-miniprogram"]);
execFileSync(process.execPath, [bin, "worker", join(ROOT, "workers", "peixun")], { stdio: "inherit" });

// 3. Build npm.
const ci = require("miniprogram-ci");
for (const relation of config.setting.packNpmRelationList) {
  const dist = join(PROJECT, relation.miniprogramNpmDistDir);
  rmSync(join(dist, "miniprogram_npm"), { recursive: true, force: true });
  const result = await ci.packNpmManually({
    packageJsonPath: join(PROJECT, relation.packageJsonPath),
    miniprogramNpmDistDir: dist,
  });
  if (result.warnList.length) console.warn(result.warnList);
  console.log(`构建 npm: ${result.miniProgramPackNum} mini-program package(s), ${result.otherNpmPackNum} other(s) into ${relation.miniprogramNpmDistDir}miniprogram_npm`);
}

// 4. Size.
const size = measure(ROOT);
mkdirSync(join(PROJECT, "build"), { recursive: true });
writeFileSync(join(PROJECT, "build", "size.json"), JSON.stringify({ ...size, main_limit: MAIN_LIMIT, total_limit: TOTAL_LIMIT }, null, 2) + "\n");
console.log(`code package: ${kib(size.total)} in all (limit ${kib(TOTAL_LIMIT)}), main package ${kib(size.main)} (limit ${kib(MAIN_LIMIT)})`);
for (const [part, bytes] of Object.entries(size.parts).sort()) console.log(`  ${part}: ${kib(bytes)}`);
for (const [sub, bytes] of Object.entries(size.subpackages)) console.log(`  subpackage ${sub}: ${kib(bytes)}`);
