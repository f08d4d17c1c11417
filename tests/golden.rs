//! The golden corpus: every case's hand-written expectations, and its output
//! byte for byte. See tests/golden/README.md.

mod golden_files;

use std::path::{Path, PathBuf};

use peixun::engine::Engine;
use serde_json::Value;

fn cases() -> Vec<PathBuf> {
    golden_files::case_files()
}

/// Every object in the output that names a rule: findings at any depth (a
/// claim's trainees and lines included) and deadlines.
fn ruled(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            if m.contains_key("rule_id") {
                out.push(v.clone());
            }
            for x in m.values() {
                ruled(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| ruled(x, out)),
        _ => {}
    }
}

/// Checks the hand-written `expect` block against the output; returns what differs.
fn check_expect(expect: &Value, output: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(err) = expect.get("error") {
        for key in ["code", "path"] {
            if let Some(want) = err.get(key) {
                let got = output.pointer(&format!("/error/{key}"));
                if got != Some(want) {
                    problems.push(format!("error.{key}: want {want}, got {got:?}"));
                }
            }
        }
        check_fields(expect, output, &mut problems);
        return problems;
    }
    if output.get("error").is_some() {
        problems.push(format!("unexpected error {}", output["error"]));
        return problems;
    }
    if let Some(want) = expect.get("decision") {
        if output.get("decision") != Some(want) {
            problems.push(format!(
                "decision: want {want}, got {:?}",
                output.get("decision")
            ));
        }
    }
    let mut findings = Vec::new();
    ruled(output, &mut findings);
    let findings: Vec<Value> = findings
        .into_iter()
        .filter(|f| f.get("status").is_some())
        .collect();
    if let Some(statuses) = expect.get("statuses").and_then(Value::as_object) {
        for (rule, want) in statuses {
            // "DL-E1" names every finding of the rule; "LC-S1@#2" one subject's;
            // "LC-S1@" the finding about the applicant itself (no subject).
            let (rule_id, subject) = match rule.split_once('@') {
                Some((r, s)) => (r, Some(s)),
                None => (rule.as_str(), None),
            };
            let got: Vec<&Value> = findings
                .iter()
                .filter(|f| f["rule_id"] == rule_id)
                .filter(|f| match subject {
                    None => true,
                    Some("") => f.get("subject").is_none(),
                    Some(s) => f["subject"] == s,
                })
                .map(|f| &f["status"])
                .collect();
            if got.is_empty() {
                problems.push(format!("{rule}: no finding"));
            } else if got.iter().any(|g| *g != want) {
                problems.push(format!("{rule}: want {want}, got {got:?}"));
            }
        }
    }
    let mut all = Vec::new();
    ruled(output, &mut all);
    if let Some(absent) = expect.get("absent").and_then(Value::as_array) {
        for rule in absent {
            if all.iter().any(|f| &f["rule_id"] == rule) {
                problems.push(format!("{rule}: expected no finding"));
            }
        }
    }
    if let Some(messages) = expect.get("messages").and_then(Value::as_object) {
        for (rule, want) in messages {
            // "DL-P5" matches any finding, line or deadline of the rule; the
            // wanted text may be one message or a list of them.
            let wants: Vec<&Value> = match want {
                Value::Array(items) => items.iter().collect(),
                w => vec![w],
            };
            for want in wants {
                let found = all.iter().any(|f| {
                    f["rule_id"] == rule.as_str()
                        && (f["message_zh"] == *want || f["message_en"] == *want)
                });
                if !found {
                    problems.push(format!("{rule}: no finding with message {want}"));
                }
            }
        }
    }
    check_fields(expect, output, &mut problems);
    problems
}

/// The `fields` of an `expect` block (`"a.0.b": value`), for answers and errors alike.
fn check_fields(expect: &Value, output: &Value, problems: &mut Vec<String>) {
    if let Some(fields) = expect.get("fields").and_then(Value::as_object) {
        for (pointer, want) in fields {
            let got = output.pointer(&format!("/{}", pointer.replace('.', "/")));
            if got != Some(want) {
                problems.push(format!("{pointer}: want {want}, got {got:?}"));
            }
        }
    }
}

/// A fresh copy of the built-in engine with the case's `policies` loaded (each
/// a policy file of the repository, loaded with `policy.load` as a deployment
/// loads its own), or `None` when the case names none.
fn deployment_engine(engine: &Engine, case: &Value, name: &str) -> Option<Engine> {
    let files = case.get("policies")?.as_array()?;
    let mut e = engine.clone();
    for f in files {
        let rel = f
            .as_str()
            .unwrap_or_else(|| panic!("{name}: policies are paths"));
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {rel}: {e}"));
        let request = serde_json::json!({ "text": text }).to_string();
        let out = e.handle_mut_to_json("policy.load", &request);
        assert!(!out.contains("\"error\""), "{name}: loading {rel}: {out}");
    }
    Some(e)
}

#[test]
fn golden_corpus() {
    let engine = Engine::new().expect("built-in engine");
    let bless = std::env::var_os("PEIXUN_BLESS").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in cases() {
        count += 1;
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let operation = case["operation"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no operation"));
        // A request given as a string is passed as is (for malformed-input cases).
        let request = match &case["request"] {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        // An operation that changes the engine runs on a fresh copy, so that
        // every case starts from the built-in engine; so does a case that first
        // loads a deployment's policy files (`policies`).
        let setup = deployment_engine(&engine, &case, &name);
        let output = match setup {
            Some(mut e) => e.handle_mut_to_json(operation, &request),
            None if peixun::api::changes_engine(operation) => {
                engine.clone().handle_mut_to_json(operation, &request)
            }
            None => engine.handle_to_json(operation, &request),
        };
        let output_value: Value = serde_json::from_str(&output).unwrap();
        for p in check_expect(&case["expect"], &output_value) {
            failures.push(format!("{name}: {p}"));
        }
        if bless {
            case["output"] = output_value;
            std::fs::write(&path, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
        } else {
            let want = peixun::canonical::value_to_string(&case["output"]);
            if want != output {
                failures.push(format!(
                    "{name}: output differs\n  want {want}\n  got  {output}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count >= 50, "only {count} golden cases");
}
