//! The voucher's fields and their compact, canonical binary form.
//!
//! A token is `base64url(payload || signature)` without padding, where
//! `signature` is the 64-byte Ed25519 signature over
//! `"peixun-voucher-v1" || 0x00 || payload`, and `payload` is:
//!
//! | bytes | field | encoding |
//! |---|---|---|
//! | 1 | version | `0x01` |
//! | 1 | flags | bit 0: an institution follows; bit 1: a face value follows (else "per policy"); bits 2–7 zero |
//! | 1 + n | key ID | length `n` (1–32), ASCII `A–Z a–z 0–9 . _ -` |
//! | 1 + n | voucher ID | length `n` (1–40), the same characters |
//! | 1 + n | policy ID | length `n` (1–64), the same characters |
//! | 16 | holder | keyed hash of the ID number (see [`super::holder`]) |
//! | 18 | institution | unified social credit code, ASCII, only if flag bit 0 |
//! | 1 + n | major | length `n` (1–120), UTF-8, no control characters, no outer spaces |
//! | 4 | face value | fen, unsigned big-endian, at least 1, only if flag bit 1 |
//! | 2 | valid from | days since 2000-01-01, unsigned big-endian |
//! | 2 | valid until | days since 2000-01-01, inclusive, not before valid from |
//! | 4 | issued at | seconds since 2000-01-01T00:00:00+08:00, unsigned big-endian |
//!
//! Decoding is strict: every rule above is checked, nothing may follow the
//! signature, and the base64url text must be canonical (no padding, no stray
//! bits in the last character). So each voucher has exactly one token, and a
//! changed character either fails to decode or changes the signed bytes.
//!
//! Dates are calendar days in China (UTC+08:00): a voucher is valid from
//! 00:00:00 on its first day to 23:59:59 on its last, China time.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::holder::{HolderHash, HOLDER_HASH_LEN};
use super::moment::{self, CHINA};
use crate::error::Explain;
use crate::money::Yuan;

/// The version byte this code writes and reads.
///
/// ```
/// assert_eq!(peixun::voucher::payload::VERSION, 1);
/// ```
pub const VERSION: u8 = 1;

/// Length of an Ed25519 signature in bytes.
///
/// ```
/// assert_eq!(peixun::voucher::payload::SIGNATURE_LEN, 64);
/// ```
pub const SIGNATURE_LEN: usize = 64;

/// The longest token text read, in characters; anything longer is `voucher.bad_encoding`.
///
/// ```
/// let long = "A".repeat(peixun::voucher::payload::MAX_TOKEN_CHARS + 1);
/// assert!(peixun::voucher::Token::decode(&long).is_err());
/// ```
pub const MAX_TOKEN_CHARS: usize = 1024;

/// What the signature covers before the payload bytes.
///
/// ```
/// assert!(peixun::voucher::payload::SIGNING_DOMAIN.ends_with(&[0]));
/// ```
pub const SIGNING_DOMAIN: &[u8] = b"peixun-voucher-v1\0";

const FLAG_INSTITUTION: u8 = 0b01;
const FLAG_FACE_VALUE: u8 = 0b10;

/// The longest key ID, in bytes.
///
/// ```
/// assert_eq!(peixun::voucher::payload::MAX_KEY_ID, 32);
/// ```
pub const MAX_KEY_ID: usize = 32;
/// The longest voucher ID, in bytes.
///
/// ```
/// assert_eq!(peixun::voucher::payload::MAX_VOUCHER_ID, 40);
/// ```
pub const MAX_VOUCHER_ID: usize = 40;
/// The longest policy ID, in bytes.
///
/// ```
/// assert_eq!(peixun::voucher::payload::MAX_POLICY_ID, 64);
/// ```
pub const MAX_POLICY_ID: usize = 64;
/// The longest major, in bytes of UTF-8 (40 Chinese characters).
///
/// ```
/// assert_eq!(peixun::voucher::payload::MAX_MAJOR, 120);
/// ```
pub const MAX_MAJOR: usize = 120;

