// The portal's parts that need no browser: the CSV reader, the tables, the
// mapping of engine error paths back to files, the committed sample files, and
// the whole flow (the claim carrying the raw punches → claim.verify, and the
// attendance report beside it) on the npm package in Node: under the shipped
// Dalian policy, whose rates, fees and durations are only examples (the class
// needs review, every paying line provisional), and with the deployment
// example loaded over it (examples/policies/dalian-deployment-example.json,
// what the page's "load the deployment example" and the demo verifier load:
// the class is accepted at 314400.00). The sample's punches are voucher
// check-ins and say so (`method`: voucher_qr, DL-P6); the same punches in a file
// without the method column take the clerk's statement for the file (the
// portal's "本文件的打卡方式"), and left not stated nothing of them counts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createEngine } from "peixun";
import { readSheet } from "read-excel-file/node";
import { parseCsv, CsvError } from "../src/portal/csv.js";
import { tableFromCsv, tableFromGrid, cellText, withPunchMethod, PUNCH_METHODS, FileError } from "../src/portal/tables.js";
import { classFromForm, attendanceRequest, buildClaim, claimedFromReport, exceptionOf, locate, provisionalOf, reviewReasons, sumYuan, parseSessions } from "../src/portal/claim.js";
import { amountRules, outline, withLoaded } from "../src/portal/policies.js";
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
  // DL-P2's columns under their Chinese titles: a stamped roster (yes/no), each verification done, not done or its date.
  const p2 = tableFromGrid("花名册.xlsx", "roster", [
    ["学员编号", "学校盖章学籍名单", "机构核实未就业", "区人社核实未就业"],
    ["T01", "是", new Date(Date.UTC(2023, 8, 21)), "2023-09-27"],
    ["T02", null, "否", "是"],
  ]);
  assert.deepEqual(p2.records.map((x) => x.values), [
    { id: "T01", stamped_roster: true, not_employed_institution: "2023-09-21", not_employed_district: "2023-09-27" },
    { id: "T02", not_employed_institution: false, not_employed_district: true },
  ]);
  assert.deepEqual(r.records.map((x) => x.values), [
    { id: "T01", graduation_year: 2022, dishonest: false, employed_since_graduation: "maybe" },
    { id: "T02", graduation_year: "二〇二二", employed_since_graduation: true },
  ]);
  assert.equal(cellText(new Date(Date.UTC(2024, 1, 29)), "date"), "2024-02-29");
  assert.throws(() => tableFromCsv("punches.csv", "punches", "trainee,kind\r\nT01,sign_in"),
    (e) => e instanceof FileError && e.row === 1 && e.column === "at");
});

test("punch exceptions: Chinese titles and labels, yes/no marks, the note's text kept out of the request", () => {
  const t = tableFromCsv("打卡异常.csv", "exceptions", [
    "学员编号,日期,节次,异常情形,管理人员签字,盖章,学员签字,说明",
    "T01,2023-10-10,1,设备故障,是,是,是,考勤机故障",
    "T02,2023-10-11,,学员无法打卡,有,无,是,",
    "T03,2023-10-12,2,其他需要说明的情况,,,,",
    "T04,2023-10-13,2,Device failure,yes,no,否,",
    "T05,2023-10-13,1,停电,是,盖了,是,",
  ].join("\r\n"));
  assert.deepEqual(t.columns, {
    trainee: "学员编号", date: "日期", session: "节次", reason: "异常情形",
    manager_signature: "管理人员签字", stamp: "盖章", trainee_signature: "学员签字", note: "说明",
  });
  assert.deepEqual(t.records.map((r) => exceptionOf(r.values)), [
    // The note's text is the clerk's: the engine takes only the marks.
    { trainee: "T01", date: "2023-10-10", session: 1, reason: "device_failure", note: { manager_signature: true, stamp: true, trainee_signature: true } },
    // No session: the whole day.
    { trainee: "T02", date: "2023-10-11", reason: "unable_to_punch", note: { manager_signature: true, stamp: false, trainee_signature: true } },
    // Empty marks are not stated (the engine asks for them), never "no".
    { trainee: "T03", date: "2023-10-12", session: 2, reason: "other", note: {} },
    { trainee: "T04", date: "2023-10-13", session: 2, reason: "device_failure", note: { manager_signature: true, stamp: false, trainee_signature: false } },
    // What is not a case or a yes/no goes to the engine as written, for it to name.
    { trainee: "T05", date: "2023-10-13", session: 1, reason: "停电", note: { manager_signature: true, stamp: "盖了", trainee_signature: true } },
  ]);
  assert.equal(t.records[0].values.note, "考勤机故障");
  // English titles, `kind` for the reason, the engine's codes.
  const en = tableFromCsv("exceptions.csv", "exceptions", "trainee,date,kind,manager_signature,stamp,trainee_signature\r\nT01,2023-10-10,unable_to_punch,true,true,false");
  assert.deepEqual(exceptionOf(en.records[0].values), { trainee: "T01", date: "2023-10-10", reason: "unable_to_punch", note: { manager_signature: true, stamp: true, trainee_signature: false } });
  // The three marks are columns the file must have (a cell may be empty).
  assert.throws(() => tableFromCsv("exceptions.csv", "exceptions", "trainee,date,reason,manager_signature,trainee_signature\r\nT01,2023-10-10,other,是,是"),
    (e) => e instanceof FileError && e.file === "exceptions.csv" && e.row === 1 && e.column === "stamp");
});

