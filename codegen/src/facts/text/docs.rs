//! Page text → documentation text: what any emitter (rustdoc today, an OpenAPI description
//! next) can show as it is.
//!
//! The result is plain text in CommonMark's sense: paragraphs separated by a blank line, one
//! list item per line, links kept but absolute on docs.ucloud.cn, and nothing a markdown
//! renderer would turn into something else (code blocks, and so doctests; HTML; headings).
//! The rules, ported from the Rust emitter's `emit/docs.rs`:
//!
//! - `<br>` as the page shows it: two in a row end a paragraph; one before a list item or a
//!   quote starts a new line; any other single break is a space (a table cell has no lines).
//!   `<p>` counts as a break.
//! - Relative links (`api/uhost-api/x`, `../summary/y`, `disk_type`) become absolute.
//! - Lines are trimmed (indentation would make a code block) and code fences become `'''`.
//! - `**bold**` loses its stars; a `<` before a letter is escaped (`<ip-address>` would be
//!   taken for an HTML tag and vanish); a line that is only `-`/`=` or starts with `#` is
//!   escaped (setext and ATX headings).
//! - Text-direction controls (U+202A–U+202E, U+2066–U+2069) are dropped: rustc rejects them
//!   in doc comments. Tabs become spaces.

const DOCS_BASE: &str = "https://docs.ucloud.cn/api/";

/// `description` as documentation text; `folder` is the page's folder (`uhost-api`), for
/// relative links. Lines are separated by `\n`, paragraphs by an empty line.
pub fn docs(description: &str, folder: &str) -> String {
    lines(description, folder).join("\n")
}

/// [`docs`] as lines.
pub fn lines(description: &str, folder: &str) -> Vec<String> {
    let text = description.replace(is_bidi_control, "");
    let text = replace_breaks(&text);
    let text = absolute_links(&text, folder);
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = plain_line(raw);
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// One line, trimmed and defused: no indentation, fences, tabs, bold stars, HTML-like tags,
/// heading markers, brackets read as links or bare URLs (see [`super::links`]).
fn plain_line(raw: &str) -> String {
    let line = raw
        .trim()
        .replace("```", "'''")
        .replace('\t', " ")
        .replace("**", "");
    let mut out = super::links::defuse(&line);
    let heading = out.starts_with('#')
        || (!out.is_empty() && out.chars().all(|c| c == '-' || c == '=') && out.len() > 1);
    if heading {
        out.insert(0, '\\');
    }
    out
}

/// `<br>` as the page shows it: two in a row end a paragraph; one before a list item or
/// quote starts a new line; any other single break is a space.
fn replace_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut pending = 0; // breaks seen since the last text
    loop {
        let lead = rest.len() - rest.trim_start().len();
        let tag_len = break_tag(&rest[lead..]);
        if tag_len > 0 {
            pending += 1;
            rest = &rest[lead + tag_len..];
            continue;
        }
        if pending > 0 {
            let next = rest.trim_start();
            out.push_str(match (pending, starts_structure(next)) {
                (1, false) => " ",
                (1, true) => "\n",
                _ => "\n\n",
            });
            pending = 0;
            rest = next;
        }
        match rest.find('<') {
            Some(0) => {
                out.push('<');
                rest = &rest[1..];
            }
            Some(i) => {
                out.push_str(&rest[..i]);
                rest = &rest[i..];
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// A list item, quote, table row or numbered item (`1.`, `2、`, `3)`).
fn starts_structure(s: &str) -> bool {
    s.starts_with(['-', '*', '>', '|', '#'])
        || s.split_once(['.', '、', '）', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        })
}

/// The length of a `<br>`/`<br />`/`<p>`/`</p>` tag at the start of `s`, or 0.
fn break_tag(s: &str) -> usize {
    if !s.starts_with('<') {
        return 0;
    }
    match s.find('>') {
        Some(e) if e < 8 && is_break(&s[..=e]) => e + 1,
        _ => 0,
    }
}

fn is_break(tag: &str) -> bool {
    let inner: String = tag
        .trim_matches(['<', '>', '/'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    inner.eq_ignore_ascii_case("br") || inner.eq_ignore_ascii_case("p")
}

/// `](api/uhost-api/x)` and `](../summary/y.html)` → absolute links on docs.ucloud.cn.
fn absolute_links(text: &str, folder: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let target_end = rest.find(')').unwrap_or(rest.len());
        let target = rest[..target_end].trim();
        if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
            out.push_str(target);
        } else if let Some(t) = target
            .strip_prefix("api/")
            .or_else(|| target.strip_prefix("/api/"))
        {
            out.push_str(DOCS_BASE);
            out.push_str(t);
        } else if let Some(t) = target.strip_prefix("../") {
            out.push_str(DOCS_BASE);
            out.push_str(t);
        } else {
            out.push_str(DOCS_BASE);
            out.push_str(folder);
            out.push('/');
            out.push_str(target.trim_start_matches("./"));
        }
        rest = &rest[target_end..];
    }
    out.push_str(rest);
    out
}

/// Unicode controls that change the direction of text (U+202A–U+202E, U+2066–U+2069):
/// rustc rejects them in comments and string literals (`text_direction_codepoint_in_comment`,
/// `text_direction_codepoint_in_literal`, deny by default), since they can make code read
/// other than it compiles.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_links_and_code() {
        let lines = lines(
            "a<br />b<BR><br>c [x](api/uhost-api/disk_type) [y](../summary/p.html)<br>- item\n    ```code```",
            "uhost-api",
        );
        assert_eq!(
            lines,
            [
                "a b",
                "",
                "c [x](https://docs.ucloud.cn/api/uhost-api/disk_type) [y](https://docs.ucloud.cn/api/summary/p.html)",
                "- item",
                "'''code'''",
            ]
        );
    }

    #[test]
    fn links() {
        assert_eq!(
            docs("参见[磁盘类型](disk_type)与[地域](/api/summary/regionlist)，[x](https://a.b/c)", "uhost-api"),
            "参见[磁盘类型](https://docs.ucloud.cn/api/uhost-api/disk_type)与[地域](https://docs.ucloud.cn/api/summary/regionlist)，[x](https://a.b/c)"
        );
        assert_eq!(docs("[a](#Model)", "x"), "[a](#Model)");
    }

    #[test]
    fn direction_controls_and_tabs() {
        assert_eq!(docs("a\u{202e}b\u{2066}c\u{2069}\td", ""), "abc d");
    }

    #[test]
    fn list_items_and_paragraphs() {
        assert_eq!(
            docs("枚举值：<br /><br /> > Year，按年付费； <br /><br /> > Month<br />1. one<br />2、two", ""),
            "枚举值：\n\n> Year，按年付费；\n\n> Month\n1. one\n2、two"
        );
        assert_eq!(docs("<p>a</p><p>b</p>", ""), "a\n\nb");
        assert_eq!(docs("<br /><br />x<br /><br />", ""), "x");
    }

    #[test]
    fn nothing_becomes_markup() {
        assert_eq!(
            docs("**Yes** 取值：“auto”，“<ip-address>”", ""),
            "Yes 取值：“auto”，“\\<ip-address>”"
        );
        assert_eq!(docs("0<时间范围<=1h", ""), "0<时间范围<=1h");
        assert_eq!(
            docs("举例如下：<br /><br /># echo -n Password1 | base64", ""),
            "举例如下：\n\n\\# echo -n Password1 | base64"
        );
        assert_eq!(
            docs("说明<br /><br />---<br /><br />x", ""),
            "说明\n\n\\---\n\nx"
        );
        assert_eq!(docs("a\n        indented", ""), "a\nindented");
    }
}
