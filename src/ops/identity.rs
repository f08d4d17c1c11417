//! `id.check`, `id.mask`, `credit_code.check`: resident ID numbers and
//! unified social credit codes.

use serde::{Deserialize, Serialize};

use super::{json, Operation, Run};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::identity::{CreditCode, MaskRule, ResidentId};

/// This family's operations.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "id.check",
        summary_en: "check a resident ID number (GB 11643-1999): birth date, sex, province",
        summary_zh: "校验居民身份证号码（GB 11643-1999）：出生日期、性别、省份",
        run: Run::Read(|e, t| json(e, t, check_id)),
    },
    Operation {
        name: "id.mask",
        summary_en: "mask an ID number for a public list",
        summary_zh: "为公示名单遮盖身份证号码",
        run: Run::Read(|e, t| json(e, t, mask)),
    },
    Operation {
        name: "credit_code.check",
        summary_en: "check a unified social credit code (GB 32100-2015)",
        summary_zh: "校验统一社会信用代码（GB 32100-2015）",
        run: Run::Read(|e, t| json(e, t, check_credit_code)),
    },
];

/// The request of `id.check` and `id.mask`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRequest {
    /// The number as written.
    pub number: String,
    /// Characters shown at the start (`id.mask`; 6 when absent). `u32`, not
    /// `usize`: the same numbers are accepted natively and in wasm32.
    #[serde(default)]
    pub head: Option<u32>,
    /// Characters shown at the end (`id.mask`; 4 when absent).
    #[serde(default)]
    pub tail: Option<u32>,
}

/// The request of `credit_code.check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// The code as written.
    pub code: String,
}

/// The answer of `id.mask`.
#[derive(Debug, Serialize)]
pub struct Masked {
    /// The number with its middle masked.
    pub masked: String,
}

/// `id.check`: the parsed number, or its `id.*` error at `$.number`.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let req = peixun::ops::identity::NumberRequest { number: "11010519491231002X".into(), head: None, tail: None };
/// assert_eq!(peixun::ops::identity::check_id(&engine, req).unwrap().province_code(), "11");
/// ```
pub fn check_id(_: &Engine, req: NumberRequest) -> Result<ResidentId, Problem> {
    crate::identity::check_resident_id(&req.number).map_err(|e| e.problem().under("$.number"))
}

/// `id.mask`: the number with all but `head` and `tail` characters masked.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let req = peixun::ops::identity::NumberRequest { number: "11010519491231002X".into(), head: Some(3), tail: Some(2) };
/// assert_eq!(peixun::ops::identity::mask(&engine, req).unwrap().masked, "110*************2X");
/// ```
pub fn mask(_: &Engine, req: NumberRequest) -> Result<Masked, Problem> {
    let rule = MaskRule {
        head: req.head.map_or(6, |n| n as usize),
        tail: req.tail.map_or(4, |n| n as usize),
    };
    Ok(Masked {
        masked: rule.mask(&req.number),
    })
}

/// `credit_code.check`: the parsed code, or its `uscc.*` error at `$.code`.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let req = peixun::ops::identity::CodeRequest { code: "91350100M000100Y43".into() };
/// assert!(peixun::ops::identity::check_credit_code(&engine, req).is_ok());
/// ```
pub fn check_credit_code(_: &Engine, req: CodeRequest) -> Result<CreditCode, Problem> {
    crate::identity::check_credit_code(&req.code).map_err(|e| e.problem().under("$.code"))
}
