//! Carrier formats: which shapes of number belong to which carrier, and how
//! sure a match is.
//!
//! Every rule works on the normalised number (uppercase ASCII alphanumerics,
//! separators removed). Rules first compare length and fixed characters, so
//! that a number is rejected by nearly all of them in a few comparisons; this
//! keeps free-text scanning cheap.

use crate::Evidence;
use crate::checksum;

/// A carrier service: the `courier_code`, a human name and the public
/// tracking page the number is appended to.
#[derive(Debug)]
pub(crate) struct Service {
    pub(crate) carrier: &'static str,
    pub(crate) name: &'static str,
    pub(crate) url_prefix: &'static str,
}

macro_rules! service {
    ($id:ident, $carrier:literal, $name:literal, $url:literal) => {
        pub(crate) const $id: Service = Service {
            carrier: $carrier,
            name: $name,
            url_prefix: $url,
        };
    };
}

service!(UPS, "ups", "UPS", "https://www.ups.com/track?tracknum=");
service!(
    FEDEX,
    "fedex",
    "FedEx",
    "https://www.fedex.com/fedextrack/?trknbr="
);
service!(
    FEDEX_EXPRESS,
    "fedex",
    "FedEx Express",
    "https://www.fedex.com/fedextrack/?trknbr="
);
service!(
    FEDEX_GROUND,
    "fedex",
    "FedEx Ground",
    "https://www.fedex.com/fedextrack/?trknbr="
);
service!(
    USPS,
    "usps",
    "USPS",
    "https://tools.usps.com/go/TrackConfirmAction?tLabels="
);
service!(
    DHL_EXPRESS,
    "dhl",
    "DHL Express",
    "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id="
);
service!(
    DHL_PAKET,
    "dhl",
    "DHL Paket",
    "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode="
);
service!(
    DHL_ECOMMERCE,
    "dhl",
    "DHL eCommerce",
    "https://www.dhl.com/global-en/home/tracking/tracking-ecommerce.html?submit=1&tracking-id="
);
service!(
    DEUTSCHE_POST,
    "deutsche_post",
    "Deutsche Post",
    "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode="
);
service!(
    DPD,
    "dpd",
    "DPD",
    "https://tracking.dpd.de/status/en_US/parcel/"
);
service!(
    GLS,
    "gls",
    "GLS",
    "https://gls-group.com/GROUP/en/parcel-tracking?match="
);
service!(
    HERMES,
    "hermes",
    "Hermes",
    "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation/#"
);
service!(
    EVRI,
    "hermes",
    "Evri (Hermes UK)",
    "https://www.evri.com/track/parcel/"
);
service!(
    ROYAL_MAIL,
    "royal_mail",
    "Royal Mail",
    "https://www.royalmail.com/track-your-item#/tracking-results/"
);
service!(
    AMAZON,
    "amazon",
    "Amazon Logistics",
    "https://track.amazon.com/tracking/"
);
service!(
    ONTRAC,
    "ontrac",
    "OnTrac",
    "https://www.ontrac.com/tracking/?number="
);
// LaserShip was merged into OnTrac, whose page now tracks both.
service!(
    LASERSHIP,
    "lasership",
    "LaserShip",
    "https://www.ontrac.com/tracking/?number="
);
service!(
    CANADA_POST,
    "canada_post",
    "Canada Post",
    "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor="
);
service!(
    PUROLATOR,
    "purolator",
    "Purolator",
    "https://www.purolator.com/en/shipping/tracker?pins="
);
// S10 items are tracked by the posts at both ends; a cross-post tracker is the
// one public page that follows them through every country.
service!(
    S10,
    "s10",
    "UPU S10 international mail",
    "https://t.17track.net/en#nums="
);
service!(
    CANPAR,
    "canpar",
    "Canpar",
    "https://www.canpar.com/en/tracking/track.htm?barcode="
);
service!(
    GOFO,
    "gofo",
    "GOFO Express",
    "https://www.gofoexpress.com/tracking.html?searchID="
);
service!(
    LANDMARK,
    "landmark",
    "Landmark Global",
    "https://track.landmarkglobal.com/?search="
);
service!(
    OLD_DOMINION,
    "old_dominion",
    "Old Dominion Freight Line",
    "https://www.odfl.com/us/en/tools/trace-track-ltl-freight/trace.html?proNumbers="
);
service!(
    SPEEDEE,
    "speedee",
    "Spee-Dee Delivery",
    "https://www.speedeedelivery.com/track/?tracking="
);
service!(YODEL, "yodel", "Yodel", "https://www.yodel.co.uk/tracking/");
service!(
    YUNEXPRESS,
    "yunexpress",
    "YunExpress",
    "https://www.yuntrack.com/parcelTracking?id="
);

