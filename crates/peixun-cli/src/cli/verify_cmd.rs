//! `peixun verify FILES...`: batch-verify claim files offline.

use std::process::ExitCode;

use clap::Args;
use peixun::engine::Engine;
use serde_json::Value;

use super::output;
use super::policy_files::{PolicyFiles, ReadsPolicies};

/// Verify claim files (JSON) offline, each with `claim.verify`, and print a summary.
///
/// A file holds one claim, or a golden case (`{"operation": "claim.verify", "request": {…}}`).
/// Exit code: 1 if any claim is rejected; else 3 if any file could not be read;
/// else 2 if any needs review; else 0.
#[derive(Debug, Args)]
pub struct VerifyCmd {
    /// The claim files.
    #[arg(required = true)]
    files: Vec<String>,
    /// Print the summary as JSON (one object per file) instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for VerifyCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        self.json
    }
}

struct Row {
    file: String,
    decision: String,
    recomputed: String,
    claimed: String,
    failed: usize,
    detail: String,
}

fn field(v: &Value, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| v.get(*k))
        .map(|x| match x {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_else(|| "—".into())
}

/// Failed findings at any depth (claim, trainees, lines).
fn failed_findings(v: &Value) -> usize {
    match v {
        Value::Object(m) => {
            let own = usize::from(
                m.contains_key("rule_id")
                    && m.get("status").and_then(Value::as_str) == Some("fail"),
            );
            own + m.values().map(failed_findings).sum::<usize>()
        }
        Value::Array(a) => a.iter().map(failed_findings).sum(),
        _ => 0,
    }
}

fn verify_one(engine: &Engine, path: &str) -> Row {
    let mut row = Row {
        file: path.to_owned(),
        decision: "bad_input".into(),
        recomputed: "—".into(),
        claimed: "—".into(),
        failed: 0,
        detail: String::new(),
    };
    let text = match output::read_input(path) {
        Ok(t) => t,
        Err(p) => {
            row.detail = format!("[{}] {}", p.code, p.message_en);
            return row;
        }
    };
    // A golden case carries its request.
    let request = match serde_json::from_str::<Value>(&text) {
        Ok(v) if v.get("operation").is_some() && v.get("request").is_some() => {
            peixun::canonical::value_to_string(&v["request"])
        }
        _ => text,
    };
    match engine.handle("claim.verify", &request) {
        Ok(out) => {
            let v: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
            row.decision = field(&v, &["decision"]);
            row.recomputed = field(&v, &["recomputed_total", "total"]);
            row.claimed = field(v.get("totals").unwrap_or(&Value::Null), &["claimed"]);
            row.failed = failed_findings(&v);
        }
        Err(p) => row.detail = format!("[{}] {} {}", p.code, p.path, p.message_en),
    }
    row
}

impl VerifyCmd {
    pub fn run(self, engine: &mut Engine) -> ExitCode {
        let bar = indicatif::ProgressBar::new(self.files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let mut rows = Vec::with_capacity(self.files.len());
        for f in &self.files {
            bar.set_message(f.clone());
            rows.push(verify_one(engine, f));
            bar.inc(1);
        }
        bar.finish_and_clear();
        let count = |d: &str| rows.iter().filter(|r| r.decision == d).count();
        let (accepted, rejected, review, bad) = (
            count("accept"),
            count("reject"),
            count("needs_review"),
            count("bad_input"),
        );
        if self.json {
            let items: Vec<Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "file": r.file, "decision": r.decision, "recomputed_total": r.recomputed,
                        "claimed_total": r.claimed, "failed_findings": r.failed, "error": r.detail,
                    })
                })
                .collect();
            output::print_json(&serde_json::json!({
                "files": items,
                "summary": { "accept": accepted, "reject": rejected, "needs_review": review, "bad_input": bad },
            }));
        } else {
            let w = rows
                .iter()
                .map(|r| r.file.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            outln!(
                "{:<w$}  {:<12}  {:>12}  {:>12}  {:>6}",
                "file",
                "decision",
                "recomputed",
                "claimed",
                "fails"
            );
            outln!("{}", "-".repeat(w + 50));
            for r in &rows {
                outln!(
                    "{:<w$}  {:<12}  {:>12}  {:>12}  {:>6}",
                    r.file,
                    r.decision,
                    r.recomputed,
                    r.claimed,
                    r.failed
                );
                if !r.detail.is_empty() {
                    outln!("{:<w$}    {}", "", r.detail);
                }
            }
            outln!("{}", "-".repeat(w + 50));
            outln!(
                "{} files: {accepted} accepted, {rejected} rejected, {review} need review, {bad} bad input",
                rows.len()
            );
        }
        ExitCode::from(if rejected > 0 {
            output::NO
        } else if bad > 0 {
            output::BAD_INPUT
        } else if review > 0 {
            output::REVIEW
        } else {
            output::OK
        })
    }
}
