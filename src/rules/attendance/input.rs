//! What an institution (or a trainee's phone) tells the engine about a class, as JSON.
//!
//! Dates are `YYYY-MM-DD`; times of day are `HH:MM` in China Standard Time;
//! moments are RFC 3339 **with** a UTC offset (`2023-04-03T08:10:00+08:00`, or
//! `…Z`); a moment with another offset is converted to China Standard Time. A
//! moment without an offset is `input.missing_offset`, one that cannot exist
//! (`2024-03-04T25:10:00+08:00`) is `input.invalid_time`; both name the field.
//! Unknown fields are refused everywhere, so a misspelt field cannot vanish.

use crate::error::InputCode;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::UnknownYears;
use crate::input::coded_zh;
use crate::policy::kinds::PunchMethod;

const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(o) => o,
    None => panic!("UTC+08:00 is a valid offset"),
};

/// China Standard Time, UTC+08:00 (no daylight saving).
///
/// ```
/// assert_eq!(peixun::rules::attendance::china_time().local_minus_utc(), 8 * 3600);
/// ```
pub fn china_time() -> FixedOffset {
    CHINA
}

/// A moment: an RFC 3339 timestamp with a required UTC offset, kept in China
/// Standard Time.
///
/// ```
/// use peixun::rules::attendance::Moment;
/// let m = Moment::parse("2023-04-03T00:10:00Z").unwrap();
/// assert_eq!(m.to_string(), "2023-04-03T08:10:00+08:00");
/// assert_eq!(Moment::parse("2023-04-03T08:10:00").unwrap_err().0, "input.missing_offset");
/// assert_eq!(Moment::parse("2024-03-04T25:10:00+08:00").unwrap_err().0, "input.invalid_time");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    at: DateTime<FixedOffset>,
    /// The day in China, worked out once (every punch is placed by it).
    date: NaiveDate,
    /// Seconds since midnight in China, worked out once.
    secs: u32,
}

impl Moment {
    /// Parses an RFC 3339 timestamp; the error is `(code, detail)`.
    ///
    /// ```
    /// let m = peixun::rules::attendance::Moment::parse("2023-04-03T09:10:00+09:00").unwrap();
    /// assert_eq!((m.date().to_string(), m.seconds_of_day()), ("2023-04-03".into(), 8 * 3600 + 600));
    /// ```
    pub fn parse(s: &str) -> Result<Moment, (InputCode, String)> {
        Moment::parse_explained(s).map_err(|(code, en, _)| (code, en))
    }

