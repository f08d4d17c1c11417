//! Shared by the server tests: a server on loopback with a real ledger, an
//! HTTP client, test tokens and claims, a throw-away PostgreSQL cluster, and
//! the ledger scenarios that run on both databases.
#![allow(dead_code)]

pub mod pg;
pub mod suite;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use peixun_server::config::{token_sha256, Config, TokenEntry, TokenRole};
use peixun_server::Server;
use reqwest::Method;
use serde_json::{json, Value};

pub const TOKEN_A: &str = "test-token-institution-a";
pub const TOKEN_B: &str = "test-token-institution-b";
pub const TOKEN_AUTHORITY: &str = "test-token-authority";
pub const TOKEN_BAD: &str = "not-a-configured-token";

/// Institution A: the credit code of the example claims.
pub const INST_A: &str = "91350100M000100Y43";

/// Institution B: another valid credit code.
pub fn inst_b() -> String {
    let first = "91210200MA0TEXT0B";
    let c = peixun::identity::credit_code_check_character(first).unwrap();
    format!("{first}{c}")
}

/// A fresh directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let d = std::env::temp_dir().join(format!(
        "peixun-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The tokens every test server knows.
pub fn tokens() -> Vec<TokenEntry> {
    vec![
        TokenEntry {
            role: TokenRole::Institution,
            credit_code: Some(INST_A.into()),
            name: Some("institution A".into()),
            sha256: token_sha256(TOKEN_A),
        },
        TokenEntry {
            role: TokenRole::Institution,
            credit_code: Some(inst_b()),
            name: Some("institution B".into()),
            sha256: token_sha256(TOKEN_B),
        },
        TokenEntry {
            role: TokenRole::Authority,
            credit_code: None,
            name: Some("authority".into()),
            sha256: token_sha256(TOKEN_AUTHORITY),
        },
    ]
}

/// The test signing key (published test seed, never a real key).
pub fn signing_key() -> String {
    peixun::voucher::Issuer::from_seed("test-1", [7; 32])
        .unwrap()
        .to_key_file()
}

/// A test configuration: port 0, a fresh data dir, the test tokens.
pub fn config(dir: &Path, database_url: Option<String>) -> Config {
    let mut c = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.to_path_buf(),
        database_url,
        holder_key: Some(peixun::voucher::HolderKey::from_bytes([9; 32])),
        signing_key: Some(signing_key()),
        tokens: tokens(),
        www_dir: Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("www-demo"),
        // The deployment's Dalian figures (the annex's rates, the fee table):
        // claims are decided on them, as on a real authority's server.
        policies: vec![deployment_policy()],
        ..Config::default()
    };
    c.limits.max_in_flight = 4096;
    // The race tests open a connection per concurrent submission.
    c.limits.max_connections = 4096;
    c
}

