//! Blocks → the parts of one action page: title, description, the request, response and model
//! tables, and the two examples. Both formats map onto the same [`Page`].

use super::blocks::{plain, Block, Table};
use super::cells;
use crate::diag::Diagnostics;
use crate::spec::PageFormat;

/// What one page says, before types are read or models resolved.
#[derive(Debug, Clone)]
pub struct Page {
    pub file: String,
    pub format: PageFormat,
    pub action: String,
    pub title: String,
    pub title_line: usize,
    pub description: String,
    /// `None`: no request heading at all; an empty table: a heading with no table under it
    /// (an action without parameters).
    pub request: Option<Table>,
    pub response: Option<Table>,
    /// `(name, heading line, table)` in page order.
    pub models: Vec<(String, usize, Table)>,
    pub request_example: Option<(String, usize)>,
    pub response_example: Option<(String, usize)>,
    /// The first code fence that is never closed, if any.
    pub unclosed_fence: Option<UnclosedFence>,
}

/// A code fence that is never closed, and the section headings it swallows as code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclosedFence {
    pub line: usize,
    /// `(heading text, line)` of each section heading inside the code block.
    pub swallowed: Vec<(String, usize)>,
}

impl UnclosedFence {
    fn of(text: &str, line: usize) -> UnclosedFence {
        let swallowed = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let t = l.trim_start();
                let heading = t.trim_start_matches('#');
                (t.starts_with('#') && classify_heading(heading).is_some())
                    .then(|| (t.to_string(), line + 1 + i))
            })
            .collect();
        UnclosedFence { line, swallowed }
    }

    /// The swallowed heading of the request section, if there is one.
    pub fn request_heading(&self) -> Option<&(String, usize)> {
        self.heading_of(Section::Request)
    }

    /// The swallowed heading of the response section, if there is one.
    pub fn response_heading(&self) -> Option<&(String, usize)> {
        self.heading_of(Section::Response)
    }

    fn heading_of(&self, section: Section) -> Option<&(String, usize)> {
        self.swallowed.iter().find(|(h, _)| {
            matches!(classify_heading(h.trim_start_matches('#')), Some((s, _)) if s == section)
        })
    }
}

/// Why a page is not an action page; reported as info, not as an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    NotAPage(&'static str),
    HandWrittenHttp,
    NoSections,
    /// A page of the documentation tree's `summary/` folder (signature, common parameters,
    /// regions, projects): not a product's action page, whatever it contains (see the
    /// [`crate::parse`] docs).
    CommonPage,
}

/// The folder of UCloud's documentation tree that holds the pages every product shares.
pub const COMMON_FOLDER: &str = "summary";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Intro,
    Common,
    Request,
    Response,
    Models,
    RequestExample,
    ResponseExample,
    Other,
}

fn classify_heading(text: &str) -> Option<(Section, Option<PageFormat>)> {
    let t = text.trim().trim_matches('*').trim().to_ascii_lowercase();
    let cur = Some(PageFormat::Current);
    let old = Some(PageFormat::Legacy);
    Some(match t.as_str() {
        "简介" => (Section::Intro, cur),
        "公共参数" => (Section::Common, cur),
        "请求参数" => (Section::Request, cur),
        "响应字段" => (Section::Response, cur),
        "数据模型" => (Section::Models, cur),
        "请求示例" => (Section::RequestExample, cur),
        "响应示例" => (Section::ResponseExample, cur),
        "request parameters" => (Section::Request, old),
        "response elements" => (Section::Response, old),
        "request example" => (Section::RequestExample, old),
        "response example" => (Section::ResponseExample, old),
        "定义" | "示例" | "使用方法" => (Section::Other, cur),
        _ => return None,
    })
}

const NON_ACTION_FILES: [&str; 4] = ["index.md", "README.md", "_sidebar.md", "_glossary.md"];

/// Splits a page into its parts, or says why it is not an action page.
pub fn page(file: &str, blocks: Vec<Block>, diags: &mut Diagnostics) -> Result<Page, Skip> {
    if let Some(skip) = skip_reason(file, &blocks) {
        return Err(skip);
    }
    let unclosed_fence = unclosed_fence(&blocks);
    if !has_sections(&blocks, unclosed_fence.as_ref()) {
        return Err(Skip::NoSections);
    }
    let (title, title_line) = title(&blocks);
    let (title_text, action) = split_title(&title);
    let mut p = Page {
        file: file.to_string(),
        // Legacy until a heading only the current format uses says otherwise.
        format: PageFormat::Legacy,
        action,
        title: title_text,
        title_line,
        description: String::new(),
        request: None,
        response: None,
        models: Vec::new(),
        request_example: None,
        response_example: None,
        unclosed_fence,
    };
    read_sections(&mut p, blocks, diags);
    Ok(p)
}

