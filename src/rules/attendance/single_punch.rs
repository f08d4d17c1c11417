//! "May I punch now?": the check a trainee's phone runs before it submits a punch.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::AttendanceError;
use super::input::{china_time, ClassSchedule, ClockTime, Moment, PunchKind, Trainee};
use super::punches::{method_name, method_names, time_of, Windows};
use super::schedule::Schedule;
use super::{clock, punch_rule, with_assumption};
use crate::calendar::{Calendar, UnknownYears};
use crate::policy::kinds::PunchMethod;
use crate::policy::Policy;
use crate::report::{Finding, PolicyRef, Status};
use crate::rules::{finding, Outcome};

/// A single-punch question: this class, this trainee, sign-in or sign-out, at this moment.
///
/// ```
/// let q: peixun::rules::attendance::PunchQuestion = serde_json::from_str(r#"{
///   "class": {"id": "c", "start": "2023-04-03", "end": "2023-04-28", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainee": "T01", "kind": "sign_in", "at": "2023-04-03T08:00:00+08:00"}"#).unwrap();
/// assert_eq!(q.trainee, "T01");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PunchQuestion {
    /// The policy ID (the `punch.check` operation needs it).
    #[serde(default)]
    pub policy: Option<String>,
    /// `refuse` (default) or `assume_weekends_only` (flagged) for a year the calendar does not know.
    #[serde(default)]
    pub unknown_years: UnknownYears,
    /// The class and its schedule.
    pub class: ClassSchedule,
    /// The roster, when the phone has it; a trainee not on it is refused.
    #[serde(default)]
    pub trainees: Option<Vec<Trainee>>,
    /// Who.
    pub trainee: String,
    /// Sign-in or sign-out.
    pub kind: PunchKind,
    /// When (with its UTC offset).
    pub at: Moment,
    /// How the punch would be made (`face_device`, `voucher_qr`, `manual`).
    /// Where the policy accepts only some methods (FS-A2, DL-P6), a question
    /// without one is answered with the methods that count, never with yes.
    #[serde(default)]
    pub method: Option<PunchMethod>,
}

/// Where a punch stands against its windows.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let check = engine.check_punch("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-29", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainee": "T01", "kind": "sign_out", "at": "2024-03-04T11:46:00+08:00"}"#).unwrap();
/// assert_eq!(check.state, peixun::rules::attendance::WindowState::Open);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowState {
    /// A window is open: the punch counts.
    Open,
    /// The next window today (or the class's first) has not opened yet.
    NotYetOpen,
    /// Today's windows have closed.
    Closed,
    /// The class does not train today.
    NoSessionToday,
    /// The class is over.
    ClassOver,
    /// The trainee is not on the roster.
    UnknownTrainee,
}

impl WindowState {
    fn reason(self) -> &'static str {
        match self {
            WindowState::Open => "open",
            WindowState::NotYetOpen => "not_yet_open",
            WindowState::Closed => "closed",
            WindowState::NoSessionToday => "no_session",
            WindowState::ClassOver => "class_over",
            WindowState::UnknownTrainee => "not_on_roster",
        }
    }
}

/// A session on a day, with the window of the kind asked about.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let check = engine.check_punch("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-29", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainee": "T01", "kind": "sign_out", "at": "2024-03-04T11:46:00+08:00"}"#).unwrap();
/// let s = check.session.unwrap();
/// assert_eq!((s.number, s.window_until.to_string()), (1, "2024-03-04T12:15:00+08:00".to_string()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionRef {
    /// The training day.
    #[serde(with = "crate::input::date")]
    pub date: NaiveDate,
    /// The session's number, from 1.
    pub number: u32,
    /// When it starts.
    pub start: ClockTime,
    /// When it ends.
    pub end: ClockTime,
    /// When the window opens.
    pub window_from: Moment,
    /// When it closes (inclusive).
    pub window_until: Moment,
}

