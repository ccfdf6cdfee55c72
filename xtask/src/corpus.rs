//! `cargo xtask corpus [DIR...]`: for each folder of real UCloud pages, parse everything,
//! generate a crate into `target/corpus/<name>`, build it with every product enabled, run the
//! example tests, and print counts. A missing corpus is skipped, except under `CI=true`.
//! `--overrides FILE` applies an overrides file (see `docs/overrides.md`) to every corpus.

use crate::{gen, util};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use ucloud_codegen::emit::{examples, plan};

pub fn run(args: &[String]) -> Result<(), String> {
    let positional = util::check_args(args, &["--no-build"], &["--overrides"])?;
    let build = !args.iter().any(|a| a == "--no-build");
    let overrides = util::flag_value(args, "--overrides")?.map(PathBuf::from);
    let dirs: Vec<PathBuf> = if positional.is_empty() {
        let c = util::shared().join("corpus");
        vec![c.join("current"), c.join("legacy")]
    } else {
        positional.iter().map(PathBuf::from).collect()
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
    let opts = gen::options(runtime, None);
    let files = ucloud_codegen::emit::generate(spec, &opts, &mut diags);
    let errors = diags.has_errors();
    let counts = util::report(&diags.sorted(), false);

    let actions: usize = spec.services.iter().map(|s| s.actions.len()).sum();
    let models: usize = spec.services.iter().map(|s| s.models.len()).sum();
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
    println!("== {name} ({})", dir.display());
    println!("pages read       {:>6}", loaded.counts.files);
    println!("action pages     {:>6}", loaded.counts.action_pages);
    println!("skipped pages    {:>6}", loaded.counts.skipped);
    println!("excluded pages   {:>6}", loaded.counts.excluded);
    println!("products         {:>6}", spec.services.len());
    println!("actions          {:>6}", actions);
    println!(
        "models           {:>6} ({inferred_models} inferred from examples)",
        models
    );
    println!("inferred fields  {:>6}", inferred_fields);
    println!("diagnostics by kind:");
    for ((sev, kind), n) in &counts {
        println!("  {:<8} {kind:<20} {n:>5}", sev.to_string());
    }
    if errors {
        return Err("pages have errors (listed above)".into());
    }

    // Request examples that cannot be reproduced are the pages' defects; say which and why.
    let mut req_total = 0;
    let mut req_defects = Vec::new();
    // `module::method` → the page, to name pages rather than tests in the report.
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    let mut resp_total = 0;
    // The response tests generated as ignored page defects (`module::method_response`).
    let mut defective = std::collections::BTreeSet::new();
    for svc in &spec.services {
        let mut d = ucloud_codegen::diag::Diagnostics::default();
        let p = plan::plan(svc, &mut d);
        for (a, n) in svc.actions.iter().zip(&p.actions) {
            pages.insert(
                format!("{}::{}", p.module, n.method),
                format!("{} ({})", a.source, a.name),
            );
            let has_response = a.examples.response.as_ref().is_some_and(|v| v.is_object());
            resp_total += usize::from(has_response);
            if has_response && !a.examples.response_defects.is_empty() {
                defective.insert(format!("{}::{}_response", p.module, n.method));
            }
            if a.examples.request.is_empty() {
                continue;
            }
            req_total += 1;
            if let Err(reasons) = examples::request_case(a, n) {
                req_defects.push(format!("{}: {} — {}", a.source, a.name, reasons.join("; ")));
            }
        }
    }

    let out = util::root().join("target/corpus").join(&name);
    ucloud_codegen::output::sync(&out, &files, ucloud_codegen::output::Mode::Write)
        .map_err(|e| e.to_string())?;
    let gen_time = started.elapsed();

    let mut report = serde_json::json!({
        "corpus": dir.display().to_string(),
        "pages": loaded.counts.files, "action_pages": loaded.counts.action_pages,
        "skipped_pages": loaded.counts.skipped, "excluded_pages": loaded.counts.excluded,
        "products": spec.services.len(),
        "actions": actions, "models": models, "inferred_models": inferred_models,
        "inferred_fields": inferred_fields,
        "diagnostics": counts.iter().map(|((s, k), n)| (format!("{s}:{k}"), *n)).collect::<BTreeMap<_, _>>(),
        "request_examples": req_total, "request_example_defects": req_defects,
        "response_examples": resp_total,
    });
    if build {
        let results = build_and_test(&out)?;
        let resp_ok = results
            .passed
            .iter()
            .filter(|t| t.ends_with("_response"))
            .count();
        let req_ok = results
            .passed
            .iter()
            .filter(|t| t.ends_with("_request"))
            .count();
        println!("response examples decoded   {resp_ok:>5} / {resp_total}");
        println!("request examples reproduced {req_ok:>5} / {req_total}");
        println!("  not reproducible (page defects): {}", req_defects.len());
        let dropped: usize = results.failures.iter().map(|(_, m)| dropped_count(m)).sum();
        println!("dropped fields (example fields the page's tables lack): {dropped}");
        let page_of = |test: &str| {
            let key = test
                .trim_end_matches("_response")
                .trim_end_matches("_request");
            pages.get(key).cloned().unwrap_or_else(|| test.to_string())
        };
        let (req_failed, resp_failed): (Vec<_>, Vec<_>) = results
            .failures
            .iter()
            .partition(|(t, _)| t.ends_with("_request"));
        println!(
            "response examples that are page defects (tests ignored): {}",
            defective.len()
        );
        // Every ignored test is run too: each must fail (the generator's judgement of a page
        // defect agrees with the runtime), and every failing response test must be one.
        let unexpected: Vec<_> = resp_failed
            .iter()
            .filter(|(t, _)| !defective.contains(t.as_str()))
            .collect();
        let passing_defects: Vec<&String> = results
            .passed
            .iter()
            .filter(|t| defective.contains(t.as_str()))
            .collect();
        for (test, msg) in &unexpected {
            println!("  FAILS, NOT A KNOWN PAGE DEFECT {}: {msg}", page_of(test));
        }
        for test in &passing_defects {
            println!("  IGNORED AS A PAGE DEFECT BUT PASSES {}", page_of(test));
        }
        // A request example is only tested when the page's tables can express it, so a
        // failure there is the generator's or the runtime's, never the page's.
        for (test, msg) in &req_failed {
            println!("  GENERATOR DEFECT {}: {msg}", page_of(test));
        }
        for d in &req_defects {
            println!("  request example defect: {d}");
        }
        report["build_seconds"] = results.build_seconds.into();
        report["response_decoded"] = resp_ok.into();
        report["request_reproduced"] = req_ok.into();
        report["dropped_fields"] = dropped.into();
        report["failures"] = results
            .failures
            .iter()
            .map(|(t, m)| serde_json::json!({"page": page_of(t), "test": t, "reason": m}))
            .collect();
        report["response_defects"] = defective.len().into();
        if !req_failed.is_empty() || !unexpected.is_empty() || !passing_defects.is_empty() {
            write_report(&name, &report)?;
            return Err(format!(
                "{} request example(s) do not encode as the page says, {} response example(s) \
                 fail without being known page defects, {} known defect(s) pass (generator \
                 defects, listed above)",
                req_failed.len(),
                unexpected.len(),
                passing_defects.len()
            ));
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

fn write_report(name: &str, report: &serde_json::Value) -> Result<(), String> {
    let path = util::root()
        .join("target/corpus")
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
        .env(
            "CARGO_TARGET_DIR",
            util::root().join("target/corpus/target"),
        )
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
