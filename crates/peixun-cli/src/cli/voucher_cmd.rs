//! `peixun keygen` (the authority's key files) and `peixun voucher issue / verify /
//! replay`.
//!
//! Exit codes: `verify` 0 valid, 1 not valid; `replay` 0 when every event is
//! accepted, 1 when one is refused; every command 3 for input it cannot read.

use peixun::error::{CliCode, Code, InputCode, InternalCode, IssueCode};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use peixun::engine::Engine;
use peixun::error::{Explain, Problem};
use peixun::money::Yuan;
use peixun::policy::kinds::RuleKind;
use peixun::voucher::{
    self, generate_holder_key, moment, FaceValue, HolderHash, HolderKey, Issuer, KeySet, Payload,
    Verification,
};
use serde_json::{json, Value};

use super::output::{fail, print_json, read_input, NO, OK};
use super::policy_files::{PolicyFiles, ReadsPolicies};

/// Generate the authority's signing key pair (and, if asked, a holder key).
///
/// Writes `<ID>.private.json` (mode 0600: whoever has it can sign vouchers) and
/// adds the public key to `keys.json`, the trusted key set verifiers are given
/// (created if missing). Existing key files are never overwritten.
#[derive(Debug, Args)]
pub struct KeygenCmd {
    /// The directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The new key's ID (default: `key-YYYYMMDD`, today in China).
    #[arg(long, value_name = "ID")]
    key_id: Option<String>,
    /// Also write a new holder key, `holder-key.json` (mode 0600).
    #[arg(long)]
    holder_key: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Electronic training vouchers: the subcommand and the deployment's policy files.
#[derive(Debug, Args)]
pub struct VoucherCmd {
    #[command(subcommand)]
    command: VoucherCommand,
    #[command(flatten)]
    deployment: PolicyFiles,
}

impl ReadsPolicies for VoucherCmd {
    fn policy_files(&self) -> &PolicyFiles {
        &self.deployment
    }
    fn json(&self) -> bool {
        match &self.command {
            VoucherCommand::Issue(a) => a.json,
            VoucherCommand::Verify(a) => a.json,
            VoucherCommand::Replay(a) => a.json,
        }
    }
}

/// Electronic training vouchers: issue (authority), verify (anyone), replay a lifecycle log.
#[derive(Debug, Subcommand)]
pub enum VoucherCommand {
    /// Sign a voucher with the authority's private key; prints the token.
    Issue(IssueArgs),
    /// Verify a token offline against the trusted public keys.
    ///
    /// Exit code: 0 valid, 1 not valid, 3 bad input.
    Verify(VerifyArgs),
    /// Replay a voucher event log (JSON array of events) and show each voucher's state.
    ///
    /// Exit code: 0 every event accepted, 1 an event refused, 3 bad input.
    Replay(ReplayArgs),
}

/// `peixun voucher issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The private key file written by `peixun keygen`.
    #[arg(long, value_name = "FILE")]
    key: String,
    /// The holder key file (with --holder-id).
    #[arg(
        long,
        value_name = "FILE",
        requires = "holder_id",
        conflicts_with = "holder"
    )]
    holder_key: Option<String>,
    /// The holder's resident ID number (with --holder-key); only its keyed hash is signed.
    #[arg(long, value_name = "NUMBER", requires = "holder_key")]
    holder_id: Option<String>,
    /// The holder's pseudonym (32 hex digits), if already computed.
    #[arg(long, value_name = "HEX", required_unless_present = "holder_key")]
    holder: Option<String>,
    /// The policy (programme) ID, e.g. dalian-2023-major-conversion.
    #[arg(long)]
    policy: String,
    /// The major, as the policy names it.
    #[arg(long)]
    major: String,
    /// The institution's unified social credit code, for a targeted voucher.
    #[arg(long, value_name = "CODE")]
    institution: Option<String>,
    /// First valid day, YYYY-MM-DD (China time).
    #[arg(long, value_name = "DATE")]
    valid_from: String,
    /// Last valid day, YYYY-MM-DD (China time), inclusive.
    #[arg(long, value_name = "DATE")]
    valid_until: String,
    /// A fixed face value in yuan, e.g. 1500.00.
    #[arg(long, value_name = "YUAN", conflicts_with = "per_policy")]
    face_value: Option<String>,
    /// The face value is what the policy pays (the default).
    #[arg(long)]
    per_policy: bool,
    /// The issue time, RFC 3339 with offset (default: now).
    #[arg(long, value_name = "MOMENT")]
    at: Option<String>,
    /// The voucher ID (default: `V` + the date + 8 random hex digits).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Print JSON (token and fields) instead of the bare token.
    #[arg(long)]
    json: bool,
}

