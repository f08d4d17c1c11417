//! Clause coverage: every clause of an original, the rules that implement it
//! and the golden cases that show each rule passing and failing.
//!
//! A policy file lists every clause of its source document in a clause
//! inventory (`[[clauses]]`, see policies/README.md): the clause as the rules
//! cite it, its heading or first words, and for a clause no rule implements,
//! `not_scored` with the reason. Three things keep it from going stale:
//!
//! - [`super::lint::lint_clauses`] (run by `peixun policy lint` through
//!   [`lint_text`], and by the tests on every shipped policy) refuses a rule
//!   citing a clause its source's inventory lacks or marks `not_scored`, and a
//!   clause of the policy's own inventory that is neither implemented nor
//!   marked `not_scored`;
//! - [`check_inventory`] reads the original itself (its 一、 sections, （一）
//!   sub-clauses and the numbered items the inventory names) and reports any
//!   clause the inventory misses or names wrongly (`tests/clause_coverage.rs`
//!   runs it on every shipped policy);
//! - [`coverage`] joins the inventory, the rules and the golden cases' outputs;
//!   `peixun policy coverage ID` prints it and `docs/clauses/<policy>.md` is
//!   its [`Coverage::to_markdown`], regenerated and compared by the tests.
//!
//! The engine skips the inventories (nothing is decided on them); everything
//! here is pure, and the caller reads the files.

use crate::error::ClauseCode;
use serde::Serialize;
use serde_json::Value;

use super::kinds::{Family, RuleKind};
use super::model::{Clause, Inventory, Message, Policy, Role, Rule, Source};
use super::{file, Format, PolicyError, PolicyErrors, PolicySet};
use crate::report::PolicyRef;

// ----- clause labels -----

/// The clauses a rule's `clause` cites: `"二, 五, 六"` and `"二(三) 六"` cite
/// several, separated by commas, 、 or spaces.
///
/// ```
/// use peixun::policy::coverage::cited_clauses;
/// assert_eq!(cited_clauses("二, 五, 六").collect::<Vec<_>>(), ["二", "五", "六"]);
/// assert_eq!(cited_clauses("二(三) 六").collect::<Vec<_>>(), ["二(三)", "六"]);
/// assert_eq!(cited_clauses("一(一)").collect::<Vec<_>>(), ["一(一)"]);
/// ```
pub fn cited_clauses(clause: &str) -> impl Iterator<Item = &str> + Clone {
    clause
        .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
        .filter(|s| !s.is_empty())
}

/// The clause that contains `label`, read from the label: `三(一)` is in `三`,
/// `一.1` in `一`, `七(二)1` in `七(二)`; a section (`三`) or an unnumbered
/// part (`附`) is in none.
///
/// ```
/// use peixun::policy::coverage::clause_parent;
/// assert_eq!(clause_parent("三(一)"), Some("三"));
/// assert_eq!(clause_parent("一.1"), Some("一"));
/// assert_eq!(clause_parent("七(二)1"), Some("七(二)"));
/// assert_eq!(clause_parent("十一"), None);
/// assert_eq!(clause_parent("附"), None);
/// ```
pub fn clause_parent(label: &str) -> Option<&str> {
    let digits = label.len() - label.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let parent = if digits > 0 {
        let rest = &label[..label.len() - digits];
        rest.strip_suffix('.').unwrap_or(rest)
    } else if label.ends_with(')') {
        &label[..label.rfind('(')?]
    } else {
        return None;
    };
    (!parent.is_empty()).then_some(parent)
}

/// Every clause that contains `label`, the nearest first.
///
/// ```
/// use peixun::policy::coverage::clause_ancestors;
/// assert_eq!(clause_ancestors("七(二)1").collect::<Vec<_>>(), ["七(二)", "七"]);
/// ```
pub fn clause_ancestors(label: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(clause_parent(label), |l| clause_parent(l))
}

// ----- inventories -----

/// The inventory of the document `source` among `inventories` (an inventory
/// belongs to one document: seed, title and number alike).
///
/// ```
/// use peixun::policy::coverage::{builtin_inventories, inventory_of};
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let fushun = set.get("fushun-2024-major-conversion").unwrap();
/// let inventories = builtin_inventories();
/// // Its own original, and the Dalian notice its inherited rules cite.
/// assert!(inventory_of(&inventories, &fushun.source).is_some());
/// assert!(inventory_of(&inventories, &fushun.rule("DL-E1").unwrap().source).is_some());
/// ```
pub fn inventory_of<'i>(inventories: &'i [Inventory], source: &Source) -> Option<&'i [Clause]> {
    inventories
        .iter()
        .find(|i| i.source == *source)
        .map(|i| i.clauses.as_slice())
}

/// The inventories of the shipped policy files, one per original. Native
/// only: the WebAssembly build embeds the policies without their inventories.
///
/// ```
/// let inventories = peixun::policy::coverage::builtin_inventories();
/// assert_eq!(inventories.len(), 5);
/// assert_eq!(inventories[0].source.seed, "000_88426c7870350bfb.txt");
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin_inventories() -> Vec<Inventory> {
    super::builtin::FILES
        .iter()
        .filter_map(|(_, json)| file::read_inventory(json, Format::Json).ok().flatten())
        .collect()
}

