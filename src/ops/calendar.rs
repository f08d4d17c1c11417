//! `calendar.*`: China's working-day calendar, and `calendar.update`, which
//! takes a year's notice at run time.
//!
//! | operation | request | answer |
//! |---|---|---|
//! | `calendar.day` | `{"date": "2023-10-07"}` | `{"date", "weekday", "workday", "kind", "holiday", "assumed", "assumptions"}` |
//! | `calendar.month` | `{"year": 2023, "month": 10}` | `{"year", "month", "count", "dates", "assumptions"}` |
//! | `calendar.count` | `{"from": "…", "to": "…"}` (both included) | `{"from", "to", "count", "inclusive", "assumptions"}` |
//! | `calendar.add` | `{"date": "…", "n": 5}` (`n` may be negative) | `{"date", "n", "result", "assumptions"}` |
//! | `calendar.next` | `{"date": "…"}` | `{"date", "result", "assumptions"}`: the first working day after |
//! | `calendar.previous` | `{"date": "…"}` | `{"date", "result", "assumptions"}`: the last working day before |
//! | `calendar.update` | `{"text": "…"}` (a notice as JSON, or table text) | `{"years": […]}` |
//!
//! Every query may add `"unknown_years": "assume_weekends_only"` to take a
//! year the calendar does not know as weekends only; the answer then lists the
//! assumption in `assumptions` (empty otherwise). Without it an unknown year is
//! the error `calendar.year_unknown`. Calendar errors carry their `calendar.*`
//! codes (`calendar.bad_month`, `calendar.range_reversed`, `calendar.too_far`,
//! `calendar.not_a_workday`); a bad date is `input.invalid_date` at the
//! field's path.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::policy::TextRequest;
use super::{json, json_mut, Operation, Run};
use crate::calendar::{Calendar, CalendarError, DayKind, UnknownYears, UpdateSummary};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::input;

/// This family's operations.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "calendar.day",
        summary_en: "one day: working day or not, and why",
        summary_zh: "某一天是否为工作日及原因",
        run: Run::Read(|e, t| json(e, t, day)),
    },
    Operation {
        name: "calendar.month",
        summary_en: "a month's working days",
        summary_zh: "某月的工作日",
        run: Run::Read(|e, t| json(e, t, month)),
    },
    Operation {
        name: "calendar.count",
        summary_en: "the working days between two dates, both included",
        summary_zh: "两日期之间（含首尾）的工作日数",
        run: Run::Read(|e, t| json(e, t, count)),
    },
    Operation {
        name: "calendar.add",
        summary_en: "the date n working days after (or before) a date",
        summary_zh: "某日之后（或之前）第 n 个工作日",
        run: Run::Read(|e, t| json(e, t, add)),
    },
    Operation {
        name: "calendar.next",
        summary_en: "the first working day after a date",
        summary_zh: "某日之后的第一个工作日",
        run: Run::Read(|e, t| json(e, t, next)),
    },
    Operation {
        name: "calendar.previous",
        summary_en: "the last working day before a date",
        summary_zh: "某日之前的最后一个工作日",
        run: Run::Read(|e, t| json(e, t, previous)),
    },
    Operation {
        name: "calendar.update",
        summary_en: "take a year's holiday notice (replaces the years it gives)",
        summary_zh: "采用某年的放假通知（替换其所涉年份）",
        run: Run::Change(|e, t| json_mut(e, t, update)),
    },
];

/// The request of `calendar.day`, `calendar.next` and `calendar.previous`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayRequest {
    #[serde(with = "crate::input::date")]
    /// The date.
    pub date: NaiveDate,
    #[serde(default)]
    /// How to take a year the calendar does not know.
    pub unknown_years: Option<UnknownYears>,
}

/// The request of `calendar.month`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthRequest {
    /// The year.
    pub year: i32,
    /// The month (1–12).
    pub month: u32,
    #[serde(default)]
    /// How to take a year the calendar does not know.
    pub unknown_years: Option<UnknownYears>,
}

/// The request of `calendar.count`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeRequest {
    #[serde(with = "crate::input::date")]
    /// The first day.
    pub from: NaiveDate,
    #[serde(with = "crate::input::date")]
    /// The last day.
    pub to: NaiveDate,
    #[serde(default)]
    /// How to take a year the calendar does not know.
    pub unknown_years: Option<UnknownYears>,
}

/// The request of `calendar.add`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddRequest {
    #[serde(with = "crate::input::date")]
    /// The date.
    pub date: NaiveDate,
    /// How many working days (negative: before).
    pub n: i32,
    #[serde(default)]
    /// How to take a year the calendar does not know.
    pub unknown_years: Option<UnknownYears>,
}

/// The answer of `calendar.day`.
#[derive(Debug, Serialize)]
pub struct Day {
    /// Whether the day's kind is assumed (a year the calendar does not know).
    pub assumed: bool,
    /// The years taken as weekends only, as a sentence (empty otherwise).
    pub assumptions: Vec<String>,
    /// The date asked about.
    pub date: NaiveDate,
    /// The holiday's name, if the day is one or a make-up day for one.
    pub holiday: Option<String>,
    /// What kind of day it is.
    pub kind: DayKind,
    /// The weekday, as `Mon` … `Sun`.
    pub weekday: &'static str,
    /// Whether it is a working day.
    pub workday: bool,
}

