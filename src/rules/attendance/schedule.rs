//! The filed schedule: validation into a [`Schedule`], and the schedule rules
//! DL-T1 (duration), DL-T2 (working days only), DL-T3 (daily lessons), FS-A1's
//! parts but the attendance rate (duration, working days, lessons, last
//! opening) and IP-A1 (online share). The attendance check runs them on its
//! class; a claim runs the same functions on its class ([`class_rules`]), with
//! or without the timetable.

use crate::error::{AttendanceCode, InputCode};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::Value;

use super::error::{AttendanceError, MAX_CLASS_DAYS, MAX_SESSIONS_PER_DAY};
use super::input::{ClassSchedule, SessionMode};
use super::months::{counted_length, months_end, ClassLength};
use super::{percent, weekday_en, weekday_zh, ymd, NONE};
use crate::calendar::{Calendar, DayInfo, DayKind};
use crate::policy::kinds::{self, AttendanceKind, Deployment, RuleKind, Strictness};
use crate::policy::Period;
use crate::report::Status;
use crate::rules::Outcome;
use crate::sorted::SortedMap;

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
    /// The last day the listed days cover: `days_through`, else the class's
    /// last day; `None` when the timetable lists no days.
    pub listed_through: Option<NaiveDate>,
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
    /// The class's dates and its length in calendar months.
    pub span: Span,
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
                AttendanceCode::EndBeforeStart,
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
                InputCode::TooLarge,
                "$.class.end",
                format!("{length} days from start to end, limit {MAX_CLASS_DAYS}"),
            ));
        }
        if class.sessions.is_empty() {
            return Err(AttendanceError::invalid(
                AttendanceCode::NoSessions,
                "$.class.sessions",
                "a training day needs at least one session",
            ));
        }
        if class.sessions.len() > MAX_SESSIONS_PER_DAY {
            return Err(AttendanceError::invalid(
                InputCode::TooLarge,
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
                    AttendanceCode::SessionEndBeforeStart,
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
                        AttendanceCode::SessionsOverlap,
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

        let listed_through = match (&class.days, class.days_through) {
            (None, Some(_)) => {
                return Err(AttendanceError::invalid(
                    InputCode::MissingField,
                    "$.class.days",
                    "`days_through` says how far the listed days go, but no days are listed",
                ))
            }
            (Some(_), Some(t)) if t < class.start || t > class.end => {
                return Err(AttendanceError::invalid(
                    AttendanceCode::DayOutsideClass,
                    "$.class.days_through",
                    format!(
                        "{t} is outside the class ({} to {})",
                        class.start, class.end
                    ),
                ))
            }
            (Some(_), t) => Some(t.unwrap_or(class.end)),
            (None, None) => None,
        };
        let mut day_index = vec![NONE; calendar.len()];
        let mut days = Vec::new();
        match &class.days {
            Some(list) => {
                let through = listed_through.unwrap_or(class.end);
                for (i, d) in list.iter().enumerate() {
                    let d = d.0;
                    if d < class.start || d > through || day_index[offset(d)] != NONE {
                        return Err(AttendanceError::invalid(
                            AttendanceCode::DayOutsideClass,
                            format!("$.class.days[{i}]"),
                            if d < class.start || d > class.end {
                                format!(
                                    "{d} is outside the class ({} to {})",
                                    class.start, class.end
                                )
                            } else if d > through {
                                format!("{d} is after `days_through` ({through})")
                            } else {
                                format!("{d} is listed twice")
                            },
                        ));
                    }
                    day_index[offset(d)] = 0;
                }
                // A partial timetable: the working days after it, as without one.
                for k in offset(through) + 1..=offset(class.end) {
                    if calendar[k].is_workday() {
                        day_index[k] = 0;
                    }
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
            listed_through,
            span_start,
            span_start_ce: span_start.num_days_from_ce(),
            calendar,
            day_index,
            assumption: cal.assumption_for(class.start, class.end),
            span: Span::new(cal, class.start, class.end),
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

/// A class's first and last day and its length as the duration rules count it
/// ([`counted_length`]: rest days that end its months count in full).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub length: ClassLength,
    /// The day the counted months end: `end`, or the rest day they run to.
    pub counted_end: NaiveDate,
}

impl Span {
    pub fn new(cal: &Calendar, start: NaiveDate, end: NaiveDate) -> Span {
        let (length, counted_end) = counted_length(cal, start, end);
        Span {
            start,
            end,
            length,
            counted_end,
        }
    }
}

/// The seed's months for a class (DL-T1, FS-A1) and the policy's tolerance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DurationRule {
    pub min: u32,
    pub max: u32,
    pub tolerance_days: u32,
}

impl DurationRule {
    /// The months of a `training_duration` or `training_standard` rule.
    pub fn of(kind: &RuleKind) -> Option<DurationRule> {
        duration_of(kind).map(|(rule, _)| rule)
    }
}

/// A duration rule's months and its per-major annex: `training_duration`'s
/// and `training_standard`'s; `None` for every other kind (the attendance
/// family's named one by one).
fn duration_of(kind: &RuleKind) -> Option<(DurationRule, &PerMajor)> {
    match kind.as_attendance()? {
        AttendanceKind::TrainingDuration(k) => Some((
            DurationRule {
                min: k.min_months,
                max: k.max_months,
                tolerance_days: k.tolerance_days,
            },
            &k.per_major,
        )),
        AttendanceKind::TrainingStandard(k) => Some((
            DurationRule {
                min: k.min_months,
                max: k.max_months,
                tolerance_days: k.tolerance_days,
            },
            &k.per_major,
        )),
        AttendanceKind::WorkingDaysOnly(_)
        | AttendanceKind::DailyLessons(_)
        | AttendanceKind::AttendanceThreshold(_)
        | AttendanceKind::PunchWindows(_)
        | AttendanceKind::DailyReport(_)
        | AttendanceKind::PunchExceptionNote(_)
        | AttendanceKind::Supervision(_)
        | AttendanceKind::ViolationEscalation(_)
        | AttendanceKind::VideoEvidence(_)
        | AttendanceKind::OnlineShareLimit(_)
        | AttendanceKind::TrainingVideoKept(_) => None,
    }
}

/// The months per major a deployment sets (the seed's annex).
type PerMajor = Deployment<SortedMap<String, u32>>;

/// The facts every duration finding carries: the class's length by the
/// convention of [`super::months`], the seed's months and the days they end on.
pub(crate) fn length_facts(o: Outcome, span: &Span, rule: DurationRule) -> Outcome {
    o.fact("whole_months", span.length.months)
        .fact("extra_days", span.length.days)
        .fact("counted_end", ymd(span.counted_end))
        .fact("min_months", rule.min)
        .fact("max_months", rule.max)
        .fact("min_end", ymd(months_end(span.start, rule.min)))
        .fact("max_end", ymd(months_end(span.start, rule.max)))
        .fact("tolerance_days", rule.tolerance_days)
}

/// A miss of `days` past `bound`: a fail, or within the tolerance a person's
/// review (never a pass).
fn missed(reason: &'static str, bound: NaiveDate, days: i64, tolerance: u32) -> Outcome {
    let o = if days <= i64::from(tolerance) {
        Outcome::new(Status::Unknown).because("within_tolerance")
    } else {
        Outcome::new(Status::Fail).because(reason)
    };
    o.fact("bound_end", ymd(bound)).fact("missed_by_days", days)
}

/// The class's length against the seed's months: `None` when it lasts at least
/// `min` and at most `max` months; else short or long (a fail that rests on
/// nothing the deployment sets), or within the tolerance, unknown.
pub(crate) fn out_of_range(span: &Span, rule: DurationRule) -> Option<Outcome> {
    let (start, end, len) = (span.start, span.end, span.length);
    let o = if !len.at_least(rule.min) {
        let bound = months_end(start, rule.min);
        missed(
            "short",
            bound,
            (bound - end).num_days(),
            rule.tolerance_days,
        )
    } else if !len.at_most(rule.max) {
        let bound = months_end(start, rule.max);
        missed("long", bound, (end - bound).num_days(), rule.tolerance_days)
    } else {
        return None;
    };
    Some(length_facts(o.rests_on(&[]), span, rule))
}

/// DL-T1 (and FS-A1's duration): the class lasts `min`–`max` months by its
/// dates, and exactly the major's own number once the deployment gives it (the
/// annex for DL-T1, Fushun's per-major durations for FS-A1).
pub(crate) fn training_duration(
    span: &Span,
    major: Option<&str>,
    rule: DurationRule,
    per_major: &Deployment<crate::sorted::SortedMap<String, u32>>,
) -> Outcome {
    let major = major.map(str::trim);
    let listed = major.and_then(|m| per_major.value.as_ref().and_then(|v| v.get(m)).copied());
    let with_major = |o: Outcome| major_facts(o, major, per_major);
    if let Some(o) = out_of_range(span, rule) {
        return with_major(o);
    }
    // The 3–6 months are the seed's; the per-major figure is the annex's (a
    // deployment parameter): a fail against it rests on it, and a pass rests on
    // it whatever it found (`rules::settle` decides when it is not set).
    let (start, end, len) = (span.start, span.end, span.length);
    let o = match (per_major.value.as_ref(), listed) {
        (_, Some(n)) if len.is_exactly(n) => Outcome::new(Status::Pass)
            .because("per_major")
            .rests_on(&["per_major"]),
        (_, Some(n)) => {
            let bound = months_end(start, n);
            missed(
                "per_major",
                bound,
                (end - bound).num_days().abs(),
                rule.tolerance_days,
            )
            .rests_on(&["per_major"])
        }
        (Some(_), None) => Outcome::new(Status::Unknown).because("major_unknown"),
        (None, None) => Outcome::new(Status::Pass)
            .because("range")
            .rests_on(&["per_major"]),
    };
    let o = match listed {
        Some(n) => o.fact("per_major_end", ymd(months_end(start, n))),
        None => o,
    };
    with_major(length_facts(o, span, rule))
}

/// The major and the annex's months for it, as DL-T1's findings name them.
fn major_facts(
    o: Outcome,
    major: Option<&str>,
    per_major: &Deployment<crate::sorted::SortedMap<String, u32>>,
) -> Outcome {
    let major = major.map(str::trim);
    let listed = major.and_then(|m| per_major.value.as_ref().and_then(|v| v.get(m)).copied());
    o.fact("major", opt_str(major)).fact(
        "per_major_months",
        listed.map(Value::from).unwrap_or(Value::Null),
    )
}

fn opt_str(s: Option<&str>) -> Value {
    s.map(Value::from).unwrap_or(Value::Null)
}

/// How many working days a missed-days finding names.
const MISSED_NAMED: usize = 5;

/// DL-T2 (and FS-A1): the training days are the working days, every one of
/// them (一(三) "每月培训天数以当月实际工作日为准"): one fail per listed day that is
/// not a working day, one naming the first working days the timetable leaves
/// out, and unknown when the calendar is only assumed or the timetable lists
/// only part of the class.
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
    let Some(through) = s.listed_through else {
        if out.is_empty() {
            out.push(common(Outcome::new(Status::Pass).because("working_days")));
        }
        return out;
    };
    // The working days the listed days cover, and those they leave out.
    let (mut working, mut missed) = (0u64, Vec::new());
    for d in s.start.iter_days().take_while(|d| *d <= through) {
        if s.info(d).is_some_and(DayInfo::is_workday) {
            working += 1;
            if !s.is_filed(d) {
                missed.push(d);
            }
        }
    }
    if !missed.is_empty() {
        out.push(common(
            Outcome::new(Status::Fail)
                .because("missed_working_days")
                .fact("working_days", working)
                .fact("missed_count", missed.len() as u64)
                .fact(
                    "missed_days",
                    missed
                        .iter()
                        .take(MISSED_NAMED)
                        .map(|d| Value::from(ymd(*d)))
                        .collect::<Vec<_>>(),
                )
                .fact("days_through", ymd(through)),
        ));
    }
    if out.is_empty() && through < s.end {
        let unlisted = s.all_days.iter().filter(|d| **d > through).count() as u64;
        out.push(common(
            Outcome::new(Status::Unknown)
                .because("partial_timetable")
                .fact("working_days", working)
                .fact("days_through", ymd(through))
                .fact("unlisted_days", unlisted),
        ));
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

/// The hours (课时) of a class as its timetable gives them: per training day,
/// and over all of its training days.
struct TimetableHours {
    days: u64,
    /// Lessons a day: the sessions' own when each states them, else `lessons_per_day`.
    per_day: Option<u64>,
    /// Online and offline lessons a day, when every session states its mode and lessons.
    split: Option<(u64, u64)>,
}

impl TimetableHours {
    fn of(s: &Schedule, class: &ClassSchedule) -> TimetableHours {
        let sessions = &class.sessions;
        let lessons: Option<Vec<u64>> = sessions.iter().map(|x| x.lessons.map(u64::from)).collect();
        let split = sessions
            .iter()
            .map(|x| x.mode.zip(x.lessons.map(u64::from)))
            .try_fold((0u64, 0u64), |(on, off), m| match m? {
                (SessionMode::Online, n) => Some((on + n, off)),
                (SessionMode::Offline, n) => Some((on, off + n)),
            });
        TimetableHours {
            days: s.all_days.len() as u64,
            per_day: lessons
                .map(|l| l.iter().sum())
                .or(class.lessons_per_day.map(u64::from)),
            split,
        }
    }

    fn total(&self) -> Option<u64> {
        self.per_day.map(|n| n * self.days)
    }

    fn online_offline(&self) -> Option<(u64, u64)> {
        self.split
            .map(|(on, off)| (on * self.days, off * self.days))
    }
}

/// IP-A1: online theory at most `max_share` of the total hours. The hours come
/// from the timetable where it gives them (training days × each session's mode
/// and lessons); hours the class states are compared with them, and a
/// contradiction fails. Hours only stated, not shown by the timetable, cannot
/// make the rule pass.
pub(crate) fn online_share(
    s: &Schedule,
    class: &ClassSchedule,
    max_share: Decimal,
    practical_only: bool,
    strictness: Strictness,
) -> Outcome {
    let t = TimetableHours::of(s, class);
    let stated = class
        .online_hours
        .map(u64::from)
        .zip(class.offline_hours.map(u64::from));
    let derived = t.online_offline();
    let used = derived.or(stated);
    let source = if derived.is_some() {
        "timetable"
    } else {
        "stated"
    };
    let facts = |o: Outcome, share: Option<Decimal>| {
        o.fact("online_hours", opt_u64(used.map(|u| u.0)))
            .fact("offline_hours", opt_u64(used.map(|u| u.1)))
            .fact("total_hours", opt_u64(used.map(|u| u.0 + u.1)))
            .fact("hours_source", source)
            .fact("stated_online_hours", opt_u32(class.online_hours))
            .fact("stated_offline_hours", opt_u32(class.offline_hours))
            .fact("stated_total_hours", opt_u64(stated.map(|u| u.0 + u.1)))
            .fact("timetable_online_hours", opt_u64(derived.map(|u| u.0)))
            .fact("timetable_offline_hours", opt_u64(derived.map(|u| u.1)))
            .fact("timetable_hours", opt_u64(t.total()))
            .fact("training_days", t.days)
            .fact("lessons_per_day", opt_u64(t.per_day))
            .fact("online_per_day", opt_u64(t.split.map(|x| x.0)))
            .fact("offline_per_day", opt_u64(t.split.map(|x| x.1)))
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
    // What the class states must be what its timetable shows.
    if let Some((on, off)) = stated {
        if derived.is_some_and(|d| d != (on, off)) {
            return facts(Outcome::new(Status::Fail).because("hours_mismatch"), None);
        }
        if t.total().is_some_and(|total| total != on + off) {
            return facts(Outcome::new(Status::Fail).because("total_mismatch"), None);
        }
    }
    let Some((on, off)) = used.filter(|(on, off)| on + off > 0) else {
        return facts(Outcome::new(Status::Unknown).because("hours_missing"), None);
    };
    let share = Decimal::from(on) / Decimal::from(on + off);
    let o = if practical_only && class.practical == Some(false) {
        Outcome::new(Status::Pass).because("not_practical")
    } else if share <= max_share && derived.is_some() {
        Outcome::new(Status::Pass).because("within")
    } else if share <= max_share {
        Outcome::new(Status::Unknown).because("stated_split")
    } else if practical_only && class.practical.is_none() {
        Outcome::new(Status::Unknown).because("practical_unknown")
    } else if strictness == Strictness::InPrinciple {
        Outcome::new(Status::Unknown).because("in_principle")
    } else {
        Outcome::new(Status::Fail).because("over")
    };
    facts(o, Some(share))
}

fn opt_u64(v: Option<u64>) -> Value {
    v.map(Value::from).unwrap_or(Value::Null)
}

/// A class's timetable as the schedule rules read it: the validated schedule
/// and the class it was built from (for the lessons it states).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timetable<'a> {
    pub schedule: &'a Schedule,
    pub class: &'a ClassSchedule,
}

/// The part of FS-A1 (七(二)2) a finding is about, as its `part` fact names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// "培训时长按专业确定为 3-6 个月": the seed's months and the major's.
    Duration,
    /// "每月培训天数以当月实际工作日为准".
    WorkingDays,
    /// "每天培训不少于 6 课时，每课时 45 分钟".
    Lessons,
    /// "最后一次开班时间为 12 月末".
    LastOpening,
    /// "学员个人出勤率原则上不得低于 90%": each trainee's own finding.
    Attendance,
}

impl Part {
    fn key(self) -> &'static str {
        match self {
            Part::Duration => "duration",
            Part::WorkingDays => "working_days",
            Part::Lessons => "lessons",
            Part::LastOpening => "last_opening",
            Part::Attendance => "attendance",
        }
    }
}

/// A trainee's attendance rate as FS-A1's part: it rests on no deployment
/// parameter (the per-major months decide the duration alone), wherever it is
/// found (the attendance check, a claim's summary).
pub(crate) fn rate_part(o: Outcome) -> Outcome {
    o.rests_on(&[]).fact("part", Part::Attendance.key())
}

/// A check the class's timetable decides, in a claim that carries none: what
/// the rule needs (the timetable's days and sessions, the lessons a day) is
/// missing, so the rule is unknown (`reason`), never silent.
fn no_timetable(reason: &'static str) -> Outcome {
    Outcome::new(Status::Unknown).because(reason)
}

/// The months of a duration rule (DL-T1, FS-A1's duration) on a class: the
/// seed's 3–6 and, once the deployment sets them, the major's own (one
/// comparison for both rules, [`training_duration`]).
pub(crate) fn duration(kind: &RuleKind, span: &Span, major: Option<&str>) -> Option<Outcome> {
    let (rule, per_major) = duration_of(kind)?;
    Some(training_duration(span, major, rule, per_major))
}

/// FS-A1's last opening ("最后一次开班时间为 12 月末"): the class opens on or
/// before `last_opening` (`MM-DD`) of the programme's year. The original names
/// no year; the reading is DL-P2's: the first year the programme is in force
/// (`in_force` of the rule, else of the policy). A policy that says neither
/// leaves the year open: unknown, never a pass on the class's own year.
pub(crate) fn opening(start: NaiveDate, last_opening: &str, in_force: Option<Period>) -> Outcome {
    let year = in_force.map(|p| p.from.year());
    let last = year.and_then(|y| crate::rules::month_day(y, last_opening));
    let o = match last {
        Some(last) if start <= last => Outcome::new(Status::Pass).because("opening"),
        Some(_) => Outcome::new(Status::Fail).because("opening"),
        None => Outcome::new(Status::Unknown).because("opening_year"),
    };
    o.fact(
        "last_opening",
        last.map(|d| Value::from(ymd(d))).unwrap_or(Value::Null),
    )
    .fact("opening_year", year.map(Value::from).unwrap_or(Value::Null))
}

/// FS-A1 (七(二)2) on a class, one outcome (or more) per part of the standard,
/// each with its own status and its `part` fact: the duration (the seed's 3–6
/// months, and the major's once the deployment sets them: the only part that
/// rests on `per_major`), the working days and the daily lessons (from the
/// timetable; unknown without one), and the last opening. The attendance rate,
/// the standard's last part, is each trainee's own finding.
pub(crate) fn standard_parts(
    kind: &RuleKind,
    span: &Span,
    major: Option<&str>,
    timetable: Option<Timetable<'_>>,
    in_force: Option<Period>,
) -> Vec<Outcome> {
    let RuleKind::TrainingStandard(kinds::TrainingStandard {
        min_lessons,
        lesson_minutes,
        last_opening,
        ..
    }) = kind
    else {
        return Vec::new();
    };
    let part = |p: Part| move |o: Outcome| o.fact("part", p.key());
    // Only the duration rests on the per-major months: the other parts stand
    // on the seed's own numbers and the timetable.
    let own = |p: Part| move |o: Outcome| o.rests_on(&[]).fact("part", p.key());
    let mut out: Vec<Outcome> = duration(kind, span, major)
        .into_iter()
        .map(part(Part::Duration))
        .collect();
    match timetable {
        Some(t) => {
            out.extend(
                working_days(t.schedule)
                    .into_iter()
                    .map(own(Part::WorkingDays)),
            );
            out.extend(
                lessons(t.schedule, t.class, *min_lessons, *lesson_minutes)
                    .into_iter()
                    .map(own(Part::Lessons)),
            );
        }
        None => {
            out.push(own(Part::WorkingDays)(no_timetable("no_timetable_days")));
            out.push(own(Part::Lessons)(
                no_timetable("no_timetable_lessons")
                    .fact("min_lessons", *min_lessons)
                    .fact("required_lesson_minutes", *lesson_minutes),
            ));
        }
    }
    out.push(own(Part::LastOpening)(opening(
        span.start,
        last_opening,
        in_force,
    )));
    out
}

/// The schedule rules on a claim's class (DL-T1, DL-T2, DL-T3, FS-A1 but its
/// attendance rate): what the class's dates decide and, when the claim carries
/// its timetable, what the timetable decides; without one, DL-T2, DL-T3 and
/// FS-A1's working days and lessons are unknown (`no_timetable`; FS-A1's
/// `no_timetable_days` and `no_timetable_lessons`).
pub(crate) fn class_rules(
    kind: &RuleKind,
    span: &Span,
    major: Option<&str>,
    timetable: Option<Timetable<'_>>,
    in_force: Option<Period>,
) -> Vec<Outcome> {
    let Some(k) = kind.as_attendance() else {
        return Vec::new();
    };
    match k {
        AttendanceKind::TrainingDuration(_) => duration(kind, span, major).into_iter().collect(),
        AttendanceKind::WorkingDaysOnly(_) => match timetable {
            Some(t) => working_days(t.schedule),
            None => vec![no_timetable("no_timetable")],
        },
        AttendanceKind::DailyLessons(kinds::DailyLessons {
            min_lessons,
            lesson_minutes,
        }) => match timetable {
            Some(t) => lessons(t.schedule, t.class, *min_lessons, *lesson_minutes),
            None => vec![no_timetable("no_timetable")
                .fact("min_lessons", *min_lessons)
                .fact("required_lesson_minutes", *lesson_minutes)],
        },
        AttendanceKind::TrainingStandard(_) => {
            standard_parts(kind, span, major, timetable, in_force)
        }
        // Not a rule on the class's schedule.
        AttendanceKind::AttendanceThreshold(_)
        | AttendanceKind::PunchWindows(_)
        | AttendanceKind::DailyReport(_)
        | AttendanceKind::PunchExceptionNote(_)
        | AttendanceKind::Supervision(_)
        | AttendanceKind::ViolationEscalation(_)
        | AttendanceKind::VideoEvidence(_)
        | AttendanceKind::OnlineShareLimit(_)
        | AttendanceKind::TrainingVideoKept(_) => Vec::new(),
    }
}

/// A claim's filed months (`filed`) against the class's dates and the months
/// of its duration rule (DL-T1, FS-A1). A fail rests on the dates and the seed
/// alone; a pass, like every duration pass, on the major's months too (the
/// filed duration is the major's, 按照专业确定), so it stands only once the
/// deployment sets them.
pub(crate) fn filed_months(
    kind: &RuleKind,
    span: &Span,
    major: Option<&str>,
    filed: u32,
) -> Vec<Outcome> {
    let Some((rule, per_major)) = duration_of(kind) else {
        return Vec::new();
    };
    let mut checks = Vec::new();
    if !span.length.is_exactly(filed) {
        checks.push(
            Outcome::new(Status::Fail)
                .because("filed_months")
                .rests_on(&[]),
        );
    }
    if filed < rule.min || filed > rule.max {
        checks.push(
            Outcome::new(Status::Fail)
                .because("filed_months_range")
                .rests_on(&[]),
        );
    }
    if checks.is_empty() {
        checks.push(
            Outcome::new(Status::Pass)
                .because("filed_months")
                .rests_on(&["per_major"]),
        );
    }
    checks
        .into_iter()
        .map(|o| {
            let o = length_facts(o.fact("filed_months", filed), span, rule);
            let o = major_facts(o, major, per_major);
            if let RuleKind::TrainingStandard(_) = kind {
                o.fact("part", Part::Duration.key())
            } else {
                o
            }
        })
        .collect()
}