    /// [`Moment::parse`] with the detail in English and in Chinese.
    pub(crate) fn parse_explained(s: &str) -> Result<Moment, (InputCode, String, String)> {
        let invalid = |en: &str, zh: &str| {
            (
                InputCode::InvalidTime,
                format!("`{s}` {en}"),
                format!("`{s}` {zh}"),
            )
        };
        let b = s.as_bytes();
        let shape = b.len() >= 19
            && matches!(b[10], b'T' | b't' | b' ')
            && crate::input::date::has_date_time_shape(b);
        if !shape {
            return Err(invalid(
                "is not a moment of the form YYYY-MM-DDTHH:MM:SS+08:00",
                "不是 YYYY-MM-DDTHH:MM:SS+08:00 形式的时刻",
            ));
        }
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(invalid(
                    "has an empty fraction of a second",
                    "的秒的小数部分为空",
                ));
            }
            rest = &frac[digits..];
        }
        // The shape is checked: every field is ASCII digits.
        let num =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
        let exists = crate::input::date::parse(&s[..10]).is_ok()
            && crate::input::date::time_exists(num(11..13), num(14..16), num(17..19));
        if !exists {
            return Err(invalid(
                "is not a date and time that exists",
                "这个日期时间不存在",
            ));
        }
        if rest.is_empty() {
            return Err((
                InputCode::MissingOffset,
                format!("`{s}` has no UTC offset: write it as `{s}+08:00` (China Standard Time) or with its own offset"),
                format!("`{s}` 没有时区偏移：请写成 `{s}+08:00`（北京时间）或带上它自己的偏移"),
            ));
        }
        let offset_ok = rest.eq_ignore_ascii_case("z")
            || (rest.len() == 6
                && matches!(rest.as_bytes()[0], b'+' | b'-')
                && rest.as_bytes()[3] == b':');
        if !offset_ok {
            return Err(invalid(
                "has an offset that is not `Z` or `±HH:MM`",
                "的时区偏移不是 `Z` 或 `±HH:MM`",
            ));
        }
        crate::input::date::rfc3339(s)
            .map(Moment::from_china)
            .ok_or_else(|| invalid("is not a valid RFC 3339 moment", "不是有效的 RFC 3339 时刻"))
    }

    /// A moment given in China Standard Time.
    pub(crate) fn from_china(t: DateTime<FixedOffset>) -> Moment {
        let at = t.with_timezone(&china_time());
        let local = at.naive_local();
        Moment {
            at,
            date: local.date(),
            secs: local.time().num_seconds_from_midnight(),
        }
    }

    /// The moment in China Standard Time.
    ///
    /// ```
    /// let m = peixun::rules::attendance::Moment::parse("2023-04-03T00:10:00Z").unwrap();
    /// assert_eq!(m.china().offset().local_minus_utc(), 8 * 3600);
    /// ```
    pub fn china(&self) -> DateTime<FixedOffset> {
        self.at
    }

    /// The day in China.
    ///
    /// ```
    /// // 23:30 UTC is already the next day in China.
    /// let m = peixun::rules::attendance::Moment::parse("2023-04-02T23:30:00Z").unwrap();
    /// assert_eq!(m.date().to_string(), "2023-04-03");
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Seconds since midnight in China.
    ///
    /// ```
    /// let m = peixun::rules::attendance::Moment::parse("2023-04-03T08:00:30+08:00").unwrap();
    /// assert_eq!(m.seconds_of_day(), 8 * 3600 + 30);
    /// ```
    pub fn seconds_of_day(&self) -> u32 {
        self.secs
    }

    /// The day and minute in China, `YYYY-MM-DD HH:MM`, for messages.
    ///
    /// ```
    /// let m = peixun::rules::attendance::Moment::parse("2023-04-03T00:10:59Z").unwrap();
    /// assert_eq!(m.day_minute(), "2023-04-03 08:10");
    /// ```
    pub fn day_minute(&self) -> String {
        format!(
            "{} {:02}:{:02}",
            self.date,
            self.secs / 3600,
            self.secs / 60 % 60
        )
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::input::date::format_moment(&self.at))
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Moment::parse_explained(&s)
            .map_err(|(code, en, zh)| serde::de::Error::custom(coded_zh(code, en, zh)))
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A time of day, `HH:MM`, in China Standard Time.
///
/// ```
/// use peixun::rules::attendance::ClockTime;
/// assert_eq!(ClockTime::parse("08:30").unwrap().seconds(), 8 * 3600 + 30 * 60);
/// assert!(ClockTime::parse("24:10").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(NaiveTime);

impl ClockTime {
    /// Parses `HH:MM`.
    ///
    /// ```
    /// use peixun::rules::attendance::ClockTime;
    /// assert_eq!(ClockTime::parse("13:30").unwrap().to_string(), "13:30");
    /// assert!(ClockTime::parse("1:30").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<ClockTime, String> {
        ClockTime::parse_explained(s).map_err(|(en, _)| en)
    }

    /// [`ClockTime::parse`] with the error in English and in Chinese.
    pub(crate) fn parse_explained(s: &str) -> Result<ClockTime, (String, String)> {
        let b = s.as_bytes();
        let shape = b.len() == 5
            && b[2] == b':'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit());
        if !shape {
            return Err((
                format!("`{s}` is not a time of day of the form HH:MM"),
                format!("`{s}` 不是 HH:MM 形式的时间"),
            ));
        }
        // Digits checked above; what chrono's `%H:%M` accepts, read by hand.
        let num = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
        NaiveTime::from_hms_opt(num(0), num(3), 0)
            .map(ClockTime)
            .ok_or_else(|| {
                (
                    format!("`{s}` is not a time of day that exists"),
                    format!("`{s}` 这个时间不存在"),
                )
            })
    }

    /// Seconds since midnight.
    ///
    /// ```
    /// assert_eq!(peixun::rules::attendance::ClockTime::parse("00:01").unwrap().seconds(), 60);
    /// ```
    pub fn seconds(&self) -> u32 {
        self.0.num_seconds_from_midnight()
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ClockTime::parse_explained(&s)
            .map_err(|(en, zh)| serde::de::Error::custom(coded_zh(InputCode::InvalidTime, en, zh)))
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A calendar day, `YYYY-MM-DD` (for lists of days).
///
/// ```
/// let d: peixun::rules::attendance::Day = serde_json::from_str(r#""2023-04-23""#).unwrap();
/// assert_eq!(d.0.to_string(), "2023-04-23");
/// assert!(serde_json::from_str::<peixun::rules::attendance::Day>(r#""2023-02-30""#).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::input::date::deserialize(d).map(Day)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::input::date::serialize(&self.0, s)
    }
}

