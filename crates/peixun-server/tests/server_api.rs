//! The API's conventions as an integrator meets them: errors as RFC 9457
//! problem documents, `WWW-Authenticate` on 401, `Location` on 201, query
//! parameters refused at `$query.<name>`, lists paged with totals and filters,
//! one policy as JSON, CORS only for the configured origins, and the demo's
//! files precompressed and cached.

mod server_support;

use serde_json::{json, Value};
use server_support::*;

fn header<'a>(a: &'a Answer, name: &str) -> Option<&'a str> {
    a.headers.get(name).and_then(|v| v.to_str().ok())
}

/// A 400 `http.bad_query` at `$query.<name>`, as a problem document.
#[track_caller]
fn assert_bad_query(a: &Answer, path: &str) {
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(header(a, "content-type"), Some("application/problem+json"));
    assert_eq!(a.json["code"], "http.bad_query", "{}", a.body);
    assert_eq!(a.json["path"], path, "{}", a.body);
    assert_eq!(a.json["error"]["code"], "http.bad_query");
    assert_eq!(a.json["error"]["path"], path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn problems_challenges_and_locations() {
    let ts = TestServer::sqlite("api-conventions").await;

    // A problem document: RFC 9457's members and the fields clients read.
    let a = ts.get("/v1/no-such-route", None).await;
    assert_eq!(a.status, 404);
    assert_eq!(header(&a, "content-type"), Some("application/problem+json"));
    assert_eq!(
        a.json,
        json!({
            "type": "about:blank", "title": "Not Found", "status": 404,
            "detail": "no such route", "code": "http.not_found", "path": "$",
            "message_zh": "没有这个地址", "message_en": "no such route",
            "error": { "code": "http.not_found", "path": "$",
                       "message_zh": "没有这个地址", "message_en": "no such route" }
        })
    );
    // An engine problem keeps its path, in both places.
    let bad = ts
        .post(
            "/v1/eligibility",
            None,
            &json!({"policy": "no-such-policy"}),
        )
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(
        header(&bad, "content-type"),
        Some("application/problem+json")
    );
    assert_eq!(bad.json["title"], "Bad Request");
    assert_eq!(bad.json["status"], 400);
    assert_eq!(bad.json["path"], bad.json["error"]["path"]);
    assert_eq!(bad.json["code"], bad.json["error"]["code"]);

    // 401 names the scheme; a refused token says why (RFC 6750).
    let none = ts.get("/v1/claims", None).await;
    assert_eq!(none.status, 401);
    assert_eq!(
        header(&none, "www-authenticate"),
        Some(r#"Bearer realm="peixun""#)
    );
    assert_eq!(none.json["code"], "auth.required");
    let wrong = ts.get("/v1/claims", Some(TOKEN_BAD)).await;
    assert_eq!(wrong.status, 401);
    assert_eq!(
        header(&wrong, "www-authenticate"),
        Some(r#"Bearer realm="peixun", error="invalid_token""#)
    );
    // 403 is not a challenge.
    let forbidden = ts.get("/v1/blacklist", Some(TOKEN_A)).await;
    assert_eq!(forbidden.status, 403);
    assert_eq!(header(&forbidden, "www-authenticate"), None);

    // 201 says where the new resource is, and it is there.
    let ids: Vec<String> = (1..=2).map(|n| id_number(3000 + n)).collect();
    let first = ts.submit(TOKEN_A, "loc-1", &claim(&ids, INST_A)).await;
    assert_eq!(first.status, 201, "{}", first.body);
    let id = first.json["claim"]["id"].as_str().unwrap();
    let location = header(&first, "location").unwrap().to_owned();
    assert_eq!(location, format!("/v1/claims/{id}"));
    let read = ts.get(&location, Some(TOKEN_A)).await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(read.json["claim"]["id"], id);
    // A replay is 200, not a creation.
    let again = ts.submit(TOKEN_A, "loc-1", &claim(&ids, INST_A)).await;
    assert_eq!(again.status, 200);

    let issued = ts
        .post(
            "/v1/vouchers",
            Some(TOKEN_AUTHORITY),
            &json!({
                "voucher_id": "DL2024-000007", "policy": "dalian-2023-major-conversion",
                "holder_id_number": id_number(3100), "institution": INST_A, "major": "大数据开发",
                "valid_from": "2024-03-01", "valid_until": "2024-12-31",
                "issued_at": "2024-02-20T09:30:00+08:00"
            }),
        )
        .await;
    assert_eq!(issued.status, 201, "{}", issued.body);
    assert_eq!(
        header(&issued, "location"),
        Some("/v1/vouchers/DL2024-000007")
    );
    let voucher = ts
        .get("/v1/vouchers/DL2024-000007", Some(TOKEN_AUTHORITY))
        .await;
    assert_eq!(voucher.status, 200, "{}", voucher.body);
    // A recorded event is in the voucher's log: Location is the voucher; the
    // same event again changes nothing and creates nothing.
    let claim_ev = json!({"event": {"event_id": "loc-claim", "kind": "claim", "institution": INST_A,
                                    "at": "2024-03-01T09:00:00+08:00"}});
    let events = "/v1/vouchers/DL2024-000007/events";
    let ev = ts.post(events, Some(TOKEN_AUTHORITY), &claim_ev).await;
    assert_eq!(ev.status, 201, "{}", ev.body);
    assert_eq!(header(&ev, "location"), Some("/v1/vouchers/DL2024-000007"));
    let ev = ts.post(events, Some(TOKEN_AUTHORITY), &claim_ev).await;
    assert_eq!((ev.status, header(&ev, "location")), (200, None));

    let added = ts
        .post(
            "/v1/blacklist",
            Some(TOKEN_AUTHORITY),
            &json!({"kind": "institution", "credit_code": inst_b(), "reason": "骗取补贴"}),
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.body);
    let location = header(&added, "location").unwrap().to_owned();
    assert_eq!(location, format!("/v1/blacklist/institution/{}", inst_b()));
    let entry = ts.get(&location, Some(TOKEN_AUTHORITY)).await;
    assert_eq!(entry.status, 200, "{}", entry.body);
    assert_eq!(entry.json["entry"]["reason"], "骗取补贴");
    let gone = ts
        .get(
            "/v1/blacklist/institution/91350100M000100Y43",
            Some(TOKEN_AUTHORITY),
        )
        .await;
    assert_eq!(
        (gone.status, gone.json["code"].as_str()),
        (404, Some("blacklist.not_found"))
    );

    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_parameters_are_checked_by_name() {
    let ts = TestServer::sqlite("api-query").await;
    // Missing, malformed, out of range, unknown, repeated.
    assert_bad_query(
        &ts.get("/v1/calendar/count?from=2024-01-01", None).await,
        "$query.to",
    );
    assert_bad_query(
        &ts.get("/v1/calendar/add?date=2024-01-02&n=two", None).await,
        "$query.n",
    );
    assert_bad_query(
        &ts.get("/v1/calendar/add?date=2024-01-02", None).await,
        "$query.n",
    );
    assert_bad_query(
        &ts.get(
            "/v1/calendar/count?from=2024-01-01&to=2024-01-31&form=x",
            None,
        )
        .await,
        "$query.form",
    );
    let auth = Some(TOKEN_AUTHORITY);
    assert_bad_query(&ts.get("/v1/claims?limit=501", auth).await, "$query.limit");
    assert_bad_query(&ts.get("/v1/claims?limit=0", auth).await, "$query.limit");
    assert_bad_query(&ts.get("/v1/claims?offset=-1", auth).await, "$query.offset");
    assert_bad_query(
        &ts.get("/v1/claims?limit=1&limit=2", auth).await,
        "$query.limit",
    );
    assert_bad_query(
        &ts.get("/v1/claims?status=approved", auth).await,
        "$query.status",
    );
    assert_bad_query(&ts.get("/v1/claims?year=2O24", auth).await, "$query.year");
    assert_bad_query(
        &ts.get("/v1/blacklist?kind=people", auth).await,
        "$query.kind",
    );
    assert_bad_query(
        &ts.get("/v1/punches?status=ok", auth).await,
        "$query.status",
    );
    // The engine's fault in a value that came from the query points at it.
    let bad_date = ts
        .get("/v1/calendar/count?from=2024-02-30&to=2024-03-31", None)
        .await;
    assert_eq!(bad_date.status, 400, "{}", bad_date.body);
    assert_eq!(bad_date.json["path"], "$query.from", "{}", bad_date.body);
    // And a good query still answers.
    let ok = ts
        .get("/v1/calendar/count?from=2024-10-01&to=2024-10-31", None)
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_list_is_paged_with_a_total_and_filters() {
    let ts = TestServer::sqlite("api-lists").await;
    let auth = Some(TOKEN_AUTHORITY);

    // Claims: A's accepted, B's for one of A's people rejected (DL-E5).
    let ids: Vec<String> = (1..=2).map(|n| id_number(4000 + n)).collect();
    let a = ts.submit(TOKEN_A, "l-1", &claim(&ids, INST_A)).await;
    assert_eq!(a.json["claim"]["status"], "accepted", "{}", a.body);
    let b = ts
        .submit(TOKEN_B, "l-2", &claim(&ids[..1], &inst_b()))
        .await;
    assert_eq!(b.json["claim"]["status"], "rejected", "{}", b.body);

    let all = ts.get("/v1/claims?limit=1", auth).await;
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(
        (all.json["total"].as_i64(), all.json["limit"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(all.json["claims"].as_array().unwrap().len(), 1);
    let second = ts.get("/v1/claims?limit=1&offset=1", auth).await;
    assert_eq!(second.json["claims"].as_array().unwrap().len(), 1);
    assert_ne!(second.json["claims"][0]["id"], all.json["claims"][0]["id"]);
    let past = ts.get("/v1/claims?offset=5", auth).await;
    assert_eq!(
        (
            past.json["total"].as_i64(),
            past.json["claims"].as_array().unwrap().len()
        ),
        (Some(2), 0)
    );
    let rejected = ts.get("/v1/claims?status=rejected", auth).await;
    assert_eq!(rejected.json["total"], 1);
    assert_eq!(rejected.json["claims"][0]["id"], b.json["claim"]["id"]);
    assert_eq!(rejected.json["filters"], json!({"status": "rejected"}));
    let of_a = ts
        .get(&format!("/v1/claims?institution={INST_A}&year=2023"), auth)
        .await;
    assert_eq!(of_a.json["total"], 1, "{}", of_a.body);
    assert_eq!(of_a.json["claims"][0]["id"], a.json["claim"]["id"]);
    let none = ts.get("/v1/claims?year=2024", auth).await;
    assert_eq!(none.json["total"], 0);
    let by_policy = ts
        .get(
            "/v1/claims?policy=dalian-2023-major-conversion&programme=dalian-2023-major-conversion",
            auth,
        )
        .await;
    assert_eq!(by_policy.json["total"], 2, "{}", by_policy.body);
    // An institution sees its own total, and may not ask for another's.
    let own = ts.get("/v1/claims", Some(TOKEN_B)).await;
    assert_eq!(own.json["total"], 1);
    assert_eq!(own.json["limit"], 50);
    let other = ts
        .get(&format!("/v1/claims?institution={INST_A}"), Some(TOKEN_B))
        .await;
    assert_eq!(
        (other.status, other.json["code"].as_str()),
        (403, Some("auth.not_your_claim"))
    );

    // The list: filtered by kind, paged.
    for body in [
        json!({"kind": "institution", "credit_code": INST_A}),
        json!({"kind": "institution", "credit_code": inst_b()}),
        json!({"kind": "person", "id_number": id_number(4100)}),
    ] {
        assert_eq!(ts.post("/v1/blacklist", auth, &body).await.status, 201);
    }
    let inst = ts
        .get("/v1/blacklist?kind=institution&limit=1&offset=1", auth)
        .await;
    assert_eq!(inst.status, 200, "{}", inst.body);
    assert_eq!(inst.json["total"], 2);
    let page: Vec<&Value> = inst.json["entries"].as_array().unwrap().iter().collect();
    assert_eq!(page.len(), 1);
    // By kind, then subject: INST_A (9135…) sorts after B (9121…).
    assert_eq!(page[0]["subject"], INST_A);
    let everyone = ts.get("/v1/blacklist", auth).await;
    assert_eq!(everyone.json["total"], 3);
    assert_eq!(everyone.json["entries"][0]["kind"], "institution");

    // Punches: three in a class, one refused; paged and filtered.
    let class = json!({
        "id": "2024年数控1班", "start": "2024-03-04", "end": "2024-06-28",
        "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}],
        "lessons_per_day": 8, "lesson_minutes": 45
    });
    let punch = |id: &str, trainee: &str, at: &str| json!({"id": id, "trainee": trainee, "kind": "sign_in", "at": at, "method": "face_device"});
    let sent = ts
        .post(
            "/v1/punches",
            None,
            &json!({"policy": "fushun-2024-major-conversion", "class": class,
                    "trainees": [{"id": "T01", "name": "张三"}, {"id": "T02", "name": "李四"}],
                    "punches": [punch("q-1", "T01", "2024-03-04T08:20:00+08:00"),
                                punch("q-2", "T02", "2024-03-04T08:25:00+08:00"),
                                punch("q-3", "T01", "2024-03-04T10:00:00+08:00")]}),
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let class_q = "class=2024%E5%B9%B4%E6%95%B0%E6%8E%A71%E7%8F%AD";
    let p = ts
        .get(&format!("/v1/punches?{class_q}&limit=2"), auth)
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert_eq!(p.json["total"], 3);
    let got: Vec<&str> = p.json["punches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["q-1", "q-2"]);
    assert_eq!(p.json["filters"], json!({"class": "2024年数控1班"}));
    let rest = ts
        .get(&format!("/v1/punches?{class_q}&limit=2&offset=2"), auth)
        .await;
    assert_eq!(rest.json["punches"][0]["id"], "q-3");
    let refused = ts
        .get(&format!("/v1/punches?{class_q}&status=refused"), auth)
        .await;
    assert_eq!(refused.json["total"], 1);
    assert_eq!(refused.json["punches"][0]["id"], "q-3");
    let of_t01 = ts.get("/v1/punches?trainee=T01", auth).await;
    assert_eq!(of_t01.json["total"], 2);
    // Every punch, bounded by the default page.
    let every = ts.get("/v1/punches", auth).await;
    assert_eq!(
        (every.json["total"].as_i64(), every.json["limit"].as_i64()),
        (Some(3), Some(50))
    );

    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_policy_as_json() {
    let ts = TestServer::sqlite("api-policy").await;
    let p = ts
        .get("/v1/policies/dalian-2023-major-conversion", None)
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert_eq!(header(&p, "content-type"), Some("application/json"));
    assert_eq!(p.json["id"], "dalian-2023-major-conversion");
    // The deployment's own settings, as the server runs with them.
    assert_eq!(p.json["version"], "2023.1+deployment-example");
    assert!(
        p.json["rules"].as_array().is_some_and(|r| !r.is_empty()),
        "{}",
        p.body
    );
    let listed = ts.get("/v1/policies", None).await;
    assert!(listed.body.contains("dalian-2023-major-conversion"));
    let missing = ts.get("/v1/policies/dalian-2099", None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json["code"], "input.unknown_policy");
    assert_eq!(
        header(&missing, "content-type"),
        Some("application/problem+json")
    );
    ts.finish().await;
}

fn preflight<'a>(ts: &'a TestServer, origin: &'a str) -> reqwest::RequestBuilder {
    ts.client
        .request(reqwest::Method::OPTIONS, format!("{}/v1/claims", ts.base))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type, idempotency-key",
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_only_for_the_configured_origins() {
    // Off by default: a preflight is an OPTIONS like any other, refused.
    let off = TestServer::sqlite("api-cors-off").await;
    let r = preflight(&off, "https://portal.example.gov.cn")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert!(r.headers().get("access-control-allow-origin").is_none());
    off.finish().await;

    let dir = temp_dir("api-cors-on");
    let mut c = config(&dir, None);
    c.cors_origins = vec!["https://portal.example.gov.cn".into()];
    let ts = TestServer::start(c).await;
    let r = preflight(&ts, "https://portal.example.gov.cn")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers();
    assert_eq!(
        h["access-control-allow-origin"],
        "https://portal.example.gov.cn"
    );
    let allowed = h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for name in ["authorization", "content-type", "idempotency-key"] {
        assert!(allowed.contains(name), "{allowed}");
    }
    assert!(h["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("POST"));
    assert_eq!(h["access-control-max-age"], "600");
    // No credentials mode: the token is a header, never a cookie.
    assert!(h.get("access-control-allow-credentials").is_none());
    // Another origin hears nothing that lets its page read the answer.
    let r = preflight(&ts, "https://elsewhere.example.com")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert!(r.headers().get("access-control-allow-headers").is_none());
    // An actual request (an error too) carries the origin and exposes Location.
    let a = ts
        .request(
            "GET",
            "/v1/claims",
            None,
            None,
            &[("origin", "https://portal.example.gov.cn")],
        )
        .await;
    assert_eq!(a.status, 401);
    assert_eq!(
        header(&a, "access-control-allow-origin"),
        Some("https://portal.example.gov.cn")
    );
    let exposed = header(&a, "access-control-expose-headers")
        .unwrap()
        .to_ascii_lowercase();
    for name in ["location", "www-authenticate", "idempotent-replayed"] {
        assert!(exposed.contains(name), "{exposed}");
    }
    ts.finish().await;

    // A listed origin that is not one stops the server at start, with its path.
    let mut c = config(&temp_dir("api-cors-bad"), None);
    c.cors_origins = vec!["https://portal.example.gov.cn/".into()];
    let e = c.validate().unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("server.config", "$.cors_origins[0]")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_module_is_sent_precompressed_and_cached() {
    let www = temp_dir("api-www");
    std::fs::create_dir_all(www.join("assets")).unwrap();
    let raw: Vec<u8> = (0..4096u32).map(|i| (i % 251) as u8).collect();
    let br = b"pretend-brotli".to_vec();
    std::fs::write(www.join("assets/peixun_bg-0a1b2c3d.wasm"), &raw).unwrap();
    std::fs::write(www.join("assets/peixun_bg-0a1b2c3d.wasm.br"), &br).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    let dir = temp_dir("api-demo");
    let mut c = config(&dir, None);
    c.www_dir = www.clone();
    let ts = TestServer::start(c).await;

    let module = "/demo/assets/peixun_bg-0a1b2c3d.wasm";
    let a = ts
        .request(
            "GET",
            module,
            None,
            None,
            &[("accept-encoding", "gzip, br")],
        )
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(header(&a, "content-encoding"), Some("br"));
    assert_eq!(header(&a, "content-type"), Some("application/wasm"));
    assert_eq!(
        header(&a, "content-length"),
        Some(br.len().to_string().as_str())
    );
    assert!(header(&a, "vary")
        .unwrap()
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    // Its name carries a hash of its content: cached for good.
    assert_eq!(
        header(&a, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let plain = ts
        .client
        .get(format!("{}{module}", ts.base))
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), raw.as_slice());

    // A page keeps its name when it changes: revalidated every time.
    let page = ts.get("/demo/index.html", None).await;
    assert_eq!(page.status, 200);
    assert_eq!(header(&page, "cache-control"), Some("no-cache"));
    let etag = header(&page, "etag").unwrap().to_owned();
    assert!(header(&page, "last-modified").is_some());
    assert!(etag.starts_with("W/\""), "{etag}");
    let again = ts
        .request(
            "GET",
            "/demo/index.html",
            None,
            None,
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(header(&again, "etag"), Some(etag.as_str()));
    // Changed (another length): the old tag no longer matches.
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>demo, v2</title>",
    )
    .unwrap();
    let changed = ts
        .request(
            "GET",
            "/demo/index.html",
            None,
            None,
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(changed.status, 200);
    assert!(changed.body.contains("v2"));
    ts.finish().await;
    let _ = std::fs::remove_dir_all(www);
}
