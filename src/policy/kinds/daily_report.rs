//! The `daily_report` rule kind.

use super::prelude::*;

/// The daily attendance report, filed before `file_before`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyReport {
    /// Latest filing time, `HH:MM`.
    pub file_before: String,
    /// Which leave a report is reconciled with (default: the session at hand).
    #[serde(default)]
    pub leave_at_filing: LeaveAtFiling,
}

impl KindSpec for DailyReport {
    const NAME: &'static str = "daily_report";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = DAILY_REPORT_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        DAILY_REPORT_MESSAGES
    }
}

impl KindCode for DailyReport {
    read_params!(DailyReport { file_before: req, leave_at_filing: or_default });

    fn lint(&self, cx: &mut LintCx<'_>) {
        if !crate::policy::lint::is_hh_mm(&self.file_before) {
            cx.bad_params(
                ".file_before",
                format!("`{}` is not HH:MM", self.file_before),
                format!("`{}` 不是 HH:MM 形式的时间", self.file_before),
            );
        }
    }
}

/// Facts of `daily_report`.
const DAILY_REPORT_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "date",
    "filed_at",
    "file_before",
    "field_zh",
    "field_en",
    "reported",
    "observed",
    "days",
    "reported_days",
    "observed_from",
    "observed_to",
    "trainees",
    "leave_reading_zh",
    "leave_reading_en",
];

/// The messages a `daily_report` rule needs: the report reconciled at its
/// filing time, a count left open by records not fully stated, and a trainee
/// who signed in after it.
const DAILY_REPORT_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.mismatch",
    "unknown.undetermined",
    "pass.after_filing",
];
