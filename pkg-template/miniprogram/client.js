// The page's side of the engine in a Worker.
//
//   const worker = wx.createWorker("workers/peixun/index.js");     // Alipay: my.createWorker(…)
//   const engine = connectWorker(worker);                           // Alipay: connectWorker(worker, { path })
//   const verdict = await engine.call("eligibility", { policy, applicant });
//
// The worker runs `miniprogram-worker/index.js` from the package, copied into
// the app's workers directory. The protocol is small and versioned; every
// message is a plain object (both platforms copy messages, and WeChat takes
// only objects):
//
//   page → worker  { peixun: 1, id, type: "init", path }
//                  { peixun: 1, id, type: "handle", operation, request }   request: JSON text
//   worker → page  { peixun: 1, id, ok: true, version, operations, mutating, runtime }   (init)
//                  { peixun: 1, id, ok: true, json }            json: the canonical JSON answer,
//                                                               the bytes Engine.handleJson gives
//                  { peixun: 1, id, ok: false, error: { code, path, message_zh, message_en } }
//
// Messages without `peixun: 1` are not the engine's: both sides ignore them, so
// an app can use its one Worker for other work too (WeChat allows one at a time).
// `call` rejects an engine answer `{"error": …}` as a PeixunError, as the
// synchronous Engine's `call` throws it.
"use strict";

var errors = require("./errors.js");
var runtimeCheck = require("./runtime.js");

var PROTOCOL = 1;
var DEFAULT_PATH = "/miniprogram_npm/peixun/peixun_bg.wasm.br";
var INIT_TIMEOUT_MS = 15000;

function problem(code, path, zh, en, details) {
  var err = new errors.PeixunError(code, path, zh, en);
  if (details) err.details = details;
  return err;
}

function fromWire(e) {
  var x = e || {};
  return problem(
    String(x.code || "worker.failed"),
    String(x.path || "$"),
    String(x.message_zh || "Worker 中的引擎出错"),
    String(x.message_en || "the engine in the Worker failed"),
    x.details,
  );
}

/** The engine's message inside what a platform hands to onMessage (the object itself, or under `message` / `data`). */
function unwrap(res) {
  if (res && res.peixun === PROTOCOL) return res;
  if (res && res.message && res.message.peixun === PROTOCOL) return res.message;
  if (res && res.data && res.data.peixun === PROTOCOL) return res.data;
  return null;
}

/**
 * Connects to the worker entry running in `worker` (what wx.createWorker or
 * my.createWorker returned). options.path: the .wasm or .wasm.br in the code
 * package, outside the workers directory (default: WeChat's
 * `/miniprogram_npm/peixun/peixun_bg.wasm.br`; on Alipay give it);
 * options.initTimeoutMs: how long to wait for the worker to answer its first
 * message (default 15 s: a worker that is not wired up never answers);
 * options.check: false to skip the base-library checks (on by default).
 * Returns a WorkerEngine: `ready`, `call`, `handleJson`, `operations`, `terminate`.
 */
