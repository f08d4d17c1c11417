//! Serde helpers for a [`ResidentId`] written as a plain string in a JSON input.
//!
//! Use with `#[serde(with = "peixun::identity::serde_resident_id")]` (inside the
//! crate, `crate::identity::serde_resident_id`). A number that fails the check
//! becomes the input error `input.invalid_id_number` at the field's path, with
//! the specific `id.*` code at the start of its detail. A JSON number instead of a
//! string is `input.wrong_type` (a number would lose an `X` or a leading zero).
//!
//! ```
//! use peixun::identity::ResidentId;
//! #[derive(Debug, serde::Deserialize, serde::Serialize)]
//! struct Trainee {
//!     #[serde(with = "peixun::identity::serde_resident_id")]
//!     id_number: ResidentId,
//! }
//! #[derive(Debug, serde::Deserialize)]
//! struct Class {
//!     trainees: Vec<Trainee>,
//! }
//! let ok = r#"{"trainees": [{"id_number": "11010519491231002x"}]}"#;
//! let class: Class = peixun::input::from_json(ok, 1024).unwrap();
//! assert_eq!(class.trainees[0].id_number.number(), "11010519491231002X");
//! let json = serde_json::to_string(&class.trainees[0]).unwrap();
//! assert_eq!(json, r#"{"id_number":"11010519491231002X"}"#);
//!
//! let bad = r#"{"trainees": [{"id_number": "110101202311012171"}]}"#;
//! let err = peixun::input::from_json::<Class>(bad, 1024).unwrap_err();
//! assert_eq!(err.code.as_str(), "input.invalid_id_number");
//! assert_eq!(err.path, "$.trainees[0].id_number");
//! assert!(err.detail.starts_with("[id.check_character]"));
//! ```

use crate::error::InputCode;
use serde::{Deserialize, Deserializer, Serializer};

use super::ResidentId;

/// The input error code for an invalid resident ID number.
pub(crate) const CODE: InputCode = InputCode::InvalidIdNumber;

fn read<E: serde::de::Error>(s: &str) -> Result<ResidentId, E> {
    super::check_resident_id(s).map_err(|e| E::custom(crate::input::coded_explained(CODE, &e)))
}

/// Deserialises a required number from a string.
///
/// ```
/// use serde::de::IntoDeserializer;
/// let d: serde::de::value::StrDeserializer<serde::de::value::Error> =
///     "440524800101001".into_deserializer();
/// let id = peixun::identity::serde_resident_id::deserialize(d).unwrap();
/// assert_eq!(id.number(), "440524198001010013");
/// ```
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ResidentId, D::Error> {
    let s = String::deserialize(d)?;
    read(&s)
}

/// Serialises the normalised 18-character number as a string.
///
/// ```
/// let id = peixun::identity::check_resident_id("11010519491231002X").unwrap();
/// let mut out = Vec::new();
/// peixun::identity::serde_resident_id::serialize(&id, &mut serde_json::Serializer::new(&mut out))
///     .unwrap();
/// assert_eq!(out, br#""11010519491231002X""#);
/// ```
pub fn serialize<S: Serializer>(id: &ResidentId, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(id.number())
}

/// The same for an optional number: `null` is `None`; add `#[serde(default)]` to
/// allow the field to be absent.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct Applicant {
///     #[serde(default, with = "peixun::identity::serde_resident_id::option")]
///     id_number: Option<peixun::identity::ResidentId>,
/// }
/// let a: Applicant = peixun::input::from_json("{}", 1024).unwrap();
/// assert!(a.id_number.is_none());
/// let a: Applicant = peixun::input::from_json(r#"{"id_number": null}"#, 1024).unwrap();
/// assert!(a.id_number.is_none());
/// let err = peixun::input::from_json::<Applicant>(r#"{"id_number": "123"}"#, 1024).unwrap_err();
/// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.invalid_id_number", "$.id_number"));
/// assert!(err.detail.contains("id.length"));
/// ```
pub mod option {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::identity::ResidentId;

    /// Deserialises an optional number.
    ///
    /// ```
    /// use serde::de::IntoDeserializer;
    /// let d: serde::de::value::UnitDeserializer<serde::de::value::Error> = ().into_deserializer();
    /// assert_eq!(peixun::identity::serde_resident_id::option::deserialize(d).unwrap(), None);
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ResidentId>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => super::read(&s).map(Some),
        }
    }

    /// Serialises an optional number (`None` as `null`).
    ///
    /// ```
    /// let mut out = Vec::new();
    /// peixun::identity::serde_resident_id::option::serialize(
    ///     &None,
    ///     &mut serde_json::Serializer::new(&mut out),
    /// )
    /// .unwrap();
    /// assert_eq!(out, b"null");
    /// ```
    pub fn serialize<S: Serializer>(id: &Option<ResidentId>, s: S) -> Result<S::Ok, S::Error> {
        match id {
            Some(id) => s.serialize_str(id.number()),
            None => s.serialize_none(),
        }
    }
}