/// The answer of `calendar.month`.
#[derive(Debug, Serialize)]
pub struct Month {
    /// The years taken as weekends only, as a sentence (empty otherwise).
    pub assumptions: Vec<String>,
    /// How many working days.
    pub count: usize,
    /// The working days.
    pub dates: Vec<NaiveDate>,
    /// The month.
    pub month: u32,
    /// The year.
    pub year: i32,
}

/// The answer of `calendar.count`.
#[derive(Debug, Serialize)]
pub struct Count {
    /// The years taken as weekends only, as a sentence (empty otherwise).
    pub assumptions: Vec<String>,
    /// How many working days.
    pub count: u32,
    /// The first day.
    pub from: NaiveDate,
    /// Both ends are counted (always true).
    pub inclusive: bool,
    /// The last day.
    pub to: NaiveDate,
}

/// The answer of `calendar.add`.
#[derive(Debug, Serialize)]
pub struct Added {
    /// The years taken as weekends only, as a sentence (empty otherwise).
    pub assumptions: Vec<String>,
    /// The date asked about.
    pub date: NaiveDate,
    /// How many working days were added.
    pub n: i32,
    /// The day found.
    pub result: NaiveDate,
}

/// The answer of `calendar.next` and `calendar.previous`.
#[derive(Debug, Serialize)]
pub struct Stepped {
    /// The years taken as weekends only, as a sentence (empty otherwise).
    pub assumptions: Vec<String>,
    /// The date asked about.
    pub date: NaiveDate,
    /// The day found.
    pub result: NaiveDate,
}

fn problem(e: CalendarError) -> Problem {
    e.problem()
}

/// The years of a range taken as weekends only, if any (at most one sentence).
fn assumptions(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    cal.assumption_for(from, to).into_iter().collect()
}

/// `calendar.day`.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let out = engine.handle("calendar.day", r#"{"date": "2023-10-07"}"#).unwrap();
/// assert!(out.contains(r#""workday":true"#)); // a make-up working day
/// ```
pub fn day(engine: &Engine, req: DayRequest) -> Result<Day, Problem> {
    let cal = engine.calendar_for(req.unknown_years);
    let info = cal.day(req.date).map_err(problem)?;
    let workday = info.is_workday();
    Ok(Day {
        assumed: info.assumed,
        assumptions: assumptions(&cal, req.date, req.date),
        date: info.date,
        holiday: info.holiday,
        kind: info.kind,
        weekday: input::date::weekday_short(req.date),
        workday,
    })
}

/// `calendar.month`.
pub fn month(engine: &Engine, req: MonthRequest) -> Result<Month, Problem> {
    let cal = engine.calendar_for(req.unknown_years);
    let dates = cal
        .workdays_in_month(req.year, req.month)
        .map_err(problem)?;
    let first = NaiveDate::from_ymd_opt(req.year, req.month, 1);
    let last = first
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .and_then(|d| d.pred_opt());
    let assumed = match (first, last) {
        (Some(a), Some(b)) => assumptions(&cal, a, b),
        (None, _) | (_, None) => Vec::new(),
    };
    Ok(Month {
        assumptions: assumed,
        count: dates.len(),
        dates,
        month: req.month,
        year: req.year,
    })
}

/// `calendar.count`.
pub fn count(engine: &Engine, req: RangeRequest) -> Result<Count, Problem> {
    let cal = engine.calendar_for(req.unknown_years);
    let count = cal.count_workdays(req.from, req.to).map_err(problem)?;
    Ok(Count {
        assumptions: assumptions(&cal, req.from, req.to),
        count,
        from: req.from,
        inclusive: true,
        to: req.to,
    })
}

/// `calendar.add`.
pub fn add(engine: &Engine, req: AddRequest) -> Result<Added, Problem> {
    let cal = engine.calendar_for(req.unknown_years);
    let result = cal.add_workdays(req.date, req.n).map_err(problem)?;
    Ok(Added {
        assumptions: assumptions(&cal, req.date.min(result), req.date.max(result)),
        date: req.date,
        n: req.n,
        result,
    })
}

/// `calendar.next`.
pub fn next(engine: &Engine, req: DayRequest) -> Result<Stepped, Problem> {
    let cal = engine.calendar_for(req.unknown_years);
    let result = cal.next_workday(req.date).map_err(problem)?;
    Ok(stepped(&cal, req.date, result))
}

/// `calendar.previous`.
pub fn previous(engine: &Engine, req: DayRequest) -> Result<Stepped, Problem> {
    let cal = engine.calendar_for(req.unknown_years);
    let result = cal.previous_workday(req.date).map_err(problem)?;
    Ok(stepped(&cal, req.date, result))
}

fn stepped(cal: &Calendar, date: NaiveDate, result: NaiveDate) -> Stepped {
    Stepped {
        assumptions: assumptions(cal, date.min(result), date.max(result)),
        date,
        result,
    }
}

/// `calendar.update`: a refused notice leaves the calendar as it was.
pub fn update(engine: &mut Engine, req: TextRequest) -> Result<UpdateSummary, Problem> {
    engine.apply_calendar_update(&req.text).map_err(problem)
}
