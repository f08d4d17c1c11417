//! Policy lint: what makes a policy file unusable, found before it is used.
//!
//! The lint refuses: a duplicate or malformed rule ID; a missing message (each
//! kind says which outcomes need one, in both languages); a placeholder naming a
//! fact the kind does not offer; a subsidy rate outside the range the document
//! sets (DL-S1 at 2100 yuan); a training duration outside the document's months;
//! a period that ends before it starts; parameters that cannot mean anything
//! (a rate above 1, tiers out of order, a `MM-DD` that is no day); an
//! `exclusive_with` that names no amount rule of the policy.

use super::coverage::{cited_clauses, clause_ancestors};
use super::file::{Exclude, PolicyDraft};
use super::kinds::Deployment;
use super::model::{Inventory, Policy, Rule, Source};
use super::parameters::GAP_FACTS;
use super::template::placeholders;
use super::PolicyError;
use crate::error::PolicyCode;

/// Every problem in `policy`; empty when it is fit to use.
///
/// ```
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// for p in set.iter() {
///     assert!(peixun::policy::lint::lint(p).is_empty());
/// }
/// ```
pub fn lint(policy: &Policy) -> Vec<PolicyError> {
    let mut out = Vec::new();
    if policy.id.is_empty()
        || !policy
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.push(
            PolicyError::new(
                PolicyCode::BadField,
                None,
                "$.id",
                format!(
                    "`{}`: a policy ID is lower-case letters, digits and hyphens",
                    policy.id
                ),
            )
            .with_zh(Some(format!(
                "`{}`：政策编号只能由小写字母、数字和连字符组成",
                policy.id
            ))),
        );
    }
    if let Some(p) = policy.in_force {
        if p.until < p.from {
            out.push(
                PolicyError::new(
                    PolicyCode::BadPeriod,
                    None,
                    "$.in_force",
                    format!("ends {} before it starts {}", p.until, p.from),
                )
                .with_zh(Some(format!(
                    "结束日期 {} 早于开始日期 {}",
                    p.until, p.from
                ))),
            );
        }
    }
    for (i, rule) in policy.rules.iter().enumerate() {
        let at = At(i);
        if policy.rules[..i].iter().any(|r| r.id == rule.id) {
            out.push(err(
                PolicyCode::DuplicateRule,
                rule,
                &at.rule(".id"),
                "the rule ID appears twice",
                "规则编号出现了两次",
            ));
        }
        if !rule_id_ok(&rule.id) {
            out.push(err(
                PolicyCode::BadRuleId,
                rule,
                &at.rule(".id"),
                "a rule ID looks like `DL-E1`: two or three capital letters, a hyphen, a capital letter and a number",
                "规则编号应形如 `DL-E1`：两到三个大写字母、连字符，再加一个大写字母和数字",
            ));
        }
        if let Some(p) = rule.in_force {
            if p.until < p.from {
                out.push(err(
                    PolicyCode::BadPeriod,
                    rule,
                    &at.rule(".in_force"),
                    "ends before it starts",
                    "结束早于开始",
                ));
            }
        }
        lint_roles(rule, at, &mut out);
        lint_messages(rule, at, &mut out);
        rule.kind.lint(&mut LintCx {
            policy,
            rule,
            at,
            out: &mut out,
        });
        lint_exclusive(policy, rule, at, &mut out);
    }
    out
}

