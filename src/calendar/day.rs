//! What the calendar says about one day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kind of a day.
///
/// ```
/// use peixun::calendar::{Calendar, DayKind};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let cal = Calendar::builtin();
/// assert_eq!(cal.day(d("2023-10-09")).unwrap().kind, DayKind::Workday);
/// assert_eq!(cal.day(d("2023-10-14")).unwrap().kind, DayKind::Weekend);
/// assert_eq!(cal.day(d("2023-10-02")).unwrap().kind, DayKind::Holiday);
/// assert_eq!(cal.day(d("2023-10-07")).unwrap().kind, DayKind::MakeupWorkday);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Monday to Friday, not a rest day.
    Workday,
    /// Saturday or Sunday, not declared a working day.
    Weekend,
    /// A rest day declared by a notice (weekend days inside a holiday included).
    Holiday,
    /// A Saturday or Sunday declared a working day (调休上班).
    MakeupWorkday,
}

impl DayKind {
    /// Whether people work on such a day.
    ///
    /// ```
    /// use peixun::calendar::DayKind;
    /// assert!(DayKind::MakeupWorkday.is_workday());
    /// assert!(!DayKind::Holiday.is_workday());
    /// ```
    pub fn is_workday(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday)
    }

    /// The stable name used in JSON: `workday`, `weekend`, `holiday`, `makeup_workday`.
    ///
    /// ```
    /// assert_eq!(peixun::calendar::DayKind::MakeupWorkday.as_str(), "makeup_workday");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Workday => "workday",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
            DayKind::MakeupWorkday => "makeup_workday",
        }
    }

    /// A label in Simplified Chinese.
    ///
    /// ```
    /// assert_eq!(peixun::calendar::DayKind::MakeupWorkday.label_zh(), "调休上班");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            DayKind::Workday => "工作日",
            DayKind::Weekend => "周末",
            DayKind::Holiday => "放假",
            DayKind::MakeupWorkday => "调休上班",
        }
    }

    /// A label in English.
    ///
    /// ```
    /// assert_eq!(peixun::calendar::DayKind::Holiday.label_en(), "holiday");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            DayKind::Workday => "working day",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
            DayKind::MakeupWorkday => "make-up working day",
        }
    }
}

/// One day as the calendar sees it.
///
/// ```
/// use peixun::calendar::{Calendar, DayKind};
/// let info = Calendar::builtin().day("2024-02-04".parse().unwrap()).unwrap();
/// assert_eq!(info.kind, DayKind::MakeupWorkday);
/// assert_eq!(info.holiday.as_deref(), Some("春节"));
/// assert!(info.is_workday() && !info.assumed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInfo {
    /// The day.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// Working day, weekend, holiday or make-up working day.
    pub kind: DayKind,
    /// The holiday the day belongs to, as the notice names it (e.g. `国庆节`,
    /// `中秋节、国庆节`): set for holidays and for make-up working days.
    pub holiday: Option<String>,
    /// True when the day's year has no loaded arrangement and the calendar was
    /// told to assume weekends only: the answer is a guess the caller must flag.
    pub assumed: bool,
}

impl DayInfo {
    /// Whether people work on this day.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// assert!(!cal.day("2023-10-01".parse().unwrap()).unwrap().is_workday());
    /// ```
    pub fn is_workday(&self) -> bool {
        self.kind.is_workday()
    }
}
