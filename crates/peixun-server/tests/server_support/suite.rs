//! The ledger scenarios, run against SQLite and against PostgreSQL.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Value};

use super::*;

fn finding_ids(answer: &Answer) -> Vec<String> {
    answer.json["ledger"]["findings"]
        .as_array()
        .unwrap_or(&vec![])
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Submission, idempotency, cross-claim checks, the blacklist, reading and
/// listing, bad input and limits.
pub async fn submissions(ts: &TestServer) {
    let b = inst_b();
    let ids: Vec<String> = (1..=6).map(|n| id_number(1000 + n)).collect();

    // A claim the engine accepts is recorded as accepted.
    let c1 = claim(&ids[0..2], INST_A);
    let first = ts.submit(TOKEN_A, "key-1", &c1).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.json["claim"]["status"], "accepted", "{}", first.body);
    assert_eq!(first.json["verdict"]["decision"], "accept");
    assert_eq!(
        first.json["claim"]["programme"],
        "dalian-2023-major-conversion"
    );
    assert_eq!(first.json["claim"]["year"], 2023);
    // The server's configuration loads the deployment's Dalian policy.
    assert_eq!(
        first.json["claim"]["policy"]["version"],
        "2023.1+deployment-example"
    );
    assert!(finding_ids(&first).is_empty());
    let id1 = first.json["claim"]["id"].as_str().unwrap().to_owned();

    // The same key and body: the same bytes, marked as a replay.
    let again = ts.submit(TOKEN_A, "key-1", &c1).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body, first.body);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    // The same key, another body: refused.
    let other = ts
        .submit(TOKEN_A, "key-1", &claim(&ids[0..1], INST_A))
        .await;
    assert_eq!(other.status, 409);
    assert_eq!(other.json["error"]["code"], "claim.idempotency_conflict");

    // DL-E5: institution B claims for a person A trained in the same programme and year.
    let dup = ts.submit(TOKEN_B, "b-1", &claim(&ids[0..1], &b)).await;
    assert_eq!(dup.status, 201, "{}", dup.body);
    assert_eq!(dup.json["claim"]["status"], "rejected");
    assert_eq!(finding_ids(&dup), ["DL-E5"], "{}", dup.body);
    // The rejection does not tell institution B which claim of which
    // institution holds the person-year; the authority reads both.
    assert!(!dup.body.contains(&id1), "{}", dup.body);
    assert!(!dup.body.contains(INST_A), "{}", dup.body);
    let dup_id = dup.json["claim"]["id"].as_str().unwrap();
    let by_b = ts.get(&format!("/v1/claims/{dup_id}"), Some(TOKEN_B)).await;
    assert!(
        !by_b.body.contains(&id1) && !by_b.body.contains(INST_A),
        "{}",
        by_b.body
    );
    let by_authority = ts
        .get(&format!("/v1/claims/{dup_id}"), Some(TOKEN_AUTHORITY))
        .await;
    let facts = &by_authority.json["ledger"]["findings"][0]["facts"];
    assert_eq!(facts["other_claim"], id1.as_str(), "{}", by_authority.body);
    assert_eq!(facts["other_institution"], INST_A);
    assert_eq!(dup.json["verdict"]["decision"], "reject");

    // Fushun's workflow is the same Liaoning programme: still DL-E5.
    let mut fs = claim(&ids[1..2], &b);
    fs["policy"] = json!("fushun-2024-major-conversion");
    // Fushun's rates are not in the seed: nothing is claimed per rule.
    fs["trainees"][0]["claimed"] = json!({});
    fs["claimed_total"] = json!("0.00");
    let fs_answer = ts.submit(TOKEN_B, "b-fushun", &fs).await;
    assert_eq!(fs_answer.status, 201, "{}", fs_answer.body);
    assert_eq!(
        fs_answer.json["claim"]["programme"],
        "dalian-2023-major-conversion"
    );
    assert_eq!(fs_answer.json["claim"]["status"], "rejected");

    // DL-P8: a person trained under Jinzhong's programme in October 2023
    // (accepted: another programme, nothing overlaps)...
    let jz = ts
        .submit(
            TOKEN_A,
            "key-jz-1",
            &jinzhong(&ids[4], INST_A, "2023-10-16", "2023-10-27"),
        )
        .await;
    assert_eq!(jz.status, 201, "{}", jz.body);
    assert_eq!(jz.json["claim"]["status"], "accepted", "{}", jz.body);
    // ...then in a Dalian class that overlaps it: no second subsidy.
    let o = ts
        .submit(TOKEN_A, "key-overlap", &claim(&ids[4..5], INST_A))
        .await;
    assert_eq!(o.status, 201, "{}", o.body);
    assert_eq!(o.json["claim"]["status"], "rejected");
    assert_eq!(finding_ids(&o), ["DL-P8"], "{}", o.body);
    // Jinzhong in September, before the Dalian class: fine.
    let n = ts
        .submit(
            TOKEN_A,
            "key-jz-2",
            &jinzhong(&ids[1], INST_A, "2023-09-04", "2023-09-15"),
        )
        .await;
    assert_eq!(n.status, 201, "{}", n.body);
    assert_eq!(n.json["claim"]["status"], "accepted", "{}", n.body);
    assert_eq!(n.json["claim"]["programme"], "jinzhong-2023-skills-shanxi");

    // DL-E6: the authority puts a person on the list (by ID number, kept as a hash).
    let add = ts
        .post(
            "/v1/blacklist",
            Some(TOKEN_AUTHORITY),
            &json!({"kind": "person", "id_number": ids[2], "reason": "失信"}),
        )
        .await;
    assert_eq!(add.status, 201, "{}", add.body);
    assert!(!add.body.contains(&ids[2]));
    let listed = ts
        .submit(TOKEN_A, "key-listed", &claim(&ids[2..3], INST_A))
        .await;
    assert_eq!(
        listed.json["claim"]["status"], "rejected",
        "{}",
        listed.body
    );
    assert_eq!(finding_ids(&listed), ["DL-E6"]);
    assert_eq!(listed.json["verdict"]["decision"], "reject");
    // DL-P7: institution B on the list.
    let add = ts
        .post(
            "/v1/blacklist",
            Some(TOKEN_AUTHORITY),
            &json!({"kind": "institution", "credit_code": b}),
        )
        .await;
    assert_eq!(add.status, 201);
    let listed = ts.submit(TOKEN_B, "b-listed", &claim(&ids[3..4], &b)).await;
    assert_eq!(listed.json["claim"]["status"], "rejected");
    assert_eq!(finding_ids(&listed), ["DL-P7"], "{}", listed.body);
    let all = ts.get("/v1/blacklist", Some(TOKEN_AUTHORITY)).await;
    assert_eq!(all.json["entries"].as_array().unwrap().len(), 2);
    let removed = ts
        .request(
            "DELETE",
            &format!("/v1/blacklist/institution/{b}"),
            Some(TOKEN_AUTHORITY),
            None,
            &[],
        )
        .await;
    assert_eq!(removed.status, 200);
    let again = ts
        .request(
            "DELETE",
            &format!("/v1/blacklist/institution/{b}"),
            Some(TOKEN_AUTHORITY),
            None,
            &[],
        )
        .await;
    assert_eq!(again.status, 404);
    assert_eq!(again.json["error"]["code"], "blacklist.not_found");

    // Reading: the institution's own and the authority's; the input keeps no ID number.
    let read = ts.get(&format!("/v1/claims/{id1}"), Some(TOKEN_A)).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json["verdict"], first.json["verdict"]);
    let stored = read.json["input"]["trainees"][0]["id_number"]
        .as_str()
        .unwrap();
    assert!(stored.starts_with("hmac:"), "{stored}");
    for id in &ids {
        assert!(
            !read.body.contains(id.as_str()),
            "ID number in a stored claim"
        );
    }
    assert_eq!(
        ts.get(&format!("/v1/claims/{id1}"), Some(TOKEN_B))
            .await
            .status,
        403
    );
    assert_eq!(
        ts.get(&format!("/v1/claims/{id1}"), Some(TOKEN_AUTHORITY))
            .await
            .status,
        200
    );
    assert_eq!(ts.get(&format!("/v1/claims/{id1}"), None).await.status, 401);
    assert_eq!(ts.get("/v1/claims/c-nope", Some(TOKEN_A)).await.status, 404);
    let mine = ts.get("/v1/claims", Some(TOKEN_A)).await;
    let theirs = ts.get("/v1/claims", Some(TOKEN_B)).await;
    let every = ts.get("/v1/claims", Some(TOKEN_AUTHORITY)).await;
    let count = |a: &Answer| a.json["claims"].as_array().unwrap().len();
    assert_eq!((count(&mine), count(&theirs), count(&every)), (5, 3, 8));
    assert!(mine.json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["institution"] == INST_A));

    // Refusals: another institution's code, no key, bad input, too much work.
    let foreign = ts
        .submit(TOKEN_A, "key-foreign", &claim(&ids[4..5], &b))
        .await;
    assert_eq!(foreign.status, 403);
    assert_eq!(foreign.json["error"]["code"], "auth.not_your_institution");
    let nokey = ts
        .request(
            "POST",
            "/v1/claims",
            Some(TOKEN_A),
            Some(c1.to_string()),
            &[],
        )
        .await;
    assert_eq!(nokey.status, 400);
    assert_eq!(nokey.json["error"]["code"], "claim.idempotency_key");
    let mut bad = claim(&ids[4..5], INST_A);
    bad["class"]["start"] = json!("2023-02-30");
    let bad = ts.submit(TOKEN_A, "key-bad", &bad).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["error"]["code"], "input.invalid_date");
    assert_eq!(bad.json["error"]["path"], "$.class.start");
    let many: Vec<String> = (0..201).map(|n| id_number(5000 + n)).collect();
    let big = ts.submit(TOKEN_A, "key-big", &claim(&many, INST_A)).await;
    assert_eq!(big.status, 413);
    assert_eq!(big.json["error"]["code"], "limits.too_many_trainees");
    // Nothing was recorded for the refused requests.
    assert_eq!(ts.server.ledger().count("claims").await.unwrap(), 8);

    let problems = ts.server.ledger().check_integrity().await.unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

