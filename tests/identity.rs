//! Resident ID numbers, unified social credit codes and masking, against the
//! shared reference data (`../shared/data/cn_id_uscc_rules.json`) and properties.
//!
//! Check characters in the property tests are computed here from the weights and
//! tables of the reference data, not with the crate's own functions.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use peixun::error::Explain;
use peixun::identity::{
    check_credit_code, check_resident_id, credit_code_check_character, mask_id, province_name,
    upgrade_15, IdError, IdKind, MaskRule, Sex,
};
use proptest::prelude::*;
use serde_json::Value;

const RULES_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/cn_id_uscc_rules.json"
);
const PROVINCES_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/cn_province_codes.json"
);

fn rules() -> &'static Value {
    static RULES: OnceLock<Value> = OnceLock::new();
    RULES.get_or_init(|| {
        let text = std::fs::read_to_string(RULES_PATH).expect("reference data readable");
        serde_json::from_str(&text).expect("reference data is JSON")
    })
}

fn id_rules() -> &'static Value {
    &rules()["citizen_id_GB11643_1999"]
}

fn uscc_rules() -> &'static Value {
    &rules()["uscc_GB32100_2015"]
}

fn weights(section: &Value, key: &str) -> Vec<u32> {
    section[key]
        .as_array()
        .expect("weights")
        .iter()
        .map(|w| w.as_u64().expect("weight") as u32)
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

/// The MOD 11-2 check character from the reference weights and table.
fn reference_id_check(first_17: &str) -> char {
    let w = weights(id_rules(), "weights_pos1_to_17");
    let sum: u32 = first_17
        .chars()
        .zip(&w)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let table = &id_rules()["check_char_by_sum_mod_11"];
    let c = table[(sum % 11).to_string()].as_str().unwrap();
    c.chars().next().unwrap()
}

fn alphabet() -> Vec<char> {
    uscc_rules()["alphabet"].as_str().unwrap().chars().collect()
}

/// The GB 32100 check character from the reference weights and alphabet.
fn reference_uscc_check(first_17: &str) -> char {
    let a = alphabet();
    let w = weights(uscc_rules(), "weights_pos1_to_17");
    let sum: u32 = first_17
        .chars()
        .zip(&w)
        .map(|(c, w)| a.iter().position(|x| *x == c).unwrap() as u32 * w)
        .sum();
    let c = 31 - sum % 31;
    a[if c == 31 { 0 } else { c as usize }]
}

// ---------------------------------------------------------------------------
// Reference examples

#[test]
fn reference_weights_agree_with_their_formulas() {
    let w = weights(id_rules(), "weights_pos1_to_17");
    for (i, w) in w.iter().enumerate() {
        assert_eq!(*w, (1u64 << (17 - i)) as u32 % 11, "ID weight {}", i + 1);
    }
    let w = weights(uscc_rules(), "weights_pos1_to_17");
    for (i, w) in w.iter().enumerate() {
        assert_eq!(*w, 3u64.pow(i as u32) as u32 % 31, "USCC weight {}", i + 1);
    }
}

#[test]
fn valid_resident_id_examples_pass() {
    for number in strings(&id_rules()["valid_examples"]) {
        let id = check_resident_id(&number).unwrap_or_else(|e| panic!("{number}: {e}"));
        assert_eq!(id.number(), number);
        assert!(!id.upgraded_from_15());
        assert_eq!(id.kind(), IdKind::Citizen);
        assert_eq!(id.province_code(), &number[..2]);
        let date = NaiveDate::parse_from_str(&number[6..14], "%Y%m%d").unwrap();
        assert_eq!(id.birth_date(), date);
        let odd = number.as_bytes()[16] % 2 == 1;
        assert_eq!(id.sex(), if odd { Sex::Male } else { Sex::Female });
    }
}

#[test]
fn valid_resident_id_examples_read_correctly() {
    let id = check_resident_id("11010519491231002X").unwrap();
    assert_eq!(
        (id.birth_date().to_string(), id.sex(), id.province_name()),
        ("1949-12-31".into(), Sex::Female, Some("北京市"))
    );
    let id = check_resident_id("440524188001010014").unwrap();
    assert_eq!(
        (id.birth_date().to_string(), id.sex(), id.province_name()),
        ("1880-01-01".into(), Sex::Male, Some("广东省"))
    );
    assert_eq!(id.address_code(), "440524");
}

#[test]
fn invalid_resident_id_examples_fail_with_their_codes() {
    let expected: BTreeMap<&str, &str> = [
        ("110101202311012171", "id.check_character"),
        ("11010519491231002Y", "id.characters"),
        // A bad check character too, but the date is checked first.
        ("110105194902300021", "id.birth_date"),
    ]
    .into_iter()
    .collect();
    let examples = id_rules()["invalid_examples"].as_object().unwrap();
    let keys: Vec<&str> = examples.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        expected.keys().copied().collect::<Vec<_>>(),
        "every invalid example has an expected code"
    );
    for (number, code) in expected {
        let err = check_resident_id(number).unwrap_err();
        assert_eq!(err.code().as_str(), code, "{number}");
    }
    assert_eq!(
        check_resident_id("11010519491231002Y").unwrap_err(),
        IdError::Character {
            position: 18,
            found: 'Y',
            length: 18
        }
    );
    assert_eq!(
        check_resident_id("110101202311012171").unwrap_err(),
        IdError::CheckCharacter {
            expected: '6',
            found: '1'
        }
    );
}

