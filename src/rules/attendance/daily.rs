//! Per day: what the punches show, the daily report reconciled against it
//! (FS-A3), and the monthly sign-in sheet.
//!
//! A trainee counts once a day, as present, on sick leave, on personal leave,
//! or none of these: present with a sign-in that counts (or a valid punch
//! exception), else on the leave of their earliest session on leave.
//!
//! The daily report (日出勤情况报告单) is filed "每天 9:00 前": it speaks for the
//! day as it stood when it was filed. It is reconciled with the sign-ins made
//! by its filing time and with the leave and exceptions of the sessions up to
//! the one in progress then, or the next one between sessions (a trainee whose
//! leave is for the afternoon is not on leave at 08:55; one whose whole day is
//! on leave is, even before the first session). What happens after the filing time is not a mismatch of that
//! report: a trainee who signs in only later is named in a finding that does
//! not fail. A record that is not fully stated (a punch whose method is not
//! stated, an exception note that does not state every item) leaves the count
//! a range: a reported count inside it needs review, outside it fails.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::input::{ClockTime, DailyReport, Moment, Punch};
use super::punches::{Slots, EXCEPTED, PERSONAL, SICK, UNDETERMINED};
use super::rate::{Tally, DAY_ATTENDED, DAY_LEAVE, DAY_MISSED, DAY_PARTIAL, DAY_PENDING};
use super::schedule::{last_of_month, Schedule};
use super::NONE;
use crate::calendar::DayKind;
use crate::policy::kinds::LeaveAtFiling;
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
    /// Trainees present (at least one sign-in that counts, or a valid punch
    /// exception).
    pub present: u32,
    /// Trainees not present and on sick leave (their earliest session on leave).
    pub sick_leave: u32,
    /// Trainees not present and on personal leave (their earliest session on leave).
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
    /// What the records proved when the report was filed (what FS-A3 compares
    /// it with); written only for a day with a report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_filing: Option<DayCounts>,
    /// Trainees present that day who were not (even possibly) present when the
    /// report was filed: they signed in later. Not a mismatch of the report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after_filing: Vec<String>,
}

/// Where a trainee stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Absent,
    Present,
    Sick,
    Personal,
}

/// A trainee's day as far as the records go: what they prove (every record
/// that is not fully stated left out), and what they would show if each such
/// record turned out good. Sign-ins count up to `cutoff` (all of them without
/// one); leave and exceptions for the first `upto` sessions.
fn standing(
    slots: &Slots,
    punches: &[Punch],
    (t, d): (usize, usize),
    cutoff: Option<&Moment>,
    upto: usize,
) -> (Standing, Standing) {
    let by_then = |i: u32| i != NONE && cutoff.is_none_or(|c| punches[i as usize].at <= *c);
    let (mut present, mut possibly) = (false, false);
    let mut leave = Standing::Absent;
    for k in 0..slots.sessions {
        let slot = slots.index(t, d, k);
        present |= by_then(slots.sign_in[slot]);
        possibly |= by_then(slots.pending_in[slot]);
        if k < upto {
            let flags = slots.flags[slot];
            present |= flags & EXCEPTED != 0;
            possibly |= flags & UNDETERMINED != 0;
            if leave == Standing::Absent {
                if flags & SICK != 0 {
                    leave = Standing::Sick;
                } else if flags & PERSONAL != 0 {
                    leave = Standing::Personal;
                }
            }
        }
    }
    let proven = if present { Standing::Present } else { leave };
    let best = if present || possibly {
        Standing::Present
    } else {
        leave
    };
    (proven, best)
}

fn add(c: &mut DayCounts, st: Standing) {
    match st {
        Standing::Present => c.present += 1,
        Standing::Sick => c.sick_leave += 1,
        Standing::Personal => c.personal_leave += 1,
        Standing::Absent => {}
    }
}

fn counts(trainees: usize) -> DayCounts {
    DayCounts {
        enrolled: trainees as u32,
        present: 0,
        sick_leave: 0,
        personal_leave: 0,
    }
}

/// What the punches, exceptions and leave records show for each training day,
/// each trainee counted once.
pub(crate) fn observed(
    s: &Schedule,
    slots: &Slots,
    punches: &[Punch],
    trainees: usize,
) -> Vec<DayCounts> {
    let mut out = vec![counts(trainees); s.days.len()];
    for t in 0..trainees {
        for (d, c) in out.iter_mut().enumerate() {
            add(c, standing(slots, punches, (t, d), None, slots.sessions).0);
        }
    }
    out
}

/// How many sessions of `day`, from the first, a report filed at `filed` speaks
/// for: up to the session in progress then, or, between sessions, the next one
/// (all of them when it is filed on a later day, the first when on an earlier
/// one). At 08:55 with sessions 08:30–11:45 and 13:30–16:45 that is the first;
/// at 12:00 both.
fn spoken_for(s: &Schedule, day: NaiveDate, filed: &Moment) -> usize {
    let n = s.sessions.len();
    if filed.date() < day {
        return 1;
    }
    if filed.date() > day {
        return n;
    }
    let secs = filed.seconds_of_day();
    let begun = s.sessions.iter().filter(|x| x.start <= secs).count();
    match begun.checked_sub(1).map(|last| s.sessions[last].end) {
        // The last session begun is still running.
        Some(end) if secs <= end => begun,
        // Before the first, or between two: the next one too.
        _ => (begun + 1).min(n),
    }
}

