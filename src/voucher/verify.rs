//! Offline verification: a token, the trusted keys, a moment, and what the
//! verifier expects of the voucher.
//!
//! The steps, in order:
//!
//! 1. decode the token (`voucher.bad_encoding`: nothing more can be said);
//! 2. find its key (`voucher.unknown_key`) and check the signature
//!    (`voucher.bad_signature`); if either fails the fields are not the
//!    authority's, so they are shown but not checked further;
//! 3. then every remaining check runs and each failure is reported:
//!    `voucher.key_retired`, `voucher.not_yet_valid`, `voucher.expired`,
//!    `voucher.revoked`, `voucher.wrong_holder`, `voucher.wrong_institution`,
//!    `voucher.wrong_major`, `voucher.wrong_policy`.
//!
//! A check whose expectation is not given (no holder ID number, no institution…)
//! does not run, and the result's `checked` list says which ran. Nothing here
//! reads a clock or a file: the same call gives the same answer natively and in
//! WebAssembly.

use crate::sorted::SortedSet;

use chrono::{DateTime, FixedOffset};
use ed25519_dalek::Signature;
use serde::{Deserialize, Serialize};

use super::holder::HolderHash;
use super::keys::{KeySet, KeyStatus};
use super::moment;
use super::payload::{Payload, PayloadError, Token, VoucherView};
use crate::error::Explain;
use crate::policy::PolicySet;
use crate::report::Citation;

/// What the verifier expects of the voucher, besides a good signature.
///
/// ```
/// use peixun::voucher::{moment, Checks};
/// let checks = Checks::at(moment::parse("2024-05-10T09:00:00+08:00").unwrap())
///     .with_major("工业机器人操作及应用");
/// assert_eq!(checks.major.as_deref(), Some("工业机器人操作及应用"));
/// assert!(checks.holder.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checks {
    /// The moment of verification; its China date is compared with the validity days.
    pub at: DateTime<FixedOffset>,
    /// The holder's pseudonym (from [`super::HolderKey::hash_id_number`]).
    pub holder: Option<HolderHash>,
    /// The institution's normalised unified social credit code.
    pub institution: Option<String>,
    /// The major the trainee is enrolled in.
    pub major: Option<String>,
    /// The policy ID the voucher must belong to.
    pub policy: Option<String>,
    /// Revoked voucher IDs.
    pub revoked: SortedSet<String>,
}

impl Checks {
    /// Checks at `at`, with no expectation yet and nothing revoked.
    ///
    /// ```
    /// let checks = peixun::voucher::Checks::at(peixun::voucher::moment::parse("2024-05-10T09:00:00+08:00").unwrap());
    /// assert!(checks.revoked.is_empty());
    /// ```
    pub fn at(at: DateTime<FixedOffset>) -> Checks {
        Checks {
            at,
            holder: None,
            institution: None,
            major: None,
            policy: None,
            revoked: SortedSet::new(),
        }
    }

    /// Expects this holder.
    ///
    /// ```
    /// # let c = peixun::voucher::Checks::at(peixun::voucher::moment::parse("2024-05-10T09:00:00+08:00").unwrap());
    /// let c = c.with_holder(peixun::voucher::HolderHash([1; 16]));
    /// assert!(c.holder.is_some());
    /// ```
    pub fn with_holder(mut self, holder: HolderHash) -> Checks {
        self.holder = Some(holder);
        self
    }

    /// Expects this institution (a normalised credit code).
    ///
    /// ```
    /// # let c = peixun::voucher::Checks::at(peixun::voucher::moment::parse("2024-05-10T09:00:00+08:00").unwrap());
    /// assert_eq!(c.with_institution("52210200MA0XY7K33H").institution.as_deref(), Some("52210200MA0XY7K33H"));
    /// ```
    pub fn with_institution(mut self, code: impl Into<String>) -> Checks {
        self.institution = Some(code.into());
        self
    }

