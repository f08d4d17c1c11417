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
                .map(|p| (p.code.to_string(), p.rule_id, p.path))
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
    let text = dalian().replacen(
        "params = { max = 3, catalogue_rule",
        "params = { max = \"three\", catalogue_rule",
        1,
    );
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

// ----- What a policy that extends another drops, and why -----

fn fushun_value() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/fushun-2024-major-conversion.toml"
    ))
    .unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    serde_json::to_value(v).unwrap()
}

/// The problems of the Fushun file after `change`, as `(code, rule, path)`.
fn fushun_problems(
    change: impl FnOnce(&mut serde_json::Value),
) -> Vec<(String, Option<String>, String)> {
    let mut v = fushun_value();
    change(&mut v);
    problems(&v.to_string())
}

/// The index of `rule`'s entry in the Fushun file's `exclude`.
fn entry(v: &serde_json::Value, rule: &str) -> usize {
    v["exclude"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["rule"] == rule)
        .unwrap()
}

#[test]
fn the_shipped_fushun_file_is_clean_as_json_too() {
    assert_eq!(fushun_problems(|_| {}), vec![]);
}

#[test]
fn a_bare_rule_id_in_exclude_is_a_silent_exclusion() {
    let mut v = fushun_value();
    v["exclude"][0] = "DL-E3".into();
    let set = PolicySet::builtin().unwrap();
    let errors = set.prepare(&v.to_string(), Format::Json).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors:?}");
    let e = &errors.0[0];
    assert_eq!(
        (e.code.as_str(), e.rule_id.as_deref(), e.path.as_str()),
        ("policy.silent_exclusion", Some("DL-E3"), "$.exclude[0]")
    );
    // The message says the three ways a rule may be dropped.
    use peixun::error::Explain;
    let en = e.message_en();
    for way in [
        "(a) by a rule of this file with the same ID",
        "replaced_by",
        "not applicable with this policy's original's words",
    ] {
        assert!(en.contains(way), "{en}");
    }
    assert!(e.message_zh().contains("未说明理由"), "{}", e.message_zh());
}

#[test]
fn a_bare_exclusion_refuses_the_whole_file_at_load() {
    // A deployment cannot load a file that drops a rule in silence.
    let mut engine = Engine::new().unwrap();
    let before = engine
        .policy("fushun-2024-major-conversion")
        .unwrap()
        .clone();
    let mut v = fushun_value();
    v["exclude"][7] = "DL-S1".into();
    let err = engine.load_policy(&v.to_string()).unwrap_err();
    assert_eq!(err.0[0].code, "policy.silent_exclusion");
    assert_eq!(err.0[0].path, "$.exclude[7]");
    assert_eq!(
        engine.policy("fushun-2024-major-conversion").unwrap(),
        &before
    );
}