test("punch methods: the 打卡方式 column in the notice's words or as codes; the clerk's statement fills only the rows that state none", () => {
  const t = tableFromGrid("打卡.xlsx", "punches", [
    ["学员编号", "打卡时间", "打卡类型", "打卡方式"],
    ["T01", "2023-10-09T08:20:00+08:00", "签到", "电子培训券签到"],
    ["T01", "2023-10-09T11:50:00+08:00", "签退", "人脸识别装置"],
    ["T02", "2023-10-09T08:21:00+08:00", "签到", "人工录入"],
    ["T02", "2023-10-09T11:51:00+08:00", "签退", "Face device"],
    ["T03", "2023-10-09T08:22:00+08:00", "签到", null],
    ["T03", "2023-10-09T11:52:00+08:00", "签退", "刷卡"],
  ]);
  assert.equal(t.columns.method, "打卡方式");
  // What is not a method is passed on as written, for the engine to name; an empty cell is not stated.
  assert.deepEqual(t.records.map((r) => r.values.method), ["voucher_qr", "face_device", "manual", "face_device", undefined, "刷卡"]);
  // Not stated (the field's default): nothing is filled, the row goes to the engine without a method.
  const none = withPunchMethod(t, "");
  assert.deepEqual([none.stated, none.filled, none.unstated, none.method], [5, 0, 1, null]);
  assert.equal("method" in none.records[4].values, false);
  // Stated for the file: only the row without one takes it; a row that states its own keeps it.
  const face = withPunchMethod(t, "face_device");
  assert.deepEqual([face.stated, face.filled, face.unstated], [5, 1, 0]);
  assert.deepEqual(face.records.map((r) => [r.values.method, !!r.filled]), [
    ["voucher_qr", false], ["face_device", false], ["manual", false], ["face_device", false], ["face_device", true], ["刷卡", false]]);
  assert.equal(t.records[4].values.method, undefined); // the file's table is left as it was
  // A file with no method column at all: every row takes the statement.
  const plain = tableFromCsv("punches.csv", "punches", "trainee,at,kind\r\nT01,2023-10-09T08:20:00+08:00,sign_in\r\nT01,2023-10-09T11:50:00+08:00,sign_out");
  const qr = withPunchMethod(plain, "voucher_qr");
  assert.deepEqual(qr.records.map((r) => r.values), [
    { trainee: "T01", at: "2023-10-09T08:20:00+08:00", kind: "sign_in", method: "voucher_qr" },
    { trainee: "T01", at: "2023-10-09T11:50:00+08:00", kind: "sign_out", method: "voucher_qr" }]);
  assert.deepEqual(PUNCH_METHODS.map((m) => [m.value, m.zh]), [["", "未注明"], ["voucher_qr", "电子培训券签到"], ["face_device", "人脸识别装置"], ["manual", "人工录入"]]);
});

test("an engine error's path is traced back to its file, row and column, or to the form", () => {
  const roster = tableFromCsv("roster.csv", "roster", "学员编号,身份证号码,graduation_year,机构核实未就业,not_employed_district,学校盖章学籍名单\r\nT01,1,2022,,,\r\n\r\nT02,2,2023,,,");
  const punches = tableFromCsv("punches.csv", "punches", "trainee,at,kind\r\nT01,x,sign_in\r\nT02,y,sign_in");
  const leave = tableFromCsv("leave.csv", "leave", "trainee,date,kind\r\nT01,2023-10-10,sick");
  const certificates = tableFromCsv("certificates.csv", "certificates", "trainee,type,first_time\r\nT02,skill_level,true");
  const exceptions = tableFromCsv("exceptions.csv", "exceptions", "学员编号,日期,节次,类型,管理人员签字,盖章,学员签字\r\nT01,2023-10-10,1,other,是,是,是\r\nT02,2023-10-11,2,other,是,maybe,是");
  const origin = { roster, punches, leave, exceptions, certificates, certRows: [[], [certificates.records[0]]] };
  // In the claim, which carries the raw attendance…
  assert.deepEqual(locate("$.attendance.punches[1].at", origin), { file: "punches.csv", row: 3, column: "at" });
  assert.deepEqual(locate("$.attendance.leave[0].date", origin), { file: "leave.csv", row: 2, column: "date" });
  // An exception's note is its mark columns; the note as a whole is its row.
  assert.deepEqual(locate("$.attendance.exceptions[1].note.stamp", origin), { file: "exceptions.csv", row: 3, column: "盖章" });
  assert.deepEqual(locate("$.exceptions[1].reason", origin), { file: "exceptions.csv", row: 3, column: "类型" });
  assert.deepEqual(locate("$.exceptions[0].note", origin), { file: "exceptions.csv", row: 2, column: null });
  assert.deepEqual(locate("$.attendance.class.sessions[0].end", origin), { field: "sessions" });
  assert.deepEqual(locate("$.attendance.class.id", origin), { field: "name" });
  assert.deepEqual(locate("$.trainees[1].attendance.key", origin), { file: "roster.csv", row: 4, column: "学员编号" });
  assert.deepEqual(locate("$.trainees[1].not_employed_verified.institution", origin), { file: "roster.csv", row: 4, column: "机构核实未就业" });
  assert.deepEqual(locate("$.trainees[0].not_employed_verified.district", origin), { file: "roster.csv", row: 2, column: "not_employed_district" });
  assert.deepEqual(locate("$.trainees[0].stamped_roster", origin), { file: "roster.csv", row: 2, column: "学校盖章学籍名单" });
  // …and in the "attendance" request.
  assert.deepEqual(locate("$.punches[1].at", origin), { file: "punches.csv", row: 3, column: "at" });
  assert.deepEqual(locate("$.trainees[1].id_number", origin), { file: "roster.csv", row: 4, column: "身份证号码" });
  assert.deepEqual(locate("$.trainees[1].eligibility.graduation_year", origin), { file: "roster.csv", row: 4, column: "graduation_year" });
  assert.deepEqual(locate("$.trainees[1].certificates[0].type", origin), { file: "certificates.csv", row: 2, column: "type" });
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
  // Fushun drops Dalian's amount rules in `exclude` tables that say why: none is left.
  assert.deepEqual(amountRules("fushun-2024-major-conversion", texts), []);
  const json = JSON.stringify({ id: "x", extends: "dalian-2023-major-conversion", exclude: ["DL-S2"], rules: [{ id: "X-S1", roles: ["amount"] }] });
  assert.deepEqual(amountRules("x", { ...texts, x: json }), ["DL-S1", "X-S1"]);
});