/// Issuing a voucher and its lifecycle events (authority only).
pub async fn vouchers(ts: &TestServer) {
    let holder = id_number(2001);
    let issue = ts
        .post(
            "/v1/vouchers",
            Some(TOKEN_AUTHORITY),
            &json!({
                "voucher_id": "DL2024-000001", "policy": "dalian-2023-major-conversion",
                "holder_id_number": holder, "institution": INST_A, "major": "大数据开发",
                "valid_from": "2024-03-01", "valid_until": "2024-12-31", "face_value": "1500.00",
                "issued_at": "2024-02-20T09:30:00+08:00"
            }),
        )
        .await;
    assert_eq!(issue.status, 201, "{}", issue.body);
    assert_eq!(issue.json["state"], "issued");
    let token = issue.json["token"].as_str().unwrap().to_owned();
    // Issued twice: refused.
    let twice = ts
        .post(
            "/v1/vouchers",
            Some(TOKEN_AUTHORITY),
            &json!({
                "voucher_id": "DL2024-000001", "policy": "dalian-2023-major-conversion",
                "holder_id_number": holder, "major": "大数据开发",
                "valid_from": "2024-03-01", "valid_until": "2024-12-31"
            }),
        )
        .await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.json["error"]["code"], "voucher.exists");
    // Anyone verifies it against the server's keys.
    let v = ts
        .post(
            "/v1/vouchers/verify",
            None,
            &json!({"token": token, "at": "2024-03-05T08:00:00+08:00"}),
        )
        .await;
    assert_eq!(v.status, 200, "{}", v.body);
    assert_eq!(v.json["valid"], true, "{}", v.body);

    let event = |id: &str, body: Value| {
        let mut e = body;
        e["event_id"] = json!(id);
        json!({ "event": e })
    };
    let path = "/v1/vouchers/DL2024-000001/events";
    let claim_ev = event(
        "e-claim",
        json!({"kind": "claim", "institution": INST_A, "at": "2024-03-01T09:00:00+08:00"}),
    );
    let a = ts.post(path, Some(TOKEN_AUTHORITY), &claim_ev).await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.json["voucher"]["state"], "claimed");
    let a = ts.post(path, Some(TOKEN_AUTHORITY), &claim_ev).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json["duplicate"], true);
    let a = ts
        .post(
            path,
            Some(TOKEN_AUTHORITY),
            &event("e-redeem", json!({"kind": "redeem"})),
        )
        .await;
    assert_eq!(a.status, 409, "{}", a.body);
    assert_eq!(a.json["error"]["code"], "lifecycle.invalid_transition");
    let a = ts
        .post(
            path,
            Some(TOKEN_AUTHORITY),
            &event("e-in", json!({"kind": "check_in"})),
        )
        .await;
    assert_eq!(a.status, 201);
    assert_eq!(a.json["voucher"]["state"], "in_training");
    // A reused event ID with other content is refused.
    let a = ts
        .post(
            path,
            Some(TOKEN_AUTHORITY),
            &event("e-in", json!({"kind": "revoke"})),
        )
        .await;
    assert_eq!(a.status, 409);
    assert_eq!(a.json["error"]["code"], "lifecycle.event_id_reused");
    // Unknown voucher.
    let a = ts
        .post(
            "/v1/vouchers/NOPE/events",
            Some(TOKEN_AUTHORITY),
            &event("x", json!({"kind": "issue"})),
        )
        .await;
    assert_eq!(a.status, 404);
    // A new voucher by its apply event (holder given as an ID number, kept as a hash).
    let a = ts
        .post(
            "/v1/vouchers/JZ-1/events",
            Some(TOKEN_AUTHORITY),
            &json!({"policy": "jinzhong-2023-skills-shanxi", "holder_id_number": holder,
                    "event": {"event_id": "jz-apply", "kind": "apply"}}),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let read = ts
        .get("/v1/vouchers/DL2024-000001", Some(TOKEN_AUTHORITY))
        .await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json["state"], "in_training");
    assert_eq!(read.json["events"].as_array().unwrap().len(), 4);
    assert!(!read.body.contains(&holder));
    assert_eq!(
        ts.get("/v1/vouchers/DL2024-000001", Some(TOKEN_A))
            .await
            .status,
        403
    );
}

