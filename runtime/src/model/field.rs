//! Where each field of a generated struct is, and how the runtime reads and writes it: the
//! field table that [`model!`](crate::model!) declares as static data.
//!
//! A field's entry ([`FieldInfo`]) holds its offset in the struct (`offset_of!`) and its
//! kind's [`Access`]: a function that reads the field at that place into a [`Value`] and one
//! that hands out its [`Slot`] to be written. The runtime walks the table ([`visit`] and
//! [`slot`] on `dyn Model`); no struct has a reading or writing body of its own. That is
//! what keeps the generated SDK cheap to compile: one static table per struct instead of two
//! function bodies that grow with its fields (see `docs/performance.md`).
//!
//! The one `unsafe` step is turning an offset back into a reference. It is sound because of
//! what [`Model`] promises (it is an `unsafe trait`): every entry of a struct's table names a
//! field of that struct, at its offset, whose type is the one its kind reads (`model!`
//! checks that type for each field at compile time, [`types`] names them), and a
//! `dyn Model` always points at the struct itself (no `Model` impl for a `Box` or any other
//! pointer: a boxed field has its own kind, [`access::OptBoxModel`]).

use std::marker::PhantomData;

use super::{
    List, Model, ModelList, ModelVec, OpenEnum, OpenIntEnum, OptModelSlot, Shape, Slot, Value,
};

/// One field of a [`Model`]: its names, its shape and where and how to reach it.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The Rust field name (for `Debug`).
    pub name: &'static str,
    /// The name on the wire.
    pub wire: &'static str,
    /// A value, an `Option` or a `Vec`.
    pub shape: Shape,
    /// Must be present when read: every plain value, and lists marked so.
    pub required: bool,
    offset: usize,
    access: Access,
}

impl FieldInfo {
    /// Describes the field at `offset` of its struct, of the kind `access` reads; a plain
    /// value is required. Only the table of that struct may hold it (see [`Model`]).
    pub const fn new(
        name: &'static str,
        wire: &'static str,
        offset: usize,
        access: Access,
    ) -> Self {
        FieldInfo {
            name,
            wire,
            shape: access.shape,
            required: matches!(access.shape, Shape::Required),
            offset,
            access,
        }
    }

    /// The field, required (a list the documentation requires).
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
}

impl std::fmt::Debug for FieldInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldInfo")
            .field("name", &self.name)
            .field("wire", &self.wire)
            .field("shape", &self.shape)
            .field("required", &self.required)
            .field("offset", &self.offset)
            .finish_non_exhaustive()
    }
}

/// How the runtime reads and writes one kind of field: the functions of [`access`].
#[derive(Clone, Copy)]
pub struct Access {
    shape: Shape,
    get: for<'a> unsafe fn(FieldRef<'a>) -> Value<'a>,
    slot: for<'a> unsafe fn(FieldMut<'a>) -> Slot<'a>,
}

/// A field of a struct borrowed for `'a`, its type known only to its kind's [`Access`].
#[derive(Clone, Copy)]
pub struct FieldRef<'a>(*const u8, PhantomData<&'a ()>);

/// A field of a struct borrowed mutably for `'a` (see [`FieldRef`]).
pub struct FieldMut<'a>(*mut u8, PhantomData<&'a mut ()>);

impl<'a> FieldRef<'a> {
    /// # Safety
    /// The field is a `T` (the caller is the access of `T`'s kind).
    unsafe fn cast<T>(self) -> &'a T {
        // SAFETY: the pointer is to a live field of type `T` borrowed for 'a.
        unsafe { &*self.0.cast::<T>() }
    }
}

impl<'a> FieldMut<'a> {
    /// # Safety
    /// The field is a `T` (the caller is the access of `T`'s kind).
    unsafe fn cast<T>(self) -> &'a mut T {
        // SAFETY: the pointer is to a live field of type `T` borrowed mutably for 'a.
        unsafe { &mut *self.0.cast::<T>() }
    }
}

