//! The queue itself: three lists and the device name, each under one key of
//! a [`Store`], read afresh on every call so that another tab's writes (or a
//! reload) are seen.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::store::Store;

/// Most punches waiting at once. A trainee offline for a month makes about a
/// hundred; the verifier takes up to 1000 in one request by default
/// (`limits.max_events`), so one batch carries the whole queue unless the
/// verifier is set to take fewer (then [`PunchQueue::apply_error`] says to send
/// smaller batches).
pub const MAX_QUEUED: usize = 500;

/// Most punches kept in the sent list; when an answer adds more, the oldest
/// are dropped. A six-month class is about 250 punches per trainee, so this
/// is four such classes on one phone, more than any trainee's record the
/// attendance view needs. Each sent punch keeps the verifier's check (about
/// 1,400 characters with the Dalian policy), so a full list is about 1.4
/// million characters of the roughly 5 million a browser gives a site's
/// `localStorage`; with the refused list and a full queue, under 2 million.
pub const MAX_SENT: usize = 1000;

/// Most punches kept in the refused list; when more are refused, the oldest
/// are dropped. A trainee is shown each refusal on the spot (the page shows
/// the last three), and a whole class is about 250 punches.
pub const MAX_REFUSED: usize = 200;

/// Longest punch identifier (and device name), as the verifier allows.
pub const MAX_ID_CHARS: usize = 100;

/// Largest punch, as stored JSON text.
pub const MAX_PUNCH_BYTES: usize = 4096;

/// What a call could not do: a stable code, the field it is about and a
/// message in both languages.
///
/// ```
/// use peixun_punch_queue::{MemoryStore, PunchQueue};
/// use serde_json::json;
///
/// let mut q = PunchQueue::new(MemoryStore::default(), "p");
/// let e = q.enqueue(json!({"trainee": "T01", "kind": "sign_in", "at": "2026-11-25T08:10:00+08:00"})).unwrap_err();
/// assert_eq!((e.code, e.path.as_str()), ("queue.bad_punch", "$.id"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueError {
    /// `queue.bad_punch`, `queue.duplicate_id`, `queue.full`,
    /// `queue.storage_write`, `queue.bad_answer` or `queue.bad_device_id`.
    pub code: &'static str,
    /// Where in the input (`$.id`, `$.received[2]`), or the storage key.
    pub path: String,
    /// The message in Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
}

impl QueueError {
    fn new(code: &'static str, path: impl Into<String>, zh: String, en: String) -> Self {
        QueueError {
            code,
            path: path.into(),
            message_zh: zh,
            message_en: en,
        }
    }

    fn storage(key: &str, err: &crate::StoreError) -> Self {
        QueueError::new(
            "queue.storage_write",
            key,
            format!("无法保存到本机存储（{err}），打卡未保存"),
            format!("could not write to this phone's storage ({err}); nothing was saved"),
        )
    }
}

impl fmt::Display for QueueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code, self.path, self.message_en)
    }
}

impl std::error::Error for QueueError {}

/// Something found wrong in storage and worked around: the queue went on, and
/// says so here (see [`PunchQueue::problems`]).
///
/// ```
/// use peixun_punch_queue::{MemoryStore, PunchQueue, Store};
///
/// let mut store = MemoryStore::default();
/// store.set("p.queue", "[{").unwrap();
/// let q = PunchQueue::new(store, "p");
/// assert!(q.queued().is_empty());
/// assert_eq!(q.problems()[0].code, "queue.storage_unreadable");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `queue.storage_unreadable` (the whole list) or
    /// `queue.storage_entry_dropped` (some entries of it).
    pub code: &'static str,
    /// The storage key.
    pub key: String,
    /// Where the unreadable text was put aside (`<key>.unreadable`), if it was.
    pub kept_as: Option<String>,
    /// The message in Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
}

/// What [`PunchQueue::apply`] did with the verifier's answer.
///
/// ```
/// let a = peixun_punch_queue::Applied::default();
/// assert!(a.sent.is_empty() && a.refused.is_empty() && a.kept.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Applied {
    /// Recorded or duplicate: now in the sent list (with `status` and `check`).
    pub sent: Vec<Value>,
    /// Refused: now in the refused list (with `status`, `check` and `reason`).
    pub refused: Vec<Value>,
    /// Still queued (not in the answer, or added while the request was out).
    pub kept: Vec<Value>,
}

