//! `peixun calendar …` run as a real process: output and exit codes.

mod cli_support;
use cli_support::{peixun, peixun_stdin};

use std::process::Output;

use serde_json::Value;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// A file holding `text`, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("peixun-calendar-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const NOTICE_2027: &str = r#"{"year": 2027, "source": "test notice", "holidays": [
  {"name": "元旦", "off": ["2027-01-01..2027-01-03"]},
  {"name": "春节", "off": ["2027-02-06..2027-02-13"], "workdays": ["2027-02-14", "2027-02-20"]}]}"#;

#[test]
fn workdays_in_a_month() {
    let o = peixun(&["calendar", "workdays", "2023-05"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2023-05: 21 working days / 21 个工作日");
    assert_eq!(lines.len(), 22);
    assert_eq!(lines[1], "2023-05-04 Thu");
    assert!(lines.contains(&"2023-05-06 Sat  make-up working day (劳动节) / 调休上班"));

    let o = peixun(&["calendar", "workdays", "2023-05", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["count"], 21);
    assert_eq!(v["month"], "2023-05");
    assert_eq!(v["dates"].as_array().unwrap().len(), 21);
    assert_eq!(v["dates"][0], "2023-05-04");
    assert_eq!(v["assumptions"], serde_json::json!([]));
}

#[test]
fn add_working_days() {
    let o = peixun(&["calendar", "add", "2023-09-28", "5"]);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(0), "2023-10-11\n")
    );
    let o = peixun(&["calendar", "add", "2023-10-09", "-5"]);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(0), "2023-09-26\n")
    );
    let o = peixun(&["calendar", "--json", "add", "2023-10-09", "-5"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(
        (&v["date"], &v["n"], &v["result"]),
        (&"2023-10-09".into(), &(-5).into(), &"2023-09-26".into())
    );
}

#[test]
fn is_workday_exit_codes() {
    let o = peixun(&["calendar", "is-workday", "2023-10-07"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "2023-10-07 Sat: yes, make-up working day (中秋节、国庆节) / 是，调休上班\n"
    );
    let o = peixun(&["calendar", "is-workday", "2023-10-02"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "2023-10-02 Mon: no, holiday (中秋节、国庆节) / 否，放假\n"
    );
    let o = peixun(&["calendar", "is-workday", "2023-10-14"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("no, weekend"));

    let o = peixun(&["calendar", "is-workday", "2023-10-07", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["workday"], true);
    assert_eq!(v["kind"], "makeup_workday");
    assert_eq!(v["holiday"], "中秋节、国庆节");
    assert_eq!(v["assumed"], false);
    let o = peixun(&["calendar", "is-workday", "2024-02-12", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["kind"], "holiday");
}

#[test]
fn between_counts_both_ends() {
    let o = peixun(&["calendar", "between", "2023-09-01", "2023-10-31"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "39\n"));
    let o = peixun(&["calendar", "between", "2023-10-09", "2023-10-09", "--json"]);
    let v = json(&o);
    assert_eq!(
        (v["count"].as_u64(), v["inclusive"].as_bool()),
        (Some(1), Some(true))
    );
}

#[test]
fn next_and_prev() {
    let o = peixun(&["calendar", "next", "2023-09-28"]);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(0), "2023-10-07\n")
    );
    let o = peixun(&["calendar", "prev", "2023-10-09"]);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(0), "2023-10-08\n")
    );
    let o = peixun(&["calendar", "next", "2024-02-09", "--json"]);
    assert_eq!(json(&o)["result"], "2024-02-18");
    let o = peixun(&["calendar", "prev", "2024-02-18", "--json"]);
    assert_eq!(json(&o)["result"], "2024-02-09");
}

#[test]
fn unknown_year_is_bad_input() {
    let o = peixun(&["calendar", "is-workday", "2027-01-04"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("[calendar.year_unknown]"), "{err}");
    assert!(err.contains("日历没有 2027 年的放假安排"), "{err}");
    assert!(
        err.contains("the calendar has no holiday arrangement for 2027"),
        "{err}"
    );

    let o = peixun(&["calendar", "add", "2026-12-30", "5", "--json"]);
    assert_eq!(o.status.code(), Some(3));
    let v: Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    assert_eq!(v["error"]["code"], "calendar.year_unknown");
}

#[test]
fn assume_weekends_is_flagged() {
    let o = peixun(&["calendar", "--assume-weekends", "is-workday", "2027-01-04"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("2027-01-04 Mon: yes, working day"), "{out}");
    assert!(
        out.contains("assumption: calendar.assumed_weekends_only:2027"),
        "{out}"
    );

    let o = peixun(&[
        "calendar",
        "add",
        "2026-12-30",
        "3",
        "--assume-weekends",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["result"], "2027-01-04");
    assert_eq!(
        v["assumptions"],
        serde_json::json!(["calendar.assumed_weekends_only:2027"])
    );
    let o = peixun(&[
        "calendar",
        "is-workday",
        "2027-01-04",
        "--assume-weekends",
        "--json",
    ]);
    assert_eq!(json(&o)["assumed"], true);

    // Known years carry no assumption even with the option.
    let o = peixun(&[
        "calendar",
        "--assume-weekends",
        "--json",
        "next",
        "2023-09-28",
    ]);
    assert_eq!(json(&o)["assumptions"], serde_json::json!([]));
}

#[test]
fn update_loads_next_year() {
    let file = TempFile::new("2027.json", NOTICE_2027);
    let o = peixun(&[
        "calendar",
        "--update",
        file.path(),
        "is-workday",
        "2027-02-14",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "2027-02-14 Sun: yes, make-up working day (春节) / 是，调休上班\n"
    );
    assert!(stderr(&o).contains("loaded the 2027 arrangement (source: test notice)"));

    let o = peixun(&[
        "calendar",
        "next",
        "2027-02-05",
        "--update",
        file.path(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["result"], "2027-02-14");
    assert_eq!(v["updates"][0]["year"], 2027);
    assert_eq!(v["updates"][0]["replaced"], false);
    assert_eq!(v["assumptions"], serde_json::json!([]));

    // Standard input, table format, replacing a known year.
    let o = peixun_stdin(
        &[
            "calendar",
            "--update",
            "-",
            "--json",
            "is-workday",
            "2026-10-08",
        ],
        "year 2026\nsource corrected\n国庆节 off 10-01..10-07\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["workday"], true);
    assert_eq!(v["updates"][0]["replaced"], true);
}

#[test]
fn refused_update_is_bad_input() {
    let file = TempFile::new(
        "conflict.json",
        r#"{"year": 2027, "source": "s", "holidays": [{"name": "x", "off": ["2027-03-06"], "workdays": ["2027-03-06"]}]}"#,
    );
    let o = peixun(&["calendar", "--update", file.path(), "next", "2023-01-01"]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("[calendar.update_conflict] $.holidays[0].workdays[0]"),
        "{err}"
    );
    assert!(err.contains("2027-03-06"), "{err}");
    let o = peixun(&[
        "calendar",
        "--json",
        "--update",
        file.path(),
        "next",
        "2023-01-01",
    ]);
    let v: Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    assert_eq!(v["error"]["path"], "$.holidays[0].workdays[0]");

    let o = peixun(&[
        "calendar",
        "--update",
        "/nonexistent/peixun-update.json",
        "next",
        "2023-01-01",
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("[cli.read_failed]"));
}

#[test]
fn bad_arguments_are_bad_input() {
    for (args, code) in [
        (
            &["calendar", "is-workday", "2023-02-30"][..],
            "input.invalid_date",
        ),
        (
            &["calendar", "is-workday", "23-10-07"][..],
            "input.invalid_date",
        ),
        (
            &["calendar", "workdays", "2023-5"][..],
            "input.invalid_date",
        ),
        (
            &["calendar", "workdays", "2023-13"][..],
            "calendar.bad_month",
        ),
        (
            &["calendar", "add", "2023-09-28", "five"][..],
            "input.invalid_value",
        ),
        (
            &["calendar", "add", "2023-09-28", "4000"][..],
            "calendar.too_far",
        ),
        (
            &["calendar", "add", "2023-10-01", "0"][..],
            "calendar.not_a_workday",
        ),
        (
            &["calendar", "between", "2023-10-31", "2023-09-01"][..],
            "calendar.range_reversed",
        ),
    ] {
        let o = peixun(args);
        assert_eq!(o.status.code(), Some(3), "{args:?}");
        assert!(
            stderr(&o).contains(&format!("[{code}]")),
            "{args:?}: {}",
            stderr(&o)
        );
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let o = peixun(&with_json);
        assert_eq!(o.status.code(), Some(3), "{with_json:?}");
        let v: Value = serde_json::from_str(stderr(&o).trim()).unwrap();
        assert_eq!(v["error"]["code"], code, "{with_json:?}");
    }
}

#[test]
fn help_documents_exit_codes() {
    let o = peixun(&["calendar", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Exit codes:"), "{out}");
    assert!(out.contains("is-workday only: the day is not a working day"));
}
