//! China's working-day calendar: weekends, statutory holidays and make-up
//! working days (调休), as the State Council's notices arrange them.
//!
//! The rule is simple once the notice is known: a day is a working day if the
//! notice declares it one (a make-up working day, always a Saturday or Sunday),
//! or if it is Monday to Friday and the notice does not declare it a rest day.
//! The hard part is that the notices change every year, so:
//!
//! - the built-in arrangements (2019–2026) come from the project's own table,
//!   `data/calendar/cn-2019-2026.txt`, embedded at build time;
//! - next year's notice, published each November, loads at run time with
//!   [`Calendar::apply_update`] (JSON or the table format), no release needed;
//! - a year the calendar does not know is an error ([`CalendarError::YearUnknown`],
//!   `calendar.year_unknown`), unless the caller opts in to
//!   [`UnknownYears::AssumeWeekendsOnly`]; then every answer that touched such a
//!   year is marked ([`DayInfo::assumed`], [`Calendar::assumption_for`]). Never a
//!   silent guess.
//!
//! A year is keyed by the notice that arranges it. The New-Year block of a notice
//! may reach back into the last days of December (2022-12-31 was a rest day of the
//! 2023 notice); a December day takes the later notice's word when both list it.
//! A day counts as known when its calendar year's notice is loaded.
//!
//! The module does no I/O and reads no clock: it is the same natively and in
//! WebAssembly.
//!
//! ```
//! use peixun::calendar::Calendar;
//! let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! let cal = Calendar::builtin();
//! assert!(cal.is_workday(d("2023-10-07")).unwrap()); // Saturday, make-up day for National Day
//! assert_eq!(cal.add_workdays(d("2023-09-28"), 5).unwrap(), d("2023-10-11"));
//! assert_eq!(cal.count_workdays(d("2023-05-01"), d("2023-05-31")).unwrap(), 21);
//! ```

mod day;
mod error;
mod notice;
mod table;
mod update;
mod workdays;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub use day::{DayInfo, DayKind};
pub use error::CalendarError;
pub use update::{UpdateSummary, YearUpdate, MAX_UPDATE_BYTES};
pub use workdays::{MAX_SCAN_DAYS, MAX_WORKDAYS};

use notice::Notice;

/// The prefix of the assumption string [`Calendar::assumption_for`] returns.
pub const ASSUMED_WEEKENDS_ONLY: &str = "calendar.assumed_weekends_only";

/// What to do with a day whose year the calendar does not know.
///
/// ```
/// use peixun::calendar::{Calendar, UnknownYears};
/// let cal = Calendar::builtin().with_unknown_years(UnknownYears::AssumeWeekendsOnly);
/// let info = cal.day("2031-01-01".parse().unwrap()).unwrap();
/// assert!(info.is_workday() && info.assumed); // a Wednesday, and flagged as a guess
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownYears {
    /// Refuse with `calendar.year_unknown` (the default).
    #[default]
    Refuse,
    /// Take Monday to Friday as working days and Saturday and Sunday as rest days,
    /// with no holidays, and mark every answer that relied on it.
    AssumeWeekendsOnly,
}

/// A day some notice lists: a rest day or a make-up working day, and whose.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    rest: bool,
    name: String,
}

/// China's working-day calendar.
///
/// ```
/// use peixun::calendar::{Calendar, DayKind};
/// let cal = Calendar::builtin();
/// let day = cal.day("2023-10-08".parse().unwrap()).unwrap();
/// assert_eq!(day.kind, DayKind::MakeupWorkday);
/// assert_eq!(day.holiday.as_deref(), Some("中秋节、国庆节"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    notices: BTreeMap<i32, Notice>,
    /// Every listed day of every notice; a later notice wins a shared December day.
    listed: BTreeMap<NaiveDate, Listed>,
    unknown_years: UnknownYears,
}

