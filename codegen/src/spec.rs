//! The intermediate spec model: what the pages say, resolved and merged, before any Rust is
//! emitted. It is serialised as JSON by `ucloud-codegen parse`; other tools read that JSON, so
//! the field names below are a stable interface (see the crate docs for the schema).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;

pub mod tree;

/// The version of the spec JSON's shape; raised when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 2;

/// Everything parsed from a set of pages, one entry per product, sorted by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Spec {
    /// [`SCHEMA_VERSION`] of the program that wrote it.
    #[serde(default)]
    pub schema_version: u32,
    pub services: Vec<Service>,
}

/// One product: a documentation folder such as `uhub-api`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Service {
    /// Product name, the folder without `-api` (`uhub`, `vpc2.0`).
    pub name: String,
    /// The folder the pages came from (`uhub-api`).
    pub folder: String,
    /// What the folder's `README.md` calls the product, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    /// Actions sorted by name.
    pub actions: Vec<Action>,
    /// Data models merged across the product's pages, sorted by name.
    pub models: Vec<Model>,
}

impl Service {
    /// Removes inferred models no field refers to any more (after an override excluded the
    /// field that did).
    pub fn drop_unused_models(&mut self) {
        loop {
            let used: BTreeSet<&str> = self
                .actions
                .iter()
                .flat_map(|a| &a.response)
                .chain(self.models.iter().flat_map(|m| &m.fields))
                .filter_map(|f| match &f.ty {
                    FieldType::Model(m) => Some(m.as_str()),
                    FieldType::Scalar(_) => None,
                })
                .collect();
            let unused: Vec<String> = self
                .models
                .iter()
                .filter(|m| m.inferred.is_some() && !used.contains(m.name.as_str()))
                .map(|m| m.name.clone())
                .collect();
            if unused.is_empty() {
                return;
            }
            self.models.retain(|m| !unused.contains(&m.name));
        }
    }
}

/// A product as its documentation folder's `README.md` names it (`# 云主机 API 简介`,
/// `欢迎您选择 云主机（UHost）`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// `云主机`.
    pub title: String,
    /// `UHost`, when the README says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where the heading is.
    pub source: Span,
}

/// One API action, from one page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Action {
    pub name: String,
    /// The page title (`获取镜像仓库下的镜像`).
    pub title: String,
    pub description: String,
    /// Where the page's title is.
    pub source: Span,
    pub format: PageFormat,
    /// Leaf request parameters in page order, one per wire name.
    pub request: Vec<Param>,
    /// The same parameters folded into a tree (`Disks.N.IsBoot` → `Disks[] { IsBoot }`).
    pub request_tree: Vec<ParamNode>,
    /// Response fields in page order, without `RetCode`, `Action` and `Message`.
    pub response: Vec<Field>,
    pub examples: Examples,
    /// The facts decided about the action after resolving (see [`crate::annotate`]).
    #[serde(default)]
    pub facts: ActionFacts,
}

impl Action {
    /// Folds `request` into `request_tree` again after a change to the parameters (an
    /// override's type or an added parameter). The parameters were placed once when the page
    /// was parsed, and the misfits reported then, so none is left to report.
    pub fn rebuild_request_tree(&mut self) {
        self.request_tree = tree::build(&self.request).0;
    }
}

/// What is decided about an action once, after resolving and overrides; emitters read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionFacts {
    /// The action only reads state, so a call can be retried safely.
    pub read_only: bool,
    /// The page marks the action deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// How the action is paged, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// How to wait with the action until resources reach a state, when one can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiter: Option<Waiter>,
    /// The description as plain text (markdown and `<br>` resolved, links absolute).
    #[serde(default)]
    pub docs: String,
    /// The action's page on docs.ucloud.cn.
    #[serde(default)]
    pub url: String,
    /// Which of `read_only`/`deprecated` the overrides file set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overridden: Vec<String>,
}

/// An action paged by offset: the request's offset and limit parameters, the response's
/// total count and the list that holds a page's items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    pub offset: String,
    pub limit: String,
    pub total: String,
    pub list: String,
}

