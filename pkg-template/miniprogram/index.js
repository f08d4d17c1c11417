// peixun for WeChat and Alipay mini-programs (CommonJS).
//
//   const { createEngine } = require("peixun");      // after WeChat's "build npm"
//   const engine = await createEngine();
//
// WeChat: `WXWebAssembly.instantiate(path, imports)` takes only a path inside
// the code package (no bytes, no URL). WeChat's npm build copies this folder to
// `miniprogram_npm/peixun/`, so the default path is
// `/miniprogram_npm/peixun/peixun_bg.wasm.br` (WeChat reads `.wasm.br`).
// Alipay: `my.WebAssembly.instantiate(path, imports)` inside a Worker; copy
// `peixun_bg.wasm` into the code package and pass its path:
// `createEngine({ path: "/workers/peixun_bg.wasm" })`.
//
// Neither runtime has TextEncoder/TextDecoder: `text-codec.js` provides them
// to the glue (it uses the real ones where they exist).
//
// Not yet tried on a real device: see the package README.
"use strict";

var bg = require("./peixun_bg.js");
var errors = require("./errors.js");

var DEFAULT_PATH = "/miniprogram_npm/peixun/peixun_bg.wasm.br";
var ready = null;

function findRuntime() {
  if (typeof WXWebAssembly !== "undefined" && WXWebAssembly && typeof WXWebAssembly.instantiate === "function") {
    return WXWebAssembly;
  }
  if (typeof my !== "undefined" && my && my.WebAssembly && typeof my.WebAssembly.instantiate === "function") {
    return my.WebAssembly;
  }
  return null;
}

/**
 * Instantiates the module once; later calls return the same promise.
 * options.path: the .wasm or .wasm.br inside the code package;
 * options.runtime: an object with instantiate(path, imports) (default:
 * WXWebAssembly, else my.WebAssembly).
 */
function init(options) {
  if (ready === null) {
    var opts = options || {};
    var runtime = opts.runtime || findRuntime();
    if (!runtime) {
      return Promise.reject(new Error("peixun: neither WXWebAssembly nor my.WebAssembly is available here"));
    }
    var path = opts.path || DEFAULT_PATH;
    var imports = { "./peixun_bg.js": bg };
    ready = Promise.resolve()
      .then(function () {
        return runtime.instantiate(path, imports);
      })
      .then(function (result) {
        var instance = result && result.instance ? result.instance : result;
        if (!instance || !instance.exports) {
          throw new Error("peixun: instantiate(" + path + ") gave no instance");
        }
        bg.__wbg_set_wasm(instance.exports);
        if (typeof instance.exports.__wbindgen_start === "function") {
          instance.exports.__wbindgen_start();
        }
      });
    ready.catch(function () {
      ready = null;
    });
  }
  return ready;
}

/** `init(options)`, then a new Engine (create one and keep it). */
function createEngine(options) {
  return init(options).then(function () {
    return new bg.Engine();
  });
}

module.exports = {
  __PUBLIC_EXPORTS_CJS__,
  PeixunError: errors.PeixunError,
  isPeixunError: errors.isPeixunError,
  init: init,
  createEngine: createEngine,
  DEFAULT_PATH: DEFAULT_PATH,
};
