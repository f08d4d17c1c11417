//! The rule families form a DAG: `claim` on top of `attendance`, `class`,
//! `deadlines`, `eligibility` and `subsidy`, none of which reaches back up.
//! Read from the source: every `crate::rules::<family>` path (or
//! `super::<family>` from a family's root) outside comments is an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules")
}

/// The families: each directory or file directly under `src/rules` but `mod.rs`.
fn families() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(rules_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_str()?.to_owned();
            (name != "mod").then_some(name)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn sources(family: &str) -> Vec<PathBuf> {
    let dir = rules_dir().join(family);
    if dir.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        files.sort();
        files
    } else {
        vec![rules_dir().join(format!("{family}.rs"))]
    }
}

/// The families a family's code (not its comments) names.
fn edges(family: &str, all: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in sources(family) {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for other in all.iter().filter(|o| *o != family) {
                if code.contains(&format!("crate::rules::{other}"))
                    || code.contains(&format!("rules::{{{other}"))
                {
                    out.insert(other.clone());
                }
            }
        }
    }
    out
}

#[test]
fn the_rule_families_form_a_dag() {
    let all = families();
    assert!(all.len() >= 7, "{all:?}");
    let graph: BTreeMap<String, BTreeSet<String>> =
        all.iter().map(|f| (f.clone(), edges(f, &all))).collect();
    // Depth-first search for a cycle; report the path.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in &graph[node] {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for f in &all {
        if let Some(cycle) = visit(f, &graph, &mut Vec::new(), &mut done) {
            panic!("a cycle between rule families: {}", cycle.join(" → "));
        }
    }
    // The claim is the top of the families it verifies, and none of them names it.
    for below in ["attendance", "class", "deadlines", "eligibility", "subsidy"] {
        assert!(
            !graph[below].contains("claim"),
            "{below} names claim: {:?}",
            graph[below]
        );
    }
}
