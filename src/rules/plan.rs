//! Plan-level rules (`plan.check`): what a year of a programme must add up to,
//! county by county, rather than what one class or one person must do.
//!
//! - `plan_minimum` (JZ-S4 "针对“一县一品”地方特色品牌,每个品牌开展不少于100人的
//!   技能提升培训"): each brand a county lists trains at least the minimum.
//! - `plan_share` (JZ-P3 "县(区、市)属企业职工……培训人数应不少于年度计划数的三分
//!   之一"): the staff of a county's own enterprises trained are at least the
//!   share of its annual plan, compared exactly: `trained × 3 ≥ plan × 1`, no
//!   division, both products shown.
//!
//! Every figure is optional and a missing one is unknown, never a pass. A
//! figure of people *trained* decides when it meets the rule; a shortfall
//! fails only once the year is over (the request's `as_of` falls after
//! 31 December of its `year`), before that it needs review. Without a trained
//! figure the *planned* one is checked: a plan below the rule fails, a plan that
//! meets it passes, and its message says it is a plan. The annual plan figures
//! are the deployment's table (`annual_plan`, the plan's annex, not in the
//! seed): a share never passes on a plan figure the county states itself
//! unless the deployment has set the table, and a stated figure that differs
//! from the table is a finding of its own.

use crate::error::InputCode;
use crate::policy::kinds;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Explain, PlanCode, Problem};
use crate::input::InputError;
use crate::policy::kinds::{Family, PlanBase, PlanKind, RuleKind};
use crate::policy::parameters::ParamState;
use crate::policy::{Policy, Rule};
use crate::report::{Assessment, Finding, PolicyRef, Status};
use crate::rules::{finding, opt, ymd, Outcome};

/// The request of `plan.check`: a year's figures, county by county.
///
/// ```
/// let req: peixun::rules::plan::PlanCheckRequest = peixun::input::from_json(r#"{
///   "policy": "jinzhong-2023-skills-shanxi", "year": 2023,
///   "counties": [{"county": "太谷区", "brands": [{"brand": "太谷饼", "planned": 120}]}]}"#, 4096).unwrap();
/// assert_eq!(req.counties[0].brands.as_ref().unwrap()[0].planned, Some(120));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanCheckRequest {
    /// The policy.
    pub policy: String,
    /// The plan year (2000–2199).
    #[serde(default)]
    pub year: Option<i32>,
    /// The day the trained figures were counted; after 31 December of `year`
    /// they are the year's final figures.
    #[serde(default, with = "crate::input::date::option")]
    pub as_of: Option<NaiveDate>,
    /// The counties (县、区、市), each with its figures.
    #[serde(default)]
    pub counties: Vec<CountyPlan>,
}

/// One county's figures for the year.
///
/// ```
/// let c: peixun::rules::plan::CountyPlan = peixun::input::from_json(r#"{"county": "榆次区",
///   "annual_plan": 1200, "county_enterprise_staff": {"trained": 450}}"#, 1024).unwrap();
/// assert_eq!(c.county_enterprise_staff.unwrap().trained, Some(450));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountyPlan {
    /// The county's name, as the deployment's table of annual plans writes it.
    #[serde(default)]
    pub county: Option<String>,
    /// The county's annual plan figure (JZ-P3's base), as the county states it;
    /// compared with the deployment's table when that is set.
    #[serde(default)]
    pub annual_plan: Option<u32>,
    /// Staff of the county's own (县(区、市)属) enterprises, planned and trained.
    #[serde(default)]
    pub county_enterprise_staff: Option<Figures>,
    /// The county's local brands (一县一品); absent or empty: none listed.
    #[serde(default)]
    pub brands: Option<Vec<BrandPlan>>,
}

/// People planned and people trained in the year.
///
/// ```
/// let f: peixun::rules::plan::Figures = peixun::input::from_json(r#"{"planned": 400}"#, 64).unwrap();
/// assert_eq!((f.planned, f.trained), (Some(400), None));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// People planned for the year.
    #[serde(default)]
    pub planned: Option<u32>,
    /// People trained so far (or in the whole year, once it is over).
    #[serde(default)]
    pub trained: Option<u32>,
}

/// One local brand of a county (JZ-S4).
///
/// ```
/// let b: peixun::rules::plan::BrandPlan = peixun::input::from_json(r#"{"brand": "平遥牛肉", "trained": 130}"#, 64).unwrap();
/// assert_eq!(b.trained, Some(130));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandPlan {
    /// The brand's name.
    #[serde(default)]
    pub brand: Option<String>,
    /// People planned for the year.
    #[serde(default)]
    pub planned: Option<u32>,
    /// People trained so far (or in the whole year).
    #[serde(default)]
    pub trained: Option<u32>,
}

