//! `peixun verify FILES...`: the summary and the exit code.

use std::process::Command;

fn peixun(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn all_accepted_is_exit_0_with_a_table() {
    let (code, out, _) = peixun(&[
        "verify",
        "--policy-file",
        "examples/policies/dalian-deployment-example.toml",
        "examples/claims/dalian-claim.json",
        "examples/claims/jinzhong-key-groups-claim.json",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("dalian-claim.json"));
    assert!(out.contains("12300.00"));
    assert!(out.contains("2 files: 2 accepted, 0 rejected"), "{out}");
}

#[test]
fn any_rejected_is_exit_1() {
    // A golden case whose claim is rejected, beside an accepted claim and a bad file.
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/golden/claims");
    let rejected = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            v["operation"] == "claim.verify" && v["output"]["decision"] == "reject"
        })
        .expect("a rejected golden claim");
    let (code, out, _) = peixun(&[
        "verify",
        "--json",
        "--policy-file",
        "examples/policies/dalian-deployment-example.toml",
        "examples/claims/dalian-claim.json",
        rejected.to_str().unwrap(),
        "no-such-file.json",
    ]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["accept"], 1);
    assert_eq!(v["summary"]["reject"], 1);
    assert_eq!(v["summary"]["bad_input"], 1);
    assert!(v["files"][2]["error"]
        .as_str()
        .unwrap()
        .contains("cli.read_failed"));
}

#[test]
fn only_a_bad_file_is_exit_3() {
    let (code, out, _) = peixun(&["verify", "no-such-file.json"]);
    assert_eq!(code, 3, "{out}");
}
