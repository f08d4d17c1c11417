//! The holder key cannot change silently: the ledger records its fingerprint
//! at the first start, a server given another key refuses to start, and a lost
//! key file is never replaced by a new one once the ledger has a fingerprint.

#[path = "../../peixun-server/tests/server_support/mod.rs"]
mod server_support;

use std::process::Command;

use peixun::voucher::HolderKey;
use server_support::*;

async fn start_err(config: peixun_server::config::Config) -> peixun::error::Problem {
    match peixun_server::start(config).await {
        Ok(s) => {
            s.shutdown().await;
            panic!("the server started");
        }
        Err(p) => p,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_key_is_refused_at_start() {
    let dir = temp_dir("keys-mismatch");
    let ts = TestServer::start(config(&dir, None)).await;
    let first = ts
        .submit(TOKEN_A, "k-1", &claim(&[id_number(1)], INST_A))
        .await;
    assert_eq!(first.status, 201);
    let recorded = ts.server.ledger().key_fingerprint().await.unwrap().unwrap();
    let expected = peixun_server::keys::ServerKeys::derive(&HolderKey::from_bytes([9; 32]));
    assert_eq!(recorded, expected.fingerprint());
    // The fingerprint is a hash of a derived key, never the key itself.
    assert!(!recorded.contains(&HolderKey::from_bytes([9; 32]).to_base64url()));
    ts.stop().await;

    let mut other = config(&dir, None);
    other.holder_key = Some(HolderKey::from_bytes([8; 32]));
    let p = start_err(other).await;
    assert_eq!(p.code, "server.holder_key_mismatch", "{p:?}");
    assert!(p.message_en.contains(&recorded), "{}", p.message_en);
    assert!(
        p.message_zh.contains("不是台账所用的密钥"),
        "{}",
        p.message_zh
    );

    // The right key starts, and the same person is still the same person.
    let ts = TestServer::start(config(&dir, None)).await;
    let again = ts
        .submit(TOKEN_B, "k-2", &claim(&[id_number(1)], &inst_b()))
        .await;
    assert_eq!(again.json["claim"]["status"], "rejected");
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_key_file_is_not_replaced() {
    let dir = temp_dir("keys-lost");
    let mut c = config(&dir, None);
    c.holder_key = None;
    let ts = TestServer::start(c.clone()).await;
    let key_file = dir.join("holder-key.json");
    assert!(key_file.exists(), "a key is generated for a new ledger");
    let first = ts
        .submit(TOKEN_A, "k-1", &claim(&[id_number(2)], INST_A))
        .await;
    assert_eq!(first.json["claim"]["status"], "accepted");
    ts.stop().await;

    std::fs::remove_file(&key_file).unwrap();
    let p = start_err(c.clone()).await;
    assert_eq!(p.code, "server.holder_key_missing", "{p:?}");
    assert!(!key_file.exists(), "no new key was written");
    assert!(
        p.message_en.contains("no new key is generated"),
        "{}",
        p.message_en
    );
}

#[test]
fn serve_exits_4_on_another_key() {
    let dir = temp_dir("keys-cli");
    let write = |name: &str, key: &HolderKey| {
        let path = dir.join(name);
        std::fs::write(
            &path,
            format!(
                "listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nholder_key = \"{}\"\n",
                key.to_base64url()
            ),
        )
        .unwrap();
        path
    };
    let first = write("first.toml", &HolderKey::from_bytes([1; 32]));
    let second = write("second.toml", &HolderKey::from_bytes([2; 32]));
    // The first start records the fingerprint: run it until it listens, then stop it.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = peixun_server::config::Config::resolve(peixun_server::config::Overrides {
            config_file: Some(first.clone()),
            ..Default::default()
        })
        .unwrap();
        peixun_server::start(c).await.unwrap().shutdown().await;
    });
    let out = Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(["serve", "--config"])
        .arg(&second)
        .env_remove("PEIXUN_HOLDER_KEY")
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("server.holder_key_mismatch"), "{stderr}");
    assert!(stderr.contains("持券人密钥"), "{stderr}");
}
