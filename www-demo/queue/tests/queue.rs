//! Every transition of the punch queue, over a store in memory: what the
//! trainee page relies on when it is offline, reloaded, or answered.

use peixun_punch_queue::{MemoryStore, PunchQueue, Store, MAX_ID_CHARS, MAX_QUEUED};
use serde_json::{json, Value};

const PREFIX: &str = "peixun.trainee";

fn punch(id: &str) -> Value {
    json!({
        "id": id,
        "trainee": "T01",
        "kind": "sign_in",
        "at": "2026-11-25T08:10:00+08:00",
        "method": "voucher_qr",
        "device": "phone-1a2b3c4d",
    })
}

fn queue() -> PunchQueue<MemoryStore> {
    PunchQueue::new(MemoryStore::default(), PREFIX)
}

fn ids(list: &[Value]) -> Vec<&str> {
    list.iter().map(|p| p["id"].as_str().unwrap()).collect()
}

fn stored(q: PunchQueue<MemoryStore>, key: &str) -> (Option<Value>, PunchQueue<MemoryStore>) {
    let store = q.into_store();
    let v = store
        .get(&format!("{PREFIX}.{key}"))
        .map(|t| serde_json::from_str(&t).unwrap());
    (v, PunchQueue::new(store, PREFIX))
}

#[test]
fn a_punch_is_stored_as_the_page_reads_it_and_survives_a_reload() {
    let mut q = queue();
    let back = q.enqueue(punch("a1")).unwrap();
    assert_eq!(back, punch("a1"));
    q.enqueue(punch("a2")).unwrap();
    // The same JSON list under the same key as the page has always used.
    let (text, q) = stored(q, "queue");
    assert_eq!(text, Some(json!([punch("a1"), punch("a2")])));
    // A reload: a new queue over the same storage.
    let q = PunchQueue::new(q.into_store(), PREFIX);
    assert_eq!(ids(&q.queued()), ["a1", "a2"]);
    assert_eq!(ids(&q.batch()), ["a1", "a2"]);
    assert!(q.sent().is_empty() && q.refused().is_empty());
    assert!(q.problems().is_empty());
}

#[test]
fn another_prefix_is_another_queue() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    let other = PunchQueue::new(q.into_store(), "peixun.other");
    assert!(other.queued().is_empty());
}

#[test]
fn a_duplicate_id_is_refused_whether_queued_sent_or_refused() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    q.enqueue(punch("a2")).unwrap();
    q.enqueue(punch("a3")).unwrap();
    q.apply(&json!({"received": [
        {"id": "a2", "status": "recorded"},
        {"id": "a3", "status": "refused", "reason": {"code": "punch.in_future"}},
    ]}))
    .unwrap();
    for (id, word) in [("a1", "queued"), ("a2", "sent"), ("a3", "refused")] {
        let e = q.enqueue(punch(id)).unwrap_err();
        assert_eq!(e.code, "queue.duplicate_id");
        assert_eq!(e.path, "$.id");
        assert!(
            e.message_en.contains(&format!("`{id}` is already {word}")),
            "{e}"
        );
        assert!(e.message_zh.contains(id));
    }
    assert_eq!(ids(&q.queued()), ["a1"]);
    assert_eq!(ids(&q.sent()), ["a2"]);
    assert_eq!(ids(&q.refused()), ["a3"]);
}

