//! The institution's standing from the lists a deployment sets, never from the
//! claim's word: DL-P1's catalogue and register (三(一)), DL-M2's majors counted
//! from that catalogue (一(二)), and what a claim says of itself
//! (`in_catalogue`, `premises_verified`) compared with them, for Dalian and for
//! Fushun's FS-I1 and FS-I2. The golden corpus has the cases an official reads;
//! these are the ones that need a policy changed on the spot.

use peixun::engine::Engine;
use peixun::policy::{Format, PolicySet};
use peixun::report::{Finding, Status};
use peixun::rules::claim::{ClaimDecision, ClaimReport};
use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
}

fn json_file(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap()
}

/// The Dalian deployment example as JSON, to change on the spot.
fn dalian_deployment() -> Value {
    json_file("examples/policies/dalian-deployment-example.json")
}

fn fushun_deployment() -> Value {
    json_file("examples/policies/fushun-deployment-example.json")
}

/// The rule `id` of a policy file (JSON).
fn rule<'a>(policy: &'a mut Value, id: &str) -> &'a mut Value {
    policy["rules"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == id)
        .unwrap()
}

fn engine_with(policies: &[Value]) -> Engine {
    let mut engine = Engine::new().unwrap();
    for p in policies {
        engine.load_policy(&p.to_string()).unwrap();
    }
    engine
}

/// The example claim (institution 91350100M000100Y43, its class at
/// 大连市沙河口区示例路8号).
fn dalian_claim() -> Value {
    json_file("examples/claims/dalian-claim.json")
}

/// The claim of golden case 29: a Fushun class at an institution the Fushun
/// deployment example lists, on premises its register lists.
fn fushun_claim() -> Value {
    json_file("tests/golden/claims/29-fushun-catalogue-and-premises-verified.json")["request"]
        .clone()
}

fn verify(engine: &Engine, claim: &Value) -> ClaimReport {
    engine
        .verify_claim(&claim.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn findings<'a>(report: &'a ClaimReport, rule: &str) -> Vec<&'a Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.rule_id == rule)
        .collect()
}

fn statuses(report: &ClaimReport, rule: &str) -> Vec<Status> {
    findings(report, rule).iter().map(|f| f.status).collect()
}

#[test]
fn no_part_of_dl_p1_passes_until_the_deployment_sets_both_lists() {
    // Shipped: both lists unset, the claim's two yeses decide nothing.
    let shipped = verify(&Engine::new().unwrap(), &dalian_claim());
    assert_eq!(
        statuses(&shipped, "DL-P1"),
        [Status::Unknown, Status::Unknown]
    );
    let facts: Vec<_> = findings(&shipped, "DL-P1")
        .iter()
        .map(|f| f.facts.get("parameter").cloned())
        .collect();
    assert_eq!(facts, [Some(json!("catalogue")), Some(json!("register"))]);

    // Both set: both parts pass, the claim is accepted.
    let set = verify(&engine_with(&[dalian_deployment()]), &dalian_claim());
    assert_eq!(statuses(&set, "DL-P1"), [Status::Pass, Status::Pass]);
    assert_eq!(set.decision, ClaimDecision::Accept);

    // The catalogue set, the register not: the catalogue part found the
    // institution, but DL-P1 does not pass on half its lists.
    let mut half = dalian_deployment();
    rule(&mut half, "DL-P1")["params"]["register"]
        .as_object_mut()
        .unwrap()
        .remove("value");
    let report = verify(&engine_with(&[half]), &dalian_claim());
    let p1 = findings(&report, "DL-P1");
    assert_eq!(p1.len(), 2);
    assert!(p1.iter().all(|f| f.status == Status::Unknown), "{p1:?}");
    assert_eq!(p1[0].facts.get("listed"), Some(&json!(true)));
    assert_eq!(p1[0].facts.get("parameter"), Some(&json!("register")));
    assert!(p1[0].message_en.contains("the deployment must set it"));
    assert_eq!(report.decision, ClaimDecision::NeedsReview);
}

#[test]
fn a_claim_that_says_its_premises_are_unverified_contradicts_the_register() {
    let mut claim = dalian_claim();
    claim["institution"]["premises_verified"] = json!(false);
    let report = verify(&engine_with(&[dalian_deployment()]), &claim);
    let p1 = findings(&report, "DL-P1");
    // The catalogue part, the premises part as the register has it, then the
    // claim's word against the register.
    assert_eq!(
        p1.iter().map(|f| f.status).collect::<Vec<_>>(),
        [Status::Pass, Status::Pass, Status::Fail]
    );
    assert_eq!(
        p1[2].message_zh,
        "申报称大连市某职业技能培训学校的培训场地未经现场核验，但市人力资源社会保障部门现场核验的培训场地（部署方据核验记录填写；此处为示例场地）列有本班场地“大连市沙河口区示例路8号”：申报与核验记录不符"
    );
    assert_eq!(p1[2].facts.get("premises_verified"), Some(&json!(false)));
    assert_eq!(report.decision, ClaimDecision::Reject);

    // Fushun's FS-I2, the same check.
    let mut claim = fushun_claim();
    claim["institution"]["premises_verified"] = json!(false);
    let report = verify(&engine_with(&[fushun_deployment()]), &claim);
    assert_eq!(statuses(&report, "FS-I2"), [Status::Pass, Status::Fail]);
    assert!(findings(&report, "FS-I2")[1]
        .message_en
        .ends_with("the claim contradicts the register"));
    assert_eq!(report.decision, ClaimDecision::Reject);
}

