//! The server's modules depend one way: the route table (`http.rs`) imports
//! the handlers and what they share (`respond`, `access`, `engine_runs`,
//! `limits`); no handler and no shared module imports the route table back.
//! Only the OpenAPI document, built from the route table, sits above it, and
//! the route table does not import it (the document is made once at start).

use std::path::Path;

#[test]
fn no_module_imports_the_route_table_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "http.rs" || name == "lib.rs" || name == "openapi.rs" || !name.ends_with(".rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("http::")
                && !code.contains("axum::http::")
                && !code.contains("hyper::http::")
            {
                offenders.push(format!("{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "modules importing the route table: {offenders:#?}"
    );
    // The shared modules exist where the handlers look for them.
    for shared in ["respond.rs", "access.rs", "engine_runs.rs", "limits.rs"] {
        assert!(src.join(shared).exists(), "{shared}");
    }
}
