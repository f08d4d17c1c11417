//! What the ledger knows about a claim, for its submission (`submit.rs`):
//! the claim's people and training year as the server reads them from the
//! typed claim, the ledger's facts about them (participations, the
//! dishonesty list), those facts as the engine reads them (`Records`), and
//! the ledger's own cross-claim findings.

use crate::codes::VerifierCode;
use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use chrono::Datelike;
use serde_json::{json, Value};

use crate::ledger::{self, Participation};
use crate::respond::ApiError;
use crate::AppState;
use peixun::engine::Engine;
use peixun::identity::mask_id;
use peixun::policy::kinds::{RuleKind, Subject};
use peixun::policy::Policy;
use peixun::report::{Citation, Finding, Status};
use peixun::rules::claim::{Claim, Records, TraineeRecords};

/// One person on a claim.
pub(crate) struct Person {
    /// Whether the person is a trainee (else an enterprise's worker); the
    /// trainees come first, in roster order.
    pub(crate) trainee: bool,
    /// The normalised 18-character number (never stored).
    pub(crate) number: String,
    pub(crate) hash: String,
    pub(crate) masked: String,
}

/// What the server reads from a claim besides what the engine decides.
pub(crate) struct Facts {
    pub(crate) policy: String,
    pub(crate) class_start: Option<String>,
    pub(crate) class_end: Option<String>,
    pub(crate) year: i64,
    pub(crate) people: Vec<Person>,
}

pub(crate) fn read_facts(state: &AppState, claim: &Claim) -> Result<Facts, ApiError> {
    let person = |trainee: bool, id: &peixun::identity::ResidentId| Person {
        trainee,
        number: id.number().to_owned(),
        hash: state.keys.person(id),
        masked: mask_id(id.number()),
    };
    let workers = claim.enterprise.iter().flat_map(|e| &e.workers);
    let people = (claim.trainees.iter().map(|t| person(true, &t.id_number)))
        .chain(workers.clone().map(|w| person(false, &w.id_number)))
        .collect();
    // The training year: the class's first day; for an enterprise's claim, the
    // first worker's first contribution; else the policy's first year in force.
    let class = claim.class.as_ref();
    let year = class
        .map(|c| c.start)
        .or_else(|| workers.clone().find_map(|w| w.first_contribution))
        .or_else(|| {
            let policy = state.engine.policy(&claim.policy).ok()?;
            policy.in_force.as_ref().map(|f| f.from)
        })
        .map(|d| i64::from(d.year()))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                VerifierCode::ClaimNoYear,
                "$.class.start",
                "无法确定培训年度：需要 class.start".into(),
                "the training year cannot be told: class.start is needed".into(),
            )
        })?;
    Ok(Facts {
        policy: claim.policy.clone(),
        class_start: class.map(|c| c.start.to_string()),
        class_end: class.map(|c| c.end.to_string()),
        year,
        people,
    })
}

/// The programme a policy belongs to: the root of its `extends` chain (Fushun's
/// workflow is the Liaoning programme that Dalian's policy states).
pub(crate) fn programme(engine: &Engine, policy: &Policy) -> String {
    let mut p = policy;
    for _ in 0..8 {
        match p.extends.as_deref().and_then(|b| engine.policies().get(b)) {
            Some(base) => p = base,
            None => break,
        }
    }
    p.id.clone()
}

pub(crate) fn rule_of(
    policy: &Policy,
    pred: impl Fn(&RuleKind) -> bool,
) -> Option<&peixun::policy::Rule> {
    policy.rules.iter().find(|r| pred(&r.kind))
}

pub(crate) fn ledger_finding(
    policy: &Policy,
    rule: Option<&peixun::policy::Rule>,
    fallback_id: &str,
    subject: Option<&str>,
    zh: String,
    en: String,
    facts: BTreeMap<String, Value>,
) -> Finding {
    let (id, citation) = match rule {
        Some(r) => (r.id.clone(), r.citation()),
        None => (
            fallback_id.to_owned(),
            Citation {
                document: format!("peixun 台账交叉比对 / ledger cross-check ({})", policy.id),
                clause: "—".into(),
            },
        ),
    };
    let mut f = Finding::new(id, Status::Fail, citation, zh, en);
    f.facts = facts.into();
    f.subject = subject.map(str::to_owned);
    f
}

pub(crate) fn overlaps(a_start: &str, a_end: &str, b_start: &str, b_end: &str) -> bool {
    a_start <= b_end && b_start <= a_end
}

/// What the ledger knows about the people and the institution of a claim.
pub(crate) struct LedgerFacts {
    pub(crate) participations: BTreeMap<String, Vec<Participation>>,
    pub(crate) blacklisted_people: BTreeMap<String, Option<String>>,
    pub(crate) institution_blacklisted: Option<Option<String>>,
}

pub(crate) async fn ledger_facts(
    tx: &mut ledger::Tx,
    facts: &Facts,
    institution: &str,
) -> Result<LedgerFacts, sqlx::Error> {
    let mut participations = BTreeMap::new();
    let mut blacklisted_people = BTreeMap::new();
    for p in &facts.people {
        if participations.contains_key(&p.hash) {
            continue;
        }
        participations.insert(
            p.hash.clone(),
            ledger::participations_of(tx, &p.hash).await?,
        );
        if let Some(reason) = ledger::blacklisted(tx, "person", &p.hash).await? {
            blacklisted_people.insert(p.hash.clone(), reason);
        }
    }
    let institution_blacklisted = ledger::blacklisted(tx, "institution", institution).await?;
    Ok(LedgerFacts {
        participations,
        blacklisted_people,
        institution_blacklisted,
    })
}

