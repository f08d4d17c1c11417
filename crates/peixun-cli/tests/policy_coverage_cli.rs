//! `peixun policy coverage`: the clause-coverage document and its JSON,
//! printed by the command exactly as `tests/clause_coverage.rs` checks them.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn toml(name: &str) -> String {
    std::fs::read_to_string(repo().join("policies").join(format!("{name}.toml"))).unwrap()
}

// ----- the command -----

fn peixun(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_command_prints_the_document_and_its_json() {
    let (code, out, _) = peixun(&["policy", "coverage", "liaocheng-2021-skill-upgrade"]);
    assert_eq!(code, 0);
    let doc = std::fs::read_to_string(repo().join("docs/clauses/liaocheng-2021-skill-upgrade.md"))
        .unwrap();
    assert_eq!(out, doc);

    let (code, out, _) = peixun(&[
        "policy",
        "coverage",
        "jinzhong-2023-skills-shanxi",
        "--golden",
        "tests/golden",
        "--json",
    ]);
    // Every rule has its cases now: exit 0, and no gaps.
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["policy"]["id"], "jinzhong-2023-skills-shanxi");
    assert_eq!(v["gaps"], serde_json::json!([]));
    let d1 = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "JZ-D1")
        .unwrap();
    // JZ-D1's definitions decide whether a stated group counts: a check.
    assert_eq!(d1["statuses"], "pass_fail_unknown");

    let (code, _, err) = peixun(&["policy", "coverage", "no-such-policy"]);
    assert_eq!(code, 3);
    assert!(err.contains("[input.unknown_policy]"), "{err}");
    let (code, _, err) = peixun(&[
        "policy",
        "coverage",
        "internet-plus-training",
        "--golden",
        "no/such/dir",
    ]);
    assert_eq!(code, 3);
    assert!(err.contains("[cli.read_failed]"), "{err}");
}

#[test]
fn the_lint_command_reports_clause_problems() {
    let dir = std::env::temp_dir().join(format!("peixun-clause-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("jinzhong.toml");
    let text = toml("jinzhong-2023-skills-shanxi").replacen(
        "clause = \"三(六)\"",
        "clause = \"三(八)\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = peixun(&["policy", "lint", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[policy.unknown_clause]"), "{out}");
    assert!(out.contains("$.rules[3].clause"), "{out}");
    // 三(六) has no rule left, and is not marked not scored.
    assert!(out.contains("[policy.clause_unaccounted]"), "{out}");
    let (code, out, _) = peixun(&[
        "policy",
        "lint",
        repo()
            .join("policies/jinzhong-2023-skills-shanxi.toml")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
