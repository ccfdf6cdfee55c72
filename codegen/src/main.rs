use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use ucloud_codegen::diag::{self, Diagnostic};
use ucloud_codegen::emit::{self, Runtime};
use ucloud_codegen::output::Mode;
use ucloud_codegen::{load, Generate, Loaded};

/// Parses UCloud API documentation pages and generates the Rust SDK.
#[derive(Parser)]
#[command(name = "ucloud-codegen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the spec model of the pages as JSON on stdout; diagnostics go to stderr.
    Parse {
        /// Files or folders (searched recursively for `.md` files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// An overrides file correcting known documentation errors (see docs/overrides.md).
        #[arg(long)]
        overrides: Option<PathBuf>,
        /// Print every diagnostic, not only errors and the summary.
        #[arg(long)]
        verbose: bool,
    },
    /// Generate the complete `ucloud-sdk` crate from the pages into a folder (the same files
    /// `cargo xtask gen` writes). Nothing is written when a page has an error; unchanged files
    /// are left alone and generated files that are no longer generated are removed.
    Generate {
        /// The crate folder (created if missing). The generator owns `Cargo.toml`,
        /// `README.md`, `src/` and `tests/` there; other files are left alone.
        #[arg(long)]
        out: PathBuf,
        /// Files or folders (searched recursively for `.md` files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// An overrides file correcting known documentation errors (see docs/overrides.md).
        #[arg(long)]
        overrides: Option<PathBuf>,
        /// Depend on this published version of `ucloud-sdk-runtime` (default: the runtime/
        /// folder of the checkout this binary was built from, else the matching version).
        #[arg(long, conflicts_with = "runtime_path")]
        runtime_version: Option<String>,
        /// Depend on the runtime crate in this folder.
        #[arg(long)]
        runtime_path: Option<PathBuf>,
        /// The crate's version (default: the version in `specs/release.json` of the checkout
        /// this binary was built from, else 0.0.0).
        #[arg(long)]
        crate_version: Option<String>,
        /// Write nothing; fail when the folder does not hold exactly the generated crate.
        #[arg(long)]
        check: bool,
        /// Print every diagnostic, not only errors and the summary.
        #[arg(long)]
        verbose: bool,
    },
    /// Write one OpenAPI 3.1 document (JSON) describing every action of the pages: form
    /// parameters, responses, models, documented values, examples and the signature scheme
    /// (see docs/openapi.md). Nothing is written when a page has an error.
    Openapi {
        /// Files or folders (searched recursively for `.md` files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The document to write (its folder is created if missing).
        #[arg(long)]
        out: PathBuf,
        /// An overrides file correcting known documentation errors (see docs/overrides.md).
        #[arg(long)]
        overrides: Option<PathBuf>,
        /// Print every diagnostic, not only errors and the summary.
        #[arg(long)]
        verbose: bool,
    },
}

/// Exit code for input that cannot be read at all (as opposed to pages with errors).
const UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Parse {
            paths,
            overrides,
            verbose,
        } => parse(&paths, overrides.as_deref(), verbose),
        Command::Generate {
            out,
            paths,
            overrides,
            runtime_version,
            runtime_path,
            crate_version,
            check,
            verbose,
        } => {
            let runtime = match (runtime_version, runtime_path) {
                (Some(v), _) => Runtime::Version(v),
                (None, Some(p)) => Runtime::Path(slashes(&absolute(&p))),
                (None, None) => default_runtime(),
            };
            let job = Generate {
                pages: paths,
                overrides,
                out,
                options: emit::Options {
                    command: "ucloud-codegen generate".into(),
                    runtime,
                    docs_source: None,
                    version: crate_version.unwrap_or_else(checkout_version),
                },
                mode: if check { Mode::Check } else { Mode::Write },
            };
            generate(&job, verbose)
        }
        Command::Openapi {
            paths,
            out,
            overrides,
            verbose,
        } => openapi(&paths, &out, overrides.as_deref(), verbose),
    }
}

