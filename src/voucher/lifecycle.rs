//! The voucher's closed loop (JZ-V1) as an event log and a state machine:
//! apply → issue → claim (领用) → train (check in at the institution) →
//! evaluate → redeem (兑现) → write off (核销); or expire, or be revoked.
//!
//! | state \ event | apply | issue | claim | check_in | evaluate | redeem | write_off | expire | revoke |
//! |---|---|---|---|---|---|---|---|---|---|
//! | (none) | applied¹ | ² | ² | ² | ² | ² | ² | ² | ² |
//! | applied | ✗ | issued | ✗ | ✗ | ✗ | ✗ | ✗ | ✗ | revoked |
//! | issued | ✗ | ✗ | claimed | ✗⁵ | ✗⁶ | ✗ | ✗ | expired | revoked |
//! | claimed | ✗ | ✗ | ✗ | in_training | ✗⁶ | ✗ | ✗ | expired | revoked |
//! | in_training | ✗ | ✗ | ✗ | in_training | evaluated | ✗ | ✗ | ✗ | revoked |
//! | evaluated | ✗ | ✗ | ✗ | ✗ | evaluated³ | redeemed⁴ | ✗ | ✗ | revoked |
//! | redeemed | ✗ | ✗ | ✗ | ✗ | ✗ | ✗ | written_off | ✗ | ✗ |
//! | written_off | ■ | ■ | ■ | ■ | ■ | ■ | ■ | ■ | ■ |
//! | expired | ■ | ■ | ■ | ■ | ■ | ■ | ■ | ■ | ■ |
//! | revoked | ■ | ■ | ■ | ■ | ■ | ■ | ■ | ■ | ■ |
//!
//! ✗ `lifecycle.invalid_transition`; ■ `lifecycle.final_state` (nothing after
//! write-off, expiry or revocation).
//! ¹ refused with `lifecycle.one_active_per_person` when the policy's
//! `voucher_lifecycle.one_active_per_person` is true and the same holder has
//! another voucher in this programme that is not yet written off, expired or
//! revoked. ² `lifecycle.unknown_voucher`. ³ a re-evaluation (resit) replaces
//! the earlier result. ⁴ with what the policy's `redeem_requires` names, as the
//! latest evaluation recorded it: a certificate (`lifecycle.no_certificate`),
//! attendance met (`lifecycle.attendance_not_met`); a condition the policy does
//! not name is not asked. ⁵ `in_training` when the policy's
//! `claim_before_training` is false (no claiming step). ⁶ `evaluated` when its
//! `training_before_evaluation` is false (an evaluation voucher needs no training).
//!
//! The table as printed is [`LifecycleRules::default`], the rules used for a
//! programme that has no `voucher_lifecycle` rule and states none; Jinzhong's
//! JZ-V1 ("申请-发券-培训(评价)-兑现-核销", nothing more) sets
//! `redeem_requires = []` and both flags false.
//!
//! A voucher expires only while unused (issued or claimed): once training has
//! started it runs to its end or is revoked. Money paid out is not revoked here:
//! a redeemed voucher can only be written off.
//!
//! The log is the truth: [`Ledger::replay`] applies events in log order. The
//! same log always gives the same states; an event whose ID was already applied
//! is skipped if it is identical and refused (`lifecycle.event_id_reused`) if it
//! differs; a refused event changes nothing.

use crate::error::InputCode;
use crate::policy::kinds;
use crate::sorted::SortedMap;
use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::holder::HolderHash;
use super::moment;
use crate::error::{Explain, LifecycleCode};
use crate::policy::kinds::VoucherKind;
use crate::policy::vocab::RedeemCondition;
use crate::policy::{Policy, Rule};

/// Where a voucher is in its life.
///
/// ```
/// use peixun::voucher::{EventName, LifecycleCode, State};
/// assert_eq!(State::Issued.next(EventName::Claim), Ok(State::Claimed));
/// assert_eq!(State::Redeemed.next(EventName::Claim), Err(LifecycleCode::InvalidTransition));
/// assert_eq!(State::WrittenOff.next(EventName::Revoke), Err(LifecycleCode::FinalState));
/// assert_eq!(State::Claimed.name_zh(), "已领用");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// The trainee applied (through the institution).
    Applied,
    /// The authority issued the voucher.
    Issued,
    /// The trainee claimed it (领用) at the institution.
    Claimed,
    /// Training under way; check-ins recorded at the institution.
    InTraining,
    /// Training evaluated (assessment, certificate).
    Evaluated,
    /// The subsidy was paid against it (兑现).
    Redeemed,
    /// Closed in the accounts (核销).
    WrittenOff,
    /// Expired unused.
    Expired,
    /// Revoked by the authority.
    Revoked,
}

impl State {
    /// Every state, in life order.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::State::ALL.len(), 9);
    /// ```
    pub const ALL: [State; 9] = [
        State::Applied,
        State::Issued,
        State::Claimed,
        State::InTraining,
        State::Evaluated,
        State::Redeemed,
        State::WrittenOff,
        State::Expired,
        State::Revoked,
    ];

