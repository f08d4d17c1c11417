//! The `enrolment_documents` rule kind.

use super::prelude::*;

/// Enrolment documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnrolmentDocuments {
    /// Documents every trainee needs.
    pub required: Vec<String>,
    /// Extra documents for natives of the province who studied elsewhere.
    pub natives_studied_elsewhere: Vec<String>,
}

impl KindSpec for EnrolmentDocuments {
    const NAME: &'static str = "enrolment_documents";
    const FAMILY: Family = Family::Claim;
    const ROLES: &'static [Role] = &[Role::Check];
    const FACTS: &'static [&'static str] = &["missing_zh", "missing_en", "school_in_city"];

    fn required_messages(&self) -> &'static [&'static str] {
        messages::CHECK
    }
}

impl KindCode for EnrolmentDocuments {
    read_params!(EnrolmentDocuments { required: req, natives_studied_elsewhere: req });
}
