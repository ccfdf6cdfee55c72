//! Values on a reference page: a `string` field whose description lists no values of its
//! own but links to a page that lists them in a table gets that table's values (and so an
//! enum type).
//!
//! uhost's `CreateUHostInstance.Disks.N.Type` says `磁盘类型。请参考[磁盘类型](api/uhost-api/disk_type)。`;
//! `disk_type.md` has one table whose first column, headed `枚举值`, holds the disk types
//! (`LOCAL_NORMAL`, `CLOUD_SSD`, …) and whose second names them. The link is the page's
//! way of listing the values, so the field takes them. A field takes a table's values only
//! when:
//!
//! - it is a `string` with no values of its own, and its description is not itself an
//!   unreadable or open list (that text says more than the link);
//! - its description links exactly one page that has value tables ([`crate::parse::reference`]);
//! - of that page's value tables, exactly one names the field, in its first column's header
//!   (`MachineType枚举值`) or the heading above it (`## UHostType枚举` for `UHostType`); or,
//!   when none names it, exactly one has a bare header (`枚举值`, `传递值`): that table lists
//!   what the page is about (`disk_type.md` also has `MachineType枚举值` tables, of the machine
//!   types each disk type goes with). A word counts only whole: `UHostType` does not name
//!   `HostType`;
//! - every first cell of the table is one value (an API token: letters, digits, `_`, `-`,
//!   `.`, `/`), there are two or more, and no two are equal ignoring ASCII case. uhost's
//!   `MachineType = G, GpuType = V100` is a combination, not a value: such a table is
//!   declined, with a warning on the table.
//!
//! An `int` field linking the same page (`Disks.N.Size`: `磁盘大小，单位GB。请参考[磁盘类型]…`)
//! is left alone: the table lists the kinds of disk, not sizes. Runs before the sibling rule
//! ([`super::siblings`]) and the overrides' facts, which have the last word.

use super::group::{free, visit_fields};
use crate::diag::Diagnostics;
use crate::names::enums as enum_names;
use crate::parse::reference::{links, Tables, ValueTable};
use crate::spec::{EnumValue, Enumeration, Service, Span, Spec};
use std::collections::{BTreeMap, BTreeSet};

/// Gives each qualifying field the values of the table its description links (see the
/// module docs); warns once per linked table that is not a list of values.
pub fn apply(spec: &mut Spec, tables: &Tables, diags: &mut Diagnostics) {
    if tables.is_empty() {
        return;
    }
    let mut declined: BTreeMap<Span, (String, BTreeSet<String>)> = BTreeMap::new();
    let products = product_names(spec);
    for svc in &mut spec.services {
        let product = svc.name.clone();
        let listed = listed_names(svc);
        visit_fields(svc, &mut |owner, wire, scalar, facts| {
            if scalar != "string" || facts.enumeration.is_some() {
                return;
            }
            let Some((table, key, name)) = linked_table(&facts.docs, wire, tables) else {
                return;
            };
            match values(table) {
                Ok(_) if super::unreadable(&facts.docs) => {}
                Ok(values) => {
                    facts.enumeration = Some(Enumeration {
                        values,
                        source: facts.docs.clone(),
                        reference: Some(table.at.clone()),
                    });
                    // The page says these fields take one kind of value: one type.
                    facts.enum_type = Some(type_name(name, &key, &listed, &products));
                }
                Err(why) => {
                    let entry = declined
                        .entry(table.at.clone())
                        .or_insert_with(|| (why, BTreeSet::new()));
                    entry.1.insert(format!("{product} {owner}.{wire}"));
                }
            }
        });
    }
    for (at, (why, fields)) in declined {
        let first = fields.iter().next().cloned().unwrap_or_default();
        diags.warn_at(
            "reference-values",
            &at,
            format!(
                "{why}: the {} field(s) that link this table ({first}{}) keep their type",
                fields.len(),
                if fields.len() > 1 { ", …" } else { "" }
            ),
        );
    }
}

