//! The trusted key set: key ID → Ed25519 public key, with its status.
//!
//! ```json
//! {"keys": [
//!   {"key_id": "ln-2023-1", "algorithm": "ed25519", "public_key": "<base64url, 32 bytes>",
//!    "status": "retired", "retired_after": "2024-06-30T23:59:59+08:00"},
//!   {"key_id": "ln-2024-1", "algorithm": "ed25519", "public_key": "<base64url, 32 bytes>",
//!    "status": "active"}
//! ]}
//! ```
//!
//! # Rotation
//!
//! The authority signs new vouchers with one key at a time. To rotate, it
//! generates a new key, adds it to the set as `active`, starts signing with it,
//! and marks the old key `retired` with `retired_after`: the last moment it signed
//! with it. Then:
//!
//! - A voucher signed with a retired key whose `issued_at` is **at or before**
//!   `retired_after` still verifies, until its own `valid_until`: rotation never
//!   invalidates vouchers already in trainees' hands.
//! - A voucher signed with a retired key whose `issued_at` is **after**
//!   `retired_after` fails with `voucher.key_retired`: a retired key signs nothing
//!   new, so such a voucher comes from a key that was misused after rotation.
//! - Retirement is about when a voucher was *issued*, not when it is *checked*.
//!   A key whose private half may have leaked is not retired but **removed** from
//!   the set (its vouchers then fail as `voucher.unknown_key` and are re-issued):
//!   whoever holds a leaked key can also back-date `issued_at`.
//!
//! Every problem with a key set is a [`KeySetError`]: `keys.*` for a bad entry,
//! `input.*` for JSON that is not a key set at all.

use chrono::{DateTime, FixedOffset};
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::moment;
use crate::error::{Code, Explain, KeysCode};
use crate::input::{self, InputError};

/// Whether a key signs new vouchers.
///
/// ```
/// use peixun::voucher::KeyStatus;
/// let at = peixun::voucher::moment::parse("2024-06-30T23:59:59+08:00").unwrap();
/// assert!(KeyStatus::Retired { after: at }.allows_issue_at(&at));
/// assert!(!KeyStatus::Retired { after: at }.allows_issue_at(&(at + chrono::Duration::seconds(1))));
/// assert!(KeyStatus::Active.allows_issue_at(&at));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    /// In use: the authority signs new vouchers with it.
    Active,
    /// No longer used for signing since `after`.
    Retired {
        /// The last moment the key signed a voucher.
        after: DateTime<FixedOffset>,
    },
}

impl KeyStatus {
    /// Whether a voucher issued at `issued_at` may carry this key's signature.
    ///
    /// ```
    /// let t = peixun::voucher::moment::parse("2024-01-01T00:00:00+08:00").unwrap();
    /// assert!(peixun::voucher::KeyStatus::Active.allows_issue_at(&t));
    /// ```
    pub fn allows_issue_at(&self, issued_at: &DateTime<FixedOffset>) -> bool {
        match self {
            KeyStatus::Active => true,
            KeyStatus::Retired { after } => issued_at <= after,
        }
    }
}

/// One trusted public key.
///
/// ```
/// let key = peixun::voucher::TrustedKey::from_base64url("test-1", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
/// assert_eq!(key.key_id, "test-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// The key ID that tokens name.
    pub key_id: String,
    /// The Ed25519 public key.
    pub public_key: VerifyingKey,
    /// Active or retired.
    pub status: KeyStatus,
}

impl TrustedKey {
    /// An active key from its ID and 32 public-key bytes.
    ///
    /// ```
    /// use peixun::voucher::TrustedKey;
    /// // The all-zero point is not a valid (or is a weak) key.
    /// assert!(TrustedKey::new("k1", [0; 32]).is_err());
    /// ```
    pub fn new(key_id: &str, public_key: [u8; 32]) -> Result<TrustedKey, KeySetError> {
        check_key_id(key_id, "$.key_id")?;
        let public_key = parse_point(&public_key, "$.public_key")?;
        Ok(TrustedKey {
            key_id: key_id.to_owned(),
            public_key,
            status: KeyStatus::Active,
        })
    }

