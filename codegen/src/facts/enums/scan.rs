//! A description as the list readers see it: one `char` per position, with page markup
//! reduced to what matters for reading values, and every position mapped back to its bytes
//! in the original text (so values and sources are always slices of the page's own text).
//!
//! - `<br>`, `<br />` and `<p>` become `'\n'`; so do list bullets (`> `, `* `, `- ` at the
//!   start of a line, and ` > `/` * ` in the middle of one), since UCloud writes list items
//!   both ways.
//! - Full-width punctuation becomes its ASCII counterpart (`：`→`:`, `；`→`;`, `，`→`,`,
//!   `（）`→`()`, `【】`→`[]`, `“”`→`"`, `‘’`→`'`); `、` and `。` stay, they mean "and" and
//!   "end of sentence".
//! - `**` (bold) disappears, markdown escapes (`\~`) lose their backslash, `&nbsp;` and the
//!   like become their character, tabs and non-breaking spaces become spaces.

/// The normalised characters of a description and where each came from.
pub(crate) struct Text<'a> {
    pub raw: &'a str,
    pub chars: Vec<char>,
    /// Byte range in `raw` of each char.
    pub span: Vec<(usize, usize)>,
}

impl<'a> Text<'a> {
    pub fn new(raw: &'a str) -> Text<'a> {
        let mut t = Text {
            raw,
            chars: Vec::with_capacity(raw.len()),
            span: Vec::with_capacity(raw.len()),
        };
        let mut i = 0;
        while i < raw.len() {
            let rest = &raw[i..];
            if let Some(n) = markup_len(rest) {
                if n.1 != '\0' {
                    t.push(n.1, i, i + n.0);
                }
                i += n.0;
                continue;
            }
            let c = rest.chars().next().unwrap_or(' ');
            let len = c.len_utf8();
            t.push(normalize(c), i, i + len);
            i += len;
        }
        t.mark_bullets();
        t
    }

    fn push(&mut self, c: char, from: usize, to: usize) {
        self.chars.push(c);
        self.span.push((from, to));
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    /// The page's text of chars `from..to`.
    pub fn slice(&self, from: usize, to: usize) -> &'a str {
        if from >= to || from >= self.len() {
            return "";
        }
        let to = to.min(self.len());
        &self.raw[self.span[from].0..self.span[to - 1].1]
    }

    /// Whether the normalised text at `i` starts with `s`.
    pub fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..).zip(s.chars()).all(|(j, c)| self.at(j) == c)
    }

    /// Position of the first non-space (`' '`) char at or after `i`.
    pub fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i) == ' ' {
            i += 1;
        }
        i
    }

    /// Position of the first char at or after `i` that is neither a space nor a line break.
    pub fn skip_blank(&self, mut i: usize) -> usize {
        while matches!(self.at(i), ' ' | '\n') {
            i += 1;
        }
        i
    }

    /// List bullets become line breaks: `> x`, `* x`, `- x` at the start of a line, and
    /// ` > x`, `；> x`, ` * ` between items on one line.
    fn mark_bullets(&mut self) {
        let n = self.chars.len();
        for i in 0..n {
            let c = self.chars[i];
            if !matches!(c, '>' | '*' | '-' | '•' | '·') {
                continue;
            }
            let before = self.chars[..i].iter().rev().find(|&&c| c != ' ').copied();
            let line_start = matches!(before, None | Some('\n'));
            let after = self.chars.get(i + 1).copied().unwrap_or('\n');
            let next = self.chars[i + 1..].iter().find(|&&c| c != ' ').copied();
            let spaced_before = i > 0 && self.chars[i - 1] == ' ';
            let bullet = match c {
                // `>` is also "greater than" (`3：> `, `1->=`): in the middle of a line it is a
                // bullet only after a separator or a space, and before the item's text.
                '>' => {
                    let item_follows =
                        next.is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '\'');
                    after != '='
                        && item_follows
                        && (line_start || spaced_before || matches!(before, Some(';' | ',' | '。')))
                }
                '*' => line_start || (spaced_before && after == ' '),
                _ => line_start && after == ' ',
            };
            if bullet {
                self.chars[i] = '\n';
            }
        }
    }
}

