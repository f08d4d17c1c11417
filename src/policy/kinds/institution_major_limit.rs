//! The `institution_major_limit` rule kind.

use super::prelude::*;

/// One institution carries at most `max` majors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstitutionMajorLimit {
    /// Most majors per institution.
    pub max: u32,
    /// The rule whose catalogue lists each institution's majors (DL-P1):
    /// when given, the majors counted are the catalogue's for the
    /// institution, and a count within `max` passes only once the
    /// deployment has set that catalogue. Absent: the majors the applicant
    /// or claim names are counted.
    pub catalogue_rule: Option<String>,
}

impl KindSpec for InstitutionMajorLimit {
    const NAME: &'static str = "institution_major_limit";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &[
                "majors",
                "major_count",
                "max",
                "institution",
                "catalogue",
                "listed_as",
                "catalogue_majors",
                "parameter",
                "parameter_state",
                "parameter_state_zh",
                "parameter_state_en",
                "parameter_source",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        match self.catalogue_rule {
            Some(_) => MAJOR_LIMIT_BY_CATALOGUE,
            None => messages::CHECK,
        }
    }
}

impl KindCode for InstitutionMajorLimit {
    read_params!(InstitutionMajorLimit { max: req, catalogue_rule: option });

    /// A rule that counts an institution's majors from another rule's
    /// catalogue (DL-M2's `catalogue_rule`) names a rule of the policy that has one.
    fn lint(&self, cx: &mut LintCx<'_>) {
        let Some(id) = &self.catalogue_rule else {
            return;
        };
        if cx.policy().rule(id).and_then(|r| r.kind.catalogue()).is_none() {
            cx.bad_params(
                ".catalogue_rule",
                format!("`{id}` is not a rule of this policy with a catalogue of institutions (`institution_standing` or `institution_catalogue`)"),
                format!("`{id}` 不是本政策中带有培训机构目录的规则（`institution_standing` 或 `institution_catalogue`）"),
            );
        }
    }
}

/// DL-M2 counting the majors a catalogue lists for the institution.
const MAJOR_LIMIT_BY_CATALOGUE: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "pass.catalogue",
    "fail.catalogue",
    "unknown.parameter_unset",
    "unknown.parameter",
    "unknown.unlisted",
];
