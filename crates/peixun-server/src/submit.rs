//! Claim submission: verify with the engine, cross-check against the ledger,
//! record — all in one transaction, idempotent under the client's key.
//!
//! 1. The caller is an institution; the claim's institution credit code, when
//!    given, is the caller's (else it is filled in).
//! 2. A repeated `Idempotency-Key` returns the recorded answer (the same bytes)
//!    when the body is the same, and 409 `claim.idempotency_conflict` when not.
//! 3. The claim is read once into the engine's types (`rules::claim::Claim`;
//!    a bad input is a 400 with the engine's code and path before the ledger
//!    is touched) and verified on the ledger's facts as they stand, on the
//!    engine pool, before any lock is taken.
//! 4. In one write transaction: the rows of every person on the claim are
//!    locked; the ledger's facts a phone cannot know (participations this
//!    year, the dishonesty list) are read again and handed to the engine as a
//!    typed `rules::claim::Records`; only when they differ from those of step
//!    3 is the claim verified again. The ledger adds its cross-claim findings
//!    (DL-E5 same programme and year, DL-P8 overlapping subsidised training,
//!    DL-E6 / DL-P7 the list); the status follows the engine's decision (an
//!    enum) and those findings; the verdict is stored as data with ID numbers
//!    replaced before it is written as text; the claim, its people and, unless
//!    rejected, one participation per person are inserted. The primary key of
//!    `participations` (person, programme, year) makes two acceptances of one
//!    person-year impossible, whatever the timing: a violation rolls back and
//!    the submission is re-run, now seeing the other claim, and recorded as
//!    rejected.

use crate::codes::VerifierCode;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::ledger::{self, ClaimRow};
use super::{AppState, Caller};
use crate::access::unauthenticated;
use crate::claim_ledger::{
    cross_checks, ledger_facts, programme, read_facts, records, Facts, Person,
};
use crate::engine_runs::check_work;
use crate::keys::ServerKeys;
use crate::respond::{body_text, idempotency_key, json_response, ApiError};
use crate::review::ReviewRow;
use peixun::canonical;
use peixun::policy::Policy;
use peixun::report::Finding;
use peixun::rules::claim::{Claim, ClaimDecision, ClaimReport};

/// The claim's own institution credit code, if it names one.
fn claim_institution(v: &Value) -> Option<String> {
    v.get("institution")
        .and_then(|i| i.get("credit_code"))
        .or_else(|| v.get("enterprise").and_then(|e| e.get("credit_code")))
        .and_then(Value::as_str)
        .map(|s| s.trim().to_ascii_uppercase())
}

