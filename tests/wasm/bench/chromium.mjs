// The WebAssembly side of bench.mjs measured again in headless Chromium
// (Debian's, through playwright-core), for `node tests/wasm/bench/bench.mjs
// --chromium`. A small HTTP server gives the page the package and the bench
// requests; the page is cross-origin isolated, so `performance.now()` is fine
// grained (5 µs, not 100 µs). The page checks that its answers are the
// native bytes before it times anything.

import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { tmpdir } from "node:os";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

// Runs in the page: the same measurements as bench.mjs, on the same texts.
const PAGE = `<!doctype html><meta charset="utf-8"><title>peixun bench</title>
<script type="module">
const stats = (samples) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: s[Math.floor(s.length / 2)], p10: s[Math.floor(s.length / 10)], p90: s[Math.floor(s.length * 9 / 10)] };
};
// Per call, timing batches of calls (a single eligibility check is close to
// the timer's resolution).
const perCall = (fn, { batches, batch, warmup }) => {
  for (let i = 0; i < warmup; i++) fn();
  const out = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    out.push((performance.now() - t) / batch);
  }
  return stats(out);
};
try {
  const text = (path) => fetch(path).then((r) => r.text());
  const bg = await import("/pkg/peixun_bg.js");
  const bytes = await (await fetch("/pkg/peixun_bg.wasm")).arrayBuffer();
  const module = await WebAssembly.compile(bytes);
  const imports = { "./peixun_bg.js": bg };
  const instance = await WebAssembly.instantiate(module, imports);
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  const [eligibility, eligibilityOut, attendance, attendanceOut] = await Promise.all([
    text("/bench/eligibility.request.json"), text("/bench/eligibility.output.json"),
    text("/bench/attendance-50.request.json"), text("/bench/attendance-50.output.json"),
  ]);
  const engine = new bg.Engine();
  if (engine.handleJson("eligibility", eligibility) !== eligibilityOut) throw new Error("eligibility answer differs from native");
  if (engine.handleJson("attendance", attendance) !== attendanceOut) throw new Error("attendance answer differs from native");
  // A new instance, started, and its first engine. (Compiling is
  // asynchronous above: Chromium limits synchronous compilation on the page;
  // instantiating a compiled module synchronously is allowed.) The glue is
  // pointed at each new instance in turn and then back: the constructor and
  // \`free\` pass no memory views (the glue caches views of the memory of the
  // instance it first used), so the views of the main instance stay right.
  const ready = [];
  const instantiateOnly = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const fresh = new WebAssembly.Instance(module, imports);
    instantiateOnly.push(performance.now() - t);
    bg.__wbg_set_wasm(fresh.exports);
    fresh.exports.__wbindgen_start?.();
    const e = new bg.Engine();
    ready.push(performance.now() - t);
    e.free();
  }
  bg.__wbg_set_wasm(instance.exports);
  const engineNew = perCall(() => new bg.Engine().free(), { batches: 20, batch: 3, warmup: 5 });
  const e = new bg.Engine();
  // Chromium's V8 moves a function to its optimising tier later than Node's:
  // after 200 calls the check still ran at 40-50 µs, after 3,000 at 35-39,
  // after 10,000 at 31-34 (Node's timed calls come after some 4,000 others).
  const elig = perCall(() => e.handleJson("eligibility", eligibility), { batches: 20, batch: 100, warmup: 10000 });
  const att = perCall(() => e.handleJson("attendance", attendance), { batches: 15, batch: 1, warmup: 3 });
  // The text crossing the boundary, alone.
  const encoder = new TextEncoder();
  // In a browser the answer comes over as UTF-8, decoded by the glue's
  // TextDecoder (crates/peixun-wasm/src/utf16.js: faster there than UTF-16).
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const transfer = (req, out, options) => {
    const into = new Uint8Array(req.length * 3);
    const outBytes = encoder.encode(out);
    return perCall(() => { encoder.encodeInto(req, into); decoder.decode(outBytes); }, options);
  };
  window.results = {
    userAgent: navigator.userAgent,
    isolated: self.crossOriginIsolated,
    instantiateAndEngine: stats(ready),
    instantiateOnly: stats(instantiateOnly),
    engineNew,
    eligibility: elig,
    attendance: att,
    eligibilityTransfer: transfer(eligibility, eligibilityOut, { batches: 20, batch: 100, warmup: 200 }),
    attendanceTransfer: transfer(attendance, attendanceOut, { batches: 15, batch: 1, warmup: 3 }),
  };
} catch (err) {
  window.results = { error: String(err && err.stack || err) };
}
</script>`;

/**
 * Serves `root`'s pkg/ and the bench texts, opens the page in Chromium and
 * returns its measurements (milliseconds).
 */
export async function measureInChromium(root, benchDir) {
  const { chromium } = await import("playwright-core");
  const headers = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cache-Control": "no-store",
  };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[".html"] }).end(PAGE);
      return;
    }
    const [base, rel] = path.startsWith("/pkg/")
      ? [join(root, "pkg"), path.slice("/pkg/".length)]
      : path.startsWith("/bench/")
        ? [benchDir, path.slice("/bench/".length)]
        : [null, null];
    const file = base && join(base, rel);
    if (!file || !file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const profile = mkdtempSync(join(tmpdir(), "peixun-bench-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.results !== undefined, null, { timeout: 300000 });
    const results = await page.evaluate(() => window.results);
    if (results.error) throw new Error(`in Chromium: ${results.error}`);
    return results;
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
