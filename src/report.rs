//! Findings and verdicts: how every decision explains itself.
//!
//! A [`Finding`] is one rule's outcome for one subject: the rule ID and clause from
//! the policy, pass / fail / unknown, a message in Chinese and English carrying the
//! concrete values, and the facts it used. A [`Verdict`] gathers the findings of one
//! check and draws the decision from them; an unknown fact never turns into
//! "eligible".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
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
    /// The source document (its title, with the seed file it was taken from).
    pub document: String,
    /// The clause, as numbered in the document, e.g. `一(一)`.
    pub clause: String,
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
    /// The rule ID from POLICIES.md, e.g. `DL-E1`.
    pub rule_id: String,
    /// Pass, fail or unknown.
    pub status: Status,
    /// The clause the rule implements.
    pub citation: Citation,
    /// The message in Simplified Chinese, with the concrete values.
    pub message_zh: String,
    /// The message in English, with the concrete values.
    pub message_en: String,
    /// The facts the rule used, by name (absent facts are listed as `null`).
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
    /// Assumptions the engine had to make (e.g. a calendar year taken as
    /// weekends-only); empty when it made none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
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
            facts: BTreeMap::new(),
            assumptions: Vec::new(),
            subject: None,
        }
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
    /// Who: a masked ID number, a name, or `#n`.
    pub subject: String,
    /// The decision drawn from that subject's findings alone.
    pub decision: Decision,
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
    /// The policy used.
    pub policy: PolicyRef,
    /// Every finding, in the order of the policy's rules.
    pub findings: Vec<Finding>,
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
