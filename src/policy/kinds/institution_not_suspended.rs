//! The `institution_not_suspended` rule kind.

use super::prelude::*;

/// Not suspended (false advertising, promised subsidies, impersonating the government).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstitutionNotSuspended {}

impl KindSpec for InstitutionNotSuspended {
    const NAME: &'static str = "institution_not_suspended";
    const FAMILY: Family = Family::Claim;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["institution", "suspended"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for InstitutionNotSuspended {
    read_params!(InstitutionNotSuspended {  });
}