    /// The snake_case name used in JSON.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::State::InTraining.name(), "in_training");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            State::Applied => "applied",
            State::Issued => "issued",
            State::Claimed => "claimed",
            State::InTraining => "in_training",
            State::Evaluated => "evaluated",
            State::Redeemed => "redeemed",
            State::WrittenOff => "written_off",
            State::Expired => "expired",
            State::Revoked => "revoked",
        }
    }

    /// The name in Simplified Chinese.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::State::Redeemed.name_zh(), "已兑现");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            State::Applied => "已申请",
            State::Issued => "已发放",
            State::Claimed => "已领用",
            State::InTraining => "培训中",
            State::Evaluated => "已评价",
            State::Redeemed => "已兑现",
            State::WrittenOff => "已核销",
            State::Expired => "已过期",
            State::Revoked => "已撤销",
        }
    }

    /// Whether nothing can happen any more (written off, expired, revoked).
    ///
    /// ```
    /// assert!(peixun::voucher::State::WrittenOff.is_final());
    /// assert!(!peixun::voucher::State::Redeemed.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        matches!(self, State::WrittenOff | State::Expired | State::Revoked)
    }

    /// Whether the voucher counts as active for the one-active-voucher rule:
    /// every state that is not final.
    ///
    /// ```
    /// assert!(peixun::voucher::State::Redeemed.is_active());
    /// assert!(!peixun::voucher::State::Expired.is_active());
    /// ```
    pub fn is_active(self) -> bool {
        !self.is_final()
    }

    /// The table in the module documentation, without the guards: the next
    /// state, or the error code.
    ///
    /// ```
    /// use peixun::voucher::{EventName, State};
    /// assert_eq!(State::Evaluated.next(EventName::Redeem), Ok(State::Redeemed));
    /// ```
    pub fn next(self, event: EventName) -> Result<State, LifecycleCode> {
        use EventName as E;
        use State as S;
        if self.is_final() {
            return Err(LifecycleCode::FinalState);
        }
        match (self, event) {
            (S::Applied, E::Issue) => Ok(S::Issued),
            (S::Issued, E::Claim) => Ok(S::Claimed),
            (S::Claimed | S::InTraining, E::CheckIn) => Ok(S::InTraining),
            (S::InTraining | S::Evaluated, E::Evaluate) => Ok(S::Evaluated),
            (S::Evaluated, E::Redeem) => Ok(S::Redeemed),
            (S::Redeemed, E::WriteOff) => Ok(S::WrittenOff),
            (S::Issued | S::Claimed, E::Expire) => Ok(S::Expired),
            (S::Applied | S::Issued | S::Claimed | S::InTraining | S::Evaluated, E::Revoke) => {
                Ok(S::Revoked)
            }
            _ => Err(LifecycleCode::InvalidTransition),
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The kind of an event, without its data.
///
/// ```
/// assert_eq!(peixun::voucher::EventName::WriteOff.name_zh(), "核销");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventName {
    /// The trainee applies.
    Apply,
    /// The authority issues.
    Issue,
    /// The trainee claims the voucher at the institution.
    Claim,
    /// A daily check-in at the institution (DL-P6).
    CheckIn,
    /// The evaluation result.
    Evaluate,
    /// The subsidy is paid against the voucher.
    Redeem,
    /// The voucher is closed in the accounts.
    WriteOff,
    /// The voucher lapsed unused.
    Expire,
    /// The authority revokes it.
    Revoke,
}

impl EventName {
    /// Every event kind.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::EventName::ALL.len(), 9);
    /// ```
    pub const ALL: [EventName; 9] = [
        EventName::Apply,
        EventName::Issue,
        EventName::Claim,
        EventName::CheckIn,
        EventName::Evaluate,
        EventName::Redeem,
        EventName::WriteOff,
        EventName::Expire,
        EventName::Revoke,
    ];

    /// The snake_case name used in JSON.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::EventName::CheckIn.name(), "check_in");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            EventName::Apply => "apply",
            EventName::Issue => "issue",
            EventName::Claim => "claim",
            EventName::CheckIn => "check_in",
            EventName::Evaluate => "evaluate",
            EventName::Redeem => "redeem",
            EventName::WriteOff => "write_off",
            EventName::Expire => "expire",
            EventName::Revoke => "revoke",
        }
    }

    /// The name in Simplified Chinese.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::EventName::Claim.name_zh(), "领用");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            EventName::Apply => "申请",
            EventName::Issue => "发放",
            EventName::Claim => "领用",
            EventName::CheckIn => "签到",
            EventName::Evaluate => "评价",
            EventName::Redeem => "兑现",
            EventName::WriteOff => "核销",
            EventName::Expire => "过期",
            EventName::Revoke => "撤销",
        }
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An event's kind and the data it carries.
///
/// ```
/// use peixun::voucher::{EventKind, EventName};
/// assert_eq!(EventKind::Redeem.name(), EventName::Redeem);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// Apply for a voucher, for the holder with this pseudonym.
    Apply {
        /// The applicant's pseudonym (never the ID number).
        holder: HolderHash,
    },
    /// The authority issues the voucher.
    Issue,
    /// The trainee claims it, at an institution if named.
    Claim {
        /// The institution's credit code.
        institution: Option<String>,
    },
    /// A check-in at the institution.
    CheckIn,
    /// The evaluation result: the training (or evaluation) step is complete.
    /// Each result is optional: an evaluation states what it established.
    Evaluate {
        /// Whether the trainee obtained the certificate (`None`: not stated).
        certificate: Option<bool>,
        /// Whether attendance met the policy's threshold (`None`: not stated).
        attendance_met: Option<bool>,
    },
    /// Pay the subsidy.
    Redeem,
    /// Close in the accounts.
    WriteOff,
    /// Lapse unused.
    Expire,
    /// Revoke.
    Revoke {
        /// Why, for the record.
        reason: Option<String>,
    },
}

