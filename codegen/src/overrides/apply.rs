//! Applying the corrections of types and required flags, the additions and the exclusions
//! of inferred fields to the resolved spec (before the facts are decided; see
//! [`super::facts`] for the facts' corrections).

use super::format::{field_type, Override, Target};
use crate::diag::{kind, Diagnostics};
use crate::spec::{Field, FieldType, Param, Scalar, Service, Span, Spec};

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
                    d.kind == kind::INFERRED_FIELD && d.file == at.file && d.line == at.line
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
        svc.drop_unused_models();
    }
}

/// What an entry did.
pub(super) enum Applied {
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
pub(super) enum Miss {
    /// Nothing has the names it gives (`unmatched-override`).
    Unmatched(String),
    /// What it matches cannot take its value (`bad-override`).
    Bad(String),
}

impl Miss {
    /// Reports why entry `o` of `file` was not applied.
    pub(super) fn report(self, o: &Override, file: &str, diags: &mut Diagnostics) {
        let (kind, msg) = match self {
            Miss::Unmatched(msg) => (kind::UNMATCHED_OVERRIDE, msg),
            Miss::Bad(msg) => ("bad-override", msg),
        };
        diags.error(kind, file, o.line, format!("{}: {msg}", o.label()));
    }
}

/// Warns that entry `o` changes nothing (`what` says why), so it can go.
pub(super) fn redundant(o: &Override, file: &str, diags: &mut Diagnostics, what: &str) {
    diags.warn(
        "redundant-override",
        file,
        o.line,
        format!("{}: {what}; the entry can be removed", o.label()),
    );
}

pub(super) fn unmatched(msg: impl Into<String>) -> Miss {
    Miss::Unmatched(msg.into())
}

/// Where an entry's `field` is in a product.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    /// Request parameter `.1` of action `.0`.
    Param(usize, usize),
    /// Response field `.1` of action `.0`.
    Response(usize, usize),
    /// Field `.1` of model `.0`.
    Model(usize, usize),
}

/// Finds the parameter or field an entry names (`field`, with its `action` or `model`).
pub(super) fn locate(svc: &Service, o: &Override, field: &str) -> Result<Place, Miss> {
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
            a.rebuild_request_tree();
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
    a.rebuild_request_tree();
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
pub(super) fn record(list: &mut Vec<String>, what: &str, changes: bool) -> bool {
    if changes && !list.iter().any(|w| w == what) {
        list.push(what.to_string());
    }
    changes
}
