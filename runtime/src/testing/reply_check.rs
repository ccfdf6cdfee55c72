//! The check of a reply the test gives as JSON (or as a typed value, which passes by
//! construction): it must decode into the action's response type as the client will
//! decode it, and hold no key the type does not know, at any depth. A test whose reply
//! misspells `UHostSet` would otherwise pass while the code under test reads nothing.
//!
//! The client's decoding stays lenient: this check is the mock's, on what the test wrote.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decode::{self, Segment};
use crate::model::{Model, Slot};

/// The response type of an action, for the mock to check replies against: made with
/// [`ResponseType::of`] (`ucloud-sdk` does, for every action).
#[derive(Clone, Copy)]
pub struct ResponseType {
    check: fn(&Value) -> Vec<String>,
}

impl ResponseType {
    /// The response type `T` (a generated `…Response`).
    pub const fn of<T: Model + DeserializeOwned>() -> ResponseType {
        ResponseType { check: check::<T> }
    }

    /// What is wrong with `reply` (a JSON object) as a `T`, one message each; empty when
    /// nothing is.
    pub(super) fn problems(&self, reply: &Value) -> Vec<String> {
        (self.check)(reply)
    }
}

impl std::fmt::Debug for ResponseType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseType").finish_non_exhaustive()
    }
}

/// The problems of `reply` as a `T`: the value that does not decode (a wrong type, a
/// required field missing), else every unknown key (the top-level `Action`, `RetCode` and
/// `Message` are the envelope's, not the type's).
fn check<T: Model + DeserializeOwned>(reply: &Value) -> Vec<String> {
    let name = T::blank().type_name();
    match decode::unknown_fields::<T>(reply) {
        Err(e) => vec![format!(
            "the reply does not decode as {name}: at `{}`: {}",
            e.path(),
            e.message
        )],
        Ok(unknown) => unknown
            .iter()
            .map(|path| unknown_key(&mut T::blank(), path, name))
            .collect(),
    }
}

/// The message for the unknown key at `path`: the path, and the known keys beside it.
fn unknown_key(root: &mut dyn Model, path: &[Segment], name: &str) -> String {
    let (key, parents) = match path.split_last() {
        Some((Segment::Key(key), parents)) => (key.as_str(), parents),
        _ => ("", path),
    };
    let known = known_keys(root, parents);
    let mut message = format!(
        "the reply has a key {name} does not know: `{}`",
        decode::join(path)
    );
    match suggestion(key, &known) {
        Some(near) => message.push_str(&format!(" (did you mean `{near}`?)")),
        None if known.is_empty() => {}
        None => message.push_str(&format!("; known keys there: {}", list(&known))),
    }
    message
}

/// The wire names of the struct at `parents` under `model` (list indexes skipped): blank
/// structs are made on the way down, as the decoder would make them.
fn known_keys(model: &mut dyn Model, parents: &[Segment]) -> Vec<&'static str> {
    let Some((first, rest)) = parents.split_first() else {
        return model.fields().iter().map(|f| f.wire).collect();
    };
    let Segment::Key(key) = first else {
        return known_keys(model, rest);
    };
    match model.slot(key) {
        Slot::Model(inner) => known_keys(inner, rest),
        Slot::OptModel(inner) => known_keys(inner.insert_blank(), rest),
        Slot::Models(items) => known_keys(items.push_blank(), rest),
        _ => Vec::new(),
    }
}

/// The known key `key` was likely meant to be: one equal ignoring ASCII case, else the
/// nearest within two edits (the first listed of the nearest).
fn suggestion(key: &str, known: &[&'static str]) -> Option<&'static str> {
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substituted = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substituted.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// `A, B, C` (at most 12, then `…`).
fn list(keys: &[&str]) -> String {
    const SHOWN: usize = 12;
    let mut out = keys
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if keys.len() > SHOWN {
        out.push_str(&format!(", … ({} in all)", keys.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("Stat", "State"), 1);
        assert_eq!(edit_distance("UhostSet", "UHostSet"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions_ignore_case_first_then_two_edits_at_most() {
        let known = ["UHostSet", "TotalCount", "State"];
        assert_eq!(suggestion("UhostSet", &known), Some("UHostSet"));
        assert_eq!(suggestion("uhostset", &known), Some("UHostSet"));
        assert_eq!(suggestion("Stat", &known), Some("State"));
        assert_eq!(suggestion("TotlCont", &known), Some("TotalCount"));
        assert_eq!(suggestion("Hosts", &known), None);
    }
}
