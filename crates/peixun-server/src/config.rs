//! The server's configuration: a TOML file, environment variables and flags.
//!
//! ```toml
//! listen = "127.0.0.1:8080"
//! data_dir = ".peixun-data"
//! # database_url = "postgres://peixun@db.example/peixun"   # else SQLite under data_dir
//! # holder_key = "<43 characters of base64url>"            # or holder_key_file, or PEIXUN_HOLDER_KEY
//! # signing_key_file = "keys/ln-2024-1.private.json"       # enables POST /v1/vouchers
//! # trusted_keys_file = "keys/keys.json"                   # default keys for /v1/vouchers/verify
//! www_dir = "www-demo/dist"
//! # policy_files = ["policies/dalian-deployment.toml"]     # the deployment's own policy files
//! # cors_origins = ["https://portal.example.gov.cn"]       # browsers' origins allowed (CORS); none: off
//!
//! [limits]
//! max_body_bytes = 4194304
//! request_timeout_ms = 15000
//! max_trainees = 200
//! max_events = 1000
//! max_in_flight = 512            # every route together: 503 http.overloaded
//! max_body_memory_bytes = 33554432  # request bodies held at once, all requests: 503 http.overloaded
//! engine_workers = 0             # engine runs at once off the async threads (0: one per CPU)
//! header_read_timeout_ms = 10000 # a request's headers, and a kept-alive connection's wait for the next
//! max_connections = 1024         # open connections; one more is answered 503 http.overloaded and closed
//!
//! [[tokens]]
//! role = "institution"
//! credit_code = "91210200MA0000000X"
//! name = "某职业培训学校"
//! sha256 = "…64 hex digits: SHA-256 of the bearer token…"
//!
//! [[tokens]]
//! role = "authority"
//! name = "大连市人社局"
//! sha256 = "…"
//! ```
//!
//! Precedence: a command-line flag, then an environment variable
//! (`PEIXUN_LISTEN`, `PEIXUN_DATA_DIR`, `DATABASE_URL`, `PEIXUN_HOLDER_KEY`,
//! `PEIXUN_POLICY_FILES`), then the file, then the default. The deployment's
//! policy files come from `--policy-file` (repeated), else
//! `PEIXUN_POLICY_FILES` (paths separated as in `PATH`), else `policy_files`;
//! each is linted when the server starts, and one that fails stops it before
//! it opens the ledger or listens. Tokens are only ever configured by their
//! SHA-256 (`peixun serve --hash-token TOKEN` prints it): the file does not hold
//! a secret that opens the API.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use peixun::error::Problem;
use peixun::voucher::HolderKey;

/// Limits on what one request may ask for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest request body, in bytes (over it: 413 `http.too_large`).
    pub max_body_bytes: usize,
    /// Longest a request may take, in milliseconds (over it: 408 `http.timeout`).
    pub request_timeout_ms: u64,
    /// Most trainees (or workers) in one claim (over it: 413 `limits.too_many_trainees`).
    pub max_trainees: usize,
    /// Most events in one `voucher.replay` or lifecycle request (413 `limits.too_many_events`).
    pub max_events: usize,
    /// Most requests in flight at once, across every route together; more are
    /// refused with 503 `http.overloaded`.
    pub max_in_flight: usize,
    /// Most request-body bytes held at once across every request in flight: a
    /// request reserves its `Content-Length` (or `max_body_bytes` when it sends
    /// none) before its body is read, and is refused with 503 `http.overloaded`
    /// when the reservation does not fit. Parsing a body into JSON costs a
    /// multiple of its size, so this bounds memory, it does not measure it.
    pub max_body_memory_bytes: usize,
    /// Engine runs (claim verification, punch checks, every operation on a
    /// request body) at once, each on a blocking thread off the async runtime,
    /// so that `/health` and light routes keep answering; more wait their turn
    /// (within `request_timeout_ms`). 0: one per CPU.
    pub engine_workers: usize,
    /// How long a connection may take to send a request's headers, in
    /// milliseconds; also how long a kept-alive connection may wait for its
    /// next request (the timer starts when the server waits for a request's
    /// first byte). Over it the connection is closed.
    pub header_read_timeout_ms: u64,
    /// Most open connections; one more is answered 503 `http.overloaded` and
    /// closed at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 4 * 1024 * 1024,
            request_timeout_ms: 15_000,
            max_trainees: 200,
            max_events: 1000,
            max_in_flight: 512,
            max_body_memory_bytes: 32 * 1024 * 1024,
            engine_workers: 0,
            header_read_timeout_ms: 10_000,
            max_connections: 1024,
        }
    }
}

