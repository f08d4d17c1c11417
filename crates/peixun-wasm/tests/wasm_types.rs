//! The hand-written TypeScript types of the npm package (crates/peixun-wasm/src/types.d.ts)
//! against the Rust code they describe: every vocabulary term, every value of
//! the enums the answers carry and every operation is there, and nothing that
//! is not. (The shapes of the requests and answers are checked against the
//! golden corpus with `tsc --strict` by tests/wasm/types/gen-golden-check.mjs,
//! and with the JSON Schema generated from the types by gen-schema.mjs.)

use std::collections::BTreeSet;

use peixun::policy::vocab::{
    Certificate, Education, EnterpriseSize, KeyGroup, RedeemCondition, Sector, StartupGroup,
};

const TYPES: &str = include_str!("../src/types.d.ts");

/// The string literals of `export type NAME = "a" | "b" …;`.
fn union(name: &str) -> BTreeSet<String> {
    let start = TYPES
        .find(&format!("export type {name} ="))
        .unwrap_or_else(|| panic!("no type {name} in types.d.ts"));
    let body = &TYPES[start..];
    let body = &body[..body.find(';').expect("type ends with ;")];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn keys(all: impl IntoIterator<Item = &'static str>) -> BTreeSet<String> {
    all.into_iter().map(str::to_owned).collect()
}

#[test]
fn vocabularies_match_the_rust_enums() {
    assert_eq!(
        union("Education"),
        keys(Education::ALL.iter().map(|e| e.key()))
    );
    assert_eq!(
        union("KeyGroup"),
        keys(KeyGroup::ALL.iter().map(|e| e.key()))
    );
    assert_eq!(
        union("EnterpriseSize"),
        keys(EnterpriseSize::ALL.iter().map(|e| e.key()))
    );
    assert_eq!(union("Sector"), keys(Sector::ALL.iter().map(|e| e.key())));
    assert_eq!(
        union("Certificate"),
        keys(Certificate::ALL.iter().map(|e| e.key()))
    );
    assert_eq!(
        union("StartupGroup"),
        keys(StartupGroup::ALL.iter().map(|e| e.key()))
    );
    assert_eq!(
        union("RedeemCondition"),
        keys(RedeemCondition::ALL.iter().map(|e| e.key()))
    );
}

#[test]
fn small_enums_match_their_serde_names() {
    use peixun::calendar::{DayKind, UnknownYears};
    use peixun::report::{Decision, Status};
    let names = |values: Vec<serde_json::Value>| -> BTreeSet<String> {
        values
            .into_iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let j = |v: &dyn erased::Ser| v.json();
    assert_eq!(
        union("DayKind"),
        names(vec![
            j(&DayKind::Workday),
            j(&DayKind::Weekend),
            j(&DayKind::Holiday),
            j(&DayKind::MakeupWorkday)
        ])
    );
    assert_eq!(
        union("Status"),
        names(vec![
            j(&Status::Pass),
            j(&Status::Fail),
            j(&Status::Unknown)
        ])
    );
    assert_eq!(
        union("Decision"),
        names(vec![
            j(&Decision::Eligible),
            j(&Decision::Ineligible),
            j(&Decision::NeedsReview)
        ])
    );
    {
        use peixun::rules::attendance::Mark;
        assert_eq!(
            union("Mark"),
            names(vec![
                j(&Mark::Attended),
                j(&Mark::Partial),
                j(&Mark::Missed),
                j(&Mark::Leave),
                j(&Mark::Pending),
                j(&Mark::Holiday),
                j(&Mark::MakeupWorkday),
                j(&Mark::NotATrainingDay),
                j(&Mark::Upcoming)
            ])
        );
    }
    assert_eq!(
        union("UnknownYears"),
        names(vec![
            j(&UnknownYears::Refuse),
            j(&UnknownYears::AssumeWeekendsOnly)
        ])
    );
}

/// The serde names of every variant of a unit-variant enum. The match stops
/// compiling when a variant is added to the enum, until it is listed here too.
macro_rules! serde_names {
    ($ty:ident { $($v:ident),+ $(,)? }) => {{
        #[allow(dead_code)]
        fn every_variant_listed(x: $ty) {
            match x {
                $($ty::$v => {})+
            }
        }
        [$($ty::$v),+]
            .iter()
            .map(|v| serde_json::to_value(v).unwrap().as_str().unwrap().to_owned())
            .collect::<BTreeSet<String>>()
    }};
}

#[test]
fn answer_enums_match_the_rust_enums() {
    use peixun::identity::{IdKind, Sex};
    use peixun::policy::kinds::PunchMethod;
    use peixun::report::Assessment;
    use peixun::rules::attendance::{
        ExceptionReason, LeaveKind, PunchKind, SessionMode, WindowState,
    };
    use peixun::voucher::{EventName, State};
    assert_eq!(union("Sex"), serde_names!(Sex { Male, Female }));
    assert_eq!(
        union("IdKind"),
        serde_names!(IdKind {
            Citizen,
            HongKongResident,
            MacaoResident,
            TaiwanResident,
            ForeignPermanentResident,
        })
    );
    assert_eq!(
        union("Assessment"),
        serde_names!(Assessment {
            Pass,
            Fail,
            NeedsReview
        })
    );
    assert_eq!(
        union("PunchKind"),
        serde_names!(PunchKind { SignIn, SignOut })
    );
    assert_eq!(
        union("PunchMethod"),
        serde_names!(PunchMethod {
            FaceDevice,
            VoucherQr,
            Manual
        })
    );
    assert_eq!(
        union("ExceptionReason"),
        serde_names!(ExceptionReason {
            DeviceFailure,
            UnableToPunch,
            Other
        })
    );
    assert_eq!(
        union("LeaveKind"),
        serde_names!(LeaveKind { Sick, Personal })
    );
    assert_eq!(
        union("SessionMode"),
        serde_names!(SessionMode { Online, Offline })
    );
    assert_eq!(
        union("WindowState"),
        serde_names!(WindowState {
            Open,
            NotYetOpen,
            Closed,
            NoSessionToday,
            ClassOver,
            UnknownTrainee,
        })
    );
    assert_eq!(
        union("VoucherState"),
        serde_names!(State {
            Applied,
            Issued,
            Claimed,
            InTraining,
            Evaluated,
            Redeemed,
            WrittenOff,
            Expired,
            Revoked,
        })
    );
    assert_eq!(
        union("VoucherEventName"),
        serde_names!(EventName {
            Apply,
            Issue,
            Claim,
            CheckIn,
            Evaluate,
            Redeem,
            WriteOff,
            Expire,
            Revoke,
        })
    );
}

/// The enums of the claims and deadlines answers (the full module only).
#[cfg(feature = "full")]
#[test]
fn claim_and_deadline_enums_match_the_rust_enums() {
    use peixun::rules::claim::ClaimDecision;
    use peixun::rules::deadlines::DeadlineKind;
    assert_eq!(
        union("ClaimDecision"),
        serde_names!(ClaimDecision {
            Accept,
            Reject,
            NeedsReview
        })
    );
    assert_eq!(
        union("DeadlineKind"),
        serde_names!(DeadlineKind {
            FileBy,
            EnrolBy,
            LastOpening,
            ApplyForAcceptanceBy,
            InformationCheckBeforeStart,
            InformationCheckAtEnd,
            PublicityEnds,
            FinishBy,
            PayBy,
            ArchiveUntil,
            FollowUp,
        })
    );
}

#[test]
fn weekdays_are_the_calendar_answers_names() {
    // 4 to 10 March 2024, Monday to Sunday.
    let names: BTreeSet<String> = (4..=10)
        .map(|d| {
            let date = format!("2024-03-{d:02}").parse().unwrap();
            peixun::input::date::weekday_short(date).to_owned()
        })
        .collect();
    assert_eq!(names.len(), 7);
    assert_eq!(union("Weekday"), names);
}

#[test]
fn voucher_failures_match_the_rust_kinds() {
    use peixun::voucher::{FailureKind, PayloadError};
    let s = String::new;
    let every = [
        FailureKind::BadEncoding(PayloadError {
            field: "token",
            detail: s(),
        }),
        FailureKind::UnknownKey { key_id: s() },
        FailureKind::BadSignature { key_id: s() },
        FailureKind::KeyRetired {
            key_id: s(),
            retired_after: s(),
            issued_at: s(),
        },
        FailureKind::NotYetValid {
            valid_from: s(),
            date: s(),
        },
        FailureKind::Expired {
            valid_until: s(),
            date: s(),
        },
        FailureKind::Revoked { voucher_id: s() },
        FailureKind::WrongHolder,
        FailureKind::WrongInstitution {
            voucher: s(),
            given: s(),
        },
        FailureKind::WrongMajor {
            voucher: s(),
            given: s(),
        },
        FailureKind::WrongPolicy {
            voucher: s(),
            given: s(),
        },
    ];
    // A kind added to FailureKind stops this match compiling: add it to `every` too.
    let position = |k: &FailureKind| match k {
        FailureKind::BadEncoding(_) => 0,
        FailureKind::UnknownKey { .. } => 1,
        FailureKind::BadSignature { .. } => 2,
        FailureKind::KeyRetired { .. } => 3,
        FailureKind::NotYetValid { .. } => 4,
        FailureKind::Expired { .. } => 5,
        FailureKind::Revoked { .. } => 6,
        FailureKind::WrongHolder => 7,
        FailureKind::WrongInstitution { .. } => 8,
        FailureKind::WrongMajor { .. } => 9,
        FailureKind::WrongPolicy { .. } => 10,
    };
    assert!(every.iter().enumerate().all(|(i, k)| position(k) == i));
    let failures: Vec<_> = every.iter().map(FailureKind::to_failure).collect();
    assert_eq!(
        union("VoucherFailureCode"),
        failures
            .iter()
            .map(|f| f.code.as_str().to_owned())
            .collect()
    );
    assert_eq!(
        union("VoucherRuleKind"),
        failures
            .iter()
            .filter_map(|f| f.rule_kind.clone())
            .collect()
    );
}

/// Serialising values of different types through one function.
mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

#[test]
fn every_operation_is_typed() {
    let start = TYPES
        .find("export interface Operations {")
        .expect("interface Operations");
    let body = &TYPES[start..];
    let body = &body[..body.find("\n}").expect("end of Operations")];
    let typed: BTreeSet<String> = body
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.split_once('"'))
        .map(|(name, _)| name.to_owned())
        .collect();
    assert_eq!(typed, keys(peixun::api::operations()));
}

/// An operation the golden corpus uses is in the registry (`peixun::ops`, what
/// the WebAssembly module's `operations()` and its garbage test read), unless
/// the case is about an unknown operation.
#[test]
fn every_operation_in_the_corpus_is_listed() {
    let mut stack = vec![
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/golden"),
    ];
    let mut missing = BTreeSet::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let op = case["operation"].as_str().unwrap_or_default();
            let unknown = case["expect"]["error"]["code"] == "api.unknown_operation";
            if !unknown && peixun::ops::find(op).is_none() {
                missing.insert(op.to_owned());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the registry (peixun::ops): {missing:?}"
    );
}
