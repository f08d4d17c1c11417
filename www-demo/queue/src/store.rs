//! Where the queue keeps its lists: a string per key. In the browser that is
//! `localStorage` (through gloo-storage); natively (tests) a map in memory.

use std::collections::BTreeMap;
use std::fmt;

/// A key–value store of strings, the only I/O the queue does.
///
/// ```
/// use peixun_punch_queue::{MemoryStore, Store};
///
/// let mut store = MemoryStore::default();
/// assert_eq!(store.get("k"), None);
/// store.set("k", "[]").unwrap();
/// assert_eq!(store.get("k").as_deref(), Some("[]"));
/// ```
pub trait Store {
    /// The text under `key`, or `None` when there is none (or it cannot be read).
    fn get(&self, key: &str) -> Option<String>;
    /// Replaces the text under `key`; fails when the store refuses it (full, or
    /// storage turned off).
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
}

/// The store refused a write; `message` is what it said.
///
/// ```
/// let e = peixun_punch_queue::StoreError { message: "quota exceeded".into() };
/// assert_eq!(e.to_string(), "quota exceeded");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    /// The store's own words (e.g. the browser's `QuotaExceededError`).
    pub message: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StoreError {}

/// A store in memory: for tests, and for anywhere that keeps nothing across a
/// reload. Writes can be made to fail (`refuse_writes`) to show what the queue
/// does when the browser's storage is full.
///
/// ```
/// use peixun_punch_queue::{MemoryStore, Store};
///
/// let mut store = MemoryStore::default();
/// store.refuse_writes = true;
/// assert!(store.set("k", "[]").is_err());
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    /// When true, every `set` fails as a full `localStorage` does.
    pub refuse_writes: bool,
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.refuse_writes {
            return Err(StoreError {
                message: "QuotaExceededError: the store is full".into(),
            });
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
}

/// The browser's `localStorage`, through gloo-storage.
///
/// The queue keeps its own text (JSON lists, and the device name as a bare
/// string, as the page has always stored them), so this reads and writes the
/// raw item rather than gloo's JSON-encoded values.
///
/// ```no_run
/// use peixun_punch_queue::{LocalStore, PunchQueue};
///
/// let queue = PunchQueue::new(LocalStore, "peixun.trainee");
/// ```
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalStore;

#[cfg(target_arch = "wasm32")]
impl Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        use gloo_storage::{LocalStorage, Storage};
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        use gloo_storage::{LocalStorage, Storage};
        LocalStorage::raw()
            .set_item(key, value)
            .map_err(|e| StoreError {
                message: e.as_string().unwrap_or_else(|| format!("{e:?}")),
            })
    }
}
