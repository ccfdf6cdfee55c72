//! Request types: the top-level request struct and one struct per group of flattened
//! parameters (`Disks.N.*`, `NetworkInterface.N.EIP.*`), each with a constructor that takes
//! its required parameters by name and a setter per optional one.
//!
//! - No required parameter: `X::new()` (and `Default`).
//! - One: `X::new(value)`; the parameter is named by the type and the docs.
//! - Two or more: `X::new(XRequired { a: …, b: … })`, a struct literal, so every required
//!   parameter is named at the call site and leaving one out is a compile error.
//!
//! Optional parameters are set with chained methods named after them, taking the value
//! itself (`.charge_type(ChargeType::Month)`, `.uhost_ids(["a", "b"])`), never `Some(…)`.

use super::docs;
use super::plan::{is_required, ActionNames, StructNames};
use super::types::{ident, Elem, Shape};
use crate::diag::Diagnostics;
use crate::spec::{Action, Common, ParamNode};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// One field of a request struct, with what the emitters need to know about it.
struct ReqField<'a> {
    node: &'a ParamNode,
    id: proc_macro2::Ident,
    elem: Elem,
    required: bool,
    base64: bool,
    doc: TokenStream,
    /// The first line of the page's description, which the setter repeats (rustdoc lists
    /// methods apart from fields); empty when the page gives none.
    summary: String,
    /// `#[deprecated]` when the spec marks the parameter deprecated, for the field and its
    /// setter alike; empty otherwise.
    deprecated: TokenStream,
}

/// Where a request struct sits: the segments of its parameter path (`["Disks"]`, empty at
/// the top), and the wire name its fields' names follow (`Disks.N.`, `""` at the top).
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub path: &'a [String],
    pub prefix: &'a str,
}

