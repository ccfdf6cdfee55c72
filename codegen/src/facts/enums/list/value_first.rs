//! Value-first items: `Year，按年付费`, `0：关闭`, `"Dynamic" -> 按时付费`, `continuous 连续`,
//! `Identity（身份证号）`.

use super::{Ending, Item, List, Reader, Sep, Shape, Val};
use crate::facts::enums::scan::is_han;

/// Descriptions that make a value a condition on something else (`user 时需要填写`,
/// `Private 类型下，表示…`, `"UDP" 检查模式的预期响应`): not one of the field's values.
#[rustfmt::skip]
const CONDITION_WORDS: &[&str] = &[
    "时,", "时 ", "时需", "时有效", "时生效", "时必", "时可", "时才", "时使用", "时传", "时填", "时为", "时则", "时不",
    "类型下", "模式下", "检查模式", "情况下", "场景下", "下,", "此字段", "该字段", "本字段",
];

impl Reader<'_, '_> {
    /// The separator after a value whose text ends at `next`: its kind and where the
    /// description starts.
    fn pair_sep(&self, next: usize) -> Option<(Sep, usize)> {
        let j = self.t.skip_spaces(next);
        let spaced = j > next;
        let c = self.at(j);
        Some(match c {
            // `20:00` is a time, not a value and its meaning.
            ':' if !spaced && self.digit(next.wrapping_sub(1)) && self.digit(j + 1) => return None,
            ':' => (Sep::Colon, j + 1),
            '=' if self.at(j + 1) == '>' => (Sep::Arrow, j + 2),
            '-' if self.at(j + 1) == '>' => {
                // `3-> ` is 3 and ">", `1->=` is 1 and ">=": not an arrow.
                let d = self.t.skip_spaces(j + 2);
                if matches!(self.at(d), '\n' | '\0' | ';' | ',' | '=' | '>') {
                    (Sep::Dash, j + 1)
                } else {
                    (Sep::Arrow, j + 2)
                }
            }
            '-' => (Sep::Dash, j + 1),
            ',' => (Sep::Comma, j + 1),
            '(' => (Sep::Paren, j),
            c if is_han(c) && spaced => (Sep::Space, j),
            c if is_han(c) => (Sep::Adjacent, j),
            _ => return None,
        })
    }

    /// Whether the description `d..d_end` fits the separator: a `，` or a space only joins
    /// a value to Chinese text, without a keyword everything must be Chinese, and a
    /// description that makes the value a condition (`user 时需要填写`) is no description.
    fn desc_fits(&self, sep: Sep, d: usize, d_end: usize) -> bool {
        if d_end <= d {
            return false;
        }
        let start = self.t.skip_spaces(d);
        if CONDITION_WORDS.iter().any(|w| self.t.starts_with(start, w)) {
            return false;
        }
        // `1000 或者 1024`: a conjunction, not a description.
        if matches!(self.at(start), '或' | '和' | '及') {
            return false;
        }
        let han = (d..d_end).any(|i| is_han(self.at(i)));
        match sep {
            _ if self.implicit => han,
            Sep::Comma => (d..d_end)
                .take_while(|&i| !matches!(self.at(i), ',' | ';' | '\n'))
                .any(|i| is_han(self.at(i))),
            Sep::Space | Sep::Adjacent => is_han(self.at(start)),
            Sep::Paren => han || self.numeric,
            _ => true,
        }
    }

