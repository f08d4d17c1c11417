//! Claim re-verification: every line recomputed and compared, every condition
//! its own finding, never a client-computed number trusted.
//!
//! A [`Claim`] carries the class, the institution, the roster (each trainee's
//! ID number, eligibility facts, attendance, certificates, documents,
//! information checks, system record, and the amounts claimed by rule ID) or an
//! enterprise with its workers, and the total claimed. [`verify`] returns a
//! [`ClaimReport`]:
//!
//! - `findings`: what decides the claim as a whole. Deadlines kept or missed
//!   (DL-P5, DL-P2, DL-P3, FS-C1, LC-P1, JZ-P1), the class's duration and filed
//!   months (DL-T1, FS-A1), its training days and lessons on its timetable
//!   (DL-T2, DL-T3, FS-A1; unknown when the claim carries none), FS-A1's last
//!   opening, the class set-up (FS-P1), the
//!   institution (DL-P1 catalogue and premises, LC-P3 suspension, DL-P7, DL-M1,
//!   DL-M2), the same person twice (DL-P8), the claim's documents (IP-P2), the
//!   enterprise (LC-S1), and one finding per line whose claimed amount differs
//!   from the recomputed one (naming the masked ID number, the rule and both
//!   amounts).
//! - `trainees` (and `workers`): per person, the findings about them
//!   (eligibility reused from [`crate::rules::eligibility`], attendance, enrolment
//!   documents FS-R1, information checks FS-V1, the school-stamped roster and
//!   the "not employed" verification DL-P2, "no record, no subsidy" JZ-V2,
//!   enrolment before training LC-P1) and one [`Line`] per amount rule claimed.
//!   A person-level fail makes that person's lines nothing; a person-level
//!   unknown makes them unknown.
//! - `total`: the sum of the recomputed lines; `totals` compares it with the
//!   claimed lines and the claimed total.
//!
//! The decision: **reject** when any claim-level finding fails (a mismatched
//! line included) or the totals do not agree; else **needs review** when any
//! claim-level finding or any line is unknown, or the claim has no line at all;
//! else **accept**. A trainee who is listed but not payable (no certificate,
//! attendance under the threshold, not eligible) does not make the claim wrong
//! as long as nothing is claimed for them.
//!
//! Interpretations (each named in the line it decides):
//!
//! - DL-S1 months: the class's dates decide them (unknown without a class). The
//!   policy's `month_counting` reads them (`filed_duration`: the class's
//!   `filed_months`, checked against the dates, else the dates' whole months;
//!   `calendar_months_trained`: the calendar months from start to end) with
//!   `partial_month` (`pro_rata_workdays`, `whole`, `drop`) for a month begun;
//!   the months paid are never more than the class's own duration (its whole
//!   months and the working-day share of the days left over) nor the seed's
//!   longest (DL-T1's 6), and the arithmetic says which limit applied.
//! - DL-T1 / FS-A1 run on the claim's class: its dates decide the duration and
//!   `filed_months` must be the dates' months and within 3–6; DL-T2, DL-T3 and
//!   FS-A1's working days and lessons run on its timetable (`class.timetable`,
//!   or the raw attendance's `attendance.class`) and are unknown without one
//!   (claim-level findings). FS-A1 gives each part of 七(二)2 its own finding
//!   (`part`); only the duration rests on the per-major months.
//! - DL-S1 tier: a qualification or skill-level certificate gives the
//!   qualification rate, else a special-ability certificate its rate; a college
//!   training its own student of the graduating class gets the college rate
//!   whatever the certificate. Attendance must meet DL-T4.
//! - DL-S2: every first-time certificate with a fee in the table is paid.
//! - Per-day amounts (IP-S2, JZ-S1, JZ-S3) count the days the trainee attended.
//! - An attendance summary is checked against the class's own calendar and
//!   timetable (the working days from `start` to `end`, and `sessions_per_day`
//!   when the class states it): attended days never exceed the training days,
//!   the expected sessions are the training days times the sessions a day (a
//!   whole multiple of the training days, the same for every trainee, when the
//!   class states none), and no more sessions are attended than the days
//!   attended allow. A contradiction fails the threshold (DL-T4, FS-A1) or the
//!   line, naming both figures; a summary without class dates is unknown.
//! - JZ-S1's employment rate: the class is the unit and its declared size
//!   (`class.trainees`) the denominator; a trainee it does not list is unknown,
//!   never absent, and "employed" is the definitions' (JZ-D1: income not below
//!   the floor, within working age, both deployment parameters). The rate is
//!   decided when the unknowns cannot change it; at least the policy's rate
//!   (inclusive) pays every tier.
//! - JZ-S2 pays an employee who trained: 0 sessions attended pays nothing, and
//!   "completed" is the deployment's `completion_rate`.
//! - A group tag counts only when the policy's definitions of it hold (JZ-D1);
//!   IP-S2's own groups are not held back by IP-E1's narrower list.
//! - Amount rules a policy declares exclusive (`exclusive_with`, JZ-S1/S2/S3:
//!   standards of different trainings) never both pay one person: when both
//!   could, both lines need review and a claim-level finding names both rules
//!   and amounts (a fail when both are claimed).
//! - LC-S1: months evidenced, at most the policy's maximum and the months from
//!   the first contribution's month to the end of the window.
//! - A person listed twice: the first row is judged, later rows pay nothing.
//! - A rule claimed for anyone gives every person a line under it; where the
//!   claim names no amount for a person, the claimed amount is 0.00, so an
//!   under-claim is a difference too (the claim should be corrected, not paid
//!   short).

