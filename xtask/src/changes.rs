//! `cargo xtask changes`: the API changes of `ucloud-sdk` between two states of the pages
//! (a git revision of this repository, or a folder of pages), as Markdown or JSON, and the
//! CHANGELOG entry they make.

use crate::{release, util};
use std::path::{Path, PathBuf};
use ucloud_codegen::changes::{self, Report, Side};
use ucloud_codegen::spec::Spec;

/// `cargo xtask changes`.
#[derive(clap::Args)]
#[command(
    about = "The API changes of ucloud-sdk between two states of the pages (Markdown, JSON, \
             CHANGELOG)",
    long_about = "Compares the Rust API of ucloud-sdk generated from two states of UCloud's pages \
                  and lists each change by product, classified by what it does to code using the \
                  SDK: breaking, additive or docs-only (rules in docs/releases.md).\n\n\
                  A revision's pages are exported under the target folder \
                  (target/changes/<commit>/)."
)]
pub struct Args {
    /// A git revision of this repository (its specs/ and specs/overrides.json at that
    /// revision) or a folder of pages (with its overrides.json, if any); default: the last
    /// release (the commit that last changed specs/release.json)
    #[arg(long, value_name = "REV|DIR")]
    pub from: Option<String>,
    /// The same; default: the working tree's specs/
    #[arg(long, value_name = "REV|DIR")]
    pub to: Option<String>,
    /// Print JSON (stable, sorted; it reads back with serde) instead of Markdown
    #[arg(long)]
    pub json: bool,
    /// Prepend the entry to generated/CHANGELOG.md (replacing an entry of the same title at
    /// the top), headed with the version `cargo xtask release` would give
    #[arg(long)]
    pub write: bool,
}

pub fn run(args: Args) -> Result<(), String> {
    let report = compare(args.from.as_deref(), args.to.as_deref())?;
    let version = next_version(&report)?;
    let entry = changes::markdown(&report, &title(&version, &report));
    if args.json {
        print!("{}", report.to_json());
    } else {
        print!("{entry}");
    }
    if args.write {
        let path = changelog();
        prepend(&path, &entry)?;
        eprintln!("{}: entry for {version} written", path.display());
    }
    eprintln!(
        "{} breaking, {} additive, {} docs-only; next version {version}",
        report.count(changes::Class::Breaking),
        report.count(changes::Class::Additive),
        report.count(changes::Class::DocsOnly),
    );
    Ok(())
}

/// The report from `from` (default: the last release) to `to` (default: the working tree).
pub fn compare(from: Option<&str>, to: Option<&str>) -> Result<Report, String> {
    let from = match from {
        Some(f) => f.to_string(),
        None => last_release()?,
    };
    let (old, old_side) = load_side(&from)?;
    let (new, new_side) = match to {
        Some(t) => load_side(t)?,
        None => load_dir(&util::root().join("specs"), "working tree".into())?,
    };
    Ok(changes::report((&old, old_side), (&new, new_side)))
}

/// The version the changes call for, from the current release's.
pub fn next_version(report: &Report) -> Result<String, String> {
    let current = release::current()?;
    ucloud_codegen::release::next_version(&current.version, report.bump())
}

/// An entry's title: the version and the documentation date it was generated from.
pub fn title(version: &str, report: &Report) -> String {
    match &report.to.date {
        Some(date) => format!("ucloud-sdk {version} ({date})"),
        None => format!("ucloud-sdk {version}"),
    }
}

/// `generated/CHANGELOG.md`: shipped with the crate; gen owns only `Cargo.toml`,
/// `README.md`, `ENUMS.md`, `src/`, `products/` and `tests/` there, so it never removes it.
pub fn changelog() -> PathBuf {
    util::root().join("generated").join("CHANGELOG.md")
}

