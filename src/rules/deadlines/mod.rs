//! Deadlines: every date a class must keep, on China's working-day calendar.
//!
//! [`plan`] takes a class's proposed dates (and, optionally, what already
//! happened: filing, approval, enrolment, acceptance, publicity, payment) and
//! returns every deadline the policy sets, each with its date, rule ID, clause
//! and an explanation in both languages ("file by 2023-03-24"), plus a finding
//! for each given date that keeps or misses its deadline. A claim runs the same
//! checks and treats a missing date as unknown.
//!
//! Counting (see `docs/seed-notes.md`):
//!
//! - "X前N个工作日" is read, by default, as *no later than the Nth working day
//!   before X*, X itself not counted: filing 5 working days before an opening on
//!   2023-10-09 is due 2023-09-26 (counting back 10-08 and 10-07, the National
//!   Day make-up days, then 09-28, 09-27, 09-26; 09-29 to 10-06 are holidays).
//!   A policy may read it as N clear working days between the two days instead
//!   (`counting = "clear_working_days"`, [`WorkdayCounting`]): then 2023-09-25.
//!   Every message that states such a deadline names the reading
//!   (`{counting_zh}`, `{counting_en}`).
//! - "先报名、后培训，先备案、后开班" is an order: enrolment and filing on any
//!   earlier day, approval at the latest on the opening day.
//! - Publicity of N working days starts on its first day (counted when it is a
//!   working day) and ends on the Nth working day; with `counting =
//!   "first_day_excluded"` ([`PeriodCounting`]) the count starts the day after.
//! - The last opening (DL-P2 "截至12月31日", FS-A1 "12月末") is a month and day:
//!   DL-P2's year is the programme's first year in force (else the year of the
//!   opening), FS-A1's the year the class opens in.
//! - Archive and follow-up dates are calendar offsets from the last training day
//!   (FS-K1: end, +3, +6, +12 months; a day that does not exist in the target
//!   month becomes that month's last day).
//! - JZ-P1's dates are calendar dates of the training year and the next year; a
//!   date that falls on a rest day is reported as such, not moved.
//!
//! A date in a year the calendar does not know is refused (`calendar.year_unknown`,
//! with the path of the date that needed it) unless the request opts in to the
//! weekends-only assumption; every deadline and finding that relied on it says so.

use crate::error::InputCode;
use crate::policy::kinds::{self, AttendanceKind, DatesKind, KindView};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::{Calendar, CalendarError, UnknownYears};
use crate::error::{Explain, Problem};
use crate::policy::kinds::{PeriodCounting, RuleKind, WorkdayCounting};
use crate::policy::{Policy, Rule};
use crate::report::{Citation, Facts, Finding, PolicyRef, Status};
use crate::rules::class::ClassInfo;
use crate::rules::{finding, month_day, opt, render_message, ymd, Outcome};

/// The request of `deadlines.plan`.
///
/// ```
/// let req: peixun::rules::deadlines::PlanRequest = peixun::input::from_json(r#"{
///   "policy": "dalian-2023-major-conversion",
///   "class": {"start": "2023-10-09", "end": "2024-01-26"}}"#, 4096).unwrap();
/// assert_eq!(req.class.start.to_string(), "2023-10-09");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// The policy.
    pub policy: String,
    /// The class: proposed `start` and `end`, and any dates already known.
    pub class: ClassInfo,
    /// `refuse` (default) or `assume_weekends_only` for years the calendar does not know.
    #[serde(default)]
    pub unknown_years: UnknownYears,
}

/// What a deadline is for.
///
/// ```
/// use peixun::rules::deadlines::DeadlineKind;
/// assert_eq!(serde_json::to_string(&DeadlineKind::ApplyForAcceptanceBy).unwrap(), r#""apply_for_acceptance_by""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// File the class (备案) by this day.
    FileBy,
    /// Close enrolment by this day.
    EnrolBy,
    /// The last day a class may open.
    LastOpening,
    /// Apply for acceptance (结课验收) by this day.
    ApplyForAcceptanceBy,
    /// The information check before training, at the latest on this day.
    InformationCheckBeforeStart,
    /// The information check at the end of training, on or after this day.
    InformationCheckAtEnd,
    /// The last day of publicity.
    PublicityEnds,
    /// Training finished by this day.
    FinishBy,
    /// Subsidies paid by this day.
    PayBy,
    /// Keep the archives until this day.
    ArchiveUntil,
    /// An employment follow-up on this day.
    FollowUp,
}

/// One deadline, explained.
///
/// ```
/// use peixun::engine::Engine;
/// let engine = Engine::new().unwrap();
/// let out = engine.plan_deadlines(r#"{"policy": "dalian-2023-major-conversion",
///   "class": {"start": "2023-03-31", "end": "2023-07-28"}}"#).unwrap();
/// let filing = out.deadlines.iter().find(|d| d.rule_id == "DL-P5").unwrap();
/// assert_eq!(filing.date.unwrap().to_string(), "2023-03-24");
/// assert!(filing.message_en.contains("2023-03-24"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// The rule that sets it.
    pub rule_id: String,
    /// The clause.
    pub citation: Citation,
    /// What it is for.
    pub what: DeadlineKind,
    /// The date; `None` when it needs a date the request did not give (a
    /// publicity period without its start).
    #[serde(with = "crate::input::date::option")]
    pub date: Option<NaiveDate>,
    /// Whether the date is a working day.
    pub workday: Option<bool>,
    /// The explanation in Chinese.
    pub message_zh: String,
    /// The explanation in English.
    pub message_en: String,
    /// The values behind it.
    pub facts: Facts,
    /// Calendar assumptions it rests on (unknown years taken as weekends only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