/// How much a match can be trusted; also the sort key for candidates.
///
/// Bands, so that free-text scanning can reason about them:
/// * `>= 90` distinctive: a carrier prefix or a letter check character that an
///   ordinary number practically never has;
/// * `80..90` long numbers (18+ digits) whose check digit validates;
/// * `50..80` shorter numbers whose check digit validates — one random number
///   in ten (or seven) passes, so free text needs a tracking label nearby;
/// * `< 50` formats without any check digit.
///
/// A rule without a check digit scores either below 50 or, when its prefix is
/// distinctive, 90 or more; so the band also tells the [`Evidence`].
pub(crate) type Score = u8;

pub(crate) const DISTINCTIVE: Score = 90;
pub(crate) const LONG_CHECKED: Score = 80;
pub(crate) const CHECKED: Score = 50;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) service: &'static Service,
    pub(crate) score: Score,
}

impl Hit {
    pub(crate) fn evidence(&self) -> Evidence {
        if self.score >= DISTINCTIVE {
            Evidence::Distinctive
        } else if self.score >= CHECKED {
            Evidence::CheckDigit
        } else {
            Evidence::FormatOnly
        }
    }
}

/// Numbers longer than this match no rule; DHL eCommerce is the longest form
/// (two prefix letters and up to 39 characters).
pub(crate) const MAX_LEN: usize = 41;
/// Shorter inputs match no rule (GLS track IDs have eight characters).
pub(crate) const MIN_LEN: usize = 8;

/// Collects every rule matching `s` into `out`, best first, one hit per carrier.
pub(crate) fn classify(s: &[u8], out: &mut Vec<Hit>) {
    out.clear();
    if s.len() < MIN_LEN || s.len() > MAX_LEN || !s.iter().all(u8::is_ascii_alphanumeric) {
        return;
    }
    if s.iter().all(u8::is_ascii_digit) {
        numeric(s, out);
    } else {
        alphanumeric(s, out);
    }
    // Stable: equal scores keep the order the rules listed them in.
    out.sort_by_key(|h| std::cmp::Reverse(h.score));
    let mut seen: Vec<&'static str> = Vec::with_capacity(out.len());
    out.retain(|h| {
        if seen.contains(&h.service.carrier) {
            false
        } else {
            seen.push(h.service.carrier);
            true
        }
    });
}

fn push(out: &mut Vec<Hit>, service: &'static Service, score: Score) {
    out.push(Hit { service, score });
}

fn digits(s: &[u8]) -> bool {
    s.iter().all(u8::is_ascii_digit)
}

fn letters(s: &[u8]) -> bool {
    s.iter().all(u8::is_ascii_uppercase)
}

fn check_is(s: &[u8], expected: u8) -> bool {
    s.last()
        .is_some_and(|&c| c.is_ascii_digit() && c - b'0' == expected)
}

/// A number every digit of which is the same, or all zeros but the check
/// digit, is a placeholder ("000000000000") that happens to satisfy most
/// weighted sums; no carrier issues those without a prefix.
fn degenerate(s: &[u8]) -> bool {
    let Some((&first, rest)) = s.split_first() else {
        return true;
    };
    let all_same = rest.iter().all(|&b| b == first);
    let zeros_then_check = s.len() > 1 && s[..s.len() - 1].iter().all(|&b| b == b'0');
    all_same || zeros_then_check
}

