//! Per-person checks: eligibility, attendance, documents, information checks, the class's employment.

use super::*;
use crate::policy::kinds::{
    self, AmountKind, AttendanceKind, ClaimKind, DatesKind, EligibilityKind, KindView,
};

/// The class's employment after training (JZ-S1): the class is the unit, its
/// declared size the denominator, and a trainee the claim does not list is
/// unknown, never absent.
#[derive(Debug, Clone, Default)]
pub(super) struct Employment {
    /// The class's size as the claim declares it (`class.trainees`).
    pub(super) class_size: Option<u32>,
    /// The distinct trainees the claim lists.
    pub(super) listed: u32,
    /// Listed and employed by the definitions' "就业".
    pub(super) employed: u32,
    /// Listed and not employed (as stated, or below the definition).
    pub(super) not_employed: u32,
    /// Listed, and whether employed cannot be told.
    pub(super) unknown: u32,
    /// Per row: the definitions' finding on the trainee's stated employment.
    pub(super) per_row: Vec<Option<Outcome>>,
}

/// `None` when certificates are not stated; `Some(None)` when none counts for
/// DL-S1; else the best tier's certificate.
pub(super) fn certificate_tier(certs: Option<&[CertificateHeld]>) -> Option<Option<Certificate>> {
    let certs = certs?;
    let has = |k: Certificate| certs.iter().any(|c| c.kind == k);
    Some(if has(Certificate::Qualification) {
        Some(Certificate::Qualification)
    } else if has(Certificate::SkillLevel) {
        Some(Certificate::SkillLevel)
    } else if has(Certificate::SpecialAbility) {
        Some(Certificate::SpecialAbility)
    } else {
        None
    })
}

pub(super) fn certificate_in(
    certs: Option<&[CertificateHeld]>,
    accepted: &[Certificate],
) -> Option<bool> {
    certs.map(|c| c.iter().any(|c| accepted.contains(&c.kind)))
}

/// A per-day line's own group condition: `None` when a listed group the person
/// states counts by its definition (the line goes on to the days), else the
/// line: a stated group whose definition's facts are not all stated leaves it
/// unknown, one they contradict does not count, and no group is nothing.
pub(super) fn group_line(person: &Person, s: &Standing) -> Option<LineOutcome> {
    if !s.holds.is_empty() {
        None
    } else if !s.undetermined.is_empty() {
        Some(LineOutcome::unknown("definitions"))
    } else if !s.not_counted.is_empty() {
        Some(LineOutcome::nothing("definitions"))
    } else if person.key_groups.is_none() {
        Some(LineOutcome::unknown("group"))
    } else {
        Some(LineOutcome::nothing("group"))
    }
}

/// The group facts of a per-day line: the groups that count (`matched_*`) and,
/// where the policy defines groups, those that do not count yet or at all.
pub(super) fn group_facts(
    lo: LineOutcome,
    person: &Person,
    s: &Standing,
    defined: bool,
) -> LineOutcome {
    let lo = lo
        .fact("matched_zh", group_labels(&s.holds, true))
        .fact("matched_en", group_labels(&s.holds, false));
    if !defined {
        return lo;
    }
    let stated: Vec<KeyGroup> = person.key_groups.clone().unwrap_or_default();
    lo.fact(
        "key_groups_zh",
        if person.key_groups.is_some() {
            group_labels(&stated, true)
        } else {
            Value::Null
        },
    )
    .fact(
        "key_groups_en",
        if person.key_groups.is_some() {
            group_labels(&stated, false)
        } else {
            Value::Null
        },
    )
    .fact("undetermined_zh", group_labels(&s.undetermined, true))
    .fact("undetermined_en", group_labels(&s.undetermined, false))
    .fact("not_counted_zh", group_labels(&s.not_counted, true))
    .fact("not_counted_en", group_labels(&s.not_counted, false))
}

pub(super) fn missing_items(required: &[String], have: Option<&[String]>) -> (Status, Vec<String>) {
    match have {
        None => (Status::Unknown, Vec::new()),
        Some(have) => {
            let missing: Vec<String> = required
                .iter()
                .filter(|r| !have.iter().any(|h| h.trim() == r.as_str()))
                .cloned()
                .collect();
            (
                if missing.is_empty() {
                    Status::Pass
                } else {
                    Status::Fail
                },
                missing,
            )
        }
    }
}

