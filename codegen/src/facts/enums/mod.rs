//! Documented enumerations: the values a parameter's or field's description lists.
//!
//! [`extract`] reads one description (a raw table cell: markdown, `<br />`, full-width
//! punctuation) and says whether it lists the field's values ([`Extraction::Enum`]), mentions
//! values it cannot read with confidence ([`Extraction::Ambiguous`]: keep the plain type and
//! show the text), or lists none. The rules, with examples of every accepted and declined
//! form, are in `docs/enums.md`; in short:
//!
//! 1. A **keyword** announces a list: `枚举值`, `限定枚举值`, `枚举类型`, `枚举`, `可选值`,
//!    `可选项`, `限定取值`, `固定值` (strong), or `取值`, `取值范围`, `可选范围`, `可取值`,
//!    `值可以是`, `可以是`, `可选`, `以下…：` (weak: they also introduce ranges and prose, so
//!    a weak keyword without a list of two or more values means nothing).
//! 2. The list right after it is read in one of four forms ([`Form`]): bare values,
//!    value-first items, description-first items, or any of these in brackets. The reading
//!    that goes furthest wins.
//! 3. Without a keyword, only a list of two or more `VALUE：说明` (or `说明：VALUE`) items,
//!    or one such item per line, counts; every description must be Chinese text.
//! 4. The list must end cleanly (end of text, end of sentence, or prose such as `默认为月付`);
//!    `等`/`...` make it open, anything else unreadable: both are ambiguous.
//! 5. One value only, several different lists (per condition), values of another named thing
//!    (`IsEnabled为枚举值…`), values inside a structured value (JSON, comma-joined lists),
//!    or non-numbers for a number field: ambiguous.
//!
//! Every value is a slice of the description (quotes and surrounding spaces removed): nothing
//! is invented, translated or re-cased.

mod list;
mod scan;
#[cfg(test)]
mod tests;

use list::{Ending, List, Reader, Shape};
use scan::{is_han, Text};
use serde::{Deserialize, Serialize};

/// What a description says about its field's values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Extraction {
    /// The description lists the values: an enumeration.
    Enum(EnumFact),
    /// Values are mentioned but cannot be read with confidence: keep the plain type and put
    /// the text in the documentation.
    Ambiguous(Ambiguity),
    /// No values are listed (or the field is a bool, whose values its type already says).
    None,
}

impl Extraction {
    /// The values of an [`Extraction::Enum`]; empty otherwise.
    pub fn values(&self) -> &[EnumValue] {
        match self {
            Extraction::Enum(e) => &e.values,
            _ => &[],
        }
    }
}

/// An enumeration read from a description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumFact {
    /// In the page's order, without duplicates.
    pub values: Vec<EnumValue>,
    /// The exact text the values were read from (from the keyword, if any, to the last
    /// item): every value occurs in it literally.
    pub source: String,
    pub form: Form,
    /// The keyword that announced the list (`枚举值`, `可选值`, ...); `None` for a list
    /// recognised by its layout alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
}

/// One documented value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The exact wire string (`Year`, `0`, `IKE V1`, and `""` where the page lists the
    /// empty string).
    pub value: String,
    /// What the page says it means (`按年付费`), plain text; empty when the page says
    /// nothing.
    pub doc: String,
}

/// Values are mentioned but not read: why, and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ambiguity {
    pub reason: Reason,
    /// The text that mentions the values (from the keyword on).
    pub source: String,
}

/// How the values were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// `["N", "C", "G"]`, `{0,10,20}`, `[true:删除，false:不删除]`
    Bracket,
    /// Values only: `P0,P1,P2,P3`, `"SATA"、“NVMe”`, `Yes/No`.
    List,
    /// Value, then its meaning: `Year，按年付费`, `success：成功`, `0 - 关闭`.
    ValueFirst,
    /// Meaning, then the value: `有库存：Available`, `主模式，“main”`, `静态IP(Static)`.
    DescFirst,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Bracket => "bracket",
            Form::List => "list",
            Form::ValueFirst => "value-first",
            Form::DescFirst => "desc-first",
        }
    }
}

