//! The five seed programmes, embedded at build time from `policies/`.
//!
//! Order matters: a policy that extends another comes after it.

/// `(file name, text)` of every shipped policy file.
pub const FILES: &[(&str, &str)] = &[(
    "dalian-2023-major-conversion.toml",
    include_str!("../../policies/dalian-2023-major-conversion.toml"),
)];
