//! `src/lib.rs` of the generated crate: its docs, the runtime's re-exports, the product
//! crates as modules (one cargo feature each), and `Client`, the runtime client with one
//! accessor per product.
//!
//! `Client` is a newtype here rather than the runtime's type because Rust allows inherent
//! methods only in the crate that defines a type: `client.uhost()` needs a type of this
//! crate. It dereferences to the runtime client for everything else.

use super::docs;
use super::plan::Plan;
use super::types::ident;
use super::Options;
use crate::spec::Service;
use proc_macro2::TokenStream;
use quote::quote;

pub fn lib_rs(services: &[(&Service, &Plan)], opts: &Options) -> TokenStream {
    let crate_docs = docs::inner_attrs(&crate_docs(services, opts));
    let example = example(services);
    // Re-exported, not inlined: each product crate has its own documentation (docs.rs
    // builds each on its own), and inlining would make rustdoc document every product a
    // second time inside this crate (about a minute of CI, and one docs.rs build of all 85).
    let mods = services.iter().map(|(svc, p)| {
        let m = ident(&p.module);
        let lib = ident(&super::manifest::product_lib(p));
        let f = &p.module;
        let doc = docs::text(&format!(" {}", super::service::product_line(svc)));
        quote! {
            #[cfg(feature = #f)]
            #[cfg_attr(docsrs, doc(cfg(feature = #f)))]
            #[doc = #doc]
            pub use #lib as #m;
        }
    });
    let accessors = services.iter().map(|(svc, p)| {
        let m = ident(&p.module);
        let c = ident(&p.client);
        let f = &p.module;
        let doc = docs::text(&format!(
            " The `{}` product's actions (feature `{f}`).",
            svc.name
        ));
        quote! {
            #[cfg(feature = #f)]
            #[cfg_attr(docsrs, doc(cfg(feature = #f)))]
            #[doc = #doc]
            pub fn #m(&self) -> #m::#c { #m::#c::new(self.0.clone()) }
        }
    });
    let testing = super::testing::testing_module(services);
    quote! {
        #crate_docs
        #example
        #![warn(missing_docs)]
        // Page text is escaped where it would make a broken link, a bare URL or stray HTML
        // (`facts::text::links`): any rustdoc warning is a generator bug to fix.
        #![deny(rustdoc::all)]
        // Feature badges on docs.rs (`--cfg docsrs`, nightly).
        #![cfg_attr(docsrs, feature(doc_cfg))]
        // Pages name parameters like std methods (`add`) and write lists clippy would indent
        // otherwise; the lints hold for every product.
        #![allow(clippy::too_many_arguments, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::should_implement_trait)]

        /// The runtime crate (`ucloud-sdk-runtime`): configuration, signing, HTTP, retries,
        /// errors and decoding.
        pub use ucloud_sdk_runtime as runtime;
        pub use ucloud_sdk_runtime::{
            Action, CallOptions, Config, ConfigBuilder, Credentials, Environment, Error, ExtraParams,
            Request, Response, Result, RetryPolicy, Secret, Waiter,
        };

        #(#mods)*

        #testing

        /// A UCloud API client: the runtime's [`runtime::Client`] with one accessor per
        /// product enabled by a cargo feature (`client.uhost()`, …).
        ///
        /// It dereferences to [`runtime::Client`] for everything else: [`call`](runtime::Client::call)
        /// (any action by name), [`send`](runtime::Client::send) (any typed request),
        /// [`config`](runtime::Client::config). Cloning is cheap (an `Arc` inside); clones share
        /// the connection pool.
        #[derive(Clone, Debug)]
        pub struct Client(runtime::Client);

        impl Client {
            /// A client for `config`.
            pub fn new(config: Config) -> Result<Client> {
                runtime::Client::new(config).map(Client)
            }

            /// A client configured from the environment and the profile files (see
            /// [`Config::from_env`]).
            pub fn from_env() -> Result<Client> {
                runtime::Client::from_env().map(Client)
            }

            /// A clone of this client whose calls use `options` (merged over the options it
            /// already has): `client.with_options(CallOptions::new().timeout(t)).uhost()…`.
            pub fn with_options(&self, options: CallOptions) -> Client {
                Client(self.0.with_options(options))
            }

            #(#accessors)*
        }

        impl ::std::ops::Deref for Client {
            type Target = runtime::Client;
            fn deref(&self) -> &runtime::Client {
                &self.0
            }
        }

        impl ::std::convert::From<runtime::Client> for Client {
            fn from(client: runtime::Client) -> Client {
                Client(client)
            }
        }
    }
}

