//! Resident identity numbers (公民身份号码, GB 11643-1999).
//!
//! Layout of the 18 characters: address code (1–6, GB/T 2260 county of registered
//! residence, first two digits the province), birth date `YYYYMMDD` (7–14),
//! sequence (15–17, the 17th odd for men and even for women) and check character
//! (18). The check character is ISO 7064 MOD 11-2 over the first 17 digits:
//! `S = Σ dᵢ·Wᵢ` with `Wᵢ = 2^(18−i) mod 11`, and the check is `"10X98765432"[S mod 11]`.
//!
//! The 15-digit form of GB 11643-1989 has a six-digit birth date `YYMMDD` in the
//! 1900s and no check character. It becomes the 18-character form by inserting
//! `19` before the birth date and appending the check character.
//!
//! Address codes are not checked against a list: a person keeps the code given at
//! registration after the county is renamed, merged or abolished.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::provinces::province_name;
use super::IdError;

/// MOD 11-2 weights of positions 1–17.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character indexed by the weighted sum modulo 11.
const CHECK_CHARACTERS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The earliest birth date accepted: 1800-01-01.
///
/// GB 11643 sets no lower bound; this one only refuses years that are plainly
/// mistyped (`0000`, `1049`). It is not 1900 because the standard's own example
/// `440524188001010014` was born in 1880. There is no upper bound: the engine has
/// no clock, so a caller that needs "not in the future" compares
/// [`ResidentId::birth_date`] with its own today.
///
/// ```
/// use peixun::identity::{check_resident_id, EARLIEST_BIRTH_DATE};
/// assert_eq!(EARLIEST_BIRTH_DATE.to_string(), "1800-01-01");
/// assert!(check_resident_id("440524188001010014").is_ok());
/// ```
pub const EARLIEST_BIRTH_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1800, 1, 1) {
    Some(d) => d,
    None => panic!("1800-01-01 is a date"),
};

/// Sex, from the 17th digit: odd for male, even for female.
///
/// ```
/// use peixun::identity::{check_resident_id, Sex};
/// assert_eq!(check_resident_id("440524188001010014").unwrap().sex(), Sex::Male);
/// assert_eq!(serde_json::to_string(&Sex::Female).unwrap(), r#""female""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男: the 17th digit is odd.
    Male,
    /// 女: the 17th digit is even.
    Female,
}

/// Which document the number belongs to.
///
/// ```
/// use peixun::identity::{check_resident_id, IdKind};
/// assert_eq!(check_resident_id("11010519491231002X").unwrap().kind(), IdKind::Citizen);
/// assert_eq!(serde_json::to_string(&IdKind::TaiwanResident).unwrap(), r#""taiwan_resident""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 居民身份证: a citizen's resident identity number (first digit 1–8 in practice).
    Citizen,
    /// 港澳居民居住证 of a Hong Kong resident (address code 81…, since 2018).
    HongKongResident,
    /// 港澳居民居住证 of a Macao resident (address code 82…, since 2018).
    MacaoResident,
    /// 台湾居民居住证 of a Taiwan resident (address code 83…, since 2018).
    TaiwanResident,
    /// 外国人永久居留身份证 (2023 version, first digit 9).
    ForeignPermanentResident,
}

impl IdKind {
    /// Whether this is a residence permit of a Hong Kong, Macao or Taiwan resident.
    ///
    /// ```
    /// use peixun::identity::IdKind;
    /// assert!(IdKind::MacaoResident.is_residence_permit());
    /// assert!(!IdKind::ForeignPermanentResident.is_residence_permit());
    /// ```
    pub fn is_residence_permit(self) -> bool {
        matches!(
            self,
            IdKind::HongKongResident | IdKind::MacaoResident | IdKind::TaiwanResident
        )
    }

