//! The `video_evidence` rule kind.

use super::prelude::*;

/// Video evidence per class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VideoEvidence {
    /// Videos per class.
    pub min_videos: u32,
    /// Videos per month.
    pub min_per_month: u32,
    /// Days between two videos of a month (more than this).
    pub min_gap_days: u32,
    /// Minutes per video.
    pub min_minutes: u32,
    /// Which videos must be spaced.
    #[serde(default)]
    pub spacing: VideoSpacing,
}

impl KindSpec for VideoEvidence {
    const NAME: &'static str = "video_evidence";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = VIDEO_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        VIDEO_MESSAGES
    }
}

impl KindCode for VideoEvidence {
    read_params!(VideoEvidence { min_videos: req, min_per_month: req, min_gap_days: req, min_minutes: req, spacing: or_default });
}

/// Facts of `video_evidence`.
const VIDEO_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "videos",
    "long_enough",
    "min_videos",
    "month",
    "month_videos",
    "min_per_month",
    "video",
    "video_date",
    "minutes",
    "min_minutes",
    "widest_gap_days",
    "required_gap_days",
    "previous_video",
    "spacing_zh",
    "spacing_en",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
];

/// The messages a `video_evidence` rule needs: a video not on a training day.
const VIDEO_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "fail.not_a_training_day",
];
