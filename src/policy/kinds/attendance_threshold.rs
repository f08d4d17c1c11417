//! The `attendance_threshold` rule kind.

use super::prelude::*;

/// Personal attendance at least `min_rate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceThreshold {
    /// Lowest attendance rate, e.g. `"0.90"`.
    pub min_rate: Decimal,
    /// Whether approved leave counts as attended.
    pub leave_counts_as_attended: bool,
}

impl KindSpec for AttendanceThreshold {
    const NAME: &'static str = "attendance_threshold";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = THRESHOLD_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for AttendanceThreshold {
    read_params!(AttendanceThreshold { min_rate: decimal, leave_counts_as_attended: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        cx.rate(".min_rate", self.min_rate);
    }
}

/// Facts of `attendance_threshold`.
const THRESHOLD_FACTS: &[&str] = &[
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
    "leave_counts",
    "attendance_rate",
    "attended_days",
    "summary_field_zh",
    "summary_field_en",
    "stated",
    "check_zh",
    "check_en",
    "expected_values",
];
