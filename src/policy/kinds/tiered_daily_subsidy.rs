//! The `tiered_daily_subsidy` rule kind.

use super::prelude::*;

/// Tiered per-day amount conditional on the class's employment rate (JZ-S1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieredDailySubsidy {
    /// Lowest employment rate after training, e.g. `"0.80"`.
    pub min_employment_rate: Decimal,
    /// The tiers, in day order.
    pub tiers: Vec<DayTier>,
}

impl KindSpec for TieredDailySubsidy {
    const NAME: &'static str = "tiered_daily_subsidy";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Amount];
    const FACTS: &'static [&'static str] = TIERED_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }
}

impl KindCode for TieredDailySubsidy {
    read_params!(TieredDailySubsidy { min_employment_rate: decimal, tiers: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        cx.rate(".min_employment_rate", self.min_employment_rate);
        let mut last = 0;
        for (i, t) in self.tiers.iter().enumerate() {
            let open = t.through_day.is_none();
            let is_last = i + 1 == self.tiers.len();
            if open != is_last {
                cx.bad_params(
                    &format!(".tiers[{i}]"),
                    "only the last tier, and always the last tier, has no `through_day`",
                    "只有最后一档不写 `through_day`，且最后一档必须不写",
                );
            }
            if let Some(d) = t.through_day {
                if d <= last {
                    cx.bad_params(
                        &format!(".tiers[{i}].through_day"),
                        "tiers must go up",
                        "各档的 `through_day` 必须逐档增大",
                    );
                }
                last = d;
            }
        }
        if self.tiers.is_empty() {
            cx.bad_params(".tiers", "no tiers", "没有分档");
        }
    }
}

const TIERED_FACTS: &[&str] = line_facts!(
    "employed",
    "not_employed",
    "denominator",
    "class_size",
    "listed",
    "unlisted",
    "employment_unknown",
    "employment_rate",
    "max_employed",
    "max_employment_rate",
    "min_employment_rate",
    "days",
);
