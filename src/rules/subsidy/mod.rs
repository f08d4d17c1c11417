//! Amount formulas, exact to the fen, each line explained.
//!
//! Every formula here is pure arithmetic on [`Yuan`]: no floats, one rounding
//! (half-up to the fen, [`Yuan::round_fen`]) at the end of each line, and the
//! arithmetic written out in Chinese and English so that a clerk can redo it
//! ("1800.00 元 × 4 个月 = 7200.00 元"). Totals are sums of rounded lines.
//!
//! | rule | kind | formula |
//! |---|---|---|
//! | DL-S1 | `monthly_subsidy_by_certificate` | rate by major and certificate tier × months ([`MonthCount`]: whole, a working-day share, or calendar months), never more than the class's dates and the rule allow ([`months_at_most`]) |
//! | DL-S2 | `appraisal_subsidy` | fee of each first-time certificate ([`sum_of`]) |
//! | IP-S1 | `training_subsidy_rate` | the rate, once per person ([`flat`]) |
//! | IP-S2 | `daily_allowance` | per day × days ([`per_unit`]) |
//! | JZ-S1 | `tiered_daily_subsidy` | 150 × the first 10 days + 100 × the rest ([`tiered`]) if the employment rate is at least 80% |
//! | JZ-S2 | `per_person_subsidy` | 300 per person ([`flat`]) |
//! | JZ-S3 | `capped_daily_subsidy` | 100 × days, at most 1000 ([`capped`]) |
//! | LC-S1 | `work_in_lieu_of_training` | 500 × months, at most 6, only months of 2021 ([`per_unit`], [`window_months`]) |
//!
//! Who gets a line, and why a line is nothing, is decided in [`crate::rules::claim`].

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::calendar::{Calendar, CalendarError};
use crate::money::Yuan;
use crate::policy::kinds::{DayTier, PartialMonth};
use crate::report::Finding;
use crate::rules::attendance::{counted_length, months_end};

/// A computed amount and the arithmetic behind it.
///
/// ```
/// use peixun::money::Yuan;
/// use peixun::rules::subsidy::{per_unit, Unit};
/// let a = per_unit(Yuan::from_yuan(1800), 3, Unit::Month);
/// assert_eq!(a.amount.to_string(), "5400.00");
/// assert_eq!(a.zh, "1800.00 元 × 3 个月 = 5400.00 元");
/// assert_eq!(a.en, "1800.00 yuan × 3 months = 5400.00 yuan");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arithmetic {
    /// The amount, rounded once to the fen.
    pub amount: Yuan,
    /// The arithmetic in Chinese.
    pub zh: String,
    /// The arithmetic in English.
    pub en: String,
}

/// What a quantity counts.
///
/// ```
/// use peixun::rules::subsidy::{per_unit, Unit};
/// assert!(per_unit(peixun::money::Yuan::from_yuan(30), 2, Unit::Day).zh.contains("× 2 天"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Months.
    Month,
    /// Days.
    Day,
}

impl Unit {
    fn zh(self) -> &'static str {
        match self {
            Unit::Month => "个月",
            Unit::Day => "天",
        }
    }

    fn en(self, n: &str) -> &'static str {
        match (self, n == "1") {
            (Unit::Month, true) => "month",
            (Unit::Month, false) => "months",
            (Unit::Day, true) => "day",
            (Unit::Day, false) => "days",
        }
    }
}

/// A fixed amount.
///
/// ```
/// let a = peixun::rules::subsidy::flat(peixun::money::Yuan::from_yuan(300));
/// assert_eq!((a.amount.to_string().as_str(), a.zh.as_str()), ("300.00", "300.00 元"));
/// ```
pub fn flat(amount: Yuan) -> Arithmetic {
    let amount = amount.round_fen();
    Arithmetic {
        amount,
        zh: format!("{amount} 元"),
        en: format!("{amount} yuan"),
    }
}

/// `rate × quantity`.
///
/// ```
/// use peixun::money::Yuan;
/// use peixun::rules::subsidy::{per_unit, Unit};
/// let a = per_unit(Yuan::from_yuan(30), 1, Unit::Day);
/// assert_eq!(a.en, "30.00 yuan × 1 day = 30.00 yuan");
/// ```
pub fn per_unit(rate: Yuan, quantity: u32, unit: Unit) -> Arithmetic {
    let amount = rate.times(Decimal::from(quantity)).round_fen();
    let q = quantity.to_string();
    Arithmetic {
        amount,
        zh: format!("{rate} 元 × {q} {} = {amount} 元", unit.zh()),
        en: format!("{rate} yuan × {q} {} = {amount} yuan", unit.en(&q)),
    }
}

