//! No yes rests on a deployment parameter that is not set.
//!
//! Every `Deployment` parameter of every shipped policy, of every deployment
//! example under `examples/policies/` and of every programme there that is not
//! a shipped one (the example city's) is turned, one at a time, into an example
//! value and into no value; every golden case about that policy is run again,
//! and no finding or line of the rule may pass. The walk must mean something:
//! for every rule kind that has such a parameter and gives findings in the
//! corpus, some case passes with the parameter set and does not once it is not.

mod golden_files;

use std::path::{Path, PathBuf};

use peixun::engine::Engine;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

struct Case {
    name: String,
    operation: String,
    request: String,
    /// The policy the request names.
    policy: Option<String>,
    /// Texts of the deployment files the case loads first.
    policies: Vec<String>,
}

fn cases() -> Vec<Case> {
    golden_files::case_files()
        .into_iter()
        .map(|path| {
            let c: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let request = match &c["request"] {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let policy = c["request"]
                .get("policy")
                .or_else(|| c["request"].get("claim").and_then(|x| x.get("policy")))
                .and_then(Value::as_str)
                .map(str::to_owned);
            let policies = c
                .get("policies")
                .and_then(Value::as_array)
                .map(|files| {
                    files
                        .iter()
                        .map(|f| {
                            std::fs::read_to_string(Path::new(ROOT).join(f.as_str().unwrap()))
                                .unwrap()
                        })
                        .collect()
                })
                .unwrap_or_default();
            Case {
                name: path.strip_prefix(ROOT).unwrap().display().to_string(),
                operation: c["operation"].as_str().unwrap().to_owned(),
                request,
                policy,
                policies,
            }
        })
        .collect()
}

/// A `Deployment` parameter as written in a policy file: an object with a
/// `source` and an `example` flag or a `value`.
fn is_deployment(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        m.contains_key("source")
            && (m.contains_key("example") || m.contains_key("value"))
            && m.keys()
                .all(|k| ["source", "example", "value"].contains(&k.as_str()))
    })
}

/// The JSON pointers (below the file's root) of every deployment parameter, by rule.
fn deployment_params(policy: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, rule) in policy["rules"].as_array().into_iter().flatten().enumerate() {
        let id = rule["id"].as_str().unwrap().to_owned();
        if let Some(params) = rule.get("params").and_then(Value::as_object) {
            for (name, v) in params {
                if is_deployment(v) {
                    out.push((id.clone(), format!("/rules/{i}/params/{name}")));
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy, Debug)]
enum Flip {
    Example,
    Unset,
}

fn flipped(policy: &Value, pointer: &str, flip: Flip) -> Value {
    let mut p = policy.clone();
    let d = p.pointer_mut(pointer).unwrap().as_object_mut().unwrap();
    match flip {
        Flip::Example => {
            d.insert("example".into(), Value::Bool(true));
        }
        Flip::Unset => {
            d.remove("value");
        }
    }
    p
}

fn load(engine: &mut Engine, text: &str, what: &str) {
    let out = engine.handle_mut_to_json(
        "policy.load",
        &serde_json::json!({ "text": text }).to_string(),
    );
    assert!(!out.contains("\"error\""), "{what}: {out}");
}

/// Deployment parameters that decide one part of their rule only. The rule's
/// findings name their part (the fact `part`); the findings of its other parts
/// rest on no deployment parameter and may pass whatever the parameter's state,
/// so only the findings of the part it decides are looked at (and a finding
/// that names no part counts as that part).
const PARTS: &[(&str, &str, &str)] = &[
    // FS-A1 (七(二)2): the per-major months decide the duration; the working
    // days, the lessons, the last opening and each trainee's rate rest on the
    // seed's own numbers.
    ("training_standard", "per_major", "duration"),
];

/// The part of its rule a parameter decides, if it decides only one.
fn decided_part(kind: &str, param: &str) -> Option<&'static str> {
    PARTS
        .iter()
        .find(|(k, p, _)| *k == kind && *p == param)
        .map(|(_, _, part)| *part)
}

/// Every finding (or line) of `rule` in an answer, with its status; only the
/// findings of `part` (or naming none) when a part is given.
fn statuses(v: &Value, rule: &str, part: Option<&str>, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            let in_part = || match (part, m.get("facts").and_then(|f| f.get("part"))) {
                (Some(want), Some(got)) => got == want,
                _ => true,
            };
            if m.get("rule_id").and_then(Value::as_str) == Some(rule) && in_part() {
                if let Some(s) = m.get("status").and_then(Value::as_str) {
                    out.push(s.to_owned());
                }
            }
            m.values().for_each(|x| statuses(x, rule, part, out));
        }
        Value::Array(a) => a.iter().for_each(|x| statuses(x, rule, part, out)),
        _ => {}
    }
}

/// The policy files: the shipped ones (as embedded) and the deployment examples.
fn policy_files() -> Vec<(String, Value, bool)> {
    let mut out: Vec<(String, Value, bool)> = peixun::policy::builtin::FILES
        .iter()
        .map(|(name, text)| (name.to_string(), serde_json::from_str(text).unwrap(), true))
        .collect();
    let mut examples = Vec::new();
    json_files(&Path::new(ROOT).join("examples/policies"), &mut examples);
    examples.sort();
    for path in examples {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        // A deployment's file over a shipped policy, or a programme of its own
        // loaded as data (example-city-2025-skills, which has no original and
        // no shipped policy): in both, the cases that load the file are walked.
        let own_programme = !out.iter().any(|(_, p, _)| p["id"] == v["id"]);
        if v.get("extends").is_some() || own_programme {
            out.push((
                path.strip_prefix(ROOT).unwrap().display().to_string(),
                v,
                false,
            ));
        }
    }
    out
}

