//! Reading JSON input: size limit, path of the bad field, a stable code.
//!
//! Every JSON document that enters the engine (an applicant, a claim, a policy
//! loaded from JS) goes through [`from_json`]. A failure is an [`InputError`] with
//! the JSON path of the field (`$.workers[2].first_contribution`) and a code that
//! says what kind of problem it is, so that a clerk sees "row 3, this column" and
//! a program can branch on the code.

use serde::de::DeserializeOwned;

use crate::error::{Code, Explain};

pub use crate::error::InputCode;

pub(crate) mod de;
mod json;
pub(crate) mod tree;
mod zh;

pub use de::Chain;
pub(crate) use tree::Node;

/// The largest JSON document the engine reads by default: 8 MiB.
///
/// A 50-trainee, six-month class with two punches per session is about 2 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Marks a custom deserialisation message that carries its own code.
const CODE_MARK: char = '\u{1}';

/// Marks the path, relative to where the error surfaced, inside a coded message.
const PATH_MARK: char = '\u{2}';

/// Marks the Chinese wording inside a coded message.
const ZH_MARK: char = '\u{3}';

/// Builds a serde error message carrying a stable code and the detail in
/// English and Chinese; [`from_json`] extracts them.
pub(crate) fn coded_zh(
    code: InputCode,
    en: impl std::fmt::Display,
    zh: impl std::fmt::Display,
) -> String {
    format!("{CODE_MARK}{code}{CODE_MARK}{ZH_MARK}{zh}{ZH_MARK}{en}")
}

/// Like [`coded_zh`], with a path below the place the error surfaces (`.kind`,
/// `[2].date`). Used where serde buffers a value and loses track of paths.
pub(crate) fn coded_at(
    code: InputCode,
    subpath: &str,
    en: impl std::fmt::Display,
    zh: impl std::fmt::Display,
) -> String {
    format!("{CODE_MARK}{code}{CODE_MARK}{PATH_MARK}{subpath}{PATH_MARK}{ZH_MARK}{zh}{ZH_MARK}{en}")
}

/// [`coded_zh`] with the code, the error's own words and its Chinese.
pub(crate) fn coded_explained(code: InputCode, e: &(impl Explain + std::fmt::Display)) -> String {
    coded_zh(code, e, e.message_zh())
}

/// Deserialises a buffered JSON value inside a custom `Deserialize` impl,
/// keeping the code, the Chinese and the path of any error below the current
/// position.
pub(crate) fn nested<T: DeserializeOwned, E: serde::de::Error>(node: Node<'_>) -> Result<T, E> {
    from_node(node).map_err(|e| {
        let sub = e.path.strip_prefix('$').unwrap_or(&e.path).to_owned();
        let zh = e.detail_zh.as_deref().unwrap_or(&e.detail);
        E::custom(coded_at(e.code, &sub, &e.detail, zh))
    })
}

/// A problem with a JSON input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("[{code}] {path}: {detail}")]
pub struct InputError {
    /// Stable code, e.g. `input.wrong_type`.
    pub code: InputCode,
    /// JSON path of the field.
    pub path: String,
    /// What the parser said, in English.
    pub detail: String,
    /// The same in Chinese, when the reader has the words (otherwise the
    /// Chinese message carries the English detail).
    pub detail_zh: Option<String>,
}

impl InputError {
    /// An input error at `path`.
    ///
    /// ```
    /// use peixun::input::{InputCode, InputError};
    /// let e = InputError::new(InputCode::InvalidValue, "$.x", "bad");
    /// assert_eq!(e.path, "$.x");
    /// ```
    pub fn new(code: InputCode, path: impl Into<String>, detail: impl Into<String>) -> Self {
        InputError {
            code,
            path: path.into(),
            detail: detail.into(),
            detail_zh: None,
        }
    }

