//! The `publicity` rule kind.

use super::prelude::*;

/// Publicity for `working_days`, ID numbers masked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publicity {
    /// Working days of publicity.
    pub working_days: u32,
    /// How ID numbers are masked.
    pub mask: MaskRule,
    /// Whether the first day of publicity counts.
    #[serde(default)]
    pub counting: PeriodCounting,
}

impl KindSpec for Publicity {
    const NAME: &'static str = "publicity";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date];
    const FACTS: &'static [&'static str] = &[
                "working_days",
                "publicity_start",
                "deadline",
                "payable_from",
                "counting",
                "counting_zh",
                "counting_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::DATE
    }
}

impl KindCode for Publicity {
    read_params!(Publicity { working_days: req, mask: req, counting: or_default });
}
