//! Offline verification: a token, the trusted keys, a moment, and what the
//! verifier expects of the voucher.
//!
//! The steps, in order:
//!
//! 1. decode the token (`voucher.bad_encoding`: nothing more can be said);
//! 2. find its key (`voucher.unknown_key`) and check the signature
//!    (`voucher.bad_signature`); if either fails the fields are not the
//!    authority's: they are not checked further, and the answer shows them
//!    only under `unverified`, never as the voucher's fields;
//! 3. then every remaining check runs and each failure is reported:
//!    `voucher.key_retired`, `voucher.not_yet_valid`, `voucher.expired`,
//!    `voucher.revoked`, `voucher.wrong_holder`, `voucher.wrong_institution`,
//!    `voucher.wrong_major`, `voucher.wrong_policy`.
//!
//! A check whose expectation is not given (no holder ID number, no institution…)
//! does not run, and the result's `checked` list says which ran. Nothing here
//! reads a clock or a file: the same call gives the same answer natively and in
//! WebAssembly.
//!
//! A token signed by a retired key after its retirement (`voucher.key_retired`)
//! is not the authority's word either: its fields are shown under `unverified`
//! too, while the other checks still run on them and report what they find.

use crate::sorted::SortedSet;

use chrono::{DateTime, FixedOffset};
use ed25519_dalek::Signature;
use serde::{Deserialize, Serialize};

use super::holder::HolderHash;
use super::keys::{KeySet, KeyStatus};
use super::moment;
use super::payload::{Payload, PayloadError, Token, VoucherView};
use crate::error::{Explain, VoucherCode};
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
/// assert_eq!(f.code().as_str(), "voucher.revoked");
/// assert_eq!(f.rule_kind(), Some("voucher_lifecycle"));
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
    /// The kind of rule (a [`crate::policy::kinds::RuleKind`] name) the failure
    /// puts in question, if any.
    ///
    /// A voucher that is not genuine (bad encoding, unknown key, bad signature,
    /// key retired) is no record at all: `no_record_no_subsidy` (Jinzhong's
    /// JZ-V2, "不录不补"). Not yet valid, expired and revoked are the voucher's
    /// lifecycle (`voucher_lifecycle`, Jinzhong's JZ-V1). Another person's
    /// voucher is no real-name check-in (`punch_windows`: Dalian's DL-P6,
    /// Fushun's FS-A2). A voucher for another institution was not received
    /// through this one (`class_opening`: Dalian's DL-P2). The major and the
    /// policy put no rule in question. [`Verification::cite`] looks for a rule
    /// of the kind in the voucher's own programme only.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::FailureKind::WrongHolder.rule_kind(), Some("punch_windows"));
    /// ```
    pub fn rule_kind(&self) -> Option<&'static str> {
        match self {
            FailureKind::BadEncoding(_)
            | FailureKind::UnknownKey { .. }
            | FailureKind::BadSignature { .. }
            | FailureKind::KeyRetired { .. } => Some("no_record_no_subsidy"),
            FailureKind::NotYetValid { .. }
            | FailureKind::Expired { .. }
            | FailureKind::Revoked { .. } => Some("voucher_lifecycle"),
            FailureKind::WrongHolder => Some("punch_windows"),
            FailureKind::WrongInstitution { .. } => Some("class_opening"),
            FailureKind::WrongMajor { .. } | FailureKind::WrongPolicy { .. } => None,
        }
    }

    /// The plain, serialisable form, before any rule is cited.
    ///
    /// ```
    /// let f = peixun::voucher::FailureKind::WrongHolder.to_failure();
    /// assert_eq!((f.code.as_str(), f.rule_kind.as_deref()), ("voucher.wrong_holder", Some("punch_windows")));
    /// assert!(f.rule_id.is_none());
    /// ```
    pub fn to_failure(&self) -> Failure {
        Failure {
            code: self.code(),
            message_zh: self.message_zh(),
            message_en: self.message_en(),
            rule_kind: self.rule_kind().map(str::to_owned),
            policy: None,
            rule_id: None,
            citation: None,
            no_rule: None,
        }
    }
}

