//! Command-line parsing and dispatch. Each command family lives in its own file.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use policy_files::run_with_policies;

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
mod policy_files;
#[cfg(feature = "server")]
mod review_cmd;
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
    /// Policies: list the programmes, show one, lint a policy file, clause coverage.
    Policy(policy_cmd::PolicyCmd),
    /// Check a class's attendance (JSON) against a programme.
    Attendance(attendance_cmd::AttendanceCmd),
    /// Is a sign-in or sign-out acceptable now? When does the window open?
    PunchCheck(attendance_cmd::PunchCheckCmd),
    /// Generate the authority's voucher signing key (and a holder key).
    Keygen(voucher_cmd::KeygenCmd),
    /// Electronic training vouchers: issue, verify, replay a lifecycle log.
    Voucher(voucher_cmd::VoucherCmd),
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
    /// Resolve a claim the verifier recorded as needing review (accepted or rejected, with a reason).
    #[cfg(feature = "server")]
    Review(review_cmd::ReviewCmd),
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
        // Every command that reads a policy takes the deployment's policy
        // files (`--policy-file`), loaded in one place before it runs.
        Command::Eligibility(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::Policy(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::Attendance(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::PunchCheck(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::Keygen(cmd) => voucher_cmd::run_keygen(cmd),
        Command::Voucher(cmd) => run_with_policies(cmd, |c, e| voucher_cmd::run(c, e)),
        Command::Claim(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::Deadlines(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::Plan(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::Publicity(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        Command::Verify(cmd) => run_with_policies(cmd, |c, e| c.run(e)),
        #[cfg(feature = "server")]
        Command::Serve(cmd) => cmd.run(),
        #[cfg(feature = "server")]
        Command::Review(cmd) => cmd.run(),
    }
}

#[cfg(test)]
mod tests {
    /// Every command's arguments are well formed (clap checks names, flags and
    /// the `--policy-file` each policy-reading command flattens in).
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