/// A read-only action that can be polled until given resources reach a state: it takes a list
/// of resource ids (`id_param`, e.g. `UHostIds`; or one id when `!ids`, e.g. `DBId`) and
/// returns a list (`list`, e.g. `UHostSet`) of a model with the id (`id_field`, `UHostId`) and a
/// state with documented values (`state_field`, `State`: `states`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiter {
    pub id_param: String,
    /// `id_param` is a list (`UHostIds.N`) rather than one id.
    pub ids: bool,
    pub list: String,
    pub model: String,
    pub id_field: String,
    pub state_field: String,
    pub states: Vec<String>,
}

/// What is decided about a request parameter or a response or model field, once, after
/// resolving and overrides; emitters read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldFacts {
    /// A secret (a password, a private key, a token): never printed or logged.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// The page marks it deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// A model field (not a list) whose model leads back to its owner through other such
    /// fields: held in a `Box`, or the type would be infinitely large.
    #[serde(default, skip_serializing_if = "is_false")]
    pub boxed: bool,
    /// The default the page states, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The unit the page states (`GB`, `秒`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The documented values, when the description lists them unambiguously.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enumeration: Option<Enumeration>,
    /// The product's enum type the values are, by its page-style name (`ChargeType`,
    /// `CreateRuleRuleConditionsType`): fields with the same name share one type. Decided by
    /// [`crate::facts::enums::group`] after the overrides (an override may pin it); `None`
    /// keeps the plain scalar type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enum_type: Option<String>,
    /// The description as plain text (markdown and `<br>` resolved, links absolute).
    #[serde(default)]
    pub docs: String,
}

/// A documented enumeration of values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enumeration {
    pub values: Vec<EnumValue>,
    /// The text of the description the values were read from.
    pub source: String,
    /// The reference page's table the values were taken from, when the description links
    /// one instead of listing them (`facts::enums::references`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Span>,
}

/// One documented value and what the page says it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumValue {
    pub value: String,
    #[serde(default)]
    pub doc: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageFormat {
    /// `## 定义` / `### 请求参数` pages (2020-05 onwards).
    Current,
    /// `# Request Parameters` pages (2019-09 to 2020-05).
    Legacy,
}

/// A leaf request parameter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Param {
    /// As on the wire with `N` for list indices: `Disks.N.IsBoot`.
    pub wire_name: String,
    /// The scalar type; for `X.N` names the element type.
    #[serde(rename = "type")]
    pub ty: Scalar,
    pub required: bool,
    /// Region, Zone or ProjectId: the client defaults them from its configuration.
    pub common: bool,
    /// The page asks for the value base64-encoded; the SDK encodes it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub base64: bool,
    pub description: String,
    /// The table row.
    pub source: Span,
    /// Set when the row was typed by a model of the page and this parameter is one of the
    /// model's fields (see [`FromModel`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_model: Option<FromModel>,
    /// Which of `type`/`required` an override set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overridden: Vec<String>,
    #[serde(default)]
    pub facts: FieldFacts,
}

/// Where an expanded request parameter came from: the page's row `Targets | array[TargetConfig]`
/// stands for `Targets.N.ResourceId`, `Targets.N.Port`, …, the fields of `TargetConfig`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromModel {
    /// The model whose field this parameter is (`TargetConfig`).
    pub model: String,
    /// The wire name of the group the model's fields make (`Targets.N`).
    pub group: String,
    /// Whether the group itself is required: the row's flag, or the model field's for a
    /// nested model. The parameter's own flag says whether it is required within the group.
    pub required: bool,
}

/// A node of the request tree: one segment of a wire name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParamNode {
    /// The segment (`Disks`, `IsBoot`).
    pub name: String,
    /// Followed by `.N` on the wire: a list.
    pub list: bool,
    /// Required within its parent: a leaf's own flag; for a group made from a model, the
    /// flag its row gives ([`FromModel::required`]); for any other group, any child's.
    pub required: bool,
    /// `Some` for a leaf.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Scalar>,
    /// Index into [`Action::request`] for a leaf.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<usize>,
    /// For a group made from a model of the page, the model (`TargetConfig`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub children: Vec<ParamNode>,
}

