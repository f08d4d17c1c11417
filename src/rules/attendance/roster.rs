//! The roster: trainee key → index, looked up once per punch.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::input::Trainee;

/// FNV-1a over the key's bytes: a fast hash for the short roster keys that
/// every punch is looked up by. It is not collision-resistant, but the roster is
/// at most [`MAX_TRAINEES`](super::MAX_TRAINEES) keys, so even keys crafted to collide cost at most
/// that many comparisons per punch: the work stays bounded.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        // Spread the bits (the table uses both the low and the high ones).
        let h = self.0 ^ (self.0 >> 29);
        h.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Trainee key → roster index.
pub(crate) struct Roster<'a> {
    map: HashMap<&'a str, usize, BuildHasherDefault<Fnv>>,
}

impl<'a> Roster<'a> {
    /// The roster, or the index of the first entry that repeats an earlier one.
    pub(crate) fn new(trainees: &'a [Trainee]) -> Result<Roster<'a>, usize> {
        let mut map = HashMap::with_capacity_and_hasher(trainees.len(), Default::default());
        for (i, t) in trainees.iter().enumerate() {
            if map.insert(t.id.as_str(), i).is_some() {
                return Err(i);
            }
        }
        Ok(Roster { map })
    }

    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.map.get(key).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}
