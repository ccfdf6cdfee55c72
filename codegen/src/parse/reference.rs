//! Reference pages: pages that are not actions but list a kind of value in a table, which
//! parameters link to instead of listing the values themselves. uhost's `disk_type.md`
//! (`# 【参考】磁盘类型`) has a table whose first column, headed `枚举值`, holds
//! `LOCAL_NORMAL`, `CLOUD_SSD`, …; `Disks.N.Type` of `CreateUHostInstance` says only
//! `磁盘类型。请参考[磁盘类型](api/uhost-api/disk_type)。`
//!
//! This module reads such tables ([`value_tables`]) and the links a description makes
//! ([`links`]); whether a field takes a table's values is decided with the other enum facts
//! (`facts::enums::references`).

use super::blocks::{blocks, plain, Block};
use super::folder_of;
use crate::spec::Span;
use std::collections::BTreeMap;

/// A table of a page whose first column is headed as values (`枚举值`, `传递值`,
/// `MachineType枚举值`): its rows' first and second cells, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueTable {
    /// Where the table starts.
    pub at: Span,
    /// The text of the last heading before the table (`UHostType枚举`), if any.
    pub heading: Option<String>,
    /// The first column's header (`枚举值`, `MachineType枚举值`).
    pub header: String,
    pub rows: Vec<ValueRow>,
}

/// One row of a [`ValueTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRow {
    pub line: usize,
    /// The first cell, markdown escapes removed (`CLOUD\_SSD` → `CLOUD_SSD`).
    pub value: String,
    /// The second cell, as plain text (`SSD云盘`).
    pub doc: String,
}

/// Reference pages' value tables, by page key ([`page_key`]: `uhost-api/disk_type`).
pub type Tables = BTreeMap<String, Vec<ValueTable>>;

/// Words that head a column of values.
const VALUE_HEADERS: [&str; 3] = ["枚举值", "传递值", "可选值"];

/// The key a link names a page by: its folder and file stem (`uhost-api/disk_type`).
pub fn page_key(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.strip_suffix(".md").unwrap_or(base);
    format!("{}/{stem}", folder_of(file))
}

/// The value tables of the page `file` (text `text`); none for most pages, which are read
/// no further than a look for a table header naming values.
pub fn value_tables(file: &str, text: &str) -> Vec<ValueTable> {
    let might = text.lines().any(|l| {
        l.trim_start().starts_with('|') && VALUE_HEADERS.iter().any(|h| first_cell(l).contains(h))
    });
    if !might {
        return Vec::new();
    }
    let mut heading = None;
    let mut tables = Vec::new();
    for block in blocks(text) {
        match block {
            Block::Heading { text, .. } => heading = Some(plain(&text)),
            Block::Table(t) => {
                let header = t.header.first().map(|h| plain(h)).unwrap_or_default();
                if !VALUE_HEADERS.iter().any(|h| header.contains(h)) {
                    continue;
                }
                let rows = t
                    .rows
                    .iter()
                    .map(|r| ValueRow {
                        line: r.line,
                        value: unescape(&plain(r.cells.first().map_or("", String::as_str))),
                        doc: r.cells.get(1).map(|c| text_of(c)).unwrap_or_default(),
                    })
                    .collect();
                tables.push(ValueTable {
                    at: Span {
                        file: file.to_string(),
                        line: t.line,
                    },
                    heading: heading.clone(),
                    header,
                    rows,
                });
            }
            _ => {}
        }
    }
    tables
}

fn first_cell(line: &str) -> &str {
    let t = line.trim().trim_start_matches('|');
    t.split('|').next().unwrap_or("")
}

/// Markdown's backslash escapes removed: `LOCAL\_NORMAL` → `LOCAL_NORMAL`.
fn unescape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some(next)) if next.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

