//! The shipped programmes, embedded at build time from `policies/`.
//!
//! The files are TOML; `build.rs` converts each to compact JSON, and the engine
//! reads that JSON (the same reader as a policy handed over at run time), so no
//! TOML parser is needed to start an engine and the WebAssembly module carries
//! none. `tests/policy_builtin.rs` checks that the JSON reads to the same
//! policy as the TOML.
//!
//! Order matters: a policy that extends another comes after it.

/// `(policy file name without extension, the policy as JSON)` of every
/// built-in policy, in loading order (a policy after the one it extends). The
/// list is made by `build.rs` from the files in `policies/`: all of them, or
/// those named in `PEIXUN_BUILTIN_POLICIES` at build time (comma-separated
/// file names); any other policy is loaded at run time as JSON.
///
/// ```
/// let (name, json) = peixun::policy::builtin::FILES[0];
/// assert_eq!(name, "dalian-2023-major-conversion");
/// assert!(json.starts_with('{'));
/// ```
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));
