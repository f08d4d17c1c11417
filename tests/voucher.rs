//! Electronic training vouchers: golden vectors, the tamper property, key
//! rotation, the lifecycle's full transition table, replay, and the CLI.
//!
//! The keys used here are test keys (tests/data/voucher-test-keys.json): the
//! published secret keys of RFC 8032 §7.1 and an ASCII holder key.

use std::path::{Path, PathBuf};

use peixun::error::Explain;
use peixun::voucher::{
    moment, verify, Applied, Checks, Event, EventKind, EventName, FaceValue, HolderHash, HolderKey,
    Issuer, KeySet, Ledger, LifecycleRules, Payload, RedeemRequires, State, Token,
};
use proptest::prelude::*;
use serde_json::Value;

const B64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn test_keys() -> Value {
    let text = std::fs::read_to_string(root().join("tests/data/voucher-test-keys.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn seed(name: &str) -> [u8; 32] {
    let hex = test_keys()["signing"][name]["seed_hex"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

fn holder_key() -> HolderKey {
    let ascii = test_keys()["holder_key"]["ascii"]
        .as_str()
        .unwrap()
        .to_owned();
    HolderKey::from_bytes(ascii.as_bytes().try_into().unwrap())
}

fn issuer(key_id: &str, signer: &str) -> Issuer {
    Issuer::from_seed(key_id, seed(signer)).unwrap()
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    moment::parse(s).unwrap()
}

/// The voucher with every field, as in the golden vectors.
fn full_payload(key_id: &str) -> Payload {
    Payload {
        key_id: key_id.into(),
        voucher_id: "DL2024-000123".into(),
        policy: "dalian-2023-major-conversion".into(),
        holder: holder_key().hash_id_number("210203200008152013").unwrap(),
        institution: Some("52210200MA0XY7K33H".into()),
        major: "工业机器人操作及应用".into(),
        face_value: FaceValue::Amount {
            yuan: "1500.00".parse().unwrap(),
        },
        valid_from: "2024-03-01".parse().unwrap(),
        valid_until: "2024-12-31".parse().unwrap(),
        issued_at: at("2024-02-20T09:30:00+08:00"),
    }
}

fn keyset(issuers: &[&Issuer]) -> KeySet {
    let mut set = KeySet::new();
    for i in issuers {
        set.insert(i.trusted_key()).unwrap();
    }
    set
}

// ---------------------------------------------------------------- golden vectors

/// Builds a vector's token: the payload from the case, signed by the named test
/// key under the named key ID, then tampered with as the case says.
fn vector_token(vector: &Value) -> String {
    let signer = vector["signer"].as_str().unwrap();
    let key_id = vector["key_id"].as_str().unwrap_or(signer);
    let p = &vector["payload"];
    let s = |k: &str| p[k].as_str().unwrap().to_owned();
    let holder = match p["holder_id_number"].as_str() {
        Some(n) => holder_key().hash_id_number(n).unwrap(),
        None => s("holder").parse().unwrap(),
    };
    let payload = Payload {
        key_id: key_id.into(),
        voucher_id: s("voucher_id"),
        policy: s("policy"),
        holder,
        institution: p["institution"].as_str().map(str::to_owned),
        major: s("major"),
        face_value: serde_json::from_value(p["face_value"].clone()).unwrap(),
        valid_from: s("valid_from").parse().unwrap(),
        valid_until: s("valid_until").parse().unwrap(),
        issued_at: at(&s("issued_at")),
    };
    let mut token = issuer(key_id, signer).sign(&payload).unwrap();
    let tamper = &vector["tamper"];
    if let Some(i) = tamper["index"].as_u64() {
        let i = i as usize;
        let to = tamper["to"].as_str().unwrap();
        assert_ne!(&token[i..=i], to, "the tamper must change the character");
        token.replace_range(i..=i, to);
    }
    if let Some(n) = tamper["truncate"].as_u64() {
        token.truncate(token.len() - n as usize);
    }
    token
}

/// The golden voucher cases, sorted.
fn golden_voucher_cases() -> Vec<PathBuf> {
    let dir = root().join("tests/golden/vouchers");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn golden_vectors_fix_the_tokens() {
    let bless = std::env::var_os("PEIXUN_BLESS").is_some();
    let files = golden_voucher_cases();
    let mut vectors = 0;
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut case: Value = serde_json::from_str(&text).unwrap();
        let Some(vector) = case.get("vector").cloned() else {
            continue;
        };
        vectors += 1;
        let token = vector_token(&vector);
        if bless {
            case["request"]["token"] = Value::String(token);
            std::fs::write(&path, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
        } else if case["request"]["token"] != token.as_str() {
            failures.push(format!(
                "{}: token differs\n  want {}\n  got  {token}",
                path.display(),
                case["request"]["token"]
            ));
        }
    }
    assert!(vectors >= 20, "only {vectors} vectors");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_failure_code_has_a_golden_case() {
    let dir = root().join("tests/golden/vouchers");
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for code in [
        "voucher.bad_encoding",
        "voucher.unknown_key",
        "voucher.bad_signature",
        "voucher.not_yet_valid",
        "voucher.expired",
        "voucher.wrong_holder",
        "voucher.wrong_institution",
        "voucher.wrong_major",
        "voucher.wrong_policy",
        "voucher.revoked",
        "voucher.key_retired",
        "lifecycle.invalid_transition",
        "lifecycle.final_state",
        "lifecycle.unknown_voucher",
        "lifecycle.no_certificate",
        "lifecycle.attendance_not_met",
        "lifecycle.one_active_per_person",
        "lifecycle.event_id_reused",
    ] {
        assert!(
            all.contains(&format!("\"{code}\"")),
            "no golden case for {code}"
        );
    }
}

#[test]
fn the_holder_pseudonym_matches_an_independent_hmac() {
    // Computed with Python: hmac.new(b"peixun-test-holder-key-not-real!",
    //   b"peixun-holder-v1\0" + b"210203200008152013", hashlib.sha256).hexdigest()[:32]
    let h = holder_key().hash_id_number("210203200008152013").unwrap();
    assert_eq!(h.to_hex(), "539efdd5adc95080988fa395178f0e02");
    // The 15-digit form of a number and its 18-character form are one person.
    let key = holder_key();
    assert_eq!(
        key.hash_id_number("440524800101001").unwrap(),
        key.hash_id_number(&peixun::identity::upgrade_15("440524800101001").unwrap())
            .unwrap()
    );
    assert_eq!(
        key.hash_id_number("11010519491231002x").unwrap(),
        key.hash_id_number(" 11010519491231002X ").unwrap()
    );
    // Another key, another pseudonym.
    assert_ne!(
        HolderKey::from_bytes([0; 32])
            .hash_id_number("210203200008152013")
            .unwrap(),
        h
    );
}

#[test]
fn the_public_keys_are_rfc_8032s() {
    let keys = test_keys();
    for name in ["test-1", "test-2"] {
        assert_eq!(
            issuer(name, name).trusted_key().public_key_base64url(),
            keys["signing"][name]["public_key"].as_str().unwrap()
        );
    }
}

// ---------------------------------------------------------------- size

/// The smallest QR code version holding `text` at error-correction level M.
fn qr_version(text: &str) -> i16 {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).unwrap();
    match code.version() {
        qrcode::Version::Normal(v) => v,
        qrcode::Version::Micro(v) => -v,
    }
}

#[test]
fn token_size_and_qr_version() {
    // Typical: every field, a 9-character key ID as `peixun keygen` makes them.
    let i = issuer("ln-2024-1", "test-1");
    let typical = i.sign(&full_payload("ln-2024-1")).unwrap();
    assert_eq!(typical.len(), 262, "{typical}");
    assert_eq!(qr_version(&typical), 12);

    // Minimal: untargeted, per policy.
    let mut small = full_payload("ln-2024-1");
    small.institution = None;
    small.face_value = FaceValue::PerPolicy;
    let small = i.sign(&small).unwrap();
    assert_eq!(small.len(), 232);
    assert_eq!(qr_version(&small), 11);

    // The largest the format allows: every string at its limit.
    let big_issuer = issuer(&"k".repeat(32), "test-1");
    let mut big = full_payload(&"k".repeat(32));
    big.voucher_id = "V".repeat(40);
    big.policy = "p".repeat(64);
    big.major = "专".repeat(40);
    let big = big_issuer.sign(&big).unwrap();
    assert_eq!(big.len(), 496);
    assert_eq!(qr_version(&big), 17);
}

// ---------------------------------------------------------------- tamper property

fn tamper_all(token: &str, keys: &KeySet, checks: &Checks) {
    assert!(
        verify(token, keys, checks).valid,
        "the untouched token is valid"
    );
    let mut decoded_but_bad_signature = 0;
    for i in 0..token.len() {
        for c in B64URL.chars() {
            if token[i..].starts_with(c) {
                continue;
            }
            let mut t = token.to_owned();
            t.replace_range(i..=i, c.encode_utf8(&mut [0; 4]));
            let v = verify(&t, keys, checks);
            assert!(!v.valid, "position {i} changed to {c} still verifies: {t}");
            assert!(!v.signature_valid, "position {i} → {c}: signature accepted");
            // Whatever the changed token says is never shown as the voucher's.
            assert!(
                v.voucher.is_none(),
                "position {i} → {c}: fields shown as facts"
            );
            if v.failures[0].code == "voucher.bad_signature" {
                decoded_but_bad_signature += 1;
                let u = v
                    .unverified
                    .as_ref()
                    .expect("decoded fields are shown as unverified");
                assert!(u.message_en.contains("the signature does not hold"));
            }
        }
    }
    // Most changes decode and are caught by the signature, not the parser.
    assert!(decoded_but_bad_signature > token.len() * 30);
}

#[test]
fn any_one_character_change_fails_verification() {
    let i1 = issuer("test-1", "test-1");
    let i2 = issuer("test-2", "test-2");
    let keys = keyset(&[&i1, &i2]);
    let checks = Checks::at(at("2024-05-10T09:00:00+08:00"));
    tamper_all(&i1.sign(&full_payload("test-1")).unwrap(), &keys, &checks);
    // A token whose length leaves spare bits in its last character.
    let mut p = full_payload("test-2");
    p.institution = None;
    let t = i2.sign(&p).unwrap();
    assert_ne!(t.len() % 4, 0);
    tamper_all(&t, &keys, &checks);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary text never panics and never verifies.
    #[test]
    fn arbitrary_text_never_verifies(text in "\\PC{0,400}") {
        let i = issuer("test-1", "test-1");
        let v = verify(&text, &keyset(&[&i]), &Checks::at(at("2024-05-10T09:00:00+08:00")));
        prop_assert!(!v.valid);
    }

    /// Arbitrary bytes never panic the payload decoder.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Payload::decode(&bytes);
    }

    /// Valid payloads survive encoding and decoding unchanged.
    #[test]
    fn payloads_round_trip(
        voucher_id in "[A-Za-z0-9._-]{1,40}",
        major in "[\\p{Han}a-z]{1,40}",
        fen in 1u32..,
        from in 0u16..60000,
        span in 0u16..5000,
        secs in any::<u32>(),
        targeted in any::<bool>(),
        holder in any::<[u8; 16]>(),
    ) {
        let epoch = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let mut p = full_payload("test-1");
        p.voucher_id = voucher_id;
        p.major = major;
        p.holder = HolderHash(holder);
        p.face_value = FaceValue::Amount { yuan: peixun::money::Yuan::from_fen(i64::from(fen)) };
        p.valid_from = epoch + chrono::Duration::days(i64::from(from));
        p.valid_until = p.valid_from + chrono::Duration::days(i64::from(span));
        p.issued_at = at("2000-01-01T00:00:00+08:00") + chrono::Duration::seconds(i64::from(secs));
        if !targeted { p.institution = None; }
        if p.major.len() <= 120 {
            let bytes = p.encode().unwrap();
            prop_assert_eq!(Payload::decode(&bytes).unwrap(), p.clone());
            let token = issuer("test-1", "test-1").sign(&p).unwrap();
            prop_assert_eq!(Token::decode(&token).unwrap().payload, p);
        }
    }
}

// ---------------------------------------------------------------- key rotation

#[test]
fn key_rotation() {
    let old = issuer("ln-2023-1", "test-1");
    let new = issuer("ln-2024-1", "test-2");
    let before = old.sign(&full_payload("ln-2023-1")).unwrap(); // issued 2024-02-20
    let mut late = full_payload("ln-2023-1");
    late.issued_at = at("2024-07-01T09:00:00+08:00");
    let late = old.sign(&late).unwrap();
    let fresh = new.sign(&full_payload("ln-2024-1")).unwrap();
    let checks = Checks::at(at("2024-08-01T09:00:00+08:00"));

    // Before rotation both keys are active.
    let mut keys = keyset(&[&old, &new]);
    for t in [&before, &late, &fresh] {
        assert!(verify(t, &keys, &checks).valid);
    }

    // Rotation: the old key is retired after its last signature.
    keys.retire("ln-2023-1", at("2024-06-30T23:59:59+08:00"))
        .unwrap();
    assert!(
        verify(&before, &keys, &checks).valid,
        "old vouchers stay valid"
    );
    assert!(verify(&fresh, &keys, &checks).valid);
    let v = verify(&late, &keys, &checks);
    assert_eq!(v.failures.len(), 1);
    assert_eq!(v.failures[0].code, "voucher.key_retired");
    assert!(
        v.signature_valid,
        "the signature is genuine; the key should not have made it"
    );

    // Exactly at the retirement moment is still allowed; one second later is not.
    keys.retire("ln-2023-1", at("2024-07-01T09:00:00+08:00"))
        .unwrap();
    assert!(verify(&late, &keys, &checks).valid);
    keys.retire("ln-2023-1", at("2024-07-01T08:59:59+08:00"))
        .unwrap();
    assert!(!verify(&late, &keys, &checks).valid);

    // Retirement is about the issue time, not the check time: the old voucher
    // verifies on its last day, long after the rotation.
    let last_day = Checks::at(at("2024-12-31T23:00:00+08:00"));
    assert!(verify(&before, &keys, &last_day).valid);

    // A key set survives its JSON form, statuses included.
    let again = KeySet::from_json(&keys.to_json()).unwrap();
    assert_eq!(again, keys);
    assert!(keys
        .to_json()
        .contains("\"retired_after\": \"2024-07-01T08:59:59+08:00\""));

    // A compromised key is removed: its vouchers are unknown, whatever their date.
    let only_new = keyset(&[&new]);
    assert_eq!(
        verify(&before, &only_new, &checks).failures[0].code,
        "voucher.unknown_key"
    );
}

#[test]
fn key_set_errors() {
    let weak = r#"{"keys": [{"key_id": "k", "algorithm": "ed25519", "public_key": "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "status": "active"}]}"#;
    assert_eq!(
        KeySet::from_json(weak).unwrap_err().code,
        "keys.bad_public_key"
    );
    let pk = test_keys()["signing"]["test-1"]["public_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let dup = format!(
        r#"{{"keys": [{{"key_id": "k", "algorithm": "ed25519", "public_key": "{pk}", "status": "active"}},
                     {{"key_id": "k", "algorithm": "ed25519", "public_key": "{pk}", "status": "active"}}]}}"#
    );
    let err = KeySet::from_json(&dup).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path.as_str()),
        ("keys.duplicate_key_id", "$.keys[1].key_id")
    );
    let bad_id = format!(
        r#"{{"keys": [{{"key_id": "a b", "algorithm": "ed25519", "public_key": "{pk}", "status": "active"}}]}}"#
    );
    assert_eq!(
        KeySet::from_json(&bad_id).unwrap_err().code,
        "keys.bad_key_id"
    );
    let extra = format!(
        r#"{{"keys": [{{"key_id": "k", "algorithm": "ed25519", "public_key": "{pk}", "status": "active", "note": 1}}]}}"#
    );
    assert_eq!(
        KeySet::from_json(&extra).unwrap_err().code,
        "input.unknown_field"
    );
    assert_eq!(
        KeySet::from_json("{").unwrap_err().code,
        "input.malformed_json"
    );
}

