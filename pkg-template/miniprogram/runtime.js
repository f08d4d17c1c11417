// What the mini-program runtime offers, checked before the module is loaded,
// with errors a developer (and a trainee's bug report) can act on.
//
// WeChat: `WXWebAssembly` from base library 2.13.0; a `.wasm.br` path from
// 2.14.0; inside a Worker from 2.15.0. `wx.canIUse("WXWebAssembly")` says
// whether this WeChat has it.
// Alipay: `my.WebAssembly` exists only inside a Worker (base library 2.9.7,
// Alipay 10.5.60; on iOS an experimental worker), so on a page the engine
// runs through `connectWorker` (client.js).
//
// The checks read only what the platform reports; where it reports nothing
// (a WXWebAssembly without `wx`, as in some test harnesses) they do not guess.
"use strict";

var errors = require("./errors.js");

var WECHAT_MIN = "2.13.0";
var WECHAT_BROTLI_MIN = "2.14.0";
var WECHAT_WORKER_MIN = "2.15.0";
var ALIPAY_MIN = "2.9.7";

/** -1, 0 or 1: base-library versions compared part by part ("2.14.0" > "2.9.10"). */
function compareVersion(a, b) {
  var x = String(a).split(".");
  var y = String(b).split(".");
  for (var i = 0; i < Math.max(x.length, y.length); i++) {
    var p = parseInt(x[i] || "0", 10) || 0;
    var q = parseInt(y[i] || "0", 10) || 0;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

function wxApi() {
  return typeof wx !== "undefined" && wx ? wx : null;
}

function myApi() {
  return typeof my !== "undefined" && my ? my : null;
}

/** "wechat", "alipay" or "unknown", from the platform's global API object. */
function platform() {
  if (wxApi()) return "wechat";
  if (myApi()) return "alipay";
  if (typeof WXWebAssembly !== "undefined") return "wechat";
  return "unknown";
}

/** The base library's version as the platform reports it, or null. */
function baseLibraryVersion() {
  var w = wxApi();
  if (w) {
    try {
      if (typeof w.getAppBaseInfo === "function") {
        var info = w.getAppBaseInfo();
        if (info && info.SDKVersion) return String(info.SDKVersion);
      }
    } catch (e) {
      // fall through to getSystemInfoSync
    }
    try {
      if (typeof w.getSystemInfoSync === "function") {
        var sys = w.getSystemInfoSync();
        if (sys && sys.SDKVersion) return String(sys.SDKVersion);
      }
    } catch (e) {
      return null;
    }
    return null;
  }
  var m = myApi();
  if (m && typeof m.SDKVersion === "string") return m.SDKVersion;
  return null;
}

function fail(code, path, zh, en) {
  return new errors.PeixunError(code, path, zh, en);
}

function tooOld(version, min, what, whatEn) {
  return fail(
    "runtime.base_library_too_old",
    "$",
    what + "需要基础库 " + min + " 及以上，当前为 " + version + "：请升级微信，或在小程序管理后台把“最低基础库版本”设为 " + min + " 及以上",
    whatEn + " needs base library " + min + " or later; this is " + version + ": update WeChat, or set the mini-program's minimum base library to " + min + " or later in the admin console",
  );
}

/**
 * Checks that this runtime can load the module from `options.path` and names
 * the WebAssembly object to use: `{ platform, baseLibrary, name, webAssembly }`.
 * `options.worker`: the check is for a Worker the page is about to start (run
 * on the page, where the platform's API is). Throws a PeixunError with a zh/en
 * message otherwise.
 */
function checkRuntime(options) {
  var opts = options || {};
  var path = opts.path === undefined ? "" : String(opts.path);
  var brotli = /\.wasm\.br$/.test(path);
  var version = baseLibraryVersion();
  var where = platform();
  if (where === "wechat") {
    var w = wxApi();
    var canIUse = w && typeof w.canIUse === "function" ? w.canIUse("WXWebAssembly") : typeof WXWebAssembly !== "undefined";
    if (!canIUse || (!opts.worker && typeof WXWebAssembly === "undefined")) {
      throw fail(
        "runtime.no_webassembly",
        "$",
        "当前微信不支持 WXWebAssembly（需要基础库 " + WECHAT_MIN + " 及以上" + (version ? "，当前为 " + version : "") + "），无法运行培训政策引擎：请升级微信后重试",
        "this WeChat has no WXWebAssembly (base library " + WECHAT_MIN + " or later is needed" + (version ? "; this is " + version : "") + "), so the training-policy engine cannot run: update WeChat and try again",
      );
    }
    if (version && compareVersion(version, WECHAT_MIN) < 0) throw tooOld(version, WECHAT_MIN, "WXWebAssembly ", "WXWebAssembly");
    if (version && brotli && compareVersion(version, WECHAT_BROTLI_MIN) < 0) {
      throw tooOld(version, WECHAT_BROTLI_MIN, "读取 .wasm.br 文件", "Reading a .wasm.br file");
    }
    if (version && opts.worker && compareVersion(version, WECHAT_WORKER_MIN) < 0) {
      throw tooOld(version, WECHAT_WORKER_MIN, "在 Worker 中使用 WXWebAssembly ", "WXWebAssembly inside a Worker");
    }
    return { platform: where, baseLibrary: version, name: "WXWebAssembly", webAssembly: opts.worker ? null : WXWebAssembly };
  }
  if (where === "alipay") {
    var m = myApi();
    if (version && compareVersion(version, ALIPAY_MIN) < 0) {
      throw fail(
        "runtime.base_library_too_old",
        "$",
        "支付宝小程序的 WebAssembly 需要基础库 " + ALIPAY_MIN + " 及以上（支付宝 10.5.60 及以上），当前为 " + version + "：请升级支付宝后重试",
        "Alipay's WebAssembly needs base library " + ALIPAY_MIN + " or later (Alipay 10.5.60 or later); this is " + version + ": update Alipay and try again",
      );
    }
    if (opts.worker) return { platform: where, baseLibrary: version, name: "my.WebAssembly", webAssembly: null };
    if (m.WebAssembly && typeof m.WebAssembly.instantiate === "function") {
      return { platform: where, baseLibrary: version, name: "my.WebAssembly", webAssembly: m.WebAssembly };
    }
    throw fail(
      "runtime.worker_only",
      "$",
      "支付宝小程序只在 Worker 中提供 my.WebAssembly：请在 Worker 中运行引擎（peixun/miniprogram 的 connectWorker，见包内 README.zh-CN.md）",
      "Alipay offers my.WebAssembly only inside a Worker: run the engine in a Worker (connectWorker from peixun/miniprogram; see the package's README)",
    );
  }
  throw fail(
    "runtime.unsupported",
    "$",
    "这里既没有 WXWebAssembly 也没有 my.WebAssembly：peixun/miniprogram 只用于微信或支付宝小程序（浏览器和 Node 请用 peixun）",
    "neither WXWebAssembly nor my.WebAssembly is available here: peixun/miniprogram is for WeChat and Alipay mini-programs (browsers and Node use peixun)",
  );
}

module.exports = {
  checkRuntime: checkRuntime,
  compareVersion: compareVersion,
  baseLibraryVersion: baseLibraryVersion,
  platform: platform,
  WECHAT_MIN: WECHAT_MIN,
  WECHAT_BROTLI_MIN: WECHAT_BROTLI_MIN,
  WECHAT_WORKER_MIN: WECHAT_WORKER_MIN,
  ALIPAY_MIN: ALIPAY_MIN,
};
