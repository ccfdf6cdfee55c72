//! `cargo xtask corpus [DIR...]`: for each folder of real UCloud pages, parse everything,
//! generate a crate into `target/corpus/<name>`, build it with every product enabled, run the
//! example tests, and print counts. A missing corpus is skipped, except under `CI=true`.
//! `--overrides FILE` applies an overrides file (see `docs/overrides.md`) to every corpus.

use crate::{gen, util};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use ucloud_codegen::diag::Severity;
use ucloud_codegen::emit::{examples, plan};
use ucloud_codegen::load;
use ucloud_codegen::spec::Spec;

/// `cargo xtask corpus`.
#[derive(clap::Args)]
#[command(
    about = "Generate, build and test an SDK for each corpus folder; print counts",
    long_about = "Generates an SDK for each folder of UCloud pages (default: both folders of \
                  ../shared/corpus) into target/corpus/<name>, builds it with every product, runs \
                  the pages' example tests, and prints counts (pages, actions, models, \
                  diagnostics, examples decoded and reproduced, documentation defects). A missing \
                  corpus is skipped, except under CI=true."
)]
pub struct Args {
    /// Stop after generating
    #[arg(long)]
    no_build: bool,
    /// Apply this overrides file
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
    /// The folders of pages (default: ../shared/corpus/current and ../shared/corpus/legacy)
    #[arg(value_name = "DIR")]
    dirs: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<(), String> {
    let build = !args.no_build;
    let overrides = args.overrides;
    let dirs: Vec<PathBuf> = if args.dirs.is_empty() {
        let c = util::shared().join("corpus");
        vec![c.join("current"), c.join("legacy")]
    } else {
        args.dirs
    };
    let mut failed = Vec::new();
    for dir in &dirs {
        if !dir.is_dir() {
            if util::in_ci() {
                return Err(format!(
                    "{}: corpus not found (CI=true requires it)",
                    dir.display()
                ));
            }
            println!("{}: corpus not found; skipped", dir.display());
            continue;
        }
        if let Err(e) = one(dir, build, overrides.as_deref()) {
            eprintln!("error: {}: {e}", dir.display());
            failed.push(dir.display().to_string());
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("corpus failed: {}", failed.join(", ")))
    }
}

fn one(dir: &Path, build: bool, overrides: Option<&Path>) -> Result<(), String> {
    let started = Instant::now();
    let name = dir
        .file_name()
        .map_or("corpus".into(), |n| n.to_string_lossy().into_owned());
    let loaded = ucloud_codegen::load_spec_with(&[dir.to_path_buf()], overrides)
        .map_err(|e| e.to_string())?;
    let spec = &loaded.spec;
    let mut diags = loaded.diagnostics;
    let runtime = ucloud_codegen::emit::Runtime::Path(util::slashes(&util::root().join("runtime")));
    let opts = gen::options(runtime, None)?;
    let files = ucloud_codegen::emit::generate(spec, &opts, &mut diags);
    let errors = diags.has_errors();
    let counts = util::report(&diags.sorted(), false);

    let summary = Summary::of(&loaded.counts, spec);
    summary.print(&name, dir, &counts);
    if errors {
        return Err("pages have errors (listed above)".into());
    }
    let census = Census::of(spec);

    let out = util::target_dir().join("corpus").join(&name);
    ucloud_codegen::output::sync(&out, &files, ucloud_codegen::output::Mode::Write)
        .map_err(|e| e.to_string())?;
    let gen_time = started.elapsed();

    let mut report = summary.report(dir, &counts, &census);
    if build {
        let results = build_and_test(&out)?;
        let verdict = Verdict::of(&results, &census);
        verdict.print(&census);
        verdict.record(&mut report, &census);
        if verdict.has_generator_defects() {
            write_report(&name, &report)?;
            return Err(verdict.error());
        }
    }
    println!(
        "wall time {:.1} s (generation {:.2} s)",
        started.elapsed().as_secs_f64(),
        gen_time.as_secs_f64()
    );
    report["wall_seconds"] = started.elapsed().as_secs_f64().into();
    write_report(&name, &report)
}

/// Diagnostics counted by severity and kind, as `util::report` returns them.
type DiagCounts = BTreeMap<(Severity, &'static str), usize>;

/// What a corpus holds: its pages and what they became.
struct Summary<'a> {
    pages: &'a load::Counts,
    products: usize,
    actions: usize,
    models: usize,
    inferred_models: usize,
    inferred_fields: usize,
}

impl<'a> Summary<'a> {
    fn of(pages: &'a load::Counts, spec: &Spec) -> Self {
        let inferred_models = spec
            .services
            .iter()
            .flat_map(|s| &s.models)
            .filter(|m| m.inferred.is_some())
            .count();
        let inferred_fields = spec
            .services
            .iter()
            .flat_map(|s| {
                let response = s.actions.iter().flat_map(|a| &a.response);
                response.chain(s.models.iter().flat_map(|m| &m.fields))
            })
            .filter(|f| f.inferred.is_some())
            .count();
        Summary {
            pages,
            products: spec.services.len(),
            actions: spec.services.iter().map(|s| s.actions.len()).sum(),
            models: spec.services.iter().map(|s| s.models.len()).sum(),
            inferred_models,
            inferred_fields,
        }
    }

