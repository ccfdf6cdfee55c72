//! The enums as users see them: for every field that has a Rust enum type, the values that
//! type lists (after grouping) beside the values the field's own page lists. A field is right
//! when the two are the same set (equal after ASCII case folding, the runtime's rule): a type
//! with more values offers the user choices this field's page does not have, one with fewer
//! misses some. `--sample N --seed S` draws fields from this pool (`docs/enums.md`).

use std::collections::BTreeSet;
use ucloud_codegen::diag::Diagnostics;
use ucloud_codegen::emit::plan::{self, ActionNames, FieldNames, Plan};
use ucloud_codegen::spec::{FieldFacts, FieldType, ParamNode, Spec};

/// One field with a Rust enum type.
pub struct Typed {
    /// `ulb CreateRule.RuleConditions.N.Type`.
    pub field: String,
    pub location: String,
    /// `ulb::Type`.
    pub rust: String,
    /// What the field's page (or its override) lists.
    pub own: Vec<String>,
    /// What the Rust type lists.
    pub typed: Vec<String>,
    pub source: String,
}

impl Typed {
    /// The type offers exactly this field's values.
    pub fn exact(&self) -> bool {
        folded(&self.own) == folded(&self.typed)
    }
}

fn folded(values: &[String]) -> BTreeSet<String> {
    values.iter().map(|v| v.to_ascii_lowercase()).collect()
}

/// Every field of `spec` that the emitter gives an enum type, in spec order.
pub fn typed_fields(spec: &Spec) -> Vec<Typed> {
    let mut out = Vec::new();
    for svc in &spec.services {
        let plan = plan::plan(svc, &mut Diagnostics::default());
        let mut push = |field: String, names: &FieldNames, facts: &FieldFacts, at: String| {
            let (Some(rust), Some(e)) = (&names.enum_type, &facts.enumeration) else {
                return;
            };
            out.push(Typed {
                field: format!("{} {field}", svc.name),
                location: at,
                rust: format!("{}::{rust}", plan.module),
                own: e.values.iter().map(|v| v.value.clone()).collect(),
                typed: values_of(&plan, rust),
                source: e.source.replace('\n', " "),
            });
        };
        for m in &svc.models {
            let Some(names) = plan.models.get(&m.name) else {
                continue;
            };
            for (f, n) in m.fields.iter().zip(&names.fields) {
                if matches!(f.ty, FieldType::Scalar(_)) {
                    push(
                        format!("{}.{}", m.name, f.name),
                        n,
                        &f.facts,
                        f.source.to_string(),
                    );
                }
            }
        }
        for (a, names) in svc.actions.iter().zip(&plan.actions) {
            for (f, n) in a.response.iter().zip(&names.response.fields) {
                push(
                    format!("{}.{}", a.name, f.name),
                    n,
                    &f.facts,
                    f.source.to_string(),
                );
            }
            let mut leaves = Vec::new();
            request_leaves(
                &a.request_tree,
                &names.request.fields,
                &[],
                names,
                &mut leaves,
            );
            for (param, n) in leaves {
                let p = &a.request[param];
                push(
                    format!("{}.{}", a.name, p.wire_name),
                    n,
                    &p.facts,
                    p.source.to_string(),
                );
            }
        }
    }
    out
}

/// The request leaves under `nodes` with their planned names (nested structs by path).
fn request_leaves<'a>(
    nodes: &[ParamNode],
    fields: &'a [FieldNames],
    path: &[String],
    names: &'a ActionNames,
    out: &mut Vec<(usize, &'a FieldNames)>,
) {
    for (node, n) in nodes.iter().zip(fields) {
        if let Some(param) = node.param {
            out.push((param, n));
            continue;
        }
        let mut inner = path.to_vec();
        inner.push(node.name.clone());
        if let Some(nested) = names.nested.get(&inner) {
            request_leaves(&node.children, &nested.fields, &inner, names, out);
        }
    }
}

fn values_of(plan: &Plan, rust: &str) -> Vec<String> {
    plan.enums
        .iter()
        .find(|e| e.name == rust)
        .map(|e| {
            e.variants
                .iter()
                .map(|(_, value, _)| value.clone())
                .collect()
        })
        .unwrap_or_default()
}
