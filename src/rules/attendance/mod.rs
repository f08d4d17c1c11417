//! Attendance: class schedules, check-in punches, attendance rates, daily
//! reports, supervision and video evidence.
//!
//! [`evaluate`] takes a policy, the working-day calendar and an
//! [`AttendanceInput`] (a class, its roster, punches, exceptions, leave, daily
//! reports, the supervision log, the violation count and the videos) and returns
//! an [`AttendanceReport`]. [`check_punch`] answers the phone's "may I punch
//! now?". Both are pure: the moment of a check is an input.
//!
//! Rules: DL-T1 (duration), DL-T2 (working days only), DL-T3 (daily lessons),
//! DL-T4 (attendance threshold), FS-A1 (the Fushun training standard), FS-A2
//! (punch windows), FS-A3 (daily report), FS-A4 (punch exceptions), FS-M1
//! (supervision), FS-M2 (violation escalation), FS-C2 (videos), IP-A1 (online
//! share), LC-S2 (training video kept). IP-A2 (records) needs no finding: the
//! punches are the records.
//!
//! # What counts
//!
//! - **Training days** are the days the timetable lists (`class.days`), or else
//!   every working day from `start` to `end` by the China calendar, make-up
//!   working days included (DL-T2). A listed day that is not a working day is a
//!   DL-T2 / FS-A1 failure, and still a training day for the punches.
//! - **Expected sessions**: training days × sessions a day, per trainee.
//! - **A session is attended** when both its sign-in and its sign-out count. A
//!   sign-in counts within `[start − N min, start]`, a sign-out within
//!   `[end, end + M min]`, both ends included to the second (FS-A2's `N = M = 30`);
//!   where the policy sets no window (Dalian's DL-P6 voucher check-in: the seed
//!   has none) a sign-in counts any time after the previous session and a
//!   sign-out any time before the next. Moments are read in China Standard
//!   Time (UTC+08:00); a punch with another offset is converted.
//! - **Every punch counts or is reported**: a punch for another class, by someone
//!   not on the roster, by a method the policy does not accept, on a day the
//!   class does not train, outside every window, in the other kind's window (out
//!   of order), a second punch of the same kind for a session (duplicate; the
//!   earliest counts), or a lone punch of a session without its partner
//!   (incomplete): each is a finding of the `punch_windows` rule (FS-A2, DL-P6)
//!   with its own reason, naming the trainee, the day and the session, and is
//!   listed in the report's `punches`, whose totals always add up (a policy
//!   with no punch rule lists them there only).
//! - **A punch that does not state its method**, where the punch rule accepts
//!   only some (FS-A2's face device, DL-P6's voucher QR code), is neither
//!   counted nor refused: it is *undetermined* (`method_unstated`, an unknown
//!   finding), the session it would make is undetermined (a punch that counts
//!   beside it waits on it: `partner_unstated`), and the trainee's threshold is
//!   unknown when such sessions could change it. `counted + rejected +
//!   incomplete + undetermined = total`.
//! - **Exceptions** (FS-A4) count only with a written note carrying every item
//!   the policy `requires`; the finding names what is missing, or what the note
//!   does not state (then the session is *pending*). How a valid exception counts
//!   (`counts_as = "attended"` or `"excused"`) and whether one without a note
//!   counts (`counts_without_note`) are policy parameters. Without an FS-A4-like
//!   rule, exceptions are not assessed and do not count.
//! - **Leave** counts as attended or as absent, as the threshold rule's
//!   `leave_counts_as_attended` says; the finding names the choice.
//! - **The rate** is `counted / base` to four places (half away from zero) as a
//!   decimal string; the threshold is compared exactly. A trainee whose pending
//!   exceptions could still tip the rate is *unknown*. FS-A1's rate holds only
//!   "in principle" (`strictness = "in_principle"`): a shortfall needs review.
//! - **The daily report** (FS-A3) states the day as it stood when it was filed,
//!   and is reconciled with that: `present` is the trainees with a sign-in that
//!   counts made by the filing time (or a valid exception note), `sick_leave`
//!   and `personal_leave` the others on such leave for the session at hand
//!   (`leave_at_filing`); a trainee counts once. Each mismatch names the day, the
//!   field, both counts and the filing time; a trainee who signs in only later is
//!   named in a finding that does not fail; a record not fully stated makes a
//!   count a range (inside it: unknown). A report filed at or after
//!   `file_before` (China time) on its day, or later, is late; training days with
//!   no report are listed.
//! - **Supervision** (FS-M1) counts signed remote checks per ISO week with
//!   training days; a week with fewer than five training days needs at most one
//!   check per training day (`partial_weeks`); the finding names the week. A
//!   check or an inspection counts only on a training day of the class; one on
//!   another day (or after the class) is reported with the day's kind.
//! - **Videos** (FS-C2): at least N of at least M minutes; in each month the
//!   class trains, at least K, two of them more than `min_gap_days` apart
//!   (`spacing = "monthly_pair"`; or every consecutive pair). A month whose
//!   training days span less than the gap (a partial first or last month) needs
//!   review rather than failing. A video counts only on a training day of the
//!   class (FS-C2 and LC-S2 alike); one on a holiday, a rest day or a day the
//!   class does not train is reported with the day's kind.
//!
//! - **A class in progress**: with `as_of`, only the training days up to it are
//!   expected; later ones are *upcoming* (on the sheet), a punch on one is
//!   refused (`after_as_of`), no report is missing for them, and too few videos
//!   so far needs review rather than failing.
//!
//! # The decision
//!
//! `pass`, `fail` or `needs_review`, drawn like eligibility's decision from the
//! *decisive* findings: the schedule rules, each trainee's threshold, the daily
//! report, the videos, the violation escalation and LC-S2. Punch and exception
//! findings are reported but not decisive (their effect is already in the
//! rates), and FS-M1 is the centre's duty, never a reason to refuse the
//! institution (seed notes).
//!
//! # For the claims module
//!
//! [`AttendanceReport::trainees`] holds one [`TraineeAttendance`] per trainee,
//! in roster order: expected, attended and counted sessions, attended days (and
//! their dates), leave, the rate and whether it meets the threshold; and
//! [`ClassSummary::training_days`] the class's training days.
//!
//! ```
//! use peixun::engine::Engine;
//! let engine = Engine::new().unwrap();
//! let policy = engine.policy("dalian-2023-major-conversion").unwrap();
//! let input: peixun::rules::attendance::AttendanceInput = serde_json::from_str(r#"{
//!   "class": {"id": "c", "start": "2023-04-28", "end": "2023-05-04",
//!             "sessions": [{"start": "08:30", "end": "11:45"}]},
//!   "trainees": [{"id": "T01"}]}"#).unwrap();
//! let report = peixun::rules::attendance::evaluate(policy, engine.calendar(), &input).unwrap();
//! // 28 April, then 4 May: 29 April – 3 May is the Labour Day holiday.
//! let days: Vec<String> = report.class.training_days.iter().map(|d| d.to_string()).collect();
//! assert_eq!(days, ["2023-04-28", "2023-05-04"]);
//! assert_eq!(report.trainees[0].expected_sessions, 2);
//! assert_eq!(report.trainees[0].meets_threshold, Some(false));
//! ```

