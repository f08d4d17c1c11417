// Types of the mini-program entry (WeChat WXWebAssembly, Alipay my.WebAssembly).

import type { Engine, PeixunErrorFields } from "../peixun.js";
export * from "../peixun.js";

/** What `WXWebAssembly` and `my.WebAssembly` offer: instantiate by package path only. */
export interface MiniProgramWebAssembly {
  instantiate(path: string, imports: object): Promise<{ instance: WebAssembly.Instance } | WebAssembly.Instance>;
}

export interface MiniProgramInitOptions {
  /** The .wasm or .wasm.br inside the code package (default: DEFAULT_PATH, for WeChat). */
  path?: string;
  /** Default: WXWebAssembly, else my.WebAssembly. */
  runtime?: MiniProgramWebAssembly;
}

/** `/miniprogram_npm/peixun/peixun_bg.wasm.br`: where WeChat's npm build puts the module. */
export declare const DEFAULT_PATH: string;

/** Instantiates the module once; later calls return the same promise. */
export declare function init(options?: MiniProgramInitOptions): Promise<void>;

/** `init(options)`, then a new Engine. Create one and keep it. */
export declare function createEngine(options?: MiniProgramInitOptions): Promise<Engine>;

export declare class PeixunError extends Error implements PeixunErrorFields {
  constructor(code: string, path: string, messageZh: string, messageEn: string);
  name: "PeixunError";
  code: string;
  path: string;
  messageZh: string;
  messageEn: string;
}

export declare function isPeixunError(value: unknown): value is PeixunError;
