// A Vite-built page that imports the package and runs one eligibility check
// in headless Chromium (Debian's, through playwright-core); the screenshot is
// saved as test-output/wasm-page.png.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..", "..");
const dist = join(here, "dist");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

test("a Vite-built page runs an eligibility check in Chromium", async () => {
  await build({ configFile: join(here, "vite.config.mjs") });
  const assets = join(dist, "assets");
  assert.ok(existsSync(assets));

  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(dist, path === "/" ? "index.html" : path);
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), "peixun-page-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1000, height: 1100 },
  });
  try {
    const page = await browser.newPage();
    const logs = [];
    page.on("console", (m) => logs.push(m.text()));
    page.on("pageerror", (e) => logs.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('#result[data-state="done"], #result[data-state="failed"]', { timeout: 30000 });
    const result = page.locator("#result");
    assert.equal(await result.getAttribute("data-state"), "done", logs.join("\n") + (await result.textContent()));
    assert.equal(await result.getAttribute("data-decision"), "needs_review");
    assert.ok(Number(await result.getAttribute("data-findings")) > 5);
    assert.equal(await result.getAttribute("data-error-code"), "id.length");
    assert.match(await page.locator("#decision").textContent(), /需人工审核/);
    mkdirSync(join(root, "test-output"), { recursive: true });
    await page.screenshot({ path: join(root, "test-output", "wasm-page.png"), fullPage: true });
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
