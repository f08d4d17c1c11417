//! `peixun attendance` and `peixun punch-check`, run as a clerk or a phone would.

mod cli_support;

use cli_support::{peixun, peixun_stdin, text};

/// The request of a golden case, as a class file.
fn golden_request(name: &str) -> String {
    let path = format!(
        "{}/tests/golden/attendance/{name}.json",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    case["request"].to_string()
}

const EXAMPLE: &str = "examples/attendance/fushun-class-first-two-weeks.json";
const FS: &str = "fushun-2024-major-conversion";

#[test]
fn a_class_whose_daily_report_disagrees_fails_exit_1() {
    let out = peixun(&["attendance", "--policy", FS, EXAMPLE]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("不通过 / fail"), "{s}");
    assert!(
        s.contains("2024-03-13的日出勤报告实际出勤学员数为3，打卡和请假记录为2，不一致"),
        "{s}"
    );
    assert!(s.contains("T03"), "{s}");
}

#[test]
fn json_output_is_the_report() {
    let out = peixun(&["attendance", EXAMPLE, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(v["decision"], "fail");
    assert_eq!(v["class"]["counted_days"], 10);
    assert_eq!(v["trainees"][1]["rate"], "0.9500");
    assert_eq!(v["punches"]["total"], 112);
}

#[test]
fn a_class_that_passes_exit_0_and_one_to_review_exit_2() {
    // FS-A1's per-major months are the deployment's: with its figures the class passes.
    let out = peixun_stdin(
        &[
            "attendance",
            "-",
            "--policy-file",
            "examples/policies/fushun-deployment-example.toml",
        ],
        &golden_request("35c-fushun-deployment-three-month-class-passes"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = peixun_stdin(
        &["attendance", "-"],
        &golden_request("41-internet-plus-online-share-over-in-principle"),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_input_exit_3_with_code_and_path() {
    let json = golden_request("60-error-punch-without-offset");
    let out = peixun_stdin(&["attendance", "-"], &json);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.contains("[input.missing_offset] $.punches[0].at"),
        "{err}"
    );
    let out = peixun_stdin(&["attendance", "-", "--json"], &json);
    let v: serde_json::Value = serde_json::from_str(text(&out.stderr).trim()).unwrap();
    assert_eq!(v["error"]["code"], "input.missing_offset");
    // No policy anywhere.
    let out = peixun_stdin(
        &["attendance", "-"],
        r#"{"class": {"id": "c", "start": "2024-03-04", "end": "2024-03-04", "sessions": [{"start": "08:30", "end": "11:45"}]}}"#,
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("$.policy"));
    // An unknown year, then the flagged assumption.
    let json = r#"{"policy": "fushun-2024-major-conversion", "class": {"id": "c", "start": "2031-03-03", "end": "2031-03-07", "sessions": [{"start": "08:30", "end": "11:45"}]}}"#;
    let out = peixun_stdin(&["attendance", "-"], json);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("calendar.year_unknown"));
    let out = peixun_stdin(&["attendance", "-", "--assume-weekends"], json);
    assert!(text(&out.stdout).contains("calendar.assumed_weekends_only:2031"));
}

#[test]
fn punch_check_says_when_the_window_opens() {
    let open = peixun(&[
        "punch-check",
        EXAMPLE,
        "--trainee",
        "T01",
        "--kind",
        "sign-in",
        "--at",
        "2024-03-18T08:00:00+08:00",
        "--method",
        "face-device",
    ]);
    assert_eq!(open.status.code(), Some(0), "{}", text(&open.stderr));
    assert!(text(&open.stdout).contains("可以打卡 acceptable now"));
    // Without the method: FS-A2 counts the face device only, so not a yes (2, review).
    let unsaid = peixun(&[
        "punch-check",
        EXAMPLE,
        "--trainee",
        "T01",
        "--kind",
        "sign-in",
        "--at",
        "2024-03-18T08:00:00+08:00",
    ]);
    assert_eq!(unsaid.status.code(), Some(2), "{}", text(&unsaid.stderr));
    assert!(
        text(&unsaid.stdout).contains("只有以face_device方式打卡才计入"),
        "{}",
        text(&unsaid.stdout)
    );
    let early = peixun(&[
        "punch-check",
        EXAMPLE,
        "--trainee",
        "T01",
        "--kind",
        "sign-in",
        "--at",
        "2024-03-18T07:59:00+08:00",
        "--json",
    ]);
    assert_eq!(early.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&early.stdout)).unwrap();
    assert_eq!(v["state"], "not_yet_open");
    assert_eq!(v["opens_at"], "2024-03-18T08:00:00+08:00");
    let stranger = peixun(&[
        "punch-check",
        EXAMPLE,
        "--trainee",
        "T99",
        "--kind",
        "sign-out",
        "--at",
        "2024-03-18T11:50:00+08:00",
    ]);
    assert_eq!(stranger.status.code(), Some(1));
    assert!(text(&stranger.stdout).contains("T99不在本班花名册上"));
}

#[test]
fn punch_check_refuses_a_moment_without_offset() {
    let out = peixun(&[
        "punch-check",
        EXAMPLE,
        "--trainee",
        "T01",
        "--kind",
        "sign-in",
        "--at",
        "2024-03-18T08:00:00",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("[input.missing_offset] --at"));
}

/// `peixun attendance … | head`: the reader goes away before the report is
/// written; the tool ends quietly with 0 instead of panicking.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args([
            "attendance",
            "examples/attendance/fushun-class-first-two-weeks.json",
        ])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end at once: every write the tool makes meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
