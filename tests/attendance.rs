//! Attendance: bad input with its codes and paths, size limits, properties that
//! hold for every class (rates, nothing dropped, order independence), window
//! edges to the second, and the 10× class.

mod support;

use std::collections::BTreeSet;

use peixun::engine::Engine;
use peixun::error::Explain;
use peixun::report::{Assessment, Status};
use peixun::rules::attendance::{self, AttendanceInput, AttendanceReport};
use rust_decimal::Decimal;
use support::generator;

const FS: &str = "fushun-2024-major-conversion";
const DL: &str = "dalian-2023-major-conversion";

fn engine() -> Engine {
    Engine::new().unwrap()
}

fn evaluate(engine: &Engine, policy: &str, input: &AttendanceInput) -> AttendanceReport {
    attendance::evaluate(engine.policy(policy).unwrap(), engine.calendar(), input).unwrap()
}

fn small_class(punches: &str) -> String {
    format!(
        r#"{{"class": {{"id": "c", "start": "2024-03-04", "end": "2024-03-08",
            "sessions": [{{"start": "08:30", "end": "11:45"}}, {{"start": "13:30", "end": "16:45"}}]}},
           "trainees": [{{"id": "T01"}}], "punches": [{punches}]}}"#
    )
}

fn error_of(policy: &str, json: &str) -> (String, String) {
    let e = engine().check_attendance(policy, json).unwrap_err();
    (e.code.to_string(), e.path.clone())
}

