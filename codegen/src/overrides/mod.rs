//! Corrections for known documentation errors, applied to the resolved spec model.
//!
//! The file (`specs/overrides.json`; format in `docs/overrides.md`) is either a JSON list of
//! entries or an object `{ "_doc": "...", "overrides": [ ... ] }`. An entry names one request
//! parameter, response field or model field and sets its `type` and/or `required`:
//!
//! ```json
//! { "product": "uhost", "action": "CreateUHostInstance", "model": null,
//!   "field": "Disks.N.Size", "type": "int", "required": true,
//!   "reason": "the page says string; the API takes an integer" }
//! ```
//!
//! - `product` is the service name (`uhost`) or its folder (`uhost-api`);
//! - with `action`, `field` is a request wire name (`Disks.N.Size`) or a response field name;
//!   when both exist, `"in": "request"` or `"in": "response"` says which;
//! - with `model` (and no `action`), `field` is a field of that model;
//! - `type` is `string`, `int`, `float`, `bool` or `any`, and for response and model fields
//!   also `model:Name` or `array[...]` of those;
//! - `reason` says why, for the reader of the file.
//!
//! Every value an entry changes is recorded in the `overridden` list of the parameter or
//! field. An entry that matches nothing is an error naming the entry's line in the file; an
//! entry that changes nothing (the page has been fixed) is a warning.
//!
//! An entry with `"exclude": true` leaves something out instead ([`Target`]): a `page` or an
//! `action` (applied to the parsed pages by [`crate::exclude`]), or, with `field`, a field
//! inferred from a response example (applied here; a field of the tables cannot be
//! excluded).

mod facts;

pub use facts::apply_facts;

use crate::diag::Diagnostics;
use crate::spec::{Field, FieldType, Param, Scalar, Service, Span, Spec};
use serde::Deserialize;
use serde_json::Value;

/// One entry of the overrides file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub product: String,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    /// A page of the product (`uhost-api/foo.md` or `foo.md`), only with `exclude`.
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    /// `request` or `response`, only needed when an action has both with this name.
    #[serde(default, rename = "in")]
    pub side: Option<String>,
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub required: Option<bool>,
    /// `true`: leave the page, the action or the (inferred) field out; see [`Target`].
    #[serde(default)]
    pub exclude: Option<bool>,
    /// `true`: add the request parameter `field`, which the page does not list (with its
    /// `type` and `required`); see [`Target::Add`].
    #[serde(default)]
    pub add: Option<bool>,
    /// The field's documented values: `false` (not an enumeration), or a list of values
    /// (`"Year"`, or `{"value": "Year", "doc": "按年"}`); see `overrides::facts`.
    #[serde(default, rename = "enum")]
    pub enumeration: Option<Value>,
    /// The name of the field's enum type (`"RuleConditionType"`): pins it against renames,
    /// and fields pinned to one name share one type; see `facts::enums::group`.
    #[serde(default)]
    pub enum_type: Option<String>,
    /// The field is (or is not) a secret.
    #[serde(default)]
    pub sensitive: Option<bool>,
    /// The request parameter is (or is not) sent base64-encoded.
    #[serde(default)]
    pub base64: Option<bool>,
    /// The field (or with `action` and no `field`, the action) is (or is not) deprecated.
    #[serde(default)]
    pub deprecated: Option<bool>,
    /// With `action` and no `field`: the action does (or does not) only read state.
    #[serde(default)]
    pub read_only: Option<bool>,
    /// With `action` and no `field`: `false` (no waiter), or the waiter's description
    /// (`{"id_param", "ids", "list", "model", "id_field", "state_field", "states"}`).
    #[serde(default)]
    pub waiter: Option<Value>,
    pub reason: String,
    /// 1-based line of the entry in the file, for diagnostics.
    #[serde(skip)]
    pub line: usize,
}

