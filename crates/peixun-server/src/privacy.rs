//! What the server writes down: every string on its way to the ledger (and
//! into the logs) is scanned for identity numbers, wherever they sit inside
//! the text, and each one found is replaced.
//!
//! - **Resident ID numbers** (GB 11643): 18 characters, 17 digits and a digit
//!   or `X` whose check character is right and whose birth date exists; and
//!   the old 15-digit form, when it stands alone as a run of exactly 15
//!   digits with a birth date that exists (it has no check character, so a
//!   15-digit window inside a longer run of digits is not taken for one).
//!   Each is replaced by `hmac:<the ledger's person key>` — the key the ledger
//!   uses for that person everywhere else (`ServerKeys::person`), so an
//!   auditor holding the ledger can still join a free text to the person.
//! - **Unified social credit codes** (GB 32100): 18 symbols of the code's
//!   alphabet, as the standard writes them (digits and capitals: a lower-case
//!   run is not taken for a code, so that hexadecimal digests are never
//!   mistaken for one), with a right check character, masked
//!   ([`peixun::identity::mask_id`]: the first 6 and last 4 visible) — except
//!   the codes the caller names as kept: the institution's own code where the
//!   server needs it (a claim's submitting institution, the institution a
//!   voucher was claimed at, an institution on the list).
//!
//! Numbers are found as substrings: next to Chinese characters, punctuation,
//! letters or other digits. Full-width digits and `Ｘ` (as a Chinese input
//! method types them) count as their ASCII forms. Overlapping matches are all
//! replaced, so no character of any match survives. Numbers broken up by
//! spaces or hyphens are not recognised.
//!
//! ```
//! let keys = peixun_server::keys::ServerKeys::derive(&peixun::voucher::HolderKey::from_bytes([9; 32]));
//! let text = "学员张三（身份证11010519491231002X）请假；机构91350100M000100Y43";
//! let out = peixun_server::privacy::redact_text(&keys, text, &[]);
//! assert!(!out.contains("11010519491231002X"));
//! assert!(out.contains(&format!("hmac:{}", keys.person_of_number("11010519491231002X").unwrap())));
//! assert!(out.ends_with("机构913501********0Y43"));
//! let kept = peixun_server::privacy::redact_text(&keys, text, &["91350100M000100Y43"]);
//! assert!(kept.ends_with("机构91350100M000100Y43"));
//! ```

use crate::codes::VerifierCode;
use std::borrow::Cow;

use serde_json::Value;

use super::keys::ServerKeys;
use peixun::identity::{check_credit_code, check_resident_id, mask_id, CREDIT_CODE_ALPHABET};

/// A character as the scanner reads it: full-width digits and X as ASCII.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        'Ｘ' | 'ｘ' => 'X',
        _ => c,
    }
}

struct Match {
    start: usize,
    end: usize,
    replacement: String,
}

/// Replaces every resident ID number and unified social credit code inside
/// `text` (see the module's notes); credit codes in `keep` (any case) stay.
pub fn redact_text<'a>(keys: &ServerKeys, text: &'a str, keep: &[&str]) -> Cow<'a, str> {
    // Quick exit: no run of 15 or more digit-or-letter characters, nothing to find.
    if text.chars().count() < 15 {
        return Cow::Borrowed(text);
    }
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let byte_end = |k: usize| chars.get(k).map_or(text.len(), |(b, _)| *b);
    let is_digit = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
    let window =
        |k: usize, n: usize| -> String { chars[k..k + n].iter().map(|(_, c)| *c).collect() };
    let mut found: Vec<Match> = Vec::new();
    let n = chars.len();
    for k in 0..n {
        // An 18-character resident ID number.
        if k + 18 <= n
            && (k..k + 17).all(is_digit)
            && (is_digit(k + 17) || matches!(chars[k + 17].1, 'X' | 'x'))
        {
            if let Ok(id) = check_resident_id(&window(k, 18)) {
                found.push(Match {
                    start: k,
                    end: k + 18,
                    replacement: format!("hmac:{}", keys.person(&id)),
                });
                continue;
            }
        }
        // A 15-digit number standing alone as a run of digits.
        if k + 15 <= n
            && (k == 0 || !is_digit(k - 1))
            && (k..k + 15).all(is_digit)
            && !is_digit(k + 15)
        {
            if let Ok(id) = check_resident_id(&window(k, 15)) {
                found.push(Match {
                    start: k,
                    end: k + 15,
                    replacement: format!("hmac:{}", keys.person(&id)),
                });
            }
        }
    }
    // Credit codes, where no resident ID number was found: a window that
    // overlaps one is a coincidence of its digits, and masking it would show
    // the number's first and last characters.
    let ids = found.len();
    for k in 0..n {
        if k + 18 > n || found[..ids].iter().any(|m| m.start < k + 18 && k < m.end) {
            continue;
        }
        if chars[k..k + 18]
            .iter()
            .all(|(_, c)| CREDIT_CODE_ALPHABET.contains(*c))
        {
            if let Ok(code) = check_credit_code(&window(k, 18)) {
                let kept = keep
                    .iter()
                    .any(|c| c.trim().eq_ignore_ascii_case(code.code()));
                if !kept {
                    found.push(Match {
                        start: k,
                        end: k + 18,
                        replacement: mask_id(code.code()),
                    });
                }
            }
        }
    }
    found.sort_by_key(|m| m.start);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    // `found` is in order of start. Every match is replaced; where matches
    // overlap, each one's replacement is written and the characters they
    // cover together are dropped.
    let mut out = String::with_capacity(text.len() + 64);
    let mut cursor = 0; // in characters
    for m in &found {
        if m.start >= cursor {
            out.push_str(&text[byte_end(cursor)..byte_end(m.start)]);
        }
        out.push_str(&m.replacement);
        cursor = cursor.max(m.end);
    }
    out.push_str(&text[byte_end(cursor)..]);
    Cow::Owned(out)
}

