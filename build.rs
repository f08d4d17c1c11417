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

fn policies() {
    let src = Path::new("policies");
    println!("cargo:rerun-if-changed=policies");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("policies");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/policies");
    let mut names: Vec<_> = std::fs::read_dir(src)
        .expect("read policies/")
        .map(|e| e.expect("read policies/").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("read a policy file");
        let mut value: serde_json::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", path.display()));
        if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
            without_inventory(&mut value);
        }
        let json = serde_json::to_string(&value).expect("a JSON value serialises");
        let name = path.file_stem().expect("a file name").to_string_lossy();
        std::fs::write(out.join(format!("{name}.json")), json)
            .expect("write OUT_DIR/policies/*.json");
    }
}
