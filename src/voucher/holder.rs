//! The voucher holder as a keyed hash of the ID number: a pseudonym, not a secret.
//!
//! A voucher names its holder without carrying the ID number. The holder field is
//!
//! ```text
//! holder = HMAC-SHA256(holder_key, "peixun-holder-v1" || 0x00 || id18)[0..16]
//! ```
//!
//! where `id18` is the normalised 18-character resident ID number (upper-case
//! `X`; a 15-digit number is upgraded first, so both forms of one person's
//! number give the same holder), and `holder_key` is a 32-byte deployment secret.
//! 16 bytes (128 bits) are kept: collisions between two people are out of the
//! question at any realistic scale, and a QR code has room for little more.
//!
//! # Threat model
//!
//! Resident ID numbers have little entropy: a six-digit address code (a few
//! thousand in use), a birth date (some 36,500 days in a century) and a
//! three-digit sequence, the check character being computed. That is about
//! 2^37 numbers in all, and a few thousand once the birth date and county are
//! known. So:
//!
//! - **Without the holder key** the hash reveals nothing about the number:
//!   HMAC with a 256-bit key cannot be tested against guesses. A person who scans
//!   someone's voucher QR code learns the voucher's programme, institution, major
//!   and dates, and a pseudonym — not the ID number.
//! - **With the holder key** anyone can test guesses, and recover the number of
//!   a known person in well under a second, or enumerate every possible number
//!   in hours on ordinary hardware. The holder key therefore turns the field into a **pseudonym**
//!   (GB/T 35273 去标识化), not an encryption: whoever holds the key can re-identify.
//! - The same person has the same pseudonym on every voucher under one holder key,
//!   so vouchers are linkable to each other by anyone who sees them. That is
//!   intended (the ledger's one-active-voucher rule needs it) and is why the
//!   pseudonym is never shown on a public list.
//!
//! # Who holds the key
//!
//! The issuing authority (the human-resources and social-security bureau)
//! generates it (`peixun keygen --holder-key`) and keeps it with the signing key.
//! It gives it to the verifiers that must match a voucher to a person who is
//! standing in front of them with an ID card: the institution's check-in
//! terminal and portal, which see the ID number at enrolment anyway (DL-P2,
//! DL-P6). It is never put into the trainee's mini-program or the npm package: a
//! phone that shows its owner's own voucher needs only the public signing keys.
//! The server's ledger stores the same pseudonyms, never the numbers.
//!
//! The token does not name the holder key. Rotating it changes every pseudonym,
//! so a deployment that must rotate it re-issues the vouchers still in use and
//! re-keys its ledger.

use std::fmt;

use hmac::{KeyInit, Mac};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Explain, HolderCode};
use crate::identity::{check_resident_id, IdError};

/// Length of the holder pseudonym in bytes.
///
/// ```
/// assert_eq!(peixun::voucher::holder::HOLDER_HASH_LEN, 16);
/// ```
pub const HOLDER_HASH_LEN: usize = 16;

/// Length of the holder key in bytes.
///
/// ```
/// assert_eq!(peixun::voucher::holder::HOLDER_KEY_LEN, 32);
/// ```
pub const HOLDER_KEY_LEN: usize = 32;

/// Domain-separation prefix of the HMAC input.
const DOMAIN: &[u8] = b"peixun-holder-v1\0";

/// The deployment's 32-byte holder key. Its `Debug` form does not show it.
///
/// ```
/// use peixun::voucher::HolderKey;
/// let key = HolderKey::from_bytes([7; 32]);
/// assert_eq!(format!("{key:?}"), "HolderKey(…)");
/// assert_eq!(HolderKey::from_base64url(&key.to_base64url()).unwrap(), key);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct HolderKey([u8; HOLDER_KEY_LEN]);

impl fmt::Debug for HolderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HolderKey(…)")
    }
}

