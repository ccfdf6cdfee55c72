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

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Generation allocates millions of small token, syntax-tree and string values; mimalloc
/// takes a third of the time glibc's allocator does (see `docs/performance.md`). Built
/// without transparent huge pages (`no_thp`): its arenas are committed eagerly, and with
/// huge pages the kernel zeroed 2 MiB per first touch, which took 0.6 s of system time of a
/// 1 s generation.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The project's own automation: regenerate and check the SDK, copy UCloud's pages, and
/// measure the generator and the SDK against the corpus in ../shared.
///
/// Everything a command writes goes under cargo's target folder (`CARGO_TARGET_DIR` when set,
/// else target/), except `gen` (generated/ or --out) and `specs sync` (specs/).
#[derive(Parser)]
// A fixed width, so the help reads the same in every terminal (and in its snapshot test).
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    term_width = 96,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Gen(gen::Args),
    Specs(specs::Args),
    Changes(changes::Args),
    Release(release::Args),
    Semver(semver::Args),
    Corpus(corpus::Args),
    Enums(enums::Args),
    Fidelity(fidelity::Args),
    Openapi(openapi::Args),
    Bench(bench::Args),
    /// One timed generation, printed as a JSON line (run by `bench` in a release build).
    #[command(hide = true)]
    BenchGen(bench::GenOnceArgs),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Gen(args) => gen::run(args),
        Command::Specs(args) => specs::run(args),
        Command::Changes(args) => changes::run(args),
        Command::Release(args) => release::run(args),
        Command::Semver(args) => semver::run(args),
        Command::Corpus(args) => corpus::run(args),
        Command::Enums(args) => enums::run(args),
        Command::Fidelity(args) => fidelity::run(args),
        Command::Openapi(args) => openapi::run(args),
        Command::Bench(args) => bench::run(args),
        Command::BenchGen(args) => bench::gen_once(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
