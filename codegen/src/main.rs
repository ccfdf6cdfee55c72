use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
        /// Corrections for known documentation errors, applied after resolving
        /// (format: docs/overrides.md).
        #[arg(long, value_name = "FILE")]
        overrides: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Parse {
            paths,
            verbose,
            overrides,
        } => parse(&paths, verbose, overrides.as_deref()),
    }
}

fn parse(paths: &[PathBuf], verbose: bool, overrides: Option<&Path>) -> ExitCode {
    let loaded = match ucloud_codegen::load_spec_with(paths, overrides) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let errors = loaded.diagnostics.has_errors();
    for d in loaded.diagnostics.sorted() {
        if verbose || d.severity > ucloud_codegen::diag::Severity::Info {
            eprintln!("{d}");
        }
    }
    match serde_json::to_string_pretty(&loaded.spec) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: cannot serialise the spec: {e}");
            return ExitCode::from(2);
        }
    }
    if errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