    /// Expects this major.
    ///
    /// ```
    /// # let c = peixun::voucher::Checks::at(peixun::voucher::moment::parse("2024-05-10T09:00:00+08:00").unwrap());
    /// assert_eq!(c.with_major("电工").major.as_deref(), Some("电工"));
    /// ```
    pub fn with_major(mut self, major: impl Into<String>) -> Checks {
        self.major = Some(major.into());
        self
    }

    /// Expects this policy.
    ///
    /// ```
    /// # let c = peixun::voucher::Checks::at(peixun::voucher::moment::parse("2024-05-10T09:00:00+08:00").unwrap());
    /// assert_eq!(c.with_policy("p").policy.as_deref(), Some("p"));
    /// ```
    pub fn with_policy(mut self, policy: impl Into<String>) -> Checks {
        self.policy = Some(policy.into());
        self
    }

    /// Treats these voucher IDs as revoked.
    ///
    /// ```
    /// # let c = peixun::voucher::Checks::at(peixun::voucher::moment::parse("2024-05-10T09:00:00+08:00").unwrap());
    /// assert!(c.with_revoked(["V1", "V2"]).revoked.contains("V2"));
    /// ```
    pub fn with_revoked<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Checks {
        self.revoked.extend(ids.into_iter().map(Into::into));
        self
    }
}

/// Why a voucher does not verify, with the values that decided it.
///
/// ```
/// use peixun::error::Explain;
/// use peixun::voucher::FailureKind;
/// let f = FailureKind::Revoked { voucher_id: "V1".into() };
/// assert_eq!(f.code(), "voucher.revoked");
/// assert_eq!(f.rule(), Some("JZ-V1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureKind {
    /// `voucher.bad_encoding`: not a token.
    BadEncoding(PayloadError),
    /// `voucher.unknown_key`: signed with a key the verifier does not trust.
    UnknownKey {
        /// The key ID the token names.
        key_id: String,
    },
    /// `voucher.bad_signature`: the signature does not match the fields.
    BadSignature {
        /// The key ID the token names.
        key_id: String,
    },
    /// `voucher.key_retired`: issued after its key was retired.
    KeyRetired {
        /// The key ID.
        key_id: String,
        /// The key's last signing moment.
        retired_after: String,
        /// The voucher's issue time.
        issued_at: String,
    },
    /// `voucher.not_yet_valid`: checked before its first day.
    NotYetValid {
        /// First valid day.
        valid_from: String,
        /// The China date of the check.
        date: String,
    },
    /// `voucher.expired`: checked after its last day.
    Expired {
        /// Last valid day.
        valid_until: String,
        /// The China date of the check.
        date: String,
    },
    /// `voucher.revoked`: on the revocation list.
    Revoked {
        /// The voucher ID.
        voucher_id: String,
    },
    /// `voucher.wrong_holder`: the person given (ID number or holder pseudonym) is not the holder.
    WrongHolder,
    /// `voucher.wrong_institution`: targeted at another institution.
    WrongInstitution {
        /// The voucher's institution.
        voucher: String,
        /// The institution checking it.
        given: String,
    },
    /// `voucher.wrong_major`: issued for another major.
    WrongMajor {
        /// The voucher's major.
        voucher: String,
        /// The major given.
        given: String,
    },
    /// `voucher.wrong_policy`: issued under another policy.
    WrongPolicy {
        /// The voucher's policy.
        voucher: String,
        /// The policy given.
        given: String,
    },
}

