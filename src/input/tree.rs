//! A JSON document held in memory with its object keys in the order written.
//!
//! Every document is read in two steps: the text becomes a [`Node`] (only
//! JSON syntax can fail here, reported as `input.malformed_json`), then the
//! node becomes the engine's type through [`super::de`], which knows the path
//! of every value. One reader for every type keeps the WebAssembly small: each
//! type's deserialiser is compiled once, for this tree, instead of once per
//! JSON source.

use std::borrow::Cow;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// How deep a document may nest (serde_json stops text at the same depth).
pub(crate) const MAX_DEPTH: u32 = 128;

/// A JSON value. Strings borrow from the text they were read from when they
/// hold no escapes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Node<'a> {
    #[default]
    Null,
    Bool(bool),
    /// A whole number of zero or more.
    Unsigned(u64),
    /// A negative whole number.
    Signed(i64),
    /// Any other (finite) number.
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    /// An object, keys in document order. A repeated key is kept twice: the
    /// type that reads the object decides (a struct refuses a repeated field).
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// Reads JSON text (see [`super::json`]): the error says what is wrong,
    /// with its line and column.
    pub(crate) fn parse(text: &'a str) -> Result<Node<'a>, super::json::SyntaxError> {
        super::json::parse(text)
    }

    /// The entries of an object; anything else is a type error (`expected a map`).
    pub(crate) fn into_entries<E: de::Error>(self) -> Result<Entries<'a>, E> {
        match self {
            Node::Map(entries) => Ok(entries),
            other => Err(E::invalid_type(other.unexpected(), &"a map")),
        }
    }

    /// The string, if this is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as serde_json holds it (keys sorted, a repeated key once).
    pub(crate) fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Unsigned(n) => Value::from(*n),
            Node::Signed(n) => Value::from(*n),
            Node::Float(f) => Value::from(*f),
            Node::Str(s) => Value::String(s.to_string()),
            Node::Seq(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// What serde calls this value in a type error ("invalid type: map, …").
    pub(crate) fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            Node::Null => de::Unexpected::Unit,
            Node::Bool(b) => de::Unexpected::Bool(*b),
            Node::Unsigned(n) => de::Unexpected::Unsigned(*n),
            Node::Signed(n) => de::Unexpected::Signed(*n),
            Node::Float(f) => de::Unexpected::Float(*f),
            Node::Str(s) => de::Unexpected::Str(s),
            Node::Seq(_) => de::Unexpected::Seq,
            Node::Map(_) => de::Unexpected::Map,
        }
    }
}

/// An object's entries in document order.
pub(crate) type Entries<'a> = Vec<(Cow<'a, str>, Node<'a>)>;

/// Removes the first entry named `key` and gives its value.
pub(crate) fn take(entries: &mut Entries<'_>, key: &str) -> Option<Node<'static>> {
    let i = entries.iter().position(|(k, _)| k == key)?;
    Some(entries.remove(i).1.into_owned())
}

impl Node<'_> {
    /// The same value, owning its strings.
    pub(crate) fn into_owned(self) -> Node<'static> {
        match self {
            Node::Null => Node::Null,
            Node::Bool(b) => Node::Bool(b),
            Node::Unsigned(n) => Node::Unsigned(n),
            Node::Signed(n) => Node::Signed(n),
            Node::Float(f) => Node::Float(f),
            Node::Str(s) => Node::Str(Cow::Owned(s.into_owned())),
            Node::Seq(items) => Node::Seq(items.into_iter().map(Node::into_owned).collect()),
            Node::Map(entries) => Node::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }
}

/// Compact JSON, as in an error message (`not "x"`, `not 5`).
impl std::fmt::Display for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}", self.to_value())
    }
}

impl From<serde_json::Value> for Node<'static> {
    fn from(v: serde_json::Value) -> Self {
        use serde_json::Value;
        match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Node::Unsigned(u),
                (None, Some(i)) => Node::Signed(i),
                // serde_json numbers are finite; 0.0 cannot be reached.
                (None, None) => Node::Float(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => Node::Str(Cow::Owned(s)),
            Value::Array(items) => Node::Seq(items.into_iter().map(Node::from).collect()),
            Value::Object(map) => Node::Map(
                map.into_iter()
                    .map(|(k, v)| (Cow::Owned(k), Node::from(v)))
                    .collect(),
            ),
        }
    }
}

/// Buffers whatever value comes next (used by hand-written `Deserialize`
/// impls that look at a field before choosing the type of the rest).
impl<'de: 'a, 'a> Deserialize<'de> for Node<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        NodeSeed { depth: 0 }.deserialize(d)
    }
}

struct NodeSeed {
    depth: u32,
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(format!(
                "nested more than {MAX_DEPTH} levels deep"
            )));
        }
        d.deserialize_any(NodeVisitor { depth: self.depth })
    }
}

struct NodeVisitor {
    depth: u32,
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(match u64::try_from(v) {
            Ok(u) => Node::Unsigned(u),
            Err(_) => Node::Signed(v),
        })
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node<'de>, E> {
        if v.is_finite() {
            Ok(Node::Float(v))
        } else {
            Err(E::custom(format!(
                "invalid value: floating point `{}`, expected a finite number",
                super::float_text(v)
            )))
        }
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        NodeSeed { depth: self.depth }.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element_seed(NodeSeed {
            depth: self.depth + 1,
        })? {
            out.push(v);
        }
        Ok(Node::Seq(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value_seed(NodeSeed {
                depth: self.depth + 1,
            })?;
            out.push((key, value));
        }
        Ok(Node::Map(out))
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// The reader [`Node::parse`] replaced: serde_json's parser driving the
/// tree's `Deserialize`. The tests hold the two to the same answers.
#[cfg(test)]
pub(crate) fn parse_with_serde_json(text: &str) -> Result<Node<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let node = NodeSeed { depth: 0 }.deserialize(&mut de)?;
    de.end()?;
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_repeats() {
        let n = Node::parse(r#"{"b": 1, "a": [true, null, -2, 1.5], "b": "x"}"#).unwrap();
        let Node::Map(entries) = n else { panic!() };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(
            entries[1].1,
            Node::Seq(vec![
                Node::Bool(true),
                Node::Null,
                Node::Signed(-2),
                Node::Float(1.5)
            ])
        );
    }

    #[test]
    fn unescaped_strings_borrow_and_escaped_ones_own() {
        let n = Node::parse(r#"["plain", "tab\t"]"#).unwrap();
        let Node::Seq(items) = n else { panic!() };
        assert!(matches!(&items[0], Node::Str(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1], Node::Str(Cow::Owned(s)) if s == "tab\t"));
    }

    #[test]
    fn syntax_errors_keep_the_position() {
        let e = Node::parse("[1, 2").unwrap_err();
        assert!(e.to_string().contains("line 1 column 5"), "{e}");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(Node::parse(&deep).is_err());
    }

    #[test]
    fn converts_from_a_serde_json_value() {
        let v = serde_json::json!({"n": -3, "u": 7, "f": 0.5});
        let Node::Map(entries) = Node::from(v) else {
            panic!()
        };
        assert_eq!(
            entries,
            vec![
                (Cow::Borrowed("f"), Node::Float(0.5)),
                (Cow::Borrowed("n"), Node::Signed(-3)),
                (Cow::Borrowed("u"), Node::Unsigned(7)),
            ]
        );
    }
}