/// A verdict (or the ledger's findings) as stored and answered: the typed
/// value as data, every full ID number of the claim's people in any of its
/// strings replaced by its masked form, any other identity number by the
/// ledger's forms (`privacy::redact_value`), then written as canonical JSON.
fn stored_text<T: serde::Serialize>(
    keys: &ServerKeys,
    report: &T,
    people: &[Person],
    kept: &[&str],
) -> Result<String, ApiError> {
    /// Each full number as it may be written (the check character `X` in
    /// either case), with its masked form: made once, not per string.
    fn mask_people(v: &mut Value, forms: &[(String, &str)]) {
        match v {
            Value::String(s) => {
                for (form, masked) in forms {
                    if s.contains(form.as_str()) {
                        *s = s.replace(form.as_str(), masked);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|x| mask_people(x, forms)),
            Value::Object(map) => map.values_mut().for_each(|x| mask_people(x, forms)),
            _ => {}
        }
    }
    let forms: Vec<(String, &str)> = people
        .iter()
        .flat_map(|p| {
            let lower = p.number.to_ascii_lowercase();
            let both = if lower == p.number {
                vec![lower]
            } else {
                vec![p.number.clone(), lower]
            };
            both.into_iter().map(move |f| (f, p.masked.as_str()))
        })
        .collect();
    let mut data = serde_json::to_value(report)
        .map_err(|_| ApiError::internal("the verdict could not be written"))?;
    mask_people(&mut data, &forms);
    super::privacy::redact_value(keys, &mut data, kept);
    Ok(canonical::value_to_string(&data))
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

/// A claim's verdict on a blocking thread: behind the engine pool's queue
/// before the ledger is locked, straight onto a blocking thread inside the
/// write transaction (see `engine_runs`).
async fn verify(
    state: &AppState,
    claim: &Claim,
    in_transaction: bool,
) -> Result<ClaimReport, ApiError> {
    let claim = claim.clone();
    let s = state.clone();
    let run = move || s.engine.claim(&claim);
    let verdict = if in_transaction {
        crate::engine_runs::blocking_in_transaction(run).await?
    } else {
        crate::engine_runs::blocking(state, run).await?
    };
    verdict.map_err(ApiError::engine)
}

/// The ledger's status of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClaimStatus {
    Accepted,
    Rejected,
    NeedsReview,
}

impl ClaimStatus {
    /// A claim the engine rejects or the ledger finds against is rejected;
    /// else it is what the engine decided.
    fn of(decision: ClaimDecision, ledger_findings: &[Finding]) -> ClaimStatus {
        match decision {
            ClaimDecision::Reject => ClaimStatus::Rejected,
            _ if !ledger_findings.is_empty() => ClaimStatus::Rejected,
            ClaimDecision::Accept => ClaimStatus::Accepted,
            ClaimDecision::NeedsReview => ClaimStatus::NeedsReview,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Accepted => "accepted",
            ClaimStatus::Rejected => "rejected",
            ClaimStatus::NeedsReview => "needs_review",
        }
    }
}

/// Who reads a recorded claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Viewer {
    /// The institution that submitted it.
    Institution,
    /// The authority.
    Authority,
}

/// The response for a recorded claim (built from the row, so a replay gives the same bytes).
/// With the authority's review when there is one (`review.rs`): the status is
/// then the review's, and `claim.review` says who decided, when and why.
///
/// `viewer` is who reads it: for an institution (its own claims only), the
/// ledger's findings do not name another institution's claim or credit code
/// (`other_claim`, `other_institution` are left out of their facts); the
/// authority reads them whole.
pub(crate) fn claim_document(
    row: &ClaimRow,
    review: Option<&ReviewRow>,
    with_input: bool,
    viewer: Viewer,
) -> Value {
    let verdict: Value = serde_json::from_str(&row.verdict).unwrap_or(Value::Null);
    let mut findings: Value = serde_json::from_str(&row.ledger_findings).unwrap_or(json!([]));
    if viewer == Viewer::Institution {
        for f in findings.as_array_mut().into_iter().flatten() {
            let Some(facts) = f.get_mut("facts").and_then(Value::as_object_mut) else {
                continue;
            };
            let others = facts.get("other_institution").and_then(Value::as_str);
            if others.is_some_and(|o| o != row.institution) {
                facts.remove("other_claim");
                facts.remove("other_institution");
            }
        }
    }
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
    if let Some(r) = review {
        doc["claim"]["review"] = json!({
            "status": r.status,
            "reason": r.reason,
            "reviewer": r.reviewer,
            "reviewed_at": r.reviewed_at,
        });
    }
    if with_input {
        doc["input"] = serde_json::from_str(&row.input).unwrap_or(Value::Null);
    }
    doc
}

async fn replay_response(
    state: &AppState,
    row: &ClaimRow,
    digest: &str,
    text: &str,
) -> Result<Response, ApiError> {
    if !same_request(state, &row.request_digest, digest, text) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            VerifierCode::ClaimIdempotencyConflict,
            "$",
            "此 Idempotency-Key 已用于另一份不同的申报".into(),
            "this Idempotency-Key was used for a different claim".into(),
        ));
    }
    // The answer as it was given: a claim reviewed since was recorded as
    // needing review (only such a claim can be reviewed).
    let reviewed = crate::review::review_of(&state.ledger, &row.id)
        .await
        .map_err(|e| ApiError::db(&e))?
        .is_some();
    let mut doc = claim_document(row, None, false, Viewer::Institution);
    if reviewed {
        doc["claim"]["status"] = json!("needs_review");
    }
    let mut res = json_response(StatusCode::OK, canonical::value_to_string(&doc));
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
                VerifierCode::AuthInstitutionsOnly,
                "$",
                "只有培训机构可以提交申报".into(),
                "only an institution submits claims".into(),
            ))
        }
    };
    let key = idempotency_key(&headers)?;
    let text = body_text(&body)?;
    let mut value: Value = serde_json::from_str(&text).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            peixun::input::InputCode::MalformedJson,
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
                VerifierCode::AuthNotYourInstitution,
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
        return replay_response(&state, &row, &digest, &text).await;
    }
    // The claim as sent (its institution filled in) read once into the
    // engine's types: a bad input is a 400 with the engine's code and path.
    let claim: Claim = peixun::input::from_json(
        &canonical::value_to_string(&value),
        state.engine.max_input_bytes(),
    )
    .map_err(|e| ApiError::engine(peixun::error::Explain::problem(&e)))?;
    let facts = read_facts(&state, &claim)?;
    let policy = state
        .engine
        .policy(&facts.policy)
        .map_err(|e| ApiError::engine(peixun::error::Explain::problem(&e)))?
        .clone();
    let programme = programme(&state.engine, &policy);
    // Verified as sent before the ledger is locked, on the engine pool (an
    // engine error is a 400 and nothing is written). Inside the transaction
    // the ledger's facts are set on the claim; only when they change it is
    // the claim verified again.
    let as_sent = verify(&state, &claim, false).await?;
    // What is stored: every ID number inside any string of the claim replaced
    // by its person key, credit codes other than the institution's masked
    // (the engine has seen the claim as sent).
    let mut input = value.clone();
    super::privacy::redact_value(&state.keys, &mut input, &[institution.as_str()]);
    let input_text = canonical::value_to_string(&input);
    let verified = Verified {
        claim,
        report: as_sent,
    };

    for _attempt in 0..5 {
        match attempt(
            &state,
            &verified,
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
                    canonical::value_to_string(&claim_document(
                        &row,
                        None,
                        false,
                        Viewer::Institution,
                    )),
                ));
            }
            Attempt::Retry => {
                // Another submission got there first (same key, or a person-year):
                // the answer may now be a replay.
                if let Some(row) = claim_by_key(&state, &institution, &key).await? {
                    return replay_response(&state, &row, &digest, &text).await;
                }
            }
        }
    }
    Err(ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        VerifierCode::LedgerBusy,
        "$",
        "台账繁忙，请用同一 Idempotency-Key 重试".into(),
        "the ledger is busy: retry with the same Idempotency-Key".into(),
    ))
}

