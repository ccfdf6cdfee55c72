//! Fuzzes the whole pipeline on one product folder: page parser → resolve → emit.
//!
//! The input is one or more pages separated by a `\u{1}` byte (so merging the models of
//! several pages is exercised too). The target fails on a panic anywhere, on an `emit` error
//! (the emitter built Rust that does not parse: a generator bug, never the page's fault), on
//! an emitted `.rs` file that `syn` cannot parse, and, when no diagnostic is an error (the
//! code would be written), on characters rustc refuses in an emitted file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ucloud_codegen::diag::Diagnostics;
use ucloud_codegen::{emit, parse, resolve};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diags = Diagnostics::default();
    let mut pages = Vec::new();
    for (i, page) in text.split('\u{1}').take(4).enumerate() {
        let file = format!("fuzz-api/page_{i}.md");
        if let Ok(p) = parse::parse_page(&file, page, &mut diags) {
            pages.push(p);
        }
    }
    if pages.is_empty() {
        return;
    }
    let spec = resolve::build(pages, &mut diags);
    let opts = emit::Options {
        command: "fuzz".into(),
        runtime: emit::Runtime::Version(emit::RUNTIME_VERSION.into()),
        docs_source: None,
        version: "0.0.0".into(),
    };
    let files = emit::generate(&spec, &opts, &mut diags);
    if let Some(d) = diags.items.iter().find(|d| d.kind == "emit") {
        panic!("generator bug: {d}");
    }
    for (path, code) in &files {
        if path.ends_with(".rs") {
            if let Err(e) = syn::parse_file(code) {
                panic!("{path} does not parse: {e}\n{code}");
            }
            // What rustc refuses but syn accepts: text-direction controls in comments and
            // literals, a bare CR in a comment. Pages with errors are refused before their
            // code is written, so only the others count.
            if diags.has_errors() {
                continue;
            }
            let refused =
                |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\r');
            if let Some(line) = code.lines().find(|l| l.contains(refused)) {
                panic!("{path}: rustc refuses {line:?}");
            }
        }
    }
});
