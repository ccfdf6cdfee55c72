//! Page text → rustdoc text: `<br>` becomes a line break, relative links become links to
//! docs.ucloud.cn, and nothing can turn into a doctest (no indented or fenced code).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

const DOCS_BASE: &str = "https://docs.ucloud.cn/api/";

/// Cleans `text` into rustdoc lines. `folder` is the page's folder, for relative links.
pub fn clean(text: &str, folder: &str) -> Vec<String> {
    let text = replace_breaks(text);
    let text = absolute_links(&text, folder);
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        // Indentation would make a code block, and code blocks become doctests; a tab is a
        // space in running text.
        let line = raw.trim().replace("```", "'''").replace('\t', " ");
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

/// `<br>` as rustdoc would show it: two in a row end a paragraph; one before a list item or
/// quote starts a new line; any other single break is a space, as markdown renders a line
/// break inside a paragraph anyway.
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

/// The length of a `<br>`/`<br />`/`<p>` tag at the start of `s`, or 0.
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

/// `#[doc = "..."]` attributes, one per line.
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| lit(&format!(" {}", text(l))));
    quote! { #(#[doc = #lines])* }
}

/// `#![doc = "..."]` attributes, one per line: the docs of the enclosing module or crate.
pub fn inner_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| lit(&format!(" {}", text(l))));
    quote! { #(#![doc = #lines])* }
}

/// The string literal of a doc attribute. `Literal::string` escapes with
/// `char::escape_debug`, a Unicode table look-up per non-ASCII character, and doc text is
/// mostly Chinese: this escapes only what a string literal cannot hold as it is. prettyplease
/// prints a doc attribute from its value, so the generated files do not change.
pub fn lit(s: &str) -> Literal {
    use std::fmt::Write as _;
    let mut repr = String::with_capacity(s.len() + 2);
    repr.push('"');
    for c in s.chars() {
        match c {
            '"' => repr.push_str("\\\""),
            '\\' => repr.push_str("\\\\"),
            '\n' => repr.push_str("\\n"),
            '\r' => repr.push_str("\\r"),
            '\t' => repr.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(repr, "\\u{{{:x}}}", c as u32);
            }
            c => repr.push(c),
        }
    }
    repr.push('"');
    repr.parse().unwrap_or_else(|_| Literal::string(s))
}

/// Unicode controls that change the direction of text (U+202A–U+202E, U+2066–U+2069):
/// rustc rejects them in comments and string literals (`text_direction_codepoint_in_comment`,
/// `text_direction_codepoint_in_literal`, deny by default), since they can make code read
/// other than it compiles.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for a doc comment: without direction controls, which a page has no use for and
/// rustc refuses. Every doc string of the generated code goes through here.
pub fn text(s: &str) -> String {
    if s.contains(is_bidi_control) {
        s.replace(is_bidi_control, "")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_are_dropped() {
        assert_eq!(text("a\u{202e}b\u{2066}c\u{2069}"), "abc");
        assert_eq!(
            attrs(&["x\u{202b}y".into()]).to_string(),
            quote!(#[doc = " xy"]).to_string()
        );
    }

    #[test]
    fn doc_literals_keep_their_value() {
        for s in [
            "",
            " 地域。 参见 [地域和可用区列表](https://docs.ucloud.cn/api/summary/regionlist)",
            "quote \" backslash \\ tab \t cr \r lf \n nul \0 bell \u{7} del \u{7f}",
            "zero width \u{200b} bom \u{feff} combining e\u{301} emoji 🦀 '",
            "\\u{41} \\x41 r#\"raw\"#",
        ] {
            let l = lit(s);
            let parsed: syn::LitStr = syn::parse2(quote!(#l)).expect("a string literal");
            assert_eq!(parsed.value(), s);
        }
    }

    #[test]
    fn breaks_links_and_code() {
        let lines = clean(
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
}
