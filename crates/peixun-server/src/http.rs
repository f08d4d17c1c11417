//! The route table and the router: its limits, JSON errors and the handlers
//! of the stateless routes. Handlers elsewhere import what they share from
//! `respond`, `access` and `engine_runs`, never from here.

use crate::codes::VerifierCode;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, MethodRouter};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use super::{AppState, Caller};
use peixun::canonical;

use crate::access::require_authority;
use crate::engine_runs::{blocking, check_work, run_engine};
use crate::ledger::Filter;
use crate::respond::{
    body_text, created, is_json, json_response, overloaded, page_answer, segment, ApiError,
    QueryParams,
};
/// A route: method, path (axum syntax), who may call it, what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// `GET`, `POST`, `DELETE`.
    pub method: &'static str,
    /// Path, with `{parameters}`.
    pub path: &'static str,
    /// `public`, `institution`, `institution or authority`, `authority`.
    pub access: &'static str,
    /// One line.
    pub summary: &'static str,
    /// The engine operation it runs, if it runs exactly one.
    pub operation: Option<&'static str>,
}

const fn r(
    method: &'static str,
    path: &'static str,
    access: &'static str,
    summary: &'static str,
    operation: Option<&'static str>,
) -> Route {
    Route {
        method,
        path,
        access,
        summary,
        operation,
    }
}

type Handler = MethodRouter<AppState>;

fn routes() -> Vec<(Route, Handler)> {
    vec![
        (r("GET", "/health", "public", "Liveness and the ledger's reachability", None), get(health)),
        (r("GET", "/openapi.json", "public", "This API's OpenAPI document", None), get(openapi)),
        (r("GET", "/v1/policies", "public", "The loaded policies (IDs, versions, titles)", Some("policy.list")), get(policies)),
        (r("GET", "/v1/policies/{id}", "public", "One loaded policy as JSON: its identity, source, parameters and rules (with the deployment's own settings)", None), get(policy)),
        (r("GET", "/v1/operations", "public", "The engine operations POST /v1/ops/{operation} accepts", None), get(operations)),
        (r("POST", "/v1/ops/{operation}", "public", "Runs any stateless engine operation: the body is its request, the response its canonical output", None), post(op)),
        (r("POST", "/v1/eligibility", "public", "Checks an applicant against a policy's eligibility rules", Some("eligibility")), post(eligibility)),
        (r("POST", "/v1/vouchers/verify", "public", "Verifies a voucher token offline (the server's trusted keys when the request brings none)", Some("voucher.verify")), post(voucher_verify)),
        (r("POST", "/v1/deadlines/plan", "public", "Plans a class's deadlines on the working-day calendar", Some("deadlines.plan")), post(deadlines)),
        (r("POST", "/v1/plans/check", "public", "Checks a year's plan, county by county, against the policy's plan-level rules", Some("plan.check")), post(plan_check)),
        (r("GET", "/v1/calendar/days/{date}", "public", "One day: working day, weekend, holiday or make-up working day", Some("calendar.day")), get(cal_day)),
        (r("GET", "/v1/calendar/months/{month}", "public", "The working days of a month (YYYY-MM)", Some("calendar.month")), get(cal_month)),
        (r("GET", "/v1/calendar/count", "public", "Working days from `from` to `to`, both included", Some("calendar.count")), get(cal_count)),
        (r("GET", "/v1/calendar/add", "public", "The date `n` working days after (or before) `date`", Some("calendar.add")), get(cal_add)),
        (r("POST", "/v1/claims/verify", "public", "Verifies a claim without recording it", Some("claim.verify")), post(claim_verify)),
        (r("POST", "/v1/claims", "institution", "Submits a claim: verified, cross-checked against the ledger and recorded (Idempotency-Key required)", Some("claim.verify")), post(super::submit::submit)),
        (r("GET", "/v1/claims", "institution or authority", "Lists claims: an institution's own, or all for the authority", None), get(super::submit::list)),
        (r("GET", "/v1/claims/{id}", "institution or authority", "A recorded claim and its verdict (its institution or the authority)", None), get(super::submit::read)),
        (r("POST", "/v1/claims/{id}/review", "authority", "Resolves a claim that needs review to accepted or rejected, with a reason (final; recorded with the reviewer)", None), post(super::review::review)),
        (r("POST", "/v1/vouchers", "authority", "Issues a voucher: signs a token and records apply and issue", None), post(super::vouchers::issue)),
        (r("GET", "/v1/vouchers/{id}", "authority", "A voucher's state and event log", None), get(super::vouchers::read)),
        (r("POST", "/v1/vouchers/{id}/events", "authority", "Records a lifecycle event (JZ-V1); a refused event changes nothing", None), post(super::vouchers::event)),
        (r("POST", "/v1/punches", "public", "Records check-in punches from a trainee's phone, each checked at its own moment by the single-punch rule (FS-A2); a resent punch id is answered `duplicate`", None), post(super::punches::submit)),
        (r("GET", "/v1/punches", "authority", "Recorded punches, accepted and refused, a page at a time (filters: class, trainee, status, policy)", None), get(super::punches::list)),
        (r("GET", "/v1/blacklist", "authority", "The dishonesty list (people by hash, institutions by credit code), a page at a time", None), get(blacklist_list)),
        (r("GET", "/v1/blacklist/{kind}/{subject}", "authority", "One entry of the dishonesty list", None), get(blacklist_read)),
        (r("POST", "/v1/blacklist", "authority", "Adds a person (by ID number, stored as its hash) or an institution", None), post(blacklist_add)),
        (r("DELETE", "/v1/blacklist/{kind}/{subject}", "authority", "Removes an entry", None), delete(blacklist_remove)),
        (r("GET", "/", "public", "Redirects to the demo pages", None), get(root)),
    ]
}