mod daily;
mod engine;
mod error;
mod evaluate;
mod exceptions;
mod input;
mod months;
mod punches;
mod rate;
mod report;
mod roster;
mod schedule;
mod single_punch;
mod supervision;
mod text;
mod video;

use crate::policy::kinds;
use crate::sorted::SortedMap;

use rust_decimal::Decimal;

pub use crate::error::AttendanceCode;
pub use daily::{DailyLine, DayCounts, Mark, MonthSheet, SheetDay, SheetRow};
pub use error::{
    AttendanceError, MAX_CLASS_DAYS, MAX_PUNCHES, MAX_RECORDS, MAX_SESSIONS_PER_DAY, MAX_TRAINEES,
};
pub use evaluate::evaluate;
pub use input::{
    china_time, AttendanceInput, ClassSchedule, ClockTime, DailyReport, Day, ExceptionNote,
    ExceptionReason, Leave, LeaveKind, Moment, OnsiteInspection, Punch, PunchException, PunchKind,
    RemoteCheck, Session, SessionMode, SupervisionLog, Trainee, Video,
};
pub use months::{counted_length, months_end, ClassLength};
pub use rate::TraineeAttendance;
pub use report::{AttendanceReport, ClassSummary, PunchSummary, ReportedPunch};
pub(crate) use roster::Roster;
pub(crate) use schedule::{
    class_rules, filed_months, opening, rate_part, DurationRule, Schedule, Span, Timetable,
};
pub use single_punch::{check_punch, PunchCheck, PunchQuestion, SessionRef, WindowState};
pub use supervision::Escalation;
pub(crate) use text::{clock, percent, weekday_en, weekday_zh, ymd};

use crate::calendar::{Calendar, UnknownYears};
use crate::policy::kinds::{ExceptionCounts, PunchMethod, RuleKind, Strictness};
use crate::policy::{Policy, Rule};
use crate::report::{Assessment, Finding, Status};
use crate::rules::{finding, Outcome};

/// "No punch" / "not a training day" in the index tables.
pub(crate) const NONE: u32 = u32::MAX;

/// The rule that words punch findings, and its windows.
pub(crate) struct PunchRule<'a> {
    pub rule: Option<&'a Rule>,
    pub before: Option<u32>,
    pub after: Option<u32>,
    pub methods: Vec<PunchMethod>,
}

/// The policy's first `punch_windows` rule; without one, no windows, any method,
/// and punch problems only in the report's `punches` list.
pub(crate) fn punch_rule(policy: &Policy) -> PunchRule<'_> {
    for rule in &policy.rules {
        if let RuleKind::PunchWindows(kinds::PunchWindows {
            sign_in_before_minutes,
            sign_out_after_minutes,
            methods,
        }) = &rule.kind
        {
            return PunchRule {
                rule: Some(rule),
                before: *sign_in_before_minutes,
                after: *sign_out_after_minutes,
                methods: methods.clone(),
            };
        }
    }
    PunchRule {
        rule: None,
        before: None,
        after: None,
        methods: Vec::new(),
    }
}

pub(crate) fn with_assumption(f: &mut Finding, assumption: Option<&str>) {
    if let Some(a) = assumption {
        f.assumptions.push(a.to_owned());
    }
}
