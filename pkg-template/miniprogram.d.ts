// Types of the mini-program entry `peixun/miniprogram` (WeChat WXWebAssembly,
// Alipay my.WebAssembly, on the page or through a Worker). They name no DOM
// type: a mini-program project compiles them with `lib: ["ES2020"]` and
// `skipLibCheck: false`.

import type { Engine, OperationName, Operations, PeixunErrorFields, ProblemDetail } from "./peixun.js";
export * from "./peixun.js";

/** A WebAssembly instance as the mini-program runtimes give it (its exports). */
export interface MiniProgramInstance {
  readonly exports: object;
}

/** What `WXWebAssembly` and `my.WebAssembly` offer: instantiate by package path only. */
export interface MiniProgramWebAssembly {
  instantiate(path: string, imports: object): Promise<{ instance: MiniProgramInstance } | MiniProgramInstance>;
}

export interface MiniProgramInitOptions {
  /** The .wasm or .wasm.br inside the code package, from its root (default: `DEFAULT_PATH`, for WeChat). */
  path?: string;
  /** Default: what `checkRuntime` finds (WXWebAssembly on a WeChat page). Given, the platform checks are skipped. */
  runtime?: MiniProgramWebAssembly;
}

/** `/miniprogram_npm/peixun/peixun_bg.wasm.br`: where WeChat's npm build puts the module. */
export declare const DEFAULT_PATH: string;

/** The base libraries the package needs (`"2.13.0"`, …). */
export declare const MIN_BASE_LIBRARY: {
  /** WXWebAssembly on a WeChat page. */
  readonly wechat: string;
  /** A `.wasm.br` path on WeChat. */
  readonly wechatBrotli: string;
  /** WXWebAssembly inside a WeChat Worker. */
  readonly wechatWorker: string;
  /** my.WebAssembly (inside a Worker) on Alipay. */
  readonly alipay: string;
};

/** Instantiates the module once on this thread; later calls return the same promise. */
export declare function init(options?: MiniProgramInitOptions): Promise<void>;

/** `init(options)`, then a new Engine. Create one and keep it. */
export declare function createEngine(options?: MiniProgramInitOptions): Promise<Engine>;

export interface RuntimeCheckOptions {
  /** The module's path (a `.wasm.br` needs WeChat base library 2.14.0). */
  path?: string;
  /** The check is for a Worker about to run the engine (WeChat: base library 2.15.0). */
  worker?: boolean;
}

export interface RuntimeInfo {
  platform: "wechat" | "alipay";
  /** The base library the platform reports, or null where it reports none. */
  baseLibrary: string | null;
  name: "WXWebAssembly" | "my.WebAssembly";
  /** The object to instantiate with on this thread; null for a Worker check. */
  webAssembly: MiniProgramWebAssembly | null;
}

/**
 * Whether this runtime can load the module: `wx.canIUse("WXWebAssembly")` and
 * the base library. Throws a PeixunError (`runtime.no_webassembly`,
 * `runtime.base_library_too_old`, `runtime.worker_only`, `runtime.unsupported`)
 * with a zh/en message to show.
 */
export declare function checkRuntime(options?: RuntimeCheckOptions): RuntimeInfo;

/** -1, 0 or 1, comparing base-library versions part by part. */
export declare function compareVersion(a: string, b: string): -1 | 0 | 1;

/** What `wx.createWorker` / `my.createWorker` return, as far as the engine uses it. */
export interface MiniProgramWorker {
  postMessage(message: object): void;
  onMessage(listener: (res: any) => void): void;
  terminate(): void;
  /** WeChat's experimental worker: called when the system reclaims it. */
  onProcessKilled?(listener: () => void): void;
}

export interface ConnectWorkerOptions {
  /** The .wasm or .wasm.br in the code package, outside the workers directory (default on WeChat: `DEFAULT_PATH`; required on Alipay). */
  path?: string;
  /** How long to wait for the worker's first answer, in ms (default 15000; 0: forever). */
  initTimeoutMs?: number;
  /** false: skip the base-library checks (default true). */
  check?: boolean;
}

/** What the worker reports once the engine is up. */
export interface WorkerInfo {
  /** The crate version (`version()`). */
  version: string;
  operations: OperationName[];
  mutating: OperationName[];
  /** The WebAssembly object the worker used: `WXWebAssembly`, `my.WebAssembly`, `MYWebAssembly`. */
  runtime: string;
}

/** The engine in a Worker: the same operations and answers, asynchronously. */
export interface WorkerEngine {
  /** Resolves once the worker has loaded the module and made its engine. */
  readonly ready: Promise<WorkerInfo>;
  /** An operation by name: a plain object in, the answer out; an engine error rejects as a PeixunError. */
  call<K extends OperationName>(operation: K, request: Operations[K]["request"]): Promise<Operations[K]["response"]>;
  /** The canonical JSON answer, byte for byte what `Engine.handleJson` gives (errors as `{"error": …}`). */
  handleJson(operation: OperationName | string, requestJson: string): Promise<string>;
  operations(): Promise<OperationName[]>;
  /** Ends the worker; calls still waiting reject with `worker.terminated`. */
  terminate(): void;
}

/** Connects to peixun's worker entry running in `worker`. */
export declare function connectWorker(worker: MiniProgramWorker, options?: ConnectWorkerOptions): WorkerEngine;

export declare class PeixunError extends Error implements PeixunErrorFields {
  constructor(code: string, path: string, messageZh: string, messageEn: string);
  name: "PeixunError";
  code: string;
  path: string;
  messageZh: string;
  messageEn: string;
  details?: ProblemDetail[];
}

export declare function isPeixunError(value: unknown): value is PeixunError;
