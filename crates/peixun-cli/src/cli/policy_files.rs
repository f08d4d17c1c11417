//! `--policy-file FILE`: a deployment's own policy files, loaded over the
//! shipped policies before any command that reads a policy runs. One
//! implementation for every command: each flattens [`PolicyFiles`] into its
//! arguments and is dispatched through [`run_with_policies`].

use std::process::ExitCode;

use clap::Args;
use peixun::engine::Engine;
use peixun::error::Problem;

use super::output::{fail, read_input};

/// The deployment's policy files, in the order given.
#[derive(Debug, Clone, Default, Args)]
pub struct PolicyFiles {
    /// A deployment's own policy file (TOML or JSON), loaded over the shipped
    /// policies first: a file with a shipped policy's ID that `extends` it sets
    /// that policy's figures; repeat the flag for several files, loaded in order.
    #[arg(long = "policy-file", value_name = "FILE", global = true)]
    pub policy_files: Vec<String>,
}

impl PolicyFiles {
    /// Reads every file and loads them into the engine, in order; nothing is
    /// loaded if one cannot be read or fails the lint (the error names it).
    pub fn load(&self, engine: &mut Engine) -> Result<(), Problem> {
        let mut texts = Vec::with_capacity(self.policy_files.len());
        for path in &self.policy_files {
            texts.push((path.as_str(), read_input(path)?));
        }
        engine
            .load_policy_files(texts.iter().map(|(p, t)| (*p, t.as_str())))
            .map(|_| ())
    }
}

/// A command that reads a policy: its deployment files and whether it answers
/// in JSON (for the error, if a file cannot be loaded).
pub trait ReadsPolicies {
    /// The `--policy-file` arguments.
    fn policy_files(&self) -> &PolicyFiles;
    /// Whether `--json` was given.
    fn json(&self) -> bool;
}

/// Builds the engine, loads the command's policy files, then runs it: every
/// command that reads a policy starts here.
pub fn run_with_policies<C: ReadsPolicies>(
    cmd: C,
    run: impl FnOnce(C, &mut Engine) -> ExitCode,
) -> ExitCode {
    let mut engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => return fail(&peixun::error::Explain::problem(&e), cmd.json()),
    };
    if let Err(p) = cmd.policy_files().load(&mut engine) {
        return fail(&p, cmd.json());
    }
    run(cmd, &mut engine)
}
