//! Readers for the lists of values a description holds, each for one way pages write them:
//!
//! - [`Reader::bare`]: values only, `P0,P1,P2`, `"SATA"、"NVMe"`, `Yes/No`, `UHost或UPHost`;
//! - [`Reader::value_first`]: a value, then what it means: `Year，按年付费`, `0：关闭`,
//!   `"Dynamic" -> 按时付费`, `continuous 连续`, `Identity（身份证号）`;
//! - [`Reader::desc_first`]: what it means, then the value: `有库存：Available`,
//!   `主模式，“main”`, `静态IP(Static)`.
//!
//! A reader starts where the list starts and reads items as long as they fit its form; then
//! [`Reader::ending`] judges whether the list ended cleanly (end of text, end of sentence,
//! prose such as `默认为月付`) or stopped in the middle of something it could not read.
//! Brackets (`[...]`, `{...}`) are handled by the caller, which gives the reader a `limit`.

mod bare;
mod desc_first;
mod value_first;

use super::scan::{is_han, is_quote, is_value_char, Text};

/// How a value is joined to its description in one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// `Year:按年`, `Year：按年`
    Colon,
    /// `"Dynamic" -> 按时付费`, `Base=>基础镜像`
    Arrow,
    /// `0-关闭`, `continuous - 连续`
    Dash,
    /// `Year，按年付费`
    Comma,
    /// `Identity（身份证号）`, `静态IP(Static)`
    Paren,
    /// `exponent 指数`
    Space,
    /// `continuous连续`
    Adjacent,
}

impl Sep {
    /// A separator that marks an item by itself, wherever it is.
    fn explicit(self) -> bool {
        matches!(self, Sep::Colon | Sep::Arrow)
    }

    /// Separators a list may mix: `continuous连续 exponent 指数`.
    fn same_style(self, other: Sep) -> bool {
        self == other
            || (matches!(self, Sep::Space | Sep::Adjacent)
                && matches!(other, Sep::Space | Sep::Adjacent))
    }
}

/// Which reader read a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Bare,
    ValueFirst,
    DescFirst,
}

/// One value and its description, as char ranges of the [`Text`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub value: (usize, usize),
    pub doc: (usize, usize),
}

/// How a list ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// At the end of the text or its region, or where prose starts.
    Clean,
    /// At `等` or `...`: the page lists some values, not all.
    Open,
    /// Where something follows that is neither an item nor prose.
    Broken,
}

#[derive(Debug, Clone)]
pub(crate) struct List {
    pub shape: Shape,
    pub bracket: bool,
    pub items: Vec<Item>,
    /// Char position after the last item.
    pub end: usize,
    pub ending: Ending,
}

/// A value token: chars `s..e` (without quotes); `next` is the position after it.
#[derive(Debug, Clone, Copy)]
struct Val {
    s: usize,
    e: usize,
    next: usize,
    quoted: bool,
}

/// Words that start prose after a list: `默认为月付`, `如果不传…`, `其中TCP…`.
#[rustfmt::skip]
const TAIL_WORDS: &[&str] = &[
    "默认", "如果", "若", "不传", "不填", "未指定", "未填", "为空", "注", "参考", "详见", "见", "其中", "其他", "其余",
    "仅", "只", "当", "需", "须", "该", "此", "更多", "具体", "分别", "可不填", "例如", "比如", "暂", "目前", "否则",
    "以上", "建议", "请", "用于", "如:",
];

/// Reads lists in `text` up to `limit` (the end of the text, or of the bracket or parenthesis
/// the list is in).
pub(crate) struct Reader<'t, 'a> {
    pub t: &'t Text<'a>,
    pub limit: usize,
    /// Values are numbers (an int or float field): `1-EIP网卡可见` is `1` and its meaning.
    pub numeric: bool,
    /// No keyword announced the list: only items with `:`/`->` (or one per line) count, and
    /// every description must be Chinese text.
    pub implicit: bool,
}

impl Reader<'_, '_> {
    fn at(&self, i: usize) -> char {
        if i < self.limit {
            self.t.at(i)
        } else {
            '\0'
        }
    }

    fn digit(&self, i: usize) -> bool {
        self.at(i).is_ascii_digit()
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.t.chars[from.min(self.t.len())..to.min(self.t.len())]
            .iter()
            .collect()
    }

    // ---- values ------------------------------------------------------------------------