impl EventKind {
    /// The kind's name.
    ///
    /// ```
    /// let kind = peixun::voucher::EventKind::Evaluate { certificate: Some(true), attendance_met: None };
    /// assert_eq!(kind.name().name(), "evaluate");
    /// ```
    pub fn name(&self) -> EventName {
        match self {
            EventKind::Apply { .. } => EventName::Apply,
            EventKind::Issue => EventName::Issue,
            EventKind::Claim { .. } => EventName::Claim,
            EventKind::CheckIn => EventName::CheckIn,
            EventKind::Evaluate { .. } => EventName::Evaluate,
            EventKind::Redeem => EventName::Redeem,
            EventKind::WriteOff => EventName::WriteOff,
            EventKind::Expire => EventName::Expire,
            EventKind::Revoke { .. } => EventName::Revoke,
        }
    }
}

/// One entry of the log.
///
/// In JSON the kind's data sits beside the common fields:
///
/// ```
/// use peixun::voucher::{Event, EventKind};
/// let e: Event = serde_json::from_str(r#"{"event_id": "e5", "voucher_id": "V1", "kind": "evaluate",
///     "certificate": true, "attendance_met": true, "at": "2024-06-28T16:00:00+08:00"}"#).unwrap();
/// assert_eq!(e.kind, EventKind::Evaluate { certificate: Some(true), attendance_met: Some(true) });
/// let e: Event = serde_json::from_str(r#"{"event_id": "e6", "voucher_id": "V1", "kind": "evaluate"}"#).unwrap();
/// assert_eq!(e.kind, EventKind::Evaluate { certificate: None, attendance_met: None });
/// let err = peixun::input::from_json::<Event>(r#"{"event_id": "e1", "voucher_id": "V1", "kind": "apply"}"#, 1000).unwrap_err();
/// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.missing_field", "$.holder"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawEvent", into = "RawEvent")]
pub struct Event {
    /// Unique in the log; a repeated ID is the same event delivered twice.
    pub event_id: String,
    /// The voucher concerned.
    pub voucher_id: String,
    /// When it happened (recorded, not used to order: the log's order is the truth).
    pub at: Option<DateTime<FixedOffset>>,
    /// What happened.
    pub kind: EventKind,
}

impl Event {
    /// An event without a time.
    ///
    /// ```
    /// use peixun::voucher::{Event, EventKind};
    /// let e = Event::new("e2", "V1", EventKind::Issue);
    /// assert_eq!(e.kind.name().name(), "issue");
    /// ```
    pub fn new(
        event_id: impl Into<String>,
        voucher_id: impl Into<String>,
        kind: EventKind,
    ) -> Event {
        Event {
            event_id: event_id.into(),
            voucher_id: voucher_id.into(),
            at: None,
            kind,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    event_id: String,
    voucher_id: String,
    kind: EventName,
    #[serde(
        default,
        with = "moment::serde_moment::option",
        skip_serializing_if = "Option::is_none"
    )]
    at: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    holder: Option<HolderHash>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    institution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    certificate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    attendance_met: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl TryFrom<RawEvent> for Event {
    type Error = String;

    fn try_from(r: RawEvent) -> Result<Event, String> {
        let missing = |field: &str| {
            crate::input::coded_at(
                InputCode::MissingField,
                &format!(".{field}"),
                format!("a `{}` event needs `{field}`", r.kind),
                format!("`{}` 事件必须有 `{field}`", r.kind),
            )
        };
        let extra = |field: &str| {
            crate::input::coded_at(
                InputCode::UnknownField,
                &format!(".{field}"),
                format!("a `{}` event has no `{field}`", r.kind),
                format!("`{}` 事件没有 `{field}` 字段", r.kind),
            )
        };
        if r.event_id.trim().is_empty() {
            return Err(crate::input::coded_at(
                InputCode::InvalidValue,
                ".event_id",
                "empty",
                "为空",
            ));
        }
        if r.voucher_id.trim().is_empty() {
            return Err(crate::input::coded_at(
                InputCode::InvalidValue,
                ".voucher_id",
                "empty",
                "为空",
            ));
        }
        // Which optional fields each kind takes.
        let allowed: &[&str] = match r.kind {
            EventName::Apply => &["holder"],
            EventName::Claim => &["institution"],
            EventName::Evaluate => &["certificate", "attendance_met"],
            EventName::Revoke => &["reason"],
            _ => &[],
        };
        for (field, present) in [
            ("holder", r.holder.is_some()),
            ("institution", r.institution.is_some()),
            ("certificate", r.certificate.is_some()),
            ("attendance_met", r.attendance_met.is_some()),
            ("reason", r.reason.is_some()),
        ] {
            if present && !allowed.contains(&field) {
                return Err(extra(field));
            }
        }
        let kind = match r.kind {
            EventName::Apply => EventKind::Apply {
                holder: r.holder.ok_or_else(|| missing("holder"))?,
            },
            EventName::Issue => EventKind::Issue,
            EventName::Claim => {
                let institution = match r.institution {
                    None => None,
                    Some(code) => Some(
                        crate::identity::check_credit_code(&code)
                            .map_err(|e| {
                                crate::input::coded_at(
                                    InputCode::InvalidCreditCode,
                                    ".institution",
                                    format!("[{}] {}", e.code(), e.message_en()),
                                    format!("[{}] {}", e.code(), e.message_zh()),
                                )
                            })?
                            .code()
                            .to_owned(),
                    ),
                };
                EventKind::Claim { institution }
            }
            EventName::CheckIn => EventKind::CheckIn,
            EventName::Evaluate => EventKind::Evaluate {
                certificate: r.certificate,
                attendance_met: r.attendance_met,
            },
            EventName::Redeem => EventKind::Redeem,
            EventName::WriteOff => EventKind::WriteOff,
            EventName::Expire => EventKind::Expire,
            EventName::Revoke => EventKind::Revoke { reason: r.reason },
        };
        Ok(Event {
            event_id: r.event_id,
            voucher_id: r.voucher_id,
            at: r.at,
            kind,
        })
    }
}

impl From<Event> for RawEvent {
    fn from(e: Event) -> RawEvent {
        let mut r = RawEvent {
            event_id: e.event_id,
            voucher_id: e.voucher_id,
            kind: e.kind.name(),
            at: e.at,
            holder: None,
            institution: None,
            certificate: None,
            attendance_met: None,
            reason: None,
        };
        match e.kind {
            EventKind::Apply { holder } => r.holder = Some(holder),
            EventKind::Claim { institution } => r.institution = institution,
            EventKind::Evaluate {
                certificate,
                attendance_met,
            } => {
                r.certificate = certificate;
                r.attendance_met = attendance_met;
            }
            EventKind::Revoke { reason } => r.reason = reason,
            _ => {}
        }
        r
    }
}

/// What redemption requires of the latest evaluation: the `redeem_requires`
/// of a `voucher_lifecycle` rule, a set of [`RedeemCondition`]s. In JSON, the
/// list of their names in vocabulary order.
///
/// ```
/// use peixun::policy::vocab::RedeemCondition;
/// use peixun::voucher::RedeemRequires;
/// let r = RedeemRequires::of(&[RedeemCondition::Certificate]);
/// assert!(r.contains(RedeemCondition::Certificate) && !r.contains(RedeemCondition::AttendanceMet));
/// assert_eq!(serde_json::to_string(&RedeemRequires::ALL).unwrap(), r#"["certificate","attendance_met"]"#);
/// assert!(RedeemRequires::NONE.conditions().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RedeemRequires {
    certificate: bool,
    attendance_met: bool,
}