fn numeric(s: &[u8], out: &mut Vec<Hit>) {
    if degenerate(s) {
        return;
    }
    let n = s.len();
    let (body, check) = s.split_at(n - 1);
    let check_ok = |expected: u8| check_is(check, expected);
    match n {
        10 | 11 => {
            // DHL Express air waybill: the serial mod 7.
            if check_ok(checksum::mod7(body)) {
                push(out, &DHL_EXPRESS, CHECKED);
            }
            if n == 11 {
                // Old Dominion PRO numbers: fixed terminal prefixes, Luhn.
                let prefixed = [&b"778"[..], b"777", b"072", b"780"]
                    .iter()
                    .any(|p| s.starts_with(p))
                    || s.starts_with(b"80");
                if prefixed && checksum::luhn_ok(s) {
                    push(out, &OLD_DOMINION, CHECKED + 5);
                }
            }
        }
        12 => {
            const W: [u32; 3] = [3, 1, 7];
            if check_ok(checksum::mod11_mod10(body, &W)) {
                push(out, &FEDEX_EXPRESS, 60);
            }
            if matches!(s[0], b'0'..=b'5') && checksum::luhn_ok(s) {
                push(out, &PUROLATOR, 60);
            }
            if check_ok(checksum::identcode(body)) {
                push(out, &DHL_PAKET, 60);
            }
            if check_ok(checksum::gls(body)) {
                push(out, &GLS, 60);
            }
        }
        14 => {
            // Hermes Germany: GS1-style 3/1 weights.
            if check_ok(checksum::gs1(body)) {
                push(out, &HERMES, 60);
            }
            // DPD's 14-digit parcel number without its check character, and
            // DHL eCommerce's 14-digit form: neither carries a check digit.
            push(out, &DPD, 20);
            push(out, &DHL_ECOMMERCE, 20);
        }
        15 => {
            if check_ok(checksum::mod10_from_left(body, 1, 3)) {
                push(out, &FEDEX_GROUND, 60);
            }
            // DPD parcel number whose ISO 7064 check character is a digit.
            if check[0] == checksum::mod37_36(body) {
                push(out, &DPD, 60);
            }
        }
        16 if check_ok(checksum::gs1(body)) => push(out, &CANADA_POST, 60),
        // SSCC-18, as FedEx Ground prints it.
        18 if check_ok(checksum::gs1(body)) => push(out, &FEDEX_GROUND, LONG_CHECKED),
        20 => twenty_digits(s, out),
        22 => {
            if s.starts_with(b"96") && check_ok(checksum::mod10_from_left(&body[7..], 1, 3)) {
                push(out, &FEDEX_GROUND, 85);
            }
            if usps_core(s) {
                push(out, &USPS, 85);
            }
        }
        26 if usps_core(s) => push(out, &USPS, 85),
        28 | 30 | 32 | 34 => {
            if usps_routed(s) || usps_core(s) {
                push(out, &USPS, 85);
            }
            if n == 28 && check[0] == checksum::mod37_36(body) {
                push(out, &DPD, 85);
            }
            if n == 32 && s[0] == b'3' {
                // ASTRA: a 12-digit Express number sits in positions 17–28.
                const W: [u32; 3] = [3, 1, 7];
                if check_is(&s[..28], checksum::mod11_mod10(&s[16..27], &W)) {
                    push(out, &FEDEX_EXPRESS, LONG_CHECKED);
                }
            }
            if n == 34 && (s[0] != b'9' || s.starts_with(b"96")) {
                // Express (34) and Ground GSN both validate the last 14 digits.
                const W: [u32; 3] = [1, 7, 3];
                if check_ok(checksum::mod11_mod10(&body[20..], &W)) {
                    let svc = if s.starts_with(b"96") {
                        &FEDEX_GROUND
                    } else {
                        &FEDEX_EXPRESS
                    };
                    push(out, svc, 85);
                }
            }
        }
        _ => {}
    }
}

