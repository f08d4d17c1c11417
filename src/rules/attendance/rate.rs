//! Per-trainee attendance: expected, attended, excepted, leave, the rate, and
//! the threshold of DL-T4 / FS-A1.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::percent;
use super::punches::{Slots, EXCEPTED, PERSONAL, SICK, UNDETERMINED, UNVERIFIED};
use crate::policy::kinds::{ExceptionCounts, Strictness};
use crate::report::Status;
use crate::rules::Outcome;

/// Counts for one trainee, before any threshold.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub expected: u32,
    pub attended: u32,
    pub excepted: u32,
    pub sick: u32,
    pub personal: u32,
    /// Sessions undetermined for either reason: a punch whose method is not
    /// stated, or an exception note that does not state every item.
    pub undetermined: u32,
    /// Of those, the sessions that wait on a punch whose method is not stated.
    pub unverified: u32,
    pub missed: u32,
    pub attended_dates: Vec<NaiveDate>,
    /// Per training day: 0 none, 1 some, 2 all sessions counted; 3 leave; 4 pending.
    pub day_marks: Vec<u8>,
}

pub(crate) const DAY_MISSED: u8 = 0;
pub(crate) const DAY_PARTIAL: u8 = 1;
pub(crate) const DAY_ATTENDED: u8 = 2;
pub(crate) const DAY_LEAVE: u8 = 3;
pub(crate) const DAY_PENDING: u8 = 4;

/// Walks one trainee's slots: O(days × sessions).
pub(crate) fn tally(slots: &Slots, trainee: usize, days: &[NaiveDate]) -> Tally {
    let mut t = Tally {
        day_marks: Vec::with_capacity(days.len()),
        ..Tally::default()
    };
    for (d, date) in days.iter().enumerate() {
        let (mut counted, mut leave, mut pending) = (0usize, 0usize, 0usize);
        for s in 0..slots.sessions {
            let slot = slots.index(trainee, d, s);
            let flags = slots.flags[slot];
            t.expected += 1;
            if slots.attended(slot) {
                t.attended += 1;
                counted += 1;
            } else if flags & EXCEPTED != 0 {
                t.excepted += 1;
                counted += 1;
            } else if flags & UNVERIFIED != 0 {
                // Attended if the unverified punches are good: ahead of leave,
                // as an attended session is.
                t.undetermined += 1;
                t.unverified += 1;
                pending += 1;
            } else if flags & SICK != 0 {
                t.sick += 1;
                leave += 1;
            } else if flags & PERSONAL != 0 {
                t.personal += 1;
                leave += 1;
            } else if flags & UNDETERMINED != 0 {
                t.undetermined += 1;
                pending += 1;
            } else {
                t.missed += 1;
            }
        }
        let mark = if counted == slots.sessions {
            t.attended_dates.push(*date);
            DAY_ATTENDED
        } else if leave > 0 && counted == 0 {
            DAY_LEAVE
        } else if pending > 0 && counted == 0 {
            DAY_PENDING
        } else if counted > 0 {
            DAY_PARTIAL
        } else {
            DAY_MISSED
        };
        t.day_marks.push(mark);
    }
    t
}

/// A threshold rule's parameters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Threshold {
    pub min_rate: Decimal,
    pub leave_counts: bool,
    pub strictness: Strictness,
}

/// The numbers a rate rests on, under a policy's choices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rate {
    pub counted: u32,
    pub base: u32,
    pub rate: Decimal,
}

/// Rate = counted / base, where counted is attended sessions, plus valid
/// exceptions when they count as attended, plus leave when it counts; and base
/// is expected sessions, less valid exceptions when they are excused.
pub(crate) fn rate(t: &Tally, leave_counts: bool, exceptions: Option<ExceptionCounts>) -> Rate {
    let leave = if leave_counts { t.sick + t.personal } else { 0 };
    let (counted, base) = match exceptions {
        Some(ExceptionCounts::Excused) => (t.attended + leave, t.expected - t.excepted),
        _ => (t.attended + t.excepted + leave, t.expected),
    };
    Rate {
        counted,
        base,
        rate: ratio(counted, base),
    }
}

/// `a / b` to four places, half away from zero; 0 when `b` is 0.
pub(crate) fn ratio(a: u32, b: u32) -> Decimal {
    if b == 0 {
        let mut zero = Decimal::ZERO;
        zero.rescale(4);
        return zero;
    }
    let mut r = (Decimal::from(a) / Decimal::from(b))
        .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(4);
    r
}

/// Whether `counted / base >= min`, exactly.
fn meets(counted: u32, base: u32, min: Decimal) -> bool {
    Decimal::from(counted) >= min * Decimal::from(base)
}

