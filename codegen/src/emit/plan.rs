//! Every Rust name one product module declares, decided once, before any code is written,
//! so that collisions are resolved in one place and in a fixed order; the emitters only read
//! the plan. Types keep the pages' spelling ([`names::type_name`]); methods and fields are
//! snake case of the pages' words ([`names::snake`]). Which fields share an enum, and its
//! name, are the spec's (`facts.enum_type`); the plan only claims the name.
//!
//! Type names are claimed in this order, and a later claimant of a taken name is renamed
//! with a warning that names both pages: the product client, the models (they keep their page
//! names), then per action (in name order) its request, response, the struct of its required
//! parameters and its nested request structs, and last the enums. A renamed type gets the
//! first free of `Name2`, `Name3`, …

use crate::diag::Diagnostics;
use crate::names::{self, enums as enum_names, Namer};
use crate::spec::{
    Action, Enumeration, Field, FieldFacts, FieldType, ParamNode, Scalar, Service, Span,
};
use std::collections::BTreeMap;

pub struct Plan {
    pub module: String,
    pub client: String,
    /// Model (page) name → its struct.
    pub models: BTreeMap<String, StructNames>,
    pub actions: Vec<ActionNames>,
    pub enums: Vec<EnumPlan>,
}

/// A struct and its fields, in the order of the spec's fields (or request nodes).
pub struct StructNames {
    pub name: String,
    pub fields: Vec<FieldNames>,
    /// For request structs with two or more required parameters: the struct `new` takes
    /// them in, so that each is named at the call site.
    pub required: Option<String>,
}

pub struct FieldNames {
    pub name: String,
    /// The open enum the field's values are, when its values are documented.
    pub enum_type: Option<String>,
}

pub struct ActionNames {
    pub method: String,
    /// `Some` when the action is paged (`facts.pagination`).
    pub stream_method: Option<String>,
    /// `Some` when the action has a waiter (`facts.waiter`).
    pub waiter: Option<WaiterNames>,
    pub request: StructNames,
    pub response: StructNames,
    /// Nested request structs by path of segments (`["Disks"]`, `["NetworkInterface", "EIP"]`).
    pub nested: BTreeMap<Vec<String>, StructNames>,
}

/// The names a waiter method uses: the method, the request field of the ids, the response
/// list, and the id and state fields of its items (indices into the model's fields).
pub struct WaiterNames {
    /// `wait_until_uhost_instance_state`: the action without its verb, and the state field.
    pub method: String,
    /// The request field that takes the ids (or the one id).
    pub id_param: usize,
    /// The response field of the list.
    pub list: usize,
    /// The model's id and state fields.
    pub id_field: usize,
    pub state_field: usize,
}

/// An open enum: its name, its variants (name, wire value, the page's words for it) and the
/// name of its catch-all variant.
pub struct EnumPlan {
    pub name: String,
    /// Int-backed: the wire values are integer codes (the fields are `int`).
    pub int: bool,
    pub variants: Vec<(String, String, String)>,
    pub other: String,
    /// Each distinct description text the values were read from, with the first field
    /// that has it.
    pub sources: Vec<(Span, String)>,
    /// `Owner.Field` of every field of this type.
    pub used_by: Vec<String>,
    pub sharing: Sharing,
}

/// Method names a request type has besides its setters (setters are named after fields).
const REQUEST_METHODS: &[&str] = &[
    "new", "clone", "eq", "ne", "fmt", "hash", "into", "from", "default",
];

pub fn plan(svc: &Service, diags: &mut Diagnostics) -> Plan {
    let mut types = Namer::default();
    let module = names::module(&svc.name);
    let (client, _) = types.claim(format!("{}Client", names::type_name(&svc.name)), "");
    let mut enums = Enums::default();
    let mut models = BTreeMap::new();
    for m in &svc.models {
        let name = claim_type(&mut types, &m.name, &m.sources[0], diags);
        let fields = field_names(&m.fields, &m.name, &mut enums);
        models.insert(
            m.name.clone(),
            StructNames {
                name,
                fields,
                required: None,
            },
        );
    }
    let mut methods = Namer::default();
    for taken in ["new", "with_options", "clone", "fmt"] {
        methods.claim(taken.into(), "_");
    }
    let mut actions = Vec::new();
    for a in &svc.actions {
        let snake = names::snake(&a.name).unwrap_or_else(|| "action".into());
        let (method, renamed) = methods.claim(snake, "_");
        if renamed {
            diags.warn_at(
                "name-collision",
                &a.source,
                format!(
                    "action {} gets method name {method}: its snake-case name is taken by another action",
                    a.name
                ),
            );
        }
        let stream_method = a
            .facts
            .pagination
            .as_ref()
            .map(|_| methods.claim(format!("{method}_stream"), "_").0);
        let mut names = action_names(a, method, stream_method, &mut types, &mut enums, diags);
        names.waiter = waiter_names(a, svc, &mut methods);
        actions.push(names);
    }
    let (enums, group_of) = enums.name(&mut types, diags);
    let mut plan = Plan {
        module,
        client,
        models,
        actions,
        enums,
    };
    plan.resolve_enum_names(&group_of);
    plan
}

