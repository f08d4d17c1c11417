//! JSON text read into a [`Node`] tree in one pass, by hand.
//!
//! Every document the engine reads (a request, a policy, a calendar update)
//! starts here, so this is the hottest code of a large check: it goes straight
//! from bytes to the tree, with no visitor between them. It accepts exactly
//! the JSON serde_json accepts and refuses the rest with serde_json's words and
//! positions (`expected value at line 1 column 7`), so messages did not change
//! when the reader did; the tests hold the two readers to the same answer on
//! generated and mutated documents, including the value of every number.
//!
//! - Whitespace is space, tab, line feed and carriage return.
//! - At most 127 arrays and objects may be open at once.
//! - Strings may not hold control characters; `\u` escapes must pair their
//!   surrogates. A string without escapes borrows from the text.
//! - Whole numbers stay whole: zero or more as [`Node::Unsigned`], below zero
//!   as [`Node::Signed`]; anything else (a fraction, an exponent, `-0`, a
//!   whole number beyond 64 bits) is an `f64`, the one serde_json gives, and
//!   one too large for an `f64` is `number out of range`.
//! - A line and a column count bytes; the column of a problem found while
//!   looking ahead is that of the byte looked at.

use std::borrow::Cow;
use std::fmt;

use super::tree::Node;

/// How many arrays and objects may be open at once, plus one (the count
/// serde_json starts from; the reader refuses to open the 128th).
const DEPTH: u32 = 128;

/// A document that is not JSON: what is wrong and where (line from 1, column
/// in bytes), shown as `EOF while parsing a list at line 1 column 5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    what: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

// serde_json's wording for each problem.
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_NOT_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING: &str = "trailing characters";
const HEX_END: &str = "unexpected end of hex escape";
const TOO_DEEP: &str = "recursion limit exceeded";

/// Reads one JSON document (white space around it allowed, nothing else).
pub(crate) fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth_left: DEPTH,
        items: Vec::new(),
        entries: Vec::new(),
    };
    let node = reader.value()?;
    match reader.skip_space() {
        Some(_) => Err(reader.ahead(TRAILING)),
        None => Ok(node),
    }
}

/// `10^0` to `10^308`, each the `f64` nearest to it.
#[rustfmt::skip]
const POW10: [f64; 309] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31, 1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48, 1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61, 1e62, 1e63, 1e64, 1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79, 1e80, 1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91, 1e92, 1e93, 1e94, 1e95, 1e96, 1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109, 1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119, 1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129, 1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159, 1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199, 1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209, 1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227, 1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239, 1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249, 1e250, 1e251, 1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279, 1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308];

/// The `f64` of a JSON number with a fraction or an exponent, or too long for
/// 64 bits, read as serde_json reads it (without its `float_roundtrip`
/// feature); `None` when it is too large. `literal` is a valid JSON number.
///
/// The digits make a 64-bit significand: whole digits while they fit (those
/// after it stop fitting only scale it), then fraction digits while they fit
/// (the rest are dropped); the significand, converted to `f64`, is then
/// multiplied or divided by one power of ten. That is exact, and so the
/// nearest `f64`, for the usual number (at most 2^53 in its digits and 22
/// places of scale); for others it can be a bit off, as serde_json's is, and
/// the two agree bit for bit. The standard library's reader is exact
/// everywhere, but brings 10 KB of tables into the WebAssembly module.
fn float_value(literal: &str) -> Option<f64> {
    let (negative, rest) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, literal.as_bytes()),
    };
    let mut i = 0;
    let digit_at = |i: usize| rest.get(i).filter(|b| b.is_ascii_digit()).map(|b| b - b'0');
    let mut significand = 0u64;
    let mut scale = 0i32;
    let mut full = false;
    while let Some(d) = digit_at(i) {
        match significand
            .checked_mul(10)
            .and_then(|s| s.checked_add(u64::from(d)))
        {
            Some(s) if !full => significand = s,
            _ => {
                full = true;
                scale = scale.wrapping_add(1);
            }
        }
        i += 1;
    }
    if rest.get(i) == Some(&b'.') {
        i += 1;
        let mut full = false;
        while let Some(d) = digit_at(i) {
            match significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(u64::from(d)))
            {
                Some(s) if !full => {
                    significand = s;
                    scale -= 1;
                }
                _ => full = true,
            }
            i += 1;
        }
    }
    if matches!(rest.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative_exponent = rest.get(i) == Some(&b'-');
        if matches!(rest.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        // The caller has dealt with exponents beyond 32 bits.
        let mut exponent = 0i32;
        while let Some(d) = digit_at(i) {
            exponent = exponent.saturating_mul(10).saturating_add(i32::from(d));
            i += 1;
        }
        scale = if negative_exponent {
            scale.saturating_sub(exponent)
        } else {
            scale.saturating_add(exponent)
        };
    }
    let mut f = significand as f64;
    loop {
        match POW10.get(scale.unsigned_abs() as usize) {
            Some(&power) if scale >= 0 => {
                f *= power;
                if f.is_infinite() {
                    return None;
                }
                break;
            }
            Some(&power) => {
                f /= power;
                break;
            }
            None if f == 0.0 => break,
            None if scale >= 0 => return None,
            None => {
                f /= 1e308;
                scale += 308;
            }
        }
    }
    Some(if negative { -f } else { f })
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
    depth_left: u32,
    /// The items of the arrays being read, innermost last: each array takes
    /// its own off the top when it ends, in a vector of its exact size.
    items: Vec<Node<'a>>,
    /// The same for objects' entries.
    entries: Vec<(Cow<'a, str>, Node<'a>)>,
}

