//! The calendar against the shared holiday data, day by day, and its behaviour
//! at the edges: unknown years, assumptions, updates.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use peixun::calendar::{Calendar, CalendarError, DayKind, UnknownYears};
use peixun::error::Explain;

const SHARED_DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/cn_holidays_2019_2026.json"
);

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Shared {
    off: BTreeSet<NaiveDate>,
    work: BTreeSet<NaiveDate>,
    names: BTreeMap<NaiveDate, String>,
}

fn shared() -> Shared {
    let text = std::fs::read_to_string(SHARED_DATA).unwrap_or_else(|e| {
        panic!("{SHARED_DATA}: {e} (the shared data must sit beside the repository)")
    });
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut s = Shared {
        off: BTreeSet::new(),
        work: BTreeSet::new(),
        names: BTreeMap::new(),
    };
    for (_, year) in json.as_object().unwrap() {
        for v in year["off"].as_array().unwrap() {
            s.off.insert(d(v.as_str().unwrap()));
        }
        for v in year["workday"].as_array().unwrap() {
            s.work.insert(d(v.as_str().unwrap()));
        }
        for (k, v) in year["names"].as_object().unwrap() {
            s.names.insert(d(k), v.as_str().unwrap().to_owned());
        }
    }
    s
}

#[test]
fn every_day_2019_2026_matches_the_shared_data() {
    let data = shared();
    let cal = Calendar::builtin();
    let mut checked = 0;
    for day in d("2019-01-01")
        .iter_days()
        .take_while(|x| *x <= d("2026-12-31"))
    {
        // The rule from the meta file.
        let expected = data.work.contains(&day)
            || (day.weekday().num_days_from_monday() < 5 && !data.off.contains(&day));
        let info = cal.day(day).unwrap();
        assert_eq!(info.is_workday(), expected, "{day}");
        assert_eq!(cal.is_workday(day).unwrap(), expected, "{day}");
        assert!(!info.assumed, "{day}");
        assert_eq!(info.holiday.as_ref(), data.names.get(&day), "{day}");
        let kind = if data.work.contains(&day) {
            DayKind::MakeupWorkday
        } else if data.off.contains(&day) {
            DayKind::Holiday
        } else if expected {
            DayKind::Workday
        } else {
            DayKind::Weekend
        };
        assert_eq!(info.kind, kind, "{day}");
        checked += 1;
    }
    assert_eq!(checked, 2922);
}

#[test]
fn working_days_per_year_match_the_meta_figures() {
    let cal = Calendar::builtin();
    let figures = [
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ];
    for (year, expected) in figures {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        assert_eq!(cal.count_workdays(first, last).unwrap(), expected, "{year}");
        let by_month: usize = (1..=12)
            .map(|m| cal.workdays_in_month(year, m).unwrap().len())
            .sum();
        assert_eq!(by_month, expected as usize, "{year} by month");
    }
}

#[test]
fn counting_agrees_with_walking() {
    let cal = Calendar::builtin();
    let start = d("2023-09-20");
    for len in 0..60u64 {
        let to = start + chrono::Days::new(len);
        let slow = start
            .iter_days()
            .take_while(|x| *x <= to)
            .filter(|x| cal.is_workday(*x).unwrap())
            .count() as u32;
        assert_eq!(cal.count_workdays(start, to).unwrap(), slow, "{to}");
    }
}

#[test]
fn national_day_2023() {
    let cal = Calendar::builtin();
    for day in ["2023-10-07", "2023-10-08"] {
        let info = cal.day(d(day)).unwrap();
        assert_eq!(info.kind, DayKind::MakeupWorkday, "{day}");
        assert!(info.holiday.as_deref().unwrap().contains("国庆节"), "{day}");
        assert!(cal.is_workday(d(day)).unwrap());
    }
    for day in d("2023-09-29").iter_days().take(8) {
        let info = cal.day(day).unwrap();
        assert_eq!(info.kind, DayKind::Holiday, "{day}");
        assert_eq!(info.holiday.as_deref(), Some("中秋节、国庆节"));
    }
    assert_eq!(cal.day(d("2023-10-09")).unwrap().kind, DayKind::Workday);
    assert_eq!(
        cal.add_workdays(d("2023-09-28"), 5).unwrap(),
        d("2023-10-11")
    );
    // Counting back across National Day: 8 Oct, 7 Oct, 28 Sep, 27 Sep, 26 Sep.
    assert_eq!(
        cal.add_workdays(d("2023-10-09"), -5).unwrap(),
        d("2023-09-26")
    );
    assert_eq!(cal.next_workday(d("2023-09-28")).unwrap(), d("2023-10-07"));
    assert_eq!(
        cal.previous_workday(d("2023-10-09")).unwrap(),
        d("2023-10-08")
    );
    assert_eq!(
        cal.previous_workday(d("2023-10-07")).unwrap(),
        d("2023-09-28")
    );
    assert_eq!(
        cal.count_workdays(d("2023-09-01"), d("2023-10-31"))
            .unwrap(),
        39
    );
}

