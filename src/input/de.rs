//! Reading a [`Node`] into the engine's types, with the JSON path of any error.
//!
//! The deserializer walks the tree it owns and keeps a chain of the keys and
//! indexes above the value it is on. When an error comes back through a value
//! that has no path yet, that value's path is written into it, so the path
//! names the deepest value where the error surfaced: `$.trainees[2].id_number`
//! for a bad ID, `$.applicant.graduaton_year` for an unknown field (its key),
//! `$.applicant` for a missing one (the object; the caller adds the field).
//!
//! Only what JSON can say is offered to visitors: an object for a struct, a
//! string for an identifier. (An array is not read as a struct, as serde_json
//! would, and byte strings never occur.)

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};

use super::tree::Node;
use super::zh;

/// Where a value sits in the document, as a chain of links built on the
/// stack while a reader descends (no allocation until a path is written).
///
/// ```
/// use peixun::input::Chain;
/// let root = Chain::Root;
/// let trainees = Chain::Key(&root, "trainees");
/// let third = Chain::Index(&trainees, 2);
/// assert_eq!(Chain::Key(&third, "id").path(), "$.trainees[2].id");
/// ```
#[derive(Clone, Copy)]
pub enum Chain<'a> {
    /// The document itself (`$`).
    Root,
    /// A member of an object.
    Key(&'a Chain<'a>, &'a str),
    /// An element of an array.
    Index(&'a Chain<'a>, usize),
}

impl Chain<'_> {
    /// The JSON path: `$`, `$.a.b[3]`, `$.claimed["DL-S1"]`.
    pub fn path(&self) -> String {
        let mut segments = Vec::new();
        let mut at = self;
        loop {
            match at {
                Chain::Root => break,
                Chain::Key(parent, key) => {
                    segments.push(Segment::Key(key));
                    at = parent;
                }
                Chain::Index(parent, i) => {
                    segments.push(Segment::Index(*i));
                    at = parent;
                }
            }
        }
        let mut out = String::from("$");
        for s in segments.iter().rev() {
            match s {
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(k) => {
                    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        out.push('.');
                        out.push_str(k);
                    } else {
                        out.push('[');
                        out.push_str(&serde_json::Value::String((*k).to_owned()).to_string());
                        out.push(']');
                    }
                }
            }
        }
        out
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// A failure to read a node: serde's message; for serde's standard errors
/// also its code, the field it names (a missing or repeated one) and its
/// Chinese wording; and, once known, its path.
#[derive(Debug)]
pub(crate) struct DeError(Box<DeErrorParts>);

/// What a [`DeError`] holds (boxed, so that every `Result` that may carry one
/// stays small and is cheap to pass up).
#[derive(Debug)]
pub(crate) struct DeErrorParts {
    pub(crate) message: String,
    pub(crate) zh: Option<String>,
    /// `input.*` code of a standard error (a custom message carries its own).
    pub(crate) code: Option<super::InputCode>,
    /// The field a missing or repeated field error names.
    pub(crate) field: Option<&'static str>,
    pub(crate) path: Option<String>,
}

impl std::ops::Deref for DeError {
    type Target = DeErrorParts;
    fn deref(&self) -> &DeErrorParts {
        &self.0
    }
}

impl std::ops::DerefMut for DeError {
    fn deref_mut(&mut self) -> &mut DeErrorParts {
        &mut self.0
    }
}

impl DeError {
    pub(crate) fn into_parts(self) -> DeErrorParts {
        *self.0
    }

    /// Gives the error the path of `chain` unless a deeper value already did.
    fn at(mut self, chain: &Chain) -> Self {
        if self.path.is_none() {
            self.path = Some(chain.path());
        }
        self
    }

    fn standard(code: super::InputCode, message: String, zh: String) -> Self {
        DeError(Box::new(DeErrorParts {
            message,
            zh: Some(zh),
            code: Some(code),
            field: None,
            path: None,
        }))
    }

