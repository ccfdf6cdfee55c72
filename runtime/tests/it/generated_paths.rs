//! Generated code names only what this list allows of the runtime: the public API a user
//! also sees, and the sealed `__private` module the generator alone may use. A new path
//! in `generated/` is a widening of the runtime's contract, to be decided here, not by
//! accident in an emitter.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The runtime paths generated code may name, as path prefixes after the crate.
const ALLOWED: &[&str] = &[
    // The sealed contract: the generator's alone, documented as not for users.
    "__private",
    // The generator's macros (hidden, exported at the crate root as `macro_export` needs).
    "model",
    "request",
    "open_enum",
    "open_int_enum",
    // The public API, re-exported or used by generated clients, waiters and tests.
    "Action",
    "CallOptions",
    "Client",
    "Config",
    "ConfigBuilder",
    "Credentials",
    "Environment",
    "Error",
    "ExtraParams",
    "Extras",
    "Paging",
    "Request",
    "Response",
    "Result",
    "RetryPolicy",
    "Secret",
    "Stream",
    "Waiter",
    "wait::states",
    "serde_json",
    "testing",
];

#[test]
fn generated_code_names_only_allowed_runtime_paths() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("products"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    assert!(
        files.len() > 80,
        "found only {} generated files under {}",
        files.len(),
        root.display()
    );
    let mut named = BTreeSet::new();
    let mut bad = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (line_no, line) in text.lines().enumerate() {
            for path in runtime_paths(line) {
                if !allowed(&path) {
                    bad.insert(format!(
                        "{}:{}: runtime::{path}",
                        file.display(),
                        line_no + 1
                    ));
                }
                named.insert(path);
            }
        }
    }
    assert!(
        bad.is_empty(),
        "runtime paths not on the allow-list:\n{}",
        Vec::from_iter(bad).join("\n")
    );
    // The scan sees what it must: the sealed module and the macros are used.
    for expected in [
        "__private::examples::assert_request_example",
        "model",
        "request",
        "open_enum",
    ] {
        assert!(
            named.contains(expected),
            "the scan found no `runtime::{expected}`: {named:?}"
        );
    }
}

#[test]
fn the_scan_finds_paths_in_groups_and_rejects_others() {
    let paths = runtime_paths(
        "use crate::runtime::{model, request}; ucloud_sdk_runtime::decode::Key::new(x)",
    );
    assert_eq!(paths, ["model", "request", "decode::Key::new"]);
    assert!(allowed("wait::states::Done"));
    assert!(!allowed("decode::Key::new"));
    assert!(!allowed("ClientX"));
}

fn allowed(path: &str) -> bool {
    ALLOWED.iter().any(|a| {
        path == *a
            || path
                .strip_prefix(a)
                .is_some_and(|rest| rest.starts_with("::"))
    })
}

/// The paths after each `runtime::` or `ucloud_sdk_runtime::` of a line; a `{a, b}` group
/// gives one path per item.
fn runtime_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("runtime::") {
        let before = &rest[..at];
        let prefix_ok = before.is_empty()
            || before.ends_with("ucloud_sdk_")
            || !before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "runtime::".len()..];
        if !prefix_ok {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let item = path_prefix(item.trim());
                if !item.is_empty() {
                    out.push(item.to_owned());
                }
            }
        } else {
            out.push(path_prefix(rest).to_owned());
        }
    }
    out
}

/// The leading `a::b::c` of a text: identifiers joined by `::`, ending before anything else.
fn path_prefix(text: &str) -> &str {
    let mut end = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphanumeric() || c == b'_' {
            i += 1;
            end = i;
        } else if text[i..].starts_with("::")
            && text[i + 2..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            i += 2;
        } else {
            break;
        }
    }
    &text[..end]
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