mod amounts;
mod class;
mod enterprise;
mod input;
mod line;
mod person;
mod raw_attendance;
mod records;
mod report;
mod summary;
mod validate;

use crate::sorted::{SortedMap, SortedSet};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

pub use input::{
    AttendanceInput, AttendanceSummary, CertificateHeld, CheckDone, Claim, ClaimAttendance,
    ClaimEnterprise, ClaimWorker, ClassInfo, InformationChecksDone, InstitutionInfo,
    NotEmployedVerified, PunchesKey, Trainee, TraineeFacts,
};
pub use records::{Records, TraineeRecords};

use crate::calendar::{Calendar, UnknownYears};
use crate::error::{Explain, Problem};
use crate::identity::MaskRule;
use crate::input::InputError;
use crate::money::Yuan;
use crate::policy::kinds::{
    Deployment, Family, MonthCounting, PartialMonth, PremisesEntry, RuleKind, Subject, TierRates,
};
use crate::policy::parameters::{gap, RestsOn};
use crate::policy::vocab::{Certificate, KeyGroup};
use crate::policy::{Policy, Rule};
use crate::report::{Assessment, Facts, Finding, PolicyRef, Status};
use crate::rules::attendance::{
    self, AttendanceError, AttendanceReport, ClassSummary, PunchSummary,
};
use crate::rules::deadlines::{self, Ctx};
use crate::rules::eligibility::definitions::{group_labels, standing, Definitions, Standing};
use crate::rules::eligibility::{self, Applicant, Institution, Lookup, Person};
use crate::rules::subsidy::{self, Arithmetic, Line, Unit};
use crate::rules::{finding, gap_facts, opt, render_message, settle, ymd, Outcome};

pub use report::{ClaimAttendanceReport, ClaimDecision, ClaimReport, PersonReport, Totals};

use amounts::*;
use line::*;
use person::*;
use raw_attendance::*;
use report::{person_report, row, totals};
use summary::*;
use validate::*;

/// The mask for ID numbers: the policy's publicity rule, else 6 and 4.
///
/// ```
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let rule = peixun::rules::claim::mask_rule(set.get("dalian-2023-major-conversion").unwrap());
/// assert_eq!(rule, peixun::identity::MaskRule::new(6, 4));
/// ```
pub fn mask_rule(policy: &Policy) -> MaskRule {
    policy
        .rules
        .iter()
        .find_map(|r| {
            let RuleKind::Publicity(k) = &r.kind else {
                return None;
            };
            Some(k.mask)
        })
        .unwrap_or_default()
}

