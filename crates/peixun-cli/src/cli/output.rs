//! Printing results and errors, and the exit codes every command shares.

use peixun::error::CliCode;
use std::process::ExitCode;

use peixun::error::Problem;

/// Exit code: the answer is yes (valid, eligible, accepted).
pub const OK: u8 = 0;
/// Exit code: the answer is no (invalid, ineligible, rejected).
pub const NO: u8 = 1;
/// Exit code: a person must look (needs review).
pub const REVIEW: u8 = 2;
/// Exit code: the input could not be read (bad file, bad JSON, unknown year).
pub const BAD_INPUT: u8 = 3;

/// The exit code of an assessment (attendance, a plan): pass, fail, review.
pub fn assessment_code(a: peixun::report::Assessment) -> ExitCode {
    use peixun::report::Assessment;
    ExitCode::from(match a {
        Assessment::Pass => OK,
        Assessment::Fail => NO,
        Assessment::NeedsReview => REVIEW,
    })
}

/// Writes command output to stdout. When the reader has gone (a closed pipe,
/// e.g. `peixun calendar month 2024-01 | head -3`), the program ends at once
/// with exit code 0: what was asked for has been read. Any other write error
/// is reported on stderr with exit code 3.
pub fn write_stdout(args: std::fmt::Arguments<'_>, newline: bool) {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let written = lock.write_fmt(args).and_then(|()| {
        if newline {
            lock.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("错误 error [output.write] {e}");
        std::process::exit(i32::from(BAD_INPUT));
    }
}

/// Prints a value as pretty JSON with sorted keys.
pub fn print_json<T: serde::Serialize>(value: &T) {
    let canonical = peixun::canonical::to_string(value);
    let v: serde_json::Value = serde_json::from_str(&canonical).unwrap_or(serde_json::Value::Null);
    outln!("{}", serde_json::to_string_pretty(&v).unwrap_or(canonical));
}

/// Prints a problem (as JSON when asked, else as text) to stderr and returns the
/// bad-input exit code.
pub fn fail(problem: &Problem, json: bool) -> ExitCode {
    if json {
        eprintln!(
            "{}",
            peixun::canonical::to_string(&serde_json::json!({ "error": problem }))
        );
    } else {
        eprintln!("错误 error [{}] {}", problem.code, problem.path);
        eprintln!("  {}", problem.message_zh);
        eprintln!("  {}", problem.message_en);
        // A policy file with several problems: every one, with its code and path.
        for d in problem.details.iter().skip(1) {
            eprintln!("  [{}] {}", d.code, d.path);
            eprintln!("    {}", d.message_zh);
            eprintln!("    {}", d.message_en);
        }
    }
    ExitCode::from(BAD_INPUT)
}

/// Reads a file named on the command line, or standard input for `-`.
pub fn read_input(path: &str) -> Result<String, Problem> {
    let result = if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    };
    result.map_err(|e| {
        Problem::new(
            CliCode::ReadFailed,
            "$",
            format!("无法读取文件 {path}：{e}"),
            format!("cannot read {path}: {e}"),
        )
    })
}
