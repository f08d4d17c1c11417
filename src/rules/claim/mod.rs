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

mod input;

use crate::sorted::{SortedMap, SortedSet};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

pub use input::{
    AttendanceInput, AttendanceSummary, CertificateHeld, CheckDone, Claim, ClaimAttendance,
    ClaimEnterprise, ClaimWorker, ClassInfo, InformationChecksDone, InstitutionInfo,
    NotEmployedVerified, PunchesKey, Trainee, TraineeFacts,
};

use crate::calendar::{Calendar, UnknownYears};
use crate::error::{Explain, Problem};
use crate::identity::MaskRule;
use crate::input::InputError;
use crate::money::Yuan;
use crate::policy::kinds::{
    Deployment, MonthCounting, PartialMonth, PremisesEntry, RuleKind, Subject, TierRates,
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

/// What a verification decides.
///
/// ```
/// use peixun::rules::claim::ClaimDecision;
/// assert_eq!(serde_json::to_string(&ClaimDecision::NeedsReview).unwrap(), r#""needs_review""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimDecision {
    /// Every line agrees and every check passes: pay the recomputed total.
    Accept,
    /// A claim-level check fails, a line or the total does not agree.
    Reject,
    /// Nothing fails, but something cannot be decided: a person must look.
    NeedsReview,
}

/// The comparison of the totals.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.verify_claim(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-07"},
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "system_record": true,
///     "eligibility": {"key_groups": ["veteran"]},
///     "attendance": {"expected_sessions": 3, "attended_sessions": 3, "attended_days": 3},
///     "claimed": {"JZ-S3": "300.00"}}],
///   "claimed_total": "350.00"}"#).unwrap();
/// assert_eq!(report.totals.status, peixun::report::Status::Fail); // 350.00 is not the lines' 300.00
/// assert_eq!(report.totals.recomputed.to_string(), "300.00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Sum of the recomputed lines.
    pub recomputed: Yuan,
    /// Sum of the claimed lines.
    pub claimed_lines: Yuan,
    /// The total the claim states.
    pub claimed: Yuan,
    /// Pass when all three agree and every line is decided.
    pub status: Status,
    /// The comparison in Chinese.
    pub message_zh: String,
    /// The comparison in English.
    pub message_en: String,
}

/// One trainee or worker: the findings about them and their lines.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.verify_claim(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "system_record": false,
///     "eligibility": {"enterprise_employee": true}, "claimed": {"JZ-S2": "300.00"}}],
///   "claimed_total": "300.00"}"#).unwrap();
/// let p = &report.trainees[0];
/// assert_eq!((p.row, p.id_number.as_str(), p.total.to_string().as_str()), (1, "110105********002X", "0.00"));
/// assert!(p.findings.iter().any(|f| f.rule_id == "JZ-V2")); // no record, no subsidy
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonReport {
    /// Position in the claim, from 1.
    pub row: u32,
    /// Name as claimed.
    pub name: String,
    /// The ID number, masked.
    pub id_number: String,
    /// Sum of the recomputed lines.
    pub total: Yuan,
    /// Sum of the claimed lines.
    pub claimed: Yuan,
    /// Findings about this person (eligibility, attendance, documents, checks).
    pub findings: Vec<Finding>,
    /// One line per amount rule claimed.
    pub lines: Vec<Line>,
}

/// The answer to a claim.
///
/// ```
/// use peixun::engine::Engine;
/// use peixun::rules::claim::ClaimDecision;
/// let engine = Engine::new().unwrap();
/// let report = engine.verify_claim(r#"{
///   "policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-16"},
///   "trainees": [{"name": "王五", "id_number": "11010519491231002X",
///     "eligibility": {"key_groups": ["rural_migrant_worker"], "enterprise_employee": false},
///     "system_record": true,
///     "attendance": {"expected_sessions": 20, "attended_sessions": 20, "attended_days": 10},
///     "claimed": {"JZ-S3": "1000.00"}}],
///   "claimed_total": "1000.00"}"#).unwrap();
/// assert_eq!(report.decision, ClaimDecision::Accept);
/// assert_eq!(report.total.to_string(), "1000.00"); // 100 × 10 days
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimReport {
    /// Accept, reject or needs review.
    pub decision: ClaimDecision,
    /// The policy used.
    pub policy: PolicyRef,
    /// The recomputed total: the sum of every line.
    pub total: Yuan,
    /// The totals compared.
    pub totals: Totals,
    /// Claim-level findings, in the order of the policy's rules, then the mismatches.
    pub findings: Vec<Finding>,
    /// The trainees, in roster order.
    pub trainees: Vec<PersonReport>,
    /// The enterprise's workers (LC-S1), in claim order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub workers: Vec<PersonReport>,
    /// The class's attendance as recomputed from the claim's raw punches (only
    /// when the claim carries them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<ClaimAttendanceReport>,
}

/// What the verifier recomputed from a claim's raw attendance: the class's
/// training days, what became of every punch, and the attendance findings that
/// are about no trainee of the claim (the schedule rules — which are the
/// claim's own findings too, and decide it —, a punch by a key no trainee
/// names). Each trainee's rate and refused punches are among that
/// trainee's findings.
///
/// `decision` is the attendance check's own (what the `attendance` operation
/// would say); the claim takes the rates from it, and a trainee under the
/// threshold is paid nothing, but it does not decide the claim.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let report = engine.verify_claim(r#"{"policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-05"},
///   "attendance": {"class": {"id": "c", "start": "2023-06-05", "end": "2023-06-05",
///                            "sessions": [{"start": "08:30", "end": "11:45"}]},
///     "punches": [{"trainee": "T01", "at": "2023-06-05T08:20:00+08:00", "kind": "sign_in"},
///                 {"trainee": "T01", "at": "2023-06-05T11:50:00+08:00", "kind": "sign_out"},
///                 {"trainee": "T09", "at": "2023-06-05T08:21:00+08:00", "kind": "sign_in"}]},
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "system_record": true,
///     "eligibility": {"key_groups": ["rural_migrant_worker"], "enterprise_employee": false},
///     "attendance": {"kind": "punches", "key": "T01"}, "claimed": {"JZ-S3": "100.00"}}],
///   "claimed_total": "100.00"}"#).unwrap();
/// let a = report.attendance.as_ref().unwrap();
/// assert_eq!((a.punches.total, a.punches.counted, a.punches.rejected), (3, 2, 1));
/// assert_eq!(report.total.to_string(), "100.00"); // one day attended × 100.00
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimAttendanceReport {
    /// The attendance check's own decision.
    pub decision: Assessment,
    /// The class: training days, make-up days, expected sessions.
    pub class: ClassSummary,
    /// What became of the punches: `counted + rejected + incomplete = total`.
    pub punches: PunchSummary,
    /// The attendance findings about no trainee of the claim, in the policy's order.
    pub findings: Vec<Finding>,
}

impl ClaimReport {
    /// Every line of every trainee and worker.
    ///
    /// ```
    /// # let engine = peixun::engine::Engine::new().unwrap();
    /// # let report = engine.verify_claim(r#"{"policy": "jinzhong-2023-skills-shanxi",
    /// #   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "claimed": {"JZ-S2": "300.00"}}],
    /// #   "claimed_total": "300.00"}"#).unwrap();
    /// let total: peixun::money::Yuan = report.lines().map(|l| l.amount).sum();
    /// assert_eq!(total, report.total);
    /// ```
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.trainees
            .iter()
            .chain(self.workers.iter())
            .flat_map(|p| p.lines.iter())
    }
}

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
        .find_map(|r| match &r.kind {
            RuleKind::Publicity { mask, .. } => Some(*mask),
            _ => None,
        })
        .unwrap_or_default()
}

/// Whether a kind is an amount a claim can name.
fn is_amount(kind: &RuleKind) -> bool {
    matches!(
        kind,
        RuleKind::MonthlySubsidyByCertificate { .. }
            | RuleKind::AppraisalSubsidy { .. }
            | RuleKind::TrainingSubsidyRate { .. }
            | RuleKind::DailyAllowance { .. }
            | RuleKind::TieredDailySubsidy { .. }
            | RuleKind::PerPersonSubsidy { .. }
            | RuleKind::CappedDailySubsidy { .. }
            | RuleKind::WorkInLieuOfTraining { .. }
            | RuleKind::NoEvaluationSubsidyAfter { .. }
    )
}

/// Checks what serde cannot: amounts under rules the policy has, counts that
/// add up, someone to pay.
fn validate(policy: &Policy, claim: &Claim) -> Result<(), Problem> {
    if let Some(c) = &claim.class {
        if let (Some(stated), Some(t)) = (c.sessions_per_day, &c.timetable) {
            if usize::try_from(stated).ok() != Some(t.sessions.len()) {
                return Err(InputError::new(
                    "input.invalid_value",
                    "$.class.sessions_per_day",
                    format!(
                        "{stated} sessions a day, but the class's timetable lists {}",
                        t.sessions.len()
                    ),
                )
                .problem());
            }
        }
    }
    let amount_ids: Vec<&str> = policy
        .rules
        .iter()
        .filter(|r| is_amount(&r.kind))
        .map(|r| r.id.as_str())
        .collect();
    let bad_key = |path: String, key: &str, for_workers: bool| -> Problem {
        let detail = if for_workers {
            format!(
                "`{key}` is not the work-in-lieu-of-training rule of `{}`",
                policy.id
            )
        } else {
            format!(
                "`{key}` is not an amount rule of `{}` (amount rules: {})",
                policy.id,
                if amount_ids.is_empty() {
                    "none: its rates are in documents the seed does not include".to_owned()
                } else {
                    amount_ids.join(", ")
                }
            )
        };
        InputError::new("input.invalid_value", path, detail).problem()
    };
    for (i, t) in claim.trainees.iter().enumerate() {
        for key in t.claimed.keys() {
            let ok = policy.rule(key).is_some_and(|r| {
                is_amount(&r.kind) && !matches!(r.kind, RuleKind::WorkInLieuOfTraining { .. })
            });
            if !ok {
                return Err(bad_key(
                    format!("$.trainees[{i}].claimed{}", key_path(key)),
                    key,
                    false,
                ));
            }
        }
        if let Some(s) = t.attendance.as_ref().and_then(AttendanceInput::summary) {
            let at = format!("$.trainees[{i}].attendance");
            if claim.class.as_ref().and_then(|c| c.sessions_per_day) == Some(0) {
                return Err(InputError::new(
                    "input.invalid_value",
                    "$.class.sessions_per_day",
                    "a training day has at least one session",
                )
                .problem());
            }
            if s.expected_sessions == 0 {
                return Err(InputError::new(
                    "input.invalid_value",
                    format!("{at}.expected_sessions"),
                    "no session expected: the attendance rate has no denominator",
                )
                .problem());
            }
            let total = u64::from(s.attended_sessions)
                + u64::from(s.sick_leave)
                + u64::from(s.personal_leave);
            if total > u64::from(s.expected_sessions) {
                return Err(InputError::new(
                    "input.invalid_value",
                    format!("{at}.attended_sessions"),
                    format!(
                        "{} attended + {} sick leave + {} personal leave is more than the {} sessions expected",
                        s.attended_sessions, s.sick_leave, s.personal_leave, s.expected_sessions
                    ),
                )
                .problem());
            }
            if s.attended_days > s.attended_sessions {
                return Err(InputError::new(
                    "input.invalid_value",
                    format!("{at}.attended_days"),
                    format!(
                        "{} days attended but only {} sessions",
                        s.attended_days, s.attended_sessions
                    ),
                )
                .problem());
            }
        }
    }
    if let Some(e) = &claim.enterprise {
        for (i, w) in e.workers.iter().enumerate() {
            for key in w.claimed.keys() {
                let ok = policy
                    .rule(key)
                    .is_some_and(|r| matches!(r.kind, RuleKind::WorkInLieuOfTraining { .. }));
                if !ok {
                    return Err(bad_key(
                        format!("$.enterprise.workers[{i}].claimed{}", key_path(key)),
                        key,
                        true,
                    ));
                }
            }
        }
    }
    if claim.trainees.is_empty()
        && claim
            .enterprise
            .as_ref()
            .is_none_or(|e| e.workers.is_empty())
    {
        return Err(InputError::new(
            "input.missing_field",
            "$.trainees",
            "a claim lists at least one trainee (or an enterprise with workers)",
        )
        .problem());
    }
    Ok(())
}

