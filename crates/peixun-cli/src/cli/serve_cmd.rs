//! `peixun serve`: the authority's verifier (HTTP API and ledger).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use peixun::error::{Code, ServerCode};
use peixun_server::config::{token_sha256, Config, Overrides};

use super::output;

/// The exit code when the holder key is not the ledger's (`server.holder_key_mismatch`)
/// or is missing while the ledger has a fingerprint (`server.holder_key_missing`).
pub const KEY_REFUSED: u8 = 4;

/// Run the verifier: the HTTP API on axum, the ledger on SQLite (default) or PostgreSQL.
///
/// Stops on SIGTERM or Ctrl-C after finishing the requests in flight. Exit code
/// 4 when the holder key is not the one the ledger was written with, or is
/// missing while the ledger has recorded one (3 for other bad configuration).
#[derive(Debug, Args)]
pub struct ServeCmd {
    /// Address to listen on [env: PEIXUN_LISTEN] [default: 127.0.0.1:8080].
    #[arg(long)]
    listen: Option<String>,
    #[command(flatten)]
    ledger: LedgerArgs,
    /// A deployment's own policy file, loaded over the shipped policies (repeat
    /// for several, in order) [env: PEIXUN_POLICY_FILES] [config: policy_files].
    /// A file that fails the lint stops the server before it starts.
    #[arg(long = "policy-file", value_name = "FILE")]
    policy_files: Vec<PathBuf>,
    /// Print the SHA-256 of a bearer token (for `tokens[].sha256`) and exit.
    #[arg(long, value_name = "TOKEN")]
    hash_token: Option<String>,
}

/// Where the verifier's ledger and keys are: `peixun serve` and `peixun review`.
#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Directory for the SQLite ledger and generated keys [env: PEIXUN_DATA_DIR] [default: .peixun-data].
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// `postgres://…` to keep the ledger in PostgreSQL [env: DATABASE_URL].
    #[arg(long)]
    pub database_url: Option<String>,
    /// The configuration file (TOML: tokens, keys, limits) [env: PEIXUN_CONFIG].
    #[arg(long)]
    pub config: Option<PathBuf>,
}

impl LedgerArgs {
    /// The verifier's configuration with these flags (and `listen`, policy files).
    pub fn overrides(self, listen: Option<String>, policy_files: Vec<PathBuf>) -> Overrides {
        Overrides {
            listen,
            data_dir: self.data_dir,
            database_url: self.database_url,
            config_file: self.config,
            policy_files,
        }
    }
}

impl ServeCmd {
    pub fn run(self) -> ExitCode {
        if let Some(t) = &self.hash_token {
            outln!("{}", token_sha256(t));
            return ExitCode::from(output::OK);
        }
        peixun_server::init_logging();
        let config = match Config::resolve(self.ledger.overrides(self.listen, self.policy_files)) {
            Ok(c) => c,
            Err(p) => return output::fail(&p, false),
        };
        let www = config.www_dir.clone();
        match peixun_server::run_blocking(config, |addr| {
            eprintln!("peixun verifier listening on http://{addr}/");
            if www.is_dir() {
                eprintln!("  demo pages:  http://{addr}/demo/");
            }
            eprintln!("  health:      http://{addr}/health");
            eprintln!("  API:         http://{addr}/openapi.json");
        }) {
            Ok(()) => ExitCode::from(output::OK),
            Err(p) => {
                let code = output::fail(&p, false);
                if matches!(
                    p.code,
                    Code::Server(ServerCode::HolderKeyMismatch | ServerCode::HolderKeyMissing)
                ) {
                    ExitCode::from(KEY_REFUSED)
                } else {
                    code
                }
            }
        }
    }
}