/// What [`PunchQueue::apply_error`] made of the verifier's error answer to a
/// whole batch, and so what the page does next. As JSON (for the page) it is
/// an object with `action` (`refused`, `split`, `hold` or `retry`) and the
/// variant's fields.
///
/// ```
/// use peixun_punch_queue::BatchError;
/// use serde_json::json;
///
/// let hold = BatchError::Hold { problem: json!({"code": "input.unknown_policy"}) };
/// assert_eq!(serde_json::to_value(&hold).unwrap()["action"], "hold");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum BatchError {
    /// The problem points at punches of the batch (`$.punches[i]…`): those
    /// are now in the refused list, each with the verifier's problem as its
    /// `reason`; the rest are still queued and can be sent at once.
    Refused(Applied),
    /// The batch was too large (413): send at most `size` punches at a time.
    Split {
        /// The next batch's size, half the one refused.
        size: usize,
    },
    /// A problem that points at no punch of the batch (the class or policy
    /// the page sent, a route the verifier does not have): every punch stays
    /// queued, and sending the same request again would get the same answer,
    /// so nothing is sent until the next punch, the `online` event or the
    /// trainee's retry. `problem` is the verifier's error, or null.
    Hold {
        /// The verifier's `error` object, or null when it sent none.
        problem: Value,
    },
    /// A passing trouble (408, 429, 5xx): every punch stays queued and is sent
    /// again later. `problem` is the verifier's error, or null.
    Retry {
        /// The verifier's `error` object, or null when it sent none.
        problem: Value,
    },
}

/// The trainee page's punch queue over a [`Store`]. Keys: `<prefix>.queue`,
/// `<prefix>.sent`, `<prefix>.refused` (JSON lists of punch objects) and
/// `<prefix>.device` (this phone's name, a bare string).
///
/// A punch is written here before it is sent; it leaves the queue only when
/// the verifier's answer names it (recorded or duplicate → sent, refused →
/// refused), or when the verifier refuses a whole request with a problem that
/// points at it ([`PunchQueue::apply_error`]). The sent and refused lists keep
/// their most recent [`MAX_SENT`] and [`MAX_REFUSED`] entries. Nothing is
/// cached in memory: every call reads the store, so a new queue over the same
/// store (a reload) sees the same punches.
///
/// ```
/// use peixun_punch_queue::{MemoryStore, PunchQueue};
/// use serde_json::json;
///
/// let mut q = PunchQueue::new(MemoryStore::default(), "peixun.trainee");
/// q.enqueue(json!({"id": "a1", "trainee": "T01", "kind": "sign_in", "at": "2026-11-25T08:10:00+08:00"})).unwrap();
/// assert_eq!(q.batch().len(), 1);
/// let done = q.apply(&json!({"received": [{"id": "a1", "status": "recorded"}]})).unwrap();
/// assert_eq!(done.sent.len(), 1);
/// assert!(q.queued().is_empty());
/// ```
#[derive(Debug)]
pub struct PunchQueue<S: Store> {
    store: S,
    queue_key: String,
    sent_key: String,
    refused_key: String,
    device_key: String,
    problems: RefCell<Vec<Problem>>,
}

impl<S: Store> PunchQueue<S> {
    /// A queue keeping its lists under `prefix` in `store`.
    ///
    /// ```
    /// use peixun_punch_queue::{MemoryStore, PunchQueue};
    ///
    /// let q = PunchQueue::new(MemoryStore::default(), "peixun.trainee");
    /// assert!(q.queued().is_empty());
    /// ```
    pub fn new(store: S, prefix: &str) -> Self {
        PunchQueue {
            store,
            queue_key: format!("{prefix}.queue"),
            sent_key: format!("{prefix}.sent"),
            refused_key: format!("{prefix}.refused"),
            device_key: format!("{prefix}.device"),
            problems: RefCell::new(Vec::new()),
        }
    }

