//! `cargo xtask bench`: benchmarks of the generator and of the SDK it writes, printed as a
//! table and written to `target/bench/bench.json`. Everything it needs is made under
//! `target/bench/` (a release build of this tool, the full-corpus crate, its build folder,
//! a Python virtual environment), so it runs from a fresh clone.
//!
//! 1. Generation: the whole current corpus, read → parse → resolve → emit → format → write,
//!    in the release profile, each run a fresh process (`xtask bench-gen`); median of the
//!    runs per phase, peak resident memory (`VmHWM`).
//! 2. The generated crate: lines of Rust per action, and clean debug builds of the crate
//!    (with `full` and with `uhub` only) once its dependencies are built; the dependency
//!    build is timed on its own when the build folder is cold.
//! 3. The request path with criterion: encode + sign `CreateUHostInstance`, decode a
//!    100-instance `DescribeUHostInstance` response (`xtask/benches-src/request_path.rs`),
//!    each against its floor in the same run: parsing the same body into a
//!    `serde_json::Value`, SHA-1 over the same signed text (`request` in bench.json).
//! 4. The same work in UCloud's official Python SDK, on the same inputs, as a ratio.
//!
//! Without `../shared/corpus/current` the corpus parts are skipped (an error under
//! `CI=true`), and what can be measured on `specs/` is.

mod reference;
mod report;
mod request;

use crate::{gen, util};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use ucloud_codegen::emit::{self, Runtime};
use ucloud_codegen::output;

use report::{table, targets};

/// `cargo xtask bench`.
#[derive(clap::Args)]
#[command(
    about = "Measure generation, the generated crate and the request path",
    long_about = "Measures generation of the whole corpus (release build), the generated crate's \
                  lines and debug build times, each as a multiple of a reference build (syn + \
                  regex, cold) timed in the same run, and the request path (criterion) against \
                  UCloud's official Python SDK. Prints a table and writes target/bench/bench.json. \
                  See docs/performance.md."
)]
pub struct Args {
    /// Do not time generation (reuse target/bench/sdk)
    #[arg(long)]
    skip_gen: bool,
    /// Do not build the generated crate (nor the reference)
    #[arg(long)]
    skip_build: bool,
    /// Do not measure the request path
    #[arg(long)]
    skip_request: bool,
    /// Do not measure UCloud's Python SDK
    #[arg(long)]
    skip_python: bool,
    /// Rebuild the generated crate's dependencies cold, and time them
    #[arg(long)]
    clean_deps: bool,
    /// Generation runs (the median counts)
    #[arg(long, value_name = "N", default_value_t = 5)]
    runs: usize,
    /// The pages to generate from (default: ../shared/corpus/current)
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), String> {
    let runs = args.runs;
    let root = util::root();
    let bench = util::target_dir().join("bench");
    mkdir(&bench)?;
    let corpus = args
        .corpus
        .unwrap_or_else(|| util::shared().join("corpus/current"));
    let have_corpus = corpus.is_dir();
    if !have_corpus {
        if util::in_ci() {
            return Err(format!(
                "{}: corpus not found (CI=true requires it)",
                corpus.display()
            ));
        }
        println!(
            "{}: corpus not found; the corpus parts (full-corpus generation and build, request \
             path, Python) are skipped; measuring specs/ instead",
            corpus.display()
        );
    }
    let source = if have_corpus {
        corpus.canonicalize().unwrap_or(corpus)
    } else {
        root.join("specs")
    };
    let sdk = bench.join("sdk");
    let mut report = json!({
        "machine": machine(),
        "source": source.display().to_string(),
        "corpus": have_corpus,
    });

    if args.skip_gen {
        if !sdk.join("Cargo.toml").is_file() {
            generate_once(&source, &sdk)?;
        }
    } else {
        report["generation"] = generation(&root, &bench, &source, &sdk, runs)?;
    }
    report["crate"] = lines(&sdk)?;
    let has_uhost = sdk.join("products/uhost/src/lib.rs").is_file();
    if !args.skip_build {
        let builds = builds(&bench, &sdk, args.clean_deps)?;
        merge(&mut report["crate"], builds);
        report["reference"] = reference::build(&bench)?;
        report["ratios"] = ratios(&report["crate"], &report["reference"]["build_s"]);
    }
    if args.skip_request || !has_uhost {
        if !has_uhost {
            println!("request path: the generated crate has no uhost module; skipped");
        }
    } else {
        let inputs = bench.join("inputs");
        mkdir(&inputs)?;
        request::write_response(&source, &inputs)?;
        let (median, best) = request::rust_request_path(&root, &bench, &sdk, &inputs)?;
        report["request_path"] = json!({ "rust_ns": median, "rust_best_ns": best });
        report["request"] = request::floors(&report["request_path"], &inputs)?;
        if !args.skip_python {
            match request::python_request_path(&root, &bench, &inputs) {
                Ok(py) => {
                    let rp = &mut report["request_path"];
                    rp["speedup"] = request::ratios(&rp["rust_ns"], &py["ns"]);
                    rp["speedup_best"] = request::ratios(&rp["rust_best_ns"], &py["best_ns"]);
                    rp["python"] = py;
                }
                Err(e) if util::in_ci() => return Err(e),
                Err(e) => println!("python: {e}; skipped"),
            }
        }
    }
    report["targets"] = targets(&report);

    let out = bench.join("bench.json");
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&out, text + "\n").map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{}", table(&report));
    println!("written to {}", out.display());
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 1. Generation