/// `peixun voucher verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token, or `-` to read it from standard input.
    token: String,
    /// The trusted key set (`keys.json` from `peixun keygen`).
    #[arg(long, value_name = "FILE")]
    keys: String,
    /// The moment of verification, RFC 3339 with offset (default: now).
    #[arg(long, value_name = "MOMENT")]
    at: Option<String>,
    /// The holder's resident ID number, to check the voucher is theirs (needs --holder-key).
    #[arg(long, value_name = "NUMBER", requires = "holder_key")]
    holder_id: Option<String>,
    /// The deployment's holder key file.
    #[arg(long, value_name = "FILE", requires = "holder_id")]
    holder_key: Option<String>,
    /// The institution checking the voucher (unified social credit code).
    #[arg(long, value_name = "CODE")]
    institution: Option<String>,
    /// The major the trainee is enrolled in.
    #[arg(long)]
    major: Option<String>,
    /// The policy (programme) the voucher must belong to.
    #[arg(long)]
    policy: Option<String>,
    /// A file of revoked voucher IDs, one per line (`#` starts a comment).
    #[arg(long, value_name = "FILE")]
    revoked: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// `peixun voucher replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The event log: a JSON array of events, or `-` for standard input.
    events: String,
    /// The policy (programme) the log belongs to.
    #[arg(long)]
    policy: String,
    /// For a policy without a voucher_lifecycle rule: allow one active voucher per person only.
    #[arg(long)]
    one_active_per_person: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

fn problem(code: impl Into<Code>, path: &str, zh: String, en: String) -> Problem {
    Problem::new(code, path, zh, en)
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    // std's clock: chrono is built without its `clock` feature (no clock in the core).
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .with_timezone(&moment::CHINA)
}

fn parse_moment(
    text: Option<&str>,
    path: &str,
) -> Result<chrono::DateTime<chrono::FixedOffset>, Problem> {
    match text {
        None => Ok(now()),
        Some(t) => moment::parse(t)
            .map_err(|(code, detail)| problem(code, path, format!("时间无效：{detail}"), detail)),
    }
}

/// Creates a file that must not exist yet; private files get mode 0600.
fn write_new(path: &Path, text: &str, private: bool) -> Result<(), Problem> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let shown = path.display();
    let mut file = options.open(path).map_err(|e| {
        problem(
            CliCode::WriteFailed,
            "$",
            format!("无法创建文件 {shown}：{e}"),
            format!("cannot create {shown}: {e}"),
        )
    })?;
    file.write_all(text.as_bytes()).map_err(|e| {
        problem(
            CliCode::WriteFailed,
            "$",
            format!("无法写入文件 {shown}：{e}"),
            format!("cannot write {shown}: {e}"),
        )
    })
}

/// Runs `peixun keygen`.
pub fn run_keygen(cmd: KeygenCmd) -> ExitCode {
    match keygen(&cmd) {
        Ok(v) => {
            if cmd.json {
                print_json(&v);
            } else {
                outln!(
                    "已生成签名密钥 signing key generated: {}",
                    v["key_id"].as_str().unwrap_or("")
                );
                outln!(
                    "  私钥 private key (0600, keep secret): {}",
                    v["private_key_file"].as_str().unwrap_or("")
                );
                outln!(
                    "  公钥集 trusted keys (give to verifiers): {}",
                    v["keys_file"].as_str().unwrap_or("")
                );
                outln!(
                    "  公钥 public key: {}",
                    v["public_key"].as_str().unwrap_or("")
                );
                if let Some(h) = v["holder_key_file"].as_str() {
                    outln!("  持券人密钥 holder key (0600, for verifiers that match holders): {h}");
                }
            }
            ExitCode::from(OK)
        }
        Err(p) => fail(&p, cmd.json),
    }
}

