//! The roster: trainee key → index, looked up once per punch.

use super::input::Trainee;

/// Trainee key → roster index: an open-addressing table of indexes, hashed
/// with FNV-1a (written here rather than a `HashMap`, whose hashing and table
/// code would be most of the lookup's size in the WebAssembly module).
///
/// FNV is fast on the short keys every punch is looked up by, and not
/// collision-resistant; the roster is at most
/// [`MAX_TRAINEES`](super::MAX_TRAINEES) keys, so even keys crafted to collide
/// cost at most that many comparisons per punch: the work stays bounded.
pub(crate) struct Roster<'a> {
    trainees: &'a [Trainee],
    /// `0` for an empty slot, else the trainee's index plus one. The length
    /// is a power of two, at least twice the roster's.
    slots: Vec<u32>,
}

impl<'a> Roster<'a> {
    /// The roster, or the index of the first entry that repeats an earlier one.
    pub(crate) fn new(trainees: &'a [Trainee]) -> Result<Roster<'a>, usize> {
        let size = (trainees.len() * 2).next_power_of_two().max(8);
        let mut roster = Roster {
            trainees,
            slots: vec![0; size],
        };
        for (i, t) in trainees.iter().enumerate() {
            match roster.probe(&t.id) {
                Ok(_) => return Err(i),
                Err(empty) => roster.slots[empty] = i as u32 + 1,
            }
        }
        Ok(roster)
    }

    /// The slot holding `key` (`Ok`), or the empty slot where it would go.
    fn probe(&self, key: &str) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut at = hash(key) as usize & mask;
        loop {
            match self.slots[at] {
                0 => return Err(at),
                s if self.trainees[s as usize - 1].id == key => return Ok(at),
                _ => at = (at + 1) & mask,
            }
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.probe(key).ok().map(|at| self.slots[at] as usize - 1)
    }

    pub(crate) fn len(&self) -> usize {
        self.trainees.len()
    }
}

/// FNV-1a over the key's bytes, its bits spread (the table uses the low ones).
fn hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = h ^ (h >> 29);
    h.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trainees(ids: &[String]) -> Vec<Trainee> {
        ids.iter()
            .map(|id| Trainee {
                id: id.clone(),
                name: None,
            })
            .collect()
    }

    #[test]
    fn finds_every_trainee_and_no_one_else() {
        for n in [0, 1, 7, 8, 9, 500] {
            let ids: Vec<String> = (0..n).map(|i| format!("T{i:03}")).collect();
            let list = trainees(&ids);
            let roster = Roster::new(&list).unwrap();
            assert_eq!(roster.len(), n);
            for (i, id) in ids.iter().enumerate() {
                assert_eq!(roster.get(id), Some(i), "{id}");
            }
            for other in ["", "T", "T1000", "t000", "T000 "] {
                assert_eq!(roster.get(other), None, "{other:?} in {n}");
            }
        }
    }

    #[test]
    fn a_repeated_key_is_refused_at_its_first_repeat() {
        let ids: Vec<String> = ["a", "b", "c", "b", "a", "c"].map(str::to_owned).to_vec();
        assert_eq!(Roster::new(&trainees(&ids)).err(), Some(3));
        let ids: Vec<String> = ["x", "x"].map(str::to_owned).to_vec();
        assert_eq!(Roster::new(&trainees(&ids)).err(), Some(1));
    }
}
