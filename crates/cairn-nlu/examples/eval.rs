//! Prints both evaluation reports; `--errors` also lists misclassified messages.
//! Usage: cargo run --release --example eval [-- --errors] [BITEXT_CSV]
//! or, to score only one JSON-lines file in the own-set format:
//! cargo run --release --example eval -- --jsonl PATH [--errors]

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    if let Some(i) = args.iter().position(|a| a == "--jsonl") {
        let Some(path) = args.get(i + 1) else {
            eprintln!("--jsonl needs a path");
            std::process::exit(2);
        };
        match cairn_nlu::eval_jsonl_file(path) {
            Ok(r) => {
                println!("{r}");
                if show_errors {
                    for e in &r.errors {
                        println!("  miss: {e}");
                    }
                }
            }
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
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
