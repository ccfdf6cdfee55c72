//! The page's request example as a value of the form body's schema, so tools can show and
//! check it: `Disks.0.IsBoot=True` becomes `{"Disks": [{"IsBoot": "True"}]}` by following
//! the spec's request tree, each value typed as its parameter is (`Size=1` gives `1` for an
//! int). A page that writes `N` for the index (`Disks.N.IsBoot`) means its only item: index
//! 0. A name the tree does not have is kept as written, as a key of its own; the form as the
//! page wrote it goes in the example's description.

use super::value;
use crate::spec::{Action, ParamNode, Scalar};
use serde_json::{Map, Value};

/// The largest list index an example may use: a bigger one is kept as written rather than
/// padded with that many empty items.
const MAX_INDEX: usize = 100;

/// `action`'s request example as an object, starting with `Action`.
pub fn request(action: &Action) -> Value {
    let mut root = Value::Object(Map::from_iter([(
        "Action".to_string(),
        Value::String(action.name.clone()),
    )]));
    for (name, text) in &action.examples.request {
        let segments: Vec<&str> = name.split('.').collect();
        let placed = path(&action.request_tree, &segments)
            .is_some_and(|(steps, ty)| put(&mut root, &steps, typed(ty, text)));
        if !placed {
            if let Value::Object(map) = &mut root {
                map.entry(name.clone())
                    .or_insert_with(|| Value::String(text.clone()));
            }
        }
    }
    root
}

fn typed(ty: Scalar, text: &str) -> Value {
    value::typed(ty, text).unwrap_or_else(|| Value::String(text.to_string()))
}

/// One step into the body value: a member or a list item.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The steps `segments` take through `nodes` to a leaf, and the leaf's type; `None` when
/// the name does not follow the tree.
fn path<'a>(nodes: &'a [ParamNode], segments: &[&str]) -> Option<(Vec<Step<'a>>, Scalar)> {
    let (first, mut rest) = segments.split_first()?;
    let node = nodes.iter().find(|n| n.name == *first)?;
    let mut steps = vec![Step::Key(node.name.as_str())];
    if node.list {
        let (index, after) = rest.split_first()?;
        steps.push(Step::Index(list_index(index)?));
        rest = after;
    }
    match node.ty {
        Some(ty) if rest.is_empty() => Some((steps, ty)),
        Some(_) => None,
        None => {
            let (more, ty) = path(&node.children, rest)?;
            steps.extend(more);
            Some((steps, ty))
        }
    }
}

/// `0`, `1`, … or the page's `N` (its only item, 0).
fn list_index(segment: &str) -> Option<usize> {
    match segment {
        "N" => Some(0),
        _ => segment.parse().ok().filter(|i| *i <= MAX_INDEX),
    }
}

/// Puts `value` at `steps` below `at`, making the objects and lists on the way (a list item
/// before the given index that the example never fills stays `null`); false when something
/// else is already there.
fn put(at: &mut Value, steps: &[Step], value: Value) -> bool {
    let Some((step, rest)) = steps.split_first() else {
        if at.is_null() {
            *at = value;
            return true;
        }
        return false;
    };
    let next = match step {
        Step::Key(key) => {
            if at.is_null() {
                *at = Value::Object(Map::new());
            }
            let Value::Object(map) = at else {
                return false;
            };
            map.entry(key.to_string()).or_insert(Value::Null)
        }
        Step::Index(i) => {
            if at.is_null() {
                *at = Value::Array(Vec::new());
            }
            let Value::Array(items) = at else {
                return false;
            };
            if items.len() <= *i {
                items.resize(i + 1, Value::Null);
            }
            &mut items[*i]
        }
    };
    put(next, rest, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn leaf(name: &str, ty: Scalar, list: bool) -> ParamNode {
        ParamNode {
            name: name.into(),
            list,
            required: false,
            ty: Some(ty),
            param: Some(0),
            model: None,
            children: Vec::new(),
        }
    }

    fn disks() -> Vec<ParamNode> {
        vec![
            ParamNode {
                name: "Disks".into(),
                list: true,
                required: true,
                ty: None,
                param: None,
                model: None,
                children: vec![
                    leaf("IsBoot", Scalar::String, false),
                    leaf("Size", Scalar::Int, false),
                ],
            },
            leaf("Ids", Scalar::String, true),
            leaf("Count", Scalar::Int, false),
        ]
    }

    #[test]
    fn names_follow_the_tree() {
        let tree = disks();
        let (steps, ty) = path(&tree, &["Disks", "N", "Size"]).unwrap();
        assert_eq!(
            steps,
            [Step::Key("Disks"), Step::Index(0), Step::Key("Size")]
        );
        assert_eq!(ty, Scalar::Int);
        assert!(path(&tree, &["Disks", "Size"]).is_none(), "no index");
        assert!(path(&tree, &["Disks", "0", "Nope"]).is_none());
        assert!(path(&tree, &["Count", "0"]).is_none(), "not a list");
        assert!(path(&tree, &["Ids", "1000000"]).is_none(), "too far");
    }

    #[test]
    fn values_land_in_nested_objects_and_lists() {
        let tree = disks();
        let mut root = json!({});
        for (name, text) in [
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Size", "40"),
            ("Disks.1.Size", "x"),
            ("Ids.1", "b"),
        ] {
            let segments: Vec<&str> = name.split('.').collect();
            let (steps, ty) = path(&tree, &segments).unwrap();
            assert!(put(&mut root, &steps, typed(ty, text)));
        }
        assert_eq!(
            root,
            json!({"Disks": [{"IsBoot": "True", "Size": 40}, {"Size": "x"}], "Ids": [null, "b"]})
        );
        let (steps, _) = path(&tree, &["Disks", "0", "Size"]).unwrap();
        assert!(!put(&mut root, &steps, json!(1)), "already given");
    }
}
