//! `peixun calendar …`: China's working days from a terminal.

use peixun::error::InputCode;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use peixun::calendar::{Calendar, DayInfo, DayKind, UnknownYears, UpdateSummary};
use peixun::error::{Explain, Problem};
use serde_json::{json, Map, Value};

use super::output;

const AFTER_HELP: &str = "\
Dates are YYYY-MM-DD. The built-in calendar knows 2019-2026 (State Council notices).
A year it does not know is an error (calendar.year_unknown) unless --update loads that
year's notice, or --assume-weekends takes it as weekends only; answers that rely on
the assumption say so (a line starting `assumption:`, or `assumptions` in --json).

Text output: `add`, `next`, `prev` print the date, `between` prints the count;
`workdays` prints the count, then one date per line; `is-workday` prints one line.
--json prints an object with the details instead.

Exit codes:
  0  answered (for is-workday: the day is a working day)
  1  is-workday only: the day is not a working day
  3  bad input: a bad date or number, an unknown year, a refused update;
     the error code is printed on stderr (as JSON with --json)

Update files (--update FILE, `-` for standard input) are a notice as JSON:
  {\"year\": 2027, \"source\": \"国办发明电〔2026〕N号\", \"holidays\": [
    {\"name\": \"春节\", \"off\": [\"2027-02-06..2027-02-13\"], \"workdays\": [\"2027-02-14\"]}]}
or the built-in table format (data/calendar/cn-2019-2026.txt).";

/// Working days: China's weekends, statutory holidays and make-up working days.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct CalendarCmd {
    /// Load a calendar update first: next year's notice as JSON, or table text
    /// (repeatable; `-` reads standard input).
    #[arg(long, value_name = "FILE", global = true)]
    update: Vec<String>,
    /// Take years the calendar does not know as weekends only (no holidays);
    /// every answer that relies on it is flagged.
    #[arg(long, global = true)]
    assume_weekends: bool,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// The working days of a month: how many, and which.
    Workdays {
        /// The month, YYYY-MM.
        month: String,
    },
    /// The date N working days after DATE (before it when N is negative);
    /// DATE itself is not counted. N = 0 gives DATE if it is a working day.
    Add {
        /// The starting date.
        date: String,
        /// How many working days (at most 3660 either way).
        #[arg(allow_negative_numbers = true)]
        n: String,
    },
    /// Whether DATE is a working day, with its kind and holiday
    /// (exit 0: working day, 1: not).
    IsWorkday {
        /// The date.
        date: String,
    },
    /// The number of working days from FROM to TO, both included.
    Between {
        /// The first day counted.
        from: String,
        /// The last day counted (not before FROM).
        to: String,
    },
    /// The first working day strictly after DATE.
    Next {
        /// The date.
        date: String,
    },
    /// The last working day strictly before DATE.
    Prev {
        /// The date.
        date: String,
    },
}

/// Runs a calendar command.
pub fn run(cmd: CalendarCmd) -> ExitCode {
    match execute(&cmd) {
        Ok(code) => code,
        Err(problem) => output::fail(&problem, cmd.json),
    }
}

fn date_arg(text: &str) -> Result<NaiveDate, Problem> {
    peixun::input::date::parse(text).map_err(|detail| {
        Problem::new(
            InputCode::InvalidDate,
            "$",
            format!("日期不存在或格式错误（应为 YYYY-MM-DD）：{text}"),
            detail,
        )
    })
}

fn month_arg(text: &str) -> Result<(i32, u32), Problem> {
    let bad = || {
        Problem::new(
            InputCode::InvalidDate,
            "$",
            format!("月份格式错误（应为 YYYY-MM）：{text}"),
            format!("`{text}` is not a month of the form YYYY-MM"),
        )
    };
    let b = text.as_bytes();
    let shape = b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit());
    if !shape {
        return Err(bad());
    }
    let year = text[..4].parse().map_err(|_| bad())?;
    let month = text[5..].parse().map_err(|_| bad())?;
    Ok((year, month))
}

fn count_arg(text: &str) -> Result<i32, Problem> {
    text.trim().parse().map_err(|_| {
        Problem::new(
            InputCode::InvalidValue,
            "$",
            format!("工作日数必须是整数：{text}"),
            format!("`{text}` is not a whole number of working days"),
        )
    })
}

fn weekday(date: NaiveDate) -> String {
    date.format("%a").to_string()
}