/// The answer to a single-punch question.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let check = engine.check_punch("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-29", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainee": "T01", "kind": "sign_out", "at": "2024-03-04T11:46:00+08:00", "method": "face_device"}"#).unwrap();
/// assert!(check.acceptable);
/// assert_eq!(check.next_session.unwrap().date.to_string(), "2024-03-05");
/// assert_eq!(check.findings[0].rule_id, "FS-A2");
///
/// // The same question without the method: FS-A2 counts face-device punches only.
/// let check = engine.check_punch("fushun-2024-major-conversion", r#"{
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-29", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainee": "T01", "kind": "sign_out", "at": "2024-03-04T11:46:00+08:00"}"#).unwrap();
/// assert!(!check.acceptable);
/// assert_eq!(check.required_methods, [peixun::policy::kinds::PunchMethod::FaceDevice]);
/// assert_eq!(check.findings[0].status, peixun::report::Status::Unknown);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PunchCheck {
    /// The policy used.
    pub policy: PolicyRef,
    /// Who.
    pub trainee: String,
    /// Sign-in or sign-out.
    pub kind: PunchKind,
    /// The moment asked about, in China Standard Time.
    pub at: Moment,
    /// Whether a punch now would count: its window is open and, where the
    /// policy accepts only some methods, the question states one of them.
    pub acceptable: bool,
    /// Where it stands.
    pub state: WindowState,
    /// The session whose window is open now.
    pub session: Option<SessionRef>,
    /// When the next window for this kind opens (when it is not open now).
    pub opens_at: Option<Moment>,
    /// When the last window closed, today (when it is not open now).
    pub closed_at: Option<Moment>,
    /// The next session to start after the moment.
    pub next_session: Option<SessionRef>,
    /// The methods that count, when the question states none of them (no
    /// method, or one the policy does not accept); absent otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required_methods: Vec<PunchMethod>,
    /// The punch rule's finding (FS-A2, DL-P6); empty when the policy has no punch rule.
    pub findings: Vec<Finding>,
    /// Assumptions the answer rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

fn moment(date: NaiveDate, secs: u32) -> Moment {
    let t = date
        .and_hms_opt(secs / 3600, secs / 60 % 60, secs % 60)
        .and_then(|t| t.and_local_timezone(china_time()).single());
    match t {
        Some(t) => Moment::from_china(t),
        None => Moment::from_china(
            date.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(china_time()).single())
                .unwrap_or_default(),
        ),
    }
}

