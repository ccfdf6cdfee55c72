//! The macros generated code expands: they stand for derives and impls that would cost far
//! more to compile when written out (or derived) for two thousand types. They are part of
//! the runtime's public API (semver applies), though only generated code should need them.
//! The `__`-prefixed ones are their internals.

/// `request!(GetRepoImageRequest => GetRepoImageResponse, "GetRepoImage", PROJECT_ID)`:
/// implements [`Request`](crate::Request) for a generated request type, with the action of
/// the calling module's `PRODUCT` constant and the common parameters the action takes
/// (`REGION_REQUIRED` and the like imply the plain flag). `; read_only = true` says the
/// action only reads state, so it is retried like one (see
/// [`Action::is_read_only`](crate::Action::is_read_only)); without it the name decides.
#[macro_export]
macro_rules! request {
    (
        $req:ident => $resp:ident, $wire:literal $(, $common:ident)*
        $(; read_only = $read_only:literal)?
    ) => {
        impl $crate::Request for $req {
            type Response = $resp;
            const ACTION: $crate::Action =
                $crate::Action::new(PRODUCT, $wire, 0 $(| $crate::Action::$common)*)
                    $(.with_read_only($read_only))?;
        }
    };
}

/// `model!(ImageSet { image_name: "ImageName", pull_count: "PullCount" })`: `Serialize`
/// and `Deserialize` of a generated struct, by wire name.
///
/// Fields in the braces are optional (`Option` or `Vec`): left out when empty, `Default`
/// when missing. Fields in a second group, `required { repo_name: "RepoName" }`, are always
/// written and must be present when reading (else "missing field"). A field followed by
/// `base64` is written base64-encoded and read decoded. Unknown fields are skipped when
/// reading (and reported by the decoder). It stands for the serde derives with
/// `#[serde(default, skip_serializing_if = …)]` and expands to a small fraction of their
/// code: the derives were most of what compiling the full SDK cost.
#[macro_export]
macro_rules! model {
    (
        $ty:ident { $($field:ident: $wire:literal $($codec:ident)?),* $(,)? }
        $(required { $($rfield:ident: $rwire:literal $($rcodec:ident)?),* $(,)? })?
    ) => {
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                use $crate::serde::ser::SerializeStruct as _;
                use $crate::model::Empty as _;
                let mut st = s.serialize_struct(stringify!($ty), 0)?;
                $($(
                    $crate::__serialize_field!(st, self.$rfield, $rwire $(, $rcodec)?);
                )*)?
                $(
                    if self.$field.is_empty_value() {
                        st.skip_field($wire)?;
                    } else {
                        $crate::__serialize_field!(st, self.$field, $wire $(, $codec)?);
                    }
                )*
                st.end()
            }
        }

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
                    // A struct without fields reads no key.
                    #[allow(unused_mut, unused_variables)]
                    fn visit_map<A: $crate::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::std::result::Result<$ty, A::Error> {
                        $(let mut $field = ::std::default::Default::default();)*
                        $($(let mut $rfield = ::std::option::Option::None;)*)?
                        while let Some(key) = map.next_key::<$crate::decode::Key<'de>>()? {
                            let key = key.as_str();
                            $(if key == $wire {
                                $field = $crate::__deserialize_field!(map $(, $codec)?);
                                continue;
                            })*
                            $($(if key == $rwire {
                                $rfield = Some($crate::__deserialize_field!(map $(, $rcodec)?));
                                continue;
                            })*)?
                            map.next_value::<$crate::serde::de::IgnoredAny>()?;
                        }
                        Ok($ty {
                            $($field,)*
                            $($($rfield: $rfield.ok_or_else(|| {
                                <A::Error as $crate::serde::de::Error>::missing_field($rwire)
                            })?,)*)?
                        })
                    }
                }
                d.deserialize_struct(stringify!($ty), &[$($wire,)* $($($rwire,)*)?], Fields)
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __serialize_field {
    ($st:ident, $value:expr, $wire:literal) => {
        $st.serialize_field($wire, &$value)?
    };
    ($st:ident, $value:expr, $wire:literal, base64) => {
        $st.serialize_field($wire, &$crate::model::Base64(&$value))?
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __deserialize_field {
    ($map:ident) => {
        $map.next_value()?
    };
    ($map:ident, base64) => {
        $map.next_value::<$crate::model::Decoded<_>>()?.0
    };
}

/// `deserialize!(ImageSet, image_name: "ImageName", pull_count: "PullCount");`: only the
/// `Deserialize` half of [`model!`], for types whose fields are all optional.
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

/// `open_enum!(ChargeType { Year = "Year", Month = "Month" } Unknown)`: the impls of a
/// generated open enum (see [`OpenEnum`](crate::model::OpenEnum)): each variant stands for
/// its documented wire value, and the last, `Unknown(String)`, for any other. The enum
/// itself is declared by the generated code (with its docs); this adds `as_str`,
/// `Display`, `FromStr` (never fails), `From<&str>`, `From<String>`, `AsRef<str>`,
/// `Serialize` and `Deserialize`, all as the exact wire string.
#[macro_export]
macro_rules! open_enum {
    ($ty:ident { $($variant:ident = $wire:literal),* $(,)? } $other:ident) => {
        impl $crate::model::OpenEnum for $ty {
            const VALUES: &'static [&'static str] = &[$($wire),*];
            fn documented(index: usize) -> Self {
                const VARIANTS: &[$ty] = &[$($ty::$variant),*];
                VARIANTS[index].clone()
            }
            fn undocumented(value: ::std::string::String) -> Self {
                $ty::$other(value)
            }
            fn as_str(&self) -> &str {
                match self {
                    $($ty::$variant => $wire,)*
                    $ty::$other(value) => value,
                }
            }
        }
        impl $ty {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                <Self as $crate::model::OpenEnum>::as_str(self)
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok($crate::model::enum_from_str(s))
            }
        }
        impl ::std::convert::From<&str> for $ty {
            fn from(s: &str) -> Self {
                $crate::model::enum_from_str(s)
            }
        }
        impl ::std::convert::From<::std::string::String> for $ty {
            fn from(s: ::std::string::String) -> Self {
                $crate::model::enum_from_string(s)
            }
        }
        impl ::std::convert::AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::model::serialize_enum(self, s)
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::deserialize_enum(d)
            }
        }
    };
}
