//! The `daily_lessons` rule kind.

use super::prelude::*;

/// At least `min_lessons` lessons of `lesson_minutes` a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyLessons {
    /// Lessons per day.
    pub min_lessons: u32,
    /// Minutes per lesson.
    pub lesson_minutes: u32,
}

impl KindSpec for DailyLessons {
    const NAME: &'static str = "daily_lessons";
    const FAMILY: Family = Family::Attendance;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = LESSON_FACTS;

    fn required_messages(&self) -> &'static [&'static str] {
        LESSON_MESSAGES
    }
}

impl KindCode for DailyLessons {
    read_params!(DailyLessons { min_lessons: req, lesson_minutes: req });
}

/// Facts of `daily_lessons`.
const LESSON_FACTS: &[&str] = &[
    "class",
    "start",
    "end",
    "lessons_per_day",
    "lesson_minutes",
    "min_lessons",
    "required_lesson_minutes",
    "session_minutes",
    "needed_minutes",
];

/// The messages a `daily_lessons` rule needs: a check's, and a claim that
/// carries no timetable.
const LESSON_MESSAGES: &[&str] = &["pass", "fail", "unknown", "summary", "unknown.no_timetable"];
