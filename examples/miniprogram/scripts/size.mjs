// The code package's size as WeChat counts it against its limits: the files
// under the mini-program root whose types WeChat uploads (its whitelist, as
// miniprogram-ci ships it), split into the main package and each
// subpackage (app.json's `subpackages`). Limits: 2 MB per package (the main
// one included), 20 MB for all of them together.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, relative, sep } from "node:path";

const require = createRequire(import.meta.url);

export const MAIN_LIMIT = 2 * 1024 * 1024;
export const TOTAL_LIMIT = 20 * 1024 * 1024;

/** WeChat's list of the file types a mini-program's code package carries. */
export function whitelist() {
  return new Set(require("miniprogram-ci/dist/utils/white_ext_list.js").MiniProgramWhiteList);
}

function files(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * `{ total, main, subpackages: { root: bytes }, parts: { "miniprogram_npm/peixun": bytes, … } }`
 * for the mini-program root `root`.
 */
export function measure(root) {
  const app = JSON.parse(readFileSync(join(root, "app.json"), "utf8"));
  const subRoots = (app.subpackages || app.subPackages || []).map((s) => s.root.replace(/\/$/, ""));
  const workers = typeof app.workers === "string" ? app.workers : app.workers && app.workers.path;
  const keep = whitelist();
  const result = { total: 0, main: 0, subpackages: Object.fromEntries(subRoots.map((r) => [r, 0])), parts: {} };
  for (const file of files(root)) {
    const rel = relative(root, file).split(sep).join("/");
    if (!keep.has(extname(file))) continue;
    // A workers directory packs only .js files.
    if (workers && rel.startsWith(`${workers}/`) && !rel.endsWith(".js")) continue;
    const size = statSync(file).size;
    result.total += size;
    const sub = subRoots.find((r) => rel.startsWith(`${r}/`));
    if (sub) result.subpackages[sub] += size;
    else result.main += size;
    const part = rel.startsWith("miniprogram_npm/") ? rel.split("/").slice(0, 2).join("/") : rel.startsWith(`${workers}/`) ? rel.split("/").slice(0, 2).join("/") : "app";
    result.parts[part] = (result.parts[part] || 0) + size;
  }
  return result;
}