impl Limits {
    /// The request timeout.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_millis(self.request_timeout_ms)
    }

    /// The header-read (and keep-alive idle) timeout.
    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_millis(self.header_read_timeout_ms)
    }

    /// The number of engine runs at once (`engine_workers`, 0: the CPUs).
    pub fn engine_workers(&self) -> usize {
        if self.engine_workers > 0 {
            self.engine_workers
        } else {
            std::thread::available_parallelism().map_or(2, usize::from)
        }
    }
}

/// Who a bearer token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenRole {
    /// A training institution: submits and reads its own claims.
    Institution,
    /// The authority: vouchers, lifecycle events, blacklist, every claim.
    Authority,
}

/// A configured bearer token, by its SHA-256.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenEntry {
    /// Institution or authority.
    pub role: TokenRole,
    /// For an institution: its unified social credit code.
    #[serde(default)]
    pub credit_code: Option<String>,
    /// A name for the logs.
    #[serde(default)]
    pub name: Option<String>,
    /// SHA-256 of the token, 64 hexadecimal digits.
    pub sha256: String,
}

/// The configuration file's shape.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Address to listen on.
    pub listen: Option<String>,
    /// Directory for the SQLite file and generated keys.
    pub data_dir: Option<PathBuf>,
    /// `postgres://…` (or `sqlite://…`); default: SQLite under `data_dir`.
    pub database_url: Option<String>,
    /// The holder key (base64url, 32 bytes) that hashes ID numbers.
    pub holder_key: Option<String>,
    /// A holder key file (`peixun keygen --holder-key`).
    pub holder_key_file: Option<PathBuf>,
    /// The authority's signing key file, to issue vouchers.
    pub signing_key_file: Option<PathBuf>,
    /// Trusted public keys (`keys.json`), used when a verify request brings none.
    pub trusted_keys_file: Option<PathBuf>,
    /// The static demo pages.
    pub www_dir: Option<PathBuf>,
    /// The deployment's own policy files (TOML or JSON), loaded in order over
    /// the shipped policies at start (a file with the ID of a shipped policy
    /// that `extends` it sets that policy's deployment parameters).
    #[serde(default)]
    pub policy_files: Vec<PathBuf>,
    /// The origins (`https://host[:port]`) whose pages may call the API from a
    /// browser (CORS); empty, the default: no CORS headers at all.
    #[serde(default)]
    pub cors_origins: Vec<String>,
    /// Limits.
    #[serde(default)]
    pub limits: Limits,
    /// Bearer tokens.
    #[serde(default)]
    pub tokens: Vec<TokenEntry>,
}

/// The resolved configuration the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (port 0 picks a free one).
    pub listen: SocketAddr,
    /// Directory for the SQLite file and the generated holder key.
    pub data_dir: PathBuf,
    /// Database URL; `None` is SQLite at `data_dir/ledger.sqlite3`.
    pub database_url: Option<String>,
    /// The key that turns ID numbers into the ledger's pseudonyms.
    pub holder_key: Option<HolderKey>,
    /// The signing key file's text (voucher issuing), if configured.
    pub signing_key: Option<String>,
    /// Trusted keys JSON, if configured.
    pub trusted_keys: Option<String>,
    /// Static pages directory.
    pub www_dir: PathBuf,
    /// The deployment's policy files: each path (for messages) and its text,
    /// loaded in order when the server starts; one that fails the lint stops it.
    pub policies: Vec<(PathBuf, String)>,
    /// Origins allowed to call from a browser (CORS); empty: CORS is off.
    pub cors_origins: Vec<String>,
    /// Limits.
    pub limits: Limits,
    /// Tokens.
    pub tokens: Vec<TokenEntry>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from(".peixun-data"),
            database_url: None,
            holder_key: None,
            signing_key: None,
            trusted_keys: None,
            www_dir: PathBuf::from("www-demo/dist"),
            policies: Vec::new(),
            cors_origins: Vec::new(),
            limits: Limits::default(),
            tokens: Vec::new(),
        }
    }
}

