//! `cargo xtask gen`: regenerate the SDK crate from the spec pages, or check it is current.

use crate::util;
use std::path::{Path, PathBuf};
use ucloud_codegen::diag::{self, Diagnostic};
use ucloud_codegen::emit::{self, DocsSource, Runtime};
use ucloud_codegen::output::{Change, Mode};

/// The command every generated file's banner names.
pub const COMMAND: &str = "cargo xtask gen";

/// `cargo xtask gen`.
#[derive(clap::Args, Default)]
#[command(
    about = "Regenerate generated/ from specs/, or check it (--check)",
    long_about = "Regenerates the SDK crate generated/ from the pages in specs/ (and \
                  specs/overrides.json).\n\nThe crate's version comes from specs/release.json \
                  (`cargo xtask release` raises it). Relative paths are taken from the current \
                  directory."
)]
pub struct Args {
    /// Write nothing; fail, naming each stale file and its first differing line, when the
    /// crate does not match the pages
    #[arg(long)]
    check: bool,
    /// Print every diagnostic (info and warnings too), not only errors and the summary
    #[arg(long)]
    verbose: bool,
    /// With --specs and no --out: do replace generated/ with the crate of DIR's pages
    /// (without it gen refuses, counting what would be lost)
    #[arg(long, requires = "specs", conflicts_with = "out")]
    replace: bool,
    /// Read the pages under DIR instead of specs/ (a checkout of UCloud's documentation
    /// works); DIR/overrides.json is applied when present
    #[arg(long, value_name = "DIR")]
    specs: Option<PathBuf>,
    /// Write a crate of its own into DIR instead of generated/; it depends on this
    /// checkout's runtime/ by path
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Apply FILE instead of the specs folder's overrides.json
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
    /// With --out: depend on version V of ucloud-sdk-runtime from crates.io instead of
    /// this checkout's runtime/
    #[arg(long, value_name = "V", requires = "out")]
    runtime_version: Option<String>,
}

pub fn run(args: Args) -> Result<(), String> {
    let root = util::root();
    let (check, verbose) = (args.check, args.verbose);
    // Other pages into generated/ would replace the checked-in SDK: only when asked.
    let own_specs = root.join("specs").canonicalize().ok();
    let other_pages = args
        .specs
        .as_ref()
        .is_some_and(|s| s.canonicalize().ok() != own_specs);
    let replacing = other_pages && args.out.is_none() && !check;
    let specs = args
        .specs
        .clone()
        .unwrap_or_else(|| util::shown(&root.join("specs")));
    let out = args.out.clone();
    let runtime_version = args.runtime_version.clone();
    let runtime = match (&out, runtime_version) {
        (None, Some(_)) => return Err("--runtime-version needs --out".into()),
        (None, None) => Runtime::Workspace,
        (Some(_), Some(v)) => Runtime::Version(v),
        (Some(_), None) => Runtime::Path(util::slashes(&root.join("runtime"))),
    };
    let out = out.unwrap_or_else(|| util::shown(&root.join("generated")));
    let overrides = args.overrides.clone().or_else(|| default_overrides(&specs));
    let mut job = ucloud_codegen::Generate {
        pages: vec![specs.clone()],
        overrides,
        out: out.clone(),
        options: options(runtime, docs_source(&specs))?,
        mode: if check { Mode::Check } else { Mode::Write },
    };
    if replacing && !args.replace {
        job.mode = Mode::Check;
        let generated = generate(&job, false)?;
        let outcome = generated.outcome.unwrap_or_default();
        return Err(refusal(&specs, &out, &outcome.changes));
    }
    let generated = generate(&job, verbose)?;
    let outcome = generated
        .outcome
        .expect("generate returns an error when nothing was written");
    if check {
        if outcome.changes.is_empty() {
            eprintln!(
                "{}: up to date ({} generated files)",
                out.display(),
                generated.files
            );
            return Ok(());
        }
        for change in &outcome.changes {
            eprintln!("{}", change.describe(&out));
        }
        return Err(format!(
            "{} generated file(s) out of date; run `{COMMAND}`",
            outcome.changes.len()
        ));
    }
    let removed = outcome
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Removed(_)))
        .count();
    eprintln!(
        "generated {} files in {}: {} written, {removed} removed, {} unchanged",
        generated.files,
        out.display(),
        outcome.changes.len() - removed,
        outcome.unchanged
    );
    Ok(())
}

