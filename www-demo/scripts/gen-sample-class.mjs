#!/usr/bin/env node
// Generates the institution portal's sample class: a 50-trainee Dalian class of
// 大数据开发 (6 months, 2023-10-09 .. 2024-04-08, two sessions a working day),
// as the files a training institution's clerk uploads:
//
//   public/samples/roster.csv|.xlsx        the roster with eligibility facts
//   public/samples/punches.csv|.xlsx       one row per punch (the export of the voucher check-ins)
//   public/samples/leave.csv|.xlsx         approved sick and personal leave
//   public/samples/exceptions.csv|.xlsx    punch exceptions and their written notes (FS-A4)
//   public/samples/certificates.csv|.xlsx  certificates obtained
//   public/samples/EXPECTED.md             the expected subsidy, worked out here
//
//   node scripts/gen-sample-class.mjs          write the files
//   node scripts/gen-sample-class.mjs --check  exit 1 if the committed files differ
//
// Deterministic: a seeded generator (mulberry32) and the working-day calendar of
// the peixun package (node_modules/peixun). The CSV files are compared byte for
// byte; an .xlsx is a zip whose bytes carry no meaning of their own, so --check
// compares its cells (read back with read-excel-file) with what would be written.
//
// The amounts are worked out here, independently of the engine, from the
// figures the notice leaves to documents it does not publish (its annex of
// rates and durations, the fee table of 大发改价格字〔2020〕612号):
//   DL-S1: 1800.00 a month (qualification or skill-level certificate) or 1200.00
//          (special-ability certificate) x 6 filed months, with a certificate and
//          at least 90% of the expected sessions attended (leave is not attendance);
//   DL-S2: 200.00 / 100.00 for a certificate from a first appraisal.
// The shipped policy has these figures only as example values, on which the
// engine decides nothing: under it the class needs review, every paying line
// provisional. The deployment example (examples/policies/dalian-deployment-example.json,
// what the demo verifier loads) sets them, and with it loaded the class is
// accepted at the total worked out here. The script checks that its figures are
// the deployment example's (and that the example fixes 大数据开发 at the filed
// 6 months), and refuses to write anything else.
// A session is attended when the trainee signs in before it starts and signs out
// after it ends (Dalian sets no punch windows): a late sign-in or a forgotten
// sign-out leaves the session unattended.
//
// Every punch is a voucher check-in, and its row says so (`method`:
// `voucher_qr`): DL-P6 (四(三)) names that way of punching only, "参训学员通过电子
// 社保卡程序中的电子培训券签到功能进行日常打卡考勤", and the engine neither counts nor
// refuses a punch that does not state how it was made. The sign-ins and
// sign-outs also fall inside Fushun's windows (FS-A2: from 30 minutes before
// the start to the start, from the end to 30 minutes after), so the same
// punches made on a face-recognition device would attend the same sessions
// there; as voucher check-ins none of them counts under Fushun.
//
// DL-P2 asks two more facts of each trainee, stated in the roster: the
// institution and the district HRSS each verified the "not employed" status
// before the opening (here: the institution before filing, 2023-09-11 .. 09-21;
// the district after it, 2023-09-25 .. 09-28 — all before 2023-10-09), and a
// graduate of the class of 2024 (T12, T39) is on the student-status roster
// stamped by the school (`stamped_roster`, left empty for the others: it is not
// asked of them). Every trainee passes DL-P2, so it changes no amount.
//
// Punch exceptions (FS-A4: a device failure, a trainee unable to punch, another
// case, counted only with a written note signed by the institution's management
// staff, stamped and signed by the trainee): two for T11, each on a session the
// punches leave unattended — a device failure whose note is complete and a
// sign-out the trainee could not make whose note lacks the stamp. Dalian's
// notice has no rule on punch exceptions, so under the sample's own policy they
// are checked (roster, training day, session) and count for nothing: the total
// does not change. Under fushun-2024-major-conversion, with the same punches
// made on a face-recognition device, the complete note counts its session
// (T11: one more) and FS-A4 fails the other for the missing stamp.
// They are chosen without random numbers, so the other files stay as they were.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "peixun";
import writeExcelFile from "write-excel-file/node";
import { readSheet } from "read-excel-file/node";
import { SAMPLE_CLASS } from "../src/portal/sample-class.js";

const here = fileURLToPath(new URL("..", import.meta.url));
export const SAMPLES = join(here, "public", "samples");
// The deployment's file that sets the figures the amounts below use.
const DEPLOYMENT_FILE = "examples/policies/dalian-deployment-example.json";

