//! The overrides file's format: its entries ([`Override`]) as serde reads them, what each is
//! about ([`Target`]), and the checks an entry must pass on its own, before anything is
//! matched. Applying them is [`super::apply`] (shapes and exclusions of fields),
//! [`super::facts`] (decided facts) and [`crate::exclude`] (pages and actions).

use crate::diag::Diagnostics;
use crate::spec::{EnumValue, Enumeration, FieldType, Scalar, Waiter};
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
    check_facts(o).map_err(|e| format!("{}: {e}", o.label()))?;
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
    check_facts(o).map_err(|e| format!("{label}: {e}"))
}

/// `array[model:X]` → (model X, list).
pub(super) fn field_type(t: &str) -> Option<(FieldType, bool)> {
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

/// Checks the fact values of an entry on their own.
fn check_facts(o: &Override) -> Result<(), String> {
    if let Some(v) = &o.waiter {
        waiter(v)?;
    }
    if let Some(name) = &o.enum_type {
        let ident = name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !ident {
            return Err(format!(
                "`enum_type` {name:?} is not a type name (an ASCII capital, then letters and digits)"
            ));
        }
    }
    match &o.enumeration {
        None | Some(Value::Bool(false)) => Ok(()),
        Some(v) => enumeration(v).map(drop),
    }
}

/// The waiter a `waiter` value sets (`None` for `false`).
pub(super) fn waiter(v: &Value) -> Result<Option<Waiter>, String> {
    match v {
        Value::Bool(false) => Ok(None),
        Value::Object(_) => serde_json::from_value(v.clone())
            .map(Some)
            .map_err(|e| format!("`waiter`: {e}")),
        _ => Err("`waiter` is `false` or a waiter's description (see docs/overrides.md)".into()),
    }
}

/// The enumeration an `enum` value sets (`None` for `false`).
pub(super) fn enumeration(v: &Value) -> Result<Option<Enumeration>, String> {
    let items = match v {
        Value::Bool(false) => return Ok(None),
        Value::Array(items) if !items.is_empty() => items,
        _ => {
            return Err(
                "`enum` is `false` or a non-empty list of values (strings, or {\"value\", \"doc\"} objects)"
                    .into(),
            )
        }
    };
    let values = items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(EnumValue {
                value: s.clone(),
                doc: String::new(),
            }),
            Value::Object(o) => match (o.get("value"), o.get("doc")) {
                (Some(Value::String(value)), None | Some(Value::String(_))) => Ok(EnumValue {
                    value: value.clone(),
                    doc: o
                        .get("doc")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                }),
                _ => Err(format!(
                    "enum value {item}: give `value` (and `doc`) as strings"
                )),
            },
            other => Err(format!("enum value {other}: a string or an object")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Enumeration {
        values,
        source: "specs/overrides.json".into(),
        reference: None,
    }))
}