/// 2000-01-01, the epoch of the day counts.
///
/// ```
/// assert_eq!(peixun::voucher::payload::epoch_date().to_string(), "2000-01-01");
/// ```
pub fn epoch_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// 2000-01-01T00:00:00+08:00, the epoch of the issue time.
///
/// ```
/// assert_eq!(peixun::voucher::payload::epoch_moment().timestamp(), 946_656_000);
/// ```
pub fn epoch_moment() -> DateTime<FixedOffset> {
    epoch_date()
        .and_hms_opt(0, 0, 0)
        .and_then(|n| n.and_local_timezone(CHINA).single())
        .unwrap_or_default()
}

/// What a voucher is worth.
///
/// ```
/// use peixun::voucher::FaceValue;
/// let v: FaceValue = serde_json::from_str(r#"{"kind": "amount", "yuan": "1500.00"}"#).unwrap();
/// assert_eq!(v, FaceValue::Amount { yuan: peixun::money::Yuan::from_yuan(1500) });
/// assert_eq!(serde_json::to_string(&FaceValue::PerPolicy).unwrap(), r#"{"kind":"per_policy"}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FaceValue {
    /// The subsidy the policy sets for the trainee's certificate and attendance.
    PerPolicy,
    /// A fixed amount.
    Amount {
        /// The amount, in yuan with two places.
        yuan: Yuan,
    },
}

/// The signed fields of a voucher.
///
/// ```
/// use peixun::voucher::{FaceValue, HolderHash, Payload};
/// let p = Payload {
///     key_id: "ln-2024-1".into(),
///     voucher_id: "DL2024-000123".into(),
///     policy: "dalian-2023-major-conversion".into(),
///     holder: HolderHash([0x5a; 16]),
///     institution: Some("91210200MA0XYZ1234".into()),
///     major: "工业机器人操作及应用".into(),
///     face_value: FaceValue::PerPolicy,
///     valid_from: "2024-03-01".parse().unwrap(),
///     valid_until: "2024-12-31".parse().unwrap(),
///     issued_at: peixun::voucher::moment::parse("2024-02-20T09:30:00+08:00").unwrap(),
/// };
/// // An institution code that is not a valid credit code is refused.
/// assert_eq!(p.encode().unwrap_err().field, "institution");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// The signing key's ID.
    pub key_id: String,
    /// The voucher's ID, unique within the issuing authority.
    pub voucher_id: String,
    /// The policy (programme) ID, e.g. `dalian-2023-major-conversion`.
    pub policy: String,
    /// The holder's pseudonym.
    pub holder: HolderHash,
    /// The institution's unified social credit code when the voucher is targeted
    /// at one (DL-P2: the trainee receives it through the institution); `None`
    /// when any catalogued institution may accept it.
    pub institution: Option<String>,
    /// The major (training occupation), as the policy names it.
    pub major: String,
    /// The face value.
    pub face_value: FaceValue,
    /// First valid day (China time).
    pub valid_from: NaiveDate,
    /// Last valid day, inclusive (China time).
    pub valid_until: NaiveDate,
    /// When the authority signed it (kept to the second).
    pub issued_at: DateTime<FixedOffset>,
}

/// A field that breaks the encoding's rules, or bytes that are not a payload.
///
/// ```
/// use peixun::error::Explain;
/// let err = peixun::voucher::Payload::decode(&[2]).unwrap_err();
/// assert_eq!((err.code().as_str(), err.field), ("voucher.bad_encoding", "version"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {detail}")]
pub struct PayloadError {
    /// The field concerned (`version`, `major`, `valid_until`, …; `token` for the text).
    pub field: &'static str,
    /// What is wrong, in English.
    pub detail: String,
}

