//! Property tests of the whole pipeline (parse → resolve → emit) on hostile input: random
//! markdown built from the fragments pages are made of, and real pages (read in place from
//! `../shared/corpus`) with random mutations. For every input:
//!
//! - nothing panics;
//! - the emitter never builds invalid Rust (an `emit` diagnostic is a generator bug);
//! - either some diagnostic is an error (the pages are refused), or every emitted `.rs` file
//!   parses as Rust (`syn::parse_file`).
//!
//! The corpus part is skipped when `../shared/corpus` is absent, except under `CI=true`. The
//! case counts are kept small so the file runs in seconds in a debug build;
//! `PROPTEST_CASES=N` runs more.

use crate::support;

use proptest::prelude::*;
use proptest::sample::select;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::{run_texts, unparsable, Outcome};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        // Shrinking reruns the slow emitter hundreds of times; a failure prints its input.
        max_shrink_iters: 64,
        // A failing case's seed is kept here (relative to the package), so it is rerun first.
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/properties.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

/// The property; `Err` says which part failed, with the input.
fn check(pages: &[(String, String)]) -> Result<(), TestCaseError> {
    let out: Outcome = run_texts(pages);
    let show = || {
        pages
            .iter()
            .map(|(l, t)| format!("=== {l}\n{}", t.chars().take(4000).collect::<String>()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if let Some(d) = out.diagnostics.iter().find(|d| d.kind == "emit") {
        return Err(TestCaseError::fail(format!(
            "generator bug: {d}\n{}",
            show()
        )));
    }
    if !out.has_errors() {
        let bad = unparsable(&out.files);
        if !bad.is_empty() {
            return Err(TestCaseError::fail(format!(
                "no error diagnostic, but the code is not valid Rust: {bad:?}\n{}",
                show()
            )));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Random markdown from fragments.

const NAMES: &[&str] = &[
    "Name",
    "Id",
    "ImageSet",
    "type",
    "Type",
    "Self",
    "match",
    "crate",
    "3DES",
    "0",
    "镜像",
    "Größe",
    "",
    "A B",
    "**Bold**",
    "`code`",
    "Tags.N",
    "Tags.n",
    "Disks.N.Size",
    "Disks.N.Type",
    "Disks",
    "N",
    "a..b",
    ".x",
    "x.",
    "Offset",
    "Limit",
    "TotalCount",
    "Password",
    "Region",
    "Zone",
    "ProjectId",
    "RetCode",
    "Action",
    "Message",
    "Into",
    "Option",
    "r#dyn",
    "with_options",
    "\u{202e}evil",
];

const MODELS: &[&str] = &[
    "Info",
    "ImageSet",
    "Self",
    "type",
    "Node",
    "3Set",
    "镜像信息",
    "Into",
    "Option",
    "",
    "Info",
];

const TYPES: &[&str] = &[
    "string",
    "int",
    "float",
    "bool",
    "object",
    "array",
    "array[string]",
    "array[int]",
    "[*Info*](#Info)",
    "array[[*Info*](#Info)]",
    "[*Node*](#Node)",
    "array[[*Node*](#Node)]",
    "[*Self*](#Self)",
    "[*Ghost*](#Ghost)",
    "[*镜像信息*](#镜像信息)",
    "[*3Set*](#3Set)",
    "array[array[string]]",
    "varchar",
    "",
    "[*](#)",
];

const DESCRIPTIONS: &[&str] = &[
    "",
    "描述",
    "a \\| b",
    "line<br>break<br/>again",
    "ends */ opens /*",
    "```code```",
    "base64 编码",
    "see [doc](../summary/x.html)",
    "\u{202e}reversed\u{202c}",
    "\"quotes\" and \\ backslash",
    "详见 Info",
    "<script>x</script>",
    "tab\there",
];

const REQUIRED: &[&str] = &["**Yes**", "No", "Yes", "no", "maybe", "", "是"];

const HEADERS: &[&str] = &[
    "| 参数名 | 类型 | 描述信息 | 必填 |",
    "| 字段名 | 类型 | 描述信息 | 必填 |",
    "|Parameter name|Type|Description|Required|",
    "| 参数名 | 描述信息 | 必填 |",
    "| 类型 | 字段名 | 必填 | 描述信息 |",
    "| 字段名 | 类型 |",
    "| 错误码 | 描述 |",
];

const HEADINGS: &[&str] = &[
    "## 简介",
    "## 定义",
    "### 公共参数",
    "### 请求参数",
    "### 响应字段",
    "#### 数据模型",
    "## 示例",
    "### 请求示例",
    "### 响应示例",
    "# Request Parameters",
    "# Response Elements",
    "# Request Example",
    "# Response Example",
    "#Request Parameters",
    "#Response Elements",
    "### 句法（Syntax）",
    "## 使用方法",
];

const TITLES: &[&str] = &[
    "# 获取 - GetThing",
    "# 获取-GetThing",
    "#获取-GetThing",
    "# 获取 - Get Thing",
    "# 获取 - 3Get",
    "# 获取 - Self",
    "# 获取 - Product",
    "# - ",
    "#",
    "# 获取 - GetThing（已下线）",
    "获取 - GetThing\n===",
];

fn row() -> impl Strategy<Value = String> {
    (
        select(NAMES),
        select(TYPES),
        select(DESCRIPTIONS),
        select(REQUIRED),
        any::<bool>(),
        0..6usize,
    )
        .prop_map(|(name, ty, desc, req, bold, cells)| {
            let name = if bold && !name.is_empty() {
                format!("**{name}**")
            } else {
                name.to_string()
            };
            let all = [name.as_str(), ty, desc, req, "extra"];
            // Usually four cells; sometimes too few or too many.
            let n = if cells < 4 { 4 } else { cells - 1 };
            format!("| {} |", all[..n.min(all.len())].join(" | "))
        })
}

fn table() -> impl Strategy<Value = String> {
    (
        select(HEADERS),
        any::<bool>(),
        prop::collection::vec(row(), 0..6),
    )
        .prop_map(|(header, delimiter, rows)| {
            let mut t = format!("{header}\n");
            if delimiter {
                let cols = header.matches('|').count().saturating_sub(1).max(1);
                t.push_str(&format!("|{}\n", ":---|".repeat(cols)));
            }
            for r in rows {
                t.push_str(&r);
                t.push('\n');
            }
            t
        })
}

fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("1".to_string()),
        Just("-2.5".to_string()),
        Just("true".to_string()),
        select(DESCRIPTIONS).prop_map(|s| serde_json::to_string(s).unwrap()),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((select(NAMES), inner), 0..4).prop_map(|kv| {
                let members: Vec<String> = kv
                    .iter()
                    .map(|(k, v)| format!("{}: {v}", serde_json::to_string(k).unwrap()))
                    .collect();
                format!("{{{}}}", members.join(", "))
            }),
        ]
    })
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(HEADINGS).prop_map(|h| format!("{h}\n")),
        4 => table(),
        2 => select(MODELS).prop_map(|m| format!("#### {m}\n")),
        1 => select(MODELS).prop_map(|m| format!("## {m}\n")),
        1 => select(DESCRIPTIONS).prop_map(|d| format!("{d}\n")),
        1 => prop::collection::vec((select(NAMES), select(DESCRIPTIONS)), 0..4).prop_map(|kv| {
            let q: String = kv.iter().map(|(k, v)| format!("\n&{k}={v}")).collect();
            format!("```\nhttps://api.ucloud.cn/?Action=GetThing{q}\n```\n")
        }),
        1 => json_value().prop_map(|j| format!("```json\n{j}\n```\n")),
        1 => Just("```\nunclosed fence\n".to_string()),
        1 => Just("    indented code\n".to_string()),
    ]
}

fn page() -> impl Strategy<Value = String> {
    (
        select(TITLES),
        prop::collection::vec(fragment(), 0..24),
        select(&["\n", "\r\n", "\r"][..]),
        any::<bool>(),
    )
        .prop_map(|(title, parts, eol, bom)| {
            let mut text = format!("{title}\n\n{}", parts.join("\n"));
            if eol != "\n" {
                text = text.replace('\n', eol);
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            text
        })
}

proptest! {
    #![proptest_config(config(96))]

    /// One to three random pages in one product folder (their models are merged).
    #[test]
    fn random_pages(pages in prop::collection::vec(page(), 1..4)) {
        let labelled: Vec<(String, String)> = pages
            .into_iter()
            .enumerate()
            .map(|(i, t)| (format!("random-api/page_{i}.md"), t))
            .collect();
        check(&labelled)?;
    }
}

// ---------------------------------------------------------------------------------------
// Real pages, mutated.

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

/// Every 25th action page of `current/` and every 10th of `legacy/` (by path), read once.
fn corpus_sample() -> &'static [(String, String)] {
    static SAMPLE: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let root = corpus_dir();
        let mut out = Vec::new();
        for (sub, step) in [("current", 25), ("legacy", 10)] {
            let mut files = Vec::new();
            walk(&root.join(sub), &mut files);
            files.sort();
            for path in files.into_iter().step_by(step) {
                let rel = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((rel, text));
                }
            }
        }
        out
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "md")
            && !p.file_name().unwrap().to_string_lossy().starts_with('_')
        {
            out.push(p);
        }
    }
}

