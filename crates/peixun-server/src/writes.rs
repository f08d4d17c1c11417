//! A request that writes to the ledger runs to completion.
//!
//! A request's future is dropped when it times out or its client goes away.
//! Dropped inside a ledger transaction, it would leave the rollback to the
//! connection's next user (and SQLite's next `BEGIN IMMEDIATE` on that
//! connection fails). So every writing handler (claims, punches, voucher issue and events, the
//! dishonesty list) runs as a task of its own:
//! the transaction commits or rolls back whatever happens to the request,
//! and a client that gave up finds what was recorded by sending again (the
//! same `Idempotency-Key`, punch id or event id).

use std::future::Future;

use axum::response::Response;

use crate::respond::{overloaded, ApiError};
use crate::AppState;

/// Runs `work` as a task of its own and waits for it; dropping the returned
/// future does not stop `work`. The task holds a slot of the global write
/// limit (`max_in_flight` of them) until it ends, so writes left running by
/// requests that timed out cannot pile up: with none free, 503
/// `http.overloaded` and nothing is started.
pub(crate) async fn to_completion<F>(state: &AppState, work: F) -> Result<Response, ApiError>
where
    F: Future<Output = Result<Response, ApiError>> + Send + 'static,
{
    let Ok(slot) = state.admission.writes.clone().try_acquire_owned() else {
        return Err(overloaded());
    };
    tokio::spawn(async move {
        let answer = work.await;
        drop(slot);
        answer
    })
    .await
    .map_err(|_| ApiError::internal("a ledger write"))?
}