#[test]
fn upgrade_examples_convert() {
    let examples = id_rules()["upgrade_example"].as_object().unwrap();
    assert!(!examples.is_empty());
    for (old, new) in examples {
        let new = new.as_str().unwrap();
        assert_eq!(upgrade_15(old).unwrap(), new);
        let id = check_resident_id(old).unwrap();
        assert_eq!(id.number(), new);
        assert!(id.upgraded_from_15());
        assert!(!check_resident_id(new).unwrap().upgraded_from_15());
    }
}

#[test]
fn valid_credit_code_examples_pass_and_their_organisation_codes_are_consistent() {
    for code in strings(&uscc_rules()["valid_examples"]) {
        let c = check_credit_code(&code).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(c.code(), code);
        assert_eq!(c.division_code(), &code[2..8]);
        assert_eq!(c.organisation_code(), &code[8..17]);
        // Finding: both reference examples carry a GB 11714-consistent organisation code.
        assert!(c.organisation_code_consistent(), "{code}");
    }
    let c = check_credit_code("91350100M000100Y43").unwrap();
    assert_eq!(c.registration_authority_name(), Some("工商(市场监管)"));
    assert_eq!(c.category_name(), Some("企业"));
    assert_eq!(c.province_name(), Some("福建省"));
    let c = check_credit_code("91110108551385082Q").unwrap();
    assert_eq!(
        (c.province_code(), c.province_name()),
        ("11", Some("北京市"))
    );
}

#[test]
fn invalid_credit_code_examples_fail_with_their_codes() {
    let expected: BTreeMap<&str, &str> = [("91350100M000100Y4A", "uscc.check_character")]
        .into_iter()
        .collect();
    let examples = uscc_rules()["invalid_examples"].as_object().unwrap();
    let keys: Vec<&str> = examples.keys().map(String::as_str).collect();
    assert_eq!(keys, expected.keys().copied().collect::<Vec<_>>());
    for (code, err_code) in expected {
        assert_eq!(
            check_credit_code(code).unwrap_err().code(),
            err_code,
            "{code}"
        );
    }
}

