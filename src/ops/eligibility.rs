//! `eligibility`: may this person or enterprise train under this programme.

use serde::Deserialize;

use super::{json, Operation, Run};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::report::Verdict;
use crate::rules::eligibility::Applicant;

/// This family's operations.
pub const OPERATIONS: &[Operation] = &[Operation {
    name: "eligibility",
    summary_en: "who may train: an applicant (person or enterprise) against a programme's rules",
    summary_zh: "资格：申请人（个人或企业）是否符合项目的条件",
    run: Run::Read(|e, t| json(e, t, check)),
}];

/// The request of `eligibility`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    /// The policy ID.
    pub policy: String,
    /// The person or enterprise.
    pub applicant: Applicant,
}

/// `eligibility`: the verdict, each rule's finding with its clause.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let out = engine.handle("eligibility", r#"{"policy": "dalian-2023-major-conversion",
///   "applicant": {"kind": "person", "hukou_province": "21"}}"#).unwrap();
/// assert!(out.contains(r#""decision":"needs_review""#));
/// ```
pub fn check(engine: &Engine, req: EligibilityRequest) -> Result<Verdict, Problem> {
    let policy = engine.policy(&req.policy).map_err(|e| e.problem())?;
    Ok(engine.eligibility(policy, &req.applicant))
}
