//! Run-time updates: next year's State Council notice, loaded without a release.
//!
//! The format is documented on the `calendar` module (see `mod.rs`).

use crate::error::InputCode;
use serde::{Deserialize, Serialize};

use super::notice::{self, Draft, DraftBlock, Item, Notice, Place};
use super::CalendarError;

/// The largest update the calendar reads: 256 KiB (`input.too_large` beyond).
///
/// ```
/// let mut cal = peixun::calendar::Calendar::builtin();
/// let huge = " ".repeat(peixun::calendar::MAX_UPDATE_BYTES + 1);
/// assert_eq!(peixun::error::Explain::code(&cal.apply_update(&huge).unwrap_err()), "input.too_large");
/// ```
pub const MAX_UPDATE_BYTES: usize = 256 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateDoc {
    year: i32,
    source: String,
    holidays: Vec<HolidayDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayDoc {
    name: String,
    off: Vec<String>,
    #[serde(default)]
    workdays: Vec<String>,
}

/// Reads an update, JSON or table, into checked notices.
pub(crate) fn parse(text: &str) -> Result<Vec<Notice>, CalendarError> {
    if text.len() > MAX_UPDATE_BYTES {
        return Err(crate::input::InputError::new(
            InputCode::TooLarge,
            "$",
            format!("{} bytes, limit {MAX_UPDATE_BYTES}", text.len()),
        )
        .into());
    }
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        Ok(vec![parse_json(body)?])
    } else {
        super::table::parse(text)
    }
}

fn parse_json(text: &str) -> Result<Notice, CalendarError> {
    let doc: UpdateDoc = crate::input::from_json(text, MAX_UPDATE_BYTES)?;
    let items = |list: Vec<String>, at: &str| -> Vec<Item> {
        list.into_iter()
            .enumerate()
            .map(|(j, text)| Item {
                text,
                at: Place::Path(format!("{at}[{j}]")),
            })
            .collect()
    };
    let blocks = doc
        .holidays
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let at = format!("$.holidays[{i}]");
            DraftBlock {
                name: h.name,
                name_at: Place::Path(format!("{at}.name")),
                off_at: Place::Path(format!("{at}.off")),
                off: items(h.off, &format!("{at}.off")),
                work: items(h.workdays, &format!("{at}.workdays")),
            }
        })
        .collect();
    notice::check(Draft {
        year: doc.year,
        year_at: Place::Path("$.year".to_owned()),
        sources: vec![doc.source],
        source_at: Place::Path("$.source".to_owned()),
        holidays_at: Place::Path("$.holidays".to_owned()),
        blocks,
    })
}

/// What an update did.
///
/// ```
/// let mut cal = peixun::calendar::Calendar::builtin();
/// let summary = cal.apply_update(r#"{"year": 2027, "source": "test notice",
///     "holidays": [{"name": "元旦", "off": ["2027-01-01"]}]}"#).unwrap();
/// assert_eq!(summary.years[0].year, 2027);
/// assert!(!summary.years[0].replaced);
/// assert!(summary.message_en().contains("2027"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateSummary {
    /// One entry per year loaded, in year order.
    pub years: Vec<YearUpdate>,
}

/// What an update did to one year.
///
/// ```
/// let mut cal = peixun::calendar::Calendar::builtin();
/// let summary = cal.apply_update(r#"{"year": 2026, "source": "corrected",
///     "holidays": [{"name": "元旦", "off": ["2026-01-01"]}]}"#).unwrap();
/// let year = &summary.years[0];
/// assert!(year.replaced);
/// assert_eq!(year.replaced_sources.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearUpdate {
    /// The notice year.
    pub year: i32,
    /// Where the arrangement comes from.
    pub sources: Vec<String>,
    /// The holidays, in the order given.
    pub holidays: Vec<String>,
    /// How many rest days the notice declares (weekend days inside holidays included).
    pub off_days: u32,
    /// How many make-up working days it declares.
    pub makeup_workdays: u32,
    /// Working days in the calendar year once the update is applied.
    pub working_days: u32,
    /// True when the year was already known and this update replaced it.
    pub replaced: bool,
    /// The sources of the arrangement that was replaced (empty if none).
    pub replaced_sources: Vec<String>,
}