/// The static pages route (served by a file service, not a handler).
pub(crate) const DEMO_ROUTE: Route = r(
    "GET",
    "/demo/{path}",
    "public",
    "The www-demo pages, served statically",
    None,
);

/// Every route the server answers, in the order of the OpenAPI document.
pub fn route_table() -> Vec<Route> {
    let mut v: Vec<Route> = routes().into_iter().map(|(r, _)| r).collect();
    v.push(DEMO_ROUTE);
    v
}

/// The router, with its layers.
pub(crate) fn router(state: AppState) -> Router {
    let limits = state.config.limits.clone();
    let mut app: Router<AppState> = Router::new();
    for (route, handler) in routes() {
        app = app.route(route.path, handler);
    }
    let www = state.config.www_dir.clone();
    let state_for_admit = state.clone();
    let keys_for_log = state.keys.clone();
    let cors = cors_layer(&state.config.cors_origins);
    // The demo's files: a precompressed `.br` beside a file is sent instead
    // (`Content-Encoding: br`, `Vary: Accept-Encoding`) to a client that
    // accepts it; `demo_cache` sets the caching headers.
    let demo = Router::new()
        .fallback_service(
            ServeDir::new(www)
                .append_index_html_on_directories(true)
                .precompressed_br(),
        )
        .layer(axum::middleware::from_fn(demo_cache));
    let app = app
        .nest_service("/demo", demo)
        .fallback(not_found)
        .with_state(state);
    // Innermost first: each `.layer` wraps what is above it.
    app.layer(axum::extract::DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.max_body_bytes,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout(),
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        // The limits on requests in flight and on body memory are semaphores in
        // the shared state, so they count every route together (a tower
        // concurrency layer on a Router is one limit per route).
        .layer(axum::middleware::from_fn_with_state(state_for_admit, admit))
        .layer(axum::middleware::map_response(json_errors))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(move |req: &axum::http::Request<_>| {
                    // A route's template; a path no route matched is logged
                    // with any ID number in it replaced.
                    let path = req
                        .extensions()
                        .get::<axum::extract::MatchedPath>()
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_else(|| {
                            super::privacy::redact_string(&keys_for_log, req.uri().path(), &[])
                        });
                    tracing::info_span!("request", method = %req.method(), path = %path)
                })
                .on_response(|res: &Response, latency: Duration, _span: &tracing::Span| {
                    tracing::info!(
                        status = res.status().as_u16(),
                        latency_ms = latency.as_secs_f64() * 1000.0,
                        "response"
                    );
                }),
        )
        // Outermost: a preflight is answered before any limit, and every
        // answer (errors too) carries the CORS headers a listed origin needs.
        .layer(tower::util::option_layer(cors.clone()))
        .layer(tower::util::option_layer(
            cors.map(|_| axum::middleware::from_fn(only_listed_origins)),
        ))
}