fn key_path(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!(".{key}")
    } else {
        format!("[{}]", Value::String(key.to_owned()))
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

/// A person-level condition: which rule, and what it found.
#[derive(Debug, Clone)]
struct Condition {
    rule_id: String,
    status: Status,
}

/// A line's outcome before it is put into words.
#[derive(Clone)]
struct LineOutcome {
    status: Status,
    reason: &'static str,
    facts: Facts,
    arithmetic: Option<Arithmetic>,
    assumption: Option<String>,
    /// The deployment parameters the line rests on (all of the rule's by default).
    rests_on: RestsOn,
}

impl LineOutcome {
    fn pay(a: Arithmetic, reason: &'static str) -> Self {
        LineOutcome {
            status: Status::Pass,
            reason,
            facts: Facts::new(),
            arithmetic: Some(a),
            assumption: None,
            rests_on: RestsOn::All,
        }
    }
    fn nothing(reason: &'static str) -> Self {
        LineOutcome {
            status: Status::Fail,
            reason,
            facts: Facts::new(),
            arithmetic: None,
            assumption: None,
            rests_on: RestsOn::All,
        }
    }
    fn unknown(reason: &'static str) -> Self {
        LineOutcome {
            status: Status::Unknown,
            reason,
            facts: Facts::new(),
            arithmetic: None,
            assumption: None,
            rests_on: RestsOn::All,
        }
    }
    fn fact(mut self, k: &'static str, v: impl Into<Value>) -> Self {
        self.facts.insert(k, v.into());
        self
    }

    /// Says that the line rests on these deployment parameters only (see
    /// [`Outcome::rests_on`]).
    fn rests_on(mut self, params: &'static [&'static str]) -> Self {
        self.rests_on = RestsOn::Only(params);
        self
    }

    /// The facts of an attendance summary that the class's calendar rules out,
    /// or cannot check (see [`SummaryCheck`]).
    fn summary_facts(mut self, check: &SummaryCheck) -> Self {
        for (k, v) in check.facts() {
            self.facts.insert(k, v);
        }
        self
    }

    /// A parameter that is not set keeps the line from being paid (the one
    /// rule, `rules::settle`, applied to lines): the line is unknown with the
    /// reason `parameter`, and what it would come to is kept as a provisional
    /// amount with its arithmetic, for the claim to be computed and shown.
    fn settle(mut self, rule: &Rule) -> Self {
        if let Some(g) = gap(&rule.kind, self.status, self.rests_on) {
            if self.status == Status::Pass {
                if let Some(a) = &self.arithmetic {
                    self.facts
                        .insert("provisional_amount", a.amount.to_string().into());
                    self.facts
                        .insert("provisional_arithmetic_zh", a.zh.clone().into());
                    self.facts
                        .insert("provisional_arithmetic_en", a.en.clone().into());
                }
            }
            self.status = Status::Unknown;
            self.reason = "parameter";
            gap_facts(&mut self.facts, &g);
        }
        self
    }
}

/// The class's employment after training (JZ-S1): the class is the unit, its
/// declared size the denominator, and a trainee the claim does not list is
/// unknown, never absent.
#[derive(Debug, Clone, Default)]
struct Employment {
    /// The class's size as the claim declares it (`class.trainees`).
    class_size: Option<u32>,
    /// The distinct trainees the claim lists.
    listed: u32,
    /// Listed and employed by the definitions' "就业".
    employed: u32,
    /// Listed and not employed (as stated, or below the definition).
    not_employed: u32,
    /// Listed, and whether employed cannot be told.
    unknown: u32,
    /// Per row: the definitions' finding on the trainee's stated employment.
    per_row: Vec<Option<Outcome>>,
}

/// How many sessions and days an attendance summary states, against the
/// class's own calendar: the training days are the working days from the
/// class's first to its last day (make-up working days in), as the attendance
/// module counts a class without a list of days.
#[derive(Debug, Clone)]
struct SummaryBasis {
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    training_days: u32,
    /// The sessions a day the class states, if it does.
    sessions_per_day: Option<u32>,
    /// Every expected-sessions figure the claim's summaries state, ascending.
    expected_values: Vec<u32>,
    /// The weekends-only assumption the count rests on, if any.
    assumption: Option<String>,
}

/// Which figure of a summary a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SummaryField {
    AttendedDays,
    ExpectedSessions,
    AttendedSessions,
}

impl SummaryField {
    fn labels(self) -> (&'static str, &'static str) {
        match self {
            SummaryField::AttendedDays => ("出勤天数", "the number of days attended"),
            SummaryField::ExpectedSessions => ("应出勤节数", "the number of sessions expected"),
            SummaryField::AttendedSessions => ("出勤节数", "the number of sessions attended"),
        }
    }
}

/// What a trainee's attendance summary comes to against the class's own
/// calendar and timetable (DL 一(三), JZ 三(一) 三(四), IP 二(五)): attended days
/// never exceed the class's training days, the expected sessions are the
/// training days times the sessions a day, and no more sessions are attended
/// than the days attended allow.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SummaryCheck {
    /// Nothing to check (attendance recomputed from punches), or it agrees.
    Agrees,
    /// A figure the class's dates and timetable rule out: nothing is paid on it.
    Contradicts {
        field: SummaryField,
        stated: u32,
        check_zh: String,
        check_en: String,
    },
    /// The claim gives no class dates: the summary cannot be checked.
    Unchecked,
    /// The class states no sessions a day and the summaries state different
    /// expected sessions: which is right cannot be told.
    Disagree(Vec<u32>),
}

impl SummaryCheck {
    /// The facts that say what was found (none when it agrees).
    fn facts(&self) -> Vec<(&'static str, Value)> {
        match self {
            SummaryCheck::Agrees | SummaryCheck::Unchecked => Vec::new(),
            SummaryCheck::Contradicts {
                field,
                stated,
                check_zh,
                check_en,
            } => {
                let (zh, en) = field.labels();
                vec![
                    ("summary_field_zh", zh.into()),
                    ("summary_field_en", en.into()),
                    ("stated", (*stated).into()),
                    ("check_zh", check_zh.as_str().into()),
                    ("check_en", check_en.as_str().into()),
                ]
            }
            SummaryCheck::Disagree(values) => vec![("expected_values", values.clone().into())],
        }
    }
}

fn percent(num: u32, den: u32) -> String {
    if den == 0 {
        return "—".to_owned();
    }
    let p = (Decimal::from(num) * Decimal::ONE_HUNDRED / Decimal::from(den))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{:.2}%", p)
}

fn rate_percent(r: Decimal) -> String {
    let mut p = r * Decimal::ONE_HUNDRED;
    p.rescale(2);
    format!("{p}%")
}

/// Labels for the document and check keys the policies use.
pub(crate) fn item_label(key: &str) -> (&'static str, &'static str) {
    match key {
        "id_card_original_and_copy" => ("身份证原件及复印件", "ID card, original and copy"),
        "student_status_proof" => ("学籍证明", "proof of student status"),
        "signed_registration_form" => ("本人签字的学员登记表", "signed registration form"),
        "household_registration_proof" => ("户籍证明", "household-registration proof"),
        "application_form" => ("职业培训补贴申请表", "training-subsidy application form"),
        "certificate_copies" => ("参训人员证书复印件", "copies of the trainees' certificates"),
        "real_name_login_records" => ("学员实名登录记录", "real-name login records"),
        "sign_in_records" => ("签到记录", "sign-in records"),
        "learning_records" => ("学习记录", "learning records"),
        "before_start" => ("培训开始前的信息校验", "the check before training starts"),
        "at_end" => ("培训结束时的信息校验", "the check at the end of training"),
        _ => ("其他材料", "another item"),
    }
}