impl RedeemRequires {
    /// Nothing is asked.
    pub const NONE: RedeemRequires = RedeemRequires {
        certificate: false,
        attendance_met: false,
    };
    /// Every condition of the vocabulary.
    pub const ALL: RedeemRequires = RedeemRequires {
        certificate: true,
        attendance_met: true,
    };

    /// The set of these conditions (a repeated one counts once).
    pub fn of(conditions: &[RedeemCondition]) -> RedeemRequires {
        let mut r = RedeemRequires::NONE;
        for c in conditions {
            match c {
                RedeemCondition::Certificate => r.certificate = true,
                RedeemCondition::AttendanceMet => r.attendance_met = true,
            }
        }
        r
    }

    /// Whether the condition is asked.
    pub fn contains(self, condition: RedeemCondition) -> bool {
        match condition {
            RedeemCondition::Certificate => self.certificate,
            RedeemCondition::AttendanceMet => self.attendance_met,
        }
    }

    /// The conditions asked, in vocabulary order.
    pub fn conditions(self) -> Vec<RedeemCondition> {
        RedeemCondition::ALL
            .iter()
            .copied()
            .filter(|c| self.contains(*c))
            .collect()
    }
}

impl Serialize for RedeemRequires {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.conditions().serialize(s)
    }
}

impl<'de> Deserialize<'de> for RedeemRequires {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<RedeemCondition>::deserialize(d).map(|v| RedeemRequires::of(&v))
    }
}

/// The lifecycle's parameters, from the policy's `voucher_lifecycle` rule (JZ-V1).
///
/// Each is a reading of the programme's words, and none is taken for granted: a
/// policy's `voucher_lifecycle` rule states all four. The default (the table in
/// the module documentation) is what a programme without such a rule gets when
/// the request states nothing else: one voucher need not be the only one, and
/// redemption needs a certificate and attendance met, after claiming, training
/// and an evaluation.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let dalian = engine.policy("dalian-2023-major-conversion").unwrap();
/// // Dalian's policy has no voucher_lifecycle rule.
/// assert!(peixun::voucher::LifecycleRules::from_policy(dalian).is_none());
/// let d = peixun::voucher::LifecycleRules::default();
/// assert!(d.claim_before_training && d.training_before_evaluation && !d.one_active_per_person);
/// assert_eq!(d.redeem_requires, peixun::voucher::RedeemRequires::ALL);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LifecycleRules {
    /// At most one active voucher per person in the programme.
    pub one_active_per_person: bool,
    /// What redemption requires of the latest evaluation.
    pub redeem_requires: RedeemRequires,
    /// A check-in needs the voucher claimed (领用) at the institution first.
    pub claim_before_training: bool,
    /// An evaluation needs training under way (a check-in) first.
    pub training_before_evaluation: bool,
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules {
            one_active_per_person: false,
            redeem_requires: RedeemRequires::ALL,
            claim_before_training: true,
            training_before_evaluation: true,
        }
    }
}

