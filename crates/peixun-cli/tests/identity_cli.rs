//! `peixun id …` and `peixun uscc …` run as the real binary: exit codes, text and JSON.

mod cli_support;
use cli_support::{peixun, peixun_stdin};

use std::process::Output;

use serde_json::Value;

const VALID: i32 = 0;
const INVALID: i32 = 1;
const BAD_INPUT: i32 = 3;

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn id_check_valid_text() {
    let out = peixun(&["id", "check", "11010519491231002X"]);
    assert_eq!(out.status.code(), Some(VALID));
    let text = stdout(&out);
    assert!(text.contains("1949-12-31"), "{text}");
    assert!(text.contains("female") && text.contains('女'), "{text}");
    assert!(text.contains("北京市"), "{text}");
}

#[test]
fn id_check_valid_json() {
    let out = peixun(&["id", "check", "440524800101001", "--json"]);
    assert_eq!(out.status.code(), Some(VALID));
    let v = json(&out);
    assert_eq!(v["valid"], true);
    let id = &v["resident_id"];
    assert_eq!(id["number"], "440524198001010013");
    assert_eq!(id["birth_date"], "1980-01-01");
    assert_eq!(id["sex"], "male");
    assert_eq!(id["province_code"], "44");
    assert_eq!(id["province_name"], "广东省");
    assert_eq!(id["kind"], "citizen");
    assert_eq!(id["upgraded_from_15"], true);
}

#[test]
fn id_check_invalid_exits_1_with_the_code_and_both_messages() {
    let cases = [
        ("123", "id.length"),
        ("11010519491231002Y", "id.characters"),
        ("110105194902300021", "id.birth_date"),
        ("110101202311012171", "id.check_character"),
    ];
    for (number, code) in cases {
        let out = peixun(&["id", "check", number]);
        assert_eq!(out.status.code(), Some(INVALID), "{number}");
        let text = stdout(&out);
        assert!(text.contains(code), "{text}");
        assert!(text.lines().count() >= 3, "{text}");

        let out = peixun(&["id", "check", number, "--json"]);
        assert_eq!(out.status.code(), Some(INVALID), "{number}");
        let v = json(&out);
        assert_eq!(v["valid"], false);
        assert_eq!(v["error"]["code"], code);
        assert!(v["error"]["message_zh"].as_str().unwrap().len() > 1);
        assert!(v["error"]["message_en"].as_str().unwrap().len() > 1);
    }
    let out = peixun(&["id", "check", "110101202311012171", "--json"]);
    let en = json(&out)["error"]["message_en"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(en.contains("give 6"), "{en}");
}

#[test]
fn id_mask() {
    let out = peixun(&["id", "mask", "11010519491231002x"]);
    assert_eq!(out.status.code(), Some(VALID));
    assert_eq!(stdout(&out).trim(), "110105********002X");

    let out = peixun(&[
        "id",
        "mask",
        "11010519491231002X",
        "--head",
        "2",
        "--tail",
        "3",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(VALID));
    let v = json(&out);
    assert_eq!(v["masked"], "11*************02X");

    let out = peixun(&["id", "mask", "110101202311012171", "--json"]);
    assert_eq!(out.status.code(), Some(INVALID));
    assert_eq!(json(&out)["error"]["code"], "id.check_character");
}

#[test]
fn id_upgrade() {
    let out = peixun(&["id", "upgrade", "440524800101001"]);
    assert_eq!(out.status.code(), Some(VALID));
    assert_eq!(stdout(&out).trim(), "440524198001010013");

    let out = peixun(&["id", "upgrade", "440524800101001", "--json"]);
    assert_eq!(json(&out)["number"], "440524198001010013");

    let out = peixun(&["id", "upgrade", "440524198001010013", "--json"]);
    assert_eq!(out.status.code(), Some(INVALID));
    assert_eq!(json(&out)["error"]["code"], "id.length");

    let out = peixun(&["id", "upgrade", "110105000229001"]);
    assert_eq!(out.status.code(), Some(INVALID));
    assert!(stdout(&out).contains("id.birth_date"));
}

#[test]
fn id_check_file() {
    let input = "\u{feff}11010519491231002x\r\n\n440524800101001\n123\n";
    let out = peixun_stdin(&["id", "check", "--file", "-", "--json"], input);
    assert_eq!(out.status.code(), Some(INVALID));
    let v = json(&out);
    assert_eq!(
        (v["checked"].as_u64(), v["invalid"].as_u64()),
        (Some(3), Some(1))
    );
    let results = v["results"].as_array().unwrap();
    assert_eq!(results[1]["line"], 3);
    assert_eq!(results[1]["number"], "440524198001010013");
    assert_eq!(results[2]["error"]["code"], "id.length");

    let out = peixun_stdin(&["id", "check", "--file", "-"], "11010519491231002X\n");
    assert_eq!(out.status.code(), Some(VALID));

    let out = peixun(&[
        "id",
        "check",
        "--file",
        "/nonexistent/peixun-ids.txt",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(BAD_INPUT));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "cli.read_failed");
}

#[test]
fn uscc_check() {
    let out = peixun(&["uscc", "check", "91350100M000100Y43"]);
    assert_eq!(out.status.code(), Some(VALID));
    let text = stdout(&out);
    assert!(text.contains("企业") && text.contains("福建省"), "{text}");

    let out = peixun(&["uscc", "check", "91110108551385082Q", "--json"]);
    assert_eq!(out.status.code(), Some(VALID));
    let v = json(&out);
    let c = &v["credit_code"];
    assert_eq!(c["code"], "91110108551385082Q");
    assert_eq!(c["division_code"], "110108");
    assert_eq!(c["province_name"], "北京市");
    assert_eq!(c["registration_authority_name"], "工商(市场监管)");
    assert_eq!(c["organisation_code_consistent"], true);

    let cases = [
        ("9135", "uscc.length"),
        ("91350100M000100O43", "uscc.characters"),
        ("91350100M000100Y4A", "uscc.check_character"),
    ];
    for (code, err) in cases {
        let out = peixun(&["uscc", "check", code, "--json"]);
        assert_eq!(out.status.code(), Some(INVALID), "{code}");
        assert_eq!(json(&out)["error"]["code"], err);
        let out = peixun(&["uscc", "check", code]);
        assert_eq!(out.status.code(), Some(INVALID), "{code}");
        assert!(stdout(&out).contains(err));
    }
}

#[test]
fn uscc_mask() {
    let out = peixun(&["uscc", "mask", "91110108551385082Q"]);
    assert_eq!(out.status.code(), Some(VALID));
    assert_eq!(stdout(&out).trim(), "911101********082Q");
    let out = peixun(&["uscc", "mask", "91110108551385082Q", "--json"]);
    assert_eq!(json(&out)["masked"], "911101********082Q");
    let out = peixun(&["uscc", "mask", "91110108551385082I"]);
    assert_eq!(out.status.code(), Some(INVALID));
}

#[test]
fn usage_errors_are_bad_input_and_help_is_not() {
    assert_eq!(peixun(&["id", "check"]).status.code(), Some(BAD_INPUT));
    assert_eq!(
        peixun(&["id", "check", "1", "--file", "x"]).status.code(),
        Some(BAD_INPUT)
    );
    assert_eq!(peixun(&["id", "--help"]).status.code(), Some(VALID));
}
