//! Deployment parameters: the values a seed leaves to another document, and
//! whether they can decide anything yet.
//!
//! A rule kind's [`Deployment`] parameters (DL-T1's per-major durations, DL-S1's
//! rates, DL-S2's fee table, IP-S1's rate, JZ-D1's income floor and working
//! age, JZ-S2's completion rate …) are filled in
//! by the deployment from documents the seed cites but does not contain. Until
//! a deployment has set one, it is either **unset** (no value) or an
//! **example** (a shipped value marked `example = true`). Neither may decide a
//! yes: [`RuleKind::deployment_params`] lists every such parameter of a rule,
//! and `rules::finding` and the claim's lines turn any pass that rests on a
//! parameter that is not set into `unknown` (reason `parameter`). That is the
//! one place the decision is made; evaluators only say which parameters an
//! outcome rests on when it is fewer than all of them.

use super::kinds::{Deployment, RuleKind};

/// Whether a deployment parameter can decide an outcome.
///
/// ```
/// use peixun::policy::kinds::Deployment;
/// use peixun::policy::parameters::ParamState;
/// let d: Deployment<u32> = Deployment { source: "附件".into(), example: true, value: Some(4) };
/// assert_eq!(d.state(), ParamState::Example);
/// assert_eq!(Deployment::<u32> { source: "附件".into(), example: false, value: None }.state(), ParamState::Unset);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamState {
    /// The deployment has set the value: it decides.
    Set,
    /// A shipped example value: it may be shown, never decide.
    Example,
    /// No value: nothing rests on it.
    Unset,
}

impl ParamState {
    /// The state as a fact value: `set`, `example`, `unset`.
    pub fn key(self) -> &'static str {
        match self {
            ParamState::Set => "set",
            ParamState::Example => "example",
            ParamState::Unset => "unset",
        }
    }

    /// How a message says it, in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            ParamState::Set => "已设定",
            ParamState::Example => "示例值",
            ParamState::Unset => "未设定",
        }
    }

    /// How a message says it, in English.
    pub fn en(self) -> &'static str {
        match self {
            ParamState::Set => "set",
            ParamState::Example => "an example value",
            ParamState::Unset => "not set",
        }
    }
}

impl<T> Deployment<T> {
    /// Whether the value can decide: set, an example, or unset.
    pub fn state(&self) -> ParamState {
        match (&self.value, self.example) {
            (None, _) => ParamState::Unset,
            (Some(_), true) => ParamState::Example,
            (Some(_), false) => ParamState::Set,
        }
    }

    pub(crate) fn param(&self, name: &'static str) -> DeploymentParam<'_> {
        DeploymentParam {
            name,
            state: self.state(),
            source: &self.source,
        }
    }
}

/// One deployment parameter of a rule: its name in the policy file's `params`,
/// its state, and the document that fixes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeploymentParam<'a> {
    /// The parameter's key under `params`, e.g. `rates`.
    pub name: &'static str,
    /// Set, example or unset.
    pub state: ParamState,
    /// The document that fixes the value (the `source` the policy file gives).
    pub source: &'a str,
}

impl DeploymentParam<'_> {
    /// Whether the parameter cannot decide yet (an example, or unset).
    pub fn is_gap(&self) -> bool {
        self.state != ParamState::Set
    }
}

/// Which deployment parameters an outcome rests on.
///
/// ```
/// use peixun::policy::parameters::RestsOn;
/// assert_eq!(RestsOn::default(), RestsOn::All);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RestsOn {
    /// Every parameter of the rule (the default): a pass stands only when all
    /// are set; a fail or unknown is left as the evaluator found it.
    #[default]
    All,
    /// Exactly these: any outcome (pass or fail) resting on one that is not
    /// set becomes unknown; the others do not matter to it.
    Only(&'static [&'static str]),
}

/// The first parameter that keeps an outcome of `status` from standing, if any.
///
/// ```
/// use peixun::policy::PolicySet;
/// use peixun::policy::parameters::{gap, RestsOn, ParamState};
/// use peixun::report::Status;
/// let set = PolicySet::builtin().unwrap();
/// let s1 = set.get("dalian-2023-major-conversion").unwrap().rule("DL-S1").unwrap();
/// let g = gap(&s1.kind, Status::Pass, RestsOn::All).unwrap();
/// assert_eq!((g.name, g.state), ("rates", ParamState::Example));
/// assert!(gap(&s1.kind, Status::Fail, RestsOn::All).is_none());
/// ```
pub fn gap(
    kind: &RuleKind,
    status: crate::report::Status,
    rests_on: RestsOn,
) -> Option<DeploymentParam<'_>> {
    let params = kind.deployment_params();
    match rests_on {
        RestsOn::All => {
            if status != crate::report::Status::Pass {
                return None;
            }
            params.into_iter().find(DeploymentParam::is_gap)
        }
        RestsOn::Only(names) => params
            .into_iter()
            .find(|p| p.is_gap() && names.contains(&p.name)),
    }
}

/// The facts a finding or line carries when a parameter kept it from standing,
/// offered to every template of a rule that has deployment parameters.
pub const GAP_FACTS: &[&str] = &[
    "parameter",
    "parameter_state",
    "parameter_state_zh",
    "parameter_state_en",
    "parameter_source",
    "provisional_amount",
    "provisional_arithmetic_zh",
    "provisional_arithmetic_en",
];
