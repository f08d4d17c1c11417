//! The ledger: claims, participations, the blacklist, vouchers and their events,
//! on SQLite (an embedded file, the default) or PostgreSQL, through sqlx's `Any`
//! driver with one set of portable migrations (`migrations/`).
//!
//! Writes go through [`Ledger::begin_write`]: on SQLite one writer at a time
//! (an async mutex in this process, `BEGIN IMMEDIATE` against other processes);
//! on PostgreSQL concurrent transactions that lock the rows of the people they
//! touch ([`lock_people`]). The guarantees that matter do not rest on those
//! locks but on constraints: one participation per person, programme and year
//! (a primary key), one claim per institution and idempotency key (a unique
//! key).

use crate::codes::VerifierCode;
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{AnyPool, Row};
use tokio::sync::{Mutex, MutexGuard};

use peixun::error::Problem;

/// Which database the ledger is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// `sqlite` or `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A transaction on the ledger.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// The migrations, embedded at build time: the same files for both databases.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "ledger", include_str!("../migrations/0001_ledger.sql")),
    (2, "punches", include_str!("../migrations/0002_punches.sql")),
    (
        3,
        "key fingerprint",
        include_str!("../migrations/0003_key_fingerprint.sql"),
    ),
    (
        4,
        "claim reviews",
        include_str!("../migrations/0004_claim_reviews.sql"),
    ),
];

#[derive(Debug)]
struct Embedded;

impl MigrationSource<'static> for Embedded {
    fn resolve(
        self,
    ) -> futures_boxed::BoxFuture<'static, Result<Vec<Migration>, sqlx::error::BoxDynError>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|(v, d, sql)| {
                    Migration::new(
                        *v,
                        Cow::Borrowed(*d),
                        MigrationType::Simple,
                        Cow::Borrowed(*sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

mod futures_boxed {
    pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
}

/// A database error as a problem (500 unless the caller knows better).
pub fn db_problem(e: &sqlx::Error) -> Problem {
    Problem::new(
        VerifierCode::LedgerDatabase,
        "$",
        format!("台账数据库错误：{e}"),
        format!("ledger database error: {e}"),
    )
}

/// Whether an error is a unique or primary-key violation.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.is_unique_violation()
                || d.code()
                    .is_some_and(|c| c == "23505" || c == "2067" || c == "1555")
        }
        _ => false,
    }
}

/// Whether an error is worth retrying the transaction (a serialisation failure,
/// a deadlock, SQLite busy).
pub fn is_retryable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => d
            .code()
            .is_some_and(|c| matches!(c.as_ref(), "40001" | "40P01" | "5" | "517" | "6")),
        _ => false,
    }
}

/// The ledger's connection pool.
#[derive(Clone)]
pub struct Ledger {
    pool: AnyPool,
    backend: Backend,
    writer: Arc<Mutex<()>>,
    location: String,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("backend", &self.backend)
            .field("location", &self.location)
            .finish()
    }
}

/// The SQLite database and its companions (`-wal`, `-shm`, `-journal`).
pub fn sqlite_files(data_dir: &Path) -> Vec<std::path::PathBuf> {
    let db = sqlite_path(data_dir);
    let mut out = vec![db.clone()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        out.push(name.into());
    }
    out
}

/// The SQLite file under a data directory.
pub fn sqlite_path(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("ledger.sqlite3")
}

