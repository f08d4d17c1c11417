//! Every transition of the punch queue, over a store in memory: what the
//! trainee page relies on when it is offline, reloaded, or answered.

use peixun_punch_queue::{
    Applied, BatchError, MemoryStore, PunchQueue, Store, MAX_ID_CHARS, MAX_QUEUED, MAX_REFUSED,
    MAX_SENT,
};
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

fn problem(code: &str, path: &str) -> Value {
    json!({
        "code": code,
        "path": path,
        "message_zh": format!("{code} 的中文说明"),
        "message_en": format!("what {code} means"),
    })
}

fn refused_with(outcome: BatchError) -> Applied {
    match outcome {
        BatchError::Refused(done) => done,
        other => panic!("expected some punches refused, got {other:?}"),
    }
}

#[test]
fn a_problem_pointing_at_one_punch_refuses_that_punch_and_keeps_the_rest() {
    let mut q = queue();
    for id in ["a1", "a2", "bad", "a4"] {
        q.enqueue(punch(id)).unwrap();
    }
    let batch = q.batch();
    let answer = json!({"error": problem("input.invalid_time", "$.punches[2].at")});
    let done = refused_with(q.apply_error(400, &batch, &answer).unwrap());
    assert_eq!(ids(&done.refused), ["bad"]);
    assert_eq!(ids(&done.kept), ["a1", "a2", "a4"]);
    assert!(done.sent.is_empty());

    let mut bad = punch("bad");
    bad["status"] = json!("refused");
    bad["check"] = Value::Null;
    bad["reason"] = json!({
        "code": "input.invalid_time",
        "path": "$.punches[2].at",
        "message_zh": "input.invalid_time 的中文说明",
        "message_en": "what input.invalid_time means",
    });
    assert_eq!(q.refused(), [bad]);
    // The others go out in the next batch, and so does a later punch.
    assert_eq!(ids(&q.batch()), ["a1", "a2", "a4"]);
    q.enqueue(punch("later")).unwrap();
    let sent = q
        .apply(&json!({"received": [
            {"id": "a1", "status": "recorded"}, {"id": "a2", "status": "recorded"},
            {"id": "a4", "status": "recorded"}, {"id": "later", "status": "recorded"},
        ]}))
        .unwrap();
    assert_eq!(ids(&sent.sent), ["a1", "a2", "a4", "later"]);
    assert!(q.queued().is_empty());
    // The refused punch's id stays taken.
    assert_eq!(
        q.enqueue(punch("bad")).unwrap_err().code,
        "queue.duplicate_id"
    );
}

#[test]
fn every_punch_the_details_name_is_refused_with_its_own_problem() {
    let mut q = queue();
    for id in ["p0", "p1", "p2", "p3"] {
        q.enqueue(punch(id)).unwrap();
    }
    let batch = q.batch();
    let answer = json!({"error": {
        "code": "input.invalid_value", "path": "$.punches[3].kind",
        "message_zh": "无效", "message_en": "invalid",
        "details": [
            problem("input.invalid_value", "$.punches[3].kind"),
            problem("input.unknown_field", "$.punches[1].colour"),
            problem("input.wrong_type", "$.punches[1].at"),
            problem("input.invalid_date", "$.class.start"),
            problem("input.invalid_value", "$.punches[9].kind"),
        ],
    }});
    let done = refused_with(q.apply_error(400, &batch, &answer).unwrap());
    // In queue order, each with the first problem that names it.
    assert_eq!(ids(&done.refused), ["p1", "p3"]);
    assert_eq!(done.refused[0]["reason"]["code"], "input.unknown_field");
    assert_eq!(done.refused[0]["reason"]["path"], "$.punches[1].colour");
    assert_eq!(done.refused[1]["reason"]["code"], "input.invalid_value");
    assert_eq!(done.refused[1]["reason"]["message_en"], "invalid");
    assert!(done.refused[1]["reason"].get("details").is_none());
    assert_eq!(ids(&q.queued()), ["p0", "p2"]);
    assert_eq!(ids(&q.refused()), ["p1", "p3"]);
}

