//! The `plan_minimum` rule kind.

use super::prelude::*;

/// Each listed programme (a county's local brand, JZ-S4) trains at least
/// `min_trainees` people in the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanMinimum {
    /// Trainees.
    pub min_trainees: u32,
}

impl KindSpec for PlanMinimum {
    const NAME: &'static str = "plan_minimum";
    const FAMILY: Family = Family::Plan;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = PLAN_MINIMUM_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        PLAN_MINIMUM_MESSAGES
    }
}

impl KindCode for PlanMinimum {
    read_params!(PlanMinimum { min_trainees: req });
}

/// Facts of `plan_minimum` (JZ-S4, per brand of a county).
const PLAN_MINIMUM_FACTS: &[&str] = &[
    "county",
    "brand",
    "year",
    "as_of",
    "planned",
    "trained",
    "min_trainees",
];

/// The messages a `plan_minimum` rule needs, per reason.
const PLAN_MINIMUM_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "pass.trained",
    "fail.trained",
    "pass.planned",
    "fail.planned",
    "unknown.in_progress",
    "unknown.missing",
    "unknown.no_brands",
    "unknown.no_counties",
];