/// The answer of `deadlines.plan`: every deadline, and a finding per given date.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let plan = engine.plan_deadlines(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-10-09", "end": "2023-12-15"}}"#).unwrap();
/// assert_eq!(plan.deadlines[1].date.unwrap().to_string(), "2024-03-31"); // pay by, a Sunday
/// assert_eq!(plan.deadlines[1].workday, Some(false));
/// assert_eq!(plan.findings[0].status, peixun::report::Status::Unknown); // ends after the city target
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlinePlan {
    /// The policy used.
    pub policy: PolicyRef,
    /// The class's first training day.
    #[serde(with = "crate::input::date")]
    pub start: NaiveDate,
    /// The class's last training day.
    #[serde(with = "crate::input::date")]
    pub end: NaiveDate,
    /// Every deadline, by date (undated ones last).
    pub deadlines: Vec<Deadline>,
    /// A finding for each date or fact given that a deadline rule checks.
    pub findings: Vec<Finding>,
}

/// Plans a class's deadlines under a policy.
///
/// ```
/// use peixun::calendar::Calendar;
/// use peixun::rules::deadlines::{plan, DeadlineKind};
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let policy = set.get("dalian-2023-major-conversion").unwrap();
/// let class = peixun::input::from_json(r#"{"start": "2023-10-09", "end": "2024-01-26", "filed_on": "2023-09-27"}"#, 1024).unwrap();
/// let p = plan(policy, &Calendar::builtin(), &class).unwrap();
/// let file_by = p.deadlines.iter().find(|d| d.what == DeadlineKind::FileBy).unwrap();
/// assert_eq!(file_by.date.unwrap().to_string(), "2023-09-26"); // skips National Day, counts 10-07/08
/// let filed = p.findings.iter().find(|f| f.rule_id == "DL-P5").unwrap();
/// assert_eq!(filed.status, peixun::report::Status::Fail); // filed a day late
/// ```
pub fn plan(
    policy: &Policy,
    calendar: &Calendar,
    class: &ClassInfo,
) -> Result<DeadlinePlan, Problem> {
    let out = evaluate(&Ctx {
        policy,
        cal: calendar,
        class,
        claim: false,
        stated_trainees: class.trainees,
        roster_trainees: None,
        path: "$.class",
    })?;
    let mut deadlines = out.deadlines;
    // By date (the policy's order among equal dates), undated last.
    crate::sort::by_key(&mut deadlines, |d| (d.date.is_none(), d.date));
    Ok(DeadlinePlan {
        policy: policy.reference(),
        start: class.start,
        end: class.end,
        deadlines,
        findings: out.findings,
    })
}

/// Refuses a class whose end is before its start.
pub(crate) fn check_dates(class: &ClassInfo, path: &str) -> Result<(), Problem> {
    if class.end < class.start {
        return Err(crate::input::InputError::new(
            InputCode::InvalidValue,
            format!("{path}.end"),
            format!(
                "the class ends ({}) before it starts ({})",
                ymd(class.end),
                ymd(class.start)
            ),
        )
        .problem());
    }
    Ok(())
}

/// What the deadline rules need.
pub(crate) struct Ctx<'a> {
    pub policy: &'a Policy,
    pub cal: &'a Calendar,
    pub class: &'a ClassInfo,
    /// In a claim, a missing date is unknown; in a plan, it is simply not checked.
    pub claim: bool,
    /// The class size the request states (`class.trainees`).
    pub stated_trainees: Option<u32>,
    /// The distinct people on a claim's roster (`None` in a plan, or a claim
    /// without trainees). The class is the unit: the larger of the two is its
    /// size, and a roster longer than the stated size is a finding of its own.
    pub roster_trainees: Option<u32>,
    /// Where the class is in the request, for error paths.
    pub path: &'a str,
}

pub(crate) struct Output {
    pub deadlines: Vec<Deadline>,
    pub findings: Vec<Finding>,
}

/// A calendar error, located at the date that needed it.
pub(crate) fn cal_err(e: CalendarError, path: &str) -> Problem {
    let mut p = e.problem();
    if p.path == "$" {
        p.path = path.to_owned();
    }
    p
}

/// The weekday in both languages.
pub(crate) fn weekday(d: NaiveDate) -> (&'static str, &'static str) {
    use chrono::Weekday::*;
    match d.weekday() {
        Mon => ("星期一", "Monday"),
        Tue => ("星期二", "Tuesday"),
        Wed => ("星期三", "Wednesday"),
        Thu => ("星期四", "Thursday"),
        Fri => ("星期五", "Friday"),
        Sat => ("星期六", "Saturday"),
        Sun => ("星期日", "Sunday"),
    }
}