    /// The store underneath (e.g. to hand it to a new queue, as a reload does).
    ///
    /// ```
    /// use peixun_punch_queue::{MemoryStore, PunchQueue, Store};
    ///
    /// let q = PunchQueue::new(MemoryStore::default(), "p");
    /// assert_eq!(q.into_store().get("p.queue"), None);
    /// ```
    pub fn into_store(self) -> S {
        self.store
    }

    /// Punches waiting to be sent, oldest first.
    ///
    /// ```
    /// # use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// assert!(PunchQueue::new(MemoryStore::default(), "p").queued().is_empty());
    /// ```
    pub fn queued(&self) -> Vec<Value> {
        self.read(&self.queue_key)
    }

    /// Punches the verifier recorded (or already had), with its answer, oldest
    /// first: the most recent [`MAX_SENT`].
    ///
    /// ```
    /// # use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// assert!(PunchQueue::new(MemoryStore::default(), "p").sent().is_empty());
    /// ```
    pub fn sent(&self) -> Vec<Value> {
        self.read(&self.sent_key)
    }

    /// Punches the verifier refused, with its reason, oldest first: the most
    /// recent [`MAX_REFUSED`].
    ///
    /// ```
    /// # use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// assert!(PunchQueue::new(MemoryStore::default(), "p").refused().is_empty());
    /// ```
    pub fn refused(&self) -> Vec<Value> {
        self.read(&self.refused_key)
    }

    /// The punches to send now: the queue, at most [`MAX_QUEUED`] of them.
    ///
    /// ```
    /// # use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// assert!(PunchQueue::new(MemoryStore::default(), "p").batch().is_empty());
    /// ```
    pub fn batch(&self) -> Vec<Value> {
        self.batch_of(MAX_QUEUED)
    }

    /// The punches to send now when the verifier takes at most `size` at once
    /// (see [`BatchError::Split`]): the oldest `size` (at least one, at most
    /// [`MAX_QUEUED`]).
    ///
    /// ```
    /// use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// use serde_json::json;
    ///
    /// let mut q = PunchQueue::new(MemoryStore::default(), "p");
    /// for id in ["a1", "a2", "a3"] {
    ///     q.enqueue(json!({"id": id, "trainee": "T01", "kind": "sign_in", "at": "2026-11-25T08:10:00+08:00"})).unwrap();
    /// }
    /// assert_eq!(q.batch_of(2).len(), 2);
    /// assert_eq!(q.batch_of(0).len(), 1);
    /// ```
    pub fn batch_of(&self, size: usize) -> Vec<Value> {
        let mut q = self.queued();
        q.truncate(size.clamp(1, MAX_QUEUED));
        q
    }

    /// What was found wrong in storage since this queue was made, once per
    /// key and kind.
    ///
    /// ```
    /// # use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// assert!(PunchQueue::new(MemoryStore::default(), "p").problems().is_empty());
    /// ```
    pub fn problems(&self) -> Vec<Problem> {
        self.problems.borrow().clone()
    }