/// Lints a policy text's clause citations against the inventories (the
/// text's own `[[clauses]]`, else those `known` has for its documents; see
/// [`super::lint::lint_clauses`]), after the engine's own lint. Paths are the
/// file's: `$.rules[0]` is its first rule even when it extends another policy,
/// and a problem in an inventory the file inherits is at `$.extends`. This is
/// what `peixun policy lint FILE` adds to the engine's lint.
///
/// ```
/// use peixun::policy::{coverage::{builtin_inventories, lint_text}, PolicySet};
/// let set = PolicySet::builtin().unwrap();
/// let text = r#"{"id": "dalian-2023-major-conversion", "version": "x", "title_zh": "大连", "title_en": "Dalian",
///   "extends": "dalian-2023-major-conversion",
///   "source": {"seed": "000_88426c7870350bfb.txt", "title_zh": "关于组织开展高校毕业生2023年免费专业转换及技能提升培训工作的通知"},
///   "rules": [{"id": "DL-P7", "clause": "四(九)", "roles": ["check"], "kind": "not_dishonest", "params": {"subject": "institution"},
///     "messages": {"summary": {"zh": "失信", "en": "dishonest"}, "pass": {"zh": "否", "en": "no"}, "fail": {"zh": "是", "en": "yes"}, "unknown": {"zh": "不明", "en": "unknown"}}}]}"#;
/// let e = lint_text(&set, text, &builtin_inventories()).unwrap_err();
/// assert_eq!((e.0[0].code.as_str(), e.0[0].path.as_str()), ("policy.unknown_clause", "$.rules[0].clause"));
/// ```
pub fn lint_text(set: &PolicySet, text: &str, known: &[Inventory]) -> Result<(), PolicyErrors> {
    let format = Format::sniff(text);
    set.prepare(text, format)?;
    let own = file::read_inventory(text, format)?;
    let draft = file::parse(text, format)?;
    let base = draft.extends().and_then(|id| set.get(id));
    let (policy, origins) = file::merge_with_origin(draft, base);
    let own_given = own.is_some();
    let mut inventories: Vec<Inventory> = known
        .iter()
        .filter(|k| own.as_ref().is_none_or(|o| o.source != k.source))
        .cloned()
        .collect();
    inventories.extend(own);
    let mut problems: Vec<PolicyError> = super::lint::lint_clauses(&policy, &inventories);
    if problems.is_empty() {
        return Ok(());
    }
    for p in &mut problems {
        p.path = file::file_path(&p.path, &origins);
        if !own_given && p.path.starts_with("$.clauses") {
            p.path = "$.extends".to_owned();
        }
    }
    Err(PolicyErrors(problems))
}

// ----- what a rule's kind can show -----

/// Which statuses a rule of a kind can be found with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Statuses {
    /// Pass, fail and unknown: the corpus must show it passing, and failing or unknown.
    PassFailUnknown,
    /// Fail or unknown only: the kind can never pass (see the reason).
    FailOrUnknown,
    /// None: the kind gives no status (a record, a date planner).
    None,
}

/// What a kind can show, and why when it cannot show everything. Decided by
/// kind alone, never by rule ID: a record, the voucher lifecycle (a state
/// machine whose events are accepted or refused) and a date kind that only
/// plans (its messages have a `deadline` and no `pass`) give no status;
/// `no_evaluation_subsidy_after` never passes. A kind with `pass` or `line`
/// messages is never exempt.
///
/// ```
/// use peixun::policy::coverage::{kind_statuses, Statuses};
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let dalian = set.get("dalian-2023-major-conversion").unwrap();
/// assert_eq!(kind_statuses(&dalian.rule("DL-E1").unwrap().kind).0, Statuses::PassFailUnknown);
/// // DL-P4's publicity dates are planned, never checked.
/// assert_eq!(kind_statuses(&dalian.rule("DL-P4").unwrap().kind).0, Statuses::None);
/// ```
pub fn kind_statuses(kind: &RuleKind) -> (Statuses, Option<Message>) {
    let messages = kind.required_messages();
    let worded = messages.contains(&"pass") || messages.contains(&"line");
    let reason = |zh: &str, en: &str| {
        Some(Message {
            zh: zh.to_owned(),
            en: en.to_owned(),
        })
    };
    if let RuleKind::NoEvaluationSubsidyAfter(_) = kind {
        return (
            Statuses::FailOrUnknown,
            reason(
                "只能排除取证补贴或留待核实：取证补贴标准不在原文中，无从通过",
                "it can only rule the certification subsidy out or leave it undecided: the rate is not in the original, so it never passes",
            ),
        );
    }
    if worded {
        return (Statuses::PassFailUnknown, None);
    }
    match kind.family() {
        Family::Voucher => (
            Statuses::None,
            reason(
                "状态机：电子券的每个事件或被接受、或以 lifecycle.* 错误拒绝（voucher.replay，见 vouchers/ 的回放用例），不作通过与否的判断",
                "a state machine: each voucher event is accepted or refused with a `lifecycle.*` error (voucher.replay; see the replay cases under vouchers/), never scored pass or fail",
            ),
        ),
        Family::Record => (
            Statuses::None,
            reason(
                "记录类规则：接受并校验数据，不作通过与否的判断",
                "a record: data accepted and validated, never scored pass or fail",
            ),
        ),
        Family::Eligibility
        | Family::Attendance
        | Family::Amounts
        | Family::Enterprise
        | Family::Deadlines
        | Family::Claim
        | Family::Plan => {
            if messages.contains(&"deadline") {
                (
                    Statuses::None,
                    reason(
                        "日期规划：只计算期限，不核对已给的日期",
                        "a date planner: it computes deadlines and checks no date given",
                    ),
                )
            } else {
                (Statuses::PassFailUnknown, None)
            }
        }
    }
}