#[test]
fn labour_day_2023() {
    let cal = Calendar::builtin();
    for day in ["2023-04-23", "2023-05-06"] {
        let info = cal.day(d(day)).unwrap();
        assert_eq!(info.kind, DayKind::MakeupWorkday, "{day}");
        assert_eq!(info.holiday.as_deref(), Some("劳动节"));
    }
    let may = cal.workdays_in_month(2023, 5).unwrap();
    assert_eq!(may.len(), 21);
    assert_eq!(may.first(), Some(&d("2023-05-04")));
    assert_eq!(may.last(), Some(&d("2023-05-31")));
    assert!(may.contains(&d("2023-05-06")));
    assert!(!may.contains(&d("2023-05-01")) && !may.contains(&d("2023-05-07")));
}

#[test]
fn spring_festival_2024() {
    let cal = Calendar::builtin();
    for day in ["2024-02-04", "2024-02-18"] {
        let info = cal.day(d(day)).unwrap();
        assert_eq!(info.kind, DayKind::MakeupWorkday, "{day}");
        assert_eq!(info.holiday.as_deref(), Some("春节"));
    }
    for day in d("2024-02-10").iter_days().take(8) {
        assert_eq!(cal.day(day).unwrap().kind, DayKind::Holiday, "{day}");
    }
    assert_eq!(cal.next_workday(d("2024-02-09")).unwrap(), d("2024-02-18"));
}

#[test]
fn new_year_2023_reached_back_into_2022() {
    let cal = Calendar::builtin();
    let info = cal.day(d("2022-12-31")).unwrap();
    assert_eq!(info.kind, DayKind::Holiday);
    assert_eq!(info.holiday.as_deref(), Some("元旦"));
}

#[test]
fn unknown_year_is_an_error_naming_the_year() {
    let cal = Calendar::builtin();
    let err = cal.is_workday(d("2027-03-01")).unwrap_err();
    assert_eq!(err, CalendarError::YearUnknown { year: 2027 });
    assert_eq!(err.code().as_str(), "calendar.year_unknown");
    assert_eq!(err.path(), "$");
    assert!(
        err.message_zh().contains("日历没有 2027 年的放假安排"),
        "{}",
        err.message_zh()
    );
    assert!(err
        .message_en()
        .contains("the calendar has no holiday arrangement for 2027"));
    assert_eq!(
        cal.day(d("2018-06-01")).unwrap_err(),
        CalendarError::YearUnknown { year: 2018 }
    );
    // Walking into an unknown year stops there.
    assert_eq!(
        cal.add_workdays(d("2026-12-30"), 5).unwrap_err(),
        CalendarError::YearUnknown { year: 2027 }
    );
    assert_eq!(
        cal.count_workdays(d("2026-12-01"), d("2027-01-31"))
            .unwrap_err(),
        CalendarError::YearUnknown { year: 2027 }
    );
    assert_eq!(
        cal.workdays_in_month(2027, 1).unwrap_err().code(),
        "calendar.year_unknown"
    );
    // No assumption is reported when none is made.
    assert_eq!(cal.assumption_for(d("2027-01-01"), d("2027-12-31")), None);
    // The next working day after the last day of 2018 only needs 2019.
    assert_eq!(cal.next_workday(d("2018-12-31")).unwrap(), d("2019-01-02"));
}

