// The one engine of the app, shared by every page.
//
// By default it runs in a Worker: the package's worker entry, copied into
// `workers/peixun/` by `npm run build`, loads the module from
// `/miniprogram_npm/peixun/peixun_bg.wasm.br` (outside the workers directory,
// which packs only .js). With `engineMode: "main"` it runs on this thread.
// Either way a page sees one thing: `call(operation, request)` → a promise of
// the engine's answer, and `attempt`, which never rejects.
const peixun = require("peixun/miniprogram");

const WORKER_ENTRY = "workers/peixun/index.js";

/** @typedef {{ code: string, path: string, message_zh: string, message_en: string }} Problem */
/** @typedef {{ call: (operation: string, request: object) => Promise<any>, ready: Promise<unknown>, terminate: () => void }} AppEngine */

/** @type {AppEngine | null} */
let current = null;

/** @returns {AppEngine} */
function inWorker() {
  /** @type {import("peixun/miniprogram").WorkerEngine} */
  let connected = peixun.connectWorker(wx.createWorker(WORKER_ENTRY, { useExperimentalWorker: true }));
  /** @type {(operation: string, request: object, again: boolean) => Promise<any>} */
  const call = (operation, request, again) =>
    connected.call(/** @type {any} */ (operation), /** @type {any} */ (request)).catch((err) => {
      // iOS may reclaim an experimental worker: start another once and ask again.
      if (again && peixun.isPeixunError(err) && err.code === "worker.killed") {
        connected = peixun.connectWorker(wx.createWorker(WORKER_ENTRY, { useExperimentalWorker: true }));
        return call(operation, request, false);
      }
      throw err;
    });
  return { ready: connected.ready, call: (operation, request) => call(operation, request, true), terminate: () => connected.terminate() };
}

/** @returns {AppEngine} */
function onThisThread() {
  const made = peixun.createEngine();
  return {
    ready: made,
    call: (operation, request) => made.then((e) => e.call(/** @type {any} */ (operation), /** @type {any} */ (request))),
    terminate: () => {},
  };
}

/** The app's engine, started on first use. */
function engine() {
  if (!current) {
    const app = getApp();
    const mode = app && app.globalData && app.globalData.engineMode;
    current = mode === "main" ? onThisThread() : inWorker();
    current.ready.catch(() => {});
  }
  return current;
}

/** @param {unknown} err @returns {Problem} */
function asProblem(err) {
  if (peixun.isPeixunError(err)) {
    return { code: err.code, path: err.path, message_zh: err.messageZh, message_en: err.messageEn };
  }
  const text = err && /** @type {Error} */ (err).message ? String(/** @type {Error} */ (err).message) : String(err);
  return { code: "app.unexpected", path: "$", message_zh: `出错了：${text}`, message_en: `something went wrong: ${text}` };
}

/**
 * The answer, or the problem: never rejects.
 * @param {string} operation @param {object} request
 * @returns {Promise<{ value?: any, error?: Problem }>}
 */
function attempt(operation, request) {
  return engine()
    .call(operation, request)
    .then(
      (value) => ({ value }),
      (err) => ({ error: asProblem(err) }),
    );
}

/** Ends the engine (and its Worker); the next call starts another (a settings page, the tests). */
function reset() {
  if (current) current.terminate();
  current = null;
}

module.exports = { engine, attempt, asProblem, reset, WORKER_ENTRY };
