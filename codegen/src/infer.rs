//! Fields from examples. A page's response example is what the server returned; where it has
//! a field that the tables lack (`RSPort` of pathx's `UGAATask`, an ID echoed from the
//! request), the SDK would drop it. After the product's models are merged, every response
//! example is read against the response table and the models its fields point at:
//!
//! - a key no table lists becomes a field of that response or model, marked `inferred` with
//!   the key's place in the example, and warned as `inferred-field`. Its type comes from the
//!   values every example shows for it: strings, booleans, numbers (`int` unless a value has
//!   a fraction, then `float`); objects become a model named after the key (or after its owner
//!   and the key, when a model of that name exists and the objects do not fit it), whose
//!   fields are inferred the same way; arrays take their items' type. `null` and `[]` alone
//!   say nothing: `any`, unless another example tells more; values of different kinds: `any`;
//! - a key that differs from a table's field only in case (`AlertStrategyID` for
//!   `AlertStrategyId`) is the field, and the example's spelling is the one on the wire: the
//!   field keeps the table's description and takes the example's name, warned as `wire-case`.
//!   When examples disagree on the spelling, the table's is kept.
//!
//! `RetCode`, `Action` and `Message` are left to the runtime, and a key that is not a name
//! (`" TrafficSet"`) is reported and not added. Nor is a key that is no evidence of a field
//! (`infer/noise.rs`): a misspelling of a protocol field (`Aciton`, `TotolCount`), a request id
//! (`Request_uuid`: the runtime reads it from the headers), or the name of a model the
//! response nests, written at the top of a flattened example (`EIPBinding`); each is an
//! info diagnostic, `not-inferred`. An overrides entry can reject an inferred
//! field (`"exclude": true`, see `docs/overrides.md`).

mod noise;

use crate::diag::{kind, quoted, Diagnostics};
use crate::spec::{Action, Field, FieldType, Model, Scalar, Span};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Where an action's response example is: its page, and the line of each key by path.
pub struct Example<'a> {
    pub file: &'a str,
    pub keys: &'a BTreeMap<String, usize>,
}

/// The response fields every action has; the runtime handles them.
const RESPONSE_COMMON: [&str; 3] = ["RetCode", "Action", "Message"];

/// Whose field a key is: an action's response (by index) or a model (by name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Action(usize),
    Model(String),
}

/// A value of the example, where it is: its path (as [`crate::parse::example::key_lines`]
/// spells it) and which example it is in.
#[derive(Debug, Clone)]
struct Sample {
    value: Value,
    path: String,
    example: usize,
}

/// What the examples show, gathered before anything changes.
#[derive(Default)]
struct Seen {
    /// Keys their owner's table lacks, with every value the examples give them.
    unknown: BTreeMap<(Owner, String), Vec<Sample>>,
    /// For each table field an example spells differently, every spelling and where.
    spellings: BTreeMap<(Owner, String), BTreeMap<String, Span>>,
}

