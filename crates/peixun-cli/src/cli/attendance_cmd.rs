//! `peixun attendance` and `peixun punch-check`.

use peixun::error::InputCode;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use peixun::engine::Engine;
use peixun::error::{Explain, Problem};
use peixun::policy::kinds::PunchMethod;
use peixun::report::{Assessment, Status};
use peixun::rules::attendance::{
    AttendanceInput, AttendanceReport, Moment, PunchCheck, PunchKind, PunchQuestion,
};

use super::output::{self, fail, print_json};
use super::policy_files::{PolicyFiles, ReadsPolicies};

/// Check a class's attendance (JSON: class, trainees, punches, exceptions,
/// leave, daily reports, supervision, videos) against a programme.
///
/// Exit code: 0 pass, 1 fail, 2 needs review, 3 bad input.
#[derive(Debug, Args)]
pub struct AttendanceCmd {
    /// The policy ID (see `peixun policy list`); defaults to the file's `policy`.
    #[arg(long)]
    policy: Option<String>,
    /// The class file (JSON), or `-` for standard input.
    class: String,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Take a year with no holiday notice as weekends-only (flagged in every finding).
    #[arg(long)]
    assume_weekends: bool,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for AttendanceCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        self.json
    }
}

/// Sign-in or sign-out.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    SignIn,
    SignOut,
}

/// How the punch is made.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum MethodArg {
    FaceDevice,
    VoucherQr,
    Manual,
}

/// Is a punch acceptable now? Given a class file, a trainee, sign-in or
/// sign-out and a moment, says whether the window is open, and if not when it
/// opens (or when it closed) and the next session.
///
/// Exit code: 0 acceptable, 1 not acceptable, 2 needs review, 3 bad input.
#[derive(Debug, Args)]
pub struct PunchCheckCmd {
    /// The policy ID; defaults to the file's `policy`.
    #[arg(long)]
    policy: Option<String>,
    /// The class file (JSON with at least `class`), or `-` for standard input.
    class: String,
    /// The trainee's key.
    #[arg(long)]
    trainee: String,
    /// sign-in or sign-out.
    #[arg(long, value_enum)]
    kind: KindArg,
    /// The moment, RFC 3339 with its offset, e.g. 2023-04-03T08:10:00+08:00.
    #[arg(long)]
    at: String,
    /// How the punch is made; where the policy accepts only some methods
    /// (FS-A2, DL-P6), without it the answer is the methods that count.
    #[arg(long, value_enum)]
    method: Option<MethodArg>,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
    /// Take a year with no holiday notice as weekends-only (flagged).
    #[arg(long)]
    assume_weekends: bool,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for PunchCheckCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        self.json
    }
}

fn load_input(path: &str, assume: bool) -> Result<AttendanceInput, Problem> {
    let text = output::read_input(path)?;
    let engine_limit = peixun::input::DEFAULT_MAX_INPUT_BYTES;
    let mut input: AttendanceInput =
        peixun::input::from_json(&text, engine_limit).map_err(|e| e.problem())?;
    if assume {
        input.unknown_years = peixun::calendar::UnknownYears::AssumeWeekendsOnly;
    }
    Ok(input)
}

fn policy_id(flag: &Option<String>, input: &AttendanceInput) -> Result<String, Problem> {
    flag.clone()
        .or_else(|| input.policy.clone())
        .ok_or_else(|| {
            Problem::new(
                InputCode::MissingField,
                "$.policy",
                "缺少政策：请用 --policy 指定，或在文件中写明 policy",
                "no policy: give --policy or a `policy` field in the file",
            )
        })
}

impl AttendanceCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let input = match load_input(&self.class, self.assume_weekends) {
            Ok(i) => i,
            Err(p) => return fail(&p, self.json),
        };
        let id = match policy_id(&self.policy, &input) {
            Ok(id) => id,
            Err(p) => return fail(&p, self.json),
        };
        let policy = match engine.policy(&id) {
            Ok(p) => p,
            Err(e) => return fail(&e.problem(), self.json),
        };
        let report = match engine.attendance(policy, &input) {
            Ok(r) => r,
            Err(e) => return fail(&e.problem(), self.json),
        };
        if self.json {
            print_json(&report);
        } else {
            print_report(&report);
        }
        output::assessment_code(report.decision)
    }
}

fn mark(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASS",
        Status::Fail => "FAIL",
        Status::Unknown => "????",
    }
}

