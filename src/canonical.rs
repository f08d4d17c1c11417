//! Canonical JSON: one byte sequence per value, natively and in WebAssembly.
//!
//! Object keys are sorted (serde_json's map is ordered by key), there is no
//! insignificant white space, and the engine never puts a float into its output
//! (money is a string), so the same value serialises to the same bytes on every
//! target. The golden corpus, the npm package tests and the server parity test all
//! compare these bytes.

use serde::Serialize;
use serde_json::Value;

/// Serialises `value` as canonical JSON.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct S { b: u8, a: &'static str }
/// assert_eq!(peixun::canonical::to_string(&S { b: 1, a: "x" }), r#"{"a":"x","b":1}"#);
/// ```
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising our own types into a Value cannot fail: they have string keys
    // and no non-finite floats. Fall back to an explicit error object rather than
    // panicking if that invariant is ever broken.
    match serde_json::to_value(value) {
        Ok(v) => value_to_string(&v),
        Err(e) => value_to_string(
            &serde_json::json!({ "code": "internal.serialise", "message_en": e.to_string() }),
        ),
    }
}

/// Writes a JSON value with object keys sorted at every level, whatever map
/// type serde_json was built with (another crate enabling `preserve_order` must
/// not change our bytes).
pub fn value_to_string(v: &Value) -> String {
    let mut out = String::new();
    write_value(v, &mut out);
    out
}

fn write_value(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            crate::sort::ascending(&mut keys);
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_value(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
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
