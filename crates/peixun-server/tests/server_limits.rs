//! The verifier's load limits, each hit on a real server on loopback: one
//! limit on requests in flight across every route, one on request-body memory,
//! the header-read (and keep-alive idle) timeout, the connection cap, and
//! `/health` answering while engine-heavy requests run.

mod server_support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use server_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends a request's head (and no body) on a fresh connection: the server
/// admits the request and its handler waits for the body, so it stays in flight.
async fn held_request(ts: &TestServer, path: &str, content_length: usize) -> TcpStream {
    let mut s = TcpStream::connect(ts.server.addr()).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {content_length}\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s
}

/// Reads until the server closes the connection (or `limit` passes); the text read.
async fn read_to_close(s: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, s.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(String::from_utf8_lossy(&out).into_owned()),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
        }
    }
}

fn error_code(a: &Answer) -> &str {
    a.json["error"]["code"].as_str().unwrap_or_default()
}

/// Waits until a request is admitted by the server (the test's previous
/// connections are released asynchronously).
async fn admitted_eventually(ts: &TestServer, path: &str) -> Answer {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let a = ts.get(path, None).await;
        if a.status != 503 || Instant::now() > deadline {
            return a;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_flight_is_one_limit_across_every_route() {
    let dir = temp_dir("limits-inflight");
    let mut c = config(&dir, None);
    c.limits.max_in_flight = 2;
    let ts = TestServer::start(c).await;
    // Two requests to two different routes, each admitted and waiting for its body.
    let mut a = held_request(&ts, "/v1/eligibility", 100).await;
    let mut b = held_request(&ts, "/v1/claims/verify", 100).await;
    // Let the server admit both before the third arrives.
    tokio::time::sleep(Duration::from_millis(300)).await;
    // A third, on a third route: the limit is global, so it is refused.
    let third = ts.get("/v1/policies", None).await;
    assert_eq!(third.status, 503, "{}", third.body);
    assert_eq!(error_code(&third), "http.overloaded");
    assert!(third.json["error"]["message_zh"]
        .as_str()
        .unwrap()
        .contains("繁忙"));
    let health = ts.get("/health", None).await;
    assert_eq!(health.status, 503, "/health counts too: {}", health.body);
    // The held requests finish (a bad body: 400), freeing their places.
    for s in [&mut a, &mut b] {
        s.write_all(&[b' '; 100]).await.unwrap();
        let answer = read_to_close(s, Duration::from_secs(1)).await;
        let _ = answer;
    }
    drop((a, b));
    let after = admitted_eventually(&ts, "/v1/policies").await;
    assert_eq!(after.status, 200, "{}", after.body);
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_memory_is_one_budget_across_requests() {
    let dir = temp_dir("limits-bodymem");
    let mut c = config(&dir, None);
    c.limits.max_body_bytes = 1000;
    c.limits.max_body_memory_bytes = 1000;
    let ts = TestServer::start(c).await;
    // 800 bytes reserved by a request still sending its body.
    let held = held_request(&ts, "/v1/eligibility", 800).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // 300 more do not fit: refused before the body is read.
    let big = json!({"policy": "dalian-2023-major-conversion", "applicant": "x".repeat(260)});
    let refused = ts.post("/v1/eligibility", None, &big).await;
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert_eq!(error_code(&refused), "http.overloaded");
    // 100 bytes fit: admitted, and the engine answers (a bad request, 400, not 503).
    let small = ts.post("/v1/eligibility", None, &json!({"x": 1})).await;
    assert_ne!(small.status, 503, "{}", small.body);
    // A body over max_body_bytes is still 413, whatever the budget.
    let huge = json!({"policy": "x".repeat(2000)});
    let too_large = ts.post("/v1/eligibility", None, &huge).await;
    assert_eq!(too_large.status, 413, "{}", too_large.body);
    drop(held);
    let again = admitted_eventually(&ts, "/health").await;
    assert_eq!(again.status, 200);
    let fits = ts.post("/v1/eligibility", None, &big).await;
    assert_ne!(fits.status, 503, "{}", fits.body);
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trickled_headers_and_idle_connections_are_closed() {
    let dir = temp_dir("limits-headers");
    let mut c = config(&dir, None);
    c.limits.header_read_timeout_ms = 500;
    let ts = TestServer::start(c).await;

    // Headers sent a byte every 100 ms, never finished: closed by the server
    // long before the client would have finished (it would take 30 s).
    let mut s = TcpStream::connect(ts.server.addr()).await.unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut closed = false;
    for _ in 0..300 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if s.write_all(b"x").await.is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 256];
        // Anything to read (an answer, EOF or a reset): the server gave up on the headers.
        if tokio::time::timeout(Duration::from_millis(1), s.read(&mut buf))
            .await
            .is_ok()
        {
            closed = true;
            break;
        }
    }
    assert!(
        closed,
        "a trickled header was held for {:?}",
        started.elapsed()
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "closed only after {:?}",
        started.elapsed()
    );

    // A kept-alive connection that sends no next request is closed as well.
    let mut k = TcpStream::connect(ts.server.addr()).await.unwrap();
    k.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let text = read_to_close(&mut k, Duration::from_secs(10)).await;
    let text = text.expect("the idle connection is closed by the server");
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_are_refused_with_a_code() {
    let dir = temp_dir("limits-conns");
    let mut c = config(&dir, None);
    c.limits.max_connections = 2;
    let ts = TestServer::start(c).await;
    // Two half-open connections (nothing sent) fill the cap.
    let first = TcpStream::connect(ts.server.addr()).await.unwrap();
    let second = TcpStream::connect(ts.server.addr()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // A third is answered 503 http.overloaded and closed.
    let mut third = TcpStream::connect(ts.server.addr()).await.unwrap();
    let _ = third
        .write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n")
        .await;
    let text = read_to_close(&mut third, Duration::from_secs(5))
        .await
        .expect("the connection over the cap is closed");
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(
        text.contains("content-type: application/problem+json\r\n"),
        "{text}"
    );
    let body: Value = serde_json::from_str(text.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(
        (&body["code"], &body["status"]),
        (&json!("http.overloaded"), &json!(503))
    );
    assert_eq!(body["error"]["code"], "http.overloaded");
    assert!(body["error"]["message_en"]
        .as_str()
        .unwrap()
        .contains("busy"));
    // One closes: a new connection is served again.
    drop(first);
    let mut served = false;
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let mut s = TcpStream::connect(ts.server.addr()).await.unwrap();
        let _ = s
            .write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
            .await;
        let text = read_to_close(&mut s, Duration::from_secs(5))
            .await
            .unwrap_or_default();
        if text.starts_with("HTTP/1.1 200") {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(served, "a slot freed by a closed connection is used again");
    drop(second);
    ts.finish().await;
}

/// A punch batch whose roster is large: each punch's check scans it.
fn heavy_punches(tag: usize) -> Value {
    let trainees: Vec<Value> = (0..20_000)
        .map(|i| json!({"id": format!("T{i:05}"), "name": "张三"}))
        .collect();
    let punches: Vec<Value> = (0..1000)
        .map(|i| {
            json!({"id": format!("h{tag}-{i}"), "trainee": format!("T{:05}", 19_999 - (i % 50)),
                   "kind": "sign_in", "at": "2024-03-04T08:20:00+08:00", "method": "face_device"})
        })
        .collect();
    json!({
        "policy": "fushun-2024-major-conversion",
        "class": {"id": format!("重负载班期{tag}"), "start": "2024-03-04", "end": "2024-06-28",
                  "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}],
                  "lessons_per_day": 8, "lesson_minutes": 45},
        "trainees": trainees,
        "punches": punches,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_while_engine_heavy_requests_run() {
    let dir = temp_dir("limits-health");
    let mut c = config(&dir, None);
    c.limits.engine_workers = 1;
    c.limits.request_timeout_ms = 120_000;
    c.limits.max_body_memory_bytes = 64 * 1024 * 1024;
    let ts = TestServer::start(c).await;
    let bodies: Vec<String> = (0..3).map(|t| heavy_punches(t).to_string()).collect();
    let finished = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut heavy = Vec::new();
    for (t, body) in bodies.into_iter().enumerate() {
        let client = ts.client.clone();
        let url = format!("{}/v1/punches", ts.base);
        let finished = finished.clone();
        heavy.push(tokio::spawn(async move {
            let r = client
                .post(url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let _ = r.text().await;
            finished.lock().unwrap().push(format!("heavy-{t}"));
            status
        }));
    }
    // The heavy requests are on the engine pool; /health answers meanwhile.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let asked = Instant::now();
    let health = ts.get("/health", None).await;
    let waited = asked.elapsed();
    finished.lock().unwrap().push("health".into());
    assert_eq!(health.status, 200, "{}", health.body);
    for h in heavy {
        assert_eq!(h.await.unwrap(), 200);
    }
    let order = finished.lock().unwrap().clone();
    // Three runs one at a time: /health never waits for all three.
    assert_ne!(
        order.last().map(String::as_str),
        Some("health"),
        "{order:?}"
    );
    assert!(waited < Duration::from_secs(5), "/health took {waited:?}");
    ts.finish().await;
}

/// Submissions whose requests time out while they wait for the ledger keep
/// running: each holds one of the `max_in_flight` write slots until its
/// transaction ends, a write arriving while none is free is refused at once
/// (503, nothing started), and when the ledger frees up the stranded writes
/// commit exactly once, which the clients find by sending again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_left_by_timed_out_requests_finish_and_bound_new_writes() {
    let dir = temp_dir("limits-writes");
    let mut c = config(&dir, None);
    c.limits.max_in_flight = 2;
    c.limits.request_timeout_ms = 1000;
    let ts = TestServer::start(c).await;
    let claims: Vec<Value> = (0..3)
        .map(|n| claim(&[id_number(61_000 + n)], INST_A))
        .collect();
    let ledger = ts.server.ledger();
    // The ledger's writer is busy (as with a long transaction of another server).
    let (guard, tx) = ledger.begin_write().await.unwrap();
    let (first, second) = tokio::join!(
        ts.submit(TOKEN_A, "stranded-1", &claims[0]),
        ts.submit(TOKEN_A, "stranded-2", &claims[1])
    );
    for a in [&first, &second] {
        assert_eq!(a.status, 408, "{}", a.body);
        assert_eq!(error_code(a), "http.timeout");
    }
    // Both writes still wait for the ledger, each holding a write slot: a
    // third write is refused at once; a read is still answered.
    let third = ts
        .request(
            "POST",
            "/v1/claims",
            Some(TOKEN_A),
            Some(claims[2].to_string()),
            &[("idempotency-key", "third")],
        )
        .await;
    assert_eq!(third.status, 503, "{}", third.body);
    assert_eq!(error_code(&third), "http.overloaded");
    assert_eq!(ts.get("/v1/policies", None).await.status, 200);
    // The ledger frees up: the stranded writes commit, nothing of the third.
    tx.rollback().await.unwrap();
    drop(guard);
    let deadline = Instant::now() + Duration::from_secs(20);
    while ledger.count("claims").await.unwrap() < 2 {
        assert!(
            Instant::now() < deadline,
            "the stranded writes never committed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The clients send again with their keys: each gets what was recorded, once.
    let (again_1, again_2) = tokio::join!(
        ts.submit(TOKEN_A, "stranded-1", &claims[0]),
        ts.submit(TOKEN_A, "stranded-2", &claims[1])
    );
    for a in [&again_1, &again_2] {
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.headers["idempotent-replayed"], "true");
        assert_eq!(a.json["claim"]["status"], "accepted", "{}", a.body);
    }
    let third = ts.submit(TOKEN_A, "third", &claims[2]).await;
    assert_eq!(third.status, 201, "{}", third.body);
    assert_eq!(ledger.count("claims").await.unwrap(), 3);
    assert_eq!(ledger.count("participations").await.unwrap(), 3);
    assert!(ledger.check_integrity().await.unwrap().is_empty());
    ts.finish().await;
}