/// Removes every CORS header from an answer to an origin that is not listed
/// (the CORS layer names the allowed methods and headers to any preflight;
/// an origin not listed is told nothing). Only with CORS configured.
async fn only_listed_origins(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut res = next.run(req).await;
    if res
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
    {
        return res;
    }
    for name in [
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        header::ACCESS_CONTROL_ALLOW_METHODS,
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        header::ACCESS_CONTROL_MAX_AGE,
    ] {
        res.headers_mut().remove(name);
    }
    res
}

/// CORS for the origins the configuration lists (`cors_origins`); none: no
/// CORS layer at all (a preflight is answered 405, like any OPTIONS).
fn cors_layer(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    use axum::http::{HeaderName, Method};
    if origins.is_empty() {
        return None;
    }
    // Validated when the configuration was read (`Config::validate`).
    let list: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    Some(
        tower_http::cors::CorsLayer::new()
            .allow_origin(tower_http::cors::AllowOrigin::list(list))
            .allow_methods([Method::GET, Method::POST, Method::DELETE])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                HeaderName::from_static("idempotency-key"),
            ])
            .expose_headers([
                header::LOCATION,
                header::WWW_AUTHENTICATE,
                HeaderName::from_static("idempotent-replayed"),
            ])
            .max_age(Duration::from_secs(600)),
    )
}

/// The demo's caching headers. Vite names what it builds under `assets/`
/// with a hash of its content, so such a file never changes: cached for a
/// year, `immutable`. Every other file (the pages, the policy examples) may
/// change under the same name: `no-cache`, revalidated with a weak `ETag`
/// (its length and modification time; `If-None-Match` answers 304) and
/// `Last-Modified`.
async fn demo_cache(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let hashed = req.uri().path().starts_with("/assets/");
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let mut res = next.run(req).await;
    if !(res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED) {
        return res;
    }
    let cache = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // Any file may have a `.br` beside it: the answer depends on Accept-Encoding.
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if hashed || res.status() != StatusCode::OK {
        return res;
    }
    let etag = {
        let h = res.headers();
        let get = |name: header::HeaderName| h.get(name).and_then(|v| v.to_str().ok());
        match (get(header::CONTENT_LENGTH), get(header::LAST_MODIFIED)) {
            (Some(len), Some(modified)) => {
                // A br body is another representation: its own tag.
                let enc = get(header::CONTENT_ENCODING).unwrap_or("identity");
                let digits: String = modified
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                HeaderValue::from_str(&format!("W/\"{len}-{digits}-{enc}\"")).ok()
            }
            _ => None,
        }
    };
    let Some(etag) = etag else {
        return res;
    };
    let tag = etag.to_str().unwrap_or_default().trim_start_matches("W/");
    // Weak comparison (RFC 9110 §8.8.3.2): the opaque tags alone.
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|t| t == "*" || t.trim_start_matches("W/") == tag)
        });
    if matches {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::CACHE_CONTROL, header::LAST_MODIFIED, header::VARY] {
            if let Some(v) = res.headers().get(&name) {
                not_modified.headers_mut().insert(name, v.clone());
            }
        }
        not_modified.headers_mut().insert(header::ETAG, etag);
        return not_modified;
    }
    res.headers_mut().insert(header::ETAG, etag);
    res
}

/// The body bytes a request will hold: its declared length, or the largest
/// body allowed when it declares none but sends one. A declared length over
/// the limit reserves nothing: the body limit answers 413 before reading it.
fn body_reservation(req: &axum::extract::Request, max_body_bytes: usize) -> usize {
    let headers = req.headers();
    match headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        Some(n) if n > max_body_bytes as u64 => 0,
        Some(n) => n as usize,
        None if headers.contains_key(header::TRANSFER_ENCODING) => max_body_bytes,
        None => 0,
    }
}

/// Admits a request within the global limits, or answers 503 `http.overloaded`.
async fn admit(
    AxState(state): AxState<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let a = &state.admission;
    let Ok(_slot) = a.in_flight.clone().try_acquire_owned() else {
        return overloaded().into_response();
    };
    let want = body_reservation(&req, a.max_body_bytes).min(u32::MAX as usize) as u32;
    let _bytes = if want > 0 {
        match a.body_bytes.clone().try_acquire_many_owned(want) {
            Ok(p) => Some(p),
            Err(_) => return overloaded().into_response(),
        }
    } else {
        None
    };
    next.run(req).await
}

