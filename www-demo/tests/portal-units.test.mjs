// The portal's parts that need no browser: the CSV reader, the tables, the
// mapping of engine error paths back to files, the committed sample files, and
// the whole flow (attendance → claim) on the npm package in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createEngine } from "peixun";
import { readSheet } from "read-excel-file/node";
import { parseCsv, CsvError } from "../src/portal/csv.js";
import { tableFromCsv, tableFromGrid, cellText, FileError } from "../src/portal/tables.js";
import { classFromForm, attendanceRequest, buildClaim, claimedFromReport, locate, sumYuan, parseSessions } from "../src/portal/claim.js";
import { amountRules, outline } from "../src/portal/policies.js";
import { sampleForm } from "../src/portal/sample-class.js";
import { demoRoot, repoRoot } from "./harness.mjs";

const samples = join(demoRoot, "public", "samples");

test("the CSV reader: BOM, CRLF, quotes, doubled quotes, line breaks in a field, blank lines", () => {
  const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\r\nlines",\n3,,z';
  assert.deepEqual(parseCsv(text), [
    ["a", "b", "c"],
    ["1", "x, y", 'say "hi"'],
    [],
    ["2", "two\r\nlines", ""],
    ["3", "", "z"],
  ]);
  assert.deepEqual(parseCsv("a,b\n"), [["a", "b"]]);
  assert.deepEqual(parseCsv('"",x'), [["", "x"]]);
});

test("the CSV reader names the row and column of a malformed field", () => {
  const cases = [
    ['a,b\r\n1,"open\r\n', 2, 2, /never closed/],
    ['a,b\r\n1,x"y\r\n', 2, 2, /quote inside an unquoted field/],
    ['a,b\r\n1,"x"y\r\n', 2, 2, /after the closing quote/],
  ];
  for (const [text, row, column, message] of cases) {
    assert.throws(() => parseCsv(text), (e) => e instanceof CsvError && e.row === row && e.column === column && message.test(e.messageEn), text);
  }
  assert.throws(() => tableFromCsv("punches.csv", "punches", 'trainee,at,kind\r\nT01,"x\r\n'),
    (e) => e instanceof FileError && e.file === "punches.csv" && e.row === 2 && e.column === "#2");
});

test("tables: Chinese column titles, typed values, spreadsheet cells, a missing column", () => {
  const t = tableFromGrid("打卡.xlsx", "punches", [
    ["学员编号", "打卡时间", "打卡类型", "备注"],
    ["T01", new Date(Date.UTC(2023, 9, 9, 8, 20, 4, 999)), "签到", "x"],
    [null, null, null],
    ["T01", "2023-10-09T11:50:00+08:00", "sign_out"],
  ]);
  assert.deepEqual(t.columns, { trainee: "学员编号", at: "打卡时间", kind: "打卡类型" });
  assert.deepEqual(t.ignored, ["备注"]);
  assert.deepEqual(t.records, [
    { row: 2, values: { trainee: "T01", at: "2023-10-09T08:20:05+08:00", kind: "sign_in" } },
    { row: 4, values: { trainee: "T01", at: "2023-10-09T11:50:00+08:00", kind: "sign_out" } },
  ]);
  const r = tableFromCsv("roster.csv", "roster", "id,graduation_year,dishonest,employed_since_graduation\r\nT01,2022,否,maybe\r\nT02,二〇二二,,true");
  assert.deepEqual(r.records.map((x) => x.values), [
    { id: "T01", graduation_year: 2022, dishonest: false, employed_since_graduation: "maybe" },
    { id: "T02", graduation_year: "二〇二二", employed_since_graduation: true },
  ]);
  assert.equal(cellText(new Date(Date.UTC(2024, 1, 29)), "date"), "2024-02-29");
  assert.throws(() => tableFromCsv("punches.csv", "punches", "trainee,kind\r\nT01,sign_in"),
    (e) => e instanceof FileError && e.row === 1 && e.column === "at");
});

