//! Lists of API tokens without a keyword (rule 3b): `"Accept" 或 "Drop"`, `on/off`,
//! `max|min|avg`, `"TCP","UDP","ICMP"`, `Year， Month， Dynamic，Trial`,
//! `Available(可用)，Attaching(挂载中)`.
//!
//! Without a keyword, a list of bare values is text like any other (`IP/端口`, `TCP/IP`,
//! `[磁盘类型](api/uhost-api/disk_type)`, `如：GB，TB`), so it counts only when all of this
//! holds:
//!
//! - the values are **tokens**: ASCII letters, digits, `_` and `-` (no spaces, dots or
//!   slashes), at least one has a letter, and a value of one char needs its meaning in
//!   parentheses (`g(Gpu型)`);
//! - they are joined by `,`, `、`, `/`, `|` or `或`/`或者`, with one of these between every
//!   two (a line break alone does not join); `和`/`及` joins nouns in prose (`VPC和子网`) and
//!   counts only for two values after `只支持`, `仅支持`, `分` or before `两种`, `之一`
//!   (`只支持GET和HEAD`, `分 IP 和 Domain`);
//! - the list stands alone: it starts the text, a line or a clause (after `:`, `,`, `;`, `。`,
//!   `(`, `[`, `、`, a quote or Chinese text, spaces between allowed; not after an ASCII word,
//!   as in `echo -n Password1 | base64`, nor inside a markdown link `](…)`), and it ends
//!   the text, a sentence or a clause (`。`, `;`, `,`, `.`, `)`, a quote, a line break), or
//!   `默认…`, `之一`, `两种`…; anything else after it (`TCP/IP 协议`, `a/b: …`) declines it;
//! - nothing in its sentence (back to `。`, at most 200 chars) makes the values examples or a
//!   format: `如` (not `如果`/`如下`), `例如`, `比如`, `举例`, `示例`, `e.g.`, `eg:`, `格式`;
//! - it is the only such list in the text (numbers-only lists count here too): `RSA支持2048,
//!   3072,4096<br />ECDSA支持p256,p384,p512` is one list per condition, not the field's;
//! - it is not cut short: no token follows it past a separator (`Name,Tag,Remark必须填写`,
//!   `支持RSA, ECDSA, SM2 三种值`) unless one of its own values (`transfer 或 integration，
//!   transfer 时…`), no `meaning：VALUE` item stands before or after it in its clause
//!   (`密钥：KeyPair，Password，自制镜像密码：ImagePasswd`), and every default the text names
//!   (`默认为“IP”`, `默认值：NONE`) is one of its values;
//! - its values are not names: not right after `用于`, `填写`, `指定`, `指`, `参考`, `参见`,
//!   `调用` or `默认` (`无需填写ClassType、Offset、Limit`, `LB指CLB或ALB`, `默认VPC，DefinedVPC`),
//!   not a function's arguments (`md5(ProjectId|KeyPairId)`), not keys (`NodeType=…` in the
//!   text), not conditions (`None或ServerInsert, 此字段无意义`);
//! - its sentence does not say the field takes several of them joined (`分隔`, `分割`,
//!   `隔开`), nor that they are what the field must not take (`不需要`, `不能`, `不可`,
//!   `不支持`, `无需`, `禁止`, `除了`).

use super::list::{Ending, List, Reader};
use super::scan::{is_han, Text};

/// Chinese text that may follow a keyword-less list directly: prose that starts after a list
/// (`Year , Month 默认: Dynamic`) or says it is closed (`'Hadoop'|'MR'之一`).
const AFTER: &[&str] = &[
    "默认",
    "之一",
    "中的一",
    "中选",
    "两种",
    "三种",
    "四种",
    "几种",
];

/// Words in the list's sentence that make its values examples or a format, or values the
/// field must not take (`如`, not `如果`/`如下`, is checked apart).
const EXAMPLE_WORDS: &[&str] = &[
    "例如",
    "比如",
    "举例",
    "示例",
    "e.g",
    "eg:",
    "eg：",
    "格式",
    "such as",
    "不需要",
    "不能",
    "不可",
    "不支持",
    "无需",
    "禁止",
    "除了",
];

/// Words right before a list that make its values names of other things (parameters,
/// actions) or the default alone: `无需填写ClassType、Offset`, `可用于 UpdateBackendAttribute/…`,
/// `LB指CLB或ALB`, `默认VPC，DefinedVPC`.
const NAME_WORDS: &[&str] = &["用于", "填写", "指定", "指", "参考", "参见", "调用", "默认"];

