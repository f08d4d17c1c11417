//! The authority's review of a claim the engine could not decide: a claim
//! recorded as `needs_review` is resolved to `accepted` or `rejected`, with a
//! reason and the reviewer's name, once.
//!
//! One write transaction: the claim's status becomes the review's (only from
//! `needs_review`), a rejection removes the claim's participations (the
//! person-years it held, so another claim for those people can be accepted),
//! and the review is recorded in `claim_reviews` (one per claim). The claim's
//! verdict stays as the engine gave it. The same review sent again (same
//! status, same reason) answers what was recorded; another one is refused
//! with 409 `claim.already_reviewed`. The reason is free text: identity
//! numbers in it are replaced as everywhere else (`privacy`), the claim's own
//! institution's credit code kept.
//!
//! `POST /v1/claims/{id}/review` (the authority's token) and `peixun review`
//! (on the ledger directly, with the server's configuration) both run
//! [`review_claim`].

use crate::codes::VerifierCode;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::access::require_authority;
use crate::keys::ServerKeys;
use crate::ledger::{self, Ledger};
use crate::respond::{body_text, json_response, ApiError};
use crate::{AppState, Caller};
use peixun::error::Problem;

/// Longest reason kept, in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// What the authority decides a claim is.
///
/// ```
/// let o: peixun_server::review::Outcome = serde_json::from_str(r#""rejected""#).unwrap();
/// assert_eq!(o.as_str(), "rejected");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Pay the claim's recomputed total.
    Accepted,
    /// Pay nothing; the claim's person-years are freed.
    Rejected,
}

impl Outcome {
    /// The status's word in the ledger and in answers.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Rejected => "rejected",
        }
    }
}

/// The body of `POST /v1/claims/{id}/review`.
///
/// ```
/// let d: peixun_server::review::Decision = peixun::input::from_json(
///     r#"{"status": "accepted", "reason": "结业证书已核验"}"#, 1024).unwrap();
/// assert_eq!(d.status, peixun_server::review::Outcome::Accepted);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// `accepted` or `rejected`.
    pub status: Outcome,
    /// Why (required: the ledger keeps it with the reviewer's name).
    pub reason: String,
}

/// A recorded review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewRow {
    /// The claim reviewed.
    pub claim_id: String,
    /// `accepted` or `rejected`.
    pub status: String,
    /// The reason, identity numbers replaced.
    pub reason: String,
    /// Who decided (the authority token's name, or `--reviewer`).
    pub reviewer: String,
    /// When (UTC, RFC 3339).
    pub reviewed_at: String,
}

/// What a review did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reviewed {
    /// Recorded now.
    Recorded(ReviewRow),
    /// The same review was already recorded: nothing changed.
    Replayed(ReviewRow),
}

/// Why a review was refused.
#[derive(Debug)]
pub enum ReviewError {
    /// No claim with that ID.
    NotFound(String),
    /// The claim is not `needs_review` (its status given).
    NotUnderReview(String),
    /// The claim was already reviewed otherwise (the recorded status given).
    AlreadyReviewed(String),
    /// The reason is empty.
    ReasonRequired,
    /// The reason is longer than [`MAX_REASON_CHARS`].
    ReasonTooLong(usize),
    /// The ledger failed.
    Ledger(sqlx::Error),
}

