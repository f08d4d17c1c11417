// The golden corpus through the built npm package: every case's output must be
// byte-identical to its `output`, which `cargo test --test golden` checks the
// native engine against. So native and WebAssembly agree byte for byte.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Engine, mutatingOperations } from "peixun";
import { cases, engineFor } from "./corpus.mjs";

const all = cases();
const mutating = new Set(mutatingOperations());

test("the corpus is there", () => {
  assert.ok(all.length >= 50, `only ${all.length} cases`);
});

test("handleJson: every golden case, byte for byte", async () => {
  const engine = new Engine();
  const failures = [];
  for (const c of all) {
    // An operation that changes the engine runs on a fresh one, as natively;
    // so does a case that loads a deployment's policies first.
    const [e, fresh] = await engineFor(c, engine, mutating, () => new Engine());
    const got = e.handleJson(c.operation, c.request);
    if (got !== c.output) failures.push(`${c.name}\n  want ${c.output}\n  got  ${got}`);
    if (fresh) e.free();
  }
  assert.deepEqual(failures, []);
});

test("call: every golden case gives the same object (or throws the same error)", async () => {
  const engine = new Engine();
  const failures = [];
  for (const c of all) {
    if (typeof c.requestValue !== "object" || c.requestValue === null) continue; // malformed-text cases
    const [e, fresh] = await engineFor(c, engine, mutating, () => new Engine());
    const want = JSON.parse(c.output);
    let got;
    try {
      got = e.call(c.operation, c.requestValue);
    } catch (err) {
      got = { error: { code: err.code, path: err.path, message_zh: err.messageZh, message_en: err.messageEn, ...(err.details ? { details: err.details } : {}) } };
    }
    try {
      assert.deepEqual(got, want);
    } catch {
      failures.push(c.name);
    }
    if (fresh) e.free();
  }
  assert.deepEqual(failures, []);
});
