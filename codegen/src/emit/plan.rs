//! Names for everything one product module declares, decided before any code is written so
//! that collisions are resolved in one place and in a fixed order: models first (they keep
//! their page names), then each action's request, response and nested request types.

use super::names::{self, Namer};
use crate::diag::Diagnostics;
use crate::spec::{Action, FieldType, Model, ParamNode, Service, Span};
use std::collections::BTreeMap;

pub struct Plan {
    pub module: String,
    pub client: String,
    pub models: BTreeMap<String, String>,
    pub actions: Vec<ActionNames>,
}

pub struct ActionNames {
    pub method: String,
    /// `Some` when the action can be paged (see [`pagination`]).
    pub stream_method: Option<String>,
    pub request: String,
    pub response: String,
    /// Nested request struct names by path of segments (`["Disks"]`, `["NetworkInterface", "EIP"]`).
    pub nested: BTreeMap<Vec<String>, String>,
}

/// How an action is paged: request `Offset`/`Limit` ints, response `TotalCount` and one list.
pub struct Pagination<'a> {
    pub list_field: &'a crate::spec::Field,
}

pub fn pagination(action: &Action) -> Option<Pagination<'_>> {
    let int_param = |name: &str| {
        action.request_tree.iter().any(|n| {
            n.name == name && !n.list && n.ty == Some(crate::spec::Scalar::Int) && !n.required
        })
    };
    if !int_param("Offset") || !int_param("Limit") {
        return None;
    }
    let total = action.response.iter().any(|f| {
        f.name == "TotalCount" && !f.array && f.ty == FieldType::Scalar(crate::spec::Scalar::Int)
    });
    let mut lists = action.response.iter().filter(|f| f.array);
    match (total, lists.next(), lists.next()) {
        (true, Some(list_field), None) => Some(Pagination { list_field }),
        _ => None,
    }
}

pub fn plan(svc: &Service, diags: &mut Diagnostics) -> Plan {
    let mut types = Namer::default();
    let module = names::module(&svc.name);
    let (client, _) = types.claim(format!("{}Client", names::type_name(&svc.name)), "");
    let mut models = BTreeMap::new();
    for m in &svc.models {
        let name = claim_type(&mut types, &m.name, &m.sources[0], diags);
        models.insert(m.name.clone(), name);
    }
    let mut methods = Namer::default();
    methods.claim("with_options".into(), "_");
    // Each action's static is its method name in capitals; `PRODUCT` is the module's
    // product-name constant.
    methods.claim("product".into(), "_");
    let mut actions = Vec::new();
    for a in &svc.actions {
        let (method, renamed) = methods.claim(names::field(&a.name), "_");
        if renamed {
            diags.warn_at(
                "name-collision",
                &a.source,
                format!(
                    "action {} gets method name {method}: its snake-case name is taken",
                    a.name
                ),
            );
        }
        let stream_method = pagination(a).map(|_| methods.claim(format!("{method}_stream"), "_").0);
        let request = claim_type(&mut types, &format!("{}Request", a.name), &a.source, diags);
        let response = claim_type(&mut types, &format!("{}Response", a.name), &a.source, diags);
        let mut nested = BTreeMap::new();
        let mut path = Vec::new();
        nested_names(
            &a.request_tree,
            &a.name,
            &mut path,
            &mut nested,
            &mut types,
            &a.source,
            diags,
        );
        actions.push(ActionNames {
            method,
            stream_method,
            request,
            response,
            nested,
        });
    }
    Plan {
        module,
        client,
        models,
        actions,
    }
}

/// Names a product module cannot have: cargo features of their own, the crate root's other
/// items, and the methods of `Client` (the module name is also the product's accessor on it,
/// and the runtime client's methods are reached through `Deref`).
const TAKEN_MODULES: &[&str] = &[
    "full",
    "default",
    "testing",
    "runtime",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "ucloud_sdk_runtime",
    "new",
    "from_env",
    "config",
    "options",
    "with_options",
    "call",
    "call_with_meta",
    "send",
    "send_with_meta",
    "invoke",
    "invoke_with_meta",
    "paginate",
];

/// Products whose names differ only in case or punctuation (`a-b`, `a_b`, `A-B`) would get
/// one module, one file and one cargo feature: the later ones (in name order) get `a_b_2`, …
/// with a warning. So does a product whose name is taken (see `TAKEN_MODULES`).
pub fn unique_modules(services: &[Service], plans: &mut [Plan], diags: &mut Diagnostics) {
    let mut modules = Namer::default();
    for taken in TAKEN_MODULES {
        modules.claim(taken.to_string(), "_");
    }
    for (svc, plan) in services.iter().zip(plans) {
        let (module, renamed) = modules.claim(plan.module.clone(), "_");
        if renamed {
            let at = svc
                .actions
                .first()
                .map_or_else(|| Span::new(svc.folder.as_str(), 0), |a| a.source.clone());
            diags.warn_at(
                "name-collision",
                &at,
                format!(
                    "product {} ({}) gets module and feature {module}: {} is taken by another product or feature",
                    svc.name, svc.folder, plan.module
                ),
            );
            plan.module = module;
        }
    }
}

fn claim_type(types: &mut Namer, wire: &str, source: &Span, diags: &mut Diagnostics) -> String {
    let wanted = names::type_name(wire);
    let (name, renamed) = types.claim(wanted.clone(), "");
    if renamed {
        diags.warn_at(
            "name-collision",
            source,
            format!("type name {wanted} (from {wire}) is taken in this product; using {name}"),
        );
    }
    name
}

fn nested_names(
    nodes: &[ParamNode],
    action: &str,
    path: &mut Vec<String>,
    out: &mut BTreeMap<Vec<String>, String>,
    types: &mut Namer,
    source: &Span,
    diags: &mut Diagnostics,
) {
    for n in nodes.iter().filter(|n| n.ty.is_none()) {
        path.push(n.name.clone());
        let wire = format!("{action}{}", path.concat());
        let name = claim_type(types, &wire, source, diags);
        out.insert(path.clone(), name);
        nested_names(&n.children, action, path, out, types, source, diags);
        path.pop();
    }
}

/// Whether a non-list field of `from` pointing at `to` needs a `Box`: `to` leads back to
/// `from` through non-list model fields, so the struct would otherwise be infinitely large.
pub fn needs_box(models: &[Model], from: &str, to: &str) -> bool {
    let mut stack = vec![to.to_string()];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(m) = stack.pop() {
        if m == from {
            return true;
        }
        if !seen.insert(m.clone()) {
            continue;
        }
        if let Some(model) = models.iter().find(|x| x.name == m) {
            for f in model.fields.iter().filter(|f| !f.array) {
                if let FieldType::Model(next) = &f.ty {
                    stack.push(next.clone());
                }
            }
        }
    }
    false
}
