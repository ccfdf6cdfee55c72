//! Hand-written broken pages (`tests/pages/*.md`): each page's diagnostics, and for the pages
//! that generate code the generated API, are compared with `tests/pages/<page>.expected`
//! (`UPDATE_SNAPSHOTS=1 cargo test -p ucloud-codegen --test it bad_pages::` rewrites them). The
//! expectations below are checked as well, so a snapshot cannot quietly accept a regression.

use crate::support;

use support::{api_summary, cases, label, run_texts, snapshot, unparsable, Outcome};
use ucloud_codegen::diag::Severity;

/// What each page must produce, whatever the snapshot says: `error:KIND`, `warning:KIND` or
/// `info:KIND` for a diagnostic, `api:TEXT` for a line of the generated API summary, and
/// `!api:TEXT` for text that must not be in it.
const EXPECT: &[(&str, &[&str])] = &[
    ("action_name_digit", &["error:bad-action-name"]),
    ("action_name_unicode", &["error:bad-action-name"]),
    ("bad_action_name", &["error:bad-action-name"]),
    // `---` (a stray delimiter row), prose and `r#dyn` in the name column: errors, and a
    // maintainer is told how to exclude the page meanwhile.
    ("bad_names", &["error:bad-name", "!warning:"]),
    (
        "bold_model_marker",
        &[
            "api:project_set: Vec<ProjectSet>",
            "api:owner: Option<Member>",
            "api:struct Member",
            "!warning:",
        ],
    ),
    (
        "bidi_text",
        &["api:struct BidiTextRequest", "api:name: String"],
    ),
    ("bom", &["api:struct ByteOrderMarkRequest"]),
    (
        "case_collisions",
        &[
            "api:image_id: String",
            "api:image_id_2 as \"imageId\": Option<String>",
            "api:image_id_3 as \"image_id\": Option<i64>",
            "api:image_id_4 as \"IMAGE_ID\": Option<bool>",
            "api:struct ImageSet2",
            "warning:name-collision",
        ],
    ),
    ("cr_only", &["api:struct LoneCarriageReturnsRequest"]),
    // `BGP` and `Bgp`: one value to UCloud, two variants; text in a third case matches
    // neither, so the generator says so.
    ("enum_case_twins", &["warning:enum-case-twins"]),
    ("crlf", &["api:struct CrlfLinesRequest"]),
    ("crlf_bom", &["api:struct CrlfAndBomRequest"]),
    (
        "cyclic_model",
        &[
            "api:parent: Option<Box<Node>>",
            "api:children: Vec<Node>",
            "api:right: Option<Box<Right>>",
            "api:left: Option<Box<Left>>",
            "api:leaf: Option<Leaf>",
            "api:tree: Option<Node>",
        ],
    ),
    // Pipe rows that make no table (a damaged delimiter row, header and delimiter of different
    // widths) are errors naming the section, or warnings where the section has a table.
    (
        "damaged_tables",
        &[
            "error:lost-table",
            "warning:lost-table",
            "!api:struct ReleaseEIPRequest",
        ],
    ),
    // A parameter table under a heading that is not a section's, or under an example.
    (
        "misnamed_section",
        &["warning:stray-table", "error:missing-table"],
    ),
    (
        "deep_nesting",
        &[
            "!error:",
            "api:struct DeepNestingL1L2L3L4L5L6L7L8L9L10L11L12L13L14L15 {",
            "api:l16: Option<String>",
            "api:m16: Vec<i64>",
        ],
    ),
    (
        "digit_names",
        &[
            "api:_3des as \"3DES\": Option<String>",
            "api:_1st: Option<String>",
            "api:struct T3Set",
            "!error:",
        ],
    ),
    (
        "draft_2019",
        &[
            "api:struct GetDraftImagesRequest",
            "api:image_set: Vec<ImageSet>",
            "api:limit: Option<i64>",
        ],
    ),
    (
        "duplicate_fields",
        &[
            "warning:duplicate-field",
            "api:name: String",
            "api:tags: Vec<String>",
            "!api:name_2",
        ],
    ),
    ("empty_model_name", &["error:empty-name"]),
    // A page in error and a retired action, both left out by `excluded_page/overrides.json`:
    // generation goes on without them and says so.
    (
        "excluded_page",
        &[
            "!error:",
            "warning:excluded-page",
            "info:missing-table",
            "info:bad-name",
            "api:async fn create_thing(",
            "!api:broken_thing",
            "!api:old_thing",
        ],
    ),
    ("empty_names", &["error:empty-name"]),
    ("empty_title", &["error:bad-action-name"]),
    (
        "heading_without_table",
        &["api:impl NoParametersRequest: fn new() -> Self"],
    ),
    // Keys of the response example that no table lists, typed from their values; a key
    // spelled differently only in case takes the example's spelling; `" Bad Key"` is not a
    // name and is only reported.
    (
        "inferred_fields",
        &[
            "warning:inferred-field",
            "warning:wire-case",
            "api:region: Option<String>",
            "api:mixed: Vec<crate::runtime::serde_json::Value>",
            "api:port: Option<i64>",
            "api:ratio: Option<f64>",
            "api:tags: Vec<String>",
            "api:owner: Option<ItemOwner>",
            "api:struct ItemOwner {",
            "api:level: Option<i64>",
            "api:extra: Option<crate::runtime::serde_json::Value>",
            "api:empty: Vec<crate::runtime::serde_json::Value>",
            "api:alert_strategy_id as \"AlertStrategyID\": Option<i64>",
            "!api:Bad",
            "!error:",
        ],
    ),
    // Keys that are no evidence of a field: misspellings of protocol fields, the request id,
    // a nested model's name or fields written at the top. Only `Region` is inferred.
    (
        "inferred_noise",
        &[
            "info:not-inferred",
            "api:region: Option<String>",
            "api:struct InferredNoiseResponse {\n    total_count: Option<i64>,\n    \
             data_set: Vec<Item>,\n    account: Option<AccountInfo>,\n    region: Option<String>,\n}",
            "!error:",
        ],
    ),
    // An overrides entry rejects the invented `Test`: neither it nor its model is generated.
    (
        "inferred_rejected",
        &[
            "api:thing_id: Option<String>",
            "!api:test",
            "!api:struct Test",
            "!error:",
        ],
    ),
    (
        "keywords",
        &[
            "api:type_ as \"type\": String",
            "api:match_ as \"match\": Option<i64>",
            "api:self_: Option<String>",
            "api:self_2 as \"self\": Option<String>",
            "api:struct SelfModel",
            "api:self_: Option<Box<SelfModel>>",
            "api:async fn self_(&self, req: SelfRequest)",
        ],
    ),
    (
        "legacy_format",
        &[
            "api:image_set: Vec<ImageInfo>",
            "api:mystery: Option<crate::runtime::serde_json::Value>",
            "warning:unknown-type",
            "warning:bad-required",
            "warning:bad-example",
        ],
    ),
    (
        "markup_in_cells",
        &[
            "api:struct MarkupInCellsRequest",
            "api:ctrl: Option<String>",
        ],
    ),
    ("missing_name_column", &["error:bad-table"]),
    // `OnlineSet.Value` is int on the legacy page and float on the current one, whose
    // example has 1.39684: float fits both. `Unit` is int and string: the current page wins.
    (
        "model_conflict",
        &[
            "api:value: Option<f64>",
            "api:unit: Option<String>",
            "warning:model-conflict",
        ],
    ),
    (
        "pipes_in_cells",
        &[
            "api:operator: String",
            "api:rule: String",
            "api:state: Option<State>",
            "api:escaped: String",
            "api:trailing: i64",
            "warning:extra-cells",
            "!warning:bad-required",
        ],
    ),
    ("missing_request_table", &["error:missing-table"]),
    (
        "missing_required_column",
        &["api:name: Option<String>", "api:size: Option<i64>"],
    ),
    ("missing_response_table", &["error:missing-table"]),
    ("missing_type_column", &["error:bad-table"]),
    (
        "no_sections",
        &["info:skipped-page", "!error:", "!warning:"],
    ),
    (
        "non_ascii_names",
        &[
            "api:field as \"名称\": String",
            "api:gr_e as \"Größe\": Option<i64>",
            "!api:fn new() -> Self",
        ],
    ),
    (
        "pagination_collisions",
        &[
            "api:fn list_things_stream(&self, req: ListThingsRequest)",
            "api:offset_2 as \"Offset\": Option<i64>",
        ],
    ),
    (
        "param_conflicts",
        &["error:param-conflict", "error:bad-name"],
    ),
    (
        "product_action",
        &[
            "api:async fn product(&self, req: ProductRequest)",
            "api:struct ProductActionClient2",
            "warning:name-collision",
        ],
    ),
    (
        "ragged_rows",
        &[
            "api:short: Option<String>",
            // `| **Long** | int | 说明 |**Yes**| extra | cells |`: six cells under four
            // columns; the flag is the last cell's, `cells`, which is not one.
            "api:long: Option<i64>",
            "warning:extra-cells",
            "warning:bad-required",
        ],
    ),
    (
        "reserved_type_names",
        &[
            "api:struct IntoModel",
            "api:struct OptionModel",
            "api:struct VecModel",
            "api:struct IntoRequest2",
            "api:password: crate::runtime::Secret",
        ],
    ),
    (
        "request_model",
        &[
            "api:targets: Vec<RequestModelTargets>",
            "api:resource_id: String",
            "api:backup: Option<RequestModelTargetsBackup>",
            "api:enabled: bool",
            "api:health: Option<RequestModelHealth>",
            "api:ghost: Option<crate::runtime::serde_json::Value>",
            "warning:unresolved-type",
        ],
    ),
    ("request_model_cycle", &["error:bad-request-model"]),
    // The common pages of end-2019, which document GetProjectList and GetRegion (uaccount's
    // actions), are skipped like every page of `summary/`.
    ("summary", &["info:skipped-page", "!error:", "!warning:"]),
    ("too_deep_nesting", &["error:bad-name"]),
    (
        "unclosed_fence",
        &["error:unclosed-fence", "!error:missing-table"],
    ),
    (
        "unclosed_fence_at_end",
        &["warning:unclosed-fence", "api:id: Option<String>"],
    ),
    (
        "undefined_model",
        &[
            "warning:undefined-model",
            "api:ghost: Option<crate::runtime::serde_json::Value>",
            "api:ghosts: Vec<crate::runtime::serde_json::Value>",
            "api:phantom: Option<crate::runtime::serde_json::Value>",
        ],
    ),
    ("wiki_links", &["api:disk_type: String", "!warning:"]),
    (
        "wrapped_cells",
        &[
            "api:kms_key_id: String",
            "api:note: Option<String>",
            "api:disk_id: Option<String>",
            "!api:\"---\"",
            "!error:",
            "!warning:",
        ],
    ),
];