/// What a kind of rule is about, in words, for a failure that finds no rule of
/// the kind in the voucher's programme.
fn kind_words(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "no_record_no_subsidy" => (
            "“不录不补”（未录入系统的不予补贴）",
            "“no record, no subsidy” (不录不补)",
        ),
        "voucher_lifecycle" => (
            "电子培训券闭环管理（有效期、撤销）",
            "the voucher's lifecycle (validity, revocation)",
        ),
        "punch_windows" => ("实名签到打卡", "real-name check-in"),
        "class_opening" => (
            "开班条件（经培训机构领取电子培训券）",
            "the class opening (the voucher received through the institution)",
        ),
        _ => ("此类规则", "rules of this kind"),
    }
}

impl Explain for FailureKind {
    fn code(&self) -> crate::error::Code {
        match self {
            FailureKind::BadEncoding(_) => VoucherCode::BadEncoding,
            FailureKind::UnknownKey { .. } => VoucherCode::UnknownKey,
            FailureKind::BadSignature { .. } => VoucherCode::BadSignature,
            FailureKind::KeyRetired { .. } => VoucherCode::KeyRetired,
            FailureKind::NotYetValid { .. } => VoucherCode::NotYetValid,
            FailureKind::Expired { .. } => VoucherCode::Expired,
            FailureKind::Revoked { .. } => VoucherCode::Revoked,
            FailureKind::WrongHolder => VoucherCode::WrongHolder,
            FailureKind::WrongInstitution { .. } => VoucherCode::WrongInstitution,
            FailureKind::WrongMajor { .. } => VoucherCode::WrongMajor,
            FailureKind::WrongPolicy { .. } => VoucherCode::WrongPolicy,
        }
        .into()
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
    pub code: crate::error::Code,
    /// In Simplified Chinese, with the values that decided it.
    pub message_zh: String,
    /// In English, with the values that decided it.
    pub message_en: String,
    /// The kind of rule the failure puts in question (`voucher_lifecycle`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_kind: Option<String>,
    /// The programme whose rules were looked in: the voucher's own (when its
    /// signature holds), else the policy the verifier expects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// That programme's rule of that kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// That rule's document and clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Citation>,
    /// When no rule is cited: why, in words (the programme has no rule of the
    /// kind, is not loaded, or cannot be established). No other programme's
    /// rule stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_rule: Option<Note>,
}

/// A sentence in both languages.
///
/// ```
/// let n = peixun::voucher::verify::Note { message_zh: "说明".into(), message_en: "note".into() };
/// assert!(serde_json::to_string(&n).unwrap().contains("message_en"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// In Simplified Chinese.
    pub message_zh: String,
    /// In English.
    pub message_en: String,
}

