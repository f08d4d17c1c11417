//! The `online_share_limit` rule kind.

use super::prelude::*;

/// Online theory at most `max_share` of total hours.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnlineShareLimit {
    /// Largest share, e.g. `"0.40"`.
    pub max_share: Decimal,
    /// Whether the limit applies only to practical skills training.
    #[serde(default)]
    pub practical_only: bool,
    /// A hard limit, or one that holds "in principle".
    #[serde(default)]
    pub strictness: Strictness,
}

impl KindSpec for OnlineShareLimit {
    const NAME: &'static str = "online_share_limit";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = ONLINE_SHARE_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        ONLINE_SHARE_MESSAGES
    }
}

impl KindCode for OnlineShareLimit {
    read_params!(OnlineShareLimit { max_share: decimal, practical_only: or_default, strictness: or_default });

    fn lint(&self, cx: &mut LintCx<'_>) {
        cx.rate(".max_share", self.max_share);
    }
}

/// Facts of `online_share_limit`.
const ONLINE_SHARE_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "online_hours",
    "offline_hours",
    "total_hours",
    "share_percent",
    "max_share_percent",
    "practical",
    "hours_source",
    "stated_online_hours",
    "stated_offline_hours",
    "stated_total_hours",
    "timetable_online_hours",
    "timetable_offline_hours",
    "timetable_hours",
    "training_days",
    "lessons_per_day",
    "online_per_day",
    "offline_per_day",
];

/// The messages an `online_share_limit` rule needs: hours stated against the
/// timetable's, and a share that rests on stated hours alone.
const ONLINE_SHARE_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.hours_mismatch",
    "fail.total_mismatch",
    "unknown.stated_split",
];