/// `n` concurrent submissions, `per_person` for each person (half from each
/// institution, each with its own idempotency key): exactly one is accepted
/// per person-year, every other is rejected, and the ledger is whole.
/// The tasks are spread over `servers` in turn (several servers on one database).
pub async fn concurrency(servers: &[&TestServer], n: usize, per_person: usize, offset: u32) {
    let targets: Vec<Arc<(String, reqwest::Client)>> = servers
        .iter()
        .map(|ts| Arc::new((ts.base.clone(), ts.client.clone())))
        .collect();
    let b = inst_b();
    let mut tasks = Vec::with_capacity(n);
    let start = Arc::new(tokio::sync::Barrier::new(n));
    for i in 0..n {
        let person = (i / per_person) as u32;
        let id = id_number(offset + person);
        let (token, inst) = if i % 2 == 0 {
            (TOKEN_A, INST_A.to_owned())
        } else {
            (TOKEN_B, b.clone())
        };
        let body = claim(&[id], &inst).to_string();
        let key = format!("conc-{offset}-{i}");
        let ts = targets[i % targets.len()].clone();
        let start = start.clone();
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let mut broken = 0;
            loop {
                let sent =
                    ts.1.post(format!("{}/v1/claims", ts.0))
                        .bearer_auth(token)
                        .header("idempotency-key", &key)
                        .header("content-type", "application/json")
                        .body(body.clone())
                        .send()
                        .await;
                // A connection closed under the client (a kept-alive one the
                // server timed out, a reset under load): no answer, so not
                // acknowledged either; sent again with the same key. A server
                // that keeps doing it fails the test.
                let res = match sent {
                    Ok(res) => res,
                    Err(e) => {
                        broken += 1;
                        assert!(broken < 20, "{key}: no answer 20 times: {e}");
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let status = res.status().as_u16();
                let v: Value = res.json().await.unwrap_or(Value::Null);
                // Overloaded (503) or timed out while queued for the ledger
                // (408): not acknowledged, so the client sends it again with
                // the same idempotency key, as a real one must; the ledger
                // still holds it at most once.
                if status == 503 || status == 408 {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    continue;
                }
                assert!(status == 201 || status == 200, "{status} {v}");
                return (
                    person,
                    v["claim"]["status"].as_str().unwrap_or("?").to_owned(),
                );
            }
        }));
    }
    let mut by_person: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for t in tasks {
        let (p, s) = t.await.unwrap();
        by_person.entry(p).or_default().push(s);
    }
    assert_eq!(by_person.len(), n / per_person);
    for (p, statuses) in &by_person {
        let accepted = statuses.iter().filter(|s| *s == "accepted").count();
        let rejected = statuses.iter().filter(|s| *s == "rejected").count();
        assert_eq!(accepted, 1, "person {p}: {statuses:?}");
        assert_eq!(rejected, per_person - 1, "person {p}: {statuses:?}");
    }
}