impl LifecycleRules {
    /// The rules set by the policy's `voucher_lifecycle` rule, with that rule.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let jz = engine.policy("jinzhong-2023-skills-shanxi").unwrap();
    /// let (rules, rule) = peixun::voucher::LifecycleRules::from_policy(jz).unwrap();
    /// assert_eq!((rule.id.as_str(), rules.one_active_per_person), ("JZ-V1", false));
    /// // "申请-发券-培训(评价)-兑现-核销": no condition on redemption.
    /// assert_eq!(rules.redeem_requires, peixun::voucher::RedeemRequires::NONE);
    /// ```
    pub fn from_policy(policy: &Policy) -> Option<(LifecycleRules, &Rule)> {
        policy.rules.iter().find_map(|rule| {
            let VoucherKind::VoucherLifecycle(kinds::VoucherLifecycle {
                one_active_per_person,
                redeem_requires,
                claim_before_training,
                training_before_evaluation,
            }) = rule.kind.as_voucher()?;
            Some((
                LifecycleRules {
                    one_active_per_person: *one_active_per_person,
                    redeem_requires: RedeemRequires::of(redeem_requires),
                    claim_before_training: *claim_before_training,
                    training_before_evaluation: *training_before_evaluation,
                },
                rule,
            ))
        })
    }

    /// The next state under these rules: the table of [`State::next`] with the
    /// two steps the policy may leave out, or the refusal (with the parameter
    /// that decided it, when one did).
    ///
    /// ```
    /// use peixun::voucher::{EventName, LifecycleCode, LifecycleRules, State};
    /// let strict = LifecycleRules::default();
    /// assert_eq!(strict.next(State::Issued, EventName::CheckIn), Err((LifecycleCode::InvalidTransition, Some("claim_before_training"))));
    /// let open = LifecycleRules { claim_before_training: false, training_before_evaluation: false, ..strict };
    /// assert_eq!(open.next(State::Issued, EventName::CheckIn), Ok(State::InTraining));
    /// assert_eq!(open.next(State::Claimed, EventName::Evaluate), Ok(State::Evaluated));
    /// ```
    pub fn next(
        self,
        state: State,
        event: EventName,
    ) -> Result<State, (LifecycleCode, Option<&'static str>)> {
        match (state, event) {
            (State::Issued, EventName::CheckIn) => {
                if self.claim_before_training {
                    Err((
                        LifecycleCode::InvalidTransition,
                        Some("claim_before_training"),
                    ))
                } else {
                    Ok(State::InTraining)
                }
            }
            (State::Issued | State::Claimed, EventName::Evaluate) => {
                if self.training_before_evaluation {
                    Err((
                        LifecycleCode::InvalidTransition,
                        Some("training_before_evaluation"),
                    ))
                } else {
                    Ok(State::Evaluated)
                }
            }
            _ => state.next(event).map_err(|code| (code, None)),
        }
    }
}

/// What became of a voucher, as the ledger holds it.
///
/// ```
/// use peixun::voucher::*;
/// let ledger = Ledger::replay(LifecycleRules::default(), &[Event::new("e1", "V1", EventKind::Apply { holder: HolderHash([1; 16]) })]).unwrap();
/// assert_eq!(ledger.voucher("V1").unwrap().check_ins, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoucherRecord {
    /// The voucher's ID.
    pub voucher_id: String,
    /// The holder's pseudonym.
    pub holder: HolderHash,
    /// The current state.
    pub state: State,
    /// The institution it was claimed at, if named.
    pub institution: Option<String>,
    /// Check-ins recorded.
    pub check_ins: u32,
    /// The latest evaluation's certificate result.
    pub certificate: Option<bool>,
    /// The latest evaluation's attendance result.
    pub attendance_met: Option<bool>,
    /// Why it was revoked, if it was and a reason was given.
    pub revoke_reason: Option<String>,
    /// The IDs of the events applied to it, in order.
    pub events: Vec<String>,
}

/// Why an event was refused. The ledger is unchanged.
///
/// ```
/// use peixun::error::Explain;
/// use peixun::voucher::{Event, EventKind, Ledger, LifecycleRules};
/// let mut ledger = Ledger::new(LifecycleRules::default());
/// let err = ledger.apply(&Event::new("e1", "V1", EventKind::Issue)).unwrap_err();
/// assert_eq!(err.code().as_str(), "lifecycle.unknown_voucher");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleError {
    /// What kind of refusal.
    pub reason: LifecycleReason,
    /// The refused event's ID.
    pub event_id: String,
    /// The voucher concerned.
    pub voucher_id: String,
    /// The refused event's kind.
    pub event: EventName,
    /// The voucher's state when the event arrived (`None` if it does not exist).
    pub state: Option<State>,
    /// Where the event is in the input (`$.events[3]`), or `$`.
    pub path: String,
}