/// [`redact_text`] into an owned string.
pub fn redact_string(keys: &ServerKeys, text: &str, keep: &[&str]) -> String {
    redact_text(keys, text, keep).into_owned()
}

/// [`redact_text`] on an optional string.
pub fn redact_option(keys: &ServerKeys, text: Option<&str>, keep: &[&str]) -> Option<String> {
    text.map(|t| redact_string(keys, t, keep))
}

/// Redacts every string of a JSON document, object keys included; whether
/// anything changed. The value of a `holder` key that is a holder pseudonym
/// (32 or 64 lower-case hexadecimal digits) is a digest already and stays as it is (a
/// lifecycle event's applicant).
pub fn redact_value(keys: &ServerKeys, v: &mut Value, keep: &[&str]) -> bool {
    redact_value_except(keys, v, keep, &[])
}

/// [`redact_value`], leaving the values of the object keys named in `skip`
/// (anywhere in the document) as they are: identifiers the server has
/// already checked hold no ID number.
pub fn redact_value_except(keys: &ServerKeys, v: &mut Value, keep: &[&str], skip: &[&str]) -> bool {
    match v {
        Value::String(s) => {
            if let Cow::Owned(r) = redact_text(keys, s, keep) {
                *s = r;
                true
            } else {
                false
            }
        }
        Value::Array(a) => a
            .iter_mut()
            .fold(false, |ch, x| redact_value_except(keys, x, keep, skip) | ch),
        Value::Object(m) => {
            let mut changed = false;
            let needs_new_keys = m
                .keys()
                .any(|k| matches!(redact_text(keys, k, keep), Cow::Owned(_)));
            if needs_new_keys {
                changed = true;
                let old = std::mem::take(m);
                for (k, x) in old {
                    m.insert(redact_string(keys, &k, keep), x);
                }
            }
            for (k, x) in m.iter_mut() {
                let pseudonym = k == "holder"
                    && x.as_str().is_some_and(|s| {
                        matches!(s.len(), 32 | 64)
                            && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
                    });
                if !pseudonym && !skip.contains(&k.as_str()) {
                    changed |= redact_value_except(keys, x, keep, skip);
                }
            }
            changed
        }
        _ => false,
    }
}

/// Redacts a JSON text: the same text when nothing in it is an identity
/// number, else the redacted document as canonical JSON; a text that is not
/// JSON is redacted as text.
pub fn redact_json_text(keys: &ServerKeys, text: &str, keep: &[&str]) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(mut v) => {
            if redact_value(keys, &mut v, keep) {
                peixun::canonical::value_to_string(&v)
            } else {
                text.to_owned()
            }
        }
        Err(_) => redact_string(keys, text, keep),
    }
}

/// Whether a text holds a resident ID number (credit codes are not looked at).
pub fn holds_resident_id(keys: &ServerKeys, text: &str) -> bool {
    match redact_text(keys, text, &[]) {
        Cow::Borrowed(_) => false,
        Cow::Owned(out) => out.matches("hmac:").count() > text.matches("hmac:").count(),
    }
}

