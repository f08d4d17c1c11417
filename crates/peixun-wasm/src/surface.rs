//! The `Engine` class and the functions JavaScript sees (see the crate docs).

use peixun::error::{ApiCode, InputCode, InternalCode};
use std::cell::RefCell;

use js_sys::{JsString, Reflect, JSON};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use peixun::engine::Engine as CoreEngine;
use peixun::error::Problem;
use peixun::input::Chain;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string (js-sys's takes a `&str`, which would be
    /// handed over as UTF-8 again).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
}

/// How deep a JS value handed to the engine may nest (as serde_json's limit).
const MAX_DEPTH: u32 = 128;

/// Turns a problem into a thrown JS `Error` with `code`, `path`, `messageZh`
/// and `messageEn`.
fn to_js_error(p: &Problem) -> JsValue {
    let err = js_sys::Error::new(&format!("{}: {}", p.code, p.message_en));
    err.set_name("PeixunError");
    let obj: &JsValue = err.as_ref();
    for (key, value) in [
        ("code", p.code.as_str()),
        ("path", p.path.as_str()),
        ("messageZh", p.message_zh.as_str()),
        ("messageEn", p.message_en.as_str()),
    ] {
        // Setting a property on a fresh Error cannot fail; if it ever did, the
        // error would still be thrown, only without that property.
        let _ = Reflect::set(obj, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    if !p.details.is_empty() {
        // Each problem, as the plain objects `handleJson` gives (snake_case keys).
        let text = peixun::canonical::to_string(&p.details);
        if let Ok(list) = JSON::parse(&text) {
            let _ = Reflect::set(obj, &JsValue::from_str("details"), &list);
        }
    }
    err.into()
}

fn problem(code: impl Into<peixun::error::Code>, path: &str, zh: String, en: String) -> Problem {
    Problem::new(code, path, zh, en)
}

fn type_name(v: &JsValue) -> String {
    // Only `typeof`: anything more (Array.isArray, instanceof) can run a
    // Proxy's trap, and so throw.
    if v.is_null() {
        "null".to_owned()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// A JS string argument, refused before it is copied if it is too large.
fn string_arg(v: &JsValue, path: &str, max: usize) -> Result<String, Problem> {
    match v.dyn_ref::<JsString>() {
        // A UTF-16 length over the limit means a UTF-8 length over it too.
        Some(s) if s.length() as usize > max => Err(problem(
            InputCode::TooLarge,
            path,
            format!(
                "输入过大（位置 {path}）：{} 个字符，上限 {max} 字节",
                s.length()
            ),
            format!(
                "input too large at {path}: {} characters, limit {max} bytes",
                s.length()
            ),
        )),
        Some(s) => Ok(String::from(s)),
        None => Err(problem(
            InputCode::WrongType,
            path,
            format!(
                "字段类型错误（位置 {path}）：应为字符串，实际为 {}",
                type_name(v)
            ),
            format!(
                "wrong type at {path}: expected a string, got {}",
                type_name(v)
            ),
        )),
    }
}

/// Reads any JS value into JSON, strictly; `path` locates it in the request.
fn json_arg(v: &JsValue, path: &str, max: usize) -> Result<Value, Problem> {
    if v.is_string() {
        return string_arg(v, path, max).map(Value::String);
    }
    // A JS exception must never unwind through the module (it would skip every
    // Rust destructor and leave no error code), and reading an object can
    // throw: a getter, a Proxy trap, `toJSON`. So the value is first walked by
    // JSON.stringify through a catching import: getters that throw, cycles and
    // bigints end here, as an error with a code. (The walk below reads the same
    // properties again; only a value that throws on the second reading but not
    // the first could still get through.)
    if v.is_object() {
        if let Err(e) = JSON::stringify(v) {
            let detail = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "it could not be read".to_owned());
            return Err(problem(
                InputCode::WrongType,
                path,
                format!("字段类型错误（位置 {path}）：无法作为 JSON 读取：{detail}"),
                format!("wrong type at {path}: not readable as JSON: {detail}"),
            ));
        }
    }
    read_js(v, &Chain::Root, 0).map_err(|(below, detail)| {
        // The path below the argument, e.g. `$.trainees[2].id` → `.trainees[2].id`.
        let at = format!("{path}{}", below.strip_prefix('$').unwrap_or(&below));
        problem(
            InputCode::WrongType,
            &at,
            format!("字段类型错误（位置 {at}）：{}", detail.1),
            format!("wrong type at {at}: {}", detail.0),
        )
    })
}

/// Why a JS value is not JSON, in English and Chinese.
type NotJson = (String, String);

/// Reads a JS value into JSON, refusing what JSON cannot say; the error
/// carries the path of the value that failed (below `at`).
///
/// `null` and `undefined` are `null`; a number is an integer when it is a
/// safe integer, a finite float otherwise (`NaN` and the infinities are
/// refused); a BigInt must fit `i64` or `u64`; an array is read element by
/// element; a `Map` with string keys and any other non-iterable object
/// (read by `Object.entries`) are objects. Functions, symbols, byte arrays and
/// other iterables (a `Set`) are refused.
fn read_js(v: &JsValue, at: &Chain, depth: u32) -> Result<Value, (String, NotJson)> {
    let fail = |en: String, zh: String| Err((at.path(), (en, zh)));
    if depth > MAX_DEPTH {
        return fail(
            format!("nested more than {MAX_DEPTH} levels deep (or a cycle)"),
            format!("嵌套超过 {MAX_DEPTH} 层（或有循环引用）"),
        );
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(f) = v.as_f64() {
        if js_sys::Number::is_safe_integer(v) {
            return Ok(Value::from(f as i64));
        }
        return match Number::from_f64(f) {
            Some(n) => Ok(Value::Number(n)),
            None => {
                let what = if f.is_nan() {
                    "NaN"
                } else if f > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                };
                fail(
                    format!("invalid value: {what}, expected a finite number"),
                    format!("取值无效：{what}，应为有限的数"),
                )
            }
        };
    }
    if v.is_bigint() {
        if let Ok(n) = i64::try_from(v.clone()) {
            return Ok(Value::from(n));
        }
        if let Ok(n) = u64::try_from(v.clone()) {
            return Ok(Value::from(n));
        }
        return fail(
            "a BigInt outside i64::MIN..u64::MAX".to_owned(),
            "BigInt 超出 i64::MIN..u64::MAX 的范围".to_owned(),
        );
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(items) = v.dyn_ref::<js_sys::Array>() {
        let mut out = Vec::with_capacity(items.length() as usize);
        for (i, item) in items.iter().enumerate() {
            out.push(read_js(&item, &Chain::Index(at, i), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    let entries = if let Some(map) = v.dyn_ref::<js_sys::Map>() {
        js_sys::Array::from(map)
    } else if v.is_object() && !iterable(v) {
        js_sys::Object::entries(v.unchecked_ref())
    } else {
        return fail(
            format!("invalid type: {}, expected a JSON value (null, boolean, finite number, string, array or plain object)", type_name(v)),
            format!("类型不符：{}，应为 JSON 值（null、布尔值、有限的数、字符串、数组或普通对象）", type_name(v)),
        );
    };
    let mut out = Map::new();
    for entry in entries.iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let Some(key) = entry.get(0).as_string() else {
            return fail(
                format!(
                    "invalid type: a {} key, expected a string key",
                    type_name(&entry.get(0))
                ),
                format!("类型不符：键为 {}，应为字符串", type_name(&entry.get(0))),
            );
        };
        let value = read_js(&entry.get(1), &Chain::Key(at, &key), depth + 1)?;
        out.insert(key, value);
    }
    Ok(Value::Object(out))
}

/// Whether an object is iterable (a `Set`, a typed array, a generator…):
/// such objects are not read as plain objects.
fn iterable(v: &JsValue) -> bool {
    Reflect::has(v, &js_sys::Symbol::iterator()).unwrap_or(true)
}

/// Reads the optional `options` argument into the request: a plain object
/// whose keys join the request (`unknown_years`, …); a key the positional
/// arguments already set is refused.
fn merge_options(
    request: &mut Map<String, Value>,
    options: &JsValue,
    max: usize,
) -> Result<(), Problem> {
    if options.is_undefined() || options.is_null() {
        return Ok(());
    }
    match json_arg(options, "$", max)? {
        Value::Object(extra) => {
            for (key, value) in extra {
                if request.contains_key(&key) {
                    let at = format!("$.{key}");
                    return Err(problem(
                        InputCode::UnknownField,
                        &at,
                        format!("未知字段（位置 {at}）：`{key}` 已由参数给出，不能在选项中再给"),
                        format!("unknown field at {at}: `{key}` is an argument, not an option"),
                    ));
                }
                request.insert(key, value);
            }
            Ok(())
        }
        other => Err(problem(
            InputCode::WrongType,
            "$",
            "字段类型错误（位置 $）：选项应为对象".to_owned(),
            format!(
                "wrong type at $: options must be an object, got {}",
                json_type(&other)
            ),
        )),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn internal(detail: String) -> Problem {
    problem(
        InternalCode::Output,
        "$",
        format!("内部错误：{detail}"),
        format!("internal error: {detail}"),
    )
}

/// The engine: the calendar and the policies, parsed once when it is created,
/// then asked many times. Create one and keep it.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    // Every method takes `&self` and borrows the engine only while the engine
    // runs (pure Rust, no JS call), never while JS values are being read.
    engine: RefCell<CoreEngine>,
    max_input_bytes: usize,
    /// Whether answers are handed over as UTF-16 (see `text`), and the
    /// buffer for them, kept to be reused.
    utf16: bool,
    utf16_buffer: RefCell<Vec<u16>>,
}

impl WasmEngine {
    fn max(&self) -> usize {
        self.max_input_bytes
    }

    /// Runs an operation on a request text: canonical JSON, or the problem.
    fn handle(&self, operation: &str, request: &str) -> Result<String, Problem> {
        match self.engine.try_borrow_mut() {
            Ok(mut engine) => engine.handle_mut(operation, request),
            Err(_) => Err(problem(
                ApiCode::Busy,
                "$",
                "引擎正在处理另一个请求（请勿在回调中重入）".to_owned(),
                "the engine is busy with another request (no re-entrant calls)".to_owned(),
            )),
        }
    }

    /// Runs an operation on a request and parses the canonical JSON answer.
    fn run(&self, operation: &str, request: Map<String, Value>) -> Result<JsValue, JsValue> {
        self.run_text(operation, &Value::Object(request).to_string())
    }

    /// Runs an operation on a request's JSON text and parses the answer.
    fn run_text(&self, operation: &str, text: &str) -> Result<JsValue, JsValue> {
        let out = self.handle(operation, text).map_err(|p| to_js_error(&p))?;
        json_parse(&self.js_string(&out))
            .map_err(|_| to_js_error(&internal("unparsable output".to_owned())))
    }

    /// An answer as a JS string (see `text`).
    fn js_string(&self, s: &str) -> JsString {
        match self.utf16_buffer.try_borrow_mut() {
            Ok(mut scratch) => crate::text::js_string(s, self.utf16, &mut scratch),
            Err(_) => crate::text::js_string(s, self.utf16, &mut Vec::new()),
        }
    }

    /// A request's JSON text from named arguments: a plain object or array
    /// as the host's `JSON.stringify` writes it (`text::plain_json`), any
    /// other value read property by property (`json_arg`).
    fn request_text(&self, fields: &[(&str, &JsValue)]) -> Result<String, JsValue> {
        let mut text = String::from("{");
        for (i, (name, value)) in fields.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push('"');
            text.push_str(name);
            text.push_str("\":");
            text.push_str(&self.value_text(value, &format!("$.{name}"))?);
        }
        text.push('}');
        Ok(text)
    }

    /// One JS value as JSON text (see `request_text`).
    fn value_text(&self, value: &JsValue, path: &str) -> Result<String, JsValue> {
        if value.is_object() {
            if let Some(text) = crate::text::plain_json(value) {
                return Ok(text);
            }
        }
        let v = json_arg(value, path, self.max()).map_err(|p| to_js_error(&p))?;
        Ok(v.to_string())
    }

    /// Builds a request from named arguments, reading each JS value.
    fn request(&self, fields: &[(&str, &JsValue)]) -> Result<Map<String, Value>, JsValue> {
        let mut map = Map::new();
        for (name, value) in fields {
            let v =
                json_arg(value, &format!("$.{name}"), self.max()).map_err(|p| to_js_error(&p))?;
            map.insert((*name).to_owned(), v);
        }
        Ok(map)
    }

    fn request_with(
        &self,
        fields: &[(&str, &JsValue)],
        options: &JsValue,
    ) -> Result<Map<String, Value>, JsValue> {
        let mut map = self.request(fields)?;
        merge_options(&mut map, options, self.max()).map_err(|p| to_js_error(&p))?;
        Ok(map)
    }

    fn field(value: &JsValue, name: &str) -> Result<JsValue, JsValue> {
        Reflect::get(value, &JsValue::from_str(name))
            .map_err(|_| to_js_error(&internal(format!("no `{name}` in the output"))))
    }
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Creates an engine with the built-in calendar (2019–2026) and policies.
    /// This parses and lints every policy: do it once and keep the engine.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<WasmEngine, JsValue> {
        CoreEngine::new()
            .map(|engine| WasmEngine {
                max_input_bytes: engine.max_input_bytes(),
                engine: RefCell::new(engine),
                utf16: crate::text::hands_over_utf16(),
                utf16_buffer: RefCell::new(Vec::new()),
            })
            .map_err(|e| to_js_error(&peixun::error::Explain::problem(&e)))
    }

    /// The operations `handleJson` and `call` accept.
    #[wasm_bindgen(unchecked_return_type = "OperationName[]")]
    pub fn operations(&self) -> Vec<String> {
        peixun::api::operations().map(str::to_owned).collect()
    }

    /// Runs `operation` on a JSON request and returns canonical JSON: the same
    /// bytes as the native engine. A problem with the request is returned as
    /// `{"error": {"code", "path", "message_zh", "message_en"}}`; this method
    /// throws only when its arguments are not strings (or are too large).
    #[wasm_bindgen(js_name = handleJson)]
    pub fn handle_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OperationName | string")] operation: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] request_json: JsValue,
    ) -> Result<JsString, JsValue> {
        let op = string_arg(&operation, "operation", 256).map_err(|p| to_js_error(&p))?;
        let req = string_arg(&request_json, "$", self.max()).map_err(|p| to_js_error(&p))?;
        Ok(self.js_string(&match self.handle(&op, &req) {
            Ok(out) => out,
            Err(p) => peixun::api::error_answer(&p),
        }))
    }

    /// Runs any operation on a plain-object request and returns a plain object;
    /// a problem is thrown as a `PeixunError`. (Typed by `Operations` in the
    /// package's types.)
    #[wasm_bindgen(skip_typescript)]
    pub fn call(&self, operation: JsValue, request: JsValue) -> Result<JsValue, JsValue> {
        let op = string_arg(&operation, "operation", 256).map_err(|p| to_js_error(&p))?;
        // A plain object: its text as the host writes it, read as
        // `handleJson` reads a request (one pass, no property-by-property walk).
        if request.is_object() && !js_sys::Array::is_array(&request) {
            if let Some(text) = crate::text::plain_json(&request) {
                return self.run_text(&op, &text);
            }
        }
        let request = match json_arg(&request, "$", self.max()).map_err(|p| to_js_error(&p))? {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            other => {
                return Err(to_js_error(&problem(
                    InputCode::WrongType,
                    "$",
                    "字段类型错误（位置 $）：请求应为对象".to_owned(),
                    format!(
                        "wrong type at $: the request must be an object, got {}",
                        json_type(&other)
                    ),
                )))
            }
        };
        self.run(&op, request)
    }

    /// Checks an applicant against a policy's eligibility rules.
    #[wasm_bindgen(js_name = checkEligibility, unchecked_return_type = "Verdict")]
    pub fn check_eligibility(
        &self,
        #[wasm_bindgen(js_name = policyId, unchecked_param_type = "string")] policy_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Applicant")] applicant: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_text(&[("policy", &policy_id), ("applicant", &applicant)])?;
        self.run_text("eligibility", &req)
    }

    /// Checks a resident ID number (GB 11643-1999; a 15-digit number is upgraded).
    #[wasm_bindgen(js_name = checkId, unchecked_return_type = "ResidentIdInfo")]
    pub fn check_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request(&[("number", &number)])?;
        self.run("id.check", req)
    }

    /// Masks a number for a public list: first 6 and last 4 visible unless
    /// `rule` says otherwise. The number is not checked.
    #[wasm_bindgen(js_name = maskId, unchecked_return_type = "string")]
    pub fn mask_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MaskRule")] rule: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_with(&[("number", &number)], &rule)?;
        let out = self.run("id.mask", req)?;
        Self::field(&out, "masked")
    }

    /// Checks a unified social credit code (GB 32100-2015).
    #[wasm_bindgen(js_name = checkCreditCode, unchecked_return_type = "CreditCodeInfo")]
    pub fn check_credit_code(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request(&[("code", &code)])?;
        self.run("credit_code.check", req)
    }

    /// Lints a policy file (TOML or JSON) without loading it.
    #[wasm_bindgen(js_name = lintPolicy, unchecked_return_type = "PolicyRef")]
    pub fn lint_policy(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request(&[("text", &text)])?;
        self.run("policy.lint", req)
    }

    /// Loads a deployment's own policy file (TOML or JSON), replacing a policy
    /// with the same ID. Nothing changes if the file has any problem.
    #[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "PolicyRef")]
    pub fn load_policy(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request(&[("text", &text)])?;
        self.run("policy.load", req)
    }

    /// The loaded policies.
    #[wasm_bindgen(js_name = listPolicies, unchecked_return_type = "PolicySummary[]")]
    pub fn list_policies(&self) -> Result<JsValue, JsValue> {
        let out = self.run("policy.list", Map::new())?;
        Self::field(&out, "policies")
    }

    /// Checks a year's plan, county by county, against the policy's
    /// plan-level rules (JZ-S4's local brands, JZ-P3's share of the annual plan).
    #[wasm_bindgen(js_name = checkPlan, unchecked_return_type = "PlanCheck")]
    pub fn check_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanCheckRequest")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.call(JsValue::from_str("plan.check"), request)
    }

    /// Everything the calendar says about one day (`YYYY-MM-DD`).
    #[wasm_bindgen(js_name = calendarDay, unchecked_return_type = "CalendarDay")]
    pub fn calendar_day(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_with(&[("date", &date)], &options)?;
        self.run("calendar.day", req)
    }

    /// Whether a day is a working day. A year the calendar does not know is
    /// the error `calendar.year_unknown` (never a guess; see `calendarDay` for
    /// an answer under an explicit assumption).
    #[wasm_bindgen(js_name = isWorkday, unchecked_return_type = "boolean")]
    pub fn is_workday(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request(&[("date", &date)])?;
        let out = self.run("calendar.day", req)?;
        Self::field(&out, "workday")
    }

    /// The holiday a day belongs to (a rest day or a make-up working day of
    /// it), or `null`.
    #[wasm_bindgen(js_name = holidayName, unchecked_return_type = "string | null")]
    pub fn holiday_name(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request(&[("date", &date)])?;
        let out = self.run("calendar.day", req)?;
        Self::field(&out, "holiday")
    }

    /// The working days of a month (`month` 1–12).
    #[wasm_bindgen(js_name = workdaysInMonth, unchecked_return_type = "MonthWorkdays")]
    pub fn workdays_in_month(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] month: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_with(&[("year", &year), ("month", &month)], &options)?;
        self.run("calendar.month", req)
    }

    /// The number of working days from `from` to `to`, both included.
    #[wasm_bindgen(js_name = countWorkdays, unchecked_return_type = "WorkdayCount")]
    pub fn count_workdays(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_with(&[("from", &from), ("to", &to)], &options)?;
        self.run("calendar.count", req)
    }

    /// The day `n` working days after `date` (before it when `n` is negative;
    /// `date` itself is not counted; `n = 0` gives `date` if it is a working day).
    #[wasm_bindgen(js_name = addWorkdays, unchecked_return_type = "WorkdayStep")]
    pub fn add_workdays(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_with(&[("date", &date), ("n", &n)], &options)?;
        self.run("calendar.add", req)
    }

    /// The first working day strictly after `date`.
    #[wasm_bindgen(js_name = nextWorkday, unchecked_return_type = "WorkdayStep")]
    pub fn next_workday(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_with(&[("date", &date)], &options)?;
        self.run("calendar.next", req)
    }

    /// The last working day strictly before `date`.
    #[wasm_bindgen(js_name = previousWorkday, unchecked_return_type = "WorkdayStep")]
    pub fn previous_workday(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req = self.request_with(&[("date", &date)], &options)?;
        self.run("calendar.previous", req)
    }

    /// Loads next year's holiday notice (or a corrected one): a notice object,
    /// its JSON text, or text in the built-in table format. All or nothing.
    #[wasm_bindgen(js_name = applyCalendarUpdate, unchecked_return_type = "CalendarUpdateSummary")]
    pub fn apply_calendar_update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CalendarNotice | string")] update: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = match json_arg(&update, "$", self.max()).map_err(|p| to_js_error(&p))? {
            Value::String(s) => s,
            other @ Value::Object(_) => other.to_string(),
            other => {
                return Err(to_js_error(&problem(
                    InputCode::WrongType,
                    "$",
                    "字段类型错误（位置 $）：更新应为通知对象或文本".to_owned(),
                    format!(
                        "wrong type at $: the update must be a notice object or text, got {}",
                        json_type(&other)
                    ),
                )))
            }
        };
        let mut req = Map::new();
        req.insert("text".to_owned(), Value::String(text));
        self.run("calendar.update", req)
    }
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The operations that change an engine (`policy.load`, `calendar.update`).
#[wasm_bindgen(js_name = mutatingOperations, unchecked_return_type = "OperationName[]")]
pub fn mutating_operations() -> Vec<String> {
    peixun::ops::all()
        .filter(|op| op.changes_engine())
        .map(|op| op.name.to_owned())
        .collect()
}
