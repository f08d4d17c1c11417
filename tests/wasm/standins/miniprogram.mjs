// Stand-ins for WeChat's and Alipay's mini-program runtimes, in Node, that
// enforce the platforms' documented rules — no device is involved, and none
// has been tried (see the package README).
//
// A code package is a directory, as the platform would pack it:
// - WXWebAssembly / my.WebAssembly / MYWebAssembly instantiate only from a
//   string path inside it, absolute from its root (no bytes, no URL); `.wasm`,
//   and `.wasm.br` where the platform reads it (WeChat from base library
//   2.14.0); a module that exports a Global is refused ("iOS 平台暂不支持
//   Global"; the stand-in refuses it on every platform);
// - a workers directory packs only .js files: any other file in it is not in
//   the code package;
// - code runs in a context of its own with no WebAssembly, TextEncoder,
//   TextDecoder, fetch or Node globals; `require` takes relative paths, and
//   npm names as WeChat resolves them after "build npm"
//   (`peixun/miniprogram` → `miniprogram_npm/peixun/miniprogram.js`);
// - worker code may require only files inside its workers directory (WeChat:
//   "Worker 内代码只能 require 指定 Worker 路径内的文件"; assumed the same on
//   Alipay), has no `wx` API, gets a `worker` object; one Worker at a time;
//   messages are plain objects, copied, delivered asynchronously.

import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import vm from "node:vm";
import { brotliDecompressSync } from "node:zlib";

const OuterWebAssembly = WebAssembly;

/** Whether `file` (absolute) is part of the code package rooted at `root`. */
function packed(root, workersDirs, file) {
  const rel = relative(root, file);
  if (rel.startsWith("..") || rel.startsWith(sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  for (const w of workersDirs) {
    const inWorkers = rel === w || rel.startsWith(w + sep);
    if (inWorkers && !rel.endsWith(".js")) return false; // a workers directory packs only .js
  }
  return true;
}

/**
 * `instantiate(path, imports)` by package path only. options: `brotli`
 * (whether `.wasm.br` is read), `shape` ("result" → `{ module, instance }`,
 * "instance"), `calls` (paths asked for are pushed), `workersDirs`.
 */
export function webAssemblyStandIn(root, { brotli = true, shape = "result", calls = [], workersDirs = [], name = "WXWebAssembly" } = {}) {
  return {
    instantiate(path, imports) {
      calls.push(path);
      if (typeof path !== "string") {
        return Promise.reject(new TypeError(`${name}.instantiate takes a path inside the code package, not bytes or a URL`));
      }
      if (!path.startsWith("/") || path.includes("://")) {
        return Promise.reject(new Error(`${name}.instantiate:fail not an absolute code package path: ${path}`));
      }
      if (!(path.endsWith(".wasm") || (brotli && path.endsWith(".wasm.br")))) {
        return Promise.reject(new Error(`${name}.instantiate:fail not a .wasm${brotli ? " or .wasm.br" : ""} file: ${path}`));
      }
      const file = join(root, normalize(path));
      if (!packed(root, workersDirs, file)) {
        return Promise.reject(new Error(`${name}.instantiate:fail no such file in the code package: ${path}`));
      }
      let bytes = readFileSync(file);
      if (path.endsWith(".br")) bytes = brotliDecompressSync(bytes);
      let module;
      try {
        module = new OuterWebAssembly.Module(bytes);
      } catch (err) {
        return Promise.reject(err);
      }
      const globals = OuterWebAssembly.Module.exports(module).filter((e) => e.kind === "global");
      if (globals.length) {
        return Promise.reject(new Error(`${name}.instantiate:fail export of Global not supported on iOS (iOS 平台暂不支持 Global): ${globals.map((g) => g.name).join(", ")}`));
      }
      return OuterWebAssembly.instantiate(module, imports).then((instance) => (shape === "instance" ? instance : { module, instance }));
    },
  };
}

/**
 * A mini-program JS context: `{ context, require, load }`. `requireRoot`
 * limits what `require` may reach (a workers directory); `npm` is the folder
 * package names resolve in: `miniprogram_npm` as WeChat after "build npm",
 * `node_modules` as Alipay, false where no package may be required.
 */
export function jsContext(root, globals, { requireRoot = root, npm = "miniprogram_npm", label = "mini-program" } = {}) {
  const context = vm.createContext({ console, setTimeout, clearTimeout, setInterval, clearInterval, ...globals });
  vm.runInContext("delete globalThis.WebAssembly;", context);
  const cache = new Map();
  function load(file) {
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {} };
    cache.set(file, module);
    const source = readFileSync(file, "utf8");
    const fn = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, context, { filename: file });
    fn(module.exports, makeRequire(dirname(file)), module, file, dirname(file));
    return module.exports;
  }
  function resolve(dir, spec) {
    if (spec.startsWith("./") || spec.startsWith("../")) return join(dir, spec);
    if (spec.startsWith("/")) return join(root, spec);
    if (!npm) throw new Error(`${label}: cannot require the package ${spec} here`);
    const [first, ...rest] = spec.split("/");
    const name = first.startsWith("@") ? `${first}/${rest.shift()}` : first;
    const sub = rest.join("/");
    return join(root, npm, name, sub || "index");
  }
  function makeRequire(dir) {
    return (spec) => {
      let file = resolve(dir, spec);
      const candidates = [file, `${file}.js`, join(file, "index.js")];
      file = candidates.find((f) => packed(root, [], f) && f.endsWith(".js"));
      if (!file) throw new Error(`${label}: module not found: ${spec} (from ${relative(root, dir) || "/"})`);
      const rel = relative(requireRoot, file);
      if (rel.startsWith("..") || rel.startsWith(sep)) {
        throw new Error(`${label}: ${spec} is outside ${relative(root, requireRoot)}/; worker code may require only files inside its workers directory`);
      }
      return load(file);
    };
  }
  return { context, require: makeRequire(root), load, run: (code) => vm.runInContext(code, context) };
}