/// Infers the fields the tables lack from the examples; `examples[i]` is `actions[i]`'s.
pub fn infer(
    actions: &mut [Action],
    models: &mut Vec<Model>,
    examples: &[Example],
    diags: &mut Diagnostics,
) {
    let mut seen = Seen::default();
    for (i, action) in actions.iter().enumerate() {
        if let Some(example) = &action.examples.response {
            let (path, root) = response_root(example, String::new());
            if let Value::Object(obj) = root {
                let cx = Walk {
                    actions,
                    models,
                    examples,
                    example: i,
                };
                cx.object(&Owner::Action(i), obj, &path, &mut seen);
            }
        }
    }
    respell(&seen.spellings, actions, models, diags);
    let mut taken: BTreeSet<String> = models.iter().map(|m| m.name.clone()).collect();
    let mut new_models = Vec::new();
    for ((owner, key), samples) in &seen.unknown {
        let (owner_name, label) = match owner {
            Owner::Action(i) => (
                actions[*i].name.clone(),
                format!("{} response", actions[*i].name),
            ),
            Owner::Model(m) => (m.clone(), format!("model {m}")),
        };
        let at = span_of(&samples[0], examples);
        let (fields, top) = match owner {
            Owner::Action(i) => (&actions[*i].response[..], Some(top_keys(&actions[*i]))),
            Owner::Model(m) => (
                models
                    .iter()
                    .find(|x| x.name == *m)
                    .map_or(&[][..], |x| &x.fields[..]),
                None,
            ),
        };
        if let Some(why) = noise::why_not_a_field(key, fields, models, top.as_ref()) {
            diags.info_at(
                "not-inferred",
                &at,
                format!(
                    "{label}: the response example has key {} but {why}; not added",
                    quoted(key)
                ),
            );
            continue;
        }
        if let Err(why) = check_key(key) {
            diags.warn_at(
                kind::INFERRED_FIELD,
                &at,
                format!(
                    "{label}: the response example has key {} but {why}; not added",
                    quoted(key)
                ),
            );
            continue;
        }
        let mut cx = Build {
            examples,
            taken: &mut taken,
            table_models: models,
            new_models: &mut new_models,
            diags,
        };
        let (ty, array) = cx.type_of(samples, key, &owner_name);
        let field = inferred_field(key, ty, array, &at);
        let what = describe(&field, &new_models);
        diags.warn_at(
            kind::INFERRED_FIELD,
            &at,
            format!(
                "{label}: {key} is in the response example but in no table of the page; added as {what}, inferred from the example"
            ),
        );
        match owner {
            Owner::Action(i) => actions[*i].response.push(field),
            Owner::Model(m) => {
                if let Some(model) = models.iter_mut().find(|x| x.name == *m) {
                    model.fields.push(field);
                }
            }
        }
    }
    models.extend(new_models);
    models.sort_by(|a, b| a.name.cmp(&b.name));
}

/// Reads the examples against the tables, without changing anything.
struct Walk<'a> {
    actions: &'a [Action],
    models: &'a [Model],
    examples: &'a [Example<'a>],
    example: usize,
}

impl Walk<'_> {
    fn fields(&self, owner: &Owner) -> &[Field] {
        match owner {
            Owner::Action(i) => &self.actions[*i].response,
            Owner::Model(m) => self
                .models
                .iter()
                .find(|x| x.name == *m)
                .map_or(&[][..], |x| &x.fields),
        }
    }

    fn object(&self, owner: &Owner, obj: &Map<String, Value>, path: &str, seen: &mut Seen) {
        let fields = self.fields(owner);
        for (key, value) in obj {
            let common = RESPONSE_COMMON.iter().any(|c| c.eq_ignore_ascii_case(key));
            if matches!(owner, Owner::Action(_)) && common {
                continue;
            }
            let key_path = join(path, key);
            let exact = fields.iter().find(|f| f.name == *key);
            let field = exact.or_else(|| fields.iter().find(|f| f.name.eq_ignore_ascii_case(key)));
            let Some(field) = field else {
                seen.unknown
                    .entry((owner.clone(), key.clone()))
                    .or_default()
                    .push(Sample {
                        value: value.clone(),
                        path: key_path,
                        example: self.example,
                    });
                continue;
            };
            let at = self.span(&key_path);
            seen.spellings
                .entry((owner.clone(), field.name.clone()))
                .or_default()
                .entry(key.clone())
                .or_insert(at);
            if let FieldType::Model(m) = &field.ty {
                self.instances(&Owner::Model(m.clone()), value, &key_path, seen);
            }
        }
    }

    /// The objects a value of a model-typed field holds, directly or in (nested) lists.
    fn instances(&self, owner: &Owner, value: &Value, path: &str, seen: &mut Seen) {
        match value {
            Value::Object(obj) => self.object(owner, obj, path, seen),
            Value::Array(items) => {
                let path = join(path, "[]");
                for item in items {
                    self.instances(owner, item, &path, seen);
                }
            }
            _ => {}
        }
    }

    fn span(&self, path: &str) -> Span {
        let e = &self.examples[self.example];
        Span::new(e.file, e.keys.get(path).copied().unwrap_or(0))
    }
}

