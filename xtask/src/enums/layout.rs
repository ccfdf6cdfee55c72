//! Candidates for the recall check: `string` descriptions without a keyword (`枚举`, `可选值`)
//! that look like they list values, found by a test independent of the extraction's rules: two
//! ASCII words next to each other with only one list separator between them (`,`, `，`, `、`,
//! `/`, `|`, `或`, `和`), after dropping spaces, quotes and a parenthesised note (`CREATING（创建
//! 中）、RUNNING`). The test over-collects (`IP/端口`, `VPC、子网`); a reader labels each drawn
//! description: does it list a closed set of values, and did the extraction read them?

const SEPARATORS: &[&str] = &[",", "，", "、", "/", "|", "或", "和"];

/// The description has two ASCII words joined by one list separator.
pub fn lists_words(description: &str) -> bool {
    // Line breaks are markup, not words (`br`).
    let text = description
        .replace("<br />", " ")
        .replace("<br/>", " ")
        .replace("<br>", " ");
    let words = ascii_words(&text);
    words.windows(2).any(|w| {
        let gap = strip_gap(&text[w[0].1..w[1].0]);
        SEPARATORS.contains(&gap.as_str())
    })
}

/// Byte ranges of ASCII words (a letter, then letters, digits, `_`, `-`), two characters or more.
fn ascii_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let inside = c.is_ascii_alphanumeric() || c == '_' || c == '-';
        match start {
            None if c.is_ascii_alphabetic() => start = Some(i),
            Some(b) if !inside => {
                if i - b >= 2 {
                    out.push((b, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The gap without spaces, quotes, `<br />` and one parenthesised note.
fn strip_gap(gap: &str) -> String {
    let mut g = gap
        .replace("<br />", "")
        .replace("<br/>", "")
        .replace("<br>", "");
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let (Some(a), Some(b)) = (g.find(open), g.find(close)) {
            if a < b {
                g.replace_range(a..b + close.len(), "");
            }
        }
    }
    g.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '\'' | '`'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::lists_words;

    #[test]
    fn finds_the_issues_layouts_and_not_prose() {
        for listed in [
            "规则行为。\"Accept\" 或 \"Drop\"",
            "开启或关闭加速 enable或disable",
            "Year， Month， Dynamic，Trial",
            "协议类型。\"TCP\",\"UDP\",\"ICMP\",\"ICMPv6\",\"ALL\"",
            "集群状态：<br />CREATING（创建中）、<br />RUNNING（运行中）",
        ] {
            assert!(lists_words(listed), "{listed}");
        }
        for prose in ["主机的ID", "UHost 实例的名称", "单位 GB，默认 20"] {
            assert!(!lists_words(prose), "{prose}");
        }
    }
}
