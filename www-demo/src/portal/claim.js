// From the clerk's tables and the class form to the engine's requests, and
// back from an engine error's JSON path to the file, row and column (or the
// form field) it came from. No DOM: shared by the page and the Node tests.
//
// The flow: the claim carries the class's raw attendance — the filed schedule,
// every punch, leave record and punch exception, as the files give them — and
// each trainee names theirs by roster number (`{"kind": "punches", "key":
// "T01"}`), so the verifier recomputes attendance itself and never reads a
// number computed in the page. "claim.verify" recomputes every line; the
// institution claims what the rules give, and the claim is verified again with
// those amounts — the claim the page shows and the one "submit" sends. The
// "attendance" operation on the same schedule, punches, leave and exceptions
// draws the heat map.

import { FileError } from "./tables.js";

/** The class form's fields (ids are `class-<name>` in the page). */
export const CLASS_FIELDS = [
  "policy", "name", "major", "start", "end", "filed_months", "filed_on", "approved_on",
  "acceptance_applied_on", "publicity_start", "sessions", "lessons_per_day", "lesson_minutes",
  "institution_name", "credit_code", "premises", "in_catalogue", "premises_verified", "majors",
];

/** "08:30-11:45, 13:30-16:45" → sessions; null if it does not read. */
export function parseSessions(text) {
  const parts = String(text || "").split(/[,，;；\s]+/).filter(Boolean);
  const out = [];
  for (const p of parts) {
    const m = p.match(/^(\d{2}:\d{2})[-–—~～](\d{2}:\d{2})$/);
    if (!m) return null;
    out.push({ start: m[1], end: m[2] });
  }
  return out.length ? out : null;
}