fn twenty_digits(s: &[u8], out: &mut Vec<Hit>) {
    let (body, check) = s.split_at(19);
    if s.starts_with(b"00") {
        // "00" application identifier + SSCC: DHL Paket's 20-digit numbers,
        // 00340434… being DHL's own company prefix.
        if check_is(check, checksum::gs1(body)) {
            let score = if s.starts_with(b"00340434") { 95 } else { 85 };
            push(out, &DHL_PAKET, score);
            push(out, &FEDEX, 70);
        }
    } else if usps_core(s) {
        // Two accepted check variants (with and without the "91" identifier)
        // let one random twenty-digit number in five pass, so this form is
        // scored like a short checked number.
        push(out, &USPS, 70);
    }
}

/// USPS numbers without a routing prefix: the 20-digit Delivery/Signature
/// Confirmation form, the 22-digit legacy form with "91", and IMpb (22, 26,
/// 30 digits), all GS1 mod 10.
fn usps_core(s: &[u8]) -> bool {
    let n = s.len();
    let (body, check) = s.split_at(n - 1);
    match n {
        // Printed without the 91 identifier; which of the two the check digit
        // was computed with depends on the label generation.
        20 => {
            check_is(check, checksum::gs1(body))
                || check_is(check, checksum::gs1_with_prefix(b"91", body))
        }
        22 | 26 | 30 => {
            if n == 22 && s.starts_with(b"91") {
                return check_is(check, checksum::gs1(body));
            }
            impb_shape(s) && check_is(check, checksum::gs1(body))
        }
        _ => false,
    }
}

/// IMpb: 9 + channel digit, three service digits, a mailer ID of nine digits
/// when it starts with 9 and six otherwise, a package serial, a check digit.
fn impb_shape(s: &[u8]) -> bool {
    let n = s.len();
    if s.len() < 22 || s[0] != b'9' {
        return false;
    }
    let mailer_long = s[5] == b'9';
    let channel = s[1];
    let channel_ok = match channel {
        // 92 is reserved for nine-digit mailer IDs, 93 for six-digit ones.
        b'2' => mailer_long,
        b'3' => !mailer_long,
        b'4' | b'5' => true,
        _ => false,
    };
    let serial_len = n - 5 - if mailer_long { 9 } else { 6 } - 1;
    let serial_ok = if mailer_long {
        matches!(serial_len, 7 | 11) || (serial_len == 15 && channel == b'4')
    } else {
        matches!(serial_len, 10 | 14)
    };
    channel_ok && serial_ok
}

/// "420" + destination ZIP (5 or 9 digits) in front of a USPS number, as the
/// full IMpb barcode carries it.
fn usps_routed(s: &[u8]) -> bool {
    if !s.starts_with(b"420") {
        return false;
    }
    [8usize, 12].iter().any(|&skip| {
        s.get(skip..)
            .is_some_and(|rest| matches!(rest.len(), 20 | 22 | 26) && usps_core(rest))
    })
}

/// Two-letter ISO 3166-1 codes, which the S10 standard uses for the issuing
/// post. Packed as one string to keep the table short and searchable.
const COUNTRIES: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ\
CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFR\
GAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJP\
KEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMT\
MUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW\
SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUG\
UMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

pub(crate) fn is_country(code: &[u8]) -> bool {
    code.len() == 2 && COUNTRIES.as_bytes().chunks_exact(2).any(|c| c == code)
}

