//! Unified social credit codes (统一社会信用代码, GB 32100-2015).
//!
//! Layout of the 18 characters: registration authority (1), organisation category
//! (2), administrative division of the registering authority (3–8, GB/T 2260),
//! the GB 11714 organisation code (9–17: eight body characters and its own check
//! character) and the check character (18).
//!
//! The characters come from a 31-symbol alphabet, the digits and the capital
//! letters without I, O, S, V and Z; a character's value is its index. The check
//! character is `alphabet[(31 − S mod 31) mod 31]` with `S = Σ vᵢ·Wᵢ` over the first
//! 17 characters and `Wᵢ = 3^(i−1) mod 31`.
//!
//! The organisation code's own check character (GB 11714) is not a reason to
//! refuse a code: codes issued to individual businesses (个体工商户, `92…`) and
//! some others carry a body that was never an organisation code. It is reported
//! as [`CreditCode::organisation_code_consistent`].

use serde::Serialize;

use super::provinces::province_name;
use super::IdError;

/// The 31 symbols of a unified social credit code; a symbol's value is its index.
///
/// ```
/// use peixun::identity::CREDIT_CODE_ALPHABET;
/// assert_eq!(CREDIT_CODE_ALPHABET.len(), 31);
/// assert!(!CREDIT_CODE_ALPHABET.contains('I'));
/// ```
pub const CREDIT_CODE_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1–17: 3^(i−1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// GB 11714 weights of the eight body characters of an organisation code.
const ORGANISATION_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Registration authorities (登记管理部门), position 1.
const AUTHORITIES: &[(char, &str)] = &[
    ('1', "机构编制"),
    ('2', "外交"),
    ('3', "司法行政"),
    ('4', "文化"),
    ('5', "民政"),
    ('6', "旅游"),
    ('7', "宗教"),
    ('8', "工会"),
    ('9', "工商(市场监管)"),
    ('A', "中央军委改革和编制办公室"),
    ('N', "农业"),
    ('Y', "其他"),
];

/// Organisation categories (机构类别), position 2, by registration authority.
const CATEGORIES: &[(char, char, &str)] = &[
    ('1', '1', "机关"),
    ('1', '2', "事业单位"),
    ('1', '3', "中央编办直接管理机构编制的群众团体"),
    ('1', '9', "其他"),
    ('2', '1', "外国常驻新闻机构"),
    ('2', '9', "其他"),
    ('3', '1', "律师执业机构"),
    ('3', '2', "公证处"),
    ('3', '3', "基层法律服务所"),
    ('3', '4', "司法鉴定机构"),
    ('3', '5', "仲裁委员会"),
    ('3', '9', "其他"),
    ('4', '1', "外国在华文化中心"),
    ('4', '9', "其他"),
    ('5', '1', "社会团体"),
    ('5', '2', "民办非企业单位(社会服务机构)"),
    ('5', '3', "基金会"),
    ('5', '9', "其他"),
    ('6', '1', "外国旅游部门常驻代表机构"),
    ('6', '2', "港澳台地区旅游部门常驻内地(大陆)代表机构"),
    ('6', '9', "其他"),
    ('7', '1', "宗教活动场所"),
    ('7', '2', "宗教院校"),
    ('7', '9', "其他"),
    ('8', '1', "基层工会"),
    ('8', '9', "其他"),
    ('9', '1', "企业"),
    ('9', '2', "个体工商户"),
    ('9', '3', "农民专业合作社"),
    ('A', '1', "军队事业单位"),
    ('A', '9', "其他"),
    ('N', '1', "组级集体经济组织"),
    ('N', '2', "村级集体经济组织"),
    ('N', '3', "乡镇级集体经济组织"),
    ('N', '9', "其他"),
    ('Y', '1', "其他"),
];

/// A valid unified social credit code and what it says.
///
/// Made only by [`check_credit_code`] (or [`str::parse`]). It serialises as an
/// object with all its fields; use [`serde_credit_code`](super::serde_credit_code)
/// to read and write it as a plain string inside input documents.
///
/// ```
/// let code: peixun::identity::CreditCode = "91350100M000100Y43".parse().unwrap();
/// let json = serde_json::to_value(&code).unwrap();
/// assert_eq!(json["category_name"], "企业");
/// assert_eq!(json["province_name"], "福建省");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CreditCode {
    code: String,
    registration_authority: char,
    registration_authority_name: Option<&'static str>,
    category: char,
    category_name: Option<&'static str>,
    division_code: String,
    province_code: String,
    province_name: Option<&'static str>,
    organisation_code: String,
    organisation_code_consistent: bool,
}

