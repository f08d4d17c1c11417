//! Claims: properties of the recomputation (the total is the sum of the lines,
//! no amount is negative, one fen off in any claimed line is caught), and the
//! parameters a deployment can change (month counting, partial months, rates,
//! the mask).

use peixun::engine::Engine;
use peixun::money::Yuan;
use peixun::report::Status;
use peixun::rules::claim::{ClaimDecision, ClaimReport};
use proptest::prelude::*;
use serde_json::{json, Value};

fn engine() -> Engine {
    Engine::new().unwrap()
}

/// The Dalian deployment example's text: the shipped policy with the annex's
/// durations and rates and the fee table set by the deployment.
fn deployment_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/policies/dalian-deployment-example.toml"
    ))
    .unwrap()
}

/// An engine with the Dalian deployment example loaded over the shipped policy.
fn deployed() -> Engine {
    let mut engine = engine();
    engine.load_policy(&deployment_text()).unwrap();
    engine
}

/// A valid resident ID number from an area, a birth date and a sequence number.
fn id(area: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{area}{birth}{seq:03}");
    let check = peixun::identity::resident_id_check_character(&first17).unwrap();
    format!("{first17}{check}")
}

fn verify(engine: &Engine, claim: &Value) -> ClaimReport {
    engine
        .verify_claim(&claim.to_string())
        .unwrap_or_else(|e| panic!("{e}\n{claim}"))
}

fn example() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/claims/dalian-claim.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Sets every decided line's claimed amount to the recomputed one, and the
/// total to their sum: a claim the engine agrees with, line by line.
fn claim_what_is_due(engine: &Engine, mut claim: Value) -> Value {
    let report = verify(engine, &claim);
    let mut total = Yuan::ZERO;
    for (i, p) in report.trainees.iter().enumerate() {
        for l in &p.lines {
            let amount = if l.finding.status == Status::Unknown {
                l.claimed_or_zero()
            } else {
                l.amount
            };
            total = total + amount;
            claim["trainees"][i]["claimed"][&l.finding.rule_id] = json!(amount.to_string());
        }
    }
    claim["claimed_total"] = json!(total.to_string());
    claim
}

fn dalian_trainee() -> impl Strategy<Value = Value> {
    (
        0u32..40,
        prop_oneof![Just(2020), Just(2021), Just(2022), Just(2023), Just(2024)],
        prop::option::of(any::<bool>()),
        0u32..=3,
        140u32..=174,
        0u32..=4,
        prop::collection::vec(0u64..1_000_000, 2),
    )
        .prop_map(|(seq, year, record, cert, attended, leave, claimed)| {
            let certificates = match cert {
                0 => json!([]),
                1 => json!([{"type": "skill_level", "first_time": true}]),
                2 => json!([{"type": "special_ability", "first_time": true}]),
                _ => json!([{"type": "qualification"}]),
            };
            json!({
                "name": format!("学员{seq}"),
                // A small pool of numbers, so the same person sometimes appears twice.
                "id_number": id("210202", "20010315", seq % 25),
                "eligibility": {
                    "hukou_province": "21", "school_province": "21",
                    "education": "full_time_college", "graduation_year": year,
                    "employed_since_graduation": false, "unit_social_insurance_record": record,
                    "participations_this_year": 0, "dishonest": false
                },
                "attendance": {"expected_sessions": 178, "attended_sessions": attended,
                               "attended_days": attended / 2, "sick_leave": leave},
                "not_employed_verified": {"institution": "2023-09-25", "district": "2023-09-27"},
                "stamped_roster": true,
                "certificates": certificates,
                "claimed": {
                    "DL-S1": Yuan::from_fen(claimed[0] as i64).to_string(),
                    "DL-S2": Yuan::from_fen(claimed[1] as i64 % 50_000).to_string()
                }
            })
        })
}

fn jinzhong_trainee() -> impl Strategy<Value = Value> {
    (
        0u32..40,
        0u32..=15,
        any::<bool>(),
        prop::option::of(any::<bool>()),
        any::<bool>(),
        prop::sample::subsequence(
            vec!["rural_migrant_worker", "veteran", "flexible_worker"],
            0..=2,
        ),
        prop::collection::vec(0u64..500_000, 3),
    )
        .prop_map(|(seq, days, employed, record, employee, groups, claimed)| {
            json!({
                "name": format!("学员{seq}"),
                "id_number": id("140702", "19920812", seq % 30),
                "eligibility": {"key_groups": groups, "enterprise_employee": employee},
                "system_record": record,
                "employed_after_training": employed,
                // The class 2023-09-04..09-22 has 15 training days, one session each.
                "attendance": {"expected_sessions": 15, "attended_sessions": days, "attended_days": days},
                "claimed": {
                    "JZ-S1": Yuan::from_fen(claimed[0] as i64).to_string(),
                    "JZ-S2": Yuan::from_fen(claimed[1] as i64).to_string(),
                    "JZ-S3": Yuan::from_fen(claimed[2] as i64).to_string()
                }
            })
        })
}

fn dalian_claim() -> impl Strategy<Value = Value> {
    prop::collection::vec(dalian_trainee(), 1..8).prop_map(|trainees| {
        let mut c = example();
        c["trainees"] = json!(trainees);
        c["claimed_total"] = json!("0.00");
        c
    })
}

fn jinzhong_claim() -> impl Strategy<Value = Value> {
    prop::collection::vec(jinzhong_trainee(), 1..8).prop_map(|trainees| {
        json!({
            "policy": "jinzhong-2023-skills-shanxi",
            "class": {"start": "2023-09-04", "end": "2023-09-22"},
            "institution": {"name": "晋中市某职业技术学院"},
            "trainees": trainees,
            "claimed_total": "0.00"
        })
    })
}

