//! The `target_groups` rule kind.

use super::prelude::*;

/// Belongs to one of the target groups, or is an enterprise employee.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetGroups {
    /// Target groups.
    pub groups: Vec<KeyGroup>,
    /// Whether enterprise employees (dispatched included) are covered.
    pub enterprise_employees: bool,
}

impl KindSpec for TargetGroups {
    const NAME: &'static str = "target_groups";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &[
                "key_groups_zh",
                "key_groups_en",
                "matched_zh",
                "matched_en",
                "undetermined_zh",
                "undetermined_en",
                "not_counted_zh",
                "not_counted_en",
                "enterprise_employee",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for TargetGroups {
    read_params!(TargetGroups { groups: req, enterprise_employees: req });
}
