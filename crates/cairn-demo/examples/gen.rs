//! Writes a demo world to standard output and reports the speed on standard error.
//!
//! `cargo run --release --example gen -- [CUSTOMERS] [SEED] > world.jsonl`

use std::io::{self, Write};
use std::time::Instant;

use cairn_demo::{DemoConfig, write_world};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let customers = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let cfg = DemoConfig {
        seed,
        customers,
        ..DemoConfig::default()
    };
    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let stats = write_world(&cfg, &mut out)?;
    out.flush()?;
    let secs = started.elapsed().as_secs_f64();
    let records = stats.orders + stats.messages;
    eprintln!(
        "{} customers, {} orders, {} messages ({:.2} messages per customer) in {secs:.2} s: {:.0} records/s",
        stats.customers,
        stats.orders,
        stats.messages,
        stats.messages as f64 / stats.customers.max(1) as f64,
        records as f64 / secs.max(1e-9)
    );
    Ok(())
}
