//! The `plan_share` rule kind.

use super::prelude::*;

/// A county trains at least `numerator`/`denominator` of its annual plan
/// (JZ-P3): compared exactly, `figure × denominator ≥ plan × numerator`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanShare {
    /// Numerator.
    pub numerator: u32,
    /// Denominator.
    pub denominator: u32,
    /// Which annual plan figure the share is of.
    #[serde(default)]
    pub plan_base: PlanBase,
    /// Each county's annual plan figure (the plan's annex, by county name).
    pub annual_plan: Deployment<SortedMap<String, u32>>,
}

impl KindSpec for PlanShare {
    const NAME: &'static str = "plan_share";
    const FAMILY: Family = Family::Plan;
    const ROLES: &'static [Role] = &[Role::Check, Role::Parameters];
    const FACTS: &'static [&'static str] = PLAN_SHARE_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        PLAN_SHARE_MESSAGES
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.annual_plan.param("annual_plan")]
    }
}

impl KindCode for PlanShare {
    read_params!(PlanShare { numerator: req, denominator: req, plan_base: or_default, annual_plan: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        if self.denominator == 0 || self.numerator > self.denominator || self.denominator > 1000 {
            cx.bad_params(
                "",
                "a share is a fraction between 0 and 1, its denominator at most 1000",
                "比例应为 0 到 1 之间的分数，分母不超过 1000",
            );
        }
    }
}

/// Facts of `plan_share` (JZ-P3, per county).
const PLAN_SHARE_FACTS: &[&str] = &[
    "county",
    "year",
    "as_of",
    "planned",
    "trained",
    "figure",
    "annual_plan",
    "stated_annual_plan",
    "annex_annual_plan",
    "numerator",
    "denominator",
    "figure_times_denominator",
    "plan_times_numerator",
    "plan_base",
    "plan_base_zh",
    "plan_base_en",
];

/// The messages a `plan_share` rule needs, per reason.
const PLAN_SHARE_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "pass.trained",
    "fail.trained",
    "pass.planned",
    "fail.planned",
    "unknown.in_progress",
    "unknown.missing",
    "unknown.no_plan",
    "unknown.not_in_annex",
    "fail.plan_mismatch",
    "unknown.no_counties",
];
