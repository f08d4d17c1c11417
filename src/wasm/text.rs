//! Answers handed to JavaScript: as UTF-16 where the host makes strings from
//! it faster than from UTF-8.
//!
//! A JS string is UTF-16. wasm-bindgen hands text over as UTF-8 and the host
//! decodes it, and for text with Chinese in it Node's decoder is slow: about
//! 10 µs for a 3.7 KB eligibility verdict, a third of the whole native check,
//! against 0.5 µs to make the same string from UTF-16 code units with
//! `Buffer`. So where the host is Node, or has no `TextDecoder` at all (some
//! mini-programs), the answer is converted to UTF-16 here, into a buffer the
//! engine keeps between calls, and the host makes the string from a view of
//! that buffer. Browsers decode UTF-8 faster than UTF-16 and keep the usual
//! path. The choice is made once, in `utf16.js`.

use crate::utf16::to_utf16;
use js_sys::JsString;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/utf16.js")]
extern "C" {
    /// How this host makes strings: `buffer`, `utf8` or `chars`. (A string,
    /// so that the call goes through the glue: a function with no argument
    /// or result to convert would be imported by the module straight from
    /// `utf16.js`, and the package's loaders give the module one import
    /// object, the glue's.)
    #[wasm_bindgen(js_name = textMode)]
    fn text_mode() -> String;

    /// A JS string from UTF-16 code units (a view of this module's memory,
    /// read before the call returns).
    #[wasm_bindgen(js_name = decodeUtf16)]
    fn decode_utf16(units: &[u16]) -> JsString;
}

/// Whether this host takes answers as UTF-16.
pub(super) fn hands_over_utf16() -> bool {
    text_mode() != "utf8"
}

/// `s` as a JS string: through the UTF-16 buffer `scratch` when `utf16`,
/// else as UTF-8 (wasm-bindgen's glue).
pub(super) fn js_string(s: &str, utf16: bool, scratch: &mut Vec<u16>) -> JsString {
    if utf16 {
        let n = to_utf16(s, scratch);
        decode_utf16(&scratch[..n])
    } else {
        JsString::from(s)
    }
}