fn alphanumeric(s: &[u8], out: &mut Vec<Hit>) {
    let n = s.len();
    let first = s[0];
    let tail_digits = |from: usize| s.get(from..).is_some_and(digits);

    // UPS: 1Z + shipper (6) + service (2) + package (7) + check digit.
    if n == 18 && s.starts_with(b"1Z") && check_is(s, checksum::mod10_from_left(&s[2..17], 1, 2)) {
        push(out, &UPS, 100);
    }
    if n == 11 && tail_digits(1) {
        // UPS waybill: service letter + nine digits + check digit.
        if b"AHJKTV".contains(&first) && check_is(s, checksum::mod10_from_left(&s[1..10], 1, 2)) {
            push(out, &UPS, 60);
        }
        // Amazon Shipping international: A, F or C and ten digits, no check.
        if b"AFC".contains(&first) {
            push(out, &AMAZON, 25);
        }
    }
    // UPU S10: service letters, eight digits, check digit, issuing country.
    if n == 13
        && letters(&s[..2])
        && digits(&s[2..11])
        && is_country(&s[11..])
        && check_is(&s[..11], checksum::s10(&s[2..10]))
    {
        let national = match &s[11..] {
            b"GB" => Some(&ROYAL_MAIL),
            b"DE" => Some(&DEUTSCHE_POST),
            b"US" => Some(&USPS),
            b"CA" => Some(&CANADA_POST),
            _ => None,
        };
        if let Some(svc) = national {
            push(out, svc, 101);
        }
        push(out, &S10, 100);
    }
    // Amazon Logistics: TBA / TBC / TBM and twelve digits.
    if n == 15 && s.starts_with(b"TB") && b"ACM".contains(&s[2]) && tail_digits(3) {
        push(out, &AMAZON, 95);
    }
    // OnTrac: C or D, thirteen digits and a UPS-style check digit in which the
    // letter itself takes part.
    if n == 15
        && (first == b'C' || first == b'D')
        && tail_digits(1)
        && check_is(s, checksum::mod10_from_left(&s[..14], 1, 2))
    {
        push(out, &ONTRAC, 95);
    }
    // DPD: fourteen digits and an ISO 7064 check letter, or the 28-character
    // label form (ZIP, parcel number, service, country, check letter).
    if (n == 15 || n == 28)
        && digits(&s[..n - 1])
        && s[n - 1].is_ascii_uppercase()
        && s[n - 1] == checksum::mod37_36(&s[..n - 1])
    {
        push(out, &DPD, if n == 28 { 95 } else { 90 });
    }
    // Canpar: a letter and 21 digits; no check digit, but no other carrier
    // uses the shape.
    if n == 22 && b"CDKLSUXZ".contains(&first) && tail_digits(1) {
        push(out, &CANPAR, DISTINCTIVE);
    }
    if n == 18 && s.starts_with(b"GFUS") && tail_digits(4) {
        push(out, &GOFO, 95);
    }
    if n == 13 && s.starts_with(b"LTN") && digits(&s[3..11]) && s.ends_with(b"N1") {
        push(out, &LANDMARK, 95);
    }
    if n == 20 && s.starts_with(b"SP") && tail_digits(2) {
        push(out, &SPEEDEE, 90);
    }
    if n == 18 && s.starts_with(b"YT") && tail_digits(2) {
        push(out, &YUNEXPRESS, 95);
    }
    // Yodel: JD or JJD and sixteen digits.
    if (n == 18 && s.starts_with(b"JD") && tail_digits(2))
        || (n == 19 && s.starts_with(b"JJD") && tail_digits(3))
    {
        push(out, &YODEL, 92);
    }
    dhl_alphanumeric(s, out);
    lasership(s, out);
    // Purolator: three letters and nine digits.
    if n == 12 && letters(&s[..3]) && tail_digits(3) {
        push(out, &PUROLATOR, 30);
    }
    if n == 16 {
        let digit_count = s.iter().filter(|b| b.is_ascii_digit()).count();
        // Evri (Hermes UK): H, then fifteen characters mostly digits.
        if first == b'H' && s[1].is_ascii_digit() && digit_count >= 8 {
            push(out, &EVRI, 30);
        }
        // Royal Mail domestic barcodes: two letters and fourteen characters.
        if letters(&s[..2]) && digit_count >= 10 {
            push(out, &ROYAL_MAIL, 25);
        }
    }
    // GLS track ID: eight characters mixing letters and digits.
    if n == 8 && s.iter().any(u8::is_ascii_digit) {
        push(out, &GLS, 15);
    }
}