/// What a token says when its signature does not hold (or its key was not
/// allowed to sign): shown for the record, never as the voucher's fields.
///
/// ```
/// use peixun::voucher::{moment, verify, Checks, KeySet};
/// // A token whose holder field was altered after signing (tests/golden/vouchers/09…).
/// let token = "AQMGdGVzdC0xDURMMjAyNC0wMDAxMjMcZGFsaWFuLTIwMjMtbWFqb3ItY29udmVyc2lvblOeAdWtyVCAmI-jlRePDgI1MjIxMDIwME1BMFhZN0szM0ge5bel5Lia5py65Zmo5Lq65pON5L2c5Y-K5bqU55SoAAJJ8CJ6I6stZy2YpKjJcbolPmXBVaVMR3Uao0gpxQCxm5K0J0oTGnkI-nZIs7V_kPoGH5sM9qmD4P_aKDyb9vtyOkjNviQ4UoKWBQ";
/// let keys = KeySet::from_json(r#"{"keys": [{"key_id": "test-1", "algorithm": "ed25519",
///     "public_key": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "status": "active"}]}"#).unwrap();
/// let v = verify(token, &keys, &Checks::at(moment::parse("2024-05-10T09:00:00+08:00").unwrap()));
/// assert_eq!(v.failures[0].code, "voucher.bad_signature");
/// assert!(v.voucher.is_none());
/// let u = v.unverified.unwrap();
/// assert!(u.message_en.contains("unverified"));
/// assert_eq!(u.fields.voucher_id, "DL2024-000123");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unverified {
    /// The decoded fields, as the token states them (not the authority's word).
    pub fields: VoucherView,
    /// Why they are not facts, in Simplified Chinese.
    pub message_zh: String,
    /// Why they are not facts, in English.
    pub message_en: String,
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
    /// The voucher's fields (holder as its pseudonym), only when the
    /// authority's signature holds and its key was allowed to sign.
    pub voucher: Option<VoucherView>,
    /// What a decoded token says when its signature does not hold, or its key
    /// had been retired when it signed: marked as unverified, never facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<Unverified>,
    /// A one-line summary in Simplified Chinese.
    pub message_zh: String,
    /// A one-line summary in English.
    pub message_en: String,
}

