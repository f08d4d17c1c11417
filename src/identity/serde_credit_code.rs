//! Serde helpers for a [`CreditCode`] written as a plain string in a JSON input.
//!
//! Use with `#[serde(with = "peixun::identity::serde_credit_code")]` (inside the
//! crate, `crate::identity::serde_credit_code`). A code that fails the check
//! becomes the input error `input.invalid_credit_code` at the field's path, with
//! the specific `uscc.*` code at the start of its detail.
//!
//! ```
//! use peixun::identity::CreditCode;
//! #[derive(Debug, serde::Deserialize, serde::Serialize)]
//! struct Institution {
//!     #[serde(with = "peixun::identity::serde_credit_code")]
//!     credit_code: CreditCode,
//! }
//! let ok = r#"{"credit_code": "91350100m000100y43"}"#;
//! let inst: Institution = peixun::input::from_json(ok, 1024).unwrap();
//! assert_eq!(inst.credit_code.code(), "91350100M000100Y43");
//! let json = serde_json::to_string(&inst).unwrap();
//! assert_eq!(json, r#"{"credit_code":"91350100M000100Y43"}"#);
//!
//! let bad = r#"{"credit_code": "91350100M000100Y4A"}"#;
//! let err = peixun::input::from_json::<Institution>(bad, 1024).unwrap_err();
//! assert_eq!((err.code.as_str(), err.path.as_str()), ("input.invalid_credit_code", "$.credit_code"));
//! assert!(err.detail.starts_with("[uscc.check_character]"));
//! ```

use crate::error::InputCode;
use serde::{Deserialize, Deserializer, Serializer};

use super::CreditCode;

/// The input error code for an invalid unified social credit code.
pub(crate) const CODE: InputCode = InputCode::InvalidCreditCode;

fn read<E: serde::de::Error>(s: &str) -> Result<CreditCode, E> {
    super::check_credit_code(s).map_err(|e| E::custom(crate::input::coded_explained(CODE, &e)))
}

/// Deserialises a required code from a string.
///
/// ```
/// use serde::de::IntoDeserializer;
/// let d: serde::de::value::StrDeserializer<serde::de::value::Error> =
///     "91110108551385082Q".into_deserializer();
/// let code = peixun::identity::serde_credit_code::deserialize(d).unwrap();
/// assert_eq!(code.division_code(), "110108");
/// ```
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CreditCode, D::Error> {
    let s = String::deserialize(d)?;
    read(&s)
}

/// Serialises the normalised 18-character code as a string.
///
/// ```
/// let code = peixun::identity::check_credit_code("91110108551385082Q").unwrap();
/// let mut out = Vec::new();
/// peixun::identity::serde_credit_code::serialize(&code, &mut serde_json::Serializer::new(&mut out))
///     .unwrap();
/// assert_eq!(out, br#""91110108551385082Q""#);
/// ```
pub fn serialize<S: Serializer>(code: &CreditCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.code())
}

/// The same for an optional code: `null` is `None`; add `#[serde(default)]` to
/// allow the field to be absent.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct Employer {
///     #[serde(default, with = "peixun::identity::serde_credit_code::option")]
///     credit_code: Option<peixun::identity::CreditCode>,
/// }
/// let e: Employer = peixun::input::from_json("{}", 1024).unwrap();
/// assert!(e.credit_code.is_none());
/// let err = peixun::input::from_json::<Employer>(r#"{"credit_code": "913501"}"#, 1024).unwrap_err();
/// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.invalid_credit_code", "$.credit_code"));
/// assert!(err.detail.contains("uscc.length"));
/// ```
pub mod option {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::identity::CreditCode;

    /// Deserialises an optional code.
    ///
    /// ```
    /// use serde::de::IntoDeserializer;
    /// let d: serde::de::value::UnitDeserializer<serde::de::value::Error> = ().into_deserializer();
    /// assert_eq!(peixun::identity::serde_credit_code::option::deserialize(d).unwrap(), None);
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<CreditCode>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => super::read(&s).map(Some),
        }
    }

    /// Serialises an optional code (`None` as `null`).
    ///
    /// ```
    /// let mut out = Vec::new();
    /// peixun::identity::serde_credit_code::option::serialize(
    ///     &None,
    ///     &mut serde_json::Serializer::new(&mut out),
    /// )
    /// .unwrap();
    /// assert_eq!(out, b"null");
    /// ```
    pub fn serialize<S: Serializer>(code: &Option<CreditCode>, s: S) -> Result<S::Ok, S::Error> {
        match code {
            Some(code) => s.serialize_str(code.code()),
            None => s.serialize_none(),
        }
    }
}
