//! Raw attendance in a claim: recomputed once with the attendance rules, errors located in the claim.

use super::*;
use crate::error::{AttendanceCode, InputCode};

/// The claim's raw attendance, recomputed by the attendance module.
pub(super) struct Recomputed {
    pub(super) report: AttendanceReport,
    /// Roster key → the trainee's line in `report.trainees`.
    pub(super) index: SortedMap<String, usize>,
    /// The findings about each roster key, in the report's order.
    pub(super) by_key: SortedMap<String, Vec<Finding>>,
    /// The findings about no trainee of the claim.
    pub(super) other: Vec<Finding>,
}

/// Recomputes the class's attendance from the claim's raw punches, once for
/// the whole roster: the one place a claim calls [`attendance::evaluate`].
///
/// The roster is the trainees that name a punches key (a key named by two rows
/// of the same person once). Errors of the attendance input are located in the
/// claim: `$.attendance.punches[3].at`, `$.attendance.leave[0].date`, and a key
/// at the row that names it.
pub(super) fn recompute_attendance(
    policy: &Policy,
    cal: &Calendar,
    claim: &Claim,
) -> Result<Option<Recomputed>, Problem> {
    let invalid = |code: InputCode, path: String, detail: String| {
        Err(InputError::new(code, path, detail).problem())
    };
    let Some(block) = &claim.attendance else {
        if let Some(i) = claim.trainees.iter().position(|t| {
            t.attendance
                .as_ref()
                .is_some_and(|a| a.punches_key().is_some())
        }) {
            return invalid(
                InputCode::MissingField,
                "$.attendance".to_owned(),
                format!(
                    "row {} names a punches key, but the claim carries no raw attendance \
                     (`attendance`: the class schedule and the punches)",
                    row(i)
                ),
            );
        }
        return Ok(None);
    };
    if let Some(c) = &claim.class {
        for (field, ours, theirs) in [
            ("start", c.start, block.class.start),
            ("end", c.end, block.class.end),
        ] {
            if ours != theirs {
                return invalid(
                    InputCode::InvalidValue,
                    format!("$.attendance.class.{field}"),
                    format!(
                        "the schedule's {field} {} is not the class's {field} {}",
                        ymd(theirs),
                        ymd(ours)
                    ),
                );
            }
        }
    }
    let mut roster: Vec<attendance::Trainee> = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    let mut index: SortedMap<String, usize> = SortedMap::new();
    for (i, t) in claim.trainees.iter().enumerate() {
        let key =
            match &t.attendance {
                None => continue,
                Some(AttendanceInput::Summary(_)) => return invalid(
                    InputCode::InvalidValue,
                    format!("$.trainees[{i}].attendance"),
                    "the claim carries raw attendance: every trainee's attendance is recomputed \
                     from the punches, so a summary is not accepted; name the trainee's key \
                     ({\"kind\": \"punches\", \"key\": …})"
                        .to_owned(),
                ),
                Some(a) => a.punches_key().unwrap_or_default(),
            };
        match index.get(key) {
            Some(&k) => {
                let first = &claim.trainees[rows[k]];
                if first.id_number.number() != t.id_number.number() {
                    return Err(AttendanceError::invalid(
                        AttendanceCode::DuplicateTrainee,
                        format!("$.trainees[{i}].attendance.key"),
                        format!(
                            "`{key}` is already the key of row {}, another person",
                            row(rows[k])
                        ),
                    )
                    .problem());
                }
            }
            None => {
                index.insert(key.to_owned(), roster.len());
                rows.push(i);
                roster.push(attendance::Trainee {
                    id: key.to_owned(),
                    name: Some(t.name.clone()),
                });
            }
        }
    }
    let mut schedule = block.class.clone();
    if schedule.major.is_none() {
        schedule.major = claim.class.as_ref().and_then(|c| c.major.clone());
    }
    let input = attendance::AttendanceInput {
        policy: Some(policy.id.clone()),
        unknown_years: claim.unknown_years,
        as_of: None,
        class: schedule,
        trainees: roster,
        punches: block.punches.clone(),
        exceptions: block.exceptions.clone(),
        leave: block.leave.clone(),
        daily_reports: None,
        supervision: None,
        violations: None,
        videos: None,
    };
    let report =
        attendance::evaluate(policy, cal, &input).map_err(|e| located_in_claim(e, &rows))?;
    let mut by_key: SortedMap<String, Vec<Finding>> = SortedMap::new();
    let mut other = Vec::new();
    for f in &report.findings {
        match f.subject.as_deref().filter(|s| index.contains_key(*s)) {
            Some(key) => by_key.entry(key.to_owned()).or_default().push(f.clone()),
            None => other.push(f.clone()),
        }
    }
    Ok(Some(Recomputed {
        report,
        index,
        by_key,
        other,
    }))
}

