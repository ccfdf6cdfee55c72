//! The API diff on small pages made here: two states of the docs whose differences cover
//! every kind of change, each checked for its kind, its class and the Rust name it is
//! reported under; the JSON report reads back as it was, and the Markdown is stable.

use std::path::PathBuf;
use ucloud_codegen::changes::{self, Class, Report, Side, KINDS};
use ucloud_codegen::spec::Spec;

/// A request row: wire name, type, description, required.
type Param<'a> = (&'a str, &'a str, &'a str, bool);
/// A response or model row: name, type, description, required.
type Field<'a> = (&'a str, &'a str, &'a str, bool);

fn table(head: &str, rows: &[(&str, &str, &str, bool)]) -> String {
    let mut s = format!("| {head} | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n");
    for (name, ty, doc, required) in rows {
        let req = if *required { "**Yes**" } else { "No" };
        s.push_str(&format!("| **{name}** | {ty} | {doc} | {req} |\n"));
    }
    s
}

/// An action page in UCloud's current format.
fn page(
    action: &str,
    intro: &str,
    req: &[Param],
    resp: &[Field],
    models: &[(&str, &[Field])],
) -> String {
    let mut resp_rows: Vec<Field> = vec![("RetCode", "int", "返回状态码", true)];
    resp_rows.extend_from_slice(resp);
    let mut s = format!(
        "# 接口 - {action}\n\n## 简介\n\n{intro}\n\n## 定义\n\n### 请求参数\n\n{}\n### 响应字段\n\n{}\n",
        table("参数名", req),
        table("字段名", &resp_rows)
    );
    if !models.is_empty() {
        s.push_str("#### 数据模型\n\n");
        for (name, fields) in models {
            s.push_str(&format!("#### {name}\n\n{}\n", table("字段名", fields)));
        }
    }
    s
}

fn spec(pages: &[(&str, String)]) -> Spec {
    let files: Vec<(String, PathBuf)> = pages
        .iter()
        .map(|(label, _)| (label.to_string(), PathBuf::from(label)))
        .collect();
    let texts = pages.iter().map(|(_, t)| Ok(t.clone())).collect();
    let loaded = ucloud_codegen::load_texts(&files, texts, None);
    assert!(
        !loaded.diagnostics.has_errors(),
        "{:?}",
        loaded.diagnostics.items
    );
    loaded.spec
}

const MODE: &str = "模式。枚举值：Fast, Slow";
const MODE_2: &str = "模式。枚举值：Fast, Turbo";
const STATE: &str = "状态。枚举值：Running, Stopped";
const COLOR: &str = "颜色。枚举值：Red, Blue";
const SHADE: &str = "色调。枚举值：Light, Dark";

/// `DescribeBox`: with `BoxIds.N` it has a waiter (ids, one list of a model with a state).
fn describe_box(ids: bool) -> (&'static str, String) {
    let mut params = vec![("Tag", "string", "标签", false)];
    if ids {
        params.push(("BoxIds.N", "string", "ID", false));
    }
    let model: &[Field] = &[
        ("BoxId", "string", "ID", false),
        ("State", "string", STATE, false),
    ];
    (
        "alpha-api/describe_box.md",
        page(
            "DescribeBox",
            "Boxes.",
            &params,
            &[("BoxSet", "array[[*BoxSet*](#BoxSet)]", "列表", false)],
            &[("BoxSet", model)],
        ),
    )
}