fn any_claim() -> impl Strategy<Value = Value> {
    prop_oneof![dalian_claim(), jinzhong_claim()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn total_is_the_sum_of_the_lines_and_nothing_is_negative(claim in any_claim()) {
        // With the deployment's rates set, so that Dalian lines are decided.
        let engine = deployed();
        let report = verify(&engine, &claim);
        let sum: Yuan = report.lines().map(|l| l.amount).sum();
        prop_assert_eq!(report.total, sum);
        prop_assert_eq!(report.totals.recomputed, sum);
        for p in &report.trainees {
            prop_assert_eq!(p.total, p.lines.iter().map(|l| l.amount).sum::<Yuan>());
        }
        for l in report.lines() {
            prop_assert!(!l.amount.is_negative(), "{:?}", l);
            prop_assert_eq!(l.amount, l.amount.round_fen());
            // Nothing payable unless the line passed.
            if l.finding.status != Status::Pass {
                prop_assert_eq!(l.amount, Yuan::ZERO);
            }
        }
    }

    #[test]
    fn one_fen_off_in_any_claimed_line_is_caught(
        claim in any_claim(),
        pick in any::<prop::sample::Index>(),
        up in any::<bool>(),
        keep_total in any::<bool>(),
    ) {
        let engine = deployed();
        let due = claim_what_is_due(&engine, claim);
        let agreed = verify(&engine, &due);
        let mismatches = |r: &ClaimReport| {
            r.findings.iter().filter(|f| f.facts.contains_key("difference")).count()
        };
        prop_assert_eq!(mismatches(&agreed), 0);
        prop_assert!(agreed.totals.status != Status::Fail);

        // Every decided line of every trainee is a candidate.
        let lines: Vec<(usize, String, Yuan)> = agreed
            .trainees
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.lines
                    .iter()
                    .filter(|l| l.finding.status != Status::Unknown)
                    .map(move |l| (i, l.finding.rule_id.clone(), l.amount))
            })
            .collect();
        prop_assume!(!lines.is_empty());
        let (i, rule, amount) = pick.get(&lines).clone();
        let changed = if up || amount == Yuan::ZERO {
            amount + Yuan::from_fen(1)
        } else {
            amount - Yuan::from_fen(1)
        };
        let mut tampered = due.clone();
        tampered["trainees"][i]["claimed"][&rule] = json!(changed.to_string());
        if !keep_total {
            let total: Yuan = due["claimed_total"].as_str().unwrap().parse().unwrap();
            tampered["claimed_total"] = json!((total - amount + changed).to_string());
        }
        let report = verify(&engine, &tampered);
        prop_assert_eq!(report.decision, ClaimDecision::Reject);
        let subject = report.trainees[i].id_number.clone();
        let found = report.findings.iter().any(|f| {
            f.rule_id == rule
                && f.subject.as_deref() == Some(subject.as_str())
                && f.facts.get("claimed") == Some(&json!(changed.to_string()))
                && f.facts.get("amount") == Some(&json!(amount.to_string()))
                && f.facts.get("row") == Some(&json!(i + 1))
        });
        prop_assert!(found, "no mismatch for row {} {}: {:?}", i + 1, rule, report.findings);
        // The recomputed total never moves with what is claimed.
        prop_assert_eq!(report.total, agreed.total);
    }
}

#[test]
fn the_example_claim_needs_review_until_the_deployment_sets_its_rates() {
    // The shipped rates and fees are example values: nothing is paid on them.
    let report = verify(&engine(), &example());
    assert_eq!(report.decision, ClaimDecision::NeedsReview);
    assert_eq!(report.total.to_string(), "0.00");
    let line = first_line(&report);
    assert_eq!(line.finding.status, Status::Unknown);
    assert_eq!(line.finding.facts.get("parameter"), Some(&json!("rates")));
    assert_eq!(
        line.finding.facts.get("provisional_amount"),
        Some(&json!("7200.00"))
    );
    // With the deployment's figures, the same claim is accepted.
    let report = verify(&deployed(), &example());
    assert_eq!(report.decision, ClaimDecision::Accept);
    assert_eq!(report.total.to_string(), "12300.00");
}

/// The deployment's Dalian policy with its DL-S1 month counting and partial months changed.
fn dalian_with(counting: &str, partial: &str) -> Engine {
    let text = deployment_text()
        .replace(
            "month_counting = \"filed_duration\"",
            &format!("month_counting = \"{counting}\""),
        )
        .replace(
            "partial_month = \"pro_rata_workdays\"",
            &format!("partial_month = \"{partial}\""),
        );
    let mut engine = engine();
    engine.load_policy(&text).unwrap();
    engine
}

fn first_line(report: &ClaimReport) -> &peixun::rules::subsidy::Line {
    &report.trainees[0].lines[0]
}

#[test]
fn calendar_months_pro_rata_by_working_days() {
    // 2023-10-09 … 2024-02-08. October 2023 has 19 working days (07 and 08 are
    // make-up days), 17 of them from the 9th; November 22, December 21 and
    // January 22 in full; February 2024 has 18 working days (Sundays 02-04 and
    // 02-18 worked, 02-10 … 02-17 off), 7 of them by the 8th (01, 02, 04, 05,
    // 06, 07, 08).
    let engine = dalian_with("calendar_months_trained", "pro_rata_workdays");
    let cal = engine.calendar();
    assert_eq!(cal.workdays_in_month(2023, 10).unwrap().len(), 19);
    assert_eq!(cal.workdays_in_month(2024, 2).unwrap().len(), 18);
    let report = verify(&engine, &example());
    let line = first_line(&report);
    // 1800 × (17/19 + 1 + 1 + 1 + 7/18) = 1800 × 1465/342 = 7710.526… → 7710.53,
    // more than the class lasts: 4 months from 10-09 end on 02-08, so 4 months
    // are paid.
    assert_eq!(
        line.arithmetic_zh.as_deref(),
        Some(
            "1800.00 元 × (17/19 + 1 + 1 + 1 + 7/18) 个月 = 7710.53 元，\
             超过班期起止日期所示的 4 个月，按 1800.00 元 × 4 个月 = 7200.00 元"
        )
    );
    assert_eq!(line.amount.to_string(), "7200.00");
    assert!(line.finding.message_zh.contains("按实际培训的自然月计月"));
    assert!(line.finding.message_zh.contains("不足整月按当月工作日折算"));
    // The claim asked for the 4 months the dates give: it agrees.
    assert_eq!(report.decision, ClaimDecision::Accept);
}