/// Gives table fields the example's spelling where every example agrees on one that differs
/// from the table's only in case.
fn respell(
    spellings: &BTreeMap<(Owner, String), BTreeMap<String, Span>>,
    actions: &mut [Action],
    models: &mut [Model],
    diags: &mut Diagnostics,
) {
    for ((owner, name), seen) in spellings {
        if seen.len() == 1 && seen.contains_key(name) {
            continue;
        }
        let (label, fields) = match owner {
            Owner::Action(i) => (
                format!("{} response", actions[*i].name),
                &mut actions[*i].response,
            ),
            Owner::Model(m) => match models.iter_mut().find(|x| x.name == *m) {
                Some(model) => (format!("model {m}"), &mut model.fields),
                None => continue,
            },
        };
        let Some(field) = fields.iter_mut().find(|f| f.name == *name) else {
            continue;
        };
        let row = field.source.clone();
        if let [(spelled, at)] = seen.iter().collect::<Vec<_>>().as_slice() {
            diags.warn_at(
                "wire-case",
                at,
                format!(
                    "{label}: the table spells the field {name} (at {row}), the response example {spelled}; the example's spelling is used on the wire: it is what the server returned"
                ),
            );
            field.name = (*spelled).clone();
        } else {
            let all: Vec<String> = seen.iter().map(|(s, at)| format!("{s} at {at}")).collect();
            diags.warn_at(
                "wire-case",
                &row,
                format!(
                    "{label}: the examples spell the field {name} differently ({}); the table's spelling is kept",
                    all.join(", ")
                ),
            );
        }
    }
}

/// Builds the types of inferred fields, and the models their objects become.
struct Build<'a> {
    examples: &'a [Example<'a>],
    taken: &'a mut BTreeSet<String>,
    table_models: &'a [Model],
    new_models: &'a mut Vec<Model>,
    diags: &'a mut Diagnostics,
}

impl Build<'_> {
    /// The (element type, is it a list) the samples' values fit.
    fn type_of(&mut self, samples: &[Sample], key: &str, owner: &str) -> (FieldType, bool) {
        let any = FieldType::Scalar(Scalar::Any);
        let values: Vec<&Sample> = samples.iter().filter(|s| !s.value.is_null()).collect();
        if values.is_empty() {
            return (any, false);
        }
        if !values.iter().all(|s| s.value.is_array()) {
            if values.iter().any(|s| s.value.is_array()) {
                return (any, false);
            }
            return (self.element(&values, key, owner), false);
        }
        let items: Vec<Sample> = values
            .iter()
            .flat_map(|s| {
                let path = join(&s.path, "[]");
                s.value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(move |v| Sample {
                        value: v.clone(),
                        path: path.clone(),
                        example: s.example,
                    })
            })
            .filter(|s| !s.value.is_null())
            .collect();
        if items.is_empty() || items.iter().any(|s| s.value.is_array()) {
            return (any, true);
        }
        let refs: Vec<&Sample> = items.iter().collect();
        (self.element(&refs, key, owner), true)
    }

    /// The type of values that are neither null nor lists.
    fn element(&mut self, values: &[&Sample], key: &str, owner: &str) -> FieldType {
        let all = |p: fn(&Value) -> bool| values.iter().all(|s| p(&s.value));
        let scalar = if all(Value::is_boolean) {
            Scalar::Bool
        } else if all(|v| v.is_i64() || v.is_u64()) {
            Scalar::Int
        } else if all(Value::is_number) {
            Scalar::Float
        } else if all(Value::is_string) {
            Scalar::String
        } else if all(Value::is_object) {
            return FieldType::Model(self.model(values, key, owner));
        } else {
            Scalar::Any
        };
        FieldType::Scalar(scalar)
    }

    /// The model the objects become: a table model of the key's name when they fit it, else
    /// a new one named after the key (or the owner and the key, when that name is taken).
    fn model(&mut self, objects: &[&Sample], key: &str, owner: &str) -> String {
        let keys: BTreeSet<&str> = objects
            .iter()
            .filter_map(|s| s.value.as_object())
            .flat_map(|o| o.keys().map(String::as_str))
            .collect();
        if let Some(m) = self.table_models.iter().find(|m| m.name == key) {
            if keys.iter().all(|k| m.fields.iter().any(|f| f.name == *k)) {
                return m.name.clone();
            }
        }
        let name = fresh_name(key, owner, self.taken);
        let at = span_of(objects[0], self.examples);
        let mut fields = Vec::new();
        for k in keys {
            let samples: Vec<Sample> = objects
                .iter()
                .filter_map(|s| {
                    let v = s.value.as_object()?.get(k)?;
                    Some(Sample {
                        value: v.clone(),
                        path: join(&s.path, k),
                        example: s.example,
                    })
                })
                .collect();
            let field_at = span_of(&samples[0], self.examples);
            if let Err(why) = check_key(k) {
                self.diags.warn_at(
                    kind::INFERRED_FIELD,
                    &field_at,
                    format!(
                        "model {name}: the response example has key {} but {why}; not added",
                        quoted(k)
                    ),
                );
                continue;
            }
            let (ty, array) = self.type_of(&samples, k, &name);
            fields.push(inferred_field(k, ty, array, &field_at));
        }
        self.new_models.push(Model {
            name: name.clone(),
            fields,
            sources: vec![at.clone()],
            inferred: Some(at),
        });
        name
    }
}

