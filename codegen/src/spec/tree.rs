//! Flattened request names → a tree: `Disks.N.IsBoot` and `Disks.N.Size` become one list node
//! `Disks` with two leaves; `Features.UNI` a struct node; `PrivateIp.N` a list leaf.
//!
//! A group is required when a parameter in it is, except a group made from a model of the
//! page (`Targets | array[TargetConfig]`), whose row says whether it is.

use super::{FromModel, Param, ParamNode};

/// A parameter that has no place in the tree (it is left out of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// Index of the parameter in the list given to [`build`].
    pub param: usize,
    pub why: Why,
    pub message: String,
}

/// Why a parameter is a [`Misfit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The name cannot be a path (`Disks.N.N`, an empty segment, too deep).
    BadName,
    /// Its path clashes with an earlier parameter's (a value and a group at once).
    Conflict,
}

/// The tree of `params`, and the parameters that have no place in it. The spec model holds
/// no diagnostics: the parser reports the misfits (see [`crate::parse`]), and a later rebuild
/// ([`super::Action::rebuild_request_tree`]) meets only parameters already checked.
pub fn build(params: &[Param]) -> (Vec<ParamNode>, Vec<Misfit>) {
    let mut roots: Vec<ParamNode> = Vec::new();
    let mut misfits = Vec::new();
    for (index, p) in params.iter().enumerate() {
        let placed = segments(&p.wire_name)
            .map_err(|msg| (Why::BadName, msg))
            .and_then(|segs| {
                insert(&mut roots, &segs, index, p).map_err(|msg| (Why::Conflict, msg))
            });
        if let Err((why, msg)) = placed {
            misfits.push(Misfit {
                param: index,
                why,
                message: format!("{}: {msg}; parameter ignored", p.wire_name),
            });
        }
    }
    for p in params {
        if let Some(from) = &p.from_model {
            if let Ok(segs) = segments(&from.group) {
                mark(&mut roots, &segs, from);
            }
        }
    }
    settle(&mut roots, params);
    (roots, misfits)
}

/// Records on the group at `segs` the model it was made from and the row's required flag.
fn mark(nodes: &mut [ParamNode], segs: &[(&str, bool)], from: &FromModel) {
    let Some(((name, _), rest)) = segs.split_first() else {
        return;
    };
    let Some(node) = nodes.iter_mut().find(|n| n.name == *name && n.ty.is_none()) else {
        return;
    };
    if rest.is_empty() {
        node.model = Some(from.model.clone());
        node.required = from.required;
    } else {
        mark(&mut node.children, rest, from);
    }
}

/// Required flags bottom-up: a leaf's own; a group's from its model row when it has one,
/// else whether any child is required.
fn settle(nodes: &mut [ParamNode], params: &[Param]) {
    for n in nodes {
        match n.param {
            Some(i) => n.required = params[i].required,
            None => {
                settle(&mut n.children, params);
                if n.model.is_none() {
                    n.required = n.children.iter().any(|c| c.required);
                }
            }
        }
    }
}

/// Deeper than any page nests a parameter (the corpus goes to 4); the emitter recurses once
/// per level, and a name of thousands of levels overflowed its stack.
const MAX_DEPTH: usize = 16;

/// `Disks.N.IsBoot` → `[("Disks", list), ("IsBoot", not list)]`.
fn segments(wire: &str) -> Result<Vec<(&str, bool)>, String> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    for seg in wire.split('.') {
        if out.len() == MAX_DEPTH && seg != "N" {
            return Err(format!("nested more than {MAX_DEPTH} levels deep"));
        }
        if seg == "N" {
            match out.last_mut() {
                Some((_, list @ false)) => *list = true,
                Some(_) => return Err("lists of lists (`.N.N`) cannot be encoded".into()),
                None => return Err("a name cannot start with `N`".into()),
            }
        } else if seg.is_empty() {
            return Err("empty segment between dots".into());
        } else {
            out.push((seg, false));
        }
    }
    Ok(out)
}

fn insert(
    nodes: &mut Vec<ParamNode>,
    segs: &[(&str, bool)],
    index: usize,
    p: &Param,
) -> Result<(), String> {
    let ((name, list), rest) = segs.split_first().ok_or("empty name")?;
    let pos = nodes.iter().position(|n| n.name == *name);
    let leaf = rest.is_empty();
    match pos {
        None => {
            nodes.push(ParamNode {
                name: name.to_string(),
                list: *list,
                required: p.required,
                ty: leaf.then_some(p.ty),
                param: leaf.then_some(index),
                model: None,
                children: Vec::new(),
            });
            if !leaf {
                let last = nodes.last_mut().expect("just pushed");
                insert(&mut last.children, rest, index, p)?;
            }
            Ok(())
        }
        Some(i) => {
            let node = &mut nodes[i];
            if leaf || node.ty.is_some() {
                return Err(format!(
                    "`{name}` is both a value and a group of parameters"
                ));
            }
            if node.list != *list {
                return Err(format!(
                    "`{name}` is used both as a list and as a single value"
                ));
            }
            insert(&mut node.children, rest, index, p)
        }
    }
}
