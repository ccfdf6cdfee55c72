//! Fields from examples (placeholder).

use crate::spec::{FieldType, Service};
use std::collections::BTreeSet;

/// Removes inferred models no field refers to any more (after an override excluded the
/// field that did).
pub fn drop_unused_models(svc: &mut Service) {
    loop {
        let used: BTreeSet<&str> = svc
            .actions
            .iter()
            .flat_map(|a| &a.response)
            .chain(svc.models.iter().flat_map(|m| &m.fields))
            .filter_map(|f| match &f.ty {
                FieldType::Model(m) => Some(m.as_str()),
                FieldType::Scalar(_) => None,
            })
            .collect();
        let unused: Vec<String> = svc
            .models
            .iter()
            .filter(|m| m.inferred.is_some() && !used.contains(m.name.as_str()))
            .map(|m| m.name.clone())
            .collect();
        if unused.is_empty() {
            return;
        }
        svc.models.retain(|m| !unused.contains(&m.name));
    }
}