fn action_names(
    a: &Action,
    method: String,
    stream_method: Option<String>,
    types: &mut Namer,
    enums: &mut Enums,
    diags: &mut Diagnostics,
) -> ActionNames {
    let request_name = claim_type(types, &format!("{}Request", a.name), &a.source, diags);
    let response_name = claim_type(types, &format!("{}Response", a.name), &a.source, diags);
    let response = StructNames {
        name: response_name,
        fields: field_names(&a.response, &a.name, enums),
        required: None,
    };
    let request = request_names(
        request_name,
        &a.name,
        &a.request_tree,
        a,
        true,
        types,
        enums,
        diags,
    );
    let mut nested = BTreeMap::new();
    nested_names(
        &a.request_tree,
        a,
        &mut Vec::new(),
        &mut nested,
        types,
        enums,
        diags,
    );
    ActionNames {
        method,
        stream_method,
        waiter: None,
        request,
        response,
        nested,
    }
}

/// The waiter's method name and where its fields are, when the action has one.
fn waiter_names(a: &Action, svc: &Service, methods: &mut Namer) -> Option<WaiterNames> {
    let w = a.facts.waiter.as_ref()?;
    let model = svc.models.iter().find(|m| m.name == w.model)?;
    let field = |name: &str| model.fields.iter().position(|f| f.name == name);
    let mut words = names::words(&a.name);
    if words.len() > 1 {
        words.remove(0); // the verb: Describe, Get, List
    }
    let resource = names::snake(&words.concat()).unwrap_or_default();
    let state = names::snake(&w.state_field).unwrap_or_default();
    Some(WaiterNames {
        method: methods
            .claim(format!("wait_until_{resource}_{state}"), "_")
            .0,
        id_param: a.request_tree.iter().position(|n| n.name == w.id_param)?,
        list: a.response.iter().position(|f| f.name == w.list)?,
        id_field: field(&w.id_field)?,
        state_field: field(&w.state_field)?,
    })
}

/// Names of a request struct (top level or nested) whose fields are `nodes`.
#[allow(clippy::too_many_arguments)]
fn request_names(
    name: String,
    owner: &str,
    nodes: &[ParamNode],
    a: &Action,
    top: bool,
    types: &mut Namer,
    enums: &mut Enums,
    diags: &mut Diagnostics,
) -> StructNames {
    let mut namer = Namer::default();
    for taken in REQUEST_METHODS {
        namer.claim(taken.to_string(), "_");
    }
    let fields = nodes
        .iter()
        .map(|n| {
            let at = n.param.map_or(&a.source, |i| &a.request[i].source);
            let enum_type = n
                .param
                .map(|i| &a.request[i])
                .and_then(|p| enums.field(owner, &n.name, p.ty == Scalar::Int, &p.facts, at));
            FieldNames {
                name: namer.claim(names::field(&n.name), "_").0,
                enum_type,
            }
        })
        .collect();
    let required_count = nodes.iter().filter(|n| is_required(n, a, top)).count();
    let required = (required_count >= 2).then(|| {
        let wanted = format!("{}Required", name.strip_suffix("Request").unwrap_or(&name));
        claim_type(types, &wanted, &a.source, diags)
    });
    StructNames {
        name,
        fields,
        required,
    }
}

/// Whether a request node is a required parameter of its struct's constructor: required on
/// the page and, at the top level, not one the client fills from its configuration.
pub fn is_required(node: &ParamNode, a: &Action, top: bool) -> bool {
    let common = top && node.param.is_some_and(|i| a.request[i].common);
    node.required && !common
}

fn nested_names(
    nodes: &[ParamNode],
    a: &Action,
    path: &mut Vec<String>,
    out: &mut BTreeMap<Vec<String>, StructNames>,
    types: &mut Namer,
    enums: &mut Enums,
    diags: &mut Diagnostics,
) {
    for n in nodes.iter().filter(|n| n.ty.is_none()) {
        path.push(n.name.clone());
        // Each segment capitalised as a type name: `Self` + `crate` → `SelfCrate`.
        let segments: String = path.iter().map(|seg| names::type_name(seg)).collect();
        let wire = format!("{}{segments}", a.name);
        let name = claim_type(types, &wire, &a.source, diags);
        let names = request_names(name, &wire, &n.children, a, false, types, enums, diags);
        out.insert(path.clone(), names);
        nested_names(&n.children, a, path, out, types, enums, diags);
        path.pop();
    }
}