/// A rule's `roles` (what the digest says the engine does with it) agree
/// with its kind: each is one the kind can play ([`RuleKind::roles`]), and
/// there is at least one.
fn lint_roles(rule: &Rule, at: At, out: &mut Vec<PolicyError>) {
    let can = rule.kind.roles();
    let name = rule.kind.name();
    let keys = || {
        can.iter()
            .map(|r| format!("`{}`", r.key()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if rule.roles.is_empty() {
        out.push(err(
            PolicyCode::RoleMismatch,
            rule,
            &at.rule(".roles"),
            format!(
                "a rule has at least one role; a `{name}` rule may be {}",
                keys()
            ),
            format!("规则至少要有一个角色；`{name}` 规则可以是 {}", keys()),
        ));
    }
    for (j, role) in rule.roles.iter().enumerate() {
        if !can.contains(role) {
            out.push(err(
                PolicyCode::RoleMismatch,
                rule,
                &at.rule(&format!(".roles[{j}]")),
                format!(
                    "a `{name}` rule cannot be `{}`: it may be {}",
                    role.key(),
                    keys()
                ),
                format!("`{name}` 规则不能是 `{}`：它可以是 {}", role.key(), keys()),
            ));
        }
    }
}

/// How a policy that extends another may drop an inherited rule, for the
/// message of a bare or unexplained `exclude` entry.
const THREE_WAYS_EN: &str = "an inherited rule is dropped only (a) by a rule of this file with the same ID, \
     (b) by an `exclude` entry naming the rules of this file that replace it \
     (`{ rule, replaced_by = [...], because = { zh, en } }`), or (c) by an `exclude` entry declaring it \
     not applicable with this policy's original's words (`{ rule, clause, quote_zh, because = { zh, en } }`)";
const THREE_WAYS_ZH: &str = "继承的规则只能这样去掉：(a) 本文件中有同一编号的规则；\
     (b) 在 `exclude` 中写明由本文件的哪些规则替代（`{ rule, replaced_by = [...], because = { zh, en } }`）；\
     (c) 在 `exclude` 中以本政策原文的文字说明其不适用（`{ rule, clause, quote_zh, because = { zh, en } }`）";

/// What a file's `exclude` drops, checked against the file's own rules and
/// the policy it extends (the base's rules are not in the merged policy any
/// more, so this runs before the merge). Each entry must say why: a bare rule
/// ID, or a table with neither a replacement nor the original's words, or with
/// no reason, is `policy.silent_exclusion`; a rule the base does not have is
/// `policy.unknown_excluded_rule`; a replacement the file does not define is
/// `policy.unknown_replacement`; a rule excluded twice, or excluded and also
/// defined again, is `policy.duplicate_exclusion`. Paths are the file's
/// (`$.exclude[2].replaced_by[0]`).
///
/// ```
/// use peixun::policy::{Format, PolicySet};
/// let set = PolicySet::builtin().unwrap();
/// let text = r#"{"id": "x-2024", "version": "1", "title_zh": "示例", "title_en": "example",
///   "source": {"seed": "002_fcde794d6c80fe6c.txt", "title_zh": "示例"},
///   "extends": "dalian-2023-major-conversion",
///   "exclude": [{"rule": "DL-X9", "replaced_by": ["FS-Z1"], "because": {"zh": "示例", "en": "example"}}]}"#;
/// let codes: Vec<_> = set.prepare(text, Format::Json).unwrap_err().0.into_iter()
///     .map(|e| (e.code.as_str(), e.path)).collect();
/// assert!(codes.contains(&("policy.unknown_excluded_rule", "$.exclude[0].rule".into())));
/// assert!(codes.contains(&("policy.unknown_replacement", "$.exclude[0].replaced_by[0]".into())));
/// ```
pub fn lint_exclusions(draft: &PolicyDraft, base: Option<&Policy>) -> Vec<PolicyError> {
    let mut out = Vec::new();
    let own = &draft.policy.rules;
    for (i, entry) in draft.exclude.iter().enumerate() {
        let at = format!("$.exclude[{i}]");
        let id = entry.rule();
        let problem = |code, tail: &str, en: String, zh: String| {
            PolicyError::new(code, Some(id.to_owned()), format!("{at}{tail}"), en).with_zh(Some(zh))
        };
        if base.is_none_or(|b| b.rule(id).is_none()) {
            let (en, zh) = match base {
                Some(b) => (
                    format!(
                        "`{id}` is not a rule of `{}`, the policy this file extends",
                        b.id
                    ),
                    format!("`{id}` 不是本文件所继承的政策 `{}` 的规则", b.id),
                ),
                None => (
                    format!("`{id}` is excluded, but the file extends no policy"),
                    format!("排除了 `{id}`，但本文件没有继承任何政策"),
                ),
            };
            let tail = if matches!(entry, Exclude::Bare(_)) {
                ""
            } else {
                ".rule"
            };
            out.push(problem(PolicyCode::UnknownExcludedRule, tail, en, zh));
        }
        if draft.exclude[..i].iter().any(|e| e.rule() == id) || own.iter().any(|r| r.id == id) {
            let tail = if matches!(entry, Exclude::Bare(_)) {
                ""
            } else {
                ".rule"
            };
            out.push(problem(
                PolicyCode::DuplicateExclusion,
                tail,
                format!("`{id}` is excluded twice, or excluded and also defined in this file (a rule of the same ID already replaces it)"),
                format!("`{id}` 被排除了两次，或既被排除又在本文件中以同一编号重新定义（同一编号的规则本身即是替代）"),
            ));
        }
        let e = match entry {
            Exclude::Bare(_) => {
                out.push(problem(
                    PolicyCode::SilentExclusion,
                    "",
                    format!("`{id}` is dropped without saying why: {THREE_WAYS_EN}"),
                    format!("排除 `{id}` 而未说明理由：{THREE_WAYS_ZH}"),
                ));
                continue;
            }
            Exclude::Declared(e) => e,
        };
        let quote = e
            .quote_zh
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty());
        if e.replaced_by.is_empty() && quote.is_none() {
            out.push(problem(
                PolicyCode::SilentExclusion,
                "",
                format!("`{id}` names neither the rules that replace it nor the original's words that make it not applicable: {THREE_WAYS_EN}"),
                format!("排除 `{id}` 既未写明替代规则，也未引用说明其不适用的原文：{THREE_WAYS_ZH}"),
            ));
        }
        if quote.is_some() && e.clause.as_deref().is_none_or(|c| c.trim().is_empty()) {
            out.push(problem(
                PolicyCode::SilentExclusion,
                ".clause",
                format!(
                    "the words quoted for `{id}` need the clause of the original they come from"
                ),
                format!("为 `{id}` 引用的原文须写明出自原文的哪一条款"),
            ));
        }
        for (lang, text) in [
            ("zh", e.because.as_ref().map(|m| m.zh.as_str())),
            ("en", e.because.as_ref().map(|m| m.en.as_str())),
        ] {
            if text.is_none_or(|t| t.trim().is_empty()) {
                out.push(problem(
                    PolicyCode::SilentExclusion,
                    &format!(".because.{lang}"),
                    format!(
                        "dropping `{id}` needs a reason in {}",
                        if lang == "zh" { "Chinese" } else { "English" }
                    ),
                    format!(
                        "排除 `{id}` 须写明{}理由",
                        if lang == "zh" { "中文" } else { "英文" }
                    ),
                ));
            }
        }
        for (j, by) in e.replaced_by.iter().enumerate() {
            if !own.iter().any(|r| &r.id == by) {
                out.push(problem(
                    PolicyCode::UnknownReplacement,
                    &format!(".replaced_by[{j}]"),
                    format!("`{by}`, named as replacing `{id}`, is not a rule of this file"),
                    format!("替代 `{id}` 的 `{by}` 不是本文件中的规则"),
                ));
            }
        }
    }
    out
}

/// The messages an amount rule needs when it is exclusive with another: its
/// lines when both would pay one person (`line_unknown.exclusive`), and the
/// claim's finding naming both rules (`fail.exclusive` when both are claimed,
/// `unknown.exclusive` when a person must choose).
const EXCLUSIVE_MESSAGES: &[&str] = &[
    "line_unknown.exclusive",
    "fail.exclusive",
    "unknown.exclusive",
];

/// `exclusive_with`: every rule named exists, is an amount rule and is not the
/// rule itself; each rule of an exclusive pair carries the messages for it.
fn lint_exclusive(policy: &Policy, rule: &Rule, at: At, out: &mut Vec<PolicyError>) {
    let is_amount = |r: &Rule| r.kind.required_messages().contains(&"line");
    if !rule.exclusive_with.is_empty() && !is_amount(rule) {
        out.push(err(
            PolicyCode::BadExclusive,
            rule,
            &at.rule(".exclusive_with"),
            "only an amount rule can be exclusive with another",
            "只有补贴金额类规则才能与其他规则互斥",
        ));
    }
    for (j, id) in rule.exclusive_with.iter().enumerate() {
        let path = at.rule(&format!(".exclusive_with[{j}]"));
        match policy.rule(id) {
            _ if *id == rule.id => out.push(err(
                PolicyCode::BadExclusive,
                rule,
                &path,
                "a rule cannot be exclusive with itself",
                "规则不能与自身互斥",
            )),
            None => out.push(err(
                PolicyCode::BadExclusive,
                rule,
                &path,
                format!("`{id}` is not a rule of this policy"),
                format!("`{id}` 不是本政策的规则"),
            )),
            Some(other) if !is_amount(other) => out.push(err(
                PolicyCode::BadExclusive,
                rule,
                &path,
                format!("`{id}` is not an amount rule"),
                format!("`{id}` 不是补贴金额类规则"),
            )),
            Some(_) => {}
        }
    }
    // Both sides of a pair need the messages, whichever side declares it.
    let in_pair = !rule.exclusive_with.is_empty()
        || policy
            .rules
            .iter()
            .any(|r| r.exclusive_with.contains(&rule.id));
    if in_pair && is_amount(rule) {
        for key in EXCLUSIVE_MESSAGES {
            if !rule.messages.contains_key(*key) {
                out.push(err(
                    PolicyCode::MissingMessage,
                    rule,
                    &at.rule(&format!(".messages.{key}")),
                    format!("a rule exclusive with another needs a `{key}` message"),
                    format!("与其他规则互斥的规则需要 `{key}` 提示语"),
                ));
            }
        }
    }
}

/// Where a rule is in the policy: `$.rules[i]`. The path text is only written
/// when there is a problem to report, so a clean policy costs no formatting.
#[derive(Clone, Copy)]
struct At(usize);

impl At {
    /// `$.rules[i]` followed by `tail`.
    fn rule(self, tail: &str) -> String {
        format!("$.rules[{}]{tail}", self.0)
    }

    /// `$.rules[i].params` followed by `tail`.
    fn params(self, tail: &str) -> String {
        format!("$.rules[{}].params{tail}", self.0)
    }
}

/// One rule's lint as a kind's module sees it (`KindCode::lint`): problems
/// are reported at `$.rules[i].params` followed by a field.
pub(crate) struct LintCx<'a> {
    policy: &'a Policy,
    rule: &'a Rule,
    at: At,
    out: &'a mut Vec<PolicyError>,
}

fn rule_id_ok(id: &str) -> bool {
    let Some((prefix, rest)) = id.split_once('-') else {
        return false;
    };
    let mut chars = rest.chars();
    (2..=3).contains(&prefix.len())
        && prefix.chars().all(|c| c.is_ascii_uppercase())
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && {
            let digits: String = chars.collect();
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
        }
}

/// A problem of one rule, in English and Chinese.
fn err(
    code: PolicyCode,
    rule: &Rule,
    path: &str,
    en: impl Into<String>,
    zh: impl Into<String>,
) -> PolicyError {
    PolicyError::new(code, Some(rule.id.clone()), path, en).with_zh(Some(zh.into()))
}

/// The messages a rule needs when a deployment parameter keeps an outcome
/// from standing (`rules::settle`): `unknown.parameter` for a kind that gives
/// pass/fail findings, `line_unknown.parameter` for an amount kind's lines.
fn gap_messages(rule: &Rule) -> &'static [&'static str] {
    if rule.kind.deployment_params().is_empty() {
        return &[];
    }
    let required = rule.kind.required_messages();
    match (required.contains(&"pass"), required.contains(&"line")) {
        (true, true) => &["unknown.parameter", "line_unknown.parameter"],
        (true, false) => &["unknown.parameter"],
        (false, true) => &["line_unknown.parameter"],
        (false, false) => &[],
    }
}