#[test]
fn weekends_only_assumption_is_flagged() {
    let cal = Calendar::builtin().with_unknown_years(UnknownYears::AssumeWeekendsOnly);
    let info = cal.day(d("2027-01-01")).unwrap(); // a Friday: surely New Year's Day, but not known
    assert_eq!(info.kind, DayKind::Workday);
    assert!(info.assumed);
    assert_eq!(cal.day(d("2027-01-02")).unwrap().kind, DayKind::Weekend);
    assert!(!cal.day(d("2026-10-01")).unwrap().assumed);
    assert_eq!(
        cal.add_workdays(d("2026-12-30"), 3).unwrap(),
        d("2027-01-04")
    );
    assert_eq!(
        cal.assumption_for(d("2026-12-30"), d("2027-01-04"))
            .as_deref(),
        Some("calendar.assumed_weekends_only:2027")
    );
    assert_eq!(
        cal.assumption_for(d("2030-01-01"), d("2018-01-01"))
            .as_deref(),
        Some("calendar.assumed_weekends_only:2018,2027..2030")
    );
    assert_eq!(cal.assumption_for(d("2019-01-01"), d("2026-12-31")), None);
    assert_eq!(cal.workdays_in_month(2027, 3).unwrap().len(), 23);
    // 2027 assumed: 261 weekdays.
    assert_eq!(
        cal.count_workdays(d("2027-01-01"), d("2027-12-31"))
            .unwrap(),
        261
    );
}

#[test]
fn limits_and_bad_arguments() {
    let cal = Calendar::builtin();
    let err = cal.add_workdays(d("2023-01-03"), 3661).unwrap_err();
    assert_eq!(err.code().as_str(), "calendar.too_far");
    assert_eq!(
        cal.add_workdays(d("2023-01-03"), -3661).unwrap_err().code(),
        "calendar.too_far"
    );
    let err = cal
        .count_workdays(d("2023-10-09"), d("2023-10-01"))
        .unwrap_err();
    assert_eq!(err.code().as_str(), "calendar.range_reversed");
    assert_eq!(
        cal.workdays_in_month(2023, 0).unwrap_err().code(),
        "calendar.bad_month"
    );
    assert_eq!(
        cal.workdays_in_month(2023, 13).unwrap_err().code(),
        "calendar.bad_month"
    );
    let err = cal.add_workdays(d("2023-10-01"), 0).unwrap_err();
    assert_eq!(
        err,
        CalendarError::NotAWorkday {
            date: d("2023-10-01")
        }
    );
    assert_eq!(err.code().as_str(), "calendar.not_a_workday");
    // Even assuming weekends only, a walk is bounded.
    let cal = cal.with_unknown_years(UnknownYears::AssumeWeekendsOnly);
    assert_eq!(
        cal.add_workdays(d("2023-01-03"), 3660).unwrap().year(),
        2037
    );
    assert_eq!(
        cal.add_workdays(d("2023-01-03"), i32::MIN)
            .unwrap_err()
            .code(),
        "calendar.too_far"
    );
}

const NOTICE_2027: &str = r#"{
  "year": 2027,
  "source": "test notice for 2027",
  "holidays": [
    {"name": "元旦", "off": ["2027-01-01..2027-01-03"]},
    {"name": "春节", "off": ["2027-02-06..2027-02-13"], "workdays": ["2027-02-14", "2027-02-20"]},
    {"name": "国庆节", "off": ["2027-10-01..2027-10-07"], "workdays": ["2027-09-26", "2027-10-09"]}
  ]
}"#;

#[test]
fn an_update_makes_2027_known() {
    let mut cal = Calendar::builtin();
    let summary = cal.apply_update(NOTICE_2027).unwrap();
    assert_eq!(cal.known_years(), (2019..=2027).collect::<Vec<_>>());
    let y = &summary.years[0];
    assert_eq!((y.year, y.replaced), (2027, false));
    assert_eq!(y.holidays, ["元旦", "春节", "国庆节"]);
    assert_eq!((y.off_days, y.makeup_workdays), (18, 4));
    assert_eq!(cal.sources(2027).unwrap(), ["test notice for 2027"]);
    let info = cal.day(d("2027-01-01")).unwrap();
    assert_eq!(
        (info.kind, info.holiday.as_deref(), info.assumed),
        (DayKind::Holiday, Some("元旦"), false)
    );
    assert_eq!(
        cal.day(d("2027-02-14")).unwrap().kind,
        DayKind::MakeupWorkday
    );
    assert_eq!(
        cal.add_workdays(d("2026-12-30"), 2).unwrap(),
        d("2027-01-04")
    );
    // 261 weekdays, 11 of the 18 rest days are weekdays, 4 make-up days.
    assert_eq!(y.working_days, 261 - 11 + 4);
    assert_eq!(
        cal.count_workdays(d("2027-01-01"), d("2027-12-31"))
            .unwrap(),
        y.working_days
    );
}

