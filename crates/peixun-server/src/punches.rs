//! Check-in punches sent by trainees' phones: `POST /v1/punches` checks each
//! punch with the same single-punch rule the phone ran (`punch.check`, at the
//! punch's own moment) and records it; `GET /v1/punches` lists punches for
//! the authority, a page at a time (`?class=…&status=…&limit=…&offset=…`).
//!
//! A phone that was offline sends its queue later, so a punch is judged at the
//! moment it was made, not when it arrives; a moment later than the server's
//! clock (beyond a small allowance for clock drift) is refused. Each punch
//! carries the phone's own identifier: sending it again records nothing new
//! and answers `duplicate` with the first answer's check.

use crate::codes::VerifierCode;
use axum::body::Bytes;
use axum::extract::State as AxState;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use super::ledger::{self, Filter, PunchRow};
use super::{AppState, Caller};
use crate::access::require_authority;
use crate::respond::{body_text, json_response, page_answer, ApiError, QueryParams};
use peixun::calendar::UnknownYears;
use peixun::canonical;
use peixun::error::Explain;
use peixun::policy::kinds::PunchMethod;
use peixun::rules::attendance::{
    check_punch, ClassSchedule, Moment, PunchKind, PunchQuestion, Trainee,
};

/// How far ahead of the server's clock a punch's moment may be (phones' clocks drift).
const CLOCK_ALLOWANCE_SECS: i64 = 300;

/// The body of `POST /v1/punches`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PunchBatch {
    policy: String,
    #[serde(default)]
    unknown_years: UnknownYears,
    class: ClassSchedule,
    #[serde(default)]
    trainees: Option<Vec<Trainee>>,
    punches: Vec<SentPunch>,
}

/// One punch as the phone sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SentPunch {
    id: String,
    trainee: String,
    kind: PunchKind,
    at: Moment,
    #[serde(default)]
    method: Option<PunchMethod>,
    #[serde(default)]
    device: Option<String>,
}

fn bad(code: VerifierCode, path: String, zh: String, en: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, &path, zh, en)
}

fn text_of<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Checks the batch's shape beyond its types: identifiers present, unique and short.
fn validate(batch: &PunchBatch, max_punches: usize) -> Result<(), ApiError> {
    if batch.punches.is_empty() {
        return Err(bad(
            VerifierCode::PunchesEmpty,
            "$.punches".into(),
            "没有要提交的打卡记录".into(),
            "there are no punches to send".into(),
        ));
    }
    if batch.punches.len() > max_punches {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            VerifierCode::LimitsTooManyPunches,
            "$.punches",
            format!(
                "一次最多提交 {max_punches} 条打卡记录，实际 {} 条",
                batch.punches.len()
            ),
            format!(
                "at most {max_punches} punches in one request; found {}",
                batch.punches.len()
            ),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, p) in batch.punches.iter().enumerate() {
        let id = p.id.trim();
        // Characters, not bytes: a Chinese id of 40 characters is 120 bytes.
        if id.is_empty() || id.chars().count() > 100 {
            return Err(bad(
                VerifierCode::PunchesInvalidId,
                format!("$.punches[{i}].id"),
                "打卡记录的 id 应为 1–100 个字符".into(),
                "a punch's id must be 1 to 100 characters".into(),
            ));
        }
        if !seen.insert(id) {
            return Err(bad(
                VerifierCode::PunchesDuplicateId,
                format!("$.punches[{i}].id"),
                format!("同一请求中 id “{id}” 出现了两次"),
                format!("the id `{id}` appears twice in one request"),
            ));
        }
    }
    Ok(())
}