fn lint_messages(rule: &Rule, at: At, out: &mut Vec<PolicyError>) {
    for outcome in rule
        .kind
        .required_messages()
        .iter()
        .chain(gap_messages(rule))
    {
        match rule.messages.get(*outcome) {
            None => out.push(err(
                PolicyCode::MissingMessage,
                rule,
                &at.rule(&format!(".messages.{outcome}")),
                format!("a `{}` rule needs a `{outcome}` message", rule.kind.name()),
                format!("`{}` 类规则需要 `{outcome}` 提示语", rule.kind.name()),
            )),
            Some(m) => {
                for (lang, text) in [("zh", &m.zh), ("en", &m.en)] {
                    if text.trim().is_empty() {
                        out.push(err(
                            PolicyCode::MissingMessage,
                            rule,
                            &at.rule(&format!(".messages.{outcome}.{lang}")),
                            format!("the `{outcome}` message has no {lang} text"),
                            format!(
                                "`{outcome}` 提示语缺少{}文本",
                                if lang == "zh" { "中文" } else { "英文" }
                            ),
                        ));
                    }
                }
            }
        }
    }
    let known = rule.kind.fact_names();
    // A rule with deployment parameters also offers the facts that name one
    // that is not set (`parameter`, `parameter_source` …).
    let gap_facts: &[&str] = if rule.kind.deployment_params().is_empty() {
        &[]
    } else {
        GAP_FACTS
    };
    for (key, m) in &rule.messages {
        for (lang, text) in [("zh", &m.zh), ("en", &m.en)] {
            for name in placeholders(text) {
                if name != "rule_id" && !known.contains(&name) && !gap_facts.contains(&name) {
                    out.push(err(
                        PolicyCode::UnknownPlaceholder,
                        rule,
                        &at.rule(&format!(".messages[\"{key}\"].{lang}")),
                        format!(
                            "`{{{name}}}` is not a fact of `{}` (known: {})",
                            rule.kind.name(),
                            if known.is_empty() {
                                "none".to_owned()
                            } else {
                                known.join(", ")
                            }
                        ),
                        format!(
                            "`{{{name}}}` 不是 `{}` 类规则的事实（可用：{}）",
                            rule.kind.name(),
                            if known.is_empty() {
                                "无".to_owned()
                            } else {
                                known.join("、")
                            }
                        ),
                    ));
                }
            }
        }
    }
}

