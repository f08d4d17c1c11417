//! The API's OpenAPI 3.1 document, built from the route table so that the
//! document and the router cannot drift apart. The checked-in copy is
//! `docs/openapi.json`; `tests/server_openapi.rs` checks that it is this
//! document and that its paths are exactly the router's routes
//! (`PEIXUN_BLESS=1` rewrites it).

use serde_json::{json, Map, Value};

use super::http::route_table;

fn path_params(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| {
            let description = match name {
                "operation" => "An engine operation (see GET /v1/operations)",
                "date" => "A date, YYYY-MM-DD",
                "month" => "A month, YYYY-MM",
                "id" => "The claim's, voucher's or policy's ID",
                "kind" => "`person` or `institution`",
                "subject" => "The person's hash (32 hex digits) or the institution's credit code",
                "path" => "A file of the built demo pages (www-demo/dist)",
                _ => "",
            };
            if name == "operation" {
                // The operations offered over HTTP, from the engine's registry.
                let offered: Vec<&peixun::ops::Operation> = peixun::ops::all()
                    .filter(|op| !op.changes_engine())
                    .collect();
                let listed: Vec<String> = offered
                    .iter()
                    .map(|op| format!("`{}`: {}", op.name, op.summary_en))
                    .collect();
                let names: Vec<&str> = offered.iter().map(|op| op.name).collect();
                return json!({ "name": name, "in": "path", "required": true,
                    "description": format!("{description}. {}", listed.join("; ")),
                    "schema": { "type": "string", "enum": names } });
            }
            json!({ "name": name, "in": "path", "required": true,
                    "description": description, "schema": { "type": "string" } })
        })
        .collect()
}

fn query_params(method: &str, path: &str) -> Vec<Value> {
    let q = |name: &str, required: bool, ty: &str, description: &str| {
        json!({ "name": name, "in": "query", "required": required,
                "description": description, "schema": { "type": ty } })
    };
    let years = q(
        "unknown_years",
        false,
        "string",
        "`assume_weekends_only` to answer (flagged) for a year with no holiday notice",
    );
    match (method, path) {
        ("GET", "/v1/calendar/count") => vec![
            q("from", true, "string", "First day, YYYY-MM-DD"),
            q("to", true, "string", "Last day, YYYY-MM-DD (included)"),
            years,
        ],
        ("GET", "/v1/calendar/add") => vec![
            q("date", true, "string", "Start day, YYYY-MM-DD"),
            q(
                "n",
                true,
                "integer",
                "Working days to add (negative: before)",
            ),
            years,
        ],
        ("GET", "/v1/calendar/days/{date}") | ("GET", "/v1/calendar/months/{month}") => vec![years],
        ("GET", "/v1/claims") => page(vec![
            q(
                "status",
                false,
                "string",
                "`accepted`, `rejected` or `needs_review`",
            ),
            q(
                "policy",
                false,
                "string",
                "The policy ID the claim was decided under",
            ),
            q(
                "programme",
                false,
                "string",
                "The programme (the policy a deployment's file extends)",
            ),
            q("year", false, "integer", "The claim's year"),
            q(
                "institution",
                false,
                "string",
                "The submitting institution's credit code (an institution: only its own)",
            ),
        ]),
        ("GET", "/v1/punches") => page(vec![
            q("class", false, "string", "The class (班期) ID"),
            q(
                "trainee",
                false,
                "string",
                "The trainee's key on the class roster",
            ),
            q("status", false, "string", "`recorded` or `refused`"),
            q("policy", false, "string", "The policy ID"),
        ]),
        ("GET", "/v1/blacklist") => page(vec![
            q("kind", false, "string", "`person` or `institution`"),
            q(
                "subject",
                false,
                "string",
                "The person's hash or the institution's credit code",
            ),
        ]),
        _ => vec![],
    }
}

/// A list's paging parameters after its filters.
fn page(mut filters: Vec<Value>) -> Vec<Value> {
    let q = |name: &str, description: &str, min: i64, max: Option<i64>| {
        let mut schema = json!({ "type": "integer", "minimum": min });
        if let Some(m) = max {
            schema["maximum"] = json!(m);
        }
        json!({ "name": name, "in": "query", "required": false,
                "description": description, "schema": schema })
    };
    filters.push(q(
        "limit",
        &format!(
            "At most this many items ({}–{}, default {})",
            1,
            crate::respond::MAX_LIMIT,
            crate::respond::DEFAULT_LIMIT
        ),
        1,
        Some(crate::respond::MAX_LIMIT),
    ));
    filters.push(q("offset", "Skip this many (default 0)", 0, None));
    filters
}

