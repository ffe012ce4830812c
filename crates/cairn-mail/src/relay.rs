//! Mail from the marketplaces: a buyer writing through the marketplace's
//! relay, or the marketplace's own notice about an order.
//!
//! Amazon, eBay and Walmart send two kinds of mail to a seller's inbox.
//! Buyer messages reach the seller from an anonymised relay address
//! (`…@marketplace.amazon.de`, `…@members.ebay.de`, `…@relay.walmart.com`)
//! or, for eBay member messages, from eBay with the buyer named in the
//! subject; they are customer tickets. Everything else — return requests,
//! A-to-z guarantee claims, eBay cases, chargebacks, feedback, "sold, ship
//! now", cancellation requests, anything from a `donotreply@` address — is
//! the marketplace speaking: Cairn records it as an event on the order or
//! ticket and opens no ticket for it.
//!
//! [`classify_relay`] tells them apart from the sender's domain first (a
//! relay alias, the marketplace's own domain, or neither), then from the
//! sender's local part, the subject and the start of the body, matched
//! against phrases in the marketplaces' languages (en, de, fr, it, es and
//! a few more). The sender is taken as written: whether the message really
//! comes from the marketplace (DKIM, SPF) is the mailbox's business.

use crate::ParsedMail;
use crate::subject::base_subject_and_reply;

/// The marketplace a message came through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelayMarketplace {
    Amazon,
    Ebay,
    Walmart,
}

/// What kind of notice a marketplace sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// A buyer asked to return an item (return request, return
    /// authorisation, return started).
    ReturnRequest,
    /// A guarantee claim or case: Amazon A-to-z, eBay Money Back Guarantee
    /// or "item not received" case.
    Claim,
    /// A card chargeback or payment dispute.
    Chargeback,
    /// Feedback or a rating was left, changed or removed.
    Feedback,
    /// A buyer asked to cancel an order.
    CancellationRequest,
    /// A refund was issued.
    Refund,
    /// An order notification: sold / ship now, new order, shipped, paid.
    Order,
    /// Any other notice from the marketplace (account, policy, delivery
    /// failure, "do not reply" mail).
    Other,
}

/// Whether a message opens a customer ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelayKind {
    /// Not from a marketplace: ordinary email.
    NotMarketplace,
    /// A buyer wrote through the marketplace: a customer ticket.
    BuyerMessage,
    /// The marketplace's own notice: an event, not a ticket.
    Notice(NoticeKind),
}

/// The verdict of [`classify_relay`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relay {
    /// The marketplace, when the sender is one of its addresses.
    pub marketplace: Option<RelayMarketplace>,
    /// The marketplace's site by the sender's domain: `amazon.de`,
    /// `ebay.co.uk`, `walmart.com`.
    pub site: Option<String>,
    pub kind: RelayKind,
    /// The order number named in the subject or body, in the
    /// marketplace's format: Amazon `302-4417789-6651234`, eBay
    /// `12-34567-89012` (or the older `ItemID-TransactionID`), Walmart
    /// purchase order numbers of 13–15 digits.
    pub order_number: Option<String>,
    /// Why, in plain words: the cues that decided.
    pub evidence: String,
}

