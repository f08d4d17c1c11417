//! `peixun claim verify`, `peixun deadlines plan`, `peixun publicity`: subsidy
//! claims, class deadlines and the publicity list from a terminal.

use peixun::error::CliCode;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use peixun::engine::Engine;
use peixun::report::{Finding, Status};
use peixun::rules::claim::{ClaimDecision, ClaimReport};
use peixun::rules::deadlines::DeadlinePlan;
use peixun::rules::publicity::PublicityList;

use super::output::{self, fail, print_json};
use super::policy_files::{PolicyFiles, ReadsPolicies};

const CLAIM_HELP: &str = "\
The claim file is JSON: the policy, the class, the institution, the roster (each
trainee's name, ID number, eligibility facts, attendance summary, certificates,
documents, checks and the amounts claimed by rule ID), and the claimed total.
Amounts are strings of yuan (\"7200.00\"). See examples/claims/.

Exit codes: 0 accept, 1 reject, 2 needs review, 3 bad input (the error's code and
JSON path are printed, e.g. [input.invalid_money] $.trainees[0].claimed[\"DL-S1\"]).";

/// Subsidy claims: re-verify every line and every condition.
#[derive(Debug, Args)]
pub struct ClaimCmd {
    #[command(subcommand)]
    action: ClaimAction,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for ClaimCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        let ClaimAction::Verify(args) = &self.action;
        args.json
    }
}

#[derive(Debug, Subcommand)]
enum ClaimAction {
    /// Recompute every line of a claim, compare it with what is claimed, and decide.
    #[command(after_help = CLAIM_HELP)]
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// The claim file (JSON), or `-` for standard input.
    claim: String,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

const PLAN_HELP: &str = "\
The class file is JSON: {\"policy\": ID, \"class\": {\"start\": DATE, \"end\": DATE, …}},
optionally with the dates already known (filed_on, approved_on, enrolment_closed_on,
acceptance_applied_on, publicity_start, paid_on) and \"unknown_years\":
\"assume_weekends_only\" for a year the calendar does not know.

Exit codes: 0 every given date keeps its deadline, 1 one misses it, 2 one needs
review, 3 bad input (an unknown year is calendar.year_unknown).";

/// Class deadlines on the working-day calendar.
#[derive(Debug, Args)]
pub struct DeadlinesCmd {
    #[command(subcommand)]
    action: DeadlinesAction,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for DeadlinesCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        let DeadlinesAction::Plan(args) = &self.action;
        args.json
    }
}

#[derive(Debug, Subcommand)]
enum DeadlinesAction {
    /// Every deadline of a class under its policy ("file by 2023-03-24").
    #[command(after_help = PLAN_HELP)]
    Plan(PlanArgs),
}

#[derive(Debug, Args)]
struct PlanArgs {
    /// The class file (JSON), or `-` for standard input.
    class: String,
    /// Print the plan as JSON.
    #[arg(long)]
    json: bool,
    /// Take years the calendar does not know as weekends only (flagged).
    #[arg(long)]
    assume_weekends: bool,
}

const PUBLICITY_HELP: &str = "\
Builds the publicity list (公示名单) from a claim: the institution, each subsidised
trainee's name, the ID number masked per the policy, and the RECOMPUTED amount,
with the last day of publicity counted on the working-day calendar from --start.

Exit codes: as `claim verify` (0 only for an accepted claim), 3 bad input.";

/// The publicity list of a claim, as text, JSON or CSV for Excel.
#[derive(Debug, Args)]
#[command(after_help = PUBLICITY_HELP)]
pub struct PublicityCmd {
    /// The claim file (JSON), or `-` for standard input.
    claim: String,
    /// The first day of publicity, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    start: String,
    /// Write the list as CSV (UTF-8 with BOM) to FILE (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    csv: Option<String>,
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for PublicityCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        self.json
    }
}

fn decision_code(d: ClaimDecision) -> u8 {
    match d {
        ClaimDecision::Accept => output::OK,
        ClaimDecision::Reject => output::NO,
        ClaimDecision::NeedsReview => output::REVIEW,
    }
}

fn decision_words(d: ClaimDecision) -> (&'static str, &'static str) {
    match d {
        ClaimDecision::Accept => ("通过", "accept"),
        ClaimDecision::Reject => ("不通过", "reject"),
        ClaimDecision::NeedsReview => ("需人工审核", "needs review"),
    }
}

fn mark(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASS",
        Status::Fail => "FAIL",
        Status::Unknown => "????",
    }
}

fn print_finding(indent: &str, f: &Finding) {
    let who = f
        .subject
        .as_deref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    outln!(
        "{indent}{} {}{who}  {}",
        mark(f.status),
        f.rule_id,
        f.citation.clause
    );
    outln!("{indent}     {}", f.message_zh);
    outln!("{indent}     {}", f.message_en);
}

impl ClaimCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let ClaimAction::Verify(args) = self.action;
        let text = match output::read_input(&args.claim) {
            Ok(t) => t,
            Err(p) => return fail(&p, args.json),
        };
        let report = match engine.verify_claim(&text) {
            Ok(r) => r,
            Err(p) => return fail(&p, args.json),
        };
        if args.json {
            print_json(&report);
        } else {
            print_report(&report);
        }
        ExitCode::from(decision_code(report.decision))
    }
}

