// peixun with the WebAssembly module inlined (base64 in
// embedded/peixun_bg.wasm.js): for bundlers that do not emit the `.wasm` of
// `new URL(…, import.meta.url)` by themselves (Rollup, esbuild), and for any
// page that cannot serve a `.wasm` file. The same API as the default entry:
//
//   import { createEngine } from "peixun/embedded";
//   const engine = await createEngine();
//
// The price is size: the module is a third larger as base64 and is parsed as
// JS (size-report.json: `embedded`). `init(source)` still takes a URL,
// Response, bytes or WebAssembly.Module instead.

import * as bg from "../peixun_bg.js";
export { __PUBLIC_EXPORTS__ } from "../peixun_bg.js";
export { PeixunError, isPeixunError } from "../errors.js";
import { Engine } from "../peixun_bg.js";
import { instantiate, start } from "../web/load.js";
import base64 from "./peixun_bg.wasm.js";

let ready = null;

function decode(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Starts the inlined WebAssembly module once; later calls return the same promise. */
export function init(source) {
  if (ready === null) {
    if (source === undefined || source === null) {
      source = decode(base64);
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
