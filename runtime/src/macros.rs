//! The macros generated code expands: they stand for derives and impls that would cost far
//! more to compile when written out (or derived) for thousands of types. They are the
//! generator's (hidden, and outside semver like [`__private`](crate::__private)); the
//! `__`-prefixed ones are their internals.

/// `request!(GetRepoImageRequest => GetRepoImageResponse, PRODUCT, "GetRepoImage",
/// PROJECT_ID; read_only = true)`: implements [`Request`](crate::Request) for a generated
/// request type, with its product, its action and the common parameters its page lists
/// (`REGION_REQUIRED` and the like imply the plain flag; the client fills all three on every
/// action, and fails a call that cannot fill a required one, see
/// [`CallOptions::region`](crate::CallOptions::region)). `read_only` says whether the
/// action only reads state, so it is retried like one (see
/// [`Action::is_read_only`](crate::Action::is_read_only)); the generator always says which,
/// from the spec. Every name the expansion uses is an argument or a `$crate` path.
/// The type must also have a [`model!`] (its field table, which the client encodes from).
#[doc(hidden)]
#[macro_export]
macro_rules! request {
    (
        $req:ident => $resp:ident, $product:expr, $wire:literal $(, $common:ident)*
        ; read_only = $read_only:literal
    ) => {
        impl $crate::Request for $req {
            type Response = $resp;
            const ACTION: $crate::Action =
                $crate::Action::new($product, $wire, 0 $(| $crate::Action::$common)*)
                    .with_read_only($read_only);
            #[inline]
            fn as_model(&self) -> ::std::option::Option<&dyn $crate::__private::Model> {
                ::std::option::Option::Some(self)
            }
        }
    };
}

/// `model!(ImageSet: default { image_name: "ImageName" OptStr, tags: "Tags" Strs,
/// status: "Status" OptEnum(ImageStatus) })`: a generated struct's field table (its
/// [`Model`](crate::__private::Model) impl), and its `Debug`, `PartialEq`, `Serialize` and
/// `Deserialize` through it (see the runtime's `model::field`).
///
/// Each field is named with its wire name and its kind, a function of
/// [`access`](crate::__private::access) (`Str`, `OptInt`, `Models(ImageSet)`,
/// `OptBase64Secret`, …; an enum's or a struct's kind takes its type); the field must have
/// the kind's type ([`types`](crate::__private::types)), which the expansion checks. Plain
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
///   [`Model::fields_in_wire_order`](crate::__private::Model::fields_in_wire_order)), so the
///   client need not sort them. The generator lists request fields by wire name and marks
///   those tables where that holds; debug builds check the claim on every request encoded.
/// - `request` marks a request (the struct the generator makes for an action's
///   parameters): reading it refuses keys it does not know
///   ([`Model::strict`](crate::__private::Model::strict)), and it holds its extra parameters
///   in a field `extras: Extras` (which the struct declares), with
///   [`ExtraParams`](crate::ExtraParams) implemented for it.
/// - `request_group` marks a group of a request's parameters (`Disks.N.*`): strict too.
///
/// Responses and their models have no marker: reading them skips unknown keys.
#[doc(hidden)]
#[macro_export]
macro_rules! model {
    (
        $ty:ident: $init:ident $($marker:ident)* {
            $($field:ident: $wire:literal $kind:ident $(($arg:ty))? $($required:ident)?),* $(,)?
        }
    ) => {
        $crate::__check_markers!($($marker)*);
        // Each field has the type of its kind: what makes the table's offsets safe to read
        // through (see `Model`'s safety section). One body per struct, of plain borrows.
        const _: () = {
            #[allow(dead_code, unused_variables, deprecated)]
            fn check(s: &$ty) {
                $(let _: &$crate::__private::types::$kind $(<$arg>)? = &s.$field;)*
            }
        };
        // SAFETY: the table is this struct's own fields, each at its offset and of the type
        // its kind reads (checked above).
        unsafe impl $crate::__private::Model for $ty {
            #[inline]
            fn table(&self) -> &'static $crate::__private::Table {
                const TABLE: $crate::__private::Table = $crate::__private::Table {
                    type_name: stringify!($ty),
                    fields: &[$(
                        $crate::__private::FieldInfo::new(
                            stringify!($field),
                            $wire,
                            ::std::mem::offset_of!($ty, $field),
                            $crate::__private::access::$kind $(::<$arg>)? ::ACCESS,
                        )$(.$required())?,
                    )*],
                };
                &TABLE
            }
            // Only what a marker changes: a struct without markers (every response and
            // model) keeps the trait's defaults, and compiles no body for them.
            $crate::__marker_methods!($ty; $($marker)*);
            #[inline]
            fn blank() -> Self {
                $crate::__blank!($ty $init { $($field $kind),* } $($marker)*)
            }
        }
        $crate::__extra_params!($ty; $($marker)*);
        impl ::std::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::__private::debug(self, f)
            }
        }
        impl ::std::cmp::PartialEq for $ty {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::__private::eq(self, other)
            }
        }
        $crate::__serde_via!($ty, serialize, deserialize);
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

