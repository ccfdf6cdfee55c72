//! Names of enum types and their variants, in one place so that the spec stage (which decides
//! which fields share an enum and what it is called, [`crate::facts::enums::group`]) and the
//! emitters agree. Names here are page-style (`CreateRuleRuleConditionsType`); the emitter's
//! `claim_type` makes them Rust type names and resolves collisions with other types.

use crate::names;

/// The enum of a field whose field name has one value set in its product: the field's own
/// name (`ChargeType`).
pub fn plain(field: &str) -> String {
    field.to_string()
}

/// The enum of a field whose field name has several value sets in its product, named after
/// the field's owner, as typify names an inline type (`CreateRuleRuleConditions` + `Type`).
pub fn owned(owner: &str, field: &str) -> String {
    format!("{owner}{field}")
}

/// The owner of a request parameter: the action, then each segment of a nested struct
/// capitalised, as the emitter names the nested request struct (`CreateRule` and
/// `RuleConditions.N.Type` give `CreateRuleRuleConditions`).
pub fn param_owner(action: &str, wire: &str) -> String {
    let mut segments: Vec<&str> = wire.split('.').filter(|s| *s != "N").collect();
    segments.pop();
    let nested: String = segments.iter().map(|s| names::type_name(s)).collect();
    format!("{action}{nested}")
}

/// The last segment of a wire name (`Type` of `RuleConditions.N.Type`).
pub fn field(wire: &str) -> &str {
    wire.rsplit('.').find(|s| *s != "N").unwrap_or(wire)
}

/// Whether every value has a variant name: ASCII letters or digits to make one of, or the
/// empty string (`Empty`), which pages list for "unknown". A value set without one stays the
/// plain type.
pub fn has_variant_names<'a>(mut values: impl Iterator<Item = &'a str>) -> bool {
    let mut any = false;
    let all = values.all(|v| {
        any = true;
        v.is_empty() || names::variant(v).is_some()
    });
    any && all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_follow_nested_structs() {
        assert_eq!(param_owner("CreateRule", "Type"), "CreateRule");
        assert_eq!(
            param_owner("CreateRule", "RuleConditions.N.Type"),
            "CreateRuleRuleConditions"
        );
        assert_eq!(
            param_owner("CreateUHostInstance", "NetworkInterface.N.EIP.PayMode"),
            "CreateUHostInstanceNetworkInterfaceEIP"
        );
        assert_eq!(field("RuleConditions.N.Type"), "Type");
        assert_eq!(field("Status.N"), "Status");
    }

    #[test]
    fn values_need_names() {
        assert!(has_variant_names(["Year", ""].into_iter()));
        assert!(!has_variant_names(["中文"].into_iter()));
        assert!(!has_variant_names(std::iter::empty()));
    }
}
