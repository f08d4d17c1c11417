//! The shape every error takes when it leaves the engine, and every code it
//! may carry.
//!
//! Each stage of the engine has its own error type (`calendar::CalendarError`,
//! `identity::IdError`, `policy::PolicyError`, `input::InputError`, …). They all
//! implement [`Explain`], which gives a stable machine [`Code`], the path of the
//! offending field where there is one, and a message in Chinese and English.
//! [`Problem`] is the plain, serialisable form of that: what the CLI prints, what
//! the server returns and what the WebAssembly surface turns into a JS `Error`.
//!
//! # Codes
//!
//! Every code is a value of one stage's enum ([`InputCode`], [`CalendarCode`],
//! [`PolicyCode`], …), and [`Code`] is the enum over the stages that
//! [`Problem`] carries. A code is written `InputCode::WrongType`, never as the
//! text `"input.wrong_type"`, so a mistyped code does not compile; it is
//! serialised as that text (`code.as_str()`), so outputs read as they always
//! have.
//!
//! All the stages' enums are declared in the one table below (`codes!`), each
//! code with its text and its wording in Chinese and English, rather than each
//! next to its stage: one table is the list the documentation cites, the test
//! that every code is unique and well formed reads all of it, and the wording
//! of each code comes from a `match` the table generates, one arm per code and
//! no catch-all. Each stage's module re-exports its enum (`input::InputCode`,
//! `calendar::CalendarCode`, …).
//!
//! A nested enum (a stage, then its codes) rather than one flat list: a stage's
//! error type holds its own enum (`InputError::code` is an [`InputCode`]), so it
//! cannot be given another stage's code, and [`Code`] still names any of them.
//!
//! To add a code: add a line to its stage in the table (variant, text,
//! Chinese, English) and use the variant. A new stage is a new block.
//!
//! Programs built on the engine (the verifier server) may mint codes of their
//! own that the table does not list; [`Problem::foreign`] carries them as
//! [`Code::Foreign`] (a listed code given that way is still read as its typed
//! value).

use serde::Serialize;

/// A stable, explained error: code, field path and bilingual message (the
/// fields of [`ProblemParts`], read through `Deref`).
///
/// Boxed: nearly every fallible function of the engine returns
/// `Result<_, Problem>`, and a pointer-sized error keeps each of them cheap to
/// pass up (and the WebAssembly smaller).
///
/// ```
/// use peixun::error::{InputCode, Problem};
/// let p = Problem::new(InputCode::MalformedJson, "$", "JSON 格式错误", "malformed JSON");
/// assert_eq!(p.code, InputCode::MalformedJson);
/// assert_eq!(p.code.as_str(), "input.malformed_json");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(Box<ProblemParts>);

/// What a [`Problem`] says.
///
/// ```
/// use peixun::error::{ApiCode, Problem, ProblemParts};
/// let p = Problem::new(ApiCode::ReadOnly, "$.a", "中", "en");
/// let moved = Problem::from(ProblemParts { path: "$.b".into(), ..p.into_parts() });
/// assert_eq!((moved.code.as_str(), moved.path.as_str()), ("api.read_only", "$.b"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemParts {
    /// Stable code, `stage.reason`, e.g. `calendar.year_unknown` (serialised
    /// as that text).
    pub code: Code,
    /// JSON path of the offending field (`$.trainees[3].id_number`), or `$` for the whole input.
    pub path: String,
    /// Message in Simplified Chinese.
    pub message_zh: String,
    /// Message in English.
    pub message_en: String,
    /// Every problem, when the input has several (a policy file that fails
    /// several lint checks); the first is this problem itself. Empty, and not
    /// serialised, when there is only one.
    #[serde(skip_serializing_if = "no_details")]
    pub details: Box<[Problem]>,
}

impl std::ops::Deref for Problem {
    type Target = ProblemParts;
    fn deref(&self) -> &ProblemParts {
        &self.0
    }
}

impl std::ops::DerefMut for Problem {
    fn deref_mut(&mut self) -> &mut ProblemParts {
        &mut self.0
    }
}

