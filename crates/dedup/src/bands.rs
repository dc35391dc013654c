//! The buckets of one LSH band, kept compact.
//!
//! A million texts make tens of millions of (band, values) buckets, nearly all
//! holding a single text, so one allocation per bucket would cost more than the
//! signatures themselves. Here a band is one open-addressing table from the
//! band's values to the newest entry holding them; older entries with the same
//! values are chained through a flat array owned by the index (see
//! [`crate::LshIndex`]). A slot is eight bytes: a 32-bit hash of the values and
//! the entry. Hashes are only a filter: a slot matches when the entry's stored
//! values equal the ones looked up.

/// Empty slot marker (entries are stored as index + 1).
const EMPTY: u32 = 0;

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    hash: u32,
    /// Entry index + 1, or [`EMPTY`].
    head: u32,
}

/// One band's table from values to the newest entry holding them.
#[derive(Debug, Default)]
pub(crate) struct BandTable {
    slots: Vec<Slot>,
    used: usize,
}

impl BandTable {
    /// The newest entry whose band values `same` accepts, found under `hash`.
    pub fn head(&self, hash: u32, same: impl Fn(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        loop {
            let slot = self.slots[i];
            if slot.head == EMPTY {
                return None;
            }
            if slot.hash == hash && same(slot.head - 1) {
                return Some(slot.head - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Makes `entry` the newest under its values and returns the previous newest, if any.
    pub fn push(&mut self, hash: u32, entry: u32, same: impl Fn(u32) -> bool) -> Option<u32> {
        if (self.used + 1) * 10 > self.slots.len() * 7 {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        loop {
            let slot = &mut self.slots[i];
            if slot.head == EMPTY {
                *slot = Slot { hash, head: entry + 1 };
                self.used += 1;
                return None;
            }
            if slot.hash == hash && same(slot.head - 1) {
                let previous = slot.head - 1;
                slot.head = entry + 1;
                return Some(previous);
            }
            i = (i + 1) & mask;
        }
    }

    fn home(&self, hash: u32) -> usize {
        // Fibonacci hashing spreads the hash over the table's size.
        let bits = self.slots.len().trailing_zeros();
        ((hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s.head != EMPTY) {
            let mut i = self.home(slot.hash);
            while self.slots[i].head != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_chain_and_colliding_hashes_stay_apart() {
        // Entry values: entries 0 and 2 share values 10; entry 1 has values 11
        // under the same hash, as if the hash had collided.
        let values = [10u32, 11, 10];
        let mut t = BandTable::default();
        let same = |v: u32| move |e: u32| values[e as usize] == v;
        assert_eq!(t.push(7, 0, same(10)), None);
        assert_eq!(t.push(7, 1, same(11)), None);
        assert_eq!(t.push(7, 2, same(10)), Some(0));
        assert_eq!(t.head(7, same(10)), Some(2));
        assert_eq!(t.head(7, same(11)), Some(1));
        assert_eq!(t.head(7, same(12)), None);
        assert_eq!(t.head(8, same(10)), None);
    }

    #[test]
    fn growing_keeps_every_entry() {
        let mut t = BandTable::default();
        for e in 0..10_000u32 {
            assert_eq!(t.push(e.wrapping_mul(2_654_435_761), e, |x| x == e), None);
        }
        for e in (0..10_000u32).step_by(97) {
            assert_eq!(t.head(e.wrapping_mul(2_654_435_761), |x| x == e), Some(e));
        }
    }
}