/// Check-in punches from a phone: each checked at its own moment, recorded
/// once per id (a resent queue answers `duplicate`), refused ones kept and
/// listed, a moment ahead of the server's clock refused, bad input coded.
pub async fn punches(ts: &TestServer) {
    let class = json!({
        "id": "2024年大数据开发专业1班期", "start": "2024-03-04", "end": "2024-06-28",
        "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}],
        "lessons_per_day": 8, "lesson_minutes": 45
    });
    let batch = |punches: Value| {
        json!({"policy": "fushun-2024-major-conversion", "class": class,
               "trainees": [{"id": "T01", "name": "张三"}], "punches": punches})
    };
    let on_time = json!({"id": "p-1", "trainee": "T01", "kind": "sign_in",
        "at": "2024-03-04T08:20:00+08:00", "method": "face_device", "device": "phone-1"});
    let late = json!({"id": "p-2", "trainee": "T01", "kind": "sign_in",
        "at": "2024-03-04T10:00:00+08:00", "method": "voucher_qr"});
    let a = ts
        .post("/v1/punches", None, &batch(json!([on_time, late])))
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let got = a.json["received"].as_array().unwrap();
    assert_eq!(got[0]["status"], "recorded");
    assert_eq!(got[0]["check"]["acceptable"], true);
    assert_eq!(got[0]["check"]["findings"][0]["rule_id"], "FS-A2");
    assert_eq!(got[1]["status"], "refused");
    assert_eq!(got[1]["check"]["acceptable"], false);
    // 10:00: the morning's sign-in window closed at 08:30; the next opens at 13:00.
    assert_eq!(got[1]["check"]["state"], "not_yet_open", "{}", a.body);
    assert_eq!(got[1]["check"]["opens_at"], "2024-03-04T13:00:00+08:00");
    // In its window but by a method FS-A2 does not count (the face device only):
    // refused, and the answer names the method that counts.
    let by_voucher = json!({"id": "p-vq", "trainee": "T01", "kind": "sign_out",
        "at": "2024-03-04T11:50:00+08:00", "method": "voucher_qr"});
    let c = ts
        .post("/v1/punches", None, &batch(json!([by_voucher])))
        .await;
    assert_eq!(c.status, 200, "{}", c.body);
    assert_eq!(c.json["received"][0]["status"], "refused");
    assert_eq!(c.json["received"][0]["check"]["state"], "open");
    assert_eq!(
        c.json["received"][0]["check"]["required_methods"],
        json!(["face_device"])
    );

    // The phone lost the answer and sends its queue again: nothing new.
    let again = ts.post("/v1/punches", None, &batch(json!([on_time]))).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json["received"][0]["status"], "duplicate");
    assert_eq!(again.json["received"][0]["recorded_status"], "recorded");
    // The same id for another moment is refused, not overwritten.
    let reused = ts
        .post(
            "/v1/punches",
            None,
            &batch(json!([{"id": "p-1", "trainee": "T01", "kind": "sign_out",
                           "at": "2024-03-04T11:50:00+08:00"}])),
        )
        .await;
    assert_eq!(reused.json["received"][0]["status"], "refused");
    assert_eq!(
        reused.json["received"][0]["reason"]["code"],
        "punch.id_reused"
    );

    // A moment a day ahead of the server's clock (for a class running now).
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let now = chrono::DateTime::from_timestamp(secs as i64, 0)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap());
    let ahead = now + chrono::Duration::days(1);
    let current = json!({
        "id": "当前班期", "start": (now - chrono::Duration::days(40)).format("%Y-%m-%d").to_string(),
        "end": (now + chrono::Duration::days(40)).format("%Y-%m-%d").to_string(),
        "sessions": [{"start": "08:30", "end": "11:45"}]
    });
    let future = ts
        .post(
            "/v1/punches",
            None,
            &json!({"policy": "fushun-2024-major-conversion", "unknown_years": "assume_weekends_only",
                    "class": current, "punches": [{"id": "p-future", "trainee": "T01", "kind": "sign_in",
                    "at": ahead.format("%Y-%m-%dT08:15:00+08:00").to_string()}]}),
        )
        .await;
    assert_eq!(future.status, 200, "{}", future.body);
    assert_eq!(future.json["received"][0]["status"], "refused");
    assert_eq!(
        future.json["received"][0]["reason"]["code"],
        "punch.in_future"
    );

    // The authority lists the class's punches: the accepted and the refused, once each.
    let q = "/v1/punches?class=2024%E5%B9%B4%E5%A4%A7%E6%95%B0%E6%8D%AE%E5%BC%80%E5%8F%91%E4%B8%93%E4%B8%9A1%E7%8F%AD%E6%9C%9F";
    let listed = ts.get(q, Some(TOKEN_AUTHORITY)).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let rows = listed.json["punches"].as_array().unwrap();
    let summary: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("p-1".to_owned(), "recorded".to_owned()),
            ("p-2".to_owned(), "refused".to_owned()),
            ("p-vq".to_owned(), "refused".to_owned())
        ]
    );
    assert_eq!(rows[0]["method"], "face_device");
    assert_eq!(rows[0]["at"], "2024-03-04T08:20:00+08:00");
    assert_eq!(ts.get(q, Some(TOKEN_A)).await.status, 403);
    // Without a class: every punch recorded, a page of them (this class's
    // three and the one from the future in 当前班期); `status` filters.
    let every = ts.get("/v1/punches", Some(TOKEN_AUTHORITY)).await;
    assert_eq!(every.status, 200, "{}", every.body);
    assert_eq!(every.json["total"], 4);
    let refused = ts
        .get("/v1/punches?status=refused", Some(TOKEN_AUTHORITY))
        .await;
    assert_eq!(refused.json["total"], 3, "{}", refused.body);

    // Ids are measured in characters: 60 Chinese characters (180 bytes) are
    // fine, 101 characters are not.
    let long_zh = "打".repeat(60);
    let zh_id = ts
        .post(
            "/v1/punches",
            None,
            &batch(json!([{"id": long_zh, "trainee": "T01", "kind": "sign_in",
                           "at": "2024-03-06T08:20:00+08:00", "method": "face_device"}])),
        )
        .await;
    assert_eq!(zh_id.status, 200, "{}", zh_id.body);
    assert_eq!(zh_id.json["received"][0]["status"], "recorded");
    let too_long = ts
        .post(
            "/v1/punches",
            None,
            &batch(
                json!([{"id": "x".repeat(101), "trainee": "T01", "kind": "sign_in",
                           "at": "2024-03-06T08:21:00+08:00"}]),
            ),
        )
        .await;
    assert_eq!(
        (too_long.status, too_long.json["error"]["code"].as_str()),
        (400, Some("punches.invalid_id")),
        "{}",
        too_long.body
    );

    // Bad input: the code and the path of the field; nothing is written.
    let no_offset = ts
        .post(
            "/v1/punches",
            None,
            &batch(json!([{"id": "p-3", "trainee": "T01", "kind": "sign_in",
                           "at": "2024-03-05T08:20:00+08:00"},
                          {"id": "p-4", "trainee": "T01", "kind": "sign_out",
                           "at": "2024-03-05T11:50:00"}])),
        )
        .await;
    assert_eq!(no_offset.status, 400);
    assert_eq!(no_offset.json["error"]["code"], "input.missing_offset");
    assert_eq!(no_offset.json["error"]["path"], "$.punches[1].at");
    let stranger = ts
        .post(
            "/v1/punches",
            None,
            &batch(json!([{"id": "p-5", "trainee": "T99", "kind": "sign_in",
                           "at": "2024-03-05T08:20:00+08:00"}])),
        )
        .await;
    // Someone not on the roster: refused by the rule (kept for the audit), not an input error.
    assert_eq!(stranger.status, 200, "{}", stranger.body);
    assert_eq!(stranger.json["received"][0]["status"], "refused");
    assert_eq!(
        stranger.json["received"][0]["check"]["state"],
        "unknown_trainee"
    );
    let twice = ts
        .post("/v1/punches", None, &batch(json!([on_time, on_time])))
        .await;
    assert_eq!(twice.json["error"]["code"], "punches.duplicate_id");
    assert_eq!(twice.json["error"]["path"], "$.punches[1].id");
    assert_eq!(
        ts.post("/v1/punches", None, &batch(json!([]))).await.json["error"]["code"],
        "punches.empty"
    );
    // The refused request wrote nothing: p-3 (valid, in the same request as the bad p-4) is absent.
    let still = ts.get(q, Some(TOKEN_AUTHORITY)).await;
    let ids: Vec<&str> = still.json["punches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["p-1", "p-2", "p-vq", "p-5", long_zh.as_str()]);
}