/// Whether to run the corpus part: the corpus is there, or it must be (`CI=true`).
fn corpus_available() -> bool {
    let present = corpus_dir().join("current").is_dir();
    if !present && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is missing (CI=true requires it)",
            corpus_dir().display()
        );
    }
    if !present {
        eprintln!(
            "skipping the mutated-corpus properties: no corpus at {}",
            corpus_dir().display()
        );
    }
    present && !corpus_sample().is_empty()
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Insert(usize, String),
    /// Replace cell `cell` of line `line` (when it is a table row) with `text`.
    Cell(usize, usize, String),
    /// Cut the text at a fraction (in 1/1000) of its length.
    Truncate(usize),
    DropDelimiterRows,
    DropHeadingSpace,
    Crlf,
    LoneCr,
    Bom,
    /// Change the heading level of line `line` to `level`.
    HeadingLevel(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let line = 0..400usize;
    let text = prop_oneof![
        select(NAMES).prop_map(|s| s.to_string()),
        select(TYPES).prop_map(|s| s.to_string()),
        select(DESCRIPTIONS).prop_map(|s| s.to_string()),
        select(HEADINGS).prop_map(|s| s.to_string()),
        select(MODELS).prop_map(|m| format!("#### {m}")),
        row(),
    ];
    prop_oneof![
        1 => line.clone().prop_map(Mutation::DeleteLine),
        1 => line.clone().prop_map(Mutation::DuplicateLine),
        1 => (line.clone(), line.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (line.clone(), text.clone()).prop_map(|(l, t)| Mutation::Insert(l, t)),
        3 => (line.clone(), 1..5usize, text).prop_map(|(l, c, t)| Mutation::Cell(l, c, t)),
        1 => (0..1000usize).prop_map(Mutation::Truncate),
        1 => Just(Mutation::DropDelimiterRows),
        1 => Just(Mutation::DropHeadingSpace),
        1 => Just(Mutation::Crlf),
        1 => Just(Mutation::LoneCr),
        1 => Just(Mutation::Bom),
        1 => (line, 1..7usize).prop_map(|(l, n)| Mutation::HeadingLevel(l, n)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let l = lines[i % n].clone();
            lines.insert(i % n, l);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Insert(i, t) => lines.insert(i % n, t.clone()),
        Mutation::Cell(i, c, t) => {
            // The `i`-th table row from the start, wrapping around.
            let rows: Vec<usize> = (0..lines.len())
                .filter(|&k| lines[k].trim_start().starts_with('|'))
                .collect();
            if !rows.is_empty() {
                let k = rows[i % rows.len()];
                let mut cells: Vec<String> = lines[k].split('|').map(str::to_string).collect();
                let c = c % cells.len();
                cells[c] = format!(" {t} ");
                lines[k] = cells.join("|");
            }
        }
        Mutation::Truncate(frac) => {
            let mut cut = text.len() * frac / 1000;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            return text[..cut].to_string();
        }
        Mutation::DropDelimiterRows => lines
            .retain(|l| !l.trim_start().starts_with("|:-") && !l.trim_start().starts_with("|-")),
        Mutation::DropHeadingSpace => {
            for l in &mut lines {
                if l.starts_with('#') {
                    let hashes = l.len() - l.trim_start_matches('#').len();
                    let rest = l[hashes..].trim_start().to_string();
                    *l = format!("{}{rest}", &l[..hashes]);
                }
            }
        }
        Mutation::Crlf => return text.replace('\n', "\r\n"),
        Mutation::LoneCr => return text.replace('\n', "\r"),
        Mutation::Bom => return format!("\u{feff}{text}"),
        Mutation::HeadingLevel(i, level) => {
            let headings: Vec<usize> = (0..lines.len())
                .filter(|&k| lines[k].starts_with('#'))
                .collect();
            if !headings.is_empty() {
                let k = headings[i % headings.len()];
                let rest = lines[k].trim_start_matches('#').to_string();
                lines[k] = format!("{}{rest}", "#".repeat(*level));
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(config(96))]

    /// A real page with one to four mutations, alone or next to another real page of the
    /// same sample (as if in one product folder).
    #[test]
    fn mutated_corpus_pages(
        pick in any::<prop::sample::Index>(),
        other in proptest::option::of(any::<prop::sample::Index>()),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        if !corpus_available() {
            return Ok(());
        }
        let sample = corpus_sample();
        let (label, text) = &sample[pick.index(sample.len())];
        let mut mutated = text.clone();
        for m in &mutations {
            mutated = apply(&mutated, m);
        }
        let folder = "mutated-api";
        let file = label.rsplit('/').next().unwrap();
        let mut pages = vec![(format!("{folder}/{file}"), mutated)];
        if let Some(o) = other {
            let (l, t) = &sample[o.index(sample.len())];
            if l != label {
                pages.push((format!("{folder}/other_{}", l.rsplit('/').next().unwrap()), t.clone()));
            }
        }
        check(&pages)?;
    }
}

/// The unmutated sample holds the property too (and the sample is not empty).
#[test]
fn corpus_sample_as_is() {
    if !corpus_available() {
        return;
    }
    let sample = corpus_sample();
    assert!(
        sample.len() > 50,
        "only {} pages in the sample",
        sample.len()
    );
    for page in sample {
        if let Err(e) = check(std::slice::from_ref(page)) {
            panic!("{}: {e}", page.0);
        }
    }
}
