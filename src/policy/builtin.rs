//! The five seed programmes, embedded at build time from `policies/`.
//!
//! Order matters: a policy that extends another comes after it.

/// `(file name, text)` of every shipped policy file.
pub const FILES: &[(&str, &str)] = &[
    (
        "dalian-2023-major-conversion.toml",
        include_str!("../../policies/dalian-2023-major-conversion.toml"),
    ),
    (
        "fushun-2024-major-conversion.toml",
        include_str!("../../policies/fushun-2024-major-conversion.toml"),
    ),
    (
        "liaocheng-2021-skill-upgrade.toml",
        include_str!("../../policies/liaocheng-2021-skill-upgrade.toml"),
    ),
    (
        "internet-plus-training.toml",
        include_str!("../../policies/internet-plus-training.toml"),
    ),
    (
        "jinzhong-2023-skills-shanxi.toml",
        include_str!("../../policies/jinzhong-2023-skills-shanxi.toml"),
    ),
];