/// Tells a buyer's message through a marketplace from the marketplace's own
/// notices, and finds the order number. See the module documentation.
pub fn classify_relay(mail: &ParsedMail) -> Relay {
    let from = mail
        .from
        .as_ref()
        .map(|a| a.email.trim().to_lowercase())
        .unwrap_or_default();
    let reply_to: Vec<String> = mail
        .reply_to
        .iter()
        .map(|a| a.email.trim().to_lowercase())
        .collect();
    let subject = mail.subject.as_deref().unwrap_or("");
    let subject_l = fold(subject);
    let body_head: String = mail.text.chars().take(4000).collect();
    let body_l = fold(&body_head);

    let sender = sender_of(&from);
    // eBay member messages come from eBay with the buyer's relay alias
    // as Reply-To.
    let relay_reply_to = reply_to
        .iter()
        .map(|r| sender_of(r))
        .find(|s| s.as_ref().is_some_and(|s| s.relay));
    let Some(sender) = sender.or_else(|| relay_reply_to.clone().flatten()) else {
        return Relay {
            marketplace: None,
            site: None,
            kind: RelayKind::NotMarketplace,
            order_number: None,
            evidence: "sender is not a marketplace address".to_string(),
        };
    };
    let order_number = find_order_number(sender.marketplace, subject, &body_head);
    let local = from.split('@').next().unwrap_or("");
    let no_reply = is_no_reply(local);
    let notice = notice_kind(&subject_l, &body_l);
    let (_, is_reply) = base_subject_and_reply(subject);

    let (kind, evidence) = if sender.relay {
        if no_reply {
            (
                RelayKind::Notice(notice.map_or(NoticeKind::Other, |(k, _)| k)),
                format!("no-reply relay sender {from}"),
            )
        } else if is_reply {
            (
                RelayKind::BuyerMessage,
                "buyer's reply through the relay".to_string(),
            )
        } else if let Some((kind, cue)) = notice.filter(|_| !has_buyer_message_block(&body_l)) {
            (
                RelayKind::Notice(kind),
                format!("relay mail without a buyer's message block; cue {cue:?}"),
            )
        } else {
            (
                RelayKind::BuyerMessage,
                format!("buyer's relay address {}", sender.domain),
            )
        }
    } else if let Some(relay) = relay_reply_to.flatten() {
        (
            RelayKind::BuyerMessage,
            format!(
                "reply goes to the buyer's relay address at {}",
                relay.domain
            ),
        )
    } else if let Some(cue) = buyer_message_cue(sender.marketplace, &subject_l) {
        (
            RelayKind::BuyerMessage,
            format!("{} forwards a buyer's message: {cue:?}", sender.domain),
        )
    } else {
        let kind = notice.map_or(NoticeKind::Other, |(k, _)| k);
        let evidence = match notice {
            Some((_, cue)) => format!("{}'s own address; cue {cue:?}", sender.domain),
            None => format!("{}'s own address", sender.domain),
        };
        (RelayKind::Notice(kind), evidence)
    };
    Relay {
        marketplace: Some(sender.marketplace),
        site: Some(sender.site),
        kind,
        order_number,
        evidence,
    }
}

/// A sender address at a marketplace.
#[derive(Clone, Debug)]
struct Sender {
    marketplace: RelayMarketplace,
    site: String,
    domain: String,
    /// A per-buyer relay alias, as opposed to the marketplace's own
    /// address.
    relay: bool,
}

const AMAZON_TLDS: &[&str] = &[
    "com", "de", "co.uk", "fr", "it", "es", "nl", "pl", "se", "com.be", "ca", "com.mx", "co.jp",
    "com.au", "com.br", "in", "ae", "sa", "sg", "com.tr", "eg", "ie", "cn",
];

const EBAY_TLDS: &[&str] = &[
    "com", "de", "co.uk", "fr", "it", "es", "ca", "com.au", "at", "ch", "nl", "be", "pl", "ie",
    "com.hk", "com.sg", "com.my", "ph", "in",
];

/// Which marketplace an address belongs to, by its domain: exactly the
/// marketplace's domain or a subdomain of it (so `amazon.de.example.com`
/// is not Amazon).
fn sender_of(email: &str) -> Option<Sender> {
    let domain = email.rsplit_once('@')?.1.trim_end_matches('.');
    let within = |base: &str| domain == base || domain.ends_with(&format!(".{base}"));
    for tld in AMAZON_TLDS {
        let site = format!("amazon.{tld}");
        if within(&site) {
            return Some(Sender {
                marketplace: RelayMarketplace::Amazon,
                relay: within(&format!("marketplace.{site}")),
                site,
                domain: domain.to_string(),
            });
        }
    }
    for tld in EBAY_TLDS {
        let site = format!("ebay.{tld}");
        if within(&site) {
            return Some(Sender {
                marketplace: RelayMarketplace::Ebay,
                relay: within(&format!("members.{site}")),
                site,
                domain: domain.to_string(),
            });
        }
    }
    if within("walmart.com") {
        return Some(Sender {
            marketplace: RelayMarketplace::Walmart,
            relay: within("relay.walmart.com"),
            site: "walmart.com".to_string(),
            domain: domain.to_string(),
        });
    }
    None
}

