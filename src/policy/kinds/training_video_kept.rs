//! The `training_video_kept` rule kind.

use super::prelude::*;

/// Training-process video kept (classified classes excepted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingVideoKept {}

impl KindSpec for TrainingVideoKept {
    const NAME: &'static str = "training_video_kept";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check, Role::Record];
    const FACTS: &'static [&'static str] = VIDEO_KEPT_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        VIDEO_KEPT_MESSAGES
    }
}

impl KindCode for TrainingVideoKept {
    read_params!(TrainingVideoKept {  });
}

/// Facts of `training_video_kept`.
const VIDEO_KEPT_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "videos",
    "classified",
    "video",
    "video_date",
    "day_kind_zh",
    "day_kind_en",
    "holiday",
];

/// The messages a `training_video_kept` rule needs: a video not on a training
/// day, and none that is.
const VIDEO_KEPT_MESSAGES: &[&str] = &[
    "pass",
    "fail",
    "unknown",
    "summary",
    "unknown.not_a_training_day",
    "unknown.none_counted",
];
