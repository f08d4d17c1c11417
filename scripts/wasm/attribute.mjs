// What each part of the WebAssembly module costs after brotli.
//
// Usage:
//   tools/wasm/node_modules/.bin/wasm-opt <the build's wasm-opt flags> -g \
//     target/wasm-pkg/bindgen/peixun_bg.wasm -o /tmp/named.wasm
//   node scripts/wasm/attribute.mjs /tmp/named.wasm [category]
//
// Raw sizes say little about the shipped size: brotli shrinks the many
// near-identical copies of a generic function to almost nothing, and a few
// unique functions count in full. So each category of functions (by name,
// the table below) is costed by its margin: the brotli size of every
// function body, less the brotli size of every body outside the category.
// Margins overlap (code two categories share counts in neither), so they add
// up to less than the total. With a category name, its largest functions are
// listed too.

import { readFileSync } from "node:fs";
import zlib from "node:zlib";

const CATEGORIES = [
  ["deserialisation (derived visitors, input::de, the tree)", /Deserialize|Visitor|visit_|input::de|MapAccess|SeqAccess|deserialize|input::tree|read_rule_kind|Fields::|input::nested/],
  ["serialisation (canonical JSON's writer, derived Serialize, Value's Serialize)", /Serialize|serialize|serde_json::value::ser|canonical/],
  ["B-trees (alloc::collections::btree)", /btree|BTreeMap|BTreeSet/],
  ["claims and publicity", /rules::claim|publicity/],
  ["attendance", /rules::attendance/],
  ["other rules (eligibility, deadlines, subsidy)", /peixun::rules|<peixun::rules/],
  ["policies (reading, merging, lint)", /peixun::policy|<peixun::policy/],
  ["vouchers and their cryptography", /voucher|sha2|curve25519|ed25519|hmac|base64|digest/],
  ["calendar", /calendar/],
  ["entry points (api, ops, engine, wasm bindings)", /peixun::api|peixun::ops|peixun::engine|peixun_wasm|wasm_bindgen|js_sys|engine_|shim/],
  ["money (rust_decimal)", /rust_decimal|money/],
  ["chrono", /chrono/],
  ["serde_json (parser, Value)", /serde_json/],
  ["formatting and str", /core::fmt|core::str|alloc::fmt|alloc::str|<str|<char|<&T as core::fmt|fmt::/],
  ["Vec, iterators, slices, the allocator", /alloc::|<alloc|core::iter|<core::iter|core::slice|talc|dlmalloc/],
];

const [file, detail] = process.argv.slice(2);
if (!file) {
  console.error("usage: attribute.mjs <module with a name section> [category]");
  process.exit(2);
}
const bytes = readFileSync(file);
const brotli = (b) =>
  zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// A minimal reader of the sections needed: imports (to number functions),
// code, and the custom "name" section.
let at = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
};
const skipLimits = () => {
  const flags = bytes[at++];
  leb();
  if (flags & 1) leb();
};
let code;
let imported = 0;
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const start = at;
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      at += leb(); // module
      at += leb(); // field
      const kind = bytes[at++];
      if (kind === 0) {
        leb();
        imported++;
      } else if (kind === 1) {
        at++;
        skipLimits();
      } else if (kind === 2) {
        skipLimits();
      } else if (kind === 3) {
        at += 2;
      } else {
        leb();
      }
    }
  } else if (id === 10) {
    code = [start, size];
  } else if (id === 0) {
    const length = leb();
    const name = bytes.subarray(at, at + length).toString();
    at += length;
    while (name === "name" && at < start + size) {
      const sub = bytes[at++];
      const subSize = leb();
      const subStart = at;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) {
          const index = leb();
          const l = leb();
          names.set(index, bytes.subarray(at, at + l).toString());
          at += l;
        }
      }
      at = subStart + subSize;
    }
  }
  at = start + size;
}
if (!code || names.size === 0) {
  console.error("attribute: the module needs a code section and a name section (wasm-opt -g)");
  process.exit(1);
}
at = code[0];
const functions = [];
for (let n = leb(), i = 0; i < n; i++) {
  const size = leb();
  const name = names.get(imported + i) ?? "";
  const category = CATEGORIES.find(([, re]) => re.test(name))?.[0] ?? "the rest";
  functions.push({ name, category, body: bytes.subarray(at, at + size) });
  at += size;
}

const all = brotli(Buffer.concat(functions.map((f) => f.body)));
console.log(`code: ${functions.length} functions, ${code[1]} B raw, ${all} B brotli\n`);
console.log("| functions | raw | brotli margin |\n|---|---:|---:|");
const rows = [...new Set(functions.map((f) => f.category))].map((category) => {
  const inside = functions.filter((f) => f.category === category);
  const outside = functions.filter((f) => f.category !== category);
  const raw = inside.reduce((sum, f) => sum + f.body.length, 0);
  return [category, raw, all - brotli(Buffer.concat(outside.map((f) => f.body)))];
});
rows.sort((a, b) => b[2] - a[2]);
for (const [category, raw, margin] of rows) console.log(`| ${category} | ${raw} | ${margin} |`);

if (detail) {
  const inside = functions.filter((f) => f.category.startsWith(detail));
  inside.sort((a, b) => b.body.length - a.body.length);
  console.log(`\nlargest in "${detail}":`);
  for (const f of inside.slice(0, 40)) console.log(f.body.length, f.name.slice(0, 160));
}