/// The first report of a training day, and the day as it stood when it was filed.
#[derive(Debug, Clone)]
pub(crate) struct Filing {
    /// What the records proved then.
    pub proven: DayCounts,
    /// What they would show if every record not fully stated turned out good.
    pub best: DayCounts,
    /// Trainees present that day who were not (even possibly) present then.
    pub after: Vec<usize>,
}

/// Each training day's first report, as the day stood when it was filed.
pub(crate) fn filings(
    s: &Schedule,
    slots: &Slots,
    punches: &[Punch],
    trainees: usize,
    reports: Option<&[DailyReport]>,
    leave_at: LeaveAtFiling,
) -> Vec<Option<Filing>> {
    let mut out: Vec<Option<Filing>> = vec![None; s.days.len()];
    for r in reports.unwrap_or(&[]) {
        let Some(d) = s.training_day(r.date) else {
            continue;
        };
        if out[d].is_some() {
            continue;
        }
        let upto = match leave_at {
            LeaveAtFiling::SessionAtHand => spoken_for(s, r.date, &r.filed_at),
            LeaveAtFiling::WholeDay => slots.sessions,
        };
        let mut f = Filing {
            proven: counts(trainees),
            best: counts(trainees),
            after: Vec::new(),
        };
        for t in 0..trainees {
            let (proven, best) = standing(slots, punches, (t, d), Some(&r.filed_at), upto);
            add(&mut f.proven, proven);
            add(&mut f.best, best);
            if best != Standing::Present
                && standing(slots, punches, (t, d), None, slots.sessions).0 == Standing::Present
            {
                f.after.push(t);
            }
        }
        out[d] = Some(f);
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
    filings: &[Option<Filing>],
    reports: Option<&[DailyReport]>,
    keys: &[&str],
) -> Vec<DailyLine> {
    let mut lines: Vec<DailyLine> = s
        .days
        .iter()
        .zip(observed)
        .zip(filings)
        .map(|((d, o), f)| DailyLine {
            date: *d,
            observed: *o,
            reported: None,
            filed_at: None,
            at_filing: f.as_ref().map(|f| f.proven),
            after_filing: f
                .iter()
                .flat_map(|f| f.after.iter().map(|&t| keys[t].to_owned()))
                .collect(),
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
/// the records showed when the report was filed.
pub(crate) fn reconcile(
    s: &Schedule,
    filings: &[Option<Filing>],
    reports: Option<&[DailyReport]>,
    keys: &[&str],
    (file_before, leave_at): (&str, LeaveAtFiling),
) -> Vec<Outcome> {
    let (reading_zh, reading_en) = match leave_at {
        LeaveAtFiling::SessionAtHand => (
            "请假计至报送时正在进行或下一节课",
            "leave counted up to the session in progress or next when it was filed",
        ),
        LeaveAtFiling::WholeDay => (
            "请假计当天各节课",
            "leave counted for every session of the day",
        ),
    };
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
        // The first report of a training day always has its filing.
        let Some(f) = &filings[d] else {
            continue;
        };
        let (p, b) = (f.proven, f.best);
        let pairs = [
            (r.enrolled, p.enrolled, b.enrolled),
            (r.present, p.present, b.present),
            (r.sick_leave, p.sick_leave, b.sick_leave),
            (r.personal_leave, p.personal_leave, b.personal_leave),
        ];
        for ((reported, proven, best), (zh, en)) in pairs.into_iter().zip(FIELDS) {
            let (low, high) = (proven.min(best), proven.max(best));
            let o = if reported < low || reported > high {
                Outcome::new(Status::Fail).because("mismatch")
            } else if low != high {
                // Records not fully stated: it could agree, or not.
                Outcome::new(Status::Unknown)
                    .because("undetermined")
                    .fact("observed_from", low)
                    .fact("observed_to", high)
            } else {
                continue;
            };
            out.push(
                o.fact("date", date.clone())
                    .fact("filed_at", filed(&r.filed_at))
                    .fact("field_zh", zh)
                    .fact("field_en", en)
                    .fact("reported", reported)
                    .fact("observed", proven)
                    .fact("leave_reading_zh", reading_zh)
                    .fact("leave_reading_en", reading_en),
            );
        }
        if !f.after.is_empty() {
            out.push(
                Outcome::new(Status::Pass)
                    .because("after_filing")
                    .fact("date", date.clone())
                    .fact("filed_at", filed(&r.filed_at))
                    .fact(
                        "trainees",
                        f.after
                            .iter()
                            .map(|&t| Value::from(keys[t]))
                            .collect::<Vec<_>>(),
                    ),
            );
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
    if out.iter().all(|o| o.status == Status::Pass) {
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