    /// The document's name in Chinese.
    ///
    /// ```
    /// assert_eq!(peixun::identity::IdKind::Citizen.name_zh(), "居民身份证");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            IdKind::Citizen => "居民身份证",
            IdKind::HongKongResident => "港澳居民居住证（香港）",
            IdKind::MacaoResident => "港澳居民居住证（澳门）",
            IdKind::TaiwanResident => "台湾居民居住证",
            IdKind::ForeignPermanentResident => "外国人永久居留身份证",
        }
    }

    /// The document's name in English.
    ///
    /// ```
    /// assert_eq!(
    ///     peixun::identity::IdKind::ForeignPermanentResident.name_en(),
    ///     "foreigner's permanent residence ID card"
    /// );
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            IdKind::Citizen => "resident identity card",
            IdKind::HongKongResident => "residence permit (Hong Kong resident)",
            IdKind::MacaoResident => "residence permit (Macao resident)",
            IdKind::TaiwanResident => "residence permit (Taiwan resident)",
            IdKind::ForeignPermanentResident => "foreigner's permanent residence ID card",
        }
    }
}

/// A valid resident ID number and what it says about its holder.
///
/// Made only by [`check_resident_id`] (or [`str::parse`]), so it always holds a
/// valid, normalised 18-character number. It serialises as an object with all
/// its fields; use [`serde_resident_id`](super::serde_resident_id) to read and
/// write it as a plain string inside input documents.
///
/// ```
/// let id: peixun::identity::ResidentId = "11010519491231002X".parse().unwrap();
/// let json = serde_json::to_value(&id).unwrap();
/// assert_eq!(json["birth_date"], "1949-12-31");
/// assert_eq!(json["sex"], "female");
/// assert_eq!(json["province_name"], "北京市");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ResidentId {
    number: String,
    birth_date: NaiveDate,
    sex: Sex,
    address_code: String,
    province_code: String,
    province_name: Option<&'static str>,
    kind: IdKind,
    upgraded_from_15: bool,
}

