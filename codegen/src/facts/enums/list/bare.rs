//! Bare values: `P0,P1,P2`, `"SATA"、"NVMe"`, `Yes/No`, `UHost或UPHost`.

use super::{Ending, Item, List, Reader, Shape};
use crate::facts::enums::scan::{is_han, is_quote};

impl Reader<'_, '_> {
    /// Reads values separated by `,`, `、`, `/`, `|`, `或`, `和`, line breaks (and spaces
    /// between quoted values, `;` inside brackets) from `p`.
    pub fn bare(&self, p: usize, in_bracket: bool) -> Option<List> {
        let mut items: Vec<Item> = Vec::new();
        let mut j = p;
        let mut end = p;
        let mut prose = false;
        let is_sep = |i: usize| {
            matches!(self.at(i), ',' | '、' | '/' | '|' | '\n' | '。' | '\0')
                || (in_bracket && self.at(i) == ';')
                || i >= self.limit
        };
        while let Some(v) = self.value(j) {
            let v = self.words(v, is_sep);
            let mut next = v.next;
            let mut doc = (next, next);
            // `2080"`: a stray quote after a value in a list of quoted ones.
            if !v.quoted && is_quote(self.at(next)) && is_sep(self.t.skip_spaces(next + 1)) {
                next += 1;
            }
            // `SYMMETRIC_DEFAULT(AES_256)、RSA_2048`: a note on the value.
            if self.at(next) == '(' {
                match self.paren(next) {
                    Some((s, e))
                        if is_sep(self.t.skip_spaces(e + 1))
                            && self.at(self.t.skip_spaces(e + 1)) != '\0' =>
                    {
                        doc = (s, e);
                        next = e + 1;
                    }
                    _ => {}
                }
            }
            if !v.quoted
                && is_han(self.at(next))
                && !matches!(self.at(next), '或' | '和' | '及' | '等')
            {
                break; // `Basic表示容量型`: a value and its meaning, not a bare value
            }
            let k = self.t.skip_spaces(next);
            // `"VPC" / "UWAN-VRouter"，"Direction" 为 "In" 时…`: the last word starts prose.
            if k > next
                && is_han(self.at(k))
                && !items.is_empty()
                && !matches!(self.at(k), '或' | '和' | '及' | '等')
                && !self.tail_at(k)
            {
                prose = true;
                break;
            }
            items.push(Item {
                value: (v.s, v.e),
                doc,
            });
            end = next;
            let c = self.at(k);
            j = match c {
                '或' if self.at(k + 1) == '者' => self.t.skip_blank(k + 2),
                ',' | '、' | '/' | '|' | '或' | '和' | '及' => self.t.skip_blank(k + 1),
                ';' if in_bracket => self.t.skip_blank(k + 1),
                '\n' => self.t.skip_blank(k),
                c if is_quote(c) && v.quoted && k > v.next => k,
                _ => break,
            };
        }
        // `取值为1或2，1为单副本，2为双副本`: what follows describes the values just listed.
        let described_again = || {
            let (n, _) = self.skip_item_sep(end);
            self.value(n).is_some_and(|v| {
                let again = self.t.slice(v.s, v.e);
                items
                    .iter()
                    .any(|i| self.t.slice(i.value.0, i.value.1) == again)
            })
        };
        let ending = match self.ending(end, false) {
            _ if prose => Ending::Clean,
            Ending::Broken if described_again() => Ending::Clean,
            e => e,
        };
        (!items.is_empty()).then_some(List {
            shape: Shape::Bare,
            bracket: false,
            ending,
            items,
            end,
        })
    }
}
