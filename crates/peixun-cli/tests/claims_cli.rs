//! `peixun claim verify`, `peixun deadlines plan` and `peixun publicity`, run as
//! a clerk would: exit codes 0 accept, 1 reject, 2 needs review, 3 bad input.

mod cli_support;

use cli_support::{peixun, peixun_stdin, text};

const EXAMPLE: &str = "examples/claims/dalian-claim.json";
/// The deployment's Dalian policy: the annex's rates and the fee table set.
const DEPLOYMENT: &str = "examples/policies/dalian-deployment-example.toml";

fn example() -> serde_json::Value {
    let path = format!(
        "{}/{EXAMPLE}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn an_accepted_claim_exits_0_and_shows_the_arithmetic() {
    let out = peixun(&["claim", "verify", "--policy-file", DEPLOYMENT, EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("结论 decision: 通过 / accept"), "{s}");
    assert!(s.contains("复核总额 recomputed total: 12300.00 元"), "{s}");
    assert!(s.contains("1800.00 元 × 4 个月 = 7200.00 元"), "{s}");
    assert!(s.contains("210202********1231"), "{s}");
    assert!(
        !s.contains("210202200103151231"),
        "an unmasked ID number: {s}"
    );
}

#[test]
fn a_rejected_claim_exits_1_and_json_names_the_difference() {
    let mut claim = example();
    claim["trainees"][0]["claimed"]["DL-S1"] = "7300.00".into();
    claim["claimed_total"] = "12400.00".into();
    let out = peixun_stdin(
        &[
            "claim",
            "verify",
            "--policy-file",
            DEPLOYMENT,
            "--json",
            "-",
        ],
        &claim.to_string(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"], "reject");
    assert_eq!(v["total"], "12300.00");
    let mismatch = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["facts"]["difference"] == "100.00")
        .unwrap();
    assert_eq!(mismatch["rule_id"], "DL-S1");
    assert_eq!(mismatch["subject"], "210202********1231");
}

#[test]
fn a_claim_needing_review_exits_2() {
    let mut claim = example();
    claim["trainees"][0]["eligibility"]
        .as_object_mut()
        .unwrap()
        .remove("unit_social_insurance_record");
    let out = peixun_stdin(
        &["claim", "verify", "--policy-file", DEPLOYMENT, "-"],
        &claim.to_string(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("需人工审核 / needs review"));
}

#[test]
fn bad_claims_exit_3_with_code_and_path() {
    let mut claim = example();
    claim["trainees"][0]["claimed"]["DL-S1"] = serde_json::json!(7200);
    let out = peixun_stdin(&["claim", "verify", "-"], &claim.to_string());
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.contains("[input.invalid_money] $.trainees[0].claimed[\"DL-S1\"]"),
        "{err}"
    );
    let out = peixun_stdin(&["claim", "verify", "--json", "-"], "{");
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).starts_with("{\"error\":{\"code\":\"input.malformed_json\""));
    let out = peixun(&["claim", "verify", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("cli.read_failed"));
}

#[test]
fn deadlines_plan_prints_file_by_and_exits_by_the_dates_given() {
    let class = r#"{"policy": "dalian-2023-major-conversion",
        "class": {"start": "2023-10-09", "end": "2024-02-08"}}"#;
    let out = peixun_stdin(&["deadlines", "plan", "-"], class);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("2023-09-26  DL-P5"), "{s}");
    assert!(s.contains("file by 2023-09-26"), "{s}");
    assert!(s.contains("2023-12-31  DL-P2"), "{s}");
    assert!(s.contains("非工作日 not a working day"), "{s}");

    let late = r#"{"policy": "dalian-2023-major-conversion",
        "class": {"start": "2023-10-09", "end": "2024-02-08", "filed_on": "2023-09-27"}}"#;
    let out = peixun_stdin(&["deadlines", "plan", "--json", "-"], late);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["deadlines"][0]["date"], "2023-09-26");
}

