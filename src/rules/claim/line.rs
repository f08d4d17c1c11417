//! A line's outcome before it is put into words, and the person-level conditions that hold it.

use super::*;

/// A person-level condition: which rule, and what it found.
#[derive(Debug, Clone)]
pub(super) struct Condition {
    pub(super) rule_id: String,
    pub(super) status: Status,
}

/// A line's outcome before it is put into words.
#[derive(Clone)]
pub(super) struct LineOutcome {
    pub(super) status: Status,
    pub(super) reason: &'static str,
    pub(super) facts: Facts,
    pub(super) arithmetic: Option<Arithmetic>,
    pub(super) assumption: Option<String>,
    /// The deployment parameters the line rests on (all of the rule's by default).
    pub(super) rests_on: RestsOn,
}

impl LineOutcome {
    pub(super) fn pay(a: Arithmetic, reason: &'static str) -> Self {
        LineOutcome {
            status: Status::Pass,
            reason,
            facts: Facts::new(),
            arithmetic: Some(a),
            assumption: None,
            rests_on: RestsOn::All,
        }
    }
    pub(super) fn nothing(reason: &'static str) -> Self {
        LineOutcome {
            status: Status::Fail,
            reason,
            facts: Facts::new(),
            arithmetic: None,
            assumption: None,
            rests_on: RestsOn::All,
        }
    }
    pub(super) fn unknown(reason: &'static str) -> Self {
        LineOutcome {
            status: Status::Unknown,
            reason,
            facts: Facts::new(),
            arithmetic: None,
            assumption: None,
            rests_on: RestsOn::All,
        }
    }
    pub(super) fn fact(mut self, k: &'static str, v: impl Into<Value>) -> Self {
        self.facts.insert(k, v.into());
        self
    }

    /// Says that the line rests on these deployment parameters only (see
    /// [`Outcome::rests_on`]).
    pub(super) fn rests_on(mut self, params: &'static [&'static str]) -> Self {
        self.rests_on = RestsOn::Only(params);
        self
    }

    /// The facts of an attendance summary that the class's calendar rules out,
    /// or cannot check (see [`SummaryCheck`]).
    pub(super) fn summary_facts(mut self, check: &SummaryCheck) -> Self {
        for (k, v) in check.facts() {
            self.facts.insert(k, v);
        }
        self
    }

    /// A parameter that is not set keeps the line from being paid (the one
    /// rule, `rules::settle`, applied to lines): the line is unknown with the
    /// reason `parameter`, and what it would come to is kept as a provisional
    /// amount with its arithmetic, for the claim to be computed and shown.
    pub(super) fn settle(mut self, rule: &Rule) -> Self {
        if let Some(g) = gap(&rule.kind, self.status, self.rests_on) {
            if self.status == Status::Pass {
                if let Some(a) = &self.arithmetic {
                    self.facts
                        .insert("provisional_amount", a.amount.to_string().into());
                    self.facts
                        .insert("provisional_arithmetic_zh", a.zh.clone().into());
                    self.facts
                        .insert("provisional_arithmetic_en", a.en.clone().into());
                }
            }
            self.status = Status::Unknown;
            self.reason = "parameter";
            gap_facts(&mut self.facts, &g);
        }
        self
    }
}