// ----- the coverage -----

/// A golden case as the coverage reads it: its file name (relative to the
/// corpus), its request and the output stored with it.
#[derive(Debug, Clone, Copy)]
pub struct Case<'a> {
    /// The file name, e.g. `dalian/01-authority-all-facts-eligible.json`.
    pub name: &'a str,
    /// The case's `request`.
    pub request: &'a Value,
    /// The case's `output`.
    pub output: &'a Value,
}

impl Case<'_> {
    /// The policy a case is about: the `policy` its output names (a verdict's
    /// `{id, version}`), else the `policy` of its request.
    ///
    /// ```
    /// use serde_json::json;
    /// let (request, output) = (json!({"policy": "internet-plus-training"}), json!({"decision": "pass"}));
    /// let case = peixun::policy::coverage::Case { name: "x.json", request: &request, output: &output };
    /// assert_eq!(case.policy(), Some("internet-plus-training"));
    /// ```
    pub fn policy(&self) -> Option<&str> {
        self.output
            .get("policy")
            .and_then(|p| p.get("id"))
            .and_then(Value::as_str)
            .or_else(|| self.request.get("policy").and_then(Value::as_str))
    }
}

/// The golden corpus a coverage reads.
#[derive(Debug, Clone, Copy)]
pub struct Corpus<'a> {
    /// The directory, as it is to be named in the report (e.g. `tests/golden`).
    pub dir: &'a str,
    /// Every case in it.
    pub cases: &'a [Case<'a>],
}

/// A policy's clause coverage (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The policy.
    pub policy: PolicyRef,
    /// Its title in Chinese.
    pub title_zh: String,
    /// Its title in English.
    pub title_en: String,
    /// The golden corpus read, if any.
    pub corpus: Option<CorpusSummary>,
    /// The policy's own source document first, then each other document its
    /// rules cite (an inherited rule's).
    pub documents: Vec<DocumentCoverage>,
    /// Every rule, in the policy's order, with its golden cases.
    pub rules: Vec<RuleCoverage>,
    /// The rules that lack a case they need: none when the corpus covers the policy.
    pub gaps: Vec<Gap>,
}

/// How many golden cases were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusSummary {
    /// The directory.
    pub dir: String,
    /// Cases read.
    pub cases: usize,
    /// Cases about this policy.
    pub about_policy: usize,
}

/// One source document's clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentCoverage {
    /// The seed file.
    pub seed: String,
    /// How findings cite the document.
    pub document: String,
    /// Whether it is the policy's own source (else: rules taken from it).
    pub own: bool,
    /// Whether the policy has a clause inventory for it. Without one, only
    /// the clauses the rules cite are known.
    pub inventory: bool,
    /// Every clause of the inventory in order (for another document: those
    /// this policy's rules cite).
    pub clauses: Vec<ClauseCoverage>,
}

/// One clause: the rules that implement it, or why it is not scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseCoverage {
    /// The clause, e.g. `一(一)`.
    pub clause: String,
    /// Its heading or first words (none when no inventory lists it).
    pub heading_zh: Option<String>,
    /// Why it is not scored, when the inventory says so.
    pub not_scored: Option<Message>,
    /// The rules citing it, by ID.
    pub rules: Vec<String>,
    /// When no rule cites it: the clause containing it whose rules implement it (`三` for `三(一)`).
    pub through: Option<Through>,
}

/// A clause containing another, and the rules that cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Through {
    /// The containing clause.
    pub clause: String,
    /// The rules citing it, by ID.
    pub rules: Vec<String>,
}

/// One rule and the golden cases that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCoverage {
    /// The rule ID.
    pub id: String,
    /// Its kind.
    pub kind: &'static str,
    /// Its roles.
    pub roles: Vec<Role>,
    /// The clause it cites, as written.
    pub clause: String,
    /// The seed of its source document.
    pub seed: String,
    /// What its kind can show.
    pub statuses: Statuses,
    /// Why its kind cannot show everything.
    pub statuses_reason: Option<Message>,
    /// Cases with a finding (or line) of the rule that passes.
    pub pass: Vec<String>,
    /// Cases with a finding (or line) of the rule that fails or is unknown.
    pub fail_or_unknown: Vec<String>,
}