impl ResidentId {
    /// The normalised 18-character number (upper-case `X`).
    ///
    /// ```
    /// let id = peixun::identity::check_resident_id("11010519491231002x").unwrap();
    /// assert_eq!(id.number(), "11010519491231002X");
    /// ```
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The birth date (positions 7–14).
    ///
    /// ```
    /// let id = peixun::identity::check_resident_id("110101202311012176").unwrap();
    /// assert_eq!(id.birth_date().to_string(), "2023-11-01");
    /// ```
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// The holder's age in whole years on `date`, or `None` before the birth date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let id = peixun::identity::check_resident_id("11010519491231002X").unwrap();
    /// let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(id.age_on(on(2009, 12, 30)), Some(59));
    /// assert_eq!(id.age_on(on(2009, 12, 31)), Some(60));
    /// assert_eq!(id.age_on(on(1949, 1, 1)), None);
    /// ```
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        if date < self.birth_date {
            return None;
        }
        let b = self.birth_date;
        let mut years = date.year() - b.year();
        if (date.month(), date.day()) < (b.month(), b.day()) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }

    /// Sex, from the 17th digit.
    ///
    /// ```
    /// use peixun::identity::{check_resident_id, Sex};
    /// assert_eq!(check_resident_id("110101202311012176").unwrap().sex(), Sex::Male);
    /// ```
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// The six-digit address code (positions 1–6), known to the tables or not.
    ///
    /// ```
    /// let id = peixun::identity::check_resident_id("440524188001010014").unwrap();
    /// assert_eq!(id.address_code(), "440524");
    /// ```
    pub fn address_code(&self) -> &str {
        &self.address_code
    }

    /// The first two digits: the province for a citizen. For a foreigner's
    /// permanent residence ID the first digit is the marker 9, so these two digits
    /// are not a province.
    ///
    /// ```
    /// let id = peixun::identity::check_resident_id("440524188001010014").unwrap();
    /// assert_eq!(id.province_code(), "44");
    /// ```
    pub fn province_code(&self) -> &str {
        &self.province_code
    }

    /// The province's name, when the first two digits are a known province.
    ///
    /// ```
    /// let id = peixun::identity::check_resident_id("440524188001010014").unwrap();
    /// assert_eq!(id.province_name(), Some("广东省"));
    /// ```
    pub fn province_name(&self) -> Option<&'static str> {
        self.province_name
    }

    /// Which document the number belongs to.
    ///
    /// ```
    /// use peixun::identity::{check_resident_id, IdKind};
    /// assert_eq!(check_resident_id("440524188001010014").unwrap().kind(), IdKind::Citizen);
    /// ```
    pub fn kind(&self) -> IdKind {
        self.kind
    }

    /// Whether it is a Hong Kong, Macao or Taiwan resident's residence permit
    /// (address code 81, 82 or 83).
    ///
    /// ```
    /// use peixun::identity::{check_resident_id, resident_id_check_character};
    /// let body = "81000019900101001";
    /// let number = format!("{body}{}", resident_id_check_character(body).unwrap());
    /// assert!(check_resident_id(&number).unwrap().is_residence_permit());
    /// ```
    pub fn is_residence_permit(&self) -> bool {
        self.kind.is_residence_permit()
    }

    /// Whether it is a foreigner's permanent residence ID (first digit 9).
    ///
    /// ```
    /// use peixun::identity::{check_resident_id, resident_id_check_character};
    /// let body = "91184019900101001";
    /// let number = format!("{body}{}", resident_id_check_character(body).unwrap());
    /// assert!(check_resident_id(&number).unwrap().is_foreign_permanent_resident());
    /// ```
    pub fn is_foreign_permanent_resident(&self) -> bool {
        self.kind == IdKind::ForeignPermanentResident
    }

    /// Whether the number was given in the 15-digit form and converted.
    ///
    /// ```
    /// let id = peixun::identity::check_resident_id("440524800101001").unwrap();
    /// assert!(id.upgraded_from_15());
    /// assert_eq!(id.number(), "440524198001010013");
    /// ```
    pub fn upgraded_from_15(&self) -> bool {
        self.upgraded_from_15
    }
}

impl std::fmt::Display for ResidentId {
    /// Writes the normalised 18-character number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.number)
    }
}

impl std::str::FromStr for ResidentId {
    type Err = IdError;

    /// The same as [`check_resident_id`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        check_resident_id(s)
    }
}

/// The MOD 11-2 check character for the first 17 digits of a number, or `None`
/// unless `first_17` is exactly 17 ASCII digits.
///
/// ```
/// use peixun::identity::resident_id_check_character;
/// assert_eq!(resident_id_check_character("11010519491231002"), Some('X'));
/// assert_eq!(resident_id_check_character("1101051949123100"), None);
/// ```
pub fn resident_id_check_character(first_17: &str) -> Option<char> {
    let b = first_17.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = b
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    Some(CHECK_CHARACTERS[(sum % 11) as usize])
}

/// Checks a resident ID number and reads what it says.
///
/// Surrounding white space is ignored and a lower-case `x` is read as `X`. The
/// 15-digit form is accepted and converted (see [`ResidentId::upgraded_from_15`]).
/// Checks, in order: length (`id.length`), characters (`id.characters`, naming the
/// position), birth date (`id.birth_date`: a date that exists, on or after
/// [`EARLIEST_BIRTH_DATE`]) and check character (`id.check_character`). Unknown
/// address codes are accepted.
///
/// ```
/// use peixun::error::Explain;
/// use peixun::identity::check_resident_id;
/// let id = check_resident_id("11010519491231002X").unwrap();
/// assert_eq!(id.birth_date().to_string(), "1949-12-31");
/// assert_eq!(check_resident_id("123").unwrap_err().code(), "id.length");
/// assert_eq!(check_resident_id("11010519491231002Y").unwrap_err().code(), "id.characters");
/// assert_eq!(check_resident_id("110105194902300021").unwrap_err().code(), "id.birth_date");
/// assert_eq!(check_resident_id("110101202311012171").unwrap_err().code(), "id.check_character");
/// ```
pub fn check_resident_id(s: &str) -> Result<ResidentId, IdError> {
    let s = s.trim();
    match s.chars().count() {
        18 => read_18(s, false),
        15 => read_18(&upgrade_15(s)?, true),
        found => Err(IdError::Length {
            found,
            legacy_only: false,
        }),
    }
}

