//! What can go wrong when asking the calendar or loading an update.

use chrono::NaiveDate;

use crate::error::{CalendarCode, Explain};
use crate::input::InputError;

/// A calendar question that cannot be answered, or an update that was refused.
///
/// Every variant has a stable code (see [`Explain::code`]); the update variants
/// also carry the location of the offending item: a JSON path such as
/// `$.holidays[2].off[1]` for a JSON update, `line 14` for a table-format update.
///
/// ```
/// use peixun::calendar::{Calendar, CalendarError};
/// use peixun::error::Explain;
/// let day = chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
/// let err = Calendar::builtin().is_workday(day).unwrap_err();
/// assert_eq!(err, CalendarError::YearUnknown { year: 2031 });
/// assert_eq!(err.code().as_str(), "calendar.year_unknown");
/// assert!(err.message_en().contains("2031"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The calendar has no holiday arrangement for this year and was not told to
    /// assume one (`calendar.year_unknown`).
    #[error("the calendar has no holiday arrangement for {year}")]
    YearUnknown {
        /// The year asked about.
        year: i32,
    },
    /// A range whose end is before its start (`calendar.range_reversed`).
    #[error("the end date {to} is before the start date {from}")]
    RangeReversed {
        /// Start of the range.
        from: NaiveDate,
        /// End of the range.
        to: NaiveDate,
    },
    /// More working days than a single walk may take (`calendar.too_far`).
    #[error("{n} working days is beyond the limit of {limit} either way")]
    TooFar {
        /// The number of working days asked for.
        n: i32,
        /// The largest number allowed either way.
        limit: u32,
    },
    /// A walk looked at too many days without finding enough working days
    /// (`calendar.too_far`); only possible with an arrangement that is nearly all
    /// rest days.
    #[error("no working day found within {days} days of {from}")]
    NoWorkdayFound {
        /// Where the walk started.
        from: NaiveDate,
        /// How many days it looked at.
        days: u32,
    },
    /// A year and month that do not make a month (`calendar.bad_month`).
    #[error("{year}-{month:02} is not a month")]
    BadMonth {
        /// The year given.
        year: i32,
        /// The month given (valid months are 1 to 12).
        month: u32,
    },
    /// Zero working days from a day that is not a working day
    /// (`calendar.not_a_workday`).
    #[error("{date} is not a working day, so it cannot be 0 working days from itself")]
    NotAWorkday {
        /// The day given.
        date: NaiveDate,
    },
    /// An update that could not be read as JSON of the expected shape: the code
    /// is the input code (`input.malformed_json`, `input.missing_field`, …).
    #[error(transparent)]
    Input(InputError),
    /// The update's year is outside 2000–2199 (`calendar.update_bad_year`).
    #[error("{path}: {year} is not a year the calendar accepts")]
    UpdateBadYear {
        /// The year given.
        year: i32,
        /// Location of the item.
        path: String,
    },
    /// The update does not say where it comes from (`calendar.update_no_source`).
    #[error("{path}: the update names no source")]
    UpdateNoSource {
        /// Location of the item.
        path: String,
    },
    /// The update lists no holiday (`calendar.update_no_holidays`).
    #[error("{path}: the update lists no holiday")]
    UpdateNoHolidays {
        /// Location of the item.
        path: String,
    },
    /// A holiday without a name (`calendar.update_empty_name`).
    #[error("{path}: a holiday without a name")]
    UpdateEmptyName {
        /// Location of the item.
        path: String,
    },
    /// A holiday without rest days (`calendar.update_no_off_days`).
    #[error("{path}: holiday {name} has no rest days")]
    UpdateNoOffDays {
        /// The holiday's name.
        name: String,
        /// Location of the item.
        path: String,
    },
    /// Not a date of the form `YYYY-MM-DD`, or a date that does not exist
    /// (`calendar.update_bad_date`).
    #[error("{path}: `{text}` is not a date (YYYY-MM-DD) that exists")]
    UpdateBadDate {
        /// The text given.
        text: String,
        /// Location of the item.
        path: String,
    },
    /// A range `A..B` with B before A (`calendar.update_bad_range`).
    #[error("{path}: the range `{text}` ends before it starts")]
    UpdateBadRange {
        /// The text given.
        text: String,
        /// Location of the item.
        path: String,
    },
    /// A range longer than 31 days (`calendar.update_range_too_long`).
    #[error("{path}: the range `{text}` is {days} days long, more than 31")]
    UpdateRangeTooLong {
        /// The text given.
        text: String,
        /// Its length in days.
        days: u32,
        /// Location of the item.
        path: String,
    },
    /// A date outside the notice's year (`calendar.update_outside_year`). Only a
    /// 元旦 block may reach back, and only into the last 7 days of December.
    #[error("{path}: {date} is outside the {year} arrangement")]
    UpdateOutsideYear {
        /// The date given.
        date: NaiveDate,
        /// The notice's year.
        year: i32,
        /// Location of the item.
        path: String,
    },
    /// The same date listed twice (`calendar.update_duplicate_date`).
    #[error("{path}: {date} is listed twice")]
    UpdateDuplicateDate {
        /// The date given.
        date: NaiveDate,
        /// Location of the second listing.
        path: String,
    },
    /// A date listed both as a rest day and as a make-up working day
    /// (`calendar.update_conflict`).
    #[error("{path}: {date} is listed both as a rest day and as a working day")]
    UpdateConflict {
        /// The date given.
        date: NaiveDate,
        /// Location of the second listing.
        path: String,
    },
    /// A make-up working day on a Monday to Friday
    /// (`calendar.update_makeup_not_weekend`).
    #[error("{path}: make-up working day {date} is not a Saturday or Sunday")]
    UpdateMakeupNotWeekend {
        /// The date given.
        date: NaiveDate,
        /// Location of the item.
        path: String,
    },
    /// A table-format update that does not follow the format
    /// (`calendar.update_table_syntax`).
    #[error("{path}: {detail}")]
    UpdateTableSyntax {
        /// What is wrong, in English.
        detail: String,
        /// The line, as `line N`.
        path: String,
    },
}