/// Every `voucher.verify` answer of the golden corpus: a failure cites only a
/// rule of the programme it names, that programme is the voucher's own when the
/// signature holds, and an uncited failure says why.
#[test]
fn voucher_failures_cite_only_their_own_programme() {
    let engine = peixun::engine::Engine::new().unwrap();
    let mut seen = (0, 0, 0);
    for path in golden_voucher_cases() {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if case["operation"] != "voucher.verify" || case["output"].get("error").is_some() {
            continue;
        }
        let out: Value = serde_json::from_str(
            &engine
                .handle("voucher.verify", &case["request"].to_string())
                .unwrap(),
        )
        .unwrap();
        let name = path.display();
        let own = out["voucher"]["policy"].as_str();
        assert!(
            out["voucher"].is_null() || out["unverified"].is_null(),
            "{name}: fields are either the voucher's or unverified"
        );
        if !out["signature_valid"].as_bool().unwrap() {
            assert!(
                out["voucher"].is_null(),
                "{name}: no voucher without a good signature"
            );
        }
        for f in out["failures"].as_array().unwrap() {
            let Some(kind) = f["rule_kind"].as_str() else {
                assert!(f.get("rule_id").is_none(), "{name}: {f}");
                continue;
            };
            match f["rule_id"].as_str() {
                Some(id) => {
                    let policy = f["policy"].as_str().expect("a cited rule names its policy");
                    if let Some(own) = own {
                        assert_eq!(policy, own, "{name}: cited from another programme");
                    }
                    let rule = engine.policy(policy).unwrap().rule(id).unwrap();
                    assert_eq!(rule.kind.name(), kind, "{name}");
                    assert_eq!(f["citation"]["clause"], rule.clause.as_str(), "{name}");
                    assert!(f.get("no_rule").is_none(), "{name}");
                    seen.0 += 1;
                }
                None => {
                    assert!(f.get("citation").is_none(), "{name}");
                    assert!(f["no_rule"]["message_en"].as_str().is_some(), "{name}: {f}");
                    if let Some(policy) = f["policy"].as_str() {
                        let p = engine.policy(policy).unwrap();
                        assert!(
                            p.rules.iter().all(|r| r.kind.name() != kind),
                            "{name}: {policy} has a {kind} rule"
                        );
                        seen.1 += 1;
                    } else {
                        seen.2 += 1;
                    }
                }
            }
        }
    }
    // Cited, said to be missing from the programme, and no programme at all.
    assert!(seen.0 >= 3 && seen.1 >= 5 && seen.2 >= 4, "{seen:?}");
}

