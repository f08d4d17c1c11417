//! The `violation_escalation` rule kind.

use super::prelude::*;

/// Consequences by violation count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViolationEscalation {
    /// Consequence of the 1st, 2nd, 3rd… violation.
    pub steps: Vec<String>,
}

impl KindSpec for ViolationEscalation {
    const NAME: &'static str = "violation_escalation";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = ESCALATION_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for ViolationEscalation {
    read_params!(ViolationEscalation { steps: req });
}

/// Facts of `violation_escalation`.
const ESCALATION_FACTS: &[&str] = &["violations", "consequence_zh", "consequence_en", "step"];