/// The ledger's facts as the engine reads them: for the rules the policy
/// has, each trainee's participations this year and place on the list, and
/// the institution's.
pub(crate) fn records(
    policy: &Policy,
    facts: &Facts,
    lf: &LedgerFacts,
    programme: &str,
) -> Records {
    let wants_participations =
        rule_of(policy, |k| matches!(k, RuleKind::ParticipationLimit(_))).is_some();
    let wants_person_list = rule_of(
        policy,
        |k| matches!(k, RuleKind::NotDishonest(d) if d.subject == Subject::Person),
    )
    .is_some();
    let wants_institution_list = rule_of(
        policy,
        |k| matches!(k, RuleKind::NotDishonest(d) if d.subject == Subject::Institution),
    )
    .is_some();
    let trainees = facts
        .people
        .iter()
        .filter(|p| p.trainee)
        .map(|p| TraineeRecords {
            participations_this_year: wants_participations.then(|| {
                let n = lf.participations.get(&p.hash).map_or(0, |v| {
                    v.iter()
                        .filter(|x| x.programme == programme && x.year == facts.year)
                        .count()
                });
                u32::try_from(n).unwrap_or(u32::MAX)
            }),
            dishonest: wants_person_list.then(|| lf.blacklisted_people.contains_key(&p.hash)),
        })
        .collect();
    Records {
        trainees,
        institution_dishonest: wants_institution_list.then(|| lf.institution_blacklisted.is_some()),
    }
}

/// The ledger's own findings: what other claims and the list say.
pub(crate) fn cross_checks(
    policy: &Policy,
    facts: &Facts,
    lf: &LedgerFacts,
    programme: &str,
    institution: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let limit = rule_of(policy, |k| matches!(k, RuleKind::ParticipationLimit(_)));
    let dup = rule_of(policy, |k| matches!(k, RuleKind::NoDuplicateSubsidy(_)));
    let person_list = rule_of(
        policy,
        |k| matches!(k, RuleKind::NotDishonest(d) if d.subject == Subject::Person),
    );
    let inst_list = rule_of(
        policy,
        |k| matches!(k, RuleKind::NotDishonest(d) if d.subject == Subject::Institution),
    );
    let mut seen = BTreeSet::new();
    for p in &facts.people {
        if !seen.insert(&p.hash) {
            continue;
        }
        let past = lf.participations.get(&p.hash).cloned().unwrap_or_default();
        for x in past
            .iter()
            .filter(|x| x.programme == programme && x.year == facts.year)
        {
            let mut f = BTreeMap::new();
            f.insert("other_claim".into(), json!(x.claim_id));
            f.insert("other_institution".into(), json!(x.institution));
            f.insert("programme".into(), json!(programme));
            f.insert("year".into(), json!(facts.year));
            out.push(ledger_finding(
                policy,
                limit.or(dup),
                "ledger.duplicate_participation",
                Some(&p.masked),
                // The other claim is named in the facts, which an institution
                // sees only for its own claims (`ClaimView`), never in the text.
                format!(
                    "台账：{} 已在 {} 年度参加本项目的培训（另一份申报）",
                    p.masked, facts.year
                ),
                format!(
                    "ledger: {} already trained in this programme in {} (another claim)",
                    p.masked, facts.year
                ),
                f,
            ));
        }
        if let (Some(s), Some(e)) = (&facts.class_start, &facts.class_end) {
            for x in past
                .iter()
                .filter(|x| !(x.programme == programme && x.year == facts.year))
            {
                if let (Some(xs), Some(xe)) = (&x.class_start, &x.class_end) {
                    if overlaps(s, e, xs, xe) {
                        let mut f = BTreeMap::new();
                        f.insert("other_claim".into(), json!(x.claim_id));
                        f.insert("other_institution".into(), json!(x.institution));
                        f.insert("other_programme".into(), json!(x.programme));
                        f.insert("other_period".into(), json!(format!("{xs}..{xe}")));
                        f.insert("period".into(), json!(format!("{s}..{e}")));
                        out.push(ledger_finding(
                            policy,
                            dup,
                            "ledger.duplicate_subsidy",
                            Some(&p.masked),
                            format!(
                                "台账：{} 在 {xs} 至 {xe} 已有受补贴的培训（项目 {}），与本班期重叠，不得重复享受补贴",
                                p.masked, x.programme
                            ),
                            format!(
                                "ledger: {} already has subsidised training from {xs} to {xe} (programme {}), overlapping this class: no second subsidy",
                                p.masked, x.programme
                            ),
                            f,
                        ));
                    }
                }
            }
        }
        if let Some(reason) = lf.blacklisted_people.get(&p.hash) {
            let mut f = BTreeMap::new();
            f.insert("reason".into(), json!(reason));
            out.push(ledger_finding(
                policy,
                person_list,
                "ledger.blacklisted_person",
                Some(&p.masked),
                format!("台账：{} 已列入失信名单", p.masked),
                format!("ledger: {} is on the dishonesty list", p.masked),
                f,
            ));
        }
    }
    if let Some(reason) = &lf.institution_blacklisted {
        let mut f = BTreeMap::new();
        f.insert("reason".into(), json!(reason));
        f.insert("institution".into(), json!(institution));
        out.push(ledger_finding(
            policy,
            inst_list,
            "ledger.blacklisted_institution",
            None,
            format!("台账：培训机构 {institution} 已列入失信名单"),
            format!("ledger: the institution {institution} is on the dishonesty list"),
            f,
        ));
    }
    out
}
