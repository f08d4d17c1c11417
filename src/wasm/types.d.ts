// ---------------------------------------------------------------------------
// peixun: the types of every input and output of the Engine.
//
// This text is written by hand and placed into the generated `peixun.d.ts`
// (src/wasm/types.d.ts, through a wasm-bindgen TypeScript custom section).
// tests/wasm_types.rs checks its vocabularies and operation list against the
// Rust code; the package tests compile an example against it with `tsc`.
//
// Data keys are snake_case, as in the JSON the engine reads and writes. Money
// is a string ("1800.00"); no value is a bigint. Dates are "YYYY-MM-DD".
// ---------------------------------------------------------------------------

/** A calendar date, `YYYY-MM-DD`. */
export type DateString = string;

/** Any JSON value (what a finding's facts hold). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// --- Errors ------------------------------------------------------------------

/**
 * What every thrown error carries. Thrown errors are real `Error` objects with
 * `name === "PeixunError"`; the package's `PeixunError` class matches them with
 * `instanceof`.
 */
export interface PeixunErrorFields {
  /** Stable code, `stage.reason`: `input.wrong_type`, `calendar.year_unknown`, … */
  code: string;
  /** JSON path of the offending field in the operation's request (`$.applicant.graduation_year`), or `$`. */
  path: string;
  /** Message in Simplified Chinese. */
  messageZh: string;
  /** Message in English. */
  messageEn: string;
}

/** An error as `handleJson` returns it: `{"error": {…}}`. */
export interface ProblemJson {
  code: string;
  path: string;
  message_zh: string;
  message_en: string;
}

// --- Vocabularies (src/policy/vocab.rs) ----------------------------------------

export type Education =
  | "full_time_college"
  | "technician_senior_class"
  | "technician_preparatory_class"
  | "special_education_vocational"
  | "part_time_college"
  | "secondary_vocational"
  | "other";

export type KeyGroup =
  | "graduating_college_student"
  | "graduating_vocational_student"
  | "technician_graduate"
  | "liang_hou_sheng"
  | "rural_migrant_worker"
  | "registered_unemployed"
  | "registered_poor"
  | "out_of_poverty"
  | "veteran"
  | "disabled"
  | "flexible_worker"
  | "gig_job_seeker"
  | "low_income_rural"
  | "urban_minimum_allowance"
  | "employment_difficulty"
  | "zero_employment_family"
  | "rural_school_leaver";

export type EnterpriseSize = "micro" | "small" | "medium" | "large";

export type Sector =
  | "foreign_trade"
  | "accommodation_catering"
  | "culture_tourism"
  | "transport"
  | "wholesale_retail"
  | "other";

export type Certificate = "qualification" | "skill_level" | "special_ability" | "training_certificate";

export type StartupGroup = "small_micro_owner" | "self_employed";

/** A two-digit province code (GB/T 2260), e.g. `"21"` for Liaoning. */
export type ProvinceCode = string;

// --- Applicants (src/rules/eligibility/applicant.rs) ---------------------------
// Every fact is optional: a missing fact (absent or null) makes the rules that
// need it "unknown", never a guess.

/** What is known of the training institution. */
export interface Institution {
  name?: string | null;
  /** Unified social credit code; checked when given. */
  credit_code?: string | null;
  /** The majors it carries this year. */
  majors?: string[] | null;
  /** On the dishonesty (失信) list. */
  dishonest?: boolean | null;
}

/** A flexible domestic-service worker's papers (LC-S3). */
export interface DomesticService {
  service_agreement?: boolean | null;
  registered?: boolean | null;
}

/** A trainee. */
export interface PersonApplicant {
  kind: "person";
  /** Shown, never judged. */
  name?: string | null;
  /** Resident ID number; checked when given. */
  id_number?: string | null;
  hukou_province?: ProvinceCode | null;
  school_province?: ProvinceCode | null;
  education?: Education | null;
  /** Year of leaving school, or of the graduating class. */
  graduation_year?: number | null;
  /** Self-declared: employed at any time since graduating. */
  employed_since_graduation?: boolean | null;
  /** A unit-based social-insurance record since graduation (only the authority knows; a phone leaves it out). */
  unit_social_insurance_record?: boolean | null;
  /** Participations in this programme this year (from the ledger). */
  participations_this_year?: number | null;
  dishonest?: boolean | null;
  /** `[]` means none; absent means not stated. */
  key_groups?: KeyGroup[] | null;
  enterprise_employee?: boolean | null;
  major?: string | null;
  institution?: Institution | null;
  startup_group?: StartupGroup | null;
  startup_training?: boolean | null;
  occupation?: string | null;
  domestic_service?: DomesticService | null;
}

/** A worker an enterprise took on. */
export interface Worker {
  name?: string | null;
  /** Checked when given; masked in findings. */
  id_number?: string | null;
  /** First social-insurance contribution at this enterprise. */
  first_contribution?: DateString | null;
  /** A dispatched (劳务派遣) worker. */
  dispatched?: boolean | null;
}

/** An enterprise taking on workers (LC-S1). */
export interface EnterpriseApplicant {
  kind: "enterprise";
  name?: string | null;
  credit_code?: string | null;
  size?: EnterpriseSize | null;
  sector?: Sector | null;
  workers?: Worker[];
}

export type Applicant = PersonApplicant | EnterpriseApplicant;

// --- Verdicts (src/report.rs) ------------------------------------------------

export type Status = "pass" | "fail" | "unknown";
export type Decision = "eligible" | "ineligible" | "needs_review";

export interface Citation {
  /** The source document. */
  document: string;
  /** The clause, as numbered in the document, e.g. `一(一)`. */
  clause: string;
}