/// Everything about one class's attendance. Only `class` is required; a record
/// that is absent (`null`) makes the rules that need it "unknown", an empty list
/// means "there are none".
///
/// ```
/// let input: peixun::rules::attendance::AttendanceInput = serde_json::from_str(r#"{
///   "class": {"id": "2023年大数据开发专业1班期", "start": "2023-04-03", "end": "2023-04-07",
///             "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}],
///   "punches": [{"trainee": "T01", "at": "2023-04-03T08:10:00+08:00", "kind": "sign_in"}]
/// }"#).unwrap();
/// assert_eq!(input.punches.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    /// The policy ID (the `attendance` operation needs it; the CLI takes `--policy`).
    #[serde(default)]
    pub policy: Option<String>,
    /// `refuse` (the default: a year with no holiday notice is
    /// `calendar.year_unknown`) or `assume_weekends_only` (every finding that
    /// rests on the assumption is flagged), as for claims and deadlines.
    #[serde(default)]
    pub unknown_years: UnknownYears,
    /// Count attendance up to this day, included (a class in progress); absent:
    /// the whole class. Training days after it are *upcoming*: not expected,
    /// not reported missing, and a punch on one is refused (`after_as_of`).
    #[serde(default, with = "crate::input::date::option")]
    pub as_of: Option<NaiveDate>,
    /// The class and its filed schedule.
    pub class: ClassSchedule,
    /// The roster.
    #[serde(default)]
    pub trainees: Vec<Trainee>,
    /// Check-in punches, in any order.
    #[serde(default)]
    pub punches: Vec<Punch>,
    /// Punch exceptions with their written notes (FS-A4).
    #[serde(default)]
    pub exceptions: Vec<PunchException>,
    /// Approved sick and personal leave.
    #[serde(default)]
    pub leave: Vec<Leave>,
    /// The daily attendance reports (FS-A3); absent when not given.
    #[serde(default)]
    pub daily_reports: Option<Vec<DailyReport>>,
    /// The supervision log (FS-M1); absent when not given.
    #[serde(default)]
    pub supervision: Option<SupervisionLog>,
    /// The institution's number of violations so far (FS-M2).
    #[serde(default)]
    pub violations: Option<u32>,
    /// The class videos (FS-C2, LC-S2); absent when not given.
    #[serde(default)]
    pub videos: Option<Vec<Video>>,
}

