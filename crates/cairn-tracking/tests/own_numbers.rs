//! Table tests on numbers made up for this crate; their check digits were
//! computed by hand from each carrier's published algorithm (see the
//! comments), independently of the shared corpus.

use cairn_tracking::{Evidence, detect};

/// (number as a person might type it, carrier expected first, other carriers
/// that must also be offered)
const VALID: &[(&str, &str, &[&str])] = &[
    // UPS: 1Z + A1B2C3 + 01 + 2345678, letters as (ASCII-3) mod 10, weights 1/2 → 7.
    ("1ZA1B2C30123456787", "ups", &[]),
    ("1z a1b 2c3 012 345 678 7", "ups", &[]),
    // UPS waybill: T + 987654321, weights 1/2 → 5.
    ("T9876543215", "ups", &[]),
    // FedEx Express 12: weights 3,1,7 mod 11 mod 10 → 2.
    ("1234 5678 9012", "fedex", &[]),
    // FedEx Ground 15: weights 1/3 from the left → 0.
    ("612999123456780", "fedex", &[]),
    // SSCC-18: GS1 mod 10 → 2.
    ("00 1234 5678 9012 3452", "fedex", &[]),
    // FedEx Ground 96 (22): check over the last fourteen serial digits → 1.
    ("9611021234567765432101", "fedex", &[]),
    // FedEx Express 34: weights 1,7,3 over the last thirteen digits → 1.
    ("1001234567890001234512345123456781", "fedex", &[]),
    // USPS 20 (Delivery Confirmation): GS1 → 2.
    ("0312 3456 7890 1234 5672", "usps", &[]),
    // USPS IMpb 94 + 001 + mailer 112000 + serial: GS1 → 6.
    ("9400 1112 0000 0000 0012 36", "usps", &[]),
    // IMpb 92 with a nine-digit mailer: GS1 → 6.
    ("9261290100130435082466", "usps", &[]),
    // IMpb 26 digits: GS1 → 2.
    ("92346900000000000000121232", "usps", &[]),
    // 420 + ZIP 10001 in front of the IMpb above.
    ("420100019400111200000000001236", "usps", &[]),
    // DHL Express: 123456789 mod 7 = 1.
    ("1234567891", "dhl", &[]),
    // DHL Paket 20: 00 + DHL's 340434 prefix, GS1 → 2.
    ("0034 0434 1234 5678 9012", "dhl", &["fedex"]),
    // DHL Paket 12 (Identcode): weights 4/9 → 2.
    ("201234567892", "dhl", &[]),
    ("JJD000390007827261651", "dhl", &[]),
    ("GM2951234567890123456", "dhl", &[]),
    // Deutsche Post Einschreiben (S10 DE): 8,6,4,2,3,5,9,7 mod 11 → 5.
    ("RR 12 345 678 5DE", "deutsche_post", &["s10"]),
    // Royal Mail Tracked (S10 GB) → 6.
    ("TT876543216GB", "royal_mail", &["s10"]),
    // S10 from other posts.
    ("CP112233447FR", "s10", &[]),
    ("EA556677887US", "usps", &["s10"]),
    ("RA012345675CA", "canada_post", &["s10"]),
    // DPD: ISO 7064 MOD 37,36 check character.
    ("0150 5012 3456 78N", "dpd", &[]),
    ("123456705123456789012101276I", "dpd", &[]),
    // GLS: 3/1 from the right, plus one → 6.
    ("520123456786", "gls", &[]),
    // Both a GLS number (→ 7) and a DHL Identcode (4/9 → 7): both offered.
    ("510123456787", "dhl", &["gls"]),
    // Hermes 14: GS1 → 1.
    ("12345678901231", "hermes", &["dpd", "dhl"]),
    ("H00A1B0012345678", "hermes", &[]),
    // Amazon Logistics.
    ("TBA123456789012", "amazon", &[]),
    ("tbc-123456789012", "amazon", &[]),
    // OnTrac: the letter joins the 1/2-weighted sum → 6, 5.
    ("C12345678901236", "ontrac", &[]),
    ("D98765432109875", "ontrac", &[]),
    // LaserShip.
    ("1LS721234567890", "lasership", &[]),
    ("LX21234567", "lasership", &[]),
    // Canada Post 16: GS1 → 2.
    ("1234567890123452", "canada_post", &[]),
    // Purolator: Luhn → 9.
    ("212345678909", "purolator", &[]),
    ("ABC123456789", "purolator", &[]),
    // Old Dominion: terminal prefix and Luhn → 4.
    ("77812345674", "old_dominion", &[]),
    ("80123456784", "old_dominion", &[]),
    ("C123456789012345678901", "canpar", &[]),
    ("GFUS12345678901234", "gofo", &[]),
    ("LTN12345678N1", "landmark", &[]),
    ("SP123456789012345678", "speedee", &[]),
    ("JD1234567890123456", "yodel", &[]),
    ("JJD1234567890123456", "yodel", &["dhl"]),
    ("YT1234567890123456", "yunexpress", &[]),
    ("XHAX4HDA", "gls", &[]),
];