impl FailureKind {
    /// The rule (its ID in POLICIES.md) that the failure puts in question.
    ///
    /// A voucher that is not genuine (bad encoding, unknown key, bad signature,
    /// key retired) is no record at all: JZ-V2, no record, no subsidy. Expiry and
    /// revocation are the closed loop's end states (JZ-V1). A voucher for another
    /// institution was not received through this one (DL-P2); another person's
    /// voucher is no real-name check-in (DL-P6). These are rules of reference:
    /// [`Verification::cite`] replaces each with the voucher's own programme's
    /// rule of the same kind where it has one.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::FailureKind::WrongHolder.rule(), Some("DL-P6"));
    /// ```
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            FailureKind::BadEncoding(_)
            | FailureKind::UnknownKey { .. }
            | FailureKind::BadSignature { .. }
            | FailureKind::KeyRetired { .. } => Some("JZ-V2"),
            FailureKind::NotYetValid { .. }
            | FailureKind::Expired { .. }
            | FailureKind::Revoked { .. } => Some("JZ-V1"),
            FailureKind::WrongHolder => Some("DL-P6"),
            FailureKind::WrongInstitution { .. } => Some("DL-P2"),
            FailureKind::WrongMajor { .. } | FailureKind::WrongPolicy { .. } => None,
        }
    }

    /// The plain, serialisable form.
    ///
    /// ```
    /// let f = peixun::voucher::FailureKind::WrongHolder.to_failure();
    /// assert_eq!((f.code.as_str(), f.rule_id.as_deref()), ("voucher.wrong_holder", Some("DL-P6")));
    /// ```
    pub fn to_failure(&self) -> Failure {
        Failure {
            code: self.code().to_owned(),
            message_zh: self.message_zh(),
            message_en: self.message_en(),
            rule_id: self.rule().map(str::to_owned),
            citation: None,
        }
    }
}

impl Explain for FailureKind {
    fn code(&self) -> &'static str {
        match self {
            FailureKind::BadEncoding(_) => "voucher.bad_encoding",
            FailureKind::UnknownKey { .. } => "voucher.unknown_key",
            FailureKind::BadSignature { .. } => "voucher.bad_signature",
            FailureKind::KeyRetired { .. } => "voucher.key_retired",
            FailureKind::NotYetValid { .. } => "voucher.not_yet_valid",
            FailureKind::Expired { .. } => "voucher.expired",
            FailureKind::Revoked { .. } => "voucher.revoked",
            FailureKind::WrongHolder => "voucher.wrong_holder",
            FailureKind::WrongInstitution { .. } => "voucher.wrong_institution",
            FailureKind::WrongMajor { .. } => "voucher.wrong_major",
            FailureKind::WrongPolicy { .. } => "voucher.wrong_policy",
        }
    }

    fn path(&self) -> String {
        "$.token".to_owned()
    }

    fn message_zh(&self) -> String {
        match self {
            FailureKind::BadEncoding(e) => e.message_zh(),
            FailureKind::UnknownKey { key_id } => {
                format!("签发密钥 {key_id} 不在受信任的密钥集中，无法核验")
            }
            FailureKind::BadSignature { key_id } => {
                format!("签名不符：券面内容被改动，或并非由密钥 {key_id} 签发")
            }
            FailureKind::KeyRetired {
                key_id,
                retired_after,
                issued_at,
            } => format!(
                "密钥 {key_id} 已于 {retired_after} 后停用，此券签发于 {issued_at}，在停用之后"
            ),
            FailureKind::NotYetValid { valid_from, date } => {
                format!("电子培训券自 {valid_from} 起有效，核验日期 {date} 尚未生效")
            }
            FailureKind::Expired { valid_until, date } => {
                format!("电子培训券有效期至 {valid_until}，核验日期 {date} 已过期")
            }
            FailureKind::Revoked { voucher_id } => format!("电子培训券 {voucher_id} 已被撤销"),
            FailureKind::WrongHolder => {
                "持券人不是所给的人（身份证号码或持券人标识不符）".to_owned()
            }
            FailureKind::WrongInstitution { voucher, given } => {
                format!("此券限定在培训机构 {voucher} 使用，而非 {given}")
            }
            FailureKind::WrongMajor { voucher, given } => {
                format!("此券的培训专业为“{voucher}”，而非“{given}”")
            }
            FailureKind::WrongPolicy { voucher, given } => {
                format!("此券属于政策 {voucher}，而非 {given}")
            }
        }
    }

    fn message_en(&self) -> String {
        match self {
            FailureKind::BadEncoding(e) => e.message_en(),
            FailureKind::UnknownKey { key_id } => {
                format!("signing key `{key_id}` is not among the trusted keys: cannot verify")
            }
            FailureKind::BadSignature { key_id } => format!(
                "the signature does not match: the voucher was altered or not signed with key `{key_id}`"
            ),
            FailureKind::KeyRetired {
                key_id,
                retired_after,
                issued_at,
            } => format!(
                "key `{key_id}` was retired after {retired_after}; this voucher was issued later, at {issued_at}"
            ),
            FailureKind::NotYetValid { valid_from, date } => {
                format!("valid from {valid_from}: not yet valid on {date}")
            }
            FailureKind::Expired { valid_until, date } => {
                format!("valid until {valid_until}: expired on {date}")
            }
            FailureKind::Revoked { voucher_id } => format!("voucher {voucher_id} has been revoked"),
            FailureKind::WrongHolder => {
                "the holder is not the person given (by ID number or holder pseudonym)".to_owned()
            }
            FailureKind::WrongInstitution { voucher, given } => {
                format!("the voucher is for institution {voucher}, not {given}")
            }
            FailureKind::WrongMajor { voucher, given } => {
                format!("the voucher is for the major “{voucher}”, not “{given}”")
            }
            FailureKind::WrongPolicy { voucher, given } => {
                format!("the voucher belongs to policy {voucher}, not {given}")
            }
        }
    }
}