/// Why a page is not an action page, judged by its path and its headings alone; `None` if it
/// may be one. `NoSections` is decided later, as it depends on an unclosed fence.
fn skip_reason(file: &str, blocks: &[Block]) -> Option<Skip> {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    if let Some(name) = NON_ACTION_FILES
        .iter()
        .find(|n| n.eq_ignore_ascii_case(base))
    {
        return Some(Skip::NotAPage(name));
    }
    // Hand-written HTTP pages (ufile, uarchive) also have `Response Elements` headings, so
    // their syntax section is what tells them apart.
    let http = blocks.iter().any(|b| {
        matches!(b, Block::Heading { text, .. } if text.contains("Syntax") || text.contains("句法"))
    });
    if http {
        return Some(Skip::HandWrittenHttp);
    }
    if folder_name(file) == Some(COMMON_FOLDER) {
        return Some(Skip::CommonPage);
    }
    None
}

/// The first code fence that is never closed, with the section headings it swallows.
fn unclosed_fence(blocks: &[Block]) -> Option<UnclosedFence> {
    blocks.iter().find_map(|b| match b {
        Block::Code {
            text,
            line,
            closed: false,
        } => Some(UnclosedFence::of(text, *line)),
        _ => None,
    })
}

/// Whether the page has a request or response section, as a heading or swallowed by `fence`.
fn has_sections(blocks: &[Block], fence: Option<&UnclosedFence>) -> bool {
    let visible = blocks.iter().any(|b| {
        matches!(b, Block::Heading { text, .. }
            if matches!(classify_heading(text), Some((Section::Request | Section::Response, _))))
    });
    // A fence left open before the sections hides them; the page is still an action page,
    // and saying why its tables are missing beats skipping it.
    let hidden =
        fence.is_some_and(|f| f.request_heading().is_some() || f.response_heading().is_some());
    visible || hidden
}