/// The one value table the description `docs` of the field `wire` points to, if any, and
/// the name of the enum of the fields that take its values: the field's name for a table
/// that names it, the page's for the table about the page's subject.
fn linked_table<'a>(
    docs: &str,
    wire: &str,
    tables: &'a Tables,
) -> Option<(&'a ValueTable, String, String)> {
    let mut pages = links(docs)
        .into_iter()
        .filter_map(|key| Some((tables.get(&key)?, key)));
    let (page, key) = pages.next()?;
    if pages.next().is_some() {
        return None;
    }
    let name = enum_names::field(wire);
    let one = |tables: Vec<&'a ValueTable>| match tables.as_slice() {
        [table] => Some(*table),
        _ => None,
    };
    // A table its header or heading names the field by (`MachineType枚举值`, `## UHostType枚举`)
    // is that field's; a page's table under a bare `枚举值` lists what the page is about.
    let named: Vec<&ValueTable> = page
        .iter()
        .filter(|t| {
            names_word(&t.header, name) || t.heading.as_deref().is_some_and(|h| names_word(h, name))
        })
        .collect();
    if !named.is_empty() {
        return Some((one(named)?, key, enum_names::plain(name)));
    }
    let bare: Vec<&ValueTable> = page.iter().filter(|t| !names_any(&t.header)).collect();
    let stem = key.rsplit('/').next().unwrap_or(&key).to_string();
    Some((one(bare)?, key, enum_names::reference(&stem)))
}

/// The enum name `wanted` for the fields taking a table of the page `key`, unless the
/// product's fields that list their own values have it: uk8s's `DiskSet.DiskType` lists a
/// few disk types itself and keeps `DiskType`; the fields linking uhost's table get
/// `UHostDiskType` (the linked page's product first, then a number if that is taken too).
fn type_name(
    wanted: String,
    key: &str,
    listed: &BTreeSet<String>,
    products: &BTreeMap<String, String>,
) -> String {
    if !listed.contains(&wanted) {
        return wanted;
    }
    let folder = key.split('/').next().unwrap_or_default();
    free(
        &format!("{}{wanted}", product_name(products, folder)),
        listed,
    )
}

/// The field names of the product's fields that list values of their own: the enum names
/// the grouping may give them.
fn listed_names(svc: &mut Service) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    visit_fields(svc, &mut |_, wire, _, facts| {
        if facts.enumeration.is_some() {
            names.insert(enum_names::plain(enum_names::field(wire)));
        }
        if let Some(pinned) = &facts.enum_type {
            names.insert(pinned.clone());
        }
    });
    names
}

/// Each product's name by its folder: what its README calls it (`UHost`), or the folder's
/// name in camel case.
fn product_names(spec: &Spec) -> BTreeMap<String, String> {
    spec.services
        .iter()
        .filter_map(|svc| Some((svc.folder.clone(), svc.product.as_ref()?.name.clone()?)))
        .collect()
}

fn product_name(products: &BTreeMap<String, String>, folder: &str) -> String {
    match products.get(folder) {
        Some(name) => name.clone(),
        None => enum_names::reference(folder.strip_suffix("-api").unwrap_or(folder)),
    }
}