/// The last day of publicity: `n` working days from `start`, `start` counted
/// when it is a working day (the default [`PeriodCounting::FirstDayCounts`]).
///
/// ```
/// use peixun::calendar::Calendar;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let cal = Calendar::builtin();
/// // Five working days from Wednesday 2023-09-27: 27, 28, then the holiday, 10-07 and 10-08 (make-up), 10-09.
/// assert_eq!(peixun::rules::deadlines::publicity_end(&cal, d("2023-09-27"), 5).unwrap(), d("2023-10-09"));
/// ```
pub fn publicity_end(cal: &Calendar, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
    period_end(cal, start, n, PeriodCounting::FirstDayCounts)
}

/// The last day of a period of `n` working days from `start`, counted as the
/// policy says: `start` counted when it is a working day, or not at all.
///
/// ```
/// use peixun::calendar::Calendar;
/// use peixun::policy::kinds::PeriodCounting::*;
/// use peixun::rules::deadlines::period_end;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let cal = Calendar::builtin();
/// // From Wednesday 2023-09-27: 27, 28, 10-07, 10-08, 10-09 — or, the 27th not
/// // counted, 28, 10-07, 10-08, 10-09, 10-10.
/// assert_eq!(period_end(&cal, d("2023-09-27"), 5, FirstDayCounts).unwrap(), d("2023-10-09"));
/// assert_eq!(period_end(&cal, d("2023-09-27"), 5, FirstDayExcluded).unwrap(), d("2023-10-10"));
/// ```
pub fn period_end(
    cal: &Calendar,
    start: NaiveDate,
    n: u32,
    counting: PeriodCounting,
) -> Result<NaiveDate, CalendarError> {
    let n = i32::try_from(n).unwrap_or(i32::MAX);
    if n == 0 {
        return Ok(start);
    }
    if counting == PeriodCounting::FirstDayCounts && cal.is_workday(start)? {
        cal.add_workdays(start, n - 1)
    } else {
        cal.add_workdays(start, n)
    }
}

/// The last day something due "`n` working days before `day`" may be done,
/// counted as the policy says.
///
/// ```
/// use peixun::calendar::Calendar;
/// use peixun::policy::kinds::WorkdayCounting::*;
/// use peixun::rules::deadlines::due_before;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let cal = Calendar::builtin();
/// // Opening Monday 2023-10-09: back 10-08, 10-07 (make-up days), 09-28, 09-27, 09-26.
/// assert_eq!(due_before(&cal, d("2023-10-09"), 5, NthWorkingDayBefore).unwrap(), d("2023-09-26"));
/// // Five clear working days between: 09-26 … 10-08 lie between 09-25 and the opening.
/// assert_eq!(due_before(&cal, d("2023-10-09"), 5, ClearWorkingDays).unwrap(), d("2023-09-25"));
/// ```
pub fn due_before(
    cal: &Calendar,
    day: NaiveDate,
    n: u32,
    counting: WorkdayCounting,
) -> Result<NaiveDate, CalendarError> {
    let nth = cal.add_workdays(day, -i32::try_from(n).unwrap_or(i32::MAX))?;
    match counting {
        WorkdayCounting::NthWorkingDayBefore => Ok(nth),
        // The latest day with n working days strictly between it and `day`:
        // the day before the nth working day (a rest day when that one follows
        // a weekend or a holiday).
        WorkdayCounting::ClearWorkingDays => nth
            .pred_opt()
            .ok_or(CalendarError::NoWorkdayFound { from: day, days: 0 }),
    }
}

/// What a working-day count is about, for the words that name its reading.
struct Counted {
    /// The act that is due (filing, applying), zh and en.
    act: (&'static str, &'static str),
    /// The day counted back from (the opening, the end), zh and en.
    day: (&'static str, &'static str),
}

const FILING: Counted = Counted {
    act: ("备案日", "the filing day"),
    day: ("开班日", "the opening day"),
};

const ACCEPTANCE: Counted = Counted {
    act: ("申请日", "the application day"),
    day: ("课程结束日", "the end day"),
};

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st` …
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The facts that name a working-day reading: `counting` (the parameter's
/// value) and the words for it in both languages.
fn counting_facts(counting: WorkdayCounting, n: u32, what: &Counted) -> [(&'static str, Value); 3] {
    let (act_zh, act_en) = what.act;
    let (day_zh, day_en) = what.day;
    let (key, zh, en) = match counting {
        WorkdayCounting::NthWorkingDayBefore => (
            "nth_working_day_before",
            format!("按{day_zh}前第 {n} 个工作日计，{day_zh}不计"),
            format!(
                "counted as the {} working day before {day_en}, which is not counted",
                ordinal(n)
            ),
        ),
        WorkdayCounting::ClearWorkingDays => (
            "clear_working_days",
            format!("按{act_zh}与{day_zh}之间相隔 {n} 个完整工作日计，两日均不计"),
            format!(
                "counted as {n} clear working days between {act_en} and {day_en}, neither counted"
            ),
        ),
    };
    [
        ("counting", key.into()),
        ("counting_zh", zh.into()),
        ("counting_en", en.into()),
    ]
}

/// The facts that name a period's reading (see [`counting_facts`]).
fn period_facts(counting: PeriodCounting) -> [(&'static str, Value); 3] {
    let (key, zh, en) = match counting {
        PeriodCounting::FirstDayCounts => (
            "first_day_counts",
            "首日为工作日的计入",
            "the first day counted when it is a working day",
        ),
        PeriodCounting::FirstDayExcluded => (
            "first_day_excluded",
            "首日不计，自次日起算",
            "the first day not counted, counting from the next day",
        ),
    };
    [
        ("counting", key.into()),
        ("counting_zh", zh.into()),
        ("counting_en", en.into()),
    ]
}

/// A publicity period from `start`: its last day, the first day payment may
/// follow, and the facts its `deadline` message names (the publicity list
/// uses the same).
pub(crate) fn publicity_period(
    cal: &Calendar,
    start: NaiveDate,
    n: u32,
    counting: PeriodCounting,
) -> Result<(NaiveDate, NaiveDate, Facts), CalendarError> {
    let end = period_end(cal, start, n, counting)?;
    let payable = cal.next_workday(end)?;
    let mut f = facts(&[
        ("working_days", n.into()),
        ("publicity_start", ymd(start).into()),
        ("deadline", ymd(end).into()),
        ("payable_from", ymd(payable).into()),
    ]);
    for (k, v) in period_facts(counting) {
        f.insert(k, v);
    }
    Ok((end, payable, f))
}

/// `date` plus whole calendar months; a day the target month lacks becomes its
/// last day (2023-08-31 + 6 months = 2024-02-29).
///
/// ```
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// assert_eq!(peixun::rules::deadlines::add_months(d("2023-08-31"), 6), Some(d("2024-02-29")));
/// ```
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

