//! `peixun policy`: list the programmes, show one, lint a policy file, convert one to JSON,
//! show a programme's clause coverage.

use peixun::error::{CliCode, InputCode, PolicyCode};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use peixun::engine::Engine;
use peixun::error::{Explain, Problem};
use peixun::policy::{Format, PolicyErrors};

use super::output::{self, fail, print_json};
use super::policy_files::{PolicyFiles, ReadsPolicies};

/// Policies: list, show, lint, convert, coverage.
#[derive(Debug, Args)]
pub struct PolicyCmd {
    #[command(subcommand)]
    action: PolicyAction,
    /// Print JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for PolicyCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        self.json
    }
}

#[derive(Debug, Subcommand)]
enum PolicyAction {
    /// List the loaded programmes.
    List,
    /// Show one programme's rules.
    Show {
        /// The policy ID.
        id: String,
    },
    /// Lint a policy file (TOML or JSON), its rules' clauses against the clause
    /// inventories included. Exit code 0 clean, 1 problems found, 3 unreadable.
    Lint {
        /// The file, or `-` for standard input.
        file: String,
    },
    /// Every clause of the policy's original in order: the rules that
    /// implement it and, for each rule, the golden cases where it passes and
    /// those where it fails or is unknown; or why the clause is not scored
    /// (docs/clauses/<ID>.md is this output). Exit code 0 when every rule has
    /// both cases (or its kind cannot show them), 1 when one lacks a case, 3
    /// on bad input.
    Coverage {
        /// The policy ID.
        id: String,
        /// The golden corpus to read (default: `tests/golden` of the
        /// repository, when it is there).
        #[arg(long, value_name = "DIR")]
        golden: Option<std::path::PathBuf>,
    },
    /// Print a policy file (TOML or JSON) as JSON, the form the WebAssembly
    /// module reads. The file is linted first: exit code 1 if it has problems.
    Convert {
        /// The file, or `-` for standard input.
        file: String,
    },
}

impl PolicyCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        match self.action {
            PolicyAction::List => {
                if self.json {
                    let list: Vec<_> = engine
                        .policies()
                        .iter()
                        .map(|p| serde_json::json!({"id": p.id, "version": p.version, "title_zh": p.title_zh, "title_en": p.title_en, "rules": p.rules.len()}))
                        .collect();
                    print_json(&list);
                } else {
                    for p in engine.policies().iter() {
                        outln!(
                            "{:<36} {:<8} {:>3} rules  {}",
                            p.id,
                            p.version,
                            p.rules.len(),
                            p.title_zh
                        );
                    }
                }
                ExitCode::from(output::OK)
            }
            PolicyAction::Show { id } => {
                let policy = match engine.policy(&id) {
                    Ok(p) => p,
                    Err(e) => return fail(&e.problem(), self.json),
                };
                if self.json {
                    print_json(policy);
                } else {
                    outln!("{} {} — {}", policy.id, policy.version, policy.title_zh);
                    outln!("{}", policy.title_en);
                    for r in &policy.rules {
                        let summary = r
                            .messages
                            .get("summary")
                            .map(|m| m.zh.as_str())
                            .unwrap_or("");
                        outln!(
                            "  {:<6} {:<12} {:<30} {}",
                            r.id,
                            r.clause,
                            r.kind.name(),
                            summary
                        );
                    }
                    if !policy.dropped.is_empty() {
                        outln!("不适用的继承规则 / inherited rules it does not apply:");
                    }
                    for d in &policy.dropped {
                        let how = if d.replaced_by.is_empty() {
                            format!(
                                "不适用 not applicable ({} {}：“{}”)",
                                d.source.title_zh,
                                d.clause.as_deref().unwrap_or(""),
                                d.quote_zh.as_deref().unwrap_or("")
                            )
                        } else {
                            format!("由 {} 替代 replaced by", d.replaced_by.join("、"))
                        };
                        outln!("  {:<6} {:<12} {}", d.rule_id, d.rule_clause, how);
                        outln!("         {}", d.because.zh);
                        outln!("         {}", d.because.en);
                    }
                }
                ExitCode::from(output::OK)
            }
            PolicyAction::Coverage { id, golden } => coverage(engine, &id, golden, self.json),
            PolicyAction::Convert { file } => {
                let text = match output::read_input(&file) {
                    Ok(t) => t,
                    Err(p) => return fail(&p, self.json),
                };
                if let Err(errors) = engine.lint_policy(&text) {
                    print_problems(&errors, self.json);
                    return ExitCode::from(output::NO);
                }
                let value: Result<serde_json::Value, String> = match Format::sniff(&text) {
                    Format::Json => serde_json::from_str(&text).map_err(|e| e.to_string()),
                    Format::Toml => toml::from_str(&text).map_err(|e| e.to_string()),
                };
                match value {
                    Ok(v) => {
                        print_json(&v);
                        ExitCode::from(output::OK)
                    }
                    // Linted, so readable; kept for completeness.
                    Err(e) => fail(
                        &Problem::new(PolicyCode::Syntax, "$", e.clone(), e),
                        self.json,
                    ),
                }
            }
            PolicyAction::Lint { file } => {
                let text = match output::read_input(&file) {
                    Ok(t) => t,
                    Err(p) => return fail(&p, self.json),
                };
                // The engine's lint, then the rules' clauses against the clause
                // inventories (the file's own, or the shipped ones).
                let linted = engine.lint_policy(&text).and_then(|r| {
                    peixun::policy::coverage::lint_text(
                        engine.policies(),
                        &text,
                        &peixun::policy::coverage::builtin_inventories(),
                    )
                    .map(|()| r)
                });
                match linted {
                    Ok(r) => {
                        if self.json {
                            print_json(
                                &serde_json::json!({"ok": true, "policy": r, "problems": []}),
                            );
                        } else {
                            outln!("ok: {} {}", r.id, r.version);
                        }
                        ExitCode::from(output::OK)
                    }
                    Err(errors) => {
                        print_problems(&errors, self.json);
                        ExitCode::from(output::NO)
                    }
                }
            }
        }
    }
}