/// A rule without a golden case it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The rule ID.
    pub rule: String,
    /// `pass` and/or `fail_or_unknown`: the statuses no case shows.
    pub missing: Vec<&'static str>,
}

/// The clause coverage of `policy`, with the golden cases of `corpus` when given.
///
/// ```
/// use serde_json::json;
/// use peixun::policy::coverage::{coverage, Case, Corpus};
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// let policy = set.get("internet-plus-training").unwrap();
/// let request = json!({"policy": "internet-plus-training"});
/// let output = json!({"findings": [{"rule_id": "IP-E1", "status": "fail"}]});
/// let cases = [Case { name: "a.json", request: &request, output: &output }];
/// let inventories = peixun::policy::coverage::builtin_inventories();
/// let c = coverage(policy, &inventories, Some(Corpus { dir: "tests/golden", cases: &cases }));
/// let e1 = c.rules.iter().find(|r| r.id == "IP-E1").unwrap();
/// assert_eq!(e1.fail_or_unknown, ["a.json"]);
/// assert!(c.gaps.iter().any(|g| g.rule == "IP-E1" && g.missing == ["pass"]));
/// // 四(一) of the plan decides nothing; 三(一) is implemented through 三 (IP-P2).
/// let own = &c.documents[0];
/// assert!(own.clauses.iter().any(|k| k.clause == "四(一)" && k.not_scored.is_some()));
/// assert!(own.clauses.iter().any(|k| k.clause == "三(一)" && k.through.as_ref().is_some_and(|t| t.clause == "三")));
/// ```
pub fn coverage(
    policy: &Policy,
    inventories: &[Inventory],
    corpus: Option<Corpus<'_>>,
) -> Coverage {
    let mut rules: Vec<RuleCoverage> = policy
        .rules
        .iter()
        .map(|r| {
            let (statuses, statuses_reason) = kind_statuses(&r.kind);
            RuleCoverage {
                id: r.id.clone(),
                kind: r.kind.name(),
                roles: r.roles.clone(),
                clause: r.clause.clone(),
                seed: r.source.seed.clone(),
                statuses,
                statuses_reason,
                pass: Vec::new(),
                fail_or_unknown: Vec::new(),
            }
        })
        .collect();
    let mut summary = None;
    if let Some(corpus) = corpus {
        let mut about = 0;
        for case in corpus.cases {
            if case.policy() != Some(policy.id.as_str()) {
                continue;
            }
            about += 1;
            let mut found = Vec::new();
            ruled(case.output, &mut found);
            for (id, status) in found {
                let Some(r) = rules.iter_mut().find(|r| r.id == id) else {
                    continue;
                };
                let list = match status {
                    "pass" => &mut r.pass,
                    "fail" | "unknown" => &mut r.fail_or_unknown,
                    _ => continue,
                };
                if list.last().map(String::as_str) != Some(case.name) {
                    list.push(case.name.to_owned());
                }
            }
        }
        for r in &mut rules {
            r.pass.sort();
            r.pass.dedup();
            r.fail_or_unknown.sort();
            r.fail_or_unknown.dedup();
        }
        summary = Some(CorpusSummary {
            dir: corpus.dir.to_owned(),
            cases: corpus.cases.len(),
            about_policy: about,
        });
    }
    let gaps = if summary.is_some() {
        rules.iter().filter_map(gap).collect()
    } else {
        Vec::new()
    };
    Coverage {
        policy: policy.reference(),
        title_zh: policy.title_zh.clone(),
        title_en: policy.title_en.clone(),
        corpus: summary,
        documents: documents(policy, inventories),
        rules,
        gaps,
    }
}