#[test]
fn a_malformed_punch_is_refused_with_the_field() {
    let mut q = queue();
    let long = "x".repeat(MAX_ID_CHARS + 1);
    let cases = [
        (json!(["a1"]), "$"),
        (json!("a1"), "$"),
        (
            json!({"trainee": "T01", "kind": "sign_in", "at": "2026-11-25T08:10:00+08:00"}),
            "$.id",
        ),
        (
            json!({"id": 7, "trainee": "T01", "kind": "sign_in", "at": "x"}),
            "$.id",
        ),
        (
            json!({"id": "", "trainee": "T01", "kind": "sign_in", "at": "x"}),
            "$.id",
        ),
        (
            json!({"id": " a1", "trainee": "T01", "kind": "sign_in", "at": "x"}),
            "$.id",
        ),
        (
            json!({"id": long, "trainee": "T01", "kind": "sign_in", "at": "x"}),
            "$.id",
        ),
        (
            json!({"id": "a1", "kind": "sign_in", "at": "x"}),
            "$.trainee",
        ),
        (
            json!({"id": "a1", "trainee": "T01", "kind": " ", "at": "x"}),
            "$.kind",
        ),
        (
            json!({"id": "a1", "trainee": "T01", "kind": "sign_in", "at": null}),
            "$.at",
        ),
        (
            json!({"id": "a1", "trainee": "T01", "kind": "sign_in", "at": "x", "note": "很".repeat(2000)}),
            "$",
        ),
    ];
    for (p, path) in cases {
        let e = q.enqueue(p.clone()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("queue.bad_punch", path), "{p}");
        assert!(!e.message_zh.is_empty() && !e.message_en.is_empty());
    }
    assert!(q.queued().is_empty());
    // An id of exactly the longest length is fine.
    q.enqueue(punch(&"x".repeat(MAX_ID_CHARS))).unwrap();
    assert_eq!(q.queued().len(), 1);
}

#[test]
fn the_queue_is_bounded_and_has_room_again_once_sent() {
    let mut q = queue();
    for i in 0..MAX_QUEUED {
        q.enqueue(punch(&format!("p{i}"))).unwrap();
    }
    let e = q.enqueue(punch("one-more")).unwrap_err();
    assert_eq!(e.code, "queue.full");
    assert_eq!(e.path, "peixun.trainee.queue");
    assert!(
        e.message_en.contains("500 punches are already waiting"),
        "{e}"
    );
    assert!(e.message_zh.contains("500 条打卡待发送"));
    assert_eq!(q.queued().len(), MAX_QUEUED);
    assert_eq!(q.batch().len(), MAX_QUEUED);

    q.apply(&json!({"received": [{"id": "p0", "status": "recorded"}]}))
        .unwrap();
    q.enqueue(punch("one-more")).unwrap();
    assert_eq!(q.queued().len(), MAX_QUEUED);
    assert_eq!(q.queued().last().unwrap()["id"], "one-more");
}

#[test]
fn a_batch_carries_at_most_the_bound_even_if_storage_holds_more() {
    let mut store = MemoryStore::default();
    let many: Vec<Value> = (0..MAX_QUEUED + 20)
        .map(|i| punch(&format!("p{i}")))
        .collect();
    store
        .set("peixun.trainee.queue", &Value::Array(many).to_string())
        .unwrap();
    let q = PunchQueue::new(store, PREFIX);
    assert_eq!(q.queued().len(), MAX_QUEUED + 20);
    let batch = q.batch();
    assert_eq!(batch.len(), MAX_QUEUED);
    assert_eq!(batch[0]["id"], "p0");
}

#[test]
fn the_answer_moves_each_punch_where_it_belongs() {
    let mut q = queue();
    for id in ["rec", "dup", "ref", "silent", "odd"] {
        q.enqueue(punch(id)).unwrap();
    }
    let check = json!({"acceptable": true, "kind": "sign_in"});
    let done = q
        .apply(&json!({"received": [
            {"id": "rec", "status": "recorded", "check": check},
            {"id": "dup", "status": "duplicate"},
            {"id": "ref", "status": "refused", "check": {"acceptable": false},
             "reason": {"code": "punch.in_future", "message_zh": "晚于核验端时间", "message_en": "in the future"}},
            {"id": "odd", "status": "pending"},
            {"id": "not-mine", "status": "recorded"},
            {"status": "recorded"},
            "rubbish",
        ]}))
        .unwrap();
    assert_eq!(ids(&done.sent), ["rec", "dup"]);
    assert_eq!(ids(&done.refused), ["ref"]);
    assert_eq!(ids(&done.kept), ["silent", "odd"]);

    let mut rec = punch("rec");
    rec["status"] = json!("recorded");
    rec["check"] = check;
    let mut dup = punch("dup");
    dup["status"] = json!("duplicate");
    dup["check"] = Value::Null;
    assert_eq!(q.sent(), [rec, dup]);
    let refused = &q.refused()[0];
    assert_eq!(refused["status"], "refused");
    assert_eq!(refused["reason"]["code"], "punch.in_future");
    assert_eq!(refused["check"]["acceptable"], false);
    assert_eq!(refused["trainee"], "T01");
    assert_eq!(ids(&q.queued()), ["silent", "odd"]);

    // The lists are kept across a reload.
    let q = PunchQueue::new(q.into_store(), PREFIX);
    assert_eq!(ids(&q.sent()), ["rec", "dup"]);
    assert_eq!(ids(&q.refused()), ["ref"]);
    assert_eq!(ids(&q.queued()), ["silent", "odd"]);
}

