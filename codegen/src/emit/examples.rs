//! The pages' own examples as tests: each response example must decode into the generated
//! response type with no field left over, and each request example must be buildable from
//! the generated request type and encode back to the example's parameters.
//!
//! A request example that cannot be built (a parameter missing from the table, a value that
//! is not of the table's type, a required parameter left out) is the page's defect: no test is
//! emitted and [`request_case`] says why.

use super::plan::{is_required, ActionNames, FieldNames, Plan, StructNames};
use super::types::ident;
use crate::names::normalize_wire_name;
use crate::spec::{Action, ParamNode, Scalar, Service};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// A value from the request example, shaped like the request tree.
#[derive(Debug)]
enum ExVal {
    Leaf(String),
    List(BTreeMap<usize, ExVal>),
    Group(BTreeMap<String, ExVal>),
}

/// A reproducible request example: the tokens that build it, and the expected parameters.
pub struct RequestCase {
    pub build: TokenStream,
    pub expected: Vec<(String, String)>,
}

pub fn module(svc: &Service, plan: &Plan) -> TokenStream {
    let m = ident(&plan.module);
    let tests = svc.actions.iter().zip(&plan.actions).map(|(a, n)| {
        let resp = a
            .examples
            .response
            .as_ref()
            .filter(|v| v.is_object())
            .map(|json| {
                let test = format_ident!("{}_response", n.method);
                let ty = ident(&n.response.name);
                let ignore = page_defect(&svc.folder, &a.source, &a.examples.response_defects);
                let expected = super::roundtrip::response(a, &svc.models).unwrap_or_default();
                let json = raw_string(&serde_json::to_string(json).unwrap_or_default());
                let expected = raw_string(&serde_json::to_string(&expected).unwrap_or_default());
                quote! {
                    #[test]
                    #ignore
                    fn #test() {
                        ucloud_sdk::runtime::__private::examples::assert_response_example::<#ty>(
                            #json,
                            #expected,
                        );
                    }
                }
            });
        let req = request_case(a, n).ok().map(|case| {
            let test = format_ident!("{}_request", n.method);
            let build = case.build;
            let pairs = case.expected.iter().map(|(k, v)| quote!((#k, #v)));
            quote! {
                #[test]
                fn #test() {
                    #build
                    ucloud_sdk::runtime::__private::examples::assert_request_example(&req, &[#(#pairs),*]);
                }
            }
        });
        quote!(#resp #req)
    });
    let tests: Vec<TokenStream> = tests.filter(|t| !t.is_empty()).collect();
    let secrets = super::secrets::test(svc, plan);
    // A product none of whose pages has a usable example has no example tests; an unused
    // import would be a warning.
    if tests.is_empty() {
        return secrets;
    }
    quote! {
        use ucloud_sdk::#m::*;
        #(#tests)*
        #secrets
    }
}

/// `#[ignore = "page defect: …"]` for an example that contradicts its page's tables (the
/// first reasons and how many more). The page is named as in the documentation repository
/// (`uhost-api/x.md`), so the output does not depend on where the pages were read from.
fn page_defect(folder: &str, source: &crate::spec::Span, defects: &[String]) -> TokenStream {
    const SHOWN: usize = 3;
    if defects.is_empty() {
        return quote!();
    }
    let page = super::page_ref(folder, &crate::spec::Span::new(source.file.as_str(), 0));
    let shown = defects[..defects.len().min(SHOWN)].join("; ");
    let mut reason = format!("page defect: {page}: {shown}");
    if defects.len() > SHOWN {
        reason.push_str(&format!("; and {} more", defects.len() - SHOWN));
    }
    let reason = super::docs::lit(&super::docs::text(&reason));
    quote!(#[ignore = #reason])
}

/// Builds the request example, or says why the page's example cannot be reproduced.
pub fn request_case(a: &Action, n: &ActionNames) -> Result<RequestCase, Vec<String>> {
    if a.examples.request.is_empty() {
        return Err(vec!["the page has no request example".into()]);
    }
    let mut problems = Vec::new();
    let mut roots: BTreeMap<String, ExVal> = BTreeMap::new();
    for (key, value) in &a.examples.request {
        let wire = normalize_wire_name(key);
        if !a.request.iter().any(|p| p.wire_name == wire) {
            problems.push(format!(
                "example parameter {key} is not in the request table"
            ));
            continue;
        }
        if let Err(e) = insert(&mut roots, &a.request_tree, key, value.clone()) {
            problems.push(format!("example parameter {key}: {e}"));
        }
    }
    let mut expected = BTreeMap::new();
    let mut ctx = Ctx {
        a,
        n,
        problems: &mut problems,
        expected: &mut expected,
    };
    let build = ctx.top(&roots);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(RequestCase {
        build,
        expected: expected.into_iter().collect(),
    })
}

/// Places `key=value` in the tree; `N`, `n` and digits are list indices (`N` is 0).
fn insert(
    roots: &mut BTreeMap<String, ExVal>,
    tree: &[ParamNode],
    key: &str,
    value: String,
) -> Result<(), String> {
    let segs: Vec<&str> = key.split('.').collect();
    insert_at(roots, tree, &segs, value)
}

fn insert_at(
    slot: &mut BTreeMap<String, ExVal>,
    nodes: &[ParamNode],
    segs: &[&str],
    value: String,
) -> Result<(), String> {
    let (first, mut rest) = segs.split_first().ok_or("names a group, not a parameter")?;
    let node = nodes
        .iter()
        .find(|n| n.name == *first)
        .ok_or("not in the request table")?;
    let fresh = || {
        if node.ty.is_some() {
            ExVal::Leaf(String::new())
        } else {
            ExVal::Group(BTreeMap::new())
        }
    };
    let mut target = slot.entry(node.name.clone()).or_insert_with(|| {
        if node.list {
            ExVal::List(BTreeMap::new())
        } else {
            fresh()
        }
    });
    if node.list {
        let (index, r) = rest
            .split_first()
            .ok_or("a list parameter needs an index")?;
        rest = r;
        let index = if index.eq_ignore_ascii_case("n") {
            0
        } else {
            index
                .parse::<usize>()
                .map_err(|_| format!("`{index}` is not a list index"))?
        };
        let ExVal::List(items) = target else {
            return Err("used both as a list and a value".into());
        };
        target = items.entry(index).or_insert_with(fresh);
    }
    match target {
        ExVal::Leaf(v) if rest.is_empty() && node.ty.is_some() => {
            *v = value;
            Ok(())
        }
        ExVal::Group(children) if node.ty.is_none() => {
            insert_at(children, &node.children, rest, value)
        }
        _ => Err("does not match the table's parameter shape".into()),
    }
}

struct Ctx<'a> {
    a: &'a Action,
    n: &'a ActionNames,
    problems: &'a mut Vec<String>,
    expected: &'a mut BTreeMap<String, String>,
}

/// Where an expression goes: a constructor or setter argument (`impl Into<T>` takes a
/// literal as it is) or a place of the exact type (a struct literal, a list element).
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Argument,
    Exact,
}

impl Ctx<'_> {
    /// `let req = X::new(required…).optional(…)…;`
    fn top(&mut self, roots: &BTreeMap<String, ExVal>) -> TokenStream {
        let tree = &self.a.request_tree;
        let names = &self.n.request;
        self.construct(names, tree, roots, &[], true, "")
            .map(|build| quote!(let req = #build;))
            .unwrap_or_default()
    }

    /// `X::new(…).setter(…)…` for a request struct whose fields are `nodes`; `None` when a
    /// required parameter is missing (a problem is recorded).
    fn construct(
        &mut self,
        names: &StructNames,
        nodes: &[ParamNode],
        values: &BTreeMap<String, ExVal>,
        path: &[String],
        top: bool,
        wire: &str,
    ) -> Option<TokenStream> {
        let sname = ident(&names.name);
        let mut required = Vec::new();
        let mut setters = Vec::new();
        for (node, fnames) in nodes.iter().zip(&names.fields) {
            let id = ident(&fnames.name);
            let is_required = is_required(node, self.a, top);
            let node_wire = join(wire, &node.name);
            let mut node_path = path.to_vec();
            node_path.push(node.name.clone());
            match values.get(&node.name) {
                None if is_required => {
                    self.problems.push(format!(
                        "the example leaves out required parameter {node_wire}"
                    ));
                    return None;
                }
                None => {}
                Some(v) => {
                    let place = if is_required && names.required.is_some() {
                        Place::Exact
                    } else {
                        Place::Argument
                    };
                    let e = self.value(node, fnames, v, &node_wire, &node_path, place)?;
                    if is_required {
                        required.push((id, e));
                    } else {
                        setters.push(quote!(.#id(#e)));
                    }
                }
            }
        }
        let args = match (required.as_slice(), &names.required) {
            ([], _) => quote!(),
            ([(_, e)], None) => quote!(#e),
            (many, _) => {
                let req = ident(names.required.as_deref().unwrap_or_default());
                let inits = many.iter().map(|(id, e)| quote!(#id: #e));
                quote!(#req { #(#inits),* })
            }
        };
        Some(quote!(#sname::new(#args) #(#setters)*))
    }

    /// The expression for one node's value; `wire` is its wire name with indices so far.
    fn value(
        &mut self,
        node: &ParamNode,
        fnames: &FieldNames,
        v: &ExVal,
        wire: &str,
        path: &[String],
        place: Place,
    ) -> Option<TokenStream> {
        match v {
            ExVal::List(items) => {
                if items.keys().copied().ne(0..items.len()) {
                    self.problems.push(format!(
                        "{wire}: list indices in the example are not 0, 1, 2, …"
                    ));
                    return None;
                }
                let elems = items
                    .iter()
                    .map(|(i, item)| {
                        self.element(node, fnames, item, &format!("{wire}.{i}"), path, place)
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(match place {
                    Place::Argument => quote!([#(#elems),*]),
                    Place::Exact => quote!(Vec::from([#(#elems),*])),
                })
            }
            other => self.element(node, fnames, other, wire, path, place),
        }
    }

    fn element(
        &mut self,
        node: &ParamNode,
        fnames: &FieldNames,
        v: &ExVal,
        wire: &str,
        path: &[String],
        place: Place,
    ) -> Option<TokenStream> {
        match (v, node.ty) {
            (ExVal::Leaf(s), Some(t)) => {
                let p = node.param.map(|i| &self.a.request[i]);
                let converts =
                    t == Scalar::String || t == Scalar::Any || fnames.enum_type.is_some();
                // An int-backed enum: the code converts where the exact type is needed.
                let code = t == Scalar::Int && fnames.enum_type.is_some();
                self.leaf(
                    t,
                    s,
                    wire,
                    p.is_some_and(|p| p.base64),
                    converts && place == Place::Exact,
                    code,
                )
            }
            (ExVal::Group(children), None) => {
                let names = &self.n.nested[path];
                self.construct(names, &node.children, children, path, false, wire)
            }
            _ => {
                self.problems.push(format!(
                    "{wire}: does not match the table's parameter shape"
                ));
                None
            }
        }
    }

    /// A literal of the table's type; `into`: the place needs the exact type, so a string
    /// literal is converted.
    fn leaf(
        &mut self,
        t: Scalar,
        s: &str,
        wire: &str,
        base64: bool,
        into: bool,
        code: bool,
    ) -> Option<TokenStream> {
        let bad = |problems: &mut Vec<String>, what: &str| {
            problems.push(format!(
                "{wire}: example value {s:?} is not {what}, as the table says"
            ));
            None
        };
        let (expr, sent) = match t {
            Scalar::String | Scalar::Any => {
                let sent = if base64 {
                    encode_base64(s.as_bytes())
                } else {
                    s.to_string()
                };
                let expr = if into { quote!(#s.into()) } else { quote!(#s) };
                (expr, sent)
            }
            Scalar::Int => match s.parse::<i64>() {
                Ok(i) if code && into => {
                    // Parenthesised: `-1.into()` would negate what `into` returns.
                    let lit = Literal::i64_unsuffixed(i);
                    (quote!((#lit).into()), i.to_string())
                }
                Ok(i) => {
                    let lit = Literal::i64_unsuffixed(i);
                    (quote!(#lit), i.to_string())
                }
                Err(_) => return bad(self.problems, "an integer"),
            },
            Scalar::Float => match s.parse::<f64>() {
                Ok(f) if f.is_finite() => {
                    let lit = Literal::f64_unsuffixed(f);
                    (quote!(#lit), format!("{f}"))
                }
                _ => return bad(self.problems, "a number"),
            },
            Scalar::Bool => match s {
                "true" | "false" => {
                    let b = s == "true";
                    (quote!(#b), s.to_string())
                }
                _ => return bad(self.problems, "true or false"),
            },
        };
        self.expected.insert(wire.to_string(), sent);
        Some(expr)
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// `r#"..."#` with enough `#`s, so the JSON reads as it is.
pub(super) fn raw_string(s: &str) -> Literal {
    // A raw string cannot escape direction controls, which rustc refuses as they are.
    if s.contains(super::docs::is_bidi_control) {
        return Literal::string(s);
    }
    let hashes = "#".repeat(
        (1..)
            .find(|n| !s.contains(&format!("\"{}", "#".repeat(*n))))
            .unwrap_or(1),
    );
    format!("r{hashes}\"{s}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(s))
}

/// Standard base64 with padding, as the runtime sends it: the `base64` crate's encoder, the
/// one the runtime uses, so the expected wire value of a page example is encoded exactly as
/// the request will be (and codegen keeps no encoder of its own).
pub(super) fn encode_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    /// The engine is the standard alphabet with padding, as the API expects.
    #[test]
    fn base64() {
        assert_eq!(super::encode_base64(b"UCloud.cn"), "VUNsb3VkLmNu");
        assert_eq!(super::encode_base64(b"ab"), "YWI=");
        assert_eq!(super::encode_base64(b"a"), "YQ==");
    }
}
