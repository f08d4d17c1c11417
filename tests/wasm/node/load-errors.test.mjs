// What the browser loader (pkg/web/index.js) says when what it is given is not
// the module: a dev server's HTML fallback page (Vite dev with the package
// pre-bundled), a 404 (a bundler that did not emit the .wasm). Its own file, so
// its own process: the loaders share the glue module.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./corpus.mjs";

const PKG = join(ROOT, "pkg");
const web = await import(pathToFileURL(join(PKG, "web", "index.js")).href);

const VITE_FIX = 'optimizeDeps: { exclude: ["peixun"] }';
const EMBEDDED_FIX = '"peixun/embedded"';

test("an HTML page instead of the module: load.not_wasm, naming the fixes in Chinese and English", async () => {
  const html = new Response("<!DOCTYPE html><html><head></head></html>", { headers: { "Content-Type": "text/html" } });
  await assert.rejects(web.createEngine(html), (e) => {
    assert.ok(web.isPeixunError(e) && e instanceof web.PeixunError);
    assert.equal(e.code, "load.not_wasm");
    assert.equal(e.path, "$");
    assert.match(e.messageEn, /expected 00 61 73 6d, found 3c 21 44 4f \(an HTML page/);
    assert.match(e.messageZh, /应以 00 61 73 6d 开头，实际为 3c 21 44 4f（是 HTML 页面/);
    for (const fix of [VITE_FIX, EMBEDDED_FIX]) {
      assert.ok(e.messageEn.includes(fix), fix);
      assert.ok(e.messageZh.includes(fix), fix);
    }
    return true;
  });
  // Bytes too: an empty buffer is not the module either.
  await assert.rejects(web.createEngine(new Uint8Array(0)), (e) => e.code === "load.not_wasm" && /found nothing/.test(e.messageEn));
});

test("a 404 or no answer: load.fetch_failed; a later init with the module still works", async () => {
  await assert.rejects(web.createEngine(new Response("not found", { status: 404 })), (e) => {
    assert.equal(e.code, "load.fetch_failed");
    assert.match(e.messageEn, /HTTP 404/);
    assert.ok(e.messageZh.includes(EMBEDDED_FIX) && e.messageEn.includes(VITE_FIX));
    return true;
  });
  // A URL nothing answers: the fetch itself fails, and the message names the URL.
  await assert.rejects(web.createEngine("http://127.0.0.1:9/peixun_bg.wasm"), (e) => {
    assert.equal(e.code, "load.fetch_failed");
    assert.ok(e.messageEn.includes("(http://127.0.0.1:9/peixun_bg.wasm)"), e.messageEn);
    assert.ok(e.messageZh.includes("(http://127.0.0.1:9/peixun_bg.wasm)"), e.messageZh);
    return true;
  });
  const engine = await web.createEngine(readFileSync(join(PKG, "peixun_bg.wasm")));
  assert.equal(engine.isWorkday("2023-10-07"), true);
});
