//! The `no_evaluation_subsidy_after` rule kind.

use super::prelude::*;

/// No evaluation subsidy for someone who already had `benefit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoEvaluationSubsidyAfter {
    /// The earlier benefit, e.g. `unemployment_insurance_skill_upgrade`.
    pub benefit: String,
}

impl KindSpec for NoEvaluationSubsidyAfter {
    const NAME: &'static str = "no_evaluation_subsidy_after";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Check, Role::Amount];
    const FACTS: &'static [&'static str] = AFTER_BENEFIT_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }
}

impl KindCode for NoEvaluationSubsidyAfter {
    read_params!(NoEvaluationSubsidyAfter { benefit: req });
}

const AFTER_BENEFIT_FACTS: &[&str] = line_facts!("ui_skill_upgrade_eligible");
