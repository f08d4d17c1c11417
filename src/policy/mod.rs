//! Policies as data.
//!
//! A policy file names a programme, its source document and its rules; each rule
//! has its ID and clause from POLICIES.md, a [`kinds::RuleKind`] with typed
//! parameters, bilingual messages and, where the seed leaves a number to another
//! document, a deployment parameter marked as an example. The five seed
//! programmes ship in `policies/` and are embedded at build time
//! ([`builtin`]); a deployment can load its own file at run time
//! ([`PolicySet::load`]). Every policy is linted before use ([`lint`]).

pub mod builtin;
pub mod coverage;
pub mod file;
pub mod kinds;
pub mod lint;
pub mod model;
pub mod parameters;
pub mod template;
pub mod vocab;

use crate::sorted::SortedMap;

pub use file::Format;
pub use model::{Clause, Dropped, Inventory, Message, Period, Policy, Role, Rule, Source};

use crate::error::{Code, Explain, Problem};

pub use crate::error::{ClauseCode, PolicyCode};

/// A problem with a policy file: a stable code, the rule it concerns and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("[{code}] {}{path}: {detail}", rule_id.as_deref().map(|r| format!("{r} ")).unwrap_or_default())]
pub struct PolicyError {
    /// Stable code, e.g. `policy.rate_out_of_range`.
    pub code: PolicyCode,
    /// The rule concerned, when there is one.
    pub rule_id: Option<String>,
    /// Path in the policy file, e.g. `$.rules[3].params.rates`.
    pub path: String,
    /// What is wrong, in English.
    pub detail: String,
    /// The same in Chinese, when there are words for it (otherwise the Chinese
    /// message carries the English detail).
    pub detail_zh: Option<String>,
}

impl PolicyError {
    /// A policy error.
    ///
    /// ```
    /// use peixun::policy::{PolicyCode, PolicyError};
    /// let e = PolicyError::new(PolicyCode::MissingMessage, Some("DL-E1".into()), "$.rules[0]", "no fail message");
    /// assert_eq!(e.rule_id.as_deref(), Some("DL-E1"));
    /// ```
    pub fn new(
        code: PolicyCode,
        rule_id: Option<String>,
        path: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        PolicyError {
            code,
            rule_id,
            path: path.into(),
            detail: detail.into(),
            detail_zh: None,
        }
    }

    /// The same error with the Chinese wording of its detail.
    ///
    /// ```
    /// use peixun::error::Explain;
    /// use peixun::policy::{PolicyCode, PolicyError};
    /// let e = PolicyError::new(PolicyCode::BadField, None, "$.id", "bad").with_zh(Some("有误".into()));
    /// assert!(e.message_zh().ends_with("：有误"));
    /// ```
    pub fn with_zh(mut self, zh: Option<String>) -> Self {
        self.detail_zh = zh;
        self
    }
}

impl Explain for PolicyError {
    fn code(&self) -> Code {
        self.code.into()
    }
    fn path(&self) -> String {
        self.path.clone()
    }
    fn message_zh(&self) -> String {
        let rule = self
            .rule_id
            .as_deref()
            .map(|r| format!("规则 {r}，"))
            .unwrap_or_default();
        let detail = self.detail_zh.as_deref().unwrap_or(&self.detail);
        format!(
            "{}（{rule}位置 {}）：{detail}",
            self.code.wording_zh(),
            self.path
        )
    }
    fn message_en(&self) -> String {
        let rule = self
            .rule_id
            .as_deref()
            .map(|r| format!("rule {r}, "))
            .unwrap_or_default();
        format!(
            "{} ({rule}at {}): {}",
            self.code.wording_en(),
            self.path,
            self.detail
        )
    }
}

/// Every problem found in one policy; loading fails if there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the policy; first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
pub struct PolicyErrors(pub Vec<PolicyError>);

