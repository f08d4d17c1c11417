//! The `record` rule kind.

use super::prelude::*;

/// A record the engine accepts and validates but does not score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// What is recorded.
    pub items: Vec<String>,
}

impl KindSpec for Record {
    const NAME: &'static str = "record";
    const FAMILY: Family = Family::Record;
    const ROLES: &'static [Role] = &[Role::Record];
    const FACTS: &'static [&'static str] = &[];

    fn required_messages(&self) -> &'static [&'static str] {
        &["summary"]
    }
}

impl KindCode for Record {
    read_params!(Record { items: req });
}