/// `xtask bench-gen --specs DIR --out DIR`.
#[derive(clap::Args)]
pub struct GenOnceArgs {
    #[arg(long, value_name = "DIR")]
    specs: PathBuf,
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// One timed generation (run by `bench` in a release build, once per process so peak memory
/// is per run); prints one JSON line.
pub fn gen_once(args: GenOnceArgs) -> Result<(), String> {
    let GenOnceArgs { specs, out } = args;
    // Write everything anew, as into a fresh folder.
    for dir in ["src", "tests"] {
        let _ = std::fs::remove_dir_all(out.join(dir));
    }
    let cpu_before = cpu_time();
    let started = Instant::now();
    let mut t = ucloud_codegen::bench::Timings::default();
    let overrides = gen::default_overrides(&specs);
    let loaded = ucloud_codegen::bench::load_spec_timed(
        std::slice::from_ref(&specs),
        overrides.as_deref(),
        &mut t,
    )
    .map_err(|e| e.to_string())?;
    let mut diags = loaded.diagnostics;
    let opts = gen::options(runtime_path(), None)?;
    let files = emit::generate_timed(&loaded.spec, &opts, &mut diags, &mut t);
    if diags.has_errors() {
        gen::print_diagnostics(&diags.sorted(), false);
        return Err(format!("{}: the pages have errors", specs.display()));
    }
    let writing = Instant::now();
    output::sync(&out, &files, output::Mode::Write).map_err(|e| e.to_string())?;
    let write = writing.elapsed();
    let total = started.elapsed();
    let cpu = cpu_time().zip(cpu_before).map(|(a, b)| a - b);
    let actions: usize = loaded.spec.services.iter().map(|s| s.actions.len()).sum();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let line = json!({
        "read_ms": ms(t.read), "parse_ms": ms(t.parse), "resolve_ms": ms(t.resolve),
        "emit_ms": ms(t.emit), "format_ms": ms(t.format), "write_ms": ms(write),
        "total_ms": ms(total), "cpu_ms": cpu.map(ms),
        "peak_rss_kb": peak_rss_kb(),
        "files_read": loaded.counts.files, "action_pages": loaded.counts.action_pages,
        "products": loaded.spec.services.len(), "actions": actions,
        "generated_files": files.len(),
        "generated_bytes": files.values().map(String::len).sum::<usize>(),
    });
    println!("{line}");
    Ok(())
}

const PHASES: [&str; 6] = ["read", "parse", "resolve", "emit", "format", "write"];

fn generation(
    root: &Path,
    bench: &Path,
    source: &Path,
    sdk: &Path,
    runs: usize,
) -> Result<Value, String> {
    let runs = runs.max(1);
    println!("generation: building xtask (release) …");
    let target = bench.join("xtask-target");
    let status = Command::new(cargo())
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("cargo build --release -p xtask failed".into());
    }
    let exe = target
        .join("release")
        .join(format!("xtask{}", std::env::consts::EXE_SUFFIX));
    println!(
        "generation: {} runs (+1 warm-up) over {} …",
        runs,
        source.display()
    );
    let mut samples = Vec::new();
    for i in 0..=runs {
        let out = Command::new(&exe)
            .arg("bench-gen")
            .arg("--specs")
            .arg(source)
            .arg("--out")
            .arg(sdk)
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("{}: {e}", exe.display()))?;
        if !out.status.success() {
            return Err("bench-gen failed".into());
        }
        let v: Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| format!("bench-gen printed no JSON: {e}"))?;
        if i > 0 {
            samples.push(v); // the first run warms the page cache
        }
    }
    let median_of = |key: &str| median(samples.iter().filter_map(|s| s[key].as_f64()).collect());
    let total_ms = median_of("total_ms");
    let first = &samples[0];
    let pages = first["action_pages"].as_f64().unwrap_or(0.0);
    let mut phases = serde_json::Map::new();
    for p in PHASES {
        phases.insert(p.into(), json!(median_of(&format!("{p}_ms"))));
    }
    let peak = samples
        .iter()
        .filter_map(|s| s["peak_rss_kb"].as_u64())
        .max();
    Ok(json!({
        "runs": samples.len(),
        "files_read": first["files_read"], "action_pages": first["action_pages"],
        "products": first["products"], "actions": first["actions"],
        "generated_files": first["generated_files"], "generated_bytes": first["generated_bytes"],
        "total_ms": total_ms,
        "cpu_ms": median_of("cpu_ms"),
        "phases_ms": phases,
        "pages_per_s": if total_ms > 0.0 { pages / (total_ms / 1e3) } else { 0.0 },
        "peak_rss_mb": peak.map(|kb| kb as f64 / 1024.0),
        "samples": samples,
    }))
}

