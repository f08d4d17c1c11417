//! How long a class is in calendar months, counted from its own dates (DL-T1,
//! FS-A1's duration, and the months of DL-S1).
//!
//! The originals say only "按照专业确定为3—6个月" (Dalian 一(三)) and "培训时长按专业确定为
//! 3-6 个月" (Fushun 七(二)2); they round nothing. The engine reads a class's
//! length with one convention, **calendar months from the first day, both ends
//! included**:
//!
//! - `n` months from a first day `S` end on the day before the day of the month
//!   `S` has, `n` months later: 2023-03-01 + 3 months ends on 2023-05-31, and
//!   2023-10-09 + 4 months on 2024-02-08.
//! - When that later month has no such day (`S` is the 29th, 30th or 31st), the
//!   `n` months end on that month's last day: 2023-01-31 + 1 month ends on
//!   2023-02-28, 2023-08-31 + 6 months on 2024-02-29.
//! - A class from `S` to its last day `E` lasts `N` months and `D` days: `N` is
//!   the most months that end on or before `E`, `D` the days after them up to and
//!   including `E` (2023-04-03..2023-06-19 is 2 months and 17 days).
//! - Rest days: when every day after `E` up to the day the class's months end is
//!   a rest day (a weekend or holiday, on which DL-T2 allows no training), the
//!   class counts those months in full: 2023-04-03..2023-06-30 (a Friday; 07-01
//!   and 07-02 are the weekend) is 3 months, as is 2023-04-03..2023-09-28 for 6
//!   months (09-29..10-02 are the National Day holiday). Only rest days up to a
//!   month's end count, never a working day and never past it
//!   ([`counted_length`]).
//!
//! Nothing is rounded: 2 months 17 days is not 3 months, and 6 months 14 days is
//! more than 6.

use chrono::{Datelike, NaiveDate};

use crate::calendar::Calendar;

/// A class's length: whole calendar months from its first day and the days
/// left over (see the module's convention).
///
/// ```
/// use peixun::rules::attendance::ClassLength;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// assert_eq!(ClassLength::of(d("2023-03-01"), d("2023-05-31")), ClassLength { months: 3, days: 0 });
/// assert_eq!(ClassLength::of(d("2023-04-03"), d("2023-06-19")), ClassLength { months: 2, days: 17 });
/// assert_eq!(ClassLength::of(d("2023-03-01"), d("2023-09-14")), ClassLength { months: 6, days: 14 });
/// // A first day the later month lacks: its months end on that month's last day.
/// assert_eq!(ClassLength::of(d("2023-01-31"), d("2023-02-28")), ClassLength { months: 1, days: 0 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassLength {
    /// Whole calendar months from the first day.
    pub months: u32,
    /// Days after those months, up to and including the last day.
    pub days: u32,
}

impl ClassLength {
    /// The length of a class from its first day to its last day (both
    /// included); a last day before the first is a length of nothing.
    ///
    /// ```
    /// use peixun::rules::attendance::ClassLength;
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// // One day short of 3 months, and one day over 6.
    /// assert_eq!(ClassLength::of(d("2023-03-01"), d("2023-05-30")), ClassLength { months: 2, days: 30 });
    /// assert_eq!(ClassLength::of(d("2023-03-01"), d("2023-09-01")), ClassLength { months: 6, days: 1 });
    /// ```
    pub fn of(first: NaiveDate, last: NaiveDate) -> ClassLength {
        let Some(after) = last.succ_opt().filter(|a| *a > first) else {
            return ClassLength { months: 0, days: 0 };
        };
        let span = month_index(after) - month_index(first);
        let mut months = u32::try_from(span).unwrap_or(0);
        while months > 0 && start_of_month_n(first, months).is_none_or(|d| d > after) {
            months -= 1;
        }
        let base = start_of_month_n(first, months).unwrap_or(first);
        let days = u32::try_from((after - base).num_days()).unwrap_or(0);
        ClassLength { months, days }
    }