fn keygen(cmd: &KeygenCmd) -> Result<Value, Problem> {
    let key_id = cmd
        .key_id
        .clone()
        .unwrap_or_else(|| format!("key-{}", now().format("%Y%m%d")));
    let issuer = Issuer::generate(&key_id).map_err(|e| e.problem())?;
    std::fs::create_dir_all(&cmd.out).map_err(|e| {
        let d = cmd.out.display();
        problem(
            CliCode::WriteFailed,
            "$",
            format!("无法创建目录 {d}：{e}"),
            format!("cannot create {d}: {e}"),
        )
    })?;
    let keys_path = cmd.out.join("keys.json");
    let mut keys = if keys_path.exists() {
        let text = read_input(&keys_path.display().to_string())?;
        KeySet::from_json(&text).map_err(|e| e.problem())?
    } else {
        KeySet::new()
    };
    keys.insert(issuer.trusted_key()).map_err(|e| e.problem())?;
    let holder_path = cmd.out.join("holder-key.json");
    if cmd.holder_key && holder_path.exists() {
        let d = holder_path.display();
        return Err(problem(
            CliCode::WriteFailed,
            "$",
            format!("{d} 已存在，不会覆盖"),
            format!("{d} exists; it is never overwritten"),
        ));
    }
    let private_path = cmd.out.join(format!("{key_id}.private.json"));
    write_new(&private_path, &issuer.to_key_file(), true)?;
    // Replace keys.json only after the private key is safely written.
    let tmp = cmd.out.join(".keys.json.tmp");
    let _ = std::fs::remove_file(&tmp);
    write_new(&tmp, &keys.to_json(), false)?;
    std::fs::rename(&tmp, &keys_path).map_err(|e| {
        let d = keys_path.display();
        problem(
            CliCode::WriteFailed,
            "$",
            format!("无法写入 {d}：{e}"),
            format!("cannot write {d}: {e}"),
        )
    })?;
    let mut out = json!({
        "key_id": key_id,
        "public_key": issuer.trusted_key().public_key_base64url(),
        "private_key_file": private_path.display().to_string(),
        "keys_file": keys_path.display().to_string(),
    });
    if cmd.holder_key {
        let key = generate_holder_key().map_err(|e| e.problem())?;
        write_new(&holder_path, &key.to_key_file(), true)?;
        out["holder_key_file"] = json!(holder_path.display().to_string());
    }
    Ok(out)
}

/// Runs `peixun voucher …`.
pub fn run(cmd: VoucherCmd, engine: &Engine) -> ExitCode {
    match cmd.command {
        VoucherCommand::Issue(args) => match issue(&args, engine) {
            Ok((token, payload)) => {
                if args.json {
                    print_json(&json!({
                        "token": token,
                        "chars": token.len(),
                        "voucher": payload.view(),
                    }));
                } else {
                    outln!("{token}");
                    let v = payload.view();
                    eprintln!(
                        "已签发 issued {} · {} · {} · {} 至 {} · {} 字符 characters",
                        v.voucher_id,
                        v.policy,
                        v.major,
                        v.valid_from,
                        v.valid_until,
                        token.len()
                    );
                }
                ExitCode::from(OK)
            }
            Err(p) => fail(&p, args.json),
        },
        VoucherCommand::Verify(args) => match verify(&args, engine) {
            Ok(v) => {
                if args.json {
                    print_json(&v);
                } else {
                    print_verification(&v);
                }
                ExitCode::from(if v.valid { OK } else { NO })
            }
            Err(p) => fail(&p, args.json),
        },
        VoucherCommand::Replay(args) => replay(&args, engine),
    }
}

fn read_holder_key(path: &str) -> Result<HolderKey, Problem> {
    let text = read_input(path)?;
    HolderKey::from_key_file(&text).map_err(|e| e.problem())
}