/// Answers a single-punch question.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let q: peixun::rules::attendance::PunchQuestion = serde_json::from_str(r#"{
///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-03-29", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainee": "T01", "kind": "sign_in", "at": "2024-03-09T08:15:00+08:00"}"#).unwrap();
/// let policy = engine.policy("fushun-2024-major-conversion").unwrap();
/// let check = peixun::rules::attendance::check_punch(policy, engine.calendar(), &q).unwrap();
/// // A Saturday: no session today; the next window opens Monday at 08:00.
/// assert_eq!(check.opens_at.unwrap().to_string(), "2024-03-11T08:00:00+08:00");
/// ```
pub fn check_punch(
    policy: &Policy,
    calendar: &Calendar,
    q: &PunchQuestion,
) -> Result<PunchCheck, AttendanceError> {
    let assumed;
    let cal = if q.unknown_years == UnknownYears::AssumeWeekendsOnly
        && calendar.unknown_years() == UnknownYears::Refuse
    {
        assumed = calendar
            .clone()
            .with_unknown_years(UnknownYears::AssumeWeekendsOnly);
        &assumed
    } else {
        calendar
    };
    let s = Schedule::build(&q.class, cal, None)?;
    let pr = punch_rule(policy);
    let rule = pr.rule;
    let w = Windows::new(&s.sessions, pr.before, pr.after);
    let date = q.at.date();
    let t = q.at.seconds_of_day();
    let kind = q.kind;
    let session_ref = |day: NaiveDate, i: usize| {
        let (from, until) = w.of(kind)[i];
        SessionRef {
            date: day,
            number: i as u32 + 1,
            start: q.class.sessions[i].start,
            end: q.class.sessions[i].end,
            window_from: moment(day, from),
            window_until: moment(day, until),
        }
    };

    // The next session to start after the moment.
    let from_day = s.days.partition_point(|d| *d < date);
    let mut next_session = None;
    'outer: for &day in &s.days[from_day..] {
        for (i, sess) in s.sessions.iter().enumerate() {
            if day > date || sess.start > t {
                next_session = Some(session_ref(day, i));
                break 'outer;
            }
        }
    }
    // The next window of this kind to open after the moment.
    let mut opens = None;
    'outer2: for &day in &s.days[from_day..] {
        for (i, &(from, _)) in w.of(kind).iter().enumerate() {
            if day > date || from > t {
                opens = Some(session_ref(day, i));
                break 'outer2;
            }
        }
    }
    let today = s.training_day(date);
    let closed_at = today.and_then(|_| {
        w.of(kind)
            .iter()
            .filter(|(_, until)| *until < t)
            .map(|(_, until)| *until)
            .max()
            .map(|u| moment(date, u))
    });

    let on_roster = q
        .trainees
        .as_ref()
        .is_none_or(|list| list.iter().any(|x| x.id == q.trainee));

    let open_now = today.and_then(|_| w.find(kind, t));
    let state = if !on_roster {
        WindowState::UnknownTrainee
    } else if open_now.is_some() {
        WindowState::Open
    } else if today.is_some() {
        if opens.as_ref().is_some_and(|o| o.date == date) {
            WindowState::NotYetOpen
        } else {
            WindowState::Closed
        }
    } else if s.days.first().is_some_and(|d| date < *d) {
        WindowState::NotYetOpen
    } else if s.days.last().is_none_or(|d| date > *d) {
        WindowState::ClassOver
    } else {
        WindowState::NoSessionToday
    };
    let session = match (state, open_now) {
        (WindowState::Open, Some(i)) => Some(session_ref(date, i)),
        _ => None,
    };
    let assumption = if s.explicit_days {
        None
    } else {
        cal.assumption_for(date, date)
    };
    // The method: a punch by another than the policy's counts nowhere, and
    // one whose method the question does not state is not proven to count.
    let method_ok = pr.methods.is_empty() || q.method.is_some_and(|m| pr.methods.contains(&m));
    let (status, reason) = match state {
        WindowState::Open if method_ok => (Status::Pass, state.reason()),
        WindowState::Open if q.method.is_none() => (Status::Unknown, "method_required"),
        WindowState::Open => (Status::Fail, "wrong_method"),
        _ if assumption.is_some() => (Status::Unknown, "assumed_calendar"),
        _ => (Status::Fail, state.reason()),
    };
    let required_methods = if method_ok {
        Vec::new()
    } else {
        pr.methods.clone()
    };
    let shown = |m: &Moment| m.day_minute();
    let finding = rule.map(|rule| {
        let mut o = Outcome::new(status)
            .because(reason)
            .about(q.trainee.clone())
            .fact("trainee", q.trainee.clone())
            .fact("date", date.to_string())
            .fact("time", time_of(t))
            .fact("kind_zh", kind.zh())
            .fact("kind_en", kind.en())
            .fact("class", s.class_id.clone())
            .fact("start", s.start.to_string())
            .fact("end", s.end.to_string())
            .fact(
                "opens_at",
                opens
                    .as_ref()
                    .map(|o| Value::from(shown(&o.window_from)))
                    .unwrap_or(Value::Null),
            )
            .fact(
                "closed_at",
                closed_at
                    .as_ref()
                    .map(|c| Value::from(shown(c)))
                    .unwrap_or(Value::Null),
            )
            .fact(
                "next_session",
                next_session
                    .as_ref()
                    .map(|n| Value::from(format!("{} {}", n.date, n.start)))
                    .unwrap_or(Value::Null),
            );
        if !method_ok && state == WindowState::Open {
            o = o
                .fact("method", method_name(q.method))
                .fact("methods", method_names(&pr.methods));
        }
        if let Some(sr) = &session {
            o = o
                .fact("session", sr.number)
                .fact("session_start", sr.start.to_string())
                .fact("session_end", sr.end.to_string())
                .fact("window_from", clock(w.of(kind)[sr.number as usize - 1].0))
                .fact(
                    "window_until",
                    time_of(w.of(kind)[sr.number as usize - 1].1),
                );
        }
        let mut f = finding(rule, o);
        with_assumption(&mut f, assumption.as_deref());
        f
    });
    Ok(PunchCheck {
        policy: policy.reference(),
        trainee: q.trainee.clone(),
        kind,
        at: q.at,
        acceptable: state == WindowState::Open && method_ok,
        state,
        session,
        opens_at: if state == WindowState::Open {
            None
        } else {
            opens.as_ref().map(|o| o.window_from)
        },
        closed_at: if state == WindowState::Open {
            None
        } else {
            closed_at
        },
        next_session,
        required_methods,
        findings: finding.into_iter().collect(),
        assumptions: assumption.into_iter().collect(),
    })
}