/// A request struct (the top level or a nested group) and, recursively, its nested structs.
pub fn request_struct(
    names: &StructNames,
    doc: Vec<String>,
    nodes: &[ParamNode],
    at: At<'_>,
    a: &Action,
    n: &ActionNames,
    diags: &mut Diagnostics,
) -> TokenStream {
    let (path, prefix) = (at.path, at.prefix);
    let top = path.is_empty();
    let mut nested = Vec::new();
    let fields: Vec<ReqField> = nodes
        .iter()
        .zip(&names.fields)
        .map(|(node, fnames)| {
            let param = node.param.map(|i| &a.request[i]);
            let mut node_path = path.to_vec();
            node_path.push(node.name.clone());
            // `Disks.N` for a list, as the pages name the parameters under it.
            let wire = match node.list {
                true => format!("{prefix}{}.N", node.name),
                false => format!("{prefix}{}", node.name),
            };
            let elem = match (node.ty, param) {
                (Some(t), Some(p)) => Elem::of_scalar(t, &p.facts, fnames),
                _ => {
                    let snames = &n.nested[&node_path];
                    let mut sdoc = format!("`{wire}` of [`{}`]", n.request.name);
                    match &node.model {
                        // The page typed the parameter by one of its models.
                        Some(m) => sdoc.push_str(&format!(": the page's `{m}` model.")),
                        None => sdoc.push('.'),
                    }
                    let sdoc = vec![sdoc];
                    nested.push(request_struct(
                        snames,
                        sdoc,
                        &node.children,
                        At {
                            path: &node_path,
                            prefix: &format!("{wire}."),
                        },
                        a,
                        n,
                        diags,
                    ));
                    Elem::Struct {
                        name: snames.name.clone(),
                        boxed: false,
                    }
                }
            };
            let base64 = param.is_some_and(|p| p.base64);
            if let Some(p) = param.filter(|_| base64 && node.list) {
                diags.warn_at(
                    "base64-list",
                    &p.source,
                    format!(
                        "{}: a list of base64 values is sent as given, not encoded by the SDK",
                        p.wire_name
                    ),
                );
            }
            let required = is_required(node, a, top);
            let doc = docs::attrs(&field_doc(node, param, &wire, top, &elem));
            ReqField {
                node,
                id: ident(&fnames.name),
                elem,
                required,
                base64: base64 && !node.list,
                doc,
                summary: param
                    .and_then(|p| p.facts.docs.lines().map(str::trim).find(|l| !l.is_empty()))
                    .unwrap_or_default()
                    .to_string(),
                deprecated: deprecated_attr(param.is_some_and(|p| p.facts.deprecated)),
            }
        })
        .collect();

    let name = ident(&names.name);
    // The top level holds the request's extra parameters in a field the runtime's `model!`
    // knows by name (its `request` marker); no documented parameter may take that name.
    if let Some(f) = fields.iter().find(|f| top && f.id == "extras") {
        let at = f.node.param.map_or(&a.source, |i| &a.request[i].source);
        diags.error_at(
            "name-collision",
            at,
            format!(
                "{}: parameter {} would be the field `extras`, which holds the request's extra parameters",
                a.name, f.node.name
            ),
        );
    }
    let struct_doc = docs::attrs(&with_construction(doc, names, &fields));
    let decls = fields.iter().map(|f| {
        let (id, doc, dep, ty) = (&f.id, &f.doc, &f.deprecated, rust_type(f));
        quote! { #doc #dep pub #id: #ty, }
    });
    let extras_decl = top.then(|| {
        quote! {
            /// Parameters sent besides the fields (`.extra(name, value)`, see [`ExtraParams`](crate::runtime::ExtraParams)).
            extras: crate::runtime::Extras,
        }
    });
    let marker = if top {
        quote!(request)
    } else {
        quote!(request_group)
    };
    let derive_default = fields.iter().all(|f| !f.required).then(|| quote!(Default,));
    let (required_struct, constructor) = constructor(names, &fields, top);
    let setters = fields.iter().filter(|f| !f.required).map(setter);
    // The field table lists fields by wire name, byte by byte: the client encodes a request
    // in that order, so its parameters arrive nearly in the order UCloud signs them and
    // sorting them is a merge of a few (see the runtime's `Params::sort`).
    let mut by_wire: Vec<_> = fields.iter().collect();
    by_wire.sort_by(|a, b| a.node.name.as_bytes().cmp(b.node.name.as_bytes()));
    let wires: Vec<&str> = by_wire.iter().map(|f| f.node.name.as_str()).collect();
    let in_order = in_wire_order(&wires).then(|| quote!(in_wire_order));
    let entries = by_wire.into_iter().map(|f| {
        let (id, wire) = (&f.id, &f.node.name);
        let kind = f.elem.kind(shape(f), f.base64);
        // A required list must be present when the request is read back.
        let required = (f.required && f.node.list).then(|| quote!(required));
        quote!(#id: #wire #kind #required)
    });
    let init = if derive_default.is_some() {
        quote!(default)
    } else {
        quote!(blank)
    };
    let impl_request = top.then(|| {
        let (resp, wire) = (ident(&n.response.name), &a.name);
        let common = common_flags(a);
        let read_only = a.facts.read_only;
        quote!(request!(#name => #resp, PRODUCT, #wire #common; read_only = #read_only);)
    });
    quote! {
        #struct_doc
        #[derive(Clone, #derive_default)]
        #[non_exhaustive]
        pub struct #name { #(#decls)* #extras_decl }
        #required_struct
        impl #name {
            #constructor
            #(#setters)*
        }
        model!(#name: #init #in_order #marker { #(#entries),* });
        #impl_request
        #(#nested)*
    }
}

/// Whether the field is a list, a required value or an `Option`.
fn shape(f: &ReqField) -> Shape {
    if f.node.list {
        Shape::List
    } else if f.required {
        Shape::Value
    } else {
        Shape::Optional
    }
}

/// The field's type: the element, in a `Vec` for lists, in an `Option` when it may be left
/// out.
fn rust_type(f: &ReqField) -> TokenStream {
    let elem = f.elem.tokens();
    match shape(f) {
        Shape::List => quote!(Vec<#elem>),
        Shape::Value => elem,
        Shape::Optional => quote!(Option<#elem>),
    }
}

/// The struct of the required parameters (when there are two or more) and `new`; `top`:
/// the request itself, which also starts with no extra parameters.
fn constructor(
    names: &StructNames,
    fields: &[ReqField],
    top: bool,
) -> (Option<TokenStream>, TokenStream) {
    let required: Vec<&ReqField> = fields.iter().filter(|f| f.required).collect();
    let optional_init = fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| {
            let id = &f.id;
            if f.node.list {
                quote!(#id: Vec::new())
            } else {
                quote!(#id: None)
            }
        })
        .chain(top.then(|| quote!(extras: Default::default())));
    match (required.as_slice(), &names.required) {
        ([], _) => (
            None,
            quote! {
                /// The request with no parameter set; set optional ones with the methods below.
                pub fn new() -> Self { Self::default() }
            },
        ),
        ([one], _) => {
            let id = &one.id;
            let (arg, init) = if one.node.list {
                list_argument(&one.elem, id)
            } else {
                one.elem.argument(id)
            };
            let doc = format!(
                " With its one required parameter, `{}`; set optional ones with the methods below.",
                one.node.name
            );
            // `Self { port, … }`: clippy wants the shorthand where the argument is the value.
            let init = if *id == init.to_string() {
                quote!(#id)
            } else {
                quote!(#id: #init)
            };
            (
                None,
                quote! {
                    #[doc = #doc]
                    pub fn new(#id: #arg) -> Self {
                        Self { #init, #(#optional_init),* }
                    }
                },
            )
        }
        (many, req_name) => {
            // The plan names the struct whenever there are two or more.
            let req_name = req_name
                .clone()
                .unwrap_or_else(|| format!("{}Required", names.name));
            let req = ident(&req_name);
            let doc = format!(
                " The required parameters of [`{}`], named: `{}::new({req_name} {{ … }})`.",
                names.name, names.name
            );
            let decls = many.iter().map(|f| {
                let (id, doc, dep, ty) = (&f.id, &f.doc, &f.deprecated, rust_type(f));
                quote! { #doc #dep pub #id: #ty, }
            });
            let moves = many.iter().map(|f| {
                let id = &f.id;
                quote!(#id: required.#id)
            });
            (
                Some(quote! {
                    #[doc = #doc]
                    #[derive(Debug, Clone)]
                    pub struct #req { #(#decls)* }
                }),
                quote! {
                    /// With its required parameters, each named; set optional ones with the
                    /// methods below.
                    pub fn new(required: #req) -> Self {
                        Self { #(#moves,)* #(#optional_init),* }
                    }
                },
            )
        }
    }
}

/// `fn charge_type(mut self, v: impl Into<ChargeType>) -> Self`.
fn setter(f: &ReqField) -> TokenStream {
    let id = &f.id;
    // `Self::x` would resolve to this method, which has the field's name.
    let link = format!("Sets [`{id}`](field@Self::{id})");
    let doc = match f.summary.as_str() {
        "" => docs::lit(&format!(" {link}.")),
        summary => docs::lit(&format!(" {link}: {}", docs::text(summary))),
    };
    let (arg, value) = if f.node.list {
        list_argument(&f.elem, id)
    } else {
        let (arg, init) = f.elem.argument(id);
        (arg, quote!(Some(#init)))
    };
    let dep = &f.deprecated;
    quote! {
        #[doc = #doc]
        #dep
        pub fn #id(mut self, #id: #arg) -> Self {
            self.#id = #value;
            self
        }
    }
}

/// The attribute of a deprecated parameter's field and setter (a user who sets it is warned;
/// the generated module that reads it allows the lint, see `service::module`).
fn deprecated_attr(deprecated: bool) -> TokenStream {
    match deprecated {
        true => quote!(#[deprecated(note = "the documentation marks this parameter deprecated")]),
        false => TokenStream::new(),
    }
}

/// A list argument: any iterable of the element (or of what converts into it).
fn list_argument(elem: &Elem, id: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let ty = elem.tokens();
    if elem.converts() {
        (
            quote!(impl IntoIterator<Item = impl Into<#ty>>),
            quote!(#id.into_iter().map(Into::into).collect()),
        )
    } else {
        (
            quote!(impl IntoIterator<Item = #ty>),
            quote!(#id.into_iter().collect()),
        )
    }
}

/// The struct's docs, then how to build it, before rustdoc lists the fields.
fn with_construction(
    mut doc: Vec<String>,
    names: &StructNames,
    fields: &[ReqField],
) -> Vec<String> {
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.node.name.as_str())
        .collect();
    doc.push(String::new());
    doc.push(match (required.as_slice(), &names.required) {
        ([], _) => "Build it with [`new`](Self::new) and set the parameters you need with the methods named after them.".to_string(),
        ([one], _) => format!("Build it with [`new`](Self::new), which takes the required `{one}`; set optional parameters with the methods named after them."),
        (_, req) => format!(
            "Build it with [`new`](Self::new), which takes the required parameters by name in a [`{}`] ({}); set optional parameters with the methods named after them.",
            req.as_deref().unwrap_or("…Required"),
            required.join(", ")
        ),
    });
    doc
}

/// The parameter's docs, or its wire name where the page gives none.
fn field_doc(
    node: &ParamNode,
    param: Option<&crate::spec::Param>,
    wire: &str,
    top: bool,
    elem: &Elem,
) -> Vec<String> {
    let mut lines: Vec<String> = match param {
        Some(p) if !p.facts.docs.is_empty() => p.facts.docs.lines().map(String::from).collect(),
        // Without the page's words, the wire name below says what it is.
        _ => Vec::new(),
    };
    if param.is_some_and(|p| p.base64) && !node.list {
        lines.push(String::new());
        lines.push("Pass the plain value: the SDK base64-encodes it, as the API requires.".into());
    }
    if top && param.is_some_and(|p| p.common) {
        let note = format!("(Default: the client's configured {}.)", node.name);
        match lines.last_mut() {
            Some(last) => {
                last.push(' ');
                last.push_str(&note);
            }
            None => lines.push(note),
        }
    }
    super::wire::append(&mut lines, elem, node.list, &super::wire::path(wire));
    lines
}

/// `, REGION_REQUIRED, ZONE` for the common parameters the page lists; a `_REQUIRED` flag
/// implies the plain one.
fn common_flags(a: &Action) -> TokenStream {
    let mut common: Vec<(Common, bool)> = a
        .request
        .iter()
        .filter_map(|p| Some((p.common_param()?, p.required)))
        .collect();
    common.sort();
    let flags = common.into_iter().map(|(c, required)| {
        let flag = match c {
            Common::Region => "REGION",
            Common::Zone => "ZONE",
            Common::ProjectId => "PROJECT_ID",
        };
        if required {
            format_ident!("{flag}_REQUIRED")
        } else {
            format_ident!("{flag}")
        }
    });
    quote!(#(, #flags)*)
}

/// Whether fields with these wire names, in this order, encode into parameter names in byte
/// order with none repeated, which the runtime's `model!` is told with `in_wire_order` (and
/// then does not sort them): each name sorts before the next, and every name under it
/// (`Disks.0.Size` under `Disks`) before the next name too. Sorted names fail that only
/// where one is the start of the next and the next goes on with a byte before `.` (`Tag`,
/// `Tag-Key`: `Tag.0` sorts after `Tag-Key`), or where a name repeats.
fn in_wire_order(wires: &[&str]) -> bool {
    wires.windows(2).all(|w| {
        let (a, b) = (w[0].as_bytes(), w[1].as_bytes());
        match a.iter().zip(b).position(|(x, y)| x != y) {
            Some(k) => a[k] < b[k],
            // One starts the other: `a` must be the shorter, and what `b` goes on with must
            // sort after the dot that joins the names under `a`.
            None => b.len() > a.len() && b[a.len()] > b'.',
        }
    })
}

#[cfg(test)]
mod tests {
    use super::in_wire_order;

    #[test]
    fn wire_order_holds_for_names_and_the_names_under_them() {
        assert!(in_wire_order(&[]));
        assert!(in_wire_order(&["Name"]));
        assert!(in_wire_order(&[
            "CPU",
            "ChargeType",
            "Disks",
            "DisksSize",
            "Zone"
        ]));
        assert!(in_wire_order(&["Z", "Zon", "Zone", "ZoneId", "Zone_", "a"]));
        // `Tag.0` sorts after `Tag-Key` ('-' is before '.'), and `Zone.x.…` may meet `Zone.…`.
        assert!(!in_wire_order(&["Tag", "Tag-Key"]));
        assert!(!in_wire_order(&["Zone", "Zone.x"]));
        assert!(!in_wire_order(&["B", "A"]));
        assert!(!in_wire_order(&["AB", "A"]));
        assert!(!in_wire_order(&["A", "A"]), "a repeated name");
    }
}