/// A county's decision, from its own findings.
///
/// ```
/// let d = peixun::rules::plan::CountyDecision { county: "榆次区".into(), decision: peixun::report::Assessment::Pass };
/// assert_eq!(serde_json::to_value(&d).unwrap()["decision"], "pass");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountyDecision {
    /// The county's name (`#n` when the request gives none).
    pub county: String,
    /// Pass, fail or needs review.
    pub decision: Assessment,
}

/// The answer of `plan.check`.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let out = engine.check_plan(r#"{"policy": "jinzhong-2023-skills-shanxi", "year": 2023, "as_of": "2024-01-15",
///   "counties": [{"county": "平遥县", "brands": [{"brand": "平遥牛肉", "trained": 96}]}]}"#).unwrap();
/// let s4 = out.findings.iter().find(|f| f.rule_id == "JZ-S4").unwrap();
/// assert_eq!(s4.status, peixun::report::Status::Fail); // 96 < 100, and 2023 is over
/// assert_eq!(out.decision, peixun::report::Assessment::Fail);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanCheck {
    /// The policy used.
    pub policy: PolicyRef,
    /// The plan year.
    pub year: Option<i32>,
    /// The day the trained figures were counted.
    #[serde(with = "crate::input::date::option")]
    pub as_of: Option<NaiveDate>,
    /// Any fail fails; else any unknown needs review; else pass.
    pub decision: Assessment,
    /// Each county's decision, in the request's order.
    pub counties: Vec<CountyDecision>,
    /// The findings, county by county, each rule in the policy's order; a
    /// brand's finding names `county/brand` as its subject, a county's the county.
    pub findings: Vec<Finding>,
}

fn invalid(path: String, en: String, zh: String) -> Problem {
    InputError::new(InputCode::InvalidValue, path, en)
        .with_zh(zh)
        .problem()
}

/// Refuses what cannot be a year's figures: a year outside 2000–2199, counted
/// before the year began, a county or a brand named twice.
fn validate(req: &PlanCheckRequest) -> Result<(), Problem> {
    if let Some(y) = req.year {
        if !(2000..=2199).contains(&y) {
            return Err(invalid(
                "$.year".into(),
                format!("{y} is not a plan year (2000–2199)"),
                format!("{y} 不是计划年度（2000—2199）"),
            ));
        }
        if let Some(d) = req.as_of {
            if d.year() < y {
                return Err(invalid(
                    "$.as_of".into(),
                    format!(
                        "the figures are counted on {}, before the year {y} begins",
                        ymd(d)
                    ),
                    format!("统计日期 {} 早于 {y} 年度开始", ymd(d)),
                ));
            }
        }
    }
    let mut counties: Vec<&str> = Vec::new();
    for (i, c) in req.counties.iter().enumerate() {
        if let Some(name) = c.county.as_deref() {
            if counties.contains(&name) {
                return Err(invalid(
                    format!("$.counties[{i}].county"),
                    format!("the county {name} is listed twice"),
                    format!("县（区、市）“{name}”重复列出"),
                ));
            }
            counties.push(name);
        }
        let mut brands: Vec<&str> = Vec::new();
        for (j, b) in c.brands.iter().flatten().enumerate() {
            if let Some(name) = b.brand.as_deref() {
                if brands.contains(&name) {
                    return Err(invalid(
                        format!("$.counties[{i}].brands[{j}].brand"),
                        format!("the brand {name} is listed twice"),
                        format!("品牌“{name}”重复列出"),
                    ));
                }
                brands.push(name);
            }
        }
    }
    Ok(())
}

/// How a figure measures up: the status, the reason (the message's key) and
/// the figure that decided.
fn judge(
    f: Figures,
    year_over: bool,
    meets: impl Fn(u32) -> bool,
) -> (Status, &'static str, Option<u32>) {
    match (f.trained, f.planned) {
        (Some(t), _) if meets(t) => (Status::Pass, "trained", Some(t)),
        (Some(t), _) if year_over => (Status::Fail, "trained", Some(t)),
        (_, Some(p)) if !meets(p) => (Status::Fail, "planned", Some(p)),
        (Some(t), _) => (Status::Unknown, "in_progress", Some(t)),
        (None, Some(p)) => (Status::Pass, "planned", Some(p)),
        (None, None) => (Status::Unknown, "missing", None),
    }
}

