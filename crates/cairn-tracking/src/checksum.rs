//! Check-digit algorithms used by the carriers.
//!
//! Every function takes the payload as uppercase ASCII alphanumerics (the
//! callers have already normalised and length-checked it) and returns the
//! expected check digit, so a rule compares it with the digit it holds.
//! None of them can panic: non-digits only ever reach the functions that
//! define a value for letters, and the arithmetic stays far below `u32::MAX`
//! for the at most 41 characters a rule ever passes.

/// Numeric value of a digit byte; letters are mapped by the caller's scheme.
#[inline]
fn digit(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0')) % 10
}

/// UPS (and OnTrac, whose C/D prefix takes part in the sum) turn a letter
/// into a digit as `(ASCII - 3) mod 10`, so `A` = 2, `B` = 3 … `Z` = 7.
#[inline]
fn ups_value(b: u8) -> u32 {
    if b.is_ascii_digit() {
        digit(b)
    } else {
        (u32::from(b).saturating_sub(3)) % 10
    }
}

#[inline]
fn complement10(sum: u32) -> u8 {
    // `as` is exact: the value is always below 10.
    ((10 - sum % 10) % 10) as u8
}

/// Mod 10 with fixed weights counted from the left (index 0 gets
/// `first_weight`), letters mapped the UPS way. UPS uses 1/2, FedEx Ground 1/3.
pub(crate) fn mod10_from_left(data: &[u8], first_weight: u32, second_weight: u32) -> u8 {
    let sum: u32 = data
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let w = if i % 2 == 0 {
                first_weight
            } else {
                second_weight
            };
            ups_value(b) * w
        })
        .sum();
    complement10(sum)
}

/// GS1 mod 10 (SSCC, IMpb, Canada Post): weight 3 on the rightmost data digit,
/// then 1, 3, 1 … leftwards. Counting from the right is what makes a
/// prepended application identifier ("00", "91") behave as GS1 specifies.
pub(crate) fn gs1(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| digit(b) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    complement10(sum)
}

/// GS1 mod 10 over `prefix` followed by `data`, without allocating.
pub(crate) fn gs1_with_prefix(prefix: &[u8], data: &[u8]) -> u8 {
    let sum: u32 = prefix
        .iter()
        .chain(data.iter())
        .rev()
        .enumerate()
        .map(|(i, &b)| digit(b) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    complement10(sum)
}

/// FedEx Express: weighted sum, then mod 11, then mod 10 (a remainder of 10
/// becomes check digit 0).
pub(crate) fn mod11_mod10(data: &[u8], weights: &[u32]) -> u8 {
    let sum: u32 = data
        .iter()
        .zip(weights.iter().cycle())
        .map(|(&b, &w)| digit(b) * w)
        .sum();
    (sum % 11 % 10) as u8
}

/// Luhn over the whole number including its check digit (Purolator, Old
/// Dominion). True when the number is consistent.
pub(crate) fn luhn_ok(all: &[u8]) -> bool {
    let sum: u32 = all
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let d = digit(b);
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 { dd - 9 } else { dd }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// DHL Express air waybill: the serial read as an integer, mod 7. Done digit
/// by digit so that no width limit applies.
pub(crate) fn mod7(data: &[u8]) -> u8 {
    let rem = data.iter().fold(0u32, |acc, &b| (acc * 10 + digit(b)) % 7);
    rem as u8
}

/// UPU S10: weights 8 6 4 2 3 5 9 7 over the eight serial digits, mod 11;
/// remainder 0 gives 5 and remainder 1 gives 0 because 10 and 11 do not fit.
pub(crate) fn s10(serial: &[u8]) -> u8 {
    const W: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let sum: u32 = serial
        .iter()
        .zip(W.iter())
        .map(|(&b, &w)| digit(b) * w)
        .sum();
    match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c as u8,
    }
}

/// Deutsche Post / DHL Paket Identcode: weights 4 and 9 alternating from the
/// left, complement to the next multiple of ten.
pub(crate) fn identcode(data: &[u8]) -> u8 {
    mod10_from_left(data, 4, 9)
}

/// GLS parcel number: 3/1 weights from the right plus one before the
/// complement (GLS Uni-Box specification).
pub(crate) fn gls(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| digit(b) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    complement10(sum + 1)
}

/// ISO/IEC 7064 MOD 37,36 (DPD parcel label specification). Returns the check
/// character as an uppercase ASCII byte.
pub(crate) fn mod37_36(data: &[u8]) -> u8 {
    const M: u32 = 36;
    let mut p = M;
    for &b in data {
        let v = if b.is_ascii_digit() {
            digit(b)
        } else {
            u32::from(b.to_ascii_uppercase().wrapping_sub(b'A')) % 26 + 10
        };
        p += v;
        if p > M {
            p -= M;
        }
        p *= 2;
        if p > M {
            p -= M + 1;
        }
    }
    let mut c = M + 1 - p;
    if c == M {
        c = 0;
    }
    if c < 10 {
        b'0' + c as u8
    } else {
        b'A' + (c - 10) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gs1_matches_the_published_sscc_example() {
        // GS1 General Specifications' worked SSCC example: 37610425002123456 → 9.
        assert_eq!(gs1(b"37610425002123456"), 9);
        // The AI "00" in front must not change the digit.
        assert_eq!(gs1_with_prefix(b"00", b"37610425002123456"), 9);
    }

    #[test]
    fn s10_matches_the_upu_example() {
        // Worked by hand: 4·8+7·6+3·4+1·2+2·3+4·5+8·9+2·7 = 200, 200 mod 11 = 2,
        // 11 - 2 = 9 (the S10 example AA473124829GB).
        assert_eq!(s10(b"47312482"), 9);
        assert_eq!(s10(b"12345678"), 5);
    }

    #[test]
    fn luhn_classic() {
        assert!(luhn_ok(b"79927398713"));
        assert!(!luhn_ok(b"79927398710"));
    }

    #[test]
    fn mod7_large_values() {
        // 3318810025: 331881002 mod 7 = 5.
        assert_eq!(mod7(b"331881002"), 5);
        assert_eq!(
            mod7(b"99999999999999999999"),
            (99_999_999_999_999_999_999u128 % 7) as u8
        );
    }

    #[test]
    fn identcode_example() {
        // Worked example from the Identcode description: 56.310 243.031 → 3.
        assert_eq!(identcode(b"56310243031"), 3);
    }

    #[test]
    fn mod37_36_iso_example() {
        // Own example verified by hand: a single "0" gives p = 2*36 mod 37 = 35,
        // so the check value is 37 - 35 = 2.
        assert_eq!(mod37_36(b"0"), b'2');
    }
}
