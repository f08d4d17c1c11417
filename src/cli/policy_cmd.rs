//! `peixun policy`: list the programmes, show one, lint a policy file, convert one to JSON.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use peixun::engine::Engine;
use peixun::error::{Explain, Problem};
use peixun::policy::{Format, PolicyErrors};

use super::output::{self, fail, print_json};
use super::policy_files::{PolicyFiles, ReadsPolicies};

/// Policies: list, show, lint, convert.
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
    /// Lint a policy file (TOML or JSON). Exit code 0 clean, 1 problems found, 3 unreadable.
    Lint {
        /// The file, or `-` for standard input.
        file: String,
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
                    Err(e) => fail(&Problem::new("policy.syntax", "$", e.clone(), e), self.json),
                }
            }
            PolicyAction::Lint { file } => {
                let text = match output::read_input(&file) {
                    Ok(t) => t,
                    Err(p) => return fail(&p, self.json),
                };
                match engine.lint_policy(&text) {
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