struct Emit<'a, 'b> {
    ctx: &'b Ctx<'a>,
    rule: &'a Rule,
    out: &'b mut Output,
}

impl Emit<'_, '_> {
    fn deadline(
        &mut self,
        what: DeadlineKind,
        date: Option<NaiveDate>,
        reason: &str,
        facts: Facts,
        assumption: Option<String>,
    ) -> Result<(), Problem> {
        // Whether the day is a working day is information, not a count: a
        // calendar offset (an archive date years ahead) may fall in a year the
        // calendar does not know yet, and then it is simply not said.
        let workday = date.and_then(|d| self.ctx.cal.is_workday(d).ok());
        let (zh, en) = render_message(self.rule, "deadline", Some(reason), &facts);
        self.out.deadlines.push(Deadline {
            rule_id: self.rule.id.clone(),
            citation: self.rule.citation(),
            what,
            date,
            workday,
            message_zh: zh,
            message_en: en,
            facts,
            assumptions: assumption.into_iter().collect(),
        });
        Ok(())
    }

    fn finding(&mut self, o: Outcome) {
        self.out.findings.push(finding(self.rule, o));
    }
}

fn facts(pairs: &[(&'static str, Value)]) -> Facts {
    pairs.iter().map(|(k, v)| (*k, v.clone())).collect()
}

fn optd(d: Option<NaiveDate>) -> Value {
    opt(d.map(ymd))
}

/// Runs every deadline rule of the policy for the class.
pub(crate) fn evaluate(ctx: &Ctx<'_>) -> Result<Output, Problem> {
    check_dates(ctx.class, ctx.path)?;
    // Working days are counted from the class's own dates: an unknown year is
    // reported at the date that has it.
    let counts_workdays = ctx.policy.rules.iter().any(|r| {
        matches!(
            r.kind,
            RuleKind::ClassFiling(_)
                | RuleKind::AcceptanceDeadline(_)
                | RuleKind::ClassOpening(_)
                | RuleKind::TrainingStandard(_)
        )
    });
    if counts_workdays {
        for (date, field) in [(ctx.class.start, "start"), (ctx.class.end, "end")] {
            ctx.cal
                .is_workday(date)
                .map_err(|e| cal_err(e, &format!("{}.{field}", ctx.path)))?;
        }
    }
    let mut out = Output {
        deadlines: Vec::new(),
        findings: Vec::new(),
    };
    for rule in &ctx.policy.rules {
        let mut e = Emit {
            ctx,
            rule,
            out: &mut out,
        };
        match rule.kind.view() {
            KindView::Deadlines(d) => match d {
                DatesKind::ClassFiling(kinds::ClassFiling {
                    working_days_before,
                    max_trainees,
                    counting,
                }) => class_filing(&mut e, *working_days_before, *max_trainees, *counting)?,
                DatesKind::ClassOpening(kinds::ClassOpening { last_opening, .. }) => {
                    // The programme's year: the first year the policy is in force,
                    // else the year the class opens in.
                    let year = ctx
                        .policy
                        .in_force
                        .map(|p| p.from.year())
                        .unwrap_or(ctx.class.start.year());
                    last_opening_in(&mut e, last_opening, year, true, false)?
                }
                DatesKind::AcceptanceDeadline(kinds::AcceptanceDeadline {
                    working_days_before_end,
                    counting,
                }) => acceptance(&mut e, *working_days_before_end, *counting)?,
                DatesKind::Publicity(kinds::Publicity {
                    working_days,
                    counting,
                    ..
                }) => publicity(&mut e, *working_days, *counting)?,
                DatesKind::RetentionAndFollowUp(kinds::RetentionAndFollowUp {
                    archive_years,
                    follow_up_months,
                }) => retention(&mut e, *archive_years, follow_up_months)?,
                DatesKind::ArchiveRetention(kinds::ArchiveRetention { years }) => {
                    retention(&mut e, *years, &[])?
                }
                DatesKind::EnrolAndFileOrder(_) => enrol_and_file(&mut e)?,
                DatesKind::SeasonDeadlines(kinds::SeasonDeadlines {
                    finish_by,
                    pay_by_next_year,
                    finish_by_is_target,
                }) => season(&mut e, finish_by, pay_by_next_year, *finish_by_is_target)?,
                DatesKind::InformationChecks(kinds::InformationChecks { when, .. }) => {
                    information_checks(&mut e, when)?
                }
                DatesKind::ClassSetup(kinds::ClassSetup {
                    face_recognition,
                    remote_video,
                    name_pattern,
                }) => class_setup(&mut e, *face_recognition, *remote_video, name_pattern)?,
            },
            // FS-A1's "最后一次开班时间为12月末" names no year: the first year
            // the programme is in force, as the claim's FS-A1 part reads it
            // (`schedule::opening`). Without one there is no deadline to show
            // and the opening day is unknown, never a pass on its own year. A
            // claim's finding is FS-A1's part (`class_rules`), not this one.
            KindView::Attendance(AttendanceKind::TrainingStandard(kinds::TrainingStandard {
                last_opening,
                ..
            })) => {
                let in_force = rule.in_force.or(ctx.policy.in_force);
                match in_force.map(|p| p.from.year()) {
                    Some(year) => {
                        last_opening_in(&mut e, last_opening, year, !ctx.claim, true)?;
                    }
                    None if !ctx.claim => {
                        let o =
                            crate::rules::attendance::opening(ctx.class.start, last_opening, None)
                                .fact("start", ymd(ctx.class.start));
                        e.finding(o);
                    }
                    None => {}
                }
            }
            KindView::Attendance(_)
            | KindView::Eligibility(_)
            | KindView::Amounts(_)
            | KindView::Enterprise(_)
            | KindView::Claim(_)
            | KindView::Plan(_)
            | KindView::Voucher(_)
            | KindView::Record(_) => {}
        }
    }
    Ok(out)
}

fn class_filing(
    e: &mut Emit<'_, '_>,
    n: u32,
    max: u32,
    counting: WorkdayCounting,
) -> Result<(), Problem> {
    let c = e.ctx.class;
    let path = format!("{}.start", e.ctx.path);
    let deadline =
        due_before(e.ctx.cal, c.start, n, counting).map_err(|err| cal_err(err, &path))?;
    let assumption = e.ctx.cal.assumption_for(deadline, c.start);
    // The class is the unit: the larger of the size it states and the
    // distinct people on the claim's roster.
    let (stated, roster) = (e.ctx.stated_trainees, e.ctx.roster_trainees);
    let size = match (stated, roster) {
        (Some(s), Some(r)) => Some(s.max(r)),
        (s, r) => s.or(r),
    };
    let mut base = facts(&[
        ("start", ymd(c.start).into()),
        ("deadline", ymd(deadline).into()),
        ("working_days", n.into()),
        ("filed_on", optd(c.filed_on)),
        ("approved_on", optd(c.approved_on)),
        ("trainees", opt(size)),
        ("stated_trainees", opt(stated)),
        ("roster_trainees", opt(roster)),
        ("max_trainees", max.into()),
    ]);
    for (k, v) in counting_facts(counting, n, &FILING) {
        base.insert(k, v);
    }
    e.deadline(
        DeadlineKind::FileBy,
        Some(deadline),
        "file_by",
        base.clone(),
        assumption.clone(),
    )?;
    let with = |status: Status, reason: &'static str| {
        let mut o = Outcome::new(status)
            .because(reason)
            .assuming(assumption.clone());
        o.facts = base.clone();
        o
    };
    match c.filed_on {
        Some(f) => e.finding(with(
            if f <= deadline {
                Status::Pass
            } else {
                Status::Fail
            },
            "timing",
        )),
        None if e.ctx.claim => e.finding(with(Status::Unknown, "timing")),
        None => {}
    }
    match size {
        Some(count) => e.finding(with(
            if count <= max {
                Status::Pass
            } else {
                Status::Fail
            },
            "size",
        )),
        None if e.ctx.claim => e.finding(with(Status::Unknown, "size")),
        None => {}
    }
    // A roster longer than the class size the claim states: the two figures
    // contradict each other.
    if let (Some(s), Some(r)) = (stated, roster) {
        if r > s {
            e.finding(with(Status::Fail, "roster"));
        }
    }
    approval(e, c.approved_on, c.start, &base)
}

/// Approval at the latest on the opening day (经同意后方可开班).
fn approval(
    e: &mut Emit<'_, '_>,
    approved_on: Option<NaiveDate>,
    start: NaiveDate,
    base: &Facts,
) -> Result<(), Problem> {
    let status = match approved_on {
        Some(a) if a <= start => Status::Pass,
        Some(_) => Status::Fail,
        None if e.ctx.claim => Status::Unknown,
        None => return Ok(()),
    };
    let mut o = Outcome::new(status).because("approval");
    o.facts = base.clone();
    e.finding(o);
    Ok(())
}

/// The last opening day (`MM-DD` in `year`): the deadline, and (with
/// `finding`) whether the class opens by it (DL-P2, FS-A1); `with_year` adds
/// the year read as a fact (`opening_year`, FS-A1's messages name it).
fn last_opening_in(
    e: &mut Emit<'_, '_>,
    last_opening: &str,
    year: i32,
    finding: bool,
    with_year: bool,
) -> Result<(), Problem> {
    let c = e.ctx.class;
    let Some(last) = month_day(year, last_opening) else {
        return Ok(());
    };
    let path = format!("{}.start", e.ctx.path);
    let is_workday = e
        .ctx
        .cal
        .is_workday(last)
        .map_err(|err| cal_err(err, &path))?;
    let last_workday = if is_workday {
        last
    } else {
        e.ctx
            .cal
            .previous_workday(last)
            .map_err(|err| cal_err(err, &path))?
    };
    let assumption = e.ctx.cal.assumption_for(last_workday, last);
    let (wd_zh, wd_en) = weekday(last);
    let mut base = facts(&[
        ("start", ymd(c.start).into()),
        ("deadline", ymd(last).into()),
        ("last_opening", ymd(last).into()),
        ("last_workday", ymd(last_workday).into()),
        ("weekday_zh", wd_zh.into()),
        ("weekday_en", wd_en.into()),
    ]);
    if with_year {
        base.insert("opening_year", year.into());
    }
    e.deadline(
        DeadlineKind::LastOpening,
        Some(last),
        if is_workday { "workday" } else { "rest_day" },
        base.clone(),
        assumption.clone(),
    )?;
    if !finding {
        return Ok(());
    }
    let mut o = Outcome::new(if c.start <= last {
        Status::Pass
    } else {
        Status::Fail
    })
    .because("opening")
    .assuming(assumption);
    o.facts = base;
    e.finding(o);
    Ok(())
}

fn acceptance(e: &mut Emit<'_, '_>, n: u32, counting: WorkdayCounting) -> Result<(), Problem> {
    let c = e.ctx.class;
    let path = format!("{}.end", e.ctx.path);
    let deadline = due_before(e.ctx.cal, c.end, n, counting).map_err(|err| cal_err(err, &path))?;
    let assumption = e.ctx.cal.assumption_for(deadline, c.end);
    let mut base = facts(&[
        ("end", ymd(c.end).into()),
        ("deadline", ymd(deadline).into()),
        ("working_days", n.into()),
        ("applied_on", optd(c.acceptance_applied_on)),
    ]);
    for (k, v) in counting_facts(counting, n, &ACCEPTANCE) {
        base.insert(k, v);
    }
    e.deadline(
        DeadlineKind::ApplyForAcceptanceBy,
        Some(deadline),
        "apply_by",
        base.clone(),
        assumption.clone(),
    )?;
    let status = match c.acceptance_applied_on {
        Some(a) if a <= deadline => Status::Pass,
        Some(_) => Status::Fail,
        None if e.ctx.claim => Status::Unknown,
        None => return Ok(()),
    };
    let mut o = Outcome::new(status).because("timing").assuming(assumption);
    o.facts = base;
    e.finding(o);
    Ok(())
}

fn publicity(e: &mut Emit<'_, '_>, n: u32, counting: PeriodCounting) -> Result<(), Problem> {
    let c = e.ctx.class;
    match c.publicity_start {
        None => {
            let mut f = facts(&[
                ("working_days", n.into()),
                ("publicity_start", Value::Null),
                ("deadline", Value::Null),
                ("payable_from", Value::Null),
            ]);
            for (k, v) in period_facts(counting) {
                f.insert(k, v);
            }
            e.deadline(DeadlineKind::PublicityEnds, None, "no_start", f, None)
        }
        Some(start) => {
            let path = format!("{}.publicity_start", e.ctx.path);
            let (end, payable, f) = publicity_period(e.ctx.cal, start, n, counting)
                .map_err(|err| cal_err(err, &path))?;
            let assumption = e.ctx.cal.assumption_for(start, payable);
            e.deadline(
                DeadlineKind::PublicityEnds,
                Some(end),
                "ends",
                f,
                assumption,
            )
        }
    }
}

fn retention(e: &mut Emit<'_, '_>, years: u32, follow_up: &[u32]) -> Result<(), Problem> {
    let end = e.ctx.class.end;
    let Some(until) = add_months(end, years.saturating_mul(12)) else {
        return Ok(());
    };
    e.deadline(
        DeadlineKind::ArchiveUntil,
        Some(until),
        "archive",
        facts(&[
            ("end", ymd(end).into()),
            ("deadline", ymd(until).into()),
            ("archive_years", years.into()),
            ("months_after", Value::Null),
        ]),
        e.ctx.cal.assumption_for(until, until),
    )?;
    for &m in follow_up {
        let Some(date) = add_months(end, m) else {
            continue;
        };
        e.deadline(
            DeadlineKind::FollowUp,
            Some(date),
            if m == 0 { "at_end" } else { "follow_up" },
            facts(&[
                ("end", ymd(end).into()),
                ("deadline", ymd(date).into()),
                ("archive_years", years.into()),
                ("months_after", m.into()),
            ]),
            e.ctx.cal.assumption_for(date, date),
        )?;
    }
    Ok(())
}

fn enrol_and_file(e: &mut Emit<'_, '_>) -> Result<(), Problem> {
    let c = e.ctx.class;
    let Some(before) = c.start.pred_opt() else {
        return Ok(());
    };
    let base = facts(&[
        ("start", ymd(c.start).into()),
        ("deadline", ymd(before).into()),
        ("filed_on", optd(c.filed_on)),
        ("approved_on", optd(c.approved_on)),
        ("enrolled_on", optd(c.enrolment_closed_on)),
    ]);
    e.deadline(
        DeadlineKind::EnrolBy,
        Some(before),
        "enrolment",
        base.clone(),
        e.ctx.cal.assumption_for(before, before),
    )?;
    e.deadline(
        DeadlineKind::FileBy,
        Some(before),
        "filing",
        base.clone(),
        e.ctx.cal.assumption_for(before, before),
    )?;
    let with = |status: Status, reason: &'static str| {
        let mut o = Outcome::new(status).because(reason);
        o.facts = base.clone();
        o
    };
    // In a claim each trainee's enrolment date is checked as well.
    if let Some(d) = c.enrolment_closed_on {
        e.finding(with(
            if d < c.start {
                Status::Pass
            } else {
                Status::Fail
            },
            "enrolment",
        ));
    }
    match c.filed_on {
        Some(d) => e.finding(with(
            if d < c.start {
                Status::Pass
            } else {
                Status::Fail
            },
            "filing",
        )),
        None if e.ctx.claim => e.finding(with(Status::Unknown, "filing")),
        None => {}
    }
    approval(e, c.approved_on, c.start, &base)
}

