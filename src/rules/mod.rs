//! Rule families: code that turns facts into findings, one family per question.
//!
//! - [`eligibility`]: who may train (people) and which enterprises qualify.
//! - [`attendance`]: class schedules, punches, attendance rates, daily reports,
//!   supervision and video evidence.
//! - [`deadlines`]: every date a class must keep, on the working-day calendar.
//! - [`subsidy`]: the amount formulas, exact to the fen, each line explained.
//! - [`claim`]: re-verification of a subsidy claim: every line recomputed and
//!   compared, every condition its own finding.
//! - [`publicity`]: the public list (公示名单) as JSON and CSV.
//! - [`plan`]: a year's plan, county by county (JZ-S4's brands, JZ-P3's share).
//!
//! Every family evaluates the rules of one [`crate::policy::Policy`] in the
//! policy's order and explains each outcome with a [`crate::report::Finding`].

pub mod attendance;
#[cfg(feature = "claims")]
pub mod claim;
pub mod class;
#[cfg(feature = "deadlines")]
pub mod deadlines;
pub mod eligibility;
#[cfg(feature = "plan")]
pub mod plan;
#[cfg(feature = "claims")]
pub mod publicity;
#[cfg(feature = "claims")]
pub mod subsidy;

use serde_json::Value;

use crate::policy::parameters::{gap, DeploymentParam, RestsOn};
use crate::policy::template::{render_with, Lang};
use crate::policy::Rule;
use crate::report::{Facts, Finding, Status};

/// A rule's outcome before it is put into words.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub status: Status,
    /// Picks a more specific message (`fail.<reason>`) when the policy has one.
    pub reason: Option<&'static str>,
    pub facts: Facts,
    pub subject: Option<String>,
    pub assumptions: Vec<String>,
    /// The deployment parameters the outcome rests on (all of the rule's by default).
    pub rests_on: RestsOn,
}

impl Outcome {
    pub fn new(status: Status) -> Self {
        Outcome {
            status,
            reason: None,
            // Room for the facts of the largest findings (a refused punch, a
            // trainee's rate), so that adding them never reallocates.
            facts: Facts::with_capacity(16),
            subject: None,
            assumptions: Vec::new(),
            rests_on: RestsOn::All,
        }
    }

    /// Says that the outcome rests on these deployment parameters only: one
    /// that is not set makes it unknown whatever it found (pass or fail), and
    /// the rule's other parameters do not matter to it.
    pub fn rests_on(mut self, params: &'static [&'static str]) -> Self {
        self.rests_on = RestsOn::Only(params);
        self
    }

    pub fn because(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }

    pub fn fact(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.facts.insert(name, value.into());
        self
    }

    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn assuming(mut self, assumption: Option<String>) -> Self {
        if let Some(a) = assumption {
            if !self.assumptions.contains(&a) {
                self.assumptions.push(a);
            }
        }
        self
    }
}

/// Renders the rule's message `key` (or `key.reason` when the policy has it)
/// with the facts, in both languages. The lint guarantees that the messages a
/// kind needs exist; a missing one reads as the rule ID and the key.
pub(crate) fn render_message(
    rule: &Rule,
    key: &str,
    reason: Option<&str>,
    facts: &Facts,
) -> (String, String) {
    match rule.message(key, reason) {
        // `{rule_id}` is offered to every template, ahead of any fact of that name.
        Some(m) => {
            let extra = Some(("rule_id", rule.id.as_str()));
            (
                render_with(&m.zh, facts, extra, Lang::Zh),
                render_with(&m.en, facts, extra, Lang::En),
            )
        }
        None => (format!("{} {key}", rule.id), format!("{} {key}", rule.id)),
    }
}

/// The one place where a deployment parameter that is not set (an example
/// value, or none) keeps an outcome from standing: a pass resting on it, or any
/// outcome that says it rests on it, becomes unknown with the reason
/// `parameter` and the facts that name the parameter, its state and the
/// document that fixes it.
pub(crate) fn settle(rule: &Rule, mut outcome: Outcome) -> Outcome {
    if let Some(g) = gap(&rule.kind, outcome.status, outcome.rests_on) {
        outcome.status = Status::Unknown;
        outcome.reason = Some("parameter");
        gap_facts(&mut outcome.facts, &g);
    }
    outcome
}

/// The facts that name a parameter gap (see [`settle`]).
pub(crate) fn gap_facts(facts: &mut Facts, g: &DeploymentParam<'_>) {
    facts.insert("parameter", g.name.into());
    facts.insert("parameter_state", g.state.key().into());
    facts.insert("parameter_state_zh", g.state.zh().into());
    facts.insert("parameter_state_en", g.state.en().into());
    facts.insert("parameter_source", g.source.into());
}

/// Puts an outcome into words with the rule's messages, once [`settle`]d.
///
/// A settled outcome is worded `unknown.parameter.<its own reason>` when the
/// policy has that message (two checks of one rule that rest on the same
/// parameter then say what each was about), else `unknown.parameter`.
pub(crate) fn finding(rule: &Rule, outcome: Outcome) -> Finding {
    let own_reason = outcome.reason;
    let outcome = settle(rule, outcome);
    let key = match outcome.status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Unknown => "unknown",
    };
    let settled_as = match (outcome.reason, own_reason) {
        (Some("parameter"), Some(own)) if own != "parameter" => {
            let reason = format!("parameter.{own}");
            rule.messages
                .contains_key(&format!("unknown.{reason}"))
                .then_some(reason)
        }
        _ => None,
    };
    let (zh, en) = render_message(
        rule,
        key,
        settled_as.as_deref().or(outcome.reason),
        &outcome.facts,
    );
    let mut f = Finding::new(rule.id.clone(), outcome.status, rule.citation(), zh, en);
    f.facts = outcome.facts;
    f.subject = outcome.subject;
    f.assumptions = outcome.assumptions;
    f
}

/// A date as `YYYY-MM-DD`, for facts and messages.
pub(crate) fn ymd(d: chrono::NaiveDate) -> String {
    // chrono's Display is `%Y-%m-%d`, without the format machinery.
    d.to_string()
}

/// An optional value as a fact (`null` when absent).
pub(crate) fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map(Into::into).unwrap_or(Value::Null)
}

/// `MM-DD` in `year` (a policy's "12-31", "02-29"): the day, or the day before
/// when the year has no such day (02-29 in a common year is 02-28).
pub(crate) fn month_day(year: i32, md: &str) -> Option<chrono::NaiveDate> {
    let (m, d) = md.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(year, m, d)
        .or_else(|| chrono::NaiveDate::from_ymd_opt(year, m, d - 1))
}