    /// The same error with the Chinese wording of its detail.
    ///
    /// ```
    /// use peixun::error::Explain;
    /// use peixun::input::{InputCode, InputError};
    /// let e = InputError::new(InputCode::InvalidValue, "$.x", "bad").with_zh("无效");
    /// assert_eq!(e.message_zh(), "输入值无效（位置 $.x）：无效");
    /// ```
    pub fn with_zh(mut self, zh: impl Into<String>) -> Self {
        self.detail_zh = Some(zh.into());
        self
    }
}

impl Explain for InputError {
    fn code(&self) -> Code {
        self.code.into()
    }
    fn path(&self) -> String {
        self.path.clone()
    }
    fn message_zh(&self) -> String {
        let detail = self.detail_zh.as_deref().unwrap_or(&self.detail);
        format!("{}（位置 {}）：{detail}", self.code.wording_zh(), self.path)
    }
    fn message_en(&self) -> String {
        format!(
            "{} at {}: {}",
            self.code.wording_en(),
            self.path,
            self.detail
        )
    }
}

/// Parses a JSON document into `T`, refusing documents over `max_bytes`.
///
/// ```
/// #[derive(serde::Deserialize, Debug)]
/// struct A { year: u16 }
/// let err = peixun::input::from_json::<A>(r#"{"year": "x"}"#, 1024).unwrap_err();
/// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.wrong_type", "$.year"));
/// let err = peixun::input::from_json::<A>("{", 1024).unwrap_err();
/// assert_eq!(err.code, peixun::input::InputCode::MalformedJson);
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str, max_bytes: usize) -> Result<T, InputError> {
    from_node(parse(text, max_bytes)?)
}

/// Reads JSON text into a tree: `input.too_large` over `max_bytes`,
/// `input.malformed_json` for bad syntax.
pub(crate) fn parse(text: &str, max_bytes: usize) -> Result<Node<'_>, InputError> {
    if text.len() > max_bytes {
        return Err(InputError::new(
            InputCode::TooLarge,
            "$",
            format!("{} bytes, limit {max_bytes}", text.len()),
        ));
    }
    // Where the parser stopped is in serde_json's message (line and column);
    // a field path would only name the last key read before the damage.
    Node::parse(text).map_err(|e| {
        let en = e.to_string();
        let zh = zh::syntax(&en);
        InputError::new(InputCode::MalformedJson, "$", en).with_zh(zh)
    })
}

/// Converts an already-parsed JSON value into `T` with the same error codes.
///
/// ```
/// let v = serde_json::json!({"a": 1});
/// let err = peixun::input::from_value::<String>(v).unwrap_err();
/// assert_eq!(err.code, peixun::input::InputCode::WrongType);
/// ```
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, InputError> {
    from_node(Node::from(value))
}

/// Reads `T` from a document already in memory.
pub(crate) fn from_node<T: DeserializeOwned>(node: Node<'_>) -> Result<T, InputError> {
    de::from_node(node).map_err(input_error)
}

/// Reads `T` from a document in memory, borrowing its strings (`T` may hold
/// a [`Node`] of the same text).
pub(crate) fn from_node_borrowed<'de, T: serde::Deserialize<'de>>(
    node: Node<'de>,
) -> Result<T, InputError> {
    de::from_node_borrowed(node).map_err(input_error)
}

/// A JSON number's digits as messages show them: the shortest that reads
/// back to the same number, `1500` for a whole number, `0.1` for a fraction.
/// Written by serde_json's float writer (in the module already, for output)
/// rather than the standard library's `Display`, which WebAssembly would
/// otherwise carry for messages only. Beyond 1e16 it writes an exponent
/// (`1e21`) where `Display` would write every digit.
pub(crate) fn float_text(f: f64) -> String {
    match serde_json::Number::from_f64(f) {
        Some(n) => {
            let s = n.to_string();
            match s.strip_suffix(".0") {
                Some(whole) => whole.to_owned(),
                None => s,
            }
        }
        None => "NaN".to_owned(),
    }
}