fn issue(args: &IssueArgs, engine: &Engine) -> Result<(String, Payload), Problem> {
    let issuer = Issuer::from_key_file(&read_input(&args.key)?).map_err(|e| e.problem())?;
    let holder: HolderHash = match (&args.holder_key, &args.holder_id, &args.holder) {
        (Some(key_file), Some(number), None) => read_holder_key(key_file)?
            .hash_id_number(number)
            .map_err(|e| e.problem().under("$.holder_id"))?,
        (None, None, Some(hex)) => hex
            .parse()
            .map_err(|e: voucher::HolderError| e.problem().under("$.holder"))?,
        _ => {
            return Err(problem(
                InputCode::MissingField,
                "$.holder",
                "需要 --holder-key 与 --holder-id，或 --holder".into(),
                "give --holder-key with --holder-id, or --holder".into(),
            ))
        }
    };
    let policy = engine.policy(&args.policy).map_err(|e| e.problem())?;
    // DL-M1 and its kin: a voucher for a major the programme does not train is refused.
    for rule in &policy.rules {
        if let RuleKind::MajorInList(peixun::policy::kinds::MajorInList { majors }) = &rule.kind {
            if !majors.iter().any(|m| m == args.major.trim()) {
                return Err(problem(
                    InputCode::InvalidValue,
                    "$.major",
                    format!(
                        "“{}”不在 {} {} 列出的专业中",
                        args.major.trim(),
                        policy.id,
                        rule.id
                    ),
                    format!(
                        "“{}” is not among the majors of {} rule {}: {}",
                        args.major.trim(),
                        policy.id,
                        rule.id,
                        majors.join(", ")
                    ),
                ));
            }
        }
    }
    let institution = match &args.institution {
        None => None,
        Some(code) => Some(
            peixun::identity::check_credit_code(code)
                .map_err(|e| e.problem().under("$.institution"))?
                .code()
                .to_owned(),
        ),
    };
    let date = |text: &str, path: &str| {
        peixun::input::date::parse(text)
            .map_err(|m| problem(InputCode::InvalidDate, path, format!("日期无效：{m}"), m))
    };
    let face_value = match &args.face_value {
        Some(text) => FaceValue::Amount {
            yuan: text
                .parse::<Yuan>()
                .map_err(|e| e.problem().under("$.face_value"))?,
        },
        None => FaceValue::PerPolicy,
    };
    let at = parse_moment(args.at.as_deref(), "$.at")?;
    // The token keeps whole seconds.
    let at = at - chrono::Duration::nanoseconds(i64::from(at.timestamp_subsec_nanos()));
    let voucher_id = match &args.id {
        Some(id) => id.trim().to_owned(),
        None => {
            let mut random = [0u8; 4];
            getrandom::fill(&mut random).map_err(|e| {
                problem(
                    IssueCode::NoRandomness,
                    "$",
                    format!("随机数发生器出错：{e}"),
                    e.to_string(),
                )
            })?;
            let hex: String = random.iter().map(|b| format!("{b:02X}")).collect();
            format!("V{}-{hex}", moment::china_date(&at).format("%Y%m%d"))
        }
    };
    let payload = Payload {
        key_id: issuer.key_id().to_owned(),
        voucher_id,
        policy: policy.id.clone(),
        holder,
        institution,
        major: args.major.trim().to_owned(),
        face_value,
        valid_from: date(&args.valid_from, "$.valid_from")?,
        valid_until: date(&args.valid_until, "$.valid_until")?,
        issued_at: at,
    };
    let token = issuer.sign(&payload).map_err(|e| e.problem())?;
    Ok((token, payload))
}

fn verify(args: &VerifyArgs, engine: &Engine) -> Result<Verification, Problem> {
    let token = if args.token == "-" {
        read_input("-")?.trim().to_owned()
    } else {
        args.token.trim().to_owned()
    };
    let keys_text = read_input(&args.keys)?;
    let keys: Value =
        peixun::input::from_json(&keys_text, engine.max_input_bytes()).map_err(|e| e.problem())?;
    let at = parse_moment(args.at.as_deref(), "$.at")?;
    let mut request = json!({
        "token": token,
        "keys": keys,
        "at": moment::format_china(&at),
    });
    if let (Some(number), Some(key_file)) = (&args.holder_id, &args.holder_key) {
        request["holder_id_number"] = json!(number);
        request["holder_key"] = json!(read_holder_key(key_file)?.to_base64url());
    }
    if let Some(code) = &args.institution {
        request["institution"] = json!(code);
    }
    if let Some(major) = &args.major {
        request["major"] = json!(major);
    }
    if let Some(policy) = &args.policy {
        request["policy"] = json!(policy);
    }
    if let Some(path) = &args.revoked {
        let ids: Vec<String> = read_input(path)?
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        request["revoked"] = json!(ids);
    }
    // The same entry point as every other surface.
    let out = engine.handle("voucher.verify", &request.to_string())?;
    serde_json::from_str::<Verification>(&out)
        .map_err(|e| problem(InternalCode::Serialise, "$", e.to_string(), e.to_string()))
}

