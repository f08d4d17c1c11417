//! The table format: the built-in table `data/calendar/cn-2019-2026.txt` and
//! table-format updates.
//!
//! ```text
//! year 2023
//! source http://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm
//! 元旦            off 2022-12-31..01-02
//! 春节            off 01-21..01-27  work 01-28 01-29
//! ```
//!
//! `year YYYY` starts a notice year; `source TEXT` (one or more) says where it
//! comes from; every other line is one holiday: its name (no spaces), `off` and
//! the rest days, then optionally `work` and the make-up working days. A day is
//! `MM-DD` in the notice year or `YYYY-MM-DD`; `A..B` is a range, both ends
//! included. Lines starting with `#` are comments. The built-in table's header
//! says the same at more length.

use super::notice::{self, Draft, DraftBlock, Item, Notice, Place};
use super::CalendarError;

/// The built-in table, 2019–2026 (`data/calendar/cn-2019-2026.txt`, generated
/// by `scripts/gen_calendar_table.py`), as `build.rs` embeds it: without
/// comments, blank lines and padding (so a line number in an error about it
/// counts the lines of that copy, not of the file).
pub(crate) const BUILTIN_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/calendar.txt"));

fn syntax(line: usize, detail: impl Into<String>) -> CalendarError {
    CalendarError::UpdateTableSyntax {
        detail: detail.into(),
        path: Place::Line(line).text(),
    }
}

/// A day as written in the table, made a full date: `MM-DD` is in `year`.
fn full_day(day: &str, year: i32) -> String {
    if day.len() == 5 && day.as_bytes()[2] == b'-' {
        format!("{year:04}-{day}")
    } else {
        day.to_owned()
    }
}

/// An item as written (`01-21..01-27`), made full (`2023-01-21..2023-01-27`).
fn full_item(item: &str, year: i32) -> String {
    match item.split_once("..") {
        Some((a, b)) => format!("{}..{}", full_day(a, year), full_day(b, year)),
        None => full_day(item, year),
    }
}

fn parse_block(words: &[&str], year: i32, line: usize) -> Result<DraftBlock, CalendarError> {
    let name = words[0];
    if words.get(1) != Some(&"off") {
        return Err(syntax(
            line,
            format!("expected `{name} off DAYS [work DAYS]`, `year YYYY` or `source TEXT`"),
        ));
    }
    let mut off = Vec::new();
    let mut work = Vec::new();
    let mut in_work = false;
    for w in &words[2..] {
        match *w {
            "work" if !in_work => in_work = true,
            "work" | "off" => return Err(syntax(line, format!("`{w}` appears twice"))),
            _ => {
                let item = Item {
                    text: full_item(w, year),
                    at: Place::Line(line),
                };
                if in_work {
                    work.push(item);
                } else {
                    off.push(item);
                }
            }
        }
    }
    Ok(DraftBlock {
        name: name.to_owned(),
        name_at: Place::Line(line),
        off_at: Place::Line(line),
        off,
        work,
    })
}

/// Reads a table: one or more notice years, each checked like an update.
pub(crate) fn parse(text: &str) -> Result<Vec<Notice>, CalendarError> {
    let mut drafts: Vec<Draft> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        match words[0] {
            "year" => {
                let year = match words[..] {
                    [_, y] if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                        y.parse::<i32>().map_err(|_| syntax(line, "bad year"))?
                    }
                    _ => return Err(syntax(line, "expected `year YYYY`")),
                };
                if drafts.iter().any(|d| d.year == year) {
                    return Err(syntax(line, format!("year {year} appears twice")));
                }
                drafts.push(Draft {
                    year,
                    year_at: Place::Line(line),
                    sources: Vec::new(),
                    source_at: Place::Line(line),
                    holidays_at: Place::Line(line),
                    blocks: Vec::new(),
                });
            }
            "source" => {
                let draft = drafts
                    .last_mut()
                    .ok_or_else(|| syntax(line, "`source` before any `year` line"))?;
                let rest = trimmed["source".len()..].trim();
                if rest.is_empty() {
                    return Err(syntax(line, "expected `source TEXT`"));
                }
                draft.sources.push(rest.to_owned());
            }
            _ => {
                let draft = drafts
                    .last_mut()
                    .ok_or_else(|| syntax(line, "a holiday before any `year` line"))?;
                draft.blocks.push(parse_block(&words, draft.year, line)?);
            }
        }
    }
    if drafts.is_empty() {
        return Err(syntax(text.lines().count().max(1), "no `year YYYY` line"));
    }
    drafts.into_iter().map(notice::check).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_reads() {
        let notices = parse(BUILTIN_TABLE).unwrap();
        let years: Vec<i32> = notices.iter().map(|n| n.year).collect();
        assert_eq!(years, (2019..=2026).collect::<Vec<_>>());
    }

    #[test]
    fn the_embedded_table_reads_as_the_file() {
        let file = include_str!("../../data/calendar/cn-2019-2026.txt");
        assert!(BUILTIN_TABLE.lines().all(|l| !l.is_empty()
            && !l.starts_with('#')
            && (l.starts_with("source ") || !l.contains("  "))));
        assert_eq!(parse(BUILTIN_TABLE).unwrap(), parse(file).unwrap());
    }

    #[test]
    fn shorthand_days() {
        assert_eq!(full_item("01-21..01-27", 2023), "2023-01-21..2023-01-27");
        assert_eq!(
            full_item("2022-12-31..01-02", 2023),
            "2022-12-31..2023-01-02"
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = parse("year 2027\nsource x\n元旦 of 01-01\n").unwrap_err();
        assert_eq!(
            err,
            syntax(
                3,
                "expected `元旦 off DAYS [work DAYS]`, `year YYYY` or `source TEXT`"
            )
        );
        assert!(matches!(
            parse("# nothing\n").unwrap_err(),
            CalendarError::UpdateTableSyntax { .. }
        ));
        assert!(matches!(
            parse("year 2027\nsource x\n元旦 off 01-01 work 01-02 work 01-03\n").unwrap_err(),
            CalendarError::UpdateTableSyntax { .. }
        ));
    }
}