/// `key`, or `{owner}{key}`, `{owner}{key}2`, … when taken.
fn fresh_name(key: &str, owner: &str, taken: &mut BTreeSet<String>) -> String {
    if taken.contains(key) {
        crate::names::fresh_name(&format!("{owner}{key}"), taken)
    } else {
        crate::names::fresh_name(key, taken)
    }
}

fn inferred_field(key: &str, ty: FieldType, array: bool, at: &Span) -> Field {
    Field {
        name: key.to_string(),
        ty,
        array,
        required: false,
        description: String::new(),
        source: at.clone(),
        inferred: Some(at.clone()),
        overridden: Vec::new(),
        facts: Default::default(),
    }
}

/// `array[model:X]` (X with N fields), for messages.
fn describe(f: &Field, new_models: &[Model]) -> String {
    let ty = if f.array {
        format!("array[{}]", f.ty)
    } else {
        f.ty.to_string()
    };
    match &f.ty {
        FieldType::Model(m) => match new_models.iter().find(|x| x.name == *m) {
            Some(x) => format!(
                "{ty} (a model of {} field(s) from its objects)",
                x.fields.len()
            ),
            None => format!("{ty} (the page's model, whose fields its objects have)"),
        },
        FieldType::Scalar(_) => ty,
    }
}

/// A key is added only when it is a name: no dots (it would read as a nested parameter).
fn check_key(key: &str) -> Result<(), String> {
    if key.contains('.') {
        return Err("it contains `.`".into());
    }
    crate::names::check_name(key)
}

/// The keys of the response object of an action's example.
fn top_keys(action: &Action) -> BTreeSet<&str> {
    let Some(example) = &action.examples.response else {
        return BTreeSet::new();
    };
    match response_root(example, String::new()).1 {
        Value::Object(obj) => obj.keys().map(String::as_str).collect(),
        _ => BTreeSet::new(),
    }
}

fn span_of(s: &Sample, examples: &[Example]) -> Span {
    let e = &examples[s.example];
    Span::new(e.file, e.keys.get(&s.path).copied().unwrap_or(0))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The response object of an example and its path: the top level, or the first object inside
/// it that has `Action` or `RetCode` (some pages wrap the response in `{"JSON": {...}}`).
fn response_root(example: &Value, path: String) -> (String, &Value) {
    fn find(v: &Value, path: String) -> Option<(String, &Value)> {
        match v {
            Value::Object(o) if o.contains_key("Action") || o.contains_key("RetCode") => {
                Some((path, v))
            }
            Value::Object(o) => o.iter().find_map(|(k, c)| find(c, join(&path, k))),
            Value::Array(a) => a.iter().find_map(|c| find(c, join(&path, "[]"))),
            _ => None,
        }
    }
    find(example, path.clone()).unwrap_or((path, example))
}
