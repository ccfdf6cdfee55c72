//! With `CARGO_TARGET_DIR` set, xtask writes what it makes there and nowhere else: not into
//! the clone's `target/`, not into the home folder. Runs the commands that are quick enough
//! for the test suite (the others use the same `util::target_dir`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every file under `dir` with its modification time, sorted (empty when it does not exist).
fn listing(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(modified) = e.metadata().and_then(|m| m.modified()) {
                out.push((path, modified));
            }
        }
    }
    out.sort();
    out
}

fn fresh(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
}

#[test]
fn commands_write_only_into_the_configured_target_folder() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("xtask-target-dir");
    let elsewhere = scratch.join("target");
    let home = scratch.join("home");
    fresh(&elsewhere);
    fresh(&home);
    let have_corpus = root().join("../shared/corpus/current").is_dir();
    // `gen` writes into generated/ or --out, never the target folder; its check mode is
    // the freshness test's.
    let mut commands: Vec<(&[&str], &str)> = vec![(
        &["enums", "--sample", "3", "--seed", "1"],
        "enums/report.json",
    )];
    if have_corpus {
        commands.push((&["fidelity"], "fidelity/current.json"));
    }
    // What the clone's own target folder holds of these commands' output, before (the
    // folders they would write by default; others may be busy with other commands).
    let clone_outputs = ["enums", "fidelity"].map(|d| root().join("target").join(d));
    let before: Vec<_> = clone_outputs.iter().map(|d| listing(d)).collect();

    for (args, made) in &commands {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(*args)
            .env("CARGO_TARGET_DIR", &elsewhere)
            .env("HOME", &home)
            .current_dir(root())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "xtask {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = elsewhere.join(made);
        assert!(
            file.is_file(),
            "xtask {args:?} did not write {}",
            file.display()
        );
    }

    let after: Vec<_> = clone_outputs.iter().map(|d| listing(d)).collect();
    let changed: Vec<String> = after
        .iter()
        .flatten()
        .filter(|f| !before.iter().flatten().any(|b| b == *f))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        changed.is_empty(),
        "written into the clone's target/: {changed:?}"
    );
    let home_files: Vec<PathBuf> = listing(&home).into_iter().map(|(p, _)| p).collect();
    assert!(
        home_files.is_empty(),
        "written into the home folder: {home_files:?}"
    );
}
