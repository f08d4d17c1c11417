//! The direct writer against the reference (`to_value` + sorted `Value`
//! writer) and against serde_json's own string escaping.

use super::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Same bytes as the reference, or both refuse.
#[track_caller]
fn same<T: Serialize + ?Sized>(value: &T) -> String {
    let ours = try_to_string(value).expect("the direct writer writes it");
    let theirs = reference::to_string(value).expect("to_value takes it");
    assert_eq!(ours, theirs);
    ours
}

#[test]
fn strings_are_escaped_as_serde_json_escapes_them() {
    let mut tricky: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
    tricky.extend(
        [
            "",
            "a\"b\\c",
            "培训\u{2028}\u{7f}\u{feff}😀",
            "\u{1}x\u{1f}",
            "end\\",
        ]
        .map(str::to_owned),
    );
    for s in tricky {
        assert_eq!(same(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
    }
}

#[test]
fn values_are_written_with_sorted_keys_and_no_spaces() {
    let v = serde_json::json!({"b": [1, -2, true, null, "x\n"], "a": {"d": 18446744073709551615u64, "c": "é"}});
    assert_eq!(
        value_to_string(&v),
        r#"{"a":{"c":"é","d":18446744073709551615},"b":[1,-2,true,null,"x\n"]}"#
    );
}

#[derive(Serialize)]
struct Unsorted<'a> {
    zeta: u8,
    alpha: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u8>,
    mid: Vec<Inner>,
    #[serde(rename = "Alpha")]
    upper: bool,
    #[serde(flatten)]
    rest: BTreeMap<String, i64>,
}

#[derive(Serialize)]
struct Inner {
    y: i64,
    x: Kind,
}

#[derive(Serialize)]
enum Kind {
    Unit,
    New(u8),
    Tuple(u8, String),
    Struct { b: u8, a: u8 },
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Tagged {
    One { z: u8, a: u8 },
    Two(Inner),
}

#[derive(Serialize)]
struct Wrapper(Inner);

#[derive(Serialize)]
struct Empty;

#[derive(Serialize)]
struct Tup(u8, &'static str);

#[test]
fn derived_types_match_the_reference() {
    let rest = BTreeMap::from([("beta".to_owned(), -1), ("zeta2".to_owned(), 2)]);
    let v = Unsorted {
        zeta: 1,
        alpha: None,
        skipped: None,
        mid: vec![
            Inner {
                y: -5,
                x: Kind::Unit,
            },
            Inner {
                y: 0,
                x: Kind::New(3),
            },
            Inner {
                y: i64::MIN,
                x: Kind::Tuple(1, "t".into()),
            },
            Inner {
                y: i64::MAX,
                x: Kind::Struct { b: 2, a: 1 },
            },
        ],
        upper: true,
        rest,
    };
    assert_eq!(
        same(&v),
        concat!(
            r#"{"Alpha":true,"alpha":null,"beta":-1,"mid":[{"x":"Unit","y":-5},{"x":{"New":3},"y":0},"#,
            r#"{"x":{"Tuple":[1,"t"]},"y":-9223372036854775808},{"x":{"Struct":{"a":1,"b":2}},"y":9223372036854775807}],"#,
            r#""zeta":1,"zeta2":2}"#
        )
    );
    same(&Tagged::One { z: 1, a: 2 });
    same(&Tagged::Two(Inner {
        y: 1,
        x: Kind::Unit,
    }));
    same(&Wrapper(Inner {
        y: 1,
        x: Kind::New(0),
    }));
    same(&Empty);
    same(&Tup(1, "x"));
    same(&());
    same(&(1u8, "two", [3u16; 2], None::<u8>, Some('c')));
    same(&serde_bytes_like());
    same(&Vec::<u8>::new());
    same(&BTreeMap::<String, u8>::new());
}

/// `serialize_bytes` through a newtype that asks for it.
fn serde_bytes_like() -> impl Serialize {
    struct Bytes(&'static [u8]);
    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    Bytes(&[0, 7, 255])
}

#[test]
fn flattened_duplicates_keep_the_last_value() {
    #[derive(Serialize)]
    struct Dup {
        b: u8,
        a: u8,
        #[serde(flatten)]
        more: BTreeMap<&'static str, u8>,
    }
    let v = Dup {
        b: 1,
        a: 2,
        more: BTreeMap::from([("a", 9), ("b", 8), ("c", 7)]),
    };
    assert_eq!(same(&v), r#"{"a":9,"b":8,"c":7}"#);
    // Many keys (the merge sort path), repeats among them.
    #[derive(Serialize)]
    struct Flat {
        a: u8,
        #[serde(flatten)]
        more: HashMap<String, u32>,
        #[serde(flatten)]
        again: BTreeMap<String, u32>,
    }
    let more: HashMap<String, u32> = (0..40).map(|i| (format!("k{}", (i * 7) % 40), i)).collect();
    let again: BTreeMap<String, u32> = (0..40)
        .step_by(3)
        .map(|i| (format!("k{i}"), 1000 + i))
        .collect();
    let text = same(&Flat { a: 1, more, again });
    assert!(text.contains(r#""k3":1003"#), "{text}");
}

#[test]
fn map_keys_are_written_as_serde_json_writes_them() {
    same(&BTreeMap::from([(3i32, "x"), (-1, "y"), (20, "z")]));
    same(&BTreeMap::from([(u64::MAX, 1), (0, 2)]));
    same(&BTreeMap::from([(i128::MIN, 1), (i128::MAX, 2)]));
    same(&BTreeMap::from([(u128::MAX, 1)]));
    same(&BTreeMap::from([(true, 1), (false, 2)]));
    same(&BTreeMap::from([('é', 1), ('"', 2), ('\n', 3), ('a', 4)]));
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Key {
        Zed,
        Ann,
    }
    same(&BTreeMap::from([(Key::Zed, 1), (Key::Ann, 2)]));
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Named(String);
    same(&BTreeMap::from([
        (Named("b".into()), 1),
        (Named("a".into()), 2),
    ]));
    // Keys with escapes order by what they stand for: "\u001f" < " " < "!" <
    // "\"" < "#" < "\\" < "]".
    let odd: HashMap<&str, u8> = [
        "\u{1f}", " ", "!", "\"", "#", "\\", "]", "a\"", "a", "a ", "a\u{0}", "\t",
    ]
    .into_iter()
    .zip(0..)
    .collect();
    let text = same(&odd);
    assert!(
        text.starts_with(r##"{"\t":11,"\u001f":0," ":1,"!":2,"\"":3,"#"##),
        "{text}"
    );
}

#[test]
fn what_to_value_refuses_is_refused() {
    assert!(try_to_string(&i128::MAX).is_err() && reference::to_string(&i128::MAX).is_err());
    assert!(try_to_string(&u128::MAX).is_err() && reference::to_string(&u128::MAX).is_err());
    same(&i128::from(i64::MIN));
    same(&u128::from(u64::MAX));
    same(&-1i128);
    let bad_key = BTreeMap::from([(vec![1u8], 1)]);
    assert!(try_to_string(&bad_key).is_err() && reference::to_string(&bad_key).is_err());
    let unit_key = BTreeMap::from([((), 1)]);
    assert!(try_to_string(&unit_key).is_err() && reference::to_string(&unit_key).is_err());
    // Refused by the direct writer only (the engine never writes it).
    struct FloatKey;
    impl Serialize for FloatKey {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap as _;
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry(&1.5f64, &1)?;
            map.end()
        }
    }
    assert_eq!(
        try_to_string(&FloatKey).unwrap_err().to_string(),
        "float map keys are not written"
    );
    assert_eq!(reference::to_string(&FloatKey).unwrap(), r#"{"1.5":1}"#);
    assert_eq!(to_string(&[(f64::NAN, 1)]), "[[null,1]]");
    // to_string never panics: an error object instead.
    let text = to_string(&BTreeMap::from([(vec![1u8], 1)]));
    assert_eq!(
        text,
        r#"{"code":"internal.serialise","message_en":"key must be a string"}"#
    );
}

#[test]
fn floats_are_written_as_serde_json_numbers() {
    for f in [
        0.0,
        -0.0,
        1.0,
        1.5,
        -2.25e-7,
        1e300,
        f64::MIN_POSITIVE,
        f64::NAN,
        f64::INFINITY,
    ] {
        same(&f);
    }
    for f in [0.0f32, 1.1, -3.5e-3, f32::MAX, f32::NAN] {
        same(&f);
    }
}

/// A small deterministic generator for random JSON values.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a", "b", "z", "A", "0", " ", "\"", "\\", "\n", "\u{1}", "\u{1f}", "é", "培训", "😀",
            "\u{7f}", "~", "!", "_",
        ];
        (0..self.below(5))
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }
    fn value(&mut self, depth: u32) -> Value {
        match self.below(if depth == 0 { 5 } else { 7 }) {
            0 => Value::Null,
            1 => Value::Bool(self.below(2) == 1),
            2 => match self.below(3) {
                0 => Value::from(self.next()),
                1 => Value::from(self.next() as i64),
                _ => Value::from(self.below(100) as i64 - 50),
            },
            3 | 4 => Value::String(self.text()),
            5 => Value::Array((0..self.below(5)).map(|_| self.value(depth - 1)).collect()),
            _ => Value::Object(
                (0..self.below(20))
                    .map(|_| (self.text(), self.value(depth - 1)))
                    .collect(),
            ),
        }
    }
}

#[test]
fn random_values_match_the_reference() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let v = rng.value(4);
        same(&v);
        // The same entries through a hash map: written in no particular order.
        if let Value::Object(map) = &v {
            let hashed: HashMap<&String, &Value> = map.iter().collect();
            same(&hashed);
        }
    }
}

#[test]
fn normalise_sorts_and_compacts() {
    assert_eq!(
        normalise(r#"{ "b": 1, "a": [1, 2] }"#).unwrap(),
        r#"{"a":[1,2],"b":1}"#
    );
}

/// A sequence that ignores the failure of its first element and goes on.
struct Swallow;

impl Serialize for Swallow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let mut seq = s.serialize_seq(None)?;
        let _ = seq.serialize_element(&BadObject);
        seq.serialize_element(&7)?;
        seq.end()
    }
}

/// An object whose second key fails.
struct BadObject;

impl Serialize for BadObject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("x", &1)?;
        map.serialize_entry(&vec![1u8], &2)?;
        map.end()
    }
}

/// A map that ignores failed entries and misuses keys, as a hand-written
/// `Serialize` might.
struct Careless;

impl Serialize for Careless {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("c", &3)?;
        let _ = map.serialize_entry("b", &u128::MAX);
        let _ = map.serialize_entry(&(), &0);
        map.serialize_key("lonely")?;
        map.serialize_key("a")?;
        map.serialize_value(&1)?;
        map.serialize_key("never")?;
        map.end()
    }
}

#[test]
fn a_failed_element_or_entry_is_left_out_as_to_value_leaves_it() {
    #[derive(Serialize)]
    struct P {
        z: Swallow,
        a: u8,
    }
    assert_eq!(same(&P { z: Swallow, a: 1 }), r#"{"a":1,"z":[7]}"#);
    assert_eq!(same(&BTreeMap::from([("a", Swallow)])), r#"{"a":[7]}"#);
    assert_eq!(same(&[Swallow, Swallow]), "[[7],[7]]");
    assert_eq!(same(&Careless), r#"{"a":1,"c":3}"#);
    assert_eq!(same(&([Swallow], 2)), "[[[7]],2]");
}