/// Tiered per-day amounts: each tier's rate for the days that fall in it.
///
/// ```
/// use peixun::money::Yuan;
/// use peixun::policy::kinds::DayTier;
/// let tiers = [DayTier { through_day: Some(10), per_day: Yuan::from_yuan(150) },
///              DayTier { through_day: None, per_day: Yuan::from_yuan(100) }];
/// let a = peixun::rules::subsidy::tiered(&tiers, 15);
/// assert_eq!(a.zh, "150.00 元 × 10 天 + 100.00 元 × 5 天 = 2000.00 元");
/// assert_eq!(peixun::rules::subsidy::tiered(&tiers, 7).amount.to_string(), "1050.00");
/// ```
pub fn tiered(tiers: &[DayTier], days: u32) -> Arithmetic {
    let mut amount = Yuan::ZERO;
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    let mut done = 0u32;
    for t in tiers {
        if done >= days {
            break;
        }
        let upto = t.through_day.map_or(days, |d| d.min(days));
        let n = upto.saturating_sub(done);
        if n == 0 {
            continue;
        }
        amount = amount + t.per_day.times(Decimal::from(n));
        let q = n.to_string();
        zh.push(format!("{} 元 × {q} 天", t.per_day));
        en.push(format!("{} yuan × {q} {}", t.per_day, Unit::Day.en(&q)));
        done = upto;
    }
    let amount = amount.round_fen();
    if zh.is_empty() {
        zh.push("0 天".to_owned());
        en.push("0 days".to_owned());
    }
    Arithmetic {
        amount,
        zh: format!("{} = {amount} 元", zh.join(" + ")),
        en: format!("{} = {amount} yuan", en.join(" + ")),
    }
}

/// `per_day × days`, at most `cap`.
///
/// ```
/// use peixun::money::Yuan;
/// let a = peixun::rules::subsidy::capped(Yuan::from_yuan(100), 12, Yuan::from_yuan(1000));
/// assert_eq!(a.amount.to_string(), "1000.00");
/// assert_eq!(a.zh, "100.00 元 × 12 天 = 1200.00 元，超过每人 1000.00 元上限，按 1000.00 元");
/// ```
pub fn capped(per_day: Yuan, days: u32, cap: Yuan) -> Arithmetic {
    let raw = per_unit(per_day, days, Unit::Day);
    if raw.amount <= cap {
        return raw;
    }
    let cap = cap.round_fen();
    Arithmetic {
        amount: cap,
        zh: format!("{}，超过每人 {cap} 元上限，按 {cap} 元", raw.zh),
        en: format!(
            "{}, above the cap of {cap} yuan per person: {cap} yuan",
            raw.en
        ),
    }
}

/// A sum of labelled amounts (fees of several certificates).
///
/// ```
/// use peixun::money::Yuan;
/// let a = peixun::rules::subsidy::sum_of(&[("职业技能等级证书", "skill-level certificate", Yuan::from_yuan(200))]);
/// assert_eq!(a.zh, "职业技能等级证书 200.00 元 = 200.00 元");
/// ```
pub fn sum_of(items: &[(&str, &str, Yuan)]) -> Arithmetic {
    let amount: Yuan = items.iter().map(|(_, _, y)| *y).sum::<Yuan>().round_fen();
    let zh: Vec<String> = items
        .iter()
        .map(|(z, _, y)| format!("{z} {y} 元"))
        .collect();
    let en: Vec<String> = items
        .iter()
        .map(|(_, e, y)| format!("{e} {y} yuan"))
        .collect();
    Arithmetic {
        amount,
        zh: format!("{} = {amount} 元", zh.join(" + ")),
        en: format!("{} = {amount} yuan", en.join(" + ")),
    }
}

/// One calendar month of a class: its training working days and the month's working days.
///
/// ```
/// let m = peixun::rules::subsidy::MonthShare { year: 2024, month: 2, days: 7, of: 18 };
/// assert!(!m.full());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthShare {
    /// The year.
    pub year: i32,
    /// The month (1–12).
    pub month: u32,
    /// Working days of the month on which the class trains.
    pub days: u32,
    /// Working days of the whole month.
    pub of: u32,
}

