//! The `season_deadlines` rule kind.

use super::prelude::*;

/// Training finished by `finish_by` and paid by `pay_by_next_year` of the next year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonDeadlines {
    /// `MM-DD` in the training year.
    pub finish_by: String,
    /// `MM-DD` in the next year.
    pub pay_by_next_year: String,
    /// Whether `finish_by` is a plan target rather than a cut-off: a class
    /// that ends later needs review instead of failing (JZ-P1).
    #[serde(default)]
    pub finish_by_is_target: bool,
}

impl KindSpec for SeasonDeadlines {
    const NAME: &'static str = "season_deadlines";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Check];
    const FACTS: &'static [&'static str] = &[
                "start",
                "end",
                "deadline",
                "finish_by",
                "pay_by",
                "last_workday",
                "weekday_zh",
                "weekday_en",
                "paid_on",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_DATE
    }
}

impl KindCode for SeasonDeadlines {
    read_params!(SeasonDeadlines { finish_by: req, pay_by_next_year: req, finish_by_is_target: or_default });

    fn lint(&self, cx: &mut LintCx<'_>) {
        cx.month_day(".finish_by", &self.finish_by);
        cx.month_day(".pay_by_next_year", &self.pay_by_next_year);
    }
}