function connectWorker(worker, options) {
  var opts = options || {};
  if (!worker || typeof worker.postMessage !== "function" || typeof worker.onMessage !== "function") {
    throw problem(
      "worker.invalid",
      "$.worker",
      "connectWorker 需要 wx.createWorker 或 my.createWorker 返回的 Worker 对象",
      "connectWorker needs the Worker object wx.createWorker or my.createWorker returned",
    );
  }
  var where = runtimeCheck.platform();
  var path = opts.path || (where === "alipay" ? "" : DEFAULT_PATH);
  var pending = {};
  var nextId = 1;
  var dead = null;

  function rejectAll(err) {
    var ids = Object.keys(pending);
    for (var i = 0; i < ids.length; i++) {
      var p = pending[ids[i]];
      delete pending[ids[i]];
      p.reject(err);
    }
  }

  worker.onMessage(function (res) {
    var msg = unwrap(res);
    if (!msg || !Object.prototype.hasOwnProperty.call(pending, msg.id)) return;
    var p = pending[msg.id];
    delete pending[msg.id];
    if (msg.ok) p.resolve(msg);
    else p.reject(fromWire(msg.error));
  });
  if (typeof worker.onProcessKilled === "function") {
    // WeChat's experimental worker can be reclaimed by the system.
    worker.onProcessKilled(function () {
      dead = problem(
        "worker.killed",
        "$",
        "运行引擎的 Worker 已被系统回收：请重新创建 Worker 并再次连接",
        "the system reclaimed the Worker running the engine: create the Worker again and connect to it",
      );
      rejectAll(dead);
    });
  }

  function send(message) {
    if (dead) return Promise.reject(dead);
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      message.peixun = PROTOCOL;
      message.id = id;
      pending[id] = { resolve: resolve, reject: reject };
      try {
        worker.postMessage(message);
      } catch (err) {
        delete pending[id];
        reject(
          problem(
            "worker.post_failed",
            "$",
            "无法向 Worker 发送消息：" + (err && err.message ? err.message : String(err)),
            "cannot send a message to the Worker: " + (err && err.message ? err.message : String(err)),
          ),
        );
      }
    });
  }

  var ready = Promise.resolve()
    .then(function () {
      if (!path) {
        throw problem(
          "runtime.path_required",
          "$.path",
          "支付宝小程序没有“构建 npm”的固定位置：请把 peixun_bg.wasm.br 放进代码包（Worker 目录之外），并把它的路径传给 connectWorker(worker, { path })",
          "Alipay has no fixed place for npm files: copy peixun_bg.wasm.br into the code package (outside the workers directory) and pass its path to connectWorker(worker, { path })",
        );
      }
      if (opts.check !== false) runtimeCheck.checkRuntime({ path: path, worker: true });
      var timeout = opts.initTimeoutMs === undefined ? INIT_TIMEOUT_MS : opts.initTimeoutMs;
      var answer = send({ type: "init", path: path });
      if (!(timeout > 0)) return answer;
      return new Promise(function (resolve, reject) {
        var timer = setTimeout(function () {
          reject(
            problem(
              "worker.no_answer",
              "$",
              "Worker 在 " + timeout + " 毫秒内没有应答：请检查 app.json 的 workers 配置、createWorker 的入口路径，以及 peixun 的 Worker 文件是否已复制进 Worker 目录",
              "the Worker did not answer within " + timeout + " ms: check app.json's workers entry, the path given to createWorker, and that peixun's worker files were copied into the workers directory",
            ),
          );
        }, timeout);
        answer.then(
          function (v) {
            clearTimeout(timer);
            resolve(v);
          },
          function (e) {
            clearTimeout(timer);
            reject(e);
          },
        );
      });
    })
    .then(function (msg) {
      return { version: msg.version, operations: msg.operations, mutating: msg.mutating, runtime: msg.runtime };
    });
  ready.catch(function () {});

  function handleJson(operation, requestJson) {
    return ready.then(function () {
      return send({ type: "handle", operation: operation, request: requestJson }).then(function (msg) {
        return msg.json;
      });
    });
  }

  function call(operation, request) {
    var text;
    try {
      text = JSON.stringify(request === undefined ? null : request);
    } catch (err) {
      return Promise.reject(
        problem(
          "input.wrong_type",
          "$",
          "请求无法转成 JSON：" + (err && err.message ? err.message : String(err)),
          "the request cannot be written as JSON: " + (err && err.message ? err.message : String(err)),
        ),
      );
    }
    return handleJson(operation, text).then(function (json) {
      var value = JSON.parse(json);
      if (value && typeof value === "object" && !Array.isArray(value) && value.error && Object.keys(value).length === 1) {
        var e = value.error;
        throw problem(e.code, e.path, e.message_zh, e.message_en, e.details);
      }
      return value;
    });
  }

  return {
    ready: ready,
    call: call,
    handleJson: handleJson,
    operations: function () {
      return ready.then(function (info) {
        return info.operations;
      });
    },
    terminate: function () {
      dead =
        dead ||
        problem("worker.terminated", "$", "引擎的 Worker 已结束", "the engine's Worker has been terminated");
      rejectAll(dead);
      if (typeof worker.terminate === "function") worker.terminate();
    },
  };
}

module.exports = { connectWorker: connectWorker, PROTOCOL: PROTOCOL };
