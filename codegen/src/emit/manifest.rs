//! The files around the product modules: `Cargo.toml` with one feature per product,
//! `src/services/mod.rs` declaring the modules and the client accessors, and the example
//! test crate root.

use super::plan::Plan;
use super::service::ident;
use crate::spec::Service;
use proc_macro2::TokenStream;
use quote::quote;

/// The runtime's dependencies; the hand-written code in `generated/src` uses exactly these.
const DEPENDENCIES: &str = r#"[dependencies]
base64 = "0.22"
fastrand = "2"
futures-core = { version = "0.3", default-features = false }
futures-util = { version = "0.3", default-features = false }
hex = "0.4"
reqwest = { version = "0.12", default-features = false, features = ["rustls-tls"] }
serde = { version = "1", features = ["derive"] }
serde_ignored = "0.1"
serde_json = "1"
sha1 = "0.10"
thiserror = "2"
tokio = { version = "1", features = ["time"] }
tracing = { version = "0.1", default-features = false, features = ["std"] }

[dev-dependencies]
tempfile = "3"
tokio = { version = "1.50", features = ["macros", "rt-multi-thread", "net", "io-util", "sync", "time"] }
"#;

/// `standalone`: the crate is generated outside this workspace (`--out`), so it gets its own
/// `[workspace]` table and plain field values instead of `workspace = true`.
pub fn cargo_toml(services: &[(&Service, &Plan)], standalone: bool, banner: &str) -> String {
    let mut s = String::new();
    s.push_str(&format!("# {banner}\n"));
    s.push_str("[package]\nname = \"ucloud-sdk\"\nversion = \"0.1.0\"\n");
    s.push_str("description = \"Rust SDK for the UCloud cloud API, generated from UCloud's API documentation\"\n");
    if standalone {
        s.push_str("edition = \"2021\"\nlicense = \"Apache-2.0\"\nrust-version = \"1.85\"\n");
    } else {
        s.push_str(
            "edition.workspace = true\nlicense.workspace = true\nrust-version.workspace = true\n",
        );
    }
    s.push_str("\n[lib]\nname = \"ucloud_sdk\"\n\n");
    s.push_str("[package.metadata.docs.rs]\nall-features = true\n\n");
    s.push_str("[features]\ndefault = []\n");
    let all: Vec<String> = services
        .iter()
        .map(|(_, p)| format!("\"{}\"", p.module))
        .collect();
    s.push_str(&format!("full = [{}]\n", all.join(", ")));
    for (_, p) in services {
        s.push_str(&format!("{} = []\n", p.module));
    }
    s.push('\n');
    s.push_str(DEPENDENCIES);
    if standalone {
        s.push_str("\n[workspace]\n\n[profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n");
    }
    s
}

pub fn services_mod(services: &[(&Service, &Plan)]) -> TokenStream {
    let mods = services.iter().map(|(_, p)| {
        let m = ident(&p.module);
        let f = &p.module;
        quote! { #[cfg(feature = #f)] pub mod #m; }
    });
    let accessors = services.iter().map(|(svc, p)| {
        let m = ident(&p.module);
        let c = ident(&p.client);
        let f = &p.module;
        let doc = super::docs::text(&format!(
            " The `{}` product's actions (feature `{f}`).",
            svc.name
        ));
        quote! {
            #[cfg(feature = #f)]
            #[doc = #doc]
            pub fn #m(&self) -> #m::#c<'_> { #m::#c(self.handle()) }
        }
    });
    quote! {
        //! The products this SDK covers: one module each, behind a cargo feature of the same name.
        // Page text makes rustdoc warnings and long constructors; the lints hold for every product.
        #![allow(clippy::too_many_arguments, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, rustdoc::all)]

        #(#mods)*
        impl crate::Client { #(#accessors)* }
    }
}

pub fn examples_main(services: &[(&Service, &Plan)]) -> TokenStream {
    let mods = services.iter().map(|(_, p)| {
        let m = ident(&p.module);
        let f = &p.module;
        quote! { #[cfg(feature = #f)] #[rustfmt::skip] mod #m; }
    });
    quote! {
        //! The pages' request and response examples, checked against the generated types.
        #(#mods)*

    }
}
