//! Markdown → a flat list of the blocks a page is made of (headings, tables, code, paragraphs),
//! each with the 1-based line it starts on in the original file.
//!
//! Pages from 2019 drafts write `#Heading` without the space and tables without the `|---|`
//! row; `normalize` repairs both before pulldown-cmark sees the text, keeping a map back to
//! the original line numbers.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    Table(Table),
    Code {
        text: String,
        line: usize,
    },
    Paragraph {
        text: String,
        line: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub line: usize,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub line: usize,
    /// Each cell's markdown source, trimmed, with `\|` unescaped.
    pub cells: Vec<String>,
}

/// The text pulldown-cmark reads, and for each of its lines the original line number.
struct Normalized {
    text: String,
    line_map: Vec<usize>,
}

pub fn blocks(source: &str) -> Vec<Block> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // CommonMark ends lines at LF, CR LF or a lone CR; `str::lines` knows only the first two,
    // so a page with old Mac line ends would be one line to `normalize` and many to
    // pulldown-cmark, and every line number would be wrong.
    let unified;
    let source = if source.contains('\r') {
        unified = source.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        source
    };
    let norm = normalize(source);
    let line_starts = line_starts(&norm.text);
    let line_of = |offset: usize| {
        let idx = line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        norm.line_map.get(idx).copied().unwrap_or(idx + 1)
    };

    let mut out = Vec::new();
    let mut text = String::new();
    let mut start = 0;
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut depth = 0usize; // nesting of paragraph/heading/code containers we collect text for
    for (event, range) in Parser::new_ext(&norm.text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::CodeBlock(_)) => {
                if depth == 0 {
                    text.clear();
                    start = range.start;
                }
                depth += 1;
            }
            Event::End(end @ (TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock)) => {
                depth = depth.saturating_sub(1);
                if depth > 0 || table.is_some() {
                    continue;
                }
                let line = line_of(start);
                let body = std::mem::take(&mut text);
                out.push(match end {
                    TagEnd::Heading(level) => Block::Heading {
                        level: level as u8,
                        text: body.trim().to_string(),
                        line,
                    },
                    TagEnd::CodeBlock => Block::Code { text: body, line },
                    _ => Block::Paragraph {
                        text: body.trim().to_string(),
                        line,
                    },
                });
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    line: line_of(range.start),
                    ..Table::default()
                });
            }
            Event::End(TagEnd::Table) => out.extend(table.take().map(Block::Table)),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = Some(Row {
                    line: line_of(range.start),
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.header = r.cells.iter().map(|c| plain(c)).collect();
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(r) = row.as_mut() {
                    r.cells.push(cell_source(&norm.text[range]));
                }
            }
            Event::Text(t) | Event::Code(t) if depth > 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) if depth > 0 => text.push_str(&h),
            _ => {}
        }
    }
    out
}

/// A cell's source: trimmed, outer pipes gone, escaped pipes unescaped.
fn cell_source(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw.strip_prefix('|').unwrap_or(raw);
    let raw = raw
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(raw);
    raw.trim().replace("\\|", "|")
}

/// Markdown emphasis and code marks removed: `**Name**` → `Name`.
pub fn plain(cell: &str) -> String {
    cell.replace("**", "").replace('`', "").trim().to_string()
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn normalize(source: &str) -> Normalized {
    let lines: Vec<&str> = source.lines().collect();
    let mut text = String::with_capacity(source.len() + 64);
    let mut line_map = Vec::with_capacity(lines.len() + 8);
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let mut push = |l: &str| {
            text.push_str(l);
            text.push('\n');
            line_map.push(i + 1);
        };
        if in_fence {
            push(line);
            continue;
        }
        match heading_without_space(line) {
            Some(fixed) => push(&fixed),
            None => push(line),
        }
        let prev_is_row = i > 0 && is_table_row(lines[i - 1]);
        let next = lines.get(i + 1).copied().unwrap_or("");
        if is_table_row(line) && !prev_is_row && !is_delimiter_row(line) && !is_delimiter_row(next)
        {
            let columns = split_row(line).len().max(1);
            push(&format!("|{}", "---|".repeat(columns)));
        }
    }
    Normalized { text, line_map }
}

/// `#Title` → `# Title` (headings of the 2019 drafts).
fn heading_without_space(line: &str) -> Option<String> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    let first = rest.chars().next()?;
    ((1..=6).contains(&hashes) && !first.is_whitespace())
        .then(|| format!("{} {}", &line[..hashes], rest))
}

fn is_table_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.len() > 1
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

fn split_row(line: &str) -> Vec<&str> {
    let t = line.trim().trim_start_matches('|');
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_draft_headings_and_tables_keeping_lines() {
        let src = "#Title-Foo\n\n#Request Parameters\n|Parameter name|Type|Description|Required|\n|A|string|x|No|\n";
        let b = blocks(src);
        assert_eq!(
            b[0],
            Block::Heading {
                level: 1,
                text: "Title-Foo".into(),
                line: 1
            }
        );
        assert_eq!(
            b[1],
            Block::Heading {
                level: 1,
                text: "Request Parameters".into(),
                line: 3
            }
        );
        let Block::Table(t) = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(t.line, 4);
        assert_eq!(
            t.header,
            ["Parameter name", "Type", "Description", "Required"]
        );
        assert_eq!(t.rows[0].line, 5);
        assert_eq!(t.rows[0].cells, ["A", "string", "x", "No"]);
    }

    #[test]
    fn cells_keep_markdown_and_unescape_pipes() {
        let src = "| 字段名 | 类型 | 描述 | 必填 |\n|:--|:--|:--|:--|\n| **Set** | array[[*M*](#M)] | a \\| b<br />c | **Yes** |\n";
        let Block::Table(t) = &blocks(src)[0] else {
            panic!()
        };
        assert_eq!(
            t.rows[0].cells,
            ["**Set**", "array[[*M*](#M)]", "a | b<br />c", "**Yes**"]
        );
    }

    #[test]
    fn lone_cr_ends_lines() {
        let b = blocks("# T - A\r\r```\rx\r```\r");
        assert_eq!(
            b[1],
            Block::Code {
                text: "x\n".into(),
                line: 3
            }
        );
    }

    #[test]
    fn bom_and_crlf() {
        let b = blocks("\u{feff}# T - A\r\n\r\n```\r\nx\r\n```\r\n");
        assert_eq!(
            b[0],
            Block::Heading {
                level: 1,
                text: "T - A".into(),
                line: 1
            }
        );
        assert_eq!(
            b[1],
            Block::Code {
                text: "x\n".into(),
                line: 3
            }
        );
    }
}
