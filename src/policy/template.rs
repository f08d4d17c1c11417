//! Message templates: `{name}` placeholders filled with the facts a rule used.

use serde_json::Value;

use crate::report::Facts;

/// The language a message is rendered in; it decides how lists, booleans and
/// missing values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

/// Fills `{name}` placeholders from `facts`. `{{` and `}}` are literal braces;
/// an unknown name is left as written (the lint refuses such templates).
///
/// ```
/// use peixun::policy::template::{render, Lang};
/// let mut facts = peixun::report::Facts::new();
/// facts.insert("graduation_year", serde_json::json!(2020));
/// facts.insert("years", serde_json::json!([2021, 2022, 2023]));
/// assert_eq!(render("毕业年份 {graduation_year} 不在 {years} 内", &facts, Lang::Zh),
///            "毕业年份 2020 不在 2021、2022、2023 内");
/// ```
pub fn render(template: &str, facts: &Facts, lang: Lang) -> String {
    render_with(template, facts, None, lang)
}

/// [`render`], with one more placeholder (`extra`: its name and text) that
/// takes precedence over a fact of the same name.
pub(crate) fn render_with(
    template: &str,
    facts: &Facts,
    extra: Option<(&str, &str)>,
    lang: Lang,
) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    // Braces are ASCII, so a byte search finds them without decoding characters.
    while let Some(i) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let bytes = tail.as_bytes();
        if bytes.get(1) == Some(&bytes[0]) {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if bytes[0] == b'{' {
            if let Some(end) = memchr::memchr(b'}', tail.as_bytes()) {
                let name = &tail[1..end];
                match extra {
                    Some((n, text)) if n == name => out.push_str(text),
                    _ => match facts.get(name) {
                        Some(v) => show_into(v, lang, &mut out),
                        None => out.push_str(&tail[..=end]),
                    },
                }
                rest = &tail[end + 1..];
                continue;
            }
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// The placeholder names a template uses, in order.
///
/// ```
/// let names: Vec<&str> = peixun::policy::template::placeholders("a {x} b {{lit}} {y}").collect();
/// assert_eq!(names, vec!["x", "y"]);
/// ```
pub fn placeholders(template: &str) -> Placeholders<'_> {
    Placeholders { rest: template }
}

/// The iterator [`placeholders`] returns. Every policy's templates are scanned
/// by the lint each time an engine is created, so it allocates nothing and
/// reads bytes (braces are ASCII, so no character is split).
#[derive(Debug, Clone)]
pub struct Placeholders<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Placeholders<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let bytes = self.rest.as_bytes();
            let i = memchr::memchr2(b'{', b'}', bytes)?;
            if bytes.get(i + 1) == Some(&bytes[i]) {
                // `{{` or `}}`: a literal brace.
                self.rest = &self.rest[i + 2..];
                continue;
            }
            if bytes[i] == b'{' {
                if let Some(len) = memchr::memchr(b'}', &bytes[i..]) {
                    let name = &self.rest[i + 1..i + len];
                    self.rest = &self.rest[i + len + 1..];
                    return Some(name);
                }
            }
            self.rest = &self.rest[i + 1..];
        }
    }
}

fn show_into(v: &Value, lang: Lang, out: &mut String) {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Number(n) => {
            use std::fmt::Write;
            let _ = write!(out, "{n}");
        }
        Value::Array(items) if !items.is_empty() => {
            let sep = match lang {
                Lang::Zh => "、",
                Lang::En => ", ",
            };
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                show_into(item, lang, out);
            }
        }
        other => out.push_str(&show(other, lang)),
    }
}

fn show(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => match lang {
            Lang::Zh => "未知".to_owned(),
            Lang::En => "unknown".to_owned(),
        },
        Value::Bool(b) => match (lang, b) {
            (Lang::Zh, true) => "是".to_owned(),
            (Lang::Zh, false) => "否".to_owned(),
            (Lang::En, true) => "yes".to_owned(),
            (Lang::En, false) => "no".to_owned(),
        },
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => {
            if items.is_empty() {
                return match lang {
                    Lang::Zh => "无".to_owned(),
                    Lang::En => "none".to_owned(),
                };
            }
            let sep = match lang {
                Lang::Zh => "、",
                Lang::En => ", ",
            };
            items
                .iter()
                .map(|i| show(i, lang))
                .collect::<Vec<_>>()
                .join(sep)
        }
        Value::Object(_) => v.to_string(),
    }
}
