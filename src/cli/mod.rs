//! Command-line parsing and dispatch. Each command family lives in its own file.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod calendar_cmd;
mod output;

/// peixun: vocational-training subsidy rules as code.
#[derive(Debug, Parser)]
#[command(name = "peixun", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Working days: weekends, statutory holidays, make-up working days.
    Calendar(calendar_cmd::CalendarCmd),
}

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Calendar(cmd) => calendar_cmd::run(cmd),
    }
}
