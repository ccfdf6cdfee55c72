//! The code generated from the hand-written pages (`tests/pages`, and the golden page of
//! `tests/golden`) must compile, not only parse: one crate with every page that has no error
//! (each page its own product), generated
//! by `ucloud-codegen generate --out DIR PAGES` (the binary cargo built for these tests, so
//! nothing is built twice) and checked with `cargo check --features full --all-targets` (the
//! example tests included), warnings denied.
//!
//! One test, so the crate is built once; the crate and its target dir stay under
//! `<target>/tmp/bad-pages/` between runs (inside cargo's target folder, wherever
//! `CARGO_TARGET_DIR` puts it), so a second run only rechecks what changed. It needs the
//! crates the SDK depends on (from crates.io, or cargo's cache).

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::{cases, label};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn cargo(dir: &Path, target: &Path) -> Command {
    let mut c = Command::new(env!("CARGO"));
    c.current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never");
    c
}

#[test]
fn pages_without_errors_generate_code_that_compiles() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-pages");
    let specs = root.join("specs");
    let _ = std::fs::remove_dir_all(&specs);

    let mut products = Vec::new();
    for case in cases() {
        // `gen` reads one overrides file for all products; the cases that need their own
        // are compiled by their snapshot only.
        if case.overrides.is_some() {
            continue;
        }
        let out = case.run();
        // Pages with errors are refused by `gen`; skipped pages make no module.
        let module = support::product_file(&case.name);
        if out.has_errors() || !out.files.contains_key(&module) {
            continue;
        }
        for (label, path) in &case.pages {
            let dest = specs.join(label);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(path, &dest).unwrap();
        }
        products.push(case.name);
    }
    // The golden page (`tests/golden.rs` compares its output with checked-in files; here
    // that same output is compiled).
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pages/demo-api");
    for entry in std::fs::read_dir(&golden).unwrap() {
        let entry = entry.unwrap();
        let dest = specs.join("demo-api").join(entry.file_name());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(entry.path(), &dest).unwrap();
    }
    products.push("demo".into());
    // The megabyte cells too.
    let huge = specs.join(label("huge_cell"));
    std::fs::create_dir_all(huge.parent().unwrap()).unwrap();
    std::fs::write(&huge, support::huge_page()).unwrap();
    products.push("huge_cell".into());
    assert!(products.len() >= 15, "only {products:?} generate code");
    // Products whose module names would collide (see `bad_pages::products_whose_names_collide`).
    let simple = support::pages_dir().join("crlf.md");
    for (folder, module) in [
        ("clash-a-api", "clash_a"),
        ("clash_a-api", "clash_a_2"),
        ("full-api", "full_2"),
        ("config-api", "config_2"),
    ] {
        let dest = specs.join(folder).join("x.md");
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&simple, &dest).unwrap();
        products.push(module.into());
    }

    let krate = root.join("crate");
    let status = Command::new(env!("CARGO_BIN_EXE_ucloud-codegen"))
        .arg("generate")
        .arg("--runtime-path")
        .arg(workspace().join("runtime"))
        .arg("--out")
        .arg(&krate)
        .arg(&specs)
        .status()
        .expect("ucloud-codegen runs");
    assert!(
        status.success(),
        "ucloud-codegen generate failed on {}",
        specs.display()
    );
    for p in &products {
        let module = krate.join(support::product_file(p));
        assert!(module.is_file(), "{} was not generated", module.display());
    }

    let out = cargo(&krate, &root.join("target"))
        // Warnings in generated code are errors too (dependencies' lints are capped).
        .env("RUSTFLAGS", "-D warnings")
        .args([
            "check",
            "--features",
            "full",
            "--all-targets",
            "--message-format",
            "short",
        ])
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error") || l.contains("warning"))
        .collect();
    assert!(
        out.status.success(),
        "the generated crate in {} does not compile:\n{}",
        krate.display(),
        if errors.is_empty() {
            stderr.as_ref().to_string()
        } else {
            errors.join("\n")
        }
    );
}
