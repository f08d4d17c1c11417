//! Claim submission: verify with the engine, cross-check against the ledger,
//! record — all in one transaction, idempotent under the client's key.
//!
//! 1. The caller is an institution; the claim's institution credit code, when
//!    given, is the caller's (else it is filled in).
//! 2. A repeated `Idempotency-Key` returns the recorded answer (the same bytes)
//!    when the body is the same, and 409 `claim.idempotency_conflict` when not.
//! 3. The claim goes through `claim.verify` once as sent, so a bad input is a
//!    400 with the engine's code before the ledger is touched.
//! 4. In one write transaction: the rows of every person on the claim are
//!    locked; the ledger supplies the facts a phone cannot know (participations
//!    this year, the dishonesty list) as the claim's own fields; the engine
//!    verifies the claim so enriched; the ledger adds its cross-claim findings
//!    (DL-E5 same programme and year, DL-P8 overlapping subsidised training,
//!    DL-E6 / DL-P7 the list); the claim, its people and, unless rejected, one
//!    participation per person are inserted. The primary key of
//!    `participations` (person, programme, year) makes two acceptances of one
//!    person-year impossible, whatever the timing: a violation rolls back and
//!    the submission is re-run, now seeing the other claim, and recorded as
//!    rejected.

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::ledger::{self, ClaimRow, Participation};
use super::{AppState, Caller};
use crate::access::unauthenticated;
use crate::engine_runs::check_work;
use crate::respond::{body_text, idempotency_key, json_response, ApiError};
use peixun::canonical;
use peixun::engine::Engine;
use peixun::identity::{check_resident_id, mask_id};
use peixun::policy::kinds::{RuleKind, Subject};
use peixun::policy::Policy;
use peixun::report::{Citation, Finding, Status};

/// One person on a claim.
struct Person {
    /// JSON pointer of the person's object (`/trainees/3`).
    pointer: String,
    /// The normalised 18-character number (never stored).
    number: String,
    /// The number as sent (to scrub it, whatever its form).
    original: String,
    hash: String,
    masked: String,
}

/// What the server reads from a claim before the engine does.
struct Facts {
    policy: String,
    class_start: Option<String>,
    class_end: Option<String>,
    year: i64,
    people: Vec<Person>,
}

fn bad(code: &str, path: &str, zh: String, en: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, path, zh, en)
}