/// Words right after a list that make its values conditions on another field
/// (`None或ServerInsert, 此字段无意义`).
const CONDITION_AFTER: &[&str] = &["此字段", "该字段", "则", "时"];

/// The one list of tokens `t` holds, if it holds exactly one (see the module's rules).
pub(super) fn token_list(t: &Text) -> Option<List> {
    let r = Reader {
        t,
        limit: t.len(),
        numeric: false,
        implicit: false,
    };
    let mut found: Vec<List> = Vec::new();
    let mut numbers_only = 0;
    let mut i = 0;
    while i < t.len() {
        let c = t.at(i);
        let starts = (c.is_ascii_alphanumeric() || matches!(c, '"' | '\''))
            && (i == 0 || !super::scan::is_value_char(t.at(i - 1)));
        if !starts || !stands_before(t, i) {
            i += 1;
            continue;
        }
        let Some(mut list) = r.bare(i, false) else {
            i += 1;
            continue;
        };
        joined_prefix(t, &mut list);
        if list.items.len() < 2 {
            i += 1;
            continue;
        }
        let end = list.end;
        match check(t, &list) {
            Check::Tokens
                if list.ending != Ending::Open
                    && stands_after(t, end)
                    && !example(t, i)
                    && !named(t, i)
                    && !item_before(t, i)
                    && !continues(t, &list)
                    && !conditions(t, end) =>
            {
                found.push(list);
            }
            Check::Numbers => numbers_only += 1,
            _ => {}
        }
        i = end.max(i + 1);
    }
    // `（多个Method用‘,’分隔）`: the field joins several values into one string.
    let joins = ["分隔", "分割", "隔开"].iter().any(|w| t.raw.contains(w));
    if found.len() != 1 || numbers_only > 0 || joins {
        return None;
    }
    let mut list = found.pop()?;
    if !default_listed(t, &list) || keys(t, &list) {
        return None;
    }
    list.ending = Ending::Clean;
    Some(list)
}

/// The values of `list` as the page writes them.
fn values<'a>(t: &Text<'a>, list: &List) -> Vec<&'a str> {
    list.items
        .iter()
        .map(|it| t.slice(it.value.0, it.value.1))
        .collect()
}

/// A name word stands right before the list at `i` (see [`NAME_WORDS`]), or the list is an
/// argument (`md5(ProjectId|KeyPairId)`).
fn named(t: &Text, i: usize) -> bool {
    let mut b = i;
    while b > 0 && matches!(t.at(b - 1), ' ' | '"' | '\'') {
        b -= 1;
    }
    if matches!(t.at(b.wrapping_sub(1)), '(' | '[')
        && t.at(b.wrapping_sub(2)).is_ascii_alphanumeric()
    {
        return true;
    }
    let before: String = t.chars[b.saturating_sub(4)..b].iter().collect();
    NAME_WORDS.iter().any(|w| before.ends_with(w))
}

/// After the list, past a separator, another token the list did not take
/// (`Name,Tag,Remark必须填写`, `支持RSA, ECDSA, SM2 三种值`): the list is cut short. A value
/// named again (`transfer 或 integration， transfer 时…`) is prose about the values.
fn continues(t: &Text, list: &List) -> bool {
    let mut k = list.end;
    let mut sep = false;
    while matches!(t.at(k), ' ' | ',' | '、' | '/' | '|' | '或' | '和') {
        sep |= t.at(k) != ' ';
        k += 1;
    }
    if sep && is_han(t.at(k)) && !t.starts_with(k, "默认") {
        // `，自制镜像密码：ImagePasswd`: the list goes on as `meaning：VALUE` items.
        let mut j = k;
        while is_han(t.at(j)) && j - k < 12 {
            j += 1;
        }
        return t.at(j) == ':' && t.at(t.skip_spaces(j + 1)).is_ascii_alphanumeric();
    }
    if !sep || !(t.at(k).is_ascii_alphanumeric() || matches!(t.at(k), '"' | '\'')) {
        return false;
    }
    let q = if matches!(t.at(k), '"' | '\'') {
        k + 1
    } else {
        k
    };
    let mut e = q;
    while t.at(e).is_ascii_alphanumeric() || matches!(t.at(e), '_' | '-') {
        e += 1;
    }
    let next = t.slice(q, e);
    !values(t, list).contains(&next)
}