fn config_problem(en: String) -> Problem {
    Problem::new(
        peixun::error::ServerCode::Config,
        "$",
        format!("配置错误：{en}"),
        en,
    )
}

fn read(path: &Path, what: &str) -> Result<String, Problem> {
    std::fs::read_to_string(path)
        .map_err(|e| config_problem(format!("cannot read {what} {}: {e}", path.display())))
}

/// Command-line overrides (each `None` when the flag was not given).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--listen`.
    pub listen: Option<String>,
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
    /// `--database-url`.
    pub database_url: Option<String>,
    /// `--config`.
    pub config_file: Option<PathBuf>,
    /// `--policy-file`, repeated (empty: not given).
    pub policy_files: Vec<PathBuf>,
}

impl Config {
    /// Resolves flags, environment and file into a configuration.
    pub fn resolve(over: Overrides) -> Result<Config, Problem> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let file_path = over
            .config_file
            .clone()
            .or_else(|| env("PEIXUN_CONFIG").map(PathBuf::from));
        let file: FileConfig = match &file_path {
            Some(p) => toml::from_str(&read(p, "the configuration file")?)
                .map_err(|e| config_problem(format!("{}: {}", p.display(), e.message().trim())))?,
            None => FileConfig::default(),
        };
        // Paths in the file are relative to the file.
        let base = file_path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let rel = |p: &PathBuf| {
            if p.is_absolute() {
                p.clone()
            } else {
                base.join(p)
            }
        };
        let mut config = Config::default();
        let listen = over.listen.or_else(|| env("PEIXUN_LISTEN")).or(file.listen);
        if let Some(l) = listen {
            config.listen = l
                .parse()
                .map_err(|e| config_problem(format!("listen address `{l}`: {e}")))?;
        }
        config.data_dir = over
            .data_dir
            .or_else(|| env("PEIXUN_DATA_DIR").map(PathBuf::from))
            .or_else(|| file.data_dir.as_ref().map(rel))
            .unwrap_or(config.data_dir);
        config.database_url = over
            .database_url
            .or_else(|| env("DATABASE_URL"))
            .or(file.database_url);
        let key_text = env("PEIXUN_HOLDER_KEY").or(file.holder_key);
        config.holder_key = match (key_text, &file.holder_key_file) {
            (Some(k), _) => Some(
                HolderKey::from_base64url(&k)
                    .map_err(|e| config_problem(format!("holder key: {e}")))?,
            ),
            (None, Some(p)) => Some(
                HolderKey::from_key_file(&read(&rel(p), "the holder key file")?)
                    .map_err(|e| config_problem(format!("holder key file: {e}")))?,
            ),
            (None, None) => None,
        };
        if let Some(p) = &file.signing_key_file {
            config.signing_key = Some(read(&rel(p), "the signing key file")?);
        }
        if let Some(p) = &file.trusted_keys_file {
            config.trusted_keys = Some(read(&rel(p), "the trusted keys file")?);
        }
        if let Some(p) = &file.www_dir {
            config.www_dir = rel(p);
        }
        // Flag, else environment, else file: the list as a whole, never merged.
        let policy_files: Vec<PathBuf> = if !over.policy_files.is_empty() {
            over.policy_files
        } else if let Some(list) = env("PEIXUN_POLICY_FILES") {
            std::env::split_paths(&list)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        } else {
            file.policy_files.iter().map(rel).collect()
        };
        for path in policy_files {
            let text = read(&path, "the policy file")?;
            config.policies.push((path, text));
        }
        config.cors_origins = file.cors_origins;
        config.limits = file.limits;
        config.tokens = file.tokens;
        config.validate()?;
        Ok(config)
    }

    /// Checks the tokens (64 hex digits each, institutions with a valid credit
    /// code), the limits and the CORS origins.
    pub fn validate(&self) -> Result<(), Problem> {
        for (i, origin) in self.cors_origins.iter().enumerate() {
            if let Err(why) = check_origin(origin) {
                return Err(Problem::new(peixun::error::ServerCode::Config,
                    format!("$.cors_origins[{i}]"),
                    format!("配置错误：cors_origins[{i}] `{origin}` 不是来源（scheme://host[:port]）：{}", why.0),
                    format!("cors_origins[{i}] `{origin}` is not an origin (scheme://host[:port]): {}", why.1),
                ));
            }
        }
        for (i, t) in self.tokens.iter().enumerate() {
            if t.sha256.len() != 64 || !t.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(config_problem(format!(
                    "tokens[{i}].sha256 is not 64 hexadecimal digits"
                )));
            }
            match (&t.role, &t.credit_code) {
                (TokenRole::Institution, None) => {
                    return Err(config_problem(format!(
                        "tokens[{i}]: an institution token needs its credit_code"
                    )))
                }
                (TokenRole::Institution, Some(c)) => {
                    peixun::identity::check_credit_code(c)
                        .map_err(|e| config_problem(format!("tokens[{i}].credit_code: {e}")))?;
                }
                (TokenRole::Authority, _) => {}
            }
        }
        let l = &self.limits;
        if l.max_body_bytes == 0
            || l.max_in_flight == 0
            || l.max_connections == 0
            || l.header_read_timeout_ms == 0
            || l.request_timeout_ms == 0
        {
            return Err(config_problem(
                "limits must be positive (max_body_bytes, max_in_flight, max_connections, \
                 header_read_timeout_ms, request_timeout_ms)"
                    .into(),
            ));
        }
        if l.max_body_memory_bytes < l.max_body_bytes {
            return Err(config_problem(format!(
                "limits.max_body_memory_bytes ({}) must be at least max_body_bytes ({})",
                l.max_body_memory_bytes, l.max_body_bytes
            )));
        }
        Ok(())
    }
}

