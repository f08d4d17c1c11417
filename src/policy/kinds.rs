//! Rule kinds: the typed building blocks a policy file picks and parameterises.
//!
//! A rule *kind* is code; a policy file chooses kinds, fills in their parameters
//! and gives each use a rule ID, clause and messages. A new city whose rules have
//! the same shapes needs a new file, not a new release.
//!
//! Each variant documents the facts it offers to message templates
//! ([`RuleKind::fact_names`]) and the messages it needs
//! ([`RuleKind::required_messages`]); the lint checks both.

use crate::sorted::SortedMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::vocab::{
    Certificate, DefiningFact, Education, EnterpriseSize, KeyGroup, RedeemCondition, Sector,
    StartupGroup,
};
use crate::identity::MaskRule;
use crate::input::de::{DeError, Fields};
use crate::input::Node;
use crate::money::Yuan;

/// A value the seed leaves to another document, filled in by the deployment.
///
/// ```
/// use peixun::policy::kinds::Deployment;
/// let d: Deployment<u32> = serde_json::from_str(r#"{"source": "附件", "example": true, "value": 4}"#).unwrap();
/// assert!(d.example);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment<T> {
    /// The document that fixes the value (cited by the seed but not part of it).
    pub source: String,
    /// True when the shipped value is only an example, to be replaced by the deployment.
    #[serde(default)]
    pub example: bool,
    /// The value, when configured.
    #[serde(default = "none")]
    pub value: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

/// A parameter that the seed fixes itself (written as the plain value) or
/// leaves to another document (written as a [`Deployment`] table with
/// `source`, `example` and `value`). Only the second form is a deployment
/// parameter: `RuleKind::deployment_params` lists it, and nothing passes on it
/// until the deployment sets it.
///
/// ```
/// use peixun::policy::kinds::{Param, RuleKind};
/// let fixed = RuleKind::from_parts("graduation_window", serde_json::json!({
///     "left_school_years": [2021, 2022, 2023]})).unwrap();
/// assert!(fixed.deployment_params().is_empty());
/// let open = RuleKind::from_parts("graduation_window", serde_json::json!({
///     "left_school_years": {"source": "抚人社规[2023]4号", "example": false},
///     "graduating_class_years": {"source": "抚人社规[2023]4号", "example": false}})).unwrap();
/// assert_eq!(open.deployment_params().len(), 2);
/// let RuleKind::GraduationWindow { left_school_years, .. } = open else { unreachable!() };
/// assert!(matches!(left_school_years, Param::Deployment(_)) && left_school_years.value().is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Param<T> {
    /// The seed's own value.
    Fixed(T),
    /// A value another document fixes, filled in by the deployment.
    Deployment(Deployment<T>),
}

impl<T> Param<T> {
    /// The value, whatever its state (a deployment's example value included):
    /// `None` only for a deployment parameter with no value.
    pub fn value(&self) -> Option<&T> {
        match self {
            Param::Fixed(v) => Some(v),
            Param::Deployment(d) => d.value.as_ref(),
        }
    }

    /// The deployment parameter, when the value is left to another document.
    pub fn deployment(&self) -> Option<&Deployment<T>> {
        match self {
            Param::Fixed(_) => None,
            Param::Deployment(d) => Some(d),
        }
    }
}

impl<T: Default> Default for Param<T> {
    fn default() -> Self {
        Param::Fixed(T::default())
    }
}

/// A table with a `source` is the deployment form; anything else is the value.
impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Param<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let node = Node::deserialize(d)?;
        let deployment =
            matches!(&node, Node::Map(entries) if entries.iter().any(|(k, _)| k == "source"));
        if deployment {
            crate::input::nested(node).map(Param::Deployment)
        } else {
            crate::input::nested(node).map(Param::Fixed)
        }
    }
}

/// One institution of an approved catalogue (FS-I1: 《抚顺市2023年高校毕业生专业转换及技能提升培训机构及专业》)
/// with the majors it is approved for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    /// The institution's name as the catalogue writes it.
    pub name: String,
    /// Its unified social credit code, when the deployment knows it (an
    /// institution is then found by its code, not by its name).
    #[serde(default)]
    pub credit_code: Option<String>,
    /// The majors it is approved for.
    pub majors: Vec<String>,
}

/// One institution's premises that the authority verified on site (FS-I2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PremisesEntry {
    /// The institution's name as the register writes it.
    pub name: String,
    /// Its unified social credit code, when the deployment knows it.
    #[serde(default)]
    pub credit_code: Option<String>,
    /// The verified premises, by address as the register writes them.
    pub premises: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// An inclusive range of yuan (a seed's "1500 to 2000 yuan").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YuanRange {
    /// Lowest allowed.
    pub min: Yuan,
    /// Highest allowed.
    pub max: Yuan,
}

/// Per-major subsidy rates by certificate tier (DL-S1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRates {
    /// Qualification or skill-level certificate.
    #[serde(default)]
    pub qualification: Option<Yuan>,
    /// Special-ability certificate.
    #[serde(default)]
    pub special_ability: Option<Yuan>,
    /// A college training its own graduating-year students.
    #[serde(default)]
    pub college_own_students: Option<Yuan>,
}

/// How the months of a per-month subsidy are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthCounting {
    /// The class's filed duration in months.
    FiledDuration,
    /// Calendar months in which the trainee actually trained.
    CalendarMonthsTrained,
}

/// How a partial month is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialMonth {
    /// Pro rata: training days in the month over that month's working days.
    ProRataWorkdays,
    /// A started month counts in full.
    Whole,
    /// A partial month counts for nothing.
    Drop,
}

/// One tier of a per-day amount: days up to `through_day` (inclusive) at `per_day`;
/// the last tier has no bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayTier {
    /// Last day (1-based, inclusive) of this tier; `None` for the open last tier.
    #[serde(default)]
    pub through_day: Option<u32>,
    /// Amount per person per day.
    pub per_day: Yuan,
}

/// A group a programme defines, and the facts its definition asks of a person
/// (JZ-D1: "农村转移劳动力 … (不含企业职工)", "失业人员是指具有本地户籍 … 办理了求职登记的人员").
///
/// ```
/// use peixun::policy::kinds::DefinedGroup;
/// let g: DefinedGroup = serde_json::from_str(
///     r#"{"group": "rural_migrant_worker", "term": "农村转移劳动力", "requires": ["not_enterprise_employee"]}"#).unwrap();
/// assert_eq!(g.requires.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinedGroup {
    /// The group (a key group tag a person states).
    pub group: KeyGroup,
    /// The term as the original writes it, e.g. `农村转移劳动力`.
    pub term: String,
    /// The facts the definition asks; each must hold for the tag to count.
    pub requires: Vec<DefiningFact>,
}

/// Working age (劳动年龄): from `min` years (included) to the retirement age
/// (excluded), which differs for men and women.
///
/// ```
/// use peixun::policy::kinds::WorkingAge;
/// let w: WorkingAge = serde_json::from_str(r#"{"min": 16, "max_men": 60, "max_women": 50}"#).unwrap();
/// assert_eq!(w.max_women, 50);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingAge {
    /// The first year of working age.
    pub min: u32,
    /// The age at which a man's working age ends (not included).
    pub max_men: u32,
    /// The age at which a woman's working age ends (not included).
    pub max_women: u32,
}

/// Whose dishonesty record a `not_dishonest` rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// The trainee.
    Person,
    /// The training institution.
    Institution,
}

/// A punch method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PunchMethod {
    /// Face-recognition device.
    FaceDevice,
    /// Electronic training voucher QR code in the e-social-security-card app.
    VoucherQr,
    /// Manual entry by staff.
    Manual,
}

/// How binding a threshold is: a hard rule, or one that holds "in principle"
/// (原则上), whose shortfall a person must review rather than a plain fail.
///
/// ```
/// use peixun::policy::kinds::Strictness;
/// assert_eq!(Strictness::default(), Strictness::Strict);
/// let s: Strictness = serde_json::from_str(r#""in_principle""#).unwrap();
/// assert_eq!(s, Strictness::InPrinciple);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strictness {
    /// Falling short fails.
    #[default]
    Strict,
    /// Falling short needs review (the finding is `unknown`, reason `in_principle`).
    InPrinciple,
}

/// How a punch exception backed by a complete written note counts (FS-A4).
///
/// ```
/// use peixun::policy::kinds::ExceptionCounts;
/// assert_eq!(ExceptionCounts::default(), ExceptionCounts::Attended);
/// assert_eq!(serde_json::from_str::<ExceptionCounts>(r#""excused""#).unwrap(), ExceptionCounts::Excused);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionCounts {
    /// The session counts as attended (the default).
    #[default]
    Attended,
    /// The session is taken out of the expected sessions.
    Excused,
}

/// Which videos must be more than `min_gap_days` apart (FS-C2; open in the seed).
///
/// ```
/// use peixun::policy::kinds::VideoSpacing;
/// assert_eq!(VideoSpacing::default(), VideoSpacing::MonthlyPair);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VideoSpacing {
    /// In each month, two of the month's videos (the closest reading of the text).
    #[default]
    MonthlyPair,
    /// Every two consecutive videos of the class.
    EveryConsecutive,
}

