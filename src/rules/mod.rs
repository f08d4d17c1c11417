//! Rule families: code that turns facts into findings, one family per question.
//!
//! - [`eligibility`]: who may train (people) and which enterprises qualify.
//! - [`attendance`]: class schedules, punches, attendance rates, daily reports,
//!   supervision and video evidence.
//!
//! Every family evaluates the rules of one [`crate::policy::Policy`] in the
//! policy's order and explains each outcome with a [`crate::report::Finding`].

pub mod attendance;
pub mod eligibility;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::policy::template::{render, Lang};
use crate::policy::Rule;
use crate::report::{Finding, Status};

/// A rule's outcome before it is put into words.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub status: Status,
    /// Picks a more specific message (`fail.<reason>`) when the policy has one.
    pub reason: Option<&'static str>,
    pub facts: BTreeMap<String, Value>,
    pub subject: Option<String>,
}

impl Outcome {
    pub fn new(status: Status) -> Self {
        Outcome {
            status,
            reason: None,
            facts: BTreeMap::new(),
            subject: None,
        }
    }

    pub fn because(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }

    pub fn fact(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.facts.insert(name.to_owned(), value.into());
        self
    }

    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }
}

/// Puts an outcome into words with the rule's messages.
pub(crate) fn finding(rule: &Rule, outcome: Outcome) -> Finding {
    let key = match outcome.status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Unknown => "unknown",
    };
    let mut facts = outcome.facts;
    let (zh, en) = match rule.message(key, outcome.reason) {
        Some(m) => {
            // `{rule_id}` is offered to every template; add it only when one uses it.
            let wants_id = m.zh.contains("{rule_id}") || m.en.contains("{rule_id}");
            if wants_id {
                facts.insert("rule_id".to_owned(), Value::String(rule.id.clone()));
            }
            let texts = (
                render(&m.zh, &facts, Lang::Zh),
                render(&m.en, &facts, Lang::En),
            );
            if wants_id {
                facts.remove("rule_id");
            }
            texts
        }
        // The lint guarantees the messages exist for evaluated kinds.
        None => (format!("{} {key}", rule.id), format!("{} {key}", rule.id)),
    };
    let mut f = Finding::new(rule.id.clone(), outcome.status, rule.citation(), zh, en);
    f.facts = facts;
    f.subject = outcome.subject;
    f
}
