// Instantiates the WebAssembly module for the browser entries (web/index.js,
// embedded/index.js, trainee/index.js) from whatever `init(source)` was given,
// and says what went wrong, in Chinese and English, when what arrived is not
// the module: the usual cause is a bundler or dev server that did not serve
// the package's `.wasm`, and the error names the setting that fixes it.

import { PeixunError } from "../errors.js";

const IMPORT_MODULE = "./peixun_bg.js";

// What to do when the module could not be fetched or is not WebAssembly.
const FIX_ZH =
  "Vite 开发服务器（vite dev）：在 vite.config 中加入 optimizeDeps: { exclude: [\"peixun\"] }；" +
  "不处理 new URL(…, import.meta.url) 资源的打包工具（Rollup、esbuild 等）：改为 import \"peixun/embedded\"（模块内嵌于 JS）；" +
  "或把 .wasm 的地址或字节传给 createEngine(source)";
const FIX_EN =
  'in Vite dev, add optimizeDeps: { exclude: ["peixun"] } to vite.config; ' +
  'with a bundler that does not emit new URL(…, import.meta.url) assets (Rollup, esbuild), import "peixun/embedded" ' +
  "(the module inlined in JS) instead; or pass the .wasm's URL or bytes to createEngine(source)";

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

function where(url) {
  return url ? ` (${url})` : "";
}

/** Throws `load.not_wasm` unless `buffer` starts with the WebAssembly magic `\0asm`. */
function checkMagic(buffer, url) {
  const head = new Uint8Array(buffer.buffer ?? buffer, buffer.byteOffset ?? 0, Math.min(4, buffer.byteLength));
  if (head.length === 4 && head[0] === 0x00 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d) return;
  const found = hex(head) || "nothing";
  const html = head[0] === 0x3c ? "（是 HTML 页面，多为开发服务器的回退页）" : "";
  const htmlEn = head[0] === 0x3c ? " (an HTML page, most often a dev server's fallback)" : "";
  throw new PeixunError(
    "load.not_wasm",
    "$",
    `peixun：取得的内容不是 WebAssembly 模块${where(url)}：应以 00 61 73 6d 开头，实际为 ${found}${html}。${FIX_ZH}。`,
    `what was loaded${where(url)} is not the WebAssembly module: expected 00 61 73 6d, found ${found}${htmlEn}. Fix: ${FIX_EN}.`,
  );
}

function fetchFailed(url, detail) {
  return new PeixunError(
    "load.fetch_failed",
    "$",
    `peixun：无法取得 WebAssembly 模块${where(url)}：${detail}。${FIX_ZH}。`,
    `could not fetch the WebAssembly module${where(url)}: ${detail}. Fix: ${FIX_EN}.`,
  );
}

/**
 * The instance of the module for the glue `bg`, from `source` (a URL, string,
 * Request, Response, promise of one, ArrayBuffer, typed array or
 * WebAssembly.Module).
 */
export async function instantiate(bg, source) {
  const imports = { [IMPORT_MODULE]: bg };
  if (source instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(source, imports);
  }
  let url = null;
  const isRequest = typeof Request !== "undefined" && source instanceof Request;
  if (typeof source === "string" || source instanceof URL || isRequest) {
    url = isRequest ? source.url : String(source);
    try {
      source = await fetch(source);
    } catch (err) {
      throw fetchFailed(url, String((err && err.message) || err));
    }
  }
  if (source && typeof source.then === "function") {
    source = await source;
  }
  if (typeof Response !== "undefined" && source instanceof Response) {
    url = source.url || url;
    if (!source.ok) {
      throw fetchFailed(url, `HTTP ${source.status}`);
    }
    const type = source.headers.get("Content-Type") || "";
    if (typeof WebAssembly.instantiateStreaming === "function" && type.startsWith("application/wasm")) {
      const { instance } = await WebAssembly.instantiateStreaming(source, imports);
      return instance;
    }
    source = await source.arrayBuffer();
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    checkMagic(source, url);
  }
  const { instance } = await WebAssembly.instantiate(source, imports);
  return instance;
}

/** Hands the instance to the glue and runs the module's start function. */
export function start(bg, instance) {
  bg.__wbg_set_wasm(instance.exports);
  if (typeof instance.exports.__wbindgen_start === "function") {
    instance.exports.__wbindgen_start();
  }
}