/// How a week with fewer than five training days counts for "N remote checks a week" (FS-M1; open).
///
/// ```
/// use peixun::policy::kinds::PartialWeeks;
/// assert_eq!(serde_json::from_str::<PartialWeeks>(r#""exempt""#).unwrap(), PartialWeeks::Exempt);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialWeeks {
    /// A partial week needs at most one check per training day it has (the default).
    #[default]
    AtMostTrainingDays,
    /// A partial week needs the full number.
    Full,
    /// Partial weeks are not checked.
    Exempt,
}

/// How "N working days before X" (开班前5个工作日, 课程结束前10个工作日) is
/// counted: the seeds never say "at least", so the reading is a parameter of
/// every kind that counts working days back from a day.
///
/// ```
/// use peixun::policy::kinds::WorkdayCounting;
/// assert_eq!(WorkdayCounting::default(), WorkdayCounting::NthWorkingDayBefore);
/// let c: WorkdayCounting = serde_json::from_str(r#""clear_working_days""#).unwrap();
/// assert_eq!(c, WorkdayCounting::ClearWorkingDays);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkdayCounting {
    /// No later than the Nth working day before X, X itself not counted (the
    /// default: filing 5 working days before a Monday opening is due the
    /// Monday before).
    #[default]
    NthWorkingDayBefore,
    /// N whole working days lie strictly between the act and X, neither day
    /// counted: the latest day is the calendar day before the default's (a
    /// rest day when the Nth working day follows a weekend or a holiday).
    ClearWorkingDays,
}

/// How a period of N working days that starts on a given day (公示期为5个工作日)
/// is counted.
///
/// ```
/// use peixun::policy::kinds::PeriodCounting;
/// assert_eq!(PeriodCounting::default(), PeriodCounting::FirstDayCounts);
/// let c: PeriodCounting = serde_json::from_str(r#""first_day_excluded""#).unwrap();
/// assert_eq!(c, PeriodCounting::FirstDayExcluded);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodCounting {
    /// The first day is the first of the N when it is a working day (the default).
    #[default]
    FirstDayCounts,
    /// The first day is not counted; the N working days start the day after.
    FirstDayExcluded,
}

/// Which of a county's annual plan figures a share of "the annual plan" is
/// taken of (JZ-P3 "年度计划数"; the seed does not say).
///
/// ```
/// use peixun::policy::kinds::PlanBase;
/// assert_eq!(PlanBase::default(), PlanBase::EnterpriseStaffTraining);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanBase {
    /// The county's annual plan for enterprise-staff training, the figure of
    /// the clause the share sits in (the default).
    #[default]
    EnterpriseStaffTraining,
    /// The county's whole annual plan of subsidised training.
    AllSubsidisedTraining,
}

/// Which leave a daily report filed during the day is reconciled with (FS-A3;
/// open: "9:00 前…报备学员当天出勤情况", and a leave record carries no time).
///
/// ```
/// use peixun::policy::kinds::LeaveAtFiling;
/// assert_eq!(LeaveAtFiling::default(), LeaveAtFiling::SessionAtHand);
/// assert_eq!(serde_json::from_str::<LeaveAtFiling>(r#""whole_day""#).unwrap(), LeaveAtFiling::WholeDay);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveAtFiling {
    /// The leave of the session in progress when the report is filed (before
    /// the first session and between sessions, the next one) and of the
    /// sessions before it: a trainee on leave for the afternoon only is not on
    /// leave in a report filed at 08:55 (the default).
    #[default]
    SessionAtHand,
    /// The leave of every session of the day, as if all leave were known in advance.
    WholeDay,
}

