//! What every handler answers with: `ApiError` (a status and a problem, sent as
//! `{"error": {…}}`), JSON responses, the request body as text, the
//! `Idempotency-Key` header.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use peixun::error::Problem;

/// An error response: an HTTP status and a problem, sent as `{"error": {…}}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub problem: Problem,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        path: &str,
        zh: String,
        en: String,
    ) -> ApiError {
        ApiError {
            status,
            problem: Problem::foreign(code, path, zh, en),
        }
    }

    /// An engine problem, with the status its code calls for.
    pub fn engine(problem: Problem) -> ApiError {
        let status = match problem.code.as_str() {
            "input.too_large" => StatusCode::PAYLOAD_TOO_LARGE,
            "api.unknown_operation" => StatusCode::NOT_FOUND,
            c if c.starts_with("lifecycle.") => StatusCode::CONFLICT,
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
            "server.internal",
            "$",
            format!("服务器内部错误：{what}"),
            format!("internal server error: {what}"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, peixun::api::error_answer(&self.problem))
    }
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
            "input.malformed_json",
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
        "http.overloaded",
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
            "claim.idempotency_key",
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
