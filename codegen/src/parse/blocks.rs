//! Markdown → a flat list of the blocks a page is made of (headings, tables, code, paragraphs),
//! each with the 1-based line it starts on in the original file.
//!
//! `repair` first mends what the 2019 drafts and hand-edited pages get wrong (headings
//! without a space, tables without a delimiter row, cells wrapped onto the next line), keeping
//! a map back to the original line numbers. Table rows are then split into cells here rather
//! than by pulldown-cmark, which drops the cells of a row beyond the header's count: a page
//! that writes `|` inside a cell must not lose what follows it (see [`split_cells`]).

use super::repair::repair;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

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
        /// `false` for a fence that is never closed: it runs to the end of the page (or of
        /// the list item or quote it is in), swallowing what follows.
        closed: bool,
    },
    Paragraph {
        text: String,
        line: usize,
        /// The text of the bold span the paragraph starts with (`**模型定义**：…`), if any.
        lead: Option<String>,
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
    /// Each cell's markdown source, trimmed, with `\|` unescaped; every cell the row has, even
    /// beyond the header's count.
    pub cells: Vec<String>,
}

pub fn blocks(source: &str) -> Vec<Block> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // CommonMark ends lines at LF, CR LF or a lone CR; `str::lines` knows only the first two,
    // so a page with old Mac line ends would be one line to `repair` and many to
    // pulldown-cmark, and every line number would be wrong.
    let unified;
    let source = if source.contains('\r') {
        unified = source.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        source
    };
    let norm = repair(source);
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
    let mut closed = true;
    let mut lead: Option<String> = None;
    let mut leading_strong = false;
    let mut depth = 0usize; // nesting of paragraph/heading/code containers we collect text for
    for (event, range) in Parser::new_ext(&norm.text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(tag @ (Tag::Heading { .. } | Tag::Paragraph | Tag::CodeBlock(_))) => {
                if depth == 0 {
                    text.clear();
                    start = range.start;
                    lead = None;
                    closed = match tag {
                        Tag::CodeBlock(CodeBlockKind::Fenced(_)) => {
                            fence_closed(&norm.text[range.clone()])
                        }
                        _ => true,
                    };
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
                    TagEnd::CodeBlock => Block::Code {
                        text: body,
                        line,
                        closed,
                    },
                    _ => Block::Paragraph {
                        text: body.trim().to_string(),
                        line,
                        lead: lead.take(),
                    },
                });
            }
            Event::Start(Tag::Strong) => leading_strong = depth == 1 && text.trim().is_empty(),
            Event::End(TagEnd::Strong) if leading_strong => {
                leading_strong = false;
                lead = Some(text.trim().to_string());
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    line: line_of(range.start),
                    ..Table::default()
                });
            }
            Event::End(TagEnd::Table) => out.extend(table.take().map(Block::Table)),
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.header = split_cells(&norm.text[range])
                        .iter()
                        .map(|c| plain(c))
                        .collect();
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(Row {
                        line: line_of(range.start),
                        cells: split_cells(&norm.text[range]),
                    });
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

/// Whether a fenced code block's source ends with a closing fence: only the opening fence's
/// character, at least as many times.
fn fence_closed(source: &str) -> bool {
    let lines: Vec<&str> = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let [open, .., last] = lines.as_slice() else {
        return false;
    };
    let ch = open.chars().next().unwrap_or('`');
    let len = open.chars().take_while(|c| *c == ch).count();
    last.chars().count() >= len && last.chars().all(|c| c == ch)
}

/// A table row's cells, as a careful reader splits them: at every `|` that is not escaped
/// (`\|`) and not inside a wiki link (`[[api:uhost-api:disk_type|磁盘类型]]`); outer pipes
/// gone, each cell trimmed, escaped pipes unescaped. Unlike pulldown-cmark it keeps the cells
/// beyond the header's count: `GE大于等于|LE小于等于` in a description splits there, and the
/// row is mended when it is read ([`super::cells`]).
pub fn split_cells(row: &str) -> Vec<String> {
    let t = row.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut rest = t;
    let mut ended_with_pipe = false;
    while let Some(c) = rest.chars().next() {
        ended_with_pipe = false;
        if let Some(after) = rest.strip_prefix("\\|") {
            cell.push('|');
            rest = after;
        } else if let Some(link) = wiki_link(rest) {
            cell.push_str(link);
            rest = &rest[link.len()..];
        } else if c == '|' {
            cells.push(cell.trim().to_string());
            cell.clear();
            rest = &rest[1..];
            ended_with_pipe = true;
        } else {
            cell.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !ended_with_pipe || t.is_empty() {
        cells.push(cell.trim().to_string());
    }
    cells
}

/// `[[target|label]]` at the start of `s`: no brackets inside, on one line. A model link in
/// a type cell (`array[[*M*](#M)]`) has brackets inside and is not one.
fn wiki_link(s: &str) -> Option<&str> {
    let inner = s.strip_prefix("[[")?;
    let end = inner.find("]]")?;
    let body = &inner[..end];
    let plain = !body.contains(['[', ']', '\n']);
    plain.then(|| &s[..end + 4])
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
    fn cells_split_at_pipes_but_not_in_wiki_links_or_escapes() {
        assert_eq!(
            split_cells("| **A** | [[api:uhost-api:disk_type|磁盘类型]] | GE|LE | a \\| b |"),
            [
                "**A**",
                "[[api:uhost-api:disk_type|磁盘类型]]",
                "GE",
                "LE",
                "a | b"
            ]
        );
        assert_eq!(
            split_cells("|Set|array[[*M*](#M)]|x|"),
            ["Set", "array[[*M*](#M)]", "x"]
        );
        assert_eq!(split_cells("| a | |"), ["a", ""]);
        assert_eq!(split_cells("| a | b"), ["a", "b"]);
        assert_eq!(split_cells("|"), [""]);
    }

    #[test]
    fn unclosed_fences_and_bold_leads_are_marked() {
        let b = blocks("**模型定义**：`M`\n\n```json\n{}\n");
        assert_eq!(
            b[0],
            Block::Paragraph {
                text: "模型定义：M".into(),
                line: 1,
                lead: Some("模型定义".into())
            }
        );
        assert!(matches!(
            b[1],
            Block::Code {
                closed: false,
                line: 3,
                ..
            }
        ));
    }

    #[test]
    fn lone_cr_ends_lines() {
        let b = blocks("# T - A\r\r```\rx\r```\r");
        assert_eq!(
            b[1],
            Block::Code {
                text: "x\n".into(),
                line: 3,
                closed: true
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
                line: 3,
                closed: true
            }
        );
    }
}