fn before() -> Spec {
    let thing: &[Field] = &[
        ("ThingId", "string", "ID", true),
        ("State", "string", STATE, false),
        ("Legacy", "string", "旧", false),
        ("Count", "int", "数量", false),
    ];
    let gadget: &[Field] = &[
        ("GadgetId", "string", "ID", false),
        ("State", "string", STATE, false),
    ];
    spec(&[
        (
            "alpha-api/describe_thing.md",
            page(
                "DescribeThing",
                "Lists things.",
                &[
                    ("Name", "string", "名称", true),
                    ("Size", "int", "大小", false),
                    ("Mode", "string", MODE, false),
                    ("Old", "string", "旧参数", false),
                    ("Level", "int", "级别", false),
                    ("Offset", "int", "偏移", false),
                    ("Limit", "int", "数量", false),
                ],
                &[
                    ("TotalCount", "int", "总数", false),
                    ("ThingSet", "array[[*ThingSet*](#ThingSet)]", "列表", false),
                ],
                &[("ThingSet", thing)],
            ),
        ),
        (
            "alpha-api/list_widget.md",
            page(
                "ListWidget",
                "Lists widgets.",
                &[("Zone", "string", "可用区", false)],
                &[
                    ("TotalCount", "int", "总数", false),
                    ("WidgetSet", "array[string]", "列表", false),
                ],
                &[],
            ),
        ),
        (
            "alpha-api/describe_gadget.md",
            page(
                "DescribeGadget",
                "Gadgets.",
                &[("Tag", "string", "标签", false)],
                &[(
                    "GadgetSet",
                    "array[[*GadgetSet*](#GadgetSet)]",
                    "列表",
                    false,
                )],
                &[("GadgetSet", gadget)],
            ),
        ),
        (
            "alpha-api/update_thing.md",
            page(
                "UpdateThing",
                "Updates a thing.",
                &[
                    ("ThingId", "string", "ID", true),
                    ("Color", "string", COLOR, false),
                ],
                &[("Info", "[*Info*](#Info)", "信息", false)],
                &[("Info", &[("Note", "string", "备注", false)])],
            ),
        ),
        (
            "alpha-api/delete_thing.md",
            page(
                "DeleteThing",
                "Deletes.",
                &[("ThingId", "string", "ID", true)],
                &[],
                &[],
            ),
        ),
        describe_box(true),
        (
            "beta-api/get_beta.md",
            page(
                "GetBeta",
                "Beta.",
                &[("Id", "string", "ID", false)],
                &[],
                &[],
            ),
        ),
    ])
}

fn after() -> Spec {
    let thing: &[Field] = &[
        ("ThingId", "string", "ID", false),
        ("State", "string", STATE, false),
        ("Count", "string", "数量", false),
        ("Added", "string", "新", false),
    ];
    let gadget: &[Field] = &[
        ("GadgetId", "string", "ID", false),
        ("State", "string", STATE, false),
    ];
    spec(&[
        (
            "alpha-api/describe_thing.md",
            page(
                "DescribeThing",
                "Lists things.",
                &[
                    ("Name", "string", "名称", false),
                    ("Size", "int", "大小", true),
                    ("Mode", "string", MODE_2, false),
                    ("Fresh", "string", "新参数", false),
                    ("Level", "string", "级别", false),
                    ("Extra", "string", "必填的新参数", true),
                    ("Limit", "int", "数量", false),
                ],
                &[
                    ("TotalCount", "int", "总数", false),
                    ("ThingSet", "array[[*ThingSet*](#ThingSet)]", "列表", false),
                ],
                &[("ThingSet", thing)],
            ),
        ),
        (
            "alpha-api/list_widget.md",
            page(
                "ListWidget",
                "Lists widgets.",
                &[
                    ("ZONE", "string", "可用区", false),
                    ("Offset", "int", "偏移", false),
                    ("Limit", "int", "数量", false),
                    ("Filter.N.Key", "string", "过滤", false),
                ],
                &[
                    ("TotalCount", "int", "总数", false),
                    ("WidgetSet", "array[string]", "列表", false),
                ],
                &[],
            ),
        ),
        (
            "alpha-api/describe_gadget.md",
            page(
                "DescribeGadget",
                "Gadgets.",
                &[
                    ("Tag", "string", "标签", false),
                    ("GadgetIds.N", "string", "ID", false),
                ],
                &[(
                    "GadgetSet",
                    "array[[*GadgetSet*](#GadgetSet)]",
                    "列表",
                    false,
                )],
                &[("GadgetSet", gadget)],
            ),
        ),
        (
            "alpha-api/update_thing.md",
            page(
                "UpdateThing",
                "Updates a thing. 该接口已废弃。",
                &[
                    ("ThingId", "string", "ID", true),
                    ("Shade", "string", SHADE, false),
                ],
                &[("Detail", "[*Detail*](#Detail)", "信息", false)],
                &[("Detail", &[("Note", "string", "备注", false)])],
            ),
        ),
        (
            "alpha-api/create_thing.md",
            page(
                "CreateThing",
                "Creates.",
                &[("Name", "string", "名称", true)],
                &[],
                &[],
            ),
        ),
        describe_box(false),
        (
            "gamma-api/add_gamma.md",
            page(
                "AddGamma",
                "Gamma.",
                &[("Id", "string", "ID", false)],
                &[],
                &[],
            ),
        ),
    ])
}

