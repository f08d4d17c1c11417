//! `peixun plan check`, run as a city office would: a year's figures county by
//! county; exit codes 0 pass, 1 fail, 2 needs review, 3 bad input.

mod cli_support;

use cli_support::{peixun, peixun_stdin, text};

const EXAMPLE: &str = "examples/plans/jinzhong-2023-plan.json";
/// The deployment's Jinzhong policy: the annex's annual plan figures set.
const DEPLOYMENT: &str = "examples/policies/jinzhong-deployment-example.toml";

#[test]
fn a_brand_short_after_the_year_fails_and_exits_1() {
    let out = peixun(&["plan", "check", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("结论 decision: 不通过 / fail"), "{s}");
    assert!(s.contains("平遥县: 不通过 / fail"), "{s}");
    // 96 trained in 2023, counted after the year: fewer than 100.
    assert!(
        s.contains("平遥县“平遥牛肉”品牌 2023 年共培训 96 人（统计至 2024-01-10，该年度已结束），少于每个品牌不少于 100 人的要求"),
        "{s}"
    );
    // 240 × 3 = 720 < 750 × 1 on the county's own plan figure.
    assert!(s.contains("240×3=720，小于 750×1=750"), "{s}");
    // 榆次区 meets the share only on its own plan figure: the annex is not set.
    assert!(s.contains("榆次区: 需人工审核 / needs review"), "{s}");
}

#[test]
fn with_the_annex_figures_a_county_passes_and_exits_0() {
    let plan = r#"{"policy": "jinzhong-2023-skills-shanxi", "year": 2023, "as_of": "2024-01-10",
        "counties": [{"county": "榆次区", "annual_plan": 1200,
                      "county_enterprise_staff": {"trained": 436},
                      "brands": [{"brand": "榆次灯笼", "trained": 128}]}]}"#;
    let out = peixun_stdin(&["plan", "check", "-"], plan);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let out = peixun_stdin(
        &["plan", "check", "--policy-file", DEPLOYMENT, "--json", "-"],
        plan,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"], "pass");
    assert_eq!(v["policy"]["version"], "2023.1+deployment-example");
    let share = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "JZ-P3")
        .unwrap();
    assert_eq!(share["facts"]["figure_times_denominator"], 1308);
    assert_eq!(share["facts"]["plan_times_numerator"], 1200);
}

#[test]
fn bad_input_exits_3_with_the_code_and_path() {
    let plan = r#"{"policy": "jinzhong-2023-skills-shanxi",
        "counties": [{"county": "榆次区", "brands": [{"brand": "榆次灯笼", "trained": "120"}]}]}"#;
    let out = peixun_stdin(&["plan", "check", "-"], plan);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains("[input.wrong_type] $.counties[0].brands[0].trained"),
        "{}",
        text(&out.stderr)
    );
    let out = peixun_stdin(
        &["plan", "check", "--json", "-"],
        r#"{"policy": "dalian-2023-major-conversion", "counties": []}"#,
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).starts_with(r#"{"error":{"code":"plan.no_plan_rules""#));
}