impl ReviewError {
    /// The HTTP status of the refusal.
    pub fn status(&self) -> StatusCode {
        match self {
            ReviewError::NotFound(_) => StatusCode::NOT_FOUND,
            ReviewError::NotUnderReview(_) | ReviewError::AlreadyReviewed(_) => {
                StatusCode::CONFLICT
            }
            ReviewError::ReasonRequired | ReviewError::ReasonTooLong(_) => StatusCode::BAD_REQUEST,
            ReviewError::Ledger(e) if ledger::is_retryable(e) => StatusCode::SERVICE_UNAVAILABLE,
            ReviewError::Ledger(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The refusal as a coded, bilingual problem.
    ///
    /// ```
    /// use peixun_server::review::ReviewError;
    /// let p = ReviewError::NotUnderReview("accepted".into()).problem();
    /// assert_eq!((p.code.as_str(), p.path.as_str()), ("claim.not_under_review", "$"));
    /// ```
    pub fn problem(&self) -> Problem {
        match self {
            ReviewError::NotFound(id) => Problem::new(
                VerifierCode::ClaimNotFound,
                "$",
                format!("没有申报 {id}"),
                format!("no claim {id}"),
            ),
            ReviewError::NotUnderReview(status) => Problem::new(
                VerifierCode::ClaimNotUnderReview,
                "$",
                format!("该申报状态为 {status}，只有待人工审核（needs_review）的申报可以审核"),
                format!("the claim is {status}: only a claim that needs review can be reviewed"),
            ),
            ReviewError::AlreadyReviewed(status) => Problem::new(
                VerifierCode::ClaimAlreadyReviewed,
                "$.status",
                format!("该申报已审核为 {status}，审核结论不可更改"),
                format!("the claim was already reviewed as {status}; a review is final"),
            ),
            ReviewError::ReasonRequired => Problem::new(
                VerifierCode::ReviewReasonRequired,
                "$.reason",
                "审核必须写明理由".to_owned(),
                "a review needs a reason".to_owned(),
            ),
            ReviewError::ReasonTooLong(n) => Problem::new(
                VerifierCode::ReviewReasonTooLong,
                "$.reason",
                format!("理由最多 {MAX_REASON_CHARS} 个字符，实际 {n} 个"),
                format!("a reason has at most {MAX_REASON_CHARS} characters; this one has {n}"),
            ),
            ReviewError::Ledger(e) => ledger::db_problem(e),
        }
    }
}

impl From<sqlx::Error> for ReviewError {
    fn from(e: sqlx::Error) -> Self {
        ReviewError::Ledger(e)
    }
}

/// Resolves a `needs_review` claim (see the module's documentation).
pub async fn review_claim(
    ledger: &Ledger,
    keys: &ServerKeys,
    claim_id: &str,
    decision: &Decision,
    reviewer: &str,
) -> Result<Reviewed, ReviewError> {
    let reason = decision.reason.trim();
    let chars = reason.chars().count();
    if chars == 0 {
        return Err(ReviewError::ReasonRequired);
    }
    if chars > MAX_REASON_CHARS {
        return Err(ReviewError::ReasonTooLong(chars));
    }
    let (_guard, mut tx) = ledger.begin_write().await?;
    let Some(claim) = sqlx::query("SELECT status, institution FROM claims WHERE id = $1")
        .bind(claim_id)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Err(ReviewError::NotFound(claim_id.to_owned()));
    };
    let status: String = claim.try_get("status")?;
    let institution: String = claim.try_get("institution")?;
    let reason = crate::privacy::redact_string(keys, reason, &[institution.as_str()]);
    let reviewer = crate::privacy::redact_string(keys, reviewer.trim(), &[]);
    if let Some(done) = review_in(&mut tx, claim_id).await? {
        return if done.status == decision.status.as_str() && done.reason == reason {
            Ok(Reviewed::Replayed(done))
        } else {
            Err(ReviewError::AlreadyReviewed(done.status))
        };
    }
    if status != "needs_review" {
        return Err(ReviewError::NotUnderReview(status));
    }
    let row = ReviewRow {
        claim_id: claim_id.to_owned(),
        status: decision.status.as_str().to_owned(),
        reason,
        reviewer,
        reviewed_at: crate::now_utc(),
    };
    let updated = sqlx::query("UPDATE claims SET status = $1 WHERE id = $2 AND status = $3")
        .bind(&row.status)
        .bind(claim_id)
        .bind("needs_review")
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() != 1 {
        // Another review got there first (PostgreSQL: after this one's read).
        return Err(ReviewError::AlreadyReviewed(status));
    }
    if decision.status == Outcome::Rejected {
        sqlx::query("DELETE FROM participations WHERE claim_id = $1")
            .bind(claim_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO claim_reviews (claim_id, status, reason, reviewer, reviewed_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&row.claim_id)
    .bind(&row.status)
    .bind(&row.reason)
    .bind(&row.reviewer)
    .bind(&row.reviewed_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(claim = %row.claim_id, status = %row.status, "claim reviewed");
    Ok(Reviewed::Recorded(row))
}

const REVIEW_OF: &str =
    "SELECT claim_id, status, reason, reviewer, reviewed_at FROM claim_reviews WHERE claim_id = $1";

async fn review_in(tx: &mut ledger::Tx, claim_id: &str) -> Result<Option<ReviewRow>, sqlx::Error> {
    let row = sqlx::query(REVIEW_OF)
        .bind(claim_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(review_row).transpose()
}

fn review_row(r: &sqlx::any::AnyRow) -> Result<ReviewRow, sqlx::Error> {
    Ok(ReviewRow {
        claim_id: r.try_get("claim_id")?,
        status: r.try_get("status")?,
        reason: r.try_get("reason")?,
        reviewer: r.try_get("reviewer")?,
        reviewed_at: r.try_get("reviewed_at")?,
    })
}

/// The review of a claim, if it has one.
pub async fn review_of(ledger: &Ledger, claim_id: &str) -> Result<Option<ReviewRow>, sqlx::Error> {
    let row = sqlx::query(REVIEW_OF)
        .bind(claim_id)
        .fetch_optional(ledger.pool())
        .await?;
    row.as_ref().map(review_row).transpose()
}

/// `POST /v1/claims/{id}/review`, run to completion (`writes::to_completion`).
pub(crate) async fn review(
    state: AxState<AppState>,
    caller: Caller,
    id: Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    crate::writes::to_completion(&state.0.clone(), review_now(state, caller, id, body)).await
}

async fn review_now(
    AxState(state): AxState<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_authority(&caller)?;
    let Caller::Authority { name } = &caller else {
        return Err(ApiError::internal("the reviewer"));
    };
    let decision: Decision = peixun::input::from_json(&body_text(&body)?, 16 * 1024)
        .map_err(|e| ApiError::engine(peixun::error::Explain::problem(&e)))?;
    let reviewed = review_claim(&state.ledger, &state.keys, &id, &decision, name)
        .await
        .map_err(|e| {
            if let ReviewError::Ledger(db) = &e {
                return ApiError::db(db);
            }
            ApiError {
                status: e.status(),
                problem: e.problem(),
            }
        })?;
    let replayed = matches!(reviewed, Reviewed::Replayed(_));
    let row = state
        .ledger
        .claim(&id)
        .await
        .map_err(|e| ApiError::db(&e))?
        .ok_or_else(|| ApiError::internal("the reviewed claim"))?;
    let review = match reviewed {
        Reviewed::Recorded(r) | Reviewed::Replayed(r) => r,
    };
    let doc =
        crate::submit::claim_document(&row, Some(&review), false, crate::submit::Viewer::Authority);
    let mut res = json_response(StatusCode::OK, peixun::canonical::value_to_string(&doc));
    if replayed {
        res.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(res)
}
