//! Which fields share an enum type, and its name: decided once per product, after the values
//! are read and corrected ([`crate::annotate`], the overrides), and recorded on each field as
//! `facts.enum_type`; emitters only read it.
//!
//! One enum per meaning. Fields share a type only when they have the same field name and the
//! same values, spelled alike (a type sends one spelling of each value, so upgsql's
//! `"normal"`/`"ha"` and `"Normal"`/`"HA"` stay two types, each sending what its page
//! documents; reading a reply folds case either way): `ChargeType` of every
//! uhost action that lists Year, Month and Dynamic is one type, while `ulb`'s rule condition
//! `Type` (Host, Path) and its policy `Type` (Domain, Path, Default) are two. A field that
//! lists different values gets its own type, so no type offers a field a value its page does
//! not list. Names:
//!
//! - a name pinned by an override (`"enum_type": "RuleType"`) is kept, and fields pinned to
//!   one name share one type (the maintainer says they mean the same: their values are
//!   joined); unpinned fields with the same name and values as a pinned one join it;
//! - when a field name has one value set in the product, the enum is named after the field
//!   (`ChargeType`);
//! - otherwise the set most fields use (the first seen on a tie) keeps the plain name and each
//!   other is named after the owner of its first field (`CreateRuleRuleConditionsType`,
//!   typify's rule), with `2`, `3`… if that is taken too.
//!
//! `string` fields get enum types when every value has a variant name; `int` fields when every
//! value is an integer (an int-coded list, `0-关闭 1-开启`: an int-backed open enum whose
//! variants are named after the codes, `V0`, `V1`, each documented with its meaning). An
//! integer list and a string list never share a type, even with the same field name and
//! values.

use crate::names::enums as enum_names;
use crate::spec::{FieldFacts, FieldType, Service, Spec};
use std::collections::{BTreeMap, BTreeSet};

/// Records `facts.enum_type` on every field of every product that gets an enum type.
pub fn assign(spec: &mut Spec) {
    for svc in &mut spec.services {
        assign_product(svc);
    }
}

/// A field with values, in the order the emitter plans fields: models, then each action's
/// response and request.
struct Member {
    field: String,
    owner: String,
    /// The values as the page spells them, sorted: what "the same values" compares.
    key: BTreeSet<String>,
    /// An int-coded list.
    int: bool,
    pinned: Option<String>,
}

fn assign_product(svc: &mut Service) {
    let mut members = Vec::new();
    visit_fields(svc, &mut |owner, field, scalar, facts| {
        if let Some(m) = member(owner, field, scalar, facts) {
            members.push(m);
        }
    });
    let names = name_members(&members);
    let mut next = names.into_iter();
    visit_fields(svc, &mut |owner, field, scalar, facts| {
        if member(owner, field, scalar, facts).is_some() {
            facts.enum_type = next.next();
        } else {
            facts.enum_type = None;
        }
    });
}

/// A field visitor's arguments: owner, wire name, scalar type, facts.
pub(super) type Visit<'a> = dyn FnMut(&str, &str, &str, &mut FieldFacts) + 'a;

/// Calls `f(owner, wire name, scalar type, facts)` for every scalar field of the product, in
/// the order the emitter plans fields: models, then each action's response and request.
pub(super) fn visit_fields(svc: &mut Service, f: &mut Visit<'_>) {
    for m in &mut svc.models {
        for x in &mut m.fields {
            if let FieldType::Scalar(s) = &x.ty {
                f(&m.name, &x.name, s.as_str(), &mut x.facts);
            }
        }
    }
    for a in &mut svc.actions {
        for x in &mut a.response {
            if let FieldType::Scalar(s) = &x.ty {
                f(&a.name, &x.name, s.as_str(), &mut x.facts);
            }
        }
        for p in &mut a.request {
            let owner = enum_names::param_owner(&a.name, &p.wire_name);
            f(&owner, &p.wire_name, p.ty.as_str(), &mut p.facts);
        }
    }
}

fn member(owner: &str, wire: &str, scalar: &str, facts: &FieldFacts) -> Option<Member> {
    let e = facts.enumeration.as_ref()?;
    let values = || e.values.iter().map(|v| v.value.as_str());
    let typed = match scalar {
        "string" => enum_names::has_variant_names(values()),
        "int" => enum_names::all_codes(values()),
        _ => false,
    };
    if !typed {
        return None;
    }
    Some(Member {
        field: enum_names::field(wire).to_string(),
        owner: owner.to_string(),
        key: values().map(str::to_string).collect(),
        int: scalar == "int",
        pinned: facts.enum_type.clone(),
    })
}

/// A field name, whether its values are integer codes, and its values: what fields that
/// share an enum have in common.
type Key<'a> = (&'a str, bool, &'a BTreeSet<String>);

