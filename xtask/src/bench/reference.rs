//! The reference build the bench's build times are divided by: a fixed crate that depends on
//! syn 2.0.111 (features full, extra-traits, visit, visit-mut, fold) and regex 1.11.1, built
//! cold in debug in a target folder of its own, best of two. Absolute build times vary by
//! half between runs and machines; a ratio to a build timed in the same run varies far less,
//! so budgets are stated as ratios (see `docs/performance.md`).

use super::{cargo_time, mkdir};
use serde_json::{json, Value};
use std::path::Path;

const MANIFEST: &str = r#"[package]
name = "bench-reference"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
syn = { version = "=2.0.111", features = ["full", "extra-traits", "visit", "visit-mut", "fold"] }
regex = "=1.11.1"

[workspace]
"#;

/// Its dependencies' versions, pinned so the reference stays the same build.
const LOCKFILE: &str = include_str!("../../benches-src/reference.lock");

/// How many cold builds; the best counts.
const RUNS: usize = 2;

/// Builds the reference crate cold `RUNS` times under `bench/reference`; the best time and
/// every sample, in seconds.
pub(super) fn build(bench: &Path) -> Result<Value, String> {
    let dir = bench.join("reference");
    let target = dir.join("target");
    mkdir(&dir.join("src"))?;
    write(&dir.join("Cargo.toml"), MANIFEST)?;
    write(&dir.join("Cargo.lock"), LOCKFILE)?;
    write(&dir.join("src/lib.rs"), "")?;
    // Download first, so the timed builds measure compiling only.
    cargo_time(&dir, &target, &["fetch", "--locked"])?;
    let mut samples = Vec::new();
    for run in 1..=RUNS {
        println!("reference build: syn + regex, cold ({run} of {RUNS}) …");
        let _ = std::fs::remove_dir_all(&target);
        samples.push(cargo_time(
            &dir,
            &target,
            &["build", "--locked", "--offline"],
        )?);
    }
    let best = samples.iter().copied().fold(f64::INFINITY, f64::min);
    Ok(json!({ "build_s": best, "samples_s": samples }))
}

/// `value / reference`, when both are known and the reference is not zero.
pub(super) fn ratio(value: &Value, reference: &Value) -> Value {
    match (value.as_f64(), reference.as_f64()) {
        (Some(v), Some(r)) if r > 0.0 => json!(v / r),
        _ => Value::Null,
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
