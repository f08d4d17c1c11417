// Garbage to every exported function: wrong types, null, undefined, huge
// strings, malformed JSON, numbers where strings go, cycles, deep nesting,
// getters that throw. Each call must return normally or throw an Error with a
// string `code`; never a WebAssembly trap (a panic would abort the instance,
// "RuntimeError: unreachable"), and the engine must keep working afterwards.
//
// The methods are found by looking at the Engine class, so a method added
// later is covered without touching this file.

import { test } from "node:test";
import assert from "node:assert/strict";
import * as peixun from "peixun";

const { Engine } = peixun;

const MB = 1024 * 1024;
const huge = "x".repeat(9 * MB); // over the 8 MiB input limit
const hugeWide = "培".repeat(3 * MB); // 9 MiB of UTF-8, 3 Mi UTF-16 units
let deep = {};
for (let i = 0, o = deep; i < 5000; i++) o = o.a = {};
let deepArray = [];
for (let i = 0, a = deepArray; i < 5000; i++) a = a[0] = [];
const cyclic = { kind: "person" };
cyclic.self = cyclic;
const throwingGetter = Object.defineProperty({ kind: "person" }, "name", {
  enumerable: true,
  get() {
    throw new Error("boom");
  },
});
const proxy = new Proxy({}, { ownKeys() { throw new Error("trap"); } });

const garbage = [
  undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53 + 2, -0, 1e308,
  10n, 2n ** 70n,
  "", " ", "x", "{", "[", "}", "null", "{\"a\":", "\u0000", "\ud800", "2023-02-30", "2023-10-07", "9999-99-99",
  "dalian-2023-major-conversion", "id = ", "{\"year\": 1e999}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
  huge, hugeWide,
  {}, [], [1, "a", null], { kind: "person" }, { kind: 5 }, { kind: "enterprise", workers: "many" },
  { policy: 1, applicant: [] }, { number: 123 }, { head: -5, tail: 1e12 }, { unknown_years: 7 },
  { year: "2023", month: "10" }, { name: huge }, { kind: "person", name: hugeWide },
  deep, deepArray, cyclic, throwingGetter, proxy,
  () => 1, Symbol("s"), new Date(0), new Map([["a", 1]]), new Set([1]), new Uint8Array([1, 2, 3]),
  Object.create(null), [ , , 1], new Error("e"), /re/, new Proxy([], {}),
];

function describe(v) {
  if (typeof v === "string") return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "symbol" || typeof v === "function") return typeof v;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 40 ? `${typeof v}(${s.length})` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}

function check(label, fn) {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) return `${label}: trapped: ${err.message}`;
    if (!(err instanceof Error)) return `${label}: threw a non-Error ${String(err)}`;
    if (typeof err.code !== "string" || err.code === "") return `${label}: Error without a code: ${err.message}`;
    if (typeof err.path !== "string" || typeof err.messageZh !== "string" || typeof err.messageEn !== "string") {
      return `${label}: Error without path/messages`;
    }
    return null;
  }
}

function healthy(engine) {
  return engine.isWorkday("2023-10-07") === true && engine.maskId("11010519491231002X") === "110105********002X";
}

const methods = Object.getOwnPropertyNames(Engine.prototype).filter(
  (name) => typeof Engine.prototype[name] === "function" && !["constructor", "free", "__destroy_into_raw"].includes(name),
);

test("the Engine has the methods the brief names", () => {
  for (const m of [
    "handleJson", "call", "checkEligibility", "checkId", "maskId", "checkCreditCode", "lintPolicy", "loadPolicy",
    "listPolicies", "isWorkday", "workdaysInMonth", "countWorkdays", "addWorkdays", "nextWorkday", "previousWorkday",
    "holidayName", "calendarDay", "applyCalendarUpdate", "operations",
  ]) {
    assert.ok(methods.includes(m), m);
  }
});

for (const method of methods) {
  test(`garbage into Engine.${method}`, () => {
    const engine = new Engine();
    const arity = Math.max(Engine.prototype[method].length, 1);
    const problems = [];
    // Each garbage value in each position, the other arguments plausible.
    const plausible = ["2023-10-07", 5, undefined];
    for (let pos = 0; pos < arity + 1; pos++) {
      for (const g of garbage) {
        const args = plausible.slice(0, arity + 1);
        args[pos] = g;
        const p = check(`${method}(${args.map(describe).join(", ")})`, () => engine[method](...args));
        if (p) problems.push(p);
      }
    }
    // Garbage everywhere at once, and no arguments at all.
    for (const g of garbage) {
      const p = check(`${method}(${describe(g)} × ${arity})`, () => engine[method](...Array(arity).fill(g)));
      if (p) problems.push(p);
    }
    const p = check(`${method}()`, () => engine[method]());
    if (p) problems.push(p);
    // Every operation through the generic entry points.
    if (method === "handleJson" || method === "call") {
      for (const op of [...engine.operations(), "nope", ""]) {
        for (const g of garbage) {
          const req = method === "handleJson" && typeof g !== "string" ? String(g === undefined ? "" : describe(g)) : g;
          const p = check(`${method}(${op}, ${describe(req)})`, () => engine[method](op, req));
          if (p) problems.push(p);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(healthy(engine), "the engine still answers");
    engine.free();
  });
}

test("garbage into the module's free functions and the constructor", () => {
  const problems = [];
  for (const [name, fn] of Object.entries(peixun)) {
    if (typeof fn !== "function" || name === "Engine" || name === "PeixunError") continue;
    for (const g of garbage) {
      const p = check(`${name}(${describe(g)})`, () => {
        const r = fn(g);
        if (r && typeof r.catch === "function") r.catch(() => {});
      });
      if (p) problems.push(p);
    }
  }
  for (const g of garbage) {
    const p = check(`new Engine(${describe(g)})`, () => new Engine(g).free());
    if (p) problems.push(p);
  }
  assert.deepEqual(problems, []);
});

test("huge strings are refused before they are copied", () => {
  const engine = new Engine();
  for (const s of [huge, hugeWide]) {
    assert.throws(() => engine.checkId(s), { code: "input.too_large" });
    // handleJson throws when the text is over the limit in UTF-16 units already;
    // otherwise the engine measures the UTF-8 bytes and answers with the error.
    let out;
    try {
      out = engine.handleJson("id.check", s);
    } catch (err) {
      out = JSON.stringify({ error: { code: err.code } });
    }
    assert.equal(JSON.parse(out).error.code, "input.too_large");
  }
  assert.throws(() => engine.checkEligibility("dalian-2023-major-conversion", { kind: "person", name: huge }), { code: "input.too_large" });
  assert.ok(healthy(engine));
  engine.free();
});

test("cycles and deep nesting are refused with a path", () => {
  const engine = new Engine();
  assert.throws(() => engine.checkEligibility("dalian-2023-major-conversion", cyclic), { code: "input.wrong_type", path: "$.applicant" });
  assert.throws(() => engine.call("eligibility", deep), { code: "input.wrong_type" });
  assert.throws(() => engine.checkEligibility("dalian-2023-major-conversion", throwingGetter), { code: "input.wrong_type" });
  assert.ok(healthy(engine));
  engine.free();
});
