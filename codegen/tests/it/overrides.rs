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

/// `add` appends a parameter the page lacks (into its group, for a nested name), with the
/// entry's type and required flag, and says so; what cannot be added is an error at its line.
#[test]
fn additions_add_request_parameters_the_page_lacks() {
    let (spec, d) = apply(
        r#"[
  { "product": "thing", "action": "CreateThing", "field": "DeploymentId", "add": true,
    "type": "string", "required": true, "reason": "the Go SDK has it" },
  { "product": "thing", "action": "CreateThing", "field": "Disks.N.Mode", "add": true,
    "type": "int", "required": false, "reason": "the Go SDK has it" },
  { "product": "thing", "action": "CreateThing", "field": "Zone", "add": true,
    "type": "string", "required": false, "reason": "the Go SDK has it" }
]"#,
    );
    assert!(d.items.is_empty(), "{:?}", d.items);
    let a = &spec.services[0].actions[0];
    let id = a
        .request
        .iter()
        .find(|p| p.wire_name == "DeploymentId")
        .unwrap();
    assert_eq!(
        (id.ty, id.required, id.common),
        (Scalar::String, true, false)
    );
    assert_eq!(id.overridden, ["added"]);
    assert!(
        id.description.contains("the Go SDK has it"),
        "{}",
        id.description
    );
    assert_eq!(id.source.file, "specs/overrides.json");
    let zone = a.request.iter().find(|p| p.wire_name == "Zone").unwrap();
    assert!(
        zone.common,
        "Zone is a common parameter wherever it comes from"
    );
    let disks = a.request_tree.iter().find(|n| n.name == "Disks").unwrap();
    let mode = disks.children.iter().find(|n| n.name == "Mode").unwrap();
    assert_eq!(mode.ty, Some(Scalar::Int));
    assert!(a
        .request_tree
        .iter()
        .any(|n| n.name == "DeploymentId" && n.required));

    let (_, d) = apply(
        r#"[
{ "product": "thing", "action": "CreateThing", "field": "Name", "add": true, "type": "string", "required": false, "reason": "r" },
{ "product": "thing", "action": "CreateThing", "field": "X", "add": true, "type": "string", "reason": "r" },
{ "product": "thing", "model": "Info", "field": "X", "add": true, "type": "string", "required": false, "reason": "r" },
{ "product": "thing", "action": "CreateThing", "field": "X", "add": true, "type": "model:Info", "required": false, "reason": "r" },
{ "product": "thing", "action": "Gone", "field": "X", "add": true, "type": "string", "required": false, "reason": "r" }
]"#,
    );
    let mut errors: Vec<(usize, &str)> = d
        .items
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| (x.line, x.kind))
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            (2, "bad-override"),
            (3, "bad-override"),
            (4, "bad-override"),
            (5, "bad-override"),
            (6, "unmatched-override")
        ],
        "{:?}",
        d.items
    );
    let name = d.items.iter().find(|x| x.line == 2).unwrap();
    assert!(
        name.message.contains("the page lists `Name`"),
        "{}",
        name.message
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
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("ucloud-overrides-{}", std::process::id()));
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

/// The pipeline of `load_spec_with` on page texts and an overrides text.
fn load(pages: &[(&str, &str)], overrides: &str) -> ucloud_codegen::Loaded {
    let files: Vec<(String, std::path::PathBuf)> = pages
        .iter()
        .map(|(l, _)| (l.to_string(), l.into()))
        .collect();
    let texts = pages.iter().map(|(_, t)| Ok(t.to_string())).collect();
    ucloud_codegen::load_texts(&files, texts, Some(("specs/overrides.json", overrides)))
}

const BROKEN: &str = "# 坏 - BrokenThing\n\n### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Id** | string | x |No|\n";

#[test]
fn an_excluded_page_does_not_fail_generation_and_is_listed() {
    let pages = [
        ("specs/thing-api/create_thing.md", PAGE),
        ("specs/thing-api/broken_thing.md", BROKEN),
    ];
    // Without the entry the page's error fails generation, and says how to exclude it.
    let loaded = load(&pages, "[]");
    let errors: Vec<_> = loaded
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let hint = errors[0].hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains(r#""page": "thing-api/broken_thing.md", "exclude": true"#)
            && hint.contains("specs/overrides.json"),
        "{hint}"
    );
    let loaded = load(
        &pages,
        r#"[{ "product": "thing-api", "page": "broken_thing.md", "exclude": true, "reason": "no request table" }]"#,
    );
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let listed: Vec<_> = loaded
        .diagnostics
        .items
        .iter()
        .filter(|d| d.kind == "excluded-page")
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].severity, Severity::Warning);
    assert!(
        listed[0].message.contains("no request table"),
        "{:?}",
        listed[0]
    );
    assert_eq!(loaded.counts.excluded, 1);
    let actions: Vec<&str> = loaded.spec.services[0]
        .actions
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(actions, ["CreateThing"]);
}

