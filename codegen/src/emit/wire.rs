//! The end of every field's docs: what a list's items or a struct field is (linked), and the
//! field's wire name as the pages, the errors and the mock spell it (`Disks.N.IsBoot`,
//! `UHostSet.N.State`).
//!
//! Request structs are one per parameter path, so each field has one full path. A response
//! model can sit at several paths (several actions, or several fields, return it): a model
//! with one owner path gets full paths; one with several gets its key and the paths that own
//! it ([`Owners`]).

use super::types::Elem;
use crate::spec::{FieldType, Scalar, Service};
use std::collections::{BTreeMap, BTreeSet};

/// How many owner paths a shared model's fields name before `and N more`.
const OWNERS_SHOWN: usize = 4;

/// Ends a field's docs (`lines`, empty where the page has none) with what its items are (a
/// list) or what it is (a struct), and its wire name, in a paragraph of its own.
pub fn append(lines: &mut Vec<String>, elem: &Elem, list: bool, wire: &str) {
    let what = match (list, elem) {
        (true, e) => format!("Each item is {}. ", item(e)),
        (false, Elem::Struct { name, .. }) => format!("A [`{name}`]. "),
        (false, _) => String::new(),
    };
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("{what}Wire name: {wire}"));
}

/// `a [`Disk`]`, `a string`: an item of a list, linked when it is a type of the module.
fn item(elem: &Elem) -> String {
    match elem {
        Elem::Struct { name, .. } => format!("a [`{name}`]"),
        Elem::Enum(name) => format!("a [`{name}`] value"),
        Elem::IntEnum(name) => format!("a [`{name}`] code"),
        Elem::Secret => "a secret string".into(),
        Elem::Scalar(Scalar::String) => "a string".into(),
        Elem::Scalar(Scalar::Int) => "an integer".into(),
        Elem::Scalar(Scalar::Float) => "a number".into(),
        Elem::Scalar(Scalar::Bool) => "a bool".into(),
        Elem::Scalar(Scalar::Any) => "any JSON value".into(),
    }
}

/// `` `Disks.N.IsBoot` ``: one path.
pub fn path(wire: &str) -> String {
    format!("`{wire}`")
}

/// Where each response model sits in the responses of a product: the paths of the JSON
/// keys that hold it (`UHostSet.N` for an item of a list).
#[derive(Default)]
pub struct Owners(BTreeMap<String, BTreeSet<String>>);

impl Owners {
    /// Walks every response of `svc`, into the models its fields hold.
    pub fn of(svc: &Service) -> Owners {
        let models: BTreeMap<&str, &crate::spec::Model> =
            svc.models.iter().map(|m| (m.name.as_str(), m)).collect();
        let mut owners = Owners::default();
        for a in &svc.actions {
            let mut stack = Vec::new();
            owners.walk(&a.response, "", &models, &mut stack);
        }
        owners
    }

    fn walk<'a>(
        &mut self,
        fields: &'a [crate::spec::Field],
        prefix: &str,
        models: &BTreeMap<&str, &'a crate::spec::Model>,
        stack: &mut Vec<&'a str>,
    ) {
        for f in fields {
            let FieldType::Model(m) = &f.ty else { continue };
            let at = if f.array {
                format!("{prefix}{}.N", f.name)
            } else {
                format!("{prefix}{}", f.name)
            };
            self.0.entry(m.clone()).or_default().insert(at.clone());
            // A model that leads back to itself is walked once per path down.
            let Some(model) = models.get(m.as_str()) else {
                continue;
            };
            if stack.contains(&m.as_str()) {
                continue;
            }
            stack.push(m);
            self.walk(&model.fields, &format!("{at}."), models, stack);
            stack.pop();
        }
    }

    /// The wire name of field `key` of response model `model` (`None` for a response's own
    /// fields): its full path when the model has one owner path, else the key and the paths.
    pub fn wire(&self, model: Option<&str>, key: &str) -> String {
        let paths: Vec<&String> = model
            .and_then(|m| self.0.get(m))
            .map(|p| p.iter().collect())
            .unwrap_or_default();
        match paths.as_slice() {
            [] => path(key),
            [one] => path(&format!("{one}.{key}")),
            many => {
                let shown: Vec<String> = many.iter().take(OWNERS_SHOWN).map(|p| path(p)).collect();
                let more = match many.len().saturating_sub(OWNERS_SHOWN) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                format!(
                    "{} under each of {}{more} (the paths that hold this model)",
                    path(key),
                    shown.join(", ")
                )
            }
        }
    }
}
