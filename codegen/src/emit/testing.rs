//! What the runtime's mock transport knows of each action (the `testing` feature): one
//! `TypedAction` per action (its `ActionInfo` and response type), in a `ACTIONS` table of
//! each product module, and `testing::actions()` in the crate root collecting the enabled
//! products.

use super::plan::Plan;
use super::types::ident;
use crate::spec::{Action, ParamNode, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// The product module's `ACTIONS` table.
pub fn actions_table(svc: &Service, plan: &Plan) -> TokenStream {
    let entries = svc.actions.iter().zip(&plan.actions).map(|(a, n)| {
        let name = &a.name;
        let required = required(a);
        let example = example(a);
        let response = ident(&n.response.name);
        quote! {
            crate::runtime::testing::TypedAction::new(
                crate::runtime::testing::ActionInfo::new(
                    PRODUCT,
                    #name,
                    &[#(#required),*],
                    #example,
                ),
                crate::runtime::testing::ResponseType::of::<#response>(),
            )
        }
    });
    quote! {
        /// The product's actions as the mock transport of the `testing` feature knows them:
        /// the parameters each requires, its documented response example, and its response
        /// type, which replies a test gives are checked against.
        #[cfg(feature = "testing")]
        pub static ACTIONS: &[crate::runtime::testing::TypedAction] = &[#(#entries),*];
    }
}

/// Wire names of the required parameters, `N` for list indices: `ImageId`, `Disks`,
/// `Disks.N.IsBoot`. Region, Zone and ProjectId are left to the client's configuration.
fn required(a: &Action) -> Vec<String> {
    let mut out = Vec::new();
    walk(&a.request_tree, a, "", true, &mut out);
    out
}

fn walk(nodes: &[ParamNode], a: &Action, prefix: &str, top: bool, out: &mut Vec<String>) {
    for n in nodes {
        if !super::plan::is_required(n, a, top) {
            continue;
        }
        let wire = format!("{prefix}{}", n.name);
        out.push(wire.clone());
        let inner = if n.list {
            format!("{wire}.N.")
        } else {
            format!("{wire}.")
        };
        walk(&n.children, a, &inner, false, out);
    }
}

/// The page's response example as JSON text, when it has one without page defects.
fn example(a: &Action) -> TokenStream {
    match &a.examples.response {
        Some(json) if json.is_object() && a.examples.response_defects.is_empty() => {
            let text =
                super::examples::raw_string(&serde_json::to_string(json).unwrap_or_default());
            quote!(Some(#text))
        }
        _ => quote!(None),
    }
}

/// `pub mod testing` of the crate root: the runtime's test doubles and every enabled
/// product's actions.
pub fn testing_module(services: &[(&Service, &Plan)]) -> TokenStream {
    let products = services.iter().map(|(_, p)| {
        let (m, f) = (ident(&p.module), &p.module);
        quote! {
            #[cfg(feature = #f)]
            all.extend(crate::#m::ACTIONS);
        }
    });
    quote! {
        /// Test doubles for code that calls UCloud, without network (feature `testing`): the
        /// runtime's mock transport (see [`ucloud_sdk_runtime::testing`]), and what it knows
        /// of the actions of every product enabled by a cargo feature.
        #[cfg(feature = "testing")]
        #[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
        pub mod testing {
            pub use ucloud_sdk_runtime::testing::*;

            /// Every action of the products enabled by cargo features, as the mock transport
            /// knows them (their required parameters, documented response examples and
            /// response types).
            #[allow(unused_mut)]
            pub fn actions() -> Vec<&'static TypedAction> {
                let mut all: Vec<&'static TypedAction> = Vec::new();
                #(#products)*
                all
            }
        }
    }
}