impl From<ProblemParts> for Problem {
    fn from(parts: ProblemParts) -> Self {
        Problem(Box::new(parts))
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Problem {
    /// Takes the problem apart (to rebuild it with a field changed).
    pub fn into_parts(self) -> ProblemParts {
        *self.0
    }

    /// Builds a problem from its parts.
    ///
    /// ```
    /// use peixun::error::{InputCode, Problem};
    /// let p = Problem::new(InputCode::InvalidValue, "$.a", "中", "en");
    /// assert_eq!(p.path, "$.a");
    /// ```
    ///
    /// A code is a value: text, even a listed code's, does not compile.
    ///
    /// ```compile_fail
    /// let p = peixun::error::Problem::new("input.wrong_type", "$", "中", "en");
    /// ```
    pub fn new(
        code: impl Into<Code>,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Problem(Box::new(ProblemParts {
            code: code.into(),
            path: path.into(),
            message_zh: zh.into(),
            message_en: en.into(),
            details: Box::default(),
        }))
    }

    /// A problem with a code the program building it mints itself (the
    /// verifier server's `http.*`, `ledger.*`, …), given as text. A code the
    /// table lists is read as its typed value; any other is carried as
    /// [`Code::Foreign`]. The engine and its bindings use [`Problem::new`].
    ///
    /// ```
    /// use peixun::error::{Code, InputCode, Problem};
    /// let p = Problem::foreign("http.not_found", "$", "没有", "not found");
    /// assert_eq!(p.code, Code::Foreign("http.not_found"));
    /// let p = Problem::foreign("input.too_large", "$", "过大", "too large");
    /// assert_eq!(p.code, InputCode::TooLarge);
    /// ```
    pub fn foreign(
        code: &'static str,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Problem::new(
            Code::parse(code).unwrap_or(Code::Foreign(code)),
            path,
            zh,
            en,
        )
    }

    /// The same problem, located under `prefix` (e.g. a problem at `$.id_number`
    /// found while reading `$.trainees[2]` becomes `$.trainees[2].id_number`).
    ///
    /// ```
    /// use peixun::error::{InputCode, Problem};
    /// let p = Problem::new(InputCode::InvalidIdNumber, "$.id_number", "z", "e").under("$.trainees[2]");
    /// assert_eq!(p.path, "$.trainees[2].id_number");
    /// ```
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {}: {} / {}",
            self.code, self.path, self.message_en, self.message_zh
        )
    }
}

impl std::error::Error for Problem {}

fn no_details(details: &[Problem]) -> bool {
    details.is_empty()
}

/// Joins a JSON path prefix and a path relative to `$`.
pub(crate) fn join_path(prefix: &str, path: &str) -> String {
    let rest = path.strip_prefix('$').unwrap_or(path);
    if prefix.is_empty() {
        format!("${rest}")
    } else {
        format!("{prefix}{rest}")
    }
}

/// Implemented by every stage's error type.
///
/// ```
/// use peixun::error::{Explain, IdCode};
/// let err = peixun::identity::check_resident_id("123").unwrap_err();
/// assert_eq!(err.code(), IdCode::Length);
/// assert_eq!(err.code().as_str(), "id.length");
/// ```
pub trait Explain {
    /// The stable code, `stage.reason`.
    fn code(&self) -> Code;
    /// Message in Simplified Chinese.
    fn message_zh(&self) -> String;
    /// Message in English.
    fn message_en(&self) -> String;
    /// Where in the input the problem is; `$` when it concerns the whole input.
    fn path(&self) -> String {
        "$".to_owned()
    }
    /// Each problem, when there are several (see [`ProblemParts::details`]); empty otherwise.
    fn details(&self) -> Vec<Problem> {
        Vec::new()
    }
    /// The plain, serialisable form.
    fn problem(&self) -> Problem {
        let mut p = Problem::new(
            self.code(),
            self.path(),
            self.message_zh(),
            self.message_en(),
        );
        p.details = self.details().into_boxed_slice();
        p
    }
}

