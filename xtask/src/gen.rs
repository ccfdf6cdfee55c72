//! `cargo xtask gen`: regenerate the SDK crate from the spec pages, or check it is current.

use crate::util;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use ucloud_codegen::emit;

/// The command every generated file's banner names.
pub const COMMAND: &str = "cargo xtask gen";

pub fn run(args: &[String]) -> Result<(), String> {
    util::check_args(
        args,
        &["--check", "--verbose"],
        &["--specs", "--out", "--overrides"],
    )?;
    let root = util::root();
    let check = args.iter().any(|a| a == "--check");
    let verbose = args.iter().any(|a| a == "--verbose");
    let specs = util::flag_value(args, "--specs")?.map(PathBuf::from);
    let out = util::flag_value(args, "--out")?.map(PathBuf::from);
    let overrides = util::flag_value(args, "--overrides")?.map(PathBuf::from);
    // Paths relative to the workspace root keep diagnostics and output the same everywhere.
    std::env::set_current_dir(&root)
        .map_err(|e| format!("cannot enter {}: {e}", root.display()))?;
    let specs = specs.unwrap_or_else(|| PathBuf::from("specs"));
    let standalone = out.is_some();
    let out = out.unwrap_or_else(|| PathBuf::from("generated"));
    let files = match overrides {
        Some(file) => generate_with(&specs, Some(&file), standalone, verbose)?,
        None => generate(&specs, standalone, verbose)?,
    };
    if check {
        check_files(&out, &files)
    } else {
        if standalone {
            write_crate(&out, &files)?;
        } else {
            write_files(&out, &files)?;
        }
        eprintln!("generated {} files in {}", files.len(), out.display());
        Ok(())
    }
}

/// `<specs>/overrides.json`, when there is one.
pub fn default_overrides(specs: &Path) -> Option<PathBuf> {
    Some(specs.join("overrides.json")).filter(|p| p.is_file())
}

/// [`generate_with`] the specs folder's own overrides file, if any.
pub fn generate(specs: &Path, standalone: bool, verbose: bool) -> Result<emit::Files, String> {
    generate_with(
        specs,
        default_overrides(specs).as_deref(),
        standalone,
        verbose,
    )
}

/// Parses, resolves, applies the overrides and emits; fails when any page or override has an
/// error.
pub fn generate_with(
    specs: &Path,
    overrides: Option<&Path>,
    standalone: bool,
    verbose: bool,
) -> Result<emit::Files, String> {
    let loaded = ucloud_codegen::load_spec_with(&[specs.to_path_buf()], overrides)
        .map_err(|e| e.to_string())?;
    let mut diags = loaded.diagnostics;
    let opts = emit::Options {
        command: COMMAND.into(),
        standalone,
    };
    let files = emit::generate(&loaded.spec, &opts, &mut diags);
    let errors = diags.has_errors();
    util::report(&diags.sorted(), verbose || !standalone);
    if errors {
        return Err(format!(
            "{}: the pages have errors (listed above); nothing written",
            specs.display()
        ));
    }
    Ok(files)
}

/// Generated paths this tool owns: anything else under `out` is hand-written and left alone.
fn owned(rel: &str) -> bool {
    rel == "Cargo.toml" || rel.starts_with("src/services/") || rel.starts_with("tests/examples/")
}

/// Files under the owned folders that the generator no longer produces.
fn stale(out: &Path, files: &emit::Files) -> Vec<String> {
    let mut found = BTreeSet::new();
    for dir in ["src/services", "tests/examples"] {
        if let Ok(entries) = std::fs::read_dir(out.join(dir)) {
            for e in entries.flatten() {
                found.insert(format!("{dir}/{}", e.file_name().to_string_lossy()));
            }
        }
    }
    found
        .into_iter()
        .filter(|f| owned(f) && !files.contains_key(f))
        .collect()
}

fn check_files(out: &Path, files: &emit::Files) -> Result<(), String> {
    let mut problems = Vec::new();
    for (rel, want) in files {
        let path = out.join(rel);
        match std::fs::read_to_string(&path) {
            Err(_) => problems.push(format!("{}: missing", path.display())),
            Ok(have) if have != *want => {
                let line = have
                    .lines()
                    .zip(want.lines())
                    .position(|(a, b)| a != b)
                    .map_or_else(
                        || have.lines().count().min(want.lines().count()) + 1,
                        |i| i + 1,
                    );
                problems.push(format!(
                    "{}:{line}: stale (first differing line)",
                    path.display()
                ));
            }
            Ok(_) => {}
        }
    }
    for rel in stale(out, files) {
        problems.push(format!(
            "{}: no longer generated; delete it",
            out.join(rel).display()
        ));
    }
    if problems.is_empty() {
        eprintln!(
            "{}: up to date ({} generated files)",
            out.display(),
            files.len()
        );
        Ok(())
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        Err(format!(
            "{} generated file(s) out of date; run `{COMMAND}`",
            problems.len()
        ))
    }
}

fn write_files(out: &Path, files: &emit::Files) -> Result<(), String> {
    for (rel, text) in files {
        let path = out.join(rel);
        if std::fs::read_to_string(&path).is_ok_and(|have| have == *text) {
            continue; // leave mtimes alone so cargo does not rebuild
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    for rel in stale(out, files) {
        let path = out.join(rel);
        std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// A complete crate outside the workspace: the generated files plus the runtime.
pub fn write_crate(out: &Path, files: &emit::Files) -> Result<(), String> {
    write_files(out, files)?;
    copy_runtime(&util::root().join("generated"), out)
}

/// A crate generated elsewhere needs the hand-written runtime too: `src/lib.rs` and
/// `src/runtime/`, copied as they are.
fn copy_runtime(from: &Path, to: &Path) -> Result<(), String> {
    copy_tree(&from.join("src/runtime"), &to.join("src/runtime"))?;
    let lib = from.join("src/lib.rs");
    std::fs::copy(&lib, to.join("src/lib.rs")).map_err(|e| format!("{}: {e}", lib.display()))?;
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for e in entries {
        let e = e.map_err(|e| format!("{}: {e}", from.display()))?;
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// `cargo test` catches a stale `generated/` as well as CI's `cargo xtask gen --check`.
    #[test]
    fn generated_crate_is_current() {
        let root = crate::util::root();
        let files = super::generate(&root.join("specs"), false, false)
            .expect("specs/ generate without errors");
        if let Err(e) = super::check_files(&root.join("generated"), &files) {
            panic!("{e}");
        }
    }
}
