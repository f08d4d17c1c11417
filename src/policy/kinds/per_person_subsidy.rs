//! The `per_person_subsidy` rule kind.

use super::prelude::*;

/// A flat amount per person (JZ-S2), for a person who completed the training.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerPersonSubsidy {
    /// Amount per person.
    pub amount: Yuan,
    /// The share of the expected sessions a person must attend to have
    /// completed the training (the seed sets none: a deployment's figure).
    pub completion_rate: Deployment<Decimal>,
}

impl KindSpec for PerPersonSubsidy {
    const NAME: &'static str = "per_person_subsidy";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Amount, Role::Parameters];
    const FACTS: &'static [&'static str] = PER_PERSON_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.completion_rate.param("completion_rate")]
    }
}

impl KindCode for PerPersonSubsidy {
    read_params!(PerPersonSubsidy { amount: req, completion_rate: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        if let Some(r) = self.completion_rate.value {
            cx.rate(".completion_rate.value", r);
        }
    }
}

const PER_PERSON_FACTS: &[&str] = line_facts!(
    "per_person",
    "enterprise_employee",
    "expected_sessions",
    "attended_sessions",
    "completion_percent",
    "min_completion_percent",
);
