//! One entry point for every surface: an operation name and a JSON request in,
//! canonical JSON out.
//!
//! The golden corpus, the WebAssembly module and the server all call
//! [`Engine::handle`], so the same request gives the same bytes everywhere.
//!
//! | operation | request | response |
//! |---|---|---|
//! | `eligibility` | `{"policy": id, "applicant": {…}}` | a verdict |
//! | `id.check` | `{"number": "…"}` | the parsed ID number, or an `id.*` error |
//! | `id.mask` | `{"number": "…", "head": 6, "tail": 4}` | `{"masked": "…"}` |
//! | `credit_code.check` | `{"code": "…"}` | the parsed code, or a `uscc.*` error |
//! | `policy.lint` | `{"text": "…"}` | `{"id", "version"}`, or a `policy.*` error |
//! | `policy.list` | `{}` | the loaded policies |
//! | `voucher.verify` | `{"token", "keys", "at", "holder_id_number"?, "holder_key"?, "holder"?, "institution"?, "major"?, "policy"?, "revoked"?}` | a [`Verification`](crate::voucher::Verification) |
//! | `voucher.replay` | `{"policy", "events": […], "lifecycle"?}` | each voucher's state, or the refused event's `lifecycle.*` error |
//! | `deadlines.plan` | `{"policy": id, "class": {"start", "end", …}, "unknown_years"?}` | every deadline, and findings for the dates given |
//! | `claim.verify` | a claim (see [`crate::rules::claim::Claim`]) | the report: decision, recomputed total, lines, findings |
//! | `publicity.list` | `{"claim": {…}, "start": "YYYY-MM-DD"}` | the publicity list with its end date |
//! | `publicity.csv` | the same | `{"csv": "…"}`: the list as CSV (UTF-8 with BOM) |
//!
//! Errors are returned as [`Problem`]s; [`Engine::handle_to_json`] turns them
//! into `{"error": {…}}` so that callers comparing bytes compare errors too.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::canonical;
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::input;
use crate::rules::eligibility::Applicant;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EligibilityRequest {
    policy: String,
    applicant: Applicant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberRequest {
    number: String,
    #[serde(default)]
    head: Option<usize>,
    #[serde(default)]
    tail: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRequest {
    code: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextRequest {
    text: String,
}

impl Engine {
    /// Runs `operation` on a JSON request and returns canonical JSON.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.handle("id.mask", r#"{"number": "11010519491231002X"}"#).unwrap();
    /// assert_eq!(out, r#"{"masked":"110105********002X"}"#);
    /// assert_eq!(engine.handle("nope", "{}").unwrap_err().code, "api.unknown_operation");
    /// ```
    pub fn handle(&self, operation: &str, request: &str) -> Result<String, Problem> {
        let max = self.max_input_bytes();
        let value: Value = match operation {
            "eligibility" => {
                let req: EligibilityRequest =
                    input::from_json(request, max).map_err(|e| e.problem())?;
                let policy = self.policy(&req.policy).map_err(|e| e.problem())?;
                serde_json::to_value(self.eligibility(policy, &req.applicant))
                    .unwrap_or(Value::Null)
            }
            "id.check" => {
                let req: NumberRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let id = crate::identity::check_resident_id(&req.number)
                    .map_err(|e| e.problem().under("$.number"))?;
                serde_json::to_value(id).unwrap_or(Value::Null)
            }
            "id.mask" => {
                let req: NumberRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let rule = crate::identity::MaskRule {
                    head: req.head.unwrap_or(6),
                    tail: req.tail.unwrap_or(4),
                };
                json!({ "masked": rule.mask(&req.number) })
            }
            "credit_code.check" => {
                let req: CodeRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let code = crate::identity::check_credit_code(&req.code)
                    .map_err(|e| e.problem().under("$.code"))?;
                serde_json::to_value(code).unwrap_or(Value::Null)
            }
            "policy.lint" => {
                let req: TextRequest = input::from_json(request, max).map_err(|e| e.problem())?;
                let r = self.lint_policy(&req.text).map_err(|e| e.problem())?;
                serde_json::to_value(r).unwrap_or(Value::Null)
            }
            "policy.list" => {
                let list: Vec<Value> = self
                    .policies()
                    .iter()
                    .map(|p| {
                        json!({
                            "id": p.id, "version": p.version, "title_zh": p.title_zh,
                            "title_en": p.title_en, "rules": p.rules.len(),
                        })
                    })
                    .collect();
                json!({ "policies": list })
            }
            "voucher.verify" => crate::voucher::request::verify_request(self, request)?,
            "voucher.replay" => crate::voucher::request::replay_request(self, request)?,
            "deadlines.plan" => {
                serde_json::to_value(self.plan_deadlines(request)?).unwrap_or(Value::Null)
            }
            "claim.verify" => {
                serde_json::to_value(self.verify_claim(request)?).unwrap_or(Value::Null)
            }
            "publicity.list" => {
                serde_json::to_value(self.publicity(request)?).unwrap_or(Value::Null)
            }
            "publicity.csv" => json!({ "csv": self.publicity_csv(request)? }),
            other => {
                return Err(Problem::new(
                    "api.unknown_operation",
                    "$",
                    format!("未知的操作：{other}"),
                    format!("unknown operation: {other}"),
                ))
            }
        };
        Ok(canonical::value_to_string(&value))
    }

    /// Like [`Engine::handle`], but an error becomes `{"error": {…}}` so that the
    /// output is always one JSON document.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.handle_to_json("eligibility", "{");
    /// assert!(out.starts_with(r#"{"error":{"code":"input.malformed_json""#));
    /// ```
    pub fn handle_to_json(&self, operation: &str, request: &str) -> String {
        match self.handle(operation, request) {
            Ok(s) => s,
            Err(p) => canonical::to_string(&json!({ "error": p })),
        }
    }
}
