//! Moments: RFC 3339 date-times with a UTC offset, and the China Standard Time
//! calendar day they fall on.
//!
//! A voucher's validity is a range of calendar days in China (UTC+08:00, no
//! daylight saving). A moment given with any offset is first moved to UTC+08:00
//! and its date taken there, so `2024-06-30T20:00:00-05:00` is already
//! 1 July in China.

use crate::error::InputCode;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// China Standard Time, UTC+08:00.
///
/// ```
/// assert_eq!(peixun::voucher::moment::CHINA.local_minus_utc(), 8 * 3600);
/// ```
pub const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    // Evaluated at compile time: 8 hours is inside the ±24 h range.
    None => panic!("UTC+08:00 is a valid offset"),
};

/// Parses an RFC 3339 moment with its offset (`2024-05-10T09:00:00+08:00`,
/// `2024-05-10T01:00:00Z`).
///
/// Errors are `(code, detail)`: `input.missing_offset` for a date-time without
/// an offset, `input.invalid_time` otherwise.
///
/// ```
/// use peixun::voucher::moment::parse;
/// let m = parse("2024-05-10T09:00:00+08:00").unwrap();
/// assert_eq!(m.timestamp(), 1_715_302_800);
/// assert_eq!(parse("2024-05-10T09:00:00").unwrap_err().0, "input.missing_offset");
/// assert_eq!(parse("2024-02-30T09:00:00+08:00").unwrap_err().0, "input.invalid_time");
/// ```
pub fn parse(s: &str) -> Result<DateTime<FixedOffset>, (InputCode, String)> {
    parse_explained(s).map_err(|(code, en, _)| (code, en))
}

/// [`parse`] with the detail in English and in Chinese.
pub(crate) fn parse_explained(
    s: &str,
) -> Result<DateTime<FixedOffset>, (InputCode, String, String)> {
    let t = s.trim();
    if let Some(m) = crate::input::date::rfc3339(t) {
        return Ok(m);
    }
    if is_local_date_time(t) {
        return Err((
            InputCode::MissingOffset,
            format!("`{t}` has no UTC offset; write e.g. `{t}+08:00`"),
            format!("`{t}` 没有时区偏移；请写成例如 `{t}+08:00`（北京时间）"),
        ));
    }
    Err((
        InputCode::InvalidTime,
        format!("`{t}` is not an RFC 3339 date-time such as 2024-05-10T09:00:00+08:00"),
        format!("`{t}` 不是 RFC 3339 日期时间，例如 2024-05-10T09:00:00+08:00"),
    ))
}

/// A date and time that exists, without an offset: `YYYY-MM-DDTHH:MM:SS`,
/// optionally with a fraction of a second, or `YYYY-MM-DD HH:MM:SS`.
fn is_local_date_time(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() < 19 || !t.is_char_boundary(19) {
        return false;
    }
    let shape = matches!(b[10], b'T' | b' ') && crate::input::date::has_date_time_shape(b);
    let rest = &t[19..];
    let rest_ok = rest.is_empty()
        || (b[10] == b'T'
            && rest.len() > 1
            && rest.starts_with('.')
            && rest[1..].bytes().all(|c| c.is_ascii_digit()));
    if !shape || !rest_ok {
        return false;
    }
    let num = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    crate::input::date::parse(&t[..10]).is_ok()
        && crate::input::date::time_exists(num(11), num(14), num(17))
}

#[cfg(test)]
mod tests {
    /// `is_local_date_time` agrees with chrono's three local formats on
    /// well-shaped texts (two-digit fields, four-digit years).
    #[test]
    fn local_date_time_agrees_with_chrono() {
        let mut samples = Vec::new();
        for date in [
            "2024-05-10",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "0000-01-01",
        ] {
            for time in ["09:00:00", "23:59:60", "24:00:00", "12:60:00", "00:00:61"] {
                for sep in ["T", " ", "t"] {
                    for frac in ["", ".5", ".123456789123", ".", ".x"] {
                        samples.push(format!("{date}{sep}{time}{frac}"));
                    }
                }
            }
        }
        for s in samples {
            let chrono = [
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M:%S",
            ]
            .iter()
            .any(|f| chrono::NaiveDateTime::parse_from_str(&s, f).is_ok());
            assert_eq!(super::is_local_date_time(&s), chrono, "{s}");
        }
    }
}

/// The calendar day in China on which a moment falls.
///
/// ```
/// use peixun::voucher::moment::{china_date, parse};
/// let m = parse("2024-06-30T20:00:00-05:00").unwrap();
/// assert_eq!(china_date(&m).to_string(), "2024-07-01");
/// ```
pub fn china_date(m: &DateTime<FixedOffset>) -> NaiveDate {
    m.with_timezone(&CHINA).date_naive()
}

/// Formats a moment as RFC 3339 in China Standard Time, to the second.
///
/// ```
/// use peixun::voucher::moment::{format_china, parse};
/// let m = parse("2024-05-10T01:00:00.9Z").unwrap();
/// assert_eq!(format_china(&m), "2024-05-10T09:00:00+08:00");
/// ```
pub fn format_china(m: &DateTime<FixedOffset>) -> String {
    crate::input::date::format_moment(&m.with_timezone(&CHINA))
}

/// Serde helpers for a required moment with the `input.*` codes.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct S { #[serde(with = "peixun::voucher::moment::serde_moment")] at: chrono::DateTime<chrono::FixedOffset> }
/// let e = peixun::input::from_json::<S>(r#"{"at": "2024-05-10 09:00:00"}"#, 100).err().unwrap();
/// assert_eq!((e.code.as_str(), e.path.as_str()), ("input.missing_offset", "$.at"));
/// ```
pub mod serde_moment {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Deserialises an RFC 3339 moment.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_explained(&s).map_err(|(code, en, zh)| {
            serde::de::Error::custom(crate::input::coded_zh(code, en, zh))
        })
    }

    /// Serialises a moment in China Standard Time, to the second.
    pub fn serialize<S: Serializer>(m: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_china(m))
    }

    /// The same for an optional moment.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct S { #[serde(default, with = "peixun::voucher::moment::serde_moment::option")] at: Option<chrono::DateTime<chrono::FixedOffset>> }
    /// assert!(serde_json::from_str::<S>("{}").unwrap().at.is_none());
    /// ```
    pub mod option {
        use chrono::{DateTime, FixedOffset};
        use serde::{Deserialize, Deserializer, Serializer};

        /// Deserialises an optional moment (`null` or absent is `None`).
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(s) => super::super::parse_explained(&s)
                    .map(Some)
                    .map_err(|(code, en, zh)| {
                        serde::de::Error::custom(crate::input::coded_zh(code, en, zh))
                    }),
            }
        }

        /// Serialises an optional moment.
        pub fn serialize<S: Serializer>(
            m: &Option<DateTime<FixedOffset>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match m {
                Some(m) => s.serialize_str(&super::super::format_china(m)),
                None => s.serialize_none(),
            }
        }
    }
}