/** A worker pair: the page's Worker object and the worker's `worker` global, messages copied and asynchronous. */
function channel({ shape, onTerminate }) {
  let toPage = [];
  let toWorker = [];
  let killed = [];
  let alive = true;
  const deliver = (listeners, message) => {
    if (message === null || typeof message !== "object" || Array.isArray(message)) {
      throw new TypeError("postMessage takes a key-value object");
    }
    const copy = structuredClone(message);
    setTimeout(() => {
      if (!alive) return;
      for (const l of listeners) l(shape === "wrapped" ? { message: copy } : copy);
    }, 0);
  };
  const pageSide = {
    postMessage: (m) => deliver(toWorker, m),
    onMessage: (l) => toPage.push(l),
    terminate: () => {
      if (!alive) return;
      alive = false;
      toPage = [];
      toWorker = [];
      onTerminate();
    },
    onProcessKilled: (l) => killed.push(l),
  };
  // The system reclaims an experimental worker (WeChat): it stops, the page is told.
  const kill = () => {
    const listeners = killed;
    pageSide.terminate();
    killed = [];
    for (const l of listeners) l();
  };
  const workerSide = {
    postMessage: (m) => deliver(toPage, m),
    onMessage: (l) => toWorker.push(l),
  };
  return { pageSide, workerSide, kill, isAlive: () => alive };
}

/**
 * WeChat: `{ wx, WXWebAssembly, workers: [] }` for a page context. options:
 * `sdk` (base library, default "3.0.0"), `workersDir` (app.json's `workers`),
 * `canIUse` (default from sdk), `calls`.
 */
export function wechat(root, { sdk = "3.0.0", workersDir = "workers", calls = [], messageShape = "plain" } = {}) {
  const atLeast = (v) => compare(sdk, v) >= 0;
  const wxWasm = atLeast("2.13.0")
    ? webAssemblyStandIn(root, { brotli: atLeast("2.14.0"), calls, workersDirs: [workersDir], name: "WXWebAssembly" })
    : undefined;
  const live = [];
  const created = [];
  const wx = {
    canIUse: (what) => (what === "WXWebAssembly" ? atLeast("2.13.0") : true),
    getAppBaseInfo: () => ({ SDKVersion: sdk }),
    getSystemInfoSync: () => ({ SDKVersion: sdk, platform: "ios" }),
    createWorker(scriptPath) {
      if (typeof scriptPath !== "string" || scriptPath.startsWith("/")) {
        throw new Error(`wx.createWorker: scriptPath is an absolute path written without a leading /: ${scriptPath}`);
      }
      const rel = normalize(scriptPath);
      if (!(rel === workersDir || rel.startsWith(workersDir + sep))) {
        throw new Error(`wx.createWorker: ${scriptPath} is not inside the workers directory ${workersDir}/ of app.json`);
      }
      if (live.length) throw new Error("wx.createWorker: only one Worker at a time; terminate the other first");
      const entry = join(root, rel);
      if (!packed(root, [workersDir], entry)) throw new Error(`wx.createWorker: no such file in the code package: ${scriptPath}`);
      const record = { scriptPath };
      const ch = channel({ shape: messageShape, onTerminate: () => live.splice(live.indexOf(record), 1) });
      record.kill = ch.kill;
      const globals = { worker: ch.workerSide };
      // WXWebAssembly inside a Worker from base library 2.15.0.
      if (wxWasm && atLeast("2.15.0")) globals.WXWebAssembly = wxWasm;
      const ctx = jsContext(root, globals, { requireRoot: join(root, workersDir), npm: false, label: "WeChat worker" });
      record.context = ctx;
      live.push(record);
      created.push(record);
      ctx.load(entry);
      return ch.pageSide;
    },
  };
  return { wx, WXWebAssembly: wxWasm, live, created };
}

/**
 * Alipay: `{ my }` for a page context (no WebAssembly on the page). options:
 * `sdk`, `workers` (app.json's list of worker entry files), `workerGlobal`
 * ("MYWebAssembly" or "my.WebAssembly": how the worker sees it), `calls`.
 */
export function alipay(root, { sdk = "2.9.7", workers = [], workerGlobal = "my.WebAssembly", calls = [], messageShape = "plain" } = {}) {
  const live = [];
  const wasm = webAssemblyStandIn(root, { brotli: true, shape: "result", calls, workersDirs: workers.map((w) => dirname(w)), name: workerGlobal });
  const my = {
    SDKVersion: sdk,
    createWorker(scriptPath) {
      if (!workers.includes(scriptPath)) throw new Error(`my.createWorker: ${scriptPath} is not listed in app.json's workers`);
      if (live.length) throw new Error("my.createWorker: only one Worker at a time; terminate the other first");
      const record = { scriptPath };
      const ch = channel({ shape: messageShape, onTerminate: () => live.splice(live.indexOf(record), 1) });
      const globals = { worker: ch.workerSide };
      if (workerGlobal === "MYWebAssembly") globals.MYWebAssembly = wasm;
      else globals.my = { WebAssembly: wasm };
      const ctx = jsContext(root, globals, { requireRoot: join(root, dirname(scriptPath)), npm: false, label: "Alipay worker" });
      live.push(record);
      ctx.load(join(root, scriptPath));
      return ch.pageSide;
    },
  };
  return { my, live };
}

function compare(a, b) {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0) ? -1 : 1;
  }
  return 0;
}
