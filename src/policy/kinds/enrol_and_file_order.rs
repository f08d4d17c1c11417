//! The `enrol_and_file_order` rule kind.

use super::prelude::*;

/// Enrol before training, file before opening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnrolAndFileOrder {}

impl KindSpec for EnrolAndFileOrder {
    const NAME: &'static str = "enrol_and_file_order";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Check];
    const FACTS: &'static [&'static str] = &[
                "start",
                "deadline",
                "filed_on",
                "approved_on",
                "enrolled_on",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_DATE
    }
}

impl KindCode for EnrolAndFileOrder {
    read_params!(EnrolAndFileOrder {  });
}
