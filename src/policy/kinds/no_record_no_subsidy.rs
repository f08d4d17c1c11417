//! The `no_record_no_subsidy` rule kind.

use super::prelude::*;

/// No record in the system, no subsidy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoRecordNoSubsidy {}

impl KindSpec for NoRecordNoSubsidy {
    const NAME: &'static str = "no_record_no_subsidy";
    const FAMILY: Family = Family::Claim;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["system_record", "classified"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for NoRecordNoSubsidy {
    read_params!(NoRecordNoSubsidy {  });
}
