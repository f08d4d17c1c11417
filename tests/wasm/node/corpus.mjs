// The golden corpus (tests/golden/**/*.json), read as the native test reads it.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const GOLDEN = join(ROOT, "tests", "golden");

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith(".json")) out.push(path);
  }
  return out;
}

/** Canonical JSON as src/canonical/ writes it: keys sorted, no white space. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Every case: name, operation, the request text the native test passes, the
 * deployment policy texts to load first, the expected bytes.
 */
export function cases() {
  return walk(GOLDEN, [])
    .sort()
    .map((path) => {
      const c = JSON.parse(readFileSync(path, "utf8"));
      return {
        name: relative(ROOT, path),
        operation: c.operation,
        // tests/golden.rs passes a string request as is, anything else as compact JSON
        // (serde_json's map keeps keys sorted, as `canonical` does).
        request: typeof c.request === "string" ? c.request : canonical(c.request),
        requestValue: c.request,
        // A deployment's policy files the case loads first (`policy.load`), as texts.
        policies: (c.policies ?? []).map((file) => readFileSync(join(ROOT, file), "utf8")),
        output: canonical(c.output),
      };
    });
}

/**
 * The engine a case runs on: `shared`, or a fresh one (from `create`) when the
 * operation changes the engine or the case loads a deployment's policies first.
 * Returns `[engine, fresh]`; the caller frees a fresh engine.
 */
export async function engineFor(c, shared, mutating, create) {
  if (!mutating.has(c.operation) && c.policies.length === 0) return [shared, false];
  const e = await create();
  for (const text of c.policies) {
    const out = JSON.parse(e.handleJson("policy.load", JSON.stringify({ text })));
    if (out.error) throw new Error(`${c.name}: loading a policy: ${JSON.stringify(out.error)}`);
  }
  return [e, true];
}

// The operations the trainee's module (`peixun/trainee`, and the mini-program
// folder) leaves out: the engine's claims, deadlines and plan features.
export const TRAINEE_LEFT_OUT = ["claim.verify", "publicity.list", "publicity.csv", "deadlines.plan", "plan.check"];

// What the trainee's module answers to a golden case: the case's own output,
// or, for an operation it leaves out, the engine's unknown-operation error.
export function traineeExpected(c) {
  if (!TRAINEE_LEFT_OUT.includes(c.operation)) return c.output;
  const op = c.operation;
  return JSON.stringify({
    error: { code: "api.unknown_operation", message_en: `unknown operation: ${op}`, message_zh: `未知的操作：${op}`, path: "$" },
  });
}