impl CreditCode {
    /// The normalised 18-character code (upper case).
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91110108551385082q").unwrap();
    /// assert_eq!(c.code(), "91110108551385082Q");
    /// ```
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The registration authority's code (position 1), e.g. `5` for civil affairs.
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91350100M000100Y43").unwrap();
    /// assert_eq!(c.registration_authority(), '9');
    /// ```
    pub fn registration_authority(&self) -> char {
        self.registration_authority
    }

    /// The registration authority's name, when the code is one of GB 32100's.
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91350100M000100Y43").unwrap();
    /// assert_eq!(c.registration_authority_name(), Some("工商(市场监管)"));
    /// ```
    pub fn registration_authority_name(&self) -> Option<&'static str> {
        self.registration_authority_name
    }

    /// The organisation category's code (position 2).
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91350100M000100Y43").unwrap();
    /// assert_eq!(c.category(), '1');
    /// ```
    pub fn category(&self) -> char {
        self.category
    }

    /// The organisation category's name, when known for this authority
    /// (`52…` is a 民办非企业单位, the usual form of a private training school).
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91350100M000100Y43").unwrap();
    /// assert_eq!(c.category_name(), Some("企业"));
    /// ```
    pub fn category_name(&self) -> Option<&'static str> {
        self.category_name
    }

    /// The registering authority's administrative division (positions 3–8).
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91110108551385082Q").unwrap();
    /// assert_eq!(c.division_code(), "110108");
    /// ```
    pub fn division_code(&self) -> &str {
        &self.division_code
    }

    /// The first two digits of the division: the province (`10` for central bodies).
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91110108551385082Q").unwrap();
    /// assert_eq!(c.province_code(), "11");
    /// ```
    pub fn province_code(&self) -> &str {
        &self.province_code
    }

    /// The province's name, when the division starts with a known province code.
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91110108551385082Q").unwrap();
    /// assert_eq!(c.province_name(), Some("北京市"));
    /// ```
    pub fn province_name(&self) -> Option<&'static str> {
        self.province_name
    }

    /// The embedded GB 11714 organisation code (positions 9–17).
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91110108551385082Q").unwrap();
    /// assert_eq!(c.organisation_code(), "551385082");
    /// ```
    pub fn organisation_code(&self) -> &str {
        &self.organisation_code
    }

    /// Whether position 17 is the GB 11714 check character of positions 9–16.
    ///
    /// Not a reason to refuse the code (see the module notes); both valid examples
    /// of the reference data pass it.
    ///
    /// ```
    /// let c = peixun::identity::check_credit_code("91350100M000100Y43").unwrap();
    /// assert!(c.organisation_code_consistent());
    /// ```
    pub fn organisation_code_consistent(&self) -> bool {
        self.organisation_code_consistent
    }
}

impl std::fmt::Display for CreditCode {
    /// Writes the normalised 18-character code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code)
    }
}

impl std::str::FromStr for CreditCode {
    type Err = IdError;

    /// The same as [`check_credit_code`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        check_credit_code(s)
    }
}

/// The value of a symbol of the 31-symbol alphabet.
fn value(c: char) -> Option<u32> {
    CREDIT_CODE_ALPHABET.find(c).map(|i| i as u32)
}

