//! The `major_in_list` rule kind.

use super::prelude::*;

/// The major is one of the listed majors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MajorInList {
    /// The majors, by their Chinese names.
    pub majors: Vec<String>,
}

impl KindSpec for MajorInList {
    const NAME: &'static str = "major_in_list";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["major"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for MajorInList {
    read_params!(MajorInList { majors: req });
}
