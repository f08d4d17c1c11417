//! The `class_opening` rule kind.

use super::prelude::*;

/// Conditions at opening (DL-P2): voucher, school roster, last opening, unemployment verified.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassOpening {
    /// Last opening day in the year, `MM-DD`.
    pub last_opening: String,
    /// The graduating class that needs a school-stamped roster.
    pub stamped_roster_for_class_of: Option<i32>,
}

impl KindSpec for ClassOpening {
    const NAME: &'static str = "class_opening";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Check, Role::Record];
    const FACTS: &'static [&'static str] = &[
                "start",
                "deadline",
                "last_opening",
                "last_workday",
                "weekday_zh",
                "weekday_en",
                "class_of",
                "graduation_year",
                "stamped_roster",
                "by_institution",
                "by_district",
                "missing_zh",
                "missing_en",
                "late_zh",
                "late_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_DATE
    }
}

impl KindCode for ClassOpening {
    read_params!(ClassOpening { last_opening: req, stamped_roster_for_class_of: option });

    fn lint(&self, cx: &mut LintCx<'_>) {
        cx.month_day(".last_opening", &self.last_opening);
    }
}
