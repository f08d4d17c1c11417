#!/usr/bin/env node
// Turns wasm-bindgen's bundler output (plus the wasm-opt'd module) and the
// files in pkg-template/ into the npm package in pkg/, writes the size report
// (pkg/size-report.json) and updates the size section of BENCHMARKS.md.
//
// Usage: node scripts/wasm/assemble.mjs <bindgen-dir> <optimised.wasm> <pkg-dir> <wasm-opt flags>
// Called by scripts/build-wasm.sh.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { globalExports } from "./exports.mjs";

const [bindgenDir, optimisedWasm, pkgDir, wasmOptFlags = "-Oz", traineeBindgenDir, traineeWasm] =
  process.argv.slice(2);
if (!bindgenDir || !optimisedWasm || !pkgDir) {
  console.error(
    "usage: assemble.mjs <bindgen-dir> <optimised.wasm> <pkg-dir> [wasm-opt flags] [<trainee bindgen-dir> <trainee optimised.wasm>]",
  );
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const template = join(root, "pkg-template");
const cargoToml = readFileSync(join(root, "Cargo.toml"), "utf8");
const crateVersion = /^version\s*=\s*"([^"]+)"/m.exec(cargoToml)[1];

function fail(message) {
  console.error(`assemble: ${message}`);
  process.exit(1);
}

// --- the public exports, as wasm-bindgen's entry file lists them -------------
const entry = readFileSync(join(bindgenDir, "peixun.js"), "utf8");
const exportList = /export\s*\{([^}]*)\}\s*from\s*"\.\/peixun_bg\.js"/.exec(entry);
if (!exportList) fail("no `export { … } from \"./peixun_bg.js\"` in peixun.js (wasm-bindgen output changed?)");
const publicNames = exportList[1].split(",").map((s) => s.trim()).filter(Boolean);

