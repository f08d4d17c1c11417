// peixun/embedded (the module inlined as base64) through the exports map, in
// its own process: the same engine, no .wasm file read or fetched.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cases } from "./corpus.mjs";

test("peixun/embedded starts without a source and answers a golden case byte for byte", async () => {
  const embedded = await import("peixun/embedded");
  const engine = await embedded.createEngine();
  const c = cases().find((k) => k.name.endsWith("dalian/02-phone-self-check-needs-review.json"));
  assert.ok(c);
  assert.equal(engine.handleJson(c.operation, c.request), c.output);
  assert.throws(() => engine.checkId("123"), (e) => embedded.isPeixunError(e) && e.code === "id.length");
});
