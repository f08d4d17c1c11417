// The shipped module exports no Global: WXWebAssembly takes "函数、Memory、Table，
// iOS 平台暂不支持 Global", so a Global export may be refused on iPhones.
// The export section is read byte by byte here (scripts/wasm/exports.mjs) and
// cross-checked with the JS engine's own reading, for every copy the package
// ships: the full module (.wasm, .wasm.br at its root) and the trainee's
// (trainee/, and the copy in miniprogram/).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { ROOT } from "./corpus.mjs";
import { dropGlobalExports, globalExports, readExports } from "../../../scripts/wasm/exports.mjs";

const PKG = join(ROOT, "pkg");
const copies = {
  "peixun_bg.wasm": readFileSync(join(PKG, "peixun_bg.wasm")),
  "peixun_bg.wasm.br": brotliDecompressSync(readFileSync(join(PKG, "peixun_bg.wasm.br"))),
  "trainee/peixun_bg.wasm": readFileSync(join(PKG, "trainee", "peixun_bg.wasm")),
  "trainee/peixun_bg.wasm.br": brotliDecompressSync(readFileSync(join(PKG, "trainee", "peixun_bg.wasm.br"))),
  "miniprogram/peixun_bg.wasm.br": brotliDecompressSync(readFileSync(join(PKG, "miniprogram", "peixun_bg.wasm.br"))),
};

test("every shipped copy of the module exports only functions, its memory and tables", () => {
  for (const [name, bytes] of Object.entries(copies)) {
    const exports = readExports(bytes);
    const kinds = new Set(exports.map((e) => e.kind));
    assert.deepEqual([...kinds].filter((k) => !["function", "memory", "table"].includes(k)), [], name);
    assert.deepEqual(globalExports(bytes), [], name);
    assert.ok(exports.some((e) => e.kind === "memory" && e.name === "memory"), `${name}: the memory is exported`);
    // The JS engine reads the same section the same way.
    const engine = WebAssembly.Module.exports(new WebAssembly.Module(bytes));
    assert.deepEqual(
      exports.map((e) => `${e.kind} ${e.name}`),
      engine.map((e) => `${e.kind} ${e.name}`),
      name,
    );
  }
});

test("each module's copies are the same module, and the two modules export the same names", () => {
  const c = copies;
  assert.ok(c["peixun_bg.wasm"].equals(c["peixun_bg.wasm.br"]));
  assert.ok(c["trainee/peixun_bg.wasm"].equals(c["trainee/peixun_bg.wasm.br"]));
  assert.ok(c["trainee/peixun_bg.wasm"].equals(c["miniprogram/peixun_bg.wasm.br"]));
  const names = (bytes) => readExports(bytes).map((e) => `${e.kind} ${e.name}`);
  assert.deepEqual(names(c["trainee/peixun_bg.wasm"]), names(c["peixun_bg.wasm"]));
});

test("wasm-bindgen's Globals are not read by the glue the package ships", () => {
  for (const file of ["peixun_bg.js", "peixun_bg.cjs", "miniprogram/peixun_bg.js", "miniprogram-worker/peixun_bg.js"]) {
    const text = readFileSync(join(PKG, file), "utf8");
    assert.ok(!text.includes("__instance_terminated") && !text.includes("__abort_handler"), file);
  }
});

// A small module written out by hand: a function, a memory, a global and a
// table, each exported; the Global export goes and the rest stays valid.
function handMadeModule() {
  const str = (s) => [s.length, ...Buffer.from(s)];
  const section = (id, body) => [id, body.length, ...body];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 1, 0x7f]), // type: () -> i32
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(4, [1, 0x70, 0x00, 1]), // table: funcref, min 1
    ...section(5, [1, 0x00, 1]), // memory: min 1 page
    ...section(6, [1, 0x7f, 0x00, 0x41, 0x2a, 0x0b]), // global: const i32 = 42
    ...section(7, [4, ...str("f"), 0, 0, ...str("memory"), 2, 0, ...str("__instance_terminated"), 3, 0, ...str("t"), 1, 0]),
    ...section(10, [1, 4, 0, 0x41, 0x07, 0x0b]), // f returns 7
  ];
  return new Uint8Array(bytes);
}

test("dropGlobalExports removes only the Global exports and keeps a valid module", async () => {
  const before = handMadeModule();
  assert.deepEqual(globalExports(before), ["__instance_terminated"]);
  const { bytes, dropped } = dropGlobalExports(before);
  assert.deepEqual(dropped, ["__instance_terminated"]);
  assert.deepEqual(
    readExports(bytes).map((e) => `${e.kind} ${e.name}`),
    ["function f", "memory memory", "table t"],
  );
  const { instance } = await WebAssembly.instantiate(bytes);
  assert.equal(instance.exports.f(), 7);
  assert.equal(instance.exports.__instance_terminated, undefined);
  // Nothing to drop: the same bytes back.
  assert.equal(dropGlobalExports(bytes).bytes, bytes);
  assert.throws(() => readExports(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), /not a WebAssembly module/);
});