#[test]
fn a_punch_without_an_offset() {
    let json = small_class(r#"{"trainee": "T01", "at": "2024-03-04T08:10:00", "kind": "sign_in"}"#);
    assert_eq!(
        error_of(FS, &json),
        ("input.missing_offset".into(), "$.punches[0].at".into())
    );
}

#[test]
fn a_time_that_does_not_exist() {
    let json = small_class(
        r#"{"trainee": "T01", "at": "2024-03-04T08:10:00+08:00", "kind": "sign_in"},
           {"trainee": "T01", "at": "2024-03-04T25:10:00+08:00", "kind": "sign_out"}"#,
    );
    assert_eq!(
        error_of(FS, &json),
        ("input.invalid_time".into(), "$.punches[1].at".into())
    );
    let json =
        small_class(r#"{"trainee": "T01", "at": "2023-02-29T08:10:00+08:00", "kind": "sign_in"}"#);
    assert_eq!(error_of(FS, &json).0, "input.invalid_time");
    let json =
        small_class(r#"{"trainee": "T01", "at": "2024-03-04T08:10:00+8", "kind": "sign_in"}"#);
    assert_eq!(error_of(FS, &json).0, "input.invalid_time");
}

#[test]
fn a_schedule_whose_end_precedes_its_start() {
    let json = small_class("").replace(r#""end": "2024-03-08""#, r#""end": "2024-03-01""#);
    assert_eq!(
        error_of(FS, &json),
        ("attendance.end_before_start".into(), "$.class.end".into())
    );
    let json = small_class("").replace(r#""end": "11:45""#, r#""end": "08:30""#);
    assert_eq!(
        error_of(FS, &json),
        (
            "attendance.session_end_before_start".into(),
            "$.class.sessions[0].end".into()
        )
    );
}

#[test]
fn a_ten_megabyte_punch_list() {
    let one = r#"{"trainee": "T01", "at": "2024-03-04T08:10:00+08:00", "kind": "sign_in", "method": "face_device"},"#;
    let mut punches = one.repeat(10 * 1024 * 1024 / one.len() + 1);
    punches.pop();
    let json = small_class(&punches);
    assert!(json.len() > 10 * 1024 * 1024);
    assert_eq!(error_of(FS, &json), ("input.too_large".into(), "$".into()));
    let out = engine().handle_to_json(
        "attendance",
        &json.replacen('{', &format!(r#"{{"policy": "{FS}","#), 1),
    );
    assert!(
        out.starts_with(r#"{"error":{"code":"input.too_large""#),
        "{}",
        &out[..200]
    );
}

#[test]
fn too_many_trainees_or_days() {
    let roster: Vec<String> = (0..501).map(|i| format!(r#"{{"id": "T{i}"}}"#)).collect();
    let json = small_class("").replace(r#"[{"id": "T01"}]"#, &format!("[{}]", roster.join(",")));
    assert_eq!(
        error_of(FS, &json),
        ("input.too_large".into(), "$.trainees".into())
    );
    let json = small_class("").replace(r#""end": "2024-03-08""#, r#""end": "2025-06-30""#);
    assert_eq!(
        error_of(FS, &json),
        ("input.too_large".into(), "$.class.end".into())
    );
}

#[test]
fn a_roster_with_a_trainee_twice() {
    let json = small_class("").replace(r#"[{"id": "T01"}]"#, r#"[{"id": "T01"}, {"id": "T01"}]"#);
    assert_eq!(
        error_of(FS, &json),
        (
            "attendance.duplicate_trainee".into(),
            "$.trainees[1].id".into()
        )
    );
}

#[test]
fn an_unknown_year_is_refused_unless_assumed_and_then_flagged() {
    let json = small_class("")
        .replace("2024-03-04", "2031-03-03")
        .replace("2024-03-08", "2031-03-07");
    let (code, _) = error_of(FS, &json);
    assert_eq!(code, "calendar.year_unknown");
    let assumed = json.replacen('{', r#"{"unknown_years": "assume_weekends_only","#, 1);
    let report = engine().check_attendance(FS, &assumed).unwrap();
    assert_eq!(report.assumptions, ["calendar.assumed_weekends_only:2031"]);
    assert_eq!(report.class.training_days.len(), 5);
    for f in &report.findings {
        if f.rule_id == "FS-A1" || f.rule_id == "FS-A3" {
            assert_eq!(
                f.assumptions,
                ["calendar.assumed_weekends_only:2031"],
                "{f:?}"
            );
        }
    }
}

#[test]
fn a_punch_with_another_offset_is_converted_to_china_time() {
    // 00:10 UTC and 09:10 +09:00 are both 08:10 in China.
    let json = small_class(
        r#"{"trainee": "T01", "at": "2024-03-04T00:10:00Z", "kind": "sign_in", "method": "face_device"},
           {"trainee": "T01", "at": "2024-03-04T12:50:00+09:00", "kind": "sign_out", "method": "face_device"}"#,
    );
    let report = engine().check_attendance(FS, &json).unwrap();
    assert_eq!(report.trainees[0].attended_sessions, 1);
    assert_eq!(report.punches.counted, 2);
}

/// Every property the report promises, for one class.
fn check_properties(input: &AttendanceInput, report: &AttendanceReport) {
    let sessions = input.class.sessions.len() as u32;
    let expected = report.class.training_days.len() as u32 * sessions;
    assert_eq!(report.class.expected_sessions, expected);
    let mut attended_total = 0;
    for t in &report.trainees {
        assert_eq!(t.expected_sessions, expected);
        assert_eq!(
            t.attended_sessions
                + t.excepted_sessions
                + t.sick_leave
                + t.personal_leave
                + t.undetermined_sessions
                + t.missed_sessions,
            t.expected_sessions,
            "{}",
            t.trainee
        );
        // rate = counted / base, to four places.
        assert_eq!(t.rate_base, t.expected_sessions);
        assert_eq!(
            t.counted_sessions,
            t.attended_sessions + t.excepted_sessions,
            "leave counts as absent in Fushun"
        );
        let exact = Decimal::from(t.counted_sessions) / Decimal::from(t.rate_base);
        assert!(
            (exact - t.rate).abs() <= Decimal::new(5, 5),
            "{} {exact} {}",
            t.trainee,
            t.rate
        );
        assert_eq!(t.rate.scale(), 4);
        assert!(t.attended_days <= report.class.training_days.len() as u32);
        attended_total += t.attended_sessions;
    }
    // A punch never disappears: counted (two per attended session) or
    // reported, once: refused, incomplete, or undetermined (its method, or its
    // partner's, not stated).
    let p = &report.punches;
    assert_eq!(p.total as usize, input.punches.len());
    assert_eq!(p.counted, 2 * attended_total);
    assert_eq!(
        p.counted + p.rejected + p.incomplete + p.undetermined,
        p.total
    );
    let reported: BTreeSet<u32> = p.reported.iter().map(|r| r.punch).collect();
    assert_eq!(reported.len(), p.reported.len(), "a punch reported twice");
    assert_eq!(
        reported.len() as u32,
        p.rejected + p.incomplete + p.undetermined
    );
    assert!(reported.iter().all(|i| (*i as usize) < input.punches.len()));
    assert_eq!(
        p.by_reason.values().sum::<u32>(),
        p.rejected + p.incomplete + p.undetermined
    );
    // Every reported punch has its finding, naming it: a refused or incomplete
    // one fails, an undetermined one is unknown.
    let mut named: BTreeSet<u64> = BTreeSet::new();
    for f in report.findings.iter().filter(|f| f.rule_id == "FS-A2") {
        let i = f.facts["punch"].as_u64().unwrap();
        let reason = p.reported.iter().find(|r| u64::from(r.punch) == i).unwrap();
        let undetermined = matches!(reason.reason, "method_unstated" | "partner_unstated");
        let want = if undetermined {
            Status::Unknown
        } else {
            Status::Fail
        };
        assert_eq!(f.status, want, "{}", f.message_en);
        named.insert(i);
    }
    assert_eq!(named.len(), reported.len());
    // Each trainee counts once a day: present, on sick leave or on personal
    // leave, never two of them; so too when the report was filed.
    for line in &report.daily {
        for c in std::iter::once(&line.observed).chain(line.at_filing.as_ref()) {
            assert!(
                c.present + c.sick_leave + c.personal_leave <= c.enrolled,
                "{}: {c:?}",
                line.date
            );
        }
    }
    // The sheet has a row per trainee in each month, a mark per day.
    for month in &report.sheet {
        assert_eq!(month.trainees.len(), input.trainees.len());
        for row in &month.trainees {
            assert_eq!(row.marks.len(), month.days.len());
        }
    }
}

#[test]
fn generated_classes_keep_every_promise() {
    let engine = engine();
    for (seed, per_day) in (1..=6).zip([2, 1, 2, 1, 2, 1]) {
        let input = generator::class_with_sessions(engine.calendar(), 12, 2, per_day, seed);
        assert_eq!(input.class.sessions.len(), per_day);
        let report = evaluate(&engine, FS, &input);
        check_properties(&input, &report);
        // The generator's daily reports agree with the punches as they stood
        // when each was filed; those who signed in later are named, not failed.
        let a3: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule_id == "FS-A3")
            .collect();
        for f in &a3 {
            assert_eq!(f.status, Status::Pass, "{}", f.message_en);
        }
        assert!(a3.last().unwrap().message_en.contains("agree"), "{a3:?}");
    }
}

#[test]
fn the_order_of_the_punches_does_not_matter() {
    let engine = engine();
    let input = generator::class(engine.calendar(), 8, 1, 42);
    let a = evaluate(&engine, FS, &input);
    let mut shuffled = input.clone();
    let mut rng = generator::Rng::new(7);
    for i in (1..shuffled.punches.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        shuffled.punches.swap(i, j);
    }
    let b = evaluate(&engine, FS, &shuffled);
    assert_eq!(a.trainees, b.trainees);
    assert_eq!(a.punches.by_reason, b.punches.by_reason);
    assert_eq!(a.sheet, b.sheet);
    assert_eq!(a.daily, b.daily);
    check_properties(&shuffled, &b);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let engine = engine();
    let input = generator::class(engine.calendar(), 5, 1, 3);
    let json = serde_json::to_string(&input).unwrap();
    let one = engine.handle("attendance", &json).unwrap();
    let two = engine.handle("attendance", &json).unwrap();
    assert_eq!(one, two);
    assert!(!one.contains('\n'));
    // Rates are strings with four places, never floats.
    assert!(one.contains(r#""rate":"0."#) || one.contains(r#""rate":"1.0000""#));
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    fn no_float(v: &serde_json::Value) {
        match v {
            serde_json::Value::Number(n) => assert!(n.is_u64() || n.is_i64(), "{n}"),
            serde_json::Value::Array(a) => a.iter().for_each(no_float),
            serde_json::Value::Object(o) => o.values().for_each(no_float),
            _ => {}
        }
    }
    no_float(&v);
}

#[test]
fn the_ten_times_class_finishes_and_holds() {
    let engine = engine();
    let input = generator::class(engine.calendar(), 500, 6, 10);
    assert!(input.punches.len() > 100_000, "{}", input.punches.len());
    let started = std::time::Instant::now();
    let report = evaluate(&engine, FS, &input);
    let took = started.elapsed();
    check_properties(&input, &report);
    assert_eq!(report.trainees.len(), 500);
    // Linear work: even an unoptimised build takes well under a few seconds.
    assert!(took.as_secs() < 20, "{took:?}");
}

#[test]
fn linear_in_the_punches() {
    // Ten times the trainees (and so the punches) takes about ten times as long,
    // nowhere near the hundredfold of a per-punch scan of the list.
    let engine = engine();
    let small = generator::class(engine.calendar(), 40, 2, 5);
    let large = generator::class(engine.calendar(), 400, 2, 5);
    let time = |input: &AttendanceInput| {
        let mut best = std::time::Duration::MAX;
        for _ in 0..3 {
            let t = std::time::Instant::now();
            let r = evaluate(&engine, FS, input);
            best = best.min(t.elapsed());
            assert!(!r.trainees.is_empty());
        }
        best
    };
    let (a, b) = (time(&small), time(&large));
    assert!(b < a * 40, "40 trainees {a:?}, 400 trainees {b:?}");
}

#[test]
fn rate_is_counted_over_base_and_the_threshold_is_exact() {
    // 9 of 10 is exactly 90%: Dalian passes it; 8 of 10 with 2 leave fails.
    let mut punches = Vec::new();
    for day in ["04", "05", "06", "07", "08"] {
        for (s, e) in [("08:20", "11:50"), ("13:20", "16:50")] {
            if day == "08" && s == "13:20" {
                continue;
            }
            punches.push(format!(
                r#"{{"trainee": "T01", "at": "2024-03-{day}T{s}:00+08:00", "kind": "sign_in", "method": "voucher_qr"}},
                   {{"trainee": "T01", "at": "2024-03-{day}T{e}:00+08:00", "kind": "sign_out", "method": "voucher_qr"}}"#
            ));
        }
    }
    let json = small_class(&punches.join(","));
    let report = engine().check_attendance(DL, &json).unwrap();
    let t = &report.trainees[0];
    assert_eq!((t.counted_sessions, t.rate_base), (9, 10));
    assert_eq!(t.rate.to_string(), "0.9000");
    assert_eq!(t.meets_threshold, Some(true));
    assert_eq!(t.status, Some(Status::Pass));
}

#[test]
fn leave_counts_as_the_policy_says() {
    let mut text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/dalian-2023-major-conversion.toml"
    ))
    .unwrap();
    text = text.replace(
        r#"params = { min_rate = "0.90", leave_counts_as_attended = false }"#,
        r#"params = { min_rate = "0.90", leave_counts_as_attended = true }"#,
    );
    let mut engine = engine();
    engine.load_policy(&text).unwrap();
    let json = small_class("").replacen(
        r#""punches": []"#,
        r#""punches": [], "leave": [{"trainee": "T01", "date": "2024-03-04", "kind": "sick"}]"#,
        1,
    );
    let report = engine.check_attendance(DL, &json).unwrap();
    let t = &report.trainees[0];
    assert_eq!((t.sick_leave, t.counted_sessions), (2, 2));
    assert_eq!(t.leave_choice, "counts_as_attended");
    let f = report
        .findings
        .iter()
        .find(|f| f.rule_id == "DL-T4")
        .unwrap();
    assert!(
        f.message_en
            .contains("sick and personal leave count as attended"),
        "{}",
        f.message_en
    );
}

#[test]
fn a_strict_online_share_fails() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/internet-plus-training.toml"
    ))
    .unwrap()
    .replace(r#"strictness = "in_principle""#, r#"strictness = "strict""#);
    let mut engine = engine();
    engine.load_policy(&text).unwrap();
    let json = r#"{"class": {"id": "c", "start": "2020-09-07", "end": "2020-09-11",
        "sessions": [{"start": "08:30", "end": "11:45"}], "online_hours": 41, "offline_hours": 59, "practical": true}}"#;
    let report = engine
        .check_attendance("internet-plus-training", json)
        .unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule_id == "IP-A1")
        .unwrap();
    assert_eq!(f.status, Status::Fail);
    assert_eq!(report.decision, Assessment::Fail);
    assert_eq!(
        f.message_en,
        "41 online theory hours, 41.00% of 100 in all, above 40.00%"
    );
}

#[test]
fn every_reason_has_its_own_message() {
    let engine = engine();
    for id in [FS, DL] {
        let policy = engine.policy(id).unwrap();
        let rule = policy
            .rules
            .iter()
            .find(|r| r.kind.name() == "punch_windows")
            .unwrap();
        for reason in [
            "outside_window",
            "duplicate",
            "other_class",
            "non_training_day",
            "out_of_order",
            "unknown_trainee",
            "method",
            "incomplete",
            "not_yet_open",
            "closed",
            "no_session",
            "class_over",
            "not_on_roster",
            "wrong_method",
        ] {
            assert!(
                rule.messages.contains_key(&format!("fail.{reason}")),
                "{} lacks fail.{reason}",
                rule.id
            );
        }
        for reason in ["method_unstated", "partner_unstated", "method_required"] {
            assert!(
                rule.messages.contains_key(&format!("unknown.{reason}")),
                "{} lacks unknown.{reason}",
                rule.id
            );
        }
    }
}

#[test]
fn errors_explain_themselves_in_both_languages() {
    let json = small_class("").replace(r#""end": "2024-03-08""#, r#""end": "2024-03-01""#);
    let e = engine().check_attendance(FS, &json).unwrap_err();
    assert!(
        e.message_zh.contains("班期结束日期早于开始日期"),
        "{}",
        e.message_zh
    );
    assert!(e.message_en.contains("2024-03-01"), "{}", e.message_en);
    let err = attendance::AttendanceError::invalid(
        attendance::AttendanceCode::NoSessions,
        "$.class.sessions",
        "x",
    );
    assert_eq!(err.problem().code, "attendance.no_sessions");
}

mod windows {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // A face-device sign-in `k` seconds before 08:30 is acceptable exactly
        // when 0 <= k <= 1800; one whose method is not said never is (FS-A2
        // counts the face device only), though the window is the same.
        #[test]
        fn sign_in_window_to_the_second(k in -3600i64..3600) {
            let t = 8 * 3600 + 30 * 60 - k;
            let at = format!("2024-03-04T{:02}:{:02}:{:02}+08:00", t / 3600, t / 60 % 60, t % 60);
            let q = |method: &str| format!(r#"{{"class": {{"id": "c", "start": "2024-03-04", "end": "2024-03-08",
                "sessions": [{{"start": "08:30", "end": "11:45"}}]}},
                "trainee": "T01", "kind": "sign_in", "at": "{at}"{method}}}"#);
            let check = engine().check_punch(FS, &q(r#", "method": "face_device""#)).unwrap();
            prop_assert_eq!(check.acceptable, (0..=1800).contains(&k), "{} {:?}", at, check.state);
            let unsaid = engine().check_punch(FS, &q("")).unwrap();
            prop_assert!(!unsaid.acceptable);
            prop_assert_eq!(unsaid.state, check.state);
            prop_assert_eq!(unsaid.required_methods.len(), 1);
        }
    }
}

/// The Dalian deployment example with DL-T1's tolerance set to `days`.
fn dalian_with_tolerance(days: u32) -> Result<Engine, peixun::policy::PolicyErrors> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/policies/dalian-deployment-example.toml"
    ))
    .unwrap()
    .replacen(
        "min_months = 3\nmax_months = 6\n",
        &format!("min_months = 3\nmax_months = 6\ntolerance_days = {days}\n"),
        1,
    );
    let mut engine = engine();
    engine.load_policy(&text).map(|_| engine)
}

fn duration_finding(engine: &Engine, start: &str, end: &str) -> peixun::report::Finding {
    let json = format!(
        r#"{{"class": {{"id": "c", "major": "直播电商", "start": "{start}", "end": "{end}",
            "sessions": [{{"start": "08:30", "end": "11:45"}}]}}}}"#
    );
    let report = engine.check_attendance(DL, &json).unwrap();
    report
        .findings
        .into_iter()
        .find(|f| f.rule_id == "DL-T1")
        .unwrap()
}

