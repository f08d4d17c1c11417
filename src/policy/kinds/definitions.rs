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
}