/// Turns every error response that is not already JSON (a refused body size, a
/// timeout, an unknown route or method, a panic) into a problem document.
async fn json_errors(res: Response) -> Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    if is_json(&res) {
        return res;
    }
    let (code, zh, en): (peixun::error::Code, &str, &str) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            VerifierCode::HttpTooLarge.into(),
            "请求体过大",
            "the request body is too large",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            VerifierCode::HttpTimeout.into(),
            "请求超时",
            "the request took too long",
        ),
        StatusCode::NOT_FOUND => (
            VerifierCode::HttpNotFound.into(),
            "没有这个地址",
            "no such route",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            VerifierCode::HttpMethodNotAllowed.into(),
            "不支持该请求方法",
            "method not allowed on this route",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            VerifierCode::HttpUnsupportedMediaType.into(),
            "不支持的内容类型",
            "unsupported content type",
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            VerifierCode::HttpUnavailable.into(),
            "服务暂不可用",
            "service unavailable",
        ),
        s if s.is_server_error() => (
            peixun::error::ServerCode::Internal.into(),
            "服务器内部错误",
            "internal server error",
        ),
        _ => (
            VerifierCode::HttpBadRequest.into(),
            "请求无效",
            "bad request",
        ),
    };
    let mut out = ApiError::new(status, code, "$", zh.into(), en.into()).into_response();
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        VerifierCode::HttpNotFound,
        "$",
        "没有这个地址".into(),
        "no such route".into(),
    )
}

async fn root() -> Response {
    (
        StatusCode::TEMPORARY_REDIRECT,
        [(header::LOCATION, HeaderValue::from_static("/demo/"))],
    )
        .into_response()
}

async fn health(AxState(state): AxState<AppState>) -> Response {
    let db = state.ledger.ping().await;
    let body = json!({
        "status": if db { "ok" } else { "degraded" },
        "version": env!("CARGO_PKG_VERSION"),
        "database": state.ledger.backend().name(),
        "database_reachable": db,
        "policies": state.engine.policies().ids().count(),
    });
    json_response(
        if db {
            StatusCode::OK
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        },
        canonical::value_to_string(&body),
    )
}

async fn openapi(AxState(state): AxState<AppState>) -> Response {
    json_response(StatusCode::OK, state.openapi.clone())
}

/// Parses, bounds and runs a stateless operation; the response body is the
/// engine's canonical output, byte for byte.
async fn stateless(state: &AppState, operation: &str, text: String) -> Result<Response, ApiError> {
    // Parsing and bounding a body of megabytes is work too: off the async threads.
    let s = state.clone();
    let op = operation.to_owned();
    let out = blocking(state, move || {
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            check_work(&s, &op, &v)?;
        }
        s.engine.handle(&op, &text).map_err(ApiError::engine)
    })
    .await??;
    Ok(json_response(StatusCode::OK, out))
}

async fn op(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    Path(operation): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    // Operations that change the engine are not offered over HTTP: a deployment
    // loads its policies and calendar updates at start.
    if peixun::api::changes_engine(&operation) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            VerifierCode::ApiOperationNotOffered,
            "$",
            format!("服务器不提供 {operation} 操作"),
            format!("{operation} is not offered by the server"),
        ));
    }
    stateless(&state, &operation, body_text(&body)?).await
}

async fn operations(_caller: Caller) -> Response {
    let ops: Vec<&str> = peixun::ops::all()
        .filter(|op| !op.changes_engine())
        .map(|op| op.name)
        .collect();
    json_response(
        StatusCode::OK,
        canonical::value_to_string(&json!({ "operations": ops })),
    )
}

async fn policies(
    AxState(state): AxState<AppState>,
    _caller: Caller,
) -> Result<Response, ApiError> {
    stateless(&state, "policy.list", "{}".into()).await
}

async fn eligibility(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    stateless(&state, "eligibility", body_text(&body)?).await
}

async fn deadlines(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    stateless(&state, "deadlines.plan", body_text(&body)?).await
}

async fn plan_check(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    stateless(&state, "plan.check", body_text(&body)?).await
}

async fn claim_verify(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    stateless(&state, "claim.verify", body_text(&body)?).await
}

async fn voucher_verify(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    let text = body_text(&body)?;
    // A request without keys is verified against the server's trusted keys.
    let text = match (serde_json::from_str::<Value>(&text), &state.trusted_keys) {
        (Ok(Value::Object(mut map)), Some(keys)) if !map.contains_key("keys") => {
            map.insert("keys".into(), keys.clone());
            canonical::value_to_string(&Value::Object(map))
        }
        _ => text,
    };
    stateless(&state, "voucher.verify", text).await
}

