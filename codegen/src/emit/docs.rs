//! Doc attributes: documentation text (cleaned once, in the spec: see
//! [`crate::facts::text::docs`]) as `#[doc = "…"]` attributes, with literals that hold the
//! text as it is.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `#[doc = "..."]` attributes, one per line.
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| lit(&format!(" {}", text(l))));
    quote! { #(#[doc = #lines])* }
}

/// `#![doc = "..."]` attributes, one per line: the docs of the enclosing module or crate.
pub fn inner_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| lit(&format!(" {}", text(l))));
    quote! { #(#![doc = #lines])* }
}

/// The string literal of a doc attribute. `Literal::string` escapes with
/// `char::escape_debug`, a Unicode table look-up per non-ASCII character, and doc text is
/// mostly Chinese: this escapes only what a string literal cannot hold as it is. prettyplease
/// prints a doc attribute from its value, so the generated files do not change.
pub fn lit(s: &str) -> Literal {
    use std::fmt::Write as _;
    let mut repr = String::with_capacity(s.len() + 2);
    repr.push('"');
    for c in s.chars() {
        match c {
            '"' => repr.push_str("\\\""),
            '\\' => repr.push_str("\\\\"),
            '\n' => repr.push_str("\\n"),
            '\r' => repr.push_str("\\r"),
            '\t' => repr.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(repr, "\\u{{{:x}}}", c as u32);
            }
            c => repr.push(c),
        }
    }
    repr.push('"');
    repr.parse().unwrap_or_else(|_| Literal::string(s))
}

pub use crate::facts::text::is_bidi_control;

/// Text for a doc comment: without direction controls, which a page has no use for and
/// rustc refuses. Every doc string of the generated code goes through here.
pub fn text(s: &str) -> String {
    if s.contains(is_bidi_control) {
        s.replace(is_bidi_control, "")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_are_dropped() {
        assert_eq!(text("a\u{202e}b\u{2066}c\u{2069}"), "abc");
        assert_eq!(
            attrs(&["x\u{202b}y".into()]).to_string(),
            quote!(#[doc = " xy"]).to_string()
        );
    }

    #[test]
    fn doc_literals_keep_their_value() {
        for s in [
            "",
            " 地域。 参见 [地域和可用区列表](https://docs.ucloud.cn/api/summary/regionlist)",
            "quote \" backslash \\ tab \t cr \r lf \n nul \0 bell \u{7} del \u{7f}",
            "zero width \u{200b} bom \u{feff} combining e\u{301} emoji 🦀 '",
            "\\u{41} \\x41 r#\"raw\"#",
        ] {
            let l = lit(s);
            let parsed: syn::LitStr = syn::parse2(quote!(#l)).expect("a string literal");
            assert_eq!(parsed.value(), s);
        }
    }
}
