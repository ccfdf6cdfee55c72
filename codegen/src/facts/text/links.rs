//! One line of page text made safe for a markdown renderer that also resolves links by
//! name (rustdoc): what looks like markup but is the page's plain text is escaped.
//!
//! - `[22,3389]`, `[base64]`, `AppConfigSet[N]`: brackets that are not a markdown link
//!   (`[text](target)`) are escaped (`\[22,3389\]`), or rustdoc reads them as links to items.
//! - A bare `http://` or `https://` URL becomes an autolink (`<https://…>`), as rustdoc
//!   wants; one already in `<…>` or a link's target stays as it is.
//! - `<` before a letter or `/` is escaped (`\<ip-address>` would be an HTML tag and vanish).
//! - Code spans (`` `…` ``) are left alone: escapes would show there.
//!
//! Every escape renders as the character itself, so the text reads as the page wrote it.

/// Characters of a bare URL: rustdoc's own set (so what it would flag is what is wrapped).
fn in_url(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-@:%._+~#?&/=".contains(c)
}

/// `line` with its markup-like text escaped (see the module docs).
pub fn defuse(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest = &chars[i..];
        if c == '`' {
            let end = code_span_end(rest).unwrap_or(1);
            out.extend(&rest[..end]);
            i += end;
        } else if c == '<' {
            match autolink_end(rest) {
                Some(end) => {
                    out.extend(&rest[..end]);
                    i += end;
                }
                None => {
                    if rest
                        .get(1)
                        .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
                    {
                        out.push('\\');
                    }
                    out.push('<');
                    i += 1;
                }
            }
        } else if c == '[' {
            match link_end(rest) {
                Some(end) => {
                    out.extend(&rest[..end]);
                    i += end;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            }
        } else if c == ']' {
            out.push_str("\\]");
            i += 1;
        } else if starts_url(rest) && !chars[..i].last().is_some_and(|p| p.is_ascii_alphanumeric())
        {
            let len = rest.iter().take_while(|c| in_url(**c)).count();
            out.push('<');
            out.extend(&rest[..len]);
            out.push('>');
            i += len;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn starts_url(s: &[char]) -> bool {
    let text: String = s.iter().take(8).collect();
    (text.starts_with("http://") && s.len() > 7) || (text.starts_with("https://") && s.len() > 8)
}

/// The length of the code span at the start of `s` (a run of backticks, text, the same run
/// closing it), or `None` when it is not closed.
fn code_span_end(s: &[char]) -> Option<usize> {
    let run = s.iter().take_while(|c| **c == '`').count();
    let mut i = run;
    while i < s.len() {
        if s[i] == '`' {
            let close = s[i..].iter().take_while(|c| **c == '`').count();
            if close == run {
                return Some(i + close);
            }
            i += close;
        } else {
            i += 1;
        }
    }
    None
}

/// The length of an autolink (`<https://…>`) at the start of `s`.
fn autolink_end(s: &[char]) -> Option<usize> {
    if !starts_url(&s[1..]) {
        return None;
    }
    let close = s.iter().position(|c| *c == '>')?;
    s[1..close]
        .iter()
        .all(|c| !c.is_whitespace() && *c != '<')
        .then_some(close + 1)
}

/// The length of a markdown link (`[text](target)`) at the start of `s`: the bracket that
/// closes the first (brackets nest), right before `(`, and the `)` that closes that.
fn link_end(s: &[char]) -> Option<usize> {
    let mut depth = 0;
    let mut close = None;
    for (i, c) in s.iter().enumerate() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    if s.get(close + 1) != Some(&'(') {
        return None;
    }
    let target = s[close + 2..].iter().position(|c| *c == ')')?;
    let target_text = &s[close + 2..close + 2 + target];
    if target_text.iter().any(|c| c.is_whitespace()) || target_text.is_empty() {
        return None;
    }
    Some(close + 2 + target + 1)
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(defuse("端口[22,3389]"), "端口\\[22,3389\\]");
        assert_eq!(
            defuse("[file type];[base64]"),
            "\\[file type\\];\\[base64\\]"
        );
        assert_eq!(defuse("AppConfigSet[N].X"), "AppConfigSet\\[N\\].X");
        assert_eq!(
            defuse("[A-Z],[@#%^*+=_;:,?!&()-]之外"),
            "\\[A-Z\\],\\[@#%^*+=_;:,?!&()-\\]之外"
        );
    }

    #[test]
    fn links_autolinks_and_code_stay() {
        for kept in [
            "参见 [地域](https://docs.ucloud.cn/api/summary/regionlist)。",
            "see <https://a.b/c> now",
            "`[1,2]` and `<x>` in code",
            "``a ` b``",
        ] {
            assert_eq!(defuse(kept), kept);
        }
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            defuse("格式为：http://abc.ucloud.cn/a/；如"),
            "格式为：<http://abc.ucloud.cn/a/>；如"
        );
        assert_eq!(
            defuse("https://x.cn/a?b=1&c=2。"),
            "<https://x.cn/a?b=1&c=2>。"
        );
        assert_eq!(defuse("xhttp://no"), "xhttp://no");
    }

    #[test]
    fn tags_are_escaped_outside_code() {
        assert_eq!(defuse("<ip-address> a < b"), "\\<ip-address> a < b");
        assert_eq!(defuse("</p>"), "\\</p>");
    }
}