/// One failed check, as it appears in a [`Verification`].
///
/// ```
/// let f = peixun::voucher::FailureKind::WrongHolder.to_failure();
/// assert!(serde_json::to_string(&f).unwrap().contains("\"code\":\"voucher.wrong_holder\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The stable code, e.g. `voucher.expired`.
    pub code: String,
    /// In Simplified Chinese, with the values that decided it.
    pub message_zh: String,
    /// In English, with the values that decided it.
    pub message_en: String,
    /// The rule from POLICIES.md that the failure puts in question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// That rule's document and clause, from the loaded policy that defines it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Citation>,
}

/// The answer: valid or not, each failure, and what the voucher says.
///
/// ```
/// use peixun::voucher::{moment, verify, Checks, KeySet};
/// let checks = Checks::at(moment::parse("2024-05-10T09:00:00+08:00").unwrap());
/// let v = verify("AAAA", &KeySet::new(), &checks);
/// assert!(!v.valid);
/// assert_eq!(v.failures[0].code, "voucher.bad_encoding");
/// assert!(v.voucher.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// True when the signature is good and no check failed.
    pub valid: bool,
    /// Every failed check, in the order they run; empty when valid.
    pub failures: Vec<Failure>,
    /// The key ID the token names, when it could be decoded.
    pub key_id: Option<String>,
    /// Whether the signature was checked and is good.
    pub signature_valid: bool,
    /// The checks that ran: `signature`, `key_status`, `validity`, `revocation`,
    /// `holder`, `institution`, `major`, `policy`.
    pub checked: Vec<String>,
    /// The moment checked, RFC 3339 in China time.
    pub at: String,
    /// The China date of `at`.
    pub date: String,
    /// The decoded fields (holder as its pseudonym), when the token could be
    /// decoded; not the authority's word unless `signature_valid`.
    pub voucher: Option<VoucherView>,
    /// A one-line summary in Simplified Chinese.
    pub message_zh: String,
    /// A one-line summary in English.
    pub message_en: String,
}