/// Declares the stages' code enums and [`Code`] over them: each stage is
/// `Variant(EnumName) { Code = "stage.reason", "中文", "English"; … }`.
macro_rules! codes {
    ($(
        $(#[$stage_meta:meta])*
        $stage:ident($ty:ident) {
            $( $code:ident = $text:literal, $zh:literal, $en:literal; )+
        }
    )+) => {
        $(
            $(#[$stage_meta])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum $ty {
                $(
                    #[doc = concat!("`", $text, "`: ", $en, "（", $zh, "）.")]
                    $code,
                )+
            }

            impl $ty {
                /// Every code of the stage, in the order of the table.
                pub const ALL: &'static [$ty] = &[$($ty::$code),+];

                /// The code as text, `stage.reason`.
                pub const fn as_str(self) -> &'static str {
                    match self {
                        $($ty::$code => $text,)+
                    }
                }

                /// What the code means, in Simplified Chinese.
                pub const fn wording_zh(self) -> &'static str {
                    match self {
                        $($ty::$code => $zh,)+
                    }
                }

                /// What the code means, in English.
                pub const fn wording_en(self) -> &'static str {
                    match self {
                        $($ty::$code => $en,)+
                    }
                }

                /// The code whose text is `text`, if the stage has one.
                pub fn parse(text: &str) -> Option<$ty> {
                    $ty::ALL.iter().copied().find(|c| c.as_str() == text)
                }
            }

            impl From<$ty> for Code {
                fn from(code: $ty) -> Code {
                    Code::$stage(code)
                }
            }

            impl PartialEq<$ty> for Code {
                fn eq(&self, other: &$ty) -> bool {
                    *self == Code::$stage(*other)
                }
            }

            impl PartialEq<&str> for $ty {
                fn eq(&self, other: &&str) -> bool {
                    self.as_str() == *other
                }
            }

            impl std::fmt::Display for $ty {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl Serialize for $ty {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(self.as_str())
                }
            }
        )+

        /// A stable code: one stage's code, or a code minted outside the
        /// engine's table ([`Problem::foreign`]). Serialised as its text.
        ///
        /// ```
        /// use peixun::error::{Code, InputCode};
        /// let code = Code::from(InputCode::WrongType);
        /// assert_eq!(code.as_str(), "input.wrong_type");
        /// assert_eq!(Code::parse("input.wrong_type"), Some(code));
        /// assert_eq!(serde_json::to_string(&code).unwrap(), r#""input.wrong_type""#);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(
                $(#[$stage_meta])*
                $stage($ty),
            )+
            /// A code the table does not list, minted by a program built on
            /// the engine.
            Foreign(&'static str),
        }

        impl Code {
            /// The code as text, `stage.reason`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$stage(c) => c.as_str(),)+
                    Code::Foreign(text) => text,
                }
            }

            /// What the code means, in Simplified Chinese (empty for a
            /// foreign code).
            pub const fn wording_zh(self) -> &'static str {
                match self {
                    $(Code::$stage(c) => c.wording_zh(),)+
                    Code::Foreign(_) => "",
                }
            }

            /// What the code means, in English (empty for a foreign code).
            pub const fn wording_en(self) -> &'static str {
                match self {
                    $(Code::$stage(c) => c.wording_en(),)+
                    Code::Foreign(_) => "",
                }
            }

            /// Every code of the table, stage by stage.
            pub fn all() -> impl Iterator<Item = Code> {
                std::iter::empty()
                    $(.chain($ty::ALL.iter().copied().map(Code::$stage)))+
            }

            /// The listed code whose text is `text`.
            pub fn parse(text: &str) -> Option<Code> {
                Code::all().find(|c| c.as_str() == text)
            }
        }
    };
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    /// A listed code; any other text is refused (a foreign code is only ever
    /// written, never read back).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Code::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a known code")))
    }
}