#[test]
fn calendar_months_whole_or_dropped() {
    // Five calendar months begun (October to February), but the class lasts 4.
    let whole = verify(&dalian_with("calendar_months_trained", "whole"), &example());
    assert_eq!(
        first_line(&whole).arithmetic_en.as_deref(),
        Some(
            "1800.00 yuan × 5 months = 9000.00 yuan, more than the 4 months of the \
             class's dates: 1800.00 yuan × 4 months = 7200.00 yuan"
        )
    );
    assert!(first_line(&whole)
        .finding
        .message_en
        .contains("a partial month counted in full"));
    let dropped = verify(&dalian_with("calendar_months_trained", "drop"), &example());
    assert_eq!(
        first_line(&dropped).arithmetic_en.as_deref(),
        Some("1800.00 yuan × 3 months = 5400.00 yuan")
    );
}

#[test]
fn without_a_filed_figure_the_dates_give_the_months() {
    // 2023-10-09..2024-02-08 is exactly 4 months: 1800 × 4.
    let mut claim = example();
    claim["class"]
        .as_object_mut()
        .unwrap()
        .remove("filed_months");
    let report = verify(&deployed(), &claim);
    assert_eq!(first_line(&report).amount.to_string(), "7200.00");
    assert_eq!(report.decision, ClaimDecision::Accept);
    // Ending 2024-01-18: 3 months (to 01-08) and 10 days, which hold 8 of the
    // 24 working days of 01-09..02-08 (17 in January, 7 in February, the
    // make-up Sunday 02-04 in). Pro rata: 1800 × (3 + 8/24) = 6000.00.
    claim["class"]["end"] = json!("2024-01-18");
    claim["class"]["acceptance_applied_on"] = json!("2024-01-03");
    // The shorter class has 73 training days, 146 sessions: the summaries say so.
    for (t, attended) in [(0, 140), (1, 132), (2, 144)] {
        claim["trainees"][t]["attendance"] = json!({"expected_sessions": 146,
            "attended_sessions": attended, "attended_days": attended / 2});
    }
    let report = verify(&deployed(), &claim);
    let line = first_line(&report);
    assert_eq!(
        line.arithmetic_zh.as_deref(),
        Some("1800.00 元 × (3 + 8/24) 个月 = 6000.00 元")
    );
    assert!(line.finding.message_zh.contains("不足整月按当月工作日折算"));
    // A month begun counted in full is still no more than the class lasted;
    // dropped, the 3 whole months.
    let whole = verify(&dalian_with("filed_duration", "whole"), &claim);
    assert_eq!(
        first_line(&whole).arithmetic_en.as_deref(),
        Some(
            "1800.00 yuan × 4 months = 7200.00 yuan, more than the 3 months and 10 days \
             of the class's dates (3 + 8/24 months by working days): \
             1800.00 yuan × (3 + 8/24) months = 6000.00 yuan"
        )
    );
    let dropped = verify(&dalian_with("filed_duration", "drop"), &claim);
    assert_eq!(first_line(&dropped).amount.to_string(), "5400.00");
    // 3 months and 10 days is not the 4 months the annex fixes for the major:
    // DL-T1 fails on the claim.
    let t1 = report
        .findings
        .iter()
        .find(|f| f.rule_id == "DL-T1")
        .unwrap();
    assert_eq!(t1.status, Status::Fail);
    assert_eq!(report.decision, ClaimDecision::Reject);
    // Without a class, there are no dates and no months (the major from the trainee).
    claim.as_object_mut().unwrap().remove("class");
    claim["trainees"][0]["eligibility"]["major"] = json!("软件系统操作");
    let report = verify(&deployed(), &claim);
    // Without dates neither the attendance summary (DL-T4) nor the months can
    // be checked: the line is unknown, stopped at the first of them.
    assert_eq!(first_line(&report).finding.status, Status::Unknown);
    assert_eq!(
        first_line(&report).finding.message_en,
        "attendance not established (DL-T4 undecided: none given, or the records could not be checked): the training subsidy cannot be decided"
    );
}

/// The Dalian deployment's claim with its class and filed figure replaced.
fn class_claim(start: &str, end: &str, filed: Option<u32>) -> Value {
    let mut claim = example();
    let class = claim["class"].as_object_mut().unwrap();
    class.insert("start".into(), json!(start));
    class.insert("end".into(), json!(end));
    match filed {
        Some(m) => class.insert("filed_months".into(), json!(m)),
        None => class.remove("filed_months"),
    };
    claim
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever is filed and however months are read, a line never pays more
    /// months than the class lasts by its dates, nor more than 6; and a filed
    /// figure that is not the dates' months rejects the claim.
    #[test]
    fn months_paid_never_exceed_the_dates_or_the_rule(
        start_day in 0u32..300,
        length in 20u32..260,
        filed in prop::option::of(1u32..10),
        counting in 0usize..2,
        partial in 0usize..3,
    ) {
        let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).unwrap()
            + chrono::Days::new(u64::from(start_day));
        let end = start + chrono::Days::new(u64::from(length));
        let engine = dalian_with(
            ["filed_duration", "calendar_months_trained"][counting],
            ["pro_rata_workdays", "whole", "drop"][partial],
        );
        let claim = class_claim(&start.to_string(), &end.to_string(), filed);
        let report = match engine.verify_claim(&claim.to_string()) {
            Ok(r) => r,
            // A date the calendar refuses (2025 has its notice; nothing here goes past it).
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        let months = peixun::rules::subsidy::class_months(engine.calendar(), start, end).unwrap();
        let rate = Yuan::from_yuan(1800);
        let six = peixun::rules::subsidy::MonthCount::whole(6);
        let exact = months.exact();
        let most = if exact < six { exact } else { six }.times(rate).amount;
        let line = first_line(&report);
        prop_assert!(line.amount <= most, "{} > {} for {start}..{end} {filed:?}", line.amount, most);
        let (len, _) = peixun::rules::attendance::counted_length(engine.calendar(), start, end);
        if let Some(f) = filed {
            if !len.is_exactly(f) {
                prop_assert_eq!(report.decision, ClaimDecision::Reject);
            }
        }
    }
}