fn crate_docs(services: &[(&Service, &Plan)], opts: &Options) -> Vec<String> {
    let actions: usize = services.iter().map(|(svc, _)| svc.actions.len()).sum();
    let mut lines = vec![
        "Rust SDK for the [UCloud](https://www.ucloud.cn) cloud API, generated from UCloud's API"
            .to_string(),
        "documentation.".into(),
        String::new(),
        format!(
            "{} products, {actions} actions. Each product is a module behind a cargo feature of",
            services.len()
        ),
        "the same name (`full` enables all); enabling one adds an accessor to [`Client`] with"
            .into(),
        "one async method per action, taking a typed request and returning a typed response."
            .into(),
        "The client itself (configuration, signing, retries, errors) is the runtime crate,".into(),
        "re-exported as [`runtime`].".into(),
    ];
    if let Some(source) = &opts.docs_source {
        lines.push(String::new());
        lines.push(format!(
            "Generated from <{}> at commit `{}`.",
            source.repository, source.commit
        ));
    }
    lines
}

/// The crate's example, after its docs: a client from the environment, one call, one error
/// matched and one enum. It names `uhost`, so it is compiled (not run: it would call
/// UCloud) where that feature is enabled and shown but not compiled elsewhere; a crate
/// generated from pages whose `uhost` lacks what it names (other or older pages) has none.
fn example(services: &[(&Service, &Plan)]) -> TokenStream {
    let Some((_, plan)) = services.iter().find(|(svc, plan)| example_fits(svc, plan)) else {
        return TokenStream::new();
    };
    let f = &plan.module;
    let lines = EXAMPLE.lines().map(|l| format!(" {l}"));
    quote! {
        #![doc = ""]
        #![doc = " # Example"]
        #![doc = ""]
        #![cfg_attr(feature = #f, doc = " ```no_run")]
        #![cfg_attr(not(feature = #f), doc = " ```ignore")]
        #(#![doc = #lines])*
        #![doc = " ```"]
    }
}

/// Whether `svc` has every name [`EXAMPLE`] uses: `uhost`'s `describe_uhost_instance`, its
/// `limit` setter, the `uhost_set` list of structs with `uhost_id` and a `state` of the
/// `UHostInstanceSetState` enum with a `Running` value.
fn example_fits(svc: &Service, plan: &Plan) -> bool {
    let Some((a, n)) = svc
        .actions
        .iter()
        .zip(&plan.actions)
        .find(|(a, _)| a.name == "DescribeUHostInstance")
    else {
        return false;
    };
    let limit = a
        .request_tree
        .iter()
        .any(|node| node.name == "Limit" && !node.required && !node.list);
    let list = a
        .response
        .iter()
        .zip(&n.response.fields)
        .find(|(f, names)| f.array && names.name == "uhost_set");
    let host = match list.map(|(f, _)| &f.ty) {
        Some(crate::spec::FieldType::Model(m)) => plan.models.get(m),
        _ => None,
    };
    let has = |field: &str, enum_type: Option<&str>| {
        host.is_some_and(|h| {
            h.fields
                .iter()
                .any(|f| f.name == field && f.enum_type.as_deref() == enum_type)
        })
    };
    let running = plan.enums.iter().any(|e| {
        e.name == "UHostInstanceSetState" && e.variants.iter().any(|(v, _, _)| v == "Running")
    });
    plan.module == "uhost"
        && n.method == "describe_uhost_instance"
        && n.request.name == "DescribeUHostInstanceRequest"
        && limit
        && has("uhost_id", None)
        && has("state", Some("UHostInstanceSetState"))
        && running
}

/// The crate example's code (see [`example`]).
const EXAMPLE: &str = r#"use ucloud_sdk::uhost::{DescribeUHostInstanceRequest, UHostInstanceSetState};
use ucloud_sdk::{Client, Error};

async fn list_hosts() -> ucloud_sdk::Result<()> {
    // Keys, region and zone from UCLOUD_PUBLIC_KEY, UCLOUD_PRIVATE_KEY, UCLOUD_REGION, …
    // or ucloud-cli's ~/.ucloud/config.json and credential.json.
    let client = Client::from_env()?;
    let req = DescribeUHostInstanceRequest::new().limit(20);
    match client.uhost().describe_uhost_instance(req).await {
        Ok(resp) => {
            for host in &resp.uhost_set {
                // Documented values are enum variants; any other value is kept as text.
                match &host.state {
                    Some(UHostInstanceSetState::Running) => println!("{:?} runs", host.uhost_id),
                    Some(other) => println!("{:?} is {other}", host.uhost_id),
                    None => println!("{:?}: no state", host.uhost_id),
                }
            }
            Ok(())
        }
        // UCloud answered with a RetCode other than 0.
        Err(Error::Api { code, message, .. }) => {
            eprintln!("UCloud refused: {code} {message}");
            Ok(())
        }
        // No credentials, a timeout, a network failure, …
        Err(other) => Err(other),
    }
}"#;
