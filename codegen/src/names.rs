//! Every naming rule of the generator, in one place: which wire names the pages may use
//! ([`check_name`], [`normalize_wire_name`]), fresh names for models ([`fresh_name`]), and
//! Rust names for wire names: heck for the case conversion, then sanitising (keywords,
//! leading digits, characters Rust does not allow) and de-duplication. Every rule is
//! deterministic: the same input in the same order always gets the same names.

pub mod enums;

use std::collections::BTreeSet;

/// A parameter or field name is an identifier path: segments of letters, digits and `_`
/// (and `-` after the first character) joined by `.`, as every name UCloud's API has. Prose
/// that ended up in the name column (`注：以下为…`, the `---` of a stray delimiter row) is not.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.chars().any(char::is_whitespace) {
        return Err("it contains white space".into());
    }
    for seg in name.split('.') {
        let mut chars = seg.chars();
        match chars.next() {
            None => return Err("it has an empty segment between dots".into()),
            Some(c) if !(c.is_alphanumeric() || c == '_') => {
                return Err(format!(
                    "a name starts with a letter, digit or `_`, not {c:?}"
                ))
            }
            Some(_) => {}
        }
        if let Some(c) = chars.find(|c| !(c.is_alphanumeric() || *c == '_' || *c == '-')) {
            return Err(format!(
                "names hold letters, digits, `_`, `-` and `.`, not {c:?}"
            ));
        }
    }
    Ok(())
}