    fn of_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

/// serde's messages, word for word, each with its code and its Chinese.
impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(Box::new(DeErrorParts {
            message: msg.to_string(),
            zh: None,
            code: None,
            field: None,
            path: None,
        }))
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let exp = exp.to_string();
        DeError::standard(
            super::InputCode::WrongType,
            format!("invalid type: {}, expected {exp}", unexpected_en(&unexp)),
            format!(
                "类型不符：应为{}，实际为{}",
                zh::expected(&exp),
                zh::unexpected(&unexp)
            ),
        )
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let exp = exp.to_string();
        DeError::standard(
            super::InputCode::InvalidValue,
            format!("invalid value: {}, expected {exp}", unexpected_en(&unexp)),
            format!(
                "取值无效：{}，应为{}",
                zh::unexpected(&unexp),
                zh::expected(&exp)
            ),
        )
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError::standard(
            super::InputCode::InvalidValue,
            format!("invalid length {len}, expected {exp}"),
            format!("长度 {len} 不符，应为 {exp}"),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let en = match expected {
            [] => format!("unknown variant `{variant}`, there are no variants"),
            [one] => format!("unknown variant `{variant}`, expected `{one}`"),
            [a, b] => format!("unknown variant `{variant}`, expected `{a}` or `{b}`"),
            _ => format!(
                "unknown variant `{variant}`, expected one of {}",
                list_en(expected)
            ),
        };
        DeError::standard(
            super::InputCode::InvalidValue,
            en,
            format!("未知取值 `{variant}`，可选：{}", zh::names(expected)),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let en = match expected {
            [] => format!("unknown field `{field}`, there are no fields"),
            [one] => format!("unknown field `{field}`, expected `{one}`"),
            [a, b] => format!("unknown field `{field}`, expected `{a}` or `{b}`"),
            _ => format!(
                "unknown field `{field}`, expected one of {}",
                list_en(expected)
            ),
        };
        let zh = if expected.is_empty() {
            format!("未知字段 `{field}`（此处不接受任何字段）")
        } else {
            format!("未知字段 `{field}`，可用字段：{}", zh::names(expected))
        };
        DeError::standard(super::InputCode::UnknownField, en, zh)
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::standard(
            super::InputCode::MissingField,
            format!("missing field `{field}`"),
            format!("缺少字段 `{field}`"),
        )
        .of_field(field)
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::standard(
            super::InputCode::DuplicateField,
            format!("duplicate field `{field}`"),
            format!("字段 `{field}` 重复出现"),
        )
        .of_field(field)
    }
}

/// serde's words for a value found (`integer `3``, `string "x"`), written
/// here rather than by serde's `Display`, whose float case would link the
/// standard library's float formatting (about 25 KB of WebAssembly) for
/// messages only; a float's digits come from [`super::float_text`].
pub(crate) fn unexpected_en(u: &de::Unexpected) -> String {
    use de::Unexpected as U;
    match u {
        U::Bool(b) => format!("boolean `{b}`"),
        U::Unsigned(n) => format!("integer `{n}`"),
        U::Signed(n) => format!("integer `{n}`"),
        U::Float(f) => {
            let digits = super::float_text(*f);
            // As serde writes a whole float: with its decimal point, `2.0`.
            let point = if digits.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                ".0"
            } else {
                ""
            };
            format!("floating point `{digits}{point}`")
        }
        U::Char(c) => format!("character `{c}`"),
        U::Str(s) => format!("string {s:?}"),
        U::Bytes(_) => "byte array".to_owned(),
        U::Unit => "unit value".to_owned(),
        U::Option => "Option value".to_owned(),
        U::NewtypeStruct => "newtype struct".to_owned(),
        U::Seq => "sequence".to_owned(),
        U::Map => "map".to_owned(),
        U::Enum => "enum".to_owned(),
        U::UnitVariant => "unit variant".to_owned(),
        U::NewtypeVariant => "newtype variant".to_owned(),
        U::TupleVariant => "tuple variant".to_owned(),
        U::StructVariant => "struct variant".to_owned(),
        U::Other(other) => (*other).to_owned(),
    }
}