export const CLASS = SAMPLE_CLASS;

const SEED = 20231009;
const TRAINEES = 50;
const MONTHS = CLASS.filed_months;
const RATE = { qualification: 180000, skill_level: 180000, special_ability: 120000 }; // fen a month
const FEE = { qualification: 20000, skill_level: 20000, special_ability: 10000 }; // fen

/** The deployment example's figures for the class's major, checked against RATE, FEE and MONTHS. */
function deploymentFigures() {
  const policy = JSON.parse(readFileSync(join(here, "..", DEPLOYMENT_FILE), "utf8"));
  const params = (id) => policy.rules.find((r) => r.id === id)?.params;
  const fen = (y) => Math.round(Number(y) * 100);
  const rates = params("DL-S1").rates;
  const fees = params("DL-S2").fee_table;
  const durations = params("DL-T1").per_major;
  const r = rates.value[CLASS.major];
  const problems = [];
  for (const [p, set] of [["DL-S1 rates", rates], ["DL-S2 fee_table", fees], ["DL-T1 per_major", durations]]) {
    if (set.example !== false || !set.value) problems.push(`${p} is not set`);
  }
  if (fen(r.qualification) !== RATE.qualification || fen(r.qualification) !== RATE.skill_level) problems.push(`qualification rate ${r.qualification}`);
  if (fen(r.special_ability) !== RATE.special_ability) problems.push(`special-ability rate ${r.special_ability}`);
  for (const k of Object.keys(FEE)) if (fen(fees.value[k]) !== FEE[k]) problems.push(`${k} fee ${fees.value[k]}`);
  if (durations.value[CLASS.major] !== MONTHS) problems.push(`${CLASS.major} lasts ${durations.value[CLASS.major]} months`);
  if (problems.length) throw new Error(`gen-sample-class: ${DEPLOYMENT_FILE} differs from the figures used here: ${problems.join("; ")}`);
  return { version: policy.version, source: rates.source };
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "秀英", "晨", "宇", "欣怡", "子涵", "浩然", "思远", "雨桐", "佳琪", "俊杰", "梓萱", "一鸣"];
// The class of 2024 (still at school, on the school-stamped roster), chosen among full-time graduates paid DL-S1.
const CLASS_OF_2024 = ["T12", "T39"];
const INSTITUTION_VERIFIED = ["2023-09-11", "2023-09-12", "2023-09-13", "2023-09-14", "2023-09-15", "2023-09-18", "2023-09-19", "2023-09-20", "2023-09-21"];
const DISTRICT_VERIFIED = ["2023-09-25", "2023-09-26", "2023-09-27", "2023-09-28"];
const DISTRICTS = ["210202", "210203", "210204", "210211", "210212", "210213", "210281", "210283"];
const EXCEPTIONS_FOR = "T11";
// How every punch of the sample was made (DL-P6: the voucher check-in).
const METHOD = "voucher_qr";

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, "0");
const yuan = (fen) => `${Math.floor(fen / 100)}.${pad(fen % 100)}`;

function idNumber(area, birth, seq) {
  const body = `${area}${birth}${pad(seq, 3)}`;
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * WEIGHTS[i];
  return body + CHECK[s % 11];
}