    /// An active key from its ID and its public key as base64url (43 characters).
    ///
    /// ```
    /// // RFC 8032 test 1's public key: a published test key.
    /// let key = peixun::voucher::TrustedKey::from_base64url("test-1", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
    /// assert_eq!(key.public_key_base64url(), "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    /// assert_eq!(peixun::voucher::TrustedKey::from_base64url("k", "AAAA").unwrap_err().code, "keys.bad_public_key");
    /// ```
    pub fn from_base64url(key_id: &str, public_key: &str) -> Result<TrustedKey, KeySetError> {
        let bytes = super::b64::decode(public_key.trim())
            .map_err(|e| KeySetError::new(KeysCode::BadPublicKey, "$.public_key", e))?;
        let arr: [u8; 32] = bytes.try_into().map_err(|b: Vec<u8>| {
            KeySetError::new(
                KeysCode::BadPublicKey,
                "$.public_key",
                format!("{} bytes, not 32", b.len()),
            )
        })?;
        TrustedKey::new(key_id, arr)
    }

    /// The public key as base64url without padding.
    ///
    /// ```
    /// let key = peixun::voucher::TrustedKey::from_base64url("k", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
    /// assert_eq!(key.public_key_base64url().len(), 43);
    /// ```
    pub fn public_key_base64url(&self) -> String {
        super::b64::encode(self.public_key.as_bytes())
    }
}

/// A problem with a key set: a stable code, the JSON path and what is wrong.
///
/// ```
/// use peixun::error::Explain;
/// let err = peixun::voucher::KeySet::from_json(r#"{"keys": [{"key_id": "k", "algorithm": "rsa", "public_key": "", "status": "active"}]}"#).unwrap_err();
/// assert_eq!((err.code().as_str(), err.path().as_str()), ("keys.unsupported_algorithm", "$.keys[0].algorithm"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("[{code}] {path}: {detail}")]
pub struct KeySetError {
    /// `keys.bad_key_id`, `keys.unsupported_algorithm`, `keys.bad_public_key`,
    /// `keys.duplicate_key_id`, `keys.bad_status`, `keys.unknown_key`, or an `input.*` code.
    pub code: Code,
    /// JSON path of the entry.
    pub path: String,
    /// What is wrong, in English.
    pub detail: String,
}

impl KeySetError {
    fn new(code: impl Into<Code>, path: impl Into<String>, detail: impl Into<String>) -> Self {
        KeySetError {
            code: code.into(),
            path: path.into(),
            detail: detail.into(),
        }
    }

    /// The same error located under `prefix` (e.g. `$.keys` inside a request).
    ///
    /// ```
    /// let err = peixun::voucher::KeySet::from_json("[]").unwrap_err().under("$.keys");
    /// assert_eq!(err.path, "$.keys");
    /// ```
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = crate::error::join_path(prefix, &self.path);
        self
    }
}

impl From<InputError> for KeySetError {
    fn from(e: InputError) -> Self {
        KeySetError::new(e.code, e.path, e.detail)
    }
}

impl Explain for KeySetError {
    fn code(&self) -> Code {
        self.code
    }
    fn path(&self) -> String {
        self.path.clone()
    }
    fn message_zh(&self) -> String {
        let what = match self.code {
            Code::Keys(k) => k.wording_zh(),
            // An input code: the JSON is not a key set at all.
            _ => "密钥集格式错误",
        };
        format!("{what}（位置 {}）：{}", self.path, self.detail)
    }
    fn message_en(&self) -> String {
        let what = match self.code {
            Code::Keys(k) => k.wording_en(),
            _ => "not a key set",
        };
        format!("{what} at {}: {}", self.path, self.detail)
    }
}

fn check_key_id(key_id: &str, path: &str) -> Result<(), KeySetError> {
    let ok = !key_id.is_empty()
        && key_id.len() <= super::payload::MAX_KEY_ID
        && key_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(KeySetError::new(
            KeysCode::BadKeyId,
            path,
            format!("`{key_id}` is not 1–32 characters of A–Z a–z 0–9 . _ -"),
        ))
    }
}