// --- ES module glue -> CommonJS ---------------------------------------------
// JS snippets (`#[wasm_bindgen(module = "/src/…js")]`) are put into the glue,
// each in its own function scope, so that every build (ESM, CommonJS, the
// mini-program's) is one self-contained file and no `snippets/` folder ships.
function inlineSnippets(source) {
  return source.replace(
    /^import \{([^}]*)\} from '(\.\/snippets\/[^']+\.js)';$/gm,
    (_, names, path) => {
      const list = names.split(",").map((n) => n.trim()).filter(Boolean);
      let body = readFileSync(join(bindgenDir, path), "utf8");
      for (const n of list) {
        if (!new RegExp(`^export (function|const|let|class) ${n}\\b`, "m").test(body)) fail(`${path}: no exported ${n}`);
      }
      // Exports the module does not import (there for tests) become local too.
      body = body.replace(/^export (function|const|let|class) /gm, "$1 ");
      if (/^\s*(export|import)\b/m.test(body)) fail(`${path}: only exported declarations can be inlined`);
      return `const { ${list.join(", ")} } = (() => {\n${body}\nreturn { ${list.join(", ")} };\n})();`;
    },
  );
}
const glue = inlineSnippets(readFileSync(join(bindgenDir, "peixun_bg.js"), "utf8"));
// The module must import only from the glue: the loaders give it one import
// object. (wasm-bindgen imports a snippet function that takes and gives only
// numbers straight from the snippet file.)
{
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(optimisedWasm)));
  const other = imports.filter((i) => i.module !== "./peixun_bg.js");
  if (other.length) fail(`the module imports from outside the glue: ${other.map((i) => `${i.module} ${i.name}`).join(", ")}`);
}
if (/from '\.\/snippets\//.test(glue)) fail("a snippet import is left in the glue");
// WXWebAssembly: "export 支持函数、Memory、Table，iOS 平台暂不支持 Global".
// scripts/build-wasm.sh removes wasm-bindgen's Global exports; none may be left.
{
  const globals = globalExports(readFileSync(optimisedWasm));
  if (globals.length) fail(`the module exports Global(s) ${globals.join(", ")}, which iOS WeChat refuses (scripts/wasm/exports.mjs strip-globals)`);
}
function toCommonJs(source) {
  const names = [];
  let out = source.replace(/^export (function|class|const|let) ([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(export|import)\b/m.test(out)) fail("the glue has an import/export form the CommonJS conversion does not know");
  out = `"use strict";\n${out}\nmodule.exports = { ${names.join(", ")} };\n`;
  return out;
}
const cjsGlue = toCommonJs(glue);
// The mini-program copy takes TextEncoder/TextDecoder from the polyfill module.
function withCodec(source) {
  let count = 0;
  const out = source.replace(/\bnew (TextDecoder|TextEncoder)\(/g, (_, name) => {
    count++;
    return `new __codec.${name}(`;
  });
  if (count === 0) fail("no TextDecoder/TextEncoder in the glue: check the mini-program polyfill wiring");
  return out.replace('"use strict";\n', '"use strict";\nconst __codec = require("./text-codec.js");\n');
}
const miniGlue = withCodec(cjsGlue);

function esmErrorsToCjs(source) {
  return (
    '"use strict";\n' +
    source.replace(/^export (class|function) /gm, "$1 ") +
    "\nmodule.exports = { PeixunError, isPeixunError };\n"
  );
}

// The budgets (brotli bytes): the full module, and the trainee's (the
// mini-program's and the trainee page's: no claims, deadlines or plans).
const FULL_BUDGET = 300000;
const TRAINEE_BUDGET = 160000;

// --- lay out pkg/ -------------------------------------------------------------
rmSync(pkgDir, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });
cpSync(template, pkgDir, { recursive: true });
// The licences the package is offered under ("license" in package.json), one copy at the root.
for (const licence of ["LICENSE-MIT", "LICENSE-APACHE"]) {
  cpSync(join(root, licence), join(pkgDir, licence));
}

const wasm = readFileSync(optimisedWasm);
const brotli = brotliCompressSync(wasm, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: wasm.length,
  },
});
const gzip = gzipSync(wasm, { level: 9 });

writeFileSync(join(pkgDir, "peixun_bg.wasm"), wasm);
writeFileSync(join(pkgDir, "peixun_bg.wasm.br"), brotli);
writeFileSync(join(pkgDir, "peixun_bg.js"), glue);
writeFileSync(join(pkgDir, "peixun_bg.cjs"), cjsGlue);
writeFileSync(join(pkgDir, "peixun.js"), entry);
cpSync(join(bindgenDir, "peixun_bg.wasm.d.ts"), join(pkgDir, "peixun_bg.wasm.d.ts"));
// `[Symbol.dispose]()` in the types needs TypeScript's esnext.disposable lib;
// keep the types usable with ES2022 (the method itself stays, where the
// runtime has Symbol.dispose: it is `free()`).
writeFileSync(
  join(pkgDir, "peixun.d.ts"),
  readFileSync(join(bindgenDir, "peixun.d.ts"), "utf8").replace(
    /^(\s*)\[Symbol\.dispose\]\(\): void;$/m,
    "$1// [Symbol.dispose](): void — where the runtime has Symbol.dispose; the same as free().",
  ),
);
writeFileSync(join(pkgDir, "errors.cjs"), esmErrorsToCjs(readFileSync(join(template, "errors.js"), "utf8")));

// The mini-program folder is self-contained: WeChat's npm build copies only it.
const mini = join(pkgDir, "miniprogram");
writeFileSync(join(mini, "peixun_bg.js"), miniGlue);
writeFileSync(join(mini, "errors.js"), esmErrorsToCjs(readFileSync(join(template, "errors.js"), "utf8")));
writeFileSync(join(mini, "peixun_bg.wasm.br"), brotli);
// The worker entry is copied by the developer into the app's workers
// directory, where code may require only files of that directory: it gets its
// own copy of the glue and the codec (the module stays outside, in
// miniprogram/, where WeChat's npm build puts it).
const worker = join(pkgDir, "miniprogram-worker");
writeFileSync(join(worker, "peixun_bg.js"), miniGlue);
cpSync(join(template, "miniprogram", "text-codec.js"), join(worker, "text-codec.js"));

// The trainee's module (`peixun/trainee`): the same surface, so the same
// glue, which must be byte-identical to the full build's (checked here); its
// own copy of the glue, because the glue holds the instance it was given.
let trainee = null;
if (traineeWasm) {
  const traineeGlueRaw = readFileSync(join(traineeBindgenDir, "peixun_bg.js"), "utf8");
  if (traineeGlueRaw !== readFileSync(join(bindgenDir, "peixun_bg.js"), "utf8")) {
    fail("the trainee build's glue differs from the full build's: the two must export the same surface");
  }
  const dir = join(pkgDir, "trainee");
  mkdirSync(dir, { recursive: true });
  const bytes = readFileSync(traineeWasm);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(join(dir, "peixun_bg.wasm"), bytes);
  writeFileSync(join(dir, "peixun_bg.wasm.br"), br);
  writeFileSync(join(dir, "peixun_bg.js"), glue);
  // The mini-program is the trainee's: its folder ships the trainee's module.
  writeFileSync(join(mini, "peixun_bg.wasm.br"), br);
  trainee = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: br.length };
}

