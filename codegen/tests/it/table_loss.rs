//! No silent loss of a table: a request, response or model table whose delimiter row or
//! column counts are damaged still yields a table, or the page parser says so (a warning or
//! an error whose line is in that section). Checked on real-looking pages made here and, when
//! `../shared/corpus` is there, on real pages; each case damages one table of one section.

use proptest::prelude::*;
use proptest::sample::select;
use std::path::Path;
use std::sync::OnceLock;
use ucloud_codegen::diag::{Diagnostics, Severity};
use ucloud_codegen::parse::{blocks, page};

/// What is done to the chosen table.
#[derive(Debug, Clone)]
enum Damage {
    /// The delimiter row gets this many cells (`|:---|:---|` under a 4-column header).
    DelimiterCells(usize),
    /// The header row gets this many cells.
    HeaderCells(usize),
    /// The delimiter row is removed.
    NoDelimiter,
    /// The delimiter row is replaced by something that is not one.
    DelimiterText(&'static str),
    /// Data row `n` (wrapping) gets this many cells.
    RowCells(usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => (1..8usize).prop_map(Damage::DelimiterCells),
        2 => (1..8usize).prop_map(Damage::HeaderCells),
        1 => Just(Damage::NoDelimiter),
        1 => select(&["|:---|:--x|", "|===|===|===|===|", "| - | - |", "|"][..])
            .prop_map(Damage::DelimiterText),
        2 => (0..10usize, 1..8usize).prop_map(|(r, n)| Damage::RowCells(r, n)),
    ]
}

/// A table in the page's text: the line of its header (0-based) and of its last row.
#[derive(Debug, Clone, Copy)]
struct TableAt {
    header: usize,
    last: usize,
}

/// The tables of `text` that sit in a request, response or model section.
fn tables_in_sections(text: &str) -> Vec<TableAt> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let mut readable = false;
    let mut in_models = false;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if t.starts_with('#') {
            let h = t.trim_start_matches('#').trim();
            in_models |= h == "数据模型";
            if h == "示例" || h.contains("示例") || h.contains("Example") {
                in_models = false;
            }
            readable = matches!(
                h,
                "请求参数" | "响应字段" | "Request Parameters" | "Response Elements"
            ) || (in_models && h != "数据模型");
        }
        if readable && t.starts_with('|') {
            let start = i;
            while i + 1 < lines.len() && lines[i + 1].trim_start().starts_with('|') {
                i += 1;
            }
            if i > start {
                out.push(TableAt {
                    header: start,
                    last: i,
                });
            }
        }
        i += 1;
    }
    out
}

fn row_of(n: usize) -> String {
    let cells: Vec<String> = (0..n).map(|k| format!(" c{k} ")).collect();
    format!("|{}|", cells.join("|"))
}

fn apply(text: &str, at: TableAt, d: &Damage) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let delimiter = at.header + 1;
    match d {
        Damage::DelimiterCells(n) => lines[delimiter] = format!("|{}", ":---|".repeat(*n)),
        Damage::HeaderCells(n) => lines[at.header] = row_of(*n),
        Damage::NoDelimiter => {
            lines.remove(delimiter);
        }
        Damage::DelimiterText(t) => lines[delimiter] = t.to_string(),
        Damage::RowCells(r, n) => {
            let rows = at.last.saturating_sub(delimiter);
            if rows > 0 {
                lines[delimiter + 1 + r % rows] = row_of(*n);
            }
        }
    }
    lines.join("\n")
}

/// The property: the damaged section (from the table's header to the next heading) has a
/// table the page kept, or a warning or error on one of its lines.
fn check(file: &str, text: &str, at: TableAt) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    let first = at.header + 1;
    let end = (at.header..lines.len())
        .find(|&i| lines[i].trim_start().starts_with('#'))
        .unwrap_or(lines.len())
        .max(first);
    let within = |line: usize| (first..=end).contains(&line);
    let mut diags = Diagnostics::default();
    let Ok(p) = page::page(file, blocks::blocks(text), &mut diags) else {
        // Not an action page any more (the damage cannot do that to these pages).
        return Err(TestCaseError::fail(format!("page skipped:\n{text}")));
    };
    let kept = p
        .request
        .iter()
        .chain(p.response.iter())
        .chain(p.models.iter().map(|(_, _, t)| t))
        .any(|t| !t.header.is_empty() && within(t.line));
    let said = diags
        .items
        .iter()
        .any(|d| d.severity >= Severity::Warning && within(d.line));
    prop_assert!(
        kept || said,
        "the table at line {first} was dropped without a diagnostic:\n{text}\n{:?}",
        diags.items
    );
    Ok(())
}

const PAGE: &str = "# 释放弹性IP - ReleaseEIP

## 简介

Releases an EIP.

## 定义

### 公共参数

| 参数名 | 类型 | 描述信息 | 必填 |
|:---|:---|:---|:---|
| **Action**     | string | 对应的 API 指令名称为 `ReleaseEIP`! | **Yes** |

### 请求参数

| 参数名 | 类型 | 描述信息 | 必填 |
|:---|:---|:---|:---|
| **Region** | string | 地域。 |**Yes**|
| **ProjectId** | string | 项目ID。 |No|
| **EIPId** | string | 弹性IP的资源ID |**Yes**|
| **Tags.N** | string | 标签 |No|

### 响应字段

| 字段名 | 类型 | 描述信息 | 必填 |
|:---|:---|:---|:---|
| **RetCode** | int | 返回状态码 |**Yes**|
| **EIPSet** | array[[*EIPSet*](#EIPSet)] | 列表 | No |

#### 数据模型

#### EIPSet

| 字段名 | 类型 | 描述信息 | 必填 |
|:---|:---|:---|:---|
| **EIPId** | string | ID | No |
| **Weight** | int | 权重 | No |

## 示例

### 请求示例

```
https://api.ucloud.cn/?Action=ReleaseEIP
```
";

/// Real pages, when the corpus is beside the checkout: every 40th action page of `current/`
/// and every 20th of `legacy/`.
fn corpus_pages() -> &'static [(String, String)] {
    static PAGES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        let mut out = Vec::new();
        for (sub, step) in [("current", 40), ("legacy", 20)] {
            let mut files = Vec::new();
            for dir in std::fs::read_dir(root.join(sub))
                .into_iter()
                .flatten()
                .flatten()
            {
                for f in std::fs::read_dir(dir.path())
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    files.push(f.path());
                }
            }
            files.sort();
            for path in files.into_iter().step_by(step) {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                if !tables_in_sections(&text).is_empty() {
                    out.push((path.display().to_string(), text));
                }
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_table_of_a_made_page_is_kept_or_reported(which in 0..10usize, d in damage()) {
        let tables = tables_in_sections(PAGE);
        prop_assert_eq!(tables.len(), 3, "the page has a request, response and model table");
        let at = tables[which % tables.len()];
        check("demo-api/release_eip.md", &apply(PAGE, at, &d), at)?;
    }

    #[test]
    fn a_damaged_table_of_a_real_page_is_kept_or_reported(
        page in 0..10_000usize,
        which in 0..10usize,
        d in damage(),
    ) {
        let pages = corpus_pages();
        if pages.is_empty() {
            return Ok(());
        }
        let (file, text) = &pages[page % pages.len()];
        let tables = tables_in_sections(text);
        let at = tables[which % tables.len()];
        check(file, &apply(text, at, &d), at)?;
    }
}
