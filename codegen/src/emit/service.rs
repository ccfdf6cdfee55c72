//! One product → one module: the product client with one thin async method per action, each
//! action's request and response types, the product's models and its open enums. Every name
//! comes from the [`Plan`]; every fact from the spec.

use super::docs;
use super::plan::{ActionNames, EnumPlan, Plan, StructNames};
use super::types::{ident, Elem, Shape};
use super::wire::{self, Owners};
use crate::diag::Diagnostics;
use crate::spec::{Action, Field, Model, Service};
use proc_macro2::TokenStream;
use quote::quote;

pub fn module(svc: &Service, plan: &Plan, diags: &mut Diagnostics) -> TokenStream {
    let client = ident(&plan.client);
    let product = &svc.name;
    let head = crate_head(svc, plan);
    let client_doc = docs::text(&format!(
        " The `{product}` actions. Get one with `ucloud_sdk::Client::{m}` (or [`new`](Self::new)); it owns a clone of the client, so it and the futures and streams of its methods can move to other tasks.",
        m = plan.module
    ));
    let methods = svc
        .actions
        .iter()
        .zip(&plan.actions)
        .map(|(a, n)| method(a, n, plan));
    let owners = Owners::of(svc);
    let actions: Vec<_> = svc
        .actions
        .iter()
        .zip(&plan.actions)
        .map(|(a, n)| action_types(a, n, plan, &owners, diags))
        .collect();
    let models = svc.models.iter().map(|m| model(m, plan, &owners));
    let enums = plan.enums.iter().map(|e| open_enum(e, &svc.folder));
    let testing = super::testing::actions_table(svc, plan);
    // The enum macros this product uses, so that no import is unused.
    let enum_macros = [
        plan.enums
            .iter()
            .any(|e| !e.int)
            .then(|| quote!(open_enum,)),
        plan.enums
            .iter()
            .any(|e| e.int)
            .then(|| quote!(open_int_enum,)),
    ];
    let uses = quote!(
        use crate::runtime::{model, #(#enum_macros)* request};
    );
    // The generated code itself reads and initialises deprecated parameters (constructors,
    // `model!`'s encoding): only a user's code should be warned about them.
    let deprecated_field = svc.actions.iter().any(|a| {
        a.request.iter().any(|p| p.facts.deprecated)
            || a.response.iter().any(|f| f.facts.deprecated)
    }) || svc
        .models
        .iter()
        .any(|m| m.fields.iter().any(|f| f.facts.deprecated));
    let allow = deprecated_field.then(|| quote!(#![allow(deprecated)]));
    quote! {
        #head
        #allow

        use ucloud_sdk_runtime as runtime;
        #uses
        use crate::runtime::Result;

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
            pub fn with_options(&self, options: crate::runtime::CallOptions) -> Self {
                Self(self.0.with_options(options))
            }
            #(#methods)*
        }
        #(#actions)*
        #(#models)*
        #(#enums)*
        #testing
    }
}

fn method(a: &Action, n: &ActionNames, plan: &Plan) -> TokenStream {
    let name = ident(&n.method);
    let (req, resp) = (ident(&n.request.name), ident(&n.response.name));
    let wire = &a.name;
    let title = if a.title.is_empty() { wire } else { &a.title };
    let mut doc = vec![format!("{title} ([`{wire}`]({}))", a.facts.url)];
    if !a.facts.docs.is_empty() && a.facts.docs != a.title {
        doc.push(String::new());
        doc.extend(a.facts.docs.lines().map(String::from));
    }
    if a.facts.deprecated {
        doc.push(String::new());
        doc.push("The documentation marks this action deprecated.".into());
    }
    let deprecated = a
        .facts
        .deprecated
        .then(|| quote!(#[deprecated(note = "the documentation marks this action deprecated")]));
    let doc = docs::attrs(&doc);
    let stream = n.stream_method.as_ref().and_then(|sm| {
        let p = a.facts.pagination.as_ref()?;
        let sm = ident(sm);
        let field_of = |wire: &str| {
            let i = a.response.iter().position(|f| f.name == wire)?;
            Some((&a.response[i], &n.response.fields[i]))
        };
        let ((list_field, list_names), (_, total_names)) = (field_of(&p.list)?, field_of(&p.total)?);
        let (list, total) = (ident(&list_names.name), ident(&total_names.name));
        let (offset, limit) = (&p.offset, &p.limit);
        let item = Elem::of_field(&list_field.ty, &list_field.facts, list_names, plan, false).tokens();
        let doc = format!(" Every item of `{wire}`, page by page (`{}`/`{}`), until `{}` or a short page. The stream owns its client: it can move to another task.", p.offset, p.limit, p.total);
        Some(quote! {
            #[doc = #doc]
            #deprecated
            pub fn #sm(&self, req: #req) -> impl crate::runtime::Stream<Item = Result<#item>> + Send + 'static {
                self.0.paginate(&req, crate::runtime::Paging::new(#offset, #limit), |p: #resp| (p.#total, p.#list))
            }
        })
    });
    let waiter = waiter(a, n, plan);
    quote! {
        #doc
        #deprecated
        pub async fn #name(&self, req: #req) -> Result<#resp> {
            self.0.send(&req).await
        }
        #stream
        #waiter
    }
}

/// `wait_until_uhost_instance_state(ids, state, waiter)`: polls the action with the ids until
/// each resource is listed in the state (see `facts.waiter` and the runtime's `wait`).
fn waiter(a: &Action, n: &ActionNames, plan: &Plan) -> Option<TokenStream> {
    let (w, names) = (a.facts.waiter.as_ref()?, n.waiter.as_ref()?);
    let model = plan.models.get(&w.model)?;
    let method = ident(&names.method);
    let (req, resp) = (ident(&n.request.name), ident(&n.response.name));
    let item = ident(&model.name);
    let list = ident(&n.response.fields.get(names.list)?.name);
    let id_field = ident(&model.fields.get(names.id_field)?.name);
    let state_names = model.fields.get(names.state_field)?;
    let state_field = ident(&state_names.name);
    let (state_ty, state_str) = match &state_names.enum_type {
        Some(e) => {
            let e = ident(e);
            (
                quote!(#e),
                quote!(x.#state_field.as_ref().map(|s| s.as_str())),
            )
        }
        None => (quote!(String), quote!(x.#state_field.as_deref())),
    };
    let setter = ident(&n.request.fields.get(names.id_param)?.name);
    let id_node = a.request_tree.get(names.id_param)?;
    let id_required = super::plan::is_required(id_node, a, true) && n.request.required.is_none();
    let (args, ids, build) = match (w.ids, id_required) {
        (true, true) => (
            quote!(ids: impl IntoIterator<Item = impl Into<String>>),
            quote!(let ids: Vec<String> = ids.into_iter().map(Into::into).collect();),
            quote!(#req::new(ids.clone())),
        ),
        (true, false) => (
            quote!(ids: impl IntoIterator<Item = impl Into<String>>),
            quote!(let ids: Vec<String> = ids.into_iter().map(Into::into).collect();),
            quote!(#req::new().#setter(ids.clone())),
        ),
        (false, true) => (
            quote!(id: impl Into<String>),
            quote!(let ids: Vec<String> = vec![id.into()];),
            quote!(#req::new(ids[0].clone())),
        ),
        (false, false) => (
            quote!(id: impl Into<String>),
            quote!(let ids: Vec<String> = vec![id.into()];),
            quote!(#req::new().#setter(ids[0].clone())),
        ),
    };
    let which = if w.ids {
        "every resource of `ids`"
    } else {
        "the resource `id`"
    };
    let doc = docs::attrs(&[
        format!(
            "Waits until {which} is listed by [`{}`](Self::{}) with `{}` = `state`, calling it with backoff as `waiter` says (by default every 2 to 30 s, for up to 10 minutes), and returns the resources. A state the documentation does not list can be waited for too.",
            a.name, n.method, w.state_field
        ),
        String::new(),
        format!(
            "Fails with `Error::WaitTimeout` (saying the states last seen) when the time runs out, or with the first error a call does not retry. Documented states: {}.",
            w.states.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
        ),
    ]);
    Some(quote! {
        #doc
        pub async fn #method(
            &self,
            #args,
            state: #state_ty,
            waiter: crate::runtime::Waiter,
        ) -> Result<Vec<#item>> {
            #ids
            let req = #build;
            let check = |r: &#resp| {
                crate::runtime::wait::states(&r.#list, &ids, state.as_str(), |x| x.#id_field.as_deref(), |x| #state_str)
            };
            let found = self.0.wait_until(&req, &waiter, check).await?;
            Ok(found
                .#list
                .into_iter()
                .filter(|x| x.#id_field.as_deref().is_some_and(|id| ids.iter().any(|i| i == id)))
                .collect())
        }
    })
}

fn action_types(
    a: &Action,
    n: &ActionNames,
    plan: &Plan,
    owners: &Owners,
    diags: &mut Diagnostics,
) -> TokenStream {
    let title = if a.title.is_empty() {
        &a.name
    } else {
        &a.title
    };
    let req_doc = vec![format!(
        "The parameters of [`{}`]({}::{}): {title}.",
        a.name, plan.client, n.method
    )];
    let top = super::request::At {
        path: &[],
        prefix: "",
    };
    let request =
        super::request::request_struct(&n.request, req_doc, &a.request_tree, top, a, n, diags);
    let resp_doc = format!(
        " What [`{}`]({}::{}) returns.",
        a.name, plan.client, n.method
    );
    let resp = response_struct(&n.response, &resp_doc, &a.response, None, plan, owners);
    quote! { #request #resp }
}

fn model(m: &Model, plan: &Plan, owners: &Owners) -> TokenStream {
    let names = &plan.models[&m.name];
    let doc = match &m.inferred {
        None => format!(" The `{}` data model.", m.name),
        Some(_) => format!(
            " The `{}` data model: in no table of the pages, inferred from a response example.",
            m.name
        ),
    };
    response_struct(names, &doc, &m.fields, Some(&m.name), plan, owners)
}

/// A response or model struct: `Option<T>` fields, `Vec<T>` for lists, all optional
/// (UCloud's API leaves out what its documentation calls required); `owner` is the model the
/// fields belong to (`None` for a response), for their wire paths. Which fields are boxed is
/// the spec's `boxed` fact.
fn response_struct(
    names: &StructNames,
    doc: &str,
    fields: &[Field],
    owner: Option<&str>,
    plan: &Plan,
    owners: &Owners,
) -> TokenStream {
    let id = ident(&names.name);
    let items = fields.iter().zip(&names.fields).map(|(f, fnames)| {
        let fid = ident(&fnames.name);
        let elem = Elem::of_field(&f.ty, &f.facts, fnames, plan, f.facts.boxed);
        let mut lines = field_doc(f);
        if f.inferred.is_some() {
            lines.push("Not in the page's tables: inferred from its response example.".into());
        }
        wire::append(&mut lines, &elem, f.array, &owners.wire(owner, &f.name));
        let elem = elem.tokens();
        let ty = if f.array {
            quote!(Vec<#elem>)
        } else {
            quote!(Option<#elem>)
        };
        let doc = docs::attrs(&lines);
        let dep = f
            .facts
            .deprecated
            .then(|| quote!(#[deprecated(note = "the documentation marks this field deprecated")]));
        quote! { #doc #dep pub #fid: #ty, }
    });
    // The field table lists fields by wire name, byte by byte, as a request's does: UCloud's
    // replies list keys in that order (Go's JSON of a map), so the decoder finds each key's
    // field at the one after the last key's (see the runtime's `field_index`).
    let mut by_wire: Vec<_> = fields.iter().zip(&names.fields).collect();
    by_wire.sort_by(|(a, _), (b, _)| a.name.as_bytes().cmp(b.name.as_bytes()));
    let entries = by_wire.into_iter().map(|(f, fnames)| {
        let (fid, wire) = (ident(&fnames.name), &f.name);
        let shape = if f.array {
            Shape::List
        } else {
            Shape::Optional
        };
        let kind = Elem::of_field(&f.ty, &f.facts, fnames, plan, f.facts.boxed).kind(shape, false);
        quote!(#fid: #wire #kind)
    });
    quote! {
        // `Clone` comes from `model!` (through the field table), not a derive.
        #[doc = #doc]
        #[derive(Clone, Default)]
        #[non_exhaustive]
        pub struct #id { #(#items)* }
        model!(#id: default { #(#entries),* });
    }
}

/// The first line of the product crate's docs, and of its re-export in `ucloud-sdk`'s
/// `lib.rs` (which rustdoc shows in the crate's list of modules): the product as its
/// documentation names it (`云主机 (UHost)`, else the module's name), and a link to that
/// documentation.
pub fn product_line(svc: &Service) -> String {
    let named = match &svc.product {
        Some(p) => match &p.name {
            Some(name) => format!("{} ({name})", p.title),
            None => p.title.clone(),
        },
        None => format!("`{}`", svc.name),
    };
    let actions = match svc.actions.len() {
        1 => "1 action".to_string(),
        n => format!("{n} actions"),
    };
    format!(
        "{named}: {actions} of UCloud's API, from its [`{}` documentation](<{}>).",
        svc.folder,
        crate::annotate::folder_url(&svc.folder)
    )
}

/// The product crate's docs and attributes (the module then names the runtime `runtime`, as
/// the generated code does: `crate::runtime::…`). A product is a crate of its own so that cargo
/// builds products in parallel; `ucloud-sdk` re-exports each as a module behind a feature.
fn crate_head(svc: &Service, plan: &Plan) -> TokenStream {
    let m = &plan.module;
    let docs = docs::inner_attrs(&[
        product_line(svc),
        String::new(),
        format!(
            "A product of [`ucloud-sdk`](https://docs.rs/ucloud-sdk), the Rust SDK for the UCloud cloud API, which re-exports this crate as `ucloud_sdk::{m}` when its cargo feature `{m}` is enabled; `ucloud_sdk::Client::{m}` gives the product's client. Depend on `ucloud-sdk` rather than on this crate."
        ),
    ]);
    quote! {
        #docs
        #![warn(missing_docs)]
        // Page text is escaped where it would make a broken link, a bare URL or stray HTML
        // (`facts::text::links`): any rustdoc warning is a generator bug to fix.
        #![deny(rustdoc::all)]
        // Pages name parameters like std methods (`add`) and write lists clippy would indent
        // otherwise; the lints hold for every product.
        #![allow(clippy::too_many_arguments, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::should_implement_trait)]
    }
}

/// The field's docs (none where the page gives none: its wire name follows).
fn field_doc(f: &Field) -> Vec<String> {
    f.facts.docs.lines().map(String::from).collect()
}

/// An open enum: a variant per documented value, and a catch-all for any other.
fn open_enum(e: &EnumPlan, folder: &str) -> TokenStream {
    let name = ident(&e.name);
    let other = ident(&e.other);
    let doc = docs::attrs(&enum_doc(e, folder));
    let variants = e.variants.iter().map(|(v, wire, meaning)| {
        let v = ident(v);
        let doc = if meaning.is_empty() {
            format!(" `{wire}`")
        } else {
            format!(" `{wire}`: {}", crate::facts::text::links::defuse(meaning))
        };
        let doc = docs::text(&doc);
        quote! { #[doc = #doc] #v, }
    });
    if e.int {
        let pairs = e.variants.iter().map(|(v, code, _)| {
            let v = ident(v);
            // The plan made int-backed variants of integer codes only.
            let code = proc_macro2::Literal::i64_unsuffixed(code.parse().unwrap_or_default());
            quote!(#v = #code)
        });
        return quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// A code the documentation does not list, as sent or received.
                #other(i64),
            }
            open_int_enum!(#name { #(#pairs),* } #other);
        };
    }
    let pairs = e.variants.iter().map(|(v, wire, _)| {
        let v = ident(v);
        quote!(#v = #wire)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the documentation does not list, as sent or received.
            #other(String),
        }
        open_enum!(#name { #(#pairs),* } #other);
    }
}

/// The docs of an enum: its fields, the page's words, and how values become variants.
fn enum_doc(e: &EnumPlan, folder: &str) -> Vec<String> {
    let source = e.sources.first().map_or("", |(_, text)| text.as_str());
    // The page's words as documentation text (breaks, links and brackets as in field docs).
    let source = crate::facts::text::lines(source, folder).join(" ");
    let mut doc = vec![
        format!("The documented values of `{}`.", e.used_by.join("`, `")),
        String::new(),
        format!(
            "From the documentation: {}",
            source.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        String::new(),
    ];
    if e.int {
        doc.push(format!(
            "The wire value is the integer code; each variant is named after its code, and its docs say what it means. `{}` holds any code the documentation does not list, so it still decodes and can be sent; `From<i64>` turns a code into its variant.",
            e.other
        ));
        return doc;
    }
    doc.extend([
        format!(
            "`{}` holds any value the documentation does not list, so it still decodes and can be sent.",
            e.other
        ),
        String::new(),
        format!(
            "Text becomes a variant by one rule, in responses and in `From<&str>`, `From<String>` and `FromStr`: an exact match wins; next, the one documented value equal ignoring ASCII case; anything else is `{}` with the text kept.",
            e.other
        ),
    ]);
    doc
}