/// A 15-digit ID number (GB 11643-1989), different for each `n`.
pub fn old_id_number(n: u32) -> String {
    format!("210202800101{:03}", n % 1000)
}

/// Requests that carry ID numbers inside free text everywhere a string is
/// stored: a claim's names and class, the `Idempotency-Key`, a blacklist
/// reason, a punch's id, class, trainee key and device, a voucher event's
/// reason, an unknown route's path. Checks that everything still works (a
/// replay, a resent punch, the class's list) and returns the numbers sent,
/// which the caller then looks for in the database.
pub async fn privacy(ts: &TestServer) -> Vec<String> {
    let ids: Vec<String> = (0..8).map(|n| id_number(50_000 + n)).collect();
    let old = old_id_number(7);
    let fullwidth: String = ids[7]
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect();
    let third_party = inst_b();

    // A claim: the trainees' own numbers, and numbers inside the names, the
    // class name and the institution's name; the key names a person too.
    let mut c = claim(&ids[0..2], INST_A);
    c["trainees"][0]["name"] = json!(format!("张三（身份证{}）", ids[2]));
    c["trainees"][1]["name"] = json!(format!("李四,{};旧证{old}", ids[3].to_lowercase()));
    c["class"]["name"] = json!(format!("{}班期-负责人{fullwidth}", ids[4]));
    c["institution"]["name"] = json!(format!("合作方{third_party}学校"));
    let key = format!("key-{}", ids[5]);
    let a = ts.submit(TOKEN_A, &key, &c).await;
    assert_eq!(a.status, 201, "{}", a.body);
    // The engine decided on the claim as sent: the names do not change money.
    assert_eq!(a.json["verdict"]["decision"], "accept", "{}", a.body);
    let again = ts.submit(TOKEN_A, &key, &c).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body, a.body);
    let claim_id = a.json["claim"]["id"].as_str().unwrap().to_owned();
    let read = ts
        .get(&format!("/v1/claims/{claim_id}"), Some(TOKEN_A))
        .await;
    assert_eq!(read.status, 200);
    // The institution's own code is kept where the server needs it.
    assert_eq!(read.json["input"]["institution"]["credit_code"], INST_A);
    let stored_name = read.json["input"]["institution"]["name"].as_str().unwrap();
    assert!(!stored_name.contains(&third_party), "{stored_name}");

    // The list: a person, with a reason that names another person.
    let bl = ts
        .post(
            "/v1/blacklist",
            Some(TOKEN_AUTHORITY),
            &json!({"kind": "person", "id_number": ids[6],
                    "reason": format!("骗补，同案人员{}、{}", ids[2], ids[3])}),
        )
        .await;
    assert_eq!(bl.status, 201, "{}", bl.body);
    let bl = ts
        .post(
            "/v1/blacklist",
            Some(TOKEN_AUTHORITY),
            &json!({"kind": "institution", "credit_code": third_party,
                    "reason": format!("{third_party}法人{}", ids[4])}),
        )
        .await;
    assert_eq!(bl.status, 201, "{}", bl.body);
    assert!(bl.json["entry"]["reason"]
        .as_str()
        .unwrap()
        .starts_with(&third_party));

    // Punches: the roster key is an ID number, and so are parts of the class,
    // the punch's id and the device.
    let class_id = format!("班期{}", ids[0]);
    let batch = json!({
        "policy": "fushun-2024-major-conversion",
        "class": {
            "id": class_id, "start": "2024-03-04", "end": "2024-06-28",
            "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}],
            "lessons_per_day": 8, "lesson_minutes": 45
        },
        "trainees": [{"id": ids[1], "name": format!("王五{}", ids[2])}],
        "punches": [{"id": format!("p-{}", ids[3]), "trainee": ids[1], "kind": "sign_in",
                     "at": "2024-03-04T08:20:00+08:00", "method": "face_device",
                     "device": format!("终端#{}", ids[4])}]
    });
    let p = ts.post("/v1/punches", None, &batch).await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert_eq!(p.json["received"][0]["status"], "recorded", "{}", p.body);
    assert_eq!(p.json["received"][0]["id"], format!("p-{}", ids[3]));
    let p = ts.post("/v1/punches", None, &batch).await;
    assert_eq!(p.json["received"][0]["status"], "duplicate", "{}", p.body);
    let listed = ts
        .get(
            &format!("/v1/punches?class={}", percent(&class_id)),
            Some(TOKEN_AUTHORITY),
        )
        .await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert_eq!(listed.json["punches"].as_array().unwrap().len(), 1);
    assert!(!listed.body.contains(&ids[4]));

    // A voucher revoked for a reason that names people; an identifier that
    // holds an ID number is refused.
    let issue = ts
        .post(
            "/v1/vouchers",
            Some(TOKEN_AUTHORITY),
            &json!({
                "voucher_id": "PRIV-0001", "policy": "dalian-2023-major-conversion",
                "holder_id_number": ids[7], "institution": INST_A, "major": "大数据开发",
                "valid_from": "2024-03-01", "valid_until": "2024-12-31",
                "issued_at": "2024-02-20T09:30:00+08:00"
            }),
        )
        .await;
    assert_eq!(issue.status, 201, "{}", issue.body);
    let revoke = json!({"event": {"event_id": "priv-revoke", "kind": "revoke",
        "reason": format!("冒用{}的身份", ids[5]), "at": "2024-03-02T09:00:00+08:00"}});
    let r = ts
        .post(
            "/v1/vouchers/PRIV-0001/events",
            Some(TOKEN_AUTHORITY),
            &revoke,
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // Delivered twice: the same event, a no-op.
    let r = ts
        .post(
            "/v1/vouchers/PRIV-0001/events",
            Some(TOKEN_AUTHORITY),
            &revoke,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json["duplicate"], true);
    let bad = ts
        .post(
            "/v1/vouchers",
            Some(TOKEN_AUTHORITY),
            &json!({
                "voucher_id": format!("V{}", ids[6]), "policy": "dalian-2023-major-conversion",
                "holder_id_number": ids[6], "major": "大数据开发",
                "valid_from": "2024-03-01", "valid_until": "2024-12-31"
            }),
        )
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(bad.json["error"]["code"], "privacy.id_number_in_identifier");
    assert_eq!(bad.json["error"]["path"], "$.voucher_id");

    // A path no route matches, logged by the server.
    let nf = ts.get(&format!("/v1/people/{}", ids[0]), None).await;
    assert_eq!(nf.status, 404);

    let mut all = ids;
    all.push(old);
    all
}