/// The enum name of each member, in order (see the module's docs).
fn name_members(members: &[Member]) -> Vec<String> {
    // Unpinned members join a pinned one with the same field name and values.
    let pins: BTreeMap<Key, &str> = members
        .iter()
        .filter_map(|m| Some(((m.field.as_str(), m.int, &m.key), m.pinned.as_deref()?)))
        .collect();
    let mut taken: BTreeSet<String> = pins.values().map(|n| n.to_string()).collect();
    // The unpinned groups, by (field, values), with their members in order.
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let key = (m.field.as_str(), m.int, &m.key);
        if m.pinned.is_some() || pins.contains_key(&key) {
            continue;
        }
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    let mut group_names: BTreeMap<Key, String> = BTreeMap::new();
    // String lists are named first, then integer ones: int-backed enums came later, and a
    // name once chosen stays (an integer list never takes a string enum's name).
    let in_naming_order = [false, true].into_iter().flat_map(|int| {
        groups
            .iter()
            .enumerate()
            .filter(move |(_, (key, _))| key.1 == int)
    });
    for (g, (key, list)) in in_naming_order {
        let plain = enum_names::plain(key.0);
        let rival = groups.iter().enumerate().any(|(h, (other, others))| {
            h != g
                && other.0 == key.0
                && other.1 == key.1
                && (others.len() > list.len() || (others.len() == list.len() && h < g))
        });
        let wanted = if rival || taken.contains(&plain) {
            enum_names::owned(&members[list[0]].owner, key.0)
        } else {
            plain
        };
        let name = free(&wanted, &taken);
        taken.insert(name.clone());
        group_names.insert(*key, name);
    }
    members
        .iter()
        .map(|m| {
            let key = (m.field.as_str(), m.int, &m.key);
            m.pinned
                .clone()
                .or_else(|| pins.get(&key).map(|n| n.to_string()))
                .or_else(|| group_names.get(&key).cloned())
                .unwrap_or_else(|| m.field.clone())
        })
        .collect()
}

/// `wanted`, or the first of `wanted2`, `wanted3`, … not taken.
pub(super) fn free(wanted: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted}{n}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(owner: &str, field: &str, values: &[&str], pinned: Option<&str>) -> Member {
        Member {
            field: field.into(),
            owner: owner.into(),
            key: values.iter().map(|v| v.to_string()).collect(),
            int: false,
            pinned: pinned.map(str::to_string),
        }
    }

    fn codes(owner: &str, field: &str, values: &[&str]) -> Member {
        Member {
            int: true,
            ..m(owner, field, values, None)
        }
    }

    #[test]
    fn int_codes_and_strings_never_share() {
        let names = name_members(&[
            m("A", "Status", &["0", "1"], None),
            codes("B", "Status", &["0", "1"]),
            codes("C", "Status", &["1", "0"]),
        ]);
        // The string list keeps the plain name (named first); the two integer lists are one
        // type, named after the first owner.
        assert_eq!(names, ["Status", "BStatus", "BStatus"].map(String::from));
    }

    #[test]
    fn one_enum_per_value_set() {
        let names = name_members(&[
            m("RuleCondition", "Type", &["Host", "Path"], None),
            m("UpdatePolicy", "Type", &["Domain", "Path", "Default"], None),
            m("CreateRuleRuleConditions", "Type", &["Path", "Host"], None),
            // The same values spelled otherwise: a type of its own, which sends them so.
            m("UpgradePrice", "Type", &["host", "PATH"], None),
            m(
                "CreateUHostInstance",
                "ChargeType",
                &["Year", "Month"],
                None,
            ),
        ]);
        assert_eq!(
            names,
            [
                "Type",
                "UpdatePolicyType",
                "Type",
                "UpgradePriceType",
                "ChargeType"
            ]
            .map(String::from)
        );
    }

    #[test]
    fn the_set_most_fields_use_keeps_the_plain_name() {
        let names = name_members(&[
            m("A", "State", &["On"], None),
            m("B", "State", &["Up", "Down"], None),
            m("C", "State", &["Up", "Down"], None),
        ]);
        assert_eq!(names, ["AState", "State", "State"].map(String::from));
    }

    #[test]
    fn pinned_names_win_and_merge() {
        let names = name_members(&[
            m("A", "Type", &["X", "Y"], Some("Kind")),
            m("B", "Type", &["Z"], Some("Kind")),
            m("C", "Type", &["X", "Y"], None),
            m("D", "Type", &["Q"], None),
            m("E", "Mode", &["P"], Some("Type")),
        ]);
        // D's plain name is pinned to E, so D is named after its owner.
        assert_eq!(
            names,
            ["Kind", "Kind", "Kind", "DType", "Type"].map(String::from)
        );
    }

    #[test]
    fn owner_names_do_not_collide() {
        let names = name_members(&[
            m("A", "Type", &["X", "Y"], None),
            m("A", "Type", &["X", "Y"], None),
            m("A", "Type", &["Z"], None),
            m("A", "Type", &["W"], None),
        ]);
        assert_eq!(names, ["Type", "Type", "AType", "AType2"].map(String::from));
    }
}
