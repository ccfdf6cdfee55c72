//! The report of `cargo xtask bench`: the targets and budgets from the issues, whether each
//! figure meets its own, and the table printed from `bench.json`.

use serde_json::{json, Value};

use super::{request, PHASES};

/// Targets and budgets from the issues; the table says which are met. (Lines per action are
/// reported, not targeted: the API serves its users, not a metric.)
const GEN_TARGET_S: f64 = 1.0;
/// Debug build of `ucloud-sdk --features full`, dependencies excluded, as a multiple of the
/// reference build timed in the same run (best of two each).
const FULL_BUILD_VS_REFERENCE: f64 = 5.5;
/// Debug build of one product (`uhub`), as a multiple of the reference build.
const UHUB_BUILD_VS_REFERENCE: f64 = 0.25;
/// Cold debug build of the dependencies, as a multiple of the reference build.
const DEPS_BUILD_VS_REFERENCE: f64 = 3.0;
const SPEEDUP_TARGET: f64 = 50.0;
const DECODE_VS_VALUE_TARGET: f64 = 1.0;
const ENCODE_SIGN_VS_SHA1_TARGET: f64 = 3.0;

/// How a figure is compared with its target.
#[derive(Clone, Copy, PartialEq)]
enum Cmp {
    Below,
    AtMost,
    AtLeast,
}

impl Cmp {
    fn met(self, value: f64, target: f64) -> bool {
        match self {
            Cmp::Below => value < target,
            Cmp::AtMost => value <= target,
            Cmp::AtLeast => value >= target,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Cmp::Below => "<",
            Cmp::AtMost => "≤",
            Cmp::AtLeast => "≥",
        }
    }
}

pub(super) fn targets(r: &Value) -> Value {
    let mut t = serde_json::Map::new();
    let mut check = |name: &str, value: Option<f64>, limit: f64, cmp: Cmp| {
        if let Some(v) = value {
            t.insert(
                name.into(),
                json!({
                    "value": v,
                    "target": limit,
                    "at_least": cmp == Cmp::AtLeast,
                    "cmp": cmp.symbol(),
                    "met": cmp.met(v, limit),
                }),
            );
        }
    };
    if r["corpus"] == json!(true) {
        check(
            "generation_s",
            r["generation"]["total_ms"].as_f64().map(|ms| ms / 1e3),
            GEN_TARGET_S,
            Cmp::Below,
        );
        check(
            "full_build_vs_reference",
            r["ratios"]["full_build_vs_reference"].as_f64(),
            FULL_BUILD_VS_REFERENCE,
            Cmp::AtMost,
        );
    }
    check(
        "uhub_build_vs_reference",
        r["ratios"]["uhub_build_vs_reference"].as_f64(),
        UHUB_BUILD_VS_REFERENCE,
        Cmp::AtMost,
    );
    check(
        "deps_build_vs_reference",
        r["ratios"]["deps_build_vs_reference"].as_f64(),
        DEPS_BUILD_VS_REFERENCE,
        Cmp::AtMost,
    );
    check(
        "decode_vs_value",
        r["request"]["decode_vs_value"].as_f64(),
        DECODE_VS_VALUE_TARGET,
        Cmp::AtMost,
    );
    check(
        "encode_sign_vs_sha1",
        r["request"]["encode_sign_vs_sha1"].as_f64(),
        ENCODE_SIGN_VS_SHA1_TARGET,
        Cmp::AtMost,
    );
    if let Some(speedups) = r["request_path"]["speedup"].as_object() {
        for (op, v) in speedups {
            check(
                &format!("speedup_{op}"),
                v.as_f64(),
                SPEEDUP_TARGET,
                Cmp::AtLeast,
            );
        }
    }
    Value::Object(t)
}