/// DL-T4 / FS-A1 on a trainee's summary: the rate against the threshold, once
/// the summary holds against the class's calendar. A summary the calendar
/// rules out fails (nothing is paid on it), one that cannot be checked is
/// unknown; each names the figures.
pub(super) fn attendance_outcome(
    a: Option<&AttendanceSummary>,
    min_rate: Decimal,
    leave_counts: bool,
    soft: bool,
    check: &SummaryCheck,
) -> Outcome {
    let base = |o: Outcome| {
        o.fact("min_rate", rate_percent(min_rate))
            .fact("leave_counts", leave_counts)
            .fact("expected_sessions", opt(a.map(|a| a.expected_sessions)))
            .fact("attended_sessions", opt(a.map(|a| a.attended_sessions)))
            .fact("sick_leave", opt(a.map(|a| a.sick_leave)))
            .fact("personal_leave", opt(a.map(|a| a.personal_leave)))
    };
    let Some(s) = a else {
        return base(Outcome::new(Status::Unknown).because("missing"))
            .fact("attendance_rate", Value::Null);
    };
    let (status, reason) = match check {
        SummaryCheck::Agrees => (Status::Pass, ""),
        SummaryCheck::Contradicts { .. } => (Status::Fail, "summary"),
        SummaryCheck::Unchecked => (Status::Unknown, "summary_unchecked"),
        SummaryCheck::Disagree(_) => (Status::Unknown, "summary_disagree"),
    };
    if status != Status::Pass {
        let mut o = base(Outcome::new(status).because(reason))
            .fact("attended_days", s.attended_days)
            .fact("attendance_rate", Value::Null);
        for (k, v) in check.facts() {
            o = o.fact(k, v);
        }
        return o;
    }
    let counted = if leave_counts {
        s.attended_sessions + s.sick_leave + s.personal_leave
    } else {
        s.attended_sessions
    };
    let meets = Decimal::from(counted) >= min_rate * Decimal::from(s.expected_sessions);
    let (status, reason) = match (meets, soft) {
        (true, _) => (Status::Pass, "met"),
        (false, false) => (Status::Fail, "below"),
        // 原则上: below the threshold "in principle" is for a person to weigh.
        (false, true) => (Status::Unknown, "below_in_principle"),
    };
    base(Outcome::new(status).because(reason))
        .fact("attendance_rate", percent(counted, s.expected_sessions))
        .fact("counted_sessions", counted)
}

pub(super) fn documents_outcome(
    t: &Trainee,
    required: &[String],
    natives_elsewhere: &[String],
) -> Outcome {
    let mut need: Vec<String> = required.to_vec();
    // 辽宁籍 graduates who studied outside the city (外埠, read literally) also
    // bring the household-registration proof.
    let native = t
        .eligibility
        .hukou_province
        .as_ref()
        .map(|p| p.code() == "21");
    let mut unknown_extra = false;
    match (native, t.school_in_city) {
        (Some(true), Some(false)) => need.extend(natives_elsewhere.iter().cloned()),
        (Some(false), _) | (_, Some(true)) => {}
        _ => unknown_extra = !natives_elsewhere.is_empty(),
    }
    let (mut status, missing) = missing_items(&need, t.documents.as_deref());
    if status == Status::Pass && unknown_extra {
        // The extra proof may be needed: unless it is there anyway, a person must look.
        let have_extra = natives_elsewhere
            .iter()
            .all(|x| t.documents.iter().flatten().any(|h| h.trim() == x));
        if !have_extra {
            status = Status::Unknown;
        }
    }
    let (zh, en) = labels(&missing);
    Outcome::new(status)
        .because(
            if unknown_extra && status == Status::Unknown && t.documents.is_some() {
                "native_elsewhere"
            } else {
                "documents"
            },
        )
        .fact("missing_zh", zh)
        .fact("missing_en", en)
        .fact("school_in_city", opt(t.school_in_city))
}

