//! Attendance summaries checked against the class's own calendar and timetable.

use super::*;

/// How many sessions and days an attendance summary states, against the
/// class's own calendar: the training days are the working days from the
/// class's first to its last day (make-up working days in), as the attendance
/// module counts a class without a list of days.
#[derive(Debug, Clone)]
pub(super) struct SummaryBasis {
    pub(super) start: chrono::NaiveDate,
    pub(super) end: chrono::NaiveDate,
    pub(super) training_days: u32,
    /// The sessions a day the class states, if it does.
    pub(super) sessions_per_day: Option<u32>,
    /// Every expected-sessions figure the claim's summaries state, ascending.
    pub(super) expected_values: Vec<u32>,
    /// The weekends-only assumption the count rests on, if any.
    pub(super) assumption: Option<String>,
}

/// Which figure of a summary a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SummaryField {
    AttendedDays,
    ExpectedSessions,
    AttendedSessions,
}

impl SummaryField {
    pub(super) fn labels(self) -> (&'static str, &'static str) {
        match self {
            SummaryField::AttendedDays => ("出勤天数", "the number of days attended"),
            SummaryField::ExpectedSessions => ("应出勤节数", "the number of sessions expected"),
            SummaryField::AttendedSessions => ("出勤节数", "the number of sessions attended"),
        }
    }
}

/// What a trainee's attendance summary comes to against the class's own
/// calendar and timetable (DL 一(三), JZ 三(一) 三(四), IP 二(五)): attended days
/// never exceed the class's training days, the expected sessions are the
/// training days times the sessions a day, and no more sessions are attended
/// than the days attended allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SummaryCheck {
    /// Nothing to check (attendance recomputed from punches), or it agrees.
    Agrees,
    /// A figure the class's dates and timetable rule out: nothing is paid on it.
    Contradicts {
        field: SummaryField,
        stated: u32,
        check_zh: String,
        check_en: String,
    },
    /// The claim gives no class dates: the summary cannot be checked.
    Unchecked,
    /// The class states no sessions a day and the summaries state different
    /// expected sessions: which is right cannot be told.
    Disagree(Vec<u32>),
}

impl SummaryCheck {
    /// The facts that say what was found (none when it agrees).
    pub(super) fn facts(&self) -> Vec<(&'static str, Value)> {
        match self {
            SummaryCheck::Agrees | SummaryCheck::Unchecked => Vec::new(),
            SummaryCheck::Contradicts {
                field,
                stated,
                check_zh,
                check_en,
            } => {
                let (zh, en) = field.labels();
                vec![
                    ("summary_field_zh", zh.into()),
                    ("summary_field_en", en.into()),
                    ("stated", (*stated).into()),
                    ("check_zh", check_zh.as_str().into()),
                    ("check_en", check_en.as_str().into()),
                ]
            }
            SummaryCheck::Disagree(values) => vec![("expected_values", values.clone().into())],
        }
    }
}

pub(super) fn percent(num: u32, den: u32) -> String {
    if den == 0 {
        return "—".to_owned();
    }
    let p = (Decimal::from(num) * Decimal::ONE_HUNDRED / Decimal::from(den))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{:.2}%", p)
}

pub(super) fn rate_percent(r: Decimal) -> String {
    let mut p = r * Decimal::ONE_HUNDRED;
    p.rescale(2);
    format!("{p}%")
}

