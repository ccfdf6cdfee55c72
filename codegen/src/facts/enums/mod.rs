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
//! 3. Without a keyword, a list of two or more `VALUE：说明` (or `说明：VALUE`) items, or one
//!    such item per line, counts; every description must be Chinese text. Failing that
//!    (3b, `tokens`), one list of two or more API tokens (ASCII identifiers, no spaces)
//!    joined by `,`, `、`, `/`, `|` or `或` counts when it stands alone in its clause and
//!    nothing makes it examples, names, a format or a partial list: `"Accept" 或 "Drop"`,
//!    `on/off`, `max|min|avg`, `"TCP","UDP"`, `Available(可用)，InUse(已挂载)`.
//! 4. The list must end cleanly (end of text, end of sentence, or prose such as `默认为月付`);
//!    `等`/`...` make it open, anything else unreadable: both are ambiguous.
//! 5. One value only, several different lists (per condition), values of another named thing
//!    (`IsEnabled为枚举值…`), values inside a structured value (JSON, comma-joined lists),
//!    or non-numbers for a number field: ambiguous.
//!
//! Every value is a slice of the description (quotes and surrounding spaces removed): nothing
//! is invented, translated or re-cased.

pub mod group;
mod keywords;
mod list;
mod read;
pub mod references;
mod scan;
pub mod siblings;
#[cfg(test)]
mod tests;
mod tokens;

use keywords::{composite, keywords, region_end, subject_before, Keyword};
use list::{Ending, List, Shape};
use read::{clause_start, implicit, read_after, sentence_end, Found};
use scan::Text;
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

/// Whether a `string` field's description mentions values the rules cannot read with
/// confidence ([`Extraction::Ambiguous`]): such a text says more than values taken from
/// elsewhere (a sibling, a reference page) would.
pub(super) fn unreadable(description: &str) -> bool {
    matches!(extract(description, "string"), Extraction::Ambiguous(_))
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
    /// The description is longer than any list of values UCloud writes
    /// ([`MAX_DESCRIPTION_CHARS`]): not read, so that a page with megabyte cells cannot
    /// make reading slow.
    TooLong,
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
            Reason::TooLong => "too-long",
        }
    }
}

/// The longest description read for values, in chars. The longest in UCloud's documentation
/// is under 9,000 (ubill's `ResourceType`, a long list); some readings take time quadratic
/// in the length of a pathological text, which this bounds.
pub const MAX_DESCRIPTION_CHARS: usize = 12_000;

/// Reads the values `description` lists for a field of type `scalar` (`string`, `int`,
/// `float` or `bool`; any other type has no enumeration).
pub fn extract(description: &str, scalar: &str) -> Extraction {
    if description.chars().nth(MAX_DESCRIPTION_CHARS).is_some() {
        return Extraction::Ambiguous(Ambiguity {
            reason: Reason::TooLong,
            source: String::new(),
        });
    }
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
    let announced = match announced(&t, &keywords, numeric) {
        Ok(a) => a,
        Err(verdict) => return verdict,
    };
    let chosen = if announced.strong.is_empty() {
        announced.weak
    } else {
        announced.strong
    };
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
        Some(_) if announced.ranged => Extraction::None,
        Some(k) => ambiguous(&t, Reason::NoList, k.start, sentence_end(&t, k.after)),
        // Rule 3b: a list of API tokens that stands alone (`on/off`, `"Accept" 或 "Drop"`).
        None if !numeric => match tokens::token_list(&t) {
            Some(list) => finish(&t, &list, None, numeric),
            None => Extraction::None,
        },
        None => Extraction::None,
    }
}

/// The lists right after keywords, by the keyword's strength; weak ones only with two or
/// more values.
struct Announced<'k> {
    strong: Vec<(&'k Keyword, List)>,
    weak: Vec<(&'k Keyword, List)>,
    /// A keyword introduced a range (`[1-65535]`), not values.
    ranged: bool,
}

/// The lists `keywords` announce, or the verdict one of them forces: the values are another
/// name's (`ValueType 取值为…`), or only the usual ones (`常见取值：…`).
fn announced<'k>(
    t: &Text,
    keywords: &'k [Keyword],
    numeric: bool,
) -> Result<Announced<'k>, Extraction> {
    let mut found = Announced {
        strong: Vec::new(),
        weak: Vec::new(),
        ranged: false,
    };
    for k in keywords {
        let list = match read_after(t, k.after, region_end(t, k.start), numeric) {
            None => continue,
            Some(Found::Range) => {
                found.ranged = true;
                continue;
            }
            Some(Found::List(l)) => l,
        };
        if subject_before(t, k.start) {
            return Err(ambiguous(t, Reason::OtherSubject, k.start, list.end));
        }
        let lead: String = t.chars[clause_start(t, k.start)..k.start].iter().collect();
        if ["常见", "常用", "不限于", "例如", "比如"]
            .iter()
            .any(|w| lead.contains(w))
        {
            return Err(ambiguous(t, Reason::OpenList, k.start, list.end));
        }
        if k.strong {
            found.strong.push((k, list));
        } else if list.items.len() > 1 {
            found.weak.push((k, list));
        }
    }
    Ok(found)
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
