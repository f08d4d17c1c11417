// peixun for Node.js, CommonJS. The module is compiled and started when this
// file is required, so `new Engine()` works at once.
"use strict";

const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const bg = require("../peixun_bg.cjs");
const { PeixunError, isPeixunError } = require("../errors.cjs");

const bytes = readFileSync(join(__dirname, "..", "peixun_bg.wasm"));
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./peixun_bg.js": bg });
bg.__wbg_set_wasm(instance.exports);
if (typeof instance.exports.__wbindgen_start === "function") {
  instance.exports.__wbindgen_start();
}

module.exports = {
  __PUBLIC_EXPORTS_CJS__,
  PeixunError,
  isPeixunError,
  /** Already done when this module loads. */
  init: () => Promise.resolve(),
  /** A new Engine (create one and keep it). */
  createEngine: () => Promise.resolve(new bg.Engine()),
};
