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
    /// An int-backed open enum (an `int` field whose codes are documented).
    IntEnum(String),
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
            if s == Scalar::Int {
                Elem::IntEnum(e.clone())
            } else {
                Elem::Enum(e.clone())
            }
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
            Elem::Secret => quote!(crate::runtime::Secret),
            Elem::Enum(name) | Elem::IntEnum(name) | Elem::Struct { name, boxed: false } => {
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
    /// into the element: strings, secrets and enums take anything convertible (an
    /// int-backed enum takes its variants and any `i64`).
    pub fn argument(&self, arg: &Ident) -> (TokenStream, TokenStream) {
        let ty = self.tokens();
        if self.converts() {
            (quote!(impl Into<#ty>), quote!(#arg.into()))
        } else {
            (ty, quote!(#arg))
        }
    }

    /// Whether a list of these takes `impl Into` items (`.uhost_ids(["a", "b"])`).
    pub fn converts(&self) -> bool {
        matches!(
            self,
            Elem::Scalar(Scalar::String | Scalar::Any)
                | Elem::Secret
                | Elem::Enum(_)
                | Elem::IntEnum(_)
        )
    }
}

/// Whether a field is a value, an `Option` or a `Vec`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Value,
    Optional,
    List,
}

impl Elem {
    /// The field's kind as the runtime's `model!` names it (a function of its `access`):
    /// `OptStr`, `Models(ImageSet)`, `OptBase64Secret`, … An enum's or a struct's kind takes
    /// its type; a boxed struct is `OptBoxModel`. `base64`: the field is sent base64-encoded
    /// (only single strings and secrets are; a list is sent as given).
    pub fn kind(&self, shape: Shape, base64: bool) -> TokenStream {
        let base = match self {
            Elem::Scalar(Scalar::String) if base64 && shape != Shape::List => "Base64Str",
            Elem::Secret if base64 && shape != Shape::List => "Base64Secret",
            Elem::Scalar(Scalar::String) => "Str",
            Elem::Scalar(Scalar::Int) => "Int",
            Elem::Scalar(Scalar::Float) => "Float",
            Elem::Scalar(Scalar::Bool) => "Bool",
            Elem::Scalar(Scalar::Any) => "Json",
            Elem::Secret => "Secret",
            Elem::Enum(_) => "Enum",
            Elem::IntEnum(_) => "IntEnum",
            Elem::Struct { boxed: false, .. } => "Model",
            Elem::Struct { boxed: true, .. } => "BoxModel",
        };
        let kind = ident(&match shape {
            Shape::Value => base.to_string(),
            Shape::Optional => format!("Opt{base}"),
            Shape::List => format!("{base}s"),
        });
        match self {
            Elem::Enum(name) | Elem::IntEnum(name) | Elem::Struct { name, .. } => {
                let ty = ident(name);
                quote!(#kind(#ty))
            }
            _ => quote!(#kind),
        }
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
