//! The `institution_standing` rule kind.

use super::prelude::*;

/// In the catalogue; own verified premises; not a college's premises for
/// that college's graduating class (DL-P1). The catalogue and the register
/// are the deployment's, looked up as `institution_catalogue` and
/// `verified_premises` look them up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstitutionStanding {
    /// The catalogue: each institution with the majors it is selected for.
    pub catalogue: Deployment<Vec<CatalogueEntry>>,
    /// Each institution's premises verified on site.
    pub register: Deployment<Vec<PremisesEntry>>,
    /// The graduating class that may not be trained on its own college's premises.
    pub no_college_premises_for_class_of: Option<i32>,
}

impl KindSpec for InstitutionStanding {
    const NAME: &'static str = "institution_standing";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check, Role::Parameters];
    const FACTS: &'static [&'static str] = &[
                "institution",
                "credit_code",
                "major",
                "catalogue",
                "in_catalogue",
                "listed",
                "listed_as",
                "matched_by",
                "approved_majors",
                "register",
                "premises",
                "verified_premises",
                "premises_verified",
                "premises_college",
                "class_of",
                "trainees",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        STANDING
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.catalogue.param("catalogue"), self.register.param("register")]
    }
}

impl KindCode for InstitutionStanding {
    read_params!(InstitutionStanding { catalogue: req, register: req, no_college_premises_for_class_of: option });

    fn lint(&self, cx: &mut LintCx<'_>) {
        for (j, e) in self.catalogue.value.iter().flatten().enumerate() {
            let field = format!(".catalogue.value[{j}].credit_code");
            cx.credit_code(&field, e.credit_code.as_deref());
        }
        for (j, e) in self.register.value.iter().flatten().enumerate() {
            let field = format!(".register.value[{j}].credit_code");
            cx.credit_code(&field, e.credit_code.as_deref());
        }
    }
}

const STANDING: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "unknown.parameter",
            "pass.catalogue.listed",
            "fail.catalogue.institution",
            "fail.catalogue.major",
            "unknown.catalogue.parameter_unset",
            "unknown.catalogue.parameter",
            "unknown.catalogue.unidentified",
            "unknown.catalogue.name_unmatched",
            "unknown.catalogue.major_missing",
            "fail.catalogue.stated_not_listed",
            "fail.catalogue.claimed_listed",
            "fail.catalogue.claimed_unlisted",
            "pass.premises.verified",
            "fail.premises.not_registered",
            "fail.premises.premises_unlisted",
            "fail.premises.stated_not_verified",
            "fail.premises.claimed_verified",
            "fail.premises.claimed_unverified",
            "unknown.premises.parameter_unset",
            "unknown.premises.parameter",
            "unknown.premises.unidentified",
            "unknown.premises.name_unmatched",
            "unknown.premises.premises_missing",
            "pass.college_premises",
            "fail.college_premises",
            "unknown.college_premises",
        ];
