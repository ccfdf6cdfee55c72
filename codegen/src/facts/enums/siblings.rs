//! The same parameter, the same type across a product's actions: a `string` field whose own
//! description lists no values, but names every value that the fields of the same name in
//! the product list, gets those values (and so shares their enum type).
//!
//! The evidence is the field's own page: cloudwatch's `UpdateAlertStrategy.CallbackLanguage`
//! says `通知渠道回调webhook 回调语言 中文cn 英文en`, a form no rule reads as a list, while
//! `CreateAlertStrategy.CallbackLanguage` lists `枚举值：cn - 中文 en - 英文`. A field name
//! alone is no evidence (`Name`, `Status` and `Type` mean different things on different
//! resources), so a field is given values only when:
//!
//! - the product's fields of that name that list values all list the same ones (one value
//!   set, two or more values, every value a variant name), read from their pages or set by
//!   an override;
//! - its own description names every one of those values as a whole word (ASCII letters,
//!   digits, `_`, `-`, `.`), spelled as they are, and no other word that looks like a value
//!   (quoted, with `_`, or in capitals: `CLOUD_SSD`, `"Normal"`), which would say the field
//!   takes other values than its siblings; and
//! - it has no values of its own, and its description does not read as an open or
//!   unreadable list (no `等`, `...` or `…`: `如Month,Year,Dynamic等` names examples).
//!
//! Runs on the values the pages give, before the overrides' facts: an override has the last
//! word (`"enum": false` keeps a field a plain string, `"enum": [...]` sets its values), and
//! [`super::group`] then names the types.

use super::group::visit_fields;
use crate::names::enums as enum_names;
use crate::spec::{EnumValue, Enumeration, Service, Spec};
use std::collections::{BTreeMap, BTreeSet};

/// Gives each qualifying field of every product its siblings' values (see the module docs).
pub fn share(spec: &mut Spec) {
    for svc in &mut spec.services {
        share_in_product(svc);
    }
}

fn share_in_product(svc: &mut Service) {
    let lists = value_lists(svc);
    visit_fields(svc, &mut |_, wire, scalar, facts| {
        if scalar != "string" || facts.enumeration.is_some() {
            return;
        }
        let Some(Some((set, values))) = lists.get(enum_names::field(wire)) else {
            return;
        };
        let words = words(&facts.docs);
        let quoted = quoted(&facts.docs);
        let named = set.iter().all(|v| words.contains(v.as_str()));
        let others = || {
            words
                .iter()
                .chain(&quoted)
                .any(|w| !set.contains(*w) && value_like(w, &quoted))
        };
        // An open or unreadable list (`A、B等`) is not evidence of a closed one. Read only
        // for a field that names its siblings' values: reading a description is the costly
        // step.
        let open = || {
            ["等", "...", "…"].iter().any(|m| facts.docs.contains(m))
                || super::unreadable(&facts.docs)
        };
        if named && !others() && !open() {
            facts.enumeration = Some(Enumeration {
                values: values.clone(),
                source: facts.docs.clone(),
                reference: None,
            });
        }
    });
}

/// Per field name, the one value set its `string` fields with values list, and those values
/// as the first such field spells and documents them; `None` when they list different sets.
type Lists = BTreeMap<String, Option<(BTreeSet<String>, Vec<EnumValue>)>>;

fn value_lists(svc: &mut Service) -> Lists {
    let mut lists = Lists::new();
    visit_fields(svc, &mut |_, wire, scalar, facts| {
        let Some(e) = facts.enumeration.as_ref().filter(|_| scalar == "string") else {
            return;
        };
        let values = || e.values.iter().map(|v| v.value.as_str());
        if e.values.len() < 2 || !enum_names::has_variant_names(values()) {
            return;
        }
        let set: BTreeSet<String> = values().map(str::to_string).collect();
        let entry = lists.entry(enum_names::field(wire).to_string());
        let first = entry.or_insert_with(|| Some((set.clone(), e.values.clone())));
        if first.as_ref().is_some_and(|(seen, _)| *seen != set) {
            *first = None;
        }
    });
    lists
}

/// Whether `word` looks like a value rather than prose: one of the text's `quoted` words, or
/// an identifier with `_`, or two or more capitals and digits only (`"Normal"`, `CLOUD_SSD`,
/// `NVME`).
fn value_like(word: &str, quoted: &BTreeSet<&str>) -> bool {
    word.contains('_')
        || (word.len() >= 2
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && word.chars().any(|c| c.is_ascii_uppercase()))
        || quoted.contains(word)
}