#[test]
fn no_rule_passes_on_an_example_or_unset_parameter() {
    let base = Engine::new().unwrap();
    let cases = cases();
    let mut failures = Vec::new();
    // Rule kinds with a deployment parameter that gives findings in the corpus,
    // and those for which a case shows the flip taking a pass away.
    let mut kinds_seen = std::collections::BTreeSet::new();
    let mut kinds_witnessed = std::collections::BTreeSet::new();
    for (file, policy, builtin) in policy_files() {
        let id = policy["id"].as_str().unwrap().to_owned();
        for (rule, pointer) in deployment_params(&policy) {
            let kind = policy
                .pointer(pointer.rsplit_once("/params/").unwrap().0)
                .and_then(|r| r.get("kind"))
                .and_then(Value::as_str)
                .unwrap()
                .to_owned();
            let param = pointer.rsplit('/').next().unwrap();
            let part = decided_part(&kind, param);
            for flip in [Flip::Example, Flip::Unset] {
                let text = flipped(&policy, &pointer, flip).to_string();
                for c in cases
                    .iter()
                    .filter(|c| c.policy.as_deref() == Some(id.as_str()))
                {
                    // A shipped file's parameter matters to the cases that do not
                    // replace its rule with a deployment's; a deployment file's to
                    // the cases that load it.
                    let replaced = c.policies.iter().any(|p| {
                        serde_json::from_str::<Value>(p).ok().is_some_and(|v| {
                            v["rules"]
                                .as_array()
                                .is_some_and(|rs| rs.iter().any(|r| r["id"] == rule.as_str()))
                        })
                    });
                    if builtin && replaced {
                        continue;
                    }
                    let mut engine = base.clone();
                    if builtin {
                        load(&mut engine, &text, &file);
                        for p in &c.policies {
                            load(&mut engine, p, &c.name);
                        }
                    } else {
                        // The deployment file's own cases: those that load it.
                        let is_this_file = |p: &String| {
                            serde_json::from_str::<Value>(p).ok().as_ref() == Some(&policy)
                        };
                        if !c.policies.iter().any(is_this_file) {
                            continue;
                        }
                        for p in &c.policies {
                            load(
                                &mut engine,
                                if is_this_file(p) { &text } else { p },
                                &c.name,
                            );
                        }
                    }
                    let before = {
                        let mut e = base.clone();
                        for p in &c.policies {
                            load(&mut e, p, &c.name);
                        }
                        let out: Value =
                            serde_json::from_str(&e.handle_mut_to_json(&c.operation, &c.request))
                                .unwrap();
                        let mut s = Vec::new();
                        statuses(&out, &rule, part, &mut s);
                        s
                    };
                    let out: Value =
                        serde_json::from_str(&engine.handle_mut_to_json(&c.operation, &c.request))
                            .unwrap();
                    let mut after = Vec::new();
                    statuses(&out, &rule, part, &mut after);
                    if !after.is_empty() {
                        kinds_seen.insert(kind.clone());
                    }
                    if after.iter().any(|s| s == "pass") {
                        failures.push(format!(
                            "{}: {rule} passes with {pointer} of {file} as {flip:?}",
                            c.name
                        ));
                    }
                    if before.iter().any(|s| s == "pass") {
                        kinds_witnessed.insert(kind.clone());
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let missing: Vec<_> = kinds_seen.difference(&kinds_witnessed).collect();
    assert!(
        missing.is_empty(),
        "no golden case passes a rule of these kinds with its deployment parameter set, \
         so the walk proves nothing for them: {missing:?}"
    );
}

#[test]
fn every_deployment_parameter_is_known_to_the_engine() {
    // Each kind states its deployment parameters by hand (`KindSpec::deployment_params`); this
    // compares it with the `Deployment` values written in each shipped rule.
    let set = peixun::policy::PolicySet::builtin().unwrap();
    for (_, text) in peixun::policy::builtin::FILES {
        let file: Value = serde_json::from_str(text).unwrap();
        let policy = set.get(file["id"].as_str().unwrap()).unwrap();
        for (rule, pointer) in deployment_params(&file) {
            let name = pointer.rsplit('/').next().unwrap();
            let r = policy.rule(&rule).unwrap();
            assert!(
                r.kind.deployment_params().iter().any(|p| p.name == name),
                "{rule}: `{name}` is a deployment parameter the engine does not list"
            );
        }
        for r in &policy.rules {
            for p in r.kind.deployment_params() {
                let found = deployment_params(&file)
                    .iter()
                    .any(|(id, ptr)| *id == r.id && ptr.ends_with(&format!("/{}", p.name)));
                let inherited = file["rules"]
                    .as_array()
                    .is_some_and(|rules| !rules.iter().any(|x| x["id"] == r.id.as_str()));
                assert!(
                    found || inherited,
                    "{}: `{}` is listed but not in the file",
                    r.id,
                    p.name
                );
            }
        }
    }
}