/// Every rule kind with its parameters. In a policy file: `kind = "<name>"` and
/// a `params` table.
///
/// ```
/// use peixun::policy::kinds::RuleKind;
/// let k = RuleKind::from_parts("daily_lessons", serde_json::json!({"min_lessons": 6, "lesson_minutes": 45})).unwrap();
/// assert_eq!(k.name(), "daily_lessons");
/// assert!(RuleKind::from_parts("no_such_kind", serde_json::json!({})).is_err());
/// ```
///
/// Serialised, the enum is externally tagged (`{"<name>": {params}}`). It is
/// read only by [`RuleKind::from_parts`], from the file's `kind` and `params`,
/// with a table (`rule_kind_reader!` below) rather than serde's derived
/// visitors: the same errors (unknown, repeated and missing parameters, the
/// path of a bad one) in a fraction of the WebAssembly (BENCHMARKS.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleKind {
    // ----- who may train -----
    /// Household registration in one of `provinces`, or (if allowed) studying there.
    Residence {
        /// Two-digit province codes (GB/T 2260), e.g. `"21"` for Liaoning.
        provinces: Vec<String>,
        /// Whether another province's registration counts when the school is in one of `provinces`.
        study_in_province_counts: bool,
    },
    /// The graduate's schooling is one of `accepted`.
    EducationType {
        /// Accepted education types.
        accepted: Vec<Education>,
    },
    /// Left school in one of `left_school_years`, or graduates in one of
    /// `graduating_class_years`. Either list may be left to another document
    /// (a [`Deployment`] table: FS-E1's years are in 抚人社规\[2023\]4号).
    GraduationWindow {
        /// Years of leaving school that qualify (if not employed since).
        left_school_years: Param<Vec<i32>>,
        /// Graduating classes that qualify while still at school.
        #[serde(default)]
        graduating_class_years: Param<Vec<i32>>,
    },
    /// Never employed since graduation, judged by a unit-based social-insurance record.
    NeverEmployed {
        /// What decides it: `unit_social_insurance`.
        evidence: String,
    },
    /// At most `per_year` participations per person per year (needs the ledger).
    ParticipationLimit {
        /// Allowed participations per calendar year.
        per_year: u32,
    },
    /// Not on the dishonesty (失信) list.
    NotDishonest {
        /// Whose record.
        subject: Subject,
    },
    /// The major is one of the listed majors.
    MajorInList {
        /// The majors, by their Chinese names.
        majors: Vec<String>,
    },
    /// One institution carries at most `max` majors.
    InstitutionMajorLimit {
        /// Most majors per institution.
        max: u32,
        /// The rule whose catalogue lists each institution's majors (DL-P1):
        /// when given, the majors counted are the catalogue's for the
        /// institution, and a count within `max` passes only once the
        /// deployment has set that catalogue. Absent: the majors the applicant
        /// or claim names are counted.
        catalogue_rule: Option<String>,
    },
    /// Belongs to one of the target groups, or is an enterprise employee.
    TargetGroups {
        /// Target groups.
        groups: Vec<KeyGroup>,
        /// Whether enterprise employees (dispatched included) are covered.
        enterprise_employees: bool,
    },
    /// Start-up training and care occupations (LC-S3).
    StartupAndCare {
        /// Who start-up training serves.
        startup_groups: Vec<StartupGroup>,
        /// Occupations on the shortage list.
        care_occupations: Vec<String>,
        /// What a flexible domestic-service worker needs to be subsidised like an employee.
        domestic_service_requires: Vec<String>,
    },

    // ----- how training runs -----
    /// Training lasts `min_months`..=`max_months`, fixed per major by the deployment.
    TrainingDuration {
        /// Shortest allowed, months.
        min_months: u32,
        /// Longest allowed, months.
        max_months: u32,
        /// Months per major (the seed's annex).
        per_major: Deployment<SortedMap<String, u32>>,
        /// Days by which a class may miss a bound and need review instead of
        /// failing (the seeds give none: default 0). Never a pass.
        #[serde(default, skip_serializing_if = "is_zero")]
        tolerance_days: u32,
    },
    /// Training days are the working days of the China calendar.
    WorkingDaysOnly {},
    /// At least `min_lessons` lessons of `lesson_minutes` a day.
    DailyLessons {
        /// Lessons per day.
        min_lessons: u32,
        /// Minutes per lesson.
        lesson_minutes: u32,
    },
    /// Personal attendance at least `min_rate`.
    AttendanceThreshold {
        /// Lowest attendance rate, e.g. `"0.90"`.
        min_rate: Decimal,
        /// Whether approved leave counts as attended.
        leave_counts_as_attended: bool,
    },
    /// The Fushun training standard: duration, lessons, attendance, last opening.
    TrainingStandard {
        /// Shortest, months.
        min_months: u32,
        /// Longest, months.
        max_months: u32,
        /// Months per major ("培训时长按专业确定"), from a document the seed does
        /// not include: compared as DL-T1 compares its annex's.
        per_major: Deployment<SortedMap<String, u32>>,
        /// Lessons per day.
        min_lessons: u32,
        /// Minutes per lesson.
        lesson_minutes: u32,
        /// Attendance "in principle".
        min_rate: Decimal,
        /// Last opening day in the year, `MM-DD`.
        last_opening: String,
        /// Whether approved leave counts as attended (default: no).
        #[serde(default)]
        leave_counts_as_attended: bool,
        /// Whether the attendance rate is a hard rule or holds "in principle".
        #[serde(default)]
        strictness: Strictness,
        /// Days by which a class may miss a duration bound and need review
        /// instead of failing (default 0: none). Never a pass.
        #[serde(default, skip_serializing_if = "is_zero")]
        tolerance_days: u32,
    },
    /// Sign-in and sign-out windows around each session.
    PunchWindows {
        /// Minutes before the start in which a sign-in counts; absent: any time
        /// after the previous session (the seed sets no window).
        #[serde(default)]
        sign_in_before_minutes: Option<u32>,
        /// Minutes after the end in which a sign-out counts; absent: any time
        /// before the next session.
        #[serde(default)]
        sign_out_after_minutes: Option<u32>,
        /// Accepted punch methods.
        methods: Vec<PunchMethod>,
    },
    /// The daily attendance report, filed before `file_before`.
    DailyReport {
        /// Latest filing time, `HH:MM`.
        file_before: String,
        /// Which leave a report is reconciled with (default: the session at hand).
        #[serde(default)]
        leave_at_filing: LeaveAtFiling,
    },
    /// A punch exception counts only with a note carrying these items.
    PunchExceptionNote {
        /// E.g. `manager_signature`, `stamp`, `trainee_signature`.
        requires: Vec<String>,
        /// How an exception with a complete note counts.
        #[serde(default)]
        counts_as: ExceptionCounts,
        /// Whether an exception without a complete note counts all the same
        /// (default: no, the digest's reading; the seed is silent).
        #[serde(default)]
        counts_without_note: bool,
    },
    /// Supervision of each class.
    Supervision {
        /// Distinct supervision methods per class.
        min_methods: u32,
        /// Signed remote checks per week.
        remote_checks_per_week: u32,
        /// On-site inspections per class.
        onsite_per_class: u32,
        /// Inspectors per on-site inspection.
        inspectors_per_onsite: u32,
        /// How a week with fewer than five training days counts.
        #[serde(default)]
        partial_weeks: PartialWeeks,
    },
    /// Consequences by violation count.
    ViolationEscalation {
        /// Consequence of the 1st, 2nd, 3rd… violation.
        steps: Vec<String>,
    },
    /// Video evidence per class.
    VideoEvidence {
        /// Videos per class.
        min_videos: u32,
        /// Videos per month.
        min_per_month: u32,
        /// Days between two videos of a month (more than this).
        min_gap_days: u32,
        /// Minutes per video.
        min_minutes: u32,
        /// Which videos must be spaced.
        #[serde(default)]
        spacing: VideoSpacing,
    },
    /// Online theory at most `max_share` of total hours.
    OnlineShareLimit {
        /// Largest share, e.g. `"0.40"`.
        max_share: Decimal,
        /// Whether the limit applies only to practical skills training.
        #[serde(default)]
        practical_only: bool,
        /// A hard limit, or one that holds "in principle".
        #[serde(default)]
        strictness: Strictness,
    },
    /// Training-process video kept (classified classes excepted).
    TrainingVideoKept {},

    // ----- what a claim is worth -----
    /// Per trainee per month by certificate tier (DL-S1).
    MonthlySubsidyByCertificate {
        /// The seed's range for qualification or skill-level certificates.
        qualification_range: YuanRange,
        /// The seed's range for special-ability certificates.
        special_ability_range: YuanRange,
        /// The seed's range for a college training its own graduating-year students.
        college_own_students_range: YuanRange,
        /// Rates per major (the deployment's annex).
        rates: Deployment<SortedMap<String, TierRates>>,
        /// How months are counted.
        month_counting: MonthCounting,
        /// How a partial month is treated.
        partial_month: PartialMonth,
    },
    /// Appraisal subsidy for a first-time certificate, from a fee table.
    AppraisalSubsidy {
        /// Fee per certificate type (and level) from the fee-standard document.
        fee_table: Deployment<SortedMap<String, Yuan>>,
    },
    /// A training subsidy whose rate another document fixes (IP-S1).
    TrainingSubsidyRate {
        /// The rate per person.
        rate: Deployment<Yuan>,
        /// Certificates that qualify.
        certificates: Vec<Certificate>,
    },
    /// A living allowance per training day for listed groups.
    DailyAllowance {
        /// Per person per day.
        per_day: Yuan,
        /// Groups covered.
        groups: Vec<KeyGroup>,
    },
    /// Tiered per-day amount conditional on the class's employment rate (JZ-S1).
    TieredDailySubsidy {
        /// Lowest employment rate after training, e.g. `"0.80"`.
        min_employment_rate: Decimal,
        /// The tiers, in day order.
        tiers: Vec<DayTier>,
    },
    /// A flat amount per person (JZ-S2), for a person who completed the training.
    PerPersonSubsidy {
        /// Amount per person.
        amount: Yuan,
        /// The share of the expected sessions a person must attend to have
        /// completed the training (the seed sets none: a deployment's figure).
        completion_rate: Deployment<Decimal>,
    },
    /// Per-day amount with a cap per person, for key groups (JZ-S3).
    CappedDailySubsidy {
        /// Per person per day.
        per_day: Yuan,
        /// Cap per person.
        cap: Yuan,
        /// Groups covered.
        groups: Vec<KeyGroup>,
    },
    /// Work in lieu of training (LC-S1): eligible enterprises, newly taken-on workers, per month.
    WorkInLieuOfTraining {
        /// Per worker per month.
        per_month: Yuan,
        /// Most months per worker.
        max_months: u32,
        /// First day of the policy window, `YYYY-MM-DD`.
        from: String,
        /// Last day of the policy window, `YYYY-MM-DD`.
        until: String,
        /// Enterprise sizes covered in any sector.
        sizes: Vec<EnterpriseSize>,
        /// Sectors in which large enterprises are covered too.
        large_enterprise_sectors: Vec<Sector>,
        /// Whether dispatched workers count.
        dispatched_count: bool,
    },
    /// No evaluation subsidy for someone who already had `benefit`.
    NoEvaluationSubsidyAfter {
        /// The earlier benefit, e.g. `unemployment_insurance_skill_upgrade`.
        benefit: String,
    },

    // ----- dates -----
    /// Filing at least `working_days_before` working days before opening; at most `max_trainees`.
    ClassFiling {
        /// Working days between filing and opening.
        working_days_before: u32,
        /// Most trainees per class.
        max_trainees: u32,
        /// How the working days are counted.
        #[serde(default)]
        counting: WorkdayCounting,
    },
    /// Conditions at opening (DL-P2): voucher, school roster, last opening, unemployment verified.
    ClassOpening {
        /// Last opening day in the year, `MM-DD`.
        last_opening: String,
        /// The graduating class that needs a school-stamped roster.
        stamped_roster_for_class_of: Option<i32>,
    },
    /// Acceptance application at least `working_days_before_end` before the class ends.
    AcceptanceDeadline {
        /// Working days before the end.
        working_days_before_end: u32,
        /// How the working days are counted.
        #[serde(default)]
        counting: WorkdayCounting,
    },
    /// Publicity for `working_days`, ID numbers masked.
    Publicity {
        /// Working days of publicity.
        working_days: u32,
        /// How ID numbers are masked.
        mask: MaskRule,
        /// Whether the first day of publicity counts.
        #[serde(default)]
        counting: PeriodCounting,
    },
    /// Archives kept and employment followed up.
    RetentionAndFollowUp {
        /// Years archives are kept.
        archive_years: u32,
        /// Follow-up points, months after the end of training (0 = at the end).
        follow_up_months: Vec<u32>,
    },
    /// Records archived for `years`.
    ArchiveRetention {
        /// Years.
        years: u32,
    },
    /// Enrol before training, file before opening.
    EnrolAndFileOrder {},
    /// Training finished by `finish_by` and paid by `pay_by_next_year` of the next year.
    SeasonDeadlines {
        /// `MM-DD` in the training year.
        finish_by: String,
        /// `MM-DD` in the next year.
        pay_by_next_year: String,
        /// Whether `finish_by` is a plan target rather than a cut-off: a class
        /// that ends later needs review instead of failing (JZ-P1).
        #[serde(default)]
        finish_by_is_target: bool,
    },

    // ----- institutions and claims -----
    /// In the catalogue; own verified premises; not a college's premises for
    /// that college's graduating class (DL-P1). The catalogue and the register
    /// are the deployment's, looked up as `institution_catalogue` and
    /// `verified_premises` look them up.
    InstitutionStanding {
        /// The catalogue: each institution with the majors it is selected for.
        catalogue: Deployment<Vec<CatalogueEntry>>,
        /// Each institution's premises verified on site.
        register: Deployment<Vec<PremisesEntry>>,
        /// The graduating class that may not be trained on its own college's premises.
        no_college_premises_for_class_of: Option<i32>,
    },
    /// The institution, and the major for it, are in an approved catalogue the
    /// deployment sets (FS-I1).
    InstitutionCatalogue {
        /// The catalogue: each institution with the majors it is approved for.
        catalogue: Deployment<Vec<CatalogueEntry>>,
        /// Whether being outside the catalogue fails (`strict`) or needs
        /// review (`in_principle`: the original says 原则上).
        #[serde(default)]
        strictness: Strictness,
    },
    /// The class trains on premises the authority verified on site, from a
    /// register the deployment sets (FS-I2).
    VerifiedPremises {
        /// Each institution's verified premises.
        register: Deployment<Vec<PremisesEntry>>,
    },
    /// Not suspended (false advertising, promised subsidies, impersonating the government).
    InstitutionNotSuspended {},
    /// No duplicate participation or subsidy (needs the ledger).
    NoDuplicateSubsidy {},
    /// Enrolment documents.
    EnrolmentDocuments {
        /// Documents every trainee needs.
        required: Vec<String>,
        /// Extra documents for natives of the province who studied elsewhere.
        natives_studied_elsewhere: Vec<String>,
    },
    /// Information checks before training starts and at its end.
    InformationChecks {
        /// When: `before_start`, `at_end`.
        when: Vec<String>,
        /// What each check confirms is absent.
        items: Vec<String>,
        /// Trainees the centre samples per class.
        sample_per_class: u32,
    },
    /// Class set-up: face recognition, remote video, filing, the class name pattern.
    ClassSetup {
        /// Face recognition working before opening.
        face_recognition: bool,
        /// Remote video working before opening.
        remote_video: bool,
        /// The class name: `YYYY年` + major + `N班期`.
        name_pattern: String,
    },
    /// A claim carries these documents.
    ClaimCompleteness {
        /// Required items.
        required: Vec<String>,
    },
    /// No record in the system, no subsidy.
    NoRecordNoSubsidy {},
    /// The voucher life cycle: apply → issue → train → redeem → write off.
    /// Every parameter is a reading of the programme's words, stated in the
    /// policy file (see `docs/vouchers.md`).
    VoucherLifecycle {
        /// At most one active voucher per person in this programme.
        one_active_per_person: bool,
        /// What redemption (兑现) requires of the latest evaluation; an
        /// empty list asks nothing.
        redeem_requires: Vec<RedeemCondition>,
        /// Whether the voucher is claimed (领用) at the institution before
        /// training (a check-in) may be recorded.
        claim_before_training: bool,
        /// Whether an evaluation needs training under way (a check-in) first;
        /// false lets an evaluation voucher be evaluated without training.
        training_before_evaluation: bool,
    },
    /// Each listed programme (a county's local brand, JZ-S4) trains at least
    /// `min_trainees` people in the year.
    PlanMinimum {
        /// Trainees.
        min_trainees: u32,
    },
    /// A county trains at least `numerator`/`denominator` of its annual plan
    /// (JZ-P3): compared exactly, `figure × denominator ≥ plan × numerator`.
    PlanShare {
        /// Numerator.
        numerator: u32,
        /// Denominator.
        denominator: u32,
        /// Which annual plan figure the share is of.
        #[serde(default)]
        plan_base: PlanBase,
        /// Each county's annual plan figure (the plan's annex, by county name).
        annual_plan: Deployment<SortedMap<String, u32>>,
    },
    /// Definitions the programme uses, and the checks they put on a person's facts.
    Definitions {
        /// Term → definition (zh).
        terms: SortedMap<String, String>,
        /// The income floor for "employed", yuan a month (the local urban
        /// minimum living standard).
        employed_income_floor: Deployment<Yuan>,
        /// Working age for "employed" (劳动年龄内).
        working_age: Deployment<WorkingAge>,
        /// The groups the definitions define, with the facts each asks.
        #[serde(default)]
        groups: Vec<DefinedGroup>,
        /// The province of the programme's locality (two-digit code): a person
        /// registered in another province has no local household registration.
        #[serde(default)]
        local_province: Option<String>,
    },
    /// A record the engine accepts and validates but does not score.
    Record {
        /// What is recorded.
        items: Vec<String>,
    },
}