/// Converts a 15-digit number (GB 11643-1989) to the 18-character form.
///
/// Inserts `19` before the six-digit birth date and appends the check character.
/// The number must be 15 digits (`id.length`, `id.characters`) with a birth date
/// that exists (`id.birth_date`).
///
/// ```
/// use peixun::error::Explain;
/// use peixun::identity::upgrade_15;
/// assert_eq!(upgrade_15("440524800101001").unwrap(), "440524198001010013");
/// assert_eq!(upgrade_15("440524198001010013").unwrap_err().code(), "id.length");
/// ```
pub fn upgrade_15(s: &str) -> Result<String, IdError> {
    let s = s.trim();
    let found = s.chars().count();
    if found != 15 {
        return Err(IdError::Length {
            found,
            legacy_only: true,
        });
    }
    if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(IdError::Character {
            position: i + 1,
            found: c,
            length: 15,
        });
    }
    let body = format!("{}19{}", &s[..6], &s[6..]);
    birth_date(&body[6..14])?;
    let check = resident_id_check_character(&body).unwrap_or('0');
    Ok(format!("{body}{check}"))
}

/// Reads a trimmed 18-character number.
fn read_18(s: &str, upgraded_from_15: bool) -> Result<ResidentId, IdError> {
    let mut number = String::with_capacity(18);
    for (i, c) in s.chars().enumerate() {
        let c = if i == 17 && c == 'x' { 'X' } else { c };
        let allowed = c.is_ascii_digit() || (i == 17 && c == 'X');
        if !allowed {
            return Err(IdError::Character {
                position: i + 1,
                found: c,
                length: 18,
            });
        }
        number.push(c);
    }
    let birth_date = birth_date(&number[6..14])?;
    let expected = resident_id_check_character(&number[..17]).unwrap_or('0');
    let found = number[17..].chars().next().unwrap_or('0');
    if expected != found {
        return Err(IdError::CheckCharacter { expected, found });
    }
    let sex = if (number.as_bytes()[16] - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    let province_code = number[..2].to_owned();
    // Residence permits and permanent residence IDs did not exist in the days of
    // the 15-digit form, so a converted number is a citizen's.
    let kind = match (upgraded_from_15, &number[..1], &province_code[..]) {
        (true, _, _) => IdKind::Citizen,
        (false, "9", _) => IdKind::ForeignPermanentResident,
        (false, _, "81") => IdKind::HongKongResident,
        (false, _, "82") => IdKind::MacaoResident,
        (false, _, "83") => IdKind::TaiwanResident,
        _ => IdKind::Citizen,
    };
    Ok(ResidentId {
        birth_date,
        sex,
        address_code: number[..6].to_owned(),
        province_name: province_name(&province_code),
        province_code,
        kind,
        upgraded_from_15,
        number,
    })
}

/// Reads eight ASCII digits `YYYYMMDD` as a birth date.
fn birth_date(digits: &str) -> Result<NaiveDate, IdError> {
    let field = |r: std::ops::Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
    let year = i32::try_from(field(0..4)).unwrap_or(0);
    NaiveDate::from_ymd_opt(year, field(4..6), field(6..8))
        .filter(|d| *d >= EARLIEST_BIRTH_DATE)
        .ok_or_else(|| IdError::BirthDate {
            digits: digits.to_owned(),
        })
}
