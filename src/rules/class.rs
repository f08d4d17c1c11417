//! The class (班期) as it was filed: its dates, name and major, its filing and
//! set-up, and its filed timetable. The deadline planner, a claim and the
//! attendance rules on a claim's class all read it; it depends on nothing of
//! theirs but the attendance module's schedule types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::attendance::{ClassSchedule, Day, Session};

/// A class (班期): its dates, name and major, and how it was filed and set up.
///
/// Only `start` and `end` are required. The optional dates are what actually
/// happened; the deadline planner checks each one given, a claim needs them.
///
/// ```
/// let c: peixun::rules::claim::ClassInfo =
///     peixun::input::from_json(r#"{"start": "2023-10-09", "end": "2024-01-26"}"#, 1024).unwrap();
/// assert_eq!(c.start.to_string(), "2023-10-09");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassInfo {
    /// The class name, e.g. `2023年大数据开发专业1班期` (FS-P1).
    #[serde(default)]
    pub name: Option<String>,
    /// The name on the online platform, when it is known (FS-P1: identical).
    #[serde(default)]
    pub online_name: Option<String>,
    /// The major (专业).
    #[serde(default)]
    pub major: Option<String>,
    /// First training day (opening, 开班).
    #[serde(with = "crate::input::date")]
    pub start: NaiveDate,
    /// Last training day (结课).
    #[serde(with = "crate::input::date")]
    pub end: NaiveDate,
    /// The filed duration in whole months. Checked, never taken: it must be
    /// the months the class's dates give and within DL-T1 / FS-A1's months (a
    /// claim-level finding), and DL-S1 never pays more months than the dates
    /// and the rule allow, whatever it says.
    #[serde(default)]
    pub filed_months: Option<u32>,
    /// Number of trainees: the class's size (for planning; in a claim, the
    /// class JZ-S1's employment rate is taken over, whoever the roster lists).
    #[serde(default)]
    pub trainees: Option<u32>,
    /// When the class was filed (备案).
    #[serde(default, with = "crate::input::date::option")]
    pub filed_on: Option<NaiveDate>,
    /// When the filing was approved (经同意).
    #[serde(default, with = "crate::input::date::option")]
    pub approved_on: Option<NaiveDate>,
    /// The last day of enrolment (planning; a claim has each trainee's date).
    #[serde(default, with = "crate::input::date::option")]
    pub enrolment_closed_on: Option<NaiveDate>,
    /// When acceptance (结课验收) was applied for.
    #[serde(default, with = "crate::input::date::option")]
    pub acceptance_applied_on: Option<NaiveDate>,
    /// First day of publicity (公示).
    #[serde(default, with = "crate::input::date::option")]
    pub publicity_start: Option<NaiveDate>,
    /// When the subsidy was paid (JZ-P1).
    #[serde(default, with = "crate::input::date::option")]
    pub paid_on: Option<NaiveDate>,
    /// Face recognition working before opening (FS-P1).
    #[serde(default)]
    pub face_recognition: Option<bool>,
    /// Remote video monitoring working before opening (FS-P1).
    #[serde(default)]
    pub remote_video: Option<bool>,
    /// A classified (涉密) unit or class: exempt from "no record, no subsidy" (JZ-V2).
    #[serde(default)]
    pub classified: Option<bool>,
    /// Sessions on each training day of the filed timetable: with the training
    /// days from `start` to `end`, it fixes every trainee's expected sessions.
    #[serde(default)]
    pub sessions_per_day: Option<u32>,
    /// The filed timetable (课程表, part of the class's filing), for a claim
    /// whose attendance is given as summaries: DL-T2, DL-T3 and FS-A1's working
    /// days and lessons are checked on it, and are unknown without it. A claim
    /// that carries raw attendance gives its timetable there
    /// (`attendance.class`), not here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timetable: Option<ClassTimetable>,
}

/// A class's filed timetable (课程表) as a claim carries it: the sessions of a
/// training day and, as the attendance check's class schedule
/// ([`ClassSchedule`]) reads them, the days it lists (absent: every working day
/// from the class's first to its last day), how far they go, and the lessons.
///
/// ```
/// let c: peixun::rules::claim::ClassInfo = peixun::input::from_json(r#"{
///   "start": "2023-10-09", "end": "2024-02-08",
///   "timetable": {"sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}],
///                 "lessons_per_day": 6, "lesson_minutes": 45}}"#, 4096).unwrap();
/// let t = c.timetable.unwrap();
/// assert_eq!((t.sessions.len(), t.lessons_per_day, t.days), (2, Some(6), None));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassTimetable {
    /// The sessions of each training day, in China Standard Time, in order.
    pub sessions: Vec<Session>,
    /// The training days the timetable lists; absent: every working day of the class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Vec<Day>>,
    /// A partial timetable: the last day `days` covers.
    #[serde(
        default,
        with = "crate::input::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub days_through: Option<NaiveDate>,
    /// Lessons (课时) per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lessons_per_day: Option<u32>,
    /// Minutes per lesson.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_minutes: Option<u32>,
}

impl ClassInfo {
    /// Sessions on each training day: as stated, else the filed timetable's.
    ///
    /// ```
    /// let c: peixun::rules::claim::ClassInfo = peixun::input::from_json(r#"{
    ///   "start": "2023-10-09", "end": "2024-02-08",
    ///   "timetable": {"sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}]}}"#, 4096).unwrap();
    /// assert_eq!(c.sessions_per_day(), Some(2));
    /// ```
    pub fn sessions_per_day(&self) -> Option<u32> {
        self.sessions_per_day.or_else(|| {
            self.timetable
                .as_ref()
                .and_then(|t| u32::try_from(t.sessions.len()).ok())
        })
    }
}

impl ClassTimetable {
    /// The class schedule the attendance rules read: the class's dates, name
    /// and major with this timetable.
    pub(crate) fn schedule(&self, class: &ClassInfo) -> ClassSchedule {
        ClassSchedule {
            id: class.name.clone().unwrap_or_default(),
            major: class.major.clone(),
            start: class.start,
            end: class.end,
            sessions: self.sessions.clone(),
            days: self.days.clone(),
            days_through: self.days_through,
            lessons_per_day: self.lessons_per_day,
            lesson_minutes: self.lesson_minutes,
            online_hours: None,
            offline_hours: None,
            practical: None,
            classified: None,
        }
    }
}
