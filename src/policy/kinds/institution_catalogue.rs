//! The `institution_catalogue` rule kind.

use super::prelude::*;

/// The institution, and the major for it, are in an approved catalogue the
/// deployment sets (FS-I1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstitutionCatalogue {
    /// The catalogue: each institution with the majors it is approved for.
    pub catalogue: Deployment<Vec<CatalogueEntry>>,
    /// Whether being outside the catalogue fails (`strict`) or needs
    /// review (`in_principle`: the original says 原则上).
    #[serde(default)]
    pub strictness: Strictness,
}

impl KindSpec for InstitutionCatalogue {
    const NAME: &'static str = "institution_catalogue";
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
                "strictness_zh",
                "strictness_en",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        CATALOGUE
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.catalogue.param("catalogue")]
    }
}

impl KindCode for InstitutionCatalogue {
    read_params!(InstitutionCatalogue { catalogue: req, strictness: or_default });

    fn lint(&self, cx: &mut LintCx<'_>) {
        for (j, e) in self.catalogue.value.iter().flatten().enumerate() {
            let field = format!(".catalogue.value[{j}].credit_code");
            cx.credit_code(&field, e.credit_code.as_deref());
        }
    }
}

const CATALOGUE: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "unknown.parameter_unset",
            "unknown.unidentified",
            "unknown.name_unmatched",
            "fail.institution",
            "fail.major",
            "unknown.major_missing",
            "unknown.institution_in_principle",
            "unknown.major_in_principle",
            // The claim's own word (`in_catalogue`) against the catalogue.
            "fail.stated_not_listed",
            "unknown.stated_not_listed",
            "fail.claimed_listed",
            "fail.claimed_unlisted",
        ];