/// `` `a`, `b`, `c` `` as serde lists names.
fn list_en(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads `T` from a node; the error carries the path where it surfaced.
pub(crate) fn from_node<T: DeserializeOwned>(node: Node<'_>) -> Result<T, DeError> {
    from_node_borrowed(node)
}

/// Like [`from_node`], for a type that borrows from the node's text.
pub(crate) fn from_node_borrowed<'de, T: serde::Deserialize<'de>>(
    node: Node<'de>,
) -> Result<T, DeError> {
    T::deserialize(NodeDe {
        node,
        at: &Chain::Root,
    })
    .map_err(|e| e.at(&Chain::Root))
}

/// A deserializer over one node, which it owns.
struct NodeDe<'a, 'de> {
    node: Node<'de>,
    at: &'a Chain<'a>,
}

impl<'a, 'de> NodeDe<'a, 'de> {
    fn wrong_type<V: Visitor<'de>>(&self, visitor: &V) -> DeError {
        de::Error::invalid_type(self.node.unexpected(), visitor)
    }
}

fn visit_seq<'a, 'de, V: Visitor<'de>>(
    items: Vec<Node<'de>>,
    at: &'a Chain<'a>,
    visitor: V,
) -> Result<V::Value, DeError> {
    let len = items.len();
    let mut seq = SeqDe {
        items: items.into_iter(),
        index: 0,
        at,
    };
    let value = visitor.visit_seq(&mut seq)?;
    if seq.items.len() == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(
            len,
            &"fewer elements in the array",
        ))
    }
}

fn visit_map<'a, 'de, V: Visitor<'de>>(
    entries: Vec<(Cow<'de, str>, Node<'de>)>,
    at: &'a Chain<'a>,
    visitor: V,
) -> Result<V::Value, DeError> {
    visitor.visit_map(MapDe {
        entries: entries.into_iter(),
        key: Cow::Borrowed(""),
        value: None,
        at,
    })
}

fn visit_str<'de, V: Visitor<'de>>(s: Cow<'de, str>, visitor: V) -> Result<V::Value, DeError> {
    match s {
        Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
        Cow::Owned(s) => visitor.visit_string(s),
    }
}

impl<'a, 'de> Deserializer<'de> for NodeDe<'a, 'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Unsigned(n) => visitor.visit_u64(n),
            Node::Signed(n) => visitor.visit_i64(n),
            Node::Float(f) => visitor.visit_f64(f),
            Node::Str(s) => visit_str(s, visitor),
            Node::Seq(items) => visit_seq(items, self.at, visitor),
            Node::Map(entries) => visit_map(entries, self.at, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            _ => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Seq(items) => visit_seq(items, self.at, visitor),
            _ => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Map(entries) => visit_map(entries, self.at, visitor),
            _ => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (variant, content) = enum_parts(self.node)?;
        visitor.visit_enum(EnumDe {
            variant,
            content,
            at: self.at,
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        drop(self.node);
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf identifier
    }
}

/// An enum's variant name and content: `"variant"` or `{"variant": content}`.
#[inline(never)]
fn enum_parts(node: Node<'_>) -> Result<(Cow<'_, str>, Option<Node<'_>>), DeError> {
    match node {
        Node::Str(variant) => Ok((variant, None)),
        Node::Map(mut entries) if entries.len() == 1 => {
            let (variant, content) = entries.remove(0);
            Ok((variant, Some(content)))
        }
        Node::Map(_) => Err(de::Error::invalid_value(
            de::Unexpected::Map,
            &"an object with a single key",
        )),
        other => Err(de::Error::invalid_type(
            other.unexpected(),
            &"a string or an object with a single key",
        )),
    }
}

struct SeqDe<'a, 'de> {
    items: std::vec::IntoIter<Node<'de>>,
    index: usize,
    at: &'a Chain<'a>,
}

// The parts of reading that do not depend on the type being read are kept out
// of line (`#[inline(never)]`), so that each type's copy of the generic
// methods below is only the call into its own code.
impl<'de> SeqDe<'_, 'de> {
    /// The next element and its index.
    #[inline(never)]
    fn advance(&mut self) -> Option<(Node<'de>, usize)> {
        let node = self.items.next()?;
        self.index += 1;
        Some((node, self.index - 1))
    }
}

