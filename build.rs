//! Turns the shipped policy files (`policies/*.toml`) into compact JSON in
//! `OUT_DIR`, which `src/policy/builtin.rs` embeds: the engine reads its
//! built-in policies with the same JSON reader as any policy handed to it, and
//! the WebAssembly build carries no TOML parser. The conversion is TOML →
//! `serde_json::Value` → JSON text, the same first step as reading a TOML file
//! at run time, so the policies are the same (`tests/policy_builtin.rs` checks it).

use std::path::Path;

fn main() {
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
        let value: serde_json::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", path.display()));
        let json = serde_json::to_string(&value).expect("a JSON value serialises");
        let name = path.file_stem().expect("a file name").to_string_lossy();
        std::fs::write(out.join(format!("{name}.json")), json)
            .expect("write OUT_DIR/policies/*.json");
    }
}