#[test]
fn a_tolerance_turns_a_near_miss_into_a_review_never_a_pass() {
    // 3 months from 2023-03-01 end on 05-31 (a Wednesday). 直播电商: 3 months.
    let none = dalian_with_tolerance(0).unwrap();
    let f = duration_finding(&none, "2023-03-01", "2023-05-29");
    assert_eq!(f.status, Status::Fail);
    assert_eq!(f.facts.get("missed_by_days"), Some(&serde_json::json!(2)));
    let three = dalian_with_tolerance(3).unwrap();
    let f = duration_finding(&three, "2023-03-01", "2023-05-29");
    assert_eq!(f.status, Status::Unknown);
    assert!(
        f.message_zh
            .contains("与应有时长（至2023-05-31止）相差2天，在本政策3天的容差内，须人工审核"),
        "{}",
        f.message_zh
    );
    // Four days short is beyond it; exactly 3 months still passes, with no tolerance used.
    assert_eq!(
        duration_finding(&three, "2023-03-01", "2023-05-27").status,
        Status::Fail
    );
    assert_eq!(
        duration_finding(&three, "2023-03-01", "2023-05-31").status,
        Status::Pass
    );
    // Over the maximum by a day, within the tolerance: review.
    let f = duration_finding(&three, "2023-03-01", "2023-09-01");
    assert_eq!(
        (f.status, f.facts.get("missed_by_days")),
        (Status::Unknown, Some(&serde_json::json!(1)))
    );
    // A tolerance as long as a month is refused by the lint.
    let e = dalian_with_tolerance(28).err().unwrap();
    assert_eq!(e.0.len(), 1);
    assert_eq!(e.0[0].code.as_str(), "policy.bad_params");
    assert_eq!(e.0[0].path, "$.rules[0].params.tolerance_days");
}

