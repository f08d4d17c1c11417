//! A serde `Serializer` that writes canonical JSON straight into one `String`.
//!
//! It writes what `serde_json::to_value` followed by a sorted-key writer would
//! write, without building the `Value` tree: no map per object, no string per
//! key or leaf. An object's entries are written in the order serde gives them
//! (a struct's fields in declaration order) and their places are recorded; when
//! the object closes and its keys are not already in order, its entries are
//! put in key order in place (the object is the last thing written, so this is
//! a copy of its own bytes). A repeated key keeps its last value, as a map
//! insert does. Objects close innermost first, so a parent's recorded places
//! stay true.
//!
//! Differences from `to_value`, for values the engine never writes: a float
//! map key and serde_json's raw JSON values are refused with an error rather
//! than written, and `serialize_value` without a key is an error rather than a
//! panic. As with `to_value`, an element or entry whose value fails is left
//! out (a `Serialize` impl may ignore the error and go on).

use serde::ser::{self, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// Why a value could not be written (never for the engine's own types).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

/// One written entry of an open object: byte offsets into the output.
#[derive(Clone, Copy)]
struct Entry {
    /// The key's opening quote.
    key: usize,
    /// The `:` after the key's closing quote.
    colon: usize,
    /// Just past the value.
    end: usize,
    /// The key contains an escape, so it compares by its decoded bytes.
    escaped: bool,
}

/// The output and the bookkeeping of the objects still open.
pub(super) struct Writer {
    out: String,
    /// Entries of every open object, innermost object's last.
    entries: Vec<Entry>,
    /// Scratch for putting one object's entries in order.
    order: Vec<usize>,
    scratch: String,
}

/// A writer's working buffers, kept between documents (one set per thread),
/// so that writing a document does not grow them from nothing each time: a
/// verdict would otherwise reallocate its output about ten times and its
/// bookkeeping as many again.
#[derive(Default)]
struct Spare {
    entries: Vec<Entry>,
    order: Vec<usize>,
    scratch: String,
    /// The length of the last document written: the next output starts with
    /// that much room.
    last_len: usize,
}

/// Buffers larger than this are not kept (an attendance report's scratch can
/// be hundreds of KB).
const KEEP_AT_MOST: usize = 64 * 1024;

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = std::cell::RefCell::new(Spare::default());
}

impl Writer {
    /// Writes `value` with this thread's spare buffers (fresh ones if they are
    /// in use: a `Serialize` impl that writes canonical JSON itself).
    pub(super) fn write<T: ?Sized + Serialize>(value: &T) -> Result<String> {
        let spare = SPARE
            .try_with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).ok())
            .ok()
            .flatten()
            .unwrap_or_default();
        let mut w = Writer {
            out: String::with_capacity(spare.last_len.min(KEEP_AT_MOST)),
            entries: spare.entries,
            order: spare.order,
            scratch: spare.scratch,
        };
        let written = value.serialize(&mut w);
        let Writer {
            out,
            mut entries,
            mut order,
            mut scratch,
        } = w;
        entries.clear();
        order.clear();
        scratch.clear();
        let keep = Spare {
            last_len: out.len(),
            entries: if entries.capacity() <= KEEP_AT_MOST / 16 {
                entries
            } else {
                Vec::new()
            },
            order: if order.capacity() <= KEEP_AT_MOST / 8 {
                order
            } else {
                Vec::new()
            },
            scratch: if scratch.capacity() <= KEEP_AT_MOST {
                scratch
            } else {
                String::new()
            },
        };
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                *s = keep;
            }
        });
        written.map(|()| out)
    }
}

/// How far the writer had got: undone when a value fails, so that a failed
/// element or entry is absent (as with `to_value`) even if the caller goes on.
#[derive(Clone, Copy)]
struct Mark {
    out: usize,
    entries: usize,
}

impl Writer {
    fn mark(&self) -> Mark {
        Mark {
            out: self.out.len(),
            entries: self.entries.len(),
        }
    }

    /// Back to `mark`: the bytes and the entries of open objects written since.
    fn rewind(&mut self, mark: Mark) {
        self.out.truncate(mark.out);
        self.entries.truncate(mark.entries);
    }

    /// Starts an object: its entries begin at the returned mark.
    fn open_object(&mut self) -> usize {
        self.out.push('{');
        self.entries.len()
    }

