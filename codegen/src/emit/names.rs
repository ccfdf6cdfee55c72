//! Rust names for wire names: heck for the case conversion, then sanitising (keywords, leading
//! digits, characters Rust does not allow) and de-duplication. Every rule is deterministic:
//! the same input in the same order always gets the same names.

use heck::ToUpperCamelCase;
use std::collections::BTreeSet;

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

/// Words of a wire name: case changes split words, an acronym ends before a capitalised word
/// (`VPCId` → `VPC Id`), digits stay with what precedes them (`IPv6`), and a lone capital
/// joins the next word, as in UCloud's product names (`UHostIds` → `UHost Ids`).
fn words(wire: &str) -> Vec<String> {
    ascii_words(wire)
        .split('_')
        .filter(|t| !t.is_empty())
        .flat_map(token_words)
        .collect()
}

fn token_words(token: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    {
        let chars: Vec<char> = token.chars().collect();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && match prev {
                    Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                    Some(p) if p.is_ascii_uppercase() => {
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

/// `UHostIds` → `uhost_ids`; `type` → `type_`; `3DES` → `_3_des`; `镜像` → `field`.
pub fn field(wire: &str) -> String {
    let mut s = words(wire)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() {
        s = "field".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `ImageSet` → `ImageSet`; `vpc2.0` → `Vpc20`; `3rd` → `T3rd`.
pub fn type_name(wire: &str) -> String {
    let mut s = ascii_words(wire).to_upper_camel_case();
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
        assert_eq!(field("VPCId"), "vpc_id");
        assert_eq!(field("HasNATGW"), "has_natgw");
        assert_eq!(field("IPv6Address"), "ipv6_address");
        assert_eq!(field("NetworkInterface.N.EIP"), "network_interface_n_eip");
        assert_eq!(field("Disks.0.IsBoot"), "disks_0_is_boot");
        assert_eq!(field("CPU"), "cpu");
        assert_eq!(field("Type"), "type_");
        assert_eq!(field("3DES"), "_3_des");
        assert_eq!(field("镜像"), "field");
        assert_eq!(field("Self"), "self_");
    }

    #[test]
    fn types() {
        assert_eq!(type_name("UHostInstanceSet"), "UHostInstanceSet");
        assert_eq!(type_name("vpc2.0"), "Vpc20");
        assert_eq!(type_name("String"), "StringModel");
        assert_eq!(type_name("Into"), "IntoModel");
        assert_eq!(type_name("1Set"), "T1set");
        assert_eq!(module("vpc2.0"), "vpc2_0");
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