impl PayloadError {
    fn new(field: &'static str, detail: impl Into<String>) -> Self {
        PayloadError {
            field,
            detail: detail.into(),
        }
    }
}

impl Explain for PayloadError {
    fn code(&self) -> crate::error::Code {
        crate::error::VoucherCode::BadEncoding.into()
    }
    fn message_zh(&self) -> String {
        format!("电子培训券编码错误（{}）：{}", self.field, self.detail)
    }
    fn message_en(&self) -> String {
        format!(
            "the voucher is not well encoded ({}): {}",
            self.field, self.detail
        )
    }
}

fn check_ascii_id(field: &'static str, s: &str, max: usize) -> Result<(), PayloadError> {
    if s.is_empty() || s.len() > max {
        return Err(PayloadError::new(
            field,
            format!("length {} is not within 1–{max}", s.len()),
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(PayloadError::new(
            field,
            format!("character {c:?} is not one of A–Z a–z 0–9 . _ -"),
        ));
    }
    Ok(())
}

fn check_major(s: &str) -> Result<(), PayloadError> {
    if s.is_empty() || s.len() > MAX_MAJOR {
        return Err(PayloadError::new(
            "major",
            format!("length {} bytes is not within 1–{MAX_MAJOR}", s.len()),
        ));
    }
    if s.trim() != s {
        return Err(PayloadError::new(
            "major",
            "leading or trailing white space",
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(PayloadError::new("major", "a control character"));
    }
    Ok(())
}

fn check_institution(s: &str) -> Result<(), PayloadError> {
    match crate::identity::check_credit_code(s) {
        Ok(code) if code.code() == s => Ok(()),
        Ok(code) => Err(PayloadError::new(
            "institution",
            format!("write the code in its normal form `{}`", code.code()),
        )),
        Err(e) => Err(PayloadError::new(
            "institution",
            format!("[{}] {}", e.code(), e.message_en()),
        )),
    }
}

fn day_number(field: &'static str, d: NaiveDate) -> Result<u16, PayloadError> {
    let days = (d - epoch_date()).num_days();
    u16::try_from(days)
        .map_err(|_| PayloadError::new(field, format!("{d} is outside 2000-01-01 – 2179-06-06")))
}

impl Payload {
    /// Checks every field against the encoding's rules.
    ///
    /// ```
    /// # use peixun::voucher::*;
    /// # let mut p = Payload {
    /// #     key_id: "k1".into(), voucher_id: "V1".into(), policy: "p".into(),
    /// #     holder: HolderHash([0; 16]), institution: None, major: "m".into(),
    /// #     face_value: FaceValue::PerPolicy,
    /// #     valid_from: "2024-03-01".parse().unwrap(), valid_until: "2024-12-31".parse().unwrap(),
    /// #     issued_at: moment::parse("2024-02-20T09:30:00+08:00").unwrap() };
    /// assert!(p.validate().is_ok());
    /// p.valid_until = "2024-02-01".parse().unwrap();
    /// assert_eq!(p.validate().unwrap_err().field, "valid_until");
    /// ```
    pub fn validate(&self) -> Result<(), PayloadError> {
        check_ascii_id("key_id", &self.key_id, MAX_KEY_ID)?;
        check_ascii_id("voucher_id", &self.voucher_id, MAX_VOUCHER_ID)?;
        check_ascii_id("policy", &self.policy, MAX_POLICY_ID)?;
        if let Some(code) = &self.institution {
            check_institution(code)?;
        }
        check_major(&self.major)?;
        if let FaceValue::Amount { yuan } = self.face_value {
            let fen = yuan.fen();
            if yuan.round_fen() != yuan || fen < 1 || fen > i64::from(u32::MAX) {
                return Err(PayloadError::new(
                    "face_value",
                    format!("{yuan} is not within 0.01–42949672.95 yuan in whole fen"),
                ));
            }
        }
        let from = day_number("valid_from", self.valid_from)?;
        let until = day_number("valid_until", self.valid_until)?;
        if until < from {
            return Err(PayloadError::new(
                "valid_until",
                format!(
                    "{} is before valid_from {}",
                    self.valid_until, self.valid_from
                ),
            ));
        }
        self.issued_seconds()?;
        Ok(())
    }

    fn issued_seconds(&self) -> Result<u32, PayloadError> {
        let secs = (self.issued_at - epoch_moment()).num_seconds();
        u32::try_from(secs).map_err(|_| {
            PayloadError::new(
                "issued_at",
                format!(
                    "{} is outside 2000-01-01 – 2136-02-07 (China time)",
                    moment::format_china(&self.issued_at)
                ),
            )
        })
    }

    /// The canonical bytes (see the module documentation).
    ///
    /// ```
    /// # use peixun::voucher::*;
    /// # let p = Payload {
    /// #     key_id: "k1".into(), voucher_id: "V1".into(), policy: "p".into(),
    /// #     holder: HolderHash([0; 16]), institution: None, major: "m".into(),
    /// #     face_value: FaceValue::PerPolicy,
    /// #     valid_from: "2024-03-01".parse().unwrap(), valid_until: "2024-12-31".parse().unwrap(),
    /// #     issued_at: moment::parse("2024-02-20T09:30:00+08:00").unwrap() };
    /// let bytes = p.encode().unwrap();
    /// assert_eq!(bytes[0], 1); // version
    /// assert_eq!(Payload::decode(&bytes).unwrap(), p);
    /// ```
    pub fn encode(&self) -> Result<Vec<u8>, PayloadError> {
        self.validate()?;
        let mut out = Vec::with_capacity(160);
        out.push(VERSION);
        let mut flags = 0;
        if self.institution.is_some() {
            flags |= FLAG_INSTITUTION;
        }
        if matches!(self.face_value, FaceValue::Amount { .. }) {
            flags |= FLAG_FACE_VALUE;
        }
        out.push(flags);
        for s in [&self.key_id, &self.voucher_id, &self.policy] {
            push_str(&mut out, s);
        }
        out.extend_from_slice(&self.holder.0);
        if let Some(code) = &self.institution {
            out.extend_from_slice(code.as_bytes());
        }
        push_str(&mut out, &self.major);
        if let FaceValue::Amount { yuan } = self.face_value {
            // validate() bounded it to 1..=u32::MAX fen.
            out.extend_from_slice(&(yuan.fen() as u32).to_be_bytes());
        }
        out.extend_from_slice(&day_number("valid_from", self.valid_from)?.to_be_bytes());
        out.extend_from_slice(&day_number("valid_until", self.valid_until)?.to_be_bytes());
        out.extend_from_slice(&self.issued_seconds()?.to_be_bytes());
        Ok(out)
    }

    /// Reads canonical payload bytes; every byte must be used.
    ///
    /// ```
    /// let err = peixun::voucher::Payload::decode(&[1, 0]).unwrap_err();
    /// assert_eq!(err.field, "key_id");
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Payload, PayloadError> {
        let mut r = Reader { bytes, pos: 0 };
        let version = r.take("version", 1)?[0];
        if version != VERSION {
            return Err(PayloadError::new(
                "version",
                format!(
                    "version {version} is not supported (this verifier reads version {VERSION})"
                ),
            ));
        }
        let flags = r.take("flags", 1)?[0];
        if flags & !(FLAG_INSTITUTION | FLAG_FACE_VALUE) != 0 {
            return Err(PayloadError::new(
                "flags",
                format!("unknown flag bits {flags:#04x}"),
            ));
        }
        let key_id = r.string("key_id")?;
        let voucher_id = r.string("voucher_id")?;
        let policy = r.string("policy")?;
        let mut holder = [0u8; HOLDER_HASH_LEN];
        holder.copy_from_slice(r.take("holder", HOLDER_HASH_LEN)?);
        let institution = if flags & FLAG_INSTITUTION != 0 {
            let raw = r.take("institution", 18)?;
            Some(
                std::str::from_utf8(raw)
                    .map_err(|_| PayloadError::new("institution", "not ASCII"))?
                    .to_owned(),
            )
        } else {
            None
        };
        let major = r.string("major")?;
        let face_value = if flags & FLAG_FACE_VALUE != 0 {
            let fen = u32::from_be_bytes(r.array::<4>("face_value")?);
            FaceValue::Amount {
                yuan: Yuan::from_fen(i64::from(fen)),
            }
        } else {
            FaceValue::PerPolicy
        };
        let from = u16::from_be_bytes(r.array::<2>("valid_from")?);
        let until = u16::from_be_bytes(r.array::<2>("valid_until")?);
        let issued = u32::from_be_bytes(r.array::<4>("issued_at")?);
        if r.pos != bytes.len() {
            return Err(PayloadError::new(
                "payload",
                format!(
                    "{} bytes left over after the last field",
                    bytes.len() - r.pos
                ),
            ));
        }
        let payload = Payload {
            key_id,
            voucher_id,
            policy,
            holder: HolderHash(holder),
            institution,
            major,
            face_value,
            valid_from: epoch_date() + Duration::days(i64::from(from)),
            valid_until: epoch_date() + Duration::days(i64::from(until)),
            issued_at: epoch_moment() + Duration::seconds(i64::from(issued)),
        };
        payload.validate()?;
        Ok(payload)
    }

    /// The message the signature covers: the signing domain, then the payload bytes.
    ///
    /// ```
    /// let m = peixun::voucher::Payload::signed_message(&[1, 2]);
    /// assert!(m.starts_with(b"peixun-voucher-v1\0") && m.ends_with(&[1, 2]));
    /// ```
    pub fn signed_message(payload_bytes: &[u8]) -> Vec<u8> {
        let mut m = Vec::with_capacity(SIGNING_DOMAIN.len() + payload_bytes.len());
        m.extend_from_slice(SIGNING_DOMAIN);
        m.extend_from_slice(payload_bytes);
        m
    }

    /// The fields as JSON-friendly values, for results and the CLI.
    ///
    /// ```
    /// # use peixun::voucher::*;
    /// # let p = Payload {
    /// #     key_id: "k1".into(), voucher_id: "V1".into(), policy: "p".into(),
    /// #     holder: HolderHash([0; 16]), institution: None, major: "m".into(),
    /// #     face_value: FaceValue::PerPolicy,
    /// #     valid_from: "2024-03-01".parse().unwrap(), valid_until: "2024-12-31".parse().unwrap(),
    /// #     issued_at: moment::parse("2024-02-20T01:30:00Z").unwrap() };
    /// let v = p.view();
    /// assert_eq!(v.issued_at, "2024-02-20T09:30:00+08:00");
    /// assert_eq!(v.holder, "00000000000000000000000000000000");
    /// ```
    pub fn view(&self) -> VoucherView {
        VoucherView {
            version: VERSION,
            key_id: self.key_id.clone(),
            voucher_id: self.voucher_id.clone(),
            policy: self.policy.clone(),
            holder: self.holder.to_hex(),
            institution: self.institution.clone(),
            major: self.major.clone(),
            face_value: self.face_value,
            valid_from: self.valid_from.to_string(),
            valid_until: self.valid_until.to_string(),
            issued_at: moment::format_china(&self.issued_at),
        }
    }
}

/// A decoded voucher as shown to people and programs: the holder only as its
/// pseudonym, dates as `YYYY-MM-DD`, the issue time in China time.
///
/// ```
/// let v = peixun::voucher::Payload::decode(&[1]).map(|p| p.view());
/// assert!(v.is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoucherView {
    /// The payload version.
    pub version: u8,
    /// The signing key's ID.
    pub key_id: String,
    /// The voucher's ID.
    pub voucher_id: String,
    /// The policy ID.
    pub policy: String,
    /// The holder pseudonym, 32 hexadecimal digits (never the ID number).
    pub holder: String,
    /// The targeted institution's credit code, if any.
    pub institution: Option<String>,
    /// The major.
    pub major: String,
    /// The face value.
    pub face_value: FaceValue,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_until: String,
    /// Issue time, RFC 3339 in China time.
    pub issued_at: String,
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    // validate() bounded every string to at most 120 bytes.
    out.push(s.len() as u8);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, field: &'static str, n: usize) -> Result<&'a [u8], PayloadError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let out = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(out)
            }
            None => Err(PayloadError::new(
                field,
                format!(
                    "the payload ends at byte {} before this field",
                    self.bytes.len()
                ),
            )),
        }
    }

    fn array<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N], PayloadError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(field, N)?);
        Ok(out)
    }

    fn string(&mut self, field: &'static str) -> Result<String, PayloadError> {
        let n = usize::from(self.take(field, 1)?[0]);
        let raw = self.take(field, n)?;
        std::str::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| PayloadError::new(field, "not UTF-8"))
    }
}

