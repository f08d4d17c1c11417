// The typed, named methods of the Engine, as an app would call them.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEngine, Engine, PeixunError, isPeixunError, version, mutatingOperations } from "peixun";
import { ROOT } from "./corpus.mjs";

const engine = await createEngine();
const DALIAN = "dalian-2023-major-conversion";
const phone = JSON.parse(readFileSync(join(ROOT, "examples/applicants/graduate-phone.json"), "utf8"));

function throws(fn, code, path) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof Error, "a real Error");
    assert.ok(err instanceof PeixunError, "matches PeixunError");
    assert.ok(isPeixunError(err));
    assert.equal(err.name, "PeixunError");
    assert.equal(err.code, code);
    if (path !== undefined) assert.equal(err.path, path);
    assert.equal(typeof err.messageZh, "string");
    assert.equal(typeof err.messageEn, "string");
    assert.ok(err.messageZh.length > 0 && err.messageEn.length > 0);
    assert.ok(err.message.startsWith(code));
    return err;
  }
  assert.fail(`expected ${code}`);
}

test("version and operations", () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
  const ops = engine.operations();
  for (const op of ["eligibility", "id.check", "calendar.day", "policy.load", "calendar.update"]) assert.ok(ops.includes(op), op);
  assert.deepEqual(mutatingOperations().sort(), ["calendar.update", "policy.load"]);
});

test("checkEligibility: a phone's self-check needs review, never a false yes", () => {
  const v = engine.checkEligibility(DALIAN, phone);
  assert.equal(v.decision, "needs_review");
  assert.deepEqual(v.policy, { id: DALIAN, version: "2023.1" });
  const e4 = v.findings.find((f) => f.rule_id === "DL-E4");
  assert.equal(e4.status, "unknown");
  assert.ok(e4.message_zh && e4.message_en && e4.citation.clause);
  // The same answer as the byte-comparable path.
  const text = engine.handleJson("eligibility", JSON.stringify({ policy: DALIAN, applicant: phone }));
  assert.deepEqual(v, JSON.parse(text));
});

test("checkEligibility: errors carry the path in the request", () => {
  throws(() => engine.checkEligibility("nowhere", phone), "input.unknown_policy", "$.policy");
  throws(() => engine.checkEligibility(DALIAN, { kind: "person", graduation_year: "2022" }), "input.wrong_type", "$.applicant.graduation_year");
  throws(() => engine.checkEligibility(DALIAN, { kind: "person", graduation_year: NaN }), "input.wrong_type", "$.applicant.graduation_year");
  throws(() => engine.checkEligibility(DALIAN, { kind: "robot" }), "input.invalid_value", "$.applicant.kind");
  throws(() => engine.checkEligibility(DALIAN, { kind: "person", id_number: "110105194912310021" }), "input.invalid_id_number");
});

test("JS values are read as JSON says them, and what JSON cannot say is refused at its path", () => {
  // A Map with string keys is an object; a BigInt that fits is an integer.
  const asMap = engine.checkEligibility(DALIAN, new Map(Object.entries(phone)));
  assert.deepEqual(asMap, engine.checkEligibility(DALIAN, phone));
  assert.deepEqual(engine.addWorkdays("2023-10-07", 5n), engine.addWorkdays("2023-10-07", 5));
  for (const [bad, what] of [
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    [Symbol("s"), "symbol"],
    [() => 2022, "function"],
    [new Set([2022]), "object"],
    [new Uint8Array([1]), "object"],
  ]) {
    const err = throws(() => engine.checkEligibility(DALIAN, { kind: "person", graduation_year: bad }), "input.wrong_type", "$.applicant.graduation_year");
    assert.ok(err.messageEn.includes(what), err.messageEn);
  }
  const keyed = throws(() => engine.checkEligibility(DALIAN, new Map([[1, "person"]])), "input.wrong_type", "$.applicant");
  assert.match(keyed.messageEn, /expected a string key/);
  assert.match(keyed.messageZh, /应为字符串/);
});

