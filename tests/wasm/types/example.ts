// Example code against the package's types; `tsc --noEmit` checks it (with
// the lines marked @ts-expect-error showing that wrong uses do not compile).

import {
  createEngine,
  Engine,
  isPeixunError,
  PeixunError,
  version,
  type Applicant,
  type AttendanceReport,
  type AttendanceRequest,
  type CalendarDay,
  type Claim,
  type ClaimReport,
  type CalendarNotice,
  type Finding,
  type OperationName,
  type PlanCheck,
  type PersonApplicant,
  type Verdict,
} from "peixun";
import * as mini from "peixun/miniprogram";

async function main(): Promise<void> {
  const engine: Engine = await createEngine();
  const v: string = version();

  const trainee: PersonApplicant = {
    kind: "person",
    name: "张三",
    id_number: "11010519491231002X",
    hukou_province: "21",
    education: "full_time_college",
    graduation_year: 2022,
    employed_since_graduation: false,
    key_groups: ["graduating_college_student"],
    institution: { name: "某培训学校", credit_code: "91350100M000100Y43", majors: ["电工"] },
  };
  const verdict: Verdict = engine.checkEligibility("dalian-2023-major-conversion", trainee);
  const decision: "eligible" | "ineligible" | "needs_review" = verdict.decision;
  const unknown: Finding[] = verdict.findings.filter((f) => f.status === "unknown");
  for (const f of unknown) console.log(f.rule_id, f.citation.clause, f.message_zh, f.message_en, f.facts);

  const enterprise: Applicant = {
    kind: "enterprise",
    credit_code: "91350100M000100Y43",
    size: "small",
    sector: "wholesale_retail",
    workers: [{ name: "李四", first_contribution: "2021-03-01", dispatched: false }],
  };
  engine.checkEligibility("liaocheng-2021-skill-upgrade", enterprise);

  const id = engine.checkId("11010519491231002X");
  const born: string = id.birth_date;
  const sex: "male" | "female" = id.sex;
  const masked: string = engine.maskId(id.number, { head: 2, tail: 3 });
  const uscc = engine.checkCreditCode("91350100M000100Y43");
  const consistent: boolean = uscc.organisation_code_consistent;

  const policies = engine.listPolicies();
  const ruleCount: number = policies[0].rules;
  engine.lintPolicy("id = 'x'");
  const loaded = engine.loadPolicy("{}");
  const policyVersion: string = loaded.version;

  const workday: boolean = engine.isWorkday("2023-10-07");
  const holiday: string | null = engine.holidayName("2023-10-02");
  const day: CalendarDay = engine.calendarDay("2031-05-06", { unknown_years: "assume_weekends_only" });
  const assumptions: string[] = day.assumptions;
  const month = engine.workdaysInMonth(2023, 10);
  const dates: string[] = month.dates;
  const count: number = engine.countWorkdays("2023-05-01", "2023-05-31").count;
  const after: string = engine.addWorkdays("2023-09-28", 5).result;
  engine.nextWorkday("2024-02-09").result;
  engine.previousWorkday("2024-02-18", { unknown_years: "refuse" }).result;

  const notice: CalendarNotice = {
    year: 2027,
    source: "国办发明电〔2026〕N号",
    holidays: [{ name: "春节", off: ["2027-02-06..2027-02-13"], workdays: ["2027-02-14"] }],
  };
  const summary = engine.applyCalendarUpdate(notice);
  const workingDays: number = summary.years[0].working_days;
  engine.applyCalendarUpdate("year 2027\nsource x\n元旦 off 01-01\n");

  // The generic entry point, typed per operation.
  const step = engine.call("calendar.add", { date: "2023-09-28", n: 5 });
  const stepResult: string = step.result;
  const maskedAgain: string = engine.call("id.mask", { number: "11010519491231002X" }).masked;
  const later: unknown = engine.call("future.operation", { anything: "…" }); // an operation added later
  const ops: OperationName[] = engine.operations();

  // The operations of attendance, vouchers, deadlines, claims and publicity.
  const attendanceRequest: AttendanceRequest = {
    policy: "fushun-2024-major-conversion",
    class: {
      id: "2024年大数据开发专业1班期",
      start: "2024-03-04",
      end: "2024-06-28",
      sessions: [{ start: "08:30", end: "11:45" }, { start: "13:30", end: "16:45" }],
      lessons_per_day: 8,
      lesson_minutes: 45,
    },
    as_of: "2024-03-08",
    trainees: [{ id: "T01", name: "张三" }],
    punches: [{ trainee: "T01", at: "2024-03-04T08:10:00+08:00", kind: "sign_in", method: "face_device" }],
    leave: [{ trainee: "T01", date: "2024-03-05", kind: "sick" }],
    exceptions: [{ trainee: "T01", date: "2024-03-06", session: 2, reason: "device_failure", note: { stamp: true } }],
    violations: 0,
  };
  const attendance: AttendanceReport = engine.call("attendance", attendanceRequest);
  const attendanceDecision: "pass" | "fail" | "needs_review" = attendance.decision;
  const rate: string = attendance.trainees[0].rate;
  const marks: string[] = attendance.sheet[0].trainees[0].marks;
  const punch = engine.call("punch.check", {
    policy: "fushun-2024-major-conversion",
    class: attendanceRequest.class,
    trainee: "T01",
    kind: "sign_out",
    at: "2024-03-04T11:50:00+08:00",
  });
  const acceptable: boolean = punch.acceptable;
  const opensAt: string | null = punch.opens_at;

  const claim: Claim = {
    policy: "jinzhong-2023-skills-shanxi",
    class: { start: "2023-06-05", end: "2023-06-16", name: "2023年电工1班期" },
    trainees: [
      {
        name: "王五",
        id_number: "11010519491231002X",
        eligibility: { key_groups: ["veteran"] },
        attendance: { expected_sessions: 12, attended_sessions: 12, attended_days: 12 },
        certificates: [{ type: "skill_level", first_time: true }],
        information_checks: { before_start: "2023-06-01", at_end: false },
        claimed: { "JZ-S3": "1000.00" },
      },
    ],
    claimed_total: "1000.00",
  };
  const report: ClaimReport = engine.call("claim.verify", claim);
  const claimDecision: "accept" | "reject" | "needs_review" = report.decision;
  const recomputed: string = report.totals.recomputed;
  const lineAmount: string = report.trainees[0].lines[0].amount;
  const lineRule: string = report.trainees[0].lines[0].rule_id;
  const list = engine.call("publicity.list", { claim, start: "2023-06-20" });
  const publicityEnd: string | null = list.end;
  const csv: string = engine.call("publicity.csv", { claim, start: "2023-06-20" }).csv;
  const plan = engine.call("deadlines.plan", {
    policy: "dalian-2023-major-conversion",
    class: { start: "2023-10-09", end: "2024-01-26" },
    unknown_years: "refuse",
  });
  const firstDeadline: string | null = plan.deadlines[0].date;
  const yearPlan: PlanCheck = engine.checkPlan({
    policy: "jinzhong-2023-skills-shanxi",
    year: 2023,
    as_of: "2024-01-10",
    counties: [{ county: "榆次区", annual_plan: 1200, county_enterprise_staff: { trained: 436 }, brands: [{ brand: "榆次灯笼", planned: 120 }] }],
  });
  const planDecision: "pass" | "fail" | "needs_review" = yearPlan.decision;
  const countyDecision: string = yearPlan.counties[0].decision;
  const samePlan: PlanCheck = engine.call("plan.check", { policy: "jinzhong-2023-skills-shanxi", counties: [] });
  const verification = engine.call("voucher.verify", {
    token: "AAAA",
    keys: { keys: [{ key_id: "test-1", algorithm: "ed25519", public_key: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", status: "active" }] },
    at: "2024-05-10T09:00:00+08:00",
  });
  const valid: boolean = verification.valid;
  const failureCodes: string[] = verification.failures.map((f) => f.code);
  const replay = engine.call("voucher.replay", {
    policy: "jinzhong-2023-skills-shanxi",
    events: [
      { event_id: "e1", voucher_id: "V1", kind: "apply", holder: "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a" },
      { event_id: "e2", voucher_id: "V1", kind: "issue" },
      { event_id: "e3", voucher_id: "V1", kind: "evaluate", certificate: true, attendance_met: true, at: "2024-06-28T16:00:00+08:00" },
    ],
  });
  const voucherState: string = replay.vouchers[0].state;
  console.log(attendanceDecision, rate, marks, acceptable, opensAt, claimDecision, recomputed, lineAmount, lineRule, publicityEnd, csv, firstDeadline, valid, failureCodes, voucherState);
  const text: string = engine.handleJson("calendar.day", JSON.stringify({ date: "2023-10-07" }));

  try {
    engine.checkId("123");
  } catch (err) {
    if (err instanceof PeixunError) {
      const fields: [string, string, string, string] = [err.code, err.path, err.messageZh, err.messageEn];
      console.log(fields);
      // A policy file failing several lint checks lists each of them.
      const every: string[] = (err.details ?? []).map((d) => `${d.code} ${d.path} ${d.message_en}`);
      console.log(every);
    }
    if (isPeixunError(err)) console.log(err.code);
  }

  // @ts-expect-error: the policy ID is a string
  engine.checkEligibility(42, trainee);
  // @ts-expect-error: an applicant needs its kind
  engine.checkEligibility("dalian-2023-major-conversion", { graduation_year: 2022 });
  // @ts-expect-error: education is a closed vocabulary
  engine.checkEligibility("dalian-2023-major-conversion", { kind: "person", education: "phd" });
  // @ts-expect-error: graduation_year is a number
  engine.checkEligibility("dalian-2023-major-conversion", { kind: "person", graduation_year: "2022" });
  // @ts-expect-error: the request of a known operation is typed
  engine.call("calendar.add", { date: "2023-09-28" });
  // @ts-expect-error: a claim needs its claimed_total
  engine.call("claim.verify", { policy: "jinzhong-2023-skills-shanxi", trainees: [] });
  // @ts-expect-error: money is a string, not a number
  engine.call("claim.verify", { policy: "jinzhong-2023-skills-shanxi", claimed_total: 1000 });
  // @ts-expect-error: a punch is a sign_in or a sign_out
  engine.call("punch.check", { policy: "p", class: attendanceRequest.class, trainee: "T01", kind: "check_in", at: "2024-03-04T08:00:00+08:00" });
  // @ts-expect-error: an attendance request needs its class
  engine.call("attendance", { policy: "fushun-2024-major-conversion", trainees: [] });
  // @ts-expect-error: an evaluate event's results are booleans
  engine.call("voucher.replay", { policy: "p", events: [{ event_id: "e1", voucher_id: "V1", kind: "evaluate", certificate: "yes" }] });
  // @ts-expect-error: the attendance decision is pass, fail or needs_review
  const wrongDecision: "eligible" = attendance.decision;
  // @ts-expect-error: unknown_years is "refuse" or "assume_weekends_only"
  engine.calendarDay("2023-10-07", { unknown_years: "guess" });

  engine.free();
  console.log(wrongDecision);
  console.log(v, decision, born, sex, masked, consistent, ruleCount, policyVersion, workday, holiday, assumptions, dates, count, after, workingDays, stepResult, maskedAgain, later, ops, text);
}

// The mini-program entry: WXWebAssembly by default, or an explicit runtime and path.
async function miniProgram(): Promise<void> {
  const engine = await mini.createEngine({ path: mini.DEFAULT_PATH });
  engine.isWorkday("2023-10-07");
  await mini.init({ path: "/workers/peixun_bg.wasm", runtime: { instantiate: (p: string, imports: object) => Promise.reject(new Error(p + String(imports))) } });
}

void main();
void miniProgram();