fn print_problems(errors: &PolicyErrors, json: bool) {
    if json {
        let problems: Vec<_> = errors
            .0
            .iter()
            .map(|e| serde_json::json!({"code": e.code, "rule_id": e.rule_id, "path": e.path, "message_zh": e.message_zh(), "message_en": e.message_en()}))
            .collect();
        print_json(&serde_json::json!({"ok": false, "problems": problems}));
    } else {
        for e in &errors.0 {
            outln!("[{}] {}", e.code, e.message_en());
            outln!("    {}", e.message_zh());
        }
    }
}

/// `peixun policy coverage ID [--golden DIR]`: reads the golden cases and
/// prints `policy::coverage` as Markdown, or as JSON with `--json`.
fn coverage(engine: &Engine, id: &str, golden: Option<std::path::PathBuf>, json: bool) -> ExitCode {
    use peixun::policy::coverage::{builtin_inventories, coverage, Case, Corpus};
    use std::path::{Path, PathBuf};

    let policy = match engine.policy(id) {
        Ok(p) => p,
        Err(e) => return fail(&e.problem(), json),
    };
    // The corpus: as given, else `tests/golden` here, else in the source tree
    // the program was built from; with neither, no cases are read.
    let (dir, label): (Option<PathBuf>, String) = match golden {
        Some(d) => {
            if !d.is_dir() {
                let shown = d.display().to_string();
                return fail(
                    &Problem::new(
                        CliCode::ReadFailed,
                        "$",
                        format!("{shown} 不是目录"),
                        format!("{shown} is not a directory"),
                    ),
                    json,
                );
            }
            let label = d.display().to_string();
            (Some(d), label)
        }
        None => {
            let here = Path::new("tests/golden");
            let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
            if here.is_dir() {
                (Some(here.to_path_buf()), "tests/golden".to_owned())
            } else if built.is_dir() {
                let label = built.display().to_string();
                (Some(built), label)
            } else {
                (None, String::new())
            }
        }
    };
    let mut read: Vec<(String, serde_json::Value, serde_json::Value)> = Vec::new();
    if let Some(dir) = &dir {
        let mut files = Vec::new();
        if let Err(p) = json_files(dir, &mut files) {
            return fail(&p, json);
        }
        files.sort();
        for path in files {
            let shown = path.display().to_string();
            let text = match output::read_input(&shown) {
                Ok(t) => t,
                Err(p) => return fail(&p, json),
            };
            let mut case: serde_json::Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => {
                    return fail(
                        &Problem::new(
                            InputCode::MalformedJson,
                            "$",
                            format!("{shown} 不是有效的 JSON：{e}"),
                            format!("{shown} is not valid JSON: {e}"),
                        ),
                        json,
                    )
                }
            };
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            read.push((name, case["request"].take(), case["output"].take()));
        }
    }
    let cases: Vec<Case> = read
        .iter()
        .map(|(name, request, output)| Case {
            name,
            request,
            output,
        })
        .collect();
    let corpus = dir.as_ref().map(|_| Corpus {
        dir: &label,
        cases: &cases,
    });
    let c = coverage(policy, &builtin_inventories(), corpus);
    if json {
        print_json(&c);
    } else {
        out!("{}", c.to_markdown());
    }
    if c.gaps.is_empty() {
        ExitCode::from(output::OK)
    } else {
        ExitCode::from(output::NO)
    }
}

/// Every `.json` file under `dir`, at any depth.
fn json_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), Problem> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Problem::new(
            CliCode::ReadFailed,
            "$",
            format!("无法读取目录 {}：{e}", dir.display()),
            format!("cannot read the directory {}: {e}", dir.display()),
        )
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}
