//! A small Aho–Corasick automaton over the folded alphabet.
//!
//! Written here rather than pulled in as a dependency because the alphabet is
//! tiny (41 byte classes after folding), which allows a dense DFA table: one
//! array lookup per input byte, whatever the number of cues.

use crate::normalize::{CLAUSE, FOREIGN, QMARK, SENT};

const CLASSES: usize = 41;

fn class_of(b: u8) -> usize {
    match b {
        b'a'..=b'z' => (b - b'a') as usize,
        b'0'..=b'9' => 26 + (b - b'0') as usize,
        b' ' => 36,
        SENT => 37,
        CLAUSE => 38,
        FOREIGN => 39,
        QMARK => 40,
        // Folded text never holds other bytes; treating them as foreign keeps
        // the automaton total instead of panicking on a logic error.
        _ => 39,
    }
}

/// Dense transition table: `delta[state * CLASSES + class]`, in 16 bits when
/// the states fit (half the memory, so more of it stays in cache).
enum Delta {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

pub struct AhoCorasick {
    delta: Delta,
    /// Per state, the range in `out` of the pattern ids ending here
    /// (including those inherited through failure links).
    out_range: Vec<(u32, u32)>,
    out: Vec<u32>,
    pattern_len: Vec<u32>,
}

impl AhoCorasick {
    pub fn new(patterns: &[Vec<u8>]) -> Self {
        // Trie with sparse children first; densified after failure links.
        let mut goto: Vec<[u32; CLASSES]> = vec![[u32::MAX; CLASSES]];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (pid, p) in patterns.iter().enumerate() {
            let mut s = 0usize;
            for &b in p {
                let c = class_of(b);
                let next = goto[s][c];
                s = if next == u32::MAX {
                    goto.push([u32::MAX; CLASSES]);
                    own.push(Vec::new());
                    let n = goto.len() - 1;
                    goto[s][c] = n as u32;
                    n
                } else {
                    next as usize
                };
            }
            own[s].push(pid as u32);
        }
        let n = goto.len();
        let mut fail = vec![0u32; n];
        let mut delta = vec![0u32; n * CLASSES];
        let mut order = Vec::with_capacity(n);
        let mut queue = std::collections::VecDeque::new();
        for c in 0..CLASSES {
            let t = goto[0][c];
            if t == u32::MAX {
                delta[c] = 0;
            } else {
                delta[c] = t;
                fail[t as usize] = 0;
                queue.push_back(t as usize);
            }
        }
        while let Some(s) = queue.pop_front() {
            order.push(s);
            for c in 0..CLASSES {
                let t = goto[s][c];
                let via_fail = delta[fail[s] as usize * CLASSES + c];
                if t == u32::MAX {
                    delta[s * CLASSES + c] = via_fail;
                } else {
                    delta[s * CLASSES + c] = t;
                    fail[t as usize] = via_fail;
                    queue.push_back(t as usize);
                }
            }
        }
        // Outputs in BFS order so a state's failure target is complete first.
        let mut merged: Vec<Vec<u32>> = vec![Vec::new(); n];
        for &s in &order {
            let mut v = std::mem::take(&mut own[s]);
            v.extend_from_slice(&merged[fail[s] as usize]);
            merged[s] = v;
        }
        // Renumber states in breadth-first order: text mostly walks the
        // shallow states near the root, which then share cache lines.
        let mut new_id = vec![0u32; n];
        for (k, &s) in order.iter().enumerate() {
            new_id[s] = k as u32 + 1;
        }
        let mut old_of = vec![0usize; n];
        for (s, &k) in new_id.iter().enumerate() {
            old_of[k as usize] = s;
        }
        let mut dense = vec![0u32; n * CLASSES];
        for (k, &s) in old_of.iter().enumerate() {
            for c in 0..CLASSES {
                dense[k * CLASSES + c] = new_id[delta[s * CLASSES + c] as usize];
            }
        }
        let delta = if n <= usize::from(u16::MAX) + 1 {
            Delta::Narrow(dense.iter().map(|&t| t as u16).collect())
        } else {
            Delta::Wide(dense)
        };
        let mut out = Vec::new();
        let mut out_range = Vec::with_capacity(n);
        for &s in &old_of {
            let m = &merged[s];
            out_range.push((out.len() as u32, m.len() as u32));
            out.extend_from_slice(m);
        }
        AhoCorasick {
            delta,
            out_range,
            out,
            pattern_len: patterns.iter().map(|p| p.len() as u32).collect(),
        }
    }

    /// Calls `hit(pattern_id, start, end)` for every occurrence, overlapping
    /// ones included, in order of their end position.
    #[inline]
    pub fn for_each_match(&self, text: &[u8], mut hit: impl FnMut(u32, usize, usize)) {
        match &self.delta {
            Delta::Narrow(d) => self.walk(text, |s, c| usize::from(d[s * CLASSES + c]), &mut hit),
            Delta::Wide(d) => self.walk(text, |s, c| d[s * CLASSES + c] as usize, &mut hit),
        }
    }

    #[inline]
    fn walk(
        &self,
        text: &[u8],
        step: impl Fn(usize, usize) -> usize,
        hit: &mut impl FnMut(u32, usize, usize),
    ) {
        let mut s = 0usize;
        for (i, &b) in text.iter().enumerate() {
            s = step(s, class_of(b));
            let (start, len) = self.out_range[s];
            if len == 0 {
                continue;
            }
            for &pid in &self.out[start as usize..(start + len) as usize] {
                let end = i + 1;
                let plen = self.pattern_len[pid as usize] as usize;
                hit(pid, end - plen, end);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_overlapping_matches() {
        let pats: Vec<Vec<u8>> = [" wo ist ", " ist ", "erstatt", " paket"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        let ac = AhoCorasick::new(&pats);
        let mut hits = Vec::new();
        ac.for_each_match(b" wo ist die ruckerstattung | paketchen ", |p, s, e| {
            hits.push((p, s, e))
        });
        let ids: Vec<u32> = hits.iter().map(|h| h.0).collect();
        assert_eq!(ids, vec![0, 1, 2, 3]);
        assert_eq!(hits[0].1, 0);
    }
}
