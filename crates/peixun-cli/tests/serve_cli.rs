//! `peixun serve` with a deployment's policy files: from the configuration's
//! `policy_files`, `PEIXUN_POLICY_FILES` or `--policy-file` (flag over
//! environment over file); the server answers with the deployment's figures,
//! and a file that fails the lint stops it before it opens the ledger.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

const DEPLOYMENT: &str = "examples/policies/dalian-deployment-example.toml";
const CLAIM: &str = "examples/claims/dalian-claim.json";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("peixun-serve-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The files a test server is given: a configuration (loopback, a port of the
/// system's choosing, a holder key, `policy_files` as given), the deployment
/// example with its 软件系统操作 rates lowered to 1650.00 / 1100.00, one that
/// fails the lint (a rate of 2100.00, outside 1500–2000), and the example
/// claim claiming what the lowered rates give (11300.00).
struct Files {
    dir: PathBuf,
    lowered: PathBuf,
    bad: PathBuf,
    claim: String,
}

fn files(tag: &str) -> Files {
    let dir = temp(tag);
    let deployment = std::fs::read_to_string(root().join(DEPLOYMENT)).unwrap();
    let lowered = deployment.replacen(
        "[rules.params.rates.value.\"软件系统操作\"]\nqualification = \"1800.00\"\nspecial_ability = \"1200.00\"",
        "[rules.params.rates.value.\"软件系统操作\"]\nqualification = \"1650.00\"\nspecial_ability = \"1100.00\"",
        1,
    );
    assert_ne!(lowered, deployment);
    let bad = deployment.replacen(
        "qualification = \"1800.00\"",
        "qualification = \"2100.00\"",
        1,
    );
    std::fs::write(dir.join("lowered.toml"), lowered).unwrap();
    std::fs::write(dir.join("bad.toml"), bad).unwrap();
    let mut claim: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(CLAIM)).unwrap()).unwrap();
    claim["trainees"][0]["claimed"]["DL-S1"] = "6600.00".into();
    claim["trainees"][1]["claimed"]["DL-S1"] = "4400.00".into();
    claim["claimed_total"] = "11300.00".into();
    Files {
        lowered: dir.join("lowered.toml"),
        bad: dir.join("bad.toml"),
        dir,
        claim: claim.to_string(),
    }
}

/// A configuration file listing `policy_files` (relative to the file).
fn config(f: &Files, policy_files: &[&str]) -> PathBuf {
    let list: Vec<String> = policy_files.iter().map(|p| format!("{p:?}")).collect();
    let text = format!(
        "listen = \"127.0.0.1:0\"\nholder_key = \"{}\"\npolicy_files = [{}]\n",
        peixun::voucher::HolderKey::from_bytes([9; 32]).to_base64url(),
        list.join(", ")
    );
    let path = f.dir.join("peixun.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// `peixun serve` with these arguments and environment, its data in `data`.
fn serve(f: &Files, args: &[&str], env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_peixun"));
    cmd.arg("serve")
        .arg("--data-dir")
        .arg(f.dir.join("data"))
        .args(args)
        .env_remove("PEIXUN_POLICY_FILES")
        // The same holder key in every run: the ledger in `data` records its
        // fingerprint at the first and refuses another (or none) after.
        .env(
            "PEIXUN_HOLDER_KEY",
            peixun::voucher::HolderKey::from_bytes([9; 32]).to_base64url(),
        )
        .env_remove("PEIXUN_CONFIG")
        .env_remove("DATABASE_URL")
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

/// The address the server says it listens on; or, if it exits first, its
/// exit code and everything it wrote.
fn started(child: &mut Child) -> Result<String, (Option<i32>, String)> {
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("peixun verifier listening on http://") {
                let _ = tx.send(Ok(rest.trim_end_matches('/').to_owned()));
            }
            all.push_str(&line);
            all.push('\n');
        }
        let _ = tx.send(Err(all));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(addr)) => Ok(addr),
        Ok(Err(log)) => {
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut code = None;
            while Instant::now() < deadline {
                if let Some(s) = child.try_wait().unwrap() {
                    code = s.code();
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err((code, log))
        }
        Err(_) => panic!("the server neither started nor stopped"),
    }
}

/// One HTTP/1.1 request; the status and the body as JSON.
fn request(addr: &str, method: &str, path: &str, body: &str) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        // Chunks: a hexadecimal size line, the data, CRLF; size 0 ends.
        let mut out = String::new();
        let mut rest = body;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.push_str(&tail[..n]);
            rest = &tail[n + 2..];
        }
        out
    } else {
        body.to_owned()
    };
    (status, serde_json::from_str(&body).unwrap())
}

