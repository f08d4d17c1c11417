//! Policy lint: each problem a deployment can make in a policy file is refused
//! with its own code, naming the rule and the path.

use peixun::engine::Engine;
use peixun::policy::{Format, PolicySet};

fn dalian() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/dalian-2023-major-conversion.toml"
    ))
    .unwrap()
}

/// Lints `text` against the built-in set and returns `(code, rule, path)` of every problem.
fn problems(text: &str) -> Vec<(String, Option<String>, String)> {
    let set = PolicySet::builtin().unwrap();
    match set.prepare(text, Format::sniff(text)) {
        Ok(_) => vec![],
        Err(e) => {
            e.0.into_iter()
                .map(|p| (p.code.to_owned(), p.rule_id, p.path))
                .collect()
        }
    }
}

fn has(
    problems: &[(String, Option<String>, String)],
    code: &str,
    rule: Option<&str>,
    path_part: &str,
) -> bool {
    problems
        .iter()
        .any(|(c, r, p)| c == code && r.as_deref() == rule && p.contains(path_part))
}

#[test]
fn shipped_policies_are_clean() {
    let set = PolicySet::builtin().unwrap();
    assert_eq!(
        set.ids().collect::<Vec<_>>(),
        vec![
            "dalian-2023-major-conversion",
            "fushun-2024-major-conversion",
            "internet-plus-training",
            "jinzhong-2023-skills-shanxi",
            "liaocheng-2021-skill-upgrade",
        ]
    );
    for p in set.iter() {
        assert!(peixun::policy::lint::lint(p).is_empty(), "{}", p.id);
    }
    assert!(problems(&dalian()).is_empty());
}

#[test]
fn dl_s1_rate_above_the_seed_range() {
    let text = dalian().replacen(
        "qualification = \"1800.00\"",
        "qualification = \"2100.00\"",
        1,
    );
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(
            &p,
            "policy.rate_out_of_range",
            Some("DL-S1"),
            "rates.value[\"工业机器人操作及应用\"].qualification"
        ),
        "{p:?}"
    );
}

#[test]
fn dl_s1_rate_below_the_special_ability_range() {
    let text = dalian().replacen(
        "special_ability = \"1200.00\"",
        "special_ability = \"999.99\"",
        1,
    );
    assert!(has(
        &problems(&text),
        "policy.rate_out_of_range",
        Some("DL-S1"),
        "special_ability"
    ));
}

#[test]
fn duration_outside_three_to_six_months() {
    let text = dalian().replacen("\"大数据开发\" = 6", "\"大数据开发\" = 7", 1);
    let p = problems(&text);
    assert!(
        has(
            &p,
            "policy.duration_out_of_range",
            Some("DL-T1"),
            "大数据开发"
        ),
        "{p:?}"
    );
}

#[test]
fn missing_message() {
    let text = dalian().replacen(
        "messages.unknown = { zh = \"缺少学历类型，无法判断\", en = \"type of schooling missing: cannot decide\" }\n",
        "",
        1,
    );
    let p = problems(&text);
    assert!(
        has(
            &p,
            "policy.missing_message",
            Some("DL-E2"),
            "messages.unknown"
        ),
        "{p:?}"
    );
}

#[test]
fn empty_english_message() {
    let text = dalian().replacen(
        "en = \"type of schooling missing: cannot decide\"",
        "en = \"  \"",
        1,
    );
    assert!(has(
        &problems(&text),
        "policy.missing_message",
        Some("DL-E2"),
        "messages.unknown.en"
    ));
}

#[test]
fn unknown_rule_kind() {
    let text = dalian().replacen("kind = \"education_type\"", "kind = \"education_level\"", 1);
    let p = problems(&text);
    assert!(
        has(
            &p,
            "policy.unknown_rule_kind",
            Some("DL-E2"),
            "$.rules[1].kind"
        ),
        "{p:?}"
    );
}

#[test]
fn duplicate_rule_id() {
    let text = dalian().replacen("id = \"DL-E2\"", "id = \"DL-E1\"", 1);
    let p = problems(&text);
    assert!(
        has(&p, "policy.duplicate_rule", Some("DL-E1"), "$.rules[1].id"),
        "{p:?}"
    );
}

#[test]
fn malformed_rule_id() {
    let text = dalian().replacen("id = \"DL-E2\"", "id = \"dl_e2\"", 1);
    assert!(has(
        &problems(&text),
        "policy.bad_rule_id",
        Some("dl_e2"),
        "$.rules[1].id"
    ));
}

