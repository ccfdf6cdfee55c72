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

/// Cargo's target folder, where every command writes what it makes: `CARGO_TARGET_DIR` when
/// set (relative to the current directory, as cargo takes it), else `<root>/target`. Nothing
/// is written outside it, so a clone with its target folder elsewhere stays untouched.
pub fn target_dir() -> PathBuf {
    target_dir_from(std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from))
}

fn target_dir_from(configured: Option<PathBuf>) -> PathBuf {
    match configured.filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => std::env::current_dir()
            .map(|cwd| cwd.join(&dir))
            .unwrap_or(dir),
        None => root().join("target"),
    }
}

/// `python -m pip install` of `packages` into the virtual environment of `python`, without
/// pip's cache (it would be written under the home folder, outside the target folder).
pub fn pip_install(python: &Path, packages: &[&str]) -> std::process::Command {
    let mut pip = std::process::Command::new(python);
    pip.args(["-m", "pip", "install", "--quiet", "--no-cache-dir"])
        .arg("--disable-pip-version-check")
        .args(packages);
    pip
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_folder_is_cargo_s() {
        assert_eq!(target_dir_from(None), root().join("target"));
        assert_eq!(target_dir_from(Some(PathBuf::new())), root().join("target"));
        let elsewhere = std::env::temp_dir().join("t");
        assert_eq!(target_dir_from(Some(elsewhere.clone())), elsewhere);
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(target_dir_from(Some("rel".into())), cwd.join("rel"));
    }
}