    /// Adds a punch (a JSON object with a client-made `id` and the `trainee`,
    /// `kind` and `at` strings; other fields are kept as they are) to the end
    /// of the queue and returns it. Refused: a malformed punch
    /// (`queue.bad_punch`), an `id` already queued, sent or refused
    /// (`queue.duplicate_id`), a full queue (`queue.full`) or a store that
    /// will not take it (`queue.storage_write`); then nothing changes.
    ///
    /// ```
    /// use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// use serde_json::json;
    ///
    /// let mut q = PunchQueue::new(MemoryStore::default(), "p");
    /// let p = json!({"id": "a1", "trainee": "T01", "kind": "sign_in", "at": "2026-11-25T08:10:00+08:00"});
    /// q.enqueue(p.clone()).unwrap();
    /// assert_eq!(q.enqueue(p).unwrap_err().code, "queue.duplicate_id");
    /// ```
    pub fn enqueue(&mut self, punch: Value) -> Result<Value, QueueError> {
        let Value::Object(fields) = &punch else {
            return Err(bad_punch(
                "$",
                "打卡记录应为 JSON 对象".into(),
                "a punch must be a JSON object".into(),
            ));
        };
        let id = match fields.get("id") {
            Some(Value::String(s))
                if !s.trim().is_empty() && s.trim() == s && s.chars().count() <= MAX_ID_CHARS =>
            {
                s.clone()
            }
            _ => {
                return Err(bad_punch(
                    "$.id",
                    format!("打卡记录的 id 应为 1–{MAX_ID_CHARS} 个字符，首尾无空格"),
                    format!(
                    "a punch's id must be 1 to {MAX_ID_CHARS} characters, without spaces around it"
                ),
                ))
            }
        };
        for field in ["trainee", "kind", "at"] {
            if !matches!(fields.get(field), Some(Value::String(s)) if !s.trim().is_empty()) {
                return Err(bad_punch(
                    &format!("$.{field}"),
                    format!("打卡记录缺少 {field}（应为非空字符串）"),
                    format!("a punch needs `{field}` (a non-empty string)"),
                ));
            }
        }
        let size = punch.to_string().len();
        if size > MAX_PUNCH_BYTES {
            return Err(bad_punch(
                "$",
                format!("打卡记录过大：{size} 字节，最多 {MAX_PUNCH_BYTES} 字节"),
                format!("a punch is too large: {size} bytes, at most {MAX_PUNCH_BYTES}"),
            ));
        }
        let mut queue = self.queued();
        for (list, zh, en) in [
            (&queue, "待发送", "queued"),
            (&self.sent(), "已发送", "sent"),
            (&self.refused(), "被拒收", "refused"),
        ] {
            if list.iter().any(|p| id_of(p) == Some(id.as_str())) {
                return Err(QueueError::new(
                    "queue.duplicate_id",
                    "$.id",
                    format!("id “{id}” 的打卡记录已在{zh}列表中"),
                    format!("a punch with the id `{id}` is already {en}"),
                ));
            }
        }
        if queue.len() >= MAX_QUEUED {
            return Err(QueueError::new(
                "queue.full",
                self.queue_key.clone(),
                format!("本机已有 {} 条打卡待发送（最多 {MAX_QUEUED} 条）：请联网发送后再打卡", queue.len()),
                format!(
                    "{} punches are already waiting on this phone (at most {MAX_QUEUED}): send them before punching again",
                    queue.len()
                ),
            ));
        }
        queue.push(punch.clone());
        self.write(&self.queue_key.clone(), &queue)?;
        Ok(punch)
    }

