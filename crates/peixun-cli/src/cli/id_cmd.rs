//! `peixun id …` (resident ID numbers) and `peixun uscc …` (unified social credit codes).
//!
//! Exit codes: 0 when the number is valid, 1 when it is not (or, with `--file`,
//! when any line is not), 3 when the file cannot be read.

use std::process::ExitCode;

use clap::Subcommand;
use peixun::error::Explain;
use peixun::identity::{
    check_credit_code, check_resident_id, upgrade_15, CreditCode, IdError, MaskRule, ResidentId,
    Sex,
};
use serde_json::{json, Value};

use super::output::{fail, print_json, read_input, NO, OK};

/// Resident ID numbers (GB 11643-1999).
#[derive(Debug, Subcommand)]
pub enum IdCommand {
    /// Check a resident ID number (18 characters, or 15 in the old form) and show
    /// its birth date, sex and province.
    Check {
        /// The number (surrounding spaces are ignored, x is read as X).
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        number: Option<String>,
        /// Check every non-empty line of a file instead ("-" for standard input).
        #[arg(long, value_name = "PATH")]
        file: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a number, then print it masked for a public list.
    Mask {
        /// The number; an invalid number is reported, not masked.
        number: String,
        /// Characters left visible at the start.
        #[arg(long, default_value_t = 6)]
        head: usize,
        /// Characters left visible at the end.
        #[arg(long, default_value_t = 4)]
        tail: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Convert a 15-digit number (GB 11643-1989) to the 18-character form.
    Upgrade {
        /// The 15-digit number.
        number: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Unified social credit codes (GB 32100-2015).
#[derive(Debug, Subcommand)]
pub enum UsccCommand {
    /// Check a unified social credit code and show what it says.
    Check {
        /// The code (surrounding spaces are ignored, lower case is read as upper case).
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        code: Option<String>,
        /// Check every non-empty line of a file instead ("-" for standard input).
        #[arg(long, value_name = "PATH")]
        file: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a code, then print it masked for a public list.
    Mask {
        /// The code; an invalid code is reported, not masked.
        code: String,
        /// Characters left visible at the start.
        #[arg(long, default_value_t = 6)]
        head: usize,
        /// Characters left visible at the end.
        #[arg(long, default_value_t = 4)]
        tail: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `peixun id …`.
pub fn run_id(command: IdCommand) -> ExitCode {
    match command {
        IdCommand::Check {
            file: Some(path),
            json,
            ..
        } => check_file(&path, json, |s| {
            check_resident_id(s).map(|id| id.to_string())
        }),
        IdCommand::Check { number, json, .. } => {
            let number = number.unwrap_or_default();
            answer(
                check_resident_id(&number),
                json,
                |id| print_json(&json!({ "valid": true, "resident_id": id })),
                print_resident_id,
            )
        }
        IdCommand::Mask {
            number,
            head,
            tail,
            json,
        } => {
            let rule = MaskRule::new(head, tail);
            let masked = check_resident_id(&number).map(|id| rule.mask(id.number()));
            answer(masked, json, print_masked, |m| outln!("{m}"))
        }
        IdCommand::Upgrade { number, json } => answer(
            upgrade_15(&number),
            json,
            |n| print_json(&json!({ "valid": true, "number": n })),
            |n| outln!("{n}"),
        ),
    }
}

/// Runs `peixun uscc …`.
pub fn run_uscc(command: UsccCommand) -> ExitCode {
    match command {
        UsccCommand::Check {
            file: Some(path),
            json,
            ..
        } => check_file(&path, json, |s| check_credit_code(s).map(|c| c.to_string())),
        UsccCommand::Check { code, json, .. } => {
            let code = code.unwrap_or_default();
            answer(
                check_credit_code(&code),
                json,
                |c| print_json(&json!({ "valid": true, "credit_code": c })),
                print_credit_code,
            )
        }
        UsccCommand::Mask {
            code,
            head,
            tail,
            json,
        } => {
            let rule = MaskRule::new(head, tail);
            let masked = check_credit_code(&code).map(|c| rule.mask(c.code()));
            answer(masked, json, print_masked, |m| outln!("{m}"))
        }
    }
}

/// Prints a valid result (as JSON or as text) or the error, and gives the exit code.
fn answer<T>(
    result: Result<T, IdError>,
    json: bool,
    as_json: impl FnOnce(&T),
    as_text: impl FnOnce(&T),
) -> ExitCode {
    match result {
        Ok(value) => {
            if json {
                as_json(&value);
            } else {
                as_text(&value);
            }
            ExitCode::from(OK)
        }
        Err(err) => {
            if json {
                print_json(&json!({ "valid": false, "error": err.problem() }));
            } else {
                outln!("无效 invalid [{}]", err.code());
                outln!("  {}", err.message_zh());
                outln!("  {}", err.message_en());
            }
            ExitCode::from(NO)
        }
    }
}

fn print_masked(masked: &String) {
    print_json(&json!({ "valid": true, "masked": masked }));
}

fn print_resident_id(id: &ResidentId) {
    let sex = match id.sex() {
        Sex::Male => "男 male",
        Sex::Female => "女 female",
    };
    outln!("有效 valid");
    outln!("  号码 number: {}", id.number());
    outln!(
        "  证件 document: {} / {}",
        id.kind().name_zh(),
        id.kind().name_en()
    );
    outln!("  出生日期 birth date: {}", id.birth_date());
    outln!("  性别 sex: {sex}");
    outln!(
        "  省份 province: {} {}",
        id.province_code(),
        id.province_name().unwrap_or("(未知 unknown)")
    );
    if id.upgraded_from_15() {
        outln!("  由15位旧号码转换 converted from the 15-digit form");
    }
}

fn print_credit_code(code: &CreditCode) {
    let unknown = "(未知 unknown)";
    outln!("有效 valid");
    outln!("  代码 code: {}", code.code());
    outln!(
        "  登记管理部门 registration authority: {} {}",
        code.registration_authority(),
        code.registration_authority_name().unwrap_or(unknown)
    );
    outln!(
        "  机构类别 category: {} {}",
        code.category(),
        code.category_name().unwrap_or(unknown)
    );
    outln!(
        "  行政区划 division: {} ({} {})",
        code.division_code(),
        code.province_code(),
        code.province_name().unwrap_or(unknown)
    );
    let consistent = if code.organisation_code_consistent() {
        "校验一致 check character consistent"
    } else {
        "校验不一致 check character inconsistent"
    };
    outln!(
        "  组织机构代码 organisation code: {} ({consistent})",
        code.organisation_code()
    );
}

/// Checks every non-empty line of a file; `check` gives the normalised number,
/// which valid lines show in full (the 15-digit form converted).
fn check_file(path: &str, json: bool, check: impl Fn(&str) -> Result<String, IdError>) -> ExitCode {
    let text = match read_input(path) {
        Ok(text) => text,
        Err(problem) => return fail(&problem, json),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut results = Vec::new();
    let mut invalid = 0usize;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        match check(line) {
            Ok(number) => {
                if !json {
                    outln!("第{n}行 line {n}: 有效 valid {number}");
                }
                results.push(json!({ "line": n, "valid": true, "number": number }));
            }
            Err(err) => {
                invalid += 1;
                if !json {
                    outln!(
                        "第{n}行 line {n}: 无效 invalid [{}] {} / {}",
                        err.code(),
                        err.message_zh(),
                        err.message_en()
                    );
                }
                results.push(json!({ "line": n, "valid": false, "error": err.problem() }));
            }
        }
    }
    let checked = results.len();
    if json {
        print_json(&json!({
            "checked": checked,
            "invalid": invalid,
            "results": Value::Array(results),
        }));
    } else {
        outln!("共{checked}个，无效{invalid}个 / {checked} checked, {invalid} invalid");
    }
    ExitCode::from(if invalid == 0 { OK } else { NO })
}