fn dhl_alphanumeric(s: &[u8], out: &mut Vec<Hit>) {
    let n = s.len();
    // Piece IDs: J + two or three letters + nine or ten digits; JJD also
    // prefixes DHL Paket's longer piece numbers (up to twenty digits).
    if s[0] == b'J' {
        let letters_end = s.iter().position(|b| !b.is_ascii_uppercase()).unwrap_or(n);
        let tail = n - letters_end;
        let short_piece = (3..=4).contains(&letters_end) && (9..=10).contains(&tail);
        let jjd = s.starts_with(b"JJD") && letters_end == 3 && (9..=20).contains(&tail);
        if (short_piece || jjd) && digits(&s[letters_end..]) {
            push(out, &DHL_EXPRESS, DISTINCTIVE);
        }
    }
    // DHL eCommerce (Global Mail and Asia): a known two-letter prefix and
    // 10–39 characters with at least one digit.
    const PREFIXES: [&[u8; 2]; 10] = [
        b"GM", b"LX", b"RX", b"UV", b"CN", b"SG", b"TH", b"IN", b"HK", b"MY",
    ];
    if n >= 12 && PREFIXES.iter().any(|p| s.starts_with(&p[..])) {
        let rest = &s[2..];
        if rest.iter().any(u8::is_ascii_digit) {
            // Only the all-digit Global Mail form is distinctive; with the
            // other prefixes words such as "INV2024…" would match.
            let score = if s.starts_with(b"GM") && rest.len() >= 16 && digits(rest) {
                DISTINCTIVE
            } else {
                40
            };
            push(out, &DHL_ECOMMERCE, score);
        }
    }
}

fn lasership(s: &[u8], out: &mut Vec<Hit>) {
    let n = s.len();
    if s.starts_with(b"1LS") {
        let ok = match n {
            // 1LS7 + 1/2 + ten digits.
            15 if s[3] == b'7' => matches!(s[4], b'1' | b'2') && digits(&s[5..]),
            // 1LSCX + ten characters.
            15 => s[3..].starts_with(b"CX"),
            // Piece form 1LS7x xx 01y nnnnnn-1, its dash removed by normalising.
            17 => {
                s[3] == b'7'
                    && matches!(s[4], b'1' | b'2')
                    && digits(&s[5..])
                    && &s[7..9] == b"01"
                    && matches!(s[9], b'1'..=b'4')
                    && s[16] == b'1'
            }
            _ => false,
        };
        if ok {
            push(out, &LASERSHIP, DISTINCTIVE);
        }
    }
    // L + hub letter + 1–3 + seven digits.
    if n == 10
        && s[0] == b'L'
        && b"AIEHNX".contains(&s[1])
        && matches!(s[2], b'1'..=b'3')
        && digits(&s[3..])
    {
        push(out, &LASERSHIP, 40);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carriers(s: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        classify(s.as_bytes(), &mut out);
        out.iter().map(|h| h.service.carrier).collect()
    }

    #[test]
    fn country_table_is_well_formed() {
        assert_eq!(COUNTRIES.len() % 2, 0);
        assert!(is_country(b"DE") && is_country(b"GB") && is_country(b"CV"));
        assert!(!is_country(b"XX") && !is_country(b"UK") && !is_country(b"D"));
    }

    #[test]
    fn degenerate_numbers_match_nothing() {
        assert!(carriers("000000000000").is_empty());
        assert!(carriers("111111111111111").is_empty());
        assert!(carriers("00000000000000000001").is_empty());
    }

    #[test]
    fn s10_national_post_comes_first() {
        assert_eq!(carriers("RR123456785DE"), ["deutsche_post", "s10"]);
        assert_eq!(carriers("RR123456785GB"), ["royal_mail", "s10"]);
        assert_eq!(carriers("RR123456785FR"), ["s10"]);
        assert!(carriers("RR123456784FR").is_empty());
    }
}
