//! Integration tests against public corpora in `shared/testdata`, plus
//! property tests over generated input. One binary, so the corpora are
//! located once and the crate is linked once.

mod discourse;
mod github;
mod mime;
mod no_panic;
mod properties;
mod threading;

use std::path::{Path, PathBuf};

/// The shared test data folder, or `None` (with a notice) when this
/// checkout has none beside it.
pub fn testdata(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/testdata")
        .join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIP: test data {} not found; skipping", dir.display());
        None
    }
}

/// Sorted regular files of a folder.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
