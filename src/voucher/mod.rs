//! Electronic training vouchers (电子培训券): signed, QR-sized tokens that anyone
//! can verify offline, and their life from application to write-off.
//!
//! - [`payload`]: the fields and their compact canonical binary form; a token is
//!   `base64url(payload || Ed25519 signature)`, about 260 characters.
//! - [`holder`]: the holder as a keyed hash (HMAC-SHA256) of the ID number, and
//!   the threat model of that pseudonym.
//! - [`keys`]: the trusted public keys by key ID, and key rotation.
//! - [`verify()`](verify::verify): offline verification against a moment, the trusted keys and
//!   the verifier's expectations; every failure has its own `voucher.*` code.
//! - `issue` (native only, not in the WebAssembly build): the authority's
//!   signing key, key generation and signing.
//! - [`lifecycle`]: the closed loop of JZ-V1 as an event log and a state machine.
//! - [`moment`]: RFC 3339 moments and China dates.
//!
//! ```
//! use peixun::voucher::*;
//! # #[cfg(not(target_arch = "wasm32"))] {
//! let issuer = Issuer::from_seed("test-1", [7; 32]).unwrap(); // a test key
//! let holder_key = HolderKey::from_bytes([9; 32]);             // a test key
//! let payload = Payload {
//!     key_id: "test-1".into(),
//!     voucher_id: "DL2024-000123".into(),
//!     policy: "dalian-2023-major-conversion".into(),
//!     holder: holder_key.hash_id_number("11010519491231002X").unwrap(),
//!     institution: None,
//!     major: "工业机器人操作及应用".into(),
//!     face_value: FaceValue::PerPolicy,
//!     valid_from: "2024-03-01".parse().unwrap(),
//!     valid_until: "2024-12-31".parse().unwrap(),
//!     issued_at: moment::parse("2024-02-20T09:30:00+08:00").unwrap(),
//! };
//! let token = issuer.sign(&payload).unwrap();
//!
//! let mut keys = KeySet::new();
//! keys.insert(issuer.trusted_key()).unwrap();
//! let checks = Checks::at(moment::parse("2025-01-01T08:00:00+08:00").unwrap())
//!     .with_holder(holder_key.hash_id_number("11010519491231002X").unwrap());
//! let result = verify(&token, &keys, &checks);
//! assert!(!result.valid);
//! assert_eq!(result.failures[0].code, "voucher.expired");
//! # }
//! ```

pub mod holder;
#[cfg(not(target_arch = "wasm32"))]
pub mod issue;
pub mod keys;
pub mod lifecycle;
pub mod moment;
pub mod payload;
pub mod verify;

pub use crate::error::{HolderCode, IssueCode, KeysCode, LifecycleCode, VoucherCode};
pub use holder::{HolderError, HolderHash, HolderKey};
#[cfg(not(target_arch = "wasm32"))]
pub use issue::{generate_holder_key, IssueError, Issuer};
pub use keys::{KeySet, KeySetError, KeyStatus, TrustedKey};
pub use lifecycle::{
    Applied, Event, EventKind, EventName, Ledger, LifecycleError, LifecycleReason, LifecycleRules,
    RedeemRequires, State, VoucherRecord,
};
pub use payload::{FaceValue, Payload, PayloadError, Token, VoucherView};
pub use verify::{verify, Checks, Failure, FailureKind, Note, Unverified, Verification};

/// base64url without padding, strict: canonical text only.
pub(crate) mod b64 {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    /// Encodes bytes.
    pub fn encode(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Decodes canonical base64url without padding (no `=`, no stray bits).
    pub fn decode(text: &str) -> Result<Vec<u8>, String> {
        URL_SAFE_NO_PAD.decode(text).map_err(|e| match e {
            base64::DecodeError::InvalidByte(i, b) => {
                format!(
                    "character {:?} at position {} is not base64url",
                    b as char,
                    i + 1
                )
            }
            base64::DecodeError::InvalidLength(n) => {
                format!("{n} characters cannot be base64url")
            }
            base64::DecodeError::InvalidLastSymbol(i, _) => {
                format!(
                    "the last character (position {}) is not canonical base64url",
                    i + 1
                )
            }
            base64::DecodeError::InvalidPadding => "padding `=` is not used".to_owned(),
        })
    }
}