fn print_verification(v: &Verification) {
    if v.valid {
        outln!("有效 VALID");
    } else {
        outln!("无效 NOT VALID");
    }
    outln!("  {}", v.message_zh);
    outln!("  {}", v.message_en);
    for f in &v.failures {
        let rule = match (&f.rule_id, &f.citation, &f.policy) {
            (Some(r), Some(c), Some(p)) => format!(" ({p} {r} {} · {})", c.clause, c.document),
            _ => String::new(),
        };
        outln!("  ✗ [{}]{rule}", f.code);
        outln!("      {}", f.message_zh);
        outln!("      {}", f.message_en);
        if let Some(n) = &f.no_rule {
            outln!("      依据 basis: {}", n.message_zh);
            outln!("                  {}", n.message_en);
        }
    }
    let (fields, indent) = match (&v.voucher, &v.unverified) {
        (Some(p), _) => (p, "  "),
        (None, Some(u)) => {
            outln!("  未经核实 UNVERIFIED (不是这张券的事实 not the voucher's fields):");
            outln!("    {}", u.message_zh);
            outln!("    {}", u.message_en);
            (&u.fields, "    ? ")
        }
        (None, None) => {
            outln!("  核验时间 checked at: {} ({})", v.at, v.checked.join(", "));
            return;
        }
    };
    outln!("{indent}券号 voucher: {}", fields.voucher_id);
    outln!("{indent}政策 policy: {}", fields.policy);
    outln!("{indent}专业 major: {}", fields.major);
    outln!(
        "{indent}培训机构 institution: {}",
        fields
            .institution
            .as_deref()
            .unwrap_or("(不限 any catalogued institution)")
    );
    let face = match fields.face_value {
        FaceValue::PerPolicy => "按政策标准 per policy".to_owned(),
        FaceValue::Amount { yuan } => format!("{yuan} 元 yuan"),
    };
    outln!("{indent}面值 face value: {face}");
    outln!(
        "{indent}有效期 valid: {} – {}",
        fields.valid_from,
        fields.valid_until
    );
    outln!(
        "{indent}签发 issued: {} (key {})",
        fields.issued_at,
        fields.key_id
    );
    outln!("{indent}持券人标识 holder pseudonym: {}", fields.holder);
    outln!("  核验时间 checked at: {} ({})", v.at, v.checked.join(", "));
}

fn replay(args: &ReplayArgs, engine: &Engine) -> ExitCode {
    let text = match read_input(&args.events) {
        Ok(t) => t,
        Err(p) => return fail(&p, args.json),
    };
    let events: Value = match peixun::input::from_json(&text, engine.max_input_bytes()) {
        Ok(v) => v,
        Err(e) => return fail(&e.problem(), args.json),
    };
    let mut request = json!({ "policy": args.policy, "events": events });
    if args.one_active_per_person {
        request["lifecycle"] = json!({ "one_active_per_person": true });
    }
    match engine.handle("voucher.replay", &request.to_string()) {
        Ok(out) => {
            let v: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
            if args.json {
                print_json(&v);
            } else {
                outln!(
                    "{} 个事件 events · {} 已应用 applied · {} 重复 duplicates",
                    v["events"],
                    v["applied"],
                    v["duplicates"]
                );
                for r in v["vouchers"].as_array().into_iter().flatten() {
                    let state = r["state"].as_str().unwrap_or_default();
                    let zh = voucher::State::ALL
                        .iter()
                        .find(|s| s.name() == state)
                        .map_or("", |s| s.name_zh());
                    outln!(
                        "  {}  {zh} {state}  (check-ins {})",
                        r["voucher_id"].as_str().unwrap_or_default(),
                        r["check_ins"]
                    );
                }
            }
            ExitCode::from(OK)
        }
        Err(p) if matches!(p.code, Code::Lifecycle(_)) => {
            if args.json {
                print_json(&json!({ "error": p }));
            } else {
                outln!("拒绝 REFUSED [{}] {}", p.code, p.path);
                outln!("  {}", p.message_zh);
                outln!("  {}", p.message_en);
            }
            ExitCode::from(NO)
        }
        Err(p) => fail(&p, args.json),
    }
}