fn is_no_reply(local: &str) -> bool {
    let squeezed: String = local.chars().filter(|c| c.is_alphanumeric()).collect();
    [
        "noreply",
        "donotreply",
        "nereply",
        "nepasrepondre",
        "keineantwort",
    ]
    .iter()
    .any(|n| squeezed.contains(n))
}

/// Lowercase with dashes unified and whitespace collapsed, for phrase
/// matching.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2019}' | '\u{2018}' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Phrases of each notice kind, lowercased, in the order they are tried:
/// the rarer and weightier kinds first, so that "A-to-z claim … refund"
/// is a claim.
const NOTICE_PHRASES: &[(NoticeKind, &[&str])] = &[
    (
        NoticeKind::Chargeback,
        &[
            "chargeback",
            "charge back",
            "rückbuchung",
            "rétrofacturation",
            "retrofacturation",
            "riaddebito",
            "contracargo",
            "payment dispute",
            "zahlungsstreit",
            "zahlungskonflikt",
            "litige de paiement",
            "contestation de paiement",
            "contestazione di pagamento",
            "disputa de pago",
        ],
    ),
    (
        NoticeKind::Claim,
        &[
            "a-to-z",
            "a-z guarantee",
            "a-bis-z",
            "a-z-garantie",
            "garantie a à z",
            "garantie de a à z",
            "dalla a alla z",
            "de la a a la z",
            "van a tot z",
            "od a do z",
            "money back guarantee",
            "käuferschutz",
            "garantie client ebay",
            "garanzia cliente ebay",
            "garantía al cliente de ebay",
            "case opened",
            "opened a case",
            "fall eröffnet",
            "einen fall eröffnet",
            "hat einen fall",
            "a ouvert une demande",
            "a ouvert un litige",
            "ha aperto una richiesta",
            "ha aperto un caso",
            "ha abierto un caso",
            "caso abierto",
            "item not received",
            "artikel nicht erhalten",
            "objet non reçu",
            "oggetto non ricevuto",
            "artículo no recibido",
        ],
    ),
    (
        NoticeKind::ReturnRequest,
        &[
            "return request",
            "return authorization",
            "return authorisation",
            "return initiated",
            "return started",
            "return requested",
            "requested a return",
            "rücksendeanforderung",
            "rücksendeanfrage",
            "rücksendegenehmigung",
            "rückgabeanfrage",
            "rücknahmeanfrage",
            "rücksendung angefordert",
            "rücksendung beantragt",
            "demande de retour",
            "autorisation de retour",
            "richiesta di reso",
            "autorizzazione al reso",
            "autorizzazione di reso",
            "solicitud de devolución",
            "autorización de devolución",
            "retourverzoek",
            "prośba o zwrot",
        ],
    ),
    (
        NoticeKind::CancellationRequest,
        &[
            "cancellation request",
            "request to cancel",
            "requested to cancel",
            "requested a cancellation",
            "stornierungsanfrage",
            "stornierungsantrag",
            "stornierung angefordert",
            "demande d'annulation",
            "richiesta di cancellazione",
            "richiesta di annullamento",
            "solicitud de cancelación",
            "annuleringsverzoek",
        ],
    ),
    (
        NoticeKind::Refund,
        &[
            "refund issued",
            "refund processed",
            "refund notification",
            "rückerstattung",
            "erstattung veranlasst",
            "remboursement effectué",
            "notification de remboursement",
            "rimborso emesso",
            "notifica di rimborso",
            "reembolso emitido",
            "notificación de reembolso",
        ],
    ),
    (
        NoticeKind::Feedback,
        &[
            "feedback",
            "bewertung",
            "évaluation",
            "commentaire",
            "valutazione",
            "valoración",
            "opinión del comprador",
            "beoordeling",
        ],
    ),
    (
        NoticeKind::Order,
        &[
            "sold, ship now",
            "sold - ship now",
            "verkauft, jetzt versenden",
            "verkauft - jetzt versenden",
            "vendu, expédiez maintenant",
            "vendu - expédiez maintenant",
            "venduto, spedisci ora",
            "venduto - spedisci ora",
            "vendido, envíalo ahora",
            "vendido, envíe ahora",
            "vendido - envíalo ahora",
            "new order",
            "neue bestellung",
            "nouvelle commande",
            "nuovo ordine",
            "nuevo pedido",
            "your item sold",
            "you sold",
            "ihr artikel wurde verkauft",
            "sie haben verkauft",
            "votre objet a été vendu",
            "vous avez vendu",
            "il tuo oggetto è stato venduto",
            "hai venduto",
            "tu artículo se ha vendido",
            "has vendido",
            "order shipped",
            "order confirmation",
            "purchase order",
            "bestellbestätigung",
            "confirmation de commande",
            "conferma d'ordine",
            "confirmación de pedido",
            "payment received",
            "zahlung eingegangen",
        ],
    ),
    (
        NoticeKind::Other,
        &[
            "no reply needed",
            "no response needed",
            "keine antwort erforderlich",
            "aucune réponse n'est nécessaire",
            "non è necessaria alcuna risposta",
            "no es necesario responder",
        ],
    ),
];

