//! Vouchers on the server (authority only): issuing (sign a token, record
//! `apply` and `issue`) and lifecycle events (JZ-V1), checked by replaying the
//! holder's log through the same state machine as `voucher.replay`.

use crate::codes::VerifierCode;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Value};

use super::ledger::{self, VoucherRow};
use super::{AppState, Caller};
use crate::access::require_authority;
use crate::respond::{body_text, json_response, ApiError};
use peixun::canonical;
use peixun::error::Explain;
use peixun::voucher::{
    moment, Applied, Event, EventKind, FaceValue, HolderHash, Ledger as Lifecycle, LifecycleRules,
    Payload,
};

fn input_error(e: peixun::input::InputError) -> ApiError {
    ApiError::engine(e.problem())
}

fn rules_for(state: &AppState, policy: &str) -> Result<LifecycleRules, ApiError> {
    let p = state.engine.policy(policy).map_err(input_error)?;
    Ok(LifecycleRules::from_policy(p)
        .map(|(r, _)| r)
        .unwrap_or_default())
}

/// Replays the holder's log and applies the new events; the states after.
fn replay_and_apply(
    rules: LifecycleRules,
    log: &[String],
    new: &[Event],
) -> Result<(Lifecycle, Vec<Applied>), ApiError> {
    let mut events = Vec::with_capacity(log.len());
    for text in log {
        let e: Event = serde_json::from_str(text)
            .map_err(|_| ApiError::internal("a stored event does not read back"))?;
        events.push(e);
    }
    let mut lc = Lifecycle::replay(rules, &events).map_err(|e| ApiError::engine(e.problem()))?;
    let mut applied = Vec::new();
    for e in new {
        applied.push(lc.apply(e).map_err(|e| ApiError::engine(e.problem()))?);
    }
    Ok((lc, applied))
}

