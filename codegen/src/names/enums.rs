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

/// The enum of the fields that take a reference page's values from the table about the
/// page's subject: named after the page (`disk_type` → `DiskType`).
pub fn reference(page: &str) -> String {
    use heck::ToUpperCamelCase;
    page.to_upper_camel_case()
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

/// Whether every value is an integer code (`0`, `-1`, `1024`), and there is one: an int
/// field's list that becomes an int-backed enum.
pub fn all_codes<'a>(mut values: impl Iterator<Item = &'a str>) -> bool {
    let mut any = false;
    let all = values.all(|v| {
        any = true;
        v.parse::<i64>().is_ok()
    });
    any && all
}

/// The variant of an integer code: `V` and its digits (`V0`, `V1024`), `Minus` and the digits
/// for a negative one (`Minus1`). The pages give codes only Chinese meanings, which make no
/// identifier; each variant's docs say what it means.
pub fn code_variant(code: i64) -> String {
    if code < 0 {
        format!("Minus{}", code.unsigned_abs())
    } else {
        format!("V{code}")
    }
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
    fn codes() {
        assert!(all_codes(["0", "-1", "1024"].into_iter()));
        assert!(!all_codes(["0", "on"].into_iter()));
        assert!(!all_codes(std::iter::empty()));
        assert_eq!(code_variant(0), "V0");
        assert_eq!(code_variant(-1), "Minus1");
        assert_eq!(code_variant(i64::MIN), "Minus9223372036854775808");
    }

    #[test]
    fn values_need_names() {
        assert!(has_variant_names(["Year", ""].into_iter()));
        assert!(!has_variant_names(["中文"].into_iter()));
        assert!(!has_variant_names(std::iter::empty()));
    }
}