/// The clause inventories (policies/README.md, "Clause inventory") against a
/// policy's rules: every clause a rule cites is in the inventory of the rule's
/// own source document (an inherited rule with its own `[rules.source]`, such
/// as Fushun's Dalian rules, is checked against that document's) and is not
/// marked `not_scored`; in the inventory of the policy's own document, every
/// clause is listed once and is either implemented by a rule (citing it or a
/// clause that contains it) or marked `not_scored`, never both. A document
/// without an inventory is not checked. An inventory belongs to one document:
/// seed, title and number alike.
///
/// This is not part of [`lint`]: the engine does not carry the inventories
/// (they describe the original; nothing is decided on them, and the
/// WebAssembly module stays without them). `peixun policy lint` runs it
/// ([`super::coverage::lint_text`], which also puts the paths in the file's
/// terms), and `tests/clause_coverage.rs` runs it on every shipped policy.
/// Paths are `$.rules[i].clause` (in the merged policy) and `$.clauses[j]`.
///
/// ```
/// use peixun::policy::{coverage::builtin_inventories, lint::lint_clauses, PolicySet};
/// let set = PolicySet::builtin().unwrap();
/// let inventories = builtin_inventories();
/// for p in set.iter() {
///     assert!(lint_clauses(p, &inventories).is_empty(), "{}", p.id);
/// }
/// let mut dalian = set.get("dalian-2023-major-conversion").unwrap().clone();
/// dalian.rules[0].clause = "一(九)".into();
/// let e = lint_clauses(&dalian, &inventories);
/// assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("policy.unknown_clause", "$.rules[0].clause"));
/// ```
pub fn lint_clauses(policy: &Policy, inventories: &[Inventory]) -> Vec<PolicyError> {
    let mut out = Vec::new();
    let inventory = |source: &Source| {
        inventories
            .iter()
            .find(|i| i.source == *source)
            .map(|i| i.clauses.as_slice())
    };
    for (i, rule) in policy.rules.iter().enumerate() {
        let Some(listed) = inventory(&rule.source) else {
            continue;
        };
        for label in cited_clauses(&rule.clause) {
            match listed.iter().find(|c| c.clause == label) {
                None => out.push(err(
                    PolicyCode::UnknownClause,
                    rule,
                    &At(i).rule(".clause"),
                    format!(
                        "cites `{label}`, which the clause inventory of {} does not list",
                        rule.source.seed
                    ),
                    format!("所引条款 `{label}` 不在 {} 的条款清单中", rule.source.seed),
                )),
                Some(c) if c.not_scored.is_some() => out.push(err(
                    PolicyCode::ClauseNotScored,
                    rule,
                    &At(i).rule(".clause"),
                    format!(
                        "cites `{label}`, which the clause inventory of {} marks `not_scored`: a clause a rule implements is scored",
                        rule.source.seed
                    ),
                    format!(
                        "所引条款 `{label}` 在 {} 的条款清单中标为 `not_scored`（不作判断），但本规则实施了该条款",
                        rule.source.seed
                    ),
                )),
                Some(_) => {}
            }
        }
    }
    let Some(own) = inventory(&policy.source) else {
        return out;
    };
    // The first rule of the policy's own document that cites `label`.
    let implementer = |label: &str| {
        policy
            .rules
            .iter()
            .find(|r| r.source == policy.source && cited_clauses(&r.clause).any(|c| c == label))
    };
    for (j, c) in own.iter().enumerate() {
        let label = c.clause.as_str();
        let path = |tail: &str| format!("$.clauses[{j}]{tail}");
        if label.is_empty() || cited_clauses(label).ne(std::iter::once(label)) {
            out.push(
                PolicyError::new(
                    PolicyCode::BadField,
                    None,
                    path(".clause"),
                    format!(
                        "`{label}` is not a clause label (one clause, no spaces, commas or 、)"
                    ),
                )
                .with_zh(Some(format!(
                    "`{label}` 不是条款编号（一个条款，不含空格、逗号或顿号）"
                ))),
            );
            continue;
        }
        if own[..j].iter().any(|d| d.clause == label) {
            out.push(
                PolicyError::new(
                    PolicyCode::DuplicateClause,
                    None,
                    path(".clause"),
                    format!("`{label}` is listed twice"),
                )
                .with_zh(Some(format!("条款 `{label}` 列了两次"))),
            );
        }
        let direct = implementer(label);
        // A rule citing a clause that contains this one (`三` for `三(一)`).
        let through = clause_ancestors(label)
            .filter(|a| own.iter().any(|d| d.clause == *a))
            .find_map(|a| implementer(a).map(|r| (a, r)));
        match (&c.not_scored, direct, through) {
            (None, None, None) => out.push(
                PolicyError::new(
                    PolicyCode::ClauseUnaccounted,
                    None,
                    path(""),
                    format!(
                        "no rule cites `{label}` or a clause containing it, and it is not marked `not_scored`: give it a rule, or say why it is not scored"
                    ),
                )
                .with_zh(Some(format!(
                    "没有规则引用条款 `{label}` 或包含它的条款，也未标明 `not_scored`：请为其设规则，或说明为何不作判断"
                ))),
            ),
            (Some(_), None, Some((a, r))) => out.push(
                PolicyError::new(
                    PolicyCode::ClauseNotScored,
                    Some(r.id.clone()),
                    path(".not_scored"),
                    format!(
                        "`{label}` is marked `not_scored`, but {} implements `{a}`, which contains it",
                        r.id
                    ),
                )
                .with_zh(Some(format!(
                    "条款 `{label}` 标为 `not_scored`（不作判断），但 {} 实施了包含它的条款 `{a}`",
                    r.id
                ))),
            ),
            // A rule citing a clause marked `not_scored` is reported at the rule.
            _ => {}
        }
    }
    out
}

