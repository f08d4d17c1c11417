//! DL-P5's class size counted on the class, not the claim's rows, and FS-A1's
//! last opening (七(二)2 "最后一次开班时间为12月末") checked on the opening day.

use peixun::engine::Engine;
use peixun::report::{Finding, Status};
use serde_json::Value;

fn fifty() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/claims/dalian-50-trainees.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The claim-level DL-P5 finding about the class size (`trainees` among its facts).
fn size_findings(report: &peixun::rules::claim::ClaimReport) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.rule_id == "DL-P5" && f.message_en.contains("per class"))
        .collect()
}

#[test]
fn a_class_stated_at_51_fails_the_cap_though_the_claim_lists_50() {
    // 四(二) "每班最多不超过50人": the 50 listed (those with certificates) are not
    // the class when the class itself is stated at 51.
    let engine = Engine::new().unwrap();
    let mut claim = fifty();
    assert_eq!(claim["trainees"].as_array().unwrap().len(), 50);
    let report = engine.verify_claim(&claim.to_string()).unwrap();
    let size = size_findings(&report);
    assert_eq!(size.len(), 1);
    assert_eq!(size[0].status, Status::Pass);
    assert_eq!(size[0].message_en, "50 trainees, within 50 per class");

    claim["class"]["trainees"] = 51.into();
    let report = engine.verify_claim(&claim.to_string()).unwrap();
    let size = size_findings(&report);
    assert_eq!(size.len(), 1, "{:?}", report.findings);
    assert_eq!(size[0].status, Status::Fail);
    assert_eq!(size[0].message_zh, "每班 51 人，超过 50 人上限");
    assert_eq!(size[0].facts.get("stated_trainees"), Some(&Value::from(51)));
    assert_eq!(size[0].facts.get("roster_trainees"), Some(&Value::from(50)));
    assert_eq!(report.decision, peixun::rules::claim::ClaimDecision::Reject);
}

#[test]
fn a_roster_longer_than_the_stated_size_is_a_finding_of_its_own() {
    let engine = Engine::new().unwrap();
    let mut claim = fifty();
    claim["class"]["trainees"] = 49.into();
    let report = engine.verify_claim(&claim.to_string()).unwrap();
    let contradiction: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| {
            f.rule_id == "DL-P5" && f.facts.get("stated_trainees") == Some(&Value::from(49))
        })
        .filter(|f| f.message_en.contains("contradict"))
        .collect();
    assert_eq!(contradiction.len(), 1, "{:?}", report.findings);
    assert_eq!(contradiction[0].status, Status::Fail);
    assert_eq!(
        contradiction[0].message_en,
        "the roster lists 50 distinct trainees, more than the class size stated, 49: the two contradict each other; the class is checked at the larger, 50"
    );
    // The cap itself is checked at 50: within it.
    assert_eq!(size_findings(&report)[0].status, Status::Pass);
    // A stated size at least the roster's is no contradiction.
    claim["class"]["trainees"] = 50.into();
    let report = engine.verify_claim(&claim.to_string()).unwrap();
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule_id == "DL-P5" && f.message_en.contains("contradict")));
}

#[test]
fn fushun_last_opening_is_in_the_programme_s_first_year() {
    // "最后一次开班时间为12月末" names no year. The shipped policy sets no
    // period in force: the opening day is unknown and no deadline is shown.
    // A deployment that sets the period (from 2024) and an earlier day (12-20)
    // fails a later opening, and the planner shows the day.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/fushun-2024-major-conversion.toml"
    ))
    .unwrap();
    let class = r#"{"policy": "fushun-2024-major-conversion",
                    "class": {"start": "2024-12-23", "end": "2025-03-28"}}"#;
    let shipped = Engine::new().unwrap().plan_deadlines(class).unwrap();
    let opening = shipped
        .findings
        .iter()
        .find(|f| f.rule_id == "FS-A1")
        .unwrap();
    assert_eq!(opening.status, Status::Unknown);
    assert!(!shipped.deadlines.iter().any(|d| d.rule_id == "FS-A1"));

    assert_eq!(text.matches("last_opening = \"12-31\"").count(), 1);
    assert_eq!(text.matches("\nversion = ").count(), 1);
    let deployed = text
        .replace("last_opening = \"12-31\"", "last_opening = \"12-20\"")
        .replace(
            "\nversion = ",
            "\nin_force = { from = \"2024-01-01\", until = \"2025-12-31\" }\nversion = ",
        );
    let mut engine = Engine::new().unwrap();
    engine.load_policy(&deployed).unwrap();
    let plan = engine.plan_deadlines(class).unwrap();
    let opening = plan.findings.iter().find(|f| f.rule_id == "FS-A1").unwrap();
    assert_eq!(opening.status, Status::Fail);
    assert_eq!(
        opening.message_en,
        "opens on 2024-12-23, after the last opening on 2024-12-20 (“最后一次开班时间为12月末”: the end of December of 2024, the first year this policy is in force)"
    );
    let deadline = plan
        .deadlines
        .iter()
        .find(|d| d.rule_id == "FS-A1")
        .unwrap();
    assert_eq!(deadline.date.unwrap().to_string(), "2024-12-20");
    assert_eq!(
        deadline.message_zh,
        "最后一次开班时间为 2024-12-20（星期五；按本政策施行的首个年度计）"
    );
}