/// Why `gen --specs DIR` without `--out` stops: what replacing `out` would remove.
fn refusal(specs: &Path, out: &Path, changes: &[Change]) -> String {
    let removed: Vec<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Removed(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    // One `products/<feature>/Cargo.toml` per product feature.
    let features: Vec<&str> = removed
        .iter()
        .filter_map(|p| p.strip_prefix("products/")?.strip_suffix("/Cargo.toml"))
        .filter(|m| !m.contains('/'))
        .collect();
    let shown: Vec<&str> = features.iter().take(8).copied().collect();
    let more = match features.len() > shown.len() {
        true => format!(", … {} more", features.len() - shown.len()),
        false => String::new(),
    };
    format!(
        "--specs {} without --out would replace {}: {} file(s) changed, {} generated file(s) \
         removed and {} product feature(s) dropped ({}{more}). Write a crate of its own with \
         --out DIR, or pass --replace to replace {} anyway",
        specs.display(),
        out.display(),
        changes.len() - removed.len(),
        removed.len(),
        features.len(),
        shown.join(", "),
        out.display(),
    )
}

/// The emitter options of `cargo xtask gen`: the crate's version comes from
/// `specs/release.json`.
pub fn options(runtime: Runtime, docs_source: Option<DocsSource>) -> Result<emit::Options, String> {
    let release = crate::release::current()?;
    Ok(emit::Options {
        command: COMMAND.into(),
        runtime,
        docs_source,
        version: release.version,
    })
}

/// Runs [`ucloud_codegen::generate_crate`], printing progress, the diagnostics a person
/// should see and the summary; fails when the pages have errors.
pub fn generate(
    job: &ucloud_codegen::Generate,
    verbose: bool,
) -> Result<ucloud_codegen::Generated, String> {
    let mut progress = |step: &str| eprintln!("{step} …");
    let generated =
        ucloud_codegen::generate_crate(job, &mut progress).map_err(|e| e.to_string())?;
    print_diagnostics(&generated.diagnostics, verbose);
    if generated.outcome.is_none() {
        return Err(format!(
            "{}: the pages have errors (listed above); nothing written",
            job.pages
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(generated)
}

/// Every error (every diagnostic with `verbose`), then one summary line per severity.
pub fn print_diagnostics(diagnostics: &[Diagnostic], verbose: bool) {
    for d in diag::shown(diagnostics, verbose) {
        eprintln!("{d}");
    }
    for line in diag::summary(diagnostics) {
        eprintln!("{line}");
    }
    if !verbose
        && diagnostics
            .iter()
            .any(|d| d.severity != diag::Severity::Error)
    {
        eprintln!("(--verbose lists every diagnostic)");
    }
}

/// `<specs>/overrides.json`, when there is one.
pub fn default_overrides(specs: &Path) -> Option<PathBuf> {
    Some(specs.join("overrides.json")).filter(|p| p.is_file())
}

/// The documentation commit the pages are a copy of: `<specs>/source.json` (written by
/// `cargo xtask specs sync`), or the commit of a git checkout.
pub fn docs_source(specs: &Path) -> Option<DocsSource> {
    crate::specs::Source::read(specs)
        .ok()
        .flatten()
        .or_else(|| crate::specs::Source::from_git(specs))
        .map(|s| DocsSource {
            repository: s.repository,
            commit: s.commit,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--specs DIR` without `--out` refuses, names --out and --replace, and counts what
    /// replacing generated/ would remove; generated/ is left as it was.
    #[test]
    fn gen_with_other_pages_refuses_to_replace_generated() {
        let root = util::root();
        let pages = root.join("codegen/tests/golden/pages");
        let before = std::fs::read(root.join("generated/Cargo.toml")).unwrap();
        let args = Args {
            specs: Some(pages),
            ..Args::default()
        };
        let err = run(args).unwrap_err();
        assert!(err.contains("--out") && err.contains("--replace"), "{err}");
        // A product's files: its crate (manifest and library) and one file in each test
        // folder (beside each folder's `main.rs` or `mod.rs`).
        fn product_files(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir)
                .unwrap()
                .flatten()
                .map(|e| match e.path() {
                    p if p.is_dir() => product_files(&p),
                    _ => match e.file_name().to_str() {
                        Some("main.rs" | "mod.rs") => 0,
                        _ => 1,
                    },
                })
                .sum()
        }
        let product_crates = product_files(&root.join("generated/products"));
        let products = product_crates / 2;
        let tests = product_files(&root.join("generated/tests"));
        // Every product's files go; the demo page brings its own.
        assert!(
            err.contains(&format!(
                "{} generated file(s) removed",
                product_crates + tests
            )) && err.contains(&format!("{products} product feature(s) dropped")),
            "{err}"
        );
        assert!(err.contains("uhost") || err.contains("more)"), "{err}");
        assert_eq!(
            std::fs::read(root.join("generated/Cargo.toml")).unwrap(),
            before
        );
        assert!(root.join("generated/products/uhost/src/lib.rs").is_file());
    }

    /// `cargo test` catches a stale `generated/` as well as CI's `cargo xtask gen --check`.
    #[test]
    fn generated_crate_is_current() {
        let root = util::root();
        let specs = root.join("specs");
        let job = ucloud_codegen::Generate {
            pages: vec![specs.clone()],
            overrides: default_overrides(&specs),
            out: root.join("generated"),
            options: options(Runtime::Workspace, docs_source(&specs)).expect("specs/release.json"),
            mode: Mode::Check,
        };
        let generated =
            ucloud_codegen::generate_crate(&job, &mut |_| {}).expect("specs/ can be read");
        let errors: Vec<String> = diag::shown(&generated.diagnostics, false)
            .map(|d| d.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "specs/ has errors:\n{}",
            errors.join("\n")
        );
        let changes = generated.outcome.expect("checked").changes;
        let stale: Vec<String> = changes.iter().map(|c| c.describe(&job.out)).collect();
        assert!(
            stale.is_empty(),
            "generated/ is stale; run `{COMMAND}`:\n{}",
            stale.join("\n")
        );
    }
}
