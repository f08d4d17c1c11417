//! Punch exceptions (FS-A4) and leave: both mark slots, so the rate can count them.

use crate::error::AttendanceCode;
use serde_json::Value;

use super::error::AttendanceError;
use super::input::{Leave, LeaveKind, PunchException};
use super::punches::{Slots, EXCEPTED, PERSONAL, SICK, UNDETERMINED};
use super::schedule::Schedule;
use crate::policy::kinds::ExceptionCounts;
use crate::report::Status;
use crate::rules::Outcome;

/// How the policy says exceptions count; `None` when it has no `punch_exception_note` rule.
#[derive(Debug, Clone)]
pub(crate) struct ExceptionPolicy {
    pub requires: Vec<String>,
    pub counts_as: ExceptionCounts,
    pub counts_without_note: bool,
}

/// The slots a record covers: one session, or every session of the day.
fn covered(
    s: &Schedule,
    roster: &super::Roster,
    what: &str,
    i: usize,
    trainee: &str,
    date: chrono::NaiveDate,
    session: Option<u32>,
) -> Result<(usize, usize, std::ops::Range<usize>), AttendanceError> {
    let Some(t) = roster.get(trainee) else {
        return Err(AttendanceError::invalid(
            AttendanceCode::UnknownTrainee,
            format!("$.{what}[{i}].trainee"),
            format!("`{trainee}` is not on the roster"),
        ));
    };
    let Some(day) = s.training_day(date) else {
        return Err(AttendanceError::invalid(
            AttendanceCode::NotATrainingDay,
            format!("$.{what}[{i}].date"),
            format!("the class does not train on {date}"),
        ));
    };
    let n = s.sessions.len();
    let range = match session {
        None => 0..n,
        Some(k) if k >= 1 && (k as usize) <= n => (k as usize - 1)..(k as usize),
        Some(k) => {
            return Err(AttendanceError::invalid(
                AttendanceCode::SessionOutOfRange,
                format!("$.{what}[{i}].session"),
                format!("session {k}: a training day has sessions 1 to {n}"),
            ))
        }
    };
    Ok((t, day, range))
}

/// Marks leave on its slots.
pub(crate) fn apply_leave(
    s: &Schedule,
    roster: &super::Roster,
    leave: &[Leave],
    slots: &mut Slots,
) -> Result<(), AttendanceError> {
    for (i, l) in leave.iter().enumerate() {
        let (t, day, range) = covered(s, roster, "leave", i, &l.trainee, l.date, l.session)?;
        let flag = match l.kind {
            LeaveKind::Sick => SICK,
            LeaveKind::Personal => PERSONAL,
        };
        for session in range {
            let slot = slots.index(t, day, session);
            slots.flags[slot] |= flag;
        }
    }
    Ok(())
}

fn item_zh(item: &str) -> &str {
    match item {
        "manager_signature" => "培训机构管理人员签字",
        "stamp" => "盖章",
        "trainee_signature" => "学员本人签字",
        other => other,
    }
}

fn item_en(item: &str) -> &str {
    match item {
        "manager_signature" => "the management staff's signature",
        "stamp" => "the stamp",
        "trainee_signature" => "the trainee's signature",
        other => other,
    }
}

/// Assesses each exception against the note the policy requires, marks the
/// slots it covers, and returns one outcome per exception (when the policy has a rule).
pub(crate) fn apply_exceptions(
    s: &Schedule,
    roster: &super::Roster,
    exceptions: &[PunchException],
    policy: Option<&ExceptionPolicy>,
    slots: &mut Slots,
) -> Result<Vec<Outcome>, AttendanceError> {
    let mut out = Vec::new();
    for (i, e) in exceptions.iter().enumerate() {
        let (t, day, range) = covered(s, roster, "exceptions", i, &e.trainee, e.date, e.session)?;
        let Some(p) = policy else {
            // No rule says how an exception counts: it does not.
            continue;
        };
        let note = e.note.unwrap_or_default();
        let mut missing = Vec::new();
        let mut unstated = Vec::new();
        for item in &p.requires {
            match (e.note.is_some(), note.item(item)) {
                (_, Some(true)) => {}
                (true, Some(false)) | (false, _) => missing.push(item.as_str()),
                (true, None) => unstated.push(item.as_str()),
            }
        }
        let (status, reason) = if !missing.is_empty() {
            (
                Status::Fail,
                if e.note.is_none() {
                    "no_note"
                } else {
                    "missing"
                },
            )
        } else if !unstated.is_empty() {
            (Status::Unknown, "unstated")
        } else {
            (Status::Pass, "complete")
        };
        let flag = match status {
            Status::Pass => EXCEPTED,
            _ if p.counts_without_note => EXCEPTED,
            Status::Unknown => UNDETERMINED,
            Status::Fail => 0,
        };
        for session in range {
            let slot = slots.index(t, day, session);
            slots.flags[slot] |= flag;
        }
        let list = |items: &[&str], f: fn(&str) -> &str| -> Value {
            items.iter().map(|x| Value::from(f(x))).collect()
        };
        let (counts_zh, counts_en) = match (p.counts_as, p.counts_without_note) {
            (ExceptionCounts::Attended, false) => (
                "附完整书面说明的计为出勤，否则不计",
                "counted as attended with a complete written note, otherwise not counted",
            ),
            (ExceptionCounts::Excused, false) => (
                "附完整书面说明的不计入应出勤课次，否则计为缺勤",
                "taken out of the expected sessions with a complete written note, otherwise absent",
            ),
            (ExceptionCounts::Attended, true) => (
                "计为出勤（缺少书面说明亦计）",
                "counted as attended (even without a complete note)",
            ),
            (ExceptionCounts::Excused, true) => (
                "不计入应出勤课次（缺少书面说明亦然）",
                "taken out of the expected sessions (even without a complete note)",
            ),
        };
        out.push(
            Outcome::new(status)
                .because(reason)
                .about(e.trainee.clone())
                .fact("exception", i as u64)
                .fact("trainee", e.trainee.clone())
                .fact("date", super::ymd(e.date))
                .fact("session", e.session.map(Value::from).unwrap_or(Value::Null))
                .fact("reason_zh", e.reason.zh())
                .fact("reason_en", e.reason.en())
                .fact("missing_zh", list(&missing, item_zh))
                .fact("missing_en", list(&missing, item_en))
                .fact("unstated_zh", list(&unstated, item_zh))
                .fact("unstated_en", list(&unstated, item_en))
                .fact("counts_as_zh", counts_zh)
                .fact("counts_as_en", counts_en),
        );
    }
    Ok(out)
}
