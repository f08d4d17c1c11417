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
            out.push('{');
            // serde_json's map is ordered by key unless another crate turns on
            // `preserve_order`; only then are the keys sorted here.
            if map.keys().is_sorted() {
                for (i, (k, v)) in map.iter().enumerate() {
                    write_entry(i, k, v, out);
                }
            } else {
                let mut keys: Vec<&String> = map.keys().collect();
                crate::sort::ascending(&mut keys);
                for (i, k) in keys.into_iter().enumerate() {
                    write_entry(i, k, &map[k], out);
                }
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
        Value::String(s) => write_string(s, out),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            // Integers only in practice (no float reaches an output); written
            // without an intermediate string.
            use std::fmt::Write as _;
            let _ = write!(out, "{n}");
        }
    }
}

fn write_entry(i: usize, key: &str, value: &Value, out: &mut String) {
    if i > 0 {
        out.push(',');
    }
    write_string(key, out);
    out.push(':');
    write_value(value, out);
}

/// A JSON string as serde_json writes it: `"` and `\` escaped, the control
/// characters as `\b \t \n \f \r` or `\u00xx`, everything else as is
/// (written straight into `out`, with no string per key or value).
fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
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
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut tricky: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        tricky.extend(
            [
                "",
                "a\"b\\c",
                "培训\u{2028}\u{7f}\u{feff}😀",
                "\u{1}x\u{1f}",
                "end\\",
            ]
            .map(str::to_owned),
        );
        for s in tricky {
            let mut ours = String::new();
            write_string(&s, &mut ours);
            assert_eq!(ours, serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn values_are_written_with_sorted_keys_and_no_spaces() {
        let v = serde_json::json!({"b": [1, -2, true, null, "x\n"], "a": {"d": 18446744073709551615u64, "c": "é"}});
        assert_eq!(
            value_to_string(&v),
            r#"{"a":{"c":"é","d":18446744073709551615},"b":[1,-2,true,null,"x\n"]}"#
        );
    }
}
