//! One entry point for every surface: an operation name and a JSON request in,
//! canonical JSON out.
//!
//! The golden corpus, the WebAssembly module and the server all call
//! [`Engine::handle`], so the same request gives the same bytes everywhere.
//!
//! | operation | request | response |
//! |---|---|---|
//! | `eligibility` | `{"policy": id, "applicant": {…}}` | a verdict |
//! | `attendance` | `{"policy": id, "class": {…}, "trainees": […], "punches": […], …}` (see [`AttendanceInput`]) | an attendance report |
//! | `punch.check` | `{"policy": id, "class": {…}, "trainee": "…", "kind": "sign_in", "at": "…+08:00"}` (see [`PunchQuestion`]) | whether the punch is acceptable now, and when the window opens |
//! | `id.check` | `{"number": "…"}` | the parsed ID number, or an `id.*` error |
//! | `id.mask` | `{"number": "…", "head": 6, "tail": 4}` | `{"masked": "…"}` |
//! | `credit_code.check` | `{"code": "…"}` | the parsed code, or a `uscc.*` error |
//! | `policy.lint` | `{"text": "…"}` | `{"id", "version"}`, or a `policy.*` error |
//! | `policy.list` | `{}` | the loaded policies |
//! | `voucher.verify` | `{"token", "keys", "at", "holder_id_number"?, "holder_key"?, "holder"?, "institution"?, "major"?, "policy"?, "revoked"?}` | a [`Verification`](crate::voucher::Verification) |
//! | `voucher.replay` | `{"policy", "events": […], "lifecycle"?}` | each voucher's state, or the refused event's `lifecycle.*` error |
//! | `deadlines.plan` | `{"policy": id, "class": {"start", "end", …}, "unknown_years"?}` | every deadline, and findings for the dates given |
//! | `plan.check` | `{"policy": id, "year"?, "as_of"?, "counties": [{"county"?, "annual_plan"?, "county_enterprise_staff"?: {"planned"?, "trained"?}, "brands"?: [{"brand"?, "planned"?, "trained"?}]}]}` (see [`PlanCheckRequest`](crate::rules::plan::PlanCheckRequest)) | a year's plan against JZ-S4 and JZ-P3: a decision, each county's, and the findings per county and brand |
//! | `claim.verify` | a claim (see [`crate::rules::claim::Claim`]) | the report: decision, recomputed total, lines, findings |
//! | `publicity.list` | `{"claim": {…}, "start": "YYYY-MM-DD"}` | the publicity list with its end date |
//! | `publicity.csv` | the same | `{"csv": "…"}`: the list as CSV (UTF-8 with BOM) |
//! | `calendar.day` | `{"date": "2023-10-07"}` | `{"date", "weekday", "workday", "kind", "holiday", "assumed", "assumptions"}` |
//! | `calendar.month` | `{"year": 2023, "month": 10}` | `{"year", "month", "count", "dates", "assumptions"}` |
//! | `calendar.count` | `{"from": "…", "to": "…"}` (both included) | `{"from", "to", "count", "inclusive", "assumptions"}` |
//! | `calendar.add` | `{"date": "…", "n": 5}` (`n` may be negative) | `{"date", "n", "result", "assumptions"}` |
//! | `calendar.next` | `{"date": "…"}` | `{"date", "result", "assumptions"}`: the first working day after |
//! | `calendar.previous` | `{"date": "…"}` | `{"date", "result", "assumptions"}`: the last working day before |
//!
//! Every `calendar.*` request may add `"unknown_years": "assume_weekends_only"`
//! to take a year the calendar does not know as weekends only; the answer then
//! lists the assumption in `assumptions` (empty otherwise). Without it an
//! unknown year is the error `calendar.year_unknown`. Calendar errors carry
//! their `calendar.*` codes (`calendar.bad_month`, `calendar.range_reversed`,
//! `calendar.too_far`, `calendar.not_a_workday`); a bad date is
//! `input.invalid_date` at the field's path.
//!
//! Two operations change the engine and so go through [`Engine::handle_mut`]
//! (listed in [`MUTATING_OPERATIONS`]):
//!
//! | operation | request | response |
//! |---|---|---|
//! | `policy.load` | `{"text": "…"}` (TOML or JSON) | `{"id", "version"}`, or a `policy.*` error |
//! | `calendar.update` | `{"text": "…"}` (a notice as JSON, or table text) | `{"years": [{"year", "sources", "holidays", "off_days", "makeup_workdays", "working_days", "replaced", "replaced_sources"}]}` |
//!
//! The paths of errors inside `text` are paths in that text (`$.holidays[0].off[1]`,
//! `line 3`), not in the request.
//!
//! Errors are returned as [`Problem`]s; [`Engine::handle_to_json`] turns them
//! into `{"error": {…}}` so that callers comparing bytes compare errors too.
//!
//! Every operation is listed in [`OPERATIONS`]; a surface that enumerates
//! operations (the WebAssembly module's `operations()`, its garbage test) reads
//! that list, so a new operation goes there too.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::calendar::{Calendar, CalendarError, UnknownYears};
use crate::canonical;
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::input;
use crate::rules::attendance::{AttendanceInput, PunchQuestion};
use crate::rules::eligibility::Applicant;

