//! `cargo xtask specs sync DIR...`: copy UCloud's documentation pages into `specs/`.
//!
//! `specs/` is a copy of the Markdown of UCloud's documentation repository
//! (UCloudDoc-Team/api): every `.md` file under a `*-api/` folder and under `summary/`, byte
//! for byte, at the same relative path. `specs/source.json` records which repository and
//! commit it is (the generator puts the commit in the crate's docs), and `specs/README.md`
//! says so for people; `sync` writes both. `specs/overrides.json` is the project's own and
//! is never touched.

use crate::util;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `cargo xtask specs`.
#[derive(clap::Args)]
#[command(about = "Copy UCloud's documentation pages into specs/ (specs sync DIR)")]
pub struct Args {
    #[command(subcommand)]
    command: SpecsCommand,
}

#[derive(clap::Subcommand)]
enum SpecsCommand {
    Sync(SyncArgs),
}

/// `cargo xtask specs sync`.
#[derive(clap::Args)]
#[command(
    about = "Copy the pages of a checkout of UCloud's documentation into specs/",
    long_about = "Copies the .md files under DIR/*-api/ and DIR/summary/ (a checkout of UCloud's \
                  documentation, https://github.com/UCloudDoc-Team/api) into specs/, byte for \
                  byte, removes pages that are gone, prints the pages added (A), changed (M) and \
                  removed (D), and records the source in specs/source.json and specs/README.md. \
                  Several DIRs are merged (a page may come from one only).\n\n\
                  Then: cargo xtask gen, review, commit."
)]
struct SyncArgs {
    /// The documentation folders
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// The documentation commit, when DIR is not a git checkout (a git checkout's HEAD is
    /// recorded by itself)
    #[arg(long, value_name = "SHA")]
    commit: Option<String>,
    /// The repository, when it is not the git checkout's origin
    #[arg(long, value_name = "URL")]
    repository: Option<String>,
}

/// UCloud's documentation repository.
pub const UCLOUD_DOCS: &str = "https://github.com/UCloudDoc-Team/api";

/// What `specs/` is a copy of (`specs/source.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub repository: String,
    pub commit: String,
    /// The commit's date, when known (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Source {
    /// `<specs>/source.json`, if there is one.
    pub fn read(specs: &Path) -> Result<Option<Source>, String> {
        let path = specs.join("source.json");
        match std::fs::read_to_string(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{}: {e}", path.display())),
        }
    }

    /// The HEAD commit of a git checkout at `dir`, with its date and `origin`.
    pub fn from_git(dir: &Path) -> Option<Source> {
        let git = |args: &[&str]| -> Option<String> {
            let out = Command::new("git")
                .arg("-C")
                .arg(dir)
                .args(args)
                .output()
                .ok()?;
            let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
            (out.status.success() && !text.is_empty()).then_some(text)
        };
        // Only the checkout's own root: a folder inside another repository is not one.
        let top = git(&["rev-parse", "--show-toplevel"])?;
        if Path::new(&top).canonicalize().ok()? != dir.canonicalize().ok()? {
            return None;
        }
        Some(Source {
            commit: git(&["rev-parse", "HEAD"])?,
            date: git(&["log", "-1", "--format=%cI"]),
            repository: git(&["remote", "get-url", "origin"]).unwrap_or_else(|| UCLOUD_DOCS.into()),
        })
    }
}

pub fn run(args: Args) -> Result<(), String> {
    match args.command {
        SpecsCommand::Sync(sync_args) => sync(sync_args),
    }
}