impl Verification {
    /// Names and cites the rule each failure puts in question, as the
    /// voucher's own programme has it.
    ///
    /// [`FailureKind::rule`] names a rule of reference (JZ-V2, JZ-V1, DL-P6,
    /// DL-P2); what it stands for is that rule's kind (no record, no subsidy;
    /// the voucher lifecycle; the check-in rule; the class opening). When the
    /// voucher's own policy is loaded and has a rule of that kind, the failure
    /// names and cites that rule instead — a Fushun voucher shown by another
    /// person puts Fushun's check-in rule FS-A2 in question, not Dalian's DL-P6.
    /// Otherwise (the policy is not loaded, the token could not be decoded, or
    /// the programme has no such rule) the rule of reference stays, cited from
    /// the loaded policy that defines it. A rule no loaded policy has stays
    /// uncited.
    ///
    /// ```
    /// use peixun::voucher::{moment, verify, Checks, KeySet};
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let mut v = verify("AAAA", &KeySet::new(), &Checks::at(moment::parse("2024-05-10T09:00:00+08:00").unwrap()));
    /// v.cite(engine.policies());
    /// let c = v.failures[0].citation.as_ref().unwrap();
    /// assert_eq!(c.clause, "五");
    /// assert!(c.document.contains("晋中") || c.document.contains("004"));
    /// ```
    pub fn cite(&mut self, policies: &PolicySet) {
        let own = self.voucher.as_ref().and_then(|v| policies.get(&v.policy));
        for f in &mut self.failures {
            let Some(id) = f.rule_id.clone() else {
                continue;
            };
            let reference = policies.iter().find_map(|p| p.rule(&id));
            let own_rule = own.and_then(|p| {
                p.rule(&id).or_else(|| {
                    let kind = reference?.kind.name();
                    p.rules.iter().find(|r| r.kind.name() == kind)
                })
            });
            match own_rule.or(reference) {
                Some(r) => {
                    f.rule_id = Some(r.id.clone());
                    f.citation = Some(r.citation());
                }
                None => f.citation = None,
            }
        }
    }
}

