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

impl Role {
    /// The role as a policy file writes it.
    ///
    /// ```
    /// assert_eq!(peixun::policy::Role::StateMachine.key(), "state_machine");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Role::Check => "check",
            Role::Amount => "amount",
            Role::Date => "date",
            Role::Record => "record",
            Role::Parameters => "parameters",
            Role::StateMachine => "state_machine",
        }
    }
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

/// A rule of the policy an extending policy builds on that the extending
/// policy does not apply, and why: other rules of its own take its place
/// (`replaced_by`), or its original says what makes it not applicable
/// (`clause` and `quote_zh`, from `source`). Nothing is dropped in silence.
///
/// ```
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let fushun = set.get("fushun-2024-major-conversion").unwrap();
/// let e3 = fushun.dropped.iter().find(|d| d.rule_id == "DL-E3").unwrap();
/// assert_eq!(e3.replaced_by, ["FS-E1"]);
/// assert!(fushun.rule("DL-E3").is_none() && fushun.rule("FS-E1").is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    /// The dropped rule's ID.
    pub rule_id: String,
    /// The dropped rule's clause, in its own document.
    pub rule_clause: String,
    /// The rules of the extending policy that take its place; empty when it is
    /// declared not applicable.
    pub replaced_by: Vec<String>,
    /// The clause of the extending policy's original that `quote_zh` comes from.
    pub clause: Option<String>,
    /// The extending policy's original's words (required when nothing replaces the rule).
    pub quote_zh: Option<String>,
    /// Why, in Chinese and English.
    pub because: Message,
    /// The policy that dropped it.
    pub by_policy: String,
    /// That policy's document (where `clause` and `quote_zh` are).
    pub source: Source,
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
    /// The rules of the policies it extends that it does not apply, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
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

/// Every clause of one source document, in the document's order, as a policy
/// file's `[[clauses]]` lists them: what the clause coverage
/// ([`super::coverage`]) lists and what [`super::lint::lint_clauses`] checks each
/// rule's `clause` against. The engine does not carry it: a policy is read
/// without it ([`super::file::read_inventory`] reads it), and the WebAssembly
/// build embeds the shipped policies without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inventory {
    /// The document.
    pub source: Source,
    /// Its clauses.
    pub clauses: Vec<Clause>,
}

/// One clause of a source document, as a policy's `[[clauses]]` lists it.
///
/// ```
/// let c = peixun::policy::Clause {
///     clause: "五(一)".into(),
///     heading_zh: "加强组织领导".into(),
///     not_scored: Some(peixun::policy::Message { zh: "组织领导，无可判断的条件".into(), en: "organisation and leadership: nothing to decide".into() }),
/// };
/// assert!(c.not_scored.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The clause as rules cite it: `一(一)`, `三`, `一.1` (an item of a
    /// section), `七(二)1` (an item of a sub-clause), or the label of an
    /// unnumbered part (`附`).
    pub clause: String,
    /// Its heading, or its first words, as the original writes them.
    pub heading_zh: String,
    /// Why no rule implements it, when none does.
    #[serde(default)]
    pub not_scored: Option<Message>,
}
