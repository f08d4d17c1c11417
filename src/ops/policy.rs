//! `policy.lint`, `policy.list`, `policy.load`: the policies the engine holds.

use serde::{Deserialize, Serialize};

use super::{json, json_mut, Operation, Run};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::report::PolicyRef;

/// This family's operations.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "policy.lint",
        summary_en: "check a policy file (TOML natively, JSON everywhere) without loading it",
        summary_zh: "检查政策文件（不加载）",
        run: Run::Read(|e, t| json(e, t, lint)),
    },
    Operation {
        name: "policy.list",
        summary_en: "the policies the engine holds",
        summary_zh: "引擎已有的政策",
        run: Run::Read(|e, t| json(e, t, list)),
    },
    Operation {
        name: "policy.load",
        summary_en: "load a deployment's policy file (replaces one of the same ID)",
        summary_zh: "加载部署方的政策文件（替换同一编号的政策）",
        run: Run::Change(|e, t| json_mut(e, t, load)),
    },
];

/// A request carrying a document as text (`policy.lint`, `policy.load`,
/// `calendar.update`): the paths of its errors are paths in that text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRequest {
    /// The document.
    pub text: String,
}

/// The request of `policy.list`: nothing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRequest {}

/// One policy in `policy.list`'s answer.
#[derive(Debug, Serialize)]
pub struct Listed {
    /// The policy ID.
    pub id: String,
    /// How many rules it has.
    pub rules: usize,
    /// Its title in English.
    pub title_en: String,
    /// Its title in Chinese.
    pub title_zh: String,
    /// Its version.
    pub version: String,
}

/// The answer of `policy.list`.
#[derive(Debug, Serialize)]
pub struct Policies {
    /// The policies, in the engine's order.
    pub policies: Vec<Listed>,
}

/// `policy.lint`: the policy's ID and version, or every problem found.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let req = peixun::ops::policy::TextRequest { text: "id = 1".into() };
/// let err = peixun::ops::policy::lint(&engine, req).unwrap_err();
/// assert!(matches!(err.code, peixun::error::Code::Policy(_)));
/// ```
pub fn lint(engine: &Engine, req: TextRequest) -> Result<PolicyRef, Problem> {
    engine.lint_policy(&req.text).map_err(|e| e.problem())
}

/// `policy.list`: the policies the engine holds.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// let list = peixun::ops::policy::list(&engine, peixun::ops::policy::ListRequest {}).unwrap();
/// assert_eq!(list.policies.len(), 5);
/// ```
pub fn list(engine: &Engine, _: ListRequest) -> Result<Policies, Problem> {
    let policies = engine
        .policies()
        .iter()
        .map(|p| Listed {
            id: p.id.clone(),
            rules: p.rules.len(),
            title_en: p.title_en.clone(),
            title_zh: p.title_zh.clone(),
            version: p.version.clone(),
        })
        .collect();
    Ok(Policies { policies })
}

/// `policy.load`: loads a policy; a refused one leaves the engine as it was.
pub fn load(engine: &mut Engine, req: TextRequest) -> Result<PolicyRef, Problem> {
    engine.load_policy(&req.text).map_err(|e| e.problem())
}