/// Names of response or model fields, unique within the struct, in page order.
fn field_names(fields: &[Field], owner: &str, enums: &mut Enums) -> Vec<FieldNames> {
    let mut namer = Namer::default();
    fields
        .iter()
        .map(|f| {
            let enum_type = match f.ty {
                FieldType::Scalar(s) => {
                    enums.field(owner, &f.name, s == Scalar::Int, &f.facts, &f.source)
                }
                FieldType::Model(_) => None,
            };
            FieldNames {
                name: namer.claim(names::field(&f.name), "_").0,
                enum_type,
            }
        })
        .collect()
}

fn claim_type(types: &mut Namer, wire: &str, at: &Span, diags: &mut Diagnostics) -> String {
    let wanted = names::type_name(wire);
    let (name, renamed) = types.claim(wanted.clone(), "");
    if renamed {
        diags.warn_at(
            "name-collision",
            at,
            format!("type name {wanted} (from {wire}) is already taken in this product by a type from another page; this one is {name}"),
        );
    }
    name
}

/// The enums of a product while fields are being planned. Which fields share an enum and
/// its page-style name are the spec's (`facts.enum_type`, decided by
/// [`crate::facts::enums::group`]); here each field with one is recorded, and fields get a
/// placeholder (`#<index>`) until [`Enums::name`] has claimed every enum's Rust name.
#[derive(Default)]
struct Enums {
    found: Vec<FoundEnum>,
}

struct FoundEnum {
    /// The spec's name of the enum.
    enum_type: String,
    /// The field that has it.
    at: Span,
    enumeration: Enumeration,
    used_by: String,
    /// The field is `int` (its values integer codes).
    int: bool,
}

/// Why the fields of an enum share it, for `ENUMS.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sharing {
    /// One field.
    Alone,
    /// Same field name, same values (ignoring ASCII case).
    SameValues,
    /// They take the values of this reference page's table.
    Reference(Span),
    /// An override pins them to one name; their values are joined.
    Pinned,
}

impl Enums {
    /// The placeholder of the enum of a field, if the spec gives it one; `int`: the field
    /// is `int`.
    fn field(
        &mut self,
        owner: &str,
        wire: &str,
        int: bool,
        facts: &FieldFacts,
        at: &Span,
    ) -> Option<String> {
        let (Some(name), Some(e)) = (&facts.enum_type, &facts.enumeration) else {
            return None;
        };
        self.found.push(FoundEnum {
            enum_type: name.clone(),
            at: at.clone(),
            enumeration: e.clone(),
            used_by: format!("{owner}.{wire}"),
            int,
        });
        Some(format!("#{}", self.found.len() - 1))
    }

    /// Claims each enum's Rust name (in the order first seen) and its variants, and says
    /// which enum each placeholder belongs to.
    fn name(self, types: &mut Namer, diags: &mut Diagnostics) -> (Vec<EnumPlan>, Vec<usize>) {
        let mut order: Vec<&str> = Vec::new();
        let mut group_of = Vec::with_capacity(self.found.len());
        for f in &self.found {
            let g = order
                .iter()
                .position(|n| *n == f.enum_type)
                .unwrap_or_else(|| {
                    order.push(&f.enum_type);
                    order.len() - 1
                });
            group_of.push(g);
        }
        let plans = (0..order.len())
            .map(|g| {
                let members: Vec<usize> = (0..self.found.len())
                    .filter(|&m| group_of[m] == g)
                    .collect();
                self.plan_group(&members, types, diags)
            })
            .collect();
        (plans, group_of)
    }

