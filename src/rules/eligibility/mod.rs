//! Eligibility: who may train under a programme, and which enterprises qualify.
//!
//! [`evaluate`] runs every eligibility rule of a policy against an
//! [`Applicant`] and returns a [`Verdict`]. Rules whose facts are missing are
//! "unknown"; the decision is then "needs review", never "eligible".
//!
//! Rules covered: DL-E1..E6, DL-M1, DL-M2 (the majors an institution carries,
//! from DL-P1's catalogue once the deployment sets it), DL-P1's catalogue part
//! (its premises are a claim's), DL-P7 (and the Fushun policy that layers on
//! them, with its own FS-E1 years and FS-I1 catalogue), IP-E1,
//! JZ-S3's key groups, LC-S1's enterprise conditions and LC-S3's start-up and
//! care occupations.

mod applicant;
mod enterprise;
mod institution;
mod person;

pub use applicant::{
    Applicant, DomesticService, Enterprise, Institution, Person, Province, Worker,
};
pub(crate) use institution::{catalogue_word, standing_part, word, Part, Word};
pub(crate) use person::{lookup, unset_parameter, with_strictness, Lookup};

use crate::policy::Policy;
use crate::report::Verdict;

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
    Verdict::from_findings(policy.reference(), findings)
}
