//! Facts a description states in words: deprecation, the default value, the unit, whether
//! the value is base64, whether it is a secret; and the description itself as documentation
//! text ([`docs`]).
//!
//! Each function reads one description (and, for [`sensitive`], the field's name). They
//! decide for the kind of text, not for a page: each rule is written on the function, with
//! the forms it accepts and declines, and tested on real pages' text.

mod docs;
pub mod links;
mod secret;

pub use docs::{docs, is_bidi_control, lines};
pub use secret::sensitive;

/// The page says the parameter or field is deprecated: `【已废弃】`, `（已弃用）`,
/// `【建议不再使用】`, `【即将废弃，建议使用X】`, `[即将下线,请使用Size]`, `待废弃`,
/// `Deprecated`.
///
/// Declined: a deprecation that depends on a condition (`支持 IPv6 后废弃`), and values
/// that went offline (`Offline 已下线` describes a value, not the field).
pub fn deprecated(description: &str) -> bool {
    const MARKERS: &[&str] = &[
        "已废弃",
        "已弃用",
        "弃用）",
        "弃用)",
        "即将废弃",
        "待废弃",
        "本字段即将废弃",
        "建议不再使用",
        "不建议使用",
        "请勿使用",
        "即将下线",
    ];
    let head = description.trim_start();
    MARKERS.iter().any(|m| description.contains(m))
        || head == "废弃"
        || head.starts_with("废弃")
        || description
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.eq_ignore_ascii_case("deprecated"))
}

/// The default value the page states, as it would be sent: `默认值："Month"` → `Month`,
/// `默认为20` → `20`, `默认是Normal` → `Normal`, `默认：Default（Default …）` → `Default`,
/// `默认为 "Bandwidth"` → `Bandwidth`, `默认9小时` → `9`.
///
/// Only a value written as a value counts: a quoted string, a number, or a word of ASCII
/// letters, digits, `_`, `-`, `.`, `/`. Declined: prose (`默认为月付`, `默认为当前时间`,
/// `默认全部`), nouns after `默认` (`默认项目`, `默认Web防火墙`, `默认网关`, and
/// `的默认VPC`: "X's default VPC" names a thing, it does not give a value), an empty
/// default (`默认为空`), one of several (`默认值：o1i 或 o1a`), and two different defaults
/// (per condition: `请求代理型默认值为Port…报文转发型…默认值为Ping`).
pub fn default_value(description: &str) -> Option<String> {
    let mut found: Option<String> = None;
    for (i, _) in description.match_indices("默认") {
        // `当前地域的默认VPC`: "the region's default VPC", a noun.
        if description[..i].ends_with('的') {
            continue;
        }
        let Some(v) = default_at(&description[i + "默认".len()..]) else {
            continue;
        };
        match &found {
            Some(f) if *f != v => return None,
            _ => found = Some(v),
        }
    }
    found
}

/// The value after `默认` in `rest`.
fn default_at(rest: &str) -> Option<String> {
    let mut s = rest;
    for intro in ["值为", "值是", "值", "为", "是", "采用"] {
        if let Some(r) = s.strip_prefix(intro) {
            s = r;
            break;
        }
    }
    s = s.trim_start_matches([' ', ':', '：']);
    let quotes: &[(char, char)] = &[
        ('"', '"'),
        ('“', '”'),
        ('”', '“'),
        ('\'', '\''),
        ('（', '）'),
    ];
    for &(open, close) in quotes {
        if let Some(r) = s.strip_prefix(open) {
            let end = r.find(close)?;
            let v = r[..end].trim();
            return is_value(v).then(|| v.to_string());
        }
    }
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')))
        .unwrap_or(s.len());
    let word = s[..end].trim_end_matches(['.', '-', '/']);
    if word.is_empty() {
        return None;
    }
    let next = s[end..].chars().next();
    // `默认值：o1i 或 o1a或o1r`: one of several, not a default.
    if ["或", "、", "/"]
        .iter()
        .any(|w| s[end..].trim_start().starts_with(w))
    {
        return None;
    }
    let number: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !number.is_empty() {
        // `默认9小时`, `默认 2s`, `默认9M`: the number; its unit is the unit's business.
        let rest = &word[number.len()..];
        let decimal = rest.starts_with('.') && rest[1..].chars().all(|c| c.is_ascii_digit());
        return Some(if decimal { word.to_string() } else { number });
    }
    // `默认Web防火墙`, `默认SSD云盘`: a word run into Chinese text is a noun, not a value.
    if next.is_some_and(|c| c > '\u{2e80}' && !is_separator(c)) {
        return None;
    }
    Some(word.to_string())
}

