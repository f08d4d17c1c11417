//! The `punch_exception_note` rule kind.

use super::prelude::*;

/// A punch exception counts only with a note carrying these items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PunchExceptionNote {
    /// E.g. `manager_signature`, `stamp`, `trainee_signature`.
    pub requires: Vec<String>,
    /// How an exception with a complete note counts.
    #[serde(default)]
    pub counts_as: ExceptionCounts,
    /// Whether an exception without a complete note counts all the same
    /// (default: no, the digest's reading; the seed is silent).
    #[serde(default)]
    pub counts_without_note: bool,
}

impl KindSpec for PunchExceptionNote {
    const NAME: &'static str = "punch_exception_note";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check, Role::Record];
    const FACTS: &'static [&'static str] = EXCEPTION_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for PunchExceptionNote {
    read_params!(PunchExceptionNote { requires: req, counts_as: or_default, counts_without_note: or_default });
}

/// Facts of `punch_exception_note`.
const EXCEPTION_FACTS: &[&str] = &[
    "exception",
    "trainee",
    "date",
    "session",
    "reason_zh",
    "reason_en",
    "missing_zh",
    "missing_en",
    "unstated_zh",
    "unstated_en",
    "counts_as_zh",
    "counts_as_en",
];
