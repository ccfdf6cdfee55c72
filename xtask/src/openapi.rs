//! `cargo xtask openapi`: write the OpenAPI 3.1 document of `specs/` and validate it with
//! Python's `openapi-spec-validator` (installed into a virtual environment under `target/`).

use crate::gen::{default_overrides, print_diagnostics};
use crate::util;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `cargo xtask openapi`.
#[derive(clap::Args)]
#[command(
    about = "Write target/openapi/ucloud.json (OpenAPI 3.1) from specs/ and validate it",
    long_about = "Writes the OpenAPI 3.1 document of the pages in specs/ (and \
                  specs/overrides.json) to target/openapi/ucloud.json, then validates it with \
                  openapi-spec-validator (PyPI, pinned) in a virtual environment \
                  target/openapi/venv, made on first use; request-body schemas, which that tool \
                  does not look into, are checked against the OpenAPI 3.1 schema dialect as well, \
                  and the page examples that are valid against their schemas are counted. Without \
                  python3 or the validator the validation is skipped with a message, except under \
                  CI=true, where it is a failure. Mapping: docs/openapi.md."
)]
pub struct Args {
    /// Write the document only
    #[arg(long)]
    no_validate: bool,
    /// Print every diagnostic, not only errors and the summary
    #[arg(long)]
    verbose: bool,
    /// Read the pages under DIR instead of specs/ (DIR/overrides.json applies)
    #[arg(long, value_name = "DIR")]
    specs: Option<PathBuf>,
    /// Apply FILE instead of the specs folder's overrides.json
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
    /// Write the document to FILE
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// The validator release the document is checked with.
pub const VALIDATOR: &str = "openapi-spec-validator==0.9.0";

/// The validation script (see its docstring): openapi-spec-validator on the whole document,
/// request-body schemas against the 3.1 dialect, and a count of the page examples that agree
/// with their schemas.
const CHECK: &str = include_str!("openapi/check.py");

pub fn run(args: Args) -> Result<(), String> {
    let root = util::root();
    let specs = args
        .specs
        .unwrap_or_else(|| util::shown(&root.join("specs")));
    let overrides = args.overrides.or_else(|| default_overrides(&specs));
    let out = args
        .out
        .unwrap_or_else(|| util::shown(&util::target_dir().join("openapi/ucloud.json")));
    write(&specs, overrides.as_deref(), &out, args.verbose)?;
    if args.no_validate {
        return Ok(());
    }
    match validator(&util::shown(&util::target_dir().join("openapi/venv"))) {
        Ok(python) => validate(&python, &out),
        Err(e) if util::in_ci() => Err(format!("{e} (CI=true requires the validator)")),
        Err(e) => {
            eprintln!("{e}; validation skipped (under CI=true this is a failure)");
            Ok(())
        }
    }
}

/// Exports the pages' document to `out`; fails when the pages have errors.
fn write(specs: &Path, overrides: Option<&Path>, out: &Path, verbose: bool) -> Result<(), String> {
    eprintln!("reading the pages …");
    let exported = ucloud_codegen::openapi::export(&[specs.to_path_buf()], overrides)
        .map_err(|e| e.to_string())?;
    print_diagnostics(&exported.diagnostics, verbose);
    let json = exported.json.as_ref().ok_or_else(|| {
        format!(
            "{}: the pages have errors (listed above); nothing written",
            specs.display()
        )
    })?;
    ucloud_codegen::openapi::write(out, json).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("{}", exported.summary(out));
    Ok(())
}

/// The Python of a virtual environment at `venv` with [`VALIDATOR`] installed, made and
/// installed when missing.
fn validator(venv: &Path) -> Result<PathBuf, String> {
    let python = venv.join("bin/python");
    if !python.is_file() {
        eprintln!("creating {} …", venv.display());
        run_quietly(Command::new("python3").arg("-m").arg("venv").arg(venv))
            .map_err(|e| format!("cannot make a Python virtual environment: {e}"))?;
    }
    let wanted = VALIDATOR.split("==").nth(1).unwrap_or_default();
    let installed = Command::new(&python)
        .args([
            "-c",
            "import importlib.metadata as m; print(m.version('openapi-spec-validator'))",
        ])
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == wanted);
    if !installed {
        eprintln!("pip install {VALIDATOR} …");
        run_quietly(&mut util::pip_install(&python, &[VALIDATOR]))
            .map_err(|e| format!("cannot install {VALIDATOR}: {e}"))?;
    }
    Ok(python)
}

fn validate(python: &Path, document: &Path) -> Result<(), String> {
    eprintln!("validating {} with {VALIDATOR} …", document.display());
    let status = Command::new(python)
        .arg("-c")
        .arg(CHECK)
        .arg(document)
        .status()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} is not a valid OpenAPI document",
            document.display()
        ))
    }
}

/// Runs `cmd`, showing its output only when it fails.
fn run_quietly(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}