impl LintCx<'_> {
    /// The policy the rule belongs to, for a check that looks at its other rules.
    pub(crate) fn policy(&self) -> &Policy {
        self.policy
    }

    /// A problem with the parameter at `field` (`.tiers[0]`; empty: the
    /// parameters as a whole).
    pub(crate) fn error(
        &mut self,
        code: PolicyCode,
        field: &str,
        en: impl Into<String>,
        zh: impl Into<String>,
    ) {
        self.out
            .push(err(code, self.rule, &self.at.params(field), en, zh));
    }

    /// A parameter that cannot mean anything (`policy.bad_params`).
    pub(crate) fn bad_params(&mut self, field: &str, en: impl Into<String>, zh: impl Into<String>) {
        self.error(PolicyCode::BadParams, field, en, zh);
    }

    /// An institution's unified social credit code in a list the deployment
    /// sets: a code that fails its check character would never find the
    /// institution.
    pub(crate) fn credit_code(&mut self, field: &str, code: Option<&str>) {
        if let Some(code) = code {
            if let Err(e) = crate::identity::check_credit_code(code.trim()) {
                use crate::error::Explain;
                self.bad_params(
                    field,
                    format!(
                        "`{code}` is not a unified social credit code: {}",
                        e.message_en()
                    ),
                    format!("`{code}` 不是有效的统一社会信用代码：{}", e.message_zh()),
                );
            }
        }
    }

    /// A range of months that is one.
    pub(crate) fn months_range(&mut self, min: u32, max: u32) {
        if min == 0 || max < min {
            self.error(
                PolicyCode::DurationOutOfRange,
                ".max_months",
                format!("{min}–{max} months is not a range"),
                format!("{min}–{max} 个月不是有效的范围"),
            );
        }
    }

    /// A duration's tolerance is days, never as much as the shortest month.
    pub(crate) fn tolerance(&mut self, days: u32) {
        if days >= 28 {
            self.bad_params(
                ".tolerance_days",
                format!("a tolerance of {days} days would cover a whole month"),
                format!("{days} 天的容差可达整月"),
            );
        }
    }

    /// Each major's months within the kind's range.
    pub(crate) fn per_major(
        &mut self,
        min: u32,
        max: u32,
        per_major: &Deployment<crate::sorted::SortedMap<String, u32>>,
    ) {
        for (major, months) in per_major.value.iter().flatten() {
            if *months < min || *months > max {
                self.error(
                    PolicyCode::DurationOutOfRange,
                    &format!(".per_major.value[\"{major}\"]"),
                    format!("{major}: {months} months is outside {min}–{max} months"),
                    format!("{major}：{months} 个月超出 {min}–{max} 个月"),
                );
            }
        }
    }

    /// A rate between 0 and 1.
    pub(crate) fn rate(&mut self, field: &str, r: rust_decimal::Decimal) {
        if r.is_sign_negative() || r > rust_decimal::Decimal::ONE {
            self.bad_params(
                field,
                format!("{r} is not a rate between 0 and 1"),
                format!("{r} 不是 0 到 1 之间的比率"),
            );
        }
    }

    /// A day of the year as `MM-DD`.
    pub(crate) fn month_day(&mut self, field: &str, md: &str) {
        // 2024 is a leap year, so 02-29 is accepted.
        if crate::input::date::parse(&format!("2024-{md}")).is_err() {
            self.bad_params(
                field,
                format!("`{md}` is not a month and day (MM-DD)"),
                format!("`{md}` 不是月-日（MM-DD）"),
            );
        }
    }
}