    /// Takes the verifier's answer to a batch (`{"received": [{"id",
    /// "status", "check"?, "reason"?}, …]}`): a `recorded` or `duplicate`
    /// punch moves to the sent list, a `refused` one to the refused list (with
    /// the reason); any other punch stays queued, among them those added
    /// while the request was out. Applying the same answer twice changes
    /// nothing more. The sent and refused lists are then cut to their most
    /// recent [`MAX_SENT`] and [`MAX_REFUSED`] entries. A body without a
    /// `received` list is `queue.bad_answer` and changes nothing.
    ///
    /// ```
    /// use peixun_punch_queue::{MemoryStore, PunchQueue};
    /// use serde_json::json;
    ///
    /// let mut q = PunchQueue::new(MemoryStore::default(), "p");
    /// q.enqueue(json!({"id": "a1", "trainee": "T01", "kind": "sign_in", "at": "2026-11-25T08:10:00+08:00"})).unwrap();
    /// let r = q.apply(&json!({"received": [{"id": "a1", "status": "refused",
    ///     "reason": {"code": "punch.in_future"}}]})).unwrap();
    /// assert_eq!(r.refused[0]["reason"]["code"], "punch.in_future");
    /// assert!(q.queued().is_empty());
    /// ```
    pub fn apply(&mut self, answer: &Value) -> Result<Applied, QueueError> {
        let Some(received) = answer.get("received").and_then(Value::as_array) else {
            return Err(QueueError::new(
                "queue.bad_answer",
                "$.received",
                "核验端的答复中没有 received 列表".into(),
                "the verifier's answer has no `received` list".into(),
            ));
        };
        let mut answers: HashMap<&str, &Map<String, Value>> = HashMap::new();
        for entry in received {
            if let (Some(id), Some(obj)) = (id_of(entry), entry.as_object()) {
                answers.insert(id, obj);
            }
        }
        let mut sent = self.sent();
        let mut refused = self.refused();
        let sent_ids: HashSet<String> = sent.iter().filter_map(id_of).map(str::to_owned).collect();
        let refused_ids: HashSet<String> = refused
            .iter()
            .filter_map(id_of)
            .map(str::to_owned)
            .collect();
        let mut out = Applied::default();
        for punch in self.queued() {
            let answer = id_of(&punch).and_then(|id| answers.get(id));
            let status = answer.and_then(|a| a.get("status")).and_then(Value::as_str);
            let (Some(a), Some(status @ ("recorded" | "duplicate" | "refused"))) = (answer, status)
            else {
                out.kept.push(punch);
                continue;
            };
            let mut done = punch;
            if let Value::Object(fields) = &mut done {
                fields.insert("status".into(), Value::String(status.into()));
                fields.insert(
                    "check".into(),
                    a.get("check").cloned().unwrap_or(Value::Null),
                );
                if status == "refused" {
                    fields.insert(
                        "reason".into(),
                        a.get("reason").cloned().unwrap_or(Value::Null),
                    );
                }
            }
            if status == "refused" {
                out.refused.push(done);
            } else {
                out.sent.push(done);
            }
        }
        // Sent and refused first, the queue last: if a write fails half-way a
        // punch is at worst both sent and queued, and is sent again (the
        // verifier answers "duplicate"); it is never lost.
        sent.extend(
            out.sent
                .iter()
                .filter(|p| id_of(p).is_some_and(|id| !sent_ids.contains(id)))
                .cloned(),
        );
        refused.extend(
            out.refused
                .iter()
                .filter(|p| id_of(p).is_some_and(|id| !refused_ids.contains(id)))
                .cloned(),
        );
        if !out.sent.is_empty() {
            self.write(&self.sent_key.clone(), keep_last(&sent, MAX_SENT))?;
        }
        if !out.refused.is_empty() {
            self.write(&self.refused_key.clone(), keep_last(&refused, MAX_REFUSED))?;
        }
        if !out.sent.is_empty() || !out.refused.is_empty() {
            self.write(&self.queue_key.clone(), &out.kept)?;
        }
        Ok(out)
    }

