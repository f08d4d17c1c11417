// A webpack 5 app on wasm-bindgen's own entry, peixun/bundler: webpack
// instantiates the .wasm it imports (experiments.asyncWebAssembly), so the
// engine is ready when the module is; no createEngine, no PeixunError export.
import { Engine } from "peixun/bundler";

// The suite calls this with a golden case's operation and request.
window.peixunRun = async (operation, request) => {
  try {
    return { output: new Engine().handleJson(operation, request) };
  } catch (err) {
    return { error: String((err && err.stack) || err) };
  }
};
