//! The `daily_allowance` rule kind.

use super::prelude::*;

/// A living allowance per training day for listed groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyAllowance {
    /// Per person per day.
    pub per_day: Yuan,
    /// Groups covered.
    pub groups: Vec<KeyGroup>,
}

impl KindSpec for DailyAllowance {
    const NAME: &'static str = "daily_allowance";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Amount];
    const FACTS: &'static [&'static str] = DAILY_ALLOWANCE_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }
}

impl KindCode for DailyAllowance {
    read_params!(DailyAllowance { per_day: req, groups: req });
}

const DAILY_ALLOWANCE_FACTS: &[&str] = line_facts!(
    "per_day",
    "days",
    "key_groups_zh",
    "key_groups_en",
    "matched_zh",
    "matched_en",
    "undetermined_zh",
    "undetermined_en",
    "not_counted_zh",
    "not_counted_en",
);
