//! Per day: what the punches show, the daily report reconciled against it
//! (FS-A3), and the monthly sign-in sheet.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::input::{ClockTime, DailyReport, Moment};
use super::punches::{Slots, PERSONAL, SICK};
use super::rate::{Tally, DAY_ATTENDED, DAY_LEAVE, DAY_MISSED, DAY_PARTIAL, DAY_PENDING};
use super::schedule::{last_of_month, Schedule};
use super::NONE;
use crate::calendar::DayKind;
use crate::report::Status;
use crate::rules::Outcome;

/// The counts of one day's attendance report.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-09-28", "end": "2023-10-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-09-28T08:05:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2023-09-28T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
///   "daily_reports": [{"date": "2023-09-28", "filed_at": "2023-09-28T08:50:00+08:00",
///                      "enrolled": 1, "present": 1, "sick_leave": 0, "personal_leave": 0}]}"#).unwrap();
/// assert_eq!(report.daily[0].observed.present, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayCounts {
    /// Trainees on the roster.
    pub enrolled: u32,
    /// Trainees present (at least one sign-in that counts).
    pub present: u32,
    /// Trainees on sick leave for some session of the day.
    pub sick_leave: u32,
    /// Trainees on personal leave for some session of the day.
    pub personal_leave: u32,
}

/// One training day: what the punches and leave records show, and what the
/// daily report said.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-09-28", "end": "2023-10-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-09-28T08:05:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2023-09-28T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
///   "daily_reports": [{"date": "2023-09-28", "filed_at": "2023-09-28T08:50:00+08:00",
///                      "enrolled": 1, "present": 1, "sick_leave": 0, "personal_leave": 0}]}"#).unwrap();
/// // 09-28, the make-up Saturday 10-07 and Sunday 10-08, and 10-09.
/// let days: Vec<String> = report.daily.iter().map(|d| d.date.to_string()).collect();
/// assert_eq!(days, ["2023-09-28", "2023-10-07", "2023-10-08", "2023-10-09"]);
/// assert_eq!(report.daily[0].reported, Some(report.daily[0].observed));
/// assert_eq!(report.daily[1].reported, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailyLine {
    /// The day.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// From the punches and leave records.
    pub observed: DayCounts,
    /// From the daily report, if one was filed.
    pub reported: Option<DayCounts>,
    /// When the report was filed.
    pub filed_at: Option<Moment>,
}

/// What the punches show for each training day.
pub(crate) fn observed(s: &Schedule, slots: &Slots, trainees: usize) -> Vec<DayCounts> {
    let mut out = vec![
        DayCounts {
            enrolled: trainees as u32,
            present: 0,
            sick_leave: 0,
            personal_leave: 0,
        };
        s.days.len()
    ];
    for t in 0..trainees {
        for (d, counts) in out.iter_mut().enumerate() {
            let (mut present, mut sick, mut personal) = (false, false, false);
            for k in 0..slots.sessions {
                let slot = slots.index(t, d, k);
                present |= slots.sign_in[slot] != NONE;
                sick |= slots.flags[slot] & SICK != 0;
                personal |= slots.flags[slot] & PERSONAL != 0;
            }
            counts.present += u32::from(present);
            counts.sick_leave += u32::from(sick);
            counts.personal_leave += u32::from(personal);
        }
    }
    out
}

fn counts_of(r: &DailyReport) -> DayCounts {
    DayCounts {
        enrolled: r.enrolled,
        present: r.present,
        sick_leave: r.sick_leave,
        personal_leave: r.personal_leave,
    }
}

/// The daily lines: one per training day, with the first report filed for it.
pub(crate) fn lines(
    s: &Schedule,
    observed: &[DayCounts],
    reports: Option<&[DailyReport]>,
) -> Vec<DailyLine> {
    let mut lines: Vec<DailyLine> = s
        .days
        .iter()
        .zip(observed)
        .map(|(d, o)| DailyLine {
            date: *d,
            observed: *o,
            reported: None,
            filed_at: None,
        })
        .collect();
    for r in reports.unwrap_or(&[]) {
        if let Some(i) = s.training_day(r.date) {
            if lines[i].reported.is_none() {
                lines[i].reported = Some(counts_of(r));
                lines[i].filed_at = Some(r.filed_at);
            }
        }
    }
    lines
}

const FIELDS: [(&str, &str); 4] = [
    ("班级学员数", "enrolled"),
    ("实际出勤学员数", "present"),
    ("病假学员数", "on sick leave"),
    ("事假学员数", "on personal leave"),
];