fn is_value(v: &str) -> bool {
    !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_graphic() || c == ' ')
}

/// Chinese punctuation that ends a value: `默认值：No。`, `默认false，`.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '、' | '）' | '（' | '：' | '】' | '”'
    )
}

/// The unit the page states for the value: `单位：GB`, `单位M`, `（单位：秒）`, `单位为Mbps`,
/// `单位: 个`, `以天为单位`, `单位小时计`. ASCII units (`GB`, `Mb/s`, `%`) are taken as
/// written, Chinese ones from a closed list (秒, 毫秒, 分钟, 小时, 天, 周, 月, 年, 元, 分, 个,
/// 核, 毫核, 次, 条, 字节).
///
/// Declined: `单位名称`, `事业单位`, `单位ID` (not a unit); a unit inside an enumeration's
/// item (`Dynamic: 按需付费(单位: 小时)` is the unit of the price, not of the field); two
/// different units.
pub fn unit(description: &str) -> Option<String> {
    let mut found: Option<String> = None;
    let enumerated = description.contains("枚举") || description.contains("可选值");
    for (i, _) in description.match_indices("单位") {
        let before = &description[..i];
        if enumerated && before.rfind(['(', '（']) > before.rfind([')', '）']) {
            continue;
        }
        let unit = unit_at(&description[i + "单位".len()..])
            .or_else(|| before.strip_suffix("为").and_then(unit_before));
        let Some(u) = unit else { continue };
        match &found {
            Some(f) if *f != u => return None,
            _ => found = Some(u),
        }
    }
    found
}

const CHINESE_UNITS: &[&str] = &[
    "毫秒", "秒", "分钟", "小时", "天", "周", "月", "年", "元", "分", "个", "毫核", "核", "次",
    "条", "字节",
];

/// The unit right after `单位`.
fn unit_at(rest: &str) -> Option<String> {
    let mut s = rest;
    for intro in ["为", "是"] {
        if let Some(r) = s.strip_prefix(intro) {
            s = r;
            break;
        }
    }
    s = s.trim_start_matches([' ', ':', '：', '"', '“']);
    let ascii: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '%'))
        .collect();
    if ascii.chars().any(|c| c.is_ascii_alphabetic() || c == '%') {
        // `单位id`, `单位ID` are identifiers of units, not units.
        return (!ascii.eq_ignore_ascii_case("id")).then_some(ascii);
    }
    CHINESE_UNITS
        .iter()
        .find(|u| s.starts_with(*u))
        .map(|u| u.to_string())
}

/// `以天为单位`: the unit before `为单位`.
fn unit_before(before: &str) -> Option<String> {
    CHINESE_UNITS
        .iter()
        .find(|u| before.ends_with(&format!("以{u}")))
        .map(|u| u.to_string())
}

/// The page asks for the value itself base64-encoded (`使用base64编码`, `需要 base64 编码`,
/// `base64编码后的…`, `密码格式使用BASE64编码`, `json数组的base64编码结果`, `文件base64编码`,
/// `Base64 编码。`): for a request parameter the SDK encodes what the caller gives; for a
/// response field the value is base64 data.
///
/// Declined: base64 inside an example or a structured value (`{…content:"jpg文件字节的base64
/// 编码字符串"…}`, `# echo -n Password1 | base64`), and base64 as an input to something
/// computed from it (`将公钥base64和私钥base64拼接起来计算的MD5值` is an MD5).
pub fn mentions_base64(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.match_indices("base64").any(|(i, _)| {
        let before = &lower[..i];
        let inside_braces = before.rfind('{') > before.rfind('}');
        let in_example = ["echo", "如：", "例如", "示例", "比如", "举例"]
            .iter()
            .any(|m| clause_of(&lower, i).0.contains(m))
            && !clause_of(&lower, i).0.contains("编码");
        let (clause, _) = clause_of(&lower, i);
        let computed = ["md5", "计算", "拼接", "摘要", "哈希", "hash"]
            .iter()
            .any(|m| clause.contains(m));
        !inside_braces && !in_example && !computed
    })
}

/// The clause (between `。`, `；`, `，` or line breaks) around byte `i` of `text`, and where
/// it starts.
fn clause_of(text: &str, i: usize) -> (&str, usize) {
    let is_end = |c: char| matches!(c, '。' | '；' | ';' | '，' | ',' | '\n') || c == '<';
    let start = text[..i].rfind(is_end).map_or(0, |s| {
        s + text[s..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[i..].find(is_end).map_or(text.len(), |e| i + e);
    (&text[start..end], start)
}

#[cfg(test)]
mod tests;
