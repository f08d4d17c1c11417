//! The parameter types rule kinds share: a value left to the deployment
//! ([`Deployment`], [`Param`]), the catalogue and register entries, and the
//! small enums several kinds' parameters pick from.

use serde::{Deserialize, Serialize};

use super::super::vocab::{DefiningFact, KeyGroup};
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
/// let RuleKind::GraduationWindow(window) = open else { unreachable!() };
/// let years = &window.left_school_years;
/// assert!(matches!(years, Param::Deployment(_)) && years.value().is_none());
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

pub(crate) fn is_zero(n: &u32) -> bool {
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
