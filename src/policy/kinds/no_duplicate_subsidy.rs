//! The `no_duplicate_subsidy` rule kind.

use super::prelude::*;

/// No duplicate participation or subsidy (needs the ledger).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoDuplicateSubsidy {}

impl KindSpec for NoDuplicateSubsidy {
    const NAME: &'static str = "no_duplicate_subsidy";
    const FAMILY: Family = Family::Claim;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["rows"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for NoDuplicateSubsidy {
    read_params!(NoDuplicateSubsidy {  });
}
