//! Line-level repairs made before pulldown-cmark reads a page, each of which a careful reader
//! makes without thinking, with a map back to the original line numbers:
//!
//! - `#Heading` without the space (2019 drafts) is a heading;
//! - a table with no delimiter row at all (2019 drafts) gets one after its header; a table that
//!   has one never gets another;
//! - a line inside a table that does not start with `|` continues the row above when that
//!   row is unfinished: it does not end with `|` (the cell's text wrapped onto the next source
//!   line), or it has fewer cells than the header and the line brings more (`| **Yes** |`).
//!   The lines become one row;
//! - a line without any `|` right after a finished row is prose after the table, not a row of
//!   it (GitHub's table extension would make it a one-cell row).
//!
//! Nothing inside a fenced code block is touched.

use super::blocks::split_cells;

/// The text pulldown-cmark reads, and for each of its lines the original line number.
pub struct Repaired {
    pub text: String,
    pub line_map: Vec<usize>,
}

impl Repaired {
    fn push(&mut self, line: &str, original: usize) {
        self.text.push_str(line);
        self.text.push('\n');
        self.line_map.push(original);
    }

    /// Appends `more` to the last line, which keeps its original line number.
    fn continue_last(&mut self, more: &str) {
        if self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text.push(' ');
        self.text.push_str(more);
        self.text.push('\n');
    }

    fn last_line(&self) -> &str {
        let t = self.text.strip_suffix('\n').unwrap_or(&self.text);
        t.rsplit('\n').next().unwrap_or(t)
    }
}

/// An open fenced code block: its fence character and length.
struct Fence {
    ch: char,
    len: usize,
}

impl Fence {
    /// The fence a line opens (```` ``` ```` or `~~~`, three or more), if any.
    fn opened_by(line: &str) -> Option<Fence> {
        let t = line.trim_start();
        let ch = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = t.chars().take_while(|c| *c == ch).count();
        // A backtick fence's info string cannot contain a backtick (CommonMark 4.5).
        let info_ok = ch == '~' || !t[len..].contains('`');
        (len >= 3 && info_ok).then_some(Fence { ch, len })
    }

    /// Whether the line closes this fence: only the fence character, at least as many.
    fn closed_by(&self, line: &str) -> bool {
        let t = line.trim();
        t.chars().count() >= self.len && t.chars().all(|c| c == self.ch)
    }
}

/// A table being read: how many cells its header has, and how its last row ends.
struct OpenTable {
    columns: usize,
    last: RowEnd,
}

/// How a row's source line ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowEnd {
    /// With `|` and all the header's cells.
    Complete,
    /// With `|`, but fewer cells than the header.
    Short,
    /// Inside a cell: no `|` at the end.
    InCell,
}

impl OpenTable {
    fn end_of(&self, row: &str) -> RowEnd {
        let t = row.trim_end();
        if !ends_with_pipe(t) {
            RowEnd::InCell
        } else if split_cells(t).len() < self.columns {
            RowEnd::Short
        } else {
            RowEnd::Complete
        }
    }

    /// Whether a line that does not start with `|` continues the last row.
    fn continued_by(&self, line: &str) -> bool {
        !line.trim_start().starts_with('#')
            && match self.last {
                RowEnd::InCell => true,
                RowEnd::Short => has_pipe(line),
                RowEnd::Complete => false,
            }
    }
}

