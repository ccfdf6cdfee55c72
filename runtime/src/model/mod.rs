//! The generated types' fields, described once: what [`model!`](crate::model!) implements
//! and what `Debug`, `PartialEq`, `Serialize` and `Deserialize` of every generated struct
//! run on.
//!
//! A generated struct lists its fields once, each with its wire name and kind
//! ([`Model::fields`]), hands out a [`Value`] per field to read ([`Model::visit`]) and a
//! [`Slot`] per wire name to write ([`Model::slot`]). The serde impls, the `Debug` output
//! and equality are then the runtime's code, compiled once, instead of a derive's code per
//! struct: with some five thousand structs, the derives were most of what compiling the SDK
//! cost (see `docs/performance.md`).
//!
//! - Optional fields that are `None` or empty lists are left out when serialising, so a
//!   response serialises back to the JSON it came from and a request sends nothing for
//!   them.
//! - Base64 fields are written encoded and read decoded: a request read from wire-shaped
//!   JSON re-encodes to the same wire.
//! - Open enums ([`OpenEnum`], and [`OpenIntEnum`] for integer codes) map documented values
//!   to variants and keep any other value.

use serde_json::Value as Json;

use crate::Secret;

mod de;
mod debug;
mod extras;
pub mod field;
mod nearest;
mod required;
mod ser;

pub use de::{deserialize, deserialize_enum, deserialize_int_enum};
pub use debug::{debug, eq};
pub(crate) use extras::check as check_extras;
pub use extras::{ExtraParams, Extras};
pub use field::{access, types, Access, FieldInfo};
pub use ser::{serialize, serialize_enum, serialize_int_enum};

/// A generated struct whose fields the runtime reads and writes: implemented by
/// [`model!`](crate::model!).
///
/// # Safety
///
/// Every entry of [`table`](Model::table)'s fields names a field of `Self`, at its offset
/// in `Self`, whose type is the one its [`Access`] reads (see `model/field.rs`).
/// `model!` makes the table from the struct's own fields and checks each field's type at
/// compile time; an impl written any other way must keep the same promise.
pub unsafe trait Model {
    /// The struct's name and field table: static data, so that it costs no function body
    /// per struct beyond this one.
    fn table(&self) -> &'static Table;
    /// The struct's name, for `Debug` and errors.
    fn type_name(&self) -> &'static str {
        self.table().type_name
    }
    /// Every field, in the order [`model!`](crate::model!) lists them: `Debug`, `Serialize`
    /// and the client's encoding follow it. Generated requests list theirs by wire name,
    /// the order UCloud signs parameters in; responses in declaration order.
    fn fields(&self) -> &'static [FieldInfo] {
        self.table().fields
    }
    /// Whether the fields, in the order of [`fields`](Model::fields), give parameter names
    /// in byte order with none repeated: each wire name sorts before the next, and so does
    /// every name under it (`Disks.0.Size` under `Disks`; which fails where one name starts
    /// the next and the next goes on with a byte before `.`, as `Tag` and `Tag-Key`). Then
    /// the client need not sort them. [`model!`](crate::model!) says so when marked
    /// `in_wire_order`.
    fn fields_in_wire_order(&self) -> bool {
        false
    }
    /// Whether reading the struct refuses a key it does not know (naming it, and the known
    /// key nearest to it): request structs are strict, so that nothing read from JSON is
    /// dropped silently; responses and their models are lenient, as the API adds fields.
    /// [`model!`](crate::model!) says so when marked `request` or `request_group`.
    fn strict(&self) -> bool {
        false
    }
    /// A request's extra parameters ([`ExtraParams`]): `Some` for a struct marked
    /// `request`, which holds them in its `extras` field. (Named apart from
    /// [`ExtraParams::extras`], so that a type with both traits in scope is not ambiguous.)
    fn extra_params(&self) -> Option<&Extras> {
        None
    }
    /// A new blank struct of this type, for looking into its field tables (and those of its
    /// groups, through their [`Slot`]s): `Some` for a struct marked `request`.
    fn blank_dyn(&self) -> Option<Box<dyn Model>> {
        None
    }
    /// An instance to read fields into: `Default` where the struct has one, else required
    /// fields empty (reading fails unless each is present).
    fn blank() -> Self
    where
        Self: Sized;
}

