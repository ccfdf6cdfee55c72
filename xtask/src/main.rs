//! `cargo xtask <command>`: the project's own automation, plain functions and few dependencies.
//!
//! - `gen [--check] [--specs DIR] [--out DIR] [--overrides FILE]`: regenerate `generated/` from `specs/`;
//! - `corpus [--overrides FILE] [DIR...]`: generate, compile and test an SDK for each corpus
//!   folder, print counts;
//! - `fidelity [--overrides FILE] [CORPUS_DIR] [GROUND_TRUTH_JSON]`: compare the spec model with
//!   the official Go SDK, classify every difference as the page's or the generator's;
//! - `bench [--skip-gen] [--skip-build] [--skip-request] [--skip-python] [--clean-deps]
//!   [--runs N] [--corpus DIR]`: measure generation, the generated crate's size and build
//!   time, and the request path against the official Python SDK; see `bench.rs`.

mod bench;
mod corpus;
mod fidelity;
mod gen;
mod util;

use std::process::ExitCode;

/// Generation allocates millions of small token, syntax-tree and string values; mimalloc
/// takes a third of the time glibc's allocator does (see `docs/performance.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match cmd {
        "gen" => gen::run(rest),
        "corpus" => corpus::run(rest),
        "fidelity" => fidelity::run(rest),
        "bench" => bench::run(rest),
        "bench-gen" => bench::gen_once(rest),
        "help" | "--help" | "-h" => {
            println!("{}", USAGE);
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask <command>
  gen [--check] [--specs DIR] [--out DIR] [--overrides FILE]
                       regenerate generated/ from specs/ (--check: fail on drift, write nothing;
                       overrides: specs/overrides.json when present)
  corpus [--no-build] [--overrides FILE] [DIR...]
                       generate, build and test an SDK for each corpus folder (default: both
                       folders of ../shared/corpus), print counts
  fidelity [--overrides FILE] [CORPUS_DIR] [GROUND_TRUTH_JSON]
                       compare the spec model with the official Go SDK's model (default:
                       ../shared/corpus/current and ../shared/ground-truth/ucloud-sdk-go.json);
                       report in target/fidelity/<corpus>.json and .txt
  bench [--skip-gen] [--skip-build] [--skip-request] [--skip-python] [--clean-deps]
        [--runs N] [--corpus DIR]
                       measure generation (release), the generated crate's lines and debug
                       build times, and the request path (criterion) against the official
                       Python SDK; table on stdout, JSON in target/bench/bench.json";