impl<'a, 'de> SeqAccess<'de> for SeqDe<'a, 'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((node, index)) = self.advance() else {
            return Ok(None);
        };
        let at = Chain::Index(self.at, index);
        match seed.deserialize(NodeDe { node, at: &at }) {
            Ok(v) => Ok(Some(v)),
            Err(e) => Err(e.at(&at)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a, 'de> {
    entries: std::vec::IntoIter<(Cow<'de, str>, Node<'de>)>,
    /// The key just read, and its value until the value is read.
    key: Cow<'de, str>,
    value: Option<Node<'de>>,
    at: &'a Chain<'a>,
}

impl<'de> MapDe<'_, 'de> {
    /// Moves to the next entry; its key, or `None` at the end.
    #[inline(never)]
    fn advance(&mut self) -> Option<&str> {
        let (key, node) = self.entries.next()?;
        self.key = key;
        self.value = Some(node);
        Some(&self.key)
    }

    /// The value of the entry whose key was read.
    #[inline(never)]
    fn take_value(&mut self) -> Result<Node<'de>, DeError> {
        self.value
            .take()
            .ok_or_else(|| de::Error::custom("a value was read before its key"))
    }

    /// Gives an error about the current key the key's path.
    #[inline(never)]
    fn at_key(&self, e: DeError) -> DeError {
        e.at(&Chain::Key(self.at, &self.key))
    }
}

