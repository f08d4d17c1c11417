//! The `never_employed` rule kind.

use super::prelude::*;

/// Never employed since graduation, judged by a unit-based social-insurance record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeverEmployed {
    /// What decides it: `unit_social_insurance`.
    pub evidence: String,
}

impl KindSpec for NeverEmployed {
    const NAME: &'static str = "never_employed";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["unit_social_insurance_record", "employed_since_graduation"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for NeverEmployed {
    read_params!(NeverEmployed { evidence: req });
}
