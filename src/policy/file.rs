//! Reading a policy file (TOML or JSON) into a [`Policy`].
//!
//! The file format is documented in `policies/README.md`. Reading has two steps:
//! the file is parsed into a generic JSON value (so TOML and JSON share every
//! later step and every error path), then each rule's `kind` and `params` are
//! turned into a typed [`RuleKind`].

use crate::error::{InputCode, PolicyCode};
use crate::sorted::SortedMap;

use serde::Deserialize;

use super::kinds::RuleKind;
use super::model::{Clause, Dropped, Inventory, Message, Period, Policy, Role, Rule, Source};
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
    exclude: Vec<Exclude>,
    #[serde(default)]
    in_force: Option<Period>,
    #[serde(default, borrow)]
    rules: Vec<RuleEntry<'a>>,
}

/// One entry of a file's `exclude`: an inherited rule it does not apply.
///
/// Written as a table that says why: the rules of the file that take its place
/// (`replaced_by`), or the extending policy's original's words that make it not
/// applicable (`clause`, `quote_zh`), and a reason in both languages
/// (`because`). A bare rule ID says nothing, and the lint refuses it
/// (`policy.silent_exclusion`).
///
/// ```
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let text = r#"{"id": "x-2024", "version": "1", "title_zh": "示例", "title_en": "example",
///   "source": {"seed": "002_fcde794d6c80fe6c.txt", "title_zh": "示例"},
///   "extends": "dalian-2023-major-conversion", "exclude": ["DL-E5"]}"#;
/// let err = set.prepare(text, peixun::policy::Format::Json).unwrap_err();
/// assert_eq!((err.0[0].code.as_str(), err.0[0].path.as_str()), ("policy.silent_exclusion", "$.exclude[0]"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Exclude {
    /// A bare rule ID (refused by the lint).
    Bare(String),
    /// A table that says why.
    Declared(Exclusion),
}

impl Exclude {
    /// The inherited rule the entry drops.
    pub fn rule(&self) -> &str {
        match self {
            Exclude::Bare(id) => id,
            Exclude::Declared(e) => &e.rule,
        }
    }
}

/// An `exclude` table: which inherited rule, and why it is dropped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The inherited rule's ID.
    pub rule: String,
    /// The rules of this file that take its place.
    #[serde(default)]
    pub replaced_by: Vec<String>,
    /// The clause of this policy's original that `quote_zh` comes from.
    #[serde(default)]
    pub clause: Option<String>,
    /// This policy's original's words that make the rule not applicable
    /// (checked verbatim against the seed by `tests/policy_quotes.rs`).
    #[serde(default)]
    pub quote_zh: Option<String>,
    /// Why, in both languages.
    #[serde(default)]
    pub because: Option<Message>,
}

/// A string is a bare rule ID; a table is read as an [`Exclusion`], with the
/// path of any bad field inside it.
impl<'de> Deserialize<'de> for Exclude {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Node::deserialize(d)? {
            Node::Str(id) => Ok(Exclude::Bare(id.into_owned())),
            node @ Node::Map(_) => crate::input::nested(node).map(Exclude::Declared),
            other => Err(serde::de::Error::invalid_type(
                other.unexpected(),
                &"a table naming the rule and why it is dropped",
            )),
        }
    }
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
    pub(crate) exclude: Vec<Exclude>,
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
            PolicyCode::TooLarge,
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
                PolicyError::new(PolicyCode::Syntax, None, "$", e.message().to_owned())
            },
        )?),
        // The WebAssembly module carries no TOML parser (it is a sixth of the
        // module): a deployment's own policy reaches it as JSON.
        #[cfg(target_arch = "wasm32")]
        Format::Toml => return Err(toml_unsupported()),
    };
    let file: PolicyFile =
        crate::input::from_node_borrowed(without_clauses(node)).map_err(from_input)?;
    let mut rules = Vec::with_capacity(file.rules.len());
    for (i, entry) in file.rules.into_iter().enumerate() {
        let kind = RuleKind::from_node(&entry.kind, entry.params).map_err(|e| {
            let path = crate::error::join_path(&format!("$.rules[{i}].params"), &e.path);
            // The kind itself is unknown (reported at the parameters' root);
            // an unknown term inside the parameters is a bad parameter.
            if e.code == InputCode::InvalidValue
                && e.detail.starts_with("unknown variant")
                && e.path == "$"
            {
                PolicyError::new(
                    PolicyCode::UnknownRuleKind,
                    Some(entry.id.clone()),
                    format!("$.rules[{i}].kind"),
                    format!("`{}` is not a rule kind", entry.kind),
                )
                .with_zh(Some(format!("`{}` 不是规则类型", entry.kind)))
            } else {
                PolicyError::new(
                    PolicyCode::BadParams,
                    Some(entry.id.clone()),
                    path,
                    e.detail,
                )
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
            dropped: Vec::new(),
        },
        exclude: file.exclude,
    })
}