/// Why a holder key or pseudonym could not be read.
///
/// ```
/// use peixun::error::Explain;
/// let err = peixun::voucher::HolderKey::from_base64url("short").unwrap_err();
/// assert_eq!(err.code().as_str(), "holder.bad_key");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolderError {
    /// `holder.bad_key`: not 32 bytes of base64url.
    #[error("the holder key is not 32 bytes of base64url: {0}")]
    BadKey(String),
    /// `holder.bad_key_file`: not a holder key file.
    #[error("not a peixun holder key file: {0}")]
    BadKeyFile(String),
    /// `holder.bad_hash`: not 32 hexadecimal digits.
    #[error("a holder pseudonym is 32 hexadecimal digits: {0}")]
    BadHash(String),
    /// `holder.bad_id_number`: the ID number is not valid (see the `id.*` code in the detail).
    #[error("the holder's ID number is not valid: {0}")]
    BadIdNumber(String),
}

impl Explain for HolderError {
    fn code(&self) -> crate::error::Code {
        match self {
            HolderError::BadKey(_) => HolderCode::BadKey,
            HolderError::BadKeyFile(_) => HolderCode::BadKeyFile,
            HolderError::BadHash(_) => HolderCode::BadHash,
            HolderError::BadIdNumber(_) => HolderCode::BadIdNumber,
        }
        .into()
    }
    fn message_zh(&self) -> String {
        match self {
            HolderError::BadKey(d) => format!("持券人密钥不是 32 字节的 base64url：{d}"),
            HolderError::BadKeyFile(d) => format!("不是持券人密钥文件：{d}"),
            HolderError::BadHash(d) => format!("持券人标识应为 32 位十六进制数：{d}"),
            HolderError::BadIdNumber(d) => format!("持券人身份证号码无效：{d}"),
        }
    }
    fn message_en(&self) -> String {
        self.to_string()
    }
}

impl HolderKey {
    /// A holder key from its 32 bytes.
    ///
    /// ```
    /// let key = peixun::voucher::HolderKey::from_bytes([0; 32]);
    /// assert_eq!(key.as_bytes().len(), 32);
    /// ```
    pub fn from_bytes(bytes: [u8; HOLDER_KEY_LEN]) -> HolderKey {
        HolderKey(bytes)
    }

    /// The key's bytes.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::HolderKey::from_bytes([5; 32]).as_bytes(), &[5; 32]);
    /// ```
    pub fn as_bytes(&self) -> &[u8; HOLDER_KEY_LEN] {
        &self.0
    }

    /// Reads 32 bytes written as base64url without padding (43 characters).
    ///
    /// ```
    /// let key = peixun::voucher::HolderKey::from_base64url("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
    /// assert_eq!(key.as_bytes(), &[0; 32]);
    /// ```
    pub fn from_base64url(s: &str) -> Result<HolderKey, HolderError> {
        let bytes = super::b64::decode(s.trim()).map_err(HolderError::BadKey)?;
        let arr: [u8; HOLDER_KEY_LEN] = bytes
            .try_into()
            .map_err(|b: Vec<u8>| HolderError::BadKey(format!("{} bytes", b.len())))?;
        Ok(HolderKey(arr))
    }

    /// The key as base64url without padding.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::HolderKey::from_bytes([0; 32]).to_base64url(), "A".repeat(43));
    /// ```
    pub fn to_base64url(&self) -> String {
        super::b64::encode(&self.0)
    }