fn labels(keys: &[String]) -> (Vec<&'static str>, Vec<&'static str>) {
    keys.iter().map(|k| item_label(k)).unzip()
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

    /// Institution-level rules: the catalogue (FS-I1; DL-P1's first part),
    /// the premises (FS-I2; DL-P1's second part) and a college's premises
    /// (DL-P1's third part), suspension (LC-P3), and the eligibility rules
    /// about the institution and the class's major (DL-M1, DL-M2, DL-P7),
    /// reused from eligibility. The catalogue and the register are the
    /// deployment's; what the claim says of them (`in_catalogue`,
    /// `premises_verified`) is compared with them, never taken as given.
    fn institution(&self, out: &mut Vec<Finding>) {
        let inst = self.claim.institution.clone().unwrap_or_default();
        let major = self.claim.class.as_ref().and_then(|c| c.major.clone());
        let person = Person {
            major: major.clone(),
            institution: Some(Institution {
                name: inst.name.clone(),
                credit_code: inst.credit_code.clone(),
                majors: inst.majors.clone(),
                dishonest: inst.dishonest,
            }),
            ..Person::default()
        };
        let verdict = eligibility::evaluate(self.policy, &Applicant::Person(person));
        for f in verdict.findings {
            let Some(rule) = self.policy.rule(&f.rule_id) else {
                continue;
            };
            match &rule.kind {
                RuleKind::MajorInList { .. } if major.is_some() || self.claim.class.is_some() => {
                    out.push(f)
                }
                RuleKind::InstitutionMajorLimit { .. } => out.push(f),
                RuleKind::NotDishonest { subject } if *subject == Subject::Institution => {
                    out.push(f)
                }
                RuleKind::InstitutionCatalogue {
                    catalogue,
                    strictness,
                } => catalogue_word_findings(rule, f, catalogue, Some(*strictness), &inst, out),
                RuleKind::InstitutionStanding { catalogue, .. } => {
                    catalogue_word_findings(rule, f, catalogue, None, &inst, out)
                }
                _ => {}
            }
        }
        for rule in &self.policy.rules {
            match &rule.kind {
                RuleKind::InstitutionStanding {
                    register,
                    no_college_premises_for_class_of,
                    ..
                } => {
                    let (found, word) = premises_outcome(&rule.kind, register, &inst);
                    for o in std::iter::once(found).chain(word) {
                        out.push(finding(
                            rule,
                            eligibility::standing_part(rule, eligibility::Part::Premises, o),
                        ));
                    }
                    self.college_premises(rule, &inst, *no_college_premises_for_class_of, out)
                }
                RuleKind::VerifiedPremises { register } => {
                    let (found, word) = premises_outcome(&rule.kind, register, &inst);
                    out.extend(std::iter::once(found).chain(word).map(|o| finding(rule, o)));
                }
                RuleKind::InstitutionNotSuspended {} => {
                    let status = match inst.suspended {
                        Some(true) => Status::Fail,
                        Some(false) => Status::Pass,
                        None => Status::Unknown,
                    };
                    out.push(finding(
                        rule,
                        Outcome::new(status)
                            .fact("institution", opt(inst.name.clone()))
                            .fact("suspended", opt(inst.suspended)),
                    ));
                }
                _ => {}
            }
        }
    }

    /// DL-P1's third part: a college's premises may not be used to train that
    /// college's graduating class. Like every part of DL-P1, a pass stands
    /// only once the deployment has set DL-P1's catalogue and register.
    fn college_premises(
        &self,
        rule: &Rule,
        inst: &InstitutionInfo,
        class_of: Option<i32>,
        out: &mut Vec<Finding>,
    ) {
        let (Some(college), Some(year)) = (&inst.premises_college, class_of) else {
            return;
        };
        let mut affected = Vec::new();
        let mut unknown = false;
        for t in &self.claim.trainees {
            let in_class = t.eligibility.graduation_year.map(|y| y == year);
            let same_school = t.school.as_ref().map(|s| s.trim() == college.trim());
            match (in_class, same_school) {
                (Some(true), Some(true)) => affected.push(self.subject(t.id_number.number())),
                (Some(false), _) | (_, Some(false)) => {}
                _ => unknown = true,
            }
        }
        let status = if !affected.is_empty() {
            Status::Fail
        } else if unknown {
            Status::Unknown
        } else {
            Status::Pass
        };
        out.push(finding(
            rule,
            Outcome::new(status)
                .because("college_premises")
                .fact("institution", opt(inst.name.clone()))
                .fact("premises_college", college.as_str())
                .fact("class_of", year)
                .fact("trainees", affected),
        ));
    }

    /// The schedule rules on the claim's class (DL-T1, DL-T2, DL-T3, FS-A1's
    /// parts but the attendance rate): its own dates decide the duration, and
    /// the filed months must be the dates' months and within the seed's. The
    /// timetable decides the working days and the lessons: the one in the
    /// claim's raw attendance (the attendance module's findings on it), else
    /// the class's own (`class.timetable`, checked here by the same functions);
    /// without either they are unknown, never silent. Claim-level findings: a
    /// fail rejects the claim, an unknown sends it to review.
    fn class_schedule(&self, out: &mut Vec<Finding>) -> Result<(), Problem> {
        let Some(class) = &self.claim.class else {
            return Ok(());
        };
        if class.timetable.is_some() && self.claim.attendance.is_some() {
            return Err(InputError::new(
                "input.invalid_value",
                "$.class.timetable",
                "the claim carries raw attendance, whose `attendance.class` is the class's \
                 timetable: give the timetable once, there",
            )
            .problem());
        }
        let schedule = match &class.timetable {
            Some(t) if self.recomputed.is_none() => {
                let c = t.schedule(class);
                let s = attendance::Schedule::build(&c, self.cal, None)
                    .map_err(located_in_timetable)?;
                Some((s, c))
            }
            _ => None,
        };
        let timetable = schedule.as_ref().map(|(s, c)| attendance::Timetable {
            schedule: s,
            class: c,
        });
        let span = attendance::Span::new(self.cal, class.start, class.end);
        let major = class.major.as_deref();
        for rule in &self.policy.rules {
            if !matches!(
                rule.kind,
                RuleKind::TrainingDuration { .. }
                    | RuleKind::WorkingDaysOnly {}
                    | RuleKind::DailyLessons { .. }
                    | RuleKind::TrainingStandard { .. }
            ) {
                continue;
            }
            let mut from_timetable = false;
            if let Some(r) = &self.recomputed {
                for f in r
                    .other
                    .iter()
                    .filter(|f| f.rule_id == rule.id && f.subject.is_none())
                {
                    out.push(f.clone());
                    from_timetable = true;
                }
            }
            let mut outcomes = Vec::new();
            if !from_timetable {
                outcomes.extend(attendance::class_rules(
                    &rule.kind,
                    &span,
                    major,
                    timetable,
                    rule.in_force.or(self.policy.in_force),
                ));
            }
            if let Some(filed) = class.filed_months {
                outcomes.extend(attendance::filed_months(&rule.kind, &span, major, filed));
            }
            // What the class's timetable decides rests on the calendar's
            // assumption, when its dates need one.
            let assumption = schedule.as_ref().and_then(|(s, _)| s.assumption.clone());
            for o in outcomes {
                let calendar = matches!(rule.kind, RuleKind::WorkingDaysOnly {})
                    || o.facts.get("part").is_some_and(|p| p == "working_days");
                let o = o
                    .fact("class", class.name.clone().unwrap_or_default())
                    .fact("start", ymd(class.start))
                    .fact("end", ymd(class.end));
                let o = if calendar {
                    o.assuming(assumption.clone())
                } else {
                    o
                };
                out.push(finding(rule, o));
            }
        }
        Ok(())
    }

    /// The seed's longest duration in months (DL-T1, FS-A1), when the policy has one.
    fn max_months(&self) -> Option<u32> {
        self.policy.rules.iter().find_map(|r| match &r.kind {
            RuleKind::TrainingDuration { max_months, .. }
            | RuleKind::TrainingStandard { max_months, .. } => Some(*max_months),
            _ => None,
        })
    }

    fn duplicates_findings(
        &self,
        trainees: &SortedMap<usize, usize>,
        workers: &SortedMap<usize, usize>,
        out: &mut Vec<Finding>,
    ) {
        let Some(rule) = self
            .policy
            .rules
            .iter()
            .find(|r| matches!(r.kind, RuleKind::NoDuplicateSubsidy {}))
        else {
            return;
        };
        let mut any = false;
        let groups = [
            (
                trainees,
                self.claim
                    .trainees
                    .iter()
                    .map(|t| t.id_number.number())
                    .collect::<Vec<_>>(),
            ),
            (
                workers,
                self.claim
                    .enterprise
                    .iter()
                    .flat_map(|e| e.workers.iter().map(|w| w.id_number.number()))
                    .collect(),
            ),
        ];
        for (dups, ids) in groups {
            // One finding per person listed more than once, naming every row.
            let mut rows: SortedMap<usize, Vec<u32>> = SortedMap::new();
            for (&later, &first) in dups {
                rows.entry(first)
                    .or_insert_with(|| vec![row(first)])
                    .push(row(later));
            }
            for (first, rows) in rows {
                any = true;
                out.push(finding(
                    rule,
                    Outcome::new(Status::Fail)
                        .because("in_claim")
                        .fact("rows", rows)
                        .about(self.subject(ids[first])),
                ));
            }
        }
        if !any {
            out.push(finding(
                rule,
                Outcome::new(Status::Pass)
                    .because("in_claim")
                    .fact("rows", Value::Null),
            ));
        }
    }

    /// IP-P2: the documents a claim carries.
    fn claim_documents(&self, out: &mut Vec<Finding>) {
        for rule in &self.policy.rules {
            if let RuleKind::ClaimCompleteness { required } = &rule.kind {
                let (status, missing) = missing_items(required, self.claim.documents.as_deref());
                let (zh, en) = labels(&missing);
                out.push(finding(
                    rule,
                    Outcome::new(status)
                        .fact("missing_zh", zh)
                        .fact("missing_en", en),
                ));
            }
        }
    }

    /// JZ-S1's employment after training, over the class: each listed trainee
    /// once, "employed" as the definitions (JZ-D1) define it where the policy
    /// has them. Computed only when the claim names a rule that needs it.
    fn employment(&self, dups: &SortedMap<usize, usize>) -> Employment {
        let mut e = Employment {
            class_size: self.claim.class.as_ref().and_then(|c| c.trainees),
            per_row: vec![None; self.claim.trainees.len()],
            ..Employment::default()
        };
        let needed = self
            .amount_rules
            .iter()
            .any(|r| matches!(r.kind, RuleKind::TieredDailySubsidy { .. }));
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

    /// The class's calendar for attendance summaries: `None` when the claim
    /// has no class dates (or they are reversed, which the deadlines refuse).
    fn summary_basis(&self) -> Result<Option<&SummaryBasis>, Problem> {
        if self.summary_basis.get().is_none() {
            let basis = match &self.claim.class {
                Some(c) if c.start <= c.end => {
                    let training_days = self
                        .cal
                        .count_workdays(c.start, c.end)
                        .map_err(|e| deadlines::cal_err(e, "$.class.start"))?;
                    let mut expected_values: Vec<u32> = self
                        .claim
                        .trainees
                        .iter()
                        .filter_map(|t| t.attendance.as_ref()?.summary())
                        .map(|s| s.expected_sessions)
                        .collect();
                    crate::sort::ascending(&mut expected_values);
                    expected_values.dedup();
                    Some(SummaryBasis {
                        start: c.start,
                        end: c.end,
                        training_days,
                        sessions_per_day: c.sessions_per_day(),
                        expected_values,
                        assumption: self.cal.assumption_for(c.start, c.end),
                    })
                }
                _ => None,
            };
            let _ = self.summary_basis.set(basis);
        }
        Ok(self.summary_basis.get().and_then(Option::as_ref))
    }

    /// A trainee's attendance against the class's calendar: a summary is
    /// checked, attendance recomputed from punches needs no check.
    fn check_summary(&self, t: &Trainee) -> Result<SummaryCheck, Problem> {
        let Some(s) = t.attendance.as_ref().and_then(AttendanceInput::summary) else {
            return Ok(SummaryCheck::Agrees);
        };
        let Some(b) = self.summary_basis()? else {
            return Ok(SummaryCheck::Unchecked);
        };
        let (start, end, d) = (ymd(b.start), ymd(b.end), b.training_days);
        let contradicts = |field, stated, zh: String, en: String| SummaryCheck::Contradicts {
            field,
            stated,
            check_zh: zh,
            check_en: en,
        };
        if s.attended_days > d {
            return Ok(contradicts(
                SummaryField::AttendedDays,
                s.attended_days,
                format!("班级 {start} 至 {end} 只有 {d} 个培训日（工作日）"),
                format!(
                    "the class has only {d} training days (working days) from {start} to {end}"
                ),
            ));
        }
        let per_day = match b.sessions_per_day {
            Some(k) => {
                let want = u64::from(d) * u64::from(k);
                if u64::from(s.expected_sessions) != want {
                    return Ok(contradicts(
                        SummaryField::ExpectedSessions,
                        s.expected_sessions,
                        format!("班级 {start} 至 {end} 的 {d} 个培训日 × 每天 {k} 节 = {want} 节"),
                        format!("the class's {d} training days from {start} to {end} × {k} sessions a day = {want} sessions"),
                    ));
                }
                u64::from(k)
            }
            None => {
                if d == 0 || s.expected_sessions % d != 0 {
                    return Ok(contradicts(
                        SummaryField::ExpectedSessions,
                        s.expected_sessions,
                        format!("班级 {start} 至 {end} 有 {d} 个培训日，每天节数相同，应出勤节数应为 {d} 的整数倍"),
                        format!("the class has {d} training days from {start} to {end}, each with the same sessions, so the sessions expected are a whole multiple of {d}"),
                    ));
                }
                if b.expected_values.len() > 1 {
                    return Ok(SummaryCheck::Disagree(b.expected_values.clone()));
                }
                u64::from(s.expected_sessions / d)
            }
        };
        let most = u64::from(s.attended_days) * per_day;
        if u64::from(s.attended_sessions) > most {
            return Ok(contradicts(
                SummaryField::AttendedSessions,
                s.attended_sessions,
                format!(
                    "出勤 {} 天 × 每天 {per_day} 节，最多 {most} 节",
                    s.attended_days
                ),
                format!(
                    "{} days attended × {per_day} sessions a day is at most {most} sessions",
                    s.attended_days
                ),
            ));
        }
        Ok(SummaryCheck::Agrees)
    }

    /// A per-day or per-person line on the trainee's attended days: `pay` with
    /// them when the summary holds against the class's calendar (or comes from
    /// punches), else the line's outcome without them (no attendance, a
    /// summary the calendar rules out, one that cannot be checked).
    fn on_attended_days(
        &self,
        attendance: Option<&AttendanceSummary>,
        check: &SummaryCheck,
        pay: impl FnOnce(&AttendanceSummary) -> LineOutcome,
    ) -> LineOutcome {
        let assumption = || {
            self.summary_basis
                .get()
                .and_then(Option::as_ref)
                .and_then(|b| b.assumption.clone())
        };
        match (attendance, check) {
            (None, _) => LineOutcome::unknown("attendance"),
            (_, SummaryCheck::Contradicts { .. }) => {
                let mut lo = LineOutcome::nothing("summary").summary_facts(check);
                lo.assumption = assumption();
                lo
            }
            (_, SummaryCheck::Unchecked) => LineOutcome::unknown("summary_unchecked"),
            (_, SummaryCheck::Disagree(_)) => {
                LineOutcome::unknown("summary_disagree").summary_facts(check)
            }
            (Some(a), SummaryCheck::Agrees) => pay(a),
        }
    }

    fn trainee(
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
            let effect = match &rule.kind {
                RuleKind::Residence { .. }
                | RuleKind::EducationType { .. }
                | RuleKind::GraduationWindow { .. }
                | RuleKind::NeverEmployed { .. }
                | RuleKind::ParticipationLimit { .. }
                | RuleKind::StartupAndCare { .. } => Some(f.status),
                RuleKind::NotDishonest { subject } if *subject == Subject::Person => Some(f.status),
                // IP-E1 says who the plan targets, not who may be subsidised
                // (seed notes): outside the groups is for a person to look at.
                RuleKind::TargetGroups { .. } => Some(if f.status == Status::Fail {
                    Status::Unknown
                } else {
                    f.status
                }),
                // The key groups of a per-day amount decide its own line.
                RuleKind::CappedDailySubsidy { .. } if claimed_ids.contains(rule.id.as_str()) => {
                    None
                }
                // Why a stated group does not count (JZ-D1): the group rules
                // that use the tag decide.
                RuleKind::Definitions { .. } => None,
                _ => continue,
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
            let (min_rate, leave_counts, soft) = match &rule.kind {
                RuleKind::AttendanceThreshold {
                    min_rate,
                    leave_counts_as_attended,
                } => (*min_rate, *leave_counts_as_attended, false),
                RuleKind::TrainingStandard { min_rate, .. } => (*min_rate, false, true),
                _ => continue,
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
            let o = match rule.kind {
                RuleKind::TrainingStandard { .. } => attendance::rate_part(o),
                _ => o,
            };
            attendance_status = Some((rule.id.clone(), o.status));
            findings.push(finding(rule, o));
        }
        // The punches of theirs that do not count, and their exception notes.
        for f in from_punches.unwrap_or_default() {
            let threshold = self.policy.rule(&f.rule_id).is_some_and(|r| {
                matches!(
                    r.kind,
                    RuleKind::AttendanceThreshold { .. } | RuleKind::TrainingStandard { .. }
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
            if let RuleKind::ClassOpening {
                stamped_roster_for_class_of,
                ..
            } = &rule.kind
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
            let o = match &rule.kind {
                RuleKind::EnrolAndFileOrder {} => match class {
                    Some(c) => deadlines::enrolment_outcome(rule, c, t.enrolled_on),
                    None => None,
                },
                RuleKind::EnrolmentDocuments {
                    required,
                    natives_studied_elsewhere,
                } => Some(documents_outcome(t, required, natives_studied_elsewhere)),
                RuleKind::InformationChecks { when, .. } => Some(checks_outcome(t, when, class)),
                RuleKind::NoRecordNoSubsidy {} => Some(record_outcome(t, class)),
                _ => None,
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
            if matches!(rule.kind, RuleKind::WorkInLieuOfTraining { .. }) {
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
            if let RuleKind::DailyAllowance { groups, .. } = &rule.kind {
                if !standing(defs.as_ref(), &person, groups).holds.is_empty() {
                    conditions.retain(|c| {
                        !self
                            .policy
                            .rule(&c.rule_id)
                            .is_some_and(|r| matches!(r.kind, RuleKind::TargetGroups { .. }))
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

    /// Amount rules a policy declares exclusive (`exclusive_with`): one
    /// person's lines under two of them for the same training are not both
    /// paid. When both could pay (each passes or is undecided), neither is:
    /// both lines need review, naming the other rule and what each would come
    /// to, and the claim has a finding naming both rules and both amounts: it
    /// fails when the claim asks for money under both (the same training
    /// claimed twice), else a person must choose which standard applies. Which
    /// one is never taken from what is claimed.
    fn exclusive(
        &self,
        i: usize,
        t: &Trainee,
        subject: &str,
        planned: &[(&Rule, LineOutcome, Vec<Condition>)],
        lines: &mut [Line],
        claim_findings: &mut Vec<Finding>,
    ) {
        let open = |l: &Line| l.finding.status != Status::Fail;
        // What a line would come to: its amount, or the provisional one.
        let would_be = |l: &Line| -> Value {
            match l.finding.status {
                Status::Pass => l.amount.to_string().into(),
                _ => l
                    .finding
                    .facts
                    .get("provisional_amount")
                    .cloned()
                    .unwrap_or(Value::Null),
            }
        };
        let claimed = |id: &str| t.claimed.get(id).copied().unwrap_or(Yuan::ZERO);
        let index = |id: &str| planned.iter().position(|(r, _, _)| r.id == id);
        let mut conflicts: Vec<(usize, usize)> = Vec::new();
        for (a, b) in exclusive_pairs(self.policy) {
            let (Some(ia), Some(ib)) = (index(&a.id), index(&b.id)) else {
                continue;
            };
            if open(&lines[ia]) && open(&lines[ib]) {
                conflicts.push((ia, ib));
            }
        }
        if conflicts.is_empty() {
            return;
        }
        let before: Vec<Line> = lines.to_vec();
        for &(ia, ib) in &conflicts {
            let (ra, rb) = (planned[ia].0, planned[ib].0);
            let both_claimed = claimed(&ra.id) > Yuan::ZERO && claimed(&rb.id) > Yuan::ZERO;
            let mut o = Outcome::new(if both_claimed {
                Status::Fail
            } else {
                Status::Unknown
            })
            .because("exclusive")
            .fact("row", row(i))
            .fact("subject", subject)
            .fact("exclusive_with", rb.id.as_str())
            .fact("amount", would_be(&before[ia]))
            .fact("other_amount", would_be(&before[ib]))
            .fact("claimed", claimed(&ra.id).to_string())
            .fact("other_claimed", claimed(&rb.id).to_string());
            o.subject = Some(subject.to_owned());
            claim_findings.push(finding(ra, o));
            for (me, other) in [(ia, ib), (ib, ia)] {
                let (rule, _, conditions) = &planned[me];
                let other_rule = planned[other].0;
                let own = LineOutcome::unknown("exclusive")
                    .fact("exclusive_with", other_rule.id.as_str())
                    .fact("provisional_amount", would_be(&before[me]))
                    .fact("other_amount", would_be(&before[other]))
                    .fact("other_claimed", claimed(&other_rule.id).to_string());
                lines[me] = self.line(
                    rule,
                    i,
                    subject,
                    own,
                    conditions,
                    t.claimed.get(&rule.id).copied(),
                );
            }
        }
    }

    /// The own conditions and arithmetic of one amount rule for one trainee.
    #[allow(clippy::too_many_arguments)]
    fn amount(
        &self,
        rule: &Rule,
        t: &Trainee,
        person: &Person,
        attendance: Option<&AttendanceSummary>,
        attendance_status: Option<&(String, Status)>,
        check: &SummaryCheck,
        employment: &Employment,
    ) -> Result<LineOutcome, Problem> {
        let days = attendance.map(|a| a.attended_days);
        let defs = Definitions::of(self.policy);
        Ok(match &rule.kind {
            RuleKind::MonthlySubsidyByCertificate {
                rates,
                month_counting,
                partial_month,
                ..
            } => self.monthly(
                t,
                person,
                rates.value.as_ref(),
                *month_counting,
                *partial_month,
                attendance_status,
            )?,
            RuleKind::AppraisalSubsidy { fee_table } => {
                let certs = t.certificates.as_deref();
                let blocked = self.after_benefit(t);
                match (certs, blocked) {
                    (_, Some(Status::Fail)) => LineOutcome::nothing("after_benefit"),
                    (None, _) => LineOutcome::unknown("certificates"),
                    (Some(list), b) => {
                        let table = fee_table.value.clone().unwrap_or_default();
                        let paid: Vec<(&str, &str, Yuan)> = list
                            .iter()
                            .filter(|c| c.first_time == Some(true))
                            .filter_map(|c| {
                                table
                                    .get(c.kind.key())
                                    .map(|fee| (c.kind.zh(), c.kind.en(), *fee))
                            })
                            .collect();
                        let undecided = list
                            .iter()
                            .any(|c| c.first_time.is_none() && table.contains_key(c.kind.key()));
                        let (zh, en): (Vec<&str>, Vec<&str>) =
                            list.iter().map(|c| (c.kind.zh(), c.kind.en())).unzip();
                        let lo = if !paid.is_empty() && b != Some(Status::Unknown) {
                            LineOutcome::pay(subsidy::sum_of(&paid), "paid")
                        } else if !paid.is_empty() || undecided {
                            LineOutcome::unknown(if b == Some(Status::Unknown) {
                                "after_benefit"
                            } else {
                                "first_time"
                            })
                        } else {
                            LineOutcome::nothing("no_first_certificate")
                        };
                        lo.fact("certificates_zh", zh).fact("certificates_en", en)
                    }
                }
            }
            RuleKind::TrainingSubsidyRate { rate, certificates } => {
                let has = certificate_in(t.certificates.as_deref(), certificates);
                let lo = match (has, t.offline_practice_local, rate.value) {
                    (Some(false), _, _) => LineOutcome::nothing("certificate"),
                    (_, Some(false), _) => LineOutcome::nothing("practice"),
                    (None, _, _) => LineOutcome::unknown("certificate"),
                    (_, None, _) => LineOutcome::unknown("practice"),
                    (_, _, None) => LineOutcome::unknown("rate"),
                    (Some(true), Some(true), Some(r)) => LineOutcome::pay(subsidy::flat(r), "paid"),
                };
                lo.fact("rate", opt(rate.value.map(|r| r.to_string())))
                    .fact("offline_practice_local", opt(t.offline_practice_local))
            }
            RuleKind::DailyAllowance {
                per_day,
                groups: listed,
            } => {
                let s = standing(defs.as_ref(), person, listed);
                let lo = group_line(person, &s).unwrap_or_else(|| {
                    self.on_attended_days(attendance, check, |a| {
                        LineOutcome::pay(
                            subsidy::per_unit(*per_day, a.attended_days, Unit::Day),
                            "paid",
                        )
                    })
                });
                group_facts(lo, person, &s, defs.is_some())
                    .fact("per_day", per_day.to_string())
                    .fact("days", opt(days))
            }
            RuleKind::TieredDailySubsidy {
                min_employment_rate,
                tiers,
            } => {
                let e = employment;
                // The class's declared size is the denominator; a trainee not
                // listed is unknown, never absent.
                let of = e.class_size.map(|c| c.max(e.listed));
                let unlisted = e.class_size.map_or(0, |c| c.saturating_sub(e.listed));
                let unknown = e.unknown + unlisted;
                let need = |n: u32| {
                    Decimal::from(n) >= *min_employment_rate * Decimal::from(of.unwrap_or(0))
                };
                let lo = match e.class_size {
                    None => LineOutcome::unknown("class_size"),
                    Some(c) if e.listed > c => LineOutcome::unknown("class_size_contradiction"),
                    Some(_) if need(e.employed) => self.on_attended_days(attendance, check, |a| {
                        LineOutcome::pay(subsidy::tiered(tiers, a.attended_days), "paid")
                    }),
                    Some(_) if !need(e.employed + unknown) => {
                        LineOutcome::nothing(if unknown == 0 {
                            "below_rate"
                        } else {
                            "below_rate_at_most"
                        })
                    }
                    Some(_) => LineOutcome::unknown("employment"),
                };
                let rate = |n: u32| match of {
                    Some(of) if of > 0 => Value::from(percent(n, of)),
                    _ => Value::Null,
                };
                lo.fact("employed", e.employed)
                    .fact("not_employed", e.not_employed)
                    .fact("denominator", opt(of))
                    .fact("class_size", opt(e.class_size))
                    .fact("listed", e.listed)
                    .fact("unlisted", unlisted)
                    .fact("employment_unknown", unknown)
                    .fact("employment_rate", rate(e.employed))
                    .fact("max_employed", e.employed + unknown)
                    .fact("max_employment_rate", rate(e.employed + unknown))
                    .fact("min_employment_rate", rate_percent(*min_employment_rate))
                    .fact("days", opt(days))
            }
            RuleKind::PerPersonSubsidy {
                amount,
                completion_rate,
            } => {
                // 三(二) pays for an employee's training: one who did not train
                // is not paid, and "completed" is the deployment's threshold.
                let lo = match person.enterprise_employee {
                    Some(false) => LineOutcome::nothing("not_employee"),
                    None => LineOutcome::unknown("employee"),
                    Some(true) => self.on_attended_days(attendance, check, |a| {
                        let below = completion_rate.value.is_some_and(|r| {
                            Decimal::from(a.attended_sessions)
                                < r * Decimal::from(a.expected_sessions)
                        });
                        if a.attended_sessions == 0 {
                            LineOutcome::nothing("did_not_train")
                        } else if below {
                            LineOutcome::nothing("below_completion").rests_on(&["completion_rate"])
                        } else {
                            // A pass rests on the threshold: `settle` holds it
                            // back until the deployment sets it.
                            LineOutcome::pay(subsidy::flat(*amount), "paid")
                        }
                    }),
                };
                lo.fact("per_person", amount.to_string())
                    .fact("enterprise_employee", opt(person.enterprise_employee))
                    .fact(
                        "expected_sessions",
                        opt(attendance.map(|a| a.expected_sessions)),
                    )
                    .fact(
                        "attended_sessions",
                        opt(attendance.map(|a| a.attended_sessions)),
                    )
                    .fact(
                        "completion_percent",
                        opt(attendance
                            .filter(|a| a.expected_sessions > 0)
                            .map(|a| percent(a.attended_sessions, a.expected_sessions))),
                    )
                    .fact(
                        "min_completion_percent",
                        opt(completion_rate.value.map(rate_percent)),
                    )
            }
            RuleKind::CappedDailySubsidy {
                per_day,
                cap,
                groups,
            } => {
                let s = standing(defs.as_ref(), person, groups);
                let lo = group_line(person, &s).unwrap_or_else(|| {
                    self.on_attended_days(attendance, check, |a| {
                        let d = a.attended_days;
                        let amount = subsidy::capped(*per_day, d, *cap);
                        let capped = amount.amount < per_day.times(Decimal::from(d)).round_fen();
                        LineOutcome::pay(amount, if capped { "capped" } else { "paid" })
                    })
                });
                group_facts(lo, person, &s, defs.is_some())
                    .fact("per_day", per_day.to_string())
                    .fact("cap", cap.to_string())
                    .fact("days", opt(days))
            }
            RuleKind::NoEvaluationSubsidyAfter { .. } => {
                // The certification subsidy itself is priced by documents outside
                // the seed: the engine can only rule it out.
                match t.ui_skill_upgrade_eligible {
                    Some(true) => LineOutcome::nothing("after_benefit"),
                    Some(false) => LineOutcome::unknown("rate"),
                    None => LineOutcome::unknown("after_benefit"),
                }
                .fact(
                    "ui_skill_upgrade_eligible",
                    opt(t.ui_skill_upgrade_eligible),
                )
            }
            _ => LineOutcome::unknown("rate"),
        })
    }

    /// JZ-P2-style rules: the evaluation subsidy is ruled out after the benefit.
    fn after_benefit(&self, t: &Trainee) -> Option<Status> {
        self.policy
            .rules
            .iter()
            .any(|r| matches!(r.kind, RuleKind::NoEvaluationSubsidyAfter { .. }))
            .then_some(match t.ui_skill_upgrade_eligible {
                Some(true) => Status::Fail,
                Some(false) => Status::Pass,
                None => Status::Unknown,
            })
    }

    #[allow(clippy::too_many_arguments)]
    fn monthly(
        &self,
        t: &Trainee,
        person: &Person,
        rates: Option<&SortedMap<String, TierRates>>,
        counting: MonthCounting,
        partial: PartialMonth,
        attendance: Option<&(String, Status)>,
    ) -> Result<LineOutcome, Problem> {
        let class = self.claim.class.as_ref();
        let major = class
            .and_then(|c| c.major.clone())
            .or_else(|| person.major.clone());
        let tier = certificate_tier(t.certificates.as_deref());
        let own_students = self.own_college_student(t);
        let tier_rates = major
            .as_ref()
            .and_then(|m| rates.and_then(|r| r.get(m.trim())));
        let (tier_key, rate) = match (tier, own_students) {
            (Some(Some(_)), Some(true)) => (
                Some("college_own_students"),
                tier_rates.and_then(|r| r.college_own_students),
            ),
            (Some(Some(Certificate::SpecialAbility)), _) => (
                Some("special_ability"),
                tier_rates.and_then(|r| r.special_ability),
            ),
            (Some(Some(_)), _) => (
                Some("qualification"),
                tier_rates.and_then(|r| r.qualification),
            ),
            _ => (None, None),
        };
        let (tier_zh, tier_en) = match tier_key {
            Some("college_own_students") => (
                "高校面向本校毕业学年毕业生培训",
                "a college training its own graduating-year students",
            ),
            Some("special_ability") => ("专项职业能力证书", "special-ability certificate"),
            Some(_) => (
                "职业资格证书或职业技能等级证书",
                "qualification or skill-level certificate",
            ),
            None => ("无", "none"),
        };
        let (count_zh, count_en) = match counting {
            MonthCounting::FiledDuration => (
                "按备案培训时长计月（以班期起止日期核对）",
                "months: the filed duration, checked against the class's dates",
            ),
            MonthCounting::CalendarMonthsTrained => {
                ("按实际培训的自然月计月", "months: calendar months trained")
            }
        };
        let (rule_zh, rule_en) = match partial {
            PartialMonth::ProRataWorkdays => ("按当月工作日折算", "pro rata by working days"),
            PartialMonth::Whole => ("按整月计", "counted in full"),
            PartialMonth::Drop => ("不计", "counted for nothing"),
        };
        // The class's months from its dates (unknown without them).
        let months_of = match class {
            Some(c) => Some(
                subsidy::class_months(self.cal, c.start, c.end)
                    .map_err(|e| deadlines::cal_err(e, "$.class.end"))?,
            ),
            None => None,
        };
        // A whole filed figure, or a class of whole months, leaves no partial
        // month to treat: the rule is named but does not arise.
        let partial_arises = match counting {
            MonthCounting::FiledDuration => {
                class.is_some_and(|c| c.filed_months.is_none())
                    && months_of.is_some_and(|m| m.days > 0)
            }
            MonthCounting::CalendarMonthsTrained => true,
        };
        let (partial_zh, partial_en) = if partial_arises {
            (
                format!("不足整月{rule_zh}"),
                format!("a partial month {rule_en}"),
            )
        } else {
            (
                format!("不足整月{rule_zh}的规则不适用"),
                format!("the partial-month rule ({rule_en}) does not arise"),
            )
        };
        let max = self.max_months();
        let with = |lo: LineOutcome, months: Value| {
            lo.fact("major", opt(major.clone()))
                .fact("tier_zh", tier_zh)
                .fact("tier_en", tier_en)
                .fact("rate", opt(rate.map(|r| r.to_string())))
                .fact("months", months)
                .fact("month_counting_zh", count_zh)
                .fact("month_counting_en", count_en)
                .fact("partial_month_zh", partial_zh.as_str())
                .fact("partial_month_en", partial_en.as_str())
                .fact("attendance_rule", opt(attendance.map(|a| a.0.clone())))
                .fact("filed_months", opt(class.and_then(|c| c.filed_months)))
                .fact("whole_months", opt(months_of.map(|m| m.months)))
                .fact("extra_days", opt(months_of.map(|m| m.days)))
                .fact("max_months", opt(max))
        };
        // Own conditions: a certificate, attendance met; then the rate and the months.
        match tier {
            Some(None) => return Ok(with(LineOutcome::nothing("no_certificate"), Value::Null)),
            None => return Ok(with(LineOutcome::unknown("certificates"), Value::Null)),
            Some(Some(_)) => {}
        }
        match attendance.map(|a| a.1) {
            Some(Status::Fail) => return Ok(with(LineOutcome::nothing("attendance"), Value::Null)),
            Some(Status::Unknown) => {
                return Ok(with(LineOutcome::unknown("attendance"), Value::Null))
            }
            _ => {}
        }
        if own_students.is_none()
            && self.claim.institution.as_ref().and_then(|i| i.college) == Some(true)
        {
            return Ok(with(LineOutcome::unknown("own_students"), Value::Null));
        }
        let Some(rate) = rate else {
            return Ok(with(LineOutcome::unknown("rate"), Value::Null));
        };
        let (Some(c), Some(dates)) = (class, months_of) else {
            return Ok(with(LineOutcome::unknown("months"), Value::Null));
        };
        // The months the reading counts: the filed figure, or the dates'
        // months with the days left over treated per `partial`, or the
        // calendar months trained.
        let (counted, shown, assumption) = match counting {
            MonthCounting::FiledDuration => match c.filed_months {
                Some(m) => (subsidy::MonthCount::whole(m), Value::from(m), None),
                None => {
                    let m = dates.counted(partial);
                    let shown = if dates.days == 0 {
                        Value::from(dates.months)
                    } else {
                        Value::from(m.text())
                    };
                    let assumption = (dates.days > 0)
                        .then(|| self.cal.assumption_for(c.start, c.end))
                        .flatten();
                    (m, shown, assumption)
                }
            },
            MonthCounting::CalendarMonthsTrained => {
                let shares = subsidy::months_between(self.cal, c.start, c.end)
                    .map_err(|e| deadlines::cal_err(e, "$.class.start"))?;
                let terms: Vec<String> = shares
                    .iter()
                    .map(|s| format!("{}-{:02}: {}/{}", s.year, s.month, s.days, s.of))
                    .collect();
                (
                    subsidy::MonthCount::of_shares(&shares, partial),
                    terms.into(),
                    self.cal.assumption_for(c.start, c.end),
                )
            }
        };
        // Never more than the class's own duration, nor the seed's longest.
        let exact = dates.exact();
        let mut limits = vec![subsidy::MonthLimit {
            zh: if dates.days == 0 {
                format!("班期起止日期所示的 {} 个月", dates.months)
            } else {
                format!(
                    "班期起止日期所示的 {} 个月又 {} 天（按工作日折合 {} 个月）",
                    dates.months,
                    dates.days,
                    exact.text()
                )
            },
            en: if dates.days == 0 {
                format!("the {} months of the class's dates", dates.months)
            } else {
                format!(
                    "the {} months and {} days of the class's dates ({} months by working days)",
                    dates.months,
                    dates.days,
                    exact.text()
                )
            },
            months: exact,
        }];
        if let Some(max) = max {
            limits.push(subsidy::MonthLimit {
                months: subsidy::MonthCount::whole(max),
                zh: format!("最长 {max} 个月"),
                en: format!("the longest {max} months"),
            });
        }
        let a = subsidy::months_at_most(rate, &counted, &limits);
        let mut lo = with(LineOutcome::pay(a, "paid"), shown);
        lo.assumption = assumption;
        Ok(lo)
    }

    /// A college training its own student of the graduating class (DL-S1's
    /// reduced range): `Some(false)` when it is not that case, `None` when the
    /// institution is a college but the trainee's school or year is not known.
    fn own_college_student(&self, t: &Trainee) -> Option<bool> {
        let inst = self.claim.institution.as_ref();
        if inst.and_then(|i| i.college) != Some(true) {
            return Some(false);
        }
        let graduating: Vec<i32> = self
            .policy
            .rules
            .iter()
            .filter_map(|r| match &r.kind {
                RuleKind::GraduationWindow {
                    graduating_class_years,
                    ..
                } => graduating_class_years.value().cloned(),
                _ => None,
            })
            .flatten()
            .collect();
        let name = inst.and_then(|i| i.name.as_deref()).map(str::trim);
        let same = match (t.school.as_deref().map(str::trim), name) {
            (Some(s), Some(n)) => s == n,
            _ => return None,
        };
        let year = t.eligibility.graduation_year?;
        Some(same && graduating.contains(&year))
    }

    /// Puts a line into words, with the person-level conditions applied.
    fn line(
        &self,
        rule: &Rule,
        i: usize,
        subject: &str,
        own: LineOutcome,
        general: &[Condition],
        claimed: Option<Yuan>,
    ) -> Line {
        let own = own.settle(rule);
        let rules_with = |status: Status| -> Vec<&str> {
            let mut ids: Vec<&str> = Vec::new();
            for c in general.iter().filter(|c| c.status == status) {
                if !ids.contains(&c.rule_id.as_str()) {
                    ids.push(c.rule_id.as_str());
                }
            }
            ids
        };
        let failed = rules_with(Status::Fail);
        let unknown = rules_with(Status::Unknown);
        // A fail anywhere pays nothing; the line's own reason is the more
        // specific one when it has one.
        let (status, reason, blocked_by) = if own.status == Status::Fail {
            (Status::Fail, own.reason, failed)
        } else if !failed.is_empty() {
            (Status::Fail, "conditions", failed)
        } else if own.status == Status::Unknown {
            (Status::Unknown, own.reason, unknown)
        } else if !unknown.is_empty() {
            (Status::Unknown, "conditions", unknown)
        } else {
            (Status::Pass, own.reason, Vec::new())
        };
        let arithmetic = if status == Status::Pass {
            own.arithmetic.clone()
        } else {
            None
        };
        let amount = arithmetic.as_ref().map_or(Yuan::ZERO, |a| a.amount);
        let mut facts = own.facts;
        facts.insert("subject", subject.into());
        facts.insert("row", row(i).into());
        facts.insert("amount", amount.to_string().into());
        facts.insert("claimed", opt(claimed.map(|c| c.to_string())));
        facts.insert("blocked_by", blocked_by.into());
        facts.insert(
            "arithmetic_zh",
            opt(arithmetic.as_ref().map(|a| a.zh.clone())),
        );
        facts.insert(
            "arithmetic_en",
            opt(arithmetic.as_ref().map(|a| a.en.clone())),
        );
        let key = match status {
            Status::Pass => "line",
            Status::Fail => "line_zero",
            Status::Unknown => "line_unknown",
        };
        let (zh, en) = render_message(rule, key, Some(reason), &facts);
        let mut f = Finding::new(rule.id.clone(), status, rule.citation(), zh, en);
        f.facts = facts;
        f.subject = Some(subject.to_owned());
        f.assumptions = own.assumption.into_iter().collect();
        Line {
            finding: f,
            row: row(i),
            amount,
            claimed,
            arithmetic_zh: arithmetic.as_ref().map(|a| a.zh.clone()),
            arithmetic_en: arithmetic.map(|a| a.en),
        }
    }

    /// A claim-level finding when a decided line's claimed amount differs.
    fn mismatch(&self, line: &Line) -> Option<Finding> {
        if line.finding.status == Status::Unknown || line.claimed_or_zero() == line.amount {
            return None;
        }
        let rule = self.policy.rule(&line.finding.rule_id)?;
        let diff = line.claimed_or_zero() - line.amount;
        let o = Outcome::new(Status::Fail)
            .because("mismatch")
            .fact("row", line.row)
            .fact("subject", opt(line.finding.subject.clone()))
            .fact("amount", line.amount.to_string())
            .fact("claimed", line.claimed_or_zero().to_string())
            .fact("difference", diff.to_string())
            .fact("arithmetic_zh", opt(line.arithmetic_zh.clone()))
            .fact("arithmetic_en", opt(line.arithmetic_en.clone()));
        let mut o = o;
        o.subject = line.finding.subject.clone();
        Some(finding(rule, o))
    }

    /// LC-S1: the enterprise finding (claim level), each worker's finding and line.
    fn enterprise(
        &self,
        e: &ClaimEnterprise,
        dups: &SortedMap<usize, usize>,
        claim_findings: &mut Vec<Finding>,
        workers: &mut Vec<PersonReport>,
    ) {
        let applicant = Applicant::Enterprise(eligibility::Enterprise {
            name: e.name.clone(),
            credit_code: e.credit_code.clone(),
            size: e.size,
            sector: e.sector,
            workers: e
                .workers
                .iter()
                .map(|w| eligibility::Worker {
                    name: Some(w.name.clone()),
                    id_number: Some(w.id_number.clone()),
                    first_contribution: w.first_contribution,
                    dispatched: w.dispatched,
                })
                .collect(),
        });
        let findings = eligibility::evaluate(self.policy, &applicant).findings;
        // Per rule: the enterprise finding first, then one per worker in order.
        let mut enterprise_status: SortedMap<String, Status> = SortedMap::new();
        let mut per_worker: Vec<Vec<Finding>> = vec![Vec::new(); e.workers.len()];
        let mut idx: SortedMap<String, usize> = SortedMap::new();
        for f in findings {
            let n = idx.entry(f.rule_id.clone()).or_insert(0);
            if *n == 0 {
                enterprise_status.insert(f.rule_id.clone(), f.status);
                claim_findings.push(f);
            } else if let Some(slot) = per_worker.get_mut(*n - 1) {
                let mut f = f;
                f.subject = Some(self.subject(e.workers[*n - 1].id_number.number()));
                slot.push(f);
            }
            *n += 1;
        }
        for (i, w) in e.workers.iter().enumerate() {
            let subject = self.subject(w.id_number.number());
            let own_findings = std::mem::take(&mut per_worker[i]);
            let mut lines = Vec::new();
            for rule in &self.amount_rules {
                let RuleKind::WorkInLieuOfTraining {
                    per_month,
                    max_months,
                    until,
                    ..
                } = &rule.kind
                else {
                    continue;
                };
                let worker_status = own_findings
                    .iter()
                    .find(|f| f.rule_id == rule.id)
                    .map_or(Status::Unknown, |f| f.status);
                let general = vec![
                    Condition {
                        rule_id: rule.id.clone(),
                        status: enterprise_status
                            .get(&rule.id)
                            .copied()
                            .unwrap_or(Status::Unknown),
                    },
                    Condition {
                        rule_id: rule.id.clone(),
                        status: worker_status,
                    },
                ];
                let window = match (w.first_contribution, crate::input::date::parse(until)) {
                    (Some(first), Ok(u)) => Some(subsidy::window_months(first, u)),
                    _ => None,
                };
                let own = if let Some(first) = dups.get(&i) {
                    LineOutcome::nothing("duplicate").fact("first_row", row(*first))
                } else {
                    match (w.months, window) {
                        (Some(m), Some(win)) => {
                            let n = m.min(win).min(*max_months);
                            LineOutcome::pay(subsidy::per_unit(*per_month, n, Unit::Month), "paid")
                        }
                        (None, _) => LineOutcome::unknown("months"),
                        (_, None) => LineOutcome::unknown("window"),
                    }
                };
                let own = own
                    .fact("per_month", per_month.to_string())
                    .fact("months", opt(w.months))
                    .fact("window_months", opt(window))
                    .fact("max_months", *max_months)
                    .fact("until", until.as_str())
                    .fact("first_contribution", opt(w.first_contribution.map(ymd)));
                lines.push(self.line(
                    rule,
                    i,
                    &subject,
                    own,
                    &general,
                    w.claimed.get(&rule.id).copied(),
                ));
            }
            workers.push(person_report(i, &w.name, subject, own_findings, lines));
        }
    }
}

/// The catalogue finding eligibility gave (FS-I1, or DL-P1's first part) and
/// what the claim says of it: an `in_catalogue` that contradicts the catalogue
/// is a finding of its own beside it; a "not listed" where the catalogue
/// cannot say (unset, an example, the institution not found by its code or
/// name) takes the place of that unknown finding, the institution taken at its
/// word. `strictness` is FS-I1's reading of 原则上 (`None`: DL-P1, strict).
fn catalogue_word_findings(
    rule: &Rule,
    found: Finding,
    catalogue: &Deployment<Vec<crate::policy::kinds::CatalogueEntry>>,
    strictness: Option<crate::policy::kinds::Strictness>,
    inst: &InstitutionInfo,
    out: &mut Vec<Finding>,
) {
    let word = eligibility::catalogue_word(
        catalogue,
        strictness.unwrap_or_default(),
        inst.name.as_deref(),
        inst.credit_code.as_ref().map(|c| c.code()),
        inst.in_catalogue,
    );
    let Some(o) = word else {
        out.push(found);
        return;
    };
    let taken_at_its_word = o.reason == Some("stated_not_listed");
    let o = match strictness {
        Some(s) => eligibility::with_strictness(o, s),
        None => eligibility::standing_part(rule, eligibility::Part::Catalogue, o),
    };
    if !taken_at_its_word {
        out.push(found);
    }
    out.push(finding(rule, o));
}

/// The premises (FS-I2; DL-P1's second part): the class trains on premises
/// the authority verified on site. The class's address is looked up in the
/// deployment's register, never taken from the claim's word. What the claim
/// says (`premises_verified`) is compared with the register: a contradiction
/// is a second outcome, a fail of its own; an institution that says its
/// premises are not verified fails on its own word where the register cannot
/// say (unset, an example, the institution or the address not found).
fn premises_outcome(
    kind: &RuleKind,
    register: &Deployment<Vec<PremisesEntry>>,
    inst: &InstitutionInfo,
) -> (Outcome, Option<Outcome>) {
    let code = inst.credit_code.as_ref().map(|c| c.code());
    let said = inst
        .premises
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let base = |o: Outcome| {
        o.fact("institution", opt(inst.name.clone()))
            .fact("credit_code", opt(code))
            .fact("register", register.source.as_str())
            .fact("premises", opt(said))
            .fact("premises_verified", opt(inst.premises_verified))
    };
    let unlisted = |o: Outcome| {
        o.fact("listed", Value::Null)
            .fact("listed_as", Value::Null)
            .fact("matched_by", Value::Null)
            .fact("verified_premises", Value::Null)
    };
    let Some(entries) = &register.value else {
        let o = match inst.premises_verified {
            Some(false) => Outcome::new(Status::Fail).because("stated_not_verified"),
            _ => eligibility::unset_parameter(kind, "register"),
        };
        return (base(unlisted(o)), None);
    };
    let found = eligibility::lookup(
        entries
            .iter()
            .map(|e| (e.name.as_str(), e.credit_code.as_deref())),
        inst.name.as_deref(),
        code,
    );
    // Whether the register shows the class's premises as verified (`None`:
    // it cannot say).
    let (outcome, verified) = match found {
        Lookup::Found(i, by) => {
            let e = &entries[i];
            // Addresses compare without their white space (a full-width space
            // included): the register's words, not its spacing, decide.
            let squeeze = |a: &str| a.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let (o, verified) = match said {
                None => (
                    Outcome::new(Status::Unknown).because("premises_missing"),
                    None,
                ),
                Some(a) if e.premises.iter().any(|x| squeeze(x) == squeeze(a)) => {
                    (Outcome::new(Status::Pass).because("verified"), Some(true))
                }
                Some(_) => (
                    Outcome::new(Status::Fail).because("premises_unlisted"),
                    Some(false),
                ),
            };
            let o = o
                .fact("listed", true)
                .fact("listed_as", e.name.as_str())
                .fact("matched_by", by)
                .fact("verified_premises", e.premises.clone());
            (o, verified)
        }
        Lookup::NotListed => (
            unlisted(Outcome::new(Status::Fail).because("not_registered")).fact("listed", false),
            Some(false),
        ),
        Lookup::NameUnmatched => (
            unlisted(Outcome::new(Status::Unknown).because("name_unmatched")),
            None,
        ),
        Lookup::Unidentified => (
            unlisted(Outcome::new(Status::Unknown).because("unidentified")),
            None,
        ),
    };
    // Only a register the deployment has set can contradict the claim.
    let verified = verified.filter(|_| !register.example);
    let word = eligibility::word(inst.premises_verified, verified).map(|w| {
        let reason = match w {
            eligibility::Word::ClaimsYes => "claimed_verified",
            eligibility::Word::ClaimsNo => "claimed_unverified",
            eligibility::Word::SaysNo => "stated_not_verified",
        };
        let mut o = Outcome::new(Status::Fail).because(reason);
        o.facts = outcome.facts.clone();
        (w, base(o))
    });
    match word {
        // Taken at its word in place of a lookup that cannot say.
        Some((eligibility::Word::SaysNo, o)) => (o, None),
        word => (base(outcome.rests_on(&["register"])), word.map(|(_, o)| o)),
    }
}

fn row(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

fn person_report(
    i: usize,
    name: &str,
    subject: String,
    findings: Vec<Finding>,
    lines: Vec<Line>,
) -> PersonReport {
    PersonReport {
        row: row(i),
        name: name.to_owned(),
        id_number: subject,
        total: lines.iter().map(|l| l.amount).sum(),
        claimed: lines.iter().map(|l| l.claimed_or_zero()).sum(),
        findings,
        lines,
    }
}

/// The claim's raw attendance, recomputed by the attendance module.
struct Recomputed {
    report: AttendanceReport,
    /// Roster key → the trainee's line in `report.trainees`.
    index: SortedMap<String, usize>,
    /// The findings about each roster key, in the report's order.
    by_key: SortedMap<String, Vec<Finding>>,
    /// The findings about no trainee of the claim.
    other: Vec<Finding>,
}

/// Recomputes the class's attendance from the claim's raw punches, once for
/// the whole roster: the one place a claim calls [`attendance::evaluate`].
///
/// The roster is the trainees that name a punches key (a key named by two rows
/// of the same person once). Errors of the attendance input are located in the
/// claim: `$.attendance.punches[3].at`, `$.attendance.leave[0].date`, and a key
/// at the row that names it.
fn recompute_attendance(
    policy: &Policy,
    cal: &Calendar,
    claim: &Claim,
) -> Result<Option<Recomputed>, Problem> {
    let invalid = |code: &'static str, path: String, detail: String| {
        Err(InputError::new(code, path, detail).problem())
    };
    let Some(block) = &claim.attendance else {
        if let Some(i) = claim.trainees.iter().position(|t| {
            t.attendance
                .as_ref()
                .is_some_and(|a| a.punches_key().is_some())
        }) {
            return invalid(
                "input.missing_field",
                "$.attendance".to_owned(),
                format!(
                    "row {} names a punches key, but the claim carries no raw attendance \
                     (`attendance`: the class schedule and the punches)",
                    row(i)
                ),
            );
        }
        return Ok(None);
    };
    if let Some(c) = &claim.class {
        for (field, ours, theirs) in [
            ("start", c.start, block.class.start),
            ("end", c.end, block.class.end),
        ] {
            if ours != theirs {
                return invalid(
                    "input.invalid_value",
                    format!("$.attendance.class.{field}"),
                    format!(
                        "the schedule's {field} {} is not the class's {field} {}",
                        ymd(theirs),
                        ymd(ours)
                    ),
                );
            }
        }
    }
    let mut roster: Vec<attendance::Trainee> = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    let mut index: SortedMap<String, usize> = SortedMap::new();
    for (i, t) in claim.trainees.iter().enumerate() {
        let key =
            match &t.attendance {
                None => continue,
                Some(AttendanceInput::Summary(_)) => return invalid(
                    "input.invalid_value",
                    format!("$.trainees[{i}].attendance"),
                    "the claim carries raw attendance: every trainee's attendance is recomputed \
                     from the punches, so a summary is not accepted; name the trainee's key \
                     ({\"kind\": \"punches\", \"key\": …})"
                        .to_owned(),
                ),
                Some(a) => a.punches_key().unwrap_or_default(),
            };
        match index.get(key) {
            Some(&k) => {
                let first = &claim.trainees[rows[k]];
                if first.id_number.number() != t.id_number.number() {
                    return Err(AttendanceError::invalid(
                        "attendance.duplicate_trainee",
                        format!("$.trainees[{i}].attendance.key"),
                        format!(
                            "`{key}` is already the key of row {}, another person",
                            row(rows[k])
                        ),
                    )
                    .problem());
                }
            }
            None => {
                index.insert(key.to_owned(), roster.len());
                rows.push(i);
                roster.push(attendance::Trainee {
                    id: key.to_owned(),
                    name: Some(t.name.clone()),
                });
            }
        }
    }
    let mut schedule = block.class.clone();
    if schedule.major.is_none() {
        schedule.major = claim.class.as_ref().and_then(|c| c.major.clone());
    }
    let input = attendance::AttendanceInput {
        policy: Some(policy.id.clone()),
        unknown_years: claim.unknown_years,
        as_of: None,
        class: schedule,
        trainees: roster,
        punches: block.punches.clone(),
        exceptions: block.exceptions.clone(),
        leave: block.leave.clone(),
        daily_reports: None,
        supervision: None,
        violations: None,
        videos: None,
    };
    let report =
        attendance::evaluate(policy, cal, &input).map_err(|e| located_in_claim(e, &rows))?;
    let mut by_key: SortedMap<String, Vec<Finding>> = SortedMap::new();
    let mut other = Vec::new();
    for f in &report.findings {
        match f.subject.as_deref().filter(|s| index.contains_key(*s)) {
            Some(key) => by_key.entry(key.to_owned()).or_default().push(f.clone()),
            None => other.push(f.clone()),
        }
    }
    Ok(Some(Recomputed {
        report,
        index,
        by_key,
        other,
    }))
}

/// An error in the claim's class timetable (`class.timetable`), located there:
/// the schedule's paths name the attendance check's class (`$.class.sessions`).
fn located_in_timetable(e: AttendanceError) -> Problem {
    let reroot = |p: String| -> String {
        match p.strip_prefix("$.class.") {
            Some(rest)
                if rest.starts_with("sessions")
                    || rest.starts_with("days")
                    || rest.starts_with("lesson") =>
            {
                format!("$.class.timetable.{rest}")
            }
            _ => p,
        }
    };
    match e {
        AttendanceError::Input(mut i) => {
            i.path = reroot(i.path);
            AttendanceError::Input(i)
        }
        AttendanceError::Calendar { path, error } => AttendanceError::Calendar {
            path: reroot(path),
            error,
        },
        AttendanceError::Invalid { code, path, detail } => AttendanceError::Invalid {
            code,
            path: reroot(path),
            detail,
        },
    }
    .problem()
}

/// An attendance input error, located in the claim.
fn located_in_claim(e: AttendanceError, rows: &[usize]) -> Problem {
    let reroot = |p: &str| -> String {
        if let Some(rest) = p.strip_prefix("$.trainees[") {
            if let Some(r) = rest
                .split_once(']')
                .and_then(|(k, _)| k.parse::<usize>().ok())
                .and_then(|k| rows.get(k))
            {
                return format!("$.trainees[{r}].attendance.key");
            }
        }
        if p == "$.trainees" {
            return p.to_owned();
        }
        match p.strip_prefix('$') {
            Some(rest) => format!("$.attendance{rest}"),
            None => p.to_owned(),
        }
    };
    match e {
        AttendanceError::Input(mut i) => {
            i.path = reroot(&i.path);
            AttendanceError::Input(i)
        }
        AttendanceError::Calendar { path, error } => AttendanceError::Calendar {
            path: reroot(&path),
            error,
        },
        AttendanceError::Invalid { code, path, detail } => AttendanceError::Invalid {
            code,
            path: reroot(&path),
            detail,
        },
    }
    .problem()
}

/// A trainee's attendance summary, whatever form the claim gives it in: the
/// summary given, or the one the attendance module computed from the
/// trainee's punches ([`AttendanceSummary::from`] the trainee's line). Every
/// use of attendance in a claim (the threshold, per-day amounts) goes through
/// here.
fn attendance_summary(t: &Trainee, recomputed: Option<&Recomputed>) -> Option<AttendanceSummary> {
    match t.attendance.as_ref()? {
        AttendanceInput::Summary(s) => Some(s.clone()),
        AttendanceInput::Punches(k) => {
            let r = recomputed?;
            let line = r.report.trainees.get(*r.index.get(&k.key)?)?;
            Some(AttendanceSummary::from(line))
        }
    }
}

/// Later rows of a repeated ID number → the first row with it.
fn duplicates<'x>(ids: impl Iterator<Item = &'x str>) -> SortedMap<usize, usize> {
    let mut first: SortedMap<&str, usize> = SortedMap::new();
    let mut out = SortedMap::new();
    for (i, id) in ids.enumerate() {
        match first.get(id) {
            Some(&f) => {
                out.insert(i, f);
            }
            None => {
                first.insert(id, i);
            }
        }
    }
    out
}

/// `None` when certificates are not stated; `Some(None)` when none counts for
/// DL-S1; else the best tier's certificate.
fn certificate_tier(certs: Option<&[CertificateHeld]>) -> Option<Option<Certificate>> {
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

fn certificate_in(certs: Option<&[CertificateHeld]>, accepted: &[Certificate]) -> Option<bool> {
    certs.map(|c| c.iter().any(|c| accepted.contains(&c.kind)))
}

/// A per-day line's own group condition: `None` when a listed group the person
/// states counts by its definition (the line goes on to the days), else the
/// line: a stated group whose definition's facts are not all stated leaves it
/// unknown, one they contradict does not count, and no group is nothing.
fn group_line(person: &Person, s: &Standing) -> Option<LineOutcome> {
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
fn group_facts(lo: LineOutcome, person: &Person, s: &Standing, defined: bool) -> LineOutcome {
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

/// Every pair of amount rules the policy declares exclusive, each once, the
/// declaring rule first.
fn exclusive_pairs(policy: &Policy) -> Vec<(&Rule, &Rule)> {
    let mut out: Vec<(&Rule, &Rule)> = Vec::new();
    for r in &policy.rules {
        for id in &r.exclusive_with {
            let Some(o) = policy.rule(id) else { continue };
            let seen = out
                .iter()
                .any(|(a, b)| (a.id == r.id && b.id == o.id) || (a.id == o.id && b.id == r.id));
            if !seen && o.id != r.id {
                out.push((r, o));
            }
        }
    }
    out
}

fn missing_items(required: &[String], have: Option<&[String]>) -> (Status, Vec<String>) {
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
fn attendance_outcome(
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

fn documents_outcome(t: &Trainee, required: &[String], natives_elsewhere: &[String]) -> Outcome {
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

fn checks_outcome(t: &Trainee, when: &[String], class: Option<&ClassInfo>) -> Outcome {
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
fn stamped_roster_outcome(t: &Trainee, class_of: i32) -> Option<Outcome> {
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
fn not_employed_outcome(t: &Trainee, class: Option<&ClassInfo>) -> Outcome {
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

fn record_outcome(t: &Trainee, class: Option<&ClassInfo>) -> Outcome {
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

fn totals(
    recomputed: Yuan,
    claimed_lines: Yuan,
    claimed: Yuan,
    unknown_lines: bool,
    no_lines: bool,
) -> Totals {
    let (status, zh, en) = if claimed != claimed_lines {
        (
            Status::Fail,
            format!("申报总额 {claimed} 元不等于各行申报金额之和 {claimed_lines} 元；复核总额为 {recomputed} 元"),
            format!("the claimed total {claimed} yuan is not the sum of the claimed lines, {claimed_lines} yuan; the recomputed total is {recomputed} yuan"),
        )
    } else if no_lines {
        (
            Status::Unknown,
            format!("申报总额 {claimed} 元，但没有可复核的补贴项目（本政策的补贴标准不在所附文件中）"),
            format!("claimed total {claimed} yuan, but no line can be recomputed (this policy's rates are not in its documents)"),
        )
    } else if unknown_lines {
        (
            Status::Unknown,
            format!("申报总额 {claimed} 元；已复核确定的金额为 {recomputed} 元，部分项目待人工核实"),
            format!("claimed total {claimed} yuan; {recomputed} yuan recomputed so far, some lines need review"),
        )
    } else if claimed != recomputed {
        (
            Status::Fail,
            format!("申报总额 {claimed} 元，复核总额 {recomputed} 元，相差 {} 元", claimed - recomputed),
            format!("claimed total {claimed} yuan, recomputed {recomputed} yuan: a difference of {} yuan", claimed - recomputed),
        )
    } else {
        (
            Status::Pass,
            format!("申报总额 {claimed} 元与复核总额一致"),
            format!("the claimed total {claimed} yuan agrees with the recomputed total"),
        )
    };
    Totals {
        recomputed,
        claimed_lines,
        claimed,
        status,
        message_zh: zh,
        message_en: en,
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