/// The claim in the engine's types as sent, and its verdict.
struct Verified {
    claim: Claim,
    report: ClaimReport,
}

#[allow(clippy::too_many_arguments)]
async fn attempt(
    state: &AppState,
    verified: &Verified,
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
    let records = records(policy, facts, &lf, programme);
    let mut claim = verified.claim.clone();
    claim.apply_records(&records);
    let report = if claim == verified.claim {
        verified.report.clone()
    } else {
        verify(state, &claim, true).await?
    };
    let findings = cross_checks(policy, facts, &lf, programme, institution);
    let mut kept = vec![institution];
    kept.extend(
        lf.participations
            .values()
            .flatten()
            .map(|x| x.institution.as_str()),
    );
    let status = ClaimStatus::of(report.decision, &findings);
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
        decision: report.decision.as_str().to_owned(),
        status: status.as_str().to_owned(),
        trainees: facts.people.len() as i64,
        input: input_text.to_owned(),
        verdict: stored_text(&state.keys, &report, &facts.people, &[institution])?,
        // The institutions of the other claims a finding names are kept for
        // the authority (the ledger holds them in clear already); an
        // institution reading its claim does not see them (`Viewer`).
        ledger_findings: stored_text(&state.keys, &findings, &facts.people, &kept)?,
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
    let participates = status != ClaimStatus::Rejected;
    if let Err(e) = ledger::insert_people(&mut tx, &row, &people, participates).await {
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
                VerifierCode::ClaimNotFound,
                "$",
                format!("没有申报 {id}"),
                format!("no claim {id}"),
            )
        })?;
    if let Caller::Institution { credit_code, .. } = &caller {
        if *credit_code != row.institution {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                VerifierCode::AuthNotYourClaim,
                "$",
                "只能查看本机构的申报".into(),
                "an institution reads only its own claims".into(),
            ));
        }
    }
    let viewer = match caller {
        Caller::Authority { .. } => Viewer::Authority,
        _ => Viewer::Institution,
    };
    let review = crate::review::review_of(&state.ledger, &row.id)
        .await
        .map_err(|e| ApiError::db(&e))?;
    Ok(json_response(
        StatusCode::OK,
        canonical::value_to_string(&claim_document(&row, review.as_ref(), true, viewer)),
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
                VerifierCode::AuthNotYourClaim,
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
        .map(|r| {
            let viewer = match own {
                Some(_) => Viewer::Institution,
                None => Viewer::Authority,
            };
            claim_document(r, None, false, viewer)["claim"].clone()
        })
        .collect();
    Ok(crate::respond::page_answer(
        "claims", items, total, page, shown,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use peixun::identity::mask_id;
    use peixun::report::{Citation, Status};
    use peixun::voucher::HolderKey;

    fn person(number: &str) -> Person {
        let id = peixun::identity::check_resident_id(number).unwrap();
        Person {
            trainee: true,
            number: id.number().to_owned(),
            hash: String::new(),
            masked: mask_id(id.number()),
        }
    }

    #[test]
    fn a_verdict_is_stored_with_the_claims_people_masked_and_other_numbers_keyed() {
        let keys = ServerKeys::derive(&HolderKey::from_bytes([7; 32]));
        let people = [person("11010519491231002X")];
        // Written by the engine as data: a name that carries the trainee's own
        // number (lower-case x, as typed), a fact naming someone else's.
        let data = json!({
            "trainees": [{"name": "张三11010519491231002x", "id_number": "110105********002X"}],
            "facts": {"other": "身份证 11010519491231002X；另一人 110101199003070011"},
        });
        let text = stored_text(&keys, &data, &people, &[]).unwrap();
        assert!(!text.contains("11010519491231002"), "{text}");
        assert!(text.contains("张三110105********002X"), "{text}");
        assert!(text.contains("身份证 110105********002X"), "{text}");
        let other = keys.person_of_number("110101199003070011").unwrap();
        assert!(text.contains(&format!("另一人 hmac:{other}")), "{text}");
        // Canonical JSON: keys sorted, as every answer of the engine.
        assert!(text.starts_with(r#"{"facts":"#), "{text}");
    }

    #[test]
    fn the_ledgers_status_follows_the_engines_decision_and_the_ledgers_findings() {
        let finding = Finding::new(
            "DL-E5".to_owned(),
            Status::Fail,
            Citation {
                document: "d".into(),
                clause: "c".into(),
            },
            "z".to_owned(),
            "e".to_owned(),
        );
        use ClaimDecision::*;
        assert_eq!(ClaimStatus::of(Accept, &[]), ClaimStatus::Accepted);
        assert_eq!(ClaimStatus::of(NeedsReview, &[]), ClaimStatus::NeedsReview);
        assert_eq!(ClaimStatus::of(Reject, &[]), ClaimStatus::Rejected);
        for d in [Accept, NeedsReview, Reject] {
            let with = ClaimStatus::of(d, std::slice::from_ref(&finding));
            assert_eq!(with, ClaimStatus::Rejected, "{d:?} with a ledger finding");
        }
        assert_eq!(ClaimStatus::NeedsReview.as_str(), "needs_review");
    }
}
