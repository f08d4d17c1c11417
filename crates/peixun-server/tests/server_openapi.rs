//! The OpenAPI document and the router agree: the checked-in
//! `docs/openapi.json` is what the server serves, its operations are exactly
//! the router's routes (method and path), and every route answers (no 404 or
//! 405 from the router for a documented route). `PEIXUN_BLESS=1` rewrites the
//! checked-in file.

mod server_support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use server_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_lists_exactly_the_routes() {
    let generated = peixun_server::openapi::document_text();
    let file = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("docs/openapi.json");
    if std::env::var("PEIXUN_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&file, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&file).expect("docs/openapi.json");
    assert_eq!(
        checked_in, generated,
        "docs/openapi.json is stale: PEIXUN_BLESS=1 cargo test --test server_openapi"
    );

    let ts = TestServer::sqlite("openapi").await;
    let served = ts.get("/openapi.json", None).await;
    assert_eq!(served.body, generated);

    let doc: Value = serde_json::from_str(&checked_in).unwrap();
    let mut documented = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> = peixun_server::route_table()
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(documented, routed);

    // Every documented route is a real route: the router does not answer
    // "no such route" or "method not allowed" (a handler may still say 404
    // for a missing claim, with its own code).
    for (method, path) in &routed {
        let concrete = path
            .replace("{operation}", "policy.list")
            .replace("{date}", "2023-10-07")
            .replace("{month}", "2023-05")
            .replace("{id}", "x")
            .replace("{kind}", "person")
            .replace("{subject}", "y")
            .replace("{path}", "index.html");
        let a = ts
            .request(
                method,
                &concrete,
                Some(TOKEN_AUTHORITY),
                Some("{}".into()),
                &[],
            )
            .await;
        let code = a.json["error"]["code"].as_str().unwrap_or("");
        assert_ne!(code, "http.method_not_allowed", "{method} {path}");
        // `/` redirects to the demo pages, which may not be there yet.
        if !path.starts_with("/demo") && path != "/" {
            assert_ne!(code, "http.not_found", "{method} {path}: {}", a.body);
        }
    }
    // And an undocumented one is not.
    let a = ts.get("/v1/nothing-here", None).await;
    assert_eq!(a.json["error"]["code"], "http.not_found");
    ts.finish().await;
}
