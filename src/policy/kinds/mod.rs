//! Rule kinds: the typed building blocks a policy file picks and parameterises.
//!
//! A rule *kind* is code; a policy file chooses kinds, fills in their parameters
//! and gives each use a rule ID, clause and messages. A new city whose rules have
//! the same shapes needs a new file, not a new release.
//!
//! Each kind has one home, a module of its own (`kinds/residence.rs`, …): its
//! parameter struct, its name, the facts it offers to message templates, the
//! messages it needs, the family that evaluates it, its deployment parameters
//! and its lint ([`KindSpec`]). [`RuleKind`] and everything that dispatches
//! over it (the reader, [`RuleKind::name`], [`RuleKind::fact_names`],
//! [`RuleKind::required_messages`], [`RuleKind::family`], the family views
//! such as [`AttendanceKind`]) are written by one registration line per kind
//! in the `kinds!` table below. `policies/README.md` has the recipe for adding
//! a kind.

mod params;

pub use params::*;

use crate::input::de::DeError;
use crate::input::Node;
use crate::policy::lint::LintCx;
use crate::policy::model::Role;
use crate::policy::parameters::DeploymentParam;

/// What every kind's module brings into scope.
mod prelude {
    pub(super) use super::messages;
    pub(super) use super::params::*;
    pub(super) use super::{Family, KindCode, KindSpec};
    pub(super) use crate::identity::MaskRule;
    pub(super) use crate::input::de::{DeError, Fields};
    pub(super) use crate::input::Node;
    pub(super) use crate::money::Yuan;
    pub(super) use crate::policy::lint::LintCx;
    pub(super) use crate::policy::model::Role;
    pub(super) use crate::policy::parameters::DeploymentParam;
    pub(super) use crate::policy::vocab::{
        Certificate, Education, EnterpriseSize, KeyGroup, RedeemCondition, Sector, StartupGroup,
    };
    pub(super) use crate::sorted::SortedMap;
    pub(super) use rust_decimal::Decimal;
    pub(super) use serde::Serialize;
}

/// The message sets many kinds share.
pub(crate) mod messages {
    /// A check evaluated to pass / fail / unknown.
    pub(crate) const CHECK: &[&str] = &["pass", "fail", "unknown", "summary"];
    /// An amount line: payable (with the arithmetic), nothing payable and why,
    /// not decidable yet, and a claimed amount that differs.
    pub(crate) const AMOUNT: &[&str] = &[
        "summary",
        "line",
        "line_zero",
        "line_unknown",
        "fail.mismatch",
    ];
    /// An amount line whose kind is also a check.
    pub(crate) const CHECKED_AMOUNT: &[&str] = &[
        "pass",
        "fail",
        "unknown",
        "summary",
        "line",
        "line_zero",
        "line_unknown",
        "fail.mismatch",
    ];
    /// A date the planner shows (e.g. "file by 2023-03-24").
    pub(crate) const DATE: &[&str] = &["summary", "deadline"];
    /// A date the planner shows that is also checked.
    pub(crate) const CHECKED_DATE: &[&str] = &["pass", "fail", "unknown", "summary", "deadline"];
}

/// The facts every amount line offers, and the kind's own.
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

/// Writes a kind's reader: how each parameter is read (`req`: required;
/// `or_default`: absent is the default; `option`: absent or null is `None`;
/// `decimal`: a required rate). Unknown, repeated and missing parameters, and
/// the path of a bad one, are refused as serde's derived visitors refuse them.
macro_rules! read_params {
    ($Kind:ident { $($field:ident: $how:ident),* $(,)? }) => {
        fn read(params: Node<'_>) -> Result<Self, DeError> {
            const FIELDS: &[&str] = &[$(stringify!($field)),*];
            #[allow(unused_mut, unused_variables)]
            let mut f = Fields::new(
                params,
                FIELDS,
                &concat!("struct variant RuleKind::", stringify!($Kind)),
            )?;
            Ok($Kind { $($field: f.$how(stringify!($field))?),* })
        }
    };
}