/// Why values mentioned by a description were not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A keyword says the values are enumerated, but no list follows it (`枚举值与磁盘类型相同`,
    /// `具体枚举值待定`).
    NoList,
    /// Only one value is named (`目前固定值【uphone】`, `枚举值：CLOUD_RSSD`): a constant today,
    /// not a set of choices.
    SingleValue,
    /// The list ends in `等` or `...`: some values, not all.
    OpenList,
    /// The list stops at something that is neither an item nor prose (mixed forms, an item
    /// without a value such as `IP地址或域名`).
    Unreadable,
    /// Different lists for different conditions.
    SeveralLists,
    /// A number field whose listed values are not numbers.
    NotNumeric,
    /// The values are those of parts of a structured value (JSON, comma-joined lists).
    Composite,
    /// The values belong to another named thing (`IsEnabled为枚举值…`).
    OtherSubject,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoList => "no-list",
            Reason::SingleValue => "single-value",
            Reason::OpenList => "open-list",
            Reason::Unreadable => "unreadable",
            Reason::SeveralLists => "several-lists",
            Reason::NotNumeric => "not-numeric",
            Reason::Composite => "composite",
            Reason::OtherSubject => "other-subject",
        }
    }
}

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

/// Reads the values `description` lists for a field of type `scalar` (`string`, `int`,
/// `float` or `bool`; any other type has no enumeration).
pub fn extract(description: &str, scalar: &str) -> Extraction {
    match scalar {
        "string" => read(description, false),
        "int" | "float" => match read(description, true) {
            Extraction::Enum(e) => Extraction::Enum(e),
            // `枚举值：Yes/No` for a number: values, but not numbers.
            other => match read(description, false) {
                Extraction::Enum(e) if e.keyword.is_some() => Extraction::Ambiguous(Ambiguity {
                    reason: Reason::NotNumeric,
                    source: e.source,
                }),
                _ => other,
            },
        },
        _ => Extraction::None,
    }
}

fn read(description: &str, numeric: bool) -> Extraction {
    let t = Text::new(description);
    let keywords = keywords(&t);
    if composite(description) {
        return match keywords.iter().find(|k| k.strong) {
            Some(k) => ambiguous(&t, Reason::Composite, k.start, t.len()),
            None => Extraction::None,
        };
    }
    let mut strong = Vec::new();
    let mut weak = Vec::new();
    let mut ranged = false;
    for k in &keywords {
        let limit = region_end(&t, k.start);
        let Some(found) = read_after(&t, k.after, limit, numeric) else {
            continue;
        };
        let list = match found {
            Found::List(l) => l,
            Found::Range => {
                ranged = true;
                continue;
            }
        };
        if subject_before(&t, k.start) {
            return ambiguous(&t, Reason::OtherSubject, k.start, list.end);
        }
        // `常见取值：…`, `包括但不限于…`: the page names the usual values, not all.
        let lead: String = t.chars[clause_start(&t, k.start)..k.start].iter().collect();
        if ["常见", "常用", "不限于", "例如", "比如"]
            .iter()
            .any(|w| lead.contains(w))
        {
            return ambiguous(&t, Reason::OpenList, k.start, list.end);
        }
        if k.strong {
            strong.push((k, list));
        } else if list.items.len() > 1 {
            weak.push((k, list));
        }
    }
    let chosen = if strong.is_empty() { weak } else { strong };
    if let Some((k, list)) = chosen.first() {
        let values = |l: &List| -> Vec<&str> {
            l.items
                .iter()
                .map(|i| t.slice(i.value.0, i.value.1))
                .collect()
        };
        if chosen.iter().any(|(_, l)| values(l) != values(list)) {
            let last = chosen.last().map_or(list.end, |(_, l)| l.end);
            return ambiguous(&t, Reason::SeveralLists, k.start, last);
        }
        return finish(&t, list, Some((k.start, k.word)), numeric);
    }
    // A keyword with no list right after it (`枚举值。当前操作的产品类型，1、uphone：…`) may
    // still announce one further on.
    let first_strong = keywords.iter().find(|k| k.strong);
    let from = first_strong.map_or(0, |k| k.after);
    if let Some(list) = implicit(&t, from, numeric) {
        let start = first_strong.map(|k| (k.start, k.word));
        return finish(&t, &list, start, numeric);
    }
    match first_strong {
        // `限定取值：[1-65535]`: a range, which the type and the text already say.
        Some(_) if ranged => Extraction::None,
        Some(k) => ambiguous(&t, Reason::NoList, k.start, sentence_end(&t, k.after)),
        None => Extraction::None,
    }
}

struct Keyword {
    start: usize,
    /// Where the list would start: after the keyword and its introduction (`为：`, `如下:`).
    after: usize,
    word: &'static str,
    strong: bool,
}

