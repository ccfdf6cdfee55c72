//! One product → one module: the client handle with one thin async method per action, each
//! action's request and response types, and the product's models.

use super::docs;
use super::names::{self, Namer};
use super::plan::{self, ActionNames, Plan};
use crate::diag::Diagnostics;
use crate::spec::{Action, Field, FieldType, Model, Scalar, Service};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

pub fn module(svc: &Service, plan: &Plan, diags: &mut Diagnostics) -> TokenStream {
    let client = ident(&plan.client);
    let product = &svc.name;
    let head = docs::text(&format!(
        " `{}` ({}): {} action(s). Enable the cargo feature `{}` to use it.",
        svc.name,
        svc.folder,
        svc.actions.len(),
        plan.module
    ));
    let client_doc = docs::text(&format!(
        " The `{product}` actions. Get one with [`Client::{}`](crate::Client::{}).",
        plan.module, plan.module
    ));
    let methods = svc
        .actions
        .iter()
        .zip(&plan.actions)
        .map(|(a, n)| method(a, n, plan));
    let impls = svc.actions.iter().zip(&plan.actions).map(|(a, n)| {
        let (req, resp, wire, common) = (
            ident(&n.request),
            ident(&n.response),
            &a.name,
            common_flags(a),
        );
        quote!(request!(#req => #resp, #wire #common);)
    });
    let actions: Vec<_> = svc
        .actions
        .iter()
        .zip(&plan.actions)
        .map(|(a, n)| action_types(a, n, svc, plan, diags))
        .collect();
    let models = svc.models.iter().map(|m| model(m, svc, plan));
    quote! {
        #![doc = #head]

        use crate::runtime::{deserialize, request};
        use crate::Result;

        const PRODUCT: &str = #product;

        #[doc = #client_doc]
        #[derive(Clone, Debug)]
        pub struct #client(crate::runtime::Client);

        impl #client {
            /// The product's actions through `client` (what the crate's `Client` accessor does).
            pub fn new(client: crate::runtime::Client) -> Self {
                Self(client)
            }
            /// The same client with per-call options (timeout, retries) applied to each call.
            pub fn with_options(&self, options: crate::CallOptions) -> Self {
                Self(self.0.with_options(options))
            }
            #(#methods)*
        }
        #(#impls)*
        #(#actions)*
        #(#models)*
    }
}

fn method(a: &Action, n: &ActionNames, plan: &Plan) -> TokenStream {
    let name = ident(&n.method);
    let (req, resp) = (ident(&n.request), ident(&n.response));
    let wire = &a.name;
    let mut doc = vec![format!(
        "{} ({wire})",
        if a.title.is_empty() { wire } else { &a.title }
    )];
    let desc = docs::clean(&a.description, "");
    if !desc.is_empty() && desc.join(" ") != a.title {
        doc.push(String::new());
        doc.extend(desc);
    }
    let doc = docs::attrs(&doc);
    let stream = n.stream_method.as_ref().and_then(|sm| {
        let p = plan::pagination(a)?;
        let sm = ident(sm);
        let names = field_names(&a.response);
        let named = |wire: &str| a.response.iter().position(|f| f.name == wire).map(|i| ident(&names[i]));
        let (list, total) = (named(&p.list_field.name)?, named("TotalCount")?);
        let item = match &p.list_field.ty {
            FieldType::Scalar(s) => scalar(*s),
            FieldType::Model(m) => {
                let id = ident(&plan.models[m]);
                quote!(#id)
            }
        };
        let doc = format!(" Every item of `{wire}`, page by page (`Offset`/`Limit`), until `TotalCount` or a short page.");
        Some(quote! {
            #[doc = #doc]
            pub fn #sm(&self, req: #req) -> impl crate::runtime::Stream<Item = Result<#item>> + Send + 'static {
                self.0.paginate(&req, |p: #resp| (p.#total, p.#list))
            }
        })
    });
    quote! {
        #doc
        pub async fn #name(&self, req: #req) -> Result<#resp> {
            self.0.send(&req).await
        }
        #stream
    }
}

/// `, REGION_REQUIRED, ZONE` for the common parameters the action takes; a `_REQUIRED` flag
/// implies the plain one.
fn common_flags(a: &Action) -> TokenStream {
    let flags = [
        ("Region", "REGION"),
        ("Zone", "ZONE"),
        ("ProjectId", "PROJECT_ID"),
    ]
    .into_iter()
    .filter_map(|(wire, flag)| {
        let p = a.request.iter().find(|p| p.wire_name == wire)?;
        Some(if p.required {
            format_ident!("{flag}_REQUIRED")
        } else {
            format_ident!("{flag}")
        })
    });
    quote!(#(, #flags)*)
}

fn action_types(
    a: &Action,
    n: &ActionNames,
    svc: &Service,
    plan: &Plan,
    diags: &mut Diagnostics,
) -> TokenStream {
    let folder = &svc.folder;
    let req_doc = docs::attrs(&[format!(
        "Parameters of [`{}`]({}::{}).",
        a.name, plan.client, n.method
    )]);
    let request = super::request::request_struct(
        &ident(&n.request),
        req_doc,
        &a.request_tree,
        &[],
        a,
        n,
        true,
        folder,
        diags,
    );
    let resp_doc = format!(
        " What [`{}`]({}::{}) returns.",
        a.name, plan.client, n.method
    );
    let resp = ident(&n.response);
    let (fields, deserialize) = fields(&resp, &a.response, None, svc, plan, folder);
    quote! {
        #request
        #[doc = #resp_doc]
        #[derive(Debug, Clone, Default)]
        pub struct #resp { #fields }
        #deserialize
    }
}

fn model(m: &Model, svc: &Service, plan: &Plan) -> TokenStream {
    let name = &plan.models[&m.name];
    let id = ident(name);
    let doc = match &m.inferred {
        None => docs::text(&format!(" The `{}` data model.", m.name)),
        Some(_) => docs::text(&format!(
            " The `{}` data model: in no table of the pages, inferred from a response example.",
            m.name
        )),
    };
    let (fields, deserialize) = fields(&id, &m.fields, Some(&m.name), svc, plan, &svc.folder);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default)]
        pub struct #id { #fields }
        #deserialize
    }
}

