//! Canonical JSON: one byte sequence per value, natively and in WebAssembly.
//!
//! Object keys are sorted by their bytes at every level (the order of a
//! `BTreeMap<String, _>`), there is no insignificant white space, strings are
//! escaped as serde_json escapes them, and the engine never puts a float into
//! its output (money is a string), so the same value serialises to the same
//! bytes on every target. `writer` writes it in one pass, with no
//! `serde_json::Value` in between. The golden corpus, the npm package tests and the server parity test all
//! compare these bytes.

use crate::error::InternalCode;
use serde::Serialize;
use serde_json::Value;

mod writer;

pub use writer::Error;

/// Serialises `value` as canonical JSON.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct S { b: u8, a: &'static str }
/// assert_eq!(peixun::canonical::to_string(&S { b: 1, a: "x" }), r#"{"a":"x","b":1}"#);
/// ```
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    // The engine's own types always serialise: string keys, no floats. Should
    // that invariant ever break, the answer is an explicit error object, not a
    // panic and not half a document.
    try_to_string(value).unwrap_or_else(|e| {
        #[derive(Serialize)]
        struct Failed {
            code: crate::error::InternalCode,
            message_en: String,
        }
        try_to_string(&Failed {
            code: InternalCode::Serialise,
            message_en: e.to_string(),
        })
        .unwrap_or_default()
    })
}

/// Serialises `value` as canonical JSON: the bytes `serde_json::to_value`
/// followed by a sorted-key writer gives (the writer this one replaced, kept
/// to test against), written directly. Fails where `to_value` fails, and on a
/// float map key or a raw JSON value.
///
/// ```
/// let map = std::collections::HashMap::from([("b", vec![2]), ("a", vec![])]);
/// assert_eq!(peixun::canonical::try_to_string(&map).unwrap(), r#"{"a":[],"b":[2]}"#);
/// let list_keys = std::collections::BTreeMap::from([(vec![1u8], 1)]);
/// let error = peixun::canonical::try_to_string(&list_keys).unwrap_err();
/// assert_eq!(error.to_string(), "key must be a string");
/// ```
pub fn try_to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    writer::Writer::write(value)
}

/// Writes a JSON value with object keys sorted at every level, whatever map
/// type serde_json was built with (another crate enabling `preserve_order` must
/// not change our bytes).
///
/// ```
/// let v = serde_json::json!({"b": [1, "x\n"], "a": {"d": null, "c": "é"}});
/// assert_eq!(peixun::canonical::value_to_string(&v), r#"{"a":{"c":"é","d":null},"b":[1,"x\n"]}"#);
/// ```
pub fn value_to_string(v: &Value) -> String {
    to_string(v)
}

/// Re-serialises a JSON text canonically (for comparing expected outputs).
///
/// ```
/// assert_eq!(peixun::canonical::normalise(r#"{ "b": 1, "a": [1, 2] }"#).unwrap(), r#"{"a":[1,2],"b":1}"#);
/// ```
pub fn normalise(text: &str) -> Result<String, serde_json::Error> {
    let v: Value = serde_json::from_str(text)?;
    Ok(value_to_string(&v))
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests;