// ---------------------------------------------------------------- lifecycle

const H1: HolderHash = HolderHash([1; 16]);
const H2: HolderHash = HolderHash([2; 16]);

/// The events that bring voucher `V` to `state`, from nothing.
fn path_to(state: State) -> Vec<Event> {
    let e = |id: &str, kind: EventKind| Event::new(id, "V", kind);
    let mut log = vec![e("p1", EventKind::Apply { holder: H1 })];
    let forward = [
        (State::Issued, EventKind::Issue),
        (State::Claimed, EventKind::Claim { institution: None }),
        (State::InTraining, EventKind::CheckIn),
        (
            State::Evaluated,
            EventKind::Evaluate {
                certificate: Some(true),
                attendance_met: Some(true),
            },
        ),
        (State::Redeemed, EventKind::Redeem),
        (State::WrittenOff, EventKind::WriteOff),
    ];
    match state {
        State::Applied => {}
        State::Expired => {
            log.push(e("p2", EventKind::Issue));
            log.push(e("p3", EventKind::Expire));
        }
        State::Revoked => log.push(e("p2", EventKind::Revoke { reason: None })),
        target => {
            for (i, (s, kind)) in forward.into_iter().enumerate() {
                log.push(e(&format!("p{}", i + 2), kind));
                if s == target {
                    break;
                }
            }
        }
    }
    log
}