impl Ledger {
    /// Connects (creating the SQLite file on first start) and migrates.
    pub async fn connect(database_url: Option<&str>, data_dir: &Path) -> Result<Ledger, Problem> {
        sqlx::any::install_default_drivers();
        let url = match database_url {
            Some(u) => u.to_owned(),
            None => {
                // The directory 0700 and the database 0600 (SQLite gives its
                // -wal and -shm the database's mode), created so or tightened.
                let file_problem = |e: std::io::Error| {
                    Problem::new(
                        peixun::error::ServerCode::DataDir,
                        "$",
                        format!("无法创建数据目录 {} 或设置其权限：{e}", data_dir.display()),
                        format!(
                            "cannot create the data directory {} or set its permissions: {e}",
                            data_dir.display()
                        ),
                    )
                };
                super::privacy::private_dir(data_dir).map_err(file_problem)?;
                let db = sqlite_path(data_dir);
                super::privacy::create_private_file(&db).map_err(file_problem)?;
                for f in sqlite_files(data_dir) {
                    super::privacy::private_file(&f).map_err(file_problem)?;
                }
                // An absolute path: sqlx reads what follows `sqlite://` as a path.
                let dir = data_dir
                    .canonicalize()
                    .unwrap_or_else(|_| data_dir.to_path_buf());
                format!("sqlite://{}?mode=rwc", sqlite_path(&dir).display())
            }
        };
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(Problem::new(
                peixun::error::ServerCode::Config,
                "$.database_url",
                "数据库地址应以 sqlite: 或 postgres: 开头",
                "the database URL must start with sqlite: or postgres:",
            ));
        };
        let location = match backend {
            Backend::Sqlite => url.clone(),
            // Never log a password.
            Backend::Postgres => match url.split_once('@') {
                Some((_, host)) => format!("postgres://…@{host}"),
                None => url.clone(),
            },
        };
        let options: AnyConnectOptions = url.parse().map_err(|e| db_problem(&e))?;
        let pool_options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(30));
        let pool_options = match backend {
            Backend::Sqlite => pool_options.after_connect(|conn, _| {
                Box::pin(async move {
                    use sqlx::Executor;
                    // WAL: readers do not block the writer; FULL: a commit is on
                    // disk before the client hears of it.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA busy_timeout = 30000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    // What is deleted or overwritten is zeroed in the file,
                    // not left in free pages.
                    conn.execute("PRAGMA secure_delete = ON").await?;
                    Ok(())
                })
            }),
            Backend::Postgres => pool_options,
        };
        let pool = pool_options
            .connect_with(options)
            .await
            .map_err(|e| db_problem(&e))?;
        let migrator = Migrator::new(Embedded).await.map_err(|e| {
            Problem::new(
                VerifierCode::LedgerMigration,
                "$",
                format!("迁移失败：{e}"),
                format!("migration failed: {e}"),
            )
        })?;
        migrator.run(&pool).await.map_err(|e| {
            Problem::new(
                VerifierCode::LedgerMigration,
                "$",
                format!("迁移失败：{e}"),
                format!("migration failed: {e}"),
            )
        })?;
        if backend == Backend::Sqlite && database_url.is_none() {
            // The -wal and -shm exist now: tightened too if an older server
            // left them looser.
            for f in sqlite_files(data_dir) {
                let _ = super::privacy::private_file(&f);
            }
        }
        Ok(Ledger {
            pool,
            backend,
            writer: Arc::new(Mutex::new(())),
            location,
        })
    }

    /// The database in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Where the ledger is (no password).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The pool, for reads.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a write transaction (see the module documentation).
    pub async fn begin_write(&self) -> Result<(Option<MutexGuard<'_, ()>>, Tx), sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let guard = self.writer.lock().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok((Some(guard), tx))
            }
            Backend::Postgres => Ok((None, self.pool.begin().await?)),
        }
    }

    /// Closes the pool (waits for connections to be returned).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The fingerprint of the holder key the ledger was written with, if recorded.
    pub async fn key_fingerprint(&self) -> Result<Option<String>, sqlx::Error> {
        let row = sqlx::query("SELECT fingerprint FROM ledger_keys WHERE purpose = 'holder'")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get("fingerprint")).transpose()
    }

    /// Records a fingerprint unless one is recorded already (a second server
    /// starting at the same moment on the same PostgreSQL); the one recorded.
    pub async fn record_key_fingerprint(&self, fingerprint: &str) -> Result<String, sqlx::Error> {
        let (_guard, mut tx) = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO ledger_keys (purpose, fingerprint, recorded_at) VALUES ('holder', $1, $2) \
             ON CONFLICT (purpose) DO NOTHING",
        )
        .bind(fingerprint)
        .bind(super::now_utc())
        .execute(&mut *tx)
        .await?;
        let recorded: String =
            sqlx::query("SELECT fingerprint FROM ledger_keys WHERE purpose = 'holder'")
                .fetch_one(&mut *tx)
                .await?
                .try_get("fingerprint")?;
        tx.commit().await?;
        Ok(recorded)
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