#[test]
fn authority_and_category_tables_match_the_reference() {
    let authorities = uscc_rules()["registration_authority"].as_object().unwrap();
    let categories = uscc_rules()["organisation_category"].as_object().unwrap();
    for (a, name) in authorities {
        for (c, cat_name) in categories[a].as_object().unwrap() {
            let first_17 = format!("{a}{c}110108000000000");
            let code = format!("{first_17}{}", reference_uscc_check(&first_17));
            let parsed = check_credit_code(&code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(
                parsed.registration_authority_name(),
                name.as_str(),
                "{code}"
            );
            assert_eq!(parsed.category_name(), cat_name.as_str(), "{code}");
        }
    }
    // Unknown authorities and categories are accepted, without a name.
    let first_17 = "B1110108000000000";
    let code = format!("{first_17}{}", reference_uscc_check(first_17));
    let parsed = check_credit_code(&code).unwrap();
    assert_eq!(parsed.registration_authority_name(), None);
    assert_eq!(parsed.category_name(), None);
}

#[test]
fn province_table_matches_the_reference() {
    let text = std::fs::read_to_string(PROVINCES_PATH).unwrap();
    let provinces: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    assert_eq!(provinces.len(), peixun::identity::PROVINCES.len());
    for (code, name) in &provinces {
        assert_eq!(province_name(code), Some(name.as_str()));
    }
    let in_rules = rules()["province_codes_GB_T_2260"].as_object().unwrap();
    assert_eq!(in_rules.len(), provinces.len());
}

// ---------------------------------------------------------------------------
// Particular cases

#[test]
fn trims_and_normalises_lower_case_x() {
    let id = check_resident_id("\u{3000} 11010519491231002x\t\n").unwrap();
    assert_eq!(id.number(), "11010519491231002X");
    let c = check_credit_code(" 91350100m000100y43 ").unwrap();
    assert_eq!(c.code(), "91350100M000100Y43");
}

#[test]
fn length_is_counted_in_characters() {
    for (s, found) in [
        ("", 0),
        ("123", 3),
        ("1101051949123100", 16),
        ("1101051949123100211", 19),
    ] {
        assert_eq!(
            check_resident_id(s).unwrap_err(),
            IdError::Length {
                found,
                legacy_only: false
            }
        );
    }
    // Eighteen characters, one of them not ASCII: a character error, not a length error.
    assert_eq!(
        check_resident_id("11010519491231002一").unwrap_err(),
        IdError::Character {
            position: 18,
            found: '一',
            length: 18
        }
    );
    assert_eq!(check_credit_code("9135").unwrap_err().code(), "uscc.length");
}

#[test]
fn characters_name_their_position() {
    let err = check_resident_id("1101051949123100X2").unwrap_err();
    assert_eq!(
        err,
        IdError::Character {
            position: 17,
            found: 'X',
            length: 18
        }
    );
    assert!(err.message_en().contains("character 17"));
    assert!(err.message_zh().contains("第17位"));
    let err = check_resident_id("4405248001010a1").unwrap_err();
    assert_eq!(
        err,
        IdError::Character {
            position: 14,
            found: 'a',
            length: 15
        }
    );
    for bad in ['I', 'O', 'S', 'V', 'Z', '-'] {
        let code = format!("9135010{bad}M000100Y43");
        let err = check_credit_code(&code).unwrap_err();
        assert_eq!(
            err,
            IdError::CreditCodeCharacter {
                position: 8,
                found: bad
            }
        );
        assert!(err.message_en().contains("character 8"));
    }
}

#[test]
fn birth_dates_must_exist_and_not_be_too_early() {
    let with_check = |first_17: &str| format!("{first_17}{}", reference_id_check(first_17));
    // 2000 was a leap year, 1900 was not.
    assert!(check_resident_id(&with_check("11010520000229001")).is_ok());
    for first_17 in [
        "11010519000229001",
        "11010519491301001",
        "11010519491200001",
        "11010517991231001",
        "11010500000101001",
    ] {
        let err = check_resident_id(&with_check(first_17)).unwrap_err();
        assert_eq!(err.code().as_str(), "id.birth_date", "{first_17}");
    }
    assert!(check_resident_id(&with_check("11010518000101001")).is_ok());
    assert_eq!(
        upgrade_15("110105000229001").unwrap_err(),
        IdError::BirthDate {
            digits: "19000229".into()
        }
    );
}

#[test]
fn upgrade_refuses_other_lengths() {
    let err = upgrade_15("11010519491231002X").unwrap_err();
    assert_eq!(
        err,
        IdError::Length {
            found: 18,
            legacy_only: true
        }
    );
    assert!(err.message_en().contains("15-digit"));
}

#[test]
fn unknown_address_codes_are_accepted() {
    let first_17 = "99999919900101001";
    let number = format!("{first_17}{}", reference_id_check(first_17));
    let id = check_resident_id(&number).unwrap();
    assert_eq!(id.province_name(), None);
    let first_17 = "00000019900101002";
    let number = format!("{first_17}{}", reference_id_check(first_17));
    let id = check_resident_id(&number).unwrap();
    assert_eq!((id.province_code(), id.province_name()), ("00", None));
    assert_eq!(id.kind(), IdKind::Citizen);
}

#[test]
fn permits_and_permanent_residence_ids() {
    let with_check = |first_17: &str| format!("{first_17}{}", reference_id_check(first_17));
    let cases = [
        (
            "81000019900101001",
            IdKind::HongKongResident,
            Some("香港特别行政区"),
        ),
        (
            "82000019900101001",
            IdKind::MacaoResident,
            Some("澳门特别行政区"),
        ),
        ("83000019900101001", IdKind::TaiwanResident, None),
        ("91184019900101001", IdKind::ForeignPermanentResident, None),
        ("71000019900101001", IdKind::Citizen, Some("台湾省")),
    ];
    for (first_17, kind, province) in cases {
        let id = check_resident_id(&with_check(first_17)).unwrap();
        assert_eq!(id.kind(), kind, "{first_17}");
        assert_eq!(id.province_name(), province, "{first_17}");
        assert_eq!(
            id.is_residence_permit(),
            matches!(first_17.get(..2), Some("81" | "82" | "83"))
        );
        assert_eq!(
            id.is_foreign_permanent_resident(),
            first_17.starts_with('9')
        );
    }
    // The 15-digit form predates permits: a converted number is a citizen's.
    let id = check_resident_id("810000900101001").unwrap();
    assert_eq!(id.kind(), IdKind::Citizen);
}

#[test]
fn an_inconsistent_organisation_code_is_reported_not_refused() {
    // Position 17 changed from 4 to 5, position 18 recomputed.
    let first_17 = "91350100M000100Y5";
    let code = format!("{first_17}{}", reference_uscc_check(first_17));
    let c = check_credit_code(&code).unwrap();
    assert!(!c.organisation_code_consistent());
}

#[test]
fn every_error_explains_itself_in_both_languages() {
    let errors = [
        check_resident_id("123").unwrap_err(),
        upgrade_15("123").unwrap_err(),
        check_resident_id("11010519491231002Y").unwrap_err(),
        check_resident_id("1101051949123100a2").unwrap_err(),
        check_resident_id("110105194902300021").unwrap_err(),
        check_resident_id("110101202311012171").unwrap_err(),
        check_credit_code("913501").unwrap_err(),
        check_credit_code("91350100M000100O43").unwrap_err(),
        check_credit_code("91350100M000100Y4A").unwrap_err(),
    ];
    let mut codes: Vec<&str> = errors.iter().map(|e| e.code().as_str()).collect();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "id.length",
            "id.characters",
            "id.birth_date",
            "id.check_character",
            "uscc.length",
            "uscc.characters",
            "uscc.check_character"
        ]
    );
    for e in &errors {
        let p = e.problem();
        assert_eq!(p.path, "$");
        assert!(!p.message_en.is_empty() && p.message_en.is_ascii(), "{p}");
        assert!(!p.message_zh.is_ascii(), "{p}");
        assert_eq!(e.to_string(), format!("[{}] {}", p.code, p.message_en));
    }
    let e = check_credit_code("91350100M000100Y4A").unwrap_err();
    assert!(e.message_en().contains("give 3") && e.message_zh().contains("“3”"));
}

