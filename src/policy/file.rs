//! Reading a policy file (TOML or JSON) into a [`Policy`].
//!
//! The file format is documented in `policies/README.md`. Reading has two steps:
//! the file is parsed into a generic JSON value (so TOML and JSON share every
//! later step and every error path), then each rule's `kind` and `params` are
//! turned into a typed [`RuleKind`].

use crate::sorted::SortedMap;

use serde::Deserialize;

use super::kinds::RuleKind;
use super::model::{Message, Period, Policy, Role, Rule, Source};
use super::PolicyError;
use crate::input::{InputError, Node};

/// The format of a policy text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML (the shipped files). Read by the native build only: the
    /// WebAssembly build refuses it with `policy.toml_unsupported`.
    Toml,
    /// JSON (what a web page or mini-program hands over).
    Json,
}

impl Format {
    /// Guesses the format from the text: JSON starts with `{`.
    ///
    /// ```
    /// use peixun::policy::Format;
    /// assert_eq!(Format::sniff("  {\"id\": 1}"), Format::Json);
    /// assert_eq!(Format::sniff("id = \"x\""), Format::Toml);
    /// ```
    pub fn sniff(text: &str) -> Format {
        if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Toml
        }
    }
}

/// The largest policy text accepted: 1 MiB.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile<'a> {
    id: String,
    version: String,
    title_zh: String,
    title_en: String,
    source: Source,
    #[serde(default)]
    extends: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    in_force: Option<Period>,
    #[serde(default, borrow)]
    rules: Vec<RuleEntry<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry<'a> {
    id: String,
    clause: String,
    roles: Vec<Role>,
    #[serde(default)]
    quote_zh: Option<String>,
    #[serde(default)]
    source: Option<Source>,
    #[serde(default)]
    in_force: Option<Period>,
    kind: String,
    #[serde(default, borrow)]
    params: Node<'a>,
    #[serde(default)]
    messages: SortedMap<String, Message>,
    #[serde(default)]
    exclusive_with: Vec<String>,
}

/// A policy as read from one file, before a base it extends is merged in.
#[derive(Debug, Clone)]
pub struct PolicyDraft {
    pub(crate) policy: Policy,
    pub(crate) exclude: Vec<String>,
}

impl PolicyDraft {
    /// The ID of the policy this one extends, if any.
    pub fn extends(&self) -> Option<&str> {
        self.policy.extends.as_deref()
    }

    /// The policy's ID.
    pub fn id(&self) -> &str {
        &self.policy.id
    }
}

/// Parses a policy text. Lint runs later, once a base policy is merged in.
pub fn parse(text: &str, format: Format) -> Result<PolicyDraft, PolicyError> {
    if text.len() > MAX_POLICY_BYTES {
        return Err(PolicyError::new(
            "policy.too_large",
            None,
            "$",
            format!("{} bytes, limit {MAX_POLICY_BYTES}", text.len()),
        )
        .with_zh(Some(format!(
            "{} 字节，上限 {MAX_POLICY_BYTES} 字节",
            text.len()
        ))));
    }
    let node: Node = match format {
        Format::Json => crate::input::parse(text, MAX_POLICY_BYTES).map_err(from_input)?,
        #[cfg(not(target_arch = "wasm32"))]
        Format::Toml => Node::from(toml::from_str::<serde_json::Value>(text).map_err(
            |e: toml::de::Error| {
                PolicyError::new("policy.syntax", None, "$", e.message().to_owned())
            },
        )?),
        // The WebAssembly module carries no TOML parser (it is a sixth of the
        // module): a deployment's own policy reaches it as JSON.
        #[cfg(target_arch = "wasm32")]
        Format::Toml => return Err(toml_unsupported()),
    };
    let file: PolicyFile = crate::input::from_node_borrowed(node).map_err(from_input)?;
    let mut rules = Vec::with_capacity(file.rules.len());
    for (i, entry) in file.rules.into_iter().enumerate() {
        let kind = RuleKind::from_node(&entry.kind, entry.params).map_err(|e| {
            let path = crate::error::join_path(&format!("$.rules[{i}].params"), &e.path);
            if e.code == "input.invalid_value" && e.detail.starts_with("unknown variant") {
                PolicyError::new(
                    "policy.unknown_rule_kind",
                    Some(entry.id.clone()),
                    format!("$.rules[{i}].kind"),
                    format!("`{}` is not a rule kind", entry.kind),
                )
                .with_zh(Some(format!("`{}` 不是规则类型", entry.kind)))
            } else {
                PolicyError::new("policy.bad_params", Some(entry.id.clone()), path, e.detail)
                    .with_zh(e.detail_zh)
            }
        })?;
        rules.push(Rule {
            id: entry.id,
            clause: entry.clause,
            roles: entry.roles,
            quote_zh: entry.quote_zh,
            source: entry.source.unwrap_or_else(|| file.source.clone()),
            in_force: entry.in_force,
            kind,
            messages: entry.messages,
            exclusive_with: entry.exclusive_with,
        });
    }
    Ok(PolicyDraft {
        policy: Policy {
            id: file.id,
            version: file.version,
            title_zh: file.title_zh,
            title_en: file.title_en,
            source: file.source,
            extends: file.extends,
            in_force: file.in_force,
            rules,
        },
        exclude: file.exclude,
    })
}