#[test]
fn placeholder_naming_an_unknown_fact() {
    let text = dalian().replacen("{graduation_year} 届毕业生", "{graduation_yr} 届毕业生", 1);
    let p = problems(&text);
    assert!(
        has(
            &p,
            "policy.unknown_placeholder",
            Some("DL-E3"),
            "pass.graduating_class"
        ),
        "{p:?}"
    );
}

#[test]
fn bad_params_shape() {
    let text = dalian().replacen("params = { max = 3 }", "params = { max = \"three\" }", 1);
    let p = problems(&text);
    assert!(
        has(
            &p,
            "policy.bad_params",
            Some("DL-M2"),
            "$.rules[7].params.max"
        ),
        "{p:?}"
    );
}

#[test]
fn attendance_rate_above_one() {
    let text = dalian().replacen("min_rate = \"0.90\"", "min_rate = \"90\"", 1);
    assert!(has(
        &problems(&text),
        "policy.bad_params",
        Some("DL-T4"),
        "min_rate"
    ));
}

#[test]
fn last_opening_that_is_no_day() {
    let text = dalian().replacen("last_opening = \"12-31\"", "last_opening = \"12-32\"", 1);
    assert!(has(
        &problems(&text),
        "policy.bad_params",
        Some("DL-P2"),
        "last_opening"
    ));
}

#[test]
fn period_ending_before_it_starts() {
    let text = dalian().replacen(
        "in_force = { from = \"2023-01-01\", until = \"2024-12-31\" }",
        "in_force = { from = \"2023-01-01\", until = \"2022-12-31\" }",
        1,
    );
    assert!(has(
        &problems(&text),
        "policy.bad_period",
        None,
        "$.in_force"
    ));
}

#[test]
fn syntax_error_and_unknown_field() {
    let p = problems("id = \"x\"\nversion = ");
    assert_eq!(p[0].0, "policy.syntax");
    let text = dalian().replacen(
        "version = \"2023.1\"",
        "version = \"2023.1\"\nedition = 2",
        1,
    );
    let p = problems(&text);
    assert_eq!(p[0].0, "policy.bad_field", "{p:?}");
}

#[test]
fn extends_an_unknown_base() {
    let text = dalian().replacen(
        "id = \"dalian-2023-major-conversion\"",
        "id = \"x-2023\"\nextends = \"nowhere\"",
        1,
    );
    assert!(has(
        &problems(&text),
        "policy.unknown_base",
        None,
        "$.extends"
    ));
}

#[test]
fn a_refused_policy_changes_nothing() {
    let mut engine = Engine::new().unwrap();
    let before = engine
        .policy("dalian-2023-major-conversion")
        .unwrap()
        .clone();
    let text = dalian().replacen(
        "qualification = \"1800.00\"",
        "qualification = \"2100.00\"",
        1,
    );
    assert!(engine.load_policy(&text).is_err());
    assert_eq!(
        engine.policy("dalian-2023-major-conversion").unwrap(),
        &before
    );
}

#[test]
fn a_deployment_loads_its_own_rates_and_json_works_too() {
    let mut engine = Engine::new().unwrap();
    let text = dalian()
        .replacen("version = \"2023.1\"", "version = \"2023.1-district\"", 1)
        .replacen(
            "qualification = \"1800.00\"",
            "qualification = \"1950.00\"",
            1,
        );
    let r = engine.load_policy(&text).unwrap();
    assert_eq!(r.version, "2023.1-district");
    // The same policy as JSON (what a web page hands over).
    let value: toml::Value = toml::from_str(&text).unwrap();
    let json = serde_json::to_string(&value).unwrap();
    let r = engine.load_policy(&json).unwrap();
    assert_eq!(r.id, "dalian-2023-major-conversion");
}

#[test]
fn every_rule_of_the_digest_that_is_check_amount_or_date_is_in_some_policy() {
    let digest = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/POLICIES.md"
    ))
    .unwrap();
    let set = PolicySet::builtin().unwrap();
    let mut missing = Vec::new();
    for line in digest.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 5 || !cells[1].contains('-') || cells[1].len() > 6 {
            continue;
        }
        let (id, engine_col) = (cells[1], cells[cells.len() - 2]);
        let scored = [
            "check",
            "amount",
            "date",
            "state machine",
            "parameters",
            "record",
        ]
        .iter()
        .any(|w| engine_col.contains(w));
        if scored && !set.iter().any(|p| p.rule(id).is_some()) {
            missing.push(id.to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "rules in POLICIES.md with no policy file: {missing:?}"
    );
}
