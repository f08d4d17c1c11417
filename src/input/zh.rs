//! Chinese wording of the reader's own messages: serde's standard errors
//! (wrong type, missing or unknown field, unknown value) and serde_json's
//! syntax errors. A clerk reads `缺少字段 `policy``, not `missing field`.

use serde::de::Unexpected;

/// How a JSON value found in the input is named.
pub(crate) fn unexpected(u: &Unexpected) -> String {
    match u {
        Unexpected::Bool(b) => format!("布尔值 {b}"),
        Unexpected::Unsigned(n) => format!("整数 {n}"),
        Unexpected::Signed(n) => format!("整数 {n}"),
        Unexpected::Float(f) => format!("小数 {}", super::float_text(*f)),
        Unexpected::Char(c) => format!("字符 {c:?}"),
        Unexpected::Str(s) => format!("字符串 {s:?}"),
        Unexpected::Unit => "null".to_owned(),
        Unexpected::Seq => "数组".to_owned(),
        Unexpected::Map => "对象".to_owned(),
        other => super::de::unexpected_en(other),
    }
}

/// How what the reader expected is named (serde's English, translated when
/// it is one of the usual shapes; a type's own description stays as written).
pub(crate) fn expected(en: &str) -> String {
    let unsigned = |max: &str| format!("不超过 {max} 的非负整数");
    let signed = |lo: &str, hi: &str| format!("介于 {lo} 和 {hi} 之间的整数");
    match en {
        "a string" | "a borrowed string" | "a string key" => "字符串".to_owned(),
        "a boolean" => "布尔值 true 或 false".to_owned(),
        "a sequence" => "数组".to_owned(),
        "a map" => "对象".to_owned(),
        "unit" => "null".to_owned(),
        "u8" => unsigned("255"),
        "u16" => unsigned("65535"),
        "u32" => unsigned("4294967295"),
        "u64" | "usize" => "非负整数".to_owned(),
        "i8" => signed("-128", "127"),
        "i16" => signed("-32768", "32767"),
        "i32" | "i64" | "isize" => "整数".to_owned(),
        "f32" | "f64" => "数字".to_owned(),
        "an object with a single key" => "只有一个键的对象".to_owned(),
        "a string or an object with a single key" => "字符串或只有一个键的对象".to_owned(),
        _ => match en.split_once(' ') {
            Some(("struct", name)) | Some(("map", name)) => format!("对象（{name}）"),
            Some(("enum", name)) => format!("取值（{name}）"),
            _ => en.to_owned(),
        },
    }
}

/// `` `a`、`b`、`c` `` for a list of names.
pub(crate) fn names(list: &[&str]) -> String {
    list.iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join("、")
}

/// serde_json's syntax error in Chinese, with its line and column.
pub(crate) fn syntax(en: &str) -> String {
    let (what, at) = match en.rfind(" at line ") {
        Some(i) => (&en[..i], Some(&en[i + " at line ".len()..])),
        None => (en, None),
    };
    let zh = match what {
        "EOF while parsing a list" => "数组没有结束（缺少 `]`）",
        "EOF while parsing an object" => "对象没有结束（缺少 `}`）",
        "EOF while parsing a string" => "字符串没有结束（缺少 `\"`）",
        "EOF while parsing a value" => "内容在此中断，缺少一个值",
        "expected `:`" => "此处应为冒号 `:`",
        "expected `,` or `]`" => "此处应为逗号 `,` 或 `]`",
        "expected `,` or `}`" => "此处应为逗号 `,` 或 `}`",
        "expected value" => "此处应为一个值",
        "expected ident" => "此处应为 true、false 或 null",
        "trailing characters" => "JSON 结束后还有多余的内容",
        "trailing comma" => "多余的逗号",
        "key must be a string" => "对象的键必须是字符串",
        "invalid escape" => "无效的转义",
        "invalid number" => "无效的数字",
        "number out of range" => "数字超出范围",
        "invalid unicode code point" => "无效的 Unicode 码点",
        "recursion limit exceeded" => "嵌套层数过多",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "无效的 Unicode 转义"
        }
        w if w.starts_with("control character") => "字符串中含有控制字符",
        _ => what,
    };
    match at.and_then(|a| a.split_once(" column ")) {
        Some((line, column)) => format!("{zh}（第 {line} 行第 {column} 列）"),
        None => zh.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_read_in_chinese_with_their_place() {
        assert_eq!(
            syntax("EOF while parsing a value at line 1 column 11"),
            "内容在此中断，缺少一个值（第 1 行第 11 列）"
        );
        assert_eq!(
            syntax("trailing characters at line 2 column 3"),
            "JSON 结束后还有多余的内容（第 2 行第 3 列）"
        );
        assert_eq!(syntax("something new"), "something new");
    }

    #[test]
    fn values_and_expectations_are_named() {
        assert_eq!(unexpected(&Unexpected::Str("2022")), "字符串 \"2022\"");
        assert_eq!(expected("i32"), "整数");
        assert_eq!(expected("u16"), "不超过 65535 的非负整数");
        assert_eq!(expected("struct ClassSchedule"), "对象（ClassSchedule）");
        assert_eq!(names(&["a", "b"]), "`a`、`b`");
    }
}