/// An event as the ledger stores it: canonical JSON with every free text (a
/// revocation's reason, anything else an event carries) redacted; its
/// identifiers (checked to hold no ID number), the institution it was claimed
/// at and the holder pseudonym as they are, so that the log replays the same.
fn stored_event(state: &AppState, event: &Event) -> String {
    let mut v = serde_json::to_value(event).unwrap_or(Value::Null);
    super::privacy::redact_value_except(
        &state.keys,
        &mut v,
        &[],
        &["voucher_id", "event_id", "institution"],
    );
    canonical::value_to_string(&v)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssueRequest {
    voucher_id: String,
    policy: String,
    #[serde(with = "peixun::identity::serde_resident_id")]
    holder_id_number: peixun::identity::ResidentId,
    #[serde(default, with = "peixun::identity::serde_credit_code::option")]
    institution: Option<peixun::identity::CreditCode>,
    major: String,
    #[serde(default)]
    face_value: Option<peixun::money::Yuan>,
    #[serde(with = "peixun::input::date")]
    valid_from: NaiveDate,
    #[serde(with = "peixun::input::date")]
    valid_until: NaiveDate,
    #[serde(default)]
    issued_at: Option<String>,
}

fn china_now() -> chrono::DateTime<chrono::FixedOffset> {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let utc = chrono::DateTime::from_timestamp(d.as_secs() as i64, 0).unwrap_or_default();
    match chrono::FixedOffset::east_opt(8 * 3600) {
        Some(cst) => utc.with_timezone(&cst),
        None => utc.fixed_offset(),
    }
}

/// Runs [`issue_now`] to completion (`writes::to_completion`).
pub(crate) async fn issue(
    state: AxState<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    crate::writes::to_completion(&state.0.clone(), issue_now(state, caller, body)).await
}

/// `POST /v1/vouchers`.
async fn issue_now(
    AxState(state): AxState<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let issuer = state.issuer.clone().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            peixun::error::ServerCode::NoSigningKey,
            "$",
            "服务器未配置签名密钥（signing_key_file）".into(),
            "the server has no signing key configured (signing_key_file)".into(),
        )
    })?;
    let req: IssueRequest =
        peixun::input::from_json(&body_text(&body)?, 64 * 1024).map_err(input_error)?;
    // The voucher's id and major are signed into the token as they are: an
    // ID number in either would be stored, logged and handed out.
    super::privacy::check_identifier(&state.keys, &req.voucher_id, "$.voucher_id")?;
    super::privacy::check_identifier(&state.keys, &req.major, "$.major")?;
    let rules = rules_for(&state, &req.policy)?;
    let issued_at = match &req.issued_at {
        Some(s) => moment::parse(s).map_err(|(code, m)| {
            ApiError::new(StatusCode::BAD_REQUEST, code, "$.issued_at", m.clone(), m)
        })?,
        None => china_now(),
    };
    let holder = state.keys.holder().hash(&req.holder_id_number);
    let payload = Payload {
        key_id: issuer.key_id().to_owned(),
        voucher_id: req.voucher_id.clone(),
        policy: req.policy.clone(),
        holder,
        institution: req.institution.as_ref().map(|c| c.code().to_owned()),
        major: req.major.clone(),
        face_value: match req.face_value {
            Some(yuan) => FaceValue::Amount { yuan },
            None => FaceValue::PerPolicy,
        },
        valid_from: req.valid_from,
        valid_until: req.valid_until,
        issued_at,
    };
    let token = issuer.sign(&payload).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            VerifierCode::VoucherInvalidPayload,
            "$",
            format!("无法签发：{e}"),
            format!("cannot issue: {e}"),
        )
    })?;
    let at = Some(issued_at);
    let events = vec![
        Event {
            event_id: format!("{}-apply", req.voucher_id),
            voucher_id: req.voucher_id.clone(),
            at,
            kind: EventKind::Apply { holder },
        },
        Event {
            event_id: format!("{}-issue", req.voucher_id),
            voucher_id: req.voucher_id.clone(),
            at,
            kind: EventKind::Issue,
        },
    ];
    let now = super::now_utc();
    let (_guard, mut tx) = state
        .ledger
        .begin_write()
        .await
        .map_err(|e| ApiError::db(&e))?;
    let holder_hex = holder.to_hex();
    ledger::lock_people(
        &mut tx,
        state.ledger.backend(),
        std::slice::from_ref(&holder_hex),
        &now,
    )
    .await
    .map_err(|e| ApiError::db(&e))?;
    if ledger::voucher_in(&mut tx, &req.voucher_id)
        .await
        .map_err(|e| ApiError::db(&e))?
        .is_some()
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            VerifierCode::VoucherExists,
            "$.voucher_id",
            format!("电子培训券 {} 已存在", req.voucher_id),
            format!("voucher {} already exists", req.voucher_id),
        ));
    }
    let log = ledger::holder_events(&mut tx, &req.policy, &holder_hex)
        .await
        .map_err(|e| ApiError::db(&e))?;
    let (lc, _) = replay_and_apply(rules, &log, &events)?;
    let state_name = lc
        .state(&req.voucher_id)
        .map(|s| s.name())
        .unwrap_or("issued");
    ledger::insert_voucher(
        &mut tx,
        &VoucherRow {
            voucher_id: req.voucher_id.clone(),
            policy_id: req.policy.clone(),
            holder: Some(holder_hex),
            token: Some(token.clone()),
            state: "applied".into(),
            created_at: now.clone(),
            updated_at: now.clone(),
        },
    )
    .await
    .map_err(|e| ApiError::db(&e))?;
    for (i, e) in events.iter().enumerate() {
        let s = if i == 0 { "applied" } else { state_name };
        ledger::append_event(
            &mut tx,
            &e.voucher_id,
            &e.event_id,
            e.kind.name().name(),
            &stored_event(&state, e),
            s,
            &now,
        )
        .await
        .map_err(|e| ApiError::db(&e))?;
    }
    tx.commit().await.map_err(|e| ApiError::db(&e))?;
    tracing::info!(voucher = %req.voucher_id, "voucher issued");
    Ok(crate::respond::created(
        &format!("/v1/vouchers/{}", crate::respond::segment(&req.voucher_id)),
        canonical::value_to_string(&json!({
            "voucher_id": req.voucher_id,
            "policy": req.policy,
            "state": state_name,
            "token": token,
            "key_id": issuer.key_id(),
        })),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventRequest {
    event: Value,
    #[serde(default)]
    policy: Option<String>,
    #[serde(default, with = "peixun::identity::serde_resident_id::option")]
    holder_id_number: Option<peixun::identity::ResidentId>,
}

/// Runs [`event_now`] to completion (`writes::to_completion`).
pub(crate) async fn event(
    state: AxState<AppState>,
    caller: Caller,
    id: Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    crate::writes::to_completion(&state.0.clone(), event_now(state, caller, id, body)).await
}

/// `POST /v1/vouchers/{id}/events`.
async fn event_now(
    AxState(state): AxState<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let req: EventRequest =
        peixun::input::from_json(&body_text(&body)?, 64 * 1024).map_err(input_error)?;
    let mut ev = req.event;
    if let Value::Object(map) = &mut ev {
        map.entry("voucher_id").or_insert_with(|| json!(id));
        if let Some(idn) = &req.holder_id_number {
            map.insert(
                "holder".into(),
                json!(state.keys.holder().hash(idn).to_hex()),
            );
        }
    }
    let event: Event = peixun::input::from_value(ev).map_err(|mut e| {
        e.path = e.path.replacen('$', "$.event", 1);
        input_error(e)
    })?;
    super::privacy::check_identifier(&state.keys, &id, "$.event.voucher_id")?;
    super::privacy::check_identifier(&state.keys, &event.event_id, "$.event.event_id")?;
    // From here on the event is the one the ledger stores, its free text
    // redacted: the log replays, and a resent event compares, as stored (no
    // lifecycle step reads a reason).
    let event: Event = serde_json::from_str(&stored_event(&state, &event))
        .map_err(|_| ApiError::internal("a redacted event does not read back"))?;
    if event.voucher_id != id {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            peixun::input::InputCode::InvalidValue,
            "$.event.voucher_id",
            "事件的 voucher_id 与地址不一致".into(),
            "the event's voucher_id is not the one in the path".into(),
        ));
    }
    let now = super::now_utc();
    let (_guard, mut tx) = state
        .ledger
        .begin_write()
        .await
        .map_err(|e| ApiError::db(&e))?;
    let existing = ledger::voucher_in(&mut tx, &id)
        .await
        .map_err(|e| ApiError::db(&e))?;
    let (policy, holder): (String, HolderHash) = match (&existing, &event.kind) {
        (Some(v), _) => (
            v.policy_id.clone(),
            v.holder
                .as_deref()
                .and_then(|h| h.parse().ok())
                .ok_or_else(|| ApiError::internal("a voucher without a holder"))?,
        ),
        (None, EventKind::Apply { holder }) => (
            req.policy.clone().ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    peixun::input::InputCode::MissingField,
                    "$.policy",
                    "新电子培训券的 apply 事件需要 policy".into(),
                    "the apply event of a new voucher needs `policy`".into(),
                )
            })?,
            *holder,
        ),
        (None, _) => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                peixun::voucher::LifecycleCode::UnknownVoucher,
                "$.event.voucher_id",
                format!("没有电子培训券 {id}"),
                format!("no voucher {id}"),
            ))
        }
    };
    let rules = rules_for(&state, &policy)?;
    let holder_hex = holder.to_hex();
    ledger::lock_people(
        &mut tx,
        state.ledger.backend(),
        std::slice::from_ref(&holder_hex),
        &now,
    )
    .await
    .map_err(|e| ApiError::db(&e))?;
    if let Some(stored) = ledger::event_by_id(&mut tx, &event.event_id)
        .await
        .map_err(|e| ApiError::db(&e))?
    {
        // Delivered twice: the same event is a no-op, a different one is refused.
        let same = serde_json::from_str::<Event>(&stored).is_ok_and(|s| s == event);
        if !same {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                peixun::voucher::LifecycleCode::EventIdReused,
                "$.event.event_id",
                format!("事件编号 {} 已用于另一事件", event.event_id),
                format!("event ID {} was used for another event", event.event_id),
            ));
        }
    }
    let log = ledger::holder_events(&mut tx, &policy, &holder_hex)
        .await
        .map_err(|e| ApiError::db(&e))?;
    let (lc, applied) = replay_and_apply(rules, &log, std::slice::from_ref(&event))?;
    let new_state = lc.state(&id).map(|s| s.name()).unwrap_or("applied");
    let duplicate = applied.first() == Some(&Applied::Duplicate);
    if !duplicate {
        if existing.is_none() {
            ledger::insert_voucher(
                &mut tx,
                &VoucherRow {
                    voucher_id: id.clone(),
                    policy_id: policy.clone(),
                    holder: Some(holder_hex),
                    token: None,
                    state: new_state.into(),
                    created_at: now.clone(),
                    updated_at: now.clone(),
                },
            )
            .await
            .map_err(|e| ApiError::db(&e))?;
        }
        ledger::append_event(
            &mut tx,
            &id,
            &event.event_id,
            event.kind.name().name(),
            &stored_event(&state, &event),
            new_state,
            &now,
        )
        .await
        .map_err(|e| ApiError::db(&e))?;
    }
    tx.commit().await.map_err(|e| ApiError::db(&e))?;
    let record = lc
        .voucher(&id)
        .map(|r| serde_json::to_value(r).unwrap_or(Value::Null));
    let body = canonical::value_to_string(&json!({
        "voucher": record,
        "duplicate": duplicate,
    }));
    // A new event is recorded in the voucher's log: the voucher is where it is read.
    Ok(if duplicate {
        json_response(StatusCode::OK, body)
    } else {
        crate::respond::created(
            &format!("/v1/vouchers/{}", crate::respond::segment(&id)),
            body,
        )
    })
}

/// `GET /v1/vouchers/{id}`.
pub(crate) async fn read(
    AxState(state): AxState<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let mut tx = state
        .ledger
        .pool()
        .begin()
        .await
        .map_err(|e| ApiError::db(&e))?;
    let v = ledger::voucher_in(&mut tx, &id)
        .await
        .map_err(|e| ApiError::db(&e))?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                peixun::voucher::LifecycleCode::UnknownVoucher,
                "$",
                format!("没有电子培训券 {id}"),
                format!("no voucher {id}"),
            )
        })?;
    let events = ledger::voucher_events(&mut tx, &id)
        .await
        .map_err(|e| ApiError::db(&e))?;
    tx.commit().await.map_err(|e| ApiError::db(&e))?;
    let events: Vec<Value> = events
        .iter()
        .map(|e| serde_json::from_str(e).unwrap_or(Value::Null))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        canonical::value_to_string(&json!({
            "voucher_id": v.voucher_id,
            "policy": v.policy_id,
            "holder": v.holder,
            "state": v.state,
            "token": v.token,
            "created_at": v.created_at,
            "updated_at": v.updated_at,
            "events": events,
        })),
    ))
}
