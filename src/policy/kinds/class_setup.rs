//! The `class_setup` rule kind.

use super::prelude::*;

/// Class set-up: face recognition, remote video, filing, the class name pattern.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassSetup {
    /// Face recognition working before opening.
    pub face_recognition: bool,
    /// Remote video working before opening.
    pub remote_video: bool,
    /// The class name: `YYYY年` + major + `N班期`.
    pub name_pattern: String,
}

impl KindSpec for ClassSetup {
    const NAME: &'static str = "class_setup";
    const FAMILY: Family = Family::Deadlines;
    const ROLES: &'static [Role] = &[Role::Date, Role::Check];
    const FACTS: &'static [&'static str] = &[
                "start",
                "deadline",
                "name",
                "online_name",
                "major",
                "expected_name",
                "face_recognition",
                "remote_video",
                "filed_on",
                "approved_on",
            ];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECKED_DATE
    }
}

impl KindCode for ClassSetup {
    read_params!(ClassSetup { face_recognition: req, remote_video: req, name_pattern: req });
}
