//! A sixth programme is a data-only change.
//!
//! `examples/policies/example-city-2025-skills.json` is a programme for a city
//! that is not among the five seeds, written only with rule kinds the engine
//! already has; it is an illustration of the policy format, not a real
//! programme, and every figure a real notice would take from another document
//! is marked as an example. These tests load it at run time through
//! `Engine::handle_mut("policy.load", …)`, exactly as the CLI's
//! `--policy-file`, the server's `policy_files` and the WebAssembly
//! `loadPolicy` do, and show that the engine lists it and decides cases under
//! it. No code was changed to add it: the file and its golden cases
//! (`tests/golden/example-city/`, run natively, in Node and in Chromium) are the
//! whole change. The claim asserts need the `claims` feature; the rest also run
//! in the trainee's build (`cargo test -p peixun --no-default-features --test
//! sixth_city`).

use peixun::engine::Engine;
use serde_json::{json, Value};

const ID: &str = "example-city-2025-skills";

fn file(ext: &str) -> String {
    let path = format!(
        "{}/examples/policies/{ID}.{ext}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The policy file as JSON with every example value of the file marked as set
/// (`example = false`): what a deployment that had the real documents would
/// write. Used here only to show what the example marks hold back.
fn with_values_set() -> String {
    let mut v: Value = serde_json::from_str(&file("json")).unwrap();
    let mut flipped = 0;
    for rule in v["rules"].as_array_mut().unwrap() {
        for (_, p) in rule["params"].as_object_mut().unwrap().iter_mut() {
            if let Some(m) = p.as_object_mut().filter(|m| m.contains_key("source")) {
                assert_eq!(m["example"], true, "every deployment value is an example");
                m.insert("example".into(), Value::Bool(false));
                flipped += 1;
            }
        }
    }
    // EX-E3's two lists and EX-S1's rate.
    assert_eq!(flipped, 3);
    v.to_string()
}

fn load(engine: &mut Engine, text: &str) -> Value {
    let out = engine
        .handle_mut("policy.load", &json!({ "text": text }).to_string())
        .unwrap_or_else(|p| panic!("policy.load: {} at {}: {}", p.code, p.path, p.message_en));
    serde_json::from_str(&out).unwrap()
}

fn run(engine: &Engine, op: &str, request: Value) -> Value {
    let out = engine
        .handle(op, &request.to_string())
        .unwrap_or_else(|p| panic!("{op}: {} at {}: {}", p.code, p.path, p.message_en));
    serde_json::from_str(&out).unwrap()
}

fn listed(engine: &Engine) -> Vec<Value> {
    run(engine, "policy.list", json!({}))["policies"]
        .as_array()
        .unwrap()
        .clone()
}

/// The status of `rule`'s first finding in an eligibility verdict.
fn status<'v>(verdict: &'v Value, rule: &str) -> &'v str {
    verdict["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule)
        .unwrap_or_else(|| panic!("no finding of {rule}"))["status"]
        .as_str()
        .unwrap()
}

fn henan_graduate(year: i32) -> Value {
    json!({
        "policy": ID,
        "applicant": {
            "kind": "person", "hukou_province": "41", "school_province": "41",
            "education": "full_time_college", "graduation_year": year, "dishonest": false
        }
    })
}

#[test]
fn the_json_twin_is_the_toml_file_and_says_it_is_an_illustration() {
    let from_toml: Value = toml::from_str(&file("toml")).unwrap();
    let from_json: Value = serde_json::from_str(&file("json")).unwrap();
    assert_eq!(from_toml, from_json);
    assert_eq!(from_json["id"], ID);
    assert!(from_json.get("extends").is_none(), "a programme of its own");
    let title_zh = from_json["title_zh"].as_str().unwrap();
    let title_en = from_json["title_en"].as_str().unwrap();
    let source = from_json["source"]["title_zh"].as_str().unwrap();
    assert!(title_zh.contains("非真实项目"), "{title_zh}");
    assert!(title_en.contains("not a real programme"), "{title_en}");
    assert!(source.contains("非真实文件"), "{source}");
    for rule in from_json["rules"].as_array().unwrap() {
        let quote = rule["quote_zh"].as_str().unwrap();
        assert!(quote.starts_with("（示例条款，非真实文件）"), "{quote}");
    }
    // Not one of the seeds' programmes.
    let engine = Engine::new().unwrap();
    assert!(engine.policy(ID).is_err());
}

/// The file has no original, so `tests/clause_coverage.rs` (which compares each
/// shipped policy's inventory with its seed) does not walk it; its own
/// inventory of the illustration's sections is held to its rules by the lint
/// `peixun policy lint` runs, here.
#[test]
fn its_rules_cite_the_sections_of_its_own_inventory() {
    use peixun::policy::coverage::{builtin_inventories, lint_text};
    let set = peixun::policy::PolicySet::builtin().unwrap();
    let known = builtin_inventories();
    lint_text(&set, &file("json"), &known).unwrap();
    // A rule citing a section the inventory does not list is caught.
    let bad = file("json").replace(
        "\"clause\": \"三\",\n      \"id\": \"EX-S1\"",
        "\"clause\": \"五\",\n      \"id\": \"EX-S1\"",
    );
    assert_ne!(bad, file("json"));
    let e = lint_text(&set, &bad, &known).unwrap_err();
    assert_eq!(e.0[0].code.as_str(), "policy.unknown_clause");
}

#[test]
fn it_loads_as_data_and_the_engine_lists_it() {
    let mut engine = Engine::new().unwrap();
    let before = listed(&engine);
    assert!(before.iter().all(|p| p["id"] != ID));

    let loaded = load(&mut engine, &file("json"));
    assert_eq!(loaded["id"], ID);
    assert_eq!(loaded["version"], "2025.0-example");

    let after = listed(&engine);
    assert_eq!(after.len(), before.len() + 1);
    let it = after.iter().find(|p| p["id"] == ID).unwrap();
    assert_eq!(it["rules"], 6);
    assert_eq!(
        it["title_en"],
        "Example City 2025 skills training (an illustration of the policy format, not a real programme)"
    );
}

#[test]
fn an_example_value_never_gives_a_yes_and_a_proven_fail_stands() {
    let mut engine = Engine::new().unwrap();
    load(&mut engine, &file("json"));

    // Every fact proven; the graduation years are examples.
    let v = run(&engine, "eligibility", henan_graduate(2024));
    assert_eq!(v["decision"], "needs_review");
    for rule in ["EX-E1", "EX-E2", "EX-E4"] {
        assert_eq!(status(&v, rule), "pass", "{rule}");
    }
    assert_eq!(status(&v, "EX-E3"), "unknown");
    let e3 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "EX-E3")
        .unwrap();
    assert_eq!(e3["facts"]["parameter_state"], "example");
    assert_eq!(e3["facts"]["parameter"], "left_school_years");

    // Registered and studying in Liaoning: EX-E1 fails on the file's own
    // province code, whatever the example years say.
    let mut elsewhere = henan_graduate(2019);
    elsewhere["applicant"]["hukou_province"] = json!("21");
    elsewhere["applicant"]["school_province"] = json!("21");
    let v = run(&engine, "eligibility", elsewhere);
    assert_eq!(v["decision"], "ineligible");
    assert_eq!(status(&v, "EX-E1"), "fail");
    // 2019 is in neither example list: unknown, never a fail.
    assert_eq!(status(&v, "EX-E3"), "unknown");
}