/// The input error for a failure of [`de`]: its code from the message.
pub(crate) fn input_error(e: de::DeError) -> InputError {
    let e = e.into_parts();
    let path = e.path.unwrap_or_else(|| "$".into());
    let Some(code) = e.code else {
        return classify(path, e.message, e.zh);
    };
    // A missing or repeated field: point at the field, not at its object.
    let path = match e.field {
        Some(field) => format!("{path}.{field}"),
        None => path,
    };
    InputError {
        detail_zh: e.zh,
        ..InputError::new(code, path, e.message)
    }
}

/// The error of a custom message: the code, path and Chinese it carries
/// (see [`coded_zh`]), or `input.invalid_value` (also when the text between
/// the markers is no code: a marker character in the input itself, since every
/// coded message the engine writes carries an [`InputCode`]).
fn classify(path: String, message: String, zh: Option<String>) -> InputError {
    // A coded message may follow a prefix added by another layer.
    if let Some((_, rest)) = message.split_once(CODE_MARK) {
        if let Some((code, detail)) = rest.split_once(CODE_MARK) {
            let (path, detail) = match detail
                .strip_prefix(PATH_MARK)
                .and_then(|d| d.split_once(PATH_MARK))
            {
                Some((sub, detail)) => (format!("{path}{sub}"), detail),
                None => (path, detail),
            };
            let (zh, detail) = match detail
                .strip_prefix(ZH_MARK)
                .and_then(|d| d.split_once(ZH_MARK))
            {
                Some((zh, detail)) => (Some(zh.to_owned()), detail),
                None => (None, detail),
            };
            return InputError {
                detail_zh: zh,
                ..InputError::new(
                    InputCode::parse(code).unwrap_or(InputCode::InvalidValue),
                    path,
                    strip_position(detail),
                )
            };
        }
    }
    // A custom message may arrive with serde_json's " at line L column C" suffix.
    InputError {
        detail_zh: zh,
        ..InputError::new(InputCode::InvalidValue, path, strip_position(&message))
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_owned(),
        _ => message.to_owned(),
    }
}

