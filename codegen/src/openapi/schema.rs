//! The JSON Schema subset the export writes: OpenAPI 3.1 schemas are JSON Schema draft
//! 2020-12, so `const`, `contentEncoding`, `if`/`then` and `$ref` with siblings are all
//! standard here. Keywords are written in a fixed order and properties in page order, so
//! the output is deterministic without sorting what a reader expects in the page's order.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// One schema. Unset keywords are left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Schema {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<Value>,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enumeration: Vec<Value>,
    /// What each value of `enum` means, in the same order (`""` where the page says
    /// nothing): the extension openapi-generator reads.
    #[serde(rename = "x-enum-descriptions", skip_serializing_if = "Vec::is_empty")]
    pub enum_descriptions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(rename = "contentEncoding", skip_serializing_if = "Option::is_none")]
    pub content_encoding: Option<&'static str>,
    #[serde(skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    #[serde(rename = "minItems", skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(skip_serializing_if = "Properties::is_empty")]
    pub properties: Properties,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub condition: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<Schema>>,
    /// `x-ucloud-*` facts with no JSON Schema keyword (see `docs/openapi.md`), sorted.
    #[serde(flatten)]
    pub extensions: BTreeMap<&'static str, Value>,
}

impl Schema {
    /// `{"type": ty}`.
    pub fn typed(ty: &'static str) -> Schema {
        Schema {
            ty: Some(ty),
            ..Schema::default()
        }
    }

    /// `{"$ref": target}`.
    pub fn reference(target: String) -> Schema {
        Schema {
            reference: Some(target),
            ..Schema::default()
        }
    }

    /// `{"type": "array", "items": items}`.
    pub fn array(items: Schema) -> Schema {
        Schema {
            items: Some(Box::new(items)),
            ..Schema::typed("array")
        }
    }

    /// An object with `properties` and the `required` list they imply.
    pub fn object(properties: Properties, required: Vec<String>) -> Schema {
        Schema {
            properties,
            required,
            ..Schema::typed("object")
        }
    }

    pub fn extension(&mut self, name: &'static str, value: impl Into<Value>) {
        self.extensions.insert(name, value.into());
    }
}

/// An object's properties in the order they were added (the page's order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Properties(Vec<(String, Schema)>);

impl Properties {
    /// Properties whose names are constants of the export, distinct by construction.
    pub fn known<const N: usize>(entries: [(&str, Schema); N]) -> Properties {
        let mut props = Properties::default();
        for (name, schema) in entries {
            debug_assert!(props.get(name).is_none(), "{name} twice");
            props.0.push((name.to_string(), schema));
        }
        props
    }

    /// Adds a property; a name already present is refused (and returned) rather than
    /// written twice, which JSON objects cannot hold.
    pub fn insert(&mut self, name: &str, schema: Schema) -> Result<(), String> {
        if self.get(name).is_some() {
            return Err(name.to_string());
        }
        self.0.push((name.to_string(), schema));
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&Schema> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for Properties {
    type Item = (String, Schema);
    type IntoIter = std::vec::IntoIter<(String, Schema)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Serialize for Properties {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, schema) in &self.0 {
            map.serialize_entry(name, schema)?;
        }
        map.end()
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_keep_their_order_and_refuse_duplicates() {
        let mut props = Properties::default();
        props.insert("Zeta", Schema::typed("string")).unwrap();
        props.insert("Alpha", Schema::typed("integer")).unwrap();
        assert_eq!(
            props.insert("Zeta", Schema::typed("boolean")),
            Err("Zeta".to_string())
        );
        let json = serde_json::to_string(&Schema::object(props, vec!["Alpha".into()])).unwrap();
        assert_eq!(
            json,
            r#"{"type":"object","properties":{"Zeta":{"type":"string"},"Alpha":{"type":"integer"}},"required":["Alpha"]}"#
        );
    }

    #[test]
    fn unset_keywords_are_left_out_and_extensions_come_last() {
        let mut s = Schema::reference("#/components/schemas/a.B".into());
        s.description = "d".into();
        s.extension("x-ucloud-unit", "GB");
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r##"{"$ref":"#/components/schemas/a.B","description":"d","x-ucloud-unit":"GB"}"##
        );
    }
}