fn read_facts(state: &AppState, v: &Value) -> Result<Facts, ApiError> {
    let policy = v
        .get("policy")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let date = |k: &str| {
        v.get("class")
            .and_then(|c| c.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let (class_start, class_end) = (date("start"), date("end"));
    let mut people = Vec::new();
    let mut push = |pointer: String, p: &Value| -> Result<(), ApiError> {
        if let Some(n) = p.get("id_number").and_then(Value::as_str) {
            let id = check_resident_id(n).map_err(|e| {
                ApiError::engine(
                    peixun::error::Explain::problem(&e)
                        .under(&format!("{}.id_number", json_path(&pointer))),
                )
            })?;
            people.push(Person {
                pointer,
                number: id.number().to_owned(),
                original: n.to_owned(),
                hash: state.keys.person(&id),
                masked: mask_id(id.number()),
            });
        }
        Ok(())
    };
    if let Some(ts) = v.get("trainees").and_then(Value::as_array) {
        for (i, t) in ts.iter().enumerate() {
            push(format!("/trainees/{i}"), t)?;
        }
    }
    if let Some(ws) = v
        .get("enterprise")
        .and_then(|e| e.get("workers"))
        .and_then(Value::as_array)
    {
        for (i, w) in ws.iter().enumerate() {
            push(format!("/enterprise/workers/{i}"), w)?;
        }
    }
    // The training year: the class's first day; for an enterprise's claim, the
    // first worker's first contribution; else the policy's first year in force.
    let first_contribution = v
        .get("enterprise")
        .and_then(|e| e.get("workers"))
        .and_then(Value::as_array)
        .and_then(|ws| {
            ws.iter()
                .find_map(|w| w.get("first_contribution").and_then(Value::as_str))
        })
        .map(str::to_owned);
    let in_force = state
        .engine
        .policy(&policy)
        .ok()
        .and_then(|p| p.in_force.as_ref().map(|f| f.from.to_string()));
    let year = class_start
        .clone()
        .or(first_contribution)
        .or(in_force)
        .as_deref()
        .and_then(|s| s.get(0..4))
        .and_then(|y| y.parse::<i64>().ok())
        .ok_or_else(|| {
            bad(
                "claim.no_year",
                "$.class.start",
                "无法确定培训年度：需要 class.start".into(),
                "the training year cannot be told: class.start is needed".into(),
            )
        })?;
    Ok(Facts {
        policy,
        class_start,
        class_end,
        year,
        people,
    })
}

/// `/trainees/3` → `$.trainees[3]`.
fn json_path(pointer: &str) -> String {
    let mut out = String::from("$");
    for seg in pointer.split('/').filter(|s| !s.is_empty()) {
        if seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            out.push('.');
            out.push_str(seg);
        }
    }
    out
}

/// The programme a policy belongs to: the root of its `extends` chain (Fushun's
/// workflow is the Liaoning programme that Dalian's policy states).
fn programme(engine: &Engine, policy: &Policy) -> String {
    let mut p = policy;
    for _ in 0..8 {
        match p.extends.as_deref().and_then(|b| engine.policies().get(b)) {
            Some(base) => p = base,
            None => break,
        }
    }
    p.id.clone()
}

/// The claim's own institution credit code, if it names one.
fn claim_institution(v: &Value) -> Option<String> {
    v.get("institution")
        .and_then(|i| i.get("credit_code"))
        .or_else(|| v.get("enterprise").and_then(|e| e.get("credit_code")))
        .and_then(Value::as_str)
        .map(|s| s.trim().to_ascii_uppercase())
}

/// Replaces any full ID number left in a text by its masked form.
fn scrub(text: &str, people: &[Person]) -> String {
    let mut out = text.to_owned();
    for p in people {
        for form in [
            p.number.as_str(),
            p.original.trim(),
            &p.number.to_ascii_lowercase(),
        ] {
            if form.len() >= 15 && out.contains(form) {
                out = out.replace(form, &p.masked);
            }
        }
    }
    out
}

/// A keyed digest of the request (the idempotency check compares it): the
/// body's canonical JSON under the request checksum key (`v2:<hex>`).
fn digest(state: &AppState, text: &str) -> String {
    let canonical = peixun::canonical::normalise(text).unwrap_or_else(|_| text.to_owned());
    state.keys.checksum(&canonical)
}

/// Whether a recorded digest is this request's: `v2:` digests as computed now,
/// older ones (no prefix, under the holder key itself) as they were computed.
fn same_request(state: &AppState, recorded: &str, digest: &str, text: &str) -> bool {
    if recorded.starts_with("v2:") {
        return recorded == digest;
    }
    let canonical = peixun::canonical::normalise(text).unwrap_or_else(|_| text.to_owned());
    recorded == state.keys.legacy_checksum(&canonical)
}

fn rule_of(policy: &Policy, pred: impl Fn(&RuleKind) -> bool) -> Option<&peixun::policy::Rule> {
    policy.rules.iter().find(|r| pred(&r.kind))
}

fn ledger_finding(
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

fn overlaps(a_start: &str, a_end: &str, b_start: &str, b_end: &str) -> bool {
    a_start <= b_end && b_start <= a_end
}

/// What the ledger knows about the people and the institution of a claim.
struct LedgerFacts {
    participations: BTreeMap<String, Vec<Participation>>,
    blacklisted_people: BTreeMap<String, Option<String>>,
    institution_blacklisted: Option<Option<String>>,
}

async fn ledger_facts(
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

/// Writes the ledger's facts into the claim, where the policy's rules read them.
fn enrich(claim: &mut Value, policy: &Policy, facts: &Facts, lf: &LedgerFacts, programme: &str) {
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
    for p in &facts.people {
        if !p.pointer.starts_with("/trainees/") {
            continue;
        }
        let Some(Value::Object(trainee)) = claim.pointer_mut(&p.pointer) else {
            continue;
        };
        let elig = trainee.entry("eligibility").or_insert_with(|| json!({}));
        let Value::Object(elig) = elig else { continue };
        if wants_participations {
            let n = lf.participations.get(&p.hash).map_or(0, |v| {
                v.iter()
                    .filter(|x| x.programme == programme && x.year == facts.year)
                    .count()
            });
            elig.insert("participations_this_year".into(), json!(n));
        }
        if wants_person_list {
            elig.insert(
                "dishonest".into(),
                json!(lf.blacklisted_people.contains_key(&p.hash)),
            );
        }
    }
    if wants_institution_list {
        if let Value::Object(map) = claim {
            let inst = map.entry("institution").or_insert_with(|| json!({}));
            if let Value::Object(inst) = inst {
                inst.insert(
                    "dishonest".into(),
                    json!(lf.institution_blacklisted.is_some()),
                );
            }
        }
    }
}

/// The ledger's own findings: what other claims and the list say.
fn cross_checks(
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
                format!(
                    "台账：{} 已在 {} 年度本项目的申报 {}（机构 {}）中参训",
                    p.masked, facts.year, x.claim_id, x.institution
                ),
                format!(
                    "ledger: {} already trained in this programme in {} (claim {}, institution {})",
                    p.masked, facts.year, x.claim_id, x.institution
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
                        f.insert("other_programme".into(), json!(x.programme));
                        f.insert("other_period".into(), json!(format!("{xs}..{xe}")));
                        f.insert("period".into(), json!(format!("{s}..{e}")));
                        out.push(ledger_finding(
                            policy,
                            dup,
                            "ledger.duplicate_subsidy",
                            Some(&p.masked),
                            format!(
                                "台账：{} 在 {xs} 至 {xe} 已有受补贴的培训（申报 {}，项目 {}），与本班期重叠，不得重复享受补贴",
                                p.masked, x.claim_id, x.programme
                            ),
                            format!(
                                "ledger: {} already has subsidised training from {xs} to {xe} (claim {}, programme {}), overlapping this class: no second subsidy",
                                p.masked, x.claim_id, x.programme
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

/// The response for a recorded claim (built from the row, so a replay gives the same bytes).
fn claim_document(row: &ClaimRow, with_input: bool) -> Value {
    let verdict: Value = serde_json::from_str(&row.verdict).unwrap_or(Value::Null);
    let findings: Value = serde_json::from_str(&row.ledger_findings).unwrap_or(json!([]));
    let mut doc = json!({
        "claim": {
            "id": row.id,
            "institution": row.institution,
            "idempotency_key": row.idempotency_key,
            "policy": { "id": row.policy_id, "version": row.policy_version },
            "programme": row.programme,
            "year": row.year,
            "class": { "start": row.class_start, "end": row.class_end },
            "trainees": row.trainees,
            "decision": row.decision,
            "status": row.status,
            "created_at": row.created_at,
        },
        "verdict": verdict,
        "ledger": { "findings": findings },
    });
    if with_input {
        doc["input"] = serde_json::from_str(&row.input).unwrap_or(Value::Null);
    }
    doc
}

fn replay_response(
    state: &AppState,
    row: &ClaimRow,
    digest: &str,
    text: &str,
) -> Result<Response, ApiError> {
    if !same_request(state, &row.request_digest, digest, text) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "claim.idempotency_conflict",
            "$",
            "此 Idempotency-Key 已用于另一份不同的申报".into(),
            "this Idempotency-Key was used for a different claim".into(),
        ));
    }
    let mut res = json_response(
        StatusCode::OK,
        canonical::value_to_string(&claim_document(row, false)),
    );
    res.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(res)
}

/// The claim an institution recorded under an `Idempotency-Key`: stored as
/// its keyed hash (`ServerKeys::idempotency`), or, written before keys were
/// hashed, as sent.
async fn claim_by_key(
    state: &AppState,
    institution: &str,
    key: &str,
) -> Result<Option<ClaimRow>, ApiError> {
    let hashed = state.keys.idempotency(institution, key);
    for stored in [hashed.as_str(), key] {
        if let Some(row) = state
            .ledger
            .claim_by_key(institution, stored)
            .await
            .map_err(|e| ApiError::db(&e))?
        {
            return Ok(Some(row));
        }
    }
    Ok(None)
}

enum Attempt {
    Done(Box<ClaimRow>),
    Retry,
}

/// `POST /v1/claims`, run to completion (`writes::to_completion`): a request
/// that times out does not cancel its ledger transaction half-way.
pub(crate) async fn submit(
    state: AxState<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    crate::writes::to_completion(&state.0.clone(), submit_now(state, caller, headers, body)).await
}

async fn submit_now(
    AxState(state): AxState<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let institution = match &caller {
        Caller::Institution { credit_code, .. } => credit_code.clone(),
        Caller::Public => return Err(unauthenticated()),
        Caller::Authority { .. } => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "auth.institutions_only",
                "$",
                "只有培训机构可以提交申报".into(),
                "only an institution submits claims".into(),
            ))
        }
    };
    let key = idempotency_key(&headers)?;
    let text = body_text(&body)?;
    let mut value: Value = serde_json::from_str(&text).map_err(|e| {
        bad(
            "input.malformed_json",
            "$",
            format!("JSON 格式错误：{e}"),
            format!("malformed JSON: {e}"),
        )
    })?;
    check_work(&state, "claim.verify", &value)?;
    match claim_institution(&value) {
        Some(code) if code != institution => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "auth.not_your_institution",
                "$.institution.credit_code",
                format!("申报中的机构 {code} 不是令牌所属机构"),
                format!("the claim's institution {code} is not the token's"),
            ))
        }
        Some(_) => {}
        None => {
            if let Value::Object(map) = &mut value {
                if !map.contains_key("enterprise") {
                    let inst = map.entry("institution").or_insert_with(|| json!({}));
                    if let Value::Object(inst) = inst {
                        inst.insert("credit_code".into(), json!(institution));
                    }
                }
            }
        }
    }
    let digest = digest(&state, &text);
    if let Some(row) = claim_by_key(&state, &institution, &key).await? {
        return replay_response(&state, &row, &digest, &text);
    }
    // The claim as sent must be valid input before anything else.
    let as_sent = canonical::value_to_string(&value);
    crate::engine_runs::run_engine(&state, "claim.verify", as_sent).await?;
    let facts = read_facts(&state, &value)?;
    let policy = state
        .engine
        .policy(&facts.policy)
        .map_err(|e| ApiError::engine(peixun::error::Explain::problem(&e)))?
        .clone();
    let programme = programme(&state.engine, &policy);
    // What is stored: every ID number inside any string of the claim replaced
    // by its person key, credit codes other than the institution's masked
    // (the engine has seen, and sees again below, the claim as sent).
    let mut input = value.clone();
    super::privacy::redact_value(&state.keys, &mut input, &[institution.as_str()]);
    let input_text = canonical::value_to_string(&input);

    for _attempt in 0..5 {
        match attempt(
            &state,
            &value,
            &facts,
            &policy,
            &programme,
            &institution,
            &key,
            &digest,
            &input_text,
        )
        .await?
        {
            Attempt::Done(row) => {
                tracing::info!(claim = %row.id, status = %row.status, trainees = row.trainees, "claim recorded");
                return Ok(crate::respond::created(
                    &format!("/v1/claims/{}", crate::respond::segment(&row.id)),
                    canonical::value_to_string(&claim_document(&row, false)),
                ));
            }
            Attempt::Retry => {
                // Another submission got there first (same key, or a person-year):
                // the answer may now be a replay.
                if let Some(row) = claim_by_key(&state, &institution, &key).await? {
                    return replay_response(&state, &row, &digest, &text);
                }
            }
        }
    }
    Err(ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "ledger.busy",
        "$",
        "台账繁忙，请用同一 Idempotency-Key 重试".into(),
        "the ledger is busy: retry with the same Idempotency-Key".into(),
    ))
}

