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

use crate::sorted::SortedMap;

use rust_decimal::Decimal;

pub use daily::{DailyLine, DayCounts, Mark, MonthSheet, SheetDay, SheetRow};
pub use error::{
    AttendanceError, MAX_CLASS_DAYS, MAX_PUNCHES, MAX_RECORDS, MAX_SESSIONS_PER_DAY, MAX_TRAINEES,
};
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
    class_rules, filed_months, opening, rate_part, Schedule, Span, Timetable,
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
        if let RuleKind::PunchWindows {
            sign_in_before_minutes,
            sign_out_after_minutes,
            methods,
        } = &rule.kind
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

fn check_limits(input: &AttendanceInput) -> Result<(), AttendanceError> {
    let too_many = |path: &str, n: usize, limit: usize| {
        if n > limit {
            Err(AttendanceError::invalid(
                "input.too_large",
                path,
                format!("{n} items, limit {limit}"),
            ))
        } else {
            Ok(())
        }
    };
    too_many("$.trainees", input.trainees.len(), MAX_TRAINEES)?;
    too_many("$.punches", input.punches.len(), MAX_PUNCHES)?;
    too_many("$.exceptions", input.exceptions.len(), MAX_RECORDS)?;
    too_many("$.leave", input.leave.len(), MAX_RECORDS)?;
    if let Some(r) = &input.daily_reports {
        too_many("$.daily_reports", r.len(), MAX_RECORDS)?;
    }
    if let Some(v) = &input.videos {
        too_many("$.videos", v.len(), MAX_RECORDS)?;
    }
    if let Some(log) = &input.supervision {
        too_many(
            "$.supervision.remote_checks",
            log.remote_checks.len(),
            MAX_RECORDS,
        )?;
        too_many(
            "$.supervision.onsite_inspections",
            log.onsite_inspections.len(),
            MAX_RECORDS,
        )?;
    }
    Ok(())
}

