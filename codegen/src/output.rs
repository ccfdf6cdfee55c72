//! Writing a generated crate to disk, or checking that it is there: the one write path of
//! `cargo xtask gen` (and its `--check`) and `ucloud-codegen generate`.
//!
//! The generator owns `Cargo.toml`, `README.md`, `ENUMS.md` and everything under `src/`,
//! `products/` (the product crates) and `tests/` of the crate folder; other files there (`Cargo.lock`, `target/`, a `.git`) are left alone.
//! Files whose content is unchanged are not rewritten, so their modification times stay and
//! cargo does not rebuild; owned files the generator no longer produces are removed. Line
//! endings are compared without regard to CRLF/LF, so a checkout that converts them is not
//! stale.

use crate::emit::Files;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What [`sync`] does with differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write new and changed files, remove stale ones.
    Write,
    /// Change nothing; report every difference.
    Check,
}

/// One difference between the folder and the generated files (relative paths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Not there yet.
    Added(String),
    /// There with other content; `line` is the first line that differs (1-based).
    Changed { path: String, line: usize },
    /// There, owned by the generator, and no longer generated.
    Removed(String),
}

impl Change {
    pub fn path(&self) -> &str {
        match self {
            Change::Added(p) | Change::Removed(p) => p,
            Change::Changed { path, .. } => path,
        }
    }

    /// The change as a drift report names it: `out/src/x.rs:12: stale (first differing line)`.
    pub fn describe(&self, out: &Path) -> String {
        let path = out.join(self.path());
        match self {
            Change::Added(_) => format!("{}: missing", path.display()),
            Change::Changed { line, .. } => {
                format!("{}:{line}: stale (first differing line)", path.display())
            }
            Change::Removed(_) => format!("{}: no longer generated", path.display()),
        }
    }
}

/// What [`sync`] found (and, in [`Mode::Write`], did).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub changes: Vec<Change>,
    /// Files that were already up to date.
    pub unchanged: usize,
}

/// An I/O failure, naming the path.
#[derive(Debug)]
pub struct OutputError(pub String);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutputError {}

/// Makes `out` hold exactly `files` (in [`Mode::Write`]), or reports how it differs (in
/// [`Mode::Check`]).
pub fn sync(out: &Path, files: &Files, mode: Mode) -> Result<Outcome, OutputError> {
    let mut outcome = Outcome::default();
    for (rel, want) in files {
        let path = out.join(rel);
        let change = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Change::Added(rel.clone())),
            Err(e) => return Err(io_error(&path, "cannot read", e)),
            Ok(have) => first_difference(&String::from_utf8_lossy(&have), want).map(|line| {
                Change::Changed {
                    path: rel.clone(),
                    line,
                }
            }),
        };
        let Some(change) = change else {
            outcome.unchanged += 1;
            continue;
        };
        if mode == Mode::Write {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| io_error(dir, "cannot create folder", e))?;
            }
            std::fs::write(&path, want).map_err(|e| io_error(&path, "cannot write", e))?;
        }
        outcome.changes.push(change);
    }
    for rel in stale(out, files)? {
        if mode == Mode::Write {
            let path = out.join(&rel);
            std::fs::remove_file(&path).map_err(|e| io_error(&path, "cannot remove", e))?;
        }
        outcome.changes.push(Change::Removed(rel));
    }
    Ok(outcome)
}

/// The first line (1-based) where `have` and `want` differ, ignoring CR before LF; `None`
/// when they are the same.
fn first_difference(have: &str, want: &str) -> Option<usize> {
    let mut have_lines = have.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut want_lines = want.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut line = 1;
    loop {
        match (have_lines.next(), want_lines.next()) {
            (None, None) => return None,
            (a, b) if a != b => return Some(line),
            _ => line += 1,
        }
    }
}

/// Owned files under `out` (`src/**`, `products/**`, `tests/**`) that are not among
/// `files`, sorted.
fn stale(out: &Path, files: &Files) -> Result<Vec<String>, OutputError> {
    let mut found = BTreeSet::new();
    for dir in ["src", "products", "tests"] {
        walk(&out.join(dir), dir, &mut found)?;
    }
    Ok(found
        .into_iter()
        .filter(|rel| !files.contains_key(rel))
        .collect())
}

fn walk(dir: &Path, rel: &str, found: &mut BTreeSet<String>) -> Result<(), OutputError> {
    let entries = match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(dir, "cannot read folder", e)),
        Ok(entries) => entries,
    };
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, "cannot read folder", e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let child = format!("{rel}/{name}");
        let ty = entry
            .file_type()
            .map_err(|e| io_error(&entry.path(), "cannot read", e))?;
        if ty.is_dir() {
            walk(&entry.path(), &child, found)?;
        } else {
            found.insert(child);
        }
    }
    Ok(())
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> OutputError {
    OutputError(format!("{}: {what}: {e}", PathBuf::from(path).display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(items: &[(&str, &str)]) -> Files {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn writes_then_finds_nothing_to_do() {
        // Under cargo's target folder (the test runs from `<target>/<profile>/deps/`), not
        // the system's temporary folder: tests write nothing outside the target folder.
        let exe = std::env::current_exe().unwrap();
        let target = exe.ancestors().nth(3).unwrap();
        let dir = target.join(format!("tmp/ucloud-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let want = files(&[
            ("Cargo.toml", "a\n"),
            ("src/lib.rs", "b\n"),
            ("src/x.rs", "c\n"),
        ]);
        let first = sync(&dir, &want, Mode::Write).unwrap();
        assert_eq!(first.changes.len(), 3);
        assert_eq!(sync(&dir, &want, Mode::Check).unwrap().changes, vec![]);

        // CRLF checkouts are not stale; a hand edit is, at its line; an extra file is removed.
        std::fs::write(dir.join("src/lib.rs"), "b\r\n").unwrap();
        std::fs::write(dir.join("src/x.rs"), "c\nedited\n").unwrap();
        std::fs::write(dir.join("src/old.rs"), "").unwrap();
        std::fs::write(dir.join("Cargo.lock"), "kept").unwrap();
        let check = sync(&dir, &want, Mode::Check).unwrap();
        assert_eq!(
            check.changes,
            vec![
                Change::Changed {
                    path: "src/x.rs".into(),
                    line: 2
                },
                Change::Removed("src/old.rs".into()),
            ]
        );
        sync(&dir, &want, Mode::Write).unwrap();
        assert!(!dir.join("src/old.rs").exists());
        assert!(dir.join("Cargo.lock").exists());
        assert_eq!(sync(&dir, &want, Mode::Check).unwrap().changes, vec![]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn first_differing_line() {
        assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
        assert_eq!(first_difference("a\r\nb\r\n", "a\nb\n"), None);
        assert_eq!(first_difference("a\nx\n", "a\nb\n"), Some(2));
        assert_eq!(first_difference("a\n", "a\nb\n"), Some(2));
    }
}