test("a deployment's file of the same ID is a layer over the shipped policy, as the engine loads it", () => {
  const id = "dalian-2023-major-conversion";
  const texts = { [id]: readFileSync(join(repoRoot, "policies", `${id}.toml`), "utf8") };
  const deployment = readFileSync(join(repoRoot, "examples", "policies", "dalian-deployment-example.json"), "utf8");
  const layered = withLoaded(texts, id, deployment);
  assert.deepEqual(layered[id], [texts[id], deployment]);
  assert.deepEqual(amountRules(id, layered), ["DL-S1", "DL-S2"]);
  // A layer that redefines only DL-S1 keeps the shipped DL-S2; one that excludes DL-S2 drops it.
  const onlyS1 = JSON.stringify({ id, extends: id, rules: [{ id: "DL-S1", roles: ["amount"] }] });
  assert.deepEqual(amountRules(id, withLoaded(texts, id, onlyS1)), ["DL-S1", "DL-S2"]);
  const noS2 = JSON.stringify({ id, extends: id, exclude: ["DL-S2"], rules: [] });
  assert.deepEqual(amountRules(id, withLoaded(layered, id, noS2)), ["DL-S1"]);
  // A file of the same ID that extends nothing replaces the policy.
  const whole = JSON.stringify({ id, rules: [{ id: "DL-S9", roles: ["amount"] }] });
  assert.deepEqual(withLoaded(layered, id, whole)[id], whole);
  assert.deepEqual(amountRules(id, withLoaded(layered, id, whole)), ["DL-S9"]);
});