/// Writes the crate without timing (for `--skip-gen` when there is none yet).
fn generate_once(source: &Path, sdk: &Path) -> Result<(), String> {
    let job = ucloud_codegen::Generate {
        pages: vec![source.to_path_buf()],
        overrides: gen::default_overrides(source),
        out: sdk.to_path_buf(),
        options: gen::options(runtime_path(), None)?,
        mode: output::Mode::Write,
    };
    gen::generate(&job, false).map(drop)
}

/// The bench's crates depend on this checkout's runtime.
fn runtime_path() -> Runtime {
    Runtime::Path(util::slashes(&util::root().join("runtime")))
}

// ---------------------------------------------------------------------------------------
// 2. The generated crate

/// Lines of the generated product crates, with and without doc comments, per action.
fn lines(sdk: &Path) -> Result<Value, String> {
    let dir = sdk.join("products");
    let (mut total, mut docs, mut actions) = (0usize, 0usize, 0usize);
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let text = std::fs::read_to_string(e.path().join("src/lib.rs")).unwrap_or_default();
        for line in text.lines() {
            total += 1;
            let l = line.trim_start();
            if l.starts_with("///") || l.starts_with("//!") {
                docs += 1;
            }
            if l.starts_with("request!(") {
                actions += 1;
            }
        }
    }
    let examples = count_lines(&sdk.join("tests/examples"));
    let per = |n: usize| n as f64 / actions.max(1) as f64;
    Ok(json!({
        "actions": actions,
        "lines": total,
        "lines_without_docs": total - docs,
        "lines_per_action": per(total),
        "lines_per_action_without_docs": per(total - docs),
        "example_test_lines": examples,
    }))
}