#[test]
fn a_rate_the_deployment_sets_decides() {
    let text = deployment_text();
    assert!(text.contains("example = false"));
    let text = text.replacen(
        "[rules.params.rates.value.\"软件系统操作\"]\nqualification = \"1800.00\"",
        "[rules.params.rates.value.\"软件系统操作\"]\nqualification = \"1950.00\"",
        1,
    );
    let mut engine = engine();
    engine.load_policy(&text).unwrap();
    let report = verify(&engine, &example());
    let line = first_line(&report);
    assert_eq!(line.amount.to_string(), "7800.00"); // 1950 × 4
    assert!(!line.finding.message_zh.contains("示例值"));
    assert!(line
        .finding
        .message_zh
        .contains("1950.00 元 × 4 个月 = 7800.00 元"));
}

#[test]
fn the_publicity_mask_is_the_policys() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/dalian-2023-major-conversion.toml"
    ))
    .unwrap()
    .replace(
        "params = { working_days = 5, mask = { head = 6, tail = 4 } }",
        "params = { working_days = 5, mask = { head = 3, tail = 2 } }",
    );
    let mut engine = engine();
    engine.load_policy(&text).unwrap();
    // The deployment's figures over the changed policy (it extends what is loaded).
    engine.load_policy(&deployment_text()).unwrap();
    let request = json!({"claim": example(), "start": "2024-02-08"}).to_string();
    let list = engine.publicity(&request).unwrap();
    assert_eq!(list.rows[0].id_number, "210*************31");
    // Findings use the same mask.
    let report = verify(&engine, &example());
    assert_eq!(report.trainees[0].id_number, "210*************31");
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let mut claim = example();
    claim["trainees"][0]["name"] = json!("=HYPERLINK(\"http://x\",\"张三\")");
    claim["institution"]["name"] = json!("大连,某学校");
    let request = json!({"claim": claim, "start": "2024-02-08"}).to_string();
    let csv = deployed().publicity_csv(&request).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains(
        "1,\"大连,某学校\",\"'=HYPERLINK(\"\"http://x\"\",\"\"张三\"\")\",210202********1231,"
    ));
    assert!(csv.ends_with("\r\n"));
}

#[test]
fn input_errors_carry_code_and_path() {
    let engine = engine();
    let cases = [
        (
            json!({"policy": "dalian-2023-major-conversion", "trainees": [], "claimed_total": "0.00"}),
            "input.missing_field",
            "$.trainees",
        ),
        (
            json!({"policy": "nowhere", "trainees": [], "claimed_total": "0.00"}),
            "input.unknown_policy",
            "$.policy",
        ),
        (
            json!({"policy": "liaocheng-2021-skill-upgrade",
                   "enterprise": {"workers": [{"name": "a", "id_number": id("371502", "19900304", 128),
                                               "claimed": {"LC-S3": "1.00"}}]},
                   "claimed_total": "1.00"}),
            "input.invalid_value",
            "$.enterprise.workers[0].claimed[\"LC-S3\"]",
        ),
        (
            json!({"policy": "jinzhong-2023-skills-shanxi",
                   "trainees": [{"name": "a", "id_number": id("140702", "19920812", 335),
                                 "attendance": {"expected_sessions": 0, "attended_sessions": 0, "attended_days": 0}}],
                   "claimed_total": "0.00"}),
            "input.invalid_value",
            "$.trainees[0].attendance.expected_sessions",
        ),
        (
            json!({"policy": "jinzhong-2023-skills-shanxi",
                   "trainees": [{"name": "a", "id_number": id("140702", "19920812", 335),
                                 "eligibility": {"kind": "enterprise"}}],
                   "claimed_total": "0.00"}),
            "input.invalid_value",
            "$.trainees[0].eligibility.kind",
        ),
        (
            json!({"policy": "jinzhong-2023-skills-shanxi",
                   "trainees": [{"name": "a", "id_number": id("140702", "19920812", 335),
                                 "information_checks": {"before_start": "2023-13-01"}}],
                   "claimed_total": "0.00"}),
            "input.invalid_date",
            "$.trainees[0].information_checks.before_start",
        ),
    ];
    for (claim, code, path) in cases {
        let err = engine.verify_claim(&claim.to_string()).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            (code, path),
            "{claim}"
        );
    }
}

#[test]
fn an_oversized_claim_is_refused() {
    let engine = engine().with_max_input_bytes(1024);
    let err = engine.verify_claim(&example().to_string()).unwrap_err();
    assert_eq!(err.code.as_str(), "input.too_large");
}

#[test]
fn api_operations_return_canonical_json() {
    let engine = deployed();
    let out = engine
        .handle("claim.verify", &example().to_string())
        .unwrap();
    assert!(out.starts_with("{\"decision\":\"accept\""));
    let csv = engine
        .handle(
            "publicity.csv",
            &json!({"claim": example(), "start": "2024-02-08"}).to_string(),
        )
        .unwrap();
    let v: Value = serde_json::from_str(&csv).unwrap();
    assert!(v["csv"].as_str().unwrap().starts_with('\u{feff}'));
    let plan = engine
        .handle(
            "deadlines.plan",
            r#"{"policy": "dalian-2023-major-conversion", "class": {"start": "2023-10-09", "end": "2024-02-08"}}"#,
        )
        .unwrap();
    assert!(plan.contains("\"date\":\"2023-09-26\""));
}

