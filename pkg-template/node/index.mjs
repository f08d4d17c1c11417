// peixun for Node.js, ES module. The module is compiled and started when this
// file is imported, so `new Engine()` works at once; `init` and `createEngine`
// exist for code shared with the browser build.

import { readFileSync } from "node:fs";
import * as bg from "../peixun_bg.js";
export { __PUBLIC_EXPORTS__ } from "../peixun_bg.js";
export { PeixunError, isPeixunError } from "../errors.js";
import { Engine } from "../peixun_bg.js";

const bytes = readFileSync(new URL("../peixun_bg.wasm", import.meta.url));
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./peixun_bg.js": bg });
bg.__wbg_set_wasm(instance.exports);
if (typeof instance.exports.__wbindgen_start === "function") {
  instance.exports.__wbindgen_start();
}

/** Already done when this module loads; kept for code shared with the browser build. */
export function init() {
  return Promise.resolve();
}

/** A new Engine (create one and keep it). */
export async function createEngine() {
  return new Engine();
}
