//! A test per product that every field the spec makes a secret stays hidden: not in `Debug`,
//! and redacted in logged parameters (the runtime's `assert_secret_redacted`). The fields
//! are listed from the spec and the plan, the same facts the types are emitted from, so a
//! secret the emitters would print in clear fails the test.

use super::plan::{ActionNames, Plan, StructNames};
use super::types::{ident, Elem};
use crate::spec::{Action, Field, ParamNode, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `#[test] fn secrets_are_redacted()` over the product's secret fields, or nothing when it
/// has none.
pub fn test(svc: &Service, plan: &Plan) -> TokenStream {
    let mut fields = Vec::new();
    for (a, n) in svc.actions.iter().zip(&plan.actions) {
        request_secrets(
            a,
            n,
            &a.request_tree,
            &n.request,
            &mut Vec::new(),
            &mut fields,
        );
        response_secrets(&a.response, &n.response, plan, &mut fields);
    }
    for m in &svc.models {
        response_secrets(&m.fields, &plan.models[&m.name], plan, &mut fields);
    }
    if fields.is_empty() {
        return quote!();
    }
    let m = ident(&plan.module);
    let checks = fields.iter().map(|(ty, wire)| {
        let ty = format_ident!("{}", ty);
        quote!(redacted::<ucloud_sdk::#m::#ty>(#wire);)
    });
    quote! {
        #[test]
        fn secrets_are_redacted() {
            use ucloud_sdk::runtime::__private::examples::assert_secret_redacted as redacted;
            #(#checks)*
        }
    }
}

/// The secret fields of a request struct and its nested structs, as (struct, wire name).
fn request_secrets(
    a: &Action,
    n: &ActionNames,
    nodes: &[ParamNode],
    names: &StructNames,
    path: &mut Vec<String>,
    out: &mut Vec<(String, String)>,
) {
    for (node, fnames) in nodes.iter().zip(&names.fields) {
        match (node.ty, node.param) {
            (Some(ty), Some(i)) => {
                if matches!(
                    Elem::of_scalar(ty, &a.request[i].facts, fnames),
                    Elem::Secret
                ) {
                    out.push((names.name.clone(), node.name.clone()));
                }
            }
            _ => {
                path.push(node.name.clone());
                if let Some(nested) = n.nested.get(path.as_slice()) {
                    request_secrets(a, n, &node.children, nested, path, out);
                }
                path.pop();
            }
        }
    }
}

/// The secret fields of a response or model struct, as (struct, wire name).
fn response_secrets(
    fields: &[Field],
    names: &StructNames,
    plan: &Plan,
    out: &mut Vec<(String, String)>,
) {
    for (f, fnames) in fields.iter().zip(&names.fields) {
        if matches!(
            Elem::of_field(&f.ty, &f.facts, fnames, plan, false),
            Elem::Secret
        ) {
            out.push((names.name.clone(), f.name.clone()));
        }
    }
}