    fn print(&self, name: &str, dir: &Path, counts: &DiagCounts) {
        println!("== {name} ({})", dir.display());
        println!("pages read       {:>6}", self.pages.files);
        println!("action pages     {:>6}", self.pages.action_pages);
        println!("skipped pages    {:>6}", self.pages.skipped);
        println!("excluded pages   {:>6}", self.pages.excluded);
        println!("products         {:>6}", self.products);
        println!("actions          {:>6}", self.actions);
        println!(
            "models           {:>6} ({} inferred from examples)",
            self.models, self.inferred_models
        );
        println!("inferred fields  {:>6}", self.inferred_fields);
        println!("diagnostics by kind:");
        for ((sev, kind), n) in counts {
            println!("  {:<8} {kind:<20} {n:>5}", sev.to_string());
        }
    }

    /// The JSON report as far as it is known before the crate is built.
    fn report(&self, dir: &Path, counts: &DiagCounts, census: &Census) -> serde_json::Value {
        serde_json::json!({
            "corpus": dir.display().to_string(),
            "pages": self.pages.files, "action_pages": self.pages.action_pages,
            "skipped_pages": self.pages.skipped, "excluded_pages": self.pages.excluded,
            "products": self.products,
            "actions": self.actions, "models": self.models,
            "inferred_models": self.inferred_models,
            "inferred_fields": self.inferred_fields,
            "diagnostics": counts.iter().map(|((s, k), n)| (format!("{s}:{k}"), *n)).collect::<BTreeMap<_, _>>(),
            "request_examples": census.request_total,
            "request_example_defects": census.request_defects,
            "response_examples": census.response_total,
        })
    }
}

/// The pages' request and response examples, taken from the spec before anything is built,
/// so the test results can be judged against what the generator expected of each page.
struct Census {
    /// Actions whose page has a request example.
    request_total: usize,
    /// Request examples that cannot be reproduced: the pages' defects, with the reasons.
    request_defects: Vec<String>,
    /// Actions whose page has a response example (a JSON object).
    response_total: usize,
    /// The response tests generated as ignored page defects (`module::method_response`).
    defective: BTreeSet<String>,
    /// `module::method` → the page, to name pages rather than tests in the report.
    pages: BTreeMap<String, String>,
}

impl Census {
    fn of(spec: &Spec) -> Self {
        let mut census = Census {
            request_total: 0,
            request_defects: Vec::new(),
            response_total: 0,
            defective: BTreeSet::new(),
            pages: BTreeMap::new(),
        };
        for svc in &spec.services {
            // The plan names the tests; its diagnostics were reported by the generation.
            let mut d = ucloud_codegen::diag::Diagnostics::default();
            let p = plan::plan(svc, &mut d);
            for (a, n) in svc.actions.iter().zip(&p.actions) {
                let test = format!("{}::{}", p.module, n.method);
                let has_response = a.examples.response.as_ref().is_some_and(|v| v.is_object());
                census.response_total += usize::from(has_response);
                if has_response && !a.examples.response_defects.is_empty() {
                    census.defective.insert(format!("{test}_response"));
                }
                let page = format!("{} ({})", a.source, a.name);
                census.pages.insert(test, page);
                if a.examples.request.is_empty() {
                    continue;
                }
                census.request_total += 1;
                if let Err(reasons) = examples::request_case(a, n) {
                    let defect = format!("{}: {} — {}", a.source, a.name, reasons.join("; "));
                    census.request_defects.push(defect);
                }
            }
        }
        census
    }

