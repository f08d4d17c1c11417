//! The filed schedule: validation into a [`Schedule`], and the schedule rules
//! DL-T1 (duration), DL-T2 (working days only), DL-T3 (daily lessons), FS-A1's
//! schedule part and IP-A1 (online share).

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::Value;

use super::error::{AttendanceError, MAX_CLASS_DAYS, MAX_SESSIONS_PER_DAY};
use super::input::ClassSchedule;
use super::{percent, weekday_en, weekday_zh, NONE};
use crate::calendar::{Calendar, DayInfo, DayKind};
use crate::policy::kinds::{Deployment, Strictness};
use crate::report::Status;
use crate::rules::Outcome;

/// One session's times, in seconds since midnight (China Standard Time).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SessionTimes {
    pub start: u32,
    pub end: u32,
}

/// A validated class schedule with its calendar.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    pub class_id: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub sessions: Vec<SessionTimes>,
    /// The filed training days, ascending.
    pub all_days: Vec<NaiveDate>,
    /// The training days counted so far (up to `as_of`), ascending.
    pub days: Vec<NaiveDate>,
    /// Whether each day of `calendar` is a filed training day.
    filed: Vec<bool>,
    /// Whether the timetable listed its days (else: the working days of the range).
    pub explicit_days: bool,
    /// The first day of the month the class starts in.
    pub span_start: NaiveDate,
    /// `span_start` as days from the common era, for quick offsets.
    span_start_ce: i32,
    /// What the calendar says about each day from `span_start` to the end of the
    /// class's last month.
    pub calendar: Vec<DayInfo>,
    /// For each day of `calendar`, its index in `days`, or [`NONE`].
    pub day_index: Vec<u32>,
    /// The weekends-only assumption the class's dates rest on, if any.
    pub assumption: Option<String>,
}

fn session_secs(t: &super::input::ClockTime) -> u32 {
    t.seconds()
}