#[test]
fn own_valid_numbers() {
    for &(number, first, others) in VALID {
        let d = detect(number);
        let got: Vec<_> = d.candidates.iter().map(|c| c.carrier).collect();
        assert!(d.valid, "{number:?} rejected");
        assert_eq!(got.first(), Some(&first), "{number:?}: {got:?}");
        for o in others {
            assert!(got.contains(o), "{number:?}: {o} missing in {got:?}");
        }
        for c in &d.candidates {
            assert!(c.tracking_url.starts_with("https://"));
            assert!(c.tracking_url.ends_with(&d.input));
        }
    }
}

/// The same numbers with one digit changed, so their check digit fails.
const INVALID: &[&str] = &[
    "1ZA1B2C30123456788",
    "T9876543216",
    "123456789013",
    "612999123456781",
    "001234567890123453",
    "9611021234567765432102",
    "1001234567890001234512345123456782",
    "9400111200000000001237",
    "92346900000000000000121233",
    "420100019400111200000000001237",
    "1234567892",
    "RR123456786DE",
    "TT876543217GB",
    // Valid check digit, but "XX" is no country.
    "CP112233447XX",
    "01505012345678M",
    "C12345678901237",
    "D98765432109876",
    "1234567890123453",
    "77812345675",
    // Wrong prefixes and lengths.
    "TBB123456789012",
    "TBA12345678901",
    "2Z12345678901234567",
    "GFUS1234567890123",
    "LTN12345678N2",
    "YT123456789012345",
    "1LS731234567890",
    "LX41234567",
    // Placeholders satisfy most weighted sums and must not count.
    "000000000000",
    "0000 0000 0000 000",
    "99999999999999999999",
    // Not a tracking number at all.
    "",
    "   ",
    "hello",
    "12.34",
    "1ZA1B2C3012345678€",
    "📦📦📦",
];

#[test]
fn own_invalid_numbers() {
    for &number in INVALID {
        let d = detect(number);
        assert!(!d.valid, "{number:?} accepted as {:?}", d.candidates);
        assert!(d.candidates.is_empty());
    }
}

#[test]
fn json_shape_is_exact() {
    let json = serde_json::to_string(&detect("1Z A1B2C3 01 2345678 7")).expect("serialises");
    assert_eq!(
        json,
        r#"{"input":"1ZA1B2C30123456787","valid":true,"candidates":[{"carrier":"ups","service":"UPS","tracking_url":"https://www.ups.com/track?tracknum=1ZA1B2C30123456787"}]}"#
    );
    let json = serde_json::to_string(&detect("1ZA1B2C30123456788")).expect("serialises");
    assert_eq!(
        json,
        r#"{"input":"1ZA1B2C30123456788","valid":false,"candidates":[]}"#
    );
}

#[test]
fn ambiguous_numbers_list_every_carrier_best_first() {
    // Twelve digits: FedEx's check digit (3,1,7) fits; the rules list FedEx
    // before the other twelve-digit carriers.
    let d = detect("123456789012");
    assert_eq!(d.candidates[0].carrier, "fedex");
    // Fourteen digits: Hermes' check digit outranks the unchecked forms.
    let d = detect("12345678901231");
    let got: Vec<_> = d.candidates.iter().map(|c| c.carrier).collect();
    assert_eq!(got, ["hermes", "dpd", "dhl"]);
    assert_eq!(d.candidates[0].evidence, Evidence::CheckDigit);
    assert_eq!(d.candidates[1].evidence, Evidence::FormatOnly);
    // S10 from Germany: Deutsche Post first, then the generic S10 link.
    let d = detect("RR123456785DE");
    assert_eq!(d.candidates[0].service, "Deutsche Post");
    assert_eq!(d.candidates[0].evidence, Evidence::Distinctive);
}

#[test]
fn services_name_the_product() {
    let service = |n: &str| detect(n).candidates[0].service;
    assert_eq!(service("1234567891"), "DHL Express");
    assert_eq!(service("00340434123456789012"), "DHL Paket");
    assert_eq!(service("612999123456780"), "FedEx Ground");
    assert_eq!(service("TBA123456789012"), "Amazon Logistics");
}