/// What a rule kind is, stated once in its module.
///
/// ```
/// use peixun::policy::kinds::{DailyLessons, Family, KindSpec, RuleKind};
/// assert_eq!(DailyLessons::NAME, "daily_lessons");
/// assert_eq!(DailyLessons::FAMILY, Family::Attendance);
/// let k = RuleKind::from_parts("daily_lessons", serde_json::json!({"min_lessons": 6, "lesson_minutes": 45})).unwrap();
/// assert_eq!(k.fact_names(), DailyLessons::FACTS);
/// ```
pub trait KindSpec {
    /// The kind's name in policy files (`kind = "daily_lessons"`).
    const NAME: &'static str;
    /// The rule family that evaluates it.
    const FAMILY: Family;
    /// The roles (POLICIES.md's "engine" column, a rule's `roles`) a rule of
    /// this kind may be given: what the engine can do with it. The lint
    /// refuses any other (`policy.role_mismatch`).
    const ROLES: &'static [Role];
    /// The facts it offers to message templates (`{name}` placeholders);
    /// every kind also offers `rule_id`.
    const FACTS: &'static [&'static str];

    /// The messages a rule of this kind must carry (each in zh and en).
    fn required_messages(&self) -> &'static [&'static str];

    /// Every deployment parameter, in declaration order (none by default).
    fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
        Vec::new()
    }
}