/// Every `(rule_id, status)` of the objects in `v` that name a rule and a status.
fn ruled<'v>(v: &'v Value, out: &mut Vec<(&'v str, &'v str)>) {
    match v {
        Value::Object(m) => {
            if let (Some(id), Some(status)) = (
                m.get("rule_id").and_then(Value::as_str),
                m.get("status").and_then(Value::as_str),
            ) {
                out.push((id, status));
            }
            m.values().for_each(|x| ruled(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| ruled(x, out)),
        _ => {}
    }
}

fn gap(r: &RuleCoverage) -> Option<Gap> {
    let mut missing = Vec::new();
    if r.statuses == Statuses::PassFailUnknown && r.pass.is_empty() {
        missing.push("pass");
    }
    if r.statuses != Statuses::None && r.fail_or_unknown.is_empty() {
        missing.push("fail_or_unknown");
    }
    (!missing.is_empty()).then(|| Gap {
        rule: r.id.clone(),
        missing,
    })
}

/// The policy's own document, then the others its rules cite, each with its clauses.
fn documents(policy: &Policy, inventories: &[Inventory]) -> Vec<DocumentCoverage> {
    let mut sources: Vec<&Source> = vec![&policy.source];
    for r in &policy.rules {
        if !sources.contains(&&r.source) {
            sources.push(&r.source);
        }
    }
    sources
        .into_iter()
        .map(|source| {
            let own = *source == policy.source;
            let rules: Vec<&Rule> = policy
                .rules
                .iter()
                .filter(|r| r.source == *source)
                .collect();
            let cites = |label: &str| -> Vec<String> {
                rules
                    .iter()
                    .filter(|r| cited_clauses(&r.clause).any(|c| c == label))
                    .map(|r| r.id.clone())
                    .collect()
            };
            let inventory = inventory_of(inventories, source);
            let mut clauses: Vec<ClauseCoverage> = Vec::new();
            for c in inventory.unwrap_or_default() {
                let by = cites(&c.clause);
                if !own && by.is_empty() {
                    continue;
                }
                let through = if by.is_empty() {
                    clause_ancestors(&c.clause).find_map(|a| {
                        let rules = cites(a);
                        (!rules.is_empty()).then(|| Through {
                            clause: a.to_owned(),
                            rules,
                        })
                    })
                } else {
                    None
                };
                clauses.push(ClauseCoverage {
                    clause: c.clause.clone(),
                    heading_zh: Some(c.heading_zh.clone()),
                    not_scored: c.not_scored.clone(),
                    rules: by,
                    through,
                });
            }
            // Clauses the rules cite that no inventory lists, in the rules' order.
            for r in &rules {
                for label in cited_clauses(&r.clause) {
                    let listed = inventory.is_some_and(|i| i.iter().any(|c| c.clause == label));
                    if !listed && !clauses.iter().any(|c| c.clause == label) {
                        clauses.push(ClauseCoverage {
                            clause: label.to_owned(),
                            heading_zh: None,
                            not_scored: None,
                            rules: cites(label),
                            through: None,
                        });
                    }
                }
            }
            DocumentCoverage {
                seed: source.seed.clone(),
                document: source.citation_name(),
                own,
                inventory: inventory.is_some(),
                clauses,
            }
        })
        .collect()
}

impl Coverage {
    /// The coverage as a Markdown document: what `docs/clauses/<policy>.md`
    /// holds and what `peixun policy coverage ID` prints.
    ///
    /// ```
    /// let set = peixun::policy::PolicySet::builtin().unwrap();
    /// let inventories = peixun::policy::coverage::builtin_inventories();
    /// let c = peixun::policy::coverage::coverage(set.get("liaocheng-2021-skill-upgrade").unwrap(), &inventories, None);
    /// let md = c.to_markdown();
    /// assert!(md.contains("### 一.1 落实新吸纳劳动者以工代训补贴"));
    /// assert!(md.contains("- **LC-S1** `work_in_lieu_of_training` (check, amount)"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        let mut line = |s: &str| {
            md.push_str(s);
            md.push('\n');
        };
        line(&format!(
            "# Clause coverage: {} {}",
            self.policy.id, self.policy.version
        ));
        line("");
        line(&format!("{}  ", self.title_zh));
        line(&self.title_en);
        line("");
        let from = match &self.corpus {
            Some(c) => format!(
                "the {} golden cases about this policy in `{}`",
                c.about_policy, c.dir
            ),
            None => "no golden corpus (none was read)".to_owned(),
        };
        line(&format!(
            "Generated by `peixun policy coverage {}` from the policy's clause inventory, its rules and {from}. \
             Every clause of the original in order: the rules that implement it and, for each rule, the \
             golden cases where it passes and those where it fails or is unknown; or why the clause is not \
             scored. Do not edit: `PEIXUN_BLESS=1 cargo test --test clause_coverage` writes it again.",
            self.policy.id
        ));
        for d in &self.documents {
            line("");
            if d.own {
                line(&format!("## {} (`{}`)", d.document, d.seed));
            } else {
                line(&format!("## Rules from {} (`{}`)", d.document, d.seed));
                line("");
                line("The clauses of that document this policy's rules cite.");
            }
            if !d.inventory {
                line("");
                line("No clause inventory for this document: only the clauses the rules cite are listed.");
            }
            for c in &d.clauses {
                line("");
                match &c.heading_zh {
                    Some(h) => line(&format!("### {} {h}", c.clause)),
                    None => line(&format!("### {}", c.clause)),
                }
                line("");
                if let Some(n) = &c.not_scored {
                    line(&format!("Not scored: {} — {}", n.zh, n.en));
                }
                if let Some(t) = &c.through {
                    line(&format!(
                        "Implemented through {}, which contains it: {}.",
                        t.clause,
                        t.rules.join(", ")
                    ));
                }
                if c.rules.is_empty() && c.not_scored.is_none() && c.through.is_none() {
                    line("No rule, and not marked as not scored.");
                }
                for id in &c.rules {
                    if let Some(r) = self.rules.iter().find(|r| &r.id == id) {
                        self.rule_markdown(r, &mut line);
                    }
                }
            }
        }
        line("");
        line("## Golden cases missing");
        line("");
        match (&self.corpus, self.gaps.is_empty()) {
            (None, _) => line("Not known: no golden corpus was read."),
            (Some(_), true) => line(
                "None: every rule has a golden case where it passes and one where it fails or is unknown, \
                 except where its kind cannot show a status (said at the rule).",
            ),
            (Some(_), false) => {
                for g in &self.gaps {
                    let what: Vec<&str> = g
                        .missing
                        .iter()
                        .map(|m| match *m {
                            "pass" => "no case where it passes",
                            _ => "no case where it fails or is unknown",
                        })
                        .collect();
                    let kind = self
                        .rules
                        .iter()
                        .find(|r| r.id == g.rule)
                        .map_or("", |r| r.kind);
                    line(&format!("- **{}** `{kind}`: {}", g.rule, what.join("; ")));
                }
            }
        }
        md
    }

    fn rule_markdown(&self, r: &RuleCoverage, line: &mut impl FnMut(&str)) {
        let roles: Vec<String> = r
            .roles
            .iter()
            .map(|role| {
                serde_json::to_value(role)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            })
            .collect();
        let mut head = format!("- **{}** `{}` ({})", r.id, r.kind, roles.join(", "));
        if let Some(why) = &r.statuses_reason {
            let what = match r.statuses {
                Statuses::None => "gives no status",
                _ => "never passes",
            };
            head.push_str(&format!(" — {what}: {} — {}", why.zh, why.en));
        }
        line(&head);
        if self.corpus.is_none() {
            return;
        }
        let cases = |names: &[String]| -> String {
            if names.is_empty() {
                "none".to_owned()
            } else {
                let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                format!("{}: {}", names.len(), quoted.join(", "))
            }
        };
        if r.statuses == Statuses::None && r.pass.is_empty() && r.fail_or_unknown.is_empty() {
            return;
        }
        line(&format!("  - passes in {}", cases(&r.pass)));
        line(&format!(
            "  - fails or is unknown in {}",
            cases(&r.fail_or_unknown)
        ));
    }
}

