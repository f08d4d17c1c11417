#!/usr/bin/env node
// The JSON Schema (draft 2020-12) of every request and answer, generated from
// the package's TypeScript types, and every golden case validated against it.
//
//   node tests/wasm/types/gen-schema.mjs          check that the committed schema is
//                                                  what types.d.ts gives, then validate
//                                                  tests/golden against it (ajv)
//   node tests/wasm/types/gen-schema.mjs --write  regenerate the committed schema
//
// The schema (crates/peixun-server/schemas/types.schema.json, embedded in the verifier's OpenAPI document) is generated with
// ts-json-schema-generator from crates/peixun-wasm/src/types.d.ts: its `$defs`
// hold every type reachable from `Operations` and `ProblemJson`, objects closed
// (`additionalProperties: false` unless the type has an index signature), the
// types' doc comments as `description`. An operation's request is
// `#/$defs/<operation>.request` (`eligibility.request`), its answer
// `#/$defs/<operation>.response`, a refused request's answer `#/$defs/ProblemJson`:
// names an OpenAPI document can use as they are for its components.
//
// Validation: each golden request (of a case whose answer is not an error) against
// its operation's request schema, each answer against its response schema or
// ProblemJson. And that the check can fail: the first answer of each operation
// with one undeclared property must be rejected.
//
// Needs `npm ci` in tests/wasm/types (scripts/test-wasm.sh runs it).

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createGenerator } from "ts-json-schema-generator";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..", "..");
const TYPES = join(ROOT, "crates", "peixun-wasm", "src", "types.d.ts");
const SCHEMA = join(ROOT, "crates", "peixun-server", "schemas", "types.schema.json");
const CORPUS = join(ROOT, "tests", "golden");
const ID = "https://peixun.invalid/types.schema.json";

const args = process.argv.slice(2);
if (args.some((a) => a !== "--write")) {
  console.error("usage: gen-schema.mjs [--write]");
  process.exit(2);
}

/** A value with every object's keys in byte order (stable bytes whatever the generator's order). */
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const k of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = sorted(value[k]);
  return out;
}

function generate() {
  const generator = createGenerator({
    path: TYPES,
    type: "Operations",
    expose: "export",
    topRef: true,
    jsDoc: "extended",
    additionalProperties: false,
    sortProps: true,
    // tsc --strict checks the file already (gen-golden-check.mjs, skipLibCheck false).
    skipTypeCheck: true,
  });
  const defs = {};
  for (const root of ["Operations", "ProblemJson"]) {
    Object.assign(defs, generator.createSchema(root).definitions);
  }
  // `Operations` itself goes: each of its operations' request and answer is a
  // definition of its own, named after the operation.
  const operations = defs.Operations;
  delete defs.Operations;
  for (const [op, { properties }] of Object.entries(operations.properties)) {
    if (!/^[A-Za-z0-9._-]+$/.test(op) || defs[`${op}.request`] || defs[`${op}.response`]) {
      throw new Error(`gen-schema: the operation ${JSON.stringify(op)} cannot name a definition`);
    }
    defs[`${op}.request`] = properties.request;
    defs[`${op}.response`] = properties.response;
  }
  const text = JSON.stringify(defs).split('"#/definitions/').join('"#/$defs/');
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: ID,
    $comment:
      "Generated from crates/peixun-wasm/src/types.d.ts by tests/wasm/types/gen-schema.mjs: do not edit. " +
      "An operation's request: #/$defs/<operation>.request; its answer: #/$defs/<operation>.response; " +
      "a refused request's answer: #/$defs/ProblemJson.",
    $defs: JSON.parse(text),
  };
  return `${JSON.stringify(sorted(schema), null, 2)}\n`;
}

const fresh = generate();
if (args.includes("--write")) {
  writeFileSync(SCHEMA, fresh);
  console.log(`gen-schema: wrote ${relative(ROOT, SCHEMA)}`);
}
let committed;
try {
  committed = readFileSync(SCHEMA, "utf8");
} catch {
  committed = "";
}
if (committed !== fresh) {
  console.log(
    `gen-schema: ${relative(ROOT, SCHEMA)} is not what ${relative(ROOT, TYPES)} gives: ` +
      "run node tests/wasm/types/gen-schema.mjs --write and commit it",
  );
  process.exit(1);
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(JSON.parse(committed));
const validators = new Map();
/** The validator of one of the schema's `$defs`. */
function validator(name) {
  if (!validators.has(name)) validators.set(name, ajv.compile({ $ref: `${ID}#/$defs/${name}` }));
  return validators.get(name);
}
const defs = JSON.parse(committed).$defs;

function cases(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...cases(path));
    else if (entry.name.endsWith(".json")) out.push(path);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const failures = [];
const negatives = new Map(); // operation -> its first answer
let validated = 0;
for (const path of cases(CORPUS)) {
  const rel = relative(ROOT, path).split("\\").join("/");
  const c = JSON.parse(readFileSync(path, "utf8"));
  const isError = c.output !== null && typeof c.output === "object" && "error" in c.output;
  const check = (part, value, name) => {
    const v = validator(name);
    if (!v(value)) {
      for (const e of v.errors) {
        failures.push(`${rel} ${part} $${e.instancePath.replace(/\//g, ".")}: ${e.message} ${JSON.stringify(e.params)}`);
      }
    }
  };
  if (isError) {
    check("output", c.output, "ProblemJson");
  } else if (!Object.hasOwn(defs, `${c.operation}.request`)) {
    failures.push(`${rel}: the operation ${JSON.stringify(c.operation)} is not in Operations`);
  } else {
    check("request", c.request, `${c.operation}.request`);
    check("output", c.output, `${c.operation}.response`);
    if (!negatives.has(c.operation)) negatives.set(c.operation, { rel, output: c.output, name: `${c.operation}.response` });
  }
  validated++;
}
for (const [op, n] of negatives) {
  const extra = { ...n.output, undeclared_by_the_types: true };
  if (validator(n.name)(extra)) {
    failures.push(`${n.rel}: an answer of ${op} with an undeclared property passes the schema`);
  }
}
if (failures.length > 0) {
  console.log(failures.join("\n"));
  console.log(`gen-schema: ${failures.length} problem(s) in the corpus against ${relative(ROOT, SCHEMA)}`);
  process.exit(1);
}
console.log(
  `gen-schema: ${relative(ROOT, SCHEMA)} is types.d.ts's; every request and answer of the ${validated} ` +
    `cases is valid against it, and an undeclared property is refused in each of ${negatives.size} operations' answers`,
);