impl Schedule {
    /// Validates the class and reads the calendar for its months.
    pub fn build(
        class: &ClassSchedule,
        cal: &Calendar,
        as_of: Option<NaiveDate>,
    ) -> Result<Schedule, AttendanceError> {
        if class.end < class.start {
            return Err(AttendanceError::invalid(
                "attendance.end_before_start",
                "$.class.end",
                format!(
                    "the class ends {} before it starts {}",
                    class.end, class.start
                ),
            ));
        }
        let length = (class.end - class.start).num_days() + 1;
        if length > MAX_CLASS_DAYS {
            return Err(AttendanceError::invalid(
                "input.too_large",
                "$.class.end",
                format!("{length} days from start to end, limit {MAX_CLASS_DAYS}"),
            ));
        }
        if class.sessions.is_empty() {
            return Err(AttendanceError::invalid(
                "attendance.no_sessions",
                "$.class.sessions",
                "a training day needs at least one session",
            ));
        }
        if class.sessions.len() > MAX_SESSIONS_PER_DAY {
            return Err(AttendanceError::invalid(
                "input.too_large",
                "$.class.sessions",
                format!(
                    "{} sessions a day, limit {MAX_SESSIONS_PER_DAY}",
                    class.sessions.len()
                ),
            ));
        }
        let mut sessions = Vec::with_capacity(class.sessions.len());
        for (i, s) in class.sessions.iter().enumerate() {
            let (start, end) = (session_secs(&s.start), session_secs(&s.end));
            if end <= start {
                return Err(AttendanceError::invalid(
                    "attendance.session_end_before_start",
                    format!("$.class.sessions[{i}].end"),
                    format!(
                        "session {} ends at {} but starts at {}",
                        i + 1,
                        s.end,
                        s.start
                    ),
                ));
            }
            if let Some(prev) = sessions.last().map(|p: &SessionTimes| p.end) {
                if start < prev {
                    return Err(AttendanceError::invalid(
                        "attendance.sessions_overlap",
                        format!("$.class.sessions[{i}].start"),
                        format!(
                            "session {} starts at {} before session {} ends at {}",
                            i + 1,
                            s.start,
                            i,
                            class.sessions[i - 1].end
                        ),
                    ));
                }
            }
            sessions.push(SessionTimes { start, end });
        }

        let span_start = class.start.with_day(1).unwrap_or(class.start);
        let span_end = last_of_month(class.end);
        let mut calendar = Vec::with_capacity(((span_end - span_start).num_days() + 1) as usize);
        for d in span_start.iter_days().take_while(|d| *d <= span_end) {
            let info = cal.day(d).map_err(|e| {
                let path = if d.year() == class.start.year() {
                    "$.class.start"
                } else {
                    "$.class.end"
                };
                AttendanceError::calendar(path, e)
            })?;
            calendar.push(info);
        }
        let offset = |d: NaiveDate| (d - span_start).num_days() as usize;

        let mut day_index = vec![NONE; calendar.len()];
        let mut days = Vec::new();
        match &class.days {
            Some(list) => {
                for (i, d) in list.iter().enumerate() {
                    let d = d.0;
                    if d < class.start || d > class.end || day_index[offset(d)] != NONE {
                        return Err(AttendanceError::invalid(
                            "attendance.day_outside_class",
                            format!("$.class.days[{i}]"),
                            if d < class.start || d > class.end {
                                format!(
                                    "{d} is outside the class ({} to {})",
                                    class.start, class.end
                                )
                            } else {
                                format!("{d} is listed twice")
                            },
                        ));
                    }
                    day_index[offset(d)] = 0;
                }
                for (k, d) in span_start.iter_days().take(calendar.len()).enumerate() {
                    if day_index[k] != NONE {
                        day_index[k] = days.len() as u32;
                        days.push(d);
                    }
                }
            }
            None => {
                let from = offset(class.start);
                let to = offset(class.end);
                for k in from..=to {
                    if calendar[k].is_workday() {
                        day_index[k] = days.len() as u32;
                        days.push(calendar[k].date);
                    }
                }
            }
        }
        // Days after `as_of` stay filed but are not counted yet.
        let filed: Vec<bool> = day_index.iter().map(|i| *i != NONE).collect();
        let all_days = days.clone();
        if let Some(limit) = as_of {
            days.retain(|d| *d <= limit);
            for (k, i) in day_index.iter_mut().enumerate() {
                if *i != NONE && span_start + chrono::Days::new(k as u64) > limit {
                    *i = NONE;
                }
            }
        }
        Ok(Schedule {
            class_id: class.id.clone(),
            start: class.start,
            end: class.end,
            sessions,
            all_days,
            days,
            filed,
            explicit_days: class.days.is_some(),
            span_start,
            span_start_ce: span_start.num_days_from_ce(),
            calendar,
            day_index,
            assumption: cal.assumption_for(class.start, class.end),
        })
    }

    /// The index of `date` among the training days.
    pub fn training_day(&self, date: NaiveDate) -> Option<usize> {
        let k = usize::try_from(date.num_days_from_ce() - self.span_start_ce).ok()?;
        match self.day_index.get(k) {
            Some(&i) if i != NONE => Some(i as usize),
            _ => None,
        }
    }

    /// Whether `date` is a filed training day (counted yet or not).
    pub fn is_filed(&self, date: NaiveDate) -> bool {
        usize::try_from(date.num_days_from_ce() - self.span_start_ce)
            .ok()
            .and_then(|k| self.filed.get(k))
            .copied()
            .unwrap_or(false)
    }

    /// Whether some filed training days are not counted yet (a class in progress).
    pub fn in_progress(&self) -> bool {
        self.days.len() < self.all_days.len()
    }

    /// What the calendar says about `date`, when it is inside the class's months.
    pub fn info(&self, date: NaiveDate) -> Option<&DayInfo> {
        if date < self.span_start {
            return None;
        }
        self.calendar
            .get((date - self.span_start).num_days() as usize)
    }

    /// Total minutes of the sessions of one day.
    pub fn session_minutes(&self) -> u32 {
        self.sessions.iter().map(|s| (s.end - s.start) / 60).sum()
    }

    /// The make-up working days the class trains on.
    pub fn makeup_days(&self) -> Vec<Value> {
        self.all_days
            .iter()
            .filter(|d| {
                self.info(**d)
                    .is_some_and(|i| i.kind == DayKind::MakeupWorkday)
            })
            .map(|d| Value::from(d.to_string()))
            .collect()
    }
}

pub(crate) fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    first
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

