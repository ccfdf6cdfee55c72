//! The import graph among codegen's stage modules (the top-level modules of `src/`), read from
//! the sources: the test fails on a cycle and prints it, so the pipeline stays a straight line
//! (`docs/pipeline.md` draws the graph this computes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Stage → the stages its code names (`crate::stage`), comments left out.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let stages = stages(src);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for stage in &stages {
        let mut uses = BTreeSet::new();
        for file in files_of(src, stage) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for used in named_stages(&text) {
                if stages.contains(&used) && used != *stage {
                    uses.insert(used);
                }
            }
        }
        graph.insert(stage.clone(), uses);
    }
    graph
}

/// `foo.rs` and `foo/` of `src/`, except the crate root, the binary and this test (whose
/// examples name stages).
fn stages(src: &Path) -> BTreeSet<String> {
    let entries = std::fs::read_dir(src).expect("codegen/src is readable");
    entries
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_stem()?.to_str()?.to_string();
            let module = path.is_dir() || path.extension().is_some_and(|x| x == "rs");
            (module && !["lib", "main", "stage_graph"].contains(&name.as_str())).then_some(name)
        })
        .collect()
}

fn files_of(src: &Path, stage: &str) -> Vec<PathBuf> {
    let mut out = vec![src.join(format!("{stage}.rs"))];
    let mut dirs = vec![src.join(stage)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.retain(|p| p.is_file());
    out
}

/// The `x` of every `crate::x` outside comments, and of `use crate::{x, …}`.
fn named_stages(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let code = code.split(" //").next().unwrap_or(code);
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group.split([',', '}']).collect(),
                None => vec![rest],
            };
            for name in names {
                let ident: String = name
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !ident.is_empty() {
                    out.insert(ident);
                }
            }
        }
    }
    out
}

/// A cycle of `graph`, as the stages along it, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

fn render(graph: &BTreeMap<String, BTreeSet<String>>) -> String {
    graph
        .iter()
        .map(|(stage, uses)| {
            let uses: Vec<&str> = uses.iter().map(String::as_str).collect();
            format!("{stage} -> {}\n", uses.join(", "))
        })
        .collect()
}

#[test]
fn the_stages_import_each_other_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(
        graph.len() > 10,
        "too few stages found:\n{}",
        render(&graph)
    );
    if let Some(cycle) = cycle(&graph) {
        panic!(
            "import cycle among codegen's stages: {}\n\nthe graph:\n{}",
            cycle.join(" -> "),
            render(&graph)
        );
    }
    println!("{}", render(&graph));
}

#[test]
fn a_cycle_is_found_and_a_line_is_not() {
    let edges = |pairs: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in pairs {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    let line = edges(&[("load", "parse"), ("parse", "spec"), ("load", "spec")]);
    assert_eq!(cycle(&line), None);
    let circle = edges(&[
        ("diag", "exclude"),
        ("exclude", "overrides"),
        ("overrides", "diag"),
    ]);
    let found = cycle(&circle).expect("the circle is a cycle");
    assert_eq!(found.first(), found.last());
    assert_eq!(found.len(), 4);
}

#[test]
fn imports_are_read_from_code_not_comments() {
    let text = "//! see [`crate::emit`]\nuse crate::{diag, spec::Span};\nlet x = crate::names::words(s); // crate::infer\n";
    let named: Vec<String> = named_stages(text).into_iter().collect();
    assert_eq!(named, ["diag", "names", "spec"]);
}