#[test]
fn a_problem_that_names_no_punch_holds_the_queue_as_it_is() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    q.enqueue(punch("a2")).unwrap();
    let batch = q.batch();
    for path in [
        "$.class.start",
        "$.policy.policy",
        "$.punches",
        "$",
        "$.punchesX[0]",
        "$.punches[x].at",
        "$.punches[].at",
        "$.punches[1]at",
        "$.punches[-1]",
        // Inside the list, but not a punch this batch carried.
        "$.punches[2].at",
    ] {
        let error = problem("input.invalid_value", path);
        let outcome = q
            .apply_error(400, &batch, &json!({ "error": error }))
            .unwrap();
        assert_eq!(outcome, BatchError::Hold { problem: error }, "{path}");
    }
    // Statuses that are the page's fault, and bodies that are not the verifier's.
    for (status, body) in [
        (401, json!({"error": problem("auth.invalid_token", "$")})),
        (404, Value::Null),
        (400, json!("Bad Request")),
        (400, json!({"error": "text"})),
    ] {
        let outcome = q.apply_error(status, &batch, &body).unwrap();
        assert!(
            matches!(outcome, BatchError::Hold { .. }),
            "{status} {body}: {outcome:?}"
        );
    }
    assert_eq!(
        q.apply_error(404, &batch, &Value::Null).unwrap(),
        BatchError::Hold {
            problem: Value::Null
        }
    );
    assert_eq!(ids(&q.queued()), ["a1", "a2"]);
    assert!(q.refused().is_empty() && q.sent().is_empty());
}

#[test]
fn timeouts_rate_limits_and_server_errors_are_retried_later() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    let batch = q.batch();
    // Even when the problem names a punch: the verifier did not judge it.
    let error = problem("http.overloaded", "$.punches[0]");
    for status in [408, 429, 500, 502, 503, 302] {
        let outcome = q
            .apply_error(status, &batch, &json!({ "error": error }))
            .unwrap();
        assert_eq!(
            outcome,
            BatchError::Retry {
                problem: error.clone()
            },
            "{status}"
        );
    }
    assert_eq!(ids(&q.queued()), ["a1"]);
    assert!(q.refused().is_empty());
}

#[test]
fn a_batch_too_large_is_split_in_half_down_to_one_punch() {
    let mut q = queue();
    for i in 0..5 {
        q.enqueue(punch(&format!("p{i}"))).unwrap();
    }
    for code in ["limits.too_many_punches", "http.too_large"] {
        let answer = json!({"error": problem(code, "$.punches")});
        assert_eq!(
            q.apply_error(413, &q.batch(), &answer).unwrap(),
            BatchError::Split { size: 2 }
        );
        assert_eq!(ids(&q.batch_of(2)), ["p0", "p1"]);
        assert_eq!(
            q.apply_error(413, &q.batch_of(2), &answer).unwrap(),
            BatchError::Split { size: 1 }
        );
        // One punch is as small as a batch gets: the request itself is too
        // large for this verifier, and sending it again would not help.
        let one = q.batch_of(1);
        assert_eq!(ids(&one), ["p0"]);
        assert_eq!(
            q.apply_error(413, &one, &answer).unwrap(),
            BatchError::Hold {
                problem: answer["error"].clone()
            }
        );
    }
    assert_eq!(q.queued().len(), 5);
    assert_eq!(q.batch_of(0).len(), 1);
    assert_eq!(q.batch_of(usize::MAX).len(), 5);
}

/// The verifier's answer to a batch, as `POST /v1/punches` gives it: more than
/// `max` punches is 413 `limits.too_many_punches`; the first punch whose
/// `kind` it does not know, or whose id it has seen earlier in the request,
/// refuses the whole request with that punch's path; else each punch is
/// recorded (or a duplicate of one recorded before).
fn verifier(max: usize, recorded: &mut Vec<String>, batch: &[Value]) -> (u16, Value) {
    if batch.len() > max {
        return (
            413,
            json!({"error": problem("limits.too_many_punches", "$.punches")}),
        );
    }
    let mut seen = Vec::new();
    for (i, p) in batch.iter().enumerate() {
        if !matches!(p["kind"].as_str(), Some("sign_in" | "sign_out")) {
            return (
                400,
                json!({"error": problem("input.invalid_value", &format!("$.punches[{i}].kind"))}),
            );
        }
        let id = p["id"].as_str().unwrap().to_owned();
        if seen.contains(&id) {
            return (
                400,
                json!({"error": problem("punches.duplicate_id", &format!("$.punches[{i}].id"))}),
            );
        }
        seen.push(id);
    }
    let received: Vec<Value> = seen
        .into_iter()
        .map(|id| {
            let status = if recorded.contains(&id) {
                "duplicate"
            } else {
                recorded.push(id.clone());
                "recorded"
            };
            json!({"id": id, "status": status})
        })
        .collect();
    (200, json!({ "received": received }))
}