/// The calendar the options ask for, with the updates it loaded.
fn calendar(cmd: &CalendarCmd) -> Result<(Calendar, Vec<UpdateSummary>), Problem> {
    let policy = if cmd.assume_weekends {
        UnknownYears::AssumeWeekendsOnly
    } else {
        UnknownYears::Refuse
    };
    let mut cal = Calendar::builtin().with_unknown_years(policy);
    let mut summaries = Vec::new();
    for file in &cmd.update {
        let text = output::read_input(file)?;
        let label = if file == "-" { "stdin" } else { file.as_str() };
        let summary = cal.apply_update(&text).map_err(|e| {
            let p = e.problem().into_parts();
            Problem::new(
                p.code,
                p.path,
                format!("{label}：{}", p.message_zh),
                format!("{label}: {}", p.message_en),
            )
        })?;
        if !cmd.json {
            eprintln!("{}", summary.message_zh());
            eprintln!("{}", summary.message_en());
        }
        summaries.push(summary);
    }
    Ok((cal, summaries))
}

/// One line describing a day, for text output.
fn describe(info: &DayInfo) -> String {
    let (en, zh) = if info.is_workday() {
        ("yes", "是")
    } else {
        ("no", "否")
    };
    let holiday = info
        .holiday
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!(
        "{} {}: {en}, {}{holiday} / {zh}，{}",
        info.date,
        weekday(info.date),
        info.kind.label_en(),
        info.kind.label_zh()
    )
}

fn execute(cmd: &CalendarCmd) -> Result<ExitCode, Problem> {
    let (cal, updates) = calendar(cmd)?;
    let p = |e: peixun::calendar::CalendarError| e.problem();
    let mut out = Map::new();
    let mut text: Vec<String> = Vec::new();
    let mut exit = output::OK;
    // The days the answer rests on, for the assumption check.
    let (from, to) = match &cmd.action {
        Action::Workdays { month } => {
            let (year, m) = month_arg(month)?;
            let dates = cal.workdays_in_month(year, m).map_err(p)?;
            let first = NaiveDate::from_ymd_opt(year, m, 1).unwrap_or_default();
            text.push(format!(
                "{month}: {n} working days / {n} 个工作日",
                n = dates.len()
            ));
            for &d in &dates {
                let info = cal.day(d).map_err(p)?;
                let mut line = format!("{d} {}", weekday(d));
                if info.kind == DayKind::MakeupWorkday {
                    let name = info.holiday.as_deref().unwrap_or_default();
                    line.push_str(&format!("  make-up working day ({name}) / 调休上班"));
                }
                text.push(line);
            }
            out.insert("month".into(), json!(month));
            out.insert("count".into(), json!(dates.len()));
            out.insert("dates".into(), json!(dates));
            (first, first)
        }
        Action::Add { date, n } => {
            let date = date_arg(date)?;
            let n = count_arg(n)?;
            let result = cal.add_workdays(date, n).map_err(p)?;
            text.push(result.to_string());
            out.insert("date".into(), json!(date));
            out.insert("n".into(), json!(n));
            out.insert("result".into(), json!(result));
            (date.min(result), date.max(result))
        }
        Action::IsWorkday { date } => {
            let date = date_arg(date)?;
            let info = cal.day(date).map_err(p)?;
            text.push(describe(&info));
            if !info.is_workday() {
                exit = output::NO;
            }
            out.insert("date".into(), json!(date));
            out.insert("weekday".into(), json!(weekday(date)));
            out.insert("workday".into(), json!(info.is_workday()));
            out.insert("kind".into(), json!(info.kind));
            out.insert("holiday".into(), json!(info.holiday));
            out.insert("assumed".into(), json!(info.assumed));
            (date, date)
        }
        Action::Between { from, to } => {
            let (from, to) = (date_arg(from)?, date_arg(to)?);
            let count = cal.count_workdays(from, to).map_err(p)?;
            text.push(count.to_string());
            out.insert("from".into(), json!(from));
            out.insert("to".into(), json!(to));
            out.insert("count".into(), json!(count));
            out.insert("inclusive".into(), json!(true));
            (from, to)
        }
        Action::Next { date } | Action::Prev { date } => {
            let date = date_arg(date)?;
            let result = if matches!(cmd.action, Action::Next { .. }) {
                cal.next_workday(date)
            } else {
                cal.previous_workday(date)
            }
            .map_err(p)?;
            text.push(result.to_string());
            out.insert("date".into(), json!(date));
            out.insert("result".into(), json!(result));
            (date.min(result), date.max(result))
        }
    };
    let assumption = cal.assumption_for(from, to);
    if let Some(a) = &assumption {
        text.push(format!(
            "assumption: {a} (no holiday arrangement loaded: weekends only, no holidays / 未加载放假安排，按仅周末休息推定)"
        ));
    }
    out.insert(
        "assumptions".into(),
        json!(assumption.into_iter().collect::<Vec<_>>()),
    );
    if cmd.json {
        if !updates.is_empty() {
            let years: Vec<_> = updates.iter().flat_map(|u| &u.years).collect();
            out.insert("updates".into(), json!(years));
        }
        output::print_json(&Value::Object(out));
    } else {
        for line in text {
            outln!("{line}");
        }
    }
    Ok(ExitCode::from(exit))
}
