//! What the authority's own records say about a claim, set on it before it is
//! verified: the facts no claimant can be trusted to state (how often a person
//! already took part in the programme this year, the dishonesty list).
//!
//! The verifier reads them from its ledger and applies them with
//! [`Claim::apply_records`]; a figure the records supply replaces whatever
//! the claim said, and a figure the records leave out (`None`) leaves the
//! claim's own, so the rules that read it stay as proven or unknown as the
//! claim makes them.

use super::Claim;

/// The records' facts about one trainee of a claim.
///
/// ```
/// let r = peixun::rules::claim::TraineeRecords { participations_this_year: Some(1), dishonest: Some(false) };
/// assert_eq!(r.participations_this_year, Some(1));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TraineeRecords {
    /// Participations in the claim's programme in its training year, this
    /// claim not counted.
    pub participations_this_year: Option<u32>,
    /// Whether the person is on the dishonesty (失信) list.
    pub dishonest: Option<bool>,
}

/// The records' facts about a claim: one entry per trainee, in roster order,
/// and the institution's place on the dishonesty list.
///
/// ```
/// use peixun::rules::claim::{Claim, Records, TraineeRecords};
/// let mut claim: Claim = peixun::input::from_json(r#"{"policy": "dalian-2023-major-conversion",
///   "trainees": [{"name": "甲", "id_number": "11010519491231002X",
///     "eligibility": {"participations_this_year": 0}, "claimed": {}}],
///   "claimed_total": "0.00"}"#, 4096).unwrap();
/// claim.apply_records(&Records {
///     trainees: vec![TraineeRecords { participations_this_year: Some(1), dishonest: None }],
///     institution_dishonest: Some(false),
/// });
/// assert_eq!(claim.trainees[0].eligibility.participations_this_year, Some(1));
/// assert_eq!(claim.institution.unwrap().dishonest, Some(false));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// Per trainee, in the claim's roster order (a shorter list leaves the
    /// trainees after it as the claim states them).
    pub trainees: Vec<TraineeRecords>,
    /// Whether the institution is on the dishonesty list.
    pub institution_dishonest: Option<bool>,
}

impl Claim {
    /// Sets the records' facts on the claim (see the module's documentation).
    pub fn apply_records(&mut self, records: &Records) {
        for (trainee, r) in self.trainees.iter_mut().zip(&records.trainees) {
            let facts = &mut trainee.eligibility.0;
            if let Some(n) = r.participations_this_year {
                facts.participations_this_year = Some(n);
            }
            if let Some(d) = r.dishonest {
                facts.dishonest = Some(d);
            }
        }
        if let Some(d) = records.institution_dishonest {
            self.institution
                .get_or_insert_with(Default::default)
                .dishonest = Some(d);
        }
    }
}
