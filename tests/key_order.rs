//! The types of the eligibility answer declare their fields in key order, so
//! that canonical JSON (sorted keys) takes them as serde gives them and has
//! nothing to reorder (src/report.rs). serde_json writes fields in
//! declaration order; where that equals the canonical text, the order holds.
//! A field added out of order fails here (the answer would still be right,
//! only slower to write).

use peixun::engine::Engine;

fn declared_and_canonical(verdict: &peixun::report::Verdict) -> (String, String) {
    (
        serde_json::to_string(verdict).unwrap(),
        peixun::canonical::to_string(verdict),
    )
}

fn applicant(case: &str) -> (String, String) {
    let text = std::fs::read_to_string(format!(
        "{}/tests/golden/{case}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let case: serde_json::Value = serde_json::from_str(&text).unwrap();
    let request = &case["request"];
    (
        request["policy"].as_str().unwrap().to_owned(),
        request["applicant"].to_string(),
    )
}

#[test]
fn a_verdict_with_findings_and_facts_is_written_in_declaration_order() {
    let engine = Engine::new().unwrap();
    let (policy, applicant) = applicant("dalian/02-phone-self-check-needs-review");
    let verdict = engine.check_eligibility(&policy, &applicant).unwrap();
    assert!(verdict.findings.iter().any(|f| !f.facts.is_empty()));
    let (declared, canonical) = declared_and_canonical(&verdict);
    assert_eq!(declared, canonical);
}

#[test]
fn a_verdict_with_subjects_assumptions_and_subject_findings_too() {
    let engine = Engine::new().unwrap();
    let (policy, applicant) = applicant("liaocheng/01-small-enterprise-new-workers");
    let mut verdict = engine.check_eligibility(&policy, &applicant).unwrap();
    assert!(!verdict.subjects.is_empty());
    assert!(verdict.findings.iter().any(|f| f.subject.is_some()));
    // Assumptions come with unpublished calendar years; set one here so the
    // field is written.
    verdict.findings[0]
        .assumptions
        .push("2027 taken as weekends-only".into());
    let (declared, canonical) = declared_and_canonical(&verdict);
    assert_eq!(declared, canonical);
}
