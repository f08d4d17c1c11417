//! The golden corpus inside headless Chromium (wasm-bindgen-test), byte for
//! byte against each case's `output`, which `cargo test --test golden` checks
//! the native engine against. Also the JS-facing `Engine` class in the browser:
//! typed calls and thrown `Error` objects.
//!
//! Run by scripts/test-wasm.sh, which generates the list of cases (the corpus
//! embedded with `include_str!`) and points `PEIXUN_GOLDEN_CASES` at it:
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
//!   PEIXUN_GOLDEN_CASES=… cargo test --target wasm32-unknown-unknown --no-default-features --test wasm_browser
//! ```
#![cfg(target_arch = "wasm32")]

use peixun::engine::Engine;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// const CASES: &[(&str, &str)] = &[("tests/golden/…json", include_str!("…")), …];
// const POLICY_FILES: &[(&str, &str)] = &[("examples/policies/…json", include_str!("…")), …];
include!(env!(
    "PEIXUN_GOLDEN_CASES",
    "run scripts/test-wasm.sh, which generates the list of golden cases"
));

struct Case {
    name: &'static str,
    operation: String,
    request: String,
    /// The texts of the deployment policy files the case loads first.
    policies: Vec<&'static str>,
    output: String,
}

impl Case {
    /// Whether the case runs on a fresh engine: an operation that changes the
    /// engine, or a case that loads a deployment's policies first.
    fn fresh(&self) -> bool {
        peixun::api::changes_engine(&self.operation) || !self.policies.is_empty()
    }

    /// The `policy.load` requests for the case's policy files.
    fn loads(&self) -> impl Iterator<Item = String> + '_ {
        self.policies
            .iter()
            .map(|text| serde_json::json!({ "text": text }).to_string())
    }
}

fn policy_file(name: &str, case: &str) -> &'static str {
    POLICY_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("{case}: {name} is not under examples/policies/"))
}

fn cases() -> Vec<Case> {
    CASES
        .iter()
        .map(|(name, text)| {
            let case: Value = serde_json::from_str(text).expect(name);
            // As tests/golden.rs: a string request as is, anything else as compact JSON.
            let request = match &case["request"] {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let policies = case["policies"]
                .as_array()
                .map(|files| {
                    files
                        .iter()
                        .map(|f| policy_file(f.as_str().expect(name), name))
                        .collect()
                })
                .unwrap_or_default();
            Case {
                name,
                operation: case["operation"].as_str().expect(name).to_owned(),
                request,
                policies,
                output: peixun::canonical::value_to_string(&case["output"]),
            }
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_corpus_is_embedded() {
    assert!(CASES.len() >= 50, "only {} cases", CASES.len());
}

#[wasm_bindgen_test]
fn golden_corpus_engine_in_the_browser() {
    let engine = Engine::new().expect("built-in engine");
    let mut failures = Vec::new();
    for c in cases() {
        let out = if c.fresh() {
            let mut e = engine.clone();
            for load in c.loads() {
                let loaded = e.handle_mut_to_json("policy.load", &load);
                assert!(!loaded.contains("\"error\""), "{}: {loaded}", c.name);
            }
            e.handle_mut_to_json(&c.operation, &c.request)
        } else {
            engine.handle_to_json(&c.operation, &c.request)
        };
        if out != c.output {
            failures.push(format!("{}\n  want {}\n  got  {out}", c.name, c.output));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn golden_corpus_through_the_js_class_in_the_browser() {
    use peixun_wasm::WasmEngine as JsEngine;
    let engine = JsEngine::new().expect("engine");
    let mut failures = Vec::new();
    for c in cases() {
        let fresh;
        let e = if c.fresh() {
            fresh = JsEngine::new().expect("engine");
            for load in c.loads() {
                let loaded = String::from(
                    fresh
                        .handle_json(JsValue::from_str("policy.load"), JsValue::from_str(&load))
                        .expect("handleJson throws only for non-string arguments"),
                );
                assert!(!loaded.contains("\"error\""), "{}: {loaded}", c.name);
            }
            &fresh
        } else {
            &engine
        };
        let out = e
            .handle_json(
                JsValue::from_str(&c.operation),
                JsValue::from_str(&c.request),
            )
            .expect("handleJson throws only for non-string arguments");
        if out != c.output {
            failures.push(format!("{}\n  want {}\n  got  {out}", c.name, c.output));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect(key)
}

#[wasm_bindgen_test]
fn typed_calls_and_thrown_errors_in_the_browser() {
    use peixun_wasm::WasmEngine as JsEngine;
    let engine = JsEngine::new().expect("engine");
    let applicant = js_sys::JSON::parse(
        r#"{"kind": "person", "hukou_province": "21", "education": "full_time_college", "graduation_year": 2022}"#,
    )
    .unwrap();
    let verdict = engine
        .check_eligibility("dalian-2023-major-conversion".into(), applicant)
        .expect("verdict");
    assert_eq!(
        get(&verdict, "decision").as_string().as_deref(),
        Some("needs_review")
    );
    assert_eq!(
        engine.is_workday("2023-10-07".into()).unwrap().as_bool(),
        Some(true)
    );
    assert_eq!(
        engine
            .holiday_name("2023-10-02".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("中秋节、国庆节")
    );

    let err = engine.check_id(JsValue::from_f64(123.0)).unwrap_err();
    let err: js_sys::Error = err.dyn_into().expect("a real Error");
    assert_eq!(String::from(err.name()), "PeixunError");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("input.wrong_type")
    );
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("$.number"));
    assert!(get(&err, "messageZh")
        .as_string()
        .is_some_and(|m| !m.is_empty()));
    assert!(get(&err, "messageEn")
        .as_string()
        .is_some_and(|m| !m.is_empty()));

    let err = engine.is_workday("2031-01-01".into()).unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("calendar.year_unknown")
    );
    let nan = js_sys::JSON::parse(r#"{"kind": "person"}"#).unwrap();
    js_sys::Reflect::set(
        &nan,
        &"graduation_year".into(),
        &JsValue::from_f64(f64::NAN),
    )
    .unwrap();
    let err = engine
        .check_eligibility("dalian-2023-major-conversion".into(), nan)
        .unwrap_err();
    assert_eq!(
        get(&err, "path").as_string().as_deref(),
        Some("$.applicant.graduation_year")
    );
}
