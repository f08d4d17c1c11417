// The engine inside a mini-program Worker, answering the page's messages
// (the protocol is described in peixun/miniprogram's client.js).
//
// The WebAssembly object is the one the Worker has: WeChat's WXWebAssembly
// (base library 2.15.0 and later), Alipay's my.WebAssembly, or the global
// MYWebAssembly where Alipay gives it that name in a Worker. The module is
// instantiated from a path in the code package, never from bytes, and the
// engine is created once and kept.
"use strict";

var bg = require("./peixun_bg.js");

var PROTOCOL = 1;
var DEFAULT_PATH = "/miniprogram_npm/peixun/peixun_bg.wasm.br";

function wireError(code, path, zh, en) {
  return { code: code, path: path, message_zh: zh, message_en: en };
}

function fromThrown(err) {
  if (err && typeof err === "object" && typeof err.code === "string" && typeof err.messageZh === "string") {
    var e = wireError(err.code, String(err.path || "$"), err.messageZh, String(err.messageEn || ""));
    if (err.details) e.details = err.details;
    return e;
  }
  var text = err && err.message ? String(err.message) : String(err);
  return wireError("worker.failed", "$", "Worker 中的引擎出错：" + text, "the engine in the Worker failed: " + text);
}

/** The WebAssembly object of this Worker and its name, or null. */
function findWebAssembly() {
  if (typeof WXWebAssembly !== "undefined" && WXWebAssembly && typeof WXWebAssembly.instantiate === "function") {
    return { name: "WXWebAssembly", api: WXWebAssembly };
  }
  if (typeof MYWebAssembly !== "undefined" && MYWebAssembly && typeof MYWebAssembly.instantiate === "function") {
    return { name: "MYWebAssembly", api: MYWebAssembly };
  }
  if (typeof my !== "undefined" && my && my.WebAssembly && typeof my.WebAssembly.instantiate === "function") {
    return { name: "my.WebAssembly", api: my.WebAssembly };
  }
  return null;
}

/**
 * A message handler: `handle(message)` gives a promise of the reply, or
 * null for a message that is not the engine's. options.runtime: an object
 * with instantiate(path, imports) (default: the Worker's own).
 */
function createHost(options) {
  var opts = options || {};
  var engine = null;
  var starting = null;
  var runtimeName = null;

  function start(path) {
    if (engine) return Promise.resolve(engine);
    if (starting) return starting;
    var found = opts.runtime ? { name: "custom", api: opts.runtime } : findWebAssembly();
    if (!found) {
      return Promise.reject(
        wireError(
          "runtime.no_webassembly",
          "$",
          "这个 Worker 里没有 WXWebAssembly 或 my.WebAssembly：微信需要基础库 2.15.0 及以上；支付宝需要基础库 2.9.7 及以上，iOS 上还要用实验 Worker（useExperimentalWorker: true）",
          "this Worker has no WXWebAssembly or my.WebAssembly: WeChat needs base library 2.15.0 or later; Alipay needs base library 2.9.7 or later and, on iOS, an experimental worker (useExperimentalWorker: true)",
        ),
      );
    }
    var where = path || DEFAULT_PATH;
    starting = Promise.resolve()
      .then(function () {
        return found.api.instantiate(where, { "./peixun_bg.js": bg });
      })
      .then(
        function (result) {
          var instance = result && result.instance ? result.instance : result;
          if (!instance || !instance.exports) throw new Error("instantiate gave no instance");
          bg.__wbg_set_wasm(instance.exports);
          if (typeof instance.exports.__wbindgen_start === "function") instance.exports.__wbindgen_start();
          engine = new bg.Engine();
          runtimeName = found.name;
          return engine;
        },
      )
      .catch(function (err) {
        starting = null;
        var text = err && err.message ? String(err.message) : String(err);
        throw wireError(
          "runtime.instantiate_failed",
          "$.path",
          "Worker 无法加载引擎模块 " + where + "：" + text + "。模块须在代码包内、Worker 目录之外，路径从代码包根目录写起",
          "the Worker cannot load the engine module " + where + ": " + text + ". The module must be in the code package, outside the workers directory, its path starting at the code package's root",
        );
      });
    return starting;
  }

  function reply(id, body) {
    body.peixun = PROTOCOL;
    body.id = id;
    return body;
  }

  function handle(message) {
    if (!message || message.peixun !== PROTOCOL) return null;
    var id = message.id;
    if (message.type === "init") {
      return start(message.path).then(
        function (e) {
          return reply(id, {
            ok: true,
            version: bg.version(),
            operations: e.operations(),
            mutating: bg.mutatingOperations(),
            runtime: runtimeName,
          });
        },
        function (err) {
          return reply(id, { ok: false, error: err && err.code ? err : fromThrown(err) });
        },
      );
    }
    if (message.type === "handle") {
      return start(undefined).then(
        function (e) {
          try {
            return reply(id, { ok: true, json: e.handleJson(message.operation, message.request) });
          } catch (err) {
            return reply(id, { ok: false, error: fromThrown(err) });
          }
        },
        function (err) {
          return reply(id, { ok: false, error: err && err.code ? err : fromThrown(err) });
        },
      );
    }
    return Promise.resolve(
      reply(id, {
        ok: false,
        error: wireError(
          "worker.unknown_message",
          "$.type",
          "Worker 不认识这条消息：" + String(message.type),
          "the Worker does not know this message: " + String(message.type),
        ),
      }),
    );
  }

  return { handle: handle };
}

/** Answers the page's messages on `workerObject` (the Worker's global `worker`). */
function serve(workerObject, options) {
  if (!workerObject || typeof workerObject.onMessage !== "function") return null;
  var host = createHost(options);
  workerObject.onMessage(function (res) {
    var message = res && res.peixun === PROTOCOL ? res : res && res.message && res.message.peixun === PROTOCOL ? res.message : res && res.data && res.data.peixun === PROTOCOL ? res.data : null;
    var answer = host.handle(message);
    if (answer) {
      answer.then(function (r) {
        workerObject.postMessage(r);
      });
    }
  });
  return host;
}

module.exports = { createHost: createHost, serve: serve, PROTOCOL: PROTOCOL, DEFAULT_PATH: DEFAULT_PATH };