#[test]
fn every_working_day_left_out_is_counted_and_the_first_named() {
    // 2023-03-06..03-10 is Monday to Friday: leave each out in turn.
    let week = [
        "2023-03-06",
        "2023-03-07",
        "2023-03-08",
        "2023-03-09",
        "2023-03-10",
    ];
    for left_out in week {
        let listed: Vec<&str> = week.iter().copied().filter(|d| *d != left_out).collect();
        let json = format!(
            r#"{{"class": {{"id": "c", "start": "2023-03-06", "end": "2023-03-10",
                "sessions": [{{"start": "08:30", "end": "11:45"}}], "days": {}}},
               "trainees": [{{"id": "T01"}}]}}"#,
            serde_json::json!(listed)
        );
        let report = engine().check_attendance(DL, &json).unwrap();
        let f = report
            .findings
            .iter()
            .find(|f| f.rule_id == "DL-T2")
            .unwrap();
        assert_eq!(f.status, Status::Fail);
        assert_eq!(f.facts.get("missed_count"), Some(&serde_json::json!(1)));
        assert_eq!(
            f.facts.get("missed_days"),
            Some(&serde_json::json!([left_out]))
        );
        // The day left out is not a training day: 4 sessions expected.
        assert_eq!(report.trainees[0].expected_sessions, 4);
    }
}