/// A one-week Jinzhong class (JZ-S3: 100.00 a day attended, capped at 1000.00)
/// whose attendance is carried as raw punches.
fn jinzhong_punch_claim(punches: Value, second_trainee: Value) -> Value {
    let mut trainees = vec![json!({"name": "王五", "id_number": "11010519491231002X",
        "eligibility": {"key_groups": ["rural_migrant_worker"], "enterprise_employee": false},
        "system_record": true,
        "attendance": {"kind": "punches", "key": "T01"}, "claimed": {"JZ-S3": "300.00"}})];
    if !second_trainee.is_null() {
        trainees.push(second_trainee);
    }
    json!({"policy": "jinzhong-2023-skills-shanxi",
        "class": {"start": "2023-06-05", "end": "2023-06-09"},
        "attendance": {"class": {"id": "c", "start": "2023-06-05", "end": "2023-06-09",
                                 "sessions": [{"start": "08:30", "end": "11:45"}]},
                       "punches": punches},
        "trainees": trainees, "claimed_total": "300.00"})
}

fn day_punches(key: &str, days: &[&str]) -> Value {
    let mut out = Vec::new();
    for d in days {
        out.push(json!({"trainee": key, "at": format!("{d}T08:10:00+08:00"), "kind": "sign_in"}));
        out.push(json!({"trainee": key, "at": format!("{d}T11:50:00+08:00"), "kind": "sign_out"}));
    }
    Value::Array(out)
}

#[test]
fn raw_punches_are_recomputed_never_taken_from_the_client() {
    let engine = engine();
    // Three days with both punches: 3 × 100.00.
    let claim = jinzhong_punch_claim(
        day_punches("T01", &["2023-06-05", "2023-06-06", "2023-06-07"]),
        Value::Null,
    );
    let report = verify(&engine, &claim);
    assert_eq!(report.decision, ClaimDecision::Accept);
    assert_eq!(report.total.to_string(), "300.00");
    assert_eq!(
        first_line(&report).arithmetic_en.as_deref(),
        Some("100.00 yuan × 3 days = 300.00 yuan")
    );
    // A fourth day's sign-in without its sign-out does not make a fourth day.
    let mut punches = day_punches("T01", &["2023-06-05", "2023-06-06", "2023-06-07"]);
    punches
        .as_array_mut()
        .unwrap()
        .push(json!({"trainee": "T01", "at": "2023-06-08T08:10:00+08:00", "kind": "sign_in"}));
    let report = verify(&engine, &jinzhong_punch_claim(punches, Value::Null));
    assert_eq!(report.total.to_string(), "300.00");
    let a = report.attendance.as_ref().unwrap();
    assert_eq!(
        (a.punches.total, a.punches.counted, a.punches.incomplete),
        (7, 6, 1)
    );
    // Jinzhong sets no punch rule: the lone sign-in is reported in the list.
    assert_eq!(a.punches.reported[0].punch, 6);
    assert_eq!(a.punches.reported[0].reason, "incomplete");
}

#[test]
fn raw_attendance_inputs_that_cannot_be_right_are_refused_with_their_path() {
    let engine = engine();
    let err = |claim: &Value| {
        let e = engine.verify_claim(&claim.to_string()).unwrap_err();
        (e.code.to_string(), e.path.clone())
    };
    let punches = day_punches("T01", &["2023-06-05"]);
    // A summary beside raw punches is not trusted.
    let summary = json!({"name": "赵六", "id_number": id("110105", "19491231", 3),
        "attendance": {"expected_sessions": 5, "attended_sessions": 5, "attended_days": 5}});
    let bad = jinzhong_punch_claim(punches.clone(), summary);
    assert_eq!(
        err(&bad),
        (
            "input.invalid_value".into(),
            "$.trainees[1].attendance".into()
        )
    );
    // One key for two people.
    let other = json!({"name": "赵六", "id_number": id("110105", "19491231", 3),
        "attendance": {"kind": "punches", "key": "T01"}});
    assert_eq!(
        err(&jinzhong_punch_claim(punches.clone(), other)),
        (
            "attendance.duplicate_trainee".into(),
            "$.trainees[1].attendance.key".into()
        )
    );
    // A schedule for other dates than the claim's class.
    let mut claim = jinzhong_punch_claim(punches.clone(), Value::Null);
    claim["attendance"]["class"]["end"] = json!("2023-06-16");
    assert_eq!(
        err(&claim),
        (
            "input.invalid_value".into(),
            "$.attendance.class.end".into()
        )
    );
    // Leave for someone no trainee names, located in the claim.
    let mut claim = jinzhong_punch_claim(punches.clone(), Value::Null);
    claim["attendance"]["leave"] =
        json!([{"trainee": "T09", "date": "2023-06-06", "kind": "sick"}]);
    assert_eq!(
        err(&claim),
        (
            "attendance.unknown_trainee".into(),
            "$.attendance.leave[0].trainee".into()
        )
    );
    // A punches key with no raw attendance to find it in.
    let mut claim = jinzhong_punch_claim(punches, Value::Null);
    claim.as_object_mut().unwrap().remove("attendance");
    assert_eq!(
        err(&claim),
        ("input.missing_field".into(), "$.attendance".into())
    );
}

#[test]
fn a_timetable_that_leaves_out_a_working_day_rejects_the_claim() {
    // The raw-punch claim of the golden corpus (accepted as it is), with its
    // timetable listing every training day but Friday 2023-10-13 (DL-T2:
    // "每月培训天数以当月实际工作日为准").
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/claims/18-dalian-raw-punches-accept.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut claim = case["request"].clone();
    let report = verify(&deployed(), &claim);
    assert_eq!(report.decision, ClaimDecision::Accept);
    let days: Vec<String> = report
        .attendance
        .as_ref()
        .unwrap()
        .class
        .training_days
        .iter()
        .map(|d| d.to_string())
        .filter(|d| d != "2023-10-13")
        .collect();
    assert_eq!(days.len(), 88);
    claim["attendance"]["class"]["days"] = json!(days);
    let report = verify(&deployed(), &claim);
    let t2 = report
        .findings
        .iter()
        .find(|f| f.rule_id == "DL-T2")
        .expect("DL-T2 is a claim-level finding when the claim carries the timetable");
    assert_eq!(t2.status, Status::Fail);
    assert_eq!(t2.facts.get("missed_days"), Some(&json!(["2023-10-13"])));
    assert_eq!(report.decision, ClaimDecision::Reject);
}

