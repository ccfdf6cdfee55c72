//! Description-first items: `有库存：Available`, `主模式，“main”`, `静态IP(Static)`.

use super::{Item, List, Reader, Shape, Val};
use crate::facts::enums::scan::{is_han, is_quote};

/// Labels of a property, not meanings of a value: `单位: MB`, `步长: 32768`, `最小值：10`.
#[rustfmt::skip]
const PROPERTY_LABELS: &[&str] = &[
    "单位", "步长", "最小值", "最大值", "默认值", "默认", "范围", "取值范围", "示例", "例如", "比如", "格式", "长度", "类型",
    "描述", "说明", "注意", "取值", "如",
];

impl Reader<'_, '_> {
    /// One `DESC sep VALUE` item at `q`: the item and the position after its value.
    pub(super) fn desc_item(&self, q: usize, first: bool) -> Option<(Item, usize)> {
        let mut j = q;
        while j < self.limit && j - q <= 40 {
            let c = self.at(j);
            if matches!(c, '\n' | ';' | '。') || is_quote(c) {
                return None;
            }
            if j > q && matches!(c, ':' | ',' | '(') {
                let found = self.desc_item_at(q, j, first);
                if found.is_some() || c != '(' {
                    // A description has no comma of its own: `Password，自制镜像密码：…` is two.
                    return found;
                }
                // `未知(空字符串，…)：""`: the parenthesis is part of the description.
                match self.paren(j) {
                    Some((_, e)) => j = e,
                    None => return None,
                }
            }
            j += 1;
        }
        None
    }

    /// The item whose description is `q..j` and whose separator is at `j`.
    fn desc_item_at(&self, q: usize, j: usize, first: bool) -> Option<(Item, usize)> {
        let c = self.at(j);
        let mut de = j;
        while de > q && self.at(de - 1) == ' ' {
            de -= 1;
        }
        let label = self.text(q, de);
        let han = label.chars().any(is_han);
        if de == q
            || self.tail_at(q)
            || self.announces_list(q, de)
            || PROPERTY_LABELS.contains(&label.as_str())
        {
            return None;
        }
        let ascii_ok = !first && !self.implicit && matches!(c, ':' | '(');
        if !(han || ascii_ok) || (self.implicit && c != ':') {
            return None;
        }
        let item = |v: Val| Item {
            value: (v.s, v.e),
            doc: (q, de),
        };
        if c == '(' {
            let (s, e) = self.paren(j)?;
            let v = self.value(s)?;
            return (v.next == e).then(|| (item(v), e + 1));
        }
        let v = self.value(self.t.skip_spaces(j + 1))?;
        if c == ',' && !v.quoted {
            // `主模式，“main”` is quoted; `DESC，word` is prose more often than not.
            let after = self.t.skip_spaces(v.next);
            if !self.is_strong_sep(after) {
                return None;
            }
        }
        let v = self.words(v, |i| {
            self.is_strong_sep(i) || matches!(self.at(i), ',' | '、')
        });
        let after = self.t.skip_spaces(v.next);
        let ok = match self.at(after) {
            '\n' | ';' | ',' | '、' | '|' | '/' | '。' | ')' | '\0' => true,
            '.' => !self.digit(after + 1),
            '或' => self.alternative(after).is_some(),
            _ => after > v.next || after >= self.limit,
        };
        ok.then(|| (item(v), v.next))
    }

    /// `或 VALUE` at `i`: the other value of an item.
    fn alternative(&self, i: usize) -> Option<Val> {
        if self.at(i) != '或' {
            return None;
        }
        let v = self.value(self.t.skip_spaces(i + 1))?;
        let after = self.t.skip_spaces(v.next);
        self.is_strong_sep(after).then_some(v)
    }

    /// Reads `DESC sep VALUE` items from `p`.
    pub fn desc_first(&self, p: usize) -> Option<List> {
        let mut items = Vec::new();
        let mut q = p;
        let mut end = p;
        loop {
            let q1 = self.ordinal(q, items.len() + 1);
            let Some((item, next)) = self.desc_item(q1, items.is_empty()) else {
                break;
            };
            items.push(item);
            end = next;
            // `未知状态：UNDEFINED_STATE或""`: two values for one meaning.
            if let Some(v) = self.alternative(self.t.skip_spaces(next)) {
                items.push(Item {
                    value: (v.s, v.e),
                    doc: item.doc,
                });
                end = v.next;
            }
            q = self.skip_item_sep(end).0;
        }
        (!items.is_empty()).then(|| List {
            shape: Shape::DescFirst,
            bracket: false,
            ending: self.ending(end, true),
            items,
            end,
        })
    }
}