    /// Writes the comma before an entry (not before the first of the object).
    fn separate(&mut self, base: usize) {
        if self.entries.len() > base {
            self.out.push(',');
        }
    }

    /// Closes the object whose entries begin at `base`: entries in key order,
    /// one per key.
    fn close_object(&mut self, base: usize) {
        if !self.in_order(base) {
            self.reorder(base);
        }
        self.entries.truncate(base);
        self.out.push('}');
    }

    fn in_order(&self, base: usize) -> bool {
        let open = &self.entries[base..];
        open.windows(2)
            .all(|w| compare_keys(&self.out, &w[0], &w[1]) == Ordering::Less)
    }

    fn reorder(&mut self, base: usize) {
        let mut order = std::mem::take(&mut self.order);
        order.clear();
        order.extend(0..self.entries.len() - base);
        let (out, open) = (&self.out, &self.entries[base..]);
        let compare = |a: &usize, b: &usize| compare_keys(out, &open[*a], &open[*b]);
        if order.len() <= 16 {
            insertion_sort(&mut order, compare);
        } else {
            crate::sort::by(&mut order, compare);
        }
        // Of equal keys (kept in writing order by the stable sort) the last
        // one written stays, as with a map insert.
        let mut kept = 0;
        for k in 0..order.len() {
            let last_of_key = order
                .get(k + 1)
                .is_none_or(|&next| compare(&order[k], &next).is_ne());
            if last_of_key {
                order[kept] = order[k];
                kept += 1;
            }
        }
        order.truncate(kept);
        let start = open[0].key;
        self.scratch.clear();
        self.scratch.push_str(&self.out[start..]);
        self.out.truncate(start);
        for (k, &i) in order.iter().enumerate() {
            if k > 0 {
                self.out.push(',');
            }
            let e = self.entries[base + i];
            self.out
                .push_str(&self.scratch[e.key - start..e.end - start]);
        }
        self.order = order;
    }

    fn write_i64(&mut self, v: i64) {
        self.out.push_str(itoa::Buffer::new().format(v));
    }

    fn write_u64(&mut self, v: u64) {
        self.out.push_str(itoa::Buffer::new().format(v));
    }
}

/// Orders two entries of `out` by their keys' text (as `String`'s `Ord`: by
/// bytes).
fn compare_keys(out: &str, a: &Entry, b: &Entry) -> Ordering {
    // Between the quotes.
    let ka = &out.as_bytes()[a.key + 1..a.colon - 1];
    let kb = &out.as_bytes()[b.key + 1..b.colon - 1];
    if a.escaped || b.escaped {
        unescaped(ka).cmp(unescaped(kb))
    } else {
        ka.cmp(kb)
    }
}

/// The bytes a key written by [`write_string`] stands for.
fn unescaped(s: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let b = *s.get(i)?;
        if b != b'\\' {
            i += 1;
            return Some(b);
        }
        // `write_string` wrote the escapes; read defensively all the same.
        let at = |k: usize| s.get(i + k).copied().unwrap_or(0);
        let (byte, len) = match at(1) {
            b'n' => (b'\n', 2),
            b'r' => (b'\r', 2),
            b't' => (b'\t', 2),
            b'b' => (0x08, 2),
            b'f' => (0x0c, 2),
            b'u' => ((hex(at(4)) << 4) | hex(at(5)), 6),
            other => (other, 2),
        };
        i += len;
        Some(byte)
    })
}

fn hex(d: u8) -> u8 {
    match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        _ => 0,
    }
}