impl<'a, 'de> MapAccess<'de> for MapDe<'a, 'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(key) = self.advance() else {
            return Ok(None);
        };
        match seed.deserialize(KeyDe { key }) {
            Ok(k) => Ok(Some(k)),
            Err(e) => Err(self.at_key(e)),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self.take_value()?;
        let at = Chain::Key(self.at, &self.key);
        match seed.deserialize(NodeDe { node, at: &at }) {
            Ok(v) => Ok(v),
            Err(e) => Err(e.at(&at)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An object key. Keys are strings; a map with number keys reads them from
/// the string (`{"2023": …}`), as serde_json does.
struct KeyDe<'k> {
    key: &'k str,
}

macro_rules! parse_key {
    ($($method:ident $ty:ty => $visit:ident,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.key.parse::<$ty>() {
                Ok(n) => visitor.$visit(n),
                Err(_) => visitor.visit_str(self.key),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for KeyDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(self.key)
    }

    parse_key! {
        deserialize_i8 i8 => visit_i8,
        deserialize_i16 i16 => visit_i16,
        deserialize_i32 i32 => visit_i32,
        deserialize_i64 i64 => visit_i64,
        deserialize_u8 u8 => visit_u8,
        deserialize_u16 u16 => visit_u16,
        deserialize_u32 u32 => visit_u32,
        deserialize_u64 u64 => visit_u64,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(self.key.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// An enum written as `"variant"` or `{"variant": content}`. The content's
/// errors take the enum's own path (the variant name is not a segment).
struct EnumDe<'a, 'de> {
    variant: Cow<'de, str>,
    content: Option<Node<'de>>,
    at: &'a Chain<'a>,
}

impl<'a, 'de> EnumAccess<'de> for EnumDe<'a, 'de> {
    type Error = DeError;
    type Variant = VariantDe<'a, 'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantDe<'a, 'de>), DeError> {
        let v = seed.deserialize(KeyDe { key: &self.variant })?;
        Ok((
            v,
            VariantDe {
                content: self.content,
                at: self.at,
            },
        ))
    }
}

struct VariantDe<'a, 'de> {
    content: Option<Node<'de>>,
    at: &'a Chain<'a>,
}

impl<'a, 'de> VariantAccess<'de> for VariantDe<'a, 'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.content {
            None | Some(Node::Null) => Ok(()),
            Some(other) => Err(de::Error::invalid_type(
                other.unexpected(),
                &"a variant without content",
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.content {
            Some(node) => seed.deserialize(NodeDe { node, at: self.at }),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &"a variant with content",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        match self.content {
            Some(Node::Seq(items)) => visit_seq(items, self.at, visitor),
            Some(other) => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &visitor,
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.content {
            Some(Node::Map(entries)) => visit_map(entries, self.at, visitor),
            Some(other) => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &visitor,
            )),
        }
    }
}

/// The parameters of one variant read by hand: an object whose keys are
/// checked against a list, then taken one by one (`$.min_lessons` is the path
/// of a bad parameter). A table-driven stand-in for a derived struct visitor,
/// for enums with many variants, where derived code would be large.
pub(crate) struct Fields<'de> {
    entries: Vec<Option<(Cow<'de, str>, Node<'de>)>>,
}

impl<'de> Fields<'de> {
    /// Refuses anything but an object, an unknown key and a repeated key, in
    /// the order written; `expecting` names the object in a type error.
    pub(crate) fn new(
        node: Node<'de>,
        names: &'static [&'static str],
        expecting: &dyn de::Expected,
    ) -> Result<Self, DeError> {
        let entries = match node {
            Node::Map(entries) => entries,
            other => {
                let e: DeError = de::Error::invalid_type(other.unexpected(), expecting);
                return Err(e.at(&Chain::Root));
            }
        };
        for (i, (key, _)) in entries.iter().enumerate() {
            let Some(name) = names.iter().find(|n| **n == key.as_ref()) else {
                let e: DeError = de::Error::unknown_field(key, names);
                return Err(e.at(&Chain::Key(&Chain::Root, key)));
            };
            if entries[..i].iter().any(|(k, _)| k == key) {
                let e: DeError = de::Error::duplicate_field(name);
                return Err(e.at(&Chain::Root));
            }
        }
        Ok(Fields {
            entries: entries.into_iter().map(Some).collect(),
        })
    }

    /// The entry named `name`, taken out.
    #[inline(never)]
    fn find(&mut self, name: &str) -> Option<(Cow<'de, str>, Node<'de>)> {
        self.entries
            .iter_mut()
            .find(|slot| matches!(slot, Some((k, _)) if k == name))
            .and_then(Option::take)
    }

    // Not inlined: one copy per parameter type rather than one per parameter.
    #[inline(never)]
    fn take<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, DeError> {
        let Some((key, node)) = self.find(name) else {
            return Ok(None);
        };
        let at = Chain::Key(&Chain::Root, &key);
        match T::deserialize(NodeDe { node, at: &at }) {
            Ok(v) => Ok(Some(v)),
            Err(e) => Err(e.at(&at)),
        }
    }

    /// A parameter that must be given.
    #[inline(never)]
    pub(crate) fn req<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, DeError> {
        match self.take(name)? {
            Some(v) => Ok(v),
            None => {
                let e: DeError = de::Error::missing_field(name);
                Err(e.at(&Chain::Root))
            }
        }
    }

    /// A decimal parameter (a rate) that must be given: a string such as
    /// `"0.90"`, or a number, read as rust_decimal's own reader reads them
    /// (which is not used: its float case links the float formatter).
    pub(crate) fn decimal(&mut self, name: &'static str) -> Result<rust_decimal::Decimal, DeError> {
        self.req::<DecimalText>(name).map(|d| d.0)
    }

    /// A parameter with a default (`#[serde(default)]`).
    pub(crate) fn or_default<T: DeserializeOwned + Default>(
        &mut self,
        name: &'static str,
    ) -> Result<T, DeError> {
        Ok(self.take(name)?.unwrap_or_default())
    }

    /// An optional parameter: absent or `null` is `None`.
    pub(crate) fn option<T: DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> Result<Option<T>, DeError> {
        Ok(self.take::<Option<T>>(name)?.flatten())
    }
}

/// A decimal read from a string or a number (see [`Fields::decimal`]).
struct DecimalText(rust_decimal::Decimal);

impl<'de> serde::Deserialize<'de> for DecimalText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use rust_decimal::Decimal;
        struct V;
        impl V {
            fn parse<E: de::Error>(&self, text: &str) -> Result<DecimalText, E> {
                text.parse::<Decimal>()
                    .or_else(|_| Decimal::from_scientific(text))
                    .map(DecimalText)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(text), self))
            }
        }
        impl Visitor<'_> for V {
            type Value = DecimalText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a Decimal type representing a fixed-point number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DecimalText, E> {
                self.parse(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DecimalText, E> {
                Ok(DecimalText(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DecimalText, E> {
                Ok(DecimalText(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DecimalText, E> {
                self.parse(&super::float_text(v))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Class {
        id: String,
        size: u16,
        #[serde(default)]
        tags: BTreeMap<String, Vec<Kind>>,
        by_year: Option<BTreeMap<i32, String>>,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Unit,
        Lessons { per_day: u8 },
    }

    fn read(text: &str) -> Result<Class, (String, String)> {
        from_node(Node::parse(text).unwrap()).map_err(|e| {
            let e = e.into_parts();
            (e.path.unwrap(), e.message)
        })
    }

    #[test]
    fn reads_structs_maps_enums_and_number_keys() {
        let c = read(r#"{"id": "c1", "size": 3, "tags": {"a b": ["unit", {"lessons": {"per_day": 6}}]}, "by_year": {"2023": "x"}}"#).unwrap();
        assert_eq!(
            c.tags["a b"],
            vec![Kind::Unit, Kind::Lessons { per_day: 6 }]
        );
        assert_eq!(c.by_year.unwrap()[&2023], "x");
    }

    #[test]
    fn fields_read_by_hand_match_a_derived_struct() {
        #[derive(Debug, PartialEq)]
        struct Lessons {
            per_day: u8,
            minutes: Option<u16>,
            tags: Vec<String>,
        }
        const NAMES: &[&str] = &["per_day", "minutes", "tags"];
        let read = |text: &str| {
            let mut f = Fields::new(Node::parse(text).unwrap(), NAMES, &"struct Lessons")?;
            Ok::<_, DeError>(Lessons {
                per_day: f.req("per_day")?,
                minutes: f.option("minutes")?,
                tags: f.or_default("tags")?,
            })
        };
        assert_eq!(
            read(r#"{"minutes": null, "per_day": 6}"#).unwrap(),
            Lessons {
                per_day: 6,
                minutes: None,
                tags: vec![]
            }
        );
        let cases = [
            (
                r#"{"per_day": "6"}"#,
                "$.per_day",
                "invalid type: string \"6\", expected u8",
            ),
            (r#"{}"#, "$", "missing field `per_day`"),
            (
                r#"{"per_day": 6, "per_dya": 1}"#,
                "$.per_dya",
                "unknown field `per_dya`, expected one of `per_day`, `minutes`, `tags`",
            ),
            (
                r#"{"per_day": 6, "per_day": 7}"#,
                "$",
                "duplicate field `per_day`",
            ),
            (
                r#"{"per_day": 6, "tags": [1]}"#,
                "$.tags[0]",
                "invalid type: integer `1`, expected a string",
            ),
            (
                r#"[6]"#,
                "$",
                "invalid type: sequence, expected struct Lessons",
            ),
        ];
        for (text, path, message) in cases {
            let e = read(text).unwrap_err();
            assert_eq!(
                (e.path.as_deref(), e.message.as_str()),
                (Some(path), message),
                "{text}"
            );
        }
    }

    #[test]
    fn floats_are_named_as_serde_names_them() {
        let cases = [
            (
                r#"{"id": "c", "size": 1.5}"#,
                "invalid type: floating point `1.5`, expected u16",
            ),
            (
                r#"{"id": "c", "size": 2.0}"#,
                "invalid type: floating point `2.0`, expected u16",
            ),
            (
                r#"{"id": "c", "size": -0.25}"#,
                "invalid type: floating point `-0.25`, expected u16",
            ),
            (
                r#"{"id": 1e3, "size": 1}"#,
                "invalid type: floating point `1000.0`, expected a string",
            ),
            (
                r#"{"id": true, "size": 1}"#,
                "invalid type: boolean `true`, expected a string",
            ),
        ];
        for (text, message) in cases {
            let (_, m) = read(text).unwrap_err();
            assert_eq!(m, message, "{text}");
        }
        assert_eq!(super::super::float_text(1500.0), "1500");
        assert_eq!(super::super::float_text(0.1), "0.1");
    }

    #[test]
    fn decimals_read_from_strings_and_numbers() {
        const NAMES: &[&str] = &["rate"];
        let read = |text: &str| {
            let mut f = Fields::new(Node::parse(text).unwrap(), NAMES, &"struct R")?;
            f.decimal("rate")
        };
        for (text, want) in [
            (r#"{"rate": "0.90"}"#, "0.90"),
            (r#"{"rate": 0.9}"#, "0.9"),
            (r#"{"rate": 1}"#, "1"),
            (r#"{"rate": "9e-1"}"#, "0.9"),
        ] {
            assert_eq!(read(text).unwrap().to_string(), want, "{text}");
        }
        let e = read(r#"{"rate": "ninety"}"#).unwrap_err().into_parts();
        assert_eq!(e.path.as_deref(), Some("$.rate"));
        assert_eq!(
            e.message,
            "invalid value: string \"ninety\", expected a Decimal type representing a fixed-point number"
        );
        let e = read(r#"{"rate": [1]}"#).unwrap_err().into_parts();
        assert_eq!(
            e.message,
            "invalid type: sequence, expected a Decimal type representing a fixed-point number"
        );
    }

    #[test]
    fn errors_name_the_deepest_value() {
        let cases = [
            (
                r#"{"id": 1, "size": 3}"#,
                "$.id",
                "invalid type: integer `1`, expected a string",
            ),
            (
                r#"{"id": "c", "size": 70000}"#,
                "$.size",
                "invalid value: integer `70000`, expected u16",
            ),
            (r#"{"id": "c"}"#, "$", "missing field `size`"),
            (
                r#"{"id": "c", "size": 1, "sise": 2}"#,
                "$.sise",
                "unknown field `sise`",
            ),
            (
                r#"{"id": "c", "id": "d", "size": 1}"#,
                "$",
                "duplicate field `id`",
            ),
            (
                r#"{"id": "c", "size": 1, "tags": {"x.y": [1]}}"#,
                "$.tags[\"x.y\"][0]",
                "invalid type: integer `1`",
            ),
            (
                r#"{"id": "c", "size": 1, "tags": {"t": ["lesons"]}}"#,
                "$.tags.t[0]",
                "unknown variant `lesons`",
            ),
            (
                r#"{"id": "c", "size": 1, "tags": {"t": [{"lessons": {"per_day": "6"}}]}}"#,
                "$.tags.t[0].per_day",
                "invalid type: string \"6\", expected u8",
            ),
            (
                r#"{"id": "c", "size": 1, "by_year": {"y2023": "x"}}"#,
                "$.by_year.y2023",
                "invalid type: string \"y2023\", expected i32",
            ),
            (
                r#"["c", 1]"#,
                "$",
                "invalid type: sequence, expected struct Class",
            ),
        ];
        for (text, path, message) in cases {
            let (p, m) = read(text).unwrap_err();
            assert_eq!(p, path, "{text}: {m}");
            assert!(m.starts_with(message), "{text}: {m}");
        }
    }
}
