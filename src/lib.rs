//! # peixun — China's subsidised vocational-training policies as code
//!
//! peixun (培训, "training") decides who may train under a programme, what counts
//! as attendance, what a subsidy claim is worth and whether an electronic training
//! voucher is genuine. The same code runs natively (the authority's verifier and
//! the CLI) and as WebAssembly (a trainee's mini-program, an institution's portal).
//!
//! The pieces, each in its own module:
//!
//! - [`calendar`]: China's working-day calendar (weekends, statutory holidays,
//!   make-up working days), updatable at run time.
//! - [`identity`]: resident ID numbers (GB 11643-1999), unified social credit
//!   codes (GB 32100-2015), masking for public lists.
//! - [`money`]: exact yuan, rounded half-up to the fen once per line.
//! - [`policy`]: policies as data: rule kinds with typed parameters, the five
//!   shipped programmes, and the lint that refuses a bad policy file.
//! - [`rules`]: the rule families that turn facts into findings.
//! - [`report`]: findings and verdicts; [`canonical`]: byte-stable JSON.
//! - [`voucher`]: electronic training vouchers: signed QR-sized tokens verified
//!   offline, the holder's pseudonym, key rotation, and the JZ-V1 lifecycle.
//! - [`engine`]: one object that holds the calendar and the policies and answers
//!   every question, natively and in WebAssembly alike; [`api`]: its one entry
//!   point, an operation name and a JSON request.
//!
//! This crate is the engine alone: it pulls in nothing native and builds for
//! `wasm32-unknown-unknown` as it is. The surfaces are crates of their own in
//! the same workspace: `peixun-wasm` (the `Engine` class JavaScript sees,
//! packaged for npm by `scripts/build-wasm.sh`), `peixun-cli` (the `peixun`
//! command) and `peixun-server` (the authority's verifier, `peixun serve`).
//!
//! ```
//! let engine = peixun::engine::Engine::new().unwrap();
//! let applicant = r#"{"kind": "person", "hukou_province": "21", "education": "full_time_college",
//!     "graduation_year": 2022, "employed_since_graduation": false}"#;
//! let verdict = engine.check_eligibility("dalian-2023-major-conversion", applicant).unwrap();
//! // The phone cannot see social-insurance records: never a false "eligible".
//! assert_eq!(verdict.decision, peixun::report::Decision::NeedsReview);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Helpers the claims, deadlines and plan families share with the others are
// unused in a build that leaves those families out (the trainee's
// WebAssembly module); dead code is checked on the full build, where every
// helper has its caller.
#![cfg_attr(
    not(all(feature = "claims", feature = "deadlines", feature = "plan")),
    allow(dead_code, unused_imports)
)]

pub mod api;
pub mod calendar;
pub mod canonical;
pub mod engine;
pub mod error;
pub mod identity;
pub mod input;
pub mod money;
pub mod ops;
pub mod policy;
pub mod report;
pub mod rules;
mod sort;
pub mod sorted;
pub mod voucher;
