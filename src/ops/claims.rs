//! The institution's and the authority's operations: `claim.verify`,
//! `publicity.list`, `publicity.csv` (feature `claims`), `deadlines.plan`
//! (feature `deadlines`) and `plan.check` (feature `plan`).

use serde::Serialize;

use super::{Operation, Run};
use crate::canonical;

/// This family's operations (those of the features built).
pub const OPERATIONS: &[Operation] = &[
    #[cfg(feature = "deadlines")]
    Operation {
        name: "deadlines.plan",
        summary_en: "a class's deadlines: filing, opening, acceptance, publicity, archive",
        summary_zh: "培训班的各项期限：备案、开班、验收、公示、归档",
        run: Run::Read(|e, t| Ok(canonical::to_string(&e.plan_deadlines(t)?))),
    },
    #[cfg(feature = "plan")]
    Operation {
        name: "plan.check",
        summary_en: "a year's plan, county by county, against the plan rules",
        summary_zh: "年度计划逐县对照计划规则",
        run: Run::Read(|e, t| Ok(canonical::to_string(&e.check_plan(t)?))),
    },
    #[cfg(feature = "claims")]
    Operation {
        name: "claim.verify",
        summary_en: "verify a subsidy claim: every line recomputed, every rule's finding",
        summary_zh: "核验补贴申请：逐项重新计算，逐条规则给出结论",
        run: Run::Read(|e, t| Ok(canonical::to_string(&e.verify_claim(t)?))),
    },
    #[cfg(feature = "claims")]
    Operation {
        name: "publicity.list",
        summary_en: "a claim's publicity list, ID numbers masked, with the period's end",
        summary_zh: "补贴申请的公示名单（身份证号码遮盖）及公示期截止日",
        run: Run::Read(|e, t| Ok(canonical::to_string(&e.publicity(t)?))),
    },
    #[cfg(feature = "claims")]
    Operation {
        name: "publicity.csv",
        summary_en: "the publicity list as CSV for Excel (UTF-8 with a byte-order mark)",
        summary_zh: "公示名单 CSV（UTF-8，带 BOM，供 Excel 打开）",
        run: Run::Read(|e, t| {
            Ok(canonical::to_string(&Csv {
                csv: e.publicity_csv(t)?,
            }))
        }),
    },
];

/// The answer of `publicity.csv`.
#[derive(Debug, Serialize)]
pub struct Csv {
    /// The list as CSV.
    pub csv: String,
}