impl dyn Model + '_ {
    /// Calls `f` with each field's value, in the order of [`Model::fields`].
    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(Value<'a>)) {
        for (_, value) in self.values() {
            f(value);
        }
    }

    /// Each field with its value, in the order of [`Model::fields`]: [`visit`](Self::visit)
    /// without a callback, for the runtime's own walks (the encoder's loop body is inlined
    /// rather than called through a `dyn FnMut` once per field).
    pub(crate) fn values<'a>(
        &'a self,
    ) -> impl ExactSizeIterator<Item = (&'static FieldInfo, Value<'a>)> + 'a {
        let base = (self as *const dyn Model).cast::<u8>();
        self.fields().iter().map(move |field| {
            // SAFETY: the table describes this struct (`Model` is an unsafe trait), so the
            // offset is in bounds and the field has the type its access reads.
            let at = FieldRef(unsafe { base.add(field.offset) }, PhantomData);
            (field, unsafe { (field.access.get)(at) })
        })
    }

    /// Where the value of the field named `wire` on the wire goes ([`Slot::Unknown`] when
    /// there is no such field).
    pub fn slot(&mut self, wire: &str) -> Slot<'_> {
        match field_index(self.fields(), wire, 0) {
            Some(index) => self.slot_at(index),
            None => Slot::Unknown,
        }
    }

    /// Where the value of the field at `index` of [`Model::fields`] goes.
    ///
    /// # Panics
    /// If the table has no field at `index` (a caller's bug: indices come from the table).
    #[inline]
    pub(crate) fn slot_at(&mut self, index: usize) -> Slot<'_> {
        let field = &self.fields()[index];
        let base = (self as *mut dyn Model).cast::<u8>();
        // SAFETY: as in `visit`; the one field is borrowed mutably for as long as `self`.
        unsafe { (field.access.slot)(FieldMut(base.add(field.offset), PhantomData)) }
    }
}

/// The index of the field called `wire` on the wire in `fields`, looked for from `hint` on
/// first: tables list fields by wire name, and UCloud's replies list keys in the same order
/// (Go's JSON of a map), so the field after the last one read, or one a little further
/// (fields a reply leaves out are skipped), is most often the next. Names are compared by
/// [`same`].
pub(crate) fn field_index(fields: &[FieldInfo], wire: &str, hint: usize) -> Option<usize> {
    let is = |f: &FieldInfo| same(f.wire.as_bytes(), wire.as_bytes());
    let (before, after) = fields.split_at(hint.min(fields.len()));
    match after.iter().position(is) {
        Some(i) => Some(hint + i),
        None => before.iter().position(is),
    }
}

/// Whether two names are equal, compared here rather than by a call to `memcmp` for each of
/// the many keys a reply has: the lengths, then eight bytes at a time, then the rest.
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut wa, mut wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let words = (&mut wa).zip(&mut wb).all(|(x, y)| word(x) == word(y));
    words
        && wa
            .remainder()
            .iter()
            .zip(wb.remainder())
            .all(|(x, y)| x == y)
}

fn word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(bytes);
    u64::from_ne_bytes(w)
}

/// The Rust type of each kind of field, by the kind's name: what `model!` checks each field
/// against, and what the kind's [`access`] reads.
#[allow(missing_docs)]
pub mod types {
    pub type Str = String;
    pub type OptStr = Option<String>;
    pub type Strs = Vec<String>;
    pub type Int = i64;
    pub type OptInt = Option<i64>;
    pub type Ints = Vec<i64>;
    pub type Float = f64;
    pub type OptFloat = Option<f64>;
    pub type Floats = Vec<f64>;
    pub type Bool = bool;
    pub type OptBool = Option<bool>;
    pub type Bools = Vec<bool>;
    pub type Json = serde_json::Value;
    pub type OptJson = Option<serde_json::Value>;
    pub type Jsons = Vec<serde_json::Value>;
    pub type Secret = crate::Secret;
    pub type OptSecret = Option<crate::Secret>;
    pub type Secrets = Vec<crate::Secret>;
    pub type Base64Str = String;
    pub type OptBase64Str = Option<String>;
    pub type Base64Secret = crate::Secret;
    pub type OptBase64Secret = Option<crate::Secret>;
    pub type Enum<E> = E;
    pub type OptEnum<E> = Option<E>;
    pub type Enums<E> = Vec<E>;
    pub type IntEnum<E> = E;
    pub type OptIntEnum<E> = Option<E>;
    pub type IntEnums<E> = Vec<E>;
    pub type Model<T> = T;
    pub type OptModel<T> = Option<T>;
    pub type OptBoxModel<T> = Option<Box<T>>;
    pub type Models<T> = Vec<T>;
}

