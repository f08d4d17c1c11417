//! What a claim says, as JSON: the class, the institution, the roster with each
//! trainee's facts and claimed amounts, or an enterprise with its workers.
//!
//! Facts are optional unless the engine cannot work without them (a trainee's
//! name and ID number, the class's dates, the amounts). A missing fact makes the
//! check that needs it "unknown", never a pass. Money is a string of yuan
//! (`"7200.00"`); a JSON number is refused (`input.invalid_money`).

use crate::error::InputCode;
use crate::sorted::SortedMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::UnknownYears;
use crate::identity::{CreditCode, ResidentId};
use crate::money::Yuan;
use crate::policy::vocab::{Certificate, EnterpriseSize, Sector};
use crate::rules::attendance::{ClassSchedule, Leave, Punch, PunchException};
use crate::rules::eligibility::Person;

/// A subsidy claim (the request of `claim.verify`).
///
/// ```
/// let claim: peixun::rules::claim::Claim = peixun::input::from_json(r#"{
///   "policy": "jinzhong-2023-skills-shanxi",
///   "class": {"start": "2023-06-05", "end": "2023-06-16"},
///   "trainees": [{"name": "王五", "id_number": "11010519491231002X",
///                 "claimed": {"JZ-S3": "1000.00"}}],
///   "claimed_total": "1000.00"}"#, 1 << 20).unwrap();
/// assert_eq!(claim.trainees.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The policy the claim is made under.
    pub policy: String,
    /// The class (absent for an enterprise's work-in-lieu-of-training claim).
    #[serde(default)]
    pub class: Option<ClassInfo>,
    /// The training institution.
    #[serde(default)]
    pub institution: Option<InstitutionInfo>,
    /// The roster: every trainee of the class, with what is claimed for each.
    #[serde(default)]
    pub trainees: Vec<Trainee>,
    /// An enterprise claiming for the workers it took on (LC-S1).
    #[serde(default)]
    pub enterprise: Option<ClaimEnterprise>,
    /// Documents handed in with the claim (IP-P2), e.g. `application_form`.
    #[serde(default)]
    pub documents: Option<Vec<String>>,
    /// The class's raw attendance: its filed schedule, the punches, exceptions
    /// and leave (see [`ClaimAttendance`]). When it is given, every trainee's
    /// attendance is recomputed from it; a trainee names their punches' key
    /// (`{"kind": "punches", "key": "T01"}`) and a summary is refused.
    #[serde(default)]
    pub attendance: Option<ClaimAttendance>,
    /// The total the claimant asks for. Compared, never used.
    pub claimed_total: Yuan,
    /// What to do with a calendar year the engine does not know: `refuse` (the
    /// default: `calendar.year_unknown`) or `assume_weekends_only` (flagged).
    #[serde(default)]
    pub unknown_years: UnknownYears,
}

pub use crate::rules::class::ClassInfo;

/// The training institution as the claim describes it.
///
/// ```
/// let i: peixun::rules::claim::InstitutionInfo =
///     peixun::input::from_json(r#"{"name": "某职业培训学校", "in_catalogue": true}"#, 1024).unwrap();
/// assert_eq!(i.in_catalogue, Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionInfo {
    /// Name (shown in the publicity list).
    #[serde(default)]
    pub name: Option<String>,
    /// Unified social credit code; validated when given.
    #[serde(default, with = "crate::identity::serde_credit_code::option")]
    pub credit_code: Option<CreditCode>,
    /// What the claim says: listed in the programme's institution catalogue.
    /// Compared with the catalogue the deployment sets (DL-P1, FS-I1), never
    /// taken as given: a contradiction is a finding, a `false` the catalogue
    /// cannot check fails on the claim's word.
    #[serde(default)]
    pub in_catalogue: Option<bool>,
    /// What the claim says: the class trains on premises the institution owns,
    /// verified on site by the authority. Compared with the register the
    /// deployment sets (DL-P1, FS-I2), as `in_catalogue` is.
    #[serde(default)]
    pub premises_verified: Option<bool>,
    /// When the class trains on a college's premises: that college's name (DL-P1).
    #[serde(default)]
    pub premises_college: Option<String>,
    /// Where the class trains: the address as the authority's register of
    /// verified premises writes it (DL-P1 and FS-I2 look it up there).
    #[serde(default)]
    pub premises: Option<String>,
    /// The institution is itself a college (or technical / vocational college)
    /// training its own students (DL-S1's reduced range).
    #[serde(default)]
    pub college: Option<bool>,
    /// Suspended (暂停承训资格, LC-P3).
    #[serde(default)]
    pub suspended: Option<bool>,
    /// On the dishonesty list (DL-P7).
    #[serde(default)]
    pub dishonest: Option<bool>,
    /// The majors it carries this year, as the claim states them (DL-M2 adds
    /// them to those the catalogue lists for it).
    #[serde(default)]
    pub majors: Option<Vec<String>>,
}