/// A response or model field.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    pub array: bool,
    pub required: bool,
    pub description: String,
    /// The table row; for an inferred field, where its key is in the response example.
    pub source: Span,
    /// Set when no table lists the field and it was inferred from a response example: where
    /// its key is in the example (see [`crate::infer`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Span>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overridden: Vec<String>,
    #[serde(default)]
    pub facts: FieldFacts,
}

/// A data model (`#### ImageSet`), merged across a product's pages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub name: String,
    pub fields: Vec<Field>,
    /// Every heading that defines it; for an inferred model, where it is in the example.
    pub sources: Vec<Span>,
    /// Set when no table defines the model and it was inferred from a response example's
    /// object: where the object is (see [`crate::infer`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Span>,
}

/// A place in a page: the file (as given to the generator, with `/` separators) and the
/// 1-based line; line 0 is the file as a whole. Serialised as `{"file": "...", "line": N}`;
/// displayed as `file:line`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub file: String,
    pub line: usize,
}

impl Span {
    pub fn new(file: impl Into<String>, line: usize) -> Span {
        Span {
            file: file.into(),
            line,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}", self.file, self.line)
        } else {
            f.write_str(&self.file)
        }
    }
}

/// The page's examples, kept for the example tests.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Examples {
    /// `name=value` pairs of the request example after `Action`, in page order.
    pub request: Vec<(String, String)>,
    /// The response example's JSON, if it parses.
    pub response: Option<serde_json::Value>,
    /// Where the response example contradicts the page's tables (see [`crate::defects`]):
    /// its test is generated but ignored, with these reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_defects: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    String,
    Int,
    Float,
    Bool,
    /// Untyped (`object`, or an `array`/`object` nothing resolves): a JSON value.
    Any,
}

impl Scalar {
    pub fn as_str(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Int => "int",
            Scalar::Float => "float",
            Scalar::Bool => "bool",
            Scalar::Any => "any",
        }
    }

    pub fn from_name(s: &str) -> Option<Scalar> {
        Some(match s {
            "string" => Scalar::String,
            "int" => Scalar::Int,
            "float" => Scalar::Float,
            "bool" => Scalar::Bool,
            "any" => Scalar::Any,
            _ => return None,
        })
    }
}

/// A field's element type: a scalar, or a model of the same product.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldType {
    Scalar(Scalar),
    Model(String),
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldType::Scalar(s) => f.write_str(s.as_str()),
            FieldType::Model(m) => write!(f, "model:{m}"),
        }
    }
}

impl FieldType {
    pub fn parse(s: &str) -> Option<FieldType> {
        match s.strip_prefix("model:") {
            Some(m) if !m.is_empty() => Some(FieldType::Model(m.to_string())),
            Some(_) => None,
            None => Scalar::from_name(s).map(FieldType::Scalar),
        }
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Scalar::from_name(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown type {s:?}")))
    }
}

impl Serialize for FieldType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        FieldType::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown type {s:?}")))
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Region, Zone and ProjectId: every action may take them; the client fills them in.
pub const COMMON_PARAMS: [&str; 3] = ["Region", "Zone", "ProjectId"];

/// Which common parameter a [`Param`] is, in the order of [`COMMON_PARAMS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Common {
    Region,
    Zone,
    ProjectId,
}

impl Param {
    /// The common parameter this one is, when the spec marks it common (`common`, decided
    /// when the page is parsed or the parameter added): emitters read this and match no names.
    pub fn common_param(&self) -> Option<Common> {
        if !self.common {
            return None;
        }
        match self.wire_name.as_str() {
            "Region" => Some(Common::Region),
            "Zone" => Some(Common::Zone),
            "ProjectId" => Some(Common::ProjectId),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn spans_serialise_as_file_and_line_and_display_as_file_colon_line() {
        let at = Span::new("specs/uhub-api/get_repo_image.md", 12);
        let json = serde_json::to_value(&at).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"file": "specs/uhub-api/get_repo_image.md", "line": 12})
        );
        assert_eq!(serde_json::from_value::<Span>(json).unwrap(), at);
        assert_eq!(at.to_string(), "specs/uhub-api/get_repo_image.md:12");
        assert_eq!(Span::new("a.md", 0).to_string(), "a.md");
    }
}