#[test]
fn a_corrected_notice_replaces_the_year_and_says_so() {
    let mut cal = Calendar::builtin();
    let corrected = r#"{"year": 2026, "source": "corrected 2026",
        "holidays": [{"name": "元旦", "off": ["2026-01-01"]}]}"#;
    let summary = cal.apply_update(corrected).unwrap();
    assert!(summary.replaced_any());
    assert!(summary.years[0].replaced_sources[0].contains("gov.cn"));
    assert!(summary.message_en().contains("replaced"));
    assert!(summary.message_zh().contains("替换"));
    assert!(cal.is_workday(d("2026-10-08")).unwrap());
}

#[test]
fn a_new_year_block_may_reach_back_into_december() {
    let mut cal = Calendar::builtin();
    let notice = r#"{"year": 2027, "source": "s",
        "holidays": [{"name": "元旦", "off": ["2026-12-31..2027-01-01"], "workdays": ["2026-12-27"]}]}"#;
    cal.apply_update(notice).unwrap();
    assert_eq!(cal.day(d("2026-12-31")).unwrap().kind, DayKind::Holiday);
    assert_eq!(
        cal.day(d("2026-12-27")).unwrap().kind,
        DayKind::MakeupWorkday
    );
    assert_eq!(
        cal.day(d("2026-12-27")).unwrap().holiday.as_deref(),
        Some("元旦")
    );
}

#[test]
fn table_format_updates_are_read_too() {
    let mut cal = Calendar::builtin();
    let table = "year 2027\nsource test\n元旦 off 01-01..01-03\n春节 off 02-06..02-13 work 02-14 02-20\n\nyear 2028\nsource test\n元旦 off 01-01\n";
    let summary = cal.apply_update(table).unwrap();
    assert_eq!(summary.years.len(), 2);
    assert!(cal.is_known_year(2028));
    assert_eq!(
        cal.day(d("2027-02-20")).unwrap().kind,
        DayKind::MakeupWorkday
    );
    let err = Calendar::builtin()
        .apply_update("year 2027\nsource test\n元旦 off 01-01 work 01-04\n")
        .unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.path().as_str()),
        ("calendar.update_makeup_not_weekend", "line 3")
    );
    // A table whose second year is refused loads neither.
    let mut cal = Calendar::builtin();
    let err = cal
        .apply_update(
            "year 2027\nsource t\n元旦 off 01-01\nyear 2028\nsource t\n元旦 off 01-01 02-30\n",
        )
        .unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.path().as_str()),
        ("calendar.update_bad_date", "line 6")
    );
    assert_eq!(cal, Calendar::builtin());
}

