//! What a trainee, a clerk or an enterprise can tell the engine, as JSON.
//!
//! Every fact is optional: a missing fact makes the rules that need it
//! "unknown", never a guess. `null` and an absent field mean the same.

use crate::error::InputCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::identity::{CreditCode, ResidentId};
use crate::policy::vocab::{Education, EnterpriseSize, KeyGroup, Sector, StartupGroup};

/// Someone applying: a person (trainee) or an enterprise (LC-S1).
///
/// ```
/// let a: peixun::rules::eligibility::Applicant =
///     serde_json::from_str(r#"{"kind": "person", "graduation_year": 2022}"#).unwrap();
/// assert!(matches!(a, peixun::rules::eligibility::Applicant::Person(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
// One applicant per check: the size of the larger variant does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Applicant {
    /// A trainee.
    Person(Person),
    /// An enterprise taking on workers.
    Enterprise(Enterprise),
}

/// Read by hand rather than with serde's internally tagged enums, which buffer
/// the object and lose the path of a bad field inside it.
impl<'de> Deserialize<'de> for Applicant {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::input::{tree, Node};
        use serde::de::Error;
        let mut entries = Node::deserialize(d)?.into_entries()?;
        let kind = tree::take(&mut entries, "kind");
        let rest = Node::Map(entries);
        match kind.as_ref().and_then(Node::as_str) {
            Some("person") => crate::input::nested(rest).map(Applicant::Person),
            Some("enterprise") => crate::input::nested(rest).map(Applicant::Enterprise),
            Some(other) => Err(D::Error::custom(crate::input::coded_at(
                InputCode::InvalidValue,
                ".kind",
                format!("unknown applicant kind `{other}`, expected `person` or `enterprise`"),
                format!("未知的申请人类型 `{other}`，应为 `person`（个人）或 `enterprise`（企业）"),
            ))),
            None if kind.is_some() => Err(D::Error::custom(crate::input::coded_at(
                InputCode::WrongType,
                ".kind",
                "`kind` must be a string: `person` or `enterprise`",
                "`kind` 必须是字符串：`person`（个人）或 `enterprise`（企业）",
            ))),
            None => Err(D::Error::custom(crate::input::coded_at(
                InputCode::MissingField,
                ".kind",
                "missing field `kind` (`person` or `enterprise`)",
                "缺少字段 `kind`（`person` 个人或 `enterprise` 企业）",
            ))),
        }
    }
}

/// A trainee's facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name (shown, never judged).
    #[serde(default)]
    pub name: Option<String>,
    /// Resident ID number; validated when given.
    #[serde(default, with = "crate::identity::serde_resident_id::option")]
    pub id_number: Option<ResidentId>,
    /// Province of household registration (two-digit GB/T 2260 code, e.g. `"21"`).
    #[serde(default)]
    pub hukou_province: Option<Province>,
    /// Province of the school (two-digit code).
    #[serde(default)]
    pub school_province: Option<Province>,
    /// Kind of schooling.
    #[serde(default)]
    pub education: Option<Education>,
    /// Year of leaving school, or of the graduating class.
    #[serde(default)]
    pub graduation_year: Option<i32>,
    /// Self-declared: employed at any time since graduating.
    #[serde(default)]
    pub employed_since_graduation: Option<bool>,
    /// Whether the social-insurance system holds a unit-based contribution record
    /// since graduation (only the authority can know; a phone leaves it empty).
    #[serde(default)]
    pub unit_social_insurance_record: Option<bool>,
    /// Participations in this programme this year (from the ledger).
    #[serde(default)]
    pub participations_this_year: Option<u32>,
    /// On the dishonesty (失信) list.
    #[serde(default)]
    pub dishonest: Option<bool>,
    /// Target groups the person belongs to; `[]` means none, absent means not
    /// stated. Where the policy defines a group (JZ-D1), its tag counts only
    /// when the facts the definition asks hold.
    #[serde(default)]
    pub key_groups: Option<Vec<KeyGroup>>,
    /// An enterprise employee (dispatched included).
    #[serde(default)]
    pub enterprise_employee: Option<bool>,
    /// Household registration in the programme's locality (本地户籍; JZ-D1's
    /// 失业人员). A `hukou_province` outside the locality's province says no.
    #[serde(default)]
    pub local_hukou: Option<bool>,
    /// Able to work (有劳动能力; JZ-D1's 失业人员).
    #[serde(default)]
    pub able_to_work: Option<bool>,
    /// Without work now (目前无业; JZ-D1's 失业人员, laid-off and zombie-enterprise
    /// workers included).
    #[serde(default)]
    pub out_of_work: Option<bool>,
    /// Registered as a job seeker at the street or township labour office
    /// (在街道(乡镇)劳动保障部门办理了求职登记; JZ-D1's 失业人员).
    #[serde(default)]
    pub job_seeking_registered: Option<bool>,
    /// The major chosen.
    #[serde(default)]
    pub major: Option<String>,
    /// The institution, as far as known.
    #[serde(default)]
    pub institution: Option<Institution>,
    /// For start-up training: who the person is as a business owner (LC-S3).
    #[serde(default)]
    pub startup_group: Option<StartupGroup>,
    /// Whether the person applies for start-up training (LC-S3).
    #[serde(default)]
    pub startup_training: Option<bool>,
    /// The occupation trained for (LC-S3 care occupations).
    #[serde(default)]
    pub occupation: Option<String>,
    /// For a flexible domestic-service worker (LC-S3).
    #[serde(default)]
    pub domestic_service: Option<DomesticService>,
}