function days(from, to) {
  const out = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  for (; d <= end; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** Everything the sample consists of, as plain rows, plus the expected amounts. */
export function generate() {
  const rng = mulberry32(SEED);
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rng() * xs.length)];
  const engine = new Engine();
  const trainingDays = days(CLASS.start, CLASS.end).filter((d) => engine.isWorkday(d));
  engine.free();
  const expected = trainingDays.length * CLASS.sessions.length;

  const roster = [];
  const leave = [];
  const certificates = [];
  const attendance = []; // per trainee: session outcomes
  const usedNames = new Set();
  for (let i = 0; i < TRAINEES; i++) {
    const id = `T${pad(i + 1)}`;
    let name;
    do name = pick([...SURNAMES]) + pick(GIVEN);
    while (usedNames.has(name));
    usedNames.add(name);
    const year = pick([2021, 2022, 2022, 2023, 2023]);
    const birth = `${year - 22 + int(-1, 1)}${pad(int(1, 12))}${pad(int(1, 28))}`;
    const fromElsewhere = rng() < 0.12; // another province's hukou, studied in Liaoning
    roster.push({
      id,
      name,
      id_number: idNumber(pick(DISTRICTS), birth, int(10, 998)),
      hukou_province: fromElsewhere ? pick(["22", "23", "15", "13"]) : "21",
      school_province: "21",
      education: rng() < 0.85 ? "full_time_college" : "technician_senior_class",
      graduation_year: year,
      employed_since_graduation: false,
      unit_social_insurance_record: false,
      participations_this_year: 0,
      dishonest: false,
    });

    // How this trainee attends: most steadily, a few poorly.
    const profile = rng() < 0.16 ? "poor" : rng() < 0.3 ? "patchy" : "steady";
    const pAbsent = { steady: 0.006, patchy: 0.03, poor: 0.1 }[profile];
    const pSlip = { steady: 0.004, patchy: 0.012, poor: 0.03 }[profile];
    const sickDays = new Set();
    if (rng() < 0.3) {
      const first = int(0, trainingDays.length - 4);
      const n = int(1, 3);
      for (let k = 0; k < n; k++) sickDays.add(trainingDays[first + k]);
    }
    const personal = new Map(); // date -> session (1-based)
    if (rng() < 0.2) personal.set(pick(trainingDays), int(1, 2));
    for (const d of sickDays) leave.push({ trainee: id, date: d, session: null, kind: "sick" });
    for (const [d, s] of personal) if (!sickDays.has(d)) leave.push({ trainee: id, date: d, session: s, kind: "personal" });

    const outcomes = [];
    for (const d of trainingDays) {
      for (let s = 1; s <= CLASS.sessions.length; s++) {
        let o = "attended";
        if (sickDays.has(d) || personal.get(d) === s) o = "leave";
        else if (rng() < pAbsent) o = "absent";
        else if (rng() < pSlip) o = rng() < 0.5 ? "late" : "no_sign_out";
        outcomes.push({ date: d, session: s, o });
      }
    }
    attendance.push({ id, outcomes });

    const cert = pick(["skill_level", "skill_level", "skill_level", "qualification", "special_ability", "special_ability", null, null]);
    if (cert) certificates.push({ trainee: id, type: cert, first_time: rng() < 0.9 });
  }

  // Punches, in the order a device exports them: by time, then trainee.
  const punches = [];
  for (const { id, outcomes } of attendance) {
    for (const { date, session, o } of outcomes) {
      if (o === "leave" || o === "absent") continue;
      const morning = session === 1;
      const inMin = o === "late" ? (morning ? 8 * 60 + 31 + Math.floor(rng() * 20) : 13 * 60 + 31 + Math.floor(rng() * 20))
        : (morning ? 8 * 60 + Math.floor(rng() * 29) : 13 * 60 + 5 + Math.floor(rng() * 24));
      punches.push({ trainee: id, at: moment(date, inMin), kind: "sign_in", method: METHOD });
      if (o !== "no_sign_out") {
        const outMin = morning ? 11 * 60 + 45 + Math.floor(rng() * 20) : 16 * 60 + 45 + Math.floor(rng() * 30);
        punches.push({ trainee: id, at: moment(date, outMin), kind: "sign_out", method: METHOD });
      }
    }
  }
  // DL-P2's facts, from a generator of their own (the punches above stay as they were).
  const p2 = mulberry32(SEED + 1);
  for (const r of roster) {
    if (CLASS_OF_2024.includes(r.id)) {
      r.graduation_year = 2024;
      r.stamped_roster = true;
    }
    r.not_employed_institution = INSTITUTION_VERIFIED[Math.floor(p2() * INSTITUTION_VERIFIED.length)];
    r.not_employed_district = DISTRICT_VERIFIED[Math.floor(p2() * DISTRICT_VERIFIED.length)];
  }
  punches.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.trainee < b.trainee ? -1 : a.trainee > b.trainee ? 1 : 0));

  // The expected amounts, by the policy's rates.
  const certOf = new Map(certificates.map((c) => [c.trainee, c]));
  const lines = attendance.map(({ id, outcomes }) => {
    const attended = outcomes.filter((x) => x.o === "attended").length;
    const meets = attended * 100 >= 90 * expected;
    const c = certOf.get(id);
    const s1 = c && meets ? RATE[c.type] * MONTHS : 0;
    const s2 = c && c.first_time ? FEE[c.type] : 0;
    return { id, attended, meets, cert: c?.type ?? null, first_time: c?.first_time ?? null, s1, s2 };
  });
  const exceptions = sampleExceptions(attendance);
  // What a policy that counts a complete note as attendance (Fushun's FS-A4) would give the trainee.
  const withNotes = lines.find((l) => l.id === EXCEPTIONS_FOR).attended + exceptions.filter(complete).length;
  return { roster, punches, leave, certificates, exceptions, withNotes, lines, trainingDays, expected };
}

