//! The five seed programmes, embedded at build time from `policies/`.
//!
//! The files are TOML; `build.rs` converts each to compact JSON, and the engine
//! reads that JSON (the same reader as a policy handed over at run time), so no
//! TOML parser is needed to start an engine and the WebAssembly module carries
//! none. `tests/policy_builtin.rs` checks that the JSON reads to the same
//! policy as the TOML.
//!
//! Order matters: a policy that extends another comes after it.

macro_rules! policy {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(env!("OUT_DIR"), "/policies/", $name, ".json")),
        )
    };
}

/// `(policy file name without extension, the policy as JSON)` of every shipped
/// policy, in loading order.
///
/// ```
/// let (name, json) = peixun::policy::builtin::FILES[0];
/// assert_eq!(name, "dalian-2023-major-conversion");
/// assert!(json.starts_with('{'));
/// ```
pub const FILES: &[(&str, &str)] = &[
    policy!("dalian-2023-major-conversion"),
    policy!("fushun-2024-major-conversion"),
    policy!("liaocheng-2021-skill-upgrade"),
    policy!("internet-plus-training"),
    policy!("jinzhong-2023-skills-shanxi"),
];
