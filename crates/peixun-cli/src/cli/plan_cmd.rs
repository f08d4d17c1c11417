//! `peixun plan check`: a year's plan, county by county, against the
//! policy's plan-level rules (JZ-S4's brands, JZ-P3's share of the annual plan).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use peixun::engine::Engine;
use peixun::report::{Assessment, Status};
use peixun::rules::plan::PlanCheck;

use super::output::{self, fail, print_json};
use super::policy_files::{PolicyFiles, ReadsPolicies};

const CHECK_HELP: &str = "\
The plan file is JSON: {\"policy\": ID, \"year\": 2023, \"as_of\": DATE, \"counties\": [
  {\"county\": NAME, \"annual_plan\": N, \"county_enterprise_staff\": {\"planned\": N, \"trained\": N},
   \"brands\": [{\"brand\": NAME, \"planned\": N, \"trained\": N}]}]}.
Every figure is optional; a missing one is unknown, never a pass. A trained figure
below the rule fails only once the year is over (as_of after 31 December of year).
See examples/plans/.

Exit codes: 0 pass, 1 fail, 2 needs review, 3 bad input (the error's code and
JSON path are printed, e.g. [input.wrong_type] $.counties[0].brands[0].trained).";

/// A year's plan against the policy's plan-level rules.
#[derive(Debug, Args)]
pub struct PlanCmd {
    #[command(subcommand)]
    action: PlanAction,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for PlanCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        let PlanAction::Check(args) = &self.action;
        args.json
    }
}

#[derive(Debug, Subcommand)]
enum PlanAction {
    /// Check each county's figures: brands (JZ-S4) and its own enterprises' staff (JZ-P3).
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The plan file (JSON), or `-` for standard input.
    plan: String,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
}

impl PlanCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let PlanAction::Check(args) = self.action;
        let text = match output::read_input(&args.plan) {
            Ok(t) => t,
            Err(p) => return fail(&p, args.json),
        };
        let check = match engine.check_plan(&text) {
            Ok(c) => c,
            Err(p) => return fail(&p, args.json),
        };
        if args.json {
            print_json(&check);
        } else {
            print_check(&check);
        }
        output::assessment_code(check.decision)
    }
}

fn words(a: Assessment) -> (&'static str, &'static str) {
    match a {
        Assessment::Pass => ("通过", "pass"),
        Assessment::Fail => ("不通过", "fail"),
        Assessment::NeedsReview => ("需人工审核", "needs review"),
    }
}

fn print_check(c: &PlanCheck) {
    let (zh, en) = words(c.decision);
    let year = c.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into());
    let as_of = c.as_of.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    outln!(
        "结论 decision: {zh} / {en}   ({} {}; 年度 year {year}, 统计至 as of {as_of})",
        c.policy.id,
        c.policy.version
    );
    for county in &c.counties {
        let (zh, en) = words(county.decision);
        outln!("  {}: {zh} / {en}", county.county);
    }
    for f in &c.findings {
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
        outln!("  {mark} {}{who}  {}", f.rule_id, f.citation.clause);
        outln!("       {}", f.message_zh);
        outln!("       {}", f.message_en);
    }
}
