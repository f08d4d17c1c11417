//! `--policy-file` on every command that reads a policy: each run with a
//! deployment file whose figures differ from the shipped ones, and each shows
//! the deployment's figures (and without the file, the shipped ones).

mod cli_support;

use std::path::{Path, PathBuf};

use cli_support::{peixun, peixun_stdin, text};
use serde_json::Value;

const DL: &str = "dalian-2023-major-conversion";
const FS: &str = "fushun-2024-major-conversion";
const DEPLOYMENT: &str = "examples/policies/dalian-deployment-example.toml";
const CLAIM: &str = "examples/claims/dalian-claim.json";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A fresh directory for one test's files.
fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("peixun-policy-file-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// `text` with `from` replaced by `to`, which must occur in it.
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not found");
    text.replacen(from, to, 1)
}

/// The head of a deployment file over a shipped policy: the policy's ID and
/// titles, extending it, with its source.
fn deployment_header(policy: &str) -> String {
    let shipped = read(&format!("policies/{policy}.toml"));
    let field = |name: &str| {
        shipped
            .lines()
            .find(|l| l.starts_with(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("{policy}: no {name}"))
            .to_owned()
    };
    let source_start = shipped.find("\n[source]\n").unwrap() + 1;
    let source: String = shipped[source_start..]
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    format!(
        "id = \"{policy}\"\nversion = \"local-deployment\"\n{}\n{}\nextends = \"{policy}\"\n\n{source}",
        field("title_zh"),
        field("title_en"),
    )
}

/// A deployment file over a shipped policy that redefines one of its rules:
/// the rule as the shipped file has it, with `from` replaced by `to`.
fn redefine(policy: &str, rule_id: &str, from: &str, to: &str) -> String {
    let shipped = read(&format!("policies/{policy}.toml"));
    // The rule's block: from its `[[rules]]` to the next top-level table.
    let block = shipped
        .split("\n[[rules]]\n")
        .skip(1)
        .find(|b| b.starts_with(&format!("id = \"{rule_id}\"")))
        .unwrap_or_else(|| panic!("{policy}: no rule {rule_id}"));
    let rule: String = block
        .lines()
        .take_while(|l| !l.starts_with('[') || l.starts_with("[rules"))
        .map(|l| format!("{l}\n"))
        .collect();
    format!(
        "{}\n[[rules]]\n{}",
        deployment_header(policy),
        replaced(&rule, from, to)
    )
}

/// The Dalian deployment example with its 软件系统操作 rates lowered to 1650.00
/// and 1100.00 (inside the notice's ranges), and the example claim claiming
/// what they give: #1 1650.00 × 4 + 200.00 = 6800.00, #2 1100.00 × 4 + 100.00
/// = 4500.00, total 11300.00.
fn lowered_rates(dir: &Path) -> (String, String) {
    let text = read(DEPLOYMENT).replacen(
        "[rules.params.rates.value.\"软件系统操作\"]\nqualification = \"1800.00\"\nspecial_ability = \"1200.00\"",
        "[rules.params.rates.value.\"软件系统操作\"]\nqualification = \"1650.00\"\nspecial_ability = \"1100.00\"",
        1,
    );
    assert_ne!(text, read(DEPLOYMENT));
    let deployment = write(dir, "dalian-lowered.toml", &text);
    let mut claim: Value = serde_json::from_str(&read(CLAIM)).unwrap();
    claim["trainees"][0]["claimed"]["DL-S1"] = "6600.00".into();
    claim["trainees"][1]["claimed"]["DL-S1"] = "4400.00".into();
    claim["claimed_total"] = "11300.00".into();
    (
        deployment,
        write(dir, "claim-lowered.json", &claim.to_string()),
    )
}

#[test]
fn claim_verify_decides_on_the_deployments_rates() {
    let dir = temp("claim");
    let (deployment, claim) = lowered_rates(&dir);
    let out = peixun(&["claim", "verify", "--policy-file", &deployment, &claim]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("1650.00 元 × 4 个月 = 6600.00 元"), "{s}");
    assert!(s.contains("复核总额 recomputed total: 11300.00 元"), "{s}");
    // The flag after the subcommand's own arguments, the claim on standard
    // input, as JSON.
    let out = peixun_stdin(
        &[
            "claim",
            "verify",
            "-",
            "--json",
            "--policy-file",
            &deployment,
        ],
        &std::fs::read_to_string(&claim).unwrap(),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trainees"][1]["lines"][0]["amount"], "4400.00");
    assert_eq!(v["policy"]["version"], "2023.1+deployment-example");
    // The deployment example's own rates: the same claim is 1000.00 off.
    let out = peixun(&["claim", "verify", "--policy-file", DEPLOYMENT, &claim]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("复核总额 recomputed total: 12300.00 元"));
}

#[test]
fn publicity_lists_the_deployments_amounts() {
    let dir = temp("publicity");
    let (deployment, claim) = lowered_rates(&dir);
    let out = peixun(&[
        "publicity",
        &claim,
        "--start",
        "2024-02-08",
        "--json",
        "--policy-file",
        &deployment,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"][0]["amount"], "6800.00");
    assert_eq!(v["rows"][1]["amount"], "4500.00");
    assert_eq!(v["total"], "11300.00");
    // The CSV carries the same figures.
    let csv = dir.join("list.csv");
    let out = peixun(&[
        "publicity",
        &claim,
        "--start",
        "2024-02-08",
        "--policy-file",
        &deployment,
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let csv = std::fs::read_to_string(csv).unwrap();
    assert!(csv.contains("6800.00") && csv.contains("4500.00"), "{csv}");
    // Without the deployment's file the shipped rates are examples: nothing
    // is listed as payable, and the list says the claim needs review.
    let out = peixun(&["publicity", &claim, "--start", "2024-02-08", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], "0.00");
}

#[test]
fn batch_verify_uses_the_deployments_rates() {
    let dir = temp("verify");
    let (deployment, claim) = lowered_rates(&dir);
    let out = peixun(&["verify", "--json", "--policy-file", &deployment, &claim]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["decision"], "accept");
    assert_eq!(v["files"][0]["recomputed_total"], "11300.00");
}

#[test]
fn deadlines_plan_counts_the_deployments_days() {
    // A deployment filing 7 working days before the opening instead of 5:
    // before Monday 2023-10-09, the make-up working days 10-08 (Sunday) and
    // 10-07 (Saturday) count 1 and 2, 09-29..10-06 are the National Day
    // holiday, then 09-28, 09-27, 09-26, 09-25 and 09-22 count 3 to 7.
    let dir = temp("plan");
    let file = write(
        &dir,
        "dalian-filing.toml",
        &redefine(
            DL,
            "DL-P5",
            "working_days_before = 5",
            "working_days_before = 7",
        ),
    );
    let plan = "examples/claims/dalian-class-plan.json";
    let out = peixun(&["deadlines", "plan", plan]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("2023-09-26  DL-P5"));
    let out = peixun(&["deadlines", "plan", "--policy-file", &file, plan, "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let filing = v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule_id"] == "DL-P5")
        .unwrap();
    assert_eq!(filing["date"], "2023-09-22");
    // The class filed on 2023-09-25: late under the deployment's rule.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

#[test]
fn eligibility_checks_the_deployments_years() {
    let dir = temp("eligibility");
    let file = write(
        &dir,
        "dalian-years.toml",
        &redefine(
            DL,
            "DL-E3",
            "left_school_years = [2021, 2022, 2023]",
            "left_school_years = [2021, 2022]",
        ),
    );
    let applicant = "examples/applicants/graduate-phone.json"; // left school in 2023
    let args = |extra: &[&str]| {
        let mut a = vec!["eligibility", "--policy", DL, "--json", applicant];
        a.extend_from_slice(extra);
        a.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        peixun(&refs)
    };
    let shipped: Value = serde_json::from_slice(&run(args(&[])).stdout).unwrap();
    let e3 = |v: &Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == "DL-E3")
            .unwrap()
            .clone()
    };
    assert_eq!(e3(&shipped)["status"], "pass");
    let out = run(args(&["--policy-file", &file]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let local: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(local["decision"], "ineligible");
    assert_eq!(e3(&local)["status"], "fail");
    assert!(
        e3(&local)["message_zh"]
            .as_str()
            .unwrap()
            .contains("2021、2022"),
        "{}",
        e3(&local)
    );
}

#[test]
fn attendance_and_punch_check_use_the_deployments_figures() {
    let dir = temp("attendance");
    let class = "examples/attendance/fushun-class-first-two-weeks.json";
    // FS-A1's rate raised to 96%: T02 (95.00%) falls below it.
    let rate = write(
        &dir,
        "fushun-rate.toml",
        &redefine(FS, "FS-A1", "min_rate = \"0.90\"", "min_rate = \"0.96\""),
    );
    let out = peixun(&["attendance", class, "--json", "--policy-file", &rate]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let t02 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "FS-A1" && f["subject"] == "T02")
        .unwrap();
    assert_ne!(t02["status"], "pass", "{t02}");
    assert!(
        t02["message_en"].as_str().unwrap().contains("96.00%"),
        "{t02}"
    );
    let shipped = text(&peixun(&["attendance", class]).stdout);
    assert!(shipped.contains("不低于90.00%"), "{shipped}");

    // FS-A2's sign-in window opened 45 minutes before a session instead of
    // 30: at 07:59 the 08:30 session's window (07:45) is open.
    let window = write(
        &dir,
        "fushun-window.toml",
        &redefine(
            FS,
            "FS-A2",
            "sign_in_before_minutes = 30",
            "sign_in_before_minutes = 45",
        ),
    );
    let punch = [
        "punch-check",
        class,
        "--trainee",
        "T01",
        "--kind",
        "sign-in",
        "--at",
        "2024-03-18T07:59:00+08:00",
        "--method",
        "face-device",
    ];
    assert_eq!(peixun(&punch).status.code(), Some(1), "not yet under FS-A2");
    let mut with = punch.to_vec();
    with.extend(["--policy-file", window.as_str()]);
    let out = peixun(&with);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("07:45"), "{}", text(&out.stdout));
}

#[test]
fn policy_list_and_show_show_the_deployment() {
    let dir = temp("policy");
    let (deployment, _) = lowered_rates(&dir);
    let county = "examples/policies/jinzhong-county-deployment-example.toml";
    // Two files, in order.
    let out = peixun(&[
        "policy",
        "list",
        "--json",
        "--policy-file",
        &deployment,
        "--policy-file",
        county,
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let version = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["version"]
            .clone()
    };
    assert_eq!(version(DL), "2023.1+deployment-example");
    assert_eq!(
        version("jinzhong-2023-skills-shanxi"),
        "2023.1+county-deployment-example"
    );
    let out = peixun(&["policy", "show", DL, "--json", "--policy-file", &deployment]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s1 = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "DL-S1")
        .unwrap();
    // A rule's parameters sit under the name of its kind.
    let rates = &s1["monthly_subsidy_by_certificate"]["rates"];
    assert_eq!(
        rates["value"]["软件系统操作"]["qualification"], "1650.00",
        "{s1}"
    );
    assert_eq!(rates["example"], false);
}

#[test]
fn voucher_commands_read_the_deployments_rules() {
    let dir = temp("voucher");
    // replay: the county's JZ-V1 asks a certificate at redemption; the city
    // plan's does not.
    let h = "3c570d4ca45ea2c69595b23be6694364";
    let log = serde_json::json!([
        {"event_id": "e1", "voucher_id": "V1", "kind": "apply", "holder": h},
        {"event_id": "e2", "voucher_id": "V1", "kind": "issue"},
        {"event_id": "e3", "voucher_id": "V1", "kind": "claim"},
        {"event_id": "e4", "voucher_id": "V1", "kind": "check_in"},
        {"event_id": "e5", "voucher_id": "V1", "kind": "evaluate", "certificate": false},
        {"event_id": "e6", "voucher_id": "V1", "kind": "redeem"},
    ]);
    let events = write(&dir, "events.json", &log.to_string());
    let replay = [
        "voucher",
        "replay",
        events.as_str(),
        "--policy",
        "jinzhong-2023-skills-shanxi",
    ];
    assert_eq!(peixun(&replay).status.code(), Some(0));
    let mut with = replay.to_vec();
    with.extend([
        "--policy-file",
        "examples/policies/jinzhong-county-deployment-example.toml",
    ]);
    let out = peixun(&with);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("lifecycle.no_certificate"));

    // verify: a district's own lifecycle rule for Dalian vouchers is cited
    // for an expired one; without it, Dalian has no such rule.
    let case: Value =
        serde_json::from_str(&read("tests/golden/vouchers/13-verify-expired.json")).unwrap();
    let keys = write(&dir, "keys.json", &case["request"]["keys"].to_string());
    let token = case["request"]["token"].as_str().unwrap();
    let district = format!(
        "{}\n[[rules]]\nid = \"DL-V1\"\nclause = \"第三条\"\nroles = [\"state_machine\"]\nkind = \"voucher_lifecycle\"\n\
         quote_zh = \"电子培训券在有效期内使用\"\nparams = {{ one_active_per_person = true, redeem_requires = [\"certificate\"], \
         claim_before_training = true, training_before_evaluation = true }}\n\
         messages.summary = {{ zh = \"电子培训券在有效期内使用\", en = \"a voucher is used within its validity\" }}\n\
         [rules.source]\nseed = \"district-voucher-rules\"\ntitle_zh = \"某区电子培训券管理办法\"\n",
        deployment_header(DL)
    );
    let district = write(&dir, "dalian-district.toml", &district);
    let verify = [
        "voucher",
        "verify",
        token,
        "--keys",
        keys.as_str(),
        "--at",
        "2025-01-01T00:00:00+08:00",
        "--json",
    ];
    let out = peixun(&verify);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["failures"][0].get("rule_id").is_none());
    assert!(v["failures"][0]["no_rule"].is_object());
    let mut with = verify.to_vec();
    with.extend(["--policy-file", district.as_str()]);
    let out = peixun(&with);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["failures"][0]["rule_id"], "DL-V1");
    assert_eq!(
        v["failures"][0]["citation"]["document"],
        "某区电子培训券管理办法"
    );

    // issue: a deployment that trains a major the notice does not list.
    let keydir = dir.join("keys");
    let out = peixun(&[
        "keygen",
        "--out",
        keydir.to_str().unwrap(),
        "--key-id",
        "k1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let private = keydir.join("k1.private.json");
    let issue = [
        "voucher",
        "issue",
        "--key",
        private.to_str().unwrap(),
        "--holder",
        h,
        "--policy",
        DL,
        "--major",
        "人工智能训练",
        "--valid-from",
        "2024-03-01",
        "--valid-until",
        "2024-12-31",
        "--at",
        "2024-02-20T09:30:00+08:00",
        "--id",
        "DL-AI-1",
    ];
    let out = peixun(&issue);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("$.major"));
    let majors = write(
        &dir,
        "dalian-majors.toml",
        &redefine(
            DL,
            "DL-M1",
            "\"新能源汽车维护\"",
            "\"新能源汽车维护\", \"人工智能训练\"",
        ),
    );
    let mut with = issue.to_vec();
    with.extend(["--policy-file", majors.as_str()]);
    let out = peixun(&with);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("人工智能训练"));
}

#[test]
fn a_file_that_fails_the_lint_stops_the_command_naming_it() {
    let dir = temp("bad");
    let bad = write(
        &dir,
        "bad.toml",
        &read(DEPLOYMENT).replacen(
            "qualification = \"1800.00\"",
            "qualification = \"2100.00\"",
            1,
        ),
    );
    for args in [
        vec!["claim", "verify", CLAIM, "--policy-file", bad.as_str()],
        vec![
            "deadlines",
            "plan",
            "examples/claims/dalian-class-plan.json",
            "--policy-file",
            bad.as_str(),
        ],
        vec!["policy", "list", "--policy-file", bad.as_str()],
        vec![
            "voucher",
            "replay",
            "x.json",
            "--policy",
            DL,
            "--policy-file",
            bad.as_str(),
        ],
    ] {
        let out = peixun(&args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("[policy.rate_out_of_range]"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(&format!("policy file {bad}")),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: nothing runs");
    }
    // As JSON when the command answers in JSON.
    let out = peixun(&[
        "publicity",
        CLAIM,
        "--start",
        "2024-02-08",
        "--json",
        "--policy-file",
        &bad,
    ]);
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["code"], "policy.rate_out_of_range");
    // A file that cannot be read.
    let out = peixun(&["policy", "list", "--policy-file", "no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("cli.read_failed"));
}

#[test]
fn commands_that_read_no_policy_take_no_policy_file() {
    for args in [
        vec!["calendar", "is-workday", "2023-10-07"],
        vec!["id", "check", "11010519491231002X"],
    ] {
        let mut a = args.clone();
        a.extend(["--policy-file", DEPLOYMENT]);
        assert_eq!(peixun(&a).status.code(), Some(3), "{a:?} refuses the flag");
        assert_ne!(peixun(&args).status.code(), Some(3), "{args:?}");
    }
}
