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
    const FACTS: &'static [&'static str] = TIERED_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }
}

impl KindCode for TieredDailySubsidy {
    read_params!(TieredDailySubsidy { min_employment_rate: decimal, tiers: req });
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