#[test]
fn once_a_deployment_sets_the_values_the_same_facts_are_eligible() {
    let mut engine = Engine::new().unwrap();
    load(&mut engine, &with_values_set());
    let v = run(&engine, "eligibility", henan_graduate(2024));
    assert_eq!(v["decision"], "eligible");
    assert_eq!(status(&v, "EX-E3"), "pass");
    // And a year outside the set lists now fails.
    let v = run(&engine, "eligibility", henan_graduate(2019));
    assert_eq!(v["decision"], "ineligible");
    assert_eq!(status(&v, "EX-E3"), "fail");
}

#[test]
fn attendance_is_decided_on_the_files_threshold() {
    let mut engine = Engine::new().unwrap();
    load(&mut engine, &file("json"));
    // One day, 2025-03-03 (a Monday), two sessions: one punched pair of two is
    // 50.00%, below the file's 80%.
    let punch = |at: &str, kind: &str| json!({"trainee": "T01", "at": format!("2025-03-03T{at}:00+08:00"), "kind": kind, "method": "face_device"});
    let v = run(
        &engine,
        "attendance",
        json!({
            "policy": ID,
            "class": {"id": "示例班", "start": "2025-03-03", "end": "2025-03-03",
                      "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}]},
            "trainees": [{"id": "T01"}],
            "punches": [punch("08:20", "sign_in"), punch("11:50", "sign_out")]
        }),
    );
    assert_eq!(v["decision"], "fail");
    assert_eq!(v["trainees"][0]["rate"], "0.5000");
}

#[cfg(feature = "claims")]
fn claim() -> Value {
    let trainee = |name: &str, id: &str, sessions: u32| {
        json!({
            "name": name, "id_number": id,
            "eligibility": {"hukou_province": "41", "school_province": "41",
                            "education": "full_time_college", "graduation_year": 2024, "dishonest": false},
            "attendance": {"attended_days": sessions / 2, "attended_sessions": sessions, "expected_sessions": 40},
            "certificates": [{"type": "skill_level"}],
            "offline_practice_local": true,
            "claimed": {"EX-S1": "1200.00"}
        })
    };
    json!({
        "policy": ID, "claimed_total": "2400.00",
        "class": {"name": "示例班", "start": "2025-03-03", "end": "2025-03-28"},
        "trainees": [trainee("示例甲", "410102199901010018", 36), trainee("示例乙", "410102200002020023", 34)]
    })
}

#[cfg(feature = "claims")]
#[test]
fn a_claims_amounts_rest_on_the_example_rate_until_it_is_set() {
    let mut engine = Engine::new().unwrap();
    load(&mut engine, &file("json"));
    let r = run(&engine, "claim.verify", claim());
    assert_eq!(r["decision"], "needs_review");
    assert_eq!(r["total"], "0.00");
    for t in r["trainees"].as_array().unwrap() {
        let line = &t["lines"][0];
        assert_eq!(line["rule_id"], "EX-S1");
        assert_eq!(line["status"], "unknown");
        assert_eq!(line["facts"]["provisional_amount"], "1200.00");
    }

    // With the values set, the same claim is accepted to the fen.
    let mut engine = Engine::new().unwrap();
    load(&mut engine, &with_values_set());
    let r = run(&engine, "claim.verify", claim());
    assert_eq!(r["decision"], "accept");
    assert_eq!(r["total"], "2400.00");
    assert_eq!(r["trainees"][0]["lines"][0]["amount"], "1200.00");
}