    fn plan_group(
        &self,
        members: &[usize],
        types: &mut Namer,
        diags: &mut Diagnostics,
    ) -> EnumPlan {
        let first = &self.found[members[0]];
        let name = claim_type(types, &first.enum_type, &first.at, diags);
        let int = members.iter().all(|&m| self.found[m].int);
        if !int && members.iter().any(|&m| self.found[m].int) {
            let f = members.iter().map(|&m| &self.found[m]).find(|f| f.int);
            diags.error_at(
                "enum-mixed-types",
                f.map_or(&first.at, |f| &f.at),
                format!(
                    "enum {name} is given to integer and string fields (the override `enum_type` \
                     pins them to one name): give the integer fields a name of their own"
                ),
            );
        }
        let values = joined_values(members.iter().map(|&m| &self.found[m].enumeration));
        warn_case_twins(&name, &values, &first.at, diags);
        let mut variant_names = Namer::default();
        let variants: Vec<(String, String, String)> = values
            .into_iter()
            .map(|(value, doc)| {
                let wanted = match (int, value.parse::<i64>()) {
                    (true, Ok(code)) => enum_names::code_variant(code),
                    _ if value.is_empty() => "Empty".to_string(),
                    _ => names::variant(&value).unwrap_or_else(|| "Value".into()),
                };
                (variant_names.claim(wanted, "").0, value, doc)
            })
            .collect();
        let other = ["Unknown", "Undocumented", "OtherValue"]
            .into_iter()
            .find(|o| variants.iter().all(|(v, _, _)| v != o))
            .unwrap_or("UnknownValue")
            .to_string();
        let mut sources: Vec<(Span, String)> = Vec::new();
        for &m in members {
            let f = &self.found[m];
            if !sources
                .iter()
                .any(|(_, text)| *text == f.enumeration.source)
            {
                sources.push((f.at.clone(), f.enumeration.source.clone()));
            }
        }
        let folded = |m: usize| -> std::collections::BTreeSet<String> {
            self.found[m]
                .enumeration
                .values
                .iter()
                .map(|v| v.value.to_ascii_lowercase())
                .collect()
        };
        // The one reference table every member took its values from, if there is one.
        let reference = |m: usize| self.found[m].enumeration.reference.as_ref();
        let table =
            reference(members[0]).filter(|at| members.iter().all(|&m| reference(m) == Some(*at)));
        let sharing = match (members, table) {
            ([_], _) => Sharing::Alone,
            (_, Some(at)) => Sharing::Reference(at.clone()),
            ([a, rest @ ..], None) if rest.iter().all(|&m| folded(m) == folded(*a)) => {
                Sharing::SameValues
            }
            _ => Sharing::Pinned,
        };
        EnumPlan {
            name,
            int,
            variants,
            other,
            sources,
            used_by: members
                .iter()
                .map(|&m| self.found[m].used_by.clone())
                .collect(),
            sharing,
        }
    }
}

/// Every value the members list, first seen first, with the first meaning given. A value
/// equal ignoring ASCII case to one an earlier member lists is that value (the runtime's
/// rule); within one member's list both spellings stay (and `warn_case_twins` says so).
fn joined_values<'a>(lists: impl Iterator<Item = &'a Enumeration>) -> Vec<(String, String)> {
    let mut values: Vec<(String, String, usize)> = Vec::new();
    for (i, e) in lists.enumerate() {
        for v in &e.values {
            let same = values.iter_mut().find(|(value, _, from)| {
                *value == v.value || (*from != i && value.eq_ignore_ascii_case(&v.value))
            });
            match same {
                Some((_, doc, _)) if doc.is_empty() => doc.clone_from(&v.doc),
                Some(_) => {}
                None => values.push((v.value.clone(), v.doc.clone(), i)),
            }
        }
    }
    values.into_iter().map(|(v, d, _)| (v, d)).collect()
}

/// Warns when an enum lists two values equal ignoring ASCII case (`BGP`, `Bgp`): UCloud
/// takes them as one value, but the enum has a variant for each, and text in another case
/// (`bgp`) matches neither (the runtime's rule wants a unique match ignoring case).
fn warn_case_twins(name: &str, values: &[(String, String)], at: &Span, diags: &mut Diagnostics) {
    for (i, (a, _)) in values.iter().enumerate() {
        if let Some((b, _)) = values[i + 1..]
            .iter()
            .find(|(b, _)| a.eq_ignore_ascii_case(b))
        {
            diags.warn_at(
                "enum-case-twins",
                at,
                format!(
                    "enum {name} lists `{a}` and `{b}`, equal ignoring case: one value to \
                     UCloud, two variants here"
                ),
            );
        }
    }
}

impl Plan {
    /// Replaces the `#<index>` placeholders of enum-typed fields with the names of their
    /// groups' enums (`group_of[index]`).
    fn resolve_enum_names(&mut self, group_of: &[usize]) {
        let names: Vec<String> = self.enums.iter().map(|e| e.name.clone()).collect();
        let fix = |fields: &mut Vec<FieldNames>| {
            for f in fields {
                if let Some(placeholder) = &f.enum_type {
                    let index: usize = placeholder[1..].parse().unwrap_or(0);
                    f.enum_type = group_of.get(index).and_then(|&g| names.get(g)).cloned();
                }
            }
        };
        for m in self.models.values_mut() {
            fix(&mut m.fields);
        }
        for a in &mut self.actions {
            fix(&mut a.request.fields);
            fix(&mut a.response.fields);
            for n in a.nested.values_mut() {
                fix(&mut n.fields);
            }
        }
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