/// The kinds of refusal, each with its code.
///
/// ```
/// use peixun::voucher::*;
/// let mut ledger = Ledger::new(LifecycleRules::default());
/// let err = ledger.apply(&Event::new("e1", "V1", EventKind::CheckIn)).unwrap_err();
/// assert_eq!(err.reason, LifecycleReason::UnknownVoucher);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifecycleReason {
    /// `lifecycle.invalid_transition`: the event is not allowed in the state.
    InvalidTransition {
        /// The lifecycle parameter that decided it (`claim_before_training`,
        /// `training_before_evaluation`), when one did.
        parameter: Option<&'static str>,
    },
    /// `lifecycle.final_state`: written off, expired or revoked; nothing more happens.
    FinalState,
    /// `lifecycle.unknown_voucher`: no `apply` for this voucher yet.
    UnknownVoucher,
    /// `lifecycle.no_certificate`: redeem without a certificate, which the
    /// policy's `redeem_requires` names.
    NoCertificate {
        /// Whether the latest evaluation stated the certificate (as not obtained).
        stated: bool,
    },
    /// `lifecycle.attendance_not_met`: redeem without attendance met, which the
    /// policy's `redeem_requires` names.
    AttendanceNotMet {
        /// Whether the latest evaluation stated attendance (as not met).
        stated: bool,
    },
    /// `lifecycle.one_active_per_person`: the holder already has an active voucher.
    OneActivePerPerson {
        /// The other voucher.
        other: String,
        /// Its state.
        other_state: State,
    },
    /// `lifecycle.event_id_reused`: the ID was applied before with other content.
    EventIdReused,
}

impl std::fmt::Display for LifecycleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.code(), self.message_en())
    }
}

impl std::error::Error for LifecycleError {}

impl LifecycleError {
    fn state_en(&self) -> String {
        self.state
            .map_or("not yet applied".to_owned(), |s| s.name().to_owned())
    }
    fn state_zh(&self) -> &'static str {
        self.state.map_or("尚未申请", State::name_zh)
    }
}

impl Explain for LifecycleError {
    fn code(&self) -> crate::error::Code {
        match self.reason {
            LifecycleReason::InvalidTransition { .. } => LifecycleCode::InvalidTransition,
            LifecycleReason::FinalState => LifecycleCode::FinalState,
            LifecycleReason::UnknownVoucher => LifecycleCode::UnknownVoucher,
            LifecycleReason::NoCertificate { .. } => LifecycleCode::NoCertificate,
            LifecycleReason::AttendanceNotMet { .. } => LifecycleCode::AttendanceNotMet,
            LifecycleReason::OneActivePerPerson { .. } => LifecycleCode::OneActivePerPerson,
            LifecycleReason::EventIdReused => LifecycleCode::EventIdReused,
        }
        .into()
    }
    fn path(&self) -> String {
        self.path.clone()
    }
    fn message_zh(&self) -> String {
        let (v, e, id) = (&self.voucher_id, self.event.name_zh(), &self.event_id);
        let s = self.state_zh();
        match &self.reason {
            LifecycleReason::InvalidTransition { parameter: None } => {
                format!("电子培训券 {v} 处于“{s}”状态，不能“{e}”（事件 {id}）")
            }
            LifecycleReason::InvalidTransition {
                parameter: Some(p),
            } => format!(
                "电子培训券 {v} 处于“{s}”状态，不能“{e}”（事件 {id}）：本项目的电子券规则 {p} = true，{}",
                if *p == "claim_before_training" {
                    "须先在培训机构领用后才能签到培训"
                } else {
                    "须开始培训（有签到）后才能评价"
                }
            ),
            LifecycleReason::FinalState => {
                format!("电子培训券 {v} 已处于终态“{s}”，不能再“{e}”（事件 {id}）")
            }
            LifecycleReason::UnknownVoucher => {
                format!("电子培训券 {v} 尚未申请，不能“{e}”（事件 {id}）")
            }
            LifecycleReason::NoCertificate { stated } => format!(
                "电子培训券 {v} 处于“{s}”状态，{}，不能“{e}”（事件 {id}）：本项目的兑现条件 redeem_requires 含取得证书（certificate）",
                if *stated { "最近一次评价未取得证书" } else { "最近一次评价未说明是否取得证书" }
            ),
            LifecycleReason::AttendanceNotMet { stated } => format!(
                "电子培训券 {v} 处于“{s}”状态，{}，不能“{e}”（事件 {id}）：本项目的兑现条件 redeem_requires 含出勤达标（attendance_met）",
                if *stated { "最近一次评价出勤未达标" } else { "最近一次评价未说明出勤是否达标" }
            ),
            LifecycleReason::OneActivePerPerson { other, other_state } => format!(
                "同一人在本项目中只能有一张有效的电子培训券：{other} 处于“{}”状态，不能“{e}” {v}（事件 {id}）",
                other_state.name_zh()
            ),
            LifecycleReason::EventIdReused => format!(
                "事件编号 {id} 已使用过且内容不同，不能用于电子培训券 {v} 的“{e}”（当前状态“{s}”）"
            ),
        }
    }
    fn message_en(&self) -> String {
        let (v, e, id) = (&self.voucher_id, self.event.name(), &self.event_id);
        let s = self.state_en();
        match &self.reason {
            LifecycleReason::InvalidTransition { parameter: None } => {
                format!("voucher {v} is {s}: event {e} ({id}) is not allowed in that state")
            }
            LifecycleReason::InvalidTransition {
                parameter: Some(p),
            } => format!(
                "voucher {v} is {s}: event {e} ({id}) is not allowed, since the programme's voucher rules set {p} = true ({})",
                if *p == "claim_before_training" {
                    "the voucher is claimed at the institution before training is checked in"
                } else {
                    "training starts (a check-in) before an evaluation"
                }
            ),
            LifecycleReason::FinalState => {
                format!("voucher {v} is {s}, a final state: event {e} ({id}) is not allowed")
            }
            LifecycleReason::UnknownVoucher => {
                format!("voucher {v} has not been applied for: event {e} ({id}) is not allowed")
            }
            LifecycleReason::NoCertificate { stated } => format!(
                "voucher {v} is {s} and its latest evaluation {}: event {e} ({id}) is not allowed, since the programme's redemption conditions (redeem_requires) include a certificate",
                if *stated { "records no certificate" } else { "does not state a certificate" }
            ),
            LifecycleReason::AttendanceNotMet { stated } => format!(
                "voucher {v} is {s} and its latest evaluation {}: event {e} ({id}) is not allowed, since the programme's redemption conditions (redeem_requires) include attendance met",
                if *stated { "records attendance not met" } else { "does not state whether attendance was met" }
            ),
            LifecycleReason::OneActivePerPerson { other, other_state } => format!(
                "one active voucher per person in this programme: {other} is {other_state}, so event {e} ({id}) for {v} is not allowed"
            ),
            LifecycleReason::EventIdReused => format!(
                "event ID {id} was used before for a different event: {e} for voucher {v} (state {s}) is not applied"
            ),
        }
    }
}

