//! The `claim_completeness` rule kind.

use super::prelude::*;

/// A claim carries these documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCompleteness {
    /// Required items.
    pub required: Vec<String>,
}

impl KindSpec for ClaimCompleteness {
    const NAME: &'static str = "claim_completeness";
    const FAMILY: Family = Family::Claim;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["missing_zh", "missing_en"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for ClaimCompleteness {
    read_params!(ClaimCompleteness { required: req });
}
