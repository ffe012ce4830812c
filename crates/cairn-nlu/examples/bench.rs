//! Throughput benchmark on one core: classifies a few thousand synthetic
//! messages (built here from the crate's own phrases) and prints messages/s.
//! Run with `cargo run --release --example bench`; with JSON-lines files as
//! arguments (`-- eval/own.jsonl eval/holdout.jsonl`) it times their texts
//! instead. `--join BYTES` glues consecutive texts into messages of at least
//! that many bytes (e.g. 265, a typical message); `--lexicon` times the cue
//! lexicon alone, without the learned model; `--rounds N` repeats the set N
//! times (default 20). Also prints messages per CPU second, which a busy
//! shared machine distorts less than wall time.

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

/// The `text` fields of JSON-lines files in the own-set format.
fn texts_of(paths: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paths {
        let data = std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("cannot read {p}: {e}");
            std::process::exit(1);
        });
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                && let Some(t) = v.get("text").and_then(|t| t.as_str())
            {
                out.push(t.to_string());
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lexicon_only = args.iter().any(|a| a == "--lexicon");
    let join: Option<usize> = args
        .iter()
        .position(|a| a == "--join")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok());
    let files: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with("--")
                && (*i == 0 || !matches!(args[i - 1].as_str(), "--join" | "--rounds"))
        })
        .map(|(_, a)| a.clone())
        .collect();
    let rounds: usize = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let classify: fn(&str) -> cairn_nlu::Classification = if lexicon_only {
        cairn_nlu::classify_lexicon_only
    } else {
        cairn_nlu::classify
    };
    if !files.is_empty() {
        let mut texts = texts_of(&files);
        if let Some(min) = join {
            let mut joined = Vec::new();
            let mut cur = String::new();
            for t in texts {
                if !cur.is_empty() {
                    cur.push('\n');
                }
                cur.push_str(&t);
                if cur.len() >= min {
                    joined.push(std::mem::take(&mut cur));
                }
            }
            texts = joined;
        }
        run(&texts, rounds, classify);
        return;
    }
    let mut messages = Vec::new();
    for (i, o) in OPENERS.iter().enumerate() {
        for (j, b) in BODIES.iter().enumerate() {
            for (k, c) in CLOSERS.iter().enumerate() {
                let n = i * 100 + j * 10 + k;
                messages.push(format!("{o} {b} (ref {n})\n{c}"));
            }
        }
    }
    run(&messages, 5, classify);
}

fn run(messages: &[String], rounds: usize, classify: fn(&str) -> cairn_nlu::Classification) {
    let Some(first) = messages.first() else {
        println!("no messages");
        return;
    };
    // Warm-up builds the automaton and lexicon once.
    black_box(classify(first));
    let total_bytes: usize = messages.iter().map(String::len).sum();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut intents = 0usize;
    for _ in 0..rounds {
        for m in messages {
            intents += black_box(classify(m)).intents.len();
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
    // On a shared machine wall time includes waiting for a core; the
    // process's own CPU time does not.
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        println!(
            "CPU time {:.3} s: {:.0} messages per CPU second",
            b - a,
            n as f64 / (b - a).max(1e-9)
        );
    }
}

/// User plus system CPU time of this process (Linux `/proc/self/stat`, in
/// clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