const optInt = (v) => (v === "" || v === null || v === undefined ? undefined : /^\d+$/.test(String(v)) ? Number(v) : String(v));
const optText = (v) => (v === "" || v === null || v === undefined ? undefined : String(v));
function clean(o) {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** A form problem (not the engine's): shown at the field. */
export class FormError extends Error {
  constructor(field, en, zh) {
    super(en);
    this.name = "FormError";
    this.field = field;
    this.messageEn = en;
    this.messageZh = zh;
  }
}

/** The class form → `{ policy, attendanceClass, claimClass, institution, publicityStart }`. */
export function classFromForm(f) {
  const sessions = parseSessions(f.sessions);
  if (!sessions) {
    throw new FormError("sessions", "sessions must read like 08:30-11:45, 13:30-16:45", "课次应写作 08:30-11:45, 13:30-16:45");
  }
  const attendanceClass = clean({
    id: optText(f.name) ?? "class",
    major: optText(f.major),
    start: optText(f.start),
    end: optText(f.end),
    sessions,
    lessons_per_day: optInt(f.lessons_per_day),
    lesson_minutes: optInt(f.lesson_minutes),
  });
  const claimClass = clean({
    name: optText(f.name),
    major: optText(f.major),
    start: optText(f.start),
    end: optText(f.end),
    filed_months: optInt(f.filed_months),
    filed_on: optText(f.filed_on),
    approved_on: optText(f.approved_on),
    acceptance_applied_on: optText(f.acceptance_applied_on),
  });
  const majors = String(f.majors || "").split(/[,，、;；]+/).map((s) => s.trim()).filter(Boolean);
  const institution = clean({
    name: optText(f.institution_name),
    credit_code: optText(f.credit_code),
    premises: optText(f.premises),
    in_catalogue: !!f.in_catalogue,
    premises_verified: !!f.premises_verified,
    dishonest: false,
    majors: majors.length ? majors : undefined,
  });
  return { policy: f.policy, attendanceClass, claimClass, institution, publicityStart: optText(f.publicity_start) };
}

/** The written note's marks, in the engine's names (FS-A4: the management staff's signature, the stamp, the trainee's). */
export const NOTE_MARKS = ["manager_signature", "stamp", "trainee_signature"];

/**
 * An exceptions record → the engine's punch exception: `note` holds the marks
 * the row states (an empty cell is not stated, which the engine reports as
 * such); the note's text stays in the page.
 */
export function exceptionOf(values) {
  const note = {};
  for (const k of NOTE_MARKS) if (k in values) note[k] = values[k];
  return clean({ trainee: values.trainee, date: values.date, session: values.session, reason: values.reason, note });
}

const exceptionList = (exceptions) => (exceptions ? exceptions.records.map((r) => exceptionOf(r.values)) : []);

/** The "attendance" request for the roster, punches and (optional) leave and punch exceptions. */
export function attendanceRequest(cls, roster, punches, leave, exceptions) {
  return {
    policy: cls.policy,
    class: cls.attendanceClass,
    trainees: roster.records.map((r) => clean({ id: r.values.id, name: r.values.name })),
    punches: punches.records.map((r) => r.values),
    exceptions: exceptionList(exceptions),
    leave: leave ? leave.records.map((r) => r.values) : [],
  };
}

const ELIGIBILITY = ["hukou_province", "school_province", "education", "graduation_year", "employed_since_graduation",
  "unit_social_insurance_record", "participations_this_year", "dishonest"];

/** The claim's raw attendance: the schedule, the punches, the punch exceptions and the leave, as the files give them. */
export function claimAttendance(cls, punches, leave, exceptions) {
  return {
    class: cls.attendanceClass,
    punches: punches.records.map((r) => r.values),
    exceptions: exceptionList(exceptions),
    leave: leave ? leave.records.map((r) => r.values) : [],
  };
}

/** DL-P2's facts of one roster record: the stamped roster and the "not employed" verifications, where stated. */
function p2Facts(v) {
  const out = {};
  if ("stamped_roster" in v) out.stamped_roster = v.stamped_roster;
  const verified = clean({ institution: v.not_employed_institution, district: v.not_employed_district });
  if (Object.keys(verified).length) out.not_employed_verified = verified;
  return out;
}

/**
 * The claim, carrying the raw attendance (`punches` required, `leave` and
 * `exceptions` optional). `certificates` is optional (absent: not stated);
 * `claimed` is per trainee `{ rule: "0.00" }` (absent: nothing claimed yet).
 * Returns `{ claim, certRows }`, `certRows[i][j]` being the certificates record
 * behind `trainees[i].certificates[j]`.
 */
export function buildClaim(cls, roster, punches, leave, certificates, claimed, exceptions) {
  const byTrainee = new Map();
  if (certificates) {
    const ids = new Set(roster.records.map((r) => r.values.id));
    for (const rec of certificates.records) {
      const id = rec.values.trainee;
      if (!ids.has(id)) {
        throw new FileError(certificates.file, rec.row, certificates.columns.trainee,
          `trainee “${id}” is not on the roster`, `学员“${id}”不在花名册中`);
      }
      if (!byTrainee.has(id)) byTrainee.set(id, []);
      byTrainee.get(id).push(rec);
    }
  }
  const certRows = [];
  const trainees = roster.records.map((r, i) => {
    const v = r.values;
    const recs = byTrainee.get(v.id) || [];
    certRows.push(recs);
    const eligibility = {};
    for (const k of ELIGIBILITY) if (k in v) eligibility[k] = v[k];
    return clean({
      name: v.name ?? "",
      id_number: v.id_number ?? "",
      eligibility,
      attendance: { kind: "punches", key: v.id },
      ...p2Facts(v),
      certificates: certificates ? recs.map((c) => clean({ type: c.values.type, first_time: c.values.first_time })) : undefined,
      claimed: claimed ? claimed[i] : {},
    });
  });
  const claim = clean({
    policy: cls.policy,
    class: cls.claimClass,
    institution: cls.institution,
    attendance: claimAttendance(cls, punches, leave, exceptions),
    trainees,
    claimed_total: claimed ? sumYuan(claimed.flatMap((c) => Object.values(c))) : "0.00",
  });
  return { claim, certRows };
}

/**
 * What the rules give each trainee (the recomputed lines), as `claimed` for
 * buildClaim. A line that pays nothing yet because its amount rests on a
 * figure the deployment has not set (an example value) is claimed at its
 * provisional amount: that is what the institution asks for, and what the
 * deployment's own figures will decide; the engine accepts none of it until
 * they are set.
 */
export function claimedFromReport(report) {
  return report.trainees.map((t) => {
    const c = {};
    for (const line of t.lines) {
      const amount = provisionalOf(line) ?? line.amount;
      if (amount !== null && amount !== undefined) c[line.rule_id] = amount;
    }
    return c;
  });
}

/** The provisional amount of a line left unknown by a deployment parameter, else undefined. */
export function provisionalOf(line) {
  return line.status === "unknown" && line.facts?.parameter ? line.facts.provisional_amount ?? undefined : undefined;
}

/**
 * Why a claim report is not decided, for the page to say first: every line
 * and finding left unknown by a deployment parameter (`facts.parameter`: the
 * annex's rates, a fee table, the per-major durations — an example value or
 * none), grouped by rule and parameter, and every other unknown finding or
 * line, grouped by rule. `decided` is the recomputed total (what the engine
 * decided); `provisional` the sum of the provisional amounts, which nobody may
 * pay until the deployment sets the figures.
 *
 * Returns `{ decided, provisional, parameters: [{ rule_id, parameter, state,
 * state_zh, state_en, source, lines, findings, provisional, message_zh,
 * message_en }], others: [{ rule_id, count, message_zh, message_en }] }`.
 */
export function reviewReasons(report) {
  const parameters = new Map();
  const others = new Map();
  const amounts = [];
  const note = (item, isLine) => {
    if (item.status !== "unknown") return;
    const f = item.facts ?? {};
    if (f.parameter) {
      const key = `${item.rule_id} ${f.parameter}`;
      if (!parameters.has(key)) {
        parameters.set(key, {
          rule_id: item.rule_id, parameter: f.parameter, state: f.parameter_state, state_zh: f.parameter_state_zh,
          state_en: f.parameter_state_en, source: f.parameter_source, lines: 0, findings: 0, amounts: [],
          message_zh: item.message_zh, message_en: item.message_en,
        });
      }
      const g = parameters.get(key);
      if (isLine) {
        g.lines += 1;
        const p = provisionalOf(item);
        if (p !== undefined) {
          g.amounts.push(p);
          amounts.push(p);
        }
      } else g.findings += 1;
      return;
    }
    if (!others.has(item.rule_id)) others.set(item.rule_id, { rule_id: item.rule_id, count: 0, message_zh: item.message_zh, message_en: item.message_en });
    others.get(item.rule_id).count += 1;
  };
  for (const f of report.findings ?? []) note(f, false);
  for (const f of report.attendance?.findings ?? []) note(f, false);
  for (const t of report.trainees ?? []) {
    for (const f of t.findings ?? []) note(f, false);
    for (const l of t.lines ?? []) note(l, true);
  }
  for (const w of report.workers ?? []) {
    for (const f of w.findings ?? []) note(f, false);
    for (const l of w.lines ?? []) note(l, true);
  }
  return {
    decided: report.totals?.recomputed ?? "0.00",
    provisional: sumYuan(amounts),
    parameters: [...parameters.values()].map(({ amounts: a, ...g }) => ({ ...g, provisional: sumYuan(a) })),
    others: [...others.values()],
  };
}

/** Exact sum of money strings ("1800.00"), in fen. */
export function sumYuan(values) {
  let fen = 0n;
  for (const v of values) {
    const m = String(v).match(/^(-?)(\d+)(?:\.(\d{1,2}))?$/);
    if (!m) throw new Error(`not money: ${v}`);
    const f = BigInt(m[2]) * 100n + BigInt((m[3] || "").padEnd(2, "0"));
    fen += m[1] ? -f : f;
  }
  const neg = fen < 0n;
  if (neg) fen = -fen;
  return `${neg ? "-" : ""}${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
}

/** Roster columns behind a trainee's fields that are not columns of their own. */
const ROSTER_FIELD = {
  "attendance": "id", // the trainee's punches key is their roster number
  "not_employed_verified.institution": "not_employed_institution",
  "not_employed_verified.district": "not_employed_district",
};

/**
 * Where an engine error points, for a request built here:
 * `{ file, row, column }` for a file cell, `{ field }` for the class form, or null.
 * `origin` says which table each list came from: `{ roster, punches, leave, exceptions, certificates, certRows }`.
 * Paths of the claim (`$.attendance.punches[17].at`, `$.trainees[3].not_employed_verified.district`)
 * and of the "attendance" request (`$.punches[17].at`) are both understood; an exception's
 * `note.stamp` is the stamp's column.
 */
export function locate(path, origin) {
  if (!path) return null;
  let p = path;
  if (p.startsWith("$.claim.")) p = "$." + p.slice("$.claim.".length);
  if (p === "$.start") return { field: "publicity_start" };
  if (p.startsWith("$.attendance.")) p = "$." + p.slice("$.attendance.".length);
  let m = p.match(/^\$\.(punches|leave|exceptions)\[(\d+)\](?:\.([a-z_]+)(?:\.([a-z_]+))?)?/);
  if (m && origin[m[1]]) {
    // An exception's note is its three mark columns (`note` alone: the row; the note's text is not sent).
    const field = m[1] === "exceptions" && m[3] === "note" ? m[4] : m[3];
    return cell(origin[m[1]], Number(m[2]), field);
  }
  m = p.match(/^\$\.trainees\[(\d+)\]\.certificates\[(\d+)\](?:\.([a-z_]+))?/);
  if (m && origin.certificates && origin.certRows) {
    const rec = origin.certRows[Number(m[1])]?.[Number(m[2])];
    if (rec) return { file: origin.certificates.file, row: rec.row, column: columnTitle(origin.certificates, m[3]) };
  }
  m = p.match(/^\$\.trainees\[(\d+)\](?:\.(?:eligibility\.)?([a-z_]+(?:\.(?:institution|district))?))?/);
  if (m && origin.roster) {
    const field = m[2]?.startsWith("attendance") ? "attendance" : m[2];
    if (field === "eligibility") return cell(origin.roster, Number(m[1]), undefined);
    if (field === "not_employed_verified") return cell(origin.roster, Number(m[1]), undefined);
    return cell(origin.roster, Number(m[1]), ROSTER_FIELD[field] ?? field);
  }
  m = p.match(/^\$\.class\.([a-z_]+)/);
  if (m) return { field: m[1] === "id" ? "name" : m[1] };
  m = p.match(/^\$\.institution\.([a-z_]+)/);
  if (m) return { field: m[1] === "name" ? "institution_name" : m[1] };
  if (p === "$.policy") return { field: "policy" };
  return null;
}

function columnTitle(table, field) {
  if (!field) return null;
  return table.columns[field] ?? field;
}

function cell(table, index, field) {
  const rec = table.records[index];
  if (!rec) return null;
  return { file: table.file, row: rec.row, column: columnTitle(table, field) };
}