impl MonthShare {
    /// Whether the class trains on every working day of the month.
    ///
    /// ```
    /// assert!(peixun::rules::subsidy::MonthShare { year: 2023, month: 11, days: 22, of: 22 }.full());
    /// ```
    pub fn full(&self) -> bool {
        self.days == self.of
    }
}

/// The calendar months from `start` to `end` with their training working days.
///
/// ```
/// use peixun::calendar::Calendar;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let m = peixun::rules::subsidy::months_between(&Calendar::builtin(), d("2023-10-09"), d("2023-11-30")).unwrap();
/// assert_eq!((m[0].days, m[0].of), (17, 19)); // October 2023: 19 working days (the 7th and 8th included), 17 from the 9th
/// assert!(m[1].full());
/// ```
pub fn months_between(
    cal: &Calendar,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Vec<MonthShare>, CalendarError> {
    let mut out = Vec::new();
    let (mut y, mut m) = (start.year(), start.month());
    loop {
        let first = NaiveDate::from_ymd_opt(y, m, 1)
            .ok_or(CalendarError::BadMonth { year: y, month: m })?;
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let last = NaiveDate::from_ymd_opt(ny, nm, 1)
            .and_then(|d| d.pred_opt())
            .ok_or(CalendarError::BadMonth { year: y, month: m })?;
        let of = cal.count_workdays(first, last)?;
        let days = cal.count_workdays(first.max(start), last.min(end))?;
        out.push(MonthShare {
            year: y,
            month: m,
            days,
            of,
        });
        if last >= end {
            break;
        }
        (y, m) = (ny, nm);
    }
    Ok(out)
}

/// A class's duration for a per-month amount, from its own dates: its whole
/// months and days left over as the duration rules count them
/// ([`crate::rules::attendance::counted_length`]), and for those days the
/// working days they hold of the month that follows the whole months (from its
/// first day to the end of that month, as DL-T2 counts training days).
///
/// ```
/// use peixun::calendar::Calendar;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let cal = Calendar::builtin();
/// // 2023-10-09..2024-01-18: 3 months end on 2024-01-08; 01-09..01-18 hold 8 of
/// // the 24 working days of 01-09..02-08 (17 in January, 7 in February).
/// let m = peixun::rules::subsidy::class_months(&cal, d("2023-10-09"), d("2024-01-18")).unwrap();
/// assert_eq!((m.months, m.days, m.share_days, m.share_of), (3, 10, 8, 24));
/// assert_eq!(m.exact().text(), "3 + 8/24");
/// ```
pub fn class_months(
    cal: &Calendar,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<ClassMonths, CalendarError> {
    let (len, _) = counted_length(cal, start, end);
    let (mut share_days, mut share_of) = (0, 0);
    if len.days > 0 {
        let from = months_end(start, len.months).succ_opt().unwrap_or(start);
        share_days = cal.count_workdays(from, end)?;
        share_of = cal.count_workdays(from, months_end(start, len.months + 1))?;
    }
    Ok(ClassMonths {
        months: len.months,
        days: len.days,
        share_days,
        share_of,
    })
}

/// A class's duration in months: see [`class_months`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassMonths {
    /// Whole months.
    pub months: u32,
    /// Days after them (0 when the class is whole months).
    pub days: u32,
    /// Working days among those days.
    pub share_days: u32,
    /// Working days of the month that follows the whole months.
    pub share_of: u32,
}

impl ClassMonths {
    /// The class's exact duration: whole months and the working-day share of
    /// the days left over, the most a per-month amount may count.
    ///
    /// ```
    /// use peixun::rules::subsidy::ClassMonths;
    /// assert_eq!(ClassMonths { months: 4, days: 0, share_days: 0, share_of: 0 }.exact().text(), "4");
    /// ```
    pub fn exact(&self) -> MonthCount {
        MonthCount::with_share(self.months, self.share_days, self.share_of)
    }

    /// The months with the days left over treated per `partial`: their
    /// working-day share, a whole month, or nothing.
    ///
    /// ```
    /// use peixun::policy::kinds::PartialMonth;
    /// use peixun::rules::subsidy::ClassMonths;
    /// let m = ClassMonths { months: 3, days: 10, share_days: 8, share_of: 24 };
    /// assert_eq!(m.counted(PartialMonth::Whole).text(), "4");
    /// assert_eq!(m.counted(PartialMonth::Drop).text(), "3");
    /// ```
    pub fn counted(&self, partial: PartialMonth) -> MonthCount {
        match partial {
            _ if self.days == 0 => MonthCount::whole(self.months),
            PartialMonth::ProRataWorkdays => self.exact(),
            PartialMonth::Whole => MonthCount::whole(self.months + 1),
            PartialMonth::Drop => MonthCount::whole(self.months),
        }
    }
}

/// `rate` for each month of a class, partial months treated per `partial`:
/// pro rata (training working days ÷ the month's working days, computed as one
/// exact fraction and rounded once), a whole month, or nothing.
///
/// ```
/// use peixun::money::Yuan;
/// use peixun::policy::kinds::PartialMonth;
/// use peixun::rules::subsidy::{pro_rata_months, MonthShare};
/// let months = [MonthShare { year: 2023, month: 10, days: 17, of: 19 },
///               MonthShare { year: 2023, month: 11, days: 22, of: 22 }];
/// let a = pro_rata_months(Yuan::from_yuan(1800), &months, PartialMonth::ProRataWorkdays);
/// assert_eq!(a.zh, "1800.00 元 × (17/19 + 1) 个月 = 3410.53 元"); // 1800 × 36/19 = 3410.526…
/// assert_eq!(pro_rata_months(Yuan::from_yuan(1800), &months, PartialMonth::Drop).amount.to_string(), "1800.00");
/// ```
pub fn pro_rata_months(rate: Yuan, months: &[MonthShare], partial: PartialMonth) -> Arithmetic {
    if months.iter().all(MonthShare::full) || partial != PartialMonth::ProRataWorkdays {
        let n = months
            .iter()
            .filter(|m| m.full() || (partial == PartialMonth::Whole && m.days > 0))
            .count();
        return per_unit(rate, u32::try_from(n).unwrap_or(u32::MAX), Unit::Month);
    }
    // Σ days_i / of_i as one fraction num / den, then rate × num / den, rounded once.
    let (mut num, mut den) = (0i128, 1i128);
    for m in months.iter().filter(|m| m.of > 0) {
        let (d, o) = (i128::from(m.days), i128::from(m.of));
        num = num * o + d * den;
        den *= o;
        let g = gcd(num, den);
        if g > 1 {
            num /= g;
            den /= g;
        }
    }
    let amount = Yuan::from_decimal(
        rate.decimal() * Decimal::from_i128_with_scale(num, 0)
            / Decimal::from_i128_with_scale(den, 0),
    )
    .round_fen();
    let terms: Vec<String> = months
        .iter()
        .map(|m| {
            if m.full() {
                "1".to_owned()
            } else {
                format!("{}/{}", m.days, m.of)
            }
        })
        .collect();
    let t = terms.join(" + ");
    Arithmetic {
        amount,
        zh: format!("{rate} 元 × ({t}) 个月 = {amount} 元"),
        en: format!("{rate} yuan × ({t}) months = {amount} yuan"),
    }
}

/// A number of months as an exact fraction, with how the arithmetic writes it:
/// `4`, `3 + 8/24` (whole months and a share of the next), or the terms of the
/// calendar months (`17/19 + 1 + 1 + 1 + 7/18`).
///
/// ```
/// use peixun::rules::subsidy::MonthCount;
/// let m = MonthCount::with_share(3, 8, 24);
/// assert_eq!(m.text(), "3 + 8/24");
/// assert!(m < MonthCount::whole(4) && MonthCount::whole(3) < m);
/// assert_eq!(MonthCount::with_share(3, 0, 24), MonthCount::whole(3));
/// ```
#[derive(Debug, Clone)]
pub struct MonthCount {
    num: i128,
    den: i128,
    text: String,
    whole: bool,
}

impl MonthCount {
    /// `n` whole months.
    ///
    /// ```
    /// assert_eq!(peixun::rules::subsidy::MonthCount::whole(4).text(), "4");
    /// ```
    pub fn whole(n: u32) -> MonthCount {
        MonthCount {
            num: i128::from(n),
            den: 1,
            text: n.to_string(),
            whole: true,
        }
    }

    /// `n` whole months and `part` of the `of` working days of the month after
    /// them (nothing of it when `part` is 0 or `of` is 0).
    ///
    /// ```
    /// assert_eq!(peixun::rules::subsidy::MonthCount::with_share(2, 13, 22).text(), "2 + 13/22");
    /// ```
    pub fn with_share(n: u32, part: u32, of: u32) -> MonthCount {
        if part == 0 || of == 0 {
            return MonthCount::whole(n);
        }
        let (num, den) = reduce(
            i128::from(n) * i128::from(of) + i128::from(part),
            i128::from(of),
        );
        MonthCount {
            num,
            den,
            text: format!("{n} + {part}/{of}"),
            whole: false,
        }
    }

    /// The calendar months of a class, partial months treated per `partial`
    /// (as [`pro_rata_months`] counts them).
    ///
    /// ```
    /// use peixun::policy::kinds::PartialMonth;
    /// use peixun::rules::subsidy::{MonthCount, MonthShare};
    /// let months = [MonthShare { year: 2023, month: 10, days: 17, of: 19 },
    ///               MonthShare { year: 2023, month: 11, days: 22, of: 22 }];
    /// assert_eq!(MonthCount::of_shares(&months, PartialMonth::ProRataWorkdays).text(), "17/19 + 1");
    /// assert_eq!(MonthCount::of_shares(&months, PartialMonth::Whole).text(), "2");
    /// ```
    pub fn of_shares(months: &[MonthShare], partial: PartialMonth) -> MonthCount {
        if months.iter().all(MonthShare::full) || partial != PartialMonth::ProRataWorkdays {
            let n = months
                .iter()
                .filter(|m| m.full() || (partial == PartialMonth::Whole && m.days > 0))
                .count();
            return MonthCount::whole(u32::try_from(n).unwrap_or(u32::MAX));
        }
        let (mut num, mut den) = (0i128, 1i128);
        for m in months.iter().filter(|m| m.of > 0) {
            (num, den) = reduce(
                num * i128::from(m.of) + i128::from(m.days) * den,
                den * i128::from(m.of),
            );
        }
        let terms: Vec<String> = months
            .iter()
            .map(|m| {
                if m.full() {
                    "1".to_owned()
                } else {
                    format!("{}/{}", m.days, m.of)
                }
            })
            .collect();
        MonthCount {
            num,
            den,
            text: terms.join(" + "),
            whole: false,
        }
    }

    /// How the arithmetic writes it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `rate × self`, rounded once to the fen.
    ///
    /// ```
    /// use peixun::money::Yuan;
    /// use peixun::rules::subsidy::MonthCount;
    /// let a = MonthCount::with_share(3, 8, 24).times(Yuan::from_yuan(1800));
    /// assert_eq!(a.zh, "1800.00 元 × (3 + 8/24) 个月 = 6000.00 元");
    /// assert_eq!(MonthCount::whole(4).times(Yuan::from_yuan(1800)).en, "1800.00 yuan × 4 months = 7200.00 yuan");
    /// ```
    pub fn times(&self, rate: Yuan) -> Arithmetic {
        if self.whole {
            return per_unit(
                rate,
                u32::try_from(self.num).unwrap_or(u32::MAX),
                Unit::Month,
            );
        }
        let amount = Yuan::from_decimal(
            rate.decimal() * Decimal::from_i128_with_scale(self.num, 0)
                / Decimal::from_i128_with_scale(self.den, 0),
        )
        .round_fen();
        let t = &self.text;
        Arithmetic {
            amount,
            zh: format!("{rate} 元 × ({t}) 个月 = {amount} 元"),
            en: format!("{rate} yuan × ({t}) months = {amount} yuan"),
        }
    }
}

impl PartialEq for MonthCount {
    fn eq(&self, other: &Self) -> bool {
        self.num * other.den == other.num * self.den
    }
}

impl PartialOrd for MonthCount {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        (self.num * other.den).partial_cmp(&(other.num * self.den))
    }
}