fn error_response(description: &str) -> Value {
    json!({ "description": description,
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/HttpProblem" } } } })
}

fn created_response(description: &str, location: &str) -> Value {
    let mut r = ok_response(description);
    r["headers"] =
        json!({ "Location": { "description": location, "schema": { "type": "string" } } });
    r
}

/// A 401 answer names the scheme (RFC 6750).
fn unauthorized(mut response: Value) -> Value {
    response["headers"] = json!({ "WWW-Authenticate": {
        "description": "`Bearer realm=\"peixun\"`, with `error=\"invalid_token\"` (or `invalid_request`) when a token was sent and refused",
        "schema": { "type": "string" } } });
    response
}

fn ok_response(description: &str) -> Value {
    json!({ "description": description,
            "content": { "application/json": { "schema": { "type": "object" } } } })
}

/// The JSON Schema of the engine's requests and answers, generated from the
/// package's TypeScript declarations (`tests/wasm/types/gen-schema.mjs`,
/// which also validates every golden case against it): an operation's
/// request is `<operation>.request`, its answer `<operation>.response`.
const TYPES_SCHEMA: &str = include_str!("../schemas/types.schema.json");

/// The schema's definitions as OpenAPI components (their references
/// rewritten to `#/components/schemas/…`).
fn type_schemas() -> Map<String, Value> {
    let text = TYPES_SCHEMA.replace("\"#/$defs/", "\"#/components/schemas/");
    let mut schema: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    match schema.get_mut("$defs").map(Value::take) {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    }
}

/// `application/json` with the schema named `name` among the components.
fn json_of(description: &str, name: &str) -> Value {
    json!({ "description": description,
            "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{name}") } } } })
}