/// One trainee on the roster.
///
/// ```
/// let t: peixun::rules::claim::Trainee = peixun::input::from_json(r#"{
///   "name": "张三", "id_number": "11010519491231002X",
///   "eligibility": {"kind": "person", "graduation_year": 2023},
///   "attendance": {"expected_sessions": 80, "attended_sessions": 76, "attended_days": 38},
///   "certificates": [{"type": "skill_level", "first_time": true}],
///   "claimed": {"DL-S1": "7200.00"}}"#, 4096).unwrap();
/// assert_eq!(t.eligibility.graduation_year, Some(2023));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trainee {
    /// Name (shown in the publicity list, never judged).
    pub name: String,
    /// Resident ID number; validated (`input.invalid_id_number`), masked in findings.
    #[serde(with = "crate::identity::serde_resident_id")]
    pub id_number: ResidentId,
    /// Eligibility facts in the applicant format (`"kind": "person"` optional).
    #[serde(default)]
    pub eligibility: TraineeFacts,
    /// The school the trainee graduated from (DL-P1 college premises, DL-S1 own students).
    #[serde(default)]
    pub school: Option<String>,
    /// Whether that school is in the city of the programme (FS-R1: 本埠 / 外埠).
    #[serde(default)]
    pub school_in_city: Option<bool>,
    /// When the trainee enrolled (LC-P1: before training).
    #[serde(default, with = "crate::input::date::option")]
    pub enrolled_on: Option<NaiveDate>,
    /// Attendance: a summary, or the key of the trainee's punches in the
    /// claim's raw attendance (see [`AttendanceInput`]).
    #[serde(default)]
    pub attendance: Option<AttendanceInput>,
    /// Certificates obtained; `[]` means none, absent means not stated.
    #[serde(default)]
    pub certificates: Option<Vec<CertificateHeld>>,
    /// Enrolment documents handed in (FS-R1), e.g. `id_card_original_and_copy`.
    #[serde(default)]
    pub documents: Option<Vec<String>>,
    /// The employment and business checks (FS-V1).
    #[serde(default)]
    pub information_checks: Option<InformationChecksDone>,
    /// The trainee is on the student-status roster stamped by their school
    /// (学校加盖公章的学籍名单), which DL-P2 asks of the graduating class it names.
    #[serde(default)]
    pub stamped_roster: Option<bool>,
    /// The verification of the trainee's "not employed" status (“未就业”状态核实认定,
    /// DL-P2) by the institution and by the district HRSS, before training.
    #[serde(default)]
    pub not_employed_verified: Option<NotEmployedVerified>,
    /// The trainee is recorded in the training-management system (JZ-V2).
    #[serde(default)]
    pub system_record: Option<bool>,
    /// Employed after training (JZ-S1's employment rate).
    #[serde(default)]
    pub employed_after_training: Option<bool>,
    /// The monthly labour remuneration or business income of that employment,
    /// yuan (JZ-D1: "employed" means not below the local urban minimum living
    /// standard, which the policy's definitions give).
    #[serde(default)]
    pub income_after_training: Option<Yuan>,
    /// Did the offline practice where registered, living or seeking work (IP-S1).
    #[serde(default)]
    pub offline_practice_local: Option<bool>,
    /// Eligible for the unemployment-insurance skill-upgrade subsidy (JZ-P2).
    #[serde(default)]
    pub ui_skill_upgrade_eligible: Option<bool>,
    /// Amounts claimed for this trainee, by amount rule ID (`{"DL-S1": "7200.00"}`).
    #[serde(default)]
    pub claimed: SortedMap<String, Yuan>,
}

