//! The `peixun eligibility` and `peixun policy` commands, run as a clerk would.

mod cli_support;

use cli_support::{peixun, peixun_stdin, text};

const DL: &str = "dalian-2023-major-conversion";

#[test]
fn phone_self_check_needs_review_exit_2() {
    let out = peixun(&[
        "eligibility",
        "--policy",
        DL,
        "examples/applicants/graduate-phone.json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("需人工审核 / needs review"), "{s}");
    assert!(s.contains("???? DL-E4"), "{s}");
    assert!(s.contains("是否曾就业以单位参保缴费记录为准"), "{s}");
}

#[test]
fn authority_check_eligible_exit_0_json() {
    // The institution's catalogue and its majors (DL-P1, DL-M2) are the
    // deployment's: the authority checks with its own policy file.
    let out = peixun(&[
        "eligibility",
        "--policy",
        DL,
        "--policy-file",
        "examples/policies/dalian-deployment-example.toml",
        "--json",
        "examples/applicants/graduate-authority.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"], "eligible");
    assert_eq!(v["policy"]["id"], DL);
    assert_eq!(v["findings"].as_array().unwrap().len(), 10);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["status"] == "pass"));
}

#[test]
fn ineligible_exit_1_from_stdin() {
    let out = peixun_stdin(
        &["eligibility", "--policy", DL, "-"],
        r#"{"kind": "person", "graduation_year": 2019}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("FAIL DL-E3"));
}

#[test]
fn bad_input_exit_3_with_code_and_path() {
    let out = peixun_stdin(
        &["eligibility", "--policy", DL, "--json", "-"],
        r#"{"kind": "person", "graduation_year": "2022"}"#,
    );
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["code"], "input.wrong_type");
    assert_eq!(v["error"]["path"], "$.graduation_year");

    let out = peixun(&[
        "eligibility",
        "--policy",
        "nowhere",
        "examples/applicants/graduate-phone.json",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("input.unknown_policy"));

    let out = peixun(&["eligibility", "--policy", DL, "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("cli.read_failed"));
}

#[test]
fn enterprise_findings_per_worker() {
    let out = peixun(&[
        "eligibility",
        "--policy",
        "liaocheng-2021-skill-upgrade",
        "--json",
        "examples/applicants/enterprise-2021.json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let by_subject =
        |s: &str| findings.iter().find(|f| f["subject"] == s).unwrap()["status"].clone();
    // A large transport enterprise qualifies: its own finding has no subject.
    assert_eq!(findings[0]["status"], "pass");
    assert!(findings[0].get("subject").is_none());
    assert_eq!(v["decision"], "eligible");
    assert_eq!(by_subject("赵一"), "pass"); // first contribution 2021-03-01
    assert_eq!(by_subject("钱二"), "fail"); // first contribution 2020-11-01: not newly taken on
    assert_eq!(by_subject("孙三"), "pass"); // dispatched workers count
    let subjects = v["subjects"].as_array().unwrap();
    assert_eq!(subjects.len(), 3);
    assert_eq!(subjects[1]["decision"], "ineligible");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_deployment_policy_file_is_used() {
    let dir = std::env::temp_dir().join(format!("peixun-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../policies/dalian-2023-major-conversion.toml"
    ))
    .unwrap()
    .replacen("version = \"2023.1\"", "version = \"2023.1-local\"", 1);
    let path = dir.join("local.toml");
    std::fs::write(&path, text).unwrap();
    let out = peixun(&[
        "eligibility",
        "--policy",
        DL,
        "--json",
        "--policy-file",
        path.to_str().unwrap(),
        "examples/applicants/graduate-phone.json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["policy"]["version"], "2023.1-local");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn policy_list_show_and_lint() {
    let out = peixun(&["policy", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    for id in [
        DL,
        "fushun-2024-major-conversion",
        "liaocheng-2021-skill-upgrade",
        "internet-plus-training",
        "jinzhong-2023-skills-shanxi",
    ] {
        assert!(s.contains(id), "{id} missing from\n{s}");
    }
    let out = peixun(&["policy", "show", DL]);
    assert!(text(&out.stdout).contains("DL-S1"));

    let out = peixun(&[
        "policy",
        "lint",
        "policies/dalian-2023-major-conversion.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    let bad = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../policies/dalian-2023-major-conversion.toml"
    ))
    .unwrap()
    .replacen(
        "qualification = \"1800.00\"",
        "qualification = \"2100.00\"",
        1,
    );
    let out = peixun_stdin(&["policy", "lint", "--json", "-"], &bad);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["problems"][0]["code"], "policy.rate_out_of_range");
    assert_eq!(v["problems"][0]["rule_id"], "DL-S1");
}
