//! The publicity list (公示名单, DL-P4, FS-C3): institution, trainee names, ID
//! numbers masked with the policy's [`MaskRule`], and the amounts the engine
//! recomputed (never the claimed ones), with the publicity period's last day
//! computed on the working-day calendar.
//!
//! [`publicity_list`] gives the list as data (JSON through the API);
//! [`to_csv`] writes it as CSV for Excel: UTF-8 with a byte-order mark, CRLF line
//! ends, a title row with the period, a header row, one row per subsidised
//! person and a total row. Cells that a spreadsheet would read as a formula
//! (starting with `=`, `+`, `-`, `@`) are prefixed with `'`.

use crate::policy::kinds;
use crate::sorted::SortedMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, UnknownYears};
use crate::error::Problem;
use crate::identity::MaskRule;
use crate::money::Yuan;
use crate::policy::kinds::RuleKind;
use crate::policy::Policy;
use crate::report::{Citation, PolicyRef, Status};
use crate::rules::claim::{self, Claim, ClaimDecision};
use crate::rules::deadlines::{cal_err, publicity_period};
use crate::rules::{render_message, ymd};

/// The request of `publicity.list` and `publicity.csv`.
///
/// ```
/// let req: peixun::rules::publicity::PublicityRequest = peixun::input::from_json(r#"{
///   "start": "2024-02-01",
///   "claim": {"policy": "jinzhong-2023-skills-shanxi",
///     "trainees": [{"name": "甲", "id_number": "11010519491231002X", "claimed": {"JZ-S2": "300.00"}}],
///     "claimed_total": "300.00"}}"#, 1 << 20).unwrap();
/// assert_eq!(req.start.to_string(), "2024-02-01");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicityRequest {
    /// The claim whose recomputed amounts are published.
    pub claim: Claim,
    /// The first day of publicity.
    #[serde(with = "crate::input::date")]
    pub start: NaiveDate,
}

/// One person on the list.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let list = engine.publicity(r#"{"start": "2024-01-02", "claim": {"policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-07"},
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "system_record": true,
///     "eligibility": {"key_groups": ["veteran"]},
///     "attendance": {"expected_sessions": 3, "attended_sessions": 3, "attended_days": 3},
///     "claimed": {"JZ-S3": "300.00"}}],
///   "claimed_total": "300.00"}}"#).unwrap();
/// assert_eq!(list.rows[0].items["JZ-S3"].to_string(), "300.00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicityRow {
    /// Position on the list, from 1.
    pub row: u32,
    /// Name.
    pub name: String,
    /// The ID number, masked.
    pub id_number: String,
    /// The amount per rule.
    pub items: SortedMap<String, Yuan>,
    /// The person's total.
    pub amount: Yuan,
}

