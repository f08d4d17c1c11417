//! Money: exact yuan, half-up rounding to the fen once per line, strings only.

use peixun::money::Yuan;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn y(s: &str) -> Yuan {
    s.parse().unwrap()
}

#[test]
fn parses_and_prints_two_places() {
    for (input, shown) in [
        ("1500", "1500.00"),
        ("1500.5", "1500.50"),
        ("1500.50", "1500.50"),
        ("0", "0.00"),
        ("0.01", "0.01"),
        ("-12.3", "-12.30"),
        (" 300 ", "300.00"),
    ] {
        assert_eq!(y(input).to_string(), shown, "{input}");
    }
}

#[test]
fn refuses_what_is_not_an_amount() {
    use peixun::error::Explain;
    for (input, code) in [
        ("", "money.syntax"),
        ("abc", "money.syntax"),
        ("1,500", "money.syntax"),
        ("1500.", "money.syntax"),
        (".5", "money.syntax"),
        ("1e3", "money.syntax"),
        ("¥1500", "money.syntax"),
        ("1500.001", "money.too_precise"),
        ("1234567890123", "money.out_of_range"),
    ] {
        let err = input.parse::<Yuan>().unwrap_err();
        assert_eq!(err.code().as_str(), code, "{input}");
    }
}

#[test]
fn rounding_is_half_up_to_the_fen() {
    let cases = [
        // (exact value, rounded)
        (Decimal::new(1005, 3), "1.01"), // 1.005 → 1.01 (half goes up)
        (Decimal::new(1004, 3), "1.00"), // 1.004 → 1.00
        (Decimal::new(10049, 4), "1.00"), // 1.0049 → 1.00 (rounded once, not twice)
        (Decimal::new(-1005, 3), "-1.01"), // away from zero for a negative half
        (Decimal::new(2675, 3), "2.68"), // 2.675, a classic float trap
    ];
    for (exact, want) in cases {
        assert_eq!(
            Yuan::from_decimal(exact).round_fen().to_string(),
            want,
            "{exact}"
        );
    }
}

#[test]
fn a_line_is_rounded_once_and_totals_are_sums_of_lines() {
    // 1800 yuan a month for 3 months and 7 of 21 working days of a fourth month:
    // 1800 × (3 + 7/21) = 6000.00 exactly when computed on the exact fraction;
    // three trainees' lines summed give the claim total.
    let months = Decimal::from(3) + Decimal::from(7) / Decimal::from(21);
    let line = Yuan::from_yuan(1800).times(months).round_fen();
    assert_eq!(line.to_string(), "6000.00");
    // 1000 / 3 per person: each line is 333.33, the total of three lines 999.99.
    let third = Yuan::from_decimal(Decimal::from(1000) / Decimal::from(3)).round_fen();
    let total: Yuan = [third, third, third].into_iter().sum();
    assert_eq!(third.to_string(), "333.33");
    assert_eq!(total.to_string(), "999.99");
}

#[test]
fn json_reads_strings_and_refuses_numbers() {
    let v: Yuan = serde_json::from_str("\"1500.00\"").unwrap();
    assert_eq!(serde_json::to_string(&v).unwrap(), "\"1500.00\"");
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Line {
        amount: Yuan,
    }
    for bad in [r#"{"amount": 1500.5}"#, r#"{"amount": 1500}"#] {
        let err = peixun::input::from_json::<Line>(bad, 1024).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("input.invalid_money", "$.amount"),
            "{bad}"
        );
    }
    let err = peixun::input::from_json::<Line>(r#"{"amount": "15.001"}"#, 1024).unwrap_err();
    assert_eq!(err.code.as_str(), "input.invalid_money");
    assert!(err.detail.contains("two decimal places"), "{}", err.detail);
}

#[test]
fn fen_round_trip() {
    assert_eq!(Yuan::from_fen(150_001).fen(), 150_001);
    assert_eq!(y("0.10").fen(), 10);
    assert_eq!(y("-3.07").fen(), -307);
}

proptest! {
    #[test]
    fn any_fen_amount_prints_and_parses_back(fen in -10_000_000_000i64..10_000_000_000i64) {
        let a = Yuan::from_fen(fen);
        let text = a.to_string();
        prop_assert_eq!(text.parse::<Yuan>().unwrap(), a);
        prop_assert_eq!(a.fen(), fen);
    }

    #[test]
    fn rounding_is_within_half_a_fen(mantissa in -1_000_000_000i64..1_000_000_000i64, scale in 0u32..6) {
        let exact = Decimal::new(mantissa, scale);
        let rounded = Yuan::from_decimal(exact).round_fen().decimal();
        prop_assert!((rounded - exact).abs() <= Decimal::new(5, 3));
        prop_assert!(rounded.scale() <= 2);
    }
}