#[test]
fn deadlines_in_an_unknown_year_need_the_assumption() {
    let class = r#"{"policy": "dalian-2023-major-conversion",
        "class": {"start": "2027-03-01", "end": "2027-06-30"}}"#;
    let out = peixun_stdin(&["deadlines", "plan", "-"], class);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("[calendar.year_unknown] $.class.start"));
    let out = peixun_stdin(&["deadlines", "plan", "--assume-weekends", "-"], class);
    // The class opens after Dalian's last opening day: DL-P2 fails.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.contains("assumption: calendar.assumed_weekends_only:2027"),
        "{s}"
    );
    assert!(s.contains("file by 2027-02-22"), "{s}");
}

#[test]
fn publicity_writes_a_csv_with_a_bom() {
    let dir = std::env::temp_dir().join(format!("peixun-publicity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv_path = dir.join("list.csv");
    let out = peixun(&[
        "publicity",
        "--policy-file",
        DEPLOYMENT,
        EXAMPLE,
        "--start",
        "2024-02-08",
        "--csv",
        csv_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("至 2024-02-20 止"), "{s}");
    assert!(s.contains("张三  210202********1231  7400.00 元"), "{s}");
    let bytes = std::fs::read(&csv_path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let csv = String::from_utf8(bytes).unwrap();
    assert!(
        csv.contains("\r\n合计,,,,12000.00,300.00,12300.00\r\n"),
        "{csv}"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let out = peixun(&[
        "publicity",
        "--policy-file",
        DEPLOYMENT,
        EXAMPLE,
        "--start",
        "2024-02-08",
        "--csv",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn publicity_of_a_rejected_claim_warns_and_exits_1() {
    let mut claim = example();
    claim["claimed_total"] = "1.00".into();
    let out = peixun_stdin(
        &[
            "publicity",
            "--policy-file",
            DEPLOYMENT,
            "-",
            "--start",
            "2024-02-08",
            "--json",
        ],
        &claim.to_string(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the claim's decision is `reject`"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], "12300.00");
    let out = peixun(&["publicity", EXAMPLE, "--start", "2024-02-30"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("[input.invalid_date] $.start"));
}

#[test]
fn the_example_claims_need_review_until_the_deployment_sets_its_rates() {
    // Dalian's rates and fees, and the Internet+ rate, are example values in the
    // shipped policies: the claims that rest on them need review (exit 2), with
    // the parameter named; the deployment's files set them, and they are accepted.
    for (name, deployment) in [
        ("dalian-claim.json", DEPLOYMENT),
        ("dalian-50-trainees.json", DEPLOYMENT),
        (
            "internet-plus-claim.json",
            "examples/policies/internet-plus-deployment-example.toml",
        ),
        // JZ-D1's income floor and working age decide "employed" (JZ-S1).
        (
            "jinzhong-order-training-claim.json",
            "examples/policies/jinzhong-deployment-example.toml",
        ),
    ] {
        let claim = format!("examples/claims/{name}");
        let out = peixun(&["claim", "verify", &claim]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out.stdout));
        assert!(
            text(&out.stdout).contains("须由部署方设定后方可核定"),
            "{name}"
        );
        let out = peixun(&["claim", "verify", "--policy-file", deployment, &claim]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stdout));
    }
}

#[test]
fn every_example_claim_without_example_values_is_accepted() {
    for name in [
        "jinzhong-key-groups-claim.json",
        "jinzhong-raw-punches-claim.json",
        "liaocheng-enterprise-claim.json",
    ] {
        let out = peixun(&["claim", "verify", &format!("examples/claims/{name}")]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stdout));
    }
    let out = peixun(&[
        "deadlines",
        "plan",
        "examples/claims/dalian-class-plan.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // FS-A1's "最后一次开班时间为12月末" names no year: the shipped Fushun
    // policy sets no period in force, so the opening day is unknown (exit 2)
    // until the deployment sets one.
    let fushun = "examples/claims/fushun-class-plan.json";
    let out = peixun(&["deadlines", "plan", fushun]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("this policy sets no period in force"));
    let deployment = "examples/policies/fushun-deployment-example.toml";
    let out = peixun(&["deadlines", "plan", "--policy-file", deployment, fushun]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn the_generated_class_has_fifty_trainees() {
    let out = peixun(&[
        "claim",
        "verify",
        "--json",
        "examples/claims/dalian-50-trainees.json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trainees"].as_array().unwrap().len(), 50);
    let size = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "DL-P5" && f["facts"]["trainees"] == 50)
        .unwrap();
    assert_eq!(size["status"], "pass");
}