/// A flexible domestic-service worker's papers (LC-S3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomesticService {
    /// Holds a service agreement.
    #[serde(default)]
    pub service_agreement: Option<bool>,
    /// Registered (登记).
    #[serde(default)]
    pub registered: Option<bool>,
}

/// What is known of the training institution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Unified social credit code; validated when given.
    #[serde(default, with = "crate::identity::serde_credit_code::option")]
    pub credit_code: Option<CreditCode>,
    /// The majors it carries this year (the chosen one may or may not be listed).
    #[serde(default)]
    pub majors: Option<Vec<String>>,
    /// On the dishonesty list.
    #[serde(default)]
    pub dishonest: Option<bool>,
}

/// An enterprise's facts (LC-S1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
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
    /// Newly taken-on workers.
    #[serde(default)]
    pub workers: Vec<Worker>,
}

/// A worker an enterprise took on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Worker {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Resident ID number; validated when given, masked in findings.
    #[serde(default, with = "crate::identity::serde_resident_id::option")]
    pub id_number: Option<ResidentId>,
    /// First social-insurance contribution at this enterprise.
    #[serde(default, with = "crate::input::date::option")]
    pub first_contribution: Option<NaiveDate>,
    /// A dispatched (劳务派遣) worker.
    #[serde(default)]
    pub dispatched: Option<bool>,
}

/// A province, by its two-digit GB/T 2260 code.
///
/// ```
/// let p: peixun::rules::eligibility::Province = serde_json::from_str("\"21\"").unwrap();
/// assert_eq!(p.name(), Some("辽宁省"));
/// assert!(serde_json::from_str::<peixun::rules::eligibility::Province>("\"2x\"").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Province(String);

impl Province {
    /// The two-digit code.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The province's name, when the code is one of the 34 provincial divisions.
    pub fn name(&self) -> Option<&'static str> {
        crate::identity::province_name(&self.0)
    }

    /// The province's English name.
    pub fn name_en(&self) -> Option<&'static str> {
        crate::identity::province_name_en(&self.0)
    }
}

impl<'de> Deserialize<'de> for Province {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() == 2
            && s.bytes().all(|b| b.is_ascii_digit())
            && crate::identity::province_name(&s).is_some()
        {
            Ok(Province(s))
        } else {
            Err(serde::de::Error::custom(crate::input::coded_zh(
                InputCode::InvalidValue,
                format!(
                    "`{s}` is not a two-digit province code (GB/T 2260), e.g. \"21\" for Liaoning"
                ),
                format!("`{s}` 不是两位省级行政区划代码（GB/T 2260），例如辽宁为 \"21\""),
            )))
        }
    }
}
