#!/usr/bin/env node
// Copies what a mini-program needs from this package into its code package,
// for the steps WeChat's "build npm" does not do:
//
//   peixun-miniprogram worker <dir>   the worker entry (miniprogram-worker/*.js) into <dir>,
//                                     a folder inside the app's workers directory
//   peixun-miniprogram wasm <dir>     peixun_bg.wasm.br into <dir> (Alipay, uni-app, Taro:
//                                     wherever no npm build puts it), outside the workers directory
//
// Prints the paths to give createWorker / connectWorker / createEngine.
"use strict";

const fs = require("fs");
const path = require("path");

const pkg = path.join(__dirname, "..");

function copy(files, from, dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  return files.map((f) => path.join(dir, f));
}

function main(argv) {
  const [command, dir] = argv;
  if (command === "worker" && dir) {
    const from = path.join(pkg, "miniprogram-worker");
    // A workers directory packs only .js files: nothing else is copied.
    const files = fs.readdirSync(from).filter((f) => f.endsWith(".js")).sort();
    for (const f of copy(files, from, dir)) console.log(`copied ${f}`);
    console.log(`the worker entry is ${path.join(dir, "index.js")}: give createWorker its path from the code package's root, without a leading / (e.g. "workers/peixun/index.js")`);
    return 0;
  }
  if (command === "wasm" && dir) {
    for (const f of copy(["peixun_bg.wasm.br"], pkg, dir)) console.log(`copied ${f}`);
    console.log("pass its path from the code package's root, e.g. { path: \"/<dir>/peixun_bg.wasm.br\" }");
    return 0;
  }
  console.error("usage: peixun-miniprogram worker <dir> | wasm <dir>");
  return 2;
}

process.exit(main(process.argv.slice(2)));