/// Each refused update: its code, its path, and the calendar unchanged.
#[test]
fn every_refusal_has_its_code_and_path_and_changes_nothing() {
    let h = |body: &str| format!(r#"{{"year": 2027, "source": "s", "holidays": [{body}]}}"#);
    let ok = r#"{"name": "元旦", "off": ["2027-01-01"]}"#;
    let cases: Vec<(String, &str, &str)> = vec![
        ("{".into(), "input.malformed_json", "*"),
        (
            r#"{"year": "2027", "source": "s", "holidays": []}"#.into(),
            "input.wrong_type",
            "$.year",
        ),
        (
            r#"{"year": 2027, "holidays": []}"#.into(),
            "input.missing_field",
            "$.source",
        ),
        (
            h(r#"{"name": "元旦", "off": ["2027-01-01"], "workday": []}"#),
            "input.unknown_field",
            "$.holidays[0].workday",
        ),
        (
            r#"{"year": 1999, "source": "s", "holidays": []}"#.into(),
            "calendar.update_bad_year",
            "$.year",
        ),
        (
            r#"{"year": 2027, "source": " ", "holidays": []}"#.into(),
            "calendar.update_no_source",
            "$.source",
        ),
        (h(""), "calendar.update_no_holidays", "$.holidays"),
        (
            h(r#"{"name": "", "off": ["2027-01-01"]}"#),
            "calendar.update_empty_name",
            "$.holidays[0].name",
        ),
        (
            h(r#"{"name": "元旦", "off": []}"#),
            "calendar.update_no_off_days",
            "$.holidays[0].off",
        ),
        (
            h(&format!(
                r#"{ok}, {{"name": "春节", "off": ["2027-02-06", "2027-02-30"]}}"#
            )),
            "calendar.update_bad_date",
            "$.holidays[1].off[1]",
        ),
        (
            h(r#"{"name": "春节", "off": ["2027/02/06"]}"#),
            "calendar.update_bad_date",
            "$.holidays[0].off[0]",
        ),
        (
            h(r#"{"name": "春节", "off": ["2027-02-13..2027-02-06"]}"#),
            "calendar.update_bad_range",
            "$.holidays[0].off[0]",
        ),
        (
            h(r#"{"name": "春节", "off": ["2027-02-01..2027-03-15"]}"#),
            "calendar.update_range_too_long",
            "$.holidays[0].off[0]",
        ),
        (
            h(r#"{"name": "春节", "off": ["2028-02-06"]}"#),
            "calendar.update_outside_year",
            "$.holidays[0].off[0]",
        ),
        (
            h(r#"{"name": "春节", "off": ["2026-12-31"]}"#),
            "calendar.update_outside_year",
            "$.holidays[0].off[0]",
        ),
        (
            h(r#"{"name": "元旦", "off": ["2026-12-24", "2027-01-01"]}"#),
            "calendar.update_outside_year",
            "$.holidays[0].off[0]",
        ),
        (
            h(&format!(r#"{ok}, {{"name": "x", "off": ["2027-01-01"]}}"#)),
            "calendar.update_duplicate_date",
            "$.holidays[1].off[0]",
        ),
        (
            h(r#"{"name": "春节", "off": ["2027-02-06..2027-02-13"], "workdays": ["2027-02-07"]}"#),
            "calendar.update_conflict",
            "$.holidays[0].workdays[0]",
        ),
        (
            h(r#"{"name": "春节", "off": ["2027-02-06"], "workdays": ["2027-02-15"]}"#),
            "calendar.update_makeup_not_weekend",
            "$.holidays[0].workdays[0]",
        ),
        (
            "year 2027\n元旦 off 01-01\n".into(),
            "calendar.update_no_source",
            "line 1",
        ),
        ("year 27\n".into(), "calendar.update_table_syntax", "line 1"),
        ("".into(), "calendar.update_table_syntax", "line 1"),
    ];
    for (text, code, path) in cases {
        let mut cal = Calendar::builtin();
        let before = cal.clone();
        let err = cal.apply_update(&text).unwrap_err();
        let got = if path == "*" {
            "*".to_owned()
        } else {
            err.path()
        };
        assert_eq!((err.code().as_str(), got.as_str()), (code, path), "{text}");
        assert!(!err.message_zh().is_empty() && !err.message_en().is_empty());
        assert_eq!(cal, before, "{text}");
    }
}

#[test]
fn the_conflict_names_the_date() {
    let mut cal = Calendar::builtin();
    let text = r#"{"year": 2027, "source": "s", "holidays": [
        {"name": "春节", "off": ["2027-02-06..2027-02-13"]},
        {"name": "x", "off": ["2027-03-01"], "workdays": ["2027-02-13"]}]}"#;
    let err = cal.apply_update(text).unwrap_err();
    assert_eq!(
        err,
        CalendarError::UpdateConflict {
            date: d("2027-02-13"),
            path: "$.holidays[1].workdays[0]".into()
        }
    );
    assert!(err.message_en().contains("2027-02-13"));
    assert!(err.message_zh().contains("2027-02-13"));
}

#[test]
fn an_oversized_update_is_refused() {
    let mut cal = Calendar::builtin();
    let big = " ".repeat(peixun::calendar::MAX_UPDATE_BYTES + 1);
    assert_eq!(
        cal.apply_update(&big).unwrap_err().code(),
        "input.too_large"
    );
}

#[test]
fn reloading_the_builtin_table_changes_nothing() {
    // The table's header documents the format.
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/calendar/cn-2019-2026.txt"
    ))
    .unwrap();
    assert!(table.starts_with("# China's working-day calendar"));
    // Re-loading the built-in table as an update replaces every year with itself.
    let mut cal = Calendar::builtin();
    let summary = cal.apply_update(&table).unwrap();
    assert_eq!(summary.years.len(), 8);
    assert!(summary.years.iter().all(|y| y.replaced));
    assert_eq!(cal, Calendar::builtin());
}