/// A punch checked: its index in the batch, its status, the reason when the
/// server refused it, and the check as canonical JSON.
type Checked = (usize, &'static str, Option<Value>, String);

/// Parses a batch and checks every punch (pure computation, no ledger).
fn check_batch(state: &AppState, text: &str) -> Result<(PunchBatch, Vec<Checked>), ApiError> {
    let max = state.engine.max_input_bytes();
    let batch: PunchBatch =
        peixun::input::from_json(text, max).map_err(|e| ApiError::engine(e.problem()))?;
    validate(&batch, state.config.limits.max_events)?;
    let policy = state
        .engine
        .policy(&batch.policy)
        .map_err(|e| ApiError::engine(e.problem().under("$.policy")))?;

    // Every check first (pure computation, no ledger), so that a bad schedule
    // refuses the whole request before anything is written.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let mut checked = Vec::with_capacity(batch.punches.len());
    for (i, p) in batch.punches.iter().enumerate() {
        let question = PunchQuestion {
            policy: Some(batch.policy.clone()),
            unknown_years: batch.unknown_years,
            class: batch.class.clone(),
            trainees: batch.trainees.clone(),
            trainee: p.trainee.clone(),
            kind: p.kind,
            at: p.at,
            method: p.method,
        };
        let check = check_punch(policy, state.engine.calendar(), &question).map_err(|e| {
            let mut problem = e.problem();
            // Faults of the punch itself point at it; the schedule's keep their path.
            if problem.path == "$.trainee" || problem.path == "$.at" || problem.path == "$.kind" {
                let field = problem.path.trim_start_matches("$.").to_owned();
                problem.path = format!("$.punches[{i}].{field}");
                ApiError::engine(problem)
            } else {
                ApiError::engine(problem)
            }
        })?;
        let future = p.at.china().timestamp() > now + CLOCK_ALLOWANCE_SECS;
        let check_json = canonical::to_string(&check);
        let (status, reason) = if future {
            (
                "refused",
                Some(json!({
                    "code": "punch.in_future",
                    "message_zh": "打卡时间晚于服务器当前时间，请检查手机时钟",
                    "message_en": "the punch's moment is later than the server's clock: check the phone's clock",
                })),
            )
        } else if check.acceptable {
            ("recorded", None)
        } else {
            ("refused", None)
        };
        checked.push((i, status, reason, check_json));
    }
    Ok((batch, checked))
}

/// Runs [`submit_now`] to completion (`writes::to_completion`).
pub(crate) async fn submit(
    state: AxState<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    crate::writes::to_completion(&state.0.clone(), submit_now(state, caller, body)).await
}

/// `POST /v1/punches` (public: the phone has no institution token).
async fn submit_now(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    let text = body_text(&body)?;
    drop(body);
    // Parsing and checking a batch is CPU work that grows with the roster and
    // the schedule: it runs on the engine pool, never on the async threads.
    let s = state.clone();
    let (batch, checked) =
        crate::engine_runs::blocking(&state, move || check_batch(&s, &text)).await??;

    let received_at = super::now_utc();
    // What is stored: every free field with any ID number inside it replaced
    // by the person's key and any credit code masked, the same way each time,
    // so that a resent punch still finds the first (the checks above ran on
    // the punches as sent).
    let keys = &state.keys;
    let class_id = super::privacy::redact_string(keys, &batch.class.id, &[]);
    let (_guard, mut tx) = state
        .ledger
        .begin_write()
        .await
        .map_err(|e| ApiError::db(&e))?;
    let mut answers = Vec::with_capacity(checked.len());
    for (i, status, reason, check_json) in checked {
        let p = &batch.punches[i];
        let kind = text_of(&p.kind).unwrap_or_default();
        let at = p.at.to_string();
        // The answer names the punch by the id the phone sent.
        let sent_id = p.id.trim();
        let id = super::privacy::redact_string(keys, sent_id, &[]);
        let trainee = super::privacy::redact_string(keys, &p.trainee, &[]);
        if let Some(old) = ledger::punch_in(&mut tx, &id)
            .await
            .map_err(|e| ApiError::db(&e))?
        {
            let same = old.class_id == class_id
                && old.trainee == trainee
                && old.kind == kind
                && old.at == at;
            let check: Value = serde_json::from_str(&old.check).unwrap_or(Value::Null);
            answers.push(if same {
                json!({ "id": sent_id, "status": "duplicate", "recorded_status": old.status, "check": check })
            } else {
                json!({
                    "id": sent_id,
                    "status": "refused",
                    "reason": {
                        "code": "punch.id_reused",
                        "message_zh": "此 id 已用于另一条打卡记录",
                        "message_en": "this id was already used for a different punch",
                    },
                    "check": check,
                })
            });
            continue;
        }
        let row = PunchRow {
            id,
            class_id: class_id.clone(),
            policy_id: super::privacy::redact_string(keys, &batch.policy, &[]),
            trainee,
            kind,
            at,
            method: super::privacy::redact_option(
                keys,
                p.method.as_ref().and_then(text_of).as_deref(),
                &[],
            ),
            device: super::privacy::redact_option(keys, p.device.as_deref(), &[]),
            status: status.to_owned(),
            check: super::privacy::redact_json_text(keys, &check_json, &[]),
            received_at: received_at.clone(),
        };
        ledger::insert_punch(&mut tx, &row)
            .await
            .map_err(|e| ApiError::db(&e))?;
        // The phone hears the check as computed on what it sent.
        let check: Value = serde_json::from_str(&check_json).unwrap_or(Value::Null);
        let mut answer = json!({ "id": sent_id, "status": status, "check": check });
        if let Some(reason) = reason {
            answer["reason"] = reason;
        }
        answers.push(answer);
    }
    tx.commit().await.map_err(|e| ApiError::db(&e))?;
    Ok(json_response(
        StatusCode::OK,
        canonical::value_to_string(&json!({ "received": answers })),
    ))
}

/// `GET /v1/punches` (authority): a page of recorded punches, filtered by
/// `class`, `trainee`, `status` (`recorded`, `refused`) and `policy`.
pub(crate) async fn list(
    AxState(state): AxState<AppState>,
    caller: Caller,
    q: QueryParams,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let q = q.only(&["class", "trainee", "status", "policy", "limit", "offset"])?;
    let page = q.page()?;
    let mut filters = Vec::new();
    let mut shown = serde_json::Map::new();
    // Class, trainee and policy are stored redacted: looked up the same way.
    for (param, column) in [
        ("class", "class_id"),
        ("trainee", "trainee"),
        ("policy", "policy_id"),
    ] {
        if let Some(v) = q.text(param) {
            filters.push(Filter::Text(
                column,
                super::privacy::redact_string(&state.keys, v, &[]),
            ));
            shown.insert(param.into(), Value::String(v.to_owned()));
        }
    }
    if let Some(v) = q.one_of("status", &["recorded", "refused"])? {
        filters.push(Filter::Text("status", v.to_owned()));
        shown.insert("status".into(), Value::String(v.to_owned()));
    }
    let (total, rows) = state
        .ledger
        .punches(&filters, page.limit, page.offset)
        .await
        .map_err(|e| ApiError::db(&e))?;
    let punches: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "class": r.class_id,
                "policy": r.policy_id,
                "trainee": r.trainee,
                "kind": r.kind,
                "at": r.at,
                "method": r.method,
                "device": r.device,
                "status": r.status,
                "received_at": r.received_at,
            })
        })
        .collect();
    Ok(page_answer("punches", punches, total, page, shown))
}