const NOTE_MARKS = { manager_signature: "the management staff's signature", stamp: "the stamp", trainee_signature: "the trainee's signature" };
const complete = (e) => Object.keys(NOTE_MARKS).every((k) => e[k] === true);

/** T11's two exceptions: its first session with no punch at all, and its first session without a sign-out. */
function sampleExceptions(attendance) {
  const { outcomes } = attendance.find((a) => a.id === EXCEPTIONS_FOR);
  const absent = outcomes.find((x) => x.o === "absent");
  const noSignOut = outcomes.find((x) => x.o === "no_sign_out");
  if (!absent || !noSignOut) throw new Error(`${EXCEPTIONS_FOR} has no session for each exception`);
  const half = (s) => (s === 1 ? "上午" : "下午");
  return [
    { trainee: EXCEPTIONS_FOR, date: absent.date, session: absent.session, reason: "device_failure",
      manager_signature: true, stamp: true, trainee_signature: true, note: `${half(absent.session)}电子培训券签到功能故障，签到签退均未记录` },
    { trainee: EXCEPTIONS_FOR, date: noSignOut.date, session: noSignOut.session, reason: "unable_to_punch",
      manager_signature: true, stamp: false, trainee_signature: true, note: `${half(noSignOut.session)}签退时电子社保卡程序无法打开` },
  ];
}

function moment(date, minutes) {
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(Math.floor((minutes * 37) % 60))}+08:00`;
}

// --- Files -------------------------------------------------------------------

const COLUMNS = {
  roster: ["id", "name", "id_number", "hukou_province", "school_province", "education", "graduation_year",
    "employed_since_graduation", "unit_social_insurance_record", "participations_this_year", "dishonest",
    "stamped_roster", "not_employed_institution", "not_employed_district"],
  punches: ["trainee", "at", "kind", "method"],
  leave: ["trainee", "date", "session", "kind"],
  exceptions: ["trainee", "date", "session", "reason", "manager_signature", "stamp", "trainee_signature", "note"],
  certificates: ["trainee", "type", "first_time"],
};

function csvField(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM and CRLF, as Excel writes and reads it. */
export function toCsv(rows, columns) {
  const lines = [columns.join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** The cells of the .xlsx: moments as date-time cells (China Standard Time), days as date cells. */
export function toSheet(rows, columns) {
  const data = [columns.map((c) => ({ value: c, fontWeight: "bold" }))];
  for (const r of rows) {
    data.push(columns.map((c) => {
      const v = r[c];
      if (v === null || v === undefined) return null;
      if (c === "at") {
        const [d, t] = v.slice(0, 19).split("T");
        return { value: new Date(`${d}T${t}Z`), type: Date, format: "yyyy-mm-dd hh:mm:ss" };
      }
      if (c === "date" || (c.startsWith("not_employed_") && /^\d{4}-\d{2}-\d{2}$/.test(v))) return { value: new Date(`${v}T00:00:00Z`), type: Date, format: "yyyy-mm-dd" };
      if (typeof v === "number") return { value: v, type: Number };
      if (typeof v === "boolean") return { value: v, type: Boolean };
      return { value: String(v), type: String };
    }));
  }
  return data;
}

function expectedMd(g) {
  const n = (f) => g.lines.filter(f).length;
  const s1 = g.lines.reduce((a, l) => a + l.s1, 0);
  const s2 = g.lines.reduce((a, l) => a + l.s2, 0);
  const hi = n((l) => l.s1 === RATE.skill_level * MONTHS);
  const lo = n((l) => l.s1 === RATE.special_ability * MONTHS);
  const f2 = n((l) => l.s2 === FEE.skill_level);
  const f1 = n((l) => l.s2 === FEE.special_ability);
  const below = g.lines.filter((l) => !l.meets);
  const dep = deploymentFigures();
  const paying = g.lines.filter((l) => l.s1 > 0 || l.s2 > 0);
  const first = paying[0];
  return `# The sample class

