// How answers become JS strings (crates/peixun-wasm/src/utf16.js, inlined into the glue):
// the mode each kind of host gets, and the UTF-16 decoding of the
// mini-program fallback (String.fromCharCode over chunks). The whole golden
// corpus also runs through each mode: Node (golden.test.mjs, Buffer), the
// mini-program stand-in (miniprogram.test.mjs, no Buffer and no TextDecoder)
// and Chromium (scripts/test-wasm.sh, TextDecoder).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { ROOT } from "./corpus.mjs";

const SOURCE = readFileSync(join(ROOT, "crates", "peixun-wasm", "src", "utf16.js"), "utf8");

/** The snippet's functions, evaluated in a context with only `globals`. */
function load(globals) {
  const context = vm.createContext({ ...globals });
  const script = SOURCE.replace(/^export function /gm, "function ") + "\n({ textMode, handsOverUtf16, decodeUtf16 });";
  return vm.runInContext(script, context);
}

function units(text) {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

// Long enough for several chunks, with a surrogate pair across each chunk edge.
const LONG = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? "😀" : i % 5 === 0 ? "培训" : "ab")).join("");

test("each kind of host gets its mode", () => {
  assert.equal(load({ Buffer }).textMode(), "buffer");
  assert.equal(load({ Buffer }).handsOverUtf16(), true);
  assert.equal(load({ TextDecoder }).handsOverUtf16(), false);
  assert.equal(load({}).handsOverUtf16(), true);
  assert.equal(load({ TextDecoder }).textMode(), "utf8");
  assert.equal(load({ Buffer, TextDecoder }).textMode(), "buffer");
  assert.equal(load({}).textMode(), "chars");
});

test("UTF-16 code units come back as the same string, with Buffer and without", () => {
  for (const globals of [{ Buffer }, {}]) {
    const { decodeUtf16 } = load(globals);
    for (const text of ["", "ascii", "电子培训券 é 😀", "\u{10ffff}\u0000\ud7ff", LONG]) {
      // A view into a larger buffer, as the module's memory is.
      const memory = new Uint16Array(text.length + 64);
      memory.set(units(text), 32);
      assert.equal(decodeUtf16(memory.subarray(32, 32 + text.length)), text, `${Object.keys(globals)}: ${text.slice(0, 20)}`);
    }
  }
});