#[test]
fn a_stated_no_stands_on_the_claims_word_where_the_list_cannot_say() {
    // Shipped Dalian: the register is unset; the claim says its premises are
    // not verified: one finding, a fail on its own word.
    let mut claim = dalian_claim();
    claim["institution"]["premises_verified"] = json!(false);
    let report = verify(&Engine::new().unwrap(), &claim);
    let p1 = findings(&report, "DL-P1");
    assert_eq!(
        p1.iter().map(|f| f.status).collect::<Vec<_>>(),
        [Status::Unknown, Status::Fail]
    );
    assert!(p1[1].message_en.contains("on its own word"));

    // Fushun, catalogue unset: a "not listed" fails under the strict reading
    // of 原则上 and goes to a person under `in_principle`.
    let mut claim = fushun_claim();
    claim["institution"]["in_catalogue"] = json!(false);
    let report = verify(&Engine::new().unwrap(), &claim);
    assert_eq!(statuses(&report, "FS-I1"), [Status::Fail]);
    let text = read("policies/fushun-2024-major-conversion.toml").replacen(
        "\nstrictness = \"strict\"\n",
        "\nstrictness = \"in_principle\"\n",
        1,
    );
    assert!(text.contains("\nstrictness = \"in_principle\"\n"));
    let mut engine = Engine::new().unwrap();
    engine.load_policy(&text).unwrap();
    let report = verify(&engine, &claim);
    let i1 = findings(&report, "FS-I1");
    assert_eq!(i1.len(), 1);
    assert_eq!(i1[0].status, Status::Unknown);
    assert!(i1[0].message_en.contains("a person must review it"));
}

#[test]
fn dl_m2_counts_the_catalogues_majors_and_never_on_an_example_catalogue() {
    let mut claim = dalian_claim();
    // The claim lists one major; the catalogue lists two for the institution.
    claim["institution"]["majors"] = json!(["软件系统操作"]);
    let report = verify(&engine_with(&[dalian_deployment()]), &claim);
    let m2 = findings(&report, "DL-M2");
    assert_eq!(m2[0].status, Status::Pass);
    assert_eq!(m2[0].facts.get("major_count"), Some(&json!(2)));
    assert_eq!(
        m2[0].facts.get("catalogue_majors"),
        Some(&json!(["软件系统操作", "大数据开发"]))
    );

    // Two more majors the claim names besides the catalogue's: 4, over 3,
    // on its own word.
    claim["institution"]["majors"] = json!(["软件系统操作", "直播电商", "物联网应用"]);
    let report = verify(&engine_with(&[dalian_deployment()]), &claim);
    let m2 = findings(&report, "DL-M2");
    assert_eq!(m2[0].status, Status::Fail);
    assert_eq!(m2[0].facts.get("major_count"), Some(&json!(4)));
    assert_eq!(report.decision, ClaimDecision::Reject);

    // The same catalogue marked as an example: DL-M2 decides nothing within
    // the limit, and says which parameter of which rule it waits for.
    let mut example = dalian_deployment();
    rule(&mut example, "DL-P1")["params"]["catalogue"]["example"] = json!(true);
    claim["institution"]["majors"] = json!(["软件系统操作"]);
    let report = verify(&engine_with(&[example]), &claim);
    let m2 = findings(&report, "DL-M2");
    assert_eq!(m2[0].status, Status::Unknown);
    assert_eq!(m2[0].facts.get("parameter"), Some(&json!("catalogue")));
    assert_eq!(m2[0].facts.get("parameter_state"), Some(&json!("example")));
    assert!(m2[0].message_zh.contains("本政策中该目录为示例值"));
    assert!(statuses(&report, "DL-P1")
        .iter()
        .all(|s| *s == Status::Unknown));
}

#[test]
fn dl_m2_names_a_rule_with_a_catalogue() {
    let text = read("policies/dalian-2023-major-conversion.toml");
    let set = PolicySet::builtin().unwrap();
    for other in ["DL-P9", "DL-M1"] {
        let bad = text.replacen(
            "catalogue_rule = \"DL-P1\"",
            &format!("catalogue_rule = \"{other}\""),
            1,
        );
        let errs = set.prepare(&bad, Format::Toml).unwrap_err();
        assert_eq!(errs.0.len(), 1, "{:?}", errs.0);
        let e = &errs.0[0];
        assert_eq!(
            (e.code.as_str(), e.rule_id.as_deref(), e.path.as_str()),
            (
                "policy.bad_params",
                Some("DL-M2"),
                "$.rules[7].params.catalogue_rule"
            )
        );
    }
}

#[test]
fn dl_p1_needs_a_message_for_every_way_a_list_decides_and_valid_credit_codes() {
    let set = PolicySet::builtin().unwrap();
    let mut p = dalian_deployment();
    rule(&mut p, "DL-P1")["messages"]
        .as_object_mut()
        .unwrap()
        .remove("fail.premises.claimed_verified");
    let errs = set.prepare(&p.to_string(), Format::Json).unwrap_err();
    assert_eq!(errs.0.len(), 1, "{:?}", errs.0);
    assert_eq!(errs.0[0].code.as_str(), "policy.missing_message");
    assert_eq!(
        errs.0[0].path,
        "$.rules[3].messages.fail.premises.claimed_verified"
    );

    let mut p = dalian_deployment();
    rule(&mut p, "DL-P1")["params"]["register"]["value"][1]["credit_code"] =
        json!("91210200MA0TEXT0B8");
    let errs = set.prepare(&p.to_string(), Format::Json).unwrap_err();
    assert_eq!(errs.0.len(), 1, "{:?}", errs.0);
    assert_eq!(
        (errs.0[0].code.as_str(), errs.0[0].path.as_str()),
        (
            "policy.bad_params",
            "$.rules[3].params.register.value[1].credit_code"
        )
    );
}