/// The entries of a file, or the diagnostics that say why the file is unusable.
pub fn parse(file: &str, text: &str, diags: &mut Diagnostics) -> Vec<Override> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.error(
                "bad-overrides",
                file,
                e.line(),
                format!("not valid JSON: {e}"),
            );
            return Vec::new();
        }
    };
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut o) => match o.remove("overrides") {
            Some(Value::Array(items)) => items,
            _ => {
                diags.error(
                    "bad-overrides",
                    file,
                    1,
                    "expected a list of overrides, or an object with an `overrides` list",
                );
                return Vec::new();
            }
        },
        _ => {
            diags.error("bad-overrides", file, 1, "expected a list of overrides");
            return Vec::new();
        }
    };
    let lines = entry_lines(text);
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(0);
        match serde_json::from_value::<Override>(item) {
            Ok(mut o) => {
                o.line = line;
                if let Err(msg) = check(&o) {
                    diags.error("bad-override", file, line, msg);
                } else {
                    out.push(o);
                }
            }
            Err(e) => diags.error("bad-override", file, line, format!("entry {}: {e}", i + 1)),
        }
    }
    out
}

/// What an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// `"page": …, "exclude": true`: generate without this page.
    ExcludePage(&'a str),
    /// `"action": …, "exclude": true` and no field: generate without the action.
    ExcludeAction(&'a str),
    /// `"field": …, "exclude": true`: drop a field inferred from a response example.
    ExcludeField(&'a str),
    /// `"field": …` with `type`, `required` or a fact: correct a parameter or field.
    Correct(&'a str),
    /// `"action": …` and no field, with `read_only` or `deprecated`: correct the action.
    Action(&'a str),
    /// `"field": …, "add": true`: add a request parameter the page does not list.
    Add(&'a str),
}

impl Override {
    /// What the entry is about; entries that pass [`parse`]'s checks have exactly one.
    pub fn target(&self) -> Target<'_> {
        if let (Some(true), Some(field)) = (self.add, &self.field) {
            return Target::Add(field);
        }
        match (self.exclude, &self.page, &self.field, &self.action) {
            (Some(true), Some(page), _, _) => Target::ExcludePage(page),
            (Some(true), None, Some(field), _) => Target::ExcludeField(field),
            (Some(true), None, None, Some(action)) => Target::ExcludeAction(action),
            (None, None, None, Some(action)) => Target::Action(action),
            (_, _, field, _) => Target::Correct(field.as_deref().unwrap_or("")),
        }
    }
}

/// Checks an entry on its own, before looking for what it matches.
fn check(o: &Override) -> Result<(), String> {
    if o.reason.trim().is_empty() {
        return Err(format!(
            "{}: `reason` is empty; say why the page is wrong",
            o.label()
        ));
    }
    match (o.exclude, o.add) {
        (Some(false), _) => return Err(format!("{}: `exclude` is `true` or absent", o.label())),
        (_, Some(false)) => return Err(format!("{}: `add` is `true` or absent", o.label())),
        (Some(true), Some(true)) => {
            return Err(format!(
                "{}: an entry adds or excludes, not both",
                o.label()
            ))
        }
        (Some(true), None) => return check_exclusion(o),
        (None, Some(true)) => return check_addition(o),
        (None, None) => {}
    }
    if o.page.is_some() {
        return Err(format!(
            "{}: `page` names a page to leave out, with `\"exclude\": true`",
            o.label()
        ));
    }
    if o.field.is_none() {
        if o.action.is_some() && o.model.is_none() && !o.sets_field() && o.sets_action() {
            return Ok(());
        }
        return Err(format!(
            "{}: names no `field` (to leave a page or an action out, add `\"exclude\": true`; an action's own facts are `read_only` and `deprecated`)",
            o.label()
        ));
    }
    if o.read_only.is_some() || o.waiter.is_some() {
        return Err(format!(
            "{}: `read_only` and `waiter` are facts of an action: give `action` and no `field`",
            o.label()
        ));
    }
    if o.action.is_some() == o.model.is_some() {
        return Err(format!(
            "{}: give exactly one of `action` and `model`",
            o.label()
        ));
    }
    if !o.sets_field() {
        return Err(format!(
            "{}: sets nothing: give `type`, `required`, `enum`, `sensitive`, `base64` or `deprecated`",
            o.label()
        ));
    }
    facts::check(o).map_err(|e| format!("{}: {e}", o.label()))?;
    if let Some(t) = &o.ty {
        if field_type(t).is_none() {
            return Err(format!("{}: unknown type {t:?}", o.label()));
        }
    }
    match (o.side.as_deref(), &o.model) {
        (None, _) | (Some("request" | "response"), None) => Ok(()),
        _ => Err(format!(
            "{}: `in` is `request` or `response`, and only with `action`",
            o.label()
        )),
    }
}

/// An exclusion names a page, an action, or a field of an action or model, and sets nothing.
fn check_exclusion(o: &Override) -> Result<(), String> {
    if o.sets_field() || o.sets_action() || o.side.is_some() {
        return Err(format!(
            "{}: an exclusion leaves something out and sets nothing (`type`, `required`, `in`)",
            o.label()
        ));
    }
    let ok = matches!(
        (&o.page, &o.action, &o.model, &o.field),
        (Some(_), None, None, None) | (None, Some(_), None, _) | (None, None, Some(_), Some(_))
    );
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{}: an exclusion names a `page`, an `action`, or a `field` of an action or a model",
            o.label()
        ))
    }
}

/// An addition names a request parameter of an action and gives its scalar `type` and its
/// `required` flag; facts (`enum`, `sensitive`, `base64`, `deprecated`) may follow.
fn check_addition(o: &Override) -> Result<(), String> {
    let label = o.label();
    if o.action.is_none() || o.model.is_some() || o.page.is_some() || o.field.is_none() {
        return Err(format!(
            "{label}: an addition names an `action` and the request parameter's wire name in `field`"
        ));
    }
    if o.side.as_deref().is_some_and(|side| side != "request") {
        return Err(format!("{label}: only request parameters can be added"));
    }
    match (&o.ty, o.required) {
        (Some(t), Some(_)) if Scalar::from_name(t).is_some() => {}
        (Some(t), Some(_)) => {
            return Err(format!(
                "{label}: an added parameter takes a scalar type (string, int, float, bool, any), not {t:?}"
            ))
        }
        _ => return Err(format!("{label}: an added parameter needs a `type` and `required`")),
    }
    if o.read_only.is_some() || o.waiter.is_some() {
        return Err(format!(
            "{label}: `read_only` and `waiter` are facts of an action"
        ));
    }
    facts::check(o).map_err(|e| format!("{label}: {e}"))
}

/// `array[model:X]` → (model X, list).
fn field_type(t: &str) -> Option<(FieldType, bool)> {
    match t.strip_prefix("array[").and_then(|r| r.strip_suffix(']')) {
        Some(inner) => FieldType::parse(inner).map(|f| (f, true)),
        None => FieldType::parse(t).map(|f| (f, false)),
    }
}

impl Override {
    /// `override of uhost/CreateUHostInstance Disks.N.Size`, for messages.
    pub fn label(&self) -> String {
        if let Some(page) = &self.page {
            return format!("exclusion of {}/{page}", self.product);
        }
        let owner = self
            .action
            .as_deref()
            .or(self.model.as_deref())
            .unwrap_or("?");
        let what = if self.exclude == Some(true) {
            "exclusion"
        } else if self.add == Some(true) {
            "addition"
        } else {
            "override"
        };
        match &self.field {
            Some(field) => format!("{what} of {}/{owner} {field}", self.product),
            None => format!("{what} of {}/{owner}", self.product),
        }
    }

    /// Whether the entry sets a type or required flag (applied before the facts are
    /// decided).
    pub fn sets_shape(&self) -> bool {
        self.ty.is_some() || self.required.is_some()
    }

    /// Whether it sets anything of a parameter or field.
    fn sets_field(&self) -> bool {
        self.sets_shape()
            || self.enumeration.is_some()
            || self.enum_type.is_some()
            || self.sensitive.is_some()
            || self.base64.is_some()
            || self.deprecated.is_some()
    }

    /// Whether it sets anything of an action.
    fn sets_action(&self) -> bool {
        self.read_only.is_some() || self.deprecated.is_some() || self.waiter.is_some()
    }

    /// The product's name without `-api` (`uhost`).
    pub fn product_name(&self) -> &str {
        self.product.strip_suffix("-api").unwrap_or(&self.product)
    }
}

/// The line each entry starts on: the `{` of every object directly inside a list. `_doc`
/// holds only strings, so these are exactly the entries, in order.
fn entry_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut stack: Vec<char> = Vec::new();
    let (mut line, mut in_str, mut escaped) = (1, false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_str {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => {
                if c == '{' && stack.last() == Some(&'[') {
                    lines.push(line);
                }
                stack.push(c);
            }
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    lines
}

/// Applies every entry to `spec`; `file` names the overrides file in diagnostics.
pub fn apply(spec: &mut Spec, overrides: &[Override], file: &str, diags: &mut Diagnostics) {
    for o in overrides {
        let field = match o.target() {
            // Applied to the pages before resolving (see `crate::exclude`), or facts,
            // applied once they are decided (`apply_facts`).
            Target::ExcludePage(_) | Target::ExcludeAction(_) | Target::Action(_) => continue,
            Target::Add(field) => {
                let result = spec
                    .services
                    .iter_mut()
                    .find(|s| s.name == o.product_name())
                    .ok_or_else(|| unmatched(format!("no product `{}` among the pages", o.product)))
                    .and_then(|svc| add_param(svc, field, o, file));
                match result {
                    Ok(_) => {}
                    Err(miss) => miss.report(o, file, diags),
                }
                continue;
            }
            Target::Correct(_) if !o.sets_shape() => continue,
            Target::ExcludeField(f) | Target::Correct(f) => f,
        };
        let product = o.product_name();
        let result = match spec.services.iter_mut().find(|s| s.name == product) {
            None => Err(unmatched(format!(
                "no product `{}` among the pages",
                o.product
            ))),
            Some(svc) => apply_entry(svc, field, o),
        };
        match result {
            Ok(Applied::Removed(at)) => {
                // The field's `inferred-field` warning is answered: keep it as info.
                for d in diags.items.iter_mut().filter(|d| {
                    d.kind == "inferred-field" && d.file == at.file && d.line == at.line
                }) {
                    d.severity = crate::diag::Severity::Info;
                    d.message = format!("{} — rejected by {file}:{}", d.message, o.line);
                }
            }
            Ok(Applied::Changed) => {}
            Ok(Applied::Unchanged) => redundant(o, file, diags, "the page already says this"),
            Err(miss) => miss.report(o, file, diags),
        }
    }
    for svc in &mut spec.services {
        crate::infer::drop_unused_models(svc);
    }
}

/// What an entry did.
enum Applied {
    Changed,
    /// The values it sets are the page's already.
    Unchanged,
    /// It removed the inferred field whose key is at this place of an example.
    Removed(Span),
}

impl From<bool> for Applied {
    fn from(changed: bool) -> Applied {
        if changed {
            Applied::Changed
        } else {
            Applied::Unchanged
        }
    }
}

/// Why an entry was not applied.
enum Miss {
    /// Nothing has the names it gives (`unmatched-override`).
    Unmatched(String),
    /// What it matches cannot take its value (`bad-override`).
    Bad(String),
}

impl Miss {
    /// Reports why entry `o` of `file` was not applied.
    fn report(self, o: &Override, file: &str, diags: &mut Diagnostics) {
        let (kind, msg) = match self {
            Miss::Unmatched(msg) => ("unmatched-override", msg),
            Miss::Bad(msg) => ("bad-override", msg),
        };
        diags.error(kind, file, o.line, format!("{}: {msg}", o.label()));
    }
}

/// Warns that entry `o` changes nothing (`what` says why), so it can go.
fn redundant(o: &Override, file: &str, diags: &mut Diagnostics, what: &str) {
    diags.warn(
        "redundant-override",
        file,
        o.line,
        format!("{}: {what}; the entry can be removed", o.label()),
    );
}

fn unmatched(msg: impl Into<String>) -> Miss {
    Miss::Unmatched(msg.into())
}

/// Where an entry's `field` is in a product.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// Request parameter `.1` of action `.0`.
    Param(usize, usize),
    /// Response field `.1` of action `.0`.
    Response(usize, usize),
    /// Field `.1` of model `.0`.
    Model(usize, usize),
}

/// Finds the parameter or field an entry names (`field`, with its `action` or `model`).
fn locate(svc: &Service, o: &Override, field: &str) -> Result<Place, Miss> {
    if let Some(model) = &o.model {
        let m = svc
            .models
            .iter()
            .position(|m| m.name == *model)
            .ok_or_else(|| unmatched(format!("no model `{model}` in this product")))?;
        let f = svc.models[m]
            .fields
            .iter()
            .position(|f| f.name == field)
            .ok_or_else(|| unmatched(format!("model `{model}` has no field `{field}`")))?;
        return Ok(Place::Model(m, f));
    }
    let action = o.action.as_deref().unwrap_or_default();
    let i = svc
        .actions
        .iter()
        .position(|a| a.name == action)
        .ok_or_else(|| unmatched(format!("no action `{action}` in this product")))?;
    let a = &svc.actions[i];
    let in_request = a.request.iter().position(|p| p.wire_name == field);
    let in_response = a.response.iter().position(|f| f.name == field);
    match (o.side.as_deref(), in_request, in_response) {
        (None, Some(_), Some(_)) => Err(Miss::Bad(
            "both a request parameter and a response field have this name; add \
             `\"in\": \"request\"` or `\"in\": \"response\"`"
                .into(),
        )),
        (None | Some("request"), Some(p), _) => Ok(Place::Param(i, p)),
        (None | Some("response"), _, Some(f)) => Ok(Place::Response(i, f)),
        _ => Err(unmatched(
            "matches no request parameter or response field of the action",
        )),
    }
}

/// `Ok(changed)`, or why the entry was not applied: its `type` and `required`, or, with
/// `exclude`, the removal of an inferred field.
fn apply_entry(svc: &mut Service, field: &str, o: &Override) -> Result<Applied, Miss> {
    let models: Vec<String> = svc.models.iter().map(|m| m.name.clone()).collect();
    if o.exclude == Some(true) {
        // Only response and model fields are inferred, so an action's field is a response
        // field, even where a request parameter has the same name (an echoed one).
        let response = Override {
            side: Some("response".into()),
            ..o.clone()
        };
        return match locate(svc, &response, field)? {
            Place::Response(a, _) => exclude_field(
                &mut svc.actions[a].response,
                field,
                "response field of the action",
            ),
            Place::Model(m, _) => {
                let what = format!("field of model `{}`", svc.models[m].name);
                exclude_field(&mut svc.models[m].fields, field, &what)
            }
            Place::Param(..) => Err(unmatched("no response field of the action has this name")),
        };
    }
    match locate(svc, o, field)? {
        Place::Param(a, p) => {
            let a = &mut svc.actions[a];
            let changed = set_param(&mut a.request[p], o).map_err(Miss::Bad)?;
            // The tree's leaf types and required flags come from the parameters.
            a.request_tree = crate::parse::request_tree(&a.request);
            Ok(changed.into())
        }
        Place::Response(a, f) => set_field(&mut svc.actions[a].response[f], o, &models)
            .map(Applied::from)
            .map_err(Miss::Bad),
        Place::Model(m, f) => set_field(&mut svc.models[m].fields[f], o, &models)
            .map(Applied::from)
            .map_err(Miss::Bad),
    }
}

/// Adds the request parameter `field` of the entry's action, which the page does not list:
/// its type and required flag are the entry's, its description says where it came from,
/// and `overridden` says `added`. A page that lists it already makes the entry an error
/// (correct the page's parameter instead, or remove the entry).
fn add_param(svc: &mut Service, field: &str, o: &Override, file: &str) -> Result<Applied, Miss> {
    let action = o.action.as_deref().unwrap_or_default();
    let a = svc
        .actions
        .iter_mut()
        .find(|a| a.name == action)
        .ok_or_else(|| unmatched(format!("no action `{action}` in this product")))?;
    if let Some(p) = a.request.iter().find(|p| p.wire_name == field) {
        return Err(Miss::Bad(format!(
            "the page lists `{field}` (line {}): the entry can go, or correct the parameter with `type` or `required` instead",
            p.source.line
        )));
    }
    let ty =
        o.ty.as_deref()
            .and_then(Scalar::from_name)
            .unwrap_or(Scalar::String);
    a.request.push(Param {
        wire_name: field.to_string(),
        ty,
        required: o.required.unwrap_or(false),
        common: crate::spec::COMMON_PARAMS.contains(&field),
        base64: false,
        description: format!("Not on the page; added by the overrides file: {}", o.reason),
        source: Span::new(file, o.line),
        from_model: None,
        overridden: vec!["added".to_string()],
        facts: Default::default(),
    });
    a.request_tree = crate::parse::request_tree(&a.request);
    Ok(Applied::Changed)
}

/// Removes a field inferred from a response example. A field of the page's tables is not
/// removed: that would hide what the page says; an override corrects it instead.
fn exclude_field(fields: &mut Vec<Field>, name: &str, what: &str) -> Result<Applied, Miss> {
    let i = fields
        .iter()
        .position(|f| f.name == name)
        .ok_or_else(|| unmatched(format!("no {what} is named `{name}`")))?;
    if fields[i].inferred.is_none() {
        return Err(Miss::Bad(format!(
            "`{name}` is in the page's table (line {}), not inferred from an example; only inferred fields can be excluded (correct its `type` or `required` instead)",
            fields[i].source.line
        )));
    }
    let removed = fields.remove(i);
    Ok(Applied::Removed(removed.inferred.unwrap_or(removed.source)))
}

fn set_param(p: &mut Param, o: &Override) -> Result<bool, String> {
    let mut changed = false;
    if let Some(t) = &o.ty {
        let ty = Scalar::from_name(t)
            .ok_or_else(|| format!("request parameters take a scalar type, not {t:?}"))?;
        changed |= record(&mut p.overridden, "type", p.ty != ty);
        p.ty = ty;
    }
    if let Some(r) = o.required {
        changed |= record(&mut p.overridden, "required", p.required != r);
        p.required = r;
    }
    Ok(changed)
}

fn set_field(f: &mut Field, o: &Override, models: &[String]) -> Result<bool, String> {
    let mut changed = false;
    if let Some(t) = &o.ty {
        let (ty, array) = field_type(t).ok_or_else(|| format!("unknown type {t:?}"))?;
        if let FieldType::Model(m) = &ty {
            if !models.contains(m) {
                return Err(format!(
                    "type {t:?} names a model the product does not define"
                ));
            }
        }
        changed |= record(&mut f.overridden, "type", f.ty != ty || f.array != array);
        f.ty = ty;
        f.array = array;
    }
    if let Some(r) = o.required {
        changed |= record(&mut f.overridden, "required", f.required != r);
        f.required = r;
    }
    Ok(changed)
}

/// Notes `what` as overridden when the entry changes it.
fn record(list: &mut Vec<String>, what: &str, changes: bool) -> bool {
    if changes && !list.iter().any(|w| w == what) {
        list.push(what.to_string());
    }
    changes
}
