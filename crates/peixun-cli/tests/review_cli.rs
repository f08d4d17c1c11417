//! `peixun review`: the authority resolves a claim that needs review on the
//! ledger directly, under the holder key the ledger was written with; the
//! verifier then answers the claim with the review.

#[path = "../../peixun-server/tests/server_support/mod.rs"]
mod server_support;

use std::path::Path;
use std::process::{Command, Output};

use peixun::voucher::HolderKey;
use serde_json::Value;
use server_support::*;

fn review(dir: &Path, config: &Path, claim: &str, status: &str, reason: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(["review", claim, "--status", status, "--reason", reason])
        .args(["--reviewer", "张科长", "--data-dir"])
        .arg(dir)
        .arg("--config")
        .arg(config)
        .env_remove("PEIXUN_HOLDER_KEY")
        .env_remove("DATABASE_URL")
        .env_remove("PEIXUN_DATA_DIR")
        .output()
        .unwrap()
}

fn key_file(dir: &Path, name: &str, key: [u8; 32]) -> std::path::PathBuf {
    let path = dir.join(name);
    let text = format!(
        "holder_key = \"{}\"\n",
        HolderKey::from_bytes(key).to_base64url()
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn review_resolves_a_claim_on_the_ledger() {
    let dir = temp_dir("review-cli");
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    // A claim the engine cannot decide (no filed timetable: DL-T2, DL-T3).
    let id = id_number(47_000);
    let mut c = claim(std::slice::from_ref(&id), INST_A);
    c["class"].as_object_mut().unwrap().remove("timetable");
    let claim_id = rt.block_on(async {
        let ts = TestServer::start(config(&data, None)).await;
        let answer = ts.submit(TOKEN_A, "cli-review-1", &c).await;
        assert_eq!(
            answer.json["claim"]["status"], "needs_review",
            "{}",
            answer.body
        );
        ts.stop().await;
        answer.json["claim"]["id"].as_str().unwrap().to_owned()
    });

    // Another holder key than the ledger's: refused, nothing changed.
    let wrong = key_file(&dir, "wrong.toml", [2; 32]);
    let out = review(&data, &wrong, &claim_id, "rejected", "证明材料不全");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("server.holder_key_mismatch"), "{stderr}");

    // The ledger's key (the test servers' [9; 32]): recorded, printed as JSON.
    let right = key_file(&dir, "right.toml", [9; 32]);
    let reason = format!("学员{id}未提供结业证书");
    let out = review(&data, &right, &claim_id, "rejected", &reason);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["claim_id"], claim_id.as_str());
    assert_eq!(printed["status"], "rejected");
    assert_eq!(printed["reviewer"], "张科长");
    let kept = printed["reason"].as_str().unwrap();
    assert!(
        kept.starts_with("学员hmac:") && !kept.contains(&id),
        "{kept}"
    );
    // The same review again changes nothing; another is refused (final).
    let again = review(&data, &right, &claim_id, "rejected", &reason);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(again.stdout, out.stdout);
    let other = review(&data, &right, &claim_id, "accepted", "复核通过");
    assert_eq!(other.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&other.stderr).contains("claim.already_reviewed"));
    let missing = review(&data, &right, "c-none", "accepted", "复核通过");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("claim.not_found"));

    // The verifier answers the claim with the review; the person-year is free.
    rt.block_on(async {
        let ts = TestServer::start(config(&data, None)).await;
        let read = ts
            .get(&format!("/v1/claims/{claim_id}"), Some(TOKEN_A))
            .await;
        assert_eq!(read.json["claim"]["status"], "rejected", "{}", read.body);
        assert_eq!(read.json["claim"]["review"]["reviewer"], "张科长");
        let b = inst_b();
        let freed = ts
            .submit(
                TOKEN_B,
                "cli-review-b",
                &claim(std::slice::from_ref(&id), &b),
            )
            .await;
        assert_eq!(freed.json["claim"]["status"], "accepted", "{}", freed.body);
        assert!(ts
            .server
            .ledger()
            .check_integrity()
            .await
            .unwrap()
            .is_empty());
        ts.stop().await;
    });
    let _ = std::fs::remove_dir_all(dir);
}