test("ID numbers and credit codes", () => {
  const id = engine.checkId("11010519491231002X");
  assert.equal(id.birth_date, "1949-12-31");
  assert.equal(id.sex, "female");
  assert.equal(id.province_name, "北京市");
  throws(() => engine.checkId("123"), "id.length", "$.number");
  throws(() => engine.checkId(11010519491231002), "input.wrong_type", "$.number");
  assert.equal(engine.maskId("11010519491231002X"), "110105********002X");
  assert.equal(engine.maskId("11010519491231002X", { head: 2, tail: 3 }), "11*************02X");
  throws(() => engine.maskId("x", { head: -1 }), "input.invalid_value", "$.head");
  const code = engine.checkCreditCode("91350100M000100Y43");
  assert.equal(code.category_name, "企业");
  throws(() => engine.checkCreditCode("91350100M000100Y44"), "uscc.check_character", "$.code");
});

test("policies: list, lint, load", () => {
  const list = engine.listPolicies();
  assert.ok(list.some((p) => p.id === DALIAN && p.rules > 0));
  // The module reads policies as JSON (`peixun policy convert` writes a TOML file as JSON).
  const text = readFileSync(join(ROOT, "examples", "policies", `${DALIAN}.json`), "utf8");
  assert.deepEqual(engine.lintPolicy(text), { id: DALIAN, version: "2023.1" });
  throws(() => engine.lintPolicy("{\"id\": "), "policy.syntax");
  const toml = readFileSync(join(ROOT, "policies", `${DALIAN}.toml`), "utf8");
  throws(() => engine.lintPolicy(toml), "policy.toml_unsupported", "$");
  throws(() => engine.loadPolicy(toml), "policy.toml_unsupported", "$");
  const bad = text.replaceAll('"qualification": "1800.00"', '"qualification": "2100.00"');
  assert.notEqual(bad, text);
  throws(() => engine.loadPolicy(bad), "policy.rate_out_of_range");
  // A deployment's own version of the policy loads at run time.
  const e = new Engine();
  const mine = text.replace('"version": "2023.1"', '"version": "2023.1-local"');
  assert.notEqual(mine, text);
  assert.deepEqual(e.loadPolicy(mine), { id: DALIAN, version: "2023.1-local" });
  assert.equal(e.checkEligibility(DALIAN, phone).policy.version, "2023.1-local");
  assert.equal(engine.checkEligibility(DALIAN, phone).policy.version, "2023.1", "other engines unchanged");
  e.free();
});

test("calendar queries", () => {
  assert.equal(engine.isWorkday("2023-10-07"), true); // Saturday, make-up day
  assert.equal(engine.isWorkday("2023-10-02"), false);
  assert.equal(engine.holidayName("2023-10-02"), "中秋节、国庆节");
  assert.equal(engine.holidayName("2023-10-09"), null);
  const day = engine.calendarDay("2024-02-04");
  assert.deepEqual(day, { date: "2024-02-04", weekday: "Sun", workday: true, kind: "makeup_workday", holiday: "春节", assumed: false, assumptions: [] });
  const month = engine.workdaysInMonth(2023, 10);
  assert.equal(month.count, 19);
  assert.equal(month.dates[0], "2023-10-07");
  assert.equal(engine.countWorkdays("2023-05-01", "2023-05-31").count, 21);
  assert.equal(engine.addWorkdays("2023-09-28", 5).result, "2023-10-11");
  assert.equal(engine.addWorkdays("2024-02-19", -1).result, "2024-02-18");
  assert.equal(engine.nextWorkday("2024-02-09").result, "2024-02-18");
  assert.equal(engine.previousWorkday("2024-02-18").result, "2024-02-09");
  throws(() => engine.isWorkday("2031-05-06"), "calendar.year_unknown");
  const assumed = engine.calendarDay("2031-05-06", { unknown_years: "assume_weekends_only" });
  assert.equal(assumed.assumed, true);
  assert.deepEqual(assumed.assumptions, ["calendar.assumed_weekends_only:2031"]);
  throws(() => engine.workdaysInMonth(2023, 13), "calendar.bad_month");
  throws(() => engine.countWorkdays("2023-05-31", "2023-05-01"), "calendar.range_reversed");
  throws(() => engine.addWorkdays("2023-10-02", 0), "calendar.not_a_workday");
  throws(() => engine.addWorkdays("2023-01-03", 5000), "calendar.too_far");
  throws(() => engine.isWorkday("2023-02-29"), "input.invalid_date", "$.date");
  throws(() => engine.calendarDay("2023-10-07", { unknown_years: "guess" }), "input.invalid_value", "$.unknown_years");
  throws(() => engine.calendarDay("2023-10-07", { date: "2023-10-08" }), "input.unknown_field", "$.date");
  throws(() => engine.calendarDay("2023-10-07", "assume"), "input.wrong_type", "$");
});