impl<'a> Reader<'a> {
    /// A problem with the byte just read (the position is the one read).
    #[cold]
    fn here(&self, what: &'static str) -> SyntaxError {
        self.error_at(self.at, what)
    }

    /// A problem with the byte looked at but not read.
    #[cold]
    fn ahead(&self, what: &'static str) -> SyntaxError {
        self.error_at((self.at + 1).min(self.bytes.len()), what)
    }

    /// Line and column of the byte before `end` (column 0 right after a line feed).
    #[cold]
    fn error_at(&self, end: usize, what: &'static str) -> SyntaxError {
        let before = &self.bytes[..end];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
        SyntaxError {
            what,
            line,
            column: end - line_start,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space and gives the next byte, not read.
    fn skip_space(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        let Some(first) = self.skip_space() else {
            return Err(self.ahead(EOF_VALUE));
        };
        match first {
            b'n' => self.word(b"null").map(|()| Node::Null),
            b't' => self.word(b"true").map(|()| Node::Bool(true)),
            b'f' => self.word(b"false").map(|()| Node::Bool(false)),
            b'-' => {
                self.at += 1;
                self.number(false)
            }
            b'0'..=b'9' => self.number(true),
            b'"' => {
                self.at += 1;
                self.string().map(Node::Str)
            }
            b'[' | b'{' => {
                self.depth_left -= 1;
                if self.depth_left == 0 {
                    return Err(self.ahead(TOO_DEEP));
                }
                self.at += 1;
                let node = if first == b'[' {
                    self.array()?
                } else {
                    self.object()?
                };
                // The closing bracket, seen by the loop that ended.
                self.at += 1;
                self.depth_left += 1;
                Ok(node)
            }
            _ => Err(self.ahead(EXPECTED_VALUE)),
        }
    }

    /// `null`, `true` or `false`, its first byte already seen.
    fn word(&mut self, word: &[u8]) -> Result<(), SyntaxError> {
        self.at += 1;
        for &expected in &word[1..] {
            let Some(b) = self.peek() else {
                return Err(self.here(EOF_VALUE));
            };
            self.at += 1;
            if b != expected {
                return Err(self.here(EXPECTED_IDENT));
            }
        }
        Ok(())
    }

    /// The items of an array, its `[` read; stops at the `]`, not read.
    fn array(&mut self) -> Result<Node<'a>, SyntaxError> {
        let base = self.items.len();
        loop {
            let Some(b) = self.skip_space() else {
                return Err(self.ahead(EOF_LIST));
            };
            if b == b']' {
                return Ok(Node::Seq(self.items.split_off(base)));
            }
            if self.items.len() > base {
                if b != b',' {
                    return Err(self.ahead(EXPECTED_LIST_END));
                }
                self.at += 1;
                match self.skip_space() {
                    Some(b']') => return Err(self.ahead(TRAILING_COMMA)),
                    Some(_) => {}
                    None => return Err(self.ahead(EOF_VALUE)),
                }
            }
            let value = self.value()?;
            self.items.push(value);
        }
    }

    /// The entries of an object, its `{` read; stops at the `}`, not read.
    fn object(&mut self) -> Result<Node<'a>, SyntaxError> {
        let base = self.entries.len();
        loop {
            let Some(b) = self.skip_space() else {
                return Err(self.ahead(EOF_OBJECT));
            };
            if b == b'}' {
                return Ok(Node::Map(self.entries.split_off(base)));
            }
            if self.entries.len() == base {
                if b != b'"' {
                    return Err(self.ahead(KEY_NOT_STRING));
                }
            } else {
                if b != b',' {
                    return Err(self.ahead(EXPECTED_OBJECT_END));
                }
                self.at += 1;
                match self.skip_space() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.ahead(TRAILING_COMMA)),
                    Some(_) => return Err(self.ahead(KEY_NOT_STRING)),
                    None => return Err(self.ahead(EOF_VALUE)),
                }
            }
            self.at += 1;
            let key = self.string()?;
            match self.skip_space() {
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.ahead(EXPECTED_COLON)),
                None => return Err(self.ahead(EOF_OBJECT)),
            }
            let value = self.value()?;
            self.entries.push((key, value));
        }
    }

    /// A string's contents, its opening quote read; reads the closing quote.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let mut start = self.at;
        let mut owned: Option<String> = None;
        loop {
            let rest = &self.bytes[self.at..];
            let Some(n) = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            else {
                self.at = self.bytes.len();
                return Err(self.here(EOF_STRING));
            };
            let end = self.at + n;
            // Quotes and backslashes are ASCII: `start..end` is whole characters.
            let piece = &self.text[start..end];
            self.at = end + 1;
            match self.bytes[end] {
                b'"' => {
                    return Ok(match owned {
                        None => Cow::Borrowed(piece),
                        Some(mut s) => {
                            s.push_str(piece);
                            Cow::Owned(s)
                        }
                    })
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(piece);
                    self.escape(s)?;
                    start = self.at;
                }
                _ => return Err(self.here(CONTROL)),
            }
        }
    }

    /// One escape, its backslash read.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.here(EOF_STRING));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(self.here(INVALID_ESCAPE)),
        };
        out.push(c);
        Ok(())
    }

    /// The character of a `\u` escape (two, for a surrogate pair), `\u` read.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        if (0xdc00..=0xdfff).contains(&first) {
            return Err(self.here(LONE_SURROGATE));
        }
        if !(0xd800..=0xdbff).contains(&first) {
            // Outside the surrogates every code unit is a character.
            return Ok(char::from_u32(u32::from(first)).unwrap_or('\u{fffd}'));
        }
        for expected in [b'\\', b'u'] {
            let Some(b) = self.peek() else {
                return Err(self.here(EOF_STRING));
            };
            self.at += 1;
            if b != expected {
                return Err(self.here(HEX_END));
            }
        }
        let second = self.hex4()?;
        if !(0xdc00..=0xdfff).contains(&second) {
            return Err(self.here(LONE_SURROGATE));
        }
        let c = 0x1_0000 + ((u32::from(first) - 0xd800) << 10) + (u32::from(second) - 0xdc00);
        Ok(char::from_u32(c).unwrap_or('\u{fffd}'))
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Result<u16, SyntaxError> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            self.at = self.bytes.len();
            return Err(self.here(EOF_STRING));
        };
        self.at += 4;
        let mut n = 0u16;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.here(INVALID_ESCAPE)),
            };
            n = (n << 4) | u16::from(v);
        }
        Ok(n)
    }

    /// A number; `positive` is false when its `-` has been read.
    fn number(&mut self, positive: bool) -> Result<Node<'a>, SyntaxError> {
        let start = if positive { self.at } else { self.at - 1 };
        // The whole part: one `0`, or a non-zero digit and more digits.
        let Some(first) = self.peek() else {
            return Err(self.here(EOF_VALUE));
        };
        self.at += 1;
        let mut whole = match first {
            b'0' => {
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.ahead(INVALID_NUMBER));
                }
                Some(0u64)
            }
            b'1'..=b'9' => Some(u64::from(first - b'0')),
            _ => return Err(self.here(INVALID_NUMBER)),
        };
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            self.at += 1;
            // Beyond 64 bits the number is read as a float.
            whole = whole
                .and_then(|w| w.checked_mul(10))
                .and_then(|w| w.checked_add(u64::from(d - b'0')));
        }
        let mut float = whole.is_none();
        // Whether every digit of the significand is zero (an exponent too large
        // for 32 bits then gives zero instead of an error).
        let mut zero = whole == Some(0);
        if self.peek() == Some(b'.') {
            float = true;
            self.at += 1;
            let digits = self.digits();
            if digits.is_empty() {
                return Err(match self.peek() {
                    Some(_) => self.ahead(INVALID_NUMBER),
                    None => self.ahead(EOF_VALUE),
                });
            }
            zero = zero && digits.iter().all(|&d| d == b'0');
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            float = true;
            self.at += 1;
            let negative_exponent = match self.peek() {
                Some(b'+') => {
                    self.at += 1;
                    false
                }
                Some(b'-') => {
                    self.at += 1;
                    true
                }
                _ => false,
            };
            let Some(first) = self.peek() else {
                return Err(self.here(EOF_VALUE));
            };
            self.at += 1;
            if !first.is_ascii_digit() {
                return Err(self.here(INVALID_NUMBER));
            }
            let mut exponent = i32::from(first - b'0');
            while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
                self.at += 1;
                match exponent
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(d - b'0')))
                {
                    Some(e) => exponent = e,
                    None => {
                        // An exponent beyond 32 bits: too large unless the
                        // number is zero or the exponent negative.
                        if !zero && !negative_exponent {
                            return Err(self.here(OUT_OF_RANGE));
                        }
                        self.digits();
                        return Ok(Node::Float(if positive { 0.0 } else { -0.0 }));
                    }
                }
            }
        }
        if !float {
            let whole = whole.unwrap_or(0);
            if positive {
                return Ok(Node::Unsigned(whole));
            }
            // `-0` and anything below i64::MIN are floats.
            return Ok(match 0i64.checked_sub_unsigned(whole) {
                Some(n) if whole != 0 => Node::Signed(n),
                _ => Node::Float(-(whole as f64)),
            });
        }
        match float_value(&self.text[start..self.at]) {
            Some(f) => Ok(Node::Float(f)),
            None => Err(self.here(OUT_OF_RANGE)),
        }
    }

    /// The run of ASCII digits here, read.
    fn digits(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_kind_of_value() {
        let n =
            parse(r#" {"a": [null, true, false, 0, -3, 1.5e2, "x\u00e9\ud83d\ude00"]} "#).unwrap();
        let Node::Map(entries) = n else { panic!() };
        assert_eq!(entries[0].0, "a");
        assert_eq!(
            entries[0].1,
            Node::Seq(vec![
                Node::Null,
                Node::Bool(true),
                Node::Bool(false),
                Node::Unsigned(0),
                Node::Signed(-3),
                Node::Float(150.0),
                Node::Str(Cow::Owned("xé😀".into())),
            ])
        );
    }

    #[test]
    fn numbers_at_the_edges() {
        assert_eq!(
            parse("18446744073709551615").unwrap(),
            Node::Unsigned(u64::MAX)
        );
        assert_eq!(
            parse("18446744073709551616").unwrap(),
            Node::Float(18446744073709551616.0)
        );
        assert_eq!(
            parse("-9223372036854775808").unwrap(),
            Node::Signed(i64::MIN)
        );
        assert_eq!(
            parse("-9223372036854775809").unwrap(),
            Node::Float(-9223372036854775809.0)
        );
        let Node::Float(z) = parse("-0").unwrap() else {
            panic!()
        };
        assert!(z == 0.0 && z.is_sign_negative());
        assert_eq!(parse("1e-99999999999").unwrap(), Node::Float(0.0));
        assert_eq!(
            err("1e99999999999"),
            "number out of range at line 1 column 12"
        );
        assert_eq!(err("1e400"), "number out of range at line 1 column 5");
    }

    #[test]
    fn problems_are_worded_and_placed_as_serde_json_does() {
        assert_eq!(err("[1, 2"), "EOF while parsing a list at line 1 column 5");
        assert_eq!(err("{\"a\" 1}"), "expected `:` at line 1 column 6");
        assert_eq!(err("[1,]"), "trailing comma at line 1 column 4");
        assert_eq!(err("nul"), "EOF while parsing a value at line 1 column 3");
        assert_eq!(err("\n\n  x"), "expected value at line 3 column 3");
        assert_eq!(err("01"), "invalid number at line 1 column 2");
        assert_eq!(
            err("\"\\ud800\""),
            "unexpected end of hex escape at line 1 column 8"
        );
        assert_eq!(err("1 2"), "trailing characters at line 1 column 3");
        let deep = "[".repeat(200);
        assert_eq!(err(&deep), "recursion limit exceeded at line 1 column 128");
        for text in [
            "[1, 2",
            "{\"a\" 1}",
            "[1,]",
            "nul",
            "\n\n  x",
            "01",
            "\"\\ud800\"",
            "1 2",
            "",
            "-",
        ] {
            same_as_serde_json(text);
        }
    }

    /// The tree as text that tells every value apart (a float's bits, a
    /// borrowed string from an owned one), to compare two readers.
    fn exact(n: &Node<'_>) -> String {
        match n {
            Node::Null => "null".into(),
            Node::Bool(b) => b.to_string(),
            Node::Unsigned(u) => format!("u{u}"),
            Node::Signed(i) => format!("i{i}"),
            Node::Float(f) => format!("f{:x}", f.to_bits()),
            Node::Str(Cow::Borrowed(s)) => format!("b{s:?}"),
            Node::Str(Cow::Owned(s)) => format!("o{s:?}"),
            Node::Seq(items) => format!(
                "[{}]",
                items.iter().map(exact).collect::<Vec<_>>().join(",")
            ),
            Node::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}:{}", exact(&Node::Str(k.clone())), exact(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    /// Both readers on one text: the same tree, or the same message.
    fn same_as_serde_json(text: &str) {
        let ours = parse(text).map(|n| exact(&n)).map_err(|e| e.to_string());
        let theirs = super::super::tree::parse_with_serde_json(text)
            .map(|n| exact(&n))
            .map_err(|e| e.to_string());
        assert_eq!(ours, theirs, "on {text:?}");
    }

    /// A random document: nested values, numbers of every shape, strings
    /// with escapes and non-ASCII text, odd white space.
    fn document(next: &mut impl FnMut() -> u64, depth: u32, out: &mut String) {
        const SPACE: [&str; 6] = ["", "", " ", "\n", "\t", "\r\n  "];
        const NUMBERS: [&str; 24] = [
            "0",
            "-0",
            "7",
            "-12",
            "3.25",
            "-0.0",
            "1e5",
            "1E-5",
            "2.5e+3",
            "0.1",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
            "1.8e308",
            "4.9e-324",
            "2e-324",
            "0.30000000000000004",
            "9007199254740993",
            "1e2147483647",
            "0e99999999999",
            "1.000000000000000000000000000001",
        ];
        const STRINGS: [&str; 10] = [
            "",
            "plain",
            "张三",
            "tab\\tnew\\nline",
            "\\u00e9\\u4e2d",
            "\\ud83d\\ude00",
            "q\\\"b\\\\s\\/",
            "\\b\\f\\r",
            "2024-03-04T08:20:00+08:00",
            "mixed 中文 and \\u0041",
        ];
        let pick = |next: &mut dyn FnMut() -> u64, n: usize| (next() % n as u64) as usize;
        out.push_str(SPACE[pick(next, SPACE.len())]);
        let kind = if depth > 4 {
            pick(next, 5)
        } else {
            pick(next, 7)
        };
        match kind {
            0 => out.push_str(["null", "true", "false"][pick(next, 3)]),
            1 | 2 => {
                if next() % 3 == 0 {
                    // A random number of random digits, fraction and exponent.
                    if next() % 2 == 0 {
                        out.push('-');
                    }
                    let digits = 1 + pick(next, 25);
                    for i in 0..digits {
                        let d = if i == 0 {
                            1 + pick(next, 9)
                        } else {
                            pick(next, 10)
                        };
                        out.push(char::from(b'0' + d as u8));
                    }
                    if next() % 2 == 0 {
                        out.push('.');
                        for _ in 0..1 + pick(next, 20) {
                            out.push(char::from(b'0' + pick(next, 10) as u8));
                        }
                    }
                    if next() % 2 == 0 {
                        out.push_str(["e", "E", "e-", "e+"][pick(next, 4)]);
                        out.push_str(&pick(next, 400).to_string());
                    }
                } else {
                    out.push_str(NUMBERS[pick(next, NUMBERS.len())]);
                }
            }
            3 | 4 => {
                out.push('"');
                out.push_str(STRINGS[pick(next, STRINGS.len())]);
                out.push('"');
            }
            5 => {
                out.push('[');
                for i in 0..pick(next, 4) {
                    if i > 0 {
                        out.push(',');
                    }
                    document(next, depth + 1, out);
                }
                out.push_str(SPACE[pick(next, SPACE.len())]);
                out.push(']');
            }
            _ => {
                out.push('{');
                for i in 0..pick(next, 4) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(SPACE[pick(next, SPACE.len())]);
                    out.push('"');
                    out.push_str(STRINGS[pick(next, STRINGS.len())]);
                    out.push('"');
                    out.push_str(SPACE[pick(next, SPACE.len())]);
                    out.push(':');
                    document(next, depth + 1, out);
                }
                out.push_str(SPACE[pick(next, SPACE.len())]);
                out.push('}');
            }
        }
        out.push_str(SPACE[pick(next, SPACE.len())]);
    }

    #[test]
    fn reads_generated_documents_as_serde_json_does() {
        let mut next = crate::sort::xorshift(0x5eed_1234_abcd);
        for _ in 0..3000 {
            let mut text = String::new();
            document(&mut next, 0, &mut text);
            same_as_serde_json(&text);
        }
    }

    /// Damaged documents: each generated document with one byte (or one
    /// character) taken out, replaced or put in, and cut short.
    #[test]
    fn refuses_damaged_documents_as_serde_json_does() {
        const INSERTS: [&str; 22] = [
            "", "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "-", ".", "e", "0",
            "1", " ", "\n", "\u{1}", "x", "中", "\\uDC00",
        ];
        let mut next = crate::sort::xorshift(0xdead_beef_0042);
        for _ in 0..1500 {
            let mut text = String::new();
            document(&mut next, 0, &mut text);
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for _ in 0..6 {
                let at = cuts[(next() % cuts.len() as u64) as usize];
                let insert = INSERTS[(next() % INSERTS.len() as u64) as usize];
                let end = cuts.iter().copied().find(|&c| c > at).unwrap_or(at);
                // Put in, replace the next character, or cut the rest.
                let damaged = match next() % 3 {
                    0 => format!("{}{insert}{}", &text[..at], &text[at..]),
                    1 => format!("{}{insert}{}", &text[..at], &text[end..]),
                    _ => text[..at].to_owned(),
                };
                same_as_serde_json(&damaged);
            }
        }
    }

    /// Numbers of every length and scale, each to the same bits.
    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        let mut next = crate::sort::xorshift(0x0123_4567_89ab);
        for _ in 0..20_000 {
            let mut text = String::new();
            if next() % 2 == 0 {
                text.push('-');
            }
            let whole = 1 + next() % 30;
            for k in 0..whole {
                let d = if k == 0 && whole > 1 {
                    1 + next() % 9
                } else {
                    next() % 10
                };
                text.push(char::from(b'0' + d as u8));
            }
            if next() % 3 != 0 {
                text.push('.');
                for _ in 0..1 + next() % 30 {
                    text.push(char::from(b'0' + (next() % 10) as u8));
                }
            }
            if next() % 2 == 0 {
                text.push_str(["e", "E", "e-", "e+"][(next() % 4) as usize]);
                text.push_str(&(next() % 340).to_string());
            }
            same_as_serde_json(&text);
        }
    }

    #[test]
    fn nesting_at_the_limit() {
        for depth in [126, 127, 128, 129] {
            same_as_serde_json(&("[".repeat(depth) + &"]".repeat(depth)));
            same_as_serde_json(&("{\"a\":".repeat(depth) + "1" + &"}".repeat(depth)));
        }
    }
}
