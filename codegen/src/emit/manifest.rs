//! The files around the product modules: `Cargo.toml` with one feature per product, the
//! crate's `README.md` (its crates.io page), and the example test crate root.

use super::plan::{Plan, Sharing};
use super::types::ident;
use super::{Options, Runtime, RUNTIME_VERSION};
use crate::spec::Service;
use proc_macro2::TokenStream;
use quote::quote;
use std::fmt::Write as _;

/// The package's description, also the first line of its README.
const DESCRIPTION: &str =
    "Rust SDK for the UCloud cloud API, generated from UCloud's API documentation";

/// A product's crate (`ucloud-sdk-vpc2-0`), its folder under the generated tree
/// (`products/vpc2_0`) and its library's name (`ucloud_sdk_vpc2_0`).
pub fn product_crate(plan: &Plan) -> String {
    format!("ucloud-sdk-{}", plan.module.replace('_', "-"))
}

pub fn product_dir(plan: &Plan) -> String {
    format!("products/{}", plan.module)
}

pub fn product_lib(plan: &Plan) -> String {
    format!("ucloud_sdk_{}", plan.module)
}

/// The dependency on the runtime, from a crate `depth` folders below `ucloud-sdk`'s. While
/// the contract between generated code and runtime is private, the runtime is pinned
/// exactly (`=x.y.z`): a newer runtime may change what the generated code expands to.
fn runtime_dependency(runtime: &Runtime, depth: usize) -> String {
    let up = "../".repeat(depth);
    match runtime {
        Runtime::Workspace => {
            format!("{{ version = \"={RUNTIME_VERSION}\", path = \"{up}../runtime\" }}")
        }
        Runtime::Path(path) => {
            let path = if std::path::Path::new(path).is_absolute() || path.starts_with('/') {
                path.clone()
            } else {
                format!("{up}{path}")
            };
            format!(
                "{{ version = \"={RUNTIME_VERSION}\", path = {} }}",
                toml_string(&path)
            )
        }
        Runtime::Version(version) => toml_string(version),
    }
}

/// The package fields every generated crate has: inherited in the workspace (`generated/`),
/// written out in a crate of its own.
fn package_fields(s: &mut String, opts: &Options, name: &str) {
    if opts.runtime == Runtime::Workspace {
        s.push_str(
            "edition.workspace = true\nlicense.workspace = true\nrust-version.workspace = true\n",
        );
    } else {
        s.push_str("edition = \"2021\"\nlicense = \"Apache-2.0\"\nrust-version = \"1.85\"\n");
    }
    let _ = writeln!(s, "documentation = \"https://docs.rs/{name}\"");
    s.push_str("keywords = [\"ucloud\", \"cloud\", \"sdk\", \"api\"]\n");
    s.push_str("categories = [\"api-bindings\", \"web-programming::http-client\"]\n");
}

/// What every generated library says to docs.rs and rustc: `--cfg docsrs` turns on the
/// feature badges (`doc(cfg)`) where docs.rs builds, on nightly; `check-cfg` tells rustc
/// the cfg is expected.
const DOCS_AND_LINTS: &str = "[package.metadata.docs.rs]\nall-features = true\nrustdoc-args = [\"--cfg\", \"docsrs\"]\n\n[lints.rust]\nunexpected_cfgs = { level = \"warn\", check-cfg = [\"cfg(docsrs)\"] }\n\n";

/// A product crate's `Cargo.toml`: the runtime its only dependency, `testing` its only
/// feature (its actions' table for the mock transport). It has no tests of its own (they
/// are `ucloud-sdk`'s) and no doctests: `test`/`doctest = false` keep `cargo test` from
/// compiling each product again as an empty test harness.
pub fn product_cargo_toml(svc: &Service, plan: &Plan, opts: &Options, banner: &str) -> String {
    let name = product_crate(plan);
    let mut s = String::new();
    let _ = writeln!(s, "# {banner}");
    let _ = writeln!(s, "[package]\nname = \"{name}\"");
    let _ = writeln!(s, "version = {}", toml_string(&opts.version));
    let _ = writeln!(
        s,
        "description = {}",
        toml_string(&format!(
            "The `{}` product ({} actions) of ucloud-sdk, the Rust SDK for the UCloud cloud API: use it through ucloud-sdk's feature `{}`",
            svc.name,
            svc.actions.len(),
            plan.module
        ))
    );
    package_fields(&mut s, opts, &name);
    s.push_str("\n[lib]\ntest = false\ndoctest = false\n\n");
    s.push_str(DOCS_AND_LINTS);
    s.push_str(
        "[features]\n# The product's actions for the runtime's mock transport (`ACTIONS`).\n",
    );
    s.push_str("testing = [\"ucloud-sdk-runtime/testing\"]\n\n");
    let _ = writeln!(
        s,
        "[dependencies]\nucloud-sdk-runtime = {}",
        runtime_dependency(&opts.runtime, 2)
    );
    s
}