/// The check character (position 18) for the first 17 characters of a code, or
/// `None` unless `first_17` is 17 symbols of [`CREDIT_CODE_ALPHABET`].
///
/// ```
/// use peixun::identity::credit_code_check_character;
/// assert_eq!(credit_code_check_character("91350100M000100Y4"), Some('3'));
/// assert_eq!(credit_code_check_character("91350100M000100I4"), None);
/// ```
pub fn credit_code_check_character(first_17: &str) -> Option<char> {
    if first_17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first_17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let index = (31 - sum % 31) % 31;
    CREDIT_CODE_ALPHABET.chars().nth(index as usize)
}

/// The GB 11714 check character for the eight body characters of an organisation
/// code, or `None` unless `body` is eight digits or capital letters.
///
/// Digits count as their value and letters as A = 10 … Z = 35; the check is
/// `11 − (S mod 11)` with 10 written `X` and 11 written `0`.
///
/// ```
/// use peixun::identity::organisation_code_check_character;
/// assert_eq!(organisation_code_check_character("55138508"), Some('2'));
/// assert_eq!(organisation_code_check_character("M000100Y"), Some('4'));
/// ```
pub fn organisation_code_check_character(body: &str) -> Option<char> {
    if body.chars().count() != 8 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.chars().zip(ORGANISATION_WEIGHTS) {
        let v = match c {
            '0'..='9' | 'A'..='Z' => c.to_digit(36)?,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// Checks a unified social credit code and reads what it says.
///
/// Surrounding white space is ignored and lower-case letters are read as capitals.
/// Checks, in order: length (`uscc.length`), characters (`uscc.characters`,
/// naming the position; I, O, S, V and Z are not in the alphabet) and check
/// character (`uscc.check_character`). Unknown authorities, categories and
/// divisions are accepted.
///
/// ```
/// use peixun::error::Explain;
/// use peixun::identity::check_credit_code;
/// let code = check_credit_code("91350100M000100Y43").unwrap();
/// assert_eq!(code.division_code(), "350100");
/// assert_eq!(check_credit_code("9135").unwrap_err().code(), "uscc.length");
/// assert_eq!(check_credit_code("91350100M000100O43").unwrap_err().code(), "uscc.characters");
/// assert_eq!(check_credit_code("91350100M000100Y4A").unwrap_err().code(), "uscc.check_character");
/// ```
pub fn check_credit_code(s: &str) -> Result<CreditCode, IdError> {
    let s = s.trim();
    let found = s.chars().count();
    if found != 18 {
        return Err(IdError::CreditCodeLength { found });
    }
    let mut code = String::with_capacity(18);
    for (i, c) in s.chars().enumerate() {
        let c = c.to_ascii_uppercase();
        if value(c).is_none() {
            return Err(IdError::CreditCodeCharacter {
                position: i + 1,
                found: c,
            });
        }
        code.push(c);
    }
    // All 18 characters are ASCII from here on.
    let expected = credit_code_check_character(&code[..17]).unwrap_or('0');
    let found = code.as_bytes()[17] as char;
    if expected != found {
        return Err(IdError::CreditCodeCheckCharacter { expected, found });
    }
    let authority = code.as_bytes()[0] as char;
    let category = code.as_bytes()[1] as char;
    let organisation_code = code[8..17].to_owned();
    let organisation_code_consistent = organisation_code_check_character(&organisation_code[..8])
        == organisation_code[8..].chars().next();
    let province_code = code[2..4].to_owned();
    Ok(CreditCode {
        registration_authority: authority,
        registration_authority_name: AUTHORITIES
            .iter()
            .find(|(a, _)| *a == authority)
            .map(|(_, name)| *name),
        category,
        category_name: CATEGORIES
            .iter()
            .find(|(a, c, _)| *a == authority && *c == category)
            .map(|(_, _, name)| *name),
        division_code: code[2..8].to_owned(),
        province_name: province_name(&province_code),
        province_code,
        organisation_code,
        organisation_code_consistent,
        code,
    })
}