#[allow(clippy::too_many_arguments)]
async fn attempt(
    state: &AppState,
    value: &Value,
    facts: &Facts,
    policy: &Policy,
    programme: &str,
    institution: &str,
    key: &str,
    digest: &str,
    input_text: &str,
) -> Result<Attempt, ApiError> {
    let now = super::now_utc();
    let retry_or = |e: sqlx::Error| {
        if ledger::is_unique_violation(&e) || ledger::is_retryable(&e) {
            Ok(Attempt::Retry)
        } else {
            Err(ApiError::db(&e))
        }
    };
    let (_guard, mut tx) = match state.ledger.begin_write().await {
        Ok(x) => x,
        Err(e) => return retry_or(e),
    };
    let hashes: Vec<String> = facts.people.iter().map(|p| p.hash.clone()).collect();
    if let Err(e) = ledger::lock_people(&mut tx, state.ledger.backend(), &hashes, &now).await {
        return retry_or(e);
    }
    let lf = match ledger_facts(&mut tx, facts, institution).await {
        Ok(x) => x,
        Err(e) => return retry_or(e),
    };
    let mut enriched = value.clone();
    enrich(&mut enriched, policy, facts, &lf, programme);
    let verdict = crate::engine_runs::run_engine_in_transaction(
        state,
        "claim.verify",
        canonical::value_to_string(&enriched),
    )
    .await?;
    let verdict = scrub(&verdict, &facts.people);
    let verdict = super::privacy::redact_json_text(&state.keys, &verdict, &[institution]);
    let decision = serde_json::from_str::<Value>(&verdict)
        .ok()
        .and_then(|v| v.get("decision").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| "needs_review".into());
    let findings = cross_checks(policy, facts, &lf, programme, institution);
    let status = if decision == "reject" || !findings.is_empty() {
        "rejected"
    } else if decision == "accept" {
        "accepted"
    } else {
        "needs_review"
    };
    let row = ClaimRow {
        id: super::new_id("c-"),
        institution: institution.to_owned(),
        idempotency_key: state.keys.idempotency(institution, key),
        request_digest: digest.to_owned(),
        policy_id: policy.id.clone(),
        policy_version: policy.version.clone(),
        programme: programme.to_owned(),
        year: facts.year,
        class_start: facts.class_start.clone(),
        class_end: facts.class_end.clone(),
        decision,
        status: status.to_owned(),
        trainees: facts.people.len() as i64,
        input: input_text.to_owned(),
        verdict,
        ledger_findings: super::privacy::redact_json_text(
            &state.keys,
            &canonical::to_string(&findings),
            &[institution],
        ),
        created_at: now,
    };
    let people: Vec<(String, String)> = facts
        .people
        .iter()
        .map(|p| (p.hash.clone(), p.masked.clone()))
        .collect();
    if let Err(e) = ledger::insert_claim(&mut tx, &row).await {
        return retry_or(e);
    }
    if let Err(e) = ledger::insert_people(&mut tx, &row, &people, status != "rejected").await {
        return retry_or(e);
    }
    if let Err(e) = tx.commit().await {
        return retry_or(e);
    }
    Ok(Attempt::Done(Box::new(row)))
}