/// The threshold outcome for one trainee, and whether the rate meets it.
pub(crate) fn threshold_outcome(
    trainee: &str,
    t: &Tally,
    th: Threshold,
    exceptions: Option<ExceptionCounts>,
) -> (Outcome, Option<bool>, Rate) {
    let r = rate(t, th.leave_counts, exceptions);
    // Undetermined sessions could still go either way: the best case counts them.
    let best = match exceptions {
        // A pending note would excuse its session; an unverified punch would attend it.
        Some(ExceptionCounts::Excused) => (
            r.counted + t.unverified,
            r.base.saturating_sub(t.undetermined - t.unverified),
        ),
        _ => (r.counted + t.undetermined, r.base),
    };
    let (status, reason, meets_now) = if r.base == 0 {
        (Status::Unknown, "no_sessions", None)
    } else if meets(r.counted, r.base, th.min_rate) {
        (Status::Pass, "attendance", Some(true))
    } else if t.undetermined > 0 && (best.1 == 0 || meets(best.0, best.1, th.min_rate)) {
        (Status::Unknown, "undetermined", None)
    } else if th.strictness == Strictness::InPrinciple {
        (Status::Unknown, "in_principle", Some(false))
    } else if t.undetermined > 0 {
        // Below the threshold even were every undetermined session attended:
        // the message says so, so that no one chases the open sessions.
        (Status::Fail, "attendance_undetermined", Some(false))
    } else {
        (Status::Fail, "attendance", Some(false))
    };
    let (leave_zh, leave_en) = leave_choice(th.leave_counts);
    let mut o = Outcome::new(status)
        .because(reason)
        .about(trainee.to_owned())
        .fact("trainee", trainee.to_owned())
        .fact("expected_sessions", t.expected)
        .fact("attended_sessions", t.attended)
        .fact("excepted_sessions", t.excepted)
        .fact("sick_leave", t.sick)
        .fact("personal_leave", t.personal)
        .fact("undetermined_sessions", t.undetermined)
        .fact("counted_sessions", r.counted)
        .fact("rate", r.rate.to_string())
        .fact("rate_percent", percent(r.rate))
        .fact("min_rate", th.min_rate.to_string())
        .fact("min_rate_percent", percent(th.min_rate))
        .fact("leave_choice_zh", leave_zh)
        .fact("leave_choice_en", leave_en);
    if t.undetermined > 0 {
        // What keeps the sessions open, for the message (only then, so that
        // other findings keep their facts).
        o = o
            .fact("unverified_sessions", t.unverified)
            .fact("unstated_note_sessions", t.undetermined - t.unverified);
    }
    (o, meets_now, r)
}

pub(crate) fn leave_choice(counts: bool) -> (&'static str, &'static str) {
    if counts {
        (
            "病假、事假计为出勤",
            "sick and personal leave count as attended",
        )
    } else {
        (
            "病假、事假不计为出勤",
            "sick and personal leave count as absent",
        )
    }
}

/// One trainee's attendance: what the claims module consumes to recompute a
/// claim (see [`crate::rules::attendance`]).
///
/// Sessions are the filed sessions of the class's training days. `rate` is
/// `counted_sessions / rate_base` to four places (half away from zero), where
/// the policy decides what counts (leave, exceptions) and names its choice in
/// `leave_choice` and `exception_choice`. `meets_threshold` is `None` when the
/// policy has no threshold or undetermined sessions (pending exception notes,
/// punches whose method is not stated) could still tip it.
///
/// ```
/// # use peixun::engine::Engine;
/// let engine = Engine::new().unwrap();
/// let report = engine.check_attendance("dalian-2023-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-04-03", "end": "2023-04-03", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-04-03T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-04-03T11:50:00+08:00", "kind": "sign_out", "method": "voucher_qr"}]}"#).unwrap();
/// let t = &report.trainees[0];
/// assert_eq!((t.expected_sessions, t.attended_sessions, t.attended_days), (1, 1, 1));
/// assert_eq!(t.rate.to_string(), "1.0000");
/// assert_eq!(t.meets_threshold, Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeAttendance {
    /// The trainee's key, as on the roster.
    pub trainee: String,
    /// The name, when the roster gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Sessions the schedule expects (training days × sessions a day).
    pub expected_sessions: u32,
    /// Sessions with both punches in their windows.
    pub attended_sessions: u32,
    /// Sessions covered by a valid exception (and not attended by punches).
    pub excepted_sessions: u32,
    /// Sessions on sick leave (and neither attended nor excepted).
    pub sick_leave: u32,
    /// Sessions on personal leave (and neither attended nor excepted).
    pub personal_leave: u32,
    /// Sessions not decided yet: an exception note that does not state every
    /// item, or a punch that does not state its method where the policy accepts
    /// only some methods (the session would be attended if it was made the
    /// accepted way).
    pub undetermined_sessions: u32,
    /// Sessions with none of the above.
    pub missed_sessions: u32,
    /// The rate's numerator.
    pub counted_sessions: u32,
    /// The rate's denominator.
    pub rate_base: u32,
    /// Training days on which every session counted.
    pub attended_days: u32,
    /// Those days.
    #[serde(skip)]
    pub attended_dates: Vec<NaiveDate>,
    /// `counted_sessions / rate_base`, four places.
    pub rate: Decimal,
    /// The policy's lowest rate, when it has one.
    pub threshold: Option<Decimal>,
    /// Whether the rate reaches the threshold.
    pub meets_threshold: Option<bool>,
    /// The threshold finding's status.
    pub status: Option<Status>,
    /// The threshold rule (`DL-T4`, `FS-A1`).
    pub rule: Option<String>,
    /// How leave counted: `counts_as_attended` or `counts_as_absent`.
    pub leave_choice: String,
    /// How exceptions counted: `attended`, `excused` or `not_assessed` (no rule).
    pub exception_choice: String,
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
impl From<&TraineeAttendance> for crate::rules::claim::AttendanceSummary {
    fn from(t: &TraineeAttendance) -> Self {
        let excepted = if t.exception_choice == "attended" {
            t.excepted_sessions
        } else {
            0
        };
        crate::rules::claim::AttendanceSummary {
            expected_sessions: t.rate_base,
            attended_sessions: t.attended_sessions + excepted,
            attended_days: t.attended_days,
            sick_leave: t.sick_leave,
            personal_leave: t.personal_leave,
        }
    }
}