fn event_of(name: EventName, holder: HolderHash) -> EventKind {
    match name {
        EventName::Apply => EventKind::Apply { holder },
        EventName::Issue => EventKind::Issue,
        EventName::Claim => EventKind::Claim { institution: None },
        EventName::CheckIn => EventKind::CheckIn,
        EventName::Evaluate => EventKind::Evaluate {
            certificate: Some(true),
            attendance_met: Some(true),
        },
        EventName::Redeem => EventKind::Redeem,
        EventName::WriteOff => EventKind::WriteOff,
        EventName::Expire => EventKind::Expire,
        EventName::Revoke => EventKind::Revoke { reason: None },
    }
}

#[test]
fn the_full_transition_table() {
    use EventName as E;
    use State as S;
    const INVALID: &str = "lifecycle.invalid_transition";
    const FINAL: &str = "lifecycle.final_state";
    // Written out by hand, row by row, from the rules (not from State::next).
    let next = |s: S, e: E| -> Result<S, &'static str> {
        if matches!(s, S::WrittenOff | S::Expired | S::Revoked) {
            return Err(FINAL);
        }
        Ok(match (s, e) {
            (S::Applied, E::Issue) => S::Issued,
            (S::Applied, E::Revoke) => S::Revoked,
            (S::Issued, E::Claim) => S::Claimed,
            (S::Issued, E::Expire) => S::Expired,
            (S::Issued, E::Revoke) => S::Revoked,
            (S::Claimed, E::CheckIn) => S::InTraining,
            (S::Claimed, E::Expire) => S::Expired,
            (S::Claimed, E::Revoke) => S::Revoked,
            (S::InTraining, E::CheckIn) => S::InTraining,
            (S::InTraining, E::Evaluate) => S::Evaluated,
            (S::InTraining, E::Revoke) => S::Revoked,
            (S::Evaluated, E::Evaluate) => S::Evaluated,
            (S::Evaluated, E::Redeem) => S::Redeemed,
            (S::Evaluated, E::Revoke) => S::Revoked,
            (S::Redeemed, E::WriteOff) => S::WrittenOff,
            _ => return Err(INVALID),
        })
    };
    let mut cells = 0;
    for state in S::ALL {
        let base = Ledger::replay(LifecycleRules::default(), &path_to(state)).unwrap();
        assert_eq!(base.state("V"), Some(state));
        for event in E::ALL {
            let mut ledger = base.clone();
            let ev = Event::new("t", "V", event_of(event, H1));
            let got = ledger.apply(&ev);
            match (next(state, event), got) {
                (Ok(want), Ok(Applied::Changed { from, to })) => {
                    assert_eq!((from, to), (Some(state), want), "{state} × {event}");
                    assert_eq!(ledger.state("V"), Some(want));
                }
                (Err(code), Err(err)) => {
                    assert_eq!(err.code().as_str(), code, "{state} × {event}");
                    assert_eq!((err.state, err.event), (Some(state), event));
                    // The message names the state and the event.
                    assert!(
                        err.message_en().contains(state.name()),
                        "{}",
                        err.message_en()
                    );
                    assert!(
                        err.message_en().contains(event.name()),
                        "{}",
                        err.message_en()
                    );
                    assert!(
                        err.message_zh().contains(event.name_zh()),
                        "{}",
                        err.message_zh()
                    );
                    assert_eq!(ledger, base, "a refused event changes nothing");
                }
                (want, got) => panic!("{state} × {event}: want {want:?}, got {got:?}"),
            }
            // The table in State::next agrees, guards aside.
            assert_eq!(
                state.next(event).map_err(|c| c.as_str()),
                next(state, event),
                "{state} × {event}"
            );
            cells += 1;
        }
    }
    assert_eq!(cells, 81);
    // Before any apply, every other event is unknown_voucher.
    for event in E::ALL.into_iter().filter(|e| *e != E::Apply) {
        let mut ledger = Ledger::new(LifecycleRules::default());
        let err = ledger
            .apply(&Event::new("t", "V", event_of(event, H1)))
            .unwrap_err();
        assert_eq!(
            (err.code().as_str(), err.state),
            ("lifecycle.unknown_voucher", None)
        );
    }
}

