//! What every handler answers with: `ApiError` (a status and a problem, sent as
//! an RFC 9457 problem document, `application/problem+json`), JSON responses,
//! the request body as text, the `Idempotency-Key` header, the query string
//! read parameter by parameter (`QueryParams`), pages of lists, `Location`.

use crate::codes::VerifierCode;
use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use peixun::error::Problem;

/// The media type of every error answer (RFC 9457).
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// An error response: an HTTP status and a problem, sent as an RFC 9457
/// problem document (see [`problem_body`]).
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub problem: Problem,
}

impl ApiError {
    /// A refusal with the verifier's own code (`VerifierCode`) or one of
    /// the engine's (`peixun::error::ServerCode`, …).
    pub fn new(
        status: StatusCode,
        code: impl Into<peixun::error::Code>,
        path: &str,
        zh: String,
        en: String,
    ) -> ApiError {
        ApiError {
            status,
            problem: Problem::new(code, path, zh, en),
        }
    }

    /// An engine problem, with the status its code calls for.
    pub fn engine(problem: Problem) -> ApiError {
        use peixun::error::{ApiCode, Code, InputCode};
        let status = match problem.code {
            Code::Input(InputCode::TooLarge) => StatusCode::PAYLOAD_TOO_LARGE,
            Code::Api(ApiCode::UnknownOperation) => StatusCode::NOT_FOUND,
            Code::Lifecycle(_) => StatusCode::CONFLICT,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError { status, problem }
    }

    pub fn db(e: &sqlx::Error) -> ApiError {
        tracing::error!(error = %e, "ledger error");
        let status = if super::ledger::is_retryable(e) {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        ApiError {
            status,
            problem: super::ledger::db_problem(e),
        }
    }

    pub fn internal(what: &str) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            peixun::error::ServerCode::Internal,
            "$",
            format!("服务器内部错误：{what}"),
            format!("internal server error: {what}"),
        )
    }
}

/// The body of an error answer: RFC 9457's `type` (`about:blank`: the `code`
/// is what tells problems apart), `title` (the status's reason phrase),
/// `status` and `detail` (the English message); the problem's own `code`,
/// `path`, `message_zh`, `message_en` as extension members; and the same
/// problem under `error`, exactly as `Engine::handle` writes it (`details`
/// included), which the clients written before read. Canonical JSON.
pub(crate) fn problem_body(status: StatusCode, problem: &Problem) -> String {
    let engine = peixun::api::error_answer(problem);
    let error = serde_json::from_str::<Value>(&engine)
        .ok()
        .and_then(|mut v| v.get_mut("error").map(Value::take))
        .unwrap_or(Value::Null);
    let body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": problem.message_en,
        "code": problem.code,
        "path": problem.path,
        "message_zh": problem.message_zh,
        "message_en": problem.message_en,
        "error": error,
    });
    peixun::canonical::value_to_string(&body)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (
            self.status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            problem_body(self.status, &self.problem),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            // RFC 6750 §3: the scheme, and why a token sent was refused.
            use peixun::error::Code;
            let code = self.problem.code;
            let challenge = if code == Code::from(VerifierCode::AuthInvalidToken) {
                r#"Bearer realm="peixun", error="invalid_token""#
            } else if code == Code::from(VerifierCode::AuthMalformed) {
                r#"Bearer realm="peixun", error="invalid_request""#
            } else {
                r#"Bearer realm="peixun""#
            };
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        res
    }
}

/// Whether a response already carries a JSON body (a problem or not).
pub(crate) fn is_json(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.starts_with(PROBLEM_JSON))
}

/// A JSON body with a status and a `Location` (a 201's new resource).
pub(crate) fn created(location: &str, body: String) -> Response {
    let mut res = json_response(StatusCode::CREATED, body);
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// A path segment percent-encoded (RFC 3986: every byte but the unreserved
/// characters), for a `Location` built from an identifier.
pub(crate) fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A query-string fault: 400 `http.bad_query`, its path `$query.<name>`.
pub(crate) fn bad_query(name: &str, zh: String, en: String) -> ApiError {
    let path = if name.is_empty() {
        "$query".to_owned()
    } else {
        format!("$query.{name}")
    };
    ApiError::new(
        StatusCode::BAD_REQUEST,
        VerifierCode::HttpBadQuery,
        &path,
        zh,
        en,
    )
}

/// The query string, decoded into its parameters in order. A handler names
/// the parameters its route takes ([`QueryParams::only`]); any other, or one
/// given twice, is refused, so that a misspelt filter never silently lists
/// everything.
#[derive(Debug, Default)]
pub(crate) struct QueryParams(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let pairs = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|e| {
                bad_query(
                    "",
                    format!("查询字符串无法解析：{e}"),
                    format!("the query string cannot be read: {e}"),
                )
            })?;
        Ok(QueryParams(pairs.0))
    }
}