/// A trainee's eligibility facts: an applicant of kind `person`, with `kind`
/// optional so that an applicant file can be pasted in unchanged.
///
/// ```
/// let f: peixun::rules::claim::TraineeFacts =
///     peixun::input::from_json(r#"{"graduation_year": 2022}"#, 1024).unwrap();
/// assert_eq!(f.graduation_year, Some(2022));
/// let err = peixun::input::from_json::<peixun::rules::claim::TraineeFacts>(r#"{"kind": "enterprise"}"#, 1024).unwrap_err();
/// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.invalid_value", "$.kind"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct TraineeFacts(pub Person);

impl std::ops::Deref for TraineeFacts {
    type Target = Person;
    fn deref(&self) -> &Person {
        &self.0
    }
}

impl<'de> Deserialize<'de> for TraineeFacts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::input::{tree, Node};
        use serde::de::Error;
        let mut entries = Node::deserialize(d)?.into_entries()?;
        let kind = tree::take(&mut entries, "kind");
        match kind {
            None => {}
            Some(k) if k.as_str() == Some("person") => {}
            Some(other) => {
                return Err(D::Error::custom(crate::input::coded_at(
                    InputCode::InvalidValue,
                    ".kind",
                    format!("a trainee's facts are of kind `person`, not {other}"),
                    format!("学员信息的 kind 只能是 `person`，而不是 {other}"),
                )))
            }
        }
        crate::input::nested(Node::Map(entries)).map(TraineeFacts)
    }
}

/// A trainee's attendance as the claim carries it.
///
/// Either a summary computed elsewhere — `{"expected_sessions": 80,
/// "attended_sessions": 76, "attended_days": 38, "sick_leave": 2,
/// "personal_leave": 0}` (an optional `"kind": "summary"`) — or
/// `{"kind": "punches", "key": "T01"}`: the trainee's key in the claim's raw
/// attendance ([`ClaimAttendance`]), from which the verifier computes the
/// summary itself with [`crate::rules::attendance`].
///
/// ```
/// use peixun::rules::claim::AttendanceInput;
/// let a: AttendanceInput = peixun::input::from_json(
///     r#"{"expected_sessions": 10, "attended_sessions": 9, "attended_days": 9}"#, 1024).unwrap();
/// assert_eq!(a.summary().unwrap().attended_sessions, 9);
/// let p: AttendanceInput = peixun::input::from_json(r#"{"kind": "punches", "key": "T01"}"#, 1024).unwrap();
/// assert_eq!(p.punches_key(), Some("T01"));
/// let err = peixun::input::from_json::<AttendanceInput>(r#"{"kind": "punches", "punches": []}"#, 1024).unwrap_err();
/// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.unknown_field", "$.punches"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AttendanceInput {
    /// Counts computed elsewhere (by the institution's system or the attendance module).
    Summary(AttendanceSummary),
    /// The trainee's punches in the claim's raw attendance, by their key.
    Punches(PunchesKey),
}

/// Which punches of the claim's raw attendance are a trainee's.
///
/// ```
/// let k: peixun::rules::claim::PunchesKey = serde_json::from_str(r#"{"key": "T07"}"#).unwrap();
/// assert_eq!(k.key, "T07");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PunchesKey {
    /// The key the punches, leave and exceptions use for this trainee (a
    /// roster number: the report shows it, so it should not be the ID number).
    pub key: String,
}

impl AttendanceInput {
    /// The summary as given, when the claim gives one.
    ///
    /// A trainee's punches have no summary to borrow: the claim verifier
    /// resolves every form through one function (`attendance_summaries` in
    /// `rules::claim`), which computes it with the attendance module.
    ///
    /// ```
    /// use peixun::rules::claim::{AttendanceInput, AttendanceSummary};
    /// let s = AttendanceSummary { expected_sessions: 10, attended_sessions: 9, attended_days: 5, sick_leave: 1, personal_leave: 0 };
    /// assert_eq!(AttendanceInput::Summary(s.clone()).summary(), Some(&s));
    /// ```
    pub fn summary(&self) -> Option<&AttendanceSummary> {
        match self {
            AttendanceInput::Summary(s) => Some(s),
            AttendanceInput::Punches(_) => None,
        }
    }

    /// The key of the trainee's punches, when attendance is given as punches.
    ///
    /// ```
    /// use peixun::rules::claim::{AttendanceInput, PunchesKey};
    /// assert_eq!(AttendanceInput::Punches(PunchesKey { key: "T01".into() }).punches_key(), Some("T01"));
    /// ```
    pub fn punches_key(&self) -> Option<&str> {
        match self {
            AttendanceInput::Summary(_) => None,
            AttendanceInput::Punches(k) => Some(k.key.as_str()),
        }
    }
}

