//! The OpenAPI 3.1 objects the export writes, as serde structs: fields in the order the
//! specification lists them, maps keyed by name sorted (`BTreeMap`), unset fields left out.

use super::schema::Schema;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The whole document.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub openapi: &'static str,
    pub info: Info,
    #[serde(rename = "externalDocs")]
    pub external_docs: ExternalDocs,
    pub servers: Vec<Server>,
    pub security: Vec<BTreeMap<&'static str, Vec<String>>>,
    /// One per product, sorted by name.
    pub tags: Vec<Tag>,
    /// One per action: `/#<product>/<Action>`, sorted.
    pub paths: BTreeMap<String, PathItem>,
    pub components: Components,
}

#[derive(Debug, Clone, Serialize)]
pub struct Info {
    pub title: &'static str,
    pub version: &'static str,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExternalDocs {
    pub url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Server {
    pub url: &'static str,
    pub description: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    pub name: String,
    pub description: String,
}

/// A path with its one operation: every UCloud action is a POST.
#[derive(Debug, Clone, Serialize)]
pub struct PathItem {
    pub post: Operation,
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    #[serde(rename = "operationId")]
    pub operation_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    #[serde(rename = "externalDocs", skip_serializing_if = "Option::is_none")]
    pub external_docs: Option<ExternalDocs>,
    #[serde(rename = "requestBody")]
    pub request_body: RequestBody,
    pub responses: BTreeMap<&'static str, Response>,
    /// The action only reads state: a call can be retried safely.
    #[serde(rename = "x-ucloud-read-only")]
    pub read_only: bool,
    #[serde(
        rename = "x-ucloud-pagination",
        skip_serializing_if = "Option::is_none"
    )]
    pub pagination: Option<crate::spec::Pagination>,
    /// The action can be polled until given resources reach a state.
    #[serde(rename = "x-ucloud-waiter", skip_serializing_if = "Option::is_none")]
    pub waiter: Option<crate::spec::Waiter>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub description: String,
    pub required: bool,
    pub content: BTreeMap<&'static str, MediaType>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub description: String,
    pub content: BTreeMap<&'static str, MediaType>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MediaType {
    pub schema: Schema,
    /// For a form body: how each nested property is flattened (see `docs/openapi.md`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub encoding: BTreeMap<String, BTreeMap<&'static str, Value>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub examples: BTreeMap<&'static str, Example>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub summary: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub value: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Components {
    /// Each product's data models as `<product>.<Model>`, sorted.
    pub schemas: BTreeMap<String, Schema>,
    #[serde(rename = "securitySchemes")]
    pub security_schemes: BTreeMap<&'static str, Value>,
}