#[test]
fn the_transition_table_without_the_two_optional_steps() {
    use EventName as E;
    use State as S;
    // Jinzhong's reading: no claiming step, and an evaluation needs no
    // training. Every other cell is the default table's.
    let open = LifecycleRules {
        claim_before_training: false,
        training_before_evaluation: false,
        ..LifecycleRules::default()
    };
    let strict = LifecycleRules::default();
    let mut changed = Vec::new();
    for state in S::ALL {
        for event in E::ALL {
            let (a, b) = (strict.next(state, event), open.next(state, event));
            if a != b {
                changed.push((state, event, b));
            }
        }
    }
    assert_eq!(
        changed,
        vec![
            (S::Issued, E::CheckIn, Ok(S::InTraining)),
            (S::Issued, E::Evaluate, Ok(S::Evaluated)),
            (S::Claimed, E::Evaluate, Ok(S::Evaluated)),
        ]
    );
    // Under the default, each of those is refused naming the parameter.
    let mut ledger = Ledger::replay(strict, &path_to(S::Issued)).unwrap();
    let err = ledger
        .apply(&Event::new("t", "V", EventKind::CheckIn))
        .unwrap_err();
    assert_eq!(err.code().as_str(), "lifecycle.invalid_transition");
    assert!(
        err.message_en().contains("claim_before_training = true"),
        "{}",
        err.message_en()
    );
    assert!(err.message_zh().contains("claim_before_training"));
    let mut ledger = Ledger::replay(strict, &path_to(S::Claimed)).unwrap();
    let err = ledger
        .apply(&Event::new("t", "V", event_of(E::Evaluate, H1)))
        .unwrap_err();
    assert!(err
        .message_en()
        .contains("training_before_evaluation = true"));
    // An evaluation voucher under the open rules: apply, issue, evaluate,
    // redeem, write off — the seed's five steps, nothing else.
    let log = [
        Event::new("1", "V", EventKind::Apply { holder: H1 }),
        Event::new("2", "V", EventKind::Issue),
        Event::new(
            "3",
            "V",
            EventKind::Evaluate {
                certificate: None,
                attendance_met: None,
            },
        ),
        Event::new("4", "V", EventKind::Redeem),
        Event::new("5", "V", EventKind::WriteOff),
    ];
    let open_nothing_asked = LifecycleRules {
        redeem_requires: RedeemRequires::NONE,
        ..open
    };
    let ledger = Ledger::replay(open_nothing_asked, &log).unwrap();
    assert_eq!(ledger.state("V"), Some(S::WrittenOff));
    // The same log under the default is refused at the evaluation.
    let err = Ledger::replay(strict, &log).unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.path.as_str()),
        ("lifecycle.invalid_transition", "$.events[2]")
    );
}

