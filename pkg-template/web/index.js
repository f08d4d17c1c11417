// peixun for browsers and bundlers that emit `new URL(…, import.meta.url)`
// assets (Vite, webpack 5): ES module.
//
//   import { createEngine } from "peixun";
//   const engine = await createEngine();
//
// The .wasm is found next to this package (`new URL(..., import.meta.url)`,
// which those bundlers turn into an asset URL); pass your own URL, Response,
// ArrayBuffer, typed array or WebAssembly.Module to `init` to load it from
// elsewhere. A bundler that leaves the URL alone (Rollup, esbuild) takes
// `peixun/embedded`, which carries the module in its JS; when what is fetched
// is not the module, `init` throws PeixunError `load.not_wasm` or
// `load.fetch_failed` naming the fix.

import * as bg from "../peixun_bg.js";
export { __PUBLIC_EXPORTS__ } from "../peixun_bg.js";
export { PeixunError, isPeixunError } from "../errors.js";
import { Engine } from "../peixun_bg.js";
import { instantiate, start } from "../web/load.js";

let ready = null;

/** Loads and starts the WebAssembly module once; later calls return the same promise. */
export function init(source) {
  if (ready === null) {
    if (source === undefined || source === null) {
      source = new URL("../peixun_bg.wasm", import.meta.url);
    }
    ready = instantiate(bg, source).then((instance) => start(bg, instance));
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