// ---------------------------------------------------------------------------
// Properties

fn birth_dates(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    let days = (to - from).num_days();
    (0..=days).prop_map(move |d| from + Duration::days(d))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

prop_compose! {
    /// A valid 18-character number: any address code, a valid birth date, any
    /// sequence, the computed check character.
    fn valid_ids()(
        address in 0u32..1_000_000,
        birth in birth_dates(ymd(1800, 1, 1), ymd(2099, 12, 31)),
        sequence in 0u32..1000,
    ) -> (String, NaiveDate) {
        let first_17 = format!("{address:06}{}{sequence:03}", birth.format("%Y%m%d"));
        (format!("{first_17}{}", reference_id_check(&first_17)), birth)
    }
}

prop_compose! {
    /// A valid unified social credit code: 17 random symbols and the check.
    fn valid_credit_codes()(indices in proptest::collection::vec(0usize..31, 17)) -> String {
        let a = alphabet();
        let first_17: String = indices.iter().map(|&i| a[i]).collect();
        format!("{first_17}{}", reference_uscc_check(&first_17))
    }
}

fn replace_at(s: &str, position: usize, c: char) -> String {
    s.chars()
        .enumerate()
        .map(|(i, x)| if i == position { c } else { x })
        .collect()
}

proptest! {
    #[test]
    fn generated_ids_are_valid_and_read_back((number, birth) in valid_ids()) {
        let id = check_resident_id(&number).unwrap();
        prop_assert_eq!(id.number(), number.as_str());
        prop_assert_eq!(id.birth_date(), birth);
        let odd = number.as_bytes()[16] % 2 == 1;
        prop_assert_eq!(id.sex(), if odd { Sex::Male } else { Sex::Female });
        prop_assert_eq!(id.province_code(), &number[..2]);
        prop_assert_eq!(id.age_on(birth), Some(0));
        let next_year = birth.with_year(birth.year() + 1).unwrap_or(birth + Duration::days(366));
        prop_assert_eq!(id.age_on(next_year), Some(1));
        prop_assert_eq!(id.age_on(next_year - Duration::days(1)), Some(0));
        if number.ends_with('X') {
            let lower = number.to_lowercase();
            prop_assert_eq!(check_resident_id(&lower).unwrap().number().to_owned(), number.clone());
        }
    }

    #[test]
    fn changing_one_id_character_is_caught(
        (number, _) in valid_ids(),
        position in 0usize..18,
        pick in 0usize..10,
    ) {
        let allowed: Vec<char> = if position == 17 { "0123456789X" } else { "0123456789" }
            .chars()
            .collect();
        let original = number.chars().nth(position).unwrap();
        let others: Vec<char> = allowed.into_iter().filter(|c| *c != original).collect();
        let changed = replace_at(&number, position, others[pick % others.len()]);
        let err = check_resident_id(&changed).unwrap_err();
        if (6..14).contains(&position) {
            prop_assert!(matches!(err.code().as_str(), "id.birth_date" | "id.check_character"), "{}", err);
        } else {
            prop_assert_eq!(err.code().as_str(), "id.check_character");
        }
    }

    #[test]
    fn a_disallowed_id_character_is_named(
        (number, _) in valid_ids(),
        position in 0usize..18,
        bad in proptest::sample::select(vec!['A', 'Y', '-', '.', ' ', '一', '０', '\u{3000}']),
    ) {
        let changed = replace_at(&number, position, bad);
        let err = check_resident_id(&changed).unwrap_err();
        // A space at either end is trimmed away, leaving 17 characters.
        if (position == 0 || position == 17) && bad.is_whitespace() {
            prop_assert_eq!(err.code().as_str(), "id.length");
        } else {
            prop_assert_eq!(err, IdError::Character { position: position + 1, found: bad, length: 18 });
        }
    }

    #[test]
    fn old_numbers_round_trip(
        address in 0u32..1_000_000,
        birth in birth_dates(ymd(1900, 1, 1), ymd(1999, 12, 31)),
        sequence in 0u32..1000,
    ) {
        let old = format!("{address:06}{}{sequence:03}", birth.format("%y%m%d"));
        let new = upgrade_15(&old).unwrap();
        prop_assert_eq!(new.len(), 18);
        prop_assert_eq!(&new[6..8], "19");
        prop_assert_eq!(format!("{}{}", &new[..6], &new[8..17]), old.clone());
        prop_assert_eq!(new.chars().last().unwrap(), reference_id_check(&new[..17]));
        let from_old = check_resident_id(&old).unwrap();
        let from_new = check_resident_id(&new).unwrap();
        prop_assert!(from_old.upgraded_from_15() && !from_new.upgraded_from_15());
        prop_assert_eq!(from_old.number(), from_new.number());
        prop_assert_eq!(from_old.birth_date(), birth);
        prop_assert_eq!(from_old.sex(), from_new.sex());
    }

    #[test]
    fn generated_credit_codes_are_valid(code in valid_credit_codes()) {
        let c = check_credit_code(&code).unwrap();
        prop_assert_eq!(c.code(), code.as_str());
        prop_assert_eq!(credit_code_check_character(&code[..17]), code.chars().last());
        let lower = code.to_lowercase();
        prop_assert_eq!(check_credit_code(&lower).unwrap().code().to_owned(), code.clone());
    }

    #[test]
    fn changing_one_credit_code_character_is_caught(
        code in valid_credit_codes(),
        position in 0usize..18,
        pick in 0usize..30,
    ) {
        let original = code.chars().nth(position).unwrap();
        let others: Vec<char> = alphabet().into_iter().filter(|c| *c != original).collect();
        let changed = replace_at(&code, position, others[pick]);
        prop_assert_eq!(check_credit_code(&changed).unwrap_err().code(), "uscc.check_character");
    }

    #[test]
    fn a_letter_outside_the_alphabet_is_named(
        code in valid_credit_codes(),
        position in 0usize..18,
        bad in proptest::sample::select(vec!['I', 'O', 'S', 'V', 'Z', 'i', 'o', 's', 'v', 'z', '-', '〇']),
    ) {
        let changed = replace_at(&code, position, bad);
        let err = check_credit_code(&changed).unwrap_err();
        let shown = bad.to_ascii_uppercase();
        prop_assert_eq!(err, IdError::CreditCodeCharacter { position: position + 1, found: shown });
    }

    #[test]
    fn masking_keeps_length_and_always_hides_something(
        s in "[0-9A-Za-z 一-龥Üé]{0,40}",
        head in 0usize..30,
        tail in 0usize..30,
    ) {
        let masked = MaskRule::new(head, tail).mask(&s);
        let n = s.chars().count();
        prop_assert_eq!(masked.chars().count(), n);
        let stars = masked.chars().filter(|c| *c == '*').count();
        // Every character is either kept or replaced by a star.
        for (m, c) in masked.chars().zip(s.chars()) {
            prop_assert!(m == c || m == '*');
        }
        if head + tail < n {
            prop_assert_eq!(stars, n - head - tail);
            let start: String = s.chars().take(head).collect();
            prop_assert!(masked.starts_with(&start));
            let end: String = s.chars().skip(n - tail).collect();
            prop_assert!(masked.ends_with(&end));
        } else if n > 0 {
            prop_assert!(stars >= 1 && stars + 2 >= n);
        }
    }
}

// ---------------------------------------------------------------------------
// Masking

#[test]
fn masking_cases() {
    let id = "11010519491231002X";
    assert_eq!(MaskRule::default().mask(id), "110105********002X");
    assert_eq!(mask_id(id), "110105********002X");
    // The two-and-three form from the reference data.
    assert_eq!(MaskRule::new(2, 3).mask(id), "11*************02X");
    assert_eq!(MaskRule::new(0, 0).mask(id), "*".repeat(18));
    assert_eq!(MaskRule::new(17, 0).mask(id), "11010519491231002*");
    // The rule would show everything: keep one character at each end at most.
    assert_eq!(MaskRule::new(18, 0).mask(id), "1*****************");
    assert_eq!(MaskRule::new(9, 9).mask(id), "1****************X");
    assert_eq!(MaskRule::new(usize::MAX, usize::MAX).mask("abcd"), "a**d");
    // Short strings.
    assert_eq!(MaskRule::default().mask(""), "");
    assert_eq!(MaskRule::default().mask("a"), "*");
    assert_eq!(MaskRule::default().mask("ab"), "**");
    assert_eq!(MaskRule::default().mask("abc"), "a*c");
    assert_eq!(MaskRule::new(0, 5).mask("abc"), "**c");
    assert_eq!(MaskRule::new(5, 0).mask("abc"), "a**");
    // Characters, not bytes.
    assert_eq!(MaskRule::new(1, 1).mask("欧阳娜娜"), "欧**娜");
    assert_eq!(MaskRule::default().mask("张三"), "**");
    assert_eq!(MaskRule::new(1, 0).mask("Ünïcødé"), "Ü******");
}

#[test]
fn mask_rule_is_a_policy_parameter() {
    let rule: MaskRule = serde_json::from_str(r#"{ "head": 6, "tail": 4 }"#).unwrap();
    assert_eq!(rule, MaskRule::default());
    assert_eq!(
        serde_json::to_value(MaskRule::new(2, 3)).unwrap(),
        serde_json::json!({ "head": 2, "tail": 3 })
    );
    let err = peixun::input::from_json::<MaskRule>(r#"{ "head": 6, "tail": 4, "char": "x" }"#, 100)
        .unwrap_err();
    assert_eq!(err.code.as_str(), "input.unknown_field");
    let err =
        peixun::input::from_json::<MaskRule>(r#"{ "head": -1, "tail": 4 }"#, 100).unwrap_err();
    assert_eq!(err.path, "$.head");
    let err = peixun::input::from_json::<MaskRule>(r#"{ "tail": 4 }"#, 100).unwrap_err();
    assert_eq!(err.code.as_str(), "input.missing_field");
}

// ---------------------------------------------------------------------------
// Serde helpers inside input documents

mod serde_helpers {
    use peixun::identity::{CreditCode, ResidentId};
    use peixun::input::{from_json, from_value};

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Trainee {
        #[serde(with = "peixun::identity::serde_resident_id")]
        id_number: ResidentId,
        #[serde(default, with = "peixun::identity::serde_resident_id::option")]
        guardian_id_number: Option<ResidentId>,
    }

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Class {
        #[serde(with = "peixun::identity::serde_credit_code")]
        institution: CreditCode,
        #[serde(default, with = "peixun::identity::serde_credit_code::option")]
        employer: Option<CreditCode>,
        trainees: Vec<Trainee>,
    }

    fn class(trainees: &str) -> String {
        format!(r#"{{"institution": "91350100M000100Y43", "trainees": {trainees}}}"#)
    }

    #[test]
    fn valid_numbers_read_and_write_as_strings() {
        let text = class(
            r#"[{"id_number": "11010519491231002x"}, {"id_number": "440524800101001", "guardian_id_number": null}]"#,
        );
        let c: Class = from_json(&text, 10_000).unwrap();
        assert_eq!(c.trainees[0].id_number.number(), "11010519491231002X");
        assert!(c.trainees[1].id_number.upgraded_from_15());
        assert!(c.employer.is_none());
        let out = serde_json::to_value(&c).unwrap();
        assert_eq!(out["trainees"][1]["id_number"], "440524198001010013");
        assert_eq!(out["institution"], "91350100M000100Y43");
        assert_eq!(out["employer"], serde_json::Value::Null);
    }

    #[test]
    fn an_invalid_id_number_has_its_code_and_path() {
        let text = class(r#"[{"id_number": "110101202311012171"}]"#);
        let err = from_json::<Class>(&text, 10_000).unwrap_err();
        assert_eq!(err.code.as_str(), "input.invalid_id_number");
        assert_eq!(err.path, "$.trainees[0].id_number");
        assert!(err.detail.contains("id.check_character"), "{}", err.detail);
        assert!(!err.detail.contains(" at line "));

        let text = class(
            r#"[{"id_number": "11010519491231002X"}, {"id_number": "11010519491231002X", "guardian_id_number": "123"}]"#,
        );
        let err = from_json::<Class>(&text, 10_000).unwrap_err();
        assert_eq!(err.code.as_str(), "input.invalid_id_number");
        assert_eq!(err.path, "$.trainees[1].guardian_id_number");
        assert!(err.detail.contains("id.length"));

        let value = serde_json::json!({"institution": "91350100M000100Y43",
            "trainees": [{"id_number": "110105194902300021"}]});
        let err = from_value::<Class>(value).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("input.invalid_id_number", "$.trainees[0].id_number")
        );
        assert!(err.detail.contains("id.birth_date"));
    }

    #[test]
    fn an_id_number_given_as_a_json_number_is_a_type_error() {
        let text = class(r#"[{"id_number": 110101202311012176}]"#);
        let err = from_json::<Class>(&text, 10_000).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("input.wrong_type", "$.trainees[0].id_number")
        );
    }

    #[test]
    fn an_invalid_credit_code_has_its_code_and_path() {
        let text = r#"{"institution": "91350100M000100Y4A", "trainees": []}"#;
        let err = from_json::<Class>(text, 10_000).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("input.invalid_credit_code", "$.institution")
        );
        assert!(err.detail.contains("uscc.check_character"));
        let text = r#"{"institution": "91350100M000100Y43", "employer": "91350100M000100O43", "trainees": []}"#;
        let err = from_json::<Class>(text, 10_000).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("input.invalid_credit_code", "$.employer")
        );
        assert!(err.detail.contains("uscc.characters"));
    }
}