/// The document.
pub fn document() -> Value {
    let mut schemas = type_schemas();
    let mut paths: Map<String, Value> = Map::new();
    for route in route_table() {
        let method = route.method.to_ascii_lowercase();
        let mut params = path_params(route.path);
        params.extend(query_params(route.method, route.path));
        let mut op = Map::new();
        op.insert("summary".into(), json!(route.summary));
        let mut description = format!("Access: {}.", route.access);
        if let Some(o) = route.operation {
            description.push_str(&format!(
                " Runs the engine operation `{o}`; the response body is the engine's canonical output, byte for byte."
            ));
        }
        op.insert("description".into(), json!(description));
        op.insert(
            "operationId".into(),
            json!(format!(
                "{}{}",
                method,
                route
                    .path
                    .replace(['/', '{', '}', '.', '-'], "_")
                    .trim_end_matches('_')
            )),
        );
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if route.access != "public" {
            op.insert("security".into(), json!([{ "bearer": [] }]));
        }
        let mut responses = Map::new();
        match (route.method, route.path) {
            ("GET", "/") => {
                responses.insert("307".into(), json!({ "description": "Redirect to /demo/" }));
            }
            ("GET", "/demo/{path}") => {
                responses.insert("200".into(), json!({ "description": "The file" }));
                responses.insert("404".into(), error_response("No such file"));
            }
            ("POST", "/v1/claims") => {
                responses.insert(
                    "201".into(),
                    created_response(
                        "Recorded: the claim, the engine's verdict, the ledger's findings",
                        "/v1/claims/{id}",
                    ),
                );
                responses.insert("200".into(), ok_response("The same Idempotency-Key and body again: the recorded answer (header Idempotent-Replayed: true)"));
                responses.insert(
                    "409".into(),
                    error_response("claim.idempotency_conflict: the key was used for another body"),
                );
            }
            ("POST", "/v1/vouchers") | ("POST", "/v1/blacklist") => {
                let location = if route.path == "/v1/vouchers" {
                    "/v1/vouchers/{id}"
                } else {
                    "/v1/blacklist/{kind}/{subject}"
                };
                responses.insert("201".into(), created_response("Created", location));
                responses.insert(
                    "409".into(),
                    error_response("A lifecycle rule refuses it, or it exists"),
                );
            }
            ("POST", "/v1/vouchers/{id}/events") => {
                responses.insert(
                    "201".into(),
                    created_response(
                        "Recorded; the voucher's new state",
                        "/v1/vouchers/{id}, whose log holds the event",
                    ),
                );
                responses.insert(
                    "200".into(),
                    ok_response("The same event again: nothing changed"),
                );
                responses.insert(
                    "409".into(),
                    error_response("lifecycle.*: the event is refused and nothing changes"),
                );
            }
            ("GET", "/v1/claims") | ("GET", "/v1/punches") | ("GET", "/v1/blacklist") => {
                responses.insert(
                    "200".into(),
                    ok_response("A page: the items, `total` (every item the filters match), `limit`, `offset`, `filters`"),
                );
            }
            _ => match route.operation {
                // The engine's answer, byte for byte.
                Some(o) if has_schema(&schemas, o) => {
                    responses.insert(
                        "200".into(),
                        json_of("The engine's answer", &format!("{o}.response")),
                    );
                }
                _ => {
                    responses.insert("200".into(), ok_response("OK"));
                }
            },
        }
        if route.method == "GET" && !query_params(route.method, route.path).is_empty() {
            responses.insert(
                "400".into(),
                error_response("http.bad_query: a query parameter missing, malformed, out of range, unknown or repeated; its path is `$query.<name>`"),
            );
        }
        if route.method == "POST" {
            let schema = match route.operation {
                Some(o) if has_schema(&schemas, o) => {
                    json!({ "$ref": format!("#/components/schemas/{o}.request") })
                }
                _ => json!({ "type": "object" }),
            };
            op.insert(
                "requestBody".into(),
                json!({ "required": true, "content": { "application/json": { "schema": schema } } }),
            );
            responses.insert(
                "400".into(),
                error_response("Bad input: the code and the JSON path of the field"),
            );
            responses.insert(
                "413".into(),
                error_response("http.too_large, limits.too_many_trainees, limits.too_many_events"),
            );
        }
        if route.access != "public" {
            responses.insert(
                "401".into(),
                unauthorized(error_response(
                    "auth.required, auth.invalid_token, auth.malformed",
                )),
            );
            responses.insert("403".into(), error_response("auth.authority_only, auth.institutions_only, auth.not_your_claim, auth.not_your_institution"));
        } else if route.path != "/" && !route.path.starts_with("/demo") {
            responses.insert(
                "401".into(),
                unauthorized(error_response(
                    "auth.invalid_token, auth.malformed: a token was sent and is not valid",
                )),
            );
        }
        if route.path == "/v1/policies/{id}" {
            responses.insert(
                "404".into(),
                error_response("input.unknown_policy: no policy of this ID is loaded"),
            );
        } else if route.path.contains("{id}") {
            responses.insert("404".into(), error_response("No such claim or voucher"));
        } else if route.path.contains("{subject}") {
            responses.insert(
                "404".into(),
                error_response("blacklist.not_found: no such entry"),
            );
        }
        if route.path != "/" && !route.path.starts_with("/demo") {
            responses.insert("408".into(), error_response("http.timeout"));
            responses.insert("503".into(), error_response("http.overloaded, ledger.busy"));
        }
        op.insert("responses".into(), Value::Object(responses));
        let entry = paths
            .entry(route.path.to_owned())
            .or_insert_with(|| json!({}));
        if let Value::Object(m) = entry {
            m.insert(method, Value::Object(op));
        }
    }
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "peixun verifier",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The authority's verifier: re-runs the peixun engine on eligibility checks, claims and vouchers, and keeps a ledger of submitted claims, participations, vouchers and the dishonesty list. ID numbers are stored only as keyed hashes.",
        },
        "servers": [ { "url": "http://127.0.0.1:8080" } ],
        "paths": Value::Object(paths),
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer",
                            "description": "An institution's or the authority's token; the server keeps only its SHA-256." }
            },
            "schemas": {
                "HttpProblem": {
                    "type": "object",
                    "description": "An RFC 9457 problem document (application/problem+json). `code` tells problems apart (`type` is always about:blank); `error` repeats the problem as the engine writes it, for clients that read it there.",
                    "required": ["type", "title", "status", "code", "path", "message_zh", "message_en", "error"],
                    "properties": {
                        "type": { "type": "string", "const": "about:blank" },
                        "title": { "type": "string", "description": "The HTTP status's reason phrase" },
                        "status": { "type": "integer" },
                        "detail": { "type": "string", "description": "The English message" },
                        "code": { "type": "string", "description": "Stable code, e.g. input.invalid_date, auth.required, http.too_large, http.bad_query" },
                        "path": { "type": "string", "description": "JSON path of the offending field, `$query.<name>` for a query parameter, or $" },
                        "message_zh": { "type": "string" },
                        "message_en": { "type": "string" },
                        "error": {
                            "type": "object",
                            "required": ["code", "path", "message_zh", "message_en"],
                            "properties": {
                                "code": { "type": "string" },
                                "path": { "type": "string" },
                                "message_zh": { "type": "string" },
                                "message_en": { "type": "string" },
                                "details": { "type": "array", "description": "Every problem, when there are several (the first is this one)" }
                            }
                        }
                    }
                }
            }
        }
    });
    if let Some(Value::Object(own)) = doc.pointer_mut("/components/schemas") {
        own.append(&mut schemas);
    }
    doc
}

/// Whether the engine's schema describes an operation's request and answer.
fn has_schema(schemas: &Map<String, Value>, operation: &str) -> bool {
    schemas.contains_key(&format!("{operation}.request"))
        && schemas.contains_key(&format!("{operation}.response"))
}

/// The document as pretty JSON with sorted keys (the checked-in form).
pub fn document_text() -> String {
    let canonical = peixun::canonical::value_to_string(&document());
    let v: Value = serde_json::from_str(&canonical).unwrap_or(Value::Null);
    serde_json::to_string_pretty(&v).unwrap_or(canonical) + "\n"
}