impl From<InputError> for CalendarError {
    fn from(e: InputError) -> Self {
        CalendarError::Input(e)
    }
}

fn weekday_zh(date: NaiveDate) -> &'static str {
    use chrono::Datelike;
    [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ][date.weekday().num_days_from_monday() as usize]
}

impl Explain for CalendarError {
    fn code(&self) -> crate::error::Code {
        use CalendarError::*;
        match self {
            YearUnknown { .. } => CalendarCode::YearUnknown.into(),
            RangeReversed { .. } => CalendarCode::RangeReversed.into(),
            TooFar { .. } | NoWorkdayFound { .. } => CalendarCode::TooFar.into(),
            BadMonth { .. } => CalendarCode::BadMonth.into(),
            NotAWorkday { .. } => CalendarCode::NotAWorkday.into(),
            Input(e) => e.code(),
            UpdateBadYear { .. } => CalendarCode::UpdateBadYear.into(),
            UpdateNoSource { .. } => CalendarCode::UpdateNoSource.into(),
            UpdateNoHolidays { .. } => CalendarCode::UpdateNoHolidays.into(),
            UpdateEmptyName { .. } => CalendarCode::UpdateEmptyName.into(),
            UpdateNoOffDays { .. } => CalendarCode::UpdateNoOffDays.into(),
            UpdateBadDate { .. } => CalendarCode::UpdateBadDate.into(),
            UpdateBadRange { .. } => CalendarCode::UpdateBadRange.into(),
            UpdateRangeTooLong { .. } => CalendarCode::UpdateRangeTooLong.into(),
            UpdateOutsideYear { .. } => CalendarCode::UpdateOutsideYear.into(),
            UpdateDuplicateDate { .. } => CalendarCode::UpdateDuplicateDate.into(),
            UpdateConflict { .. } => CalendarCode::UpdateConflict.into(),
            UpdateMakeupNotWeekend { .. } => CalendarCode::UpdateMakeupNotWeekend.into(),
            UpdateTableSyntax { .. } => CalendarCode::UpdateTableSyntax.into(),
        }
    }