/// The crate's side of a kind: its reader and its lint.
pub(crate) trait KindCode: KindSpec + Sized {
    /// Reads the parameters (an object; `null` has been made empty).
    fn read(params: Node<'_>) -> Result<Self, DeError>;

    /// Checks the parameters beyond their types (none by default).
    fn lint(&self, _cx: &mut LintCx<'_>) {}
}

/// Writes, from one line per kind (`module::Kind => Family,`): the
/// [`RuleKind`] enum, its serialisation (`{"<name>": {params}}`), the reader,
/// the dispatch of [`KindSpec`] and [`KindCode`], [`Family`] and the
/// per-family views. The line's family must be the one the module names
/// (`KindSpec::FAMILY`), or the crate does not compile.
macro_rules! kinds {
    // Each line goes to the end of the list of all kinds, in the table's
    // order (the order an unknown kind's error lists the names in), and to
    // the end of its family's list.
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Eligibility, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)* $module::$Kind,] [$($b1)*] [$($b2)*] [$($b3)*] [$($b4)*] [$($b5)*] [$($b6)*] [$($b7)*] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Attendance, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)* $module::$Kind,] [$($b2)*] [$($b3)*] [$($b4)*] [$($b5)*] [$($b6)*] [$($b7)*] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Amounts, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)*] [$($b2)* $module::$Kind,] [$($b3)*] [$($b4)*] [$($b5)*] [$($b6)*] [$($b7)*] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Enterprise, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)*] [$($b2)*] [$($b3)* $module::$Kind,] [$($b4)*] [$($b5)*] [$($b6)*] [$($b7)*] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Deadlines, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)*] [$($b2)*] [$($b3)*] [$($b4)* $module::$Kind,] [$($b5)*] [$($b6)*] [$($b7)*] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Claim, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)*] [$($b2)*] [$($b3)*] [$($b4)*] [$($b5)* $module::$Kind,] [$($b6)*] [$($b7)*] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Plan, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)*] [$($b2)*] [$($b3)*] [$($b4)*] [$($b5)*] [$($b6)* $module::$Kind,] [$($b7)*] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Voucher, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)*] [$($b2)*] [$($b3)*] [$($b4)*] [$($b5)*] [$($b6)*] [$($b7)* $module::$Kind,] [$($b8)*] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]
        $module:ident :: $Kind:ident => Record, $($rest:tt)*) => {
        kinds!(@sort [$($all)* $module::$Kind,] [$($b0)*] [$($b1)*] [$($b2)*] [$($b3)*] [$($b4)*] [$($b5)*] [$($b6)*] [$($b7)*] [$($b8)* $module::$Kind,] $($rest)*);
    };
    (@sort [$($all:tt)*] [$($b0:tt)*] [$($b1:tt)*] [$($b2:tt)*] [$($b3:tt)*] [$($b4:tt)*] [$($b5:tt)*] [$($b6:tt)*] [$($b7:tt)*] [$($b8:tt)*]) => {
        kinds!(@emit [$($all)*]
            /// Who may train: a person's (and an institution's) standing, evaluated by `rules::eligibility`.
            Eligibility EligibilityKind as_eligibility { $($b0)* }
            /// How training runs: schedule, punches, reports, supervision and video, evaluated by `rules::attendance`.
            Attendance AttendanceKind as_attendance { $($b1)* }
            /// What a claim is worth per person: the amount lines of `rules::claim::amounts`.
            Amounts AmountKind as_amount { $($b2)* }
            /// The enterprise path (work in lieu of training), evaluated by `rules::eligibility::enterprise` and `rules::claim::enterprise`.
            Enterprise EnterpriseKind as_enterprise { $($b3)* }
            /// Dates: what is due when, evaluated by `rules::deadlines`.
            Deadlines DatesKind as_deadline { $($b4)* }
            /// Claim-level and per-trainee checks of a subsidy claim, evaluated by `rules::claim`.
            Claim ClaimKind as_claim { $($b5)* }
            /// A county's annual plan figures, evaluated by `rules::plan`.
            Plan PlanKind as_plan { $($b6)* }
            /// The electronic training voucher's life cycle, replayed by `voucher::lifecycle`.
            Voucher VoucherKind as_voucher { $($b7)* }
            /// Accepted and validated, never scored: the rule's summary alone.
            Record RecordKind as_record { $($b8)* }
        );
    };
    (@emit [$($all_module:ident :: $All:ident,)*] $(
        $(#[$fdoc:meta])*
        $Fam:ident $View:ident $as_view:ident {
            $($module:ident :: $Kind:ident,)*
        }
    )*) => {
        $($(
            mod $module;
            pub use $module::$Kind;
            const _: () = assert!(
                matches!(<$Kind as KindSpec>::FAMILY, Family::$Fam),
                concat!("`", stringify!($Kind), "` is registered under a family its module does not name"),
            );
        )*)*

        /// Every rule kind with its parameters. In a policy file: `kind = "<name>"` and
        /// a `params` table.
        ///
        /// ```
        /// use peixun::policy::kinds::RuleKind;
        /// let k = RuleKind::from_parts("daily_lessons", serde_json::json!({"min_lessons": 6, "lesson_minutes": 45})).unwrap();
        /// assert_eq!(k.name(), "daily_lessons");
        /// assert!(RuleKind::from_parts("no_such_kind", serde_json::json!({})).is_err());
        /// assert_eq!(serde_json::to_string(&k).unwrap(), r#"{"daily_lessons":{"min_lessons":6,"lesson_minutes":45}}"#);
        /// ```
        ///
        /// Serialised, the enum is externally tagged (`{"<name>": {params}}`). It is
        /// read only by [`RuleKind::from_parts`], from the file's `kind` and `params`,
        /// with each kind's table-driven reader rather than serde's derived
        /// visitors: the same errors (unknown, repeated and missing parameters, the
        /// path of a bad one) in a fraction of the WebAssembly (BENCHMARKS.md).
        #[derive(Debug, Clone, PartialEq)]
        pub enum RuleKind {
            $(
                #[doc = concat!("`", stringify!($all_module), "`: see [`", stringify!($All), "`].")]
                $All($All),
            )*
        }

        /// The rule families: which code evaluates a kind.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Family {
            $($(#[$fdoc])* $Fam,)*
        }

        /// A rule kind seen through the family that evaluates it.
        #[derive(Debug, Clone, Copy)]
        pub enum KindView<'a> {
            $($(#[$fdoc])* $Fam($View<'a>),)*
        }

        $(
            $(#[$fdoc])*
            ///
            /// The kinds of this family; its evaluator matches every one of
            /// them, so a kind added to the family without an arm there does
            /// not compile.
            #[derive(Debug, Clone, Copy)]
            pub enum $View<'a> {
                $(
                    #[doc = concat!("See [`", stringify!($Kind), "`].")]
                    $Kind(&'a $Kind),
                )*
            }
        )*

        /// Each kind's position, as serde numbers variants.
        #[allow(dead_code)]
        enum Index {
            $($All,)*
        }

        impl serde::Serialize for RuleKind {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($(RuleKind::$Kind(k) => s.serialize_newtype_variant(
                        "RuleKind",
                        Index::$Kind as u32,
                        <$Kind as KindSpec>::NAME,
                        k,
                    ),)*)*
                }
            }
        }

        /// Every kind's name, as an unknown kind's error lists them.
        const KIND_NAMES: &[&str] = &[$(<$All as KindSpec>::NAME),*];

        fn read_rule_kind(kind: &str, params: Node<'_>) -> Result<RuleKind, DeError> {
            $(
                if kind == <$All as KindSpec>::NAME {
                    return <$All as KindCode>::read(params).map(RuleKind::$All);
                }
            )*
            Err(serde::de::Error::unknown_variant(kind, KIND_NAMES))
        }

        impl RuleKind {
            /// The kind's name as written in policy files.
            pub fn name(&self) -> &'static str {
                match self {
                    $($(RuleKind::$Kind(_) => <$Kind as KindSpec>::NAME,)*)*
                }
            }

            /// The facts this kind offers to message templates (`{name}` placeholders).
            /// Every kind also offers `rule_id`.
            pub fn fact_names(&self) -> &'static [&'static str] {
                match self {
                    $($(RuleKind::$Kind(_) => <$Kind as KindSpec>::FACTS,)*)*
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
                match self {
                    $($(RuleKind::$Kind(k) => k.required_messages(),)*)*
                }
            }

            /// Every deployment parameter of the rule, in declaration order
            /// (each kind's [`KindSpec::deployment_params`]); a test compares
            /// this list with the `Deployment` values found in each shipped
            /// rule's parameters.
            ///
            /// ```
            /// use peixun::policy::kinds::RuleKind;
            /// let k = RuleKind::from_parts("training_subsidy_rate", serde_json::json!({
            ///     "rate": {"source": "政办发﹝2019﹞58号", "example": true, "value": "600.00"},
            ///     "certificates": ["qualification"]})).unwrap();
            /// let p = k.deployment_params();
            /// assert_eq!((p.len(), p[0].name, p[0].source), (1, "rate", "政办发﹝2019﹞58号"));
            /// ```
            pub fn deployment_params(&self) -> Vec<DeploymentParam<'_>> {
                match self {
                    $($(RuleKind::$Kind(k) => k.deployment_params(),)*)*
                }
            }

            /// The roles a rule of this kind may be given ([`KindSpec::ROLES`]).
            ///
            /// ```
            /// use peixun::policy::{kinds::RuleKind, Role};
            /// let k = RuleKind::from_parts("publicity", serde_json::json!({"working_days": 5, "mask": {"head": 6, "tail": 4}})).unwrap();
            /// assert_eq!(k.roles(), &[Role::Date]);
            /// ```
            pub fn roles(&self) -> &'static [Role] {
                match self {
                    $($(RuleKind::$Kind(_) => <$Kind as KindSpec>::ROLES,)*)*
                }
            }

            /// The family that evaluates the kind.
            ///
            /// ```
            /// use peixun::policy::kinds::{Family, RuleKind};
            /// let k = RuleKind::from_parts("working_days_only", serde_json::json!({})).unwrap();
            /// assert_eq!(k.family(), Family::Attendance);
            /// ```
            pub fn family(&self) -> Family {
                match self {
                    $($(RuleKind::$Kind(_) => Family::$Fam,)*)*
                }
            }

            /// The kind seen through its family.
            pub fn view(&self) -> KindView<'_> {
                match self {
                    $($(RuleKind::$Kind(k) => KindView::$Fam($View::$Kind(k)),)*)*
                }
            }

            $(
                #[doc = concat!("The kind as a [`", stringify!($View), "`], when the `", stringify!($Fam), "` family evaluates it.")]
                pub fn $as_view(&self) -> Option<$View<'_>> {
                    if let KindView::$Fam(k) = self.view() {
                        Some(k)
                    } else {
                        None
                    }
                }
            )*

            /// Runs the kind's own lint.
            pub(crate) fn lint(&self, cx: &mut LintCx<'_>) {
                match self {
                    $($(RuleKind::$Kind(k) => k.lint(cx),)*)*
                }
            }
        }

        /// Every kind's name, family and facts, in the table's order.
        pub const KINDS: &[(&str, Family, &[&str])] = &[
            $((<$All as KindSpec>::NAME, <$All as KindSpec>::FAMILY, <$All as KindSpec>::FACTS),)*
        ];
    };
    ($($lines:tt)*) => {
        kinds!(@sort [] [] [] [] [] [] [] [] [] [] $($lines)*);
    };
}

