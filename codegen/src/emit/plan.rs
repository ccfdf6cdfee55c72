//! Every Rust name one product module declares, decided once, before any code is written,
//! so that collisions are resolved in one place and in a fixed order; the emitters only read
//! the plan. Types keep the pages' spelling ([`names::type_name`]); methods and fields are
//! snake case of the pages' words ([`names::snake`]).
//!
//! Type names are claimed in this order, and a later claimant of a taken name is renamed
//! with a warning that names both pages: the product client, the models (they keep their page
//! names), then per action (in name order) its request, response, the struct of its required
//! parameters and its nested request structs, and last the enums. A renamed type gets the
//! first free of `Name2`, `Name3`, … An enum is named after its field (`ChargeType`); fields
//! of one name whose values overlap share it (see `Enums`); when a field name has several
//! disjoint value sets, the one most fields use keeps the plain name and the others are named
//! after their first owner and the field (`DescribeRuleType`).

use crate::diag::Diagnostics;
use crate::names::{self, Namer};
use crate::spec::{Action, Enumeration, Field, FieldFacts, FieldType, ParamNode, Service, Span};
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
    pub variants: Vec<(String, String, String)>,
    pub other: String,
    /// Each distinct description text the values were read from, with the first field
    /// that has it.
    pub sources: Vec<(Span, String)>,
    /// `Owner.Field` of every field of this type.
    pub used_by: Vec<String>,
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
                .and_then(|p| enums.field(owner, &n.name, &p.facts, p.ty.as_str(), at));
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
            let scalar = match &f.ty {
                FieldType::Scalar(s) => Some(s.as_str()),
                FieldType::Model(_) => None,
            };
            FieldNames {
                name: namer.claim(names::field(&f.name), "_").0,
                enum_type: scalar.and_then(|s| enums.field(owner, &f.name, &f.facts, s, &f.source)),
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

/// The enums of a product while fields are being planned. Each documented value set is
/// recorded with the field that has it; fields get a placeholder name (`#<index>`) until
/// [`Enums::name`] has grouped and named them all.
///
/// Fields of the same name whose documented values overlap (share a value) get one enum,
/// with every value any of them documents, in the order first seen: `ChargeType` is one type
/// across a product's actions, though one page lists `Dynamic` and another `Postpay` too.
/// The enum is open, so a value one page leaves out still decodes and can be sent; each
/// field's own docs say what its page lists. Fields of one name with disjoint values (a
/// disk's `Type` and a rule's `Type`) get separate enums.
#[derive(Default)]
struct Enums {
    found: Vec<FoundEnum>,
}

struct FoundEnum {
    field: String,
    owner: String,
    /// The field that has it.
    at: Span,
    enumeration: Enumeration,
    used_by: String,
}

impl Enums {
    /// The placeholder of the enum for a field's documented values, if it gets one: string
    /// fields whose every value has a Rust name; others keep their scalar type (their values
    /// are in the docs).
    fn field(
        &mut self,
        owner: &str,
        wire: &str,
        facts: &FieldFacts,
        scalar: &str,
        at: &Span,
    ) -> Option<String> {
        let e = facts.enumeration.as_ref()?;
        if scalar != "string" || !has_variant_names(e) {
            return None;
        }
        self.found.push(FoundEnum {
            field: wire.rsplit('.').next().unwrap_or(wire).to_string(),
            owner: owner.to_string(),
            at: at.clone(),
            enumeration: e.clone(),
            used_by: format!("{owner}.{wire}"),
        });
        Some(format!("#{}", self.found.len() - 1))
    }

    /// Groups the value sets (see the type's docs), names each group's enum and its
    /// variants, and says which group each placeholder belongs to.
    fn name(self, types: &mut Namer, diags: &mut Diagnostics) -> (Vec<EnumPlan>, Vec<usize>) {
        let groups = self.groups();
        let mut group_of = vec![0; self.found.len()];
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                group_of[m] = g;
            }
        }
        // Per field name, the group with the most fields (the first on a tie) is named after
        // the field; the others after the owner of their first field too.
        let plain: Vec<bool> = groups
            .iter()
            .enumerate()
            .map(|(g, members)| {
                let field = &self.found[members[0]].field;
                let rival = groups.iter().enumerate().find(|(_, other)| {
                    self.found[other[0]].field == *field
                        && (other.len() > members.len()
                            || (other.len() == members.len() && other[0] < members[0]))
                });
                rival.is_none_or(|(r, _)| r == g)
            })
            .collect();
        let plans = groups
            .iter()
            .zip(plain)
            .map(|(members, plain)| self.plan_group(members, plain, types, diags))
            .collect();
        (plans, group_of)
    }

    /// Indices of the value sets, grouped: same field name and overlapping values
    /// (transitively), each group in the order first seen.
    fn groups(&self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, f) in self.found.iter().enumerate() {
            let overlapping: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, members)| {
                    members.iter().any(|&m| {
                        self.found[m].field == f.field
                            && shares_value(&self.found[m].enumeration, &f.enumeration)
                    })
                })
                .map(|(g, _)| g)
                .collect();
            match overlapping.split_first() {
                None => groups.push(vec![i]),
                Some((&first, rest)) => {
                    // Groups this set joins become one (in the first's place).
                    for &g in rest.iter().rev() {
                        let merged = groups.remove(g);
                        groups[first].extend(merged);
                    }
                    groups[first].push(i);
                    groups[first].sort_unstable();
                }
            }
        }
        groups
    }

    fn plan_group(
        &self,
        members: &[usize],
        plain: bool,
        types: &mut Namer,
        diags: &mut Diagnostics,
    ) -> EnumPlan {
        let first = &self.found[members[0]];
        let wanted = if plain {
            first.field.clone()
        } else {
            format!("{}{}", first.owner, first.field)
        };
        let name = claim_type(types, &wanted, &first.at, diags);
        // Every value any member documents, first seen first, with the first meaning given.
        let mut values: Vec<(String, String)> = Vec::new();
        for &m in members {
            for v in &self.found[m].enumeration.values {
                match values.iter_mut().find(|(value, _)| *value == v.value) {
                    Some((_, doc)) if doc.is_empty() => doc.clone_from(&v.doc),
                    Some(_) => {}
                    None => values.push((v.value.clone(), v.doc.clone())),
                }
            }
        }
        warn_case_twins(&name, &values, &first.at, diags);
        let mut variant_names = Namer::default();
        let variants: Vec<(String, String, String)> = values
            .into_iter()
            .map(|(value, doc)| {
                let wanted = match value.as_str() {
                    "" => "Empty".to_string(),
                    v => names::variant(v).unwrap_or_else(|| "Value".into()),
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
        EnumPlan {
            name,
            variants,
            other,
            sources,
            used_by: members
                .iter()
                .map(|&m| self.found[m].used_by.clone())
                .collect(),
        }
    }
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

/// Whether every value has a Rust name: ASCII letters or digits to make one of, or the
/// empty string (`Empty`), which pages list for "unknown".
fn has_variant_names(e: &Enumeration) -> bool {
    !e.values.is_empty()
        && e.values
            .iter()
            .all(|v| v.value.is_empty() || names::variant(&v.value).is_some())
}

fn shares_value(a: &Enumeration, b: &Enumeration) -> bool {
    a.values
        .iter()
        .any(|x| b.values.iter().any(|y| x.value == y.value))
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
