//! One entry point for every surface: an operation name and a JSON request in,
//! canonical JSON out.
//!
//! The golden corpus, the WebAssembly module and the server all call
//! [`Engine::handle`] (or [`Engine::handle_mut`] for the operations that
//! change the engine), so the same request gives the same bytes everywhere.
//! Both look the operation up in the registry, [`crate::ops`], which lists
//! every operation with its request and answer types.
//!
//! Errors are returned as [`Problem`]s; [`Engine::handle_to_json`] turns them
//! into `{"error": {…}}` so that callers comparing bytes compare errors too.
//! The paths of errors inside a request's `text` (`policy.load`,
//! `calendar.update`) are paths in that text (`$.holidays[0].off[1]`,
//! `line 3`), not in the request.

use serde::Serialize;

use crate::canonical;
use crate::engine::Engine;
use crate::error::{ApiCode, Problem};
use crate::ops::{self, Run};

/// `{"error": problem}`: the answer of `handle_to_json`, of the WebAssembly
/// `handleJson` and of the server (its error bodies) to a refused request.
///
/// ```
/// use peixun::error::{ApiCode, Problem};
/// let p = Problem::new(ApiCode::ReadOnly, "$.a", "中", "en");
/// assert_eq!(
///     peixun::api::error_answer(&p),
///     r#"{"error":{"code":"api.read_only","message_en":"en","message_zh":"中","path":"$.a"}}"#
/// );
/// ```
pub fn error_answer(problem: &Problem) -> String {
    #[derive(Serialize)]
    struct Refused<'a> {
        error: &'a Problem,
    }
    canonical::to_string(&Refused { error: problem })
}

fn unknown_operation(op: &str) -> Problem {
    Problem::new(
        ApiCode::UnknownOperation,
        "$",
        format!("未知的操作：{op}"),
        format!("unknown operation: {op}"),
    )
}

impl Engine {
    /// Runs any operation of the registry, including those that change the
    /// engine (`policy.load`, `calendar.update`). A refused change leaves the
    /// engine as it was.
    ///
    /// ```
    /// let mut engine = peixun::engine::Engine::new().unwrap();
    /// let notice = r#"{"year": 2027, "source": "国办发明电〔2026〕N号", "holidays": [{"name": "元旦", "off": ["2027-01-01..2027-01-03"]}]}"#;
    /// let request = serde_json::json!({ "text": notice }).to_string();
    /// let out = engine.handle_mut("calendar.update", &request).unwrap();
    /// assert!(out.contains(r#""year":2027"#));
    /// let day = engine.handle("calendar.day", r#"{"date": "2027-01-04"}"#).unwrap();
    /// assert!(day.contains(r#""workday":true"#));
    /// ```
    pub fn handle_mut(&mut self, operation: &str, request: &str) -> Result<String, Problem> {
        match ops::find(operation).map(|op| op.run) {
            Some(Run::Change(run)) => run(self, request),
            Some(Run::Read(run)) => run(self, request),
            None => Err(unknown_operation(operation)),
        }
    }

    /// Like [`Engine::handle_mut`], with an error as `{"error": {…}}`.
    ///
    /// ```
    /// let mut engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.handle_mut_to_json("policy.load", r#"{"text": "id = 1"}"#);
    /// assert!(out.starts_with(r#"{"error":{"code":"policy."#));
    /// ```
    pub fn handle_mut_to_json(&mut self, operation: &str, request: &str) -> String {
        match self.handle_mut(operation, request) {
            Ok(s) => s,
            Err(p) => error_answer(&p),
        }
    }

    /// Runs `operation` on a JSON request and returns canonical JSON. An
    /// operation that changes the engine is refused (`api.read_only`): call
    /// [`Engine::handle_mut`].
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.handle("id.mask", r#"{"number": "11010519491231002X"}"#).unwrap();
    /// assert_eq!(out, r#"{"masked":"110105********002X"}"#);
    /// assert_eq!(engine.handle("nope", "{}").unwrap_err().code, "api.unknown_operation");
    /// let err = engine.handle("calendar.update", r#"{"text": ""}"#).unwrap_err();
    /// assert_eq!(err.code.as_str(), "api.read_only");
    /// ```
    pub fn handle(&self, operation: &str, request: &str) -> Result<String, Problem> {
        match ops::find(operation).map(|op| op.run) {
            Some(Run::Read(run)) => run(self, request),
            Some(Run::Change(_)) => Err(Problem::new(
                ApiCode::ReadOnly,
                "$",
                format!("操作 {operation} 会修改引擎，须通过 handle_mut 调用"),
                format!("operation {operation} changes the engine: call it through handle_mut"),
            )),
            None => Err(unknown_operation(operation)),
        }
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
            Err(p) => error_answer(&p),
        }
    }
}

/// Every operation [`Engine::handle_mut`] knows in this build, by name (the
/// registry's, [`crate::ops::all`]).
///
/// ```
/// let mut engine = peixun::engine::Engine::new().unwrap();
/// for op in peixun::api::operations() {
///     let out = engine.handle_mut_to_json(op, "{}");
///     assert!(!out.contains("api.unknown_operation"), "{op}");
/// }
/// ```
pub fn operations() -> impl Iterator<Item = &'static str> {
    ops::all().map(|op| op.name)
}

/// Whether `operation` changes the engine (only [`Engine::handle_mut`] runs it).
///
/// ```
/// assert!(peixun::api::changes_engine("policy.load"));
/// assert!(!peixun::api::changes_engine("eligibility"));
/// ```
pub fn changes_engine(operation: &str) -> bool {
    ops::find(operation).is_some_and(|op| op.changes_engine())
}