/// Refuses an identifier (a voucher's, an event's) that holds a resident ID
/// number: it would be stored, logged and signed as it is.
pub(crate) fn check_identifier(
    keys: &ServerKeys,
    value: &str,
    path: &str,
) -> Result<(), crate::respond::ApiError> {
    if holds_resident_id(keys, value) {
        return Err(crate::respond::ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            VerifierCode::PrivacyIdNumberInIdentifier,
            path,
            "标识符中不得含有身份证号码".into(),
            "an identifier must not contain an ID number".into(),
        ));
    }
    Ok(())
}

/// Creates a directory (and its parents) readable by the server's user only
/// (0700 on Unix), or tightens an existing one that is looser.
pub(crate) fn private_dir(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(path)?;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(path)
    }
}

/// Makes an existing file readable and writable by the server's user only
/// (0600 on Unix) when it is looser; a file that does not exist is left so.
pub(crate) fn private_file(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(path) {
            Ok(m) if m.permissions().mode() & 0o077 != 0 => std::fs::set_permissions(
                path,
                std::fs::Permissions::from_mode(m.permissions().mode() & 0o600),
            ),
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Creates an empty file with mode 0600 unless it exists (SQLite gives its
/// `-wal` and `-shm` files the database file's mode).
pub(crate) fn create_private_file(path: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> ServerKeys {
        ServerKeys::derive(&peixun::voucher::HolderKey::from_bytes([9; 32]))
    }

    #[test]
    fn numbers_inside_text_are_replaced() {
        let k = keys();
        let id = "11010519491231002X";
        let hm = format!("hmac:{}", k.person_of_number(id).unwrap());
        for (text, want) in [
            (format!("失信：{id}。"), format!("失信：{hm}。")),
            (format!("ID{id}abc"), format!("ID{hm}abc")),
            (format!("x{}y", id.to_lowercase()), format!("x{hm}y")),
            (format!("9{id}9"), format!("9{hm}9")),
            (
                "１１０１０５１９４９１２３１００２Ｘ号".to_owned(),
                format!("{hm}号"),
            ),
            (id.to_owned(), hm.clone()),
        ] {
            assert_eq!(redact_text(&k, &text, &[]), want, "{text}");
        }
        // The 15-digit form, standing alone, is the same person as its 18-digit form.
        let old = "440524800101001";
        let hm15 = format!("hmac:{}", k.person_of_number("440524198001010013").unwrap());
        assert_eq!(
            redact_text(&k, &format!("旧证{old}号"), &[]),
            format!("旧证{hm15}号")
        );
        // Not inside a longer run of digits.
        assert_eq!(redact_text(&k, "4405248001010019", &[]), "4405248001010019");
        // Nothing to find: borrowed, unchanged.
        assert!(matches!(
            redact_text(&k, "大连市某职业技能培训学校 2023", &[]),
            Cow::Borrowed(_)
        ));
        // Two numbers overlapping: nothing of either survives.
        let a = "110105194912310021";
        let both = format!("{a}{id}");
        let out = redact_text(&k, &both, &[]);
        assert!(!out.contains("1949123100"), "{out}");
    }

    #[test]
    fn credit_codes_masked_unless_kept() {
        let k = keys();
        let code = "91350100M000100Y43";
        assert_eq!(
            redact_text(&k, &format!("见{code}"), &[]),
            "见913501********0Y43"
        );
        assert_eq!(
            redact_text(&k, &format!("见{code}"), &[code]),
            format!("见{code}")
        );
        // Lower case is not how a code is written (hexadecimal digests are).
        let lower = format!("见{}", code.to_lowercase());
        assert_eq!(redact_text(&k, &lower, &[]), lower);
        let mut v =
            serde_json::json!({"institution": {"credit_code": code}, "note": format!("{code}")});
        redact_value(&k, &mut v, &[code]);
        assert_eq!(v["institution"]["credit_code"], code);
    }

    #[test]
    fn json_keys_and_values_but_not_pseudonyms() {
        let k = keys();
        let id = "11010519491231002X";
        let holder = "0".repeat(32);
        let mut v = serde_json::json!({ id: [id], "holder": holder, "reason": format!("{id}") });
        redact_value(&k, &mut v, &[]);
        let text = v.to_string();
        assert!(!text.contains(id), "{text}");
        assert_eq!(v["holder"], holder);
    }
}
