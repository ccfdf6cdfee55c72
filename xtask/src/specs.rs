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

/// UCloud's documentation repository.
pub const UCLOUD_DOCS: &str = "https://github.com/UCloudDoc-Team/api";

/// What `specs/` is a copy of (`specs/source.json`): always these three fields, so that a
/// sync of the same commit writes the same bytes whichever way it was run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub repository: String,
    pub commit: String,
    /// The commit's committer date, `YYYY-MM-DD` in the committer's own time zone (git's
    /// `%cs`): the same on every machine.
    pub date: String,
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
            date: git(&["log", "-1", "--format=%cs"])?,
            repository: repository_of(git(&["remote", "get-url", "origin"])),
        })
    }
}

/// The repository to record for a checkout's `origin`: a URL as it is (an scp-style
/// `git@host:owner/name` as https, without `.git`), and UCloud's repository for a local path
/// or no origin, so that no path of this machine reaches a checked-in file.
pub fn repository_of(origin: Option<String>) -> String {
    let Some(origin) = origin else {
        return UCLOUD_DOCS.into();
    };
    let url = match origin.split_once("://") {
        Some(("file", _)) => return UCLOUD_DOCS.into(),
        Some(_) => origin.clone(),
        None => match origin.split_once(':') {
            // `git@github.com:owner/name`; not `C:\…` nor a path.
            Some((user_host, path))
                if user_host.contains('@') && !user_host.contains(['/', '\\']) =>
            {
                let host = user_host.rsplit('@').next().unwrap_or(user_host);
                format!("https://{host}/{path}")
            }
            _ => return UCLOUD_DOCS.into(),
        },
    };
    let url = url.trim_end_matches('/');
    url.strip_suffix(".git").unwrap_or(url).to_string()
}

pub fn run(args: Args) -> Result<(), String> {
    match args.command {
        SpecsCommand::Sync(sync) => sync_into(&util::root().join("specs"), &sync),
    }
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
                  specs/source.json is always {repository, commit, date}: syncing the same \
                  commit again, from any folder, changes nothing.\n\n\
                  Then: cargo xtask gen, cargo xtask changes, review, commit (cargo xtask \
                  release for a new version)."
)]
struct SyncArgs {
    /// The documentation folders
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// The documentation commit, when DIR is not a git checkout (a git checkout's HEAD is
    /// recorded by itself)
    #[arg(long, value_name = "SHA", requires = "date")]
    commit: Option<String>,
    /// With --commit: that commit's date (a checkout's is its committer date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// The repository (default: the checkout's origin when it is a URL, else
    /// https://github.com/UCloudDoc-Team/api; a local path never is)
    #[arg(long, value_name = "URL")]
    repository: Option<String>,
}

/// Makes `specs` a copy of the pages of `args.dirs`, and records their source.
fn sync_into(specs: &Path, args: &SyncArgs) -> Result<(), String> {
    let dirs = &args.dirs;
    let incoming = pages_of(dirs)?;
    if incoming.is_empty() {
        return Err(format!(
            "{}: no .md files under *-api/ or summary/; is this a checkout of {UCLOUD_DOCS}?",
            names(dirs)
        ));
    }
    let source = source_of(args)?;
    let present = pages_of(&[specs.to_path_buf()])?;
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
    write_source(specs, &source)?;
    println!(
        "{} pages from {}: {added} added, {changed} changed, {removed} removed; commit {}",
        incoming.len(),
        names(dirs),
        source.commit
    );
    println!("next: cargo xtask gen, cargo xtask changes (what the Rust API gains and loses), review the diff, commit");
    Ok(())
}

fn names(dirs: &[PathBuf]) -> String {
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    names.join(", ")
}