/// Each kind's [`Access`], as the associated const `ACCESS` of a type named for the kind (an
/// open enum's or a struct's kind takes its type): `access::OptStr::ACCESS`,
/// `access::Models::<ImageSet>::ACCESS`. Consts, not const fns: a table names one constant
/// per field, which the compiler evaluates once per kind and type rather than per field.
#[allow(non_snake_case)]
pub mod access {
    use super::Model as ModelTrait;
    use super::*;
    use std::marker::PhantomData;

    /// The kinds whose type is fixed: each reads its field through the matching `get`
    /// function of `model!`'s kinds and writes it through the `Slot` variant of its name.
    macro_rules! fixed_kinds {
        ($($kind:ident: $ty:ty, $shape:ident;)*) => {$(
            #[doc = concat!("The access of `", stringify!($kind), "` fields (`", stringify!($ty), "`).")]
            pub struct $kind;
            impl $kind {
                /// How a table reads and writes a field of this kind.
                pub const ACCESS: Access = {
                    unsafe fn get<'a>(at: FieldRef<'a>) -> Value<'a> {
                        // SAFETY: the field is of this kind (see `Access`).
                        super::super::get::$kind(unsafe { at.cast::<$ty>() })
                    }
                    unsafe fn slot<'a>(at: FieldMut<'a>) -> Slot<'a> {
                        // SAFETY: the field is of this kind (see `Access`).
                        Slot::$kind(unsafe { at.cast::<$ty>() })
                    }
                    Access { shape: Shape::$shape, get, slot }
                };
            }
        )*};
    }

    fixed_kinds! {
        Str: String, Required;
        OptStr: Option<String>, Optional;
        Strs: Vec<String>, List;
        Int: i64, Required;
        OptInt: Option<i64>, Optional;
        Ints: Vec<i64>, List;
        Float: f64, Required;
        OptFloat: Option<f64>, Optional;
        Floats: Vec<f64>, List;
        Bool: bool, Required;
        OptBool: Option<bool>, Optional;
        Bools: Vec<bool>, List;
        Json: serde_json::Value, Required;
        OptJson: Option<serde_json::Value>, Optional;
        Jsons: Vec<serde_json::Value>, List;
        Secret: crate::Secret, Required;
        OptSecret: Option<crate::Secret>, Optional;
        Secrets: Vec<crate::Secret>, List;
        Base64Str: String, Required;
        OptBase64Str: Option<String>, Optional;
        Base64Secret: crate::Secret, Required;
        OptBase64Secret: Option<crate::Secret>, Optional;
    }

    /// The access of an open enum field.
    pub struct Enum<E: OpenEnum>(PhantomData<fn() -> E>);
    impl<E: OpenEnum> Enum<E> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::Required,
            get: get_enum::<E>,
            slot: slot_enum::<E>,
        };
    }

    /// The access of an optional open enum field.
    pub struct OptEnum<E: OpenEnum>(PhantomData<fn() -> E>);
    impl<E: OpenEnum> OptEnum<E> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::Optional,
            get: get_opt_enum::<E>,
            slot: slot_opt_enum::<E>,
        };
    }

    /// The access of a list of open enums.
    pub struct Enums<E: OpenEnum>(PhantomData<fn() -> E>);
    impl<E: OpenEnum> Enums<E> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::List,
            get: get_enums::<E>,
            slot: slot_enums::<E>,
        };
    }

    /// The access of an int-backed open enum field.
    pub struct IntEnum<E: OpenIntEnum>(PhantomData<fn() -> E>);
    impl<E: OpenIntEnum> IntEnum<E> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::Required,
            get: get_int_enum::<E>,
            slot: slot_int_enum::<E>,
        };
    }

    /// The access of an optional int-backed open enum field.
    pub struct OptIntEnum<E: OpenIntEnum>(PhantomData<fn() -> E>);
    impl<E: OpenIntEnum> OptIntEnum<E> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::Optional,
            get: get_opt_int_enum::<E>,
            slot: slot_opt_int_enum::<E>,
        };
    }

    /// The access of a list of int-backed open enums.
    pub struct IntEnums<E: OpenIntEnum>(PhantomData<fn() -> E>);
    impl<E: OpenIntEnum> IntEnums<E> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::List,
            get: get_int_enums::<E>,
            slot: slot_int_enums::<E>,
        };
    }

    /// The access of a struct field.
    pub struct Model<T: ModelTrait + 'static>(PhantomData<fn() -> T>);
    impl<T: ModelTrait + 'static> Model<T> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::Required,
            get: get_model::<T>,
            slot: slot_model::<T>,
        };
    }

    /// The access of an optional struct field.
    pub struct OptModel<T: ModelTrait + 'static>(PhantomData<fn() -> T>);
    impl<T: ModelTrait + 'static> OptModel<T> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::Optional,
            get: get_opt_model::<T>,
            slot: slot_opt_model::<T>,
        };
    }

    /// The access of an optional boxed struct field (a struct that leads back to its own
    /// type): the `Box` is looked through, so a `dyn Model` is always the struct itself.
    pub struct OptBoxModel<T: ModelTrait + 'static>(PhantomData<fn() -> T>);
    impl<T: ModelTrait + 'static> OptBoxModel<T> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::Optional,
            get: get_opt_box_model::<T>,
            slot: slot_opt_box_model::<T>,
        };
    }

    /// The access of a list of structs.
    pub struct Models<T: ModelTrait + 'static>(PhantomData<fn() -> T>);
    impl<T: ModelTrait + 'static> Models<T> {
        /// How a table reads and writes a field of this kind.
        pub const ACCESS: Access = Access {
            shape: Shape::List,
            get: get_models::<T>,
            slot: slot_models::<T>,
        };
    }

    unsafe fn get_enum<'a, E: OpenEnum>(at: FieldRef<'a>) -> Value<'a> {
        // SAFETY: the field is an `E` (see `Access`); so for each function below.
        Value::Enum(unsafe { at.cast::<E>() }.as_str())
    }
    unsafe fn get_opt_enum<'a, E: OpenEnum>(at: FieldRef<'a>) -> Value<'a> {
        let v = unsafe { at.cast::<Option<E>>() };
        v.as_ref()
            .map_or(Value::Absent, |e| Value::Enum(e.as_str()))
    }
    unsafe fn get_enums<'a, E: OpenEnum>(at: FieldRef<'a>) -> Value<'a> {
        let v = unsafe { at.cast::<Vec<E>>() };
        list(v.is_empty(), List::Enums(v))
    }
    unsafe fn slot_enum<'a, E: OpenEnum + 'static>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::Enum(unsafe { at.cast::<E>() })
    }
    unsafe fn slot_opt_enum<'a, E: OpenEnum + 'static>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::OptEnum(unsafe { at.cast::<Option<E>>() })
    }
    unsafe fn slot_enums<'a, E: OpenEnum + 'static>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::Enums(unsafe { at.cast::<Vec<E>>() })
    }
    unsafe fn get_int_enum<'a, E: OpenIntEnum>(at: FieldRef<'a>) -> Value<'a> {
        Value::Int(unsafe { at.cast::<E>() }.value())
    }
    unsafe fn get_opt_int_enum<'a, E: OpenIntEnum>(at: FieldRef<'a>) -> Value<'a> {
        let v = unsafe { at.cast::<Option<E>>() };
        v.as_ref().map_or(Value::Absent, |e| Value::Int(e.value()))
    }
    unsafe fn get_int_enums<'a, E: OpenIntEnum>(at: FieldRef<'a>) -> Value<'a> {
        let v = unsafe { at.cast::<Vec<E>>() };
        list(v.is_empty(), List::IntEnums(v))
    }
    unsafe fn slot_int_enum<'a, E: OpenIntEnum>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::IntEnum(unsafe { at.cast::<E>() })
    }
    unsafe fn slot_opt_int_enum<'a, E: OpenIntEnum>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::OptIntEnum(unsafe { at.cast::<Option<E>>() })
    }
    unsafe fn slot_int_enums<'a, E: OpenIntEnum>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::IntEnums(unsafe { at.cast::<Vec<E>>() })
    }
    unsafe fn get_model<'a, T: ModelTrait + 'static>(at: FieldRef<'a>) -> Value<'a> {
        Value::Model(unsafe { at.cast::<T>() })
    }
    unsafe fn slot_model<'a, T: ModelTrait + 'static>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::Model(unsafe { at.cast::<T>() })
    }
    unsafe fn get_opt_model<'a, T: ModelTrait + 'static>(at: FieldRef<'a>) -> Value<'a> {
        let v = unsafe { at.cast::<Option<T>>() };
        v.as_ref().map_or(Value::Absent, |m| Value::Model(m))
    }
    unsafe fn slot_opt_model<'a, T: ModelTrait + 'static>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::OptModel(unsafe { at.cast::<Option<T>>() })
    }
    unsafe fn get_opt_box_model<'a, T: ModelTrait + 'static>(at: FieldRef<'a>) -> Value<'a> {
        let v = unsafe { at.cast::<Option<Box<T>>>() };
        v.as_deref().map_or(Value::Absent, |m| Value::Model(m))
    }
    unsafe fn slot_opt_box_model<'a, T: ModelTrait + 'static>(at: FieldMut<'a>) -> Slot<'a> {
        Slot::OptModel(unsafe { at.cast::<OptBox<T>>() })
    }
    unsafe fn get_models<'a, T: ModelTrait + 'static>(at: FieldRef<'a>) -> Value<'a> {
        let v = unsafe { at.cast::<Vec<T>>() };
        let items: &dyn ModelList = v;
        list(v.is_empty(), List::Models(items))
    }
    unsafe fn slot_models<'a, T: ModelTrait + 'static>(at: FieldMut<'a>) -> Slot<'a> {
        let v: &mut dyn ModelVec = unsafe { at.cast::<Vec<T>>() };
        Slot::Models(v)
    }

    fn list(empty: bool, items: List<'_>) -> Value<'_> {
        if empty {
            Value::Absent
        } else {
            Value::List(items)
        }
    }

    /// An `Option<Box<T>>` field, read into as an optional struct (the same layout).
    #[repr(transparent)]
    struct OptBox<T>(Option<Box<T>>);

    impl<T: ModelTrait + 'static> OptModelSlot for OptBox<T> {
        fn insert_blank(&mut self) -> &mut dyn ModelTrait {
            &mut **self.0.insert(Box::new(T::blank()))
        }
        fn clear(&mut self) {
            self.0 = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{access, field_index, same, FieldInfo};

    /// A table of `wires`, for lookups only (no struct behind it is read).
    fn table(wires: &[&'static str]) -> Vec<FieldInfo> {
        wires
            .iter()
            .map(|w| FieldInfo::new(w, w, 0, access::Str::ACCESS))
            .collect()
    }

    #[test]
    fn a_key_is_found_after_the_hint_before_and_not_at_all() {
        let t = table(&["DiskId", "DiskSet", "IPSet", "Name", "UHostId", "Zone"]);
        // The keys of a reply in table order, with fields left out: each found from the hint.
        let mut hint = 0;
        for (key, at) in [("DiskSet", 1), ("Name", 3), ("Zone", 5)] {
            assert_eq!(field_index(&t, key, hint), Some(at), "{key}");
            hint = at + 1;
        }
        // Out of order: found before the hint; a hint past the end is no error.
        assert_eq!(field_index(&t, "DiskId", 4), Some(0));
        assert_eq!(field_index(&t, "IPSet", 99), Some(2));
        // Unknown, or equal but for case or length.
        for key in ["", "Disk", "DiskIds", "zone", "Zonf"] {
            assert_eq!(field_index(&t, key, 0), None, "{key}");
        }
    }

    #[test]
    fn names_compare_whole_at_every_length() {
        let long = "NetworkInterface.0.EIP.Bandwidth";
        assert!(same(long.as_bytes(), long.as_bytes()));
        for (i, _) in long.char_indices() {
            let mut other = long.as_bytes().to_vec();
            other[i] ^= 1;
            assert!(!same(long.as_bytes(), &other), "byte {i}");
        }
        assert!(same(b"", b""));
        assert!(!same(b"Zone", b"Zon"));
    }
}