/// The facts every amount line offers.
macro_rules! line_facts {
    ($($extra:literal),* $(,)?) => {
        &[
            "subject",
            "row",
            "amount",
            "claimed",
            "difference",
            "arithmetic_zh",
            "arithmetic_en",
            "blocked_by",
            "first_row",
            "exclusive_with",
            "provisional_amount",
            "other_amount",
            "other_claimed",
            "summary_field_zh",
            "summary_field_en",
            "stated",
            "check_zh",
            "check_en",
            "expected_values",
            $($extra),*
        ]
    };
}

const WORK_IN_LIEU_FACTS: &[&str] = line_facts!(
    "size_zh",
    "size_en",
    "sector_zh",
    "sector_en",
    "worker",
    "first_contribution",
    "from",
    "until",
    "per_month",
    "months",
    "window_months",
    "max_months",
);
const MONTHLY_FACTS: &[&str] = line_facts!(
    "major",
    "tier_zh",
    "tier_en",
    "rate",
    "months",
    "month_counting_zh",
    "month_counting_en",
    "partial_month_zh",
    "partial_month_en",
    "example",
    "attendance_rule",
    "filed_months",
    "whole_months",
    "extra_days",
    "max_months",
);
const APPRAISAL_FACTS: &[&str] = line_facts!("certificates_zh", "certificates_en", "example");
const TRAINING_RATE_FACTS: &[&str] = line_facts!("rate", "example", "offline_practice_local");
const DAILY_ALLOWANCE_FACTS: &[&str] = line_facts!(
    "per_day",
    "days",
    "key_groups_zh",
    "key_groups_en",
    "matched_zh",
    "matched_en",
    "undetermined_zh",
    "undetermined_en",
    "not_counted_zh",
    "not_counted_en",
);
const TIERED_FACTS: &[&str] = line_facts!(
    "employed",
    "not_employed",
    "denominator",
    "class_size",
    "listed",
    "unlisted",
    "employment_unknown",
    "employment_rate",
    "max_employed",
    "max_employment_rate",
    "min_employment_rate",
    "days",
);
const PER_PERSON_FACTS: &[&str] = line_facts!(
    "per_person",
    "enterprise_employee",
    "expected_sessions",
    "attended_sessions",
    "completion_percent",
    "min_completion_percent",
);
const CAPPED_FACTS: &[&str] = line_facts!(
    "key_groups_zh",
    "key_groups_en",
    "matched_zh",
    "matched_en",
    "undetermined_zh",
    "undetermined_en",
    "not_counted_zh",
    "not_counted_en",
    "enterprise_employee",
    "per_day",
    "cap",
    "days",
);
const AFTER_BENEFIT_FACTS: &[&str] = line_facts!("ui_skill_upgrade_eligible");

/// Writes `read_rule_kind`: each kind's name, its variant and how each
/// parameter is read (`req`: required; `or_default`: `#[serde(default)]`;
/// `option`: absent or null is `None`).
macro_rules! rule_kind_reader {
    ($($variant:ident $name:literal { $($field:ident: $how:ident),* $(,)? })*) => {
        /// Every kind's name, as an unknown kind's error lists them.
        const KIND_NAMES: &[&str] = &[$($name),*];

        fn read_rule_kind(kind: &str, params: Node<'_>) -> Result<RuleKind, DeError> {
            match kind {
                $($name => {
                    const FIELDS: &[&str] = &[$(stringify!($field)),*];
                    #[allow(unused_mut, unused_variables)]
                    let mut f = Fields::new(
                        params,
                        FIELDS,
                        &concat!("struct variant RuleKind::", stringify!($variant)),
                    )?;
                    Ok(RuleKind::$variant { $($field: f.$how(stringify!($field))?),* })
                })*
                other => Err(serde::de::Error::unknown_variant(other, KIND_NAMES)),
            }
        }
    };
}

