#!/usr/bin/env node
// The export section of a WebAssembly module, read and rewritten byte by byte.
//
// WeChat's WXWebAssembly takes exports of functions, memories and tables, and
// "iOS 平台暂不支持 Global": a module that exports a Global may be refused on
// iPhones. wasm-bindgen 0.2.130 exports two (`__abort_handler` and
// `__instance_terminated`, the addresses of its hard-abort machinery), which
// its JS glue reads only when that machinery is on (panic = "unwind" builds,
// or --force-enable-abort-handler); the package is built with panic = "abort",
// so the glue never reads them. `strip-globals` removes every Global export
// from the export section — and refuses when the glue names one, since
// removing it would then break the glue. The globals themselves stay (the
// code may use them); only their exports go, and wasm-opt may then drop the
// ones nothing uses.
//
// Usage:
//   node scripts/wasm/exports.mjs strip-globals <in.wasm> <out.wasm> <glue.js>...
//   node scripts/wasm/exports.mjs list <module.wasm>
//
// The functions are also imported by scripts/wasm/assemble.mjs (which refuses
// to package a module exporting a Global) and by the package's tests.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The kinds of an export entry, by their byte in the binary format. */
export const EXPORT_KINDS = ["function", "table", "memory", "global", "tag"];
const GLOBAL = 3;
const EXPORT_SECTION = 7;

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= bytes.length) throw new Error(`truncated LEB128 at byte ${at}`);
    const b = bytes[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new Error(`LEB128 too long at byte ${at}`);
  }
  return { value, next: pos };
}

function writeU32(value) {
  const out = [];
  let v = value;
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** Every section of a module: `{ id, start, end, contentStart }` (byte offsets). */
export function sections(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (b.length < 8 || magic.some((m, i) => b[i] !== m)) throw new Error("not a WebAssembly module (no \\0asm magic)");
  const out = [];
  let pos = 8;
  while (pos < b.length) {
    const start = pos;
    const id = b[pos++];
    const size = readU32(b, pos);
    const contentStart = size.next;
    const end = contentStart + size.value;
    if (end > b.length) throw new Error(`section ${id} at byte ${start} runs past the end`);
    out.push({ id, start, end, contentStart });
    pos = end;
  }
  return out;
}

/** The export section's entries: `{ name, kind, index, start, end }`, in order. */
export function readExports(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const section = sections(b).find((s) => s.id === EXPORT_SECTION);
  if (!section) return [];
  const count = readU32(b, section.contentStart);
  const entries = [];
  let pos = count.next;
  for (let i = 0; i < count.value; i++) {
    const start = pos;
    const len = readU32(b, pos);
    const name = new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(len.next, len.next + len.value));
    pos = len.next + len.value;
    const kindByte = b[pos++];
    const index = readU32(b, pos);
    pos = index.next;
    entries.push({ name, kind: EXPORT_KINDS[kindByte] ?? `unknown(${kindByte})`, index: index.value, start, end: pos });
  }
  if (pos !== section.end) throw new Error("the export section has bytes after its last entry");
  return entries;
}

/**
 * The module without its Global exports: `{ bytes, dropped }` (the names
 * removed). Everything else is kept byte for byte.
 */
export function dropGlobalExports(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const section = sections(b).find((s) => s.id === EXPORT_SECTION);
  const entries = section ? readExports(b) : [];
  const dropped = entries.filter((e) => e.kind === "global").map((e) => e.name);
  if (dropped.length === 0) return { bytes: b, dropped };
  const kept = entries.filter((e) => e.kind !== "global");
  const content = [...writeU32(kept.length)];
  for (const e of kept) content.push(...b.subarray(e.start, e.end));
  const head = [EXPORT_SECTION, ...writeU32(content.length)];
  const out = new Uint8Array(section.start + head.length + content.length + (b.length - section.end));
  out.set(b.subarray(0, section.start), 0);
  out.set(head, section.start);
  out.set(content, section.start + head.length);
  out.set(b.subarray(section.end), section.start + head.length + content.length);
  return { bytes: out, dropped };
}

/** The Global exports a module has (what iOS WeChat refuses). */
export function globalExports(bytes) {
  return readExports(bytes).filter((e) => e.kind === "global").map((e) => e.name);
}

function main(argv) {
  const [command, ...rest] = argv;
  if (command === "list" && rest.length === 1) {
    for (const e of readExports(readFileSync(rest[0]))) console.log(`${e.kind}\t${e.name}`);
    return 0;
  }
  if (command === "strip-globals" && rest.length >= 3) {
    const [input, output, ...glue] = rest;
    const { bytes, dropped } = dropGlobalExports(readFileSync(input));
    for (const file of glue) {
      const text = readFileSync(file, "utf8");
      const read = dropped.filter((name) => text.includes(name));
      if (read.length) {
        console.error(`exports: ${file} reads the exported Global(s) ${read.join(", ")}; they cannot be removed (build with panic = "abort")`);
        return 1;
      }
    }
    writeFileSync(output, bytes);
    console.log(dropped.length ? `removed the Global export(s) ${dropped.join(", ")} (iOS WeChat refuses Global exports)` : "no Global export to remove");
    return 0;
  }
  console.error("usage: exports.mjs strip-globals <in.wasm> <out.wasm> <glue.js>... | list <module.wasm>");
  return 2;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exit(main(process.argv.slice(2)));
}