/// LC-P1 for one trainee of a claim: enrolled before training starts.
pub(crate) fn enrolment_outcome(
    rule: &Rule,
    class: &ClassInfo,
    enrolled_on: Option<NaiveDate>,
) -> Option<Outcome> {
    if !matches!(rule.kind, RuleKind::EnrolAndFileOrder(_)) {
        return None;
    }
    let status = match enrolled_on {
        Some(d) if d < class.start => Status::Pass,
        Some(_) => Status::Fail,
        None => Status::Unknown,
    };
    let before = class.start.pred_opt().unwrap_or(class.start);
    Some(
        Outcome::new(status)
            .because("enrolment")
            .fact("start", ymd(class.start))
            .fact("deadline", ymd(before))
            .fact("filed_on", optd(class.filed_on))
            .fact("approved_on", optd(class.approved_on))
            .fact("enrolled_on", optd(enrolled_on)),
    )
}

fn season(
    e: &mut Emit<'_, '_>,
    finish_by: &str,
    pay_by: &str,
    target: bool,
) -> Result<(), Problem> {
    let c = e.ctx.class;
    let year = c.start.year();
    let (Some(finish), Some(pay)) = (month_day(year, finish_by), month_day(year + 1, pay_by))
    else {
        return Ok(());
    };
    // The payment date is a calendar date of the next year, which the calendar
    // may not know yet: then its weekday is all that is said.
    let pay_workday = e.ctx.cal.is_workday(pay).ok();
    let pay_last_workday = match pay_workday {
        Some(false) => e.ctx.cal.previous_workday(pay).ok(),
        _ => None,
    };
    let (wd_zh, wd_en) = weekday(pay);
    let base = facts(&[
        ("start", ymd(c.start).into()),
        ("end", ymd(c.end).into()),
        ("finish_by", ymd(finish).into()),
        ("pay_by", ymd(pay).into()),
        ("last_workday", optd(pay_last_workday)),
        ("weekday_zh", wd_zh.into()),
        ("weekday_en", wd_en.into()),
        ("paid_on", optd(c.paid_on)),
    ]);
    let mut finish_facts = base.clone();
    finish_facts.insert("deadline", ymd(finish).into());
    e.deadline(
        DeadlineKind::FinishBy,
        Some(finish),
        "finish",
        finish_facts.clone(),
        e.ctx.cal.assumption_for(finish, finish),
    )?;
    let mut pay_facts = base.clone();
    pay_facts.insert("deadline", ymd(pay).into());
    e.deadline(
        DeadlineKind::PayBy,
        Some(pay),
        if pay_workday == Some(false) {
            "pay_rest_day"
        } else {
            "pay"
        },
        pay_facts.clone(),
        e.ctx
            .cal
            .assumption_for(pay_last_workday.unwrap_or(pay), pay),
    )?;
    let (status, reason) = if c.end <= finish {
        (Status::Pass, "finish")
    } else if target {
        (Status::Unknown, "target")
    } else {
        (Status::Fail, "finish")
    };
    let mut o = Outcome::new(status).because(reason);
    o.facts = finish_facts;
    e.finding(o);
    if let Some(paid) = c.paid_on {
        let mut o = Outcome::new(if paid <= pay {
            Status::Pass
        } else {
            Status::Fail
        })
        .because("payment");
        o.facts = pay_facts;
        e.finding(o);
    }
    Ok(())
}