#[test]
fn a_partial_timetable_says_how_far_it_goes() {
    let class = |extra: &str| {
        format!(
            r#"{{"class": {{"id": "c", "start": "2023-03-06", "end": "2023-03-17",
                "sessions": [{{"start": "08:30", "end": "11:45"}}]{extra}}}}}"#
        )
    };
    // Without listed days, `days_through` has nothing to bound.
    assert_eq!(
        error_of(DL, &class(r#", "days_through": "2023-03-10""#)),
        ("input.missing_field".into(), "$.class.days".into())
    );
    assert_eq!(
        error_of(
            DL,
            &class(r#", "days": ["2023-03-06"], "days_through": "2023-03-20""#)
        ),
        (
            "attendance.day_outside_class".into(),
            "$.class.days_through".into()
        )
    );
    assert_eq!(
        error_of(
            DL,
            &class(r#", "days": ["2023-03-06", "2023-03-13"], "days_through": "2023-03-10""#)
        ),
        (
            "attendance.day_outside_class".into(),
            "$.class.days[1]".into()
        )
    );
    // The first week listed in full: unknown, and the second week's working
    // days are training days.
    let json = class(
        r#", "days": ["2023-03-06", "2023-03-07", "2023-03-08", "2023-03-09", "2023-03-10"],
            "days_through": "2023-03-10""#,
    );
    let report = engine().check_attendance(DL, &json).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule_id == "DL-T2")
        .unwrap();
    assert_eq!(f.status, Status::Unknown);
    assert_eq!(f.facts.get("unlisted_days"), Some(&serde_json::json!(5)));
    assert_eq!(report.class.training_days.len(), 10);
}

#[test]
fn online_hours_come_from_the_timetable_only_when_every_session_says() {
    // 2020-09-07..09-11: 5 training days. Morning online (2 lessons), afternoon
    // offline (3): 10 online and 15 offline hours, 40%.
    let class = |afternoon: &str, stated: &str| {
        format!(
            r#"{{"class": {{"id": "c", "start": "2020-09-07", "end": "2020-09-11", "practical": true,
                "sessions": [{{"start": "08:30", "end": "10:00", "mode": "online", "lessons": 2}},
                             {{"start": "13:30", "end": "15:45"{afternoon}}}]{stated}}}}}"#
        )
    };
    let ip = |json: String| {
        let report = engine()
            .check_attendance("internet-plus-training", &json)
            .unwrap();
        report
            .findings
            .into_iter()
            .find(|f| f.rule_id == "IP-A1")
            .unwrap()
    };
    let f = ip(class(r#", "mode": "offline", "lessons": 3"#, ""));
    assert_eq!(f.status, Status::Pass);
    assert_eq!(
        f.facts.get("hours_source"),
        Some(&serde_json::json!("timetable"))
    );
    assert_eq!(f.facts.get("online_hours"), Some(&serde_json::json!(10)));
    // The same figures stated agree; other figures are a contradiction.
    let agree = ip(class(
        r#", "mode": "offline", "lessons": 3"#,
        r#", "online_hours": 10, "offline_hours": 15"#,
    ));
    assert_eq!(agree.status, Status::Pass);
    let differ = ip(class(
        r#", "mode": "offline", "lessons": 3"#,
        r#", "online_hours": 8, "offline_hours": 17"#,
    ));
    assert_eq!(differ.status, Status::Fail);
    assert!(differ
        .message_en
        .contains("8 online and 17 offline hours are stated"));
    // One session without its lessons: the split is not the timetable's; the
    // stated 40% cannot pass.
    let f = ip(class(
        r#", "mode": "offline""#,
        r#", "online_hours": 10, "offline_hours": 15"#,
    ));
    assert_eq!(f.status, Status::Unknown);
    assert_eq!(
        f.facts.get("hours_source"),
        Some(&serde_json::json!("stated"))
    );
}

/// FS-A2 counts face-device punches only: a punch that does not state its
/// method is not proven to be one. Taking the method off some punches of a
/// generated class never adds attendance, and the sessions it leaves open are
/// exactly what the truth could add back: proven ≤ true ≤ proven + undetermined.
#[test]
fn punches_without_a_method_bracket_the_truth() {
    let engine = engine();
    let input = generator::class(engine.calendar(), 8, 1, 11);
    let truth = evaluate(&engine, FS, &input);
    let mut unsaid = input.clone();
    let mut stripped = 0;
    for (i, p) in unsaid.punches.iter_mut().enumerate() {
        if i % 5 == 0 {
            p.method = None;
            stripped += 1;
        }
    }
    let report = evaluate(&engine, FS, &unsaid);
    check_properties(&unsaid, &report);
    let open = report.punches.by_reason["method_unstated"];
    assert!(open > 0 && open <= stripped, "{open} of {stripped}");
    assert!(report.punches.undetermined >= open);
    for (t, u) in truth.trainees.iter().zip(&report.trainees) {
        assert!(u.attended_sessions <= t.attended_sessions, "{}", t.trainee);
        assert!(
            t.attended_sessions <= u.attended_sessions + u.undetermined_sessions,
            "{}",
            t.trainee
        );
        // Never a yes the punches do not prove.
        if u.status == Some(Status::Pass) {
            assert_eq!(t.status, Some(Status::Pass), "{}", t.trainee);
        }
        if u.undetermined_sessions > 0 && u.meets_threshold.is_none() {
            assert_eq!(u.status, Some(Status::Unknown), "{}", t.trainee);
        }
    }
}

/// The same through a claim: Dalian's voucher check-in (DL-P6). The golden
/// case's claim is accepted; with T01's punches from 2024-01-15 on stating no
/// method, T01's 90% is no longer proven and the claim needs review.
#[test]
fn a_claim_is_not_accepted_on_punches_that_do_not_state_their_method() {
    let root = env!("CARGO_MANIFEST_DIR");
    let case: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{root}/tests/golden/claims/18-dalian-raw-punches-accept.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut engine = engine();
    engine
        .load_policy(
            &std::fs::read_to_string(format!(
                "{root}/examples/policies/dalian-deployment-example.json"
            ))
            .unwrap(),
        )
        .unwrap();
    let verify = |request: &serde_json::Value| -> serde_json::Value {
        serde_json::from_str(&engine.handle("claim.verify", &request.to_string()).unwrap()).unwrap()
    };
    let mut request = case["request"].clone();
    assert_eq!(verify(&request)["decision"], "accept");
    let mut stripped = 0;
    for p in request["attendance"]["punches"].as_array_mut().unwrap() {
        if p["trainee"] == "T01" && p["at"].as_str().unwrap() >= "2024-01-15" {
            p.as_object_mut().unwrap().remove("method");
            stripped += 1;
        }
    }
    assert!(stripped > 30, "{stripped}");
    let report = verify(&request);
    assert_eq!(report["decision"], "needs_review");
    let t01 = &report["trainees"][0]["findings"];
    let dl_t4 = t01
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "DL-T4")
        .unwrap();
    assert_eq!(dl_t4["status"], "unknown", "{dl_t4}");
    assert_eq!(report["attendance"]["punches"]["undetermined"], stripped);
}

