//! The server over HTTP on loopback with a real SQLite ledger: the ledger
//! scenarios, 1,000 concurrent conflicting submissions, ID numbers absent from
//! the database file, byte parity with `Engine::handle` over the golden
//! corpus, every role against every route, errors and limits.

mod server_support;

use std::path::{Path, PathBuf};

use peixun::engine::Engine;
use serde_json::{json, Value};
use server_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ledger_scenarios_on_sqlite() {
    let ts = TestServer::sqlite("sqlite-suite").await;
    assert_eq!(ts.get("/health", None).await.json["database"], "sqlite");
    suite::submissions(&ts).await;
    suite::vouchers(&ts).await;
    suite::punches(&ts).await;
    suite::reviews(&ts).await;
    let dir = ts.dir.clone();
    ts.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_concurrent_conflicting_submissions_on_sqlite() {
    let ts = TestServer::sqlite("sqlite-conc").await;
    suite::concurrency(&[&ts], 1000, 10, 20_000).await;
    let ledger = ts.server.ledger();
    assert_eq!(ledger.count("claims").await.unwrap(), 1000);
    assert_eq!(ledger.count("participations").await.unwrap(), 100);
    assert!(ledger.check_integrity().await.unwrap().is_empty());
    let dir = ts.dir.clone();
    ts.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

/// Every file the SQLite ledger writes (the database, its WAL and journal).
fn ledger_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("ledger.sqlite3") {
            out.extend(std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn id_numbers_never_reach_the_sqlite_file() {
    let ts = TestServer::sqlite("sqlite-grep").await;
    let ids: Vec<String> = (0..3).map(|n| id_number(30_000 + n)).collect();
    let a = ts.submit(TOKEN_A, "grep-1", &claim(&ids, INST_A)).await;
    assert_eq!(a.status, 201, "{}", a.body);
    // An invalid claim and a blacklist entry bring ID numbers too.
    let b = ts
        .submit(TOKEN_A, "grep-2", &claim(&ids[0..1], INST_A))
        .await;
    assert_eq!(b.json["claim"]["status"], "rejected");
    ts.post(
        "/v1/blacklist",
        Some(TOKEN_AUTHORITY),
        &json!({"kind": "person", "id_number": ids[2]}),
    )
    .await;
    let dir = ts.dir.clone();
    // While running (WAL not yet checkpointed) and after shutdown.
    let live = ledger_bytes(&dir);
    ts.stop().await;
    let closed = ledger_bytes(&dir);
    assert!(closed.len() > 4096);
    for bytes in [&live, &closed] {
        for id in &ids {
            assert!(!contains(bytes, id), "{id} is in the ledger file");
            assert!(!contains(bytes, &id.to_lowercase()));
            // Not even the middle digits (birth date and sequence) in a row.
            assert!(!contains(bytes, &id[6..17]));
        }
        // The names are there (a sanity check that the grep reads the data).
        assert!(contains(bytes, "学员0"));
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Every golden case, through `POST /v1/ops/{operation}` and the named route
/// where there is one: the bytes are those of `Engine::handle` (and of the
/// case's reviewed output, which the WebAssembly package is checked against).
/// A case that loads a deployment's policy files runs on a server configured
/// with the same files (`policy_files`), as an authority would run it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parity_with_the_engine_over_the_golden_corpus() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/golden");
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    // The cases by the deployment files they load (none for most).
    let mut groups: std::collections::BTreeMap<Vec<String>, Vec<(PathBuf, Value)>> =
        std::collections::BTreeMap::new();
    for f in files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let policies = case["policies"]
            .as_array()
            .map(|a| a.iter().map(|p| p.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        groups.entry(policies).or_default().push((f, case));
    }
    let named = |op: &str| match op {
        "eligibility" => Some("/v1/eligibility"),
        "claim.verify" => Some("/v1/claims/verify"),
        "deadlines.plan" => Some("/v1/deadlines/plan"),
        "plan.check" => Some("/v1/plans/check"),
        "voucher.verify" => Some("/v1/vouchers/verify"),
        _ => None,
    };
    let mut checked = 0;
    let mut claims = 0;
    for (policies, cases) in groups {
        let loaded: Vec<(PathBuf, String)> = policies
            .iter()
            .map(|rel| {
                let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(rel);
                let text = std::fs::read_to_string(&path).unwrap();
                (path, text)
            })
            .collect();
        let dir = temp_dir("sqlite-parity");
        let mut config = config(&dir, None);
        config.policies = loaded.clone();
        let ts = TestServer::start(config).await;
        let mut engine = Engine::new().unwrap().with_max_input_bytes(4 * 1024 * 1024);
        for (_, text) in &loaded {
            engine.load_policy(text).unwrap();
        }
        for (f, case) in &cases {
            let (Some(op), Some(req)) = (case["operation"].as_str(), case.get("request")) else {
                continue;
            };
            if op == "policy.load" || op == "calendar.update" {
                continue;
            }
            // A string request is the raw text sent (malformed JSON cases).
            let request = match req {
                Value::String(raw) => raw.clone(),
                other => peixun::canonical::value_to_string(other),
            };
            let expected = engine.handle_to_json(op, &request);
            let mut routes = vec![format!("/v1/ops/{op}")];
            routes.extend(named(op).map(str::to_owned));
            for route in routes {
                let a = ts
                    .request("POST", &route, None, Some(request.clone()), &[])
                    .await;
                let is_error = expected.starts_with("{\"error\"");
                // An error is a problem document whose `error` member is the
                // engine's answer, byte for byte.
                let body = if is_error {
                    let error = json!({ "error": a.json["error"] });
                    peixun::canonical::value_to_string(&error)
                } else {
                    a.body.clone()
                };
                assert_eq!(body, expected, "{} via {route}", f.display());
                assert_eq!(
                    a.status == 200,
                    !is_error,
                    "{} via {route}: {}",
                    f.display(),
                    a.status
                );
            }
            if let Some(out) = case.get("output") {
                assert_eq!(
                    peixun::canonical::value_to_string(out),
                    expected,
                    "{} (reviewed output)",
                    f.display()
                );
            }
            checked += 1;
            claims += usize::from(op == "claim.verify");
        }
        ts.finish().await;
    }
    assert!(checked > 100, "only {checked} cases");
    assert!(claims > 10, "only {claims} claim cases");
}

/// A claim submitted and recorded carries the verdict `Engine::handle` gives
/// for the same claim with the ledger's facts (here: none yet), byte for byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recorded_verdict_is_the_engines() {
    let ts = TestServer::sqlite("sqlite-recorded").await;
    // The server runs with the deployment's Dalian policy: so does the engine here.
    let mut engine = Engine::new().unwrap();
    engine.load_policy(&deployment_policy().1).unwrap();
    let c = claim(&[id_number(40_000), id_number(40_001)], INST_A);
    let a = ts.submit(TOKEN_A, "parity", &c).await;
    assert_eq!(a.status, 201);
    let expected = engine.handle("claim.verify", &c.to_string()).unwrap();
    let got = peixun::canonical::value_to_string(&a.json["verdict"]);
    assert_eq!(got, expected);
    let stateless = ts.post("/v1/claims/verify", None, &c).await;
    assert_eq!(stateless.body, expected);
    ts.finish().await;
}

#[derive(Clone, Copy, Debug)]
enum Role {
    None,
    Invalid,
    A,
    B,
    Authority,
}

impl Role {
    fn token(self) -> Option<&'static str> {
        match self {
            Role::None => None,
            Role::Invalid => Some(TOKEN_BAD),
            Role::A => Some(TOKEN_A),
            Role::B => Some(TOKEN_B),
            Role::Authority => Some(TOKEN_AUTHORITY),
        }
    }
}

/// Each role (none, an invalid token, institution A, institution B, the
/// authority) against each route: denied requests are 401/403 with a code,
/// allowed ones are not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_against_every_route() {
    let ts = TestServer::sqlite("sqlite-roles").await;
    // A claim of A's to read.
    let sub = ts
        .submit(TOKEN_A, "roles", &claim(&[id_number(50_000)], INST_A))
        .await;
    let claim_id = sub.json["claim"]["id"].as_str().unwrap().to_owned();
    let issued = ts
        .post(
            "/v1/vouchers",
            Some(TOKEN_AUTHORITY),
            &json!({"voucher_id": "V-ROLES", "policy": "dalian-2023-major-conversion",
                    "holder_id_number": id_number(50_001), "major": "大数据开发",
                    "valid_from": "2024-03-01", "valid_until": "2024-12-31"}),
        )
        .await;
    assert_eq!(issued.status, 201);
    let routes = peixun_server::route_table();
    let roles = [Role::None, Role::Invalid, Role::A, Role::B, Role::Authority];
    let mut seen = 0;
    for route in &routes {
        for role in roles {
            let (path, body): (String, Option<Value>) = match (route.method, route.path) {
                ("POST", "/v1/ops/{operation}") => (
                    "/v1/ops/id.mask".into(),
                    Some(json!({"number": "11010519491231002X"})),
                ),
                (_, "/v1/calendar/days/{date}") => ("/v1/calendar/days/2023-10-07".into(), None),
                (_, "/v1/calendar/months/{month}") => ("/v1/calendar/months/2023-05".into(), None),
                (_, "/v1/calendar/count") => (
                    "/v1/calendar/count?from=2023-09-01&to=2023-10-31".into(),
                    None,
                ),
                (_, "/v1/calendar/add") => ("/v1/calendar/add?date=2023-09-28&n=5".into(), None),
                ("POST", "/v1/eligibility") => (
                    route.path.into(),
                    Some(
                        json!({"policy": "dalian-2023-major-conversion", "applicant": {"kind": "person"}}),
                    ),
                ),
                ("POST", "/v1/vouchers/verify") => (
                    route.path.into(),
                    Some(json!({"token": issued.json["token"], "at": "2024-03-05T08:00:00+08:00"})),
                ),
                ("POST", "/v1/deadlines/plan") => (
                    route.path.into(),
                    Some(
                        json!({"policy": "dalian-2023-major-conversion", "class": {"start": "2023-10-09", "end": "2024-02-08"}}),
                    ),
                ),
                ("POST", "/v1/plans/check") => (
                    route.path.into(),
                    Some(
                        json!({"policy": "jinzhong-2023-skills-shanxi", "year": 2023, "counties": [{"county": "榆次区", "brands": [{"brand": "榆次灯笼", "planned": 120}]}]}),
                    ),
                ),
                ("POST", "/v1/claims/verify") => {
                    (route.path.into(), Some(claim(&[id_number(50_002)], INST_A)))
                }
                ("POST", "/v1/claims") => (
                    route.path.into(),
                    Some(claim(
                        &[id_number(50_003)],
                        match role {
                            Role::B => "",
                            _ => INST_A,
                        },
                    )),
                ),
                ("GET", "/v1/claims/{id}") => (format!("/v1/claims/{claim_id}"), None),
                ("POST", "/v1/claims/{id}/review") => (
                    format!("/v1/claims/{claim_id}/review"),
                    Some(json!({"status": "accepted", "reason": "复核"})),
                ),
                ("POST", "/v1/vouchers") => (
                    route.path.into(),
                    Some(
                        json!({"voucher_id": format!("V-{role:?}"), "policy": "dalian-2023-major-conversion", "holder_id_number": id_number(50_004), "major": "大数据开发", "valid_from": "2024-03-01", "valid_until": "2024-12-31"}),
                    ),
                ),
                ("GET", "/v1/vouchers/{id}") => ("/v1/vouchers/V-ROLES".into(), None),
                ("POST", "/v1/vouchers/{id}/events") => (
                    "/v1/vouchers/V-ROLES/events".into(),
                    Some(json!({"event": {"event_id": format!("ev-{role:?}"), "kind": "claim"}})),
                ),
                ("POST", "/v1/blacklist") => (
                    route.path.into(),
                    Some(json!({"kind": "institution", "credit_code": inst_b()})),
                ),
                ("DELETE", "/v1/blacklist/{kind}/{subject}") => {
                    ("/v1/blacklist/institution/91350100M000100Y43".into(), None)
                }
                ("POST", "/v1/punches") => (
                    route.path.into(),
                    Some(json!({"policy": "fushun-2024-major-conversion",
                        "class": {"id": "roles", "start": "2024-03-04", "end": "2024-06-28",
                                  "sessions": [{"start": "08:30", "end": "11:45"}]},
                        "punches": [{"id": format!("p-{role:?}"), "trainee": "T01", "kind": "sign_in",
                                     "at": "2024-03-04T08:20:00+08:00"}]})),
                ),
                ("GET", "/v1/punches") => ("/v1/punches?class=roles".into(), None),
                ("GET", "/demo/{path}") => ("/demo/index.html".into(), None),
                (_, p) => (p.into(), None),
            };
            // Institution B's claim names no institution: the server fills in B's code.
            let body = body.map(|mut b| {
                if b["institution"]["credit_code"] == "" {
                    b["institution"]
                        .as_object_mut()
                        .unwrap()
                        .remove("credit_code");
                }
                b.to_string()
            });
            let key = format!("roles-{role:?}");
            let a = ts
                .request(
                    route.method,
                    &path,
                    role.token(),
                    body,
                    &[("idempotency-key", &key)],
                )
                .await;
            let code = a.json["error"]["code"].as_str().unwrap_or("").to_owned();
            let denied = a.status == 401 || a.status == 403;
            let v1 = route.path.starts_with("/v1/");
            let expect_denied = match (route.access, role) {
                (_, Role::Invalid) => v1,
                ("public", _) => false,
                ("institution", Role::A | Role::B) => false,
                ("institution", _) => true,
                ("institution or authority", Role::None) => true,
                ("institution or authority", Role::B) => route.path == "/v1/claims/{id}",
                ("institution or authority", _) => false,
                ("authority", Role::Authority) => false,
                ("authority", _) => true,
                (other, _) => panic!("unknown access {other}"),
            };
            assert_eq!(
                denied, expect_denied,
                "{} {} as {role:?}: {} {}",
                route.method, path, a.status, a.body
            );
            if denied {
                assert!(
                    code.starts_with("auth."),
                    "{} {path} as {role:?}: {}",
                    route.method,
                    a.body
                );
                let expected_status = match role {
                    Role::None | Role::Invalid => 401,
                    _ => 403,
                };
                assert_eq!(
                    a.status, expected_status,
                    "{} {path} as {role:?}",
                    route.method
                );
            } else {
                assert!(
                    a.status < 500,
                    "{} {path} as {role:?}: {}",
                    route.method,
                    a.body
                );
            }
            seen += 1;
        }
    }
    assert_eq!(seen, routes.len() * roles.len());
    // The public reads nothing personal: no public route answers from the ledger.
    for route in routes.iter().filter(|r| r.access == "public") {
        assert!(!route.path.starts_with("/v1/claims/{"), "{}", route.path);
        assert!(!route.path.starts_with("/v1/blacklist"));
    }
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_json_with_codes_and_limits_hold() {
    let dir = temp_dir("sqlite-limits");
    let mut cfg = config(&dir, None);
    cfg.limits.max_body_bytes = 64 * 1024;
    cfg.limits.max_events = 5;
    let ts = TestServer::start(cfg).await;
    let cases: Vec<(&str, &str, Option<String>, u16, &str)> = vec![
        ("GET", "/nope", None, 404, "http.not_found"),
        ("PUT", "/health", None, 405, "http.method_not_allowed"),
        (
            "POST",
            "/v1/eligibility",
            Some("{".into()),
            400,
            "input.malformed_json",
        ),
        (
            "POST",
            "/v1/eligibility",
            Some("\u{0}\u{ff}".into()),
            400,
            "input.malformed_json",
        ),
        (
            "POST",
            "/v1/eligibility",
            Some(json!({"policy": "x", "applicant": {"kind": "person"}}).to_string()),
            400,
            "input.unknown_policy",
        ),
        (
            "POST",
            "/v1/ops/no.such",
            Some("{}".into()),
            404,
            "api.unknown_operation",
        ),
        (
            "POST",
            "/v1/ops/policy.load",
            Some("{}".into()),
            403,
            "api.operation_not_offered",
        ),
        (
            "POST",
            "/v1/ops/voucher.replay",
            Some(
                json!({"policy": "jinzhong-2023-skills-shanxi", "events": vec![json!({}); 6]})
                    .to_string(),
            ),
            413,
            "limits.too_many_events",
        ),
        (
            "GET",
            "/v1/calendar/days/2023-02-30",
            None,
            400,
            "input.invalid_date",
        ),
        (
            "GET",
            "/v1/calendar/days/2031-01-01",
            None,
            400,
            "calendar.year_unknown",
        ),
        (
            "GET",
            "/v1/calendar/months/2023-13",
            None,
            400,
            "calendar.bad_month",
        ),
        (
            "GET",
            "/v1/claims",
            Some(String::new()),
            401,
            "auth.required",
        ),
    ];
    for (method, path, body, status, code) in cases {
        let a = ts.request(method, path, None, body, &[]).await;
        assert_eq!(
            (
                a.status,
                a.json["error"]["code"].as_str().unwrap_or(&a.body)
            ),
            (status, code),
            "{method} {path}"
        );
        for k in ["path", "message_zh", "message_en"] {
            assert!(
                a.json["error"][k].is_string(),
                "{method} {path}: {}",
                a.body
            );
        }
        assert_eq!(a.headers["content-type"], "application/problem+json");
        // RFC 9457's members, and today's fields beside them.
        assert_eq!(a.json["status"], status, "{method} {path}");
        assert_eq!(a.json["type"], "about:blank");
        assert!(a.json["title"].is_string(), "{method} {path}");
        assert_eq!(a.json["code"], a.json["error"]["code"]);
        assert_eq!(a.json["path"], a.json["error"]["path"]);
        assert_eq!(a.json["message_en"], a.json["error"]["message_en"]);
        assert_eq!(a.json["detail"], a.json["error"]["message_en"]);
    }
    // Too large: refused on the declared length alone. The request goes over a
    // raw socket and only its head is sent, so the answer cannot race the
    // connection being closed on a body still in flight.
    {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(ts.server.addr())
            .await
            .unwrap();
        let head = format!(
            "POST /v1/eligibility HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            70 * 1024
        );
        s.write_all(head.as_bytes()).await.unwrap();
        let mut buf = Vec::new();
        let _ =
            tokio::time::timeout(std::time::Duration::from_secs(10), s.read_to_end(&mut buf)).await;
        let text = String::from_utf8_lossy(&buf);
        assert!(text.starts_with("HTTP/1.1 413"), "{text}");
        assert!(text.contains("\"code\":\"http.too_large\""), "{text}");
        assert!(text.contains("\"message_zh\""), "{text}");
    }
    let malformed = ts
        .request(
            "GET",
            "/v1/claims",
            None,
            None,
            &[("authorization", "Basic abc")],
        )
        .await;
    assert_eq!(
        (malformed.status, malformed.json["error"]["code"].as_str()),
        (401, Some("auth.malformed"))
    );
    // Calendar answers.
    let d = ts.get("/v1/calendar/days/2023-10-07", None).await;
    assert_eq!(
        (d.json["kind"].as_str(), d.json["workday"].as_bool()),
        (Some("makeup_workday"), Some(true))
    );
    let m = ts.get("/v1/calendar/months/2023-05", None).await;
    assert_eq!(m.json["count"], 21);
    let add = ts.get("/v1/calendar/add?date=2023-09-28&n=5", None).await;
    assert_eq!(add.json["result"], "2023-10-11");
    let assumed = ts
        .get(
            "/v1/calendar/days/2031-01-06?unknown_years=assume_weekends_only",
            None,
        )
        .await;
    assert_eq!(assumed.json["assumed"], true, "{}", assumed.body);
    // Root redirects to the demo.
    let root = ts.client.get(format!("{}/", ts.base)).send().await.unwrap();
    assert!(root.url().path().starts_with("/demo"));
    let health = ts.get("/health", None).await;
    assert_eq!(health.json["status"], "ok");
    ts.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_over_the_time_limit_is_a_408_with_a_code() {
    let dir = temp_dir("sqlite-timeout");
    let mut cfg = config(&dir, None);
    cfg.limits.request_timeout_ms = 300;
    let ts = TestServer::start(cfg).await;
    // A body that never finishes arriving.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(ts.server.addr())
        .await
        .unwrap();
    s.write_all(b"POST /v1/eligibility HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"policy\":")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), s.read_to_end(&mut buf)).await;
    let text = String::from_utf8_lossy(&buf);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"code\":\"http.timeout\""), "{text}");
    ts.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}
