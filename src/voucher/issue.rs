//! Signing vouchers: the authority's side. Native only.
//!
//! This module is not compiled for `wasm32`: the private key, the signing code
//! and the random-number generator never enter the WebAssembly build or the npm
//! package. A phone or a portal verifies; only the authority signs.
//!
//! Ed25519 signatures are deterministic (RFC 8032): the same key and payload give
//! the same token, which is what lets the golden vectors fix tokens byte for byte.
//!
//! The private key file is JSON, written with mode 0600 by `peixun keygen`:
//!
//! ```json
//! {"kind": "peixun.signing_key", "algorithm": "ed25519", "key_id": "ln-2024-1",
//!  "seed": "<base64url, 32 bytes>", "public_key": "<base64url, 32 bytes>"}
//! ```

use ed25519_dalek::{Signer, SigningKey};
use serde::Deserialize;

use super::holder::{HolderKey, HOLDER_KEY_LEN};
use super::keys::{KeySetError, TrustedKey};
use super::payload::{Payload, PayloadError, Token};
use crate::error::{Explain, IssueCode};

/// Why a voucher could not be signed, or a key not read or made.
///
/// ```
/// use peixun::error::Explain;
/// let err = peixun::voucher::Issuer::from_key_file("{}").unwrap_err();
/// assert_eq!(err.code().as_str(), "issue.bad_key_file");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IssueError {
    /// `issue.bad_key_file`: not a signing key file, or its public key does not match.
    #[error("not a usable peixun signing key file: {0}")]
    BadKeyFile(String),
    /// `issue.bad_key_id`: the key ID breaks the token's rules.
    #[error("{0}")]
    BadKeyId(String),
    /// `issue.key_id_mismatch`: the payload names another key.
    #[error("the payload names key `{payload}`, but this issuer signs as `{issuer}`")]
    KeyIdMismatch {
        /// The payload's key ID.
        payload: String,
        /// The issuer's key ID.
        issuer: String,
    },
    /// `issue.invalid_payload`: a field breaks the encoding's rules.
    #[error("{0}")]
    InvalidPayload(PayloadError),
    /// `issue.no_randomness`: the operating system gave no random bytes.
    #[error("the operating system's random-number generator failed: {0}")]
    NoRandomness(String),
}

impl Explain for IssueError {
    fn code(&self) -> crate::error::Code {
        match self {
            IssueError::BadKeyFile(_) => IssueCode::BadKeyFile,
            IssueError::BadKeyId(_) => IssueCode::BadKeyId,
            IssueError::KeyIdMismatch { .. } => IssueCode::KeyIdMismatch,
            IssueError::InvalidPayload(_) => IssueCode::InvalidPayload,
            IssueError::NoRandomness(_) => IssueCode::NoRandomness,
        }
        .into()
    }
    fn path(&self) -> String {
        match self {
            IssueError::InvalidPayload(e) => format!("$.{}", e.field),
            _ => "$".to_owned(),
        }
    }
    fn message_zh(&self) -> String {
        match self {
            IssueError::BadKeyFile(d) => format!("签名私钥文件不可用：{d}"),
            IssueError::BadKeyId(d) => format!("密钥编号格式错误：{d}"),
            IssueError::KeyIdMismatch { payload, issuer } => {
                format!("券面写明密钥 {payload}，但签发方的密钥为 {issuer}")
            }
            IssueError::InvalidPayload(e) => {
                format!("券面字段 {} 不符合编码规则：{}", e.field, e.detail)
            }
            IssueError::NoRandomness(d) => format!("操作系统随机数发生器出错：{d}"),
        }
    }
    fn message_en(&self) -> String {
        self.to_string()
    }
}

/// The authority's signing key, with its key ID. Its `Debug` form hides the key.
///
/// ```
/// use peixun::voucher::Issuer;
/// // RFC 8032 test 1's secret key: a published test key, never for real use.
/// let seed = [
///     0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
///     0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
/// ];
/// let issuer = Issuer::from_seed("test-1", seed).unwrap();
/// assert_eq!(issuer.trusted_key().public_key_base64url(), "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
/// assert_eq!(format!("{issuer:?}"), "Issuer { key_id: \"test-1\", .. }");
/// ```
#[derive(Clone)]
pub struct Issuer {
    key_id: String,
    signing: SigningKey,
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuer")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    kind: String,
    algorithm: String,
    key_id: String,
    seed: String,
    public_key: String,
}

impl Issuer {
    /// An issuer from a key ID and a 32-byte Ed25519 secret key (seed).
    ///
    /// ```
    /// let issuer = peixun::voucher::Issuer::from_seed("k1", [7; 32]).unwrap(); // a test key
    /// assert!(peixun::voucher::Issuer::from_seed("bad id", [7; 32]).is_err());
    /// # let _ = issuer;
    /// ```
    pub fn from_seed(key_id: &str, seed: [u8; 32]) -> Result<Issuer, IssueError> {
        let signing = SigningKey::from_bytes(&seed);
        // Validate the key ID with the same rules as the trusted key set.
        TrustedKey::new(key_id, signing.verifying_key().to_bytes())
            .map_err(|e: KeySetError| IssueError::BadKeyId(e.detail))?;
        Ok(Issuer {
            key_id: key_id.to_owned(),
            signing,
        })
    }