/// FS-A3: a report speaks for the day up to the session in progress when it
/// is filed, or the next one between sessions. T01 is on sick leave for the
/// afternoon both days and signs in for the morning at 08:20; T02 never comes.
#[test]
fn a_report_speaks_for_the_session_at_hand() {
    let punch = |day: &str, hm: &str, kind: &str| {
        format!(
            r#"{{"trainee": "T01", "at": "2024-03-{day}T{hm}:00+08:00", "kind": "{kind}", "method": "face_device"}}"#
        )
    };
    let punches = [
        punch("04", "08:20", "sign_in"),
        punch("04", "11:50", "sign_out"),
        punch("05", "08:20", "sign_in"),
        punch("05", "11:50", "sign_out"),
    ]
    .join(",");
    let json = format!(
        r#"{{"class": {{"id": "c", "start": "2024-03-04", "end": "2024-03-05",
              "sessions": [{{"start": "08:30", "end": "11:45"}}, {{"start": "13:30", "end": "16:45"}}]}},
            "trainees": [{{"id": "T01"}}, {{"id": "T02"}}], "punches": [{punches}],
            "leave": [{{"trainee": "T01", "date": "2024-03-04", "session": 2, "kind": "sick"}},
                      {{"trainee": "T02", "date": "2024-03-05", "session": 2, "kind": "sick"}}],
            "daily_reports": [
              {{"date": "2024-03-04", "filed_at": "2024-03-04T08:55:00+08:00", "enrolled": 2, "present": 1, "sick_leave": 0, "personal_leave": 0}},
              {{"date": "2024-03-05", "filed_at": "2024-03-05T12:00:00+08:00", "enrolled": 2, "present": 1, "sick_leave": 1, "personal_leave": 0}}]}}"#
    );
    let report = engine().check_attendance(FS, &json).unwrap();
    // 03-04 at 08:55 (session 1 running): T01 present, the afternoon leave not yet at hand.
    let day = &report.daily[0];
    let at = day.at_filing.unwrap();
    assert_eq!((at.present, at.sick_leave), (1, 0));
    // 03-05 at 12:00, between sessions: the afternoon is next, T02's sick leave counts;
    // T01 is present and counted once (not also on leave).
    let day = &report.daily[1];
    let at = day.at_filing.unwrap();
    assert_eq!((at.present, at.sick_leave), (1, 1));
    assert_eq!(
        (day.observed.present, day.observed.sick_leave),
        (1, 1),
        "T01 present, T02 on sick leave for the afternoon"
    );
    // The 12:00 report is late (not before 09:00), but neither report disagrees.
    let a3: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule_id == "FS-A3")
        .collect();
    assert_eq!(a3.len(), 1, "{a3:?}");
    assert_eq!(
        a3[0].message_en,
        "the daily report for 2024-03-05 was filed at 2024-03-05 12:00, after 09:00 that day"
    );
}