/// The [`Model`](crate::__private::Model) methods `model!`'s markers change from the trait's
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
        fn extra_params(&self) -> ::std::option::Option<&$crate::Extras> {
            ::std::option::Option::Some(&self.extras)
        }
        #[inline]
        fn blank_dyn(
            &self,
        ) -> ::std::option::Option<::std::boxed::Box<dyn $crate::__private::Model>> {
            ::std::option::Option::Some(::std::boxed::Box::new(
                <$ty as $crate::__private::Model>::blank(),
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
        impl $crate::ExtraParams for $ty {
            #[inline]
            fn extras(&self) -> &$crate::Extras {
                &self.extras
            }
            #[inline]
            fn extras_mut(&mut self) -> &mut $crate::Extras {
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
        $crate::__private::blank::Enum()
    };
    (IntEnum) => {
        $crate::__private::blank::IntEnum()
    };
    (Model) => {
        $crate::__private::blank::Model()
    };
    ($kind:ident) => {
        $crate::__private::blank::default()
    };
}

/// `open_enum!(ChargeType { Year = "Year", Month = "Month" } Unknown)`: the impls of a
/// generated open enum (see [`OpenEnum`](crate::__private::OpenEnum)): each variant stands for
/// its documented wire value, and the last, `Unknown(String)`, for any other. The enum
/// itself is declared by the generated code (with its docs); this adds `as_str`,
/// `Display`, `FromStr` (never fails), `From<&str>`, `From<String>`, `AsRef<str>`,
/// `Serialize` and `Deserialize`. Text becomes a variant by one rule (see
/// [`enum_from_str`](crate::__private::enum_from_str)): an exact match, else the one documented
/// value equal ignoring ASCII case, else `Unknown` with the text kept; a variant is written
/// as its documented wire string.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    ($ty:ident { $($variant:ident = $wire:literal),* $(,)? } $other:ident) => {
        impl $crate::__private::OpenEnum for $ty {
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
                <Self as $crate::__private::OpenEnum>::as_str(self)
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
                Ok($crate::__private::enum_from_str(s))
            }
        }
        impl ::std::convert::From<&str> for $ty {
            #[inline]
            fn from(s: &str) -> Self {
                $crate::__private::enum_from_str(s)
            }
        }
        impl ::std::convert::From<::std::string::String> for $ty {
            #[inline]
            fn from(s: ::std::string::String) -> Self {
                $crate::__private::enum_from_string(s)
            }
        }
        impl ::std::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        $crate::__serde_via!($ty, serialize_enum, deserialize_enum);
    };
}

/// `open_int_enum!(AlarmStatus { V0 = 0, V1 = 1 } Unknown)`: the impls of a generated
/// int-backed open enum (see [`OpenIntEnum`](crate::__private::OpenIntEnum)): each variant
/// stands for its documented code, and the last, `Unknown(i64)`, for any other. The enum is
/// declared by the generated code (with its docs); this adds `value`, `Display` (the code),
/// `From<i64>` (never fails: an undocumented code is `Unknown`), `From<Self> for i64`,
/// `Serialize` and `Deserialize` (the code as a JSON number).
#[doc(hidden)]
#[macro_export]
macro_rules! open_int_enum {
    ($ty:ident { $($variant:ident = $code:literal),* $(,)? } $other:ident) => {
        impl $crate::__private::OpenIntEnum for $ty {
            const VALUES: &'static [i64] = &[$($code),*];
            #[inline]
            fn documented(index: usize) -> Self {
                const VARIANTS: &[$ty] = &[$($ty::$variant),*];
                VARIANTS[index]
            }
            #[inline]
            fn undocumented(value: i64) -> Self {
                $ty::$other(value)
            }
            #[inline]
            fn value(&self) -> i64 {
                match *self {
                    $($ty::$variant => $code,)*
                    $ty::$other(value) => value,
                }
            }
        }
        impl $ty {
            /// The code as sent on the wire.
            #[inline]
            pub fn value(&self) -> i64 {
                <Self as $crate::__private::OpenIntEnum>::value(self)
            }
        }
        impl ::std::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }
        impl ::std::convert::From<i64> for $ty {
            #[inline]
            fn from(value: i64) -> Self {
                $crate::__private::int_enum_from(value)
            }
        }
        impl ::std::convert::From<$ty> for i64 {
            #[inline]
            fn from(value: $ty) -> i64 {
                value.value()
            }
        }
        $crate::__serde_via!($ty, serialize_int_enum, deserialize_int_enum);
    };
}

/// `Serialize` and `Deserialize` of a generated type through the given functions of
/// `__private` (one pair of impls for the struct and enum macros alike).
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_via {
    ($ty:ident, $ser:ident, $de:ident) => {
        impl $crate::serde::Serialize for $ty {
            #[inline]
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::__private::$ser(self, s)
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::$de(d)
            }
        }
    };
}
