//! Every field of every generated struct ends its docs with its wire name (`Wire name:
//! `Disks.N.IsBoot``), over the checked-in SDK (`generated/products`, which the drift check keeps
//! equal to what the generator writes).

use crate::support;

use std::path::Path;

#[test]
fn every_generated_field_says_its_wire_name() {
    let products = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/products");
    let mut fields = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&products).expect("generated/products") {
        let path = entry.expect("an entry").path().join("src/lib.rs");
        let text = std::fs::read_to_string(&path).expect("a generated file");
        let mut last_doc: Option<&str> = None;
        let mut in_struct = false;
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with("pub struct ") && trimmed.ends_with('{') {
                in_struct = true;
            } else if trimmed == "}" {
                in_struct = false;
            } else if let Some(doc) = trimmed.strip_prefix("///") {
                last_doc = Some(doc);
                continue;
            } else if trimmed.starts_with("#[") {
                // An attribute (`#[deprecated]`) between a field's docs and the field.
                continue;
            } else if in_struct && trimmed.starts_with("pub ") {
                fields += 1;
                if !last_doc.is_some_and(|d| d.contains("Wire name: `")) {
                    problems.push(format!("{}: {trimmed}", path.display()));
                }
            }
            last_doc = None;
        }
    }
    assert!(fields > 20_000, "only {fields} fields read");
    assert!(
        problems.is_empty(),
        "{} fields without a wire name, e.g. {:?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
}

/// A parameter the page marks deprecated is `#[deprecated]` in Rust, its field and its setter
/// alike, and the generated module (which reads it) allows the lint; its neighbour is not.
#[test]
fn a_deprecated_parameter_is_deprecated_in_rust() {
    let page = std::fs::read_to_string(support::pages_dir().join("crlf.md"))
        .unwrap()
        .replace("\r\n", "\n")
        .replace(
            "| **Name** | string | 名称 |No|",
            "| **Name** | string | 名称（已废弃） |No|\n| **Size** | int | 大小 |No|",
        );
    let out = support::run_texts(&[(support::label("crlf"), page)]);
    assert!(!out.has_errors(), "{:?}", out.diagnostics);
    let (_, code) = out
        .files
        .iter()
        .find(|(path, _)| *path == &support::product_file("crlf"))
        .expect("the product's module");
    let attr = "#[deprecated(note = \"the documentation marks this parameter deprecated\")]";
    let marked = |item: &str| {
        let at = code
            .find(item)
            .unwrap_or_else(|| panic!("{item} is generated"));
        code[..at].trim_end().ends_with(attr)
    };
    assert!(marked("pub name: Option<String>"), "the field:\n{code}");
    assert!(marked("pub fn name("), "the setter:\n{code}");
    assert!(!marked("pub size: Option<i64>"), "a plain field:\n{code}");
    assert!(!marked("pub fn size("), "a plain setter:\n{code}");
    assert!(code.contains("#![allow(deprecated)]"), "{code}");
}
