//! The ground truth: what the official Go SDK says about each action (schema_version 1 of
//! `ucloud-sdk-go.json`, see `shared/ground-truth/README.md`), reduced to the parts the
//! comparison needs and with Go types mapped onto the spec model's scalar names.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
pub struct Truth {
    pub products: BTreeMap<String, Product>,
    pub services: BTreeMap<String, SdkService>,
}

#[derive(Debug, Deserialize)]
pub struct Product {
    pub sdk_service: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SdkService {
    pub actions: BTreeMap<String, SdkAction>,
    #[serde(default)]
    pub models: BTreeMap<String, Vec<SdkField>>,
}

#[derive(Debug, Deserialize)]
pub struct SdkAction {
    pub request_flat: Vec<SdkParam>,
    pub response: Vec<SdkField>,
}

#[derive(Debug, Deserialize)]
pub struct SdkParam {
    pub wire_name: String,
    pub go_type: String,
    /// Absent only in stepflow, whose fields have no tags: no flag to compare.
    #[serde(default)]
    pub required: Option<bool>,
    /// `false` for a nested param struct (`Disks.N`), whose leaves are listed after it.
    pub leaf: bool,
}

/// A response field or a model field.
#[derive(Debug, Deserialize)]
pub struct SdkField {
    pub name: String,
    pub go_type: String,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub common: bool,
}

pub fn load(path: &Path) -> Result<Truth, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: not the expected JSON: {e}", path.display()))
}

/// A Go type as the spec model names it: `*string`/`[]string` → `string`, integers → `int`,
/// `*float64` → `float`, `*bool` → `bool`, anything else (a struct) → `model`.
pub fn kind(go_type: &str) -> &'static str {
    match go_type.trim_start_matches(['*', '[', ']']) {
        "string" => "string",
        "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16" | "uint32"
        | "uint64" => "int",
        "float32" | "float64" => "float",
        "bool" => "bool",
        _ => "model",
    }
}

pub fn is_slice(go_type: &str) -> bool {
    go_type.starts_with("[]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_types() {
        assert_eq!(kind("*string"), "string");
        assert_eq!(kind("[]string"), "string");
        assert_eq!(kind("int64"), "int");
        assert_eq!(kind("*float64"), "float");
        assert_eq!(kind("*bool"), "bool");
        assert_eq!(kind("[]UHostDisk"), "model");
        assert!(is_slice("[]int") && !is_slice("*int"));
    }
}
