//! A small deterministic random generator (SplitMix64) and the bijective mixers that turn
//! ordinals into unique-looking identifiers.
//!
//! Every customer gets its own streams derived from `(seed, customer, stream)`, so a customer can
//! be rebuilt on its own (the live feed does that) and adding a draw to one stream never shifts
//! what another stream produces.

/// SplitMix64's finaliser. It is a bijection on `u64`, which is what makes derived ids unique.
#[inline]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Streams of one customer; distinct constants keep them independent.
#[derive(Clone, Copy)]
pub(crate) enum Stream {
    Person = 1,
    Orders = 2,
    Times = 3,
    Talk = 4,
    Lookalike = 5,
}

#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(mix(seed ^ 0x6A09_E667_F3BC_C909))
    }

    pub(crate) fn derive(seed: u64, customer: u64, stream: Stream) -> Rng {
        let k = mix(seed ^ 0x243F_6A88_85A3_08D3)
            ^ mix(customer.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((stream as u64) << 56));
        Rng(mix(k))
    }

    #[inline]
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is far below what a demo can show).
    /// `n == 0` yields 0.
    #[inline]
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    #[inline]
    pub(crate) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi`; `hi < lo` yields `lo`.
    #[inline]
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + self.below(span) as i64
    }

    #[inline]
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    #[inline]
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty table (every table passed here is a constant).
    #[inline]
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// One string of a non-empty constant table.
    #[inline]
    pub(crate) fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.index(items.len())]
    }

    /// Index chosen with the given weights; all-zero weights yield 0.
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            let w = u64::from(w);
            if r < w {
                return i;
            }
            r -= w;
        }
        0
    }
}

/// A keyed permutation of `0..limit`: a four-round Feistel network on the smallest even
/// number of bits that holds `limit`, cycle-walked back into range. Distinct ordinals below
/// `limit` give distinct results, so identifiers drawn this way never collide, and every digit
/// of the result depends on every bit of the ordinal.
pub(crate) fn permute(ordinal: u64, limit: u64, key: u64) -> u64 {
    let limit = limit.max(2);
    let bits = (64 - (limit - 1).leading_zeros()).max(2);
    let half = bits.div_ceil(2);
    let half_mask = (1u64 << half) - 1;
    let round_keys = [mix(key ^ 1), mix(key ^ 2), mix(key ^ 3), mix(key ^ 4)];
    let mut x = ordinal % limit;
    loop {
        let (mut left, mut right) = (x >> half, x & half_mask);
        for k in round_keys {
            let f = mix(right ^ k) & half_mask;
            (left, right) = (right, left ^ f);
        }
        x = (left << half) | right;
        if x < limit {
            return x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn permute_is_a_bijection_on_its_domain() {
        for limit in [10u64, 1000, 100_000, 1 << 20] {
            let seen: HashSet<u64> = (0..limit).map(|n| permute(n, limit, 42)).collect();
            assert_eq!(seen.len() as u64, limit);
            assert!(seen.iter().all(|&v| v < limit));
        }
    }

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = {
            let mut r = Rng::derive(7, 3, Stream::Orders);
            (0..4).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng::derive(7, 3, Stream::Orders);
            (0..4).map(|_| r.next_u64()).collect()
        };
        let c: Vec<u64> = {
            let mut r = Rng::derive(7, 3, Stream::Talk);
            (0..4).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn ranges_stay_inside() {
        let mut r = Rng::new(1);
        for _ in 0..10_000 {
            let v = r.range(-3, 5);
            assert!((-3..=5).contains(&v));
            assert!(r.below(7) < 7);
        }
        assert_eq!(r.range(4, 2), 4);
        assert_eq!(r.weighted(&[0, 0]), 0);
    }
}
