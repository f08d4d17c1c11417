//! A finding's facts are the facts its kind declares (`RuleKind::fact_names`,
//! which the lint holds every message template to), so a message can name
//! whatever a finding carries and nothing it does not. Read from every finding
//! and deadline the golden corpus records, under the policies the case loads.

mod golden_files;

use std::path::Path;

use peixun::engine::Engine;
use peixun::policy::parameters::GAP_FACTS;
use serde_json::Value;

/// Every object in the output that names a rule and carries facts.
fn ruled<'v>(v: &'v Value, out: &mut Vec<&'v Value>) {
    match v {
        Value::Object(m) => {
            if m.contains_key("rule_id") && m.get("facts").is_some_and(Value::is_object) {
                out.push(v);
            }
            m.values().for_each(|x| ruled(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| ruled(x, out)),
        _ => {}
    }
}

#[test]
fn every_fact_a_finding_carries_is_declared_by_its_kind() {
    let base = Engine::new().unwrap();
    let mut problems = std::collections::BTreeSet::new();
    let mut checked = 0usize;
    for path in golden_files::case_files() {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(id) = case["output"]["policy"]["id"].as_str() else {
            continue;
        };
        let mut engine = base.clone();
        for rel in case["policies"].as_array().into_iter().flatten() {
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(rel.as_str().unwrap()),
            )
            .unwrap();
            engine.load_policy(&text).unwrap();
        }
        let Ok(policy) = engine.policy(id) else {
            continue;
        };
        let mut found = Vec::new();
        ruled(&case["output"], &mut found);
        for f in found {
            let rule_id = f["rule_id"].as_str().unwrap();
            let Some(rule) = policy.rule(rule_id) else {
                continue;
            };
            let declared = rule.kind.fact_names();
            for key in f["facts"].as_object().unwrap().keys() {
                checked += 1;
                if !declared.contains(&key.as_str()) && !GAP_FACTS.contains(&key.as_str()) {
                    problems.insert(format!("{} ({rule_id}): `{key}`", rule.kind.name()));
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} facts checked");
    assert!(
        problems.is_empty(),
        "facts carried but not declared by their kind:\n{}",
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}
