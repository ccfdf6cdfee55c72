//! Small helpers shared by the xtask commands.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ucloud_codegen::diag::{Diagnostic, Severity};

/// The workspace root: xtask lives in `<root>/xtask`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// `../shared/corpus` beside the checkout.
pub fn shared() -> PathBuf {
    let path = root().join("..").join("shared");
    // `/work/shared` reads better than `/work/main/../shared` in reports.
    path.canonicalize().unwrap_or(path)
}

/// `path` as a person would type it from the current directory: relative when it is below
/// it, as it is otherwise. Diagnostics then name files the way the user can open them.
pub fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

/// A path with forward slashes, for generated files (the same on every platform).
pub fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Prints `usage` and says so when the arguments ask for help (`--help`, `-h`).
pub fn wants_help(args: &[String], usage: &str) -> bool {
    let help = args.iter().any(|a| a == "--help" || a == "-h");
    if help {
        println!("{usage}");
    }
    help
}

/// Whether this is a CI run, where a missing corpus is a failure rather than a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Prints warnings and errors, then a count by kind; returns the counts.
pub fn report(
    diags: &[Diagnostic],
    print_warnings: bool,
) -> BTreeMap<(Severity, &'static str), usize> {
    let mut counts = BTreeMap::new();
    for d in diags {
        *counts.entry((d.severity, d.kind)).or_insert(0) += 1;
        if d.severity == Severity::Error || (print_warnings && d.severity == Severity::Warning) {
            eprintln!("{d}");
        }
    }
    counts
}

/// A flag's value: `--name VALUE`.
pub fn flag_value(args: &[String], name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .cloned()
            .map(Some)
            .ok_or_else(|| format!("{name} needs a value")),
    }
}

/// Rejects arguments the command does not know, so a typo is not silently ignored.
pub fn check_args(args: &[String], flags: &[&str], valued: &[&str]) -> Result<Vec<String>, String> {
    let mut positional = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if valued.contains(&a.as_str()) {
            i += 2;
            continue;
        }
        if a.starts_with("--") && !flags.contains(&a.as_str()) {
            return Err(format!("unknown option {a}"));
        }
        if !a.starts_with("--") {
            positional.push(a.clone());
        }
        i += 1;
    }
    Ok(positional)
}

/// The cargo target folder (`CARGO_TARGET_DIR`, else `<root>/target`): everything the
/// commands build or write for themselves goes under it.
pub fn target() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// Runs `git` in `dir`; its trimmed stdout, or an error with its stderr.
pub fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {} (in {}): {}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}
