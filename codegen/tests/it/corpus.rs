//! Every page of `../shared/corpus` (the documentation tree at one commit, `current/` and
//! `summary/`, and the older revisions in `legacy/`) is read without a panic and without an
//! error diagnostic, and the common pages of `summary/` are all skipped. Skipped when the
//! corpus is absent, except under `CI=true`. `cargo xtask corpus` goes further and builds
//! the SDK of each folder.

use std::path::{Path, PathBuf};
use ucloud_codegen::diag::Severity;

fn corpus(folder: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(folder);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing (CI=true requires it)", dir.display());
    }
    eprintln!("skipped: no corpus at {}", dir.display());
    None
}

#[test]
fn every_page_reads_without_an_error() {
    for folder in ["current", "legacy", "summary"] {
        let Some(dir) = corpus(folder) else { return };
        let loaded = ucloud_codegen::load_spec(&[dir]).expect("the corpus reads");
        let errors: Vec<String> = loaded
            .diagnostics
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{folder}:\n{}", errors.join("\n"));
        assert!(loaded.counts.files > 0, "{folder} has no pages");
        if folder == "summary" {
            assert_eq!(loaded.counts.action_pages, 0, "{:?}", loaded.counts);
            assert_eq!(loaded.counts.skipped, loaded.counts.files);
        } else {
            assert!(
                loaded.counts.action_pages > 500,
                "{folder}: {:?}",
                loaded.counts
            );
        }
    }
}