    /// A value starting exactly at `i`.
    fn value(&self, i: usize) -> Option<Val> {
        let c = self.at(i);
        if is_quote(c) {
            return self.quoted(i);
        }
        if self.numeric {
            return self.number(i);
        }
        if !(c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        if i > 0 && is_value_char(self.t.at(i - 1)) {
            return None;
        }
        let mut e = i;
        while is_value_char(self.at(e)) {
            e += 1;
        }
        // A sentence's full stop or a dash before the description is not part of the value.
        while e > i + 1 && matches!(self.at(e - 1), '.' | '-' | '+') {
            e -= 1;
        }
        Some(Val {
            s: i,
            e,
            next: e,
            quoted: false,
        })
    }

    fn number(&self, i: usize) -> Option<Val> {
        let mut e = i;
        if self.at(e) == '-' && self.digit(e + 1) {
            e += 1;
        }
        if !self.digit(e) || (i > 0 && self.t.at(i - 1).is_ascii_alphanumeric()) {
            return None;
        }
        while self.digit(e) {
            e += 1;
        }
        if self.at(e) == '.' && self.digit(e + 1) {
            e += 1;
            while self.digit(e) {
                e += 1;
            }
        }
        if self.at(e).is_ascii_alphabetic() || self.at(e) == '_' {
            return None;
        }
        Some(Val {
            s: i,
            e,
            next: e,
            quoted: false,
        })
    }

    /// `"x"`, `“x”`, `'x'`: printable ASCII without line breaks, at most 64 chars.
    fn quoted(&self, i: usize) -> Option<Val> {
        let open = self.at(i);
        let mut j = i + 1;
        while j < self.limit && j - i <= 65 {
            let c = self.at(j);
            if c == open {
                let (mut s, mut e) = (i + 1, j);
                while s < e && self.at(s) == ' ' {
                    s += 1;
                }
                while e > s && self.at(e - 1) == ' ' {
                    e -= 1;
                }
                if self.numeric && self.t.slice(s, e).parse::<f64>().is_err() {
                    return None;
                }
                return Some(Val {
                    s,
                    e,
                    next: j + 1,
                    quoted: true,
                });
            }
            if !(c.is_ascii_graphic() || c == ' ') || is_quote(c) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// `v` extended over following space-separated words (`Install Fail`, `UPhone X`) when
    /// they end where `stop` says a value may end.
    fn words(&self, v: Val, stop: impl Fn(usize) -> bool) -> Val {
        if v.quoted || self.numeric {
            return v;
        }
        let mut cur = v;
        while self.at(cur.e) == ' ' {
            let Some(w) = self.value(self.t.skip_spaces(cur.e)) else {
                break;
            };
            if w.quoted || w.s > cur.e + 1 {
                break;
            }
            cur = Val {
                e: w.e,
                next: w.next,
                ..cur
            };
            if stop(self.t.skip_spaces(cur.e)) {
                return cur;
            }
        }
        v
    }

    // ---- separators and prose ----------------------------------------------------------

    /// A full stop: `。`, or `.` not inside a number or a name.
    fn is_full_stop(&self, i: usize) -> bool {
        match self.at(i) {
            '。' => true,
            '.' => !self.digit(i + 1) && !self.at(i + 1).is_ascii_alphabetic(),
            _ => false,
        }
    }

    fn is_strong_sep(&self, i: usize) -> bool {
        i >= self.limit || matches!(self.at(i), '\n' | ';' | '\0') || self.is_full_stop(i)
    }

    /// Prose that ends a list starts at `i`.
    fn tail_at(&self, i: usize) -> bool {
        TAIL_WORDS.iter().any(|w| self.t.starts_with(i, w))
    }

    /// Chinese text at `from..to` that announces another list (`各地域的线路如下:`).
    fn announces_list(&self, from: usize, to: usize) -> bool {
        let s = self.text(from, to);
        s.contains("如下") || s.contains("以下")
    }

    /// `N、`, `N.`, `N)` numbering the `n`th item (1-based) at `i`: the position after it.
    fn ordinal(&self, i: usize, n: usize) -> usize {
        let digits = n.to_string();
        if self.t.starts_with(i, &digits)
            && matches!(self.at(i + digits.len()), '、' | '.' | ')')
            && !self.digit(i + digits.len() + 1)
        {
            return self.t.skip_spaces(i + digits.len() + 1);
        }
        i
    }

    /// Skips separators between items from `i`: the next item's position, and whether a line
    /// break, `;` or full stop was among them.
    fn skip_item_sep(&self, mut i: usize) -> (usize, bool) {
        let mut strong = false;
        while i < self.limit {
            let c = self.at(i);
            match c {
                '\n' | ';' => strong = true,
                _ if self.is_full_stop(i) => strong = true,
                ' ' | ',' | '、' | '|' | '/' => {}
                // ` - o1a：…`: a dash between spaces separates items on one line.
                '-' if self.at(i.wrapping_sub(1)) == ' ' && self.at(i + 1) == ' ' => {}
                // `clear（断开）、restart（重试）和 trap（流量触发）`
                '或' | '和' | '及' if self.value(self.t.skip_spaces(i + 1)).is_some() => {}
                _ => break,
            }
            i += 1;
        }
        (i, strong)
    }

    /// Whether `i` starts a line (or the text).
    fn line_start(&self, i: usize) -> bool {
        self.before(i).is_none_or(|c| c == '\n')
    }

    /// The char before `i`, spaces skipped; `None` at the start of the text.
    fn before(&self, i: usize) -> Option<char> {
        let mut j = i;
        while j > 0 && self.t.at(j - 1) == ' ' {
            j -= 1;
        }
        (j > 0).then(|| self.t.at(j - 1))
    }

    /// Whether a line break (or the end) follows `i`, past spaces and `;`/`。`.
    fn line_ends(&self, mut i: usize) -> bool {
        while matches!(self.at(i), ' ' | ';' | '。' | ',') {
            i += 1;
        }
        i >= self.limit || matches!(self.at(i), '\n' | '\0')
    }

    /// `(...)` at `i`: the range inside.
    fn paren(&self, i: usize) -> Option<(usize, usize)> {
        if self.at(i) != '(' {
            return None;
        }
        let mut depth = 0;
        let mut j = i;
        while j < self.limit {
            match self.at(j) {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((i + 1, j));
                    }
                }
                '\n' => return None,
                _ => {}
            }
            j += 1;
        }
        None
    }

    // ---- brackets and endings ----------------------------------------------------------

    /// The position of the bracket closing the one at `i`, if any.
    pub fn close_of(&self, i: usize) -> Option<usize> {
        let (open, close) = match self.at(i) {
            '[' => ('[', ']'),
            '{' => ('{', '}'),
            _ => return None,
        };
        let mut depth = 0;
        for j in i..self.limit {
            let c = self.at(j);
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
        }
        None
    }

    /// How the list whose last item ends at `e` ends. `desc_first`: the next item would start
    /// with Chinese text, so Chinese text after a `;` is a broken item, not prose.
    pub fn ending(&self, e: usize, desc_first: bool) -> Ending {
        let k = self.t.skip_spaces(e);
        if k >= self.limit {
            return Ending::Clean;
        }
        let c = self.at(k);
        if c == '等' || c == '…' || self.t.starts_with(k, "...") {
            return Ending::Open;
        }
        // `GPU(GPU机型)四种类型`: prose right after an item's closing parenthesis.
        if is_han(c) && self.at(e.wrapping_sub(1)) == ')' {
            return Ending::Clean;
        }
        if matches!(c, '\n' | '。' | ')' | ']' | '}' | '(' | '[') || self.is_full_stop(k) {
            return Ending::Clean;
        }
        if matches!(c, ';' | ',' | '、' | '/' | '|') {
            let mut n = k;
            let mut new_line = false;
            while matches!(self.at(n), ';' | ',' | '、' | '/' | '|' | ' ' | '\n') {
                new_line |= self.at(n) == '\n';
                n += 1;
            }
            let d = self.at(n);
            return if n >= self.limit || matches!(d, '(' | '[' | '。' | '\0') {
                Ending::Clean
            } else if d == '等' || d == '…' || self.t.starts_with(n, "...") {
                Ending::Open
            } else if desc_first {
                self.prose_at(n, c == ';' && !new_line)
            } else if is_han(d) && self.desc_item(n, false).is_some() {
                // `BGP: BGP线路; International: 国际线路; 原生IP: Native`: the list goes on in
                // the other order, which is no list.
                Ending::Broken
            } else if is_han(d) {
                Ending::Clean
            } else if c == ';' && self.value(n).is_some_and(|v| is_han(self.at(v.next))) {
                // `；RuleActions数组长度…`: a sentence that starts with a name.
                Ending::Clean
            } else {
                Ending::Broken
            };
        }
        if is_han(c) && k > e {
            return if desc_first {
                self.prose_at(k, false)
            } else {
                Ending::Clean
            };
        }
        Ending::Broken
    }

    /// After a description-first list: prose (a tail word, an announced new list) or a
    /// broken item. After `;`, any sentence counts as prose only if it is no item at all.
    fn prose_at(&self, n: usize, after_semicolon: bool) -> Ending {
        let run_end = (n..self.limit)
            .find(|&i| matches!(self.at(i), ':' | ',' | ';' | '\n' | '。'))
            .unwrap_or(self.limit);
        if self.tail_at(n) || self.announces_list(n, run_end) {
            return Ending::Clean;
        }
        let is_item = self.desc_item(n, false).is_some();
        if is_item || after_semicolon || !is_han(self.at(n)) {
            Ending::Broken
        } else {
            Ending::Clean
        }
    }
}
