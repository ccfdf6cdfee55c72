//! The `ucloud-codegen` binary on inputs that are not pages: it must exit non-zero with a
//! message naming the path, and never panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ucloud-codegen"))
}

/// A fresh folder under the target dir (`CARGO_TARGET_TMPDIR`), removed first if left over.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
    (
        status.code(),
        String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
    )
}

/// Runs `parse` and `generate --out` on `path`; both must fail with `needle` and the path
/// on stderr, and `generate` must not write anything.
fn both_fail(dir: &Path, path: &Path, needle: &str) {
    let shown = path.display().to_string();
    let (code, _, err) = run(bin().arg("parse").arg(path));
    assert!(
        matches!(code, Some(c) if c != 0),
        "parse exit {code:?}: {err}"
    );
    assert!(err.contains(&shown), "parse should name {shown}: {err}");
    assert!(err.contains(needle), "parse should say {needle:?}: {err}");

    let out = dir.join("out");
    let (code, _, err) = run(bin().arg("generate").arg("--out").arg(&out).arg(path));
    assert!(
        matches!(code, Some(c) if c != 0),
        "generate exit {code:?}: {err}"
    );
    assert!(err.contains(&shown), "generate should name {shown}: {err}");
    assert!(
        err.contains(needle),
        "generate should say {needle:?}: {err}"
    );
    assert!(
        !out.exists(),
        "generate wrote {} despite the error",
        out.display()
    );
}

#[test]
fn missing_path() {
    let dir = scratch("missing");
    let path = dir.join("no-such-folder");
    both_fail(&dir, &path, "cannot read");
}

#[test]
fn empty_folder() {
    let dir = scratch("empty");
    let path = dir.join("pages");
    std::fs::create_dir(&path).unwrap();
    both_fail(&dir, &path, "no .md files");
    // Files that are not `.md` do not count either.
    std::fs::write(path.join("notes.txt"), "# T - A\n").unwrap();
    both_fail(&dir, &path, "no .md files");
}

#[test]
fn binary_file() {
    let dir = scratch("binary");
    let path = dir.join("page.md");
    let mut bytes = b"# T - A\n\n### \xe8\xaf\xb7\xe6\xb1\x82\xe5\x8f\x82\xe6\x95\xb0\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    std::fs::write(&path, bytes).unwrap();
    both_fail(&dir, &path, "binary file");
    // Named explicitly, a file is read whatever its extension.
    let exe = dir.join("tool");
    std::fs::copy(env!("CARGO_BIN_EXE_ucloud-codegen"), &exe).unwrap();
    both_fail(&dir, &exe, "binary file");
}

#[test]
fn non_utf8_file() {
    let dir = scratch("latin1");
    let path = dir.join("page.md");
    // `# 标题 - A` in GBK, as an editor on a Chinese Windows might save it.
    std::fs::write(
        &path,
        b"# \xb1\xea\xcc\xe2 - GetThing\n\n### Request Parameters\n",
    )
    .unwrap();
    both_fail(&dir, &path, "not UTF-8");
}

#[test]
fn folder_without_action_pages() {
    let dir = scratch("no-actions");
    let path = dir.join("uhub-api");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("README.md"), "# UHub\n\nSee the pages.\n").unwrap();
    std::fs::write(path.join("notes.md"), "# Notes\n\nNothing here.\n").unwrap();
    // `parse` reports an empty spec (the pages are skipped, which is not an error) ...
    let (code, json, err) = run(bin().arg("parse").arg(&path));
    assert_eq!(code, Some(0), "{err}");
    let spec: serde_json::Value = serde_json::from_str(&json).expect("parse prints JSON");
    assert_eq!(spec["services"], serde_json::json!([]));
    // ... but `generate` has nothing to generate.
    let out = dir.join("out");
    let (code, _, err) = run(bin().arg("generate").arg("--out").arg(&out).arg(&path));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no action pages"), "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(!out.exists());
}

#[test]
fn one_bad_path_among_good_ones() {
    let dir = scratch("mixed");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let bad = dir.join("typo");
    let (code, json, err) = run(bin().arg("parse").arg(&good).arg(&bad));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&bad.display().to_string()), "{err}");
    assert!(json.is_empty(), "no partial output: {json}");
}

#[test]
fn generate_writes_the_files_and_parse_agrees() {
    let dir = scratch("generate");
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let out = dir.join("out");
    let (code, _, err) = run(bin().arg("generate").arg("--out").arg(&out).arg(&specs));
    assert_eq!(code, Some(0), "{err}");
    let (code, json, err) = run(bin().arg("parse").arg(&specs));
    assert_eq!(code, Some(0), "{err}");
    let spec: serde_json::Value = serde_json::from_str(&json).unwrap();
    let services = spec["services"].as_array().unwrap();
    assert!(!services.is_empty());
    assert!(out.join("Cargo.toml").is_file());
    for svc in services {
        let module = svc["name"].as_str().unwrap().replace(['-', '.'], "_");
        let file = out.join(crate::support::product_file(&module));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for action in svc["actions"].as_array().unwrap() {
            let name = action["name"].as_str().unwrap();
            assert!(
                text.contains(&format!("\"{name}\"")),
                "{} lacks action {name}",
                file.display()
            );
        }
    }
}

#[test]
fn generate_refuses_pages_with_errors() {
    let dir = scratch("errors");
    let pages = dir.join("x-api");
    std::fs::create_dir(&pages).unwrap();
    // A title whose action is not an identifier is an error.
    std::fs::write(
        pages.join("bad.md"),
        "# 坏 - 3Bad Name\n\n# Request Parameters\n|Parameter name|Type|Description|Required|\n|---|---|---|---|\n|A|string|a|No|\n\n# Response Elements\n|Parameter name|Type|Description|Required|\n|---|---|---|---|\n|B|int|b|No|\n",
    )
    .unwrap();
    let out = dir.join("out");
    let (code, _, err) = run(bin().arg("generate").arg("--out").arg(&out).arg(&pages));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("[bad-action-name]"), "{err}");
    assert!(err.contains("bad.md:1:"), "{err}");
    assert!(!out.exists());
}

#[test]
fn usage_errors() {
    // clap's own errors: exit 2, no panic.
    let (code, _, err) = run(bin().arg("parse"));
    assert_eq!(code, Some(2), "{err}");
    let (code, _, err) = run(bin().arg("generate").arg("specs"));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--out"), "{err}");
    let (code, _, _) = run(bin().arg("frobnicate"));
    assert_eq!(code, Some(2));
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_not_read() {
    let dir = scratch("devices");
    // `/dev/zero` never ends: reading it whole would exhaust memory.
    both_fail(&dir, Path::new("/dev/zero"), "not a regular file");
    // Opening a FIFO nobody writes to would block forever.
    let fifo = dir.join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        both_fail(&dir, &fifo, "not a regular file");
        // Found in a folder, too.
        both_fail(&dir, &dir, "not a regular file");
    }
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let dir = scratch("huge");
    let path = dir.join("page.md");
    // Sparse: no 65 MiB are written.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(65 << 20).unwrap();
    drop(f);
    both_fail(&dir, &path, "larger than 64 MiB");
}
