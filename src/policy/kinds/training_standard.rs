//! The `training_standard` rule kind.

use super::prelude::*;

/// The Fushun training standard: duration, lessons, attendance, last opening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingStandard {
    /// Shortest, months.
    pub min_months: u32,
    /// Longest, months.
    pub max_months: u32,
    /// Months per major ("培训时长按专业确定"), from a document the seed does
    /// not include: compared as DL-T1 compares its annex's.
    pub per_major: Deployment<SortedMap<String, u32>>,
    /// Lessons per day.
    pub min_lessons: u32,
    /// Minutes per lesson.
    pub lesson_minutes: u32,
    /// Attendance "in principle".
    pub min_rate: Decimal,
    /// Last opening day in the year, `MM-DD`.
    pub last_opening: String,
    /// Whether approved leave counts as attended (default: no).
    #[serde(default)]
    pub leave_counts_as_attended: bool,
    /// Whether the attendance rate is a hard rule or holds "in principle".
    #[serde(default)]
    pub strictness: Strictness,
    /// Days by which a class may miss a duration bound and need review
    /// instead of failing (default 0: none). Never a pass.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tolerance_days: u32,
}

impl KindSpec for TrainingStandard {
    const NAME: &'static str = "training_standard";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check, Role::Parameters];
    const FACTS: &'static [&'static str] = STANDARD_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        STANDARD_MESSAGES
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.per_major.param("per_major")]
    }
}

impl KindCode for TrainingStandard {
    read_params!(TrainingStandard { min_months: req, max_months: req, per_major: req, min_lessons: req, lesson_minutes: req, min_rate: decimal, last_opening: req, leave_counts_as_attended: or_default, strictness: or_default, tolerance_days: or_default });

    fn lint(&self, cx: &mut LintCx<'_>) {
        cx.months_range(self.min_months, self.max_months);
        cx.tolerance(self.tolerance_days);
        cx.per_major(self.min_months, self.max_months, &self.per_major);
        cx.rate(".min_rate", self.min_rate);
        cx.month_day(".last_opening", &self.last_opening);
    }
}

/// Facts of `training_standard`: the schedule's and the rate's, the part of
/// the standard a finding is about, and the last opening.
const STANDARD_FACTS: &[&str] = &[
    "part",
    "class",
    "start",
    "end",
    "trainee",
    "expected_sessions",
    "attended_sessions",
    "excepted_sessions",
    "sick_leave",
    "personal_leave",
    "counted_sessions",
    "undetermined_sessions",
    "unverified_sessions",
    "unstated_note_sessions",
    "rate",
    "rate_percent",
    "min_rate",
    "min_rate_percent",
    "leave_choice_zh",
    "leave_choice_en",
    "date",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "whole_months",
    "extra_days",
    "counted_end",
    "min_months",
    "max_months",
    "major",
    "per_major_months",
    "min_end",
    "max_end",
    "bound_end",
    "missed_by_days",
    "tolerance_days",
    "filed_months",
    "working_days",
    "missed_count",
    "missed_days",
    "days_through",
    "unlisted_days",
    "lessons_per_day",
    "lesson_minutes",
    "min_lessons",
    "required_lesson_minutes",
    "session_minutes",
    "needed_minutes",
    "weekday_zh",
    "weekday_en",
    "training_days",
    "makeup_days",
    "leave_counts",
    "attendance_rate",
    "deadline",
    "last_opening",
    "last_workday",
    "attended_days",
    "summary_field_zh",
    "summary_field_en",
    "stated",
    "check_zh",
    "check_en",
    "expected_values",
    "per_major_end",
    "opening_year",
];

/// The messages a `training_standard` rule needs: one status per part of the
/// standard — the duration (the seed's months and the major's), the working
/// days, the daily lessons (each unknown in a claim without a timetable), the
/// last opening — besides the attendance rate's.
const STANDARD_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.short",
    "fail.long",
    "unknown.within_tolerance",
    "pass.per_major",
    "fail.per_major",
    "unknown.major_unknown",
    "pass.filed_months",
    "fail.filed_months",
    "fail.filed_months_range",
    "pass.working_days",
    "fail.non_working_day",
    "fail.missed_working_days",
    "unknown.partial_timetable",
    "unknown.assumed_calendar",
    "pass.lessons",
    "fail.too_few_lessons",
    "fail.short_lessons",
    "fail.sessions_too_short",
    "unknown.lessons_missing",
    "unknown.no_timetable_days",
    "unknown.no_timetable_lessons",
    "pass.opening",
    "fail.opening",
    "unknown.opening_year",
    "deadline",
];
