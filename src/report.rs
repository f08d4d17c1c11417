//! Findings and verdicts: how every decision explains itself.
//!
//! A [`Finding`] is one rule's outcome for one subject: the rule ID and clause from
//! the policy, pass / fail / unknown, a message in Chinese and English carrying the
//! concrete values, and the facts it used. A [`Verdict`] gathers the findings of one
//! check and draws the decision from them; an unknown fact never turns into
//! "eligible".
//!
//! The eligibility answer's types (`Verdict`, `Finding`, `Citation`,
//! `SubjectDecision`, `PolicyRef`) declare their fields in key order: canonical
//! JSON (sorted keys) then takes them as written, with nothing to reorder
//! (`tests/key_order.rs` keeps it so). Other answers' types are put in order
//! by the writer as they close.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The outcome of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The rule is met.
    Pass,
    /// The rule is not met.
    Fail,
    /// A fact the rule needs is missing; a person must look.
    Unknown,
}

/// Where a rule comes from: the source document and the clause in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The clause, as numbered in the document, e.g. `一(一)`.
    pub clause: String,
    /// The source document (its title, with the seed file it was taken from).
    pub document: String,
}

/// One rule's outcome, explained.
///
/// ```
/// use peixun::report::{Finding, Status, Citation};
/// let f = Finding::new("DL-E3", Status::Fail,
///     Citation { document: "doc".into(), clause: "一(一)".into() },
///     "毕业年份 2020 不在 2021–2023 内", "graduation year 2020 is not within 2021–2023");
/// assert_eq!(f.status, Status::Fail);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Assumptions the engine had to make (e.g. a calendar year taken as
    /// weekends-only); empty when it made none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
    /// The clause the rule implements.
    pub citation: Citation,
    /// The facts the rule used, by name (absent facts are listed as `null`).
    #[serde(default)]
    pub facts: Facts,
    /// The message in English, with the concrete values.
    pub message_en: String,
    /// The message in Simplified Chinese, with the concrete values.
    pub message_zh: String,
    /// The rule ID from POLICIES.md, e.g. `DL-E1`.
    pub rule_id: String,
    /// Pass, fail or unknown.
    pub status: Status,
    /// The subject of the finding when a check covers several (a trainee, a worker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl Finding {
    /// A finding with no facts attached yet.
    ///
    /// ```
    /// # use peixun::report::*;
    /// let f = Finding::new("X-1", Status::Pass, Citation { document: "d".into(), clause: "c".into() }, "好", "ok");
    /// assert!(f.facts.is_empty());
    /// ```
    pub fn new(
        rule_id: impl Into<String>,
        status: Status,
        citation: Citation,
        message_zh: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Finding {
            rule_id: rule_id.into(),
            status,
            citation,
            message_zh: message_zh.into(),
            message_en: message_en.into(),
            facts: Facts::new(),
            assumptions: Vec::new(),
            subject: None,
        }
    }
}

/// The facts a finding used, by name, in name order: a JSON object when
/// serialized, exactly as a `BTreeMap<String, Value>` would be.
///
/// Findings are many (hundreds for one class), so the names the rules give are
/// `&'static str`s, not copies, and the facts sit in one sorted vector.
///
/// ```
/// use peixun::report::Facts;
/// use serde_json::json;
/// let mut facts = Facts::new();
/// facts.insert("year", json!(2020));
/// facts.insert("name", json!("张三"));
/// assert_eq!(facts["year"], json!(2020));
/// assert!(facts.contains_key("name") && !facts.contains_key("age"));
/// assert_eq!(serde_json::to_string(&facts).unwrap(), r#"{"name":"张三","year":2020}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts(Vec<(Cow<'static, str>, Value)>);

