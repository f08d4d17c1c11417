//! The `training_duration` rule kind.

use super::prelude::*;

/// Training lasts `min_months`..=`max_months`, fixed per major by the deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingDuration {
    /// Shortest allowed, months.
    pub min_months: u32,
    /// Longest allowed, months.
    pub max_months: u32,
    /// Months per major (the seed's annex).
    pub per_major: Deployment<SortedMap<String, u32>>,
    /// Days by which a class may miss a bound and need review instead of
    /// failing (the seeds give none: default 0). Never a pass.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tolerance_days: u32,
}

impl KindSpec for TrainingDuration {
    const NAME: &'static str = "training_duration";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check, Role::Parameters];
    const FACTS: &'static [&'static str] = DURATION_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        DURATION_MESSAGES
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.per_major.param("per_major")]
    }
}

impl KindCode for TrainingDuration {
    read_params!(TrainingDuration { min_months: req, max_months: req, per_major: req, tolerance_days: or_default });

    fn lint(&self, cx: &mut LintCx<'_>) {
        cx.months_range(self.min_months, self.max_months);
        cx.tolerance(self.tolerance_days);
        cx.per_major(self.min_months, self.max_months, &self.per_major);
    }
}

/// Facts of `training_duration`.
const DURATION_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "whole_months",
    "extra_days",
    "counted_end",
    "min_months",
    "max_months",
    "major",
    "per_major_months",
    "min_end",
    "max_end",
    "per_major_end",
    "bound_end",
    "missed_by_days",
    "tolerance_days",
    "filed_months",
];

/// The messages a `training_duration` rule needs: a class short of the
/// minimum or over the maximum, one within the tolerance, and the filed months
/// checked against the class's dates.
const DURATION_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.short",
    "fail.long",
    "unknown.within_tolerance",
    "pass.filed_months",
    "fail.filed_months",
    "fail.filed_months_range",
];