/// The first notice phrase found in the subject, else in the body.
fn notice_kind(subject: &str, body: &str) -> Option<(NoticeKind, &'static str)> {
    for text in [subject, body] {
        for (kind, phrases) in NOTICE_PHRASES {
            if let Some(cue) = phrases.iter().find(|p| text.contains(**p)) {
                return Some((*kind, cue));
            }
        }
    }
    None
}

/// Amazon frames a buyer's words in a `------------- Message: -------------`
/// block (`Nachricht:`, `Messaggio:`, `Mensaje:` …); its notices have none.
fn has_buyer_message_block(body: &str) -> bool {
    body.lines().any(|line| {
        let line = line.trim();
        line.starts_with("-----")
            && [
                "message",
                "nachricht",
                "messaggio",
                "mensaje",
                "bericht",
                "wiadomość",
                "meddelande",
            ]
            .iter()
            .any(|w| line.contains(w))
    })
}

/// Subjects with which eBay and Walmart forward a buyer's message from
/// their own address.
fn buyer_message_cue(marketplace: RelayMarketplace, subject: &str) -> Option<&'static str> {
    let cues: &[&str] = match marketplace {
        RelayMarketplace::Ebay => &[
            "sent a message about",
            "sent you a message",
            "has sent a question",
            "question about item",
            "member message",
            "hat eine frage zum artikel",
            "frage zum artikel",
            "neue nachricht von",
            "hat ihnen eine nachricht",
            "vous a envoyé un message",
            "question sur l'objet",
            "ti ha inviato un messaggio",
            "domanda sull'oggetto",
            "te ha enviado un mensaje",
            "pregunta sobre el artículo",
        ],
        RelayMarketplace::Walmart => &[
            "customer inquiry",
            "message from customer",
            "message from a customer",
            "customer message",
            "customer has sent",
        ],
        RelayMarketplace::Amazon => &[],
    };
    cues.iter().copied().find(|c| subject.contains(c))
}

/// Words that announce an order number, for the bare Walmart numbers in a
/// body.
const ORDER_WORDS: &[&str] = &[
    "order",
    "po",
    "purchase",
    "bestellung",
    "bestellnummer",
    "commande",
    "ordine",
    "pedido",
];

/// The first order number in the marketplace's format, subject first.
fn find_order_number(marketplace: RelayMarketplace, subject: &str, body: &str) -> Option<String> {
    [(subject, true), (body, false)]
        .into_iter()
        .find_map(|(text, in_subject)| {
            number_tokens(text).into_iter().find_map(|(at, token)| {
                let groups: Vec<usize> = token.split('-').map(str::len).collect();
                let fits = match (marketplace, groups.as_slice()) {
                    (RelayMarketplace::Amazon, [3, 7, 7]) => true,
                    (RelayMarketplace::Ebay, [2, 5, 5]) => true,
                    (RelayMarketplace::Ebay, [12, n]) => (10..=14).contains(n),
                    // Long bare numbers are also EANs and tracking
                    // numbers: in a body, only after an order word.
                    (RelayMarketplace::Walmart, [n]) => {
                        (13..=15).contains(n) && (in_subject || order_word_before(text, at))
                    }
                    _ => false,
                };
                fits.then(|| token.to_string())
            })
        })
}