/// The checkout's `runtime/` when this binary was built from one that still has it, else
/// the runtime version this generator writes code for.
fn default_runtime() -> Runtime {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    match checkout.join("Cargo.toml").is_file() {
        true => Runtime::Path(slashes(&checkout.canonicalize().unwrap_or(checkout))),
        false => Runtime::Version(emit::RUNTIME_VERSION.into()),
    }
}

/// The version `specs/release.json` gives, when this binary was built from a checkout that
/// has it; 0.0.0 for a crate of one's own otherwise.
fn checkout_version() -> String {
    let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/release.json");
    ucloud_codegen::release::Release::read(&release)
        .map(|r| r.version)
        .unwrap_or_else(|_| "0.0.0".into())
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// A folder with no `.md` file in it is an error: it is almost always a wrong path, and an
/// empty spec would hide that.
fn check_inputs(paths: &[PathBuf]) -> Result<(), ExitCode> {
    for p in paths {
        match load::files(std::slice::from_ref(p)) {
            Ok(files) if files.is_empty() => {
                eprintln!("error: {}: no .md files found", p.display());
                return Err(ExitCode::from(UNREADABLE));
            }
            Ok(_) => {}
            Err(e) => {
                eprintln!("error: {e}");
                return Err(ExitCode::from(UNREADABLE));
            }
        }
    }
    Ok(())
}

/// Every error (every diagnostic with `verbose`), then one summary line per severity.
fn print_diagnostics(items: &[Diagnostic], verbose: bool) {
    for d in diag::shown(items, verbose) {
        eprintln!("{d}");
    }
    for line in diag::summary(items) {
        eprintln!("{line}");
    }
}

fn parse(paths: &[PathBuf], overrides: Option<&Path>, verbose: bool) -> ExitCode {
    if let Err(code) = check_inputs(paths) {
        return code;
    }
    let loaded: Loaded = match ucloud_codegen::load_spec_with(paths, overrides) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(UNREADABLE);
        }
    };
    let failed = loaded.diagnostics.has_errors();
    print_diagnostics(&loaded.diagnostics.sorted(), verbose);
    match serde_json::to_string_pretty(&loaded.spec) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: cannot serialise the spec: {e}");
            return ExitCode::from(UNREADABLE);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn generate(job: &Generate, verbose: bool) -> ExitCode {
    if let Err(code) = check_inputs(&job.pages) {
        return code;
    }
    let generated = match ucloud_codegen::generate_crate(job, &mut |step| eprintln!("{step} …")) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(UNREADABLE);
        }
    };
    print_diagnostics(&generated.diagnostics, verbose);
    let Some(outcome) = generated.outcome else {
        eprintln!(
            "error: the pages have errors (listed above); nothing written to {}",
            job.out.display()
        );
        return ExitCode::FAILURE;
    };
    if job.mode == Mode::Check {
        for change in &outcome.changes {
            eprintln!("{}", change.describe(&job.out));
        }
        if !outcome.changes.is_empty() {
            eprintln!(
                "error: {} file(s) in {} differ from the generated crate",
                outcome.changes.len(),
                job.out.display()
            );
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "generated {} files in {} ({} changed, {} unchanged)",
        generated.files,
        job.out.display(),
        outcome.changes.len(),
        outcome.unchanged
    );
    ExitCode::SUCCESS
}

fn openapi(paths: &[PathBuf], out: &Path, overrides: Option<&Path>, verbose: bool) -> ExitCode {
    if let Err(code) = check_inputs(paths) {
        return code;
    }
    let exported = match ucloud_codegen::openapi::export(paths, overrides) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(UNREADABLE);
        }
    };
    print_diagnostics(&exported.diagnostics, verbose);
    let Some(json) = &exported.json else {
        eprintln!(
            "error: the pages have errors (listed above); nothing written to {}",
            out.display()
        );
        return ExitCode::FAILURE;
    };
    if let Err(e) = ucloud_codegen::openapi::write(out, json) {
        eprintln!("error: {}: cannot write: {e}", out.display());
        return ExitCode::from(UNREADABLE);
    }
    eprintln!("{}", exported.summary(out));
    ExitCode::SUCCESS
}
