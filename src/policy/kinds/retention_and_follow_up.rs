//! The `retention_and_follow_up` rule kind.

use super::prelude::*;

/// Archives kept and employment followed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionAndFollowUp {
    /// Years archives are kept.
    pub archive_years: u32,
    /// Follow-up points, months after the end of training (0 = at the end).
    pub follow_up_months: Vec<u32>,
}

impl KindSpec for RetentionAndFollowUp {
    const NAME: &'static str = "retention_and_follow_up";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Record];
    const FACTS: &'static [&'static str] = &["end", "deadline", "archive_years", "months_after"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::DATE
    }
}

impl KindCode for RetentionAndFollowUp {
    read_params!(RetentionAndFollowUp { archive_years: req, follow_up_months: req });
}