/// Whether a kind is an amount a claim can name.
pub(super) fn is_amount(kind: &RuleKind) -> bool {
    match kind.family() {
        Family::Amounts | Family::Enterprise => true,
        Family::Eligibility
        | Family::Attendance
        | Family::Deadlines
        | Family::Claim
        | Family::Plan
        | Family::Voucher
        | Family::Record => false,
    }
}

/// Verifies a claim under a policy.
///
/// The calendar is used as given unless the claim opts in to the weekends-only
/// assumption for unknown years (`"unknown_years": "assume_weekends_only"`).
///
/// ```
/// use peixun::calendar::Calendar;
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let policy = set.get("jinzhong-2023-skills-shanxi").unwrap();
/// let claim = peixun::input::from_json(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-07"},
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X",
///     "eligibility": {"key_groups": ["veteran"]}, "system_record": true,
///     "attendance": {"expected_sessions": 3, "attended_sessions": 3, "attended_days": 3},
///     "claimed": {"JZ-S3": "300.00"}}],
///   "claimed_total": "300.00"}"#, 1 << 20).unwrap();
/// let report = peixun::rules::claim::verify(policy, &Calendar::builtin(), &claim).unwrap();
/// assert_eq!(report.trainees[0].lines[0].arithmetic_zh.as_deref(), Some("100.00 元 × 3 天 = 300.00 元"));
/// ```
pub fn verify(policy: &Policy, calendar: &Calendar, claim: &Claim) -> Result<ClaimReport, Problem> {
    validate(policy, claim)?;
    let assumed;
    let cal = if claim.unknown_years == UnknownYears::AssumeWeekendsOnly {
        assumed = calendar
            .clone()
            .with_unknown_years(UnknownYears::AssumeWeekendsOnly);
        &assumed
    } else {
        calendar
    };
    let v = Verifier {
        policy,
        cal,
        claim,
        mask: mask_rule(policy),
        amount_rules: claimed_rules(policy, claim),
        recomputed: recompute_attendance(policy, cal, claim)?,
        summary_basis: std::cell::OnceCell::new(),
    };
    v.run()
}

/// The amount rules named anywhere in the claim, in the policy's order.
fn claimed_rules<'a>(policy: &'a Policy, claim: &Claim) -> Vec<&'a Rule> {
    let mut named: SortedSet<&str> = SortedSet::new();
    for t in &claim.trainees {
        named.extend(t.claimed.keys().map(String::as_str));
    }
    if let Some(e) = &claim.enterprise {
        for w in &e.workers {
            named.extend(w.claimed.keys().map(String::as_str));
        }
    }
    policy
        .rules
        .iter()
        .filter(|r| named.contains(r.id.as_str()))
        .collect()
}

struct Verifier<'a> {
    policy: &'a Policy,
    cal: &'a Calendar,
    claim: &'a Claim,
    mask: MaskRule,
    amount_rules: Vec<&'a Rule>,
    recomputed: Option<Recomputed>,
    /// The class's calendar that attendance summaries are checked against,
    /// read the first time a summary needs it.
    summary_basis: std::cell::OnceCell<Option<SummaryBasis>>,
}