    /// Takes the verifier's error answer to a whole batch: `status` is the
    /// HTTP status, `batch` the punches sent (in the order sent) and `answer`
    /// the body (`{"error": {"code", "path", "message_zh", "message_en",
    /// "details"?}}`, or anything else when the body was not the verifier's).
    ///
    /// - 408, 429, 5xx (and anything not 4xx): [`BatchError::Retry`].
    /// - 413 (`limits.too_many_punches`, `http.too_large`): [`BatchError::Split`]
    ///   in half; a single punch too large is [`BatchError::Hold`].
    /// - Another 4xx whose `path`, or a `details[]` entry's, is inside
    ///   `$.punches[i]`: punch `i` of the batch moves to the refused list
    ///   (`status` "refused", `check` null, `reason` the first such problem:
    ///   `code`, `path`, `message_zh`, `message_en`), unless it has left the
    ///   queue meanwhile; the others stay queued. [`BatchError::Refused`].
    /// - Any other 4xx: [`BatchError::Hold`].
    ///
    /// Only the refused case changes storage; a store that will not take it
    /// is `queue.storage_write`, and then nothing changes.
    ///
    /// ```
    /// use peixun_punch_queue::{BatchError, MemoryStore, PunchQueue};
    /// use serde_json::json;
    ///
    /// let mut q = PunchQueue::new(MemoryStore::default(), "p");
    /// for id in ["a1", "a2"] {
    ///     q.enqueue(json!({"id": id, "trainee": "T01", "kind": "sign_in", "at": "2026-11-25T08:10:00+08:00"})).unwrap();
    /// }
    /// let batch = q.batch();
    /// let answer = json!({"error": {"code": "input.invalid_time", "path": "$.punches[1].at",
    ///     "message_zh": "时间不存在", "message_en": "not a time"}});
    /// let BatchError::Refused(done) = q.apply_error(400, &batch, &answer).unwrap() else { panic!() };
    /// assert_eq!(done.refused[0]["reason"]["code"], "input.invalid_time");
    /// assert_eq!(q.queued()[0]["id"], "a1");
    /// ```
    pub fn apply_error(
        &mut self,
        status: u16,
        batch: &[Value],
        answer: &Value,
    ) -> Result<BatchError, QueueError> {
        let error = answer.get("error").filter(|e| e.is_object());
        let problem = error.cloned().unwrap_or(Value::Null);
        if !(400..500).contains(&status) || status == 408 || status == 429 {
            return Ok(BatchError::Retry { problem });
        }
        if status == 413 {
            return Ok(if batch.len() > 1 {
                BatchError::Split {
                    size: batch.len() / 2,
                }
            } else {
                BatchError::Hold { problem }
            });
        }
        // The problem and its details; each punch of the batch gets the first
        // that names it.
        let mut reasons: Vec<Option<&Value>> = vec![None; batch.len()];
        let details = error
            .and_then(|e| e.get("details"))
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for p in error.into_iter().chain(details) {
            let index = p.get("path").and_then(Value::as_str).and_then(punch_index);
            if let Some(slot) = index.and_then(|i| reasons.get_mut(i)) {
                slot.get_or_insert(p);
            }
        }
        if reasons.iter().all(Option::is_none) {
            return Ok(BatchError::Hold { problem });
        }
        // Each pointed punch is found in the queue as it is now (punches may
        // have been added, or sent by another tab, while the request was out)
        // by its id: the n-th queued punch with that id when it was the n-th
        // in the batch, so that of two punches with one id only the one named
        // goes (the queue keeps its order; punches only join at the end).
        let mut queue = self.queued();
        let mut taken = vec![false; queue.len()];
        let mut out = Applied::default();
        for (i, problem) in reasons.into_iter().enumerate() {
            let (Some(problem), Some(id)) = (problem, id_of(&batch[i])) else {
                continue;
            };
            let nth = batch[..i].iter().filter(|p| id_of(p) == Some(id)).count();
            let Some(at) = queue
                .iter()
                .enumerate()
                .filter(|(_, p)| id_of(p) == Some(id))
                .map(|(at, _)| at)
                .nth(nth)
            else {
                continue;
            };
            taken[at] = true;
            let mut done = queue[at].clone();
            if let Value::Object(fields) = &mut done {
                fields.insert("status".into(), Value::String("refused".into()));
                fields.insert("check".into(), Value::Null);
                fields.insert("reason".into(), reason_of(problem));
            }
            out.refused.push(done);
        }
        let mut taken = taken.into_iter();
        queue.retain(|_| !taken.next().unwrap_or(false));
        out.kept = queue;
        if !out.refused.is_empty() {
            let mut refused = self.refused();
            refused.extend(out.refused.iter().cloned());
            self.write(&self.refused_key.clone(), keep_last(&refused, MAX_REFUSED))?;
            self.write(&self.queue_key.clone(), &out.kept)?;
        }
        Ok(BatchError::Refused(out))
    }

    /// This phone's name: the one kept in the store, or else `fresh`, which is
    /// kept from now on. `fresh` must be 1 to [`MAX_ID_CHARS`] characters
    /// (`queue.bad_device_id`); a store that will not keep it is
    /// `queue.storage_write`.
    ///
    /// ```
    /// use peixun_punch_queue::{MemoryStore, PunchQueue};
    ///
    /// let mut q = PunchQueue::new(MemoryStore::default(), "p");
    /// assert_eq!(q.device_id("phone-1a2b3c4d").unwrap(), "phone-1a2b3c4d");
    /// assert_eq!(q.device_id("phone-99999999").unwrap(), "phone-1a2b3c4d");
    /// ```
    pub fn device_id(&mut self, fresh: &str) -> Result<String, QueueError> {
        if let Some(kept) = self.store.get(&self.device_key) {
            if valid_name(&kept) {
                return Ok(kept);
            }
        }
        if !valid_name(fresh) {
            return Err(QueueError::new(
                "queue.bad_device_id",
                "device",
                format!("设备名称应为 1–{MAX_ID_CHARS} 个字符，首尾无空格"),
                format!("a device name must be 1 to {MAX_ID_CHARS} characters, without spaces around it"),
            ));
        }
        self.store
            .set(&self.device_key, fresh)
            .map_err(|e| QueueError::storage(&self.device_key, &e))?;
        Ok(fresh.to_owned())
    }

