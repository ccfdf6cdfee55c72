//! The one rule of a request's documentation the client checks before sending: a list the
//! field table marks required (`FieldInfo::required` with [`Shape::List`]) has at least one
//! item, at every depth of the values that are set. UCloud refuses such a request over the
//! network; the client refuses it at once, naming the parameter.

use super::{FieldInfo, List, Model, Shape, Value};

/// The wire name of the first required list left empty in `request`, with the indexes of
/// the items it is in (`Disks`, `NetworkInterface.0.IPs`); `None` when every one has items.
/// Only structs that are set are looked into, as UCloud does (an unset optional struct
/// has no required parameters).
pub(crate) fn empty_required_list(request: &dyn Model) -> Option<String> {
    first_empty(request, "")
}

/// [`empty_required_list`] of `model`, its parameter names under `prefix` (`""`, or
/// `Disks.0.`).
fn first_empty(model: &dyn Model, prefix: &str) -> Option<String> {
    let mut infos = model.fields().iter();
    let mut found = None;
    model.visit(&mut |value| {
        let Some(info) = infos.next() else { return };
        if found.is_none() {
            found = in_field(info, value, prefix);
        }
    });
    found
}

/// The first required list left empty in one field's value.
fn in_field(info: &FieldInfo, value: Value<'_>, prefix: &str) -> Option<String> {
    match value {
        Value::Absent if info.required && info.shape == Shape::List => {
            Some(format!("{prefix}{}", info.wire))
        }
        Value::Model(inner) => first_empty(inner, &format!("{prefix}{}.", info.wire)),
        Value::List(List::Models(items)) => (0..items.len()).find_map(|i| {
            let item = items.get(i)?;
            first_empty(item, &format!("{prefix}{}.{i}.", info.wire))
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::empty_required_list;

    #[derive(Clone, Default)]
    struct Disk {
        size: Option<i64>,
        tags: Vec<String>,
    }
    crate::model!(Disk: default { size: "Size" OptInt, tags: "Tags" Strs required });

    #[derive(Clone, Default)]
    struct Interface {
        ips: Vec<String>,
    }
    crate::model!(Interface: default { ips: "IPs" Strs required });

    #[derive(Clone, Default)]
    struct Create {
        disks: Vec<Disk>,
        interface: Option<Interface>,
        names: Vec<String>,
    }
    crate::model!(Create: default {
        disks: "Disks" Models required,
        interface: "Interface" OptModel,
        names: "Names" Strs
    });

    fn disk(tags: &[&str]) -> Disk {
        Disk {
            size: Some(20),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn an_empty_required_list_is_named_at_any_depth() {
        let mut req = Create::default();
        assert_eq!(empty_required_list(&req).as_deref(), Some("Disks"));
        req.disks = vec![disk(&["a"]), disk(&[])];
        assert_eq!(empty_required_list(&req).as_deref(), Some("Disks.1.Tags"));
        req.disks[1].tags.push("b".into());
        assert_eq!(
            empty_required_list(&req),
            None,
            "an optional list may be empty"
        );
        req.interface = Some(Interface::default());
        assert_eq!(empty_required_list(&req).as_deref(), Some("Interface.IPs"));
        req.interface = None;
        assert_eq!(
            empty_required_list(&req),
            None,
            "an unset struct is not looked into"
        );
    }
}
