//! The limits every request shares, global across routes: requests in flight,
//! request-body memory, engine runs, ledger writes still running (one
//! semaphore each).

/// The shared limits every request passes: requests in flight, request-body
/// memory, engine runs.
pub(crate) struct Admission {
    pub(crate) in_flight: std::sync::Arc<tokio::sync::Semaphore>,
    pub(crate) body_bytes: std::sync::Arc<tokio::sync::Semaphore>,
    pub(crate) engine: tokio::sync::Semaphore,
    /// Ledger writes still running (`writes::to_completion`): a write outlives
    /// a request that timed out, so its own slot keeps the number bounded.
    pub(crate) writes: std::sync::Arc<tokio::sync::Semaphore>,
    pub(crate) max_body_bytes: usize,
}

impl Admission {
    pub fn new(limits: &crate::config::Limits) -> Admission {
        Admission {
            in_flight: std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_in_flight)),
            body_bytes: std::sync::Arc::new(tokio::sync::Semaphore::new(
                limits.max_body_memory_bytes.min(u32::MAX as usize),
            )),
            engine: tokio::sync::Semaphore::new(limits.engine_workers()),
            writes: std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_in_flight)),
            max_body_bytes: limits.max_body_bytes,
        }
    }
}