    /// Reads a list; unreadable text counts as an empty list (its text is put
    /// aside under `<key>.unreadable` and reported), entries without an id
    /// are left out (and reported).
    fn read(&self, key: &str) -> Vec<Value> {
        let Some(text) = self.store.get(key) else {
            return Vec::new();
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Array(items)) => {
                let total = items.len();
                let good: Vec<Value> = items
                    .into_iter()
                    .filter(|p| p.is_object() && id_of(p).is_some())
                    .collect();
                if good.len() < total {
                    let dropped = total - good.len();
                    self.report(Problem {
                        code: "queue.storage_entry_dropped",
                        key: key.to_owned(),
                        kept_as: None,
                        message_zh: format!("本机存储 {key} 中有 {dropped} 条记录无法识别，已忽略"),
                        message_en: format!(
                            "{dropped} entries under {key} in this phone's storage could not be read and are left out"
                        ),
                    });
                }
                good
            }
            _ => {
                // The text is put aside once, before anything overwrites it.
                let aside = format!("{key}.unreadable");
                self.report(Problem {
                    code: "queue.storage_unreadable",
                    key: key.to_owned(),
                    kept_as: Some(aside),
                    message_zh: format!("本机存储 {key} 的内容无法读取，按空列表处理；原内容在下次写入前另存于 {key}.unreadable"),
                    message_en: format!(
                        "the text under {key} in this phone's storage cannot be read and is taken as an empty list; before the list is written again, that text is kept under {key}.unreadable"
                    ),
                });
                Vec::new()
            }
        }
    }

    fn report(&self, problem: Problem) {
        let mut list = self.problems.borrow_mut();
        if !list
            .iter()
            .any(|p| p.key == problem.key && p.code == problem.code)
        {
            list.push(problem);
        }
    }

    fn write(&mut self, key: &str, list: &[Value]) -> Result<(), QueueError> {
        self.keep_unreadable(key)?;
        let text = Value::Array(list.to_vec()).to_string();
        self.store
            .set(key, &text)
            .map_err(|e| QueueError::storage(key, &e))
    }

    /// Before a list that could not be read is overwritten, its text goes to
    /// `<key>.unreadable`, so that nothing is lost for good.
    fn keep_unreadable(&mut self, key: &str) -> Result<(), QueueError> {
        let Some(text) = self.store.get(key) else {
            return Ok(());
        };
        if matches!(serde_json::from_str::<Value>(&text), Ok(Value::Array(_))) {
            return Ok(());
        }
        let aside = format!("{key}.unreadable");
        self.store
            .set(&aside, &text)
            .map_err(|e| QueueError::storage(&aside, &e))
    }
}

/// The last `most` entries of a list (the most recent ones).
fn keep_last(list: &[Value], most: usize) -> &[Value] {
    &list[list.len().saturating_sub(most)..]
}

/// The punch a JSON path of the request points into: `$.punches[3]`,
/// `$.punches[3].at`, `$.punches[3][0]` → 3; `$.punches`, `$.class.start` →
/// none.
fn punch_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("$.punches[")?;
    let (digits, after) = rest.split_once(']')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !(after.is_empty() || after.starts_with('.') || after.starts_with('[')) {
        return None;
    }
    digits.parse().ok()
}

/// A refused punch's `reason`: the verifier's problem, without its details.
fn reason_of(problem: &Value) -> Value {
    let mut reason = Map::new();
    for key in ["code", "path", "message_zh", "message_en"] {
        reason.insert(key.into(), problem.get(key).cloned().unwrap_or(Value::Null));
    }
    Value::Object(reason)
}

fn bad_punch(path: &str, zh: String, en: String) -> QueueError {
    QueueError::new("queue.bad_punch", path, zh, en)
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

fn valid_name(s: &str) -> bool {
    !s.is_empty() && s.trim() == s && s.chars().count() <= MAX_ID_CHARS
}