impl Explain for PolicyErrors {
    fn code(&self) -> Code {
        self.0
            .first()
            .map_or(PolicyCode::Invalid, |e| e.code)
            .into()
    }
    fn path(&self) -> String {
        self.0
            .first()
            .map(|e| e.path.clone())
            .unwrap_or_else(|| "$".into())
    }
    fn message_zh(&self) -> String {
        let first = self.0.first().map(|e| e.message_zh()).unwrap_or_default();
        match self.0.len() {
            0 | 1 => first,
            n => format!("{first}（另有 {} 处问题）", n - 1),
        }
    }
    fn message_en(&self) -> String {
        let first = self.0.first().map(|e| e.message_en()).unwrap_or_default();
        match self.0.len() {
            0 | 1 => first,
            n => format!("{first} (and {} more)", n - 1),
        }
    }
    /// Every problem, each with its own code and path, when there are several.
    ///
    /// ```
    /// use peixun::error::Explain;
    /// use peixun::policy::{PolicyCode, PolicyError, PolicyErrors};
    /// let errs = PolicyErrors(vec![
    ///     PolicyError::new(PolicyCode::MissingMessage, Some("DL-E1".into()), "$.rules[0]", "no fail message"),
    ///     PolicyError::new(PolicyCode::UnknownRuleKind, Some("DL-E2".into()), "$.rules[1].kind", "no such kind"),
    /// ]);
    /// let p = errs.problem();
    /// assert_eq!(p.details.len(), 2);
    /// assert_eq!(p.details[1].code, PolicyCode::UnknownRuleKind);
    /// assert_eq!(p.details[1].code.as_str(), "policy.unknown_rule_kind");
    /// assert_eq!(p.details[1].path, "$.rules[1].kind");
    /// ```
    fn details(&self) -> Vec<Problem> {
        if self.0.len() < 2 {
            return Vec::new();
        }
        self.0.iter().map(|e| e.problem()).collect()
    }
}

impl From<PolicyError> for PolicyErrors {
    fn from(e: PolicyError) -> Self {
        PolicyErrors(vec![e])
    }
}

/// The policies an engine knows, by ID.
///
/// ```
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// assert!(set.get("dalian-2023-major-conversion").is_some());
/// assert_eq!(set.ids().count(), 5);
/// ```
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    policies: SortedMap<String, Policy>,
}

impl PolicySet {
    /// The five shipped programmes.
    pub fn builtin() -> Result<PolicySet, PolicyErrors> {
        let mut set = PolicySet::default();
        for (_, text) in builtin::FILES {
            set.load(text, Format::Json, false)?;
        }
        Ok(set)
    }

    /// Reads, merges (if it extends another policy in the set) and lints a
    /// policy, then adds it. With `replace`, a policy of the same ID is replaced;
    /// without, that is an error. On error the set is unchanged.
    ///
    /// ```
    /// let mut set = peixun::policy::PolicySet::builtin().unwrap();
    /// let err = set.load("id = ", peixun::policy::Format::Toml, false).unwrap_err();
    /// assert_eq!(err.0[0].code.as_str(), "policy.syntax");
    /// ```
    pub fn load(
        &mut self,
        text: &str,
        format: Format,
        replace: bool,
    ) -> Result<&Policy, PolicyErrors> {
        let policy = self.prepare(text, format)?;
        if !replace && self.policies.contains_key(&policy.id) {
            return Err(PolicyError::new(
                PolicyCode::DuplicatePolicy,
                None,
                "$.id",
                format!("a policy `{}` is already loaded", policy.id),
            )
            .with_zh(Some(format!("政策 `{}` 已经载入", policy.id)))
            .into());
        }
        let id = policy.id.clone();
        self.policies.insert(id.clone(), policy);
        Ok(&self.policies[&id])
    }

    /// Reads, merges and lints a policy without adding it (what `peixun policy lint` does).
    pub fn prepare(&self, text: &str, format: Format) -> Result<Policy, PolicyErrors> {
        let draft = file::parse(text, format)?;
        let base = match draft.extends() {
            Some(base_id) => Some(self.policies.get(base_id).ok_or_else(|| {
                PolicyError::new(
                    PolicyCode::UnknownBase,
                    None,
                    "$.extends",
                    format!("`{base_id}` is not loaded"),
                )
                .with_zh(Some(format!("`{base_id}` 尚未载入")))
            })?),
            None => None,
        };
        // What `exclude` drops and why is checked against the file and its base.
        let mut problems = lint::lint_exclusions(&draft, base);
        let (policy, origins) = file::merge_with_origin(draft, base);
        let mut merged = lint::lint(&policy);
        // Paths name the place in the text given, not in the merged policy.
        for p in &mut merged {
            p.path = file::file_path(&p.path, &origins);
        }
        problems.extend(merged);
        if problems.is_empty() {
            Ok(policy)
        } else {
            Err(PolicyErrors(problems))
        }
    }

    /// The policy with this ID.
    pub fn get(&self, id: &str) -> Option<&Policy> {
        self.policies.get(id)
    }

    /// Every policy ID, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.policies.keys().map(String::as_str)
    }

    /// Every policy, sorted by ID.
    pub fn iter(&self) -> impl Iterator<Item = &Policy> {
        self.policies.values()
    }
}
