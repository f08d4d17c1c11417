//! The `training_subsidy_rate` rule kind.

use super::prelude::*;

/// A training subsidy whose rate another document fixes (IP-S1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingSubsidyRate {
    /// The rate per person.
    pub rate: Deployment<Yuan>,
    /// Certificates that qualify.
    pub certificates: Vec<Certificate>,
}

impl KindSpec for TrainingSubsidyRate {
    const NAME: &'static str = "training_subsidy_rate";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Amount, Role::Parameters];
    const FACTS: &'static [&'static str] = TRAINING_RATE_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.rate.param("rate")]
    }
}

impl KindCode for TrainingSubsidyRate {
    read_params!(TrainingSubsidyRate { rate: req, certificates: req });
}

const TRAINING_RATE_FACTS: &[&str] = line_facts!("rate", "offline_practice_local");