/// Every operation [`Engine::handle_mut`] knows (those of [`Engine::handle`]
/// and the [`MUTATING_OPERATIONS`]).
///
/// ```
/// let mut engine = peixun::engine::Engine::new().unwrap();
/// for op in peixun::api::OPERATIONS {
///     let out = engine.handle_mut_to_json(op, "{}");
///     assert!(!out.contains("api.unknown_operation"), "{op}");
/// }
/// ```
pub const OPERATIONS: &[&str] = &[
    "eligibility",
    "id.check",
    "id.mask",
    "credit_code.check",
    "policy.lint",
    "policy.list",
    "calendar.day",
    "calendar.month",
    "calendar.count",
    "calendar.add",
    "calendar.next",
    "calendar.previous",
    "attendance",
    "punch.check",
    "voucher.verify",
    "voucher.replay",
    "deadlines.plan",
    "plan.check",
    "claim.verify",
    "publicity.list",
    "publicity.csv",
    "policy.load",
    "calendar.update",
];

/// The operations that change the engine: only [`Engine::handle_mut`] runs them.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let err = engine.handle("calendar.update", r#"{"text": ""}"#).unwrap_err();
/// assert_eq!(err.code, "api.read_only");
/// ```
pub const MUTATING_OPERATIONS: &[&str] = &["policy.load", "calendar.update"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EligibilityRequest {
    policy: String,
    applicant: Applicant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberRequest {
    number: String,
    // u32, not usize: the same numbers must be accepted natively and in wasm32.
    #[serde(default)]
    head: Option<u32>,
    #[serde(default)]
    tail: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRequest {
    code: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextRequest {
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayRequest {
    #[serde(with = "crate::input::date")]
    date: NaiveDate,
    #[serde(default)]
    unknown_years: Option<UnknownYears>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthRequest {
    year: i32,
    month: u32,
    #[serde(default)]
    unknown_years: Option<UnknownYears>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeRequest {
    #[serde(with = "crate::input::date")]
    from: NaiveDate,
    #[serde(with = "crate::input::date")]
    to: NaiveDate,
    #[serde(default)]
    unknown_years: Option<UnknownYears>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddRequest {
    #[serde(with = "crate::input::date")]
    date: NaiveDate,
    n: i32,
    #[serde(default)]
    unknown_years: Option<UnknownYears>,
}

fn calendar_problem(e: CalendarError) -> Problem {
    e.problem()
}

/// `{"error": problem}`: the answer of `handle_to_json`, of the WebAssembly
/// `handleJson` and of the server (its error bodies) to a refused request.
///
/// ```
/// let p = peixun::error::Problem::new("x.y", "$.a", "中", "en");
/// assert_eq!(
///     peixun::api::error_answer(&p),
///     r#"{"error":{"code":"x.y","message_en":"en","message_zh":"中","path":"$.a"}}"#
/// );
/// ```
pub fn error_answer(problem: &Problem) -> String {
    canonical::to_string(&answers::Refused { error: problem })
}

/// The shapes of the answers this module writes itself, each field in key
/// order (canonical JSON then has nothing to reorder).
mod answers {
    use chrono::NaiveDate;
    use serde::Serialize;

    use crate::calendar::DayKind;
    use crate::error::Problem;

    #[derive(Serialize)]
    pub(super) struct Refused<'a> {
        pub error: &'a Problem,
    }

    #[derive(Serialize)]
    pub(super) struct Day<'a> {
        pub assumed: bool,
        pub assumptions: Vec<String>,
        pub date: NaiveDate,
        pub holiday: Option<&'a str>,
        pub kind: DayKind,
        pub weekday: &'static str,
        pub workday: bool,
    }

    #[derive(Serialize)]
    pub(super) struct Month<'a> {
        pub assumptions: Vec<String>,
        pub count: usize,
        pub dates: &'a [NaiveDate],
        pub month: u32,
        pub year: i32,
    }

    #[derive(Serialize)]
    pub(super) struct Count {
        pub assumptions: Vec<String>,
        pub count: u32,
        pub from: NaiveDate,
        pub inclusive: bool,
        pub to: NaiveDate,
    }

    #[derive(Serialize)]
    pub(super) struct Added {
        pub assumptions: Vec<String>,
        pub date: NaiveDate,
        pub n: i32,
        pub result: NaiveDate,
    }

    #[derive(Serialize)]
    pub(super) struct Stepped {
        pub assumptions: Vec<String>,
        pub date: NaiveDate,
        pub result: NaiveDate,
    }

    #[derive(Serialize)]
    pub(super) struct Masked {
        pub masked: String,
    }

    #[derive(Serialize)]
    pub(super) struct Listed<'a> {
        pub id: &'a str,
        pub rules: usize,
        pub title_en: &'a str,
        pub title_zh: &'a str,
        pub version: &'a str,
    }

    #[derive(Serialize)]
    pub(super) struct Policies<'a> {
        pub policies: Vec<Listed<'a>>,
    }

    #[derive(Serialize)]
    pub(super) struct Csv {
        pub csv: String,
    }
}

fn unknown_operation(op: &str) -> Problem {
    Problem::new(
        "api.unknown_operation",
        "$",
        format!("未知的操作：{op}"),
        format!("unknown operation: {op}"),
    )
}

impl Engine {
    /// The `calendar.*` operations; `None` for any other operation.
    fn handle_calendar(&self, operation: &str, request: &str) -> Option<Result<String, Problem>> {
        let max = self.max_input_bytes();
        let read = |e: input::InputError| e.problem();
        // The years of a range taken as weekends-only, if any (at most one
        // sentence).
        let assumptions = |cal: &Calendar, from: NaiveDate, to: NaiveDate| -> Vec<String> {
            cal.assumption_for(from, to).into_iter().collect()
        };
        let result = match operation {
            "calendar.day" => (|| {
                let req: DayRequest = input::from_json(request, max).map_err(read)?;
                let cal = self.calendar_for(req.unknown_years);
                let info = cal.day(req.date).map_err(calendar_problem)?;
                Ok(canonical::to_string(&answers::Day {
                    assumed: info.assumed,
                    assumptions: assumptions(&cal, req.date, req.date),
                    date: info.date,
                    holiday: info.holiday.as_deref(),
                    kind: info.kind,
                    weekday: input::date::weekday_short(req.date),
                    workday: info.is_workday(),
                }))
            })(),
            "calendar.month" => (|| {
                let req: MonthRequest = input::from_json(request, max).map_err(read)?;
                let cal = self.calendar_for(req.unknown_years);
                let dates = cal
                    .workdays_in_month(req.year, req.month)
                    .map_err(calendar_problem)?;
                let first = NaiveDate::from_ymd_opt(req.year, req.month, 1);
                let last = first
                    .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                    .and_then(|d| d.pred_opt());
                let assumed = match (first, last) {
                    (Some(a), Some(b)) => assumptions(&cal, a, b),
                    _ => Vec::new(),
                };
                Ok(canonical::to_string(&answers::Month {
                    assumptions: assumed,
                    count: dates.len(),
                    dates: &dates,
                    month: req.month,
                    year: req.year,
                }))
            })(),
            "calendar.count" => (|| {
                let req: RangeRequest = input::from_json(request, max).map_err(read)?;
                let cal = self.calendar_for(req.unknown_years);
                let count = cal
                    .count_workdays(req.from, req.to)
                    .map_err(calendar_problem)?;
                Ok(canonical::to_string(&answers::Count {
                    assumptions: assumptions(&cal, req.from, req.to),
                    count,
                    from: req.from,
                    inclusive: true,
                    to: req.to,
                }))
            })(),
            "calendar.add" => (|| {
                let req: AddRequest = input::from_json(request, max).map_err(read)?;
                let cal = self.calendar_for(req.unknown_years);
                let result = cal
                    .add_workdays(req.date, req.n)
                    .map_err(calendar_problem)?;
                Ok(canonical::to_string(&answers::Added {
                    assumptions: assumptions(&cal, req.date.min(result), req.date.max(result)),
                    date: req.date,
                    n: req.n,
                    result,
                }))
            })(),
            "calendar.next" | "calendar.previous" => (|| {
                let req: DayRequest = input::from_json(request, max).map_err(read)?;
                let cal = self.calendar_for(req.unknown_years);
                let result = if operation == "calendar.next" {
                    cal.next_workday(req.date)
                } else {
                    cal.previous_workday(req.date)
                }
                .map_err(calendar_problem)?;
                Ok(canonical::to_string(&answers::Stepped {
                    assumptions: assumptions(&cal, req.date.min(result), req.date.max(result)),
                    date: req.date,
                    result,
                }))
            })(),
            _ => return None,
        };
        Some(result)
    }

    /// Runs any operation, including those that change the engine
    /// ([`MUTATING_OPERATIONS`]: `policy.load`, `calendar.update`); every other
    /// operation is passed to [`Engine::handle`]. A refused change leaves the
    /// engine as it was.
    ///
    /// ```
    /// let mut engine = peixun::engine::Engine::new().unwrap();
    /// let notice = r#"{"year": 2027, "source": "国办发明电〔2026〕N号", "holidays": [{"name": "元旦", "off": ["2027-01-01..2027-01-03"]}]}"#;
    /// let request = serde_json::json!({ "text": notice }).to_string();
    /// let out = engine.handle_mut("calendar.update", &request).unwrap();
    /// assert!(out.contains(r#""year":2027"#));
    /// let day = engine.handle("calendar.day", r#"{"date": "2027-01-04"}"#).unwrap();
    /// assert!(day.contains(r#""workday":true"#));
    /// ```
    pub fn handle_mut(&mut self, operation: &str, request: &str) -> Result<String, Problem> {
        let max = self.max_input_bytes();
        let out = match operation {
            "policy.load" => {
                let req: TextRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let r = self.load_policy(&req.text).map_err(|e| e.problem())?;
                canonical::to_string(&r)
            }
            "calendar.update" => {
                let req: TextRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let summary = self
                    .apply_calendar_update(&req.text)
                    .map_err(calendar_problem)?;
                canonical::to_string(&summary)
            }
            _ => return self.handle(operation, request),
        };
        Ok(out)
    }

    /// Like [`Engine::handle_mut`], with an error as `{"error": {…}}`.
    ///
    /// ```
    /// let mut engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.handle_mut_to_json("policy.load", r#"{"text": "id = 1"}"#);
    /// assert!(out.starts_with(r#"{"error":{"code":"policy."#));
    /// ```
    pub fn handle_mut_to_json(&mut self, operation: &str, request: &str) -> String {
        match self.handle_mut(operation, request) {
            Ok(s) => s,
            Err(p) => error_answer(&p),
        }
    }
}

/// The `policy` field a request must carry.
fn policy_of(policy: Option<&str>) -> Result<&str, Problem> {
    policy.ok_or_else(|| {
        input::InputError::new("input.missing_field", "$.policy", "missing field `policy`")
            .problem()
    })
}

impl Engine {
    /// Runs `operation` on a JSON request and returns canonical JSON.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.handle("id.mask", r#"{"number": "11010519491231002X"}"#).unwrap();
    /// assert_eq!(out, r#"{"masked":"110105********002X"}"#);
    /// assert_eq!(engine.handle("nope", "{}").unwrap_err().code, "api.unknown_operation");
    /// ```
    pub fn handle(&self, operation: &str, request: &str) -> Result<String, Problem> {
        let max = self.max_input_bytes();
        let out = match operation {
            "eligibility" => {
                let req: EligibilityRequest =
                    input::from_json(request, max).map_err(|e| e.problem())?;
                let policy = self.policy(&req.policy).map_err(|e| e.problem())?;
                canonical::to_string(&self.eligibility(policy, &req.applicant))
            }
            "attendance" => {
                let req: AttendanceInput =
                    input::from_json(request, max).map_err(|e| e.problem())?;
                let policy = self
                    .policy(policy_of(req.policy.as_deref())?)
                    .map_err(|e| e.problem())?;
                let report = self.attendance(policy, &req).map_err(|e| e.problem())?;
                canonical::to_string(&report)
            }
            "punch.check" => {
                let req: PunchQuestion = input::from_json(request, max).map_err(|e| e.problem())?;
                let policy = self
                    .policy(policy_of(req.policy.as_deref())?)
                    .map_err(|e| e.problem())?;
                let check = crate::rules::attendance::check_punch(policy, self.calendar(), &req)
                    .map_err(|e| e.problem())?;
                canonical::to_string(&check)
            }
            "id.check" => {
                let req: NumberRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let id = crate::identity::check_resident_id(&req.number)
                    .map_err(|e| e.problem().under("$.number"))?;
                canonical::to_string(&id)
            }
            "id.mask" => {
                let req: NumberRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let rule = crate::identity::MaskRule {
                    head: req.head.map_or(6, |n| n as usize),
                    tail: req.tail.map_or(4, |n| n as usize),
                };
                canonical::to_string(&answers::Masked {
                    masked: rule.mask(&req.number),
                })
            }
            "credit_code.check" => {
                let req: CodeRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let code = crate::identity::check_credit_code(&req.code)
                    .map_err(|e| e.problem().under("$.code"))?;
                canonical::to_string(&code)
            }
            "policy.lint" => {
                let req: TextRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let r = self.lint_policy(&req.text).map_err(|e| e.problem())?;
                canonical::to_string(&r)
            }
            "policy.list" => {
                let policies = self
                    .policies()
                    .iter()
                    .map(|p| answers::Listed {
                        id: &p.id,
                        rules: p.rules.len(),
                        title_en: &p.title_en,
                        title_zh: &p.title_zh,
                        version: &p.version,
                    })
                    .collect();
                canonical::to_string(&answers::Policies { policies })
            }
            "voucher.verify" => crate::voucher::request::verify_request(self, request)?,
            "voucher.replay" => crate::voucher::request::replay_request(self, request)?,
            "deadlines.plan" => canonical::to_string(&self.plan_deadlines(request)?),
            "plan.check" => canonical::to_string(&self.check_plan(request)?),
            "claim.verify" => canonical::to_string(&self.verify_claim(request)?),
            "publicity.list" => canonical::to_string(&self.publicity(request)?),
            "publicity.csv" => canonical::to_string(&answers::Csv {
                csv: self.publicity_csv(request)?,
            }),
            op if MUTATING_OPERATIONS.contains(&op) => {
                return Err(Problem::new(
                    "api.read_only",
                    "$",
                    format!("操作 {op} 会修改引擎，须通过 handle_mut 调用"),
                    format!("operation {op} changes the engine: call it through handle_mut"),
                ))
            }
            op if op.starts_with("calendar.") => match self.handle_calendar(op, request) {
                Some(result) => result?,
                None => return Err(unknown_operation(op)),
            },
            other => return Err(unknown_operation(other)),
        };
        Ok(out)
    }

    /// Like [`Engine::handle`], but an error becomes `{"error": {…}}` so that the
    /// output is always one JSON document.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.handle_to_json("eligibility", "{");
    /// assert!(out.starts_with(r#"{"error":{"code":"input.malformed_json""#));
    /// ```
    pub fn handle_to_json(&self, operation: &str, request: &str) -> String {
        match self.handle(operation, request) {
            Ok(s) => s,
            Err(p) => error_answer(&p),
        }
    }
}