#[test]
fn exclusions_that_match_nothing_or_say_too_much_are_errors() {
    let loaded = load(
        &[("specs/thing-api/create_thing.md", PAGE)],
        "[\n{ \"product\": \"thing\", \"page\": \"gone.md\", \"exclude\": true, \"reason\": \"r\" },\n{ \"product\": \"other\", \"action\": \"CreateThing\", \"exclude\": true, \"reason\": \"r\" },\n{ \"product\": \"thing\", \"page\": \"create_thing.md\", \"exclude\": true, \"type\": \"int\", \"reason\": \"r\" },\n{ \"product\": \"thing\", \"page\": \"create_thing.md\", \"reason\": \"r\" },\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"exclude\": false, \"reason\": \"r\" },\n{ \"product\": \"thing\", \"action\": \"CreateThing\", \"field\": \"Id\", \"exclude\": true, \"reason\": \"r\" }\n]",
    );
    let mut errors: Vec<(usize, &str)> = loaded
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.line, d.kind))
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            (2, "unmatched-override"),
            (3, "unmatched-override"),
            (4, "bad-override"),
            (5, "bad-override"),
            (6, "bad-override"),
            // `Id` comes from the page's table: only inferred fields can be excluded.
            (7, "bad-override"),
        ],
        "{:?}",
        loaded.diagnostics
    );
    // Nothing was left out.
    assert_eq!(loaded.spec.services[0].actions.len(), 1);
    assert_eq!(loaded.spec.services[0].actions[0].response.len(), 2);
}

/// The facts decided from the pages' text are corrected after they are decided.
fn apply_facts(json: &str) -> (Spec, Diagnostics) {
    let mut spec = spec();
    let mut d = Diagnostics::default();
    let entries = overrides::parse("specs/overrides.json", json, &mut d);
    overrides::apply(&mut spec, &entries, "specs/overrides.json", &mut d);
    ucloud_codegen::annotate::annotate(&mut spec);
    overrides::apply_facts(&mut spec, &entries, "specs/overrides.json", &mut d);
    (spec, d)
}

#[test]
fn fact_entries_correct_enums_secrets_base64_and_actions() {
    let (spec, d) = apply_facts(
        r#"[
  { "product": "thing", "action": "CreateThing", "field": "Name",
    "enum": ["Small", {"value": "Large", "doc": "大"}], "sensitive": true, "base64": true,
    "reason": "the page lists the sizes in another table" },
  { "product": "thing", "model": "Info", "field": "Count", "deprecated": true, "reason": "r" },
  { "product": "thing", "action": "CreateThing", "read_only": true, "waiter": false,
    "reason": "a dry run" }
]"#,
    );
    assert!(d.items.is_empty(), "{:?}", d.items);
    let a = &spec.services[0].actions[0];
    let name = a.request.iter().find(|p| p.wire_name == "Name").unwrap();
    let values: Vec<_> = name
        .facts
        .enumeration
        .as_ref()
        .unwrap()
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.doc.as_str()))
        .collect();
    assert_eq!(values, [("Small", ""), ("Large", "大")]);
    assert!(name.facts.sensitive && name.base64);
    assert_eq!(name.overridden, ["enum", "sensitive", "base64"]);
    assert!(spec.services[0].models[0].fields[0].facts.deprecated);
    assert!(a.facts.read_only);
    assert_eq!(
        a.facts.overridden,
        ["read_only"],
        "the waiter was none already"
    );
}

#[test]
fn fact_entries_that_match_nothing_or_set_nothing_are_errors() {
    let (_, d) = apply_facts(
        r#"[
  { "product": "thing", "action": "CreateThing", "field": "Nope", "sensitive": true, "reason": "r" },
  { "product": "thing", "action": "CreateThing", "field": "Id", "base64": true, "reason": "r" },
  { "product": "thing", "action": "CreateThing", "field": "Name", "enum": [], "reason": "r" },
  { "product": "thing", "action": "CreateThing", "field": "Name", "read_only": true, "reason": "r" }
]"#,
    );
    let kinds: Vec<(&str, usize)> = d.items.iter().map(|i| (i.kind, i.line)).collect();
    assert_eq!(
        kinds,
        [
            ("bad-override", 4),
            ("bad-override", 5),
            ("unmatched-override", 2),
            ("bad-override", 3),
        ],
        // Entries with bad values are refused when read; the others when applied.
        "{:#?}",
        d.items
    );
    assert!(d.items.iter().all(|i| i.severity == Severity::Error));
}

#[test]
fn enum_type_pins_a_name_and_a_bad_name_is_an_error_at_its_line() {
    let (mut spec, d) = apply_facts(
        r#"[
  { "product": "thing", "action": "CreateThing", "field": "Name",
    "enum": ["Small", "Large"], "enum_type": "ThingSize", "reason": "r" },
  { "product": "thing", "action": "CreateThing", "field": "Id", "enum_type": "not a name", "reason": "r" }
]"#,
    );
    let kinds: Vec<(&str, usize)> = d.items.iter().map(|i| (i.kind, i.line)).collect();
    assert_eq!(kinds, [("bad-override", 4)], "{:#?}", d.items);
    ucloud_codegen::facts::enums::group::assign(&mut spec);
    let name = spec.services[0].actions[0]
        .request
        .iter()
        .find(|p| p.wire_name == "Name")
        .unwrap();
    assert_eq!(name.facts.enum_type.as_deref(), Some("ThingSize"));
    assert_eq!(name.overridden, ["enum", "enum_type"]);
}
