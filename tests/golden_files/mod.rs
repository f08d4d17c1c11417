//! The golden corpus's files, for the tests that read it (the corpus itself,
//! clause coverage, parameter gaps, declared facts): every `.json` under
//! `tests/golden`, in path order.

use std::path::{Path, PathBuf};

/// Every case file of the golden corpus, sorted by path.
pub fn case_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
