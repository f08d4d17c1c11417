//! The voucher commands of the `peixun` binary: keygen, issue, verify and
//! replay, end to end through the process (exit codes, files, messages).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use peixun::voucher::{HolderHash, KeySet};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

// ---------------------------------------------------------------- CLI

const VALID: i32 = 0;
const INVALID: i32 = 1;
const BAD_INPUT: i32 = 3;

fn peixun(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("peixun-voucher-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn issue_args<'a>(dir: &'a TempDir, key: &'a str, extra: &[&'a str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "voucher",
        "issue",
        "--key",
        key,
        "--holder-key",
        &dir.path("out/holder-key.json"),
        "--holder-id",
        "210203200008152013",
        "--policy",
        "dalian-2023-major-conversion",
        "--major",
        "工业机器人操作及应用",
        "--institution",
        "52210200MA0XY7K33H",
        "--valid-from",
        "2024-03-01",
        "--valid-until",
        "2024-12-31",
        "--at",
        "2024-02-20T09:30:00+08:00",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run(args: &[String]) -> Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    peixun(&refs)
}

#[test]
fn cli_keygen_issue_verify_round_trip() {
    let dir = TempDir::new("round-trip");
    let out_dir = dir.path("out");
    let out = peixun(&[
        "keygen",
        "--out",
        &out_dir,
        "--key-id",
        "ln-2024-1",
        "--holder-key",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(VALID), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["key_id"], "ln-2024-1");
    let private = dir.path("out/ln-2024-1.private.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [&private, &dir.path("out/holder-key.json")] {
            let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{f}");
        }
    }
    // The public key set holds the public key only.
    let keys_text = std::fs::read_to_string(dir.path("out/keys.json")).unwrap();
    assert!(!keys_text.contains("seed"));
    let keys = KeySet::from_json(&keys_text).unwrap();
    assert_eq!(keys.len(), 1);

    let out = run(&issue_args(
        &dir,
        &private,
        &["--face-value", "1500.00", "--id", "DL2024-000123"],
    ));
    assert_eq!(out.status.code(), Some(VALID), "{}", text(&out));
    let token = String::from_utf8(out.stdout.clone())
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(token.len(), 262, "{token}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("DL2024-000123"));

    let keys_file = dir.path("out/keys.json");
    let holder_file = dir.path("out/holder-key.json");
    let verify_args = |t: &str, extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = [
            "voucher",
            "verify",
            t,
            "--keys",
            &keys_file,
            "--at",
            "2024-05-10T09:00:00+08:00",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    // Valid, as text.
    let out = run(&verify_args(
        &token,
        &[
            "--holder-id",
            "210203200008152013",
            "--holder-key",
            &holder_file,
            "--institution",
            "52210200MA0XY7K33H",
            "--major",
            "工业机器人操作及应用",
        ],
    ));
    assert_eq!(out.status.code(), Some(VALID), "{}", text(&out));
    let t = text(&out);
    assert!(t.contains("VALID") && t.contains("有效"), "{t}");
    assert!(
        !t.contains("210203200008152013"),
        "the ID number is never printed"
    );

    // Valid, as JSON.
    let out = run(&verify_args(&token, &["--json"]));
    assert_eq!(out.status.code(), Some(VALID));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["voucher"]["face_value"]["yuan"], "1500.00");
    assert_eq!(v["key_id"], "ln-2024-1");

    // Another holder: not valid, exit 1.
    let out = run(&verify_args(
        &token,
        &[
            "--holder-id",
            "210204199903011234",
            "--holder-key",
            &holder_file,
            "--json",
        ],
    ));
    assert_eq!(out.status.code(), Some(INVALID));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["failures"][0]["code"], "voucher.wrong_holder");

    // A tampered token: not valid, exit 1.
    let mut tampered = token.clone();
    let c = if tampered.as_bytes()[100] == b'A' {
        "B"
    } else {
        "A"
    };
    tampered.replace_range(100..101, c);
    let out = run(&verify_args(&tampered, &[]));
    assert_eq!(out.status.code(), Some(INVALID), "{}", text(&out));
    assert!(
        text(&out).contains("voucher.bad_signature") || text(&out).contains("voucher.bad_encoding")
    );

    // Revoked through a file.
    let revoked = dir.path("revoked.txt");
    std::fs::write(&revoked, "# revoked vouchers\nDL2024-000123\n").unwrap();
    let out = run(&verify_args(&token, &["--revoked", &revoked]));
    assert_eq!(out.status.code(), Some(INVALID));
    assert!(text(&out).contains("voucher.revoked"));

    // Bad input: a missing key file, a bad moment: exit 3.
    let mut a = verify_args(&token, &[]);
    a[4] = dir.path("nope.json");
    assert_eq!(run(&a).status.code(), Some(BAD_INPUT));
    let mut a = verify_args(&token, &["--json"]);
    a[6] = "2024-05-10 09:00".into();
    let out = run(&a);
    assert_eq!(out.status.code(), Some(BAD_INPUT));
    assert!(
        text(&out).contains("input.missing_offset") || text(&out).contains("input.invalid_time"),
        "{}",
        text(&out)
    );

    // Rotation with the CLI: a second key joins keys.json; the first still verifies.
    let out = peixun(&["keygen", "--out", &out_dir, "--key-id", "ln-2025-1"]);
    assert_eq!(out.status.code(), Some(VALID), "{}", text(&out));
    let keys = KeySet::from_json(&std::fs::read_to_string(&keys_file).unwrap()).unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(run(&verify_args(&token, &[])).status.code(), Some(VALID));
    // The same key ID again is refused, and nothing is overwritten.
    let out = peixun(&["keygen", "--out", &out_dir, "--key-id", "ln-2025-1"]);
    assert_eq!(out.status.code(), Some(BAD_INPUT));
    let out = peixun(&[
        "keygen",
        "--out",
        &out_dir,
        "--key-id",
        "ln-2026-1",
        "--holder-key",
    ]);
    assert_eq!(out.status.code(), Some(BAD_INPUT), "holder-key.json exists");
}

#[test]
fn cli_shows_a_forged_tokens_fields_only_as_unverified() {
    // Golden case 55: case 01's token with its face value changed to 10019.68.
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("tests/golden/vouchers/55-verify-forged-face-value-unverified.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let dir = TempDir::new("forged");
    let keys = dir.path("keys.json");
    std::fs::write(&keys, case["request"]["keys"].to_string()).unwrap();
    let token = case["request"]["token"].as_str().unwrap();
    let args = [
        "voucher",
        "verify",
        token,
        "--keys",
        &keys,
        "--at",
        "2024-05-10T09:00:00+08:00",
        "--policy",
        "dalian-2023-major-conversion",
    ];
    let out = peixun(&args);
    assert_eq!(out.status.code(), Some(INVALID), "{}", text(&out));
    let t = text(&out);
    assert!(t.contains("未经核实 UNVERIFIED"), "{t}");
    // Every field line is marked; none reads as the voucher's.
    assert!(t.contains("    ? 面值 face value: 10019.68 元 yuan"), "{t}");
    assert!(!t.contains("\n  面值 face value"), "{t}");
    assert!(t.contains("has no rule on “no record, no subsidy”"), "{t}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let out = peixun(&json_args);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["voucher"], Value::Null);
    assert_eq!(v["unverified"]["fields"]["face_value"]["yuan"], "10019.68");
    assert!(v["failures"][0].get("rule_id").is_none());
}

#[test]
fn cli_issue_refuses_bad_input() {
    let dir = TempDir::new("issue-errors");
    let out = peixun(&[
        "keygen",
        "--out",
        &dir.path("out"),
        "--key-id",
        "k1",
        "--holder-key",
    ]);
    assert_eq!(out.status.code(), Some(VALID), "{}", text(&out));
    let key = dir.path("out/k1.private.json");
    // A default voucher ID is made when none is given.
    let out = run(&issue_args(&dir, &key, &["--json"]));
    assert_eq!(out.status.code(), Some(VALID), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["voucher"]["voucher_id"]
        .as_str()
        .unwrap()
        .starts_with("V20240220-"));
    assert_eq!(v["voucher"]["face_value"]["kind"], "per_policy");
    for (extra, code) in [
        (vec!["--major", "烹饪"], "input.invalid_value"),
        (vec!["--valid-until", "2023-12-31"], "issue.invalid_payload"),
        (vec!["--valid-from", "2024-02-30"], "input.invalid_date"),
        (vec!["--face-value", "12.345"], "money.too_precise"),
        (
            vec!["--institution", "52210200MA0XY7K33X"],
            "uscc.check_character",
        ),
        (vec!["--id", "has space"], "issue.invalid_payload"),
    ] {
        // Later flags win over the defaults in issue_args.
        let mut args = issue_args(&dir, &key, &["--json"]);
        for pair in extra.chunks(2) {
            let i = args.iter().position(|a| a == pair[0]);
            match i {
                Some(i) => args[i + 1] = pair[1].to_owned(),
                None => args.extend(pair.iter().map(|s| s.to_string())),
            }
        }
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(BAD_INPUT),
            "{extra:?}: {}",
            text(&out)
        );
        assert!(
            text(&out).contains(code),
            "{extra:?}: want {code}: {}",
            text(&out)
        );
    }
    // A policy that is not loaded.
    let mut args = issue_args(&dir, &key, &[]);
    let i = args.iter().position(|a| a == "--policy").unwrap();
    args[i + 1] = "nowhere".into();
    assert!(text(&run(&args)).contains("input.unknown_policy"));
    // A public key set is not a private key.
    let out = run(&issue_args(&dir, &dir.path("out/keys.json"), &[]));
    assert_eq!(out.status.code(), Some(BAD_INPUT));
    assert!(text(&out).contains("issue.bad_key_file"));
}

#[test]
fn cli_replay() {
    let dir = TempDir::new("replay");
    let log = dir.path("log.json");
    let h = HolderHash([3; 16]).to_hex();
    std::fs::write(
        &log,
        format!(
            r#"[{{"event_id": "1", "voucher_id": "V1", "kind": "apply", "holder": "{h}"}},
               {{"event_id": "2", "voucher_id": "V1", "kind": "issue"}}]"#
        ),
    )
    .unwrap();
    let out = peixun(&[
        "voucher",
        "replay",
        &log,
        "--policy",
        "jinzhong-2023-skills-shanxi",
    ]);
    assert_eq!(out.status.code(), Some(VALID), "{}", text(&out));
    assert!(text(&out).contains("已发放 issued"), "{}", text(&out));
    std::fs::write(
        &log,
        format!(
            r#"[{{"event_id": "1", "voucher_id": "V1", "kind": "apply", "holder": "{h}"}},
               {{"event_id": "2", "voucher_id": "V1", "kind": "write_off"}}]"#
        ),
    )
    .unwrap();
    let out = peixun(&[
        "voucher",
        "replay",
        &log,
        "--policy",
        "jinzhong-2023-skills-shanxi",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(INVALID), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "lifecycle.invalid_transition");
    assert_eq!(v["error"]["path"], "$.events[1]");
    let out = peixun(&[
        "voucher",
        "replay",
        &dir.path("missing.json"),
        "--policy",
        "jinzhong-2023-skills-shanxi",
    ]);
    assert_eq!(out.status.code(), Some(BAD_INPUT));
}
