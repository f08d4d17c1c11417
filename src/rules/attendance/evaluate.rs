//! [`evaluate`]: a class's attendance under a policy. The class's schedule is
//! built and every punch, exception and leave placed once ([`Prepared`]);
//! then each rule of the policy is evaluated by the function of its kind
//! (one exhaustive match: a kind this family does not evaluate says so by
//! name); then the report is assembled from the tallies.

use super::*;
use crate::error::{AttendanceCode, InputCode};
use crate::policy::kinds::{self, AttendanceKind};

fn check_limits(input: &AttendanceInput) -> Result<(), AttendanceError> {
    let too_many = |path: &str, n: usize, limit: usize| {
        if n > limit {
            Err(AttendanceError::invalid(
                InputCode::TooLarge,
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
    let p = Prepared::new(policy, cal, input)?;
    let mut run = Run::new(input.trainees.len());
    for rule in &policy.rules {
        if let Some(e) = p.rule(rule, &mut run) {
            run.emit(rule, e, p.s.assumption.as_deref());
        }
    }
    Ok(p.report(run))
}

/// What a rule of this family found: its outcomes, whether they decide the
/// class's assessment, and whether they rest on the calendar (and so carry its
/// assumption for a year without a holiday notice).
struct Emitted {
    outcomes: Vec<Outcome>,
    decisive: bool,
    calendar: bool,
}

impl Emitted {
    fn new(outcomes: Vec<Outcome>, decisive: bool, calendar: bool) -> Self {
        Emitted {
            outcomes,
            decisive,
            calendar,
        }
    }
}

/// The class's schedule with every punch, exception and leave placed, the
/// per-trainee tallies and the daily reports' filings: what every rule reads.
struct Prepared<'a> {
    policy: &'a Policy,
    input: &'a AttendanceInput,
    s: Schedule,
    pr: PunchRule<'a>,
    windows: punches::Windows,
    matched: punches::Matched,
    exception_outcomes: Vec<Outcome>,
    exceptions_count: Option<ExceptionCounts>,
    tallies: Vec<rate::Tally>,
    observed: Vec<DayCounts>,
    filings: Vec<Option<daily::Filing>>,
    keys: Vec<&'a str>,
}

/// What the rules found so far: the findings, the statuses that decide, each
/// trainee's line from the first threshold rule, the escalation.
struct Run {
    findings: Vec<Finding>,
    decisive: Vec<Status>,
    lines: Vec<Option<ThresholdLine>>,
    escalation: Option<Escalation>,
    exceptions_done: bool,
    threshold_seen: bool,
}

impl Run {
    fn new(trainees: usize) -> Self {
        Run {
            findings: Vec::new(),
            decisive: Vec::new(),
            lines: vec![None; trainees],
            escalation: None,
            exceptions_done: false,
            threshold_seen: false,
        }
    }

    fn emit(&mut self, rule: &Rule, e: Emitted, assumption: Option<&str>) {
        for o in e.outcomes {
            let mut f = finding(rule, o);
            if e.calendar {
                with_assumption(&mut f, assumption);
            }
            if e.decisive {
                self.decisive.push(f.status);
            }
            self.findings.push(f);
        }
    }
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

impl<'a> Prepared<'a> {
    fn new(
        policy: &'a Policy,
        cal: &Calendar,
        input: &'a AttendanceInput,
    ) -> Result<Self, AttendanceError> {
        let s = schedule::Schedule::build(&input.class, cal, input.as_of)?;
        let roster = Roster::new(&input.trainees).map_err(|i| {
            AttendanceError::invalid(
                AttendanceCode::DuplicateTrainee,
                format!("$.trainees[{i}].id"),
                format!("`{}` is already on the roster", input.trainees[i].id),
            )
        })?;
        let pr = punch_rule(policy);
        let windows = punches::Windows::new(&s.sessions, pr.before, pr.after);
        let mut matched =
            punches::match_punches(&s, &roster, &input.punches, &windows, &pr.methods);

        let exception_policy = policy.rules.iter().find_map(|r| {
            let RuleKind::PunchExceptionNote(k) = &r.kind else {
                return None;
            };
            Some(exceptions::ExceptionPolicy {
                requires: k.requires.clone(),
                counts_as: k.counts_as,
                counts_without_note: k.counts_without_note,
            })
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
            .find_map(|r| {
                let RuleKind::DailyReport(k) = &r.kind else {
                    return None;
                };
                Some(k.leave_at_filing)
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
        Ok(Prepared {
            policy,
            input,
            s,
            pr,
            windows,
            matched,
            exception_outcomes,
            exceptions_count,
            tallies,
            observed,
            filings,
            keys,
        })
    }

    /// The class's facts every class-level finding carries.
    fn class_facts(&self, o: Outcome) -> Outcome {
        o.fact("class", self.s.class_id.clone())
            .fact("start", ymd(self.s.start))
            .fact("end", ymd(self.s.end))
    }

    fn class_level(&self, outcomes: Vec<Outcome>, decisive: bool, calendar: bool) -> Emitted {
        Emitted::new(
            outcomes.into_iter().map(|o| self.class_facts(o)).collect(),
            decisive,
            calendar,
        )
    }

    /// The rule's findings, by its kind; `None` for a kind of another family
    /// (`RuleKind::family`).
    fn rule(&self, rule: &Rule, run: &mut Run) -> Option<Emitted> {
        let s = &self.s;
        let class = &self.input.class;
        // The attendance family's kinds, every one named: a kind registered
        // in the family without an arm here does not compile.
        match rule.kind.as_attendance()? {
            AttendanceKind::TrainingDuration(kinds::TrainingDuration { per_major, .. }) => Some(
                self.class_level(
                    schedule::DurationRule::of(&rule.kind)
                        .map(|d| {
                            schedule::training_duration(
                                &s.span,
                                class.major.as_deref(),
                                d,
                                per_major,
                            )
                        })
                        .into_iter()
                        .collect(),
                    true,
                    // Rest days counted to the end of the months rest on the calendar.
                    s.span.counted_end != s.span.end,
                ),
            ),
            AttendanceKind::WorkingDaysOnly(_) => {
                Some(self.class_level(schedule::working_days(s), true, true))
            }
            AttendanceKind::DailyLessons(kinds::DailyLessons {
                min_lessons,
                lesson_minutes,
            }) => Some(self.class_level(
                schedule::lessons(s, class, *min_lessons, *lesson_minutes),
                true,
                false,
            )),
            AttendanceKind::AttendanceThreshold(kinds::AttendanceThreshold {
                min_rate,
                leave_counts_as_attended,
            }) => Some(self.threshold(
                rule,
                rate::Threshold {
                    min_rate: *min_rate,
                    leave_counts: *leave_counts_as_attended,
                    strictness: Strictness::Strict,
                },
                run,
            )),
            AttendanceKind::TrainingStandard(kinds::TrainingStandard {
                min_rate,
                leave_counts_as_attended,
                strictness,
                ..
            }) => {
                // The Fushun standard's parts but the rate, each with its status.
                let parts = schedule::standard_parts(
                    &rule.kind,
                    &s.span,
                    class.major.as_deref(),
                    Some(schedule::Timetable { schedule: s, class }),
                    rule.in_force.or(self.policy.in_force),
                );
                run.emit(
                    rule,
                    self.class_level(parts, true, true),
                    s.assumption.as_deref(),
                );
                Some(self.threshold(
                    rule,
                    rate::Threshold {
                        min_rate: *min_rate,
                        leave_counts: *leave_counts_as_attended,
                        strictness: *strictness,
                    },
                    run,
                ))
            }
            AttendanceKind::PunchWindows(_) => self
                .pr
                .rule
                .is_some_and(|r| std::ptr::eq(r, rule))
                .then(|| Emitted::new(self.punch_outcomes(), false, true)),
            AttendanceKind::PunchExceptionNote(_) => (!run.exceptions_done).then(|| {
                run.exceptions_done = true;
                Emitted::new(self.exception_outcomes.clone(), false, false)
            }),
            AttendanceKind::DailyReport(kinds::DailyReport {
                file_before,
                leave_at_filing,
            }) => Some(self.class_level(
                daily::reconcile(
                    s,
                    &self.filings,
                    self.input.daily_reports.as_deref(),
                    &self.keys,
                    (file_before, *leave_at_filing),
                ),
                true,
                true,
            )),
            AttendanceKind::Supervision(kinds::Supervision {
                min_methods,
                remote_checks_per_week,
                onsite_per_class,
                inspectors_per_onsite,
                partial_weeks,
            }) => Some(self.class_level(
                supervision::supervision(
                    s,
                    self.input.supervision.as_ref(),
                    supervision::SupervisionRule {
                        min_methods: *min_methods,
                        remote_per_week: *remote_checks_per_week,
                        onsite_per_class: *onsite_per_class,
                        inspectors_per_onsite: *inspectors_per_onsite,
                        partial_weeks: *partial_weeks,
                    },
                ),
                false,
                true,
            )),
            AttendanceKind::ViolationEscalation(kinds::ViolationEscalation { steps }) => {
                let (o, e) = supervision::escalation(self.input.violations, steps);
                run.escalation = e;
                Some(Emitted::new(vec![o], true, false))
            }
            AttendanceKind::VideoEvidence(kinds::VideoEvidence {
                min_videos,
                min_per_month,
                min_gap_days,
                min_minutes,
                spacing,
            }) => Some(self.class_level(
                video::video_evidence(
                    s,
                    self.input.videos.as_deref(),
                    video::VideoRule {
                        min_videos: *min_videos,
                        min_per_month: *min_per_month,
                        min_gap_days: *min_gap_days,
                        min_minutes: *min_minutes,
                        spacing: *spacing,
                    },
                ),
                true,
                true,
            )),
            AttendanceKind::OnlineShareLimit(kinds::OnlineShareLimit {
                max_share,
                practical_only,
                strictness,
            }) => Some(self.class_level(
                vec![schedule::online_share(
                    s,
                    class,
                    *max_share,
                    *practical_only,
                    *strictness,
                )],
                true,
                false,
            )),
            AttendanceKind::TrainingVideoKept(_) => Some(self.class_level(
                video::video_kept(s, class, self.input.videos.as_deref()),
                true,
                true,
            )),
        }
    }

    /// Each trainee's rate against a threshold (DL-T4, FS-A1's rate); the
    /// first threshold rule gives each trainee's line of the report.
    fn threshold(&self, rule: &Rule, th: rate::Threshold, run: &mut Run) -> Emitted {
        let mut outcomes = Vec::with_capacity(self.input.trainees.len());
        for (i, t) in self.input.trainees.iter().enumerate() {
            let (o, meets, r) =
                rate::threshold_outcome(&t.id, &self.tallies[i], th, self.exceptions_count);
            let o = if let RuleKind::TrainingStandard(_) = rule.kind {
                schedule::rate_part(o)
            } else {
                o
            };
            if !run.threshold_seen {
                run.lines[i] = Some(ThresholdLine {
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
        run.threshold_seen = true;
        Emitted::new(outcomes, true, true)
    }

    /// The punches neither counted (refused, incomplete, undetermined) in
    /// the punch file's order, each worded by the punch rule.
    fn punch_outcomes(&self) -> Vec<Outcome> {
        let (s, m, punches) = (&self.s, &self.matched, &self.input.punches);
        let mut list: Vec<(u32, Outcome)> = m
            .rejected
            .iter()
            .map(|&(i, r)| {
                (
                    i,
                    punches::rejection_outcome(
                        s,
                        &self.windows,
                        punches,
                        &m.secs,
                        &self.pr.methods,
                        i,
                        r,
                    ),
                )
            })
            .collect();
        list.extend(m.incomplete.iter().map(|&(slot, i)| {
            (
                i,
                punches::incomplete_outcome(s, &self.windows, punches, &m.secs, slot, i),
            )
        }));
        let wording = punches::Wording {
            s,
            w: &self.windows,
            punches,
            secs: &m.secs,
            methods: &self.pr.methods,
        };
        list.extend(
            m.unverified
                .iter()
                .map(|&(i, slot)| (i, punches::unverified_outcome(&wording, i, slot))),
        );
        list.extend(
            m.waiting.iter().map(|&(slot, i, partner)| {
                (i, punches::waiting_outcome(&wording, slot, i, partner))
            }),
        );
        crate::sort::by_key(&mut list, |(i, _)| *i);
        list.into_iter().map(|(_, o)| o).collect()
    }

    /// The report: each trainee's tallies and line, the punches, the daily
    /// lines and sheet, the class, and the findings.
    fn report(self, run: Run) -> AttendanceReport {
        let Prepared {
            policy,
            input,
            s,
            matched,
            exceptions_count,
            tallies,
            observed,
            filings,
            keys,
            ..
        } = self;
        let exception_choice = match exceptions_count {
            Some(ExceptionCounts::Attended) => "attended",
            Some(ExceptionCounts::Excused) => "excused",
            None => "not_assessed",
        };
        let trainees: Vec<TraineeAttendance> = input
            .trainees
            .iter()
            .zip(&tallies)
            .zip(run.lines)
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
        AttendanceReport {
            decision: Assessment::from_statuses(run.decisive),
            policy: policy.reference(),
            class,
            trainees,
            punches,
            daily,
            sheet,
            escalation: run.escalation,
            findings: run.findings,
            assumptions: s.assumption.clone().into_iter().collect(),
        }
    }
}
