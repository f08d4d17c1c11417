//! What the verifier writes down: ID numbers inside any free text (names, a
//! class, the `Idempotency-Key`, a blacklist reason, a punch's id, class,
//! trainee key and device, a voucher event's reason, a path) reach neither the
//! SQLite files (database, WAL, shared memory) nor the logs; the data
//! directory is 0700 and its files 0600; a wrong token of the right length is
//! refused.

mod server_support;

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use server_support::*;

/// Every log line of this test binary, as the server wrote it.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        struct Capture(Arc<Mutex<Vec<u8>>>);
        impl Write for Capture {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = buf.clone();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("debug"))
            .with_writer(move || Capture(sink.clone()))
            .with_ansi(false)
            .init();
        buf
    })
    .clone()
}

fn ledger_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for f in peixun_server::ledger::sqlite_files(dir) {
        if let Ok(b) = std::fs::read(&f) {
            out.extend(b);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn id_numbers_in_free_text_reach_neither_the_files_nor_the_logs() {
    let logs = captured_logs();
    let ts = TestServer::sqlite("privacy-free-text").await;
    let ids = suite::privacy(&ts).await;
    let dir = ts.dir.clone();
    let wal = peixun_server::ledger::sqlite_files(&dir)[1].clone();
    assert!(wal.exists(), "the WAL is there while the server runs");
    let live = ledger_bytes(&dir);
    ts.stop().await;
    let closed = ledger_bytes(&dir);
    let logged = logs.lock().unwrap().clone();
    assert!(contains(&logged, "claim recorded"), "the logs are captured");
    assert!(
        contains(&logged, "/v1/people/hmac:"),
        "the unknown path is logged, redacted"
    );
    for (what, bytes) in [
        ("live files", &live),
        ("closed files", &closed),
        ("logs", &logged),
    ] {
        for id in &ids {
            for form in suite::forbidden_forms(id) {
                assert!(!contains(bytes, &form), "{form} (of {id}) is in the {what}");
            }
        }
    }
    for bytes in [&live, &closed] {
        // The grep reads the data: the names are there, the numbers replaced.
        assert!(contains(bytes, "张三（身份证hmac:"));
        assert!(contains(bytes, "终端#hmac:"));
        // The third party's credit code masked in a name, kept as the listed
        // institution's own.
        assert!(contains(
            bytes,
            &format!("合作方{}", peixun::identity::mask_id(&inst_b()))
        ));
        // The Idempotency-Key is stored as its keyed hash.
        assert!(!contains(bytes, "key-"));
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_directory_is_0700_and_its_files_0600() {
    use std::os::unix::fs::PermissionsExt;
    let root = temp_dir("privacy-modes");
    let dir = root.join("data");
    // No holder key configured: the server generates one in the directory.
    let mut c = config(&dir, None);
    c.holder_key = None;
    let ts = TestServer::start(c.clone()).await;
    let a = ts
        .submit(TOKEN_A, "modes-1", &claim(&[id_number(60_000)], INST_A))
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let files = peixun_server::ledger::sqlite_files(&dir);
    assert_eq!(mode(&dir), 0o700);
    for f in &files[0..3] {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    assert_eq!(mode(&dir.join("holder-key.json")), 0o600);
    ts.stop().await;

    // Loosened by hand (or left so by an older server): tightened at start.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in [&files[0], &dir.join("holder-key.json")] {
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let ts = TestServer::start(c).await;
    let a = ts
        .submit(TOKEN_A, "modes-2", &claim(&[id_number(60_001)], INST_A))
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(mode(&dir), 0o700);
    for f in &files[0..3] {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    assert_eq!(mode(&dir.join("holder-key.json")), 0o600);
    ts.stop().await;
    let _ = std::fs::remove_dir_all(root);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_of_the_same_length_is_refused() {
    let ts = TestServer::sqlite("privacy-tokens").await;
    let mut wrong = TOKEN_AUTHORITY.to_owned();
    let last = wrong.pop().unwrap();
    wrong.push(if last == 'y' { 'z' } else { 'y' });
    assert_eq!(wrong.len(), TOKEN_AUTHORITY.len());
    for token in [
        wrong.as_str(),
        &TOKEN_AUTHORITY[..TOKEN_AUTHORITY.len() - 1],
    ] {
        let a = ts.get("/v1/blacklist", Some(token)).await;
        assert_eq!(a.status, 401, "{token}");
        assert_eq!(a.json["error"]["code"], "auth.invalid_token");
    }
    assert_eq!(
        ts.get("/v1/blacklist", Some(TOKEN_AUTHORITY)).await.status,
        200
    );
    ts.finish().await;
}