fn print_report(r: &AttendanceReport) {
    let (zh, en) = match r.decision {
        Assessment::Pass => ("通过", "pass"),
        Assessment::Fail => ("不通过", "fail"),
        Assessment::NeedsReview => ("需人工审核", "needs review"),
    };
    outln!(
        "结论 decision: {zh} / {en}   ({} {})",
        r.policy.id,
        r.policy.version
    );
    outln!(
        "班期 class: {}  {} .. {}  培训日 training days: {}  每人应出勤 sessions each: {}",
        r.class.id,
        r.class.start,
        r.class.end,
        r.class.training_days.len(),
        r.class.expected_sessions
    );
    outln!();
    outln!(
        "  {:<16} {:>8} {:>8} {:>8} {:>6} {:>6} {:>8} {:>8}  status",
        "trainee",
        "expected",
        "attended",
        "excepted",
        "sick",
        "leave",
        "rate",
        "min"
    );
    for t in &r.trainees {
        outln!(
            "  {:<16} {:>8} {:>8} {:>8} {:>6} {:>6} {:>8} {:>8}  {}",
            t.trainee,
            t.expected_sessions,
            t.attended_sessions,
            t.excepted_sessions,
            t.sick_leave,
            t.personal_leave,
            t.rate.to_string(),
            t.threshold
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            t.status.map(mark).unwrap_or("-")
        );
    }
    outln!();
    outln!(
        "打卡 punches: {} total, {} counted, {} refused, {} incomplete",
        r.punches.total,
        r.punches.counted,
        r.punches.rejected,
        r.punches.incomplete
    );
    if let Some(e) = &r.escalation {
        outln!(
            "违规 violations: {}  → {} / {}",
            e.violations,
            e.consequence_zh,
            e.consequence_en
        );
    }
    for a in &r.assumptions {
        outln!("假设 assumption: {a}");
    }
    outln!();
    for f in &r.findings {
        let who = f
            .subject
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        outln!(
            "  {} {}{who}  {}",
            mark(f.status),
            f.rule_id,
            f.citation.clause
        );
        outln!("       {}", f.message_zh);
        outln!("       {}", f.message_en);
    }
}

impl PunchCheckCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let input = match load_input(&self.class, self.assume_weekends) {
            Ok(i) => i,
            Err(p) => return fail(&p, self.json),
        };
        let id = match policy_id(&self.policy, &input) {
            Ok(id) => id,
            Err(p) => return fail(&p, self.json),
        };
        let at = match Moment::parse(&self.at) {
            Ok(m) => m,
            Err((code, detail)) => {
                let e = peixun::input::InputError::new(code, "--at", detail);
                return fail(&e.problem(), self.json);
            }
        };
        let question = PunchQuestion {
            policy: Some(id.clone()),
            unknown_years: input.unknown_years,
            class: input.class.clone(),
            trainees: (!input.trainees.is_empty()).then(|| input.trainees.clone()),
            trainee: self.trainee.clone(),
            kind: match self.kind {
                KindArg::SignIn => PunchKind::SignIn,
                KindArg::SignOut => PunchKind::SignOut,
            },
            at,
            method: self.method.map(|m| match m {
                MethodArg::FaceDevice => PunchMethod::FaceDevice,
                MethodArg::VoucherQr => PunchMethod::VoucherQr,
                MethodArg::Manual => PunchMethod::Manual,
            }),
        };
        let policy = match engine.policy(&id) {
            Ok(p) => p,
            Err(e) => return fail(&e.problem(), self.json),
        };
        let check =
            match peixun::rules::attendance::check_punch(policy, engine.calendar(), &question) {
                Ok(c) => c,
                Err(e) => return fail(&e.problem(), self.json),
            };
        if self.json {
            print_json(&check);
        } else {
            print_check(&check);
        }
        let unknown = check.findings.iter().any(|f| f.status == Status::Unknown);
        ExitCode::from(if check.acceptable {
            output::OK
        } else if unknown {
            output::REVIEW
        } else {
            output::NO
        })
    }
}

fn print_check(c: &PunchCheck) {
    let verdict = if c.acceptable {
        "可以打卡 acceptable now"
    } else {
        "现在打卡不计 not acceptable now"
    };
    outln!("{verdict}  ({} {} at {})", c.trainee, c.kind.en(), c.at);
    if let Some(s) = &c.session {
        outln!(
            "  第{}节 session {} {} {}–{}: window {} – {}",
            s.number,
            s.number,
            s.date,
            s.start,
            s.end,
            s.window_from,
            s.window_until
        );
    }
    if let Some(t) = &c.opens_at {
        outln!("  窗口开启 opens at: {t}");
    }
    if let Some(t) = &c.closed_at {
        outln!("  已于 closed at: {t}");
    }
    if let Some(n) = &c.next_session {
        outln!(
            "  下一节 next session: {} #{} {}–{}",
            n.date,
            n.number,
            n.start,
            n.end
        );
    }
    for f in &c.findings {
        outln!("  {} {}", mark(f.status), f.rule_id);
        outln!("       {}", f.message_zh);
        outln!("       {}", f.message_en);
    }
    for a in &c.assumptions {
        outln!("  假设 assumption: {a}");
    }
}