/// What applying an event did.
///
/// ```
/// use peixun::voucher::*;
/// let mut ledger = Ledger::new(LifecycleRules::default());
/// let got = ledger.apply(&Event::new("e1", "V1", EventKind::Apply { holder: HolderHash([1; 16]) })).unwrap();
/// assert_eq!(got, Applied::Changed { from: None, to: State::Applied });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The voucher moved (or stayed, for a check-in or a resit) to `to`.
    Changed {
        /// The state before (`None` for an `apply`).
        from: Option<State>,
        /// The state after.
        to: State,
    },
    /// The same event was applied before; nothing changed.
    Duplicate,
}

/// Every voucher of one programme, built from its event log.
///
/// ```
/// use peixun::voucher::*;
/// let mut ledger = Ledger::new(LifecycleRules { one_active_per_person: true, ..Default::default() });
/// let holder = HolderHash([1; 16]);
/// ledger.apply(&Event::new("e1", "V1", EventKind::Apply { holder })).unwrap();
/// ledger.apply(&Event::new("e2", "V1", EventKind::Issue)).unwrap();
/// assert_eq!(ledger.apply(&Event::new("e2", "V1", EventKind::Issue)).unwrap(), Applied::Duplicate);
/// let err = ledger.apply(&Event::new("e3", "V2", EventKind::Apply { holder })).unwrap_err();
/// assert_eq!(peixun::error::Explain::code(&err), "lifecycle.one_active_per_person");
/// assert_eq!(ledger.state("V1"), Some(State::Issued));
/// assert_eq!(ledger.state("V2"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    rules: LifecycleRules,
    vouchers: SortedMap<String, VoucherRecord>,
    seen: SortedMap<String, Event>,
    applied: usize,
    duplicates: usize,
}

impl Ledger {
    /// An empty ledger under these rules.
    ///
    /// ```
    /// let ledger = peixun::voucher::Ledger::new(Default::default());
    /// assert_eq!(ledger.vouchers().count(), 0);
    /// ```
    pub fn new(rules: LifecycleRules) -> Ledger {
        Ledger {
            rules,
            vouchers: SortedMap::new(),
            seen: SortedMap::new(),
            applied: 0,
            duplicates: 0,
        }
    }

    /// Applies events in order; stops at the first refusal, whose `path` is
    /// `$.events[i]`.
    ///
    /// ```
    /// use peixun::voucher::*;
    /// let log = vec![
    ///     Event::new("e1", "V1", EventKind::Apply { holder: HolderHash([1; 16]) }),
    ///     Event::new("e2", "V1", EventKind::Redeem),
    /// ];
    /// let err = Ledger::replay(LifecycleRules::default(), &log).unwrap_err();
    /// assert_eq!((err.path.as_str(), err.state, err.event), ("$.events[1]", Some(State::Applied), EventName::Redeem));
    /// ```
    pub fn replay<'a, I: IntoIterator<Item = &'a Event>>(
        rules: LifecycleRules,
        events: I,
    ) -> Result<Ledger, LifecycleError> {
        let mut ledger = Ledger::new(rules);
        for (i, event) in events.into_iter().enumerate() {
            ledger.apply(event).map_err(|mut e| {
                e.path = format!("$.events[{i}]");
                e
            })?;
        }
        Ok(ledger)
    }

