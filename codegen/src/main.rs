use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use ucloud_codegen::diag::Severity;
use ucloud_codegen::{emit, load, Loaded};

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
        /// Also print info diagnostics (skipped pages).
        #[arg(long)]
        verbose: bool,
    },
    /// Generate the SDK crate's files (`Cargo.toml`, `src/services/`, `tests/examples/`) from
    /// the pages into a folder. Nothing is written when a page has an error. The hand-written
    /// runtime (`src/lib.rs`, `src/runtime/`) is not written: `cargo xtask gen --out DIR`
    /// makes a complete crate.
    Generate {
        /// The folder to write into (created if missing); other files in it are left alone.
        #[arg(long)]
        out: PathBuf,
        /// Files or folders (searched recursively for `.md` files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print info diagnostics (skipped pages).
        #[arg(long)]
        verbose: bool,
    },
}

/// Exit code for input that cannot be read at all (as opposed to pages with errors).
const UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Parse { paths, verbose } => parse(&paths, verbose),
        Command::Generate {
            out,
            paths,
            verbose,
        } => generate(&out, &paths, verbose),
    }
}

/// Reads the pages, or prints why not. A folder with no `.md` file in it is an error: it is
/// almost always a wrong path, and an empty spec would hide that.
fn load(paths: &[PathBuf], verbose: bool) -> Result<Loaded, ExitCode> {
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
    let loaded = ucloud_codegen::load_spec(paths).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(UNREADABLE)
    })?;
    print_diagnostics(&loaded.diagnostics.items, verbose);
    Ok(loaded)
}

fn print_diagnostics(items: &[ucloud_codegen::diag::Diagnostic], verbose: bool) {
    let mut items = items.to_vec();
    items.sort();
    items.dedup();
    for d in items {
        if verbose || d.severity > Severity::Info {
            eprintln!("{d}");
        }
    }
}

fn parse(paths: &[PathBuf], verbose: bool) -> ExitCode {
    let loaded = match load(paths, verbose) {
        Ok(l) => l,
        Err(code) => return code,
    };
    match serde_json::to_string_pretty(&loaded.spec) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: cannot serialise the spec: {e}");
            return ExitCode::from(UNREADABLE);
        }
    }
    if loaded.diagnostics.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn generate(out: &Path, paths: &[PathBuf], verbose: bool) -> ExitCode {
    let loaded = match load(paths, verbose) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if loaded.counts.action_pages == 0 {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "error: {}: no action pages among {} file(s); nothing to generate",
            names.join(", "),
            loaded.counts.files
        );
        return ExitCode::FAILURE;
    }
    let opts = emit::Options {
        command: "ucloud-codegen generate".into(),
        standalone: true,
    };
    let mut diags = ucloud_codegen::diag::Diagnostics::default();
    let files = emit::generate(&loaded.spec, &opts, &mut diags);
    print_diagnostics(&diags.items, verbose);
    if loaded.diagnostics.has_errors() || diags.has_errors() {
        eprintln!(
            "error: the pages have errors (listed above); nothing written to {}",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    for (rel, text) in &files {
        let path = out.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("error: {}: cannot write: {e}", path.display());
            return ExitCode::from(UNREADABLE);
        }
    }
    eprintln!("generated {} files in {}", files.len(), out.display());
    ExitCode::SUCCESS
}