impl<'de> Deserialize<'de> for AttendanceInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::input::{tree, Node};
        use serde::de::Error;
        let mut entries = Node::deserialize(d)?.into_entries()?;
        match tree::take(&mut entries, "kind") {
            None => {}
            Some(k) if k.as_str() == Some("summary") => {}
            Some(k) if k.as_str() == Some("punches") => {
                return crate::input::nested(Node::Map(entries)).map(AttendanceInput::Punches)
            }
            Some(other) => {
                return Err(D::Error::custom(crate::input::coded_at(
                    InputCode::InvalidValue,
                    ".kind",
                    format!("attendance is of kind `summary` or `punches`, not {other}"),
                    format!("考勤的 kind 只能是 `summary` 或 `punches`，而不是 {other}"),
                )))
            }
        }
        crate::input::nested(Node::Map(entries)).map(AttendanceInput::Summary)
    }
}

/// A class's raw attendance, carried by a claim: the filed schedule (the same
/// `class` object the `attendance` operation takes), the punches, the punch
/// exceptions and the leave, keyed by the trainees' `attendance.key`.
///
/// ```
/// let a: peixun::rules::claim::ClaimAttendance = peixun::input::from_json(r#"{
///   "class": {"id": "c", "start": "2023-06-05", "end": "2023-06-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "punches": [{"trainee": "T01", "at": "2023-06-05T08:10:00+08:00", "kind": "sign_in"}]}"#, 4096).unwrap();
/// assert_eq!(a.punches.len(), 1);
/// let err = peixun::input::from_json::<peixun::rules::claim::ClaimAttendance>(r#"{
///   "class": {"id": "c", "start": "2023-06-05", "end": "2023-06-09", "sessions": [{"start": "08:30", "end": "11:45"}]},
///   "punches": [{"trainee": "T01", "at": "2023-06-05T08:10:00", "kind": "sign_in"}]}"#, 4096).unwrap_err();
/// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.missing_offset", "$.punches[0].at"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimAttendance {
    /// The class and its filed schedule; its dates must be the claim's.
    pub class: ClassSchedule,
    /// Check-in punches, in any order.
    #[serde(default)]
    pub punches: Vec<Punch>,
    /// Punch exceptions with their written notes (FS-A4).
    #[serde(default)]
    pub exceptions: Vec<PunchException>,
    /// Approved sick and personal leave.
    #[serde(default)]
    pub leave: Vec<Leave>,
}

/// Attendance counts for one trainee over the whole class.
///
/// Leave is counted in sessions, like attendance.
///
/// ```
/// let s: peixun::rules::claim::AttendanceSummary = serde_json::from_str(
///     r#"{"expected_sessions": 80, "attended_sessions": 70, "attended_days": 35, "sick_leave": 4}"#).unwrap();
/// assert_eq!(s.personal_leave, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceSummary {
    /// Sessions the schedule expected the trainee to attend.
    pub expected_sessions: u32,
    /// Sessions attended (both punches in their windows, or a valid exception).
    pub attended_sessions: u32,
    /// Days on which the trainee attended (for per-day amounts).
    pub attended_days: u32,
    /// Sessions of approved sick leave.
    #[serde(default)]
    pub sick_leave: u32,
    /// Sessions of approved personal leave.
    #[serde(default)]
    pub personal_leave: u32,
}

/// A certificate a trainee obtained.
///
/// ```
/// let c: peixun::rules::claim::CertificateHeld =
///     serde_json::from_str(r#"{"type": "special_ability", "first_time": true}"#).unwrap();
/// assert_eq!(c.first_time, Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateHeld {
    /// Its type.
    #[serde(rename = "type")]
    pub kind: Certificate,
    /// Obtained at a first appraisal (初次鉴定, DL-S2).
    #[serde(default)]
    pub first_time: Option<bool>,
}

