//! The `archive_retention` rule kind.

use super::prelude::*;

/// Records archived for `years`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchiveRetention {
    /// Years.
    pub years: u32,
}

impl KindSpec for ArchiveRetention {
    const NAME: &'static str = "archive_retention";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Record];
    const FACTS: &'static [&'static str] = &["end", "deadline", "archive_years", "months_after"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::DATE
    }
}

impl KindCode for ArchiveRetention {
    read_params!(ArchiveRetention { years: req });
}