/// Percent-encodes a query value.
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The forms of an ID number that must appear nowhere: the number (either
/// case), the 15-digit form's digits, and its birth date with the rest.
pub fn forbidden_forms(id: &str) -> Vec<String> {
    let mut out = vec![id.to_owned(), id.to_lowercase()];
    if id.len() == 18 {
        // Birth date, sequence and check character in a row.
        out.push(id[6..18].to_owned());
        out.push(id[6..18].to_lowercase());
    } else {
        out.push(id[6..15].to_owned());
    }
    out
}

/// Every row of every ledger table as text (PostgreSQL: `row_to_json`).
pub async fn postgres_rows(ts: &TestServer) -> String {
    use sqlx::Row;
    let mut out = String::new();
    for table in [
        "claims",
        "claim_people",
        "people",
        "participations",
        "blacklist",
        "vouchers",
        "voucher_events",
        "punches",
        "ledger_keys",
    ] {
        let rows = sqlx::query(&format!("SELECT row_to_json(t)::text AS j FROM {table} t"))
            .fetch_all(ts.server.ledger().pool())
            .await
            .unwrap();
        assert!(
            !rows.is_empty() || table == "participations",
            "{table} is empty"
        );
        for r in rows {
            out.push_str(&r.try_get::<String, _>("j").unwrap());
            out.push('\n');
        }
    }
    out
}

/// The authority's review of claims that need review: who may, what a
/// rejection frees, what an acceptance keeps, replays and refusals.
pub async fn reviews(ts: &TestServer) {
    let b = inst_b();
    let ids: Vec<String> = (0..2).map(|n| id_number(45_000 + n)).collect();
    // Without the filed timetable DL-T2 and DL-T3 cannot be checked: the
    // engine asks for a person.
    let undecided = |id: &str, inst: &str| {
        let mut c = claim(&[id.to_owned()], inst);
        c["class"].as_object_mut().unwrap().remove("timetable");
        c
    };
    let c1 = undecided(&ids[0], INST_A);
    let first = ts.submit(TOKEN_A, "review-1", &c1).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(
        first.json["claim"]["status"], "needs_review",
        "{}",
        first.body
    );
    assert_eq!(first.json["verdict"]["decision"], "needs_review");
    let id1 = first.json["claim"]["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/claims/{id1}/review");

    // A claim that needs review holds its person-year.
    let held = ts
        .submit(TOKEN_B, "review-b-1", &claim(&ids[0..1], &b))
        .await;
    assert_eq!(held.json["claim"]["status"], "rejected", "{}", held.body);
    assert_eq!(finding_ids(&held), ["DL-E5"]);

    // Only the authority reviews.
    let reject =
        json!({"status": "rejected", "reason": format!("花名册身份证{}与档案不符", ids[0])});
    let by_institution = ts.post(&path, Some(TOKEN_A), &reject).await;
    assert_eq!(by_institution.status, 403, "{}", by_institution.body);
    assert_eq!(by_institution.json["error"]["code"], "auth.authority_only");
    assert_eq!(ts.post(&path, None, &reject).await.status, 401);
    // A reason is required; the status is one of two words.
    let empty = ts
        .post(
            &path,
            Some(TOKEN_AUTHORITY),
            &json!({"status": "rejected", "reason": "  "}),
        )
        .await;
    assert_eq!(empty.status, 400, "{}", empty.body);
    assert_eq!(
        (&empty.json["error"]["code"], &empty.json["error"]["path"]),
        (&json!("review.reason_required"), &json!("$.reason"))
    );
    let maybe = ts
        .post(
            &path,
            Some(TOKEN_AUTHORITY),
            &json!({"status": "maybe", "reason": "x"}),
        )
        .await;
    assert_eq!(maybe.status, 400, "{}", maybe.body);
    assert_eq!(maybe.json["error"]["path"], "$.status");
    let missing = ts
        .post("/v1/claims/c-none/review", Some(TOKEN_AUTHORITY), &reject)
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json["error"]["code"], "claim.not_found");

    // Rejected: the status is the review's, the verdict the engine's, the
    // reason kept without the ID number, the reviewer named.
    let done = ts.post(&path, Some(TOKEN_AUTHORITY), &reject).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.json["claim"]["status"], "rejected");
    assert_eq!(done.json["claim"]["decision"], "needs_review");
    assert_eq!(done.json["verdict"]["decision"], "needs_review");
    let review = &done.json["claim"]["review"];
    assert_eq!(review["status"], "rejected");
    assert_eq!(review["reviewer"], "authority");
    let reason = review["reason"].as_str().unwrap();
    assert!(reason.starts_with("花名册身份证hmac:"), "{reason}");
    assert!(!done.body.contains(&ids[0]), "{}", done.body);
    // The same review again: what was recorded. Another: refused, final.
    let again = ts.post(&path, Some(TOKEN_AUTHORITY), &reject).await;
    assert_eq!((again.status, &again.body), (200, &done.body));
    assert_eq!(again.headers["idempotent-replayed"], "true");
    let other = ts
        .post(
            &path,
            Some(TOKEN_AUTHORITY),
            &json!({"status": "accepted", "reason": "复核通过"}),
        )
        .await;
    assert_eq!(other.status, 409, "{}", other.body);
    assert_eq!(other.json["error"]["code"], "claim.already_reviewed");
    // The institution reads its claim with the review.
    let read = ts.get(&format!("/v1/claims/{id1}"), Some(TOKEN_A)).await;
    assert_eq!(read.json["claim"]["status"], "rejected");
    assert_eq!(read.json["claim"]["review"], done.json["claim"]["review"]);
    // A replay of the submission answers what was answered then.
    let replay = ts.submit(TOKEN_A, "review-1", &c1).await;
    assert_eq!((replay.status, &replay.body), (200, &first.body));

    // The rejection freed the person-year: institution B's claim is accepted now.
    let freed = ts
        .submit(TOKEN_B, "review-b-2", &claim(&ids[0..1], &b))
        .await;
    assert_eq!(freed.json["claim"]["status"], "accepted", "{}", freed.body);
    // An accepted claim is not under review.
    let freed_id = freed.json["claim"]["id"].as_str().unwrap();
    let not_under = ts
        .post(
            &format!("/v1/claims/{freed_id}/review"),
            Some(TOKEN_AUTHORITY),
            &reject,
        )
        .await;
    assert_eq!(not_under.status, 409);
    assert_eq!(not_under.json["error"]["code"], "claim.not_under_review");

    // Accepted: the person-year stays taken.
    let c2 = ts
        .submit(TOKEN_A, "review-2", &undecided(&ids[1], INST_A))
        .await;
    let id2 = c2.json["claim"]["id"].as_str().unwrap().to_owned();
    let accept = json!({"status": "accepted", "reason": "课表已线下核验"});
    let accepted = ts
        .post(
            &format!("/v1/claims/{id2}/review"),
            Some(TOKEN_AUTHORITY),
            &accept,
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert_eq!(accepted.json["claim"]["status"], "accepted");
    let taken = ts
        .submit(TOKEN_B, "review-b-3", &claim(&ids[1..2], &b))
        .await;
    assert_eq!(taken.json["claim"]["status"], "rejected", "{}", taken.body);
    assert_eq!(finding_ids(&taken), ["DL-E5"]);

    assert!(ts
        .server
        .ledger()
        .check_integrity()
        .await
        .unwrap()
        .is_empty());
}