#[test]
fn redeem_asks_only_what_the_policy_names() {
    use peixun::policy::vocab::RedeemCondition as C;
    const NO_CERT: &str = "lifecycle.no_certificate";
    const NO_ATT: &str = "lifecycle.attendance_not_met";
    let requires = [
        vec![],
        vec![C::Certificate],
        vec![C::AttendanceMet],
        vec![C::Certificate, C::AttendanceMet],
    ];
    let results = [None, Some(false), Some(true)];
    for asked in &requires {
        for certificate in results {
            for attendance_met in results {
                let rules = LifecycleRules {
                    redeem_requires: RedeemRequires::of(asked),
                    ..LifecycleRules::default()
                };
                let mut log = path_to(State::InTraining);
                log.push(Event::new(
                    "ev",
                    "V",
                    EventKind::Evaluate {
                        certificate,
                        attendance_met,
                    },
                ));
                let mut ledger = Ledger::replay(rules, &log).unwrap();
                let before = ledger.clone();
                let got = ledger.apply(&Event::new("rd", "V", EventKind::Redeem));
                // Written from the rule: each named condition must be proven
                // true by the latest evaluation, certificate first.
                let want = if asked.contains(&C::Certificate) && certificate != Some(true) {
                    Err(NO_CERT)
                } else if asked.contains(&C::AttendanceMet) && attendance_met != Some(true) {
                    Err(NO_ATT)
                } else {
                    Ok(State::Redeemed)
                };
                let case = format!(
                    "{asked:?}, certificate {certificate:?}, attendance {attendance_met:?}"
                );
                match (want, got) {
                    (Ok(s), Ok(_)) => assert_eq!(ledger.state("V"), Some(s), "{case}"),
                    (Err(code), Err(err)) => {
                        assert_eq!(err.code().as_str(), code, "{case}");
                        assert_eq!(ledger, before, "{case}: the voucher stays where it is");
                        assert!(err.message_en().contains("redeem_requires"), "{case}");
                        let stated = if code == NO_CERT {
                            certificate
                        } else {
                            attendance_met
                        };
                        let says_not_stated = err.message_en().contains("does not state");
                        assert_eq!(
                            says_not_stated,
                            stated.is_none(),
                            "{case}: {}",
                            err.message_en()
                        );
                    }
                    (want, got) => panic!("{case}: want {want:?}, got {got:?}"),
                }
            }
        }
    }
}

