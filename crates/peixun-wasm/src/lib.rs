//! The WebAssembly surface: one `Engine` class for JavaScript.
//!
//! Everything goes through [`peixun::engine::Engine::handle_mut`], the same entry
//! point the golden corpus and the server use, so the module answers with the
//! same bytes as the native engine. Three layers, thinnest first:
//!
//! - `handleJson(operation, requestJson)`: a JSON text in, canonical JSON out;
//!   a problem with the request comes back as `{"error": {…}}`, exactly as
//!   [`peixun::engine::Engine::handle_mut_to_json`] writes it. This is the
//!   byte-comparable path.
//! - `call(operation, request)`: a plain JS object in, a plain JS object out,
//!   for every operation the engine knows, today's and those added later, with
//!   no code here per operation. A problem is thrown.
//! - Named, typed methods for today's operations (`checkEligibility`,
//!   `checkId`, `isWorkday`, …), each a one-line request built for `call`.
//!
//! Inputs are read with `js-sys` into a JSON value (strictly: no `NaN`, no
//! functions, at most 128 levels deep; `read_js`), written as JSON and handed to
//! the engine, which reads it exactly as it reads JSON from any other surface:
//! the same checks, the same error codes, the same paths. Outputs are the
//! engine's canonical JSON, parsed by the JS engine's `JSON.parse`, so an
//! object from `call` and the text from `handleJson` never disagree. Money is
//! a string and no 64-bit integer reaches JS.
//!
//! Errors are thrown as real JS `Error` objects, `name` `PeixunError`, with the
//! properties `code`, `path`, `messageZh` and `messageEn`. The code here does
//! not panic on any input (a panic would abort the instance): the package's
//! garbage test feeds every exported function wrong types, `null`,
//! `undefined`, huge strings and malformed JSON.

#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
mod surface;
#[cfg(target_arch = "wasm32")]
pub use surface::{mutating_operations, version, WasmEngine};
#[cfg(target_arch = "wasm32")]
mod text;
mod utf16;