/** One rule's outcome, explained. */
export interface Finding {
  /** The rule ID from POLICIES.md, e.g. `DL-E1`. */
  rule_id: string;
  status: Status;
  citation: Citation;
  message_zh: string;
  message_en: string;
  /** The facts the rule used (absent facts as `null`). */
  facts: { [name: string]: JsonValue };
  /** Assumptions the engine made; absent when none. */
  assumptions?: string[];
  /** The subject when a check covers several (a worker, a trainee). */
  subject?: string;
}

export interface PolicyRef {
  id: string;
  version: string;
}

/** The answer to an eligibility check. */
export interface Verdict {
  decision: Decision;
  policy: PolicyRef;
  findings: Finding[];
}

// --- Identity (src/identity) -----------------------------------------------

export type Sex = "male" | "female";
export type IdKind = "citizen" | "hong_kong_resident" | "macao_resident" | "taiwan_resident";

/** A checked resident ID number. */
export interface ResidentIdInfo {
  /** The 18-character number (upgraded when a 15-digit one was given). */
  number: string;
  birth_date: DateString;
  sex: Sex;
  address_code: string;
  province_code: string;
  province_name: string | null;
  kind: IdKind;
  upgraded_from_15: boolean;
}

/** How many characters stay visible at each end (default 6 and 4). */
export interface MaskRule {
  head?: number;
  tail?: number;
}

/** A checked unified social credit code. */
export interface CreditCodeInfo {
  code: string;
  registration_authority: string;
  registration_authority_name: string | null;
  category: string;
  category_name: string | null;
  division_code: string;
  province_code: string;
  province_name: string | null;
  organisation_code: string;
  organisation_code_consistent: boolean;
}

// --- Policies ----------------------------------------------------------------

export interface PolicySummary {
  id: string;
  version: string;
  title_zh: string;
  title_en: string;
  /** The number of rules. */
  rules: number;
}

// --- Calendar (src/calendar) -------------------------------------------------

export type UnknownYears = "refuse" | "assume_weekends_only";

/** Options of the calendar queries. */
export interface CalendarOptions {
  /**
   * What to do with a year the calendar does not know: `"refuse"` (the
   * default: the error `calendar.year_unknown`) or `"assume_weekends_only"`
   * (the answer lists the assumption in `assumptions`).
   */
  unknown_years?: UnknownYears;
}

export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";

export interface CalendarDay {
  date: DateString;
  /** `Mon` … `Sun`. */
  weekday: string;
  workday: boolean;
  kind: DayKind;
  /** The holiday the day belongs to (a rest day or a make-up working day of it). */
  holiday: string | null;
  /** True when the day's year is assumed weekends-only. */
  assumed: boolean;
  assumptions: string[];
}

export interface MonthWorkdays {
  year: number;
  month: number;
  count: number;
  dates: DateString[];
  assumptions: string[];
}

export interface WorkdayCount {
  from: DateString;
  to: DateString;
  count: number;
  /** Always true: both ends are counted. */
  inclusive: true;
  assumptions: string[];
}

export interface WorkdayStep {
  date: DateString;
  /** Present for `addWorkdays`. */
  n?: number;
  result: DateString;
  assumptions: string[];
}

/** A State Council holiday notice, as `applyCalendarUpdate` reads it. */
export interface CalendarNotice {
  /** The year the notice arranges (2000–2199). */
  year: number;
  /** The notice's document number or address. */
  source: string;
  holidays: Array<{
    name: string;
    /** Rest days: `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`. */
    off: string[];
    /** Saturdays and Sundays declared working days. */
    workdays?: string[];
  }>;
}

export interface YearUpdate {
  year: number;
  sources: string[];
  holidays: string[];
  off_days: number;
  makeup_workdays: number;
  working_days: number;
  replaced: boolean;
  replaced_sources: string[];
}

export interface CalendarUpdateSummary {
  years: YearUpdate[];
}

// --- Operations (src/api.rs) ---------------------------------------------------

/** Every operation, with its request and its response, as `call` takes them. */
export interface Operations {
  "eligibility": { request: { policy: string; applicant: Applicant }; response: Verdict };
  "id.check": { request: { number: string }; response: ResidentIdInfo };
  "id.mask": { request: { number: string; head?: number; tail?: number }; response: { masked: string } };
  "credit_code.check": { request: { code: string }; response: CreditCodeInfo };
  "policy.lint": { request: { text: string }; response: PolicyRef };
  "policy.list": { request: Record<string, never>; response: { policies: PolicySummary[] } };
  "calendar.day": { request: { date: DateString } & CalendarOptions; response: CalendarDay };
  "calendar.month": { request: { year: number; month: number } & CalendarOptions; response: MonthWorkdays };
  "calendar.count": { request: { from: DateString; to: DateString } & CalendarOptions; response: WorkdayCount };
  "calendar.add": { request: { date: DateString; n: number } & CalendarOptions; response: WorkdayStep };
  "calendar.next": { request: { date: DateString } & CalendarOptions; response: WorkdayStep };
  "calendar.previous": { request: { date: DateString } & CalendarOptions; response: WorkdayStep };
  "policy.load": { request: { text: string }; response: PolicyRef };
  "calendar.update": { request: { text: string }; response: CalendarUpdateSummary };
}

export type OperationName = keyof Operations;

// The generic entry point, typed per operation (declaration merging with the
// generated class). Operations added to the engine later work through the
// second signature before their types are written here.
export interface Engine {
  /**
   * Runs any operation on a plain-object request and returns a plain object.
   * Throws a `PeixunError` (an `Error` with `code`, `path`, `messageZh`,
   * `messageEn`) when the request is refused.
   */
  call<K extends OperationName>(operation: K, request: Operations[K]["request"]): Operations[K]["response"];
  call<K extends string>(operation: Exclude<K, OperationName>, request: object): unknown;
}
