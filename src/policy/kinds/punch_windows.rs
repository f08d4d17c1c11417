//! The `punch_windows` rule kind.

use super::prelude::*;

/// Sign-in and sign-out windows around each session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PunchWindows {
    /// Minutes before the start in which a sign-in counts; absent: any time
    /// after the previous session (the seed sets no window).
    #[serde(default)]
    pub sign_in_before_minutes: Option<u32>,
    /// Minutes after the end in which a sign-out counts; absent: any time
    /// before the next session.
    #[serde(default)]
    pub sign_out_after_minutes: Option<u32>,
    /// Accepted punch methods.
    pub methods: Vec<PunchMethod>,
}

impl KindSpec for PunchWindows {
    const NAME: &'static str = "punch_windows";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check, Role::Record];
    const FACTS: &'static [&'static str] = PUNCH_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        PUNCH_MESSAGES
    }
}

impl KindCode for PunchWindows {
    read_params!(PunchWindows { sign_in_before_minutes: option, sign_out_after_minutes: option, methods: req });
}

/// Facts of `punch_windows`.
const PUNCH_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "punch",
    "trainee",
    "date",
    "session",
    "session_start",
    "session_end",
    "kind_zh",
    "kind_en",
    "time",
    "window_from",
    "window_until",
    "minutes_outside",
    "early_or_late_zh",
    "early_or_late_en",
    "missing_kind_zh",
    "missing_kind_en",
    "punch_class",
    "method",
    "methods",
    "first_punch",
    "first_time",
    "partner",
    "partner_time",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
    "opens_at",
    "closed_at",
    "next_session",
];

/// The messages a `punch_windows` rule needs: one per reason a punch is refused.
const PUNCH_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.outside_window",
    "fail.duplicate",
    "fail.other_class",
    "fail.non_training_day",
    "fail.out_of_order",
    "fail.unknown_trainee",
    "fail.method",
    "fail.incomplete",
    "fail.not_yet_open",
    "fail.closed",
    "fail.no_session",
    "fail.class_over",
    "fail.not_on_roster",
    "fail.after_as_of",
    "unknown.method_unstated",
    "unknown.partner_unstated",
    "unknown.method_required",
    "fail.wrong_method",
];
