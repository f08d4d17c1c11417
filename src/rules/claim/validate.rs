//! What serde cannot check of a claim: amounts under rules the policy has, counts that add up.

use super::*;
use crate::error::InputCode;

/// Checks what serde cannot: amounts under rules the policy has, counts that
/// add up, someone to pay.
pub(super) fn validate(policy: &Policy, claim: &Claim) -> Result<(), Problem> {
    if let Some(c) = &claim.class {
        if let (Some(stated), Some(t)) = (c.sessions_per_day, &c.timetable) {
            if usize::try_from(stated).ok() != Some(t.sessions.len()) {
                return Err(InputError::new(
                    InputCode::InvalidValue,
                    "$.class.sessions_per_day",
                    format!(
                        "{stated} sessions a day, but the class's timetable lists {}",
                        t.sessions.len()
                    ),
                )
                .problem());
            }
        }
    }
    let amount_ids: Vec<&str> = policy
        .rules
        .iter()
        .filter(|r| is_amount(&r.kind))
        .map(|r| r.id.as_str())
        .collect();
    let bad_key = |path: String, key: &str, for_workers: bool| -> Problem {
        let detail = if for_workers {
            format!(
                "`{key}` is not the work-in-lieu-of-training rule of `{}`",
                policy.id
            )
        } else {
            format!(
                "`{key}` is not an amount rule of `{}` (amount rules: {})",
                policy.id,
                if amount_ids.is_empty() {
                    "none: its rates are in documents the seed does not include".to_owned()
                } else {
                    amount_ids.join(", ")
                }
            )
        };
        InputError::new(InputCode::InvalidValue, path, detail).problem()
    };
    for (i, t) in claim.trainees.iter().enumerate() {
        for key in t.claimed.keys() {
            let ok = policy.rule(key).is_some_and(|r| {
                is_amount(&r.kind) && !matches!(r.kind, RuleKind::WorkInLieuOfTraining(_))
            });
            if !ok {
                return Err(bad_key(
                    format!("$.trainees[{i}].claimed{}", key_path(key)),
                    key,
                    false,
                ));
            }
        }
        if let Some(s) = t.attendance.as_ref().and_then(AttendanceInput::summary) {
            let at = format!("$.trainees[{i}].attendance");
            if claim.class.as_ref().and_then(|c| c.sessions_per_day) == Some(0) {
                return Err(InputError::new(
                    InputCode::InvalidValue,
                    "$.class.sessions_per_day",
                    "a training day has at least one session",
                )
                .problem());
            }
            if s.expected_sessions == 0 {
                return Err(InputError::new(
                    InputCode::InvalidValue,
                    format!("{at}.expected_sessions"),
                    "no session expected: the attendance rate has no denominator",
                )
                .problem());
            }
            let total = u64::from(s.attended_sessions)
                + u64::from(s.sick_leave)
                + u64::from(s.personal_leave);
            if total > u64::from(s.expected_sessions) {
                return Err(InputError::new(
                    InputCode::InvalidValue,
                    format!("{at}.attended_sessions"),
                    format!(
                        "{} attended + {} sick leave + {} personal leave is more than the {} sessions expected",
                        s.attended_sessions, s.sick_leave, s.personal_leave, s.expected_sessions
                    ),
                )
                .problem());
            }
            if s.attended_days > s.attended_sessions {
                return Err(InputError::new(
                    InputCode::InvalidValue,
                    format!("{at}.attended_days"),
                    format!(
                        "{} days attended but only {} sessions",
                        s.attended_days, s.attended_sessions
                    ),
                )
                .problem());
            }
        }
    }
    if let Some(e) = &claim.enterprise {
        for (i, w) in e.workers.iter().enumerate() {
            for key in w.claimed.keys() {
                let ok = policy
                    .rule(key)
                    .is_some_and(|r| matches!(r.kind, RuleKind::WorkInLieuOfTraining(_)));
                if !ok {
                    return Err(bad_key(
                        format!("$.enterprise.workers[{i}].claimed{}", key_path(key)),
                        key,
                        true,
                    ));
                }
            }
        }
    }
    if claim.trainees.is_empty()
        && claim
            .enterprise
            .as_ref()
            .is_none_or(|e| e.workers.is_empty())
    {
        return Err(InputError::new(
            InputCode::MissingField,
            "$.trainees",
            "a claim lists at least one trainee (or an enterprise with workers)",
        )
        .problem());
    }
    Ok(())
}

pub(super) fn key_path(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!(".{key}")
    } else {
        format!("[{}]", Value::String(key.to_owned()))
    }
}
