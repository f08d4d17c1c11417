//! One year's arrangement (a State Council notice) and the checks every
//! arrangement passes, whether it comes from the built-in table, a table-format
//! update or a JSON update.

use crate::sorted::SortedMap;

use chrono::{Datelike, NaiveDate, Weekday};

use super::CalendarError;

/// The name of the New-Year block, the only one that may reach back into December.
pub(crate) const NEW_YEAR: &str = "元旦";
/// How many days at the end of December a New-Year block may reach back to.
pub(crate) const REACH_BACK_DAYS: u32 = 7;
/// The longest range one item may span.
pub(crate) const MAX_RANGE_DAYS: i64 = 31;
/// The years an arrangement may be for.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 2000..=2199;

/// A checked arrangement for one notice year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notice {
    pub year: i32,
    pub sources: Vec<String>,
    pub blocks: Vec<Block>,
}

/// One holiday of a notice: its rest days and its make-up working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub name: String,
    pub off: Vec<NaiveDate>,
    pub work: Vec<NaiveDate>,
}

/// Where a part of an arrangement was written: a line of a table or a JSON
/// path. The text is written out only for an error.
#[derive(Debug, Clone)]
pub(crate) enum Place {
    /// A line of a table, from 1.
    Line(usize),
    /// A JSON path, e.g. `$.holidays[0].off[1]`.
    Path(String),
}

impl Place {
    /// `line N` or the path.
    pub fn text(&self) -> String {
        match self {
            Place::Line(n) => format!("line {n}"),
            Place::Path(p) => p.clone(),
        }
    }
}

/// An arrangement as read, before the checks; every part knows where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub year: i32,
    pub year_at: Place,
    pub sources: Vec<String>,
    pub source_at: Place,
    pub holidays_at: Place,
    pub blocks: Vec<DraftBlock>,
}

#[derive(Debug, Clone)]
pub(crate) struct DraftBlock {
    pub name: String,
    pub name_at: Place,
    pub off_at: Place,
    pub off: Vec<Item>,
    pub work: Vec<Item>,
}

/// A date (`YYYY-MM-DD`) or an inclusive range (`YYYY-MM-DD..YYYY-MM-DD`).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub text: String,
    pub at: Place,
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The dates of one item, checked for shape, existence, order and length.
fn expand(item: &Item) -> Result<Vec<NaiveDate>, CalendarError> {
    let parse = |s: &str| {
        crate::input::date::parse(s.trim()).map_err(|_| CalendarError::UpdateBadDate {
            text: item.text.clone(),
            path: item.at.text(),
        })
    };
    let (first, last) = match item.text.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => {
            let d = parse(&item.text)?;
            (d, d)
        }
    };
    if last < first {
        return Err(CalendarError::UpdateBadRange {
            text: item.text.clone(),
            path: item.at.text(),
        });
    }
    let days = (last - first).num_days() + 1;
    if days > MAX_RANGE_DAYS {
        return Err(CalendarError::UpdateRangeTooLong {
            text: item.text.clone(),
            days: u32::try_from(days).unwrap_or(u32::MAX),
            path: item.at.text(),
        });
    }
    Ok(first.iter_days().take(days as usize).collect())
}

/// Whether `date` may appear in the `year` arrangement, in a block called `name`.
fn within(date: NaiveDate, year: i32, name: &str) -> bool {
    date.year() == year
        || (name == NEW_YEAR
            && date.year() == year - 1
            && date.month() == 12
            && date.day() > 31 - REACH_BACK_DAYS)
}

/// Checks a draft and turns it into a notice.
pub(crate) fn check(draft: Draft) -> Result<Notice, CalendarError> {
    let year = draft.year;
    if !YEARS.contains(&year) {
        return Err(CalendarError::UpdateBadYear {
            year,
            path: draft.year_at.text(),
        });
    }
    let sources: Vec<String> = draft
        .sources
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if sources.is_empty() {
        return Err(CalendarError::UpdateNoSource {
            path: draft.source_at.text(),
        });
    }
    if draft.blocks.is_empty() {
        return Err(CalendarError::UpdateNoHolidays {
            path: draft.holidays_at.text(),
        });
    }
    // Every date seen so far: true for a rest day, false for a working day.
    let mut seen: SortedMap<NaiveDate, bool> = SortedMap::new();
    let mut blocks = Vec::with_capacity(draft.blocks.len());
    for b in draft.blocks {
        let name = b.name.trim().to_owned();
        if name.is_empty() {
            return Err(CalendarError::UpdateEmptyName {
                path: b.name_at.text(),
            });
        }
        if b.off.is_empty() {
            return Err(CalendarError::UpdateNoOffDays {
                name,
                path: b.off_at.text(),
            });
        }
        let mut block = Block {
            name,
            off: Vec::new(),
            work: Vec::new(),
        };
        for (items, rest) in [(&b.off, true), (&b.work, false)] {
            for item in items {
                for date in expand(item)? {
                    if !within(date, year, &block.name) {
                        return Err(CalendarError::UpdateOutsideYear {
                            date,
                            year,
                            path: item.at.text(),
                        });
                    }
                    let path = || item.at.text();
                    match seen.get(&date) {
                        Some(&was) if was != rest => {
                            return Err(CalendarError::UpdateConflict { date, path: path() })
                        }
                        Some(_) => {
                            return Err(CalendarError::UpdateDuplicateDate { date, path: path() })
                        }
                        None => {}
                    }
                    if !rest && !is_weekend(date) {
                        return Err(CalendarError::UpdateMakeupNotWeekend { date, path: path() });
                    }
                    seen.insert(date, rest);
                    if rest {
                        block.off.push(date);
                    } else {
                        block.work.push(date);
                    }
                }
            }
        }
        crate::sort::ascending(&mut block.off);
        crate::sort::ascending(&mut block.work);
        blocks.push(block);
    }
    Ok(Notice {
        year,
        sources,
        blocks,
    })
}
