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
//! - `wasm` (only when built for `wasm32`): the `Engine` class JavaScript sees,
//!   packaged for npm by `scripts/build-wasm.sh` (see `pkg-template/README.md`).
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

pub mod api;
pub mod calendar;
pub mod canonical;
pub mod engine;
pub mod error;
pub mod identity;
pub mod input;
pub mod money;
pub mod policy;
pub mod report;
pub mod rules;
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub mod server;
mod sort;
pub mod sorted;
mod utf16;
pub mod voucher;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