fn information_checks(e: &mut Emit<'_, '_>, when: &[String]) -> Result<(), Problem> {
    let c = e.ctx.class;
    for w in when {
        let (what, date) = match w.as_str() {
            "before_start" => (DeadlineKind::InformationCheckBeforeStart, c.start),
            "at_end" => (DeadlineKind::InformationCheckAtEnd, c.end),
            _ => continue,
        };
        e.deadline(
            what,
            Some(date),
            w,
            facts(&[
                ("start", ymd(c.start).into()),
                ("end", ymd(c.end).into()),
                ("deadline", ymd(date).into()),
            ]),
            e.ctx.cal.assumption_for(date, date),
        )?;
    }
    Ok(())
}

/// Whether `name` follows `pattern` for `major`: `YYYY` stands for four digits,
/// `<专业名称>` (or any `<…>`) for the major, `N` for a class number (digits or
/// Chinese numerals, optionally after 第); everything else is literal.
///
/// ```
/// use peixun::rules::deadlines::name_follows;
/// let p = "YYYY年<专业名称>专业N班期";
/// assert!(name_follows("2023年大数据开发专业1班期", p, "大数据开发"));
/// assert!(name_follows("2024年直播电商专业第三班期", p, "直播电商"));
/// assert!(!name_follows("2023年大数据开发1班期", p, "大数据开发")); // the literal 专业 is part of it
/// assert!(!name_follows("2023年直播电商专业1班期", p, "大数据开发"));
/// ```
pub fn name_follows(name: &str, pattern: &str, major: &str) -> bool {
    let mut rest = name.trim();
    let mut pat = pattern;
    while !pat.is_empty() {
        if let Some(p) = pat.strip_prefix("YYYY") {
            let digits: String = rest.chars().take(4).collect();
            if digits.chars().count() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            rest = &rest[digits.len()..];
            pat = p;
        } else if pat.starts_with('<') && pat.contains('>') {
            let close = pat.find('>').unwrap_or(0);
            pat = &pat[close + 1..];
            match rest.strip_prefix(major.trim()) {
                Some(r) if !major.trim().is_empty() => rest = r,
                _ => return false,
            }
        } else if let Some(p) = pat.strip_prefix('N') {
            let r = rest.strip_prefix('第').unwrap_or(rest);
            let n: usize = r
                .chars()
                .take_while(|c| c.is_ascii_digit() || "零〇一二三四五六七八九十百".contains(*c))
                .map(char::len_utf8)
                .sum();
            if n == 0 {
                return false;
            }
            rest = &r[n..];
            pat = p;
        } else {
            let ch = pat.chars().next().unwrap_or_default();
            match rest.strip_prefix(ch) {
                Some(r) => rest = r,
                None => return false,
            }
            pat = &pat[ch.len_utf8()..];
        }
    }
    rest.is_empty()
}