fn count_lines(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    std::fs::read_to_string(e.path())
                        .unwrap_or_default()
                        .lines()
                        .count()
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Debug builds of the generated crate. The first build brings the dependencies up to date
/// (and is their timing when the build folder was cold); then the crate alone is cleaned
/// and built with `uhub` only, and again with `full`.
fn builds(bench: &Path, sdk: &Path, clean_deps: bool) -> Result<Value, String> {
    let target = bench.join("sdk-target");
    let deps_file = bench.join("deps-build.json");
    if clean_deps {
        let _ = std::fs::remove_dir_all(&target);
    }
    let cold = !target.join("debug").is_dir();
    let has_uhub = sdk.join("products/uhub/src/lib.rs").is_file();
    let small = if has_uhub { "uhub" } else { "full" };
    println!(
        "build: dependencies{} …",
        if cold { " (cold: timed)" } else { "" }
    );
    let cpu = children_cpu_time();
    let first = cargo_time(sdk, &target, &["build", "--features", small, "--timings"])?;
    let first_cpu = children_cpu_time() - cpu;
    // Read now: the `full` build below writes its own timings over these.
    let ours = packages(sdk)?;
    let units = dependency_units(&target.join("cargo-timings/cargo-timing.html"), &ours);
    let cpu = children_cpu_time();
    let small_s = best_crate_build(sdk, &target, &ours, small, false)?;
    let small_cpu = (children_cpu_time() - cpu) / BUILD_RUNS as u32;
    let deps = if cold {
        let deps = (first - small_s).max(0.0);
        let deps_cpu = (first_cpu - small_cpu).as_secs_f64().max(0.0);
        let record = json!({
            "deps_build_s": deps,
            "deps_build_cpu_s": deps_cpu,
            "deps_units": units,
            "machine": machine(),
        });
        let _ = std::fs::write(&deps_file, record.to_string());
        json!({
            "deps_build_s": deps,
            "deps_build_cpu_s": deps_cpu,
            "deps_units": units,
            "deps_measured": "now (cold build folder)",
        })
    } else {
        let cached: Option<Value> = std::fs::read_to_string(&deps_file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        match cached {
            Some(c) => json!({
                "deps_build_s": c["deps_build_s"],
                "deps_build_cpu_s": c["deps_build_cpu_s"],
                "deps_units": c["deps_units"],
                "deps_measured": "earlier, when the build folder was cold (--clean-deps to redo)",
            }),
            None => json!({ "deps_build_s": null, "deps_measured": "not measured (--clean-deps)" }),
        }
    };
    let full_s = best_crate_build(sdk, &target, &ours, "full", true)?;
    let mut v = json!({
        "full_build_s": full_s,
        "cargo_timings_html": target.join("cargo-timings/cargo-timing.html").display().to_string(),
    });
    if has_uhub {
        v["uhub_build_s"] = json!(small_s);
    }
    merge(&mut v, deps);
    Ok(v)
}

/// The generated packages: `ucloud-sdk` and its product crates (`products/*/Cargo.toml`),
/// by their names.
fn packages(sdk: &Path) -> Result<Vec<String>, String> {
    let dir = sdk.join("products");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names = vec!["ucloud-sdk".to_string()];
    for e in entries.flatten() {
        let manifest = e.path().join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .map_err(|err| format!("{}: {err}", manifest.display()))?;
        let name = text
            .lines()
            .find_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"'))
            .ok_or_else(|| format!("{}: no package name", manifest.display()))?;
        names.push(name.to_string());
    }
    names.sort();
    Ok(names)
}

/// Clean builds of the generated crates alone (their dependencies built) with `features`.
const BUILD_RUNS: usize = 2;

/// The best of [`BUILD_RUNS`] clean builds of the generated crates (`packages`) with
/// `features`, in seconds; `timings` keeps cargo's report of the last.
fn best_crate_build(
    sdk: &Path,
    target: &Path,
    packages: &[String],
    features: &str,
    timings: bool,
) -> Result<f64, String> {
    let mut best = f64::INFINITY;
    let mut clean = vec!["clean"];
    for p in packages {
        clean.extend(["-p", p.as_str()]);
    }
    for run in 1..=BUILD_RUNS {
        cargo_time(sdk, target, &clean)?;
        println!("build: ucloud-sdk --features {features} ({run} of {BUILD_RUNS}) …");
        let mut args = vec!["build", "--features", features];
        if timings {
            args.push("--timings");
        }
        best = best.min(cargo_time(sdk, target, &args)?);
    }
    Ok(best)
}

/// Each build time divided by the reference build's, timed in the same run: the figures
/// the budgets are stated in.
fn ratios(builds: &Value, reference_s: &Value) -> Value {
    json!({
        "full_build_vs_reference": reference::ratio(&builds["full_build_s"], reference_s),
        "uhub_build_vs_reference": reference::ratio(&builds["uhub_build_s"], reference_s),
        // Only a dependency build timed in this run compares with this run's reference.
        "deps_build_vs_reference": match builds["deps_measured"].as_str() {
            Some(m) if m.starts_with("now") => reference::ratio(&builds["deps_build_s"], reference_s),
            _ => Value::Null,
        },
    })
}

/// Runs cargo in the generated crate with its own target folder; returns seconds taken.
///
/// Without incremental compilation, for every build timed (the crate, its dependencies, the
/// reference): that is how an application builds `ucloud-sdk`, a registry dependency, and
/// how the reference's syn and regex are built. Cargo would otherwise build the crate, a
/// path package here, incrementally: about a quarter slower, and a cost no user pays.
fn cargo_time(dir: &Path, target: &Path, args: &[&str]) -> Result<f64, String> {
    let started = Instant::now();
    let out = Command::new(cargo())
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TERM_COLOR", "never")
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    let secs = started.elapsed().as_secs_f64();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(30).collect();
        for l in tail.iter().rev() {
            eprintln!("{l}");
        }
        return Err(format!(
            "cargo {} failed in {}",
            args.join(" "),
            dir.display()
        ));
    }
    Ok(secs)
}

/// What the cold dependency build spent its time on, from cargo's `--timings` report:
/// seconds per crate (its build script and library together, the generated crates left
/// out), slowest first, and their sum. `null` if the report cannot be read.
fn dependency_units(html: &Path, ours: &[String]) -> Value {
    let Ok(text) = std::fs::read_to_string(html) else {
        return Value::Null;
    };
    // The report embeds its data as `const UNIT_DATA = [...];`.
    let data = text
        .split_once("const UNIT_DATA = ")
        .and_then(|(_, rest)| rest.split_once(";\n"))
        .and_then(|(json, _)| serde_json::from_str::<Value>(json).ok());
    let Some(Value::Array(units)) = data else {
        return Value::Null;
    };
    let mut per_crate: std::collections::BTreeMap<String, f64> = Default::default();
    for u in &units {
        let name = u["name"].as_str().unwrap_or("?");
        if !ours.iter().any(|p| p == name) {
            *per_crate.entry(name.to_owned()).or_default() += u["duration"].as_f64().unwrap_or(0.0);
        }
    }
    let total: f64 = per_crate.values().sum();
    let mut slowest: Vec<(String, f64)> = per_crate.into_iter().collect();
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
    json!({
        "crates": slowest.len(),
        "sum_s": total,
        "slowest": slowest.iter().take(20).map(|(n, s)| json!({ "crate": n, "s": s })).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------------------------------
// Helpers

fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string());
    let loadavg = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    json!({
        "nproc": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "cpu": cpu,
        "loadavg": loadavg,
        "rustc": rustc,
        "os": std::env::consts::OS,
    })
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn mkdir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), from) {
        a.extend(b);
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Peak resident set size of this process (Linux `VmHWM`), in KiB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

/// User + system CPU time of the children this process has waited for (cargo and, through
/// it, rustc), so far (Linux `/proc/self/stat`, 100 Hz ticks); zero where unknown. Unlike
/// wall time it hardly moves with other work on a shared machine.
fn children_cpu_time() -> Duration {
    let ticks = || -> Option<u64> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        let rest = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        Some(fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?)
    };
    Duration::from_millis(ticks().unwrap_or(0) * 10)
}

/// User + system CPU time of this process so far (Linux `/proc/self/stat`, 100 Hz ticks).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(vec![]).is_nan());
    }

    #[test]
    fn process_figures_are_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss_kb().is_some_and(|kb| kb > 0));
            assert!(cpu_time().is_some());
        }
    }
}
