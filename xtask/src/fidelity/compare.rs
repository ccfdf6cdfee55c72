//! The comparison itself: one product's spec model against the SDK service it maps to, field
//! by field, with every difference classified against the page's own tables ([`super::raw`]).
//!
//! This file holds what every part shares: the figures and differences it reports, the
//! per-product entry point, and the verdicts on a name or value that more than one part gives.
//! The parts: request parameters (`request`), top-level response fields and the type check
//! every response or model field goes through (`response`), and the models the responses
//! reach (`models`).

mod models;
mod request;
mod response;

use super::raw::{RawPage, Row};
use super::truth::SdkService;
use models::{discover, models};
use request::request;
use response::response;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ucloud_codegen::spec::{Service, Span};

/// `hit` of `total`: names both sides have of the names either has, or agreeing values of
/// the values both sides give.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Ratio {
    pub hit: usize,
    pub total: usize,
}

impl Ratio {
    pub fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hit += usize::from(hit);
    }

    pub fn plus(self, o: Ratio) -> Ratio {
        Ratio {
            hit: self.hit + o.hit,
            total: self.total + o.total,
        }
    }

    pub fn percent(self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.hit as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Figures {
    pub request_names: Ratio,
    pub response_names: Ratio,
    pub required: Ratio,
    /// Element types of request parameters and top-level response fields.
    pub types: Ratio,
    pub model_fields: Ratio,
    /// Element types of model fields.
    pub model_types: Ratio,
    /// Top-level response names as the tables have them: without inferred fields, and with
    /// the tables' spelling where the spec took an example's.
    pub response_names_tables: Ratio,
    /// Inferred fields whose owner the SDK has (an action, or a model paired with one): how
    /// many of them the SDK also has, ignoring case.
    pub inferred: Ratio,
}

impl Figures {
    pub fn plus(self, o: Figures) -> Figures {
        Figures {
            request_names: self.request_names.plus(o.request_names),
            response_names: self.response_names.plus(o.response_names),
            required: self.required.plus(o.required),
            types: self.types.plus(o.types),
            model_fields: self.model_fields.plus(o.model_fields),
            model_types: self.model_types.plus(o.model_types),
            response_names_tables: self.response_names_tables.plus(o.response_names_tables),
            inferred: self.inferred.plus(o.inferred),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Blame {
    /// The spec model reads the page's table faithfully; the table differs from the SDK.
    Page,
    /// The spec model does not say what the page's table says.
    Generator,
    /// The overrides file set the value, and the SDK says otherwise.
    Override,
    /// The spec has it from the page's response example (an inferred field, or the example's
    /// spelling of a table's field), and the SDK says otherwise.
    Example,
}

/// One difference between the spec model and the SDK.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub product: String,
    pub action: String,
    /// `request-name`, `response-name`, `model-field`, `required`, `type` (the element types
    /// differ) or `list` (one side has a list, the other a single value).
    pub kind: &'static str,
    pub name: String,
    /// `DocsModel~SdkModel` for model fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub docs: String,
    pub sdk: String,
    /// What the page's table says, read line by line.
    pub page: String,
    pub source: String,
    pub blame: Blame,
    pub why: String,
}

/// One product's result.
#[derive(Debug, Clone, Serialize)]
pub struct ProductResult {
    pub product: String,
    pub sdk_service: String,
    pub actions: usize,
    pub figures: Figures,
    /// Every field of the product inferred from an example, judged against the SDK or not.
    pub inferred_fields: usize,
    /// Each action's request and top-level response figures (model fields are counted per
    /// model pair, in the product's figures only).
    pub per_action: BTreeMap<String, Figures>,
    pub diffs: Vec<Diff>,
}

/// Raw readings of the pages, read once each.
#[derive(Default)]
pub struct Pages(HashMap<String, RawPage>);

impl Pages {
    pub fn get(&mut self, file: &str) -> &RawPage {
        self.0.entry(file.to_string()).or_insert_with(|| {
            // An unreadable page reads as empty: every difference then counts against the
            // generator, which is the cautious side.
            std::fs::read_to_string(file).map_or_else(|_| RawPage::default(), |t| RawPage::read(&t))
        })
    }
}

struct Ctx<'a> {
    product: &'a str,
    sdk: &'a SdkService,
    action: String,
    pages: &'a mut Pages,
    figures: Figures,
    diffs: Vec<Diff>,
}

pub fn product(
    svc: &Service,
    sdk_name: &str,
    sdk: &SdkService,
    pages: &mut Pages,
) -> ProductResult {
    let mut cx = Ctx {
        product: &svc.folder,
        sdk,
        action: String::new(),
        pages,
        figures: Figures::default(),
        diffs: Vec::new(),
    };
    let mut per_action = BTreeMap::new();
    for a in &svc.actions {
        if let Some(s) = sdk.actions.get(&a.name) {
            cx.action = a.name.clone();
            let before = std::mem::take(&mut cx.figures);
            request(&mut cx, a, s);
            response(&mut cx, a, s);
            per_action.insert(a.name.clone(), cx.figures);
            cx.figures = before.plus(cx.figures);
        }
    }
    let pairs = discover(&mut cx, svc, sdk);
    models(&mut cx, svc, sdk, &pairs);
    let inferred_fields = svc
        .actions
        .iter()
        .flat_map(|a| &a.response)
        .chain(svc.models.iter().flat_map(|m| &m.fields))
        .filter(|f| f.inferred.is_some())
        .count();
    ProductResult {
        product: svc.folder.clone(),
        sdk_service: sdk_name.to_string(),
        actions: per_action.len(),
        figures: cx.figures,
        inferred_fields,
        per_action,
        diffs: cx.diffs,
    }
}

impl Ctx<'_> {
    fn diff(
        &mut self,
        kind: &'static str,
        name: &str,
        model: Option<String>,
        (docs, sdk, page): (String, String, String),
        source: &Span,
        (blame, why): (Blame, String),
    ) {
        self.diffs.push(Diff {
            product: self.product.to_string(),
            action: self.action.clone(),
            kind,
            name: name.to_string(),
            model,
            docs,
            sdk,
            page,
            source: source.to_string(),
            blame,
            why,
        });
    }
}

// ---- verdicts shared by the parts ----------------------------------------------------------

fn page_has(row: Option<&Row>) -> String {
    row.map_or("-".into(), |r| {
        format!(
            "line {}: {} | {} | {}",
            r.line,
            r.name,
            r.ty,
            if r.required { "Yes" } else { "No" }
        )
    })
}

/// Judges a name only the spec has.
fn listed(row: Option<&Row>, table: &str) -> (Blame, String) {
    match row {
        Some(r) => (
            Blame::Page,
            format!("the page's {table} table lists it (line {})", r.line),
        ),
        None => (Blame::Generator, format!("not in the page's {table} table")),
    }
}

/// Judges a name only the SDK has.
fn unlisted(row: Option<&Row>, table: &str) -> (Blame, String) {
    match row {
        Some(r) => (
            Blame::Generator,
            format!(
                "the page's {table} table lists it at line {}, the spec model does not",
                r.line
            ),
        ),
        None => (
            Blame::Page,
            format!("the page's {table} table does not list it"),
        ),
    }
}

/// An overridden value differs from the page on purpose; say so instead of judging it.
fn overridden(list: &[String], what: &str) -> Option<(Blame, String)> {
    list.iter().any(|o| o == what).then(|| {
        (
            Blame::Override,
            format!("the {what} was set by the overrides file"),
        )
    })
}

fn agree(faithful: bool, what: &str) -> (Blame, String) {
    if faithful {
        (Blame::Page, format!("the page's table gives this {what}"))
    } else {
        (
            Blame::Generator,
            format!("the page's table gives a different {what}"),
        )
    }
}

// These run `product` end to end on one page, so they cover every part and stay here.
#[cfg(test)]
mod tests {
    use super::*;
    use ucloud_codegen::diag::Diagnostics;

    const PAGE: &str = "# 创建 - CreateThing\n\n## 定义\n\n### 请求参数\n\n| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Region** | string | x |**Yes**|\n| **Size** | string | x |**Yes**|\n| **Old** | string | x |No|\n\n### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Info** | [*Info*](#Info) | x |No|\n\n#### 数据模型\n\n#### Info\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Id** | string | x |No|\n";

    const SDK: &str = r#"{
        "actions": {"CreateThing": {
            "request_flat": [
                {"wire_name": "Region", "go_type": "*string", "required": true, "leaf": true},
                {"wire_name": "Size", "go_type": "*int", "required": true, "leaf": true},
                {"wire_name": "New", "go_type": "*string", "required": false, "leaf": true}
            ],
            "response": [
                {"name": "RetCode", "go_type": "int", "common": true},
                {"name": "Info", "go_type": "ThingInfo", "model": "ThingInfo"}
            ]}},
        "models": {"ThingInfo": [{"name": "Id", "go_type": "string"}, {"name": "Zone", "go_type": "string"}]}
    }"#;

    /// Parses `PAGE` from a real file (the raw reading opens it), lets `spoil` change the spec
    /// as a faulty generator would, and compares.
    fn run(spoil: impl Fn(&mut Service)) -> ProductResult {
        run_page(PAGE, spoil)
    }

    fn run_page(text: &str, spoil: impl Fn(&mut Service)) -> ProductResult {
        let dir = crate::util::target_dir().join("tmp").join(format!(
            "fidelity-{}-{:p}",
            std::process::id(),
            &spoil
        ));
        std::fs::create_dir_all(dir.join("thing-api")).unwrap();
        let file = dir.join("thing-api/create_thing.md");
        std::fs::write(&file, text).unwrap();
        let mut d = Diagnostics::default();
        let label = file.to_string_lossy().into_owned();
        let page = ucloud_codegen::parse::parse_page(&label, text, &mut d).unwrap();
        let mut spec = ucloud_codegen::resolve::build(vec![page], &mut d);
        spoil(&mut spec.services[0]);
        let sdk: SdkService = serde_json::from_str(SDK).unwrap();
        let r = product(&spec.services[0], "thing", &sdk, &mut Pages::default());
        std::fs::remove_dir_all(&dir).unwrap();
        r
    }

    fn blame_of<'a>(r: &'a ProductResult, kind: &str, name: &str) -> Option<&'a Diff> {
        r.diffs.iter().find(|d| d.kind == kind && d.name == name)
    }

    #[test]
    fn faithful_readings_make_every_difference_the_pages() {
        let r = run(|_| {});
        let f = r.figures;
        assert_eq!((f.request_names.hit, f.request_names.total), (2, 4));
        assert_eq!((f.types.hit, f.types.total), (2, 3)); // Size: string vs *int
        assert_eq!((f.model_fields.hit, f.model_fields.total), (1, 2));
        assert!(
            r.diffs.iter().all(|d| d.blame == Blame::Page),
            "{:#?}",
            r.diffs
        );
        assert!(blame_of(&r, "request-name", "Old").is_some());
        assert!(blame_of(&r, "request-name", "New").is_some());
        assert!(blame_of(&r, "model-field", "Zone").is_some());
    }

    #[test]
    fn a_misread_is_the_generators() {
        let r = run(|svc| {
            let a = &mut svc.actions[0];
            a.request.retain(|p| p.wire_name != "Old");
            a.request.iter_mut().for_each(|p| p.required = false);
            svc.models[0].fields.clear();
        });
        let gen = |kind, name| blame_of(&r, kind, name).map(|d| d.blame);
        assert_eq!(gen("request-name", "Old"), None); // both sides now lack it
        assert_eq!(gen("required", "Size"), Some(Blame::Generator));
        assert_eq!(gen("model-field", "Id"), Some(Blame::Generator));
        assert_eq!(gen("model-field", "Zone"), Some(Blame::Page));
    }

    #[test]
    fn inferred_fields_are_the_examples_and_their_precision_is_counted() {
        // The example has `Info.Zone`, which the SDK's ThingInfo has, and `Echo`, which the
        // SDK's response lacks; `ID` is the table's `Id` spelled as the server returns it.
        let page = format!(
            "{PAGE}\n## 示例\n\n### 响应示例\n\n```json\n{{ \"Action\": \"CreateThingResponse\", \"RetCode\": 0, \"Echo\": \"x\",\n  \"Info\": {{ \"ID\": \"i\", \"Zone\": \"z\" }} }}\n```\n"
        );
        let r = run_page(&page, |_| {});
        let f = r.figures;
        assert_eq!(r.inferred_fields, 2);
        assert_eq!((f.inferred.hit, f.inferred.total), (1, 2));
        // Without the inferred `Echo` the response names are the tables' again.
        assert_eq!((f.response_names.hit, f.response_names.total), (1, 2));
        assert_eq!(
            (f.response_names_tables.hit, f.response_names_tables.total),
            (1, 1)
        );
        let blame = |kind, name| blame_of(&r, kind, name).map(|d| d.blame);
        assert_eq!(blame("response-name", "Echo"), Some(Blame::Example));
        assert_eq!(blame("model-field", "ID"), Some(Blame::Example));
        assert_eq!(blame("model-field", "Id"), Some(Blame::Example));
        assert!(
            r.diffs.iter().all(|d| d.blame != Blame::Generator),
            "{:#?}",
            r.diffs
        );
    }
}
