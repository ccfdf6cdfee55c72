//! The overrides file: applying entries, recording them, and reporting entries that match
//! nothing.

use ucloud_codegen::diag::{Diagnostics, Severity};
use ucloud_codegen::overrides;
use ucloud_codegen::parse::parse_page;
use ucloud_codegen::resolve;
use ucloud_codegen::spec::{FieldType, Scalar, Spec};

const PAGE: &str = "# 创建 - CreateThing\n\n## 定义\n\n### 请求参数\n\n| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Region** | string | x |**Yes**|\n| **Disks.N.Size** | string | x |No|\n| **Name** | string | x |No|\n\n### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Id** | string | x |No|\n| **Info** | [*Info*](#Info) | x |No|\n\n#### 数据模型\n\n#### Info\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Count** | string | x |No|\n";

fn spec() -> Spec {
    let mut d = Diagnostics::default();
    let p = parse_page("specs/thing-api/create_thing.md", PAGE, &mut d).expect("an action page");
    resolve::build(vec![p], &mut d)
}

fn apply(json: &str) -> (Spec, Diagnostics) {
    let mut spec = spec();
    let mut d = Diagnostics::default();
    let entries = overrides::parse("specs/overrides.json", json, &mut d);
    overrides::apply(&mut spec, &entries, "specs/overrides.json", &mut d);
    (spec, d)
}

#[test]
fn entries_set_values_and_are_recorded() {
    let (spec, d) = apply(
        r#"{ "_doc": "see docs/overrides.md", "overrides": [
  { "product": "thing", "action": "CreateThing", "model": null, "field": "Disks.N.Size",
    "type": "int", "required": true, "reason": "the API takes an integer" },
  { "product": "thing-api", "action": "CreateThing", "field": "Id", "type": "int",
    "reason": "ids are numbers here" },
  { "product": "thing", "model": "Info", "field": "Count", "type": "int", "reason": "a count" }
] }"#,
    );
    assert!(d.items.is_empty(), "{:?}", d.items);
    let a = &spec.services[0].actions[0];
    let size = a
        .request
        .iter()
        .find(|p| p.wire_name == "Disks.N.Size")
        .unwrap();
    assert_eq!((size.ty, size.required), (Scalar::Int, true));
    assert_eq!(size.overridden, ["type", "required"]);
    // The tree follows: `Disks` is now required because a leaf is.
    let disks = a.request_tree.iter().find(|n| n.name == "Disks").unwrap();
    assert!(disks.required);
    assert_eq!(disks.children[0].ty, Some(Scalar::Int));
    let id = &a.response[0];
    assert_eq!(
        (id.ty.clone(), id.overridden.clone()),
        (FieldType::Scalar(Scalar::Int), vec!["type".to_string()])
    );
    let count = &spec.services[0].models[0].fields[0];
    assert_eq!(count.ty, FieldType::Scalar(Scalar::Int));
    assert_eq!(count.overridden, ["type"]);
    let name = a.request.iter().find(|p| p.wire_name == "Name").unwrap();
    assert!(name.overridden.is_empty());
}

#[test]
fn the_spec_json_says_what_was_overridden() {
    let (spec, _) = apply(
        r#"[{ "product": "thing", "action": "CreateThing", "field": "Name", "required": true, "reason": "r" }]"#,
    );
    let json = serde_json::to_value(&spec).unwrap();
    let name = &json["services"][0]["actions"][0]["request"][2];
    assert_eq!(name["wire_name"], "Name");
    assert_eq!(name["overridden"], serde_json::json!(["required"]));
    assert!(json["services"][0]["actions"][0]["request"][0]
        .get("overridden")
        .is_none());
}

#[test]
fn an_entry_that_matches_nothing_is_an_error_at_its_line() {
    let (_, d) = apply(
        "[\n  { \"product\": \"thing\", \"action\": \"CreateThing\", \"field\": \"Name\", \"required\": true, \"reason\": \"r\" },\n  { \"product\": \"thing\", \"action\": \"CreateThing\",\n    \"field\": \"Disks.N.Gone\", \"type\": \"int\", \"reason\": \"r\" },\n  { \"product\": \"thing\", \"model\": \"Nope\", \"field\": \"X\", \"type\": \"int\", \"reason\": \"r\" },\n  { \"product\": \"other\", \"action\": \"CreateThing\", \"field\": \"Name\", \"type\": \"int\", \"reason\": \"r\" }\n]",
    );
    let errors: Vec<String> = d
        .sorted()
        .into_iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.to_string())
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].starts_with("specs/overrides.json:3: error: [unmatched-override] override of thing/CreateThing Disks.N.Gone"), "{}", errors[0]);
    assert!(
        errors[1].starts_with("specs/overrides.json:5: error: [unmatched-override]"),
        "{}",
        errors[1]
    );
    assert!(errors[1].contains("no model `Nope`"));
    assert!(errors[2].contains("no product `other`"));
}

#[test]
fn an_entry_that_changes_nothing_is_a_warning() {
    let (_, d) = apply(
        r#"[{ "product": "thing", "action": "CreateThing", "field": "Region", "required": true, "reason": "r" }]"#,
    );
    assert_eq!(d.items.len(), 1);
    assert_eq!(
        (d.items[0].severity, d.items[0].kind),
        (Severity::Warning, "redundant-override")
    );
}

#[test]
fn malformed_entries_are_errors() {
    let (_, d) = apply(
        "[\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"model\": \"Info\", \"field\": \"Count\", \"type\": \"int\", \"reason\": \"r\" },\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"field\": \"Name\", \"reason\": \"r\" },\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"field\": \"Name\", \"type\": \"integer!\", \"reason\": \"r\" },\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"field\": \"Name\", \"required\": true, \"reason\": \" \" },\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"field\": \"Name\", \"required\": true, \"reason\": \"r\", \"typo\": 1 },\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"field\": \"Name\", \"type\": \"model:Info\", \"reason\": \"r\" }\n]",
    );
    let lines: Vec<usize> = d
        .items
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.line)
        .collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7], "{:?}", d.items);
    assert!(
        d.items.iter().all(|x| x.kind == "bad-override"),
        "{:?}",
        d.items
    );
    let (_, d) = apply("{ not json");
    assert_eq!(d.items[0].kind, "bad-overrides");
    assert_eq!(d.items[0].line, 1);
}

#[test]
fn load_spec_with_reads_the_file() {
    let dir = std::env::temp_dir().join(format!("ucloud-overrides-{}", std::process::id()));
    let pages = dir.join("thing-api");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("create_thing.md"), PAGE).unwrap();
    let file = dir.join("overrides.json");
    std::fs::write(&file, r#"[{ "product": "thing", "action": "CreateThing", "field": "Name", "type": "int", "reason": "r" }]"#).unwrap();
    let loaded = ucloud_codegen::load_spec_with(std::slice::from_ref(&pages), Some(&file)).unwrap();
    let name = &loaded.spec.services[0].actions[0].request[2];
    assert_eq!(
        (name.ty, name.overridden.as_slice()),
        (Scalar::Int, &["type".to_string()][..])
    );
    assert!(ucloud_codegen::load_spec_with(&[pages], Some(&dir.join("missing.json"))).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
