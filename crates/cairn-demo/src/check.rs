//! Carriers, their tracking-number formats and check digits.
//!
//! The generator only ever writes numbers that these validators accept, so a tracking-number
//! recogniser tested against the demo world is tested against numbers a carrier could have
//! issued. Each algorithm follows the carrier's published description.

use crate::rng::{Rng, permute};

/// The carriers the demo shop ships with, named by their `courier_code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carrier {
    /// DHL Paket, 20-digit "00" + SSCC form (GS1 mod 10).
    DhlSscc,
    /// DHL Paket, 12-digit Identcode form (weights 4 and 9).
    DhlIdentcode,
    Ups,
    Usps,
    Fedex,
    Dpd,
    Gls,
    Hermes,
    /// Royal Mail tracked items, UPU S10 ending in GB.
    RoyalMail,
    /// Deutsche Post international items, UPU S10 ending in DE.
    DeutschePost,
    /// Amazon Logistics (TBA…), which has no check digit.
    Amazon,
}

impl Carrier {
    /// The `carrier` value written in order records.
    pub fn code(self) -> &'static str {
        match self {
            Carrier::DhlSscc | Carrier::DhlIdentcode => "dhl",
            Carrier::Ups => "ups",
            Carrier::Usps => "usps",
            Carrier::Fedex => "fedex",
            Carrier::Dpd => "dpd",
            Carrier::Gls => "gls",
            Carrier::Hermes => "hermes",
            Carrier::RoyalMail => "royal_mail",
            Carrier::DeutschePost => "deutsche_post",
            Carrier::Amazon => "amazon",
        }
    }

    /// How customers and agents name the carrier.
    pub fn display(self) -> &'static str {
        match self {
            Carrier::DhlSscc | Carrier::DhlIdentcode => "DHL",
            Carrier::Ups => "UPS",
            Carrier::Usps => "USPS",
            Carrier::Fedex => "FedEx",
            Carrier::Dpd => "DPD",
            Carrier::Gls => "GLS",
            Carrier::Hermes => "Hermes",
            Carrier::RoyalMail => "Royal Mail",
            Carrier::DeutschePost => "Deutsche Post",
            Carrier::Amazon => "Amazon Logistics",
        }
    }

    /// The carrier's public tracking page for `number` (used in e-mail answers only: Amazon's
    /// rules forbid links that the order does not need).
    pub fn tracking_url(self, number: &str) -> String {
        let prefix = match self {
            Carrier::DhlSscc | Carrier::DhlIdentcode => {
                "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode="
            }
            Carrier::Ups => "https://www.ups.com/track?tracknum=",
            Carrier::Usps => "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
            Carrier::Fedex => "https://www.fedex.com/fedextrack/?trknbr=",
            Carrier::Dpd => "https://tracking.dpd.de/status/de_DE/parcel/",
            Carrier::Gls => "https://gls-group.com/DE/de/paketverfolgung?match=",
            Carrier::Hermes => {
                "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation/#"
            }
            Carrier::RoyalMail => "https://www.royalmail.com/track-your-item#/tracking-results/",
            Carrier::DeutschePost => {
                "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode="
            }
            Carrier::Amazon => "https://track.amazon.com/tracking/",
        };
        format!("{prefix}{number}")
    }
}

#[inline]
fn digit(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0'))
}