fn side(label: &str) -> Side {
    Side {
        label: label.into(),
        docs_commit: Some(format!("{label}000000")),
        date: Some("2026-01-01".into()),
    }
}

fn report() -> Report {
    changes::report((&before(), side("before")), (&after(), side("after")))
}

/// `(product, kind, item)` that must be reported.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("beta", "product-removed", "beta"),
    ("beta", "action-removed", "get_beta"),
    ("gamma", "product-added", "gamma"),
    ("gamma", "action-added", "add_gamma"),
    ("alpha", "action-added", "create_thing"),
    ("alpha", "action-removed", "delete_thing"),
    ("alpha", "action-deprecated", "update_thing"),
    ("alpha", "pagination-lost", "describe_thing_stream"),
    ("alpha", "pagination-gained", "list_widget_stream"),
    ("alpha", "waiter-gained", "wait_until_gadget_state"),
    ("alpha", "param-now-required", "DescribeThingRequest::size"),
    ("alpha", "param-now-optional", "DescribeThingRequest::name"),
    ("alpha", "param-removed", "DescribeThingRequest::old"),
    ("alpha", "param-retyped", "DescribeThingRequest::level"),
    ("alpha", "param-removed", "DescribeThingRequest::offset"),
    ("alpha", "param-added", "DescribeThingRequest::fresh"),
    (
        "alpha",
        "required-param-added",
        "DescribeThingRequest::extra",
    ),
    ("alpha", "param-added", "DescribeGadgetRequest::gadget_ids"),
    ("alpha", "field-retyped", "ThingSet::count"),
    ("alpha", "field-removed", "ThingSet::legacy"),
    ("alpha", "field-added", "ThingSet::added"),
    ("alpha", "field-required-changed", "ThingSet::thing_id"),
    ("alpha", "field-removed", "UpdateThingResponse::info"),
    ("alpha", "field-added", "UpdateThingResponse::detail"),
    ("alpha", "model-removed", "Info"),
    ("alpha", "model-added", "Detail"),
    ("alpha", "enum-value-removed", "Mode::Slow"),
    ("alpha", "enum-value-added", "Mode::Turbo"),
    ("alpha", "enum-removed", "Color"),
    ("alpha", "enum-added", "Shade"),
    ("alpha", "param-removed", "UpdateThingRequest::color"),
    ("alpha", "param-added", "UpdateThingRequest::shade"),
    ("alpha", "waiter-lost", "wait_until_box__state"),
    ("alpha", "param-removed", "DescribeBoxRequest::box_ids"),
    ("alpha", "type-added", "ListWidgetFilter"),
    ("alpha", "param-added", "ListWidgetRequest::filter"),
    ("alpha", "wire-name-changed", "ListWidgetRequest::zone"),
];