/// The single words `text` puts in quotes (`"Normal"`, `“HTTP”`; not Chinese text).
fn quoted(text: &str) -> BTreeSet<&str> {
    text.split(['"', '“', '”', '\''])
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.chars().all(word_char))
        .collect()
}

/// The whole words of `text`: runs of ASCII letters, digits, `_`, `-` and `.`, with a
/// trailing `.` (a sentence's end) dropped.
fn words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| !word_char(c))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A page of action `action` with one request parameter `Language` described by `doc`.
    fn page(action: &str, doc: &str) -> String {
        format!(
            "# {action}\n\n## 定义\n\n### 请求参数\n\n| 参数名 | 类型 | 描述信息 | 必填 |\n\
             |:---|:---|:---|:---|\n| **Region** | string | 地域 |**Yes**|\n\
             | **Language** | string | {doc} |No|\n\n### 响应字段\n\n\
             | 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
             | **RetCode** | int | 返回码 |**Yes**|\n| **Action** | string | 操作名称 |**Yes**|\n"
        )
    }

    /// The enum type each action's `Language` gets when the pages say `docs`.
    fn enum_types(docs: &[(&str, &str)], overrides: Option<&str>) -> Vec<Option<String>> {
        let files: Vec<(String, PathBuf)> = docs
            .iter()
            .map(|(action, _)| {
                let label = format!("demo-api/{}.md", action.to_lowercase());
                (label.clone(), PathBuf::from(label))
            })
            .collect();
        let texts = docs.iter().map(|(a, d)| Ok(page(a, d))).collect();
        let loaded = crate::load_texts(&files, texts, overrides.map(|o| ("o.json", o)));
        let svc = &loaded.spec.services[0];
        svc.actions
            .iter()
            .map(|a| {
                let p = a
                    .request
                    .iter()
                    .find(|p| p.wire_name == "Language")
                    .unwrap();
                p.facts.enum_type.clone()
            })
            .collect()
    }

    #[test]
    fn a_field_naming_its_siblings_values_shares_their_enum() {
        let types = enum_types(
            &[
                ("CreateThing", "回调语言。枚举值：cn - 中文 en - 英文"),
                ("UpdateThing", "回调语言 中文cn 英文en"),
            ],
            None,
        );
        assert_eq!(types, [Some("Language".into()), Some("Language".into())]);
    }

    #[test]
    fn no_shared_enum_without_every_value_or_with_other_values() {
        for doc in [
            "回调语言 中文cn",               // one of the two values
            "回调语言 中文cn 英文en 日文JA", // another value-like word
            r#"回调语言 "cn"、"en"、"jp""#,  // another quoted value (its own list)
            "回调语言，如cn、en等",          // an open list
        ] {
            let types = enum_types(
                &[
                    ("CreateThing", "枚举值：cn - 中文 en - 英文"),
                    ("UpdateThing", doc),
                ],
                None,
            );
            assert_ne!(types[1], Some("Language".into()), "{doc}");
        }
    }

    #[test]
    fn an_override_that_declines_values_is_kept() {
        let overrides = r#"[{ "product": "demo", "action": "UpdateThing", "field": "Language",
            "enum": false, "reason": "not the same language" }]"#;
        let types = enum_types(
            &[
                ("CreateThing", "回调语言。枚举值：cn - 中文 en - 英文"),
                ("UpdateThing", "回调语言 中文cn 英文en"),
            ],
            Some(overrides),
        );
        assert_eq!(types[1], None);
    }

    #[test]
    fn words_are_ascii_runs_between_chinese_text() {
        let w = words("通知渠道回调webhook 回调语言 中文cn 英文en.");
        assert!(w.contains("cn") && w.contains("en") && w.contains("webhook"));
        assert!(!w.contains("en."));
        let w = words("云盘类型：CLOUD_SSD、cn-bj2.a");
        assert!(w.contains("CLOUD_SSD") && w.contains("cn-bj2.a"));
    }

    #[test]
    fn value_like_words_are_quoted_underscored_or_capitals() {
        let text = r#"机型: "Normal": "标准机型", "SATA_SSD": "SSD机型" 回调webhook NVME"#;
        let q = quoted(text);
        assert!(value_like("Normal", &q) && value_like("SATA_SSD", &q));
        assert!(value_like("NVME", &q) && value_like("SSD", &q));
        assert!(!value_like("webhook", &q) && !value_like("O", &q));
        assert_eq!(
            quoted(text).into_iter().collect::<Vec<_>>(),
            ["Normal", "SATA_SSD"]
        );
    }
}