/// The facts every plan finding carries.
fn base(req: &PlanCheckRequest, county: &str) -> Outcome {
    Outcome::new(Status::Unknown)
        .fact("county", county.to_owned())
        .fact("year", opt(req.year))
        .fact("as_of", opt(req.as_of.map(ymd)))
}

fn restate(mut o: Outcome, status: Status, reason: &'static str) -> Outcome {
    o.status = status;
    o.reason = Some(reason);
    o
}

/// JZ-S4: each brand of the county.
fn brands(min: u32, req: &PlanCheckRequest, i: usize, label: &str) -> Vec<Outcome> {
    let c = &req.counties[i];
    let year_over = year_over(req);
    let listed = c.brands.as_deref().unwrap_or_default();
    if listed.is_empty() {
        return vec![restate(base(req, label), Status::Unknown, "no_brands")
            .about(label.to_owned())
            .fact("brand", Value::Null)
            .fact("planned", Value::Null)
            .fact("trained", Value::Null)
            .fact("min_trainees", min)];
    }
    listed
        .iter()
        .enumerate()
        .map(|(j, b)| {
            let brand = b.brand.clone().unwrap_or_else(|| format!("#{}", j + 1));
            let figures = Figures {
                planned: b.planned,
                trained: b.trained,
            };
            let (status, reason, _) = judge(figures, year_over, |n| n >= min);
            restate(base(req, label), status, reason)
                .about(format!("{label}/{brand}"))
                .fact("brand", brand)
                .fact("planned", opt(b.planned))
                .fact("trained", opt(b.trained))
                .fact("min_trainees", min)
        })
        .collect()
}

fn plan_base_words(b: PlanBase) -> (&'static str, &'static str, &'static str) {
    match b {
        PlanBase::EnterpriseStaffTraining => (
            "enterprise_staff_training",
            "本县（区、市）企业职工培训年度计划数",
            "the county's annual plan for enterprise-staff training",
        ),
        PlanBase::AllSubsidisedTraining => (
            "all_subsidised_training",
            "本县（区、市）补贴性职业技能培训年度计划总数",
            "the county's whole annual plan of subsidised training",
        ),
    }
}

/// JZ-P3: the county's own enterprises' staff against its annual plan.
fn share(rule: &Rule, req: &PlanCheckRequest, i: usize, label: &str) -> Vec<Outcome> {
    let RuleKind::PlanShare(kinds::PlanShare {
        numerator,
        denominator,
        plan_base,
        annual_plan,
    }) = &rule.kind
    else {
        return Vec::new();
    };
    let (num, den) = (*numerator, *denominator);
    let c = &req.counties[i];
    let state = annual_plan.state();
    let annex = c
        .county
        .as_deref()
        .and_then(|name| annual_plan.value.as_ref()?.get(name).copied());
    let stated = c.annual_plan;
    let (base_key, base_zh, base_en) = plan_base_words(*plan_base);
    let common = |o: Outcome| {
        o.about(label.to_owned())
            .fact("stated_annual_plan", opt(stated))
            .fact("annex_annual_plan", opt(annex))
            .fact("numerator", num)
            .fact("denominator", den)
            .fact("plan_base", base_key)
            .fact("plan_base_zh", base_zh)
            .fact("plan_base_en", base_en)
    };
    let mut out = Vec::new();
    // A stated plan figure the deployment's table contradicts.
    if let (ParamState::Set, Some(a), Some(s)) = (state, annex, stated) {
        if a != s {
            out.push(
                common(restate(base(req, label), Status::Fail, "plan_mismatch"))
                    .fact("annual_plan", a),
            );
        }
    }
    // The base: the table's figure when it is set; else the stated one (a pass
    // on it cannot stand: `settle`, or `not_in_annex` below); else an example
    // figure of the table, on which nothing stands.
    let (plan, from_example) = match (state, annex, stated) {
        (ParamState::Set, Some(a), _) => (Some(a), false),
        (_, _, Some(s)) => (Some(s), false),
        (ParamState::Example, Some(a), None) => (Some(a), true),
        _ => (None, false),
    };
    let figures = c.county_enterprise_staff.unwrap_or_default();
    let o = common(base(req, label))
        .fact("planned", opt(figures.planned))
        .fact("trained", opt(figures.trained))
        .fact("annual_plan", opt(plan));
    let Some(plan) = plan else {
        out.push(
            restate(o, Status::Unknown, "no_plan")
                .fact("figure", Value::Null)
                .fact("figure_times_denominator", Value::Null)
                .fact("plan_times_numerator", Value::Null),
        );
        return out;
    };
    let needed = u64::from(plan) * u64::from(num);
    let meets = |n: u32| u64::from(n) * u64::from(den) >= needed;
    let (mut status, mut reason, figure) = judge(figures, year_over(req), meets);
    if status == Status::Pass && state == ParamState::Set && annex.is_none() {
        // The table is set and does not list the county: the stated figure
        // cannot be checked.
        (status, reason) = (Status::Unknown, "not_in_annex");
    }
    let mut o = restate(o, status, reason)
        .fact("figure", opt(figure))
        .fact(
            "figure_times_denominator",
            opt(figure.map(|n| u64::from(n) * u64::from(den))),
        )
        .fact("plan_times_numerator", needed);
    if from_example {
        o = o.rests_on(&["annual_plan"]);
    }
    out.push(o);
    out
}