    /// The page a test was generated from, or the test's name when it is not known.
    fn page_of(&self, test: &str) -> String {
        let key = test
            .trim_end_matches("_response")
            .trim_end_matches("_request");
        self.pages
            .get(key)
            .cloned()
            .unwrap_or_else(|| test.to_string())
    }
}

/// The example tests' results, set against the census.
struct Verdict<'a> {
    results: &'a TestResults,
    response_ok: usize,
    request_ok: usize,
    /// Example fields the page's tables lack, summed over the failures.
    dropped: usize,
    /// Failing request tests, each a generator defect (see `print`).
    request_failed: Vec<&'a (String, String)>,
    /// Failing response tests that are not known page defects.
    unexpected: Vec<&'a (String, String)>,
    /// Tests ignored as page defects that pass all the same.
    passing_defects: Vec<&'a String>,
}

impl<'a> Verdict<'a> {
    fn of(results: &'a TestResults, census: &Census) -> Self {
        let passed = |suffix: &str| {
            results
                .passed
                .iter()
                .filter(|t| t.ends_with(suffix))
                .count()
        };
        let (request_failed, response_failed): (Vec<_>, Vec<_>) = results
            .failures
            .iter()
            .partition(|(t, _)| t.ends_with("_request"));
        // Every ignored test is run too: each must fail (the generator's judgement of a page
        // defect agrees with the runtime), and every failing response test must be one.
        let unexpected = response_failed
            .into_iter()
            .filter(|(t, _)| !census.defective.contains(t.as_str()))
            .collect();
        let passing_defects = results
            .passed
            .iter()
            .filter(|t| census.defective.contains(t.as_str()))
            .collect();
        Verdict {
            results,
            response_ok: passed("_response"),
            request_ok: passed("_request"),
            dropped: results.failures.iter().map(|(_, m)| dropped_count(m)).sum(),
            request_failed,
            unexpected,
            passing_defects,
        }
    }

    fn print(&self, census: &Census) {
        println!(
            "response examples decoded   {:>5} / {}",
            self.response_ok, census.response_total
        );
        println!(
            "request examples reproduced {:>5} / {}",
            self.request_ok, census.request_total
        );
        println!(
            "  not reproducible (page defects): {}",
            census.request_defects.len()
        );
        println!(
            "dropped fields (example fields the page's tables lack): {}",
            self.dropped
        );
        println!(
            "response examples that are page defects (tests ignored): {}",
            census.defective.len()
        );
        for (test, msg) in &self.unexpected {
            println!(
                "  FAILS, NOT A KNOWN PAGE DEFECT {}: {msg}",
                census.page_of(test)
            );
        }
        for test in &self.passing_defects {
            println!(
                "  IGNORED AS A PAGE DEFECT BUT PASSES {}",
                census.page_of(test)
            );
        }
        // A request example is only tested when the page's tables can express it, so a
        // failure there is the generator's or the runtime's, never the page's.
        for (test, msg) in &self.request_failed {
            println!("  GENERATOR DEFECT {}: {msg}", census.page_of(test));
        }
        for d in &census.request_defects {
            println!("  request example defect: {d}");
        }
    }

