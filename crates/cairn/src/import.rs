//! `cairn import`: streams interchange records from files or standard input into the store.
//!
//! A reader thread splits and parses lines while the database writes the previous batch, so both
//! cores work. Lines are read with a hard length cap: a gigantic line is rejected without being
//! held in memory. Every rejected line is reported with its file, line number and reason; the
//! rest are imported.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

use cairn_domain::TenantId;
use cairn_domain::ingest::Outcome;
use cairn_domain::records::{MAX_LINE_BYTES, Record, parse_record};
use cairn_store::{IngestOptions, Store};
use tokio::sync::mpsc;

/// Records per transaction: large enough to amortise statements, small enough that a crash
/// loses little work and memory stays flat.
pub const BATCH: usize = 2000;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub imported: u64,
    pub updated: u64,
    pub duplicates: u64,
    pub rejected: u64,
}

impl Summary {
    /// Counts one record's outcome; a rejection's reason is the caller's to report.
    pub fn count<E>(&mut self, outcome: &Result<Outcome, E>) {
        match outcome {
            Ok(Outcome::Imported) => self.imported += 1,
            Ok(Outcome::Updated) => self.updated += 1,
            Ok(Outcome::Duplicate) => self.duplicates += 1,
            Err(_) => self.rejected += 1,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "imported {}, updated {}, duplicates skipped {}, rejected {}",
            self.imported, self.updated, self.duplicates, self.rejected
        )
    }
}

/// One line that could not be imported.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub source: String,
    pub line: u64,
    pub reason: String,
}

struct Batch {
    records: Vec<(String, u64, Record)>,
    rejected: Vec<Rejection>,
}

/// Where records come from: a file path, or `-` for standard input.
pub fn open_source(path: &str) -> std::io::Result<Box<dyn Read + Send>> {
    if path == "-" {
        Ok(Box::new(std::io::stdin()))
    } else {
        Ok(Box::new(std::fs::File::open(PathBuf::from(path))?))
    }
}

/// Reads one line of at most `MAX_LINE_BYTES`; a longer one is skipped to its end and reported
/// as `Err(length)`. Returns `Ok(None)` at the end of input.
fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<Result<(), usize>>> {
    buf.clear();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            if total == 0 {
                return Ok(None);
            }
            break;
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        total += chunk.len();
        if !too_long {
            if buf.len() + chunk.len() > MAX_LINE_BYTES {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let consumed = done.unwrap_or(available.len());
        reader.consume(consumed);
        if done.is_some() {
            break;
        }
    }
    Ok(Some(if too_long { Err(total) } else { Ok(()) }))
}

fn parse_sources(sources: Vec<String>, tx: mpsc::Sender<Batch>) -> Result<(), String> {
    let mut batch = Batch {
        records: Vec::with_capacity(BATCH),
        rejected: Vec::new(),
    };
    for source in sources {
        let name = if source == "-" {
            "<stdin>".to_string()
        } else {
            source.clone()
        };
        let input = open_source(&source).map_err(|e| format!("cannot open {name}: {e}"))?;
        let mut reader = BufReader::with_capacity(1 << 20, input);
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        loop {
            let line =
                read_line(&mut reader, &mut buf).map_err(|e| format!("reading {name}: {e}"))?;
            let Some(line) = line else { break };
            line_no += 1;
            let reject = |reason: String| Rejection {
                source: name.clone(),
                line: line_no,
                reason,
            };
            match line {
                Err(len) => batch.rejected.push(reject(format!(
                    "line is {len} bytes long, over the {} MiB limit",
                    MAX_LINE_BYTES / (1024 * 1024)
                ))),
                Ok(()) => {
                    let text = match std::str::from_utf8(&buf) {
                        Ok(t) => t.trim(),
                        Err(e) => {
                            batch
                                .rejected
                                .push(reject(format!("line is not valid UTF-8 ({e})")));
                            continue;
                        }
                    };
                    if text.is_empty() {
                        continue;
                    }
                    match parse_record(text) {
                        Ok(mut record) => {
                            cairn_domain::records::understand_ahead(&mut record);
                            batch.records.push((name.clone(), line_no, record));
                        }
                        Err(e) => batch.rejected.push(reject(e.0)),
                    }
                }
            }
            if batch.records.len() >= BATCH || batch.rejected.len() >= BATCH {
                let full = std::mem::replace(
                    &mut batch,
                    Batch {
                        records: Vec::with_capacity(BATCH),
                        rejected: Vec::new(),
                    },
                );
                if tx.blocking_send(full).is_err() {
                    return Ok(());
                }
            }
        }
    }
    let _ = tx.blocking_send(batch);
    Ok(())
}

/// Imports every source; calls `report` for each rejected line as soon as it is known.
pub async fn import(
    store: &Store,
    tenant: TenantId,
    sources: Vec<String>,
    options: &IngestOptions,
    mut report: impl FnMut(&Rejection),
    clock: fn() -> jiff::Timestamp,
) -> anyhow::Result<Summary> {
    let (tx, mut rx) = mpsc::channel::<Batch>(4);
    let reader = std::thread::spawn(move || parse_sources(sources, tx));
    let mut summary = Summary::default();
    while let Some(batch) = rx.recv().await {
        for r in &batch.rejected {
            summary.rejected += 1;
            report(r);
        }
        if batch.records.is_empty() {
            continue;
        }
        let (origins, records): (Vec<(String, u64)>, Vec<Record>) = batch
            .records
            .into_iter()
            .map(|(source, line, record)| ((source, line), record))
            .unzip();
        let result = store.ingest(tenant, &records, options, clock()).await?;
        for ((source, line), outcome) in origins.into_iter().zip(result.outcomes) {
            summary.count(&outcome);
            if let Err(e) = outcome {
                report(&Rejection {
                    source,
                    line,
                    reason: e.0,
                });
            }
        }
    }
    match reader.join() {
        Ok(Ok(())) => Ok(summary),
        Ok(Err(e)) => Err(anyhow::anyhow!(e)),
        Err(_) => Err(anyhow::anyhow!("the reader thread failed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_capped_and_split() {
        let long = "x".repeat(MAX_LINE_BYTES + 10);
        let input = format!("a\n{long}\n\nlast");
        let mut reader = BufReader::with_capacity(64, input.as_bytes());
        let mut buf = Vec::new();
        let mut seen = Vec::new();
        while let Some(r) = read_line(&mut reader, &mut buf).unwrap_or(None) {
            seen.push(r.map(|()| String::from_utf8_lossy(&buf).to_string()));
        }
        assert_eq!(
            seen,
            vec![
                Ok("a".to_string()),
                Err(MAX_LINE_BYTES + 10),
                Ok(String::new()),
                Ok("last".to_string())
            ]
        );
    }
}