// ----- the original's clauses -----

/// A numbered heading of an original: a section (`一、`), a sub-clause
/// (`（一）` or `(一)`) or a numbered item (`1.`, `1、`, `1．`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// The clause label: `一`, `一(一)`, `一.1` (an item of a section) or `七(二)1`.
    pub label: String,
    /// The heading that contains it (an index into the outline).
    pub parent: Option<usize>,
    /// Whether it is a numbered item.
    pub item: bool,
    /// Its line in the original (from 0).
    pub line: usize,
    /// Its line's words after the number, white space removed.
    pub words: String,
    /// Whether the original has text between this heading and its first
    /// sub-clause or item (an introduction of its own).
    pub own_text: bool,
}

/// The numbered headings of an original, in order: its sections (the first
/// is `一、`; everything before it is the document's preamble), their
/// sub-clauses and numbered items. Numbers must follow each other (一 then 二;
/// an item is 1 or the item before it plus one), so a number inside the text
/// is not taken for a heading. Lines from `until` on are not read.
///
/// ```
/// let text = "通知\n一、总则\n(一)对象。某某\n(二)专业。某某\n二、补贴\n1.标准。某某\n2.程序。某某\n";
/// let h = peixun::policy::coverage::outline(text, None);
/// let labels: Vec<&str> = h.iter().map(|h| h.label.as_str()).collect();
/// assert_eq!(labels, ["一", "一(一)", "一(二)", "二", "二.1", "二.2"]);
/// assert_eq!(h[1].words, "对象。某某");
/// ```
pub fn outline(original: &str, until: Option<usize>) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    let (mut section, mut sub): (Option<usize>, Option<usize>) = (None, None);
    let (mut section_n, mut sub_n, mut item_n) = (0u32, 0u32, 0u32);
    for (i, raw) in original.lines().enumerate() {
        if until.is_some_and(|u| i >= u) {
            break;
        }
        let t = raw.trim();
        if let Some((n, rest)) = section_number(t).filter(|(n, _)| *n == section_n + 1) {
            section_n = n;
            sub_n = 0;
            sub = None;
            section = Some(out.len());
            out.push(heading(numeral(n), None, false, i, rest));
            continue;
        }
        let Some(s) = section else {
            continue;
        };
        if let Some((n, rest)) = sub_number(t).filter(|(n, _)| *n == sub_n + 1) {
            sub_n = n;
            sub = Some(out.len());
            let label = format!("{}({})", out[s].label, numeral(n));
            out.push(heading(label, Some(s), false, i, rest));
            continue;
        }
        if let Some((n, rest)) = item_number(t).filter(|(n, _)| *n == 1 || *n == item_n + 1) {
            item_n = n;
            let parent = sub.unwrap_or(s);
            let p = &out[parent].label;
            let label = if p.ends_with(')') {
                format!("{p}{n}")
            } else {
                format!("{p}.{n}")
            };
            out.push(heading(label, Some(parent), true, i, rest));
            continue;
        }
        // Text after the heading read last: before any child of it, so an
        // introduction of its own (for an item, the rest of the item).
        if !t.is_empty() {
            if let Some(last) = out.last_mut() {
                last.own_text = true;
            }
        }
    }
    out
}