fn print_report(r: &ClaimReport) {
    let (zh, en) = decision_words(r.decision);
    outln!(
        "结论 decision: {zh} / {en}   ({} {})",
        r.policy.id,
        r.policy.version
    );
    outln!(
        "复核总额 recomputed total: {} 元   申报 claimed: {} 元",
        r.total,
        r.totals.claimed
    );
    outln!("  {} {}", mark(r.totals.status), r.totals.message_zh);
    outln!("       {}", r.totals.message_en);
    if !r.findings.is_empty() {
        outln!("整体 claim:");
        for f in &r.findings {
            print_finding("  ", f);
        }
    }
    if let Some(a) = &r.attendance {
        let p = &a.punches;
        outln!(
            "出勤 attendance (由打卡记录重新计算 recomputed from the punches): {} 个培训日 training days, \
             {} 次打卡 punches: {} 计入 counted, {} 不计 refused, {} 不完整 incomplete",
            a.class.training_days.len(),
            p.total,
            p.counted,
            p.rejected,
            p.incomplete
        );
        for f in a.findings.iter().filter(|f| f.status != Status::Pass) {
            print_finding("  ", f);
        }
    }
    for (title, people) in [
        ("学员 trainees", &r.trainees),
        ("劳动者 workers", &r.workers),
    ] {
        if people.is_empty() {
            continue;
        }
        outln!("{title}:");
        for p in people {
            outln!(
                "  #{} {} {}   复核 {} 元 / 申报 {} 元",
                p.row,
                p.name,
                p.id_number,
                p.total,
                p.claimed
            );
            for l in &p.lines {
                let claimed = l
                    .claimed
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "—".to_owned());
                outln!(
                    "    {} {} {}  复核 {} / 申报 {}",
                    mark(l.finding.status),
                    l.finding.rule_id,
                    l.finding.citation.clause,
                    l.amount,
                    claimed
                );
                outln!("         {}", l.finding.message_zh);
                outln!("         {}", l.finding.message_en);
            }
            for f in p.findings.iter().filter(|f| f.status != Status::Pass) {
                print_finding("    ", f);
            }
        }
    }
}

impl DeadlinesCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let DeadlinesAction::Plan(args) = self.action;
        let mut text = match output::read_input(&args.class) {
            Ok(t) => t,
            Err(p) => return fail(&p, args.json),
        };
        if args.assume_weekends {
            // Anything but an object: let the engine report what is wrong with it.
            if let Ok(serde_json::Value::Object(mut m)) = serde_json::from_str(&text) {
                m.insert(
                    "unknown_years".to_owned(),
                    serde_json::Value::from("assume_weekends_only"),
                );
                text = serde_json::Value::Object(m).to_string();
            }
        }
        let plan = match engine.plan_deadlines(&text) {
            Ok(p) => p,
            Err(p) => return fail(&p, args.json),
        };
        if args.json {
            print_json(&plan);
        } else {
            print_plan(&plan);
        }
        let statuses: Vec<Status> = plan.findings.iter().map(|f| f.status).collect();
        ExitCode::from(if statuses.contains(&Status::Fail) {
            output::NO
        } else if statuses.contains(&Status::Unknown) {
            output::REVIEW
        } else {
            output::OK
        })
    }
}

fn print_plan(p: &DeadlinePlan) {
    outln!(
        "班期 class {} – {}   ({} {})",
        p.start,
        p.end,
        p.policy.id,
        p.policy.version
    );
    for d in &p.deadlines {
        let date = d
            .date
            .map(|x| x.to_string())
            .unwrap_or_else(|| "—         ".to_owned());
        let rest = if d.workday == Some(false) {
            " (非工作日 not a working day)"
        } else {
            ""
        };
        outln!("  {date}  {} {}{rest}", d.rule_id, d.citation.clause);
        outln!("              {}", d.message_zh);
        outln!("              {}", d.message_en);
        for a in &d.assumptions {
            outln!("              assumption: {a}");
        }
    }
    if !p.findings.is_empty() {
        outln!("已给日期 dates given:");
        for f in &p.findings {
            print_finding("  ", f);
        }
    }
}

impl PublicityCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let text = match output::read_input(&self.claim) {
            Ok(t) => t,
            Err(p) => return fail(&p, self.json),
        };
        let claim: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            // Let the engine classify the JSON error.
            Err(_) => {
                let p = engine.verify_claim(&text).err();
                return match p {
                    Some(p) => fail(&p, self.json),
                    None => ExitCode::from(output::BAD_INPUT),
                };
            }
        };
        let request = serde_json::json!({ "claim": claim, "start": self.start }).to_string();
        let list = match engine.publicity(&request) {
            Ok(l) => l,
            Err(p) => return fail(&p, self.json),
        };
        if let Some(path) = &self.csv {
            let csv = peixun::rules::publicity::to_csv(&list);
            if path == "-" {
                out!("{csv}");
            } else if let Err(e) = std::fs::write(path, csv.as_bytes()) {
                return fail(
                    &peixun::error::Problem::new(
                        CliCode::WriteFailed,
                        "$",
                        format!("无法写入文件 {path}：{e}"),
                        format!("cannot write {path}: {e}"),
                    ),
                    self.json,
                );
            }
        }
        if self.json {
            print_json(&list);
        } else if self.csv.as_deref() != Some("-") {
            print_list(&list);
        }
        if list.decision != ClaimDecision::Accept {
            let (zh, en) = decision_words(list.decision);
            eprintln!("注意 note: 申报复核结论为“{zh}”，公示前请先处理 / the claim's decision is `{en}`: resolve it before publishing");
        }
        ExitCode::from(decision_code(list.decision))
    }
}

fn print_list(l: &PublicityList) {
    outln!(
        "{}补贴公示名单 publicity list   ({} {})",
        l.institution.as_deref().unwrap_or(""),
        l.policy.id,
        l.policy.version
    );
    outln!("  {}", l.message_zh);
    outln!("  {}", l.message_en);
    for r in &l.rows {
        outln!(
            "  {:>3}  {}  {}  {} 元",
            r.row,
            r.name,
            r.id_number,
            r.amount
        );
    }
    outln!("  合计 total: {} 元", l.total);
}