test("applyCalendarUpdate: next year's notice at run time, all or nothing", () => {
  const e = new Engine();
  throws(() => e.isWorkday("2027-02-14"), "calendar.year_unknown");
  const notice = {
    year: 2027,
    source: "国办发明电〔2026〕N号",
    holidays: [
      { name: "元旦", off: ["2027-01-01..2027-01-03"] },
      { name: "春节", off: ["2027-02-06..2027-02-13"], workdays: ["2027-02-14"] },
    ],
  };
  const summary = e.applyCalendarUpdate(notice);
  assert.equal(summary.years[0].year, 2027);
  assert.equal(summary.years[0].off_days, 11);
  assert.equal(summary.years[0].working_days, 256);
  assert.equal(e.isWorkday("2027-02-14"), true);
  // The same notice as text, and a refused one that changes nothing.
  assert.equal(e.applyCalendarUpdate(JSON.stringify(notice)).years[0].replaced, true);
  const bad = { year: 2028, source: "x", holidays: [{ name: "元旦", off: ["2028-01-01"], workdays: ["2028-01-03"] }] };
  throws(() => e.applyCalendarUpdate(bad), "calendar.update_makeup_not_weekend", "$.holidays[0].workdays[0]");
  throws(() => e.isWorkday("2028-01-03"), "calendar.year_unknown");
  throws(() => e.applyCalendarUpdate(42), "input.wrong_type", "$");
  e.free();
});

test("call: any operation by name, typed per operation", () => {
  assert.equal(engine.call("id.mask", { number: "11010519491231002X" }).masked, "110105********002X");
  assert.equal(engine.call("calendar.count", { from: "2023-05-01", to: "2023-05-31" }).count, 21);
  throws(() => engine.call("nope", {}), "api.unknown_operation");
  throws(() => engine.call("id.check", [1, 2]), "input.wrong_type", "$");
});

test("handleJson: errors come back as JSON, in the corpus's form", () => {
  const out = JSON.parse(engine.handleJson("calendar.day", '{"date": "2031-01-01"}'));
  assert.equal(out.error.code, "calendar.year_unknown");
  assert.ok(out.error.message_zh && out.error.message_en);
  assert.equal(JSON.parse(engine.handleJson("eligibility", "{")).error.code, "input.malformed_json");
});

test("money crosses as strings, no bigint anywhere", () => {
  const seen = [];
  (function walk(v) {
    if (typeof v === "bigint") seen.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  })([engine.checkEligibility(DALIAN, phone), engine.checkId("11010519491231002X"), engine.listPolicies()]);
  assert.deepEqual(seen, []);
});

test("an engine created once answers many times", () => {
  for (let i = 0; i < 200; i++) assert.equal(engine.isWorkday("2023-10-07"), true);
});
