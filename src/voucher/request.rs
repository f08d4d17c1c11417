//! The JSON requests of `voucher.verify` and `voucher.replay` (see [`crate::api`]).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::holder::{HolderHash, HolderKey};
use super::keys::KeySet;
use super::lifecycle::{Event, Ledger, LifecycleRules, VoucherRecord};
use super::moment;
use super::verify::{verify, Checks};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::identity::{CreditCode, ResidentId};
use crate::input::{self, InputError};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyRequest {
    token: String,
    keys: Value,
    #[serde(with = "moment::serde_moment")]
    at: DateTime<FixedOffset>,
    #[serde(default, with = "crate::identity::serde_resident_id::option")]
    holder_id_number: Option<ResidentId>,
    #[serde(default)]
    holder_key: Option<String>,
    #[serde(default)]
    holder: Option<HolderHash>,
    #[serde(default, with = "crate::identity::serde_credit_code::option")]
    institution: Option<CreditCode>,
    #[serde(default)]
    major: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    #[serde(default)]
    revoked: Vec<String>,
}

/// `voucher.verify`: `{"token", "keys", "at", "holder_id_number" + "holder_key" |
/// "holder", "institution", "major", "policy", "revoked"}` → a verification.
pub(crate) fn verify_request(engine: &Engine, request: &str) -> Result<String, Problem> {
    let req: VerifyRequest =
        input::from_json(request, engine.max_input_bytes()).map_err(|e| e.problem())?;
    let keys = KeySet::from_value(req.keys).map_err(|e| e.under("$.keys").problem())?;
    let mut checks = Checks::at(req.at);
    match (req.holder_id_number, req.holder_key, req.holder) {
        (Some(_), _, Some(_)) => {
            return Err(InputError::new(
                "input.invalid_value",
                "$.holder",
                "give either holder_id_number (with holder_key) or holder, not both",
            )
            .problem())
        }
        (Some(id), Some(key), None) => {
            let key = HolderKey::from_base64url(&key).map_err(|e| {
                InputError::new("input.invalid_value", "$.holder_key", e.to_string()).problem()
            })?;
            checks.holder = Some(key.hash(&id));
        }
        (Some(_), None, None) => {
            return Err(InputError::new(
                "input.missing_field",
                "$.holder_key",
                "holder_id_number needs the deployment's holder_key to be compared",
            )
            .problem())
        }
        (None, Some(_), _) => {
            return Err(InputError::new(
                "input.invalid_value",
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
    result.cite(engine.policies());
    Ok(crate::canonical::to_string(&result))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplayRequest {
    policy: String,
    events: Vec<Event>,
    #[serde(default)]
    lifecycle: Option<LifecycleRules>,
}

/// Where a replay's lifecycle rules came from: the policy (with the rule and
/// its clause), the request or the default.
#[derive(Serialize)]
struct RulesFrom<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<&'a str>,
    from: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_id: Option<&'a str>,
}

impl RulesFrom<'_> {
    fn named(from: &'static str) -> Self {
        RulesFrom {
            clause: None,
            from,
            rule_id: None,
        }
    }
}

/// `voucher.replay`: `{"policy", "events", "lifecycle"?}` → every voucher's state,
/// or the first refused event's error.
///
/// The lifecycle rules come from the policy's `voucher_lifecycle` rule (JZ-V1).
/// A policy without one leaves them to the deployment, which may state them in
/// `lifecycle`; one that has it may not be contradicted.
pub(crate) fn replay_request(engine: &Engine, request: &str) -> Result<String, Problem> {
    let req: ReplayRequest =
        input::from_json(request, engine.max_input_bytes()).map_err(|e| e.problem())?;
    let policy = engine.policy(&req.policy).map_err(|e| e.problem())?;
    let (rules, source) = match (LifecycleRules::from_policy(policy), req.lifecycle) {
        (Some((rules, rule)), given) => {
            if given.is_some_and(|g| g != rules) {
                return Err(InputError::new(
                    "input.invalid_value",
                    "$.lifecycle.one_active_per_person",
                    format!(
                        "policy {} fixes one_active_per_person = {} in rule {}",
                        policy.id, rules.one_active_per_person, rule.id
                    ),
                )
                .problem());
            }
            (
                rules,
                RulesFrom {
                    clause: Some(&rule.clause),
                    from: "policy",
                    rule_id: Some(&rule.id),
                },
            )
        }
        (None, Some(given)) => (given, RulesFrom::named("request")),
        (None, None) => (LifecycleRules::default(), RulesFrom::named("default")),
    };
    let ledger = Ledger::replay(rules, &req.events).map_err(|e| e.problem())?;
    /// The answer, written as it stands (no intermediate JSON tree), fields
    /// in key order.
    #[derive(Serialize)]
    struct Replayed<'a> {
        applied: usize,
        duplicates: usize,
        events: usize,
        lifecycle: Lifecycle<'a>,
        policy: crate::report::PolicyRef,
        revoked: Vec<String>,
        vouchers: Vec<&'a VoucherRecord>,
    }
    #[derive(Serialize)]
    struct Lifecycle<'a> {
        one_active_per_person: bool,
        source: RulesFrom<'a>,
    }
    Ok(crate::canonical::to_string(&Replayed {
        applied: ledger.applied_count(),
        duplicates: ledger.duplicate_count(),
        events: req.events.len(),
        lifecycle: Lifecycle {
            one_active_per_person: rules.one_active_per_person,
            source,
        },
        policy: policy.reference(),
        revoked: ledger.revoked(),
        vouchers: ledger.vouchers().collect(),
    }))
}
