//! `src/lib.rs` of the generated crate: its docs, the runtime's re-exports, the product
//! modules (one cargo feature each), and `Client`, the runtime client with one accessor per
//! product.
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
    let mods = services.iter().map(|(svc, p)| {
        let m = ident(&p.module);
        let f = &p.module;
        let doc = docs::text(&format!(
            " `{}`: the actions of UCloud's `{}` documentation folder (feature `{f}`).",
            svc.name, svc.folder
        ));
        quote! {
            #[cfg(feature = #f)]
            #[doc = #doc]
            pub mod #m;
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
            #[doc = #doc]
            pub fn #m(&self) -> #m::#c { #m::#c::new(self.0.clone()) }
        }
    });
    let testing = super::testing::testing_module(services);
    quote! {
        #crate_docs
        #![warn(missing_docs)]
        // Page text makes rustdoc warnings, and pages name parameters like std methods (`add`);
        // the lints hold for every product.
        #![allow(clippy::too_many_arguments, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::should_implement_trait, rustdoc::all)]

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