fn parse_point(bytes: &[u8; 32], path: &str) -> Result<VerifyingKey, KeySetError> {
    let key = VerifyingKey::from_bytes(bytes).map_err(|_| {
        KeySetError::new(
            KeysCode::BadPublicKey,
            path,
            "not a point on the Ed25519 curve",
        )
    })?;
    if key.is_weak() {
        return Err(KeySetError::new(
            KeysCode::BadPublicKey,
            path,
            "a weak (small-order) public key, which verifies forged signatures",
        ));
    }
    Ok(key)
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    keys: Vec<RawKey>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    key_id: String,
    algorithm: String,
    public_key: String,
    status: String,
    #[serde(
        default,
        with = "moment::serde_moment::option",
        skip_serializing_if = "Option::is_none"
    )]
    retired_after: Option<DateTime<FixedOffset>>,
}

/// The public keys a verifier trusts, by key ID.
///
/// ```
/// use peixun::voucher::KeySet;
/// let set = KeySet::from_json(r#"{"keys": [{"key_id": "test-1", "algorithm": "ed25519",
///     "public_key": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "status": "active"}]}"#).unwrap();
/// assert!(set.get("test-1").is_some());
/// assert!(set.get("test-2").is_none());
/// assert_eq!(KeySet::from_json(&set.to_json()).unwrap(), set);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeySet {
    keys: Vec<TrustedKey>,
}

impl KeySet {
    /// An empty set.
    ///
    /// ```
    /// assert!(peixun::voucher::KeySet::new().is_empty());
    /// ```
    pub fn new() -> KeySet {
        KeySet::default()
    }

    /// Reads a key set from JSON text (see the module documentation).
    ///
    /// ```
    /// let set = peixun::voucher::KeySet::from_json(r#"{"keys": []}"#).unwrap();
    /// assert_eq!(set.len(), 0);
    /// ```
    pub fn from_json(text: &str) -> Result<KeySet, KeySetError> {
        let value: Value = input::from_json(text, input::DEFAULT_MAX_INPUT_BYTES)?;
        KeySet::from_value(value)
    }

    /// Reads a key set from a parsed JSON value.
    ///
    /// ```
    /// let err = peixun::voucher::KeySet::from_value(serde_json::json!({"keys": [
    ///     {"key_id": "k", "algorithm": "ed25519", "public_key": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "status": "retired"}
    /// ]})).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("keys.bad_status", "$.keys[0].retired_after"));
    /// ```
    pub fn from_value(value: Value) -> Result<KeySet, KeySetError> {
        let raw: RawSet = input::from_value(value)?;
        let mut set = KeySet::new();
        for (i, k) in raw.keys.into_iter().enumerate() {
            let at = format!("$.keys[{i}]");
            check_key_id(&k.key_id, &format!("{at}.key_id"))?;
            if k.algorithm != "ed25519" {
                return Err(KeySetError::new(
                    KeysCode::UnsupportedAlgorithm,
                    format!("{at}.algorithm"),
                    format!("`{}`; only `ed25519` is supported", k.algorithm),
                ));
            }
            let path = format!("{at}.public_key");
            let bytes = super::b64::decode(k.public_key.trim())
                .map_err(|e| KeySetError::new(KeysCode::BadPublicKey, &path, e))?;
            let arr: [u8; 32] = bytes.try_into().map_err(|b: Vec<u8>| {
                KeySetError::new(
                    KeysCode::BadPublicKey,
                    &path,
                    format!("{} bytes, not 32", b.len()),
                )
            })?;
            let public_key = parse_point(&arr, &path)?;
            let status = match (k.status.as_str(), k.retired_after) {
                ("active", None) => KeyStatus::Active,
                ("retired", Some(after)) => KeyStatus::Retired { after },
                ("active", Some(_)) => {
                    return Err(KeySetError::new(
                        KeysCode::BadStatus,
                        format!("{at}.retired_after"),
                        "an active key has no retired_after; set status to `retired`",
                    ))
                }
                ("retired", None) => {
                    return Err(KeySetError::new(
                        KeysCode::BadStatus,
                        format!("{at}.retired_after"),
                        "a retired key needs retired_after: the last moment it signed",
                    ))
                }
                (other, _) => {
                    return Err(KeySetError::new(
                        KeysCode::BadStatus,
                        format!("{at}.status"),
                        format!("`{other}`; expected `active` or `retired`"),
                    ))
                }
            };
            set.insert(TrustedKey {
                key_id: k.key_id,
                public_key,
                status,
            })
            .map_err(|e| KeySetError::new(e.code, format!("{at}.key_id"), e.detail))?;
        }
        Ok(set)
    }

