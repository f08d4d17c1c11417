//! Realistic classes for tests and benchmarks, generated deterministically from a seed.
//!
//! A class runs `months` months from Monday 2024-03-04 on the China calendar's
//! working days, one session a day (08:30–16:45, lunch inside it) or two
//! (08:30–11:45, 13:30–16:45; what [`class`] generates), Fushun's rules (30-minute
//! windows, face device). For each trainee and session: most sign in
//! 0–29 minutes before the start and sign out 0–29 minutes after the end; a few
//! are absent, late, forget to sign out, punch twice, take sick or personal
//! leave, or have a device failure with a written note. Daily reports (filed
//! 08:40–08:54, honest about the day as it stands then: present are those who
//! signed in for the first session or have a device-failure note for it), a
//! supervision log and videos come with it. The same seed gives the same class.
//!
//! Used by `tests/attendance.rs` (`mod support;`) and `benches/attendance.rs`
//! (`#[path]`).

#![allow(dead_code)]

use chrono::{Datelike, Months, NaiveDate};
use peixun::calendar::Calendar;
use peixun::policy::kinds::PunchMethod;
use peixun::rules::attendance::{
    AttendanceInput, ClassSchedule, ClockTime, DailyReport, ExceptionNote, ExceptionReason, Leave,
    LeaveKind, Moment, OnsiteInspection, Punch, PunchException, PunchKind, RemoteCheck, Session,
    SupervisionLog, Trainee, Video,
};

/// SplitMix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

fn at(date: NaiveDate, minutes: i64, seconds: u64) -> Moment {
    let m = minutes.clamp(0, 24 * 60 - 1);
    Moment::parse(&format!(
        "{date}T{:02}:{:02}:{:02}+08:00",
        m / 60,
        m % 60,
        seconds % 60
    ))
    .expect("a generated moment is valid")
}

/// The first day of every generated class.
pub fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, 4).expect("a date")
}

/// The trainees' keys: `T001`, `T002`, …
pub fn key(i: usize) -> String {
    format!("T{:03}", i + 1)
}

/// The sessions of a day, in minutes since midnight: one whole-day session, or
/// a morning and an afternoon one.
pub fn sessions(per_day: usize) -> &'static [(i64, i64)] {
    const ONE: [(i64, i64); 1] = [(8 * 60 + 30, 16 * 60 + 45)];
    const TWO: [(i64, i64); 2] = [(8 * 60 + 30, 11 * 60 + 45), (13 * 60 + 30, 16 * 60 + 45)];
    match per_day {
        1 => &ONE,
        2 => &TWO,
        n => panic!("the generator has classes of one or two sessions a day, not {n}"),
    }
}

/// A class of `trainees` trainees over `months` months, two sessions a day.
pub fn class(calendar: &Calendar, trainees: usize, months: u32, seed: u64) -> AttendanceInput {
    class_with_sessions(calendar, trainees, months, 2, seed)
}