codes! {
    /// Codes of JSON input (`input.*`): the document or one of its fields.
    Input(InputCode) {
        TooLarge = "input.too_large", "输入过大", "input too large";
        MalformedJson = "input.malformed_json", "JSON 格式错误", "malformed JSON";
        WrongType = "input.wrong_type", "字段类型错误", "wrong type";
        MissingField = "input.missing_field", "缺少必填字段", "missing field";
        UnknownField = "input.unknown_field", "未知字段", "unknown field";
        DuplicateField = "input.duplicate_field", "字段重复", "repeated field";
        InvalidDate = "input.invalid_date", "日期不存在或格式错误", "invalid date";
        InvalidTime = "input.invalid_time", "时间不存在或格式错误", "invalid time";
        MissingOffset = "input.missing_offset", "时间缺少时区偏移", "time without a UTC offset";
        InvalidMoney = "input.invalid_money", "金额格式错误", "invalid amount";
        InvalidIdNumber = "input.invalid_id_number", "身份证号码无效", "invalid ID number";
        InvalidCreditCode = "input.invalid_credit_code", "统一社会信用代码无效", "invalid unified social credit code";
        UnknownPolicy = "input.unknown_policy", "未知的政策", "unknown policy";
        InvalidValue = "input.invalid_value", "输入值无效", "invalid value";
    }

    /// Codes of the working-day calendar (`calendar.*`).
    Calendar(CalendarCode) {
        YearUnknown = "calendar.year_unknown", "日历未收录该年份的放假安排", "the calendar has no holiday arrangement for the year";
        RangeReversed = "calendar.range_reversed", "日期区间起止颠倒", "the date range ends before it starts";
        TooFar = "calendar.too_far", "超出日历可推算的范围", "beyond what the calendar can count";
        BadMonth = "calendar.bad_month", "月份无效", "invalid month";
        NotAWorkday = "calendar.not_a_workday", "该日不是工作日", "not a working day";
        UpdateBadYear = "calendar.update_bad_year", "日历更新的年份无效", "calendar update: invalid year";
        UpdateNoSource = "calendar.update_no_source", "日历更新未注明出处", "calendar update: no source";
        UpdateNoHolidays = "calendar.update_no_holidays", "日历更新没有节日", "calendar update: no holidays";
        UpdateEmptyName = "calendar.update_empty_name", "日历更新的节日名称为空", "calendar update: a holiday without a name";
        UpdateNoOffDays = "calendar.update_no_off_days", "日历更新的节日没有放假日", "calendar update: a holiday without days off";
        UpdateBadDate = "calendar.update_bad_date", "日历更新的日期无效", "calendar update: invalid date";
        UpdateBadRange = "calendar.update_bad_range", "日历更新的日期区间无效", "calendar update: invalid date range";
        UpdateRangeTooLong = "calendar.update_range_too_long", "日历更新的日期区间过长", "calendar update: date range too long";
        UpdateOutsideYear = "calendar.update_outside_year", "日历更新的日期不在该年内", "calendar update: a date outside the year";
        UpdateDuplicateDate = "calendar.update_duplicate_date", "日历更新的日期重复", "calendar update: a date listed twice";
        UpdateConflict = "calendar.update_conflict", "日历更新与已有安排冲突", "calendar update: conflicts with the arrangement already known";
        UpdateMakeupNotWeekend = "calendar.update_makeup_not_weekend", "日历更新的调休上班日不是周末", "calendar update: a make-up working day that is not a weekend day";
        UpdateTableSyntax = "calendar.update_table_syntax", "日历更新表格格式错误", "calendar update: table syntax error";
    }

    /// Codes of resident identity card numbers (`id.*`).
    Id(IdCode) {
        Length = "id.length", "身份证号码位数错误", "wrong number of characters in the ID number";
        Characters = "id.characters", "身份证号码含有无效字符", "invalid character in the ID number";
        BirthDate = "id.birth_date", "身份证号码中的出生日期不存在", "the ID number's date of birth does not exist";
        CheckCharacter = "id.check_character", "身份证号码校验码错误", "the ID number's check character does not match";
    }

    /// Codes of unified social credit codes (`uscc.*`).
    Uscc(UsccCode) {
        Length = "uscc.length", "统一社会信用代码位数错误", "wrong number of characters in the credit code";
        Characters = "uscc.characters", "统一社会信用代码含有无效字符", "invalid character in the credit code";
        CheckCharacter = "uscc.check_character", "统一社会信用代码校验码错误", "the credit code's check character does not match";
    }

    /// Codes of amounts of money (`money.*`).
    Money(MoneyCode) {
        Syntax = "money.syntax", "金额格式错误", "not an amount";
        TooPrecise = "money.too_precise", "金额精度超过分", "an amount finer than a fen";
        OutOfRange = "money.out_of_range", "金额超出范围", "amount out of range";
    }

    /// Codes of policy files (`policy.*`). The codes the message of a
    /// `PolicyError` has no words of its own for read "policy error".
    Policy(PolicyCode) {
        Syntax = "policy.syntax", "政策文件语法错误", "policy file syntax error";
        TooLarge = "policy.too_large", "政策文件过大", "policy file too large";
        BadField = "policy.bad_field", "政策文件字段错误", "bad field in policy file";
        UnknownRuleKind = "policy.unknown_rule_kind", "未知的规则类型", "unknown rule kind";
        BadParams = "policy.bad_params", "规则参数错误", "bad rule parameters";
        DuplicateRule = "policy.duplicate_rule", "规则编号重复", "duplicate rule ID";
        BadRuleId = "policy.bad_rule_id", "规则编号格式错误", "malformed rule ID";
        MissingMessage = "policy.missing_message", "缺少提示语", "missing message";
        UnknownPlaceholder = "policy.unknown_placeholder", "提示语引用了不存在的事实", "message refers to an unknown fact";
        RateOutOfRange = "policy.rate_out_of_range", "补贴标准超出文件规定范围", "subsidy rate outside the range the document sets";
        DurationOutOfRange = "policy.duration_out_of_range", "培训时长超出文件规定范围", "training duration outside the range the document sets";
        BadPeriod = "policy.bad_period", "有效期错误", "bad period";
        UnknownBase = "policy.unknown_base", "所继承的政策不存在", "extended policy not found";
        DuplicatePolicy = "policy.duplicate_policy", "政策编号重复", "duplicate policy ID";
        TomlUnsupported = "policy.toml_unsupported", "此版本只读取 JSON 格式的政策文件", "this build reads JSON policy files only";
        SilentExclusion = "policy.silent_exclusion", "未说明理由地排除了继承的规则", "an inherited rule dropped without saying why";
        UnknownExcludedRule = "policy.unknown_excluded_rule", "所排除的规则不在被继承的政策中", "excluded rule not in the extended policy";
        UnknownReplacement = "policy.unknown_replacement", "替代规则不在本政策文件中", "replacing rule not in this policy file";
        DuplicateExclusion = "policy.duplicate_exclusion", "同一规则被重复排除", "rule excluded more than once";
        RoleMismatch = "policy.role_mismatch", "政策文件错误", "policy error";
        BadExclusive = "policy.bad_exclusive", "政策文件错误", "policy error";
        UnknownClause = "policy.unknown_clause", "政策文件错误", "policy error";
        ClauseNotScored = "policy.clause_not_scored", "政策文件错误", "policy error";
        DuplicateClause = "policy.duplicate_clause", "政策文件错误", "policy error";
        ClauseUnaccounted = "policy.clause_unaccounted", "政策文件错误", "policy error";
        Invalid = "policy.invalid", "政策文件错误", "policy error";
    }

    /// Codes of a policy's inventory of clauses against its original
    /// (`clause.*`), reported by the coverage check.
    Clause(ClauseCode) {
        Missing = "clause.missing", "原文中的条款未列入清单", "a clause of the original is missing from the inventory";
        NotInOriginal = "clause.not_in_original", "清单中的条款不在原文中", "an inventory clause is not in the original";
        HeadingDiffers = "clause.heading_differs", "条款标题与原文不同", "the clause's heading differs from the original";
        OutOfOrder = "clause.out_of_order", "条款顺序与原文不同", "clauses out of the original's order";
    }

    /// Codes of class schedules and attendance records (`attendance.*`).
    Attendance(AttendanceCode) {
        EndBeforeStart = "attendance.end_before_start", "班期结束日期早于开始日期", "the class ends before it starts";
        NoSessions = "attendance.no_sessions", "课程表没有任何课次", "the schedule has no session";
        SessionEndBeforeStart = "attendance.session_end_before_start", "课次结束时间不晚于开始时间", "a session does not end after it starts";
        SessionsOverlap = "attendance.sessions_overlap", "课次顺序错误或时间重叠", "sessions out of order or overlapping";
        DayOutsideClass = "attendance.day_outside_class", "培训日不在班期内或重复", "a training day outside the class or listed twice";
        DuplicateTrainee = "attendance.duplicate_trainee", "花名册中学员重复", "a trainee twice on the roster";
        UnknownTrainee = "attendance.unknown_trainee", "学员不在花名册中", "a trainee not on the roster";
        NotATrainingDay = "attendance.not_a_training_day", "该日不是本班培训日", "not a training day of the class";
        SessionOutOfRange = "attendance.session_out_of_range", "课次编号超出当日课次", "no such session on the day";
    }

    /// Codes of training plans (`plan.*`).
    Plan(PlanCode) {
        NoPlanRules = "plan.no_plan_rules", "该政策没有培训计划规则", "the policy has no training-plan rule";
    }

    /// Codes of verifying a voucher (`voucher.*`).
    Voucher(VoucherCode) {
        BadEncoding = "voucher.bad_encoding", "券码无法解码", "the token cannot be decoded";
        UnknownKey = "voucher.unknown_key", "签发密钥不受信任", "the signing key is not trusted";
        BadSignature = "voucher.bad_signature", "签名不成立", "the signature does not hold";
        KeyRetired = "voucher.key_retired", "签发时密钥已停用", "the key had been retired when it signed";
        NotYetValid = "voucher.not_yet_valid", "培训券尚未生效", "the voucher is not yet valid";
        Expired = "voucher.expired", "培训券已过期", "the voucher has expired";
        Revoked = "voucher.revoked", "培训券已撤销", "the voucher has been revoked";
        WrongHolder = "voucher.wrong_holder", "持券人不符", "the holder does not match";
        WrongInstitution = "voucher.wrong_institution", "培训机构不符", "the training institution does not match";
        WrongMajor = "voucher.wrong_major", "培训专业不符", "the major does not match";
        WrongPolicy = "voucher.wrong_policy", "政策不符", "the policy does not match";
    }

    /// Codes of trusted key sets (`keys.*`).
    Keys(KeysCode) {
        BadKeyId = "keys.bad_key_id", "密钥编号格式错误", "bad key ID";
        UnsupportedAlgorithm = "keys.unsupported_algorithm", "不支持的签名算法", "unsupported algorithm";
        BadPublicKey = "keys.bad_public_key", "公钥无效", "bad public key";
        DuplicateKeyId = "keys.duplicate_key_id", "密钥编号重复", "duplicate key ID";
        BadStatus = "keys.bad_status", "密钥状态错误", "bad key status";
        UnknownKey = "keys.unknown_key", "没有这个密钥", "no such key";
    }

    /// Codes of holder keys and holder hashes (`holder.*`).
    Holder(HolderCode) {
        BadKey = "holder.bad_key", "持券人密钥无效", "bad holder key";
        BadKeyFile = "holder.bad_key_file", "持券人密钥文件无效", "bad holder key file";
        BadHash = "holder.bad_hash", "持券人摘要无效", "bad holder hash";
        BadIdNumber = "holder.bad_id_number", "持券人身份证号码无效", "bad ID number of the holder";
    }

    /// Codes of issuing vouchers (`issue.*`).
    Issue(IssueCode) {
        BadKeyFile = "issue.bad_key_file", "签发密钥文件无效", "bad signing key file";
        BadKeyId = "issue.bad_key_id", "签发密钥编号无效", "bad signing key ID";
        KeyIdMismatch = "issue.key_id_mismatch", "签发密钥编号不符", "signing key ID does not match";
        InvalidPayload = "issue.invalid_payload", "券面内容无效", "invalid voucher contents";
        NoRandomness = "issue.no_randomness", "无法取得随机数", "no randomness available";
    }

    /// Codes of a voucher's lifecycle (`lifecycle.*`).
    Lifecycle(LifecycleCode) {
        InvalidTransition = "lifecycle.invalid_transition", "培训券状态不允许此操作", "the voucher's state does not allow this event";
        FinalState = "lifecycle.final_state", "培训券已处于终结状态", "the voucher is in a final state";
        UnknownVoucher = "lifecycle.unknown_voucher", "没有这张培训券", "no such voucher";
        NoCertificate = "lifecycle.no_certificate", "没有证书", "no certificate";
        AttendanceNotMet = "lifecycle.attendance_not_met", "出勤未达要求", "attendance requirement not met";
        OneActivePerPerson = "lifecycle.one_active_per_person", "每人只能持有一张有效培训券", "one active voucher per person";
        EventIdReused = "lifecycle.event_id_reused", "事件编号重复使用", "event ID reused";
    }

    /// Codes of the engine's operation interface (`api.*`).
    Api(ApiCode) {
        UnknownOperation = "api.unknown_operation", "没有这个操作", "no such operation";
        ReadOnly = "api.read_only", "此操作会改变引擎，只读调用不能执行", "the operation changes the engine and the call is read-only";
        Busy = "api.busy", "引擎正在处理另一个请求", "the engine is busy with another request";
    }

    /// Codes of the command-line tool (`cli.*`).
    Cli(CliCode) {
        ReadFailed = "cli.read_failed", "无法读取文件", "cannot read the file";
        WriteFailed = "cli.write_failed", "无法写入文件", "cannot write the file";
    }

    /// Codes of starting the verifier server (`server.*`): its configuration,
    /// its data directory and the holder key (what `peixun serve` reads to
    /// choose its exit status). The server's request codes (`http.*`,
    /// `ledger.*`, `auth.*`, …) are its own ([`Problem::foreign`]).
    Server(ServerCode) {
        Config = "server.config", "服务器配置错误", "server configuration error";
        DataDir = "server.data_dir", "无法使用数据目录", "cannot use the data directory";
        Bind = "server.bind", "无法监听地址", "cannot listen on the address";
        Runtime = "server.runtime", "无法启动服务器运行时", "cannot start the server's runtime";
        Internal = "server.internal", "服务器内部错误", "internal server error";
        HolderKey = "server.holder_key", "持券人密钥无法使用", "cannot use the holder key";
        HolderKeyMissing = "server.holder_key_missing", "台账已记录持券人密钥但未配置密钥", "the ledger records a holder key but none is configured";
        HolderKeyMismatch = "server.holder_key_mismatch", "所配置的持券人密钥不是台账所用的密钥", "the configured holder key is not the ledger's";
        NoSigningKey = "server.no_signing_key", "未配置签名密钥", "no signing key configured";
    }

    /// Codes of the engine's own failures (`internal.*`): a bug, never the
    /// input's fault.
    Internal(InternalCode) {
        Serialise = "internal.serialise", "无法序列化结果", "the answer cannot be serialised";
        Output = "internal.output", "无法输出结果", "the answer cannot be handed over";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code of the table: unique, `stage.reason` in lower snake case,
    /// with wording in both languages, read back by `parse`, serialised as
    /// its text.
    #[test]
    fn every_code_is_unique_well_formed_and_worded() {
        let all: Vec<Code> = Code::all().collect();
        assert!(all.len() > 100, "{}", all.len());
        let mut seen = std::collections::BTreeSet::new();
        for code in &all {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} listed twice");
            let (stage, reason) = text.split_once('.').expect(text);
            for part in [stage, reason] {
                assert!(
                    !part.is_empty()
                        && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                        && !part.starts_with('_')
                        && !part.ends_with('_'),
                    "{text} is not stage.reason in lower snake case"
                );
            }
            assert!(!code.wording_zh().trim().is_empty(), "{text}: no Chinese");
            assert!(!code.wording_en().trim().is_empty(), "{text}: no English");
            assert_eq!(Code::parse(text), Some(*code));
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{text}\""));
            assert_eq!(
                serde_json::from_str::<Code>(&format!("\"{text}\"")).unwrap(),
                *code
            );
        }
        // The codes of one stage's enum share one stage name.
        for code in &all {
            let same_enum = all
                .iter()
                .filter(|c| std::mem::discriminant(*c) == std::mem::discriminant(code));
            let stage = code.as_str().split_once('.').unwrap().0;
            for other in same_enum {
                assert_eq!(other.as_str().split_once('.').unwrap().0, stage, "{other}");
            }
        }
        assert_eq!(Code::parse("input.wrong_typ"), None);
        assert!(serde_json::from_str::<Code>("\"input.wrong_typ\"").is_err());
    }

    /// A foreign code keeps its text; a listed one given as text is typed.
    #[test]
    fn foreign_codes() {
        let p = Problem::foreign("ledger.busy", "$", "忙", "busy");
        assert_eq!(p.code, Code::Foreign("ledger.busy"));
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"code":"ledger.busy","path":"$","message_zh":"忙","message_en":"busy"}"#
        );
        let p = Problem::foreign("lifecycle.unknown_voucher", "$", "无", "none");
        assert_eq!(p.code, LifecycleCode::UnknownVoucher);
    }
}