/// Checks a browser origin as a page sends it in `Origin`: `http` or `https`,
/// a host, an optional port, nothing after (no path, no slash, no `*`).
/// The reason, in Chinese and English, when it is not one.
///
/// ```
/// use peixun_server::config::check_origin;
/// assert!(check_origin("https://portal.example.gov.cn").is_ok());
/// assert!(check_origin("http://127.0.0.1:5173").is_ok());
/// assert!(check_origin("https://portal.example.gov.cn/").is_err());
/// assert!(check_origin("*").is_err());
/// ```
pub fn check_origin(origin: &str) -> Result<(), (&'static str, &'static str)> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or((
            "应以 http:// 或 https:// 开头",
            "it must start with http:// or https://",
        ))?;
    let bad_host = (
        "主机名只能含字母、数字、点和连字符，其后不能有路径",
        "the host may hold only letters, digits, dots and hyphens, with no path after it",
    );
    // An IPv6 literal is bracketed; anything else is a name or IPv4 address.
    let (host_ok, port) = if let Some(inner) = rest.strip_prefix('[') {
        let (addr, after) = inner.split_once(']').ok_or(bad_host)?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or(bad_host)?),
        };
        (addr.parse::<std::net::Ipv6Addr>().is_ok(), port)
    } else {
        let (host, port) = match rest.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        };
        let ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
        (ok, port)
    };
    if !host_ok {
        return Err(bad_host);
    }
    if let Some(p) = port {
        if p.parse::<u16>().map_or(true, |n| n == 0) {
            return Err(("端口应为 1–65535", "the port must be 1 to 65535"));
        }
    }
    Ok(())
}

/// SHA-256 of a bearer token, as configured in `tokens[].sha256`.
///
/// ```
/// assert_eq!(
///     peixun_server::config::token_sha256("abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn token_sha256(token: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
