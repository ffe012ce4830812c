//! Prints both evaluation reports; `--errors` also lists misclassified messages.
//! Usage: cargo run --release --example eval [-- --errors] [BITEXT_CSV]

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let own = cairn_nlu::eval_own();
    println!("{own}");
    if show_errors {
        for e in &own.errors {
            println!("  miss: {e}");
        }
    }
    let hold = cairn_nlu::eval_own_holdout();
    println!("\n{hold}");
    if show_errors {
        for e in &hold.errors {
            println!("  miss: {e}");
        }
    }
    let csv = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/testdata/intents/bitext/dev.csv")
        });
    match cairn_nlu::eval_bitext(&csv) {
        Ok(r) => {
            println!("\n{r}");
            if show_errors {
                for e in &r.errors {
                    println!("  miss: {e}");
                }
            }
        }
        Err(e) => println!("\nBitext evaluation skipped ({}): {e}", csv.display()),
    }
}