fn heading(label: String, parent: Option<usize>, item: bool, line: usize, rest: &str) -> Heading {
    Heading {
        label,
        parent,
        item,
        line,
        words: rest.chars().filter(|c| !c.is_whitespace()).collect(),
        own_text: false,
    }
}

/// `一、…` → (1, "…").
fn section_number(t: &str) -> Option<(u32, &str)> {
    let end = t.find(|c: char| !is_numeral(c))?;
    let n = numeral_value(&t[..end])?;
    t[end..].strip_prefix('、').map(|rest| (n, rest))
}

/// `(一)…` or `（一）…` → (1, "…").
fn sub_number(t: &str) -> Option<(u32, &str)> {
    let inner = t.strip_prefix('(').or_else(|| t.strip_prefix('（'))?;
    let end = inner.find(|c: char| !is_numeral(c))?;
    let n = numeral_value(&inner[..end])?;
    let rest = &inner[end..];
    rest.strip_prefix(')')
        .or_else(|| rest.strip_prefix('）'))
        .map(|r| (n, r))
}

/// `1.…`, `1、…`, `1．…` (spaces allowed around the mark) → (1, "…").
fn item_number(t: &str) -> Option<(u32, &str)> {
    let end = t.find(|c: char| !c.is_ascii_digit())?;
    if end == 0 || end > 2 {
        return None;
    }
    let n: u32 = t[..end].parse().ok()?;
    let rest = t[end..].trim_start();
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix('、'))
        .or_else(|| rest.strip_prefix('．'))?;
    Some((n, rest))
}

const DIGITS: &str = "一二三四五六七八九";

fn is_numeral(c: char) -> bool {
    c == '十' || DIGITS.contains(c)
}

/// 一 … 九十九.
fn numeral_value(s: &str) -> Option<u32> {
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

fn numeral(n: u32) -> String {
    let d = |k: u32| DIGITS.chars().nth(k as usize - 1).unwrap_or('〇');
    match (n / 10, n % 10) {
        (0, u) => d(u).to_string(),
        (1, 0) => "十".to_owned(),
        (1, u) => format!("十{}", d(u)),
        (t, 0) => format!("{}十", d(t)),
        (t, u) => format!("{}十{}", d(t), d(u)),
    }
}

/// Whether `label` is a numbered clause (`一`, `一(一)`, `一.1`, `七(二)1`)
/// rather than the label of an unnumbered part (`附`).
fn is_numbered(label: &str) -> bool {
    let section_end = label.find(|c: char| !is_numeral(c)).unwrap_or(label.len());
    if section_end == 0 || numeral_value(&label[..section_end]).is_none() {
        return false;
    }
    let mut rest = &label[section_end..];
    if let Some(inner) = rest.strip_prefix('(') {
        let Some(close) = inner.find(')') else {
            return false;
        };
        if numeral_value(&inner[..close]).is_none() {
            return false;
        }
        rest = &inner[close + 1..];
        return rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit());
    }
    rest.is_empty()
        || rest
            .strip_prefix('.')
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
}

/// A difference between a clause inventory and the original it lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InventoryProblem {
    /// `clause.missing` (the original has it, the inventory does not),
    /// `clause.not_in_original`, `clause.heading_differs` or `clause.out_of_order`.
    pub code: ClauseCode,
    /// The clause.
    pub clause: String,
    /// What is wrong, in English.
    pub detail_en: String,
    /// The same in Chinese.
    pub detail_zh: String,
}