#[test]
fn an_entry_that_gives_neither_a_replacement_nor_the_original_words() {
    let p = fushun_problems(|v| {
        let i = entry(v, "DL-M1");
        v["exclude"][i]
            .as_object_mut()
            .unwrap()
            .remove("replaced_by");
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(&p, "policy.silent_exclusion", Some("DL-M1"), "$.exclude[1]"),
        "{p:?}"
    );
}

#[test]
fn an_entry_without_its_reason_in_both_languages() {
    let p = fushun_problems(|v| {
        let i = entry(v, "DL-T2");
        v["exclude"][i].as_object_mut().unwrap().remove("because");
        let j = entry(v, "DL-T3");
        v["exclude"][j]["because"]["en"] = " ".into();
    });
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(has(
        &p,
        "policy.silent_exclusion",
        Some("DL-T2"),
        "$.exclude[4].because.zh"
    ));
    assert!(has(
        &p,
        "policy.silent_exclusion",
        Some("DL-T2"),
        "$.exclude[4].because.en"
    ));
    assert!(has(
        &p,
        "policy.silent_exclusion",
        Some("DL-T3"),
        "$.exclude[5].because.en"
    ));
}

#[test]
fn words_of_the_original_need_their_clause() {
    let p = fushun_problems(|v| {
        let i = entry(v, "DL-S1");
        v["exclude"][i].as_object_mut().unwrap().remove("clause");
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(
            &p,
            "policy.silent_exclusion",
            Some("DL-S1"),
            "$.exclude[7].clause"
        ),
        "{p:?}"
    );
}

#[test]
fn a_replacement_the_file_does_not_have() {
    let p = fushun_problems(|v| {
        let i = entry(v, "DL-P1");
        v["exclude"][i]["replaced_by"][1] = "FS-I9".into();
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(
            &p,
            "policy.unknown_replacement",
            Some("DL-P1"),
            "$.exclude[9].replaced_by[1]"
        ),
        "{p:?}"
    );
}

#[test]
fn excluding_a_rule_the_base_does_not_have() {
    let p = fushun_problems(|v| {
        let i = entry(v, "DL-E3");
        v["exclude"][i]["rule"] = "DL-E9".into();
    });
    // DL-E3 is then inherited again, next to FS-E1: legal, and not this test's point.
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(
            &p,
            "policy.unknown_excluded_rule",
            Some("DL-E9"),
            "$.exclude[0].rule"
        ),
        "{p:?}"
    );
    // A file that extends nothing has nothing to exclude.
    let mut v = fushun_value();
    v.as_object_mut().unwrap().remove("extends");
    v["id"] = "fushun-standalone".into();
    let p = problems(&v.to_string());
    assert!(
        has(
            &p,
            "policy.unknown_excluded_rule",
            Some("DL-E3"),
            "$.exclude[0].rule"
        ),
        "{p:?}"
    );
}

#[test]
fn excluding_twice_or_excluding_a_rule_the_file_redefines() {
    let p = fushun_problems(|v| {
        let first = v["exclude"][0].clone();
        v["exclude"].as_array_mut().unwrap().push(first);
    });
    assert!(
        has(
            &p,
            "policy.duplicate_exclusion",
            Some("DL-E3"),
            "$.exclude[15].rule"
        ),
        "{p:?}"
    );
    // DL-E4 is redefined under its own ID, which already replaces it.
    let p = fushun_problems(|v| {
        v["exclude"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "rule": "DL-E4", "replaced_by": ["FS-V1"],
                "because": {"zh": "示例", "en": "example"}
            }));
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(
            &p,
            "policy.duplicate_exclusion",
            Some("DL-E4"),
            "$.exclude[15].rule"
        ),
        "{p:?}"
    );
}

#[test]
fn an_entry_of_the_wrong_shape_is_a_bad_field_at_its_path() {
    let p = fushun_problems(|v| v["exclude"][2] = 3.into());
    assert_eq!(
        (p[0].0.as_str(), p[0].2.as_str()),
        ("policy.bad_field", "$.exclude[2]"),
        "{p:?}"
    );
    let p = fushun_problems(|v| {
        let e = v["exclude"][0].as_object_mut().unwrap();
        let by = e.remove("replaced_by").unwrap();
        e.insert("replace_by".into(), by);
    });
    assert_eq!(
        (p[0].0.as_str(), p[0].2.as_str()),
        ("policy.bad_field", "$.exclude[0].replace_by"),
        "{p:?}"
    );
}

#[test]
fn nothing_of_dalian_goes_missing_from_fushun() {
    // Every Dalian rule is in force in Fushun, redefined, or dropped with its
    // reason; every replacement named is a Fushun rule.
    let set = PolicySet::builtin().unwrap();
    let dalian = set.get("dalian-2023-major-conversion").unwrap();
    let fushun = set.get("fushun-2024-major-conversion").unwrap();
    for r in &dalian.rules {
        let kept = fushun.rule(&r.id).is_some();
        let dropped = fushun.dropped.iter().filter(|d| d.rule_id == r.id).count();
        assert!(
            kept ^ (dropped == 1),
            "{}: kept {kept}, dropped {dropped} times",
            r.id
        );
    }
    assert_eq!(fushun.dropped.len(), 15);
    for d in &fushun.dropped {
        assert_eq!(d.by_policy, "fushun-2024-major-conversion");
        assert!(
            !d.because.zh.is_empty() && !d.because.en.is_empty(),
            "{}",
            d.rule_id
        );
        assert_eq!(d.rule_clause, dalian.rule(&d.rule_id).unwrap().clause);
        for by in &d.replaced_by {
            assert!(fushun.rule(by).is_some(), "{} replaced by {by}", d.rule_id);
        }
        if d.replaced_by.is_empty() {
            assert!(d.quote_zh.is_some() && d.clause.is_some(), "{}", d.rule_id);
        }
    }
    let s1 = fushun
        .dropped
        .iter()
        .find(|d| d.rule_id == "DL-S1")
        .unwrap();
    assert!(s1.replaced_by.is_empty());
    assert_eq!(s1.clause.as_deref(), Some("九"));
    assert_eq!(s1.source.seed, "002_fcde794d6c80fe6c.txt");
    let p1 = fushun
        .dropped
        .iter()
        .find(|d| d.rule_id == "DL-P1")
        .unwrap();
    assert_eq!(p1.replaced_by, ["FS-I1", "FS-I2"]);
}

#[test]
fn a_deployment_file_keeps_what_the_shipped_policy_dropped() {
    let mut engine = Engine::new().unwrap();
    let shipped = engine
        .policy("fushun-2024-major-conversion")
        .unwrap()
        .dropped
        .clone();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/policies/fushun-deployment-example.toml"
    ))
    .unwrap();
    engine.load_policy(&text).unwrap();
    let loaded = engine.policy("fushun-2024-major-conversion").unwrap();
    assert_eq!(loaded.dropped, shipped);
    assert!(loaded.rule("DL-E3").is_none() && loaded.rule("FS-E1").is_some());
}

