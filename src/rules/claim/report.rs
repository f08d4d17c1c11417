//! What a verification returns: the decision, the per-person reports, the totals.

use super::*;

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

impl ClaimDecision {
    /// The decision's word in answers and in the ledger.
    ///
    /// ```
    /// assert_eq!(peixun::rules::claim::ClaimDecision::NeedsReview.as_str(), "needs_review");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimDecision::Accept => "accept",
            ClaimDecision::Reject => "reject",
            ClaimDecision::NeedsReview => "needs_review",
        }
    }
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

pub(super) fn row(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

pub(super) fn person_report(
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

pub(super) fn totals(
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
