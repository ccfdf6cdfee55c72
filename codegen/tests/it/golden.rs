//! Golden-file test: a hand-written page in UCloud's current format that exercises nested
//! request parameters, a self-referencing model, a keyword name, a base64 password and
//! pagination is generated and compared with the checked-in output. `UPDATE_GOLDEN=1`
//! rewrites the expected files after a deliberate change. The same page's output is compiled
//! (and its example tests checked) by `compile_pages.rs`.

use std::path::Path;
use ucloud_codegen::emit;

#[test]
fn generated_files_match_golden() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let loaded = ucloud_codegen::load_spec(&[dir.join("pages")]).expect("golden pages load");
    let mut diags = loaded.diagnostics;
    // The version is the release's (`specs/release.json`): `cargo xtask release` raises it
    // and rewrites these golden files.
    let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/release.json");
    let opts = emit::Options {
        command: "cargo xtask gen".into(),
        runtime: emit::Runtime::Workspace,
        docs_source: None,
        version: ucloud_codegen::release::Release::read(&release)
            .expect("specs/release.json")
            .version,
    };
    let files = emit::generate(&loaded.spec, &opts, &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.items);
    let expected = dir.join("expected");
    for (rel, text) in &files {
        let path = expected.join(rel);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
        assert_eq!(
            *text,
            want,
            "{} differs from the golden file",
            path.display()
        );
    }
    // No golden file the generator no longer writes (a moved or dropped file).
    let mut stale = Vec::new();
    let mut stack = vec![expected.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&expected)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !files.contains_key(&rel) {
                stale.push(rel);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "golden files the generator no longer writes: {stale:?} (delete them)"
    );
}

#[test]
fn generation_is_deterministic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pages");
    let run = || {
        let loaded = ucloud_codegen::load_spec(std::slice::from_ref(&dir)).unwrap();
        let mut diags = loaded.diagnostics;
        let opts = emit::Options {
            command: "x".into(),
            runtime: emit::Runtime::Version(emit::RUNTIME_VERSION.into()),
            docs_source: None,
            version: "0.0.0".into(),
        };
        emit::generate(&loaded.spec, &opts, &mut diags)
    };
    assert_eq!(run(), run());
}
