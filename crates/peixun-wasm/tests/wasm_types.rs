//! The hand-written TypeScript types of the npm package (crates/peixun-wasm/src/types.d.ts)
//! against the Rust code they describe: every vocabulary term and every
//! operation is there, and nothing that is not. (The package tests compile an
//! example against the types with `tsc`; this test keeps them true to Rust.)

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
