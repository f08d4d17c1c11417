// How the module's answers become JS strings (text.rs beside it). Chosen once,
// by what the host has:
// - Node (Buffer): the module hands over UTF-16 code units and Buffer makes
//   the string with one copy (Node's UTF-8 decoding is slow for Chinese:
//   about 10 µs for a 3.7 KB verdict, against 0.5 µs from UTF-16);
// - browsers (TextDecoder, no Buffer): UTF-8 through wasm-bindgen's own glue
//   (Chromium's UTF-8 decoder is faster than its UTF-16 one);
// - mini-programs without TextDecoder: UTF-16 code units and
//   String.fromCharCode over chunks, which is native code, where a UTF-8
//   decoder would have to be written in JS.

const CHUNK = 4096;

const MODE =
  typeof Buffer === "function" && typeof Buffer.from === "function"
    ? "buffer"
    : typeof TextDecoder === "function"
      ? "utf8"
      : "chars";

export function handsOverUtf16() {
  return MODE !== "utf8";
}

export function textMode() {
  return MODE;
}

// `units`: a Uint16Array view of the module's memory, read before returning.
export function decodeUtf16(units) {
  if (MODE === "buffer") {
    return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString("utf16le");
  }
  if (units.length <= CHUNK) return String.fromCharCode.apply(null, units);
  let out = "";
  for (let i = 0; i < units.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(i, i + CHUNK));
  }
  return out;
}
