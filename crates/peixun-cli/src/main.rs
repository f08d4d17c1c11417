//! The `peixun` command-line tool: calendar, identity numbers, policies and
//! eligibility from a terminal, for clerks and for scripts (`--json`).
#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
