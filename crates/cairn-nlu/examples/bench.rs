//! Throughput benchmark on one core: classifies a few thousand synthetic
//! messages (built here from the crate's own phrases) and prints messages/s.
//! Run with `cargo run --release --example bench`.

use std::hint::black_box;
use std::time::Instant;

const OPENERS: &[&str] = &[
    "Hallo,",
    "Hi there,",
    "Bonjour,",
    "Buongiorno,",
    "Hola,",
    "Sehr geehrte Damen und Herren,",
    "Dear seller,",
    "",
];

const BODIES: &[&str] = &[
    "wo ist mein Paket? Ich habe am 3. März bestellt und warte immer noch.",
    "my parcel shows delivered but nothing arrived, I want a refund of £24.99.",
    "le colis est arrivé abîmé, je voudrais le retourner et être remboursé de 59,90 €.",
    "il pacco non è ancora arrivato, quando arriva? Ho pagato 39,90 €.",
    "quiero cancelar mi pedido, me equivoqué de talla. ¿Podéis cambiar la dirección?",
    "can I change the shipping address for order 302-1234567-1234567? I moved last week.",
    "bitte schicken Sie mir eine Rechnung mit ausgewiesener MwSt für die Bestellung vom 24.11.2026.",
    "does this charger work with a MacBook Air? Also is it back in stock?",
    "how do I assemble the shelf? Two screws are missing and the manual is unclear.",
    "I was charged twice, $1,299.99 each time. This is the third time I am writing!!!",
    "si no me devolvéis el dinero abriré una disputa en PayPal y dejaré una valoración negativa.",
    "la machine ne s'allume plus après 10 mois, est-elle encore sous garantie ?",
    "I will contact my lawyer if this is not resolved by Friday, 11/24/2026.",
    "vorrei modificare la recensione che ho lasciato, grazie.",
    "Thanks, all good!",
];

const CLOSERS: &[&str] = &[
    "Danke",
    "Thanks, Anna",
    "Cordialement",
    "Grazie mille",
    "Saludos",
    "",
];

fn main() {
    let mut messages = Vec::new();
    for (i, o) in OPENERS.iter().enumerate() {
        for (j, b) in BODIES.iter().enumerate() {
            for (k, c) in CLOSERS.iter().enumerate() {
                let n = i * 100 + j * 10 + k;
                messages.push(format!("{o} {b} (ref {n})\n{c}"));
            }
        }
    }
    // Warm-up builds the automaton and lexicon once.
    black_box(cairn_nlu::classify(&messages[0]));
    let total_bytes: usize = messages.iter().map(String::len).sum();
    let rounds = 5;
    let start = Instant::now();
    let mut intents = 0usize;
    for _ in 0..rounds {
        for m in &messages {
            intents += black_box(cairn_nlu::classify(m)).intents.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = messages.len() * rounds;
    println!(
        "{n} messages ({} distinct, avg {} bytes) in {secs:.3} s: {:.0} messages/s on one core ({intents} intents)",
        messages.len(),
        total_bytes / messages.len(),
        n as f64 / secs
    );
}