rule_kind_reader! {
    Residence "residence" { provinces: req, study_in_province_counts: req }
    EducationType "education_type" { accepted: req }
    GraduationWindow "graduation_window" { left_school_years: req, graduating_class_years: or_default }
    NeverEmployed "never_employed" { evidence: req }
    ParticipationLimit "participation_limit" { per_year: req }
    NotDishonest "not_dishonest" { subject: req }
    MajorInList "major_in_list" { majors: req }
    InstitutionMajorLimit "institution_major_limit" { max: req, catalogue_rule: option }
    TargetGroups "target_groups" { groups: req, enterprise_employees: req }
    StartupAndCare "startup_and_care" { startup_groups: req, care_occupations: req, domestic_service_requires: req }
    TrainingDuration "training_duration" { min_months: req, max_months: req, per_major: req, tolerance_days: or_default }
    WorkingDaysOnly "working_days_only" {}
    DailyLessons "daily_lessons" { min_lessons: req, lesson_minutes: req }
    AttendanceThreshold "attendance_threshold" { min_rate: decimal, leave_counts_as_attended: req }
    TrainingStandard "training_standard" { min_months: req, max_months: req, per_major: req, min_lessons: req, lesson_minutes: req, min_rate: decimal, last_opening: req, leave_counts_as_attended: or_default, strictness: or_default, tolerance_days: or_default }
    PunchWindows "punch_windows" { sign_in_before_minutes: option, sign_out_after_minutes: option, methods: req }
    DailyReport "daily_report" { file_before: req, leave_at_filing: or_default }
    PunchExceptionNote "punch_exception_note" { requires: req, counts_as: or_default, counts_without_note: or_default }
    Supervision "supervision" { min_methods: req, remote_checks_per_week: req, onsite_per_class: req, inspectors_per_onsite: req, partial_weeks: or_default }
    ViolationEscalation "violation_escalation" { steps: req }
    VideoEvidence "video_evidence" { min_videos: req, min_per_month: req, min_gap_days: req, min_minutes: req, spacing: or_default }
    OnlineShareLimit "online_share_limit" { max_share: decimal, practical_only: or_default, strictness: or_default }
    TrainingVideoKept "training_video_kept" {}
    MonthlySubsidyByCertificate "monthly_subsidy_by_certificate" { qualification_range: req, special_ability_range: req, college_own_students_range: req, rates: req, month_counting: req, partial_month: req }
    AppraisalSubsidy "appraisal_subsidy" { fee_table: req }
    TrainingSubsidyRate "training_subsidy_rate" { rate: req, certificates: req }
    DailyAllowance "daily_allowance" { per_day: req, groups: req }
    TieredDailySubsidy "tiered_daily_subsidy" { min_employment_rate: decimal, tiers: req }
    PerPersonSubsidy "per_person_subsidy" { amount: req, completion_rate: req }
    CappedDailySubsidy "capped_daily_subsidy" { per_day: req, cap: req, groups: req }
    WorkInLieuOfTraining "work_in_lieu_of_training" { per_month: req, max_months: req, from: req, until: req, sizes: req, large_enterprise_sectors: req, dispatched_count: req }
    NoEvaluationSubsidyAfter "no_evaluation_subsidy_after" { benefit: req }
    ClassFiling "class_filing" { working_days_before: req, max_trainees: req, counting: or_default }
    ClassOpening "class_opening" { last_opening: req, stamped_roster_for_class_of: option }
    AcceptanceDeadline "acceptance_deadline" { working_days_before_end: req, counting: or_default }
    Publicity "publicity" { working_days: req, mask: req, counting: or_default }
    RetentionAndFollowUp "retention_and_follow_up" { archive_years: req, follow_up_months: req }
    ArchiveRetention "archive_retention" { years: req }
    EnrolAndFileOrder "enrol_and_file_order" {}
    SeasonDeadlines "season_deadlines" { finish_by: req, pay_by_next_year: req, finish_by_is_target: or_default }
    InstitutionStanding "institution_standing" { catalogue: req, register: req, no_college_premises_for_class_of: option }
    InstitutionCatalogue "institution_catalogue" { catalogue: req, strictness: or_default }
    VerifiedPremises "verified_premises" { register: req }
    InstitutionNotSuspended "institution_not_suspended" {}
    NoDuplicateSubsidy "no_duplicate_subsidy" {}
    EnrolmentDocuments "enrolment_documents" { required: req, natives_studied_elsewhere: req }
    InformationChecks "information_checks" { when: req, items: req, sample_per_class: req }
    ClassSetup "class_setup" { face_recognition: req, remote_video: req, name_pattern: req }
    ClaimCompleteness "claim_completeness" { required: req }
    NoRecordNoSubsidy "no_record_no_subsidy" {}
    VoucherLifecycle "voucher_lifecycle" { one_active_per_person: req, redeem_requires: req, claim_before_training: req, training_before_evaluation: req }
    PlanMinimum "plan_minimum" { min_trainees: req }
    PlanShare "plan_share" { numerator: req, denominator: req, plan_base: or_default, annual_plan: req }
    Definitions "definitions" { terms: req, employed_income_floor: req, working_age: req, groups: or_default, local_province: option }
    Record "record" { items: req }
}

impl RuleKind {
    /// Builds a kind from its name and parameters (as read from a policy file).
    ///
    /// ```
    /// # use peixun::policy::kinds::RuleKind;
    /// let err = RuleKind::from_parts("daily_lessons", serde_json::json!({"min_lessons": "six", "lesson_minutes": 45})).unwrap_err();
    /// assert_eq!(err.path, "$.min_lessons");
    /// ```
    pub fn from_parts(
        kind: &str,
        params: serde_json::Value,
    ) -> Result<RuleKind, crate::input::InputError> {
        RuleKind::from_node(kind, Node::from(params))
    }

    /// [`RuleKind::from_parts`] on parameters already read (`null`: none).
    pub(crate) fn from_node(
        kind: &str,
        params: Node<'_>,
    ) -> Result<RuleKind, crate::input::InputError> {
        let params = match params {
            Node::Null => Node::Map(Vec::new()),
            p => p,
        };
        read_rule_kind(kind, params).map_err(crate::input::input_error)
    }

    /// The catalogue of institutions and their majors that a rule of this
    /// kind looks institutions up in (FS-I1's, DL-P1's), if it has one.
    ///
    /// ```
    /// let set = peixun::policy::PolicySet::builtin().unwrap();
    /// let dalian = set.get("dalian-2023-major-conversion").unwrap();
    /// assert!(dalian.rule("DL-P1").unwrap().kind.catalogue().is_some());
    /// assert!(dalian.rule("DL-M2").unwrap().kind.catalogue().is_none());
    /// ```
    pub fn catalogue(&self) -> Option<&Deployment<Vec<CatalogueEntry>>> {
        match self {
            RuleKind::InstitutionCatalogue { catalogue, .. }
            | RuleKind::InstitutionStanding { catalogue, .. } => Some(catalogue),
            _ => None,
        }
    }