/// The commit `--commit` names (with `--date`), or the checkout's HEAD.
fn source_of(args: &SyncArgs) -> Result<Source, String> {
    let repository = args.repository.clone();
    if let Some(commit) = &args.commit {
        let date = args
            .date
            .clone()
            .ok_or("--commit needs --date YYYY-MM-DD (the commit's date)")?;
        if !is_date(&date) {
            return Err(format!("--date {date}: not YYYY-MM-DD"));
        }
        return Ok(Source {
            repository: repository.unwrap_or_else(|| UCLOUD_DOCS.into()),
            commit: commit.clone(),
            date,
        });
    }
    if args.date.is_some() {
        return Err("--date goes with --commit (a checkout's date is its commit's)".into());
    }
    match args.dirs.as_slice() {
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

/// `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
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
    format!(
        "# specs: UCloud's API documentation

The pages the SDK is generated from: a byte-for-byte copy of the Markdown of UCloud's API
documentation repository, laid out as there (`<product>-api/<page>.md`, `summary/<page>.md`).

- Repository: {repository}
- Commit: `{commit}` ({date})

This file and `source.json` are written by `cargo xtask specs sync`; `overrides.json` is this
project's own list of corrections to the pages (see `docs/overrides.md`). Do not edit the
pages: correct them in `overrides.json`, or exclude a broken one there.

## Updating to newer documentation

```sh
git clone https://github.com/UCloudDoc-Team/api ../ucloud-api-docs   # or git pull in it
cargo xtask specs sync ../ucloud-api-docs    # copies the pages, lists A/M/D, records the commit
cargo xtask gen                              # regenerates generated/ and reports diagnostics
cargo xtask changes                          # what the Rust API gains and loses, by product
git diff --stat && cargo test --workspace --all-features
```

Review the generated diff and the diagnostics (`cargo xtask gen --verbose`), then commit the
pages and the generated crate together; `cargo xtask release` makes a new version of them.
",
        repository = source.repository,
        commit = source.commit,
        date = source.date,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn git(dir: &Path, args: &[&str]) -> String {
        util::git(dir, args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every file under `dir` but `.git`, by relative path: the tree, byte for byte.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        fn walk(dir: &Path, rel: &str, out: &mut BTreeMap<String, Vec<u8>>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let child = format!("{rel}{name}");
                if name == ".git" {
                    continue;
                }
                if e.file_type().unwrap().is_dir() {
                    walk(&e.path(), &format!("{child}/"), out);
                } else {
                    out.insert(child, std::fs::read(e.path()).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, "", &mut out);
        out
    }

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn sync_from(project: &Path, dir: &Path, repository: Option<&str>) {
        let args = SyncArgs {
            dirs: vec![dir.to_path_buf()],
            commit: None,
            date: None,
            repository: repository.map(str::to_string),
        };
        sync_into(&project.join("specs"), &args).unwrap();
    }

    /// Two small fake doc trees as two commits of a docs repository; a project repository
    /// synced to the first, then to the second, then back from another local clone with and
    /// without --repository: its tree is byte-identical and `git status` clean.
    #[test]
    fn sync_back_and_forth_leaves_the_tree_as_it_was() {
        let base = util::target_dir().join("xtask-tests/sync-round-trip");
        let _ = std::fs::remove_dir_all(&base);
        let (docs, clone, project) = (base.join("docs"), base.join("clone"), base.join("project"));
        for dir in [&docs, &project] {
            std::fs::create_dir_all(dir).unwrap();
            git(dir, &["init", "-q"]);
            git(dir, &["config", "user.email", "t@example.com"]);
            git(dir, &["config", "user.name", "t"]);
        }
        write(&docs, "uhost-api/a.md", "# A - DescribeA\n");
        write(&docs, "uhost-api/gone.md", "# G - Gone\n");
        write(&docs, "summary/common.md", "common\n");
        write(&docs, "notes/skip.md", "not copied\n");
        git(&docs, &["add", "-A"]);
        git(
            &docs,
            &[
                "commit",
                "-qm",
                "first",
                "--date",
                "2026-01-02T03:04:05+08:00",
            ],
        );
        let first = git(&docs, &["rev-parse", "HEAD"]);

        write(&project, "specs/overrides.json", "{}\n");
        sync_from(&project, &docs, None);
        git(&project, &["add", "-A"]);
        git(
            &project,
            &["commit", "-qm", "specs at the first docs commit"],
        );
        let before = tree(&project);
        let source = Source::read(&project.join("specs")).unwrap().unwrap();
        assert_eq!(source.repository, UCLOUD_DOCS, "no local path is recorded");
        assert_eq!(source.commit, first);
        assert!(is_date(&source.date), "{}", source.date);
        assert!(!before.contains_key("specs/notes/skip.md"));

        // Forward: a page changed, one removed, one added.
        write(&docs, "uhost-api/a.md", "# A - DescribeA\nchanged\n");
        std::fs::remove_file(docs.join("uhost-api/gone.md")).unwrap();
        write(&docs, "unet-api/b.md", "# B - AllocateB\n");
        git(&docs, &["add", "-A"]);
        git(&docs, &["commit", "-qm", "second"]);
        sync_from(&project, &docs, None);
        assert_ne!(tree(&project), before);

        // Back, from another local path (a clone whose origin is a path), both ways.
        git(&base, &["clone", "-q", "docs", "clone"]);
        git(&clone, &["checkout", "-q", &first]);
        for repository in [None, Some(UCLOUD_DOCS)] {
            sync_from(&project, &clone, repository);
            assert_eq!(tree(&project), before, "--repository {repository:?}");
            assert_eq!(git(&project, &["status", "--porcelain"]), "");
        }
        let base_text = base.display().to_string();
        for (path, bytes) in tree(&project) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(&base_text), "{path} names a local path");
        }
        let _ = std::fs::remove_dir_all(&base);
    }

    /// The checked-in `specs/README.md` is what a sync of `specs/source.json`'s commit
    /// writes, so syncing that commit again leaves it as it is.
    #[test]
    fn the_checked_in_readme_is_what_sync_writes() {
        let specs = util::root().join("specs");
        let source = Source::read(&specs).unwrap().expect("specs/source.json");
        let have = std::fs::read_to_string(specs.join("README.md")).unwrap();
        assert_eq!(have, readme(&source));
        let json = std::fs::read_to_string(specs.join("source.json")).unwrap();
        assert_eq!(json, serde_json::to_string_pretty(&source).unwrap() + "\n");
    }

    #[test]
    fn origins_become_repository_urls_and_paths_never_do() {
        let cases = [
            (None, UCLOUD_DOCS),
            (Some("/home/me/ucloud-api-docs"), UCLOUD_DOCS),
            (Some("../docs"), UCLOUD_DOCS),
            (Some("C:\\docs"), UCLOUD_DOCS),
            (Some("file:///srv/docs.git"), UCLOUD_DOCS),
            (
                Some("https://github.com/UCloudDoc-Team/api.git"),
                UCLOUD_DOCS,
            ),
            (Some("git@github.com:UCloudDoc-Team/api.git"), UCLOUD_DOCS),
            (
                Some("https://example.com/fork/api"),
                "https://example.com/fork/api",
            ),
        ];
        for (origin, want) in cases {
            assert_eq!(
                repository_of(origin.map(str::to_string)),
                want,
                "{origin:?}"
            );
        }
    }

    #[test]
    fn a_commit_without_a_checkout_needs_its_date() {
        let args = |date: Option<&str>| SyncArgs {
            dirs: vec![PathBuf::from("x")],
            commit: Some("abc".into()),
            date: date.map(str::to_string),
            repository: None,
        };
        assert!(source_of(&args(None)).unwrap_err().contains("--date"));
        assert!(source_of(&args(Some("21.8.2026"))).is_err());
        assert_eq!(
            source_of(&args(Some("2026-08-21"))).unwrap().date,
            "2026-08-21"
        );
    }
}