fn year_over(req: &PlanCheckRequest) -> bool {
    matches!((req.year, req.as_of), (Some(y), Some(d)) if d.year() > y)
}

fn is_plan_rule(r: &Rule) -> bool {
    r.kind.family() == Family::Plan
}

/// The policy's plan-level rules, each with its kind.
fn plan_rules(policy: &Policy) -> impl Iterator<Item = (&Rule, PlanKind<'_>)> {
    policy
        .rules
        .iter()
        .filter_map(|r| r.kind.as_plan().map(|k| (r, k)))
}

/// Checks a year's plan under the policy's plan-level rules.
///
/// ```
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let policy = set.get("jinzhong-2023-skills-shanxi").unwrap();
/// let req = peixun::input::from_json(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "counties": [{"county": "介休市", "brands": [{"brand": "介休琉璃", "planned": 100}]}]}"#, 4096).unwrap();
/// let out = peixun::rules::plan::check(policy, &req).unwrap();
/// assert_eq!(out.findings[0].status, peixun::report::Status::Pass); // "不少于100人": 100 is enough
/// let dalian = set.get("dalian-2023-major-conversion").unwrap();
/// assert_eq!(peixun::rules::plan::check(dalian, &req).unwrap_err().code, "plan.no_plan_rules");
/// ```
pub fn check(policy: &Policy, req: &PlanCheckRequest) -> Result<PlanCheck, Problem> {
    if !policy.rules.iter().any(is_plan_rule) {
        return Err(Problem::new(
            PlanCode::NoPlanRules,
            "$.policy",
            format!(
                "政策 {} 没有年度计划层面的规则（plan_minimum、plan_share）",
                policy.id
            ),
            format!(
                "the policy {} has no plan-level rule (plan_minimum, plan_share)",
                policy.id
            ),
        ));
    }
    validate(req)?;
    let mut findings: Vec<Finding> = Vec::new();
    let mut counties = Vec::with_capacity(req.counties.len());
    for (i, c) in req.counties.iter().enumerate() {
        let label = c.county.clone().unwrap_or_else(|| format!("#{}", i + 1));
        let first = findings.len();
        for (rule, kind) in plan_rules(policy) {
            let outcomes = match kind {
                PlanKind::PlanMinimum(k) => brands(k.min_trainees, req, i, &label),
                PlanKind::PlanShare(_) => share(rule, req, i, &label),
            };
            findings.extend(outcomes.into_iter().map(|o| finding(rule, o)));
        }
        counties.push(CountyDecision {
            county: label,
            decision: Assessment::from_statuses(findings[first..].iter().map(|f| f.status)),
        });
    }
    if req.counties.is_empty() {
        for (rule, kind) in plan_rules(policy) {
            let mut o = Outcome::new(Status::Unknown)
                .because("no_counties")
                .fact("year", opt(req.year))
                .fact("as_of", opt(req.as_of.map(ymd)));
            o = match kind {
                PlanKind::PlanMinimum(k) => o.fact("min_trainees", k.min_trainees),
                PlanKind::PlanShare(k) => o
                    .fact("numerator", k.numerator)
                    .fact("denominator", k.denominator),
            };
            findings.push(finding(rule, o));
        }
    }
    Ok(PlanCheck {
        policy: policy.reference(),
        year: req.year,
        as_of: req.as_of,
        decision: Assessment::from_statuses(findings.iter().map(|f| f.status)),
        counties,
        findings,
    })
}
