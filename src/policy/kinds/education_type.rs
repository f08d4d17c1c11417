//! The `education_type` rule kind.

use super::prelude::*;

/// The graduate's schooling is one of `accepted`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EducationType {
    /// Accepted education types.
    pub accepted: Vec<Education>,
}

impl KindSpec for EducationType {
    const NAME: &'static str = "education_type";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["education", "education_zh", "education_en"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for EducationType {
    read_params!(EducationType { accepted: req });
}
