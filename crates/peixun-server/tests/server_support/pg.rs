//! A throw-away PostgreSQL cluster: `initdb` in a temporary directory, `pg_ctl
//! start` on a free 127.0.0.1 port (and a Unix socket in the same directory),
//! stopped and removed when dropped.
//!
//! initdb refuses to run as root; as root the cluster belongs to the `postgres`
//! user (or `nobody`), its directory is handed over with chown, and the tools
//! run through `runuser -u USER --`.
//!
//! With `PEIXUN_SKIP_POSTGRES=1` the PostgreSQL tests are skipped; otherwise a
//! missing `initdb` is a failure (`./dev test` installs PostgreSQL).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Pg {
    dir: PathBuf,
    bin: PathBuf,
    user: Option<String>,
    pub port: u16,
}

fn find_bin() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("PEIXUN_PG_BIN") {
        return Some(PathBuf::from(d));
    }
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    candidates.sort();
    candidates.reverse(); // newest version first
    if let Ok(path) = std::env::var("PATH") {
        candidates.extend(std::env::split_paths(&path));
    }
    candidates
        .into_iter()
        .find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
}

fn uid_of(user: &str) -> Option<(u32, u32)> {
    let id = |flag: &str| -> Option<u32> {
        let out = Command::new("id").args([flag, user]).output().ok()?;
        if !out.status.success() {
            return None;
        }
        String::from_utf8(out.stdout).ok()?.trim().parse().ok()
    };
    Some((id("-u")?, id("-g")?))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .is_some_and(|s| s.trim() == "0")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn chown_tree(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap().flatten() {
            chown_tree(&e.path(), uid, gid);
        }
    }
}

impl Pg {
    /// Starts a cluster, or `None` when `PEIXUN_SKIP_POSTGRES=1`.
    pub fn start() -> Option<Pg> {
        if std::env::var("PEIXUN_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
            eprintln!("PEIXUN_SKIP_POSTGRES=1: skipping the PostgreSQL tests");
            return None;
        }
        let bin = find_bin().expect(
            "PostgreSQL's initdb and pg_ctl were not found (/usr/lib/postgresql/*/bin or PATH): \
             install PostgreSQL (./dev test does) or set PEIXUN_SKIP_POSTGRES=1",
        );
        let user = if is_root() {
            ["postgres", "nobody"]
                .into_iter()
                .find(|u| uid_of(u).is_some())
                .map(str::to_owned)
        } else {
            None
        };
        let dir = super::temp_dir("pg");
        if let Some(u) = &user {
            let (uid, gid) = uid_of(u).unwrap();
            chown_tree(&dir, uid, gid);
            // The temp dir's parents must be traversable by that user.
        }
        let port = free_port();
        let pg = Pg {
            dir,
            bin,
            user,
            port,
        };
        let data = pg.dir.join("data");
        pg.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={} \
             -c fsync=on -c max_connections=200 -c shared_buffers=32MB",
            pg.dir.display()
        );
        pg.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                pg.dir.join("log").to_str().unwrap(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        Some(pg)
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let mut cmd = match &self.user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        cmd.args(args).current_dir(&self.dir).stdin(Stdio::null());
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
        if !out.status.success() {
            let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
            panic!(
                "{tool} failed: {}\n{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                log
            );
        }
    }

    /// A URL for a new, empty database in the cluster.
    pub async fn database(&self, name: &str) -> String {
        let admin = format!("postgres://postgres@127.0.0.1:{}/postgres", self.port);
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let exe = self.bin.join("pg_ctl");
        let mut cmd = match &self.user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        let _ = cmd
            .args([
                "-D",
                data.to_str().unwrap_or(""),
                "-m",
                "fast",
                "-w",
                "stop",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
