// What every end-to-end test of the demo pages shares: the real verifier
// (`peixun serve`, the debug binary cargo builds, on a throw-away SQLite file)
// serving www-demo/dist at /demo/, and Debian's Chromium driven by
// playwright-core (headless, --no-sandbox). Screenshots go to
// test-output/www-demo/<name>.png at the repository root.
//
// Environment: PEIXUN_BIN (default: <target>/debug/peixun), CHROMIUM (default
// /usr/bin/chromium).

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const demoRoot = fileURLToPath(new URL("..", import.meta.url));
export const repoRoot = join(demoRoot, "..");
export const dist = join(demoRoot, "dist");
export const screenshotDir = join(repoRoot, "test-output", "www-demo");

function peixunBinary() {
  if (process.env.PEIXUN_BIN) return process.env.PEIXUN_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(repoRoot, "target");
  return join(target, "debug", "peixun");
}

/**
 * Starts the verifier on 127.0.0.1 (a free port) with the demo tokens, the
 * demo's policy files (the Dalian deployment example) and a fresh SQLite
 * ledger; resolves to `{ url, stop() }` once it listens.
 * `limits` replaces values of the demo configuration's `[limits]` (e.g.
 * `{ max_events: 2 }`: at most two punches per request).
 */
export async function startVerifier({ limits = {} } = {}) {
  const bin = peixunBinary();
  if (!existsSync(bin)) throw new Error(`no verifier binary at ${bin} (cargo build --bin peixun)`);
  if (!existsSync(join(dist, "trainee.html"))) throw new Error("www-demo/dist is not built (scripts/build-demo.sh)");
  const dir = mkdtempSync(join(tmpdir(), "peixun-demo-e2e-"));
  const demoConfig = join(repoRoot, "examples", "server", "demo.toml");
  const { readFileSync } = await import("node:fs");
  // The demo configuration with its own listen address, ledger and pages.
  // Its policy files (paths relative to examples/server/) stay the same files.
  let text = readFileSync(demoConfig, "utf8")
    .replace(/^listen = .*$/m, 'listen = "127.0.0.1:0"')
    .replace(/^data_dir = .*$/m, `data_dir = ${JSON.stringify(join(dir, "data"))}`)
    .replace(/^www_dir = .*$/m, `www_dir = ${JSON.stringify(dist)}`)
    .replace(/^policy_files = (\[.*\])$/m, (_, list) =>
      `policy_files = ${JSON.stringify(JSON.parse(list).map((p) => resolve(dirname(demoConfig), p)))}`);
  for (const [key, value] of Object.entries(limits)) {
    const line = new RegExp(`^${key} = .*$`, "m");
    if (!line.test(text)) throw new Error(`no limit ${key} in ${demoConfig}`);
    text = text.replace(line, `${key} = ${value}`);
  }
  const config = join(dir, "server.toml");
  writeFileSync(config, text);
  const child = spawn(bin, ["serve", "--config", config], { stdio: ["ignore", "ignore", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stderr });
    const timer = setTimeout(() => reject(new Error("the verifier did not start in 30 s")), 30000);
    lines.on("line", (line) => {
      const m = line.match(/peixun verifier listening on (http:\/\/\S+?)\/?$/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the verifier exited with ${code}`));
    });
  });
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Launches Chromium with a fresh profile; resolves to `{ context, page, logs, close() }`.
 * `logs` collects console messages and page errors, for assertion messages.
 */
export async function openBrowser({ viewport = DESKTOP } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "peixun-demo-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport,
  });
  const page = context.pages()[0] || (await context.newPage());
  const logs = [];
  page.on("console", (m) => logs.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => logs.push(`pageerror: ${e}`));
  return {
    context,
    page,
    logs,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-output/www-demo/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
