//! Masking numbers for public lists (公示名单).
//!
//! There is no national rule for how much of an ID number a subsidy list may
//! show; the common form keeps the first 6 and the last 4 characters
//! (`110105********002X`), and some places mandate less (`11*************02X`).
//! The rule is therefore a policy parameter, [`MaskRule`].

use serde::{Deserialize, Serialize};

/// The character that replaces each hidden character.
///
/// ```
/// assert_eq!(peixun::identity::MASK_CHAR, '*');
/// ```
pub const MASK_CHAR: char = '*';

/// How many characters stay visible at each end; the rest become [`MASK_CHAR`].
///
/// As a policy parameter it reads and writes as `{ "head": 6, "tail": 4 }`, both
/// fields required, no others allowed. The default is 6 and 4.
///
/// ```
/// use peixun::identity::MaskRule;
/// let rule: MaskRule = serde_json::from_str(r#"{ "head": 2, "tail": 3 }"#).unwrap();
/// assert_eq!(rule, MaskRule::new(2, 3));
/// assert_eq!(rule.mask("11010519491231002X"), "11*************02X");
/// assert!(serde_json::from_str::<MaskRule>(r#"{ "head": 2 }"#).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaskRule {
    /// Characters visible at the start.
    pub head: usize,
    /// Characters visible at the end.
    pub tail: usize,
}

impl Default for MaskRule {
    /// First 6 and last 4 visible.
    ///
    /// ```
    /// assert_eq!(peixun::identity::MaskRule::default(), peixun::identity::MaskRule::new(6, 4));
    /// ```
    fn default() -> Self {
        MaskRule::new(6, 4)
    }
}

impl MaskRule {
    /// A rule keeping `head` characters at the start and `tail` at the end.
    ///
    /// ```
    /// assert_eq!(peixun::identity::MaskRule::new(3, 0).mask("abcdef"), "abc***");
    /// ```
    pub const fn new(head: usize, tail: usize) -> Self {
        MaskRule { head, tail }
    }

    /// Masks `s`, counting in characters (not bytes), one [`MASK_CHAR`] per hidden
    /// character.
    ///
    /// Something is always hidden in a non-empty string. When the rule would show
    /// every character (`head + tail >= ` the length), at most one character stays
    /// visible at each end where the rule shows any, and strings of one or two
    /// characters are hidden entirely.
    ///
    /// ```
    /// use peixun::identity::MaskRule;
    /// let rule = MaskRule::default();
    /// assert_eq!(rule.mask("11010519491231002X"), "110105********002X");
    /// assert_eq!(rule.mask("张三丰"), "张*丰");
    /// assert_eq!(rule.mask("ab"), "**");
    /// assert_eq!(MaskRule::new(0, 4).mask("abc"), "**c");
    /// assert_eq!(rule.mask(""), "");
    /// ```
    pub fn mask(&self, s: &str) -> String {
        let n = s.chars().count();
        let (head, tail) = if self.head.saturating_add(self.tail) < n {
            (self.head, self.tail)
        } else if n <= 2 {
            (0, 0)
        } else {
            (self.head.min(1), self.tail.min(1))
        };
        s.chars()
            .enumerate()
            .map(|(i, c)| {
                if i < head || i >= n - tail {
                    c
                } else {
                    MASK_CHAR
                }
            })
            .collect()
    }
}

/// Masks a number with the default rule (first 6 and last 4 visible), after
/// trimming surrounding white space. It does not check the number.
///
/// ```
/// assert_eq!(peixun::identity::mask_id(" 11010519491231002X "), "110105********002X");
/// ```
pub fn mask_id(s: &str) -> String {
    MaskRule::default().mask(s.trim())
}
