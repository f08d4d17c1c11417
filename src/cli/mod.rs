//! Command-line parsing and dispatch. Each command family lives in its own file.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod output;

/// peixun: vocational-training subsidy rules as code.
#[derive(Debug, Parser)]
#[command(name = "peixun", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {}

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {}
}
