//! The authority's verifier: an HTTP API that re-runs the engine on what the
//! phones and portals send, and a ledger that remembers (feature `server`,
//! native only).
//!
//! - [`config`]: flags, environment, the TOML file; tokens by their SHA-256.
//! - [`ledger`]: SQLite or PostgreSQL through sqlx, the portable migrations,
//!   the constraints that make the guarantees.
//! - `http`: the routes, access control, limits, JSON errors.
//! - `submit`: claim submission (verify, cross-check against the ledger,
//!   record in one transaction, idempotent).
//! - `vouchers`: issuing and lifecycle events (authority only).
//! - [`privacy`]: ID numbers and credit codes found inside any stored or
//!   logged string and replaced; the data directory's and files' modes.
//! - [`openapi`]: the API's OpenAPI document, built from the route table.
//!
//! ```no_run
//! # async fn demo() -> Result<(), peixun::error::Problem> {
//! let mut config = peixun_server::config::Config::default();
//! config.listen = "127.0.0.1:0".parse().unwrap();
//! let server = peixun_server::start(config).await?;
//! println!("listening on http://{}", server.addr());
//! server.shutdown().await;
//! # Ok(()) }
//! ```

mod access;
mod claim_ledger;
pub mod codes;
pub mod config;
mod engine_runs;
mod http;
pub mod keys;
pub mod ledger;
mod limits;
pub mod openapi;
pub mod privacy;
mod punches;
mod respond;
pub mod review;
mod submit;
mod vouchers;
mod writes;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use tokio::sync::oneshot;

use peixun::engine::Engine;
use peixun::error::Problem;
use peixun::voucher::{HolderKey, Issuer};

pub use http::{route_table, Route};

use config::{Config, TokenRole};
use ledger::Ledger;

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No token: public, stateless routes only.
    Public,
    /// An institution, by its credit code.
    Institution {
        /// Unified social credit code.
        credit_code: String,
        /// Name for the logs.
        name: String,
    },
    /// The authority.
    Authority {
        /// Name for the logs.
        name: String,
    },
}

impl Caller {
    /// `public`, `institution` or `authority`.
    pub fn role(&self) -> &'static str {
        match self {
            Caller::Public => "public",
            Caller::Institution { .. } => "institution",
            Caller::Authority { .. } => "authority",
        }
    }
}

/// Everything a request handler needs.
pub(crate) struct State {
    pub engine: Engine,
    pub ledger: Ledger,
    pub keys: keys::ServerKeys,
    pub tokens: Vec<([u8; 32], Caller)>,
    pub config: Config,
    pub issuer: Option<Issuer>,
    pub trusted_keys: Option<serde_json::Value>,
    pub admission: limits::Admission,
    /// This API's OpenAPI document (`openapi::document_text`), written once at
    /// start: the route table is fixed, and the router need not know how the
    /// document is built.
    pub openapi: String,
}

impl State {
    /// The caller a bearer token belongs to. The token's SHA-256 is compared
    /// with every configured token's in constant time (`subtle`), all of them
    /// every time, so neither the comparison nor the lookup's length tells an
    /// attacker how much of a guess was right.
    pub fn caller_of(&self, token: &str) -> Option<Caller> {
        use sha2_hkdf::Digest;
        use subtle::ConstantTimeEq;
        let digest: [u8; 32] = sha2_hkdf::Sha256::digest(token.as_bytes()).into();
        let mut found = None;
        for (hash, caller) in &self.tokens {
            if bool::from(hash.ct_eq(&digest)) {
                found = Some(caller.clone());
            }
        }
        found
    }
}

/// 64 hexadecimal digits as bytes (a configured token's SHA-256).
fn sha256_bytes(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.trim().as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in hex.chunks(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

pub(crate) type AppState = Arc<State>;

/// A running server.
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<()>,
    ledger: Ledger,
}

impl Server {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The ledger (for tests and tools).
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Stops accepting connections, lets in-flight requests finish, closes the ledger.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.done).await;
        self.ledger.close().await;
    }

    /// Waits until the server stops (after a shutdown signal).
    pub async fn wait(mut self) {
        let _ = (&mut self.done).await;
        self.ledger.close().await;
    }
}

fn key_problem(code: peixun::error::ServerCode, zh: String, en: String) -> Problem {
    Problem::new(code, "$.holder_key", zh, en)
}