fn insertion_sort(v: &mut [usize], compare: impl Fn(&usize, &usize) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && compare(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A JSON string as serde_json writes it: `"` and `\` escaped, the control
/// characters as `\b \t \n \f \r` or `\u00xx`, everything else as is. Returns
/// whether anything was escaped.
pub(super) fn write_string(s: &str, out: &mut String) -> bool {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    let mut escaped = false;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        escaped = true;
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
    escaped
}

/// serde_json's float as a value: finite numbers as its `Number` writes them,
/// the rest as `null`.
fn write_float(out: &mut String, n: Option<serde_json::Number>) {
    match n {
        Some(n) => {
            use fmt::Write as _;
            let _ = write!(out, "{n}");
        }
        None => out.push_str("null"),
    }
}

fn out_of_range() -> Error {
    Error("number out of range".to_owned())
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = Array<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        // serde_json keeps a non-negative integer as unsigned; same digits.
        self.write_i64(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result {
        if let Ok(v) = u64::try_from(v) {
            self.write_u64(v);
        } else if let Ok(v) = i64::try_from(v) {
            self.write_i64(v);
        } else {
            return Err(out_of_range());
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.write_u64(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result {
        let v = u64::try_from(v).map_err(|_| out_of_range())?;
        self.write_u64(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        write_float(
            &mut self.out,
            serde_json::Value::from(v).as_number().cloned(),
        );
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result {
        write_float(
            &mut self.out,
            serde_json::Value::from(v).as_number().cloned(),
        );
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        write_string(v.encode_utf8(&mut [0; 4]), &mut self.out);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        write_string(v, &mut self.out);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq as _;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        // `{"variant":value}`: one key, nothing to order.
        self.out.push('{');
        write_string(variant, &mut self.out);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Array<'a>> {
        self.out.push('[');
        Ok(Array {
            w: self,
            first: true,
            variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Array<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Array<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Array<'a>> {
        self.out.push('{');
        write_string(variant, &mut self.out);
        self.out.push_str(":[");
        Ok(Array {
            w: self,
            first: true,
            variant: true,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'a>> {
        let base = self.open_object();
        Ok(Object {
            w: self,
            base,
            key: None,
            variant: false,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Object<'a>> {
        if name == "$serde_json::private::RawValue" {
            return Err(Error("raw JSON values are not written".to_owned()));
        }
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'a>> {
        self.out.push('{');
        write_string(variant, &mut self.out);
        self.out.push(':');
        let base = self.open_object();
        Ok(Object {
            w: self,
            base,
            key: None,
            variant: true,
        })
    }
}

/// An array being written (also a tuple variant's `{"variant":[…]}`).
pub(super) struct Array<'a> {
    w: &'a mut Writer,
    first: bool,
    variant: bool,
}

impl Array<'_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        let mark = self.begin_element();
        let written = value.serialize(&mut *self.w);
        self.end_element(mark, written)
    }
    // The generic `element` is compiled once per element type; what does not
    // depend on the type is kept out of it (as in `Object`).
    #[inline(never)]
    fn begin_element(&mut self) -> Mark {
        let mark = self.w.mark();
        if !self.first {
            self.w.out.push(',');
        }
        mark
    }
    #[inline(never)]
    fn end_element(&mut self, mark: Mark, written: Result) -> Result {
        written.inspect_err(|_| self.w.rewind(mark))?;
        self.first = false;
        Ok(())
    }
    fn close(self) -> Result {
        self.w.out.push(']');
        if self.variant {
            self.w.out.push('}');
        }
        Ok(())
    }
}

/// serde's four kinds of sequence, all written as a JSON array.
macro_rules! array_kind {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Array<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                self.close()
            }
        }
    )*};
}

array_kind!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// An object being written (also a struct variant's `{"variant":{…}}`).
pub(super) struct Object<'a> {
    w: &'a mut Writer,
    /// Where this object's entries begin in the writer's list.
    base: usize,
    /// A map key written, waiting for its value.
    key: Option<PendingKey>,
    variant: bool,
}

/// A map key written (after its comma, if any), waiting for its value.
#[derive(Clone, Copy)]
struct PendingKey {
    /// Before the comma: where the entry is undone to.
    mark: Mark,
    /// The key's opening quote, the `:` after it, and whether it has escapes.
    key: usize,
    colon: usize,
    escaped: bool,
}

impl Object<'_> {
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result {
        let key = self.begin_field(key);
        self.value(key, value)
    }
    fn value<T: ?Sized + Serialize>(&mut self, key: PendingKey, value: &T) -> Result {
        let written = value.serialize(&mut *self.w);
        self.end_entry(key, written)
    }
    // `field` and `value` are compiled once per value type (about seventy
    // copies): what does not depend on the type stays out of line, here.
    #[inline(never)]
    fn begin_field(&mut self, key: &str) -> PendingKey {
        self.drop_pending_key();
        let mark = self.w.mark();
        self.w.separate(self.base);
        let at = self.w.out.len();
        let escaped = write_string(key, &mut self.w.out);
        let colon = self.w.out.len();
        self.w.out.push(':');
        PendingKey {
            mark,
            key: at,
            colon,
            escaped,
        }
    }
    #[inline(never)]
    fn end_entry(&mut self, key: PendingKey, written: Result) -> Result {
        written.inspect_err(|_| self.w.rewind(key.mark))?;
        let end = self.w.out.len();
        self.w.entries.push(Entry {
            key: key.key,
            colon: key.colon,
            end,
            escaped: key.escaped,
        });
        Ok(())
    }
    /// A key whose value never came is left out (as `to_value` leaves it).
    fn drop_pending_key(&mut self) {
        if let Some(pending) = self.key.take() {
            self.w.rewind(pending.mark);
        }
    }
    fn close(mut self) -> Result {
        self.drop_pending_key();
        self.w.close_object(self.base);
        if self.variant {
            self.w.out.push('}');
        }
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.drop_pending_key();
        let mark = self.w.mark();
        self.w.separate(self.base);
        let at = self.w.out.len();
        let escaped = key
            .serialize(KeyWriter(&mut *self.w))
            .inspect_err(|_| self.w.rewind(mark))?;
        let colon = self.w.out.len();
        self.w.out.push(':');
        self.key = Some(PendingKey {
            mark,
            key: at,
            colon,
            escaped,
        });
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value without its key".to_owned()))?;
        self.value(key, value)
    }
    fn end(self) -> Result {
        self.close()
    }
}

/// A struct and a struct variant's fields, written as a JSON object.
macro_rules! struct_kind {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Object<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result {
                self.field(key, value)
            }
            fn end(self) -> Result {
                self.close()
            }
        }
    )*};
}

struct_kind!(SerializeStruct, SerializeStructVariant);

/// Writes a map key as a JSON string, as serde_json turns keys into strings
/// (numbers and booleans as their text). Its `Ok` says whether the key has an
/// escape.
struct KeyWriter<'a>(&'a mut Writer);

fn key_must_be_a_string() -> Error {
    Error("key must be a string".to_owned())
}

impl KeyWriter<'_> {
    fn quoted(self, text: &str) -> Result<bool> {
        // Digits, a sign, `true`/`false`: nothing to escape.
        self.0.out.push('"');
        self.0.out.push_str(text);
        self.0.out.push('"');
        Ok(false)
    }
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = bool;
    type Error = Error;
    type SerializeSeq = ser::Impossible<bool, Error>;
    type SerializeTuple = ser::Impossible<bool, Error>;
    type SerializeTupleStruct = ser::Impossible<bool, Error>;
    type SerializeTupleVariant = ser::Impossible<bool, Error>;
    type SerializeMap = ser::Impossible<bool, Error>;
    type SerializeStruct = ser::Impossible<bool, Error>;
    type SerializeStructVariant = ser::Impossible<bool, Error>;

    fn serialize_bool(self, v: bool) -> Result<bool> {
        self.quoted(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<bool> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<bool> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<bool> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<bool> {
        self.quoted(itoa::Buffer::new().format(v))
    }
    fn serialize_i128(self, v: i128) -> Result<bool> {
        self.quoted(itoa::Buffer::new().format(v))
    }
    fn serialize_u8(self, v: u8) -> Result<bool> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<bool> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<bool> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<bool> {
        self.quoted(itoa::Buffer::new().format(v))
    }
    fn serialize_u128(self, v: u128) -> Result<bool> {
        self.quoted(itoa::Buffer::new().format(v))
    }
    fn serialize_f32(self, _: f32) -> Result<bool> {
        Err(Error("float map keys are not written".to_owned()))
    }
    fn serialize_f64(self, _: f64) -> Result<bool> {
        Err(Error("float map keys are not written".to_owned()))
    }
    fn serialize_char(self, v: char) -> Result<bool> {
        Ok(write_string(v.encode_utf8(&mut [0; 4]), &mut self.0.out))
    }
    fn serialize_str(self, v: &str) -> Result<bool> {
        Ok(write_string(v, &mut self.0.out))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<bool> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<bool> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<bool> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<bool> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<bool> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<bool> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<bool> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<bool> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
}