    /// Reads a holder key file: `{"kind": "peixun.holder_key", "key": "<base64url>"}`.
    ///
    /// ```
    /// let text = r#"{"kind": "peixun.holder_key", "key": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
    /// assert!(peixun::voucher::HolderKey::from_key_file(text).is_ok());
    /// assert!(peixun::voucher::HolderKey::from_key_file("{}").is_err());
    /// ```
    pub fn from_key_file(text: &str) -> Result<HolderKey, HolderError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            kind: String,
            key: String,
        }
        let file: File =
            serde_json::from_str(text).map_err(|e| HolderError::BadKeyFile(e.to_string()))?;
        if file.kind != "peixun.holder_key" {
            return Err(HolderError::BadKeyFile(format!(
                "kind is `{}`, not `peixun.holder_key`",
                file.kind
            )));
        }
        HolderKey::from_base64url(&file.key)
    }

    /// The key file's text (see [`HolderKey::from_key_file`]).
    ///
    /// ```
    /// let key = peixun::voucher::HolderKey::from_bytes([1; 32]);
    /// assert_eq!(peixun::voucher::HolderKey::from_key_file(&key.to_key_file()).unwrap(), key);
    /// ```
    pub fn to_key_file(&self) -> String {
        let v = serde_json::json!({ "kind": "peixun.holder_key", "key": self.to_base64url() });
        crate::canonical::value_to_string(&v) + "\n"
    }

    /// The pseudonym of a valid, normalised ID number.
    ///
    /// ```
    /// use peixun::identity::check_resident_id;
    /// use peixun::voucher::HolderKey;
    /// let key = HolderKey::from_bytes([0; 32]);
    /// let a = key.hash(&check_resident_id("11010519491231002x").unwrap());
    /// let b = key.hash(&check_resident_id("11010519491231002X").unwrap());
    /// assert_eq!(a, b);
    /// assert_eq!(a.to_hex().len(), 32);
    /// ```
    pub fn hash(&self, id: &crate::identity::ResidentId) -> HolderHash {
        self.hash_normalised(id.number())
    }

    /// Checks an ID number (trimmed, `x` read as `X`, 15 digits upgraded) and
    /// returns its pseudonym.
    ///
    /// ```
    /// let key = peixun::voucher::HolderKey::from_bytes([0; 32]);
    /// assert!(key.hash_id_number("11010519491231002X").is_ok());
    /// assert_eq!(peixun::error::Explain::code(&key.hash_id_number("123").unwrap_err()), "holder.bad_id_number");
    /// ```
    pub fn hash_id_number(&self, number: &str) -> Result<HolderHash, HolderError> {
        check_resident_id(number)
            .map(|id| self.hash(&id))
            .map_err(|e: IdError| {
                HolderError::BadIdNumber(format!("[{}] {}", e.code(), e.message_en()))
            })
    }

    fn hash_normalised(&self, id18: &str) -> HolderHash {
        // HMAC accepts keys of any length; 32 bytes cannot be refused.
        let mut mac = match hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0) {
            Ok(mac) => mac,
            Err(_) => return HolderHash([0; HOLDER_HASH_LEN]),
        };
        mac.update(DOMAIN);
        mac.update(id18.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; HOLDER_HASH_LEN];
        out.copy_from_slice(&full[..HOLDER_HASH_LEN]);
        HolderHash(out)
    }
}

/// A holder pseudonym: 16 bytes, written as 32 lower-case hexadecimal digits.
///
/// ```
/// use peixun::voucher::HolderHash;
/// let h: HolderHash = "00112233445566778899aabbccddeeff".parse().unwrap();
/// assert_eq!(h.to_string(), "00112233445566778899aabbccddeeff");
/// assert_eq!(serde_json::to_string(&h).unwrap(), r#""00112233445566778899aabbccddeeff""#);
/// assert!("0011".parse::<HolderHash>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HolderHash(pub [u8; HOLDER_HASH_LEN]);

impl HolderHash {
    /// The 32 hexadecimal digits.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::HolderHash([0xab; 16]).to_hex(), "ab".repeat(16));
    /// ```
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Compares in constant time (a verifier should not leak how many bytes matched).
    ///
    /// ```
    /// let h = peixun::voucher::HolderHash([1; 16]);
    /// assert!(h.ct_eq(&peixun::voucher::HolderHash([1; 16])));
    /// assert!(!h.ct_eq(&peixun::voucher::HolderHash([2; 16])));
    /// ```
    pub fn ct_eq(&self, other: &HolderHash) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl fmt::Debug for HolderHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HolderHash({})", self.to_hex())
    }
}

impl fmt::Display for HolderHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl std::str::FromStr for HolderHash {
    type Err = HolderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.len() != HOLDER_HASH_LEN * 2 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(HolderError::BadHash(format!("`{t}`")));
        }
        let mut out = [0u8; HOLDER_HASH_LEN];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&t[2 * i..2 * i + 2], 16)
                .map_err(|_| HolderError::BadHash(format!("`{t}`")))?;
        }
        Ok(HolderHash(out))
    }
}

impl Serialize for HolderHash {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for HolderHash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e: HolderError| {
            serde::de::Error::custom(crate::input::coded_explained(
                crate::input::InputCode::InvalidValue,
                &e,
            ))
        })
    }
}
