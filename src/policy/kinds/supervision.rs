//! The `supervision` rule kind.

use super::prelude::*;

/// Supervision of each class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Supervision {
    /// Distinct supervision methods per class.
    pub min_methods: u32,
    /// Signed remote checks per week.
    pub remote_checks_per_week: u32,
    /// On-site inspections per class.
    pub onsite_per_class: u32,
    /// Inspectors per on-site inspection.
    pub inspectors_per_onsite: u32,
    /// How a week with fewer than five training days counts.
    #[serde(default)]
    pub partial_weeks: PartialWeeks,
}

impl KindSpec for Supervision {
    const NAME: &'static str = "supervision";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = SUPERVISION_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        SUPERVISION_MESSAGES
    }
}

impl KindCode for Supervision {
    read_params!(Supervision { min_methods: req, remote_checks_per_week: req, onsite_per_class: req, inspectors_per_onsite: req, partial_weeks: or_default });
}

/// Facts of `supervision`.
const SUPERVISION_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "week",
    "week_monday",
    "training_days_in_week",
    "signed_checks",
    "unsigned_checks",
    "required_checks",
    "methods",
    "method_count",
    "min_methods",
    "onsite_count",
    "min_onsite",
    "inspection",
    "inspection_date",
    "inspectors",
    "min_inspectors",
    "weeks",
    "partial_weeks_zh",
    "partial_weeks_en",
    "date",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "remote_check",
    "signed",
];

/// The messages a `supervision` rule needs: a check or an inspection that is
/// not on a training day of the class.
const SUPERVISION_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.remote_not_training_day",
    "fail.onsite_not_training_day",
];