Generated by \`scripts/gen-sample-class.mjs\` (do not edit by hand). Policy
\`${CLASS.policy}\`, class ${CLASS.name} (${CLASS.major}), ${CLASS.start} to ${CLASS.end}:
${g.trainingDays.length} working days × ${CLASS.sessions.length} sessions = ${g.expected} sessions expected of each of
${g.lines.length} trainees; ${g.punches.length} punches, ${g.leave.length} leave records, ${g.exceptions.length} punch exceptions, ${g.certificates.length} certificates.

## Two outcomes

The subsidy rates (DL-S1, 二(一): "补贴标准根据不同专业确定"), each major's duration (DL-T1, 一(三)) and
the appraisal fees (DL-S2, 二(二), by 大发改价格字〔2020〕612号) are fixed by documents the notice cites
but does not publish.

- **With the shipped policy** (\`policies/dalian-2023-major-conversion.toml\`), they are example values,
  on which nothing is decided: the claim **needs review**. Every line that would pay something is
  unknown (reason \`parameter\`: \`rates\` for DL-S1, \`fee_table\` for DL-S2), pays 0.00 and shows what it
  comes to as provisional (${first.id}: DL-S1 ${yuan(first.s1)} provisional${first.s2 ? `, DL-S2 ${yuan(first.s2)}` : ""}); DL-T1 is unknown too
  (\`per_major\`), and so are DL-M2 and DL-P1: the catalogue of institutions and their majors and the
  register of premises verified on site are named by the notice and not published with it
  (\`catalogue\`, \`register\`: unset). Decided: 0.00; provisional only: ${yuan(s1 + s2)} (${paying.length} trainees). The lines that pay
  nothing (no certificate, under 90%, not a first appraisal) rest on the notice's own rules and are
  decided under either policy.
- **With the deployment example loaded** (\`${DEPLOYMENT_FILE}\`,
  version \`${dep.version}\`: the shipped policy's ID, extending it), the same figures are set
  values (${dep.source}): the same claim is **accepted** at **${yuan(s1 + s2)}**, worked out below.
  The portal loads it with one click ("载入部署方示例政策"), and the demo verifier loads it at start
  (\`policy_files\` in \`examples/server/demo.toml\`).

The files: \`roster\`, \`punches\`, \`leave\`, \`exceptions\`, \`certificates\`, each as .csv (UTF-8 with BOM) and
.xlsx (moments as date-time cells in China Standard Time).

The punches are the export of the class's voucher check-ins: DL-P6 (四(三)) names one way of punching,
"参训学员通过电子社保卡程序中的电子培训券签到功能进行日常打卡考勤", and every row states it in the
\`method\` column (\`${METHOD}\`, 电子培训券签到; the portal also reads the title 打卡方式). A punch that does
not state how it was made is neither counted nor refused under DL-P6: the session it would make is
undetermined and the trainee's rate unknown when that could change it. A file without the column (a
punch clock's export is all one device) gets its method from the portal's field beside the punch file,
"本文件的打卡方式 / how these punches were made" (未注明 / 电子培训券签到 / 人脸识别装置 / 人工录入, default
未注明), which fills the rows that state none; left at 未注明, none of these punches counts and no
rate is decided. The same file with the field set to 电子培训券签到 gives the claim and the amounts below.

DL-P2: every trainee's "not employed" status was verified by the institution (2023-09-11 to
09-21) and by the district HRSS (2023-09-25 to 09-28), before the opening on ${CLASS.start};
the class of 2024 (${g.roster.filter((r) => r.stamped_roster).map((r) => r.id).join(", ")}) is on the school-stamped student-status roster.
Every trainee passes DL-P2.

Punch exceptions (\`exceptions\`), both for ${EXCEPTIONS_FOR} on sessions its punches leave unattended:
${g.exceptions.map((e) => `- ${e.date} session ${e.session}, ${e.reason}: the note ${complete(e) ? "is complete (management staff's signature, stamp, trainee's signature)" : `lacks ${Object.keys(NOTE_MARKS).filter((k) => !e[k]).map((k) => NOTE_MARKS[k]).join(", ")}`}`).join("\n")}

Dalian's notice has no rule on punch exceptions: under the sample's policy they are checked against
the roster, the training days and the sessions and count for nothing, so they change no amount and the
total below stands. Under \`fushun-2024-major-conversion\` a punch counts only when made on a face-recognition
device (FS-A2, 七(三): "培训机构采用人脸识别装置进行打卡签到签退"), so none of these voucher check-ins counts
there. The same punches made on a face device (the punch file without its \`method\` column, and 人脸识别装置
stated for it in the portal) attend the same sessions, all inside FS-A2's windows, and the complete note
counts its session (FS-A4): ${EXCEPTIONS_FOR} has ${g.withNotes} of ${g.expected} instead of ${g.lines.find((l) => l.id === EXCEPTIONS_FOR).attended}, and FS-A4 fails the other exception for the missing stamp.

Below 90% attendance (leave is not attendance): ${below.map((l) => `${l.id} (${l.attended}/${g.expected})`).join(", ")}.

- DL-S1 training subsidy, 6 filed months: ${hi} × 1800.00 × 6 = ${yuan(hi * RATE.skill_level * MONTHS)} (qualification or
  skill-level certificate, ≥ 90%) + ${lo} × 1200.00 × 6 = ${yuan(lo * RATE.special_ability * MONTHS)} (special-ability certificate,
  ≥ 90%) = ${yuan(s1)}
- DL-S2 appraisal subsidy, first appraisals: ${f2} × 200.00 + ${f1} × 100.00 = ${yuan(s2)}
- Claim total with the deployment's figures: **${yuan(s1 + s2)}** (with the shipped policy: 0.00 decided, ${yuan(s1 + s2)} provisional)

| trainee | attended | ≥ 90% | certificate | first appraisal | DL-S1 | DL-S2 |
|---|---|---|---|---|---|---|
${g.lines.map((l) => `| ${l.id} | ${l.attended} | ${l.meets ? "yes" : "no"} | ${l.cert ?? "—"} | ${l.first_time === null ? "—" : l.first_time ? "yes" : "no"} | ${yuan(l.s1)} | ${yuan(l.s2)} |`).join("\n")}
`;
}

