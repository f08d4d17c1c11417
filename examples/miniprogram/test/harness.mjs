// The mini-program in Node, as miniprogram-simulate (WeChat's j-component)
// renders it under jsdom, with WeChat's own WXML compiler (wcc, from
// miniprogram-compiler) — and under the stand-ins of the repository's
// tests/wasm/standins/miniprogram.mjs for what only a phone has:
// WXWebAssembly (a path inside the code package only, no Global exports),
// wx.createWorker (worker code requires only inside workers/, which packs only
// .js; one Worker; copied, asynchronous messages) and the few wx APIs the
// pages use (storage, request, scanCode, navigateTo). A page's
// `require("peixun/miniprogram")` resolves as WeChat resolves it after
// "构建 npm": to miniprogram_npm/peixun/miniprogram.js, the folder the npm build
// built — so the tests run the package as the project ships it.
// Nothing here has run on a device.

import Module, { createRequire } from "node:module";
import { existsSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";
import { wechat } from "../../../tests/wasm/standins/miniprogram.mjs";

const require = createRequire(import.meta.url);
export const PROJECT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const MP = join(PROJECT, "miniprogram");

if (!existsSync(join(MP, "miniprogram_npm", "peixun", "miniprogram.js"))) {
  throw new Error("build the project first: npm run build (构建 npm)");
}

// --- WeChat's module resolution for the mini-program's own files -------------
const isFile = (f) => existsSync(f) && statSync(f).isFile();
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, isMain, options) {
  const from = parent && parent.filename;
  if (from && from.startsWith(MP + sep) && !request.startsWith(".") && !request.startsWith("/")) {
    if (Module.isBuiltin(request)) throw new Error(`a mini-program cannot require Node's ${request} (${from})`);
    const base = join(MP, "miniprogram_npm", request);
    const found = [base, `${base}.js`, join(base, "index.js")].find(isFile);
    if (!found) throw new Error(`module not found: ${request} is not in miniprogram_npm/ (构建 npm first)`);
    return found;
  }
  return originalResolve.call(this, request, parent, isMain, options);
};

// --- a DOM for j-component -----------------------------------------------------
const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "Node", "Element", "HTMLElement", "Event", "CustomEvent", "TouchEvent", "MutationObserver", "getComputedStyle", "requestAnimationFrame"]) {
  if (name === "window") global.window = dom.window;
  else if (dom.window[name] !== undefined) global[name] = typeof dom.window[name] === "function" && /^[a-z]/.test(name) ? dom.window[name].bind(dom.window) : dom.window[name];
}

// --- the platform ---------------------------------------------------------------
export const platform = wechat(MP, { sdk: "3.4.0", workersDir: "workers" });
export const storage = new Map();
export const requests = [];
export const navigations = [];
/** What wx.request answers: set per test; default: no network. */
export const net = { handler: null };
export const scan = { result: null };

const wxStandIn = {
  ...platform.wx,
  getStorageSync: (key) => (storage.has(key) ? JSON.parse(storage.get(key)) : ""),
  setStorageSync: (key, value) => storage.set(key, JSON.stringify(value)),
  removeStorageSync: (key) => storage.delete(key),
  request(options) {
    const call = { url: options.url, method: options.method, data: options.data, header: options.header };
    requests.push(call);
    setTimeout(() => {
      const answer = net.handler ? net.handler(call) : { fail: { errMsg: "request:fail no network" } };
      if (answer.fail) options.fail && options.fail(answer.fail);
      else options.success && options.success({ statusCode: answer.statusCode, data: answer.data, header: {} });
      options.complete && options.complete({});
    }, 0);
    return { abort() {} };
  },
  scanCode(options) {
    setTimeout(() => {
      if (scan.result) options.success && options.success({ result: scan.result, scanType: "QR_CODE" });
      else options.fail && options.fail({ errMsg: "scanCode:fail cancel" });
    }, 0);
  },
  navigateTo: (options) => navigations.push(options.url),
  showToast: () => {},
  onNetworkStatusChange: () => {},
};
global.wx = wxStandIn;
global.WXWebAssembly = platform.WXWebAssembly;

// miniprogram-simulate adds its own wx API; the stand-ins above take precedence.
const simulate = require("miniprogram-simulate");
Object.assign(global.wx, wxStandIn);

// --- the app ------------------------------------------------------------------------
let app = null;
global.App = (options) => {
  app = options;
};
global.getApp = () => app;
require(join(MP, "app.js"));
export const engineModule = require(join(MP, "lib", "engine.js"));

/** Starts the app (onLaunch), with `globalData` changes. */
export function launch(globalData = {}) {
  Object.assign(app.globalData, globalData);
  app.onLaunch();
  return app;
}

export function getApp() {
  return app;
}

/** Renders a page (a Component) or component by its path under the mini-program root. */
export function render(path, properties) {
  const id = simulate.load(join(MP, path), { rootPath: MP });
  const comp = simulate.render(id, properties);
  comp.attach(document.createElement("parent-wrapper"));
  return comp;
}

/** Waits until `check()` is truthy (the pages' work is asynchronous: the engine is in a Worker). */
export async function until(check, what = "the page", timeout = 20000) {
  // performance.now(): the tests freeze Date to a chosen moment.
  const start = performance.now();
  for (;;) {
    const v = check();
    if (v) return v;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The text of the first element matching `selector` in a rendered page. */
export function text(comp, selector) {
  const el = comp.querySelector(selector);
  return el ? el.dom.textContent.replace(/\s+/g, " ").trim() : null;
}

export { simulate };