    /// The kind's name as written in policy files.
    pub fn name(&self) -> &'static str {
        match self {
            RuleKind::Residence { .. } => "residence",
            RuleKind::EducationType { .. } => "education_type",
            RuleKind::GraduationWindow { .. } => "graduation_window",
            RuleKind::NeverEmployed { .. } => "never_employed",
            RuleKind::ParticipationLimit { .. } => "participation_limit",
            RuleKind::NotDishonest { .. } => "not_dishonest",
            RuleKind::MajorInList { .. } => "major_in_list",
            RuleKind::InstitutionMajorLimit { .. } => "institution_major_limit",
            RuleKind::TargetGroups { .. } => "target_groups",
            RuleKind::StartupAndCare { .. } => "startup_and_care",
            RuleKind::TrainingDuration { .. } => "training_duration",
            RuleKind::WorkingDaysOnly {} => "working_days_only",
            RuleKind::DailyLessons { .. } => "daily_lessons",
            RuleKind::AttendanceThreshold { .. } => "attendance_threshold",
            RuleKind::TrainingStandard { .. } => "training_standard",
            RuleKind::PunchWindows { .. } => "punch_windows",
            RuleKind::DailyReport { .. } => "daily_report",
            RuleKind::PunchExceptionNote { .. } => "punch_exception_note",
            RuleKind::Supervision { .. } => "supervision",
            RuleKind::ViolationEscalation { .. } => "violation_escalation",
            RuleKind::VideoEvidence { .. } => "video_evidence",
            RuleKind::OnlineShareLimit { .. } => "online_share_limit",
            RuleKind::TrainingVideoKept {} => "training_video_kept",
            RuleKind::MonthlySubsidyByCertificate { .. } => "monthly_subsidy_by_certificate",
            RuleKind::AppraisalSubsidy { .. } => "appraisal_subsidy",
            RuleKind::TrainingSubsidyRate { .. } => "training_subsidy_rate",
            RuleKind::DailyAllowance { .. } => "daily_allowance",
            RuleKind::TieredDailySubsidy { .. } => "tiered_daily_subsidy",
            RuleKind::PerPersonSubsidy { .. } => "per_person_subsidy",
            RuleKind::CappedDailySubsidy { .. } => "capped_daily_subsidy",
            RuleKind::WorkInLieuOfTraining { .. } => "work_in_lieu_of_training",
            RuleKind::NoEvaluationSubsidyAfter { .. } => "no_evaluation_subsidy_after",
            RuleKind::ClassFiling { .. } => "class_filing",
            RuleKind::ClassOpening { .. } => "class_opening",
            RuleKind::AcceptanceDeadline { .. } => "acceptance_deadline",
            RuleKind::Publicity { .. } => "publicity",
            RuleKind::RetentionAndFollowUp { .. } => "retention_and_follow_up",
            RuleKind::ArchiveRetention { .. } => "archive_retention",
            RuleKind::EnrolAndFileOrder {} => "enrol_and_file_order",
            RuleKind::SeasonDeadlines { .. } => "season_deadlines",
            RuleKind::InstitutionStanding { .. } => "institution_standing",
            RuleKind::InstitutionCatalogue { .. } => "institution_catalogue",
            RuleKind::VerifiedPremises { .. } => "verified_premises",
            RuleKind::InstitutionNotSuspended {} => "institution_not_suspended",
            RuleKind::NoDuplicateSubsidy {} => "no_duplicate_subsidy",
            RuleKind::EnrolmentDocuments { .. } => "enrolment_documents",
            RuleKind::InformationChecks { .. } => "information_checks",
            RuleKind::ClassSetup { .. } => "class_setup",
            RuleKind::ClaimCompleteness { .. } => "claim_completeness",
            RuleKind::NoRecordNoSubsidy {} => "no_record_no_subsidy",
            RuleKind::VoucherLifecycle { .. } => "voucher_lifecycle",
            RuleKind::PlanMinimum { .. } => "plan_minimum",
            RuleKind::PlanShare { .. } => "plan_share",
            RuleKind::Definitions { .. } => "definitions",
            RuleKind::Record { .. } => "record",
        }
    }

    /// The facts this kind offers to message templates (`{name}` placeholders).
    /// Every kind also offers `rule_id`.
    pub fn fact_names(&self) -> &'static [&'static str] {
        match self {
            RuleKind::Residence { .. } => &[
                "hukou_province",
                "hukou_province_name",
                "hukou_province_name_en",
                "school_province",
                "school_province_name",
                "school_province_name_en",
                "provinces",
                "provinces_en",
            ],
            RuleKind::EducationType { .. } => &["education", "education_zh", "education_en"],
            RuleKind::GraduationWindow { .. } => &[
                "graduation_year",
                "left_school_years",
                "graduating_class_years",
            ],
            RuleKind::NeverEmployed { .. } => {
                &["unit_social_insurance_record", "employed_since_graduation"]
            }
            RuleKind::ParticipationLimit { .. } => &["participations_this_year", "per_year"],
            RuleKind::NotDishonest { .. } => &["dishonest", "subject"],
            RuleKind::MajorInList { .. } => &["major"],
            RuleKind::InstitutionMajorLimit { .. } => &[
                "majors",
                "major_count",
                "max",
                "institution",
                "catalogue",
                "listed_as",
                "catalogue_majors",
                // The catalogue rule's parameter, when it is not set.
                "parameter",
                "parameter_state",
                "parameter_state_zh",
                "parameter_state_en",
                "parameter_source",
            ],
            RuleKind::CappedDailySubsidy { .. } => CAPPED_FACTS,
            RuleKind::TargetGroups { .. } => &[
                "key_groups_zh",
                "key_groups_en",
                "matched_zh",
                "matched_en",
                "undetermined_zh",
                "undetermined_en",
                "not_counted_zh",
                "not_counted_en",
                "enterprise_employee",
            ],
            RuleKind::Definitions { .. } => &[
                "term",
                "group_zh",
                "group_en",
                "missing_zh",
                "missing_en",
                "contradicted_zh",
                "contradicted_en",
                "income",
                "income_floor",
                "age",
                "min_age",
                "max_age",
                "sex_zh",
                "sex_en",
                "end",
            ],
            RuleKind::StartupAndCare { .. } => &[
                "occupation",
                "startup_group_zh",
                "startup_group_en",
                "missing_zh",
                "missing_en",
            ],
            RuleKind::WorkInLieuOfTraining { .. } => WORK_IN_LIEU_FACTS,
            RuleKind::MonthlySubsidyByCertificate { .. } => MONTHLY_FACTS,
            RuleKind::AppraisalSubsidy { .. } => APPRAISAL_FACTS,
            RuleKind::TrainingSubsidyRate { .. } => TRAINING_RATE_FACTS,
            RuleKind::DailyAllowance { .. } => DAILY_ALLOWANCE_FACTS,
            RuleKind::TieredDailySubsidy { .. } => TIERED_FACTS,
            RuleKind::PerPersonSubsidy { .. } => PER_PERSON_FACTS,
            RuleKind::NoEvaluationSubsidyAfter { .. } => AFTER_BENEFIT_FACTS,
            RuleKind::ClassFiling { .. } => &[
                "start",
                "deadline",
                "working_days",
                "filed_on",
                "approved_on",
                "trainees",
                "max_trainees",
                "stated_trainees",
                "roster_trainees",
                "counting",
                "counting_zh",
                "counting_en",
            ],
            RuleKind::ClassOpening { .. } => &[
                "start",
                "deadline",
                "last_opening",
                "last_workday",
                "weekday_zh",
                "weekday_en",
                "class_of",
                "graduation_year",
                "stamped_roster",
                "by_institution",
                "by_district",
                "missing_zh",
                "missing_en",
                "late_zh",
                "late_en",
            ],
            RuleKind::AcceptanceDeadline { .. } => &[
                "end",
                "deadline",
                "working_days",
                "applied_on",
                "counting",
                "counting_zh",
                "counting_en",
            ],
            RuleKind::Publicity { .. } => &[
                "working_days",
                "publicity_start",
                "deadline",
                "payable_from",
                "counting",
                "counting_zh",
                "counting_en",
            ],
            RuleKind::RetentionAndFollowUp { .. } | RuleKind::ArchiveRetention { .. } => {
                &["end", "deadline", "archive_years", "months_after"]
            }
            RuleKind::EnrolAndFileOrder {} => &[
                "start",
                "deadline",
                "filed_on",
                "approved_on",
                "enrolled_on",
            ],
            RuleKind::SeasonDeadlines { .. } => &[
                "start",
                "end",
                "deadline",
                "finish_by",
                "pay_by",
                "last_workday",
                "weekday_zh",
                "weekday_en",
                "paid_on",
            ],
            RuleKind::InformationChecks { .. } => &[
                "start",
                "end",
                "deadline",
                "before_start",
                "at_end",
                "missing_zh",
                "missing_en",
                "late_zh",
                "late_en",
            ],
            RuleKind::ClassSetup { .. } => &[
                "start",
                "deadline",
                "name",
                "online_name",
                "major",
                "expected_name",
                "face_recognition",
                "remote_video",
                "filed_on",
                "approved_on",
            ],
            RuleKind::InstitutionStanding { .. } => &[
                "institution",
                "credit_code",
                "major",
                "catalogue",
                "in_catalogue",
                "listed",
                "listed_as",
                "matched_by",
                "approved_majors",
                "register",
                "premises",
                "verified_premises",
                "premises_verified",
                "premises_college",
                "class_of",
                "trainees",
            ],
            RuleKind::InstitutionCatalogue { .. } => &[
                "institution",
                "credit_code",
                "major",
                "catalogue",
                "in_catalogue",
                "listed",
                "listed_as",
                "matched_by",
                "approved_majors",
                "strictness_zh",
                "strictness_en",
            ],
            RuleKind::VerifiedPremises { .. } => &[
                "institution",
                "credit_code",
                "register",
                "listed",
                "listed_as",
                "matched_by",
                "premises",
                "verified_premises",
                "premises_verified",
            ],
            RuleKind::InstitutionNotSuspended {} => &["institution", "suspended"],
            RuleKind::NoDuplicateSubsidy {} => &["rows"],
            RuleKind::EnrolmentDocuments { .. } => &["missing_zh", "missing_en", "school_in_city"],
            RuleKind::ClaimCompleteness { .. } => &["missing_zh", "missing_en"],
            RuleKind::NoRecordNoSubsidy {} => &["system_record", "classified"],
            RuleKind::TrainingDuration { .. } => DURATION_FACTS,
            RuleKind::WorkingDaysOnly {} => WORKING_DAY_FACTS,
            RuleKind::DailyLessons { .. } => LESSON_FACTS,
            RuleKind::AttendanceThreshold { .. } => THRESHOLD_FACTS,
            RuleKind::TrainingStandard { .. } => STANDARD_FACTS,
            RuleKind::PunchWindows { .. } => PUNCH_FACTS,
            RuleKind::DailyReport { .. } => DAILY_REPORT_FACTS,
            RuleKind::PunchExceptionNote { .. } => EXCEPTION_FACTS,
            RuleKind::Supervision { .. } => SUPERVISION_FACTS,
            RuleKind::ViolationEscalation { .. } => ESCALATION_FACTS,
            RuleKind::VideoEvidence { .. } => VIDEO_FACTS,
            RuleKind::OnlineShareLimit { .. } => ONLINE_SHARE_FACTS,
            RuleKind::TrainingVideoKept {} => VIDEO_KEPT_FACTS,
            RuleKind::PlanMinimum { .. } => PLAN_MINIMUM_FACTS,
            RuleKind::PlanShare { .. } => PLAN_SHARE_FACTS,
            // No finding of their own: the lifecycle replays events (its
            // refusals are errors); a record is accepted and not scored.
            RuleKind::VoucherLifecycle { .. } | RuleKind::Record { .. } => &[],
        }
    }

    /// The messages a rule of this kind must carry (each in zh and en).
    ///
    /// Kinds the engine evaluates to pass / fail / unknown need `pass`, `fail` and
    /// `unknown`; the others need a `summary` describing what the rule requires.
    ///
    /// Amount kinds need `line` (a payable line, with the arithmetic),
    /// `line_zero` (nothing payable, and why), `line_unknown` (not decidable yet)
    /// and `fail.mismatch` (the claimed amount differs). Date kinds need
    /// `deadline` (what the planner shows, e.g. "file by 2023-03-24").
    ///
    /// ```
    /// # use peixun::policy::kinds::RuleKind;
    /// let k = RuleKind::from_parts("per_person_subsidy", serde_json::json!({"amount": "300.00",
    ///     "completion_rate": {"source": "县级补贴政策", "example": false}})).unwrap();
    /// assert!(k.required_messages().contains(&"fail.mismatch"));
    /// ```
    pub fn required_messages(&self) -> &'static [&'static str] {
        const CHECK: &[&str] = &["pass", "fail", "unknown", "summary"];
        const AMOUNT: &[&str] = &[
            "summary",
            "line",
            "line_zero",
            "line_unknown",
            "fail.mismatch",
        ];
        const CHECKED_AMOUNT: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "line",
            "line_zero",
            "line_unknown",
            "fail.mismatch",
        ];
        // A graduation window whose years another document fixes.
        const WINDOW_LEFT_OPEN: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "unknown.parameter_unset",
        ];
        const CATALOGUE: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "unknown.parameter_unset",
            "unknown.unidentified",
            "unknown.name_unmatched",
            "fail.institution",
            "fail.major",
            "unknown.major_missing",
            "unknown.institution_in_principle",
            "unknown.major_in_principle",
            // The claim's own word (`in_catalogue`) against the catalogue.
            "fail.stated_not_listed",
            "unknown.stated_not_listed",
            "fail.claimed_listed",
            "fail.claimed_unlisted",
        ];
        const PREMISES: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "unknown.parameter_unset",
            "unknown.unidentified",
            "unknown.name_unmatched",
            "fail.stated_not_verified",
            "fail.not_registered",
            "unknown.premises_missing",
            "fail.premises_unlisted",
            // The claim's own word (`premises_verified`) against the register.
            "fail.claimed_verified",
            "fail.claimed_unverified",
        ];
        // DL-P1: the catalogue and the premises looked up as FS-I1 and FS-I2
        // look them up, each part with reasons of its own, and the college part.
        const STANDING: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "unknown.parameter",
            "pass.catalogue.listed",
            "fail.catalogue.institution",
            "fail.catalogue.major",
            "unknown.catalogue.parameter_unset",
            "unknown.catalogue.parameter",
            "unknown.catalogue.unidentified",
            "unknown.catalogue.name_unmatched",
            "unknown.catalogue.major_missing",
            "fail.catalogue.stated_not_listed",
            "fail.catalogue.claimed_listed",
            "fail.catalogue.claimed_unlisted",
            "pass.premises.verified",
            "fail.premises.not_registered",
            "fail.premises.premises_unlisted",
            "fail.premises.stated_not_verified",
            "fail.premises.claimed_verified",
            "fail.premises.claimed_unverified",
            "unknown.premises.parameter_unset",
            "unknown.premises.parameter",
            "unknown.premises.unidentified",
            "unknown.premises.name_unmatched",
            "unknown.premises.premises_missing",
            "pass.college_premises",
            "fail.college_premises",
            "unknown.college_premises",
        ];
        // DL-M2 counting the majors a catalogue lists for the institution.
        const MAJOR_LIMIT_BY_CATALOGUE: &[&str] = &[
            "pass",
            "fail",
            "unknown",
            "summary",
            "pass.catalogue",
            "fail.catalogue",
            "unknown.parameter_unset",
            "unknown.parameter",
            "unknown.unlisted",
        ];
        const DATE: &[&str] = &["summary", "deadline"];
        const CHECKED_DATE: &[&str] = &["pass", "fail", "unknown", "summary", "deadline"];
        match self {
            RuleKind::GraduationWindow {
                left_school_years,
                graduating_class_years,
            } if left_school_years.deployment().is_some()
                || graduating_class_years.deployment().is_some() =>
            {
                WINDOW_LEFT_OPEN
            }
            RuleKind::InstitutionCatalogue { .. } => CATALOGUE,
            RuleKind::VerifiedPremises { .. } => PREMISES,
            RuleKind::InstitutionStanding { .. } => STANDING,
            RuleKind::InstitutionMajorLimit {
                catalogue_rule: Some(_),
                ..
            } => MAJOR_LIMIT_BY_CATALOGUE,
            RuleKind::Residence { .. }
            | RuleKind::EducationType { .. }
            | RuleKind::GraduationWindow { .. }
            | RuleKind::NeverEmployed { .. }
            | RuleKind::ParticipationLimit { .. }
            | RuleKind::NotDishonest { .. }
            | RuleKind::MajorInList { .. }
            | RuleKind::InstitutionMajorLimit { .. }
            | RuleKind::TargetGroups { .. }
            | RuleKind::StartupAndCare { .. }
            | RuleKind::AttendanceThreshold { .. }
            | RuleKind::InstitutionNotSuspended {}
            | RuleKind::NoDuplicateSubsidy {}
            | RuleKind::EnrolmentDocuments { .. }
            | RuleKind::ClaimCompleteness { .. }
            | RuleKind::NoRecordNoSubsidy {}
            | RuleKind::PunchExceptionNote { .. }
            | RuleKind::ViolationEscalation { .. }
            | RuleKind::Definitions { .. } => CHECK,
            RuleKind::PunchWindows { .. } => PUNCH_MESSAGES,
            RuleKind::DailyReport { .. } => DAILY_REPORT_MESSAGES,
            RuleKind::Supervision { .. } => SUPERVISION_MESSAGES,
            RuleKind::VideoEvidence { .. } => VIDEO_MESSAGES,
            RuleKind::TrainingVideoKept {} => VIDEO_KEPT_MESSAGES,
            RuleKind::TrainingDuration { .. } => DURATION_MESSAGES,
            RuleKind::WorkingDaysOnly {} => WORKING_DAY_MESSAGES,
            RuleKind::DailyLessons { .. } => LESSON_MESSAGES,
            RuleKind::TrainingStandard { .. } => STANDARD_MESSAGES,
            RuleKind::OnlineShareLimit { .. } => ONLINE_SHARE_MESSAGES,
            RuleKind::ClassFiling { .. } => FILING_MESSAGES,
            RuleKind::PlanMinimum { .. } => PLAN_MINIMUM_MESSAGES,
            RuleKind::PlanShare { .. } => PLAN_SHARE_MESSAGES,
            RuleKind::WorkInLieuOfTraining { .. } | RuleKind::CappedDailySubsidy { .. } => {
                CHECKED_AMOUNT
            }
            RuleKind::MonthlySubsidyByCertificate { .. }
            | RuleKind::AppraisalSubsidy { .. }
            | RuleKind::TrainingSubsidyRate { .. }
            | RuleKind::DailyAllowance { .. }
            | RuleKind::TieredDailySubsidy { .. }
            | RuleKind::PerPersonSubsidy { .. }
            | RuleKind::NoEvaluationSubsidyAfter { .. } => AMOUNT,
            RuleKind::Publicity { .. }
            | RuleKind::RetentionAndFollowUp { .. }
            | RuleKind::ArchiveRetention { .. } => DATE,
            RuleKind::ClassOpening { .. }
            | RuleKind::AcceptanceDeadline { .. }
            | RuleKind::EnrolAndFileOrder {}
            | RuleKind::SeasonDeadlines { .. }
            | RuleKind::InformationChecks { .. }
            | RuleKind::ClassSetup { .. } => CHECKED_DATE,
            // Described, not evaluated to a status: the summary alone.
            RuleKind::VoucherLifecycle { .. } | RuleKind::Record { .. } => &["summary"],
        }
    }
}

