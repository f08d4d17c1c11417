//! The `startup_and_care` rule kind.

use super::prelude::*;

/// Start-up training and care occupations (LC-S3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StartupAndCare {
    /// Who start-up training serves.
    pub startup_groups: Vec<StartupGroup>,
    /// Occupations on the shortage list.
    pub care_occupations: Vec<String>,
    /// What a flexible domestic-service worker needs to be subsidised like an employee.
    pub domestic_service_requires: Vec<String>,
}

impl KindSpec for StartupAndCare {
    const NAME: &'static str = "startup_and_care";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &[
                "occupation",
                "startup_group_zh",
                "startup_group_en",
                "missing_zh",
                "missing_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for StartupAndCare {
    read_params!(StartupAndCare { startup_groups: req, care_occupations: req, domestic_service_requires: req });
}
