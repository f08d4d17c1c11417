// peixun for WeChat and Alipay mini-programs (CommonJS).
//
//   const { createEngine, connectWorker } = require("peixun/miniprogram");
//
// One import path on both platforms: WeChat's "build npm" copies this folder
// to `miniprogram_npm/peixun/`, where `peixun/miniprogram` is the file
// `miniprogram.js` (and plain `peixun` is this index.js); Alipay, uni-app,
// Taro and Node resolve `peixun/miniprogram` through package.json to this
// file.
//
// On the page (WeChat): `createEngine()` instantiates the module with
// `WXWebAssembly.instantiate(path, imports)`, which takes only a path inside
// the code package (no bytes, no URL); the default path is where WeChat's npm
// build puts it, `/miniprogram_npm/peixun/peixun_bg.wasm.br`.
// In a Worker (WeChat and Alipay; Alipay has WebAssembly only there):
// `connectWorker(worker)` talks to the worker entry the package ships in
// `miniprogram-worker/` (see client.js and the README).
//
// Before loading, `checkRuntime` (runtime.js) asks the platform whether it can:
// `wx.canIUse("WXWebAssembly")`, base library 2.13.0 (2.14.0 for `.wasm.br`).
// Neither runtime has TextEncoder/TextDecoder: `text-codec.js` provides them
// to the glue (it uses the real ones where they exist).
//
// Not yet tried on a real device: see the package README.
"use strict";

var bg = require("./peixun_bg.js");
var errors = require("./errors.js");
var runtimeCheck = require("./runtime.js");
var client = require("./client.js");

var DEFAULT_PATH = "/miniprogram_npm/peixun/peixun_bg.wasm.br";
var ready = null;

function loadFailed(path, err) {
  var reason = err && err.message ? String(err.message) : String(err);
  return new errors.PeixunError(
    "runtime.instantiate_failed",
    "$.path",
    "无法加载引擎模块 " + path + "：" + reason + "。请确认已“构建 npm”（或已把 .wasm.br 放进代码包）且路径从代码包根目录写起",
    "cannot load the engine module " + path + ": " + reason + ". Check that npm was built (or the .wasm.br copied into the code package) and that the path starts at the code package's root",
  );
}

/**
 * Instantiates the module once; later calls return the same promise.
 * options.path: the .wasm or .wasm.br inside the code package (default
 * DEFAULT_PATH); options.runtime: an object with instantiate(path, imports)
 * (default: what checkRuntime finds — WXWebAssembly on WeChat). With a
 * runtime given, the platform checks are skipped.
 */
function init(options) {
  if (ready === null) {
    var opts = options || {};
    var path = opts.path || DEFAULT_PATH;
    var runtime = opts.runtime;
    ready = Promise.resolve()
      .then(function () {
        if (!runtime) runtime = runtimeCheck.checkRuntime({ path: path }).webAssembly;
        return Promise.resolve()
          .then(function () {
            return runtime.instantiate(path, { "./peixun_bg.js": bg });
          })
          .catch(function (err) {
            throw loadFailed(path, err);
          });
      })
      .then(function (result) {
        var instance = result && result.instance ? result.instance : result;
        if (!instance || !instance.exports) {
          throw loadFailed(path, new Error("instantiate gave no instance"));
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
  connectWorker: client.connectWorker,
  checkRuntime: runtimeCheck.checkRuntime,
  compareVersion: runtimeCheck.compareVersion,
  DEFAULT_PATH: DEFAULT_PATH,
  MIN_BASE_LIBRARY: {
    wechat: runtimeCheck.WECHAT_MIN,
    wechatBrotli: runtimeCheck.WECHAT_BROTLI_MIN,
    wechatWorker: runtimeCheck.WECHAT_WORKER_MIN,
    alipay: runtimeCheck.ALIPAY_MIN,
  },
};
