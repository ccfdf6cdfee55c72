//! The macros generated code expands: they stand for derives and impls that would cost far
//! more to compile when written out (or derived) for two thousand types. They are part of
//! the runtime's public API (semver applies), though only generated code should need them.
//! The `__`-prefixed ones are their internals.

/// `request!(GetRepoImageRequest => GetRepoImageResponse, "GetRepoImage", PROJECT_ID)`:
/// implements [`Request`](crate::Request) for a generated request type, with the action of
/// the calling module's `PRODUCT` constant and the common parameters its page lists
/// (`REGION_REQUIRED` and the like imply the plain flag; the client fills all three on every
/// action, and fails a call that cannot fill a required one, see
/// [`CallOptions::region`](crate::CallOptions::region)). `; read_only = true` says the
/// action only reads state, so it is retried like one (see
/// [`Action::is_read_only`](crate::Action::is_read_only)); the generator always says which,
/// from the spec.
/// The type must also have a [`model!`](crate::model!) (its field table, which the client
/// encodes from).
#[macro_export]
macro_rules! request {
    (
        $req:ident => $resp:ident, $wire:literal $(, $common:ident)*
        ; read_only = $read_only:literal
    ) => {
        impl $crate::Request for $req {
            type Response = $resp;
            const ACTION: $crate::Action =
                $crate::Action::new(PRODUCT, $wire, 0 $(| $crate::Action::$common)*)
                    .with_read_only($read_only);
            #[inline]
            fn as_model(&self) -> ::std::option::Option<&dyn $crate::model::Model> {
                ::std::option::Option::Some(self)
            }
        }
    };
}

