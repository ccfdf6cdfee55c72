//! Request types: the top-level request struct with its `new(required…)` constructor, and one
//! struct per group of flattened parameters (`Disks.N.*`, `NetworkInterface.N.EIP.*`).

use super::docs;
use super::names::{self, serde_pascal, Namer};
use super::plan::ActionNames;
use super::service::{field_doc, ident, scalar};
use crate::diag::Diagnostics;
use crate::spec::{Action, Param, ParamNode, Scalar};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// A request struct (the top level or a nested group) and, recursively, its nested structs.
#[allow(clippy::too_many_arguments)]
pub fn request_struct(
    name: &Ident,
    doc: TokenStream,
    nodes: &[ParamNode],
    path: &[String],
    a: &Action,
    n: &ActionNames,
    top: bool,
    folder: &str,
    diags: &mut Diagnostics,
) -> TokenStream {
    let mut namer = Namer::default();
    let mut fields = Vec::new();
    let mut ctor_args = Vec::new();
    let mut ctor_init = Vec::new();
    let mut nested = Vec::new();
    for node in nodes {
        let (fname, _) = namer.claim(names::field(&node.name), "_");
        let id = ident(&fname);
        let param = node.param.map(|i| &a.request[i]);
        let mut node_path = path.to_vec();
        node_path.push(node.name.clone());
        let elem = match (node.ty, param) {
            (Some(t), Some(p)) => leaf_type(t, p),
            _ => {
                let sname = ident(&n.nested[&node_path]);
                let mut sdoc = format!("`{}` of [`{}`]", node_path.join(".N."), n.request);
                match &node.model {
                    // The page typed the parameter by one of its models.
                    Some(m) => sdoc.push_str(&format!(": the page's `{m}` model.")),
                    None => sdoc.push('.'),
                }
                let sdoc = docs::attrs(&[sdoc]);
                nested.push(request_struct(
                    &sname,
                    sdoc,
                    &node.children,
                    &node_path,
                    a,
                    n,
                    false,
                    folder,
                    diags,
                ));
                quote!(#sname)
            }
        };
        let common = top && param.is_some_and(|p| p.common);
        let required = node.required && !common;
        let ty = if node.list {
            quote!(Vec<#elem>)
        } else if required {
            elem.clone()
        } else {
            quote!(Option<#elem>)
        };
        let mut attrs = Vec::new();
        let wire = &node.name;
        if serde_pascal(&fname) != *wire {
            attrs.push(quote!(rename = #wire));
        }
        if let Some(p) = param.filter(|p| p.base64) {
            if node.list {
                diags.warn_at(
                    "base64-list",
                    &p.source,
                    format!(
                        "{}: a list of base64 values is sent as given, not encoded by the SDK",
                        p.wire_name
                    ),
                );
            } else {
                let f = if required {
                    "crate::runtime::encode::base64"
                } else {
                    "crate::runtime::encode::base64_opt"
                };
                attrs.push(quote!(serialize_with = #f));
            }
        }
        let serde = if attrs.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#(#attrs),*)])
        };
        let mut doc_lines = match param {
            Some(p) => field_doc(&p.description, &node.name, folder),
            None => vec![format!("`{}`", node_path.join(".N."))],
        };
        if param.is_some_and(|p| p.base64) && !node.list {
            doc_lines.push(String::new());
            doc_lines.push(
                "Pass the plain value: the SDK base64-encodes it, as the API requires.".into(),
            );
        }
        if common {
            let note = format!("(Default: the client's configured {wire}.)");
            match doc_lines.last_mut() {
                Some(last) => {
                    last.push(' ');
                    last.push_str(&note);
                }
                None => doc_lines.push(note),
            }
        }
        let fdoc = docs::attrs(&doc_lines);
        fields.push(quote! { #fdoc #serde pub #id: #ty, });
        if top {
            if required && !node.list {
                let (arg_ty, init) = ctor_arg(&elem, &id);
                ctor_args.push(quote!(#id: #arg_ty));
                ctor_init.push(init);
            } else if required {
                ctor_args.push(quote!(#id: #ty));
                ctor_init.push(quote!(#id));
            } else if node.list {
                ctor_init.push(quote!(#id: Vec::new()));
            } else {
                ctor_init.push(quote!(#id: None));
            }
        }
    }
    if top {
        // Without required parameters `Default` is safe, and shorter than listing every field.
        let (derive_default, body) = if ctor_args.is_empty() {
            (quote!(Default,), quote!(Self::default()))
        } else {
            (quote!(), quote!(Self { #(#ctor_init),* }))
        };
        quote! {
            #doc
            #[derive(Debug, Clone, #derive_default serde::Serialize)]
            #[serde(rename_all = "PascalCase")]
            #[non_exhaustive]
            pub struct #name { #(#fields)* }
            impl #name {
                /// The request with its required parameters; set optional ones on the fields.
                pub fn new(#(#ctor_args),*) -> Self { #body }
            }
            #(#nested)*
        }
    } else {
        quote! {
            #doc
            #[derive(Debug, Clone, Default, serde::Serialize)]
            #[serde(rename_all = "PascalCase")]
            pub struct #name { #(#fields)* }
            #(#nested)*
        }
    }
}

fn ctor_arg(elem: &TokenStream, id: &Ident) -> (TokenStream, TokenStream) {
    let s = elem.to_string();
    if s == "String" || s.ends_with("Secret") {
        (quote!(impl Into<#elem>), quote!(#id: #id.into()))
    } else {
        (elem.clone(), quote!(#id))
    }
}

fn leaf_type(t: Scalar, p: &Param) -> TokenStream {
    if t == Scalar::String && is_secret(&p.wire_name) {
        quote!(crate::Secret)
    } else {
        scalar(t)
    }
}

/// Parameters whose values must never be printed: passwords, private keys, tokens.
pub fn is_secret(wire: &str) -> bool {
    let last = wire.rsplit('.').next().unwrap_or(wire).to_ascii_lowercase();
    [
        "password",
        "passwd",
        "privatekey",
        "secretkey",
        "securitytoken",
        "secret",
    ]
    .iter()
    .any(|s| last.contains(s))
}