impl Default for Calendar {
    /// The built-in calendar.
    ///
    /// ```
    /// assert_eq!(peixun::calendar::Calendar::default(), peixun::calendar::Calendar::builtin());
    /// ```
    fn default() -> Self {
        Calendar::builtin()
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// The built-in calendar: the State Council's arrangements for 2019–2026,
    /// refusing other years. The table is read once per process.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// assert_eq!(cal.known_years(), (2019..=2026).collect::<Vec<i32>>());
    /// ```
    pub fn builtin() -> Calendar {
        static BUILTIN: OnceLock<Calendar> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // The table is checked by the crate's tests; a failure here is a
                // build defect, not bad input.
                let notices = table::parse(table::BUILTIN_TABLE)
                    .unwrap_or_else(|e| panic!("built-in calendar table: {e}"));
                Calendar::from_notices(notices, UnknownYears::Refuse)
            })
            .clone()
    }

    fn from_notices(notices: Vec<Notice>, unknown_years: UnknownYears) -> Calendar {
        let mut cal = Calendar {
            notices: notices.into_iter().map(|n| (n.year, n)).collect(),
            listed: BTreeMap::new(),
            unknown_years,
        };
        cal.relist();
        cal
    }

    /// Rebuilds the listed days from the notices, earlier years first so that a
    /// later notice wins a December day both list.
    fn relist(&mut self) {
        self.listed.clear();
        for notice in self.notices.values() {
            for block in &notice.blocks {
                for (days, rest) in [(&block.off, true), (&block.work, false)] {
                    for &date in days {
                        let name = block.name.clone();
                        self.listed.insert(date, Listed { rest, name });
                    }
                }
            }
        }
    }

    /// The same calendar with another policy for unknown years.
    ///
    /// ```
    /// use peixun::calendar::{Calendar, UnknownYears};
    /// let d = "2030-06-03".parse().unwrap();
    /// assert!(Calendar::builtin().is_workday(d).is_err());
    /// let cal = Calendar::builtin().with_unknown_years(UnknownYears::AssumeWeekendsOnly);
    /// assert!(cal.is_workday(d).unwrap());
    /// ```
    pub fn with_unknown_years(mut self, policy: UnknownYears) -> Calendar {
        self.unknown_years = policy;
        self
    }

    /// The policy for unknown years.
    ///
    /// ```
    /// use peixun::calendar::{Calendar, UnknownYears};
    /// assert_eq!(Calendar::builtin().unknown_years(), UnknownYears::Refuse);
    /// ```
    pub fn unknown_years(&self) -> UnknownYears {
        self.unknown_years
    }

    /// The years whose arrangement is loaded, ascending.
    ///
    /// ```
    /// let years = peixun::calendar::Calendar::builtin().known_years();
    /// assert_eq!((years[0], *years.last().unwrap()), (2019, 2026));
    /// ```
    pub fn known_years(&self) -> Vec<i32> {
        self.notices.keys().copied().collect()
    }

    /// Whether the arrangement for `year` is loaded.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// assert!(cal.is_known_year(2024) && !cal.is_known_year(2027));
    /// ```
    pub fn is_known_year(&self, year: i32) -> bool {
        self.notices.contains_key(&year)
    }

    /// Where the arrangement for `year` comes from, if it is loaded.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// assert!(cal.sources(2023).unwrap()[0].contains("gov.cn"));
    /// assert!(cal.sources(2027).is_none());
    /// ```
    pub fn sources(&self, year: i32) -> Option<&[String]> {
        self.notices.get(&year).map(|n| n.sources.as_slice())
    }

    /// Ok(false) for a known year, Ok(true) for an assumed one, else the error.
    fn check_year(&self, year: i32) -> Result<bool, CalendarError> {
        if self.notices.contains_key(&year) {
            Ok(false)
        } else if self.unknown_years == UnknownYears::AssumeWeekendsOnly {
            Ok(true)
        } else {
            Err(CalendarError::YearUnknown { year })
        }
    }

    /// Everything the calendar says about one day.
    ///
    /// ```
    /// use peixun::calendar::{Calendar, DayKind};
    /// let info = Calendar::builtin().day("2023-09-29".parse().unwrap()).unwrap();
    /// assert_eq!(info.kind, DayKind::Holiday);
    /// assert_eq!(info.holiday.as_deref(), Some("中秋节、国庆节"));
    /// ```
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo, CalendarError> {
        let assumed = self.check_year(date.year())?;
        let (kind, holiday) = match self.listed.get(&date) {
            Some(l) if l.rest => (DayKind::Holiday, Some(l.name.clone())),
            Some(l) => (DayKind::MakeupWorkday, Some(l.name.clone())),
            None if is_weekend(date) => (DayKind::Weekend, None),
            None => (DayKind::Workday, None),
        };
        Ok(DayInfo {
            date,
            kind,
            holiday,
            assumed,
        })
    }

    /// Whether `date` is a working day.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// assert!(cal.is_workday("2023-04-23".parse().unwrap()).unwrap()); // a Sunday, worked
    /// assert!(!cal.is_workday("2023-10-02".parse().unwrap()).unwrap());
    /// ```
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.check_year(date.year())?;
        Ok(self.listed_workday(date))
    }

    /// The rule, for a day whose year has been checked.
    fn listed_workday(&self, date: NaiveDate) -> bool {
        match self.listed.get(&date) {
            Some(l) => !l.rest,
            None => !is_weekend(date),
        }
    }

    /// The holiday `date` belongs to (a rest day or a make-up working day of it).
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// assert_eq!(cal.holiday_name("2024-02-18".parse().unwrap()).unwrap().as_deref(), Some("春节"));
    /// assert_eq!(cal.holiday_name("2024-02-19".parse().unwrap()).unwrap(), None);
    /// ```
    pub fn holiday_name(&self, date: NaiveDate) -> Result<Option<String>, CalendarError> {
        Ok(self.day(date)?.holiday)
    }

    /// The assumption an answer about the days from `from` to `to` (either order,
    /// both included) rests on, to attach to every finding that uses it: `None`
    /// when every year in the range is known, or when the calendar refuses unknown
    /// years (then the answer is an error, not a guess); otherwise
    /// `calendar.assumed_weekends_only:` and the assumed years, comma-separated
    /// (a run of three or more as `A..B`).
    ///
    /// ```
    /// use peixun::calendar::{Calendar, UnknownYears};
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let cal = Calendar::builtin().with_unknown_years(UnknownYears::AssumeWeekendsOnly);
    /// assert_eq!(cal.assumption_for(d("2026-12-01"), d("2027-01-31")).as_deref(),
    ///            Some("calendar.assumed_weekends_only:2027"));
    /// assert_eq!(cal.assumption_for(d("2023-01-01"), d("2023-12-31")), None);
    /// ```
    pub fn assumption_for(&self, from: NaiveDate, to: NaiveDate) -> Option<String> {
        if self.unknown_years != UnknownYears::AssumeWeekendsOnly {
            return None;
        }
        let (lo, hi) = if from <= to { (from, to) } else { (to, from) };
        let mut runs: Vec<(i32, i32)> = Vec::new();
        for y in (lo.year()..=hi.year()).filter(|y| !self.notices.contains_key(y)) {
            match runs.last_mut() {
                Some(run) if run.1 + 1 == y => run.1 = y,
                _ => runs.push((y, y)),
            }
        }
        if runs.is_empty() {
            return None;
        }
        let parts: Vec<String> = runs
            .iter()
            .map(|&(a, b)| match b - a {
                0 => a.to_string(),
                1 => format!("{a},{b}"),
                _ => format!("{a}..{b}"),
            })
            .collect();
        Some(format!("{ASSUMED_WEEKENDS_ONLY}:{}", parts.join(",")))
    }

    /// Loads an update: next year's notice (or a corrected one) as JSON, or one or
    /// more years in the table format. The update is checked whole before anything
    /// changes: a refused update leaves the calendar as it was. The JSON format,
    /// its checks and their codes are described in the module `update`'s docs and
    /// on [`CalendarError`].
    ///
    /// ```
    /// use peixun::calendar::Calendar;
    /// use peixun::error::Explain;
    /// let mut cal = Calendar::builtin();
    /// let notice = r#"{"year": 2027, "source": "国办发明电〔2026〕N号",
    ///   "holidays": [{"name": "元旦", "off": ["2027-01-01..2027-01-03"]},
    ///                {"name": "春节", "off": ["2027-02-06..2027-02-13"], "workdays": ["2027-02-14"]}]}"#;
    /// let summary = cal.apply_update(notice).unwrap();
    /// assert_eq!(summary.years[0].off_days, 11);
    /// assert!(cal.is_workday("2027-02-14".parse().unwrap()).unwrap());
    ///
    /// let bad = r#"{"year": 2028, "source": "x", "holidays": [{"name": "元旦",
    ///   "off": ["2028-01-01"], "workdays": ["2028-01-03"]}]}"#;
    /// let err = cal.apply_update(bad).unwrap_err();
    /// assert_eq!((err.code(), err.path().as_str()),
    ///            ("calendar.update_makeup_not_weekend", "$.holidays[0].workdays[0]"));
    /// assert!(!cal.is_known_year(2028));
    /// ```
    pub fn apply_update(&mut self, text: &str) -> Result<UpdateSummary, CalendarError> {
        let notices = update::parse(text)?;
        let mut next = self.clone();
        let mut replaced = Vec::with_capacity(notices.len());
        for notice in notices {
            replaced.push((notice.year, next.notices.insert(notice.year, notice)));
        }
        next.relist();
        let mut years = Vec::with_capacity(replaced.len());
        for (year, old) in replaced {
            let working_days = next.workdays_in_known_year(year);
            years.push(YearUpdate::new(
                &next.notices[&year],
                working_days,
                old.as_ref(),
            ));
        }
        years.sort_by_key(|y| y.year);
        *self = next;
        Ok(UpdateSummary { years })
    }
}