pub fn repair(source: &str) -> Repaired {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Repaired {
        text: String::with_capacity(source.len() + 64),
        line_map: Vec::with_capacity(lines.len() + 8),
    };
    let mut fence: Option<Fence> = None;
    let mut table: Option<OpenTable> = None;
    for (i, &line) in lines.iter().enumerate() {
        let original = i + 1;
        if let Some(f) = &fence {
            out.push(line, original);
            if f.closed_by(line) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = Fence::opened_by(line) {
            fence = Some(f);
            table = None;
            out.push(line, original);
            continue;
        }
        let fixed = heading_without_space(line);
        let line_or_fixed = fixed.as_deref().unwrap_or(line);
        match table.as_mut() {
            Some(_) if line.trim().is_empty() => {
                table = None;
                out.push(line, original);
            }
            Some(t) if is_table_row(line) => {
                t.last = t.end_of(line);
                out.push(line, original);
            }
            Some(t) if t.continued_by(line) => {
                out.continue_last(line.trim());
                t.last = t.end_of(out.last_line());
            }
            Some(t) if has_pipe(line) && !line.trim_start().starts_with('#') => {
                // A row written without the leading pipe, as GitHub's tables allow.
                t.last = t.end_of(line);
                out.push(line, original);
            }
            Some(_) => {
                // Prose (or a heading) right after the table: a blank line ends the table.
                table = None;
                out.push("", original);
                out.push(line_or_fixed, original);
            }
            None => {
                out.push(line_or_fixed, original);
                if is_table_row(line) && !is_delimiter_row(line) {
                    let next = lines.get(i + 1).copied().unwrap_or("");
                    if !is_delimiter_row(next) {
                        // The header of a 2019 draft table, which has no delimiter row.
                        let columns = pulldown_cells(line).max(1);
                        out.push(&format!("|{}", "---|".repeat(columns)), original);
                    }
                    table = Some(OpenTable {
                        columns: split_cells(line).len(),
                        last: RowEnd::Complete,
                    });
                }
            }
        }
    }
    out
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

/// Whether the line has a `|` that is not escaped.
fn has_pipe(line: &str) -> bool {
    unescaped_pipes(line).next().is_some()
}

fn ends_with_pipe(t: &str) -> bool {
    unescaped_pipes(t).last() == Some(t.len() - 1)
}

fn unescaped_pipes(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    (0..bytes.len()).filter(move |&i| {
        let backslashes = bytes[..i].iter().rev().take_while(|b| **b == b'\\').count();
        bytes[i] == b'|' && backslashes % 2 == 0
    })
}

/// How many cells pulldown-cmark sees in a header row: it splits at every unescaped `|`,
/// and the delimiter row it needs must have as many.
fn pulldown_cells(line: &str) -> usize {
    let t = line.trim();
    let pipes = unescaped_pipes(t).count();
    let leading = usize::from(t.starts_with('|'));
    let trailing = usize::from(t.len() > 1 && ends_with_pipe(t));
    (pipes + 1).saturating_sub(leading + trailing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(r: &Repaired) -> Vec<(usize, &str)> {
        r.line_map.iter().copied().zip(r.text.lines()).collect()
    }

    #[test]
    fn a_wrapped_cell_joins_its_row() {
        let src = "| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **A** | string | 加密需要\n加密必须传入KmsKeyId |**Yes**|\n| **B** | int | x |No|\n";
        let r = repair(src);
        assert_eq!(
            lines(&r),
            [
                (1, "| 参数名 | 类型 | 描述信息 | 必填 |"),
                (2, "|:---|:---|:---|:---|"),
                (
                    3,
                    "| **A** | string | 加密需要 加密必须传入KmsKeyId |**Yes**|"
                ),
                (5, "| **B** | int | x |No|"),
            ]
        );
    }

    #[test]
    fn a_short_row_is_continued_only_by_more_cells() {
        let r = repair("|a|b|c|\n|---|---|---|\n|x|y|\nz|\n|p|q|\n注\n");
        assert_eq!(
            lines(&r),
            [
                (1, "|a|b|c|"),
                (2, "|---|---|---|"),
                (3, "|x|y| z|"),
                (5, "|p|q|"),
                (6, ""),
                (6, "注")
            ]
        );
    }

    #[test]
    fn prose_after_a_finished_row_ends_the_table() {
        let r = repair("|a|b|\n|---|---|\n|x|y|\n注：说明\n");
        assert_eq!(
            lines(&r),
            [
                (1, "|a|b|"),
                (2, "|---|---|"),
                (3, "|x|y|"),
                (4, ""),
                (4, "注：说明")
            ]
        );
    }

    #[test]
    fn only_a_table_without_delimiter_gets_one() {
        let r = repair("|a|b|\n|x|y|\n");
        assert_eq!(lines(&r), [(1, "|a|b|"), (1, "|---|---|"), (2, "|x|y|")]);
        let r = repair("|a|b\\|c|\n|---|---|\n|x|y|\nmore|z|\n");
        assert_eq!(r.line_map, [1, 2, 3, 4]);
    }

    #[test]
    fn fences_are_left_alone_and_closed_only_by_their_own_fence() {
        let src = "````\n```json\n|a|\n````\n#H\n";
        let r = repair(src);
        assert_eq!(
            lines(&r),
            [
                (1, "````"),
                (2, "```json"),
                (3, "|a|"),
                (4, "````"),
                (5, "# H")
            ]
        );
    }

    #[test]
    fn pulldown_counts_cells_between_unescaped_pipes() {
        assert_eq!(pulldown_cells("|a|b|c|"), 3);
        assert_eq!(pulldown_cells("|a|b|c"), 3);
        assert_eq!(pulldown_cells("|a\\|b|c|"), 2);
    }
}
