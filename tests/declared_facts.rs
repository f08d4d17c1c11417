//! The facts a kind declares (`KindSpec::FACTS`, `RuleKind::fact_names`) are
//! the facts its findings carry, no more and no less:
//!
//! - every fact a finding, line or deadline carries in the golden corpus is
//!   declared by its rule's kind (so a message may name whatever a finding
//!   carries);
//! - every declared fact is carried by some golden case (directly, or through
//!   a part of the engine several kinds share, listed in `SHARED`; the few that
//!   no case reaches yet are listed with the reason in `NOT_YET_EMITTED`);
//! - every placeholder of every shipped policy's messages is a declared fact
//!   (the lint refuses any other, `policy.unknown_placeholder`).
//!
//! Read from every finding and deadline the golden corpus records, under the
//! policies the case loads.

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

/// Every rule of every policy a golden case loads, with the facts its
/// findings, lines and deadlines carry in the case's output.
fn emitted_by_kind() -> std::collections::BTreeMap<&'static str, std::collections::BTreeSet<String>>
{
    let base = Engine::new().unwrap();
    let mut seen: std::collections::BTreeMap<&'static str, std::collections::BTreeSet<String>> =
        std::collections::BTreeMap::new();
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
            let Some(rule) = policy.rule(f["rule_id"].as_str().unwrap()) else {
                continue;
            };
            seen.entry(rule.kind.name())
                .or_default()
                .extend(f["facts"].as_object().unwrap().keys().cloned());
        }
    }
    seen
}

/// Facts a shared part of the engine attaches to the outcomes of every kind
/// that passes through it: one golden case through that part covers the fact
/// for each of these kinds. (reason, facts, kinds)
const SHARED: &[(&str, &[&str], &[&str])] = &[
    (
        "an amount line's own facts, set by the claim's line code whatever the kind",
        &[
            "subject",
            "row",
            "amount",
            "claimed",
            "difference",
            "arithmetic_zh",
            "arithmetic_en",
            "blocked_by",
            "first_row",
            "exclusive_with",
            "provisional_amount",
            "other_amount",
            "other_claimed",
        ],
        AMOUNT_KINDS,
    ),
    (
        "a claim's stated attendance summary checked against its records, on every \
         line and attendance finding that rests on it",
        &[
            "summary_field_zh",
            "summary_field_en",
            "stated",
            "check_zh",
            "check_en",
            "expected_values",
        ],
        SUMMARY_KINDS,
    ),
    (
        "the key groups a person states against the rule's (eligibility's group outcome)",
        &[
            "key_groups_zh",
            "key_groups_en",
            "matched_zh",
            "matched_en",
            "undetermined_zh",
            "undetermined_en",
            "not_counted_zh",
            "not_counted_en",
        ],
        &["target_groups", "capped_daily_subsidy", "daily_allowance"],
    ),
    (
        "FS-A1's working-days part is DL-T2's check (attendance's schedule)",
        &[
            "date",
            "day_kind_zh",
            "day_kind_en",
            "holiday",
            "unlisted_days",
            "missed_days",
            "missed_count",
            "days_through",
        ],
        &["working_days_only", "training_standard"],
    ),
    (
        "FS-A1's rate part is DL-T4's threshold (a trainee's attendance rate)",
        &["attended_days"],
        &["attendance_threshold", "training_standard"],
    ),
];

const AMOUNT_KINDS: &[&str] = &[
    "monthly_subsidy_by_certificate",
    "appraisal_subsidy",
    "training_subsidy_rate",
    "daily_allowance",
    "tiered_daily_subsidy",
    "per_person_subsidy",
    "capped_daily_subsidy",
    "no_evaluation_subsidy_after",
    "work_in_lieu_of_training",
];

const SUMMARY_KINDS: &[&str] = &[
    "monthly_subsidy_by_certificate",
    "appraisal_subsidy",
    "training_subsidy_rate",
    "daily_allowance",
    "tiered_daily_subsidy",
    "per_person_subsidy",
    "capped_daily_subsidy",
    "no_evaluation_subsidy_after",
    "work_in_lieu_of_training",
    "attendance_threshold",
    "training_standard",
];

/// Declared facts that no golden case emits yet, each with the reason.
const NOT_YET_EMITTED: &[(&str, &str, &str)] = &[(
    "video_evidence",
    "previous_video",
    "the video before a pair closer than `min_gap_days`: only the `every_consecutive` \
     reading of FS-C2 compares consecutive videos, and no shipped or example policy \
     chooses it (Fushun reads the clause as `monthly_pair`; docs/seed-notes.md)",
)];

#[test]
fn every_declared_fact_is_emitted_by_some_golden_case() {
    let seen = emitted_by_kind();
    let emits = |kind: &str, fact: &str| seen.get(kind).is_some_and(|g| g.contains(fact));
    let mut missing = Vec::new();
    for (name, _, facts) in peixun::policy::kinds::KINDS {
        for fact in *facts {
            let shared = SHARED.iter().any(|(_, fs, kinds)| {
                fs.contains(fact) && kinds.contains(name) && kinds.iter().any(|k| emits(k, fact))
            });
            let listed = NOT_YET_EMITTED
                .iter()
                .any(|(k, f, _)| k == name && f == fact);
            if !emits(name, fact) && !shared && !listed {
                missing.push(format!("{name}: {fact}"));
            }
            if listed && (emits(name, fact) || shared) {
                missing.push(format!(
                    "{name}: {fact} is emitted now: take it off NOT_YET_EMITTED"
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "declared facts no golden case emits (add a case, drop the fact, or list it with a reason):\n{}",
        missing.join("\n")
    );
}

/// Every `{placeholder}` of every message of every shipped policy names a fact
/// its rule's kind declares (or `rule_id`, or, for a rule with deployment
/// parameters, one of the facts that name a parameter not set).
#[test]
fn every_placeholder_of_the_shipped_policies_is_a_declared_fact() {
    let set = peixun::policy::PolicySet::builtin().unwrap();
    let mut problems = Vec::new();
    let mut checked = 0usize;
    for policy in set.iter() {
        for rule in &policy.rules {
            let declared = rule.kind.fact_names();
            let gap = !rule.kind.deployment_params().is_empty();
            for (key, m) in &rule.messages {
                for text in [&m.zh, &m.en] {
                    for name in peixun::policy::template::placeholders(text) {
                        checked += 1;
                        let ok = name == "rule_id"
                            || declared.contains(&name)
                            || (gap && GAP_FACTS.contains(&name));
                        if !ok {
                            problems.push(format!(
                                "{} {} ({}) messages.{key}: `{{{name}}}`",
                                policy.id,
                                rule.id,
                                rule.kind.name()
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} placeholders checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
