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

// How a request given as a JS value becomes text (surface.rs, `plainJson`):
// a plain value — plain objects and arrays of strings, booleans, null and
// safe integers or finite numbers — is written by JSON.stringify, which is
// native code, and the module reads the text as `handleJson` does. Anything
// else (undefined, NaN, a BigInt, a Map, a Date or any object with toJSON,
// a class instance, a string with a surrogate, a getter that throws) answers
// undefined, and the module reads the value property by property, refusing
// what JSON cannot say at its path.
export function plainJson(value) {
  let plain = true;
  const check = function (key, v) {
    if (!plain) return undefined;
    if (/[\ud800-\udfff]/.test(key)) {
      plain = false;
      return undefined;
    }
    const own = this[key];
    switch (typeof own) {
      case "string":
        if (/[\ud800-\udfff]/.test(own)) plain = false;
        return v;
      case "boolean":
        return v;
      case "number":
        if (!Number.isFinite(own) || (Number.isInteger(own) && !Number.isSafeInteger(own))) plain = false;
        return v;
      case "object": {
        if (own === null || Array.isArray(own)) return v;
        const proto = Object.getPrototypeOf(own);
        if ((proto === Object.prototype || proto === null) && typeof own.toJSON !== "function") return v;
        plain = false;
        return undefined;
      }
      default:
        plain = false;
        return undefined;
    }
  };
  try {
    const text = JSON.stringify(value, check);
    return plain && typeof text === "string" ? text : undefined;
  } catch (e) {
    return undefined;
  }
}