/// The calendar's query parameter `unknown_years`, read into the engine request.
fn with_years(mut v: Value, q: &QueryParams) -> String {
    if let (Some(u), Value::Object(map)) = (q.get("unknown_years"), &mut v) {
        map.insert("unknown_years".into(), Value::String(u.to_owned()));
    }
    canonical::value_to_string(&v)
}

/// Runs a calendar operation built from the URL. A fault in a field that came
/// from a query parameter is reported at that parameter (`$query.<name>`).
async fn calendar(
    state: &AppState,
    operation: &str,
    request: String,
    from_query: &[&str],
) -> Result<Response, ApiError> {
    let out = run_engine(state, operation, request)
        .await
        .map_err(|mut e| {
            if let Some(field) = e.problem.path.strip_prefix("$.") {
                if from_query.contains(&field) {
                    let path = format!("$query.{field}");
                    e.problem = peixun::error::Problem::from(peixun::error::ProblemParts {
                        path,
                        ..e.problem.clone().into_parts()
                    });
                }
            }
            e
        })?;
    Ok(json_response(StatusCode::OK, out))
}

async fn cal_day(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    Path(date): Path<String>,
    q: QueryParams,
) -> Result<Response, ApiError> {
    let q = q.only(&["unknown_years"])?;
    calendar(
        &state,
        "calendar.day",
        with_years(json!({ "date": date }), &q),
        &["unknown_years"],
    )
    .await
}

async fn cal_month(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    Path(month): Path<String>,
    q: QueryParams,
) -> Result<Response, ApiError> {
    let q = q.only(&["unknown_years"])?;
    let bad = || {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            peixun::input::InputCode::InvalidValue,
            "$.month",
            format!("月份应为 YYYY-MM：{month}"),
            format!("a month is YYYY-MM: {month}"),
        )
    };
    let (y, m) = month.split_once('-').ok_or_else(bad)?;
    let year: i64 = y.parse().map_err(|_| bad())?;
    let mon: i64 = m.parse().map_err(|_| bad())?;
    calendar(
        &state,
        "calendar.month",
        with_years(json!({ "year": year, "month": mon }), &q),
        &["unknown_years"],
    )
    .await
}

async fn cal_count(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    q: QueryParams,
) -> Result<Response, ApiError> {
    let q = q.only(&["from", "to", "unknown_years"])?;
    let (from, to) = (q.required("from")?, q.required("to")?);
    calendar(
        &state,
        "calendar.count",
        with_years(json!({ "from": from, "to": to }), &q),
        &["from", "to", "unknown_years"],
    )
    .await
}

async fn cal_add(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    q: QueryParams,
) -> Result<Response, ApiError> {
    let q = q.only(&["date", "n", "unknown_years"])?;
    let date = q.required("date")?;
    q.required("n")?;
    let n = q.int("n", -1_000_000, 1_000_000)?.unwrap_or_default();
    calendar(
        &state,
        "calendar.add",
        with_years(json!({ "date": date, "n": n }), &q),
        &["date", "n", "unknown_years"],
    )
    .await
}

