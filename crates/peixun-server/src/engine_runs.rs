//! Running the engine for a request: on the engine pool's blocking threads
//! (`blocking`, `run_engine`), or inside the ledger's transaction, and the
//! work limits checked first (`check_work`).

use crate::codes::VerifierCode;
use axum::http::StatusCode;
use serde_json::Value;

use crate::respond::ApiError;
use crate::AppState;

/// Runs CPU-heavy work on a blocking thread, at most `engine_workers` at once,
/// so that the async threads stay free for `/health` and the light routes.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let _turn = state
        .admission
        .engine
        .acquire()
        .await
        .map_err(|_| ApiError::internal("the engine pool is closed"))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| ApiError::internal("the engine task failed"))
}

/// Runs an engine operation off the async threads.
pub(crate) async fn run_engine(
    state: &AppState,
    operation: &str,
    request: String,
) -> Result<String, ApiError> {
    let s = state.clone();
    let op = operation.to_owned();
    blocking(state, move || s.engine.handle(&op, &request))
        .await?
        .map_err(ApiError::engine)
}

/// The engine inside a ledger write transaction (a submission's verdict on
/// the ledger's facts): on the blocking threads but not behind the engine
/// pool's queue, which holds the pre-checks of every request waiting for the
/// ledger; a transaction waiting there would hold the write lock for as long
/// as the whole queue. The write lock (SQLite: one writer) or the connection
/// pool (PostgreSQL) bounds how many run at once.
pub(crate) async fn blocking_in_transaction<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| ApiError::internal("the engine task failed"))
}

/// Refuses requests that ask for more work than the limits allow.
pub(crate) fn check_work(state: &AppState, operation: &str, value: &Value) -> Result<(), ApiError> {
    let limits = &state.config.limits;
    let count = |v: Option<&Value>| v.and_then(Value::as_array).map_or(0, Vec::len);
    let people = count(value.get("trainees"))
        + count(value.get("enterprise").and_then(|e| e.get("workers")))
        + count(value.get("claim").and_then(|c| c.get("trainees")))
        + count(value.get("applicant").and_then(|a| a.get("workers")));
    if people > limits.max_trainees {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            VerifierCode::LimitsTooManyTrainees,
            "$.trainees",
            format!(
                "一次请求最多 {} 名学员，实际 {people} 名",
                limits.max_trainees
            ),
            format!(
                "at most {} trainees in one request; found {people}",
                limits.max_trainees
            ),
        ));
    }
    let events = count(value.get("events"));
    if events > limits.max_events {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            VerifierCode::LimitsTooManyEvents,
            "$.events",
            format!(
                "一次请求最多 {} 个事件，实际 {events} 个",
                limits.max_events
            ),
            format!(
                "at most {} events in one request; found {events}",
                limits.max_events
            ),
        ));
    }
    let _ = operation;
    Ok(())
}