/// A most a line's months may come to, and how the arithmetic names it.
#[derive(Debug, Clone)]
pub struct MonthLimit {
    /// The most months.
    pub months: MonthCount,
    /// What it is, in Chinese (`最长 6 个月`).
    pub zh: String,
    /// What it is, in English (`the longest 6 months`).
    pub en: String,
}

/// `rate × months`, never more than the smallest of `limits`: the arithmetic
/// of the months counted, then, when a limit is lower, the limit's.
///
/// ```
/// use peixun::money::Yuan;
/// use peixun::rules::subsidy::{months_at_most, MonthCount, MonthLimit};
/// let dates = MonthLimit { months: MonthCount::whole(4), zh: "班期起止日期所示的 4 个月".into(),
///                          en: "the 4 months of the class's dates".into() };
/// let a = months_at_most(Yuan::from_yuan(1800), &MonthCount::whole(6), &[dates]);
/// assert_eq!(a.amount.to_string(), "7200.00");
/// assert_eq!(a.zh, "1800.00 元 × 6 个月 = 10800.00 元，超过班期起止日期所示的 4 个月，按 1800.00 元 × 4 个月 = 7200.00 元");
/// ```
pub fn months_at_most(rate: Yuan, months: &MonthCount, limits: &[MonthLimit]) -> Arithmetic {
    let asked = months.times(rate);
    let mut lowest: Option<&MonthLimit> = None;
    for l in limits {
        if l.months < *months && lowest.is_none_or(|x| l.months < x.months) {
            lowest = Some(l);
        }
    }
    let Some(limit) = lowest else {
        return asked;
    };
    let capped = limit.months.times(rate);
    Arithmetic {
        amount: capped.amount,
        zh: format!("{}，超过{}，按 {}", asked.zh, limit.zh, capped.zh),
        en: format!("{}, more than {}: {}", asked.en, limit.en, capped.en),
    }
}

