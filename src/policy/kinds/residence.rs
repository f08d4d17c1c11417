//! The `residence` rule kind.

use super::prelude::*;

/// Household registration in one of `provinces`, or (if allowed) studying there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Residence {
    /// Two-digit province codes (GB/T 2260), e.g. `"21"` for Liaoning.
    pub provinces: Vec<String>,
    /// Whether another province's registration counts when the school is in one of `provinces`.
    pub study_in_province_counts: bool,
}

impl KindSpec for Residence {
    const NAME: &'static str = "residence";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &[
                "hukou_province",
                "hukou_province_name",
                "hukou_province_name_en",
                "school_province",
                "school_province_name",
                "school_province_name_en",
                "provinces",
                "provinces_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for Residence {
    read_params!(Residence { provinces: req, study_in_province_counts: req });
}