/// The publicity list.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let list = engine.publicity(r#"{"start": "2023-09-27", "claim": {
///   "policy": "dalian-2023-major-conversion",
///   "institution": {"name": "大连某职业培训学校"},
///   "trainees": [{"name": "张三", "id_number": "11010519491231002X", "claimed": {"DL-S2": "0.00"}}],
///   "claimed_total": "0.00"}}"#).unwrap();
/// assert_eq!(list.end.unwrap().to_string(), "2023-10-09"); // 27, 28, 10-07, 10-08, 10-09
/// assert!(list.rows.is_empty()); // nobody is paid: nobody is listed
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicityList {
    /// The policy.
    pub policy: PolicyRef,
    /// The publicity rule, when the policy has one.
    pub rule_id: Option<String>,
    /// Its clause.
    pub citation: Option<Citation>,
    /// The institution (or enterprise) paid.
    pub institution: Option<String>,
    /// The class name.
    pub class: Option<String>,
    /// First day of publicity.
    #[serde(with = "crate::input::date")]
    pub start: NaiveDate,
    /// Last day of publicity; `None` when the policy states no period.
    #[serde(with = "crate::input::date::option")]
    pub end: Option<NaiveDate>,
    /// The period in working days.
    pub working_days: Option<u32>,
    /// How ID numbers are masked.
    pub mask: MaskRule,
    /// The claim's decision: publish only an accepted claim.
    pub decision: ClaimDecision,
    /// The people with a recomputed amount above zero.
    pub rows: Vec<PublicityRow>,
    /// The sum of the rows.
    pub total: Yuan,
    /// The period in Chinese.
    pub message_zh: String,
    /// The period in English.
    pub message_en: String,
    /// Calendar assumptions the end date rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

/// Builds the publicity list of a claim: verifies it, keeps each person whose
/// recomputed amount is above zero, masks their ID numbers, and computes the
/// end of publicity from `start`.
///
/// ```
/// use peixun::calendar::Calendar;
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let policy = set.get("jinzhong-2023-skills-shanxi").unwrap();
/// let claim = peixun::input::from_json(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-07"},
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X",
///     "eligibility": {"key_groups": ["veteran"]}, "system_record": true,
///     "attendance": {"expected_sessions": 3, "attended_sessions": 3, "attended_days": 3},
///     "claimed": {"JZ-S3": "300.00"}}],
///   "claimed_total": "300.00"}"#, 1 << 20).unwrap();
/// let start = "2024-01-02".parse().unwrap();
/// let list = peixun::rules::publicity::publicity_list(policy, &Calendar::builtin(), &claim, start).unwrap();
/// assert_eq!(list.rows[0].id_number, "110105********002X");
/// assert_eq!(list.end, None); // Jinzhong states no publicity period
/// ```
pub fn publicity_list(
    policy: &Policy,
    calendar: &Calendar,
    claim: &Claim,
    start: NaiveDate,
) -> Result<PublicityList, Problem> {
    let report = claim::verify(policy, calendar, claim)?;
    let assumed;
    let cal = if claim.unknown_years == UnknownYears::AssumeWeekendsOnly {
        assumed = calendar
            .clone()
            .with_unknown_years(UnknownYears::AssumeWeekendsOnly);
        &assumed
    } else {
        calendar
    };
    let publicity = policy.rules.iter().find_map(|r| {
        let RuleKind::Publicity(k) = &r.kind else {
            return None;
        };
        Some((r, k))
    });
    let rule = publicity.map(|(r, _)| r);
    let mask = claim::mask_rule(policy);
    let mut rows = Vec::new();
    for p in report.trainees.iter().chain(report.workers.iter()) {
        let mut items = SortedMap::new();
        for l in &p.lines {
            if l.finding.status == Status::Pass && l.amount > Yuan::ZERO {
                items.insert(l.finding.rule_id.clone(), l.amount);
            }
        }
        if p.total > Yuan::ZERO {
            rows.push(PublicityRow {
                row: u32::try_from(rows.len() + 1).unwrap_or(u32::MAX),
                name: p.name.clone(),
                id_number: p.id_number.clone(),
                items,
                amount: p.total,
            });
        }
    }
    let total = rows.iter().map(|r| r.amount).sum();
    let institution = claim
        .institution
        .as_ref()
        .and_then(|i| i.name.clone())
        .or_else(|| claim.enterprise.as_ref().and_then(|e| e.name.clone()));
    let (end, working_days, zh, en, assumptions) = match publicity {
        Some((
            r,
            kinds::Publicity {
                working_days,
                counting,
                ..
            },
        )) => {
            let (end, payable, facts) = publicity_period(cal, start, *working_days, *counting)
                .map_err(|e| cal_err(e, "$.start"))?;
            let (zh, en) = render_message(r, "deadline", Some("ends"), &facts);
            (
                Some(end),
                Some(*working_days),
                zh,
                en,
                cal.assumption_for(start, payable).into_iter().collect(),
            )
        }
        None => (
            None,
            None,
            format!("自 {} 起公示；本政策未规定公示期", ymd(start)),
            format!(
                "publicity from {}; this policy states no publicity period",
                ymd(start)
            ),
            Vec::new(),
        ),
    };
    Ok(PublicityList {
        policy: policy.reference(),
        rule_id: rule.map(|r| r.id.clone()),
        citation: rule.map(|r| r.citation()),
        institution,
        class: claim.class.as_ref().and_then(|c| c.name.clone()),
        start,
        end,
        working_days,
        mask,
        decision: report.decision,
        rows,
        total,
        message_zh: zh,
        message_en: en,
        assumptions,
    })
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break; prefixed
/// with `'` when a spreadsheet would take it for a formula.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The list as CSV for Excel: a byte-order mark, then CRLF-separated rows.
///
/// ```
/// use peixun::rules::publicity::to_csv;
/// let engine = peixun::engine::Engine::new().unwrap();
/// let list = engine.publicity(r#"{"start": "2024-01-02", "claim": {
///   "policy": "jinzhong-2023-skills-shanxi", "institution": {"name": "晋中某培训学校"},
///   "class": {"start": "2023-06-05", "end": "2023-06-07"},
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X",
///     "eligibility": {"key_groups": ["veteran"]}, "system_record": true,
///     "attendance": {"expected_sessions": 3, "attended_sessions": 3, "attended_days": 3},
///     "claimed": {"JZ-S3": "300.00"}}],
///   "claimed_total": "300.00"}}"#).unwrap();
/// let csv = to_csv(&list);
/// assert!(csv.starts_with('\u{feff}'));
/// assert!(csv.contains("\r\n1,晋中某培训学校,甲,110105********002X,300.00,300.00\r\n"));
/// ```
pub fn to_csv(list: &PublicityList) -> String {
    let rules: Vec<&String> = {
        let mut r: Vec<&String> = list.rows.iter().flat_map(|r| r.items.keys()).collect();
        crate::sort::ascending(&mut r);
        r.dedup();
        r
    };
    let institution = list.institution.clone().unwrap_or_default();
    let mut out = String::from('\u{feff}');
    let mut line = |cells: Vec<String>| {
        let joined: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&joined.join(","));
        out.push_str("\r\n");
    };
    let title = match (list.end, list.working_days) {
        (Some(end), Some(n)) => format!(
            "{}补贴公示名单（公示期 {} 至 {}，{n} 个工作日）",
            institution,
            ymd(list.start),
            ymd(end)
        ),
        _ => format!(
            "{}补贴公示名单（自 {} 起公示）",
            institution,
            ymd(list.start)
        ),
    };
    line(vec![title]);
    let mut header = vec![
        "序号".to_owned(),
        "培训机构".to_owned(),
        "姓名".to_owned(),
        "身份证号码".to_owned(),
    ];
    header.extend(rules.iter().map(|r| format!("{r}（元）")));
    header.push("补贴金额（元）".to_owned());
    line(header);
    for r in &list.rows {
        let mut cells = vec![
            r.row.to_string(),
            institution.clone(),
            r.name.clone(),
            r.id_number.clone(),
        ];
        cells.extend(
            rules
                .iter()
                .map(|k| r.items.get(*k).copied().unwrap_or(Yuan::ZERO).to_string()),
        );
        cells.push(r.amount.to_string());
        line(cells);
    }
    let mut total = vec![
        "合计".to_owned(),
        String::new(),
        String::new(),
        String::new(),
    ];
    total.extend(rules.iter().map(|k| {
        list.rows
            .iter()
            .map(|r| r.items.get(*k).copied().unwrap_or(Yuan::ZERO))
            .sum::<Yuan>()
            .to_string()
    }));
    total.push(list.total.to_string());
    line(total);
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("张三"), "张三");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("-2,3"), "\"'-2,3\"");
    }
}