/// `GET /v1/policies/{id}`: the policy as the engine holds it, deployment
/// settings included, as canonical JSON; 404 `input.unknown_policy`.
async fn policy(
    AxState(state): AxState<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    match state.engine.policy(&id) {
        Ok(p) => Ok(json_response(StatusCode::OK, canonical::to_string(p))),
        Err(e) => {
            let mut p = peixun::error::Explain::problem(&e);
            p.path = "$".into();
            Err(ApiError {
                status: StatusCode::NOT_FOUND,
                problem: p,
            })
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BlacklistRequest {
    kind: String,
    #[serde(default)]
    id_number: Option<String>,
    #[serde(default)]
    credit_code: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// `GET /v1/blacklist`: a page of the list, filtered by `kind` and `subject`.
async fn blacklist_list(
    AxState(state): AxState<AppState>,
    caller: Caller,
    q: QueryParams,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let q = q.only(&["kind", "subject", "limit", "offset"])?;
    let page = q.page()?;
    let mut filters = Vec::new();
    let mut shown = Map::new();
    if let Some(kind) = q.one_of("kind", &["person", "institution"])? {
        filters.push(Filter::Text("kind", kind.to_owned()));
        shown.insert("kind".into(), json!(kind));
    }
    if let Some(subject) = q.text("subject") {
        filters.push(Filter::Text("subject", subject.to_owned()));
        shown.insert("subject".into(), json!(subject));
    }
    let (total, list) = state
        .ledger
        .blacklist(&filters, page.limit, page.offset)
        .await
        .map_err(|e| ApiError::db(&e))?;
    let items = list
        .iter()
        .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
        .collect();
    Ok(page_answer("entries", items, total, page, shown))
}

/// `GET /v1/blacklist/{kind}/{subject}`: one entry, or 404 `blacklist.not_found`.
async fn blacklist_read(
    AxState(state): AxState<AppState>,
    caller: Caller,
    Path((kind, subject)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let filters = [Filter::Text("kind", kind), Filter::Text("subject", subject)];
    let (_, list) = state
        .ledger
        .blacklist(&filters, 1, 0)
        .await
        .map_err(|e| ApiError::db(&e))?;
    let entry = list.into_iter().next().ok_or_else(no_entry)?;
    Ok(json_response(
        StatusCode::OK,
        canonical::to_string(&json!({ "entry": entry })),
    ))
}

fn no_entry() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        VerifierCode::BlacklistNotFound,
        "$",
        "名单中没有此条目".into(),
        "no such entry on the list".into(),
    )
}

/// Runs [`blacklist_add_now`] to completion (`writes::to_completion`).
async fn blacklist_add(
    state: AxState<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    crate::writes::to_completion(&state.0.clone(), blacklist_add_now(state, caller, body)).await
}

async fn blacklist_add_now(
    AxState(state): AxState<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let req: BlacklistRequest = peixun::input::from_json(&body_text(&body)?, 64 * 1024)
        .map_err(|e| ApiError::engine(peixun::error::Explain::problem(&e)))?;
    let subject = match (req.kind.as_str(), &req.id_number, &req.credit_code) {
        ("person", Some(id), None) => state.keys.person_of_number(id).map_err(|e| {
            let mut p = peixun::error::Explain::problem(&e);
            p.path = "$.id_number".into();
            ApiError::engine(p)
        })?,
        ("institution", None, Some(code)) => peixun::identity::check_credit_code(code)
            .map_err(|e| {
                ApiError::engine(peixun::error::Explain::problem(&e).under("$.credit_code"))
            })?
            .code()
            .to_owned(),
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                peixun::input::InputCode::InvalidValue,
                "$.kind",
                "kind 为 person（附 id_number）或 institution（附 credit_code）".into(),
                "kind is `person` (with id_number) or `institution` (with credit_code)".into(),
            ))
        }
    };
    // The reason is free text: ID numbers in it are replaced by their person
    // keys, credit codes masked (but the listed institution's own).
    let keep: &[&str] = if req.kind == "institution" {
        &[subject.as_str()]
    } else {
        &[]
    };
    let reason = super::privacy::redact_option(&state.keys, req.reason.as_deref(), keep);
    let entry = super::ledger::BlacklistEntry {
        kind: req.kind,
        subject,
        reason,
        added_at: super::now_utc(),
    };
    state
        .ledger
        .blacklist_add(&entry)
        .await
        .map_err(|e| ApiError::db(&e))?;
    tracing::info!(kind = %entry.kind, "blacklist entry added");
    Ok(created(
        &format!(
            "/v1/blacklist/{}/{}",
            segment(&entry.kind),
            segment(&entry.subject)
        ),
        canonical::to_string(&json!({ "entry": entry })),
    ))
}

/// Runs [`blacklist_remove_now`] to completion (`writes::to_completion`).
async fn blacklist_remove(
    state: AxState<AppState>,
    caller: Caller,
    key: Path<(String, String)>,
) -> Result<Response, ApiError> {
    crate::writes::to_completion(&state.0.clone(), blacklist_remove_now(state, caller, key)).await
}

async fn blacklist_remove_now(
    AxState(state): AxState<AppState>,
    caller: Caller,
    Path((kind, subject)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let removed = state
        .ledger
        .blacklist_remove(&kind, &subject)
        .await
        .map_err(|e| ApiError::db(&e))?;
    if !removed {
        return Err(no_entry());
    }
    Ok(json_response(
        StatusCode::OK,
        canonical::value_to_string(&json!({ "removed": true })),
    ))
}