test("an engine error's path is traced back to its file, row and column, or to the form", () => {
  const roster = tableFromCsv("roster.csv", "roster", "学员编号,身份证号码,graduation_year\r\nT01,1,2022\r\n\r\nT02,2,2023");
  const punches = tableFromCsv("punches.csv", "punches", "trainee,at,kind\r\nT01,x,sign_in\r\nT02,y,sign_in");
  const certificates = tableFromCsv("certificates.csv", "certificates", "trainee,type,first_time\r\nT02,skill_level,true");
  const origin = { roster, punches, leave: null, certificates, certRows: [[], [certificates.records[0]]] };
  assert.deepEqual(locate("$.punches[1].at", origin), { file: "punches.csv", row: 3, column: "at" });
  assert.deepEqual(locate("$.trainees[1].id_number", origin), { file: "roster.csv", row: 4, column: "身份证号码" });
  assert.deepEqual(locate("$.trainees[1].eligibility.graduation_year", origin), { file: "roster.csv", row: 4, column: "graduation_year" });
  assert.deepEqual(locate("$.trainees[1].certificates[0].type", origin), { file: "certificates.csv", row: 2, column: "type" });
  assert.deepEqual(locate("$.trainees[0].attendance.attended_sessions", origin), { computed: "attendance", row: 2 });
  assert.deepEqual(locate("$.class.start", origin), { field: "start" });
  assert.deepEqual(locate("$.claim.class.filed_on", origin), { field: "filed_on" });
  assert.deepEqual(locate("$.institution.credit_code", origin), { field: "credit_code" });
  assert.deepEqual(locate("$.start", origin), { field: "publicity_start" });
  assert.equal(locate("$", origin), null);
});

test("money is summed exactly; sessions read from the form", () => {
  assert.equal(sumYuan(["0.10", "0.20", "10800.00", "-0.3"]), "10800.00");
  assert.equal(sumYuan([]), "0.00");
  assert.deepEqual(parseSessions("08:30-11:45, 13:30～16:45"), [{ start: "08:30", end: "11:45" }, { start: "13:30", end: "16:45" }]);
  assert.equal(parseSessions("8:30-11:45"), null);
});

test("the amount rules of each built-in policy, read from its file", () => {
  const texts = {};
  for (const f of readdirSync(join(repoRoot, "policies")).filter((f) => f.endsWith(".toml"))) {
    const text = readFileSync(join(repoRoot, "policies", f), "utf8");
    texts[outline(text).id] = text;
  }
  assert.deepEqual(amountRules("dalian-2023-major-conversion", texts), ["DL-S1", "DL-S2"]);
  assert.deepEqual(amountRules("jinzhong-2023-skills-shanxi", texts), ["JZ-S1", "JZ-S2", "JZ-S3"]);
  assert.deepEqual(amountRules("liaocheng-2021-skill-upgrade", texts), ["LC-S1"]);
  const json = JSON.stringify({ id: "x", extends: "dalian-2023-major-conversion", exclude: ["DL-S2"], rules: [{ id: "X-S1", roles: ["amount"] }] });
  assert.deepEqual(amountRules("x", { ...texts, x: json }), ["DL-S1", "X-S1"]);
});

test("the committed sample files are what the generator writes", () => {
  const r = spawnSync(process.execPath, [join(demoRoot, "scripts", "gen-sample-class.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

async function sampleTotal(read) {
  const e = await createEngine();
  const t = {};
  for (const k of ["roster", "punches", "leave", "certificates"]) t[k] = await read(k);
  const cls = classFromForm(sampleForm());
  const att = e.call("attendance", attendanceRequest(cls, t.roster, t.punches, t.leave));
  const zero = t.roster.records.map(() => ({ "DL-S1": "0.00", "DL-S2": "0.00" }));
  const first = e.call("claim.verify", buildClaim(cls, t.roster, att, t.certificates, zero).claim);
  const { claim } = buildClaim(cls, t.roster, att, t.certificates, claimedFromReport(first));
  const report = e.call("claim.verify", claim);
  return { att, report, claim };
}

test("the sample class, from CSV and from .xlsx, is worth 314400.00 yuan (public/samples/EXPECTED.md)", async () => {
  const csv = await sampleTotal(async (k) => tableFromCsv(`${k}.csv`, k, readFileSync(join(samples, `${k}.csv`), "utf8")));
  assert.equal(csv.report.decision, "accept");
  assert.equal(csv.report.totals.recomputed, "314400.00");
  assert.equal(csv.claim.claimed_total, "314400.00");
  assert.equal(csv.att.class.expected_sessions, 252);
  // T11 attends 215 of 252 sessions (85.32%): below 90%, no training subsidy.
  const t11 = csv.att.trainees[10];
  assert.deepEqual([t11.trainee, t11.attended_sessions, t11.meets_threshold], ["T11", 215, false]);
  assert.equal(csv.report.trainees[10].lines.find((l) => l.rule_id === "DL-S1").amount, "0.00");
  const xlsx = await sampleTotal(async (k) => tableFromGrid(`${k}.xlsx`, k, await readSheet(readFileSync(join(samples, `${k}.xlsx`)))));
  assert.deepEqual(xlsx.claim, csv.claim);
});