/// Tokens of digits and inner dashes that stand alone (not inside a
/// longer word), with their byte offsets.
fn number_tokens(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && (word(bytes[i - 1]) || bytes[i - 1] == b'-')) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'-') {
            end += 1;
        }
        let mut token_end = end;
        while token_end > i && bytes[token_end - 1] == b'-' {
            token_end -= 1;
        }
        if end >= bytes.len() || !word(bytes[end]) {
            out.push((i, &text[i..token_end]));
        }
        i = end.max(i + 1);
    }
    out
}

fn order_word_before(text: &str, at: usize) -> bool {
    let mut start = at.saturating_sub(32);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..at]
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| ORDER_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NoticeKind::*;
    use RelayKind::{BuyerMessage, NotMarketplace, Notice};
    use RelayMarketplace::{Amazon, Ebay, Walmart};

    fn mail(from: &str, reply_to: Option<&str>, subject: &str, body: &str) -> ParsedMail {
        let mut raw = format!("From: {from}\r\nTo: shop@example.com\r\n");
        if let Some(r) = reply_to {
            raw.push_str(&format!("Reply-To: {r}\r\n"));
        }
        raw.push_str(&format!(
            "Subject: {subject}\r\nMessage-ID: <t@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        ));
        crate::parse(raw.as_bytes())
    }

    struct Case {
        what: &'static str,
        from: &'static str,
        reply_to: Option<&'static str>,
        subject: &'static str,
        body: &'static str,
        marketplace: Option<RelayMarketplace>,
        site: Option<&'static str>,
        kind: RelayKind,
        order: Option<&'static str>,
    }

    const CASES: &[Case] = &[
        // Amazon buyer messages, in the marketplace's language.
        Case {
            what: "de buyer message",
            from: "\"Max Mustermann - Amazon Marketplace\" <7x9k2mq1z3lrh0v@marketplace.amazon.de>",
            reply_to: None,
            subject: "Anfrage zu Bestellung 302-4417789-6651234 von Amazon-Kunde Max Mustermann",
            body: "Bestellnummer: 302-4417789-6651234\n\n------------- Nachricht: -------------\nHallo, wo bleibt mein Paket?\n------------- Ende der Nachricht -------------\n\nUm auf diese Nachricht zu antworten, antworten Sie bitte auf diese E-Mail.",
            marketplace: Some(Amazon),
            site: Some("amazon.de"),
            kind: BuyerMessage,
            order: Some("302-4417789-6651234"),
        },
        Case {
            what: "en buyer message",
            from: "John Smith - Amazon Marketplace <c5dqwk9yvm1r@marketplace.amazon.com>",
            reply_to: None,
            subject: "Inquiry from Amazon customer John Smith (Order: 111-2233445-5566778)",
            body: "------------- Message: -------------\nCan you ship to a different address?\n------------- End message -------------",
            marketplace: Some(Amazon),
            site: Some("amazon.com"),
            kind: BuyerMessage,
            order: Some("111-2233445-5566778"),
        },
        Case {
            what: "fr buyer replies to the seller's mail about a return",
            from: "Claire - Amazon Marketplace <m3kz8q2t@marketplace.amazon.fr>",
            reply_to: None,
            subject: "RE: Votre demande de retour pour la commande 171-5566778-9900112",
            body: "Merci, je renvoie le colis demain.",
            marketplace: Some(Amazon),
            site: Some("amazon.fr"),
            kind: BuyerMessage,
            order: Some("171-5566778-9900112"),
        },
        Case {
            what: "es buyer message from amazon.com.mx",
            from: "Luis - Amazon Marketplace <q1w2e3r4@marketplace.amazon.com.mx>",
            reply_to: None,
            subject: "Consulta del cliente de Amazon Luis (Pedido: 701-1234567-7654321)",
            body: "------------- Mensaje: -------------\n¿Cuándo llega?\n------------- Fin del mensaje -------------",
            marketplace: Some(Amazon),
            site: Some("amazon.com.mx"),
            kind: BuyerMessage,
            order: Some("701-1234567-7654321"),
        },
        // Amazon's own notices.
        Case {
            what: "de A-to-z claim",
            from: "Amazon <atoz-guarantee-no-reply@amazon.de>",
            reply_to: None,
            subject: "A-bis-z-Garantieantrag für Bestellung 302-1112223-3334445",
            body: "Guten Tag, ein Käufer hat einen Antrag auf die A-bis-z-Garantie gestellt.",
            marketplace: Some(Amazon),
            site: Some("amazon.de"),
            kind: Notice(Claim),
            order: Some("302-1112223-3334445"),
        },
        Case {
            what: "fr A-to-z claim",
            from: "Amazon.fr <atoz-guarantee-no-reply@amazon.fr>",
            reply_to: None,
            subject: "Réclamation au titre de la Garantie A à Z pour la commande 171-0000111-2223334",
            body: "Bonjour, l'acheteur a déposé une réclamation.",
            marketplace: Some(Amazon),
            site: Some("amazon.fr"),
            kind: Notice(Claim),
            order: Some("171-0000111-2223334"),
        },
        Case {
            what: "it return request",
            from: "Amazon.it <resi@amazon.it>",
            reply_to: None,
            subject: "Richiesta di reso per l'ordine 403-9876543-1234567",
            body: "Motivo del reso: articolo difettoso.",
            marketplace: Some(Amazon),
            site: Some("amazon.it"),
            kind: Notice(ReturnRequest),
            order: Some("403-9876543-1234567"),
        },
        Case {
            what: "es chargeback",
            from: "Amazon.es <cb-seller-notification@amazon.es>",
            reply_to: None,
            subject: "Notificación de contracargo",
            body: "Hemos recibido un contracargo para el pedido 406-5555555-6666666.",
            marketplace: Some(Amazon),
            site: Some("amazon.es"),
            kind: Notice(Chargeback),
            order: Some("406-5555555-6666666"),
        },
        Case {
            what: "en negative feedback",
            from: "Amazon Seller Notification <seller-notification@amazon.co.uk>",
            reply_to: None,
            subject: "You have received Negative Feedback",
            body: "Order ID: 202-7654321-1234567\nRating: 1",
            marketplace: Some(Amazon),
            site: Some("amazon.co.uk"),
            kind: Notice(Feedback),
            order: Some("202-7654321-1234567"),
        },
        Case {
            what: "de sold, ship now",
            from: "Amazon Seller Central <seller-notification@amazon.de>",
            reply_to: None,
            subject: "Verkauft – jetzt versenden: Tasse mit Aufdruck",
            body: "Bestellnummer: 302-2223334-4445556\nVersand bis: 12.03.2024",
            marketplace: Some(Amazon),
            site: Some("amazon.de"),
            kind: Notice(Order),
            order: Some("302-2223334-4445556"),
        },
        Case {
            what: "es cancellation request",
            from: "Amazon.es <donotreply@amazon.es>",
            reply_to: None,
            subject: "Solicitud de cancelación del pedido 406-1231231-3213213",
            body: "El comprador ha solicitado la cancelación.",
            marketplace: Some(Amazon),
            site: Some("amazon.es"),
            kind: Notice(CancellationRequest),
            order: Some("406-1231231-3213213"),
        },
        Case {
            what: "en return authorisation sent through the buyer's relay",
            from: "Amazon <8rq7t2mz@marketplace.amazon.co.uk>",
            reply_to: None,
            subject: "Return authorisation notification (Order: 202-1234567-1234567)",
            body: "Return reason: Item arrived damaged\nReturn quantity: 1\nPlease do not reply to this e-mail.",
            marketplace: Some(Amazon),
            site: Some("amazon.co.uk"),
            kind: Notice(ReturnRequest),
            order: Some("202-1234567-1234567"),
        },
        Case {
            what: "it no-reply relay sender",
            from: "Amazon <donotreply@marketplace.amazon.it>",
            reply_to: None,
            subject: "Il messaggio non è stato recapitato",
            body: "Non è stato possibile recapitare il messaggio.",
            marketplace: Some(Amazon),
            site: Some("amazon.it"),
            kind: Notice(Other),
            order: None,
        },
        Case {
            what: "en seller support is not a customer",
            from: "Amazon Seller Support <seller-support@amazon.com>",
            reply_to: None,
            subject: "Your case 1234567890 has been updated",
            body: "Hello from Amazon Selling Partner Support.",
            marketplace: Some(Amazon),
            site: Some("amazon.com"),
            kind: Notice(Other),
            order: None,
        },
        Case {
            what: "nl buyer message from amazon.nl",
            from: "Sanne - Amazon Marketplace <z8x7c6v5@marketplace.amazon.nl>",
            reply_to: None,
            subject: "Vraag van Amazon-klant Sanne (Bestelling: 405-1111111-2222222)",
            body: "------------- Bericht: -------------\nIs dit op voorraad?\n------------- Einde bericht -------------",
            marketplace: Some(Amazon),
            site: Some("amazon.nl"),
            kind: BuyerMessage,
            order: Some("405-1111111-2222222"),
        },
        // eBay.
        Case {
            what: "de eBay member message with the buyer's relay as Reply-To",
            from: "eBay <ebay@ebay.de>",
            reply_to: Some("kaeufer_123 <kaeufer_123@members.ebay.de>"),
            subject: "kaeufer_123 hat eine Frage zum Artikel #125512345678",
            body: "Neue Nachricht von: kaeufer_123\nIst der Artikel noch verfügbar?",
            marketplace: Some(Ebay),
            site: Some("ebay.de"),
            kind: BuyerMessage,
            order: None,
        },
        Case {
            what: "en eBay member message without relay",
            from: "eBay <ebay@ebay.com>",
            reply_to: None,
            subject: "jane_buys sent a message about Vintage mug #125598765432",
            body: "Order number: 12-34567-89012\nHi, can you combine shipping?",
            marketplace: Some(Ebay),
            site: Some("ebay.com"),
            kind: BuyerMessage,
            order: Some("12-34567-89012"),
        },
        Case {
            what: "en eBay return request",
            from: "eBay <ebay@ebay.com>",
            reply_to: None,
            subject: "You've received a return request for order 12-34567-89012",
            body: "The buyer wants to return: Vintage mug",
            marketplace: Some(Ebay),
            site: Some("ebay.com"),
            kind: Notice(ReturnRequest),
            order: Some("12-34567-89012"),
        },
        Case {
            what: "de eBay case opened",
            from: "eBay <ebay@ebay.de>",
            reply_to: None,
            subject: "Ein Käufer hat einen Fall eröffnet: Artikel nicht erhalten",
            body: "Bestellnummer: 04-11223-44556",
            marketplace: Some(Ebay),
            site: Some("ebay.de"),
            kind: Notice(Claim),
            order: Some("04-11223-44556"),
        },
        Case {
            what: "fr eBay feedback",
            from: "eBay <ebay@ebay.fr>",
            reply_to: None,
            subject: "Vous avez reçu une évaluation",
            body: "Numéro de commande : 17-22222-33333",
            marketplace: Some(Ebay),
            site: Some("ebay.fr"),
            kind: Notice(Feedback),
            order: Some("17-22222-33333"),
        },
        Case {
            what: "it eBay sold",
            from: "eBay <ebay@ebay.it>",
            reply_to: None,
            subject: "Il tuo oggetto è stato venduto: Tazza vintage",
            body: "Numero dell'ordine: 110043671232-28111134001",
            marketplace: Some(Ebay),
            site: Some("ebay.it"),
            kind: Notice(Order),
            order: Some("110043671232-28111134001"),
        },
        Case {
            what: "es eBay payment dispute",
            from: "eBay <ebay@ebay.es>",
            reply_to: None,
            subject: "Disputa de pago abierta",
            body: "Número de pedido: 19-12345-12345",
            marketplace: Some(Ebay),
            site: Some("ebay.es"),
            kind: Notice(Chargeback),
            order: Some("19-12345-12345"),
        },
        // Walmart.
        Case {
            what: "Walmart customer through the relay",
            from: "Walmart Customer <a1b2c3d4e5@relay.walmart.com>",
            reply_to: None,
            subject: "Question about order 1796277083022",
            body: "My package says delivered but I don't have it.",
            marketplace: Some(Walmart),
            site: Some("walmart.com"),
            kind: BuyerMessage,
            order: Some("1796277083022"),
        },
        Case {
            what: "Walmart customer care forwards a customer",
            from: "Walmart Customer Care <customercare@walmart.com>",
            reply_to: None,
            subject: "Customer inquiry regarding your order",
            body: "Purchase Order #: 1796277083022\nCustomer message: Where is my order?",
            marketplace: Some(Walmart),
            site: Some("walmart.com"),
            kind: BuyerMessage,
            order: Some("1796277083022"),
        },
        Case {
            what: "Walmart return notice",
            from: "Walmart Marketplace <no-reply@walmart.com>",
            reply_to: None,
            subject: "Return initiated for PO# 1796277083022",
            body: "Item: 0123456789012 (UPC)",
            marketplace: Some(Walmart),
            site: Some("walmart.com"),
            kind: Notice(ReturnRequest),
            order: Some("1796277083022"),
        },
        Case {
            what: "Walmart new order, a UPC in the body is not the order",
            from: "Walmart Marketplace <sellernotifications@marketplace.walmart.com>",
            reply_to: None,
            subject: "New order received",
            body: "UPC 0123456789012\nPO number: 1796277083022",
            marketplace: Some(Walmart),
            site: Some("walmart.com"),
            kind: Notice(Order),
            order: Some("1796277083022"),
        },
        // Not marketplaces.
        Case {
            what: "ordinary customer email",
            from: "Jane <jane@example.com>",
            reply_to: None,
            subject: "Return request for order 302-4417789-6651234",
            body: "I would like to return the mug.",
            marketplace: None,
            site: None,
            kind: NotMarketplace,
            order: None,
        },
        Case {
            what: "lookalike domain",
            from: "Amazon <atoz-guarantee-no-reply@amazon.de.example.net>",
            reply_to: None,
            subject: "A-to-z Guarantee claim",
            body: "",
            marketplace: None,
            site: None,
            kind: NotMarketplace,
            order: None,
        },
        Case {
            what: "lookalike brand",
            from: "Support <help@notamazon.de>",
            reply_to: None,
            subject: "Chargeback",
            body: "",
            marketplace: None,
            site: None,
            kind: NotMarketplace,
            order: None,
        },
    ];

    #[test]
    fn relay_table() {
        for c in CASES {
            let got = classify_relay(&mail(c.from, c.reply_to, c.subject, c.body));
            assert_eq!(got.marketplace, c.marketplace, "{}: {got:?}", c.what);
            assert_eq!(got.site.as_deref(), c.site, "{}: {got:?}", c.what);
            assert_eq!(got.kind, c.kind, "{}: {got:?}", c.what);
            assert_eq!(got.order_number.as_deref(), c.order, "{}: {got:?}", c.what);
            assert!(!got.evidence.is_empty(), "{}", c.what);
        }
    }

    #[test]
    fn order_numbers_stand_alone() {
        let tokens: Vec<&str> = number_tokens("x302-4417789-6651234 a 12-34567-89012- b 9-1")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(tokens, ["12-34567-89012", "9-1"]);
        assert_eq!(
            find_order_number(Amazon, "", "Order 1302-4417789-6651234"),
            None
        );
        assert_eq!(find_order_number(Walmart, "", "EAN 4006381333931"), None);
    }

    #[test]
    fn empty_mail_is_not_a_marketplace() {
        let got = classify_relay(&ParsedMail::default());
        assert_eq!(got.kind, NotMarketplace);
    }
}