/// Merges a draft with the policy it extends: the base's rules first (minus the
/// excluded ones, replaced where the draft has a rule with the same ID), then the
/// draft's own new rules.
pub fn merge(draft: PolicyDraft, base: Option<&Policy>) -> Policy {
    merge_with_origin(draft, base).0
}

/// Where each rule of a merged policy came from: `Some(i)` is the file's own
/// `rules[i]`, `None` a rule inherited from the base unchanged.
pub type RuleOrigins = Vec<Option<usize>>;

/// [`merge`], also saying where each rule came from, so that a problem found in
/// the merged policy can name the place in the file the clerk wrote.
pub fn merge_with_origin(draft: PolicyDraft, base: Option<&Policy>) -> (Policy, RuleOrigins) {
    let PolicyDraft {
        mut policy,
        exclude,
    } = draft;
    let Some(base) = base else {
        let origins = (0..policy.rules.len()).map(Some).collect();
        return (policy, origins);
    };
    let mut own: Vec<Option<Rule>> = policy.rules.drain(..).map(Some).collect();
    let mut merged = Vec::new();
    let mut origins = Vec::new();
    for rule in &base.rules {
        if exclude.contains(&rule.id) {
            continue;
        }
        match own
            .iter_mut()
            .enumerate()
            .find(|(_, r)| r.as_ref().is_some_and(|r| r.id == rule.id))
        {
            Some((i, replacement)) => {
                if let Some(r) = replacement.take() {
                    merged.push(r);
                    origins.push(Some(i));
                }
            }
            None => {
                merged.push(rule.clone());
                origins.push(None);
            }
        }
    }
    for (i, r) in own.into_iter().enumerate() {
        if let Some(r) = r {
            merged.push(r);
            origins.push(Some(i));
        }
    }
    policy.rules = merged;
    (policy, origins)
}

/// A path in the merged policy (`$.rules[22].messages.pass`) as a path in the
/// file (`$.rules[0].messages.pass`); an inherited rule's path points at
/// `$.extends`, where it came from.
///
/// ```
/// use peixun::policy::file::file_path;
/// let origins = vec![None, Some(1), Some(0)];
/// assert_eq!(file_path("$.rules[2].kind", &origins), "$.rules[0].kind");
/// assert_eq!(file_path("$.rules[0].id", &origins), "$.extends");
/// assert_eq!(file_path("$.version", &origins), "$.version");
/// ```
pub fn file_path(path: &str, origins: &[Option<usize>]) -> String {
    let Some(rest) = path.strip_prefix("$.rules[") else {
        return path.to_owned();
    };
    let Some(close) = rest.find(']') else {
        return path.to_owned();
    };
    let Ok(i) = rest[..close].parse::<usize>() else {
        return path.to_owned();
    };
    match origins.get(i) {
        Some(Some(j)) => format!("$.rules[{j}]{}", &rest[close + 1..]),
        Some(None) => "$.extends".to_owned(),
        None => path.to_owned(),
    }
}

/// The error for a TOML text where only JSON is read (the WebAssembly build).
///
/// ```
/// let e = peixun::policy::file::toml_unsupported();
/// assert_eq!((e.code, e.path.as_str()), ("policy.toml_unsupported", "$"));
/// ```
pub fn toml_unsupported() -> PolicyError {
    PolicyError::new(
        "policy.toml_unsupported",
        None,
        "$",
        "this build reads policy files as JSON only (a JSON policy starts with `{`); \
         TOML is read by the native build, and `peixun policy convert FILE` writes a TOML policy as JSON",
    )
    .with_zh(Some(
        "此版本只读取 JSON 格式的政策文件（JSON 政策以 `{` 开头）；TOML 由本地版本读取，\
         `peixun policy convert FILE` 可把 TOML 政策转换为 JSON"
            .to_owned(),
    ))
}

fn from_input(e: InputError) -> PolicyError {
    let code = match e.code {
        "input.malformed_json" => "policy.syntax",
        "input.too_large" => "policy.too_large",
        _ => "policy.bad_field",
    };
    PolicyError::new(code, None, e.path, e.detail).with_zh(e.detail_zh)
}