/// A class (班期) and its filed schedule.
///
/// ```
/// let c: peixun::rules::attendance::ClassSchedule = serde_json::from_str(r#"{"id": "c",
///   "start": "2023-04-21", "end": "2023-05-08", "days": ["2023-04-23", "2023-05-06"],
///   "sessions": [{"start": "08:30", "end": "11:45"}], "lessons_per_day": 6, "lesson_minutes": 45}"#).unwrap();
/// assert_eq!(c.days.unwrap().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassSchedule {
    /// The class's ID or name, e.g. `2023年大数据开发专业1班期`; punches for another class are reported.
    pub id: String,
    /// The major (for the per-major duration of DL-T1).
    #[serde(default)]
    pub major: Option<String>,
    /// First day of training.
    #[serde(with = "crate::input::date")]
    pub start: NaiveDate,
    /// Last day of training.
    #[serde(with = "crate::input::date")]
    pub end: NaiveDate,
    /// The sessions of each training day, in China Standard Time, in order.
    pub sessions: Vec<Session>,
    /// The filed training days, when the timetable lists them; otherwise every
    /// working day from `start` to `end` (make-up working days included).
    #[serde(default)]
    pub days: Option<Vec<Day>>,
    /// A partial timetable: the last day that `days` covers. Absent, `days` is
    /// the whole timetable. With it, the working days after it are taken as
    /// training days (DL-T2's reading), which the timetable does not show, so
    /// DL-T2 and FS-A1 can find working days left out up to it but cannot pass.
    #[serde(
        default,
        with = "crate::input::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub days_through: Option<NaiveDate>,
    /// Lessons (课时) per day.
    #[serde(default)]
    pub lessons_per_day: Option<u32>,
    /// Minutes per lesson.
    #[serde(default)]
    pub lesson_minutes: Option<u32>,
    /// Online theory hours (课时) (IP-A1), as the class states them: compared
    /// with the timetable's (training days × each session's mode and lessons).
    #[serde(default)]
    pub online_hours: Option<u32>,
    /// Offline hours (课时) (IP-A1), compared likewise.
    #[serde(default)]
    pub offline_hours: Option<u32>,
    /// Whether this is practical skills training (IP-A1 caps only that).
    #[serde(default)]
    pub practical: Option<bool>,
    /// Whether the class is classified (涉密班期; LC-S2 exempts it).
    #[serde(default)]
    pub classified: Option<bool>,
}

/// One session of a training day.
///
/// ```
/// let s: peixun::rules::attendance::Session = serde_json::from_str(r#"{"start": "08:30", "end": "11:45"}"#).unwrap();
/// assert!(s.start < s.end);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// When it starts.
    pub start: ClockTime,
    /// When it ends.
    pub end: ClockTime,
    /// Whether the session is online or offline (IP-A1 counts the hours of
    /// each from the timetable when every session says it and its lessons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SessionMode>,
    /// The lessons (课时) the session holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lessons: Option<u32>,
}

/// How a session is taught (IP-A1: online theory, offline practice).
///
/// ```
/// let s: peixun::rules::attendance::Session = serde_json::from_str(
///     r#"{"start": "08:30", "end": "10:00", "mode": "online", "lessons": 2}"#).unwrap();
/// assert_eq!(s.mode, Some(peixun::rules::attendance::SessionMode::Online));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionMode {
    /// Online (线上), e.g. live or recorded theory.
    Online,
    /// Offline (线下), in the classroom or workshop.
    Offline,
}

/// A trainee on the roster.
///
/// ```
/// let t: peixun::rules::attendance::Trainee = serde_json::from_str(r#"{"id": "T01", "name": "张三"}"#).unwrap();
/// assert_eq!(t.name.as_deref(), Some("张三"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trainee {
    /// The key punches and records use (a roster number, a masked ID…).
    pub id: String,
    /// The name, for people reading the report.
    #[serde(default)]
    pub name: Option<String>,
}

/// Sign-in or sign-out.
///
/// ```
/// let k: peixun::rules::attendance::PunchKind = serde_json::from_str(r#""sign_out""#).unwrap();
/// assert_eq!(k, peixun::rules::attendance::PunchKind::SignOut);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PunchKind {
    /// 签到.
    SignIn,
    /// 签退.
    SignOut,
}

impl PunchKind {
    /// `签到` / `签退`.
    ///
    /// ```
    /// assert_eq!(peixun::rules::attendance::PunchKind::SignIn.zh(), "签到");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            PunchKind::SignIn => "签到",
            PunchKind::SignOut => "签退",
        }
    }
    /// `sign-in` / `sign-out`.
    ///
    /// ```
    /// assert_eq!(peixun::rules::attendance::PunchKind::SignOut.en(), "sign-out");
    /// ```
    pub fn en(self) -> &'static str {
        match self {
            PunchKind::SignIn => "sign-in",
            PunchKind::SignOut => "sign-out",
        }
    }
}