/// `GET /v1/claims/{id}`: its institution or the authority.
pub(crate) async fn read(
    AxState(state): AxState<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if caller == Caller::Public {
        return Err(unauthenticated());
    }
    let row = state
        .ledger
        .claim(&id)
        .await
        .map_err(|e| ApiError::db(&e))?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "claim.not_found",
                "$",
                format!("没有申报 {id}"),
                format!("no claim {id}"),
            )
        })?;
    if let Caller::Institution { credit_code, .. } = &caller {
        if *credit_code != row.institution {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "auth.not_your_claim",
                "$",
                "只能查看本机构的申报".into(),
                "an institution reads only its own claims".into(),
            ));
        }
    }
    Ok(json_response(
        StatusCode::OK,
        canonical::value_to_string(&claim_document(&row, true)),
    ))
}

/// `GET /v1/claims`: an institution's own, or every claim for the authority;
/// a page at a time, filtered by `status`, `policy`, `programme`, `year` and
/// (the authority's) `institution`.
pub(crate) async fn list(
    AxState(state): AxState<AppState>,
    caller: Caller,
    q: crate::respond::QueryParams,
) -> Result<Response, ApiError> {
    use crate::ledger::Filter;
    let own = match &caller {
        Caller::Public => return Err(unauthenticated()),
        Caller::Institution { credit_code, .. } => Some(credit_code.clone()),
        Caller::Authority { .. } => None,
    };
    let q = q.only(&[
        "status",
        "policy",
        "programme",
        "year",
        "institution",
        "limit",
        "offset",
    ])?;
    let page = q.page()?;
    let mut filters = Vec::new();
    let mut shown = serde_json::Map::new();
    let asked = q.text("institution");
    if let (Some(own), Some(asked)) = (&own, asked) {
        if asked != own {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "auth.not_your_claim",
                "$query.institution",
                "只能查看本机构的申报".into(),
                "an institution reads only its own claims".into(),
            ));
        }
    }
    if let Some(i) = own.as_deref().or(asked) {
        filters.push(Filter::Text("institution", i.to_owned()));
        shown.insert("institution".into(), json!(i));
    }
    if let Some(s) = q.one_of("status", &["accepted", "rejected", "needs_review"])? {
        filters.push(Filter::Text("status", s.to_owned()));
        shown.insert("status".into(), json!(s));
    }
    for (param, column) in [("policy", "policy_id"), ("programme", "programme")] {
        if let Some(v) = q.text(param) {
            filters.push(Filter::Text(column, v.to_owned()));
            shown.insert(param.into(), json!(v));
        }
    }
    if let Some(y) = q.int("year", 1900, 9999)? {
        filters.push(Filter::Int("year", y));
        shown.insert("year".into(), json!(y));
    }
    let (total, rows) = state
        .ledger
        .claims(&filters, page.limit, page.offset)
        .await
        .map_err(|e| ApiError::db(&e))?;
    let items: Vec<Value> = rows
        .iter()
        .map(|r| claim_document(r, false)["claim"].clone())
        .collect();
    Ok(crate::respond::page_answer(
        "claims", items, total, page, shown,
    ))
}
