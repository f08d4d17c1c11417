// The npm package on every bundler: `npm pack` of pkg/ installed as a real
// dependency (a copy in .work/node_modules/peixun, not a symlink), each project
// of projects/ copied beside it, built by its bundler, and run where its bundle
// runs — Node for the Node entries, headless Chromium (Debian's, through
// playwright-core) for the browser bundles, the Vite dev server and a plain
// page. Each answers one golden case, compared byte for byte with the native
// engine's output; where a bundler does not emit the `.wasm`, the default
// entry must fail with the bilingual error that names the fix.
//
//   node --test tests/wasm/bundlers/   (after npm ci here and scripts/build-wasm.sh)

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(HERE, "..", "..", "..");
const PKG = join(ROOT, "pkg");
const WORK = join(HERE, ".work");

// The golden case every environment runs: a trainee's phone (no records), so
// the answer is needs_review with DL-E4 unknown; its `output` is the native
// engine's answer, written canonically (keys sorted, no white space).
const CASE_FILE = join(ROOT, "tests", "golden", "dalian", "02-phone-self-check-needs-review.json");

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const golden = JSON.parse(readFileSync(CASE_FILE, "utf8"));
const OPERATION = golden.operation;
const REQUEST = typeof golden.request === "string" ? golden.request : canonical(golden.request);
const EXPECTED = canonical(golden.output);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** A static server of `dir` (what any web host does): 404 for what is not there. */
async function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    let file = join(dir, path);
    if (file.endsWith(sep)) file = join(file, "index.html");
    if (!file.startsWith(dir) || !existsSync(file) || lstatSync(file).isDirectory()) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => {
    server.close(r);
    server.closeAllConnections(); // Chromium keeps its connections alive
  }) };
}

let browser;
let profile;

/** Opens `url` in Chromium and runs the golden case through the page's `peixunRun`. */
async function runInPage(url) {
  const page = await browser.newPage();
  const logs = [];
  page.on("console", (m) => logs.push(m.text()));
  page.on("pageerror", (e) => logs.push(String(e)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => typeof window.peixunRun === "function", null, { timeout: 30000 }).catch((err) => {
      throw new Error(`${url}: the page never defined peixunRun\n${logs.join("\n")}\n${err}`);
    });
    const answer = await page.evaluate(([op, req]) => window.peixunRun(op, req), [OPERATION, REQUEST]);
    return { ...answer, logs };
  } finally {
    await page.close();
  }
}

function assertGolden(answer, where) {
  assert.equal(answer.error, undefined, `${where}: ${JSON.stringify(answer.error)}\n${(answer.logs || []).join("\n")}`);
  assert.equal(answer.output, EXPECTED, `${where}: not the native bytes of ${CASE_FILE}`);
}

/** The bilingual error of a default entry whose .wasm the bundler did not provide. */
function assertNamesFix(answer, code, fix, where) {
  assert.equal(typeof answer.error, "object", `${where}: expected PeixunError ${code}, got ${JSON.stringify(answer)}`);
  assert.equal(answer.error.code, code, `${where}: ${JSON.stringify(answer.error)}`);
  assert.equal(answer.error.path, "$");
  assert.ok(answer.error.messageEn.includes(fix), `${where}: the English message does not name ${fix}: ${answer.error.messageEn}`);
  assert.ok(answer.error.messageZh.includes(fix), `${where}: the Chinese message does not name ${fix}: ${answer.error.messageZh}`);
  assert.match(answer.error.messageZh, /WebAssembly 模块/);
}