/// `Disks.n.IsBoot` → `Disks.N.IsBoot`; numeric placeholders (`Tags.0`) also become `N`.
pub fn normalize_wire_name(name: &str) -> String {
    name.split('.')
        .map(|seg| {
            if seg == "n" || (!seg.is_empty() && seg.chars().all(|c| c.is_ascii_digit())) {
                "N"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// `base`, or `base2`, `base3`, … when taken; the name returned is taken from then on.
pub fn fresh_name(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that would shadow the prelude or the derives the generated code uses.
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Debug",
    "Serialize",
    "Deserialize",
    "Send",
    "Sync",
    "Sized",
    "Copy",
    "Fn",
    // `impl Into<String>` in request constructors.
    "Into",
];

/// Only ASCII letters, digits and `_`; anything else separates words.
fn ascii_words(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Words of a wire name, as a reader splits them:
///
/// - a lower-case letter followed by an upper-case one ends a word (`Describe|EIP`);
/// - an upper-case letter followed by a lower-case one starts a word, so an acronym ends
///   before a capitalised word (`EIP|Set`, `UK8S|Cluster`, `V2|Set`);
/// - digits never split a word: letter-and-digit groups stay whole (`UK8S`, `V2`, `IPv6`);
/// - a lone capital joins the next word, as in UCloud's product names (`U|Host` → `UHost`).
///
/// `CreateUK8SClusterV2` → `Create UK8S Cluster V2`; `UHostIPSet` → `UHost IP Set`.
pub fn words(wire: &str) -> Vec<String> {
    ascii_words(wire)
        .split('_')
        .filter(|t| !t.is_empty())
        .flat_map(token_words)
        .collect()
}

fn token_words(token: &str) -> Vec<String> {
    let chars: Vec<char> = token.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && match prev {
                Some(p) if p.is_ascii_lowercase() => true,
                Some(p) if p.is_ascii_uppercase() || p.is_ascii_digit() => {
                    next.is_some_and(|n| n.is_ascii_lowercase())
                }
                _ => false,
            };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut merged: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let lone_capital = w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase());
        match words.get(i + 1) {
            Some(next) if lone_capital && next.starts_with(|c: char| c.is_ascii_uppercase()) => {
                merged.push(format!("{w}{next}"));
                i += 2;
            }
            _ => {
                merged.push(w.clone());
                i += 1;
            }
        }
    }
    merged
}

/// Snake case for methods and fields: [`words`] in lower case joined by `_`
/// (`CreateUK8SClusterV2` → `create_uk8s_cluster_v2`, `UHostIds` → `uhost_ids`), with `_`
/// before a leading digit and after a keyword (`type_`). `None` when the name has no ASCII
/// letter or digit to make one of.
pub fn snake(wire: &str) -> Option<String> {
    let mut s = words(wire)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() {
        return None;
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    Some(s)
}

/// `UHostIds` → `uhost_ids`; `field` for a name with no ASCII letter or digit (the plan
/// warns about those).
pub fn field(wire: &str) -> String {
    snake(wire).unwrap_or_else(|| "field".into())
}

/// A type name as the page spells it, sanitised only where Rust requires: characters that
/// cannot be in an identifier are dropped and the letter after them capitalised
/// (`vpc2.0` → `Vpc20`), the first letter is capitalised, a leading digit gets `T`, and a
/// name that would shadow the prelude gets `Model` (`String` → `StringModel`). So
/// `DescribeEIP`, `UHostIPSet` and `CreateUK8SClusterV2` stay as they are. `Type` for a
/// name with nothing to keep.
pub fn type_name(wire: &str) -> String {
    let mut s = String::with_capacity(wire.len());
    let mut upper = true;
    for c in wire.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    if s.is_empty() {
        s = "Type".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    if RESERVED_TYPES.contains(&s.as_str()) {
        s.push_str("Model");
    }
    s
}

/// An enum variant for a documented value: upper camel case of its [`words`]
/// (`CLOUD_SSD` → `CloudSsd`, `cn-bj2` → `CnBj2`, `Year` → `Year`), `V` before a leading
/// digit (`10G` → `V10g`). `None` when the value has no ASCII letter or digit.
pub fn variant(value: &str) -> Option<String> {
    let mut s: String = words(value)
        .iter()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    if s.is_empty() {
        return None;
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if RESERVED_TYPES.contains(&s.as_str()) || s == "Self" {
        s.push('_');
    }
    Some(s)
}

/// `vpc2.0` → `vpc2_0`; the module and cargo feature name of a product.
pub fn module(product: &str) -> String {
    let mut s = product
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect::<String>();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'p');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// The wire name serde derives from an identifier under `rename_all = "PascalCase"`; when it
/// differs from the real wire name the field needs its own `rename`.
pub fn serde_pascal(ident: &str) -> String {
    let mut out = String::with_capacity(ident.len());
    let mut upper = true;
    for c in ident.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Hands out unique names: a taken name gets `2`, `3`, … appended.
#[derive(Debug, Default)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    /// The name, and whether it had to be changed to stay unique.
    pub fn claim(&mut self, wanted: String, separator: &str) -> (String, bool) {
        if self.taken.insert(wanted.clone()) {
            return (wanted, false);
        }
        // `type_` → `type_2`, not `type__2`, which rustc warns is not snake case.
        let stem = match separator {
            "" => wanted.as_str(),
            sep => wanted.strip_suffix(sep).unwrap_or(&wanted),
        };
        let name = (2..)
            .map(|i| format!("{stem}{separator}{i}"))
            .find(|n| !self.taken.contains(n))
            .expect("an unbounded range always has a free name");
        self.taken.insert(name.clone());
        (name, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        assert_eq!(field("UHostIds"), "uhost_ids");
        assert_eq!(field("DescribeUHostInstance"), "describe_uhost_instance");
        assert_eq!(field("CreateUK8SClusterV2"), "create_uk8s_cluster_v2");
        assert_eq!(field("DescribeEIP"), "describe_eip");
        assert_eq!(field("UHostIPSet"), "uhost_ip_set");
        assert_eq!(field("VPCId"), "vpc_id");
        assert_eq!(field("HasNATGW"), "has_natgw");
        assert_eq!(field("IPv6Address"), "ipv6_address");
        assert_eq!(field("GetUDTSPrecheckTask"), "get_udts_precheck_task");
        assert_eq!(field("NetworkInterface.N.EIP"), "network_interface_n_eip");
        assert_eq!(field("Disks.0.IsBoot"), "disks_0_is_boot");
        assert_eq!(field("CPU"), "cpu");
        assert_eq!(field("Type"), "type_");
        assert_eq!(field("3DES"), "_3des");
        assert_eq!(field("镜像"), "field");
        assert_eq!(snake("镜像"), None);
        assert_eq!(field("Self"), "self_");
    }

    #[test]
    fn types() {
        assert_eq!(type_name("UHostInstanceSet"), "UHostInstanceSet");
        assert_eq!(type_name("UHostIPSet"), "UHostIPSet");
        assert_eq!(type_name("DescribeEIPRequest"), "DescribeEIPRequest");
        assert_eq!(type_name("vpc2.0"), "Vpc20");
        assert_eq!(type_name("uddos-uclean"), "UddosUclean");
        assert_eq!(type_name("String"), "StringModel");
        assert_eq!(type_name("Into"), "IntoModel");
        assert_eq!(type_name("1Set"), "T1Set");
        assert_eq!(type_name("镜像"), "Type");
        assert_eq!(module("vpc2.0"), "vpc2_0");
    }

    #[test]
    fn variants() {
        assert_eq!(variant("CLOUD_SSD").as_deref(), Some("CloudSsd"));
        assert_eq!(variant("Year").as_deref(), Some("Year"));
        assert_eq!(variant("cn-bj2").as_deref(), Some("CnBj2"));
        assert_eq!(variant("10G").as_deref(), Some("V10g"));
        assert_eq!(variant("uphone-server").as_deref(), Some("UphoneServer"));
        assert_eq!(variant("有库存"), None);
    }

    #[test]
    fn renames() {
        assert_eq!(serde_pascal("u_host_ids"), "UHostIds");
        assert_eq!(serde_pascal("cpu"), "Cpu");
        assert_eq!(serde_pascal("type_"), "Type");
    }

    #[test]
    fn namer() {
        let mut n = Namer::default();
        assert_eq!(n.claim("id".into(), "_"), ("id".into(), false));
        assert_eq!(n.claim("id".into(), "_"), ("id_2".into(), true));
        assert_eq!(n.claim("type_".into(), "_"), ("type_".into(), false));
        assert_eq!(n.claim("type_".into(), "_"), ("type_2".into(), true));
    }
}
