// The browser loader (pkg/web/index.js) in Node, from bytes: its own file, so
// its own process (node --test runs each file in one). The browser loader and
// the Node entry share the glue module, so they must not both be loaded in one
// process; the exports map gives each environment one of them.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./corpus.mjs";

const PKG = join(ROOT, "pkg");

test("the browser loader instantiates from a Response with the wasm bytes", async () => {
  const web = await import(pathToFileURL(join(PKG, "web", "index.js")).href);
  const bytes = readFileSync(join(PKG, "peixun_bg.wasm"));
  const engine = await web.createEngine(new Response(bytes, { headers: { "Content-Type": "application/wasm" } }));
  assert.equal(engine.isWorkday("2023-10-08"), true);
  // init is once only: a second call returns the same promise.
  assert.equal(web.init(), web.init());
  assert.throws(() => engine.isWorkday("2031-01-01"), (e) => web.isPeixunError(e) && e.code === "calendar.year_unknown");
});