// ----- the facts the attendance kinds offer (see `rules::attendance`) -----

/// Facts of `training_duration`.
const DURATION_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "whole_months",
    "extra_days",
    "counted_end",
    "min_months",
    "max_months",
    "major",
    "per_major_months",
    "min_end",
    "max_end",
    "per_major_end",
    "bound_end",
    "missed_by_days",
    "tolerance_days",
    "filed_months",
];
/// Facts of `working_days_only`.
const WORKING_DAY_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "date",
    "weekday_zh",
    "weekday_en",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "training_days",
    "makeup_days",
    "working_days",
    "missed_count",
    "missed_days",
    "days_through",
    "unlisted_days",
];
/// Facts of `daily_lessons`.
const LESSON_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "lessons_per_day",
    "lesson_minutes",
    "min_lessons",
    "required_lesson_minutes",
    "session_minutes",
    "needed_minutes",
];
/// Facts of `attendance_threshold`.
const THRESHOLD_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "trainee",
    "expected_sessions",
    "attended_sessions",
    "excepted_sessions",
    "sick_leave",
    "personal_leave",
    "counted_sessions",
    "undetermined_sessions",
    "unverified_sessions",
    "unstated_note_sessions",
    "rate",
    "rate_percent",
    "min_rate",
    "min_rate_percent",
    "leave_choice_zh",
    "leave_choice_en",
    "leave_counts",
    "attendance_rate",
    "attended_days",
    "training_days",
    "summary_field_zh",
    "summary_field_en",
    "stated",
    "check_zh",
    "check_en",
    "expected_values",
];
/// Facts of `training_standard`: the schedule's and the rate's, the part of
/// the standard a finding is about, and the last opening.
const STANDARD_FACTS: &[&str] = &[
    "part",
    "class",
    "start",
    "end",
    "trainee",
    "expected_sessions",
    "attended_sessions",
    "excepted_sessions",
    "sick_leave",
    "personal_leave",
    "counted_sessions",
    "undetermined_sessions",
    "unverified_sessions",
    "unstated_note_sessions",
    "rate",
    "rate_percent",
    "min_rate",
    "min_rate_percent",
    "leave_choice_zh",
    "leave_choice_en",
    "date",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "whole_months",
    "extra_days",
    "counted_end",
    "min_months",
    "max_months",
    "major",
    "per_major_months",
    "min_end",
    "max_end",
    "bound_end",
    "missed_by_days",
    "tolerance_days",
    "filed_months",
    "working_days",
    "missed_count",
    "missed_days",
    "days_through",
    "unlisted_days",
    "lessons_per_day",
    "lesson_minutes",
    "min_lessons",
    "required_lesson_minutes",
    "session_minutes",
    "needed_minutes",
    "weekday_zh",
    "weekday_en",
    "training_days",
    "makeup_days",
    "leave_counts",
    "attendance_rate",
    "deadline",
    "last_opening",
    "last_workday",
    "attended_days",
    "summary_field_zh",
    "summary_field_en",
    "stated",
    "check_zh",
    "check_en",
    "expected_values",
    "per_major_end",
    "opening_year",
];
/// Facts of `punch_windows`.
const PUNCH_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "punch",
    "trainee",
    "date",
    "session",
    "session_start",
    "session_end",
    "kind_zh",
    "kind_en",
    "time",
    "window_from",
    "window_until",
    "minutes_outside",
    "early_or_late_zh",
    "early_or_late_en",
    "missing_kind_zh",
    "missing_kind_en",
    "punch_class",
    "method",
    "methods",
    "first_punch",
    "first_time",
    "partner",
    "partner_time",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "opens_at",
    "closed_at",
    "next_session",
];
/// Facts of `daily_report`.
const DAILY_REPORT_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "date",
    "filed_at",
    "file_before",
    "field_zh",
    "field_en",
    "reported",
    "observed",
    "days",
    "reported_days",
    "observed_from",
    "observed_to",
    "trainees",
    "leave_reading_zh",
    "leave_reading_en",
];
/// Facts of `punch_exception_note`.
const EXCEPTION_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "exception",
    "trainee",
    "date",
    "session",
    "reason_zh",
    "reason_en",
    "missing_zh",
    "missing_en",
    "unstated_zh",
    "unstated_en",
    "counts_as_zh",
    "counts_as_en",
];
/// Facts of `supervision`.
const SUPERVISION_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "week",
    "week_monday",
    "training_days_in_week",
    "signed_checks",
    "unsigned_checks",
    "required_checks",
    "methods",
    "method_count",
    "min_methods",
    "onsite_count",
    "min_onsite",
    "inspection",
    "inspection_date",
    "inspectors",
    "min_inspectors",
    "weeks",
    "partial_weeks_zh",
    "partial_weeks_en",
    "date",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "remote_check",
    "signed",
];
/// Facts of `violation_escalation`.
const ESCALATION_FACTS: &[&str] = &["violations", "consequence_zh", "consequence_en", "step"];
/// Facts of `video_evidence`.
const VIDEO_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "videos",
    "long_enough",
    "min_videos",
    "month",
    "month_videos",
    "min_per_month",
    "video",
    "video_date",
    "minutes",
    "min_minutes",
    "widest_gap_days",
    "required_gap_days",
    "previous_video",
    "spacing_zh",
    "spacing_en",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
];
/// Facts of `online_share_limit`.
const ONLINE_SHARE_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "online_hours",
    "offline_hours",
    "total_hours",
    "share_percent",
    "max_share_percent",
    "practical",
    "hours_source",
    "stated_online_hours",
    "stated_offline_hours",
    "stated_total_hours",
    "timetable_online_hours",
    "timetable_offline_hours",
    "timetable_hours",
    "training_days",
    "lessons_per_day",
    "online_per_day",
    "offline_per_day",
];
/// Facts of `training_video_kept`.
const VIDEO_KEPT_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "videos",
    "classified",
    "video",
    "video_date",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
];