fn full_log() -> Vec<Event> {
    let mut log = path_to(State::WrittenOff);
    for e in &mut log {
        e.voucher_id = "A".into();
    }
    let mut other = path_to(State::InTraining);
    for e in &mut other {
        e.voucher_id = "B".into();
        e.event_id = format!("b-{}", e.event_id);
        if let EventKind::Apply { holder } = &mut e.kind {
            *holder = H2;
        }
    }
    // Interleave the two vouchers' events.
    let mut out = Vec::new();
    let (mut a, mut b) = (log.into_iter(), other.into_iter());
    loop {
        match (a.next(), b.next()) {
            (None, None) => break,
            (x, y) => out.extend(x.into_iter().chain(y)),
        }
    }
    out
}

#[test]
fn replay_is_deterministic_and_idempotent() {
    let log = full_log();
    let once = Ledger::replay(LifecycleRules::default(), &log).unwrap();
    assert_eq!(once.state("A"), Some(State::WrittenOff));
    assert_eq!(once.state("B"), Some(State::InTraining));
    // The same log, replayed again, gives the same ledger.
    assert_eq!(
        Ledger::replay(LifecycleRules::default(), &log).unwrap(),
        once
    );
    // The whole log delivered twice: every repeat is skipped.
    let twice: Vec<Event> = log.iter().chain(log.iter()).cloned().collect();
    let ledger = Ledger::replay(LifecycleRules::default(), &twice).unwrap();
    assert_eq!(ledger.state("A"), once.state("A"));
    assert_eq!(ledger.voucher("B"), once.voucher("B"));
    assert_eq!(ledger.duplicate_count(), log.len());
    assert_eq!(ledger.applied_count(), log.len());
    // Each event repeated right after itself: the same.
    let doubled: Vec<Event> = log.iter().flat_map(|e| [e.clone(), e.clone()]).collect();
    let ledger = Ledger::replay(LifecycleRules::default(), &doubled).unwrap();
    assert_eq!(
        ledger.vouchers().collect::<Vec<_>>(),
        once.vouchers().collect::<Vec<_>>()
    );
    // The log's JSON form replays to the same ledger.
    let json = serde_json::to_string(&log).unwrap();
    let parsed: Vec<Event> = serde_json::from_str(&json).unwrap();
    assert_eq!(
        Ledger::replay(LifecycleRules::default(), &parsed).unwrap(),
        once
    );
}

#[test]
fn replay_order_matters() {
    let log = full_log();
    // Any two events of one voucher swapped: refused, or a different history.
    let once = Ledger::replay(LifecycleRules::default(), &log).unwrap();
    for i in 0..log.len() {
        for j in i + 1..log.len() {
            if log[i].voucher_id != log[j].voucher_id {
                continue;
            }
            let mut swapped = log.clone();
            swapped.swap(i, j);
            let same_kind = log[i].kind == log[j].kind;
            match Ledger::replay(LifecycleRules::default(), &swapped) {
                Err(e) => assert!(e.code().as_str().starts_with("lifecycle."), "{e}"),
                Ok(ledger) => assert!(
                    same_kind || ledger != once,
                    "swapping events {i} and {j} changed nothing"
                ),
            }
        }
    }
}

#[test]
fn one_active_voucher_per_person() {
    for state in State::ALL {
        for rule in [true, false] {
            let rules = LifecycleRules {
                one_active_per_person: rule,
                ..LifecycleRules::default()
            };
            let mut ledger = Ledger::replay(rules, &path_to(state)).unwrap();
            let before = ledger.clone();
            let second = Event::new("n1", "W", EventKind::Apply { holder: H1 });
            let got = ledger.apply(&second);
            if rule && state.is_active() {
                let err = got.unwrap_err();
                assert_eq!(
                    err.code().as_str(),
                    "lifecycle.one_active_per_person",
                    "{state}"
                );
                assert!(err.message_en().contains('V'), "names the other voucher");
                assert_eq!(ledger, before);
            } else {
                assert!(got.is_ok(), "{state}, rule {rule}");
            }
            // Another person is never held back.
            let mut ledger = before.clone();
            assert!(ledger
                .apply(&Event::new("n2", "X", EventKind::Apply { holder: H2 }))
                .is_ok());
        }
    }
}

