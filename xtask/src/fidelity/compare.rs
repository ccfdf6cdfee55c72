//! The comparison itself: one product's spec model against the SDK service it maps to, field
//! by field, with every difference classified against the page's own tables ([`super::raw`]).

use super::evidence;
use super::inferred;
use super::raw::{self, RawPage, Row};
use super::truth::{self, SdkAction, SdkField, SdkService};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ucloud_codegen::spec::{Action, Field, FieldType, Model, Param, Service, Span};

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

/// Common response fields, left out on both sides.
const RESPONSE_COMMON: [&str; 3] = ["RetCode", "Action", "Message"];

struct Ctx<'a> {
    product: &'a str,
    sdk: &'a SdkService,
    action: String,
    pages: &'a mut Pages,
    figures: Figures,
    diffs: Vec<Diff>,
}

/// A docs model and the SDK model the same field points at.
#[derive(Default)]
struct Pair {
    /// The first action that reaches it, for the report.
    action: String,
    /// The pages whose fields point at the docs model here: a field of the model is the
    /// page's when one of these pages' tables of that name lists it. (A model merged from a
    /// page that reaches another SDK model does not count.)
    files: BTreeSet<String>,
    /// The field's `source` when the page types it only `array`/`object`: the generator chose
    /// the model, so the choice is checked against the page's other tables.
    chosen_at: Option<Span>,
}

/// (docs model, SDK model)
type Key = (String, String);
type Pairs = BTreeMap<Key, Pair>;

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

// ---- request -------------------------------------------------------------------------------

fn request(cx: &mut Ctx, a: &Action, s: &SdkAction) {
    let file = a.source.file.as_str();
    let docs: BTreeMap<&str, &Param> = a
        .request
        .iter()
        .map(|p| (p.wire_name.as_str(), p))
        .collect();
    let sdk: BTreeMap<&str, &truth::SdkParam> = s
        .request_flat
        .iter()
        .filter(|p| p.leaf)
        .map(|p| (p.wire_name.as_str(), p))
        .collect();
    let names: BTreeSet<&str> = docs.keys().chain(sdk.keys()).copied().collect();
    for name in names {
        let row = request_row(cx.pages.get(file), name);
        match (docs.get(name), sdk.get(name)) {
            (Some(d), Some(g)) => {
                cx.figures.request_names.add(true);
                request_values(cx, d, g, row);
            }
            (Some(d), None) => {
                cx.figures.request_names.add(false);
                let judged = listed(row.as_ref(), "request");
                let vals = (d.ty.as_str().into(), "-".into(), page_has(row.as_ref()));
                cx.diff("request-name", name, None, vals, &d.source, judged);
            }
            (None, Some(_)) => {
                cx.figures.request_names.add(false);
                let judged = unlisted(row.as_ref(), "request");
                let vals = ("-".into(), "listed".into(), page_has(row.as_ref()));
                cx.diff("request-name", name, None, vals, &a.source, judged);
            }
            (None, None) => {}
        }
    }
}

/// The page's request row for a wire name: `Disks.n.Size` matches `Disks.N.Size`, and
/// `Tags | array[string]` matches `Tags.N`.
fn request_row(page: &RawPage, wire: &str) -> Option<Row> {
    page.request
        .iter()
        .find(|r| {
            let w = raw::wire(&r.name);
            w == wire || (raw::type_of(&r.ty).1 && format!("{w}.N") == wire)
        })
        .cloned()
}

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

