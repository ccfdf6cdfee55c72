//! The help texts of `cargo xtask` and of each command, compared with the checked-in
//! snapshots in `tests/help/` so that a change to them is seen in review.
//! `UPDATE_SNAPSHOTS=1` rewrites the snapshots after a deliberate change.

use std::path::Path;
use std::process::Command;

/// The snapshot file and the arguments that print it.
const HELP: &[(&str, &[&str])] = &[
    ("xtask", &["help"]),
    ("gen", &["gen", "--help"]),
    ("specs", &["specs", "--help"]),
    ("specs-sync", &["specs", "sync", "--help"]),
    ("changes", &["changes", "--help"]),
    ("release", &["release", "--help"]),
    ("semver", &["semver", "--help"]),
    ("corpus", &["corpus", "--help"]),
    ("enums", &["enums", "--help"]),
    ("fidelity", &["fidelity", "--help"]),
    ("openapi", &["openapi", "--help"]),
    ("bench", &["bench", "--help"]),
];

#[test]
fn help_texts_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/help");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for (name, args) in HELP {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(*args)
            .output()
            .unwrap();
        assert!(out.status.success(), "xtask {args:?} failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let file = dir.join(format!("{name}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &text).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(format!("{}:\n{text}", file.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "help texts differ from their snapshots (UPDATE_SNAPSHOTS=1 rewrites them):\n{}",
        stale.join("\n")
    );
}

#[test]
fn a_typo_is_refused_with_the_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["gen", "--chek"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--chek") && err.contains("Usage: cargo xtask gen"),
        "{err}"
    );
}
