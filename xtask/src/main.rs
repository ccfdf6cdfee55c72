//! `cargo xtask <command>`: the project's own automation, plain functions and few dependencies.
//! `cargo xtask help` lists the commands; `cargo xtask <command> --help` explains one.

mod bench;
mod changes;
mod corpus;
mod enums;
mod fidelity;
mod gen;
mod openapi;
mod release;
mod semver;
mod specs;
mod util;

use std::process::ExitCode;

/// Generation allocates millions of small token, syntax-tree and string values; mimalloc
/// takes a third of the time glibc's allocator does (see `docs/performance.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Each command: its name, what it does, and its usage (`--help`).
const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "gen",
        "regenerate generated/ from specs/, or check it (--check)",
        gen::USAGE,
    ),
    (
        "specs",
        "copy UCloud's documentation pages into specs/ (specs sync DIR)",
        specs::USAGE,
    ),
    (
        "changes",
        "the API changes of ucloud-sdk between two states of the pages (Markdown, JSON, CHANGELOG)",
        changes::USAGE,
    ),
    (
        "release",
        "raise the ucloud-sdk version by the API changes, write the CHANGELOG entry, regenerate",
        release::USAGE,
    ),
    (
        "semver",
        "check the changes verdict against the pinned cargo-semver-checks on a fixture",
        semver::USAGE,
    ),
    (
        "corpus",
        "generate, build and test an SDK for each corpus folder; print counts",
        CORPUS_USAGE,
    ),
    (
        "enums",
        "report the enumerations read from every description (--sample N --seed S)",
        enums::USAGE,
    ),
    (
        "fidelity",
        "compare the spec model with the official Go SDK's model",
        FIDELITY_USAGE,
    ),
    (
        "openapi",
        "write target/openapi/ucloud.json (OpenAPI 3.1) from specs/ and validate it",
        openapi::USAGE,
    ),
    (
        "bench",
        "measure generation, the generated crate and the request path",
        BENCH_USAGE,
    ),
];

const CORPUS_USAGE: &str = "usage: cargo xtask corpus [--no-build] [--overrides FILE] [DIR...]

Generates an SDK for each folder of UCloud pages (default: both folders of ../shared/corpus)
into target/corpus/<name>, builds it with every product, runs the pages' example tests, and
prints counts (pages, actions, models, diagnostics, examples decoded and reproduced,
documentation defects). --no-build stops after generating. A missing corpus is skipped,
except under CI=true.";

const FIDELITY_USAGE: &str =
    "usage: cargo xtask fidelity [--overrides FILE] [CORPUS_DIR] [GROUND_TRUTH_JSON]

Compares the spec model of CORPUS_DIR (default ../shared/corpus/current) with the official Go
SDK's model (default ../shared/ground-truth/ucloud-sdk-go.json) and says whose each
difference is (the page's, the generator's or an override's). Report in
target/fidelity/<corpus>.json and .txt; method in docs/fidelity.md.";

const BENCH_USAGE: &str = "usage: cargo xtask bench [--skip-gen] [--skip-build] [--skip-request]
                         [--skip-python] [--clean-deps] [--runs N] [--corpus DIR]

Measures generation of the whole corpus (release build), the generated crate's lines and
debug build times, and the request path (criterion) against UCloud's official Python SDK.
Prints a table and writes target/bench/bench.json. See docs/performance.md.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    if let Some((_, _, usage)) = COMMANDS.iter().find(|(name, _, _)| *name == cmd) {
        if util::wants_help(rest, usage) {
            return ExitCode::SUCCESS;
        }
    }
    let result = match cmd {
        "gen" => gen::run(rest),
        "specs" => specs::run(rest),
        "changes" => changes::run(rest),
        "release" => release::run(rest),
        "semver" => semver::run(rest),
        "corpus" => corpus::run(rest),
        "enums" => enums::run(rest),
        "fidelity" => fidelity::run(rest),
        "openapi" => openapi::run(rest),
        "bench" => bench::run(rest),
        "bench-gen" => bench::gen_once(rest),
        "help" | "--help" | "-h" => {
            println!("{}", usage());
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{}", usage())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    let mut s = String::from("usage: cargo xtask <command> [--help]\n\ncommands:\n");
    for (name, what, _) in COMMANDS {
        s.push_str(&format!("  {name:<10} {what}\n"));
    }
    s
}