/// A decoded token: the payload, its bytes and the signature, not yet checked.
///
/// ```
/// let err = peixun::voucher::Token::decode("not a token!").unwrap_err();
/// assert_eq!(err.field, "token");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The decoded fields.
    pub payload: Payload,
    /// The payload's bytes, as signed.
    pub payload_bytes: Vec<u8>,
    /// The signature.
    pub signature: [u8; SIGNATURE_LEN],
}

impl Token {
    /// Decodes token text: base64url without padding, canonical, then the payload
    /// and a 64-byte signature. Surrounding white space is ignored.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::Token::decode("").unwrap_err().detail, "empty");
    /// ```
    pub fn decode(text: &str) -> Result<Token, PayloadError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(PayloadError::new("token", "empty"));
        }
        if t.len() > MAX_TOKEN_CHARS {
            return Err(PayloadError::new(
                "token",
                format!("{} characters, more than {MAX_TOKEN_CHARS}", t.len()),
            ));
        }
        let bytes = super::b64::decode(t).map_err(|e| PayloadError::new("token", e))?;
        if bytes.len() <= SIGNATURE_LEN {
            return Err(PayloadError::new(
                "token",
                format!(
                    "{} bytes, too short for a payload and a signature",
                    bytes.len()
                ),
            ));
        }
        let (payload_bytes, sig) = bytes.split_at(bytes.len() - SIGNATURE_LEN);
        let payload = Payload::decode(payload_bytes)?;
        let mut signature = [0u8; SIGNATURE_LEN];
        signature.copy_from_slice(sig);
        Ok(Token {
            payload,
            payload_bytes: payload_bytes.to_vec(),
            signature,
        })
    }

    /// The token text: `base64url(payload || signature)`, no padding.
    ///
    /// ```
    /// # use peixun::voucher::*;
    /// # let p = Payload {
    /// #     key_id: "k1".into(), voucher_id: "V1".into(), policy: "p".into(),
    /// #     holder: HolderHash([0; 16]), institution: None, major: "m".into(),
    /// #     face_value: FaceValue::PerPolicy,
    /// #     valid_from: "2024-03-01".parse().unwrap(), valid_until: "2024-12-31".parse().unwrap(),
    /// #     issued_at: moment::parse("2024-02-20T09:30:00+08:00").unwrap() };
    /// let token = Token { payload_bytes: p.encode().unwrap(), payload: p, signature: [0; 64] };
    /// assert_eq!(Token::decode(&token.encode()).unwrap(), token);
    /// ```
    pub fn encode(&self) -> String {
        let mut all = self.payload_bytes.clone();
        all.extend_from_slice(&self.signature);
        super::b64::encode(&all)
    }
}