/// The snapshot text: diagnostics, then the generated API when there is one.
fn render(out: &Outcome) -> String {
    let mut s = String::new();
    for d in &out.diagnostics {
        s.push_str(&format!("{d}\n"));
    }
    if !out.has_errors() {
        for (path, code) in &out.files {
            if support::is_product_file(path) {
                s.push_str(&format!("\n--- {path} ---\n"));
                s.push_str(&api_summary(code));
            }
        }
    }
    s
}

/// The invariant of every outcome: no generator bug, and either an error diagnostic or code
/// that parses as Rust.
fn check_invariant(name: &str, out: &Outcome) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(d) = out.diagnostics.iter().find(|d| d.kind == "emit") {
        problems.push(format!("{name}: generator bug: {d}"));
    }
    if !out.has_errors() {
        for p in unparsable(&out.files) {
            problems.push(format!("{name}: {p}"));
        }
    }
    problems
}

fn check_expectations(name: &str, rendered: &str, out: &Outcome) -> Vec<String> {
    let Some((_, wants)) = EXPECT.iter().find(|(n, _)| *n == name) else {
        return vec![format!("{name}: no entry in EXPECT")];
    };
    let has_diag = |sev: &str, kind: &str| {
        out.diagnostics
            .iter()
            .any(|d| d.severity.to_string() == sev && (kind.is_empty() || d.kind == kind))
    };
    let mut problems = Vec::new();
    for want in *wants {
        let (negate, want) = match want.strip_prefix('!') {
            Some(w) => (true, w),
            None => (false, *want),
        };
        let found = match want.split_once(':') {
            Some(("api", text)) => {
                !out.has_errors()
                    && rendered
                        .split("\n--- ")
                        .skip(1)
                        .any(|api| api.contains(text))
            }
            Some((sev @ ("error" | "warning" | "info"), kind)) => has_diag(sev, kind),
            _ => panic!("bad expectation {want:?}"),
        };
        if found == negate {
            problems.push(format!(
                "{name}: expected {}{want}\n{rendered}",
                if negate { "no " } else { "" }
            ));
        }
    }
    problems
}

