//! The `monthly_subsidy_by_certificate` rule kind.

use crate::error::PolicyCode;
use super::prelude::*;

/// Per trainee per month by certificate tier (DL-S1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthlySubsidyByCertificate {
    /// The seed's range for qualification or skill-level certificates.
    pub qualification_range: YuanRange,
    /// The seed's range for special-ability certificates.
    pub special_ability_range: YuanRange,
    /// The seed's range for a college training its own graduating-year students.
    pub college_own_students_range: YuanRange,
    /// Rates per major (the deployment's annex).
    pub rates: Deployment<SortedMap<String, TierRates>>,
    /// How months are counted.
    pub month_counting: MonthCounting,
    /// How a partial month is treated.
    pub partial_month: PartialMonth,
}

impl KindSpec for MonthlySubsidyByCertificate {
    const NAME: &'static str = "monthly_subsidy_by_certificate";
    const FAMILY: Family = Family::Amounts;
    const ROLES: &'static [Role] = &[Role::Amount, Role::Parameters];
    const FACTS: &'static [&'static str] = MONTHLY_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::AMOUNT
    }

    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        vec![self.rates.param("rates")]
    }
}

impl KindCode for MonthlySubsidyByCertificate {
    read_params!(MonthlySubsidyByCertificate { qualification_range: req, special_ability_range: req, college_own_students_range: req, rates: req, month_counting: req, partial_month: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        for (name, r) in [
            ("qualification_range", &self.qualification_range),
            ("special_ability_range", &self.special_ability_range),
            ("college_own_students_range", &self.college_own_students_range),
        ] {
            if r.max < r.min {
                cx.bad_params(&format!(".{name}"), "max is below min", "上限低于下限");
            }
        }
        for (major, tiers) in self.rates.value.iter().flatten() {
            let checks: [(&str, Option<Yuan>, &YuanRange); 3] = [
                ("qualification", tiers.qualification, &self.qualification_range),
                (
                    "special_ability",
                    tiers.special_ability,
                    &self.special_ability_range,
                ),
                (
                    "college_own_students",
                    tiers.college_own_students,
                    &self.college_own_students_range,
                ),
            ];
            for (tier, value, range) in checks {
                if let Some(v) = value {
                    if v < range.min || v > range.max {
                        cx.error(
                            PolicyCode::RateOutOfRange,
                            &format!(".rates.value[\"{major}\"].{tier}"),
                            format!(
                                "{major}: {tier} rate {v} yuan is outside {}–{} yuan",
                                range.min, range.max
                            ),
                            format!("{major}：{tier} 档标准 {v} 元超出 {}–{} 元", range.min, range.max),
                        );
                    }
                }
            }
        }
    }
}

const MONTHLY_FACTS: &[&str] = line_facts!(
    "major",
    "tier_zh",
    "tier_en",
    "rate",
    "months",
    "month_counting_zh",
    "month_counting_en",
    "partial_month_zh",
    "partial_month_en",
    "attendance_rule",
    "filed_months",
    "whole_months",
    "extra_days",
    "max_months",
);