/// GS1 mod 10: weight 3 on the rightmost data digit, then 1, 3, 1 … leftwards.
pub fn gs1_check(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| digit(b) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// UPS: the 15 characters after `1Z`, letters as `(ASCII - 63) mod 10`, odd positions weight 1,
/// even positions weight 2, complement to ten.
pub fn ups_check(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let v = if b.is_ascii_digit() {
                digit(b)
            } else {
                u32::from(b).wrapping_sub(63) % 10
            };
            if i % 2 == 0 { v } else { 2 * v }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// UPU S10: weights 8 6 4 2 3 5 9 7 over the eight serial digits, `11 - sum mod 11`, where 10
/// becomes 0 and 11 becomes 5.
pub fn s10_check(serial: &[u8]) -> u8 {
    const W: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let sum: u32 = serial.iter().zip(W).map(|(&b, w)| digit(b) * w).sum();
    match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c as u8,
    }
}

/// FedEx Express 12-digit: weights 1, 3, 7 repeating from the rightmost data digit, mod 11, and
/// a remainder of 10 becomes 0.
pub fn fedex_check(data: &[u8]) -> u8 {
    const W: [u32; 3] = [1, 3, 7];
    let sum: u32 = data
        .iter()
        .rev()
        .zip(W.iter().cycle())
        .map(|(&b, &w)| digit(b) * w)
        .sum();
    (sum % 11 % 10) as u8
}

/// Deutsche Post / DHL Identcode: weights 4 and 9 alternating from the left, complement to ten.
pub fn identcode_check(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .enumerate()
        .map(|(i, &b)| digit(b) * if i % 2 == 0 { 4 } else { 9 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// GLS parcel number: weights 3 and 1 from the right, plus one, complement to ten.
pub fn gls_check(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| digit(b) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - (sum + 1) % 10) % 10) as u8
}

fn all_digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

fn ends_with_check(s: &[u8], check: u8) -> bool {
    s.last()
        .is_some_and(|&c| c.is_ascii_digit() && c - b'0' == check)
}

/// True when `number` has the format and a valid check digit of the carrier named `code`
/// (the `carrier` field of order records). Amazon Logistics and DPD's 14-digit parcel numbers
/// carry no check digit, so only their shape is checked.
pub fn tracking_is_valid(code: &str, number: &str) -> bool {
    let s = number.as_bytes();
    let n = s.len();
    match code {
        "dhl" => {
            all_digits(s)
                && match n {
                    20 => s.starts_with(b"00") && ends_with_check(s, gs1_check(&s[..19])),
                    12 => ends_with_check(s, identcode_check(&s[..11])),
                    _ => false,
                }
        }
        "ups" => {
            n == 18
                && s.starts_with(b"1Z")
                && s[2..].iter().all(u8::is_ascii_alphanumeric)
                && ends_with_check(s, ups_check(&s[2..17]))
        }
        "usps" => {
            n == 22 && all_digits(s) && s[0] == b'9' && ends_with_check(s, gs1_check(&s[..21]))
        }
        "fedex" => n == 12 && all_digits(s) && ends_with_check(s, fedex_check(&s[..11])),
        "dpd" => n == 14 && all_digits(s) && s[0] == b'0',
        "gls" => n == 12 && all_digits(s) && ends_with_check(s, gls_check(&s[..11])),
        "hermes" => n == 14 && all_digits(s) && ends_with_check(s, gs1_check(&s[..13])),
        "royal_mail" | "deutsche_post" => {
            let country: &[u8] = if code == "royal_mail" { b"GB" } else { b"DE" };
            n == 13
                && s[..2].iter().all(u8::is_ascii_uppercase)
                && all_digits(&s[2..11])
                && &s[11..] == country
                && ends_with_check(&s[..11], s10_check(&s[2..10]))
        }
        "amazon" => n == 15 && s.starts_with(b"TBA") && all_digits(&s[3..]),
        _ => false,
    }
}

fn push_digits(out: &mut String, value: u64, width: usize) {
    crate::json::push_uint(out, value, width);
}

fn push_check(out: &mut String, check: u8) {
    out.push(char::from(b'0' + check));
}

/// A tracking number for shipment `ordinal` (unique per world while the ordinal stays inside the
/// format's serial space), formatted the way the carrier prints it, without spaces.
pub(crate) fn make_tracking(carrier: Carrier, ordinal: u64, key: u64, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(22);
    match carrier {
        Carrier::DhlSscc => {
            // 00 (SSCC application identifier) + DHL's GS1 company prefix 340434 + serial.
            s.push_str("00340434");
            push_digits(&mut s, permute(ordinal, 100_000_000_000, key ^ 1), 11);
            let c = gs1_check(s.as_bytes());
            push_check(&mut s, c);
        }
        Carrier::DhlIdentcode => {
            s.push_str(rng.pick_str(&["34", "36", "56"]));
            push_digits(&mut s, permute(ordinal, 1_000_000_000, key ^ 2), 9);
            let c = identcode_check(s.as_bytes());
            push_check(&mut s, c);
        }
        Carrier::Ups => {
            s.push_str("1Z");
            // The shop's two UPS shipper accounts (EU warehouse, US 3PL).
            s.push_str(rng.pick_str(&["A8F391", "4W2E67"]));
            s.push_str(rng.pick_str(&["01", "02", "03", "03", "03", "12", "66", "68"]));
            push_digits(&mut s, permute(ordinal, 10_000_000, key ^ 3), 7);
            let c = ups_check(&s.as_bytes()[2..]);
            push_check(&mut s, c);
        }
        Carrier::Usps => {
            // IMpb: 9 + channel 4, service (001 First-Class/Ground Advantage, 055 Priority),
            // the 3PL's six-digit mailer ID, a ten-digit serial, GS1 check digit.
            s.push_str(rng.pick_str(&["94001", "94001", "94055"]));
            s.push_str(rng.pick_str(&["118956", "203617"]));
            push_digits(&mut s, permute(ordinal, 10_000_000_000, key ^ 4), 10);
            let c = gs1_check(s.as_bytes());
            push_check(&mut s, c);
        }
        Carrier::Fedex => {
            s.push('7');
            push_digits(&mut s, permute(ordinal, 10_000_000_000, key ^ 5), 10);
            let c = fedex_check(s.as_bytes());
            push_check(&mut s, c);
        }
        Carrier::Dpd => {
            // Depot number (4 digits, leading 0) + ten-digit parcel serial.
            let serial = permute(ordinal, 10_000_000_000, key ^ 6);
            let depots = [
                "0150", "0163", "0176", "0121", "0190", "0147", "0132", "0161",
            ];
            let start = rng.index(depots.len());
            // A number that happens to satisfy Hermes's check digit would be read as Hermes
            // first; another depot of the same hub avoids that without touching the serial.
            for i in 0..depots.len() {
                s.clear();
                s.push_str(depots[(start + i) % depots.len()]);
                push_digits(&mut s, serial, 10);
                if !ends_with_check(s.as_bytes(), gs1_check(&s.as_bytes()[..13])) {
                    break;
                }
            }
        }
        Carrier::Gls => {
            s.push('5');
            push_digits(&mut s, permute(ordinal, 10_000_000_000, key ^ 7), 10);
            let c = gls_check(s.as_bytes());
            push_check(&mut s, c);
        }
        Carrier::Hermes => {
            s.push('1');
            push_digits(&mut s, permute(ordinal, 1_000_000_000_000, key ^ 8), 12);
            let c = gs1_check(s.as_bytes());
            push_check(&mut s, c);
        }
        Carrier::RoyalMail | Carrier::DeutschePost => {
            let (services, country): (&[&str], &str) = if carrier == Carrier::RoyalMail {
                (&["TT", "TM", "FJ", "RQ"], "GB")
            } else {
                (&["RR", "LX", "LX", "CX"], "DE")
            };
            s.push_str(rng.pick_str(services));
            let serial = format!("{:08}", permute(ordinal, 100_000_000, key ^ 9));
            let c = s10_check(serial.as_bytes());
            s.push_str(&serial);
            push_check(&mut s, c);
            s.push_str(country);
        }
        Carrier::Amazon => {
            s.push_str("TBA");
            push_digits(&mut s, permute(ordinal, 1_000_000_000_000, key ^ 10), 12);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples() {
        // GS1 worked SSCC example: 37610425002123456 → 9.
        assert_eq!(gs1_check(b"37610425002123456"), 9);
        // The DHL number of the interface example.
        assert!(tracking_is_valid("dhl", "00340434161094042557"));
        // UPU S10 worked example AA473124829GB: serial 47312482 → 9.
        assert_eq!(s10_check(b"47312482"), 9);
        assert!(tracking_is_valid("royal_mail", "AA473124829GB"));
        assert!(tracking_is_valid("deutsche_post", "RR123456785DE"));
        assert!(!tracking_is_valid("deutsche_post", "RR123456784DE"));
        // UPS sample numbers.
        assert!(tracking_is_valid("ups", "1Z999AA10123456784"));
        assert!(tracking_is_valid("ups", "1Z5R89390357567127"));
        // USPS IMpb sample from USPS Publication 199.
        // Public sample numbers (USPS IMpb, FedEx Express).
        assert!(tracking_is_valid("usps", "9400111206206406260787"));
        assert!(tracking_is_valid("fedex", "986578788855"));
        assert!(tracking_is_valid("fedex", "799531274483"));
        // Identcode worked example: 56.310 243.031 → 3.
        assert_eq!(identcode_check(b"56310243031"), 3);
    }

    #[test]
    fn every_generated_number_validates() {
        let carriers = [
            Carrier::DhlSscc,
            Carrier::DhlIdentcode,
            Carrier::Ups,
            Carrier::Usps,
            Carrier::Fedex,
            Carrier::Dpd,
            Carrier::Gls,
            Carrier::Hermes,
            Carrier::RoyalMail,
            Carrier::DeutschePost,
            Carrier::Amazon,
        ];
        let mut rng = Rng::new(5);
        for c in carriers {
            for ordinal in 0..5_000 {
                let n = make_tracking(c, ordinal * 7919, 99, &mut rng);
                assert!(tracking_is_valid(c.code(), &n), "{c:?} {n}");
                // A changed digit must be caught by the plain mod-10 formats (mod 11 ones fold two
                // remainders onto one check digit, so they miss a few by design).
                if matches!(
                    c,
                    Carrier::DhlSscc
                        | Carrier::DhlIdentcode
                        | Carrier::Ups
                        | Carrier::Usps
                        | Carrier::Gls
                        | Carrier::Hermes
                ) {
                    let mut b = n.clone().into_bytes();
                    let pos = b.len() - 2;
                    b[pos] = if b[pos] == b'9' { b'0' } else { b[pos] + 1 };
                    let bad = String::from_utf8(b).unwrap_or_default();
                    assert!(!tracking_is_valid(c.code(), &bad), "{c:?} {bad}");
                }
            }
        }
    }
}