    /// The head of a value-first item at `q`: its value and separator, if one starts there.
    /// `line` says the item starts a line (or follows `;`), where any separator goes;
    /// elsewhere only an explicit one, a quoted value, or the list's own `style` does (and
    /// not even that when `weak_ok` is false).
    fn head(
        &self,
        q: usize,
        style: Option<Sep>,
        line: bool,
        weak_ok: bool,
    ) -> Option<(Val, Sep, usize)> {
        let v = self.value(q)?;
        // `Recover fail：恢复失败`: several words before an explicit separator, after a
        // separator (not after `general或vod或udb general:`).
        let separated = self
            .before(q)
            .is_none_or(|c| matches!(c, ',' | ';' | '、' | '\n' | '|' | '/' | ':' | '(' | '['));
        let v = if separated && (line || style.is_none() || self.at(q.wrapping_sub(1)) != ' ') {
            self.words(v, |i| {
                self.at(i) == ':' || self.t.starts_with(i, "->") || self.t.starts_with(i, "=>")
            })
        } else {
            v
        };
        let (sep, d) = self.pair_sep(v.next)?;
        // `"on"表示开启`: a quoted value joined to Chinese text. Backticks mark names in
        // prose (`与 \`VPCId\` 须同属一个 VPC`), not values.
        let quoted_pair = v.quoted
            && self.at(v.s.wrapping_sub(1)) != '`'
            && matches!(sep, Sep::Comma | Sep::Space | Sep::Adjacent);
        let ok = if self.implicit {
            sep.explicit() || quoted_pair || (line && matches!(sep, Sep::Space | Sep::Paren))
        } else {
            sep.explicit()
                || quoted_pair
                || (weak_ok && (line || style.is_some_and(|s| s.same_style(sep))))
                || sep == Sep::Paren
        };
        ok.then_some((v, sep, d))
    }

    /// A value without a description at `q` (`…；Month。`, `可用, Initializing, Deleting:…`):
    /// followed by the end, or by a separator and another item.
    fn descless(&self, q: usize, style: Option<Sep>, line: bool) -> Option<Val> {
        let v = self.value(q)?;
        if self.pair_sep(v.next).is_some_and(|(s, _)| s != Sep::Comma) {
            return None;
        }
        let k = self.t.skip_spaces(v.next);
        if self.is_strong_sep(k) {
            // At the very end, after a list separator (`…，MajorVersionUpgradeFail`).
            let after_sep = self
                .before(q)
                .is_some_and(|c| matches!(c, ',' | '、' | '|' | '/'));
            return (line || self.numeric || (k >= self.limit && after_sep)).then_some(v);
        }
        if matches!(self.at(k), ',' | '、') {
            let (n, strong) = self.skip_item_sep(k);
            return self.head(n, style, strong, true).map(|_| v);
        }
        None
    }

    /// Reads `VALUE sep DESC` items from `p`.
    pub fn value_first(&self, p: usize) -> Option<List> {
        let mut items: Vec<Item> = Vec::new();
        let mut style: Option<Sep> = None;
        let (mut q, mut line) = (p, true);
        let mut end = p;
        loop {
            let q1 = self.ordinal(q, items.len() + 1);
            let Some((item, sep, stop)) = self.item_at(q1, style, line, items.len() + 2) else {
                if items.is_empty() {
                    break;
                }
                // `…；Month。`, `可用, Initializing, Deleting:…`: a value without a description.
                if let Some(v) = self.descless(q1, style, line) {
                    items.push(Item {
                        value: (v.s, v.e),
                        doc: (v.next, v.next),
                    });
                    end = v.next;
                    (q, line) = self.skip_item_sep(v.next);
                    continue;
                }
                match self.resume(q1) {
                    Some(r) => (q, line) = (r, true),
                    None => break,
                }
                continue;
            };
            items.push(item);
            style = style.or(Some(sep));
            end = stop;
            match self.next_item(stop, sep, style, items.len() + 1) {
                Some(next) => (q, line) = next,
                None => break,
            }
        }
        let last = items.last()?.doc;
        // The last description may end in `等`: the page names some values, not all.
        let open = self
            .text(last.0, last.1)
            .trim_end_matches(['。', '.', ' ', ';'])
            .ends_with('等');
        Some(List {
            shape: Shape::ValueFirst,
            bracket: false,
            ending: if open {
                Ending::Open
            } else {
                self.ending(end, false)
            },
            items,
            end,
        })
    }

