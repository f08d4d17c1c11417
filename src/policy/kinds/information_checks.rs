//! The `information_checks` rule kind.

use super::prelude::*;

/// Information checks before training starts and at its end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InformationChecks {
    /// When: `before_start`, `at_end`.
    pub when: Vec<String>,
    /// What each check confirms is absent.
    pub items: Vec<String>,
    /// Trainees the centre samples per class.
    pub sample_per_class: u32,
}

impl KindSpec for InformationChecks {
    const NAME: &'static str = "information_checks";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Check, Role::Record];
    const FACTS: &'static [&'static str] = &[
                "start",
                "end",
                "deadline",
                "before_start",
                "at_end",
                "missing_zh",
                "missing_en",
                "late_zh",
                "late_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_DATE
    }
}

impl KindCode for InformationChecks {
    read_params!(InformationChecks { when: req, items: req, sample_per_class: req });
}