/// The holder key, checked against the fingerprint the ledger recorded.
///
/// - A configured key (or the one generated earlier in the data directory)
///   whose fingerprint is not the ledger's: `server.holder_key_mismatch`.
/// - No key configured and none in the data directory, while the ledger has a
///   fingerprint: `server.holder_key_missing` (a lost key file is never
///   replaced by a new one: the pseudonyms would change and the same person
///   could be accepted twice in one programme and year).
/// - A ledger without a fingerprint records the key's at this start.
async fn keys_for(config: &Config, ledger: &Ledger) -> Result<keys::ServerKeys, Problem> {
    let recorded = ledger
        .key_fingerprint()
        .await
        .map_err(|e| ledger::db_problem(&e))?;
    let path = config.data_dir.join("holder-key.json");
    let io = |e: std::io::Error| {
        key_problem(
            peixun::error::ServerCode::HolderKey,
            format!("持券人密钥文件 {} 无法读写：{e}", path.display()),
            format!(
                "cannot read or write the holder key file {}: {e}",
                path.display()
            ),
        )
    };
    let key = if let Some(k) = &config.holder_key {
        k.clone()
    } else if path.exists() {
        // A key file left readable by others is tightened to 0600.
        privacy::private_file(&path).map_err(io)?;
        let text = std::fs::read_to_string(&path).map_err(io)?;
        HolderKey::from_key_file(&text).map_err(|e| {
            key_problem(
                peixun::error::ServerCode::HolderKey,
                format!("持券人密钥文件无效：{e}"),
                format!("the holder key file is not valid: {e}"),
            )
        })?
    } else if let Some(fp) = &recorded {
        return Err(key_problem(
            peixun::error::ServerCode::HolderKeyMissing,
            format!(
                "台账已记录持券人密钥指纹 {fp}，但未配置密钥，数据目录中也没有 {}；\
                 不会生成新密钥（假名会改变，同一人可能被重复受理）。\
                 请配置原密钥（holder_key_file、holder_key 或 PEIXUN_HOLDER_KEY）",
                path.display()
            ),
            format!(
                "the ledger records holder key fingerprint {fp} but no key is configured and {} \
                 is missing; no new key is generated (the pseudonyms would change and the same \
                 person could be accepted twice): configure the original key (holder_key_file, \
                 holder_key or PEIXUN_HOLDER_KEY)",
                path.display()
            ),
        ));
    } else {
        // A new ledger and no key configured: one generated in the data
        // directory (0600). Several servers sharing a PostgreSQL must share a
        // key: configure it.
        privacy::private_dir(&config.data_dir).map_err(io)?;
        let key = peixun::voucher::generate_holder_key().map_err(|e| {
            key_problem(
                peixun::error::ServerCode::HolderKey,
                format!("无法生成密钥：{e}"),
                format!("cannot generate a key: {e}"),
            )
        })?;
        write_private(&path, &key.to_key_file()).map_err(io)?;
        tracing::warn!(path = %path.display(), "no holder key configured: generated one");
        key
    };
    let keys = keys::ServerKeys::derive(&key);
    let recorded = match recorded {
        Some(fp) => fp,
        None => {
            let fp = ledger
                .record_key_fingerprint(keys.fingerprint())
                .await
                .map_err(|e| ledger::db_problem(&e))?;
            tracing::info!(fingerprint = %fp, "holder key fingerprint recorded in the ledger");
            fp
        }
    };
    if recorded != keys.fingerprint() {
        return Err(key_problem(
            peixun::error::ServerCode::HolderKeyMismatch,
            format!(
                "所配置的持券人密钥（指纹 {}）不是台账所用的密钥（指纹 {recorded}）；\
                 服务器不启动。请配置原密钥，或先用 peixun ledger rekey 更换台账的密钥",
                keys.fingerprint()
            ),
            format!(
                "the configured holder key (fingerprint {}) is not the key the ledger was \
                 written with (fingerprint {recorded}); the server does not start. Configure \
                 the original key, or re-key the ledger first with `peixun ledger rekey`",
                keys.fingerprint()
            ),
        ));
    }
    Ok(keys)
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}