#[test]
fn a_catalogue_credit_code_that_fails_its_check_character() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/policies/fushun-deployment-example.toml"
    ))
    .unwrap();
    assert_eq!(problems(&text), vec![]);
    let bad = text.replacen(
        "credit_code = \"52210400MJ0001010N\"",
        "credit_code = \"52210400MJ0001010X\"",
        1,
    );
    let p = problems(&bad);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(
            &p,
            "policy.bad_params",
            Some("FS-I1"),
            "$.rules[1].params.catalogue.value[0].credit_code"
        ),
        "{p:?}"
    );
}

#[test]
fn fushun_rules_need_the_messages_of_their_new_outcomes() {
    // FS-E1 (years left to the deployment) needs `unknown.parameter_unset` and,
    // like every rule with a deployment parameter, `unknown.parameter`.
    let p = fushun_problems(|v| {
        let e1 = &mut v["rules"][1];
        assert_eq!(e1["id"], "FS-E1");
        let m = e1["messages"].as_object_mut().unwrap();
        m.remove("unknown.parameter_unset");
        m.remove("unknown.parameter");
    });
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(has(
        &p,
        "policy.missing_message",
        Some("FS-E1"),
        "$.rules[1].messages.unknown.parameter_unset"
    ));
    assert!(has(
        &p,
        "policy.missing_message",
        Some("FS-E1"),
        "$.rules[1].messages.unknown.parameter"
    ));
    // FS-I1 needs one message per way the catalogue can decide.
    let p = fushun_problems(|v| {
        let m = v["rules"][2]["messages"].as_object_mut().unwrap();
        m.remove("fail.major");
    });
    assert!(
        has(
            &p,
            "policy.missing_message",
            Some("FS-I1"),
            "$.rules[2].messages.fail.major"
        ),
        "{p:?}"
    );
    // Dalian's DL-E3 gives its years itself and needs neither.
    assert_eq!(problems(&dalian()), vec![]);
}

/// A rule's `roles` must be roles its kind can play: DL-E1 (`residence`)
/// decides a person's eligibility, it pays nothing; DL-P4 (`publicity`)
/// computes a publicity period, it is no state machine.
#[test]
fn a_role_the_kind_cannot_play() {
    let text = dalian()
        .replacen(
            "id = \"DL-E1\"\nclause = \"一(一)\"\nroles = [\"check\"]",
            "id = \"DL-E1\"\nclause = \"一(一)\"\nroles = [\"check\", \"amount\"]",
            1,
        )
        .replacen(
            "id = \"DL-P4\"\nclause = \"三(五)\"\nroles = [\"date\"]",
            "id = \"DL-P4\"\nclause = \"三(五)\"\nroles = [\"state_machine\"]",
            1,
        );
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        has(
            &p,
            "policy.role_mismatch",
            Some("DL-E1"),
            "$.rules[0].roles[1]"
        ),
        "{p:?}"
    );
    let dl_p4 = p.iter().position(|(_, r, _)| r.as_deref() == Some("DL-P4"));
    let (code, _, path) = &p[dl_p4.expect("DL-P4 refused")];
    assert_eq!(code, "policy.role_mismatch");
    assert!(path.ends_with(".roles[0]"), "{path}");

    // The message says what the kind may be.
    let set = PolicySet::builtin().unwrap();
    let err = set.prepare(&text, Format::Toml).unwrap_err();
    let dl_e1 = err
        .0
        .iter()
        .find(|e| e.rule_id.as_deref() == Some("DL-E1"))
        .unwrap();
    assert!(
        dl_e1
            .detail
            .contains("a `residence` rule cannot be `amount`: it may be `check`"),
        "{}",
        dl_e1.detail
    );
}

#[test]
fn a_rule_without_a_role() {
    let text = dalian().replacen(
        "id = \"DL-E1\"\nclause = \"一(一)\"\nroles = [\"check\"]",
        "id = \"DL-E1\"\nclause = \"一(一)\"\nroles = []",
        1,
    );
    let p = problems(&text);
    assert_eq!(
        p,
        vec![(
            "policy.role_mismatch".to_owned(),
            Some("DL-E1".to_owned()),
            "$.rules[0].roles".to_owned()
        )]
    );
}

/// An unknown kind's error lists every kind's name, in the order of the
/// `kinds!` table (the order the names have always been listed in).
#[test]
fn an_unknown_kind_lists_the_names() {
    let err = peixun::policy::kinds::RuleKind::from_parts("education_level", serde_json::json!({}))
        .unwrap_err();
    assert!(
        err.detail.starts_with(
            "unknown variant `education_level`, expected one of `residence`, `education_type`, \
             `graduation_window`, `never_employed`, `participation_limit`, `not_dishonest`, \
             `major_in_list`, `institution_major_limit`, `target_groups`, `startup_and_care`, \
             `training_duration`, "
        ),
        "{}",
        err.detail
    );
    assert!(
        err.detail
            .ends_with("`plan_minimum`, `plan_share`, `definitions`, `record`"),
        "{}",
        err.detail
    );
    let names = peixun::policy::kinds::KINDS.len();
    assert_eq!(err.detail.matches('`').count(), 2 * (names + 1));
}