/// Markup at the start of `s`: its length in bytes and the char it stands for (`'\0'`: none).
fn markup_len(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    match b.first()? {
        b'<' => {
            let end = s.find('>')?;
            let tag: String = s[1..end]
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '/')
                .collect::<String>()
                .to_ascii_lowercase();
            (end <= 8 && (tag == "br" || tag == "p")).then_some((end + 1, '\n'))
        }
        b'*' if b.get(1) == Some(&b'*') => Some((2, '\0')),
        b'\\' => match b.get(1) {
            Some(c) if b"~*_|[]()#`\\".contains(c) => Some((2, *c as char)),
            _ => None,
        },
        b'&' => [
            ("&nbsp;", ' '),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&amp;", '&'),
            ("&quot;", '"'),
        ]
        .iter()
        .find(|(e, _)| s.starts_with(e))
        .map(|(e, c)| (e.len(), *c)),
        _ => None,
    }
}

fn normalize(c: char) -> char {
    match c {
        '：' => ':',
        '；' => ';',
        '，' => ',',
        '（' => '(',
        '）' => ')',
        '【' | '［' => '[',
        '】' | '］' => ']',
        '｛' => '{',
        '｝' => '}',
        '“' | '”' | '„' | '‟' | '〝' | '〞' | '＂' => '"',
        '‘' | '’' => '\'',
        '｜' => '|',
        '／' => '/',
        '～' => '~',
        '－' => '-',
        '＝' => '=',
        '＞' => '>',
        '＜' => '<',
        '！' => '!',
        '？' => '?',
        '\t' | '\u{a0}' | '\u{3000}' | '\r' => ' ',
        c => c,
    }
}

/// A Chinese (or Japanese) character: what makes text prose rather than a value.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{3040}'..='\u{30ff}')
}

/// A char a bare (unquoted) value can hold.
pub(crate) fn is_value_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '+')
}

pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '`')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Text::new(s).chars.iter().collect()
    }

    #[test]
    fn markup_and_punctuation() {
        assert_eq!(norm("a<br />b<BR>c<br/>d"), "a\nb\nc\nd");
        assert_eq!(norm("**Yes**：是；“No”，否"), "Yes:是;\"No\",否");
        assert_eq!(norm("1\\~36&nbsp;x"), "1~36 x");
        assert_eq!(norm("a <b> c"), "a <b> c");
    }

    #[test]
    fn bullets() {
        assert_eq!(norm("> Year，按年"), "\n Year,按年");
        assert_eq!(norm("x<br /> >初始化: A"), "x\n \n初始化: A");
        assert_eq!(
            norm("枚举值： * 初始化: A; * 运行中: B"),
            "枚举值: \n 初始化: A; \n 运行中: B"
        );
        assert_eq!(norm("- System 平台"), "\n System 平台");
        // Comparison operators are not bullets.
        assert_eq!(norm("1：>= <br />3：> <br />4-<"), "1:>= \n3:> \n4-<");
        assert_eq!(norm("a；> Day，b"), "a;\n Day,b");
        assert_eq!(norm("1 -> 共享"), "1 -> 共享");
        assert_eq!(norm("0 - 关闭"), "0 - 关闭");
    }

    #[test]
    fn slices_are_page_text() {
        let t = Text::new("**A**：“x y”");
        let s: String = t.chars.iter().collect();
        assert_eq!(s, "A:\"x y\"");
        assert_eq!(t.slice(0, 1), "A");
        assert_eq!(t.slice(2, 7), "“x y”");
        assert_eq!(t.slice(3, 6), "x y");
        assert_eq!(t.slice(5, 5), "");
    }
}
