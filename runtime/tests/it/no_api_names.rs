//! The runtime holds no list of the API's names: which actions only read state, how lists
//! are paged, which parameters an action takes are facts of the spec that generated code
//! passes in. The only wire names its code may spell are the protocol's own.
//!
//! Every string literal of `src/` that is one capitalised word (`"Offset"`, `"Describe"`,
//! `"GetRepoImage"`) must be one of those protocol names, or a name of the runtime's own
//! (a type it defines, for `Debug`; an environment variable; a serde rename rule). Test
//! code is not searched. The credential providers are exempt: they are clients of two fixed
//! services (the instance metadata service and STS's `AssumeRole`), not rules about the API.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The protocol's own wire names (decisions: Action, PublicKey, Signature, SecurityToken,
/// RetCode, Message, Region, Zone, ProjectId).
const PROTOCOL: &[&str] = &[
    "Action",
    "PublicKey",
    "Signature",
    "SecurityToken",
    "RetCode",
    "Message",
    "Region",
    "Zone",
    "ProjectId",
];

/// Words that are not the API's: `Debug` output (`None`, `Some`), environment variables,
/// serde's rename rule, the placeholder of list indices in wire paths (`Disks.N.IsBoot`),
/// the UTC designator of timestamps, and an error message's word.
const NOT_API: &[&str] = &[
    "None",
    "Some",
    "HOME",
    "USERPROFILE",
    "PascalCase",
    "N",
    "Z",
    "ASCII",
    "Serialize",
];

/// Folders whose code speaks a fixed protocol of its own (see the module docs).
const EXEMPT: &[&str] = &["credentials"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !EXEMPT.contains(&name.as_str()) {
                sources(&path, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push(path);
        }
    }
}

/// The code of a file without its test module and comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `"Word"` literals: a capital letter, then letters and digits only.
fn capitalised_literals(code: &str) -> Vec<String> {
    code.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            let mut chars = s.chars();
            chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_alphanumeric())
        })
        .map(str::to_owned)
        .collect()
}

/// The names of the types and traits `code` defines.
fn defined_types(code: &str) -> impl Iterator<Item = String> + '_ {
    code.split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| matches!(w[0], "struct" | "enum" | "trait" | "type"))
        .map(|w| {
            w[1].chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect::<Vec<String>>()
        .into_iter()
}

#[test]
fn the_runtime_spells_no_api_names_but_the_protocol_s() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut all_code = String::new();
    for f in &files {
        all_code.push_str(&code(&std::fs::read_to_string(f).unwrap()));
    }
    // Type names from the whole crate, the exempt folders too (`Debug` names them).
    let mut every = Vec::new();
    sources(&src, &mut every);
    for dir in EXEMPT {
        sources(&src.join(dir), &mut every);
    }
    let mut types = BTreeSet::new();
    for f in &every {
        types.extend(defined_types(&code(&std::fs::read_to_string(f).unwrap())));
    }
    let mut found = BTreeSet::new();
    for f in &files {
        let text = code(&std::fs::read_to_string(f).unwrap());
        for word in capitalised_literals(&text) {
            let allowed = PROTOCOL.contains(&word.as_str())
                || NOT_API.contains(&word.as_str())
                || types.contains(&word);
            if !allowed {
                found.insert(format!(
                    "{}: {word:?}",
                    f.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "API names in the runtime (they belong to the spec, passed in by generated code):\n{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_check_finds_an_action_name_list() {
    let code = code("const READ_ONLY: &[&str] = &[\"Describe\", \"Get\"]; // \"List\"\n");
    assert_eq!(capitalised_literals(&code), ["Describe", "Get"]);
    assert_eq!(
        defined_types("pub struct Paging { x: u8 }").collect::<Vec<_>>(),
        ["Paging"]
    );
}