    /// A new issuer with a key from the operating system's random-number generator.
    ///
    /// ```
    /// let a = peixun::voucher::Issuer::generate("k1").unwrap();
    /// let b = peixun::voucher::Issuer::generate("k1").unwrap();
    /// assert_ne!(a.trusted_key().public_key, b.trusted_key().public_key);
    /// ```
    pub fn generate(key_id: &str) -> Result<Issuer, IssueError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| IssueError::NoRandomness(e.to_string()))?;
        Issuer::from_seed(key_id, seed)
    }

    /// Reads a private key file (see the module documentation).
    ///
    /// ```
    /// let issuer = peixun::voucher::Issuer::from_seed("k1", [7; 32]).unwrap();
    /// let again = peixun::voucher::Issuer::from_key_file(&issuer.to_key_file()).unwrap();
    /// assert_eq!(again.key_id(), "k1");
    /// ```
    pub fn from_key_file(text: &str) -> Result<Issuer, IssueError> {
        let file: KeyFile =
            serde_json::from_str(text).map_err(|e| IssueError::BadKeyFile(e.to_string()))?;
        if file.kind != "peixun.signing_key" || file.algorithm != "ed25519" {
            return Err(IssueError::BadKeyFile(format!(
                "kind `{}`, algorithm `{}`; expected `peixun.signing_key`, `ed25519`",
                file.kind, file.algorithm
            )));
        }
        let seed: [u8; 32] = super::b64::decode(file.seed.trim())
            .map_err(IssueError::BadKeyFile)?
            .try_into()
            .map_err(|_| IssueError::BadKeyFile("the seed is not 32 bytes".into()))?;
        let issuer = Issuer::from_seed(&file.key_id, seed)?;
        if issuer.trusted_key().public_key_base64url() != file.public_key.trim() {
            return Err(IssueError::BadKeyFile(
                "the public key does not belong to the seed".into(),
            ));
        }
        Ok(issuer)
    }

    /// The private key file's text. Whoever has it can sign vouchers.
    ///
    /// ```
    /// let text = peixun::voucher::Issuer::from_seed("k1", [7; 32]).unwrap().to_key_file();
    /// assert!(text.contains("\"kind\": \"peixun.signing_key\""));
    /// ```
    pub fn to_key_file(&self) -> String {
        let v = serde_json::json!({
            "kind": "peixun.signing_key",
            "algorithm": "ed25519",
            "key_id": self.key_id,
            "seed": super::b64::encode(self.signing.as_bytes()),
            "public_key": super::b64::encode(self.signing.verifying_key().as_bytes()),
        });
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }

    /// The key ID.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::Issuer::from_seed("k1", [7; 32]).unwrap().key_id(), "k1");
    /// ```
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The public half, as an active trusted key.
    ///
    /// ```
    /// let key = peixun::voucher::Issuer::from_seed("k1", [7; 32]).unwrap().trusted_key();
    /// assert_eq!(key.status, peixun::voucher::KeyStatus::Active);
    /// ```
    pub fn trusted_key(&self) -> TrustedKey {
        TrustedKey {
            key_id: self.key_id.clone(),
            public_key: self.signing.verifying_key(),
            status: super::keys::KeyStatus::Active,
        }
    }

    /// Signs a payload and returns the token text. The payload must name this
    /// issuer's key and pass [`Payload::validate`].
    ///
    /// ```
    /// use peixun::voucher::*;
    /// let issuer = Issuer::from_seed("k1", [7; 32]).unwrap();
    /// let p = Payload {
    ///     key_id: "k1".into(), voucher_id: "V1".into(), policy: "p".into(),
    ///     holder: HolderHash([0; 16]), institution: None, major: "m".into(),
    ///     face_value: FaceValue::PerPolicy,
    ///     valid_from: "2024-03-01".parse().unwrap(), valid_until: "2024-12-31".parse().unwrap(),
    ///     issued_at: moment::parse("2024-02-20T09:30:00+08:00").unwrap(),
    /// };
    /// let token = issuer.sign(&p).unwrap();
    /// assert_eq!(token, issuer.sign(&p).unwrap()); // deterministic
    /// let mut keys = KeySet::new();
    /// keys.insert(issuer.trusted_key()).unwrap();
    /// let v = verify(&token, &keys, &Checks::at(moment::parse("2024-05-10T09:00:00+08:00").unwrap()));
    /// assert!(v.valid);
    /// ```
    pub fn sign(&self, payload: &Payload) -> Result<String, IssueError> {
        if payload.key_id != self.key_id {
            return Err(IssueError::KeyIdMismatch {
                payload: payload.key_id.clone(),
                issuer: self.key_id.clone(),
            });
        }
        let bytes = payload.encode().map_err(IssueError::InvalidPayload)?;
        let signature = self.signing.sign(&Payload::signed_message(&bytes));
        Ok(Token {
            payload: payload.clone(),
            payload_bytes: bytes,
            signature: signature.to_bytes(),
        }
        .encode())
    }
}

/// A new holder key from the operating system's random-number generator.
///
/// ```
/// let a = peixun::voucher::generate_holder_key().unwrap();
/// assert_ne!(a, peixun::voucher::generate_holder_key().unwrap());
/// ```
pub fn generate_holder_key() -> Result<HolderKey, IssueError> {
    let mut bytes = [0u8; HOLDER_KEY_LEN];
    getrandom::fill(&mut bytes).map_err(|e| IssueError::NoRandomness(e.to_string()))?;
    Ok(HolderKey::from_bytes(bytes))
}