// ----- Jinzhong: the class's employment rate, exclusive standards, definitions,
// ----- attendance summaries against the class's calendar, JZ-S2's completion.

/// An engine with the Jinzhong deployment example loaded: the income floor
/// (700.00 a month), working age and JZ-S2's completion rate (80%) set.
fn jinzhong_deployed() -> Engine {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/policies/jinzhong-deployment-example.toml"
    ))
    .unwrap();
    let mut engine = engine();
    engine.load_policy(&text).unwrap();
    engine
}

/// A Jinzhong trainee of the 15-day class 2023-09-04..09-22 (one session a day).
fn jz_trainee(seq: u32, facts: Value, days: u32, claimed: Value) -> Value {
    let mut t = json!({"name": format!("学员{seq}"), "id_number": id("140702", "19920812", seq),
        "system_record": true,
        "attendance": {"expected_sessions": 15, "attended_sessions": days, "attended_days": days},
        "claimed": claimed});
    for (k, v) in facts.as_object().unwrap() {
        t[k] = v.clone();
    }
    t
}

fn jz_claim(class_size: Option<u32>, trainees: Vec<Value>) -> Value {
    let mut class = json!({"start": "2023-09-04", "end": "2023-09-22"});
    if let Some(n) = class_size {
        class["trainees"] = json!(n);
    }
    let total: Yuan = trainees
        .iter()
        .flat_map(|t| t["claimed"].as_object().unwrap().values())
        .map(|v| v.as_str().unwrap().parse::<Yuan>().unwrap())
        .sum();
    json!({"policy": "jinzhong-2023-skills-shanxi", "class": class,
           "trainees": trainees, "claimed_total": total.to_string()})
}

fn line<'r>(report: &'r ClaimReport, row: usize, rule: &str) -> &'r peixun::rules::subsidy::Line {
    report.trainees[row]
        .lines
        .iter()
        .find(|l| l.finding.rule_id == rule)
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// 三(一) "培训结束后就业率达到80%及以上的": the rate is the class's. However
    /// few of the class a claim lists, JZ-S1 pays only when the employed it
    /// proves are at least 80% of the class's declared size.
    #[test]
    fn the_employment_rate_is_the_class_s_whatever_the_claim_lists(
        size in 1u32..=10,
        listed in prop::collection::vec(prop::option::of(any::<bool>()), 1..=10),
    ) {
        let listed = &listed[..listed.len().min(size as usize)];
        let trainees: Vec<Value> = listed
            .iter()
            .enumerate()
            .map(|(i, employed)| {
                let mut facts = json!({});
                if let Some(e) = employed {
                    facts["employed_after_training"] = json!(e);
                    facts["income_after_training"] = json!("3000.00");
                }
                jz_trainee(i as u32 + 1, facts, 15, json!({"JZ-S1": "2000.00"}))
            })
            .collect();
        let report = verify(&jinzhong_deployed(), &jz_claim(Some(size), trainees));
        let employed = listed.iter().filter(|e| **e == Some(true)).count() as u32;
        for p in &report.trainees {
            let l = &p.lines[0];
            match l.finding.status {
                // 80% of the class, exactly: 5 × employed ≥ 4 × size.
                Status::Pass => prop_assert!(5 * employed >= 4 * size, "{:?}", l.finding.message_en),
                Status::Fail => {
                    let unknown = size - employed - listed.iter().filter(|e| **e == Some(false)).count() as u32;
                    prop_assert!(5 * (employed + unknown) < 4 * size, "{:?}", l.finding.message_en);
                }
                Status::Unknown => prop_assert!(5 * employed < 4 * size),
            }
        }
    }

    /// 一(三) "每月培训天数以当月实际工作日为准": no summary is paid on more days
    /// than the class has training days, or on expected sessions the days do not give.
    #[test]
    fn a_summary_the_calendar_rules_out_pays_nothing(days in 0u32..=30, expected in 1u32..=40) {
        let mut t = jz_trainee(1, json!({"eligibility": {"key_groups": ["flexible_worker"]}}), 0,
            json!({"JZ-S3": "100.00"}));
        t["attendance"] = json!({"expected_sessions": expected, "attended_sessions": days.min(expected), "attended_days": days.min(expected)});
        let report = verify(&engine(), &jz_claim(None, vec![t]));
        let l = line(&report, 0, "JZ-S3");
        // The class 2023-09-04..09-22 has 15 training days.
        let ok = days.min(expected) <= 15 && expected % 15 == 0;
        if l.finding.status == Status::Pass {
            prop_assert!(ok, "{}", l.finding.message_en);
        }
        if !ok {
            prop_assert_eq!(l.finding.status, Status::Fail);
            prop_assert_eq!(l.amount, Yuan::ZERO);
            prop_assert!(l.finding.facts.contains_key("stated"));
        }
    }
}

