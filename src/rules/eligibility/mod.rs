//! Eligibility: who may train under a programme, and which enterprises qualify.
//!
//! [`evaluate`] runs every eligibility rule of a policy against an
//! [`Applicant`] and returns a [`Verdict`]. Rules whose facts are missing are
//! "unknown"; the decision is then "needs review", never "eligible".
//!
//! Rules covered: DL-E1..E6, DL-M1, DL-M2 (the majors an institution carries,
//! from DL-P1's catalogue once the deployment sets it), DL-P1's catalogue part
//! (its premises are a claim's), DL-P7 (and the Fushun policy that layers on
//! them, with its own FS-E1 years and FS-I1 catalogue), IP-E1, JZ-S3's key
//! groups with JZ-D1's definitions of them (a stated group counts only when the
//! facts its definition asks hold), LC-S1's enterprise conditions and LC-S3's
//! start-up and care occupations.

mod applicant;
pub(crate) mod definitions;
mod enterprise;
mod institution;
mod person;

pub use applicant::{
    Applicant, DomesticService, Enterprise, Institution, Person, Province, Worker,
};
pub(crate) use institution::{catalogue_word, standing_part, word, Part, Word};
pub(crate) use person::{lookup, unset_parameter, with_strictness, Lookup};

use crate::policy::kinds::RuleKind;
use crate::policy::Policy;
use crate::report::{Finding, Verdict};

/// Evaluates the policy's eligibility rules for an applicant.
///
/// ```
/// use peixun::rules::eligibility::{evaluate, Applicant};
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let policy = set.get("dalian-2023-major-conversion").unwrap();
/// let applicant: Applicant = serde_json::from_str(r#"{"kind": "person", "graduation_year": 2019}"#).unwrap();
/// let verdict = evaluate(policy, &applicant);
/// let e3 = verdict.findings.iter().find(|f| f.rule_id == "DL-E3").unwrap();
/// assert_eq!(e3.status, peixun::report::Status::Fail);
/// ```
pub fn evaluate(policy: &Policy, applicant: &Applicant) -> Verdict {
    let findings = match applicant {
        Applicant::Person(p) => person::evaluate(policy, p),
        Applicant::Enterprise(e) => enterprise::evaluate(policy, e),
    };
    // The definitions' findings (JZ-D1) explain why a stated group does not
    // count; the group rules that use them decide. A tag that does not count
    // does not make a person who qualifies through another group ineligible.
    let is_definition = |f: &Finding| {
        policy
            .rule(&f.rule_id)
            .is_some_and(|r| matches!(r.kind, RuleKind::Definitions(_)))
    };
    let has_definitions = policy
        .rules
        .iter()
        .any(|r| matches!(r.kind, RuleKind::Definitions(_)));
    if !has_definitions || !findings.iter().any(is_definition) {
        return Verdict::from_findings(policy.reference(), findings);
    }
    let deciding: Vec<Finding> = findings
        .iter()
        .filter(|f| !is_definition(f))
        .cloned()
        .collect();
    let mut verdict = Verdict::from_findings(policy.reference(), deciding);
    verdict.findings = findings;
    verdict
}