/// Whether an information check (FS-V1) was done: `true`, `false`, or the date
/// it was done (`"2023-10-08"`). Absent means not stated.
///
/// ```
/// use peixun::rules::claim::CheckDone;
/// let c: CheckDone = serde_json::from_str(r#""2023-10-08""#).unwrap();
/// assert!(matches!(c, CheckDone::On(_)));
/// assert_eq!(serde_json::from_str::<CheckDone>("false").unwrap(), CheckDone::Done(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CheckDone {
    /// Done or not, without a date.
    Done(bool),
    /// Done on this date.
    On(#[serde(with = "crate::input::date")] NaiveDate),
}

impl<'de> Deserialize<'de> for CheckDone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = CheckDone;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or a date YYYY-MM-DD")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<CheckDone, E> {
                Ok(CheckDone::Done(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CheckDone, E> {
                crate::input::date::parse_explained(v)
                    .map(CheckDone::On)
                    .map_err(|(en, zh)| {
                        E::custom(crate::input::coded_zh(InputCode::InvalidDate, en, zh))
                    })
            }
        }
        d.deserialize_any(V)
    }
}

/// Who verified a trainee's "not employed" status before training (DL-P2):
/// each `true` (done before the class opened), `false` (not done), or the date
/// it was done (checked against the opening). Absent means not stated.
///
/// ```
/// let v: peixun::rules::claim::NotEmployedVerified =
///     serde_json::from_str(r#"{"institution": "2023-09-20", "district": true}"#).unwrap();
/// assert!(v.institution.is_some() && v.district.is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotEmployedVerified {
    /// By the training institution.
    #[serde(default)]
    pub institution: Option<CheckDone>,
    /// By the district (区市县) human-resources and social-security department.
    #[serde(default)]
    pub district: Option<CheckDone>,
}

/// The two information checks of FS-V1 for one trainee.
///
/// ```
/// let c: peixun::rules::claim::InformationChecksDone =
///     serde_json::from_str(r#"{"before_start": "2023-10-08", "at_end": false}"#).unwrap();
/// assert!(c.at_end.is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InformationChecksDone {
    /// Before training starts.
    #[serde(default)]
    pub before_start: Option<CheckDone>,
    /// At the end of training.
    #[serde(default)]
    pub at_end: Option<CheckDone>,
}

/// An enterprise claiming work-in-lieu-of-training (LC-S1) for its new workers.
///
/// ```
/// let e: peixun::rules::claim::ClaimEnterprise = peixun::input::from_json(r#"{
///   "name": "某餐饮公司", "size": "small",
///   "workers": [{"name": "赵六", "id_number": "11010519491231002X",
///                "first_contribution": "2021-10-08", "months": 3, "claimed": {"LC-S1": "1500.00"}}]}"#, 4096).unwrap();
/// assert_eq!(e.workers[0].months, Some(3));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEnterprise {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Unified social credit code; validated when given.
    #[serde(default, with = "crate::identity::serde_credit_code::option")]
    pub credit_code: Option<CreditCode>,
    /// Size class.
    #[serde(default)]
    pub size: Option<EnterpriseSize>,
    /// Sector.
    #[serde(default)]
    pub sector: Option<Sector>,
    /// The workers claimed for.
    #[serde(default)]
    pub workers: Vec<ClaimWorker>,
}

/// A worker an enterprise took on, with the months evidenced and the amount claimed.
///
/// ```
/// let w: peixun::rules::claim::ClaimWorker = peixun::input::from_json(r#"{"name": "赵六",
///   "id_number": "11010519491231002X", "first_contribution": "2021-03-01", "months": 8,
///   "claimed": {"LC-S1": "3000.00"}}"#, 1024).unwrap();
/// assert_eq!(w.claimed["LC-S1"].to_string(), "3000.00");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimWorker {
    /// Name (shown in the publicity list).
    pub name: String,
    /// Resident ID number; validated, masked in findings.
    #[serde(with = "crate::identity::serde_resident_id")]
    pub id_number: ResidentId,
    /// First social-insurance contribution at this enterprise.
    #[serde(default, with = "crate::input::date::option")]
    pub first_contribution: Option<NaiveDate>,
    /// A dispatched (劳务派遣) worker.
    #[serde(default)]
    pub dispatched: Option<bool>,
    /// Months on the job with contributions at the enterprise, as evidenced.
    #[serde(default)]
    pub months: Option<u32>,
    /// Amounts claimed for this worker, by amount rule ID (`{"LC-S1": "1500.00"}`).
    #[serde(default)]
    pub claimed: SortedMap<String, Yuan>,
}