impl Ledger {
    /// Checks that nothing is half-written: every claim has exactly its people,
    /// every participation belongs to a claim that is not rejected and names one
    /// of its people, every claim that is not rejected has a participation for
    /// each of its people, and every voucher's state is its last event's. An empty
    /// list means the ledger is whole.
    pub async fn check_integrity(&self) -> Result<Vec<String>, sqlx::Error> {
        let mut problems = Vec::new();
        let checks: &[(&str, &str)] = &[
            (
                "claims whose people rows do not match their trainee count",
                "SELECT c.id AS id FROM claims c LEFT JOIN claim_people p ON p.claim_id = c.id \
                 GROUP BY c.id, c.trainees HAVING COUNT(p.claim_id) <> c.trainees",
            ),
            (
                "participations of a rejected or missing claim",
                "SELECT p.claim_id AS id FROM participations p LEFT JOIN claims c ON c.id = p.claim_id \
                 WHERE c.id IS NULL OR c.status = 'rejected'",
            ),
            (
                "participations of a person not on their claim",
                "SELECT p.claim_id AS id FROM participations p WHERE NOT EXISTS \
                 (SELECT 1 FROM claim_people q WHERE q.claim_id = p.claim_id AND q.person = p.person)",
            ),
            (
                "people of a recorded claim without their participation",
                "SELECT q.claim_id AS id FROM claim_people q JOIN claims c ON c.id = q.claim_id \
                 WHERE c.status <> 'rejected' AND NOT EXISTS (SELECT 1 FROM participations p \
                 WHERE p.claim_id = q.claim_id AND p.person = q.person)",
            ),
            (
                "reviews whose claim does not have the review's status",
                "SELECT r.claim_id AS id FROM claim_reviews r JOIN claims c ON c.id = r.claim_id \
                 WHERE c.status <> r.status",
            ),
            (
                "claims with an empty verdict",
                "SELECT id FROM claims WHERE verdict = '' OR input = ''",
            ),
        ];
        for (what, sql) in checks {
            let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
            for r in rows {
                let id: String = r.try_get("id")?;
                problems.push(format!("{what}: {id}"));
            }
        }
        Ok(problems)
    }

    /// Counts the rows of a ledger table (for tests and tools).
    pub async fn count(&self, table: &str) -> Result<i64, sqlx::Error> {
        let allowed = [
            "claims",
            "claim_people",
            "claim_reviews",
            "people",
            "participations",
            "blacklist",
            "vouchers",
            "voucher_events",
        ];
        if !allowed.contains(&table) {
            return Ok(-1);
        }
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        sqlx::query(&sql).fetch_one(&self.pool).await?.try_get("n")
    }
}

