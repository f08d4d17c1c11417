//! Clause coverage (policies/README.md, "Clause inventory"): every clause of
//! every original is in its policy's inventory, and nothing else is; every rule
//! cites a listed clause; `docs/clauses/<policy>.md` is current; every rule
//! has a golden case where it passes and one where it fails or is unknown.

mod golden_files;

use std::path::Path;

use peixun::engine::Engine;
use peixun::policy::coverage::{
    self, builtin_inventories, check_inventory, inventory_of, lint_text, Case, Corpus, Statuses,
};
use peixun::policy::{Inventory, Policy, PolicySet};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed_text(seed: &str) -> String {
    let path = repo().join("../shared/seeds").join(seed);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The golden corpus: (file name relative to tests/golden, request, output).
fn golden() -> Vec<(String, Value, Value)> {
    let root = repo().join("tests/golden");
    golden_files::case_files()
        .into_iter()
        .map(|p| {
            let case: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let name = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, case["request"].clone(), case["output"].clone())
        })
        .collect()
}

fn builtin() -> PolicySet {
    PolicySet::builtin().unwrap()
}

#[test]
fn every_inventory_lists_exactly_the_clauses_of_its_original() {
    let set = builtin();
    let inventories = builtin_inventories();
    let mut problems = Vec::new();
    let mut seeds_checked = Vec::new();
    for policy in set.iter() {
        let seed = &policy.source.seed;
        let Some(inventory) = inventory_of(&inventories, &policy.source) else {
            problems.push(format!("{}: no clause inventory of {seed}", policy.id));
            continue;
        };
        for p in check_inventory(&seed_text(seed), inventory) {
            problems.push(format!(
                "{} ({seed}): [{}] {}: {}",
                policy.id, p.code, p.clause, p.detail_en
            ));
        }
        // Every document a rule cites has an inventory (Fushun's inherited
        // rules: the Dalian notice's).
        for rule in &policy.rules {
            if inventory_of(&inventories, &rule.source).is_none() {
                problems.push(format!(
                    "{} {}: no inventory of {}",
                    policy.id, rule.id, rule.source.seed
                ));
            }
        }
        // Every rule cites listed clauses; every clause is implemented or not scored.
        for p in peixun::policy::lint::lint_clauses(policy, &inventories) {
            problems.push(format!(
                "{}: [{}] {} {}",
                policy.id, p.code, p.path, p.detail
            ));
        }
        seeds_checked.push(seed.clone());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(seeds_checked.len(), 5);
}

/// The shipped policy files' text.
fn toml(name: &str) -> String {
    std::fs::read_to_string(repo().join("policies").join(format!("{name}.toml"))).unwrap()
}

/// The inventory of a shipped policy's own original.
fn own_inventory(policy: &Policy) -> Vec<peixun::policy::Clause> {
    inventory_of(&builtin_inventories(), &policy.source)
        .unwrap()
        .to_vec()
}

fn codes(problems: &[coverage::InventoryProblem]) -> Vec<(&str, &str)> {
    problems
        .iter()
        .map(|p| (p.code.as_str(), p.clause.as_str()))
        .collect()
}

#[test]
fn the_comparison_with_the_original_finds_each_kind_of_difference() {
    let set = builtin();
    let dalian = set.get("dalian-2023-major-conversion").unwrap();
    let seed = seed_text(&dalian.source.seed);
    let full = own_inventory(dalian);
    assert!(check_inventory(&seed, &full).is_empty());

    // 三(三) 实施培训 left out.
    let mut missing = full.clone();
    missing.retain(|c| c.clause != "三(三)");
    assert_eq!(
        codes(&check_inventory(&seed, &missing)),
        [("clause.missing", "三(三)")]
    );

    // A sixth section the notice does not have, and a fifth sub-clause of 五.
    let mut extra = full.clone();
    let at = extra.len() - 1;
    for label in ["五(五)", "六"] {
        extra.insert(
            at,
            peixun::policy::Clause {
                clause: label.into(),
                heading_zh: "其他".into(),
                not_scored: None,
            },
        );
    }
    let got = check_inventory(&seed, &extra);
    assert!(codes(&got).contains(&("clause.not_in_original", "五(五)")));
    assert!(codes(&got).contains(&("clause.not_in_original", "六")));

    // A heading that is not the original's: 一(二) is 培训专业.
    let mut heading = full.clone();
    heading[1].heading_zh = "培训时长".into();
    let got = check_inventory(&seed, &heading);
    assert_eq!(codes(&got), [("clause.heading_differs", "一(二)")]);
    assert!(
        got[0].detail_en.contains("培训专业"),
        "{}",
        got[0].detail_en
    );

    // Two clauses swapped.
    let mut order = full.clone();
    order.swap(0, 1);
    assert_eq!(
        codes(&check_inventory(&seed, &order)),
        [("clause.out_of_order", "一(一)")]
    );

    // An unnumbered part whose words no line after the last section begins with.
    let mut part = full.clone();
    part.last_mut().unwrap().heading_zh = "附件".into();
    assert_eq!(
        codes(&check_inventory(&seed, &part)),
        [("clause.not_in_original", "联系方式")]
    );

    // Without the contacts part, its numbered lines would read as items of
    // 五(四); they are not clauses unless the inventory names one, and then
    // every item of 五(四) is (and 五(四)'s own words stay listed as 五(四)).
    let mut no_part = full.clone();
    no_part.pop();
    assert!(check_inventory(&seed, &no_part).is_empty());
}

#[test]
fn numbered_items_are_clauses_where_the_inventory_names_one() {
    let set = builtin();
    let fushun = set.get("fushun-2024-major-conversion").unwrap();
    let seed = seed_text(&fushun.source.seed);
    let full = own_inventory(fushun);
    // 三 学员报名 is listed whole; naming its item 三.1 makes every item a clause.
    let mut items = full.clone();
    let at = items.iter().position(|c| c.clause == "三").unwrap();
    items.insert(
        at + 1,
        peixun::policy::Clause {
            clause: "三.1".into(),
            heading_zh: "身份证原件及复印件".into(),
            not_scored: None,
        },
    );
    assert_eq!(
        codes(&check_inventory(&seed, &items)),
        [
            ("clause.missing", "三.2"),
            ("clause.missing", "三.3"),
            ("clause.missing", "三.4")
        ]
    );
    // Section 七 has words of its own before 七(一), so it is a clause itself.
    let mut no_seven = full.clone();
    no_seven.retain(|c| c.clause != "七");
    assert_eq!(
        codes(&check_inventory(&seed, &no_seven)),
        [("clause.missing", "七")]
    );
    // Liaocheng numbers items 1–13 across its sections: they are its clauses.
    let liaocheng = set.get("liaocheng-2021-skill-upgrade").unwrap();
    let inv = own_inventory(liaocheng);
    assert_eq!(inv.len(), 13);
    assert_eq!(inv[12].clause, "四.13");
    assert!(check_inventory(&seed_text(&liaocheng.source.seed), &inv).is_empty());
}

#[test]
fn every_heading_and_reason_is_written_in_both_languages() {
    for policy in builtin().iter() {
        for c in own_inventory(policy) {
            assert!(
                !c.heading_zh.trim().is_empty(),
                "{} {}",
                policy.id,
                c.clause
            );
            if let Some(n) = &c.not_scored {
                assert!(
                    !n.zh.trim().is_empty() && !n.en.trim().is_empty(),
                    "{} {}: a reason in zh and en",
                    policy.id,
                    c.clause
                );
            }
        }
    }
}

// ----- the lint -----

/// `(code, rule, path)` of every problem `peixun policy lint` finds in a
/// policy text (over the built-in set and the shipped inventories).
fn problems(text: &str) -> Vec<(String, Option<String>, String)> {
    match lint_text(&builtin(), text, &builtin_inventories()) {
        Ok(()) => vec![],
        Err(e) => {
            e.0.into_iter()
                .map(|p| (p.code.to_string(), p.rule_id, p.path))
                .collect()
        }
    }
}

fn one(code: &str, rule: Option<&str>, path: &str) -> Vec<(String, Option<String>, String)> {
    vec![(code.to_owned(), rule.map(str::to_owned), path.to_owned())]
}

#[test]
fn lint_a_rule_citing_a_clause_the_original_does_not_have() {
    let text = toml("dalian-2023-major-conversion").replacen(
        "clause = \"一(一)\"",
        "clause = \"一(九)\"",
        1,
    );
    assert_eq!(
        problems(&text),
        one("policy.unknown_clause", Some("DL-E1"), "$.rules[0].clause")
    );
    // A rule citing several clauses is checked for each: FS-P1 cites 二, 五, 六.
    let text = toml("fushun-2024-major-conversion").replacen(
        "clause = \"二, 五, 六\"",
        "clause = \"二, 五, 十二\"",
        1,
    );
    // … and 六, no longer cited, is left with no rule.
    assert_eq!(
        problems(&text),
        vec![
            (
                "policy.unknown_clause".to_owned(),
                Some("FS-P1".to_owned()),
                "$.rules[6].clause".to_owned()
            ),
            (
                "policy.clause_unaccounted".to_owned(),
                None,
                "$.clauses[8]".to_owned()
            ),
        ]
    );
}

#[test]
fn lint_an_inherited_rule_is_checked_against_its_own_source() {
    // Fushun's DL-E4 has the Dalian notice as its [rules.source]: its clause is
    // checked against the Dalian inventory (二 is a Fushun section, not a
    // Dalian clause).
    let text =
        toml("fushun-2024-major-conversion").replacen("clause = \"一(一)\"", "clause = \"二\"", 1);
    assert_eq!(
        problems(&text),
        one("policy.unknown_clause", Some("DL-E4"), "$.rules[0].clause")
    );
    // 四(二) is a Dalian clause (not a Fushun one): accepted.
    let text = toml("fushun-2024-major-conversion").replacen(
        "clause = \"一(一)\"",
        "clause = \"四(二)\"",
        1,
    );
    assert!(problems(&text).is_empty());
}

#[test]
fn lint_a_rule_citing_a_clause_marked_not_scored() {
    let text = toml("dalian-2023-major-conversion").replacen(
        "clause = \"五(四)\"",
        "clause = \"五(一)\"",
        1,
    );
    let got = problems(&text);
    // DL-P8 now cites 五(一), marked not scored; 五(四) is left with no rule.
    assert_eq!(
        got,
        vec![
            (
                "policy.clause_not_scored".to_owned(),
                Some("DL-P8".to_owned()),
                "$.rules[21].clause".to_owned()
            ),
            (
                "policy.clause_unaccounted".to_owned(),
                None,
                "$.clauses[18]".to_owned()
            ),
        ]
    );
}

/// A small policy of its own document with `clauses` as its inventory and one
/// record rule citing `cites`.
fn small_policy(cites: &str, clauses: &str) -> String {
    format!(
        r#"id = "test-city"
version = "1"
title_zh = "测试"
title_en = "test"
[source]
seed = "test.txt"
title_zh = "测试通知"
[[rules]]
id = "TC-R1"
clause = "{cites}"
roles = ["record"]
kind = "record"
params = {{ items = ["x"] }}
messages.summary = {{ zh = "记录", en = "record" }}
{clauses}"#
    )
}

const NOT_SCORED: &str = r#"not_scored = { zh = "无可判断的条件", en = "nothing to decide" }"#;

#[test]
fn lint_the_policys_own_inventory() {
    let clause = |label: &str, extra: &str| {
        format!("[[clauses]]\nclause = \"{label}\"\nheading_zh = \"某某\"\n{extra}\n")
    };
    // Clean: 一 implemented, 二 not scored.
    let clean = small_policy("一", &(clause("一", "") + &clause("二", NOT_SCORED)));
    assert_eq!(problems(&clean), vec![]);
    // 二 neither implemented nor marked not scored.
    let text = small_policy("一", &(clause("一", "") + &clause("二", "")));
    assert_eq!(
        problems(&text),
        one("policy.clause_unaccounted", None, "$.clauses[1]")
    );
    // 一 twice.
    let text = small_policy("一", &(clause("一", "") + &clause("一", "")));
    assert_eq!(
        problems(&text),
        one("policy.duplicate_clause", None, "$.clauses[1].clause")
    );
    // Two clauses in one entry.
    let text = small_policy("一", &(clause("一", "") + &clause("二, 三", NOT_SCORED)));
    assert_eq!(
        problems(&text),
        one("policy.bad_field", None, "$.clauses[1].clause")
    );
    // 三 is implemented whole, so 三(一) inside it is implemented through it:
    // it needs no reason, and may not be marked not scored.
    let through = small_policy("三", &(clause("三", "") + &clause("三(一)", "")));
    assert_eq!(problems(&through), vec![]);
    let text = small_policy("三", &(clause("三", "") + &clause("三(一)", NOT_SCORED)));
    assert_eq!(
        problems(&text),
        one(
            "policy.clause_not_scored",
            Some("TC-R1"),
            "$.clauses[1].not_scored"
        )
    );
    // A policy without an inventory is not checked against one.
    assert_eq!(problems(&small_policy("九十九", "")), vec![]);
}

#[test]
fn lint_an_inherited_inventory_points_at_extends() {
    // A deployment's file for Dalian (the same document) with no inventory of
    // its own that drops DL-P8: 五(四) of the inherited inventory is left with
    // no rule, and the problem is the base's, so the path is `$.extends`.
    let text = r#"id = "dalian-2023-major-conversion"
version = "2023.1+test"
title_zh = "大连"
title_en = "Dalian"
extends = "dalian-2023-major-conversion"
[[exclude]]
rule = "DL-P8"
clause = "五(四)"
quote_zh = "某某"
because = { zh = "不适用", en = "does not apply" }
[source]
seed = "000_88426c7870350bfb.txt"
title_zh = "关于组织开展高校毕业生2023年免费专业转换及技能提升培训工作的通知"
"#;
    assert_eq!(
        problems(text),
        one("policy.clause_unaccounted", None, "$.extends")
    );
    // The same file citing a clause of the notice in a rule of its own is
    // checked against the inherited inventory.
    let rule = toml("dalian-2023-major-conversion");
    let start = rule.find("[[rules]]\nid = \"DL-P8\"").unwrap();
    let end = rule.find("# ----- Clause inventory").unwrap();
    let p8 = rule[start..end].replacen("clause = \"五(四)\"", "clause = \"五\"", 1);
    let drop = text.find("[[exclude]]").unwrap();
    let keep = text.find("[source]").unwrap();
    let text = format!("{}{}{p8}", &text[..drop], &text[keep..]);
    assert_eq!(
        problems(&text),
        vec![
            (
                "policy.unknown_clause".to_owned(),
                Some("DL-P8".to_owned()),
                "$.rules[0].clause".to_owned()
            ),
            (
                "policy.clause_unaccounted".to_owned(),
                None,
                "$.extends".to_owned()
            ),
        ]
    );
}

// ----- the coverage and its documents -----

fn corpus_cases(read: &[(String, Value, Value)]) -> Vec<Case<'_>> {
    read.iter()
        .map(|(name, request, output)| Case {
            name,
            request,
            output,
        })
        .collect()
}