/// A [`Model`]'s name and fields, as [`model!`](crate::model!) lists them.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The struct's name.
    pub type_name: &'static str,
    /// Its fields.
    pub fields: &'static [FieldInfo],
}

/// Whether a field is a value, an `Option` or a `Vec`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A plain value: always written, and must be present when read.
    Required,
    /// An `Option`: left out when `None`.
    Optional,
    /// A `Vec`: left out when empty.
    List,
}

/// A field's value as the runtime reads it from a struct's field table.
#[derive(Clone, Copy)]
#[allow(missing_docs)] // each variant holds the kind of value it names
pub enum Value<'a> {
    /// `None`, or an empty list: nothing to write.
    Absent,
    Str(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    Json(&'a Json),
    Secret(&'a Secret),
    /// A string sent base64-encoded (held plain).
    Base64(&'a str),
    /// A secret sent base64-encoded (held plain): redacted wherever a [`Value::Secret`] is.
    Base64Secret(&'a Secret),
    /// An open enum's wire value.
    Enum(&'a str),
    Model(&'a dyn Model),
    List(List<'a>),
}

/// A non-empty list field's items.
#[derive(Clone, Copy)]
#[allow(missing_docs)] // each variant holds the kind of list it names
pub enum List<'a> {
    Strs(&'a [String]),
    Ints(&'a [i64]),
    Floats(&'a [f64]),
    Bools(&'a [bool]),
    Jsons(&'a [Json]),
    Secrets(&'a [Secret]),
    Enums(&'a dyn EnumList),
    IntEnums(&'a dyn IntEnumList),
    Models(&'a dyn ModelList),
}

/// Where a field's value goes when reading: one variant per kind of field (the kinds
/// [`model!`](crate::model!) names).
#[allow(missing_docs)] // each variant is the kind of field it names
pub enum Slot<'a> {
    /// No field of that name.
    Unknown,
    Str(&'a mut String),
    OptStr(&'a mut Option<String>),
    Strs(&'a mut Vec<String>),
    Int(&'a mut i64),
    OptInt(&'a mut Option<i64>),
    Ints(&'a mut Vec<i64>),
    Float(&'a mut f64),
    OptFloat(&'a mut Option<f64>),
    Floats(&'a mut Vec<f64>),
    Bool(&'a mut bool),
    OptBool(&'a mut Option<bool>),
    Bools(&'a mut Vec<bool>),
    Json(&'a mut Json),
    OptJson(&'a mut Option<Json>),
    Jsons(&'a mut Vec<Json>),
    Secret(&'a mut Secret),
    OptSecret(&'a mut Option<Secret>),
    Secrets(&'a mut Vec<Secret>),
    Base64Str(&'a mut String),
    OptBase64Str(&'a mut Option<String>),
    Base64Secret(&'a mut Secret),
    OptBase64Secret(&'a mut Option<Secret>),
    Enum(&'a mut dyn EnumSlot),
    OptEnum(&'a mut dyn EnumSlot),
    Enums(&'a mut dyn EnumSlot),
    IntEnum(&'a mut dyn IntEnumSlot),
    OptIntEnum(&'a mut dyn IntEnumSlot),
    IntEnums(&'a mut dyn IntEnumSlot),
    Model(&'a mut dyn Model),
    OptModel(&'a mut dyn OptModelSlot),
    Models(&'a mut dyn ModelVec),
}

/// An open enum field (a value, an `Option` or a `Vec` of one) to read a wire string into.
pub trait EnumSlot {
    /// Sets (or for a list, adds) the value.
    fn set(&mut self, value: String);
    /// Empties an `Option` or a `Vec` (a plain value is left as is).
    fn clear(&mut self);
}

/// An int-backed open enum field (a value, an `Option` or a `Vec` of one) to read a code into.
pub trait IntEnumSlot {
    /// Sets (or for a list, adds) the code.
    fn set(&mut self, value: i64);
    /// Empties an `Option` or a `Vec` (a plain value is left as is).
    fn clear(&mut self);
}

/// The items of a list of int-backed open enums.
pub trait IntEnumList {
    /// The number of items.
    fn len(&self) -> usize;
    /// `true` without items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The code of item `index` (0 past the end).
    fn get(&self, index: usize) -> i64;
}

/// The items of a list of open enums.
pub trait EnumList {
    /// The number of items.
    fn len(&self) -> usize;
    /// `true` without items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The wire value of item `index` (`""` past the end).
    fn get(&self, index: usize) -> &str;
}

/// The items of a list of structs.
pub trait ModelList {
    /// The number of items.
    fn len(&self) -> usize;
    /// `true` without items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Item `index`, if there is one.
    fn get(&self, index: usize) -> Option<&dyn Model>;
}

/// An optional struct field (`Option<T>`, `Option<Box<T>>`) to read into.
pub trait OptModelSlot {
    /// Sets the field to a blank struct and returns it, to be read into.
    fn insert_blank(&mut self) -> &mut dyn Model;
    /// Sets the field to `None`.
    fn clear(&mut self);
}

/// A list of structs to read into.
pub trait ModelVec {
    /// Adds a blank struct and returns it, to be read into.
    fn push_blank(&mut self) -> &mut dyn Model;
    /// Removes the last item (a blank one the input had no item for).
    fn pop_blank(&mut self);
    /// Removes every item.
    fn clear(&mut self);
}

/// An enum of documented string values that keeps any other value too (an open enum): what
/// [`open_enum!`](crate::open_enum!) implements. A value the documentation does not list
/// still decodes, and can be sent.
pub trait OpenEnum: Sized + 'static {
    /// The documented values, in the order of the variants.
    const VALUES: &'static [&'static str];
    /// The variant of documented value `VALUES[index]`.
    fn documented(index: usize) -> Self;
    /// The catch-all variant, holding an undocumented value.
    fn undocumented(value: String) -> Self;
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
}

/// An enum of documented integer codes that keeps any other code too (an int-backed open
/// enum): what [`open_int_enum!`](crate::open_int_enum!) implements, for fields whose page
/// lists what each number means (`0-关闭 1-开启`). The wire value is the number.
pub trait OpenIntEnum: Copy + Sized + 'static {
    /// The documented codes, in the order of the variants.
    const VALUES: &'static [i64];
    /// The variant of documented code `VALUES[index]`.
    fn documented(index: usize) -> Self;
    /// The catch-all variant, holding an undocumented code.
    fn undocumented(value: i64) -> Self;
    /// The code as sent on the wire.
    fn value(&self) -> i64;
}

/// The variant for the code `value`: its documented variant, else the catch-all.
pub fn int_enum_from<E: OpenIntEnum>(value: i64) -> E {
    match E::VALUES.iter().position(|v| *v == value) {
        Some(i) => E::documented(i),
        None => E::undocumented(value),
    }
}

/// The variant for `value`, by the one rule for enum text: an exact match wins; next, the
/// one documented value equal to `value` ignoring ASCII case (`"Bgp"` is `"BGP"`); anything
/// else (no match, or two documented values equal to it ignoring case) is the catch-all,
/// holding `value` as it is. UCloud's API takes values in any case, and answers with them.
pub fn enum_from_str<E: OpenEnum>(value: &str) -> E {
    match documented_index(E::VALUES, value) {
        Some(i) => E::documented(i),
        None => E::undocumented(value.to_owned()),
    }
}

/// [`enum_from_str`] without copying an undocumented value.
pub fn enum_from_string<E: OpenEnum>(value: String) -> E {
    match documented_index(E::VALUES, &value) {
        Some(i) => E::documented(i),
        None => E::undocumented(value),
    }
}

/// The index of the documented value `value` stands for (see [`enum_from_str`]).
fn documented_index(values: &[&str], value: &str) -> Option<usize> {
    if let Some(i) = values
        .iter()
        .position(|v| field::same(v.as_bytes(), value.as_bytes()))
    {
        return Some(i);
    }
    let mut folded = values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.eq_ignore_ascii_case(value))
        .map(|(i, _)| i);
    match (folded.next(), folded.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

impl<E: OpenEnum> EnumSlot for E {
    fn set(&mut self, value: String) {
        *self = enum_from_string(value);
    }
    fn clear(&mut self) {}
}

impl<E: OpenEnum> EnumSlot for Option<E> {
    fn set(&mut self, value: String) {
        *self = Some(enum_from_string(value));
    }
    fn clear(&mut self) {
        *self = None;
    }
}

impl<E: OpenEnum> EnumSlot for Vec<E> {
    fn set(&mut self, value: String) {
        self.push(enum_from_string(value));
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

impl<E: OpenIntEnum> IntEnumSlot for E {
    fn set(&mut self, value: i64) {
        *self = int_enum_from(value);
    }
    fn clear(&mut self) {}
}

impl<E: OpenIntEnum> IntEnumSlot for Option<E> {
    fn set(&mut self, value: i64) {
        *self = Some(int_enum_from(value));
    }
    fn clear(&mut self) {
        *self = None;
    }
}

impl<E: OpenIntEnum> IntEnumSlot for Vec<E> {
    fn set(&mut self, value: i64) {
        self.push(int_enum_from(value));
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

impl<E: OpenIntEnum> IntEnumList for Vec<E> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn get(&self, index: usize) -> i64 {
        self.as_slice().get(index).map_or(0, E::value)
    }
}

impl<E: OpenEnum> EnumList for Vec<E> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn get(&self, index: usize) -> &str {
        self.as_slice().get(index).map_or("", E::as_str)
    }
}

impl<T: Model> ModelList for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn get(&self, index: usize) -> Option<&dyn Model> {
        self.as_slice().get(index).map(|m| m as &dyn Model)
    }
}

impl<T: Model> OptModelSlot for Option<T> {
    fn insert_blank(&mut self) -> &mut dyn Model {
        self.insert(T::blank())
    }
    fn clear(&mut self) {
        *self = None;
    }
}

impl<T: Model> ModelVec for Vec<T> {
    fn push_blank(&mut self) -> &mut dyn Model {
        self.push(T::blank());
        let last = self.len() - 1;
        &mut self[last]
    }
    fn pop_blank(&mut self) {
        self.pop();
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

/// How [`model!`](crate::model!) reads each kind of field: the kind's [`Value`].
#[allow(non_snake_case, missing_docs)]
pub mod get {
    use super::{List, Value};
    use crate::Secret;
    use serde_json::Value as Json;

    pub fn Str(v: &str) -> Value<'_> {
        Value::Str(v)
    }
    pub fn OptStr(v: &Option<String>) -> Value<'_> {
        v.as_deref().map_or(Value::Absent, Value::Str)
    }
    pub fn Strs(v: &[String]) -> Value<'_> {
        list(v.is_empty(), List::Strs(v))
    }
    pub fn Int(v: &i64) -> Value<'_> {
        Value::Int(*v)
    }
    pub fn OptInt(v: &Option<i64>) -> Value<'_> {
        v.map_or(Value::Absent, Value::Int)
    }
    pub fn Ints(v: &[i64]) -> Value<'_> {
        list(v.is_empty(), List::Ints(v))
    }
    pub fn Float(v: &f64) -> Value<'_> {
        Value::Float(*v)
    }
    pub fn OptFloat(v: &Option<f64>) -> Value<'_> {
        v.map_or(Value::Absent, Value::Float)
    }
    pub fn Floats(v: &[f64]) -> Value<'_> {
        list(v.is_empty(), List::Floats(v))
    }
    pub fn Bool(v: &bool) -> Value<'_> {
        Value::Bool(*v)
    }
    pub fn OptBool(v: &Option<bool>) -> Value<'_> {
        v.map_or(Value::Absent, Value::Bool)
    }
    pub fn Bools(v: &[bool]) -> Value<'_> {
        list(v.is_empty(), List::Bools(v))
    }
    pub fn Json(v: &Json) -> Value<'_> {
        Value::Json(v)
    }
    pub fn OptJson(v: &Option<Json>) -> Value<'_> {
        v.as_ref().map_or(Value::Absent, Value::Json)
    }
    pub fn Jsons(v: &[Json]) -> Value<'_> {
        list(v.is_empty(), List::Jsons(v))
    }
    pub fn Secret(v: &Secret) -> Value<'_> {
        Value::Secret(v)
    }
    pub fn OptSecret(v: &Option<Secret>) -> Value<'_> {
        v.as_ref().map_or(Value::Absent, Value::Secret)
    }
    pub fn Secrets(v: &[Secret]) -> Value<'_> {
        list(v.is_empty(), List::Secrets(v))
    }
    pub fn Base64Str(v: &str) -> Value<'_> {
        Value::Base64(v)
    }
    pub fn OptBase64Str(v: &Option<String>) -> Value<'_> {
        v.as_deref().map_or(Value::Absent, Value::Base64)
    }
    pub fn Base64Secret(v: &Secret) -> Value<'_> {
        Value::Base64Secret(v)
    }
    pub fn OptBase64Secret(v: &Option<Secret>) -> Value<'_> {
        v.as_ref().map_or(Value::Absent, Value::Base64Secret)
    }
    fn list(empty: bool, items: List<'_>) -> Value<'_> {
        if empty {
            Value::Absent
        } else {
            Value::List(items)
        }
    }
}

/// The empty value of each kind of field, for [`Model::blank`] of structs with required
/// fields: what they hold until read.
#[allow(non_snake_case, missing_docs)]
pub mod blank {
    use super::{Model, OpenEnum, OpenIntEnum};

    /// Every optional and list kind, and the scalar required ones: their `Default`.
    pub fn default<T: Default>() -> T {
        T::default()
    }
    pub fn Enum<E: OpenEnum>() -> E {
        E::undocumented(String::new())
    }
    pub fn IntEnum<E: OpenIntEnum>() -> E {
        E::undocumented(0)
    }
    pub fn Model<T: Model>() -> T {
        T::blank()
    }
}

/// Calls `f` with each item of a list.
pub(crate) fn each<'a>(list: List<'a>, mut f: impl FnMut(Value<'a>)) {
    match list {
        List::Strs(v) => v.iter().for_each(|s| f(Value::Str(s))),
        List::Ints(v) => v.iter().for_each(|i| f(Value::Int(*i))),
        List::Floats(v) => v.iter().for_each(|x| f(Value::Float(*x))),
        List::Bools(v) => v.iter().for_each(|b| f(Value::Bool(*b))),
        List::Jsons(v) => v.iter().for_each(|j| f(Value::Json(j))),
        List::Secrets(v) => v.iter().for_each(|s| f(Value::Secret(s))),
        List::Enums(v) => (0..v.len()).for_each(|i| f(Value::Enum(v.get(i)))),
        List::IntEnums(v) => (0..v.len()).for_each(|i| f(Value::Int(v.get(i)))),
        List::Models(v) => (0..v.len())
            .filter_map(|i| v.get(i))
            .for_each(|m| f(Value::Model(m))),
    }
}

/// The number of items of a list.
pub(crate) fn list_len(list: List<'_>) -> usize {
    match list {
        List::Strs(v) => v.len(),
        List::Ints(v) => v.len(),
        List::Floats(v) => v.len(),
        List::Bools(v) => v.len(),
        List::Jsons(v) => v.len(),
        List::Secrets(v) => v.len(),
        List::Enums(v) => v.len(),
        List::IntEnums(v) => v.len(),
        List::Models(v) => v.len(),
    }
}

#[cfg(test)]
mod tests;