/// Evaluates a class's attendance under a policy. Linear in the punches (each
/// is placed by a roster lookup and an index computation) plus the
/// trainees × training days × sessions grid.
///
/// Errors: see [`AttendanceError`].
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let input: peixun::rules::attendance::AttendanceInput = serde_json::from_str(r#"{
///   "class": {"id": "c", "start": "2024-02-05", "end": "2024-02-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "trainees": [{"id": "T01"}]}"#).unwrap();
/// let policy = engine.policy("fushun-2024-major-conversion").unwrap();
/// let report = peixun::rules::attendance::evaluate(policy, engine.calendar(), &input).unwrap();
/// assert_eq!(report.class.training_days.len(), 5);
/// ```
pub fn evaluate(
    policy: &Policy,
    calendar: &Calendar,
    input: &AttendanceInput,
) -> Result<AttendanceReport, AttendanceError> {
    check_limits(input)?;
    let assumed;
    let cal = if input.unknown_years == UnknownYears::AssumeWeekendsOnly
        && calendar.unknown_years() == UnknownYears::Refuse
    {
        assumed = calendar
            .clone()
            .with_unknown_years(UnknownYears::AssumeWeekendsOnly);
        &assumed
    } else {
        calendar
    };
    let s = schedule::Schedule::build(&input.class, cal, input.as_of)?;
    let roster = Roster::new(&input.trainees).map_err(|i| {
        AttendanceError::invalid(
            "attendance.duplicate_trainee",
            format!("$.trainees[{i}].id"),
            format!("`{}` is already on the roster", input.trainees[i].id),
        )
    })?;
    let pr = punch_rule(policy);
    let windows = punches::Windows::new(&s.sessions, pr.before, pr.after);
    let mut matched = punches::match_punches(&s, &roster, &input.punches, &windows, &pr.methods);

    let exception_policy = policy.rules.iter().find_map(|r| match &r.kind {
        RuleKind::PunchExceptionNote {
            requires,
            counts_as,
            counts_without_note,
        } => Some(exceptions::ExceptionPolicy {
            requires: requires.clone(),
            counts_as: *counts_as,
            counts_without_note: *counts_without_note,
        }),
        _ => None,
    });
    let exception_outcomes = exceptions::apply_exceptions(
        &s,
        &roster,
        &input.exceptions,
        exception_policy.as_ref(),
        &mut matched.slots,
    )?;
    exceptions::apply_leave(&s, &roster, &input.leave, &mut matched.slots)?;
    let exceptions_count = exception_policy.as_ref().map(|p| p.counts_as);

    let n = input.trainees.len();
    let tallies: Vec<rate::Tally> = (0..n)
        .map(|t| rate::tally(&matched.slots, t, &s.days))
        .collect();
    let observed = daily::observed(&s, &matched.slots, &input.punches, n);
    let keys: Vec<&str> = input.trainees.iter().map(|t| t.id.as_str()).collect();
    // The reading of the first daily-report rule (the default without one).
    let leave_at_filing = policy
        .rules
        .iter()
        .find_map(|r| match &r.kind {
            RuleKind::DailyReport {
                leave_at_filing, ..
            } => Some(*leave_at_filing),
            _ => None,
        })
        .unwrap_or_default();
    let filings = daily::filings(
        &s,
        &matched.slots,
        &input.punches,
        n,
        input.daily_reports.as_deref(),
        leave_at_filing,
    );

    let assumption = s.assumption.as_deref();
    let class_facts = |o: Outcome| {
        o.fact("class", s.class_id.clone())
            .fact("start", ymd(s.start))
            .fact("end", ymd(s.end))
    };
    let mut findings: Vec<Finding> = Vec::new();
    let mut decisive: Vec<Status> = Vec::new();
    let mut emit =
        |rule: &Rule, outcomes: Vec<Outcome>, is_decisive: bool, touches_calendar: bool| {
            for o in outcomes {
                let mut f = finding(rule, o);
                if touches_calendar {
                    with_assumption(&mut f, assumption);
                }
                if is_decisive {
                    decisive.push(f.status);
                }
                findings.push(f);
            }
        };
    let punch_outcomes = || {
        let mut list: Vec<(u32, Outcome)> = matched
            .rejected
            .iter()
            .map(|&(i, r)| {
                (
                    i,
                    punches::rejection_outcome(
                        &s,
                        &windows,
                        &input.punches,
                        &matched.secs,
                        &pr.methods,
                        i,
                        r,
                    ),
                )
            })
            .collect();
        list.extend(matched.incomplete.iter().map(|&(slot, i)| {
            (
                i,
                punches::incomplete_outcome(&s, &windows, &input.punches, &matched.secs, slot, i),
            )
        }));
        let wording = punches::Wording {
            s: &s,
            w: &windows,
            punches: &input.punches,
            secs: &matched.secs,
            methods: &pr.methods,
        };
        list.extend(
            matched
                .unverified
                .iter()
                .map(|&(i, slot)| (i, punches::unverified_outcome(&wording, i, slot))),
        );
        list.extend(
            matched.waiting.iter().map(|&(slot, i, partner)| {
                (i, punches::waiting_outcome(&wording, slot, i, partner))
            }),
        );
        crate::sort::by_key(&mut list, |(i, _)| *i);
        list.into_iter().map(|(_, o)| o).collect::<Vec<_>>()
    };

    // The first threshold rule gives each trainee's line.
    let mut lines: Vec<Option<ThresholdLine>> = vec![None; n];
    let mut escalation = None;
    let mut exceptions_done = false;
    let mut threshold_seen = false;
    for rule in &policy.rules {
        let is_punch_rule = pr.rule.is_some_and(|r| std::ptr::eq(r, rule));
        match &rule.kind {
            RuleKind::TrainingDuration { per_major, .. } => emit(
                rule,
                schedule::DurationRule::of(&rule.kind)
                    .map(|d| {
                        class_facts(schedule::training_duration(
                            &s.span,
                            input.class.major.as_deref(),
                            d,
                            per_major,
                        ))
                    })
                    .into_iter()
                    .collect(),
                true,
                // Rest days counted to the end of the months rest on the calendar.
                s.span.counted_end != s.span.end,
            ),
            RuleKind::WorkingDaysOnly {} => emit(
                rule,
                schedule::working_days(&s)
                    .into_iter()
                    .map(class_facts)
                    .collect(),
                true,
                true,
            ),
            RuleKind::DailyLessons {
                min_lessons,
                lesson_minutes,
            } => emit(
                rule,
                schedule::lessons(&s, &input.class, *min_lessons, *lesson_minutes)
                    .into_iter()
                    .map(class_facts)
                    .collect(),
                true,
                false,
            ),
            RuleKind::AttendanceThreshold { .. } | RuleKind::TrainingStandard { .. } => {
                let th = match &rule.kind {
                    RuleKind::AttendanceThreshold {
                        min_rate,
                        leave_counts_as_attended,
                    } => rate::Threshold {
                        min_rate: *min_rate,
                        leave_counts: *leave_counts_as_attended,
                        strictness: Strictness::Strict,
                    },
                    RuleKind::TrainingStandard {
                        min_rate,
                        leave_counts_as_attended,
                        strictness,
                        ..
                    } => {
                        // The Fushun standard's parts but the rate, each with its status.
                        let schedule_outcomes = schedule::standard_parts(
                            &rule.kind,
                            &s.span,
                            input.class.major.as_deref(),
                            Some(schedule::Timetable {
                                schedule: &s,
                                class: &input.class,
                            }),
                            rule.in_force.or(policy.in_force),
                        );
                        emit(
                            rule,
                            schedule_outcomes.into_iter().map(class_facts).collect(),
                            true,
                            true,
                        );
                        rate::Threshold {
                            min_rate: *min_rate,
                            leave_counts: *leave_counts_as_attended,
                            strictness: *strictness,
                        }
                    }
                    _ => continue,
                };
                let mut outcomes = Vec::with_capacity(n);
                for (i, t) in input.trainees.iter().enumerate() {
                    let (o, meets, r) =
                        rate::threshold_outcome(&t.id, &tallies[i], th, exceptions_count);
                    let o = match rule.kind {
                        RuleKind::TrainingStandard { .. } => schedule::rate_part(o),
                        _ => o,
                    };
                    if !threshold_seen {
                        lines[i] = Some(ThresholdLine {
                            status: o.status,
                            meets,
                            rate: r,
                            min_rate: th.min_rate,
                            rule: rule.id.clone(),
                            leave_counts: th.leave_counts,
                        });
                    }
                    outcomes.push(o);
                }
                threshold_seen = true;
                emit(rule, outcomes, true, true);
            }
            RuleKind::PunchWindows { .. } if is_punch_rule => {
                emit(rule, punch_outcomes(), false, true)
            }
            RuleKind::PunchExceptionNote { .. } if !exceptions_done => {
                exceptions_done = true;
                emit(rule, exception_outcomes.clone(), false, false)
            }
            RuleKind::DailyReport {
                file_before,
                leave_at_filing,
            } => emit(
                rule,
                daily::reconcile(
                    &s,
                    &filings,
                    input.daily_reports.as_deref(),
                    &keys,
                    (file_before, *leave_at_filing),
                )
                .into_iter()
                .map(class_facts)
                .collect(),
                true,
                true,
            ),
            RuleKind::Supervision {
                min_methods,
                remote_checks_per_week,
                onsite_per_class,
                inspectors_per_onsite,
                partial_weeks,
            } => emit(
                rule,
                supervision::supervision(
                    &s,
                    input.supervision.as_ref(),
                    supervision::SupervisionRule {
                        min_methods: *min_methods,
                        remote_per_week: *remote_checks_per_week,
                        onsite_per_class: *onsite_per_class,
                        inspectors_per_onsite: *inspectors_per_onsite,
                        partial_weeks: *partial_weeks,
                    },
                )
                .into_iter()
                .map(class_facts)
                .collect(),
                false,
                true,
            ),
            RuleKind::ViolationEscalation { steps } => {
                let (o, e) = supervision::escalation(input.violations, steps);
                escalation = e;
                emit(rule, vec![o], true, false)
            }
            RuleKind::VideoEvidence {
                min_videos,
                min_per_month,
                min_gap_days,
                min_minutes,
                spacing,
            } => emit(
                rule,
                video::video_evidence(
                    &s,
                    input.videos.as_deref(),
                    video::VideoRule {
                        min_videos: *min_videos,
                        min_per_month: *min_per_month,
                        min_gap_days: *min_gap_days,
                        min_minutes: *min_minutes,
                        spacing: *spacing,
                    },
                )
                .into_iter()
                .map(class_facts)
                .collect(),
                true,
                true,
            ),
            RuleKind::OnlineShareLimit {
                max_share,
                practical_only,
                strictness,
            } => emit(
                rule,
                vec![class_facts(schedule::online_share(
                    &s,
                    &input.class,
                    *max_share,
                    *practical_only,
                    *strictness,
                ))],
                true,
                false,
            ),
            RuleKind::TrainingVideoKept {} => emit(
                rule,
                video::video_kept(&s, &input.class, input.videos.as_deref())
                    .into_iter()
                    .map(class_facts)
                    .collect(),
                true,
                true,
            ),
            _ => {}
        }
    }

    let exception_choice = match exceptions_count {
        Some(ExceptionCounts::Attended) => "attended",
        Some(ExceptionCounts::Excused) => "excused",
        None => "not_assessed",
    };
    let trainees: Vec<TraineeAttendance> = input
        .trainees
        .iter()
        .zip(&tallies)
        .zip(lines)
        .map(|((t, tally), line)| {
            let (status, meets, r, threshold, rule, leave_counts) = match line {
                Some(l) => (
                    Some(l.status),
                    l.meets,
                    l.rate,
                    Some(l.min_rate),
                    Some(l.rule),
                    l.leave_counts,
                ),
                None => (
                    None,
                    None,
                    rate::rate(tally, false, exceptions_count),
                    None,
                    None,
                    false,
                ),
            };
            TraineeAttendance {
                trainee: t.id.clone(),
                name: t.name.clone(),
                expected_sessions: tally.expected,
                attended_sessions: tally.attended,
                excepted_sessions: tally.excepted,
                sick_leave: tally.sick,
                personal_leave: tally.personal,
                undetermined_sessions: tally.undetermined,
                missed_sessions: tally.missed,
                counted_sessions: r.counted,
                rate_base: r.base,
                attended_days: tally.attended_dates.len() as u32,
                attended_dates: tally.attended_dates.clone(),
                rate: r.rate,
                threshold,
                meets_threshold: meets,
                status,
                rule,
                leave_choice: if leave_counts {
                    "counts_as_attended"
                } else {
                    "counts_as_absent"
                }
                .to_owned(),
                exception_choice: exception_choice.to_owned(),
            }
        })
        .collect();

    let mut by_reason: SortedMap<&'static str, u32> = SortedMap::new();
    let mut reported: Vec<ReportedPunch> = matched
        .rejected
        .iter()
        .map(|&(i, r)| ReportedPunch {
            punch: i,
            reason: r.reason(),
        })
        .chain(matched.incomplete.iter().map(|&(_, i)| ReportedPunch {
            punch: i,
            reason: "incomplete",
        }))
        .chain(matched.unverified.iter().map(|&(i, _)| ReportedPunch {
            punch: i,
            reason: "method_unstated",
        }))
        .chain(matched.waiting.iter().map(|&(_, i, _)| ReportedPunch {
            punch: i,
            reason: "partner_unstated",
        }))
        .collect();
    crate::sort::by_key(&mut reported, |r| r.punch);
    for r in &reported {
        *by_reason.entry(r.reason).or_default() += 1;
    }
    let attended_sessions: u32 = tallies.iter().map(|t| t.attended).sum();
    let punches = PunchSummary {
        total: input.punches.len() as u32,
        counted: 2 * attended_sessions,
        rejected: matched.rejected.len() as u32,
        incomplete: matched.incomplete.len() as u32,
        undetermined: (matched.unverified.len() + matched.waiting.len()) as u32,
        by_reason,
        reported,
    };

    let sheet = daily::sheets(&s, &keys, &tallies);
    let daily = daily::lines(
        &s,
        &observed,
        &filings,
        input.daily_reports.as_deref(),
        &keys,
    );
    let class = ClassSummary {
        id: s.class_id.clone(),
        start: s.start,
        end: s.end,
        sessions: input.class.sessions.clone(),
        training_days: s.all_days.clone(),
        as_of: input.as_of,
        counted_days: s.days.len() as u32,
        expected_sessions: (s.days.len() * s.sessions.len()) as u32,
        makeup_days: s
            .all_days
            .iter()
            .copied()
            .filter(|d| {
                s.info(*d)
                    .is_some_and(|i| i.kind == crate::calendar::DayKind::MakeupWorkday)
            })
            .collect(),
    };
    Ok(AttendanceReport {
        decision: Assessment::from_statuses(decisive),
        policy: policy.reference(),
        class,
        trainees,
        punches,
        daily,
        sheet,
        escalation,
        findings,
        assumptions: s.assumption.clone().into_iter().collect(),
    })
}

/// What the first threshold rule said about one trainee.
#[derive(Debug, Clone)]
struct ThresholdLine {
    status: Status,
    meets: Option<bool>,
    rate: rate::Rate,
    min_rate: Decimal,
    rule: String,
    leave_counts: bool,
}