before(async () => {
  assert.ok(existsSync(join(PKG, "package.json")), "no pkg/: run scripts/build-wasm.sh first");
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  // The tarball a user downloads from the registry, installed as a user installs it.
  const [{ filename }] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", WORK], { cwd: PKG, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }),
  );
  writeFileSync(join(WORK, "package.json"), JSON.stringify({ name: "peixun-bundler-apps", private: true }, null, 2));
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--no-package-lock", "--offline", join(WORK, filename)],
    { cwd: WORK, stdio: ["ignore", "ignore", "inherit"] },
  );
  const installed = join(WORK, "node_modules", "peixun");
  assert.ok(!lstatSync(installed).isSymbolicLink(), "peixun must be installed from the tarball, not linked");
  assert.ok(existsSync(join(installed, "peixun_bg.wasm")));
  // Each project next to the installed package, as an app's source would be.
  cpSync(join(HERE, "projects"), WORK, { recursive: true });

  profile = mkdtempSync(join(tmpdir(), "peixun-bundlers-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

function runNode(script) {
  const out = execFileSync(process.execPath, [script, OPERATION, REQUEST], { cwd: WORK, encoding: "utf8" });
  return JSON.parse(out);
}

test("Node, ES module: import resolves node/index.mjs and answers the golden case", { timeout: 180000 }, () => {
  const { entry, output } = runNode(join(WORK, "node-esm", "run.mjs"));
  assert.equal(entry, pathToFileURL(join(WORK, "node_modules", "peixun", "node", "index.mjs")).href);
  assert.equal(output, EXPECTED);
});

test("Node, CommonJS: require resolves node/index.cjs and answers the golden case", { timeout: 180000 }, () => {
  const { entry, output } = runNode(join(WORK, "node-cjs", "run.cjs"));
  assert.equal(entry, join(WORK, "node_modules", "peixun", "node", "index.cjs"));
  assert.equal(output, EXPECTED);
});

test("a plain page (<script type=module>, an import map to web/index.js, no bundler)", { timeout: 180000 }, async () => {
  const server = await serve(WORK);
  try {
    assertGolden(await runInPage(`${server.url}/plain/index.html`), "plain page");
  } finally {
    await server.close();
  }
});

test("Vite build: the default entry and peixun/trainee, each .wasm emitted as an asset", { timeout: 180000 }, async () => {
  const { build } = await import("vite");
  const root = join(WORK, "vite");
  await build({ root, configFile: join(root, "vite.config.mjs") });
  const server = await serve(join(root, "dist"));
  try {
    assertGolden(await runInPage(`${server.url}/`), "vite build");
    // The trainee's module has eligibility: the same bytes.
    assertGolden(await runInPage(`${server.url}/trainee.html`), "vite build, peixun/trainee");
  } finally {
    await server.close();
  }
});

test("Vite dev: without optimizeDeps.exclude the error names it; with it, the golden case", { timeout: 180000 }, async () => {
  const { createServer: viteServer } = await import("vite");
  const root = join(WORK, "vite");
  // What a developer sees before the setting: the pre-bundled entry asks for a
  // .wasm under node_modules/.vite, and Vite answers with its HTML page.
  const bare = await viteServer({ root, configFile: false, logLevel: "silent", optimizeDeps: { force: true }, server: { port: 0, host: "127.0.0.1" } });
  try {
    await bare.listen();
    const answer = await runInPage(bare.resolvedUrls.local[0]);
    assertNamesFix(answer, "load.not_wasm", 'optimizeDeps: { exclude: ["peixun"] }', "vite dev without the setting");
    assert.match(answer.error.messageEn, /found 3c 21 64 6f \(an HTML page/); // "<!do", Vite's index.html
  } finally {
    await bare.close();
  }
  // The project's own config (the README's one line).
  const dev = await viteServer({ root, configFile: join(root, "vite.config.mjs"), optimizeDeps: { force: true }, server: { port: 0, host: "127.0.0.1" } });
  try {
    await dev.listen();
    assertGolden(await runInPage(dev.resolvedUrls.local[0]), "vite dev with optimizeDeps.exclude");
  } finally {
    await dev.close();
  }
});

/** Builds a webpack project with its own config, serves dist/ and runs the golden case. */
async function webpackProject(name) {
  const { default: webpack } = await import("webpack");
  const dir = join(WORK, name);
  const { default: config } = await import(pathToFileURL(join(dir, "webpack.config.mjs")).href);
  const stats = await new Promise((resolve, reject) =>
    webpack(config, (err, s) => (err ? reject(err) : resolve(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  const emitted = stats.toJson({ assets: true }).assets.map((a) => a.name);
  assert.ok(emitted.some((n) => n.endsWith(".wasm")), `webpack emitted no .wasm: ${emitted.join(", ")}`);
  cpSync(join(dir, "index.html"), join(dir, "dist", "index.html"));
  const server = await serve(join(dir, "dist"));
  try {
    assertGolden(await runInPage(`${server.url}/`), name);
  } finally {
    await server.close();
  }
}

test("webpack 5: the default entry, nothing configured", { timeout: 180000 }, () => webpackProject("webpack"));

test("webpack 5: peixun/bundler with experiments.asyncWebAssembly", { timeout: 180000 }, () =>
  webpackProject("webpack-bundler"),
);

test("Rollup 4 (+ node-resolve): peixun/embedded answers; the default entry says to use it", { timeout: 180000 }, async () => {
  const { rollup } = await import("rollup");
  const dir = join(WORK, "rollup");
  const { default: configs } = await import(pathToFileURL(join(dir, "rollup.config.mjs")).href);
  for (const config of configs) {
    const bundle = await rollup({ ...config, logLevel: "silent" });
    await bundle.write(config.output);
    await bundle.close();
  }
  const server = await serve(dir);
  try {
    assertGolden(await runInPage(`${server.url}/index.html`), "rollup, peixun/embedded");
    const answer = await runInPage(`${server.url}/default.html`);
    assertNamesFix(answer, "load.fetch_failed", '"peixun/embedded"', "rollup, the default entry");
  } finally {
    await server.close();
  }
});

test("esbuild: peixun/embedded answers; the default entry says to use it", { timeout: 180000 }, async () => {
  const dir = join(WORK, "esbuild");
  const { default: build } = await import(pathToFileURL(join(dir, "build.mjs")).href);
  await build();
  const server = await serve(dir);
  try {
    assertGolden(await runInPage(`${server.url}/index.html`), "esbuild, peixun/embedded");
    const answer = await runInPage(`${server.url}/default.html`);
    assertNamesFix(answer, "load.fetch_failed", '"peixun/embedded"', "esbuild, the default entry");
  } finally {
    await server.close();
  }
});