/// A class of `trainees` trainees over `months` months with `sessions_per_day`
/// sessions a day (1 or 2, see [`sessions`]). Two sessions give the same class
/// as [`class`] for the same seed.
pub fn class_with_sessions(
    calendar: &Calendar,
    trainees: usize,
    months: u32,
    sessions_per_day: usize,
    seed: u64,
) -> AttendanceInput {
    let mut rng = Rng::new(seed);
    let start = start();
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .expect("a date");
    let days: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| calendar.is_workday(*d).expect("a known year"))
        .collect();
    let sessions = sessions(sessions_per_day);
    let class_id = "2024年大数据开发专业1班期".to_owned();
    let mut punches = Vec::with_capacity(trainees * days.len() * 2 * sessions.len() + 64);
    let mut exceptions = Vec::new();
    let mut leave = Vec::new();
    let mut reports = Vec::with_capacity(days.len());
    let full = ExceptionNote {
        manager_signature: Some(true),
        stamp: Some(true),
        trainee_signature: Some(true),
    };
    for day in &days {
        let (mut present, mut sick, mut personal) = (0, 0, 0);
        for t in 0..trainees {
            let who = key(t);
            // A whole day's leave now and then.
            if rng.chance(15) {
                let kind = if rng.chance(500) {
                    sick += 1;
                    LeaveKind::Sick
                } else {
                    personal += 1;
                    LeaveKind::Personal
                };
                leave.push(Leave {
                    trainee: who,
                    date: *day,
                    session: None,
                    kind,
                });
                continue;
            }
            // Present when the report is filed: the first session's sign-in (or note).
            let mut signed_in = false;
            for (k, &(s, e)) in sessions.iter().enumerate() {
                let roll = rng.below(1000);
                let punch = |kind, m: i64, sec: u64| Punch {
                    trainee: who.clone(),
                    class: Some(class_id.clone()),
                    at: at(*day, m, sec),
                    kind,
                    method: Some(PunchMethod::FaceDevice),
                    device: Some("FD-01".to_owned()),
                };
                match roll {
                    // Absent.
                    0..=14 => {}
                    // Device failure, with a complete written note.
                    15..=19 => {
                        exceptions.push(PunchException {
                            trainee: who.clone(),
                            date: *day,
                            session: Some(k as u32 + 1),
                            reason: ExceptionReason::DeviceFailure,
                            note: Some(full),
                        });
                        signed_in |= k == 0;
                    }
                    // Late sign-in (refused), sign-out on time.
                    20..=29 => {
                        punches.push(punch(PunchKind::SignIn, s + 1 + rng.below(20) as i64, 0));
                        punches.push(punch(PunchKind::SignOut, e + rng.below(30) as i64, 0));
                    }
                    // Forgot to sign out.
                    30..=39 => {
                        punches.push(punch(PunchKind::SignIn, s - rng.below(30) as i64, 0));
                        signed_in |= k == 0;
                    }
                    // Signed in twice.
                    40..=44 => {
                        punches.push(punch(PunchKind::SignIn, s - 25, 0));
                        punches.push(punch(PunchKind::SignIn, s - 5, 0));
                        punches.push(punch(PunchKind::SignOut, e + 3, 0));
                        signed_in |= k == 0;
                    }
                    // On time.
                    _ => {
                        let sec = rng.below(60);
                        punches.push(punch(PunchKind::SignIn, s - 1 - rng.below(29) as i64, sec));
                        punches.push(punch(PunchKind::SignOut, e + rng.below(29) as i64, sec));
                        signed_in |= k == 0;
                    }
                }
            }
            present += u32::from(signed_in);
        }
        reports.push(DailyReport {
            date: *day,
            filed_at: at(*day, 8 * 60 + 40 + rng.below(15) as i64, 0),
            enrolled: trainees as u32,
            present,
            sick_leave: sick,
            personal_leave: personal,
            notes: None,
        });
    }
    // Two signed remote checks on the first and last training day of each week.
    let mut remote = Vec::new();
    let mut week = None;
    for (i, day) in days.iter().enumerate() {
        let w = day.iso_week();
        if week != Some(w) {
            remote.push(RemoteCheck {
                date: *day,
                signed: true,
                supervisor: Some("市中心监管员".to_owned()),
            });
            week = Some(w);
        }
        if days.get(i + 1).is_none_or(|n| n.iso_week() != w) {
            remote.push(RemoteCheck {
                date: *day,
                signed: true,
                supervisor: None,
            });
        }
    }
    // Two videos a month, a week apart, on training days.
    let mut videos = Vec::new();
    let mut month = None;
    for day in &days {
        if month != Some(day.month()) && day.day() <= 20 {
            month = Some(day.month());
            let later = days
                .iter()
                .find(|d| **d >= *day + chrono::Days::new(7))
                .copied()
                .unwrap_or(*day);
            for (n, d) in [*day, later].into_iter().enumerate() {
                videos.push(Video {
                    id: format!("V{}-{n}", d.format("%Y%m%d")),
                    date: d,
                    minutes: 30 + rng.below(30) as u32,
                });
            }
        }
    }
    AttendanceInput {
        policy: Some("fushun-2024-major-conversion".to_owned()),
        unknown_years: Default::default(),
        as_of: None,
        class: ClassSchedule {
            id: class_id,
            major: Some("大数据开发".to_owned()),
            start,
            end,
            sessions: sessions
                .iter()
                .map(|&(s, e)| Session {
                    start: clock(s),
                    end: clock(e),
                    mode: None,
                    lessons: None,
                })
                .collect(),
            days: None,
            days_through: None,
            lessons_per_day: Some(8),
            lesson_minutes: Some(45),
            online_hours: None,
            offline_hours: None,
            practical: None,
            classified: None,
        },
        trainees: (0..trainees)
            .map(|i| Trainee {
                id: key(i),
                name: None,
            })
            .collect(),
        punches,
        exceptions,
        leave,
        daily_reports: Some(reports),
        supervision: Some(SupervisionLog {
            methods: vec!["onsite".to_owned(), "remote".to_owned()],
            remote_checks: remote,
            onsite_inspections: vec![
                OnsiteInspection {
                    date: days[days.len() / 3],
                    inspectors: vec!["王".to_owned(), "李".to_owned()],
                },
                OnsiteInspection {
                    date: days[2 * days.len() / 3],
                    inspectors: vec!["赵".to_owned(), "钱".to_owned()],
                },
            ],
        }),
        violations: Some(0),
        videos: Some(videos),
    }
}

fn clock(minutes: i64) -> ClockTime {
    ClockTime::parse(&format!("{:02}:{:02}", minutes / 60, minutes % 60)).expect("a time")
}