/// Compares a clause inventory with the original it lists.
///
/// The original's clauses are its sections (`一、`), each section's
/// sub-clauses (`（一）`) in place of the section, and a clause's numbered items
/// in place of the clause where the inventory names any of them (as Liaocheng's
/// `一.1`); a clause with sub-clauses or items is listed itself too when it
/// has an introduction of its own (and may be, when a rule cites it whole).
/// An unnumbered part (a label such as `附`, or `前言` for the opening words)
/// must start a line after the last section, or in the preamble before the
/// first, with its `heading_zh`; it is not required. Every listed clause's
/// `heading_zh` must begin its line in the original (white space aside), and
/// the inventory must follow the original's order.
///
/// ```
/// use peixun::policy::Clause;
/// use peixun::policy::coverage::check_inventory;
/// let text = "一、对象\n(一)范围。某某\n(二)年限。某某\n二、附则\n某某\n";
/// let c = |l: &str, h: &str| Clause { clause: l.into(), heading_zh: h.into(), not_scored: None };
/// let problems = check_inventory(text, &[c("一(一)", "范围"), c("二", "附则"), c("三", "其他")]);
/// let got: Vec<(&str, &str)> = problems.iter().map(|p| (p.code.as_str(), p.clause.as_str())).collect();
/// assert_eq!(got, [("clause.missing", "一(二)"), ("clause.not_in_original", "三")]);
/// ```
pub fn check_inventory(original: &str, clauses: &[Clause]) -> Vec<InventoryProblem> {
    let mut problems = Vec::new();
    let lines: Vec<String> = original
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let sections = outline(original, None);
    let last_section = sections
        .iter()
        .filter(|h| h.parent.is_none())
        .map(|h| h.line)
        .max();
    let first_section = sections
        .iter()
        .filter(|h| h.parent.is_none())
        .map(|h| h.line)
        .min()
        .unwrap_or(lines.len());
    // Where each unnumbered part starts: after the last section (an annex, the
    // contacts), or else in the preamble before the first (the document's
    // opening words, which a rule may cite for what it says of the programme).
    let mut parts: Vec<(&Clause, Option<usize>)> = Vec::new();
    for c in clauses.iter().filter(|c| !is_numbered(&c.clause)) {
        let words: String = c
            .heading_zh
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let starts = |i: &usize| !words.is_empty() && lines[*i].starts_with(&words);
        let at = (last_section.map_or(0, |l| l + 1)..lines.len())
            .find(starts)
            .or_else(|| (0..first_section).find(starts));
        if at.is_none() {
            problems.push(InventoryProblem {
                code: ClauseCode::NotInOriginal,
                clause: c.clause.clone(),
                detail_en: format!(
                    "no line before the first section or after the last begins with “{}”",
                    c.heading_zh
                ),
                detail_zh: format!("第一节之前和最后一节之后都没有以“{}”开头的行", c.heading_zh),
            });
        }
        parts.push((c, at));
    }
    // The outline stops where the first part after the last section starts.
    let until = parts
        .iter()
        .filter_map(|(_, at)| *at)
        .filter(|&at| at > first_section)
        .min();
    let headings = outline(original, until);
    let named = |label: &str| clauses.iter().any(|c| c.clause == label);
    // A heading's children stand in its place: sub-clauses always, items when
    // the inventory names one of them.
    let expanded: Vec<bool> = (0..headings.len())
        .map(|i| {
            headings
                .iter()
                .any(|h| h.parent == Some(i) && (!h.item || named(&h.label)))
        })
        .collect();
    let reachable = |i: usize| -> bool {
        let mut h = &headings[i];
        while let Some(p) = h.parent {
            if !expanded[p] {
                return false;
            }
            h = &headings[p];
        }
        true
    };
    for (i, h) in headings.iter().enumerate() {
        if reachable(i) && (!expanded[i] || h.own_text) && !named(&h.label) {
            problems.push(InventoryProblem {
                code: ClauseCode::Missing,
                clause: h.label.clone(),
                detail_en: format!(
                    "the original has {} (“{}”), which the inventory does not list",
                    h.label,
                    first_words(&h.words)
                ),
                detail_zh: format!(
                    "原文有条款 {}（“{}”），条款清单未列",
                    h.label,
                    first_words(&h.words)
                ),
            });
        }
    }
    let mut last_line: Option<(usize, &str)> = None;
    for c in clauses {
        let line = if is_numbered(&c.clause) {
            match headings
                .iter()
                .enumerate()
                .find(|(i, h)| h.label == c.clause && reachable(*i))
            {
                None => {
                    problems.push(InventoryProblem {
                        code: ClauseCode::NotInOriginal,
                        clause: c.clause.clone(),
                        detail_en: format!("the original has no clause {} at this level", c.clause),
                        detail_zh: format!("原文没有这一层级的条款 {}", c.clause),
                    });
                    continue;
                }
                Some((_, h)) => {
                    let words: String = c
                        .heading_zh
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    if words.is_empty() || !h.words.starts_with(&words) {
                        problems.push(InventoryProblem {
                            code: ClauseCode::HeadingDiffers,
                            clause: c.clause.clone(),
                            detail_en: format!(
                                "heading “{}”, but the original's {} begins “{}”",
                                c.heading_zh,
                                c.clause,
                                first_words(&h.words)
                            ),
                            detail_zh: format!(
                                "标题为“{}”，但原文 {} 开头是“{}”",
                                c.heading_zh,
                                c.clause,
                                first_words(&h.words)
                            ),
                        });
                    }
                    h.line
                }
            }
        } else {
            match parts
                .iter()
                .find(|(p, _)| std::ptr::eq(*p, c))
                .and_then(|(_, at)| *at)
            {
                Some(at) => at,
                None => continue,
            }
        };
        if let Some((before, label)) = last_line {
            if line <= before {
                problems.push(InventoryProblem {
                    code: ClauseCode::OutOfOrder,
                    clause: c.clause.clone(),
                    detail_en: format!("listed after {label}, but comes before it in the original"),
                    detail_zh: format!("列在 {label} 之后，但原文中在其之前"),
                });
            }
        }
        last_line = Some((line, &c.clause));
    }
    problems
}

/// The first 20 characters of a heading's words.
fn first_words(words: &str) -> String {
    let mut s: String = words.chars().take(20).collect();
    if words.chars().count() > 20 {
        s.push('…');
    }
    s
}