fn request_values(cx: &mut Ctx, d: &Param, g: &truth::SdkParam, row: Option<Row>) {
    let source = &d.source;
    let name = d.wire_name.as_str();
    if let Some(sdk_required) = g.required {
        let same = d.required == sdk_required;
        cx.figures.required.add(same);
        if !same {
            let page_says = row.as_ref().map(|r| r.required);
            let judged = overridden(&d.overridden, "required")
                .unwrap_or_else(|| agree(page_says == Some(d.required), "required flag"));
            let vals = (
                d.required.to_string(),
                sdk_required.to_string(),
                page_has(row.as_ref()),
            );
            cx.diff("required", name, None, vals, source, judged);
        }
    }
    // The element type: `Tags.N | string` is the SDK's `[]string`.
    let (docs_ty, sdk_ty) = (d.ty.as_str(), truth::kind(&g.go_type));
    cx.figures.types.add(docs_ty == sdk_ty);
    if docs_ty != sdk_ty {
        let page_ty = row.as_ref().map(|r| raw::type_of(&r.ty).0);
        let faithful = page_ty
            .as_deref()
            .is_some_and(|p| p == docs_ty || (docs_ty == "any" && !is_scalar(p)));
        let vals = (docs_ty.into(), g.go_type.clone(), page_has(row.as_ref()));
        let judged = overridden(&d.overridden, "type").unwrap_or_else(|| agree(faithful, "type"));
        cx.diff("type", name, None, vals, source, judged);
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

fn is_scalar(kind: &str) -> bool {
    matches!(kind, "string" | "int" | "float" | "bool")
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

// ---- response and models -------------------------------------------------------------------

fn response(cx: &mut Ctx, a: &Action, s: &SdkAction) {
    let file = a.source.file.as_str();
    let docs: BTreeMap<&str, &Field> = a.response.iter().map(|f| (f.name.as_str(), f)).collect();
    let sdk: BTreeMap<&str, &SdkField> = s
        .response
        .iter()
        .filter(|f| !f.common && !RESPONSE_COMMON.contains(&f.name.as_str()))
        .map(|f| (f.name.as_str(), f))
        .collect();
    let sdk_names: Vec<&str> = sdk.keys().copied().collect();
    inferred::judge(&a.response, &sdk_names, &mut cx.figures.inferred);
    tables_only(cx, a, &sdk_names);
    let names: BTreeSet<&str> = docs.keys().chain(sdk.keys()).copied().collect();
    for name in names {
        match (docs.get(name), sdk.get(name)) {
            (Some(d), Some(g)) => {
                cx.figures.response_names.add(true);
                field_values(cx, d, g, None);
            }
            (Some(d), None) => {
                cx.figures.response_names.add(false);
                let row = row_at(cx.pages, &d.source, name);
                let vals = (describe(d), "-".into(), page_has(row.as_ref()));
                let by_line = row_on_line(cx.pages, &d.source);
                let judged = inferred::docs_only(d, by_line.as_ref())
                    .unwrap_or_else(|| listed(row.as_ref(), "response"));
                cx.diff("response-name", name, None, vals, &d.source, judged);
            }
            (None, Some(g)) => {
                cx.figures.response_names.add(false);
                let row = cx
                    .pages
                    .get(file)
                    .response
                    .iter()
                    .find(|r| r.name == name)
                    .cloned();
                let vals = ("-".into(), g.go_type.clone(), page_has(row.as_ref()));
                let judged = inferred::sdk_only(name, &a.response)
                    .unwrap_or_else(|| unlisted(row.as_ref(), "response"));
                cx.diff("response-name", name, None, vals, &a.source, judged);
            }
            (None, None) => {}
        }
    }
}

/// The response-name figure of the tables alone: inferred fields left out, and table fields
/// spelled as their rows spell them.
fn tables_only(cx: &mut Ctx, a: &Action, sdk: &[&str]) {
    let docs: BTreeSet<String> = a
        .response
        .iter()
        .filter(|f| f.inferred.is_none())
        .map(|f| match row_on_line(cx.pages, &f.source) {
            Some(r) if inferred::respelled(f, &r) => r.name,
            _ => f.name.clone(),
        })
        .collect();
    let all: BTreeSet<&str> = docs
        .iter()
        .map(String::as_str)
        .chain(sdk.iter().copied())
        .collect();
    for name in all {
        let both = docs.contains(name) && sdk.contains(&name);
        cx.figures.response_names_tables.add(both);
    }
}

/// The response or model row on the line a spec field was read from, whatever its name.
fn row_on_line(pages: &mut Pages, source: &Span) -> Option<Row> {
    let page = pages.get(&source.file);
    page.response
        .iter()
        .chain(page.models.iter().flat_map(|(_, r)| r))
        .find(|r| r.line == source.line)
        .cloned()
}

/// The raw row a spec field was read from (its `source` names file and line).
fn row_at(pages: &mut Pages, source: &Span, name: &str) -> Option<Row> {
    let line = source.line;
    let page = pages.get(&source.file);
    let all = page
        .response
        .iter()
        .chain(page.models.iter().flat_map(|(_, r)| r));
    all.filter(|r| r.name == name)
        .find(|r| r.line == line)
        .cloned()
}

fn describe(f: &Field) -> String {
    let ty = match &f.ty {
        FieldType::Scalar(s) => s.as_str().to_string(),
        FieldType::Model(m) => format!("model:{m}"),
    };
    if f.array {
        format!("array[{ty}]")
    } else {
        ty
    }
}

/// Compares the type of a field both sides have. The figure counts the element type; a list where the other side has one value is reported too.
fn field_values(cx: &mut Ctx, d: &Field, g: &SdkField, model: Option<String>) {
    let docs_kind = match &d.ty {
        FieldType::Scalar(s) => s.as_str(),
        FieldType::Model(_) => "model",
    };
    let same_kind = docs_kind == truth::kind(&g.go_type);
    let same_list = d.array == truth::is_slice(&g.go_type);
    match model {
        None => cx.figures.types.add(same_kind),
        Some(_) => cx.figures.model_types.add(same_kind),
    }
    if same_kind && same_list {
        return;
    }
    let row = row_at(cx.pages, &d.source, &d.name);
    let bare = row
        .as_ref()
        .is_some_and(|r| raw::type_of(&r.ty).0 == "bare");
    let judged = match row.as_ref() {
        _ if d.overridden.iter().any(|o| o == "type") => {
            overridden(&d.overridden, "type").unwrap_or((Blame::Override, String::new()))
        }
        _ if d.inferred.is_some() => (
            Blame::Example,
            "the type was inferred from the values of the response example".into(),
        ),
        Some(r) if bare => judge_bare(d, r, g, cx.pages.get(&d.source.file), &cx.sdk.models),
        _ => judge_field_type(d, row.as_ref()),
    };
    let vals = (describe(d), g.go_type.clone(), page_has(row.as_ref()));
    let kind = if same_kind { "list" } else { "type" };
    cx.diff(kind, &d.name, model, vals, &d.source, judged);
}

/// Whether the spec's type for a response or model field is what the page's cell says.
fn judge_field_type(d: &Field, row: Option<&Row>) -> (Blame, String) {
    let Some(row) = row else {
        return (Blame::Generator, "no such row in the page's table".into());
    };
    let (kind, list) = raw::type_of(&row.ty);
    let spec = match &d.ty {
        FieldType::Scalar(s) => s.as_str().to_string(),
        FieldType::Model(m) => format!("model:{m}"),
    };
    let faithful = match kind.as_str() {
        // A link to a model the page does not define becomes untyped.
        k if k.starts_with("model:") => list == d.array && (spec == k || spec == "any"),
        "bare" => spec == "any",
        k if k.starts_with('?') => spec == "any",
        k => list == d.array && spec == k,
    };
    if faithful {
        (
            Blame::Page,
            format!("the page's table types it `{}`", row.ty),
        )
    } else if kind == "bare" {
        (
            Blame::Generator,
            format!(
                "the page types it only `{}`; the generator resolved it to {}",
                row.ty,
                describe(d)
            ),
        )
    } else {
        (
            Blame::Generator,
            format!("the page's table types it `{}`", row.ty),
        )
    }
}

/// A field the page types only `array`/`object`: the spec's type came from the generator's
/// resolution, so it is wrong when the page's other tables or its example show the SDK's type.
fn judge_bare(
    d: &Field,
    row: &Row,
    g: &SdkField,
    page: &RawPage,
    sdk_models: &BTreeMap<String, Vec<SdkField>>,
) -> (Blame, String) {
    let cell = &row.ty;
    if let (FieldType::Model(_), Some(_)) = (&d.ty, &g.model) {
        // Both are models; only the list flag differs, and `array`/`object` does say that.
        let page_list = raw::type_of(cell).1;
        return agree(page_list == d.array, "list flag");
    }
    if let Some(sm) = &g.model {
        let fields = field_names(sdk_models.get(sm));
        return match evidence::best_table(page, &fields) {
            Some((t, j)) if j >= 0.6 => (
                Blame::Generator,
                format!("the page types it only `{cell}`, but its table `{t}` has the fields of the SDK's {sm} (overlap {j:.2})"),
            ),
            _ => (
                Blame::Page,
                format!("the page types it only `{cell}` and has no table with the fields of the SDK's {sm}"),
            ),
        };
    }
    let want = truth::kind(&g.go_type);
    match evidence::example_scalars(page, &d.name) {
        Some(k) if k == want => (
            Blame::Generator,
            format!("the page types it only `{cell}`, but its example gives {k} values"),
        ),
        _ => (
            Blame::Page,
            format!(
                "the page types it only `{cell}`; neither its tables nor its example show {}",
                g.go_type
            ),
        ),
    }
}

fn field_names(fields: Option<&Vec<SdkField>>) -> BTreeSet<&str> {
    fields
        .into_iter()
        .flatten()
        .map(|f| f.name.as_str())
        .collect()
}

/// Every (docs model, SDK model) pair the responses reach, following fields both sides have,
/// with the pages of the actions that reach it.
fn discover(cx: &mut Ctx, svc: &Service, sdk: &SdkService) -> Pairs {
    let mut pairs = Pairs::new();
    let mut edges: BTreeSet<(Key, Key)> = BTreeSet::new();
    let mut queue: Vec<Key> = Vec::new();
    for a in &svc.actions {
        let Some(s) = sdk.actions.get(&a.name) else {
            continue;
        };
        let page = a.source.file.clone();
        for key in note_pairs(
            cx,
            &a.name,
            &a.response,
            &s.response,
            &mut pairs,
            &mut queue,
        ) {
            pairs.entry(key).or_default().files.insert(page.clone());
        }
    }
    while let Some(parent) = queue.pop() {
        let d = svc.models.iter().find(|m| m.name == parent.0);
        let (Some(d), Some(s)) = (d, sdk.models.get(&parent.1)) else {
            continue;
        };
        let action = pairs
            .get(&parent)
            .map(|p| p.action.clone())
            .unwrap_or_default();
        for child in note_pairs(cx, &action, &d.fields, s, &mut pairs, &mut queue) {
            edges.insert((parent.clone(), child));
        }
    }
    spread_files(&mut pairs, &edges);
    pairs
}

/// A nested model is reached from the pages that reach its parent; repeated until nothing
/// changes, since the pair graph may have cycles.
fn spread_files(pairs: &mut Pairs, edges: &BTreeSet<(Key, Key)>) {
    let mut changed = true;
    while changed {
        changed = false;
        for (parent, child) in edges {
            let from = pairs
                .get(parent)
                .map(|p| p.files.clone())
                .unwrap_or_default();
            let to = &mut pairs.entry(child.clone()).or_default().files;
            let before = to.len();
            to.extend(from);
            changed |= to.len() != before;
        }
    }
}

/// Notes the pairs the fields both sides have point at; returns their keys.
fn note_pairs(
    cx: &mut Ctx,
    action: &str,
    ours: &[Field],
    theirs: &[SdkField],
    pairs: &mut Pairs,
    queue: &mut Vec<Key>,
) -> Vec<Key> {
    let mut keys = Vec::new();
    for d in ours {
        let g = theirs.iter().find(|g| g.name == d.name);
        let (FieldType::Model(dm), Some(sm)) = (&d.ty, g.and_then(|g| g.model.as_ref())) else {
            continue;
        };
        let key = (dm.clone(), sm.clone());
        let pair = pairs.entry(key.clone()).or_insert_with(|| {
            queue.push(key.clone());
            Pair {
                action: action.to_string(),
                ..Pair::default()
            }
        });
        let row = row_at(cx.pages, &d.source, &d.name);
        if row.is_some_and(|r| raw::type_of(&r.ty).0 == "bare") && pair.chosen_at.is_none() {
            pair.chosen_at = Some(d.source.clone());
        }
        keys.push(key);
    }
    keys
}

fn models(cx: &mut Ctx, svc: &Service, sdk: &SdkService, pairs: &Pairs) {
    for ((dm, sm), pair) in pairs {
        let d = svc.models.iter().find(|m| &m.name == dm);
        let (Some(d), Some(s)) = (d, sdk.models.get(sm)) else {
            continue;
        };
        cx.action = pair.action.clone();
        let before = cx.diffs.len();
        model_pair(cx, d, sm, s, &pair.files);
        if let Some(source) = &pair.chosen_at {
            let misbound = better_table(cx.pages, source, &d.name, s);
            for diff in &mut cx.diffs[before..] {
                if let Some(why) = &misbound {
                    (diff.blame, diff.why) = (Blame::Generator, why.clone());
                }
            }
        }
    }
}

/// When the generator bound a bare field to `chosen` but another table of the page has the
/// SDK model's fields more closely, says so.
fn better_table(pages: &mut Pages, source: &Span, chosen: &str, s: &[SdkField]) -> Option<String> {
    let page = pages.get(&source.file);
    let fields: BTreeSet<&str> = s.iter().map(|f| f.name.as_str()).collect();
    let ours = evidence::table_jaccard(page, chosen, &fields);
    let best = page
        .models
        .iter()
        .map(|(n, _)| (n.as_str(), evidence::table_jaccard(page, n, &fields)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (best.0 != chosen && best.1 > ours).then(|| {
        format!("the generator bound the field to `{chosen}` (overlap {ours:.2}), but the page's table `{}` matches the SDK model better ({:.2})", best.0, best.1)
    })
}

fn model_pair(cx: &mut Ctx, d: &Model, sm: &str, s: &[SdkField], files: &BTreeSet<String>) {
    let tag = Some(format!("{}~{sm}", d.name));
    let docs: BTreeMap<&str, &Field> = d.fields.iter().map(|f| (f.name.as_str(), f)).collect();
    let sdk: BTreeMap<&str, &SdkField> = s.iter().map(|f| (f.name.as_str(), f)).collect();
    let sdk_names: Vec<&str> = sdk.keys().copied().collect();
    inferred::judge(&d.fields, &sdk_names, &mut cx.figures.inferred);
    let names: BTreeSet<&str> = docs.keys().chain(sdk.keys()).copied().collect();
    for name in names {
        match (docs.get(name), sdk.get(name)) {
            (Some(f), Some(g)) => {
                cx.figures.model_fields.add(true);
                field_values(cx, f, g, tag.clone());
            }
            (Some(f), None) => {
                cx.figures.model_fields.add(false);
                let row = row_at(cx.pages, &f.source, name);
                let vals = (describe(f), "-".into(), page_has(row.as_ref()));
                let listed_here = files
                    .iter()
                    .any(|p| cx.pages.get(p).model(&d.name).any(|r| r.name == name));
                let by_line = row_on_line(cx.pages, &f.source);
                let judged = match (inferred::docs_only(f, by_line.as_ref()), row.as_ref()) {
                    (Some(example), _) => example,
                    (None, Some(_)) if !listed_here => {
                        merged_field(cx.pages, &d.name, files, &f.source)
                    }
                    (None, r) => listed(r, "model"),
                };
                cx.diff("model-field", name, tag.clone(), vals, &f.source, judged);
            }
            (None, Some(g)) => {
                cx.figures.model_fields.add(false);
                let row = model_row(cx.pages, d, files, name);
                let vals = ("-".into(), g.go_type.clone(), page_has(row.as_ref()));
                let source = d.sources.first().cloned().unwrap_or_default();
                cx.diff(
                    "model-field",
                    name,
                    tag.clone(),
                    vals,
                    &source,
                    inferred::sdk_only(name, &d.fields)
                        .unwrap_or_else(|| unlisted(row.as_ref(), "model")),
                );
            }
            (None, None) => {}
        }
    }
}

/// A field the spec's model has from another page's table of the same name. Merging is right
/// when that table is an extension of the reaching page's (it has all of its fields): then
/// the other page's table says so. Otherwise the generator merged two different models.
fn merged_field(
    pages: &mut Pages,
    model: &str,
    files: &BTreeSet<String>,
    source: &Span,
) -> (Blame, String) {
    let other = source.file.as_str();
    let theirs: BTreeSet<String> = pages
        .get(other)
        .model(model)
        .map(|r| r.name.clone())
        .collect();
    let extends = files.iter().find(|f| {
        let ours: BTreeSet<String> = pages.get(f).model(model).map(|r| r.name.clone()).collect();
        !ours.is_empty() && ours.is_subset(&theirs)
    });
    match extends {
        Some(f) => (
            Blame::Page,
            format!("the `{model}` table of {other} lists it; it has every field of the `{model}` table of {f}, so the two are one model"),
        ),
        None => (
            Blame::Generator,
            format!("merged in from {source}, whose `{model}` table is not an extension of the one on the pages that reach this SDK model"),
        ),
    }
}

/// A row named `name` in any table headed like the model, on any page that defines the model
/// or reaches it.
fn model_row(pages: &mut Pages, d: &Model, files: &BTreeSet<String>, name: &str) -> Option<Row> {
    let defining = d.sources.iter().map(|s| s.file.clone());
    let all: BTreeSet<String> = defining.chain(files.iter().cloned()).collect();
    all.iter().find_map(|file| {
        pages
            .get(file)
            .model(&d.name)
            .find(|r| r.name == name)
            .cloned()
    })
}

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
        let dir =
            std::env::temp_dir().join(format!("fidelity-{}-{:p}", std::process::id(), &spoil));
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
