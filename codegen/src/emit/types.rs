//! The Rust type of a field, from its spec type and facts and the plan's enum for it; and the
//! shared helpers for identifiers.

use super::plan::{FieldNames, Plan};
use crate::spec::{FieldFacts, FieldType, Scalar};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// What a field holds, before `Option`/`Vec`.
#[derive(Clone)]
pub enum Elem {
    Scalar(Scalar),
    Secret,
    Enum(String),
    /// A struct of this module (a model or a nested request struct), maybe boxed.
    Struct {
        name: String,
        boxed: bool,
    },
}

impl Elem {
    /// The element type of a scalar field: a secret, an open enum or the scalar.
    pub fn of_scalar(s: Scalar, facts: &FieldFacts, names: &FieldNames) -> Elem {
        if let Some(e) = &names.enum_type {
            Elem::Enum(e.clone())
        } else if s == Scalar::String && facts.sensitive {
            Elem::Secret
        } else {
            Elem::Scalar(s)
        }
    }

    /// The element type of a response or model field.
    pub fn of_field(
        ty: &FieldType,
        facts: &FieldFacts,
        names: &FieldNames,
        plan: &Plan,
        boxed: bool,
    ) -> Elem {
        match ty {
            FieldType::Scalar(s) => Elem::of_scalar(*s, facts, names),
            FieldType::Model(m) => Elem::Struct {
                name: plan.models[m].name.clone(),
                boxed,
            },
        }
    }

    pub fn tokens(&self) -> TokenStream {
        match self {
            Elem::Scalar(s) => scalar(*s),
            Elem::Secret => quote!(crate::Secret),
            Elem::Enum(name) | Elem::Struct { name, boxed: false } => {
                let id = ident(name);
                quote!(#id)
            }
            Elem::Struct { name, boxed: true } => {
                let id = ident(name);
                quote!(Box<#id>)
            }
        }
    }

    /// The argument type a setter or constructor takes for it, and how to turn the argument
    /// into the element: strings, secrets and enums take anything convertible.
    pub fn argument(&self, arg: &Ident) -> (TokenStream, TokenStream) {
        let ty = self.tokens();
        match self {
            Elem::Scalar(Scalar::String | Scalar::Any) | Elem::Secret | Elem::Enum(_) => {
                (quote!(impl Into<#ty>), quote!(#arg.into()))
            }
            _ => (ty, quote!(#arg)),
        }
    }

    /// Whether a list of these takes `impl Into` items (`.uhost_ids(["a", "b"])`).
    pub fn converts(&self) -> bool {
        matches!(
            self,
            Elem::Scalar(Scalar::String | Scalar::Any) | Elem::Secret | Elem::Enum(_)
        )
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
