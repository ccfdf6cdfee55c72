//! Parts 3 and 4 of `cargo xtask bench`: the request path with criterion in the generated
//! crate, its floor references, and the same work in UCloud's Python SDK.

use super::{cargo, mkdir};
use crate::util;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Stdio};

const INSTANCES: usize = 100;

/// `describe_uhost_instance.json`: the page's response example with its instance repeated
/// to 100 instances (each with its own id).
pub(super) fn write_response(source: &Path, inputs: &Path) -> Result<(), String> {
    let page = source.join("uhost-api/describe_uhost_instance.md");
    let text = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let mut diags = ucloud_codegen::diag::Diagnostics::default();
    let spec = ucloud_codegen::parse::parse_page(&page.to_string_lossy(), &text, &mut diags)
        .map_err(|_| format!("{}: not an action page", page.display()))?;
    let mut example = spec
        .action
        .examples
        .response
        .ok_or_else(|| format!("{}: no response example", page.display()))?;
    let one = example["UHostSet"][0].clone();
    if !one.is_object() {
        return Err(format!("{}: the example has no UHostSet", page.display()));
    }
    let set: Vec<Value> = (0..INSTANCES)
        .map(|i| {
            let mut host = one.clone();
            host["UHostId"] = json!(format!("uhost-{i:05}"));
            host["Name"] = json!(format!("host-{i}"));
            host
        })
        .collect();
    example["UHostSet"] = Value::Array(set);
    example["TotalCount"] = json!(INSTANCES);
    let path = inputs.join("describe_uhost_instance.json");
    let text = serde_json::to_string(&example).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

const CRITERION: &str = r#"criterion = { version = "0.5", default-features = false, features = ["cargo_bench_support"] }"#;
const BENCH_NAME: &str = "request_path";
const DEV_DEPENDENCIES: &str = "\n[dev-dependencies]\n";

/// Copies the bench into the generated crate, adds criterion to that crate only, runs it;
/// returns the median and the fastest sample per operation, in nanoseconds.
pub(super) fn rust_request_path(
    root: &Path,
    bench: &Path,
    sdk: &Path,
    inputs: &Path,
) -> Result<(Value, Value), String> {
    let src = root.join("xtask/benches-src/request_path.rs");
    mkdir(&sdk.join("benches"))?;
    std::fs::copy(&src, sdk.join("benches/request_path.rs"))
        .map_err(|e| format!("{}: {e}", src.display()))?;
    let manifest = sdk.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    // Generation writes the manifest without dev-dependencies; an older bench's are replaced.
    let text = match text.find(DEV_DEPENDENCIES) {
        Some(at) => text[..at].to_owned(),
        None => text,
    };
    // The runtime's `bench` feature has the client's steps without network; sha1 is the
    // floor reference for signing (the version the runtime signs with).
    let runtime = util::slashes(&root.join("runtime"));
    let text = text + &format!(
        "{DEV_DEPENDENCIES}{CRITERION}\nsha1 = \"0.10\"\nucloud-sdk-runtime = {{ path = \"{runtime}\", features = [\"bench\"] }}\n\n[[bench]]\nname = \"{BENCH_NAME}\"\nharness = false\nrequired-features = [\"uhost\"]\n"
    );
    std::fs::write(&manifest, text).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let target = bench.join("sdk-target");
    println!(
        "request path: cargo bench (criterion) in {} …",
        sdk.display()
    );
    let status = Command::new(cargo())
        .args([
            "bench",
            "--quiet",
            "--features",
            "uhost",
            "--bench",
            BENCH_NAME,
            "--",
        ])
        .args(["--warm-up-time", "1", "--measurement-time", "3", "--noplot"])
        .env("CARGO_TARGET_DIR", &target)
        .env("BENCH_INPUTS", inputs)
        .current_dir(sdk)
        .stdout(Stdio::inherit())
        .status()
        .map_err(|e| format!("cargo bench: {e}"))?;
    if !status.success() {
        return Err("cargo bench failed".into());
    }
    let (mut median, mut best) = (serde_json::Map::new(), serde_json::Map::new());
    for op in OPS {
        let dir = target.join(format!("criterion/{BENCH_NAME}/{op}/new"));
        let estimates = read_json(&dir.join("estimates.json"))?;
        median.insert(op.into(), estimates["median"]["point_estimate"].clone());
        // The fastest sample: the least disturbed by other work on a shared machine.
        let sample = read_json(&dir.join("sample.json"))?;
        let per_iter = sample["iters"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(sample["times"].as_array().into_iter().flatten())
            .filter_map(|(n, t)| Some(t.as_f64()? / n.as_f64()?))
            .fold(f64::INFINITY, f64::min);
        best.insert(op.into(), json!(per_iter));
    }
    Ok((Value::Object(median), Value::Object(best)))
}

/// The client's operations, then the floor references.
pub(super) const OPS: [&str; 6] = [
    "encode",
    "sign",
    "encode_sign",
    "decode",
    "value_parse",
    "sha1",
];

/// `request` in bench.json: the client's operations against their floors, measured in the
/// same run on the same inputs. `decode_vs_value` is the typed decode over parsing the same
/// body into a `serde_json::Value`; `encode_sign_vs_sha1` is encode + sign over SHA-1 of the
/// exact text signed; `decode_mb_s` the decode throughput. `_best` uses the fastest samples.
pub(super) fn floors(request_path: &Value, inputs: &Path) -> Result<Value, String> {
    let sizes = read_json(&inputs.join("sizes.json"))?;
    let body_bytes = sizes["body_bytes"].as_f64().unwrap_or(f64::NAN);
    let mut out = json!({
        "body_bytes": sizes["body_bytes"],
        "string_to_sign_bytes": sizes["string_to_sign_bytes"],
        "params": sizes["params"],
    });
    for (suffix, ns) in [
        ("", &request_path["rust_ns"]),
        ("_best", &request_path["rust_best_ns"]),
    ] {
        let ns = |op: &str| ns[op].as_f64().unwrap_or(f64::NAN);
        out[format!("decode_vs_value{suffix}")] = json!(ns("decode") / ns("value_parse"));
        out[format!("encode_sign_vs_sha1{suffix}")] = json!(ns("encode_sign") / ns("sha1"));
        out[format!("decode_mb_s{suffix}")] = json!(body_bytes / ns("decode") * 1e3);
    }
    Ok(out)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The Python SDK in `target/bench/venv` (made and installed on first use) on the inputs
/// the Rust bench wrote.
pub(super) fn python_request_path(
    root: &Path,
    bench: &Path,
    inputs: &Path,
) -> Result<Value, String> {
    let venv = bench.join("venv");
    let python = venv.join("bin/python");
    if !python.is_file() {
        println!("python: creating {} …", venv.display());
        run_ok(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    let installed = Command::new(&python)
        .args(["-c", "import ucloud.services.uhost"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        println!("python: pip install ucloud-sdk-python3 …");
        run_ok(&mut util::pip_install(&python, &["ucloud-sdk-python3"]))?;
    }
    println!("python: timing ucloud-sdk-python3 …");
    let script = root.join("xtask/benches-src/python_request_path.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(inputs)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    if !out.status.success() {
        return Err(format!("{} failed", script.display()));
    }
    let v: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("{} printed no JSON: {e}", script.display()))?;
    if v["same_params_as_rust"] != json!(true) {
        return Err(format!(
            "the Python SDK sends different parameters for the same request: {}",
            v["differences"]
        ));
    }
    Ok(v)
}

fn run_ok(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed"))
    }
}

/// Python time over Rust time, per operation both have.
pub(super) fn ratios(rust: &Value, python: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for op in OPS {
        if let (Some(r), Some(p)) = (rust[op].as_f64(), python[op].as_f64()) {
            if r > 0.0 {
                out.insert(op.into(), json!(p / r));
            }
        }
    }
    Value::Object(out)
}