kinds! {
    residence::Residence => Eligibility,
    education_type::EducationType => Eligibility,
    graduation_window::GraduationWindow => Eligibility,
    never_employed::NeverEmployed => Eligibility,
    participation_limit::ParticipationLimit => Eligibility,
    not_dishonest::NotDishonest => Eligibility,
    major_in_list::MajorInList => Eligibility,
    institution_major_limit::InstitutionMajorLimit => Eligibility,
    target_groups::TargetGroups => Eligibility,
    startup_and_care::StartupAndCare => Eligibility,
    training_duration::TrainingDuration => Attendance,
    working_days_only::WorkingDaysOnly => Attendance,
    daily_lessons::DailyLessons => Attendance,
    attendance_threshold::AttendanceThreshold => Attendance,
    training_standard::TrainingStandard => Attendance,
    punch_windows::PunchWindows => Attendance,
    daily_report::DailyReport => Attendance,
    punch_exception_note::PunchExceptionNote => Attendance,
    supervision::Supervision => Attendance,
    violation_escalation::ViolationEscalation => Attendance,
    video_evidence::VideoEvidence => Attendance,
    online_share_limit::OnlineShareLimit => Attendance,
    training_video_kept::TrainingVideoKept => Attendance,
    monthly_subsidy_by_certificate::MonthlySubsidyByCertificate => Amounts,
    appraisal_subsidy::AppraisalSubsidy => Amounts,
    training_subsidy_rate::TrainingSubsidyRate => Amounts,
    daily_allowance::DailyAllowance => Amounts,
    tiered_daily_subsidy::TieredDailySubsidy => Amounts,
    per_person_subsidy::PerPersonSubsidy => Amounts,
    capped_daily_subsidy::CappedDailySubsidy => Amounts,
    work_in_lieu_of_training::WorkInLieuOfTraining => Enterprise,
    no_evaluation_subsidy_after::NoEvaluationSubsidyAfter => Amounts,
    class_filing::ClassFiling => Deadlines,
    class_opening::ClassOpening => Deadlines,
    acceptance_deadline::AcceptanceDeadline => Deadlines,
    publicity::Publicity => Deadlines,
    retention_and_follow_up::RetentionAndFollowUp => Deadlines,
    archive_retention::ArchiveRetention => Deadlines,
    enrol_and_file_order::EnrolAndFileOrder => Deadlines,
    season_deadlines::SeasonDeadlines => Deadlines,
    institution_standing::InstitutionStanding => Eligibility,
    institution_catalogue::InstitutionCatalogue => Eligibility,
    verified_premises::VerifiedPremises => Claim,
    institution_not_suspended::InstitutionNotSuspended => Claim,
    no_duplicate_subsidy::NoDuplicateSubsidy => Claim,
    enrolment_documents::EnrolmentDocuments => Claim,
    information_checks::InformationChecks => Deadlines,
    class_setup::ClassSetup => Deadlines,
    claim_completeness::ClaimCompleteness => Claim,
    no_record_no_subsidy::NoRecordNoSubsidy => Claim,
    voucher_lifecycle::VoucherLifecycle => Voucher,
    plan_minimum::PlanMinimum => Plan,
    plan_share::PlanShare => Plan,
    definitions::Definitions => Eligibility,
    record::Record => Record,
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
        match self.as_eligibility()? {
            EligibilityKind::InstitutionCatalogue(k) => Some(&k.catalogue),
            EligibilityKind::InstitutionStanding(k) => Some(&k.catalogue),
            EligibilityKind::Residence(_)
            | EligibilityKind::EducationType(_)
            | EligibilityKind::GraduationWindow(_)
            | EligibilityKind::NeverEmployed(_)
            | EligibilityKind::ParticipationLimit(_)
            | EligibilityKind::NotDishonest(_)
            | EligibilityKind::MajorInList(_)
            | EligibilityKind::InstitutionMajorLimit(_)
            | EligibilityKind::TargetGroups(_)
            | EligibilityKind::StartupAndCare(_)
            | EligibilityKind::Definitions(_) => None,
        }
    }
}
