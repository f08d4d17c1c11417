//! The roster: trainee key → index, looked up once per punch.

use super::input::Trainee;

/// Trainee key → roster index: the keys sorted, looked up by binary search
/// (at most [`MAX_TRAINEES`](super::MAX_TRAINEES) keys, so about ten short
/// string comparisons per punch, and no hashing code in the WebAssembly).
pub(crate) struct Roster<'a> {
    sorted: Vec<(&'a str, usize)>,
}

impl<'a> Roster<'a> {
    /// The roster, or the index of the first entry that repeats an earlier one.
    pub(crate) fn new(trainees: &'a [Trainee]) -> Result<Roster<'a>, usize> {
        let mut sorted: Vec<(&str, usize)> = trainees
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        // Stable: equal keys keep the roster's order, so the second of a run
        // is the first entry that repeats that key.
        crate::sort::by(&mut sorted, |a, b| a.0.cmp(b.0));
        let first_repeat = sorted
            .windows(2)
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| w[1].1)
            .min();
        match first_repeat {
            Some(i) => Err(i),
            None => Ok(Roster { sorted }),
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.sorted
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|at| self.sorted[at].1)
    }

    pub(crate) fn len(&self) -> usize {
        self.sorted.len()
    }
}
