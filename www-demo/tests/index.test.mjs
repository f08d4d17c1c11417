// The landing page is served by the verifier at /demo/ and loads the engine's
// package (its version shows); the language toggle switches to English.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startVerifier, openBrowser, screenshot, DESKTOP } from "./harness.mjs";

test("the verifier serves the demo pages at /demo/", async () => {
  const verifier = await startVerifier();
  const browser = await openBrowser({ viewport: DESKTOP });
  try {
    const { page, logs } = browser;
    await page.goto(`${verifier.url}/`);
    assert.match(page.url(), /\/demo\/$/);
    await page.waitForFunction(() => document.getElementById("version").textContent.length > 0);
    assert.match(await page.locator("#version").textContent(), /^\d+\.\d+\.\d+/, logs.join("\n"));
    await page.click("#lang-toggle");
    assert.match(await page.locator("h1").textContent(), /Vocational training subsidies/);
    await screenshot(page, "index");
  } finally {
    await browser.close();
    await verifier.stop();
  }
});
