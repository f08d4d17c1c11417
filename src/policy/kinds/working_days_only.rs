//! The `working_days_only` rule kind.

use super::prelude::*;

/// Training days are the working days of the China calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkingDaysOnly {}

impl KindSpec for WorkingDaysOnly {
    const NAME: &'static str = "working_days_only";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check, Role::Date];
    const FACTS: &'static [&'static str] = WORKING_DAY_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        WORKING_DAY_MESSAGES
    }
}

impl KindCode for WorkingDaysOnly {
    read_params!(WorkingDaysOnly {  });
}

/// Facts of `working_days_only`.
const WORKING_DAY_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "date",
    "weekday_zh",
    "weekday_en",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "training_days",
    "makeup_days",
    "working_days",
    "missed_count",
    "missed_days",
    "days_through",
    "unlisted_days",
];

/// The messages a `working_days_only` rule needs: working days the timetable
/// leaves out, a timetable that lists only part of the class, and a claim that
/// carries no timetable.
const WORKING_DAY_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.missed_working_days",
    "unknown.partial_timetable",
    "unknown.no_timetable",
];
