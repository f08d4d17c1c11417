//! The `class_filing` rule kind.

use super::prelude::*;

/// Filing at least `working_days_before` working days before opening; at most `max_trainees`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassFiling {
    /// Working days between filing and opening.
    pub working_days_before: u32,
    /// Most trainees per class.
    pub max_trainees: u32,
    /// How the working days are counted.
    #[serde(default)]
    pub counting: WorkdayCounting,
}

impl KindSpec for ClassFiling {
    const NAME: &'static str = "class_filing";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Check];
    const FACTS: &'static [&'static str] = &[
                "start",
                "deadline",
                "working_days",
                "filed_on",
                "approved_on",
                "trainees",
                "max_trainees",
                "stated_trainees",
                "roster_trainees",
                "counting",
                "counting_zh",
                "counting_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        FILING_MESSAGES
    }
}

impl KindCode for ClassFiling {
    read_params!(ClassFiling { working_days_before: req, max_trainees: req, counting: or_default });
}

/// The messages a `class_filing` rule needs: a checked date's, a roster
/// longer than the class size it states, and a class size nobody gives.
const FILING_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "deadline",
    "fail.roster",
    "unknown.size",
];
