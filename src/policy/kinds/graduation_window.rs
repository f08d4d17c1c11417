//! The `graduation_window` rule kind.

use super::prelude::*;

/// Left school in one of `left_school_years`, or graduates in one of
/// `graduating_class_years`. Either list may be left to another document
/// (a [`Deployment`] table: FS-E1's years are in 抚人社规\[2023\]4号).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraduationWindow {
    /// Years of leaving school that qualify (if not employed since).
    pub left_school_years: Param<Vec<i32>>,
    /// Graduating classes that qualify while still at school.
    #[serde(default)]
    pub graduating_class_years: Param<Vec<i32>>,
}

impl KindSpec for GraduationWindow {
    const NAME: &'static str = "graduation_window";
    const FAMILY: Family = Family::Eligibility;
    const ROLES: &'static [Role] = &[Role::Check, Role::Parameters];
    const FACTS: &'static [&'static str] = &[
                "graduation_year",
                "left_school_years",
                "graduating_class_years",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        if self.left_school_years.deployment().is_some()
            || self.graduating_class_years.deployment().is_some()
        {
            WINDOW_LEFT_OPEN
        } else {
            messages::CHECK
        }
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        // Either list is a deployment parameter only when written as one.
        [
            ("left_school_years", &self.left_school_years),
            ("graduating_class_years", &self.graduating_class_years),
        ]
        .into_iter()
        .filter_map(|(name, p)| p.deployment().map(|d| d.param(name)))
        .collect()
    }
}

impl KindCode for GraduationWindow {
    read_params!(GraduationWindow { left_school_years: req, graduating_class_years: or_default });
}

/// The messages of a graduation window whose years another document fixes.
const WINDOW_LEFT_OPEN: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "unknown.parameter_unset",
];
