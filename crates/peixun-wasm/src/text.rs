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

#[wasm_bindgen(module = "/src/utf16.js")]
extern "C" {
    /// Whether this host takes answers as UTF-16. (`catch` puts the call
    /// through a shim in the glue: without one, a function that takes and
    /// gives only numbers is imported by the module straight from
    /// `utf16.js`, and the package's loaders give the module one import
    /// object, the glue's. The shim touches no memory view either, so a new
    /// `Engine` needs none.)
    #[wasm_bindgen(js_name = handsOverUtf16, catch)]
    fn hands_over_utf16_js() -> Result<bool, JsValue>;

    /// A JS string from UTF-16 code units (a view of this module's memory,
    /// read before the call returns).
    #[wasm_bindgen(js_name = decodeUtf16)]
    fn decode_utf16(units: &[u16]) -> JsString;

    /// A plain JS value as JSON text, or `undefined` when it is not plain
    /// (see `plainJson` in `utf16.js`).
    #[wasm_bindgen(js_name = plainJson, catch)]
    fn plain_json_js(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// A plain JS value (objects, arrays, strings, booleans, null, safe integers,
/// finite numbers) as JSON text written by the host's `JSON.stringify`;
/// `None` for anything else, which the caller reads property by property.
pub(super) fn plain_json(value: &JsValue) -> Option<String> {
    plain_json_js(value).ok()?.as_string()
}

/// Whether this host takes answers as UTF-16.
pub(super) fn hands_over_utf16() -> bool {
    hands_over_utf16_js().unwrap_or(false)
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