/// FS-A3: every training day reported before `file_before`, with the counts
/// the punches show.
pub(crate) fn reconcile(
    s: &Schedule,
    observed: &[DayCounts],
    reports: Option<&[DailyReport]>,
    file_before: &str,
) -> Vec<Outcome> {
    let Some(reports) = reports else {
        return vec![Outcome::new(Status::Unknown)
            .because("no_reports")
            .fact("days", s.days.len() as u64)
            .fact("file_before", file_before)];
    };
    let deadline = ClockTime::parse(file_before)
        .map(|t| t.seconds())
        .unwrap_or(9 * 3600);
    let mut out = Vec::new();
    let mut seen = vec![false; s.days.len()];
    for r in reports {
        let date = r.date.to_string();
        let Some(d) = s.training_day(r.date) else {
            if s.is_filed(r.date) {
                // A day after `as_of`: not counted yet.
                continue;
            }
            out.push(
                Outcome::new(Status::Fail)
                    .because("not_a_training_day")
                    .fact("date", date),
            );
            continue;
        };
        if seen[d] {
            out.push(
                Outcome::new(Status::Fail)
                    .because("duplicate")
                    .fact("date", date)
                    .fact("filed_at", filed(&r.filed_at)),
            );
            continue;
        }
        seen[d] = true;
        let filed_day = r.filed_at.date();
        if filed_day > r.date || (filed_day == r.date && r.filed_at.seconds_of_day() >= deadline) {
            out.push(
                Outcome::new(Status::Fail)
                    .because("late")
                    .fact("date", date.clone())
                    .fact("filed_at", filed(&r.filed_at))
                    .fact("file_before", file_before),
            );
        }
        let o = observed[d];
        let pairs = [
            (r.enrolled, o.enrolled),
            (r.present, o.present),
            (r.sick_leave, o.sick_leave),
            (r.personal_leave, o.personal_leave),
        ];
        for ((reported, seen_count), (zh, en)) in pairs.into_iter().zip(FIELDS) {
            if reported != seen_count {
                out.push(
                    Outcome::new(Status::Fail)
                        .because("mismatch")
                        .fact("date", date.clone())
                        .fact("field_zh", zh)
                        .fact("field_en", en)
                        .fact("reported", reported)
                        .fact("observed", seen_count),
                );
            }
        }
    }
    let missing: Vec<Value> = s
        .days
        .iter()
        .zip(&seen)
        .filter(|(_, seen)| !**seen)
        .map(|(d, _)| Value::from(d.to_string()))
        .collect();
    if !missing.is_empty() {
        out.push(
            Outcome::new(Status::Fail)
                .because("missing")
                .fact("reported_days", (s.days.len() - missing.len()) as u64)
                .fact("days", missing),
        );
    }
    if out.is_empty() {
        out.push(
            Outcome::new(Status::Pass)
                .because("reconciled")
                .fact("reported_days", s.days.len() as u64)
                .fact("file_before", file_before),
        );
    }
    out
}

fn filed(m: &Moment) -> String {
    m.day_minute()
}

/// A trainee's day on the sheet.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-09-28", "end": "2023-10-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-09-28T08:05:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2023-09-28T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
///   "daily_reports": [{"date": "2023-09-28", "filed_at": "2023-09-28T08:50:00+08:00",
///                      "enrolled": 1, "present": 1, "sick_leave": 0, "personal_leave": 0}]}"#).unwrap();
/// use peixun::rules::attendance::Mark;
/// let oct = &report.sheet[1];
/// assert_eq!(oct.trainees[0].marks[0], Mark::Holiday); // 10-01, National Day
/// assert_eq!(oct.trainees[0].marks[6], Mark::Missed); // 10-07, a make-up Saturday the class trains
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Every session counted (punches or a valid exception).
    Attended,
    /// Some sessions counted.
    Partial,
    /// None counted, no leave.
    Missed,
    /// On leave, none counted.
    Leave,
    /// Undetermined, none counted: an exception whose note is not fully
    /// stated, or punches whose method is not stated.
    Pending,
    /// A statutory rest day (not a training day).
    Holiday,
    /// A make-up working day (调休上班) the class does not train on. (A make-up
    /// day the class trains on is marked by attendance; its column's `kind` says
    /// `makeup_workday`.)
    MakeupWorkday,
    /// A weekend, a working day the class does not train, or outside the class.
    NotATrainingDay,
    /// A training day after the day attendance is counted up to.
    Upcoming,
}

