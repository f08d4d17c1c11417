//! Identity numbers: resident ID numbers, unified social credit codes, masking.
//!
//! - [`check_resident_id`] reads a resident identity number (公民身份号码,
//!   GB 11643-1999): 18 characters with an ISO 7064 MOD 11-2 check character, or
//!   the 15-digit form of GB 11643-1989, which it converts ([`upgrade_15`]). The
//!   same format is used by the residence permits of Hong Kong, Macao and Taiwan
//!   residents and by the 2023 foreigner's permanent residence ID.
//! - [`check_credit_code`] reads a unified social credit code (统一社会信用代码,
//!   GB 32100-2015), the number of every training institution and employer.
//! - [`MaskRule`] hides the middle of a number for public lists (公示名单).
//!
//! Everything here is pure computation: no I/O, no clock, the same natively and in
//! WebAssembly. Every refusal is an [`IdError`] with a stable code.
//!
//! ```
//! use peixun::identity::{check_resident_id, mask_id, Sex};
//! let id = check_resident_id(" 11010519491231002x ").unwrap();
//! assert_eq!(id.number(), "11010519491231002X");
//! assert_eq!(id.sex(), Sex::Female);
//! assert_eq!(id.province_name(), Some("北京市"));
//! assert_eq!(mask_id(id.number()), "110105********002X");
//! ```

use std::fmt;

use crate::error::{Code, Explain};

pub use crate::error::{IdCode, UsccCode};

mod credit_code;
mod mask;
mod provinces;
mod resident_id;
pub mod serde_credit_code;
pub mod serde_resident_id;

pub use credit_code::{
    check_credit_code, credit_code_check_character, organisation_code_check_character, CreditCode,
    CREDIT_CODE_ALPHABET,
};
pub use mask::{mask_id, MaskRule, MASK_CHAR};
pub use provinces::{province_name, province_name_en, PROVINCES};
pub use resident_id::{
    check_resident_id, resident_id_check_character, upgrade_15, IdKind, ResidentId, Sex,
    EARLIEST_BIRTH_DATE,
};

/// Why a text is not a valid resident ID number or unified social credit code.
///
/// The checks run in a fixed order (length, characters, birth date, check
/// character), and the first failure is reported, so a number with a bad date and
/// a bad check character is reported as `id.birth_date`. Messages never repeat
/// the whole number: they name a position, a character or the date digits.
///
/// ```
/// use peixun::error::Explain;
/// use peixun::identity::{check_resident_id, IdError};
/// let err = check_resident_id("110101202311012171").unwrap_err();
/// assert_eq!(err, IdError::CheckCharacter { expected: '6', found: '1' });
/// assert_eq!(err.code().as_str(), "id.check_character");
/// assert!(err.message_en().contains('6'));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// `id.length`: not 18 characters (nor 15, for the old form).
    Length {
        /// How many characters were found after trimming.
        found: usize,
        /// Only the 15-digit form was acceptable (in [`upgrade_15`]).
        legacy_only: bool,
    },
    /// `id.characters`: a character that may not stand at that position.
    Character {
        /// 1-based position in the trimmed number.
        position: usize,
        /// The character found there.
        found: char,
        /// Length of the number (18, or 15 for the old form), which decides the rule.
        length: usize,
    },
    /// `id.birth_date`: the birth date digits are not a real date on or after
    /// [`EARLIEST_BIRTH_DATE`].
    BirthDate {
        /// The eight digits `YYYYMMDD` (for the 15-digit form, with the implied `19`).
        digits: String,
    },
    /// `id.check_character`: the last character is not the MOD 11-2 check character.
    CheckCharacter {
        /// The check character computed from the first 17 digits.
        expected: char,
        /// The character found.
        found: char,
    },
    /// `uscc.length`: a unified social credit code has 18 characters.
    CreditCodeLength {
        /// How many characters were found after trimming.
        found: usize,
    },
    /// `uscc.characters`: a character outside the 31-symbol alphabet
    /// (digits and capital letters except I, O, S, V, Z).
    CreditCodeCharacter {
        /// 1-based position in the trimmed code.
        position: usize,
        /// The character found there.
        found: char,
    },
    /// `uscc.check_character`: the 18th character is not the MOD 31 check character.
    CreditCodeCheckCharacter {
        /// The check character computed from the first 17 characters.
        expected: char,
        /// The character found.
        found: char,
    },
}