fn reduce(num: i128, den: i128) -> (i128, i128) {
    let g = gcd(num, den);
    if g > 1 {
        (num / g, den / g)
    } else {
        (num, den)
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The months of a window a worker can be paid for: from the month of `first`
/// through the month of `until`, both counted whole (LC-S1: a worker taken on in
/// October 2021 has October, November and December).
///
/// ```
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// assert_eq!(peixun::rules::subsidy::window_months(d("2021-10-08"), d("2021-12-31")), 3);
/// assert_eq!(peixun::rules::subsidy::window_months(d("2022-01-04"), d("2021-12-31")), 0);
/// ```
pub fn window_months(first: NaiveDate, until: NaiveDate) -> u32 {
    let a = first.year() * 12 + first.month0() as i32;
    let b = until.year() * 12 + until.month0() as i32;
    u32::try_from(b - a + 1).unwrap_or(0)
}

/// One line of a claim: a subject, a rule, the amount recomputed and the amount claimed.
///
/// The line is a [`Finding`] (rule ID, clause, status, message, facts, the
/// masked subject) with the money: `pass` is payable as computed, `fail` pays
/// nothing for the reason given, `unknown` cannot be decided yet and counts as
/// nothing until it is.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.verify_claim(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-20"},
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "system_record": true,
///     "eligibility": {"key_groups": ["veteran"]},
///     "attendance": {"expected_sessions": 12, "attended_sessions": 12, "attended_days": 12},
///     "claimed": {"JZ-S3": "1200.00"}}],
///   "claimed_total": "1200.00"}"#).unwrap();
/// let line = &report.trainees[0].lines[0];
/// assert_eq!((line.amount.to_string().as_str(), line.claimed.unwrap().to_string().as_str()), ("1000.00", "1200.00"));
/// assert_eq!(line.arithmetic_en.as_deref(), Some("100.00 yuan × 12 days = 1200.00 yuan, above the cap of 1000.00 yuan per person: 1000.00 yuan"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The rule, status, message and facts.
    #[serde(flatten)]
    pub finding: Finding,
    /// The position of the trainee or worker in the claim, from 1.
    pub row: u32,
    /// The amount the engine recomputed, rounded once to the fen.
    pub amount: Yuan,
    /// The amount claimed for this line, if any.
    pub claimed: Option<Yuan>,
    /// The arithmetic in Chinese (when there is an amount).
    pub arithmetic_zh: Option<String>,
    /// The arithmetic in English.
    pub arithmetic_en: Option<String>,
}

impl Line {
    /// The claimed amount, `0.00` when nothing was claimed.
    ///
    /// ```
    /// # use peixun::rules::subsidy::Line;
    /// # use peixun::report::*;
    /// # use peixun::money::Yuan;
    /// let f = Finding::new("JZ-S2", Status::Pass, Citation { document: "d".into(), clause: "c".into() }, "", "");
    /// let line = Line { finding: f, row: 1, amount: Yuan::from_yuan(300), claimed: None, arithmetic_zh: None, arithmetic_en: None };
    /// assert_eq!(line.claimed_or_zero(), Yuan::ZERO);
    /// ```
    pub fn claimed_or_zero(&self) -> Yuan {
        self.claimed.unwrap_or(Yuan::ZERO)
    }
}
