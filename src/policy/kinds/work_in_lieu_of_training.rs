//! The `work_in_lieu_of_training` rule kind.

use crate::error::PolicyCode;
use super::prelude::*;

/// Work in lieu of training (LC-S1): eligible enterprises, newly taken-on workers, per month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkInLieuOfTraining {
    /// Per worker per month.
    pub per_month: Yuan,
    /// Most months per worker.
    pub max_months: u32,
    /// First day of the policy window, `YYYY-MM-DD`.
    pub from: String,
    /// Last day of the policy window, `YYYY-MM-DD`.
    pub until: String,
    /// Enterprise sizes covered in any sector.
    pub sizes: Vec<EnterpriseSize>,
    /// Sectors in which large enterprises are covered too.
    pub large_enterprise_sectors: Vec<Sector>,
    /// Whether dispatched workers count.
    pub dispatched_count: bool,
}

impl KindSpec for WorkInLieuOfTraining {
    const NAME: &'static str = "work_in_lieu_of_training";
    const FAMILY: Family = Family::Enterprise;
    const ROLES: &'static [Role] = &[Role::Check, Role::Amount];
    const FACTS: &'static [&'static str] = WORK_IN_LIEU_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_AMOUNT
    }
}

impl KindCode for WorkInLieuOfTraining {
    read_params!(WorkInLieuOfTraining { per_month: req, max_months: req, from: req, until: req, sizes: req, large_enterprise_sectors: req, dispatched_count: req });

    fn lint(&self, cx: &mut LintCx<'_>) {
        let f = crate::input::date::parse_explained(&self.from);
        let u = crate::input::date::parse_explained(&self.until);
        match (f, u) {
            (Ok(f), Ok(u)) if u < f => cx.error(
                PolicyCode::BadPeriod,
                ".until",
                "ends before it starts",
                "结束早于开始",
            ),
            (Err((en, zh)), _) => cx.bad_params(".from", en, zh),
            (_, Err((en, zh))) => cx.bad_params(".until", en, zh),
            (Ok(_), Ok(_)) => {}
        }
    }
}

const WORK_IN_LIEU_FACTS: &[&str] = line_facts!(
    "size_zh",
    "size_en",
    "sector_zh",
    "sector_en",
    "worker",
    "first_contribution",
    "from",
    "until",
    "per_month",
    "months",
    "window_months",
    "max_months",
);
