//! The verifier's own error codes (`http.*`, `auth.*`, `limits.*`,
//! `ledger.*`, the ledger's `claim.*`, `punches.*`, `privacy.*`,
//! `blacklist.*`, `review.*`, `voucher.*` of the ledger,
//! `api.operation_not_offered`): one enum, so that a mistyped code does not
//! compile. The engine's codes (and the server's start-up codes,
//! `server.*`) are the engine's [`peixun::error::Code`]; a problem made here
//! carries the code's text (`Code::Foreign`).
//!
//! ```
//! use peixun_server::codes::VerifierCode;
//! assert_eq!(VerifierCode::HttpBadQuery.as_str(), "http.bad_query");
//! let p = VerifierCode::ClaimNotFound.problem("$", "没有申报 c-1", "no claim c-1");
//! assert_eq!((p.code.as_str(), p.path.as_str()), ("claim.not_found", "$"));
//! ```

use peixun::error::Problem;

macro_rules! verifier_codes {
    ($( $code:ident = $text:literal, $zh:literal, $en:literal; )+) => {
        /// A code the verifier mints.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum VerifierCode {
            $(
                #[doc = concat!("`", $text, "`: ", $en, "（", $zh, "）.")]
                $code,
            )+
        }

        impl VerifierCode {
            /// Every code, in the order of the table.
            pub const ALL: &'static [VerifierCode] = &[$(VerifierCode::$code),+];

            /// The code as text, `stage.reason`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(VerifierCode::$code => $text,)+
                }
            }

            /// What the code means, in Simplified Chinese.
            pub const fn wording_zh(self) -> &'static str {
                match self {
                    $(VerifierCode::$code => $zh,)+
                }
            }

            /// What the code means, in English.
            pub const fn wording_en(self) -> &'static str {
                match self {
                    $(VerifierCode::$code => $en,)+
                }
            }
        }
    };
}

verifier_codes! {
    HttpUnsupportedMediaType = "http.unsupported_media_type", "请求体类型不受支持", "unsupported media type";
    HttpUnavailable = "http.unavailable", "服务暂不可用", "service unavailable";
    HttpTooLarge = "http.too_large", "请求体过大", "request body too large";
    HttpOverloaded = "http.overloaded", "服务器繁忙", "the server is busy";
    HttpMethodNotAllowed = "http.method_not_allowed", "不支持该请求方法", "method not allowed";
    HttpBadRequest = "http.bad_request", "请求无效", "bad request";
    HttpBadQuery = "http.bad_query", "查询参数无效", "bad query parameter";
    HttpTimeout = "http.timeout", "请求超时", "the request took too long";
    HttpNotFound = "http.not_found", "没有这个地址", "no such route";
    AuthRequired = "auth.required", "需要令牌", "a token is required";
    AuthInvalidToken = "auth.invalid_token", "令牌无效", "the token is not valid";
    AuthMalformed = "auth.malformed", "Authorization 头格式错误", "malformed Authorization header";
    AuthAuthorityOnly = "auth.authority_only", "仅人社部门可以执行此操作", "only the authority may do this";
    AuthInstitutionsOnly = "auth.institutions_only", "只有培训机构可以执行此操作", "only an institution may do this";
    AuthNotYourClaim = "auth.not_your_claim", "只能查看本机构的申报", "not the institution's own claim";
    AuthNotYourInstitution = "auth.not_your_institution", "不是令牌所属机构", "not the token's institution";
    LimitsTooManyTrainees = "limits.too_many_trainees", "学员过多", "too many trainees in one request";
    LimitsTooManyPunches = "limits.too_many_punches", "打卡记录过多", "too many punches in one request";
    LimitsTooManyEvents = "limits.too_many_events", "事件过多", "too many events in one request";
    LedgerDatabase = "ledger.database", "台账数据库错误", "ledger database error";
    LedgerBusy = "ledger.busy", "台账繁忙", "the ledger is busy";
    LedgerMigration = "ledger.migration", "台账迁移失败", "ledger migration failed";
    ClaimIdempotencyKey = "claim.idempotency_key", "缺少或无效的 Idempotency-Key", "missing or invalid Idempotency-Key";
    ClaimIdempotencyConflict = "claim.idempotency_conflict", "Idempotency-Key 已用于另一份申报", "the Idempotency-Key was used for another claim";
    ClaimNoYear = "claim.no_year", "无法确定培训年度", "the training year cannot be told";
    ClaimNotFound = "claim.not_found", "没有该申报", "no such claim";
    ClaimNotUnderReview = "claim.not_under_review", "该申报不在待审核状态", "the claim does not need review";
    ClaimAlreadyReviewed = "claim.already_reviewed", "该申报已审核", "the claim was already reviewed";
    PunchesEmpty = "punches.empty", "没有要提交的打卡记录", "no punches to send";
    PunchesInvalidId = "punches.invalid_id", "打卡记录标识无效", "invalid punch identifier";
    PunchesDuplicateId = "punches.duplicate_id", "打卡记录标识重复", "repeated punch identifier";
    PrivacyIdNumberInIdentifier = "privacy.id_number_in_identifier", "标识中含身份证号码", "an identifier holds an ID number";
    BlacklistNotFound = "blacklist.not_found", "名单中没有该条目", "no such list entry";
    ReviewReasonRequired = "review.reason_required", "审核必须写明理由", "a review needs a reason";
    ReviewReasonTooLong = "review.reason_too_long", "理由过长", "the reason is too long";
    VoucherExists = "voucher.exists", "培训券已存在", "the voucher exists";
    VoucherInvalidPayload = "voucher.invalid_payload", "培训券内容无效", "invalid voucher payload";
    ApiOperationNotOffered = "api.operation_not_offered", "该操作不通过此接口提供", "the operation is not offered here";
}

/// Carried in a problem as its text: the engine's table does not list it.
impl From<VerifierCode> for peixun::error::Code {
    fn from(code: VerifierCode) -> Self {
        peixun::error::Code::Foreign(code.as_str())
    }
}

impl VerifierCode {
    /// A problem with this code.
    pub fn problem(
        self,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Problem {
        Problem::new(self, path, zh, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_well_formed_worded_and_not_the_engines() {
        let mut seen = std::collections::BTreeSet::new();
        for c in VerifierCode::ALL {
            let text = c.as_str();
            assert!(seen.insert(text), "{text} twice");
            let (stage, reason) = text.split_once('.').expect("stage.reason");
            for part in [stage, reason] {
                assert!(
                    !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{text}"
                );
            }
            assert!(
                !c.wording_zh().is_empty() && !c.wording_en().is_empty(),
                "{text}"
            );
            // The engine's table does not know it: a problem made from it
            // carries it as the verifier's own.
            assert_eq!(
                c.problem("$", "z", "e").code,
                peixun::error::Code::Foreign(text),
                "{text}"
            );
        }
    }
}