impl Verifier<'_> {
    /// The class's calendar for attendance summaries: `None` when the claim
    /// has no class dates (or they are reversed, which the deadlines refuse).
    pub(super) fn summary_basis(&self) -> Result<Option<&SummaryBasis>, Problem> {
        if self.summary_basis.get().is_none() {
            let basis = match &self.claim.class {
                Some(c) if c.start <= c.end => {
                    let training_days = self
                        .cal
                        .count_workdays(c.start, c.end)
                        .map_err(|e| deadlines::cal_err(e, "$.class.start"))?;
                    let mut expected_values: Vec<u32> = self
                        .claim
                        .trainees
                        .iter()
                        .filter_map(|t| t.attendance.as_ref()?.summary())
                        .map(|s| s.expected_sessions)
                        .collect();
                    crate::sort::ascending(&mut expected_values);
                    expected_values.dedup();
                    Some(SummaryBasis {
                        start: c.start,
                        end: c.end,
                        training_days,
                        sessions_per_day: c.sessions_per_day(),
                        expected_values,
                        assumption: self.cal.assumption_for(c.start, c.end),
                    })
                }
                _ => None,
            };
            let _ = self.summary_basis.set(basis);
        }
        Ok(self.summary_basis.get().and_then(Option::as_ref))
    }

    /// A trainee's attendance against the class's calendar: a summary is
    /// checked, attendance recomputed from punches needs no check.
    pub(super) fn check_summary(&self, t: &Trainee) -> Result<SummaryCheck, Problem> {
        let Some(s) = t.attendance.as_ref().and_then(AttendanceInput::summary) else {
            return Ok(SummaryCheck::Agrees);
        };
        let Some(b) = self.summary_basis()? else {
            return Ok(SummaryCheck::Unchecked);
        };
        let (start, end, d) = (ymd(b.start), ymd(b.end), b.training_days);
        let contradicts = |field, stated, zh: String, en: String| SummaryCheck::Contradicts {
            field,
            stated,
            check_zh: zh,
            check_en: en,
        };
        if s.attended_days > d {
            return Ok(contradicts(
                SummaryField::AttendedDays,
                s.attended_days,
                format!("班级 {start} 至 {end} 只有 {d} 个培训日（工作日）"),
                format!(
                    "the class has only {d} training days (working days) from {start} to {end}"
                ),
            ));
        }
        let per_day = match b.sessions_per_day {
            Some(k) => {
                let want = u64::from(d) * u64::from(k);
                if u64::from(s.expected_sessions) != want {
                    return Ok(contradicts(
                        SummaryField::ExpectedSessions,
                        s.expected_sessions,
                        format!("班级 {start} 至 {end} 的 {d} 个培训日 × 每天 {k} 节 = {want} 节"),
                        format!("the class's {d} training days from {start} to {end} × {k} sessions a day = {want} sessions"),
                    ));
                }
                u64::from(k)
            }
            None => {
                if d == 0 || s.expected_sessions % d != 0 {
                    return Ok(contradicts(
                        SummaryField::ExpectedSessions,
                        s.expected_sessions,
                        format!("班级 {start} 至 {end} 有 {d} 个培训日，每天节数相同，应出勤节数应为 {d} 的整数倍"),
                        format!("the class has {d} training days from {start} to {end}, each with the same sessions, so the sessions expected are a whole multiple of {d}"),
                    ));
                }
                if b.expected_values.len() > 1 {
                    return Ok(SummaryCheck::Disagree(b.expected_values.clone()));
                }
                u64::from(s.expected_sessions / d)
            }
        };
        let most = u64::from(s.attended_days) * per_day;
        if u64::from(s.attended_sessions) > most {
            return Ok(contradicts(
                SummaryField::AttendedSessions,
                s.attended_sessions,
                format!(
                    "出勤 {} 天 × 每天 {per_day} 节，最多 {most} 节",
                    s.attended_days
                ),
                format!(
                    "{} days attended × {per_day} sessions a day is at most {most} sessions",
                    s.attended_days
                ),
            ));
        }
        Ok(SummaryCheck::Agrees)
    }

    /// A per-day or per-person line on the trainee's attended days: `pay` with
    /// them when the summary holds against the class's calendar (or comes from
    /// punches), else the line's outcome without them (no attendance, a
    /// summary the calendar rules out, one that cannot be checked).
    pub(super) fn on_attended_days(
        &self,
        attendance: Option<&AttendanceSummary>,
        check: &SummaryCheck,
        pay: impl FnOnce(&AttendanceSummary) -> LineOutcome,
    ) -> LineOutcome {
        let assumption = || {
            self.summary_basis
                .get()
                .and_then(Option::as_ref)
                .and_then(|b| b.assumption.clone())
        };
        match (attendance, check) {
            (None, _) => LineOutcome::unknown("attendance"),
            (_, SummaryCheck::Contradicts { .. }) => {
                let mut lo = LineOutcome::nothing("summary").summary_facts(check);
                lo.assumption = assumption();
                lo
            }
            (_, SummaryCheck::Unchecked) => LineOutcome::unknown("summary_unchecked"),
            (_, SummaryCheck::Disagree(_)) => {
                LineOutcome::unknown("summary_disagree").summary_facts(check)
            }
            (Some(a), SummaryCheck::Agrees) => pay(a),
        }
    }
}
