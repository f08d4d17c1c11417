//! What makes an attendance request unanswerable, and the limits that bound its work.

use crate::calendar::CalendarError;
use crate::error::Explain;
use crate::input::InputError;

/// The most trainees in one class.
///
/// ```
/// assert_eq!(peixun::rules::attendance::MAX_TRAINEES, 500);
/// ```
pub const MAX_TRAINEES: usize = 500;
/// The most days from a class's first to its last day (a year and a day).
///
/// ```
/// assert_eq!(peixun::rules::attendance::MAX_CLASS_DAYS, 366);
/// ```
pub const MAX_CLASS_DAYS: i64 = 366;
/// The most sessions in a training day.
///
/// ```
/// assert_eq!(peixun::rules::attendance::MAX_SESSIONS_PER_DAY, 8);
/// ```
pub const MAX_SESSIONS_PER_DAY: usize = 8;
/// The most punches in one request (500 trainees, six months, two sessions, two punches, twice over).
///
/// ```
/// assert_eq!(peixun::rules::attendance::MAX_PUNCHES, 250_000);
/// ```
pub const MAX_PUNCHES: usize = 250_000;
/// The most exceptions, leave records, reports, checks or videos of each kind.
///
/// ```
/// assert_eq!(peixun::rules::attendance::MAX_RECORDS, 100_000);
/// ```
pub const MAX_RECORDS: usize = 100_000;

/// Why an attendance request cannot be answered. Every variant has a stable
/// code and the JSON path of the field at fault.
///
/// | code | when |
/// |---|---|
/// | `input.*` | the JSON does not fit (see [`crate::input`]), including `input.missing_offset` and `input.invalid_time` for moments |
/// | `input.too_large` | more trainees, days, sessions, punches or records than the limits above |
/// | `calendar.year_unknown` | a class day in a year with no holiday notice, without `"unknown_years": "assume_weekends_only"` |
/// | `attendance.end_before_start` | the class ends before it starts |
/// | `attendance.no_sessions` | a schedule with no session |
/// | `attendance.session_end_before_start` | a session that ends before (or when) it starts |
/// | `attendance.sessions_overlap` | sessions out of order or overlapping |
/// | `attendance.day_outside_class` | a listed training day outside the class's dates, or listed twice |
/// | `attendance.duplicate_trainee` | the same trainee twice on the roster |
/// | `attendance.unknown_trainee` | leave or an exception for someone not on the roster |
/// | `attendance.not_a_training_day` | leave or an exception on a day the class does not train |
/// | `attendance.session_out_of_range` | a session number the day does not have |
///
/// ```
/// use peixun::error::Explain;
/// let e = peixun::rules::attendance::AttendanceError::invalid("attendance.end_before_start", "$.class.end", "x");
/// assert_eq!((e.code(), e.path().as_str()), ("attendance.end_before_start", "$.class.end"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttendanceError {
    /// The JSON does not fit.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The calendar cannot answer (a year it does not know).
    #[error("{path}: {error}")]
    Calendar {
        /// The field whose date the calendar could not place.
        path: String,
        /// What the calendar said.
        error: CalendarError,
    },
    /// A schedule or record that cannot be right.
    #[error("[{code}] {path}: {detail}")]
    Invalid {
        /// Stable code, `attendance.*` or `input.too_large`.
        code: &'static str,
        /// JSON path of the field.
        path: String,
        /// What is wrong, in English.
        detail: String,
    },
}

impl AttendanceError {
    /// An invalid-request error.
    ///
    /// ```
    /// let e = peixun::rules::attendance::AttendanceError::invalid("attendance.no_sessions", "$.class.sessions", "none");
    /// assert!(e.to_string().contains("$.class.sessions"));
    /// ```
    pub fn invalid(code: &'static str, path: impl Into<String>, detail: impl Into<String>) -> Self {
        AttendanceError::Invalid {
            code,
            path: path.into(),
            detail: detail.into(),
        }
    }

    pub(crate) fn calendar(path: impl Into<String>, error: CalendarError) -> Self {
        AttendanceError::Calendar {
            path: path.into(),
            error,
        }
    }
}

impl Explain for AttendanceError {
    fn code(&self) -> &'static str {
        match self {
            AttendanceError::Input(e) => e.code,
            AttendanceError::Calendar { error, .. } => error.code(),
            AttendanceError::Invalid { code, .. } => code,
        }
    }
    fn path(&self) -> String {
        match self {
            AttendanceError::Input(e) => e.path.clone(),
            AttendanceError::Calendar { path, .. } => path.clone(),
            AttendanceError::Invalid { path, .. } => path.clone(),
        }
    }
    fn message_zh(&self) -> String {
        match self {
            AttendanceError::Input(e) => e.message_zh(),
            AttendanceError::Calendar { path, error } => {
                format!("{}（位置 {path}）", error.message_zh())
            }
            AttendanceError::Invalid { code, path, detail } => {
                let what = match *code {
                    "input.too_large" => "输入过大",
                    "attendance.end_before_start" => "班期结束日期早于开始日期",
                    "attendance.no_sessions" => "课程表没有任何课次",
                    "attendance.session_end_before_start" => "课次结束时间不晚于开始时间",
                    "attendance.sessions_overlap" => "课次顺序错误或时间重叠",
                    "attendance.day_outside_class" => "培训日不在班期内或重复",
                    "attendance.duplicate_trainee" => "花名册中学员重复",
                    "attendance.unknown_trainee" => "学员不在花名册中",
                    "attendance.not_a_training_day" => "该日不是本班培训日",
                    "attendance.session_out_of_range" => "课次编号超出当日课次",
                    _ => "输入值无效",
                };
                format!("{what}（位置 {path}）：{detail}")
            }
        }
    }
    fn message_en(&self) -> String {
        match self {
            AttendanceError::Input(e) => e.message_en(),
            AttendanceError::Calendar { path, error } => {
                format!("{} (at {path})", error.message_en())
            }
            AttendanceError::Invalid { code, path, detail } => {
                let what = match *code {
                    "input.too_large" => "input too large",
                    "attendance.end_before_start" => "the class ends before it starts",
                    "attendance.no_sessions" => "the schedule has no session",
                    "attendance.session_end_before_start" => {
                        "a session does not end after it starts"
                    }
                    "attendance.sessions_overlap" => "sessions out of order or overlapping",
                    "attendance.day_outside_class" => {
                        "a training day outside the class or listed twice"
                    }
                    "attendance.duplicate_trainee" => "a trainee twice on the roster",
                    "attendance.unknown_trainee" => "a trainee not on the roster",
                    "attendance.not_a_training_day" => "not a training day of the class",
                    "attendance.session_out_of_range" => "no such session on the day",
                    _ => "invalid value",
                };
                format!("{what} at {path}: {detail}")
            }
        }
    }
}