/// One day's column of the sheet.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-09-28", "end": "2023-10-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-09-28T08:05:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2023-09-28T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
///   "daily_reports": [{"date": "2023-09-28", "filed_at": "2023-09-28T08:50:00+08:00",
///                      "enrolled": 1, "present": 1, "sick_leave": 0, "personal_leave": 0}]}"#).unwrap();
/// let day = &report.sheet[1].days[6];
/// assert_eq!((day.date.to_string(), day.kind, day.training),
///            ("2023-10-07".to_string(), peixun::calendar::DayKind::MakeupWorkday, true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetDay {
    /// The day.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// `workday`, `weekend`, `holiday` or `makeup_workday` (调休上班).
    pub kind: DayKind,
    /// The holiday it belongs to, for holidays and make-up working days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holiday: Option<String>,
    /// Whether the class trains that day.
    pub training: bool,
}

/// One trainee's row of the sheet.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-09-28", "end": "2023-10-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-09-28T08:05:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2023-09-28T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
///   "daily_reports": [{"date": "2023-09-28", "filed_at": "2023-09-28T08:50:00+08:00",
///                      "enrolled": 1, "present": 1, "sick_leave": 0, "personal_leave": 0}]}"#).unwrap();
/// let row = &report.sheet[0].trainees[0];
/// assert_eq!((row.attended, row.missed), (1, 0)); // September: 28 attended, 29 a holiday
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetRow {
    /// The trainee.
    pub trainee: String,
    /// One mark per day of the month, in order.
    pub marks: Vec<Mark>,
    /// Days attended in full.
    pub attended: u32,
    /// Training days missed in full or in part.
    pub missed: u32,
    /// Days on leave.
    pub leave: u32,
}

/// The monthly sign-in summary sheet (月度考勤签名汇总表) for one month.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-09-28", "end": "2023-10-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-09-28T08:05:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2023-09-28T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
///   "daily_reports": [{"date": "2023-09-28", "filed_at": "2023-09-28T08:50:00+08:00",
///                      "enrolled": 1, "present": 1, "sick_leave": 0, "personal_leave": 0}]}"#).unwrap();
/// let months: Vec<&str> = report.sheet.iter().map(|m| m.month.as_str()).collect();
/// assert_eq!(months, ["2023-09", "2023-10"]);
/// assert_eq!(report.sheet[1].days.len(), 31);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthSheet {
    /// `YYYY-MM`.
    pub month: String,
    /// Every day of the month.
    pub days: Vec<SheetDay>,
    /// One row per trainee.
    pub trainees: Vec<SheetRow>,
}

/// The sheets, one per month the class touches.
pub(crate) fn sheets(s: &Schedule, keys: &[&str], tallies: &[Tally]) -> Vec<MonthSheet> {
    let mut out = Vec::new();
    let mut first = s.span_start;
    while first <= s.end {
        let last = last_of_month(first);
        let days: Vec<SheetDay> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(|d| {
                let info = s.info(d);
                SheetDay {
                    date: d,
                    kind: info.map(|i| i.kind).unwrap_or(DayKind::Workday),
                    holiday: info.and_then(|i| i.holiday.clone()),
                    training: s.is_filed(d),
                }
            })
            .collect();
        // Which training day each day of the month is, worked out once for all trainees.
        let index: Vec<Option<usize>> = days.iter().map(|d| s.training_day(d.date)).collect();
        let trainees = keys
            .iter()
            .zip(tallies)
            .map(|(key, t)| {
                let mut row = SheetRow {
                    trainee: (*key).to_owned(),
                    marks: Vec::with_capacity(days.len()),
                    attended: 0,
                    missed: 0,
                    leave: 0,
                };
                for (day, i) in days.iter().zip(&index) {
                    let mark = match *i {
                        Some(i) => match t.day_marks[i] {
                            DAY_ATTENDED => Mark::Attended,
                            DAY_PARTIAL => Mark::Partial,
                            DAY_LEAVE => Mark::Leave,
                            DAY_PENDING => Mark::Pending,
                            DAY_MISSED => Mark::Missed,
                            _ => Mark::Missed,
                        },
                        None if day.training => Mark::Upcoming,
                        None if day.kind == DayKind::Holiday => Mark::Holiday,
                        None if day.kind == DayKind::MakeupWorkday => Mark::MakeupWorkday,
                        None => Mark::NotATrainingDay,
                    };
                    match mark {
                        Mark::Attended => row.attended += 1,
                        Mark::Partial | Mark::Missed => row.missed += 1,
                        Mark::Leave => row.leave += 1,
                        _ => {}
                    }
                    row.marks.push(mark);
                }
                row
            })
            .collect();
        out.push(MonthSheet {
            month: format!("{:04}-{:02}", first.year(), first.month()),
            days,
            trainees,
        });
        match last.succ_opt() {
            Some(next) => first = next,
            None => break,
        }
    }
    out
}
