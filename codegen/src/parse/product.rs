//! A product's name and title, from its folder's `README.md` (which is not an action page):
//! `# 云主机 API 简介` and `欢迎您选择 云主机（UHost），…` give the title `云主机` and the
//! name `UHost`. A folder without a README, or a README without the heading, has none: the
//! emitters then name the product by its folder.

use super::folder_of;
use crate::spec::{Product, Span};

/// The product a folder's `README.md` (`file`, its text `text`) names; `None` for any other
/// file, or a README without a `#` heading.
pub fn product(file: &str, text: &str) -> Option<(String, Product)> {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    if !base.eq_ignore_ascii_case("README.md") {
        return None;
    }
    let (line, heading) = markdown_lines(text)
        .enumerate()
        .find_map(|(i, l)| Some((i + 1, l.trim().strip_prefix("# ")?.trim())))?;
    let title = heading
        .strip_suffix("简介")
        .map(str::trim_end)
        .map(|t| t.strip_suffix("API").unwrap_or(t).trim_end())
        .unwrap_or(heading);
    if title.is_empty() {
        return None;
    }
    let product = Product {
        title: title.to_string(),
        name: name(text),
        source: Span {
            file: file.to_string(),
            line,
        },
    };
    Some((folder_of(file), product))
}

/// The lines of a markdown text as CommonMark counts them: a bare `\r` ends a line too
/// (some READMEs have only those), not only `\n` and `\r\n`.
fn markdown_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
}

/// `UHost` of `欢迎您选择 云主机（UHost），`: the words in brackets after the welcome.
fn name(text: &str) -> Option<String> {
    let after = &text[text.find("欢迎您选择")?..];
    let line = markdown_lines(after).next()?;
    let open = line.find(['（', '('])?;
    let inner = &line[open..];
    let inner = inner.trim_start_matches(['（', '(']);
    let close = inner.find(['）', ')'])?;
    let name = inner[..close].trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_name_from_the_readme() {
        let text = "\n\n# 云主机 API 简介\n\n欢迎您选择 云主机（UHost），API 适合…\n";
        let (folder, p) = product("specs/uhost-api/README.md", text).unwrap();
        assert_eq!(folder, "uhost-api");
        assert_eq!(
            (p.title.as_str(), p.name.as_deref()),
            ("云主机", Some("UHost"))
        );
        assert_eq!(p.source.line, 3);
        let (_, p) = product("x/ufile-api/README.md", "# 对象存储 API 简介\n").unwrap();
        assert_eq!((p.title.as_str(), p.name), ("对象存储", None));
        let (_, p) = product("x/a-api/README.md", "# Plain heading\n").unwrap();
        assert_eq!(p.title, "Plain heading");
    }

    #[test]
    fn other_files_and_readmes_without_a_heading_name_none() {
        assert!(product("x/uhost-api/index.md", "# 云主机 API 简介").is_none());
        assert!(product("x/uhost-api/README.md", "no heading").is_none());
        // Bare carriage returns end lines too: the title stops at the first.
        let (_, p) = product(
            "x/ussl-api/README.md",
            "# 证书管理 API 简介\r\r欢迎您选择 证书管理（USSL），API\r",
        )
        .unwrap();
        assert_eq!(
            (p.title.as_str(), p.name.as_deref()),
            ("证书管理", Some("USSL"))
        );
        assert!(product("x/uhost-api/README.md", "#  API 简介").is_none());
    }
}