/// An error in the claim's class timetable (`class.timetable`), located there:
/// the schedule's paths name the attendance check's class (`$.class.sessions`).
pub(super) fn located_in_timetable(e: AttendanceError) -> Problem {
    let reroot = |p: String| -> String {
        match p.strip_prefix("$.class.") {
            Some(rest)
                if rest.starts_with("sessions")
                    || rest.starts_with("days")
                    || rest.starts_with("lesson") =>
            {
                format!("$.class.timetable.{rest}")
            }
            _ => p,
        }
    };
    match e {
        AttendanceError::Input(mut i) => {
            i.path = reroot(i.path);
            AttendanceError::Input(i)
        }
        AttendanceError::Calendar { path, error } => AttendanceError::Calendar {
            path: reroot(path),
            error,
        },
        AttendanceError::Invalid { code, path, detail } => AttendanceError::Invalid {
            code,
            path: reroot(path),
            detail,
        },
    }
    .problem()
}

/// An attendance input error, located in the claim.
pub(super) fn located_in_claim(e: AttendanceError, rows: &[usize]) -> Problem {
    let reroot = |p: &str| -> String {
        if let Some(rest) = p.strip_prefix("$.trainees[") {
            if let Some(r) = rest
                .split_once(']')
                .and_then(|(k, _)| k.parse::<usize>().ok())
                .and_then(|k| rows.get(k))
            {
                return format!("$.trainees[{r}].attendance.key");
            }
        }
        if p == "$.trainees" {
            return p.to_owned();
        }
        match p.strip_prefix('$') {
            Some(rest) => format!("$.attendance{rest}"),
            None => p.to_owned(),
        }
    };
    match e {
        AttendanceError::Input(mut i) => {
            i.path = reroot(&i.path);
            AttendanceError::Input(i)
        }
        AttendanceError::Calendar { path, error } => AttendanceError::Calendar {
            path: reroot(&path),
            error,
        },
        AttendanceError::Invalid { code, path, detail } => AttendanceError::Invalid {
            code,
            path: reroot(&path),
            detail,
        },
    }
    .problem()
}

/// A trainee's attendance summary, whatever form the claim gives it in: the
/// summary given, or the one the attendance module computed from the
/// trainee's punches ([`AttendanceSummary::from`] the trainee's line). Every
/// use of attendance in a claim (the threshold, per-day amounts) goes through
/// here.
pub(super) fn attendance_summary(
    t: &Trainee,
    recomputed: Option<&Recomputed>,
) -> Option<AttendanceSummary> {
    match t.attendance.as_ref()? {
        AttendanceInput::Summary(s) => Some(s.clone()),
        AttendanceInput::Punches(k) => {
            let r = recomputed?;
            let line = r.report.trainees.get(*r.index.get(&k.key)?)?;
            Some(AttendanceSummary::from(line))
        }
    }
}

/// Later rows of a repeated ID number → the first row with it.
pub(super) fn duplicates<'x>(ids: impl Iterator<Item = &'x str>) -> SortedMap<usize, usize> {
    let mut first: SortedMap<&str, usize> = SortedMap::new();
    let mut out = SortedMap::new();
    for (i, id) in ids.enumerate() {
        match first.get(id) {
            Some(&f) => {
                out.insert(i, f);
            }
            None => {
                first.insert(id, i);
            }
        }
    }
    out
}

/// The counts a subsidy claim uses, from the attendance module's own result:
/// `attended_sessions` are the sessions attended by punches plus those a valid
/// exception counts as attended; `expected_sessions` leaves out the sessions a
/// valid exception excuses (when the policy says so); leave is passed on for
/// the claim's threshold to count as its policy says.
///
/// ```
/// # use peixun::engine::Engine;
/// use peixun::rules::claim::AttendanceSummary;
/// let engine = Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-04", "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2024-03-04T08:05:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2024-03-04T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
///   "exceptions": [{"trainee": "T01", "date": "2024-03-04", "session": 2, "reason": "device_failure",
///                   "note": {"manager_signature": true, "stamp": true, "trainee_signature": true}}]}"#).unwrap();
/// let s = AttendanceSummary::from(&report.trainees[0]);
/// assert_eq!((s.expected_sessions, s.attended_sessions, s.attended_days), (2, 2, 1));
/// ```
impl From<&crate::rules::attendance::TraineeAttendance> for AttendanceSummary {
    fn from(t: &crate::rules::attendance::TraineeAttendance) -> Self {
        let excepted = if t.exception_choice == "attended" {
            t.excepted_sessions
        } else {
            0
        };
        AttendanceSummary {
            expected_sessions: t.rate_base,
            attended_sessions: t.attended_sessions + excepted,
            attended_days: t.attended_days,
            sick_leave: t.sick_leave,
            personal_leave: t.personal_leave,
        }
    }
}