#[test]
fn one_training_is_not_paid_under_two_exclusive_standards() {
    let engine = jinzhong_deployed();
    let facts = json!({"eligibility": {"key_groups": ["rural_migrant_worker"], "enterprise_employee": false},
        "employed_after_training": true, "income_after_training": "3500.00"});
    // Both claimed: rejected, with a JZ-S1 finding naming both rules and amounts.
    let both = jz_claim(
        Some(1),
        vec![jz_trainee(
            1,
            facts.clone(),
            15,
            json!({"JZ-S1": "2000.00", "JZ-S3": "1000.00"}),
        )],
    );
    let report = verify(&engine, &both);
    assert_eq!(report.decision, ClaimDecision::Reject);
    assert_eq!(report.total, Yuan::ZERO);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule_id == "JZ-S1" && f.facts.get("exclusive_with") == Some(&json!("JZ-S3")))
        .expect("an exclusive finding");
    assert_eq!(f.status, Status::Fail);
    assert_eq!(
        (
            &f.facts["amount"],
            &f.facts["other_amount"],
            &f.facts["claimed"],
            &f.facts["other_claimed"]
        ),
        (
            &json!("2000.00"),
            &json!("1000.00"),
            &json!("2000.00"),
            &json!("1000.00")
        )
    );
    for rule in ["JZ-S1", "JZ-S3"] {
        let l = line(&report, 0, rule);
        assert_eq!(
            (l.finding.status, l.amount),
            (Status::Unknown, Yuan::ZERO),
            "{rule}"
        );
    }
    // Claimed under one rule only, the other line still exists (another trainee
    // claims it): which applies is not taken from the claim, the total is the same.
    let mut one = both.clone();
    one["trainees"][0]["claimed"] = json!({"JZ-S1": "2000.00"});
    one["trainees"].as_array_mut().unwrap().push(jz_trainee(
        2,
        json!({"eligibility": {"key_groups": ["veteran"]}}),
        15,
        json!({"JZ-S3": "1000.00"}),
    ));
    one["class"]["trainees"] = json!(2);
    one["claimed_total"] = json!("3000.00");
    let report = verify(&engine, &one);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule_id == "JZ-S1" && f.facts.get("exclusive_with").is_some())
        .expect("an exclusive finding");
    assert_eq!(f.status, Status::Unknown);
    assert_eq!(report.decision, ClaimDecision::NeedsReview);
    // Each claiming the other standard: the same lines, the same (nothing) paid.
    let mut other = one.clone();
    other["trainees"][0]["claimed"] = json!({"JZ-S3": "1000.00"});
    other["trainees"][1]["claimed"] = json!({"JZ-S1": "2000.00"});
    let swapped = verify(&engine, &other);
    assert_eq!((swapped.total, report.total), (Yuan::ZERO, Yuan::ZERO));
    assert_eq!(swapped.decision, ClaimDecision::NeedsReview);
}

#[test]
fn exclusive_with_must_name_an_amount_rule_of_the_policy() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/jinzhong-2023-skills-shanxi.toml"
    ))
    .unwrap();
    for (bad, detail) in [
        ("exclusive_with = [\"JZ-S2\", \"JZ-V2\"]", "JZ-V2"),
        ("exclusive_with = [\"JZ-S2\", \"JZ-S9\"]", "JZ-S9"),
        ("exclusive_with = [\"JZ-S2\", \"JZ-S1\"]", "itself"),
    ] {
        let changed = text.replacen("exclusive_with = [\"JZ-S2\", \"JZ-S3\"]", bad, 1);
        assert_ne!(changed, text);
        let err = engine().load_policy(&changed).unwrap_err();
        assert!(
            err.0.iter().any(|p| p.code == "policy.bad_exclusive"
                && p.path == "$.rules[0].exclusive_with[1]"
                && p.detail.contains(detail)),
            "{bad}: {err:?}"
        );
    }
}

#[test]
fn a_job_below_the_income_floor_is_not_employment() {
    // JZ-D1 "劳动报酬或经营收入不低于当地城市居民最低生活保障标准": 699.99 a month
    // is below the deployment example's 700.00, so 1 of the class of 1 is not employed.
    let t = jz_trainee(
        1,
        json!({"employed_after_training": true, "income_after_training": "699.99"}),
        15,
        json!({"JZ-S1": "0.00"}),
    );
    let report = verify(&jinzhong_deployed(), &jz_claim(Some(1), vec![t]));
    let d1 = report.trainees[0]
        .findings
        .iter()
        .find(|f| f.rule_id == "JZ-D1")
        .unwrap();
    assert_eq!(d1.status, Status::Fail);
    assert!(d1
        .message_zh
        .contains("699.99 元，低于当地城市居民最低生活保障标准 700.00 元"));
    assert_eq!(line(&report, 0, "JZ-S1").finding.status, Status::Fail);
    // At exactly the floor it is employment: 1/1 = 100%, 2000.00.
    let mut claim = jz_claim(
        Some(1),
        vec![jz_trainee(
            1,
            json!({"employed_after_training": true, "income_after_training": "700.00"}),
            15,
            json!({"JZ-S1": "2000.00"}),
        )],
    );
    let report = verify(&jinzhong_deployed(), &claim);
    assert_eq!(report.decision, ClaimDecision::Accept);
    assert_eq!(report.total.to_string(), "2000.00");
    // Under the shipped policy the floor is not set: never a pass.
    claim["claimed_total"] = json!("2000.00");
    let report = verify(&engine(), &claim);
    assert_eq!(report.decision, ClaimDecision::NeedsReview);
    assert_eq!(report.total, Yuan::ZERO);
}

#[test]
fn an_employee_who_did_not_train_is_not_paid_whatever_the_threshold() {
    // Even a deployment that counts any attendance as completed (0.00) pays
    // nothing for 0 sessions attended.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/policies/jinzhong-deployment-example.toml"
    ))
    .unwrap()
    .replace("value = \"0.80\"", "value = \"0.00\"");
    let mut engine = engine();
    engine.load_policy(&text).unwrap();
    let t = |seq, days| {
        jz_trainee(
            seq,
            json!({"eligibility": {"enterprise_employee": true}}),
            days,
            json!({"JZ-S2": "300.00"}),
        )
    };
    let report = verify(&engine, &jz_claim(None, vec![t(1, 0), t(2, 1)]));
    assert_eq!(line(&report, 0, "JZ-S2").finding.status, Status::Fail);
    assert_eq!(line(&report, 0, "JZ-S2").amount, Yuan::ZERO);
    assert_eq!(line(&report, 1, "JZ-S2").amount.to_string(), "300.00");
}

