//! The policy model: a programme, its source document and its rules.

use crate::sorted::SortedMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::kinds::RuleKind;
use crate::report::{Citation, PolicyRef};

/// A period a policy or rule is in force, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day in force.
    #[serde(with = "crate::input::date")]
    pub from: NaiveDate,
    /// Last day in force.
    #[serde(with = "crate::input::date")]
    pub until: NaiveDate,
}

impl Period {
    /// Whether `date` falls inside the period.
    ///
    /// ```
    /// use peixun::policy::Period;
    /// use chrono::NaiveDate;
    /// let p = Period { from: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(), until: NaiveDate::from_ymd_opt(2021, 12, 31).unwrap() };
    /// assert!(p.contains(NaiveDate::from_ymd_opt(2021, 6, 1).unwrap()));
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.until
    }
}

/// The document a policy (or a rule) comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The seed file the text was taken from.
    pub seed: String,
    /// The document's title in Chinese.
    pub title_zh: String,
    /// The document number (文号), when it has one.
    #[serde(default)]
    pub number: Option<String>,
}

impl Source {
    /// How findings cite the document: the title, with its number when it has one.
    ///
    /// ```
    /// let s = peixun::policy::Source { seed: "x.txt".into(), title_zh: "通知".into(), number: Some("某〔2023〕1号".into()) };
    /// assert_eq!(s.citation_name(), "通知（某〔2023〕1号）");
    /// ```
    pub fn citation_name(&self) -> String {
        match &self.number {
            Some(n) => {
                let mut s = String::with_capacity(self.title_zh.len() + n.len() + 6);
                s.push_str(&self.title_zh);
                s.push('（');
                s.push_str(n);
                s.push('）');
                s
            }
            None => self.title_zh.clone(),
        }
    }
}

/// A message in both languages; a template with `{fact}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// How the digest classifies a rule (POLICIES.md's "engine" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A pass / fail / unknown finding.
    Check,
    /// Money.
    Amount,
    /// A deadline on the working-day calendar.
    Date,
    /// Data accepted and validated but not scored.
    Record,
    /// Parameters other rules use.
    Parameters,
    /// A state machine.
    StateMachine,
}

/// One rule of a policy, ready to evaluate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// The rule ID from POLICIES.md, e.g. `DL-E1`.
    pub id: String,
    /// The clause in the source document, e.g. `一(一)`.
    pub clause: String,
    /// What the digest says the engine does with the rule.
    pub roles: Vec<Role>,
    /// The words of the original the rule rests on.
    pub quote_zh: Option<String>,
    /// The document the rule comes from.
    pub source: Source,
    /// When the rule is in force, if narrower than the policy.
    pub in_force: Option<Period>,
    /// The rule kind and its parameters.
    #[serde(flatten)]
    pub kind: RuleKind,
    /// Messages by outcome (`pass`, `fail`, `unknown`, `summary`, or `fail.<reason>` …).
    pub messages: SortedMap<String, Message>,
    /// Amount rules that may not pay one person for the same training as this
    /// one (both ways): the policy file's `exclusive_with`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclusive_with: Vec<String>,
}

impl Rule {
    /// The citation findings carry.
    pub fn citation(&self) -> Citation {
        Citation {
            document: self.source.citation_name(),
            clause: self.clause.clone(),
        }
    }

    /// The message for an outcome: `outcome.reason` if the policy has one, else `outcome`.
    pub fn message(&self, outcome: &str, reason: Option<&str>) -> Option<&Message> {
        reason
            .and_then(|r| {
                // `outcome.reason`, spelled on the stack: findings are many.
                let mut buf = [0u8; 96];
                let n = outcome.len() + 1 + r.len();
                if n > buf.len() {
                    return self.messages.get(&format!("{outcome}.{r}"));
                }
                buf[..outcome.len()].copy_from_slice(outcome.as_bytes());
                buf[outcome.len()] = b'.';
                buf[outcome.len() + 1..n].copy_from_slice(r.as_bytes());
                let key = std::str::from_utf8(&buf[..n]).ok()?;
                self.messages.get(key)
            })
            .or_else(|| self.messages.get(outcome))
    }
}

/// A programme: its identity, its source and its rules (inherited ones included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Stable ID, e.g. `dalian-2023-major-conversion`.
    pub id: String,
    /// The policy file's version.
    pub version: String,
    /// The programme's name in Chinese.
    pub title_zh: String,
    /// The programme's name in English.
    pub title_en: String,
    /// The source document.
    pub source: Source,
    /// The policy this one layers on, if any.
    pub extends: Option<String>,
    /// When the programme is in force.
    pub in_force: Option<Period>,
    /// The rules, in evaluation order.
    pub rules: Vec<Rule>,
}

impl Policy {
    /// How verdicts name the policy.
    pub fn reference(&self) -> PolicyRef {
        PolicyRef {
            id: self.id.clone(),
            version: self.version.clone(),
        }
    }

    /// The rule with this ID.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}
