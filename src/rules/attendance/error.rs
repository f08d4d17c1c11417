//! What makes an attendance request unanswerable, and the limits that bound its work.

use crate::calendar::CalendarError;
use crate::error::InputCode;
use crate::error::{Code, Explain};
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
/// use peixun::rules::attendance::{AttendanceCode, AttendanceError};
/// let e = AttendanceError::invalid(AttendanceCode::EndBeforeStart, "$.class.end", "x");
/// assert_eq!((e.code().as_str(), e.path().as_str()), ("attendance.end_before_start", "$.class.end"));
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
        code: Code,
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
    /// use peixun::rules::attendance::{AttendanceCode, AttendanceError};
    /// let e = AttendanceError::invalid(AttendanceCode::NoSessions, "$.class.sessions", "none");
    /// assert!(e.to_string().contains("$.class.sessions"));
    /// ```
    pub fn invalid(
        code: impl Into<Code>,
        path: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        AttendanceError::Invalid {
            code: code.into(),
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
    fn code(&self) -> Code {
        match self {
            AttendanceError::Input(e) => e.code.into(),
            AttendanceError::Calendar { error, .. } => error.code(),
            AttendanceError::Invalid { code, .. } => *code,
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
                let what = invalid_wording(*code).wording_zh();
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
                let what = invalid_wording(*code).wording_en();
                format!("{what} at {path}: {detail}")
            }
        }
    }
}

/// The code whose wording an `Invalid` error's message opens with: its own,
/// except an input code other than `input.too_large` (a `days_through`
/// without `days`, `input.missing_field`), which reads "invalid value".
fn invalid_wording(code: Code) -> Code {
    match code {
        Code::Input(InputCode::TooLarge) | Code::Attendance(_) => code,
        _ => InputCode::InvalidValue.into(),
    }
}