/// Asks the running server for the Dalian policy's version and the verdict on
/// the claim, then stops it.
fn answers(mut child: Child, f: &Files) -> (String, Value) {
    let addr = match started(&mut child) {
        Ok(a) => a,
        Err((code, log)) => panic!("the server stopped ({code:?}): {log}"),
    };
    let (status, policies) = request(&addr, "GET", "/v1/policies", "");
    assert_eq!(status, 200);
    let version = policies
        .as_array()
        .or_else(|| policies["policies"].as_array())
        .unwrap()
        .iter()
        .find(|p| p["id"] == "dalian-2023-major-conversion")
        .unwrap()["version"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, verdict) = request(&addr, "POST", "/v1/claims/verify", &f.claim);
    assert_eq!(status, 200, "{verdict}");
    child.kill().unwrap();
    child.wait().unwrap();
    (version, verdict)
}

#[test]
fn the_server_answers_with_the_configured_policy_files() {
    let f = files("config");
    let cfg = config(&f, &["lowered.toml"]);
    let child = serve(&f, &["--config", cfg.to_str().unwrap()], &[]);
    let (version, verdict) = answers(child, &f);
    assert_eq!(version, "2023.1+deployment-example");
    // 1650.00 × 4 + 200.00 = 6800.00 and 1100.00 × 4 + 100.00 = 4500.00.
    assert_eq!(verdict["decision"], "accept", "{verdict}");
    assert_eq!(verdict["total"], "11300.00");
    assert_eq!(verdict["trainees"][0]["lines"][0]["amount"], "6600.00");
}

#[test]
fn the_flag_and_the_environment_name_the_files_too() {
    let f = files("flag-env");
    let lowered = f.lowered.to_str().unwrap();
    let bad = f.bad.to_str().unwrap();
    // The environment over the file: the file's bad policy is not read.
    let cfg = config(&f, &["bad.toml"]);
    let child = serve(
        &f,
        &["--config", cfg.to_str().unwrap()],
        &[("PEIXUN_POLICY_FILES", lowered)],
    );
    let (_, verdict) = answers(child, &f);
    assert_eq!(verdict["total"], "11300.00", "{verdict}");
    // The flag over the environment.
    let child = serve(
        &f,
        &["--policy-file", lowered],
        &[("PEIXUN_POLICY_FILES", bad)],
    );
    let (_, verdict) = answers(child, &f);
    assert_eq!(verdict["total"], "11300.00", "{verdict}");
    // Without any, the shipped rates are examples: the claim needs review.
    let child = serve(&f, &[], &[]);
    let (version, verdict) = answers(child, &f);
    assert_eq!(version, "2023.1");
    assert_eq!(verdict["decision"], "needs_review", "{verdict}");
}

#[test]
fn a_policy_file_that_fails_the_lint_stops_the_server() {
    let f = files("bad");
    for (args, env) in [
        (
            vec![
                "--config".to_owned(),
                config(&f, &["bad.toml"]).display().to_string(),
            ],
            vec![],
        ),
        (
            vec!["--policy-file".to_owned(), f.bad.display().to_string()],
            vec![],
        ),
        (
            vec![],
            vec![("PEIXUN_POLICY_FILES", f.bad.to_str().unwrap())],
        ),
    ] {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = serve(&f, &refs, &env);
        let (code, log) = started(&mut child).expect_err("the server must not start");
        assert_eq!(code, Some(3), "{log}");
        assert!(log.contains("[policy.rate_out_of_range]"), "{log}");
        assert!(
            log.contains(&format!("policy file {}", f.bad.display())),
            "the file is named: {log}"
        );
        assert!(
            !f.dir.join("data").join("ledger.sqlite3").exists(),
            "the ledger is not opened"
        );
    }
    // A file that cannot be read stops it too.
    let mut child = serve(&f, &["--policy-file", "no-such-policy.toml"], &[]);
    let (code, log) = started(&mut child).expect_err("the server must not start");
    assert_eq!(code, Some(3), "{log}");
    assert!(log.contains("no-such-policy.toml"), "{log}");
}