/// Verifies a token offline (see the module documentation for the order of checks).
///
/// ```
/// use peixun::voucher::*;
/// let issuer = Issuer::from_seed("k1", [7; 32]).unwrap(); // a test key
/// # let p = Payload { key_id: "k1".into(), voucher_id: "V1".into(), policy: "p".into(),
/// #     holder: HolderHash([0; 16]), institution: None, major: "电工".into(), face_value: FaceValue::PerPolicy,
/// #     valid_from: "2024-03-01".parse().unwrap(), valid_until: "2024-12-31".parse().unwrap(),
/// #     issued_at: moment::parse("2024-02-20T09:30:00+08:00").unwrap() };
/// let token = issuer.sign(&p).unwrap();
/// let mut keys = KeySet::new();
/// keys.insert(issuer.trusted_key()).unwrap();
/// let checks = Checks::at(moment::parse("2024-05-10T09:00:00+08:00").unwrap()).with_major("焊工");
/// let v = verify(&token, &keys, &checks);
/// assert_eq!(v.failures[0].code, "voucher.wrong_major");
/// ```
pub fn verify(token: &str, keys: &KeySet, checks: &Checks) -> Verification {
    let at = moment::format_china(&checks.at);
    let date = moment::china_date(&checks.at);
    let date_text = date.to_string();
    let mut kinds: Vec<FailureKind> = Vec::new();
    let mut checked: Vec<&'static str> = Vec::new();

    let token = match Token::decode(token) {
        Ok(t) => t,
        Err(e) => {
            kinds.push(FailureKind::BadEncoding(e));
            return finish(kinds, checked, None, false, at, date_text);
        }
    };
    let p: &Payload = &token.payload;
    checked.push("signature");
    let key = match keys.get(&p.key_id) {
        Some(k) => k,
        None => {
            kinds.push(FailureKind::UnknownKey {
                key_id: p.key_id.clone(),
            });
            return finish(kinds, checked, Some(p), false, at, date_text);
        }
    };
    let message = Payload::signed_message(&token.payload_bytes);
    let signature = Signature::from_bytes(&token.signature);
    if key.public_key.verify_strict(&message, &signature).is_err() {
        kinds.push(FailureKind::BadSignature {
            key_id: p.key_id.clone(),
        });
        return finish(kinds, checked, Some(p), false, at, date_text);
    }

    checked.push("key_status");
    if let KeyStatus::Retired { after } = key.status {
        if !key.status.allows_issue_at(&p.issued_at) {
            kinds.push(FailureKind::KeyRetired {
                key_id: p.key_id.clone(),
                retired_after: moment::format_china(&after),
                issued_at: moment::format_china(&p.issued_at),
            });
        }
    }
    checked.push("validity");
    if date < p.valid_from {
        kinds.push(FailureKind::NotYetValid {
            valid_from: p.valid_from.to_string(),
            date: date_text.clone(),
        });
    } else if date > p.valid_until {
        kinds.push(FailureKind::Expired {
            valid_until: p.valid_until.to_string(),
            date: date_text.clone(),
        });
    }
    checked.push("revocation");
    if checks.revoked.contains(&p.voucher_id) {
        kinds.push(FailureKind::Revoked {
            voucher_id: p.voucher_id.clone(),
        });
    }
    if let Some(holder) = &checks.holder {
        checked.push("holder");
        if !holder.ct_eq(&p.holder) {
            kinds.push(FailureKind::WrongHolder);
        }
    }
    if let Some(given) = &checks.institution {
        checked.push("institution");
        // An untargeted voucher may be used at any catalogued institution.
        if let Some(voucher) = &p.institution {
            if voucher != given {
                kinds.push(FailureKind::WrongInstitution {
                    voucher: voucher.clone(),
                    given: given.clone(),
                });
            }
        }
    }
    if let Some(given) = &checks.major {
        checked.push("major");
        if p.major != given.trim() {
            kinds.push(FailureKind::WrongMajor {
                voucher: p.major.clone(),
                given: given.trim().to_owned(),
            });
        }
    }
    if let Some(given) = &checks.policy {
        checked.push("policy");
        if p.policy != given.trim() {
            kinds.push(FailureKind::WrongPolicy {
                voucher: p.policy.clone(),
                given: given.trim().to_owned(),
            });
        }
    }
    finish(kinds, checked, Some(p), true, at, date_text)
}

fn finish(
    kinds: Vec<FailureKind>,
    checked: Vec<&'static str>,
    payload: Option<&Payload>,
    signature_valid: bool,
    at: String,
    date: String,
) -> Verification {
    let valid = signature_valid && kinds.is_empty();
    let (message_zh, message_en) = match (valid, payload) {
        (true, Some(p)) => (
            format!(
                "电子培训券有效：{}，{}，有效期 {} 至 {}",
                p.voucher_id, p.major, p.valid_from, p.valid_until
            ),
            format!(
                "voucher valid: {}, {}, valid {} to {}",
                p.voucher_id, p.major, p.valid_from, p.valid_until
            ),
        ),
        _ => {
            let codes: Vec<&str> = kinds.iter().map(Explain::code).collect();
            (
                format!(
                    "电子培训券无效：{} 项不符（{}）",
                    kinds.len(),
                    codes.join("、")
                ),
                format!(
                    "voucher not valid: {} failed check{} ({})",
                    kinds.len(),
                    if kinds.len() == 1 { "" } else { "s" },
                    codes.join(", ")
                ),
            )
        }
    };
    Verification {
        valid,
        failures: kinds.iter().map(FailureKind::to_failure).collect(),
        key_id: payload.map(|p| p.key_id.clone()),
        signature_valid,
        checked: checked.into_iter().map(str::to_owned).collect(),
        at,
        date,
        voucher: payload.map(Payload::view),
        message_zh,
        message_en,
    }
}