/// `ucloud-sdk`'s `Cargo.toml`: a feature per product, each enabling the product's crate (an
/// optional path dependency, pinned like the runtime). In the workspace (`generated/`) the
/// package fields come from the workspace; a crate of its own gets them written out, and
/// an empty `[workspace]` table so that it builds wherever it is written (its product
/// crates, path dependencies in its folder, are members of that workspace).
pub fn cargo_toml(services: &[(&Service, &Plan)], opts: &Options, banner: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {banner}");
    s.push_str("[package]\nname = \"ucloud-sdk\"\n");
    let _ = writeln!(s, "version = {}", toml_string(&opts.version));
    let _ = writeln!(s, "description = \"{DESCRIPTION}\"");
    s.push_str("readme = \"README.md\"\n");
    package_fields(&mut s, opts, "ucloud-sdk");
    // The crate has no unit tests (its tests are tests/ and the doctests): without
    // `test = false`, `cargo test` would compile the crate a second time, as a test
    // harness with nothing in it.
    s.push_str("\n[lib]\nname = \"ucloud_sdk\"\ntest = false\n\n");
    s.push_str(DOCS_AND_LINTS);
    if let Some(source) = &opts.docs_source {
        s.push_str("# The UCloud documentation these sources were generated from.\n");
        s.push_str("[package.metadata.ucloud-docs]\n");
        let _ = writeln!(s, "repository = {}", toml_string(&source.repository));
        let _ = writeln!(s, "commit = {}\n", toml_string(&source.commit));
    }
    s.push_str("[features]\ndefault = []\n");
    s.push_str(
        "# Test doubles for code that calls UCloud: the runtime's mock transport, and what it\n",
    );
    s.push_str("# knows of each enabled product's actions (`ucloud_sdk::testing`).\n");
    let mut testing = vec!["\"ucloud-sdk-runtime/testing\"".to_string()];
    testing.extend(
        services
            .iter()
            .map(|(_, p)| format!("\"{}?/testing\"", product_crate(p))),
    );
    let _ = writeln!(s, "testing = [{}]", testing.join(", "));
    let all: Vec<String> = services
        .iter()
        .map(|(_, p)| format!("\"{}\"", p.module))
        .collect();
    let _ = writeln!(s, "full = [{}]", all.join(", "));
    for (_, p) in services {
        let _ = writeln!(s, "{} = [\"dep:{}\"]", p.module, product_crate(p));
    }
    s.push_str("\n[dependencies]\n");
    let _ = writeln!(
        s,
        "ucloud-sdk-runtime = {}",
        runtime_dependency(&opts.runtime, 0)
    );
    for (_, p) in services {
        let _ = writeln!(
            s,
            "{} = {{ version = {}, path = \"{}\", optional = true }}",
            product_crate(p),
            toml_string(&format!("={}", opts.version)),
            product_dir(p)
        );
    }
    if opts.runtime != Runtime::Workspace {
        s.push_str("\n[workspace]\n\n[profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n");
    }
    s
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The crate's README: what it is, the products (features) it has, and where the pages came
/// from.
pub fn readme(services: &[(&Service, &Plan)], opts: &Options, banner: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "<!-- {banner} -->\n# ucloud-sdk\n\n{DESCRIPTION}.\n");
    s.push_str(
        "Each product is a cargo feature (`full` enables all), and a crate of its own \
         (`ucloud-sdk-uhost`, …) that this crate re-exports as a module, so that cargo builds \
         the products you enable in parallel: depend on this crate, not on the product crates. \
         The client, configuration, signing, retries and errors are in the runtime crate \
         `ucloud-sdk-runtime`, which this crate re-exports.\n\n",
    );
    let _ = write!(
        s,
        "```toml\n[dependencies]\nucloud-sdk = {{ version = \"{}\", features = [\"uhost\"] }}\n```\n\n",
        crate::release::requirement(&opts.version)
    );
    if let Some(source) = &opts.docs_source {
        let _ = writeln!(
            s,
            "Generated from {} at commit `{}`.\n",
            source.repository, source.commit
        );
    }
    let actions: usize = services.iter().map(|(svc, _)| svc.actions.len()).sum();
    let _ = writeln!(
        s,
        "| feature | documentation folder | actions |\n|---|---|---|"
    );
    for (svc, plan) in services {
        let _ = writeln!(
            s,
            "| `{}` | `{}` | {} |",
            plan.module,
            svc.folder,
            svc.actions.len()
        );
    }
    let _ = writeln!(s, "\n{} products, {actions} actions.", services.len());
    s
}