/// FS-A3's `leave_at_filing`: leave carries no time, so which leave a report
/// filed during the day speaks for is a named reading. T02 does not come in the
/// morning and is on sick leave for the afternoon; the 08:55 report counts them
/// on sick leave. By default (the session at hand) the afternoon is not yet
/// leave at 08:55: a mismatch naming the reading. A deployment that reads all
/// leave as known in advance (`whole_day`) finds the report right.
#[test]
fn the_leave_a_report_speaks_for_is_a_named_reading() {
    let json = r#"{"class": {"id": "c", "start": "2024-03-04", "end": "2024-03-04",
          "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}]},
        "trainees": [{"id": "T01"}, {"id": "T02"}],
        "punches": [{"trainee": "T01", "at": "2024-03-04T08:20:00+08:00", "kind": "sign_in", "method": "face_device"},
                    {"trainee": "T01", "at": "2024-03-04T11:50:00+08:00", "kind": "sign_out", "method": "face_device"}],
        "leave": [{"trainee": "T02", "date": "2024-03-04", "session": 2, "kind": "sick"}],
        "daily_reports": [{"date": "2024-03-04", "filed_at": "2024-03-04T08:55:00+08:00",
                           "enrolled": 2, "present": 1, "sick_leave": 1, "personal_leave": 0}]}"#;
    let a3 = |engine: &Engine| -> Vec<peixun::report::Finding> {
        engine
            .check_attendance(FS, json)
            .unwrap()
            .findings
            .into_iter()
            .filter(|f| f.rule_id == "FS-A3")
            .collect()
    };
    let mut engine = engine();
    let by_default = a3(&engine);
    assert_eq!(by_default.len(), 1);
    assert_eq!(by_default[0].status, Status::Fail);
    assert_eq!(
        by_default[0].message_zh,
        "2024-03-04的日出勤报告病假学员数为1，打卡和请假记录为0，不一致（按报送时2024-03-04 08:55已有的签到、请假和打卡异常说明核对，请假计至报送时正在进行或下一节课）"
    );

    // The deployment's own file: the shipped FS-A3 with the other reading.
    let shipped: toml::Value = toml::from_str(
        &std::fs::read_to_string(format!(
            "{}/policies/fushun-2024-major-conversion.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mut rule = shipped["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_str() == Some("FS-A3"))
        .unwrap()
        .clone();
    rule["params"]["leave_at_filing"] = toml::Value::from("whole_day");
    let deployment = serde_json::json!({
        "id": FS, "version": "2024.1-whole-day", "extends": FS,
        "title_zh": "抚顺（全天请假读法）", "title_en": "Fushun (whole-day leave reading)",
        "source": {"seed": "002_fcde794d6c80fe6c.txt", "title_zh": "工作流程"},
        "rules": [serde_json::to_value(&rule).unwrap()],
    });
    engine.load_policy(&deployment.to_string()).unwrap();
    let whole_day = a3(&engine);
    assert_eq!(whole_day.len(), 1, "{whole_day:?}");
    assert_eq!(
        whole_day[0].status,
        Status::Pass,
        "{}",
        whole_day[0].message_en
    );
}

/// FS-C2: a video counts only on a training day. With the days listed, a
/// working day the class does not train is named as such.
#[test]
fn a_video_on_a_working_day_the_class_does_not_train_is_not_counted() {
    let json = r#"{"class": {"id": "c", "start": "2024-03-04", "end": "2024-03-08",
        "days": ["2024-03-04", "2024-03-05", "2024-03-07"],
        "sessions": [{"start": "08:30", "end": "11:45"}]},
        "videos": [{"id": "V1", "date": "2024-03-06", "minutes": 30},
                   {"id": "V2", "date": "2024-03-07", "minutes": 30}]}"#;
    let report = engine().check_attendance(FS, json).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule_id == "FS-C2" && f.facts.get("video").is_some_and(|v| v == "V1"))
        .unwrap();
    assert_eq!(f.status, Status::Fail);
    assert_eq!(
        f.message_zh,
        "视频V1（2024-03-06，本班不培训的工作日）不是本班培训日的上课视频，不计入"
    );
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule_id == "FS-C2" && f.facts.get("video").is_some_and(|v| v == "V2")));
}
/// The Fushun deployment example (each major's months, `in_force` from 2024),
/// its text changed by `edit`.
fn fushun_example(edit: impl Fn(String) -> String) -> Engine {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/policies/fushun-deployment-example.toml"
    ))
    .unwrap();
    let mut engine = engine();
    engine.load_policy(&edit(text)).unwrap();
    engine
}

/// FS-A1's findings about the class (not a trainee), by the part they name.
fn standard_parts(
    engine: &Engine,
    major: &str,
    start: &str,
    end: &str,
) -> Vec<(String, peixun::report::Finding)> {
    let json = format!(
        r#"{{"class": {{"id": "c", "major": "{major}", "start": "{start}", "end": "{end}",
            "sessions": [{{"start": "08:30", "end": "11:45"}}, {{"start": "13:30", "end": "16:45"}}],
            "lessons_per_day": 8, "lesson_minutes": 45}},
           "trainees": [{{"id": "T01"}}]}}"#
    );
    let report = engine.check_attendance(FS, &json).unwrap();
    report
        .findings
        .into_iter()
        .filter(|f| f.rule_id == "FS-A1" && f.subject.is_none())
        .map(|f| {
            let part = f.facts.get("part").and_then(|p| p.as_str()).unwrap();
            (part.to_owned(), f)
        })
        .collect()
}

