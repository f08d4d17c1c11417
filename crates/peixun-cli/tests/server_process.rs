//! `peixun serve` as a child process: graceful shutdown finishes a request in
//! flight (SIGTERM); a SIGKILL in the middle of a stream of submissions loses no
//! acknowledged claim and leaves nothing half-written; the logs carry no ID
//! number.

#[path = "../../peixun-server/tests/server_support/mod.rs"]
mod server_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use server_support::*;

struct Running {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

fn write_config(dir: &Path) -> std::path::PathBuf {
    let mut text = String::from("listen = \"127.0.0.1:0\"\n");
    text.push_str(&format!(
        "holder_key = \"{}\"\n",
        peixun::voucher::HolderKey::from_bytes([9; 32]).to_base64url()
    ));
    for t in tokens() {
        let role = match t.role {
            peixun_server::config::TokenRole::Institution => "institution",
            peixun_server::config::TokenRole::Authority => "authority",
        };
        text.push_str(&format!(
            "\n[[tokens]]\nrole = \"{role}\"\nsha256 = \"{}\"\n",
            t.sha256
        ));
        if let Some(c) = &t.credit_code {
            text.push_str(&format!("credit_code = \"{c}\"\n"));
        }
    }
    let path = dir.join("peixun.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn spawn(dir: &Path) -> Running {
    let config = write_config(dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(["serve", "--data-dir"])
        .arg(dir.join("data"))
        .arg("--config")
        .arg(&config)
        .env("RUST_LOG", "info")
        .env("PEIXUN_LOG", "json")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    let log2 = log.clone();
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("peixun verifier listening on http://") {
                if let Some(t) = tx.take() {
                    let _ = t.send(rest.trim_end_matches('/').to_owned());
                }
            }
            let mut l = log2.lock().unwrap();
            l.push_str(&line);
            l.push('\n');
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("the server did not start: {}", log.lock().unwrap()));
    Running { child, addr, log }
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig}");
}

fn wait_exit(child: &mut Child, within: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < within {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn sigterm_lets_the_request_in_flight_finish() {
    let dir = temp_dir("proc-term");
    let mut s = spawn(&dir);
    let body = serde_json::json!({
        "policy": "dalian-2023-major-conversion",
        "applicant": {"kind": "person", "graduation_year": 2020}
    })
    .to_string();
    let mut conn = TcpStream::connect(&s.addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        conn,
        "POST /v1/eligibility HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    // Half the body, then the signal, then the rest: the request is in flight.
    let (head, tail) = body.split_at(body.len() / 2);
    conn.write_all(head.as_bytes()).unwrap();
    conn.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    signal(&s.child, "-TERM");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "the server left before the request finished"
    );
    // No new connection is taken any more.
    let refused = TcpStream::connect(&s.addr)
        .and_then(|mut c| {
            c.set_read_timeout(Some(Duration::from_secs(2)))?;
            c.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")?;
            let mut buf = [0u8; 16];
            c.read(&mut buf)
        })
        .map_or(true, |n| n == 0);
    assert!(refused, "a new request was served after SIGTERM");
    conn.write_all(tail.as_bytes()).unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains("\"decision\":\"ineligible\""),
        "{response}"
    );
    let status = wait_exit(&mut s.child, Duration::from_secs(20)).expect("the server exits");
    assert!(status.success(), "{status:?}");
    let log = s.log.lock().unwrap().clone();
    assert!(log.contains("shutting down"), "{log}");
    let _ = std::fs::remove_dir_all(dir);
}

fn submit_raw(addr: &str, key: &str, body: &str) -> Option<(u16, Value)> {
    let mut conn = TcpStream::connect(addr).ok()?;
    conn.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(
        conn,
        "POST /v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN_A}\r\nIdempotency-Key: {key}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    conn.read_to_string(&mut response).ok()?;
    let status: u16 = response.get(9..12)?.parse().ok()?;
    let json = response.split_once("\r\n\r\n")?.1;
    Some((status, serde_json::from_str(json).ok()?))
}

#[test]
fn sigkill_mid_stream_loses_no_acknowledged_claim() {
    let dir = temp_dir("proc-kill");
    let s = spawn(&dir);
    let addr = s.addr.clone();
    let acked = Arc::new(Mutex::new(Vec::<(String, String, String)>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Four writers stream submissions (each 3 trainees, some repeating a person).
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (addr, acked, stop) = (addr.clone(), acked.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = 0u32;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    let n = 70_000 + w * 10_000 + i;
                    let ids = vec![id_number(n), id_number(n + 1), id_number(n + 2)];
                    let key = format!("kill-{w}-{i}");
                    if let Some((status, v)) =
                        submit_raw(&addr, &key, &claim(&ids, INST_A).to_string())
                    {
                        if status == 201 {
                            let id = v["claim"]["id"].as_str().unwrap().to_owned();
                            let st = v["claim"]["status"].as_str().unwrap().to_owned();
                            acked.lock().unwrap().push((key, id, st));
                        }
                    }
                    i += 1;
                }
            })
        })
        .collect();
    // Let the stream run, then kill the server without warning.
    let start = Instant::now();
    while acked.lock().unwrap().len() < 100 && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let log1 = s.log.clone();
    let mut child = s.child;
    signal(&child, "-KILL");
    let _ = child.wait();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for w in writers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 100, "only {} acknowledged", acked.len());

    // Restart on the same data directory: every acknowledged claim is there,
    // with the status it was acknowledged with.
    let mut s2 = spawn(&dir);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::new();
        for (key, id, status) in &acked {
            let v: Value = client
                .get(format!("http://{}/v1/claims/{id}", s2.addr))
                .bearer_auth(TOKEN_A)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(
                v["claim"]["status"].as_str(),
                Some(status.as_str()),
                "{key} {id}: {v}"
            );
            // The key is stored as its keyed hash, never as sent.
            let keys = peixun_server::keys::ServerKeys::derive(
                &peixun::voucher::HolderKey::from_bytes([9; 32]),
            );
            assert_eq!(
                v["claim"]["idempotency_key"].as_str(),
                Some(keys.idempotency(INST_A, key).as_str())
            );
        }
    });
    signal(&s2.child, "-TERM");
    wait_exit(&mut s2.child, Duration::from_secs(20)).expect("the server exits");
    // Nothing half-written: every claim whole, every participation with its claim.
    rt.block_on(async {
        let ledger = peixun_server::ledger::Ledger::connect(None, &dir.join("data"))
            .await
            .unwrap();
        let problems = ledger.check_integrity().await.unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let claims = ledger.count("claims").await.unwrap();
        assert!(claims as usize >= acked.len());
        assert_eq!(ledger.count("claim_people").await.unwrap(), claims * 3);
        ledger.close().await;
    });
    // The logs of both runs name no ID number.
    let logs = s2.log.lock().unwrap().clone() + &log1.lock().unwrap();
    for (w, i) in [(0u32, 0u32), (1, 0), (2, 1), (3, 2)] {
        let id = id_number(70_000 + w * 10_000 + i);
        assert!(!logs.contains(&id), "ID number in the logs");
    }
    assert!(logs.contains("\"message\":\"response\"") || logs.contains("response"));
    let _ = std::fs::remove_dir_all(dir);
}