pub(super) fn checks_outcome(t: &Trainee, when: &[String], class: Option<&ClassInfo>) -> Outcome {
    let done = t.information_checks.clone().unwrap_or_default();
    let mut missing = Vec::new();
    let mut late = Vec::new();
    let mut unknown = t.information_checks.is_none();
    for w in when {
        let (value, ok_date): (Option<CheckDone>, Box<dyn Fn(chrono::NaiveDate) -> bool>) =
            match w.as_str() {
                "before_start" => (
                    done.before_start,
                    Box::new(move |d| class.is_none_or(|c| d <= c.start)),
                ),
                "at_end" => (
                    done.at_end,
                    Box::new(move |d| class.is_none_or(|c| d >= c.end)),
                ),
                _ => continue,
            };
        match value {
            Some(CheckDone::Done(true)) => {}
            Some(CheckDone::Done(false)) => missing.push(w.clone()),
            Some(CheckDone::On(d)) if ok_date(d) => {}
            Some(CheckDone::On(_)) => late.push(w.clone()),
            None => unknown = true,
        }
    }
    let (status, reason) = if !missing.is_empty() {
        (Status::Fail, "missing")
    } else if !late.is_empty() {
        (Status::Fail, "timing")
    } else if unknown {
        (Status::Unknown, "missing")
    } else {
        (Status::Pass, "done")
    };
    let shown = |c: Option<CheckDone>| match c {
        Some(CheckDone::Done(b)) => Value::from(b),
        Some(CheckDone::On(d)) => Value::from(ymd(d)),
        None => Value::Null,
    };
    let (mz, me) = labels(&missing);
    let (lz, le) = labels(&late);
    Outcome::new(status)
        .because(reason)
        .fact("before_start", shown(done.before_start))
        .fact("at_end", shown(done.at_end))
        .fact("start", opt(class.map(|c| ymd(c.start))))
        .fact("end", opt(class.map(|c| ymd(c.end))))
        .fact("missing_zh", mz)
        .fact("missing_en", me)
        .fact("late_zh", lz)
        .fact("late_en", le)
}

/// DL-P2: the school-stamped roster, for a trainee of the graduating class that
/// needs one; `None` for a trainee of another year.
pub(super) fn stamped_roster_outcome(t: &Trainee, class_of: i32) -> Option<Outcome> {
    let year = t.eligibility.graduation_year;
    let status = match (year.map(|y| y == class_of), t.stamped_roster) {
        (Some(false), _) => return None,
        (_, Some(true)) => Status::Pass,
        (Some(true), Some(false)) => Status::Fail,
        _ => Status::Unknown,
    };
    Some(
        Outcome::new(status)
            .because(if year.is_none() && status == Status::Unknown {
                "stamped_roster_year"
            } else {
                "stamped_roster"
            })
            .fact("class_of", class_of)
            .fact("graduation_year", opt(year))
            .fact("stamped_roster", opt(t.stamped_roster)),
    )
}

/// DL-P2: the "not employed" status verified by the institution and by the
/// district HRSS, each before the class opened.
pub(super) fn not_employed_outcome(t: &Trainee, class: Option<&ClassInfo>) -> Outcome {
    let v = t.not_employed_verified.clone().unwrap_or_default();
    let mut missing = Vec::new();
    let mut late = Vec::new();
    let mut unknown = false;
    for (who, done) in [("institution", v.institution), ("district", v.district)] {
        match done {
            Some(CheckDone::Done(true)) => {}
            Some(CheckDone::Done(false)) => missing.push(who),
            Some(CheckDone::On(d)) => match class {
                Some(c) if d > c.start => late.push(who),
                Some(_) => {}
                None => unknown = true,
            },
            None => unknown = true,
        }
    }
    let (status, reason) = if !missing.is_empty() {
        (Status::Fail, "not_employed_missing")
    } else if !late.is_empty() {
        (Status::Fail, "not_employed_late")
    } else if unknown {
        (Status::Unknown, "not_employed")
    } else {
        (Status::Pass, "not_employed")
    };
    let shown = |c: Option<CheckDone>| match c {
        Some(CheckDone::Done(b)) => Value::from(b),
        Some(CheckDone::On(d)) => Value::from(ymd(d)),
        None => Value::Null,
    };
    let who = |list: &[&str]| -> (Vec<&'static str>, Vec<&'static str>) {
        list.iter()
            .map(|w| match *w {
                "institution" => ("培训机构", "the institution"),
                _ => ("区市县人社部门", "the district HRSS"),
            })
            .unzip()
    };
    let (mz, me) = who(&missing);
    let (lz, le) = who(&late);
    Outcome::new(status)
        .because(reason)
        .fact("start", opt(class.map(|c| ymd(c.start))))
        .fact("by_institution", shown(v.institution))
        .fact("by_district", shown(v.district))
        .fact("missing_zh", mz)
        .fact("missing_en", me)
        .fact("late_zh", lz)
        .fact("late_en", le)
}

