//! The server's keys, all derived from the one holder key it is configured
//! with, and the fingerprint that ties a ledger to that key.
//!
//! - **Holder pseudonyms** (the `holder` of a voucher token, the ledger's
//!   `vouchers.holder`): HMAC-SHA256 keyed by the holder key itself, as the
//!   CLI (`peixun voucher issue --holder-key`) and the golden vectors compute
//!   them. Unchanged, so that every token in circulation keeps matching.
//! - **Ledger person keys** (a claim's people, participations, the list, the
//!   `hmac:` strings in stored input): today the holder pseudonym itself, as
//!   every ledger written so far stores them, so that an upgraded ledger keeps
//!   finding the same person. A separate key (HMAC of the pseudonym under a key
//!   derived with HKDF-SHA256, info `peixun ledger person key v1`) needs a
//!   migration that converts every stored person key in one transaction; until
//!   it exists, a copy of the ledger and a voucher's pseudonym can be joined.
//! - **Request checksums** (the idempotency check of `POST /v1/claims`):
//!   HMAC-SHA256 under another derived key (info `peixun request checksum key
//!   v1`), stored as `v2:<hex>`; a checksum without the prefix was written
//!   before and is compared as it was (under the holder key itself).
//! - **Idempotency keys** (`claims.idempotency_key`): HMAC-SHA256 of the
//!   institution and the key as sent under a derived key (info `peixun
//!   idempotency key v1`), stored as `k1:<hex>`; a key stored before (no
//!   prefix) is still found as it was stored.
//! - **The fingerprint**: SHA-256 of a third derived key (info `peixun key
//!   fingerprint v1`), hexadecimal. The ledger records it at the first start
//!   and every later start compares it.
//!
//! ```
//! let key = peixun::voucher::HolderKey::from_bytes([9; 32]);
//! let keys = peixun_server::keys::ServerKeys::derive(&key);
//! assert_eq!(keys.fingerprint().len(), 64);
//! assert_eq!(keys.fingerprint(), peixun_server::keys::ServerKeys::derive(&key).fingerprint());
//! ```

use hmac::{KeyInit, Mac};

use peixun::identity::ResidentId;
use peixun::voucher::HolderKey;

const SALT: &[u8] = b"peixun holder key v1";

fn hkdf(key: &HolderKey, info: &str) -> [u8; 32] {
    let h = hkdf::Hkdf::<sha2_hkdf::Sha256>::new(Some(SALT), key.as_bytes());
    let mut out = [0u8; 32];
    // 32 bytes is far below HKDF-SHA256's limit of 255 × 32.
    h.expand(info.as_bytes(), &mut out)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn mac(key: &[u8], parts: &[&[u8]]) -> String {
    let mut m = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key)
        .expect("HMAC takes a key of any length");
    for p in parts {
        m.update(p);
    }
    hex(&m.finalize().into_bytes())
}

/// The keys the server derives from its holder key.
#[derive(Clone)]
pub struct ServerKeys {
    holder: HolderKey,
    checksum: [u8; 32],
    idempotency: [u8; 32],
    fingerprint: String,
}

impl std::fmt::Debug for ServerKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerKeys")
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

impl ServerKeys {
    /// Derives every key from the holder key.
    pub fn derive(holder: &HolderKey) -> ServerKeys {
        use sha2::Digest;
        let fp = hkdf(holder, "peixun key fingerprint v1");
        ServerKeys {
            holder: holder.clone(),
            checksum: hkdf(holder, "peixun request checksum key v1"),
            idempotency: hkdf(holder, "peixun idempotency key v1"),
            fingerprint: hex(&sha2::Sha256::digest(fp)),
        }
    }

    /// The holder key (voucher pseudonyms).
    pub fn holder(&self) -> &HolderKey {
        &self.holder
    }

    /// The fingerprint the ledger records (64 hexadecimal digits).
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The ledger's key for a person (32 hexadecimal digits): the holder
    /// pseudonym, as every ledger so far stores it (see the module's notes).
    pub fn person(&self, id: &ResidentId) -> String {
        self.holder.hash(id).to_hex()
    }

    /// The ledger's key for an ID number as typed (checked and normalised first).
    pub fn person_of_number(&self, number: &str) -> Result<String, peixun::identity::IdError> {
        Ok(self.person(&peixun::identity::check_resident_id(number)?))
    }

    /// The checksum of a request body (canonical JSON), `v2:<hex>`.
    pub fn checksum(&self, canonical: &str) -> String {
        format!(
            "v2:{}",
            mac(
                &self.checksum,
                &[b"peixun-request-v2\0", canonical.as_bytes()]
            )
        )
    }

    /// How the ledger stores an institution's `Idempotency-Key`: a keyed hash
    /// (`k1:<hex>`, HMAC-SHA256 under a key derived with HKDF, info `peixun
    /// idempotency key v1`), never the key as sent, which is free text a
    /// client chose and may hold anything.
    ///
    /// ```
    /// let keys = peixun_server::keys::ServerKeys::derive(&peixun::voucher::HolderKey::from_bytes([9; 32]));
    /// let stored = keys.idempotency("91350100M000100Y43", "key-1");
    /// assert!(stored.starts_with("k1:") && stored.len() == 67);
    /// assert_ne!(stored, keys.idempotency("91350100M000100Y43", "key-2"));
    /// ```
    pub fn idempotency(&self, institution: &str, key: &str) -> String {
        format!(
            "k1:{}",
            mac(
                &self.idempotency,
                &[
                    b"peixun-idempotency-v1\0",
                    institution.as_bytes(),
                    b"\0",
                    key.as_bytes()
                ]
            )
        )
    }

    /// The checksum as written before the keys were separated (no prefix).
    pub fn legacy_checksum(&self, canonical: &str) -> String {
        mac(
            self.holder.as_bytes(),
            &[b"peixun-request-v1\0", canonical.as_bytes()],
        )
    }
}