/// Whether a header names something before its value word (`MachineType枚举值`).
fn names_any(header: &str) -> bool {
    header.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Whether `heading` has `name` as a word of its own: not inside a longer ASCII name
/// (`UHostType枚举` names `UHostType`, not `HostType`).
fn names_word(heading: &str, name: &str) -> bool {
    heading.match_indices(name).any(|(at, _)| {
        let before = heading[..at].chars().next_back();
        let after = heading[at + name.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// The table's values, or why its first column is not a list of them.
fn values(table: &ValueTable) -> Result<Vec<EnumValue>, String> {
    if let Some(row) = table.rows.iter().find(|r| !is_value(&r.value)) {
        return Err(format!(
            "the first column holds `{}` (line {}), not one value per row",
            row.value, row.line
        ));
    }
    if table.rows.len() < 2 {
        return Err("the table lists fewer than two values".into());
    }
    let mut seen = BTreeSet::new();
    if let Some(row) = table
        .rows
        .iter()
        .find(|r| !seen.insert(r.value.to_ascii_lowercase()))
    {
        return Err(format!(
            "the table lists `{}` twice (line {})",
            row.value, row.line
        ));
    }
    Ok(table
        .rows
        .iter()
        .map(|r| EnumValue {
            value: r.value.clone(),
            doc: r.doc.clone(),
        })
        .collect())
}

/// An API token: ASCII letters, digits, `_`, `-`, `.` and `/`, starting with a letter or
/// digit.
fn is_value(cell: &str) -> bool {
    cell.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && cell
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    const DISK_TYPE: &str = "# 【参考】磁盘类型\n\n| 枚举值 | 磁盘类型 |\n|---|---|\n\
        | LOCAL\\_NORMAL | 普通本地盘 |\n| CLOUD\\_SSD | SSD云盘 |\n\n## 机型与磁盘关系\n\n\
        | MachineType枚举值 | 可选磁盘 |\n|---|---|\n| N | 普通本地盘 |\n| O | RSSD云盘 |\n";

    const MACHINE_TYPES: &str = "# 【参考】云主机机型\n\n## MachineType枚举\n\n\
        | 传递值 | 机型 |\n|---|---|\n| MachineType = N | 通用型 |\n| MachineType = G, GpuType = V100 | GPU型 |\n\n\
        ## UHostType枚举\n\n| 传递值 | 机型 |\n|---|---|\n| N3 | 标准型 N3 |\n| C1 | 高主频型 C1 |\n";

    /// An action page with request parameters `(name, type, description)`.
    fn action(params: &[(&str, &str, &str)]) -> String {
        let rows: String = params
            .iter()
            .map(|(n, t, d)| format!("| **{n}** | {t} | {d} |No|\n"))
            .collect();
        format!(
            "# CreateHost\n\n## 定义\n\n### 请求参数\n\n| 参数名 | 类型 | 描述信息 | 必填 |\n\
             |:---|:---|:---|:---|\n| **Region** | string | 地域 |**Yes**|\n{rows}\n### 响应字段\n\n\
             | 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
             | **RetCode** | int | 返回码 |**Yes**|\n| **Action** | string | 操作名称 |**Yes**|\n"
        )
    }

    /// A request parameter's wire name and its values as `value=doc` (none for a plain type).
    type Param = (String, Option<Vec<String>>);

    /// Each request parameter's values and the `reference-values` diagnostics.
    fn loaded(pages: &[(&str, String)], overrides: Option<&str>) -> (Vec<Param>, Vec<String>) {
        let files: Vec<(String, PathBuf)> = pages
            .iter()
            .map(|(label, _)| (label.to_string(), PathBuf::from(label)))
            .collect();
        let texts = pages.iter().map(|(_, t)| Ok(t.clone())).collect();
        let loaded = crate::load_texts(
            &files,
            texts,
            overrides.map(|o| ("specs/overrides.json", o)),
        );
        let action = &loaded.spec.services[0].actions[0];
        let params = action
            .request
            .iter()
            .filter(|p| p.wire_name != "Region")
            .map(|p| {
                let values = p.facts.enumeration.as_ref().map(|e| {
                    e.values
                        .iter()
                        .map(|v| format!("{}={}", v.value, v.doc))
                        .collect()
                });
                (p.wire_name.clone(), values)
            })
            .collect();
        let kinds = loaded
            .diagnostics
            .items
            .iter()
            .filter(|d| d.kind == "reference-values")
            .map(|d| format!("{}:{}: {}", d.file, d.line, d.message))
            .collect();
        (params, kinds)
    }

    #[test]
    fn a_string_field_that_links_a_value_table_takes_its_values() {
        let page = action(&[
            (
                "Disks.N.Type",
                "string",
                "磁盘类型。请参考[磁盘类型](api/uhost-api/disk_type)。",
            ),
            (
                "Disks.N.Size",
                "int",
                "磁盘大小，单位GB。请参考[磁盘类型](api/uhost-api/disk_type)。",
            ),
            (
                "BootDiskType",
                "string",
                "磁盘类型，见[[api:uhost-api:disk_type|磁盘类型]]。默认为SSD云盘",
            ),
            ("Name", "string", "名称"),
        ]);
        let (params, warnings) = loaded(
            &[
                ("specs/uhost-api/create_host.md", page),
                ("specs/uhost-api/disk_type.md", DISK_TYPE.into()),
            ],
            None,
        );
        let disk_types = Some(vec![
            "LOCAL_NORMAL=普通本地盘".to_string(),
            "CLOUD_SSD=SSD云盘".to_string(),
        ]);
        assert_eq!(
            params,
            [
                ("Disks.N.Type".to_string(), disk_types.clone()),
                ("Disks.N.Size".to_string(), None),
                ("BootDiskType".to_string(), disk_types),
                ("Name".to_string(), None),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn of_several_tables_the_one_under_the_fields_name_and_only_if_it_lists_values() {
        let page = action(&[
            (
                "UHostType",
                "string",
                "云主机机型（旧）。参考[云主机机型说明](api/uhost-api/uhost_type)。",
            ),
            (
                "MachineType",
                "string",
                "云主机机型。参考[云主机机型说明](api/uhost-api/uhost_type)。",
            ),
            (
                "HostType",
                "string",
                "系列。参考[云主机机型说明](api/uhost-api/uhost_type)。",
            ),
        ]);
        let (params, warnings) = loaded(
            &[
                ("specs/uhost-api/create_host.md", page),
                ("specs/uhost-api/uhost_type.md", MACHINE_TYPES.into()),
            ],
            None,
        );
        assert_eq!(
            params,
            [
                (
                    "UHostType".to_string(),
                    Some(vec![
                        "N3=标准型 N3".to_string(),
                        "C1=高主频型 C1".to_string()
                    ])
                ),
                ("MachineType".to_string(), None),
                ("HostType".to_string(), None),
            ]
        );
        assert_eq!(
            warnings,
            ["specs/uhost-api/uhost_type.md:5: the first column holds `MachineType = N` (line 7), \
              not one value per row: the 1 field(s) that link this table (uhost CreateHost.MachineType) \
              keep their type"]
        );
    }

    /// Fields taking one table's values share one enum, named after the page; where fields
    /// of that name list values of their own, those keep the name and the table's enum takes
    /// the linked page's product name before it.
    #[test]
    fn one_enum_per_table_named_after_the_page_without_taking_a_name() {
        let page = action(&[
            (
                "BootDiskType",
                "string",
                "系统盘类型，请参考[磁盘类型](api/uhost-api/disk_type)。",
            ),
            (
                "DataDiskType",
                "string",
                "数据盘类型，请参考[磁盘类型](api/uhost-api/disk_type)。",
            ),
            ("DiskType", "string", "枚举值：LOCAL_NOMAL，CLOUD_SSD"),
        ]);
        let readme = "# 云主机 API 简介\n\n欢迎您选择 云主机（UHost），…\n";
        // The product name comes from the README of a folder with actions.
        let files: Vec<(String, PathBuf)> = [
            "specs/uk8s-api/create_host.md",
            "specs/uhost-api/README.md",
            "specs/uhost-api/create_host.md",
            "specs/uhost-api/disk_type.md",
        ]
        .iter()
        .map(|l| (l.to_string(), PathBuf::from(l)))
        .collect();
        let texts = vec![
            Ok(page),
            Ok(readme.to_string()),
            Ok(action(&[])),
            Ok(DISK_TYPE.to_string()),
        ];
        let loaded = crate::load_texts(&files, texts, None);
        let uk8s = loaded
            .spec
            .services
            .iter()
            .find(|s| s.name == "uk8s")
            .unwrap();
        let types: Vec<(&str, Option<&str>)> = uk8s.actions[0]
            .request
            .iter()
            .filter(|p| p.wire_name != "Region")
            .map(|p| (p.wire_name.as_str(), p.facts.enum_type.as_deref()))
            .collect();
        assert_eq!(
            types,
            [
                ("BootDiskType", Some("UHostDiskType")),
                ("DataDiskType", Some("UHostDiskType")),
                ("DiskType", Some("DiskType")),
            ]
        );
    }

    #[test]
    fn own_values_an_open_list_and_overrides_come_first() {
        let page = action(&[
            (
                "Disks.N.Type",
                "string",
                "磁盘类型，枚举值：CLOUD_RSSD。参考[磁盘类型](api/uhost-api/disk_type)",
            ),
            (
                "DataDiskType",
                "string",
                "磁盘类型，如CLOUD_SSD、CLOUD_RSSD等，见[磁盘类型](api/uhost-api/disk_type)",
            ),
            (
                "BootDiskType",
                "string",
                "磁盘类型。请参考[磁盘类型](api/uhost-api/disk_type)。",
            ),
        ]);
        let overrides = r#"{"overrides": [{"product": "uhost", "action": "CreateHost",
            "field": "BootDiskType", "enum": false, "reason": "a test"}]}"#;
        let (params, _) = loaded(
            &[
                ("specs/uhost-api/create_host.md", page),
                ("specs/uhost-api/disk_type.md", DISK_TYPE.into()),
            ],
            Some(overrides),
        );
        let values: Vec<Option<usize>> = params
            .iter()
            .map(|(_, v)| v.as_ref().map(Vec::len))
            .collect();
        // `枚举值：CLOUD_RSSD` says there is one value (an unreadable list: ambiguous), so the
        // table's are not the field's; examples (`如…等`) are no list, and the link gives the
        // values; the override keeps its field a string.
        assert_eq!(values, [None, Some(2), None], "{params:?}");
    }
}