/// Makes sure each person has a row, then locks those rows (PostgreSQL) in a
/// fixed order so that two submissions never wait on each other in a cycle.
pub async fn lock_people(
    tx: &mut Tx,
    backend: Backend,
    people: &[String],
    now: &str,
) -> Result<(), sqlx::Error> {
    let mut sorted: Vec<&String> = people.iter().collect();
    sorted.sort();
    sorted.dedup();
    for p in sorted {
        sqlx::query(
            "INSERT INTO people (person, first_seen) VALUES ($1, $2) ON CONFLICT (person) DO NOTHING",
        )
        .bind(p.as_str())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        if backend == Backend::Postgres {
            sqlx::query("SELECT person FROM people WHERE person = $1 FOR UPDATE")
                .bind(p.as_str())
                .fetch_optional(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// A participation already in the ledger.
#[derive(Debug, Clone)]
pub struct Participation {
    /// The claim that recorded it.
    pub claim_id: String,
    /// The institution of that claim.
    pub institution: String,
    /// Programme.
    pub programme: String,
    /// Year.
    pub year: i64,
    /// The class's first day, if known.
    pub class_start: Option<String>,
    /// The class's last day, if known.
    pub class_end: Option<String>,
}

fn participation(row: &AnyRow) -> Result<Participation, sqlx::Error> {
    Ok(Participation {
        claim_id: row.try_get("claim_id")?,
        institution: row.try_get("institution")?,
        programme: row.try_get("programme")?,
        year: row.try_get("year")?,
        class_start: row.try_get("class_start")?,
        class_end: row.try_get("class_end")?,
    })
}

/// Every participation of a person, in any programme and year.
pub async fn participations_of(
    tx: &mut Tx,
    person: &str,
) -> Result<Vec<Participation>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT claim_id, institution, programme, year, class_start, class_end \
         FROM participations WHERE person = $1 ORDER BY year, programme",
    )
    .bind(person)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(participation).collect()
}

/// The blacklist entry for a subject, if any: `Some(reason)`.
pub async fn blacklisted(
    tx: &mut Tx,
    kind: &str,
    subject: &str,
) -> Result<Option<Option<String>>, sqlx::Error> {
    let row = sqlx::query("SELECT reason FROM blacklist WHERE kind = $1 AND subject = $2")
        .bind(kind)
        .bind(subject)
        .fetch_optional(&mut **tx)
        .await?;
    match row {
        Some(r) => Ok(Some(r.try_get("reason")?)),
        None => Ok(None),
    }
}

/// A claim as stored.
#[derive(Debug, Clone)]
pub struct ClaimRow {
    /// `c-…`.
    pub id: String,
    /// The submitting institution's credit code.
    pub institution: String,
    /// The client's idempotency key.
    pub idempotency_key: String,
    /// Keyed digest of the request body.
    pub request_digest: String,
    /// Policy ID.
    pub policy_id: String,
    /// Policy version.
    pub policy_version: String,
    /// Programme (the root of the policy's `extends` chain).
    pub programme: String,
    /// Training year.
    pub year: i64,
    /// The class's first day.
    pub class_start: Option<String>,
    /// The class's last day.
    pub class_end: Option<String>,
    /// The engine's decision.
    pub decision: String,
    /// The ledger's status: accepted, rejected, needs_review.
    pub status: String,
    /// Number of trainees (or workers).
    pub trainees: i64,
    /// The input, ID numbers replaced by their hashes.
    pub input: String,
    /// The engine's verdict (canonical JSON).
    pub verdict: String,
    /// The ledger's findings (JSON array).
    pub ledger_findings: String,
    /// When it was recorded (UTC, RFC 3339).
    pub created_at: String,
}

const CLAIM_COLUMNS: &str = "id, institution, idempotency_key, request_digest, policy_id, \
    policy_version, programme, year, class_start, class_end, decision, status, trainees, \
    input, verdict, ledger_findings, created_at";

fn claim_row(row: &AnyRow) -> Result<ClaimRow, sqlx::Error> {
    Ok(ClaimRow {
        id: row.try_get("id")?,
        institution: row.try_get("institution")?,
        idempotency_key: row.try_get("idempotency_key")?,
        request_digest: row.try_get("request_digest")?,
        policy_id: row.try_get("policy_id")?,
        policy_version: row.try_get("policy_version")?,
        programme: row.try_get("programme")?,
        year: row.try_get("year")?,
        class_start: row.try_get("class_start")?,
        class_end: row.try_get("class_end")?,
        decision: row.try_get("decision")?,
        status: row.try_get("status")?,
        trainees: row.try_get("trainees")?,
        input: row.try_get("input")?,
        verdict: row.try_get("verdict")?,
        ledger_findings: row.try_get("ledger_findings")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Ledger {
    /// The claim an institution submitted under an idempotency key.
    pub async fn claim_by_key(
        &self,
        institution: &str,
        key: &str,
    ) -> Result<Option<ClaimRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM claims WHERE institution = $1 AND idempotency_key = $2"
        );
        let row = sqlx::query(&sql)
            .bind(institution)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(claim_row).transpose()
    }

    /// A claim by ID.
    pub async fn claim(&self, id: &str) -> Result<Option<ClaimRow>, sqlx::Error> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(claim_row).transpose()
    }

    /// A page of claims, newest first, with the number of claims the filters
    /// match (`claims.institution`, `status`, `policy_id`, `programme`, `year`).
    pub async fn claims(
        &self,
        filters: &[Filter],
        limit: i64,
        offset: i64,
    ) -> Result<(i64, Vec<ClaimRow>), sqlx::Error> {
        let (total, rows) = self
            .page(
                "claims",
                CLAIM_COLUMNS,
                filters,
                "created_at DESC, id",
                limit,
                offset,
            )
            .await?;
        Ok((total, rows.iter().map(claim_row).collect::<Result<_, _>>()?))
    }

    /// One page of a table: the rows the equality filters match, in `order`,
    /// and how many match in all. Columns and order are the callers' own
    /// constants; every value is bound.
    async fn page(
        &self,
        table: &str,
        columns: &str,
        filters: &[Filter],
        order: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(i64, Vec<AnyRow>), sqlx::Error> {
        let clause = if filters.is_empty() {
            String::new()
        } else {
            let conds: Vec<String> = filters
                .iter()
                .enumerate()
                .map(|(i, f)| format!("{} = ${}", f.column(), i + 1))
                .collect();
            format!(" WHERE {}", conds.join(" AND "))
        };
        let n = filters.len();
        let count_sql = format!("SELECT COUNT(*) AS n FROM {table}{clause}");
        let mut count = sqlx::query(&count_sql);
        for f in filters {
            count = f.bind(count);
        }
        let total: i64 = count.fetch_one(&self.pool).await?.try_get("n")?;
        let sql = format!(
            "SELECT {columns} FROM {table}{clause} ORDER BY {order} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(&sql);
        for f in filters {
            query = f.bind(query);
        }
        let rows = query.bind(limit).bind(offset).fetch_all(&self.pool).await?;
        Ok((total, rows))
    }
}

/// An equality filter of a list: a column and the value it must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// A text column.
    Text(&'static str, String),
    /// An integer column.
    Int(&'static str, i64),
}

impl Filter {
    fn column(&self) -> &'static str {
        match self {
            Filter::Text(c, _) | Filter::Int(c, _) => c,
        }
    }

    fn bind<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        match self {
            Filter::Text(_, v) => q.bind(v.clone()),
            Filter::Int(_, v) => q.bind(*v),
        }
    }
}

/// Inserts a claim row.
pub async fn insert_claim(tx: &mut Tx, c: &ClaimRow) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO claims ({CLAIM_COLUMNS}) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
    );
    sqlx::query(&sql)
        .bind(&c.id)
        .bind(&c.institution)
        .bind(&c.idempotency_key)
        .bind(&c.request_digest)
        .bind(&c.policy_id)
        .bind(&c.policy_version)
        .bind(&c.programme)
        .bind(c.year)
        .bind(c.class_start.clone())
        .bind(c.class_end.clone())
        .bind(&c.decision)
        .bind(&c.status)
        .bind(c.trainees)
        .bind(&c.input)
        .bind(&c.verdict)
        .bind(&c.ledger_findings)
        .bind(&c.created_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Inserts a claim's people and (unless rejected) their participations.
pub async fn insert_people(
    tx: &mut Tx,
    c: &ClaimRow,
    people: &[(String, String)],
    participate: bool,
) -> Result<(), sqlx::Error> {
    for (i, (person, masked)) in people.iter().enumerate() {
        sqlx::query(
            "INSERT INTO claim_people (claim_id, position, person, masked_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(&c.id)
        .bind(i as i64)
        .bind(person)
        .bind(masked)
        .execute(&mut **tx)
        .await?;
    }
    if participate {
        let mut seen = std::collections::BTreeSet::new();
        for (person, _) in people {
            if !seen.insert(person) {
                continue;
            }
            sqlx::query(
                "INSERT INTO participations (person, programme, year, claim_id, institution, \
                 class_start, class_end, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(person)
            .bind(&c.programme)
            .bind(c.year)
            .bind(&c.id)
            .bind(&c.institution)
            .bind(c.class_start.clone())
            .bind(c.class_end.clone())
            .bind(&c.created_at)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// A blacklist entry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BlacklistEntry {
    /// `person` (subject is a hash) or `institution` (a credit code).
    pub kind: String,
    /// The hash or credit code.
    pub subject: String,
    /// Why, for the record.
    pub reason: Option<String>,
    /// When (UTC).
    pub added_at: String,
}

impl Ledger {
    /// Adds (or updates the reason of) a blacklist entry.
    pub async fn blacklist_add(&self, e: &BlacklistEntry) -> Result<(), sqlx::Error> {
        let (_guard, mut tx) = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO blacklist (kind, subject, reason, added_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (kind, subject) DO UPDATE SET reason = excluded.reason",
        )
        .bind(&e.kind)
        .bind(&e.subject)
        .bind(e.reason.clone())
        .bind(&e.added_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// Removes an entry; whether there was one.
    pub async fn blacklist_remove(&self, kind: &str, subject: &str) -> Result<bool, sqlx::Error> {
        let (_guard, mut tx) = self.begin_write().await?;
        let r = sqlx::query("DELETE FROM blacklist WHERE kind = $1 AND subject = $2")
            .bind(kind)
            .bind(subject)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(r.rows_affected() > 0)
    }

    /// A page of the list, by kind then subject, with the number of entries
    /// the filters match (`kind`, `subject`).
    pub async fn blacklist(
        &self,
        filters: &[Filter],
        limit: i64,
        offset: i64,
    ) -> Result<(i64, Vec<BlacklistEntry>), sqlx::Error> {
        let (total, rows) = self
            .page(
                "blacklist",
                "kind, subject, reason, added_at",
                filters,
                "kind, subject",
                limit,
                offset,
            )
            .await?;
        let entries = rows
            .iter()
            .map(|r| {
                Ok(BlacklistEntry {
                    kind: r.try_get("kind")?,
                    subject: r.try_get("subject")?,
                    reason: r.try_get("reason")?,
                    added_at: r.try_get("added_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
        Ok((total, entries))
    }
}

/// A voucher as stored.
#[derive(Debug, Clone)]
pub struct VoucherRow {
    /// Voucher ID.
    pub voucher_id: String,
    /// Policy ID.
    pub policy_id: String,
    /// Holder pseudonym.
    pub holder: Option<String>,
    /// Signed token, when the server issued it.
    pub token: Option<String>,
    /// Current state.
    pub state: String,
    /// First recorded.
    pub created_at: String,
    /// Last changed.
    pub updated_at: String,
}

fn voucher_row(r: &AnyRow) -> Result<VoucherRow, sqlx::Error> {
    Ok(VoucherRow {
        voucher_id: r.try_get("voucher_id")?,
        policy_id: r.try_get("policy_id")?,
        holder: r.try_get("holder")?,
        token: r.try_get("token")?,
        state: r.try_get("state")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// A voucher by ID (inside a transaction).
pub async fn voucher_in(tx: &mut Tx, id: &str) -> Result<Option<VoucherRow>, sqlx::Error> {
    let r = sqlx::query(
        "SELECT voucher_id, policy_id, holder, token, state, created_at, updated_at \
         FROM vouchers WHERE voucher_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    r.as_ref().map(voucher_row).transpose()
}

/// The events (JSON) of every voucher of a holder under a policy, in recorded order.
pub async fn holder_events(
    tx: &mut Tx,
    policy: &str,
    holder: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.event FROM voucher_events e JOIN vouchers v ON v.voucher_id = e.voucher_id \
         WHERE v.policy_id = $1 AND v.holder = $2 ORDER BY e.recorded_at, e.voucher_id, e.seq",
    )
    .bind(policy)
    .bind(holder)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| r.try_get("event")).collect()
}

/// The events (JSON) of one voucher, in order.
pub async fn voucher_events(tx: &mut Tx, id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT event FROM voucher_events WHERE voucher_id = $1 ORDER BY seq")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| r.try_get("event")).collect()
}

/// Creates a voucher row (on its `apply` event).
pub async fn insert_voucher(tx: &mut Tx, v: &VoucherRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO vouchers (voucher_id, policy_id, holder, token, state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&v.voucher_id)
    .bind(&v.policy_id)
    .bind(v.holder.clone())
    .bind(v.token.clone())
    .bind(&v.state)
    .bind(&v.created_at)
    .bind(&v.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends an event and sets the voucher's state.
pub async fn append_event(
    tx: &mut Tx,
    voucher_id: &str,
    event_id: &str,
    kind: &str,
    event_json: &str,
    state: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    let seq: i64 = sqlx::query("SELECT COUNT(*) AS n FROM voucher_events WHERE voucher_id = $1")
        .bind(voucher_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get("n")?;
    sqlx::query(
        "INSERT INTO voucher_events (voucher_id, seq, event_id, kind, event, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(voucher_id)
    .bind(seq)
    .bind(event_id)
    .bind(kind)
    .bind(event_json)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE vouchers SET state = $1, updated_at = $2 WHERE voucher_id = $3")
        .bind(state)
        .bind(now)
        .bind(voucher_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sets a voucher's token (after issuing).
pub async fn set_token(tx: &mut Tx, voucher_id: &str, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE vouchers SET token = $1 WHERE voucher_id = $2")
        .bind(token)
        .bind(voucher_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether an event ID is already recorded, and its JSON.
pub async fn event_by_id(tx: &mut Tx, event_id: &str) -> Result<Option<String>, sqlx::Error> {
    let r = sqlx::query("SELECT event FROM voucher_events WHERE event_id = $1")
        .bind(event_id)
        .fetch_optional(&mut **tx)
        .await?;
    r.map(|r| r.try_get("event")).transpose()
}

/// A recorded check-in punch (`POST /v1/punches`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PunchRow {
    /// The phone's identifier for the punch.
    pub id: String,
    /// The class.
    pub class_id: String,
    /// The policy it was checked under.
    pub policy_id: String,
    /// The roster key of the trainee.
    pub trainee: String,
    /// `sign_in` or `sign_out`.
    pub kind: String,
    /// The punch's moment (RFC 3339, China Standard Time).
    pub at: String,
    /// How it was made.
    pub method: Option<String>,
    /// The device.
    pub device: Option<String>,
    /// `recorded` or `refused`.
    pub status: String,
    /// The single-punch check (canonical JSON).
    pub check: String,
    /// When the server received it (UTC).
    pub received_at: String,
}

fn punch_row(r: &AnyRow) -> Result<PunchRow, sqlx::Error> {
    Ok(PunchRow {
        id: r.try_get("id")?,
        class_id: r.try_get("class_id")?,
        policy_id: r.try_get("policy_id")?,
        trainee: r.try_get("trainee")?,
        kind: r.try_get("kind")?,
        at: r.try_get("at")?,
        method: r.try_get("method")?,
        device: r.try_get("device")?,
        status: r.try_get("status")?,
        check: r.try_get("check_json")?,
        received_at: r.try_get("received_at")?,
    })
}

const PUNCH_COLUMNS: &str =
    "id, class_id, policy_id, trainee, kind, at, method, device, status, check_json, received_at";

/// A punch by the phone's identifier (inside a transaction).
pub async fn punch_in(tx: &mut Tx, id: &str) -> Result<Option<PunchRow>, sqlx::Error> {
    let r = sqlx::query(&format!(
        "SELECT {PUNCH_COLUMNS} FROM punches WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    r.as_ref().map(punch_row).transpose()
}

/// Records a punch.
pub async fn insert_punch(tx: &mut Tx, p: &PunchRow) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO punches ({PUNCH_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(&p.id)
    .bind(&p.class_id)
    .bind(&p.policy_id)
    .bind(&p.trainee)
    .bind(&p.kind)
    .bind(&p.at)
    .bind(p.method.clone())
    .bind(p.device.clone())
    .bind(&p.status)
    .bind(&p.check)
    .bind(&p.received_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Ledger {
    /// A page of punches, in the order they were made (then by id), with
    /// the number of punches the filters match (`class_id`, `trainee`,
    /// `status`, `policy_id`).
    pub async fn punches(
        &self,
        filters: &[Filter],
        limit: i64,
        offset: i64,
    ) -> Result<(i64, Vec<PunchRow>), sqlx::Error> {
        let (total, rows) = self
            .page("punches", PUNCH_COLUMNS, filters, "at, id", limit, offset)
            .await?;
        Ok((total, rows.iter().map(punch_row).collect::<Result<_, _>>()?))
    }
}
