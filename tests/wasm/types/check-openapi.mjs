// The verifier's OpenAPI document (docs/openapi.json, written by
// `PEIXUN_BLESS=1 cargo test -p peixun-server --test server_openapi`) is a
// valid OpenAPI 3.1 document, every reference in it resolves, and every
// route that runs an engine operation describes its request and answer with
// that operation's schema (crates/peixun-server/schemas/types.schema.json).
// Run: node tests/wasm/types/check-openapi.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const doc = JSON.parse(readFileSync(join(ROOT, "docs", "openapi.json"), "utf8"));

const failures = [];
const validator = new Validator();
const result = await validator.validate(doc);
if (!result.valid) failures.push(`not a valid OpenAPI ${validator.version} document: ${JSON.stringify(result.errors, null, 1)}`);
if (validator.version !== "3.1") failures.push(`expected OpenAPI 3.1, found ${validator.version}`);

// Every $ref points at a component that exists.
const schemas = doc.components?.schemas ?? {};
const walk = (v, at) => {
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string") {
        const name = x.startsWith("#/components/schemas/") ? decodeURIComponent(x.slice(21)) : null;
        if (name === null || !(name in schemas)) failures.push(`${at}: ${x} does not resolve`);
      } else walk(x, `${at}.${k}`);
    }
  }
};
walk(doc, "$");

// Routes that run an engine operation: its request and answer schemas.
let described = 0;
for (const [path, methods] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(methods)) {
    const m = /Runs the engine operation `([^`]+)`/.exec(op.description ?? "");
    if (!m) continue;
    const name = m[1];
    const ok = op.responses?.["200"]?.content?.["application/json"]?.schema?.$ref;
    const body = op.requestBody?.content?.["application/json"]?.schema?.$ref;
    if (method === "post" && body !== `#/components/schemas/${name}.request`) {
      failures.push(`${method.toUpperCase()} ${path}: request body is not ${name}.request (${body})`);
    }
    if (!(method === "post" && path === "/v1/claims") && ok !== `#/components/schemas/${name}.response`) {
      failures.push(`${method.toUpperCase()} ${path}: answer is not ${name}.response (${ok})`);
    }
    described += 1;
  }
}
if (described < 10) failures.push(`only ${described} routes name an engine operation`);

// The validator refuses a broken document (so that its yes means something).
const broken = structuredClone(doc);
broken.paths["/health"].get.responses = "none";
if ((await new Validator().validate(broken)).valid) failures.push("the validator accepted a document with responses: \"none\"");

if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`docs/openapi.json: valid OpenAPI 3.1, ${Object.keys(schemas).length} schemas, every reference resolves, ${described} routes typed by their operation`);
