//! The shape every error takes when it leaves the engine.
//!
//! Each stage of the engine has its own error type (`calendar::CalendarError`,
//! `identity::IdError`, `policy::PolicyError`, `input::InputError`, …). They all
//! implement [`Explain`], which gives a stable machine code, the path of the
//! offending field where there is one, and a message in Chinese and English.
//! [`Problem`] is the plain, serialisable form of that: what the CLI prints, what
//! the server returns and what the WebAssembly surface turns into a JS `Error`.

use serde::Serialize;

/// A stable, explained error: code, field path and bilingual message (the
/// fields of [`ProblemParts`], read through `Deref`).
///
/// Boxed: nearly every fallible function of the engine returns
/// `Result<_, Problem>`, and a pointer-sized error keeps each of them cheap to
/// pass up (and the WebAssembly smaller).
///
/// ```
/// use peixun::error::Problem;
/// let p = Problem::new("input.malformed_json", "$", "JSON 格式错误", "malformed JSON");
/// assert_eq!(p.code, "input.malformed_json");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(Box<ProblemParts>);

/// What a [`Problem`] says.
///
/// ```
/// use peixun::error::{Problem, ProblemParts};
/// let p = Problem::new("x.y", "$.a", "中", "en");
/// let moved = Problem::from(ProblemParts { path: "$.b".into(), ..p.into_parts() });
/// assert_eq!((moved.code.as_str(), moved.path.as_str()), ("x.y", "$.b"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemParts {
    /// Stable code, `stage.reason`, e.g. `calendar.year_unknown`.
    pub code: String,
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
    /// let p = peixun::error::Problem::new("x.y", "$.a", "中", "en");
    /// assert_eq!(p.path, "$.a");
    /// ```
    pub fn new(
        code: impl Into<String>,
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

    /// The same problem, located under `prefix` (e.g. a problem at `$.id_number`
    /// found while reading `$.trainees[2]` becomes `$.trainees[2].id_number`).
    ///
    /// ```
    /// let p = peixun::error::Problem::new("c", "$.id_number", "z", "e").under("$.trainees[2]");
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
/// use peixun::error::Explain;
/// let err = peixun::identity::check_resident_id("123").unwrap_err();
/// assert_eq!(err.code(), "id.length");
/// ```
pub trait Explain {
    /// The stable code, `stage.reason`.
    fn code(&self) -> &'static str;
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