impl YearUpdate {
    pub(crate) fn new(notice: &Notice, working_days: u32, replaced: Option<&Notice>) -> Self {
        YearUpdate {
            year: notice.year,
            sources: notice.sources.clone(),
            holidays: notice.blocks.iter().map(|b| b.name.clone()).collect(),
            off_days: notice.blocks.iter().map(|b| b.off.len() as u32).sum(),
            makeup_workdays: notice.blocks.iter().map(|b| b.work.len() as u32).sum(),
            working_days,
            replaced: replaced.is_some(),
            replaced_sources: replaced.map(|n| n.sources.clone()).unwrap_or_default(),
        }
    }

    /// One line in Simplified Chinese.
    ///
    /// ```
    /// let mut cal = peixun::calendar::Calendar::builtin();
    /// let s = cal.apply_update(r#"{"year": 2027, "source": "通知",
    ///     "holidays": [{"name": "元旦", "off": ["2027-01-01"]}]}"#).unwrap();
    /// assert!(s.years[0].message_zh().starts_with("已加载 2027 年放假安排"));
    /// ```
    pub fn message_zh(&self) -> String {
        let mut s = format!(
            "已加载 {} 年放假安排（来源：{}）：{} 个节日，放假 {} 天，调休上班 {} 天，全年工作日 {} 天",
            self.year,
            self.sources.join("；"),
            self.holidays.len(),
            self.off_days,
            self.makeup_workdays,
            self.working_days
        );
        if self.replaced {
            s.push_str(&format!(
                "；替换了原有的 {} 年安排（原来源：{}）",
                self.year,
                self.replaced_sources.join("；")
            ));
        }
        s
    }

    /// One line in English.
    ///
    /// ```
    /// let mut cal = peixun::calendar::Calendar::builtin();
    /// let s = cal.apply_update(r#"{"year": 2026, "source": "corrected",
    ///     "holidays": [{"name": "元旦", "off": ["2026-01-01"]}]}"#).unwrap();
    /// assert!(s.years[0].message_en().contains("replaced the arrangement already loaded for 2026"));
    /// ```
    pub fn message_en(&self) -> String {
        let mut s = format!(
            "loaded the {} arrangement (source: {}): {} holidays, {} rest days, {} make-up working days, {} working days in the year",
            self.year,
            self.sources.join("; "),
            self.holidays.len(),
            self.off_days,
            self.makeup_workdays,
            self.working_days
        );
        if self.replaced {
            s.push_str(&format!(
                "; replaced the arrangement already loaded for {} (source: {})",
                self.year,
                self.replaced_sources.join("; ")
            ));
        }
        s
    }
}

impl UpdateSummary {
    /// The summary in Simplified Chinese, one line per year.
    ///
    /// ```
    /// let mut cal = peixun::calendar::Calendar::builtin();
    /// let s = cal.apply_update(r#"{"year": 2027, "source": "通知",
    ///     "holidays": [{"name": "元旦", "off": ["2027-01-01"]}]}"#).unwrap();
    /// assert!(s.message_zh().contains("2027"));
    /// ```
    pub fn message_zh(&self) -> String {
        let lines: Vec<String> = self.years.iter().map(YearUpdate::message_zh).collect();
        lines.join("\n")
    }

    /// The summary in English, one line per year.
    ///
    /// ```
    /// let mut cal = peixun::calendar::Calendar::builtin();
    /// let s = cal.apply_update(r#"{"year": 2027, "source": "notice",
    ///     "holidays": [{"name": "元旦", "off": ["2027-01-01"]}]}"#).unwrap();
    /// assert!(s.message_en().starts_with("loaded the 2027 arrangement"));
    /// ```
    pub fn message_en(&self) -> String {
        let lines: Vec<String> = self.years.iter().map(YearUpdate::message_en).collect();
        lines.join("\n")
    }

    /// Whether any year already known was replaced.
    ///
    /// ```
    /// let mut cal = peixun::calendar::Calendar::builtin();
    /// let s = cal.apply_update(r#"{"year": 2027, "source": "notice",
    ///     "holidays": [{"name": "元旦", "off": ["2027-01-01"]}]}"#).unwrap();
    /// assert!(!s.replaced_any());
    /// ```
    pub fn replaced_any(&self) -> bool {
        self.years.iter().any(|y| y.replaced)
    }
}
