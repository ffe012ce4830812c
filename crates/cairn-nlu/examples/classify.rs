//! Classifies each line of stdin (or the arguments) and prints one compact
//! line per message: language, intents with cues, signals, amounts, dates.

use std::io::BufRead;

fn show(text: &str) {
    let c = cairn_nlu::classify(text);
    let intents: Vec<String> = c
        .intents
        .iter()
        .map(|i| format!("{}:{:.2}{:?}", i.label, i.score, i.cues))
        .collect();
    let signals: Vec<String> = c
        .signals
        .iter()
        .map(|s| format!("{}{:?}", s.label, s.cues))
        .collect();
    println!(
        "[{}] {} | {} | {:?} {:?}\n    {}",
        c.language.as_deref().unwrap_or("?"),
        intents.join(" "),
        signals.join(" "),
        c.amounts
            .iter()
            .map(|a| format!("{} {}", a.value, a.currency))
            .collect::<Vec<_>>(),
        c.dates
            .iter()
            .map(|d| format!("{}={:?}", d.text, d.iso))
            .collect::<Vec<_>>(),
        text
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        show(&args.join(" "));
        return;
    }
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        if !line.trim().is_empty() {
            show(&line);
        }
    }
}