    fn record(&self, report: &mut serde_json::Value, census: &Census) {
        report["build_seconds"] = self.results.build_seconds.into();
        report["response_decoded"] = self.response_ok.into();
        report["request_reproduced"] = self.request_ok.into();
        report["dropped_fields"] = self.dropped.into();
        report["failures"] = self
            .results
            .failures
            .iter()
            .map(|(t, m)| serde_json::json!({"page": census.page_of(t), "test": t, "reason": m}))
            .collect();
        report["response_defects"] = census.defective.len().into();
    }

    fn has_generator_defects(&self) -> bool {
        !self.request_failed.is_empty()
            || !self.unexpected.is_empty()
            || !self.passing_defects.is_empty()
    }

    fn error(&self) -> String {
        format!(
            "{} request example(s) do not encode as the page says, {} response example(s) \
             fail without being known page defects, {} known defect(s) pass (generator \
             defects, listed above)",
            self.request_failed.len(),
            self.unexpected.len(),
            self.passing_defects.len()
        )
    }
}

fn write_report(name: &str, report: &serde_json::Value) -> Result<(), String> {
    let path = util::target_dir()
        .join("corpus")
        .join(format!("{name}-report.json"));
    std::fs::write(
        &path,
        serde_json::to_string_pretty(report).unwrap_or_default(),
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("report: {}", path.display());
    Ok(())
}

struct TestResults {
    passed: Vec<String>,
    failures: Vec<(String, String)>,
    build_seconds: f64,
}

/// Builds the crate with every product and its example tests, then runs them. One `cargo
/// test` profile for both: a separate `cargo build` would build the crate twice, because the
/// test build unifies tokio's dev-dependency features into the library's dependencies.
fn build_and_test(dir: &Path) -> Result<TestResults, String> {
    let started = Instant::now();
    let build = cargo_test(dir, &["--no-run"])?;
    if !build.status.success() {
        let stderr = String::from_utf8_lossy(&build.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
        return Err(format!(
            "the generated crate does not compile:\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    let build_seconds = started.elapsed().as_secs_f64();
    println!("generated crate and its example tests build (all products): {build_seconds:.1} s");
    let output = cargo_test(dir, &["--", "--include-ignored", "--test-threads=2"])?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !stdout.contains("test result:") {
        return Err(format!(
            "the example tests did not run:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(parse_test_output(&stdout, build_seconds))
}

fn cargo_test(dir: &Path, extra: &[&str]) -> Result<std::process::Output, String> {
    Command::new(env!("CARGO"))
        .args(["test", "--features", "full", "--test", "examples"])
        .args(extra)
        .env("CARGO_TARGET_DIR", util::target_dir().join("corpus/target"))
        .env("RUST_BACKTRACE", "0")
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))
}

/// Reads libtest's output: `test name ... ok` lines and the `---- name stdout ----` sections.
fn parse_test_output(stdout: &str, build_seconds: f64) -> TestResults {
    let mut passed = Vec::new();
    let mut failures = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some(name) = rest.strip_suffix(" ... ok") {
                passed.push(name.to_string());
            }
        }
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            failures.extend(current.take());
            current = Some((name.to_string(), String::new()));
        } else if let Some((_, msg)) = current.as_mut() {
            if line.starts_with("failures:") || line.starts_with("note: run with") {
                failures.extend(current.take());
            } else if !line.trim().is_empty() && !line.starts_with("thread '") {
                if !msg.is_empty() {
                    msg.push(' ');
                }
                msg.push_str(line.trim());
            }
        }
    }
    failures.extend(current.take());
    TestResults {
        passed,
        failures,
        build_seconds,
    }
}

fn dropped_count(msg: &str) -> usize {
    msg.split_once("fields the type does not know: [")
        .map_or(0, |(_, rest)| {
            rest.split(']')
                .next()
                .unwrap_or("")
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .count()
        })
}
