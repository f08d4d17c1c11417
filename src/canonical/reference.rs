//! The writer canonical JSON had before [`super::writer`]: `serde_json::to_value`,
//! then the `Value` tree written with keys sorted. Kept to test the direct
//! writer against, byte for byte.

use serde::Serialize;
use serde_json::Value;

/// `to_value` + the sorted-key `Value` writer.
pub(super) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let v = serde_json::to_value(value)?;
    let mut out = String::new();
    write_value(&v, &mut out);
    Ok(out)
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

/// Strings are escaped as the direct writer escapes them: that escaping is
/// checked against serde_json's own in `tests.rs`.
fn write_string(s: &str, out: &mut String) {
    super::writer::write_string(s, out);
}