impl Facts {
    /// No facts.
    ///
    /// ```
    /// assert!(peixun::report::Facts::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Facts(Vec::new())
    }

    /// No facts yet, room for `n`.
    ///
    /// ```
    /// assert!(peixun::report::Facts::with_capacity(8).is_empty());
    /// ```
    pub fn with_capacity(n: usize) -> Self {
        Facts(Vec::with_capacity(n))
    }

    /// Where `name` is, or where it would go. A binary search written out, so
    /// that the comparison is inlined even where the build optimises for size.
    #[inline]
    fn position(&self, name: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.0.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match cmp_names(&self.0[mid].0, name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// Sets a fact; returns the value it had, if any.
    ///
    /// ```
    /// let mut facts = peixun::report::Facts::new();
    /// assert_eq!(facts.insert("n", 1.into()), None);
    /// assert_eq!(facts.insert("n", 2.into()), Some(1.into()));
    /// assert_eq!(facts.len(), 1);
    /// ```
    pub fn insert(&mut self, name: impl Into<Cow<'static, str>>, value: Value) -> Option<Value> {
        let name = name.into();
        match self.position(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (name, value));
                None
            }
        }
    }

    /// The fact called `name`.
    ///
    /// ```
    /// let mut facts = peixun::report::Facts::new();
    /// facts.insert("n", 1.into());
    /// assert_eq!(facts.get("n"), Some(&1.into()));
    /// assert_eq!(facts.get("m"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name).ok().map(|i| &self.0[i].1)
    }

    /// Whether there is a fact called `name`.
    ///
    /// ```
    /// let facts: peixun::report::Facts = [("rate", "0.9500".into())].into_iter().collect();
    /// assert!(facts.contains_key("rate") && !facts.contains_key("rates"));
    /// ```
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    /// How many facts.
    ///
    /// ```
    /// let facts: peixun::report::Facts = [("a", 1.into()), ("b", 2.into())].into_iter().collect();
    /// assert_eq!(facts.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// let mut facts = peixun::report::Facts::new();
    /// facts.insert("a", serde_json::Value::Null);
    /// assert!(!facts.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The facts in name order.
    ///
    /// ```
    /// let mut facts = peixun::report::Facts::new();
    /// facts.insert("b", 2.into());
    /// facts.insert("a", 1.into());
    /// let names: Vec<&str> = facts.iter().map(|(k, _)| k).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

/// The order of `str` (byte by byte, then the shorter first), written out: fact
/// names are short and differ within their first few bytes, where a call to
/// `memcmp` costs more than the comparison itself.
#[inline(always)]
fn cmp_names(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

impl std::ops::Index<&str> for Facts {
    type Output = Value;

    /// The fact called `name`; panics when there is none, as a map does.
    fn index(&self, name: &str) -> &Value {
        match self.get(name) {
            Some(v) => v,
            None => panic!("no fact called `{name}`"),
        }
    }
}

impl<K: Into<Cow<'static, str>>> FromIterator<(K, Value)> for Facts {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        let mut facts = Facts::new();
        for (k, v) in iter {
            facts.insert(k, v);
        }
        facts
    }
}

impl From<BTreeMap<String, Value>> for Facts {
    fn from(map: BTreeMap<String, Value>) -> Self {
        // Already in name order.
        Facts(map.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect())
    }
}

impl Serialize for Facts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k.as_ref(), v)))
    }
}

impl<'de> Deserialize<'de> for Facts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, Value>::deserialize(deserializer).map(Facts::from)
    }
}

/// The decision a verdict draws from its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Every rule passed.
    Eligible,
    /// At least one rule failed.
    Ineligible,
    /// No rule failed, but at least one could not be decided.
    NeedsReview,
}

impl Decision {
    /// Draws the decision from a set of findings: any fail is ineligible, else any
    /// unknown needs review, else eligible. No findings at all need review: a check
    /// that looked at nothing has not shown anything.
    ///
    /// ```
    /// use peixun::report::{Decision, Status};
    /// assert_eq!(Decision::from_statuses([Status::Pass, Status::Unknown]), Decision::NeedsReview);
    /// assert_eq!(Decision::from_statuses([Status::Unknown, Status::Fail]), Decision::Ineligible);
    /// assert_eq!(Decision::from_statuses([Status::Pass]), Decision::Eligible);
    /// ```
    pub fn from_statuses(statuses: impl IntoIterator<Item = Status>) -> Decision {
        let (mut any, mut fail, mut unknown) = (false, false, false);
        for s in statuses {
            any = true;
            match s {
                Status::Fail => fail = true,
                Status::Unknown => unknown = true,
                Status::Pass => {}
            }
        }
        if fail {
            Decision::Ineligible
        } else if unknown || !any {
            Decision::NeedsReview
        } else {
            Decision::Eligible
        }
    }
}

/// Which policy, at which version, produced a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRef {
    /// The policy's ID, e.g. `dalian-2023-major-conversion`.
    pub id: String,
    /// The policy file's version string.
    pub version: String,
}

/// The decision for one subject of a check (a worker of an enterprise, a trainee of a class).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectDecision {
    /// The decision drawn from that subject's findings alone.
    pub decision: Decision,
    /// Who: a masked ID number, a name, or `#n`.
    pub subject: String,
}

/// The answer to an eligibility check: the decision and every finding behind it.
///
/// ```
/// use peixun::report::*;
/// let v = Verdict::from_findings(PolicyRef { id: "p".into(), version: "1".into() }, vec![]);
/// assert_eq!(v.decision, Decision::NeedsReview);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Eligible, ineligible or needs review.
    pub decision: Decision,
    /// Every finding, in the order of the policy's rules.
    pub findings: Vec<Finding>,
    /// The policy used.
    pub policy: PolicyRef,
    /// Decisions per subject, when some findings concern a subject of the
    /// applicant (the workers an enterprise took on) rather than the applicant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<SubjectDecision>,
}

