//! Property-style robustness: random and adversarial inputs must never make
//! `detect` or `find_in_text` panic, and their answers must stay consistent.

use std::time::Instant;

use cairn_tracking::{detect, find_in_text};

/// xorshift64*: deterministic, so a failure reproduces from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        // Modulo bias is irrelevant for fuzzing.
        (self.next() % n as u64) as usize
    }
}

/// Pieces chosen to hit every branch: digits, letters, separators the
/// normaliser knows, multi-byte characters right next to digits, and
/// fragments of real number shapes.
const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "A",
    "Z",
    "J",
    "D",
    "T",
    "B",
    "x",
    "z",
    " ",
    "-",
    "\t",
    "\n",
    ".",
    ",",
    "/",
    "+",
    "#",
    ":",
    "€",
    "$",
    "%",
    "\u{a0}",
    "\u{202f}",
    "\u{2013}",
    "ß",
    "é",
    "ü",
    "Ж",
    "中",
    "ع",
    "🙂",
    "📦",
    "👩‍👩‍👧",
    "\u{301}",
    "\u{200d}",
    "\u{feff}",
    "1Z",
    "TBA",
    "JJD",
    "GM",
    "RR",
    "DE",
    "GB",
    "00340434",
    "420",
    "9400",
    "96",
    "1LS7",
    "LTN",
    "N1",
    "tracking ",
    "Sendungsnummer ",
    "order ",
    "Tel ",
    "IBAN ",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    let mut s = String::new();
    for _ in 0..pieces {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

fn check_consistency(input: &str) {
    let d = detect(input);
    assert_eq!(d.valid, !d.candidates.is_empty(), "{input:?}");
    for (number, candidates) in find_in_text(input) {
        assert!(!candidates.is_empty(), "{input:?}");
        let again = detect(&number);
        assert!(
            again.valid,
            "{input:?} found {number:?} which detect rejects"
        );
        assert_eq!(again.candidates, candidates, "{input:?}");
    }
}

#[test]
fn two_hundred_thousand_random_strings() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..200_000 {
        let len = rng.below(24);
        let text = random_text(&mut rng, len);
        check_consistency(&text);
    }
}

#[test]
fn random_raw_chars_including_unassigned_and_controls() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let len = rng.below(40);
        let text: String = (0..len)
            .filter_map(|_| char::from_u32((rng.next() % 0x11_0000) as u32))
            .collect();
        check_consistency(&text);
    }
}

fn megabyte(piece: &str) -> String {
    piece.repeat((1 << 20) / piece.len().max(1))
}

#[test]
fn one_megabyte_inputs_finish_quickly() {
    let mut rng = Rng(7);
    let random = random_text(&mut rng, 200_000);
    let inputs = [
        // Worst case for the joiner: every chunk may start a number.
        megabyte("A1 "),
        megabyte("1 "),
        megabyte("0"),
        megabyte("🙂"),
        megabyte("Sendungsnummer 00340434161094042557 "),
        megabyte("tracking 1234567891 "),
        random,
    ];
    for text in &inputs {
        let t = Instant::now();
        let found = find_in_text(text);
        let _ = detect(text);
        // Generous bound for unoptimised builds on a busy machine; a
        // quadratic scan of a megabyte would take minutes, not seconds.
        let secs = t.elapsed().as_secs_f64();
        println!("{:>8} bytes scanned in {secs:.3}s", text.len());
        assert!(secs < 20.0, "{} bytes took {secs:.1}s", text.len());
        // Repeated numbers are reported once.
        assert!(found.len() <= 1_000, "{} results", found.len());
    }
}