/// One check-in punch.
///
/// ```
/// let p: peixun::rules::attendance::Punch = serde_json::from_str(r#"{"trainee": "T01",
///   "at": "2023-04-03T08:10:00+08:00", "kind": "sign_in", "method": "face_device", "device": "FD-01"}"#).unwrap();
/// assert_eq!(p.class, None); // this class
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Punch {
    /// The trainee's key.
    pub trainee: String,
    /// The class the punch was made for; absent means this class.
    #[serde(default)]
    pub class: Option<String>,
    /// When, with its UTC offset.
    pub at: Moment,
    /// Sign-in or sign-out.
    pub kind: PunchKind,
    /// How: face device, voucher QR, manual.
    #[serde(default)]
    pub method: Option<PunchMethod>,
    /// The device that recorded it.
    #[serde(default)]
    pub device: Option<String>,
}

/// Why a trainee could not punch (FS-A4).
///
/// ```
/// let r: peixun::rules::attendance::ExceptionReason = serde_json::from_str(r#""device_failure""#).unwrap();
/// assert_eq!(r.en(), "device failure");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionReason {
    /// 设备出现问题不能及时进行打卡.
    DeviceFailure,
    /// 培训学员无法实现打卡.
    UnableToPunch,
    /// 其他需要说明情况.
    Other,
}

impl ExceptionReason {
    /// The case in Chinese.
    ///
    /// ```
    /// assert_eq!(peixun::rules::attendance::ExceptionReason::UnableToPunch.zh(), "学员无法打卡");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            ExceptionReason::DeviceFailure => "设备故障不能打卡",
            ExceptionReason::UnableToPunch => "学员无法打卡",
            ExceptionReason::Other => "其他情况",
        }
    }
    /// The case in English.
    ///
    /// ```
    /// assert_eq!(peixun::rules::attendance::ExceptionReason::Other.en(), "other case");
    /// ```
    pub fn en(self) -> &'static str {
        match self {
            ExceptionReason::DeviceFailure => "device failure",
            ExceptionReason::UnableToPunch => "trainee unable to punch",
            ExceptionReason::Other => "other case",
        }
    }
}

/// The written note behind an exception: what it carries (`null` or absent: not stated).
///
/// ```
/// let n: peixun::rules::attendance::ExceptionNote =
///     serde_json::from_str(r#"{"manager_signature": true, "stamp": false}"#).unwrap();
/// assert_eq!(n.trainee_signature, None); // not stated
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionNote {
    /// Signed by the institution's management staff (管理人员签字).
    #[serde(default)]
    pub manager_signature: Option<bool>,
    /// Stamped (盖章).
    #[serde(default)]
    pub stamp: Option<bool>,
    /// Signed by the trainee (学员本人签字).
    #[serde(default)]
    pub trainee_signature: Option<bool>,
}

impl ExceptionNote {
    /// Whether the note carries `item` (a name from the policy's `requires`).
    ///
    /// ```
    /// let n = peixun::rules::attendance::ExceptionNote { stamp: Some(true), ..Default::default() };
    /// assert_eq!(n.item("stamp"), Some(true));
    /// assert_eq!(n.item("trainee_signature"), None);
    /// ```
    pub fn item(&self, item: &str) -> Option<bool> {
        match item {
            "manager_signature" => self.manager_signature,
            "stamp" => self.stamp,
            "trainee_signature" => self.trainee_signature,
            _ => None,
        }
    }
}

/// A punch exception: a session (or a whole day) a trainee could not punch.
///
/// ```
/// let e: peixun::rules::attendance::PunchException = serde_json::from_str(r#"{"trainee": "T01",
///   "date": "2023-04-04", "session": 2, "reason": "device_failure",
///   "note": {"manager_signature": true, "stamp": true, "trainee_signature": true}}"#).unwrap();
/// assert_eq!(e.session, Some(2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PunchException {
    /// The trainee's key.
    pub trainee: String,
    /// The training day.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// The session, from 1; absent for every session of the day.
    #[serde(default)]
    pub session: Option<u32>,
    /// Why.
    pub reason: ExceptionReason,
    /// The written note; absent when there is none.
    #[serde(default)]
    pub note: Option<ExceptionNote>,
}