/// What the page's `flush` does (www-demo/src/trainee/queue.js): send a batch,
/// apply the answer, and go on while each answer moved a punch or asked for
/// smaller batches; stop on a hold or a retry. Returns the number of requests.
fn flush(
    q: &mut PunchQueue<MemoryStore>,
    size: &mut usize,
    max: usize,
    recorded: &mut Vec<String>,
) -> usize {
    let mut requests = 0;
    loop {
        let batch = q.batch_of(*size);
        if batch.is_empty() {
            return requests;
        }
        requests += 1;
        let (status, body) = verifier(max, recorded, &batch);
        if status == 200 {
            let done = q.apply(&body).unwrap();
            if done.sent.is_empty() && done.refused.is_empty() {
                return requests;
            }
            continue;
        }
        match q.apply_error(status, &batch, &body).unwrap() {
            BatchError::Refused(done) if !done.refused.is_empty() => {}
            BatchError::Split { size: smaller } => *size = smaller,
            _ => return requests,
        }
    }
}

#[test]
fn a_bad_punch_among_many_goes_to_the_refused_list_and_the_rest_are_sent_in_chunks() {
    let mut store = MemoryStore::default();
    // Twelve punches kept by an older page: one of an unknown kind, and one
    // stored twice.
    let mut kept: Vec<Value> = (0..10).map(|i| punch(&format!("p{i}"))).collect();
    kept[5]["kind"] = json!("sign_sideways");
    kept.insert(3, punch("p2"));
    store
        .set("peixun.trainee.queue", &Value::Array(kept).to_string())
        .unwrap();
    let mut q = PunchQueue::new(store, PREFIX);
    assert_eq!(q.queued().len(), 11);

    let mut recorded = Vec::new();
    let mut size = MAX_QUEUED;
    // A verifier set to take at most 4 punches per request.
    let requests = flush(&mut q, &mut size, 4, &mut recorded);
    // The whole queue (11), then half of it (5), then half again.
    assert_eq!(size, 2);
    // 11 and 5 (too many), then pairs: [p0 p1] [p2 p2: the copy refused]
    // [p2 p3] [p4 p5: p5 refused] [p4 p6] [p7 p8] [p9].
    assert_eq!(requests, 9);
    assert!(q.queued().is_empty());
    assert_eq!(
        ids(&q.sent()),
        ["p0", "p1", "p2", "p3", "p4", "p6", "p7", "p8", "p9"],
        "{requests} requests"
    );
    let refused = q.refused();
    assert_eq!(ids(&refused), ["p2", "p5"]);
    assert_eq!(refused[0]["kind"], "sign_in");
    assert_eq!(refused[0]["reason"]["code"], "punches.duplicate_id");
    assert_eq!(refused[1]["reason"]["code"], "input.invalid_value");
    assert_eq!(refused[1]["kind"], "sign_sideways");
    assert_eq!(recorded.len(), 9);

    // A later punch goes through at once, in the smaller batches.
    q.enqueue(punch("later")).unwrap();
    assert_eq!(flush(&mut q, &mut size, 4, &mut recorded), 1);
    assert_eq!(q.sent().last().unwrap()["id"], "later");
}

#[test]
fn of_two_punches_with_one_id_only_the_one_named_is_refused() {
    let mut store = MemoryStore::default();
    let mut second = punch("a1");
    second["at"] = json!("2026-11-25T11:50:00+08:00");
    second["kind"] = json!("sign_out");
    store
        .set(
            "peixun.trainee.queue",
            &json!([punch("a1"), punch("a2"), second, punch("a3")]).to_string(),
        )
        .unwrap();
    let mut q = PunchQueue::new(store, PREFIX);
    let batch = q.batch();
    let answer = json!({"error": problem("punches.duplicate_id", "$.punches[2].id")});
    let done = refused_with(q.apply_error(400, &batch, &answer).unwrap());
    assert_eq!(ids(&done.refused), ["a1"]);
    assert_eq!(done.refused[0]["kind"], "sign_out");
    assert_eq!(ids(&q.queued()), ["a1", "a2", "a3"]);
    assert_eq!(q.queued()[0], punch("a1"));
}

