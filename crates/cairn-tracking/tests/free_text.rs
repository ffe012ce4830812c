//! `find_in_text` on e-mails as sellers receive them, in several languages,
//! and on the ordinary numbers that must not be mistaken for parcels.

use cairn_tracking::find_in_text;

fn numbers(text: &str) -> Vec<String> {
    find_in_text(text).into_iter().map(|(n, _)| n).collect()
}

fn first_carrier(text: &str) -> Option<&'static str> {
    find_in_text(text)
        .first()
        .and_then(|(_, c)| c.first().map(|c| c.carrier))
}

#[test]
fn german_dhl_paket() {
    let mail = "Hallo Frau Müller,\n\nIhre Sendungsnummer lautet 00340434161094042557. \
                Bei Fragen erreichen Sie uns unter +49 30 12345678.\n\nViele Grüße";
    assert_eq!(numbers(mail), ["00340434161094042557"]);
    assert_eq!(first_carrier(mail), Some("dhl"));
}

#[test]
fn german_grouped_and_einschreiben() {
    let mail = "Paketnummer: 0034 0434 1234 5678 9012\nEinschreiben: RR 12 345 678 5DE";
    assert_eq!(numbers(mail), ["00340434123456789012", "RR123456785DE"]);
    let found = find_in_text(mail);
    assert_eq!(found[1].1[0].carrier, "deutsche_post");
}

#[test]
fn english_ups_with_spaces_and_url() {
    let mail = "Good news! Your order has shipped with UPS.\n\
                Tracking number: 1Z A1B 2C3 012 345 678 7\n\
                Track it here: https://www.ups.com/track?tracknum=1ZA1B2C30123456787&loc=en_US";
    // The same parcel in prose and in the link is reported once.
    assert_eq!(numbers(mail), ["1ZA1B2C30123456787"]);
    assert_eq!(first_carrier(mail), Some("ups"));
}

#[test]
fn english_usps_and_amazon() {
    let mail = "Your package is on its way. USPS tracking: 9400 1112 0000 0000 0012 36.\n\
                Second box: Amazon Logistics TBA123456789012 (arriving Friday).";
    assert_eq!(numbers(mail), ["9400111200000000001236", "TBA123456789012"]);
}

#[test]
fn french_suivi() {
    let mail = "Bonjour, votre colis a été expédié. Numéro de suivi : 1234567891 (DHL Express). \
                Montant : 49,90 €.";
    assert_eq!(numbers(mail), ["1234567891"]);
    assert_eq!(first_carrier(mail), Some("dhl"));
}

#[test]
fn italian_tracciamento() {
    let mail = "Gentile cliente, il suo pacco è stato affidato a GLS. \
                Codice di tracciamento: 520123456786. Ordine n. 100234.";
    assert_eq!(numbers(mail), ["520123456786"]);
    assert_eq!(first_carrier(mail), Some("gls"));
}

#[test]
fn spanish_seguimiento() {
    let mail = "Hola, tu pedido ha sido enviado. Número de seguimiento: 0150 5012 3456 78N. \
                Teléfono de atención: 912 345 678.";
    assert_eq!(numbers(mail), ["01505012345678N"]);
    assert_eq!(first_carrier(mail), Some("dpd"));
}

#[test]
fn several_carriers_in_one_mail_keep_their_order() {
    let mail = "Sendungen: DPD 01505012345678N, Hermes Sendungsnummer 12345678901231, \
                FedEx tracking 612999123456780, Royal Mail TT876543216GB.";
    assert_eq!(
        numbers(mail),
        [
            "01505012345678N",
            "12345678901231",
            "612999123456780",
            "TT876543216GB"
        ]
    );
}

