//! The `acceptance_deadline` rule kind.

use super::prelude::*;

/// Acceptance application at least `working_days_before_end` before the class ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcceptanceDeadline {
    /// Working days before the end.
    pub working_days_before_end: u32,
    /// How the working days are counted.
    #[serde(default)]
    pub counting: WorkdayCounting,
}

impl KindSpec for AcceptanceDeadline {
    const NAME: &'static str = "acceptance_deadline";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Check];
    const FACTS: &'static [&'static str] = &[
                "end",
                "deadline",
                "working_days",
                "applied_on",
                "counting",
                "counting_zh",
                "counting_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_DATE
    }
}

impl KindCode for AcceptanceDeadline {
    read_params!(AcceptanceDeadline { working_days_before_end: req, counting: or_default });
}