/// `model!(ImageSet: default { image_name: "ImageName" OptStr, tags: "Tags" Strs })`: a
/// generated struct's [`Model`](crate::model::Model) description, and its `Debug`,
/// `PartialEq`, `Serialize` and `Deserialize` through it (see [`model`](mod@crate::model)).
///
/// Each field is named with its wire name and its kind, a variant of
/// [`Slot`](crate::model::Slot) (`Str`, `OptInt`, `Models`, `OptBase64Secret`, …); plain
/// values must be present when read, and so must a list followed by `required`. `default`
/// says the struct reads into its `Default`; `blank` (for request structs with required
/// fields) into a value whose required fields are empty until read, and each must be present.
/// The struct derives only `Clone` (and `Default`); the rest is the runtime's code, once for
/// all structs, where derives were most of what compiling the SDK cost.
///
/// Markers after `default`/`blank`, in any order:
///
/// - `in_wire_order` says that the fields, as listed, encode into parameter names in byte
///   order with none repeated (see
///   [`Model::fields_in_wire_order`](crate::model::Model::fields_in_wire_order)), so the
///   client need not sort them. The generator lists request fields by wire name and marks
///   those tables where that holds; debug builds check the claim on every request encoded.
/// - `request` marks a request (the struct the generator makes for an action's
///   parameters): reading it refuses keys it does not know
///   ([`Model::strict`](crate::model::Model::strict)), and it holds its extra parameters
///   in a field `extras: Extras` (which the struct declares), with
///   [`ExtraParams`](crate::model::ExtraParams) implemented for it.
/// - `request_group` marks a group of a request's parameters (`Disks.N.*`): strict too.
///
/// Responses and their models have no marker: reading them skips unknown keys.
#[macro_export]
macro_rules! model {
    (
        $ty:ident: $init:ident $($marker:ident)* {
            $($field:ident: $wire:literal $kind:ident $($required:ident)?),* $(,)?
        }
    ) => {
        $crate::__check_markers!($($marker)*);
        impl $crate::model::Model for $ty {
            #[inline]
            fn table(&self) -> &'static $crate::model::Table {
                const TABLE: $crate::model::Table = $crate::model::Table {
                    type_name: stringify!($ty),
                    fields: &[$(
                        $crate::model::FieldInfo::new(
                            stringify!($field),
                            $wire,
                            $crate::model::shape::$kind,
                        )$(.$required())?,
                    )*],
                };
                &TABLE
            }
            #[allow(unused_variables)]
            #[inline]
            fn visit<'a>(&'a self, f: &mut dyn FnMut($crate::model::Value<'a>)) {
                $(f($crate::model::get::$kind(&self.$field));)*
            }
            // Only what a marker changes: a struct without markers (every response and
            // model) keeps the trait's defaults, and compiles no body for them.
            $crate::__marker_methods!($ty; $($marker)*);
            #[allow(unused_variables)]
            #[inline]
            fn slot(&mut self, wire: &str) -> $crate::model::Slot<'_> {
                $(if wire == $wire {
                    return $crate::model::Slot::$kind(&mut self.$field);
                })*
                $crate::model::Slot::Unknown
            }
            #[inline]
            fn blank() -> Self {
                $crate::__blank!($ty $init { $($field $kind),* } $($marker)*)
            }
        }
        $crate::__extra_params!($ty; $($marker)*);
        impl ::std::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::model::debug(self, f)
            }
        }
        impl ::std::cmp::PartialEq for $ty {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::model::eq(self, other)
            }
        }
        impl $crate::serde::Serialize for $ty {
            #[inline]
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::model::serialize(self, s)
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::deserialize(d)
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __check_markers {
    () => {};
    (in_wire_order $($rest:ident)*) => { $crate::__check_markers!($($rest)*); };
    (request $($rest:ident)*) => { $crate::__check_markers!($($rest)*); };
    (request_group $($rest:ident)*) => { $crate::__check_markers!($($rest)*); };
    ($other:ident $($rest:ident)*) => {
        ::std::compile_error!(::std::concat!(
            "model!: unknown marker `", ::std::stringify!($other),
            "` (in_wire_order, request, request_group)"
        ));
    };
}

/// The [`Model`](crate::model::Model) methods `model!`'s markers change from the trait's
/// defaults: `in_wire_order` (`fields_in_wire_order`), `request` (strict reading, its
/// `extras` field, a blank of its type) and `request_group` (strict reading).
#[doc(hidden)]
#[macro_export]
macro_rules! __marker_methods {
    ($ty:ident;) => {};
    ($ty:ident; in_wire_order $($rest:ident)*) => {
        #[inline]
        fn fields_in_wire_order(&self) -> bool {
            true
        }
        $crate::__marker_methods!($ty; $($rest)*);
    };
    ($ty:ident; request $($rest:ident)*) => {
        #[inline]
        fn strict(&self) -> bool {
            true
        }
        #[inline]
        fn extra_params(&self) -> ::std::option::Option<&$crate::model::Extras> {
            ::std::option::Option::Some(&self.extras)
        }
        #[inline]
        fn blank_dyn(
            &self,
        ) -> ::std::option::Option<::std::boxed::Box<dyn $crate::model::Model>> {
            ::std::option::Option::Some(::std::boxed::Box::new(
                <$ty as $crate::model::Model>::blank(),
            ))
        }
        $crate::__marker_methods!($ty; $($rest)*);
    };
    ($ty:ident; request_group $($rest:ident)*) => {
        #[inline]
        fn strict(&self) -> bool {
            true
        }
        $crate::__marker_methods!($ty; $($rest)*);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __extra_params {
    ($ty:ident;) => {};
    ($ty:ident; request $($rest:ident)*) => {
        impl $crate::model::ExtraParams for $ty {
            #[inline]
            fn extras(&self) -> &$crate::model::Extras {
                &self.extras
            }
            #[inline]
            fn extras_mut(&mut self) -> &mut $crate::model::Extras {
                &mut self.extras
            }
        }
    };
    ($ty:ident; $other:ident $($rest:ident)*) => {
        $crate::__extra_params!($ty; $($rest)*);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __blank {
    ($ty:ident default { $($field:ident $kind:ident),* } $($marker:ident)*) => {
        <$ty as ::std::default::Default>::default()
    };
    ($ty:ident blank { $($field:ident $kind:ident),* } $($marker:ident)*) => {
        $crate::__blank_literal!($ty { $($field $kind),* } $($marker)*)
    };
}

/// A blank struct's literal: every field empty, and for a `request` its `extras` too.
#[doc(hidden)]
#[macro_export]
macro_rules! __blank_literal {
    ($ty:ident { $($field:ident $kind:ident),* }) => {
        $ty { $($field: $crate::__blank_field!($kind),)* }
    };
    ($ty:ident { $($field:ident $kind:ident),* } request $($rest:ident)*) => {
        $ty {
            $($field: $crate::__blank_field!($kind),)*
            extras: ::std::default::Default::default(),
        }
    };
    ($ty:ident { $($field:ident $kind:ident),* } $other:ident $($rest:ident)*) => {
        $crate::__blank_literal!($ty { $($field $kind),* } $($rest)*)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __blank_field {
    (Enum) => {
        $crate::model::blank::Enum()
    };
    (Model) => {
        $crate::model::blank::Model()
    };
    ($kind:ident) => {
        $crate::model::blank::default()
    };
}

/// `deserialize!(ImageSet, image_name: "ImageName", pull_count: "PullCount");`: a plain
/// `Deserialize` by wire name for a hand-written struct with `Default` whose fields are all
/// optional (unknown fields skipped). Generated structs use [`model!`](crate::model!).
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
/// `Serialize` and `Deserialize`. Text becomes a variant by one rule (see
/// [`enum_from_str`](crate::model::enum_from_str)): an exact match, else the one documented
/// value equal ignoring ASCII case, else `Unknown` with the text kept; a variant is written
/// as its documented wire string.
#[macro_export]
macro_rules! open_enum {
    ($ty:ident { $($variant:ident = $wire:literal),* $(,)? } $other:ident) => {
        impl $crate::model::OpenEnum for $ty {
            const VALUES: &'static [&'static str] = &[$($wire),*];
            #[inline]
            fn documented(index: usize) -> Self {
                const VARIANTS: &[$ty] = &[$($ty::$variant),*];
                VARIANTS[index].clone()
            }
            #[inline]
            fn undocumented(value: ::std::string::String) -> Self {
                $ty::$other(value)
            }
            #[inline]
            fn as_str(&self) -> &str {
                match self {
                    $($ty::$variant => $wire,)*
                    $ty::$other(value) => value,
                }
            }
        }
        impl $ty {
            /// The value as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                <Self as $crate::model::OpenEnum>::as_str(self)
            }
        }
        impl ::std::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = ::std::convert::Infallible;
            #[inline]
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok($crate::model::enum_from_str(s))
            }
        }
        impl ::std::convert::From<&str> for $ty {
            #[inline]
            fn from(s: &str) -> Self {
                $crate::model::enum_from_str(s)
            }
        }
        impl ::std::convert::From<::std::string::String> for $ty {
            #[inline]
            fn from(s: ::std::string::String) -> Self {
                $crate::model::enum_from_string(s)
            }
        }
        impl ::std::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl $crate::serde::Serialize for $ty {
            #[inline]
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::model::serialize_enum(self, s)
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::deserialize_enum(d)
            }
        }
    };
}