    /// Adds a key; a key ID already in the set is `keys.duplicate_key_id`.
    ///
    /// ```
    /// use peixun::voucher::{KeySet, TrustedKey};
    /// let key = TrustedKey::from_base64url("k1", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
    /// let mut set = KeySet::new();
    /// set.insert(key.clone()).unwrap();
    /// assert_eq!(set.insert(key).unwrap_err().code, "keys.duplicate_key_id");
    /// ```
    pub fn insert(&mut self, key: TrustedKey) -> Result<(), KeySetError> {
        if self.get(&key.key_id).is_some() {
            return Err(KeySetError::new(
                KeysCode::DuplicateKeyId,
                "$",
                format!("`{}` appears twice", key.key_id),
            ));
        }
        self.keys.push(key);
        Ok(())
    }

    /// Marks a key retired after `after` (see the module documentation).
    ///
    /// ```
    /// # use peixun::voucher::{KeySet, KeyStatus, TrustedKey};
    /// # let mut set = KeySet::new();
    /// # set.insert(TrustedKey::from_base64url("k1", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap()).unwrap();
    /// let after = peixun::voucher::moment::parse("2024-06-30T23:59:59+08:00").unwrap();
    /// set.retire("k1", after).unwrap();
    /// assert_eq!(set.get("k1").unwrap().status, KeyStatus::Retired { after });
    /// assert_eq!(set.retire("k9", after).unwrap_err().code, "keys.unknown_key");
    /// ```
    pub fn retire(
        &mut self,
        key_id: &str,
        after: DateTime<FixedOffset>,
    ) -> Result<(), KeySetError> {
        match self.keys.iter_mut().find(|k| k.key_id == key_id) {
            Some(k) => {
                k.status = KeyStatus::Retired { after };
                Ok(())
            }
            None => Err(KeySetError::new(
                KeysCode::UnknownKey,
                "$",
                format!("no key `{key_id}` in the set"),
            )),
        }
    }

    /// The key with this ID.
    ///
    /// ```
    /// assert!(peixun::voucher::KeySet::new().get("k1").is_none());
    /// ```
    pub fn get(&self, key_id: &str) -> Option<&TrustedKey> {
        self.keys.iter().find(|k| k.key_id == key_id)
    }

    /// Every key, in the order of the file.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::KeySet::new().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &TrustedKey> {
        self.keys.iter()
    }

    /// The number of keys.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::KeySet::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set has no key.
    ///
    /// ```
    /// assert!(peixun::voucher::KeySet::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key set as pretty JSON (the format [`KeySet::from_json`] reads).
    ///
    /// ```
    /// assert_eq!(peixun::voucher::KeySet::new().to_json(), "{\n  \"keys\": []\n}\n");
    /// ```
    pub fn to_json(&self) -> String {
        let raw = RawSet {
            keys: self
                .keys
                .iter()
                .map(|k| RawKey {
                    key_id: k.key_id.clone(),
                    algorithm: "ed25519".into(),
                    public_key: k.public_key_base64url(),
                    status: match k.status {
                        KeyStatus::Active => "active".into(),
                        KeyStatus::Retired { .. } => "retired".into(),
                    },
                    retired_after: match k.status {
                        KeyStatus::Active => None,
                        KeyStatus::Retired { after } => Some(after),
                    },
                })
                .collect(),
        };
        serde_json::to_string_pretty(&raw).unwrap_or_default() + "\n"
    }
}
