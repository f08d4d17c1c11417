//! The attendance report and its class and punch summaries.

use crate::sorted::SortedMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::daily::{DailyLine, MonthSheet};
use super::input::Session;
use super::rate::TraineeAttendance;
use super::supervision::Escalation;
use crate::report::{Assessment, Finding, PolicyRef};

/// The class as the report sees it.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("dalian-2023-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-04-28", "end": "2023-05-04", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-04-28T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-04-28T11:50:00+08:00", "kind": "sign_out", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-05-01T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"}]}"#).unwrap();
/// assert_eq!(report.class.training_days.len(), 2); // 04-28 and 05-04 around Labour Day
/// assert_eq!(report.class.expected_sessions, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassSummary {
    /// The class's ID.
    pub id: String,
    /// First day.
    #[serde(with = "crate::input::date")]
    pub start: NaiveDate,
    /// Last day.
    #[serde(with = "crate::input::date")]
    pub end: NaiveDate,
    /// The sessions of each training day.
    pub sessions: Vec<Session>,
    /// The filed training days, ascending.
    pub training_days: Vec<NaiveDate>,
    /// The day attendance is counted up to, when the class is in progress.
    #[serde(with = "crate::input::date::option")]
    pub as_of: Option<NaiveDate>,
    /// Training days counted (all of them, or those up to `as_of`).
    pub counted_days: u32,
    /// Sessions each trainee is expected at (so far).
    pub expected_sessions: u32,
    /// The make-up working days (调休上班) among the training days.
    pub makeup_days: Vec<NaiveDate>,
}

/// One punch that does not count, and why.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("dalian-2023-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-04-28", "end": "2023-05-04", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-04-28T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-04-28T11:50:00+08:00", "kind": "sign_out", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-05-01T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"}]}"#).unwrap();
/// assert_eq!((report.punches.reported[0].punch, report.punches.reported[0].reason), (2, "non_training_day"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedPunch {
    /// Its index in the request's `punches`.
    pub punch: u32,
    /// `other_class`, `unknown_trainee`, `method`, `non_training_day`,
    /// `after_as_of`, `outside_window`, `out_of_order`, `duplicate` or
    /// `incomplete` (refused or not counting); `method_unstated` (the method is
    /// not stated where the policy accepts only some: neither counted nor
    /// refused) or `partner_unstated` (in its window, but the session's other
    /// punch does not state its method: the session is undetermined).
    pub reason: &'static str,
}

/// What became of the punches: `counted + rejected + incomplete + undetermined
/// = total`.
///
/// A punch that does not state its method where the policy accepts only some
/// (FS-A2's face device, DL-P6's voucher QR code) is neither counted nor
/// refused: it and any punch whose session waits on it are `undetermined`.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-04", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2024-03-04T08:20:00+08:00", "kind": "sign_in", "method": "face_device"},
///               {"trainee": "T01", "at": "2024-03-04T11:50:00+08:00", "kind": "sign_out"}]}"#).unwrap();
/// let p = &report.punches;
/// assert_eq!((p.total, p.counted, p.rejected, p.incomplete, p.undetermined), (2, 0, 0, 0, 2));
/// assert_eq!(report.trainees[0].undetermined_sessions, 1);
/// ```
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("dalian-2023-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-04-28", "end": "2023-05-04", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-04-28T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-04-28T11:50:00+08:00", "kind": "sign_out", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-05-01T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"}]}"#).unwrap();
/// let p = &report.punches;
/// assert_eq!((p.total, p.counted, p.rejected, p.incomplete), (3, 2, 1, 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PunchSummary {
    /// Punches in the request.
    pub total: u32,
    /// Punches that made a session attended (two per attended session).
    pub counted: u32,
    /// Punches refused (any reason but `incomplete`).
    pub rejected: u32,
    /// Punches that count in their window but whose session lacks the other punch.
    pub incomplete: u32,
    /// Punches neither counted nor refused: those that do not state their
    /// method where the policy accepts only some, and those whose session waits
    /// on one. Written only when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub undetermined: u32,
    /// Refused, incomplete and undetermined punches by reason.
    pub by_reason: SortedMap<&'static str, u32>,
    /// Every punch that does not count, by index.
    pub reported: Vec<ReportedPunch>,
}

/// The answer to an attendance check.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.check_attendance("dalian-2023-major-conversion", r#"{
///   "class": {"id": "c", "start": "2023-04-28", "end": "2023-05-04", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-04-28T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-04-28T11:50:00+08:00", "kind": "sign_out", "method": "voucher_qr"},
///               {"trainee": "T01", "at": "2023-05-01T08:05:00+08:00", "kind": "sign_in", "method": "voucher_qr"}]}"#).unwrap();
/// assert_eq!(report.decision, peixun::report::Assessment::Fail); // one week is not 3–6 months (DL-T1)
/// assert_eq!(report.trainees[0].rate.to_string(), "0.5000");
/// assert!(report.findings.iter().any(|f| f.rule_id == "DL-P6" && f.message_en.contains("2023-05-01")));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceReport {
    /// Pass, fail or needs review (see the module docs for which findings decide).
    pub decision: Assessment,
    /// The policy used.
    pub policy: PolicyRef,
    /// The class.
    pub class: ClassSummary,
    /// One line per trainee, in roster order.
    pub trainees: Vec<TraineeAttendance>,
    /// What became of the punches.
    pub punches: PunchSummary,
    /// One line per training day: observed and reported counts.
    pub daily: Vec<DailyLine>,
    /// The monthly sign-in sheets.
    pub sheet: Vec<MonthSheet>,
    /// The consequence of the violation count (FS-M2), when the policy has the rule and the count is given.
    pub escalation: Option<Escalation>,
    /// Every finding, in the order of the policy's rules.
    pub findings: Vec<Finding>,
    /// Assumptions the report rests on (a weekends-only calendar year).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