/** Every file of the sample: name -> { csv text } or { sheet cells }. */
export function files(g = generate()) {
  const out = {};
  const rows = { roster: g.roster, punches: g.punches, leave: g.leave, exceptions: g.exceptions, certificates: g.certificates };
  for (const [name, cols] of Object.entries(COLUMNS)) {
    out[`${name}.csv`] = { text: toCsv(rows[name], cols) };
    out[`${name}.xlsx`] = { sheet: toSheet(rows[name], cols), columns: cols };
  }
  out["EXPECTED.md"] = { text: expectedMd(g) };
  return out;
}

/** The plain values read-excel-file gives back for the cells written. */
function plain(sheet) {
  return sheet.map((row) => row.map((c) => (c === null ? null : c.value instanceof Date ? c.value.toISOString() : c.value)));
}

async function main() {
  const check = process.argv.includes("--check");
  const all = files();
  const stale = [];
  if (!check) mkdirSync(SAMPLES, { recursive: true });
  for (const [name, f] of Object.entries(all)) {
    const path = join(SAMPLES, name);
    if (f.text !== undefined) {
      if (check) {
        if (!existsSync(path) || readFileSync(path, "utf8") !== f.text) stale.push(name);
      } else writeFileSync(path, f.text);
    } else if (check) {
      if (!existsSync(path)) {
        stale.push(name);
        continue;
      }
      // A date-time cell is a fraction of a day: round it to the second, as the portal does.
      const got = (await readSheet(readFileSync(path))).map((row) =>
        row.map((v) => (v instanceof Date ? new Date(Math.round(v.getTime() / 1000) * 1000).toISOString() : v)));
      const want = plain(f.sheet);
      // read-excel-file leaves out trailing empty cells of a row.
      const norm = (rows) => rows.map((r) => { const c = [...r]; while (c.length && c[c.length - 1] === null) c.pop(); return JSON.stringify(c); });
      const a = norm(got), b = norm(want);
      if (a.length !== b.length || a.some((x, i) => x !== b[i])) stale.push(name);
    } else {
      await writeExcelFile(f.sheet, { columns: f.columns.map((c) => ({ width: c === "at" ? 22 : c === "method" ? 14 : c === "id_number" ? 22 : c.startsWith("not_employed_") ? 24 : c === "note" ? 40 : c.endsWith("_signature") ? 18 : 14 })), stickyRowsCount: 1 }).toFile(path);
    }
  }
  if (check) {
    if (stale.length) {
      console.error(`gen-sample-class: out of date: ${stale.join(", ")} (run node scripts/gen-sample-class.mjs)`);
      process.exit(1);
    }
    console.log("gen-sample-class: the committed samples are what the script writes");
  } else {
    console.log(`gen-sample-class: wrote ${Object.keys(all).length} files to ${SAMPLES}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