/// The class's length to the nearest month: whole months from the first day to
/// the day after the last, and 15 or more days left over round up.
pub(crate) struct Duration {
    pub whole_months: u32,
    pub extra_days: i64,
    pub months: u32,
}

pub(crate) fn duration(start: NaiveDate, end: NaiveDate) -> Duration {
    let after = end.succ_opt().unwrap_or(end);
    let mut m = 0u32;
    while start
        .checked_add_months(Months::new(m + 1))
        .is_some_and(|d| d <= after)
    {
        m += 1;
    }
    let base = start.checked_add_months(Months::new(m)).unwrap_or(start);
    let extra = (after - base).num_days();
    Duration {
        whole_months: m,
        extra_days: extra,
        months: m + u32::from(extra >= 15),
    }
}

fn duration_facts(o: Outcome, d: &Duration, min: u32, max: u32) -> Outcome {
    o.fact("months", d.months)
        .fact("whole_months", d.whole_months)
        .fact("extra_days", d.extra_days)
        .fact("min_months", min)
        .fact("max_months", max)
}

/// DL-T1: the class lasts `min`–`max` months, and the major's own number when the annex gives it.
pub(crate) fn training_duration(
    s: &Schedule,
    class: &ClassSchedule,
    min: u32,
    max: u32,
    per_major: &Deployment<crate::sorted::SortedMap<String, u32>>,
) -> Outcome {
    let d = duration(s.start, s.end);
    let major = class.major.as_deref().map(str::trim);
    let listed = major.and_then(|m| per_major.value.as_ref().and_then(|v| v.get(m)).copied());
    // The 3–6 months are the seed's; the per-major figure is the annex's (a
    // deployment parameter): a fail against it rests on it, and a pass rests on
    // it whatever it found (`rules::settle` decides when it is not set).
    let (status, reason, rests_on): (_, _, &'static [&'static str]) =
        if d.months < min || d.months > max {
            (Status::Fail, "range", &[])
        } else {
            match (per_major.value.as_ref(), listed) {
                (_, Some(n)) if n == d.months => (Status::Pass, "per_major", &["per_major"]),
                (_, Some(_)) => (Status::Fail, "per_major", &["per_major"]),
                (Some(_), None) => (Status::Unknown, "major_unknown", &[]),
                (None, None) => (Status::Pass, "range", &["per_major"]),
            }
        };
    duration_facts(
        Outcome::new(status).because(reason).rests_on(rests_on),
        &d,
        min,
        max,
    )
    .fact("major", opt_str(major))
    .fact(
        "per_major_months",
        listed.map(Value::from).unwrap_or(Value::Null),
    )
}

fn opt_str(s: Option<&str>) -> Value {
    s.map(Value::from).unwrap_or(Value::Null)
}

/// FS-A1's duration: `min`–`max` months (the per-major months are in a document not in the seed).
pub(crate) fn duration_range(s: &Schedule, min: u32, max: u32) -> Option<Outcome> {
    let d = duration(s.start, s.end);
    (d.months < min || d.months > max)
        .then(|| duration_facts(Outcome::new(Status::Fail).because("duration"), &d, min, max))
}

/// DL-T2 (and FS-A1): every training day is a working day. One fail per day
/// that is not; unknown when the calendar is only assumed.
pub(crate) fn working_days(s: &Schedule) -> Vec<Outcome> {
    let common = |o: Outcome| {
        o.fact("training_days", s.all_days.len() as u64)
            .fact("makeup_days", s.makeup_days())
    };
    if s.assumption.is_some() {
        return vec![common(
            Outcome::new(Status::Unknown).because("assumed_calendar"),
        )];
    }
    let mut out = Vec::new();
    for d in &s.all_days {
        let Some(info) = s.info(*d) else { continue };
        if !info.is_workday() {
            out.push(common(
                Outcome::new(Status::Fail)
                    .because("non_working_day")
                    .fact("date", d.to_string())
                    .fact("weekday_zh", weekday_zh(*d))
                    .fact("weekday_en", weekday_en(*d))
                    .fact(
                        "day_kind_zh",
                        match &info.holiday {
                            Some(h) => format!("{h}放假"),
                            None => info.kind.label_zh().to_owned(),
                        },
                    )
                    .fact(
                        "day_kind_en",
                        match &info.holiday {
                            Some(h) => format!("a rest day of the {h} holiday"),
                            None => info.kind.label_en().to_owned(),
                        },
                    )
                    .fact("holiday", opt_str(info.holiday.as_deref())),
            ));
        }
    }
    if out.is_empty() {
        out.push(common(Outcome::new(Status::Pass).because("working_days")));
    }
    out
}

