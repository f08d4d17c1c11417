// ---------------------------------------------------------------------------
// peixun: the types of every input and output of the Engine.
//
// This text is written by hand and placed into the generated `peixun.d.ts`
// (crates/peixun-wasm/src/types.d.ts, through a wasm-bindgen TypeScript custom section).
// tests/wasm_types.rs checks its vocabularies and operation list against the
// Rust code; tests/wasm/types/gen-golden-check.mjs checks every golden request
// and answer against `Operations` with `tsc --strict` (object literals, so an
// undeclared property fails as much as a missing one); the package tests
// compile an example against it with `tsc`.
//
// Data keys are snake_case, as in the JSON the engine reads and writes. Money
// is a string ("1800.00"); no value is a bigint. Dates are "YYYY-MM-DD";
// moments are RFC 3339 with a UTC offset ("2024-03-04T08:00:00+08:00").
// ---------------------------------------------------------------------------

/**
 * A calendar date, `YYYY-MM-DD`.
 *
 * @pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$
 */
export type DateString = string;

/**
 * A moment, RFC 3339 **with** a UTC offset (`2024-03-04T08:00:00+08:00` or
 * `…Z`). Answers give it in China Standard Time (`+08:00`).
 */
export type MomentString = string;

/**
 * A time of day in China Standard Time, `HH:MM`.
 *
 * @pattern ^[0-9]{2}:[0-9]{2}$
 */
export type ClockString = string;

/**
 * A whole number: every number the engine reads or writes is one (counts,
 * years, months, sessions, minutes); money and rates are strings.
 *
 * @asType integer
 */
export type Integer = number;

/**
 * An amount of money in yuan, a string: answers give it with two places
 * (`"1800.00"`); requests may give at most two (`"1800"`, `"1800.5"`).
 *
 * @pattern ^\s*-?[0-9]{1,12}(\.[0-9]{1,2})?\s*$
 */
export type Money = string;

/** A decimal number as a string, e.g. a rate `"0.9500"`. */
export type DecimalString = string;

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
  /**
   * Every problem, when there are several (a policy file failing several lint
   * checks); the first is this error itself. Absent when there is only one.
   */
  details?: ProblemDetail[];
}

/** One problem among several (`PeixunError.details`, `ProblemJson.error.details`). */
export interface ProblemDetail {
  code: string;
  path: string;
  message_zh: string;
  message_en: string;
}

/** Why a request was refused, as `handleJson` writes it (snake_case keys). */
export interface Problem extends ProblemDetail {
  /** Every problem, when there are several; absent otherwise. */
  details?: ProblemDetail[];
}