/// The engine the server answers with: the shipped policies and the
/// deployment's own files over them, in order. A file that fails the lint
/// stops the start with its problems (the file named), rather than serving the
/// shipped example values.
fn engine_for(config: &Config) -> Result<Engine, Problem> {
    let mut engine = Engine::new()
        .map_err(|e| peixun::error::Explain::problem(&e))?
        .with_max_input_bytes(config.limits.max_body_bytes);
    let names: Vec<String> = config
        .policies
        .iter()
        .map(|(path, _)| path.display().to_string())
        .collect();
    let loaded = engine.load_policy_files(
        names
            .iter()
            .zip(&config.policies)
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    )?;
    for (file, p) in names.iter().zip(&loaded) {
        tracing::info!(%file, policy = %p.id, version = %p.version, "deployment policy loaded");
    }
    Ok(engine)
}

fn build_state(
    config: Config,
    engine: Engine,
    ledger: Ledger,
    keys: keys::ServerKeys,
) -> Result<State, Problem> {
    let mut tokens = Vec::new();
    for t in &config.tokens {
        let caller = match t.role {
            TokenRole::Institution => Caller::Institution {
                credit_code: t.credit_code.clone().unwrap_or_default(),
                name: t.name.clone().unwrap_or_default(),
            },
            TokenRole::Authority => Caller::Authority {
                name: t.name.clone().unwrap_or_default(),
            },
        };
        let Some(hash) = sha256_bytes(&t.sha256) else {
            return Err(Problem::new(
                peixun::error::ServerCode::Config,
                "$.tokens",
                "令牌的 sha256 应为 64 位十六进制数字",
                "a token's sha256 must be 64 hexadecimal digits",
            ));
        };
        tokens.push((hash, caller));
    }
    let issuer = match &config.signing_key {
        Some(text) => Some(Issuer::from_key_file(text).map_err(|e| {
            Problem::new(
                peixun::error::ServerCode::Config,
                "$.signing_key_file",
                format!("签名密钥无效：{e}"),
                format!("the signing key is not valid: {e}"),
            )
        })?),
        None => None,
    };
    let trusted_keys = match &config.trusted_keys {
        Some(text) => Some(serde_json::from_str(text).map_err(|e| {
            Problem::new(
                peixun::error::ServerCode::Config,
                "$.trusted_keys_file",
                format!("公钥文件不是 JSON：{e}"),
                format!("the trusted keys file is not JSON: {e}"),
            )
        })?),
        None => issuer.as_ref().map(|i| {
            let mut set = peixun::voucher::KeySet::new();
            let _ = set.insert(i.trusted_key());
            serde_json::from_str(&set.to_json()).unwrap_or(serde_json::Value::Null)
        }),
    };
    Ok(State {
        admission: limits::Admission::new(&config.limits),
        openapi: openapi::document_text(),
        engine,
        ledger,
        keys,
        tokens,
        config,
        issuer,
        trusted_keys,
    })
}

/// Connects the ledger, binds the address and starts serving in the background.
pub async fn start(config: Config) -> Result<Server, Problem> {
    // The policies first: a deployment file that fails the lint stops the
    // start before the ledger is opened or the address bound.
    let engine = engine_for(&config)?;
    let ledger = Ledger::connect(config.database_url.as_deref(), &config.data_dir).await?;
    let keys = match keys_for(&config, &ledger).await {
        Ok(k) => k,
        Err(p) => {
            ledger.close().await;
            return Err(p);
        }
    };
    let listen = config.listen;
    let state = Arc::new(build_state(config, engine, ledger.clone(), keys)?);
    let app = http::router(state.clone());
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| {
        Problem::new(
            peixun::error::ServerCode::Bind,
            "$.listen",
            format!("无法监听 {listen}：{e}"),
            format!("cannot listen on {listen}: {e}"),
        )
    })?;
    let addr = listener.local_addr().map_err(|e| {
        Problem::new(
            peixun::error::ServerCode::Bind,
            "$.listen",
            e.to_string(),
            e.to_string(),
        )
    })?;
    let (tx, rx) = oneshot::channel::<()>();
    tracing::info!(%addr, database = ledger.backend().name(), ledger = ledger.location(), "peixun server listening");
    let limits = state.config.limits.clone();
    let done = tokio::spawn(serve_connections(listener, app, limits, rx));
    Ok(Server {
        addr,
        shutdown: Some(tx),
        done,
        ledger,
    })
}

/// Most refusals (a connection over `max_connections`) being written at once;
/// past it a connection over the cap is closed without an answer.
const MAX_REFUSING: usize = 64;