    fn path(&self) -> String {
        use CalendarError::*;
        match self {
            Input(e) => e.path(),
            UpdateBadYear { path, .. }
            | UpdateNoSource { path }
            | UpdateNoHolidays { path }
            | UpdateEmptyName { path }
            | UpdateNoOffDays { path, .. }
            | UpdateBadDate { path, .. }
            | UpdateBadRange { path, .. }
            | UpdateRangeTooLong { path, .. }
            | UpdateOutsideYear { path, .. }
            | UpdateDuplicateDate { path, .. }
            | UpdateConflict { path, .. }
            | UpdateMakeupNotWeekend { path, .. }
            | UpdateTableSyntax { path, .. } => path.clone(),
            _ => "$".to_owned(),
        }
    }

    fn message_zh(&self) -> String {
        use CalendarError::*;
        match self {
            YearUnknown { year } => format!(
                "日历没有 {year} 年的放假安排（可加载该年的国务院办公厅放假通知，或明确选择按仅周末休息推定）"
            ),
            RangeReversed { from, to } => format!("结束日期 {to} 早于开始日期 {from}"),
            TooFar { n, limit } => format!("一次最多前后推算 {limit} 个工作日，要求的是 {n} 个"),
            NoWorkdayFound { from, days } => format!("从 {from} 起 {days} 天内找不到足够的工作日"),
            BadMonth { year, month } => format!("{year} 年 {month} 月不是有效的月份"),
            NotAWorkday { date } => {
                format!("{date} 不是工作日，不能作为自身之后的第 0 个工作日")
            }
            Input(e) => e.message_zh(),
            UpdateBadYear { year, .. } => {
                format!("年份 {year} 不在可接受的范围（2000–2199）内")
            }
            UpdateNoSource { .. } => "更新没有注明来源（通知文号或网址）".to_owned(),
            UpdateNoHolidays { .. } => "更新没有列出任何节日".to_owned(),
            UpdateEmptyName { .. } => "节日名称为空".to_owned(),
            UpdateNoOffDays { name, .. } => format!("节日“{name}”没有列出放假日期"),
            UpdateBadDate { text, .. } => format!("“{text}”不是存在的日期（格式 YYYY-MM-DD）"),
            UpdateBadRange { text, .. } => format!("日期范围“{text}”的结束早于开始"),
            UpdateRangeTooLong { text, days, .. } => {
                format!("日期范围“{text}”长 {days} 天，超过 31 天")
            }
            UpdateOutsideYear { date, year, .. } => format!(
                "{date} 不在 {year} 年的安排之内（只有元旦可提前到上一年 12 月的最后 7 天）"
            ),
            UpdateDuplicateDate { date, .. } => format!("{date} 重复列出"),
            UpdateConflict { date, .. } => format!("{date} 既列为放假又列为调休上班"),
            UpdateMakeupNotWeekend { date, .. } => format!(
                "调休上班日 {date}（{}）不是星期六或星期日",
                weekday_zh(*date)
            ),
            UpdateTableSyntax { detail, path } => format!("日历表格式错误（{path}）：{detail}"),
        }
    }

    fn message_en(&self) -> String {
        use CalendarError::*;
        match self {
            YearUnknown { year } => format!(
                "the calendar has no holiday arrangement for {year} (load that year's State Council notice, or opt in to assuming weekends only)"
            ),
            Input(e) => e.message_en(),
            UpdateBadYear { year, .. } => {
                format!("{year} is not a year the calendar accepts (2000–2199)")
            }
            UpdateMakeupNotWeekend { date, .. } => format!(
                "make-up working day {date} is a {}, not a Saturday or Sunday",
                crate::input::date::weekday_long(*date)
            ),
            UpdateOutsideYear { date, year, .. } => format!(
                "{date} is outside the {year} arrangement (only a 元旦 block may reach back, into the last 7 days of December)"
            ),
            UpdateTableSyntax { detail, path } => format!("calendar table, {path}: {detail}"),
            other => {
                // The Display text, without the location prefix the update variants carry.
                let text = other.to_string();
                let path = other.path();
                match text.strip_prefix(&format!("{path}: ")) {
                    Some(rest) => rest.to_owned(),
                    None => text,
                }
            }
        }
    }
}
