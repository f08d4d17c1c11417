// peixun for browsers and bundlers (Vite, webpack 5, Rollup): ES module.
//
//   import { createEngine } from "peixun";
//   const engine = await createEngine();
//
// The .wasm is found next to this package (`new URL(..., import.meta.url)`,
// which bundlers turn into an asset URL); pass your own URL, Response,
// ArrayBuffer, typed array or WebAssembly.Module to `init` to load it from
// elsewhere.

import * as bg from "../peixun_bg.js";
export { __PUBLIC_EXPORTS__ } from "../peixun_bg.js";
export { PeixunError, isPeixunError } from "../errors.js";
import { Engine } from "../peixun_bg.js";

const IMPORT_MODULE = "./peixun_bg.js";
let ready = null;

async function instantiate(source) {
  const imports = { [IMPORT_MODULE]: bg };
  if (source === undefined || source === null) {
    source = new URL("../peixun_bg.wasm", import.meta.url);
  }
  if (source instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(source, imports);
  }
  if (typeof source === "string" || source instanceof URL || (typeof Request !== "undefined" && source instanceof Request)) {
    source = fetch(source);
  }
  if (source && typeof source.then === "function") {
    source = await source;
  }
  if (typeof Response !== "undefined" && source instanceof Response) {
    if (!source.ok) {
      throw new Error(`peixun: could not fetch the WebAssembly module (${source.status} ${source.url})`);
    }
    const type = source.headers.get("Content-Type") || "";
    if (typeof WebAssembly.instantiateStreaming === "function" && type.startsWith("application/wasm")) {
      const { instance } = await WebAssembly.instantiateStreaming(source, imports);
      return instance;
    }
    source = await source.arrayBuffer();
  }
  const { instance } = await WebAssembly.instantiate(source, imports);
  return instance;
}

/** Loads and starts the WebAssembly module once; later calls return the same promise. */
export function init(source) {
  if (ready === null) {
    ready = instantiate(source).then((instance) => {
      bg.__wbg_set_wasm(instance.exports);
      if (typeof instance.exports.__wbindgen_start === "function") {
        instance.exports.__wbindgen_start();
      }
    });
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

/** `await init(source)`, then a new Engine (create one and keep it). */
export async function createEngine(source) {
  await init(source);
  return new Engine();
}