pub(super) fn record_outcome(t: &Trainee, class: Option<&ClassInfo>) -> Outcome {
    let classified = class.and_then(|c| c.classified) == Some(true);
    let (status, reason) = match (classified, t.system_record) {
        (true, _) => (Status::Pass, "classified"),
        (_, Some(true)) => (Status::Pass, "recorded"),
        (_, Some(false)) => (Status::Fail, "no_record"),
        (_, None) => (Status::Unknown, "no_record"),
    };
    Outcome::new(status)
        .because(reason)
        .fact("system_record", opt(t.system_record))
        .fact("classified", classified)
}

impl Verifier<'_> {
    /// JZ-S1's employment after training, over the class: each listed trainee
    /// once, "employed" as the definitions (JZ-D1) define it where the policy
    /// has them. Computed only when the claim names a rule that needs it.
    pub(super) fn employment(&self, dups: &SortedMap<usize, usize>) -> Employment {
        let mut e = Employment {
            class_size: self.claim.class.as_ref().and_then(|c| c.trainees),
            per_row: vec![None; self.claim.trainees.len()],
            ..Employment::default()
        };
        let needed = self
            .amount_rules
            .iter()
            .any(|r| matches!(r.kind, RuleKind::TieredDailySubsidy(_)));
        if !needed {
            return e;
        }
        let defs = Definitions::of(self.policy);
        let end = self.claim.class.as_ref().map(|c| c.end);
        for (i, t) in self.claim.trainees.iter().enumerate() {
            if dups.contains_key(&i) {
                continue;
            }
            e.listed += 1;
            let status = match (t.employed_after_training, defs) {
                (None, _) => Status::Unknown,
                (Some(false), _) => Status::Fail,
                (Some(true), None) => Status::Pass,
                (Some(true), Some(d)) => {
                    let o = settle(
                        d.rule,
                        d.employed(&t.id_number, t.income_after_training, end),
                    );
                    let status = o.status;
                    e.per_row[i] = Some(o);
                    status
                }
            };
            match status {
                Status::Pass => e.employed += 1,
                Status::Fail => e.not_employed += 1,
                Status::Unknown => e.unknown += 1,
            }
        }
        e
    }

    pub(super) fn trainee(
        &self,
        i: usize,
        t: &Trainee,
        dup_of: Option<usize>,
        employment: &Employment,
        claim_findings: &mut Vec<Finding>,
    ) -> Result<PersonReport, Problem> {
        let subject = self.subject(t.id_number.number());
        let class = self.claim.class.as_ref();
        let mut person = t.eligibility.0.clone();
        if person.major.is_none() {
            person.major = class.and_then(|c| c.major.clone());
        }
        if person.id_number.is_none() {
            person.id_number = Some(t.id_number.clone());
        }
        let claimed_ids: SortedSet<&str> =
            self.amount_rules.iter().map(|r| r.id.as_str()).collect();

        let mut findings = Vec::new();
        let mut general: Vec<Condition> = Vec::new();

        // Eligibility, reused: the rules about the person.
        let verdict = eligibility::evaluate(self.policy, &Applicant::Person(person.clone()));
        for mut f in verdict.findings {
            let Some(rule) = self.policy.rule(&f.rule_id) else {
                continue;
            };
            let effect = match rule.kind.view() {
                KindView::Eligibility(k) => match k {
                    EligibilityKind::Residence(_)
                    | EligibilityKind::EducationType(_)
                    | EligibilityKind::GraduationWindow(_)
                    | EligibilityKind::NeverEmployed(_)
                    | EligibilityKind::ParticipationLimit(_)
                    | EligibilityKind::StartupAndCare(_) => Some(f.status),
                    EligibilityKind::NotDishonest(k) => {
                        if k.subject != Subject::Person {
                            continue;
                        }
                        Some(f.status)
                    }
                    // IP-E1 says who the plan targets, not who may be subsidised
                    // (seed notes): outside the groups is for a person to look at.
                    EligibilityKind::TargetGroups(_) => Some(if f.status == Status::Fail {
                        Status::Unknown
                    } else {
                        f.status
                    }),
                    // Why a stated group does not count (JZ-D1): the group rules
                    // that use the tag decide.
                    EligibilityKind::Definitions(_) => None,
                    // The institution's standing: claim-level findings (`class`).
                    EligibilityKind::MajorInList(_)
                    | EligibilityKind::InstitutionMajorLimit(_)
                    | EligibilityKind::InstitutionCatalogue(_)
                    | EligibilityKind::InstitutionStanding(_) => continue,
                },
                KindView::Amounts(a) => match a {
                    // The key groups of a per-day amount decide its own line.
                    AmountKind::CappedDailySubsidy(_) => {
                        if !claimed_ids.contains(rule.id.as_str()) {
                            continue;
                        }
                        None
                    }
                    AmountKind::MonthlySubsidyByCertificate(_)
                    | AmountKind::AppraisalSubsidy(_)
                    | AmountKind::TrainingSubsidyRate(_)
                    | AmountKind::DailyAllowance(_)
                    | AmountKind::TieredDailySubsidy(_)
                    | AmountKind::PerPersonSubsidy(_)
                    | AmountKind::NoEvaluationSubsidyAfter(_) => continue,
                },
                KindView::Attendance(_)
                | KindView::Enterprise(_)
                | KindView::Deadlines(_)
                | KindView::Claim(_)
                | KindView::Plan(_)
                | KindView::Voucher(_)
                | KindView::Record(_) => continue,
            };
            if let Some(status) = effect {
                general.push(Condition {
                    rule_id: f.rule_id.clone(),
                    status,
                });
            }
            f.subject = Some(subject.clone());
            findings.push(f);
        }
        // JZ-D1's "就业" for a trainee said to be employed after training.
        if let (Some(o), Some(d)) = (
            employment.per_row.get(i).cloned().flatten(),
            Definitions::of(self.policy),
        ) {
            findings.push(finding(d.rule, o.about(subject.clone())));
        }

        // Attendance against the threshold (DL-T4, FS-A1): from the summary
        // given, checked against the class's calendar, or as the attendance
        // module found it from the punches.
        let check = self.check_summary(t)?;
        let attendance = attendance_summary(t, self.recomputed.as_ref());
        let attendance = attendance.as_ref();
        let mut attendance_status: Option<(String, Status)> = None;
        let from_punches = t
            .attendance
            .as_ref()
            .and_then(AttendanceInput::punches_key)
            .zip(self.recomputed.as_ref())
            .map(|(key, r)| r.by_key.get(key).map(Vec::as_slice).unwrap_or_default());
        let basis_assumption = self
            .summary_basis
            .get()
            .and_then(Option::as_ref)
            .and_then(|b| b.assumption.clone());
        for rule in &self.policy.rules {
            let Some(kind) = rule.kind.as_attendance() else {
                continue;
            };
            let (min_rate, leave_counts, soft) = match kind {
                AttendanceKind::AttendanceThreshold(k) => {
                    (k.min_rate, k.leave_counts_as_attended, false)
                }
                AttendanceKind::TrainingStandard(k) => (k.min_rate, false, true),
                // Not a trainee's attendance rate.
                AttendanceKind::TrainingDuration(_)
                | AttendanceKind::WorkingDaysOnly(_)
                | AttendanceKind::DailyLessons(_)
                | AttendanceKind::PunchWindows(_)
                | AttendanceKind::DailyReport(_)
                | AttendanceKind::PunchExceptionNote(_)
                | AttendanceKind::Supervision(_)
                | AttendanceKind::ViolationEscalation(_)
                | AttendanceKind::VideoEvidence(_)
                | AttendanceKind::OnlineShareLimit(_)
                | AttendanceKind::TrainingVideoKept(_) => continue,
            };
            if let Some(found) = from_punches {
                if let Some(f) = found.iter().find(|f| f.rule_id == rule.id) {
                    let mut f = f.clone();
                    f.subject = Some(subject.clone());
                    attendance_status = Some((rule.id.clone(), f.status));
                    findings.push(f);
                    continue;
                }
            }
            let o = attendance_outcome(attendance, min_rate, leave_counts, soft, &check)
                .about(subject.clone())
                .assuming(basis_assumption.clone());
            let o = if let AttendanceKind::TrainingStandard(_) = kind {
                attendance::rate_part(o)
            } else {
                o
            };
            attendance_status = Some((rule.id.clone(), o.status));
            findings.push(finding(rule, o));
        }
        // The punches of theirs that do not count, and their exception notes.
        for f in from_punches.unwrap_or_default() {
            let threshold = self.policy.rule(&f.rule_id).is_some_and(|r| {
                matches!(
                    r.kind,
                    RuleKind::AttendanceThreshold(_) | RuleKind::TrainingStandard(_)
                )
            });
            if !threshold {
                let mut f = f.clone();
                f.subject = Some(subject.clone());
                findings.push(f);
            }
        }

        // Person-level checks of the claim's rules.
        for rule in &self.policy.rules {
            if let RuleKind::ClassOpening(kinds::ClassOpening {
                stamped_roster_for_class_of,
                ..
            }) = &rule.kind
            {
                let mut outcomes = Vec::new();
                if let Some(year) = stamped_roster_for_class_of {
                    outcomes.extend(stamped_roster_outcome(t, *year));
                }
                outcomes.push(not_employed_outcome(t, class));
                for o in outcomes {
                    let o = o.about(subject.clone());
                    general.push(Condition {
                        rule_id: rule.id.clone(),
                        status: o.status,
                    });
                    findings.push(finding(rule, o));
                }
                continue;
            }
            let o = match rule.kind.view() {
                KindView::Deadlines(d) => match d {
                    DatesKind::EnrolAndFileOrder(_) => match class {
                        Some(c) => deadlines::enrolment_outcome(rule, c, t.enrolled_on),
                        None => None,
                    },
                    DatesKind::InformationChecks(k) => Some(checks_outcome(t, &k.when, class)),
                    // The class's dates, not the trainee's (`class_opening`: above).
                    DatesKind::ClassFiling(_)
                    | DatesKind::ClassOpening(_)
                    | DatesKind::AcceptanceDeadline(_)
                    | DatesKind::Publicity(_)
                    | DatesKind::RetentionAndFollowUp(_)
                    | DatesKind::ArchiveRetention(_)
                    | DatesKind::SeasonDeadlines(_)
                    | DatesKind::ClassSetup(_) => None,
                },
                KindView::Claim(c) => match c {
                    ClaimKind::EnrolmentDocuments(k) => Some(documents_outcome(
                        t,
                        &k.required,
                        &k.natives_studied_elsewhere,
                    )),
                    ClaimKind::NoRecordNoSubsidy(_) => Some(record_outcome(t, class)),
                    // The institution's and the claim's (`class`).
                    ClaimKind::VerifiedPremises(_)
                    | ClaimKind::InstitutionNotSuspended(_)
                    | ClaimKind::NoDuplicateSubsidy(_)
                    | ClaimKind::ClaimCompleteness(_) => None,
                },
                KindView::Eligibility(_)
                | KindView::Attendance(_)
                | KindView::Amounts(_)
                | KindView::Enterprise(_)
                | KindView::Plan(_)
                | KindView::Voucher(_)
                | KindView::Record(_) => None,
            };
            if let Some(o) = o {
                let o = o.about(subject.clone());
                general.push(Condition {
                    rule_id: rule.id.clone(),
                    status: o.status,
                });
                findings.push(finding(rule, o));
            }
        }

        // The lines: each rule's own outcome, with the conditions that hold it back.
        let defs = Definitions::of(self.policy);
        let mut planned: Vec<(&Rule, LineOutcome, Vec<Condition>)> = Vec::new();
        for rule in &self.amount_rules {
            if matches!(rule.kind, RuleKind::WorkInLieuOfTraining(_)) {
                continue;
            }
            let own = if let Some(first) = dup_of {
                LineOutcome::nothing("duplicate").fact("first_row", row(first))
            } else {
                self.amount(
                    rule,
                    t,
                    &person,
                    attendance,
                    attendance_status.as_ref(),
                    &check,
                    employment,
                )?
            };
            // A person in one of the living allowance's own groups (IP-S2) is
            // not held back by the plan's narrower list of targets (IP-E1) for it.
            let mut conditions = general.clone();
            if let RuleKind::DailyAllowance(kinds::DailyAllowance { groups, .. }) = &rule.kind {
                if !standing(defs.as_ref(), &person, groups).holds.is_empty() {
                    conditions.retain(|c| {
                        !self
                            .policy
                            .rule(&c.rule_id)
                            .is_some_and(|r| matches!(r.kind, RuleKind::TargetGroups(_)))
                    });
                }
            }
            planned.push((rule, own, conditions));
        }
        let mut lines: Vec<Line> = planned
            .iter()
            .map(|(rule, own, conditions)| {
                self.line(
                    rule,
                    i,
                    &subject,
                    own.clone(),
                    conditions,
                    t.claimed.get(&rule.id).copied(),
                )
            })
            .collect();
        if dup_of.is_none() {
            self.exclusive(i, t, &subject, &planned, &mut lines, claim_findings);
        }
        Ok(person_report(i, &t.name, subject, findings, lines))
    }
}