impl Verification {
    /// Cites, for each failure, the rule of the kind it puts in question
    /// ([`FailureKind::rule_kind`]) in the voucher's own programme: the policy
    /// the voucher names when its signature holds, else `expected` (the policy
    /// the verifier checks for), else none. Where that programme has no rule
    /// of the kind, is not loaded or cannot be established, the failure says
    /// so in `no_rule` and cites nothing: no other programme's rule stands in.
    ///
    /// ```
    /// use peixun::voucher::{moment, verify, Checks, KeySet};
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let mut v = verify("AAAA", &KeySet::new(), &Checks::at(moment::parse("2024-05-10T09:00:00+08:00").unwrap()));
    /// // Not a token, and no programme expected: nothing to cite.
    /// v.cite(engine.policies(), None);
    /// assert!(v.failures[0].citation.is_none());
    /// assert!(v.failures[0].no_rule.is_some());
    /// // The verifier checks for Jinzhong: its "no record, no subsidy" rule.
    /// v.cite(engine.policies(), Some("jinzhong-2023-skills-shanxi"));
    /// assert_eq!(v.failures[0].rule_id.as_deref(), Some("JZ-V2"));
    /// assert_eq!(v.failures[0].citation.as_ref().unwrap().clause, "五");
    /// ```
    pub fn cite(&mut self, policies: &PolicySet, expected: Option<&str>) {
        let programme = match (&self.voucher, &self.unverified) {
            (Some(v), _) => Some(v.policy.as_str()),
            _ => expected,
        };
        let established_by_token = self.voucher.is_some();
        let decoded = self.voucher.is_some() || self.unverified.is_some();
        let codes: Vec<crate::error::Code> = self.failures.iter().map(|f| f.code).collect();
        let has = |code: VoucherCode| codes.iter().any(|c| *c == code);
        for f in &mut self.failures {
            f.policy = None;
            f.rule_id = None;
            f.citation = None;
            f.no_rule = None;
            let Some(kind) = f.rule_kind.as_deref() else {
                continue;
            };
            let (kind_zh, kind_en) = kind_words(kind);
            let Some(id) = programme else {
                let (zh, en) = if !decoded {
                    (
                        "券码无法解码，此券所属项目无法确定",
                        "the token cannot be decoded, so the voucher's programme cannot be established",
                    )
                } else if has(VoucherCode::KeyRetired) {
                    (
                        "签发密钥在签发时已停用，此券所属项目无法确定",
                        "its key had been retired when it signed, so the voucher's programme cannot be established",
                    )
                } else if has(VoucherCode::UnknownKey) {
                    (
                        "签发密钥不受信任，此券所属项目无法确定",
                        "its signing key is not trusted, so the voucher's programme cannot be established",
                    )
                } else {
                    (
                        "签名不成立，此券所属项目无法确定",
                        "the signature does not hold, so the voucher's programme cannot be established",
                    )
                };
                f.no_rule = Some(Note {
                    message_zh: format!("{zh}，不引用任何项目的{kind_zh}条款"),
                    message_en: format!("{en}: no programme's rule on {kind_en} is cited"),
                });
                continue;
            };
            f.policy = Some(id.to_owned());
            let whose_zh = if established_by_token {
                "此券所属政策"
            } else {
                "核验所依政策"
            };
            let whose_en = if established_by_token {
                "the voucher's policy"
            } else {
                "the policy checked for"
            };
            match policies.get(id) {
                None => {
                    f.no_rule = Some(Note {
                        message_zh: format!("{whose_zh} {id} 未载入，无法引用其{kind_zh}规则"),
                        message_en: format!(
                            "{whose_en} {id} is not loaded: its rule on {kind_en} cannot be cited"
                        ),
                    });
                }
                Some(p) => match p.rules.iter().find(|r| r.kind.name() == kind) {
                    Some(r) => {
                        f.rule_id = Some(r.id.clone());
                        f.citation = Some(r.citation());
                    }
                    None => {
                        f.no_rule = Some(Note {
                            message_zh: format!(
                                "{whose_zh} {id} 没有关于{kind_zh}的规则，不援引其他项目的条款"
                            ),
                            message_en: format!(
                                "{whose_en} {id} has no rule on {kind_en}; no other programme's rule is cited"
                            ),
                        });
                    }
                },
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
            let codes: Vec<&str> = kinds.iter().map(|k| k.code().as_str()).collect();
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
    // The fields are the voucher's only when the authority's signature holds
    // and the key was allowed to sign them; otherwise they are what the token
    // says, and said to be no more than that.
    let retired = kinds.iter().find_map(|k| match k {
        FailureKind::KeyRetired {
            key_id,
            retired_after,
            issued_at,
        } => Some((key_id, retired_after, issued_at)),
        _ => None,
    });
    let (voucher, unverified) = match (payload, signature_valid, retired) {
        (None, ..) => (None, None),
        (Some(p), true, None) => (Some(p.view()), None),
        (Some(p), true, Some((key_id, after, issued))) => (
            None,
            Some(Unverified {
                fields: p.view(),
                message_zh: format!(
                    "签名出自密钥 {key_id}，该密钥已于 {after} 后停用，而券面签发时间为 {issued}：以下内容未经核实，不能作为这张券的事实"
                ),
                message_en: format!(
                    "signed with key `{key_id}`, retired after {after}, at a stated issue time of {issued}: what follows is unverified, not the voucher's fields"
                ),
            }),
        ),
        (Some(p), false, _) => {
            let (zh, en) = if kinds
                .iter()
                .any(|k| matches!(k, FailureKind::UnknownKey { .. }))
            {
                (
                    format!("签发密钥 {} 不受信任，签名无法核验", p.key_id),
                    format!(
                        "the signing key `{}` is not trusted, so the signature cannot be checked",
                        p.key_id
                    ),
                )
            } else {
                (
                    "签名不成立".to_owned(),
                    "the signature does not hold".to_owned(),
                )
            };
            (
                None,
                Some(Unverified {
                    fields: p.view(),
                    message_zh: format!(
                        "{zh}：以下内容仅为券码所载，未经核实，不是这张券的事实（面值、持券人、有效期等均不可信）"
                    ),
                    message_en: format!(
                        "{en}: what follows is only what the token says, unverified, not the voucher's fields (face value, holder, dates and all)"
                    ),
                }),
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
        voucher,
        unverified,
        message_zh,
        message_en,
    }
}