/// The report as printed: one row per figure, section by section, labels padded to the
/// longest. A section whose measurement was skipped (its key is absent) prints no rows.
pub(super) fn table(r: &Value) -> String {
    let rows = [
        machine_rows(&r["machine"]),
        generation_rows(&r["generation"]),
        crate_rows(&r["crate"]),
        build_rows(&r["crate"]),
        ratio_rows(&r["reference"], &r["ratios"]),
        request_path_rows(&r["request_path"]),
        request_rows(&r["request"]),
        target_rows(&r["targets"]),
    ]
    .concat();
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("{k:<width$}  {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One row of the table: its label and its value.
fn row(label: &str, value: String) -> (String, String) {
    (label.to_string(), value)
}

fn machine_rows(m: &Value) -> Vec<(String, String)> {
    vec![row(
        "machine",
        format!(
            "{} × {}, load {}",
            m["nproc"],
            m["cpu"].as_str().unwrap_or("?"),
            m["loadavg"].as_str().unwrap_or("?")
        ),
    )]
}

/// Part 1: medians over the `bench-gen` runs.
fn generation_rows(g: &Value) -> Vec<(String, String)> {
    if !g.is_object() {
        return Vec::new();
    }
    let phases = PHASES
        .iter()
        .map(|p| format!("{p} {:.0}", f(&g["phases_ms"][*p])))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        row(
            "generation: total (median)",
            format!(
                "{:.0} ms wall, {:.0} ms CPU, {} runs",
                f(&g["total_ms"]),
                f(&g["cpu_ms"]),
                g["runs"]
            ),
        ),
        row("generation: phases (ms)", phases),
        row(
            "generation: throughput",
            format!(
                "{:.0} action pages/s ({} pages read, {} action pages, {} actions)",
                f(&g["pages_per_s"]),
                g["files_read"],
                g["action_pages"],
                g["actions"]
            ),
        ),
        row(
            "generation: peak memory",
            format!("{:.0} MB (VmHWM)", f(&g["peak_rss_mb"])),
        ),
    ]
}

/// Part 2, the crate's size: always counted, even when the builds are skipped.
fn crate_rows(c: &Value) -> Vec<(String, String)> {
    vec![
        row(
            "crate: generated lines",
            format!(
                "{} ({} without doc comments) for {} actions",
                c["lines"], c["lines_without_docs"], c["actions"]
            ),
        ),
        row(
            "crate: lines per action",
            format!(
                "{:.1} ({:.1} without doc comments)",
                f(&c["lines_per_action"]),
                f(&c["lines_per_action_without_docs"])
            ),
        ),
    ]
}

/// Part 2, the crate's builds: only when they ran (`--skip-build` leaves no `full_build_s`).
fn build_rows(c: &Value) -> Vec<(String, String)> {
    if !c["full_build_s"].is_number() {
        return Vec::new();
    }
    let deps = match c["deps_build_s"].as_f64() {
        Some(s) => format!(
            "{s:.1} s wall, {:.1} s CPU, measured {}",
            f(&c["deps_build_cpu_s"]),
            c["deps_measured"].as_str().unwrap_or("")
        ),
        None => c["deps_measured"].as_str().unwrap_or("").to_string(),
    };
    let mut rows = vec![row("build (debug): dependencies", deps)];
    if let Some(slowest) = slowest_deps(&c["deps_units"]) {
        rows.push(row("build (debug): dependencies, slowest (s)", slowest));
    }
    rows.push(row(
        "build (debug): crate, --features full",
        format!("{:.1} s", f(&c["full_build_s"])),
    ));
    if c["uhub_build_s"].is_number() {
        rows.push(row(
            "build (debug): crate, --features uhub",
            format!("{:.1} s", f(&c["uhub_build_s"])),
        ));
    }
    rows
}

/// The reference build and each build as a multiple of it.
fn ratio_rows(reference: &Value, ratios: &Value) -> Vec<(String, String)> {
    let Some(best) = reference["build_s"].as_f64() else {
        return Vec::new();
    };
    let samples: Vec<String> = reference["samples_s"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| format!("{:.1}", f(s)))
        .collect();
    let mut rows = vec![row(
        "reference build (syn + regex, cold, best)",
        format!("{best:.1} s (runs: {} s)", samples.join(", ")),
    )];
    for (key, label) in [
        (
            "full_build_vs_reference",
            "crate --features full / reference",
        ),
        (
            "uhub_build_vs_reference",
            "crate --features uhub / reference",
        ),
        ("deps_build_vs_reference", "dependencies (cold) / reference"),
    ] {
        if let Some(x) = ratios[key].as_f64() {
            rows.push(row(label, format!("{x:.2}×")));
        }
    }
    rows
}

/// The eight slowest dependency crates and the total they belong to; `None` when cargo's
/// timings were not read.
fn slowest_deps(units: &Value) -> Option<String> {
    let top: Vec<String> = units["slowest"]
        .as_array()?
        .iter()
        .take(8)
        .map(|u| format!("{} {:.1}", u["crate"].as_str().unwrap_or("?"), f(&u["s"])))
        .collect();
    Some(format!(
        "{} (of {:.0} s in {} crates)",
        top.join(", "),
        f(&units["sum_s"]),
        units["crates"]
    ))
}

/// Part 3 (and 4 when Python ran): one row per operation of the request path.
fn request_path_rows(rp: &Value) -> Vec<(String, String)> {
    if !rp.is_object() {
        return Vec::new();
    }
    request::OPS
        .iter()
        .map(|op| row(&format!("request path: {op}"), request_path_text(rp, op)))
        .collect()
}

/// One operation's times: Rust against Python as a ratio when Python measured it, Rust
/// alone otherwise.
fn request_path_text(rp: &Value, op: &str) -> String {
    let rust = f(&rp["rust_ns"][op]);
    let py = &rp["python"]["ns"][op];
    if py.is_number() {
        format!(
            "Rust {} | Python {} | {:.0}× (fastest samples: {} | {} | {:.0}×)",
            time(rust),
            time(f(py)),
            f(&rp["speedup"][op]),
            time(f(&rp["rust_best_ns"][op])),
            time(f(&rp["python"]["best_ns"][op])),
            f(&rp["speedup_best"][op]),
        )
    } else {
        format!(
            "Rust {} (fastest sample {})",
            time(rust),
            time(f(&rp["rust_best_ns"][op]))
        )
    }
}

/// Part 3: the request path against its floors, measured in the same run.
fn request_rows(q: &Value) -> Vec<(String, String)> {
    if !q.is_object() {
        return Vec::new();
    }
    vec![
        row(
            "request: decode ÷ Value parse",
            format!(
                "{:.2} (fastest samples {:.2}); {:.0} MB/s on {} bytes",
                f(&q["decode_vs_value"]),
                f(&q["decode_vs_value_best"]),
                f(&q["decode_mb_s"]),
                q["body_bytes"]
            ),
        ),
        row(
            "request: encode+sign ÷ SHA-1",
            format!(
                "{:.2} (fastest samples {:.2}); {} parameters, {} bytes signed",
                f(&q["encode_sign_vs_sha1"]),
                f(&q["encode_sign_vs_sha1_best"]),
                q["params"],
                q["string_to_sign_bytes"]
            ),
        ),
    ]
}

/// Each target that could be checked, met or missed (see [`targets`]).
fn target_rows(t: &Value) -> Vec<(String, String)> {
    let Some(t) = t.as_object() else {
        return Vec::new();
    };
    t.iter()
        .map(|(name, v)| {
            let cmp = v["cmp"].as_str().unwrap_or("?");
            let verdict = if v["met"] == json!(true) {
                "met"
            } else {
                "MISSED"
            };
            row(
                &format!("target {name}"),
                format!("{:.2} {cmp} {} : {verdict}", f(&v["value"]), v["target"]),
            )
        })
        .collect()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn time(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_say_met_or_missed() {
        let r = json!({
            "corpus": true,
            "generation": { "total_ms": 800.0 },
            "crate": { "lines_per_action": 70.0 },
            "ratios": {
                "full_build_vs_reference": 5.5,
                "uhub_build_vs_reference": 0.3,
                "deps_build_vs_reference": 2.0,
            },
            "request_path": { "speedup": { "encode": 60.0, "decode": 10.0 } },
            "request": { "decode_vs_value": 1.0, "encode_sign_vs_sha1": 3.5 },
        });
        let t = targets(&r);
        assert_eq!(t["generation_s"]["met"], json!(true));
        assert_eq!(t["lines_per_action"], Value::Null, "reported, not a target");
        assert_eq!(
            t["full_build_vs_reference"]["met"],
            json!(true),
            "at most: equal meets"
        );
        assert_eq!(t["uhub_build_vs_reference"]["met"], json!(false));
        assert_eq!(t["deps_build_vs_reference"]["met"], json!(true));
        assert_eq!(t["speedup_encode"]["met"], json!(true));
        assert_eq!(t["speedup_decode"]["met"], json!(false));
        assert_eq!(
            t["decode_vs_value"]["met"],
            json!(true),
            "at most: equal meets"
        );
        assert_eq!(t["encode_sign_vs_sha1"]["met"], json!(false));
    }
}