// `peixun/embedded`: the module inlined as base64, for bundlers that do not
// emit the `.wasm` of `new URL(…, import.meta.url)` (Rollup, esbuild).
const embeddedJs =
  "// The WebAssembly module of ../peixun_bg.wasm as base64 (scripts/wasm/assemble.mjs).\n" +
  `export default "${wasm.toString("base64")}";\n`;
writeFileSync(join(pkgDir, "embedded", "peixun_bg.wasm.js"), embeddedJs);

// Placeholders in the loaders.
const cjsExports = publicNames.map((n) => `${n}: bg.${n}`).join(",\n  ");
for (const rel of ["web/index.js", "embedded/index.js", "node/index.mjs", "node/index.cjs", "miniprogram/index.js"]) {
  const file = join(pkgDir, rel);
  const text = readFileSync(file, "utf8")
    .replace("__PUBLIC_EXPORTS_CJS__", cjsExports)
    .replace("__PUBLIC_EXPORTS__", publicNames.join(", "));
  if (text.includes("__PUBLIC_EXPORTS")) fail(`${rel}: a placeholder is left`);
  writeFileSync(file, text);
  // The trainee's loaders: the same, reading the module and glue of trainee/.
  if (trainee && (rel === "web/index.js" || rel === "node/index.mjs")) {
    const own = text
      .replaceAll('"../peixun_bg.js"', '"./peixun_bg.js"')
      .replaceAll('"../peixun_bg.wasm"', '"./peixun_bg.wasm"');
    writeFileSync(join(pkgDir, "trainee", rel === "web/index.js" ? "index.js" : "node.mjs"), own);
  }
}
if (trainee) {
  const pkgJsonPath = join(pkgDir, "package.json");
  const p = JSON.parse(readFileSync(pkgJsonPath, "utf8"));
  const exportsMap = {};
  for (const [k, v] of Object.entries(p.exports)) {
    exportsMap[k] = v;
    if (k === "./miniprogram") {
      exportsMap["./trainee"] = {
        types: "./index.d.ts",
        node: "./trainee/node.mjs",
        default: "./trainee/index.js",
      };
    }
  }
  p.exports = exportsMap;
  if (!p.files.includes("trainee/")) p.files.push("trainee/");
  writeFileSync(pkgJsonPath, JSON.stringify(p, null, 2) + "\n");
}

// package.json: the version is the crate's.
const pkgJsonPath = join(pkgDir, "package.json");
const pkgJson = JSON.parse(readFileSync(pkgJsonPath, "utf8"));
pkgJson.version = crateVersion;
writeFileSync(pkgJsonPath, JSON.stringify(pkgJson, null, 2) + "\n");