/// DL-T3 (and FS-A1): at least `min_lessons` lessons of `lesson_minutes` a day,
/// and sessions long enough to hold them.
pub(crate) fn lessons(
    s: &Schedule,
    class: &ClassSchedule,
    min_lessons: u32,
    lesson_minutes: u32,
) -> Vec<Outcome> {
    let session_minutes = s.session_minutes();
    let facts = |o: Outcome| {
        o.fact("lessons_per_day", opt_u32(class.lessons_per_day))
            .fact("lesson_minutes", opt_u32(class.lesson_minutes))
            .fact("min_lessons", min_lessons)
            .fact("required_lesson_minutes", lesson_minutes)
            .fact("session_minutes", session_minutes)
            .fact(
                "needed_minutes",
                class
                    .lessons_per_day
                    .zip(class.lesson_minutes)
                    .map(|(n, m)| Value::from(u64::from(n) * u64::from(m)))
                    .unwrap_or(Value::Null),
            )
    };
    let mut out = Vec::new();
    if let Some(n) = class.lessons_per_day {
        if n < min_lessons {
            out.push(facts(Outcome::new(Status::Fail).because("too_few_lessons")));
        }
    }
    if let Some(m) = class.lesson_minutes {
        if m < lesson_minutes {
            out.push(facts(Outcome::new(Status::Fail).because("short_lessons")));
        }
    }
    if let (Some(n), Some(m)) = (class.lessons_per_day, class.lesson_minutes) {
        if u64::from(n) * u64::from(m) > u64::from(session_minutes) {
            out.push(facts(
                Outcome::new(Status::Fail).because("sessions_too_short"),
            ));
        }
    }
    if out.is_empty() {
        out.push(
            if class.lessons_per_day.is_none() || class.lesson_minutes.is_none() {
                facts(Outcome::new(Status::Unknown).because("lessons_missing"))
            } else {
                facts(Outcome::new(Status::Pass).because("lessons"))
            },
        );
    }
    out
}

fn opt_u32(v: Option<u32>) -> Value {
    v.map(Value::from).unwrap_or(Value::Null)
}

/// IP-A1: online theory at most `max_share` of the total hours.
pub(crate) fn online_share(
    class: &ClassSchedule,
    max_share: Decimal,
    practical_only: bool,
    strictness: Strictness,
) -> Outcome {
    let facts = |o: Outcome, share: Option<Decimal>| {
        o.fact("online_hours", opt_u32(class.online_hours))
            .fact("offline_hours", opt_u32(class.offline_hours))
            .fact(
                "total_hours",
                class
                    .online_hours
                    .zip(class.offline_hours)
                    .map(|(a, b)| Value::from(u64::from(a) + u64::from(b)))
                    .unwrap_or(Value::Null),
            )
            .fact(
                "share_percent",
                share
                    .map(|s| Value::from(percent(s)))
                    .unwrap_or(Value::Null),
            )
            .fact("max_share_percent", percent(max_share))
            .fact(
                "practical",
                class.practical.map(Value::from).unwrap_or(Value::Null),
            )
    };
    let (Some(on), Some(off)) = (class.online_hours, class.offline_hours) else {
        return facts(Outcome::new(Status::Unknown).because("hours_missing"), None);
    };
    let total = u64::from(on) + u64::from(off);
    if total == 0 {
        return facts(Outcome::new(Status::Unknown).because("hours_missing"), None);
    }
    let share = Decimal::from(on) / Decimal::from(total);
    let o = if share <= max_share {
        Outcome::new(Status::Pass).because("within")
    } else if practical_only && class.practical == Some(false) {
        Outcome::new(Status::Pass).because("not_practical")
    } else if practical_only && class.practical.is_none() {
        Outcome::new(Status::Unknown).because("practical_unknown")
    } else if strictness == Strictness::InPrinciple {
        Outcome::new(Status::Unknown).because("in_principle")
    } else {
        Outcome::new(Status::Fail).because("over")
    };
    facts(o, Some(share))
}