/// `docs/clauses/<policy>.md` is what `coverage(…).to_markdown()` writes for
/// the repository's golden corpus (`PEIXUN_BLESS=1` writes it again).
#[test]
fn docs_clauses_are_current() {
    let read = golden();
    let cases = corpus_cases(&read);
    let bless = std::env::var_os("PEIXUN_BLESS").is_some();
    let dir = repo().join("docs/clauses");
    let inventories = builtin_inventories();
    let mut stale = Vec::new();
    let set = builtin();
    for policy in set.iter() {
        let md = coverage::coverage(
            policy,
            &inventories,
            Some(Corpus {
                dir: "tests/golden",
                cases: &cases,
            }),
        )
        .to_markdown();
        let path = dir.join(format!("{}.md", policy.id));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &md).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(md.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "not current (PEIXUN_BLESS=1 cargo test --test clause_coverage writes them): {}",
        stale.join(", ")
    );
    // Nothing else in the folder but its README.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let id = name.strip_suffix(".md").unwrap_or(&name);
        assert!(
            name == "README.md" || set.get(id).is_some(),
            "docs/clauses/{name} is no built-in policy's"
        );
    }
}

#[test]
fn every_rule_passes_in_a_golden_case_and_fails_or_is_unknown_in_another() {
    let read = golden();
    let cases = corpus_cases(&read);
    let mut problems = Vec::new();
    let inventories = builtin_inventories();
    for policy in builtin().iter() {
        let c = coverage::coverage(
            policy,
            &inventories,
            Some(Corpus {
                dir: "tests/golden",
                cases: &cases,
            }),
        );
        for g in &c.gaps {
            problems.push(format!(
                "{} {}: no golden case for {}",
                policy.id,
                g.rule,
                g.missing.join(", ")
            ));
        }
        // An exemption by kind that the corpus contradicts is stale.
        for r in &c.rules {
            let shows = match r.statuses {
                Statuses::PassFailUnknown => false,
                Statuses::FailOrUnknown => !r.pass.is_empty(),
                Statuses::None => !r.pass.is_empty() || !r.fail_or_unknown.is_empty(),
            };
            if shows {
                problems.push(format!(
                    "{} {}: its kind `{}` is said to show {:?}, but the corpus shows more: \
                     coverage::kind_statuses is stale",
                    policy.id, r.id, r.kind, r.statuses
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_rule_without_its_cases_is_a_gap() {
    // The coverage can fail: with only the cases where IP-E1 fails, it lacks a pass.
    let read: Vec<(String, Value, Value)> = golden()
        .into_iter()
        .filter(|(n, _, _)| n.starts_with("internet-plus/04") || n.starts_with("internet-plus/09"))
        .collect();
    assert_eq!(read.len(), 2);
    let cases = corpus_cases(&read);
    let set = builtin();
    let c = coverage::coverage(
        set.get("internet-plus-training").unwrap(),
        &builtin_inventories(),
        Some(Corpus {
            dir: "x",
            cases: &cases,
        }),
    );
    let e1 = c.gaps.iter().find(|g| g.rule == "IP-E1").unwrap();
    assert_eq!(e1.missing, ["pass"]);
    // IP-P1 (a record) and IP-A2 (a date planner) give no status: never a gap.
    assert!(c
        .gaps
        .iter()
        .all(|g| g.rule != "IP-P1" && g.rule != "IP-A2"));
    let p1 = c.rules.iter().find(|r| r.id == "IP-P1").unwrap();
    assert_eq!(p1.statuses, Statuses::None);
    assert!(p1
        .statuses_reason
        .as_ref()
        .unwrap()
        .en
        .starts_with("a record"));
}

#[test]
fn fushun_lists_the_dalian_clauses_its_inherited_rules_cite() {
    let set = builtin();
    let c = coverage::coverage(
        set.get("fushun-2024-major-conversion").unwrap(),
        &builtin_inventories(),
        None,
    );
    assert_eq!(c.documents.len(), 2);
    assert!(c.documents[0].own);
    assert_eq!(c.documents[0].seed, "002_fcde794d6c80fe6c.txt");
    let dalian: Vec<(&str, Vec<&str>)> = c.documents[1]
        .clauses
        .iter()
        .map(|k| {
            (
                k.clause.as_str(),
                k.rules.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        dalian,
        [
            ("一(一)", vec!["DL-E1", "DL-E2", "DL-E4", "DL-E5"]),
            ("四(四)", vec!["DL-E6", "DL-P7"]),
            ("五(四)", vec!["DL-P8"]),
        ]
    );
    // FS-P1 cites three sections; each lists it.
    for label in ["二", "五", "六"] {
        let k = c.documents[0]
            .clauses
            .iter()
            .find(|k| k.clause == label)
            .unwrap();
        assert_eq!(k.rules, ["FS-P1"], "{label}");
    }
}

#[test]
fn the_engine_takes_a_policy_with_its_inventory_and_decides_nothing_on_it() {
    // The engine reads the file with its `[[clauses]]` and carries no inventory:
    // a wrong clause is `peixun policy lint`'s to find, never a load error, so
    // the native build and the WebAssembly module (which embeds the policies
    // without inventories) load the same files.
    let text =
        toml("internet-plus-training").replacen("clause = \"二(二)\"", "clause = \"二(六)\"", 1);
    let mut engine = Engine::new().unwrap();
    let request = serde_json::json!({ "text": text }).to_string();
    let out: Value =
        serde_json::from_str(&engine.handle_mut_to_json("policy.load", &request)).unwrap();
    assert!(out.get("error").is_none(), "{out}");
    // The lint of the clauses names it, with its path in the file, and 二(二),
    // which it no longer cites.
    assert_eq!(
        problems(&text),
        vec![
            (
                "policy.unknown_clause".to_owned(),
                Some("IP-P1".to_owned()),
                "$.rules[1].clause".to_owned()
            ),
            (
                "policy.clause_unaccounted".to_owned(),
                None,
                "$.clauses[2]".to_owned()
            ),
        ]
    );
    // A malformed inventory entry is located too.
    let text = toml("internet-plus-training").replacen(
        "heading_zh = \"目标任务\"",
        "heading = \"目标任务\"",
        1,
    );
    let got = problems(&text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].2.as_str()),
        ("policy.bad_field", "$.clauses[0].heading")
    );
}

/// Shipped inventories, each its document's.
#[test]
fn the_shipped_inventories_are_one_per_original() {
    let inventories: Vec<Inventory> = builtin_inventories();
    let mut seeds: Vec<&str> = inventories.iter().map(|i| i.source.seed.as_str()).collect();
    seeds.sort();
    assert_eq!(
        seeds,
        [
            "000_88426c7870350bfb.txt",
            "001_08d20fde8a54b1c2.txt",
            "002_fcde794d6c80fe6c.txt",
            "003_b211e94d2875d135.txt",
            "004_b305acf8db358d60.txt"
        ]
    );
}