#[test]
fn pages_give_the_expected_diagnostics_and_code() {
    let cases = cases();
    assert!(cases.len() >= 20, "tests/pages has {} cases", cases.len());
    let mut problems = Vec::new();
    for case in &cases {
        let out = case.run();
        let rendered = render(&out);
        problems.extend(check_invariant(&case.name, &out));
        problems.extend(check_expectations(&case.name, &rendered, &out));
        let expected = support::pages_dir().join(format!("{}.expected", case.name));
        if let Err(e) = snapshot(&expected, &rendered) {
            problems.push(e);
        }
    }
    for (name, _) in EXPECT {
        if !cases.iter().any(|c| c.name == *name) {
            problems.push(format!("EXPECT names {name}, which is not in tests/pages"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// CR LF line ends and a byte order mark change nothing: same diagnostics (but the file
/// name), same line numbers, same code as the page with plain LF line ends.
#[test]
fn line_ends_and_bom_do_not_matter() {
    let plain = std::fs::read_to_string(support::pages_dir().join("crlf.md"))
        .unwrap()
        .replace("\r\n", "\n");
    let variants = [
        ("crlf", plain.replace('\n', "\r\n")),
        ("bom", format!("\u{feff}{plain}")),
        (
            "crlf_bom",
            format!("\u{feff}{}", plain.replace('\n', "\r\n")),
        ),
        ("cr_only", plain.replace('\n', "\r")),
    ];
    let base = run_texts(&[(label("same"), plain.clone())]);
    assert!(!base.has_errors(), "{:?}", base.diagnostics);
    for (name, text) in variants {
        let out = run_texts(&[(label("same"), text)]);
        assert_eq!(
            out.diagnostics, base.diagnostics,
            "{name}: diagnostics differ from the LF page"
        );
        assert_eq!(
            out.files, base.files,
            "{name}: code differs from the LF page"
        );
    }
}

/// Cells of a megabyte: no panic, done in reasonable time, diagnostics of bounded size, and
/// the code still parses.
#[test]
fn huge_cells() {
    let text = support::huge_page();
    let start = std::time::Instant::now();
    let out = run_texts(&[(label("huge_cell"), text.clone())]);
    let took = start.elapsed();
    assert!(
        took < std::time::Duration::from_secs(60),
        "a 3 MB page took {took:?}"
    );
    assert!(check_invariant("huge_cell", &out).is_empty());
    assert!(!out.has_errors(), "{:?}", out.diagnostics);
    for d in &out.diagnostics {
        assert!(
            d.message.len() < 1000,
            "a diagnostic quotes the whole cell ({} bytes): {}…",
            d.message.len(),
            &d.message[..200]
        );
    }
    let unknown = out
        .diagnostics
        .iter()
        .filter(|d| d.kind == "unknown-type" && d.severity == Severity::Warning)
        .count();
    assert_eq!(unknown, 1, "{:?}", out.diagnostics);
    let code = &out.files[&support::product_file("huge_cell")];
    assert!(
        code.contains(&"描述".repeat(1000)),
        "the description is kept"
    );
    assert!(code.contains(&"a".repeat(100_000)), "the long name is kept");
}

/// Products whose folder names differ only in case or punctuation, or whose module name is
/// a cargo feature of the crate (`full`) or a method of `Client` (`config`), each get a
/// module, a file and a feature of their own.
#[test]
fn products_whose_names_collide() {
    let page = std::fs::read_to_string(support::pages_dir().join("crlf.md")).unwrap();
    let folders = ["a-b-api", "a_b-api", "A-B-api", "full-api", "config-api"];
    let out = run_texts(
        &folders
            .iter()
            .map(|f| (format!("{f}/x.md"), page.clone()))
            .collect::<Vec<_>>(),
    );
    assert!(!out.has_errors(), "{:?}", out.diagnostics);
    assert!(check_invariant("collide", &out).is_empty());
    let modules: Vec<&String> = out
        .files
        .keys()
        .filter(|p| support::is_product_file(p))
        .collect();
    assert_eq!(modules.len(), folders.len(), "{modules:?}");
    let renamed = out
        .diagnostics
        .iter()
        .filter(|d| d.kind == "name-collision")
        .count();
    assert_eq!(renamed, 4, "{:?}", out.diagnostics);

    // Every feature once, `full` listing every product.
    let manifest = &out.files["Cargo.toml"];
    let features: Vec<&str> = manifest
        .split("[features]")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .collect();
    let mut unique = features.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), features.len(), "{features:?}");
    // + default, testing, full
    assert_eq!(features.len(), folders.len() + 3, "{features:?}");
    // One accessor per product on `Client`, none named like its own methods.
    let lib = &out.files["src/lib.rs"];
    let accessors: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub fn "))
        .filter(|l| l.contains("(&self) -> ") && l.contains("::"))
        .map(|l| l.split('(').next().unwrap())
        .collect();
    let mut unique = accessors.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), folders.len(), "{accessors:?}");
    assert!(!accessors.contains(&"config"), "{accessors:?}");
}

/// A parameter name of 3000 levels (`a.a.a…`, a 6 KB cell) overflowed the emitter's stack
/// (found by hand after the fuzzer's inputs stayed under 8 KB): now it is refused.
#[test]
fn thousands_of_levels() {
    let name = vec!["a"; 3000].join(".");
    let text = format!(
        "# 深 - Deep\n\n### 请求参数\n\n| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
         | **{name}** | string | x |No|\n\n### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n\
         |:---|:---|:---|:---|\n| **Id** | string | x |No|\n"
    );
    let out = run_texts(&[(label("deep"), text)]);
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.kind == "bad-name" && d.line == 7 && d.message.contains("levels deep")),
        "{:?}",
        out.diagnostics
    );
}