fn keywords(t: &Text) -> Vec<Keyword> {
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
fn intro(t: &Text, end: usize) -> usize {
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
fn region_end(t: &Text, i: usize) -> usize {
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
fn subject_before(t: &Text, start: usize) -> bool {
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
fn composite(description: &str) -> bool {
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

enum Found {
    List(List),
    /// `[1-65535]`, `0-7200`: a range, not values.
    Range,
}

/// The best reading of a list starting at `p`.
fn read_after(t: &Text, p: usize, limit: usize, numeric: bool) -> Option<Found> {
    let r = Reader {
        t,
        limit,
        numeric,
        implicit: false,
    };
    if range_at(t, p) {
        return Some(Found::Range);
    }
    if matches!(t.at(p), '[' | '{') {
        return read_bracket(&r, p).map(|l| l.map_or(Found::Range, Found::List));
    }
    best([r.bare(p, false), r.value_first(p), r.desc_first(p)]).map(Found::List)
}

/// The reading that goes furthest; a clean one over a broken one; more items over fewer.
fn best<const N: usize>(candidates: [Option<List>; N]) -> Option<List> {
    candidates.into_iter().flatten().max_by_key(|l| {
        (
            l.end,
            l.ending == Ending::Clean,
            l.items.len(),
            // On a tie, the earlier reader in the list (bare, then value-first) wins.
            std::cmp::Reverse(l.shape as u8),
        )
    })
}

/// A list in `[...]`/`{...}` at `p`: `Ok(None)` for a range (`[1-65535]`, `范围[1,7]`).
fn read_bracket(r: &Reader, p: usize) -> Option<Result<List, ()>> {
    let t = r.t;
    let close = r.close_of(p);
    let inner_limit = close.unwrap_or_else(|| sentence_end(t, p).min(r.limit));
    let inner = Reader {
        limit: inner_limit,
        ..*r
    };
    let start = t.skip_blank(p + 1);
    let before: String = t.chars[p.saturating_sub(8)..p].iter().collect();
    if t.at(p) == '[' && before.contains("范围") && two_numbers(&inner, start) {
        return Some(Err(()));
    }
    let mut list = best([inner.bare(start, true), inner.value_first(start)])?;
    let mut k = list.end;
    while matches!(t.at(k), ' ' | ',' | ';' | '\n') && k < inner_limit {
        k += 1;
    }
    list.bracket = true;
    list.ending = if k >= inner_limit && list.ending != Ending::Open {
        Ending::Clean
    } else if list.ending == Ending::Open {
        Ending::Open
    } else {
        Ending::Broken
    };
    list.end = close.map_or(inner_limit, |c| c + 1);
    Some(Ok(list))
}

/// `1,7]`: two numbers, the bounds of a range.
fn two_numbers(r: &Reader, start: usize) -> bool {
    let s: String = r.t.chars[start..r.limit.max(start)].iter().collect();
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    parts.len() == 2 && parts.iter().all(|p| p.parse::<f64>().is_ok())
}

/// `1-65535`, `0~9`, `8000 – 20000000` at `p`.
fn range_at(t: &Text, p: usize) -> bool {
    let mut j = p;
    if t.at(j) == '[' {
        j += 1;
    }
    let digits = |mut j: usize| {
        let s = j;
        while t.at(j).is_ascii_digit() {
            j += 1;
        }
        (j > s).then_some(j)
    };
    let Some(j) = digits(t.skip_spaces(j)) else {
        return false;
    };
    let j = t.skip_spaces(j);
    matches!(t.at(j), '-' | '~' | '–' | '—') && digits(t.skip_spaces(j + 1)).is_some()
}

/// The end of the sentence at or after `i`.
fn sentence_end(t: &Text, i: usize) -> usize {
    (i..t.len())
        .find(|&j| matches!(t.at(j), '。' | '\n' | ';'))
        .unwrap_or(t.len())
}

/// A list without a keyword, at the first place from `from` where one starts.
fn implicit(t: &Text, from: usize, numeric: bool) -> Option<List> {
    let r = Reader {
        t,
        limit: t.len(),
        numeric,
        implicit: true,
    };
    let starts = (from..t.len()).filter(|&i| {
        i == from
            || matches!(
                t.at(i - 1),
                '\n' | '。' | ';' | ':' | '(' | '[' | ',' | ' ' | '、'
            )
            || is_han(t.at(i - 1))
    });
    for i in starts {
        if t.at(i) == ' ' || t.at(i) == '\n' {
            continue;
        }
        // `例如"01"代表…，"10"代表…`: examples, not the list of values.
        if ["例如", "比如", "示例", "举例", "如:"].iter().any(|w| {
            t.chars[clause_start(t, i)..i]
                .iter()
                .collect::<String>()
                .contains(w)
        }) {
            continue;
        }
        // `* 制作中: 制作中; * 可用的: CREATING; …`: the list starts with an item it cannot
        // read, so it is not read from its second item either.
        let sentence = (0..i).rev().find(|&j| t.at(j) == '。').map_or(0, |j| j + 1);
        let before: String = t.chars[sentence..i].iter().collect();
        let piece = before
            .trim_end_matches([' ', '\n', ';', ','])
            .rsplit(['\n', ';'])
            .next()
            .unwrap_or("");
        let last = piece.rsplit(',').next().unwrap_or("").trim();
        let prose = ["默认", "如"].iter().any(|w| last.starts_with(w));
        if !prose
            && piece
                .split_once(':')
                .is_some_and(|(_, rest)| !rest.trim().is_empty())
        {
            continue;
        }
        // Inside Chinese text only a value can start a list (`状态0：初始化；1：…`).
        let inside_text = i > from && is_han(t.at(i - 1));
        let found = if inside_text {
            r.value_first(i)
        } else {
            best([r.value_first(i), r.desc_first(i)])
        };
        if let Some(l) = found.filter(|l| l.items.len() > 1 && l.ending != Ending::Broken) {
            return Some(l);
        }
    }
    None
}

/// The start of the sentence `i` is in.
fn clause_start(t: &Text, i: usize) -> usize {
    (0..i)
        .rev()
        .find(|&j| matches!(t.at(j), '。' | '\n' | ';'))
        .map_or(0, |j| j + 1)
}

fn ambiguous(t: &Text, reason: Reason, start: usize, end: usize) -> Extraction {
    Extraction::Ambiguous(Ambiguity {
        reason,
        source: t.slice(start, end.max(start + 1)).trim().to_string(),
    })
}

/// The extraction a list makes, once its values are checked.
fn finish(t: &Text, list: &List, keyword: Option<(usize, &str)>, numeric: bool) -> Extraction {
    let first = &list.items[0];
    let start = keyword.map_or(first.value.0.min(first.doc.0), |k| k.0);
    match list.ending {
        Ending::Open => return ambiguous(t, Reason::OpenList, start, list.end + 3),
        Ending::Broken => {
            return ambiguous(t, Reason::Unreadable, start, sentence_end(t, list.end))
        }
        Ending::Clean => {}
    }
    let mut values: Vec<EnumValue> = Vec::new();
    for item in &list.items {
        let value = t.slice(item.value.0, item.value.1).to_string();
        let doc = clean_doc(t.slice(item.doc.0, item.doc.1));
        match values.iter_mut().find(|v| v.value == value) {
            Some(v) if !doc.is_empty() && v.doc != doc => {
                v.doc = if v.doc.is_empty() {
                    doc
                } else {
                    format!("{}; {doc}", v.doc)
                };
            }
            Some(_) => {}
            None => values.push(EnumValue { value, doc }),
        }
    }
    // `“auto”，“<ip-address>”`: a placeholder stands for values the page does not list.
    if values
        .iter()
        .any(|v| v.value.starts_with('<') && v.value.ends_with('>'))
    {
        return ambiguous(t, Reason::OpenList, start, list.end);
    }
    if numeric && values.iter().any(|v| v.value.parse::<f64>().is_err()) {
        return ambiguous(t, Reason::NotNumeric, start, list.end);
    }
    if values.len() < 2 {
        return ambiguous(t, Reason::SingleValue, start, list.end);
    }
    let form = match (list.bracket, list.shape) {
        (true, _) => Form::Bracket,
        (_, Shape::Bare) => Form::List,
        (_, Shape::ValueFirst) => Form::ValueFirst,
        (_, Shape::DescFirst) => Form::DescFirst,
    };
    Extraction::Enum(EnumFact {
        values,
        source: t.slice(start, list.end).trim_end().to_string(),
        form,
        keyword: keyword.map(|k| k.1.to_string()),
    })
}

/// A value's description as plain text: the page's own characters, without markup, line
/// breaks or surrounding punctuation.
fn clean_doc(raw: &str) -> String {
    let t = Text::new(raw);
    let mut s = String::with_capacity(raw.len());
    for (i, &c) in t.chars.iter().enumerate() {
        if c == '\n' || c == ' ' {
            if !s.ends_with(' ') {
                s.push(' ');
            }
        } else {
            s.push_str(t.slice(i, i + 1));
        }
    }
    let trim: &[char] = &[
        ' ', ',', ';', ':', '。', '.', '、', '|', '/', '，', '；', '：',
    ];
    let mut s = s.trim_matches(trim);
    // A parenthesis the list sits in (`(清洗中：Cleaning  过期：Expired)`) is not the doc's.
    for (open, close) in [('(', ')'), ('（', '）')] {
        if s.starts_with(open) && !s.contains(close) {
            s = s[open.len_utf8()..].trim_start();
        }
        if s.ends_with(close) && !s.contains(open) {
            s = s[..s.len() - close.len_utf8()].trim_end();
        }
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            if !inner.contains([open, close]) {
                return inner.trim().to_string();
            }
        }
    }
    s.to_string()
}
