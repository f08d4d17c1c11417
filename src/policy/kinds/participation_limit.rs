//! The `participation_limit` rule kind.

use super::prelude::*;

/// At most `per_year` participations per person per year (needs the ledger).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipationLimit {
    /// Allowed participations per calendar year.
    pub per_year: u32,
}

impl KindSpec for ParticipationLimit {
    const NAME: &'static str = "participation_limit";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["participations_this_year", "per_year"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for ParticipationLimit {
    read_params!(ParticipationLimit { per_year: req });
}
