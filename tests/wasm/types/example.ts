// Example code against the package's types; `tsc --noEmit` checks it (with
// the lines marked @ts-expect-error showing that wrong uses do not compile).

import {
  createEngine,
  Engine,
  isPeixunError,
  PeixunError,
  version,
  type Applicant,
  type CalendarDay,
  type CalendarNotice,
  type Finding,
  type OperationName,
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
  const later: unknown = engine.call("voucher.verify", { voucher: "…" }); // an operation added later
  const ops: OperationName[] = engine.operations();
  const text: string = engine.handleJson("calendar.day", JSON.stringify({ date: "2023-10-07" }));

  try {
    engine.checkId("123");
  } catch (err) {
    if (err instanceof PeixunError) {
      const fields: [string, string, string, string] = [err.code, err.path, err.messageZh, err.messageEn];
      console.log(fields);
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
  // @ts-expect-error: unknown_years is "refuse" or "assume_weekends_only"
  engine.calendarDay("2023-10-07", { unknown_years: "guess" });

  engine.free();
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