#[test]
fn new_claim_fields_are_checked_with_their_path() {
    let engine = engine();
    let mut claim = jz_claim(
        Some(1),
        vec![jz_trainee(1, json!({}), 15, json!({"JZ-S1": "0.00"}))],
    );
    claim["trainees"][0]["income_after_training"] = json!(3500);
    let err = engine.verify_claim(&claim.to_string()).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path.as_str()),
        ("input.invalid_money", "$.trainees[0].income_after_training")
    );
    let mut claim = jz_claim(
        Some(1),
        vec![jz_trainee(1, json!({}), 15, json!({"JZ-S1": "0.00"}))],
    );
    claim["class"]["sessions_per_day"] = json!("2");
    let err = engine.verify_claim(&claim.to_string()).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path.as_str()),
        ("input.wrong_type", "$.class.sessions_per_day")
    );
    let mut claim = jz_claim(
        Some(1),
        vec![jz_trainee(1, json!({}), 15, json!({"JZ-S1": "0.00"}))],
    );
    claim["trainees"][0]["eligibility"] = json!({"local_hukou": "yes"});
    let err = engine.verify_claim(&claim.to_string()).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path.as_str()),
        ("input.wrong_type", "$.trainees[0].eligibility.local_hukou")
    );
}

#[test]
fn a_class_with_no_session_a_day_is_refused() {
    let mut claim = jz_claim(
        Some(1),
        vec![jz_trainee(1, json!({}), 15, json!({"JZ-S1": "0.00"}))],
    );
    claim["class"]["sessions_per_day"] = json!(0);
    let err = engine().verify_claim(&claim.to_string()).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path.as_str()),
        ("input.invalid_value", "$.class.sessions_per_day")
    );
}

#[test]
fn a_claim_of_summaries_is_accepted_only_on_its_timetable() {
    // The example claim carries its class's timetable: DL-T2 and DL-T3 pass on it.
    let engine = deployed();
    let report = verify(&engine, &example());
    assert_eq!(report.decision, ClaimDecision::Accept);
    let status = |report: &ClaimReport, rule: &str| -> Vec<Status> {
        report
            .findings
            .iter()
            .filter(|f| f.rule_id == rule)
            .map(|f| f.status)
            .collect()
    };
    assert_eq!(status(&report, "DL-T2"), [Status::Pass]);
    assert_eq!(status(&report, "DL-T3"), [Status::Pass]);
    // Without it, neither can be checked: unknown, and the claim needs review
    // with every line still computed.
    let mut claim = example();
    claim["class"].as_object_mut().unwrap().remove("timetable");
    let report = verify(&engine, &claim);
    assert_eq!(report.decision, ClaimDecision::NeedsReview);
    assert_eq!(report.total.to_string(), "12300.00");
    assert_eq!(status(&report, "DL-T2"), [Status::Unknown]);
    assert_eq!(status(&report, "DL-T3"), [Status::Unknown]);
    let t2 = report
        .findings
        .iter()
        .find(|f| f.rule_id == "DL-T2")
        .unwrap();
    assert!(
        t2.message_en.contains("class.timetable"),
        "{}",
        t2.message_en
    );
    // A timetable that trains on four days a week leaves working days out: rejected.
    let mut claim = example();
    let days: Vec<String> = (0..123)
        .map(|k| chrono::NaiveDate::from_ymd_opt(2023, 10, 9).unwrap() + chrono::Days::new(k))
        .filter(|d| {
            use chrono::Datelike;
            engine.calendar().is_workday(*d).unwrap() && d.weekday() != chrono::Weekday::Fri
        })
        .map(|d| d.to_string())
        .collect();
    claim["class"]["timetable"]["days"] = json!(days);
    let report = verify(&engine, &claim);
    assert_eq!(report.decision, ClaimDecision::Reject);
    let t2 = report
        .findings
        .iter()
        .find(|f| f.rule_id == "DL-T2")
        .unwrap();
    assert_eq!(t2.status, Status::Fail);
    // 2023-10-09..2024-02-08 (123 days) has 89 working days, 17 of them Fridays
    // (2023-10-13 the first).
    assert_eq!(t2.facts.get("missed_count"), Some(&json!(17)));
    assert_eq!(t2.facts.get("missed_days").unwrap()[0], json!("2023-10-13"));
}

#[test]
fn a_claims_timetable_errors_carry_its_path() {
    let engine = deployed();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut claim = example();
        edit(&mut claim);
        let e = engine.verify_claim(&claim.to_string()).unwrap_err();
        (e.code.to_string(), e.path.clone())
    };
    assert_eq!(
        with(&|c| c["class"]["timetable"]["sessions"] = json!([])),
        (
            "attendance.no_sessions".to_owned(),
            "$.class.timetable.sessions".to_owned()
        )
    );
    assert_eq!(
        with(&|c| c["class"]["timetable"]["days"] = json!(["2023-10-08"])),
        (
            "attendance.day_outside_class".to_owned(),
            "$.class.timetable.days[0]".to_owned()
        )
    );
    assert_eq!(
        with(&|c| c["class"]["timetable"]["days_through"] = json!("2024-01-05")),
        (
            "input.missing_field".to_owned(),
            "$.class.timetable.days".to_owned()
        )
    );
    assert_eq!(
        with(&|c| c["class"]["timetable"]["lessons_per_day"] = json!("six")),
        (
            "input.wrong_type".to_owned(),
            "$.class.timetable.lessons_per_day".to_owned()
        )
    );
    // Raw attendance carries its own timetable (`attendance.class`): not twice.
    let raw: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/claims/jinzhong-raw-punches-claim.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut claim = raw.clone();
    claim["class"]["timetable"] = json!({"sessions": raw["attendance"]["class"]["sessions"]});
    let e = engine.verify_claim(&claim.to_string()).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("input.invalid_value", "$.class.timetable")
    );
}
