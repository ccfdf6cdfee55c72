//! The public Rust API one spec model generates, by the names the generator gives (the emit
//! plan): per product feature, its action methods, its structs and their fields with their
//! Rust types, and its open enums. Two of these are compared, not the pages, so a verdict is
//! about what a user's code can see.

use crate::diag::Diagnostics;
use crate::emit::plan::{self, FieldNames, Plan, StructNames};
use crate::emit::types::Elem;
use crate::spec::{FieldType, ParamNode, Scalar, Service, Spec};
use std::collections::BTreeMap;

/// Product feature (module) → its API.
pub type Surface = BTreeMap<String, Product>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Product {
    /// Method name → the action it calls.
    pub actions: BTreeMap<String, ActionApi>,
    /// Type name → struct.
    pub structs: BTreeMap<String, StructApi>,
    /// Enum name → variant name → wire value.
    pub enums: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionApi {
    /// The wire name (`DescribeUHostInstance`).
    pub action: String,
    pub deprecated: bool,
    /// The `*_stream` method of a paged action.
    pub stream: Option<String>,
    /// The `wait_until_*` method of an action with a waiter.
    pub waiter: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StructKind {
    /// A request or one of its nested parameter structs: required fields are constructor
    /// arguments, optional ones setters.
    Request,
    /// A response or a data model: every field is an `Option` or a `Vec`.
    Response,
    Model,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructApi {
    pub kind: StructKind,
    /// The method of the action a request or response struct belongs to (`None` for models).
    pub owner: Option<String>,
    /// Field name → field.
    pub fields: BTreeMap<String, FieldApi>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldApi {
    pub wire: String,
    /// The Rust type without the `Option` a field that may be left out has (`Vec<Disks>`,
    /// `ChargeType`, `i64`).
    pub ty: String,
    /// For request fields: a constructor argument (in `new` or the `…Required` struct). For
    /// response and model fields: what the page says (the Rust type is an `Option` anyway).
    pub required: bool,
}

/// The API of every product of `spec`, planned exactly as `emit::generate` plans it.
pub fn surface(spec: &Spec) -> Surface {
    let mut diags = Diagnostics::default();
    let mut plans: Vec<Plan> = spec
        .services
        .iter()
        .map(|s| plan::plan(s, &mut diags))
        .collect();
    plan::unique_modules(&spec.services, &mut plans, &mut diags);
    spec.services
        .iter()
        .zip(&plans)
        .map(|(svc, p)| (p.module.clone(), product(svc, p)))
        .collect()
}

fn product(svc: &Service, p: &Plan) -> Product {
    let mut out = Product::default();
    for m in &svc.models {
        let names = &p.models[&m.name];
        let fields = response_fields(&m.fields, names, p);
        out.structs.insert(
            names.name.clone(),
            StructApi {
                kind: StructKind::Model,
                owner: None,
                fields,
            },
        );
    }
    for (a, n) in svc.actions.iter().zip(&p.actions) {
        out.actions.insert(
            n.method.clone(),
            ActionApi {
                action: a.name.clone(),
                deprecated: a.facts.deprecated,
                stream: n.stream_method.clone(),
                waiter: n.waiter.as_ref().map(|w| w.method.clone()),
            },
        );
        let owner = Some(n.method.clone());
        let fields = response_fields(&a.response, &n.response, p);
        out.structs.insert(
            n.response.name.clone(),
            StructApi {
                kind: StructKind::Response,
                owner: owner.clone(),
                fields,
            },
        );
        request_structs(
            &a.request_tree,
            &n.request,
            &mut Vec::new(),
            (a, n),
            &owner,
            &mut out,
        );
    }
    for e in &p.enums {
        let variants = e
            .variants
            .iter()
            .map(|(name, wire, _)| (name.clone(), wire.clone()))
            .collect();
        out.enums.insert(e.name.clone(), variants);
    }
    out
}

type ActionPair<'a> = (&'a crate::spec::Action, &'a plan::ActionNames);

/// A request struct and, recursively, its nested parameter structs.
fn request_structs(
    nodes: &[ParamNode],
    names: &StructNames,
    path: &mut Vec<String>,
    (a, n): ActionPair,
    owner: &Option<String>,
    out: &mut Product,
) {
    let top = path.is_empty();
    let mut fields = BTreeMap::new();
    for (node, fnames) in nodes.iter().zip(&names.fields) {
        path.push(node.name.clone());
        let param = node.param.map(|i| &a.request[i]);
        let elem = match (node.ty, param) {
            (Some(t), Some(p)) => elem_name(&Elem::of_scalar(t, &p.facts, fnames)),
            _ => match n.nested.get(path.as_slice()) {
                Some(nested) => {
                    request_structs(&node.children, nested, path, (a, n), owner, out);
                    nested.name.clone()
                }
                None => "Json".into(),
            },
        };
        path.pop();
        let ty = match node.list {
            true => format!("Vec<{elem}>"),
            false => elem,
        };
        let field = FieldApi {
            wire: node.name.clone(),
            ty,
            required: plan::is_required(node, a, top),
        };
        fields.insert(fnames.name.clone(), field);
    }
    out.structs.insert(
        names.name.clone(),
        StructApi {
            kind: StructKind::Request,
            owner: owner.clone(),
            fields,
        },
    );
}

fn response_fields(
    fields: &[crate::spec::Field],
    names: &StructNames,
    p: &Plan,
) -> BTreeMap<String, FieldApi> {
    fields
        .iter()
        .zip(&names.fields)
        .map(|(f, fnames)| {
            let elem = field_elem(&f.ty, f, fnames, p, f.facts.boxed);
            let ty = match f.array {
                true => format!("Vec<{elem}>"),
                false => elem,
            };
            let api = FieldApi {
                wire: f.name.clone(),
                ty,
                required: f.required,
            };
            (fnames.name.clone(), api)
        })
        .collect()
}

fn field_elem(
    ty: &FieldType,
    f: &crate::spec::Field,
    names: &FieldNames,
    p: &Plan,
    boxed: bool,
) -> String {
    match ty {
        // A model the plan does not know would fail to emit too; say what it was.
        FieldType::Model(m) if !p.models.contains_key(m) => m.clone(),
        _ => elem_name(&Elem::of_field(ty, &f.facts, names, p, boxed)),
    }
}

/// The element type as a user writes it.
fn elem_name(e: &Elem) -> String {
    match e {
        Elem::Scalar(s) => match s {
            Scalar::String => "String",
            Scalar::Int => "i64",
            Scalar::Float => "f64",
            Scalar::Bool => "bool",
            Scalar::Any => "serde_json::Value",
        }
        .into(),
        Elem::Secret => "Secret".into(),
        Elem::Enum(name) | Elem::IntEnum(name) | Elem::Struct { name, boxed: false } => {
            name.clone()
        }
        Elem::Struct { name, boxed: true } => format!("Box<{name}>"),
    }
}
