//! Counting and walking working days.

use chrono::{Datelike, NaiveDate};

use super::{Calendar, CalendarError};

/// The most working days [`Calendar::add_workdays`] walks either way: 3660,
/// about fourteen years of working days. Beyond it: `calendar.too_far`.
///
/// ```
/// use peixun::calendar::{Calendar, MAX_WORKDAYS};
/// let cal = Calendar::builtin();
/// let err = cal.add_workdays("2023-01-03".parse().unwrap(), MAX_WORKDAYS as i32 + 1).unwrap_err();
/// assert_eq!(peixun::error::Explain::code(&err), "calendar.too_far");
/// ```
pub const MAX_WORKDAYS: u32 = 3660;

/// The most days one walk looks at before giving up with `calendar.too_far`:
/// twice [`MAX_WORKDAYS`], far more than any real arrangement needs.
///
/// ```
/// assert_eq!(peixun::calendar::MAX_SCAN_DAYS, 7320);
/// ```
pub const MAX_SCAN_DAYS: u32 = 2 * MAX_WORKDAYS;

/// Monday to Friday between `from` and `to`, both included (`from <= to`).
fn weekdays_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let total = (to - from).num_days() + 1;
    let first = i64::from(from.weekday().num_days_from_monday());
    let partial = (0..total % 7).filter(|i| (first + i) % 7 < 5).count() as i64;
    total / 7 * 5 + partial
}

impl Calendar {
    /// The working days of a month, in order; their number is `.len()`.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// let may = cal.workdays_in_month(2023, 5).unwrap();
    /// assert_eq!(may.len(), 21);
    /// assert_eq!(may[0].to_string(), "2023-05-04"); // 1–3 May off
    /// assert!(may.contains(&"2023-05-06".parse().unwrap())); // a Saturday, worked
    /// assert_eq!(cal.workdays_in_month(2023, 13).unwrap_err().to_string(), "2023-13 is not a month");
    /// ```
    pub fn workdays_in_month(
        &self,
        year: i32,
        month: u32,
    ) -> Result<Vec<NaiveDate>, CalendarError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or(CalendarError::BadMonth { year, month })?;
        self.check_year(year)?;
        Ok(first
            .iter_days()
            .take_while(|d| d.month() == month)
            .filter(|&d| self.listed_workday(d))
            .collect())
    }

    /// The number of working days from `from` to `to`, BOTH INCLUDED. A range
    /// with `to` before `from` is refused (`calendar.range_reversed`); a range
    /// that touches an unknown year is refused or assumed, as the calendar says.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// assert_eq!(cal.count_workdays(d("2023-10-09"), d("2023-10-09")).unwrap(), 1);
    /// assert_eq!(cal.count_workdays(d("2023-09-29"), d("2023-10-06")).unwrap(), 0);
    /// assert_eq!(cal.count_workdays(d("2023-01-01"), d("2023-12-31")).unwrap(), 249);
    /// assert!(cal.count_workdays(d("2023-10-09"), d("2023-10-08")).is_err());
    /// ```
    pub fn count_workdays(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        if to < from {
            return Err(CalendarError::RangeReversed { from, to });
        }
        for year in from.year()..=to.year() {
            self.check_year(year)?;
        }
        let mut count = weekdays_between(from, to);
        for (&date, listed) in self.listed.range(from..=to) {
            let weekend = super::is_weekend(date);
            match (listed.rest, weekend) {
                (true, false) => count -= 1,
                (false, true) => count += 1,
                _ => {}
            }
        }
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// Working days in a calendar year the calendar knows.
    pub(crate) fn workdays_in_known_year(&self, year: i32) -> u32 {
        match (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            (Some(a), Some(b)) => self.count_workdays(a, b).unwrap_or(0),
            _ => 0,
        }
    }

    /// The `n`-th working day after `date` (before it when `n` is negative).
    /// `date` itself is never counted: `add_workdays(d, 1)` is the next working
    /// day even when `d` is one. `n = 0` returns `date` when it is a working day
    /// and refuses otherwise (`calendar.not_a_workday`): "0 working days after a
    /// holiday" has no answer. `|n|` above [`MAX_WORKDAYS`] is refused
    /// (`calendar.too_far`), so a walk always ends.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// // National Day 2023: 29 Sep – 6 Oct off, Sat 7 and Sun 8 Oct worked.
    /// assert_eq!(cal.add_workdays(d("2023-09-28"), 1).unwrap(), d("2023-10-07"));
    /// assert_eq!(cal.add_workdays(d("2023-09-28"), 5).unwrap(), d("2023-10-11"));
    /// assert_eq!(cal.add_workdays(d("2023-10-09"), -5).unwrap(), d("2023-09-26"));
    /// assert_eq!(cal.add_workdays(d("2023-10-09"), 0).unwrap(), d("2023-10-09"));
    /// assert!(cal.add_workdays(d("2023-10-01"), 0).is_err());
    /// assert!(cal.add_workdays(d("2023-10-09"), 4000).is_err());
    /// ```
    pub fn add_workdays(&self, date: NaiveDate, n: i32) -> Result<NaiveDate, CalendarError> {
        if n.unsigned_abs() > MAX_WORKDAYS {
            return Err(CalendarError::TooFar {
                n,
                limit: MAX_WORKDAYS,
            });
        }
        if n == 0 {
            return if self.is_workday(date)? {
                Ok(date)
            } else {
                Err(CalendarError::NotAWorkday { date })
            };
        }
        let forward = n > 0;
        let mut left = n.unsigned_abs();
        let mut day = date;
        let too_far = CalendarError::NoWorkdayFound {
            from: date,
            days: MAX_SCAN_DAYS,
        };
        for _ in 0..MAX_SCAN_DAYS {
            day = if forward {
                day.succ_opt()
            } else {
                day.pred_opt()
            }
            .ok_or(too_far.clone())?;
            if self.is_workday(day)? {
                left -= 1;
                if left == 0 {
                    return Ok(day);
                }
            }
        }
        Err(too_far)
    }

    /// The first working day strictly after `date`.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// assert_eq!(cal.next_workday(d("2023-09-28")).unwrap(), d("2023-10-07"));
    /// assert_eq!(cal.next_workday(d("2023-10-09")).unwrap(), d("2023-10-10"));
    /// ```
    pub fn next_workday(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_workdays(date, 1)
    }

    /// The last working day strictly before `date`.
    ///
    /// ```
    /// let cal = peixun::calendar::Calendar::builtin();
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// assert_eq!(cal.previous_workday(d("2023-10-09")).unwrap(), d("2023-10-08"));
    /// assert_eq!(cal.previous_workday(d("2023-10-07")).unwrap(), d("2023-09-28"));
    /// ```
    pub fn previous_workday(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_workdays(date, -1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_arithmetic_matches_counting() {
        let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        for offset in 0..30 {
            let from = start + chrono::Days::new(offset);
            for len in 0..40 {
                let to = from + chrono::Days::new(len);
                let slow = from
                    .iter_days()
                    .take_while(|d| *d <= to)
                    .filter(|d| d.weekday().num_days_from_monday() < 5)
                    .count() as i64;
                assert_eq!(weekdays_between(from, to), slow, "{from}..{to}");
            }
        }
    }
}
