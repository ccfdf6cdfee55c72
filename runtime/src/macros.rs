//! The macros generated code expands: they stand for derives and statics that would cost
//! far more to compile when written out for two thousand types. They are part of the
//! runtime's public API (semver applies), though only generated code should need them.

/// `request!(GetRepoImageRequest => GetRepoImageResponse, "GetRepoImage", PROJECT_ID)`:
/// implements [`Request`](crate::Request) for a generated request type, with the action of
/// the calling module's `PRODUCT` constant and the common parameters the action takes
/// (`REGION_REQUIRED` and the like imply the plain flag). The generated product modules
/// declare one per action.
#[macro_export]
macro_rules! request {
    ($req:ident => $resp:ident, $wire:literal $(, $common:ident)*) => {
        impl $crate::Request for $req {
            type Response = $resp;
            const ACTION: $crate::Action =
                $crate::Action::new(PRODUCT, $wire, 0 $(| $crate::Action::$common)*);
        }
    };
}

/// `deserialize!(ImageSet, image_name: "ImageName", pull_count: "PullCount");`: the
/// `Deserialize` impl of a generated response or model struct. Fields are read by wire
/// name from a map, missing ones keep their `Default`, unknown ones are skipped (and
/// reported by the decoder). It stands for `#[derive(serde::Deserialize)]` with
/// `#[serde(default)]` and expands to a seventh of the code (about 29 lines instead of
/// 204): the derive was most of what compiling the full SDK cost.
#[macro_export]
macro_rules! deserialize {
    ($ty:ident $(, $field:ident: $wire:literal)* $(,)?) => {
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct Fields;
                impl<'de> $crate::serde::de::Visitor<'de> for Fields {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }
                    // A struct without fields neither reads a key nor changes `out`.
                    #[allow(unused_mut, unused_variables)]
                    fn visit_map<A: $crate::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::std::result::Result<$ty, A::Error> {
                        let mut out = <$ty as ::std::default::Default>::default();
                        while let Some(key) = map.next_key::<$crate::decode::Key<'de>>()? {
                            let key = key.as_str();
                            $(if key == $wire {
                                out.$field = map.next_value()?;
                                continue;
                            })*
                            map.next_value::<$crate::serde::de::IgnoredAny>()?;
                        }
                        Ok(out)
                    }
                }
                d.deserialize_struct(stringify!($ty), &[$($wire),*], Fields)
            }
        }
    };
}