/// The title heading and its line: the first heading that names no section (`("", 0)` when
/// there is none).
fn title(blocks: &[Block]) -> (String, usize) {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { text, line, .. } if classify_heading(text).is_none() => {
                Some((text.clone(), *line))
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// Where the walk over a page's blocks is: the section the last heading (or model marker)
/// opened, and the model whose table is expected next.
struct Cursor {
    section: Section,
    model: Option<(String, usize)>,
}

/// Walks the blocks in page order, filling `p`'s description, tables and examples.
fn read_sections(p: &mut Page, blocks: Vec<Block>, diags: &mut Diagnostics) {
    let mut at = Cursor {
        section: Section::Intro,
        model: None,
    };
    // The title heading opens no section: skip it (once, by its line) so that the
    // description under it is still the intro.
    let mut seen_title = false;
    for block in blocks {
        match block {
            Block::Heading { line, .. } if !seen_title && line == p.title_line => {
                seen_title = true;
            }
            Block::Heading { level, text, line } => heading(p, &mut at, level, &text, line),
            Block::Table(t) => table(p, &mut at, t, diags),
            Block::Code { text, line, .. } => code(p, at.section, text, line),
            Block::Paragraph { text, line, lead } => {
                lost_table(p, &at, &text, line, diags);
                paragraph(p, &mut at, text, line, lead)
            }
        }
    }
}

/// A heading opens a known section, introduces a model, or starts a part the page's
/// tables and code are not read from.
fn heading(p: &mut Page, at: &mut Cursor, level: u8, text: &str, line: usize) {
    at.model = None;
    match classify_heading(text) {
        Some((section, format)) => {
            at.section = section;
            open_section(p, section, format, line);
        }
        // A model heading: `## Name` after the legacy response table, or any
        // `#### Name` in the current format's data-model part.
        None if matches!(at.section, Section::Response | Section::Models)
            && (level >= 2 || at.section == Section::Models) =>
        {
            at.section = Section::Models;
            at.model = Some((plain(text), line));
        }
        None => at.section = Section::Other,
    }
}

/// Records what a section heading says about the page: a request or response heading
/// means the part exists even with no table under it (an action without parameters), so it
/// leaves an empty placeholder that the first table replaces.
fn open_section(p: &mut Page, section: Section, format: Option<PageFormat>, line: usize) {
    let slot = match section {
        Section::Request => Some(&mut p.request),
        Section::Response => Some(&mut p.response),
        _ => None,
    };
    if let Some(slot) = slot {
        slot.get_or_insert_with(|| Table {
            line,
            ..Table::default()
        });
    }
    if format == Some(PageFormat::Current) {
        p.format = PageFormat::Current;
    }
}

/// A table belongs to the section it is in; tables of other sections are not read.
fn table(p: &mut Page, at: &mut Cursor, t: Table, diags: &mut Diagnostics) {
    match at.section {
        Section::Request => set_once(&mut p.request, t, &p.file, "request", diags),
        Section::Response => set_once(&mut p.response, t, &p.file, "response", diags),
        // A model heading owns one table: taking it makes a second table under the same
        // heading a stray one.
        Section::Models => model_table(p, at.model.take(), t, diags),
        // A parameter table under an example heading is not read: say so rather than drop
        // it, as it may be the request or response table under the wrong heading.
        Section::RequestExample | Section::ResponseExample if cells::is_field_table(&t) => diags
            .warn(
                "stray-table",
                &p.file,
                t.line,
                "a parameter table under an example heading; ignored",
            ),
        // The common parameters are the client's; any other table with a type column sits
        // under a heading that is not a request, response or model heading.
        Section::Intro | Section::Other if cells::is_field_table(&t) => diags.warn(
            "stray-table",
            &p.file,
            t.line,
            "a table with a type column outside the request, response and data-model sections; ignored",
        ),
        _ => {}
    }
}

/// Pipe rows that did not make a table (a damaged delimiter row such as `|:---|:---|` under
/// a 4-column header, a header and delimiter with different column counts) reach the page as
/// a paragraph. In a request, response or model section that is a table the page meant to
/// have: an error where the section has no table yet (its parameters or fields would be
/// lost), a warning where it already has one.
fn lost_table(p: &Page, at: &Cursor, text: &str, line: usize, diags: &mut Diagnostics) {
    let (what, has_table) = match at.section {
        Section::Request => (
            "request",
            p.request.as_ref().is_some_and(|t| !t.header.is_empty()),
        ),
        Section::Response => (
            "response",
            p.response.as_ref().is_some_and(|t| !t.header.is_empty()),
        ),
        Section::Models => ("data model", at.model.is_none()),
        _ => return,
    };
    let rows: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with('|'))
        .collect();
    let Some(&(first, _)) = rows.first() else {
        return;
    };
    let section = match (&at.model, at.section) {
        (Some((name, _)), Section::Models) => format!("model `{name}`"),
        _ => format!("{what} section"),
    };
    let message = format!(
        "{} pipe row(s) in the {section} make no table ({}); they are ignored",
        rows.len(),
        why_no_table(&rows)
    );
    if has_table {
        diags.warn("lost-table", &p.file, line + first, message);
    } else {
        diags.error("lost-table", &p.file, line + first, message);
    }
}

/// Why pulldown-cmark saw no table in these pipe rows: the delimiter row is missing or
/// damaged, or its column count differs from the header's.
fn why_no_table(rows: &[(usize, &str)]) -> String {
    let cells = |row: &str| super::blocks::split_cells(row).len();
    let is_delimiter = |row: &str| {
        let t = row.trim();
        t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    match rows {
        [(_, header), (_, delim), ..] if is_delimiter(delim) => format!(
            "the header has {} columns, the delimiter row {}",
            cells(header),
            cells(delim)
        ),
        [_, (_, second), ..] => format!(
            "the second row is not a delimiter row such as `|---|---|`: `{}`",
            second.trim()
        ),
        _ => "a single pipe row, no delimiter row".to_string(),
    }
}

/// The table of `model` (the heading that introduced it, if any) in the data-model part.
fn model_table(p: &mut Page, model: Option<(String, usize)>, t: Table, diags: &mut Diagnostics) {
    match model {
        Some((name, line)) if name.is_empty() => diags.error(
            "empty-name",
            &p.file,
            line,
            "model heading has an empty name; its table is ignored",
        ),
        Some((name, line)) => p.models.push((name, line, t)),
        None => diags.warn(
            "stray-table",
            &p.file,
            t.line,
            "table under the data models without a model heading; ignored",
        ),
    }
}

/// The first code block of an example section is the example; later ones are not read.
fn code(p: &mut Page, section: Section, text: String, line: usize) {
    let slot = match section {
        Section::RequestExample => &mut p.request_example,
        Section::ResponseExample => &mut p.response_example,
        _ => return,
    };
    if slot.is_none() {
        *slot = Some((text, line));
    }
}

/// Intro paragraphs make the description; after the response table, a bold model marker
/// introduces a model. Other paragraphs are not read.
fn paragraph(p: &mut Page, at: &mut Cursor, text: String, line: usize, lead: Option<String>) {
    if at.section == Section::Intro {
        if !p.description.is_empty() {
            p.description.push_str("\n\n");
        }
        p.description.push_str(&text);
        return;
    }
    // `**模型定义**：`ProjectSet`` after the response table introduces a model, as a
    // heading would.
    let after_response = p.response.as_ref().is_some_and(|t| !t.header.is_empty())
        && matches!(at.section, Section::Response | Section::Models);
    if !after_response {
        return;
    }
    if let Some(name) = lead.and_then(|l| model_marker(&l, &text)) {
        at.section = Section::Models;
        at.model = Some((name, line));
    }
}

/// The model a bold line introduces: `**模型定义**：`ProjectSet`` (a bold label, a colon and
/// the name) or `**ProjectSet**` alone. `None` for any other bold paragraph (`**注意**：…`).
fn model_marker(lead: &str, text: &str) -> Option<String> {
    let rest = text.strip_prefix(lead)?.trim();
    let name = match rest.strip_prefix(['：', ':']) {
        Some(after) => after.trim(),
        None if rest.is_empty() => lead.trim_end_matches(['：', ':']).trim(),
        None => return None,
    };
    super::is_identifier(name).then(|| name.to_string())
}

/// The name of the folder a page is in (`summary` for `docs/summary/regionlist.md`).
fn folder_name(file: &str) -> Option<&str> {
    let mut parts = file.rsplit(['/', '\\']);
    parts.next();
    parts.next()
}

fn set_once(
    slot: &mut Option<Table>,
    table: Table,
    file: &str,
    what: &str,
    diags: &mut Diagnostics,
) {
    // The heading left an empty placeholder; the first table under it replaces it.
    if slot.as_ref().is_some_and(|t| !t.header.is_empty()) {
        diags.warn(
            "extra-table",
            file,
            table.line,
            format!("a second {what} table; only the first is used"),
        );
    } else {
        *slot = Some(table);
    }
}

/// `获取镜像 - GetRepoImage` → (`获取镜像`, `GetRepoImage`). Legacy titles have no spaces
/// around the dash; the action is whatever follows the last dash.
pub fn split_title(title: &str) -> (String, String) {
    let title = strip_annotation(&plain(title));
    match title.rfind(['-', '－']) {
        Some(i) => {
            let dash = title[i..].chars().next().map_or(1, char::len_utf8);
            (
                title[..i].trim().to_string(),
                title[i + dash..].trim().to_string(),
            )
        }
        None => (String::new(), title.trim().to_string()),
    }
}

/// `BuyUFileQuota（已下线）` → `BuyUFileQuota`: a trailing note in brackets is not part of
/// the action name.
fn strip_annotation(title: &str) -> String {
    let t = title.trim_end();
    for (open, close) in [('（', '）'), ('(', ')'), ('【', '】')] {
        if t.ends_with(close) {
            if let Some(i) = t.rfind(open) {
                return t[..i].trim_end().to_string();
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            split_title("获取镜像-GetRepoImage"),
            ("获取镜像".into(), "GetRepoImage".into())
        );
        assert_eq!(
            split_title("创建 - Create-Thing"),
            ("创建 - Create".into(), "Thing".into())
        );
        assert_eq!(
            split_title("**获取-ListParts**"),
            ("获取".into(), "ListParts".into())
        );
        assert_eq!(
            split_title("买-BuyUFileQuota（已下线）"),
            ("买".into(), "BuyUFileQuota".into())
        );
    }
}