#[test]
fn after_a_refused_batch_the_queue_is_read_afresh() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    q.enqueue(punch("bad")).unwrap();
    let batch = q.batch();
    // While the request was out: a new punch, and another tab sent a1.
    q.enqueue(punch("new")).unwrap();
    q.apply(&json!({"received": [{"id": "a1", "status": "recorded"}]}))
        .unwrap();
    let answer = json!({"error": problem("input.invalid_time", "$.punches[1].at")});
    let done = refused_with(q.apply_error(400, &batch, &answer).unwrap());
    assert_eq!(ids(&done.refused), ["bad"]);
    assert_eq!(ids(&done.kept), ["new"]);
    assert_eq!(ids(&q.queued()), ["new"]);
    assert_eq!(ids(&q.sent()), ["a1"]);

    // The same answer again: the punch it names has left the queue.
    let again = refused_with(q.apply_error(400, &batch, &answer).unwrap());
    assert!(again.refused.is_empty());
    assert_eq!(ids(&q.refused()), ["bad"]);
    assert_eq!(ids(&q.queued()), ["new"]);
}

#[test]
fn a_full_store_keeps_a_refused_batch_queued() {
    let mut q = queue();
    q.enqueue(punch("a1")).unwrap();
    let batch = q.batch();
    let mut store = q.into_store();
    store.refuse_writes = true;
    let mut q = PunchQueue::new(store, PREFIX);
    let answer = json!({"error": problem("input.invalid_time", "$.punches[0].at")});
    let e = q.apply_error(400, &batch, &answer).unwrap_err();
    assert_eq!(e.code, "queue.storage_write");
    assert_eq!(ids(&q.queued()), ["a1"]);
    assert!(q.refused().is_empty());
}

#[test]
fn the_sent_list_keeps_only_the_most_recent_punches() {
    let mut store = MemoryStore::default();
    let old: Vec<Value> = (0..MAX_SENT)
        .map(|i| {
            let mut p = punch(&format!("old{i}"));
            p["status"] = json!("recorded");
            p
        })
        .collect();
    store
        .set("peixun.trainee.sent", &Value::Array(old).to_string())
        .unwrap();
    let mut q = PunchQueue::new(store, PREFIX);
    for id in ["n1", "n2", "n3"] {
        q.enqueue(punch(id)).unwrap();
    }
    q.apply(&json!({"received": [
        {"id": "n1", "status": "recorded"}, {"id": "n2", "status": "duplicate"},
        {"id": "n3", "status": "recorded"},
    ]}))
    .unwrap();
    let sent = q.sent();
    assert_eq!(sent.len(), MAX_SENT);
    assert_eq!(sent[0]["id"], "old3");
    assert_eq!(ids(&sent[MAX_SENT - 3..]), ["n1", "n2", "n3"]);
    // Stored trimmed, not only read so.
    let (text, _) = stored(q, "sent");
    assert_eq!(text.unwrap().as_array().unwrap().len(), MAX_SENT);
}

#[test]
fn the_refused_list_keeps_only_the_most_recent_punches() {
    let mut q = queue();
    // More refusals than the list keeps, by the answer and by an error.
    for round in 0..MAX_REFUSED / 50 + 1 {
        let batch_ids: Vec<String> = (0..50).map(|i| format!("r{round}-{i}")).collect();
        for id in &batch_ids {
            q.enqueue(punch(id)).unwrap();
        }
        let received: Vec<Value> = batch_ids
            .iter()
            .map(|id| json!({"id": id, "status": "refused", "reason": {"code": "punch.in_future"}}))
            .collect();
        q.apply(&json!({ "received": received })).unwrap();
    }
    let refused = q.refused();
    assert_eq!(refused.len(), MAX_REFUSED);
    assert_eq!(refused[0]["id"], "r1-0");
    assert_eq!(
        refused.last().unwrap()["id"],
        format!("r{}-49", MAX_REFUSED / 50)
    );

    q.enqueue(punch("bad")).unwrap();
    let batch = q.batch();
    let answer = json!({"error": problem("input.invalid_time", "$.punches[0].at")});
    refused_with(q.apply_error(400, &batch, &answer).unwrap());
    let refused = q.refused();
    assert_eq!(refused.len(), MAX_REFUSED);
    assert_eq!(refused[0]["id"], "r1-1");
    assert_eq!(refused.last().unwrap()["id"], "bad");
}