// --- size report ----------------------------------------------------------------
const kb = (n) => (n / 1024).toFixed(1);
function dirSize(dir, keep = () => true) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirSize(p, keep) : keep(e.name) ? readFileSync(p).length : 0;
  }
  return total;
}
const report = {
  crate_version: crateVersion,
  wasm_opt: wasmOptFlags,
  wasm: { raw: wasm.length, gzip: gzip.length, brotli: brotli.length },
  glue_js: { raw: Buffer.byteLength(glue), gzip: gzipSync(glue, { level: 9 }).length },
  miniprogram_folder: dirSize(mini),
  miniprogram_worker: dirSize(worker, (name) => name.endsWith(".js")),
  embedded_js: {
    raw: Buffer.byteLength(embeddedJs),
    gzip: gzipSync(embeddedJs, { level: 9 }).length,
    brotli: brotliCompressSync(embeddedJs, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  },
  package_total: dirSize(pkgDir),
  budget_brotli: FULL_BUDGET,
  within_budget: brotli.length <= FULL_BUDGET,
  trainee: trainee && {
    ...trainee,
    budget_brotli: TRAINEE_BUDGET,
    within_budget: trainee.brotli <= TRAINEE_BUDGET,
  },
};
writeFileSync(join(pkgDir, "size-report.json"), JSON.stringify(report, null, 2) + "\n");
console.log(
  `peixun_bg.wasm: ${kb(wasm.length)} KiB raw, ${kb(gzip.length)} KiB gzip, ${kb(brotli.length)} KiB brotli ` +
    `(budget ${FULL_BUDGET} B brotli: ${report.within_budget ? "ok" : "OVER"})`,
);
if (trainee) {
  console.log(
    `trainee/peixun_bg.wasm: ${kb(trainee.raw)} KiB raw, ${kb(trainee.brotli)} KiB brotli ` +
      `(budget ${TRAINEE_BUDGET} B brotli: ${report.trainee.within_budget ? "ok" : "OVER"})`,
  );
}

// Every file the exports map names must exist.
function targets(node, out = []) {
  if (typeof node === "string") out.push(node);
  else if (node && typeof node === "object") for (const v of Object.values(node)) targets(v, out);
  return out;
}
for (const t of targets(pkgJson.exports)) {
  if (!existsSync(join(pkgDir, t))) fail(`package.json exports ${t}, which is missing`);
}

// BENCHMARKS.md: rewrite the generated block of the size section.
const benchPath = join(root, "BENCHMARKS.md");
const start = "<!-- size-report:start (written by scripts/build-wasm.sh) -->";
const end = "<!-- size-report:end -->";
if (existsSync(benchPath)) {
  const bench = readFileSync(benchPath, "utf8");
  const i = bench.indexOf(start);
  const j = bench.indexOf(end);
  if (i >= 0 && j > i) {
    const block = [
      start,
      "",
      `| file | raw | gzip -9 | brotli q11 |`,
      `|---|---:|---:|---:|`,
      `| \`peixun_bg.wasm\` (wasm-opt ${wasmOptFlags}) | ${wasm.length} B (${kb(wasm.length)} KiB) | ${gzip.length} B (${kb(gzip.length)} KiB) | ${brotli.length} B (${kb(brotli.length)} KiB) |`,
      ...(trainee
        ? [
            `| \`trainee/peixun_bg.wasm\` (the trainee's build) | ${trainee.raw} B (${kb(trainee.raw)} KiB) | ${trainee.gzip} B (${kb(trainee.gzip)} KiB) | ${trainee.brotli} B (${kb(trainee.brotli)} KiB) |`,
          ]
        : []),
      `| \`peixun_bg.js\` (glue) | ${report.glue_js.raw} B | ${report.glue_js.gzip} B | |`,
      "",
      `Budgets: the full module at most ${FULL_BUDGET} B brotli — ${report.within_budget ? "met" : "**not met**"}; ` +
        (trainee
          ? `the trainee's at most ${TRAINEE_BUDGET} B — ${report.trainee.within_budget ? "met" : "**not met**"}. `
          : "") +
        `Mini-program folder (what WeChat's npm build copies): ${kb(report.miniprogram_folder)} KiB; ` +
        `the worker entry (its .js files, copied into the app's workers directory): ${kb(report.miniprogram_worker)} KiB.`,
      "",
      end,
    ].join("\n");
    writeFileSync(benchPath, bench.slice(0, i) + block + bench.slice(j + end.length));
    console.log(`size report written to ${relative(process.cwd(), join(pkgDir, "size-report.json"))} and BENCHMARKS.md`);
  }
}
if (!report.within_budget || (trainee && !report.trainee.within_budget)) {
  console.error("assemble: a WebAssembly module is over its brotli budget (size-report.json)");
  // Size is measured and reported, not asserted by the test command; set
  // PEIXUN_ENFORCE_SIZE_BUDGET=1 to make an over-budget build fail.
  process.exit(process.env.PEIXUN_ENFORCE_SIZE_BUDGET ? 1 : 0);
}