impl<'a> Verifier<'a> {
    fn run(&self) -> Result<ClaimReport, Problem> {
        let mut claim_findings: Vec<Finding> = Vec::new();

        // Who is listed twice: the first row counts, later rows pay nothing.
        let trainee_dups = duplicates(self.claim.trainees.iter().map(|t| t.id_number.number()));
        let worker_dups = duplicates(
            self.claim
                .enterprise
                .iter()
                .flat_map(|e| e.workers.iter().map(|w| w.id_number.number())),
        );
        let distinct = u32::try_from(
            self.claim
                .trainees
                .iter()
                .map(|t| t.id_number.number())
                .collect::<SortedSet<_>>()
                .len(),
        )
        .unwrap_or(u32::MAX);

        // The class: deadlines and set-up.
        if let Some(class) = &self.claim.class {
            let out = deadlines::evaluate(&Ctx {
                policy: self.policy,
                cal: self.cal,
                class,
                claim: true,
                // The class is the unit (DL-P5 "每班最多不超过50人"): the size it
                // states and the distinct people its roster lists both count.
                stated_trainees: class.trainees,
                roster_trainees: (!self.claim.trainees.is_empty()).then_some(distinct),
                path: "$.class",
            })?;
            claim_findings.extend(out.findings);
        }
        self.class_schedule(&mut claim_findings)?;
        // An enterprise claiming for its own workers has no training institution.
        if !self.claim.trainees.is_empty() || self.claim.institution.is_some() {
            self.institution(&mut claim_findings);
        }
        self.duplicates_findings(&trainee_dups, &worker_dups, &mut claim_findings);
        self.claim_documents(&mut claim_findings);

        let employment = self.employment(&trainee_dups);
        let mut trainees = Vec::with_capacity(self.claim.trainees.len());
        for (i, t) in self.claim.trainees.iter().enumerate() {
            let dup_of = trainee_dups.get(&i).copied();
            trainees.push(self.trainee(i, t, dup_of, &employment, &mut claim_findings)?);
        }
        let mut workers = Vec::new();
        if let Some(e) = &self.claim.enterprise {
            self.enterprise(e, &worker_dups, &mut claim_findings, &mut workers);
        }

        // Claim-level findings in the policy's order, then the mismatches.
        let order: SortedMap<&str, usize> = self
            .policy
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        crate::sort::by_key(&mut claim_findings, |f| {
            order.get(f.rule_id.as_str()).copied().unwrap_or(usize::MAX)
        });
        for p in trainees.iter().chain(workers.iter()) {
            for line in &p.lines {
                if let Some(f) = self.mismatch(line) {
                    claim_findings.push(f);
                }
            }
        }

        let lines: Vec<&Line> = trainees
            .iter()
            .chain(workers.iter())
            .flat_map(|p| p.lines.iter())
            .collect();
        let total: Yuan = lines.iter().map(|l| l.amount).sum();
        let claimed_lines: Yuan = lines.iter().map(|l| l.claimed_or_zero()).sum();
        let any_unknown_line = lines.iter().any(|l| l.finding.status == Status::Unknown);
        let totals = totals(
            total,
            claimed_lines,
            self.claim.claimed_total,
            any_unknown_line,
            lines.is_empty(),
        );

        let statuses: Vec<Status> = claim_findings.iter().map(|f| f.status).collect();
        let decision = if statuses.contains(&Status::Fail) || totals.status == Status::Fail {
            ClaimDecision::Reject
        } else if statuses.contains(&Status::Unknown)
            || any_unknown_line
            || totals.status == Status::Unknown
        {
            ClaimDecision::NeedsReview
        } else {
            ClaimDecision::Accept
        };
        Ok(ClaimReport {
            decision,
            policy: self.policy.reference(),
            total,
            totals,
            findings: claim_findings,
            trainees,
            workers,
            attendance: self.recomputed.as_ref().map(|r| ClaimAttendanceReport {
                decision: r.report.decision,
                class: r.report.class.clone(),
                punches: r.report.punches.clone(),
                findings: r.other.clone(),
            }),
        })
    }

    fn subject(&self, id: &str) -> String {
        self.mask.mask(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_map_later_rows_to_the_first() {
        let d = duplicates(["a", "b", "a", "c", "b", "a"].into_iter());
        assert_eq!(d, SortedMap::from([(2, 0), (4, 1), (5, 0)]));
    }

    #[test]
    fn percent_is_exact_then_rounded_for_display() {
        assert_eq!(percent(2, 3), "66.67%");
        assert_eq!(percent(9, 10), "90.00%");
        assert_eq!(rate_percent(Decimal::new(80, 2)), "80.00%");
    }
}
