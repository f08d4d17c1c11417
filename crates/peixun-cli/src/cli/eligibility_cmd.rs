//! `peixun eligibility`: check an applicant file against a programme.

use std::process::ExitCode;

use clap::Args;
use peixun::engine::Engine;
use peixun::report::{Decision, Status, Verdict};

use super::output::{self, fail, print_json};
use super::policy_files::{PolicyFiles, ReadsPolicies};

/// Check an applicant (JSON) against a programme's eligibility rules.
///
/// Exit code: 0 eligible, 1 ineligible, 2 needs review, 3 bad input.
#[derive(Debug, Args)]
pub struct EligibilityCmd {
    /// The policy ID (see `peixun policy list`).
    #[arg(long)]
    policy: String,
    /// The applicant file (JSON), or `-` for standard input.
    applicant: String,
    /// Print the verdict as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for EligibilityCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        self.json
    }
}

impl EligibilityCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let text = match output::read_input(&self.applicant) {
            Ok(t) => t,
            Err(p) => return fail(&p, self.json),
        };
        let verdict = match engine.check_eligibility(&self.policy, &text) {
            Ok(v) => v,
            Err(p) => return fail(&p, self.json),
        };
        if self.json {
            print_json(&verdict);
        } else {
            print_text(&verdict);
        }
        ExitCode::from(match verdict.decision {
            Decision::Eligible => output::OK,
            Decision::Ineligible => output::NO,
            Decision::NeedsReview => output::REVIEW,
        })
    }
}

fn print_text(v: &Verdict) {
    let (zh, en) = match v.decision {
        Decision::Eligible => ("符合条件", "eligible"),
        Decision::Ineligible => ("不符合条件", "ineligible"),
        Decision::NeedsReview => ("需人工审核", "needs review"),
    };
    outln!(
        "结论 decision: {zh} / {en}   ({} {})",
        v.policy.id,
        v.policy.version
    );
    for f in &v.findings {
        let mark = match f.status {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Unknown => "????",
        };
        let who = f
            .subject
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        outln!(
            "  {mark} {}{who}  {} {}",
            f.rule_id,
            f.citation.document,
            f.citation.clause
        );
        outln!("       {}", f.message_zh);
        outln!("       {}", f.message_en);
    }
    for s in &v.subjects {
        let d = match s.decision {
            Decision::Eligible => "符合 eligible",
            Decision::Ineligible => "不符合 ineligible",
            Decision::NeedsReview => "需审核 needs review",
        };
        outln!("  [{}] {d}", s.subject);
    }
}
