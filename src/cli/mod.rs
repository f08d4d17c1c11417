//! Command-line parsing and dispatch. Each command family lives in its own file.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `print!` for command output: a closed pipe (`peixun … | head`) ends the
/// program quietly instead of panicking, as command-line tools do.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::write_stdout(format_args!($($arg)*), false)
    };
}

/// `println!` for command output, quiet on a closed pipe (see `out!`).
macro_rules! outln {
    () => {
        $crate::cli::output::write_stdout(format_args!(""), true)
    };
    ($($arg:tt)*) => {
        $crate::cli::output::write_stdout(format_args!($($arg)*), true)
    };
}

mod attendance_cmd;
mod calendar_cmd;
mod claim_cmd;
mod eligibility_cmd;
mod id_cmd;
mod output;
mod plan_cmd;
mod policy_cmd;
#[cfg(feature = "server")]
mod serve_cmd;
mod verify_cmd;
mod voucher_cmd;

/// peixun: vocational-training subsidy rules as code.
#[derive(Debug, Parser)]
#[command(name = "peixun", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Working days: weekends, statutory holidays, make-up working days.
    Calendar(calendar_cmd::CalendarCmd),
    /// Resident ID numbers (GB 11643-1999): check, mask, upgrade the 15-digit form.
    Id {
        #[command(subcommand)]
        command: id_cmd::IdCommand,
    },
    /// Unified social credit codes (GB 32100-2015): check, mask.
    Uscc {
        #[command(subcommand)]
        command: id_cmd::UsccCommand,
    },
    /// Check an applicant (JSON) against a programme's eligibility rules.
    Eligibility(eligibility_cmd::EligibilityCmd),
    /// Policies: list the programmes, show one, lint a policy file.
    Policy(policy_cmd::PolicyCmd),
    /// Check a class's attendance (JSON) against a programme.
    Attendance(attendance_cmd::AttendanceCmd),
    /// Is a sign-in or sign-out acceptable now? When does the window open?
    PunchCheck(attendance_cmd::PunchCheckCmd),
    /// Generate the authority's voucher signing key (and a holder key).
    Keygen(voucher_cmd::KeygenCmd),
    /// Electronic training vouchers: issue, verify, replay a lifecycle log.
    Voucher {
        #[command(subcommand)]
        command: voucher_cmd::VoucherCommand,
    },
    /// Subsidy claims: recompute every line, compare, decide (exit 0/1/2/3).
    Claim(claim_cmd::ClaimCmd),
    /// Class deadlines on the working-day calendar ("file by 2023-03-24").
    Deadlines(claim_cmd::DeadlinesCmd),
    /// A year's plan, county by county: each local brand, county-owned enterprises' share.
    Plan(plan_cmd::PlanCmd),
    /// The publicity list of a claim (masked ID numbers), as text, JSON or CSV.
    Publicity(claim_cmd::PublicityCmd),
    /// Batch-verify claim files offline, with a summary table.
    Verify(verify_cmd::VerifyCmd),
    /// Run the authority's verifier: the HTTP API and the ledger.
    #[cfg(feature = "server")]
    Serve(serve_cmd::ServeCmd),
}

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // A usage error is bad input; clap's own exit code 2 would read as
            // "needs review". Help and version are not errors.
            let code = if err.use_stderr() {
                output::BAD_INPUT
            } else {
                output::OK
            };
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Calendar(cmd) => calendar_cmd::run(cmd),
        Command::Id { command } => id_cmd::run_id(command),
        Command::Uscc { command } => id_cmd::run_uscc(command),
        Command::Eligibility(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::Policy(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::Attendance(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::PunchCheck(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::Keygen(cmd) => voucher_cmd::run_keygen(cmd),
        Command::Voucher { command } => with_engine(|engine| voucher_cmd::run(command, engine)),
        Command::Claim(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::Deadlines(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::Plan(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::Publicity(cmd) => with_engine(|engine| cmd.run(engine)),
        Command::Verify(cmd) => with_engine(|engine| cmd.run(engine)),
        #[cfg(feature = "server")]
        Command::Serve(cmd) => cmd.run(),
    }
}

/// Builds the engine (calendar and shipped policies) and runs a command with it.
fn with_engine(f: impl FnOnce(&mut peixun::engine::Engine) -> ExitCode) -> ExitCode {
    match peixun::engine::Engine::new() {
        Ok(mut engine) => f(&mut engine),
        Err(e) => output::fail(&peixun::error::Explain::problem(&e), false),
    }
}
