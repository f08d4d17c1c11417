//! `voucher.verify` and `voucher.replay`: an electronic training voucher
//! checked offline, and a ledger of voucher events replayed under the
//! programme's lifecycle rules.

use crate::error::InputCode;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{json, Operation, Run};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::identity::{CreditCode, ResidentId};
use crate::input::InputError;
use crate::report::PolicyRef;
use crate::voucher::moment;
use crate::voucher::{
    verify, Checks, Event, HolderHash, HolderKey, KeySet, Ledger, LifecycleRules, RedeemRequires,
    Verification, VoucherRecord,
};

/// This family's operations.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "voucher.verify",
        summary_en:
            "verify a voucher token offline: signature, key, validity, holder, institution, major",
        summary_zh: "离线核验电子培训券：签名、密钥、有效期、持券人、机构、专业",
        run: Run::Read(|e, t| json(e, t, verify_voucher)),
    },
    Operation {
        name: "voucher.replay",
        summary_en:
            "replay voucher events under the programme's lifecycle rules: each voucher's state",
        summary_zh: "按项目的闭环管理规则重放电子培训券事件：每张券的状态",
        run: Run::Read(|e, t| json(e, t, replay)),
    },
];

/// The request of `voucher.verify`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// The token as scanned.
    pub token: String,
    /// The deployment's key set (JSON).
    pub keys: Value,
    #[serde(with = "moment::serde_moment")]
    /// The moment of the check, with its offset.
    pub at: DateTime<FixedOffset>,
    #[serde(default, with = "crate::identity::serde_resident_id::option")]
    /// The holder's ID number, compared through `holder_key`.
    pub holder_id_number: Option<ResidentId>,
    #[serde(default)]
    /// The deployment's holder key (base64url), with `holder_id_number`.
    pub holder_key: Option<String>,
    #[serde(default)]
    /// The holder's pseudonym computed elsewhere (instead of the ID number).
    pub holder: Option<HolderHash>,
    #[serde(default, with = "crate::identity::serde_credit_code::option")]
    /// The institution that must match.
    pub institution: Option<CreditCode>,
    #[serde(default)]
    /// The major that must match.
    pub major: Option<String>,
    #[serde(default)]
    /// The policy that must match.
    pub policy: Option<String>,
    #[serde(default)]
    /// Voucher IDs revoked.
    pub revoked: Vec<String>,
}

/// `voucher.verify`: `{"token", "keys", "at", "holder_id_number" + "holder_key" |
/// "holder", "institution", "major", "policy", "revoked"}` → a verification.
pub fn verify_voucher(engine: &Engine, req: VerifyRequest) -> Result<Verification, Problem> {
    let keys = KeySet::from_value(req.keys).map_err(|e| e.under("$.keys").problem())?;
    let mut checks = Checks::at(req.at);
    match (req.holder_id_number, req.holder_key, req.holder) {
        (Some(_), _, Some(_)) => {
            return Err(InputError::new(
                InputCode::InvalidValue,
                "$.holder",
                "give either holder_id_number (with holder_key) or holder, not both",
            )
            .problem())
        }
        (Some(id), Some(key), None) => {
            let key = HolderKey::from_base64url(&key).map_err(|e| {
                InputError::new(InputCode::InvalidValue, "$.holder_key", e.to_string()).problem()
            })?;
            checks.holder = Some(key.hash(&id));
        }
        (Some(_), None, None) => {
            return Err(InputError::new(
                InputCode::MissingField,
                "$.holder_key",
                "holder_id_number needs the deployment's holder_key to be compared",
            )
            .problem())
        }
        (None, Some(_), _) => {
            return Err(InputError::new(
                InputCode::InvalidValue,
                "$.holder_key",
                "holder_key is only used with holder_id_number",
            )
            .problem())
        }
        (None, None, holder) => checks.holder = holder,
    }
    checks.institution = req.institution.map(|c| c.code().to_owned());
    checks.major = req.major;
    checks.policy = req.policy;
    checks.revoked = req.revoked.into_iter().collect();
    let mut result = verify(&req.token, &keys, &checks);
    result.cite(engine.policies(), checks.policy.as_deref());
    Ok(result)
}

/// The request of `voucher.replay`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    /// The policy ID.
    pub policy: String,
    /// The events, in the order they happened.
    pub events: Vec<Event>,
    /// The lifecycle rules, for a policy that leaves them to the deployment.
    #[serde(default)]
    pub lifecycle: Option<GivenRules>,
}

/// The lifecycle rules a request states: `one_active_per_person` always (as
/// before), the others when it wants something other than the default.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GivenRules {
    /// At most one active voucher per person.
    pub one_active_per_person: bool,
    #[serde(default)]
    /// What redeeming needs (the default when absent).
    pub redeem_requires: Option<RedeemRequires>,
    #[serde(default)]
    /// A voucher is claimed before training starts.
    pub claim_before_training: Option<bool>,
    #[serde(default)]
    /// Training comes before the evaluation.
    pub training_before_evaluation: Option<bool>,
}

impl GivenRules {
    /// These rules over `base` (what the request does not state stays).
    fn over(&self, base: LifecycleRules) -> LifecycleRules {
        LifecycleRules {
            one_active_per_person: self.one_active_per_person,
            redeem_requires: self.redeem_requires.unwrap_or(base.redeem_requires),
            claim_before_training: self
                .claim_before_training
                .unwrap_or(base.claim_before_training),
            training_before_evaluation: self
                .training_before_evaluation
                .unwrap_or(base.training_before_evaluation),
        }
    }