    /// Whether the class lasts exactly `n` months.
    ///
    /// ```
    /// use peixun::rules::attendance::ClassLength;
    /// assert!(ClassLength { months: 4, days: 0 }.is_exactly(4));
    /// assert!(!ClassLength { months: 4, days: 1 }.is_exactly(4));
    /// ```
    pub fn is_exactly(&self, n: u32) -> bool {
        self.months == n && self.days == 0
    }

    /// Whether the class lasts at least `n` months.
    ///
    /// ```
    /// use peixun::rules::attendance::ClassLength;
    /// assert!(ClassLength { months: 3, days: 0 }.at_least(3));
    /// assert!(!ClassLength { months: 2, days: 30 }.at_least(3));
    /// ```
    pub fn at_least(&self, n: u32) -> bool {
        self.months >= n
    }

    /// Whether the class lasts at most `n` months.
    ///
    /// ```
    /// use peixun::rules::attendance::ClassLength;
    /// assert!(ClassLength { months: 6, days: 0 }.at_most(6));
    /// assert!(!ClassLength { months: 6, days: 1 }.at_most(6));
    /// ```
    pub fn at_most(&self, n: u32) -> bool {
        self.months < n || self.is_exactly(n)
    }
}

/// A class's length as the rules count it: its [`ClassLength`], with the rest
/// days that end its months counted in full, and the day its counted months end
/// (its last day, or the last of those rest days). A day the calendar cannot
/// tell is not a rest day.
///
/// ```
/// use peixun::calendar::Calendar;
/// use peixun::rules::attendance::{counted_length, ClassLength};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let cal = Calendar::builtin();
/// // Friday 2023-06-30; 3 months from 04-03 end on Sunday 07-02.
/// assert_eq!(counted_length(&cal, d("2023-04-03"), d("2023-06-30")),
///            (ClassLength { months: 3, days: 0 }, d("2023-07-02")));
/// // Monday 2023-07-31; 4 months end on 08-02, and 08-01 is a working day.
/// assert_eq!(counted_length(&cal, d("2023-04-03"), d("2023-07-31")),
///            (ClassLength { months: 3, days: 29 }, d("2023-07-31")));
/// ```
pub fn counted_length(
    cal: &Calendar,
    first: NaiveDate,
    last: NaiveDate,
) -> (ClassLength, NaiveDate) {
    let len = ClassLength::of(first, last);
    if len.days == 0 || last < first {
        return (len, last);
    }
    // The months the class has begun end on `end`; the days between are its
    // trailing days, each of which must be a rest day.
    let end = months_end(first, len.months + 1);
    let rest = |d: NaiveDate| cal.day(d).is_ok_and(|i| !i.is_workday());
    let mut day = last;
    while day < end {
        match day.succ_opt() {
            Some(next) if rest(next) => day = next,
            _ => return (len, last),
        }
    }
    (
        ClassLength {
            months: len.months + 1,
            days: 0,
        },
        end,
    )
}

/// The last day of `n` calendar months counted from `first` (both ends
/// included): the day before `first`'s day of the month `n` months later, or
/// that month's last day when it has no such day.
///
/// ```
/// use peixun::rules::attendance::months_end;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// assert_eq!(months_end(d("2023-03-01"), 3), d("2023-05-31"));
/// assert_eq!(months_end(d("2023-10-09"), 4), d("2024-02-08"));
/// assert_eq!(months_end(d("2023-01-31"), 1), d("2023-02-28"));
/// assert_eq!(months_end(d("2023-08-31"), 6), d("2024-02-29"));
/// ```
pub fn months_end(first: NaiveDate, n: u32) -> NaiveDate {
    start_of_month_n(first, n)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// The first day after `n` months from `first`: `first`'s day of the month `n`
/// months later, or the first of the month after that when it has no such day.
pub(crate) fn start_of_month_n(first: NaiveDate, n: u32) -> Option<NaiveDate> {
    let index = month_index(first).checked_add(i64::from(n))?;
    let (y, m) = (
        i32::try_from(index.div_euclid(12)).ok()?,
        index.rem_euclid(12) as u32 + 1,
    );
    NaiveDate::from_ymd_opt(y, m, first.day()).or_else(|| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(ny, nm, 1)
    })
}

fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn whole_months_and_days_by_the_convention() {
        let cases = [
            ("2023-03-01", "2023-05-31", 3, 0),
            ("2023-03-01", "2023-05-30", 2, 30),
            ("2023-03-01", "2023-08-31", 6, 0),
            ("2023-03-01", "2023-09-01", 6, 1),
            ("2023-03-01", "2023-10-31", 8, 0),
            ("2023-04-03", "2023-06-19", 2, 17),
            ("2023-03-01", "2023-09-14", 6, 14),
            ("2023-10-09", "2024-02-08", 4, 0),
            ("2023-04-03", "2023-05-31", 1, 29),
            ("2023-01-31", "2023-02-27", 0, 28),
            ("2023-01-31", "2023-02-28", 1, 0),
            ("2023-01-31", "2023-03-01", 1, 1),
            ("2023-01-31", "2023-03-30", 2, 0),
            ("2023-01-29", "2023-02-28", 1, 0),
            ("2024-01-29", "2024-02-28", 1, 0),
            ("2024-01-30", "2024-02-29", 1, 0),
            ("2023-08-31", "2024-02-29", 6, 0),
            ("2023-11-30", "2024-02-29", 3, 0),
            ("2023-12-15", "2024-03-14", 3, 0),
            ("2023-05-04", "2023-05-04", 0, 1),
        ];
        for (first, last, months, days) in cases {
            assert_eq!(
                ClassLength::of(d(first), d(last)),
                ClassLength { months, days },
                "{first}..{last}"
            );
        }
        assert_eq!(
            ClassLength::of(d("2023-05-04"), d("2023-05-03")),
            ClassLength { months: 0, days: 0 }
        );
    }

    #[test]
    fn rest_days_up_to_the_months_end_count_in_full() {
        let cal = Calendar::builtin();
        let cases = [
            // Friday before the weekend that ends 3 months.
            ("2023-04-03", "2023-06-30", 3, 0, "2023-07-02"),
            // The last working day before National Day; 6 months end on 10-02.
            ("2023-04-03", "2023-09-28", 6, 0, "2023-10-02"),
            // A working day (08-01) before the 4 months end: not counted.
            ("2023-04-03", "2023-07-31", 3, 29, "2023-07-31"),
            // One day over 6 months, then a weekend: over it stays.
            ("2023-03-01", "2023-09-01", 6, 1, "2023-09-01"),
            // One working day short: short it stays.
            ("2023-03-01", "2023-05-30", 2, 30, "2023-05-30"),
            ("2023-03-01", "2023-05-31", 3, 0, "2023-05-31"),
        ];
        for (first, last, months, days, end) in cases {
            assert_eq!(
                counted_length(&cal, d(first), d(last)),
                (ClassLength { months, days }, d(end)),
                "{first}..{last}"
            );
        }
    }

    #[test]
    fn a_class_of_n_months_ends_on_months_end() {
        // For every first day of two years and every n, the class that ends on
        // months_end is exactly n months, and one day less is not.
        let mut first = d("2023-01-01");
        while first < d("2025-01-01") {
            for n in 1..=7 {
                let end = months_end(first, n);
                assert_eq!(
                    ClassLength::of(first, end),
                    ClassLength { months: n, days: 0 }
                );
                let short = ClassLength::of(first, end.pred_opt().unwrap());
                assert_eq!(short.months, n - 1, "{first} {n}");
                assert!(short.days >= 27, "{first} {n}: {short:?}");
            }
            first = first.succ_opt().unwrap();
        }
    }
}