/** An error as `handleJson` returns it: `{"error": {…}}`. */
export interface ProblemJson {
  error: Problem;
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
  | "rural_minimum_allowance"
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
  graduation_year?: Integer | null;
  /** Self-declared: employed at any time since graduating. */
  employed_since_graduation?: boolean | null;
  /** A unit-based social-insurance record since graduation (only the authority knows; a phone leaves it out). */
  unit_social_insurance_record?: boolean | null;
  /** Participations in this programme this year (from the ledger). */
  participations_this_year?: Integer | null;
  dishonest?: boolean | null;
  /** `[]` means none; absent means not stated. */
  key_groups?: KeyGroup[] | null;
  enterprise_employee?: boolean | null;
  /** Local household registration (JZ-D1's 失业人员). */
  local_hukou?: boolean | null;
  /** Able to work (JZ-D1's 失业人员). */
  able_to_work?: boolean | null;
  /** Without work now (JZ-D1's 失业人员). */
  out_of_work?: boolean | null;
  /** Registered as a job seeker at the street or township labour office (JZ-D1's 失业人员). */
  job_seeking_registered?: boolean | null;
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

/** The decision for one subject of a check (a worker an enterprise took on). */
export interface SubjectDecision {
  /** Drawn from that subject's findings alone. */
  decision: Decision;
  /** Who: a masked ID number, a name, or `#n` (the `subject` of its findings). */
  subject: string;
}

/** The answer to an eligibility check. */
export interface Verdict {
  /** The applicant's own decision (from the findings about no particular subject). */
  decision: Decision;
  policy: PolicyRef;
  findings: Finding[];
  /** One decision per subject, in order of first finding; absent when no finding has a subject. */
  subjects?: SubjectDecision[];
}

// --- Identity (src/identity) -----------------------------------------------

export type Sex = "male" | "female";
/** Whose number it is: a citizen's (居民身份证), a Hong Kong, Macao or Taiwan resident's residence permit (居住证), or a foreigner's permanent residence ID card (外国人永久居留身份证). */
export type IdKind =
  | "citizen"
  | "hong_kong_resident"
  | "macao_resident"
  | "taiwan_resident"
  | "foreign_permanent_resident";

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
  head?: Integer;
  tail?: Integer;
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
  rules: Integer;
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

/** A day of the week, as `calendar.day` names it. */
export type Weekday = "Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun";

export interface CalendarDay {
  date: DateString;
  weekday: Weekday;
  workday: boolean;
  kind: DayKind;
  /** The holiday the day belongs to (a rest day or a make-up working day of it). */
  holiday: string | null;
  /** True when the day's year is assumed weekends-only. */
  assumed: boolean;
  assumptions: string[];
}

export interface MonthWorkdays {
  year: Integer;
  month: Integer;
  count: Integer;
  dates: DateString[];
  assumptions: string[];
}

export interface WorkdayCount {
  from: DateString;
  to: DateString;
  count: Integer;
  /** Always true: both ends are counted. */
  inclusive: true;
  assumptions: string[];
}

export interface WorkdayStep {
  date: DateString;
  /** Present for `addWorkdays`. */
  n?: Integer;
  result: DateString;
  assumptions: string[];
}

/** A State Council holiday notice, as `applyCalendarUpdate` reads it. */
export interface CalendarNotice {
  /** The year the notice arranges (2000–2199). */
  year: Integer;
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
  year: Integer;
  sources: string[];
  holidays: string[];
  off_days: Integer;
  makeup_workdays: Integer;
  working_days: Integer;
  replaced: boolean;
  replaced_sources: string[];
}

export interface CalendarUpdateSummary {
  years: YearUpdate[];
}

// --- Attendance (src/rules/attendance) ----------------------------------------
// Unknown fields are refused everywhere. A record that is absent (or null)
// makes the rules that need it "unknown"; an empty list means "there are none".

/** A check that is not about eligibility: pass, fail or needs review. */
export type Assessment = "pass" | "fail" | "needs_review";

export type PunchKind = "sign_in" | "sign_out";
export type PunchMethod = "face_device" | "voucher_qr" | "manual";
export type ExceptionReason = "device_failure" | "unable_to_punch" | "other";
export type LeaveKind = "sick" | "personal";

/** How a session is taught (IP-A1). */
export type SessionMode = "online" | "offline";

/** One session of a training day, in China Standard Time. */
export interface Session {
  start: ClockString;
  end: ClockString;
  /** Online or offline: with `lessons` on every session, IP-A1 counts the hours from the timetable. */
  mode?: SessionMode | null;
  /** The lessons (课时) the session holds. */
  lessons?: Integer | null;
}

/** A class (班期) and its filed schedule. */
export interface ClassSchedule {
  /** The class's ID or name, e.g. `2023年大数据开发专业1班期`. */
  id: string;
  /** The major (for the per-major duration of DL-T1). */
  major?: string | null;
  /** First day of training. */
  start: DateString;
  /** Last day of training. */
  end: DateString;
  /** The sessions of each training day, in order. */
  sessions: Session[];
  /** The filed training days; absent: every working day from `start` to `end`. */
  days?: DateString[] | null;
  /** A partial timetable: the last day `days` covers (absent: `days` is the whole timetable). */
  days_through?: DateString | null;
  lessons_per_day?: Integer | null;
  lesson_minutes?: Integer | null;
  /** Online theory hours (课时) (IP-A1), compared with the timetable's. */
  online_hours?: Integer | null;
  /** Offline hours (课时) (IP-A1), compared with the timetable's. */
  offline_hours?: Integer | null;
  /** Practical skills training (IP-A1 caps only that). */
  practical?: boolean | null;
  /** A classified class (涉密班期; LC-S2 exempts it). */
  classified?: boolean | null;
}

/** A trainee on the roster. */
export interface Trainee {
  /** The key punches and records use (a roster number, a masked ID…). */
  id: string;
  name?: string | null;
}

/** One check-in punch. */
export interface Punch {
  /** The trainee's key. */
  trainee: string;
  /** The class the punch was made for; absent means this class. */
  class?: string | null;
  at: MomentString;
  kind: PunchKind;
  method?: PunchMethod | null;
  device?: string | null;
}

/** The written note behind a punch exception (`null` or absent: not stated). */
export interface ExceptionNote {
  manager_signature?: boolean | null;
  stamp?: boolean | null;
  trainee_signature?: boolean | null;
}

/** A session (or a whole day) a trainee could not punch (FS-A4). */
export interface PunchException {
  trainee: string;
  date: DateString;
  /** The session, from 1; absent for every session of the day. */
  session?: Integer | null;
  reason: ExceptionReason;
  note?: ExceptionNote | null;
}

/** Approved sick or personal leave for a session or a whole day. */
export interface Leave {
  trainee: string;
  date: DateString;
  /** The session, from 1; absent for every session of the day. */
  session?: Integer | null;
  kind: LeaveKind;
}

/** One day's attendance report (日出勤情况报告单, FS-A3). */
export interface DailyReport {
  date: DateString;
  /** When it was filed (上报时间). */
  filed_at: MomentString;
  enrolled: Integer;
  present: Integer;
  sick_leave: Integer;
  personal_leave: Integer;
  notes?: string | null;
}

export interface RemoteCheck {
  date: DateString;
  signed: boolean;
  supervisor?: string | null;
}

export interface OnsiteInspection {
  date: DateString;
  inspectors: string[];
}

/** The centre's supervision log for the class (FS-M1). */
export interface SupervisionLog {
  /** Methods used besides the logged checks (`onsite`, `remote`, `video_review`, …). */
  methods?: string[];
  remote_checks?: RemoteCheck[];
  onsite_inspections?: OnsiteInspection[];
}

/** One class video (FS-C2). */
export interface Video {
  id: string;
  date: DateString;
  /** Its length in whole minutes. */
  minutes: Integer;
}

/** The request of `attendance`: everything about one class's attendance. */
export interface AttendanceRequest {
  policy: string;
  /**
   * A year with no holiday notice: `"refuse"` (the default: the error
   * `calendar.year_unknown`) or `"assume_weekends_only"` (flagged in the findings).
   */
  unknown_years?: UnknownYears;
  /** Count attendance up to this day, included (a class in progress). */
  as_of?: DateString | null;
  class: ClassSchedule;
  trainees?: Trainee[];
  /** Check-in punches, in any order. */
  punches?: Punch[];
  exceptions?: PunchException[];
  leave?: Leave[];
  daily_reports?: DailyReport[] | null;
  supervision?: SupervisionLog | null;
  /** The institution's number of violations so far (FS-M2). */
  violations?: Integer | null;
  videos?: Video[] | null;
}

/** The class as the attendance report sees it. */
export interface ClassSummary {
  id: string;
  start: DateString;
  end: DateString;
  sessions: Session[];
  training_days: DateString[];
  as_of: DateString | null;
  counted_days: Integer;
  expected_sessions: Integer;
  /** The make-up working days (调休上班) among the training days. */
  makeup_days: DateString[];
}

/** One trainee's attendance. */
export interface TraineeAttendance {
  trainee: string;
  /** Present when the roster gives it. */
  name?: string;
  expected_sessions: Integer;
  attended_sessions: Integer;
  excepted_sessions: Integer;
  sick_leave: Integer;
  personal_leave: Integer;
  undetermined_sessions: Integer;
  missed_sessions: Integer;
  /** The rate's numerator. */
  counted_sessions: Integer;
  /** The rate's denominator. */
  rate_base: Integer;
  attended_days: Integer;
  /** `counted_sessions / rate_base`, four places (`"0.9500"`). */
  rate: DecimalString;
  threshold: DecimalString | null;
  meets_threshold: boolean | null;
  status: Status | null;
  /** The threshold rule (`DL-T4`, `FS-A1`). */
  rule: string | null;
  /** How the threshold rule counts approved leave. */
  leave_choice: "counts_as_attended" | "counts_as_absent";
  /** How the policy counts a session excepted from punching (`not_assessed`: it does not say). */
  exception_choice: "attended" | "excused" | "not_assessed";
}

/**
 * Why a punch does not count: refused (`other_class` … `duplicate`, `after_as_of`),
 * `incomplete` (its partner is missing), or undetermined (`method_unstated`: a
 * method not stated where the policy accepts only some; `partner_unstated`: its
 * partner is such a punch).
 */
export type PunchReason =
  | "other_class"
  | "unknown_trainee"
  | "method"
  | "non_training_day"
  | "outside_window"
  | "out_of_order"
  | "duplicate"
  | "after_as_of"
  | "incomplete"
  | "method_unstated"
  | "partner_unstated";

/** One punch that does not count, and why. */
export interface ReportedPunch {
  /** Its index in the request's `punches`. */
  punch: Integer;
  reason: PunchReason;
}

/** What became of the punches: `counted + rejected + incomplete + undetermined = total`. */
export interface PunchSummary {
  total: Integer;
  counted: Integer;
  rejected: Integer;
  incomplete: Integer;
  /** Neither counted nor refused (a method not stated where the policy accepts only some); absent when none. */
  undetermined?: Integer;
  /** How many punches for each reason that occurs. */
  by_reason: { [reason in PunchReason]?: Integer };
  reported: ReportedPunch[];
}

export interface DayCounts {
  enrolled: Integer;
  present: Integer;
  sick_leave: Integer;
  personal_leave: Integer;
}

/** One training day: observed and reported counts. */
export interface DailyLine {
  date: DateString;
  observed: DayCounts;
  reported: DayCounts | null;
  filed_at: MomentString | null;
  /** What the records proved when the report was filed (FS-A3 compares with it); only with a report. */
  at_filing?: DayCounts;
  /** Trainees present that day who signed in only after the report was filed; absent when none. */
  after_filing?: string[];
}

export type Mark =
  | "attended"
  | "partial"
  | "missed"
  | "leave"
  | "pending"
  | "holiday"
  | "makeup_workday"
  | "not_a_training_day"
  | "upcoming";

export interface SheetDay {
  date: DateString;
  kind: DayKind;
  /** The holiday it belongs to, for holidays and make-up working days. */
  holiday?: string;
  training: boolean;
}

export interface SheetRow {
  trainee: string;
  /** One mark per day of the month. */
  marks: Mark[];
  attended: Integer;
  missed: Integer;
  leave: Integer;
}

/** The monthly sign-in summary sheet (月度考勤签名汇总表). */
export interface MonthSheet {
  /** `YYYY-MM`. */
  month: string;
  days: SheetDay[];
  trainees: SheetRow[];
}

/** The consequence of a number of violations (FS-M2). */
export interface Escalation {
  violations: Integer;
  /** The step reached (`warning`, `interview_person_in_charge`, …), if any. */
  step: string | null;
  consequence_zh: string;
  consequence_en: string;
}

/** The answer of `attendance`. */
export interface AttendanceReport {
  decision: Assessment;
  policy: PolicyRef;
  class: ClassSummary;
  trainees: TraineeAttendance[];
  punches: PunchSummary;
  daily: DailyLine[];
  sheet: MonthSheet[];
  escalation: Escalation | null;
  findings: Finding[];
  /** Present when the report rests on a weekends-only calendar year. */
  assumptions?: string[];
}

/** The request of `punch.check`: may this trainee punch now? */
export interface PunchQuestion {
  policy: string;
  /** As in `AttendanceRequest`. */
  unknown_years?: UnknownYears;
  class: ClassSchedule;
  /** The roster, when known (a trainee not on it is refused). */
  trainees?: Trainee[] | null;
  trainee: string;
  kind: PunchKind;
  at: MomentString;
  /** How the punch would be made; where the policy accepts only some methods, without it the answer is never yes. */
  method?: PunchMethod | null;
}

export type WindowState = "open" | "not_yet_open" | "closed" | "no_session_today" | "class_over" | "unknown_trainee";

/** A session on a day, with the window of the kind asked about. */
export interface SessionRef {
  date: DateString;
  /** From 1. */
  number: Integer;
  start: ClockString;
  end: ClockString;
  window_from: MomentString;
  /** Inclusive. */
  window_until: MomentString;
}

/** The answer of `punch.check`. */
export interface PunchCheck {
  policy: PolicyRef;
  trainee: string;
  kind: PunchKind;
  at: MomentString;
  acceptable: boolean;
  state: WindowState;
  session: SessionRef | null;
  opens_at: MomentString | null;
  closed_at: MomentString | null;
  next_session: SessionRef | null;
  /** The methods that count, when the question states none of them. */
  required_methods?: PunchMethod[];
  findings: Finding[];
  assumptions?: string[];
}

// --- Claims, deadlines, publicity (src/rules/claim, deadlines, publicity.rs) ---

/** A class (班期): only `start` and `end` are required; the other dates are what actually happened. */
export interface ClassInfo {
  name?: string | null;
  /** The name on the online platform (FS-P1: identical). */
  online_name?: string | null;
  major?: string | null;
  start: DateString;
  end: DateString;
  filed_months?: Integer | null;
  /** The class's size (JZ-S1's employment rate is taken over the class, whoever the roster lists). */
  trainees?: Integer | null;
  filed_on?: DateString | null;
  approved_on?: DateString | null;
  enrolment_closed_on?: DateString | null;
  acceptance_applied_on?: DateString | null;
  publicity_start?: DateString | null;
  paid_on?: DateString | null;
  face_recognition?: boolean | null;
  remote_video?: boolean | null;
  classified?: boolean | null;
  /** Sessions on each training day: with the working days from start to end, every trainee's expected sessions. */
  sessions_per_day?: Integer | null;
  /** The filed timetable (课程表): DL-T2, DL-T3 and FS-A1's working days and lessons are checked on it, and are unknown without it. A claim with raw attendance gives it as `attendance.class` instead. */
  timetable?: ClassTimetable | null;
}

/** A class's filed timetable as a claim carries it (read as `ClassSchedule` reads the same fields). */
export interface ClassTimetable {
  /** The sessions of each training day, in order. */
  sessions: Session[];
  /** The training days it lists; absent: every working day from the class's `start` to its `end`. */
  days?: DateString[] | null;
  /** A partial timetable: the last day `days` covers. */
  days_through?: DateString | null;
  lessons_per_day?: Integer | null;
  lesson_minutes?: Integer | null;
}

/** The training institution as a claim describes it. */
export interface InstitutionInfo {
  name?: string | null;
  /** Checked when given. */
  credit_code?: string | null;
  in_catalogue?: boolean | null;
  premises_verified?: boolean | null;
  premises_college?: string | null;
  /** Where the class trains, as the register of verified premises writes the address (FS-I2). */
  premises?: string | null;
  college?: boolean | null;
  suspended?: boolean | null;
  dishonest?: boolean | null;
  majors?: string[] | null;
}

/** A trainee's attendance in a claim: a summary, counted in sessions. */
export interface AttendanceSummary {
  kind?: "summary";
  expected_sessions: Integer;
  attended_sessions: Integer;
  attended_days: Integer;
  sick_leave?: Integer;
  personal_leave?: Integer;
}

/** A trainee's attendance as raw punches: their key in the claim's `attendance`. */
export interface AttendancePunchesKey {
  kind: "punches";
  /** The key the punches, leave and exceptions use (a roster number, not the ID number). */
  key: string;
}

/** A class's raw attendance carried by a claim: every trainee's attendance is recomputed from it. */
export interface ClaimAttendance {
  /** The filed schedule (the `class` of `attendance`); its dates must be the claim's class's. */
  class: ClassSchedule;
  punches?: Punch[];
  exceptions?: PunchException[];
  leave?: Leave[];
}

export interface CertificateHeld {
  type: Certificate;
  /** Obtained at a first appraisal (初次鉴定, DL-S2). */
  first_time?: boolean | null;
}

/** An information check (FS-V1): done or not, or the date it was done. */
export type CheckDone = boolean | DateString;

export interface InformationChecksDone {
  before_start?: CheckDone | null;
  at_end?: CheckDone | null;
}

/** DL-P2's verification of the "not employed" status: `true` (done before opening), `false`, or the date. */
export interface NotEmployedVerified {
  institution?: CheckDone | null;
  district?: CheckDone | null;
}

/** Amounts claimed by amount rule ID: `{"DL-S1": "7200.00"}`. */
export type ClaimedAmounts = { [rule_id: string]: Money };

/** One trainee of a claim. */
export interface ClaimTrainee {
  name: string;
  /** Checked; masked in findings. */
  id_number: string;
  /** Eligibility facts in the applicant format (`kind` optional). */
  eligibility?: Omit<PersonApplicant, "kind"> & { kind?: "person" };
  school?: string | null;
  school_in_city?: boolean | null;
  enrolled_on?: DateString | null;
  /** A summary, or (when the claim carries raw attendance) the trainee's punches key. */
  attendance?: AttendanceSummary | AttendancePunchesKey | null;
  /** `[]` means none; absent means not stated. */
  certificates?: CertificateHeld[] | null;
  documents?: string[] | null;
  information_checks?: InformationChecksDone | null;
  /** On the student-status roster stamped by the school (DL-P2, the class of 2024). */
  stamped_roster?: boolean | null;
  /** Who verified the "not employed" status before training (DL-P2). */
  not_employed_verified?: NotEmployedVerified | null;
  system_record?: boolean | null;
  employed_after_training?: boolean | null;
  /** The monthly income of that employment, yuan (JZ-D1: not below the local minimum living standard). */
  income_after_training?: Money | null;
  offline_practice_local?: boolean | null;
  ui_skill_upgrade_eligible?: boolean | null;
  claimed?: ClaimedAmounts;
}

/** A worker an enterprise claims for (LC-S1). */
export interface ClaimWorker {
  name: string;
  id_number: string;
  first_contribution?: DateString | null;
  dispatched?: boolean | null;
  /** Months on the job with contributions, as evidenced. */
  months?: Integer | null;
  claimed?: ClaimedAmounts;
}

export interface ClaimEnterprise {
  name?: string | null;
  credit_code?: string | null;
  size?: EnterpriseSize | null;
  sector?: Sector | null;
  workers?: ClaimWorker[];
}

/** A subsidy claim: the request of `claim.verify`. */
export interface Claim {
  policy: string;
  class?: ClassInfo | null;
  institution?: InstitutionInfo | null;
  trainees?: ClaimTrainee[];
  enterprise?: ClaimEnterprise | null;
  /** Documents handed in with the claim (IP-P2). */
  documents?: string[] | null;
  /** Raw attendance: the schedule and the punches, from which attendance is recomputed. */
  attendance?: ClaimAttendance | null;
  /** The total asked for: compared, never used. */
  claimed_total: Money;
  unknown_years?: UnknownYears;
}

export type ClaimDecision = "accept" | "reject" | "needs_review";

/** One line of a claim: a finding with the money. */
export interface ClaimLine extends Finding {
  /** The trainee's or worker's position in the claim, from 1. */
  row: Integer;
  /** Recomputed, rounded once to the fen. */
  amount: Money;
  claimed: Money | null;
  arithmetic_zh: string | null;
  arithmetic_en: string | null;
}

export interface ClaimTotals {
  recomputed: Money;
  claimed_lines: Money;
  claimed: Money;
  status: Status;
  message_zh: string;
  message_en: string;
}

export interface PersonReport {
  /** From 1. */
  row: Integer;
  name: string;
  /** Masked. */
  id_number: string;
  total: Money;
  claimed: Money;
  findings: Finding[];
  lines: ClaimLine[];
}

/** The answer of `claim.verify`. */
export interface ClaimReport {
  decision: ClaimDecision;
  policy: PolicyRef;
  /** The recomputed total. */
  total: Money;
  totals: ClaimTotals;
  findings: Finding[];
  trainees: PersonReport[];
  /** The enterprise's workers (LC-S1); absent when none. */
  workers?: PersonReport[];
  /** Present when the claim carries raw attendance. */
  attendance?: ClaimAttendanceReport;
}

/** What was recomputed from a claim's raw attendance. */
export interface ClaimAttendanceReport {
  /** The attendance check's own decision; it does not decide the claim. */
  decision: Assessment;
  class: ClassSummary;
  punches: PunchSummary;
  /** The attendance findings about no trainee of the claim (the schedule, unknown keys). */
  findings: Finding[];
}

/** The request of `deadlines.plan`. */
export interface PlanRequest {
  policy: string;
  /** Proposed `start` and `end`, and any dates already known. */
  class: ClassInfo;
  unknown_years?: UnknownYears;
}

export type DeadlineKind =
  | "file_by"
  | "enrol_by"
  | "last_opening"
  | "apply_for_acceptance_by"
  | "information_check_before_start"
  | "information_check_at_end"
  | "publicity_ends"
  | "finish_by"
  | "pay_by"
  | "archive_until"
  | "follow_up";

export interface Deadline {
  rule_id: string;
  citation: Citation;
  what: DeadlineKind;
  /** `null` when it needs a date the request did not give. */
  date: DateString | null;
  workday: boolean | null;
  message_zh: string;
  message_en: string;
  facts: { [name: string]: JsonValue };
  assumptions?: string[];
}

/** The answer of `deadlines.plan`. */
export interface DeadlinePlan {
  policy: PolicyRef;
  start: DateString;
  end: DateString;
  /** By date; undated ones last. */
  deadlines: Deadline[];
  findings: Finding[];
}

// --- Plans (src/rules/plan.rs) ---------------------------------------------------

/** People planned and people trained in the year. */
export interface PlanFigures {
  planned?: Integer | null;
  /** So far; the year's figure once `as_of` is after 31 December. */
  trained?: Integer | null;
}

/** One local brand of a county (一县一品, JZ-S4). */
export interface BrandPlan {
  brand?: string | null;
  planned?: Integer | null;
  trained?: Integer | null;
}

/** One county's figures for the year. */
export interface CountyPlan {
  /** As the deployment's table of annual plans writes it. */
  county?: string | null;
  /** The annual plan figure the county states (JZ-P3's base); compared with the deployment's table. */
  annual_plan?: Integer | null;
  /** Staff of the county's own (县(区、市)属) enterprises. */
  county_enterprise_staff?: PlanFigures | null;
  brands?: BrandPlan[] | null;
}

/** The request of `plan.check`. */
export interface PlanCheckRequest {
  policy: string;
  /** 2000–2199. */
  year?: Integer | null;
  /** The day the trained figures were counted. */
  as_of?: DateString | null;
  counties?: CountyPlan[];
}

export interface CountyDecision {
  /** The county's name, or `#n`. */
  county: string;
  decision: Assessment;
}

/** The answer of `plan.check`. */
export interface PlanCheck {
  policy: PolicyRef;
  year: Integer | null;
  as_of: DateString | null;
  decision: Assessment;
  counties: CountyDecision[];
  /** County by county; a brand's finding has the subject `county/brand`. */
  findings: Finding[];
}

/** The request of `publicity.list` and `publicity.csv`. */
export interface PublicityRequest {
  claim: Claim;
  /** The first day of publicity. */
  start: DateString;
}

export interface PublicityRow {
  /** From 1. */
  row: Integer;
  name: string;
  /** Masked. */
  id_number: string;
  /** The amount per rule. */
  items: { [rule_id: string]: Money };
  amount: Money;
}

/** The answer of `publicity.list`. */
export interface PublicityList {
  policy: PolicyRef;
  rule_id: string | null;
  citation: Citation | null;
  institution: string | null;
  class: string | null;
  start: DateString;
  /** `null` when the policy states no period. */
  end: DateString | null;
  working_days: Integer | null;
  mask: Required<MaskRule>;
  /** Publish only an accepted claim. */
  decision: ClaimDecision;
  /** The people with a recomputed amount above zero. */
  rows: PublicityRow[];
  total: Money;
  message_zh: string;
  message_en: string;
  assumptions?: string[];
}

// --- Vouchers (src/voucher) ----------------------------------------------------

/** One trusted public key. */
export interface TrustedKeyJson {
  key_id: string;
  algorithm: "ed25519";
  /** base64url, 32 bytes. */
  public_key: string;
  status: "active" | "retired";
  /** For a retired key: the last moment it signed. */
  retired_after?: MomentString;
}

/** The trusted key set. */
export interface KeySetJson {
  keys: TrustedKeyJson[];
}

/** The request of `voucher.verify`. Give `holder_id_number` with `holder_key`, or `holder`, or neither. */
export interface VoucherVerifyRequest {
  /** The token from the QR code. */
  token: string;
  keys: KeySetJson;
  /** The moment of the check. */
  at: MomentString;
  holder_id_number?: string | null;
  /** The deployment's holder key, base64url. */
  holder_key?: string | null;
  /** The holder pseudonym, 32 hexadecimal digits. */
  holder?: string | null;
  /** The institution's credit code. */
  institution?: string | null;
  major?: string | null;
  policy?: string | null;
  /** Revoked voucher IDs. */
  revoked?: string[];
}

export type FaceValue = { kind: "per_policy" } | { kind: "amount"; yuan: Money };

/** A voucher's decoded fields (the holder as its pseudonym). */
export interface VoucherView {
  version: Integer;
  key_id: string;
  voucher_id: string;
  policy: string;
  /** 32 hexadecimal digits, never the ID number. */
  holder: string;
  institution: string | null;
  major: string;
  face_value: FaceValue;
  valid_from: DateString;
  valid_until: DateString;
  issued_at: MomentString;
}

/** Why a voucher is not accepted. */
export type VoucherFailureCode =
  | "voucher.bad_encoding"
  | "voucher.unknown_key"
  | "voucher.bad_signature"
  | "voucher.key_retired"
  | "voucher.not_yet_valid"
  | "voucher.expired"
  | "voucher.revoked"
  | "voucher.wrong_holder"
  | "voucher.wrong_institution"
  | "voucher.wrong_major"
  | "voucher.wrong_policy";

/** A check `voucher.verify` runs (`Verification.checked` lists those that ran, in order). */
export type VoucherCheck =
  | "signature"
  | "key_status"
  | "validity"
  | "revocation"
  | "holder"
  | "institution"
  | "major"
  | "policy";

/** The kind of rule (a policy's rule kind) a voucher failure puts in question. */
export type VoucherRuleKind = "no_record_no_subsidy" | "voucher_lifecycle" | "punch_windows" | "class_opening";

export interface VoucherFailure {
  code: VoucherFailureCode;
  message_zh: string;
  message_en: string;
  /** The kind of rule the failure puts in question; absent for the major and the policy. */
  rule_kind?: VoucherRuleKind;
  /** The programme whose rules were looked in: the voucher's own when its signature holds, else the policy the request checks for. */
  policy?: string;
  /** That programme's rule of that kind, with its clause. */
  rule_id?: string;
  citation?: Citation;
  /** No rule cited, and why (the programme has none of that kind, is not loaded, or cannot be established); no other programme's rule stands in. */
  no_rule?: { message_zh: string; message_en: string };
}

/** What a token says when its signature does not hold (or its key was retired when it signed): never the voucher's fields. */
export interface UnverifiedVoucher {
  fields: VoucherView;
  message_zh: string;
  message_en: string;
}

/** The answer of `voucher.verify`. */
export interface Verification {
  valid: boolean;
  /** Empty when valid. */
  failures: VoucherFailure[];
  key_id: string | null;
  signature_valid: boolean;
  /** The checks that ran. */
  checked: VoucherCheck[];
  at: MomentString;
  /** The China date of `at`. */
  date: DateString;
  /** The voucher's fields, only when the authority's signature holds and its key was allowed to sign. */
  voucher: VoucherView | null;
  /** A decoded token whose signature does not hold: its fields, marked unverified. */
  unverified?: UnverifiedVoucher;
  message_zh: string;
  message_en: string;
}

export type VoucherEventName =
  | "apply"
  | "issue"
  | "claim"
  | "check_in"
  | "evaluate"
  | "redeem"
  | "write_off"
  | "expire"
  | "revoke";

interface VoucherEventBase {
  /** Unique in the log; a repeated ID is the same event delivered twice. */
  event_id: string;
  voucher_id: string;
  /** Recorded, not used to order: the log's order is the truth. */
  at?: MomentString | null;
}

/** One entry of a voucher log; the kind's data sits beside the common fields. */
export type VoucherEvent =
  | (VoucherEventBase & { kind: "apply"; holder: string })
  | (VoucherEventBase & { kind: "claim"; institution?: string | null })
  /** The step 培训(评价) is complete; each result only when the evaluation established it. */
  | (VoucherEventBase & { kind: "evaluate"; certificate?: boolean | null; attendance_met?: boolean | null })
  | (VoucherEventBase & { kind: "revoke"; reason?: string | null })
  | (VoucherEventBase & { kind: "issue" | "check_in" | "redeem" | "write_off" | "expire" });

/** What a voucher's redemption may require of the latest evaluation (`redeem_requires`). */
export type RedeemCondition = "certificate" | "attendance_met";

/** The lifecycle rules a request states for a policy without a `voucher_lifecycle` rule; what it leaves out is the default. */
export interface LifecycleRules {
  one_active_per_person: boolean;
  /** Default: both conditions. */
  redeem_requires?: RedeemCondition[];
  /** Default: true (the voucher is claimed at the institution before a check-in). */
  claim_before_training?: boolean;
  /** Default: true (an evaluation only after a check-in). */
  training_before_evaluation?: boolean;
}

/** The request of `voucher.replay`. */
export interface VoucherReplayRequest {
  policy: string;
  events: VoucherEvent[];
  /** For a policy without a `voucher_lifecycle` rule; one that has it may not be contradicted. */
  lifecycle?: LifecycleRules | null;
}

export type VoucherState =
  | "applied"
  | "issued"
  | "claimed"
  | "in_training"
  | "evaluated"
  | "redeemed"
  | "written_off"
  | "expired"
  | "revoked";

export interface VoucherRecord {
  voucher_id: string;
  holder: string;
  state: VoucherState;
  institution: string | null;
  check_ins: Integer;
  certificate: boolean | null;
  attendance_met: boolean | null;
  revoke_reason: string | null;
  /** The IDs of the events applied to it, in order. */
  events: string[];
}

/** The answer of `voucher.replay`. */
export interface VoucherReplay {
  policy: PolicyRef;
  /** The lifecycle parameters in force, and where they came from. */
  lifecycle: {
    one_active_per_person: boolean;
    redeem_requires: RedeemCondition[];
    claim_before_training: boolean;
    training_before_evaluation: boolean;
    source:
      | { from: "policy"; rule_id: string; clause: string }
      /** The policy has no lifecycle rule: the messages say so, and no other programme's rule is cited. */
      | { from: "request" | "default"; message_zh: string; message_en: string };
  };
  /** Events in the request. */
  events: Integer;
  applied: Integer;
  duplicates: Integer;
  vouchers: VoucherRecord[];
  /** The IDs of revoked vouchers. */
  revoked: string[];
}

// --- Operations (src/api.rs) ---------------------------------------------------

/** Every operation, with its request and its response, as `call` takes them. */
export interface Operations {
  "eligibility": { request: { policy: string; applicant: Applicant }; response: Verdict };
  "id.check": { request: { number: string }; response: ResidentIdInfo };
  "id.mask": { request: { number: string; head?: Integer; tail?: Integer }; response: { masked: string } };
  "credit_code.check": { request: { code: string }; response: CreditCodeInfo };
  "policy.lint": { request: { text: string }; response: PolicyRef };
  "policy.list": { request: Record<string, never>; response: { policies: PolicySummary[] } };
  "calendar.day": { request: { date: DateString } & CalendarOptions; response: CalendarDay };
  "calendar.month": { request: { year: Integer; month: Integer } & CalendarOptions; response: MonthWorkdays };
  "calendar.count": { request: { from: DateString; to: DateString } & CalendarOptions; response: WorkdayCount };
  "calendar.add": { request: { date: DateString; n: Integer } & CalendarOptions; response: WorkdayStep };
  "calendar.next": { request: { date: DateString } & CalendarOptions; response: WorkdayStep };
  "calendar.previous": { request: { date: DateString } & CalendarOptions; response: WorkdayStep };
  "attendance": { request: AttendanceRequest; response: AttendanceReport };
  "punch.check": { request: PunchQuestion; response: PunchCheck };
  "voucher.verify": { request: VoucherVerifyRequest; response: Verification };
  "voucher.replay": { request: VoucherReplayRequest; response: VoucherReplay };
  "deadlines.plan": { request: PlanRequest; response: DeadlinePlan };
  "plan.check": { request: PlanCheckRequest; response: PlanCheck };
  "claim.verify": { request: Claim; response: ClaimReport };
  "publicity.list": { request: PublicityRequest; response: PublicityList };
  "publicity.csv": { request: PublicityRequest; response: { csv: string } };
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
