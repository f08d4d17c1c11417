//! How numbers, times and days read in facts and messages.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// A rate as a percentage with two places: `0.9167` → `91.67`.
pub(crate) fn percent(d: Decimal) -> String {
    let mut p = (d * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    p.to_string()
}

/// `HH:MM` from seconds since midnight.
pub(crate) fn clock(secs: u32) -> String {
    let (h, m) = (secs / 3600, secs / 60 % 60);
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    [digit(h / 10), digit(h), ':', digit(m / 10), digit(m)]
        .into_iter()
        .collect()
}

/// `YYYY-MM-DD`, without the formatting machinery (findings name many days).
pub(crate) fn ymd(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.to_string();
    }
    let y = y as u32;
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]
    .into_iter()
    .collect()
}

pub(crate) fn weekday_zh(d: NaiveDate) -> &'static str {
    [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ][d.weekday().num_days_from_monday() as usize]
}

pub(crate) fn weekday_en(d: NaiveDate) -> &'static str {
    crate::input::date::weekday_long(d)
}

/// What kind of day `date` is for the class, when it is not one of its training
/// days: `(zh, en, holiday)`, e.g. `("清明节放假", "a rest day of the 清明节
/// holiday", "清明节")`, `("本班不培训的工作日", …, null)` or `("班期以外",
/// "outside the class's dates", null)`. Findings about a punch, a video or a
/// supervision record that does not count on such a day name it this way.
pub(crate) fn day_kind(
    s: &super::schedule::Schedule,
    date: NaiveDate,
) -> (String, String, serde_json::Value) {
    match s.info(date) {
        Some(info) if date >= s.start && date <= s.end => {
            let (zh, en) = match (&info.holiday, info.is_workday()) {
                (_, true) => (
                    "本班不培训的工作日".to_owned(),
                    "a working day this class does not train".to_owned(),
                ),
                (Some(h), false) => (format!("{h}放假"), format!("a rest day of the {h} holiday")),
                (None, false) => (
                    info.kind.label_zh().to_owned(),
                    info.kind.label_en().to_owned(),
                ),
            };
            let holiday = info
                .holiday
                .clone()
                .map(serde_json::Value::from)
                .unwrap_or(serde_json::Value::Null);
            (zh, en, holiday)
        }
        _ => (
            "班期以外".to_owned(),
            "outside the class's dates".to_owned(),
            serde_json::Value::Null,
        ),
    }
}