/// The values are keys: `InstanceGroupConfigs.0.NodeType=…` names `NodeType`.
fn keys(t: &Text, list: &List) -> bool {
    values(t, list)
        .iter()
        .any(|v| t.raw.contains(&format!("{v}=")))
}

/// Another item stands before the list in its clause (`密码（默认选项）: Password，密钥：KeyPair，
/// Password`): the list is the tail of one in another form.
fn item_before(t: &Text, i: usize) -> bool {
    let window = i.saturating_sub(200);
    let start = (window..i)
        .rev()
        .find(|&j| matches!(t.at(j), '。' | '\n' | ';'))
        .map_or(window, |j| j + 1);
    let mut b = i;
    while b > start && matches!(t.at(b - 1), ' ' | ':' | '"' | '\'') {
        b -= 1;
    }
    (start..b).any(|j| t.at(j) == ':' && t.at(t.skip_spaces(j + 1)).is_ascii_alphanumeric())
}

/// A condition word right after the list (see [`CONDITION_AFTER`]).
fn conditions(t: &Text, e: usize) -> bool {
    let mut k = e;
    while matches!(t.at(k), ' ' | ',' | ':') {
        k += 1;
    }
    CONDITION_AFTER.iter().any(|w| t.starts_with(k, w))
}

/// Every default the text names (`默认为normal`, `默认值：NONE`, `默认为“IP”`) is one of the
/// values: `默认为“IP”，还可以选择为“TCP”或"UDP"` lists two of three.
fn default_listed(t: &Text, list: &List) -> bool {
    let listed: Vec<String> = values(t, list)
        .iter()
        .map(|v| v.to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(p) = (from..t.len()).find(|&p| t.starts_with(p, "默认")) {
        let mut k = p + 2;
        while matches!(t.at(k), '为' | '是' | '值' | ':' | ' ' | '"' | '\'' | '(') {
            k += 1;
        }
        let mut e = k;
        while t.at(e).is_ascii_alphanumeric() || matches!(t.at(e), '_' | '-') {
            e += 1;
        }
        if e > k && !listed.contains(&t.slice(k, e).to_ascii_lowercase()) {
            return false;
        }
        from = p + 2;
    }
    true
}

enum Check {
    Tokens,
    Numbers,
    Other,
}

/// Whether every value is a token (or every one a number).
fn check(t: &Text, list: &List) -> Check {
    let values: Vec<&str> = list
        .items
        .iter()
        .map(|it| t.slice(it.value.0, it.value.1))
        .collect();
    if values
        .iter()
        .all(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        return Check::Numbers;
    }
    let token = |v: &str| {
        !v.is_empty()
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let described = |it: &super::list::Item| it.doc.1 > it.doc.0;
    // `http,http|https`: a value written twice is no plain list.
    let distinct: std::collections::BTreeSet<&&str> = values.iter().collect();
    if distinct.len() < values.len() {
        return Check::Other;
    }
    let ok = list
        .items
        .iter()
        .zip(&values)
        .all(|(it, v)| token(v) && (v.chars().count() > 1 || described(it)))
        && values
            .iter()
            .any(|v| v.chars().any(|c| c.is_ascii_alphabetic()));
    if ok {
        Check::Tokens
    } else {
        Check::Other
    }
}

/// Cuts `list` after the last of its first values joined by list separators (see
/// [`joined`]), and gives its last value the meaning in parentheses after it when the others
/// have one (`CREATING（创建中）、…、EXPAND_FAILED（扩容失败）`).
fn joined_prefix(t: &Text, list: &mut List) {
    let n = (1..list.items.len())
        .find(|&k| !joined(t, &list.items[k - 1..=k], list))
        .unwrap_or(list.items.len());
    if n < list.items.len() {
        list.items.truncate(n);
        let last = list.items[n - 1];
        list.end = if last.doc.1 > last.doc.0 && last.doc.0 >= last.value.1 {
            last.doc.1 + 1
        } else if matches!(t.at(last.value.1), '"' | '\'') {
            last.value.1 + 1
        } else {
            last.value.1
        };
    }
    let described = |it: &super::list::Item| it.doc.1 > it.doc.0;
    let len = list.items.len();
    let (head, last) = list.items.split_at_mut(len - 1);
    let last = &mut last[0];
    if !head.is_empty() && head.iter().all(described) && !described(last) {
        let k = t.skip_spaces(list.end);
        if t.at(k) == '(' {
            let close = (k + 1..t.len()).find(|&j| matches!(t.at(j), ')' | '(' | '\n'));
            if let Some(c) = close.filter(|&c| t.at(c) == ')') {
                last.doc = (k + 1, c);
                list.end = c + 1;
            }
        }
    }
}

/// `w`'s two values are joined by a list separator on their own line (`、<br />` counts,
/// `<br />` alone does not).
fn joined(t: &Text, w: &[super::list::Item], list: &List) -> bool {
    {
        let gap: String = t.chars[w[0].value.1..w[1].value.0].iter().collect();
        // Past the first's quote and note.
        let gap = match w[0].doc {
            (s, e) if e > s && e >= w[0].value.1 => {
                t.chars[e.min(w[1].value.0)..w[1].value.0].iter().collect()
            }
            _ => gap,
        };
        let and = gap.contains(['和', '及']);
        gap.chars()
            .any(|c| matches!(c, ',' | '、' | '/' | '|' | '或'))
            && !and
            && !gap.contains("//")
            || (and && list.items.len() == 2 && and_ok(t, list))
    }
}

/// `A和B` is two values only where the text says they are the choices: `只支持GET和HEAD`,
/// `一般分Boot和Data两种`.
fn and_ok(t: &Text, list: &List) -> bool {
    let s = list.items[0].value.0;
    let s = if matches!(t.at(s.wrapping_sub(1)), '"' | '\'') {
        s - 1
    } else {
        s
    };
    let mut b = s;
    while b > 0 && t.at(b - 1) == ' ' {
        b -= 1;
    }
    let before: String = t.chars[b.saturating_sub(3)..b].iter().collect();
    let k = t.skip_spaces(list.end);
    ["只支持", "仅支持", "分"]
        .iter()
        .any(|w| before.ends_with(w))
        || ["两种", "二选一", "之一"]
            .iter()
            .any(|w| t.starts_with(k, w))
}

/// What stands before `i` lets a list start there.
fn stands_before(t: &Text, i: usize) -> bool {
    let mut j = i;
    while j > 0 && t.at(j - 1) == ' ' {
        j -= 1;
    }
    if j == 0 {
        return true;
    }
    let b = t.at(j - 1);
    if b == '(' && j >= 2 && t.at(j - 2) == ']' {
        return false; // `[磁盘类型](api/uhost-api/disk_type)`
    }
    // Only a list's start: after Chinese text, a clause's punctuation or a quote (not after
    // an ASCII word: `echo -n Password1 | base64`).
    is_han(b)
        || matches!(
            b,
            '\n' | ':' | ',' | ';' | '。' | '(' | '[' | '"' | '\'' | '、'
        )
}

/// What follows a list ending at `e` lets it end there.
fn stands_after(t: &Text, e: usize) -> bool {
    let k = t.skip_spaces(e);
    let c = t.at(k);
    if k >= t.len() || matches!(c, '\n' | '。' | ';' | ',' | ']' | '"' | '\'' | '、') {
        return true;
    }
    if c == '.' {
        return !t.at(k + 1).is_ascii_alphanumeric();
    }
    if c == '(' {
        return true; // `redis (默认redis)`
    }
    if c == ')' {
        // `(china_admin_code|country_code|industry)等等`: some values, not all.
        return t.at(t.skip_spaces(k + 1)) != '等';
    }
    is_han(c) && AFTER.iter().any(|w| t.starts_with(k, w))
}

/// The list's sentence (back to `。`, at most 200 chars: a list on its own line belongs to the
/// line that announces it) makes it an example or a format.
fn example(t: &Text, i: usize) -> bool {
    let start = (i.saturating_sub(200)..i)
        .rev()
        .find(|&j| t.at(j) == '。')
        .map_or(i.saturating_sub(200), |j| j + 1);
    let clause: String = t.chars[start..i].iter().collect();
    let lower = clause.to_ascii_lowercase();
    if EXAMPLE_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    // `如：GB，TB`, `如1080Ti、4090`; not `如果`, `如下`.
    clause.match_indices('如').any(|(p, _)| {
        !matches!(
            clause[p + '如'.len_utf8()..].chars().next(),
            Some('果' | '下')
        )
    })
}
