//! Stable sorting with one compiled copy of the algorithm.
//!
//! The standard library's stable sort is fast, and each element type gets its
//! own copy of it (about 3.5 KB of WebAssembly each). The engine sorts a dozen
//! kinds of list, none of them in a hot loop, so here one merge sort works on
//! positions through a `dyn` comparison and only the closing shuffle of
//! elements is compiled per type. Same result as `slice::sort_by`: stable,
//! O(n log n) comparisons.

use std::cmp::Ordering;

/// Sorts `v` stably by `compare` (as [`slice::sort_by`]): `[(2, a), (1, b),
/// (2, c), (1, d)]` by the number is `[(1, b), (1, d), (2, a), (2, c)]`.
pub(crate) fn by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let v: &[T] = v;
        order(v.len(), &mut |a, b| compare(&v[a], &v[b]))
    };
    permute(order, &mut |i, j| v.swap(i, j));
}

/// Sorts `v` stably by the key `key` gives (as [`slice::sort_by_key`]).
pub(crate) fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in ascending order (as [`slice::sort`]).
pub(crate) fn ascending<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The stable sorted order of `n` positions: `out[k]` is the position of the
/// element that belongs at `k`. A bottom-up merge sort.
fn order(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                // Take from the right run only when it is strictly smaller:
                // equal elements keep their order.
                let right = j < end && (i >= mid || compare(from[j], from[i]) == Ordering::Less);
                if right {
                    *slot = from[j];
                    j += 1;
                } else {
                    *slot = from[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Moves the element at `order[k]` to `k` for every `k`, by swaps along the
/// permutation's cycles.
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let next = order[at];
            order[at] = DONE;
            if next != start {
                swap(at, next);
            }
            at = next;
        }
    }
}

/// A small xorshift generator for tests that need many varied inputs and
/// no dependency.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_stable_sort() {
        let mut next = xorshift(0x2545_f491);
        for n in [0, 1, 2, 3, 5, 8, 13, 64, 100, 1000] {
            let v: Vec<(u64, usize)> = (0..n).map(|i| (next() % 7, i)).collect();
            let mut ours = v.clone();
            by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "n = {n}");
            let mut keyed = v.clone();
            by_key(&mut keyed, |x| std::cmp::Reverse(x.0));
            let mut std = v;
            std.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(keyed, std, "n = {n}");
        }
    }

    #[test]
    fn sorts_strings_ascending() {
        let mut v = vec![
            "b".to_owned(),
            "a".to_owned(),
            "c".to_owned(),
            "a".to_owned(),
        ];
        ascending(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
