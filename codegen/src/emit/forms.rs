//! The typed = generic test: one case per action, the request as wire-shaped JSON with a
//! value for every parameter, which the runtime's `examples::assert_typed_is_generic` sends
//! both as the typed request (read from the JSON) and through the generic `Client::call`.
//!
//! Every leaf gets a value of its type (the page example's where it has one that fits), a
//! list gets one item and a group all of its fields: so every field of the request is sent,
//! and the common parameters the page documents are set by the request itself.

use super::plan::Plan;
use super::types::ident;
use crate::names::normalize_wire_name;
use crate::spec::{Action, Param, ParamNode, Scalar, Service};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// `tests/examples/typed_generic/<module>.rs`: the product's cases.
pub fn module(svc: &Service, plan: &Plan) -> TokenStream {
    let m = ident(&plan.module);
    let cases = svc.actions.iter().zip(&plan.actions).map(|(a, n)| {
        let (name, ty) = (&a.name, ident(&n.request.name));
        let json = serde_json::to_string(&request_json(a)).unwrap_or_default();
        let json = super::examples::raw_string(&json);
        quote! {
            TypedCase { action: #name, json: #json, send: send_typed::<#ty> }
        }
    });
    quote! {
        use ucloud_sdk::#m::*;
        use ucloud_sdk::runtime::__private::examples::{send_typed, TypedCase};
        /// Every action of the product, its request with a value for every parameter.
        pub(crate) static CASES: &[TypedCase] = &[#(#cases),*];
    }
}

/// `tests/examples/typed_generic/mod.rs`: the enabled products' cases, and the one test
/// (a module of the `examples` test binary).
pub fn main(services: &[(&Service, &Plan)]) -> TokenStream {
    let mods = super::manifest::product_mods(services);
    let extend = services.iter().map(|(_, p)| {
        let (m, f) = (ident(&p.module), &p.module);
        quote! { #[cfg(feature = #f)] cases.extend_from_slice(#m::CASES); }
    });
    quote! {
        //! Each action's typed request sends what the generic `Client::call` sends for the
        //! same wire parameters, configured `Region`, `Zone` and `ProjectId` included: the
        //! same form and the same signature (see
        //! `ucloud_sdk::runtime::__private::examples::assert_typed_is_generic`).
        // The examples set deprecated parameters too: that is what the pages show.
        #![allow(deprecated)]
        #mods

        #[test]
        fn typed_is_generic() {
            #[allow(unused_mut)]
            let mut cases = Vec::new();
            #(#extend)*
            ucloud_sdk::runtime::__private::examples::assert_typed_is_generic(&cases);
        }
    }
}

/// The action's request as wire-shaped JSON with every parameter set.
pub fn request_json(a: &Action) -> Value {
    let examples: BTreeMap<String, &str> = a
        .examples
        .request
        .iter()
        .rev() // the first value of a name wins
        .map(|(k, v)| (normalize_wire_name(k), v.as_str()))
        .collect();
    group(&a.request_tree, a, &examples)
}

fn group(nodes: &[ParamNode], a: &Action, examples: &BTreeMap<String, &str>) -> Value {
    let mut out = Map::new();
    for node in nodes {
        let value = match (node.ty, node.param.map(|i| &a.request[i])) {
            (Some(ty), Some(p)) => leaf(ty, p, node.list, examples),
            _ => group(&node.children, a, examples),
        };
        let value = if node.list {
            Value::Array(vec![value])
        } else {
            value
        };
        out.insert(node.name.clone(), value);
    }
    Value::Object(out)
}

/// A value of the parameter's type: the page example's when it has one of that type (for
/// a documented enumeration, one of its values), else a made-up one. A single base64
/// parameter is given encoded, as on the wire.
fn leaf(ty: Scalar, p: &Param, list: bool, examples: &BTreeMap<String, &str>) -> Value {
    let example = examples.get(&p.wire_name).copied();
    let text = match &p.facts.enumeration {
        Some(e) if !e.values.iter().any(|v| Some(v.value.as_str()) == example) => {
            e.values.first().map(|v| v.value.as_str())
        }
        _ => example,
    };
    match ty {
        Scalar::Int => Value::from(text.and_then(|t| t.trim().parse::<i64>().ok()).unwrap_or(1)),
        Scalar::Float => text
            .and_then(|t| t.trim().parse::<f64>().ok())
            .filter(|x| x.is_finite())
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::from(1.5), Value::Number),
        Scalar::Bool => Value::Bool(text.is_none_or(|t| t.trim() != "false")),
        Scalar::String | Scalar::Any => {
            let plain = text.unwrap_or("example");
            if p.base64 && !list {
                Value::String(super::examples::encode_base64(plain.as_bytes()))
            } else {
                Value::String(plain.to_owned())
            }
        }
    }
}