/// The pattern filled with the year and major, for messages.
fn expected_name(pattern: &str, year: i32, major: Option<&str>) -> String {
    let mut out = pattern.replace("YYYY", &year.to_string());
    if let (Some(open), Some(close)) = (out.find('<'), out.find('>')) {
        if open < close {
            out.replace_range(open..=close, major.unwrap_or("<专业名称>"));
        }
    }
    out
}

fn class_setup(
    e: &mut Emit<'_, '_>,
    face: bool,
    video: bool,
    pattern: &str,
) -> Result<(), Problem> {
    let c = e.ctx.class;
    let Some(before) = c.start.pred_opt() else {
        return Ok(());
    };
    let base = facts(&[
        ("start", ymd(c.start).into()),
        ("deadline", ymd(before).into()),
        ("name", opt(c.name.clone())),
        ("online_name", opt(c.online_name.clone())),
        ("major", opt(c.major.clone())),
        (
            "expected_name",
            expected_name(pattern, c.start.year(), c.major.as_deref()).into(),
        ),
        ("face_recognition", opt(c.face_recognition)),
        ("remote_video", opt(c.remote_video)),
        ("filed_on", optd(c.filed_on)),
        ("approved_on", optd(c.approved_on)),
    ]);
    e.deadline(
        DeadlineKind::FileBy,
        Some(before),
        "filing",
        base.clone(),
        e.ctx.cal.assumption_for(before, before),
    )?;
    let with = |status: Status, reason: &'static str| {
        let mut o = Outcome::new(status).because(reason);
        o.facts = base.clone();
        o
    };
    // Devices: both required ones working before opening.
    let needed: Vec<Option<bool>> = [(face, c.face_recognition), (video, c.remote_video)]
        .into_iter()
        .filter(|(req, _)| *req)
        .map(|(_, have)| have)
        .collect();
    // A plan checks them once either is given; a claim always.
    if !needed.is_empty() && (e.ctx.claim || needed.iter().any(Option::is_some)) {
        let status = if needed.contains(&Some(false)) {
            Status::Fail
        } else if needed.contains(&None) {
            Status::Unknown
        } else {
            Status::Pass
        };
        e.finding(with(status, "devices"));
    }
    // Name: the pattern, and the same name online.
    match (&c.name, &c.major) {
        (Some(name), Some(major)) => {
            let (status, reason) = if !name_follows(name, pattern, major) {
                (Status::Fail, "name")
            } else if c
                .online_name
                .as_ref()
                .is_some_and(|o| o.trim() != name.trim())
            {
                (Status::Fail, "online_name")
            } else {
                (Status::Pass, "name")
            };
            e.finding(with(status, reason));
        }
        _ if e.ctx.claim => e.finding(with(Status::Unknown, "name")),
        _ => {}
    }
    // Filed (and approved) before teaching starts.
    match c.filed_on {
        Some(d) => e.finding(with(
            if d < c.start {
                Status::Pass
            } else {
                Status::Fail
            },
            "filing",
        )),
        None if e.ctx.claim => e.finding(with(Status::Unknown, "filing")),
        None => {}
    }
    approval(e, c.approved_on, c.start, &base)
}