/// The messages a `training_duration` rule needs: a class short of the
/// minimum or over the maximum, one within the tolerance, and the filed months
/// checked against the class's dates.
const DURATION_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.short",
    "fail.long",
    "unknown.within_tolerance",
    "pass.filed_months",
    "fail.filed_months",
    "fail.filed_months_range",
];
/// The messages a `working_days_only` rule needs: working days the timetable
/// leaves out, a timetable that lists only part of the class, and a claim that
/// carries no timetable.
const WORKING_DAY_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.missed_working_days",
    "unknown.partial_timetable",
    "unknown.no_timetable",
];
/// The messages a `daily_lessons` rule needs: a check's, and a claim that
/// carries no timetable.
const LESSON_MESSAGES: &[&str] = &["pass", "fail", "unknown", "summary", "unknown.no_timetable"];
/// The messages a `training_standard` rule needs: one status per part of the
/// standard — the duration (the seed's months and the major's), the working
/// days, the daily lessons (each unknown in a claim without a timetable), the
/// last opening — besides the attendance rate's.
const STANDARD_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.short",
    "fail.long",
    "unknown.within_tolerance",
    "pass.per_major",
    "fail.per_major",
    "unknown.major_unknown",
    "pass.filed_months",
    "fail.filed_months",
    "fail.filed_months_range",
    "pass.working_days",
    "fail.non_working_day",
    "fail.missed_working_days",
    "unknown.partial_timetable",
    "unknown.assumed_calendar",
    "pass.lessons",
    "fail.too_few_lessons",
    "fail.short_lessons",
    "fail.sessions_too_short",
    "unknown.lessons_missing",
    "unknown.no_timetable_days",
    "unknown.no_timetable_lessons",
    "pass.opening",
    "fail.opening",
    "unknown.opening_year",
    "deadline",
];
/// The messages an `online_share_limit` rule needs: hours stated against the
/// timetable's, and a share that rests on stated hours alone.
const ONLINE_SHARE_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.hours_mismatch",
    "fail.total_mismatch",
    "unknown.stated_split",
];

/// The messages a `class_filing` rule needs: a checked date's, a roster
/// longer than the class size it states, and a class size nobody gives.
const FILING_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "deadline",
    "fail.roster",
    "unknown.size",
];

/// Facts of `plan_minimum` (JZ-S4, per brand of a county).
const PLAN_MINIMUM_FACTS: &[&str] = &[
    "county",
    "brand",
    "year",
    "as_of",
    "planned",
    "trained",
    "min_trainees",
];

/// Facts of `plan_share` (JZ-P3, per county).
const PLAN_SHARE_FACTS: &[&str] = &[
    "county",
    "year",
    "as_of",
    "planned",
    "trained",
    "figure",
    "annual_plan",
    "stated_annual_plan",
    "annex_annual_plan",
    "numerator",
    "denominator",
    "figure_times_denominator",
    "plan_times_numerator",
    "plan_base",
    "plan_base_zh",
    "plan_base_en",
];

/// The messages a `plan_minimum` rule needs, per reason.
const PLAN_MINIMUM_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "pass.trained",
    "fail.trained",
    "pass.planned",
    "fail.planned",
    "unknown.in_progress",
    "unknown.missing",
    "unknown.no_brands",
    "unknown.no_counties",
];

/// The messages a `plan_share` rule needs, per reason.
const PLAN_SHARE_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "pass.trained",
    "fail.trained",
    "pass.planned",
    "fail.planned",
    "unknown.in_progress",
    "unknown.missing",
    "unknown.no_plan",
    "unknown.not_in_annex",
    "fail.plan_mismatch",
    "unknown.no_counties",
];

/// The messages a `punch_windows` rule needs: one per reason a punch is refused.
const PUNCH_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.outside_window",
    "fail.duplicate",
    "fail.other_class",
    "fail.non_training_day",
    "fail.out_of_order",
    "fail.unknown_trainee",
    "fail.method",
    "fail.incomplete",
    "fail.not_yet_open",
    "fail.closed",
    "fail.no_session",
    "fail.class_over",
    "fail.not_on_roster",
    "fail.after_as_of",
    "unknown.method_unstated",
    "unknown.partner_unstated",
    "unknown.method_required",
    "fail.wrong_method",
];

/// The messages a `daily_report` rule needs: the report reconciled at its
/// filing time, a count left open by records not fully stated, and a trainee
/// who signed in after it.
const DAILY_REPORT_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.mismatch",
    "unknown.undetermined",
    "pass.after_filing",
];

/// The messages a `supervision` rule needs: a check or an inspection that is
/// not on a training day of the class.
const SUPERVISION_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.remote_not_training_day",
    "fail.onsite_not_training_day",
];

/// The messages a `video_evidence` rule needs: a video not on a training day.
const VIDEO_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.not_a_training_day",
];

/// The messages a `training_video_kept` rule needs: a video not on a training
/// day, and none that is.
const VIDEO_KEPT_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "unknown.not_a_training_day",
    "unknown.none_counted",
];