    /// Applies one event; on refusal nothing changes.
    ///
    /// ```
    /// use peixun::voucher::*;
    /// let mut ledger = Ledger::new(LifecycleRules::default());
    /// ledger.apply(&Event::new("e1", "V1", EventKind::Apply { holder: HolderHash([1; 16]) })).unwrap();
    /// let err = ledger.apply(&Event::new("e2", "V1", EventKind::WriteOff)).unwrap_err();
    /// assert_eq!(err.state, Some(State::Applied));
    /// assert_eq!(ledger.state("V1"), Some(State::Applied)); // unchanged
    /// ```
    pub fn apply(&mut self, event: &Event) -> Result<Applied, LifecycleError> {
        let name = event.kind.name();
        let current = self.vouchers.get(&event.voucher_id);
        let refuse = |reason: LifecycleReason| LifecycleError {
            reason,
            event_id: event.event_id.clone(),
            voucher_id: event.voucher_id.clone(),
            event: name,
            state: current.map(|r| r.state),
            path: "$".to_owned(),
        };
        if let Some(previous) = self.seen.get(&event.event_id) {
            return if previous == event {
                self.duplicates += 1;
                Ok(Applied::Duplicate)
            } else {
                Err(refuse(LifecycleReason::EventIdReused))
            };
        }
        let next = match (current, &event.kind) {
            (None, EventKind::Apply { holder }) => {
                if self.rules.one_active_per_person {
                    if let Some(other) = self
                        .vouchers
                        .values()
                        .find(|r| r.holder == *holder && r.state.is_active())
                    {
                        return Err(refuse(LifecycleReason::OneActivePerPerson {
                            other: other.voucher_id.clone(),
                            other_state: other.state,
                        }));
                    }
                }
                State::Applied
            }
            (None, _) => return Err(refuse(LifecycleReason::UnknownVoucher)),
            (Some(record), kind) => {
                let next = self
                    .rules
                    .next(record.state, name)
                    .map_err(|(code, parameter)| {
                        refuse(if code == LifecycleCode::FinalState {
                            LifecycleReason::FinalState
                        } else {
                            LifecycleReason::InvalidTransition { parameter }
                        })
                    })?;
                if let EventKind::Redeem = kind {
                    // Only what the policy names is asked; each is proven by
                    // the latest evaluation or the voucher stays where it is.
                    let asked = self.rules.redeem_requires;
                    if asked.contains(RedeemCondition::Certificate)
                        && record.certificate != Some(true)
                    {
                        return Err(refuse(LifecycleReason::NoCertificate {
                            stated: record.certificate.is_some(),
                        }));
                    }
                    if asked.contains(RedeemCondition::AttendanceMet)
                        && record.attendance_met != Some(true)
                    {
                        return Err(refuse(LifecycleReason::AttendanceNotMet {
                            stated: record.attendance_met.is_some(),
                        }));
                    }
                }
                next
            }
        };

        // Accepted: record it.
        let from = current.map(|r| r.state);
        let record = self
            .vouchers
            .entry(event.voucher_id.clone())
            .or_insert_with(|| VoucherRecord {
                voucher_id: event.voucher_id.clone(),
                holder: match event.kind {
                    EventKind::Apply { holder } => holder,
                    _ => HolderHash([0; 16]),
                },
                state: State::Applied,
                institution: None,
                check_ins: 0,
                certificate: None,
                attendance_met: None,
                revoke_reason: None,
                events: Vec::new(),
            });
        record.state = next;
        record.events.push(event.event_id.clone());
        match &event.kind {
            EventKind::Claim { institution } => record.institution.clone_from(institution),
            EventKind::CheckIn => record.check_ins = record.check_ins.saturating_add(1),
            EventKind::Evaluate {
                certificate,
                attendance_met,
            } => {
                // The latest evaluation counts, what it does not state included.
                record.certificate = *certificate;
                record.attendance_met = *attendance_met;
            }
            EventKind::Revoke { reason } => record.revoke_reason.clone_from(reason),
            _ => {}
        }
        self.seen.insert(event.event_id.clone(), event.clone());
        self.applied += 1;
        Ok(Applied::Changed { from, to: next })
    }

    /// The lifecycle rules in force.
    ///
    /// ```
    /// let rules = peixun::voucher::LifecycleRules { one_active_per_person: true, ..Default::default() };
    /// assert_eq!(peixun::voucher::Ledger::new(rules).rules(), rules);
    /// ```
    pub fn rules(&self) -> LifecycleRules {
        self.rules
    }

    /// A voucher's state, if it exists.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::Ledger::new(Default::default()).state("V1"), None);
    /// ```
    pub fn state(&self, voucher_id: &str) -> Option<State> {
        self.vouchers.get(voucher_id).map(|r| r.state)
    }

    /// A voucher's record.
    ///
    /// ```
    /// assert!(peixun::voucher::Ledger::new(Default::default()).voucher("V1").is_none());
    /// ```
    pub fn voucher(&self, voucher_id: &str) -> Option<&VoucherRecord> {
        self.vouchers.get(voucher_id)
    }

    /// Every voucher, ordered by ID.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::Ledger::new(Default::default()).vouchers().count(), 0);
    /// ```
    pub fn vouchers(&self) -> impl Iterator<Item = &VoucherRecord> {
        self.vouchers.values()
    }

    /// The IDs of revoked vouchers: the revocation list verifiers are given.
    ///
    /// ```
    /// use peixun::voucher::*;
    /// let log = [
    ///     Event::new("e1", "V1", EventKind::Apply { holder: HolderHash([1; 16]) }),
    ///     Event::new("e2", "V1", EventKind::Revoke { reason: None }),
    /// ];
    /// let ledger = Ledger::replay(LifecycleRules::default(), &log).unwrap();
    /// assert_eq!(ledger.revoked(), vec!["V1".to_owned()]);
    /// ```
    pub fn revoked(&self) -> Vec<String> {
        self.vouchers
            .values()
            .filter(|r| r.state == State::Revoked)
            .map(|r| r.voucher_id.clone())
            .collect()
    }

    /// Events that changed a voucher.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::Ledger::new(Default::default()).applied_count(), 0);
    /// ```
    pub fn applied_count(&self) -> usize {
        self.applied
    }

    /// Repeated events that were skipped.
    ///
    /// ```
    /// assert_eq!(peixun::voucher::Ledger::new(Default::default()).duplicate_count(), 0);
    /// ```
    pub fn duplicate_count(&self) -> usize {
        self.duplicates
    }
}
