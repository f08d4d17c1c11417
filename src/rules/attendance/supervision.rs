//! The centre's supervision log (FS-M1) and the violation escalation (FS-M2).
//!
//! Supervision is of the training: "培训期间要严格培训过程监管…远程监管应不少于
//! 2 次/周…现场督导检查每班期应不少于 2 次" (七(四)). A remote check or an on-site
//! inspection counts only on a training day of the class, within its dates; one
//! on a rest day, a holiday, a day the class does not train or outside the
//! class (an inspection after it ended) is reported with the day and its kind,
//! and not counted (nor does it make its method one of the class's).

use crate::sorted::{SortedMap, SortedSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::input::SupervisionLog;
use super::schedule::Schedule;
use crate::policy::kinds::PartialWeeks;
use crate::report::Status;
use crate::rules::Outcome;

/// FS-M1's numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SupervisionRule {
    pub min_methods: u32,
    pub remote_per_week: u32,
    pub onsite_per_class: u32,
    pub inspectors_per_onsite: u32,
    pub partial_weeks: PartialWeeks,
}

fn iso_week(d: NaiveDate) -> (i32, u32) {
    let w = d.iso_week();
    (w.year(), w.week())
}

fn week_name((y, w): (i32, u32)) -> String {
    format!("{y}-W{w:02}")
}