#[test]
fn short_checked_numbers_need_a_tracking_label() {
    // 1234567891 passes DHL Express' mod-7 check, as one in seven random
    // ten-digit numbers do; without a label it is just a number.
    assert!(numbers("Ref 1234567891 vom Kunden").is_empty());
    assert_eq!(numbers("Tracking: 1234567891"), ["1234567891"]);
    // The nearest label decides.
    assert!(numbers("Tracking zu Ihrer Bestellung 1234567891").is_empty());
}

#[test]
fn order_ids_are_not_tracking_numbers() {
    assert!(numbers("Amazon order 302-4417789-6651234 has shipped").is_empty());
    assert!(numbers("Tracking: 302-4417789-6651234").is_empty());
    assert!(numbers("eBay-Bestellnummer 12-34567-89012, Tracking folgt").is_empty());
    assert!(numbers("Walmart order #200012345678901 tracking soon").is_empty());
    assert!(numbers("Shopify order #1001 paid").is_empty());
}

#[test]
fn phone_numbers_are_not_tracking_numbers() {
    assert!(numbers("Rufen Sie an: +49 30 1234567891").is_empty());
    assert!(numbers("Call us at (555) 123-4567 or 555-123-4567 about your parcel").is_empty());
    assert!(numbers("Tel. 0301234567891, Fax 0301234567892").is_empty());
    assert!(numbers("Tracking Hotline +1 800 123 4567").is_empty());
}

#[test]
fn ibans_prices_dates_postcodes_are_not_tracking_numbers() {
    assert!(numbers("IBAN: DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX").is_empty());
    assert!(numbers("IBAN DE89370400440532013000").is_empty());
    assert!(numbers("Paket-Preis: 1.234.567.891,00 € oder $1234567891").is_empty());
    assert!(numbers("Versand am 12.05.2024 an 10115 Berlin, Lieferung 2024-05-14").is_empty());
    assert!(numbers("Sendung 1234567891,50 EUR").is_empty());
    assert!(numbers("Tracking 12/1234567891").is_empty());
}

#[test]
fn wrong_check_digits_are_ignored_even_with_a_label() {
    assert!(numbers("Sendungsnummer 00340434123456789013").is_empty());
    assert!(numbers("Tracking: 1ZA1B2C30123456788").is_empty());
    assert!(numbers("Numéro de suivi : 1234567892").is_empty());
}

#[test]
fn unchecked_formats_need_a_label() {
    // Fourteen digits carry no check digit for DPD or DHL eCommerce.
    assert!(numbers("Artikel 12345678901234 auf Lager").is_empty());
    assert!(numbers("Kundennummer 12345678901234").is_empty());
    assert_eq!(
        numbers("DPD Paketnummer: 12345678901234"),
        ["12345678901234"]
    );
    assert!(numbers("Invoice INV2024051234 attached").is_empty());
}

#[test]
fn neighbouring_numbers_are_split_at_long_runs() {
    assert_eq!(
        numbers("Paket 1 00340434161094042557 und 00340434123456789012 0034043412345678901"),
        ["00340434161094042557", "00340434123456789012"]
    );
}

#[test]
fn lowercase_and_glued_punctuation() {
    assert_eq!(
        numbers("tracking:tba123456789012,thanks"),
        ["TBA123456789012"]
    );
    assert_eq!(numbers("(1ZA1B2C30123456787)"), ["1ZA1B2C30123456787"]);
    assert_eq!(numbers("«RR123456785DE»"), ["RR123456785DE"]);
}

#[test]
fn mixed_scripts_and_emoji_do_not_confuse_the_scanner() {
    let mail = "📦 Ваша посылка: RR123456785DE ✅ 追踪号码：1ZA1B2C30123456787 🚚 رقم التتبع";
    assert_eq!(numbers(mail), ["RR123456785DE", "1ZA1B2C30123456787"]);
}

#[test]
fn candidates_match_detect() {
    let mail = "Sendungsnummer 00340434161094042557";
    for (n, cands) in find_in_text(mail) {
        assert_eq!(cairn_tracking::detect(&n).candidates, cands);
    }
}
