//! `cargo xtask release`: raise the version of `ucloud-sdk` by what changed in its API since
//! the last release, record the release in `specs/release.json`, write the CHANGELOG entry
//! and regenerate everything the version appears in.

use crate::util;
use std::path::PathBuf;
use ucloud_codegen::release::{Bump, Release};

/// `specs/release.json`, the one place the version of `ucloud-sdk` is written by hand (or
/// by `cargo xtask release`).
pub fn path() -> PathBuf {
    util::root().join("specs").join("release.json")
}

/// The release data of this checkout.
pub fn current() -> Result<Release, String> {
    Release::read(&path())
}

/// `cargo xtask release`.
#[derive(clap::Args)]
#[command(
    about = "Raise the ucloud-sdk version by the API changes, write the CHANGELOG entry, \
             regenerate",
    long_about = "Raises the version of ucloud-sdk by what changed in its API since the last \
                  release (the changes of `cargo xtask changes`, same --from), by the README's \
                  rule: before 1.0 a breaking change raises the minor version and anything else \
                  the patch. Then, all from that one version: specs/release.json gets the version \
                  and the documentation commit and date of specs/; generated/CHANGELOG.md gets \
                  the entry (as `cargo xtask changes --write`); generated/ is regenerated \
                  (Cargo.toml, README.md) and Cargo.lock follows; the generator's golden files \
                  (codegen/tests/golden/expected) are rewritten.\n\n\
                  `cargo xtask gen --check` is clean afterwards; review and commit. .ci/run reads \
                  the version from specs/release.json."
)]
pub struct Args {
    /// As `cargo xtask changes --from`: a git revision or a folder of pages (default: the
    /// last release)
    #[arg(long, value_name = "REV|DIR")]
    from: Option<String>,
    /// Bump as if there were a change of this class: for a change of the generator or the
    /// runtime that the docs diff cannot see (say what it is in the CHANGELOG entry by hand)
    #[arg(long, value_enum, value_name = "LEVEL")]
    at_least: Option<AtLeast>,
    /// Print the version and the entry; write nothing
    #[arg(long)]
    dry_run: bool,
}

/// `--at-least`: the class of change to bump for at least.
#[derive(Clone, Copy, clap::ValueEnum)]
enum AtLeast {
    Breaking,
    Additive,
}

impl From<AtLeast> for Bump {
    fn from(level: AtLeast) -> Bump {
        match level {
            AtLeast::Breaking => Bump::Breaking,
            AtLeast::Additive => Bump::Additive,
        }
    }
}

pub fn run(args: Args) -> Result<(), String> {
    let report = crate::changes::compare(args.from.as_deref(), None)?;
    let old = current()?;
    let bump = report
        .bump()
        .max(args.at_least.map_or(Bump::Patch, Bump::from));
    let version = ucloud_codegen::release::next_version(&old.version, bump)?;
    let entry =
        ucloud_codegen::changes::markdown(&report, &crate::changes::title(&version, &report));
    println!("{entry}");
    if args.dry_run {
        println!("{} → {version} (dry run: nothing written)", old.version);
        return Ok(());
    }
    let source = crate::specs::Source::read(&util::root().join("specs"))?
        .ok_or("specs/source.json is missing: run cargo xtask specs sync first")?;
    let new = Release {
        version: version.clone(),
        docs_commit: source.commit,
        date: source.date,
    };
    write(&path(), &new.to_json())?;
    crate::changes::prepend(&crate::changes::changelog(), &entry)?;
    crate::gen::run(crate::gen::Args::default())?;
    golden(&version)?;
    lock()?;
    println!("{} → {version}; review the diff and commit", old.version);
    Ok(())
}

fn write(path: &std::path::Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// The generator's golden files, which hold the version: generated as the golden test
/// generates them (`codegen/tests/it/golden.rs`).
fn golden(version: &str) -> Result<(), String> {
    let dir = util::root().join("codegen/tests/golden");
    let loaded = ucloud_codegen::load_spec(&[dir.join("pages")]).map_err(|e| e.to_string())?;
    let mut diags = loaded.diagnostics;
    let opts = ucloud_codegen::emit::Options {
        command: crate::gen::COMMAND.into(),
        runtime: ucloud_codegen::emit::Runtime::Workspace,
        docs_source: None,
        version: version.to_string(),
    };
    let files = ucloud_codegen::emit::generate(&loaded.spec, &opts, &mut diags);
    if diags.has_errors() {
        return Err("the golden pages have errors; run the golden test".into());
    }
    let out = dir.join("expected");
    ucloud_codegen::output::sync(&out, &files, ucloud_codegen::output::Mode::Write)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Cargo.lock records the workspace's versions: bring only those up to date, offline.
fn lock() -> Result<(), String> {
    let status = std::process::Command::new(env!("CARGO"))
        .args(["update", "--workspace", "--offline"])
        .current_dir(util::root())
        .status()
        .map_err(|e| format!("cargo update: {e}"))?;
    match status.success() {
        true => Ok(()),
        false => Err(format!(
            "cargo update --workspace (for Cargo.lock): {status}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every place the version shows is derived from `specs/release.json`: a bump by
    /// `release` cannot leave one behind.
    #[test]
    fn the_version_has_one_source() {
        let root = util::root();
        let release = current().unwrap();
        let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();
        let line = format!("version = \"{}\"", release.version);
        for manifest in [
            "generated/Cargo.toml",
            "codegen/tests/golden/expected/Cargo.toml",
        ] {
            let text = read(manifest);
            assert!(text.lines().any(|l| l == line), "{manifest} lacks `{line}`");
        }
        let snippet = format!(
            "version = \"{}\"",
            ucloud_codegen::release::requirement(&release.version)
        );
        assert!(read("generated/README.md").contains(&snippet));
        let ci = read(".ci/run");
        assert!(
            ci.contains("specs/release.json"),
            ".ci/run reads the version"
        );
        assert!(
            !ci.contains(&format!("ucloud-sdk-{}.crate", release.version)),
            ".ci/run must not hard-code the version"
        );
        let lock = read("Cargo.lock");
        assert!(
            lock.contains(&format!("name = \"ucloud-sdk\"\n{line}\n")),
            "Cargo.lock is behind specs/release.json"
        );
        // The runtime is pinned exactly while its contract with generated code is private.
        assert!(read("generated/Cargo.toml").contains("ucloud-sdk-runtime = { version = \"="));
    }
}