/// A cell as one line of text: `<br>` and runs of spaces become one space.
fn text_of(cell: &str) -> String {
    let text = plain(cell)
        .replace("<br />", " ")
        .replace("<br/>", " ")
        .replace("<br>", " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pages a description links to, by [`page_key`]: `[磁盘类型](api/uhost-api/disk_type)`,
/// `(/api/…)`, `(https://docs.ucloud.cn/api/…)` and the wiki form
/// `[[api:uhost-api:disk_type|磁盘类型]]` (escaped `\\[\\[api:…` in a description, which
/// keeps it as text) all give `uhost-api/disk_type`.
pub fn links(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for (at, _) in text.match_indices("api") {
        let rest = &text[at + 3..];
        let Some(sep) = rest.chars().next().filter(|c| matches!(c, '/' | ':')) else {
            continue;
        };
        // The link's target starts here: after `(`, `(/`, `//host/` or `[[`.
        let before = &text[..at];
        let starts_target = before.ends_with('(')
            || before.ends_with("(/")
            || before.ends_with(".cn/")
            || before.ends_with("[[")
            || before.ends_with("\\[\\[");
        if !starts_target {
            continue;
        }
        let mut parts = rest[1..].splitn(3, sep);
        let (Some(folder), Some(page)) = (parts.next(), parts.next()) else {
            continue;
        };
        let page: &str = page
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .next()
            .unwrap_or("");
        let folder_ok = !folder.is_empty()
            && folder
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if folder_ok && !page.is_empty() {
            let key = format!("{folder}/{page}");
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    const DISK_TYPE: &str = "\n# 【参考】磁盘类型 \n\n### 枚举值说明 \n\n\
        | 枚举值 | 磁盘类型 | 可选范围 |\n|---|---|---|\n\
        | LOCAL\\_NORMAL| 普通本地盘| 创建时 <br> 改配时 |\n\
        | CLOUD\\_SSD| SSD云盘 | 20-500G |\n\n\
        ### 机型与磁盘关系\n\n| MachineType枚举值 | 机型 |\n|---|---|\n| N | 通用型 N |\n";

    #[test]
    fn reads_the_value_tables_of_a_reference_page() {
        let tables = value_tables("specs/uhost-api/disk_type.md", DISK_TYPE);
        assert_eq!(tables.len(), 2);
        let first = &tables[0];
        assert_eq!(first.at.line, 6);
        assert_eq!(first.heading.as_deref(), Some("枚举值说明"));
        let values: Vec<(&str, &str)> = first
            .rows
            .iter()
            .map(|r| (r.value.as_str(), r.doc.as_str()))
            .collect();
        assert_eq!(
            values,
            [("LOCAL_NORMAL", "普通本地盘"), ("CLOUD_SSD", "SSD云盘")]
        );
        assert_eq!(first.rows[1].line, 9);
        assert_eq!(tables[1].heading.as_deref(), Some("机型与磁盘关系"));
        assert_eq!(tables[1].header, "MachineType枚举值");
        assert_eq!(tables[1].rows[0].value, "N");
    }

    #[test]
    fn a_page_without_a_value_header_has_none() {
        let page = "# 错误码\n\n| 错误码 | 中文 |\n|---|---|\n| 100 | 枚举值错误 |\n";
        assert!(value_tables("specs/uhost-api/error_code.md", page).is_empty());
    }

    #[test]
    fn links_name_pages_in_every_form() {
        let text = "磁盘类型。请参考[磁盘类型](api/uhost-api/disk_type)。见[机型](/api/uhost-api/uhost_type#v2)，\
            [[api:udb-api:describe_udb_type|类型]]，[地域](https://docs.ucloud.cn/api/summary/regionlist)；\
            [磁盘类型](api/uhost-api/disk_type) again, \\[\\[api:udisk-api:disk\\]\\]; not a link: the api/foo";
        assert_eq!(
            links(text),
            [
                "uhost-api/disk_type",
                "uhost-api/uhost_type",
                "udb-api/describe_udb_type",
                "summary/regionlist",
                "udisk-api/disk"
            ]
        );
        assert_eq!(
            page_key("specs/uhost-api/disk_type.md"),
            "uhost-api/disk_type"
        );
    }
}
