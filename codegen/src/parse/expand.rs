//! Request parameters typed by a model of the page (`Targets | array[TargetConfig]`) become
//! the model's fields as parameters of their own (`Targets.N.ResourceId`, `Targets.N.Port`, …),
//! which is how the form encoding sends them. The spec then holds ordinary flattened
//! parameters, and every emitter gets nested structs without knowing where they came from;
//! each expanded parameter records the model it is a field of ([`FromModel`]).
//!
//! Fields keep their own required flag (required within each item); the group's own flag is
//! the request row's (or, for a nested model, the model field's). A model that contains
//! itself cannot be sent as flattened parameters, nor can one nested absurdly deep: both are
//! errors at the request row.

use super::cells::{RawField, TypeExpr};
use crate::diag::{quoted, Diagnostics};
use crate::spec::{FromModel, Scalar, Span};

/// The page's models, `(name, heading line, fields)`.
pub type Models = [(String, usize, Vec<RawField>)];

/// Deeper than any request needs; the tree refuses more than 16 segments anyway.
const MAX_MODELS: usize = 6;

/// One expanded leaf, before the request's own bookkeeping (common parameters, base64).
pub struct Leaf {
    pub wire_name: String,
    pub ty: Scalar,
    pub required: bool,
    pub description: String,
    pub from_model: FromModel,
}

/// The parameters a row typed by model `model` stands for. `Err` says why it cannot be sent
/// (a cycle, or too deep); the caller reports it at the row.
pub fn expand(
    row: &RawField,
    wire: &str,
    model: &str,
    models: &Models,
    file: &str,
    diags: &mut Diagnostics,
) -> Result<Vec<Leaf>, String> {
    let mut out = Vec::new();
    let mut chain = vec![model.to_string()];
    let group = Group {
        wire: if row.array {
            format!("{wire}.N")
        } else {
            wire.to_string()
        },
        required: row.required,
    };
    expand_group(
        &group,
        &mut chain,
        models,
        &mut out,
        (file, row.line),
        diags,
    )?;
    Ok(out)
}

/// A group of parameters a model's fields make: its wire prefix and its own required flag.
struct Group {
    wire: String,
    required: bool,
}

fn expand_group(
    group: &Group,
    chain: &mut Vec<String>,
    models: &Models,
    out: &mut Vec<Leaf>,
    at: (&str, usize),
    diags: &mut Diagnostics,
) -> Result<(), String> {
    let model = chain
        .last()
        .expect("the chain starts with the row's model")
        .clone();
    let (_, _, fields) = models
        .iter()
        .find(|(n, _, _)| *n == model)
        .expect("only models of the page are expanded");
    let from = FromModel {
        model: model.clone(),
        group: group.wire.clone(),
        required: group.required,
    };
    for f in fields {
        let wire = format!("{}.{}", group.wire, f.name);
        let nested = match &f.ty {
            TypeExpr::Model(m) if has_fields(models, m) => m,
            other => {
                let ty = match other {
                    TypeExpr::Scalar(s) => *s,
                    _ => {
                        diags.warn_at(
                            "unresolved-type",
                            &Span::new(at.0, at.1),
                            format!(
                                "{wire} (field {} of model {model}): {}; sent as an untyped JSON value",
                                f.name,
                                untyped_why(other, models)
                            ),
                        );
                        Scalar::Any
                    }
                };
                let list = f.array && ty != Scalar::Any;
                out.push(Leaf {
                    wire_name: if list { format!("{wire}.N") } else { wire },
                    ty,
                    required: f.required,
                    description: f.description.clone(),
                    from_model: from.clone(),
                });
                continue;
            }
        };
        if let Some(i) = chain.iter().position(|m| m == nested) {
            let mut cycle = chain[i..].to_vec();
            cycle.push(nested.clone());
            return Err(format!(
                "model {} contains itself ({}): a request cannot send it as flattened parameters",
                nested,
                cycle.join(" → ")
            ));
        }
        if chain.len() == MAX_MODELS {
            return Err(format!(
                "models nest more than {MAX_MODELS} deep ({} → {nested}): too deep to send as flattened parameters",
                chain.join(" → ")
            ));
        }
        chain.push(nested.clone());
        let inner = Group {
            wire: if f.array { format!("{wire}.N") } else { wire },
            required: f.required,
        };
        expand_group(&inner, chain, models, out, at, diags)?;
        chain.pop();
    }
    Ok(())
}

/// Whether `model` is a model of the page with at least one field: only those expand.
pub fn has_fields(models: &Models, model: &str) -> bool {
    models
        .iter()
        .any(|(n, _, fields)| n == model && !fields.is_empty())
}

/// Why a type is sent untyped, for messages: `array`/`object` with no model, or a link to a
/// model the page does not define.
pub fn untyped_why(ty: &TypeExpr, models: &Models) -> String {
    match ty {
        TypeExpr::Model(m) if models.iter().any(|(n, _, _)| n == m) => {
            format!("its type is model {}, which has no fields", quoted(m))
        }
        TypeExpr::Model(m) => format!(
            "its type is model {}, which this page does not define",
            quoted(m)
        ),
        _ => "the page types it only `array`/`object`".to_string(),
    }
}