#[test]
fn a_punch_added_while_a_send_is_out_stays_queued() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    let out = q.batch();
    assert_eq!(ids(&out), ["a1"]);
    // The trainee punches again before the answer arrives.
    q.enqueue(punch("a2")).unwrap();
    let done = q
        .apply(&json!({"received": [{"id": "a1", "status": "recorded"}]}))
        .unwrap();
    assert_eq!(ids(&done.sent), ["a1"]);
    assert_eq!(ids(&done.kept), ["a2"]);
    assert_eq!(ids(&q.queued()), ["a2"]);
}

#[test]
fn applying_the_same_answer_twice_counts_each_punch_once() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    q.enqueue(punch("a2")).unwrap();
    let answer = json!({"received": [
        {"id": "a1", "status": "recorded"},
        {"id": "a2", "status": "refused", "reason": {"code": "punch.in_future"}},
    ]});
    q.apply(&answer).unwrap();
    let again = q.apply(&answer).unwrap();
    assert!(again.sent.is_empty() && again.refused.is_empty() && again.kept.is_empty());
    assert_eq!(ids(&q.sent()), ["a1"]);
    assert_eq!(ids(&q.refused()), ["a2"]);
}

#[test]
fn a_punch_left_queued_after_a_half_applied_answer_is_sent_once() {
    // Storage where the sent list was written but the queue was not (the
    // phone ran out of storage between the two writes).
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    let answer = json!({"received": [{"id": "a1", "status": "recorded"}]});
    q.apply(&answer).unwrap();
    let (_, q) = stored(q, "queue");
    let mut store = q.into_store();
    store
        .set("peixun.trainee.queue", &json!([punch("a1")]).to_string())
        .unwrap();
    let mut q = PunchQueue::new(store, PREFIX);
    // It is sent again; the verifier answers "duplicate".
    assert_eq!(ids(&q.batch()), ["a1"]);
    q.apply(&json!({"received": [{"id": "a1", "status": "duplicate"}]}))
        .unwrap();
    assert!(q.queued().is_empty());
    assert_eq!(ids(&q.sent()), ["a1"]);
    assert_eq!(q.sent()[0]["status"], "recorded");
}

#[test]
fn an_answer_without_a_received_list_changes_nothing() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    for answer in [
        json!({"error": {"code": "http.overloaded"}}),
        json!({"received": {"id": "a1", "status": "recorded"}}),
        json!([{"id": "a1", "status": "recorded"}]),
        Value::Null,
    ] {
        let e = q.apply(&answer).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            ("queue.bad_answer", "$.received")
        );
    }
    assert_eq!(ids(&q.queued()), ["a1"]);
    assert!(q.sent().is_empty());
}

#[test]
fn the_device_name_is_made_once_and_kept() {
    let mut q = queue();
    assert_eq!(q.device_id("phone-1a2b3c4d").unwrap(), "phone-1a2b3c4d");
    assert_eq!(q.device_id("phone-99999999").unwrap(), "phone-1a2b3c4d");
    // Stored as the bare string the page has always kept.
    let store = q.into_store();
    assert_eq!(
        store.get("peixun.trainee.device").as_deref(),
        Some("phone-1a2b3c4d")
    );
    let mut q = PunchQueue::new(store, PREFIX);
    assert_eq!(q.device_id("phone-00000000").unwrap(), "phone-1a2b3c4d");
}