    /// The first stated parameter that differs from the policy's, with the
    /// policy's value as JSON.
    fn contradiction(&self, policy: &LifecycleRules) -> Option<(&'static str, String)> {
        use crate::canonical::to_string as json;
        let differs = |given: Option<bool>, fixed: bool| given.is_some_and(|g| g != fixed);
        if self.one_active_per_person != policy.one_active_per_person {
            Some(("one_active_per_person", json(&policy.one_active_per_person)))
        } else if self
            .redeem_requires
            .is_some_and(|r| r != policy.redeem_requires)
        {
            Some(("redeem_requires", json(&policy.redeem_requires)))
        } else if differs(self.claim_before_training, policy.claim_before_training) {
            Some(("claim_before_training", json(&policy.claim_before_training)))
        } else if differs(
            self.training_before_evaluation,
            policy.training_before_evaluation,
        ) {
            Some((
                "training_before_evaluation",
                json(&policy.training_before_evaluation),
            ))
        } else {
            None
        }
    }
}

/// Where a replay's lifecycle rules came from: the policy (with the rule and
/// its clause), or, for a policy without a `voucher_lifecycle` rule, the
/// request or the default, said in so many words (no other programme's rule
/// is cited).
#[derive(Serialize)]
pub struct RulesFrom {
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<String>,
    from: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_id: Option<String>,
}

impl RulesFrom {
    /// The request's rules or the default, for a policy that has no rule.
    fn without_rule(from: &'static str, policy: &str) -> Self {
        let (zh, en) = if from == "request" {
            (
                "以下规则由请求给出（未给出的按引擎默认）",
                "the rules below are the request's (the engine's default where it states none)",
            )
        } else {
            (
                "请求也未给出，以下为引擎默认规则：领用后签到培训，培训后评价，兑现须评价取得证书且出勤达标",
                "the request states none either, so the engine's default applies: claimed before training, training before the evaluation, and a certificate and attendance met to redeem",
            )
        };
        RulesFrom {
            clause: None,
            from,
            message_en: Some(format!(
                "policy {policy} has no voucher lifecycle rule (voucher_lifecycle): {en}; no other programme's rule is cited"
            )),
            message_zh: Some(format!(
                "政策 {policy} 没有电子培训券闭环管理规则（voucher_lifecycle）；{zh}，不援引其他项目的条款"
            )),
            rule_id: None,
        }
    }
}

/// `voucher.replay`: `{"policy", "events", "lifecycle"?}` → every voucher's state,
/// or the first refused event's error.
///
/// The lifecycle rules come from the policy's `voucher_lifecycle` rule (JZ-V1).
/// A policy without one leaves them to the deployment, which may state them in
/// `lifecycle` (what it leaves out is [`LifecycleRules::default`]); one that
/// has it may not be contradicted.
pub fn replay(engine: &Engine, req: ReplayRequest) -> Result<Replayed, Problem> {
    let policy = engine.policy(&req.policy).map_err(|e| e.problem())?;
    let (rules, source) = match (LifecycleRules::from_policy(policy), req.lifecycle) {
        (Some((rules, rule)), given) => {
            if let Some((field, value)) = given.and_then(|g| g.contradiction(&rules)) {
                return Err(InputError::new(
                    InputCode::InvalidValue,
                    format!("$.lifecycle.{field}"),
                    format!(
                        "policy {} fixes {field} = {value} in rule {}",
                        policy.id, rule.id
                    ),
                )
                .problem());
            }
            (
                rules,
                RulesFrom {
                    clause: Some(rule.clause.clone()),
                    from: "policy",
                    message_en: None,
                    message_zh: None,
                    rule_id: Some(rule.id.clone()),
                },
            )
        }
        (None, Some(given)) => (
            given.over(LifecycleRules::default()),
            RulesFrom::without_rule("request", &policy.id),
        ),
        (None, None) => (
            LifecycleRules::default(),
            RulesFrom::without_rule("default", &policy.id),
        ),
    };
    let ledger = Ledger::replay(rules, &req.events).map_err(|e| e.problem())?;
    Ok(Replayed {
        applied: ledger.applied_count(),
        duplicates: ledger.duplicate_count(),
        events: req.events.len(),
        lifecycle: Lifecycle {
            claim_before_training: rules.claim_before_training,
            one_active_per_person: rules.one_active_per_person,
            redeem_requires: rules.redeem_requires,
            source,
            training_before_evaluation: rules.training_before_evaluation,
        },
        policy: policy.reference(),
        revoked: ledger.revoked(),
        vouchers: ledger.vouchers().cloned().collect(),
    })
}

/// The answer of `voucher.replay`, fields in key order.
#[derive(Serialize)]
pub struct Replayed {
    /// Events applied.
    pub applied: usize,
    /// Events that repeated one already applied (ignored).
    pub duplicates: usize,
    /// Events in the request.
    pub events: usize,
    /// The rules replayed under, and where they came from.
    pub lifecycle: Lifecycle,
    /// The policy.
    pub policy: PolicyRef,
    /// The vouchers revoked.
    pub revoked: Vec<String>,
    /// Every voucher's state.
    pub vouchers: Vec<VoucherRecord>,
}

/// The lifecycle rules of a replay.
#[derive(Serialize)]
pub struct Lifecycle {
    /// A voucher is claimed before training starts.
    pub claim_before_training: bool,
    /// At most one active voucher per person.
    pub one_active_per_person: bool,
    /// What redeeming needs.
    pub redeem_requires: RedeemRequires,
    /// Where the rules came from.
    pub source: RulesFrom,
    /// Training comes before the evaluation.
    pub training_before_evaluation: bool,
}
