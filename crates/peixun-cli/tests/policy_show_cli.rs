//! `peixun policy show`: a policy that extends another lists every rule it
//! drops and why, in text and JSON.

#[test]
fn policy_show_lists_the_dropped_rules_and_why() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_peixun"))
            .args(args)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&["policy", "show", "fushun-2024-major-conversion"]);
    assert!(
        text.contains("DL-E3  一(一)         由 FS-E1 替代 replaced by"),
        "{text}"
    );
    assert!(
        text.contains("DL-S1  二(一)         不适用 not applicable"),
        "{text}"
    );
    assert!(text.contains("对培训机构补贴金额进行核算"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "policy",
        "show",
        "fushun-2024-major-conversion",
        "--json",
    ]))
    .unwrap();
    assert_eq!(json["dropped"].as_array().unwrap().len(), 15);
    assert_eq!(json["dropped"][0]["rule_id"], "DL-E3");
    // A policy that drops nothing shows no such list.
    let dalian = run(&["policy", "show", "dalian-2023-major-conversion", "--json"]);
    assert!(!dalian.contains("\"dropped\""));
}