test("the committed sample files are what the generator writes", () => {
  const r = spawnSync(process.execPath, [join(demoRoot, "scripts", "gen-sample-class.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

const readCsv = async (k) => tableFromCsv(`${k}.csv`, k, readFileSync(join(samples, `${k}.csv`), "utf8"));
const readXlsx = async (k) => tableFromGrid(`${k}.xlsx`, k, await readSheet(readFileSync(join(samples, `${k}.xlsx`))));

const DEPLOYMENT_EXAMPLE = readFileSync(join(repoRoot, "examples", "policies", "dalian-deployment-example.json"), "utf8");

/** A grid without its `method` column (by its title), as a file that does not state how its punches were made. */
const withoutMethod = (grid) => {
  const i = grid[0].indexOf("method");
  assert.ok(i >= 0, "the sample's punches have a method column");
  return grid.map((row) => row.filter((_, j) => j !== i));
};
/** The sample's files, the punches without their method column (CSV). */
const readCsvNoMethod = async (k) => (k === "punches"
  ? tableFromGrid("punches.csv", k, withoutMethod(parseCsv(readFileSync(join(samples, "punches.csv"), "utf8"))))
  : readCsv(k));
/** The sample's files, the punches without their method column (.xlsx). */
const readXlsxNoMethod = async (k) => (k === "punches"
  ? tableFromGrid("punches.xlsx", k, withoutMethod(await readSheet(readFileSync(join(samples, "punches.xlsx")))))
  : readXlsx(k));

/** EXPECTED.md's table, worked out by the generator: per trainee the sessions attended, whether ≥ 90%, and the two lines. */
const EXPECTED = readFileSync(join(samples, "EXPECTED.md"), "utf8").split("\n")
  .map((l) => l.match(/^\| (T\d\d) \| (\d+) \| (yes|no) \| [^|]+ \| [^|]+ \| (\d+\.\d\d) \| (\d+\.\d\d) \|$/))
  .filter(Boolean)
  .map(([, id, attended, meets, s1, s2]) => ({ id, attended: Number(attended), meets: meets === "yes", s1, s2 }));

/**
 * The page's flow on the sample's tables (`edit` may change them first), under
 * the sample's policy or `policy`; `kinds` are the files loaded. With
 * `deployment`, the deployment example is loaded over the shipped Dalian policy
 * first (the page's "load the deployment example"); `method` is the clerk's
 * statement of how the punch file's punches were made ("" not stated).
 */
async function sampleTotal(read, edit = (t) => t, { policy, kinds = ["roster", "punches", "leave", "certificates"], deployment = false, method = "" } = {}) {
  const e = await createEngine();
  if (deployment) e.loadPolicy(DEPLOYMENT_EXAMPLE);
  let t = {};
  for (const k of kinds) t[k] = await read(k);
  t = edit(t);
  // The page's "本文件的打卡方式" (default: not stated) fills the rows that state no method.
  t.punches = withPunchMethod(t.punches, method);
  const cls = classFromForm({ ...sampleForm(), ...(policy ? { policy } : {}) });
  const rules = cls.policy === "dalian-2023-major-conversion" ? ["DL-S1", "DL-S2"] : [];
  const zero = t.roster.records.map(() => Object.fromEntries(rules.map((r) => [r, "0.00"])));
  const first = e.call("claim.verify", buildClaim(cls, t.roster, t.punches, t.leave, t.certificates, zero, t.exceptions).claim);
  const { claim } = buildClaim(cls, t.roster, t.punches, t.leave, t.certificates, claimedFromReport(first), t.exceptions);
  const report = e.call("claim.verify", claim);
  const att = e.call("attendance", attendanceRequest(cls, t.roster, t.punches, t.leave, t.exceptions));
  return { att, report, claim, tables: t, cls, e };
}

const WITH_EXCEPTIONS = { kinds: ["roster", "punches", "leave", "exceptions", "certificates"] };
const SET = { deployment: true };
const FUSHUN = "fushun-2024-major-conversion";

const statusOf = (report, i, rule) => report.trainees[i].findings.concat(report.trainees[i].lines).filter((f) => f.rule_id === rule).map((f) => f.status);

test("under the shipped policy the sample class needs review: every paying line rests on an example rate or fee, and only provisional amounts are shown (public/samples/EXPECTED.md)", async () => {
  const r = await sampleTotal(readCsv);
  assert.equal(r.report.policy.version, "2023.1");
  assert.equal(r.report.decision, "needs_review");
  assert.equal(r.report.totals.recomputed, "0.00");
  assert.equal(r.report.totals.status, "unknown");
  // T01 唐磊, special-ability certificate: 1200.00 × 6 = 7200.00, only provisional; the appraisal 100.00 too.
  const [s1, s2] = r.report.trainees[0].lines;
  assert.deepEqual([s1.rule_id, s1.status, s1.amount, s1.facts.parameter, s1.facts.parameter_state, s1.facts.provisional_amount],
    ["DL-S1", "unknown", "0.00", "rates", "example", "7200.00"]);
  assert.equal(s1.facts.provisional_arithmetic_zh, "1200.00 元 × 6 个月 = 7200.00 元");
  assert.match(s1.message_zh, /通知附件：各专业补贴标准（未随通知公布）确定，本政策中为示例值，须由部署方设定后方可核定/);
  assert.deepEqual([s2.rule_id, s2.status, s2.facts.parameter, s2.facts.provisional_amount], ["DL-S2", "unknown", "fee_table", "100.00"]);
  assert.equal(provisionalOf(s1), "7200.00");
  // T11 is under 90%: its nothing rests on the notice's own threshold and stands.
  assert.deepEqual(r.report.trainees[10].lines.map((l) => [l.rule_id, l.status, l.amount]), [["DL-S1", "fail", "0.00"], ["DL-S2", "fail", "0.00"]]);
  assert.equal(provisionalOf(r.report.trainees[10].lines[0]), undefined);
  // The institution claims the provisional amounts (what it asks for); nothing of it is decided.
  assert.equal(r.claim.claimed_total, "314400.00");
  assert.deepEqual(r.claim.trainees[0].claimed, { "DL-S1": "7200.00", "DL-S2": "100.00" });
  assert.equal(r.report.findings.filter((f) => f.status === "fail").length, 0);
  // Why, as the page says it first: six parameters, the amounts decided and provisional, nothing else open.
  const why = reviewReasons(r.report);
  assert.equal(why.decided, "0.00");
  assert.equal(why.provisional, "314400.00");
  // DL-M2 and DL-P1 wait on the catalogue and the register of verified premises, which the
  // notice names and does not include (unset); DL-T1's three checks rest on the annex's
  // durations: the class's dates and its filed months (the claim's own) and the timetable
  // (the claim's attendance).
  assert.deepEqual(why.parameters.map((g) => [g.rule_id, g.parameter, g.state, g.lines, g.findings, g.provisional]), [
    ["DL-M2", "catalogue", "unset", 0, 1, "0.00"],
    ["DL-T1", "per_major", "example", 0, 3, "0.00"],
    ["DL-P1", "catalogue", "unset", 0, 1, "0.00"],
    ["DL-P1", "register", "unset", 0, 1, "0.00"],
    ["DL-S1", "rates", "example", 34, 0, "309600.00"],
    ["DL-S2", "fee_table", "example", 31, 0, "4800.00"],
  ]);
  assert.equal(why.parameters[4].source, "通知附件：各专业补贴标准（未随通知公布）");
  assert.equal(why.parameters[3].source, "市人力资源社会保障部门现场核验的培训场地（核验记录，未随通知公布）");
  assert.deepEqual(why.others, []);
});

test("with the deployment example loaded, the sample class, from CSV and from .xlsx, is accepted at 314400.00 yuan (public/samples/EXPECTED.md)", async () => {
  const csv = await sampleTotal(readCsv, undefined, SET);
  assert.equal(csv.report.policy.version, "2023.1+deployment-example");
  assert.equal(csv.report.decision, "accept");
  assert.equal(csv.report.totals.recomputed, "314400.00");
  assert.equal(csv.claim.claimed_total, "314400.00");
  // The claim carries the raw punches and leave, and no attendance figure: the engine recomputes it.
  assert.equal(csv.claim.attendance.punches.length, 24335);
  // Every punch is a voucher check-in and says so (DL-P6: "电子培训券签到功能"), as the file states it.
  assert.ok(csv.claim.attendance.punches.every((p) => p.method === "voucher_qr"));
  assert.deepEqual([csv.tables.punches.stated, csv.tables.punches.filled, csv.tables.punches.unstated], [24335, 0, 0]);
  // Each trainee as EXPECTED.md works it out: the sessions attended, the threshold, both lines.
  assert.equal(EXPECTED.length, 50);
  csv.report.trainees.forEach((tr, i) => {
    const x = EXPECTED[i];
    const a = csv.att.trainees[i];
    assert.deepEqual([a.trainee, a.attended_sessions, a.undetermined_sessions, a.meets_threshold], [x.id, x.attended, 0, x.meets], x.id);
    assert.deepEqual(tr.lines.map((l) => [l.rule_id, l.amount]), [["DL-S1", x.s1], ["DL-S2", x.s2]], x.id);
  });
  assert.equal(csv.claim.attendance.leave.length, 30);
  assert.deepEqual(csv.claim.trainees[0].attendance, { kind: "punches", key: "T01" });
  assert.ok(csv.claim.trainees.every((t, i) => t.attendance.kind === "punches" && t.attendance.key === `T${String(i + 1).padStart(2, "0")}`));
  assert.equal(csv.report.attendance.class.expected_sessions, 252);
  assert.equal(csv.report.attendance.punches.total, 24335);
  assert.equal(csv.att.class.expected_sessions, 252);
  // T11 attends 215 of 252 sessions (85.32%): below 90%, no training subsidy.
  const t11 = csv.att.trainees[10];
  assert.deepEqual([t11.trainee, t11.attended_sessions, t11.meets_threshold], ["T11", 215, false]);
  assert.equal(csv.report.trainees[10].lines.find((l) => l.rule_id === "DL-S1").amount, "0.00");
  const t4 = csv.report.trainees[10].findings.find((f) => f.rule_id === "DL-T4");
  assert.deepEqual([t4.status, t4.facts.counted_sessions, t4.facts.expected_sessions, t4.facts.rate_percent], ["fail", 215, 252, "85.32"]);
  // The heat map's report and the verifier's recomputation agree on every trainee.
  csv.att.trainees.forEach((a, i) => {
    const f = csv.report.trainees[i].findings.find((x) => x.rule_id === "DL-T4");
    assert.deepEqual([f.facts.trainee, f.facts.counted_sessions, f.facts.expected_sessions, f.facts.rate], [a.trainee, a.attended_sessions + (a.exception_choice === "attended" ? a.excepted_sessions : 0), a.rate_base, a.rate], a.trainee);
  });
  // DL-P2: every trainee's "not employed" status verified before opening; T12 (class of 2024) on the stamped roster.
  csv.report.trainees.forEach((_, i) => {
    const s = statusOf(csv.report, i, "DL-P2");
    assert.ok(s.length >= 1 && s.every((x) => x === "pass"), `trainee ${i + 1}: ${s}`);
  });
  assert.deepEqual(statusOf(csv.report, 11, "DL-P2"), ["pass", "pass"]); // the stamped roster and the verifications
  assert.equal(csv.claim.trainees[11].stamped_roster, true);
  assert.equal(csv.claim.trainees[11].eligibility.graduation_year, 2024);
  assert.deepEqual(csv.claim.trainees[0].not_employed_verified, { institution: csv.tables.roster.records[0].values.not_employed_institution, district: csv.tables.roster.records[0].values.not_employed_district });
  assert.deepEqual(reviewReasons(csv.report), { decided: "314400.00", provisional: "0.00", parameters: [], others: [] });
  // The claim is the one built under the shipped policy: only the verdict changes.
  assert.deepEqual(csv.claim, (await sampleTotal(readCsv)).claim);
  const xlsx = await sampleTotal(readXlsx, undefined, SET);
  assert.deepEqual(xlsx.claim, csv.claim);
});

test("the sample's punch exceptions: under Dalian (no exception rule) they change nothing; under Fushun the complete note counts one session and the other fails FS-A4 for the stamp", async () => {
  // Dalian's notice has no rule on exceptions: checked, not counted; the total stands (EXPECTED.md).
  const dalian = await sampleTotal(readCsv, undefined, { ...WITH_EXCEPTIONS, ...SET });
  assert.equal(dalian.claim.attendance.exceptions.length, 2);
  assert.equal(dalian.report.totals.recomputed, "314400.00");
  assert.equal(dalian.report.decision, "accept");
  const d11 = dalian.att.trainees[10];
  assert.deepEqual([d11.trainee, d11.exception_choice, d11.counted_sessions, d11.excepted_sessions], ["T11", "not_assessed", 215, 0]);
  assert.equal(dalian.att.findings.filter((f) => Number.isInteger(f.facts?.exception)).length, 0);
  // The .xlsx file gives the same claim.
  const xlsx = await sampleTotal(readXlsx, undefined, { ...WITH_EXCEPTIONS, ...SET });
  assert.deepEqual(xlsx.claim, dalian.claim);

  // Fushun: T11 215 → 216 (the device failure with a complete note), nobody else changes.
  // FS-A2 counts only punches made on a face-recognition device, so this uses the same punches made
  // on one: the punch file without its method column, and 人脸识别装置 (face_device) stated for it.
  const FACE = { policy: FUSHUN, method: "face_device" };
  const before = await sampleTotal(readCsvNoMethod, undefined, FACE);
  const after = await sampleTotal(readCsvNoMethod, undefined, { ...FACE, ...WITH_EXCEPTIONS });
  assert.ok(after.claim.attendance.punches.every((p) => p.method === "face_device"));
  const counted = (r) => r.att.trainees.map((x) => x.counted_sessions);
  const diff = counted(after).map((n, i) => n - counted(before)[i]);
  assert.deepEqual(diff, diff.map((_, i) => (i === 10 ? 1 : 0)));
  const t11 = after.att.trainees[10];
  assert.deepEqual([t11.counted_sessions, t11.attended_sessions, t11.excepted_sessions, t11.exception_choice, t11.rate], [216, 215, 1, "attended", "0.8571"]);
  const a4 = after.att.findings.filter((f) => f.rule_id === "FS-A4");
  assert.deepEqual(a4.map((f) => [f.facts.exception, f.status, f.facts.date, f.facts.session]), [[0, "pass", "2023-10-19", 1], [1, "fail", "2024-01-26", 2]]);
  assert.deepEqual([a4[1].facts.missing_en, a4[1].facts.missing_zh], [["the stamp"], ["盖章"]]);
  assert.match(a4[1].message_en, /^T11, 2024-01-26: the written note for the punch exception \(trainee unable to punch\) lacks the stamp/);
  assert.match(a4[1].message_zh, /书面说明缺少盖章/);
  // The claim's recomputation says the same: FS-A1 counts 216, and T11's findings carry both FS-A4 outcomes.
  const f = after.report.trainees[10].findings;
  assert.equal(f.find((x) => x.rule_id === "FS-A1").facts.counted_sessions, 216);
  assert.deepEqual(f.filter((x) => x.rule_id === "FS-A4").map((x) => x.status), ["pass", "fail"]);
});

test("a punch file without the method column, left 未注明: under Dalian no punch counts, every session it would make is undetermined and no rate is decided; the claim needs review", async () => {
  // DL-P6 (四(三)): "参训学员通过电子社保卡程序中的电子培训券签到功能进行日常打卡考勤". A punch that does
  // not say it was made that way is neither counted nor refused. The deployment example is loaded, so
  // the punches' method is the only fact left open.
  const r = await sampleTotal(readCsvNoMethod, undefined, SET);
  assert.deepEqual([r.tables.punches.stated, r.tables.punches.filled, r.tables.punches.unstated], [0, 0, 24335]);
  assert.ok(r.claim.attendance.punches.every((p) => !("method" in p)));
  // The same punches as the sample states them, for comparison.
  const stated = await sampleTotal(readCsv, undefined, SET);
  const p = r.report.attendance.punches;
  const q = stated.report.attendance.punches;
  assert.equal(p.total, 24335);
  assert.equal(p.counted, 0);
  assert.equal(p.counted + p.rejected + p.incomplete + p.undetermined, p.total);
  // A late sign-in is refused whatever its method; every punch that counts with the method stated waits on it here.
  assert.equal(p.by_reason.outside_window, q.by_reason.outside_window);
  assert.ok(p.undetermined >= q.counted, `${p.undetermined} undetermined, ${q.counted} counted when stated`);
  // Each trainee against EXPECTED.md: the sessions attended there are undetermined here, none counted;
  // DL-T4 is unknown when they could reach 90% and fails when even all of them could not.
  r.report.trainees.forEach((tr, i) => {
    const x = EXPECTED[i];
    const a = r.att.trainees[i];
    assert.deepEqual([a.trainee, a.attended_sessions, a.counted_sessions, a.undetermined_sessions, a.rate], [x.id, 0, 0, x.attended, "0.0000"], x.id);
    const t4 = tr.findings.find((f) => f.rule_id === "DL-T4");
    assert.equal(t4.status, x.meets ? "unknown" : "fail", x.id);
    if (x.meets) assert.equal(t4.facts.unverified_sessions, x.attended, x.id);
    // DL-S1 waits on the rate where EXPECTED.md pays it; the appraisal subsidy does not rest on attendance.
    const [s1, s2] = tr.lines;
    assert.deepEqual([s1.rule_id, s1.status, s1.amount], ["DL-S1", x.s1 === "0.00" ? "fail" : "unknown", "0.00"], x.id);
    assert.deepEqual([s2.rule_id, s2.amount], ["DL-S2", x.s2], x.id);
  });
  // The punch rule names the method that counts.
  const p6 = r.report.trainees[0].findings.find((f) => f.rule_id === "DL-P6");
  assert.deepEqual([p6.status, p6.facts.method, p6.facts.methods], ["unknown", null, ["voucher_qr"]]);
  assert.match(p6.message_zh, /未写明打卡方式，而第\d节只认voucher_qr方式的打卡：该次打卡既不计入也不退回，待核实/);
  // Needs review: decided only the appraisal subsidies, 17 × 200.00 + 14 × 100.00 = 4800.00.
  assert.equal(r.report.decision, "needs_review");
  assert.equal(r.report.totals.recomputed, sumYuan(EXPECTED.map((x) => x.s2)));
  assert.equal(r.report.totals.recomputed, "4800.00");
  const why = reviewReasons(r.report);
  assert.deepEqual(why.parameters, []);
  const open = Object.fromEntries(why.others.map((g) => [g.rule_id, g.count]));
  assert.deepEqual(Object.keys(open).sort(), ["DL-P6", "DL-S1", "DL-T4"]);
  assert.equal(open["DL-T4"], EXPECTED.filter((x) => x.meets).length); // 42
  assert.equal(open["DL-S1"], EXPECTED.filter((x) => x.s1 !== "0.00").length); // 34
});

test("the same file with 电子培训券签到 stated for it counts: the claim is the sample's own, accepted at 314400.00 (CSV and .xlsx)", async () => {
  const csv = await sampleTotal(readCsvNoMethod, undefined, { ...SET, method: "voucher_qr" });
  assert.deepEqual([csv.tables.punches.stated, csv.tables.punches.filled, csv.tables.punches.unstated], [0, 24335, 0]);
  assert.equal(csv.report.decision, "accept");
  assert.equal(csv.report.totals.recomputed, "314400.00");
  assert.equal(csv.report.attendance.punches.undetermined ?? 0, 0);
  // What the verifier receives is what the sample's own file (method column, voucher_qr) gives.
  const sample = await sampleTotal(readCsv, undefined, SET);
  assert.deepEqual(csv.claim, sample.claim);
  const xlsx = await sampleTotal(readXlsxNoMethod, undefined, { ...SET, method: "voucher_qr" });
  assert.deepEqual(xlsx.claim, sample.claim);
  // Another method stated for the file is not DL-P6's: every punch is refused for it (fail.method).
  const face = await sampleTotal(readCsvNoMethod, undefined, { ...SET, method: "face_device" });
  assert.equal(face.report.attendance.punches.counted, 0);
  assert.equal(face.report.attendance.punches.by_reason.method, 24335);
  assert.equal(face.report.totals.recomputed, "4800.00");
});

test("under Fushun the sample's voucher check-ins do not count (FS-A2: face-recognition device only), and a row keeps the method it states whatever the field says", async () => {
  // FS-A2 (七(三)): "培训机构采用人脸识别装置进行打卡签到签退". The field says face device, but every row of the
  // sample states voucher_qr, and keeps it.
  const r = await sampleTotal(readCsv, undefined, { policy: FUSHUN, method: "face_device" });
  assert.deepEqual([r.tables.punches.stated, r.tables.punches.filled], [24335, 0]);
  assert.ok(r.claim.attendance.punches.every((p) => p.method === "voucher_qr"));
  const p = r.att.punches;
  assert.deepEqual([p.total, p.counted, p.rejected, p.undetermined ?? 0, p.by_reason], [24335, 0, 24335, 0, { method: 24335 }]);
  const a2 = r.att.findings.filter((f) => f.rule_id === "FS-A2");
  assert.equal(a2.length, 24335);
  assert.ok(a2.every((f) => f.status === "fail" && f.facts.method === "voucher_qr" && f.facts.methods.join() === "face_device"));
  assert.match(a2[0].message_zh, /以voucher_qr方式签到（punches\[0\]），不是规定的打卡方式（face_device），不计$/);
  assert.ok(r.att.trainees.every((t) => t.counted_sessions === 0 && t.undetermined_sessions === 0));
  // The same punches made on a face device (the file without its method column, 人脸识别装置 stated) attend
  // as EXPECTED.md says: every sign-in and sign-out lies inside FS-A2's windows.
  const face = await sampleTotal(readCsvNoMethod, undefined, { policy: FUSHUN, method: "face_device" });
  face.att.trainees.forEach((t, i) => assert.deepEqual([t.trainee, t.attended_sessions], [EXPECTED[i].id, EXPECTED[i].attended]));
});

test("a malformed exceptions row is traced from $.attendance.exceptions[i] to its file, row and column", async () => {
  const e = await createEngine();
  const t = {};
  for (const k of ["roster", "punches", "leave", "certificates"]) t[k] = await readCsv(k);
  const cls = classFromForm({ ...sampleForm(), policy: FUSHUN });
  const cases = [
    // [row 3 as written, code, path in the claim, column]
    ["T11,2024-01-26,2,学员无法打卡,是,盖了,是,", "input.wrong_type", "$.attendance.exceptions[1].note.stamp", "盖章"],
    ["T11,2024-01-26,2,停电,是,否,是,", "input.invalid_value", "$.attendance.exceptions[1].reason", "异常情形"],
    ["T11,2024-02-30,2,其他,是,否,是,", "input.invalid_date", "$.attendance.exceptions[1].date", "日期"],
    ["T11,2024-02-10,2,其他,是,否,是,", "attendance.not_a_training_day", "$.attendance.exceptions[1].date", "日期"], // 春节
    ["T11,2024-01-26,3,其他,是,否,是,", "attendance.session_out_of_range", "$.attendance.exceptions[1].session", "节次"],
    ["T99,2024-01-26,2,其他,是,否,是,", "attendance.unknown_trainee", "$.attendance.exceptions[1].trainee", "学员编号"],
  ];
  for (const [row3, code, path, column] of cases) {
    t.exceptions = tableFromCsv("exceptions.csv", "exceptions",
      ["学员编号,日期,节次,异常情形,管理人员签字,盖章,学员签字,说明", "T11,2023-10-19,1,设备故障,是,是,是,", row3].join("\r\n"));
    const { claim } = buildClaim(cls, t.roster, t.punches, t.leave, t.certificates, null, t.exceptions);
    assert.throws(() => e.call("claim.verify", claim), (err) => {
      assert.deepEqual([err.code, err.path], [code, path], row3);
      assert.deepEqual(locate(err.path, t), { file: "exceptions.csv", row: 3, column });
      return true;
    });
    // The attendance request names the same record.
    assert.throws(() => e.call("attendance", attendanceRequest(cls, t.roster, t.punches, t.leave, t.exceptions)),
      (err) => err.path === path.replace("$.attendance.", "$.") && locate(err.path, t).row === 3);
  }
});

test("DL-P2 in the roster: a late district verification pays that trainee nothing; an unstated one leaves their lines open", async () => {
  const edit = (id, change) => (t) => {
    const rec = t.roster.records.find((r) => r.values.id === id);
    change(rec.values);
    return t;
  };
  // T01 唐磊 (special-ability certificate, first appraisal: 7200.00 + 100.00) verified by the district
  // only on 2023-10-10, the day after the opening: DL-P2 fails, and both lines are 0.00.
  // 314400.00 - 7300.00 = 307100.00, claimed as such: accepted.
  const late = await sampleTotal(readCsv, edit("T01", (v) => { v.not_employed_district = "2023-10-10"; }), SET);
  assert.deepEqual(statusOf(late.report, 0, "DL-P2"), ["fail"]);
  assert.match(late.report.trainees[0].findings.find((f) => f.rule_id === "DL-P2").message_en, /only after the opening on 2023-10-09/);
  assert.deepEqual(late.report.trainees[0].lines.map((l) => [l.rule_id, l.amount]), [["DL-S1", "0.00"], ["DL-S2", "0.00"]]);
  assert.equal(late.report.totals.recomputed, "307100.00");
  assert.equal(late.report.decision, "accept");
  // T12 (class of 2024) without the stamped roster stated: unknown, the claim needs review.
  const open = await sampleTotal(readCsv, edit("T12", (v) => { delete v.stamped_roster; }), SET);
  assert.deepEqual(statusOf(open.report, 11, "DL-P2"), ["unknown", "pass"]);
  assert.equal(open.report.trainees[11].lines.find((l) => l.rule_id === "DL-S1").status, "unknown");
  assert.equal(open.report.decision, "needs_review");
  // The page says why: DL-P2 left open for T12 (both lines), no parameter.
  const why = reviewReasons(open.report);
  assert.deepEqual(why.parameters, []);
  assert.deepEqual(why.others.map((g) => [g.rule_id, g.count]), [["DL-P2", 1], ["DL-S1", 1], ["DL-S2", 1]]);
  assert.equal(why.provisional, "0.00");
});

test("a bad punch in the claim is traced from $.attendance.punches[i] to its file, row and column", async () => {
  const e = await createEngine();
  const t = {};
  for (const k of ["roster", "punches", "leave", "certificates"]) t[k] = await readCsv(k);
  t.punches.records[15].values.at = t.punches.records[15].values.at.replace("+08:00", "");
  const cls = classFromForm(sampleForm());
  const { claim } = buildClaim(cls, t.roster, t.punches, t.leave, t.certificates, null);
  assert.throws(() => e.call("claim.verify", claim), (err) => {
    assert.equal(err.code, "input.missing_offset");
    assert.equal(err.path, "$.attendance.punches[15].at");
    assert.deepEqual(locate(err.path, { ...t }), { file: "punches.csv", row: 17, column: "at" });
    return true;
  });
  // A method the engine does not know (刷卡, a swipe card), written in row 20 of the file: its column.
  t.punches.records[15].values.at = t.punches.records[16].values.at;
  t.punches.records[18].values.method = "刷卡";
  const again = buildClaim(cls, t.roster, t.punches, t.leave, t.certificates, null).claim;
  assert.throws(() => e.call("claim.verify", again), (err) => {
    assert.deepEqual([err.code, err.path], ["input.invalid_value", "$.attendance.punches[18].method"]);
    assert.deepEqual(locate(err.path, { ...t }), { file: "punches.csv", row: 20, column: "method" });
    return true;
  });
});
