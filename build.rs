//! Turns the shipped policy files (`policies/*.toml`) into compact JSON in
//! `OUT_DIR`, which `src/policy/builtin.rs` embeds: the engine reads its
//! built-in policies with the same JSON reader as any policy handed to it, and
//! the WebAssembly build carries no TOML parser. The conversion is TOML →
//! `serde_json::Value` → JSON text, the same first step as reading a TOML file
//! at run time, so the policies are the same (`tests/policy_builtin.rs` checks it).
//!
//! For the WebAssembly build, the policies are embedded without their clause
//! inventories (`without_inventory`).
//!
//! It also writes the built-in calendar table without its comments, blank
//! lines and column padding (the module carries the facts, not the format's
//! explanation; `calendar::table`'s tests check that both read the same).

use std::path::Path;

fn main() {
    policies();
    calendar();
}

fn calendar() {
    let table = "data/calendar/cn-2019-2026.txt";
    println!("cargo:rerun-if-changed={table}");
    let text = std::fs::read_to_string(table).expect("read the calendar table");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lean = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("source ") {
            // The reader keeps a source's text as written.
            lean.push_str(line);
        } else {
            // Words: a holiday's name, `off`, `work` and days.
            lean.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        lean.push('\n');
    }
    let out = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    std::fs::write(Path::new(&out).join("calendar.txt"), lean).expect("write OUT_DIR/calendar.txt");
}

/// The WebAssembly module embeds the policies without their clause
/// inventories: the engine accepts a `[[clauses]]` list and decides nothing on
/// it, and the inventories serve `peixun policy coverage` and `peixun policy
/// lint`, which only the native build has (they would cost the module several
/// kilobytes).
fn without_inventory(policy: &mut serde_json::Value) {
    if let Some(map) = policy.as_object_mut() {
        map.remove("clauses");
    }
}

/// The policies built in: every `policies/*.toml`, or those named in
/// `PEIXUN_BUILTIN_POLICIES` (file names without `.toml`, comma-separated),
/// each as JSON in `OUT_DIR/policies/`, and the list `OUT_DIR/builtin_files.rs`
/// in loading order (a policy after the one it extends, otherwise by name).
fn policies() {
    let src = Path::new("policies");
    println!("cargo:rerun-if-changed=policies");
    println!("cargo:rerun-if-env-changed=PEIXUN_BUILTIN_POLICIES");
    let out_dir =
        std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let out = out_dir.join("policies");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/policies");
    let mut paths: Vec<_> = std::fs::read_dir(src)
        .expect("read policies/")
        .map(|e| e.expect("read policies/").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let chosen: Option<Vec<String>> = std::env::var("PEIXUN_BUILTIN_POLICIES")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect());
    // (file stem, the policy's own ID, the ID it extends)
    let mut files: Vec<(String, String, Option<String>)> = Vec::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(path).expect("read a policy file");
        let mut value: serde_json::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", path.display()));
        let id = value["id"].as_str().unwrap_or(&name).to_owned();
        let extends = value["extends"].as_str().map(str::to_owned);
        if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
            without_inventory(&mut value);
        }
        let json = serde_json::to_string(&value).expect("a JSON value serialises");
        std::fs::write(out.join(format!("{name}.json")), json)
            .expect("write OUT_DIR/policies/*.json");
        files.push((name, id, extends));
    }
    if let Some(chosen) = &chosen {
        for name in chosen {
            assert!(
                files.iter().any(|(n, _, _)| n == name),
                "PEIXUN_BUILTIN_POLICIES names {name}, which is not a file in policies/"
            );
        }
        files.retain(|(n, _, _)| chosen.contains(n));
    }
    // Loading order: a policy after the one it extends.
    let mut ordered: Vec<&(String, String, Option<String>)> = Vec::new();
    while ordered.len() < files.len() {
        let before = ordered.len();
        for f in &files {
            let placed = ordered.iter().any(|o| o.0 == f.0);
            let base_ready = match &f.2 {
                None => true,
                Some(base) => ordered.iter().any(|o| &o.1 == base),
            };
            if !placed && base_ready {
                ordered.push(f);
            }
        }
        if ordered.len() == before {
            let missing: Vec<String> = files
                .iter()
                .filter(|f| !ordered.iter().any(|o| o.0 == f.0))
                .map(|f| format!("{} (extends {})", f.0, f.2.as_deref().unwrap_or("?")))
                .collect();
            panic!("the built-in policies must include what each extends: {missing:?}");
        }
    }
    let mut list = String::from("&[\n");
    for (name, _, _) in ordered {
        list.push_str(&format!(
            "    (\"{name}\", include_str!(concat!(env!(\"OUT_DIR\"), \"/policies/{name}.json\"))),\n"
        ));
    }
    list.push(']');
    std::fs::write(out_dir.join("builtin_files.rs"), list).expect("write OUT_DIR/builtin_files.rs");
}
