//! Shared by the integration tests: running the pipeline on pages the way the CLI does, a
//! summary of the generated API, and a tiny snapshot helper.

#![allow(dead_code)] // each test crate uses a different part

use std::path::{Path, PathBuf};
use ucloud_codegen::diag::{Diagnostic, Severity};
use ucloud_codegen::{emit, load};

/// `codegen/tests/pages`.
pub fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

/// The hand-written pages, sorted by file name.
pub fn pages() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(pages_dir())
        .expect("tests/pages exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

/// A page's product folder and label: each page is its own product, `<stem>-api/<stem>.md`,
/// so the pages do not share models and every page's diagnostics are its own.
pub fn label(stem: &str) -> String {
    format!("{stem}-api/{stem}.md")
}

/// What the pipeline made of some pages.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub files: emit::Files,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads (as the CLI does: NUL bytes and bad UTF-8 are diagnostics), parses, resolves and
/// emits `(label, path)` pages.
pub fn run_files(files: &[(String, PathBuf)]) -> Outcome {
    run_with(files, load::read_all(files), None)
}

/// The same from page texts, without the file system.
pub fn run_texts(pages: &[(String, String)]) -> Outcome {
    let files: Vec<(String, PathBuf)> = pages
        .iter()
        .map(|(label, _)| (label.clone(), PathBuf::from(label)))
        .collect();
    let texts = pages.iter().map(|(_, text)| Ok(text.clone())).collect();
    run_with(&files, texts, None)
}

/// The library's whole pipeline ([`ucloud_codegen::load_texts`]), then the emitter.
fn run_with(
    files: &[(String, PathBuf)],
    texts: Vec<Result<String, String>>,
    overrides: Option<(&str, &str)>,
) -> Outcome {
    let loaded = ucloud_codegen::load_texts(files, texts, overrides);
    let mut diags = loaded.diagnostics;
    let files = emit::generate(&loaded.spec, &options(), &mut diags);
    Outcome {
        diagnostics: diags.sorted(),
        files,
    }
}

/// One test case of `tests/pages`: a page `<name>.md` (its own product, `<name>-api`), or a
/// folder `<name>/` of pages of one product (`<name>-api`; the folder `summary` stays
/// `summary`, the documentation tree's common pages) with, optionally, an `overrides.json`.
pub struct Case {
    pub name: String,
    pub pages: Vec<(String, PathBuf)>,
    pub overrides: Option<PathBuf>,
}

impl Case {
    pub fn run(&self) -> Outcome {
        let text = self
            .overrides
            .as_ref()
            .map(|p| std::fs::read_to_string(p).expect("the case's overrides file reads"));
        let overrides = text.as_deref().map(|t| ("overrides.json", t));
        run_with(&self.pages, load::read_all(&self.pages), overrides)
    }
}

/// Every case of `tests/pages`, sorted by name.
pub fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = std::fs::read_dir(pages_dir())
        .expect("tests/pages exists")
        .map(|e| e.unwrap().path())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_string();
            if path.is_dir() {
                let folder = if name == "summary" {
                    name.clone()
                } else {
                    format!("{name}-api")
                };
                let mut pages: Vec<(String, PathBuf)> = std::fs::read_dir(&path)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|e| e == "md"))
                    .map(|p| {
                        let file = p.file_name().unwrap().to_str().unwrap().to_string();
                        (format!("{folder}/{file}"), p)
                    })
                    .collect();
                pages.sort();
                let overrides = Some(path.join("overrides.json")).filter(|p| p.is_file());
                Some(Case {
                    name,
                    pages,
                    overrides,
                })
            } else if path.extension().is_some_and(|e| e == "md") {
                Some(Case {
                    pages: vec![(label(&name), path.clone())],
                    name,
                    overrides: None,
                })
            } else {
                None
            }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

pub fn options() -> emit::Options {
    emit::Options {
        command: "ucloud-codegen tests".into(),
        runtime: emit::Runtime::Version(emit::RUNTIME_VERSION.into()),
        docs_source: None,
        version: "0.0.0".into(),
    }
}

/// Where a product's code is in the generated tree: its crate's library.
pub fn product_file(module: &str) -> String {
    format!("products/{module}/src/lib.rs")
}

/// Whether a generated path is a product's code ([`product_file`]).
pub fn is_product_file(path: &str) -> bool {
    path.starts_with("products/") && path.ends_with("/src/lib.rs")
}

/// Every emitted `.rs` file parses as Rust, and has none of the characters rustc refuses
/// where `syn` does not look (text-direction controls in comments and literals, a bare CR
/// in a comment); the problems otherwise.
pub fn unparsable(files: &emit::Files) -> Vec<String> {
    let refused = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let mut problems = Vec::new();
    for (path, code) in files.iter().filter(|(path, _)| path.ends_with(".rs")) {
        if let Err(e) = syn::parse_file(code) {
            problems.push(format!("{path}: {e}"));
        }
        for (i, line) in code.lines().enumerate() {
            if line.contains(refused) || line.contains('\r') {
                problems.push(format!("{path}:{}: rustc refuses {line:?}", i + 1));
            }
        }
    }
    problems
}

