// The trainee's module (`peixun/trainee`: the mini-program's and the trainee
// page's build, without claims, deadlines or plans) answers every golden case
// of the operations it offers byte for byte as the native engine does, and
// refuses the others as an unknown operation, never with a wrong answer.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as trainee from "peixun/trainee";
import * as full from "peixun";
import { cases, engineFor, TRAINEE_LEFT_OUT as LEFT_OUT, traineeExpected } from "./corpus.mjs";

const all = cases();
const mutating = new Set(trainee.mutatingOperations());

test("the trainee's module offers every operation but the claims, deadlines and plan families", () => {
  const offered = new trainee.Engine().operations();
  const fullOps = new full.Engine().operations();
  assert.deepEqual(
    offered,
    fullOps.filter((op) => !LEFT_OUT.includes(op)),
  );
});

test("a golden case of an offered operation: byte for byte; of another: api.unknown_operation", async () => {
  const engine = new trainee.Engine();
  const offered = new Set(engine.operations());
  const failures = [];
  let same = 0;
  let refused = 0;
  for (const c of all) {
    const [e, fresh] = await engineFor(c, engine, mutating, () => new trainee.Engine());
    const got = e.handleJson(c.operation, c.request);
    if (offered.has(c.operation) || !LEFT_OUT.includes(c.operation)) {
      if (got !== c.output) failures.push(`${c.name}\n  want ${c.output}\n  got  ${got}`);
      else same += 1;
    } else {
      if (got !== traineeExpected(c)) failures.push(`${c.name}: ${got.slice(0, 200)}`);
      else refused += 1;
    }
    if (fresh) e.free();
  }
  assert.deepEqual(failures, []);
  assert.ok(same > 250, `only ${same} cases compared`);
  assert.ok(refused > 50, `only ${refused} cases refused`);
});

test("the mini-program folder ships the trainee's module", () => {
  const pkg = new URL("../../../pkg/", import.meta.url);
  assert.deepEqual(
    readFileSync(new URL("miniprogram/peixun_bg.wasm.br", pkg)),
    readFileSync(new URL("trainee/peixun_bg.wasm.br", pkg)),
  );
});

test("the size report carries the trainee's module and its budget", () => {
  const report = JSON.parse(readFileSync(new URL("../../../pkg/size-report.json", import.meta.url), "utf8"));
  assert.equal(report.trainee.budget_brotli, 160000);
  assert.ok(report.trainee.brotli < report.wasm.brotli, "the trainee's module is smaller than the full one");
  assert.equal(report.trainee.within_budget, report.trainee.brotli <= 160000);
});