#[test]
fn a_bad_device_name_is_refused_and_a_bad_kept_one_replaced() {
    let mut q = queue();
    for bad in ["", " phone", &"x".repeat(MAX_ID_CHARS + 1)] {
        let e = q.device_id(bad).unwrap_err();
        assert_eq!(e.code, "queue.bad_device_id");
    }
    let mut store = q.into_store();
    store.set("peixun.trainee.device", "").unwrap();
    let mut q = PunchQueue::new(store, PREFIX);
    assert_eq!(q.device_id("phone-1a2b3c4d").unwrap(), "phone-1a2b3c4d");
    assert_eq!(q.device_id("phone-2").unwrap(), "phone-1a2b3c4d");
}

#[test]
fn unreadable_storage_is_an_empty_list_reported_once_and_kept_aside() {
    for text in ["[{\"id\": \"a1\"", "{\"id\": \"a1\"}", "null", "not json"] {
        let mut store = MemoryStore::default();
        store.set("peixun.trainee.queue", text).unwrap();
        store.set("peixun.trainee.sent", "[").unwrap();
        let mut q = PunchQueue::new(store, PREFIX);
        assert!(q.queued().is_empty(), "{text}");
        assert!(q.batch().is_empty());
        assert!(q.sent().is_empty());
        let problems = q.problems();
        assert_eq!(problems.len(), 2, "one report per key: {problems:?}");
        assert_eq!(problems[0].code, "queue.storage_unreadable");
        assert_eq!(problems[0].key, "peixun.trainee.queue");
        assert_eq!(
            problems[0].kept_as.as_deref(),
            Some("peixun.trainee.queue.unreadable")
        );
        assert_eq!(problems[1].key, "peixun.trainee.sent");

        // The queue goes on; the unreadable text is put aside first.
        q.enqueue(punch("a2")).unwrap();
        let store = q.into_store();
        assert_eq!(
            store.get("peixun.trainee.queue.unreadable").as_deref(),
            Some(text)
        );
        let q = PunchQueue::new(store, PREFIX);
        assert_eq!(ids(&q.queued()), ["a2"]);
    }
}

#[test]
fn entries_without_an_id_are_left_out_and_reported() {
    let mut store = MemoryStore::default();
    store
        .set(
            "peixun.trainee.queue",
            &json!([punch("a1"), 3, {"trainee": "T01"}, {"id": 5}, punch("a2")]).to_string(),
        )
        .unwrap();
    let mut q = PunchQueue::new(store, PREFIX);
    assert_eq!(ids(&q.queued()), ["a1", "a2"]);
    let problems = q.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "queue.storage_entry_dropped");
    assert!(
        problems[0].message_en.starts_with("3 entries"),
        "{problems:?}"
    );
    let done = q
        .apply(&json!({"received": [{"id": "a1", "status": "recorded"}]}))
        .unwrap();
    assert_eq!(ids(&done.kept), ["a2"]);
}

#[test]
fn a_full_store_refuses_the_punch_and_loses_nothing() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    q.device_id("phone-1a2b3c4d").unwrap();
    let mut store = q.into_store();
    store.refuse_writes = true;
    let mut q = PunchQueue::new(store, PREFIX);

    let e = q.enqueue(punch("a2")).unwrap_err();
    assert_eq!(e.code, "queue.storage_write");
    assert_eq!(e.path, "peixun.trainee.queue");
    assert!(e.message_en.contains("QuotaExceededError"), "{e}");
    assert_eq!(ids(&q.queued()), ["a1"]);

    // The answer cannot be recorded either: the punch stays queued.
    let e = q
        .apply(&json!({"received": [{"id": "a1", "status": "recorded"}]}))
        .unwrap_err();
    assert_eq!(e.code, "queue.storage_write");
    assert_eq!(ids(&q.queued()), ["a1"]);
    assert!(q.sent().is_empty());

    // A device name already kept is still given; a new one cannot be kept.
    assert_eq!(q.device_id("phone-2").unwrap(), "phone-1a2b3c4d");
    let mut empty = MemoryStore::default();
    empty.refuse_writes = true;
    let e = PunchQueue::new(empty, PREFIX)
        .device_id("phone-2")
        .unwrap_err();
    assert_eq!(e.code, "queue.storage_write");
}
