//! The `verified_premises` rule kind.

use super::prelude::*;

/// The class trains on premises the authority verified on site, from a
/// register the deployment sets (FS-I2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifiedPremises {
    /// Each institution's verified premises.
    pub register: Deployment<Vec<PremisesEntry>>,
}

impl KindSpec for VerifiedPremises {
    const NAME: &'static str = "verified_premises";
    const FAMILY: Family = Family::Claim;
    const ROLES: &'static [Role] = &[Role::Check, Role::Parameters];
    const FACTS: &'static [&'static str] = &[
                "institution",
                "credit_code",
                "register",
                "listed",
                "listed_as",
                "matched_by",
                "premises",
                "verified_premises",
                "premises_verified",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        PREMISES
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.register.param("register")]
    }
}

impl KindCode for VerifiedPremises {
    read_params!(VerifiedPremises { register: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        for (j, e) in self.register.value.iter().flatten().enumerate() {
            let field = format!(".register.value[{j}].credit_code");
            cx.credit_code(&field, e.credit_code.as_deref());
        }
    }
}

const PREMISES: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "unknown.parameter_unset",
            "unknown.unidentified",
            "unknown.name_unmatched",
            "fail.stated_not_verified",
            "fail.not_registered",
            "unknown.premises_missing",
            "fail.premises_unlisted",
            // The claim's own word (`premises_verified`) against the register.
            "fail.claimed_verified",
            "fail.claimed_unverified",
        ];