    /// The item at `q`: its value and description, its separator, and where it stops.
    fn item_at(
        &self,
        q: usize,
        style: Option<Sep>,
        line: bool,
        next_n: usize,
    ) -> Option<(Item, Sep, usize)> {
        let (v, sep, d) = self.head(q, style, line, true)?;
        let (doc, stop) = if sep == Sep::Paren {
            let (s, e) = self.paren(d)?;
            ((s, e), e + 1)
        } else {
            let stop = self.desc_end(d, style.or(Some(sep)), next_n);
            ((d, stop), stop)
        };
        if !self.desc_fits(sep, doc.0, doc.1) {
            return None;
        }
        // Without a keyword, an item without `:`/`->` must be a line of its own.
        let own_line = self.line_start(q) && self.line_ends(stop);
        if self.implicit && !(sep.explicit() || v.quoted || own_line) {
            return None;
        }
        let item = Item {
            value: (v.s, v.e),
            doc,
        };
        Some((item, sep, stop))
    }

    /// Where the item after one that stops at `stop` starts, and whether it starts a line;
    /// `None` when the list ends there.
    fn next_item(
        &self,
        stop: usize,
        sep: Sep,
        style: Option<Sep>,
        n: usize,
    ) -> Option<(usize, bool)> {
        let (next, strong) = self.skip_item_sep(stop);
        if next == stop && next < self.limit && !(sep == Sep::Paren && self.value(next).is_some()) {
            return None; // nothing separates this description from what follows
        }
        if !self.is_full_stop(self.t.skip_spaces(stop)) {
            return Some((next, strong));
        }
        // After a full stop, only an item of the list's own kind continues it
        // (`phost=>…。cloudDisk=>…`, `True，是系统盘。 False，是数据盘`); prose may follow
        // first (`默认为 "Bandwidth".“PostAccurateBandwidth”：…`).
        let own_kind =
            |s: Sep| s.explicit() || (s == sep && matches!(s, Sep::Comma | Sep::Dash | Sep::Paren));
        let q = self.ordinal(next, n);
        let continues = [(None, false), (style, true)]
            .iter()
            .any(|&(st, line)| self.head(q, st, line, true).is_some_and(|h| own_kind(h.1)));
        if continues {
            Some((next, strong))
        } else {
            self.resume(next).map(|r| (r, true))
        }
    }

    /// Prose after a list may end with a sentence after which the list goes on
    /// (`默认为 "Bandwidth".“PostAccurateBandwidth”：带宽后付费模式`): the position of the next
    /// explicit item after the next sentence end, if any.
    fn resume(&self, q: usize) -> Option<usize> {
        if self.implicit {
            return None;
        }
        let stop = (q..self.limit).find(|&i| self.is_strong_sep(i))?;
        let (r, _) = self.skip_item_sep(stop);
        let (_, sep, _) = self.head(r, None, false, true)?;
        (sep.explicit() && r > q).then_some(r)
    }

    /// Where the description starting at `d` ends: before the next item, a strong separator
    /// or prose after a comma.
    fn desc_end(&self, d: usize, style: Option<Sep>, next_n: usize) -> usize {
        let mut j = d;
        let mut depth = 0i32;
        while j < self.limit {
            let c = self.at(j);
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' if depth > 0 => depth -= 1,
                ')' | ']' => return j,
                '"' | '\'' if depth == 0 => {
                    if let Some(v) = self.quoted(j) {
                        j = v.next;
                        continue;
                    }
                }
                _ => {}
            }
            if depth > 0 {
                j += 1;
                continue;
            }
            if matches!(c, '\n' | ';') || self.is_full_stop(j) {
                return j;
            }
            if matches!(c, ',' | '、' | '|' | '/' | ' ') && j > d {
                let (q, strong) = self.skip_item_sep(j);
                let q1 = self.ordinal(q, next_n);
                // `NFS V3协议`: after a space inside an ASCII phrase only `V3：` would start an item.
                let weak_ok =
                    !(c == ' ' && self.at(j - 1).is_ascii_alphanumeric() && !self.numeric);
                if self.head(q1, style, strong, weak_ok).is_some()
                    || self.descless(q1, style, strong).is_some()
                    || (self.tail_at(q) && (c != ' ' || self.at(j - 1) != ' '))
                {
                    return j;
                }
            }
            j += 1;
        }
        j.min(self.limit)
    }
}