impl QueryParams {
    /// Refuses a parameter not in `allowed`, or one given twice.
    pub fn only(self, allowed: &[&str]) -> Result<QueryParams, ApiError> {
        for (i, (name, _)) in self.0.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                let list = allowed.join(", ");
                return Err(bad_query(
                    name,
                    format!("不支持查询参数 {name}（可用：{list}）"),
                    format!("unknown query parameter `{name}` (this route takes: {list})"),
                ));
            }
            if self.0[..i].iter().any(|(n, _)| n == name) {
                return Err(bad_query(
                    name,
                    format!("查询参数 {name} 出现了两次"),
                    format!("the query parameter `{name}` is given twice"),
                ));
            }
        }
        Ok(self)
    }

    /// A parameter's value, if given (an empty value counts as given).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A parameter that must be given, not empty.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        match self.get(name) {
            Some(v) if !v.trim().is_empty() => Ok(v),
            _ => Err(bad_query(
                name,
                format!("缺少查询参数 {name}"),
                format!("the query parameter `{name}` is missing"),
            )),
        }
    }

    /// An integer parameter within `min..=max`, if given.
    pub fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        match v.trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(bad_query(
                name,
                format!("查询参数 {name} 应为 {min} 到 {max} 之间的整数：{v}"),
                format!(
                    "the query parameter `{name}` must be an integer from {min} to {max}: `{v}`"
                ),
            )),
        }
    }

    /// A parameter that must be one of `values`, if given.
    pub fn one_of(&self, name: &str, values: &[&str]) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if values.contains(&v) => Ok(Some(v)),
            Some(v) => {
                let list = values.join(", ");
                Err(bad_query(
                    name,
                    format!("查询参数 {name} 应为 {list} 之一：{v}"),
                    format!("the query parameter `{name}` must be one of {list}: `{v}`"),
                ))
            }
        }
    }

    /// A text filter, if given and not empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.trim().is_empty())
    }

    /// The page a list route is asked for: `limit` (1–500, default 50) and
    /// `offset` (0 or more, default 0).
    pub fn page(&self) -> Result<Page, ApiError> {
        Ok(Page {
            limit: self.int("limit", 1, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT),
            offset: self.int("offset", 0, i64::MAX)?.unwrap_or(0),
        })
    }
}

/// The most items one page of a list holds.
pub(crate) const MAX_LIMIT: i64 = 500;
/// The items a page holds when the request does not say.
pub(crate) const DEFAULT_LIMIT: i64 = 50;

/// A page of a list: at most `limit` items after skipping `offset`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    pub limit: i64,
    pub offset: i64,
}

/// A list's answer: its items under `key`, with `total` (every item the
/// filters match), `limit`, `offset` and the filters applied (`filters`).
pub(crate) fn page_answer(
    key: &str,
    items: Vec<Value>,
    total: i64,
    page: Page,
    filters: serde_json::Map<String, Value>,
) -> Response {
    let mut body = serde_json::Map::new();
    body.insert(key.into(), Value::Array(items));
    body.insert("total".into(), json!(total));
    body.insert("limit".into(), json!(page.limit));
    body.insert("offset".into(), json!(page.offset));
    body.insert("filters".into(), Value::Object(filters));
    json_response(
        StatusCode::OK,
        peixun::canonical::value_to_string(&Value::Object(body)),
    )
}

/// A JSON body with a status.
pub(crate) fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Reads a body as UTF-8.
pub(crate) fn body_text(body: &Bytes) -> Result<String, ApiError> {
    String::from_utf8(body.to_vec()).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            peixun::input::InputCode::MalformedJson,
            "$",
            format!("请求体不是 UTF-8：{e}"),
            format!("the body is not UTF-8: {e}"),
        )
    })
}

/// 503 `http.overloaded`.
pub(crate) fn overloaded() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        VerifierCode::HttpOverloaded,
        "$",
        "服务器繁忙，请稍后重试".into(),
        "the server is busy; try again later".into(),
    )
}

/// The `Idempotency-Key` header, checked.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let missing = || {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            VerifierCode::ClaimIdempotencyKey,
            "$",
            "需要 Idempotency-Key 请求头（1–200 个可见 ASCII 字符）".into(),
            "an Idempotency-Key header (1–200 printable ASCII characters) is required".into(),
        )
    };
    let v = headers
        .get("idempotency-key")
        .ok_or_else(missing)?
        .to_str()
        .map_err(|_| missing())?
        .trim()
        .to_owned();
    if v.is_empty() || v.len() > 200 || !v.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(missing());
    }
    Ok(v)
}