#[test]
fn a_reused_event_id_is_refused() {
    let mut ledger = Ledger::new(LifecycleRules::default());
    ledger
        .apply(&Event::new("e1", "V", EventKind::Apply { holder: H1 }))
        .unwrap();
    let before = ledger.clone();
    let err = ledger
        .apply(&Event::new("e1", "V", EventKind::Issue))
        .unwrap_err();
    assert_eq!(err.code().as_str(), "lifecycle.event_id_reused");
    assert_eq!(ledger, before);
    // Another voucher, the same event ID: refused too.
    let err = ledger
        .apply(&Event::new("e1", "W", EventKind::Apply { holder: H2 }))
        .unwrap_err();
    assert_eq!(err.code().as_str(), "lifecycle.event_id_reused");
}

#[test]
fn the_lifecycle_rules_come_from_the_policy() {
    let mut engine = peixun::engine::Engine::new().unwrap();
    let jz = engine.policy("jinzhong-2023-skills-shanxi").unwrap();
    let (rules, rule) = LifecycleRules::from_policy(jz).unwrap();
    assert_eq!(
        (rule.id.as_str(), rules.one_active_per_person),
        ("JZ-V1", false)
    );
    // A deployment's own file that sets it to true is obeyed.
    let text = std::fs::read_to_string(root().join("policies/jinzhong-2023-skills-shanxi.toml"))
        .unwrap()
        .replace(
            "one_active_per_person = false",
            "one_active_per_person = true",
        );
    engine.load_policy(&text).unwrap();
    let h = HolderHash([7; 16]).to_hex();
    let request = serde_json::json!({
        "policy": "jinzhong-2023-skills-shanxi",
        "events": [
            {"event_id": "a", "voucher_id": "V1", "kind": "apply", "holder": h},
            {"event_id": "b", "voucher_id": "V2", "kind": "apply", "holder": h},
        ],
    });
    let err = engine
        .handle("voucher.replay", &request.to_string())
        .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path.as_str()),
        ("lifecycle.one_active_per_person", "$.events[1]")
    );
}

#[test]
fn a_lifecycle_rule_states_each_reading_from_the_closed_vocabulary() {
    let text =
        std::fs::read_to_string(root().join("policies/jinzhong-2023-skills-shanxi.toml")).unwrap();
    let rule_index = text
        .split("[[rules]]")
        .skip(1)
        .position(|r| r.contains("id = \"JZ-V1\""))
        .unwrap();
    let engine = peixun::engine::Engine::new().unwrap();
    let lint = |t: &str| {
        let errors = engine.lint_policy(t).unwrap_err();
        let e = &errors.0[0];
        (e.code.as_str(), e.path.clone())
    };
    // Left out: refused, not defaulted.
    assert_eq!(
        lint(&text.replace("redeem_requires = [], ", "")),
        (
            "policy.bad_params",
            format!("$.rules[{rule_index}].params.redeem_requires")
        )
    );
    // A term outside the vocabulary: a bad parameter at its place.
    assert_eq!(
        lint(&text.replace("redeem_requires = []", "redeem_requires = [\"diploma\"]")),
        (
            "policy.bad_params",
            format!("$.rules[{rule_index}].params.redeem_requires[0]")
        )
    );
    assert_eq!(
        lint(&text.replace("claim_before_training = false, ", "")),
        (
            "policy.bad_params",
            format!("$.rules[{rule_index}].params.claim_before_training")
        )
    );
    // Stated, each is the rule's.
    let mut engine = engine;
    engine
        .load_policy(&text.replace(
            "redeem_requires = []",
            "redeem_requires = [\"attendance_met\"]",
        ))
        .unwrap();
    let (rules, _) =
        LifecycleRules::from_policy(engine.policy("jinzhong-2023-skills-shanxi").unwrap()).unwrap();
    assert_eq!(
        rules.redeem_requires,
        RedeemRequires::of(&[peixun::policy::vocab::RedeemCondition::AttendanceMet])
    );
}

#[test]
fn the_wasm_build_has_no_signing_code() {
    // The issue module is compiled only off wasm32 (see src/voucher/mod.rs);
    // this reads the source so that a change to the gate fails a test.
    let m = std::fs::read_to_string(root().join("src/voucher/mod.rs")).unwrap();
    assert!(m.contains("#[cfg(not(target_arch = \"wasm32\"))]\npub mod issue;"));
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let native = cargo
        .split("[target.'cfg(not(target_arch = \"wasm32\"))'.dependencies]")
        .nth(1)
        .unwrap();
    assert!(
        native.contains("getrandom"),
        "getrandom is a native-only dependency"
    );
    let common = cargo.split("[target.").next().unwrap();
    assert!(!common.contains("getrandom"));
    // Only verification-side modules use ed25519 in code built for every target.
    for f in [
        "verify.rs",
        "keys.rs",
        "payload.rs",
        "holder.rs",
        "lifecycle.rs",
    ] {
        let src = std::fs::read_to_string(root().join("src/voucher").join(f)).unwrap();
        assert!(!src.contains("SigningKey"), "{f} mentions SigningKey");
    }
    let _ = Path::new("");
}