/// Serde helpers for calendar dates (`YYYY-MM-DD`) with the `input.invalid_date` code.
pub mod date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Parses `YYYY-MM-DD`, refusing impossible dates such as `2023-02-30`.
    ///
    /// ```
    /// assert!(peixun::input::date::parse("2024-02-29").is_ok());
    /// assert!(peixun::input::date::parse("2023-02-29").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<NaiveDate, String> {
        parse_explained(s).map_err(|(en, _)| en)
    }

    /// [`parse`] with the error in English and in Chinese.
    pub(crate) fn parse_explained(s: &str) -> Result<NaiveDate, (String, String)> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err((
                format!("`{s}` is not a date of the form YYYY-MM-DD"),
                format!("`{s}` 不是 YYYY-MM-DD 形式的日期"),
            ));
        }
        // The shape is checked: the three parts are ASCII digits. (Built by hand
        // rather than with chrono's format parser, which the WebAssembly build
        // would otherwise carry.)
        let num =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
        NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10)).ok_or_else(|| {
            (
                format!("`{s}` is not a date that exists"),
                format!("`{s}` 这个日期不存在"),
            )
        })
    }

    /// Whether the first 19 bytes have the shape `YYYY-MM-DD?HH:MM:SS`: digits
    /// and the `-`/`:` separators in place (the date/time separator at byte 10
    /// is left to the caller, which knows which ones it accepts).
    ///
    /// ```
    /// use peixun::input::date::has_date_time_shape;
    /// assert!(has_date_time_shape(b"2024-03-04T08:20:00+08:00"));
    /// assert!(!has_date_time_shape(b"2024-3-04T08:20:00"));
    /// ```
    pub fn has_date_time_shape(b: &[u8]) -> bool {
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        b.len() >= 19
            && b[4] == b'-'
            && b[7] == b'-'
            && b[13] == b':'
            && b[16] == b':'
            && digits(0..4)
            && digits(5..7)
            && digits(8..10)
            && digits(11..13)
            && digits(14..16)
            && digits(17..19)
    }

    /// Whether an hour, minute and second read from `HH:MM:SS` make a time of
    /// day: what chrono's `%H:%M:%S` accepts (a leap second `60` included).
    ///
    /// ```
    /// use peixun::input::date::time_exists;
    /// assert!(time_exists(23, 59, 60));
    /// assert!(!time_exists(24, 0, 0));
    /// ```
    pub fn time_exists(hour: u32, minute: u32, second: u32) -> bool {
        hour <= 23 && minute <= 59 && second <= 60
    }

    /// Reads an RFC 3339 date-time with its offset, accepting exactly what
    /// chrono's `DateTime::parse_from_rfc3339` accepts (checked against it by a
    /// differential test), without chrono's parser in the WebAssembly build:
    /// `YYYY-MM-DD`, then `T`, `t` or a space, `HH:MM:SS` (a leap second `60`
    /// included), an optional fraction of any length (nanoseconds kept), and
    /// `Z`, `z` or `±HH:MM` up to 23:59 (the minus also as U+2212).
    ///
    /// ```
    /// use peixun::input::date::rfc3339;
    /// let t = rfc3339("2024-05-10T09:00:00.25+08:00").unwrap();
    /// assert_eq!(t, chrono::DateTime::parse_from_rfc3339("2024-05-10T09:00:00.25+08:00").unwrap());
    /// assert!(rfc3339("2024-05-10T09:00:00").is_none());
    /// assert!(rfc3339("2024-02-30T09:00:00Z").is_none());
    /// ```
    pub fn rfc3339(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        use chrono::{FixedOffset, NaiveTime, TimeZone};
        let b = s.as_bytes();
        if !has_date_time_shape(b) || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let num = |at: usize, len: usize| {
            b[at..at + len]
                .iter()
                .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
        };
        let date = NaiveDate::from_ymd_opt(num(0, 4) as i32, num(5, 2), num(8, 2))?;
        // A leap second is second 59 with a billion nanoseconds more.
        let (second, mut nanos) = match num(17, 2) {
            60 => (59, 1_000_000_000),
            second => (second, 0),
        };
        // Byte 19 onward is the fraction, if any, then the offset.
        let mut rest = &b[19..];
        if let [b'.', after @ ..] = rest {
            let digits = after.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            // The first nine digits are nanoseconds; any further ones are read
            // past and dropped.
            let kept = digits.min(9);
            let fraction = after[..kept]
                .iter()
                .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
            nanos += fraction * 10u32.pow(9 - kept as u32);
            rest = &after[digits..];
        }
        let time = NaiveTime::from_hms_nano_opt(num(11, 2), num(14, 2), second, nanos)?;
        let offset = match rest {
            [b'Z' | b'z'] => 0,
            _ => {
                let (negative, hhmm) = match rest {
                    [b'+', hhmm @ ..] => (false, hhmm),
                    [b'-', hhmm @ ..] => (true, hhmm),
                    // U+2212 MINUS SIGN, as chrono accepts it.
                    [0xe2, 0x88, 0x92, hhmm @ ..] => (true, hhmm),
                    _ => return None,
                };
                let [h1, h2, b':', m1, m2] = *hhmm else {
                    return None;
                };
                if ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) || m1 > b'5' {
                    return None;
                }
                let secs = i32::from((h1 - b'0') * 10 + (h2 - b'0')) * 3600
                    + i32::from((m1 - b'0') * 10 + (m2 - b'0')) * 60;
                if negative {
                    -secs
                } else {
                    secs
                }
            }
        };
        FixedOffset::east_opt(offset)?
            .from_local_datetime(&date.and_time(time))
            .single()
    }

    /// Formats a date-time as RFC 3339 to the second with its offset, as chrono's
    /// `%Y-%m-%dT%H:%M:%S%:z` (`2024-05-10T09:00:00+08:00`), without chrono's
    /// format machinery (which the WebAssembly build would otherwise carry).
    ///
    /// ```
    /// let t = chrono::DateTime::parse_from_rfc3339("2024-05-10T09:00:00.5+08:00").unwrap();
    /// assert_eq!(peixun::input::date::format_moment(&t), "2024-05-10T09:00:00+08:00");
    /// ```
    pub fn format_moment(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
        use chrono::Timelike;
        let local = t.naive_local();
        let time = local.time();
        // A leap second is kept as the nanoseconds past 1e9 of second 59.
        let second = time.second() + time.nanosecond() / 1_000_000_000;
        let offset = t.offset().local_minus_utc();
        let (sign, offset) = if offset < 0 {
            ('-', -offset)
        } else {
            ('+', offset)
        };
        format!(
            "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            local.date(),
            time.hour(),
            time.minute(),
            second,
            offset / 3600,
            offset / 60 % 60
        )
    }

    /// The English abbreviation of the weekday: `Mon` … `Sun`.
    ///
    /// ```
    /// let d = "2023-10-07".parse().unwrap();
    /// assert_eq!(peixun::input::date::weekday_short(d), "Sat");
    /// ```
    pub fn weekday_short(date: NaiveDate) -> &'static str {
        use chrono::Datelike;
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            [date.weekday().num_days_from_monday() as usize % 7]
    }

    /// The English name of the weekday: `Monday` … `Sunday`.
    ///
    /// ```
    /// let d = "2023-10-07".parse().unwrap();
    /// assert_eq!(peixun::input::date::weekday_long(d), "Saturday");
    /// ```
    pub fn weekday_long(date: NaiveDate) -> &'static str {
        use chrono::Datelike;
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][date.weekday().num_days_from_monday() as usize % 7]
    }

    /// Deserialises a required date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        parse_explained(&s).map_err(|(en, zh)| {
            serde::de::Error::custom(super::coded_zh(super::InputCode::InvalidDate, en, zh))
        })
    }

    /// Serialises a date as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        // `YYYY-MM-DD` (chrono's Display, without its format machinery).
        s.serialize_str(&date.to_string())
    }

    /// The same for an optional date (`null` or absent is `None`).
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Deserialises an optional date.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(s) => super::parse_explained(&s).map(Some).map_err(|(en, zh)| {
                    serde::de::Error::custom(crate::input::coded_zh(
                        crate::input::InputCode::InvalidDate,
                        en,
                        zh,
                    ))
                }),
            }
        }

        /// Serialises an optional date.
        pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(d) => s.serialize_str(&d.to_string()),
                None => s.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod date_tests {
    use chrono::NaiveDate;

    /// `rfc3339` accepts and reads exactly what chrono's parser does: edge
    /// cases by hand, then every one-byte change of a few valid moments.
    #[test]
    fn rfc3339_agrees_with_chrono() {
        let mut cases: Vec<String> = [
            "2024-05-10T09:00:00+08:00",
            "2024-05-10t09:00:00z",
            "2024-05-10 09:00:00Z",
            "2024-05-10T09:00:00.1234567891234-05:30",
            "2024-05-10T09:00:00.+08:00",
            "2024-05-10T09:00:00.5",
            "2016-12-31T23:59:60.5+00:00",
            "2016-12-31T23:59:60Z",
            "2024-02-29T00:00:00+23:59",
            "2024-02-29T00:00:00+24:00",
            "2024-02-29T00:00:00-23:59",
            "2024-02-29T00:00:00+08:60",
            "2024-02-29T00:00:00+08:0",
            "2024-02-29T00:00:00+0800",
            "2024-02-29T00:00:00+08:00 ",
            "2024-02-29T00:00:00\u{2212}08:00",
            "2023-02-29T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999-23:59",
            "2024-05-10T24:00:00Z",
            "2024-05-10T09:60:00Z",
            "2024-05-10T09:00:61Z",
            "2024-05-10T09:00:00",
            "2024-05-10",
            "",
            "２０２４-05-10T09:00:00Z",
        ]
        .map(str::to_owned)
        .to_vec();
        let alphabet = b"0123456789+-:.TtZz \x7f";
        for base in ["2024-05-10T09:07:05.25+08:30", "1999-12-31T23:59:59Z"] {
            for at in 0..base.len() {
                for &c in alphabet {
                    let mut b = base.as_bytes().to_vec();
                    b[at] = c;
                    cases.push(String::from_utf8(b.clone()).unwrap());
                    b.insert(at, c);
                    cases.push(String::from_utf8(b).unwrap());
                }
                cases.push(format!("{}{}", &base[..at], &base[at + 1..]));
            }
        }
        for s in &cases {
            assert_eq!(
                super::date::rfc3339(s),
                chrono::DateTime::parse_from_rfc3339(s).ok(),
                "{s:?}"
            );
        }
    }

    /// `time_exists` accepts exactly what chrono's `%H:%M:%S` parser accepts on
    /// two-digit fields.
    #[test]
    fn time_exists_agrees_with_chrono() {
        for h in 0..=25 {
            for m in [0, 1, 30, 59, 60, 61] {
                for sec in [0, 30, 59, 60, 61, 99] {
                    let s = format!("2024-03-04T{h:02}:{m:02}:{sec:02}");
                    let chrono =
                        chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").is_ok();
                    assert_eq!(super::date::time_exists(h, m, sec), chrono, "{s}");
                }
            }
        }
    }

    /// The hand-written date reader agrees with chrono's `%Y-%m-%d` on every
    /// well-shaped text, and writing a date gives `%Y-%m-%d`.
    #[test]
    fn parse_and_display_agree_with_chrono() {
        for y in [0, 1, 999, 1800, 1900, 2000, 2023, 2024, 2100, 9999] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let s = format!("{y:04}-{m:02}-{d:02}");
                    let chrono = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
                    assert_eq!(super::date::parse(&s).ok(), chrono, "{s}");
                    if let Some(date) = chrono {
                        assert_eq!(date.to_string(), date.format("%Y-%m-%d").to_string());
                        for (h, m, sec) in [(0, 0, 0), (8, 5, 9), (23, 59, 59), (23, 59, 60)] {
                            let t = date
                                .and_hms_nano_opt(
                                    h,
                                    m,
                                    sec.min(59),
                                    if sec == 60 { 1_500_000_000 } else { 0 },
                                )
                                .unwrap();
                            for off in [8 * 3600, 0, -5 * 3600 - 1800, 14 * 3600] {
                                let offset = chrono::FixedOffset::east_opt(off).unwrap();
                                let at = t.and_local_timezone(offset).unwrap();
                                assert_eq!(
                                    super::date::format_moment(&at),
                                    at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
                                );
                            }
                        }
                        assert_eq!(
                            super::date::weekday_short(date),
                            date.format("%a").to_string()
                        );
                        assert_eq!(
                            super::date::weekday_long(date),
                            date.format("%A").to_string()
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod code_tests {
    use super::*;

    /// Every input code written into a serde message by `coded_zh` or
    /// `coded_at` is read back as the same code, with its path and wording;
    /// text between the markers that is no code reads as `input.invalid_value`.
    #[test]
    fn every_input_code_survives_the_markers() {
        for &code in InputCode::ALL {
            let e = classify("$.a".into(), coded_zh(code, "en", "中"), None);
            assert_eq!(
                (e.code, e.path.as_str(), e.detail.as_str()),
                (code, "$.a", "en")
            );
            assert_eq!(e.detail_zh.as_deref(), Some("中"));
            let e = classify("$.a".into(), coded_at(code, "[1].b", "en", "中"), None);
            assert_eq!((e.code, e.path.as_str()), (code, "$.a[1].b"));
        }
        let stray = format!("{CODE_MARK}input.no_such_code{CODE_MARK}detail");
        let e = classify("$".into(), stray, None);
        assert_eq!(
            (e.code, e.detail.as_str()),
            (InputCode::InvalidValue, "detail")
        );
    }
}
