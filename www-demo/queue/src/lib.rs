//! The trainee page's offline punch queue (www-demo/trainee.html).
//!
//! A punch is written to the phone's storage before it is sent to the
//! verifier (`POST /v1/punches`) and leaves the queue only when the
//! verifier's answer names it. The engine (`peixun`) does no I/O; keeping
//! punches is the page's job, and this crate is where that storage lives:
//! [`PunchQueue`] over a [`Store`], which is the browser's `localStorage`
//! (through gloo-storage, [`LocalStore`], wasm32 only) on the page and a
//! [`MemoryStore`] in tests. Sending (fetch, the `online` event, retries)
//! stays in the page's JavaScript (www-demo/src/trainee/queue.js); what an
//! answer means for each punch is decided here, an error answer to a whole
//! request included ([`PunchQueue::apply_error`]: refuse the punches it points
//! at, send smaller batches, or hold the queue until the trainee acts).
//!
//! ```
//! use peixun_punch_queue::{MemoryStore, PunchQueue};
//! use serde_json::json;
//!
//! let mut q = PunchQueue::new(MemoryStore::default(), "peixun.trainee");
//! q.enqueue(json!({"id": "a1", "trainee": "T01", "kind": "sign_in",
//!                  "at": "2026-11-25T08:10:00+08:00"})).unwrap();
//! // A reload: a new queue over the same storage sees the punch.
//! let q = PunchQueue::new(q.into_store(), "peixun.trainee");
//! assert_eq!(q.queued()[0]["id"], "a1");
//! ```
#![forbid(unsafe_code)]

mod queue;
mod store;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use queue::{
    Applied, BatchError, Problem, PunchQueue, QueueError, MAX_ID_CHARS, MAX_PUNCH_BYTES,
    MAX_QUEUED, MAX_REFUSED, MAX_SENT,
};
#[cfg(target_arch = "wasm32")]
pub use store::LocalStore;
pub use store::{MemoryStore, Store, StoreError};
