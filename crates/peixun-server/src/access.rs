//! Who is calling: the bearer token read into a `Caller`, and the checks a
//! handler makes of it.

use crate::codes::VerifierCode;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, StatusCode};

use crate::respond::ApiError;
use crate::{AppState, Caller};

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Caller::Public);
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    VerifierCode::AuthMalformed,
                    "$",
                    "Authorization 头应为 “Bearer 令牌”".into(),
                    "the Authorization header must be `Bearer <token>`".into(),
                )
            })?;
        state.caller_of(token).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                VerifierCode::AuthInvalidToken,
                "$",
                "令牌无效".into(),
                "the token is not valid".into(),
            )
        })
    }
}

/// Refuses a caller who is not the authority.
pub(crate) fn require_authority(caller: &Caller) -> Result<(), ApiError> {
    match caller {
        Caller::Authority { .. } => Ok(()),
        Caller::Public => Err(unauthenticated()),
        Caller::Institution { .. } => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            VerifierCode::AuthAuthorityOnly,
            "$",
            "仅人社部门可以执行此操作".into(),
            "only the authority may do this".into(),
        )),
    }
}

pub(crate) fn unauthenticated() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        VerifierCode::AuthRequired,
        "$",
        "需要令牌（Authorization: Bearer …）".into(),
        "a token is required (Authorization: Bearer …)".into(),
    )
}