/// Puts `entry` above the newest entry (a `## ` heading); an entry of the same heading at
/// the top is replaced, so writing twice gives one entry.
pub fn prepend(path: &Path, entry: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let heading = entry.lines().next().unwrap_or_default();
    let start = text
        .match_indices("\n## ")
        .map(|(i, _)| i + 1)
        .next()
        .unwrap_or(text.len());
    let (head, rest) = text.split_at(start);
    let rest = match rest.lines().next() == Some(heading) {
        // Up to the next entry.
        true => rest[1..].find("\n## ").map_or("", |i| &rest[i + 2..]),
        false => rest,
    };
    let mut out = head.to_string();
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(entry.trim_end());
    out.push_str("\n\n");
    out.push_str(rest);
    std::fs::write(path, out.trim_end().to_string() + "\n")
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// The commit that last changed `specs/release.json`: the last release.
fn last_release() -> Result<String, String> {
    let rev = util::git(
        &util::root(),
        &["log", "-1", "--format=%H", "--", "specs/release.json"],
    )?;
    if rev.is_empty() {
        return Err(
            "no release is recorded (specs/release.json was never committed); pass --from REV|DIR"
                .into(),
        );
    }
    Ok(rev)
}

/// A folder of pages, else a git revision of this repository.
fn load_side(what: &str) -> Result<(Spec, Side), String> {
    let path = Path::new(what);
    if path.is_dir() {
        return load_dir(path, util::shown(path).display().to_string());
    }
    let root = util::root();
    let commit = util::git(
        &root,
        &["rev-parse", "--verify", &format!("{what}^{{commit}}")],
    )
    .map_err(|_| format!("--from/--to {what}: neither a folder nor a git revision"))?;
    let dir = export(&root, &commit)?;
    load_dir(&dir.join("specs"), what.to_string())
}

/// `specs/` of `commit`, exported once under `target/changes/<commit>/`.
fn export(root: &Path, commit: &str) -> Result<PathBuf, String> {
    let dir = util::target_dir().join("changes").join(commit);
    let done = dir.join(".complete");
    if done.is_file() {
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let archive = dir.join("specs.tar");
    util::git(
        root,
        &[
            "archive",
            "--format=tar",
            "-o",
            &archive.display().to_string(),
            commit,
            "specs",
        ],
    )?;
    let status = std::process::Command::new("tar")
        .arg("-xf")
        .arg(&archive)
        .arg("-C")
        .arg(&dir)
        .status()
        .map_err(|e| format!("tar: {e}"))?;
    if !status.success() {
        return Err(format!("tar -xf {}: {status}", archive.display()));
    }
    let _ = std::fs::remove_file(&archive);
    std::fs::write(&done, commit).map_err(|e| format!("{}: {e}", done.display()))?;
    Ok(dir)
}

/// The spec of the pages in `dir` with its overrides; errors in the pages are errors here.
fn load_dir(dir: &Path, label: String) -> Result<(Spec, Side), String> {
    let overrides = crate::gen::default_overrides(dir);
    let loaded = ucloud_codegen::load_spec_with(&[dir.to_path_buf()], overrides.as_deref())
        .map_err(|e| e.to_string())?;
    let errors: Vec<String> = ucloud_codegen::diag::shown(&loaded.diagnostics.sorted(), false)
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "{}: the pages have errors:\n{}",
            dir.display(),
            errors.join("\n")
        ));
    }
    let (docs_commit, date) = docs_of(dir);
    Ok((
        loaded.spec,
        Side {
            label,
            docs_commit,
            date,
        },
    ))
}

/// The documentation commit and date a folder of pages records (`source.json`, read
/// leniently: older copies have no date), or its git checkout's.
fn docs_of(dir: &Path) -> (Option<String>, Option<String>) {
    let text = std::fs::read_to_string(dir.join("source.json")).ok();
    let json: Option<serde_json::Value> = text.and_then(|t| serde_json::from_str(&t).ok());
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name)?.as_str().map(str::to_string))
    };
    match field("commit") {
        Some(commit) => (Some(commit), field("date")),
        None => match crate::specs::Source::from_git(dir) {
            Some(s) => (Some(s.commit), Some(s.date)),
            None => (None, None),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepend_puts_the_newest_first_and_replaces_a_rewrite() {
        let dir = util::target_dir().join("xtask-tests/changelog");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("CHANGELOG.md");
        std::fs::write(
            &path,
            "# Changelog\n\nintro\n\n## ucloud-sdk 0.1.0\n\nfirst\n",
        )
        .unwrap();
        prepend(&path, "## ucloud-sdk 0.2.0\n\nsecond\n").unwrap();
        prepend(&path, "## ucloud-sdk 0.2.0\n\nsecond, again\n").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "# Changelog\n\nintro\n\n## ucloud-sdk 0.2.0\n\nsecond, again\n\n## ucloud-sdk 0.1.0\n\nfirst\n"
        );
    }
}