/// Sick or personal leave.
///
/// ```
/// let k: peixun::rules::attendance::LeaveKind = serde_json::from_str(r#""personal""#).unwrap();
/// assert_eq!(k, peixun::rules::attendance::LeaveKind::Personal);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveKind {
    /// 病假.
    Sick,
    /// 事假.
    Personal,
}

/// Approved leave for a session or a whole day.
///
/// ```
/// let l: peixun::rules::attendance::Leave =
///     serde_json::from_str(r#"{"trainee": "T01", "date": "2023-04-04", "kind": "sick"}"#).unwrap();
/// assert_eq!(l.session, None); // the whole day
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leave {
    /// The trainee's key.
    pub trainee: String,
    /// The training day.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// The session, from 1; absent for every session of the day.
    #[serde(default)]
    pub session: Option<u32>,
    /// Sick or personal.
    pub kind: LeaveKind,
}

/// One day's attendance report (日出勤情况报告单, FS-A3).
///
/// ```
/// let r: peixun::rules::attendance::DailyReport = serde_json::from_str(r#"{"date": "2023-04-04",
///   "filed_at": "2023-04-04T08:50:00+08:00", "enrolled": 50, "present": 48, "sick_leave": 1, "personal_leave": 1}"#).unwrap();
/// assert_eq!(r.present, 48);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DailyReport {
    /// The day reported.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// When it was filed (上报时间).
    pub filed_at: Moment,
    /// Enrolled trainees (班级学员数).
    pub enrolled: u32,
    /// Present (实际出勤学员数).
    pub present: u32,
    /// On sick leave (病假学员数).
    pub sick_leave: u32,
    /// On personal leave (事假学员数).
    pub personal_leave: u32,
    /// Other notes (其他需要说明情况).
    #[serde(default)]
    pub notes: Option<String>,
}

/// The centre's supervision log for the class (FS-M1).
///
/// ```
/// let log: peixun::rules::attendance::SupervisionLog = serde_json::from_str(r#"{"methods": ["onsite", "remote"],
///   "remote_checks": [{"date": "2023-04-04", "signed": true}],
///   "onsite_inspections": [{"date": "2023-04-05", "inspectors": ["王", "李"]}]}"#).unwrap();
/// assert_eq!(log.onsite_inspections[0].inspectors.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionLog {
    /// Supervision methods used besides the logged checks (e.g. `onsite`, `remote`, `video_review`).
    #[serde(default)]
    pub methods: Vec<String>,
    /// Remote checks.
    #[serde(default)]
    pub remote_checks: Vec<RemoteCheck>,
    /// On-site inspections.
    #[serde(default)]
    pub onsite_inspections: Vec<OnsiteInspection>,
}

/// One remote check.
///
/// ```
/// let c: peixun::rules::attendance::RemoteCheck = serde_json::from_str(r#"{"date": "2023-04-04", "signed": false}"#).unwrap();
/// assert!(!c.signed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteCheck {
    /// When.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// Signed by the supervisor.
    pub signed: bool,
    /// Who.
    #[serde(default)]
    pub supervisor: Option<String>,
}

/// One on-site inspection.
///
/// ```
/// let i: peixun::rules::attendance::OnsiteInspection =
///     serde_json::from_str(r#"{"date": "2023-04-05", "inspectors": ["王"]}"#).unwrap();
/// assert_eq!(i.inspectors, ["王"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnsiteInspection {
    /// When.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// Who inspected.
    pub inspectors: Vec<String>,
}

/// One class video (FS-C2).
///
/// ```
/// let v: peixun::rules::attendance::Video =
///     serde_json::from_str(r#"{"id": "V1", "date": "2023-04-10", "minutes": 45}"#).unwrap();
/// assert_eq!(v.minutes, 45);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Video {
    /// Its name or number.
    pub id: String,
    /// When it was recorded.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// Its length in whole minutes.
    pub minutes: u32,
}