fn sync(args: SyncArgs) -> Result<(), String> {
    let SyncArgs {
        dirs,
        commit,
        repository,
    } = args;
    let specs = util::root().join("specs");
    let incoming = pages_of(&dirs)?;
    if incoming.is_empty() {
        return Err(format!(
            "{}: no .md files under *-api/ or summary/; is this a checkout of {UCLOUD_DOCS}?",
            names(&dirs)
        ));
    }
    let source = source_of(&dirs, commit, repository)?;
    let present = pages_of(std::slice::from_ref(&specs))?;
    let (mut added, mut changed, mut removed) = (0, 0, 0);
    for (rel, from) in &incoming {
        let to = specs.join(rel);
        let new = std::fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
        let old = present
            .get(rel)
            .map(std::fs::read)
            .transpose()
            .ok()
            .flatten();
        match old {
            Some(old) if old == new => continue,
            Some(_) => {
                changed += 1;
                println!("M {rel}");
            }
            None => {
                added += 1;
                println!("A {rel}");
            }
        }
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&to, new).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    for (rel, path) in &present {
        if !incoming.contains_key(rel) {
            removed += 1;
            println!("D {rel}");
            std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(dir) = path.parent() {
                // Only succeeds once the folder is empty.
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
    write_source(&specs, &source)?;
    println!(
        "{} pages from {}: {added} added, {changed} changed, {removed} removed; commit {}",
        incoming.len(),
        names(&dirs),
        source.commit
    );
    println!("next: cargo xtask gen, review the diff, commit");
    Ok(())
}

fn names(dirs: &[PathBuf]) -> String {
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    names.join(", ")
}

/// The commit `--commit` names, or the checkout's HEAD.
fn source_of(
    dirs: &[PathBuf],
    commit: Option<String>,
    repository: Option<String>,
) -> Result<Source, String> {
    if let Some(commit) = commit {
        return Ok(Source {
            repository: repository.unwrap_or_else(|| UCLOUD_DOCS.into()),
            commit,
            date: None,
        });
    }
    match dirs {
        [dir] => Source::from_git(dir)
            .map(|s| Source {
                repository: repository.unwrap_or(s.repository.clone()),
                ..s
            })
            .ok_or_else(|| {
                format!(
                    "{}: not the root of a git checkout; say which commit it is with --commit SHA",
                    dir.display()
                )
            }),
        _ => Err("several folders: say which commit they are with --commit SHA".into()),
    }
}

/// Relative path (forward slashes) → file, of every page under `*-api/` and `summary/` of
/// `dirs`. A page in two of them is an error.
fn pages_of(dirs: &[PathBuf]) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut pages = BTreeMap::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && (name.ends_with("-api") || name == "summary") {
                collect(&entry.path(), &name, &mut pages)?;
            }
        }
    }
    Ok(pages)
}

fn collect(dir: &Path, rel: &str, pages: &mut BTreeMap<String, PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let child = format!("{rel}/{name}");
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect(&path, &child, pages)?;
        } else if name.ends_with(".md") {
            if let Some(first) = pages.insert(child.clone(), path.clone()) {
                return Err(format!(
                    "{child} is in two of the folders: {} and {}",
                    first.display(),
                    path.display()
                ));
            }
        }
    }
    Ok(())
}

fn write_source(specs: &Path, source: &Source) -> Result<(), String> {
    let json = serde_json::to_string_pretty(source).map_err(|e| e.to_string())? + "\n";
    let path = specs.join("source.json");
    std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    let path = specs.join("README.md");
    std::fs::write(&path, readme(source)).map_err(|e| format!("{}: {e}", path.display()))
}

/// `specs/README.md`.
fn readme(source: &Source) -> String {
    let date = source
        .date
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    format!(
        "# specs: UCloud's API documentation

The pages the SDK is generated from: a byte-for-byte copy of the Markdown of UCloud's API
documentation repository, laid out as there (`<product>-api/<page>.md`, `summary/<page>.md`).

- Repository: {repository}
- Commit: `{commit}`{date}

This file and `source.json` are written by `cargo xtask specs sync`; `overrides.json` is this
project's own list of corrections to the pages (see `docs/overrides.md`). Do not edit the
pages: correct them in `overrides.json`, or exclude a broken one there.

## Updating to newer documentation

```sh
git clone https://github.com/UCloudDoc-Team/api ../ucloud-api-docs   # or git pull in it
cargo xtask specs sync ../ucloud-api-docs    # copies the pages, lists A/M/D, records the commit
cargo xtask gen                              # regenerates generated/ and reports diagnostics
git diff --stat && cargo test --workspace --all-features
```

Review the generated diff and the diagnostics (`cargo xtask gen --verbose`), then commit the
pages and the generated crate together.
",
        repository = source.repository,
        commit = source.commit,
    )
}