/// `ENUMS.md`: every open enum of the crate with the documentation text its values were read
/// from, for review (the rules are in `docs/enums.md`; `specs/overrides.json` corrects one).
pub fn enum_list(services: &[(&Service, &Plan)], banner: &str) -> String {
    let total: usize = services.iter().map(|(_, p)| p.enums.len()).sum();
    let mut s = format!(
        "<!-- {banner} -->\n# The open enums of ucloud-sdk\n\nEvery enum the generator made from \
         the documentation ({total} in {} products), with the text it read the values from, \
         for review. A value the documentation does not list is kept in the catch-all \
         variant. The rules are in `docs/enums.md`; an entry in `specs/overrides.json` adds, \
         removes or corrects an enum.\n",
        services.iter().filter(|(_, p)| !p.enums.is_empty()).count()
    );
    for (svc, plan) in services.iter().filter(|(_, p)| !p.enums.is_empty()) {
        let _ = write!(s, "\n## `{}`\n", plan.module);
        for e in &plan.enums {
            let used: Vec<String> = e.used_by.iter().map(|u| format!("`{u}`")).collect();
            let _ = write!(
                s,
                "\n### `{}::{}`\n\n{}Used by {}.{}\n\n",
                plan.module,
                e.name,
                if e.int {
                    "Integer codes (int-backed). "
                } else {
                    ""
                },
                used.join(", "),
                sharing(&e.sharing)
            );
            for (at, text) in &e.sources {
                let _ = writeln!(
                    s,
                    "> `{}`: {}\n",
                    super::page_ref(&svc.folder, at),
                    one_line(text)
                );
            }
            s.push_str("| variant | value | meaning |\n|---|---|---|\n");
            for (variant, value, meaning) in &e.variants {
                let _ = writeln!(
                    s,
                    "| `{variant}` | `{}` | {} |",
                    value.replace('`', "'"),
                    one_line(meaning).replace('|', "\\|")
                );
            }
            let held = if e.int { "i64" } else { "String" };
            let _ = writeln!(s, "| `{}({held})` | any other | |", e.other);
        }
    }
    s
}

/// Why the fields of an enum share it (see `facts::enums::group`).
fn sharing(why: &Sharing) -> String {
    match why {
        Sharing::Alone => String::new(),
        Sharing::SameValues => " Shared: the same field name with the same values.".into(),
        Sharing::Reference(at) => {
            // The table's own folder: a page of one product may link another's.
            let folder = at.file.rsplit(['/', '\\']).nth(1).unwrap_or_default();
            format!(
                " Shared: their pages give the values by linking one reference table, `{}`.",
                super::page_ref(folder, at)
            )
        }
        Sharing::Pinned => {
            " Shared: `specs/overrides.json` pins these fields to one enum (their values joined)."
                .into()
        }
    }
}

/// Text on one line, for a markdown quote or table cell.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `#[cfg(feature = "uhost")] mod uhost;` for each product: the modules of a test crate
/// with one file per product.
pub fn product_mods(services: &[(&Service, &Plan)]) -> TokenStream {
    services
        .iter()
        .map(|(_, p)| {
            let (m, f) = (ident(&p.module), &p.module);
            quote! { #[cfg(feature = #f)] mod #m; }
        })
        .collect()
}

pub fn examples_main(services: &[(&Service, &Plan)]) -> TokenStream {
    let mods = product_mods(services);
    quote! {
        //! The pages' request and response examples, checked against the generated types;
        //! and, in `typed_generic`, every action's typed request against the generic call.
        // The examples set deprecated parameters too: that is what the pages show.
        #![allow(deprecated)]
        mod typed_generic;
        #mods
    }
}