/// The policy file without its clause inventory (`clauses`), which the engine
/// leaves to [`read_inventory`]: nothing is decided on it, so the engine does
/// not read it (and the WebAssembly module carries no reader for it).
fn without_clauses(mut node: Node<'_>) -> Node<'_> {
    if let Node::Map(entries) = &mut node {
        while let Some(i) = entries.iter().position(|(key, _)| key == "clauses") {
            entries.remove(i);
        }
    }
    node
}

/// The clause inventory a policy text gives for its own source document (its
/// `[[clauses]]`, policies/README.md "Clause inventory"), or none when it lists
/// no clauses. [`parse`] leaves the list aside: the engine decides nothing on
/// it; the lint of the clauses ([`super::lint::lint_clauses`]) and the
/// coverage ([`super::coverage`]) read it with this.
///
/// ```
/// use peixun::policy::{file::read_inventory, Format};
/// let text = r#"{"id": "x", "source": {"seed": "a.txt", "title_zh": "通知"},
///   "clauses": [{"clause": "一", "heading_zh": "总则", "not_scored": {"zh": "总则", "en": "general"}}]}"#;
/// let inv = read_inventory(text, Format::Json).unwrap().unwrap();
/// assert_eq!((inv.source.seed.as_str(), inv.clauses[0].clause.as_str()), ("a.txt", "一"));
/// let bad = r#"{"source": {"seed": "a.txt", "title_zh": "通知"}, "clauses": [{"clause": "一"}]}"#;
/// let e = read_inventory(bad, Format::Json).unwrap_err();
/// assert_eq!((e.code.as_str(), e.path.as_str()), ("policy.bad_field", "$.clauses[0].heading_zh"));
/// ```
pub fn read_inventory(text: &str, format: Format) -> Result<Option<Inventory>, PolicyError> {
    /// The two fields the inventory needs; every other field is `parse`'s.
    #[derive(Deserialize)]
    struct InventoryFile {
        source: Source,
        #[serde(default)]
        clauses: Vec<Clause>,
    }
    let node: Node = match format {
        Format::Json => crate::input::parse(text, MAX_POLICY_BYTES).map_err(from_input)?,
        #[cfg(not(target_arch = "wasm32"))]
        Format::Toml => Node::from(toml::from_str::<serde_json::Value>(text).map_err(
            |e: toml::de::Error| {
                PolicyError::new(PolicyCode::Syntax, None, "$", e.message().to_owned())
            },
        )?),
        #[cfg(target_arch = "wasm32")]
        Format::Toml => return Err(toml_unsupported()),
    };
    let file: InventoryFile = crate::input::from_node_borrowed(node).map_err(from_input)?;
    if file.clauses.is_empty() {
        return Ok(None);
    }
    Ok(Some(Inventory {
        source: file.source,
        clauses: file.clauses,
    }))
}

/// Merges a draft with the policy it extends: the base's rules first (minus the
/// excluded ones, replaced where the draft has a rule with the same ID), then the
/// draft's own new rules. What the draft excludes, and why, is kept in
/// `dropped`, after what the base had dropped itself.
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
    let mut dropped = base.dropped.clone();
    for rule in &base.rules {
        if let Some(entry) = exclude.iter().find(|e| e.rule() == rule.id) {
            if let Exclude::Declared(e) = entry {
                dropped.push(Dropped {
                    rule_id: rule.id.clone(),
                    rule_clause: rule.clause.clone(),
                    replaced_by: e.replaced_by.clone(),
                    clause: e.clause.clone(),
                    quote_zh: e.quote_zh.clone(),
                    because: e.because.clone().unwrap_or(Message {
                        zh: String::new(),
                        en: String::new(),
                    }),
                    by_policy: policy.id.clone(),
                    source: policy.source.clone(),
                });
            }
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
    // A rule dropped lower down and defined again here is in force again.
    dropped.retain(|d| !policy.rules.iter().any(|r| r.id == d.rule_id));
    policy.dropped = dropped;
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
/// assert_eq!((e.code.as_str(), e.path.as_str()), ("policy.toml_unsupported", "$"));
/// ```
pub fn toml_unsupported() -> PolicyError {
    PolicyError::new(
        PolicyCode::TomlUnsupported,
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
        InputCode::MalformedJson => PolicyCode::Syntax,
        InputCode::TooLarge => PolicyCode::TooLarge,
        _ => PolicyCode::BadField,
    };
    PolicyError::new(code, None, e.path, e.detail).with_zh(e.detail_zh)
}
