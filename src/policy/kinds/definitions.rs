//! The `definitions` rule kind.

use super::prelude::*;

/// Definitions the programme uses, and the checks they put on a person's facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definitions {
    /// Term → definition (zh).
    pub terms: SortedMap<String, String>,
    /// The income floor for "employed", yuan a month (the local urban
    /// minimum living standard).
    pub employed_income_floor: Deployment<Yuan>,
    /// Working age for "employed" (劳动年龄内).
    pub working_age: Deployment<WorkingAge>,
    /// The groups the definitions define, with the facts each asks.
    #[serde(default)]
    pub groups: Vec<DefinedGroup>,
    /// The province of the programme's locality (two-digit code): a person
    /// registered in another province has no local household registration.
    #[serde(default)]
    pub local_province: Option<String>,
}

impl KindSpec for Definitions {
    const NAME: &'static str = "definitions";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check, Role::Parameters];
    const FACTS: &'static [&'static str] = &[
                "term",
                "group_zh",
                "group_en",
                "missing_zh",
                "missing_en",
                "contradicted_zh",
                "contradicted_en",
                "income",
                "income_floor",
                "age",
                "min_age",
                "max_age",
                "sex_zh",
                "sex_en",
                "end",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![
            self.employed_income_floor.param("employed_income_floor"),
            self.working_age.param("working_age"),
        ]
    }
}

impl KindCode for Definitions {
    read_params!(Definitions { terms: req, employed_income_floor: req, working_age: req, groups: or_default, local_province: option });

    fn lint(&self, cx: &mut LintCx<'_>) {
        if let Some(w) = self.working_age.value {
            if w.max_men <= w.min || w.max_women <= w.min {
                cx.bad_params(
                    ".working_age.value",
                    "working age ends before it starts",
                    "劳动年龄的上限不高于下限",
                );
            }
        }
        for (i, g) in self.groups.iter().enumerate() {
            if self.groups[..i].iter().any(|h| h.group == g.group) {
                cx.bad_params(
                    &format!(".groups[{i}].group"),
                    format!("`{}` is defined twice", g.group.key()),
                    format!("`{}` 重复定义", g.group.key()),
                );
            }
        }
        if let Some(p) = &self.local_province {
            if crate::identity::province_name(p).is_none() {
                cx.bad_params(
                    ".local_province",
                    format!("`{p}` is not a two-digit province code"),
                    format!("`{p}` 不是两位省级行政区划代码"),
                );
            }
        }
    }
}