#[test]
fn every_change_is_found_with_its_class() {
    let r = report();
    let shown: Vec<String> = r
        .changes
        .iter()
        .map(|c| format!("{} {} {} {}", c.product, c.class.label(), c.kind, c.item))
        .collect();
    for (product, kind, item) in EXPECTED {
        let found = r
            .changes
            .iter()
            .find(|c| c.product == *product && c.kind == *kind && c.item == *item);
        let Some(c) = found else {
            panic!("no {kind} of {product}::{item} in:\n{}", shown.join("\n"));
        };
        assert_eq!(c.class, changes::class_of(kind), "{kind}");
    }
    // Nothing beyond what the pages changed: the removed action's request struct and the
    // removed product's types are part of those changes, not listed again.
    assert!(
        !r.changes.iter().any(|c| c.item.contains("DeleteThing")),
        "{}",
        shown.join("\n")
    );
    assert_eq!(r.bump(), ucloud_codegen::release::Bump::Breaking);
}

#[test]
fn every_class_and_kind_is_exercised() {
    let r = report();
    for class in [Class::Breaking, Class::Additive, Class::DocsOnly] {
        assert!(r.count(class) > 0, "no {} change", class.label());
    }
    // Two kinds only the reverse diff makes: a nested struct going, a deprecation lifted.
    let back = changes::report((&after(), side("after")), (&before(), side("before")));
    let only_back = ["type-removed", "action-undeprecated"];
    for (kind, _) in KINDS {
        let forward = r.changes.iter().any(|c| c.kind == *kind);
        let backward = back.changes.iter().any(|c| c.kind == *kind);
        assert_eq!(forward, !only_back.contains(kind), "{kind} forward");
        assert!(forward || backward, "{kind} is never made");
    }
}

#[test]
fn the_reverse_diff_turns_additions_into_removals() {
    let back = changes::report((&after(), side("after")), (&before(), side("before")));
    let has = |kind: &str, item: &str| {
        back.changes
            .iter()
            .any(|c| c.kind == kind && c.item == item)
    };
    assert!(has("waiter-lost", "wait_until_gadget_state"));
    assert!(has("waiter-gained", "wait_until_box__state"));
    assert!(has("type-removed", "ListWidgetFilter"));
    assert!(has("action-undeprecated", "update_thing"));
    assert!(has("param-removed", "DescribeThingRequest::fresh"));
    assert!(has("param-retyped", "DescribeThingRequest::level"));
    assert!(has("enum-value-added", "Mode::Slow"));
}

#[test]
fn json_reads_back_and_output_is_stable() {
    let r = report();
    let json = r.to_json();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert_eq!(
        report().to_json(),
        json,
        "the same inputs give the same bytes"
    );
    // By product, then class; in a product and class its own change (product-added) first.
    for pair in r.changes.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            (&a.product, a.class) <= (&b.product, b.class),
            "{a:?} before {b:?}"
        );
        if (&a.product, a.class) == (&b.product, b.class) {
            assert!(!b.kind.starts_with("product-"), "{b:?} after {a:?}");
        }
    }
}

#[test]
fn markdown_puts_breaking_changes_first() {
    let md = changes::markdown(&report(), "ucloud-sdk 0.2.0 (2026-01-01)");
    assert!(md.starts_with("## ucloud-sdk 0.2.0 (2026-01-01)\n"), "{md}");
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} not in\n{md}"));
    // Products with breaking changes before the others; in each, breaking before additive.
    assert!(at("### `alpha`") < at("### `gamma`"));
    assert!(at("### `beta`") < at("### `gamma`"));
    let alpha = &md[at("### `alpha`")..at("### `beta`")];
    assert!(alpha.find("Breaking:").unwrap() < alpha.find("Additive:").unwrap());
    assert!(alpha.find("Additive:").unwrap() < alpha.find("Docs only:").unwrap());
    assert!(
        md.contains("- param-now-required: `DescribeThingRequest::size`"),
        "{md}"
    );
}

#[test]
fn the_same_pages_make_no_change() {
    let r = changes::report((&before(), side("a")), (&before(), side("b")));
    assert_eq!(r.changes, vec![]);
    assert_eq!(r.bump(), ucloud_codegen::release::Bump::Patch);
}