/// The accept loop: hyper's HTTP/1 connection with a header-read timeout (which
/// also closes a kept-alive connection that sends no next request), at most
/// `max_connections` connections, and a graceful stop that lets the requests
/// in flight finish.
async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    limits: config::Limits,
    mut stop: oneshot::Receiver<()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let connections = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let refusing = Arc::new(tokio::sync::Semaphore::new(MAX_REFUSING));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout());
    let service = hyper_util::service::TowerToHyperService::new(app);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors and the like: wait, do not spin.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let Ok(slot) = connections.clone().try_acquire_owned() else {
                    tracing::warn!(max = limits.max_connections, "connection refused: too many connections");
                    if let Ok(turn) = refusing.clone().try_acquire_owned() {
                        tokio::spawn(async move {
                            refuse_connection(stream).await;
                            drop(turn);
                        });
                    }
                    continue;
                };
                let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service.clone()));
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(error = %e, "connection closed with an error");
                    }
                    drop(slot);
                });
            }
            _ = &mut stop => {
                tracing::info!("shutting down: finishing in-flight requests");
                break;
            }
        }
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Answers a connection over the cap with 503 `http.overloaded` and closes it
/// (within a second, whatever the client does).
async fn refuse_connection(mut stream: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let refused = respond::overloaded();
    let body = respond::problem_body(refused.status, &refused.problem);
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: {}\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n",
        respond::PROBLEM_JSON,
        body.len()
    );
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await?;
        // Read what the client sent until it closes, so that closing does not
        // reset the connection before the client has read the answer.
        let mut sink = [0u8; 4096];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}

/// Resolves when the process receives SIGTERM or Ctrl-C.
pub async fn termination() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Sets up structured logs (`RUST_LOG`, default `info`; `PEIXUN_LOG=json` for JSON lines).
pub fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if std::env::var("PEIXUN_LOG").is_ok_and(|v| v == "json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// A tokio runtime from `builder` (timers and I/O on), or `server.runtime`.
fn runtime(mut builder: tokio::runtime::Builder) -> Result<tokio::runtime::Runtime, Problem> {
    builder.enable_all().build().map_err(|e| {
        Problem::new(
            peixun::error::ServerCode::Runtime,
            "$",
            e.to_string(),
            e.to_string(),
        )
    })
}

/// Runs the server until SIGTERM or Ctrl-C (what `peixun serve` does).
pub fn run_blocking(config: Config, on_ready: impl FnOnce(SocketAddr)) -> Result<(), Problem> {
    let rt = runtime(tokio::runtime::Builder::new_multi_thread())?;
    rt.block_on(async move {
        let mut server = start(config).await?;
        on_ready(server.addr());
        termination().await;
        if let Some(tx) = server.shutdown.take() {
            let _ = tx.send(());
        }
        server.wait().await;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Resolves a claim that needs review, on the ledger the configuration names
/// (`peixun review`): the same checks and the same transaction as
/// `POST /v1/claims/{id}/review` ([`review::review_claim`]), under the holder
/// key the ledger was written with (a server given another key refuses to
/// start; so does this). Answers the review and the claim's status after it.
pub fn review_blocking(
    config: Config,
    claim_id: &str,
    decision: &review::Decision,
    reviewer: &str,
) -> Result<review::Reviewed, Problem> {
    let rt = runtime(tokio::runtime::Builder::new_current_thread())?;
    rt.block_on(async move {
        let ledger = Ledger::connect(config.database_url.as_deref(), &config.data_dir).await?;
        let answer = match keys_for(&config, &ledger).await {
            Ok(keys) => review::review_claim(&ledger, &keys, claim_id, decision, reviewer)
                .await
                .map_err(|e| e.problem()),
            Err(p) => Err(p),
        };
        ledger.close().await;
        answer
    })
}

/// The current moment, UTC, RFC 3339 with microseconds (sorts as text).
pub(crate) fn now_utc() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    chrono::DateTime::from_timestamp(d.as_secs() as i64, d.subsec_nanos())
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
        .unwrap_or_default()
}

/// A fresh random identifier with a prefix: `c-` and 24 hexadecimal digits.
pub(crate) fn new_id(prefix: &str) -> String {
    let mut b = [0u8; 12];
    if getrandom::fill(&mut b).is_err() {
        // Fall back on the clock; IDs only need to be unique, not secret.
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        b.copy_from_slice(&n.to_be_bytes()[4..]);
    }
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{prefix}{hex}")
}
