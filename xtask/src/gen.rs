//! `cargo xtask gen`: regenerate the SDK crate from the spec pages, or check it is current.

use crate::util;
use std::path::{Path, PathBuf};
use ucloud_codegen::diag::{self, Diagnostic};
use ucloud_codegen::emit::{self, DocsSource, Runtime};
use ucloud_codegen::output::{Change, Mode};

/// The command every generated file's banner names.
pub const COMMAND: &str = "cargo xtask gen";

/// `cargo xtask gen`.
#[derive(clap::Args)]
#[command(
    about = "Regenerate generated/ from specs/, or check it (--check)",
    long_about = "Regenerates the SDK crate generated/ from the pages in specs/ (and \
                  specs/overrides.json).\n\nRelative paths are taken from the current directory."
)]
pub struct Args {
    /// Write nothing; fail, naming each stale file and its first differing line, when the
    /// crate does not match the pages
    #[arg(long)]
    check: bool,
    /// Print every diagnostic (info and warnings too), not only errors and the summary
    #[arg(long)]
    verbose: bool,
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
    let Args {
        check,
        verbose,
        specs,
        out,
        overrides,
        runtime_version,
    } = args;
    let specs = specs.unwrap_or_else(|| util::shown(&root.join("specs")));
    let runtime = match (&out, runtime_version) {
        (None, _) => Runtime::Workspace,
        (Some(_), Some(v)) => Runtime::Version(v),
        (Some(_), None) => Runtime::Path(util::slashes(&root.join("runtime"))),
    };
    let out = out.unwrap_or_else(|| util::shown(&root.join("generated")));
    let overrides = overrides.or_else(|| default_overrides(&specs));
    let job = ucloud_codegen::Generate {
        pages: vec![specs.clone()],
        overrides,
        out: out.clone(),
        options: options(runtime, docs_source(&specs)),
        mode: if check { Mode::Check } else { Mode::Write },
    };
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

/// The emitter options of `cargo xtask gen`.
pub fn options(runtime: Runtime, docs_source: Option<DocsSource>) -> emit::Options {
    emit::Options {
        command: COMMAND.into(),
        runtime,
        docs_source,
    }
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

    /// `cargo test` catches a stale `generated/` as well as CI's `cargo xtask gen --check`.
    #[test]
    fn generated_crate_is_current() {
        let root = util::root();
        let specs = root.join("specs");
        let job = ucloud_codegen::Generate {
            pages: vec![specs.clone()],
            overrides: default_overrides(&specs),
            out: root.join("generated"),
            options: options(Runtime::Workspace, docs_source(&specs)),
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