/// The Dalian deployment example, as the server's configuration carries it.
pub fn deployment_policy() -> (PathBuf, String) {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("examples/policies/dalian-deployment-example.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// A server on loopback and a client for it.
pub struct TestServer {
    pub server: Server,
    pub base: String,
    pub client: reqwest::Client,
    pub dir: PathBuf,
}

/// The answer to a request.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub json: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl TestServer {
    pub async fn start(config: Config) -> TestServer {
        let dir = config.data_dir.clone();
        let server = peixun_server::start(config).await.expect("server starts");
        let base = format!("http://{}", server.addr());
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(64)
            .build()
            .unwrap();
        TestServer {
            server,
            base,
            client,
            dir,
        }
    }

    /// Starts a server on SQLite in a fresh directory.
    pub async fn sqlite(tag: &str) -> TestServer {
        let dir = temp_dir(tag);
        TestServer::start(config(&dir, None)).await
    }

    pub async fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let mut rb = self.client.request(m, format!("{}{}", self.base, path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        if let Some(b) = body {
            rb = rb.header("content-type", "application/json").body(b);
        }
        let res = rb.send().await.expect("request sent");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res.text().await.unwrap_or_default();
        let json = serde_json::from_str(&body).unwrap_or(Value::Null);
        Answer {
            status,
            body,
            json,
            headers,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.request("GET", path, token, None, &[]).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        self.request("POST", path, token, Some(body.to_string()), &[])
            .await
    }

    /// Submits a claim with an idempotency key, retrying while the server says
    /// it is busy (503), as a client should.
    pub async fn submit(&self, token: &str, key: &str, claim: &Value) -> Answer {
        for _ in 0..50 {
            let a = self
                .request(
                    "POST",
                    "/v1/claims",
                    Some(token),
                    Some(claim.to_string()),
                    &[("idempotency-key", key)],
                )
                .await;
            if a.status != 503 {
                return a;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the server stayed busy");
    }

    pub async fn stop(self) {
        self.server.shutdown().await;
    }

    /// Stops the server and removes its data directory.
    pub async fn finish(self) {
        let dir = self.dir.clone();
        self.server.shutdown().await;
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// A valid resident ID number, different for each `n` (born in Dalian, 2000–2002).
pub fn id_number(n: u32) -> String {
    let birth = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
        + chrono::Duration::days(i64::from(n / 900));
    let first = format!("210202{}{:03}", birth.format("%Y%m%d"), n % 900 + 100);
    let c = peixun::identity::resident_id_check_character(&first).unwrap();
    format!("{first}{c}")
}

/// A Dalian trainee who is eligible, attended, obtained a skill-level
/// certificate, and for whom 7200.00 + 200.00 is claimed (the example claim's 张三).
pub fn trainee(id: &str, name: &str) -> Value {
    json!({
        "name": name,
        "id_number": id,
        "eligibility": {
            "hukou_province": "21", "school_province": "21", "education": "full_time_college",
            "graduation_year": 2022, "employed_since_graduation": false,
            "unit_social_insurance_record": false, "participations_this_year": 0, "dishonest": false
        },
        "attendance": { "expected_sessions": 178, "attended_sessions": 170, "attended_days": 85, "sick_leave": 4, "personal_leave": 4 },
        "not_employed_verified": { "institution": "2023-09-25", "district": "2023-09-27" },
        "certificates": [{ "type": "skill_level", "first_time": true }],
        "claimed": { "DL-S1": "7200.00", "DL-S2": "200.00" }
    })
}

/// A Dalian claim (2023-10-09 to 2024-02-08, four months) for these ID numbers,
/// from `institution`, that the engine accepts.
pub fn claim(ids: &[String], institution: &str) -> Value {
    claim_dated(ids, institution, "2023-10-09", "2024-02-08")
}

/// The same with other dates (the amounts assume four filed months).
pub fn claim_dated(ids: &[String], institution: &str, start: &str, end: &str) -> Value {
    let trainees: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| trainee(id, &format!("学员{i}")))
        .collect();
    let total = format!("{}.00", 7400 * ids.len());
    let day = |s: &str, delta: i64| {
        (s.parse::<chrono::NaiveDate>().unwrap() + chrono::Duration::days(delta)).to_string()
    };
    json!({
        "policy": "dalian-2023-major-conversion",
        "class": {
            "name": format!("{}年软件系统操作专业1班期", &start[0..4]),
            "major": "软件系统操作",
            "start": start,
            "end": end,
            "filed_months": 4,
            "filed_on": day(start, -20),
            "approved_on": day(start, -10),
            "acceptance_applied_on": day(end, -30),
            // The filed timetable (DL-T2, DL-T3 are unknown without it).
            "timetable": {
                "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}],
                "lessons_per_day": 6,
                "lesson_minutes": 45
            },
        },
        "institution": {
            "name": "大连市某职业技能培训学校",
            "credit_code": institution,
            "in_catalogue": true,
            "premises_verified": true,
            "premises": premises(institution),
            "dishonest": false,
            "majors": ["软件系统操作", "大数据开发"]
        },
        "trainees": trainees,
        "claimed_total": total
    })
}

/// Where institution A's and B's classes train: premises the Dalian
/// deployment example's register (DL-P1) lists for each.
fn premises(institution: &str) -> &'static str {
    if institution == INST_A {
        "大连市沙河口区示例路8号"
    } else {
        "大连市甘井子区示例街16号"
    }
}

/// A Jinzhong claim (JZ-S3, 100 yuan a day for ten days) for one trainee, from `institution`.
pub fn jinzhong(id: &str, institution: &str, start: &str, end: &str) -> Value {
    json!({
        "policy": "jinzhong-2023-skills-shanxi",
        "class": { "name": format!("{}年焊工订单班", &start[0..4]), "start": start, "end": end },
        "institution": { "name": "晋中市某职业技术学院", "credit_code": institution },
        "trainees": [{
            "name": "学员J", "id_number": id, "system_record": true, "employed_after_training": true,
            // JZ-D1's 农村转移劳动力 excludes enterprise employees; 10 training days.
            "eligibility": { "key_groups": ["rural_migrant_worker"], "enterprise_employee": false },
            "attendance": { "expected_sessions": 10, "attended_sessions": 10, "attended_days": 10 },
            "claimed": { "JZ-S3": "1000.00" }
        }],
        "claimed_total": "1000.00"
    })
}