/// Response and model fields: `Option<T>`, or `Vec<T>` for lists; and the struct's
/// `Deserialize` impl, `deserialize!(Name, field: "WireName", ...);` (a macro of the
/// runtime: a seventh of the code `#[derive(serde::Deserialize)]` expands to, which was
/// most of the crate's compile time). `owner` is the model the fields belong to (`None` for a
/// response), for boxing cycles.
fn fields(
    name: &Ident,
    fields: &[Field],
    owner: Option<&str>,
    svc: &Service,
    plan: &Plan,
    folder: &str,
) -> (TokenStream, TokenStream) {
    let names = field_names(fields);
    let entries = fields.iter().zip(&names).map(|(f, fname)| {
        let id = ident(fname);
        let wire = &f.name;
        quote!(#id: #wire)
    });
    let deserialize = quote!(deserialize!(#name #(, #entries)*););
    let items = fields.iter().zip(names).map(|(f, fname)| {
        let id = ident(&fname);
        let elem = match &f.ty {
            FieldType::Scalar(s) => scalar(*s),
            FieldType::Model(m) => {
                let t = ident(&plan.models[m]);
                if !f.array && owner.is_some_and(|o| plan::needs_box(&svc.models, o, m)) {
                    quote!(Box<#t>)
                } else {
                    quote!(#t)
                }
            }
        };
        let ty = if f.array {
            quote!(Vec<#elem>)
        } else {
            quote!(Option<#elem>)
        };
        let mut lines = field_doc(&f.description, &f.name, folder);
        if f.inferred.is_some() {
            lines.push("Not in the page's tables: inferred from its response example.".into());
        }
        let doc = docs::attrs(&lines);
        quote! { #doc pub #id: #ty, }
    });
    (quote!(#(#items)*), deserialize)
}

/// Rust names of response or model fields, unique within the struct, in page order.
fn field_names(fields: &[Field]) -> Vec<String> {
    let mut namer = Namer::default();
    fields
        .iter()
        .map(|f| namer.claim(names::field(&f.name), "_").0)
        .collect()
}

/// The page's description, or the wire name where the page gives none.
pub fn field_doc(description: &str, wire: &str, folder: &str) -> Vec<String> {
    let lines = docs::clean(description, folder);
    if lines.is_empty() {
        vec![format!("`{wire}`")]
    } else {
        lines
    }
}

pub fn scalar(s: Scalar) -> TokenStream {
    match s {
        Scalar::String => quote!(String),
        Scalar::Int => quote!(i64),
        Scalar::Float => quote!(f64),
        Scalar::Bool => quote!(bool),
        Scalar::Any => quote!(crate::runtime::serde_json::Value),
    }
}

pub fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}
