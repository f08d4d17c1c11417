//! The `appraisal_subsidy` rule kind.

use super::prelude::*;

/// Appraisal subsidy for a first-time certificate, from a fee table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppraisalSubsidy {
    /// Fee per certificate type (and level) from the fee-standard document.
    pub fee_table: Deployment<SortedMap<String, Yuan>>,
}

impl KindSpec for AppraisalSubsidy {
    const NAME: &'static str = "appraisal_subsidy";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Amount, Role::Parameters];
    const FACTS: &'static [&'static str] = APPRAISAL_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.fee_table.param("fee_table")]
    }
}

impl KindCode for AppraisalSubsidy {
    read_params!(AppraisalSubsidy { fee_table: req });
}

const APPRAISAL_FACTS: &[&str] = line_facts!("certificates_zh", "certificates_en");
