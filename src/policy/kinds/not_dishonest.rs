//! The `not_dishonest` rule kind.

use super::prelude::*;

/// Not on the dishonesty (失信) list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotDishonest {
    /// Whose record.
    pub subject: Subject,
}

impl KindSpec for NotDishonest {
    const NAME: &'static str = "not_dishonest";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["dishonest", "subject"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for NotDishonest {
    read_params!(NotDishonest { subject: req });
}