fn status_of(parts: &[(String, peixun::report::Finding)], part: &str) -> Vec<Status> {
    parts
        .iter()
        .filter(|(p, _)| p == part)
        .map(|(_, f)| f.status)
        .collect()
}

#[test]
fn fs_a1_gives_each_part_of_the_standard_its_own_status() {
    // 2024-03-01..05-31: exactly 3 months, 64 working days, 8 lessons of 45 minutes.
    let shipped = standard_parts(&engine(), "直播电商", "2024-03-01", "2024-05-31");
    let parts: Vec<&str> = shipped.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        parts,
        ["duration", "working_days", "lessons", "last_opening"]
    );
    // The shipped policy has neither the major's months nor the programme's year.
    let duration = &shipped[0].1;
    assert_eq!(duration.status, Status::Unknown);
    assert_eq!(
        duration.facts.get("parameter"),
        Some(&serde_json::json!("per_major"))
    );
    assert_eq!(
        duration.facts.get("parameter_state"),
        Some(&serde_json::json!("unset"))
    );
    assert_eq!(status_of(&shipped, "working_days"), [Status::Pass]);
    assert_eq!(status_of(&shipped, "lessons"), [Status::Pass]);
    assert_eq!(status_of(&shipped, "last_opening"), [Status::Unknown]);
    // The deployment's figures: 直播电商 is 3 months, the programme's year 2024.
    let deployed = fushun_example(|t| t);
    let set = standard_parts(&deployed, "直播电商", "2024-03-01", "2024-05-31");
    assert!(set.iter().all(|(_, f)| f.status == Status::Pass), "{set:?}");
    assert_eq!(
        set[0].1.facts.get("per_major_months"),
        Some(&serde_json::json!(3))
    );
    // 软件系统操作 is 4 months: the duration alone fails.
    let four = standard_parts(&deployed, "软件系统操作", "2024-03-01", "2024-05-31");
    assert_eq!(status_of(&four, "duration"), [Status::Fail]);
    assert_eq!(
        four[0].1.facts.get("per_major_end"),
        Some(&serde_json::json!("2024-06-30"))
    );
    for part in ["working_days", "lessons", "last_opening"] {
        assert_eq!(status_of(&four, part), [Status::Pass], "{part}");
    }
}

#[test]
fn the_majors_months_decide_the_duration_and_nothing_else() {
    // The same months marked as an example: the duration is unknown whether it
    // agreed (直播电商, 3) or not (软件系统操作, 4); every other part still passes.
    let example = fushun_example(|t| {
        t.replacen(
            "（部署方据该文件填写各专业培训时长；此处为示例的时长，不是该文件的）\"\nexample = false",
            "（部署方据该文件填写各专业培训时长；此处为示例的时长，不是该文件的）\"\nexample = true",
            1,
        )
    });
    for major in ["直播电商", "软件系统操作"] {
        let parts = standard_parts(&example, major, "2024-03-01", "2024-05-31");
        assert_eq!(status_of(&parts, "duration"), [Status::Unknown], "{major}");
        assert_eq!(
            parts[0].1.facts.get("parameter_state"),
            Some(&serde_json::json!("example"))
        );
        for part in ["working_days", "lessons", "last_opening"] {
            assert_eq!(status_of(&parts, part), [Status::Pass], "{major} {part}");
        }
    }
    // A class outside 3–6 months fails on the seed alone, whatever the months' state:
    // 2024-03-04..05-31 is 2 months and 28 days.
    let parts = standard_parts(&example, "直播电商", "2024-03-04", "2024-05-31");
    assert_eq!(status_of(&parts, "duration"), [Status::Fail]);
    // A major the deployment has not fixed (大数据开发) is unknown, never a pass.
    let deployed = fushun_example(|t| t);
    let parts = standard_parts(&deployed, "大数据开发", "2024-03-01", "2024-05-31");
    assert_eq!(status_of(&parts, "duration"), [Status::Unknown]);
}

#[test]
fn the_last_opening_is_the_end_of_december_of_the_programmes_year() {
    // In force from 2024: "最后一次开班时间为 12 月末" is 2024-12-31, a Tuesday.
    let deployed = fushun_example(|t| t);
    let opening = |engine: &Engine, start: &str, end: &str| {
        let parts = standard_parts(engine, "直播电商", start, end);
        let f = parts
            .into_iter()
            .find(|(p, _)| p == "last_opening")
            .unwrap()
            .1;
        (f.status, f.facts.get("last_opening").cloned())
    };
    let last = Some(serde_json::json!("2024-12-31"));
    // Opening on the day itself is not after it; the next working day is.
    assert_eq!(
        opening(&deployed, "2024-12-31", "2025-03-28"),
        (Status::Pass, last.clone())
    );
    assert_eq!(
        opening(&deployed, "2025-01-02", "2025-04-01"),
        (Status::Fail, last)
    );
    // The rule's own `in_force` comes before the policy's: from 2025, 2025-01-02 is in time.
    let rule_2025 = fushun_example(|t| {
        t.replacen(
            "kind = \"training_standard\"\n",
            "kind = \"training_standard\"\nin_force = { from = \"2025-01-01\", until = \"2025-12-31\" }\n",
            1,
        )
    });
    assert_eq!(
        opening(&rule_2025, "2025-01-02", "2025-04-01"),
        (Status::Pass, Some(serde_json::json!("2025-12-31")))
    );
    // Without any `in_force` the year is open: unknown, never the class's own year.
    assert_eq!(
        opening(&engine(), "2024-03-01", "2024-05-31"),
        (Status::Unknown, Some(serde_json::Value::Null))
    );
}