impl Explain for IdError {
    fn code(&self) -> Code {
        match self {
            IdError::Length { .. } => IdCode::Length.into(),
            IdError::Character { .. } => IdCode::Characters.into(),
            IdError::BirthDate { .. } => IdCode::BirthDate.into(),
            IdError::CheckCharacter { .. } => IdCode::CheckCharacter.into(),
            IdError::CreditCodeLength { .. } => UsccCode::Length.into(),
            IdError::CreditCodeCharacter { .. } => UsccCode::Characters.into(),
            IdError::CreditCodeCheckCharacter { .. } => UsccCode::CheckCharacter.into(),
        }
    }

    fn message_zh(&self) -> String {
        match self {
            IdError::Length {
                found,
                legacy_only: false,
            } => {
                format!("身份号码应为18位（旧号码为15位），实际为{found}位")
            }
            IdError::Length {
                found,
                legacy_only: true,
            } => {
                format!("只有15位旧号码可以升位，实际为{found}位")
            }
            IdError::Character {
                position,
                found,
                length,
            } => {
                let rule = if *length == 15 {
                    "15位旧号码只能由数字组成"
                } else if *position == 18 {
                    "第18位校验码只能是数字或X"
                } else {
                    "前17位只能是数字"
                };
                format!("第{position}位字符“{found}”无效：{rule}")
            }
            IdError::BirthDate { digits } => format!(
                "出生日期码“{digits}”不是{}年以后真实存在的日期",
                chrono::Datelike::year(&EARLIEST_BIRTH_DATE)
            ),
            IdError::CheckCharacter { expected, found } => {
                format!("校验码错误：按前17位计算应为“{expected}”，实际为“{found}”")
            }
            IdError::CreditCodeLength { found } => {
                format!("统一社会信用代码应为18位，实际为{found}位")
            }
            IdError::CreditCodeCharacter { position, found } => format!(
                "第{position}位字符“{found}”无效：只能是数字或除 I、O、S、V、Z 以外的大写字母"
            ),
            IdError::CreditCodeCheckCharacter { expected, found } => {
                format!("校验码错误：按前17位计算第18位应为“{expected}”，实际为“{found}”")
            }
        }
    }

    fn message_en(&self) -> String {
        match self {
            IdError::Length {
                found,
                legacy_only: false,
            } => format!(
                "a resident ID number has 18 characters (15 in the old form); found {found}"
            ),
            IdError::Length {
                found,
                legacy_only: true,
            } => {
                format!("only a 15-digit old-form number can be upgraded; found {found} characters")
            }
            IdError::Character {
                position,
                found,
                length,
            } => {
                let rule = if *length == 15 {
                    "a 15-digit old-form number has only digits"
                } else if *position == 18 {
                    "the check character is a digit or X"
                } else {
                    "the first 17 characters are digits"
                };
                format!("character {position} ({found:?}) is not allowed: {rule}")
            }
            IdError::BirthDate { digits } => format!(
                "the birth date digits {digits} are not a date that exists (on or after {})",
                EARLIEST_BIRTH_DATE
            ),
            IdError::CheckCharacter { expected, found } => {
                format!("wrong check character: the first 17 digits give {expected}, found {found}")
            }
            IdError::CreditCodeLength { found } => {
                format!("a unified social credit code has 18 characters; found {found}")
            }
            IdError::CreditCodeCharacter { position, found } => format!(
                "character {position} ({found:?}) is not allowed: only digits and capital \
                 letters other than I, O, S, V and Z"
            ),
            IdError::CreditCodeCheckCharacter { expected, found } => format!(
                "wrong check character: the first 17 characters give {expected}, found {found}"
            ),
        }
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code(), self.message_en())
    }
}

impl std::error::Error for IdError {}