impl Verdict {
    /// Builds a verdict and draws its decisions from the findings: the
    /// applicant's decision from the findings that concern no particular subject
    /// (or from all of them when every finding has a subject), and one decision
    /// per subject from that subject's findings.
    ///
    /// ```
    /// use peixun::report::*;
    /// let c = Citation { document: "d".into(), clause: "c".into() };
    /// let mut worker = Finding::new("LC-S1", Status::Fail, c.clone(), "z", "e");
    /// worker.subject = Some("#1".into());
    /// let v = Verdict::from_findings(
    ///     PolicyRef { id: "p".into(), version: "1".into() },
    ///     vec![Finding::new("LC-S1", Status::Pass, c, "z", "e"), worker],
    /// );
    /// assert_eq!(v.decision, Decision::Eligible); // the enterprise qualifies
    /// assert_eq!(v.subjects[0].decision, Decision::Ineligible); // this worker does not
    /// ```
    pub fn from_findings(policy: PolicyRef, findings: Vec<Finding>) -> Verdict {
        let own: Vec<Status> = findings
            .iter()
            .filter(|f| f.subject.is_none())
            .map(|f| f.status)
            .collect();
        let decision = if own.is_empty() {
            Decision::from_statuses(findings.iter().map(|f| f.status))
        } else {
            Decision::from_statuses(own)
        };
        let mut subjects: Vec<SubjectDecision> = Vec::new();
        for f in &findings {
            if let Some(s) = &f.subject {
                if !subjects.iter().any(|d| &d.subject == s) {
                    let statuses = findings
                        .iter()
                        .filter(|g| g.subject.as_ref() == Some(s))
                        .map(|g| g.status);
                    subjects.push(SubjectDecision {
                        subject: s.clone(),
                        decision: Decision::from_statuses(statuses),
                    });
                }
            }
        }
        Verdict {
            decision,
            policy,
            findings,
            subjects,
        }
    }
}

/// The decision of a check that is not about eligibility (attendance, …): pass,
/// fail or needs review, drawn from findings the same way as [`Decision`].
///
/// ```
/// use peixun::report::{Assessment, Status};
/// assert_eq!(Assessment::from_statuses([Status::Pass, Status::Unknown]), Assessment::NeedsReview);
/// assert_eq!(Assessment::from_statuses([Status::Unknown, Status::Fail]), Assessment::Fail);
/// assert_eq!(Assessment::from_statuses([Status::Pass]), Assessment::Pass);
/// assert_eq!(Assessment::from_statuses([]), Assessment::NeedsReview);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// Every decisive finding passed.
    Pass,
    /// At least one decisive finding failed.
    Fail,
    /// No decisive finding failed, but at least one could not be decided (or there were none).
    NeedsReview,
}

impl Assessment {
    /// Any fail fails; else any unknown (or nothing at all) needs review; else pass.
    pub fn from_statuses(statuses: impl IntoIterator<Item = Status>) -> Assessment {
        match Decision::from_statuses(statuses) {
            Decision::Eligible => Assessment::Pass,
            Decision::Ineligible => Assessment::Fail,
            Decision::NeedsReview => Assessment::NeedsReview,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_names_sort_as_strings_do() {
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "b",
            "date",
            "day",
            "rate",
            "rate_percent",
            "rule_id",
            "rules",
            "session",
            "session_end",
            "session_start",
            "时间",
            "日期",
            "Z",
            "z",
        ];
        for a in names {
            for b in names {
                assert_eq!(cmp_names(a, b), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn facts_serialize_as_the_sorted_map_does() {
        let pairs = [
            ("window_until", json(1)),
            ("date", json("2024-03-04")),
            ("a", json(true)),
        ];
        let mut facts = Facts::new();
        let mut map = BTreeMap::new();
        for (k, v) in pairs {
            facts.insert(k, v.clone());
            map.insert(k.to_owned(), v);
        }
        // A later value replaces an earlier one, as in a map.
        facts.insert("date", json("2024-03-05"));
        map.insert("date".to_owned(), json("2024-03-05"));
        assert_eq!(
            serde_json::to_string(&facts).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        let back: Facts = serde_json::from_str(&serde_json::to_string(&map).unwrap()).unwrap();
        assert_eq!(back, facts);
        assert_eq!(Facts::from(map), facts);
    }

    fn json(v: impl Into<Value>) -> Value {
        v.into()
    }
}
