//! Money: yuan with two decimal places, exact, rounded half-up to the fen once per line.
//!
//! [`Yuan`] wraps a `rust_decimal::Decimal`. It reads only from strings
//! (`"1500"`, `"1500.5"`, `"1500.50"`) and never from JSON numbers, because a JSON
//! number may already have passed through a float. It always writes as a string
//! with exactly two places (`"1500.00"`).
//!
//! Arithmetic on a subsidy line (rate × months, rate × days) is done exactly and
//! rounded once, with [`Yuan::round_fen`]; totals are sums of rounded lines.

use crate::error::InputCode;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::error::MoneyCode;

/// An amount of money in yuan.
///
/// ```
/// use peixun::money::Yuan;
/// let rate: Yuan = "1500".parse().unwrap();
/// assert_eq!(rate.to_string(), "1500.00");
/// assert_eq!(serde_json::to_string(&rate).unwrap(), r#""1500.00""#);
/// assert!(serde_json::from_str::<Yuan>("1500.5").is_err()); // a number, not a string
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Yuan(Decimal);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a plain decimal number.
    #[error("`{0}` is not an amount in yuan (digits with at most one decimal point)")]
    Syntax(String),
    /// More than two decimal places (less than a fen).
    #[error("`{0}` has more than two decimal places")]
    TooPrecise(String),
    /// Larger than any subsidy could be.
    #[error("`{0}` is out of range")]
    OutOfRange(String),
}

impl crate::error::Explain for MoneyError {
    fn code(&self) -> crate::error::Code {
        match self {
            MoneyError::Syntax(_) => MoneyCode::Syntax,
            MoneyError::TooPrecise(_) => MoneyCode::TooPrecise,
            MoneyError::OutOfRange(_) => MoneyCode::OutOfRange,
        }
        .into()
    }
    fn message_zh(&self) -> String {
        match self {
            MoneyError::Syntax(s) => format!("“{s}”不是以元为单位的金额"),
            MoneyError::TooPrecise(s) => format!("“{s}”的小数超过两位（分）"),
            MoneyError::OutOfRange(s) => format!("“{s}”超出金额范围"),
        }
    }
    fn message_en(&self) -> String {
        self.to_string()
    }
}

/// Amounts above this (one hundred billion yuan) are refused as input errors.
const MAX_ABS: i64 = 100_000_000_000;

impl Yuan {
    /// Zero yuan.
    pub const ZERO: Yuan = Yuan(Decimal::ZERO);

    /// Whole yuan.
    ///
    /// ```
    /// assert_eq!(peixun::money::Yuan::from_yuan(500).to_string(), "500.00");
    /// ```
    pub fn from_yuan(yuan: i64) -> Yuan {
        Yuan(Decimal::from(yuan))
    }

    /// An amount in fen (0.01 yuan).
    ///
    /// ```
    /// assert_eq!(peixun::money::Yuan::from_fen(150_001).to_string(), "1500.01");
    /// ```
    pub fn from_fen(fen: i64) -> Yuan {
        Yuan(Decimal::new(fen, 2))
    }

    /// The amount in fen, after rounding to the fen.
    ///
    /// ```
    /// assert_eq!("12.345".parse::<peixun::money::Yuan>().map(|y| y.fen()).ok(), None); // too precise
    /// assert_eq!(peixun::money::Yuan::from_yuan(3).fen(), 300);
    /// ```
    pub fn fen(self) -> i64 {
        let r = self.round_fen().0 * Decimal::ONE_HUNDRED;
        // Values are bounded by MAX_ABS on input and by sums of such values, far
        // inside i64 in fen.
        rust_decimal::prelude::ToPrimitive::to_i64(&r.trunc()).unwrap_or(i64::MAX)
    }

    /// The underlying decimal.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// Wraps an exact decimal (not yet rounded).
    pub fn from_decimal(d: Decimal) -> Yuan {
        Yuan(d)
    }

    /// Rounds half-up (away from zero at exactly half a fen) to the fen.
    ///
    /// ```
    /// use peixun::money::Yuan;
    /// use rust_decimal::Decimal;
    /// let third = Yuan::from_decimal(Decimal::from(1000) / Decimal::from(3));
    /// assert_eq!(third.round_fen().to_string(), "333.33");
    /// let half = Yuan::from_decimal(Decimal::new(1005, 3)); // 1.005
    /// assert_eq!(half.round_fen().to_string(), "1.01");
    /// ```
    pub fn round_fen(self) -> Yuan {
        Yuan(
            self.0
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// `self × quantity`, exact (round the result with [`Yuan::round_fen`] once per line).
    ///
    /// ```
    /// use peixun::money::Yuan;
    /// use rust_decimal::Decimal;
    /// let line = Yuan::from_yuan(1500).times(Decimal::new(35, 1)).round_fen(); // 3.5 months
    /// assert_eq!(line.to_string(), "5250.00");
    /// ```
    pub fn times(self, quantity: Decimal) -> Yuan {
        Yuan(self.0 * quantity)
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Yuan) -> Yuan {
        if other < self {
            other
        } else {
            self
        }
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

impl FromStr for Yuan {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let body = t.strip_prefix('-').unwrap_or(t);
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits_ok = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(body.contains('.') && frac.is_empty());
        if !digits_ok {
            return Err(MoneyError::Syntax(s.to_owned()));
        }
        if frac.len() > 2 {
            return Err(MoneyError::TooPrecise(s.to_owned()));
        }
        if int.len() > 12 {
            return Err(MoneyError::OutOfRange(s.to_owned()));
        }
        let d = Decimal::from_str(t).map_err(|_| MoneyError::Syntax(s.to_owned()))?;
        if d.abs() > Decimal::from(MAX_ABS) {
            return Err(MoneyError::OutOfRange(s.to_owned()));
        }
        Ok(Yuan(d))
    }
}

impl fmt::Display for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.round_fen().0;
        let mut s = r;
        s.rescale(2);
        write!(f, "{s}")
    }
}

impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Yuan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Yuan;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in yuan as a string, e.g. \"1500.00\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Yuan, E> {
                v.parse().map_err(|e: MoneyError| {
                    E::custom(crate::input::coded_explained(InputCode::InvalidMoney, &e))
                })
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Yuan, E> {
                number(crate::input::float_text(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Yuan, E> {
                number(v.to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Yuan, E> {
                number(v.to_string())
            }
        }
        /// A JSON number where an amount belongs: refused, quoting its digits.
        fn number<E: serde::de::Error>(v: String) -> Result<Yuan, E> {
            Err(E::custom(crate::input::coded_zh(
                InputCode::InvalidMoney,
                format!("{v} is a JSON number; write amounts as strings, e.g. \"1500.00\""),
                format!("{v} 是 JSON 数字；金额请写成字符串，例如 \"1500.00\""),
            )))
        }
        d.deserialize_any(V)
    }
}

impl Add for Yuan {
    type Output = Yuan;
    fn add(self, rhs: Yuan) -> Yuan {
        Yuan(self.0 + rhs.0)
    }
}

impl Sub for Yuan {
    type Output = Yuan;
    fn sub(self, rhs: Yuan) -> Yuan {
        Yuan(self.0 - rhs.0)
    }
}

impl Sum for Yuan {
    fn sum<I: Iterator<Item = Yuan>>(iter: I) -> Yuan {
        iter.fold(Yuan::ZERO, Add::add)
    }
}