/// Whether `s` is a time of day as `HH:MM`, read as chrono's `%H:%M` reads it
/// (leading white space before each number, one or two digits), without
/// chrono's format parser, which the WebAssembly build would otherwise carry.
pub(crate) fn is_hh_mm(s: &str) -> bool {
    fn number(s: &str, max: u32) -> Option<&str> {
        let s = s.trim_start();
        let digits = s.bytes().take(2).take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n = s[..digits].parse::<u32>().ok()?;
        (n <= max).then(|| &s[digits..])
    }
    number(s, 23)
        .and_then(|rest| rest.strip_prefix(':'))
        .and_then(|rest| number(rest, 59))
        .is_some_and(str::is_empty)
}

#[cfg(test)]
mod hh_mm_tests {
    /// The hand-written check accepts exactly what chrono's `%H:%M` accepts.
    #[test]
    fn is_hh_mm_agrees_with_chrono() {
        let mut samples: Vec<String> = [
            "",
            ":",
            "9:05",
            "09:05",
            " 9:05",
            "9: 05",
            "9 :05",
            "09:05 ",
            "24:00",
            "23:59",
            "23:60",
            "7:7",
            "007:05",
            "12:345",
            "-1:00",
            "+1:00",
            "1:00:00",
            "ab:cd",
            "１２:00",
            "12：00",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for h in 0..26 {
            for m in [0, 5, 59, 60] {
                samples.push(format!("{h}:{m}"));
                samples.push(format!("{h:02}:{m:02}"));
            }
        }
        for s in samples {
            let chrono_ok = chrono::NaiveTime::parse_from_str(&s, "%H:%M").is_ok();
            assert_eq!(super::is_hh_mm(&s), chrono_ok, "{s:?}");
        }
    }
}
