//! The `capped_daily_subsidy` rule kind.

use super::prelude::*;

/// Per-day amount with a cap per person, for key groups (JZ-S3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CappedDailySubsidy {
    /// Per person per day.
    pub per_day: Yuan,
    /// Cap per person.
    pub cap: Yuan,
    /// Groups covered.
    pub groups: Vec<KeyGroup>,
}

impl KindSpec for CappedDailySubsidy {
    const NAME: &'static str = "capped_daily_subsidy";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Amount];
    const FACTS: &'static [&'static str] = CAPPED_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_AMOUNT
    }
}

impl KindCode for CappedDailySubsidy {
    read_params!(CappedDailySubsidy { per_day: req, cap: req, groups: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        if self.cap < self.per_day {
            cx.bad_params(
                ".cap",
                "the cap is below one day's amount",
                "封顶额低于一天的金额",
            );
        }
    }
}

const CAPPED_FACTS: &[&str] = line_facts!(
    "key_groups_zh",
    "key_groups_en",
    "matched_zh",
    "matched_en",
    "undetermined_zh",
    "undetermined_en",
    "not_counted_zh",
    "not_counted_en",
    "enterprise_employee",
    "per_day",
    "cap",
    "days",
);