/// The public shape of a generated module: its structs with their fields and types, and the
/// client's methods with their signatures. Docs and attributes other than serde renames are
/// left out, so the summary changes only when the API does.
pub fn api_summary(code: &str) -> String {
    use quote::ToTokens;
    let file = syn::parse_file(code).expect("generated code parses");
    let tokens = |t: &dyn ToTokens| tidy(&t.to_token_stream().to_string());
    let wire_names = deserialize_wire_names(&file);
    let mut out = String::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                out.push_str(&format!("struct {}", s.ident));
                match &s.fields {
                    syn::Fields::Named(named) => {
                        out.push_str(" {\n");
                        for f in &named.named {
                            let field = f.ident.as_ref().unwrap().to_string();
                            let rename = serde_rename(&f.attrs)
                                .or_else(|| {
                                    wire_names
                                        .get(&(s.ident.to_string(), field.clone()))
                                        .filter(|w| {
                                            **w != ucloud_codegen::names::serde_pascal(&field)
                                        })
                                        .cloned()
                                })
                                .map(|r| format!(" as {r:?}"))
                                .unwrap_or_default();
                            out.push_str(&format!(
                                "    {}{rename}: {},\n",
                                f.ident.as_ref().unwrap(),
                                tokens(&f.ty)
                            ));
                        }
                        out.push_str("}\n");
                    }
                    other => out.push_str(&format!("{};\n", tokens(other))),
                }
            }
            syn::Item::Enum(e) => {
                let variants: Vec<String> = e.variants.iter().map(|v| tokens(v)).collect();
                out.push_str(&format!("enum {} {{ {} }}\n", e.ident, variants.join(", ")));
            }
            syn::Item::Impl(i) => {
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        out.push_str(&format!(
                            "impl {}: {}\n",
                            tokens(&i.self_ty),
                            tokens(&f.sig)
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// (struct, field) → wire name, from the `model!(Struct { field: "Wire", … } required { … })`
/// invocations the generated code has for every struct.
fn deserialize_wire_names(file: &syn::File) -> std::collections::HashMap<(String, String), String> {
    use proc_macro2::TokenTree;
    let mut names = std::collections::HashMap::new();
    for item in &file.items {
        let syn::Item::Macro(m) = item else { continue };
        if !m.mac.path.is_ident("model") {
            continue;
        }
        let parts: Vec<TokenTree> = m.mac.tokens.clone().into_iter().collect();
        let Some(TokenTree::Ident(ty)) = parts.first() else {
            continue;
        };
        for group in parts.iter().filter_map(|t| match t {
            TokenTree::Group(g) => Some(g),
            _ => None,
        }) {
            let inner: Vec<TokenTree> = group.stream().into_iter().collect();
            for entry in inner.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
                if let [TokenTree::Ident(field), TokenTree::Punct(_), TokenTree::Literal(wire), ..] =
                    entry
                {
                    let wire: syn::LitStr = syn::parse_str(&wire.to_string()).expect("a string");
                    names.insert((ty.to_string(), field.to_string()), wire.value());
                }
            }
        }
    }
    names
}

/// The wire name a field is renamed to, if any.
fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut found = None;
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                let s: syn::LitStr = m.value()?.parse()?;
                found = Some(s.value());
            } else if m.input.peek(syn::Token![=]) {
                let _: syn::Expr = m.value()?.parse()?;
            }
            Ok(())
        });
    }
    found
}

/// `Option < Box < Node > >` → `Option<Box<Node>>`.
fn tidy(s: &str) -> String {
    let mut s = s.to_string();
    for (from, to) in [
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" :: ", "::"),
        (":: ", "::"),
        (" ,", ","),
        ("& ", "&"),
        ("' a", "'a"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" : ", ": "),
        (",)", ")"),
        (" ;", ";"),
    ] {
        while s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

/// Compares `actual` with the file `expected`; with `UPDATE_SNAPSHOTS=1` rewrites the file
/// instead. `Err` describes the first difference.
pub fn snapshot(expected: &Path, actual: &str) -> Result<(), String> {
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(expected, actual).map_err(|e| format!("{}: {e}", expected.display()))?;
        return Ok(());
    }
    let want = std::fs::read_to_string(expected).map_err(|e| {
        format!(
            "{}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)",
            expected.display()
        )
    })?;
    if want == actual {
        return Ok(());
    }
    let (w, a): (Vec<&str>, Vec<&str>) = (want.lines().collect(), actual.lines().collect());
    let i = w
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(w.len().min(a.len()));
    Err(format!(
        "{}:{}: snapshot differs (UPDATE_SNAPSHOTS=1 rewrites it)\n  expected: {}\n  actual:   {}",
        expected.display(),
        i + 1,
        w.get(i).copied().unwrap_or("<end of file>"),
        a.get(i).copied().unwrap_or("<end of output>"),
    ))
}

/// A page with a 1 MB description, a 1 MB type cell and a 100 KB name.
pub fn huge_page() -> String {
    let description = "描述".repeat((1 << 20) / 6);
    let ty = "x".repeat(1 << 20);
    let name = "A".repeat(100_000);
    format!(
        "# 大 - HugeCell\n\n## 定义\n\n### 请求参数\n\n| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
         | **Big** | string | {description} |No|\n| **Odd** | {ty} | odd |No|\n| **{name}** | int | long |No|\n\n\
         ### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Id** | string | {description} |No|\n"
    )
}