fn monday((y, w): (i32, u32)) -> String {
    NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// FS-M1: methods, signed remote checks per ISO week, on-site inspections.
pub(crate) fn supervision(
    s: &Schedule,
    log: Option<&SupervisionLog>,
    r: SupervisionRule,
) -> Vec<Outcome> {
    let (pw_zh, pw_en) = match r.partial_weeks {
        PartialWeeks::AtMostTrainingDays => (
            "不足5个培训日的周，每个培训日至多要求1次",
            "a week with fewer than 5 training days needs at most one check per training day",
        ),
        PartialWeeks::Full => (
            "不足5个培训日的周同样要求足数",
            "a partial week needs the full number",
        ),
        PartialWeeks::Exempt => ("不足5个培训日的周不检查", "partial weeks are not checked"),
    };
    let common = |o: Outcome| {
        o.fact("partial_weeks_zh", pw_zh)
            .fact("partial_weeks_en", pw_en)
    };
    let Some(log) = log else {
        return vec![common(Outcome::new(Status::Unknown).because("no_log"))];
    };
    let mut out = Vec::new();
    let on_training_day = |d: NaiveDate| d >= s.start && d <= s.end && s.is_filed(d);
    let day_kind = |o: Outcome, d: NaiveDate| {
        let (zh, en, holiday) = super::text::day_kind(s, d);
        o.fact("date", d.to_string())
            .fact("day_kind_zh", zh)
            .fact("day_kind_en", en)
            .fact("holiday", holiday)
    };

    let mut methods: SortedSet<String> = log.methods.iter().map(|m| m.trim().to_owned()).collect();
    if log.remote_checks.iter().any(|c| on_training_day(c.date)) {
        methods.insert("remote".to_owned());
    }
    if log
        .onsite_inspections
        .iter()
        .any(|i| on_training_day(i.date))
    {
        methods.insert("onsite".to_owned());
    }
    methods.remove("");
    if (methods.len() as u32) < r.min_methods {
        out.push(
            Outcome::new(Status::Fail)
                .because("methods")
                .fact("methods", methods.iter().cloned().collect::<Vec<_>>())
                .fact("method_count", methods.len() as u64)
                .fact("min_methods", r.min_methods),
        );
    }

    // Training days and signed / unsigned checks per ISO week.
    let mut weeks: SortedMap<(i32, u32), (u32, u32, u32)> = SortedMap::new();
    for d in &s.days {
        weeks.entry(iso_week(*d)).or_default().0 += 1;
    }
    for (i, c) in log.remote_checks.iter().enumerate() {
        if !on_training_day(c.date) {
            out.push(day_kind(
                Outcome::new(Status::Fail)
                    .because("remote_not_training_day")
                    .fact("remote_check", i as u64)
                    .fact("signed", c.signed),
                c.date,
            ));
            continue;
        }
        if let Some(w) = weeks.get_mut(&iso_week(c.date)) {
            if c.signed {
                w.1 += 1;
            } else {
                w.2 += 1;
            }
        }
    }
    for (&week, &(days, signed, unsigned)) in &weeks {
        let required = match r.partial_weeks {
            _ if days >= 5 => r.remote_per_week,
            PartialWeeks::AtMostTrainingDays => r.remote_per_week.min(days),
            PartialWeeks::Full => r.remote_per_week,
            PartialWeeks::Exempt => 0,
        };
        if signed < required {
            out.push(common(
                Outcome::new(Status::Fail)
                    .because("week")
                    .fact("week", week_name(week))
                    .fact("week_monday", monday(week))
                    .fact("training_days_in_week", days)
                    .fact("signed_checks", signed)
                    .fact("unsigned_checks", unsigned)
                    .fact("required_checks", required),
            ));
        }
    }

    let mut valid = 0u32;
    for (i, insp) in log.onsite_inspections.iter().enumerate() {
        if !on_training_day(insp.date) {
            out.push(day_kind(
                Outcome::new(Status::Fail)
                    .because("onsite_not_training_day")
                    .fact("inspection", i as u64)
                    .fact("inspection_date", insp.date.to_string()),
                insp.date,
            ));
            continue;
        }
        let people: SortedSet<&str> = insp
            .inspectors
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        if (people.len() as u32) < r.inspectors_per_onsite {
            out.push(
                Outcome::new(Status::Fail)
                    .because("inspectors")
                    .fact("inspection", i as u64)
                    .fact("inspection_date", insp.date.to_string())
                    .fact("inspectors", people.len() as u64)
                    .fact("min_inspectors", r.inspectors_per_onsite),
            );
        } else {
            valid += 1;
        }
    }
    if valid < r.onsite_per_class {
        out.push(
            Outcome::new(Status::Fail)
                .because("onsite")
                .fact("onsite_count", valid)
                .fact("min_onsite", r.onsite_per_class)
                .fact("min_inspectors", r.inspectors_per_onsite),
        );
    }
    if out.is_empty() {
        out.push(common(
            Outcome::new(Status::Pass)
                .because("supervised")
                .fact("methods", methods.iter().cloned().collect::<Vec<_>>())
                .fact("method_count", methods.len() as u64)
                .fact("weeks", weeks.len() as u64)
                .fact("onsite_count", valid),
        ));
    }
    out
}

/// The consequence of a number of violations (FS-M2).
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{"violations": 2,
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-04", "sessions": [{"start": "08:30", "end": "11:45"}]}}"#).unwrap();
/// let e = report.escalation.unwrap();
/// assert_eq!(e.step.as_deref(), Some("interview_person_in_charge"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalation {
    /// Violations so far.
    pub violations: u32,
    /// The step reached (`warning`, `interview_person_in_charge`, …), if any.
    pub step: Option<String>,
    /// The consequence, in Chinese.
    pub consequence_zh: String,
    /// The consequence, in English.
    pub consequence_en: String,
}

fn step_label(step: &str) -> (String, String) {
    let (zh, en) = match step {
        "warning" => ("给予培训机构警告处理", "a warning to the institution"),
        "interview_person_in_charge" => ("约谈相关负责人", "an interview of the person in charge"),
        "report_for_suspension_and_rectification" => (
            "报人社行政部门作出停课整改处理",
            "reported to the HRSS administration for suspension and rectification",
        ),
        other => (other, other),
    };
    (zh.to_owned(), en.to_owned())
}

/// FS-M2: the consequence the count reaches; a count beyond the last step stays at the last step.
pub(crate) fn escalation(
    violations: Option<u32>,
    steps: &[String],
) -> (Outcome, Option<Escalation>) {
    let Some(n) = violations else {
        return (Outcome::new(Status::Unknown).because("no_count"), None);
    };
    let step = (n > 0)
        .then(|| steps.get((n as usize).min(steps.len()).saturating_sub(1)))
        .flatten();
    let (zh, en) = match step {
        Some(s) => step_label(s),
        None => ("无".to_owned(), "none".to_owned()),
    };
    let status = if n == 0 { Status::Pass } else { Status::Fail };
    let o = Outcome::new(status)
        .because(if n == 0 { "none" } else { "violations" })
        .fact("violations", n)
        .fact("consequence_zh", zh.clone())
        .fact("consequence_en", en.clone())
        .fact(
            "step",
            step.map(|s| Value::from(s.clone())).unwrap_or(Value::Null),
        );
    (
        o,
        Some(Escalation {
            violations: n,
            step: step.cloned(),
            consequence_zh: zh,
            consequence_en: en,
        }),
    )
}
