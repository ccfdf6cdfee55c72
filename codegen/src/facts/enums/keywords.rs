//! The keywords that announce a list (`枚举值`, `可选值`, `取值`…), what introduces the list
//! after them, and what makes their values another thing's.

use super::scan::{is_han, Text};

/// A keyword that announces a list, and whether a list after it is reliable on its own.
const KEYWORDS: &[(&str, bool)] = &[
    ("限定枚举值", true),
    ("枚举值", true),
    ("枚举类型", true),
    ("枚举", true),
    ("限定取值", true),
    ("可选值", true),
    ("可选项", true),
    ("固定值", true),
    ("取值范围", false),
    ("可选范围", false),
    ("可取值", false),
    ("取值", false),
    ("值可以是", false),
    ("可以是", false),
    ("可选", false),
    ("以下", false),
];

/// A keyword found in a description.
pub(super) struct Keyword {
    pub start: usize,
    /// Where the list would start: after the keyword and its introduction (`为：`, `如下:`).
    pub after: usize,
    pub word: &'static str,
    /// A list after it is reliable on its own (see [`KEYWORDS`]).
    pub strong: bool,
}

pub(super) fn keywords(t: &Text) -> Vec<Keyword> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match KEYWORDS.iter().find(|(w, _)| t.starts_with(i, w)) {
            Some(&(word, strong)) => {
                let end = i + word.chars().count();
                out.push(Keyword {
                    start: i,
                    after: intro(t, end),
                    word,
                    strong,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Skips what introduces a list after a keyword: a short label ending in `:` (`比较方式:`,
/// `四项：`, `如下:`), `为`, `是`, `包括`, `如下`, and separators.
pub(super) fn intro(t: &Text, end: usize) -> usize {
    let mut j = end;
    let mut k = j;
    while is_han(t.at(k)) && k - j < 6 {
        k += 1;
    }
    if k > j && matches!(t.at(t.skip_spaces(k)), ':' | ',') {
        j = t.skip_spaces(k) + 1;
    }
    let seps = |mut j: usize| {
        while matches!(t.at(j), ' ' | '\n' | ':' | ',') {
            j += 1;
        }
        j
    };
    j = seps(j);
    // `以下取值： - o1i：…`: a dash before the first item.
    if matches!(t.at(j), '-' | '*') && t.at(j + 1) == ' ' {
        j = seps(j + 1);
    }
    for w in ["包括", "如下", "为", "是"] {
        if t.starts_with(j, w) {
            j = seps(j + w.chars().count());
            break;
        }
    }
    j
}

/// The end of the region a keyword at `i` speaks in: the `)` closing a `(` opened before it
/// (`（用户名称…，枚举值：Active:解冻,Frozen:冻结）`), or the end of the text.
pub(super) fn region_end(t: &Text, i: usize) -> usize {
    let mut depth = 0i32;
    for j in (0..i).rev() {
        match t.at(j) {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '(' => {
                let mut d = 0;
                for k in i..t.len() {
                    match t.at(k) {
                        '(' => d += 1,
                        ')' if d > 0 => d -= 1,
                        ')' => return k,
                        _ => {}
                    }
                }
                return t.len();
            }
            _ => {}
        }
    }
    t.len()
}

/// `X为枚举值`, `ValueType 取值为…`: the values are another name's.
pub(super) fn subject_before(t: &Text, start: usize) -> bool {
    let mut j = start;
    while j > 0 && t.at(j - 1) == ' ' {
        j -= 1;
    }
    if j > 0 && matches!(t.at(j - 1), '为' | '是' | '的') {
        j -= 1;
    }
    while j > 0 && t.at(j - 1) == ' ' {
        j -= 1;
    }
    j > 1 && t.at(j - 1).is_ascii_alphanumeric() && t.at(j - 2).is_ascii_alphanumeric()
}

/// The page describes a structured value (JSON, an object, a map, a comma-joined list, an
/// array of objects): values it lists are its parts', not the field's.
pub(super) fn composite(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    let word = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphabetic())
                && !after.is_some_and(|c| c.is_ascii_alphabetic())
        })
    };
    ["json", "object", "map"].iter().any(|w| word(w))
        || [
            "逗号分隔",
            "逗号分割",
            "逗号隔开",
            "以逗号",
            "用逗号",
            "每个元素",
        ]
        .iter()
        .any(|m| description.contains(m))
}
